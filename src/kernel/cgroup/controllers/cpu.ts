/**
 * The cpu controller (kernel/sched/core.c): a task group per cgroup for the
 * CPU model, with its weight, CFS bandwidth and statistics. cgroup v1 has
 * cpu_legacy_files[] (cpu.shares, cpu.idle, cpu.cfs_quota_us,
 * cpu.cfs_period_us, cpu.cfs_burst_us, cpu.stat, cpu.stat.local, and the RT
 * bandwidth cpu.rt_runtime_us, cpu.rt_period_us); cgroup2 has cpu_files[]
 * (cpu.weight, cpu.weight.nice, cpu.idle, cpu.max, cpu.max.burst) and adds
 * the bandwidth statistics to the core's cpu.stat and cpu.stat.local. The
 * reference kernel has no CONFIG_UCLAMP_TASK_GROUP, so no cpu.uclamp.*.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { scanUnsigned, scanWord } from "../../scan.ts";
import {
	DEFAULT_SHARES,
	MAX_SHARES,
	MIN_SHARES,
	RUNTIME_INF,
	TaskGroup,
	WEIGHT_IDLEPRIO,
} from "../../sched/task-group.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import { CFTYPE_NOT_ON_ROOT } from "../defs.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";
import {
	type Bandwidth,
	INF,
	tgBandwidth,
	tgSetBandwidth,
	tgSetRtBandwidth,
	usecToNs,
} from "./cpu-bandwidth.ts";
import {
	CGROUP_WEIGHT_MAX,
	CGROUP_WEIGHT_MIN,
	cgroupWeightFromShares,
	MAX_NICE,
	MIN_NICE,
	niceFromShares,
	sharesFromCgroupWeight,
	sharesFromNice,
} from "./cpu-weight.ts";

const NSEC_PER_USEC = 1000;

export class CpuCss extends CgroupSubsysState {
	tg!: TaskGroup;
}

function isRoot(css: CpuCss): boolean {
	return css.parent === null;
}

/** "%llu" of a model time in ns as whole microseconds (do_div(ns, NSEC_PER_USEC)). */
function usec(ns: number): number {
	return Math.floor(Math.floor(ns) / NSEC_PER_USEC);
}

/**
 * cpu_period_quota_parse(): "$QUOTA [$PERIOD]" in microseconds, QUOTA "max"
 * for no limit; the period stays when only the quota is given. EINVAL for
 * anything else.
 */
function parsePeriodQuota(
	buf: string,
	current: bigint,
): { periodUs: bigint; quotaUs: bigint | null } {
	// sscanf(buf, "%20s %llu", tok, &period): the token, then an optional period.
	const tok = scanWord(buf, 0, 20);
	if (tok === null || tok.value === "") throw new KernelError("EINVAL");
	const period = scanUnsigned(buf, tok.end, 64);
	const periodUs = period === null ? current : period.value;
	const quota = scanUnsigned(tok.value, 0, 64);
	if (quota !== null) return { periodUs, quotaUs: quota.value };
	if (tok.value === "max") return { periodUs, quotaUs: null };
	throw new KernelError("EINVAL");
}

