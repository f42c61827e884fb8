/**
 * mount (util-linux 2.38): list mounts, or mount a filesystem.
 *
 *   mount [-l] [-t TYPES]                     list /proc/self/mountinfo
 *   mount [-t TYPE] [-o OPTS] [-r|-w] SOURCE TARGET
 *   mount --bind|--rbind|--move SOURCE TARGET
 *   mount -o remount[,OPTS] TARGET, mount --make-[r]private|shared|slave TARGET
 *   mount TARGET|SOURCE                       (looked up in /etc/fstab)
 *
 * The -o string is split into MS_* flags and the filesystem's data, as
 * libmount does. Failures of mount(2) print libmount's messages and exit
 * with 32; usage errors exit with 1.
 */

import { isBlk, isDir, MS_BIND, MS_MOVE, MS_REC, MS_REMOUNT } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { realPath, tryStat } from "../lib/files.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import {
	listedOptions,
	type MountEntry,
	PROPAGATION_FLAGS,
	readMountinfo,
	splitMountOptions,
	typeMatches,
} from "../lib/mountinfo.ts";
import { readFile } from "../lib/stdio.ts";
import { attempt, baseName, Tool, UTIL_LINUX } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const EX_USAGE = 1;
const EX_FAIL = 32;

const LONG: LongOpt[] = [
	{ name: "all", arg: "none", key: "a" },
	{ name: "fake", arg: "none", key: "f" },
	{ name: "no-mtab", arg: "none", key: "n" },
	{ name: "options", arg: "required", key: "o" },
	{ name: "read-only", arg: "none", key: "r" },
	{ name: "rw", arg: "none", key: "w" },
	{ name: "read-write", arg: "none", key: "w" },
	{ name: "types", arg: "required", key: "t" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "show-labels", arg: "none", key: "l" },
	{ name: "bind", arg: "none", key: "B" },
	{ name: "rbind", arg: "none", key: "R" },
	{ name: "move", arg: "none", key: "M" },
	{ name: "make-private", arg: "none", key: "make-private" },
	{ name: "make-rprivate", arg: "none", key: "make-rprivate" },
	{ name: "make-shared", arg: "none", key: "make-shared" },
	{ name: "make-rshared", arg: "none", key: "make-rshared" },
	{ name: "make-slave", arg: "none", key: "make-slave" },
	{ name: "make-rslave", arg: "none", key: "make-rslave" },
	{ name: "make-unbindable", arg: "none", key: "make-unbindable" },
	{ name: "make-runbindable", arg: "none", key: "make-runbindable" },
	{ name: "help", arg: "none", key: "h" },
	{ name: "version", arg: "none", key: "V" },
];

