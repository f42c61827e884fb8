/**
 * Cgroup namespaces (kernel/cgroup/namespace.c and the namespace parts of
 * kernel/cgroup/cgroup.c). A cgroup namespace holds the css_set of the task
 * that created it (root_cset); on every hierarchy, that css_set's cgroup is
 * the namespace's root: /proc/<pid>/cgroup paths, the root field of
 * mountinfo and the root of a cgroup mount made inside are relative to it,
 * and with nsdelegate it is a delegation boundary.
 *
 * A task's namespace is `task.nsproxy.cgroupNs`; null is init_cgroup_ns,
 * whose root is every hierarchy's root cgroup.
 *
 * What the cgroup core and cgroupfs call:
 *
 *   taskCgroupNs(task): CgroupNamespace | null
 *       the task's namespace (null: the initial one). A cgroup file records
 *       its opener's at open (cgroup_file_open(): ctx->ns) with
 *       getCgroupNs(ns), drops it at release with putCgroupNs(ns), and the
 *       checks below take that recorded namespace (or a task).
 *   cgroupNsRoot(who: Task | CgroupNamespace | null, root: CgroupRoot): Cgroup
 *       the namespace root cgroup on a hierarchy (cset_cgroup_from_root of
 *       root_cset): what a cgroup/cgroup2 mount made in the namespace shows
 *       as its root (cgroup_do_get_tree()).
 *   cgroupNsProcsWritePermission(src, dst, who, dflRootFlags): void
 *       the nsdelegate part of cgroup_procs_write_permission(): ENOENT when
 *       CGRP_ROOT_NS_DELEGATE is set and src or dst is not in the subtree of
 *       the writer's namespace root on cgroup2. Call it after
 *       cgroup_may_write() of the common ancestor passed.
 *   cgroupNsFileWritePermission(cgrp, cft, who): void
 *       the check at the top of cgroup_file_write(): EPERM for a write to a
 *       file of the namespace root cgroup (cgroup2) from inside a non-initial
 *       namespace, with nsdelegate, unless the file is CFTYPE_NS_DELEGATABLE.
 *       Call it after the zero-length-write return, before the handler.
 *   inInitCgroupNs(task): boolean
 *       cgroup1_root_to_use() refuses to create a hierarchy (EPERM) and
 *       apply_cgroup_root_flags() ignores the mount's flags outside it.
 *   cgroupNsCssSetRefs(core): Map<CssSet, number>
 *       the css_set references live namespaces hold (for the invariants).
 *
 * Also here: the paths (kernfsPathFromNode(), cgroupPathNs()), the views
 * procfs shows (procCgroupShowNs() for /proc/<pid>/cgroup, cgroupShowPath()
 * for mountinfo), and setns (cgroupnsInstall()). fork.ts creates and
 * inherits namespaces (copy_process(), ksys_unshare()) and drops a task's
 * at exit (exitTaskNamespaces()).
 */

import { CAP_SYS_ADMIN } from "../cred.ts";
import { KernelError } from "../errno.ts";
import type { Task } from "../task.ts";
import { PF_EXITING } from "../task.ts";
import type { CfType } from "./cftype.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";
import type { CssSet } from "./css-set.ts";
import { CFTYPE_NS_DELEGATABLE, CGRP_ROOT_NS_DELEGATE, PATH_MAX } from "./defs.ts";
import { rootControllerList } from "./proc.ts";
import type { CgroupRoot } from "./root.ts";

/** PROC_CGROUP_INIT_INO: the inode number of init_cgroup_ns. */
export const PROC_CGROUP_INIT_INO = 0xeffffffb;

/** struct cgroup_namespace. */
export class CgroupNamespace {
	readonly core: CgroupCore;
	/** ns.inum: /proc/<pid>/ns/cgroup reads cgroup:[inum]. */
	readonly inum: number;
	/** The css_set whose cgroups are the namespace's roots (holds a reference). */
	rootCset: CssSet;
	/** ns.count: the tasks using it, and open files that recorded it. */
	count = 1;

	constructor(core: CgroupCore, inum: number, rootCset: CssSet) {
		this.core = core;
		this.inum = inum;
		this.rootCset = rootCset;
	}
}

/** The live non-initial namespaces of each cgroup core (what invariants count). */
const liveNamespaces = new WeakMap<CgroupCore, Set<CgroupNamespace>>();

