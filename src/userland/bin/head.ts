/**
 * head [-n [-]N] [-c [-]N] [-qvz] [FILE]... (GNU coreutils): the first N
 * lines or bytes (all but the last N with a minus), with ==> NAME <==
 * headers for several files. What was read past the part printed is given
 * back to a seekable input, so (head -n 1; cat) < file shares the offset.
 * -N as the first argument is the old form of -n N.
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

/** A -n/-c argument: the count and whether it counts from the end ("-N"). */
export function parseHeadCount(
	arg: string,
	what: "lines" | "bytes",
): { count: number; fromEnd: boolean } | string {
	let text = arg;
	let fromEnd = false;
	if (text.startsWith("-")) {
		fromEnd = true;
		text = text.slice(1);
	}
	const r = parseCount(text, true);
	if (!r.ok) {
		const detail = r.overflow ? ": Value too large for defined data type" : "";
		return `invalid number of ${what}: ${quoteLocale(text)}${detail}`;
	}
	return { count: countToNumber(r.value), fromEnd };
}

interface Mode {
	bytes: boolean;
	count: number;
	fromEnd: boolean;
	eol: string;
}

/** The old "-N[bkm][cqv]" first argument, rewritten as options. */
function obsoleteArgs(args: readonly string[]): readonly string[] {
	const m = /^-([0-9]+)([bkm]?)([cqvlz]*)$/.exec(args[0] ?? "");
	if (m === null) return args;
	const unit = m[2] === "" ? "" : m[2] === "b" ? "b" : m[2] === "k" ? "K" : "M";
	const flags = m[3]!;
	const opt = flags.includes("c") ? "-c" : "-n";
	const rest = [...flags.replace(/[cl]/g, "")].map((f) => `-${f}`);
	return [opt, `${m[1]}${unit}`, ...rest, ...args.slice(1)];
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, obsoleteArgs(tool.args), "c:n:qvz", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	const mode: Mode = { bytes: false, count: 10, fromEnd: false, eol: "\n" };
	let headers: boolean | null = null;
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "c" || o.key === "n") {
			const r = parseHeadCount(o.arg!, o.key === "c" ? "bytes" : "lines");
			if (typeof r === "string") {
				yield* tool.warn(r);
				return 1;
			}
			mode.bytes = o.key === "c";
			mode.count = r.count;
			mode.fromEnd = r.fromEnd;
		} else if (o.key === "q") headers = false;
		else if (o.key === "v") headers = true;
		else if (o.key === "z") mode.eol = "\0";
	}
	const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
	const showHeaders = headers ?? files.length > 1;
	const status = yield* eachInputFile(
		tool,
		files,
		showHeaders,
		(input) => copyHead(tool, input, mode),
		false,
	);
	return yield* tool.finish(status);
}

function* copyHead(tool: Tool, input: Input, mode: Mode): Run<void> {
	if (!mode.fromEnd) {
		let left = mode.count;
		if (mode.bytes) {
			while (left > 0) {
				const c = yield* input.chunk();
				if (c === null) return;
				if (c.length > left) {
					yield* tool.print(c.slice(0, left));
					input.unread(c.slice(left));
					break;
				}
				yield* tool.print(c);
				left -= c.length;
			}
		} else {
			let n = 0;
			while (left > 0) {
				const line = yield* input.line(mode.eol);
				if (line === null) return;
				yield* tool.print(line);
				left--;
				if (++n % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
			}
		}
		input.giveBack();
		return;
	}
	// All but the last N: hold N back until the end.
	if (mode.bytes) {
		let held = "";
		for (;;) {
			const c = yield* input.chunk();
			if (c === null) break;
			held += c;
			if (held.length > mode.count) {
				const cut = held.length - mode.count;
				yield* tool.print(held.slice(0, cut));
				held = held.slice(cut);
			}
		}
		input.rewind(held.length);
		return;
	}
	const ring: string[] = [];
	let start = 0;
	let n = 0;
	for (;;) {
		const line = yield* input.line(mode.eol);
		if (line === null) break;
		ring.push(line);
		if (ring.length - start > mode.count) yield* tool.print(ring[start++]!);
		if (start > 4096 && start * 2 > ring.length) {
			ring.splice(0, start);
			start = 0;
		}
		if (++n % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
	}
	let heldBytes = 0;
	for (let i = start; i < ring.length; i++) heldBytes += ring[i]!.length;
	input.rewind(heldBytes);
}
