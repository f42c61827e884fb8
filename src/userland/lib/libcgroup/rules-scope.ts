/**
 * The -r option of cgexec and cgclassify (3.1.0, WITH_SYSTEMD): find the
 * libcgroup_systemd_idle_thread process that keeps a systemd scope alive,
 * move the new task into the scope's name=systemd (and, in hybrid mode,
 * unified) cgroup, and kill the idle thread. The two tools carry their own
 * copies of these helpers in C, with small differences kept here as a
 * `variant`. Killing needs a capability the platform may give its CgOs
 * (CgKill); without it kill() fails with ENOSYS.
 */

import { KernelError } from "../../../kernel/errno.ts";
import {
	cgroupGetProcs,
	isCgroupModeHybrid,
	isCgroupModeLegacy,
	isCgroupModeUnified,
	openError,
} from "./api.ts";
import { ECGOTHER, ECGROUPNOTALLOWED, ECGROUPNOTEXIST, ECGROUPNOTOWNER } from "./errors.ts";
import {
	asKernelError,
	CONTROL_NAMELEN_MAX,
	FILENAME_MAX,
	type Libcg,
	MAX_MNT_ELEMENTS,
} from "./libcg.ts";
import type { CgOs } from "./os.ts";
import { cstr, fgetsChunks } from "./rules-procfs.ts";

export const SYSTEMD_IDLE_THREAD = "libcgroup_systemd_idle_thread";
export const SIGTERM = 15;

/** kill(2), a capability the platform's CgOs may have. Throws the KernelError of a failure. */
export interface CgKill {
	kill(pid: number, signal: number): void;
}

/** The CgKill of a CgOs, or null. */
export function cgKillOf(os: CgOs): CgKill | null {
	const k = os as CgOs & Partial<CgKill>;
	return typeof k.kill === "function" ? (k as CgOs & CgKill) : null;
}

/** kill(pid, signal) through the CgOs: null or the KernelError. */
export function cgKill(os: CgOs, pid: number, signal: number): KernelError | null {
	const k = cgKillOf(os);
	if (k === null) return new KernelError("ENOSYS");
	try {
		k.kill(pid, signal);
		return null;
	} catch (e) {
		return asKernelError(e);
	}
}

/**
 * sscanf() of a /proc/PID/cgroup line with "%d::%4096s" (`unified`) or
 * "%d:%[^:]:%4096s": [conversions, controller, cgroup]; -1 when the line
 * ends before the first conversion.
 */
export function scanCgroupLine(line: string, unified: boolean): [number, string, string] {
	let pos = 0;
	let n = 0;
	let ctrl = "";
	let name = "";
	const ws = (c: string | undefined) => c !== undefined && /[ \t\n\v\f\r]/.test(c);
	while (ws(line[pos])) pos++;
	const d = /^[+-]?[0-9]+/.exec(line.slice(pos));
	if (pos >= line.length) return [-1, ctrl, name];
	if (d === null) return [0, ctrl, name];
	pos += d[0].length;
	n++;
	const literal = (c: string): boolean => {
		if (line[pos] !== c) return false;
		pos++;
		return true;
	};
	if (!literal(":")) return [n, ctrl, name];
	if (!unified) {
		const start = pos;
		while (pos < line.length && line[pos] !== ":") pos++;
		if (pos === start) return [n, ctrl, name];
		ctrl = line.slice(start, pos);
		n++;
	}
	if (!literal(":")) return [n, ctrl, name];
	while (ws(line[pos])) pos++;
	if (pos >= line.length) return [n, ctrl, name];
	const start = pos;
	while (pos < line.length && pos - start < 4096 && !ws(line[pos])) pos++;
	name = line.slice(start, pos);
	return [n + 1, ctrl, name];
}

/** search_systemd_idle_thread_task(): the first pid whose cmdline is the idle thread's, or -1. */
export function searchSystemdIdleThreadTask(lc: Libcg, pids: readonly number[]): number {
	for (const pid of pids) {
		let text: string;
		try {
			text = lc.os.readFile(`/proc/${pid >>> 0}/cmdline`);
		} catch {
			continue;
		}
		const first = fgetsChunks(text, FILENAME_MAX)[0];
		if (first !== undefined && cstr(first) === SYSTEMD_IDLE_THREAD) return pid;
	}
	return -1;
}

/**
 * find_mnt_point(): the mount point (second field) of the first line of
 * /proc/mounts containing `controller` (cgclassify's variant also wants
 * "name=systemd" followed by " " or ","); null when none.
 */
export function findMntPoint(
	lc: Libcg,
	controller: string,
	variant: "cgexec" | "cgclassify",
): string | null {
	let text: string;
	try {
		text = lc.os.readFile("/proc/mounts");
	} catch (e) {
		lc.os.stderr(`Failed to read /proc/mounts:${asKernelError(e).strerror}\n`);
		return null;
	}
	for (const chunk of fgetsChunks(text, FILENAME_MAX * 2)) {
		const line = cstr(chunk);
		if (!line.includes(controller)) continue;
		if (variant === "cgclassify" && controller === "name=systemd") {
			if (!line.includes("name=systemd ") && !line.includes("name=systemd,")) continue;
		}
		const f = line.split(/[ \t\n\v\f\r]+/).filter((w) => w !== "");
		if (f[1] === undefined) {
			lc.os.stderr("Failed during read of /proc/mounts:Success\n");
			return null;
		}
		return f[1].slice(0, 4096);
	}
	return null;
}

