/**
 * ps (procps-ng 4.0.2), the UNIX (SysV) syntax:
 * ps [-e|-A] [-a] [-d] [-N] [-f] [-o FORMAT]... [-p PIDLIST] [--ppid PIDLIST]
 *    [-C CMDLIST] [-u USERLIST] [-U USERLIST] [--no-headers]
 *
 * Without a selection ps shows the processes with its own effective uid
 * and terminal. PID columns are as wide as /proc/sys/kernel/pid_max has
 * digits. Exit status 1 when nothing was selected. See lib/procinfo.ts
 * for what the emulated /proc can and cannot tell. The memory columns
 * (vsz, rss, sz, %mem) come from the VmSize and VmRSS lines of
 * /proc/<pid>/status (none for kernel threads: 0) and MemTotal of
 * /proc/meminfo, as libproc2 reads them. BSD syntax (ps aux) is not
 * supported.
 */

import { KernelError } from "../../kernel/errno.ts";
import { UserDb } from "../lib/passwd.ts";
import { argsText, bootTimeNs, listPids, type ProcInfo, readProc } from "../lib/procinfo.ts";
import { readFile } from "../lib/stdio.ts";
import { calendar, MONTHS, pad2 } from "../lib/timefmt.ts";
import { PROCPS, Tool } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

interface Column {
	readonly header: string;
	readonly width: number;
	readonly right: boolean;
	/** May run past its width (and is not cut) when it is the last column. */
	readonly unlimited?: boolean;
	/** Needs the process's memory sizes (Ctx.mem). */
	readonly mem?: boolean;
	readonly value: (p: ProcInfo, c: Ctx) => string;
}

interface Ctx {
	readonly db: UserDb;
	readonly nowNs: number;
	readonly pidWidth: number;
	/** VmSize and VmRSS in kB by pid, read when a memory column is shown. */
	readonly mem: ReadonlyMap<number, MemSizes>;
	/** MemTotal of /proc/meminfo, in kB. */
	readonly memTotalKb: number;
}

interface MemSizes {
	readonly vszKb: number;
	readonly rssKb: number;
}

