/**
 * POSIX regular expressions (GNU flavour, C locale) translated to JS
 * RegExp: basic (BRE: \( \) \{ \} \| \+ \?, * literal at the start) and
 * extended (ERE) syntax, bracket expressions with [:classes:], [=c=] and
 * [.c.], anchors, back-references, and GNU's \w \W \s \S \b \B \< \> \` \'.
 * Errors carry glibc's messages ("Unmatched ( or \(", ...); grep's
 * warnings about quantifiers at the start of an ERE are collected.
 *
 * JS matching is leftmost-first, POSIX leftmost-longest: the top-level
 * alternatives are tried one by one at the match position and the longest
 * wins (alternatives nested in groups keep JS's first-match choice).
 * Case folding (-i) is ASCII-only, as in the C locale.
 */

export interface RegexOptions {
	/** ERE instead of BRE. */
	readonly extended: boolean;
	readonly ignoreCase?: boolean;
	/** GNU sed's escapes: \n \t \a \f \v \r \dNNN \oNNN \xHH \cX (also in brackets). */
	readonly sedEscapes?: boolean;
	/** sed's M flag: ^ and $ at line ends, . and [^x] not matching newline. */
	readonly multiline?: boolean;
	/** grep -w (a whole word) or -x (the whole line). */
	readonly wrap?: "word" | "line";
}

/** Wrap a JS source as grep -w or -x do. */
function wrapSource(src: string, wrap: "word" | "line" | undefined): string {
	if (wrap === "word") return `(?<!${WORD})(?:${src})(?!${WORD})`;
	if (wrap === "line") return `^(?:${src})$`;
	return src;
}

export interface RegexMatch {
	readonly index: number;
	readonly end: number;
	/** groups[0] is the whole match; unset groups are undefined. */
	readonly groups: readonly (string | undefined)[];
}

export type RegexCompile =
	| { readonly ok: true; readonly regex: PosixRegex; readonly warnings: readonly string[] }
	| { readonly ok: false; readonly error: string };

class RegexSyntaxError extends Error {}

const WORD = "[A-Za-z0-9_]";
const NOT_WORD = "[^A-Za-z0-9_]";
const SPACE = "[ \\t\\n\\v\\f\\r]";
const NOT_SPACE = "[^ \\t\\n\\v\\f\\r]";
const RE_DUP_MAX = 0x7fff;

/** The members of the C locale's classes as JS class ranges. */
const CLASS_RANGES: Record<string, string> = {
	alpha: "A-Za-z",
	digit: "0-9",
	alnum: "0-9A-Za-z",
	upper: "A-Z",
	lower: "a-z",
	space: " \\t\\n\\v\\f\\r",
	blank: " \\t",
	punct: "!-\\/:-@\\[-`{-~",
	print: " -~",
	graph: "!-~",
	cntrl: "\\x00-\\x1f\\x7f",
	xdigit: "0-9A-Fa-f",
};

function hex(code: number): string {
	return `\\x${code.toString(16).padStart(2, "0")}`;
}

/** A byte as a literal JS pattern. */
function literal(code: number, fold: boolean): string {
	const ch = String.fromCharCode(code);
	if (fold && /[A-Za-z]/.test(ch)) return `[${ch.toUpperCase()}${ch.toLowerCase()}]`;
	if (/[A-Za-z0-9 _]/.test(ch)) return ch;
	return hex(code);
}

/** One piece of the translation: its JS source and how a quantifier may follow it. */
interface Piece {
	src: string;
	/** An anchor or lookaround: wrap before quantifying. */
	zeroWidth: boolean;
	/** Already quantified: wrap before quantifying again. */
	quantified: boolean;
}

class Translator {
	private readonly p: string;
	private readonly ere: boolean;
	private readonly fold: boolean;
	private readonly sed: boolean;
	private readonly multiline: boolean;
	private i = 0;
	groups = 0;
	private readonly closed = new Set<number>();
	private depth = 0;
	readonly warnings: string[] = [];
	hasBackref = false;
	/** JS sources of the top-level alternatives. */
	topAlternatives: string[] = [];
	/** Number of groups opened before each top-level alternative. */
	topGroupStarts: number[] = [];

	constructor(pattern: string, opts: RegexOptions) {
		this.p = pattern;
		this.ere = opts.extended;
		this.fold = opts.ignoreCase === true;
		this.sed = opts.sedEscapes === true;
		this.multiline = opts.multiline === true;
	}

