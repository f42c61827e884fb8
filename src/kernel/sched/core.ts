/**
 * The CPU scheduler model: CFS (kernel/sched/fair.c) with group scheduling
 * and CFS bandwidth, as a fluid model.
 *
 * Programs that keep a CPU busy mark their task with setBusy(). Whenever the
 * emulated clock advances, every runnable busy task gets CPU time at the
 * rate the model gives it, and is charged that time (sum_exec_runtime,
 * utime, and every registered charger: cpuacct).
 *
 * - Placement (the load balancer): each runnable task runs on one CPU it is
 *   allowed on (cpus_mask ∩ cpu_online_mask, or any online CPU when that is
 *   empty: select_fallback_rq()). Tasks are placed heaviest first (by their
 *   share of the whole hierarchy, h_load) on the least loaded allowed CPU,
 *   keeping their current CPU on ties.
 * - Rates: on each CPU the run queue is a tree of entities, tasks with their
 *   load weight and groups with the weight calc_group_shares() gives them:
 *   shares × (the group's load on this CPU / its load on all CPUs), clamped
 *   to [MIN_SHARES, shares]. A task's share of its CPU is the product of its
 *   entities' fractions of their run queues.
 * - Bandwidth: a group with a quota has a runtime pool, refilled by its
 *   period timer (do_sched_cfs_period_timer()) and drained by everything
 *   running below it; when it is empty the group is throttled (its subtree
 *   gets no CPU, others on those CPUs get more) until the next refill. The
 *   model steps exactly from event to event (period expiries, pools running
 *   out), so it is deterministic and exact between them.
 */
import { EXIT_ZOMBIE, PF_EXITING, TASK_STOPPED, type Task } from "../task.ts";
import { MIN_SHARES, RUNTIME_INF, TaskGroup } from "./task-group.ts";

/** Charges `ns` of CPU time on `cpu` to a task (cpuacct_charge()); user or system time. */
export type CpuCharger = (task: Task, cpu: number, ns: number, user: boolean) => void;

/** Below this many ns a pool counts as empty and an expiry as due (float slack). */
const EPS = 1e-3;

interface Running {
	readonly task: Task;
	readonly group: TaskGroup;
	cpu: number;
	/** Share of its CPU, 0..1. */
	rate: number;
}

export class CpuScheduler {
	/** Tasks whose program is CPU-bound. */
	readonly busy = new Set<Task>();
	/** root_task_group. */
	readonly rootGroup = new TaskGroup(null);
	/** task_group(): the task's group; the cpu controller sets it when it is built in. */
	groupOf: (task: Task) => TaskGroup = () => this.rootGroup;
	readonly chargers: CpuCharger[] = [];
	/** Groups with a quota or a running period timer. */
	private readonly bandwidth = new Set<TaskGroup>();
	private readonly isOnline: (cpu: number) => boolean;
	private readonly onlineCpus: () => Iterable<number>;
	private running: Running[] = [];
	/** What the bandwidth groups drain their pools at (ns of CPU per ns). */
	private readonly drain = new Map<TaskGroup, number>();
	/** For each group: on how many CPUs its subtree has runnable tasks. */
	private readonly queuedCpus = new Map<TaskGroup, number>();
	private placementDirty = true;
	private ratesDirty = true;

	constructor(machine: {
		readonly online: { test(cpu: number): boolean; [Symbol.iterator](): Iterator<number> };
	}) {
		this.isOnline = (cpu) => machine.online.test(cpu);
		this.onlineCpus = () => ({ [Symbol.iterator]: () => machine.online[Symbol.iterator]() });
	}

	/** Whether the task has a program that wants a CPU now. */
	private runnable(t: Task): boolean {
		return (
			t.se.busy &&
			!t.frozen &&
			!(t.flags & PF_EXITING) &&
			t.state !== TASK_STOPPED &&
			(t.exitState & EXIT_ZOMBIE) === 0
		);
	}

