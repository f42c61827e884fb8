/**
 * sed [-nEsz] [-e SCRIPT]... [-f FILE]... [-i[SUFFIX]] [FILE]... (GNU sed,
 * C locale). Commands: { } = a b c d D F g G h H i l n N p P q Q r R s t T
 * w W x y z # and :label, with addresses N, $, /re/I M, \cREc, first~step,
 * and ranges to N, /re/, +N, ~N (0,/re/ too), negated with !. s takes
 * g p N i I m M w flags and & \1..\9 \n \L \U \l \u \E in the replacement.
 * The e command and the e flag are not supported.
 */
import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt } from "../lib/getopt.ts";
import { compileRegex, type PosixRegex } from "../lib/regex.ts";
import { BUFSIZ, errText, Output } from "../lib/stdio.ts";
import {
	closeInput,
	type OpenedInput,
	openInput,
	PREEMPT_EVERY,
	readAllFile,
} from "../lib/textio.ts";
import { dirName, Tool } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "quiet", arg: "none", key: "n" },
	{ name: "silent", arg: "none", key: "n" },
	{ name: "expression", arg: "required", key: "e" },
	{ name: "file", arg: "required", key: "f" },
	{ name: "in-place", arg: "optional", key: "i" },
	{ name: "line-length", arg: "required", key: "l" },
	{ name: "regexp-extended", arg: "none", key: "E" },
	{ name: "separate", arg: "none", key: "s" },
	{ name: "null-data", arg: "none", key: "z" },
	{ name: "unbuffered", arg: "none", key: "u" },
	{ name: "posix", arg: "none", key: "--posix" },
	{ name: "debug", arg: "none", key: "--debug" },
	{ name: "sandbox", arg: "none", key: "--sandbox" },
	{ name: "follow-symlinks", arg: "none", key: "--follow-symlinks" },
	{ name: "help", arg: "none", key: "--help" },
	{ name: "version", arg: "none", key: "--version" },
];

/** A regex in an address or s command; null regex: the last one used. */
interface RegexRef {
	readonly regex: PosixRegex | null;
}

type Addr =
	| { readonly kind: "line"; readonly n: number }
	| { readonly kind: "last" }
	| { readonly kind: "re"; readonly re: RegexRef }
	| { readonly kind: "step"; readonly first: number; readonly step: number }
	| { readonly kind: "zero" }
	| { readonly kind: "plus"; readonly n: number }
	| { readonly kind: "tilde"; readonly n: number };

type ReplPart =
	| { readonly kind: "text"; readonly text: string }
	| { readonly kind: "group"; readonly n: number }
	| { readonly kind: "case"; readonly op: "L" | "U" | "l" | "u" | "E" };

interface Command {
	readonly name: string;
	a1: Addr | null;
	a2: Addr | null;
	negate: boolean;
	/** Range state. */
	active: boolean;
	/** A range from a line number that has ended. */
	closed: boolean;
	endLine: number;
	/** Text of a, i, c; label of b, t, T, :; file of r, R, w, W. */
	text: string;
	/** Index of the matching } for {, of the target for b/t/T (-1: end). */
	jump: number;
	/** s command. */
	re: RegexRef | null;
	repl: ReplPart[];
	global: boolean;
	print: boolean;
	occurrence: number;
	/** q/Q exit code, l line length (-1: default). */
	num: number;
	/** y command map. */
	map: Map<string, string> | null;
	/** w output (s///w, w, W). */
	out: SedOutput | null;
}

class CompileError extends Error {
	/** No "-e expression" location (GNU panics). */
	readonly bare: boolean;
	/** Report at char 0 (errors found at the end). */
	readonly atZero: boolean;
	constructor(message: string, bare = false, atZero = false) {
		super(message);
		this.bare = bare;
		this.atZero = atZero;
	}
}

/** A piece of script: -e text or a -f file. */
interface Fragment {
	readonly text: string;
	readonly label: string;
	readonly isFile: boolean;
	readonly start: number;
}

/** A write to standard output failed: GNU sed names the items of the failing write. */
class WriteFailure extends Error {
	readonly items: number;
	readonly reason: string;
	constructor(items: number, reason: string) {
		super(reason);
		this.items = items;
		this.reason = reason;
	}
}

/** An output stream that remembers a missing final newline, as GNU sed does. */
class SedOutput {
	readonly out: Output;
	/** Failing writes end sed (standard output only). */
	private readonly fatal: boolean;
	private missingNewline = false;

	constructor(out: Output, fatal = false) {
		this.out = out;
		this.fatal = fatal;
	}

	/** Bytes glibc would hold in its buffer: it flushes on the write that does not fit. */
	private pending = 0;
	private failedEarly = false;

	private *put(text: string): Run<void> {
		if (text === "") return;
		const before = this.out.error;
		const overflows = this.pending + text.length > BUFSIZ;
		this.pending = overflows ? (this.pending + text.length) % BUFSIZ : this.pending + text.length;
		yield* this.out.put(text);
		if (!this.fatal) return;
		if (before === null && this.out.error !== null) this.failedEarly = true;
		// Report the failure at the write glibc would have failed on.
		if (this.failedEarly && overflows) {
			this.failedEarly = false;
			throw new WriteFailure(text.length, this.out.error?.strerror ?? "");
		}
	}

	*write(text: string, newline: boolean): Run<void> {
		if (this.missingNewline) {
			yield* this.put("\n");
			this.missingNewline = false;
		}
		yield* this.put(text);
		if (newline) yield* this.put("\n");
		else this.missingNewline = true;
	}

	*raw(text: string): Run<void> {
		if (this.missingNewline) {
			yield* this.put("\n");
			this.missingNewline = false;
		}
		yield* this.put(text);
	}
}

