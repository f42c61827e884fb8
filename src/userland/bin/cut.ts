/**
 * cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [--complement]
 * [--output-delimiter=STR] [-z] [FILE]... (GNU coreutils): selected bytes
 * (characters are bytes in the C locale) or DELIM-separated fields of each
 * line. LIST is N, N-, -M, N-M separated by commas or blanks.
 */
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText } from "../lib/stdio.ts";
import { closeInput, openInput, PREEMPT_EVERY, quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "bytes", arg: "required", key: "b" },
	{ name: "characters", arg: "required", key: "c" },
	{ name: "fields", arg: "required", key: "f" },
	{ name: "delimiter", arg: "required", key: "d" },
	{ name: "only-delimited", arg: "none", key: "s" },
	{ name: "complement", arg: "none", key: "--complement" },
	{ name: "output-delimiter", arg: "required", key: "--output-delimiter" },
	{ name: "zero-terminated", arg: "none", key: "z" },
	...HELP_VERSION,
];

/** A selected range, 1-based and inclusive (hi may be Infinity). */
interface Range {
	lo: number;
	hi: number;
}

const SIZE_MAX = 18446744073709551615n;

/** Parse LIST into sorted, merged ranges, or return the error message. */
export function parseList(list: string, fields: boolean): Range[] | string {
	const zero = fields
		? "fields are numbered from 1"
		: "byte/character positions are numbered from 1";
	const ranges: Range[] = [];
	const num = (text: string): number | string => {
		if (!/^[0-9]+$/.test(text))
			return `invalid ${fields ? "field value" : "byte/character position"} ${quoteLocale(text)}`;
		if (BigInt(text) >= SIZE_MAX) {
			return `${fields ? "field number" : "byte/character offset"} ${quoteLocale(text)} is too large`;
		}
		return Number(text);
	};
	for (const item of list.split(/[, \t]/)) {
		const dash = item.indexOf("-");
		if (dash < 0) {
			if (item === "") return zero;
			const n = num(item);
			if (typeof n === "string") return n;
			if (n === 0) return zero;
			ranges.push({ lo: n, hi: n });
			continue;
		}
		if (item.indexOf("-", dash + 1) >= 0) {
			return fields ? "invalid field range" : "invalid byte or character range";
		}
		const a = item.slice(0, dash);
		const b = item.slice(dash + 1);
		if (a === "" && b === "") return "invalid range with no endpoint: -";
		let lo = 1;
		let hi = Number.POSITIVE_INFINITY;
		if (a !== "") {
			const n = num(a);
			if (typeof n === "string") return n;
			if (n === 0) return zero;
			lo = n;
		}
		if (b !== "") {
			const n = num(b);
			if (typeof n === "string") return n;
			if (n === 0) return zero;
			hi = n;
		}
		if (hi < lo) return "invalid decreasing range";
		ranges.push({ lo, hi });
	}
	ranges.sort((x, y) => x.lo - y.lo);
	const merged: Range[] = [];
	for (const r of ranges) {
		const last = merged[merged.length - 1];
		if (last !== undefined && r.lo <= last.hi + 1) last.hi = Math.max(last.hi, r.hi);
		else merged.push({ ...r });
	}
	return merged;
}

function complementOf(ranges: readonly Range[]): Range[] {
	const out: Range[] = [];
	let next = 1;
	for (const r of ranges) {
		if (r.lo > next) out.push({ lo: next, hi: r.lo - 1 });
		next = r.hi + 1;
	}
	if (next !== Number.POSITIVE_INFINITY) out.push({ lo: next, hi: Number.POSITIVE_INFINITY });
	return out;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "b:c:d:f:nsz", LONGOPTS);
	const usage = function* (msg: string): Run<number> {
		yield* tool.errText(`${tool.name}: ${msg}\n${tryHelp(tool.name)}`);
		return 1;
	};
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	let mode: "b" | "c" | "f" | null = null;
	let list = "";
	let delim: string | null = null;
	let onlyDelimited = false;
	let complement = false;
	let outDelim: string | null = null;
	let eol = "\n";
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "OPTION... [FILE]...", COREUTILS);
		if (done !== null) return done;
		switch (o.key) {
			case "b":
			case "c":
			case "f":
				if (mode !== null) return yield* usage("only one list may be specified");
				mode = o.key;
				list = o.arg!;
				break;
			case "d":
				if (o.arg!.length > 1) return yield* usage("the delimiter must be a single character");
				delim = o.arg === "" ? "\0" : o.arg!;
				break;
			case "s":
				onlyDelimited = true;
				break;
			case "z":
				eol = "\0";
				break;
			case "--complement":
				complement = true;
				break;
			case "--output-delimiter":
				outDelim = o.arg === "" ? "\0" : o.arg!;
				break;
		}
	}
	if (mode === null) return yield* usage("you must specify a list of bytes, characters, or fields");
	if (mode !== "f" && delim !== null) {
		return yield* usage("an input delimiter may be specified only when operating on fields");
	}
	if (mode !== "f" && onlyDelimited) {
		return yield* usage(
			"suppressing non-delimited lines makes sense\n\tonly when operating on fields",
		);
	}
	const r = parseList(list, mode === "f");
	if (typeof r === "string") return yield* usage(r);
	const ranges = complement ? complementOf(r) : r;
	const selected = (i: number): boolean => {
		for (const x of ranges) {
			if (i < x.lo) return false;
			if (i <= x.hi) return true;
		}
		return false;
	};
	const d = delim ?? "\t";
	const od = outDelim ?? (mode === "f" ? d : null);
	const cutLine = (line: string): string | null => {
		if (mode !== "f") {
			let out = "";
			let prevEnd = 0;
			for (const x of ranges) {
				if (x.lo > line.length) break;
				const piece = line.slice(x.lo - 1, Math.min(line.length, x.hi));
				if (od !== null && prevEnd > 0 && out !== "") out += od;
				out += piece;
				prevEnd = x.hi;
			}
			return out;
		}
		if (!line.includes(d)) return onlyDelimited ? null : line;
		const parts = line.split(d);
		const picked: string[] = [];
		for (let i = 0; i < parts.length; i++) if (selected(i + 1)) picked.push(parts[i]!);
		return picked.join(od ?? d);
	};
	const sys = tool.sys;
	const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
	let status = 0;
	for (const name of files) {
		const opened = openInput(sys, name);
		if (opened instanceof KernelError) {
			yield* tool.warn(`${name}: ${opened.strerror}`);
			status = 1;
			continue;
		}
		try {
			let n = 0;
			for (;;) {
				const raw = yield* opened.input.line(eol);
				if (raw === null) break;
				const line = raw.endsWith(eol) ? raw.slice(0, -1) : raw;
				const out = cutLine(line);
				if (out !== null) yield* tool.print(out + eol);
				if (++n % PREEMPT_EVERY === 0) {
					if (tool.out.error !== null) break;
					yield* sys.preempt();
				}
			}
		} catch (e) {
			yield* tool.warn(`${name}: ${errText(e)}`);
			status = 1;
		} finally {
			closeInput(sys, opened);
		}
	}
	return yield* tool.finish(status);
}
