/**
 * Inodes and superblocks. Each filesystem subclasses Inode; an operation a
 * filesystem does not provide fails with the errno the Linux VFS returns when
 * the inode_operations entry is missing.
 */

import type { Cred } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Task } from "../kernel/task.ts";
import type { WaitQueue } from "../kernel/wait.ts";
import { isDir, S_IFMT, type Stat, type StatFs } from "./constants.ts";
import type { OpenFile } from "./file.ts";

/** d_type values of getdents64. */
export const DT_UNKNOWN = 0;
export const DT_FIFO = 1;
export const DT_CHR = 2;
export const DT_DIR = 4;
export const DT_BLK = 6;
export const DT_REG = 8;
export const DT_LNK = 10;

export function dtType(mode: number): number {
	return (mode & S_IFMT) >> 12;
}

export interface DirEntry {
	readonly name: string;
	readonly ino: number;
	readonly type: number;
}

/** file_operations of one open file. Reads and writes get the file position. */
export interface FileHandle {
	read?(file: OpenFile, pos: number, count: number, task: Task): Uint8Array;
	write?(file: OpenFile, data: Uint8Array, pos: number, task: Task): number;
	/** The end for SEEK_END and O_APPEND; undefined when not seekable that way. */
	size?(): number;
	release?(): void;
}

/** Attributes chmod/chown/truncate change (struct iattr). */
export interface SetAttr {
	mode?: number;
	uid?: number;
	gid?: number;
	size?: number;
	/** ATTR_ATIME / ATTR_MTIME: wall-clock times in ns since the epoch. */
	atimeNs?: number;
	mtimeNs?: number;
}

export abstract class Inode {
	/**
	 * What inotify's IN_MODIFY and poll's POLLPRI follow on this inode: a
	 * kernfs node's notifications (kernfs_notify()), or null when the inode
	 * does not notify (only cgroup control files do in the emulation).
	 */
	modifyNotifier(): ModifyNotifier | null {
		return null;
	}

	abstract readonly sb: SuperBlock;
	abstract readonly ino: number;
	abstract get mode(): number;
	abstract get uid(): number;
	abstract get gid(): number;

	get isDir(): boolean {
		return isDir(this.mode);
	}

	/** Directory removed (IS_DEADDIR): lookups and creation fail with ENOENT. */
	get dead(): boolean {
		return false;
	}

	/**
	 * The part of an i_op->permission that refuses before the mode bits are
	 * looked at (procfs's proc_pid_permission()): throws its errno, or
	 * returns and generic_permission() decides.
	 */
	permissionPrecheck(_mask: number, _cred: Cred): void {}

	abstract stat(): Stat;

	/** Directories: the entry `name`, or null. */
	lookup(_name: string, _task: Task): Inode | null {
		throw new KernelError("ENOTDIR");
	}

	/** Directories: the parent directory (the fs root is its own parent). */
	parent(): Inode {
		throw new KernelError("ENOTDIR");
	}

	/** Directories: this directory's name in its parent (for path printing). */
	nameInParent(): string {
		return "";
	}

	readdir(_task: Task): DirEntry[] {
		throw new KernelError("ENOTDIR");
	}

	/** ->create missing: lookup_open() fails with EACCES. */
	create(_name: string, _mode: number, _cred: Cred): Inode {
		throw new KernelError("EACCES");
	}

	mkdir(_name: string, _mode: number, _cred: Cred, _task: Task): void {
		throw new KernelError("EPERM");
	}

	rmdir(_name: string, _child: Inode, _task: Task): void {
		throw new KernelError("EPERM");
	}

	unlink(_name: string, _child: Inode): void {
		throw new KernelError("EPERM");
	}

	rename(_oldName: string, _newDir: Inode, _newName: string, _task: Task): void {
		throw new KernelError("EPERM");
	}

	symlink(_name: string, _target: string, _cred: Cred): Inode {
		throw new KernelError("EPERM");
	}

	mknod(_name: string, _mode: number, _rdev: number, _cred: Cred): Inode {
		throw new KernelError("EPERM");
	}

	link(_name: string, _target: Inode): void {
		throw new KernelError("EPERM");
	}

	/** Symlinks: the target. */
	readlink(_task: Task): string {
		throw new KernelError("EINVAL");
	}

	/** chmod/chown/truncate (notify_change); permission checks are the VFS's. */
	setattr(_attr: SetAttr): void {
		throw new KernelError("EPERM");
	}

	/** Open for I/O; permission checks are done by the VFS beforehand. */
	open(_file: OpenFile, _task: Task): FileHandle {
		throw new KernelError("ENXIO");
	}
}

export abstract class SuperBlock {
	abstract readonly fsType: string;
	abstract readonly magic: number;
	abstract readonly root: Inode;
	/** st_dev: anonymous block device (major 0), assigned when mounted. */
	dev = 0;
	/** SB_* flags. */
	flags = 0;
	/** SB_I_NOEXEC of s_iflags: nothing on it executes, whatever the mount flags (path_noexec()). */
	noexec = false;
	/** Mounts of this superblock (active references). */
	active = 0;

	/** ->show_options: ",opt,opt" after the "rw"/"ro" of the superblock. */
	showOptions(): string {
		return "";
	}

	/** ->show_path: the mount's root as mountinfo's 4th field. */
	showPath(root: Inode): string {
		const parts: string[] = [];
		for (let i = root; i !== this.root; i = i.parent()) parts.unshift(i.nameInParent());
		return `/${parts.join("/")}`;
	}

	/** ->kill_sb: the last mount went away. */
	kill(): void {}

	statfs(): StatFs {
		return {
			type: this.magic,
			bsize: 4096,
			blocks: 0,
			bfree: 0,
			bavail: 0,
			files: 0,
			ffree: 0,
			namelen: 255,
			frsize: 4096,
			flags: 0,
		};
	}
}

/** A filesystem's mount-time context (struct fs_context). */
export interface FsContext {
	parseParam(key: string, value: string | null): void;
	/** ->get_tree: the superblock to mount (new or shared). */
	getTree(): SuperBlock;
	/** fc->root when it is not the superblock's root (a cgroup namespace's root). */
	mountRoot?(sb: SuperBlock): Inode;
	/** ->reconfigure, for a remount of `sb`. */
	reconfigure?(sb: SuperBlock): void;
}

export interface FileSystemType {
	readonly name: string;
	/** FS_REQUIRES_DEV absent: shown as "nodev" in /proc/filesystems. */
	readonly nodev: boolean;
	initFsContext(task: Task, source: string | null): FsContext;
}

/** Mode bits of a freshly created inode of a given type. */
export function typedMode(type: number, perm: number): number {
	return type | (perm & 0o7777);
}

/** A source of modify notifications: a count and a queue woken at each. */
export interface ModifyNotifier {
	readonly notifySeq: number;
	readonly notifyQueue: WaitQueue;
}
