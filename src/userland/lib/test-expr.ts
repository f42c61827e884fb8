/**
 * The expression evaluator of test(1) and [, shared by /usr/bin/test and
 * the shell's builtin. File checks go through a TestFiles the caller
 * provides; errors come back as structured values the caller words.
 *
 * Two grammars: coreutils test (POSIX's rules by argument count for up to
 * four arguments, then -o/-a/!/( ) precedence parsing; no < or >), and
 * dash's builtin (its own precedence parser with < and >, without ==).
 */

import type { Stat } from "../../fs/constants.ts";
import {
	isBlk,
	isChr,
	isDir,
	isFifo,
	isLnk,
	isReg,
	S_IFMT,
	S_IFSOCK,
	S_ISGID,
	S_ISUID,
	S_ISVTX,
} from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import { isatty } from "./stdio.ts";

/** What the file operators need from the system. */
export interface TestFiles {
	/** stat(2), or null when it fails. */
	stat(path: string): Stat | null;
	/** lstat(2), or null when it fails. */
	lstat(path: string): Stat | null;
	/** access(2)-style check with the effective ids: 4 read, 2 write, 1 execute. */
	access(path: string, mode: number): boolean;
	isatty(fd: number): boolean;
	readonly euid: number;
	readonly egid: number;
}

export type TestError =
	/** coreutils: "missing argument after 'x'"; dash: "x: argument expected". */
	| { readonly kind: "missing-argument"; readonly arg: string }
	/** coreutils: "'-x': unary operator expected". */
	| { readonly kind: "unary-expected"; readonly arg: string }
	/** coreutils: "'x': binary operator expected". */
	| { readonly kind: "binary-expected"; readonly arg: string }
	/** coreutils: "')' expected" (found: "')' expected, found 'x'"); dash: "closing paren expected". */
	| { readonly kind: "paren-expected"; readonly found: string | null }
	/** coreutils: "extra argument 'x'". */
	| { readonly kind: "extra-argument"; readonly arg: string }
	/** dash: "x: unexpected operator". */
	| { readonly kind: "unexpected-operator"; readonly arg: string }
	/** coreutils: "invalid integer 'x'"; dash: "Illegal number: x". */
	| { readonly kind: "invalid-integer"; readonly arg: string };

export type TestResult =
	| { readonly ok: true; readonly value: boolean }
	| { readonly ok: false; readonly error: TestError };

export type TestDialect = "coreutils" | "dash";

/** coreutils test's message for an error (without the "test: " prefix). */
export function coreutilsTestMessage(e: TestError, quote: (s: string) => string): string {
	switch (e.kind) {
		case "missing-argument":
			return `missing argument after ${quote(e.arg)}`;
		case "unary-expected":
			return `${quote(e.arg)}: unary operator expected`;
		case "binary-expected":
			return `${quote(e.arg)}: binary operator expected`;
		case "paren-expected":
			return e.found === null ? "')' expected" : `')' expected, found ${quote(e.found)}`;
		case "extra-argument":
			return `extra argument ${quote(e.arg)}`;
		case "unexpected-operator":
			return `${quote(e.arg)}: unexpected operator`;
		case "invalid-integer":
			return `invalid integer ${quote(e.arg)}`;
	}
}

/** dash's message for an error (without the "sh: 1: test: " prefix). */
export function dashTestMessage(e: TestError): string {
	switch (e.kind) {
		case "missing-argument":
			return `${e.arg}: argument expected`;
		case "paren-expected":
			return "closing paren expected";
		case "invalid-integer":
			return `Illegal number: ${e.arg}`;
		case "unary-expected":
		case "binary-expected":
		case "extra-argument":
		case "unexpected-operator":
			return e.arg === "" ? "unexpected operator" : `${e.arg}: unexpected operator`;
	}
}

class SyntaxFailure extends Error {
	readonly error: TestError;
	constructor(error: TestError) {
		super(error.kind);
		this.error = error;
	}
}

const UNARY = new Set([..."bcdefghknprstuwxzGLNOS"].map((c) => `-${c}`));
const COREUTILS_BINARY = new Set([
	"=",
	"==",
	"!=",
	"-eq",
	"-ne",
	"-lt",
	"-le",
	"-gt",
	"-ge",
	"-nt",
	"-ot",
	"-ef",
]);
const DASH_BINARY = new Set([
	"=",
	"!=",
	"<",
	">",
	"-eq",
	"-ne",
	"-lt",
	"-le",
	"-gt",
	"-ge",
	"-nt",
	"-ot",
	"-ef",
]);