/** VmSize and VmRSS of /proc/<pid>/status; 0 for what is missing (kernel threads) or gone. */
function* readMemSizes(sys: Sys, pid: number): Run<MemSizes> {
	let status = "";
	try {
		status = yield* readFile(sys, `/proc/${pid}/status`);
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	const kb = (name: string): number =>
		Number(new RegExp(`^${name}:\\s*([0-9]+) kB$`, "m").exec(status)?.[1] ?? 0);
	return { vszKb: kb("VmSize"), rssKb: kb("VmRSS") };
}

/** memory_total(): MemTotal of /proc/meminfo in kB. */
function* readMemTotal(sys: Sys): Run<number> {
	try {
		const m = /^MemTotal:\s*([0-9]+) kB$/m.exec(yield* readFile(sys, "/proc/meminfo"));
		if (m !== null) return Number(m[1]);
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	return 0;
}

/** A memory column: right-aligned, from the process's sizes. */
function memCol(
	header: string,
	width: number,
	value: (m: MemSizes, c: Ctx) => string,
): () => Column {
	return () => ({
		header,
		width,
		right: true,
		mem: true,
		value: (p, c) => value(c.mem.get(p.pid) ?? { vszKb: 0, rssKb: 0 }, c),
	});
}

/** pr_pmem(): resident share of RAM in tenths of a percent, "%2u.%u", at most 99.9. */
function pmem(m: MemSizes, c: Ctx): string {
	const v = c.memTotalKb > 0 ? Math.min(999, Math.floor((m.rssKb * 1000) / c.memTotalKb)) : 0;
	return `${String(Math.floor(v / 10)).padStart(2)}.${v % 10}`;
}

const userText = (name: string, width: number): string =>
	name.length > width ? `${name.slice(0, width - 1)}+` : name;

function ttyName(tty: number): string {
	if (tty === 0) return "?";
	const major = (tty >> 8) & 0xfff;
	const minor = (tty & 0xff) | ((tty >> 12) & 0xfff00);
	if (major === 136) return `pts/${minor}`;
	if (major === 4) return `tty${minor}`;
	return "?";
}

/** [DD-]HH:MM:SS of a tick count (USER_HZ 100). */
function cputime(ticks: number): string {
	let s = Math.floor(ticks / 100);
	const days = Math.floor(s / 86400);
	s %= 86400;
	const hms = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
	return days > 0 ? `${days}-${hms}` : hms;
}

/** [[DD-]HH:]MM:SS of an elapsed time. */
function elapsed(ns: number): string {
	let s = Math.max(0, Math.floor(ns / 1e9));
	const days = Math.floor(s / 86400);
	s %= 86400;
	const h = Math.floor(s / 3600);
	const ms = `${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
	if (days > 0) return `${days}-${pad2(h)}:${ms}`;
	return h > 0 ? `${pad2(h)}:${ms}` : ms;
}

/** STIME: HH:MM today, MonDD this year, else the year. */
function stime(startNs: number, nowNs: number): string {
	const c = calendar(startNs);
	const age = nowNs - startNs;
	if (age < 86400e9) return `${pad2(c.hour)}:${pad2(c.minute)}`;
	if (age < 365 * 86400e9) return `${MONTHS[c.month]}${pad2(c.day)}`;
	return String(c.year);
}

function statText(p: ProcInfo): string {
	let s = p.state;
	if (p.nice < 0) s += "<";
	else if (p.nice > 0) s += "N";
	if (p.sid === p.pid) s += "s";
	if (p.threads > 1) s += "l";
	if (p.tpgid !== -1 && p.tpgid === p.pgid && p.tty !== 0) s += "+";
	return s;
}

function pidCol(header: string, value: (p: ProcInfo) => number): (w: number) => Column {
	return (w) => ({
		header,
		width: Math.max(w, header.length),
		right: true,
		value: (p) => String(value(p)),
	});
}

/** The format specifiers, by name; pid-like columns get the pid width. */
const SPECS: Record<string, (pidWidth: number) => Column> = {
	pid: pidCol("PID", (p) => p.pid),
	tgid: pidCol("TGID", (p) => p.pid),
	ppid: pidCol("PPID", (p) => p.ppid),
	pgid: pidCol("PGID", (p) => p.pgid),
	pgrp: pidCol("PGRP", (p) => p.pgid),
	sid: pidCol("SID", (p) => p.sid),
	sess: pidCol("SESS", (p) => p.sid),
	session: pidCol("SESS", (p) => p.sid),
	lwp: pidCol("LWP", (p) => p.pid),
	spid: pidCol("SPID", (p) => p.pid),
	tid: pidCol("TID", (p) => p.pid),
	state: () => ({ header: "S", width: 1, right: false, value: (p) => p.state }),
	s: () => ({ header: "S", width: 1, right: false, value: (p) => p.state }),
	stat: () => ({ header: "STAT", width: 4, right: false, value: statText }),
	comm: () => ({ header: "COMMAND", width: 15, right: false, value: (p) => p.comm }),
	ucmd: () => ({ header: "CMD", width: 15, right: false, value: (p) => p.comm }),
	ucomm: () => ({ header: "COMMAND", width: 15, right: false, value: (p) => p.comm }),
	args: () => ({ header: "COMMAND", width: 27, right: false, unlimited: true, value: argsText }),
	cmd: () => ({ header: "CMD", width: 27, right: false, unlimited: true, value: argsText }),
	command: () => ({ header: "COMMAND", width: 27, right: false, unlimited: true, value: argsText }),
	user: () => ({
		header: "USER",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.userName(p.euid), 8),
	}),
	euser: () => ({
		header: "EUSER",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.userName(p.euid), 8),
	}),
	uname: () => ({
		header: "USER",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.userName(p.euid), 8),
	}),
	ruser: () => ({
		header: "RUSER",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.userName(p.uid), 8),
	}),
	uid: () => ({ header: "UID", width: 5, right: true, value: (p) => String(p.euid) }),
	euid: () => ({ header: "EUID", width: 5, right: true, value: (p) => String(p.euid) }),
	ruid: () => ({ header: "RUID", width: 5, right: true, value: (p) => String(p.uid) }),
	group: () => ({
		header: "GROUP",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.groupName(p.egid), 8),
	}),
	egroup: () => ({
		header: "EGROUP",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.groupName(p.egid), 8),
	}),
	rgroup: () => ({
		header: "RGROUP",
		width: 8,
		right: false,
		value: (p, c) => userText(c.db.groupName(p.gid), 8),
	}),
	gid: () => ({ header: "GID", width: 5, right: true, value: (p) => String(p.egid) }),
	egid: () => ({ header: "EGID", width: 5, right: true, value: (p) => String(p.egid) }),
	rgid: () => ({ header: "RGID", width: 5, right: true, value: (p) => String(p.gid) }),
	tty: () => ({ header: "TT", width: 8, right: false, value: (p) => ttyName(p.tty) }),
	tname: () => ({ header: "TTY", width: 8, right: false, value: (p) => ttyName(p.tty) }),
	tt: () => ({ header: "TT", width: 8, right: false, value: (p) => ttyName(p.tty) }),
	time: () => ({ header: "TIME", width: 8, right: true, value: (p) => cputime(p.cpuTicks) }),
	cputime: () => ({ header: "TIME", width: 8, right: true, value: (p) => cputime(p.cpuTicks) }),
	etime: () => ({
		header: "ELAPSED",
		width: 11,
		right: true,
		value: (p, c) => elapsed(c.nowNs - p.startNs),
	}),
	etimes: () => ({
		header: "ELAPSED",
		width: 7,
		right: true,
		value: (p, c) => String(Math.max(0, Math.floor((c.nowNs - p.startNs) / 1e9))),
	}),
	stime: () => ({
		header: "STIME",
		width: 5,
		right: false,
		value: (p, c) => stime(p.startNs, c.nowNs),
	}),
	start_time: () => ({
		header: "START",
		width: 5,
		right: false,
		value: (p, c) => stime(p.startNs, c.nowNs),
	}),
	c: () => ({ header: "C", width: 2, right: true, value: () => "0" }),
	ni: () => ({ header: "NI", width: 3, right: true, value: (p) => String(p.nice) }),
	nice: () => ({ header: "NI", width: 3, right: true, value: (p) => String(p.nice) }),
	nlwp: () => ({ header: "NLWP", width: 4, right: true, value: (p) => String(p.threads) }),
	thcount: () => ({ header: "THCNT", width: 5, right: true, value: (p) => String(p.threads) }),
	vsz: memCol("VSZ", 6, (m) => String(m.vszKb)),
	vsize: memCol("VSZ", 6, (m) => String(m.vszKb)),
	rss: memCol("RSS", 5, (m) => String(m.rssKb)),
	rsz: memCol("RSZ", 5, (m) => String(m.rssKb)),
	// pr_sz(): VmSize in pages.
	sz: memCol("SZ", 5, (m) => String(Math.floor(m.vszKb / 4))),
	"%mem": memCol("%MEM", 4, pmem),
	pmem: memCol("%MEM", 4, pmem),
};

const DEFAULT_FORMAT = "pid,tname,time,ucmd";
const FULL_FORMAT = "user=UID,pid,ppid,c,stime,tname,time,args=CMD";

type Parsed =
	| {
			ok: true;
			formats: string[];
			full: boolean;
			all: boolean;
			sel: Selection;
			negate: boolean;
			headers: boolean;
	  }
	| { ok: false; message: string };

interface Selection {
	pids: number[];
	ppids: number[];
	commands: string[];
	euids: string[];
	ruids: string[];
	noSessionLeaders: boolean;
	ttyNonLeaders: boolean;
	any: boolean;
}

/** A PID list: comma- or blank-separated numbers. */
function pidList(text: string, what: string): number[] | string {
	if (text.trim() === "") return `list of ${what} IDs must follow -p`;
	const parts = text.split(/[, ]/);
	const out: number[] = [];
	for (const p of parts) {
		if (p === "") return "improper list";
		if (!/^[0-9]+$/.test(p)) return "process ID list syntax error";
		const n = Number(p);
		if (n < 1 || n > 0x7fffffff) return "process ID out of range";
		out.push(n);
	}
	return out;
}

function parseArgs(args: readonly string[]): Parsed {
	const sel: Selection = {
		pids: [],
		ppids: [],
		commands: [],
		euids: [],
		ruids: [],
		noSessionLeaders: false,
		ttyNonLeaders: false,
		any: false,
	};
	const formats: string[] = [];
	let full = false;
	let all = false;
	let negate = false;
	let headers = true;
	const fail = (message: string): Parsed => ({ ok: false, message });
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a.startsWith("--")) {
			const eq = a.indexOf("=");
			const name = a.slice(2, eq < 0 ? undefined : eq);
			const inline = eq < 0 ? null : a.slice(eq + 1);
			const value = (): string | null => inline ?? args[++i] ?? null;
			if (name === "no-headers" || name === "no-heading") headers = false;
			else if (name === "headers") headers = true;
			else if (name === "deselect") negate = true;
			else if (name === "pid" || name === "ppid") {
				const v = value();
				if (v === null) return fail(`list of process IDs must follow --${name}`);
				const l = pidList(v, "process");
				if (typeof l === "string") return fail(l);
				(name === "pid" ? sel.pids : sel.ppids).push(...l);
				sel.any = true;
			} else if (name === "format") {
				const v = value();
				if (v === null || v.trim() === "") return fail("format specification must follow --format");
				formats.push(v);
			} else if (name === "user" || name === "User") {
				const v = value();
				if (v === null) return fail("list of users must follow --user");
				(name === "user" ? sel.euids : sel.ruids).push(...v.split(/[, ]/));
				sel.any = true;
			} else if (name === "cols" || name === "columns" || name === "width" || name === "sort") {
				value();
			} else if (name === "help" || name === "version") {
				return { ok: false, message: `--${name}` };
			} else return fail("unknown gnu long option");
			continue;
		}
		if (!a.startsWith("-") || a === "-") return fail("unsupported option (BSD syntax)");
		for (let j = 1; j < a.length; j++) {
			const c = a[j]!;
			const rest = (): string | null => {
				const r = a.slice(j + 1);
				j = a.length;
				return r !== "" ? r : (args[++i] ?? null);
			};
			switch (c) {
				case "e":
				case "A":
					all = true;
					break;
				case "f":
					full = true;
					break;
				case "a":
					sel.ttyNonLeaders = true;
					sel.any = true;
					break;
				case "d":
					sel.noSessionLeaders = true;
					sel.any = true;
					break;
				case "N":
					negate = true;
					break;
				case "w":
				case "y":
					break;
				case "o": {
					const v = rest();
					if (v === null || v.trim() === "") return fail("format specification must follow -o");
					formats.push(v);
					break;
				}
				case "p": {
					const v = rest();
					if (v === null) return fail("list of process IDs must follow -p");
					const l = pidList(v, "process");
					if (typeof l === "string") return fail(l);
					sel.pids.push(...l);
					sel.any = true;
					break;
				}
				case "C": {
					const v = rest();
					if (v === null) return fail("list of command names must follow -C");
					sel.commands.push(...v.split(/[, ]/).filter((x) => x !== ""));
					sel.any = true;
					break;
				}
				case "u":
				case "U": {
					const v = rest();
					if (v === null) return fail(`list of users must follow -${c}`);
					(c === "u" ? sel.euids : sel.ruids).push(...v.split(/[, ]/));
					sel.any = true;
					break;
				}
				default:
					return fail("unsupported SysV option");
			}
		}
	}
	return { ok: true, formats, full, all, sel, negate, headers };
}

/** Columns of a format list ("pid,comm=NAME user"); a message when a name is unknown. */
function parseFormat(text: string, pidWidth: number): Column[] | string {
	const cols: Column[] = [];
	// "name=header" takes the rest of its comma-separated item as the header.
	for (const item of text.split(",")) {
		const eq = item.indexOf("=");
		const names = (eq < 0 ? item : item.slice(0, eq)).split(/\s+/).filter((x) => x !== "");
		for (let k = 0; k < names.length; k++) {
			const spec = SPECS[names[k]!];
			if (spec === undefined) return `unknown user-defined format specifier "${names[k]}"`;
			let col = spec(pidWidth);
			if (eq >= 0 && k === names.length - 1) {
				const header = item.slice(eq + 1);
				col = { ...col, header, width: Math.max(col.width, header.length) };
			}
			cols.push(col);
		}
		if (names.length === 0 && eq >= 0) return "improper format list";
	}
	return cols;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, "error");
	t.writeErrorName = "ps";
	const parsed = parseArgs(t.args);
	if (!parsed.ok) {
		if (parsed.message === "--version") {
			yield* t.print(`ps ${PROCPS}\n`);
			return yield* t.finish(0);
		}
		if (parsed.message === "--help") {
			yield* t.print(USAGE);
			return yield* t.finish(0);
		}
		yield* t.errText(`error: ${parsed.message}\n${USAGE}`);
		return 1;
	}
	const { sys } = t;
	let pidWidth = 5;
	try {
		const pm = (yield* readFile(sys, "/proc/sys/kernel/pid_max")).trim();
		if (/^[0-9]+$/.test(pm)) pidWidth = pm.length;
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	const formatText =
		parsed.formats.length > 0
			? parsed.formats.join(",")
			: parsed.full
				? FULL_FORMAT
				: DEFAULT_FORMAT;
	const cols = parseFormat(formatText, pidWidth);
	if (typeof cols === "string") {
		yield* t.errText(`error: ${cols}\n${USAGE}`);
		return 1;
	}
	const db = yield* UserDb.load(sys);
	const sel = parsed.sel;
	const userIds = (list: string[]): number[] | null => {
		const out: number[] = [];
		for (const u of list) {
			const e = db.userByName(u);
			if (e !== null) out.push(e.uid);
			else if (/^[0-9]+$/.test(u)) out.push(Number(u));
			else return null;
		}
		return out;
	};
	const euids = userIds(sel.euids);
	const ruids = userIds(sel.ruids);
	if (euids === null || ruids === null) {
		yield* t.errText(`error: user name does not exist\n${USAGE}`);
		return 1;
	}
	const bootNs = yield* bootTimeNs(sys);
	const me = yield* readProc(sys, sys.pid, bootNs);
	const myEuid = sys.task.cred.euid;
	const myTty = me?.tty ?? 0;
	const procs: ProcInfo[] = [];
	for (const pid of listPids(sys)) {
		const p = yield* readProc(sys, pid, bootNs);
		if (p === null) continue;
		let selected: boolean;
		if (parsed.all) selected = true;
		else if (sel.any) {
			selected =
				sel.pids.includes(p.pid) ||
				sel.ppids.includes(p.ppid) ||
				sel.commands.includes(p.comm) ||
				euids.includes(p.euid) ||
				ruids.includes(p.uid) ||
				(sel.noSessionLeaders && p.sid !== p.pid) ||
				(sel.ttyNonLeaders && p.sid !== p.pid && p.tty !== 0);
		} else selected = p.euid === myEuid && p.tty === myTty;
		if (selected !== parsed.negate) procs.push(p);
	}
	const mem = new Map<number, MemSizes>();
	let memTotalKb = 0;
	if (cols.some((col) => col.mem)) {
		for (const p of procs) mem.set(p.pid, yield* readMemSizes(sys, p.pid));
		memTotalKb = yield* readMemTotal(sys);
	}
	const c: Ctx = { db, nowNs: sys.kernel.clock.realtime(), pidWidth, mem, memTotalKb };
	const render = (cells: string[]): string => {
		let line = "";
		cells.forEach((cell, i) => {
			const col = cols[i]!;
			const last = i === cols.length - 1;
			let text = cell;
			if (!last && col.unlimited && text.length > col.width) text = text.slice(0, col.width);
			if (i > 0) line += " ";
			if (col.right) line += text.padStart(col.width);
			else line += last ? text : text.padEnd(col.width);
		});
		return `${line}\n`;
	};
	if (parsed.headers && cols.some((col) => col.header !== "")) {
		yield* t.print(render(cols.map((col) => col.header)));
	}
	for (const p of procs) yield* t.print(render(cols.map((col) => col.value(p, c))));
	return yield* t.finish(procs.length > 0 ? 0 : 1);
}
