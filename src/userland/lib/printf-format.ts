/**
 * The printf(1) formatting engine, shared by /usr/bin/printf (GNU coreutils)
 * and the shell's printf builtin (dash). A dialect says what differs between
 * the two (float precision, escapes, flag checks); diagnostics go to a
 * reporter as structured values so each caller words them its own way.
 *
 * The format is reused while it consumes operands; missing operands read as
 * "" or 0; numeric operands are C integer or float constants, or 'c for the
 * code of the byte c.
 */

import { parseCInt } from "./cint.ts";
import {
	type BinFloat,
	DOUBLE,
	expDigits,
	type FloatType,
	fixedDigits,
	generalDigits,
	hexDigits,
	LONG_DOUBLE,
	strtold,
	ZERO,
} from "./float.ts";
import { quoteIfNeeded } from "./quote.ts";

export interface PrintfDialect {
	/** What float operands are converted to (long double for coreutils, double for dash). */
	readonly floatType: FloatType;
	/** \" \xHH \uHHHH \UHHHHHHHH escapes, and \c in the format ending all output (coreutils). */
	readonly gnuEscapes: boolean;
	/** coreutils' check of flags and precision against the conversion; %b takes none. */
	readonly strictFlags: boolean;
	/** Accept (and ignore) the C length modifiers h l L j z t. */
	readonly lengthModifiers: boolean;
	/** The %q conversion (shell-quoted operand). */
	readonly quoteConversion: boolean;
	/** The flag characters a conversion may start with. */
	readonly flags: string;
}

export const GNU_PRINTF: PrintfDialect = {
	floatType: LONG_DOUBLE,
	gnuEscapes: true,
	strictFlags: true,
	lengthModifiers: true,
	quoteConversion: true,
	flags: "-+ #0'",
};

export const DASH_PRINTF: PrintfDialect = {
	floatType: DOUBLE,
	gnuEscapes: false,
	strictFlags: false,
	lengthModifiers: false,
	quoteConversion: false,
	flags: "-+ #0",
};

/** What went wrong; `fatal` ones end the output at once. */
export type PrintfDiag =
	/** An operand with no number at its start ('abc'). */
	| { readonly kind: "not-numeric"; readonly arg: string }
	/** An operand with text after its number ('12abc'). */
	| { readonly kind: "not-converted"; readonly arg: string }
	/** An operand out of the type's range (clamped). */
	| { readonly kind: "range"; readonly arg: string }
	/** A character constant with more than one character ('ab): a warning. */
	| { readonly kind: "char-ignored"; readonly arg: string; readonly rest: string }
	/** Operands left over by a format that consumes none: a warning. */
	| { readonly kind: "excess-args"; readonly arg: string }
	/** A bad conversion: `spec` is its text; `truncated` when the format ended inside it. Fatal. */
	| { readonly kind: "bad-directive"; readonly spec: string; readonly truncated: boolean }
	/** \x without hex digits (coreutils). Fatal. */
	| { readonly kind: "missing-hex" }
	/** \u or \U naming a character that cannot be written (coreutils). Fatal. */
	| { readonly kind: "bad-ucn"; readonly text: string }
	/** A * width or precision outside int. Fatal. */
	| { readonly kind: "bad-width" | "bad-precision"; readonly arg: string };

export interface PrintfResult {
	readonly output: string;
	/** A numeric operand was bad (the exit status is 1). */
	readonly failed: boolean;
	/** A fatal diagnostic ended the output. */
	readonly fatal: boolean;
	/** \c ended the output. */
	readonly stopped: boolean;
}

/** coreutils printf's message for a diagnostic (without the "printf: " prefix). */
export function gnuPrintfMessage(d: PrintfDiag, quote: (s: string) => string): string {
	switch (d.kind) {
		case "not-numeric":
			return `${quote(d.arg)}: expected a numeric value`;
		case "not-converted":
			return `${quote(d.arg)}: value not completely converted`;
		case "range":
			return `${quote(d.arg)}: Numerical result out of range`;
		case "char-ignored":
			return `warning: ${d.rest}: character(s) following character constant have been ignored`;
		case "excess-args":
			return `warning: ignoring excess arguments, starting with ${quote(d.arg)}`;
		case "bad-directive":
			return `${d.spec}: invalid conversion specification`;
		case "missing-hex":
			return "missing hexadecimal number in escape";
		case "bad-ucn":
			return `invalid universal character name ${d.text}`;
		case "bad-width":
			return `invalid field width: ${quote(d.arg)}`;
		case "bad-precision":
			return `invalid precision: ${quote(d.arg)}`;
	}
}

class Fatal extends Error {}
class Stop extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
	"\\": "\\",
	a: "\x07",
	b: "\b",
	e: "\x1b",
	f: "\f",
	n: "\n",
	r: "\r",
	t: "\t",
	v: "\v",
};