const SIMPLE_ESCAPES: Record<string, string> = {
	n: "\n",
	t: "\t",
	a: "\x07",
	f: "\f",
	v: "\v",
	r: "\r",
};

/** The script parser. */
class Parser {
	private readonly s: string;
	private readonly fragments: Fragment[];
	private readonly extended: boolean;
	pos = 0;
	readonly commands: Command[] = [];
	private readonly blocks: number[] = [];
	lastRegex: PosixRegex | null = null;
	/** Files named by w commands, opened before input is read. */
	readonly wfiles = new Map<string, SedOutput | null>();

	constructor(fragments: Fragment[], extended: boolean) {
		this.fragments = fragments;
		this.s = fragments.map((f) => f.text).join("\n");
		this.extended = extended;
	}

	/** The "-e expression #1, char 5" prefix for an error at the cursor. */
	where(atZero: boolean): string {
		const pos = Math.min(this.pos, this.s.length);
		let frag = this.fragments[0]!;
		for (const f of this.fragments) if (f.start <= pos) frag = f;
		if (frag.isFile) {
			const line = this.s.slice(frag.start, pos).split("\n").length;
			return `${frag.label} line ${line}`;
		}
		return `${frag.label}, char ${atZero ? 0 : pos - frag.start}`;
	}

	private fail(message: string): never {
		throw new CompileError(message);
	}

	private peek(): string | undefined {
		return this.s[this.pos];
	}

	private skipSpace(): void {
		while (this.pos < this.s.length && /[ \t]/.test(this.s[this.pos]!)) this.pos++;
	}

	private number(): number {
		const m = /^[0-9]+/.exec(this.s.slice(this.pos))!;
		this.pos += m[0].length;
		return Number(m[0]);
	}

	/** Text up to an unescaped `delim`; \delim becomes delim, \n a newline (regex: kept escaped). */
	private delimited(delim: string, what: string, regex: boolean): string {
		let out = "";
		for (;;) {
			const c = this.s[this.pos];
			if (c === undefined) this.fail(`unterminated ${what}`);
			this.pos++;
			if (c === delim) return out;
			if (c === "\\") {
				const n = this.s[this.pos];
				if (n === undefined) this.fail(`unterminated ${what}`);
				this.pos++;
				if (n === delim) out += delim;
				else if (n === "\n") out += regex ? "\\n" : "\\\n";
				else out += `\\${n}`;
				continue;
			}
			if (c === "\n" && regex) this.fail(`unterminated ${what}`);
			out += c;
		}
	}

	private compile(pattern: string, flags: string): RegexRef {
		if (pattern === "") {
			if (this.lastRegex === null)
				throw new CompileError("no previous regular expression", false, true);
			return { regex: null };
		}
		const r = compileRegex(pattern, {
			extended: this.extended,
			ignoreCase: flags.includes("I"),
			multiline: flags.includes("M"),
			sedEscapes: true,
		});
		if (!r.ok) this.fail(r.error);
		this.lastRegex = r.regex;
		return { regex: r.regex };
	}

	private address(): Addr | null {
		const c = this.peek();
		if (c === undefined) return null;
		if (/[0-9]/.test(c)) {
			const n = this.number();
			if (this.peek() === "~") {
				this.pos++;
				const step = /[0-9]/.test(this.peek() ?? "") ? this.number() : 0;
				return { kind: "step", first: n, step };
			}
			return n === 0 ? { kind: "zero" } : { kind: "line", n };
		}
		if (c === "$") {
			this.pos++;
			return { kind: "last" };
		}
		if (c === "/" || c === "\\") {
			this.pos++;
			let delim = "/";
			if (c === "\\") {
				delim = this.s[this.pos] ?? "";
				this.pos++;
			}
			const pattern = this.delimited(delim, "address regex", true);
			let flags = "";
			while (this.peek() === "I" || this.peek() === "M") flags += this.s[this.pos++];
			return { kind: "re", re: this.compile(pattern, flags) };
		}
		return null;
	}

	/** The end of a command: blanks, then ; newline } # or the end. */
	private endCommand(): void {
		this.skipSpace();
		const c = this.peek();
		if (c === undefined || c === "}" || c === "#") return;
		if (c === ";" || c === "\n") {
			this.pos++;
			return;
		}
		this.pos++;
		this.fail("extra characters after command");
	}

	/** A label or file name: the rest of the line (labels also stop at ;). */
	private restOfLine(stopAtSemicolon: boolean): string {
		let out = "";
		while (this.pos < this.s.length && this.s[this.pos] !== "\n") {
			if (stopAtSemicolon && this.s[this.pos] === ";") break;
			out += this.s[this.pos++];
		}
		return out;
	}

	/** Text of a, i, c. */
	private text(): string {
		this.skipSpace();
		if (this.peek() === "\\") {
			this.pos++;
			if (this.peek() === "\n") this.pos++;
		} else if (this.pos >= this.s.length || this.peek() === "\n") {
			this.fail("expected \\ after `a', `c' or `i'");
		}
		let out = "";
		while (this.pos < this.s.length) {
			const c = this.s[this.pos++]!;
			if (c === "\n") break;
			if (c === "\\") {
				const n = this.s[this.pos++];
				if (n === undefined) break;
				out += SIMPLE_ESCAPES[n] ?? n;
				continue;
			}
			out += c;
		}
		return out;
	}

	private newCommand(name: string, a1: Addr | null, a2: Addr | null, negate: boolean): Command {
		return {
			name,
			a1,
			a2,
			negate,
			active: a1?.kind === "zero",
			closed: false,
			endLine: 0,
			text: "",
			jump: -1,
			re: null,
			repl: [],
			global: false,
			print: false,
			occurrence: 1,
			num: -1,
			map: null,
			out: null,
		};
	}

