/**
 * What the text programs share beyond stdio: opening their FILE operands
 * ("-" is standard input), quoting in the C locale's "locale" style that
 * diagnostics use ('x', with backslash escapes), and the numeric option
 * arguments GNU tools accept (decimal with optional size suffixes).
 */

import { SEEK_CUR } from "../../fs/constants.ts";
import { bytesToBinary } from "../../kernel/bytes.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";
import { READ_CHUNK } from "./stdio.ts";

/**
 * Buffered reading of a file descriptor by lines or chunks, which can give
 * back what it read ahead (lseek to the first unused byte) when a program
 * stops early, as GNU head, sed and grep -m leave a seekable input.
 */
export class Reader {
	private readonly sys: Sys;
	readonly fd: number;
	private buf = "";
	private pos = 0;
	private eof = false;

	constructor(sys: Sys, fd: number) {
		this.sys = sys;
		this.fd = fd;
	}

	/** Read more; false at end of file. Read errors are thrown (KernelError). */
	private *fill(): Run<boolean> {
		if (this.eof) return false;
		const chunk = yield* this.sys.read(this.fd, READ_CHUNK);
		if (chunk.length === 0) {
			this.eof = true;
			return false;
		}
		const data = bytesToBinary(chunk);
		if (this.pos >= this.buf.length) this.buf = data;
		else this.buf = this.buf.slice(this.pos) + data;
		this.pos = 0;
		return true;
	}

	/** The next line with its terminator (the last may lack one), or null at EOF. */
	*line(terminator = "\n"): Run<string | null> {
		let from = this.pos;
		for (;;) {
			const nl = this.buf.indexOf(terminator, from);
			if (nl >= 0) {
				const line = this.buf.slice(this.pos, nl + 1);
				this.pos = nl + 1;
				return line;
			}
			const seen = this.buf.length - this.pos;
			if (!(yield* this.fill())) return this.take();
			from = seen;
		}
	}

	/** What is buffered, or the next chunk read, or null at EOF. */
	*chunk(): Run<string | null> {
		if (this.pos >= this.buf.length && !(yield* this.fill())) return null;
		return this.take();
	}

	/** What is buffered (reading once if nothing is), without consuming it; null at EOF. */
	*peek(): Run<string | null> {
		if (this.pos >= this.buf.length && !(yield* this.fill())) return null;
		return this.pos === 0 ? this.buf : this.buf.slice(this.pos);
	}

	/** Everything up to EOF. */
	*all(): Run<string> {
		let out = this.take() ?? "";
		for (;;) {
			const c = yield* this.chunk();
			if (c === null) return out;
			out += c;
		}
	}

	private take(): string | null {
		if (this.pos >= this.buf.length) return null;
		const s = this.pos === 0 ? this.buf : this.buf.slice(this.pos);
		this.buf = "";
		this.pos = 0;
		return s;
	}

	/** Push text back in front of what is buffered (it was taken but not used). */
	unread(text: string): void {
		this.buf = text + this.buf.slice(this.pos);
		this.pos = 0;
	}

	/** Move a seekable file's offset back by `n` bytes already consumed (errors ignored). */
	rewind(n: number): void {
		if (n <= 0) return;
		try {
			this.sys.vfs.lseek(this.sys.task, this.fd, -n, SEEK_CUR);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}

	/** Give back what was read but not used: move a seekable file's offset to it. */
	giveBack(): void {
		const unused = this.buf.length - this.pos;
		this.buf = "";
		this.pos = 0;
		this.rewind(unused);
	}
}

/** An opened FILE operand. */
export interface OpenedInput {
	readonly input: Reader;
	readonly fd: number;
	/** Standard input: not closed afterwards. */
	readonly isStdin: boolean;
}

/** Everything readable from `fd` to EOF, as a byte string. */
export function* readAllFile(sys: Sys, fd: number): Run<string> {
	return yield* new Reader(sys, fd).all();
}

/** Open `name` for reading ("-" is stdin); a KernelError when open(2) fails. */
export function openInput(sys: Sys, name: string): OpenedInput | KernelError {
	if (name === "-") return { input: new Reader(sys, 0), fd: 0, isStdin: true };
	try {
		const fd = sys.vfs.open(sys.task, name, 0);
		return { input: new Reader(sys, fd), fd, isStdin: false };
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