/** Flags each conversion allows in coreutils printf (besides - and width). */
const ALLOWED_FLAGS: Record<string, string> = {
	d: "-+ 0'",
	i: "-+ 0'",
	u: "-+ 0'",
	o: "-+ #0",
	x: "-+ #0",
	X: "-+ #0",
	f: "-+ #0'",
	F: "-+ #0'",
	g: "-+ #0'",
	G: "-+ #0'",
	e: "-+ #0",
	E: "-+ #0",
	a: "-+ #0",
	A: "-+ #0",
	c: "-+ ",
	s: "-+ ",
	b: "",
	q: "",
};

interface Spec {
	flags: string;
	width: number | null;
	prec: number | null;
}

class Formatter {
	private readonly d: PrintfDialect;
	private readonly report: (d: PrintfDiag) => void;
	private readonly args: readonly string[];
	argIndex = 0;
	out = "";
	failed = false;

	constructor(args: readonly string[], dialect: PrintfDialect, report: (d: PrintfDiag) => void) {
		this.args = args;
		this.d = dialect;
		this.report = report;
	}

	private nextArg(): string | undefined {
		return this.argIndex < this.args.length ? this.args[this.argIndex++] : undefined;
	}

	private fail(d: PrintfDiag): void {
		this.failed = true;
		this.report(d);
	}

