/**
 * What the text programs share beyond stdio: opening their FILE operands
 * ("-" is standard input), quoting in the C locale's "locale" style that
 * diagnostics use ('x', with backslash escapes), and the numeric option
 * arguments GNU tools accept (decimal with optional size suffixes).
 */

import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";
import { Input } from "./stdio.ts";

/** An opened FILE operand. */
export interface OpenedInput {
	readonly input: Input;
	readonly fd: number;
	/** Standard input: not closed afterwards. */
	readonly isStdin: boolean;
}

/** Everything readable from `fd` to EOF, as a byte string. */
export function* readAllFile(sys: Sys, fd: number): Run<string> {
	return yield* new Input(sys, fd).all();
}

/** Open `name` for reading ("-" is stdin); a KernelError when open(2) fails. */
export function openInput(sys: Sys, name: string): OpenedInput | KernelError {
	if (name === "-") return { input: new Input(sys, 0), fd: 0, isStdin: true };
	try {
		const fd = sys.vfs.open(sys.task, name, 0);
		return { input: new Input(sys, fd), fd, isStdin: false };
	} catch (e) {
		if (e instanceof KernelError) return e;
		throw e;
	}
}

/** Close what openInput() opened (standard input stays open). */
export function closeInput(sys: Sys, opened: OpenedInput): void {
	if (opened.isStdin) return;
	try {
		sys.vfs.close(sys.task, opened.fd);
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
}

/** Run `fn` while catching the KernelError it throws (read errors), returning it. */
export function* catching<T>(fn: () => Run<T>): Run<T | KernelError> {
	try {
		return yield* fn();
	} catch (e) {
		if (e instanceof KernelError) return e;
		throw e;
	}
}

/** The byte (0-255) at `i` of a byte string. */
export function byteAt(s: string, i: number): number {
	return s.charCodeAt(i) & 0xff;
}

const C_ESCAPES: Record<number, string> = {
	7: "\\a",
	8: "\\b",
	9: "\\t",
	10: "\\n",
	11: "\\v",
	12: "\\f",
	13: "\\r",
};

/**
 * quote() in the C locale: 'x', with a backslash before ' and \, and C
 * escapes (\n, octal) for unprintable bytes.
 */
export function quoteLocale(s: string): string {
	let out = "'";
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 0x27) out += "\\'";
		else if (c === 0x5c) out += "\\\\";
		else if (C_ESCAPES[c] !== undefined) out += C_ESCAPES[c];
		else if (c < 0x20 || c >= 0x7f) out += `\\${c.toString(8).padStart(3, "0")}`;
		else out += s[i];
	}
	return `${out}'`;
}

/** The multipliers of GNU size suffixes (xstrtol's "bkKmMGTPEZY" with B and iB forms). */
const SUFFIX_POWERS: Record<string, number> = {
	K: 1,
	k: 1,
	M: 2,
	m: 2,
	G: 3,
	T: 4,
	P: 5,
	E: 6,
	Z: 7,
	Y: 8,
};

export type SizeParse =
	| { readonly ok: true; readonly value: bigint }
	| { readonly ok: false; readonly overflow: boolean };

/**
 * A non-negative decimal count as xstrtoumax() reads it, with the size
 * suffixes head, tail and friends take when `suffixes` is set: b (512),
 * K/M/G... (1024^n), KB/MB... (1000^n), KiB/MiB... (1024^n).
 */
export function parseCount(text: string, suffixes: boolean): SizeParse {
	const m = /^[ \t\n\v\f\r]*\+?([0-9]+)(.*)$/s.exec(text);
	if (m === null) return { ok: false, overflow: false };
	let value = BigInt(m[1]!);
	const suffix = m[2]!;
	if (suffix !== "") {
		if (!suffixes) return { ok: false, overflow: false };
		let mult: bigint;
		if (suffix === "b") mult = 512n;
		else if (suffix === "c") mult = 1n;
		else if (suffix === "w") mult = 2n;
		else {
			const power = SUFFIX_POWERS[suffix[0]!];
			const rest = suffix.slice(1);
			if (power === undefined) return { ok: false, overflow: false };
			let base: bigint;
			if (rest === "" || rest === "iB") base = 1024n;
			else if (rest === "B") base = 1000n;
			else return { ok: false, overflow: false };
			mult = base ** BigInt(power);
		}
		value *= mult;
	}
	if (value > 0xffffffffffffffffn) return { ok: false, overflow: true };
	return { ok: true, value };
}

/** A bigint count as a JS number, saturating (counts beyond 2^53 are "infinite" here). */
export function countToNumber(n: bigint): number {
	return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

/** How many iterations a CPU loop runs between preemption points. */
export const PREEMPT_EVERY = 4096;
