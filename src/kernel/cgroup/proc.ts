/**
 * The cgroup parts of procfs: /proc/cgroups (proc_cgroupstats_show) and
 * cgkit's /proc/<pid>/cg_list, a debug view of the task's css_set in the
 * spirit of the debug controller. /proc/<pid>/cgroup depends on the
 * reader's cgroup namespace: procCgroupShowNs() in namespace.ts.
 */
import type { Task } from "../task.ts";
import type { CgroupCore } from "./core.ts";
import type { CgroupRoot } from "./root.ts";

/** "<controllers>[,name=<name>]" of a v1 hierarchy, "" for cgroup2. */
export function rootControllerList(core: CgroupCore, root: CgroupRoot): string {
	if (root.isDfl) return "";
	const parts: string[] = [];
	for (const ss of core.subsys) if (root.subsysMask & ss.mask) parts.push(ss.legacyName);
	if (root.name.length > 0) parts.push(`name=${root.name}`);
	return parts.join(",");
}

/** /proc/cgroups. */
export function procCgroupstatsShow(core: CgroupCore): string {
	let out = "#subsys_name\thierarchy\tnum_cgroups\tenabled\n";
	for (const ss of core.subsys) {
		out += `${ss.legacyName}\t${ss.root.hierarchyId}\t${ss.root.nrCgrps}\t${ss.enabled ? 1 : 0}\n`;
	}
	return out;
}

/** /proc/<pid>/cg_list: the css_set, its refcount, and its cgroup on each hierarchy. */
export function procCgListShow(core: CgroupCore, task: Task): string {
	const cset = task.cgroups;
	if (cset === null) return "";
	let out = `css_set ${cset.id} refcount ${cset.refcount} tasks ${cset.nrTasks}\n`;
	for (const root of core.roots) {
		const cgrp = cset.cgroupOn(root.cgrp);
		out += `${root.hierarchyId}:${rootControllerList(core, root)}:${cgrp.path()}\n`;
	}
	return out;
}