function liveSet(core: CgroupCore): Set<CgroupNamespace> {
	let set = liveNamespaces.get(core);
	if (set === undefined) {
		set = new Set();
		liveNamespaces.set(core, set);
	}
	return set;
}

/** alloc_cgroup_ns() with copy_cgroup_ns()'s root: a namespace rooted at `cset` (a reference is taken). */
export function allocCgroupNs(core: CgroupCore, cset: CssSet): CgroupNamespace {
	core.getCssSet(cset);
	const ns = new CgroupNamespace(core, core.kernel.allocNsInum(), cset);
	liveSet(core).add(ns);
	return ns;
}

/** get_cgroup_ns(): no-op for the initial namespace. */
export function getCgroupNs(ns: CgroupNamespace | null): void {
	if (ns !== null) ns.count++;
}

/** put_cgroup_ns(): the last put frees the namespace (free_cgroup_ns()) and puts its css_set. */
export function putCgroupNs(ns: CgroupNamespace | null): void {
	if (ns === null) return;
	if (ns.count <= 0) throw new Error(`cgroup namespace ${ns.inum} put after it was freed`);
	if (--ns.count > 0) return;
	liveSet(ns.core).delete(ns);
	ns.core.putCssSet(ns.rootCset);
}

/**
 * cgroup_post_fork() for CLONE_NEWCGROUP: the new namespace's root becomes
 * the child's css_set (the same as the parent's but with CLONE_INTO_CGROUP).
 */
export function cgroupNsSetRootCset(ns: CgroupNamespace, cset: CssSet): void {
	if (ns.rootCset === cset) return;
	ns.core.getCssSet(cset);
	const old = ns.rootCset;
	ns.rootCset = cset;
	ns.core.putCssSet(old);
}

/** The references non-initial namespaces hold on css_sets (for the invariant checks). */
export function cgroupNsCssSetRefs(core: CgroupCore): Map<CssSet, number> {
	const refs = new Map<CssSet, number>();
	for (const ns of liveNamespaces.get(core) ?? []) {
		refs.set(ns.rootCset, (refs.get(ns.rootCset) ?? 0) + 1);
	}
	return refs;
}

/** The live non-initial namespaces, oldest first. */
export function liveCgroupNamespaces(core: CgroupCore): readonly CgroupNamespace[] {
	return [...(liveNamespaces.get(core) ?? [])];
}

/** task->nsproxy->cgroup_ns (null: init_cgroup_ns). */
export function taskCgroupNs(task: Task): CgroupNamespace | null {
	return task.nsproxy.cgroupNs;
}

export function inInitCgroupNs(task: Task): boolean {
	return task.nsproxy.cgroupNs === null;
}

/** ns_common.inum of a namespace, PROC_CGROUP_INIT_INO for the initial one. */
export function cgroupNsInum(ns: CgroupNamespace | null): number {
	return ns === null ? PROC_CGROUP_INIT_INO : ns.inum;
}

function nsOf(who: Task | CgroupNamespace | null): CgroupNamespace | null {
	return who === null || who instanceof CgroupNamespace ? who : who.nsproxy.cgroupNs;
}

/** cset_cgroup_from_root(ns->root_cset, root): the namespace's root cgroup on a hierarchy. */
export function cgroupNsRoot(who: Task | CgroupNamespace | null, root: CgroupRoot): Cgroup {
	const ns = nsOf(who);
	return ns === null ? root.cgrp : ns.rootCset.cgroupOn(root.cgrp);
}

/** The cgroup2 root of a namespace (ns->root_cset->dfl_cgrp), null for the initial one. */
function nsDflRoot(ns: CgroupNamespace | null): Cgroup | null {
	return ns === null ? null : ns.rootCset.dflCgrp;
}

/**
 * kernfs_path_from_node(to, from) into a PATH_MAX buffer: "/" when they are
 * the same node, else one "/.." per level from `from` up to the common
 * ancestor, then the names down to `to`. The names are cut at PATH_MAX-1
 * bytes (scnprintf); null when the "/.." steps do not fit (E2BIG).
 */
export function kernfsPathFromNode(to: Cgroup, from: Cgroup): string | null {
	if (to === from) return "/";
	let a: Cgroup = to;
	let b: Cgroup = from;
	while (a.level > b.level) a = a.parent!;
	while (b.level > a.level) b = b.parent!;
	while (a !== b) {
		a = a.parent!;
		b = b.parent!;
	}
	const common = a;
	let out = "";
	for (let c: Cgroup = from; c !== common; c = c.parent!) {
		// strscpy() of "/.." needs room for its NUL.
		if (PATH_MAX - out.length <= 3) return null;
		out += "/..";
	}
	let down = "";
	for (let c: Cgroup = to; c !== common; c = c.parent!) down = `/${c.name}${down}`;
	out += down;
	return out.length < PATH_MAX ? out : out.slice(0, PATH_MAX - 1);
}

