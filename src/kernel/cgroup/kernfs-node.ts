/**
 * The attributes of a kernfs node (struct kernfs_node and its iattrs) that
 * the cgroup core sets: it creates the nodes of its directories and control
 * files itself, with the creator's fsuid and fsgid (kernfs_create_dir_ns(),
 * cgroup_add_file()).
 */
import type { TimeStamp } from "../clock.ts";
import { WaitQueue } from "../wait.ts";

export interface KernfsNodeInit {
	readonly ino: number;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	/** atime, mtime and ctime at creation. */
	readonly time: TimeStamp;
}

/** S_ISGID (include/uapi/linux/stat.h). */
const S_ISGID = 0o2000;

export abstract class KernfsNode {
	readonly ino: number;
	mode: number;
	uid: number;
	gid: number;
	/**
	 * Whether the node has iattrs (kn->iattr): made by any setattr, and at
	 * creation for an owner other than root:root (__kernfs_new_node()).
	 */
	iattr: boolean;
	atime: TimeStamp;
	mtime: TimeStamp;
	ctime: TimeStamp;
	/** The filesystem's inode for this node, cached by the filesystem layer. */
	vfsInode: object | null = null;
	/** kernfs_notify() count, and the waiters of poll and inotify (allocated on first watch). */
	notifySeq = 0;
	private notifyWaiters: WaitQueue | null = null;

	constructor(init: KernfsNodeInit) {
		this.ino = init.ino;
		this.mode = init.mode;
		this.uid = init.uid;
		this.gid = init.gid;
		this.iattr = init.uid !== 0 || init.gid !== 0;
		this.atime = init.time;
		this.mtime = init.time;
		this.ctime = init.time;
	}

	/** The queue pollers and inotify watchers of this node sleep on. */
	get notifyQueue(): WaitQueue {
		if (this.notifyWaiters === null) this.notifyWaiters = new WaitQueue();
		return this.notifyWaiters;
	}

	/** kernfs_notify(): wake pollers (POLLPRI) and queue IN_MODIFY for inotify watchers. */
	notify(): void {
		this.notifySeq++;
		this.notifyWaiters?.wakeUp();
	}
}

/**
 * kernfs_new_node(): a node made in a setgid directory takes the
 * directory's group (when the directory has iattrs; otherwise the creator's
 * stays), and a new directory the setgid bit too, imitating
 * inode_init_owner().
 */
export function kernfsNewNodeOwner(
	parent: KernfsNode,
	gid: number,
	mode: number,
	isDir: boolean,
): { gid: number; mode: number } {
	if (!(parent.mode & S_ISGID)) return { gid, mode };
	return { gid: parent.iattr ? parent.gid : gid, mode: isDir ? mode | S_ISGID : mode };
}