const DMESG = "       dmesg(1) may have more information after failed mount system call.\n";

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, baseName(ctx.argv[0] ?? "mount"));
	const parsed = getopt(t.name, t.args, "afnlrvwo:t:BMRhVis", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return EX_USAGE;
	}
	const opts: string[] = [];
	let types: string | null = null;
	let verbose = false;
	let fake = false;
	let all = false;
	let action: "mount" | "bind" | "rbind" | "move" | "propagation" = "mount";
	for (const o of parsed.opts) {
		switch (o.key) {
			case "o":
				opts.push(o.arg!);
				break;
			case "r":
				opts.push("ro");
				break;
			case "w":
				opts.push("rw");
				break;
			case "t":
				types = o.arg;
				break;
			case "v":
				verbose = true;
				break;
			case "f":
				fake = true;
				break;
			case "a":
				all = true;
				break;
			case "B":
				action = "bind";
				break;
			case "R":
				action = "rbind";
				break;
			case "M":
				action = "move";
				break;
			case "h":
				yield* t.print(
					`Usage:\n mount [-lhV]\n mount -a [options]\n mount [options] [--source] <source> | [--target] <directory>\n mount [options] <source> <directory>\n mount <operation> <mountpoint> [<target>]\n`,
				);
				return yield* t.finish(0);
			case "V":
				yield* t.print(`${t.name} ${UTIL_LINUX}\n`);
				return yield* t.finish(0);
			default:
				if (o.key.startsWith("make-")) {
					action = "propagation";
					opts.push(o.key.slice(5));
				}
		}
	}
	const optText = opts.join(",");
	const split = splitMountOptions(optText);
	if (action === "bind") split.flags |= MS_BIND;
	if (action === "rbind") split.flags |= MS_BIND | MS_REC;
	if (action === "move") split.flags |= MS_MOVE;
	const args = parsed.operands;
	if (all) return yield* mountAll(t, verbose);
	if (args.length === 0) {
		if (action !== "mount" || opts.length > 0) {
			yield* t.warn("bad usage");
			yield* t.errText(tryHelp(t.name));
			return EX_USAGE;
		}
		return yield* list(t, types);
	}
	if (args.length > 2) {
		yield* t.warn("bad usage");
		yield* t.errText(tryHelp(t.name));
		return EX_USAGE;
	}
	const remount = (split.flags & MS_REMOUNT) !== 0;
	const propagation = (split.flags & PROPAGATION_FLAGS) !== 0;
	if (args.length === 1) {
		if (remount || propagation) {
			const target = canonical(t, args[0]!);
			const table = yield* readMountinfo(t.sys);
			const m =
				findLast(table, (e) => e.target === target) ?? findLast(table, (e) => e.source === args[0]);
			const where = m?.target ?? target;
			// A remount starts from the mount's current options (per-mount ones, then the
			// superblock's without rw/ro), with the new ones after them, as libmount does.
			const merged =
				remount && m !== undefined
					? splitMountOptions(
							[
								m.vfsOptions,
								...m.fsOptions.split(",").filter((o) => o !== "rw" && o !== "ro"),
								optText,
							]
								.filter((o) => o !== "")
								.join(","),
							split.flags & (MS_BIND | MS_MOVE),
						)
					: split;
			return yield* doMount(t, {
				source: m?.source ?? null,
				target: where,
				shownTarget: m === undefined ? args[0]! : where,
				fstype: m?.fstype ?? null,
				flags: merged.flags,
				data: merged.data,
				verbose,
				fake,
			});
		}
		return yield* fromFstab(t, args[0]!, types, optText, verbose, fake);
	}
	const [source, targetArg] = args as [string, string];
	const target = canonical(t, targetArg);
	const shown = tryStat(t.sys, targetArg) === null ? targetArg : target;
	const bindLike = (split.flags & (MS_BIND | MS_MOVE)) !== 0;
	if (!bindLike && !remount && !propagation && (types === null || types === "auto")) {
		// Without a type the source must be a block device to probe.
		const st = tryStat(t.sys, source);
		const why =
			st === null
				? `special device ${source} does not exist`
				: isBlk(st.mode)
					? null
					: `${source} is not a block device`;
		yield* t.warn(
			`${shown}: ${why ?? `wrong fs type, bad option, bad superblock on ${source}, missing codepage or helper program, or other error`}.`,
		);
		yield* t.errText(DMESG);
		return EX_FAIL;
	}
	return yield* doMount(t, {
		source: bindLike ? canonical(t, source) : source,
		target,
		shownTarget: shown,
		fstype: types,
		flags: split.flags,
		data: split.data,
		verbose,
		fake,
		givenSource: source,
	});
}

function findLast<T>(list: readonly T[], pred: (x: T) => boolean): T | undefined {
	for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!)) return list[i];
	return undefined;
}

/** realpath() of a path, or the path itself when that fails (libmount keeps it then). */
function canonical(t: Tool, path: string): string {
	const r = attempt(() => realPath(t.sys, path));
	return r instanceof KernelError ? path : r;
}

function* list(t: Tool, types: string | null): Run<number> {
	for (const m of yield* readMountinfo(t.sys)) {
		if (types !== null && !typeMatches(types, m.fstype)) continue;
		yield* t.print(`${m.source} on ${m.target} type ${m.fstype} (${listedOptions(m)})\n`);
	}
	return yield* t.finish(0);
}

interface MountRequest {
	source: string | null;
	target: string;
	/** The target as messages name it. */
	shownTarget: string;
	fstype: string | null;
	flags: number;
	data: string;
	verbose: boolean;
	fake: boolean;
	/** The source as given (bind sources are canonicalized). */
	givenSource?: string;
}

function* doMount(t: Tool, r: MountRequest): Run<number> {
	const { sys } = t;
	const src = r.givenSource ?? r.source ?? "none";
	if (!r.fake) {
		const res = attempt(() =>
			sys.vfs.mount(sys.task, r.source, r.target, r.fstype, r.flags, r.data === "" ? null : r.data),
		);
		if (res instanceof KernelError) {
			const msg = yield* mountError(t, res, r, src);
			yield* t.warn(`${r.shownTarget}: ${msg}.`);
			yield* t.errText(DMESG);
			return EX_FAIL;
		}
	}
	if (r.verbose) {
		let what: string;
		if (r.flags & PROPAGATION_FLAGS) what = `${r.target} propagation flags changed`;
		else if (r.flags & MS_MOVE) what = `${src} moved to ${r.target}`;
		else if (r.flags & MS_BIND && !(r.flags & MS_REMOUNT)) what = `${src} bound on ${r.target}`;
		else what = `${src} mounted on ${r.target}`;
		yield* t.print(`${t.name}: ${what}.\n`);
	}
	return yield* t.finish(0);
}

