/**
 * tail [-n [+]N] [-c [+]N] [-qvz] [FILE]... (GNU coreutils): the last N
 * lines or bytes, or everything from line/byte N with a plus, with
 * ==> NAME <== headers for several files. "-N" or "+N" (with an optional
 * c or l) as the only option is the old form. -f is not supported.
 */

import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { eachInputFile } from "../lib/headtail.ts";
import type { Input } from "../lib/stdio.ts";
import { countToNumber, PREEMPT_EVERY, parseCount, quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "bytes", arg: "required", key: "c" },
	{ name: "lines", arg: "required", key: "n" },
	{ name: "quiet", arg: "none", key: "q" },
	{ name: "silent", arg: "none", key: "q" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "zero-terminated", arg: "none", key: "z" },
	...HELP_VERSION,
];

interface Mode {
	bytes: boolean;
	count: number;
	/** +N: from line/byte N on. */
	fromStart: boolean;
	eol: string;
}

function parseTailCount(
	arg: string,
	what: "lines" | "bytes",
): { count: number; fromStart: boolean } | string {
	let text = arg;
	let fromStart = false;
	if (text.startsWith("+")) {
		fromStart = true;
		text = text.slice(1);
	} else if (text.startsWith("-")) {
		text = text.slice(1);
	}
	const r = parseCount(text, true);
	if (!r.ok) {
		const detail = r.overflow ? ": Value too large for defined data type" : "";
		return `invalid number of ${what}: ${quoteLocale(text)}${detail}`;
	}
	return { count: countToNumber(r.value), fromStart };
}

/** The old "-N[cl]" / "+N[cl]" form, alone or before one file. */
function obsoleteArgs(args: readonly string[]): readonly string[] {
	if (args.length > 2) return args;
	const m = /^(?:-([0-9]+)|\+([0-9]*))([bcl]?)$/.exec(args[0] ?? "");
	if (m === null) return args;
	const digits = m[1] ?? (m[2] === "" ? "10" : m[2]!);
	const unit = m[3]!;
	const opt = unit === "c" || unit === "b" ? "-c" : "-n";
	const count = unit === "b" ? `${digits}b` : digits;
	return [opt, m[2] !== undefined ? `+${count}` : count, ...args.slice(1)];
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, obsoleteArgs(tool.args), "c:n:qvzf", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	const mode: Mode = { bytes: false, count: 10, fromStart: false, eol: "\n" };
	let headers: boolean | null = null;
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "c" || o.key === "n") {
			const r = parseTailCount(o.arg!, o.key === "c" ? "bytes" : "lines");
			if (typeof r === "string") {
				yield* tool.warn(r);
				return 1;
			}
			mode.bytes = o.key === "c";
			mode.count = r.count;
			mode.fromStart = r.fromStart;
		} else if (o.key === "q") headers = false;
		else if (o.key === "v") headers = true;
		else if (o.key === "z") mode.eol = "\0";
		else if (o.key === "f") {
			yield* tool.warn("following files (-f) is not supported");
			return 1;
		}
	}
	const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
	const showHeaders = headers ?? files.length > 1;
	// GNU tail gives up on the remaining files after a read error when
	// counting bytes or from the start.
	const status = yield* eachInputFile(
		tool,
		files,
		showHeaders,
		(input) => copyTail(tool, input, mode),
		mode.bytes || mode.fromStart,
	);
	return yield* tool.finish(status);
}

function* copyTail(tool: Tool, input: Input, mode: Mode): Run<void> {
	if (mode.fromStart) {
		let skip = Math.max(0, mode.count - 1);
		if (mode.bytes) {
			for (;;) {
				const c = yield* input.chunk();
				if (c === null) return;
				if (skip >= c.length) {
					skip -= c.length;
					continue;
				}
				yield* tool.print(skip > 0 ? c.slice(skip) : c);
				skip = 0;
				if (tool.out.error !== null) return;
			}
		}
		let n = 0;
		for (;;) {
			const line = yield* input.line(mode.eol);
			if (line === null) return;
			if (skip > 0) skip--;
			else yield* tool.print(line);
			if (++n % PREEMPT_EVERY === 0) {
				if (tool.out.error !== null) return;
				yield* tool.sys.preempt();
			}
		}
	}
	if (mode.bytes) {
		let held = "";
		for (;;) {
			const c = yield* input.chunk();
			if (c === null) break;
			held += c;
			if (held.length > 2 * mode.count + 65536) held = held.slice(held.length - mode.count);
		}
		if (mode.count > 0) yield* tool.print(held.slice(Math.max(0, held.length - mode.count)));
		return;
	}
	const ring: string[] = [];
	let start = 0;
	let n = 0;
	for (;;) {
		const line = yield* input.line(mode.eol);
		if (line === null) break;
		ring.push(line);
		if (ring.length - start > mode.count) start++;
		if (start > 4096 && start * 2 > ring.length) {
			ring.splice(0, start);
			start = 0;
		}
		if (++n % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
	}
	yield* tool.print(ring.slice(start).join(""));
}
