/**
 * POSIX regular expressions (GNU flavour, C locale) translated to JS
 * RegExp: basic (BRE: \( \) \{ \} \| \+ \?, * literal at the start) and
 * extended (ERE) syntax, bracket expressions with [:classes:], [=c=] and
 * [.c.], anchors, back-references, and GNU's \w \W \s \S \b \B \< \> \` \'.
 * Errors carry glibc's messages ("Unmatched ( or \(", ...); grep's
 * warnings about quantifiers at the start of an ERE are collected.
 *
 * JS matching is leftmost-first, POSIX leftmost-longest. JS finds where the
 * leftmost match starts; when the pattern has alternatives or quantified
 * groups (where the two can differ), an NFA built from the pattern's syntax
 * tree finds the longest end there in one pass, and JS is asked again for
 * a match ending exactly at it (for the groups; their choice among equally
 * long matches is JS's). Back-references keep JS's choice.
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

/** The syntax tree the longest-match walk runs over. */
type Node =
	| { readonly t: "set"; readonly table: Uint8Array }
	| { readonly t: "anchor"; readonly k: AnchorKind }
	| { readonly t: "cat"; readonly items: Node[] }
	| { readonly t: "alt"; readonly items: Node[] }
	| { readonly t: "group"; readonly item: Node }
	| { readonly t: "rep"; readonly item: Node; readonly min: number; readonly max: number }
	| { readonly t: "backref" };

type AnchorKind =
	| "bol"
	| "eol"
	| "mbol"
	| "meol"
	| "wordb"
	| "nwordb"
	| "wstart"
	| "wend"
	| "bufstart"
	| "bufend"
	| "nwbefore"
	| "nwafter";

const EMPTY: Node = { t: "cat", items: [] };

function tableOf(test: (c: number) => boolean): Uint8Array {
	const t = new Uint8Array(256);
	for (let c = 0; c < 256; c++) if (test(c)) t[c] = 1;
	return t;
}