	/**
	 * One backslash escape at `s[i]` (the backslash); returns the index after
	 * it. In %b operands (`inB`) octal is \0NNN or \NNN and \c stops output.
	 */
	private escape(s: string, i: number, inB: boolean): number {
		const c = s[i + 1];
		if (c === undefined) {
			this.out += "\\";
			return i + 1;
		}
		const simple = SIMPLE_ESCAPES[c];
		if (simple !== undefined) {
			this.out += simple;
			return i + 2;
		}
		if (c === "c" && (inB || this.d.gnuEscapes)) throw new Stop();
		if (c >= "0" && c <= "7") {
			const start = inB && c === "0" ? i + 2 : i + 1;
			const m = /^[0-7]{1,3}/.exec(s.slice(start, start + 3));
			const digits = m === null ? "" : m[0];
			this.out += String.fromCharCode(digits === "" ? 0 : Number.parseInt(digits, 8) & 0xff);
			return start + digits.length;
		}
		if (this.d.gnuEscapes) {
			if (c === '"') {
				this.out += '"';
				return i + 2;
			}
			if (c === "x") {
				const m = /^[0-9A-Fa-f]{1,2}/.exec(s.slice(i + 2, i + 4));
				if (m === null) {
					this.report({ kind: "missing-hex" });
					throw new Fatal();
				}
				this.out += String.fromCharCode(Number.parseInt(m[0], 16));
				return i + 2 + m[0].length;
			}
			if (c === "u" || c === "U") {
				const n = c === "u" ? 4 : 8;
				const hex = s.slice(i + 2, i + 2 + n);
				if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) {
					this.report({ kind: "missing-hex" });
					throw new Fatal();
				}
				const code = Number.parseInt(hex, 16);
				const allowedLow = code === 0x24 || code === 0x40 || code === 0x60;
				if ((code < 0xa0 && !allowedLow) || (code >= 0xd800 && code <= 0xdfff)) {
					this.report({ kind: "bad-ucn", text: `\\${c}${code.toString(16).padStart(n, "0")}` });
					throw new Fatal();
				}
				// The C locale cannot hold the character: glibc writes it as an escape.
				if (code < 0x80) this.out += String.fromCharCode(code);
				else if (code <= 0xffff)
					this.out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
				else this.out += `\\U${code.toString(16).toUpperCase().padStart(8, "0")}`;
				return i + 2 + n;
			}
		}
		this.out += `\\${c}`;
		return i + 2;
	}

	/** A %b operand with its escapes expanded; `stop` when \c ended it. */
	private expandB(arg: string): { text: string; stop: boolean } {
		const saved = this.out;
		this.out = "";
		let stop = false;
		try {
			for (let i = 0; i < arg.length; ) {
				if (arg[i] === "\\") i = this.escape(arg, i, true);
				else this.out += arg[i++];
			}
		} catch (e) {
			if (!(e instanceof Stop)) {
				this.out = saved + this.out;
				throw e;
			}
			stop = true;
		}
		const text = this.out;
		this.out = saved;
		return { text, stop };
	}

	/** The character-constant value of 'c / "c operands, or null. */
	private charConstant(arg: string): number | null {
		if (arg.length < 2 || (arg[0] !== "'" && arg[0] !== '"')) return null;
		if (arg.length > 2) this.report({ kind: "char-ignored", arg, rest: arg.slice(2) });
		return arg.charCodeAt(1) & 0xff;
	}

	private checkConverted(arg: string, end: number, range: boolean): void {
		if (range) this.fail({ kind: "range", arg });
		else if (end < arg.length) {
			this.fail(end === 0 ? { kind: "not-numeric", arg } : { kind: "not-converted", arg });
		}
	}

	private intArg(arg: string | undefined, signed: boolean): bigint {
		if (arg === undefined) return 0n;
		const ch = this.charConstant(arg);
		if (ch !== null) return BigInt(ch);
		const r = parseCInt(arg, signed);
		this.checkConverted(arg, r.end, r.range);
		return r.value;
	}

	private floatArg(arg: string | undefined): BinFloat {
		if (arg === undefined) return ZERO;
		const ch = this.charConstant(arg);
		if (ch !== null) return { kind: "num", neg: false, mant: BigInt(ch), exp: 0 };
		const r = strtold(arg, this.d.floatType);
		this.checkConverted(arg, r.end, r.range);
		return r.value;
	}

	/** A * width or precision operand. */
	private starArg(kind: "bad-width" | "bad-precision"): number {
		const arg = this.nextArg();
		const v = this.intArg(arg, true);
		if (v > 0x7fffffffn || v < -0x80000000n) {
			this.report({ kind, arg: arg ?? "" });
			throw new Fatal();
		}
		return Number(v);
	}

	/** One pass over the format. */
	pass(format: string): void {
		for (let i = 0; i < format.length; ) {
			const ch = format[i]!;
			if (ch === "\\") {
				i = this.escape(format, i, false);
				continue;
			}
			if (ch !== "%") {
				const next = format.slice(i).search(/[\\%]/);
				const end = next < 0 ? format.length : i + next;
				this.out += format.slice(i, end);
				i = end;
				continue;
			}
			if (format[i + 1] === "%") {
				this.out += "%";
				i += 2;
				continue;
			}
			i = this.directive(format, i);
		}
	}

	/** The conversion starting at format[start] ("%"); returns the index after it. */
	private directive(format: string, start: number): number {
		let j = start + 1;
		let flags = "";
		while (j < format.length && this.d.flags.includes(format[j]!)) flags += format[j++];
		const spec: Spec = { flags, width: null, prec: null };
		if (format[j] === "*") {
			j++;
			const w = this.starArg("bad-width");
			if (w < 0) {
				spec.flags += "-";
				spec.width = -w;
			} else {
				spec.width = w;
			}
		} else {
			const m = /^[0-9]+/.exec(format.slice(j));
			if (m !== null) {
				spec.width = Number(m[0]);
				j += m[0].length;
			}
		}
		let hasPrec = false;
		if (format[j] === ".") {
			hasPrec = true;
			j++;
			if (format[j] === "*") {
				j++;
				const p = this.starArg("bad-precision");
				spec.prec = p < 0 ? null : p;
			} else {
				const m = /^[0-9]*/.exec(format.slice(j))!;
				spec.prec = m[0] === "" ? 0 : Number(m[0]);
				j += m[0].length;
			}
		}
		let lengthMod = false;
		if (this.d.lengthModifiers) {
			while (j < format.length && "hlLjzt".includes(format[j]!)) {
				j++;
				lengthMod = true;
			}
		}
		const conv = format[j];
		if (conv === undefined) {
			this.report({ kind: "bad-directive", spec: format.slice(start), truncated: true });
			throw new Fatal();
		}
		const valid = "diouxXfFeEgGaAcsb".includes(conv) || (conv === "q" && this.d.quoteConversion);
		let ok = valid;
		if (valid && this.d.strictFlags) {
			const allowed = ALLOWED_FLAGS[conv]!;
			for (const f of flags) ok &&= allowed.includes(f);
			if (hasPrec && (conv === "c" || conv === "b" || conv === "q")) ok = false;
			if ((conv === "b" || conv === "q") && (spec.width !== null || flags !== "" || lengthMod)) {
				ok = false;
			}
		}
		if (!ok) {
			this.report({ kind: "bad-directive", spec: format.slice(start, j + 1), truncated: false });
			throw new Fatal();
		}
		this.convert(conv, spec);
		return j + 1;
	}

	private convert(conv: string, spec: Spec): void {
		const arg = this.nextArg();
		switch (conv) {
			case "d":
			case "i":
				this.out += formatInt(this.intArg(arg, true), spec, 10, false, true);
				return;
			case "u":
				this.out += formatInt(this.intArg(arg, false), spec, 10, false, false);
				return;
			case "o":
				this.out += formatInt(this.intArg(arg, false), spec, 8, false, false);
				return;
			case "x":
			case "X":
				this.out += formatInt(this.intArg(arg, false), spec, 16, conv === "X", false);
				return;
			case "c":
				this.out += pad(arg === undefined || arg === "" ? "\0" : arg[0]!, spec);
				return;
			case "s":
				this.out += pad(
					spec.prec === null || arg === undefined ? (arg ?? "") : arg.slice(0, spec.prec),
					spec,
				);
				return;
			case "q":
				this.out += arg === undefined ? "" : quoteIfNeeded(arg);
				return;
			case "b": {
				const r = this.expandB(arg ?? "");
				this.out += pad(spec.prec === null ? r.text : r.text.slice(0, spec.prec), spec);
				if (r.stop) throw new Stop();
				return;
			}
			default:
				this.out += formatFloat(this.floatArg(arg), spec, conv, this.d.floatType);
		}
	}

	get consumedAll(): boolean {
		return this.argIndex >= this.args.length;
	}

	excess(): string | undefined {
		return this.args[this.argIndex];
	}
}