	/** The task's program starts (or stops) keeping a CPU busy. */
	setBusy(task: Task, busy: boolean): void {
		if (task.se.busy === busy) return;
		task.se.busy = busy;
		if (busy) this.busy.add(task);
		else this.busy.delete(task);
		this.placementDirty = true;
	}

	/** Whether or where the task can run may have changed (freezer, cpuset, signals, exit, cgroup). */
	taskChanged(task: Task): void {
		if (task.flags & PF_EXITING && task.se.busy) this.setBusy(task, false);
		if (task.se.busy) this.placementDirty = true;
	}

	/** Weights, CPUs or bandwidth of groups changed (cpu controller, hotplug). */
	groupsChanged(): void {
		this.placementDirty = true;
	}

	/** The CPU share the task gets now (0 when it is not running). */
	rateOf(task: Task): number {
		this.refresh();
		return task.se.rate;
	}

	// ------------------------------------------------------------ bandwidth

	/**
	 * tg_set_cfs_bandwidth() after validation: the new period, quota and burst
	 * take effect at `now`, the pool is refilled, throttling ends, and the
	 * period timer starts when there is a quota.
	 */
	setBandwidth(tg: TaskGroup, period: number, quota: number, burst: number, now: number): void {
		const b = tg.cfs;
		b.period = period;
		b.quota = quota;
		b.burst = burst;
		if (quota !== RUNTIME_INF) {
			b.runtime = quota;
			b.runtimeSnap = quota;
		}
		if (b.throttled) {
			b.throttled = false;
			this.placementDirty = true;
		}
		if (quota !== RUNTIME_INF) {
			this.bandwidth.add(tg);
			this.startPeriodTimer(tg, now);
		}
		this.ratesDirty = true;
	}

	/** A group goes away (its cgroup is removed): it leaves the model. */
	groupOffline(tg: TaskGroup): void {
		this.bandwidth.delete(tg);
		tg.detach();
		this.placementDirty = true;
	}

	/** start_cfs_bandwidth(): arm the period timer on the grid of its last expiry. */
	private startPeriodTimer(tg: TaskGroup, now: number): void {
		const b = tg.cfs;
		if (b.timerActive) return;
		b.timerActive = true;
		let e = b.lastExpiry;
		if (e <= now) e += Math.ceil((now - e) / b.period) * b.period;
		if (e <= now + EPS) e += b.period;
		b.nextExpiry = e;
	}

	/** do_sched_cfs_period_timer() at one expiry. */
	private periodTimer(tg: TaskGroup): void {
		const b = tg.cfs;
		b.lastExpiry = b.nextExpiry;
		if (b.quota === RUNTIME_INF) {
			b.timerActive = false;
			this.bandwidth.delete(tg);
			return;
		}
		b.nrPeriods++;
		// __refill_cfs_bandwidth_runtime()
		b.runtime += b.quota;
		const overused = b.runtimeSnap - b.runtime;
		if (overused > EPS) {
			b.burstTime += overused;
			b.nrBursts++;
		}
		b.runtime = Math.min(b.runtime, b.quota + b.burst);
		b.runtimeSnap = b.runtime;
		if (!b.throttled) {
			if (b.idle) {
				b.timerActive = false;
				return;
			}
			b.idle = true;
		} else {
			b.nrThrottled++;
			if (b.runtime > EPS) {
				b.throttled = false;
				this.ratesDirty = true;
			}
			b.idle = false;
		}
		b.nextExpiry += b.period;
	}

	// ------------------------------------------------------------- the model

	private refresh(): void {
		if (this.placementDirty) this.place();
		if (this.ratesDirty) this.computeRates();
	}

	/** The group path of a task, root last. */
	private static path(g: TaskGroup): TaskGroup[] {
		const p: TaskGroup[] = [];
		for (let x: TaskGroup | null = g; x !== null; x = x.parent) p.push(x);
		return p;
	}

