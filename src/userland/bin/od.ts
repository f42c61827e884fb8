/**
 * od [OPTION]... [FILE]... (GNU coreutils): dumps the concatenation of its
 * inputs in the formats -t (or the traditional letters) select: a, c,
 * d/o/u/x in 1, 2, 4 or 8 bytes, f in 4, 8 or 16 (x87 long double), each
 * with an optional z trailer; addresses in octal, decimal, hex or none
 * (-A), -j/-N with GNU size suffixes, -w, -v (else runs of equal lines
 * become "*"), -S strings, --endian, and the traditional offset and label
 * operands. Columns are laid out as GNU od lays them out, little-endian
 * as on x86-64.
 */

import { isReg, SEEK_CUR } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import {
	type BinFloat,
	compare,
	DOUBLE,
	type FloatType,
	generalDigits,
	LONG_DOUBLE,
	parseFloat as strtof,
} from "../lib/float.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteIfNeeded } from "../lib/quote.ts";
import { READ_CHUNK } from "../lib/stdio.ts";
import { PREEMPT_EVERY, quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "skip-bytes", arg: "required", key: "--skip-bytes" },
	{ name: "address-radix", arg: "required", key: "A" },
	{ name: "read-bytes", arg: "required", key: "--read-bytes" },
	{ name: "format", arg: "required", key: "t" },
	{ name: "output-duplicates", arg: "none", key: "v" },
	{ name: "strings", arg: "optional", key: "--strings" },
	{ name: "traditional", arg: "none", key: "--traditional" },
	{ name: "width", arg: "optional", key: "--width" },
	{ name: "endian", arg: "required", key: "--endian" },
	...HELP_VERSION,
];

/** The traditional format letters and the -t string each stands for. */
const OLD_FORMATS: Record<string, string> = {
	a: "a",
	b: "o1",
	c: "c",
	D: "u4",
	d: "u2",
	F: "fD",
	e: "fD",
	f: "fF",
	X: "x4",
	H: "x4",
	i: "dI",
	I: "dL",
	L: "dL",
	l: "dL",
	O: "o4",
	B: "o2",
	o: "o2",
	s: "d2",
	h: "x2",
	x: "x2",
};

/** Field widths by byte count, as od computes them (digits, plus a sign for signed decimal). */
const OCT_DIGITS = [0, 3, 6, 8, 11, 14, 16, 19, 22];
const SIGNED_DEC_DIGITS = [1, 4, 6, 8, 11, 13, 16, 18, 20];
const UNSIGNED_DEC_DIGITS = [0, 3, 5, 8, 10, 13, 15, 17, 20];
const HEX_DIGITS = [0, 2, 4, 6, 8, 10, 12, 14, 16];

const CHAR_NAMES = [
	"nul",
	"soh",
	"stx",
	"etx",
	"eot",
	"enq",
	"ack",
	"bel",
	"bs",
	"ht",
	"nl",
	"vt",
	"ff",
	"cr",
	"so",
	"si",
	"dle",
	"dc1",
	"dc2",
	"dc3",
	"dc4",
	"nak",
	"syn",
	"etb",
	"can",
	"em",
	"sub",
	"esc",
	"fs",
	"gs",
	"rs",
	"us",
	"sp",
];

const FLOAT: FloatType = { bits: 24, emin: -126, emax: 127 };

/** A float size: its format, how ftoastr() starts and ends its precision search, and the field width. */
interface FloatKind {
	readonly type: FloatType;
	/** FLT_DIG and friends. */
	readonly dig: number;
	/** The precision at which ftoastr() stops trying. */
	readonly bound: number;
	readonly width: number;
}

const FLOAT_KINDS: Record<number, FloatKind> = {
	4: { type: FLOAT, dig: 6, bound: 9, width: 15 },
	8: { type: DOUBLE, dig: 15, bound: 17, width: 24 },
	16: { type: LONG_DOUBLE, dig: 18, bound: 21, width: 29 },
};

type Fmt = "d" | "u" | "o" | "x" | "f" | "a" | "c";

interface Spec {
	readonly fmt: Fmt;
	/** Bytes per datum. */
	readonly size: number;
	readonly fieldWidth: number;
	readonly trailer: boolean;
	padWidth: number;
}

class OdExit extends Error {
	readonly status: number;
	constructor(message: string, status = 1) {
		super(message);
		this.status = status;
	}
}

/**
 * decode_one_format(): the spec at `s[at]` and where the next one starts,
 * or the error message (which od prints, going on to exit 1 later).
 */
