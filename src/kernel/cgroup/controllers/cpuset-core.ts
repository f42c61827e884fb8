/**
 * The cpuset controller (kernel/cgroup/cpuset.c and cpuset-v1.c): which CPUs
 * and memory nodes the tasks of a cgroup may use.
 *
 * Each cpuset has the masks a user wrote (cpus_allowed, mems_allowed) and
 * the effective ones. On a v1 hierarchy they are the same, children must
 * stay subsets of their parent, a new cpuset starts empty (unless
 * clone_children is set) and no task may be attached to one without CPUs or
 * nodes (ENOSPC). On cgroup2 (and v1 mounted with cpuset_v2_mode) the user
 * masks are free and the effective ones are own ∩ parent's effective, or the
 * parent's when that is empty; a new cpuset starts with its parent's
 * effective masks. Tasks get their cpus_mask and mems_allowed from their
 * cpuset when attached and whenever its effective masks change. cgroup2's
 * partitions and exclusive CPUs are in cpuset-partition.ts, CPU hotplug in
 * cpuset-hotplug.ts, the scheduler domains the cpusets imply in
 * cpuset-sched-domains.ts.
 *
 * Not modelled: SCHED_DEADLINE bandwidth (only its effect of refusing to
 * empty an exclusive cpuset), memory migration and page spreading (their
 * flags are kept and shown), the memory-pressure meter (memory_pressure stays
 * 0: nothing reclaims memory here), security_task_setscheduler() (a
 * migration carries no writer credentials here).
 */

