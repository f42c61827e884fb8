/**
 * Number parsing as the C library does it in the C locale: strtod() for
 * durations (sleep), and the strict decimal integers of procps and
 * util-linux.
 */

const SPACE = /^[ \t\n\v\f\r]*/;

/**
 * strtod(): the longest prefix of `s` that is a floating-point number
 * (leading white space, sign, decimal or 0x hex with exponent, inf,
 * infinity, nan). Returns the value and how many characters it used
 * (0 when there is no number).
 */
export function strtod(s: string): { value: number; end: number } {
	const ws = SPACE.exec(s)![0].length;
	let i = ws;
	let sign = 1;
	if (s[i] === "+" || s[i] === "-") {
		if (s[i] === "-") sign = -1;
		i++;
	}
	const rest = s.slice(i).toLowerCase();
	if (rest.startsWith("infinity")) return { value: sign * Infinity, end: i + 8 };
	if (rest.startsWith("inf")) return { value: sign * Infinity, end: i + 3 };
	if (rest.startsWith("nan")) {
		let end = i + 3;
		const m = /^\([0-9A-Za-z_]*\)/.exec(s.slice(end));
		if (m !== null) end += m[0].length;
		return { value: Number.NaN, end };
	}
	const hex = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?/.exec(rest);
	if (hex !== null && (hex[1]!.length > 0 || (hex[2] ?? "").length > 0)) {
		let value = 0;
		for (const d of hex[1]!) value = value * 16 + Number.parseInt(d, 16);
		let scale = 1 / 16;
		for (const d of hex[2] ?? "") {
			value += Number.parseInt(d, 16) * scale;
			scale /= 16;
		}
		let end = i + hex[0].length;
		const exp = /^p([+-]?[0-9]+)/.exec(rest.slice(hex[0].length));
		if (exp !== null) {
			value *= 2 ** Number(exp[1]);
			end += exp[0].length;
		}
		return { value: sign * value, end };
	}
	const dec = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?/.exec(rest);
	if (dec === null) {
		// "0x" alone is the number 0 followed by "x".
		if (rest.startsWith("0")) return { value: 0, end: i + 1 };
		return { value: 0, end: 0 };
	}
	return { value: sign * Number(dec[0]), end: i + dec[0].length };
}

/** A whole string of decimal digits (no sign, no space) as a number, or null. */
export function parseDecimal(s: string): number | null {
	return /^[0-9]+$/.test(s) ? Number(s) : null;
}
