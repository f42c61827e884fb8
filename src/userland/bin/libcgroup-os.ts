/**
 * libcgroup's tools as programs of the emulated host: a CgOs
 * (lib/libcgroup/os.ts) over the calling process's system calls, and the
 * wrapper that turns a tool's main (lib/libcgroup/tools/env.ts) into a
 * program. stdout is collected and written when the tool returns, as C
 * stdio flushes a fully buffered stdout at exit; stderr is written in
 * order with it at the end too (no tool here interleaves the two on
 * purpose). cgexec's exec request is carried out with execvp().
 *
 * The tools run with an EmulatedToolCgOs, which adds the optional
 * capabilities of the library: mount(2)/umount(2) (CgMountOs, the mount
 * section of cgconfig.conf), kill(2) (CgKill, -r of cgexec and
 * cgclassify) and the cgrulesengd client (CgredClient, --sticky). The
 * plain EmulatedCgOs has none of them (cgrulesengd and library tests use
 * it).
 */

import {
	O_APPEND,
	O_CREAT,
	O_DIRECTORY,
	O_RDONLY,
	O_RDWR,
	O_TRUNC,
	O_WRONLY,
	S_IFDIR,
	S_IFLNK,
	S_IFMT,
	S_IFREG,
	S_IFSOCK,
} from "../../fs/constants.ts";
import { DT_DIR, DT_LNK, DT_REG } from "../../fs/inode.ts";
import { binaryToUtf8 } from "../../kernel/bytes.ts";
import { KernelError } from "../../kernel/errno.ts";
import { AF_UNIX, SOCK_STREAM } from "../../kernel/net/defs.ts";
import { execvp, getenv } from "../lib/execvp.ts";
import type { CgMountOs } from "../lib/libcgroup/config.ts";
import type { CgDirent, CgOs, CgStat } from "../lib/libcgroup/os.ts";
import {
	CGRULE_CGRED_SOCKET_PATH,
	CGRULE_SUCCESS_STORE_PID,
	type CgredClient,
} from "../lib/libcgroup/rules.ts";
import type { CgKill } from "../lib/libcgroup/rules-scope.ts";
import type { ToolMain } from "../lib/libcgroup/tools/env.ts";
import { Output } from "../lib/stdio.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, ProgramMain, Run } from "../proc/types.ts";

function statType(mode: number): CgStat["type"] {
	switch (mode & S_IFMT) {
		case S_IFDIR:
			return "dir";
		case S_IFREG:
			return "file";
		case S_IFLNK:
			return "link";
		case S_IFSOCK:
			return "socket";
		default:
			return "other";
	}
}

/** DT_SOCK of getdents64's d_type. */
const DT_SOCK = 12;

function direntType(t: number): CgDirent["type"] {
	if (t === DT_DIR) return "dir";
	if (t === DT_REG) return "file";
	if (t === DT_LNK) return "link";
	if (t === DT_SOCK) return "socket";
	return "other";
}

/** A CgOs over the system calls of the process `sys`; output is collected in `out`/`err`. */
export class EmulatedCgOs implements CgOs {
	readonly sys: Sys;
	readonly envp: readonly string[];
	out = "";
	err = "";

	constructor(sys: Sys, envp: readonly string[]) {
		this.sys = sys;
		this.envp = envp;
	}

	private get t() {
		return this.sys.task;
	}

	readFile(path: string): string {
		return this.sys.vfs.readFile(this.t, path);
	}

	writeFile(path: string, data: string, how: "w" | "rw" = "w"): void {
		this.writeOnce(path, how === "rw" ? O_RDWR : O_WRONLY | O_CREAT | O_TRUNC, data);
	}

