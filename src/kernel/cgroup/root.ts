/** struct cgroup_root: one hierarchy. */
import type { Cgroup } from "./cgroup.ts";

export class CgroupRoot {
	/** Assigned by cgroup_init_root_id(); 0 is the default (cgroup2) hierarchy. */
	hierarchyId = -1;
	/** Controllers bound to this hierarchy. */
	subsysMask = 0;
	flags: number;
	/** name= of a v1 hierarchy, "" when unnamed. */
	readonly name: string;
	releaseAgentPath: string;
	cgrp!: Cgroup;
	/** Cgroups of this hierarchy not yet freed, the root included. */
	nrCgrps = 1;
	/** The next kernfs inode number (the ino idr cursor; numbers are never reused). */
	nextIno = 1;
	readonly isDfl: boolean;
	/** Live superblocks (mounts share one superblock per hierarchy). */
	sbActive = 0;
	/** The root's refcount was killed (last unmount with no children); it is going away. */
	killed = false;
	/** Destroyed: no longer in the roots list. */
	destroyed = false;

	constructor(opts: { isDfl: boolean; flags: number; name: string; releaseAgentPath: string }) {
		this.isDfl = opts.isDfl;
		this.flags = opts.flags;
		this.name = opts.name;
		this.releaseAgentPath = opts.releaseAgentPath;
	}

	allocIno(): number {
		return this.nextIno++;
	}

	/** Consecutive inode numbers for a directory's files. */
	allocInos(count: number): number {
		const first = this.nextIno;
		this.nextIno += count;
		return first;
	}
}