/** An integer operand: optional blanks, sign and digits, optional blanks. */
function parseInteger(s: string, dialect: TestDialect): bigint | null {
	const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)[ \t\n\v\f\r]*$/.exec(s);
	if (m === null) return null;
	const v = BigInt(m[1]!);
	// dash reads intmax_t and rejects what does not fit.
	if (dialect === "dash" && (v > 0x7fffffffffffffffn || v < -0x8000000000000000n)) return null;
	return v;
}

function mtimeNs(st: Stat): number {
	return st.mtimeNs;
}

/** The unary file and string operators. */
function unary(op: string, arg: string, files: TestFiles, dialect: TestDialect): boolean {
	switch (op) {
		case "-n":
			return arg.length > 0;
		case "-z":
			return arg.length === 0;
		case "-t": {
			const fd = parseInteger(arg, dialect);
			if (fd === null) throw new SyntaxFailure({ kind: "invalid-integer", arg });
			return fd >= 0n && fd <= 0x7fffffffn && files.isatty(Number(fd));
		}
		case "-h":
		case "-L": {
			const st = files.lstat(arg);
			return st !== null && isLnk(st.mode);
		}
		case "-r":
			return files.access(arg, 4);
		case "-w":
			return files.access(arg, 2);
		case "-x":
			return files.access(arg, 1);
	}
	const st = files.stat(arg);
	if (st === null) return false;
	switch (op) {
		case "-e":
			return true;
		case "-f":
			return isReg(st.mode);
		case "-d":
			return isDir(st.mode);
		case "-b":
			return isBlk(st.mode);
		case "-c":
			return isChr(st.mode);
		case "-p":
			return isFifo(st.mode);
		case "-S":
			return (st.mode & S_IFMT) === S_IFSOCK;
		case "-s":
			return st.size > 0;
		case "-u":
			return (st.mode & S_ISUID) !== 0;
		case "-g":
			return (st.mode & S_ISGID) !== 0;
		case "-k":
			return (st.mode & S_ISVTX) !== 0;
		case "-O":
			return st.uid === files.euid;
		case "-G":
			return st.gid === files.egid;
		case "-N":
			return st.mtimeNs > st.atimeNs;
		default:
			throw new Error(`not a unary operator: ${op}`);
	}
}

/** The binary operators. */
function binary(
	left: string,
	op: string,
	right: string,
	files: TestFiles,
	dialect: TestDialect,
): boolean {
	switch (op) {
		case "=":
		case "==":
			return left === right;
		case "!=":
			return left !== right;
		case "<":
			return left < right;
		case ">":
			return left > right;
		case "-nt":
		case "-ot": {
			const a = files.stat(left);
			const b = files.stat(right);
			const [newer, older] = op === "-nt" ? [a, b] : [b, a];
			if (newer === null) return false;
			// coreutils counts an existing file newer than a missing one; dash needs both.
			if (older === null) return dialect === "coreutils";
			return mtimeNs(newer) > mtimeNs(older);
		}
		case "-ef": {
			const a = files.stat(left);
			const b = files.stat(right);
			return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
		}
	}
	const l = parseInteger(left, dialect);
	if (l === null) throw new SyntaxFailure({ kind: "invalid-integer", arg: left });
	const r = parseInteger(right, dialect);
	if (r === null) throw new SyntaxFailure({ kind: "invalid-integer", arg: right });
	switch (op) {
		case "-eq":
			return l === r;
		case "-ne":
			return l !== r;
		case "-lt":
			return l < r;
		case "-le":
			return l <= r;
		case "-gt":
			return l > r;
		default:
			return l >= r;
	}
}

/** coreutils' parser: a cursor over the arguments. */
class CoreutilsParser {
	private readonly args: readonly string[];
	private readonly files: TestFiles;
	pos = 0;

	constructor(args: readonly string[], files: TestFiles) {
		this.args = args;
		this.files = files;
	}

	private get argc(): number {
		return this.args.length;
	}

	/** An operand is missing: name the last argument. */
	private beyond(): never {
		throw new SyntaxFailure({ kind: "missing-argument", arg: this.args[this.argc - 1] ?? "" });
	}

	private isBinary(s: string | undefined): boolean {
		return s !== undefined && COREUTILS_BINARY.has(s);
	}

	/** `n` arguments from the cursor, by POSIX's rules for their count. */
	byCount(n: number): boolean {
		switch (n) {
			case 1:
				return this.one();
			case 2:
				return this.two();
			case 3:
				return this.three();
			case 4:
				return this.four();
			default:
				if (n <= 0) this.beyond();
				return this.expr();
		}
	}

	private one(): boolean {
		return this.args[this.pos++]!.length > 0;
	}

