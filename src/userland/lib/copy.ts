/**
 * What cp, mv and ln share: where operands go (DEST, DIR/NAME for each
 * source, -t DIR, -T) and copying files and trees with read/write,
 * mkdir, symlink and the ownership/mode calls.
 *
 * Preserving (cp -p, mv across filesystems) sets the times, then the
 * owner, then the mode of each copy, as GNU cp does.
 */

import {
	isDir,
	isLnk,
	isReg,
	O_CREAT,
	O_RDONLY,
	O_TRUNC,
	O_WRONLY,
	type Stat,
} from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Run } from "../proc/types.ts";
import { readDir } from "./files.ts";
import { tryHelp } from "./getopt.ts";
import { quoteAlways } from "./quote.ts";
import { READ_CHUNK } from "./stdio.ts";
import { attempt, baseName, joinPath, type Tool } from "./tool.ts";

/** A source and the path it goes to. */
export interface Placement {
	readonly src: string;
	readonly dst: string;
}

export interface TargetOptions {
	/** -t DIR. */
	readonly targetDir: string | null;
	/** -T: the last operand is the destination itself, never a directory to go into. */
	readonly noTargetDir: boolean;
	/** ln: "ln TARGET" links into the working directory. */
	readonly allowSingle?: boolean;
	/** How "-t X" that is not a directory is reported (ln words it differently). */
	readonly lnStyle?: boolean;
}

/**
 * Work out the placements for `operands`, or print the usage error and
 * return null (the caller exits 1).
 */
export function* placeOperands(
	t: Tool,
	operands: readonly string[],
	opts: TargetOptions,
): Run<Placement[] | null> {
	const { sys } = t;
	const isDirectory = (p: string): KernelError | boolean => {
		const st = attempt(() => sys.vfs.stat(sys.task, p));
		return st instanceof KernelError ? st : isDir(st.mode);
	};
	if (opts.targetDir !== null) {
		const d = isDirectory(opts.targetDir);
		if (d !== true) {
			const why = d instanceof KernelError ? d.strerror : "Not a directory";
			if (opts.lnStyle && d === false) {
				yield* t.warn(`target ${quoteAlways(opts.targetDir)} is not a directory`);
			} else {
				yield* t.warn(
					`${opts.lnStyle ? "failed to access" : "target directory"} ${quoteAlways(opts.targetDir)}: ${why}`,
				);
			}
			return null;
		}
		if (operands.length === 0) {
			yield* t.warn("missing file operand");
			yield* t.errText(tryHelp(t.name));
			return null;
		}
		return operands.map((src) => ({ src, dst: joinPath(opts.targetDir!, baseName(src)) }));
	}
	if (operands.length === 0) {
		yield* t.warn("missing file operand");
		yield* t.errText(tryHelp(t.name));
		return null;
	}
	if (operands.length === 1) {
		if (opts.allowSingle && !opts.noTargetDir) {
			return [{ src: operands[0]!, dst: joinPath(".", baseName(operands[0]!)) }];
		}
		yield* t.warn(`missing destination file operand after ${quoteAlways(operands[0]!)}`);
		yield* t.errText(tryHelp(t.name));
		return null;
	}
	const last = operands[operands.length - 1]!;
	if (opts.noTargetDir) {
		if (operands.length > 2) {
			yield* t.warn(`extra operand ${quoteAlways(operands[2]!)}`);
			yield* t.errText(tryHelp(t.name));
			return null;
		}
		return [{ src: operands[0]!, dst: last }];
	}
	const d = isDirectory(last);
	if (operands.length > 2 && d !== true) {
		const why = d instanceof KernelError ? d.strerror : "Not a directory";
		yield* t.warn(`target ${quoteAlways(last)}: ${why}`);
		return null;
	}
	if (d === true) {
		return operands.slice(0, -1).map((src) => ({ src, dst: joinPath(last, baseName(src)) }));
	}
	return [{ src: operands[0]!, dst: last }];
}

export interface CopyOptions {
	recursive: boolean;
	/** Follow symlinks: always (-L), never (-P, -d, -R), or on the command line only (-H). */
	dereference: "always" | "never" | "cmdline";
	preserveMode: boolean;
	preserveOwner: boolean;
	preserveTimes: boolean;
	/** The -v style: cp's "'a' -> 'b'", or mv's "copied"/"created directory". */
	verbose: "none" | "cp" | "mv";
	/** -n. */
	noClobber: boolean;
	/** -f: remove a destination that cannot be opened, then retry. */
	force: boolean;
}

export function defaultCopyOptions(): CopyOptions {
	return {
		recursive: false,
		dereference: "always",
		preserveMode: false,
		preserveOwner: false,
		preserveTimes: false,
		verbose: "none",
		noClobber: false,
		force: false,
	};
}

/** Copies files and trees, reporting failures as cp does. */
export class Copier {
	readonly t: Tool;
	readonly opts: CopyOptions;
	/** The operands of the copy under way (for the "into itself" message). */
	private top: { src: string; dst: string } | null = null;
	/** The directories this copy made ("dev:ino"). */
	private readonly made = new Set<string>();

