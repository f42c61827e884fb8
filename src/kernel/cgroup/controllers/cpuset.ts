/**
 * The cpuset controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const CPUSET_SUBSYS: SubsystemDef = {
	name: "cpuset",
	legacyName: "cpuset",
	threaded: true,
	create: () => ({}),
};
