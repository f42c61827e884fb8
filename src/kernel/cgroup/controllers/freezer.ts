/**
 * The freezer controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const FREEZER_SUBSYS: SubsystemDef = {
	name: "freezer",
	legacyName: "freezer",
	v1Only: true,
	create: () => ({}),
};