const isWordCode = (c: number): boolean =>
	(c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

function setNode(test: (c: number) => boolean): Node {
	return { t: "set", table: tableOf(test) };
}

/** A literal byte as a set (both cases when folding). */
function literalNode(code: number, fold: boolean): Node {
	const ch = String.fromCharCode(code);
	if (fold && /[A-Za-z]/.test(ch)) {
		const a = ch.toUpperCase().charCodeAt(0);
		const b = ch.toLowerCase().charCodeAt(0);
		return setNode((c) => c === a || c === b);
	}
	return setNode((c) => c === code);
}

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
	node: Node;
	/** An anchor, or an anchor quantified (ERE warns about quantifying it). */
	anchor: boolean;
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
	/** Alternatives or quantified groups: JS's first match may not be the longest. */
	needsLongest = false;
	tree: Node = EMPTY;

	constructor(pattern: string, opts: RegexOptions) {
		this.p = pattern;
		this.ere = opts.extended;
		this.fold = opts.ignoreCase === true;
		this.sed = opts.sedEscapes === true;
		this.multiline = opts.multiline === true;
	}

	translate(): string {
		const r = this.alternation();
		if (this.i < this.p.length) {
			// Only an unmatched close can stop the top level.
			throw new RegexSyntaxError("Unmatched ) or \\)");
		}
		this.tree = r.node;
		return r.src;
	}

	private peekAlt(): boolean {
		if (this.ere) return this.p[this.i] === "|";
		return this.p[this.i] === "\\" && this.p[this.i + 1] === "|";
	}

	private peekClose(): boolean {
		if (this.ere) return this.depth > 0 && this.p[this.i] === ")";
		return this.p[this.i] === "\\" && this.p[this.i + 1] === ")";
	}

	private alternation(): { src: string; node: Node } {
		const alts: { src: string; node: Node }[] = [];
		for (;;) {
			alts.push(this.branch());
			if (this.peekAlt()) {
				this.i += this.ere ? 1 : 2;
				continue;
			}
			break;
		}
		if (alts.length === 1) return alts[0]!;
		this.needsLongest = true;
		return {
			src: alts.map((a) => a.src).join("|"),
			node: { t: "alt", items: alts.map((a) => a.node) },
		};
	}

	/** A sequence of quantified atoms up to |, ) or the end. */
	private branch(): { src: string; node: Node } {
		const pieces: Piece[] = [];
		const start = this.i;
		while (this.i < this.p.length && !this.peekAlt() && !this.peekClose()) {
			if (!this.ere && this.p[this.i] === "\\" && this.p[this.i + 1] === ")") break;
			const atStart = this.i === start || this.afterAnchorOnly(pieces);
			const q = this.quantifier(
				atStart && pieces.length === 0 ? undefined : pieces[pieces.length - 1],
				atStart,
			);
			if (q !== null) {
				if (q.startsWith("start")) {
					// What a leading quantifier applies to: nothing. After * + ? grep warns again.
					pieces.push({
						src: "(?:)",
						node: EMPTY,
						zeroWidth: false,
						quantified: true,
						anchor: q !== "start{",
					});
				}
				continue;
			}
			const piece = this.atom(this.i === start);
			// Only a leading anchor makes grep warn about a quantifier after it.
			if (pieces.length > 0) piece.anchor = false;
			pieces.push(piece);
		}
		return {
			src: pieces.map((x) => x.src).join(""),
			node: { t: "cat", items: pieces.map((x) => x.node) },
		};
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
		let min = 0;
		let max = Number.POSITIVE_INFINITY;
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
			min = r.min;
			max = r.max;
		}
		if (q === "+") min = 1;
		if (q === "?") max = 1;
		if (q === null) return null;
		// BRE: a quantifier with nothing before it is literal ({ and * alike).
		if (!this.ere && (last === undefined || atStart)) return null;
		if (this.ere && (last === undefined || last.anchor)) {
			// ERE: grep warns, and the quantifier applies to nothing (or the anchor).
			const shown = q.startsWith("{") ? "{...}" : q;
			this.warnings.push(`${shown} at start of expression`);
			if (last === undefined) {
				this.i += len;
				return q.startsWith("{") ? "start{" : "start";
			}
		}
		if (last === undefined) return null;
		this.i += len;
		if (last.zeroWidth || last.quantified) last.src = `(?:${last.src})`;
		last.src += q;
		if (last.node.t === "group" || last.node.t === "rep") this.needsLongest = true;
		last.node = { t: "rep", item: last.node, min, max };
		last.quantified = true;
		last.zeroWidth = false;
		return q;
	}

	/** An interval at the cursor: {m}, {m,}, {,n}, {m,n}; null when ERE treats { as literal. */
	private interval(atStart: boolean): { q: string; len: number; min: number; max: number } | null {
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
		return {
			q,
			len: after + (this.ere ? 1 : 2) - this.i,
			min,
			max: max ?? Number.POSITIVE_INFINITY,
		};
	}

	private atom(branchStart: boolean): Piece {
		const p = this.p;
		const c = p[this.i]!;
		const plain = (src: string, node: Node): Piece => ({
			src,
			node,
			zeroWidth: false,
			quantified: false,
			anchor: false,
		});
		const anchor = (src: string, k: AnchorKind): Piece => ({
			src,
			node: { t: "anchor", k },
			zeroWidth: true,
			quantified: false,
			anchor: true,
		});
		if (c === "^") {
			this.i++;
			if (this.ere || branchStart) {
				return this.multiline ? anchor("(?<![^\\n])", "mbol") : anchor("^", "bol");
			}
			return plain(literal(94, false), literalNode(94, false));
		}
		if (c === "$") {
			this.i++;
			const atEnd =
				this.i >= p.length ||
				this.peekAlt() ||
				(!this.ere && p[this.i] === "\\" && p[this.i + 1] === ")");
			if (this.ere || atEnd)
				return this.multiline ? anchor("(?![^\\n])", "meol") : anchor("$", "eol");
			return plain(literal(36, false), literalNode(36, false));
		}
		if (c === ".") {
			this.i++;
			return this.multiline
				? plain(
						"[^\\n]",
						setNode((x) => x !== 10),
					)
				: plain(
						"[\\s\\S]",
						setNode(() => true),
					);
		}
		if (c === "[") {
			const b = this.bracket();
			return plain(b.src, { t: "set", table: b.table });
		}
		if (c === "*") {
			// Only reached for a literal star (BRE at the start).
			this.i++;
			return plain(literal(42, false), literalNode(42, false));
		}
		if (this.ere && c === "(") {
			this.i++;
			const g = this.group();
			return plain(g.src, g.node);
		}
		if (c === "\\") return this.escape();
		this.i++;
		const code = c.charCodeAt(0);
		return plain(literal(code, this.fold), literalNode(code, this.fold));
	}

	private group(): { src: string; node: Node } {
		const n = ++this.groups;
		this.depth++;
		const inner = this.alternation();
		this.depth--;
		if (
			this.ere ? this.p[this.i] !== ")" : !(this.p[this.i] === "\\" && this.p[this.i + 1] === ")")
		) {
			throw new RegexSyntaxError("Unmatched ( or \\(");
		}
		this.i += this.ere ? 1 : 2;
		this.closed.add(n);
		return { src: `(${inner.src})`, node: { t: "group", item: inner.node } };
	}

	private escape(): Piece {
		const p = this.p;
		const plain = (src: string, node: Node): Piece => ({
			src,
			node,
			zeroWidth: false,
			quantified: false,
			anchor: false,
		});
		const anchor = (src: string, k: AnchorKind): Piece => ({
			src,
			node: { t: "anchor", k },
			zeroWidth: true,
			quantified: false,
			anchor: true,
		});
		const e = p[this.i + 1];
		if (e === undefined) throw new RegexSyntaxError("Trailing backslash");
		this.i += 2;
		if (!this.ere && e === "(") {
			const g = this.group();
			return plain(g.src, g.node);
		}
		if (!this.ere && e === ")") throw new RegexSyntaxError("Unmatched ) or \\)");
		if (!this.ere && e === "{") {
			// Reached only at the start of a BRE, where \{ is literal.
			return plain(literal(123, false), literalNode(123, false));
		}
		if (e >= "1" && e <= "9") {
			const n = Number(e);
			if (!this.closed.has(n)) throw new RegexSyntaxError("Invalid back reference");
			this.hasBackref = true;
			return plain(`\\${n}`, { t: "backref" });
		}
		switch (e) {
			case "w":
				return plain(WORD, setNode(isWordCode));
			case "W":
				return plain(
					NOT_WORD,
					setNode((c) => !isWordCode(c)),
				);
			case "s":
				return plain(SPACE, setNode(isSpaceCode));
			case "S":
				return plain(
					NOT_SPACE,
					setNode((c) => !isSpaceCode(c)),
				);
			case "b":
				return anchor("\\b", "wordb");
			case "B":
				return anchor("\\B", "nwordb");
			case "<":
				return anchor(`(?<!${WORD})(?=${WORD})`, "wstart");
			case ">":
				return anchor(`(?<=${WORD})(?!${WORD})`, "wend");
			case "`":
				return anchor("(?<![\\s\\S])", "bufstart");
			case "'":
				return anchor("(?![\\s\\S])", "bufend");
		}
		if (this.sed) {
			const code = this.sedEscape(e);
			if (code !== null) return plain(literal(code, this.fold), literalNode(code, this.fold));
		}
		const code = e.charCodeAt(0);
		return plain(literal(code, this.fold), literalNode(code, this.fold));
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

	/** A bracket expression at the cursor ("["), as a JS character class and a byte table. */
	private bracket(): { src: string; table: Uint8Array } {
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
		const src = body === "" ? (negate ? "[\\s\\S]" : "[^\\s\\S]") : `[${negate ? "^" : ""}${body}]`;
		// The same set as a table, through the JS class itself.
		const cls = new RegExp(src);
		const table = tableOf((c) => cls.test(String.fromCharCode(c)));
		return { src, table };
	}
}

