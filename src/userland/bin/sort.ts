/**
 * sort [OPTION]... [FILE]... (GNU coreutils, C locale): lines in byte
 * order, or by keys (-k F[.C][opts][,F[.C][opts]], fields split at blank
 * runs or at -t's character) compared as text (-f -d -i), numbers (-n),
 * floats (-g), human sizes (-h), months (-M) or versions (-V), reversed
 * with -r. Equal keys fall back to whole-line byte order unless -s or -u;
 * -u keeps the first of equal lines; -c/-C check order; -o FILE writes at
 * the end. The merge sort yields to the scheduler as it goes.
 */
import { O_CREAT, O_TRUNC, O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { LONG_DOUBLE, strtold as parseLongDouble, toNumber } from "../lib/float.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteIfNeeded } from "../lib/quote.ts";
import { errText, Output } from "../lib/stdio.ts";
import { closeInput, openInput, PREEMPT_EVERY, quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "ignore-leading-blanks", arg: "none", key: "b" },
	{ name: "check", arg: "optional", key: "--check" },
	{ name: "dictionary-order", arg: "none", key: "d" },
	{ name: "ignore-case", arg: "none", key: "f" },
	{ name: "general-numeric-sort", arg: "none", key: "g" },
	{ name: "human-numeric-sort", arg: "none", key: "h" },
	{ name: "ignore-nonprinting", arg: "none", key: "i" },
	{ name: "key", arg: "required", key: "k" },
	{ name: "merge", arg: "none", key: "m" },
	{ name: "month-sort", arg: "none", key: "M" },
	{ name: "numeric-sort", arg: "none", key: "n" },
	{ name: "output", arg: "required", key: "o" },
	{ name: "reverse", arg: "none", key: "r" },
	{ name: "stable", arg: "none", key: "s" },
	{ name: "buffer-size", arg: "required", key: "S" },
	{ name: "field-separator", arg: "required", key: "t" },
	{ name: "temporary-directory", arg: "required", key: "T" },
	{ name: "unique", arg: "none", key: "u" },
	{ name: "version-sort", arg: "none", key: "V" },
	{ name: "zero-terminated", arg: "none", key: "z" },
	{ name: "parallel", arg: "required", key: "--parallel" },
	...HELP_VERSION,
];

interface KeyOpts {
	blankStart: boolean;
	blankEnd: boolean;
	dictionary: boolean;
	fold: boolean;
	ignoreNonprinting: boolean;
	numeric: boolean;
	general: boolean;
	human: boolean;
	month: boolean;
	version: boolean;
	reverse: boolean;
}

interface Key extends KeyOpts {
	/** 0-based start field and character offset. */
	sf: number;
	sc: number;
	/** 0-based end field (Infinity: end of line) and character count (0: end of field). */
	ef: number;
	ec: number;
}

const noOpts = (): KeyOpts => ({
	blankStart: false,
	blankEnd: false,
	dictionary: false,
	fold: false,
	ignoreNonprinting: false,
	numeric: false,
	general: false,
	human: false,
	month: false,
	version: false,
	reverse: false,
});

/** Apply option letters; false if one is not an ordering option. `end`: b applies to POS2. */
function applyLetters(o: KeyOpts, letters: string, end: boolean): boolean {
	for (const c of letters) {
		switch (c) {
			case "b":
				if (end) o.blankEnd = true;
				else o.blankStart = true;
				break;
			case "d":
				o.dictionary = true;
				break;
			case "f":
				o.fold = true;
				break;
			case "i":
				o.ignoreNonprinting = true;
				break;
			case "n":
				o.numeric = true;
				break;
			case "g":
				o.general = true;
				break;
			case "h":
				o.human = true;
				break;
			case "M":
				o.month = true;
				break;
			case "V":
				o.version = true;
				break;
			case "r":
				o.reverse = true;
				break;
			default:
				return false;
		}
	}
	return true;
}