function decodeOne(orig: string, s: string, at: number): { spec: Spec; next: number } | string {
	const q = quoteLocale(orig);
	let i = at;
	const c = s[i]!;
	let fmt: Fmt;
	let size: number;
	let fieldWidth: number;
	switch (c) {
		case "d":
		case "o":
		case "u":
		case "x": {
			i++;
			const k = s[i];
			if (k === "C" || k === "S" || k === "I" || k === "L") {
				size = { C: 1, S: 2, I: 4, L: 8 }[k];
				i++;
			} else {
				const m = /^[0-9]*/.exec(s.slice(i))![0];
				if (m === "") {
					size = 4;
				} else {
					const n = BigInt(m);
					if (n > UINTMAX) return `invalid type string ${q}`;
					if (n !== 1n && n !== 2n && n !== 4n && n !== 8n) {
						return `invalid type string ${q};\nthis system doesn't provide a ${n}-byte integral type`;
					}
					size = Number(n);
					i += m.length;
				}
			}
			fmt = c;
			fieldWidth =
				c === "d"
					? SIGNED_DEC_DIGITS[size]!
					: c === "o"
						? OCT_DIGITS[size]!
						: c === "u"
							? UNSIGNED_DEC_DIGITS[size]!
							: HEX_DIGITS[size]!;
			break;
		}
		case "f": {
			i++;
			const k = s[i];
			if (k === "F" || k === "D" || k === "L") {
				size = { F: 4, D: 8, L: 16 }[k];
				i++;
			} else {
				const m = /^[0-9]*/.exec(s.slice(i))![0];
				if (m === "") {
					size = 8;
				} else {
					const n = BigInt(m);
					if (n > UINTMAX) return `invalid type string ${q}`;
					if (n !== 4n && n !== 8n && n !== 16n) {
						return `invalid type string ${q};\nthis system doesn't provide a ${n}-byte floating point type`;
					}
					size = Number(n);
					i += m.length;
				}
			}
			fmt = "f";
			fieldWidth = FLOAT_KINDS[size]!.width;
			break;
		}
		case "a":
		case "c":
			i++;
			fmt = c;
			size = 1;
			fieldWidth = 3;
			break;
		default:
			return `invalid character '${c}' in type string ${q}`;
	}
	const trailer = s[i] === "z";
	if (trailer) i++;
	return { spec: { fmt, size, fieldWidth, trailer, padWidth: 0 }, next: i };
}

/** decode_format_string(): all the specs of one -t argument. */
function decodeFormat(s: string): Spec[] | string {
	const out: Spec[] = [];
	let i = 0;
	while (i < s.length) {
		const r = decodeOne(s, s, i);
		if (typeof r === "string") return r;
		out.push(r.spec);
		i = r.next;
	}
	return out;
}

const SUFFIX_POWER: Record<string, number> = {
	K: 1,
	k: 1,
	M: 2,
	m: 2,
	G: 3,
	g: 3,
	T: 4,
	t: 4,
	P: 5,
	E: 6,
	Z: 7,
	Y: 8,
};
const UINTMAX = 0xffffffffffffffffn;

type StrtolResult =
	| { ok: true; value: bigint }
	| { ok: false; kind: "invalid" | "suffix" | "overflow" };

/**
 * xstrtoumax(): an unsigned number in `base` (0: C prefixes) with the
 * size suffixes in `suffixes` (a "0" there allows KB/KiB forms).
 */
function xstrtoumax(text: string, base: 0 | 8 | 10 | 16, suffixes: string): StrtolResult {
	const t = text.replace(/^[ \t\n\v\f\r]*/, "");
	if (t.startsWith("-")) return { ok: false, kind: "invalid" };
	let rest = t.startsWith("+") ? t.slice(1) : t;
	let b: number = base;
	if ((b === 0 || b === 16) && /^0[xX][0-9A-Fa-f]/.test(rest)) {
		rest = rest.slice(2);
		b = 16;
	} else if (b === 0) {
		b = rest.startsWith("0") ? 8 : 10;
	}
	const digitRe = b === 16 ? /^[0-9A-Fa-f]+/ : b === 8 ? /^[0-7]+/ : /^[0-9]+/;
	const digits = digitRe.exec(rest)?.[0] ?? "";
	let value: bigint;
	let overflow = false;
	if (digits === "") {
		if (rest !== "" && suffixes.includes(rest[0]!)) value = 1n;
		else return { ok: false, kind: "invalid" };
	} else {
		value = 0n;
		for (const d of digits) value = value * BigInt(b) + BigInt(Number.parseInt(d, 16));
		if (value > UINTMAX) {
			overflow = true;
			value = UINTMAX;
		}
	}
	let tail = rest.slice(digits.length);
	if (tail !== "") {
		const s = tail[0]!;
		if (!suffixes.includes(s)) return { ok: false, kind: "suffix" };
		let power = 1000n;
		let used = 1;
		if (suffixes.includes("0")) {
			if (tail.startsWith("iB", 1)) {
				power = 1024n;
				used = 3;
			} else if (tail[1] === "B" || tail[1] === "D") {
				used = 2;
			} else {
				power = 1024n;
			}
		} else {
			power = 1024n;
		}
		let mult: bigint;
		if (s === "b") mult = 512n;
		else if (s === "B") mult = 1024n;
		else if (s === "c") mult = 1n;
		else if (s === "w") mult = 2n;
		else mult = power ** BigInt(SUFFIX_POWER[s] ?? 0);
		value *= mult;
		if (value > UINTMAX) {
			overflow = true;
			value = UINTMAX;
		}
		tail = tail.slice(used);
		if (tail !== "") return { ok: false, kind: "suffix" };
	}
	if (overflow) return { ok: false, kind: "overflow" };
	return { ok: true, value };
}

