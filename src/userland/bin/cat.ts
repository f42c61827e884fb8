/**
 * cat [-AbeEnstTuv] [FILE]... (GNU coreutils). Plain cat copies each read
 * straight to a write, as GNU does; with formatting options each chunk is
 * transformed (numbering, squeezing and ^/M- notation carry on across
 * files) and written before the next read.
 */
import { isReg, O_APPEND, SEEK_CUR } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText } from "../lib/stdio.ts";
import { closeInput, openInput } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "show-all", arg: "none", key: "A" },
	{ name: "number-nonblank", arg: "none", key: "b" },
	{ name: "show-ends", arg: "none", key: "E" },
	{ name: "number", arg: "none", key: "n" },
	{ name: "squeeze-blank", arg: "none", key: "s" },
	{ name: "show-tabs", arg: "none", key: "T" },
	{ name: "show-nonprinting", arg: "none", key: "v" },
	...HELP_VERSION,
];

interface Options {
	number: boolean;
	nonblank: boolean;
	ends: boolean;
	squeeze: boolean;
	tabs: boolean;
	nonprinting: boolean;
}

/** ^X and M-X notation for a byte (-v). */
export function visible(code: number): string {
	let prefix = "";
	let c = code;
	if (c >= 128) {
		prefix = "M-";
		c -= 128;
	}
	if (c < 32) return `${prefix}^${String.fromCharCode(c + 64)}`;
	if (c === 127) return `${prefix}^?`;
	return prefix + String.fromCharCode(c);
}

/** The formatting state that carries on from one chunk (and file) to the next. */
class Formatter {
	private readonly o: Options;
	private line = 0;
	private atStart = true;
	private prevEmpty = false;

	constructor(o: Options) {
		this.o = o;
	}

	private number(): string {
		this.line++;
		return `${String(this.line).padStart(6, " ")}\t`;
	}

	format(chunk: string): string {
		const o = this.o;
		let out = "";
		for (let i = 0; i < chunk.length; i++) {
			const ch = chunk[i]!;
			if (this.atStart) {
				if (ch === "\n") {
					if (o.squeeze && this.prevEmpty) continue;
					this.prevEmpty = true;
					if (o.number && !o.nonblank) out += this.number();
					out += o.ends ? "$\n" : "\n";
					continue;
				}
				this.prevEmpty = false;
				this.atStart = false;
				if (o.number || o.nonblank) out += this.number();
			}
			if (ch === "\n") {
				out += o.ends ? "$\n" : "\n";
				this.atStart = true;
			} else if (ch === "\t") {
				out += o.tabs ? "^I" : "\t";
			} else if (o.nonprinting) {
				const code = ch.charCodeAt(0);
				out += code >= 32 && code < 127 ? ch : visible(code);
			} else {
				out += ch;
			}
		}
		return out;
	}
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "AbeEnstTuv", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	const o: Options = {
		number: false,
		nonblank: false,
		ends: false,
		squeeze: false,
		tabs: false,
		nonprinting: false,
	};
	for (const opt of parsed.opts) {
		const done = yield* tool.standardOption(opt.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		switch (opt.key) {
			case "A":
				o.nonprinting = o.ends = o.tabs = true;
				break;
			case "b":
				o.nonblank = o.number = true;
				break;
			case "e":
				o.nonprinting = o.ends = true;
				break;
			case "E":
				o.ends = true;
				break;
			case "n":
				o.number = true;
				break;
			case "s":
				o.squeeze = true;
				break;
			case "t":
				o.nonprinting = o.tabs = true;
				break;
			case "T":
				o.tabs = true;
				break;
			case "v":
				o.nonprinting = true;
				break;
		}
	}
	const plain = !(o.number || o.ends || o.squeeze || o.tabs || o.nonprinting);
	const formatter = plain ? null : new Formatter(o);
	const sys = tool.sys;
	const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
	let status = 0;
	const outStat = (() => {
		try {
			return sys.vfs.fstat(sys.task, 1);
		} catch (e) {
			if (e instanceof KernelError) return null;
			throw e;
		}
	})();
	const outAppends = (() => {
		try {
			return (sys.vfs.fcntl(sys.task, 1, 3) & O_APPEND) !== 0;
		} catch (e) {
			if (e instanceof KernelError) return false;
			throw e;
		}
	})();
	let chunks = 0;
	for (const name of files) {
		const opened = openInput(sys, name);
		if (opened instanceof KernelError) {
			yield* tool.warn(`${name}: ${opened.strerror}`);
			status = 1;
			continue;
		}
		try {
			if (outStat !== null && isReg(outStat.mode)) {
				const st = sys.vfs.fstat(sys.task, opened.fd);
				if (st.dev === outStat.dev && st.ino === outStat.ino) {
					const pos = sys.vfs.lseek(sys.task, opened.fd, 0, SEEK_CUR);
					if (outAppends || pos < st.size) {
						yield* tool.warn(`${name}: input file is output file`);
						status = 1;
						continue;
					}
				}
			}
			for (;;) {
				let chunk: string | null;
				try {
					chunk = yield* opened.input.chunk();
				} catch (e) {
					yield* tool.warn(`${name}: ${errText(e)}`);
					status = 1;
					break;
				}
				if (chunk === null) break;
				if (++chunks % 16 === 0) yield* sys.preempt();
				const data = formatter === null ? chunk : formatter.format(chunk);
				if (data.length === 0) continue;
				try {
					yield* sys.write(1, data);
				} catch (e) {
					yield* tool.warn(`write error: ${errText(e)}`);
					return 1;
				}
			}
		} finally {
			closeInput(sys, opened);
		}
	}
	return status;
}
