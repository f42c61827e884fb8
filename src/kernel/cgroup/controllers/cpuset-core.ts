/**
 * The cpuset controller (kernel/cgroup/cpuset.c and cpuset-v1.c): which CPUs
 * and memory nodes the tasks of a cgroup may use.
 *
 * Each cpuset has the masks a user wrote (cpus_allowed, mems_allowed) and
 * the effective ones (on a v1 hierarchy the same, as children must stay
 * subsets of their parent; in v2 mode the parent's when empty). Tasks get
 * their cpus_mask and mems_allowed from their cpuset when they are attached
 * and whenever its effective masks change. A new v1 cpuset starts empty
 * (unless clone_children is set), and no task may be attached to one
 * without CPUs or nodes (ENOSPC).
 *
 * CPU hotplug (cpuset_handle_hotplug()): the top cpuset follows the online
 * CPUs; on v1 every other cpuset loses the CPU from cpus and effective_cpus
 * and does not get it back, and one left without CPUs has its tasks moved
 * to the nearest ancestor with some, from a workqueue.
 *
 * Not modelled: partitions, exclusive_cpus and the other cgroup2 files,
 * SCHED_DEADLINE bandwidth, memory migration and page spreading (their flags
 * are kept and shown), the memory-pressure meter (memory_pressure stays 0:
 * nothing reclaims memory here).
 */

import { bitmapParselist, MAX_NUMNODES } from "../../cpulist.ts";
import { Cpumask, type Nodemask } from "../../cpumask.ts";
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { PF_NO_SETAFFINITY, type Task } from "../../task.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import { CGRP_CPUSET_CLONE_CHILDREN, CGRP_ROOT_CPUSET_V2_MODE } from "../defs.ts";
import { cgroupAttachTask } from "../migrate.ts";
import type { CgroupTaskset, Subsystem } from "../subsys.ts";

/** cpuset_flagbits_t. */
export const CS_CPU_EXCLUSIVE = 1 << 1;
export const CS_MEM_EXCLUSIVE = 1 << 2;
export const CS_MEM_HARDWALL = 1 << 3;
export const CS_MEMORY_MIGRATE = 1 << 4;
export const CS_SCHED_LOAD_BALANCE = 1 << 5;
export const CS_SPREAD_PAGE = 1 << 6;
export const CS_SPREAD_SLAB = 1 << 7;

/** struct cpuset. */
export class Cpuset extends CgroupSubsysState {
	declare readonly parent: Cpuset | null;
	cpusAllowed: Cpumask;
	memsAllowed: Nodemask;
	effectiveCpus: Cpumask;
	effectiveMems: Nodemask;
	/** The nodes the tasks were last given (old_mems_allowed). */
	oldMemsAllowed: Nodemask;
	csFlags: number;
	relaxDomainLevel = -1;

	constructor(cgroup: Cgroup, ss: Subsystem, parent: Cpuset | null, cpus: Cpumask, mems: Nodemask) {
		super(cgroup, ss, parent);
		this.cpusAllowed = cpus.copy();
		this.memsAllowed = mems.copy();
		this.effectiveCpus = cpus.copy();
		this.effectiveMems = mems.copy();
		this.oldMemsAllowed = mems.copy();
		this.csFlags = 0;
	}

	has(bit: number): boolean {
		return (this.csFlags & bit) !== 0;
	}
}

/** The fields of a cpuset a change may touch (the trial cpuset of validate_change()). */
export interface CpusetTrial {
	readonly cpusAllowed: Cpumask;
	readonly memsAllowed: Nodemask;
	readonly csFlags: number;
}

/** The controller's global state: top_cpuset and friends. */
export class CpusetController {
	readonly kernel: Kernel;
	ss: Subsystem<Cpuset> | null = null;
	top: Cpuset | null = null;
	/** cpuset_memory_pressure_enabled. */
	memoryPressureEnabled = false;
	/** cpuset_attach_old_cs. */
	private attachOldCs: Cpuset | null = null;

	constructor(kernel: Kernel) {
		this.kernel = kernel;
	}

