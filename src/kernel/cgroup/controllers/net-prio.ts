/**
 * The net_prio controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const NET_PRIO_SUBSYS: SubsystemDef = {
	name: "net_prio",
	legacyName: "net_prio",
	v1Only: true,
	create: () => ({}),
};
