/**
 * ls (GNU coreutils) in the C locale:
 * ls [-1aAdFhilLnprRsStUxCgo] [FILE]...
 *
 * Output to a terminal is in columns (COLUMNS or 80 wide, padded with tabs
 * as GNU does) with names quoted when a shell would misread them; anything
 * else gets one name per line, unquoted. Long listings follow GNU's layout:
 * right-aligned link counts and sizes, left-aligned owner and group names
 * (right-aligned numbers), "Mon DD HH:MM" for times within six months of
 * now (the emulated clock) and "Mon DD  YYYY" otherwise, in UTC.
 *
 * Exit status: 2 when a command-line operand cannot be accessed or its
 * directory opened, 1 for lesser trouble (a subdirectory of -R).
 */

import {
	isBlk,
	isChr,
	isDir,
	isLnk,
	isReg,
	major,
	minor,
	S_IFIFO,
	S_IFMT,
	S_IFSOCK,
	type Stat,
} from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { readDirKeepOpen } from "../lib/files.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { modeString } from "../lib/mode.ts";
import { UserDb } from "../lib/passwd.ts";
import { needsQuoting, quoteAlways } from "../lib/quote.ts";
import { isatty } from "../lib/stdio.ts";
import { calendar, MONTHS, pad2 } from "../lib/timefmt.ts";
import { attempt, COREUTILS, HELP_VERSION, joinPath, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "all", arg: "none", key: "a" },
	{ name: "almost-all", arg: "none", key: "A" },
	{ name: "classify", arg: "optional", key: "F" },
	{ name: "color", arg: "optional", key: "color" },
	{ name: "dereference", arg: "none", key: "L" },
	{ name: "directory", arg: "none", key: "d" },
	{ name: "human-readable", arg: "none", key: "h" },
	{ name: "inode", arg: "none", key: "i" },
	{ name: "numeric-uid-gid", arg: "none", key: "n" },
	{ name: "recursive", arg: "none", key: "R" },
	{ name: "reverse", arg: "none", key: "r" },
	{ name: "size", arg: "none", key: "s" },
	...HELP_VERSION,
];

/** Six months of the Gregorian year, the line between "recent" and "old" times. */
const SIX_MONTHS_NS = (31556952 / 2) * 1e9;

type Format = "long" | "one" | "columns" | "across";

interface Options {
	all: "none" | "almost" | "all";
	directory: boolean;
	format: Format;
	numeric: boolean;
	showOwner: boolean;
	showGroup: boolean;
	indicator: "none" | "slash" | "classify";
	human: boolean;
	inode: boolean;
	size: boolean;
	reverse: boolean;
	sort: "name" | "time" | "size" | "none";
	recursive: boolean;
	dereference: "always" | "cmdline-dirs" | "never";
	tty: boolean;
	width: number;
}

/** The columns of a long line. */
interface LongRow {
	mode: string;
	links: string;
	owner: string;
	ownerNum: boolean;
	group: string;
	groupNum: boolean;
	size: string;
	major: string;
	minor: string;
	date: string;
}

/** One name to list, with what lstat/stat said (null when not needed or failed). */
interface Entry {
	/** As shown: the operand, or the name within its directory. */
	name: string;
	/** Where it is, for system calls. */
	path: string;
	st: Stat | null;
	/** The symlink's target (long format). */
	target: string | null;
	/** What the symlink points to, when it exists. */
	targetSt: Stat | null;
	ino: number;
	/** d_type from readdir (for entries that could not be stat'ed). */
	dtype: number;
}

