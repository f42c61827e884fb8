/**
 * strtoimax()/strtoumax() with base 0 as glibc does them: leading white
 * space, a sign, 0x for hex and 0 for octal, the longest valid prefix, and
 * ERANGE with the result clamped to the type's limits.
 */

export const INTMAX_MAX = 0x7fffffffffffffffn;
export const INTMAX_MIN = -0x8000000000000000n;
export const UINTMAX_MAX = 0xffffffffffffffffn;

export interface IntParse {
	readonly value: bigint;
	/** Index just past the converted text; 0 when nothing was converted. */
	readonly end: number;
	readonly range: boolean;
}

/** strtoimax (signed) or strtoumax (unsigned: "-1" wraps to UINTMAX_MAX), base 0 or 10. */
export function parseCInt(s: string, signed: boolean, base: 0 | 10 = 0): IntParse {
	const m = /^[ \t\n\v\f\r]*([+-]?)/.exec(s)!;
	let i = m[0].length;
	const neg = m[1] === "-";
	let digits: RegExpExecArray | null = null;
	let radix = 10;
	const rest = s.slice(i);
	if (base === 0 && /^0[xX][0-9A-Fa-f]/.test(rest)) {
		radix = 16;
		i += 2;
		digits = /^[0-9A-Fa-f]+/.exec(rest.slice(2));
	} else if (base === 0 && rest.startsWith("0")) {
		radix = 8;
		digits = /^[0-7]+/.exec(rest);
	} else {
		digits = /^[0-9]+/.exec(rest);
	}
	if (digits === null) return { value: 0n, end: 0, range: false };
	const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : "";
	let mag = BigInt(`${prefix}${digits[0]}`);
	const end = i + digits[0].length;
	if (signed) {
		const value = neg ? -mag : mag;
		if (value > INTMAX_MAX) return { value: INTMAX_MAX, end, range: true };
		if (value < INTMAX_MIN) return { value: INTMAX_MIN, end, range: true };
		return { value, end, range: false };
	}
	if (mag > UINTMAX_MAX) return { value: UINTMAX_MAX, end, range: true };
	if (neg) mag = (UINTMAX_MAX + 1n - mag) & UINTMAX_MAX;
	return { value: mag, end, range: false };
}