	translate(): string {
		const src = this.alternation(true);
		if (this.i < this.p.length) {
			// Only an unmatched close can stop the top level.
			throw new RegexSyntaxError("Unmatched ) or \\)");
		}
		return src;
	}

	private peekAlt(): boolean {
		if (this.ere) return this.p[this.i] === "|";
		return this.p[this.i] === "\\" && this.p[this.i + 1] === "|";
	}

	private peekClose(): boolean {
		if (this.ere) return this.depth > 0 && this.p[this.i] === ")";
		return this.p[this.i] === "\\" && this.p[this.i + 1] === ")";
	}

	private alternation(top: boolean): string {
		const alts: string[] = [];
		for (;;) {
			if (top) this.topGroupStarts.push(this.groups);
			alts.push(this.branch());
			if (this.peekAlt()) {
				this.i += this.ere ? 1 : 2;
				continue;
			}
			break;
		}
		if (top) this.topAlternatives = alts;
		return alts.length === 1 ? alts[0]! : alts.join("|");
	}

	/** A sequence of quantified atoms up to |, ) or the end. */
	private branch(): string {
		const pieces: Piece[] = [];
		const start = this.i;
		while (this.i < this.p.length && !this.peekAlt() && !this.peekClose()) {
			if (!this.ere && this.p[this.i] === "\\" && this.p[this.i + 1] === ")") break;
			const atStart = this.i === start || this.afterAnchorOnly(pieces);
			const q = this.quantifier(
				atStart && pieces.length === 0 ? undefined : pieces[pieces.length - 1],
				atStart,
			);
			if (q !== null) continue;
			pieces.push(this.atom(this.i === start));
		}
		return pieces.map((x) => x.src).join("");
	}

	/** True when everything so far in the branch is a leading ^ anchor. */
	private afterAnchorOnly(pieces: readonly Piece[]): boolean {
		return pieces.length === 1 && pieces[0]!.src === "^" && pieces[0]!.zeroWidth;
	}

	/**
	 * A quantifier at the cursor applied to the last piece; null when the
	 * cursor is not at one (or it is a literal there).
	 */
	private quantifier(last: Piece | undefined, atStart: boolean): string | null {
		const p = this.p;
		const c = p[this.i];
		let q: string | null = null;
		let len = 0;
		if (c === "*") {
			q = "*";
			len = 1;
		} else if (this.ere && (c === "+" || c === "?")) {
			q = c;
			len = 1;
		} else if (!this.ere && c === "\\" && (p[this.i + 1] === "+" || p[this.i + 1] === "?")) {
			q = p[this.i + 1]!;
			len = 2;
		} else if (this.ere ? c === "{" : c === "\\" && p[this.i + 1] === "{") {
			const r = this.interval(atStart || last === undefined);
			if (r === null) return null;
			q = r.q;
			len = r.len;
		}
		if (q === null) return null;
		if (last === undefined || atStart) {
			if (!this.ere) {
				// BRE: a quantifier with nothing before it is literal ({ and * alike).
				return null;
			}
			const shown = q.startsWith("{") ? "{...}" : q;
			this.warnings.push(`${shown} at start of expression`);
			if (last === undefined) {
				this.i += len;
				return "";
			}
			// ERE: after a leading ^ it quantifies the anchor itself.
		}
		this.i += len;
		if (last.zeroWidth || last.quantified) last.src = `(?:${last.src})`;
		last.src += q;
		last.quantified = true;
		last.zeroWidth = false;
		return q;
	}