function hasOrdering(o: KeyOpts): boolean {
	return (
		o.blankStart ||
		o.blankEnd ||
		o.dictionary ||
		o.fold ||
		o.ignoreNonprinting ||
		o.numeric ||
		o.general ||
		o.human ||
		o.month ||
		o.version ||
		o.reverse
	);
}

/** The option letters of a key whose orderings exclude each other, or null. */
function incompatible(o: KeyOpts): string | null {
	const types = [o.numeric, o.general, o.human, o.month, o.version].filter(Boolean).length;
	const numeric = o.numeric || o.general || o.human || o.month;
	if (types <= 1 && !((o.dictionary || o.ignoreNonprinting) && numeric)) return null;
	let letters = "";
	if (o.dictionary) letters += "d";
	if (o.fold) letters += "f";
	if (o.general) letters += "g";
	if (o.human) letters += "h";
	if (o.ignoreNonprinting && !o.dictionary) letters += "i";
	if (o.month) letters += "M";
	if (o.numeric) letters += "n";
	if (o.version) letters += "V";
	return letters;
}

/** Parse -k SPEC, or return its error message. */
function parseKey(spec: string): Key | string {
	const bad = (why: string): string => `${why}: invalid field specification ${quoteLocale(spec)}`;
	const key: Key = { ...noOpts(), sf: 0, sc: 0, ef: Number.POSITIVE_INFINITY, ec: 0 };
	const m1 = /^([0-9]+)/.exec(spec);
	if (m1 === null)
		return `invalid number at field start: invalid count at start of ${quoteLocale(spec)}`;
	let i = m1[0].length;
	const f1 = Number(m1[1]);
	if (f1 === 0) return bad("field number is zero");
	key.sf = f1 - 1;
	if (spec[i] === ".") {
		const m = /^[0-9]+/.exec(spec.slice(i + 1));
		if (m === null) {
			return `invalid number after '.': invalid count at start of ${quoteLocale(spec.slice(i + 1))}`;
		}
		const c = Number(m[0]);
		if (c === 0) return bad("character offset is zero");
		key.sc = c - 1;
		i += 1 + m[0].length;
	}
	const l1 = /^[a-zA-Z]*/.exec(spec.slice(i))![0];
	if (!applyLetters(key, l1, false)) return bad("stray character in field spec");
	i += l1.length;
	if (spec[i] === ",") {
		i++;
		const m2 = /^[0-9]+/.exec(spec.slice(i));
		if (m2 === null) {
			return `invalid number after ',': invalid count at start of ${quoteLocale(spec.slice(i))}`;
		}
		const f2 = Number(m2[0]);
		if (f2 === 0) return bad("field number is zero");
		key.ef = f2 - 1;
		i += m2[0].length;
		if (spec[i] === ".") {
			const m = /^[0-9]+/.exec(spec.slice(i + 1));
			if (m === null) {
				return `invalid number after '.': invalid count at start of ${quoteLocale(spec.slice(i + 1))}`;
			}
			key.ec = Number(m[0]);
			i += 1 + m[0].length;
		}
		const l2 = /^[a-zA-Z]*/.exec(spec.slice(i))![0];
		if (!applyLetters(key, l2, true)) return bad("stray character in field spec");
		i += l2.length;
	}
	if (i < spec.length) return bad("stray character in field spec");
	return key;
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/** Where the key starts in `line`. */
function keyStart(line: string, key: Key, tab: string | null): number {
	const lim = line.length;
	let p = 0;
	for (let f = key.sf; f > 0 && p < lim; f--) {
		if (tab !== null) {
			while (p < lim && line[p] !== tab) p++;
			if (p < lim) p++;
		} else {
			while (p < lim && isBlank(line[p])) p++;
			while (p < lim && !isBlank(line[p])) p++;
		}
	}
	if (key.blankStart) while (p < lim && isBlank(line[p])) p++;
	return Math.min(lim, p + key.sc);
}

/** Where the key ends in `line`. */
function keyEnd(line: string, key: Key, tab: string | null): number {
	const lim = line.length;
	if (key.ef === Number.POSITIVE_INFINITY) return lim;
	let p = 0;
	let fields = key.ec === 0 ? key.ef + 1 : key.ef;
	while (p < lim && fields > 0) {
		fields--;
		if (tab !== null) {
			while (p < lim && line[p] !== tab) p++;
			if (p < lim && (fields > 0 || key.ec !== 0)) p++;
		} else {
			while (p < lim && isBlank(line[p])) p++;
			while (p < lim && !isBlank(line[p])) p++;
		}
	}
	if (key.ec !== 0) {
		if (key.blankEnd) while (p < lim && isBlank(line[p])) p++;
		p = Math.min(lim, p + key.ec);
	}
	return p;
}

/** The text of key `k` in `line` (empty when it ends before it starts). */
function keyText(line: string, k: Key, tab: string | null): string {
	if (k.sf === 0 && k.sc === 0 && !k.blankStart && k.ef === Number.POSITIVE_INFINITY) return line;
	const start = keyStart(line, k, tab);
	const end = keyEnd(line, k, tab);
	return end > start ? line.slice(start, end) : "";
}

/** A -n value: sign, integer digits without leading zeros, fraction without trailing zeros. */
interface Decimal {
	readonly neg: boolean;
	readonly int: string;
	readonly frac: string;
}

function parseDecimal(s: string): Decimal {
	const m = /^[ \t]*(-?)([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
	const int = m[2]!.replace(/^0+/, "");
	const frac = (m[3] ?? "").replace(/0+$/, "");
	return { neg: m[1] === "-" && !(int === "" && frac === ""), int, frac };
}

function compareDecimal(x: Decimal, y: Decimal): number {
	if (x.neg !== y.neg) return x.neg ? -1 : 1;
	let mag: number;
	if (x.int.length !== y.int.length) mag = x.int.length < y.int.length ? -1 : 1;
	else if (x.int !== y.int) mag = x.int < y.int ? -1 : 1;
	else if (x.frac !== y.frac) mag = x.frac < y.frac ? -1 : 1;
	else mag = 0;
	return x.neg ? -mag : mag;
}

const SI = " KMGTPEZYRQ";

/** A -h value: the SI suffix's rank, then the number. */
interface Human {
	readonly unit: number;
	readonly num: Decimal;
}

function parseHuman(s: string): Human {
	const m = /^[ \t]*-?([0-9]*)(?:\.([0-9]*))?([KMGTPEZYRQk]?)/.exec(s)!;
	// A suffix counts only after digits.
	const digits = m[1] !== "" || (m[2] ?? "") !== "";
	const unitChar = m[3] === "k" ? "K" : m[3]!;
	return { unit: unitChar === "" || !digits ? 0 : SI.indexOf(unitChar), num: parseDecimal(s) };
}

function compareHuman(x: Human, y: Human): number {
	if (x.num.neg !== y.num.neg) return x.num.neg ? -1 : 1;
	if (x.unit !== y.unit) return (x.unit < y.unit ? -1 : 1) * (x.num.neg ? -1 : 1);
	return compareDecimal(x.num, y.num);
}

/** A -g value: non-numbers first, then NaN, then by value. */
interface General {
	readonly cls: number;
	readonly v: number;
}

function parseGeneral(s: string): General {
	const r = parseLongDouble(s, LONG_DOUBLE);
	if (r.end === 0) return { cls: 0, v: 0 };
	if (r.value.kind === "nan") return { cls: 1, v: 0 };
	return { cls: 2, v: toNumber(r.value) };
}

function compareGeneral(x: General, y: General): number {
	if (x.cls !== y.cls) return x.cls < y.cls ? -1 : 1;
	return x.v < y.v ? -1 : x.v > y.v ? 1 : 0;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

function monthOf(s: string): number {
	const t = s
		.replace(/^[ \t\n\v\f\r]+/, "")
		.slice(0, 3)
		.toUpperCase();
	return MONTHS.indexOf(t) + 1;
}

/** The weight of a byte in a version's non-digit part: ~ first, then the end, letters, others. */
function versionOrder(s: string, i: number): number {
	if (i >= s.length) return 0;
	const c = s.charCodeAt(i);
	if (c >= 48 && c <= 57) return 0;
	if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
	if (c === 126) return -1;
	return c + 256;
}

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= "0" && s[i]! <= "9";

/** Compare versions: non-digit runs by versionOrder, digit runs as numbers. */
function compareVersionParts(a: string, b: string): number {
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		while ((i < a.length && !isDigitAt(a, i)) || (j < b.length && !isDigitAt(b, j))) {
			const d = versionOrder(a, i) - versionOrder(b, j);
			if (d !== 0) return d;
			i++;
			j++;
		}
		while (a[i] === "0") i++;
		while (b[j] === "0") j++;
		let firstDiff = 0;
		while (isDigitAt(a, i) && isDigitAt(b, j)) {
			if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
			i++;
			j++;
		}
		if (isDigitAt(a, i)) return 1;
		if (isDigitAt(b, j)) return -1;
		if (firstDiff !== 0) return firstDiff;
	}
	return 0;
}

/** Where a file-name suffix like ".tar.gz" starts (the length when there is none). */
function suffixStart(s: string): number {
	const m = /(?:\.[A-Za-z~][A-Za-z0-9~]*)*$/.exec(s)!;
	return m.index;
}

/**
 * -V: version order of file names. Empty, "." and ".." come first, then
 * hidden names; a common file-name suffix is compared only when the rest
 * is equal; ties fall back to byte order.
 */
export function versionCompare(a: string, b: string): number {
	if (a === b) return 0;
	const special = (s: string): number => (s === "" ? 0 : s === "." ? 1 : s === ".." ? 2 : 3);
	const sa = special(a);
	const sb = special(b);
	if (sa !== sb || sa < 3) return sa < sb ? -1 : sa > sb ? 1 : 0;
	let x = a;
	let y = b;
	const hx = x.startsWith(".");
	const hy = y.startsWith(".");
	if (hx !== hy) return hx ? -1 : 1;
	if (hx) {
		x = x.slice(1);
		y = y.slice(1);
	}
	const px = suffixStart(x);
	const py = suffixStart(y);
	let d: number;
	if (px === py && x.slice(0, px) === y.slice(0, py)) d = compareVersionParts(x, y);
	else d = compareVersionParts(x.slice(0, px), y.slice(0, py));
	if (d !== 0) return d < 0 ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The text of a key with -d, -i and -f applied. */
function filtered(s: string, o: KeyOpts): string {
	let t = s;
	if (o.dictionary) t = t.replace(/[^A-Za-z0-9 \t\n\v\f\r]/g, "");
	else if (o.ignoreNonprinting) t = t.replace(/[^\x20-\x7e]/g, "");
	if (o.fold) t = t.replace(/[a-z]+/g, (m) => m.toUpperCase());
	return t;
}

/** A key prepared for comparison once per line. */
type KeyValue = string | number | Decimal | Human | General;

function prepareKey(text: string, o: KeyOpts): KeyValue {
	if (o.numeric) return parseDecimal(text);
	if (o.general) return parseGeneral(text);
	// GNU folds case before reading a human size (1e2 becomes 1E2, exa).
	if (o.human) return parseHuman(o.fold ? text.toUpperCase() : text);
	if (o.month) return monthOf(text);
	if (o.dictionary || o.ignoreNonprinting || o.fold) return filtered(text, o);
	return text;
}

function compareValues(a: KeyValue, b: KeyValue, o: KeyOpts): number {
	if (o.numeric) return compareDecimal(a as Decimal, b as Decimal);
	if (o.general) return compareGeneral(a as General, b as General);
	if (o.human) return compareHuman(a as Human, b as Human);
	if (o.version) return versionCompare(a as string, b as string);
	return a === b ? 0 : a < b ? -1 : 1;
}

interface Settings {
	keys: Key[];
	tab: string | null;
	stable: boolean;
	unique: boolean;
	reverse: boolean;
}

/** A line with its prepared keys. */
interface Item {
	readonly line: string;
	readonly keys: KeyValue[];
}

function prepare(line: string, s: Settings): Item {
	return { line, keys: s.keys.map((k) => prepareKey(keyText(line, k, s.tab), k)) };
}

/** Compare two prepared lines; `lastResort`: fall back to byte order. */
function makeComparator(s: Settings, lastResort: boolean): (a: Item, b: Item) => number {
	const keys = s.keys;
	return (a, b) => {
		for (let i = 0; i < keys.length; i++) {
			const k = keys[i]!;
			const d = compareValues(a.keys[i]!, b.keys[i]!, k);
			if (d !== 0) return k.reverse ? -d : d;
		}
		if (!lastResort) return 0;
		const d = a.line === b.line ? 0 : a.line < b.line ? -1 : 1;
		return s.reverse ? -d : d;
	};
}

/** A stable bottom-up merge sort that lets others run as it goes. */
function* mergeSort<T>(
	items: T[],
	cmp: (a: T, b: T) => number,
	preempt: () => Run<void>,
): Run<T[]> {
	let src = items.slice();
	let dst = new Array<T>(src.length);
	let work = 0;
	for (let width = 1; width < src.length; width *= 2) {
		for (let lo = 0; lo < src.length; lo += 2 * width) {
			const mid = Math.min(lo + width, src.length);
			const hi = Math.min(lo + 2 * width, src.length);
			let i = lo;
			let j = mid;
			let k = lo;
			while (i < mid && j < hi) dst[k++] = cmp(src[j]!, src[i]!) < 0 ? src[j++]! : src[i++]!;
			while (i < mid) dst[k++] = src[i++]!;
			while (j < hi) dst[k++] = src[j++]!;
			work += hi - lo;
			if (work >= PREEMPT_EVERY * 4) {
				work = 0;
				yield* preempt();
			}
		}
		[src, dst] = [dst, src];
	}
	return src;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "bcCdfghik:mMno:rsS:t:T:uVz", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 2;
	}
	const global = noOpts();
	const keys: Key[] = [];
	let tab: string | null = null;
	let stable = false;
	let unique = false;
	let check: "none" | "loud" | "quiet" = "none";
	let output: string | null = null;
	let eol = "\n";
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		switch (o.key) {
			case "c":
				check = "loud";
				break;
			case "C":
				check = "quiet";
				break;
			case "--check":
				check = o.arg === "quiet" || o.arg === "silent" ? "quiet" : "loud";
				break;
			case "k": {
				const k = parseKey(o.arg!);
				if (typeof k === "string") {
					yield* tool.warn(k);
					return 2;
				}
				keys.push(k);
				break;
			}
			case "o":
				output = o.arg!;
				break;
			case "s":
				stable = true;
				break;
			case "u":
				unique = true;
				break;
			case "t": {
				const t = o.arg!;
				if (t === "") {
					yield* tool.warn("empty tab");
					return 2;
				}
				if (t.length > 1 && t !== "\\0") {
					yield* tool.warn(`multi-character tab ${quoteLocale(t)}`);
					return 2;
				}
				tab = t === "\\0" ? "\0" : t;
				break;
			}
			case "z":
				eol = "\0";
				break;
			case "m":
			case "S":
			case "T":
			case "--parallel":
				break;
			default:
				applyLetters(global, o.key, false);
				if (o.key === "b") global.blankEnd = true;
		}
	}
	// Keys without options of their own take the global ones.
	for (const k of keys) if (!hasOrdering(k)) Object.assign(k, { ...global });
	if (keys.length === 0)
		keys.push({ ...global, sf: 0, sc: 0, ef: Number.POSITIVE_INFINITY, ec: 0 });
	for (const k of keys) {
		const clash = incompatible(k);
		if (clash !== null) {
			yield* tool.warn(`options '-${clash}' are incompatible`);
			return 2;
		}
	}
	const settings: Settings = { keys, tab, stable, unique, reverse: global.reverse };
	const files = parsed.operands.length === 0 ? ["-"] : parsed.operands;
	if (check !== "none" && files.length > 1) {
		yield* tool.warn(
			`extra operand ${quoteLocale(files[1]!)} not allowed with -${check === "loud" ? "c" : "C"}`,
		);
		return 2;
	}
	const sys = tool.sys;
	// Read every line of every input.
	const lines: string[] = [];
	const origins: { name: string; start: number }[] = [];
	for (const name of files) {
		const opened = openInput(sys, name);
		if (opened instanceof KernelError) {
			yield* tool.warn(`cannot read: ${name}: ${opened.strerror}`);
			return 2;
		}
		origins.push({ name, start: lines.length });
		try {
			let n = 0;
			for (;;) {
				const line = yield* opened.input.line(eol);
				if (line === null) break;
				lines.push(line.endsWith(eol) ? line.slice(0, -1) : line);
				if (++n % PREEMPT_EVERY === 0) yield* sys.preempt();
			}
		} catch (e) {
			yield* tool.warn(`read failed: ${name}: ${errText(e)}`);
			return 2;
		} finally {
			closeInput(sys, opened);
		}
	}
	const items: Item[] = [];
	for (let i = 0; i < lines.length; i++) {
		items.push(prepare(lines[i]!, settings));
		if (i % PREEMPT_EVERY === PREEMPT_EVERY - 1) yield* sys.preempt();
	}
	if (check !== "none") {
		const cmp = makeComparator(settings, !(stable || unique));
		for (let i = 1; i < items.length; i++) {
			const d = cmp(items[i - 1]!, items[i]!);
			if (d > 0 || (unique && d === 0)) {
				if (check === "loud") {
					let origin = origins[0]!;
					for (const o of origins) if (o.start <= i) origin = o;
					yield* tool.warn(`${origin.name}:${i - origin.start + 1}: disorder: ${lines[i]}`);
				}
				return 1;
			}
			if (i % PREEMPT_EVERY === 0) yield* sys.preempt();
		}
		return 0;
	}
	const cmp = makeComparator(settings, !(stable || unique));
	const sorted = yield* mergeSort(items, cmp, () => sys.preempt());
	let out = tool.out;
	let outFd = -1;
	if (output !== null) {
		try {
			outFd = sys.vfs.open(sys.task, output, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
		} catch (e) {
			yield* tool.warn(`open failed: ${output}: ${errText(e)}`);
			return 2;
		}
		out = new Output(sys, outFd);
	}
	const keyCmp = unique ? makeComparator(settings, false) : null;
	const outName = output === null ? quoteIfNeeded("standard output") : quoteIfNeeded(output);
	let prev: Item | null = null;
	let n = 0;
	for (const item of sorted) {
		if (keyCmp !== null && prev !== null && keyCmp(prev, item) === 0) continue;
		prev = item;
		yield* out.put(item.line + eol);
		if (out.error !== null) {
			yield* tool.warn(`write failed: ${outName}: ${out.error.strerror}`);
			yield* tool.warn("write error");
			return 2;
		}
		if (++n % PREEMPT_EVERY === 0) yield* sys.preempt();
	}
	const flushed = yield* out.flush();
	if (outFd >= 0) {
		try {
			sys.vfs.close(sys.task, outFd);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}
	if (!flushed) {
		yield* tool.warn(`fflush failed: ${outName}: ${out.error?.strerror ?? ""}`);
		yield* tool.warn("write error");
		return 2;
	}
	return 0;
}
