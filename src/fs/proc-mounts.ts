/**
 * /proc/<pid>/mounts and /proc/<pid>/mountinfo (fs/proc_namespace.c):
 * show_vfsmnt() and show_mountinfo(), with their escaping.
 */
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

/** One /proc/<pid>/mountinfo line (show_mountinfo). */
export function showMountinfo(mnt: Mount, root: PathRef, pathOf: PathPrinter): string {
	const where = pathOf({ mnt, inode: mnt.root }, root);
	if (where === null) return "";
	const parentId = mnt.parent?.id ?? mnt.id;
	const dev = mnt.sb.dev;
	const file = mnt.rootDentry;
	let rootPath = mnt.sb.showPath(file?.dir ?? mnt.root);
	if (file !== null) rootPath = rootPath === "/" ? `/${file.name}` : `${rootPath}/${file.name}`;
	return (
		`${mnt.id} ${parentId} ${major(dev)}:${minor(dev)} ${mangle(rootPath)} ` +
		`${mangle(where)} ${mnt.flags & MNT_READONLY ? "ro" : "rw"}${showMntOpts(mnt)} - ` +
		`${mnt.sb.fsType} ${mangle(mnt.devname)} ${mnt.sb.flags & SB_RDONLY ? "ro" : "rw"}` +
		`${showSbOpts(mnt)}${mnt.sb.showOptions()}\n`
	);
}