	/** An interval at the cursor: {m}, {m,}, {,n}, {m,n}; null when ERE treats { as literal. */
	private interval(atStart: boolean): { q: string; len: number } | null {
		const p = this.p;
		const open = this.ere ? 1 : 2;
		const body = /^([0-9]*)(,([0-9]*))?/.exec(p.slice(this.i + open))!;
		const after = this.i + open + body[0].length;
		const closes = this.ere ? p[after] === "}" : p[after] === "\\" && p[after + 1] === "}";
		if (!this.ere && atStart) return null;
		if (!closes || (body[1] === "" && body[2] === undefined)) {
			if (this.ere) return null;
			if (after >= p.length || (p[after] === "\\" && after + 1 >= p.length))
				throw new RegexSyntaxError("Unmatched \\{");
			throw new RegexSyntaxError("Invalid content of \\{\\}");
		}
		const min = body[1] === "" ? 0 : Number(body[1]);
		const max = body[2] === undefined ? min : body[3] === "" ? null : Number(body[3]);
		if (min > RE_DUP_MAX || (max !== null && max > RE_DUP_MAX)) {
			throw new RegexSyntaxError("Regular expression too big");
		}
		if (max !== null && max < min) throw new RegexSyntaxError("Invalid content of \\{\\}");
		const q = max === null ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`;
		return { q, len: after + (this.ere ? 1 : 2) - this.i };
	}

	private atom(branchStart: boolean): Piece {
		const p = this.p;
		const c = p[this.i]!;
		const plain = (src: string): Piece => ({ src, zeroWidth: false, quantified: false });
		const anchor = (src: string): Piece => ({ src, zeroWidth: true, quantified: false });
		if (c === "^") {
			this.i++;
			if (this.ere || branchStart) return anchor(this.multiline ? "(?<![^\\n])" : "^");
			return plain(literal(94, false));
		}
		if (c === "$") {
			this.i++;
			const atEnd =
				this.i >= p.length ||
				this.peekAlt() ||
				(!this.ere && p[this.i] === "\\" && p[this.i + 1] === ")");
			if (this.ere || atEnd) return anchor(this.multiline ? "(?![^\\n])" : "$");
			return plain(literal(36, false));
		}
		if (c === ".") {
			this.i++;
			return plain(this.multiline ? "[^\\n]" : "[\\s\\S]");
		}
		if (c === "[") return plain(this.bracket());
		if (c === "*") {
			// Only reached for a literal star (BRE at the start).
			this.i++;
			return plain(literal(42, false));
		}
		if (this.ere && c === "(") {
			this.i++;
			return plain(this.group());
		}
		if (c === "\\") return this.escape();
		this.i++;
		return plain(literal(c.charCodeAt(0), this.fold));
	}

	private group(): string {
		const n = ++this.groups;
		this.depth++;
		const inner = this.alternation(false);
		this.depth--;
		if (
			this.ere ? this.p[this.i] !== ")" : !(this.p[this.i] === "\\" && this.p[this.i + 1] === ")")
		) {
			throw new RegexSyntaxError("Unmatched ( or \\(");
		}
		this.i += this.ere ? 1 : 2;
		this.closed.add(n);
		return `(${inner})`;
	}

	private escape(): Piece {
		const p = this.p;
		const plain = (src: string): Piece => ({ src, zeroWidth: false, quantified: false });
		const anchor = (src: string): Piece => ({ src, zeroWidth: true, quantified: false });
		const e = p[this.i + 1];
		if (e === undefined) throw new RegexSyntaxError("Trailing backslash");
		this.i += 2;
		if (!this.ere && e === "(") return plain(this.group());
		if (!this.ere && e === ")") throw new RegexSyntaxError("Unmatched ) or \\)");
		if (!this.ere && e === "{") {
			// Reached only at the start of a BRE, where \{ is literal.
			return plain(literal(123, false));
		}
		if (e >= "1" && e <= "9") {
			const n = Number(e);
			if (!this.closed.has(n)) throw new RegexSyntaxError("Invalid back reference");
			this.hasBackref = true;
			return plain(`\\${n}`);
		}
		switch (e) {
			case "w":
				return plain(WORD);
			case "W":
				return plain(NOT_WORD);
			case "s":
				return plain(SPACE);
			case "S":
				return plain(NOT_SPACE);
			case "b":
				return anchor("\\b");
			case "B":
				return anchor("\\B");
			case "<":
				return anchor(`(?<!${WORD})(?=${WORD})`);
			case ">":
				return anchor(`(?<=${WORD})(?!${WORD})`);
			case "`":
				return anchor("(?<![\\s\\S])");
			case "'":
				return anchor("(?![\\s\\S])");
		}
		if (this.sed) {
			const code = this.sedEscape(e);
			if (code !== null) return plain(literal(code, this.fold));
		}
		return plain(literal(e.charCodeAt(0), this.fold));
	}

	/** GNU sed's character escapes after the backslash (cursor past the letter). */
	private sedEscape(e: string): number | null {
		const simple: Record<string, number> = { n: 10, t: 9, a: 7, f: 12, v: 11, r: 13 };
		if (simple[e] !== undefined) return simple[e]!;
		const p = this.p;
		const take = (re: RegExp, radix: number): number | null => {
			const m = re.exec(p.slice(this.i));
			if (m === null) return null;
			this.i += m[0].length;
			return Number.parseInt(m[0], radix) & 0xff;
		};
		if (e === "d") return take(/^[0-9]{1,3}/, 10);
		if (e === "o") return take(/^[0-7]{1,3}/, 8);
		if (e === "x") return take(/^[0-9A-Fa-f]{1,2}/, 16);
		if (e === "c" && this.i < p.length) {
			const c = p[this.i++]!.toUpperCase().charCodeAt(0);
			return c ^ 0x40;
		}
		return null;
	}

	/** A bracket expression at the cursor ("["), as a JS character class. */
	private bracket(): string {
		const p = this.p;
		let i = this.i + 1;
		let negate = false;
		if (p[i] === "^") {
			negate = true;
			i++;
		}
		const codes = new Set<number>();
		const ranges: string[] = [];
		let first = true;
		const unmatched = (): never => {
			throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
		};
		/** One element's start: a char, [.c.] or [=c=]; returns its code and the index after it. */
		const element = (
			at: number,
		): { code: number; next: number } | { cls: string; next: number } => {
			if (p[at] === "[" && (p[at + 1] === "." || p[at + 1] === "=" || p[at + 1] === ":")) {
				const kind = p[at + 1]!;
				const end = p.indexOf(`${kind}]`, at + 2);
				if (end < 0) unmatched();
				const body = p.slice(at + 2, end);
				if (kind === ":") {
					if (CLASS_RANGES[body] === undefined)
						throw new RegexSyntaxError("Invalid character class name");
					return { cls: body, next: end + 2 };
				}
				if (body.length !== 1) throw new RegexSyntaxError("Invalid collation character");
				return { code: body.charCodeAt(0), next: end + 2 };
			}
			if (at >= p.length) unmatched();
			if (this.sed && p[at] === "\\" && at + 1 < p.length) {
				const simple: Record<string, number> = {
					n: 10,
					t: 9,
					"\\": 92,
					"]": 93,
					a: 7,
					f: 12,
					v: 11,
					r: 13,
				};
				const s = simple[p[at + 1]!];
				if (s !== undefined) return { code: s, next: at + 2 };
			}
			return { code: p.charCodeAt(at), next: at + 1 };
		};
		for (;;) {
			if (i >= p.length) unmatched();
			if (p[i] === "]" && !first) break;
			first = false;
			const a = element(i);
			if ("cls" in a) {
				ranges.push(CLASS_RANGES[a.cls]!);
				if (this.fold && (a.cls === "upper" || a.cls === "lower")) ranges.push("A-Za-z");
				i = a.next;
				if (p[i] === "-" && p[i + 1] !== "]") throw new RegexSyntaxError("Invalid range end");
				continue;
			}
			i = a.next;
			if (p[i] === "-" && p[i + 1] !== "]" && i + 1 < p.length) {
				const b = element(i + 1);
				if ("cls" in b) throw new RegexSyntaxError("Invalid range end");
				if (b.code < a.code) throw new RegexSyntaxError("Invalid range end");
				ranges.push(`${hex(a.code)}-${hex(b.code)}`);
				if (this.fold) {
					for (let c = a.code; c <= b.code; c++) {
						const ch = String.fromCharCode(c);
						if (/[A-Za-z]/.test(ch)) {
							codes.add(ch.toUpperCase().charCodeAt(0));
							codes.add(ch.toLowerCase().charCodeAt(0));
						}
					}
				}
				i = b.next;
				continue;
			}
			codes.add(a.code);
			if (this.fold) {
				const ch = String.fromCharCode(a.code);
				if (/[A-Za-z]/.test(ch)) {
					codes.add(ch.toUpperCase().charCodeAt(0));
					codes.add(ch.toLowerCase().charCodeAt(0));
				}
			}
		}
		const whole = p.slice(this.i, i + 1);
		this.i = i + 1;
		if (/^\[:[a-z]+:\]$/.test(whole)) {
			throw new RegexSyntaxError(`character class syntax is [${whole}], not ${whole}`);
		}
		let body = [...codes].map(hex).join("") + ranges.join("");
		if (negate && this.multiline) body += "\\n";
		if (body === "") return negate ? "[\\s\\S]" : "[^\\s\\S]";
		return `[${negate ? "^" : ""}${body}]`;
	}
}

