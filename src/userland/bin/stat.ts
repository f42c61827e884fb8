/**
 * stat (GNU coreutils 9.1): stat [-L] [-f] [-t] [-c FORMAT | --printf FORMAT] FILE...
 *
 * The default and terse formats are GNU's; -c ends each file with a
 * newline and prints backslashes as they are, --printf interprets the C
 * escapes and adds nothing. Directives take printf flags, width and
 * precision (%-10s, %04a, %.3Y); %Hd %Ld %Hr %Lr split device numbers.
 * The emulated filesystems keep no birth time: %w is "-" and %W is 0, as
 * GNU prints them when statx does not report one. Times are UTC. File
 * system ids (%i of -f) are 0: the emulated statfs has no f_fsid.
 */

import {
	CGROUP_SUPER_MAGIC,
	CGROUP2_SUPER_MAGIC,
	isBlk,
	isChr,
	isDir,
	isLnk,
	major,
	minor,
	PIPEFS_MAGIC,
	PROC_SUPER_MAGIC,
	S_IFBLK,
	S_IFCHR,
	S_IFDIR,
	S_IFIFO,
	S_IFLNK,
	S_IFMT,
	S_IFREG,
	S_IFSOCK,
	type Stat,
	type StatFs,
	TMPFS_MAGIC,
} from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { canonicalize } from "../lib/canonicalize.ts";
import { type ConvSpec, formatInteger, formatString, parseSpec } from "../lib/cformat.ts";
import { C_ESCAPES } from "../lib/escapes.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { modeString } from "../lib/mode.ts";
import { UserDb } from "../lib/passwd.ts";
import { quoteAlways, quoteIfNeeded } from "../lib/quote.ts";
import { quoteLocale } from "../lib/textio.ts";
import { calendar, pad2 } from "../lib/timefmt.ts";
import { attempt, COREUTILS, dirName, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "dereference", arg: "none", key: "L" },
	{ name: "file-system", arg: "none", key: "f" },
	{ name: "format", arg: "required", key: "c" },
	{ name: "printf", arg: "required", key: "printf" },
	{ name: "terse", arg: "none", key: "t" },
	{ name: "cached", arg: "required", key: "cached" },
	...HELP_VERSION,
];

/** printf's flags as stat's format_code_offset() skips them. */
const PRINTF_FLAGS = "'-+ #0I";

const FMT_TERSE_FS = "%n %i %l %t %s %S %b %f %a %c %d\n";
const FMT_TERSE_REGULAR = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";
const FMT_FS =
	'  File: "%n"\n' +
	"    ID: %-8i Namelen: %-7l Type: %T\n" +
	"Block size: %-10s Fundamental block size: %S\n" +
	"Blocks: Total: %-10b Free: %-10f Available: %a\n" +
	"Inodes: Total: %-10c Free: %d\n";

function defaultFormat(device: boolean): string {
	return (
		"  File: %N\n" +
		"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" +
		(device
			? "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n"
			: "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n") +
		"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" +
		"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"
	);
}

/** The %T names of file system magic numbers (stat's human_fstype()). */
const FS_NAMES: Record<number, string> = {
	[TMPFS_MAGIC]: "tmpfs",
	[PROC_SUPER_MAGIC]: "proc",
	[CGROUP_SUPER_MAGIC]: "cgroupfs",
	[CGROUP2_SUPER_MAGIC]: "cgroup2fs",
	[PIPEFS_MAGIC]: "pipefs",
	1650812274: "sysfs",
	7377: "devpts",
	61267: "ext2/ext3",
	2240043254: "ramfs",
	1397703499: "sockfs",
};

/** A directive's printf part ("%-10" of "%-10s"): flags, width and precision as written. */
interface Directive {
	/** What followed '%', before the conversion character. */
	readonly text: string;
	readonly mod: "H" | "L" | null;
	readonly conv: string;
}

