/**
 * grep [OPTION]... PATTERNS [FILE]... (GNU grep, C locale): print the
 * lines that match. BRE by default, -E extended, -F fixed strings, -P
 * taken as a JS regex; -i -v -w -x; output control -c -l -L -q -o -n -b
 * -H -h -Z -m with context -A -B -C; -r/-R recurse; -s hides file errors.
 * Status 0 when a line is selected, 1 when none, 2 on errors (unless -q
 * found one). Files with NUL bytes are binary: "binary file matches".
 */

import { isDir, isLnk } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt } from "../lib/getopt.ts";
import { compileFixed, compileJs, compileRegex, type PosixRegex } from "../lib/regex.ts";
import { errText, type Input } from "../lib/stdio.ts";
import {
	closeInput,
	type OpenedInput,
	openInput,
	PREEMPT_EVERY,
	readAllFile,
} from "../lib/textio.ts";
import { Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "extended-regexp", arg: "none", key: "E" },
	{ name: "fixed-strings", arg: "none", key: "F" },
	{ name: "basic-regexp", arg: "none", key: "G" },
	{ name: "perl-regexp", arg: "none", key: "P" },
	{ name: "regexp", arg: "required", key: "e" },
	{ name: "file", arg: "required", key: "f" },
	{ name: "ignore-case", arg: "none", key: "i" },
	{ name: "no-ignore-case", arg: "none", key: "--no-ignore-case" },
	{ name: "word-regexp", arg: "none", key: "w" },
	{ name: "line-regexp", arg: "none", key: "x" },
	{ name: "null-data", arg: "none", key: "z" },
	{ name: "no-messages", arg: "none", key: "s" },
	{ name: "invert-match", arg: "none", key: "v" },
	{ name: "version", arg: "none", key: "V" },
	{ name: "help", arg: "none", key: "--help" },
	{ name: "max-count", arg: "required", key: "m" },
	{ name: "byte-offset", arg: "none", key: "b" },
	{ name: "line-number", arg: "none", key: "n" },
	{ name: "no-line-number", arg: "none", key: "--no-line-number" },
	{ name: "line-buffered", arg: "none", key: "--line-buffered" },
	{ name: "with-filename", arg: "none", key: "H" },
	{ name: "no-filename", arg: "none", key: "h" },
	{ name: "label", arg: "required", key: "--label" },
	{ name: "only-matching", arg: "none", key: "o" },
	{ name: "quiet", arg: "none", key: "q" },
	{ name: "silent", arg: "none", key: "q" },
	{ name: "text", arg: "none", key: "a" },
	{ name: "recursive", arg: "none", key: "r" },
	{ name: "dereference-recursive", arg: "none", key: "R" },
	{ name: "files-without-match", arg: "none", key: "L" },
	{ name: "files-with-matches", arg: "none", key: "l" },
	{ name: "count", arg: "none", key: "c" },
	{ name: "null", arg: "none", key: "Z" },
	{ name: "before-context", arg: "required", key: "B" },
	{ name: "after-context", arg: "required", key: "A" },
	{ name: "context", arg: "required", key: "C" },
	{ name: "color", arg: "optional", key: "--color" },
	{ name: "colour", arg: "optional", key: "--color" },
];

const USAGE =
	"Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

interface Settings {
	matchers: PosixRegex[];
	invert: boolean;
	count: boolean;
	listMatching: boolean;
	listNonMatching: boolean;
	quiet: boolean;
	onlyMatching: boolean;
	lineNumbers: boolean;
	byteOffset: boolean;
	withFilename: boolean;
	nullAfterName: boolean;
	maxCount: number;
	before: number;
	after: number;
	text: boolean;
	eol: string;
}

/** Output state shared by all files (the "--" group separator spans files). */
interface OutState {
	printedAny: boolean;
}

class Quit extends Error {}

