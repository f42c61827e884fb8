/**
 * The io controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const IO_SUBSYS: SubsystemDef = {
	name: "io",
	legacyName: "blkio",
	dependsOn: ["memory"],
	create: () => ({}),
};
