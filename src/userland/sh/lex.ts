/**
 * The shell's lexer: tokens (operators, words, redirections, newlines) and
 * the inside of words (quotes, $name, ${...}, $(...), `...`, $((...)),
 * here-document bodies), following what dash 0.5.12 accepts. The grammar in
 * parse.ts drives it one token at a time, like dash's readtoken(), and has
 * the queued here-document bodies read where dash does.
 */
import type { HereDoc, List, ParamOp, RedirOp, Word, WordPart } from "./ast.ts";

/** A syntax error, with dash's text after "Syntax error: " and the line it was found on. */
export class ShSyntaxError extends Error {
	readonly line: number;
	readonly detail: string;
	constructor(detail: string, line: number) {
		super(`Syntax error: ${detail}`);
		this.name = "ShSyntaxError";
		this.line = line;
		this.detail = detail;
	}
}

/** Interactive input ended inside a command: read another line (PS2) and parse again. */
export class NeedMoreInput extends Error {
	constructor() {
		super("unexpected end of input");
		this.name = "NeedMoreInput";
	}
}

const TAB = 9;
const NL = 10;
const SP = 32;
const BANG = 33;
const DQ = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const AMP = 38;
const SQ = 39;
const LP = 40;
const RP = 41;
const STAR = 42;
const PLUS = 43;
const MINUS = 45;
const SLASH = 47;
const COLON = 58;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUEST = 63;
const AT = 64;
const BS = 92;
const BQ = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const TILDE = 126;

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
	return isNameStart(c) || isDigit(c);
}

/** The special parameters that may follow $ or ${ (digits are handled apart). */
function isSpecialParam(c: number): boolean {
	return (
		c === AT || c === STAR || c === HASH || c === QUEST || c === MINUS || c === DOLLAR || c === BANG
	);
}

/** A valid variable name (dash's goodname). */
export function isName(s: string): boolean {
	if (s.length === 0 || !isNameStart(s.charCodeAt(0))) return false;
	for (let i = 1; i < s.length; i++) if (!isNameChar(s.charCodeAt(i))) return false;
	return true;
}

function table(chars: string): Uint8Array {
	const t = new Uint8Array(128);
	for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
	return t;
}

/** Characters that end a run of plain text in each context. */
const STOP_TOP = table(" \t\n;&|()<>\\'\"$`");
/** The characters that end a word (the rest of STOP_TOP continue it). */
const STOP_PLAIN_END = table(" \t\n;&|()<>");
const STOP_DQ = table('\n\\"$`');
const STOP_BRACE_BASE = table("\n\\'\"$`}");
const STOP_BRACE_DQ = table('\n\\"$`}');
const STOP_ARITH = table("\n\\$`()");
const STOP_HEREDOC = table("\n\\$`");

function runEnd(text: string, from: number, len: number, stop: Uint8Array): number {
	let p = from;
	while (p < len) {
		const c = text.charCodeAt(p);
		if (c < 128 && stop[c] === 1) break;
		p++;
	}
	return p;
}

/** The character starting at code unit i, whole even if it is a surrogate pair. */
function charAt(text: string, i: number): string {
	const c = text.charCodeAt(i);
	if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
		const d = text.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff) return text.slice(i, i + 2);
	}
	return text[i]!;
}

/** The input text, the read position and the line it is on. */
export class Source {
	readonly text: string;
	readonly len: number;
	readonly interactive: boolean;
	pos = 0;
	line: number;

	constructor(text: string, line: number, interactive: boolean) {
		this.text = text;
		this.len = text.length;
		this.line = line;
		this.interactive = interactive;
	}

	/** The code unit at i, or -1 past the end. */
	code(i: number): number {
		return i < this.len ? this.text.charCodeAt(i) : -1;
	}

	/** The code unit at the read position after skipping line continuations (dash's pgetc_eatbnl). */
	peek(): number {
		for (;;) {
			const c = this.code(this.pos);
			if (c !== BS || this.code(this.pos + 1) !== NL) return c;
			this.continuation();
		}
	}

