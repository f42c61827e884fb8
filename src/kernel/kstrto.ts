/**
 * The kernel's string-to-integer conversions (lib/kstrtox.c) and strstrip
 * (lib/string_helpers.c), bit-exact: base 0 detects 0x/0 prefixes, one
 * trailing newline is allowed, overflow is ERANGE, anything else EINVAL.
 * Input strings are byte strings (one char per byte, as cgroupfs writes
 * arrive).
 */
import { KernelError } from "./errno.ts";

const U64_MAX = (1n << 64n) - 1n;
const S64_MAX = (1n << 63n) - 1n;
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** isspace() of the kernel's ctype table, which also counts 0xA0. */
export function isKernelSpace(code: number): boolean {
	return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
}

/** strstrip(): drop leading and trailing whitespace. */
export function strstrip(s: string): string {
	let start = 0;
	let end = s.length;
	while (start < end && isKernelSpace(s.charCodeAt(start))) start++;
	while (end > start && isKernelSpace(s.charCodeAt(end - 1))) end--;
	return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** The value of a hex digit, or 16 for anything else (_parse_integer()'s test). */
export function digitValue(code: number): number {
	if (code >= 0x30 && code <= 0x39) return code - 0x30;
	const lower = code | 0x20;
	if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
	return 16;
}

/**
 * _parse_integer_fixup_radix(): base 0 picks 16 for "0x" and a hex digit, 8
 * for a leading 0, else 10; a "0x" prefix is skipped in base 16. Returns the
 * radix and where the digits start.
 */
export function fixupRadix(s: string, start: number, base: number): { radix: number; at: number } {
	const hexPrefix = s.charCodeAt(start) === 0x30 && (s.charCodeAt(start + 1) | 0x20) === 0x78;
	let radix = base;
	if (radix === 0) {
		if (s.charCodeAt(start) !== 0x30) radix = 10;
		else radix = hexPrefix && digitValue(s.charCodeAt(start + 2)) < 16 ? 16 : 8;
	}
	return { radix, at: radix === 16 && hexPrefix ? start + 2 : start };
}

/** _kstrtoull(): unsigned parse with radix fixup; the result fits in 64 bits. */
function parseUnsigned(s: string, start: number, base: number): bigint {
	const { radix, at } = fixupRadix(s, start, base);
	let i = at;

	const digitsStart = i;
	let overflow = false;
	// Accumulate in a double while it stays exact, then switch to BigInt.
	let small = 0;
	let big: bigint | null = null;
	const bigRadix = BigInt(radix);
	for (; i < s.length; i++) {
		const v = digitValue(s.charCodeAt(i));
		if (v >= radix) break;
		if (big === null) {
			if (small < 2 ** 48) {
				small = small * radix + v;
				continue;
			}
			big = BigInt(small);
		}
		const next: bigint = big * bigRadix + BigInt(v);
		if (next > U64_MAX) overflow = true;
		big = next & U64_MAX;
	}
	if (overflow) throw new KernelError("ERANGE");
	if (i === digitsStart) throw new KernelError("EINVAL");
	if (s.charCodeAt(i) === 0x0a) i++;
	if (i !== s.length) throw new KernelError("EINVAL");
	return big === null ? BigInt(small) : big;
}

/** kstrtoull(s, base): a leading '+' is accepted. */
export function kstrtoull(s: string, base = 0): bigint {
	return parseUnsigned(s, s.charCodeAt(0) === 0x2b ? 1 : 0, base);
}

/** kstrtoll(s, base). */
export function kstrtoll(s: string, base = 0): bigint {
	if (s.charCodeAt(0) === 0x2d) {
		const magnitude = parseUnsigned(s, 1, base);
		if (magnitude > S64_MAX + 1n) throw new KernelError("ERANGE");
		return -magnitude;
	}
	const v = kstrtoull(s, base);
	if (v > S64_MAX) throw new KernelError("ERANGE");
	return v;
}

/** kstrtoint(s, base). */
export function kstrtoint(s: string, base = 0): number {
	const v = kstrtoll(s, base);
	if (v > BigInt(INT_MAX) || v < BigInt(INT_MIN)) throw new KernelError("ERANGE");
	return Number(v);
}

/** kstrtouint(s, base). */
export function kstrtouint(s: string, base = 0): number {
	const v = kstrtoull(s, base);
	if (v > 0xffffffffn) throw new KernelError("ERANGE");
	return Number(v);
}

/** kstrtobool(): y/Y/t/T/1/on are true, n/N/f/F/0/off false, anything else EINVAL. */
export function kstrtobool(s: string): boolean {
	switch (s[0]) {
		case "y":
		case "Y":
		case "t":
		case "T":
		case "1":
			return true;
		case "n":
		case "N":
		case "f":
		case "F":
		case "0":
			return false;
		case "o":
		case "O":
			if (s[1] === "n" || s[1] === "N") return true;
			if (s[1] === "f" || s[1] === "F") return false;
			break;
	}
	throw new KernelError("EINVAL");
}
