/**
 * fnmatch(3) without flags (or with FNM_CASEFOLD), as find's -name and
 * -path use it, on top of the shell's pattern matcher: a backslash quotes
 * the next character (a trailing one matches nothing), "[^...]" negates
 * like "[!...]", and "*", "?" and brackets match "/" and leading dots.
 */

import { type PatPiece, patternSource } from "../sh/pattern.ts";

/** Does the bracket expression whose body starts at `i` have its closing "]"? */
function bracketCloses(p: string, i: number): boolean {
	let k = i;
	if (p[k] === "]") k++;
	while (k < p.length) {
		const c = p[k]!;
		if (c === "\\") k += 2;
		else if (c === "[" && p[k + 1] === ":") {
			const close = p.indexOf(":]", k + 2);
			if (close < 0) return false;
			k = close + 2;
		} else if (c === "]") return true;
		else k++;
	}
	return false;
}

const NEVER = /(?!)/;
const cache = new Map<string, RegExp>();

/** The RegExp that matches what fnmatch(pattern, s, flags) matches. */
export function fnmatchRegExp(pattern: string, caseFold = false): RegExp {
	const key = `${caseFold ? "i" : "-"}${pattern}`;
	const hit = cache.get(key);
	if (hit !== undefined) return hit;
	const pieces: PatPiece[] = [];
	let re: RegExp | null = null;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i]!;
		if (c === "\\") {
			if (i + 1 >= pattern.length) {
				re = NEVER;
				break;
			}
			pieces.push({ text: pattern[++i]!, active: false });
		} else if (c === "[" && pattern[i + 1] === "^" && bracketCloses(pattern, i + 2)) {
			pieces.push({ text: "[!", active: true });
			i++;
		} else {
			pieces.push({ text: c, active: true });
		}
	}
	re ??= new RegExp(`^(?:${patternSource(pieces)})$`, caseFold ? "i" : "");
	if (cache.size > 256) cache.clear();
	cache.set(key, re);
	return re;
}

export function fnmatch(pattern: string, s: string, caseFold = false): boolean {
	return fnmatchRegExp(pattern, caseFold).test(s);
}
