/**
 * The string scanning the v1 controllers' write handlers rely on, with the
 * kernel's quirks: simple_strtoull() (lib/vsprintf.c: no sign, wraps on
 * overflow), the pieces of vsscanf() they use (%u, %llu, %Ns: leading
 * whitespace skipped, numbers wrapping to the conversion's width), and
 * memparse() (lib/cmdline.c: K/M/G/T/P/E suffixes).
 */
import { digitValue, fixupRadix, isKernelSpace } from "./kstrto.ts";

const U64_MASK = (1n << 64n) - 1n;

export interface Scanned<T> {
	readonly value: T;
	/** Index just past the consumed characters. */
	readonly end: number;
}

/** skip_spaces(). */
export function skipSpaces(s: string, pos: number): number {
	let i = pos;
	while (i < s.length && isKernelSpace(s.charCodeAt(i))) i++;
	return i;
}

/**
 * simple_strtoull(s + pos, &end, base): base 0 picks 16 for "0x" followed by
 * a hex digit, 8 for a leading 0, else 10; no digits leave `end` after the
 * prefix; the value wraps modulo 2^64.
 */
export function simpleStrtoull(s: string, pos: number, base: number): Scanned<bigint> {
	const { radix, at } = fixupRadix(s, pos, base);
	let i = at;
	const big = BigInt(radix);
	let value = 0n;
	for (; i < s.length; i++) {
		const d = digitValue(s.charCodeAt(i));
		if (d >= radix) break;
		value = (value * big + BigInt(d)) & U64_MASK;
	}
	return { value, end: i };
}

/**
 * One unsigned decimal conversion of vsscanf() (%u with bits 32, %llu with
 * 64): whitespace is skipped, a digit must follow, the value is truncated to
 * the conversion's width. Null when the conversion fails.
 */
export function scanUnsigned(s: string, pos: number, bits: 32 | 64): Scanned<bigint> | null {
	const i = skipSpaces(s, pos);
	const c = s.charCodeAt(i);
	if (!(c >= 0x30 && c <= 0x39)) return null;
	const r = simpleStrtoull(s, i, 10);
	return { value: BigInt.asUintN(bits, r.value), end: r.end };
}

/** vsscanf()'s %Ns: whitespace skipped, then up to `width` non-space characters. Null at the end of input. */
export function scanWord(s: string, pos: number, width: number): Scanned<string> | null {
	if (pos >= s.length) return null;
	let i = skipSpaces(s, pos);
	const start = i;
	while (i < s.length && !isKernelSpace(s.charCodeAt(i)) && i - start < width) i++;
	return { value: s.slice(start, i), end: i };
}

/** memparse(): a number (base 0) and an optional K/M/G/T/P/E suffix, wrapping modulo 2^64. */
export function memparse(s: string): Scanned<bigint> {
	const r = simpleStrtoull(s, 0, 0);
	const shifts: Record<string, bigint> = { k: 10n, m: 20n, g: 30n, t: 40n, p: 50n, e: 60n };
	const shift = shifts[(s[r.end] ?? "").toLowerCase()];
	if (shift === undefined) return r;
	return { value: (r.value << shift) & U64_MASK, end: r.end + 1 };
}
