/**
 * The devices controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const DEVICES_SUBSYS: SubsystemDef = {
	name: "devices",
	legacyName: "devices",
	v1Only: true,
	create: () => ({}),
};