	/** Consumes a backslash-newline. Interactive input that ends right after one needs another line. */
	continuation(): void {
		this.pos += 2;
		this.line++;
		if (this.interactive && this.pos >= this.len) throw new NeedMoreInput();
	}

	fail(detail: string): never {
		throw new ShSyntaxError(detail, this.line);
	}

	/** An error caused by the end of the input: in interactive mode, ask for more instead. */
	failEof(detail: string): never {
		if (this.interactive) throw new NeedMoreInput();
		throw new ShSyntaxError(detail, this.line);
	}
}

/** Collects word parts, merging adjacent literal text. */
class Parts {
	readonly out: WordPart[] = [];
	private text = "";

	lit(s: string): void {
		this.text += s;
	}

	push(p: WordPart): void {
		if (this.text !== "") {
			this.out.push({ type: "lit", text: this.text });
			this.text = "";
		}
		this.out.push(p);
	}

	done(): WordPart[] {
		if (this.text !== "") {
			this.out.push({ type: "lit", text: this.text });
			this.text = "";
		}
		return this.out;
	}
}

/**
 * Splits a leading ~user (up to the first / or, in assignments, :) into a
 * tilde part, when all of it is unquoted literal text.
 */
function tildePrefix(parts: WordPart[]): WordPart[] {
	const first = parts[0];
	if (first === undefined || first.type !== "lit" || first.text.charCodeAt(0) !== TILDE)
		return parts;
	const text = first.text;
	let end = text.indexOf("/");
	if (end < 0) {
		if (parts.length > 1) return parts;
		end = text.length;
	}
	const out: WordPart[] = [{ type: "tilde", user: text.slice(1, end) }];
	if (end < text.length) out.push({ type: "lit", text: text.slice(end) });
	for (let i = 1; i < parts.length; i++) out.push(parts[i]!);
	return out;
}

/**
 * Tilde prefixes in the value of an assignment: at its start and after
 * each unquoted colon, each ending at / or : (dash's EXP_VARTILDE).
 */
export function assignTildes(parts: readonly WordPart[]): WordPart[] {
	const out: WordPart[] = [];
	for (let i = 0; i < parts.length; i++) {
		const p = parts[i]!;
		if (p.type !== "lit") {
			out.push(p);
			continue;
		}
		const text = p.text;
		const last = i === parts.length - 1;
		let from = 0;
		let j = i === 0 ? 0 : -1;
		if (j < 0) {
			const c = text.indexOf(":");
			j = c < 0 ? -1 : c + 1;
		}
		while (j >= 0 && j < text.length) {
			if (text.charCodeAt(j) === TILDE) {
				let end = j + 1;
				while (end < text.length) {
					const c = text.charCodeAt(end);
					if (c === SLASH || c === COLON) break;
					end++;
				}
				if (end < text.length || last) {
					if (j > from) out.push({ type: "lit", text: text.slice(from, j) });
					out.push({ type: "tilde", user: text.slice(j + 1, end) });
					from = end;
					j = end;
				}
			}
			const c = text.indexOf(":", j);
			j = c < 0 ? -1 : c + 1;
		}
		if (from === 0) out.push(p);
		else if (from < text.length) out.push({ type: "lit", text: text.slice(from) });
	}
	return out;
}

export type Keyword =
	| "!"
	| "case"
	| "do"
	| "done"
	| "elif"
	| "else"
	| "esac"
	| "fi"
	| "for"
	| "if"
	| "in"
	| "then"
	| "until"
	| "while"
	| "{"
	| "}";

export type Tok =
	| "eof"
	| "nl"
	| ";"
	| "&"
	| "&&"
	| "||"
	| "|"
	| "("
	| ")"
	| ";;"
	| "redir"
	| "word"
	| Keyword;

export const KEYWORDS: ReadonlySet<string> = new Set<Keyword>([
	"!",
	"case",
	"do",
	"done",
	"elif",
	"else",
	"esac",
	"fi",
	"for",
	"if",
	"in",
	"then",
	"until",
	"while",
	"{",
	"}",
]);

