/**
 * What libcgroup's classification code learns about a process from /proc
 * (api.c): its effective ids (cgroup_get_uid_gid_from_procfs), its name
 * as the rules compare it (cgroup_get_procname_from_procfs and its two
 * helpers) and its cgroups (cg_get_cgroups_from_proc_cgroups), each read
 * the way the C code reads it: fgets() into fixed buffers, sscanf(),
 * strtok(), POSIX basename(). Also realpath(3) over a CgOs.
 */

import { KernelError } from "../../../kernel/errno.ts";
import { ECGFAIL, ECGROUPNOTEXIST } from "./errors.ts";
import { asKernelError, FILENAME_MAX, type Libcg, MAX_MNT_ELEMENTS } from "./libcg.ts";
import type { CgOs } from "./os.ts";

/** TASK_COMM_LEN: /proc/PID/status shows at most 15 characters of the name. */
export const TASK_COMM_LEN = 16;

/** fgets(buf, size, f) repeated: the pieces of `text` it returns, each at most size - 1 characters. */
export function fgetsChunks(text: string, size: number): string[] {
	const out: string[] = [];
	let pos = 0;
	while (pos < text.length) {
		const nl = text.indexOf("\n", pos);
		const end = Math.min(nl < 0 ? text.length : nl + 1, pos + size - 1);
		out.push(text.slice(pos, end));
		pos = end;
	}
	return out;
}

/** A C string: the characters before the first NUL. */
export function cstr(s: string): string {
	const z = s.indexOf("\0");
	return z < 0 ? s : s.slice(0, z);
}

/**
 * sscanf("%d%d...") of `count` numbers: each skips white space, takes an
 * optional sign and decimal digits (strtol saturating to long, then
 * stored in an int). Returns the numbers converted before the first
 * failure.
 */
export function scanInts(s: string, count: number): number[] {
	const out: number[] = [];
	let rest = s;
	for (let i = 0; i < count; i++) {
		const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(rest);
		if (m === null) break;
		let v = BigInt(m[2] as string);
		if (m[1] === "-") v = -v;
		const lmax = (1n << 63n) - 1n;
		if (v > lmax) v = lmax;
		if (v < -lmax - 1n) v = -lmax - 1n;
		out.push(Number(BigInt.asIntN(32, v)));
		rest = rest.slice(m[0].length);
	}
	return out;
}

/**
 * sscanf("%i") of a directory entry name: the integer it starts with
 * (white space, sign, 0x for hex, 0 for octal), or null.
 */
export function scanI(s: string): number | null {
	const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
	if (m === null) return null;
	const body = m[2] as string;
	let v: number;
	if (/^0[xX]/.test(body)) v = Number.parseInt(body.slice(2), 16);
	else if (body.startsWith("0")) v = body.length > 1 ? Number.parseInt(body.slice(1), 8) : 0;
	else v = Number.parseInt(body, 10);
	if (m[1] === "-") v = -v;
	return v | 0;
}