	/** The load balancer: put every runnable task on a CPU. */
	private place(): void {
		this.placementDirty = false;
		this.ratesDirty = true;
		const tasks: Running[] = [];
		for (const t of this.busy) {
			if (t.flags & PF_EXITING) {
				this.busy.delete(t);
				t.se.busy = false;
				t.se.rate = 0;
				continue;
			}
			t.se.rate = 0;
			if (this.runnable(t)) tasks.push({ task: t, group: this.groupOf(t), cpu: t.se.cpu, rate: 0 });
		}
		// h_load: the task's share of the whole hierarchy, ignoring CPUs.
		const childWeight = new Map<TaskGroup, number>();
		const counted = new Set<TaskGroup>();
		for (const r of tasks) {
			childWeight.set(r.group, (childWeight.get(r.group) ?? 0) + r.task.se.weight);
			for (let g = r.group; g.parent !== null && !counted.has(g); g = g.parent) {
				counted.add(g);
				childWeight.set(g.parent, (childWeight.get(g.parent) ?? 0) + g.entityWeight);
			}
		}
		const hload = new Map<Task, number>();
		for (const r of tasks) {
			let h = r.task.se.weight / childWeight.get(r.group)!;
			for (let g = r.group; g.parent !== null; g = g.parent) {
				h *= g.entityWeight / childWeight.get(g.parent)!;
			}
			hload.set(r.task, h);
		}
		tasks.sort(
			(a, b) =>
				hload.get(b.task)! - hload.get(a.task)! ||
				a.task.cpusAllowed.weight() - b.task.cpusAllowed.weight() ||
				a.task.pid - b.task.pid,
		);
		const cpuLoad = new Map<number, number>();
		const online = [...this.onlineCpus()];
		for (const r of tasks) {
			let best = -1;
			let bestLoad = Number.POSITIVE_INFINITY;
			const consider = (c: number): void => {
				const l = cpuLoad.get(c) ?? 0;
				if (l < bestLoad - 1e-12 || (Math.abs(l - bestLoad) <= 1e-12 && c === r.task.se.cpu)) {
					best = c;
					bestLoad = l;
				}
			};
			for (const c of r.task.cpusAllowed) if (this.isOnline(c)) consider(c);
			if (best < 0) for (const c of online) consider(c);
			r.cpu = best;
			r.task.se.cpu = best;
			cpuLoad.set(best, bestLoad + hload.get(r.task)!);
		}
		this.running = tasks;
	}

