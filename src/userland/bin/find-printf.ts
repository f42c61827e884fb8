/**
 * find -printf (GNU findutils 4.9): the format is compiled once, when the
 * expression is parsed (warnings about escapes and directives come then),
 * into literal text and directives; each file is then formatted from what
 * find knows about it.
 */

import { formatInteger, formatString, parseSpec } from "../lib/cformat.ts";
import { calendar, MONTHS, pad2, WEEKDAYS } from "../lib/timefmt.ts";

export type Segment =
	| { readonly kind: "text"; readonly text: string }
	/** \c: the text, then stop formatting (and flush). */
	| { readonly kind: "stop"; readonly text: string }
	| {
			readonly kind: "directive";
			/** Flags, width and precision as written ("-10"). */
			readonly spec: string;
			readonly conv: string;
			/** The letter after %A %B %C %T. */
			readonly aux: string;
	  };

export interface CompiledFormat {
	readonly segments: readonly Segment[];
	/** Some directive needs the file's inode (stat). */
	readonly needStat: boolean;
}

/** Directives of one letter; A B C T take a second letter. */
const DIRECTIVES = "abcdDfFgGhHiklmMnpPsStuUyYZ";
const TIME_DIRECTIVES = "ABCT";
/** The directives that need no stat: names and the depth. */
const NO_STAT = "dfhHpP";

/** A fatal error of the format: find stops before doing anything. */
export class FormatError extends Error {}

/**
 * Compile a -printf format. `warn` gets the warnings GNU find prints while
 * parsing; a FormatError is fatal.
 */
export function compileFormat(format: string, warn: (message: string) => void): CompiledFormat {
	const segments: Segment[] = [];
	let text = "";
	let needStat = false;
	const flush = (): void => {
		if (text !== "") segments.push({ kind: "text", text });
		text = "";
	};
	for (let i = 0; i < format.length; i++) {
		const c = format[i]!;
		if (c === "\\") {
			const n = format[i + 1];
			if (n === undefined) {
				warn("warning: escape `\\' followed by nothing at all");
				text += "\\";
				break;
			}
			if (n >= "0" && n <= "7") {
				let v = 0;
				let k = i + 1;
				while (k < i + 4 && k < format.length && format[k]! >= "0" && format[k]! <= "7") {
					v = v * 8 + Number(format[k]);
					k++;
				}
				text += String.fromCharCode(v & 0xff);
				i = k - 1;
				continue;
			}
			const named: Record<string, string> = {
				a: "\x07",
				b: "\b",
				f: "\f",
				n: "\n",
				r: "\r",
				t: "\t",
				v: "\v",
				"\\": "\\",
			};
			if (n === "c") {
				segments.push({ kind: "stop", text });
				return { segments, needStat };
			}
			const e = named[n];
			if (e === undefined) {
				warn(`warning: unrecognized escape \`\\${n}'`);
				text += `\\${n}`;
			} else {
				text += e;
			}
			i++;
			continue;
		}
		if (c !== "%") {
			text += c;
			continue;
		}
		if (i + 1 >= format.length) throw new FormatError("error: % at end of format string");
		if (format[i + 1] === "%") {
			text += "%";
			i++;
			continue;
		}
		let j = i + 1;
		while (j < format.length && "-+ #".includes(format[j]!)) j++;
		while (j < format.length && format[j]! >= "0" && format[j]! <= "9") j++;
		if (format[j] === ".") {
			j++;
			while (j < format.length && format[j]! >= "0" && format[j]! <= "9") j++;
		}
		const conv = format[j];
		if (conv === undefined) {
			throw new FormatError("error: the format directive `%\0' is reserved for future use");
		}
		const spec = format.slice(i + 1, j);
		if (DIRECTIVES.includes(conv)) {
			flush();
			segments.push({ kind: "directive", spec, conv, aux: "" });
			if (!NO_STAT.includes(conv)) needStat = true;
			i = j;
		} else if (TIME_DIRECTIVES.includes(conv) && j + 1 < format.length) {
			flush();
			segments.push({ kind: "directive", spec, conv, aux: format[j + 1]! });
			needStat = true;
			i = j + 1;
		} else {
			warn(`warning: unrecognized format directive \`%${conv}'`);
			text += format.slice(i, j + 1);
			i = j;
		}
	}
	flush();
	return { segments, needStat };
}

/** What a directive needs to know about the file being formatted. */
export interface FileFacts {
	readonly mode: number;
	readonly ino: number;
	readonly dev: number;
	readonly nlink: number;
	readonly uid: number;
	readonly gid: number;
	readonly size: number;
	readonly blocks: number;
	readonly atimeNs: number;
	readonly mtimeNs: number;
	readonly ctimeNs: number;
}

