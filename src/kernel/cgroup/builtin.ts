/**
 * The controllers compiled into the reference kernel, in
 * include/linux/cgroup_subsys.h order (their ids), as its /proc/cgroups lists
 * them. Each gets its files and callbacks from its own issue; until then it
 * exists, binds to hierarchies and shows in /proc, but has no control files.
 */
import type { SubsystemDef } from "./subsys.ts";

function controller(def: Omit<SubsystemDef, "create">): SubsystemDef {
	return { ...def, create: () => ({}) };
}

export const BUILTIN_SUBSYSTEMS: readonly SubsystemDef[] = [
	controller({ name: "cpuset", legacyName: "cpuset", threaded: true }),
	controller({ name: "cpu", legacyName: "cpu", threaded: true }),
	controller({ name: "cpuacct", legacyName: "cpuacct", v1Only: true }),
	controller({ name: "io", legacyName: "blkio", dependsOn: ["memory"] }),
	controller({ name: "memory", legacyName: "memory" }),
	controller({ name: "devices", legacyName: "devices", v1Only: true }),
	controller({ name: "freezer", legacyName: "freezer", v1Only: true }),
	controller({ name: "net_cls", legacyName: "net_cls", v1Only: true }),
	controller({ name: "perf_event", legacyName: "perf_event", implicitOnDfl: true, threaded: true }),
	controller({ name: "net_prio", legacyName: "net_prio", v1Only: true }),
	controller({ name: "hugetlb", legacyName: "hugetlb" }),
	controller({ name: "pids", legacyName: "pids", threaded: true }),
];