/** xstrtol_fatal()'s message for the option `opt` ("-N" or "--read-bytes"). */
function strtolMessage(kind: "invalid" | "suffix" | "overflow", opt: string, arg: string): string {
	const q = quoteLocale(arg);
	if (kind === "invalid") return `invalid ${opt} argument ${q}`;
	if (kind === "suffix") return `invalid suffix in ${opt} argument ${q}`;
	return `${opt} argument ${q} too large`;
}

/** parse_old_offset(): a traditional [+]OFFSET[.][b] operand. */
function parseOldOffset(text: string): bigint | null {
	if (text === "") return null;
	const s = text.startsWith("+") ? text.slice(1) : text;
	const radix = s.includes(".") ? 10 : /^0[xX]/.test(s) ? 16 : 8;
	const r = xstrtoumax(s, radix, "Bb");
	return r.ok ? r.value : null;
}

/** The current input file. */
interface OpenFile {
	readonly fd: number;
	/** The name for diagnostics ("standard input" for "-"). */
	readonly display: string;
	readonly isStdin: boolean;
}

/**
 * The concatenation of the FILE operands, read as od reads them: a file
 * that cannot be opened or read is reported and skipped.
 */
class InputChain {
	private readonly tool: Tool;
	private readonly files: readonly string[];
	private next = 0;
	cur: OpenFile | null = null;
	private buf: Uint8Array = new Uint8Array(0);
	private bufPos = 0;
	/** Read exactly what is asked for (unbuffered, as od -N makes its input). */
	exact = false;
	ok = true;

	constructor(tool: Tool, files: readonly string[]) {
		this.tool = tool;
		this.files = files;
	}

	/** open_next_file(): the next file that opens, or null at the end of the list. */
	*openNext(): Run<void> {
		const { sys } = this.tool;
		this.cur = null;
		while (this.next < this.files.length) {
			const name = this.files[this.next++]!;
			if (name === "-") {
				this.cur = { fd: 0, display: "standard input", isStdin: true };
				return;
			}
			try {
				this.cur = { fd: sys.vfs.open(sys.task, name, 0), display: name, isStdin: false };
				return;
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				yield* this.tool.warn(`${quoteIfNeeded(name, true)}: ${e.strerror}`);
				this.ok = false;
			}
		}
	}

	/**
	 * check_and_close(): close the current file, reporting the read error
	 * it had (if any), and report a failed stdout ("write error").
	 */
	private *closeCurrent(error: KernelError | null): Run<void> {
		const f = this.cur;
		if (f !== null) {
			if (!f.isStdin) {
				try {
					this.tool.sys.vfs.close(this.tool.sys.task, f.fd);
				} catch (e) {
					if (!(e instanceof KernelError)) throw e;
				}
			}
			if (error !== null) {
				yield* this.tool.warn(`${quoteIfNeeded(f.display, true)}: ${error.strerror}`);
				this.ok = false;
			}
			this.buf = new Uint8Array(0);
			this.bufPos = 0;
			this.cur = null;
		}
		if (this.tool.out.error !== null) {
			yield* this.tool.warn("write error");
			this.ok = false;
		}
	}

	/** Move on to the next file (after EOF or an error on this one). */
	*advance(error: KernelError | null = null): Run<void> {
		yield* this.closeCurrent(error);
		yield* this.openNext();
	}

