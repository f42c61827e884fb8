/**
 * CPU hotplug for cpusets (cpuset_handle_hotplug() and friends in
 * kernel/cgroup/cpuset.c and cpuset-v1.c).
 *
 * The top cpuset follows the active CPUs (less those granted to partitions).
 * On cgroup2 (and in cpuset_v2_mode) only the effective masks change: a
 * cpuset left without CPUs takes its parent's and its tasks keep running;
 * partitions are re-checked, becoming invalid when their CPUs or their
 * parent's tasks' CPUs are gone, and valid again when CPUs come back. On v1
 * an offline CPU leaves cpus too, and a cpuset left without CPUs or nodes
 * has its tasks moved, from a workqueue, to the nearest ancestor with both.
 */
import type { Cpumask, Nodemask } from "../../cpumask.ts";
import type { Task } from "../../task.ts";
import type { Cgroup } from "../cgroup.ts";
import { cgroupAttachTask } from "../migrate.ts";
import type { CpusetController } from "./cpuset-core.ts";
import { PartCmd } from "./cpuset-partition.ts";
import {
	type Cpuset,
	isLocalPartition,
	isPartitionInvalid,
	isPartitionValid,
	PERR_HOTPLUG,
	PRS_MEMBER,
	TmpMasks,
} from "./cpuset-struct.ts";

/** cpuset_handle_hotplug(). */
export function cpusetHandleHotplug(ctl: CpusetController): void {
	const top = ctl.top;
	if (top === null) return;
	const part = ctl.part;
	const onDfl = ctl.isInV2Mode();
	const tmp = onDfl ? new TmpMasks(ctl.machine.cpumask()) : null;
	let newCpus = ctl.machine.online.copy();
	const newMems = ctl.machine.nodesWithMemory.copy();
	// With partitions the comparison below may miss a change: always look.
	const cpusUpdated = !top.effectiveCpus.equals(newCpus) || !part.subpartitionsCpus.isEmpty();
	const memsUpdated = !top.effectiveMems.equals(newMems);
	if (cpusUpdated) {
		if (!onDfl) top.cpusAllowed = newCpus.copy();
		// The partitions' CPUs stay out of the top cpuset, unless none would be
		// left: then the partitions compete for the CPUs again.
		const subparts = part.subpartitionsCpus;
		if (!subparts.isEmpty()) {
			if (newCpus.isSubsetOf(subparts)) {
				top.nrSubparts = 0;
				subparts.clearAll();
			} else {
				newCpus = newCpus.andNot(subparts);
			}
		}
		top.effectiveCpus = newCpus;
		// The tasks of the top cpuset keep every possible CPU.
	}
	if (memsUpdated) {
		if (!onDfl) top.memsAllowed = newMems.copy();
		top.effectiveMems = newMems;
		ctl.updateTasksNodemask(top);
	}
	if (!cpusUpdated && !memsUpdated) return;
	ctl.walkPre(top, (cs) => {
		if (cs !== top) hotplugUpdateTasks(ctl, cs, tmp);
		return true;
	});
}

/** cpuset_hotplug_update_tasks(): one cpuset below the top. */
function hotplugUpdateTasks(ctl: CpusetController, cs: Cpuset, tmp: TmpMasks | null): void {
	const part = ctl.part;
	const parent = cs.parent!;
	const newCpus = cs.cpusAllowed.and(parent.effectiveCpus);
	const newMems = cs.memsAllowed.and(parent.effectiveMems);

	if (tmp !== null && cs.partitionRootState !== PRS_MEMBER) {
		let remote = cs.remote;
		if (remote || (isPartitionValid(cs) && isPartitionValid(parent))) {
			part.computePartitionEffectiveCpumask(cs, newCpus);
		}
		if (
			remote &&
			(part.subpartitionsCpus.isEmpty() ||
				(newCpus.isEmpty() && part.partitionIsPopulated(cs, null)))
		) {
			cs.prsErr = PERR_HOTPLUG;
			part.remotePartitionDisable(cs, tmp);
			newCpus.assign(cs.cpusAllowed.and(parent.effectiveCpus));
			remote = false;
		}
		// Invalid when the parent is, gives no CPUs, or its tasks or ours would
		// have none; valid again once an invalid one has exclusive CPUs anew.
		let cmd: PartCmd | null = null;
		if (
			isLocalPartition(cs) &&
			(!isPartitionValid(parent) ||
				part.tasksNocpuError(parent, cs, newCpus) ||
				part.subpartitionsCpus.isEmpty())
		) {
			cmd = PartCmd.Invalidate;
		} else if (isPartitionValid(parent) && isPartitionInvalid(cs) && !cs.effectiveXcpus.isEmpty()) {
			cmd = PartCmd.Update;
		}
		if (cmd !== null) {
			part.updateParentEffectiveCpumask(cs, cmd, null, tmp);
			if (cmd === PartCmd.Invalidate || isPartitionValid(cs)) {
				part.computePartitionEffectiveCpumask(cs, newCpus);
			}
		}
	}

	const cpusUpdated = !newCpus.equals(cs.effectiveCpus);
	const memsUpdated = !newMems.equals(cs.effectiveMems);
	if (!cpusUpdated && !memsUpdated) return;
	if (ctl.isInV2Mode()) dflHotplugUpdateTasks(ctl, cs, newCpus, newMems, cpusUpdated, memsUpdated);
	else cpuset1HotplugUpdateTasks(ctl, cs, newCpus, newMems, cpusUpdated, memsUpdated);
}