	private get machine() {
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

	// ------------------------------------------------------------ walking

	/** The online cpuset children of `cs` (cpuset_for_each_child()). */
	*children(cs: Cpuset): IterableIterator<Cpuset> {
		const ssid = cs.ss!.id;
		if (cs.cgroup.children.size === 0) return;
		for (const child of cs.cgroup.children.values()) {
			const c = child.subsys(ssid);
			if (c?.online) yield c as Cpuset;
		}
	}

	/**
	 * cpuset_for_each_descendant_pre(): `cs` and its online descendants;
	 * `visit` returns false to skip a cpuset's subtree.
	 */
	walkPre(cs: Cpuset, visit: (c: Cpuset) => boolean): void {
		if (!visit(cs)) return;
		for (const c of this.children(cs)) this.walkPre(c, visit);
	}

	/** The live tasks of a cpuset (css_task_iter). */
	tasksOf(cs: Cpuset): Task[] {
		const out: Task[] = [];
		const ssid = cs.ss!.id;
		for (const link of cs.cgroup.csetLinks) {
			const cset = link.cset;
			if (cset.subsys[ssid] !== cs) continue;
			for (const t of cset.tasks) out.push(t);
			for (const t of cset.mgTasks) out.push(t);
		}
		return out;
	}

	// ------------------------------------------------------------ tasks

	/** cpuset_update_tasks_cpumask(). */
	updateTasksCpumask(cs: Cpuset): void {
		const isTop = cs === this.top;
		for (const task of this.tasksOf(cs)) {
			if (isTop && task.flags & PF_NO_SETAFFINITY) continue;
			const mask = isTop
				? this.machine.possible.copy()
				: this.machine.possible.and(cs.effectiveCpus);
			this.setCpusAllowed(task, mask);
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

	/** set_cpus_allowed_ptr(). */
	setCpusAllowed(task: Task, mask: Cpumask): void {
		if (task.cpusAllowed.equals(mask)) return;
		task.cpusAllowed = mask;
		this.kernel.sched.taskChanged(task);
	}

	// ------------------------------------------------------------ rules

	/** The cgroup has tasks (cpuset_is_populated()). */
	private populated(cs: Cpuset): boolean {
		return cs.cgroup.isPopulated();
	}

	/** is_cpuset_subset(p, q). */
	private isSubset(p: CpusetTrial, q: CpusetTrial): boolean {
		return (
			p.cpusAllowed.isSubsetOf(q.cpusAllowed) &&
			p.memsAllowed.isSubsetOf(q.memsAllowed) &&
			(!(p.csFlags & CS_CPU_EXCLUSIVE) || (q.csFlags & CS_CPU_EXCLUSIVE) !== 0) &&
			(!(p.csFlags & CS_MEM_EXCLUSIVE) || (q.csFlags & CS_MEM_EXCLUSIVE) !== 0)
		);
	}

	/** cpuset1_validate_change(): children stay subsets (EBUSY), we stay the parent's (EACCES). */
	private validateChangeV1(cur: Cpuset, trial: CpusetTrial): void {
		for (const c of this.children(cur)) {
			if (!this.isSubset(c, trial)) throw new KernelError("EBUSY");
		}
		if (cur.parent !== null && !this.isSubset(trial, cur.parent)) {
			throw new KernelError("EACCES");
		}
	}

	/** validate_change(): would `trial` in place of `cur` keep every rule? */
	validateChange(cur: Cpuset, trial: CpusetTrial): void {
		if (!this.isInV2Mode()) this.validateChangeV1(cur, trial);
		const par = cur.parent;
		if (par === null) return;
		if (this.populated(cur)) {
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
		for (const c of this.children(par)) {
			if (c === cur) continue;
			if (
				(trial.csFlags & CS_CPU_EXCLUSIVE || c.has(CS_CPU_EXCLUSIVE)) &&
				trial.cpusAllowed.intersects(c.cpusAllowed)
			) {
				throw new KernelError("EINVAL");
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
		if (cs === top) throw new KernelError("EACCES");
		let cpus = this.machine.cpumask();
		if (buf.length > 0) {
			cpus = bitmapParselist(buf, this.machine.nrCpuIds);
			if (!cpus.isSubsetOf(top.cpusAllowed)) throw new KernelError("EINVAL");
		}
		if (cpus.equals(cs.cpusAllowed)) return;
		this.validateChange(cs, {
			cpusAllowed: cpus,
			memsAllowed: cs.memsAllowed,
			csFlags: cs.csFlags,
		});
		cs.cpusAllowed = cpus;
		this.updateCpumasksHier(cs);
	}

	/** update_cpumasks_hier(): effective_cpus down the subtree, and the tasks. */
	updateCpumasksHier(cs: Cpuset): void {
		const v2 = this.isInV2Mode();
		this.walkPre(cs, (cp) => {
			const parent = cp.parent!;
			let newCpus = cp.cpusAllowed.and(parent.effectiveCpus);
			if (v2 && newCpus.isEmpty()) newCpus = parent.effectiveCpus.copy();
			if (newCpus.equals(cp.effectiveCpus)) return false;
			cp.effectiveCpus = newCpus;
			this.updateTasksCpumask(cp);
			return true;
		});
	}

	/** update_nodemask(): a write of cpuset.mems (already stripped). */
	updateNodemask(cs: Cpuset, buf: string): void {
		const top = this.top!;
		if (cs === top) throw new KernelError("EACCES");
		let mems = this.machine.nodemask();
		if (buf.length > 0) {
			const parsed = bitmapParselist(buf, MAX_NUMNODES);
			if (!parsed.isSubsetOf(top.memsAllowed)) throw new KernelError("EINVAL");
			mems = this.machine.nodemask().assign(parsed);
		}
		if (mems.equals(cs.memsAllowed)) return;
		this.validateChange(cs, {
			cpusAllowed: cs.cpusAllowed,
			memsAllowed: mems,
			csFlags: cs.csFlags,
		});
		cs.memsAllowed = mems;
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
		const flags = on ? cs.csFlags | bit : cs.csFlags & ~bit;
		this.validateChange(cs, {
			cpusAllowed: cs.cpusAllowed,
			memsAllowed: cs.memsAllowed,
			csFlags: flags,
		});
		cs.csFlags = flags;
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
			top.csFlags = CS_CPU_EXCLUSIVE | CS_MEM_EXCLUSIVE | CS_SCHED_LOAD_BALANCE;
			this.top = top;
			return top;
		}
		const cs = new Cpuset(cgroup, ss, parent, m.cpumask(), m.nodemask());
		cs.csFlags = CS_SCHED_LOAD_BALANCE;
		if (this.cpusetV2()) cs.csFlags |= CS_MEMORY_MIGRATE;
		return cs;
	}

	/** cpuset_css_online(): spread flags from the parent; clone_children copies its masks. */
	cssOnline(cs: Cpuset): void {
		const parent = cs.parent;
		if (parent === null) return;
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

	/** cpuset_bind(): the top cpuset's masks for the hierarchy it moved to. */
	bind(): void {
		const top = this.top!;
		if (this.isInV2Mode()) {
			top.cpusAllowed = this.machine.possible.copy();
			top.memsAllowed = Cpumask.first(this.machine.nrNodeIds, this.machine.nrNodeIds);
		} else {
			top.cpusAllowed = top.effectiveCpus.copy();
			top.memsAllowed = top.effectiveMems.copy();
		}
	}

	/** cpuset_can_attach(): ENOSPC into a cpuset without CPUs (or, on v1, nodes). */
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
		if (this.cpusetV2() && !cpusUpdated && !memsUpdated) {
			cs.oldMemsAllowed = cs.effectiveMems.copy();
			return;
		}
		const nodes = this.guaranteeOnlineMems(cs);
		for (const [task] of tset) {
			// cpuset_attach_task()
			const cpus = cs === this.top ? this.machine.possible.copy() : this.guaranteeOnlineCpus(cs);
			this.setCpusAllowed(task, cpus);
			task.memsAllowed = nodes.copy();
		}
		cs.oldMemsAllowed = cs.effectiveMems.copy();
	}

	// ------------------------------------------------------------ hotplug

	/** cpuset_handle_hotplug(): the online CPUs changed. */
	handleHotplug(): void {
		const top = this.top;
		if (top === null) return;
		const onDfl = this.isInV2Mode();
		const newCpus = this.machine.online.copy();
		const newMems = this.machine.nodesWithMemory.copy();
		const cpusUpdated = !top.effectiveCpus.equals(newCpus);
		const memsUpdated = !top.effectiveMems.equals(newMems);
		if (cpusUpdated) {
			if (!onDfl) top.cpusAllowed = newCpus.copy();
			top.effectiveCpus = newCpus;
		}
		if (memsUpdated) {
			if (!onDfl) top.memsAllowed = newMems.copy();
			top.effectiveMems = newMems;
			this.updateTasksNodemask(top);
		}
		if (!cpusUpdated && !memsUpdated) return;
		this.walkPre(top, (cs) => {
			if (cs !== top) this.hotplugUpdateTasks(cs);
			return true;
		});
	}

	/** cpuset_hotplug_update_tasks() for a cpuset below the top. */
	private hotplugUpdateTasks(cs: Cpuset): void {
		const parent = cs.parent!;
		let newCpus = cs.cpusAllowed.and(parent.effectiveCpus);
		let newMems = cs.memsAllowed.and(parent.effectiveMems);
		const cpusUpdated = !newCpus.equals(cs.effectiveCpus);
		const memsUpdated = !newMems.equals(cs.effectiveMems);
		if (!cpusUpdated && !memsUpdated) return;
		if (this.isInV2Mode()) {
			// hotplug_update_tasks()
			if (newCpus.isEmpty()) newCpus = parent.effectiveCpus.copy();
			if (newMems.isEmpty()) newMems = parent.effectiveMems.copy();
			cs.effectiveCpus = newCpus;
			cs.effectiveMems = newMems;
			if (cpusUpdated) this.updateTasksCpumask(cs);
			if (memsUpdated) this.updateTasksNodemask(cs);
			return;
		}
		// cpuset1_hotplug_update_tasks(): v1 drops the CPU from cpus too.
		cs.cpusAllowed = newCpus.copy();
		cs.effectiveCpus = newCpus;
		cs.memsAllowed = newMems.copy();
		cs.effectiveMems = newMems;
		if (cpusUpdated && !newCpus.isEmpty()) this.updateTasksCpumask(cs);
		if (memsUpdated && !newMems.isEmpty()) this.updateTasksNodemask(cs);
		const isEmpty = newCpus.isEmpty() || newMems.isEmpty();
		if (isEmpty && cs.cgroup.nrPopulatedCsets > 0 && cs.online) {
			this.kernel.cgroup.cssGet(cs);
			this.kernel.queueWork(() => {
				this.removeTasksInEmptyCpuset(cs);
				this.kernel.cgroup.cssPut(cs);
			});
		}
	}

	/** remove_tasks_in_empty_cpuset(): to the nearest ancestor with CPUs and nodes. */
	private removeTasksInEmptyCpuset(cs: Cpuset): void {
		let parent = cs.parent!;
		while ((parent.cpusAllowed.isEmpty() || parent.memsAllowed.isEmpty()) && parent.parent) {
			parent = parent.parent;
		}
		this.transferTasks(parent.cgroup, cs.cgroup);
	}

	/**
	 * cgroup_transfer_tasks(): move every task of `from` (not of its
	 * descendants) to `to`, one thread at a time; a failure is logged and
	 * the rest still move.
	 */
	private transferTasks(to: Cgroup, from: Cgroup): void {
		const core = this.kernel.cgroup;
		const tasks: Task[] = [];
		for (const link of from.csetLinks) for (const t of link.cset.tasks) tasks.push(t);
		for (const t of tasks) {
			if (t.cgroups === null || t.cgroups.cgroupOn(from.root.cgrp) !== from) continue;
			try {
				cgroupAttachTask(core, to, t, false);
			} catch {
				this.kernel.printk(`cpuset: failed to transfer tasks out of empty cpuset ${from.name}`);
			}
		}
	}
}
