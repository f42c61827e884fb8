/**
 * xargs [OPTION]... [COMMAND [INITIAL-ARGS]...] (GNU findutils): run
 * COMMAND (default echo, found along PATH) with the items read from
 * standard input appended: blank-separated with quotes and backslashes,
 * or -0 / -d DELIM separated. -n -L -I -r -t -s -x -E -a -P. Exit 123 if
 * a command failed, 124 if one exited 255, 125 if one was killed, 126/127
 * when COMMAND cannot be run or found.
 */

import { KernelError } from "../../kernel/errno.ts";
import { execvp } from "../lib/execvp.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText, type Input } from "../lib/stdio.ts";
import { closeInput, openInput, quoteLocale } from "../lib/textio.ts";
import { Tool } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "null", arg: "none", key: "0" },
	{ name: "arg-file", arg: "required", key: "a" },
	{ name: "delimiter", arg: "required", key: "d" },
	{ name: "eof", arg: "optional", key: "e" },
	{ name: "replace", arg: "optional", key: "i" },
	{ name: "max-lines", arg: "optional", key: "l" },
	{ name: "max-args", arg: "required", key: "n" },
	{ name: "max-procs", arg: "required", key: "P" },
	{ name: "no-run-if-empty", arg: "none", key: "r" },
	{ name: "max-chars", arg: "required", key: "s" },
	{ name: "verbose", arg: "none", key: "t" },
	{ name: "exit", arg: "none", key: "x" },
	{ name: "interactive", arg: "none", key: "p" },
	{ name: "show-limits", arg: "none", key: "--show-limits" },
	{ name: "help", arg: "none", key: "--help" },
	{ name: "version", arg: "none", key: "--version" },
];

/** The command buffer GNU xargs uses by default. */
const DEFAULT_MAX_CHARS = 131072;

class UnmatchedQuote extends Error {}

/** Reads items from the input the way the options ask. */
class ItemReader {
	private readonly input: Input;
	private readonly delim: string | null;
	private readonly eof: string | null;
	private readonly lineMode: boolean;
	private done = false;
	private buf = "";
	private pos = 0;
	private atEof = false;

	constructor(input: Input, delim: string | null, eof: string | null, lineMode: boolean) {
		this.input = input;
		this.delim = delim;
		this.eof = eof;
		this.lineMode = lineMode;
	}

	private *ch(): Run<string | null> {
		while (this.pos >= this.buf.length) {
			if (this.atEof) return null;
			const c = yield* this.input.chunk();
			if (c === null) {
				this.atEof = true;
				return null;
			}
			this.buf = c;
			this.pos = 0;
		}
		return this.buf[this.pos++]!;
	}

	/**
	 * The next item and whether a line ended after it (for -L and -I), or
	 * null at the end. Throws UnmatchedQuote.
	 */
	*next(): Run<{ item: string; endsLine: boolean } | null> {
		if (this.done) return null;
		if (this.delim !== null) {
			let item = "";
			for (;;) {
				const c = yield* this.ch();
				if (c === null) {
					this.done = true;
					return item === "" ? null : { item, endsLine: true };
				}
				if (c === this.delim) return { item, endsLine: true };
				item += c;
			}
		}
		if (this.lineMode) return yield* this.nextLine();
		// Skip blanks and newlines.
		let c: string | null;
		do {
			c = yield* this.ch();
		} while (c === " " || c === "\t" || c === "\n");
		if (c === null) {
			this.done = true;
			return null;
		}
		let item = "";
		let quote: string | null = null;
		let endsLine = false;
		for (;;) {
			if (c === null) {
				if (quote !== null) throw new UnmatchedQuote(quote === '"' ? "double" : "single");
				this.done = true;
				endsLine = true;
				break;
			}
			if (quote !== null) {
				if (c === quote) quote = null;
				else if (c === "\n") throw new UnmatchedQuote(quote === '"' ? "double" : "single");
				else item += c;
			} else if (c === " " || c === "\t") {
				// A blank ends the item; a line ends only at a newline without trailing blank.
				break;
			} else if (c === "\n") {
				endsLine = true;
				break;
			} else if (c === "'" || c === '"') {
				quote = c;
			} else if (c === "\\") {
				const n = yield* this.ch();
				if (n !== null) item += n;
			} else {
				item += c;
			}
			c = yield* this.ch();
		}
		if (this.eof !== null && item === this.eof) {
			this.done = true;
			return null;
		}
		return { item, endsLine };
	}

