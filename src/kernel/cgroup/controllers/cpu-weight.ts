/**
 * The weights of the cpu controller's cgroup2 interface (kernel/sched):
 * cpu.weight on the common cgroup scale 1..10000 (default 100) mapped onto
 * the group's shares, and cpu.weight.nice through the nice-to-weight table.
 */
import { MAX_NICE, MIN_NICE, SCHED_PRIO_TO_WEIGHT } from "../../sched/prio.ts";

export { MAX_NICE, MIN_NICE, SCHED_PRIO_TO_WEIGHT };

/** CGROUP_WEIGHT_MIN, CGROUP_WEIGHT_DFL, CGROUP_WEIGHT_MAX. */
export const CGROUP_WEIGHT_MIN = 1;
export const CGROUP_WEIGHT_DFL = 100;
export const CGROUP_WEIGHT_MAX = 10000;
/** DIV_ROUND_CLOSEST_ULL() of non-negative integers. */
function divRoundClosest(x: number, d: number): number {
	return Math.floor((x + Math.floor(d / 2)) / d);
}

/** sched_weight_from_cgroup(): a cgroup weight as shares (100 is 1024). */
export function sharesFromCgroupWeight(weight: number): number {
	return divRoundClosest(weight * 1024, CGROUP_WEIGHT_DFL);
}

/** sched_weight_to_cgroup(): shares on the cgroup scale, clamped to 1..10000. */
export function cgroupWeightFromShares(shares: number): number {
	const w = divRoundClosest(shares * CGROUP_WEIGHT_DFL, 1024);
	return Math.min(CGROUP_WEIGHT_MAX, Math.max(CGROUP_WEIGHT_MIN, w));
}

/**
 * cpu_weight_nice_read_s64(): the nice value whose weight is closest to the
 * shares, scanning from nice -20 and stopping once the distance stops
 * shrinking (so a tie goes to the lower nice value, and weights below the
 * table's end read as 19).
 */
export function niceFromShares(shares: number): number {
	let last = Number.POSITIVE_INFINITY;
	let prio = 0;
	for (; prio < SCHED_PRIO_TO_WEIGHT.length; prio++) {
		const delta = Math.abs(SCHED_PRIO_TO_WEIGHT[prio]! - shares);
		if (delta >= last) break;
		last = delta;
	}
	return prio - 1 + MIN_NICE;
}

/** The weight of a nice value (sched_prio_to_weight[NICE_TO_PRIO(nice) - MAX_RT_PRIO]). */
export function sharesFromNice(nice: number): number {
	return SCHED_PRIO_TO_WEIGHT[nice - MIN_NICE]!;
}
