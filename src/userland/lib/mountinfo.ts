/**
 * /proc/self/mountinfo as util-linux reads it, and mount(8)'s option
 * strings: which words are MS_* flags for mount(2), which are for
 * userspace only, and which go to the filesystem as data.
 */

import {
	MS_BIND,
	MS_DIRSYNC,
	MS_LAZYTIME,
	MS_MANDLOCK,
	MS_MOVE,
	MS_NOATIME,
	MS_NODEV,
	MS_NODIRATIME,
	MS_NOEXEC,
	MS_NOSUID,
	MS_NOSYMFOLLOW,
	MS_PRIVATE,
	MS_RDONLY,
	MS_REC,
	MS_RELATIME,
	MS_REMOUNT,
	MS_SHARED,
	MS_SILENT,
	MS_SLAVE,
	MS_STRICTATIME,
	MS_SYNCHRONOUS,
} from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";
import { readFile } from "./stdio.ts";

const MS_UNBINDABLE = 1 << 17;

export interface MountEntry {
	readonly id: number;
	readonly parent: number;
	readonly root: string;
	readonly target: string;
	/** Per-mount options (rw,nosuid,relatime...). */
	readonly vfsOptions: string;
	readonly fstype: string;
	readonly source: string;
	/** Superblock options (rw,size=...). */
	readonly fsOptions: string;
}

/** The \ooo escapes of mountinfo fields decoded. */
export function unescapeOctal(s: string): string {
	return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** The entries of a /proc/PID/mountinfo text, in order (malformed lines skipped). */
export function parseMountinfo(text: string): MountEntry[] {
	const out: MountEntry[] = [];
	for (const line of text.split("\n")) {
		if (line === "") continue;
		const f = line.split(" ");
		// Optional fields end with "-"; then fstype, source, superblock options.
		const dash = f.indexOf("-", 6);
		if (dash < 0 || f.length < dash + 4) continue;
		out.push({
			id: Number(f[0]),
			parent: Number(f[1]),
			root: unescapeOctal(f[3]!),
			target: unescapeOctal(f[4]!),
			vfsOptions: f[5]!,
			fstype: f[dash + 1]!,
			source: unescapeOctal(f[dash + 2]!),
			fsOptions: f[dash + 3]!,
		});
	}
	return out;
}

/** The mounts this process sees, in mountinfo order (empty when /proc is not mounted). */
export function* readMountinfo(sys: Sys): Run<MountEntry[]> {
	let text: string;
	try {
		text = yield* readFile(sys, "/proc/self/mountinfo");
	} catch (e) {
		if (e instanceof KernelError) return [];
		throw e;
	}
	return parseMountinfo(text);
}

/** The options mount(8) lists for a mount: per-mount ones, then the superblock's without rw/ro. */
export function listedOptions(m: MountEntry): string {
	const fs = m.fsOptions.split(",").filter((o) => o !== "rw" && o !== "ro" && o !== "");
	return [m.vfsOptions, ...fs].join(",");
}

/** [flags set, flags cleared] for the mount(2) flag options. */
const FLAG_OPTIONS: Record<string, [number, number]> = {
	ro: [MS_RDONLY, 0],
	rw: [0, MS_RDONLY],
	nosuid: [MS_NOSUID, 0],
	suid: [0, MS_NOSUID],
	nodev: [MS_NODEV, 0],
	dev: [0, MS_NODEV],
	noexec: [MS_NOEXEC, 0],
	exec: [0, MS_NOEXEC],
	sync: [MS_SYNCHRONOUS, 0],
	async: [0, MS_SYNCHRONOUS],
	remount: [MS_REMOUNT, 0],
	bind: [MS_BIND, 0],
	rbind: [MS_BIND | MS_REC, 0],
	move: [MS_MOVE, 0],
	mand: [MS_MANDLOCK, 0],
	nomand: [0, MS_MANDLOCK],
	dirsync: [MS_DIRSYNC, 0],
	noatime: [MS_NOATIME, 0],
	atime: [0, MS_NOATIME],
	nodiratime: [MS_NODIRATIME, 0],
	diratime: [0, MS_NODIRATIME],
	relatime: [MS_RELATIME, 0],
	norelatime: [0, MS_RELATIME],
	strictatime: [MS_STRICTATIME, 0],
	nostrictatime: [0, MS_STRICTATIME],
	lazytime: [MS_LAZYTIME, 0],
	nolazytime: [0, MS_LAZYTIME],
	nosymfollow: [MS_NOSYMFOLLOW, 0],
	symfollow: [0, MS_NOSYMFOLLOW],
	silent: [MS_SILENT, 0],
	loud: [0, MS_SILENT],
	private: [MS_PRIVATE, 0],
	rprivate: [MS_PRIVATE | MS_REC, 0],
	shared: [MS_SHARED, 0],
	rshared: [MS_SHARED | MS_REC, 0],
	slave: [MS_SLAVE, 0],
	rslave: [MS_SLAVE | MS_REC, 0],
	unbindable: [MS_UNBINDABLE, 0],
	runbindable: [MS_UNBINDABLE | MS_REC, 0],
	defaults: [0, 0],
};

/** Options for mount(8) itself, never passed to the kernel; some imply flags. */
const USERSPACE_OPTIONS: Record<string, number> = {
	auto: 0,
	noauto: 0,
	nouser: 0,
	nofail: 0,
	_netdev: 0,
	user: MS_NOSUID | MS_NODEV | MS_NOEXEC,
	users: MS_NOSUID | MS_NODEV | MS_NOEXEC,
	owner: MS_NOSUID | MS_NODEV,
	group: MS_NOSUID | MS_NODEV,
};

export interface SplitOptions {
	flags: number;
	/** The filesystem's options (mount(2)'s data), "" when none. */
	data: string;
}

/** Split a -o string into MS_* flags and the data string, starting from `flags`. */
export function splitMountOptions(text: string, flags = 0): SplitOptions {
	let f = flags;
	const data: string[] = [];
	for (const opt of text.split(",")) {
		if (opt === "") continue;
		const flag = FLAG_OPTIONS[opt];
		if (flag !== undefined) {
			f = (f | flag[0]) & ~flag[1];
			continue;
		}
		const name = opt.split("=")[0]!;
		const implied = USERSPACE_OPTIONS[name];
		if (implied !== undefined) {
			f |= implied;
			continue;
		}
		if (name.startsWith("x-") || name === "comment" || name === "loop" || name === "offset")
			continue;
		data.push(opt);
	}
	return { flags: f, data: data.join(",") };
}

export const PROPAGATION_FLAGS = MS_PRIVATE | MS_SHARED | MS_SLAVE | MS_UNBINDABLE;

/** Does a -t list ("tmpfs,cgroup", "notmpfs", "nocgroup,proc") take `fstype`? */
export function typeMatches(list: string, fstype: string): boolean {
	const negate = list.startsWith("no");
	const names = (negate ? list.slice(2) : list).split(",");
	return names.includes(fstype) !== negate;
}