	parse(): void {
		const s = this.s;
		while (this.pos < s.length) {
			const c = s[this.pos]!;
			if (/[ \t\n;]/.test(c)) {
				this.pos++;
				continue;
			}
			if (c === "#") {
				this.restOfLine(false);
				continue;
			}
			const a1 = this.address();
			let a2: Addr | null = null;
			if (a1 !== null) {
				this.skipSpace();
				if (this.peek() === ",") {
					this.pos++;
					this.skipSpace();
					const p = this.peek();
					if (p === "+" || p === "~") {
						this.pos++;
						if (!/[0-9]/.test(this.peek() ?? "")) this.fail("expected newer version of sed");
						const n = this.number();
						a2 = p === "+" ? { kind: "plus", n } : { kind: "tilde", n };
					} else {
						a2 = this.address();
						if (a2 === null) this.fail("unexpected `,'");
						if (a2.kind === "zero") this.fail("invalid usage of line address 0");
						if (a2.kind === "step") a2 = { kind: "line", n: a2.first };
					}
				}
			}
			this.skipSpace();
			let negate = false;
			while (this.peek() === "!") {
				negate = true;
				this.pos++;
				this.skipSpace();
			}
			const name = s[this.pos];
			if (name === undefined) {
				if (a1 !== null || negate) this.fail("missing command");
				break;
			}
			this.pos++;
			if (a1?.kind === "zero" && (a2 === null || a2.kind !== "re")) {
				this.fail("invalid usage of line address 0");
			}
			const cmd = this.newCommand(name, a1, a2, negate);
			const noAddr = (max: number): void => {
				if ((max === 0 && a1 !== null) || (max === 1 && a2 !== null)) {
					this.fail(max === 0 ? ": doesn't want any addresses" : "command only uses one address");
				}
			};
			switch (name) {
				case "{":
					this.blocks.push(this.commands.length);
					this.commands.push(cmd);
					continue;
				case "}": {
					noAddr(0);
					const open = this.blocks.pop();
					if (open === undefined) this.fail("unexpected `}'");
					this.commands[open]!.jump = this.commands.length + 1;
					this.commands.push(cmd);
					this.endCommand();
					continue;
				}
				case "=":
				case "d":
				case "D":
				case "F":
				case "g":
				case "G":
				case "h":
				case "H":
				case "n":
				case "N":
				case "p":
				case "P":
				case "x":
				case "z":
					this.commands.push(cmd);
					this.endCommand();
					continue;
				case "a":
				case "i":
				case "c":
					cmd.text = this.text();
					this.commands.push(cmd);
					continue;
				case ":": {
					if (a1 !== null) this.fail(": doesn't want any addresses");
					this.skipSpace();
					const label = this.restOfLine(true).trimEnd();
					if (label === "") this.fail('":" lacks a label');
					cmd.text = label;
					this.commands.push(cmd);
					if (this.peek() === ";") this.pos++;
					continue;
				}
				case "b":
				case "t":
				case "T":
					this.skipSpace();
					cmd.text = this.restOfLine(true).trimEnd();
					this.commands.push(cmd);
					if (this.peek() === ";") this.pos++;
					continue;
				case "r":
				case "R":
				case "w":
				case "W": {
					this.skipSpace();
					const file = this.restOfLine(false);
					if (file === "") this.fail("missing filename in r/R/w/W commands");
					cmd.text = file;
					if (name === "w" || name === "W") this.wfiles.set(file, null);
					this.commands.push(cmd);
					continue;
				}
				case "q":
				case "Q":
				case "l":
				case "L":
					if (name === "L") this.fail("unknown command: `L'");
					if ((name === "q" || name === "Q") && a2 !== null)
						this.fail("command only uses one address");
					this.skipSpace();
					if (/[0-9]/.test(this.peek() ?? "")) cmd.num = this.number();
					this.commands.push(cmd);
					this.endCommand();
					continue;
				case "s":
					this.substitute(cmd);
					this.commands.push(cmd);
					continue;
				case "y":
					this.transliterate(cmd);
					this.commands.push(cmd);
					this.endCommand();
					continue;
				default:
					this.fail(`unknown command: \`${name}'`);
			}
		}
		if (this.blocks.length > 0) throw new CompileError("unmatched `{'", false, true);
		// Resolve branch targets.
		const labels = new Map<string, number>();
		this.commands.forEach((c, i) => {
			if (c.name === ":") labels.set(c.text, i);
		});
		for (const c of this.commands) {
			if (c.name !== "b" && c.name !== "t" && c.name !== "T") continue;
			if (c.text === "") continue;
			const target = labels.get(c.text);
			if (target === undefined)
				throw new CompileError(`can't find label for jump to \`${c.text}'`, true);
			c.jump = target;
		}
	}

	private substitute(cmd: Command): void {
		const delim = this.s[this.pos];
		if (delim === undefined || delim === "\n" || delim === "\\")
			this.fail("unterminated `s' command");
		this.pos++;
		const pattern = this.delimited(delim, "`s' command", true);
		const replacement = this.delimited(delim, "`s' command", false);
		let flags = "";
		let sawNumber = false;
		for (;;) {
			const c = this.peek();
			if (c === "g") {
				if (cmd.global) {
					this.pos++;
					this.fail("multiple `g' options to `s' command");
				}
				cmd.global = true;
				this.pos++;
			} else if (c === "p") {
				if (cmd.print) {
					this.pos++;
					this.fail("multiple `p' options to `s' command");
				}
				cmd.print = true;
				this.pos++;
			} else if (c === "i" || c === "I") {
				flags += "I";
				this.pos++;
			} else if (c === "m" || c === "M") {
				flags += "M";
				this.pos++;
			} else if (c !== undefined && /[0-9]/.test(c)) {
				const n = this.number();
				if (sawNumber) this.fail("multiple number options to `s' command");
				if (n === 0) this.fail("number option to `s' command may not be zero");
				sawNumber = true;
				cmd.occurrence = n;
			} else if (c === "w") {
				this.pos++;
				this.skipSpace();
				const file = this.restOfLine(false);
				if (file === "") this.fail("missing filename in r/R/w/W commands");
				cmd.text = file;
				this.wfiles.set(file, null);
				break;
			} else if (c === "e") {
				this.pos++;
				this.fail("the `e' flag is not supported");
			} else if (
				c === undefined ||
				c === ";" ||
				c === "\n" ||
				c === "}" ||
				c === "#" ||
				c === " " ||
				c === "\t"
			) {
				this.endCommand();
				break;
			} else {
				this.pos++;
				this.fail("unknown option to `s'");
			}
		}
		cmd.re = this.compile(pattern, flags);
		const groups = (cmd.re.regex ?? this.lastRegex)?.groups ?? 0;
		cmd.repl = this.replacement(replacement, groups);
	}