	/** Up to `n` bytes of the current file: fewer only at its end (or on an error, thrown). */
	private *readCurrent(n: number): Run<Uint8Array> {
		const f = this.cur!;
		const parts: Uint8Array[] = [];
		let have = 0;
		while (have < n) {
			if (this.bufPos >= this.buf.length) {
				const want = this.exact ? n - have : READ_CHUNK;
				const chunk = yield* this.tool.sys.read(f.fd, want);
				if (chunk.length === 0) break;
				this.buf = chunk;
				this.bufPos = 0;
			}
			const take = Math.min(n - have, this.buf.length - this.bufPos);
			parts.push(this.buf.subarray(this.bufPos, this.bufPos + take));
			this.bufPos += take;
			have += take;
		}
		if (parts.length === 1) return parts[0]!;
		const out = new Uint8Array(have);
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	}

	/** read_block(): `n` bytes from the concatenation, fewer only at the very end. */
	*read(n: number): Run<Uint8Array> {
		const out = new Uint8Array(n);
		let have = 0;
		while (this.cur !== null) {
			let got: Uint8Array;
			try {
				got = yield* this.readCurrent(n - have);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				yield* this.advance(e);
				continue;
			}
			out.set(got, have);
			have += got.length;
			if (have === n) break;
			yield* this.advance();
		}
		return have === n ? out : out.subarray(0, have);
	}

	/** read_char(): the next byte, or -1 at the end of everything. */
	*readChar(): Run<number> {
		const b = yield* this.read(1);
		return b.length === 0 ? -1 : b[0]!;
	}

	/**
	 * skip(): position at byte `n` of the concatenation as od does: a
	 * regular file bigger than its block size is skipped whole or seeked
	 * into, anything else seekable is seeked, the rest is read.
	 */
	*skip(n: bigint): Run<void> {
		const { sys } = this.tool;
		let left = n;
		if (left === 0n) return;
		while (this.cur !== null) {
			const f = this.cur;
			let st: ReturnType<typeof sys.vfs.fstat>;
			try {
				st = sys.vfs.fstat(sys.task, f.fd);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				yield* this.tool.warn(`${quoteIfNeeded(f.display, true)}: ${e.strerror}`);
				this.ok = false;
				yield* this.advance();
				continue;
			}
			const regular = isReg(st.mode);
			if (regular && st.blksize < st.size) {
				if (BigInt(st.size) < left) {
					left -= BigInt(st.size);
				} else {
					if (!this.seek(f, left)) this.ok = false;
					left = 0n;
				}
			} else if (!regular && this.seek(f, left)) {
				left = 0n;
			} else {
				while (left > 0n) {
					const want = left < 4096n ? Number(left) : 4096;
					let got: Uint8Array;
					try {
						got = yield* this.readCurrent(want);
					} catch (e) {
						if (!(e instanceof KernelError)) throw e;
						// The error shows when the dump reads this file again.
						this.ok = false;
						left = 0n;
						break;
					}
					left -= BigInt(got.length);
					if (got.length < want) break;
				}
			}
			if (left === 0n) break;
			yield* this.advance();
		}
		if (left !== 0n) throw new OdExit("cannot skip past end of combined input");
	}

	/** lseek() forward from where the file is (nothing is buffered yet when od skips). */
	private seek(f: OpenFile, by: bigint): boolean {
		try {
			this.tool.sys.vfs.lseek(this.tool.sys.task, f.fd, Number(by), SEEK_CUR);
			return true;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			return false;
		}
	}

	/** Close what is left open at the end (od -N stops before the end). */
	*finish(): Run<void> {
		yield* this.closeCurrent(null);
	}
}

/** isprint() in the C locale. */
function isPrint(b: number): boolean {
	return b >= 0x20 && b < 0x7f;
}

/** The datum of `size` bytes at `at`, as an unsigned integer. */
function readUnsigned(block: Uint8Array, at: number, size: number, swap: boolean): bigint {
	let v = 0n;
	for (let k = 0; k < size; k++) {
		const byte = block[swap ? at + k : at + size - 1 - k]!;
		v = (v << 8n) | BigInt(byte);
	}
	return v;
}

/** The bytes of a float datum in little-endian order. */
function floatBytes(block: Uint8Array, at: number, size: number, swap: boolean): Uint8Array {
	const b = block.slice(at, at + size);
	if (swap) b.reverse();
	return b;
}