/** The type letters of d_type values. */
const DT_LETTERS: Record<number, string> = {
	1: "p",
	2: "c",
	4: "d",
	6: "b",
	8: "-",
	10: "l",
	12: "s",
};

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	t.writeErrorStatus = 2;
	const parsed = getopt(t.name, t.args, "1aACdFfghiLlnoprRsStUx", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 2;
	}
	const tty = isatty(t.sys, 1);
	const columnsEnv = Number(t.env("COLUMNS"));
	const o: Options = {
		all: "none",
		directory: false,
		format: tty ? "columns" : "one",
		numeric: false,
		showOwner: true,
		showGroup: true,
		indicator: "none",
		human: false,
		inode: false,
		size: false,
		reverse: false,
		sort: "name",
		recursive: false,
		dereference: "cmdline-dirs",
		tty,
		width: Number.isInteger(columnsEnv) && columnsEnv > 0 ? columnsEnv : 80,
	};
	let explicitDeref = false;
	for (const opt of parsed.opts) {
		const done = yield* t.standardOption(opt.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		switch (opt.key) {
			case "1":
				o.format = "one";
				break;
			case "a":
				o.all = "all";
				break;
			case "A":
				o.all = "almost";
				break;
			case "C":
				o.format = "columns";
				break;
			case "x":
				o.format = "across";
				break;
			case "d":
				o.directory = true;
				break;
			case "F":
				o.indicator = "classify";
				break;
			case "p":
				o.indicator = "slash";
				break;
			case "f":
				o.all = "all";
				o.sort = "none";
				if (o.format === "long") o.format = tty ? "columns" : "one";
				break;
			case "g":
				o.format = "long";
				o.showOwner = false;
				break;
			case "o":
				o.format = "long";
				o.showGroup = false;
				break;
			case "h":
				o.human = true;
				break;
			case "i":
				o.inode = true;
				break;
			case "L":
				o.dereference = "always";
				explicitDeref = true;
				break;
			case "l":
				o.format = "long";
				break;
			case "n":
				o.format = "long";
				o.numeric = true;
				break;
			case "r":
				o.reverse = true;
				break;
			case "R":
				o.recursive = true;
				break;
			case "s":
				o.size = true;
				break;
			case "S":
				o.sort = "size";
				break;
			case "t":
				o.sort = "time";
				break;
			case "U":
				o.sort = "none";
				break;
		}
	}
	if (!explicitDeref && (o.format === "long" || o.directory || o.indicator === "classify")) {
		o.dereference = "never";
	}
	const ls = new Lister(t, o, yield* UserDb.load(t.sys));
	return yield* ls.run(parsed.operands.length === 0 ? ["."] : parsed.operands);
}

class Lister {
	readonly t: Tool;
	readonly o: Options;
	readonly db: UserDb;
	status = 0;
	/** Something was listed already (a blank line goes before the next directory). */
	private printed = false;
	private readonly now: number;

	constructor(t: Tool, o: Options, db: UserDb) {
		this.t = t;
		this.o = o;
		this.db = db;
		this.now = t.sys.kernel.clock.realtime();
	}

	private get needStat(): boolean {
		const o = this.o;
		return (
			o.format === "long" ||
			o.indicator !== "none" ||
			o.size ||
			o.sort === "time" ||
			o.sort === "size" ||
			o.recursive ||
			o.dereference === "always"
		);
	}

	*run(operands: readonly string[]): Run<number> {
		const { sys } = this.t;
		const files: Entry[] = [];
		const dirs: Entry[] = [];
		for (const arg of operands) {
			let st = attempt(() =>
				this.o.dereference === "never" ? sys.vfs.lstat(sys.task, arg) : sys.vfs.stat(sys.task, arg),
			);
			if (st instanceof KernelError && this.o.dereference === "cmdline-dirs") {
				st = attempt(() => sys.vfs.lstat(sys.task, arg));
			}
			if (st instanceof KernelError) {
				yield* this.t.warn(`cannot access ${quoteAlways(arg)}: ${st.strerror}`);
				this.status = 2;
				continue;
			}
			const e = this.entry(arg, arg, st);
			if (isDir(st.mode) && !this.o.directory) dirs.push(e);
			else files.push(e);
		}
		const showNames = operands.length > 1 || this.o.recursive;
		if (files.length > 0) {
			yield* this.list(this.sorted(files), dirs);
			this.printed = true;
		}
		for (const d of this.sorted(dirs)) yield* this.listDir(d.path, showNames, true);
		return yield* this.t.finish(this.status);
	}

	private entry(name: string, path: string, st: Stat | null, ino = 0): Entry {
		const e: Entry = {
			name,
			path,
			st,
			target: null,
			targetSt: null,
			ino: st?.ino ?? ino,
			dtype: 0,
		};
		if (
			st !== null &&
			isLnk(st.mode) &&
			(this.o.format === "long" || this.o.indicator !== "none")
		) {
			const { sys } = this.t;
			const target = attempt(() => sys.vfs.readlink(sys.task, path));
			if (!(target instanceof KernelError)) e.target = target;
			const tst = attempt(() => sys.vfs.stat(sys.task, path));
			if (!(tst instanceof KernelError)) e.targetSt = tst;
		}
		return e;
	}