import { bitmapParselist, MAX_NUMNODES } from "../../cpulist.ts";
import { Cpumask, type Nodemask } from "../../cpumask.ts";
import type { Cred } from "../../cred.ts";
import { isKernelError, KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { PF_NO_SETAFFINITY, type Task } from "../../task.ts";
import type { Cgroup } from "../cgroup.ts";
import { CGRP_CPUSET_CLONE_CHILDREN, CGRP_ROOT_CPUSET_V2_MODE } from "../defs.ts";
import type { CgroupTaskset, Subsystem } from "../subsys.ts";
import { cpusetHandleHotplug } from "./cpuset-hotplug.ts";
import { CpusetPartitions, PartCmd } from "./cpuset-partition.ts";
import {
	Cpuset,
	type CpusetMasks,
	CS_CPU_EXCLUSIVE,
	CS_MEM_EXCLUSIVE,
	CS_MEMORY_MIGRATE,
	CS_SCHED_LOAD_BALANCE,
	CS_SPREAD_PAGE,
	CS_SPREAD_SLAB,
	cpusetsAreExclusive,
	dupCpuset,
	isPartitionInvalid,
	isPartitionValid,
	PERR_INVCPUS,
	PERR_INVPARENT,
	PERR_NOCPUS,
	PERR_NONE,
	PERR_NOTPART,
	PRS_ISOLATED,
	PRS_MEMBER,
	PRS_ROOT,
	TmpMasks,
	userXcpus,
} from "./cpuset-struct.ts";

export {
	Cpuset,
	CS_CPU_EXCLUSIVE,
	CS_MEM_EXCLUSIVE,
	CS_MEM_HARDWALL,
	CS_MEMORY_MIGRATE,
	CS_SCHED_LOAD_BALANCE,
	CS_SPREAD_PAGE,
	CS_SPREAD_SLAB,
} from "./cpuset-struct.ts";

/** The controller's global state: top_cpuset and friends. */
export class CpusetController {
	readonly kernel: Kernel;
	ss: Subsystem<Cpuset> | null = null;
	top: Cpuset | null = null;
	/** cpuset_memory_pressure_enabled. */
	memoryPressureEnabled = false;
	/** Partitions: subpartitions_cpus, isolated_cpus and the operations on them. */
	readonly part: CpusetPartitions;
	/** The credentials of the task writing a control file now (capable() checks); null in kernel context. */
	writerCred: Cred | null = null;
	/** cpuset_attach_old_cs. */
	private attachOldCs: Cpuset | null = null;

	constructor(kernel: Kernel) {
		this.kernel = kernel;
		this.part = new CpusetPartitions(this);
	}

	get machine() {
		return this.kernel.machine;
	}

	/** cpuset_v2(): bound to the default hierarchy. */
	cpusetV2(): boolean {
		return this.ss?.root.isDfl ?? true;
	}

	/** is_in_v2_mode(): cgroup2, or a v1 hierarchy mounted with cpuset_v2_mode. */
	isInV2Mode(): boolean {
		const root = this.ss?.root;
		return root === undefined || root.isDfl || (root.flags & CGRP_ROOT_CPUSET_V2_MODE) !== 0;
	}

	/**
	 * sched_domain_level_max + 1, the largest sched_relax_domain_level: the
	 * reference machine (2 CPUs, one package) accepts up to 2; no domains
	 * without a second CPU, one more level (NUMA) with several nodes.
	 */
	relaxDomainLevelMax(): number {
		if (this.machine.nrCpuIds === 1) return 1;
		return this.machine.nrNodeIds > 1 ? 3 : 2;
	}

	/** Run a control-file write with the writer's credentials in reach of capable(). */
	asWriter<T>(cred: Cred, fn: () => T): T {
		const saved = this.writerCred;
		this.writerCred = cred;
		try {
			return fn();
		} finally {
			this.writerCred = saved;
		}
	}

	// ------------------------------------------------------------ walking

	/** The online cpuset children of `cs` (cpuset_for_each_child()). */
	*children(cs: Cpuset): IterableIterator<Cpuset> {
		const ssid = cs.ss!.id;
		if (cs.cgroup.children.size === 0) return;
		for (const child of cs.cgroup.children.values()) {
			const c = child.subsys(ssid) as Cpuset | null;
			if (c?.csOnline) yield c;
		}
	}

	/**
	 * cpuset_for_each_descendant_pre(): `visit` is called on `cs` and its
	 * online descendants, parents first, and returns false to skip the
	 * visited cpuset's subtree (css_rightmost_descendant()).
	 */
	walkPre(cs: Cpuset, visit: (c: Cpuset) => boolean): void {
		if (cs.csOnline && !visit(cs)) return;
		const ssid = cs.ss!.id;
		if (cs.cgroup.children.size === 0) return;
		for (const child of [...cs.cgroup.children.values()]) {
			const c = child.subsys(ssid) as Cpuset | null;
			if (c !== null) this.walkPre(c, visit);
		}
	}

	/**
	 * The live tasks of a cpuset (css_task_iter): those of every css_set
	 * whose cpuset is `cs`, which on cgroup2 includes the css_sets of
	 * descendant cgroups without a cpuset of their own.
	 */
	tasksOf(cs: Cpuset): Task[] {
		const out: Task[] = [];
		const ssid = cs.ss!.id;
		const collect = (cgrp: Cgroup): void => {
			for (const link of cgrp.csetLinks) {
				const cset = link.cset;
				if (cset.subsys[ssid] !== cs) continue;
				for (const t of cset.tasks) out.push(t);
				for (const t of cset.mgTasks) out.push(t);
			}
			if (cgrp.children.size === 0) return;
			for (const child of cgrp.children.values()) if (child.subsys(ssid) === null) collect(child);
		};
		collect(cs.cgroup);
		return out;
	}

	// ------------------------------------------------------------ tasks

	/**
	 * cpuset_update_tasks_cpumask(): every task takes the cpuset's effective
	 * CPUs (the top cpuset's: every possible CPU not given to a partition).
	 * `newCpus` is the caller's scratch mask, left holding the last value.
	 */
	updateTasksCpumask(cs: Cpuset, newCpus: Cpumask): void {
		const isTop = cs === this.top;
		for (const task of this.tasksOf(cs)) {
			if (isTop) {
				if (task.flags & PF_NO_SETAFFINITY) continue;
				newCpus.assign(this.machine.possible.andNot(this.part.subpartitionsCpus));
			} else {
				newCpus.assign(this.machine.possible.and(cs.effectiveCpus));
			}
			this.setCpusAllowed(task, newCpus.copy());
		}
	}

	/** guarantee_online_mems(). */
	guaranteeOnlineMems(cs: Cpuset): Nodemask {
		const withMemory = this.machine.nodesWithMemory;
		let c: Cpuset = cs;
		while (!c.effectiveMems.intersects(withMemory) && c.parent !== null) c = c.parent;
		return c.effectiveMems.and(withMemory);
	}

	/** guarantee_online_cpus(): the task's possible and online CPUs in its cpuset's reach. */
	guaranteeOnlineCpus(cs: Cpuset): Cpumask {
		let mask = this.machine.possible.and(this.machine.online);
		if (mask.isEmpty()) mask = this.machine.online.copy();
		let c: Cpuset = cs;
		while (!c.effectiveCpus.intersects(mask) && c.parent !== null) c = c.parent;
		return mask.and(c.effectiveCpus);
	}

	/** cpuset_update_tasks_nodemask(). */
	updateTasksNodemask(cs: Cpuset): void {
		const newMems = this.guaranteeOnlineMems(cs);
		for (const task of this.tasksOf(cs)) task.memsAllowed = newMems.copy();
		cs.oldMemsAllowed = newMems;
	}

	/** set_cpus_allowed_ptr(): refused (nothing changes) when no CPU of the mask is active. */
	setCpusAllowed(task: Task, mask: Cpumask): void {
		if (!mask.intersects(this.machine.online)) return;
		if (task.cpusAllowed.equals(mask)) return;
		task.cpusAllowed = mask;
		this.kernel.sched.taskChanged(task);
	}

	// ------------------------------------------------------------ rules

	/** is_cpuset_subset(p, q). */
	private isSubset(p: CpusetMasks, q: CpusetMasks): boolean {
		return (
			p.cpusAllowed.isSubsetOf(q.cpusAllowed) &&
			p.memsAllowed.isSubsetOf(q.memsAllowed) &&
			(!(p.csFlags & CS_CPU_EXCLUSIVE) || (q.csFlags & CS_CPU_EXCLUSIVE) !== 0) &&
			(!(p.csFlags & CS_MEM_EXCLUSIVE) || (q.csFlags & CS_MEM_EXCLUSIVE) !== 0)
		);
	}

	/** cpuset1_validate_change(): children stay subsets (EBUSY), we stay the parent's (EACCES). */
	private validateChangeV1(cur: Cpuset, trial: CpusetMasks): void {
		for (const c of this.children(cur)) {
			if (!this.isSubset(c, trial)) throw new KernelError("EBUSY");
		}
		if (cur.parent !== null && !this.isSubset(trial, cur.parent)) {
			throw new KernelError("EACCES");
		}
	}

	/** validate_change(): would `trial` in place of `cur` keep every rule? */
	validateChange(cur: Cpuset, trial: CpusetMasks): void {
		if (!this.isInV2Mode()) this.validateChangeV1(cur, trial);
		const par = cur.parent;
		if (par === null) return;
		// cpuset_is_populated(): a cpuset with tasks keeps some CPUs and nodes.
		if (cur.cgroup.isPopulated()) {
			if (!cur.cpusAllowed.isEmpty() && trial.cpusAllowed.isEmpty()) {
				throw new KernelError("ENOSPC");
			}
			if (!cur.memsAllowed.isEmpty() && trial.memsAllowed.isEmpty()) {
				throw new KernelError("ENOSPC");
			}
		}
		// dl_cpuset_cpumask_can_shrink(): the deadline bandwidth of the fair
		// servers (one per CPU since 6.12) cannot fit on no CPU at all.
		if (cur.has(CS_CPU_EXCLUSIVE) && trial.cpusAllowed.isEmpty() && !cur.cpusAllowed.isEmpty()) {
			throw new KernelError("EBUSY");
		}
		// Exclusive siblings cannot overlap; nor can two cpuset.cpus.exclusive,
		// and cpuset.cpus cannot fall entirely inside a sibling's exclusive CPUs.
		const txset = !trial.exclusiveCpus.isEmpty();
		for (const c of this.children(par)) {
			if (c === cur) continue;
			const cxset = !c.exclusiveCpus.isEmpty();
			if (trial.csFlags & CS_CPU_EXCLUSIVE || c.has(CS_CPU_EXCLUSIVE) || (txset && cxset)) {
				if (!cpusetsAreExclusive(trial, c)) throw new KernelError("EINVAL");
			} else if (txset || cxset) {
				const xcpus = txset ? trial.exclusiveCpus : c.exclusiveCpus;
				const acpus = txset ? c.cpusAllowed : trial.cpusAllowed;
				if (!acpus.isEmpty() && acpus.isSubsetOf(xcpus)) throw new KernelError("EINVAL");
			}
			if (
				(trial.csFlags & CS_MEM_EXCLUSIVE || c.has(CS_MEM_EXCLUSIVE)) &&
				trial.memsAllowed.intersects(c.memsAllowed)
			) {
				throw new KernelError("EINVAL");
			}
		}
	}

	// ------------------------------------------------------------ updates

	/** update_cpumask(): a write of cpuset.cpus (already stripped). */
	updateCpumask(cs: Cpuset, buf: string): void {
		const top = this.top!;
		const part = this.part;
		if (cs === top) throw new KernelError("EACCES");
		const parent = cs.parent!;
		const oldPrs = cs.partitionRootState;
		const trial = dupCpuset(cs);
		if (buf.length === 0) {
			trial.cpusAllowed.clearAll();
			if (trial.exclusiveCpus.isEmpty()) trial.effectiveXcpus.clearAll();
		} else {
			trial.cpusAllowed = bitmapParselist(buf, this.machine.nrCpuIds);
			if (!trial.cpusAllowed.isSubsetOf(top.cpusAllowed)) throw new KernelError("EINVAL");
			// Without cpuset.cpus.exclusive, the exclusive CPUs follow cpuset.cpus.
			if (!trial.exclusiveCpus.isEmpty() || isPartitionValid(cs)) {
				trial.effectiveXcpus = part.computeEffectiveXcpus(cs, trial).xcpus;
			}
		}
		if (cs.cpusAllowed.equals(trial.cpusAllowed)) return;

		const tmp = new TmpMasks(this.machine.cpumask());
		let invalidate = false;
		if (oldPrs !== PRS_MEMBER) {
			if (isPartitionValid(cs) && trial.effectiveXcpus.isEmpty()) {
				invalidate = true;
				cs.prsErr = PERR_INVCPUS;
			} else if (part.tasksNocpuError(parent, cs, trial.effectiveXcpus)) {
				invalidate = true;
				cs.prsErr = PERR_NOCPUS;
			}
		}
		const force = !cs.effectiveXcpus.equals(trial.effectiveXcpus);
		try {
			this.validateChange(cs, trial);
		} catch (e) {
			if (!(isKernelError(e) && e.code === "EINVAL" && this.cpusetV2())) throw e;
			// cgroup2 takes a change breaking sibling exclusivity, and invalidates
			// this partition and the sibling partitions it now overlaps.
			invalidate = true;
			const xcpus = userXcpus(trial);
			for (const cp of this.children(parent)) {
				if (isPartitionValid(cp) && xcpus.intersects(cp.effectiveXcpus)) {
					part.updateParentEffectiveCpumask(cp, PartCmd.Invalidate, null, tmp);
				}
			}
		}

		if (isPartitionValid(cs) || (isPartitionInvalid(cs) && !invalidate)) {
			let xcpus = trial.effectiveXcpus;
			if (xcpus.isEmpty() && isPartitionInvalid(cs)) xcpus = trial.cpusAllowed;
			if (cs.remote) part.remoteCpusUpdate(cs, null, xcpus, tmp);
			else if (invalidate) part.updateParentEffectiveCpumask(cs, PartCmd.Invalidate, null, tmp);
			else part.updateParentEffectiveCpumask(cs, PartCmd.Update, xcpus, tmp);
		}
		cs.cpusAllowed = trial.cpusAllowed.copy();
		cs.effectiveXcpus = trial.effectiveXcpus.copy();
		if (oldPrs > 0 && !isPartitionValid(cs)) part.resetPartitionData(cs);
		this.updateCpumasksHier(cs, tmp, force);
		if (cs.partitionRootState !== PRS_MEMBER) part.updatePartitionSdLb(cs);
	}

	/**
	 * update_cpumasks_hier(): effective CPUs (and partition states) down the
	 * subtree of `cs`, and the tasks; `force` visits every descendant.
	 */
	updateCpumasksHier(cs: Cpuset, tmp: TmpMasks, force: boolean): void {
		const part = this.part;
		const v2 = this.cpusetV2();
		const v2Mode = this.isInV2Mode();
		this.walkPre(cs, (cp) => {
			const parent = cp.parent!;
			let remote = cp.remote;
			let updateParent = false;
			const oldPrs = cp.partitionRootState;
			let newPrs = oldPrs;

			// A remote partition below `cs` only changes if its exclusive CPUs do.
			if (remote && cp !== cs) {
				tmp.newCpus.assign(part.computeEffectiveXcpus(cp, null).xcpus);
				if (cp.effectiveXcpus.equals(tmp.newCpus)) return false;
				part.remoteCpusUpdate(cp, null, tmp.newCpus, tmp);
				newPrs = cp.partitionRootState;
				remote = newPrs === oldPrs;
			}
			if (remote || (isPartitionValid(parent) && isPartitionValid(cp))) {
				part.computePartitionEffectiveCpumask(cp, tmp.newCpus);
			} else {
				tmp.newCpus.assign(cp.cpusAllowed.and(parent.effectiveCpus));
			}

			if (!remote) {
				// A valid partition without CPUs is fine only without tasks: ask the parent.
				if (isPartitionValid(cp) && tmp.newCpus.isEmpty()) {
					updateParent = true;
				} else {
					if (v2Mode && tmp.newCpus.isEmpty()) tmp.newCpus.assign(parent.effectiveCpus);
					if (
						cp.partitionRootState === PRS_MEMBER &&
						!force &&
						tmp.newCpus.equals(cp.effectiveCpus) &&
						(!v2 || parent.has(CS_SCHED_LOAD_BALANCE) === cp.has(CS_SCHED_LOAD_BALANCE))
					) {
						return false;
					}
				}
				if (cp !== cs && oldPrs !== PRS_MEMBER) {
					const pprs = parent.partitionRootState;
					if (pprs === PRS_ROOT || pprs === PRS_ISOLATED) {
						updateParent = true;
					} else {
						// Below a member or an invalid partition, a partition is invalid.
						if (isPartitionValid(cp)) newPrs = -cp.partitionRootState;
						cp.prsErr = isPartitionInvalid(parent) ? PERR_INVPARENT : PERR_NOTPART;
					}
				}
			}

			if (updateParent) {
				part.updateParentEffectiveCpumask(cp, PartCmd.Update, null, tmp);
				newPrs = cp.partitionRootState;
			}
			cp.effectiveCpus = tmp.newCpus.copy();
			cp.partitionRootState = newPrs;
			if (!cp.exclusiveCpus.isEmpty() && cp !== cs) {
				cp.effectiveXcpus = part.computeEffectiveXcpus(cp, null).xcpus;
			}
			if (newPrs > 0 && cp.exclusiveCpus.isEmpty()) {
				cp.effectiveXcpus = cp.cpusAllowed.and(parent.effectiveXcpus);
			} else if (newPrs < 0) {
				part.resetPartitionData(cp);
			}
			part.notifyPartitionChange(cp, oldPrs);
			this.updateTasksCpumask(cp, tmp.newCpus);
			// cgroup2: a non-partition follows its parent's load balancing.
			if (
				v2 &&
				!isPartitionValid(cp) &&
				parent.has(CS_SCHED_LOAD_BALANCE) !== cp.has(CS_SCHED_LOAD_BALANCE)
			) {
				if (parent.has(CS_SCHED_LOAD_BALANCE)) cp.csFlags |= CS_SCHED_LOAD_BALANCE;
				else cp.csFlags &= ~CS_SCHED_LOAD_BALANCE;
			}
			return true;
		});
	}

	/**
	 * update_sibling_cpumasks(): the children of `parent` other than `cs`
	 * whose effective CPUs the parent's change affects.
	 */
	updateSiblingCpumasks(parent: Cpuset, cs: Cpuset | null, tmp: TmpMasks): void {
		for (const sibling of [...this.children(parent)]) {
			if (sibling === cs) continue;
			if (!isPartitionValid(sibling)) {
				tmp.newCpus.assign(sibling.cpusAllowed.and(parent.effectiveCpus));
				if (tmp.newCpus.equals(sibling.effectiveCpus)) continue;
			} else if (sibling.remote) {
				continue;
			}
			this.updateCpumasksHier(sibling, tmp, false);
		}
	}

	/** update_nodemask(): a write of cpuset.mems (already stripped). */
	updateNodemask(cs: Cpuset, buf: string): void {
		const top = this.top!;
		if (cs === top) throw new KernelError("EACCES");
		const trial = dupCpuset(cs);
		trial.memsAllowed = this.machine.nodemask();
		if (buf.length > 0) {
			const parsed = bitmapParselist(buf, MAX_NUMNODES);
			if (!parsed.isSubsetOf(top.memsAllowed)) throw new KernelError("EINVAL");
			trial.memsAllowed.assign(parsed);
		}
		if (trial.memsAllowed.equals(cs.memsAllowed)) return;
		this.validateChange(cs, trial);
		cs.memsAllowed = trial.memsAllowed;
		this.updateNodemasksHier(cs);
	}

	/** update_nodemasks_hier(). */
	updateNodemasksHier(cs: Cpuset): void {
		const v2 = this.isInV2Mode();
		this.walkPre(cs, (cp) => {
			const parent = cp.parent!;
			let newMems = cp.memsAllowed.and(parent.effectiveMems);
			if (v2 && newMems.isEmpty()) newMems = parent.effectiveMems.copy();
			if (newMems.equals(cp.effectiveMems)) return false;
			cp.effectiveMems = newMems;
			this.updateTasksNodemask(cp);
			return true;
		});
	}

	/** cpuset_update_flag(). */
	updateFlag(bit: number, cs: Cpuset, on: boolean): void {
		const trial = dupCpuset(cs);
		trial.csFlags = on ? cs.csFlags | bit : cs.csFlags & ~bit;
		this.validateChange(cs, trial);
		cs.csFlags = trial.csFlags;
	}

	/** update_relax_domain_level(). */
	updateRelaxDomainLevel(cs: Cpuset, val: bigint): void {
		if (val < -1n || val > BigInt(this.relaxDomainLevelMax())) throw new KernelError("EINVAL");
		cs.relaxDomainLevel = Number(val);
	}

	// ------------------------------------------------------------ callbacks

	/** cpuset_css_alloc(). */
	cssAlloc(parent: Cpuset | null, cgroup: Cgroup, ss: Subsystem<Cpuset>): Cpuset {
		const m = this.machine;
		if (parent === null) {
			// cpuset_init() and cpuset_init_smp(): everything, effective the online CPUs.
			this.ss = ss;
			const top = new Cpuset(cgroup, ss, null, m.possible, m.nodesWithMemory);
			top.effectiveCpus = m.online.copy();
			top.exclusiveCpus = m.possible.copy();
			top.effectiveXcpus = m.possible.copy();
			top.csFlags = CS_CPU_EXCLUSIVE | CS_MEM_EXCLUSIVE | CS_SCHED_LOAD_BALANCE;
			top.partitionRootState = PRS_ROOT;
			top.csOnline = true;
			this.top = top;
			return top;
		}
		const cs = new Cpuset(cgroup, ss, parent, m.cpumask(), m.nodemask());
		cs.csFlags = CS_SCHED_LOAD_BALANCE;
		if (this.cpusetV2()) cs.csFlags |= CS_MEMORY_MIGRATE;
		return cs;
	}

	/**
	 * cpuset_css_online(): spread flags from the parent; in v2 mode the
	 * parent's effective masks; on v1, clone_children copies its masks.
	 */
	cssOnline(cs: Cpuset): void {
		const parent = cs.parent;
		if (parent === null) return;
		cs.csOnline = true;
		cs.csFlags |= parent.csFlags & (CS_SPREAD_PAGE | CS_SPREAD_SLAB);
		if (this.cpusetV2() && !parent.has(CS_SCHED_LOAD_BALANCE)) cs.csFlags &= ~CS_SCHED_LOAD_BALANCE;
		if (this.isInV2Mode()) {
			cs.effectiveCpus = parent.effectiveCpus.copy();
			cs.effectiveMems = parent.effectiveMems.copy();
		}
		if (!(cs.cgroup.flags & CGRP_CPUSET_CLONE_CHILDREN)) return;
		for (const c of this.children(parent)) {
			if (c.has(CS_MEM_EXCLUSIVE) || c.has(CS_CPU_EXCLUSIVE)) return;
		}
		cs.memsAllowed = parent.memsAllowed.copy();
		cs.effectiveMems = parent.memsAllowed.copy();
		cs.cpusAllowed = parent.cpusAllowed.copy();
		cs.effectiveCpus = parent.cpusAllowed.copy();
	}

	/**
	 * cpuset_css_killed() then cpuset_css_offline(): a valid partition gives
	 * its CPUs back; on v1 the cpuset stops balancing load.
	 */
	cssOffline(cs: Cpuset): void {
		if (isPartitionValid(cs)) this.part.updatePrstate(cs, PRS_MEMBER);
		if (!this.cpusetV2() && cs.has(CS_SCHED_LOAD_BALANCE)) {
			try {
				this.updateFlag(CS_SCHED_LOAD_BALANCE, cs, false);
			} catch (e) {
				if (!isKernelError(e)) throw e;
			}
		}
		cs.csOnline = false;
	}

	/**
	 * css_reset: the defaults of a new cpuset, for a css hidden while
	 * something still needs it (the kernel's cpuset has no css_reset, as no
	 * controller depends on it): no partition, no CPUs, nodes or exclusive
	 * CPUs of its own, so the parent's effective masks.
	 */
	cssReset(cs: Cpuset): void {
		const parent = cs.parent;
		if (parent === null) return;
		if (cs.partitionRootState !== PRS_MEMBER) this.part.updatePrstate(cs, PRS_MEMBER);
		cs.cpusAllowed.clearAll();
		cs.memsAllowed.clearAll();
		cs.exclusiveCpus.clearAll();
		cs.effectiveXcpus.clearAll();
		cs.prsErr = PERR_NONE;
		cs.relaxDomainLevel = -1;
		cs.csFlags = parent.has(CS_SCHED_LOAD_BALANCE) ? CS_SCHED_LOAD_BALANCE : 0;
		if (this.cpusetV2()) cs.csFlags |= CS_MEMORY_MIGRATE;
		this.updateCpumasksHier(cs, new TmpMasks(this.machine.cpumask()), true);
		this.updateNodemasksHier(cs);
	}

	/** cpuset_bind(): the top cpuset's masks for the hierarchy it moved to. */
	bind(): void {
		const top = this.top!;
		if (this.isInV2Mode()) {
			top.cpusAllowed = this.machine.possible.copy();
			top.effectiveXcpus = this.machine.possible.copy();
			top.memsAllowed = Cpumask.first(this.machine.nrNodeIds, this.machine.nrNodeIds);
		} else {
			top.cpusAllowed = top.effectiveCpus.copy();
			top.memsAllowed = top.effectiveMems.copy();
		}
	}

	/**
	 * cpuset_can_attach(): ENOSPC into a cpuset without effective CPUs (on
	 * v1 also without nodes): on cgroup2 only a partition root that gave
	 * all its CPUs to child partitions.
	 */
	canAttach(tset: CgroupTaskset): void {
		const first = tset.entries[0]!;
		const cs = first.dst.subsys[tset.ssid] as Cpuset;
		this.attachOldCs = first.src.subsys[tset.ssid] as Cpuset;
		if (cs.effectiveCpus.isEmpty() || (!this.isInV2Mode() && cs.memsAllowed.isEmpty())) {
			throw new KernelError("ENOSPC");
		}
		// task_can_attach()
		for (const [task] of tset) if (task.flags & PF_NO_SETAFFINITY) throw new KernelError("EINVAL");
	}

	/** cpuset_cancel_attach(). */
	clearAttach(): void {
		this.attachOldCs = null;
	}

	/** cpuset_attach(): the moved tasks take the cpuset's CPUs and nodes. */
	attach(tset: CgroupTaskset): void {
		const first = tset.entries[0]!;
		const cs = first.dst.subsys[tset.ssid] as Cpuset;
		const oldcs = this.attachOldCs ?? (first.src.subsys[tset.ssid] as Cpuset);
		this.attachOldCs = null;
		const cpusUpdated = !cs.effectiveCpus.equals(oldcs.effectiveCpus);
		const memsUpdated = !cs.effectiveMems.equals(oldcs.effectiveMems);
		// cgroup2 moves every task when +cpuset is enabled, mostly without any change.
		if (this.cpusetV2() && !cpusUpdated && !memsUpdated) {
			cs.oldMemsAllowed = cs.effectiveMems.copy();
			return;
		}
		const nodes = this.guaranteeOnlineMems(cs);
		for (const [task] of tset) {
			// cpuset_attach_task()
			const cpus =
				cs === this.top
					? this.machine.possible.andNot(this.part.subpartitionsCpus)
					: this.guaranteeOnlineCpus(cs);
			this.setCpusAllowed(task, cpus);
			task.memsAllowed = nodes.copy();
		}
		cs.oldMemsAllowed = cs.effectiveMems.copy();
	}

	/** cpuset_handle_hotplug(): the online CPUs changed. */
	handleHotplug(): void {
		cpusetHandleHotplug(this);
	}
}