export const CPU_SUBSYS: SubsystemDef<CpuCss> = {
	name: "cpu",
	legacyName: "cpu",
	threaded: true,
	create: (kernel: Kernel) => {
		const sched = kernel.sched;

		/** tg_set_bandwidth() with the group's current values replaced by `change`. */
		const setBandwidth = (css: CpuCss, change: Partial<Bandwidth>): void => {
			const bw = { ...tgBandwidth(css.tg), ...change };
			tgSetBandwidth(sched, kernel.clock.now(), css.tg, css.cgroup.root.isDfl, bw);
		};

		/** sched_group_set_shares(): EINVAL for an idle group or the root; clamped to [MIN_SHARES, MAX_SHARES]. */
		const setShares = (css: CpuCss, shares: bigint): void => {
			if (css.tg.idle) throw new KernelError("EINVAL");
			if (isRoot(css)) throw new KernelError("EINVAL");
			const lo = BigInt(MIN_SHARES);
			const hi = BigInt(MAX_SHARES);
			const v = Number(shares < lo ? lo : shares > hi ? hi : shares);
			if (css.tg.shares === v) return;
			css.tg.shares = v;
			sched.groupsChanged();
		};

		/** sched_group_set_idle(): idle groups weigh WEIGHT_IDLEPRIO; leaving idle restores NICE_0_LOAD. */
		const setIdle = (css: CpuCss, v: bigint): void => {
			if (isRoot(css)) throw new KernelError("EINVAL");
			if (v < 0n || v > 1n) throw new KernelError("EINVAL");
			const idle = v === 1n;
			if (css.tg.idle === idle) return;
			css.tg.idle = idle;
			css.tg.shares = idle ? WEIGHT_IDLEPRIO : DEFAULT_SHARES;
			sched.groupsChanged();
		};

		const idleFile = (flags: number): CfType<CpuCss> => ({
			name: "idle",
			flags,
			/** cpu_idle_read_s64(). */
			readS64: (css) => (css.tg.idle ? 1 : 0),
			writeS64: (css, v) => setIdle(css, v),
		});

		/** cpu_cfs_stat_show(): the bandwidth statistics in ns (no wait_sum: schedstats are off). */
		const legacyStat = (css: CpuCss): string => {
			const b = css.tg.cfs;
			return (
				`nr_periods ${b.nrPeriods}\nnr_throttled ${b.nrThrottled}\n` +
				`throttled_time ${Math.floor(b.throttledTime)}\n` +
				`nr_bursts ${b.nrBursts}\nburst_time ${Math.floor(b.burstTime)}\n`
			);
		};

		const legacyFiles: CfType<CpuCss>[] = [
			{
				name: "shares",
				readU64: (css) => css.tg.shares,
				// cpu_shares_write_u64().
				writeU64: (css, v) => setShares(css, v),
			},
			idleFile(0),
			{
				name: "cfs_quota_us",
				/** cpu_quota_read_s64(). */
				readS64: (css) => tgBandwidth(css.tg).quotaUs ?? -1n,
				// cpu_quota_write_s64(): any negative value is "no limit".
				writeS64: (css, v) => setBandwidth(css, { quotaUs: v < 0n ? null : v }),
			},
			{
				name: "cfs_period_us",
				readU64: (css) => tgBandwidth(css.tg).periodUs,
				writeU64: (css, v) => setBandwidth(css, { periodUs: v }),
			},
			{
				name: "cfs_burst_us",
				readU64: (css) => tgBandwidth(css.tg).burstUs,
				writeU64: (css, v) => setBandwidth(css, { burstUs: v }),
			},
			{
				name: "stat",
				seqShow: (of) => legacyStat(of.css),
			},
			{
				name: "stat.local",
				/** cpu_cfs_local_stat_show(). */
				seqShow: (of) => `throttled_time ${Math.floor(of.css.tg.cfs.throttledTimeSelf)}\n`,
			},
			{
				name: "rt_runtime_us",
				readS64: (css) =>
					css.tg.rtRuntime === RUNTIME_INF ? -1 : Math.floor(css.tg.rtRuntime / NSEC_PER_USEC),
				// sched_group_set_rt_runtime(): negative is RUNTIME_INF.
				writeS64: (css, v) =>
					tgSetRtBandwidth(sched, css.tg, css.tg.rtPeriod, v < 0n ? INF : usecToNs(v)),
			},
			{
				name: "rt_period_us",
				readU64: (css) => css.tg.rtPeriod / 1000n,
				writeU64: (css, v) => {
					const rt = css.tg.rtRuntime;
					tgSetRtBandwidth(sched, css.tg, usecToNs(v), rt === RUNTIME_INF ? INF : BigInt(rt));
				},
			},
		];

		const dflFiles: CfType<CpuCss>[] = [
			{
				name: "weight",
				flags: CFTYPE_NOT_ON_ROOT,
				/** cpu_weight_read_u64(). */
				readU64: (css) => cgroupWeightFromShares(css.tg.shares),
				/** cpu_weight_write_u64(): ERANGE outside 1..10000. */
				writeU64: (css, v) => {
					if (v < BigInt(CGROUP_WEIGHT_MIN) || v > BigInt(CGROUP_WEIGHT_MAX)) {
						throw new KernelError("ERANGE");
					}
					setShares(css, BigInt(sharesFromCgroupWeight(Number(v))));
				},
			},
			{
				name: "weight.nice",
				flags: CFTYPE_NOT_ON_ROOT,
				readS64: (css) => niceFromShares(css.tg.shares),
				/** cpu_weight_nice_write_s64(): ERANGE outside -20..19. */
				writeS64: (css, v) => {
					if (v < BigInt(MIN_NICE) || v > BigInt(MAX_NICE)) throw new KernelError("ERANGE");
					setShares(css, BigInt(sharesFromNice(Number(v))));
				},
			},
			idleFile(CFTYPE_NOT_ON_ROOT),
			{
				name: "max",
				flags: CFTYPE_NOT_ON_ROOT,
				/** cpu_max_show() with cpu_period_quota_print(). */
				seqShow: (of) => {
					const { periodUs, quotaUs } = tgBandwidth(of.css.tg);
					return `${quotaUs ?? "max"} ${periodUs}\n`;
				},
				/** cpu_max_write(). */
				write: (of, buf, nbytes) => {
					setBandwidth(of.css, parsePeriodQuota(buf, tgBandwidth(of.css.tg).periodUs));
					return nbytes;
				},
			},
			{
				name: "max.burst",
				flags: CFTYPE_NOT_ON_ROOT,
				readU64: (css) => tgBandwidth(css.tg).burstUs,
				writeU64: (css, v) => setBandwidth(css, { burstUs: v }),
			},
		];

		return {
			legacyCftypes: legacyFiles,
			dflCftypes: dflFiles,
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
			/** cpu_extra_stat_show(): the bandwidth statistics in cpu.stat, in microseconds. */
			cssExtraStatShow: (css) => {
				const b = css.tg.cfs;
				return (
					`nr_periods ${b.nrPeriods}\nnr_throttled ${b.nrThrottled}\n` +
					`throttled_usec ${usec(b.throttledTime)}\n` +
					`nr_bursts ${b.nrBursts}\nburst_usec ${usec(b.burstTime)}\n`
				);
			},
			/** cpu_local_stat_show(): throttled_time_self() in microseconds. */
			cssLocalStatShow: (css) => `throttled_usec ${usec(css.tg.cfs.throttledTimeSelf)}\n`,
		};
	},
};