/** A compiled POSIX regex. */
export class PosixRegex {
	readonly source: string;
	/** Number of capturing groups. */
	readonly groups: number;
	private readonly re: RegExp;
	private readonly sticky: RegExp;
	/** Sticky regexes for the top-level alternatives (when there are several). */
	private readonly alternatives: RegExp[];

	constructor(source: string, groups: number, flags: string, alternatives: RegExp[]) {
		this.source = source;
		this.groups = groups;
		this.re = new RegExp(source, `g${flags}`);
		this.sticky = new RegExp(source, `y${flags}`);
		this.alternatives = alternatives;
	}

	/** The leftmost-longest match starting at or after `from`, or null. */
	exec(text: string, from = 0): RegexMatch | null {
		this.re.lastIndex = from;
		const m = this.re.exec(text);
		if (m === null) return null;
		return this.longest(text, m);
	}

	/** A match starting exactly at `at`, or null. */
	execAt(text: string, at: number): RegexMatch | null {
		this.sticky.lastIndex = at;
		const m = this.sticky.exec(text);
		if (m === null) return null;
		return this.longest(text, m);
	}

	test(text: string): boolean {
		this.re.lastIndex = 0;
		return this.re.test(text);
	}

	private longest(text: string, m: RegExpExecArray): RegexMatch {
		let best: RegExpExecArray = m;
		if (this.alternatives.length > 1) {
			for (const alt of this.alternatives) {
				alt.lastIndex = m.index;
				const a = alt.exec(text);
				if (a !== null && a[0].length > best[0].length) best = a;
			}
		}
		const groups: (string | undefined)[] = [];
		for (let g = 0; g <= this.groups; g++) groups.push(best[g]);
		return { index: m.index, end: m.index + best[0].length, groups };
	}
}

