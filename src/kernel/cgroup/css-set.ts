/**
 * struct css_set and struct cgrp_cset_link. A css_set is the vector of csses
 * a group of tasks shares, one per controller, plus the cgroup those tasks
 * are in on each hierarchy. Tasks point at a css_set; css_sets and cgroups are
 * joined M:N by links, so a cgroup's tasks are found by walking its links.
 */
import type { Task } from "../task.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupSubsysState } from "./css.ts";

export class CgrpCsetLink {
	readonly cset: CssSet;
	readonly cgrp: Cgroup;

	constructor(cset: CssSet, cgrp: Cgroup) {
		this.cset = cset;
		this.cgrp = cgrp;
	}
}

export class CssSet {
	/** Creation number, for the debug views (cgkit tree, cg_list). */
	readonly id: number;
	/** subsys[]: one css per controller. */
	readonly subsys: CgroupSubsysState[];
	/** The cgroup on the default hierarchy. */
	dflCgrp: Cgroup;
	/** cgrp_links: one per hierarchy, in the order hierarchies were created. */
	readonly cgrpLinks: CgrpCsetLink[] = [];
	/** Live tasks, in the order they arrived. */
	readonly tasks = new Set<Task>();
	/** Tasks picked for an in-flight migration. */
	readonly mgTasks = new Set<Task>();
	/** Exited group leaders whose other threads still run. */
	readonly dyingTasks = new Set<Task>();
	/** Pointers to this css_set: tasks (until freed) and in-flight migrations. */
	refcount = 1;
	nrTasks = 0;
	/** Linked to a removed cgroup: migration ignores it. */
	dead = false;
	/** The hash key: css serial numbers and the non-root cgroups' serial numbers. */
	key = "";
	// Migration scratch (mg_src_cgrp, mg_dst_cgrp, mg_dst_cset).
	mgSrcCgrp: Cgroup | null = null;
	mgDstCgrp: Cgroup | null = null;
	mgDstCset: CssSet | null = null;
	mgPreloaded = false;

	constructor(id: number, subsys: CgroupSubsysState[], dflCgrp: Cgroup) {
		this.id = id;
		this.subsys = subsys;
		this.dflCgrp = dflCgrp;
	}

	/** css_set_populated(). */
	isPopulated(): boolean {
		return this.tasks.size > 0 || this.mgTasks.size > 0;
	}

	/** The cgroup of this css_set on a hierarchy (cset_cgroup_from_root). */
	cgroupOn(rootCgrp: Cgroup): Cgroup {
		const root = rootCgrp.root;
		for (const link of this.cgrpLinks) if (link.cgrp.root === root) return link.cgrp;
		throw new Error(`css_set ${this.id} has no link to hierarchy ${root.hierarchyId}`);
	}
}

/** The identity of a css_set: which csses, and which non-root cgroups. */
export function cssSetKey(subsys: readonly CgroupSubsysState[], cgrps: readonly Cgroup[]): string {
	let key = "";
	for (const css of subsys) key += `${css.serialNr},`;
	key += "|";
	for (const c of cgrps) if (c.parent !== null) key += `${c.self.serialNr},`;
	return key;
}