function contextNumber(arg: string): number | null {
	if (!/^[0-9]+$/.test(arg)) return null;
	return Math.min(Number(arg), Number.MAX_SAFE_INTEGER);
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const name = tool.name;
	// -NUM is -C NUM.
	const args = tool.args.map((a) => (/^-[0-9]+$/.test(a) ? `-C${a.slice(1)}` : a));
	const parsed = getopt(name, args, "A:B:C:EFGHLPRVZabce:f:hilm:noqrsvwxyz", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${USAGE}`);
		return 2;
	}
	let syntax: "G" | "E" | "F" | "P" = "G";
	let matcherSet = false;
	let context = 0;
	let afterSet: number | null = null;
	let beforeSet: number | null = null;
	let ignoreCase = false;
	let wordMatch = false;
	let lineMatch = false;
	let patterns: string[] | null = null;
	let noMessages = false;
	let recursive: "no" | "r" | "R" = "no";
	let filenames: boolean | null = null;
	let label = "(standard input)";
	const s: Settings = {
		matchers: [],
		invert: false,
		count: false,
		listMatching: false,
		listNonMatching: false,
		quiet: false,
		onlyMatching: false,
		lineNumbers: false,
		byteOffset: false,
		withFilename: false,
		nullAfterName: false,
		maxCount: Number.POSITIVE_INFINITY,
		before: 0,
		after: 0,
		text: false,
		eol: "\n",
	};
	const sys = tool.sys;
	for (const o of parsed.opts) {
		switch (o.key) {
			case "E":
			case "F":
			case "G":
			case "P":
				if (matcherSet && syntax !== o.key) {
					yield* tool.warn("conflicting matchers specified");
					return 2;
				}
				matcherSet = true;
				syntax = o.key;
				break;
			case "e":
				patterns = [...(patterns ?? []), ...o.arg!.split("\n")];
				break;
			case "f": {
				let text: string;
				try {
					text = o.arg === "-" ? yield* readAllFile(sys, 0) : yield* readFileText(sys, o.arg!);
				} catch (e) {
					yield* tool.warn(`${o.arg}: ${errText(e)}`);
					return 2;
				}
				const list = text === "" ? [] : text.replace(/\n$/, "").split("\n");
				patterns = [...(patterns ?? []), ...list];
				break;
			}
			case "i":
			case "y":
				ignoreCase = true;
				break;
			case "--no-ignore-case":
				ignoreCase = false;
				break;
			case "w":
				wordMatch = true;
				break;
			case "x":
				lineMatch = true;
				break;
			case "z":
				s.eol = "\0";
				break;
			case "s":
				noMessages = true;
				break;
			case "v":
				s.invert = true;
				break;
			case "V":
				yield* tool.print("grep (GNU grep) 3.8\n");
				return yield* tool.finish(0);
			case "--help":
				yield* tool.print("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
				return yield* tool.finish(0);
			case "m": {
				const n = /^-?[0-9]+$/.test(o.arg!) ? Number(o.arg) : Number.NaN;
				if (Number.isNaN(n)) {
					yield* tool.warn("invalid max count");
					return 2;
				}
				s.maxCount = n < 0 ? Number.POSITIVE_INFINITY : n;
				break;
			}
			case "b":
				s.byteOffset = true;
				break;
			case "n":
				s.lineNumbers = true;
				break;
			case "--no-line-number":
				s.lineNumbers = false;
				break;
			case "H":
				filenames = true;
				break;
			case "h":
				filenames = false;
				break;
			case "--label":
				label = o.arg!;
				break;
			case "o":
				s.onlyMatching = true;
				break;
			case "q":
				s.quiet = true;
				break;
			case "a":
				s.text = true;
				break;
			case "r":
				recursive = "r";
				break;
			case "R":
				recursive = "R";
				break;
			case "L":
				s.listNonMatching = true;
				s.listMatching = false;
				break;
			case "l":
				s.listMatching = true;
				s.listNonMatching = false;
				break;
			case "c":
				s.count = true;
				break;
			case "Z":
				s.nullAfterName = true;
				break;
			case "A":
			case "B":
			case "C": {
				const n = contextNumber(o.arg!);
				if (n === null) {
					yield* tool.warn(`${o.arg}: invalid context length argument`);
					return 2;
				}
				// -C sets the context only on the sides -A and -B leave unset.
				if (o.key === "A") afterSet = n;
				else if (o.key === "B") beforeSet = n;
				else context = n;
				break;
			}
		}
	}
	// -x wins over -w.
	const wrap = lineMatch ? "line" : wordMatch ? "word" : undefined;
	s.after = afterSet ?? context;
	s.before = beforeSet ?? context;
	const operands = [...parsed.operands];
	if (patterns === null) {
		if (operands.length === 0) {
			yield* tool.errText(USAGE);
			return 2;
		}
		patterns = operands.shift()!.split("\n");
	}
	for (const p of patterns) {
		let compiled: PosixRegex;
		if (syntax === "F") {
			compiled = compileFixed(p, ignoreCase, wrap);
		} else {
			const r =
				syntax === "P"
					? compileJs(p, ignoreCase, wrap)
					: compileRegex(p, { extended: syntax === "E", ignoreCase, wrap });
			if (!r.ok) {
				yield* tool.warn(r.error);
				return 2;
			}
			for (const w of r.warnings) yield* tool.warn(`warning: ${w}`);
			compiled = r.regex;
		}
		s.matchers.push(compiled);
	}
	// Nothing can be selected (-m 0, or -v with only empty patterns): GNU
	// grep stops before opening any file.
	const nothing = patterns.every((p) => p === "") && s.invert && !lineMatch && !wordMatch;
	if ((s.maxCount === 0 || nothing) && !s.listNonMatching) return yield* tool.finish(1);
	let files = operands;
	let stripDot = false;
	if (files.length === 0) {
		files = recursive !== "no" ? ["."] : ["-"];
		stripDot = recursive !== "no";
	}
	s.withFilename = filenames ?? (files.length > 1 || recursive !== "no");
	let status = 1;
	let error = false;
	const out: OutState = { printedAny: false };
	const searchOne = function* (path: string, shown: string, top: boolean): Run<void> {
		if (path !== "-" && recursive !== "no") {
			let st: ReturnType<typeof sys.vfs.stat> | null = null;
			try {
				st =
					recursive === "R" || top ? sys.vfs.stat(sys.task, path) : sys.vfs.lstat(sys.task, path);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				st = null;
			}
			if (st !== null && isLnk(st.mode)) return;
			if (st !== null && isDir(st.mode)) {
				let names: string[];
				try {
					names = sys.vfs.readdir(sys.task, path).filter((n) => n !== "." && n !== "..");
				} catch (e) {
					if (!noMessages) yield* tool.warn(`${shown}: ${errText(e)}`);
					error = true;
					return;
				}
				for (const n of names) {
					const child = path.endsWith("/") ? `${path}${n}` : `${path}/${n}`;
					const childShown = stripDot && path === "." ? n : child;
					yield* searchOne(child, childShown, false);
				}
				return;
			}
		}
		const opened = openInput(sys, path);
		if (opened instanceof KernelError) {
			if (!noMessages) yield* tool.warn(`${shown}: ${opened.strerror}`);
			error = true;
			return;
		}
		try {
			const found = yield* searchFile(tool, opened, path === "-" ? label : shown, s, out);
			if (found) status = 0;
		} catch (e) {
			if (e instanceof Quit) throw e;
			if (!noMessages) yield* tool.warn(`${shown}: ${errText(e)}`);
			error = true;
		} finally {
			closeInput(sys, opened);
		}
	};
	try {
		for (const f of files) {
			yield* searchOne(f, f, true);
			if (tool.out.error !== null) break;
		}
	} catch (e) {
		if (!(e instanceof Quit)) throw e;
		return yield* tool.finish(0);
	}
	const final = error && !(s.quiet && status === 0) ? 2 : status;
	// A write error makes grep's status 2.
	return (yield* tool.finish(final)) === final ? final : 2;
}

function* readFileText(sys: Tool["sys"], path: string): Run<string> {
	const fd = sys.vfs.open(sys.task, path, 0);
	try {
		return yield* readAllFile(sys, fd);
	} finally {
		sys.vfs.close(sys.task, fd);
	}
}

/** Search one opened input; true when a line was selected. */
function* searchFile(
	tool: Tool,
	opened: OpenedInput,
	name: string,
	s: Settings,
	out: OutState,
): Run<boolean> {
	const input: Input = opened.input;
	const eol = s.eol;
	const first = s.text || eol === "\0" ? null : yield* input.peek();
	let binary = first?.includes("\0") === true;
	// -q outputs nothing, -l and -L only names, -c only counts.
	const listing = !s.quiet && (s.listMatching || s.listNonMatching);
	const counting = !s.quiet && !listing && s.count;
	const printing = !s.quiet && !listing && !counting;
	const sep = (c: string): string => (s.nullAfterName ? "\0" : c);
	const prefix = (lineNo: number, offset: number, c: string): string => {
		let p = "";
		if (s.withFilename) p += name + sep(c);
		if (s.lineNumbers) p += `${lineNo}${c}`;
		if (s.byteOffset) p += `${offset}${c}`;
		return p;
	};
	const selected = (line: string): boolean => {
		let m = false;
		for (const r of s.matchers) {
			if (r.test(line)) {
				m = true;
				break;
			}
		}
		return m !== s.invert;
	};
	let count = 0;
	let lineNo = 0;
	let offset = 0;
	let lastPrinted = -1;
	let afterLeft = 0;
	const before: { text: string; no: number; off: number }[] = [];
	const emit = function* (text: string, no: number, off: number, c: string): Run<void> {
		// Groups of context that do not touch are separated by "--" (across files too).
		if (
			out.printedAny &&
			(s.before > 0 || s.after > 0) &&
			(lastPrinted < 0 || no > lastPrinted + 1)
		) {
			yield* tool.print("--\n");
		}
		// -o shows no context lines, but they still make up the groups.
		if (!s.onlyMatching) yield* tool.print(`${prefix(no, off, c)}${text}${eol}`);
		out.printedAny = true;
		lastPrinted = no;
	};
	let stopAt: number | null = null;
	for (;;) {
		const raw = yield* input.line(eol);
		if (raw === null) break;
		lineNo++;
		const line = raw.endsWith(eol) ? raw.slice(0, -1) : raw;
		const lineOffset = offset;
		offset += raw.length;
		if (!binary && !s.text && eol !== "\0" && line.includes("\0")) binary = true;
		if (lineNo % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
		if (stopAt !== null) {
			// Trailing context after the last allowed match.
			if (afterLeft > 0 && printing && !binary) {
				yield* emit(line, lineNo, lineOffset, "-");
				afterLeft--;
			}
			if (afterLeft === 0) break;
			continue;
		}
		if (!selected(line)) {
			if (printing && !binary) {
				if (afterLeft > 0) {
					yield* emit(line, lineNo, lineOffset, "-");
					afterLeft--;
				} else if (s.before > 0) {
					before.push({ text: line, no: lineNo, off: lineOffset });
					if (before.length > s.before) before.shift();
				}
			}
			continue;
		}
		count++;
		if (s.quiet) throw new Quit();
		if (listing) break;
		if (printing) {
			if (binary) {
				yield* tool.warn(`${name}: binary file matches`);
				break;
			}
			for (const b of before) yield* emit(b.text, b.no, b.off, "-");
			before.length = 0;
			yield* emit(line, lineNo, lineOffset, ":");
			if (s.onlyMatching && !s.invert)
				yield* printMatches(tool, line, lineNo, lineOffset, s, prefix);
			afterLeft = s.after;
		}
		if (count >= s.maxCount) {
			stopAt = lineNo;
			if (afterLeft === 0 || !printing) break;
		}
		if (tool.out.error !== null) break;
	}
	if (stopAt !== null || listing) input.giveBack();
	if (counting) {
		yield* tool.print(s.withFilename ? `${name}${sep(":")}${count}\n` : `${count}\n`);
	}
	if (listing && s.listMatching && count > 0)
		yield* tool.print(`${name}${s.nullAfterName ? "\0" : "\n"}`);
	if (listing && s.listNonMatching && count === 0) {
		yield* tool.print(`${name}${s.nullAfterName ? "\0" : "\n"}`);
	}
	return count > 0;
}

/** -o: each non-empty match on its own line, leftmost-longest across the patterns. */
function* printMatches(
	tool: Tool,
	line: string,
	lineNo: number,
	lineOffset: number,
	s: Settings,
	prefix: (no: number, off: number, c: string) => string,
): Run<void> {
	let pos = 0;
	while (pos <= line.length) {
		let best: { index: number; end: number } | null = null;
		for (const r of s.matchers) {
			const m = r.exec(line, pos);
			if (m === null) continue;
			if (best === null || m.index < best.index || (m.index === best.index && m.end > best.end))
				best = m;
		}
		if (best === null) break;
		if (best.end === best.index) {
			pos = best.index + 1;
			continue;
		}
		yield* tool.print(
			`${prefix(lineNo, lineOffset + best.index, ":")}${line.slice(best.index, best.end)}${s.eol}`,
		);
		pos = best.end;
	}
}