/** The parser's entry points the lexer needs for command substitutions. */
export interface SubParsers {
	/** Parses the commands of $(...) from the shared source, through the closing ")". */
	cmdsub(src: Source, from: Lexer): List;
	/** Parses the text of `...` (backslashes already processed). */
	backquote(text: string, from: Lexer): List;
}

/** A token left pushed back by a `...` that ended early (see Lexer.leak). */
export interface LeakedToken {
	readonly tok: Tok;
	readonly word: Word;
	readonly plain: string | null;
	readonly redirOp: RedirOp;
	readonly redirFd: number | null;
}

/** A redirection under construction: a here-document gets its body later. */
export interface MutableRedir {
	fd: number | null;
	op: RedirOp;
	target: Word;
	heredoc?: HereDoc;
}

interface PendingHeredoc {
	readonly redir: MutableRedir;
	readonly delim: string;
	readonly strip: boolean;
	readonly quoted: boolean;
}

/** What kind of context a newline was read in, for errors when a here-document ends inside it. */
const IN_BRACE = 0;
const IN_ARITH = 1;

/** The quoting around a $ expansion: decides how the word in ${name-word} is read. */
const Q_BASE = 0;
const Q_DQ = 1;

const EMPTY: Word = { parts: [] };

export class Lexer {
	readonly s: Source;
	private readonly sub: SubParsers;
	/** The last word lexed (dash's wordtext: still set after non-word tokens). */
	word: Word = EMPTY;
	/** Its text when it is a single unquoted literal, else null. */
	plain: string | null = null;
	/** The last redirection operator lexed. */
	redirOp: RedirOp = "<";
	redirFd: number | null = null;
	/** The next word is a here-document delimiter: $ and ` are not special in it. */
	delimMode = false;
	/**
	 * dash quirk: when the commands of `...` end at a token such as ")" or
	 * "fi" while here-documents are pending, their bodies are read from the
	 * rest of the backquoted text, and the first command substitution in
	 * them starts with that pushed-back token.
	 */
	leak: LeakedToken | null = null;
	private pending: PendingHeredoc[] = [];
	/** The unquoted here-document whose body is being read, for the delimiter check at each line. */
	private hd: { readonly delim: string; readonly strip: boolean } | null = null;
	private rawBackslash = false;

	constructor(s: Source, sub: SubParsers) {
		this.s = s;
		this.sub = sub;
	}

	/** Reads the next token. */
	next(): Tok {
		const s = this.s;
		const text = s.text;
		for (;;) {
			const c = s.code(s.pos);
			if (c === SP || c === TAB) {
				s.pos++;
				continue;
			}
			if (c === BS && s.code(s.pos + 1) === NL) {
				s.continuation();
				continue;
			}
			if (c === HASH) {
				let p = s.pos;
				while (p < s.len && text.charCodeAt(p) !== NL) p++;
				s.pos = p;
				continue;
			}
			break;
		}
		const c = s.code(s.pos);
		switch (c) {
			case -1:
				return "eof";
			case NL:
				s.pos++;
				s.line++;
				return "nl";
			case SEMI:
				return this.singleOrDoubled(SEMI, ";", ";;");
			case AMP:
				return this.singleOrDoubled(AMP, "&", "&&");
			case PIPE:
				return this.singleOrDoubled(PIPE, "|", "||");
			case LP:
				s.pos++;
				return "(";
			case RP:
				s.pos++;
				return ")";
			case LT:
			case GT:
				this.redirFd = null;
				this.readRedirOp();
				return "redir";
		}
		return this.readWordToken();
	}

	/** An operator character, or the same character twice (";;", "&&", "||"). */
	private singleOrDoubled<T>(c: number, single: T, doubled: T): T {
		const s = this.s;
		s.pos++;
		if (s.peek() !== c) return single;
		s.pos++;
		return doubled;
	}