/** Decode an IEEE single or double, or an x87 long double (invalid encodings are NaN). */
function decodeFloat(bytes: Uint8Array, size: number): BinFloat {
	const le = (from: number, n: number): bigint => {
		let v = 0n;
		for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[from + k]!);
		return v;
	};
	const nan = (neg: boolean): BinFloat => ({ kind: "nan", neg, mant: 0n, exp: 0 });
	const inf = (neg: boolean): BinFloat => ({ kind: "inf", neg, mant: 0n, exp: 0 });
	if (size === 16) {
		const mant = le(0, 8);
		const se = Number(le(8, 2));
		const neg = (se & 0x8000) !== 0;
		const e = se & 0x7fff;
		const intBit = (mant >> 63n) & 1n;
		if (e === 0) return { kind: "num", neg, mant, exp: -16445 };
		if (intBit === 0n) return nan(neg);
		if (e === 0x7fff) return (mant & ((1n << 63n) - 1n)) === 0n ? inf(neg) : nan(neg);
		return { kind: "num", neg, mant, exp: e - 16383 - 63 };
	}
	const expBits = size === 4 ? 8 : 11;
	const fracBits = size === 4 ? 23 : 52;
	const bits = le(0, size);
	const neg = bits >> BigInt(size * 8 - 1) === 1n;
	const e = Number((bits >> BigInt(fracBits)) & ((1n << BigInt(expBits)) - 1n));
	const frac = bits & ((1n << BigInt(fracBits)) - 1n);
	const bias = (1 << (expBits - 1)) - 1;
	if (e === (1 << expBits) - 1) return frac === 0n ? inf(neg) : nan(neg);
	if (e === 0) return { kind: "num", neg, mant: frac, exp: 1 - bias - fracBits };
	return { kind: "num", neg, mant: frac | (1n << BigInt(fracBits)), exp: e - bias - fracBits };
}

/** ftoastr(): the shortest %g that reads back as the same value. */
function floatText(v: BinFloat, kind: FloatKind): string {
	const sign = v.neg ? "-" : "";
	if (v.kind === "nan") return `${sign}nan`;
	if (v.kind === "inf") return `${sign}inf`;
	const minNormal: BinFloat = { kind: "num", neg: false, mant: 1n, exp: kind.type.emin };
	const abs: BinFloat = { ...v, neg: false };
	for (let prec = compare(abs, minNormal) < 0 ? 1 : kind.dig; ; prec++) {
		const text = sign + generalDigits(v, prec);
		if (prec >= kind.bound) return text;
		const back = strtof(text, kind.type).value;
		if (back.kind === "num" && compare(back, v) === 0) return text;
	}
}

/** One datum of `spec` as od prints it (without padding). */
function formatDatum(spec: Spec, block: Uint8Array, at: number, swap: boolean): string {
	switch (spec.fmt) {
		case "a": {
			const c = block[at]! & 0x7f;
			if (c === 127) return "del";
			if (c <= 32) return CHAR_NAMES[c]!;
			return String.fromCharCode(c);
		}
		case "c": {
			const c = block[at]!;
			switch (c) {
				case 0:
					return "\\0";
				case 7:
					return "\\a";
				case 8:
					return "\\b";
				case 12:
					return "\\f";
				case 10:
					return "\\n";
				case 13:
					return "\\r";
				case 9:
					return "\\t";
				case 11:
					return "\\v";
				default:
					return isPrint(c) ? String.fromCharCode(c) : c.toString(8).padStart(3, "0");
			}
		}
		case "f":
			return floatText(
				decodeFloat(floatBytes(block, at, spec.size, swap), spec.size),
				FLOAT_KINDS[spec.size]!,
			);
		default: {
			const u = readUnsigned(block, at, spec.size, swap);
			if (spec.fmt === "u") return u.toString();
			if (spec.fmt === "d") {
				const bits = BigInt(spec.size * 8);
				const signed = u >= 1n << (bits - 1n) ? u - (1n << bits) : u;
				return signed.toString();
			}
			const text = u.toString(spec.fmt === "o" ? 8 : 16);
			return text.padStart(spec.fieldWidth, "0");
		}
	}
}