	private *listDir(path: string, showName: boolean, commandLine: boolean): Run<void> {
		const { sys } = this.t;
		if (this.printed) yield* this.t.print("\n");
		this.printed = true;
		const dir = attempt(() => readDirKeepOpen(sys, path));
		if (dir instanceof KernelError) {
			yield* this.t.warn(`cannot open directory ${quoteAlways(path)}: ${dir.strerror}`);
			this.status = commandLine ? 2 : Math.max(this.status, 1);
			return;
		}
		if (showName) yield* this.t.print(`${path}:\n`);
		const names = dir.entries.map((d) => ({ name: d.name, ino: d.ino, type: d.type }));
		if (this.o.all === "all" && dir.dots)
			names.unshift({ name: ".", ino: 0, type: 4 }, { name: "..", ino: 0, type: 4 });
		const entries: Entry[] = [];
		// Each entry is stat'ed while the directory is still open, as GNU's print_dir() does.
		try {
			yield* this.statEntries(path, names, entries);
		} finally {
			dir.close();
		}
		return yield* this.printDir(entries);
	}

	private *statEntries(
		path: string,
		names: { name: string; ino: number; type: number }[],
		entries: Entry[],
	): Run<void> {
		const { sys } = this.t;
		for (const { name, ino, type } of names) {
			if (this.o.all === "none" && name.startsWith(".")) continue;
			const p = joinPath(path, name);
			let st: Stat | null = null;
			if (this.needStat || name === "." || name === ".." || this.o.inode) {
				const r = attempt(() =>
					this.o.dereference === "always" ? sys.vfs.stat(sys.task, p) : sys.vfs.lstat(sys.task, p),
				);
				if (r instanceof KernelError) {
					if (this.needStat) {
						// GNU names entries of "." without the "./".
						const shown = path === "." ? name : p;
						yield* this.t.warn(`cannot access ${quoteAlways(shown)}: ${r.strerror}`);
						this.status = Math.max(this.status, 1);
					}
				} else st = r;
			}
			const e = this.entry(name, p, st, ino);
			e.dtype = type;
			entries.push(e);
		}
	}

	private *printDir(entries: Entry[]): Run<void> {
		const sorted = this.sorted(entries);
		if (this.o.format === "long" || this.o.size) {
			let blocks = 0;
			for (const e of sorted) blocks += e.st?.blocks ?? 0;
			const total = this.o.human ? human(blocks * 512) : String(Math.ceil(blocks / 2));
			yield* this.t.print(`total ${total}\n`);
		}
		yield* this.list(sorted);
		if (this.o.recursive) {
			for (const e of sorted) {
				if (e.name === "." || e.name === "..") continue;
				if (e.st !== null && isDir(e.st.mode)) yield* this.listDir(e.path, true, false);
			}
		}
	}

	private sorted(entries: Entry[]): Entry[] {
		const o = this.o;
		// sort_files(): unsorted (-U, -f) returns before -r could apply.
		if (o.sort === "none") return entries;
		const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
		const cmp = (a: Entry, b: Entry): number => {
			if (o.sort === "time") {
				const d = (b.st?.mtimeNs ?? 0) - (a.st?.mtimeNs ?? 0);
				if (d !== 0) return d;
			} else if (o.sort === "size") {
				const d = (b.st?.size ?? 0) - (a.st?.size ?? 0);
				if (d !== 0) return d;
			}
			return byName(a, b);
		};
		return [...entries].sort((a, b) => (o.reverse ? -cmp(a, b) : cmp(a, b)));
	}

	/** The name as shown: quoted on a terminal when needed, with its indicator. */
	private displayName(e: Entry): string {
		let name = this.o.tty ? quoteTty(e.name) : e.name;
		if (this.o.format === "long" && e.target !== null) {
			let target = this.o.tty ? quoteTty(e.target) : e.target;
			if (this.o.indicator === "classify" && e.targetSt !== null) {
				target += indicator(e.targetSt, this.o.indicator);
			}
			return `${name} -> ${target}`;
		}
		if (this.o.indicator !== "none") {
			// Without a stat, the type readdir gave (GNU still shows "dangling@" after the error).
			if (e.st !== null) name += indicator(e.st, this.o.indicator);
			else if (e.dtype === 4) name += "/";
			else if (e.dtype === 10 && this.o.indicator === "classify") name += "@";
		}
		return name;
	}

