/**
 * cgroup2's cgroup.procs and cgroup.threads (kernel/cgroup/cgroup.c): task
 * iteration in css_set order, and the delegation rules of a write.
 */
import { CAP_DAC_OVERRIDE, type Cred } from "../cred.ts";
import { KernelError } from "../errno.ts";
import type { Task } from "../task.ts";
import type { CgroupOpenFile } from "./cftype.ts";
import type { Cgroup } from "./cgroup.ts";
import { cgroupProcsWrite } from "./cgroup-v1.ts";
import { migrateVetDst } from "./control.ts";
import type { CgroupCore } from "./core.ts";
import type { CssSet } from "./css-set.ts";
import { type CgroupNamespace, cgroupNsProcsWritePermission, taskCgroupNs } from "./namespace.ts";

/**
 * css_task_iter over a cgroup: its own css_sets and, with `threaded`, those
 * of the threaded cgroups it is the domain of (CSS_TASK_ITER_THREADED).
 * With `procs` only group leaders, including exited leaders whose threads
 * live on (CSS_TASK_ITER_PROCS); otherwise every live thread.
 */
export function cssTaskIter(cgrp: Cgroup, procs: boolean, threaded: boolean): Task[] {
	const csets: CssSet[] = [];
	for (const link of cgrp.csetLinks) {
		csets.push(link.cset);
		// CSS_TASK_ITER_THREADED: each domain css_set's threaded css_sets right after it.
		if (threaded && link.cset.threadedCsets !== null) csets.push(...link.cset.threadedCsets);
	}
	const out: Task[] = [];
	for (const cset of csets) {
		for (const list of [cset.tasks, cset.mgTasks]) {
			for (const t of list) if (!procs || t.isGroupLeader()) out.push(t);
		}
		if (procs) for (const t of cset.dyingTasks) if (t.signal.live > 0) out.push(t);
	}
	return out;
}

/** cgroup_procs_show() over the iteration: pids as the reader sees them (0 when invisible). */
export function procsShow(of: CgroupOpenFile, threadgroup: boolean): string {
	const cgrp = of.cgroup;
	// Processes of a threaded subtree belong to its domain: cgroup.procs below it is refused.
	if (threadgroup && cgrp.threaded) throw new KernelError("EOPNOTSUPP");
	const ns = of.current.pidNs;
	let s = "";
	for (const t of cssTaskIter(cgrp, threadgroup, threadgroup)) s += `${t.pidIn(ns)}\n`;
	return s;
}

/** inode_permission(MAY_WRITE) on a kernfs node, as generic_permission() decides it. */
function mayWriteNode(node: { mode: number; uid: number; gid: number }, cred: Cred): boolean {
	let mode = node.mode;
	if (cred.fsuid === node.uid) mode >>= 6;
	else if (cred.inGroup(node.gid)) mode >>= 3;
	return (mode & 0o2) !== 0 || cred.capable(CAP_DAC_OVERRIDE);
}

/**
 * cgroup_procs_write_permission(): the writer (with the opener's
 * credentials) must be able to write cgroup.procs of the common ancestor of
 * the source and the destination.
 */
function procsWritePermission(src: Cgroup, dst: Cgroup, cred: Cred): void {
	let com = src;
	while (!dst.isDescendantOf(com)) com = com.parent!;
	const procs = com.file("cgroup.procs");
	if (procs === undefined) throw new KernelError("ENOMEM");
	if (!mayWriteNode(procs, cred)) throw new KernelError("EACCES");
}

/** cgroup_attach_permissions(). */
export function attachPermissions(
	core: CgroupCore,
	src: Cgroup,
	dst: Cgroup,
	threadgroup: boolean,
	cred: Cred,
	ns: CgroupNamespace | null = null,
): void {
	procsWritePermission(src, dst, cred);
	// With nsdelegate, both ends must be inside the opener's cgroup namespace.
	cgroupNsProcsWritePermission(src, dst, ns, core.dflRoot.flags);
	migrateVetDst(core, dst);
	if (!threadgroup && src.domCgrp !== dst.domCgrp) throw new KernelError("EOPNOTSUPP");
}

/** __cgroup_procs_write(): move a process (or one thread) here. */
export function procsWrite(
	core: CgroupCore,
	of: CgroupOpenFile,
	buf: string,
	nbytes: number,
	threadgroup: boolean,
): number {
	return cgroupProcsWrite(core, of, buf, nbytes, threadgroup, (task) => {
		const dst = of.cgroup;
		const src = core.taskCgroupFromRoot(task, dst.root);
		attachPermissions(core, src, dst, threadgroup, of.cred, of.ns);
	});
}

/**
 * cgroup_css_set_fork() with CLONE_INTO_CGROUP: the css_set a child forked
 * straight into `dst` gets (with a reference). `dst` must be a live (ENOENT)
 * cgroup2 (EBADF) cgroup whose cgroup.procs the forking task may write
 * (cgroup_may_write(), with its own credentials), and the move from the
 * parent's cgroup must pass the rules of a write to cgroup.procs (or
 * cgroup.threads for CLONE_THREAD).
 */
export function cssSetForkInto(
	core: CgroupCore,
	parent: Task,
	dst: Cgroup,
	thread: boolean,
): CssSet {
	// cgroup_get_from_file(): a removed cgroup's css cannot be got (ENOENT),
	// then only a cgroup2 directory will do.
	if (!dst.online) throw new KernelError("ENOENT");
	if (!dst.root.isDfl) throw new KernelError("EBADF");
	const cset = parent.cgroups!;
	procsWritePermission(dst, dst, parent.cred);
	attachPermissions(core, cset.dflCgrp, dst, !thread, parent.cred, taskCgroupNs(parent));
	return core.findCssSet(cset, dst);
}
