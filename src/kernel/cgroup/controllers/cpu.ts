/**
 * The cpu controller (kernel/sched/core.c, cpu_legacy_files): a task group
 * per cgroup for the CPU model, with its weight (cpu.shares, cpu.idle), CFS
 * bandwidth (cpu.cfs_quota_us, cpu.cfs_period_us, cpu.cfs_burst_us), RT
 * bandwidth (cpu.rt_runtime_us, cpu.rt_period_us) and the bandwidth
 * statistics (cpu.stat, cpu.stat.local).
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import {
	DEFAULT_RT_PERIOD,
	DEFAULT_RT_RUNTIME,
	MAX_SHARES,
	MIN_SHARES,
	RUNTIME_INF,
	TaskGroup,
	WEIGHT_IDLEPRIO,
} from "../../sched/task-group.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";

const NSEC_PER_USEC = 1000;
const U64_MAX = (1n << 64n) - 1n;
/** BW_SHIFT and MAX_BW: bandwidth ratios are fixed point with 20 fraction bits. */
const BW_SHIFT = 20n;
const MAX_BW = (1n << (64n - BW_SHIFT)) - 1n;
/** max_cfs_runtime (ns) and max_rt_runtime (MAX_BW, in ns). */
const MAX_CFS_RUNTIME = MAX_BW * 1000n;
const MAX_RT_RUNTIME = MAX_BW;
/** min_cfs_quota_period (1ms) and max_cfs_quota_period (1s), ns. */
const MIN_CFS_QUOTA_PERIOD = 1_000_000n;
const MAX_CFS_QUOTA_PERIOD = 1_000_000_000n;
/** RUNTIME_INF as the kernel's u64. */
const INF = U64_MAX;

export class CpuCss extends CgroupSubsysState {
	tg!: TaskGroup;
	/** cfs_b->burst exactly (it may exceed 2^53 ns); the model gets a number. */
	burst = 0n;
}

/** to_ratio(). */
function toRatio(period: bigint, runtime: bigint): bigint {
	if (runtime === INF) return 1n << BW_SHIFT;
	if (period === 0n) return 0n;
	return ((runtime << BW_SHIFT) & U64_MAX) / period;
}

const big = (ns: number): bigint => (ns === RUNTIME_INF ? INF : BigInt(ns));
const num = (ns: bigint): number => (ns === INF ? RUNTIME_INF : Number(ns));

function isRoot(css: CpuCss): boolean {
	return css.parent === null;
}

