/**
 * The hugetlb controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const HUGETLB_SUBSYS: SubsystemDef = {
	name: "hugetlb",
	legacyName: "hugetlb",
	create: () => ({}),
};