const QUOTING_STYLES = [
	"literal",
	"shell",
	"shell-always",
	"shell-escape",
	"shell-escape-always",
	"c",
	"escape",
	"locale",
	"clocale",
] as const;
type Quoting = (typeof QUOTING_STYLES)[number];

const C_NAMED: Record<number, string> = {
	7: "a",
	8: "b",
	9: "t",
	10: "n",
	11: "v",
	12: "f",
	13: "r",
};

/** quotearg's c and escape styles: C escapes, in double quotes for c. */
function cQuote(s: string, quotes: boolean): string {
	let out = "";
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 0x5c || (quotes && c === 0x22)) out += `\\${s[i]}`;
		else if (C_NAMED[c] !== undefined) out += `\\${C_NAMED[c]}`;
		else if (c < 0x20 || c >= 0x7f) out += `\\${c.toString(8).padStart(3, "0")}`;
		else out += s[i];
	}
	return quotes ? `"${out}"` : out;
}

interface Settings {
	follow: boolean;
	fs: boolean;
	escapes: boolean;
	trailing: string;
	quoting: Quoting;
}

/** make_format(): keep only the flags a conversion allows. */
function spec(text: string, allowed: string): ConvSpec {
	let i = 0;
	let flags = "";
	while (i < text.length && PRINTF_FLAGS.includes(text[i]!)) {
		if (allowed.includes(text[i]!)) flags += text[i];
		i++;
	}
	return parseSpec(flags + text.slice(i));
}

const outString = (d: Directive, s: string): string => formatString(s, spec(d.text, "-"));
const outInt = (d: Directive, n: number | bigint): string =>
	formatInteger(n, "d", spec(d.text, "'-+ 0"));
const outUint = (d: Directive, n: number | bigint): string =>
	formatInteger(n, "u", spec(d.text, "'-0"));
const outOctal = (d: Directive, n: number): string => formatInteger(n, "o", spec(d.text, "-#0"));
const outHex = (d: Directive, n: number | bigint): string =>
	formatInteger(n, "x", spec(d.text, "-#0"));

/** Seconds and nanoseconds of an emulated timestamp. */
function split(ns: number): { sec: number; nsec: number } {
	const sec = Math.floor(ns / 1e9);
	const nsec = Math.min(999999999, Math.max(0, Math.round(ns - sec * 1e9)));
	return { sec, nsec };
}

/** "2026-01-01 00:00:00.000000000 +0000" (human_time() in UTC). */
function humanTime(ns: number): string {
	const { nsec } = split(ns);
	const c = calendar(ns);
	return (
		`${c.year}-${pad2(c.month + 1)}-${pad2(c.day)} ` +
		`${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${String(nsec).padStart(9, "0")} +0000`
	);
}

/** out_epoch_sec(): seconds since the epoch; a precision adds that many digits of fraction. */
function outEpochSec(d: Directive, sec: number, nsec: number): string {
	const text = d.text;
	const dot = text.indexOf(".");
	let secText = text;
	let width = 0;
	let precision = 0;
	if (dot >= 0) {
		secText = text.slice(0, dot);
		const after = text.slice(dot + 1);
		precision = /^[0-9]/.test(after) ? Math.min(Number(/^[0-9]+/.exec(after)![0]), 2 ** 31 - 1) : 9;
		if (precision > 0 && /[0-9]$/.test(secText)) {
			let p = dot;
			while (p > 0 && /[0-9]/.test(text[p - 1]!)) p--;
			width = Math.min(Number(text.slice(p, dot)), 2 ** 31 - 1);
			if (width > 1) {
				if (text[p] === "0") p++;
				secText = text.slice(0, p);
				const wd = width > 1 ? width - 1 : 0;
				if (wd > 1) {
					const w = wd - precision;
					if (w > 1) {
						const leftAdjust = text.slice(0, p).includes("-");
						const kept = text.slice(0, p).replaceAll("-", "");
						secText = leftAdjust ? kept : `${kept}${w}`;
					}
				}
			}
		}
	}
	let out = outInt({ ...d, text: secText }, sec);
	if (precision > 0) {
		const prec = Math.min(9, precision);
		const trailingPrec = precision - prec;
		const frac = Math.floor(nsec / 10 ** (9 - prec));
		const ilen = out.length;
		const trailingWidth = ilen < width && 1 < width - ilen ? width - ilen - 1 - prec : 0;
		const zeros = "0".repeat(trailingPrec);
		out += `.${String(frac).padStart(prec, "0")}${zeros.padEnd(Math.abs(trailingWidth))}`;
	}
	return out;
}