	private two(): boolean {
		const a = this.args[this.pos]!;
		if (a === "!") {
			this.pos++;
			return !this.one();
		}
		if (a.length === 2 && a[0] === "-") {
			if (!UNARY.has(a)) throw new SyntaxFailure({ kind: "unary-expected", arg: a });
			return this.unaryAt();
		}
		return this.beyond();
	}

	private three(): boolean {
		const a = this.args[this.pos]!;
		const b = this.args[this.pos + 1]!;
		if (this.isBinary(b)) return this.binaryAt();
		if (a === "!") {
			this.pos++;
			return !this.two();
		}
		if (a === "(" && this.args[this.pos + 2] === ")") {
			this.pos++;
			const v = this.one();
			this.pos++;
			return v;
		}
		if (b === "-a" || b === "-o") return this.expr();
		throw new SyntaxFailure({ kind: "binary-expected", arg: b });
	}

	private four(): boolean {
		const a = this.args[this.pos]!;
		if (a === "!") {
			this.pos++;
			return !this.three();
		}
		if (a === "(" && this.args[this.pos + 3] === ")") {
			this.pos++;
			const v = this.two();
			this.pos++;
			return v;
		}
		return this.expr();
	}

	private unaryAt(): boolean {
		const op = this.args[this.pos]!;
		if (this.pos + 1 >= this.argc) this.beyond();
		const arg = this.args[this.pos + 1]!;
		this.pos += 2;
		return unary(op, arg, this.files, "coreutils");
	}

	private binaryAt(): boolean {
		const [l, op, r] = [this.args[this.pos]!, this.args[this.pos + 1]!, this.args[this.pos + 2]!];
		this.pos += 3;
		return binary(l, op, r, this.files, "coreutils");
	}

	expr(): boolean {
		if (this.pos >= this.argc) this.beyond();
		return this.or();
	}

	private or(): boolean {
		let value = this.and();
		while (this.args[this.pos] === "-o") {
			this.pos++;
			if (this.pos >= this.argc) this.beyond();
			value = this.and() || value;
		}
		return value;
	}

	private and(): boolean {
		let value = this.term();
		while (this.args[this.pos] === "-a") {
			this.pos++;
			if (this.pos >= this.argc) this.beyond();
			value = this.term() && value;
		}
		return value;
	}

	private term(): boolean {
		let negate = false;
		while (this.pos < this.argc && this.args[this.pos] === "!") {
			this.pos++;
			negate = !negate;
		}
		if (this.pos >= this.argc) this.beyond();
		const a = this.args[this.pos]!;
		let value: boolean;
		if (a === "(") {
			this.pos++;
			if (this.pos >= this.argc) this.beyond();
			// The parenthesized part runs to the next ")", judged by count up to four.
			let n = 1;
			while (this.pos + n < this.argc && this.args[this.pos + n] !== ")") {
				if (n === 4) {
					n = this.argc - this.pos;
					break;
				}
				n++;
			}
			value = this.byCount(n);
			const close = this.args[this.pos];
			if (close === undefined) throw new SyntaxFailure({ kind: "paren-expected", found: null });
			if (close !== ")") throw new SyntaxFailure({ kind: "paren-expected", found: close });
			this.pos++;
		} else if (this.argc - this.pos >= 3 && this.isBinary(this.args[this.pos + 1])) {
			value = this.binaryAt();
		} else if (a.length === 2 && a[0] === "-") {
			if (!UNARY.has(a)) throw new SyntaxFailure({ kind: "unary-expected", arg: a });
			value = this.unaryAt();
		} else {
			value = a.length > 0;
			this.pos++;
		}
		return negate ? !value : value;
	}
}

type DashToken =
	| "eoi"
	| "operand"
	| "not"
	| "and"
	| "or"
	| "lparen"
	| "rparen"
	| "unary"
	| "binary";

const DASH_UNARY = new Set([..."bcdefghknprstuwxzGLOS"].map((c) => `-${c}`));

/**
 * dash's parser. Operators are recognized by position: a unary operator
 * that is the last word, or is followed by a binary operator and one more
 * word, is an operand; so is a final "(". The cursor `w` rests on the last
 * word used; a missing operand of -a or -o reads as false.
 */
class DashParser {
	private readonly args: readonly string[];
	private readonly files: TestFiles;
	w = 0;

	constructor(args: readonly string[], files: TestFiles) {
		this.args = args;
		this.files = files;
	}

