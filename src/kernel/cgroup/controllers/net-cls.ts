/**
 * The net_cls controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const NET_CLS_SUBSYS: SubsystemDef = {
	name: "net_cls",
	legacyName: "net_cls",
	v1Only: true,
	create: () => ({}),
};