	/** -I: a whole line (leading blanks dropped, quotes and backslashes still processed). */
	private *nextLine(): Run<{ item: string; endsLine: boolean } | null> {
		for (;;) {
			let c = yield* this.ch();
			while (c === " " || c === "\t") c = yield* this.ch();
			if (c === null) {
				this.done = true;
				return null;
			}
			if (c === "\n") continue;
			let item = "";
			let quote: string | null = null;
			for (;;) {
				if (c === null) {
					if (quote !== null) throw new UnmatchedQuote(quote === '"' ? "double" : "single");
					this.done = true;
					break;
				}
				if (quote !== null) {
					if (c === quote) quote = null;
					else if (c === "\n") throw new UnmatchedQuote(quote === '"' ? "double" : "single");
					else item += c;
				} else if (c === "\n") {
					break;
				} else if (c === "'" || c === '"') {
					quote = c;
				} else if (c === "\\") {
					const n = yield* this.ch();
					if (n !== null) item += n;
				} else {
					item += c;
				}
				c = yield* this.ch();
			}
			if (this.eof !== null && item === this.eof) {
				this.done = true;
				return null;
			}
			return { item, endsLine: true };
		}
	}
}

interface Outcome {
	/** Stop now with this status. */
	fatal: number | null;
	failed: boolean;
}

