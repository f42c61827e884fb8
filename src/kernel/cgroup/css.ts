/**
 * struct cgroup_subsys_state: one controller's state in one cgroup, and the
 * cgroup's own "self" css (ss === null). Controllers extend this class to hold
 * their state, as the kernel embeds a css in mem_cgroup, cpuset and friends.
 */

import type { Cgroup } from "./cgroup.ts";
import { CSS_ONLINE } from "./defs.ts";
import type { Subsystem } from "./subsys.ts";

export class CgroupSubsysState {
	/** The cgroup this css belongs to (a root css moves when its controller is rebound). */
	cgroup: Cgroup;
	readonly ss: Subsystem | null;
	readonly parent: CgroupSubsysState | null;
	/** css->id within its subsystem (root 1, others the lowest free id from 2). */
	id = 0;
	/** Global creation order, unique across all csses (css->serial_nr). */
	serialNr = 0;
	flags = 0;
	/** References: the base one, css_sets, child csses, controller-private pins. */
	refcnt = 1;
	/** Child csses not yet released (css->children). */
	nrChildren = 0;
	/** Online descendant csses (css->nr_descendants, for cgroup.stat). */
	nrDescendants = 0;

	constructor(cgroup: Cgroup, ss: Subsystem | null, parent: CgroupSubsysState | null) {
		this.cgroup = cgroup;
		this.ss = ss;
		this.parent = parent;
	}

	get online(): boolean {
		return (this.flags & CSS_ONLINE) !== 0;
	}
}
