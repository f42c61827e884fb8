/**
 * The cpuacct controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const CPUACCT_SUBSYS: SubsystemDef = {
	name: "cpuacct",
	legacyName: "cpuacct",
	v1Only: true,
	create: () => ({}),
};