	private replacement(text: string, groups: number): ReplPart[] {
		const parts: ReplPart[] = [];
		let lit = "";
		const flush = (): void => {
			if (lit !== "") parts.push({ kind: "text", text: lit });
			lit = "";
		};
		for (let i = 0; i < text.length; i++) {
			const c = text[i]!;
			if (c === "&") {
				flush();
				parts.push({ kind: "group", n: 0 });
				continue;
			}
			if (c !== "\\" || i + 1 >= text.length) {
				lit += c;
				continue;
			}
			const e = text[++i]!;
			if (e >= "0" && e <= "9") {
				const n = Number(e);
				if (n > groups) this.fail(`invalid reference \\${n} on \`s' command's RHS`);
				flush();
				parts.push({ kind: "group", n });
			} else if ("LUluE".includes(e)) {
				flush();
				parts.push({ kind: "case", op: e as "L" | "U" | "l" | "u" | "E" });
			} else if (SIMPLE_ESCAPES[e] !== undefined) {
				lit += SIMPLE_ESCAPES[e];
			} else if (e === "c" && i + 1 < text.length) {
				lit += String.fromCharCode(text[++i]!.toUpperCase().charCodeAt(0) ^ 0x40);
			} else if (e === "d" || e === "o" || e === "x") {
				const re = e === "d" ? /^[0-9]{1,3}/ : e === "o" ? /^[0-7]{1,3}/ : /^[0-9A-Fa-f]{1,2}/;
				const m = re.exec(text.slice(i + 1));
				if (m === null) lit += e;
				else {
					lit += String.fromCharCode(
						Number.parseInt(m[0], e === "d" ? 10 : e === "o" ? 8 : 16) & 0xff,
					);
					i += m[0].length;
				}
			} else {
				lit += e;
			}
		}
		flush();
		return parts;
	}

	private transliterate(cmd: Command): void {
		const delim = this.s[this.pos];
		if (delim === undefined || delim === "\n" || delim === "\\")
			this.fail("unterminated `y' command");
		this.pos++;
		const decode = (t: string): string => {
			let out = "";
			for (let i = 0; i < t.length; i++) {
				if (t[i] === "\\" && i + 1 < t.length) {
					const e = t[++i]!;
					out += e === "n" ? "\n" : e === "\\" ? "\\" : (SIMPLE_ESCAPES[e] ?? `\\${e}`);
				} else out += t[i];
			}
			return out;
		};
		const src = decode(this.delimited(delim, "`y' command", false));
		const dst = decode(this.delimited(delim, "`y' command", false));
		if (src.length !== dst.length) this.fail("strings for `y' command are different lengths");
		cmd.map = new Map();
		for (let i = 0; i < src.length; i++) cmd.map.set(src[i]!, dst[i]!);
	}
}

/** Lines from the input files in turn, with a lookahead for $. */
class LineSource {
	private readonly sys: Sys;
	private readonly tool: Tool;
	private readonly files: string[];
	private index = 0;
	private cur: OpenedInput | null = null;
	curName = "-";
	private pending: { line: string; newline: boolean; name: string } | null = null;
	private readonly eol: string;
	/** A file could not be read (status 2). */
	failed = false;

	constructor(tool: Tool, files: string[], eol: string) {
		this.sys = tool.sys;
		this.tool = tool;
		this.files = files;
		this.eol = eol;
	}

	/** Read the next raw line from the files (read errors are thrown). */
	private *fetch(): Run<{ line: string; newline: boolean; name: string } | null> {
		for (;;) {
			if (this.cur === null) {
				if (this.index >= this.files.length) return null;
				const name = this.files[this.index++]!;
				const opened = openInput(this.sys, name);
				if (opened instanceof KernelError) {
					yield* this.tool.warn(`can't read ${name}: ${opened.strerror}`);
					this.failed = true;
					continue;
				}
				this.cur = opened;
				this.curName = name;
			}
			let raw: string | null;
			try {
				raw = yield* this.cur.input.line(this.eol);
			} catch (e) {
				throw new ReadFailure(this.curName, errText(e));
			}
			if (raw === null) {
				closeInput(this.sys, this.cur);
				this.cur = null;
				continue;
			}
			const newline = raw.endsWith(this.eol);
			return { line: newline ? raw.slice(0, -1) : raw, newline, name: this.curName };
		}
	}

	*next(): Run<{ line: string; newline: boolean; name: string } | null> {
		if (this.pending !== null) {
			const p = this.pending;
			this.pending = null;
			return p;
		}
		return yield* this.fetch();
	}

	*isLast(): Run<boolean> {
		if (this.pending === null) this.pending = yield* this.fetch();
		return this.pending === null;
	}

	/** Stop early: give back what was read ahead to a seekable input. */
	close(): void {
		if (this.cur !== null) {
			if (this.pending === null) this.cur.input.giveBack();
			closeInput(this.sys, this.cur);
			this.cur = null;
		}
	}
}