	createFile(path: string, data: string, append: boolean): void {
		this.writeOnce(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), data);
	}

	private writeOnce(path: string, flags: number, data: string): void {
		const vfs = this.sys.vfs;
		const fd = vfs.open(this.t, path, flags, 0o666);
		try {
			vfs.write(this.t, fd, data);
		} finally {
			vfs.close(this.t, fd);
		}
	}

	mkdir(path: string, mode: number): void {
		this.sys.vfs.mkdir(this.t, path, mode);
	}
	rmdir(path: string): void {
		this.sys.vfs.rmdir(this.t, path);
	}
	unlink(path: string): void {
		this.sys.vfs.unlink(this.t, path);
	}

	readdir(path: string): CgDirent[] {
		const vfs = this.sys.vfs;
		const fd = vfs.open(this.t, path, O_RDONLY | O_DIRECTORY);
		try {
			return vfs
				.getdents(this.t, fd)
				.filter((e) => e.name !== "." && e.name !== "..")
				.map((e) => ({ name: e.name, type: direntType(e.type) }));
		} finally {
			vfs.close(this.t, fd);
		}
	}

	stat(path: string): CgStat {
		const st = this.sys.vfs.stat(this.t, path);
		return { type: statType(st.mode), perm: st.mode & 0o7777, uid: st.uid, gid: st.gid };
	}
	lstat(path: string): CgStat {
		const st = this.sys.vfs.lstat(this.t, path);
		return { type: statType(st.mode), perm: st.mode & 0o7777, uid: st.uid, gid: st.gid };
	}
	readlink(path: string): string {
		return this.sys.vfs.readlink(this.t, path);
	}
	chown(path: string, uid: number, gid: number): void {
		this.sys.vfs.chown(this.t, path, uid, gid);
	}
	chmod(path: string, mode: number): void {
		this.sys.vfs.chmod(this.t, path, mode);
	}
	statfsType(path: string): number {
		return this.sys.vfs.statfs(this.t, path).type;
	}
	umask(mask: number): number {
		return this.sys.vfs.umask(this.t, mask);
	}

	getpid(): number {
		return this.sys.pid;
	}
	getuid(): number {
		return this.t.cred.uid;
	}
	geteuid(): number {
		return this.t.cred.euid;
	}
	getgid(): number {
		return this.t.cred.gid;
	}
	getegid(): number {
		return this.t.cred.egid;
	}

	env(name: string): string | undefined {
		return getenv(this.envp, name);
	}
	stdout(text: string): void {
		this.out += text;
	}
	stderr(text: string): void {
		this.err += text;
	}
}

/** One cgroup_register_unchanged_process() call a tool made: done by the wrapper afterwards. */
export interface CgredRegistration {
	readonly pid: number;
	readonly flags: number;
}

/**
 * The CgOs the emulated tools run with: EmulatedCgOs and the library's
 * optional capabilities.
 *
 * - mount/umount: mount(2) and umount(2) of the process, through the VFS
 *   (its KernelError propagates).
 * - kill: kill(2) of the process, with kill(2)'s permission checks.
 * - registerUnchanged: the tools are synchronous, but talking to
 *   cgrulesengd over its socket needs the daemon to run while the tool
 *   waits for the reply. So the call only records (pid, flags) and answers
 *   0; libcgroupProgram() makes each recorded registration afterwards, in
 *   order, with the blocking system calls (cgredRegister()). The timing
 *   differs from C: the registration happens after the tool moved the
 *   processes (C registers before), but still before cgexec's exec. The
 *   order that matters is kept: the daemon stores the pid before the exec
 *   event it must ignore, and moving a process through a tasks file is no
 *   process event the daemon sees. A registration that fails afterwards
 *   turns into cgexec's "registration of process failed" and exit status
 *   1 (nothing is exec'd), or into exit status 1 of a tool that would
 *   otherwise exit 0 (cgclassify's exit_code = 1); the moves stay done.
 */
export class EmulatedToolCgOs extends EmulatedCgOs implements CgMountOs, CgKill, CgredClient {
	/** The registrations to make, oldest first. */
	readonly registrations: CgredRegistration[] = [];

	mount(source: string, target: string, fstype: string, flags: number, data: string): void {
		this.sys.vfs.mount(this.sys.task, source, target, fstype, flags, data);
	}

	umount(target: string): void {
		this.sys.vfs.umount(this.sys.task, target, 0);
	}

	kill(pid: number, signal: number): void {
		this.sys.kernel.kill(this.sys.task, pid, signal);
	}

	registerUnchanged(pid: number, flags: number): number {
		this.registrations.push({ pid, flags });
		return 0;
	}
}

/** A C int as write(2) sends it (little-endian). */
function cInt(n: number): Uint8Array {
	const b = new Uint8Array(4);
	new DataView(b.buffer).setInt32(0, n | 0, true);
	return b;
}

