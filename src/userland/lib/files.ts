/**
 * Directory and path helpers built from system calls: reading a whole
 * directory (opendir/readdir/closedir), realpath(3), and lstat that
 * reports failure as a value.
 */

import { isDir, isLnk, O_DIRECTORY, O_RDONLY, type Stat } from "../../fs/constants.ts";
import type { DirEntry } from "../../fs/inode.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";

/**
 * One getdents64() batch as glibc's readdir() sees it: ENOENT, which Linux
 * gives for a directory that was removed (IS_DEADDIR), is the end of the
 * directory, not an error ("POSIX treats this as a regular
 * end-of-directory condition", sysdeps/unix/sysv/linux/readdir.c).
 */
function readdirBatch(sys: Sys, fd: number): DirEntry[] {
	try {
		return sys.vfs.getdents(sys.task, fd);
	} catch (e) {
		if (e instanceof KernelError && e.code === "ENOENT") return [];
		throw e;
	}
}

/** The entries of a directory in readdir order, without "." and "..". Throws KernelError. */
export function readDir(sys: Sys, path: string): DirEntry[] {
	const fd = sys.vfs.open(sys.task, path, O_RDONLY | O_DIRECTORY);
	try {
		const out: DirEntry[] = [];
		for (;;) {
			const batch = readdirBatch(sys, fd);
			if (batch.length === 0) break;
			for (const e of batch) if (e.name !== "." && e.name !== "..") out.push(e);
		}
		return out;
	} finally {
		sys.vfs.close(sys.task, fd);
	}
}

/**
 * readDir() that keeps the directory open until `close()`: GNU ls stats the
 * entries between readdir() and closedir(), so its own /proc/self/fd lists
 * the directory's descriptor. `dots` says whether readdir() returned "."
 * and ".." (a removed directory returns nothing at all). Throws KernelError.
 */
export function readDirKeepOpen(
	sys: Sys,
	path: string,
): { entries: DirEntry[]; dots: boolean; close(): void } {
	const fd = sys.vfs.open(sys.task, path, O_RDONLY | O_DIRECTORY);
	try {
		const entries: DirEntry[] = [];
		let dots = false;
		for (;;) {
			const batch = readdirBatch(sys, fd);
			if (batch.length === 0) break;
			for (const e of batch) {
				if (e.name !== "." && e.name !== "..") entries.push(e);
				else dots = true;
			}
		}
		return { entries, dots, close: () => sys.vfs.close(sys.task, fd) };
	} catch (e) {
		sys.vfs.close(sys.task, fd);
		throw e;
	}
}

/** stat() or lstat(), null when it fails. */
export function tryStat(sys: Sys, path: string, follow = true): Stat | null {
	try {
		return follow ? sys.vfs.stat(sys.task, path) : sys.vfs.lstat(sys.task, path);
	} catch (e) {
		if (e instanceof KernelError) return null;
		throw e;
	}
}

/** The working directory, "/" when it cannot be named. */
export function cwd(sys: Sys): string {
	try {
		return sys.vfs.getcwd(sys.task);
	} catch (e) {
		if (e instanceof KernelError) return "/";
		throw e;
	}
}

/**
 * realpath(3): the absolute path with every symlink, "." and ".." resolved;
 * every component must exist. Throws KernelError (ENOENT, ENOTDIR, ELOOP...).
 */
export function realPath(sys: Sys, path: string): string {
	if (path.length === 0) throw new KernelError("ENOENT");
	let todo = path.split("/").filter((c) => c.length > 0);
	let done: string[] = path.startsWith("/") ? [] : splitAbs(sys.vfs.getcwd(sys.task));
	let links = 0;
	while (todo.length > 0) {
		const c = todo.shift()!;
		if (c === ".") continue;
		if (c === "..") {
			done.pop();
			continue;
		}
		const next = `/${[...done, c].join("/")}`;
		const st = sys.vfs.lstat(sys.task, next);
		if (isLnk(st.mode)) {
			if (++links > 40) throw new KernelError("ELOOP");
			const target = sys.vfs.readlink(sys.task, next);
			if (target.startsWith("/")) done = [];
			todo = [...target.split("/").filter((x) => x.length > 0), ...todo];
			continue;
		}
		if (todo.length > 0 && !isDir(st.mode)) throw new KernelError("ENOTDIR");
		done.push(c);
	}
	return `/${done.join("/")}`;
}

function splitAbs(p: string): string[] {
	return p.split("/").filter((c) => c.length > 0);
}