	private readRedirOp(): void {
		const s = this.s;
		const c = s.code(s.pos);
		s.pos++;
		const n = s.peek();
		if (c === LT) {
			if (n === LT) {
				s.pos++;
				if (s.peek() === MINUS) {
					s.pos++;
					this.redirOp = "<<-";
				} else this.redirOp = "<<";
			} else if (n === AMP) {
				s.pos++;
				this.redirOp = "<&";
			} else if (n === GT) {
				s.pos++;
				this.redirOp = "<>";
			} else this.redirOp = "<";
		} else if (n === GT) {
			s.pos++;
			this.redirOp = ">>";
		} else if (n === AMP) {
			s.pos++;
			this.redirOp = ">&";
		} else if (n === PIPE) {
			s.pos++;
			this.redirOp = ">|";
		} else this.redirOp = ">";
	}

	private readWordToken(): Tok {
		const s = this.s;
		const delim = this.delimMode;
		this.delimMode = false;
		// fast path: plain text up to a blank or an operator
		const start = s.pos;
		const end = runEnd(s.text, start, s.len, STOP_TOP);
		const after = s.code(end);
		const parts =
			end > start && (after < 0 || STOP_PLAIN_END[after] === 1)
				? this.plainWord(start, end)
				: this.readWord(delim);
		const first = parts[0];
		const plain = parts.length === 1 && first!.type === "lit" ? first!.text : null;
		// A single digit right before < or > is the descriptor of a redirection.
		if (plain !== null && plain.length === 1 && isDigit(plain.charCodeAt(0))) {
			const c = s.code(s.pos);
			if (c === LT || c === GT) {
				this.readRedirOp();
				this.redirFd = plain.charCodeAt(0) - 48;
				return "redir";
			}
		}
		this.plain = plain;
		this.word = { parts: delim ? parts : tildePrefix(parts) };
		return "word";
	}

	private plainWord(start: number, end: number): WordPart[] {
		this.s.pos = end;
		return [{ type: "lit", text: this.s.text.slice(start, end) }];
	}

	/** An unquoted word, up to a blank, newline or operator character. */
	private readWord(delim: boolean): WordPart[] {
		const s = this.s;
		const text = s.text;
		const b = new Parts();
		for (;;) {
			const start = s.pos;
			const p = runEnd(text, start, s.len, STOP_TOP);
			if (p > start) {
				b.lit(text.slice(start, p));
				s.pos = p;
			}
			const c = s.code(p);
			if (c === BS) {
				const n = s.code(p + 1);
				if (n === NL) s.continuation();
				else if (n < 0) {
					b.lit("\\");
					s.pos++;
				} else {
					const ch = charAt(text, p + 1);
					b.push({ type: "esc", text: ch });
					s.pos += 1 + ch.length;
				}
			} else if (c === SQ) {
				s.pos++;
				b.push({ type: "sq", text: this.readSq() });
			} else if (c === DQ) {
				s.pos++;
				b.push(this.readDq(delim, false));
			} else if (c === DOLLAR && !delim) this.readDollar(b, Q_BASE);
			else if (c === BQ && !delim) b.push(this.readBackquote(false));
			else if (c === DOLLAR || c === BQ) {
				b.lit(text[p]!);
				s.pos++;
			} else break;
		}
		return b.done();
	}

	/** After a newline inside a nested context of a here-document body: the delimiter ends it there. */
	private nestedNewline(kind: number): void {
		const hd = this.hd;
		if (hd === null) return;
		if (this.atDelimiter(hd.delim, hd.strip)) {
			this.s.fail(kind === IN_ARITH ? "Missing '))'" : "Missing '}'");
		}
	}

	/** Unterminated quote error: inside a here-document a quote can only be inside ${...}. */
	private unterminated(): never {
		this.s.failEof(this.hd !== null ? "Missing '}'" : "Unterminated quoted string");
	}

	/** '...' after the opening quote. */
	private readSq(): string {
		const s = this.s;
		const text = s.text;
		let out = "";
		let start = s.pos;
		for (;;) {
			let p = start;
			while (p < s.len) {
				const c = text.charCodeAt(p);
				if (c === SQ || c === NL) break;
				p++;
			}
			if (p >= s.len) {
				s.pos = p;
				this.unterminated();
			}
			if (text.charCodeAt(p) === SQ) {
				out += text.slice(start, p);
				s.pos = p + 1;
				return out;
			}
			out += text.slice(start, p + 1);
			s.pos = p + 1;
			s.line++;
			this.nestedNewline(IN_BRACE);
			start = s.pos;
		}
	}

