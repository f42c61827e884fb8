/**
 * The cpuset controller's definition (struct cgroup_subsys cpuset_cgrp_subsys)
 * and its /proc views: /proc/<pid>/cpuset (proc_cpuset_show()) and the
 * Cpus_allowed and Mems_allowed lines of /proc/<pid>/status. The rules live
 * in cpuset-core.ts (cgroup2 partitions in cpuset-partition.ts, hotplug in
 * cpuset-hotplug.ts), the v1 files in cpuset-files.ts, the cgroup2 ones in
 * cpuset-dfl-files.ts.
 */
import { bitmapListString, bitmapString, MAX_NUMNODES } from "../../cpulist.ts";
import type { Kernel } from "../../kernel.ts";
import type { Task } from "../../task.ts";
import type { SubsystemDef, SubsystemOps } from "../subsys.ts";
import { type Cpuset, CpusetController } from "./cpuset-core.ts";
import { cpusetDflFiles } from "./cpuset-dfl-files.ts";
import { cpuset1Files } from "./cpuset-files.ts";

/** The controller state of a kernel's cpuset subsystem (for /proc). */
const CONTROLLERS = new WeakMap<Kernel, CpusetController>();

export function cpusetController(kernel: Kernel): CpusetController | undefined {
	return CONTROLLERS.get(kernel);
}

export const CPUSET_SUBSYS: SubsystemDef<Cpuset> = {
	name: "cpuset",
	legacyName: "cpuset",
	threaded: true,
	create: (kernel): SubsystemOps<Cpuset> => {
		const ctl = new CpusetController(kernel);
		CONTROLLERS.set(kernel, ctl);
		kernel.machine.registerHotplug({
			cpuOffline: () => ctl.handleHotplug(),
			cpuOnline: () => ctl.handleHotplug(),
		});
		return {
			legacyCftypes: cpuset1Files(ctl),
			dflCftypes: cpusetDflFiles(ctl),
			cssAlloc: (parent, cgroup, ss) => ctl.cssAlloc(parent, cgroup, ss),
			cssOnline: (css) => ctl.cssOnline(css),
			cssOffline: (css) => ctl.cssOffline(css),
			cssReset: (css) => ctl.cssReset(css),
			canAttach: (tset) => ctl.canAttach(tset),
			cancelAttach: () => {
				ctl.clearAttach();
			},
			attach: (tset) => ctl.attach(tset),
			bind: () => ctl.bind(),
		};
	},
};

/**
 * proc_cpuset_show(): the path of the task's cpuset on the hierarchy the
 * controller is bound to (cgkit has no cgroup namespaces, so from its root),
 * or null when the kernel has no cpuset controller.
 */
export function procCpusetShow(kernel: Kernel, task: Task): string | null {
	const ctl = cpusetController(kernel);
	if (ctl?.ss === null || ctl === undefined) return null;
	const cset = task.cgroups;
	if (cset === null) return "/\n";
	return `${cset.subsys[ctl.ss.id]!.cgroup.pathMax()}\n`;
}

/** task_cpus_allowed() and cpuset_task_status_allowed(): the lines of /proc/<pid>/status. */
export function cpusetTaskStatusAllowed(task: Task): string {
	const cpus = task.cpusAllowed;
	const mems = task.memsAllowed;
	return (
		`Cpus_allowed:\t${bitmapString(cpus)}\n` +
		`Cpus_allowed_list:\t${bitmapListString(cpus)}\n` +
		`Mems_allowed:\t${bitmapString(mems, MAX_NUMNODES)}\n` +
		`Mems_allowed_list:\t${bitmapListString(mems)}\n`
	);
}