/** Is the anchor satisfied at `pos` of `text`? */
function anchorHolds(k: AnchorKind, text: string, pos: number): boolean {
	const before = pos > 0 ? text.charCodeAt(pos - 1) : -1;
	const after = pos < text.length ? text.charCodeAt(pos) : -1;
	const wb = before >= 0 && isWordCode(before);
	const wa = after >= 0 && isWordCode(after);
	switch (k) {
		case "bol":
		case "bufstart":
			return pos === 0;
		case "eol":
		case "bufend":
			return pos === text.length;
		case "mbol":
			return pos === 0 || before === 10;
		case "meol":
			return pos === text.length || after === 10;
		case "wordb":
			return wb !== wa;
		case "nwordb":
			return wb === wa;
		case "wstart":
			return !wb && wa;
		case "wend":
			return wb && !wa;
		case "nwbefore":
			return !wb;
		case "nwafter":
			return !wa;
	}
}

/** An NFA state: a byte test, an epsilon split, a position test, or the end. */
interface NfaState {
	kind: "char" | "split" | "anchor" | "match";
	table: Uint8Array | null;
	anchor: AnchorKind | null;
	out: number;
	out2: number;
}

/** Past this many states the tree is not turned into an automaton (JS's match stands). */
const MAX_STATES = 100_000;

class TooBig extends Error {}

/** Thompson's construction, built backwards from each piece's continuation. */
class Nfa {
	readonly states: NfaState[] = [];
	readonly start: number;

	constructor(tree: Node) {
		const match = this.add({ kind: "match", table: null, anchor: null, out: -1, out2: -1 });
		this.start = this.compile(tree, match);
	}

	private add(s: NfaState): number {
		if (this.states.length >= MAX_STATES) throw new TooBig();
		this.states.push(s);
		return this.states.length - 1;
	}

	private split(out: number, out2: number): number {
		return this.add({ kind: "split", table: null, anchor: null, out, out2 });
	}

