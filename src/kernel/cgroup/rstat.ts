/**
 * The cgroup2 base resource statistics (kernel/cgroup/rstat.c): CPU time of
 * every cgroup on the default hierarchy, its descendants' included, as
 * cpu.stat's usage_usec, user_usec, system_usec and nice_usec show it. The
 * kernel accumulates per CPU and flushes up the tree on read; here each
 * charge goes to the task's cgroup and its ancestors at once, which gives
 * the same sums (a removed cgroup's time stays in its ancestors).
 */
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";

/** struct cgroup_base_stat: cumulative CPU time in ns. */
export class CgroupBaseStat {
	usage = 0;
	user = 0;
	system = 0;
	/** User time of tasks with a positive nice value (CPUTIME_NICE). */
	nice = 0;
}

function statOf(cgrp: Cgroup): CgroupBaseStat {
	if (cgrp.bstat === null) cgrp.bstat = new CgroupBaseStat();
	return cgrp.bstat;
}

/** cgroup_base_stat_cputime_account_end(): add a task's CPU time to its cgroup and ancestors. */
export function registerBaseStat(core: CgroupCore): void {
	core.kernel.sched.chargers.push((task, _cpu, ns, user) => {
		const cset = task.cgroups;
		if (cset === null) return;
		for (let c: Cgroup | null = cset.dflCgrp; c !== null; c = c.parent) {
			const st = statOf(c);
			st.usage += ns;
			if (user) {
				st.user += ns;
				// CPUTIME_NICE: user time of a task with a positive nice value.
				if (task.nice > 0) st.nice += ns;
			} else st.system += ns;
		}
	});
}

/** cgroup_base_stat_cputime_show()'s numbers for one cgroup. */
export function cgroupBaseStat(_core: CgroupCore, cgrp: Cgroup): CgroupBaseStat {
	return statOf(cgrp);
}