	/**
	 * Print `entries`; column widths also count `alsoAligned` (GNU aligns the
	 * files named on the command line with the directories named there).
	 */
	private *list(entries: Entry[], alsoAligned: Entry[] = []): Run<void> {
		if (entries.length === 0) return;
		const aligned = [...entries, ...alsoAligned];
		let names = entries.map((e) => this.displayName(e));
		// On a terminal, unquoted names get a space when others start with a quote.
		if (this.o.tty && entries.some((e) => needsQuoting(e.name))) {
			names = names.map((n, i) => (needsQuoting(entries[i]!.name) ? n : ` ${n}`));
		}
		const prefixes = this.prefixes(aligned);
		if (this.o.format === "long") {
			const lines = this.longLines(aligned);
			for (let i = 0; i < entries.length; i++) {
				yield* this.t.print(`${prefixes[i]}${lines[i]}${names[i]}\n`);
			}
			return;
		}
		const cells = names.map((n, i) => `${prefixes[i]}${n}`);
		if (this.o.format === "one") {
			for (const c of cells) yield* this.t.print(`${c}\n`);
			return;
		}
		yield* this.t.print(columns(cells, this.o.width, this.o.format === "across"));
	}

	/** The -i and -s columns. */
	private prefixes(entries: Entry[]): string[] {
		const inodes = entries.map((e) => String(e.ino));
		const sizes = entries.map((e) =>
			e.st === null
				? "?"
				: this.o.human
					? human(e.st.blocks * 512)
					: String(Math.ceil(e.st.blocks / 2)),
		);
		const iw = Math.max(...inodes.map((s) => s.length));
		const sw = Math.max(...sizes.map((s) => s.length));
		return entries.map((_, i) => {
			let p = "";
			if (this.o.inode) p += `${inodes[i]!.padStart(iw)} `;
			if (this.o.size) p += `${sizes[i]!.padStart(sw)} `;
			return p;
		});
	}

	/** Everything of a long line before the name, aligned over all entries. */
	private longLines(entries: Entry[]): string[] {
		const rows: LongRow[] = entries.map((e) => {
			const st = e.st;
			if (st === null) {
				return {
					mode: `${DT_LETTERS[e.dtype] ?? "?"}?????????`,
					links: "?",
					owner: "?",
					ownerNum: false,
					group: "?",
					groupNum: false,
					size: "?",
					major: "",
					minor: "",
					date: "           ?",
				};
			}
			const u = this.o.numeric ? null : this.db.userById(st.uid);
			const g = this.o.numeric ? null : this.db.groupById(st.gid);
			const dev = isChr(st.mode) || isBlk(st.mode);
			return {
				mode: modeString(st.mode),
				links: String(st.nlink),
				owner: u?.name ?? String(st.uid),
				ownerNum: u === null,
				group: g?.name ?? String(st.gid),
				groupNum: g === null,
				size: dev ? "" : this.o.human ? human(st.size) : String(st.size),
				major: dev ? String(major(st.rdev)) : "",
				minor: dev ? String(minor(st.rdev)) : "",
				date: this.date(st.mtimeNs),
			};
		});
		const width = (f: (r: LongRow) => string): number =>
			Math.max(0, ...rows.map((r) => f(r).length));
		const lw = width((r) => r.links);
		const ow = width((r) => r.owner);
		const gw = width((r) => r.group);
		const majw = width((r) => r.major);
		const minw = width((r) => r.minor);
		const sw = Math.max(
			width((r) => r.size),
			majw > 0 ? majw + 2 + minw : 0,
		);
		const pad = (s: string, w: number, num: boolean): string => (num ? s.padStart(w) : s.padEnd(w));
		return rows.map((r) => {
			let line = `${r.mode} ${r.links.padStart(lw)} `;
			if (this.o.showOwner) line += `${pad(r.owner, ow, r.ownerNum)} `;
			if (this.o.showGroup) line += `${pad(r.group, gw, r.groupNum)} `;
			const size = r.major !== "" ? `${r.major.padStart(majw)}, ${r.minor.padStart(minw)}` : r.size;
			return `${line}${size.padStart(sw)} ${r.date} `;
		});
	}