	/**
	 * "..." after the opening quote. In a here-document delimiter $ and `
	 * are plain; inside ${...} a backslash also escapes }.
	 */
	private readDq(delim: boolean, inBrace: boolean): WordPart {
		const s = this.s;
		const text = s.text;
		const b = new Parts();
		for (;;) {
			const start = s.pos;
			const p = runEnd(text, start, s.len, STOP_DQ);
			if (p > start) {
				b.lit(text.slice(start, p));
				s.pos = p;
			}
			const c = s.code(p);
			if (c < 0) this.unterminated();
			if (c === DQ) {
				s.pos++;
				return { type: "dq", parts: b.done() };
			}
			if (c === BS) {
				const n = s.code(p + 1);
				if (n === NL) s.continuation();
				else if (n === DOLLAR || n === BQ || n === DQ || n === BS || (inBrace && n === RBRACE)) {
					b.push({ type: "esc", text: text[p + 1]! });
					s.pos += 2;
				} else {
					b.lit("\\");
					s.pos++;
				}
			} else if (c === NL) {
				b.lit("\n");
				s.pos++;
				s.line++;
				this.nestedNewline(IN_BRACE);
			} else if (delim) {
				b.lit(text[p]!);
				s.pos++;
			} else if (c === DOLLAR) this.readDollar(b, Q_DQ);
			else b.push(this.readBackquote(true));
		}
	}

	/** A $ expansion (or a literal $) at the read position. */
	private readDollar(b: Parts, q: number): void {
		const s = this.s;
		s.pos++;
		const c = s.peek();
		if (c === LBRACE) {
			s.pos++;
			b.push(this.readBraced(q));
		} else if (c === LP) {
			s.pos++;
			if (s.peek() === LP) {
				s.pos++;
				b.push({ type: "arith", expr: this.readArith() });
			} else {
				b.push({ type: "cmdsub", body: this.sub.cmdsub(s, this), backquote: false });
			}
		} else if (isNameStart(c)) {
			b.push(param(this.readName(), null, false, null));
		} else if (isDigit(c) || isSpecialParam(c)) {
			s.pos++;
			b.push(param(String.fromCharCode(c), null, false, null));
		} else b.lit("$");
	}

	/** A name at the read position (its first character already checked). */
	private readName(): string {
		const s = this.s;
		let name = "";
		for (;;) {
			const start = s.pos;
			let p = start;
			while (p < s.len && isNameChar(s.text.charCodeAt(p))) p++;
			name += s.text.slice(start, p);
			s.pos = p;
			if (!isNameChar(s.peek())) return name;
		}
	}

	/** Digits at the read position, all of them (${10}). */
	private readDigits(): string {
		const s = this.s;
		let out = "";
		while (isDigit(s.peek())) {
			out += s.text[s.pos];
			s.pos++;
		}
		return out;
	}