	/** calc_group_shares() on every CPU, then each task's share of its CPU. */
	private computeRates(): void {
		this.ratesDirty = false;
		// Load of each group's run queue on each CPU, from the leaves up.
		const load = new Map<TaskGroup, Map<number, number>>();
		const add = (g: TaskGroup, cpu: number, w: number): void => {
			let m = load.get(g);
			if (m === undefined) {
				m = new Map();
				load.set(g, m);
			}
			m.set(cpu, (m.get(cpu) ?? 0) + w);
		};
		this.queuedCpus.clear();
		const queued = new Map<TaskGroup, Set<number>>();
		for (const r of this.running) {
			for (const g of CpuScheduler.path(r.group)) {
				let s = queued.get(g);
				if (s === undefined) {
					s = new Set();
					queued.set(g, s);
				}
				s.add(r.cpu);
			}
			r.rate = 0;
			r.task.se.rate = 0;
			if (!r.group.throttledHierarchy) add(r.group, r.cpu, r.task.se.weight);
		}
		for (const [g, s] of queued) this.queuedCpus.set(g, s.size);
		const groups = [...load.keys()];
		// Every ancestor of a loaded group gets load from it.
		for (const g of groups)
			for (let p = g.parent; p !== null; p = p.parent) if (!load.has(p)) load.set(p, new Map());
		const order = [...load.keys()].sort((a, b) => b.depth - a.depth);
		const entityW = new Map<TaskGroup, Map<number, number>>();
		for (const g of order) {
			if (g.parent === null) continue;
			const m = load.get(g)!;
			let total = 0;
			for (const l of m.values()) total += l;
			if (total <= 0) continue;
			const shares = g.entityWeight;
			const w = new Map<number, number>();
			for (const [cpu, l] of m) {
				const s = Math.min(shares, Math.max(MIN_SHARES, (shares * l) / total));
				w.set(cpu, s);
				add(g.parent, cpu, s);
			}
			entityW.set(g, w);
		}
		// Each group's share of each CPU, from the root down.
		const share = (
			g: TaskGroup,
			cpu: number,
			memo: Map<TaskGroup, Map<number, number>>,
		): number => {
			if (g.parent === null) return 1;
			let m = memo.get(g);
			if (m === undefined) {
				m = new Map();
				memo.set(g, m);
			}
			const known = m.get(cpu);
			if (known !== undefined) return known;
			const v =
				(share(g.parent, cpu, memo) * (entityW.get(g)?.get(cpu) ?? 0)) /
				load.get(g.parent)!.get(cpu)!;
			m.set(cpu, v);
			return v;
		};
		const memo = new Map<TaskGroup, Map<number, number>>();
		this.drain.clear();
		for (const r of this.running) {
			if (r.group.throttledHierarchy) continue;
			const rate =
				(share(r.group, r.cpu, memo) * r.task.se.weight) / load.get(r.group)!.get(r.cpu)!;
			r.rate = rate;
			r.task.se.rate = rate;
			for (let g: TaskGroup | null = r.group; g !== null; g = g.parent) {
				if (this.bandwidth.has(g)) this.drain.set(g, (this.drain.get(g) ?? 0) + rate);
			}
		}
	}

	/**
	 * The clock moved from `from` to `to`: run the model over the interval,
	 * event by event.
	 */
	advance(from: number, to: number): void {
		let t = from;
		while (t < to) {
			this.refresh();
			for (const [g, rate] of this.drain) {
				if (rate > 0 && !g.cfs.timerActive) this.startPeriodTimer(g, t);
			}
			let next = to;
			for (const g of this.bandwidth) {
				const b = g.cfs;
				if (b.timerActive && b.nextExpiry < next) next = b.nextExpiry;
				const rate = this.drain.get(g) ?? 0;
				if (rate > 0 && !b.throttled) {
					const empty = t + Math.max(0, b.runtime) / rate;
					if (empty < next) next = empty;
				}
			}
			this.integrate(next - t);
			t = next;
			for (const g of [...this.bandwidth]) {
				const b = g.cfs;
				const rate = this.drain.get(g) ?? 0;
				if (!b.throttled && rate > 0 && b.runtime <= EPS) {
					b.throttled = true;
					this.ratesDirty = true;
				}
				if (b.timerActive && b.nextExpiry <= t + EPS) this.periodTimer(g);
			}
		}
	}

	/** Charge `dt` ns of the current rates. */
	private integrate(dt: number): void {
		if (dt <= 0) return;
		for (const r of this.running) {
			if (r.rate <= 0) continue;
			const se = r.task.se;
			se.exact += r.rate * dt;
			const delta = Math.floor(se.exact) - se.sumExecRuntime;
			if (delta <= 0) continue;
			se.sumExecRuntime += delta;
			se.utime += delta;
			for (const charge of this.chargers) charge(r.task, r.cpu, delta, true);
		}
		for (const g of this.bandwidth) {
			const b = g.cfs;
			const rate = this.drain.get(g) ?? 0;
			if (rate > 0) {
				b.runtime -= rate * dt;
				b.idle = false;
			}
		}
		for (const [g, n] of this.queuedCpus) {
			if (!g.throttledHierarchy) continue;
			g.cfs.throttledTimeSelf += n * dt;
			if (g.cfs.throttled) g.cfs.throttledTime += n * dt;
		}
	}
}