/** CGRULE_SUCCESS_STORE_PID with its NUL: the reply read, sizeof(CGRULE_SUCCESS_STORE_PID) bytes. */
const STORE_PID_REPLY = `${CGRULE_SUCCESS_STORE_PID}\0`;

/**
 * cgroup_register_unchanged_process() with the process's system calls:
 * connect an AF_UNIX stream socket to `path`, send the pid and the flags,
 * read one reply. 0 when it is CGRULE_SUCCESS_STORE_PID and its NUL, and
 * when nothing accepts the connection (no daemon); 1 when the socket
 * cannot be made or the exchange fails.
 */
export function* cgredRegister(
	sys: Sys,
	pid: number,
	flags: number,
	path: string = CGRULE_CGRED_SOCKET_PATH,
): Run<number> {
	let sk: number;
	try {
		sk = sys.socket(AF_UNIX, SOCK_STREAM, 0);
	} catch (e) {
		if (e instanceof KernelError) return 1;
		throw e;
	}
	try {
		try {
			// The C passes sizeof(sun_family) + strlen(path) as the address length.
			yield* sys.connect(sk, { family: AF_UNIX, path, len: 2 + path.length });
		} catch (e) {
			if (e instanceof KernelError) return 0;
			throw e;
		}
		try {
			yield* sys.write(sk, cInt(pid));
			yield* sys.write(sk, cInt(flags));
			const reply = yield* sys.read(sk, STORE_PID_REPLY.length);
			if (reply.length !== STORE_PID_REPLY.length) return 1;
			for (let i = 0; i < reply.length; i++) {
				if (reply[i] !== STORE_PID_REPLY.charCodeAt(i)) return 1;
			}
			return 0;
		} catch (e) {
			if (e instanceof KernelError) return 1;
			throw e;
		}
	} finally {
		sys.vfs.close(sys.task, sk);
	}
}

/** Make the registrations a tool recorded, in order; false when one failed. */
function* register(sys: Sys, os: EmulatedToolCgOs): Run<boolean> {
	let ok = true;
	for (const r of os.registrations.splice(0)) {
		if ((yield* cgredRegister(sys, r.pid, r.flags)) !== 0) ok = false;
	}
	return ok;
}

/** Write what the tool printed: stderr, then the buffered stdout (flushed at exit). */
function* flush(sys: Sys, os: EmulatedCgOs): Run<void> {
	const err = new Output(sys, 2);
	const out = new Output(sys, 1);
	if (os.err !== "") yield* err.put(os.err);
	os.err = "";
	if (os.out !== "") yield* out.put(os.out);
	os.out = "";
	yield* out.flush();
	yield* err.flush();
}

/**
 * A libcgroup tool as a program of the emulated host: main, then the
 * registrations with cgrulesengd it asked for (see EmulatedToolCgOs),
 * then its output, then cgexec's exec.
 */
export function libcgroupProgram(main: ToolMain): ProgramMain {
	return function* (ctx: ProgramContext): Run<number> {
		const os = new EmulatedToolCgOs(ctx.sys, ctx.envp);
		const outcome = main(os, ctx.argv);
		const registered = yield* register(ctx.sys, os);
		if (typeof outcome === "number") {
			yield* flush(ctx.sys, os);
			// cgclassify: exit_code = 1 for a pid whose registration failed.
			return (outcome === 0 && !registered ? 1 : outcome) & 0xff;
		}
		if (!registered) {
			// cgexec: err("registration of process failed\n") and return 1, without exec'ing.
			os.stderr("registration of process failed\n");
			yield* flush(ctx.sys, os);
			return 1;
		}
		// cgexec: the buffered output goes before the new image runs (execve discards stdio buffers
		// in C, but nothing is buffered there: cgexec prints only on failure).
		yield* flush(ctx.sys, os);
		const e = yield* execvp(ctx.sys, outcome.exec, ctx.envp);
		os.stderr(`exec failed:${e.strerror}`);
		yield* flush(ctx.sys, os);
		return 255;
	};
}

/** The text a test sees: binary output decoded as UTF-8. */
export function decodeOutput(s: string): string {
	return binaryToUtf8(s);
}