	/**
	 * ${...} after the brace. A malformed one is still read through its
	 * closing brace, and fails only when expanded (dash's "Bad substitution").
	 * Where dash swallows the offending character, so do we, newline included
	 * (dash does not count that line).
	 */
	private readBraced(q: number): WordPart {
		const s = this.s;
		let name = "";
		let length = false;
		let bad = false;
		let c = s.peek();
		if (c === HASH) {
			s.pos++;
			const c2 = s.peek();
			if (isNameStart(c2)) {
				length = true;
				name = this.readName();
			} else if (isDigit(c2)) {
				length = true;
				name = this.readDigits();
			} else if (c2 === RBRACE || c2 < 0) {
				name = "#";
			} else {
				const at = s.pos;
				const line = s.line;
				s.pos++;
				if (s.peek() === RBRACE) {
					// ${#?}: the length of a special parameter
					if (isSpecialParam(c2)) {
						length = true;
						name = String.fromCharCode(c2);
					} else bad = true;
				} else {
					// ${#-word}, ${#%word}...: $# with an operator
					s.pos = at;
					s.line = line;
					name = "#";
				}
			}
		} else if (isNameStart(c)) name = this.readName();
		else if (isDigit(c)) name = this.readDigits();
		else if (c === RBRACE || c < 0) bad = true;
		else {
			s.pos++;
			if (isSpecialParam(c)) name = String.fromCharCode(c);
			else bad = true;
		}

		let op: ParamOp | null = null;
		let colon = false;
		if (!bad && length) {
			if (s.peek() === RBRACE) {
				s.pos++;
				return param(name, "#len", false, null);
			}
			bad = true;
		} else if (!bad) {
			c = s.peek();
			if (c === RBRACE) {
				s.pos++;
				return param(name, null, false, null);
			}
			if (c === COLON) {
				s.pos++;
				colon = true;
				c = s.peek();
				if (c === RBRACE) {
					// ${name:}word}: dash takes the brace as the operator; a word follows.
					s.pos++;
					const word = this.readBraceWord(q === Q_BASE, q);
					return param(name, null, true, word);
				}
			}
			if (c === MINUS || c === EQ || c === QUEST || c === PLUS) {
				s.pos++;
				op = String.fromCharCode(c) as ParamOp;
			} else if (!colon && (c === PERCENT || c === HASH)) {
				s.pos++;
				if (s.peek() === c) {
					s.pos++;
					op = c === PERCENT ? "%%" : "##";
				} else op = c === PERCENT ? "%" : "#";
			} else {
				bad = true;
				if (c >= 0) s.pos++;
			}
		}
		if (bad) {
			this.readBraceWord(q === Q_BASE, q);
			return { type: "badsub" };
		}
		const trim = op === "%" || op === "%%" || op === "#" || op === "##";
		const word = this.readBraceWord(trim || q === Q_BASE, q);
		return param(name, op, colon, word);
	}

	/**
	 * The word of ${name<op>word} up to the closing brace. `base`: read like
	 * an unquoted word (quotes work, \ escapes anything); else like the
	 * inside of "..." where " opens a nested quote and \ also escapes }.
	 */
	private readBraceWord(base: boolean, q: number): Word {
		const s = this.s;
		const text = s.text;
		const b = new Parts();
		const stop = base ? STOP_BRACE_BASE : STOP_BRACE_DQ;
		for (;;) {
			const start = s.pos;
			const p = runEnd(text, start, s.len, stop);
			if (p > start) {
				b.lit(text.slice(start, p));
				s.pos = p;
			}
			const c = s.code(p);
			if (c < 0) {
				if (base) s.failEof("Missing '}'");
				this.unterminated();
			}
			if (c === RBRACE) {
				s.pos++;
				const parts = b.done();
				return { parts: base && q === Q_BASE ? tildePrefix(parts) : parts };
			}
			if (c === BS) {
				const n = s.code(p + 1);
				if (n === NL) s.continuation();
				else if (n < 0) {
					b.lit("\\");
					s.pos++;
				} else if (base || n === DOLLAR || n === BQ || n === DQ || n === BS || n === RBRACE) {
					const ch = charAt(text, p + 1);
					b.push({ type: "esc", text: ch });
					s.pos += 1 + ch.length;
				} else {
					b.lit("\\");
					s.pos++;
				}
			} else if (c === NL) {
				b.lit("\n");
				s.pos++;
				s.line++;
				this.nestedNewline(IN_BRACE);
			} else if (c === SQ) {
				s.pos++;
				b.push({ type: "sq", text: this.readSq() });
			} else if (c === DQ) {
				s.pos++;
				b.push(this.readDq(false, true));
			} else if (c === DOLLAR) this.readDollar(b, base ? Q_BASE : Q_DQ);
			else b.push(this.readBackquote(!base));
		}
	}