/**
 * cgroup_path_ns_locked(): a cgroup's path as seen from a namespace (its
 * root on that hierarchy is "/", cgroups outside it are "/.."-relative).
 * Throws ENAMETOOLONG where proc_cgroup_show() turns E2BIG into it.
 */
export function cgroupPathNs(cgrp: Cgroup, who: Task | CgroupNamespace | null): string {
	const path = kernfsPathFromNode(cgrp, cgroupNsRoot(who, cgrp.root));
	if (path === null) throw new KernelError("ENAMETOOLONG");
	return path;
}

/**
 * cgroup_show_path(): the root field of a cgroup mount's mountinfo line, a
 * path from the reader's namespace root (null for E2BIG, which the kernel
 * turns into ERANGE).
 */
export function cgroupShowPath(mntRoot: Cgroup, reader: Task): string | null {
	return kernfsPathFromNode(mntRoot, cgroupNsRoot(reader, mntRoot.root));
}

/**
 * proc_cgroup_show(): /proc/<pid>/cgroup as `reader` sees it, newest
 * hierarchy first and cgroup2 last once it was ever mounted; the paths are
 * relative to the reader's namespace. A v1 line of an exiting task reads
 * "/"; a cgroup2 line keeps the cgroup, with " (deleted)" once removed.
 */
export function procCgroupShowNs(core: CgroupCore, task: Task, reader: Task): string {
	const cset = task.cgroups;
	if (cset === null) return "";
	const ns = taskCgroupNs(reader);
	let out = "";
	for (const root of core.roots) {
		if (root.isDfl && !core.dflVisible) continue;
		const cgrp = cset.cgroupOn(root.cgrp);
		out += `${root.hierarchyId}:${rootControllerList(core, root)}:`;
		if (root.isDfl || !(task.flags & PF_EXITING)) out += cgroupPathNs(cgrp, ns);
		else out += "/";
		out += root.isDfl && !cgrp.online ? " (deleted)\n" : "\n";
	}
	return out;
}

/**
 * The nsdelegate part of cgroup_procs_write_permission(): with nsdelegate
 * on the cgroup2 hierarchy, the writer must see both the source and the
 * destination cgroup from its namespace (ENOENT otherwise).
 */
export function cgroupNsProcsWritePermission(
	src: Cgroup,
	dst: Cgroup,
	who: Task | CgroupNamespace | null,
	dflRootFlags: number,
): void {
	if (!(dflRootFlags & CGRP_ROOT_NS_DELEGATE)) return;
	const nsRoot = nsDflRoot(nsOf(who));
	if (nsRoot === null) return;
	if (!src.isDescendantOf(nsRoot) || !dst.isDescendantOf(nsRoot)) {
		throw new KernelError("ENOENT");
	}
}

/**
 * cgroup_file_write()'s delegation boundary: with nsdelegate, a task of a
 * non-initial namespace may write only the CFTYPE_NS_DELEGATABLE files
 * (cgroup.procs, cgroup.threads, cgroup.subtree_control) of its namespace
 * root cgroup (EPERM).
 */
export function cgroupNsFileWritePermission(
	cgrp: Cgroup,
	cft: CfType,
	who: Task | CgroupNamespace | null,
): void {
	if (!(cgrp.root.flags & CGRP_ROOT_NS_DELEGATE)) return;
	if ((cft.flags ?? 0) & CFTYPE_NS_DELEGATABLE) return;
	if (nsDflRoot(nsOf(who)) === cgrp) throw new KernelError("EPERM");
}

/**
 * cgroupns_install() (setns(fd, CLONE_NEWCGROUP)): CAP_SYS_ADMIN, then the
 * task switches to `ns`, dropping its old one.
 */
export function cgroupnsInstall(task: Task, ns: CgroupNamespace | null): void {
	if (!task.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
	const old = task.nsproxy.cgroupNs;
	if (old === ns) return;
	getCgroupNs(ns);
	task.nsproxy = task.nsproxy.with({ cgroupNs: ns });
	putCgroupNs(old);
}
