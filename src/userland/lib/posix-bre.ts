/**
 * POSIX basic regular expressions as glibc's regcomp() parses them with
 * GNU extensions (RE_SYNTAX_POSIX_BASIC: \( \) \{ \} \| \+ \? back
 * references, \< \> \b \B \w \W \s \S \` \'), translated into JavaScript
 * RegExp source, with glibc's error texts. Bytes are chars 0-255 and
 * classes are the C locale's. Matching is anchored at the start of the
 * string and POSIX leftmost-longest for the whole match (the longest end
 * a backtracking search can reach); subexpressions get the values the
 * first such match gives them.
 */

/** Syntax bits that differ between users of BREs. */
export interface BreSyntax {
	/** RE_CONTEXT_INVALID_DUP: "a**" and "a*\{2\}" are errors (POSIX); expr allows them. */
	readonly contextInvalidDup: boolean;
	/** RE_NO_EMPTY_RANGES: "[z-a]" is an error; expr allows it (matching nothing). */
	readonly noEmptyRanges: boolean;
}

/** What expr uses: RE_SYNTAX_POSIX_BASIC & ~RE_CONTEXT_INVALID_DUP & ~RE_NO_EMPTY_RANGES. */
export const EXPR_SYNTAX: BreSyntax = { contextInvalidDup: false, noEmptyRanges: false };

export interface CompiledBre {
	/** The JavaScript RegExp source (no flags needed). */
	readonly source: string;
	/** re_nsub: how many \( \) groups the pattern has. */
	readonly groups: number;
}

export type BreCompile =
	| { readonly ok: true; readonly re: CompiledBre }
	| { readonly ok: false; readonly error: string };

/** glibc's regerror() texts. */
const ERR = {
	ECOLLATE: "Invalid collation character",
	ECTYPE: "Invalid character class name",
	EESCAPE: "Trailing backslash",
	ESUBREG: "Invalid back reference",
	EBRACK: "Unmatched [, [^, [:, [., or [=",
	EPAREN: "Unmatched ( or \\(",
	EBRACE: "Unmatched \\{",
	BADBR: "Invalid content of \\{\\}",
	ERANGE: "Invalid range end",
	BADPAT: "Invalid regular expression",
	ESIZE: "Regular expression too big",
	ERPAREN: "Unmatched ) or \\)",
} as const;

/** RE_DUP_MAX. */
const DUP_MAX = 0x7fff;
/** BRACKET_NAME_BUF_SIZE: the longest [:name:] glibc reads. */
const BRACKET_NAME_MAX = 32;

class BreError extends Error {}

type TokenType =
	| "char"
	| "period"
	| "bracket"
	| "open"
	| "close"
	| "backref"
	| "anchor"
	| "class"
	| "alt"
	| "star"
	| "plus"
	| "question"
	| "dupOpen"
	| "dupClose"
	| "backslash"
	| "end";

interface Token {
	readonly type: TokenType;
	/** The byte a "char" token stands for (and what any token's opr.c is). */
	readonly c: string;
	readonly len: number;
	/** JS source for anchors and \w-style classes; the group number for back references. */
	readonly js: string;
}

/** C-locale ctype classes as byte predicates. */
const CTYPE: Record<string, (b: number) => boolean> = {
	alpha: (b) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122),
	upper: (b) => b >= 65 && b <= 90,
	lower: (b) => b >= 97 && b <= 122,
	digit: (b) => b >= 48 && b <= 57,
	xdigit: (b) => (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102),
	space: (b) => b === 32 || (b >= 9 && b <= 13),
	print: (b) => b >= 32 && b <= 126,
	punct: (b) => b >= 33 && b <= 126 && !CTYPE.alnum!(b),
	graph: (b) => b >= 33 && b <= 126,
	cntrl: (b) => b < 32 || b === 127,
	blank: (b) => b === 32 || b === 9,
	alnum: (b) => CTYPE.alpha!(b) || CTYPE.digit!(b),
};

function hex(b: number): string {
	return `\\x${b.toString(16).padStart(2, "0")}`;
}