/** Run one command line and wait for it. */
function* runCommand(tool: Tool, argv: string[], trace: boolean): Run<Outcome> {
	const sys: Sys = tool.sys;
	if (trace) yield* tool.err.put(`${argv.join(" ")}\n`);
	yield* tool.out.flush();
	const failure: { error: KernelError | null } = { error: null };
	const envp = tool.envp;
	let pid: number;
	try {
		pid = sys.fork(function* (child: Sys): Run<number> {
			const err = yield* execvp(child, argv, envp);
			// The parent learns why through its own memory, as GNU xargs uses a pipe.
			failure.error = err;
			return err.code === "ENOENT" ? 127 : 126;
		});
	} catch (e) {
		yield* tool.warn(`cannot fork: ${errText(e)}`);
		return { fatal: 1, failed: true };
	}
	let r: { pid: number; status: number } | null = null;
	for (;;) {
		try {
			r = yield* sys.wait4(pid, 0);
			break;
		} catch (e) {
			if (!(e instanceof KernelError) || e.code !== "EINTR") throw e;
		}
	}
	const status = r?.status ?? 0;
	const name = argv[0]!;
	if (failure.error !== null) {
		yield* tool.warn(`${name}: ${failure.error.strerror}`);
		return { fatal: failure.error.code === "ENOENT" ? 127 : 126, failed: true };
	}
	const sig = status & 0x7f;
	if (sig !== 0) {
		yield* tool.warn(`${name}: terminated by signal ${sig}`);
		return { fatal: 125, failed: true };
	}
	const code = (status >> 8) & 0xff;
	if (code === 255) {
		yield* tool.warn(`${name}: exited with status 255; aborting`);
		return { fatal: 124, failed: true };
	}
	return { fatal: null, failed: code !== 0 };
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "+0a:d:E:e::I:i::L:l::n:P:prs:tx", LONGOPTS);
	const usage = function* (msg: string): Run<number> {
		yield* tool.errText(`${tool.name}: ${msg}\n${tryHelp(tool.name)}`);
		return 1;
	};
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	let delim: string | null = null;
	let argFile: string | null = null;
	let eof: string | null = null;
	let replace: string | null = null;
	let maxLines: number | null = null;
	let maxArgs: number | null = null;
	let maxChars = DEFAULT_MAX_CHARS;
	let noRunIfEmpty = false;
	let trace = false;
	let exitOnSize = false;
	const positive = function* (opt: string, arg: string, min: number): Run<number | null> {
		if (!/^[0-9]+$/.test(arg)) {
			yield* tool.warn(`invalid number "${arg}" for -${opt} option`);
			yield* tool.errText(tryHelp(tool.name));
			return null;
		}
		const n = Number(arg);
		if (n < min) {
			yield* usage(`value ${n} for -${opt} option should be >= ${min}`);
			return null;
		}
		return n;
	};
	for (const o of parsed.opts) {
		switch (o.key) {
			case "0":
				delim = "\0";
				break;
			case "a":
				argFile = o.arg!;
				break;
			case "d": {
				const d = o.arg!;
				const esc: Record<string, string> = { "\\n": "\n", "\\t": "\t", "\\0": "\0", "\\\\": "\\" };
				if (d.length === 1) delim = d;
				else if (esc[d] !== undefined) delim = esc[d]!;
				else return yield* usage(`invalid delimiter for -d: ${quoteLocale(d)}`);
				break;
			}
			case "E":
			case "e":
				eof = o.arg === null || o.arg === "" ? null : o.arg;
				break;
			case "I":
			case "i":
				replace = o.arg ?? "{}";
				maxLines = 1;
				exitOnSize = true;
				break;
			case "L":
			case "l": {
				const n = o.arg === null ? 1 : yield* positive(o.key, o.arg, 1);
				if (n === null) return 1;
				maxLines = n;
				replace = null;
				break;
			}
			case "n": {
				const n = yield* positive("n", o.arg!, 1);
				if (n === null) return 1;
				maxArgs = n;
				break;
			}
			case "P":
				break;
			case "p":
				break;
			case "r":
				noRunIfEmpty = true;
				break;
			case "s": {
				const n = yield* positive("s", o.arg!, 1);
				if (n === null) return 1;
				maxChars = n;
				break;
			}
			case "t":
				trace = true;
				break;
			case "x":
				exitOnSize = true;
				break;
			case "--version":
				yield* tool.print("xargs (GNU findutils) 4.9.0\n");
				return yield* tool.finish(0);
			case "--help":
				yield* tool.print(`Usage: ${tool.name} [OPTION]... COMMAND [INITIAL-ARGS]...\n`);
				return yield* tool.finish(0);
			case "--show-limits":
				break;
		}
	}
	const sys = tool.sys;
	const command = parsed.operands.length > 0 ? parsed.operands : ["echo"];
	const opened = openInput(sys, argFile ?? "-");
	if (opened instanceof KernelError) {
		yield* tool.warn(`Cannot open input file ${quoteLocale(argFile ?? "-")}: ${opened.strerror}`);
		return 1;
	}
	const items = new ItemReader(opened.input, delim, eof, replace !== null);
	const baseSize = command.reduce((n, a) => n + a.length + 1, 0);
	let failed = false;
	let ranAny = false;
	let pending: string[] = [];
	let pendingSize = baseSize;
	let lines = 0;
	const launch = function* (args: string[]): Run<number | null> {
		let argv: string[];
		if (replace !== null) {
			const r = replace;
			argv = command.map((a) => a.split(r).join(args[0] ?? ""));
		} else {
			argv = [...command, ...args];
		}
		ranAny = true;
		const out = yield* runCommand(tool, argv, trace);
		if (out.failed) failed = true;
		return out.fatal;
	};
	let quoteError: string | null = null;
	for (;;) {
		let next: { item: string; endsLine: boolean } | null;
		try {
			next = yield* items.next();
		} catch (e) {
			if (e instanceof UnmatchedQuote) {
				quoteError = e.message;
				next = null;
			} else {
				yield* tool.warn(`read error: ${errText(e)}`);
				return 1;
			}
		}
		if (next === null) break;
		const size = next.item.length + 1;
		if (baseSize + size > maxChars) {
			yield* tool.warn("argument line too long");
			return 1;
		}
		if (pending.length > 0 && pendingSize + size > maxChars) {
			if (exitOnSize && replace === null && maxArgs !== null) {
				yield* tool.warn("argument line too long");
				return 1;
			}
			const f = yield* launch(pending);
			if (f !== null) return f;
			pending = [];
			pendingSize = baseSize;
			lines = 0;
		}
		pending.push(next.item);
		pendingSize += size;
		if (next.endsLine) lines++;
		const full =
			(maxArgs !== null && pending.length >= maxArgs) || (maxLines !== null && lines >= maxLines);
		if (full) {
			const f = yield* launch(pending);
			if (f !== null) return f;
			pending = [];
			pendingSize = baseSize;
			lines = 0;
		}
	}
	if (pending.length > 0 || (!ranAny && !noRunIfEmpty && replace === null && quoteError === null)) {
		const f = yield* launch(pending);
		if (f !== null) return f;
	}
	if (quoteError !== null) {
		yield* tool.warn(
			`unmatched ${quoteError} quote; by default quotes are special to xargs unless you use the -0 option`,
		);
		return 1;
	}
	closeInput(sys, opened);
	return yield* tool.finish(failed ? 123 : 0);
}