/** Compile a POSIX regex; errors carry glibc's message text. */
export function compileRegex(pattern: string, opts: RegexOptions): RegexCompile {
	const t = new Translator(pattern, opts);
	let source: string;
	try {
		source = t.translate();
	} catch (e) {
		if (e instanceof RegexSyntaxError) return { ok: false, error: e.message };
		throw e;
	}
	let flags = "";
	if (opts.ignoreCase === true && t.hasBackref) {
		// Back-references must match case-insensitively too: let JS fold.
		flags = "i";
	}
	const alternatives: RegExp[] = [];
	if (t.topAlternatives.length > 1) {
		const total = t.groups;
		t.topAlternatives.forEach((alt, k) => {
			// Keep group numbers: empty groups stand in for the other alternatives' groups.
			const before = t.topGroupStarts[k]!;
			const after = k + 1 < t.topGroupStarts.length ? t.topGroupStarts[k + 1]! : total;
			const src =
				"()".repeat(before) + wrapSource(`(?:${alt})`, opts.wrap) + "()".repeat(total - after);
			alternatives.push(new RegExp(src, `y${flags}`));
		});
	}
	try {
		const regex = new PosixRegex(wrapSource(source, opts.wrap), t.groups, flags, alternatives);
		return { ok: true, regex, warnings: t.warnings };
	} catch {
		return { ok: false, error: "Invalid regular expression" };
	}
}

/** A fixed string (grep -F) as a regex, with ASCII case folding. */
export function compileFixed(s: string, ignoreCase: boolean, wrap?: "word" | "line"): PosixRegex {
	let out = "";
	for (let i = 0; i < s.length; i++) out += literal(s.charCodeAt(i), ignoreCase);
	return new PosixRegex(wrapSource(out, wrap), 0, "", []);
}

/** A JS regex source used as is (grep -P), as a PosixRegex. */
export function compileJs(
	source: string,
	ignoreCase: boolean,
	wrap?: "word" | "line",
): RegexCompile {
	try {
		return {
			ok: true,
			regex: new PosixRegex(wrapSource(source, wrap), 0, ignoreCase ? "i" : "", []),
			warnings: [],
		};
	} catch (e) {
		return { ok: false, error: e instanceof Error ? e.message : String(e) };
	}
}