	constructor(t: Tool, opts: CopyOptions) {
		this.t = t;
		this.opts = opts;
	}

	private get vfs() {
		return this.t.sys.vfs;
	}

	private get task() {
		return this.t.sys.task;
	}

	private *fail(message: string): Run<false> {
		yield* this.t.warn(message);
		return false;
	}

	/** Copy a command-line source to `dst`; false when anything failed. */
	*copyTop(src: string, dst: string): Run<boolean> {
		this.top = { src, dst };
		this.made.clear();
		const follow = this.opts.dereference !== "never";
		const st = attempt(() =>
			follow ? this.vfs.stat(this.task, src) : this.vfs.lstat(this.task, src),
		);
		if (st instanceof KernelError) {
			return yield* this.fail(`cannot stat ${quoteAlways(src)}: ${st.strerror}`);
		}
		return yield* this.copy(src, dst, st);
	}

	/** Copy `src` (whose stat is `st`) to `dst`. */
	*copy(src: string, dst: string, st: Stat): Run<boolean> {
		const dstSt = attempt(() => this.vfs.lstat(this.task, dst));
		const dstExists = !(dstSt instanceof KernelError);
		if (!dstExists && dstSt.code !== "ENOENT") {
			return yield* this.fail(`cannot stat ${quoteAlways(dst)}: ${dstSt.strerror}`);
		}
		if (dstExists) {
			const followed = attempt(() => this.vfs.stat(this.task, dst));
			const same =
				!(followed instanceof KernelError) && followed.dev === st.dev && followed.ino === st.ino;
			if (same && (!isLnk(dstSt.mode) || !isLnk(st.mode))) {
				return yield* this.fail(`${quoteAlways(src)} and ${quoteAlways(dst)} are the same file`);
			}
		}
		if (isDir(st.mode)) {
			if (!this.opts.recursive) {
				return yield* this.fail(`-r not specified; omitting directory ${quoteAlways(src)}`);
			}
			return yield* this.copyDir(src, dst, st, dstExists ? dstSt : null);
		}
		if (dstExists && isDir(dstSt.mode)) {
			return yield* this.fail(`cannot overwrite directory ${quoteAlways(dst)} with non-directory`);
		}
		if (dstExists && this.opts.noClobber) return true;
		if (isLnk(st.mode)) return yield* this.copySymlink(src, dst, st, dstExists);
		if (isReg(st.mode)) return yield* this.copyFile(src, dst, st, dstExists);
		return yield* this.copySpecial(src, dst, st, dstExists);
	}

	private *copyDir(src: string, dst: string, st: Stat, dstSt: Stat | null): Run<boolean> {
		if (dstSt !== null && !isDir(dstSt.mode)) {
			return yield* this.fail(
				`cannot overwrite non-directory ${quoteAlways(dst)} with directory ${quoteAlways(src)}`,
			);
		}
		// A directory this copy made is not copied again (the copy would contain
		// itself): GNU leaves it out with this message, naming the operands.
		if (this.made.has(`${st.dev}:${st.ino}`)) {
			const top = this.top ?? { src, dst };
			return yield* this.fail(
				`cannot copy a directory, ${quoteAlways(top.src)}, into itself, ${quoteAlways(top.dst)}`,
			);
		}
		let created = false;
		if (dstSt === null) {
			const made = attempt(() => this.vfs.mkdir(this.task, dst, st.mode & 0o7777));
			if (made instanceof KernelError) {
				return yield* this.fail(`cannot create directory ${quoteAlways(dst)}: ${made.strerror}`);
			}
			created = true;
			const nst = attempt(() => this.vfs.stat(this.task, dst));
			if (!(nst instanceof KernelError)) this.made.add(`${nst.dev}:${nst.ino}`);
			yield* this.announce(src, dst, true);
		}
		const entries = attempt(() => readDir(this.t.sys, src));
		if (entries instanceof KernelError) {
			return yield* this.fail(`cannot access ${quoteAlways(src)}: ${entries.strerror}`);
		}
		let ok = true;
		// cp reads a directory whole and copies in inode order (savedir's fast-read sort).
		entries.sort((a, b) => a.ino - b.ino);
		for (const e of entries) {
			const s = joinPath(src, e.name);
			const est = attempt(() =>
				this.opts.dereference === "always"
					? this.vfs.stat(this.task, s)
					: this.vfs.lstat(this.task, s),
			);
			if (est instanceof KernelError) {
				ok = (yield* this.fail(`cannot stat ${quoteAlways(s)}: ${est.strerror}`)) && ok;
				continue;
			}
			ok = (yield* this.copy(s, joinPath(dst, e.name), est)) && ok;
		}
		if (created || this.opts.preserveMode) ok = (yield* this.preserve(dst, st, false)) && ok;
		return ok;
	}