/** One byte as a JS regex literal. */
function literal(c: string): string {
	return /^[A-Za-z0-9_]$/.test(c) ? c : hex(c.charCodeAt(0) & 0xff);
}

/** A set of bytes as a JS character class. */
function byteClass(set: readonly boolean[]): string {
	let out = "";
	for (let b = 0; b < 256; b++) {
		if (!set[b]) continue;
		let e = b;
		while (e + 1 < 256 && set[e + 1]) e++;
		out += e === b ? hex(b) : e === b + 1 ? hex(b) + hex(e) : `${hex(b)}-${hex(e)}`;
		b = e;
	}
	return `[${out}]`;
}

const WORD_CLASS = "[0-9A-Za-z_]";
const NOT_WORD_CLASS = "[^0-9A-Za-z_]";
const SPACE_CLASS = "[\\t-\\r ]";
const NOT_SPACE_CLASS = "[^\\t-\\r ]";

type BracketElem =
	| { readonly kind: "char"; readonly byte: number }
	| { readonly kind: "coll"; readonly name: string }
	| { readonly kind: "equiv"; readonly name: string }
	| { readonly kind: "cclass"; readonly name: string };

class Parser {
	private readonly p: string;
	private readonly syntax: BreSyntax;
	private pos = 0;
	private tok: Token;
	private nsub = 0;
	/** Groups whose \) has been seen (back references may only name those). */
	private readonly completed = new Set<number>();

	constructor(pattern: string, syntax: BreSyntax) {
		this.p = pattern;
		this.syntax = syntax;
		this.tok = this.peek(0, false);
	}

	get groups(): number {
		return this.nsub;
	}

	/** peek_token() for a BRE at `at`; `caretHere`: RE_CARET_ANCHORS_HERE. */
	private peek(at: number, caretHere: boolean): Token {
		const p = this.p;
		const mk = (type: TokenType, c: string, len: number, js = ""): Token => ({ type, c, len, js });
		if (at >= p.length) return mk("end", "", 0);
		const c = p[at]!;
		if (c === "\\") {
			if (at + 1 >= p.length) return mk("backslash", c, 1);
			const c2 = p[at + 1]!;
			switch (c2) {
				case "|":
					return mk("alt", c2, 2);
				case "1":
				case "2":
				case "3":
				case "4":
				case "5":
				case "6":
				case "7":
				case "8":
				case "9":
					return mk("backref", c2, 2, c2);
				case "<":
					return mk("anchor", c2, 2, "\\b(?=[0-9A-Za-z_])");
				case ">":
					return mk("anchor", c2, 2, "\\b(?<=[0-9A-Za-z_])");
				case "b":
					return mk("anchor", c2, 2, "\\b");
				case "B":
					return mk("anchor", c2, 2, "\\B");
				case "`":
					return mk("anchor", c2, 2, "^");
				case "'":
					return mk("anchor", c2, 2, "$");
				case "w":
					return mk("class", c2, 2, WORD_CLASS);
				case "W":
					return mk("class", c2, 2, NOT_WORD_CLASS);
				case "s":
					return mk("class", c2, 2, SPACE_CLASS);
				case "S":
					return mk("class", c2, 2, NOT_SPACE_CLASS);
				case "(":
					return mk("open", c2, 2);
				case ")":
					return mk("close", c2, 2);
				case "+":
					return mk("plus", c2, 2);
				case "?":
					return mk("question", c2, 2);
				case "{":
					return mk("dupOpen", c2, 2);
				case "}":
					return mk("dupClose", c2, 2);
				default:
					return mk("char", c2, 2);
			}
		}
		switch (c) {
			case "*":
				return mk("star", c, 1);
			case "[":
				return mk("bracket", c, 1);
			case ".":
				return mk("period", c, 1);
			case "^":
				if (at === 0 || caretHere) return mk("anchor", c, 1, "^");
				return mk("char", c, 1);
			case "$": {
				if (at + 1 !== p.length) {
					const next = this.peek(at + 1, false);
					if (next.type !== "alt" && next.type !== "close") return mk("char", c, 1);
				}
				return mk("anchor", c, 1, "$");
			}
			default:
				return mk("char", c, 1);
		}
	}

