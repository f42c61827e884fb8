/**
 * umount (util-linux 2.38): umount [-flRvq] [-t TYPES] {TARGET|SOURCE}...
 *
 * A name is looked up in /proc/self/mountinfo as a mount point, then as a
 * source (the most recent mount wins). Without root (restricted mode) only
 * paths are taken, and a mount not marked "user" in /etc/fstab is refused.
 * Each failure costs 32 in the exit status (summed over the arguments,
 * like util-linux); usage errors exit with 1. -v reports on stderr.
 */

import { MNT_DETACH, MNT_FORCE } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { realPath } from "../lib/files.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { type MountEntry, readMountinfo, typeMatches } from "../lib/mountinfo.ts";
import { readFile } from "../lib/stdio.ts";
import { attempt, baseName, Tool, UTIL_LINUX } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const EX_USAGE = 1;
const EX_FAIL = 32;

const LONG: LongOpt[] = [
	{ name: "all", arg: "none", key: "a" },
	{ name: "force", arg: "none", key: "f" },
	{ name: "lazy", arg: "none", key: "l" },
	{ name: "no-mtab", arg: "none", key: "n" },
	{ name: "no-canonicalize", arg: "none", key: "c" },
	{ name: "quiet", arg: "none", key: "q" },
	{ name: "recursive", arg: "none", key: "R" },
	{ name: "read-only", arg: "none", key: "r" },
	{ name: "types", arg: "required", key: "t" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "detach-loop", arg: "none", key: "d" },
	{ name: "help", arg: "none", key: "h" },
	{ name: "version", arg: "none", key: "V" },
];

interface Settings {
	flags: number;
	verbose: boolean;
	quiet: boolean;
	recursive: boolean;
	restricted: boolean;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, baseName(ctx.argv[0] ?? "umount"));
	const parsed = getopt(t.name, t.args, "acdfhlnqRrt:vV", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return EX_USAGE;
	}
	const s: Settings = {
		flags: 0,
		verbose: false,
		quiet: false,
		recursive: false,
		restricted: false,
	};
	let all = false;
	let types: string | null = null;
	for (const o of parsed.opts) {
		if (o.key === "f") s.flags |= MNT_FORCE;
		else if (o.key === "l") s.flags |= MNT_DETACH;
		else if (o.key === "v") s.verbose = true;
		else if (o.key === "q") s.quiet = true;
		else if (o.key === "R") s.recursive = true;
		else if (o.key === "h") {
			yield* t.print(
				`Usage:\n umount [-hV]\n umount -a [options]\n umount [options] <source> | <directory>\n`,
			);
			return yield* t.finish(0);
		} else if (o.key === "V") {
			yield* t.print(`${t.name} ${UTIL_LINUX}\n`);
			return yield* t.finish(0);
		} else if (o.key === "a") all = true;
		else if (o.key === "t") types = o.arg;
	}
	const cred = t.sys.task.cred;
	s.restricted = !(cred.uid === 0 && cred.euid === 0);
	if (all) {
		// Everything but the pseudo filesystems util-linux leaves alone, newest first.
		const skip = types ?? "noproc,devfs,devpts,sysfs,rpc_pipefs,nfsd";
		let status = 0;
		for (const m of (yield* readMountinfo(t.sys)).reverse()) {
			if (!typeMatches(skip, m.fstype)) continue;
			status |= yield* callUmount(t, s, m.target, m, m.target);
		}
		return status;
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("bad usage");
		yield* t.errText(tryHelp(t.name));
		return EX_USAGE;
	}
	let status = 0;
	for (const arg of parsed.operands) status += yield* umountOne(t, s, arg);
	return status & 0xff;
}

function findLast(
	table: readonly MountEntry[],
	pred: (m: MountEntry) => boolean,
): MountEntry | undefined {
	for (let i = table.length - 1; i >= 0; i--) if (pred(table[i]!)) return table[i];
	return undefined;
}

function* umountOne(t: Tool, s: Settings, arg: string): Run<number> {
	const { sys } = t;
	const table = yield* readMountinfo(sys);
	const real = attempt(() => realPath(sys, arg));
	if (s.restricted) {
		if (real instanceof KernelError) {
			yield* t.warn(`${arg}: ${real.strerror}`);
			return EX_USAGE;
		}
		const m = findLast(table, (e) => e.target === real);
		// libmount names the canonical target in these messages.
		if (m === undefined) {
			if (!s.quiet) yield* t.warn(`${real}: not mounted.`);
			return EX_USAGE;
		}
		if (!(yield* userMountable(t, m))) {
			yield* t.warn(`${real}: must be superuser to unmount.`);
			return EX_FAIL;
		}
	}
	const path = real instanceof KernelError ? arg : real;
	let m = findLast(table, (e) => e.target === path);
	if (m === undefined && !s.restricted) m = findLast(table, (e) => e.source === arg);
	const target = m?.target ?? path;
	if (s.recursive) {
		if (m === undefined) {
			yield* t.warn(`${arg}: not mounted`);
			return EX_USAGE;
		}
		// Submounts first, deepest (most recently mounted) first.
		const under = table.filter((e) => e.target.startsWith(target === "/" ? "/" : `${target}/`));
		for (const e of under.reverse()) {
			const r = yield* callUmount(t, s, e.target, e, e.target);
			if (r !== 0) return r;
		}
	}
	return yield* callUmount(t, s, target, m, arg);
}

function* callUmount(
	t: Tool,
	s: Settings,
	target: string,
	m: MountEntry | undefined,
	shown: string,
): Run<number> {
	const { sys } = t;
	const r = attempt(() => sys.vfs.umount(sys.task, target, s.flags));
	if (r instanceof KernelError) {
		const name = m !== undefined ? target : shown;
		let msg: string;
		switch (r.code) {
			case "EINVAL":
				if (s.quiet) return EX_FAIL;
				msg = "not mounted";
				break;
			case "EBUSY":
				msg = "target is busy";
				break;
			case "ENOENT":
				msg = "no mount point specified";
				break;
			case "EPERM":
				msg = "must be superuser to unmount";
				break;
			case "EACCES":
				msg = "block devices are not permitted on filesystem";
				break;
			case "EIO":
				msg = "can't read superblock";
				break;
			default:
				msg = `umount(2) system call failed: ${r.strerror}`;
		}
		yield* t.warn(`${name}: ${msg}.`);
		return EX_FAIL;
	}
	if (s.verbose) {
		// success_message(): the source of the mount libmount found, by target or by source.
		yield* t.warn(m !== undefined ? `${target} (${m.source}) unmounted` : `${target} unmounted`);
	}
	return 0;
}

/** Does /etc/fstab let users unmount this (user, users, owner, group)? */
function* userMountable(t: Tool, m: MountEntry): Run<boolean> {
	let text = "";
	try {
		text = yield* readFile(t.sys, "/etc/fstab");
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	for (const line of text.split("\n")) {
		const f = line.trim().split(/\s+/);
		if (f.length < 4 || f[0]!.startsWith("#") || f[1] !== m.target) continue;
		const opts = f[3]!.split(",");
		if (opts.some((o) => o === "user" || o === "users" || o === "owner" || o === "group"))
			return true;
	}
	return false;
}
