/**
 * /proc/<pid>/mounts and /proc/<pid>/mountinfo (fs/proc_namespace.c):
 * show_vfsmnt() and show_mountinfo(), with their escaping. Both are read by
 * a task (`reader`, the kernel's current), whose cgroup namespace decides
 * the root field of cgroup mounts.
 */

import { cgroupShowPath } from "../kernel/cgroup/namespace.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Task } from "../kernel/task.ts";
import { CgroupDirInode } from "./cgroupfs.ts";
import {
	MNT_NOATIME,
	MNT_NODEV,
	MNT_NODIRATIME,
	MNT_NOEXEC,
	MNT_NOSUID,
	MNT_NOSYMFOLLOW,
	MNT_READONLY,
	MNT_RELATIME,
	major,
	minor,
	SB_DIRSYNC,
	SB_LAZYTIME,
	SB_MANDLOCK,
	SB_RDONLY,
	SB_SYNCHRONOUS,
} from "./constants.ts";
import type { Mount, PathRef } from "./mount.ts";

/** mangle()/seq_escape(): the listed characters become \ooo. */
export function mangle(s: string, chars = " \t\n\\"): string {
	let out = "";
	for (const ch of s) {
		out += chars.includes(ch) ? `\\${ch.charCodeAt(0).toString(8).padStart(3, "0")}` : ch;
	}
	return out;
}

const MNT_OPTS: readonly [number, string][] = [
	[MNT_NOSUID, ",nosuid"],
	[MNT_NODEV, ",nodev"],
	[MNT_NOEXEC, ",noexec"],
	[MNT_NOATIME, ",noatime"],
	[MNT_NODIRATIME, ",nodiratime"],
	[MNT_RELATIME, ",relatime"],
	[MNT_NOSYMFOLLOW, ",nosymfollow"],
];

const SB_OPTS: readonly [number, string][] = [
	[SB_SYNCHRONOUS, ",sync"],
	[SB_DIRSYNC, ",dirsync"],
	[SB_MANDLOCK, ",mand"],
	[SB_LAZYTIME, ",lazytime"],
];

function showMntOpts(mnt: Mount): string {
	let out = "";
	for (const [bit, text] of MNT_OPTS) if (mnt.flags & bit) out += text;
	return out;
}

function showSbOpts(mnt: Mount): string {
	let out = "";
	for (const [bit, text] of SB_OPTS) if (mnt.sb.flags & bit) out += text;
	return out;
}

/** A mount's mountpoint as seen from `root`, or null when outside it. */
export type PathPrinter = (path: PathRef, root: PathRef) => string | null;

/** One /proc/<pid>/mounts line (show_vfsmnt), or "" when outside the task's root. */
export function showVfsmnt(mnt: Mount, root: PathRef, pathOf: PathPrinter): string {
	const where = pathOf({ mnt, inode: mnt.root }, root);
	if (where === null) return "";
	const ro = mnt.sb.flags & SB_RDONLY || mnt.flags & MNT_READONLY;
	return (
		`${mangle(mnt.devname)} ${mangle(where)} ${mnt.sb.fsType} ${ro ? "ro" : "rw"}` +
		`${showSbOpts(mnt)}${showMntOpts(mnt)}${mnt.sb.showOptions()} 0 0\n`
	);
}

/**
 * The root field of a mountinfo line: the superblock's show_path of the
 * mount's root. For cgroupfs (cgroup_show_path()) the path is relative to
 * the reader's cgroup namespace root on that hierarchy ("/.." steps for a
 * root outside it); a path longer than PATH_MAX fails the read (ERANGE).
 */
function mountRootPath(mnt: Mount, reader: Task | undefined): string {
	const file = mnt.rootDentry;
	const dir = file?.dir ?? mnt.root;
	let path: string;
	if (reader !== undefined && dir instanceof CgroupDirInode) {
		const p = cgroupShowPath(dir.cgroup, reader);
		if (p === null) throw new KernelError("ERANGE");
		path = p;
	} else {
		path = mnt.sb.showPath(dir);
	}
	if (file !== null) path = path === "/" ? `/${file.name}` : `${path}/${file.name}`;
	return path;
}

/** One /proc/<pid>/mountinfo line (show_mountinfo) as `reader` sees it. */
export function showMountinfo(
	mnt: Mount,
	root: PathRef,
	pathOf: PathPrinter,
	reader?: Task,
): string {
	const where = pathOf({ mnt, inode: mnt.root }, root);
	if (where === null) return "";
	const parentId = mnt.parent?.id ?? mnt.id;
	const dev = mnt.sb.dev;
	const rootPath = mountRootPath(mnt, reader);
	return (
		`${mnt.id} ${parentId} ${major(dev)}:${minor(dev)} ${mangle(rootPath)} ` +
		`${mangle(where)} ${mnt.flags & MNT_READONLY ? "ro" : "rw"}${showMntOpts(mnt)} - ` +
		`${mnt.sb.fsType} ${mangle(mnt.devname)} ${mnt.sb.flags & SB_RDONLY ? "ro" : "rw"}` +
		`${showSbOpts(mnt)}${mnt.sb.showOptions()}\n`
	);
}
