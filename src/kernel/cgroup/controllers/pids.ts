/**
 * The pids controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const PIDS_SUBSYS: SubsystemDef = {
	name: "pids",
	legacyName: "pids",
	threaded: true,
	create: () => ({}),
};
