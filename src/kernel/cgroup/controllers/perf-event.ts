/**
 * The perf_event controller (placeholder: it binds to hierarchies and shows in
 * /proc/cgroups, but has no control files or callbacks yet).
 */
import type { SubsystemDef } from "../subsys.ts";

export const PERF_EVENT_SUBSYS: SubsystemDef = {
	name: "perf_event",
	legacyName: "perf_event",
	implicitOnDfl: true,
	threaded: true,
	create: () => ({}),
};