class ReadFailure extends Error {
	readonly file: string;
	readonly reason: string;
	constructor(file: string, reason: string) {
		super(reason);
		this.file = file;
		this.reason = reason;
	}
}

/** Quit the script (q, Q, or the end of input in n/N). */
class QuitSignal extends Error {
	readonly status: number;
	readonly autoprint: boolean;
	readonly forceNewline: boolean;
	constructor(status: number, autoprint: boolean, forceNewline = false) {
		super("quit");
		this.status = status;
		this.autoprint = autoprint;
		this.forceNewline = forceNewline;
	}
}

/** \L \U \l \u \E applied to the replacement as it is built. */
function applyCase(text: string, mode: "L" | "U" | "", once: "l" | "u" | ""): string {
	if (text === "") return text;
	let t = text;
	if (mode === "L") t = t.replace(/[A-Z]+/g, (m) => m.toLowerCase());
	else if (mode === "U") t = t.replace(/[a-z]+/g, (m) => m.toUpperCase());
	if (once === "l") t = t[0]!.toLowerCase() + t.slice(1);
	else if (once === "u") t = t[0]!.toUpperCase() + t.slice(1);
	return t;
}

/** `l`: the pattern space unambiguously, wrapped at `width` (0/1: never). */
function listing(ps: string, width: number): string {
	const escapes: Record<number, string> = {
		7: "\\a",
		8: "\\b",
		9: "\\t",
		11: "\\v",
		12: "\\f",
		13: "\\r",
		92: "\\\\",
	};
	let out = "";
	let col = 0;
	const emit = (piece: string): void => {
		if (width > 0 && col + piece.length > width - 1) {
			out += "\\\n";
			col = 0;
		}
		out += piece;
		col += piece.length;
	};
	for (let i = 0; i < ps.length; i++) {
		const c = ps.charCodeAt(i);
		if (c === 10) emit("\\n");
		else if (escapes[c] !== undefined) emit(escapes[c]!);
		else if (c < 32 || c >= 127) emit(`\\${c.toString(8).padStart(3, "0")}`);
		else emit(ps[i]!);
	}
	return `${out}$\n`;
}

/** Standard output and the files of w commands. */
interface OutputFiles {
	readonly stdout: SedOutput;
	readonly writers: Map<string, SedOutput>;
}

interface RunOptions {
	quiet: boolean;
	lineWidth: number;
	eol: string;
	separate: boolean;
}

class Executor {
	private readonly tool: Tool;
	private readonly cmds: Command[];
	private readonly o: RunOptions;
	private readonly out: SedOutput;
	private readonly stdout: SedOutput;
	private readonly writers: Map<string, SedOutput>;
	private ps = "";
	private hold = "";
	private holdNewline = true;
	/** Commands run, for preemption in loops that never read input. */
	private steps = 0;
	lineNo = 0;
	private newline = true;
	private replaced = false;
	private lastRegex: PosixRegex | null;
	private appends: ({ text: string } | { file: string } | { rline: string })[] = [];
	private readonly rfiles = new Map<string, OpenedInput | null>();
	private src: LineSource;

	constructor(
		tool: Tool,
		cmds: Command[],
		o: RunOptions,
		out: SedOutput,
		files: OutputFiles,
		lastRegex: PosixRegex | null,
		src: LineSource,
	) {
		this.tool = tool;
		this.cmds = cmds;
		this.o = o;
		this.out = out;
		this.stdout = files.stdout;
		this.writers = files.writers;
		this.lastRegex = lastRegex;
		this.src = src;
	}

	setSource(src: LineSource): void {
		this.src = src;
	}

	private regexOf(ref: RegexRef): PosixRegex {
		if (ref.regex !== null) this.lastRegex = ref.regex;
		return ref.regex ?? this.lastRegex!;
	}

	private *read(): Run<boolean> {
		const l = yield* this.src.next();
		if (l === null) return false;
		this.ps = l.line;
		this.newline = l.newline;
		this.lineNo++;
		this.replaced = false;
		return true;
	}

	private *dumpAppends(): Run<void> {
		for (const a of this.appends) {
			if ("text" in a) yield* this.out.raw(`${a.text}\n`);
			else if ("rline" in a) yield* this.out.raw(a.rline);
			else {
				const text = yield* readWhole(this.tool.sys, a.file);
				if (text !== null) yield* this.out.raw(text);
			}
		}
		this.appends = [];
	}

	private *matchAddr(a: Addr): Run<boolean> {
		switch (a.kind) {
			case "line":
				return this.lineNo === a.n;
			case "last":
				return yield* this.src.isLast();
			case "re":
				return this.regexOf(a.re).test(this.ps);
			case "step":
				return a.step <= 0
					? this.lineNo === a.first
					: this.lineNo >= a.first && (this.lineNo - a.first) % a.step === 0;
			default:
				return false;
		}
	}