	/** The current token's type (a method, so checks after a fetch() are not narrowed away). */
	private type(): TokenType {
		return this.tok.type;
	}

	private fetch(caretHere = false): void {
		this.pos += this.tok.len;
		this.tok = this.peek(this.pos, caretHere);
	}

	/** parse_reg_exp(): branches separated by \|. */
	parseRegExp(nest: number): string {
		let out = this.parseBranch(nest);
		while (this.tok.type === "alt") {
			this.fetch(true);
			const branch =
				this.tok.type !== "alt" &&
				this.tok.type !== "end" &&
				(nest === 0 || this.tok.type !== "close")
					? this.parseBranch(nest)
					: "";
			out = `${out}|${branch}`;
		}
		return out;
	}

	private parseBranch(nest: number): string {
		let out = "";
		while (
			this.tok.type !== "alt" &&
			this.tok.type !== "end" &&
			(nest === 0 || this.tok.type !== "close")
		) {
			out += this.parseExpression(nest);
		}
		return out;
	}

	/** parse_expression(): one atom and the repetitions after it. */
	private parseExpression(nest: number): string {
		const t = this.tok;
		let atom: string;
		switch (t.type) {
			case "char":
				atom = literal(t.c);
				break;
			case "period":
				atom = "[^\\x00]";
				break;
			case "bracket":
				atom = this.parseBracket();
				break;
			case "open":
				atom = this.parseSubExp(nest + 1);
				break;
			case "backref": {
				const n = Number(t.js);
				if (!this.completed.has(n)) throw new BreError(ERR.ESUBREG);
				atom = `\\${n}(?:)`;
				break;
			}
			case "anchor":
				// An anchor takes no repetition: what follows starts afresh ("^*" is a literal *).
				this.fetch();
				return t.js;
			case "class":
				atom = t.js;
				break;
			case "dupOpen":
				if (this.syntax.contextInvalidDup)
					throw new BreError("Invalid preceding regular expression");
				atom = literal(t.c);
				break;
			case "star":
			case "plus":
			case "question":
			case "dupClose":
				// At the start of an expression these are ordinary characters.
				atom = literal(t.c);
				break;
			case "close":
				throw new BreError(ERR.ERPAREN);
			case "backslash":
				throw new BreError(ERR.EESCAPE);
			default:
				return "";
		}
		this.fetch();
		let first = true;
		while (
			this.tok.type === "star" ||
			this.tok.type === "plus" ||
			this.tok.type === "question" ||
			this.tok.type === "dupOpen"
		) {
			if (
				!first &&
				this.syntax.contextInvalidDup &&
				(this.tok.type === "star" || this.tok.type === "dupOpen")
			) {
				throw new BreError("Invalid preceding regular expression");
			}
			atom = this.parseDup(atom);
			first = false;
		}
		return atom;
	}

	/** parse_sub_exp(): \( ... \), numbered as it opens. */
	private parseSubExp(nest: number): string {
		const index = ++this.nsub;
		this.fetch(true);
		let inner = "";
		if (this.type() !== "close") {
			inner = this.parseRegExp(nest);
			if (this.type() !== "close") throw new BreError(ERR.EPAREN);
		}
		this.completed.add(index);
		return `(${inner})`;
	}

	/** fetch_number(): digits up to "," or \}; -1 for none, -2 for anything invalid. */
	private fetchNumber(): { num: number; tok: Token } {
		let num = -1;
		for (;;) {
			this.fetch();
			const t = this.tok;
			if (t.type === "end") return { num: -2, tok: t };
			if (t.type === "dupClose" || t.c === ",") return { num, tok: t };
			num =
				t.type !== "char" || t.c < "0" || t.c > "9" || num === -2
					? -2
					: num === -1
						? Number(t.c)
						: Math.min(DUP_MAX + 1, num * 10 + Number(t.c));
		}
	}