	private compile(node: Node, next: number): number {
		switch (node.t) {
			case "set":
				return this.add({ kind: "char", table: node.table, anchor: null, out: next, out2: -1 });
			case "anchor":
				return this.add({ kind: "anchor", table: null, anchor: node.k, out: next, out2: -1 });
			case "group":
				return this.compile(node.item, next);
			case "cat": {
				let s = next;
				for (let i = node.items.length - 1; i >= 0; i--) s = this.compile(node.items[i]!, s);
				return s;
			}
			case "alt": {
				let s = this.compile(node.items[node.items.length - 1]!, next);
				for (let i = node.items.length - 2; i >= 0; i--)
					s = this.split(this.compile(node.items[i]!, next), s);
				return s;
			}
			case "rep": {
				let s: number;
				if (node.max === Number.POSITIVE_INFINITY) {
					const loop = this.split(-1, next);
					this.states[loop]!.out = this.compile(node.item, loop);
					s = loop;
				} else {
					s = next;
					for (let k = node.min; k < node.max; k++)
						s = this.split(this.compile(node.item, s), next);
				}
				for (let k = 0; k < node.min; k++) s = this.compile(node.item, s);
				return s;
			}
			case "backref":
				throw new TooBig();
		}
	}

	/** The end of the longest match starting at `start` (-1: none), in one pass over the text. */
	longestEnd(text: string, start: number): number {
		const states = this.states;
		const mark = new Int32Array(states.length).fill(-1);
		let generation = 0;
		const closure = (seeds: number[], pos: number): number[] => {
			const gen = generation++;
			const out: number[] = [];
			const stack = [...seeds];
			while (stack.length > 0) {
				const i = stack.pop()!;
				if (mark[i] === gen) continue;
				mark[i] = gen;
				const st = states[i]!;
				if (st.kind === "split") {
					stack.push(st.out2, st.out);
				} else if (st.kind === "anchor") {
					if (anchorHolds(st.anchor!, text, pos)) stack.push(st.out);
				} else {
					out.push(i);
				}
			}
			return out;
		};
		let cur = closure([this.start], start);
		let best = -1;
		for (let pos = start; ; pos++) {
			const next: number[] = [];
			for (const i of cur) {
				const st = states[i]!;
				if (st.kind === "match") best = pos;
				else if (pos < text.length && st.table![text.charCodeAt(pos) & 0xff] === 1)
					next.push(st.out);
			}
			if (next.length === 0) return best;
			cur = closure(next, pos + 1);
		}
	}
}

/** A compiled POSIX regex. */
export class PosixRegex {
	readonly source: string;
	/** Number of capturing groups. */
	readonly groups: number;
	private readonly flags: string;
	private readonly re: RegExp;
	private readonly sticky: RegExp;
	/** The automaton for the longest match, when JS's first match may be shorter. */
	private readonly nfa: Nfa | null;

	constructor(source: string, groups: number, flags: string, tree: Node | null = null) {
		this.source = source;
		this.groups = groups;
		this.flags = flags;
		this.re = new RegExp(source, `g${flags}`);
		this.sticky = new RegExp(source, `y${flags}`);
		let nfa: Nfa | null = null;
		if (tree !== null) {
			try {
				nfa = new Nfa(tree);
			} catch (e) {
				if (!(e instanceof TooBig)) throw e;
			}
		}
		this.nfa = nfa;
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
		if (this.nfa !== null) {
			const end = this.nfa.longestEnd(text, m.index);
			if (end > m.index + m[0].length) {
				// Ask JS for a match that ends exactly there, for the groups.
				const exact = new RegExp(`(?:${this.source})(?<=^[\\s\\S]{${end}})`, `y${this.flags}`);
				exact.lastIndex = m.index;
				const e = exact.exec(text);
				if (e !== null) best = e;
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
	let tree: Node | null = null;
	if (t.needsLongest && !t.hasBackref) {
		tree = t.tree;
		if (opts.wrap === "word") {
			tree = {
				t: "cat",
				items: [{ t: "anchor", k: "nwbefore" }, tree, { t: "anchor", k: "nwafter" }],
			};
		} else if (opts.wrap === "line") {
			tree = { t: "cat", items: [{ t: "anchor", k: "bol" }, tree, { t: "anchor", k: "eol" }] };
		}
	}
	try {
		const regex = new PosixRegex(wrapSource(source, opts.wrap), t.groups, flags, tree);
		return { ok: true, regex, warnings: t.warnings };
	} catch {
		return { ok: false, error: "Invalid regular expression" };
	}
}

/** A fixed string (grep -F) as a regex, with ASCII case folding. */
export function compileFixed(s: string, ignoreCase: boolean, wrap?: "word" | "line"): PosixRegex {
	let out = "";
	for (let i = 0; i < s.length; i++) out += literal(s.charCodeAt(i), ignoreCase);
	return new PosixRegex(wrapSource(out, wrap), 0, "");
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
			regex: new PosixRegex(wrapSource(source, wrap), 0, ignoreCase ? "i" : ""),
			warnings: [],
		};
	} catch (e) {
		return { ok: false, error: e instanceof Error ? e.message : String(e) };
	}
}