function fileType(st: Stat): string {
	switch (st.mode & S_IFMT) {
		case S_IFREG:
			return st.size === 0 ? "regular empty file" : "regular file";
		case S_IFDIR:
			return "directory";
		case S_IFBLK:
			return "block special file";
		case S_IFCHR:
			return "character special file";
		case S_IFIFO:
			return "fifo";
		case S_IFLNK:
			return "symbolic link";
		case S_IFSOCK:
			return "socket";
		default:
			return "weird file";
	}
}

/** The canonical name of a directory and its stat (where chdir() would take find_mount_point()). */
function canonicalDir(t: Tool, name: string): { path: string; st: Stat } | KernelError {
	const path = canonicalize(t.sys, name, "existing");
	if (path instanceof KernelError) return path;
	const st = attempt(() => t.sys.vfs.stat(t.sys.task, path));
	return st instanceof KernelError ? st : { path, st };
}

/** A piece of one file's output: text for stdout, or a diagnostic. */
interface Part {
	readonly text: string;
	readonly note: boolean;
}

/** What print_it() did for one file. */
interface Expansion {
	readonly parts: readonly Part[];
	/** A directive failed (status 1). */
	readonly failed: boolean;
	/** The format had this invalid directive: stat stops after the parts. */
	readonly invalid: string | null;
}

class Stater {
	readonly t: Tool;
	readonly s: Settings;
	readonly db: UserDb;
	private parts: Part[] = [];
	/** Output not yet in `parts`. */
	private pending = "";
	private failed = false;

	constructor(t: Tool, s: Settings, db: UserDb) {
		this.t = t;
		this.s = s;
		this.db = db;
	}

	private put(text: string): void {
		this.pending += text;
	}

	/** A diagnostic, after the output so far (GNU's error() flushes stdout first). */
	private note(message: string): void {
		if (this.pending !== "") this.parts.push({ text: this.pending, note: false });
		this.pending = "";
		this.parts.push({ text: message, note: true });
	}

	private done(invalid: string | null): Expansion {
		if (this.pending !== "") this.parts.push({ text: this.pending, note: false });
		const r = { parts: this.parts, failed: this.failed, invalid };
		this.parts = [];
		this.pending = "";
		this.failed = false;
		return r;
	}

	private quoteN(s: string): string {
		switch (this.s.quoting) {
			case "literal":
				return s;
			case "shell":
			case "shell-escape":
				return quoteIfNeeded(s);
			case "shell-always":
			case "shell-escape-always":
				return quoteAlways(s);
			case "c":
				return cQuote(s, true);
			case "escape":
				return cQuote(s, false);
			case "locale":
				return quoteLocale(s);
			case "clocale":
				return cQuote(s, true);
		}
	}

