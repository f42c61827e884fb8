/**
 * Binary floating point done exactly with bigints, so that programs print
 * what glibc prints: strtold()/strtod() conversion of decimal and hex
 * strings rounded to the 64-bit significand of the x87 long double (or the
 * 53 bits of a double), and the %f %e %g %a conversions of printf(3) with
 * round-half-even on the exact binary value.
 */

/** A value: (-1)^neg × mant × 2^exp, or an infinity or NaN (with its sign). */
export interface BinFloat {
	readonly kind: "num" | "inf" | "nan";
	readonly neg: boolean;
	readonly mant: bigint;
	readonly exp: number;
}

/** A binary format: significand bits and the exponent range of its normal numbers. */
export interface FloatType {
	readonly bits: number;
	/** Exponent of the leading bit of the smallest normal number. */
	readonly emin: number;
	/** Exponent of the leading bit of the largest finite number. */
	readonly emax: number;
}

/** x86 extended precision: C's long double on x86-64 (coreutils printf, seq). */
export const LONG_DOUBLE: FloatType = { bits: 64, emin: -16382, emax: 16383 };
/** IEEE double (dash's printf). */
export const DOUBLE: FloatType = { bits: 53, emin: -1022, emax: 1023 };

export const ZERO: BinFloat = { kind: "num", neg: false, mant: 0n, exp: 0 };

export function fromBigInt(n: bigint): BinFloat {
	return { kind: "num", neg: n < 0n, mant: n < 0n ? -n : n, exp: 0 };
}

const LOG10_2 = Math.log10(2);

function bitLength(n: bigint): number {
	return n === 0n ? 0 : n.toString(2).length;
}

/** num/den rounded half-even to an integer (both positive). */
function divRound(num: bigint, den: bigint): bigint {
	const q = num / den;
	const r2 = (num % den) * 2n;
	if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
	return q;
}

export interface Rounded {
	readonly value: BinFloat;
	/** Overflow to infinity, or underflow into the subnormal range or to zero (ERANGE). */
	readonly range: boolean;
}

/** The positive rational num/den rounded to the nearest value of `type`. */
export function roundRational(num: bigint, den: bigint, neg: boolean, type: FloatType): Rounded {
	if (num === 0n) return { value: { kind: "num", neg, mant: 0n, exp: 0 }, range: false };
	// e: the exponent of the leading bit, 2^e <= num/den < 2^(e+1).
	let e = bitLength(num) - bitLength(den);
	if (e >= 0 ? num < den << BigInt(e) : num << BigInt(-e) < den) e--;
	if (e > type.emax) return { value: { kind: "inf", neg, mant: 0n, exp: 0 }, range: true };
	const quantum = Math.max(e, type.emin) - type.bits + 1;
	const q =
		quantum <= 0 ? divRound(num << BigInt(-quantum), den) : divRound(num, den << BigInt(quantum));
	if (bitLength(q) + quantum - 1 > type.emax) {
		return { value: { kind: "inf", neg, mant: 0n, exp: 0 }, range: true };
	}
	return { value: { kind: "num", neg, mant: q, exp: quantum }, range: e < type.emin };
}

export interface FloatParse {
	readonly value: BinFloat;
	/** Index just past the converted text; 0 when nothing was converted. */
	readonly end: number;
	readonly range: boolean;
}

const SPACE = /^[ \t\n\v\f\r]*/;