/** POSIX basename(3) (libgen.h): trailing slashes dropped, "/" for slashes only, "." for "". */
export function posixBasename(path: string): string {
	if (path === "") return ".";
	const trimmed = path.replace(/\/+$/, "");
	if (trimmed === "") return "/";
	return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The path as POSIX basename() leaves it in place: glibc cuts the trailing slashes off. */
function basenameModifies(path: string): string {
	const trimmed = path.replace(/\/+$/, "");
	return trimmed === "" ? path : trimmed;
}

/** strncmp(a, b, n) === 0 for C strings. */
export function strnEq(a: string, b: string, n: number): boolean {
	return a.slice(0, n) === b.slice(0, n);
}

const MAXSYMLINKS = 40;

/**
 * realpath(3) of an absolute path over a CgOs: every symbolic link
 * followed, "." and ".." resolved, the result checked to exist. Throws
 * the KernelError of the failing lookup (ENOENT, ENOTDIR, ELOOP, ...).
 */
export function realpath(os: CgOs, path: string): string {
	const todo = path.split("/").filter((c) => c !== "");
	const done: string[] = [];
	let links = 0;
	if (!path.startsWith("/")) throw new KernelError("EINVAL");
	while (todo.length > 0) {
		const comp = todo.shift() as string;
		if (comp === ".") continue;
		if (comp === "..") {
			done.pop();
			continue;
		}
		const cand = `/${[...done, comp].join("/")}`;
		const st = os.lstat(cand);
		if (st.type === "link") {
			if (++links > MAXSYMLINKS) throw new KernelError("ELOOP");
			const target = os.readlink(cand);
			if (target.startsWith("/")) done.length = 0;
			todo.unshift(...target.split("/").filter((c) => c !== ""));
			continue;
		}
		if (todo.length > 0 && st.type !== "dir") throw new KernelError("ENOTDIR");
		done.push(comp);
	}
	return `/${done.join("/")}`;
}

/** cgroup_get_uid_gid_from_procfs(): [code, euid, egid] from the Uid: and Gid: lines of /proc/PID/status. */
export function cgroupGetUidGidFromProcfs(lc: Libcg, pid: number): [number, number, number] {
	let text: string;
	try {
		text = lc.os.readFile(`/proc/${pid}/status`);
	} catch {
		return [ECGROUPNOTEXIST, 0, 0];
	}
	let euid = 0;
	let egid = 0;
	let foundUid = false;
	let foundGid = false;
	for (const chunk of fgetsChunks(text, 4092)) {
		const buf = cstr(chunk);
		if (buf.startsWith("Uid:")) {
			const v = scanInts(buf.slice(5), 4);
			if (v.length !== 4) break;
			euid = (v[1] as number) >>> 0;
			lc.dbg(`Scanned proc values are ${v[0]} ${v[1]} ${v[2]} ${v[3]}\n`);
			foundUid = true;
		} else if (buf.startsWith("Gid:")) {
			const v = scanInts(buf.slice(5), 4);
			if (v.length !== 4) break;
			egid = (v[1] as number) >>> 0;
			lc.dbg(`Scanned proc values are ${v[0]} ${v[1]} ${v[2]} ${v[3]}\n`);
			foundGid = true;
		}
		if (foundUid && foundGid) break;
	}
	if (!foundUid || !foundGid) {
		lc.warn(`invalid file format of /proc/${pid}/status\n`);
		return [ECGFAIL, 0, 0];
	}
	return [0, euid, egid];
}

/** cg_get_procname_from_proc_status(): [code, name] from the Name: line of /proc/PID/status. */
export function cgGetProcnameFromProcStatus(lc: Libcg, pid: number): [number, string | null] {
	let text: string;
	try {
		text = lc.os.readFile(`/proc/${pid}/status`);
	} catch {
		return [ECGROUPNOTEXIST, null];
	}
	for (const chunk of fgetsChunks(text, 4092)) {
		let buf = cstr(chunk);
		if (!buf.startsWith("Name:")) continue;
		if (buf.endsWith("\n")) buf = buf.slice(0, -1);
		return [0, buf.slice(6)];
	}
	return [ECGFAIL, null];
}

/**
 * cg_get_procname_from_proc_cmdline(): the argument of /proc/PID/cmdline
 * whose basename matches the status name (a script run by an
 * interpreter), made absolute against /proc/PID/cwd with realpath().
 */
export function cgGetProcnameFromProcCmdline(
	lc: Libcg,
	pid: number,
	pnameStatus: string,
): [number, string | null] {
	let cwd: string;
	try {
		cwd = lc.os.readlink(`/proc/${pid}/cwd`).slice(0, FILENAME_MAX - 1);
	} catch {
		return [ECGROUPNOTEXIST, null];
	}
	let cmdline: string;
	try {
		cmdline = lc.os.readFile(`/proc/${pid}/cmdline`);
	} catch {
		return [ECGROUPNOTEXIST, null];
	}
	// fgetc() loop: each NUL-terminated argument (cut at FILENAME_MAX - 1), then the text after the last NUL.
	const args = cmdline.split("\0");
	for (const whole of args) {
		const arg = basenameModifies(whole.slice(0, FILENAME_MAX - 1));
		if (!strnEq(pnameStatus, posixBasename(arg), TASK_COMM_LEN - 1)) continue;
		if (arg.startsWith("/")) return [0, arg];
		try {
			return [0, realpath(lc.os, `${cwd}/${arg}`)];
		} catch (e) {
			return [lc.other(e), null];
		}
	}
	return [ECGFAIL, null];
}

/**
 * cgroup_get_procname_from_procfs(): the process's name for rule matching:
 * the full path of /proc/PID/exe when its basename matches the status
 * name, the script path from cmdline when an interpreter runs a script,
 * the exe path as a last resort, or the status name for kernel threads.
 */
export function cgroupGetProcnameFromProcfs(lc: Libcg, pid: number): [number, string | null] {
	const [ret, pnameStatus] = cgGetProcnameFromProcStatus(lc, pid);
	if (ret !== 0 || pnameStatus === null) return [ret, null];
	let exe: string;
	try {
		exe = cstr(lc.os.readlink(`/proc/${pid}/exe`)).slice(0, FILENAME_MAX - 1);
	} catch {
		return [0, pnameStatus];
	}
	if (strnEq(pnameStatus, posixBasename(exe), TASK_COMM_LEN - 1)) return [0, exe];
	const [r2, fromCmdline] = cgGetProcnameFromProcCmdline(lc, pid, pnameStatus);
	if (r2 === 0 && fromCmdline !== null) return [0, fromCmdline];
	return [0, exe];
}

/** strtok(s, delims) repeated: the non-empty runs of characters not in `delims`. */
export function strtokAll(s: string, delims: string): string[] {
	const out: string[] = [];
	let tok = "";
	for (const ch of s) {
		if (delims.includes(ch)) {
			if (tok !== "") out.push(tok);
			tok = "";
		} else tok += ch;
	}
	if (tok !== "") out.push(tok);
	return out;
}

/** The result of cg_get_cgroups_from_proc_cgroups(). */
export interface ProcCgroups {
	readonly ret: number;
	/** Each hierarchy's cgroup, without its leading "/" except for the root. */
	readonly cgroups: string[];
	/** The controller field of the same line ("cpu,cpuacct", "name=systemd"). */
	readonly controllers: string[];
}

/**
 * cg_get_cgroups_from_proc_cgroups(): the controllers and cgroups of
 * /proc/PID/cgroup, one per line that has three ":"-separated fields as
 * strtok() sees them (the cgroup2 line "0::/path" has two and is
 * skipped), at most `listLen`.
 */
export function cgGetCgroupsFromProcCgroups(
	lc: Libcg,
	pid: number,
	listLen = MAX_MNT_ELEMENTS,
): ProcCgroups {
	const cgroups: string[] = [];
	const controllers: string[] = [];
	let text: string;
	try {
		text = lc.os.readFile(`/proc/${pid}/cgroup`);
	} catch (e) {
		asKernelError(e);
		return { ret: ECGROUPNOTEXIST, cgroups, controllers };
	}
	for (const chunk of fgetsChunks(text, 4092)) {
		const toks = strtokAll(cstr(chunk), ":");
		const ctrl = toks[1];
		if (ctrl === undefined) continue;
		const name = toks[2];
		if (name === undefined) continue;
		let len = name.length;
		if (name.endsWith("\n")) len--;
		controllers.push(ctrl);
		cgroups.push(len > 1 ? name.slice(1, len) : name.slice(0, len));
		if (cgroups.length >= listLen) {
			lc.warn("Maximum mount elements reached. Consider increasing ");
			lc.warn("MAX_MNT_ELEMENTS\n");
			break;
		}
	}
	return { ret: 0, cgroups, controllers };
}
