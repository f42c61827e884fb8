/**
 * generate_sched_domains() (kernel/cgroup/cpuset.c): the load-balancing
 * domains the cpusets ask the scheduler for, computed on request from the
 * current state (the kernel rebuilds them after the changes that matter;
 * the result is the same).
 *
 * On cgroup2 every valid "root" partition with CPUs is one domain and the
 * top cpuset's remaining CPUs another; isolated partitions are in none. On
 * v1 the load-balanced cpusets whose CPUs overlap are merged. A CPU outside
 * every domain of two or more CPUs gets no sched domain (what
 * /sys/kernel/debug/sched/domains shows as an empty directory).
 *
 * cgkit's CPU model does not use these domains: it places the tasks of an
 * isolated partition among their allowed CPUs like any other (see
 * docs/architecture.md); this is the cpuset side of the picture only.
 */
import type { Cpumask } from "../../cpumask.ts";
import type { CpusetController } from "./cpuset-core.ts";
import { type Cpuset, CS_SCHED_LOAD_BALANCE, isPartitionValid, PRS_ROOT } from "./cpuset-struct.ts";

/** The sched domains (each a mask of CPUs) the cpusets call for. */
export function generateSchedDomains(ctl: CpusetController): Cpumask[] {
	const top = ctl.top;
	if (top === null) return [];
	const rootLoadBalance = top.has(CS_SCHED_LOAD_BALANCE);
	const single = (): Cpumask[] => [top.effectiveCpus.copy()];
	if (rootLoadBalance && ctl.part.subpartitionsCpus.isEmpty()) return single();
	const v2 = ctl.cpusetV2();
	const csa: Cpuset[] = [];
	if (rootLoadBalance) csa.push(top);
	ctl.walkPre(top, (cp) => {
		if (cp === top) return true;
		if (v2) {
			if (cp.partitionRootState === PRS_ROOT && !cp.effectiveCpus.isEmpty()) csa.push(cp);
			return isPartitionValid(cp) || !cp.exclusiveCpus.isEmpty();
		}
		// v1: look below a cpuset with CPUs that does not balance load.
		if (!cp.cpusAllowed.isEmpty() && !cp.has(CS_SCHED_LOAD_BALANCE)) return true;
		if (cp.has(CS_SCHED_LOAD_BALANCE) && !cp.effectiveCpus.isEmpty()) csa.push(cp);
		return false;
	});
	if (rootLoadBalance && csa.length === 1) return single();
	if (v2) return csa.map((cs) => cs.effectiveCpus.copy());

	// Merge overlapping cpusets (the kernel's union-find) into one domain each.
	const groupOf = csa.map((_, i) => i);
	const find = (i: number): number => {
		while (groupOf[i] !== i) i = groupOf[i]!;
		return i;
	};
	for (let i = 0; i < csa.length; i++) {
		for (let j = i + 1; j < csa.length; j++) {
			if (csa[i]!.effectiveCpus.intersects(csa[j]!.effectiveCpus)) groupOf[find(j)] = find(i);
		}
	}
	const doms = new Map<number, Cpumask>();
	for (let i = 0; i < csa.length; i++) {
		const g = find(i);
		const d = doms.get(g);
		doms.set(g, d === undefined ? csa[i]!.effectiveCpus.copy() : d.or(csa[i]!.effectiveCpus));
	}
	return [...doms.values()];
}

/** The CPUs without a sched domain: offline, isolated, or alone in theirs. */
export function cpusWithoutSchedDomain(ctl: CpusetController): Cpumask {
	let balanced = ctl.machine.cpumask();
	for (const d of generateSchedDomains(ctl)) if (d.weight() > 1) balanced = balanced.or(d);
	return ctl.machine.possible.andNot(balanced.and(ctl.machine.online));
}
