/**
 * gnulib's canonicalize_filename_mode(), which readlink -f/-e/-m and
 * realpath use: the absolute name with ".", ".." and (unless `nolinks`)
 * symlinks resolved, one component at a time with readlink(2).
 *
 * - "existing": every component must exist;
 * - "all-but-last": every component but the last must exist;
 * - "missing": nothing needs to exist (errors only for "").
 *
 * Symlink loops are found the gnulib way: after 20 symlinks, a symlink
 * met twice with the same rest of the name under the same parent
 * directory is a loop (ELOOP; "missing" keeps the name as it is).
 */

import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";

export type CanonMode = "existing" | "all-but-last" | "missing";

/** stat() that reports failure as a value. */
function statErr(sys: Sys, path: string): KernelError | { dev: number; ino: number } {
	try {
		return sys.vfs.stat(sys.task, path);
	} catch (e) {
		if (e instanceof KernelError) return e;
		throw e;
	}
}

/** True when what follows a component needs it to be a searchable directory ("/", "/.", "/.."). */
function suffixRequiresDirCheck(end: string): boolean {
	let i = 0;
	while (end[i] === "/") {
		while (end[i] === "/") i++;
		const c = end[i++];
		if (c === undefined) return true;
		if (c !== ".") return false;
		if (i >= end.length || (end[i] === "." && (i + 1 >= end.length || end[i + 1] === "/"))) {
			return true;
		}
	}
	return false;
}

/** The canonical name, or the error that stopped it. */
export function canonicalize(
	sys: Sys,
	name: string,
	mode: CanonMode,
	nolinks = false,
): string | KernelError {
	if (name === "") return new KernelError("ENOENT");
	let rname: string;
	if (name.startsWith("/")) rname = "/";
	else {
		try {
			rname = sys.vfs.getcwd(sys.task);
		} catch (e) {
			if (e instanceof KernelError) return e;
			throw e;
		}
	}
	let rest = name;
	let numLinks = 0;
	const seen = new Set<string>();
	for (;;) {
		let s = 0;
		while (rest[s] === "/") s++;
		let e = s;
		while (e < rest.length && rest[e] !== "/") e++;
		const comp = rest.slice(s, e);
		const end = rest.slice(e);
		if (comp === "") break;
		if (comp === ".") {
			rest = end;
			continue;
		}
		if (comp === "..") {
			if (rname.length > 1) rname = rname.slice(0, rname.lastIndexOf("/")) || "/";
			rest = end;
			continue;
		}
		const dest = rname === "/" ? `/${comp}` : `${rname}/${comp}`;
		let target: string | null = null;
		let err: KernelError | null = null;
		if (!nolinks) {
			try {
				target = sys.vfs.readlink(sys.task, dest);
			} catch (x) {
				if (!(x instanceof KernelError)) throw x;
				err = x;
			}
		}
		if (target !== null) {
			if (numLinks < 20) numLinks++;
			else {
				const st = statErr(sys, rname);
				if (st instanceof KernelError) return st;
				const key = `${st.dev}:${st.ino}:${rest.slice(s)}`;
				if (seen.has(key)) {
					if (mode === "missing") {
						rname = dest;
						rest = end;
						continue;
					}
					return new KernelError("ELOOP");
				}
				seen.add(key);
			}
			rest = target + end;
			if (target.startsWith("/")) rname = "/";
			continue;
		}
		if (mode !== "missing") {
			let ok: boolean;
			if (suffixRequiresDirCheck(end)) {
				const st = statErr(sys, `${dest}/`);
				ok = !(st instanceof KernelError);
				if (st instanceof KernelError) err = st;
			} else if (!nolinks) {
				ok = err !== null && err.code === "EINVAL";
			} else if (end !== "") {
				ok = true;
			} else {
				const st = statErr(sys, dest);
				ok = !(st instanceof KernelError);
				if (st instanceof KernelError) err = st;
			}
			if (
				!ok &&
				!(mode === "all-but-last" && err?.code === "ENOENT" && end.replace(/^\/+/, "") === "")
			) {
				return err ?? new KernelError("ENOENT");
			}
		}
		rname = dest;
		rest = end;
	}
	return rname;
}
