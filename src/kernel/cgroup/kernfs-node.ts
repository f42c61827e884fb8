/**
 * The attributes of a kernfs node (struct kernfs_node and its iattrs) that
 * the cgroup core sets: it creates the nodes of its directories and control
 * files itself, with the creator's fsuid and fsgid (kernfs_create_dir_ns(),
 * cgroup_add_file()).
 */
import type { TimeStamp } from "../clock.ts";

export interface KernfsNodeInit {
	readonly ino: number;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	/** atime, mtime and ctime at creation. */
	readonly time: TimeStamp;
}

export abstract class KernfsNode {
	readonly ino: number;
	mode: number;
	uid: number;
	gid: number;
	atime: TimeStamp;
	mtime: TimeStamp;
	ctime: TimeStamp;
	/** The filesystem's inode for this node, cached by the filesystem layer. */
	vfsInode: object | null = null;

	constructor(init: KernfsNodeInit) {
		this.ino = init.ino;
		this.mode = init.mode;
		this.uid = init.uid;
		this.gid = init.gid;
		this.atime = init.time;
		this.mtime = init.time;
		this.ctime = init.time;
	}
}