/** fopen(path, "we") + fprintf(pid) + fflush, errors of the write ignored: false when the open fails. */
function writePid(lc: Libcg, path: string, pid: number): boolean {
	if (openError(lc, path, "w") !== null) return false;
	try {
		lc.os.writeFile(path, String(pid), "w");
	} catch {
		// fflush()'s error is not checked.
	}
	return true;
}

/** write_systemd_unified(): move `pid` into the scope in the name=systemd (and unified) hierarchy. */
export function writeSystemdUnified(
	lc: Libcg,
	scopeName: string,
	pid: number,
	variant: "cgexec" | "cgclassify",
): number {
	const sd = findMntPoint(lc, variant === "cgexec" ? "name=systemd " : "name=systemd", variant);
	if (sd === null) {
		lc.os.stderr("Unable find name=systemd cgroup path\n");
		return -1;
	}
	const sdPath = `${sd}/${scopeName}/cgroup.procs`;
	if (openError(lc, sdPath, "w") !== null) {
		lc.os.stderr(`Failed to open ${sdPath}\n`);
		return -1;
	}
	let uniPath: string | null = null;
	if (isCgroupModeHybrid(lc)) {
		const uni = findMntPoint(lc, variant === "cgexec" ? "unified cgroup2" : "unified", variant);
		if (uni === null) {
			lc.os.stderr("Unable find unified cgroup path\n");
			return -1;
		}
		uniPath = `${uni}/${scopeName}/cgroup.procs`;
		if (openError(lc, uniPath, "w") !== null) {
			lc.os.stderr(`Failed to open ${uniPath}\n`);
			return -1;
		}
	}
	writePid(lc, sdPath, pid);
	if (uniPath !== null) writePid(lc, uniPath, pid);
	return 0;
}

/** is_scope_parsed(): a per-program table of the scopes searched already (static in C). */
export class ParsedScopes {
	private readonly seen: string[] = [];

	/** true when `path` was seen; otherwise remembers it (up to MAX_MNT_ELEMENTS) and returns false. */
	check(path: string): boolean {
		if (this.seen.includes(path)) return true;
		if (this.seen.length < MAX_MNT_ELEMENTS) this.seen.push(path);
		return false;
	}
}

/** struct cgroup_info of cgclassify: a hierarchy of the pid captured for a rollback. */
export interface CapturedCgroup {
	readonly ctrlName: string;
	readonly cgrpPath: string;
}

/** The state of one find_scope_pid() run of cgclassify (its info[] global) and of the scope table. */
export interface ScopeSearch {
	readonly parsed: ParsedScopes;
	captured: CapturedCgroup[];
}

/**
 * find_scope_pid(): the pid of the idle thread of the systemd scope the
 * process is in, after moving `pid` (cgexec: getpid()) into that scope's
 * name=systemd cgroup on v1; -1 on failure (printed). cgclassify's
 * `capture` mode only records the process's cgroups and returns 0.
 */