export const CPU_SUBSYS: SubsystemDef<CpuCss> = {
	name: "cpu",
	legacyName: "cpu",
	threaded: true,
	create: (kernel: Kernel) => {
		const sched = kernel.sched;
		/** __cfs_schedulable() with tg_cfs_schedulable_down(): EINVAL when a child would get more than its parent. */
		const cfsSchedulable = (
			target: TaskGroup,
			period: bigint,
			quota: bigint,
		): Map<TaskGroup, bigint> => {
			const periodUs = quota === INF ? period : period / 1000n;
			const quotaUs = quota === INF ? quota : quota / 1000n;
			const out = new Map<TaskGroup, bigint>();
			const walk = (tg: TaskGroup, parentQuota: bigint | null): void => {
				let q: bigint;
				if (parentQuota === null) {
					q = INF;
				} else {
					const [p, qq] =
						tg === target
							? [periodUs, quotaUs]
							: [
									BigInt(tg.cfs.period) / 1000n,
									tg.cfs.quota === RUNTIME_INF ? INF : BigInt(tg.cfs.quota) / 1000n,
								];
					q = qq === INF ? INF : toRatio(p, qq);
					if (q === INF) q = parentQuota;
					else if (parentQuota !== INF && q > parentQuota) throw new KernelError("EINVAL");
				}
				out.set(tg, q);
				for (const c of tg.children) walk(c, q);
			};
			walk(sched.rootGroup, null);
			return out;
		};

		/** tg_set_cfs_bandwidth(). */
		const setCfsBandwidth = (css: CpuCss, period: bigint, quota: bigint, burst: bigint): void => {
			if (isRoot(css)) throw new KernelError("EINVAL");
			if (quota < MIN_CFS_QUOTA_PERIOD || period < MIN_CFS_QUOTA_PERIOD)
				throw new KernelError("EINVAL");
			if (period > MAX_CFS_QUOTA_PERIOD) throw new KernelError("EINVAL");
			if (quota !== INF && quota > MAX_CFS_RUNTIME) throw new KernelError("EINVAL");
			if (quota !== INF && (burst > quota || burst + quota > MAX_CFS_RUNTIME)) {
				throw new KernelError("EINVAL");
			}
			const hq = cfsSchedulable(css.tg, period, quota);
			for (const [tg, q] of hq) tg.cfs.hierarchicalQuota = q === INF ? RUNTIME_INF : Number(q);
			css.burst = burst;
			sched.setBandwidth(css.tg, Number(period), num(quota), Number(burst), kernel.clock.now());
		};

		/** tg_set_rt_bandwidth() with __rt_schedulable()/tg_rt_schedulable(). */
		const setRtBandwidth = (css: CpuCss, period: bigint, runtime: bigint): void => {
			const target = css.tg;
			if (isRoot(css) && runtime === 0n) throw new KernelError("EINVAL");
			if (period === 0n) throw new KernelError("EINVAL");
			if (runtime !== INF && runtime > MAX_RT_RUNTIME) throw new KernelError("EINVAL");
			const globalRatio = toRatio(BigInt(DEFAULT_RT_PERIOD), BigInt(DEFAULT_RT_RUNTIME));
			const values = (tg: TaskGroup): [bigint, bigint] =>
				tg === target ? [period, runtime] : [tg.rtPeriod, big(tg.rtRuntime)];
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
			target.rtRuntime = num(runtime);
		};

		/** A microsecond count the kernel multiplies by NSEC_PER_USEC: EINVAL past U64_MAX. */
		const usecToNs = (us: bigint): bigint => {
			if (us > U64_MAX / 1000n) throw new KernelError("EINVAL");
			return us * 1000n;
		};

		const files: CfType<CpuCss>[] = [
			{
				name: "shares",
				readU64: (css) => css.tg.shares,
				// cpu_shares_write_u64() and sched_group_set_shares(): clamped to [MIN_SHARES, MAX_SHARES].
				writeU64: (css, v) => {
					if (css.tg.idle) throw new KernelError("EINVAL");
					if (isRoot(css)) throw new KernelError("EINVAL");
					const lo = BigInt(MIN_SHARES);
					const hi = BigInt(MAX_SHARES);
					css.tg.shares = Number(v < lo ? lo : v > hi ? hi : v);
					sched.groupsChanged();
				},
			},
			{
				name: "idle",
				readS64: (css) => (css.tg.idle ? 1 : 0),
				// sched_group_set_idle(): idle groups weigh WEIGHT_IDLEPRIO; leaving idle restores NICE_0_LOAD.
				writeS64: (css, v) => {
					if (isRoot(css)) throw new KernelError("EINVAL");
					if (v < 0n || v > 1n) throw new KernelError("EINVAL");
					const idle = v === 1n;
					if (css.tg.idle === idle) return;
					css.tg.idle = idle;
					css.tg.shares = idle ? WEIGHT_IDLEPRIO : 1024;
					sched.groupsChanged();
				},
			},
			{
				name: "cfs_quota_us",
				readS64: (css) =>
					css.tg.cfs.quota === RUNTIME_INF ? -1 : css.tg.cfs.quota / NSEC_PER_USEC,
				// tg_set_cfs_quota(): any negative value is "no limit".
				writeS64: (css, v) => {
					const b = css.tg.cfs;
					const quota = v < 0n ? INF : usecToNs(v);
					setCfsBandwidth(css, BigInt(b.period), quota, css.burst);
				},
			},
			{
				name: "cfs_period_us",
				readU64: (css) => css.tg.cfs.period / NSEC_PER_USEC,
				writeU64: (css, v) => {
					const b = css.tg.cfs;
					setCfsBandwidth(css, usecToNs(v), big(b.quota), css.burst);
				},
			},
			{
				name: "cfs_burst_us",
				readU64: (css) => css.burst / 1000n,
				writeU64: (css, v) => {
					const b = css.tg.cfs;
					setCfsBandwidth(css, BigInt(b.period), big(b.quota), usecToNs(v));
				},
			},
			{
				name: "stat",
				// cpu_cfs_stat_show() (no wait_sum: schedstats are off).
				seqShow: (of) => {
					const b = of.css.tg.cfs;
					return (
						`nr_periods ${b.nrPeriods}\nnr_throttled ${b.nrThrottled}\n` +
						`throttled_time ${Math.floor(b.throttledTime)}\n` +
						`nr_bursts ${b.nrBursts}\nburst_time ${Math.floor(b.burstTime)}\n`
					);
				},
			},
			{
				name: "stat.local",
				seqShow: (of) => `throttled_time ${Math.floor(of.css.tg.cfs.throttledTimeSelf)}\n`,
			},
			{
				name: "rt_runtime_us",
				readS64: (css) =>
					css.tg.rtRuntime === RUNTIME_INF ? -1 : Math.floor(css.tg.rtRuntime / NSEC_PER_USEC),
				// sched_group_set_rt_runtime(): negative is RUNTIME_INF.
				writeS64: (css, v) => {
					const runtime = v < 0n ? INF : usecToNs(v);
					setRtBandwidth(css, css.tg.rtPeriod, runtime);
				},
			},
			{
				name: "rt_period_us",
				readU64: (css) => css.tg.rtPeriod / 1000n,
				writeU64: (css, v) => setRtBandwidth(css, usecToNs(v), big(css.tg.rtRuntime)),
			},
		];

		return {
			legacyCftypes: files,
			cssAlloc: (parent: CpuCss | null, cgroup: Cgroup, ss: Subsystem<CpuCss>): CpuCss => {
				const css = new CpuCss(cgroup, ss, parent);
				if (parent === null) {
					css.tg = sched.rootGroup;
					const id = ss.id;
					sched.groupOf = (task) => {
						const c = task.cgroups?.subsys[id] as CpuCss | undefined;
						return c?.tg ?? sched.rootGroup;
					};
				} else {
					css.tg = new TaskGroup(parent.tg);
					// cpu_cgroup_css_alloc(): a new group inherits nothing but the parent's hierarchical quota.
					css.tg.cfs.hierarchicalQuota = parent.tg.cfs.hierarchicalQuota;
				}
				return css;
			},
			cssOffline: (css) => {
				if (css.parent === null) return;
				sched.groupOffline(css.tg);
			},
			attach: (tset) => {
				for (const [task] of tset) sched.taskChanged(task);
			},
		};
	},
};