/** Space padding to the field width (left-justified with -). */
function pad(s: string, spec: Spec): string {
	if (spec.width === null || s.length >= spec.width) return s;
	const fill = " ".repeat(spec.width - s.length);
	return spec.flags.includes("-") ? s + fill : fill + s;
}

/** Sign or prefix, zero padding and field padding around `digits`. */
function assemble(prefix: string, digits: string, spec: Spec, zeroPad: boolean): string {
	const width = spec.width ?? 0;
	if (zeroPad && !spec.flags.includes("-") && prefix.length + digits.length < width) {
		return prefix + "0".repeat(width - prefix.length - digits.length) + digits;
	}
	return pad(prefix + digits, spec);
}

function signOf(neg: boolean, flags: string): string {
	if (neg) return "-";
	if (flags.includes("+")) return "+";
	if (flags.includes(" ")) return " ";
	return "";
}

function formatInt(v: bigint, spec: Spec, base: number, upper: boolean, signed: boolean): string {
	const neg = v < 0n;
	let digits = (neg ? -v : v).toString(base);
	if (upper) digits = digits.toUpperCase();
	if (spec.prec !== null) {
		digits = spec.prec === 0 && v === 0n ? "" : digits.padStart(spec.prec, "0");
	}
	let prefix = signed ? signOf(neg, spec.flags) : "";
	if (spec.flags.includes("#")) {
		if (base === 8 && !digits.startsWith("0")) digits = `0${digits}`;
		if (base === 16 && v !== 0n) prefix = upper ? "0X" : "0x";
	}
	return assemble(prefix, digits, spec, spec.flags.includes("0") && spec.prec === null);
}

function formatFloat(v: BinFloat, spec: Spec, conv: string, type: FloatType): string {
	const upper = conv === conv.toUpperCase();
	const alt = spec.flags.includes("#");
	const lower = conv.toLowerCase();
	let body: string;
	if (lower === "f") body = fixedDigits(v, spec.prec ?? 6, alt, upper);
	else if (lower === "e") body = expDigits(v, spec.prec ?? 6, alt, upper);
	else if (lower === "g") body = generalDigits(v, spec.prec ?? 6, alt, upper);
	else body = hexDigits(v, spec.prec, type, upper, alt);
	let prefix = signOf(v.neg, spec.flags);
	if (lower === "a" && v.kind === "num") {
		prefix += body.slice(0, 2);
		body = body.slice(2);
	}
	return assemble(prefix, body, spec, spec.flags.includes("0") && v.kind === "num");
}

/**
 * Format `args` by `format` as printf(1) does, repeating the format while
 * it consumes operands. Diagnostics are reported as they happen.
 */
export function formatPrintf(
	format: string,
	args: readonly string[],
	dialect: PrintfDialect,
	report: (d: PrintfDiag) => void,
): PrintfResult {
	const f = new Formatter(args, dialect, report);
	try {
		for (;;) {
			const before = f.argIndex;
			f.pass(format);
			if (f.argIndex === before || f.consumedAll) break;
		}
	} catch (e) {
		if (e instanceof Stop) return { output: f.out, failed: f.failed, fatal: false, stopped: true };
		if (e instanceof Fatal) return { output: f.out, failed: true, fatal: true, stopped: false };
		throw e;
	}
	const extra = f.excess();
	if (extra !== undefined) report({ kind: "excess-args", arg: extra });
	return { output: f.out, failed: f.failed, fatal: false, stopped: false };
}

/**
 * One float conversion (conv one of f F e E g G a A) of an already
 * converted value, as printf writes it: for seq -f and the like.
 */
export function formatFloatConversion(
	v: BinFloat,
	conv: string,
	flags: string,
	width: number | null,
	prec: number | null,
	type: FloatType = LONG_DOUBLE,
): string {
	return formatFloat(v, { flags, width, prec }, conv, type);
}