	private *selected(c: Command): Run<boolean> {
		if (c.a1 === null) return !c.negate;
		let hit: boolean;
		if (c.a2 === null) {
			hit = yield* this.matchAddr(c.a1);
		} else if (c.active) {
			hit = true;
			const a2 = c.a2;
			if (a2.kind === "re") {
				if (this.regexOf(a2.re).test(this.ps)) c.active = false;
			} else if (a2.kind === "last") {
				if (yield* this.src.isLast()) c.active = false;
			} else if (this.lineNo >= c.endLine) {
				// n and N can carry the cycle past an end line number: then it does
				// not match (past the end of +N and ~N it still does).
				if (this.lineNo > c.endLine && a2.kind === "line") hit = false;
				c.active = false;
			}
			// A range from a line number happens once.
			if (!c.active && c.a1.kind === "line") c.closed = true;
		} else if (c.closed) {
			hit = false;
		} else if (yield* this.rangeStarts(c)) {
			hit = true;
			const a2 = c.a2;
			c.active = true;
			if (a2.kind === "line") {
				c.endLine = a2.n;
				if (a2.n <= this.lineNo) c.active = false;
			} else if (a2.kind === "plus") {
				c.endLine = this.lineNo + a2.n;
				if (a2.n === 0) c.active = false;
			} else if (a2.kind === "tilde") {
				if (a2.n <= 0 || this.lineNo % a2.n === 0) c.active = false;
				else c.endLine = Math.ceil(this.lineNo / a2.n) * a2.n;
			} else if (a2.kind === "last") {
				if (yield* this.src.isLast()) c.active = false;
			}
			if (!c.active && c.a1.kind === "line") c.closed = true;
		} else {
			hit = false;
		}
		return hit !== c.negate;
	}

	/**
	 * Does a range start on this line? A line-number start also starts it on
	 * a later line when its own line was never tested (GNU), unless the end
	 * is a line number already passed.
	 */
	private *rangeStarts(c: Command): Run<boolean> {
		const a1 = c.a1!;
		if (a1.kind !== "line" || this.lineNo <= a1.n) return yield* this.matchAddr(a1);
		const a2 = c.a2!;
		if (a2.kind === "line" && this.lineNo > a2.n) {
			c.closed = true;
			return false;
		}
		return true;
	}

	/** One s command; true when a replacement was made. */
	private substitute(c: Command): boolean {
		const re = this.regexOf(c.re!);
		const ps = this.ps;
		let out = "";
		let pos = 0;
		let copied = 0;
		let count = 0;
		let did = false;
		let prevEnd = -1;
		while (pos <= ps.length) {
			const m = re.exec(ps, pos);
			if (m === null) break;
			if (m.index === m.end && m.index === prevEnd) {
				// No empty match right after a match.
				pos = m.index + 1;
				continue;
			}
			count++;
			if (count >= c.occurrence) {
				out += ps.slice(copied, m.index) + this.expand(c.repl, m.groups);
				copied = m.end;
				did = true;
				if (!c.global) break;
			}
			prevEnd = m.end;
			pos = m.end > m.index ? m.end : m.end + 1;
		}
		if (!did) return false;
		this.ps = out + ps.slice(copied);
		return true;
	}

	private expand(parts: ReplPart[], groups: readonly (string | undefined)[]): string {
		let out = "";
		let mode: "L" | "U" | "" = "";
		let once: "l" | "u" | "" = "";
		for (const p of parts) {
			if (p.kind === "case") {
				if (p.op === "L" || p.op === "U") mode = p.op;
				else if (p.op === "E") mode = "";
				else once = p.op;
				continue;
			}
			const t = p.kind === "text" ? p.text : (groups[p.n] ?? "");
			if (mode === "" && once === "") out += t;
			else {
				out += applyCase(t, mode, once);
				if (t !== "") once = "";
			}
		}
		return out;
	}

	private *writeTo(file: string, text: string): Run<void> {
		const target = file === "/dev/stdout" ? this.stdout : this.writers.get(file);
		if (target !== undefined) yield* target.write(text, true);
	}

	/** Run the script over all input; returns the exit status requested by q/Q, or null. */
	*run(): Run<number | null> {
		try {
			while (yield* this.read()) {
				yield* this.cycle();
				if (this.lineNo % PREEMPT_EVERY === 0) yield* this.tool.sys.preempt();
			}
		} catch (e) {
			if (!(e instanceof QuitSignal)) throw e;
			// q prints the pattern space with a newline even when the input line had none.
			if (e.autoprint && !this.o.quiet)
				yield* this.out.write(this.ps, e.forceNewline || this.newline);
			yield* this.dumpAppends();
			this.src.close();
			return e.status;
		}
		return null;
	}