	/** print_it(): the output for one file and the diagnostics met on the way. */
	expand(format: string, directive: (d: Directive) => string): Expansion {
		for (let b = 0; b < format.length; b++) {
			const c = format[b]!;
			if (c === "%") {
				let k = b + 1;
				while (k < format.length && PRINTF_FLAGS.includes(format[k]!)) k++;
				while (k < format.length && /[0-9]/.test(format[k]!)) k++;
				if (format[k] === ".") {
					k++;
					while (k < format.length && /[0-9]/.test(format[k]!)) k++;
				}
				const text = format.slice(b + 1, k);
				const conv = format[k];
				if (conv === undefined || conv === "%") {
					if (text.length > 0) return this.done(`%${text}${conv ?? ""}`);
					this.put("%");
					b = conv === undefined ? k - 1 : k;
					continue;
				}
				let mod: "H" | "L" | null = null;
				let fc = conv;
				if ((conv === "H" || conv === "L") && !this.s.fs) {
					const next = format[k + 1];
					if (next === "d" || next === "r") {
						mod = conv;
						fc = next;
						k++;
					}
				}
				b = k;
				this.put(directive({ text, mod, conv: fc }));
				continue;
			}
			if (c === "\\" && this.s.escapes) {
				const r = this.escape(format, b + 1);
				this.put(r.text);
				b = r.next - 1;
				continue;
			}
			this.put(c);
		}
		this.put(this.s.trailing);
		return this.done(null);
	}

	/** A backslash escape of --printf starting at `i` (just after the backslash). */
	private escape(f: string, i: number): { text: string; next: number } {
		const c = f[i];
		if (c === undefined) {
			this.note("warning: backslash at end of format");
			return { text: "\\", next: i };
		}
		if (/[0-7]/.test(c)) {
			let v = 0;
			let k = i;
			while (k < i + 3 && k < f.length && /[0-7]/.test(f[k]!)) v = v * 8 + Number(f[k++]);
			return { text: String.fromCharCode(v & 0xff), next: k };
		}
		if (c === "x" && /[0-9a-fA-F]/.test(f[i + 1] ?? "")) {
			let k = i + 1;
			let v = Number.parseInt(f[k++]!, 16);
			if (/[0-9a-fA-F]/.test(f[k] ?? "")) v = v * 16 + Number.parseInt(f[k++]!, 16);
			return { text: String.fromCharCode(v), next: k };
		}
		const e = c === '"' ? '"' : C_ESCAPES[c];
		if (e === undefined) this.note(`warning: unrecognized escape '\\${c}'`);
		return { text: e ?? c, next: i + 1 };
	}

	/** A failed directive: its message is noted and the file's status is 1. */
	private fail(message: string): void {
		this.note(message);
		this.failed = true;
	}

	/** One directive of a file's format. */
	statDirective(d: Directive, name: string, st: Stat): string {
		const times: Record<string, number> = {
			x: st.atimeNs,
			X: st.atimeNs,
			y: st.mtimeNs,
			Y: st.mtimeNs,
			z: st.ctimeNs,
			Z: st.ctimeNs,
		};
		switch (d.conv) {
			case "n":
				return outString(d, name);
			case "N": {
				this.put(outString(d, this.quoteN(name)));
				if (!isLnk(st.mode)) return "";
				const target = attempt(() => this.t.sys.vfs.readlink(this.t.sys.task, name));
				if (target instanceof KernelError) {
					this.fail(`cannot read symbolic link ${quoteAlways(name)}: ${target.strerror}`);
					return "";
				}
				return ` -> ${outString(d, this.quoteN(target))}`;
			}
			case "d":
				return outUint(d, d.mod === "H" ? major(st.dev) : d.mod === "L" ? minor(st.dev) : st.dev);
			case "D":
				return outHex(d, st.dev);
			case "i":
				return outUint(d, st.ino);
			case "a":
				return outOctal(d, st.mode & 0o7777);
			case "A":
				return outString(d, modeString(st.mode));
			case "f":
				return outHex(d, st.mode);
			case "F":
				return outString(d, fileType(st));
			case "h":
				return outUint(d, st.nlink);
			case "u":
				return outUint(d, st.uid);
			case "U":
				return outString(d, this.db.userById(st.uid)?.name ?? "UNKNOWN");
			case "g":
				return outUint(d, st.gid);
			case "G":
				return outString(d, this.db.groupById(st.gid)?.name ?? "UNKNOWN");
			case "m":
				return outString(d, this.mountPoint(name, st));
			case "C":
				this.fail(`failed to get security context of ${quoteAlways(name)}: No data available`);
				return outString(d, "?");
			case "s":
				return outInt(d, st.size);
			case "r":
				return outUint(
					d,
					d.mod === "H" ? major(st.rdev) : d.mod === "L" ? minor(st.rdev) : st.rdev,
				);
			case "R":
				return outHex(d, st.rdev);
			case "t":
				return outHex(d, major(st.rdev));
			case "T":
				return outHex(d, minor(st.rdev));
			case "B":
				return outUint(d, 512);
			case "b":
				return outUint(d, st.blocks);
			case "o":
				return outUint(d, st.blksize);
			case "w":
				return outString(d, "-");
			case "W":
				return outEpochSec(d, 0, 0);
			case "x":
			case "y":
			case "z":
				return outString(d, humanTime(times[d.conv]!));
			case "X":
			case "Y":
			case "Z": {
				const { sec, nsec } = split(times[d.conv]!);
				return outEpochSec(d, sec, nsec);
			}
			default:
				return "?";
		}
	}

