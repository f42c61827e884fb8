/**
 * The bandwidth settings of the cpu controller (kernel/sched/core.c): CFS
 * bandwidth in microseconds as cpu.max, cpu.max.burst and the v1
 * cpu.cfs_*_us files set it (tg_set_bandwidth(), 6.18's validation), the
 * hierarchy check of quotas (__cfs_schedulable()), and v1's RT bandwidth
 * (tg_set_rt_bandwidth()).
 */
import { KernelError } from "../../errno.ts";
import type { CpuScheduler } from "../../sched/core.ts";
import {
	DEFAULT_RT_PERIOD,
	DEFAULT_RT_RUNTIME,
	RUNTIME_INF,
	type TaskGroup,
} from "../../sched/task-group.ts";

const U64_MAX = (1n << 64n) - 1n;
/** RUNTIME_INF as the kernel's u64. */
export const INF = U64_MAX;
/** BW_SHIFT and MAX_BW: bandwidth ratios are fixed point with 20 fraction bits. */
const BW_SHIFT = 20n;
const MAX_BW = (1n << (64n - BW_SHIFT)) - 1n;
const NSEC_PER_USEC = 1000n;
/** The largest microsecond count that survives the conversion to nanoseconds. */
const MAX_USEC = U64_MAX / NSEC_PER_USEC;
/** min_bw_quota_period_us (1ms), max_bw_quota_period_us (1s), max_bw_runtime_us. */
const MIN_BW_QUOTA_PERIOD_US = 1000n;
const MAX_BW_QUOTA_PERIOD_US = 1_000_000n;
const MAX_BW_RUNTIME_US = MAX_BW;
/** max_rt_runtime (MAX_BW, in ns). */
const MAX_RT_RUNTIME = MAX_BW;

/** A group's CFS bandwidth in microseconds; a null quota is "max" (RUNTIME_INF). */
export interface Bandwidth {
	readonly periodUs: bigint;
	readonly quotaUs: bigint | null;
	readonly burstUs: bigint;
}

/** to_ratio(). */
function toRatio(period: bigint, runtime: bigint): bigint {
	if (runtime === INF) return 1n << BW_SHIFT;
	if (period === 0n) return 0n;
	return ((runtime << BW_SHIFT) & U64_MAX) / period;
}

/** tg_bandwidth(): what cpu.max and the cfs files show. */
export function tgBandwidth(tg: TaskGroup): Bandwidth {
	const b = tg.cfs;
	return { periodUs: b.periodUs, quotaUs: b.quotaUs, burstUs: b.burstUs };
}

/**
 * __cfs_schedulable() with tg_cfs_schedulable_down(): every group's
 * hierarchical quota, the ratio in force there. On cgroup2 a group takes
 * the smaller of its own and its parent's; on v1 a group may not have more
 * than its parent (EINVAL). Nothing is changed on failure.
 */
function cfsSchedulable(
	root: TaskGroup,
	target: TaskGroup,
	bw: Bandwidth,
	dfl: boolean,
): Map<TaskGroup, bigint> {
	const out = new Map<TaskGroup, bigint>();
	const walk = (tg: TaskGroup, parentQuota: bigint | null): void => {
		let q = INF;
		if (parentQuota !== null) {
			const { periodUs, quotaUs } = tg === target ? bw : tgBandwidth(tg);
			q = quotaUs === null ? INF : toRatio(periodUs, quotaUs);
			if (q === INF) q = parentQuota;
			else if (parentQuota !== INF && q > parentQuota) {
				if (!dfl) throw new KernelError("EINVAL");
				q = parentQuota;
			}
		}
		out.set(tg, q);
		for (const c of tg.children) walk(c, q);
	};
	walk(root, null);
	return out;
}

/**
 * tg_set_bandwidth() and tg_set_cfs_bandwidth(): validate the microsecond
 * values, check the hierarchy, then the model takes the new period, quota
 * and burst (refilling the pool and ending any throttling).
 */
export function tgSetBandwidth(
	sched: CpuScheduler,
	now: number,
	tg: TaskGroup,
	dfl: boolean,
	bw: Bandwidth,
): void {
	const { periodUs, quotaUs, burstUs } = bw;
	if (tg === sched.rootGroup) throw new KernelError("EINVAL");
	if (periodUs > MAX_USEC || (quotaUs !== null && quotaUs > MAX_USEC) || burstUs > MAX_USEC) {
		throw new KernelError("EINVAL");
	}
	if ((quotaUs !== null && quotaUs < MIN_BW_QUOTA_PERIOD_US) || periodUs < MIN_BW_QUOTA_PERIOD_US) {
		throw new KernelError("EINVAL");
	}
	if (periodUs > MAX_BW_QUOTA_PERIOD_US) throw new KernelError("EINVAL");
	if (quotaUs !== null) {
		if (quotaUs > MAX_BW_RUNTIME_US) throw new KernelError("EINVAL");
		if (burstUs > quotaUs || burstUs + quotaUs > MAX_BW_RUNTIME_US) throw new KernelError("EINVAL");
	}
	const hq = cfsSchedulable(sched.rootGroup, tg, bw, dfl);
	for (const [g, q] of hq) g.cfs.hierarchicalQuota = q === INF ? RUNTIME_INF : Number(q);
	const b = tg.cfs;
	b.periodUs = periodUs;
	b.quotaUs = quotaUs;
	b.burstUs = burstUs;
	const quota = quotaUs === null ? RUNTIME_INF : Number(quotaUs * NSEC_PER_USEC);
	sched.setBandwidth(
		tg,
		Number(periodUs * NSEC_PER_USEC),
		quota,
		Number(burstUs * NSEC_PER_USEC),
		now,
	);
}

/** tg_set_rt_bandwidth() with __rt_schedulable()/tg_rt_schedulable(); times in ns. */
export function tgSetRtBandwidth(
	sched: CpuScheduler,
	target: TaskGroup,
	period: bigint,
	runtime: bigint,
): void {
	if (target === sched.rootGroup && runtime === 0n) throw new KernelError("EINVAL");
	if (period === 0n) throw new KernelError("EINVAL");
	if (runtime !== INF && runtime > MAX_RT_RUNTIME) throw new KernelError("EINVAL");
	const globalRatio = toRatio(BigInt(DEFAULT_RT_PERIOD), BigInt(DEFAULT_RT_RUNTIME));
	const values = (tg: TaskGroup): [bigint, bigint] =>
		tg === target
			? [period, runtime]
			: [tg.rtPeriod, tg.rtRuntime === RUNTIME_INF ? INF : BigInt(tg.rtRuntime)];
	const check = (tg: TaskGroup): void => {
		const [p, r] = values(tg);
		if (r > p && r !== INF) throw new KernelError("EINVAL");
		const total = toRatio(p, r);
		if (total > globalRatio) throw new KernelError("EINVAL");
		let sum = 0n;
		for (const c of tg.children) {
			const [cp, cr] = values(c);
			sum += toRatio(cp, cr);
		}
		if (sum > total) throw new KernelError("EINVAL");
		for (const c of tg.children) check(c);
	};
	check(sched.rootGroup);
	target.rtPeriod = period;
	target.rtRuntime = runtime === INF ? RUNTIME_INF : Number(runtime);
}

/** A microsecond count the kernel multiplies by NSEC_PER_USEC: EINVAL past U64_MAX. */
export function usecToNs(us: bigint): bigint {
	if (us > MAX_USEC) throw new KernelError("EINVAL");
	return us * NSEC_PER_USEC;
}