	private *copyFile(src: string, dst: string, st: Stat, dstExists: boolean): Run<boolean> {
		const { sys } = this.t;
		const inFd = attempt(() => this.vfs.open(this.task, src, O_RDONLY));
		if (inFd instanceof KernelError) {
			return yield* this.fail(`cannot open ${quoteAlways(src)} for reading: ${inFd.strerror}`);
		}
		try {
			const flags = O_WRONLY | O_TRUNC | (dstExists ? 0 : O_CREAT);
			let outFd = attempt(() => this.vfs.open(this.task, dst, flags, st.mode & 0o777));
			if (outFd instanceof KernelError && dstExists && this.opts.force) {
				const removed = attempt(() => this.vfs.unlink(this.task, dst));
				if (!(removed instanceof KernelError)) {
					outFd = attempt(() =>
						this.vfs.open(this.task, dst, O_WRONLY | O_CREAT | O_TRUNC, st.mode & 0o777),
					);
				}
			}
			if (outFd instanceof KernelError) {
				const what = dstExists ? "cannot open" : "cannot create regular file";
				const tail = dstExists ? " for writing" : "";
				return yield* this.fail(`${what} ${quoteAlways(dst)}${tail}: ${outFd.strerror}`);
			}
			try {
				for (;;) {
					let chunk: Uint8Array;
					try {
						chunk = yield* sys.read(inFd, READ_CHUNK);
					} catch (e) {
						if (!(e instanceof KernelError)) throw e;
						return yield* this.fail(`error reading ${quoteAlways(src)}: ${e.strerror}`);
					}
					if (chunk.length === 0) break;
					try {
						yield* sys.write(outFd, chunk);
					} catch (e) {
						if (!(e instanceof KernelError)) throw e;
						return yield* this.fail(`error writing ${quoteAlways(dst)}: ${e.strerror}`);
					}
				}
			} finally {
				this.vfs.close(this.task, outFd);
			}
		} finally {
			this.vfs.close(this.task, inFd);
		}
		yield* this.announce(src, dst, false);
		return yield* this.preserve(dst, st, false);
	}

	private *copySymlink(src: string, dst: string, st: Stat, dstExists: boolean): Run<boolean> {
		const target = attempt(() => this.vfs.readlink(this.task, src));
		if (target instanceof KernelError) {
			return yield* this.fail(`cannot read symbolic link ${quoteAlways(src)}: ${target.strerror}`);
		}
		if (dstExists) attempt(() => this.vfs.unlink(this.task, dst));
		const made = attempt(() => this.vfs.symlink(this.task, target, dst));
		if (made instanceof KernelError) {
			return yield* this.fail(`cannot create symbolic link ${quoteAlways(dst)}: ${made.strerror}`);
		}
		yield* this.announce(src, dst, false);
		return yield* this.preserve(dst, st, true);
	}

	private *copySpecial(src: string, dst: string, st: Stat, dstExists: boolean): Run<boolean> {
		if (dstExists) attempt(() => this.vfs.unlink(this.task, dst));
		const made = attempt(() => this.vfs.mknod(this.task, dst, st.mode, st.rdev));
		if (made instanceof KernelError) {
			return yield* this.fail(`cannot create special file ${quoteAlways(dst)}: ${made.strerror}`);
		}
		yield* this.announce(src, dst, false);
		return yield* this.preserve(dst, st, false);
	}

	private *announce(src: string, dst: string, dir: boolean): Run<void> {
		if (this.opts.verbose === "cp") {
			yield* this.t.print(`${quoteAlways(src)} -> ${quoteAlways(dst)}\n`);
		} else if (this.opts.verbose === "mv") {
			yield* this.t.print(
				dir
					? `created directory ${quoteAlways(dst)}\n`
					: `copied ${quoteAlways(src)} -> ${quoteAlways(dst)}\n`,
			);
		}
	}

	/** Times, ownership, then the mode (-p, mv; new directories get their mode here). */
	private *preserve(dst: string, st: Stat, link: boolean): Run<boolean> {
		if (this.opts.preserveTimes) {
			const r = attempt(() => this.vfs.utimensat(this.task, dst, st.atimeNs, st.mtimeNs, link));
			if (r instanceof KernelError) {
				return yield* this.fail(`preserving times for ${quoteAlways(dst)}: ${r.strerror}`);
			}
		}
		if (this.opts.preserveOwner) {
			const r = attempt(() =>
				link
					? this.vfs.lchown(this.task, dst, st.uid, st.gid)
					: this.vfs.chown(this.task, dst, st.uid, st.gid),
			);
			if (r instanceof KernelError && r.code !== "EPERM") {
				return yield* this.fail(
					`failed to preserve ownership for ${quoteAlways(dst)}: ${r.strerror}`,
				);
			}
		}
		if (link) return true;
		if (this.opts.preserveMode || isDir(st.mode)) {
			let mode = st.mode & 0o7777;
			if (!this.opts.preserveMode) {
				const umask = this.vfs.umask(this.task, 0);
				this.vfs.umask(this.task, umask);
				mode &= ~umask;
			}
			const r = attempt(() => this.vfs.chmod(this.task, dst, mode));
			if (r instanceof KernelError) {
				return yield* this.fail(`preserving permissions for ${quoteAlways(dst)}: ${r.strerror}`);
			}
		}
		return true;
	}
}