	lex(i: number): DashToken {
		const s = this.args[i];
		if (s === undefined) return "eoi";
		switch (s) {
			case "!":
				return "not";
			case "-a":
				return "and";
			case "-o":
				return "or";
			case "(":
				return i + 1 < this.args.length ? "lparen" : "operand";
			case ")":
				return "rparen";
		}
		if (DASH_UNARY.has(s)) {
			const next = this.args[i + 1];
			if (next === undefined) return "operand";
			if (this.args[i + 2] !== undefined && DASH_BINARY.has(next)) return "operand";
			return "unary";
		}
		return DASH_BINARY.has(s) ? "binary" : "operand";
	}

	or(tok: DashToken): boolean {
		const left = this.and(tok);
		if (this.lex(this.w + 1) === "or") {
			this.w += 2;
			const right = this.or(this.lex(this.w));
			return right || left;
		}
		return left;
	}

	private and(tok: DashToken): boolean {
		const left = this.not(tok);
		if (this.lex(this.w + 1) === "and") {
			this.w += 2;
			const right = this.and(this.lex(this.w));
			return right && left;
		}
		return left;
	}

	private not(tok: DashToken): boolean {
		if (tok === "not") {
			this.w++;
			return !this.not(this.lex(this.w));
		}
		return this.primary(tok);
	}

	private primary(tok: DashToken): boolean {
		if (tok === "eoi") return false;
		if (tok === "lparen") {
			this.w++;
			const inner = this.lex(this.w);
			if (inner === "rparen") return false;
			const v = this.or(inner);
			this.w++;
			if (this.lex(this.w) !== "rparen")
				throw new SyntaxFailure({ kind: "paren-expected", found: null });
			return v;
		}
		const word = this.args[this.w]!;
		if (tok === "unary") {
			this.w++;
			const operand = this.args[this.w];
			if (operand === undefined) throw new SyntaxFailure({ kind: "missing-argument", arg: word });
			return unary(word, operand, this.files, "dash");
		}
		if (this.lex(this.w + 1) === "binary") {
			const op = this.args[this.w + 1]!;
			const right = this.args[this.w + 2];
			if (right === undefined) throw new SyntaxFailure({ kind: "missing-argument", arg: op });
			this.w += 2;
			return binary(word, op, right, this.files, "dash");
		}
		return word.length > 0;
	}
}

/**
 * Evaluate a test expression (the arguments after "test", or between "["
 * and "]"). True, false, or the syntax error that makes the status 2.
 */
export function evaluateTest(
	args: readonly string[],
	files: TestFiles,
	dialect: TestDialect = "coreutils",
): TestResult {
	try {
		if (dialect === "dash") return { ok: true, value: evaluateDash(args, files) };
		if (args.length === 0) return { ok: true, value: false };
		const p = new CoreutilsParser(args, files);
		const value = p.byCount(args.length);
		if (p.pos !== args.length) {
			return { ok: false, error: { kind: "extra-argument", arg: args[p.pos]! } };
		}
		return { ok: true, value };
	} catch (e) {
		if (e instanceof SyntaxFailure) return { ok: false, error: e.error };
		throw e;
	}
}

function evaluateDash(all: readonly string[], files: TestFiles): boolean {
	let args = all;
	let negate = false;
	let first: DashToken | null = null;
	for (;;) {
		if (args.length === 0) return negate;
		if (args.length === 3 && DASH_BINARY.has(args[1]!)) {
			first = "operand";
			break;
		}
		if (args.length === 3 || args.length === 4) {
			if (args[0] === "(" && args[args.length - 1] === ")") {
				args = args.slice(1, -1);
				break;
			}
			if (args[0] === "!") {
				// Each leading "!" sets the negation; it does not toggle it.
				negate = true;
				args = args.slice(1);
				continue;
			}
		}
		break;
	}
	const p = new DashParser(args, files);
	const value = p.or(first ?? p.lex(0));
	if (args[p.w] !== undefined && args[p.w + 1] !== undefined) {
		throw new SyntaxFailure({ kind: "unexpected-operator", arg: args[p.w]! });
	}
	return negate !== value;
}

/** TestFiles answered by a process's own system calls. */
export function sysTestFiles(sys: Sys): TestFiles {
	const quiet = <T>(fn: () => T): T | null => {
		try {
			return fn();
		} catch (e) {
			if (e instanceof KernelError) return null;
			throw e;
		}
	};
	return {
		stat: (path) => (path === "" ? null : quiet(() => sys.vfs.stat(sys.task, path))),
		lstat: (path) => (path === "" ? null : quiet(() => sys.vfs.lstat(sys.task, path))),
		access: (path, mode) =>
			path !== "" && quiet(() => sys.vfs.access(sys.task, path, mode)) !== null,
		isatty: (fd) => isatty(sys, fd),
		get euid() {
			return sys.task.cred.euid;
		},
		get egid() {
			return sys.task.cred.egid;
		},
	};
}