export function findScopePid(
	lc: Libcg,
	pid: number,
	variant: "cgexec" | "cgclassify",
	search: ScopeSearch,
	capture = false,
): number {
	const path = `/proc/${pid >>> 0}/cgroup`;
	let text: string;
	try {
		text = lc.os.readFile(path);
	} catch {
		lc.os.stderr(`Failed to open: ${path}\n`);
		return -1;
	}
	let scopePid = -1;
	let scopeName = "";
	let foundSystemd = false;
	let foundUnified = false;
	let i = 0;
	const captured: CapturedCgroup[] = [];
	const unifiedMode = isCgroupModeUnified(lc);
	for (const chunk of fgetsChunks(text, FILENAME_MAX)) {
		const buffer = cstr(chunk);
		if (variant === "cgclassify" && i >= MAX_MNT_ELEMENTS) {
			lc.os.stderr("Found more than MAX_MNT_ELEMENTS controllers\n");
			return -1;
		}
		const isUnifiedLine = buffer.includes("::");
		let [ret, ctrlName, cgroupName] = scanCgroupLine(buffer, isUnifiedLine);
		if (isUnifiedLine && variant === "cgclassify") ctrlName = "unified";
		ctrlName = ctrlName.slice(0, CONTROL_NAMELEN_MAX - 1);
		if (ret !== 2 && ret !== 3) {
			lc.os.stderr(`Unrecognized cgroup file format: ${buffer}\n`);
			return -1;
		}
		if (variant === "cgclassify") {
			const comma = ctrlName.indexOf(",");
			if (comma >= 0) ctrlName = ctrlName.slice(0, comma);
			if (capture) captured[i] = { ctrlName, cgrpPath: cgroupName };
			if (!unifiedMode) {
				if (ret === 3 && ctrlName.startsWith("name=")) {
					if (ctrlName === "name=systemd") {
						i++;
						foundSystemd = true;
					}
					continue;
				}
				if (ret === 2) {
					i++;
					foundUnified = true;
					continue;
				}
			}
			i++;
			if (capture) continue;
		} else if (!unifiedMode) {
			if (ret === 3 && ctrlName.startsWith("name=systemd")) {
				foundSystemd = true;
				continue;
			}
			if (ret === 2) {
				foundUnified = true;
				continue;
			}
		}
		if (!cgroupName.includes(".scope") || !cgroupName.includes(".slice")) continue;
		if (search.parsed.check(cgroupName)) continue;
		if (variant === "cgexec") {
			const comma = ctrlName.indexOf(",");
			if (comma >= 0) ctrlName = ctrlName.slice(0, comma);
		}
		const [r, pids] = cgroupGetProcs(lc, cgroupName, ret === 2 ? null : ctrlName);
		if (r !== 0) {
			lc.os.stderr(`Failed to read cgroup.procs of cgroup: ${cgroupName.slice(1)}\n`);
			return -1;
		}
		const found = searchSystemdIdleThreadTask(lc, pids);
		if (found === -1) continue;
		if (scopePid === -1) {
			scopeName = cgroupName;
			scopePid = found;
			continue;
		}
		if (found !== scopePid) {
			lc.os.stderr("Failed to replace scope idle_thread, found two idle_thread\n");
			lc.os.stderr(` ${scopePid >>> 0} ${found >>> 0}\n`);
			return -1;
		}
	}
	if (capture) {
		search.captured = captured;
		return 0;
	}
	if (scopePid === -1) {
		lc.os.stderr("Failed to find idle_thread task\n");
		return -1;
	}
	if (isCgroupModeLegacy(lc) && (!foundSystemd || foundUnified)) {
		lc.os.stderr("cgroup legacy setup incorrect\n");
		return -1;
	}
	if (isCgroupModeHybrid(lc) && (!foundSystemd || !foundUnified)) {
		lc.os.stderr("cgroup hybrid setup incorrect\n");
		return -1;
	}
	if (foundSystemd) {
		const movePid = variant === "cgexec" ? lc.os.getpid() : pid;
		if (writeSystemdUnified(lc, scopeName, movePid, variant) !== 0) return -1;
	}
	// cgclassify marks the end of its captured table at the count of this run.
	if (variant === "cgclassify" && search.captured.length > i) search.captured.length = i;
	return scopePid;
}

/** cgclassify's attach_task_pid(): like __cgroup_attach_task_pid() but printing on stderr. */
function attachTaskPid(lc: Libcg, path: string, tid: number): number {
	const openErr = openError(lc, path, "w");
	if (openErr !== null) {
		lc.os.stderr(`cannot write tid ${tid} to ${path}:${openErr.strerror}\n`);
		return openErr.code === "EPERM"
			? ECGROUPNOTOWNER
			: openErr.code === "ENOENT"
				? ECGROUPNOTEXIST
				: ECGROUPNOTALLOWED;
	}
	try {
		lc.os.writeFile(path, String(tid), "w");
		return 0;
	} catch (e) {
		lc.os.stderr(`cannot write tid ${tid} to ${path}:${asKernelError(e).strerror}\n`);
		return ECGOTHER;
	}
}

/** rollback_pid_cgroups(): put `pid` back into the cgroups captured before the move. */
export function rollbackPidCgroups(
	lc: Libcg,
	pid: number,
	captured: readonly CapturedCgroup[],
): number {
	if (isCgroupModeUnified(lc)) {
		const dir = lc.buildPath(captured[0]?.cgrpPath ?? "", null) ?? "";
		return attachTaskPid(lc, `${dir}/cgroup.procs`, pid);
	}
	let err = 0;
	for (const info of captured) {
		if (info.ctrlName === "") break;
		let procPath: string;
		if (info.ctrlName === "name=systemd") {
			const mnt = findMntPoint(lc, "name=systemd", "cgclassify");
			if (mnt === null) {
				lc.os.stderr("Unable find name=systemd cgroup path\n");
				return -1;
			}
			procPath = `${mnt}/${info.cgrpPath}/cgroup.procs`;
		} else if (isCgroupModeHybrid(lc) && info.ctrlName === "unified") {
			const mnt = findMntPoint(lc, "unified cgroup2", "cgclassify");
			if (mnt === null) {
				lc.os.stderr("Unable find unified cgroup path\n");
				return -1;
			}
			procPath = `${mnt}/${info.cgrpPath}/cgroup.procs`;
		} else {
			procPath = `${lc.buildPath(info.cgrpPath, info.ctrlName) ?? ""}/cgroup.procs`;
		}
		if (attachTaskPid(lc, procPath, pid) !== 0) err = -1;
	}
	return err;
}