	statfsDirective(d: Directive, name: string, f: StatFs): string {
		switch (d.conv) {
			case "n":
				return outString(d, name);
			case "i":
				return outHex(d, 0);
			case "l":
				return outUint(d, f.namelen);
			case "t":
				return outHex(d, f.type);
			case "T": {
				const n = FS_NAMES[f.type];
				return outString(d, n ?? `UNKNOWN (0x${f.type.toString(16)})`);
			}
			case "b":
				return outInt(d, f.blocks);
			case "f":
				return outInt(d, f.bfree);
			case "a":
				return outInt(d, f.bavail);
			case "s":
				return outUint(d, f.bsize);
			case "S":
				return outUint(d, f.frsize || f.bsize);
			case "c":
				return outUint(d, f.files);
			case "d":
				return outInt(d, f.ffree);
			default:
				return "?";
		}
	}

	/** %m: the mount point the file is on (find_mount_point(): up the tree until the device changes). */
	private mountPoint(name: string, st: Stat): string {
		const { sys } = this.t;
		if (this.s.follow || !isLnk(st.mode)) {
			const resolved = canonicalize(sys, name, "existing");
			if (resolved instanceof KernelError) {
				this.fail(`failed to canonicalize ${quoteAlways(name)}: ${resolved.strerror}`);
				return "?";
			}
		}
		const start = isDir(st.mode) ? name : dirName(name);
		const where = canonicalDir(this.t, start);
		if (where instanceof KernelError) {
			this.fail(`cannot change to directory ${quoteAlways(start)}: ${where.strerror}`);
			return "?";
		}
		let dir = where.path;
		let last = isDir(st.mode) ? st : where.st;
		while (dir !== "/") {
			const up = dir.slice(0, dir.lastIndexOf("/")) || "/";
			const ust = attempt(() => sys.vfs.stat(sys.task, up));
			if (ust instanceof KernelError) {
				this.fail(`cannot stat ${quoteAlways("..")}: ${ust.strerror}`);
				return "?";
			}
			if (ust.dev !== last.dev || ust.ino === last.ino) break;
			dir = up;
			last = ust;
		}
		return dir;
	}
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "c:fLt", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const s: Settings = {
		follow: false,
		fs: false,
		escapes: false,
		trailing: "",
		quoting: "literal",
	};
	let format: string | null = null;
	let terse = false;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... FILE...", COREUTILS);
		if (done !== null) return done;
		switch (o.key) {
			case "L":
				s.follow = true;
				break;
			case "f":
				s.fs = true;
				break;
			case "t":
				terse = true;
				break;
			case "c":
				format = o.arg!;
				s.escapes = false;
				s.trailing = "\n";
				break;
			case "printf":
				format = o.arg!;
				s.escapes = true;
				s.trailing = "";
				break;
			case "cached": {
				const arg = o.arg!;
				const hits = ["default", "never", "always"].filter((v) => v.startsWith(arg));
				if (hits.length !== 1 && !["default", "never", "always"].includes(arg)) {
					const what = hits.length === 0 ? "invalid" : "ambiguous";
					yield* t.warn(`${what} argument ${quoteLocale(arg)} for '--cached'`);
					yield* t.errText(
						`Valid arguments are:\n  - 'default'\n  - 'never'\n  - 'always'\n${tryHelp(t.name)}`,
					);
					return 1;
				}
				break;
			}
		}
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	if (format?.includes("%N")) {
		const q = t.env("QUOTING_STYLE");
		const known = QUOTING_STYLES.find((v) => v === q);
		s.quoting = known ?? "shell-escape-always";
		if (q !== undefined && known === undefined) {
			yield* t.warn(
				`ignoring invalid value of environment variable QUOTING_STYLE: ${quoteLocale(q)}`,
			);
		}
	}
	const st = new Stater(t, s, yield* UserDb.load(t.sys));
	let ok = true;
	for (const file of parsed.operands) {
		const r = s.fs
			? yield* statFs(t, st, file, format, terse)
			: yield* statFile(t, st, file, format, terse);
		if (r === null) return yield* t.finish(1);
		ok = r && ok;
	}
	return yield* t.finish(ok ? 0 : 1);
}

