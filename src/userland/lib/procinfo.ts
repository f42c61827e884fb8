/**
 * Reading processes from /proc as procps does: the numeric entries of
 * /proc, and for each /proc/<pid>/status, with /proc/<pid>/stat and
 * /proc/<pid>/cmdline when the kernel provides them.
 *
 * The emulated procfs has no stat or cmdline files yet. Without stat there
 * is no terminal (every process shows "?"), no CPU time (0) and no start
 * time: the /proc/<pid> directory's mtime stands in for it. Without cmdline
 * a process's arguments are its comm, and kernel threads' "[comm]".
 */

import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";
import { readDir } from "./files.ts";
import { readFile } from "./stdio.ts";

export interface ProcInfo {
	pid: number;
	ppid: number;
	pgid: number;
	sid: number;
	/** The state letter (R S D T t Z X I P). */
	state: string;
	comm: string;
	uid: number;
	euid: number;
	gid: number;
	egid: number;
	threads: number;
	kthread: boolean;
	/** argv from /proc/<pid>/cmdline (empty for kernel threads and zombies), null when unknown. */
	cmdline: string[] | null;
	/** tty_nr from stat, 0 when none or unknown. */
	tty: number;
	/** tpgid from stat (the terminal's foreground process group), -1 when none. */
	tpgid: number;
	/** utime + stime in clock ticks (USER_HZ = 100). */
	cpuTicks: number;
	nice: number;
	/** When the process started, ns since the epoch. */
	startNs: number;
}

/** The pids /proc lists, ascending. */
export function listPids(sys: Sys): number[] {
	try {
		return readDir(sys, "/proc")
			.map((e) => e.name)
			.filter((n) => /^[1-9][0-9]*$/.test(n))
			.map(Number)
			.sort((a, b) => a - b);
	} catch (e) {
		if (e instanceof KernelError) return [];
		throw e;
	}
}

function* tryRead(sys: Sys, path: string): Run<string | null> {
	try {
		return yield* readFile(sys, path);
	} catch (e) {
		if (e instanceof KernelError) return null;
		throw e;
	}
}

function field(status: string, name: string): string | null {
	const m = new RegExp(`^${name}:\\t(.*)$`, "m").exec(status);
	return m === null ? null : m[1]!;
}

/** The process `pid`, or null when it is gone (or never was). */
export function* readProc(sys: Sys, pid: number, bootNs: number): Run<ProcInfo | null> {
	const dir = `/proc/${pid}`;
	const status = yield* tryRead(sys, `${dir}/status`);
	if (status === null) return null;
	const num = (name: string, i = 0): number => Number((field(status, name) ?? "0").split("\t")[i]);
	const name = field(status, "Name") ?? "";
	const info: ProcInfo = {
		pid,
		ppid: num("PPid"),
		pgid: num("NSpgid"),
		sid: num("NSsid"),
		state: (field(status, "State") ?? "?")[0]!,
		comm: name.replace(/\\n/g, "\n").replace(/\\\\/g, "\\"),
		uid: num("Uid", 0),
		euid: num("Uid", 1),
		gid: num("Gid", 0),
		egid: num("Gid", 1),
		threads: num("Threads") || 1,
		kthread: field(status, "Kthread") === "1",
		cmdline: null,
		tty: 0,
		tpgid: -1,
		cpuTicks: 0,
		nice: 0,
		startNs: 0,
	};
	const cmdline = yield* tryRead(sys, `${dir}/cmdline`);
	if (cmdline !== null) {
		const parts = cmdline.split("\0");
		if (parts[parts.length - 1] === "") parts.pop();
		info.cmdline = parts;
	}
	const stat = yield* tryRead(sys, `${dir}/stat`);
	const fields = stat === null ? null : statFields(stat);
	if (fields !== null) {
		// Fields after "(comm)": 3 state, 4 ppid, 5 pgrp, 6 session, 7 tty_nr, 8 tpgid, ...
		info.tty = Number(fields[7]);
		info.tpgid = Number(fields[8]);
		info.cpuTicks = Number(fields[14]) + Number(fields[15]);
		info.nice = Number(fields[19]);
		info.startNs = bootNs + Number(fields[22]) * 1e7;
	} else {
		try {
			info.startNs = sys.vfs.stat(sys.task, dir).mtimeNs;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}
	return info;
}

/** /proc/<pid>/stat split into fields numbered as proc(5) does (1 = pid, 2 = comm). */
function statFields(stat: string): string[] | null {
	const close = stat.lastIndexOf(")");
	const open = stat.indexOf("(");
	if (close < 0 || open < 0) return null;
	const rest = stat
		.slice(close + 2)
		.trim()
		.split(" ");
	return ["", stat.slice(0, open).trim(), stat.slice(open + 1, close), ...rest];
}

/** The boot time (btime of /proc/stat) in ns since the epoch, or the emulated clock's. */
export function* bootTimeNs(sys: Sys): Run<number> {
	const stat = yield* tryRead(sys, "/proc/stat");
	const m = stat === null ? null : /^btime ([0-9]+)$/m.exec(stat);
	if (m !== null) return Number(m[1]) * 1e9;
	return sys.kernel.clock.bootEpochNs;
}

/** What ps shows as a process's arguments (args, cmd, command). */
export function argsText(p: ProcInfo): string {
	const zombie = p.state === "Z";
	const argv = p.cmdline;
	if (argv !== null && argv.length > 0 && !zombie) return argv.join(" ");
	if (argv === null && !p.kthread && !zombie) return p.comm;
	return zombie ? `[${p.comm}] <defunct>` : `[${p.comm}]`;
}
