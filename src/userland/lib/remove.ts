/**
 * Removing files and trees as rm does it (also used by mv after a copy
 * across filesystems). A recursive removal visits a directory's entries in
 * readdir order and removes the directory last; a failure inside it leaves
 * the directory (and its ancestors) in place without further messages.
 */

import {
	isDir,
	isLnk,
	MAY_WRITE,
	S_IFBLK,
	S_IFCHR,
	S_IFDIR,
	S_IFIFO,
	S_IFLNK,
	S_IFMT,
	S_IFSOCK,
	type Stat,
} from "../../fs/constants.ts";
import type { Run } from "../proc/types.ts";
import { readDir } from "./files.ts";
import { readAnswer } from "./prompt.ts";
import { quoteAlways } from "./quote.ts";
import { Input, isatty } from "./stdio.ts";
import { attempt, baseName, joinPath, type Tool } from "./tool.ts";

/** The words rm's prompts use for a file type. */
function fileKind(st: Stat): string {
	switch (st.mode & S_IFMT) {
		case S_IFDIR:
			return "directory";
		case S_IFLNK:
			return "symbolic link";
		case S_IFIFO:
			return "fifo";
		case S_IFCHR:
			return "character special file";
		case S_IFBLK:
			return "block special file";
		case S_IFSOCK:
			return "socket";
		default:
			return st.size === 0 ? "regular empty file" : "regular file";
	}
}

export class Remover {
	readonly t: Tool;
	force = false;
	interactive = false;
	recursive = false;
	dirs = false;
	verbose = false;
	preserveRoot = true;
	private stdin: Input | null = null;
	private readonly stdinTty: boolean;

	constructor(t: Tool) {
		this.t = t;
		this.stdinTty = isatty(t.sys, 0);
	}

	/** Ask on stderr, read an answer line: yes when it starts with y or Y. */
	private *ask(question: string): Run<boolean> {
		yield* this.t.errText(`${this.t.name}: ${question}? `);
		if (this.stdin === null) this.stdin = new Input(this.t.sys, 0);
		return yield* readAnswer(this.stdin);
	}

	/** A write-protected file is confirmed first when stdin is a terminal (unless -f). */
	private *confirm(path: string, st: Stat): Run<boolean> {
		if (this.interactive) return yield* this.ask(`remove ${fileKind(st)} ${quoteAlways(path)}`);
		if (this.force || !this.stdinTty || isLnk(st.mode)) return true;
		const w = attempt(() => this.t.sys.vfs.access(this.t.sys.task, path, MAY_WRITE));
		if (!(w instanceof Error)) return true;
		return yield* this.ask(`remove write-protected ${fileKind(st)} ${quoteAlways(path)}`);
	}

	private *fail(path: string, err: string): Run<false> {
		yield* this.t.warn(`cannot remove ${quoteAlways(path)}: ${err}`);
		return false;
	}

	/** Remove one command-line operand; false when something failed. */
	*operand(path: string): Run<boolean> {
		const base = baseName(path);
		if (base === "." || base === "..") {
			yield* this.t.warn(`refusing to remove '.' or '..' directory: skipping ${quoteAlways(path)}`);
			return false;
		}
		const vfs = this.t.sys.vfs;
		const st = attempt(() => vfs.lstat(this.t.sys.task, path));
		if (st instanceof Error) {
			if (this.force && st.code === "ENOENT") return true;
			return yield* this.fail(path, st.strerror);
		}
		if (isDir(st.mode) && this.recursive && this.preserveRoot) {
			const real = attempt(() => vfs.stat(this.t.sys.task, path));
			const root = attempt(() => vfs.stat(this.t.sys.task, "/"));
			if (!(real instanceof Error || root instanceof Error)) {
				if (real.dev === root.dev && real.ino === root.ino) {
					yield* this.t.warn(`it is dangerous to operate recursively on ${quoteAlways(path)}`);
					yield* this.t.warn("use --no-preserve-root to override this failsafe");
					return false;
				}
			}
		}
		return yield* this.remove(path, st);
	}

	private *remove(path: string, st: Stat): Run<boolean> {
		const { sys } = this.t;
		if (!isDir(st.mode)) {
			if (!(yield* this.confirm(path, st))) return true;
			const r = attempt(() => sys.vfs.unlink(sys.task, path));
			if (r instanceof Error) {
				if (this.force && r.code === "ENOENT") return true;
				return yield* this.fail(path, r.strerror);
			}
			if (this.verbose) yield* this.t.print(`removed ${quoteAlways(path)}\n`);
			return true;
		}
		if (!this.recursive) {
			if (!this.dirs) return yield* this.fail(path, "Is a directory");
			// rm_fts(): -d refuses a directory it reads as nonempty without
			// trying rmdir() (get_dir_status(); unreadable ones are tried).
			const entries = attempt(() => readDir(sys, path));
			if (!(entries instanceof Error) && entries.length > 0) {
				return yield* this.fail(path, "Directory not empty");
			}
			if (!(yield* this.confirm(path, st))) return true;
			return yield* this.rmdir(path);
		}
		const entries = attempt(() => readDir(sys, path));
		if (entries instanceof Error) {
			// Unreadable: an empty directory can still go.
			const r = attempt(() => sys.vfs.rmdir(sys.task, path));
			if (r instanceof Error) return yield* this.fail(path, entries.strerror);
			if (this.verbose) yield* this.t.print(`removed directory ${quoteAlways(path)}\n`);
			return true;
		}
		if (this.interactive && entries.length > 0) {
			if (!(yield* this.ask(`descend into directory ${quoteAlways(path)}`))) return true;
		}
		let ok = true;
		for (const e of entries) {
			const child = joinPath(path, e.name);
			const cst = attempt(() => sys.vfs.lstat(sys.task, child));
			if (cst instanceof Error) {
				if (cst.code === "ENOENT") continue;
				ok = (yield* this.fail(child, cst.strerror)) && ok;
				continue;
			}
			ok = (yield* this.remove(child, cst)) && ok;
		}
		if (!ok) return false;
		if (this.interactive && !(yield* this.ask(`remove directory ${quoteAlways(path)}`))) {
			return true;
		}
		return yield* this.rmdir(path);
	}

	private *rmdir(path: string): Run<boolean> {
		const { sys } = this.t;
		const r = attempt(() => sys.vfs.rmdir(sys.task, path));
		if (r instanceof Error) return yield* this.fail(path, r.strerror);
		if (this.verbose) yield* this.t.print(`removed directory ${quoteAlways(path)}\n`);
		return true;
	}
}