export interface FormatContext {
	userName(uid: number): string;
	groupName(gid: number): string;
	/** %l: the symlink's target ("" for anything else). */
	linkTarget(): string;
	/** %Y's letter. */
	targetType(): string;
	/** %F: the file system type. */
	fsType(): string;
	/** %y's letter of a mode. */
	typeLetter(mode: number): string;
	modeString(mode: number): string;
	/** %Z failed: GNU prints a diagnostic. */
	noContext(): void;
}

/** base_name(): the last component, one trailing slash kept ("t/" for "t//"). */
export function gnuBaseName(path: string): string {
	let s = 0;
	while (path[s] === "/") s++;
	let base = s;
	let lastWasSlash = false;
	for (let i = s; i < path.length; i++) {
		if (path[i] === "/") lastWasSlash = true;
		else if (lastWasSlash) {
			base = i;
			lastWasSlash = false;
		}
	}
	if (base >= path.length) {
		let len = path.length;
		while (len > 1 && path[len - 1] === "/") len--;
		return path.slice(0, len);
	}
	let len = path.length - base;
	while (len > 1 && path[base + len - 1] === "/") len--;
	if (path[base + len] === "/") len++;
	return path.slice(base, base + len);
}

/** %g of C: six significant digits, trailing zeros dropped. */
function gFormat(v: number): string {
	if (v === 0) return "0";
	const exp = Math.floor(Math.log10(Math.abs(v)));
	if (exp < -4 || exp >= 6) {
		const [m, e] = v.toExponential(5).split("e");
		const mant = m!.includes(".") ? m!.replace(/0+$/, "").replace(/\.$/, "") : m!;
		const n = Number(e);
		return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
	}
	const s = v.toFixed(Math.max(0, 5 - exp));
	return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

function splitNs(ns: number): { sec: number; frac: string } {
	const sec = Math.floor(ns / 1e9);
	const nsec = Math.min(999999999, Math.max(0, Math.round(ns - sec * 1e9)));
	// findutils prints nine digits and a stray zero.
	return { sec, frac: `${String(nsec).padStart(9, "0")}0` };
}

const FULL_WEEKDAYS = [
	"Sunday",
	"Monday",
	"Tuesday",
	"Wednesday",
	"Thursday",
	"Friday",
	"Saturday",
];
const FULL_MONTHS = [
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
];

function yday(year: number, month: number, day: number): number {
	return Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86400000);
}

/** ISO 8601 week-based year and week of a date: the week of its Thursday. */
function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
	const date = Date.UTC(year, month, day);
	const monday0 = (new Date(date).getUTCDay() + 6) % 7;
	const thursday = date + (3 - monday0) * 86400000;
	const y = new Date(thursday).getUTCFullYear();
	return { year: y, week: 1 + Math.floor((thursday - Date.UTC(y, 0, 1)) / (7 * 86400000)) };
}

/** strftime() in the C locale and UTC for one conversion letter (find's %Ak and friends). */
export function strftime(ns: number, k: string): string {
	const { sec, frac } = splitNs(ns);
	const c = calendar(ns);
	const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
	const yd = yday(c.year, c.month, c.day);
	switch (k) {
		case "@":
			return `${sec}.${frac}`;
		case "a":
			return WEEKDAYS[c.weekday]!;
		case "A":
			return FULL_WEEKDAYS[c.weekday]!;
		case "b":
		case "h":
			return MONTHS[c.month]!;
		case "B":
			return FULL_MONTHS[c.month]!;
		case "c":
			return `${WEEKDAYS[c.weekday]} ${MONTHS[c.month]} ${String(c.day).padStart(2)} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} ${c.year}`;
		case "C":
			return pad2(Math.floor(c.year / 100));
		case "d":
			return pad2(c.day);
		case "D":
		case "x":
			return `${pad2(c.month + 1)}/${pad2(c.day)}/${pad2(c.year % 100)}`;
		case "e":
			return String(c.day).padStart(2);
		case "F":
			return `${c.year}-${pad2(c.month + 1)}-${pad2(c.day)}`;
		case "g":
			return pad2(isoWeek(c.year, c.month, c.day).year % 100);
		case "G":
			return String(isoWeek(c.year, c.month, c.day).year);
		case "H":
			return pad2(c.hour);
		case "I":
			return pad2(h12);
		case "j":
			return String(yd + 1).padStart(3, "0");
		case "k":
			return String(c.hour).padStart(2);
		case "l":
			return String(h12).padStart(2);
		case "m":
			return pad2(c.month + 1);
		case "M":
			return pad2(c.minute);
		case "n":
			return "\n";
		case "p":
			return c.hour < 12 ? "AM" : "PM";
		case "r":
			return `${pad2(h12)}:${pad2(c.minute)}:${pad2(c.second)} ${c.hour < 12 ? "AM" : "PM"}`;
		case "R":
			return `${pad2(c.hour)}:${pad2(c.minute)}`;
		case "s":
			return String(sec);
		case "S":
			return `${pad2(c.second)}.${frac}`;
		case "t":
			return "\t";
		case "T":
		case "X":
			return `${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${frac}`;
		case "u":
			return String(c.weekday === 0 ? 7 : c.weekday);
		case "U":
			return pad2(Math.floor((yd + 7 - c.weekday) / 7));
		case "V":
			return pad2(isoWeek(c.year, c.month, c.day).week);
		case "w":
			return String(c.weekday);
		case "W":
			return pad2(Math.floor((yd + 7 - ((c.weekday + 6) % 7)) / 7));
		case "y":
			return pad2(c.year % 100);
		case "Y":
			return String(c.year);
		case "z":
			return "+0000";
		case "Z":
			return "UTC";
		case "+":
			return `${c.year}-${pad2(c.month + 1)}-${pad2(c.day)}+${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${frac}`;
		case "%":
			return "%";
		default:
			return `%${k}`;
	}
}