	/**
	 * $((...)) after the second parenthesis, up to the "))" that balances it.
	 * Quotes are plain characters here (dash keeps them in the expression);
	 * a lone ")" that is not followed by another is plain text too.
	 */
	private readArith(): Word {
		const s = this.s;
		const text = s.text;
		const b = new Parts();
		let depth = 0;
		for (;;) {
			const start = s.pos;
			const p = runEnd(text, start, s.len, STOP_ARITH);
			if (p > start) {
				b.lit(text.slice(start, p));
				s.pos = p;
			}
			const c = s.code(p);
			if (c < 0) s.failEof("Missing '))'");
			if (c === LP) {
				depth++;
				b.lit("(");
				s.pos++;
			} else if (c === RP) {
				s.pos++;
				if (depth > 0) {
					depth--;
					b.lit(")");
				} else if (s.peek() === RP) {
					s.pos++;
					return { parts: b.done() };
				} else b.lit(")");
			} else if (c === BS) {
				const n = s.code(p + 1);
				if (n === NL) s.continuation();
				else if (n === DOLLAR || n === BQ || n === DQ || n === BS) {
					b.push({ type: "esc", text: text[p + 1]! });
					s.pos += 2;
				} else if (n < 0) {
					b.lit("\\");
					s.pos++;
				} else {
					const ch = charAt(text, p + 1);
					b.lit(`\\${ch}`);
					s.pos += 1 + ch.length;
				}
			} else if (c === NL) {
				b.lit("\n");
				s.pos++;
				s.line++;
				this.nestedNewline(IN_ARITH);
			} else if (c === DOLLAR) this.readDollar(b, Q_DQ);
			else b.push(this.readBackquote(true));
		}
	}

	/**
	 * `...`: the text up to the closing backquote, where \$ \` \\ (and \"
	 * inside double quotes) lose their backslash and backslash-newline
	 * vanishes; then parsed as a script of its own. Like dash, its lines
	 * are numbered from 1.
	 */
	private readBackquote(dq: boolean): WordPart {
		const s = this.s;
		const text = s.text;
		s.pos++;
		let body = "";
		let start = s.pos;
		for (;;) {
			const p = s.pos;
			const c = s.code(p);
			if (c < 0) s.failEof("EOF in backquote substitution");
			if (c === BQ) {
				body += text.slice(start, p);
				s.pos++;
				break;
			}
			if (c === NL) {
				s.line++;
				s.pos++;
			} else if (c === BS) {
				const n = s.code(p + 1);
				if (n === NL || n === BS || n === BQ || n === DOLLAR || (dq && n === DQ)) {
					body += text.slice(start, p);
					if (n === NL) s.line++;
					else body += text[p + 1];
					s.pos = p + 2;
					start = s.pos;
				} else s.pos++;
			} else s.pos++;
		}
		return { type: "cmdsub", body: this.sub.backquote(body, this), backquote: true };
	}

	/** Queues a here-document whose delimiter word was just read. */
	addHeredoc(redir: MutableRedir, strip: boolean): void {
		let delim = "";
		let quoted = false;
		for (const p of redir.target.parts) {
			if (p.type === "lit") delim += p.text;
			else if (p.type === "esc" || p.type === "sq") {
				delim += p.text;
				quoted = true;
			} else if (p.type === "dq") {
				quoted = true;
				for (const d of p.parts) if (d.type === "lit" || d.type === "esc") delim += d.text;
			}
		}
		this.pending.push({ redir, delim, strip, quoted });
	}

	/** Here-documents still waiting for a newline when a $(...) ends: dash leaves them empty. */
	dropHeredocs(): void {
		for (const h of this.pending) {
			h.redir.heredoc = {
				body: { parts: h.quoted ? [{ type: "sq", text: "" }] : [] },
				quoted: h.quoted,
			};
		}
		this.pending = [];
	}

