/**
 * Mounts and mount namespaces (fs/namespace.c). A mount attaches a
 * superblock's root (or a directory in it) at an inode of a parent mount;
 * mounts on the same point stack, the newest on top.
 */
import { LowestIdr } from "../kernel/idr.ts";
import type { Inode, SuperBlock } from "./inode.ts";

export class Mount {
	/** mnt_id. */
	readonly id: number;
	readonly sb: SuperBlock;
	/** mnt_root: the directory of the superblock this mount shows. */
	readonly root: Inode;
	/** The mount this one is attached to, null for the namespace root. */
	parent: Mount | null;
	/** The inode in the parent mount this one covers. */
	mountpoint: Inode | null;
	/** MNT_* flags. */
	flags: number;
	/** The source ("device") string given to mount(2). */
	readonly devname: string;
	/** The mounts attached to inodes of this one, keyed by their mountpoint. */
	readonly children = new Map<Inode, Mount>();
	/** Open files and working directories inside this mount. */
	refcount = 0;
	/** Detached by umount (possibly lazily). */
	detached = false;
	/** Creation order, the order /proc/<pid>/mounts lists mounts in. */
	readonly seq: number;
	/**
	 * A file bind mount's mountpoint and root are files, whose inodes do not
	 * know their directory: the directory and name their dentries have.
	 */
	mountpointDentry: FileName | null = null;
	rootDentry: FileName | null = null;

	constructor(init: {
		id: number;
		sb: SuperBlock;
		root: Inode;
		parent: Mount | null;
		mountpoint: Inode | null;
		flags: number;
		devname: string;
		seq: number;
	}) {
		this.id = init.id;
		this.sb = init.sb;
		this.root = init.root;
		this.parent = init.parent;
		this.mountpoint = init.mountpoint;
		this.flags = init.flags;
		this.devname = init.devname;
		this.seq = init.seq;
	}
}

/** A non-directory's dentry as far as paths need it: its directory and its name. */
export interface FileName {
	readonly dir: Inode;
	readonly name: string;
}

/** struct mnt_namespace. */
export class MountNamespace {
	root: Mount | null = null;
	/** Every attached mount, in mount order. */
	readonly mounts = new Set<Mount>();
}

/** The ids the VFS hands out: mount ids and anonymous device minors. */
export class VfsIds {
	readonly mountIds = new LowestIdr(1);
	readonly anonDevs = new LowestIdr(1);
	private seq = 0;

	nextSeq(): number {
		return ++this.seq;
	}
}

/** A position in the tree: a mount and an inode in it (struct path). */
export interface PathRef {
	readonly mnt: Mount;
	readonly inode: Inode;
}
