/**
 * The cgroup parts of procfs: /proc/<pid>/cgroup (proc_cgroup_show),
 * /proc/cgroups (proc_cgroupstats_show), and cgkit's /proc/<pid>/cg_list, a
 * debug view of the task's css_set in the spirit of the debug controller.
 */
import { PF_EXITING, type Task } from "../task.ts";
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

/** /proc/<pid>/cgroup: newest hierarchy first, cgroup2 last once it was ever mounted. */
export function procCgroupShow(core: CgroupCore, task: Task): string {
	const cset = task.cgroups;
	if (cset === null) return "";
	let out = "";
	for (const root of core.roots) {
		if (root.isDfl && !core.dflVisible) continue;
		const cgrp = cset.cgroupOn(root.cgrp);
		out += `${root.hierarchyId}:${rootControllerList(core, root)}:`;
		if (root.isDfl || !(task.flags & PF_EXITING)) out += cgrp.pathMax();
		else out += "/";
		out += root.isDfl && !cgrp.online ? " (deleted)\n" : "\n";
	}
	return out;
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