	/** parse_dup_op(): * \+ \? \{m,n\} applied to `atom`. */
	private parseDup(atom: string): string {
		let lo: number;
		let hi: number;
		if (this.tok.type === "dupOpen") {
			const start = this.fetchNumber();
			lo = start.num;
			if (lo === -1) {
				if (start.tok.type === "char" && start.tok.c === ",") lo = 0;
				else throw new BreError(ERR.BADBR);
			}
			hi = 0;
			if (lo !== -2) {
				if (start.tok.type === "dupClose") hi = lo;
				else if (start.tok.c === ",") hi = this.fetchNumber().num;
				else hi = -2;
			}
			if (lo === -2 || hi === -2) {
				throw new BreError(this.type() === "end" ? ERR.EBRACE : ERR.BADBR);
			}
			if ((hi !== -1 && lo > hi) || this.type() !== "dupClose") throw new BreError(ERR.BADBR);
			if ((hi === -1 ? lo : hi) > DUP_MAX) throw new BreError(ERR.ESIZE);
		} else {
			lo = this.tok.type === "plus" ? 1 : 0;
			hi = this.tok.type === "question" ? 1 : -1;
		}
		this.fetch();
		if (lo === 0 && hi === -1) return `(?:${atom})*`;
		if (lo === 1 && hi === -1) return `(?:${atom})+`;
		if (lo === 0 && hi === 1) return `(?:${atom})?`;
		return `(?:${atom}){${lo},${hi === -1 ? "" : hi}}`;
	}

	/** peek_token_bracket(): the type and length of what is at `at` inside [...]. */
	private peekBracket(at: number): {
		type: "end" | "char" | "range" | "close" | "caret" | "coll" | "equiv" | "cclass";
		c: string;
		len: number;
	} {
		const p = this.p;
		if (at >= p.length) return { type: "end", c: "", len: 0 };
		const c = p[at]!;
		if (c === "[") {
			const c2 = p[at + 1];
			if (c2 === ".") return { type: "coll", c: c2, len: 2 };
			if (c2 === "=") return { type: "equiv", c: c2, len: 2 };
			if (c2 === ":") return { type: "cclass", c: c2, len: 2 };
			return { type: "char", c, len: 1 };
		}
		if (c === "-") return { type: "range", c, len: 1 };
		if (c === "]") return { type: "close", c, len: 1 };
		if (c === "^") return { type: "caret", c, len: 1 };
		return { type: "char", c, len: 1 };
	}

	/** parse_bracket_symbol(): the name of [:name:], [=x=] or [.x.] after its opening. */
	private bracketSymbol(delim: string): string {
		const p = this.p;
		if (this.pos >= p.length) throw new BreError(ERR.EBRACK);
		let name = "";
		for (let i = 0; ; i++) {
			if (i >= BRACKET_NAME_MAX) throw new BreError(ERR.EBRACK);
			const ch = p[this.pos++]!;
			if (this.pos >= p.length) throw new BreError(ERR.EBRACK);
			if (ch === delim && p[this.pos] === "]") break;
			name += ch;
		}
		this.pos++;
		return name;
	}

	/** parse_bracket_element(): consumes the token at this.pos (of length `len`). */
	private bracketElement(
		tok: { type: string; c: string; len: number },
		acceptHyphen: boolean,
	): BracketElem {
		this.pos += tok.len;
		if (tok.type === "coll") return { kind: "coll", name: this.bracketSymbol(".") };
		if (tok.type === "equiv") return { kind: "equiv", name: this.bracketSymbol("=") };
		if (tok.type === "cclass") return { kind: "cclass", name: this.bracketSymbol(":") };
		if (tok.type === "range" && !acceptHyphen) {
			if (this.peekBracket(this.pos).type !== "close") throw new BreError(ERR.ERANGE);
		}
		return { kind: "char", byte: tok.c.charCodeAt(0) & 0xff };
	}

	private static rangeValue(e: BracketElem): number {
		if (e.kind === "equiv" || e.kind === "cclass") throw new BreError(ERR.ERANGE);
		if (e.kind === "coll") {
			if (e.name.length !== 1) throw new BreError(ERR.ECOLLATE);
			return e.name.charCodeAt(0) & 0xff;
		}
		return e.byte;
	}

