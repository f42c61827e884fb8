/**
 * The perf_event controller (kernel/events/core.c): lets perf count the
 * events of a cgroup's tasks (perf_event_open() with PERF_FLAG_PID_CGROUP).
 * It has no control files on a v1 hierarchy, only the core ones; cgkit has
 * no perf events, so the controller binds and shows in /proc/cgroups only.
 */
import type { SubsystemDef } from "../subsys.ts";

export const PERF_EVENT_SUBSYS: SubsystemDef = {
	name: "perf_event",
	legacyName: "perf_event",
	implicitOnDfl: true,
	threaded: true,
	create: () => ({}),
};