/** strtold()/strtod() in the C locale. */
export function strtold(s: string, type: FloatType): FloatParse {
	let i = SPACE.exec(s)![0].length;
	let neg = false;
	if (s[i] === "+" || s[i] === "-") {
		neg = s[i] === "-";
		i++;
	}
	const rest = s.slice(i);
	const special = /^(inf(inity)?|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
	if (special !== null) {
		const kind = special[0][0]!.toLowerCase() === "i" ? "inf" : "nan";
		return { value: { kind, neg, mant: 0n, exp: 0 }, end: i + special[0].length, range: false };
	}
	const hex =
		/^0[xX](?:([0-9A-Fa-f]+)(?:\.([0-9A-Fa-f]*))?|\.([0-9A-Fa-f]+))(?:[pP]([+-]?[0-9]+))?/.exec(
			rest,
		);
	if (hex !== null) {
		const intPart = hex[1] ?? "";
		const frac = hex[2] ?? hex[3] ?? "";
		let bexp = -4 * frac.length;
		if (hex[4] !== undefined) bexp += clampExp(hex[4]);
		const mant = BigInt(`0x${intPart}${frac}`);
		return { ...scaleBinary(mant, bexp, neg, type), end: i + hex[0].length };
	}
	const dec = /^(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))(?:[eE]([+-]?[0-9]+))?/.exec(rest);
	if (dec === null) return { value: ZERO, end: 0, range: false };
	const intPart = dec[1] ?? "";
	const frac = dec[2] ?? dec[3] ?? "";
	let dexp = -frac.length;
	if (dec[4] !== undefined) dexp += clampExp(dec[4]);
	const digits = `${intPart}${frac}`.replace(/^0+/, "");
	const end = i + dec[0].length;
	if (digits === "") return { value: { kind: "num", neg, mant: 0n, exp: 0 }, end, range: false };
	// Magnitudes far outside the format are decided without building huge powers.
	const magnitude = digits.length + dexp;
	if (magnitude > (type.emax + 2) * 0.302 + 2) {
		return { value: { kind: "inf", neg, mant: 0n, exp: 0 }, end, range: true };
	}
	if (magnitude < (type.emin - type.bits - 2) * 0.302 - 2) {
		return { value: { kind: "num", neg, mant: 0n, exp: 0 }, end, range: true };
	}
	const d = BigInt(digits);
	const r =
		dexp >= 0
			? roundRational(d * 10n ** BigInt(dexp), 1n, neg, type)
			: roundRational(d, 10n ** BigInt(-dexp), neg, type);
	return { ...r, end };
}

/** An exponent's digits as a number, clamped far beyond any format's range. */
function clampExp(text: string): number {
	const n = Number.parseInt(text, 10);
	return Math.max(-1e6, Math.min(1e6, n));
}

function scaleBinary(mant: bigint, bexp: number, neg: boolean, type: FloatType): Rounded {
	if (mant === 0n) return { value: { kind: "num", neg, mant: 0n, exp: 0 }, range: false };
	const lead = bitLength(mant) - 1 + bexp;
	if (lead > type.emax + 1) return { value: { kind: "inf", neg, mant: 0n, exp: 0 }, range: true };
	if (lead < type.emin - type.bits - 1) {
		return { value: { kind: "num", neg, mant: 0n, exp: 0 }, range: true };
	}
	return bexp >= 0
		? roundRational(mant << BigInt(bexp), 1n, neg, type)
		: roundRational(mant, 1n << BigInt(-bexp), neg, type);
}

/** |v| × 10^k rounded half-even to an integer (v finite). */
function scaledInteger(v: BinFloat, k: number): bigint {
	let num = v.mant;
	let den = 1n;
	if (k >= 0) num *= 10n ** BigInt(k);
	else den *= 10n ** BigInt(-k);
	if (v.exp >= 0) num <<= BigInt(v.exp);
	else den <<= BigInt(-v.exp);
	return divRound(num, den);
}

/** floor(log10(|v|)) for a finite nonzero v. */
function decimalExponent(v: BinFloat): number {
	let x = Math.floor((bitLength(v.mant) - 1 + v.exp) * LOG10_2);
	// Compare |v| with 10^x exactly and adjust the estimate.
	const atLeast = (k: number): boolean => {
		let left = v.mant;
		let right = 1n;
		if (v.exp >= 0) left <<= BigInt(v.exp);
		else right <<= BigInt(-v.exp);
		if (k >= 0) right *= 10n ** BigInt(k);
		else left *= 10n ** BigInt(-k);
		return left >= right;
	};
	while (!atLeast(x)) x--;
	while (atLeast(x + 1)) x++;
	return x;
}

