/**
 * struct task_group and struct cfs_bandwidth: what the cpu controller sets
 * for a group of tasks (weight, SCHED_IDLE, CFS bandwidth, RT bandwidth) and
 * the bandwidth state the CPU model keeps (runtime left in the period, the
 * period timer, throttling and its statistics). Times are in nanoseconds.
 */

/** RUNTIME_INF. */
export const RUNTIME_INF = -1;
/** ROOT_TASK_GROUP_LOAD and the default cpu.shares. */
export const DEFAULT_SHARES = 1024;
/** MIN_SHARES and MAX_SHARES (scale_load_down'ed). */
export const MIN_SHARES = 2;
export const MAX_SHARES = 1 << 18;
/** WEIGHT_IDLEPRIO: the weight of a SCHED_IDLE group's entity. */
export const WEIGHT_IDLEPRIO = 3;
/** default_cfs_period(): 100ms. */
export const DEFAULT_CFS_PERIOD = 100_000_000;
/** def_rt_bandwidth: sysctl_sched_rt_period and sysctl_sched_rt_runtime. */
export const DEFAULT_RT_PERIOD = 1_000_000_000;
export const DEFAULT_RT_RUNTIME = 950_000_000;

/** default_bw_period_us(): 100ms. */
export const DEFAULT_BW_PERIOD_US = 100_000n;

export class CfsBandwidth {
	/** cfs_b->period and ->quota (RUNTIME_INF: unlimited) and ->burst, as the model uses them. */
	period = DEFAULT_CFS_PERIOD;
	quota = RUNTIME_INF;
	burst = 0;
	/**
	 * The same three exactly, in microseconds, as the interface files set and
	 * show them (tg_bandwidth()): quotas and bursts reach 2^44 us, past the
	 * integers a double holds in nanoseconds. A null quota is "max".
	 */
	periodUs = DEFAULT_BW_PERIOD_US;
	quotaUs: bigint | null = null;
	burstUs = 0n;
	/** cfs_b->hierarchical_quota: the quota ratio (to_ratio) in force here. */
	hierarchicalQuota = RUNTIME_INF;
	/** Runtime left in this period (fractional: the model is fluid). */
	runtime = 0;
	/** cfs_b->runtime_snap: the pool right after the last refill. */
	runtimeSnap = 0;
	/** cfs_b->period_active and the next expiry of the period timer. */
	timerActive = false;
	nextExpiry = 0;
	/** The timer's last expiry: it is re-armed on this grid (hrtimer_forward_now()). */
	lastExpiry = 0;
	/** cfs_b->idle: no runtime was used since the last expiry. */
	idle = false;
	throttled = false;
	nrPeriods = 0;
	nrThrottled = 0;
	/** Sum over CPUs of the time this group's run queues were throttled by its own quota. */
	throttledTime = 0;
	nrBursts = 0;
	burstTime = 0;
	/** cpu.stat.local: time its run queues were throttled, by its own or an ancestor's quota. */
	throttledTimeSelf = 0;
}

export class TaskGroup {
	readonly parent: TaskGroup | null;
	/** tg->shares. */
	shares = DEFAULT_SHARES;
	/** tg->idle (cpu.idle). */
	idle = false;
	readonly cfs = new CfsBandwidth();
	/** tg->rt_bandwidth: RUNTIME_INF or ns per period. */
	rtRuntime: number;
	/** ns; a bigint: cpu.rt_period_us takes values past 2^53 ns, and the model never reads it. */
	rtPeriod = BigInt(DEFAULT_RT_PERIOD);
	readonly children = new Set<TaskGroup>();
	/** Offline groups keep their statistics for readers but take no part in scheduling. */
	online = true;

	constructor(parent: TaskGroup | null) {
		this.parent = parent;
		this.rtRuntime = parent === null ? DEFAULT_RT_RUNTIME : 0;
		parent?.children.add(this);
	}

	get depth(): number {
		let d = 0;
		for (let g = this.parent; g !== null; g = g.parent) d++;
		return d;
	}

	/** The weight of the group's entity in its parent's run queue. */
	get entityWeight(): number {
		return this.idle ? WEIGHT_IDLEPRIO : this.shares;
	}

	/** Throttled by its own quota or an ancestor's (throttle_count > 0). */
	get throttledHierarchy(): boolean {
		for (let g: TaskGroup | null = this; g !== null; g = g.parent) if (g.cfs.throttled) return true;
		return false;
	}

	detach(): void {
		this.online = false;
		this.parent?.children.delete(this);
	}
}