	/**
	 * Reads the bodies of the here-documents queued so far. The grammar
	 * calls it where dash does (parseheredoc): after the newline that ends
	 * a command in a list, and for newlines skipped before a token.
	 */
	readHeredocs(): void {
		if (this.pending.length === 0) return;
		const list = this.pending;
		this.pending = [];
		for (const h of list) {
			const body = h.quoted
				? this.quotedBody(h.delim, h.strip)
				: this.unquotedBody(h.delim, h.strip);
			h.redir.heredoc = { body, quoted: h.quoted };
		}
	}

	/**
	 * At the start of a line of an unquoted body: skips line continuations,
	 * strips tabs for <<-, and consumes the line if it is the delimiter.
	 * Returns whether it was, and notes in `rawBackslash` a backslash right
	 * after stripped tabs (dash reads it unprocessed: see unquotedBody).
	 */
	private atDelimiter(delim: string, strip: boolean): boolean {
		const s = this.s;
		const text = s.text;
		while (s.code(s.pos) === BS && s.code(s.pos + 1) === NL) s.continuation();
		this.rawBackslash = false;
		if (strip && s.code(s.pos) === TAB) {
			while (s.pos < s.len && text.charCodeAt(s.pos) === TAB) s.pos++;
			this.rawBackslash = s.code(s.pos) === BS;
		}
		return this.atDelimiterLine(delim);
	}

	/** Consumes the line at the read position if it is the delimiter. */
	private atDelimiterLine(delim: string): boolean {
		const s = this.s;
		const text = s.text;
		if (!text.startsWith(delim, s.pos)) return false;
		const end = s.pos + delim.length;
		if (end < s.len && text.charCodeAt(end) !== NL) return false;
		// dash counts the delimiter's line even when the input ends without a newline
		s.pos = end + 1 > s.len ? s.len : end + 1;
		s.line++;
		return true;
	}

	private quotedBody(delim: string, strip: boolean): Word {
		const s = this.s;
		const text = s.text;
		let body = "";
		for (;;) {
			if (s.pos >= s.len) {
				if (s.interactive) throw new NeedMoreInput();
				break;
			}
			if (strip) while (s.pos < s.len && text.charCodeAt(s.pos) === TAB) s.pos++;
			if (this.atDelimiterLine(delim)) break;
			let end = text.indexOf("\n", s.pos);
			if (end < 0) end = s.len;
			else {
				end++;
				s.line++;
			}
			body += text.slice(s.pos, end);
			s.pos = end;
		}
		return { parts: [{ type: "sq", text: body }] };
	}

	private unquotedBody(delim: string, strip: boolean): Word {
		const s = this.s;
		const text = s.text;
		const b = new Parts();
		const saved = this.hd;
		this.hd = { delim, strip };
		let lineStart = true;
		for (;;) {
			if (lineStart) {
				if (s.pos >= s.len) {
					if (s.interactive) throw new NeedMoreInput();
					break;
				}
				if (this.atDelimiter(delim, strip)) break;
				lineStart = false;
				if (this.rawBackslash && s.code(s.pos + 1) === NL) {
					// dash reads this backslash-newline as plain text, without counting the line
					b.lit("\\\n");
					s.pos += 2;
				}
			}
			const start = s.pos;
			const p = runEnd(text, start, s.len, STOP_HEREDOC);
			if (p > start) {
				b.lit(text.slice(start, p));
				s.pos = p;
			}
			const c = s.code(p);
			if (c < 0) {
				if (s.interactive) throw new NeedMoreInput();
				break;
			}
			if (c === NL) {
				b.lit("\n");
				s.pos++;
				s.line++;
				lineStart = true;
			} else if (c === BS) {
				const n = s.code(p + 1);
				if (n === NL) s.continuation();
				else if (n === DOLLAR || n === BQ || n === BS) {
					b.push({ type: "esc", text: text[p + 1]! });
					s.pos += 2;
				} else {
					b.lit("\\");
					s.pos++;
				}
			} else if (c === DOLLAR) this.readDollar(b, Q_DQ);
			else b.push(this.readBackquote(true));
		}
		this.hd = saved;
		return { parts: b.done() };
	}
}

function param(name: string, op: ParamOp | null, colon: boolean, word: Word | null): WordPart {
	return { type: "param", name, op, colon, word };
}