/** The print function of a spec: `fields` data of which the last `blank` are left out. */
function formatFields(
	spec: Spec,
	fields: number,
	blank: number,
	block: Uint8Array,
	swap: boolean,
): string {
	let out = "";
	let padRemaining = spec.padWidth;
	let at = 0;
	for (let i = fields; i > blank; i--) {
		const nextPad = Math.floor((spec.padWidth * (i - 1)) / fields);
		const width = padRemaining - nextPad + spec.fieldWidth;
		out += formatDatum(spec, block, at, swap).padStart(width, " ");
		at += spec.size;
		padRemaining = nextPad;
	}
	return out;
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

type AddressRadix = 8 | 10 | 16 | "none";

class Dumper {
	private readonly tool: Tool;
	private readonly specs: readonly Spec[];
	private readonly bytesPerBlock: number;
	private readonly radix: AddressRadix;
	private readonly padLen: number;
	/** The traditional label's distance from the offset, when there is one. */
	private readonly pseudo: bigint | null;
	private readonly abbreviate: boolean;
	private readonly swap: boolean;
	private first = true;
	private prevPairEqual = false;
	private lines = 0;

	constructor(
		tool: Tool,
		specs: readonly Spec[],
		bytesPerBlock: number,
		radix: AddressRadix,
		pseudo: bigint | null,
		abbreviate: boolean,
		swap: boolean,
	) {
		this.tool = tool;
		this.specs = specs;
		this.bytesPerBlock = bytesPerBlock;
		this.radix = radix;
		this.padLen = radix === "none" ? (pseudo === null ? 0 : 7) : radix === 16 ? 6 : 7;
		this.pseudo = pseudo;
		this.abbreviate = abbreviate;
		this.swap = swap;
	}

	private static std(address: bigint, base: number, pad: number, c: string): string {
		return `${address.toString(base).padStart(pad, "0")}${c}`;
	}

	/** format_address(): the address (and label) before a line, ending with `c`. */
	address(address: bigint, c: string): string {
		if (this.pseudo === null) {
			if (this.radix === "none") return "";
			return Dumper.std(address, this.radix, this.padLen, c);
		}
		// Without addresses the label alone shows, and it shows the offset (as GNU od does).
		if (this.radix === "none") return `(${Dumper.std(address, 8, 7, ")")}${c}`;
		const label = `(${Dumper.std(address + this.pseudo, this.radix, this.padLen, ")")}${c}`;
		return `${Dumper.std(address, this.radix, this.padLen, " ")}${label}`;
	}

	/** write_block(). */
	*writeBlock(offset: bigint, nBytes: number, prev: Uint8Array | null, cur: Uint8Array): Run<void> {
		const bpb = this.bytesPerBlock;
		if (
			this.abbreviate &&
			!this.first &&
			nBytes === bpb &&
			prev !== null &&
			equalBlocks(prev, cur, bpb)
		) {
			if (!this.prevPairEqual) {
				yield* this.tool.print("*\n");
				this.prevPairEqual = true;
			}
		} else {
			this.prevPairEqual = false;
			let out = "";
			for (let i = 0; i < this.specs.length; i++) {
				const spec = this.specs[i]!;
				const fields = bpb / spec.size;
				const blank = Math.floor((bpb - nBytes) / spec.size);
				out += i === 0 ? this.address(offset, "") : " ".repeat(this.padLen);
				out += formatFields(spec, fields, blank, cur, this.swap);
				if (spec.trailer) {
					const pad = Math.floor((spec.padWidth * blank) / fields);
					out += " ".repeat(blank * spec.fieldWidth + pad);
					out += "  >";
					for (let k = 0; k < nBytes; k++)
						out += isPrint(cur[k]!) ? String.fromCharCode(cur[k]!) : ".";
					out += "<";
				}
				out += "\n";
			}
			yield* this.tool.print(out);
		}
		this.first = false;
		if (++this.lines % PREEMPT_EVERY === 0) yield* this.tool.sys.preempt();
	}
}

function equalBlocks(a: Uint8Array, b: Uint8Array, n: number): boolean {
	for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
	return true;
}

interface Settings {
	specs: Spec[];
	radix: AddressRadix;
	skip: bigint;
	limit: bigint | null;
	stringMin: number | null;
	abbreviate: boolean;
	width: number | null;
	traditional: boolean;
	swap: boolean;
	modern: boolean;
}

/** dump(): blocks of bytesPerBlock until the end (or -N), then the final address. */
function* dump(tool: Tool, input: InputChain, s: Settings, dumper: Dumper, bpb: number): Run<void> {
	let offset = s.skip;
	const end = s.limit === null ? null : s.skip + s.limit;
	let prev: Uint8Array | null = null;
	let last: Uint8Array = new Uint8Array(0);
	for (;;) {
		let need = bpb;
		if (end !== null) {
			if (offset >= end) break;
			const left = end - offset;
			if (left < BigInt(bpb)) need = Number(left);
		}
		const block = yield* input.read(need);
		if (block.length < bpb) {
			last = block;
			break;
		}
		yield* dumper.writeBlock(offset, bpb, prev, block);
		offset += BigInt(bpb);
		prev = block;
	}
	if (last.length > 0) {
		let lcm = 1;
		for (const spec of s.specs) lcm = (lcm * spec.size) / gcd(lcm, spec.size);
		const padded = new Uint8Array(Math.max(bpb, lcm * Math.ceil(last.length / lcm)));
		padded.set(last);
		yield* dumper.writeBlock(offset, last.length, prev, padded);
		offset += BigInt(last.length);
	}
	yield* tool.print(dumper.address(offset, "\n"));
	if (end !== null && offset >= end) yield* input.finish();
}

/** dump_strings(): runs of at least stringMin printable bytes ended by a NUL. */
function* dumpStrings(tool: Tool, input: InputChain, s: Settings, dumper: Dumper): Run<void> {
	const min = BigInt(s.stringMin!);
	const end = s.limit === null ? null : s.skip + s.limit;
	let address = s.skip;
	let found = 0;
	tryline: for (;;) {
		if (end !== null && (end < min || end - min <= address)) break;
		let buf = "";
		for (let i = 0n; i < min; i++) {
			const c = yield* input.readChar();
			address++;
			if (c < 0) return;
			if (!isPrint(c)) continue tryline;
			buf += String.fromCharCode(c);
		}
		while (end === null || address < end) {
			const c = yield* input.readChar();
			address++;
			if (c < 0) return;
			if (c === 0) break;
			if (!isPrint(c)) continue tryline;
			buf += String.fromCharCode(c);
		}
		let line = dumper.address(address - BigInt(buf.length) - 1n, " ");
		for (const ch of buf) {
			const e = {
				"\x07": "\\a",
				"\b": "\\b",
				"\f": "\\f",
				"\n": "\\n",
				"\r": "\\r",
				"\t": "\\t",
				"\v": "\\v",
			}[ch];
			line += e ?? ch;
		}
		yield* tool.print(`${line}\n`);
		if (++found % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
	}
	yield* input.finish();
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	try {
		return yield* run(tool);
	} catch (e) {
		if (!(e instanceof OdExit)) throw e;
		yield* tool.out.flush();
		yield* tool.warn(e.message);
		return e.status;
	}
}

function* run(tool: Tool): Run<number> {
	const parsed = getopt(tool.name, tool.args, "A:aBbcDdeFfHhIij:LlN:OoS:st:vw::Xx", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	const s: Settings = {
		specs: [],
		radix: 8,
		skip: 0n,
		limit: null,
		stringMin: null,
		abbreviate: true,
		width: null,
		traditional: false,
		swap: false,
		modern: false,
	};
	let ok = true;
	const addFormat = function* (text: string): Run<void> {
		const r = decodeFormat(text);
		if (typeof r === "string") {
			yield* tool.warn(r);
			ok = false;
		} else {
			s.specs.push(...r);
		}
	};
	const number = (key: string, shortName: string, longName: string, arg: string): bigint => {
		const r = xstrtoumax(arg, 0, "bEGKkMmPTYZ0");
		if (!r.ok)
			throw new OdExit(
				strtolMessage(r.kind, key.startsWith("--") ? `--${longName}` : `-${shortName}`, arg),
			);
		return r.value;
	};
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		const arg = o.arg;
		switch (o.key) {
			case "A": {
				s.modern = true;
				const c = arg![0] ?? "\0";
				if (c === "d") s.radix = 10;
				else if (c === "o") s.radix = 8;
				else if (c === "x") s.radix = 16;
				else if (c === "n") s.radix = "none";
				else
					throw new OdExit(
						`invalid output address radix '${c}'; it must be one character from [doxn]`,
					);
				break;
			}
			case "j":
			case "--skip-bytes":
				s.modern = true;
				s.skip = number(o.key, "j", "skip-bytes", arg!);
				break;
			case "N":
			case "--read-bytes":
				s.modern = true;
				s.limit = number(o.key, "N", "read-bytes", arg!);
				break;
			case "S":
			case "--strings": {
				s.modern = true;
				if (arg === null) {
					s.stringMin = 3;
				} else {
					const n = number(o.key, "S", "strings", arg);
					if (n > BigInt(Number.MAX_SAFE_INTEGER))
						throw new OdExit(`${quoteLocale(arg)} is too large`);
					s.stringMin = Number(n);
				}
				break;
			}
			case "t":
				s.modern = true;
				yield* addFormat(arg!);
				break;
			case "v":
				s.modern = true;
				s.abbreviate = false;
				break;
			case "--traditional":
				s.traditional = true;
				break;
			case "--endian": {
				const choices = ["little", "big"];
				const exact = choices.indexOf(arg!);
				const matches = choices.filter((c) => c.startsWith(arg!));
				const pick = exact >= 0 ? choices[exact] : matches.length === 1 ? matches[0] : undefined;
				if (pick === undefined) {
					const what = matches.length > 1 ? "ambiguous" : "invalid";
					yield* tool.errText(
						`${tool.name}: ${what} argument ${quoteLocale(arg!)} for '--endian'\nValid arguments are:\n  - 'little'\n  - 'big'\n${tryHelp(tool.name)}`,
					);
					return 1;
				}
				s.swap = pick === "big";
				break;
			}
			case "w":
			case "--width": {
				s.modern = true;
				if (arg === null) {
					s.width = 32;
				} else {
					const r = xstrtoumax(arg, 10, "");
					if (!r.ok) throw new OdExit(strtolMessage(r.kind, o.key === "w" ? "-w" : "--width", arg));
					s.width =
						r.value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(r.value);
				}
				break;
			}
			default: {
				const old = OLD_FORMATS[o.key];
				if (old !== undefined) yield* addFormat(old);
			}
		}
	}
	if (!ok) return 1;
	if (s.stringMin !== null && s.specs.length > 0)
		throw new OdExit("no type may be specified when dumping strings");

	let operands = [...parsed.operands];
	let pseudoStart: bigint | null = null;
	if (!s.modern || s.traditional) {
		if (operands.length === 1) {
			const o1 =
				s.traditional || operands[0]!.startsWith("+") ? parseOldOffset(operands[0]!) : null;
			if (o1 !== null) {
				s.skip = o1;
				operands = [];
			}
		} else if (operands.length === 2) {
			const second = operands[1]!;
			const o2 =
				s.traditional || second.startsWith("+") || /^[0-9]/.test(second)
					? parseOldOffset(second)
					: null;
			if (o2 !== null) {
				const o1 = s.traditional ? parseOldOffset(operands[0]!) : null;
				if (o1 !== null) {
					s.skip = o1;
					pseudoStart = o2;
					operands = [];
				} else {
					s.skip = o2;
					operands = [operands[0]!];
				}
			}
		} else if (operands.length === 3 && s.traditional) {
			const o1 = parseOldOffset(operands[1]!);
			const o2 = parseOldOffset(operands[2]!);
			if (o1 !== null && o2 !== null) {
				s.skip = o1;
				pseudoStart = o2;
				operands = [operands[0]!];
			}
		}
		if (s.traditional && operands.length > 1) {
			yield* tool.warn(`extra operand ${quoteLocale(operands[1]!)}`);
			yield* tool.warn("compatibility mode supports at most one file");
			yield* tool.errText(tryHelp(tool.name));
			return 1;
		}
	}
	if (s.limit !== null && s.skip + s.limit > UINTMAX)
		throw new OdExit("skip-bytes + read-bytes is too large");
	if (s.specs.length === 0) s.specs.push(...(decodeFormat("oS") as Spec[]));

	const input = new InputChain(tool, operands.length > 0 ? operands : ["-"]);
	input.exact = s.limit !== null && s.stringMin === null;
	yield* input.openNext();
	if (input.cur === null) return yield* tool.finish(input.ok ? 0 : 1);
	yield* input.skip(s.skip);
	if (input.cur === null && s.skip > 0n) return yield* tool.finish(input.ok ? 0 : 1);

	let lcm = 1;
	for (const spec of s.specs) lcm = (lcm * spec.size) / gcd(lcm, spec.size);
	let bpb: number;
	if (s.width !== null) {
		if (s.width !== 0 && s.width % lcm === 0) {
			bpb = s.width;
		} else {
			yield* tool.out.flush();
			yield* tool.warn(`warning: invalid width ${s.width}; using ${lcm} instead`);
			bpb = lcm;
		}
	} else {
		bpb = lcm < 16 ? lcm * Math.floor(16 / lcm) : lcm;
	}
	let widthPerBlock = 0;
	for (const spec of s.specs) {
		widthPerBlock = Math.max(widthPerBlock, (spec.fieldWidth + 1) * (bpb / spec.size));
	}
	for (const spec of s.specs) spec.padWidth = widthPerBlock - spec.fieldWidth * (bpb / spec.size);

	const pseudo = pseudoStart === null ? null : pseudoStart - s.skip;
	const dumper = new Dumper(tool, s.specs, bpb, s.radix, pseudo, s.abbreviate, s.swap);
	if (s.stringMin !== null) yield* dumpStrings(tool, input, s, dumper);
	else yield* dump(tool, input, s, dumper, bpb);
	return yield* tool.finish(input.ok ? 0 : 1);
}