	/** "Mon DD HH:MM" within six months before now, "Mon DD  YYYY" otherwise. */
	private date(ns: number): string {
		const c = calendar(ns);
		const day = String(c.day).padStart(2);
		const recent = ns > this.now - SIX_MONTHS_NS && ns <= this.now;
		return recent
			? `${MONTHS[c.month]} ${day} ${pad2(c.hour)}:${pad2(c.minute)}`
			: `${MONTHS[c.month]} ${day}  ${c.year}`;
	}
}

/** The character -F (or -p, directories only) appends. */
function indicator(st: Stat, style: "slash" | "classify" | "none"): string {
	if (isDir(st.mode)) return "/";
	if (style !== "classify") return "";
	if (isLnk(st.mode)) return "@";
	if ((st.mode & S_IFMT) === S_IFIFO) return "|";
	if ((st.mode & S_IFMT) === S_IFSOCK) return "=";
	if (isReg(st.mode) && st.mode & 0o111) return "*";
	return "";
}

function quoteTty(name: string): string {
	return needsQuoting(name) ? quoteAlways(name) : name;
}

/** human_readable() with -h: powers of 1024, rounded up, one decimal below 10. */
export function human(n: number): string {
	if (n < 1024) return String(n);
	const units = "KMGTPEZY";
	let v = n;
	let k = -1;
	while (v >= 1024 && k < units.length - 1) {
		v /= 1024;
		k++;
	}
	if (v < 10) {
		const tenths = Math.ceil(v * 10 - 1e-9) / 10;
		if (tenths < 10) return `${tenths.toFixed(1)}${units[k]}`;
		return `10${units[k]}`;
	}
	const whole = Math.ceil(v - 1e-9);
	if (whole >= 1024 && k < units.length - 1) return `1.0${units[k + 1]}`;
	return `${whole}${units[k]}`;
}

/**
 * Multi-column output: as many columns as fit in `width` (each as wide as
 * its longest name plus two, the last without the two), filled down the
 * columns (or across with -x), padded with tabs to 8-column stops.
 */
function columns(cells: string[], width: number, across: boolean): string {
	const n = cells.length;
	const lens = cells.map((c) => c.length);
	let best = 1;
	let bestWidths = [Math.max(...lens)];
	const maxCols = Math.min(n, Math.max(1, Math.floor(width / 3)));
	for (let cols = 2; cols <= maxCols; cols++) {
		const rows = Math.ceil(n / cols);
		const widths = new Array<number>(cols).fill(0);
		for (let i = 0; i < n; i++) {
			const col = across ? i % cols : Math.floor(i / rows);
			const w = lens[i]! + (col === cols - 1 ? 0 : 2);
			if (w > widths[col]!) widths[col] = w;
		}
		if (widths.includes(0)) continue;
		const total = widths.reduce((a, b) => a + b, 0);
		if (total < width) {
			best = cols;
			bestWidths = widths;
		}
	}
	const rows = Math.ceil(n / best);
	let out = "";
	for (let r = 0; r < rows; r++) {
		let pos = 0;
		let line = "";
		for (let c = 0; c < best; c++) {
			const i = across ? r * best + c : r + c * rows;
			if (i >= n || (across && c >= best)) break;
			const next = across ? r * best + c + 1 : r + (c + 1) * rows;
			line += cells[i]!;
			if (next >= n || c === best - 1) break;
			const from = pos + lens[i]!;
			const to = pos + bestWidths[c]!;
			line += indent(from, to);
			pos = to;
		}
		out += `${line}\n`;
	}
	return out;
}

/** Spaces and tabs from column `from` to `to`, tabs where a whole tab stop fits. */
function indent(from: number, to: number): string {
	let out = "";
	let pos = from;
	while (pos < to) {
		if (Math.floor(to / 8) > Math.floor((pos + 1) / 8)) {
			out += "\t";
			pos += 8 - (pos % 8);
		} else {
			out += " ";
			pos++;
		}
	}
	return out;
}
