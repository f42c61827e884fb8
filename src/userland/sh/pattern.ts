/**
 * Shell pattern matching (XCU 2.13): *, ?, [...] with ranges, [!...] and
 * character classes, where only unquoted characters are special. Used for
 * case, ${x%pattern} and friends, and pathname expansion.
 */

/** A run of pattern text; `active` when its characters are unquoted (special). */
export interface PatPiece {
	readonly text: string;
	readonly active: boolean;
}

const CLASSES: Record<string, string> = {
	alnum: "A-Za-z0-9",
	alpha: "A-Za-z",
	blank: " \\t",
	cntrl: "\\x00-\\x1f\\x7f",
	digit: "0-9",
	graph: "\\x21-\\x7e",
	lower: "a-z",
	print: "\\x20-\\x7e",
	punct: "!-\\/:-@\\[-`{-~",
	space: " \\t\\n\\v\\f\\r",
	upper: "A-Z",
	xdigit: "0-9A-Fa-f",
};

/** Does the pattern have any special character (is it a pattern at all)? */
export function hasGlob(pieces: readonly PatPiece[]): boolean {
	for (const p of pieces) if (p.active && /[*?[]/.test(p.text)) return true;
	return false;
}

function escapeChar(c: string): string {
	return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function classChar(c: string): string {
	return c === "\\" || c === "]" || c === "[" || c === "^" || c === "-" ? `\\${c}` : c;
}

/**
 * The regular expression source for a pattern (unanchored). In pathname
 * mode, wildcards and brackets never match "/".
 */
export function patternSource(pieces: readonly PatPiece[], pathname = false): string {
	const chars: string[] = [];
	const active: boolean[] = [];
	for (const p of pieces) {
		for (const c of p.text) {
			chars.push(c);
			active.push(p.active);
		}
	}
	const any = pathname ? "[^/]" : "[\\s\\S]";
	let out = "";
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i]!;
		if (!active[i]) {
			out += escapeChar(c);
			continue;
		}
		if (c === "*") {
			out += `${any}*`;
		} else if (c === "?") {
			out += any;
		} else if (c === "[") {
			const br = bracket(chars, active, i, pathname);
			if (br === null) out += "\\[";
			else {
				out += br.source;
				i = br.end;
			}
		} else {
			out += escapeChar(c);
		}
	}
	return out;
}

/** A bracket expression starting at `start` ("["), or null when it is not one. */
function bracket(
	chars: readonly string[],
	active: readonly boolean[],
	start: number,
	pathname: boolean,
): { source: string; end: number } | null {
	let i = start + 1;
	let negate = false;
	// Only "!" negates: dash takes "^" literally.
	if (i < chars.length && active[i] && chars[i] === "!") {
		negate = true;
		i++;
	}
	let body = "";
	let first = true;
	while (i < chars.length) {
		const c = chars[i]!;
		if (c === "]" && active[i] && !first) {
			if (body === "") return null;
			const cls = negate ? `[^${body}${pathname ? "/" : ""}]` : `[${body}]`;
			const src = pathname && !negate ? `(?!/)${cls}` : cls;
			return { source: src, end: i };
		}
		first = false;
		if (c === "[" && active[i] && chars[i + 1] === ":") {
			const close = findClassEnd(chars, i + 2);
			if (close > 0) {
				const name = chars.slice(i + 2, close).join("");
				const set = CLASSES[name];
				if (set === undefined) return null;
				body += set;
				i = close + 2;
				continue;
			}
		}
		if (c === "/" && pathname) return null;
		if (chars[i + 1] === "-" && i + 2 < chars.length && !(chars[i + 2] === "]" && active[i + 2])) {
			const hi = chars[i + 2]!;
			if (hi.charCodeAt(0) >= c.charCodeAt(0)) body += `${classChar(c)}-${classChar(hi)}`;
			i += 3;
			continue;
		}
		body += classChar(c);
		i++;
	}
	return null;
}

function findClassEnd(chars: readonly string[], from: number): number {
	for (let k = from; k + 1 < chars.length; k++) {
		if (chars[k] === ":" && chars[k + 1] === "]") return k;
		if (!/[a-z]/.test(chars[k]!)) return -1;
	}
	return -1;
}

const cache = new Map<string, RegExp>();

/** The anchored RegExp of a pattern. */
export function patternRegExp(pieces: readonly PatPiece[], pathname = false): RegExp {
	const src = `^(?:${patternSource(pieces, pathname)})$`;
	let re = cache.get(src);
	if (re === undefined) {
		re = new RegExp(src);
		if (cache.size > 512) cache.clear();
		cache.set(src, re);
	}
	return re;
}

export function matchPattern(pieces: readonly PatPiece[], s: string): boolean {
	return patternRegExp(pieces).test(s);
}

/** ${x#p} / ${x##p}: remove the shortest/longest matching prefix. */
export function removePrefix(s: string, pieces: readonly PatPiece[], longest: boolean): string {
	const re = patternRegExp(pieces);
	if (longest) {
		for (let i = s.length; i >= 0; i--) if (re.test(s.slice(0, i))) return s.slice(i);
	} else {
		for (let i = 0; i <= s.length; i++) if (re.test(s.slice(0, i))) return s.slice(i);
	}
	return s;
}

/** ${x%p} / ${x%%p}: remove the shortest/longest matching suffix. */
export function removeSuffix(s: string, pieces: readonly PatPiece[], longest: boolean): string {
	const re = patternRegExp(pieces);
	if (longest) {
		for (let i = 0; i <= s.length; i++) if (re.test(s.slice(i))) return s.slice(0, i);
	} else {
		for (let i = s.length; i >= 0; i--) if (re.test(s.slice(i))) return s.slice(0, i);
	}
	return s;
}
