/**
 * libcgroup's tools as programs of the emulated host: a CgOs
 * (lib/libcgroup/os.ts) over the calling process's system calls, and the
 * wrapper that turns a tool's main (lib/libcgroup/tools/env.ts) into a
 * program. stdout is collected and written when the tool returns, as C
 * stdio flushes a fully buffered stdout at exit; stderr is written in
 * order with it at the end too (no tool here interleaves the two on
 * purpose). cgexec's exec request is carried out with execvp().
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
import { execvp, getenv } from "../lib/execvp.ts";
import type { CgDirent, CgOs, CgStat } from "../lib/libcgroup/os.ts";
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

/** A libcgroup tool as a program of the emulated host. */
export function libcgroupProgram(main: ToolMain): ProgramMain {
	return function* (ctx: ProgramContext): Run<number> {
		const os = new EmulatedCgOs(ctx.sys, ctx.envp);
		const outcome = main(os, ctx.argv);
		if (typeof outcome === "number") {
			yield* flush(ctx.sys, os);
			return outcome & 0xff;
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
