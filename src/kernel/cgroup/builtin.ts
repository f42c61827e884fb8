/**
 * The controllers compiled into the reference kernel, in
 * include/linux/cgroup_subsys.h order (their ids), as its /proc/cgroups lists
 * them. Each lives in controllers/.
 */

import { IO_SUBSYS } from "./controllers/blkio.ts";
import { CPU_SUBSYS } from "./controllers/cpu.ts";
import { CPUACCT_SUBSYS } from "./controllers/cpuacct.ts";
import { CPUSET_SUBSYS } from "./controllers/cpuset.ts";
import { DEVICES_SUBSYS } from "./controllers/devices.ts";
import { FREEZER_SUBSYS } from "./controllers/freezer.ts";
import { HUGETLB_SUBSYS } from "./controllers/hugetlb.ts";
import { MEMORY_SUBSYS } from "./controllers/memory.ts";
import { NET_CLS_SUBSYS } from "./controllers/net-cls.ts";
import { NET_PRIO_SUBSYS } from "./controllers/net-prio.ts";
import { PERF_EVENT_SUBSYS } from "./controllers/perf-event.ts";
import { PIDS_SUBSYS } from "./controllers/pids.ts";
import type { SubsystemDef } from "./subsys.ts";

export const BUILTIN_SUBSYSTEMS: readonly SubsystemDef[] = [
	CPUSET_SUBSYS,
	CPU_SUBSYS,
	CPUACCT_SUBSYS,
	IO_SUBSYS,
	MEMORY_SUBSYS,
	DEVICES_SUBSYS,
	FREEZER_SUBSYS,
	NET_CLS_SUBSYS,
	PERF_EVENT_SUBSYS,
	NET_PRIO_SUBSYS,
	HUGETLB_SUBSYS,
	PIDS_SUBSYS,
];