	/** parse_bracket_exp(): the token at this.pos is "[". */
	private parseBracket(): string {
		const set: boolean[] = new Array<boolean>(256).fill(false);
		this.pos += 1;
		let tok = this.peekBracket(this.pos);
		if (tok.type === "end") throw new BreError(ERR.BADPAT);
		let negate = false;
		if (tok.type === "caret") {
			negate = true;
			this.pos += tok.len;
			tok = this.peekBracket(this.pos);
			if (tok.type === "end") throw new BreError(ERR.BADPAT);
		}
		if (tok.type === "close") tok = { ...tok, type: "char" };
		let firstRound = true;
		for (;;) {
			const start = this.bracketElement(tok, firstRound);
			firstRound = false;
			tok = this.peekBracket(this.pos);
			let end: BracketElem | null = null;
			if (start.kind !== "cclass" && start.kind !== "equiv") {
				if (tok.type === "end") throw new BreError(ERR.EBRACK);
				if (tok.type === "range") {
					this.pos += tok.len;
					const tok2 = this.peekBracket(this.pos);
					if (tok2.type === "end") throw new BreError(ERR.EBRACK);
					if (tok2.type === "close") {
						// A '-' just before ']' is itself a member.
						this.pos -= tok.len;
						tok = { ...tok, type: "char" };
					} else {
						end = this.bracketElement(tok2, true);
						tok = this.peekBracket(this.pos);
					}
				}
			}
			if (end !== null) {
				const lo = Parser.rangeValue(start);
				const hi = Parser.rangeValue(end);
				if (this.syntax.noEmptyRanges && lo > hi) throw new BreError(ERR.ERANGE);
				for (let b = lo; b <= hi; b++) set[b] = true;
			} else if (start.kind === "char") {
				set[start.byte] = true;
			} else if (start.kind === "coll" || start.kind === "equiv") {
				if (start.name.length !== 1) throw new BreError(ERR.ECOLLATE);
				set[start.name.charCodeAt(0) & 0xff] = true;
			} else {
				const pred = CTYPE[start.name];
				if (pred === undefined) throw new BreError(ERR.ECTYPE);
				for (let b = 0; b < 256; b++) if (pred(b)) set[b] = true;
			}
			if (tok.type === "end") throw new BreError(ERR.EBRACK);
			if (tok.type === "close") break;
		}
		// Leave the "]" as the current token's text: the caller's fetch() steps over it.
		this.tok = { type: "bracket", c: "]", len: 1, js: "" };
		if (negate) for (let b = 0; b < 256; b++) set[b] = !set[b];
		return byteClass(set);
	}
}

/** Compile a BRE (re_compile_pattern()); the error is glibc's message. */
export function compileBre(pattern: string, syntax: BreSyntax = EXPR_SYNTAX): BreCompile {
	const parser = new Parser(pattern, syntax);
	try {
		const source = parser.parseRegExp(0);
		return { ok: true, re: { source, groups: parser.groups } };
	} catch (e) {
		if (e instanceof BreError) return { ok: false, error: e.message };
		throw e;
	}
}

export interface BreMatch {
	/** How many bytes matched from the start. */
	readonly length: number;
	/** Each group's text, or null when it took no part. */
	readonly groups: readonly (string | null)[];
}

/**
 * re_match() at offset 0: the longest match starting at the beginning of
 * `s`, or null when there is none.
 */
export function matchAtStart(re: CompiledBre, s: string): BreMatch | null {
	const first = new RegExp(`^(?:${re.source})`).exec(s);
	if (first === null) return null;
	let best: RegExpExecArray = first;
	for (let n = s.length; n > first[0].length; n--) {
		const m = new RegExp(`^(?:${re.source})(?=[\\s\\S]{${s.length - n}}$)`).exec(s);
		if (m !== null) {
			best = m;
			break;
		}
	}
	const groups: (string | null)[] = [];
	for (let i = 1; i <= re.groups; i++) groups.push(best[i] ?? null);
	return { length: best[0].length, groups };
}