/** hotplug_update_tasks(): an empty result takes the parent's mask (a valid partition may stay empty). */
function dflHotplugUpdateTasks(
	ctl: CpusetController,
	cs: Cpuset,
	newCpus: Cpumask,
	newMems: Nodemask,
	cpusUpdated: boolean,
	memsUpdated: boolean,
): void {
	const parent = cs.parent!;
	if (newCpus.isEmpty() && !isPartitionValid(cs)) newCpus.assign(parent.effectiveCpus);
	cs.effectiveCpus = newCpus.copy();
	cs.effectiveMems = newMems.isEmpty() ? parent.effectiveMems.copy() : newMems.copy();
	if (cpusUpdated) ctl.updateTasksCpumask(cs, newCpus);
	if (memsUpdated) ctl.updateTasksNodemask(cs);
}

/** cpuset1_hotplug_update_tasks(): v1 drops the CPU from cpus too. */
function cpuset1HotplugUpdateTasks(
	ctl: CpusetController,
	cs: Cpuset,
	newCpus: Cpumask,
	newMems: Nodemask,
	cpusUpdated: boolean,
	memsUpdated: boolean,
): void {
	cs.cpusAllowed = newCpus.copy();
	cs.effectiveCpus = newCpus.copy();
	cs.memsAllowed = newMems.copy();
	cs.effectiveMems = newMems.copy();
	if (cpusUpdated && !newCpus.isEmpty()) ctl.updateTasksCpumask(cs, newCpus.copy());
	if (memsUpdated && !newMems.isEmpty()) ctl.updateTasksNodemask(cs);
	const isEmpty = newCpus.isEmpty() || newMems.isEmpty();
	if (isEmpty && cs.cgroup.nrPopulatedCsets > 0 && cs.csOnline) {
		const kernel = ctl.kernel;
		kernel.cgroup.cssGet(cs);
		kernel.queueWork(() => {
			removeTasksInEmptyCpuset(ctl, cs);
			kernel.cgroup.cssPut(cs);
		});
	}
}

/** remove_tasks_in_empty_cpuset(): to the nearest ancestor with CPUs and nodes. */
function removeTasksInEmptyCpuset(ctl: CpusetController, cs: Cpuset): void {
	let parent = cs.parent!;
	while ((parent.cpusAllowed.isEmpty() || parent.memsAllowed.isEmpty()) && parent.parent) {
		parent = parent.parent;
	}
	transferTasks(ctl, parent.cgroup, cs.cgroup);
}

/**
 * cgroup_transfer_tasks(): move every task of `from` (not of its
 * descendants) to `to`, one thread at a time; a failure is logged and the
 * rest still move.
 */
function transferTasks(ctl: CpusetController, to: Cgroup, from: Cgroup): void {
	const core = ctl.kernel.cgroup;
	const tasks: Task[] = [];
	for (const link of from.csetLinks) for (const t of link.cset.tasks) tasks.push(t);
	for (const t of tasks) {
		if (t.cgroups === null || t.cgroups.cgroupOn(from.root.cgrp) !== from) continue;
		try {
			cgroupAttachTask(core, to, t, false);
		} catch {
			ctl.kernel.printk(`cpuset: failed to transfer tasks out of empty cpuset ${from.name}`);
		}
	}
}