/** ctime-like "Wed Mar  4 05:06:07.1234567890 2026" of %a %c %t. */
function ctimeFormat(ns: number): string {
	const { frac } = splitNs(ns);
	const c = calendar(ns);
	return `${WEEKDAYS[c.weekday]} ${MONTHS[c.month]} ${String(c.day).padStart(2)} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${frac} ${c.year}`;
}

/**
 * %h as findutils 4.9 prints it (found by comparing with it): trailing
 * slashes are dropped when a slash remains or the name is "..", then
 * everything before the last slash ("." when there is none).
 */
function leadingDirs(path: string): string {
	let s = path;
	const t = path.replace(/\/+$/, "");
	if (t !== path && (t.includes("/") || t === "..")) s = t;
	const i = s.lastIndexOf("/");
	return i < 0 ? "." : s.slice(0, i);
}

/**
 * Format one file. `f` is null when no stat was needed (only name and
 * depth directives). Returns the text and whether a \c stopped it.
 */
export function formatFile(
	cf: CompiledFormat,
	/** The name, the start point it was found under (%H) and the depth below it. */
	names: { readonly path: string; readonly root: string; readonly depth: number },
	f: FileFacts | null,
	ctx: FormatContext,
): { text: string; stopped: boolean } {
	let out = "";
	for (const seg of cf.segments) {
		if (seg.kind === "text") {
			out += seg.text;
			continue;
		}
		if (seg.kind === "stop") return { text: out + seg.text, stopped: true };
		const spec = parseSpec(seg.spec, "-+ #0");
		const str = (s: string): string => formatString(s, spec);
		const st = f!;
		switch (seg.conv) {
			case "p":
				out += str(names.path);
				break;
			case "f":
				out += str(gnuBaseName(names.path));
				break;
			case "h":
				out += str(leadingDirs(names.path));
				break;
			case "H":
				out += str(names.root);
				break;
			case "P": {
				let rest = "";
				if (names.depth > 0) {
					rest = names.path.slice(names.root.length);
					if (rest.startsWith("/")) rest = rest.slice(1);
				}
				out += str(rest);
				break;
			}
			case "d":
				out += formatInteger(names.depth, "d", spec);
				break;
			case "m":
				out += formatInteger(st.mode & 0o7777, "o", spec);
				break;
			case "M":
				out += str(ctx.modeString(st.mode));
				break;
			case "u":
				out += str(ctx.userName(st.uid));
				break;
			case "g":
				out += str(ctx.groupName(st.gid));
				break;
			case "U":
				out += str(String(st.uid));
				break;
			case "G":
				out += str(String(st.gid));
				break;
			case "s":
				out += str(String(st.size));
				break;
			case "i":
				out += str(String(st.ino));
				break;
			case "n":
				out += str(String(st.nlink));
				break;
			case "b":
				out += str(String(st.blocks));
				break;
			case "k":
				out += str(String(Math.ceil(st.blocks / 2)));
				break;
			case "D":
				out += str(String(st.dev));
				break;
			case "S":
				out += str(gFormat(st.size === 0 ? 1 : (st.blocks * 512) / st.size));
				break;
			case "y":
				out += str(ctx.typeLetter(st.mode));
				break;
			case "Y":
				out += str(ctx.targetType());
				break;
			case "l":
				out += str(ctx.linkTarget());
				break;
			case "F":
				out += str(ctx.fsType());
				break;
			case "Z":
				ctx.noContext();
				out += str("");
				break;
			case "a":
				out += str(ctimeFormat(st.atimeNs));
				break;
			case "c":
				out += str(ctimeFormat(st.ctimeNs));
				break;
			case "t":
				out += str(ctimeFormat(st.mtimeNs));
				break;
			case "A":
				out += str(strftime(st.atimeNs, seg.aux));
				break;
			case "C":
				out += str(strftime(st.ctimeNs, seg.aux));
				break;
			case "T":
				out += str(strftime(st.mtimeNs, seg.aux));
				break;
			case "B":
				// Linux's stat() has no birth time: findutils shows -1 and nothing.
				out += str(seg.aux === "@" ? "-1.-000000010" : "");
				break;
		}
	}
	return { text: out, stopped: false };
}