	private *cycle(): Run<void> {
		let restart = false;
		do {
			restart = false;
			let pc = 0;
			let deleted = false;
			while (pc < this.cmds.length) {
				// Scripts can loop (b, D) without reading input: let others run.
				if (++this.steps % 65536 === 0) yield* this.tool.sys.preempt();
				const c = this.cmds[pc]!;
				if (c.name === "}" || c.name === ":") {
					pc++;
					continue;
				}
				if (!(yield* this.selected(c))) {
					pc = c.name === "{" ? c.jump : pc + 1;
					continue;
				}
				pc++;
				switch (c.name) {
					case "{":
						break;
					case "=":
						yield* this.out.raw(`${this.lineNo}\n`);
						break;
					case "a":
						this.appends.push({ text: c.text });
						break;
					case "i":
						yield* this.out.raw(`${c.text}\n`);
						break;
					case "c":
						if (c.negate || c.a2 === null || !c.active) yield* this.out.raw(`${c.text}\n`);
						deleted = true;
						break;
					case "b":
						pc = c.jump < 0 ? this.cmds.length : c.jump;
						break;
					case "t":
						if (this.replaced) {
							this.replaced = false;
							pc = c.jump < 0 ? this.cmds.length : c.jump;
						}
						break;
					case "T":
						if (!this.replaced) pc = c.jump < 0 ? this.cmds.length : c.jump;
						else this.replaced = false;
						break;
					case "d":
						deleted = true;
						break;
					case "D": {
						const nl = this.ps.indexOf("\n");
						if (nl < 0) {
							deleted = true;
						} else {
							this.ps = this.ps.slice(nl + 1);
							yield* this.dumpAppends();
							restart = true;
							deleted = true;
						}
						break;
					}
					case "F":
						yield* this.out.raw(`${this.src.curName}\n`);
						break;
					// Whether a buffer ends without a newline travels with its text.
					case "g":
						this.ps = this.hold;
						this.newline = this.holdNewline;
						break;
					case "G":
						this.ps += `\n${this.hold}`;
						this.newline = this.holdNewline;
						break;
					case "h":
						this.hold = this.ps;
						this.holdNewline = this.newline;
						break;
					case "H":
						this.hold += `\n${this.ps}`;
						this.holdNewline = this.newline;
						break;
					case "x":
						[this.ps, this.hold] = [this.hold, this.ps];
						[this.newline, this.holdNewline] = [this.holdNewline, this.newline];
						break;
					case "l":
						yield* this.out.raw(listing(this.ps, c.num >= 0 ? c.num : this.o.lineWidth));
						break;
					case "n":
						if (yield* this.src.isLast()) {
							throw new QuitSignal(0, true);
						}
						if (!this.o.quiet) yield* this.out.write(this.ps, this.newline);
						yield* this.dumpAppends();
						yield* this.read();
						break;
					case "N": {
						if (yield* this.src.isLast()) throw new QuitSignal(0, true);
						yield* this.dumpAppends();
						const prev = this.ps;
						yield* this.read();
						this.ps = `${prev}\n${this.ps}`;
						break;
					}
					case "p":
						yield* this.out.write(this.ps, this.newline);
						break;
					case "P": {
						const nl = this.ps.indexOf("\n");
						if (nl < 0) yield* this.out.write(this.ps, this.newline);
						else yield* this.out.write(this.ps.slice(0, nl), true);
						break;
					}
					case "q":
						throw new QuitSignal(c.num < 0 ? 0 : c.num, true, true);
					case "Q":
						this.src.close();
						throw new QuitSignal(c.num < 0 ? 0 : c.num, false);
					case "r":
						this.appends.push({ file: c.text });
						break;
					case "R": {
						const line = yield* this.readLineOf(c.text);
						if (line !== null)
							this.appends.push({ rline: line.endsWith("\n") ? line : `${line}\n` });
						break;
					}
					case "s":
						if (this.substitute(c)) {
							this.replaced = true;
							if (c.print) yield* this.out.write(this.ps, this.newline);
							if (c.text !== "") yield* this.writeTo(c.text, this.ps);
						}
						break;
					case "w":
						yield* this.writeTo(c.text, this.ps);
						break;
					case "W": {
						const nl = this.ps.indexOf("\n");
						yield* this.writeTo(c.text, nl < 0 ? this.ps : this.ps.slice(0, nl));
						break;
					}
					case "y": {
						let t = "";
						for (const ch of this.ps) t += c.map!.get(ch) ?? ch;
						this.ps = t;
						break;
					}
					case "z":
						this.ps = "";
						break;
				}
				if (deleted) break;
			}
			if (!deleted && !this.o.quiet) yield* this.out.write(this.ps, this.newline);
			if (!restart) yield* this.dumpAppends();
		} while (restart);
	}

	private *readLineOf(file: string): Run<string | null> {
		let r = this.rfiles.get(file);
		if (r === undefined) {
			const opened = openInput(this.tool.sys, file);
			r = opened instanceof KernelError ? null : opened;
			this.rfiles.set(file, r);
		}
		if (r === null) return null;
		try {
			return yield* r.input.line();
		} catch (e) {
			errText(e);
			return null;
		}
	}
}