function nonFinite(v: BinFloat, upper: boolean): string {
	const s = v.kind === "inf" ? "inf" : "nan";
	return upper ? s.toUpperCase() : s;
}

/** %.Pf of |v| (no sign). `alt`: keep the point when P is 0 (#). */
export function fixedDigits(v: BinFloat, prec: number, alt = false, upper = false): string {
	if (v.kind !== "num") return nonFinite(v, upper);
	const digits = scaledInteger(v, prec)
		.toString()
		.padStart(prec + 1, "0");
	const int = digits.slice(0, digits.length - prec);
	const frac = digits.slice(digits.length - prec);
	return prec > 0 || alt ? `${int}.${frac}` : int;
}

/** The significant digits and exponent of |v| rounded to `prec`+1 digits. */
function expParts(v: BinFloat, prec: number): { digits: string; exp: number } {
	if (v.mant === 0n) return { digits: "0".repeat(prec + 1), exp: 0 };
	let x = decimalExponent(v);
	let n = scaledInteger(v, prec - x);
	if (n >= 10n ** BigInt(prec + 1)) {
		x++;
		n = scaledInteger(v, prec - x);
	}
	return { digits: n.toString(), exp: x };
}

function expSuffix(exp: number, upper: boolean): string {
	const sign = exp < 0 ? "-" : "+";
	return `${upper ? "E" : "e"}${sign}${Math.abs(exp).toString().padStart(2, "0")}`;
}

/** %.Pe of |v| (no sign). */
export function expDigits(v: BinFloat, prec: number, alt = false, upper = false): string {
	if (v.kind !== "num") return nonFinite(v, upper);
	const { digits, exp } = expParts(v, prec);
	const mant = prec > 0 || alt ? `${digits[0]}.${digits.slice(1)}` : digits;
	return `${mant}${expSuffix(exp, upper)}`;
}

/** %.Pg of |v| (no sign). */
export function generalDigits(v: BinFloat, prec: number, alt = false, upper = false): string {
	if (v.kind !== "num") return nonFinite(v, upper);
	const p = prec === 0 ? 1 : prec;
	const x = v.mant === 0n ? 0 : expParts(v, p - 1).exp;
	let s: string;
	if (x < p && x >= -4) {
		s = fixedDigits(v, p - 1 - x, alt);
		if (!alt && s.includes(".")) s = s.replace(/\.?0+$/, "");
		return s;
	}
	s = expDigits(v, p - 1, alt, upper);
	if (!alt) {
		const e = s.search(/[eE]/);
		let mant = s.slice(0, e);
		if (mant.includes(".")) mant = mant.replace(/\.?0+$/, "");
		s = mant + s.slice(e);
	}
	return s;
}

/**
 * %a of |v| (no sign) as glibc prints `type`: a long double's leading hex
 * digit holds four bits (0x8p-3 for 1), a double's one (0x1p+0).
 */
