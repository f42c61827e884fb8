/**
 * The cpu controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const CPU_SUBSYS: SubsystemDef = {
	name: "cpu",
	legacyName: "cpu",
	threaded: true,
	create: () => ({}),
};