/** Print one file's output and diagnostics; null when the format was invalid (stat exits). */
function* emit(t: Tool, r: Expansion): Run<boolean | null> {
	for (const p of r.parts) {
		if (p.note) yield* complain(t, p.text);
		else yield* t.print(p.text);
	}
	if (r.invalid !== null) {
		yield* complain(t, `${quoteLocale(r.invalid)}: invalid directive`);
		return null;
	}
	return !r.failed;
}

/** error(): stdout is flushed before the message, as glibc does. */
function* complain(t: Tool, message: string): Run<void> {
	yield* t.out.flush();
	yield* t.warn(message);
}

function* statFile(
	t: Tool,
	st: Stater,
	file: string,
	format: string | null,
	terse: boolean,
): Run<boolean | null> {
	const { vfs, task } = t.sys;
	const stdin = file === "-";
	const r = attempt(() =>
		stdin ? vfs.fstat(task, 0) : st.s.follow ? vfs.stat(task, file) : vfs.lstat(task, file),
	);
	if (r instanceof KernelError) {
		yield* complain(
			t,
			stdin
				? `cannot stat standard input: ${r.strerror}`
				: `cannot statx ${quoteAlways(file)}: ${r.strerror}`,
		);
		return false;
	}
	const fmt = format ?? (terse ? FMT_TERSE_REGULAR : defaultFormat(isChr(r.mode) || isBlk(r.mode)));
	return yield* emit(
		t,
		st.expand(fmt, (d) => st.statDirective(d, file, r)),
	);
}

function* statFs(
	t: Tool,
	st: Stater,
	file: string,
	format: string | null,
	terse: boolean,
): Run<boolean | null> {
	if (file === "-") {
		yield* complain(
			t,
			`using ${quoteAlways("-")} to denote standard input does not work in file system mode`,
		);
		return false;
	}
	const r = attempt(() => t.sys.vfs.statfs(t.sys.task, file));
	if (r instanceof KernelError) {
		yield* complain(
			t,
			`cannot read file system information for ${quoteAlways(file)}: ${r.strerror}`,
		);
		return false;
	}
	const fmt = format ?? (terse ? FMT_TERSE_FS : FMT_FS);
	return yield* emit(
		t,
		st.expand(fmt, (d) => st.statfsDirective(d, file, r)),
	);
}