/** libmount's explanation of a failed mount(2). */
function* mountError(t: Tool, e: KernelError, r: MountRequest, src: string): Run<string> {
	const { sys } = t;
	const remount = (r.flags & MS_REMOUNT) !== 0;
	switch (e.code) {
		case "EPERM":
			return sys.task.cred.euid !== 0 ? "must be superuser to use mount" : "permission denied";
		case "EBUSY": {
			if (remount) return "mount point is busy";
			const table = yield* readMountinfo(sys);
			const m = table.find((x) => x.source === src);
			return m !== undefined
				? `${src} already mounted on ${m.target}`
				: `${src} already mounted or mount point busy`;
		}
		case "ENOENT": {
			if (tryStat(sys, r.target) === null) return "mount point does not exist";
			if (r.flags & (MS_BIND | MS_MOVE) && tryStat(sys, src) === null) {
				return `special device ${src} does not exist`;
			}
			return `mount(2) system call failed: ${e.strerror}`;
		}
		case "ENOTDIR": {
			const st = tryStat(sys, r.target);
			if (st !== null && !isDir(st.mode)) return "mount point is not a directory";
			return `special device ${src} does not exist (a path prefix is not a directory)`;
		}
		case "EINVAL":
			if (remount) return "mount point not mounted or bad option";
			if (r.flags & PROPAGATION_FLAGS) return "not mount point or bad option";
			return `wrong fs type, bad option, bad superblock on ${src}, missing codepage or helper program, or other error`;
		case "ENODEV":
			return `unknown filesystem type '${r.fstype ?? ""}'`;
		case "ENOTBLK":
			return `${src} is not a block device`;
		case "EACCES":
		case "EROFS":
			return `cannot mount ${src} read-only`;
		case "EMFILE":
			return "table of dummy devices is full";
		default:
			return `mount(2) system call failed: ${e.strerror}`;
	}
}

interface FstabEntry {
	source: string;
	target: string;
	fstype: string;
	options: string;
}

function* readFstab(t: Tool): Run<FstabEntry[]> {
	let text = "";
	try {
		text = yield* readFile(t.sys, "/etc/fstab");
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	const out: FstabEntry[] = [];
	for (const line of text.split("\n")) {
		const f = line.trim().split(/\s+/);
		if (f.length < 3 || f[0]!.startsWith("#")) continue;
		out.push({ source: f[0]!, target: f[1]!, fstype: f[2]!, options: f[3] ?? "defaults" });
	}
	return out;
}

/** mount DIR or mount SOURCE: the /etc/fstab entry for it. */
function* fromFstab(
	t: Tool,
	spec: string,
	types: string | null,
	extra: string,
	verbose: boolean,
	fake: boolean,
): Run<number> {
	const target = canonical(t, spec);
	const e = (yield* readFstab(t)).find(
		(x) => x.target === spec || x.target === target || x.source === spec,
	);
	if (e === undefined) {
		yield* t.warn(`${spec}: can't find in /etc/fstab.`);
		return EX_USAGE;
	}
	const split = splitMountOptions([e.options, extra].filter((x) => x !== "").join(","));
	return yield* doMount(t, {
		source: e.source,
		target: canonical(t, e.target),
		shownTarget: e.target,
		fstype: types ?? e.fstype,
		flags: split.flags,
		data: split.data,
		verbose,
		fake,
	});
}

/** mount -a: every /etc/fstab entry without noauto that is not mounted yet. */
function* mountAll(t: Tool, verbose: boolean): Run<number> {
	const mounted = yield* readMountinfo(t.sys);
	let status = 0;
	for (const e of yield* readFstab(t)) {
		if (e.options.split(",").includes("noauto") || e.fstype === "swap") continue;
		const target = canonical(t, e.target);
		if (mounted.some((m: MountEntry) => m.target === target)) continue;
		const split = splitMountOptions(e.options);
		const r = yield* doMount(t, {
			source: e.source,
			target,
			shownTarget: e.target,
			fstype: e.fstype,
			flags: split.flags,
			data: split.data,
			verbose,
			fake: false,
		});
		if (r !== 0) status = r;
	}
	return status;
}