function* readWhole(sys: Sys, file: string): Run<string | null> {
	let fd: number;
	try {
		fd = sys.vfs.open(sys.task, file, 0);
	} catch (e) {
		errText(e);
		return null;
	}
	try {
		return yield* readAllFile(sys, fd);
	} catch (e) {
		errText(e);
		return null;
	} finally {
		sys.vfs.close(sys.task, fd);
	}
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const sys = tool.sys;
	const parsed = getopt(tool.name, tool.args, "nrsEe:f:i::l:uz", LONGOPTS);
	const usage = function* (msg: string | null): Run<number> {
		if (msg !== null) yield* tool.errText(`${msg}\n`);
		yield* tool.errText(
			`Usage: ${tool.name} [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n`,
		);
		return 1;
	};
	if (!parsed.ok) return yield* usage(parsed.message);
	const fragments: Fragment[] = [];
	let start = 0;
	let exprNo = 0;
	const addFragment = (text: string, label: string, isFile: boolean): void => {
		fragments.push({ text, label, isFile, start });
		start += text.length + 1;
	};
	const opts: RunOptions = { quiet: false, lineWidth: 70, eol: "\n", separate: false };
	let extended = false;
	let inPlace: string | null = null;
	for (const o of parsed.opts) {
		switch (o.key) {
			case "n":
				opts.quiet = true;
				break;
			case "r":
			case "E":
				extended = true;
				break;
			case "s":
				opts.separate = true;
				break;
			case "z":
				opts.eol = "\0";
				break;
			case "e":
				addFragment(o.arg!, `-e expression #${++exprNo}`, false);
				break;
			case "f": {
				let text: string | null;
				if (o.arg === "-") {
					try {
						text = yield* readAllFile(sys, 0);
					} catch (e) {
						yield* tool.warn(`read error on stdin: ${errText(e)}`);
						return 4;
					}
				} else {
					text = yield* readWhole(sys, o.arg!);
				}
				if (text === null) {
					let reason = "No such file or directory";
					try {
						sys.vfs.stat(sys.task, o.arg!);
					} catch (e) {
						reason = errText(e);
					}
					yield* tool.warn(`couldn't open file ${o.arg}: ${reason}`);
					return 4;
				}
				addFragment(text.endsWith("\n") ? text.slice(0, -1) : text, `file ${o.arg}`, true);
				break;
			}
			case "i":
				inPlace = o.arg ?? "";
				opts.separate = true;
				break;
			case "l":
				opts.lineWidth = /^[0-9]+$/.test(o.arg!) ? Number(o.arg) : 70;
				break;
			case "--help":
				return yield* usage(null);
			case "--version":
				yield* tool.print("sed (GNU sed) 4.9\n");
				return yield* tool.finish(0);
		}
	}
	const operands = [...parsed.operands];
	if (fragments.length === 0) {
		if (operands.length === 0) return yield* usage(null);
		addFragment(operands.shift()!, "-e expression #1", false);
	}
	if (
		fragments[0]!.text.startsWith("#n") &&
		(fragments[0]!.text.length === 2 || fragments[0]!.text[2] === "\n")
	) {
		opts.quiet = true;
	}
	const parser = new Parser(fragments, extended);
	try {
		parser.parse();
	} catch (e) {
		if (!(e instanceof CompileError)) throw e;
		if (e.bare) {
			yield* tool.warn(e.message);
			return 4;
		}
		yield* tool.warn(`${parser.where(e.atZero)}: ${e.message}`);
		return 1;
	}
	const stdout = new SedOutput(tool.out, true);
	// w files are created before any input is read.
	const writers = new Map<string, SedOutput>();
	const outFiles: OutputFiles = { stdout, writers };
	for (const file of parser.wfiles.keys()) {
		if (file === "/dev/stdout") continue;
		if (file === "/dev/stderr") {
			writers.set(file, new SedOutput(tool.err));
			continue;
		}
		try {
			const fd = sys.vfs.open(sys.task, file, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
			writers.set(file, new SedOutput(new Output(sys, fd)));
		} catch (e) {
			yield* tool.warn(`couldn't open file ${file}: ${errText(e)}`);
			return 4;
		}
	}
	if (inPlace !== null && operands.length === 0) {
		yield* tool.warn("no input files");
		return 4;
	}
	const files = operands.length === 0 ? ["-"] : operands;
	let status = 0;
	try {
		if (inPlace !== null) {
			for (const file of files) {
				const r = yield* editInPlace(tool, file, inPlace, parser, opts, outFiles);
				if (r === "failed") status = 2;
				else if (r !== null) {
					status = r;
					break;
				}
			}
		} else if (opts.separate) {
			let exec: Executor | null = null;
			for (const file of files) {
				const src = new LineSource(tool, [file], opts.eol);
				if (exec === null)
					exec = new Executor(tool, parser.commands, opts, stdout, outFiles, parser.lastRegex, src);
				else exec.setSource(src);
				exec.lineNo = 0;
				const q = yield* exec.run();
				if (src.failed) status = 2;
				if (q !== null) {
					status = q;
					break;
				}
			}
		} else {
			const src = new LineSource(tool, files, opts.eol);
			const exec = new Executor(
				tool,
				parser.commands,
				opts,
				stdout,
				outFiles,
				parser.lastRegex,
				src,
			);
			const q = yield* exec.run();
			if (src.failed) status = 2;
			if (q !== null) status = q;
		}
	} catch (e) {
		if (e instanceof WriteFailure) {
			yield* flushWriters(writers);
			const items = `${e.items} item${e.items === 1 ? "" : "s"}`;
			yield* tool.warn(`couldn't write ${items} to stdout: ${e.reason}`);
			return 4;
		}
		if (!(e instanceof ReadFailure)) throw e;
		yield* flushWriters(writers);
		yield* tool.finish(0);
		yield* tool.warn(`read error on ${e.file === "-" ? "stdin" : e.file}: ${e.reason}`);
		return 4;
	}
	yield* flushWriters(writers);
	if (!(yield* tool.out.flush())) {
		yield* tool.warn(`couldn't flush stdout: ${tool.out.error?.strerror ?? ""}`);
		return 4;
	}
	return status;
}

function* flushWriters(writers: Map<string, SedOutput>): Run<void> {
	for (const w of writers.values()) yield* w.out.flush();
}

/** sed -i on one file: the output replaces it (through a temporary file renamed over it). */
function* editInPlace(
	tool: Tool,
	file: string,
	suffix: string,
	parser: Parser,
	opts: RunOptions,
	files: OutputFiles,
): Run<number | null | "failed"> {
	const sys = tool.sys;
	let mode = 0o644;
	try {
		const st = sys.vfs.stat(sys.task, file);
		if ((st.mode & 0o170000) !== 0o100000) {
			yield* tool.warn(`couldn't edit ${file}: not a regular file`);
			return 4;
		}
		mode = st.mode & 0o7777;
	} catch (e) {
		yield* tool.warn(`can't read ${file}: ${errText(e)}`);
		return "failed";
	}
	const dir = dirName(file);
	const tmp = `${dir}/sed${Math.floor(Math.random() * 1e6)
		.toString(36)
		.padStart(6, "0")}`;
	let fd: number;
	try {
		fd = sys.vfs.open(sys.task, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600);
	} catch (e) {
		yield* tool.warn(`couldn't open temporary file ${tmp}: ${errText(e)}`);
		return 4;
	}
	const out = new SedOutput(new Output(sys, fd));
	const src = new LineSource(tool, [file], opts.eol);
	const exec = new Executor(tool, parser.commands, opts, out, files, parser.lastRegex, src);
	const q = yield* exec.run();
	yield* out.out.flush();
	try {
		sys.vfs.fchmod(sys.task, fd, mode);
		sys.vfs.close(sys.task, fd);
		if (suffix !== "") {
			const backup = suffix.includes("*")
				? suffix.replaceAll("*", file.slice(file.lastIndexOf("/") + 1))
				: file + suffix;
			sys.vfs.rename(sys.task, file, backup.includes("/") ? backup : `${dir}/${backup}`);
		}
		sys.vfs.rename(sys.task, tmp, file);
	} catch (e) {
		yield* tool.warn(`couldn't edit ${file}: ${errText(e)}`);
		return 4;
	}
	return q;
}
