/**
 * wc [-clmwL] [FILE]... (GNU coreutils, C locale): newline, word and byte
 * counts (characters are bytes here; -L is the widest line, tabs to
 * multiples of 8). Columns are as wide as the digits of the inputs'
 * total size, or 7 when an input is not a regular file; a single count of
 * a single input is printed unpadded.
 */
import { isReg } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText } from "../lib/stdio.ts";
import { closeInput, type OpenedInput, openInput, PREEMPT_EVERY } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "bytes", arg: "none", key: "c" },
	{ name: "chars", arg: "none", key: "m" },
	{ name: "lines", arg: "none", key: "l" },
	{ name: "words", arg: "none", key: "w" },
	{ name: "max-line-length", arg: "none", key: "L" },
	...HELP_VERSION,
];

interface Counts {
	lines: number;
	words: number;
	bytes: number;
	maxLine: number;
}

/** Count one input; the word and column state lives across its chunks. */
function* count(tool: Tool, opened: OpenedInput): Run<Counts> {
	const c: Counts = { lines: 0, words: 0, bytes: 0, maxLine: 0 };
	let inWord = false;
	let col = 0;
	let chunks = 0;
	for (;;) {
		const chunk = yield* opened.input.chunk();
		if (chunk === null) break;
		c.bytes += chunk.length;
		for (let i = 0; i < chunk.length; i++) {
			const code = chunk.charCodeAt(i);
			if (code === 10) {
				c.lines++;
				inWord = false;
				if (col > c.maxLine) c.maxLine = col;
				col = 0;
			} else if (code === 32 || (code >= 9 && code <= 13)) {
				inWord = false;
				if (code === 9) col = (Math.floor(col / 8) + 1) * 8;
				else if (code === 32) col++;
				else if (code === 13 || code === 12) {
					if (col > c.maxLine) c.maxLine = col;
					col = 0;
				}
			} else if (code > 32 && code < 127) {
				if (!inWord) {
					c.words++;
					inWord = true;
				}
				col++;
			}
		}
		if (++chunks % 16 === 0) yield* tool.sys.preempt();
	}
	if (col > c.maxLine) c.maxLine = col;
	return c;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "clmwL", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	const want = { l: false, w: false, m: false, c: false, L: false };
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		want[o.key as keyof typeof want] = true;
	}
	if (!want.l && !want.w && !want.m && !want.c && !want.L) want.l = want.w = want.c = true;
	const fields = [want.l, want.w, want.m, want.c, want.L].filter(Boolean).length;
	const named = parsed.operands.length > 0;
	const files = named ? parsed.operands : ["-"];
	const sys = tool.sys;
	let width = 1;
	if (!(fields === 1 && files.length === 1)) {
		// The column width comes from the sizes of all the inputs.
		let total = 0;
		let irregular = false;
		for (const f of files) {
			try {
				const st = f === "-" ? sys.vfs.fstat(sys.task, 0) : sys.vfs.stat(sys.task, f);
				if (isReg(st.mode)) total += st.size;
				else irregular = true;
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
			}
		}
		width = Math.max(String(total).length, irregular ? 7 : 1);
	}
	const line = (c: Counts, name: string | null): string => {
		const parts: string[] = [];
		if (want.l) parts.push(String(c.lines));
		if (want.w) parts.push(String(c.words));
		if (want.m) parts.push(String(c.bytes));
		if (want.c) parts.push(String(c.bytes));
		if (want.L) parts.push(String(c.maxLine));
		const text = parts.map((p) => p.padStart(width, " ")).join(" ");
		return name === null ? `${text}\n` : `${text} ${name}\n`;
	};
	const total: Counts = { lines: 0, words: 0, bytes: 0, maxLine: 0 };
	let status = 0;
	for (let i = 0; i < files.length; i++) {
		const name = files[i]!;
		const inp = openInput(sys, name);
		if (inp instanceof KernelError) {
			yield* tool.warn(`${name}: ${inp.strerror}`);
			status = 1;
			continue;
		}
		let c: Counts = { lines: 0, words: 0, bytes: 0, maxLine: 0 };
		try {
			c = yield* count(tool, inp);
		} catch (e) {
			yield* tool.warn(`${name}: ${errText(e)}`);
			status = 1;
		} finally {
			closeInput(sys, inp);
		}
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
		total.maxLine = Math.max(total.maxLine, c.maxLine);
		yield* tool.print(line(c, named ? name : null));
		if (i % PREEMPT_EVERY === PREEMPT_EVERY - 1) yield* sys.preempt();
	}
	if (files.length > 1) yield* tool.print(line(total, "total"));
	// wc's stdio loses errno before it checks: the message has no reason.
	if (!(yield* tool.out.flush())) {
		yield* tool.warn("write error");
		return 1;
	}
	return status;
}