export function hexDigits(
	v: BinFloat,
	prec: number | null,
	type: FloatType,
	upper = false,
	alt = false,
): string {
	if (v.kind !== "num") return nonFinite(v, upper);
	const leadBits = type.bits % 4 === 0 ? 4 : type.bits % 4;
	const fracBits = type.bits - leadBits;
	let mant = v.mant;
	let exp = v.exp;
	if (mant === 0n) {
		exp = 0;
	} else {
		// Subnormals keep the smallest exponent (glibc prints them as 0x0.0...p-16385).
		const shift = Math.min(type.bits - bitLength(mant), exp - (type.emin - type.bits + 1));
		if (shift > 0) {
			mant <<= BigInt(shift);
			exp -= shift;
		}
		exp += fracBits;
	}
	const fracDigits = fracBits / 4;
	let lead = mant >> BigInt(fracBits);
	let frac = mant & ((1n << BigInt(fracBits)) - 1n);
	let fracText = frac.toString(16).padStart(fracDigits, "0");
	if (prec === null) {
		fracText = fracText.replace(/0+$/, "");
	} else if (prec < fracDigits) {
		const drop = BigInt(4 * (fracDigits - prec));
		const whole = (lead << BigInt(fracBits)) | frac;
		const rounded = divRound(whole, 1n << drop);
		lead = rounded >> BigInt(4 * prec);
		frac = rounded & ((1n << BigInt(4 * prec)) - 1n);
		fracText = prec === 0 ? "" : frac.toString(16).padStart(prec, "0");
		// A carry into the leading digit stays there (glibc prints 0x2.0p+0).
	} else {
		fracText = fracText.padEnd(prec, "0");
	}
	if (mant === 0n) lead = 0n;
	const point = fracText !== "" || alt ? "." : "";
	const text = `0x${lead.toString(16)}${point}${fracText}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
	return upper ? text.toUpperCase() : text;
}

/** A finite value as a JS number (for loops and comparisons; may lose precision). */
export function toNumber(v: BinFloat): number {
	if (v.kind === "nan") return Number.NaN;
	if (v.kind === "inf") return v.neg ? -Infinity : Infinity;
	const n = Number(v.mant) * 2 ** v.exp;
	return v.neg ? -n : n;
}

/** a + b exactly, then rounded to `type` (finite operands). */
export function add(a: BinFloat, b: BinFloat, type: FloatType): BinFloat {
	if (a.kind !== "num" || b.kind !== "num") {
		if (a.kind === "nan" || b.kind === "nan") return { kind: "nan", neg: false, mant: 0n, exp: 0 };
		if (a.kind === "inf" && b.kind === "inf" && a.neg !== b.neg) {
			return { kind: "nan", neg: true, mant: 0n, exp: 0 };
		}
		return a.kind === "inf" ? a : b;
	}
	const e = Math.min(a.exp, b.exp);
	const av = (a.neg ? -a.mant : a.mant) << BigInt(a.exp - e);
	const bv = (b.neg ? -b.mant : b.mant) << BigInt(b.exp - e);
	const sum = av + bv;
	const neg = sum < 0n;
	const mag = neg ? -sum : sum;
	const r =
		e >= 0
			? roundRational(mag << BigInt(e), 1n, neg, type)
			: roundRational(mag, 1n << BigInt(-e), neg, type);
	return r.value;
}

/** a × b rounded to `type` (finite operands). */
export function mul(a: BinFloat, b: BinFloat, type: FloatType): BinFloat {
	if (a.kind !== "num" || b.kind !== "num") {
		return {
			kind: a.kind === "nan" || b.kind === "nan" ? "nan" : "inf",
			neg: a.neg !== b.neg,
			mant: 0n,
			exp: 0,
		};
	}
	const e = a.exp + b.exp;
	const m = a.mant * b.mant;
	const neg = a.neg !== b.neg;
	const r =
		e >= 0
			? roundRational(m << BigInt(e), 1n, neg, type)
			: roundRational(m, 1n << BigInt(-e), neg, type);
	return r.value;
}

/** Compare finite or infinite a and b: -1, 0, 1 (NaN compares as unordered: NaN). */
export function compare(a: BinFloat, b: BinFloat): number {
	if (a.kind === "nan" || b.kind === "nan") return Number.NaN;
	const sa = a.kind === "num" && a.mant === 0n ? 0 : a.neg ? -1 : 1;
	const sb = b.kind === "num" && b.mant === 0n ? 0 : b.neg ? -1 : 1;
	if (sa !== sb) return sa < sb ? -1 : 1;
	if (sa === 0) return 0;
	const magnitude = (): number => {
		if (a.kind === "inf") return b.kind === "inf" ? 0 : 1;
		if (b.kind === "inf") return -1;
		const e = Math.min(a.exp, b.exp);
		const av = a.mant << BigInt(a.exp - e);
		const bv = b.mant << BigInt(b.exp - e);
		return av === bv ? 0 : av < bv ? -1 : 1;
	};
	return sa * magnitude();
}

/** The former name of strtold(), kept for existing callers. */
export { strtold as parseFloat };
