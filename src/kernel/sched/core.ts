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
import type { Machine } from "../machine.ts";
import { EXIT_ZOMBIE, PF_EXITING, TASK_STOPPED, type Task, taskFrozen } from "../task.ts";
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
	private readonly nrCpus: number;
	private readonly isOnline: (cpu: number) => boolean;
	private readonly onlineCpus: () => Iterable<number>;
	private running: Running[] = [];
	/** What the bandwidth groups drain their pools at (ns of CPU per ns). */
	private readonly drain = new Map<TaskGroup, number>();
	private placementDirty = true;
	private ratesDirty = true;
	/** Time run at the current rates but not yet charged to the tasks (see sync()). */
	private pending = 0;
	/** Tasks by CPU, for placing newly runnable tasks without moving the others. */
	private perCpu = new Map<number, Running[]>();
	/** Placement is right except for these tasks that became busy or stopped being busy. */
	private readonly arrived = new Set<Task>();
	private readonly departed = new Set<Task>();
	/** Groups that are throttled (by their own quota or an ancestor's), with their queued CPUs. */
	private throttledQueued: [TaskGroup, number][] = [];
	/** The time the model has reached (the clock's, but for the steps inside advance()). */
	private now = 0;
	/** Told, with the time, whenever placement or rates were recomputed (PSI: kernel/sched/psi.ts). */
	onRatesChanged: ((now: number) => void) | null = null;

	constructor(machine: Machine) {
		this.nrCpus = machine.nrCpuIds;
		// A CPU going or coming back: every task is placed again.
		machine.registerHotplug({
			cpuOffline: () => this.groupsChanged(),
			cpuOnline: () => this.groupsChanged(),
		});
		this.isOnline = (cpu) => machine.online.test(cpu);
		this.onlineCpus = () => ({ [Symbol.iterator]: () => machine.online[Symbol.iterator]() });
	}

	/** Whether the task has a program that wants a CPU now. */
	private runnable(t: Task): boolean {
		return (
			t.se.busy &&
			!taskFrozen(t) &&
			!(t.flags & PF_EXITING) &&
			t.state !== TASK_STOPPED &&
			(t.exitState & EXIT_ZOMBIE) === 0
		);
	}

	/** The task's program starts (or stops) keeping a CPU busy. */
	setBusy(task: Task, busy: boolean): void {
		if (task.se.busy === busy) return;
		this.sync();
		task.se.busy = busy;
		if (busy) {
			this.busy.add(task);
			if (this.departed.has(task)) this.departed.delete(task);
			else this.arrived.add(task);
		} else {
			this.busy.delete(task);
			if (this.arrived.has(task)) this.arrived.delete(task);
			else this.departed.add(task);
		}
		this.ratesDirty = true;
	}

	/** Whether or where the task can run may have changed (freezer, cpuset, signals, exit, cgroup). */
	taskChanged(task: Task): void {
		if (!task.se.busy) return;
		this.sync();
		if (task.flags & PF_EXITING) this.setBusy(task, false);
		this.placementDirty = true;
	}

	/** Weights, CPUs or bandwidth of groups changed (cpu controller, hotplug). */
	groupsChanged(): void {
		this.sync();
		this.placementDirty = true;
	}

	/** Every runnable task with its CPU and its share of it (throttled ones with 0). */
	forEachRunning(fn: (task: Task, cpu: number, rate: number) => void): void {
		for (const r of this.running) fn(r.task, r.cpu, r.rate);
	}

	/** The CPU share the task gets now (0 when it is not running). */
	rateOf(task: Task): number {
		this.refresh();
		return task.se.rate;
	}

	/**
	 * Charge the time run since the rates last changed: readers of CPU time
	 * (cpuacct files, /proc) call this first, and so does every change that
	 * moves a task between cgroups or CPUs.
	 */
	sync(): void {
		const dt = this.pending;
		if (dt <= 0) return;
		this.pending = 0;
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
	}

	// ------------------------------------------------------------ bandwidth

	/**
	 * tg_set_cfs_bandwidth() after validation: the new period, quota and burst
	 * take effect at `now`, the pool is refilled, throttling ends, and the
	 * period timer starts when there is a quota.
	 */
	setBandwidth(tg: TaskGroup, period: number, quota: number, burst: number, now: number): void {
		this.sync();
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
		this.sync();
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
		if (!this.placementDirty && !this.ratesDirty) return;
		this.sync();
		if (this.placementDirty) this.place();
		else this.placeChanges();
		if (this.ratesDirty) this.computeRates();
	}

	/**
	 * Wake-up placement: tasks that became busy go to the least loaded CPU
	 * they may use, the others stay; when a departure leaves a CPU idle while
	 * another has several tasks, everything is placed again (idle balancing).
	 */
	private placeChanges(): void {
		if (this.arrived.size === 0 && this.departed.size === 0) return;
		if (this.departed.size > 0) {
			this.running = this.running.filter((r) => !this.departed.has(r.task));
			for (const t of this.departed) t.se.rate = 0;
			this.departed.clear();
			this.perCpu = CpuScheduler.byCpu(this.running);
			let idle = false;
			let crowded = false;
			for (const c of this.onlineCpus()) {
				const n = this.perCpu.get(c)?.length ?? 0;
				if (n === 0) idle = true;
				if (n > 1) crowded = true;
			}
			if (idle && crowded) {
				this.place();
				return;
			}
		}
		for (const t of this.arrived) {
			if (!this.runnable(t)) continue;
			let best = -1;
			let bestN = Number.POSITIVE_INFINITY;
			const consider = (c: number): void => {
				const n = this.perCpu.get(c)?.length ?? 0;
				if (n < bestN || (n === bestN && c === t.se.cpu)) {
					best = c;
					bestN = n;
				}
			};
			for (const c of t.cpusAllowed) if (this.isOnline(c)) consider(c);
			if (best < 0) for (const c of this.onlineCpus()) consider(c);
			t.se.cpu = best;
			const r: Running = { task: t, group: this.groupOf(t), cpu: best, rate: 0 };
			this.running.push(r);
			let list = this.perCpu.get(best);
			if (list === undefined) {
				list = [];
				this.perCpu.set(best, list);
			}
			list.push(r);
		}
		this.arrived.clear();
	}

	private static byCpu(running: readonly Running[]): Map<number, Running[]> {
		const m = new Map<number, Running[]>();
		for (const r of running) {
			let l = m.get(r.cpu);
			if (l === undefined) {
				l = [];
				m.set(r.cpu, l);
			}
			l.push(r);
		}
		return m;
	}

	/** The load balancer: put every runnable task on a CPU. */
	private place(): void {
		this.placementDirty = false;
		this.ratesDirty = true;
		this.arrived.clear();
		this.departed.clear();
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
		const allowed = new Map<Task, number[]>();
		const online = [...this.onlineCpus()];
		const byMask = new Map<string, number[]>();
		for (const r of tasks) {
			const mask = r.task.cpusAllowed;
			const key = mask.key();
			let list = byMask.get(key);
			if (list === undefined) {
				list = mask.toArray().filter(this.isOnline);
				if (list.length === 0) list = online;
				byMask.set(key, list);
			}
			allowed.set(r.task, list);
		}
		tasks.sort(
			(a, b) =>
				hload.get(b.task)! - hload.get(a.task)! ||
				allowed.get(a.task)!.length - allowed.get(b.task)!.length ||
				a.task.pid - b.task.pid,
		);
		const cpuLoad = new Map<number, number>();
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
			for (const c of allowed.get(r.task)!) consider(c);
			r.cpu = best;
			r.task.se.cpu = best;
			cpuLoad.set(best, bestLoad + hload.get(r.task)!);
		}
		this.running = tasks;
		this.perCpu = CpuScheduler.byCpu(tasks);
	}

	/** calc_group_shares() on every CPU, then each task's share of its CPU. */
	private computeRates(): void {
		this.ratesDirty = false;
		const nC = this.nrCpus;
		// Dense indexes for the groups with runnable tasks and their ancestors.
		const index = new Map<TaskGroup, number>();
		const groups: TaskGroup[] = [];
		const parentIx: number[] = [];
		const indexOf = (g: TaskGroup): number => {
			const known = index.get(g);
			if (known !== undefined) return known;
			const p = g.parent === null ? -1 : indexOf(g.parent);
			const i = groups.length;
			index.set(g, i);
			groups.push(g);
			parentIx.push(p);
			return i;
		};
		const running = this.running;
		const gOf = new Int32Array(running.length);
		for (let k = 0; k < running.length; k++) gOf[k] = indexOf(running[k]!.group);
		const nG = groups.length;
		// Parents come before children in `groups`; throttled_hierarchy top down.
		const throttled = new Uint8Array(nG);
		for (let i = 0; i < nG; i++) {
			const p = parentIx[i]!;
			throttled[i] = groups[i]!.cfs.throttled || (p >= 0 && throttled[p] === 1) ? 1 : 0;
		}
		const load = new Float64Array(nG * nC);
		const queued = new Uint8Array(nG * nC);
		const nQueued = new Int32Array(nG);
		const cpusOf: number[][] = groups.map(() => []);
		for (let k = 0; k < running.length; k++) {
			const r = running[k]!;
			r.rate = 0;
			r.task.se.rate = 0;
			const g = gOf[k]!;
			for (let x = g; x >= 0; x = parentIx[x]!) {
				const cell = x * nC + r.cpu;
				if (queued[cell] === 1) break;
				queued[cell] = 1;
				nQueued[x]!++;
				cpusOf[x]!.push(r.cpu);
			}
			if (throttled[g] === 0) load[g * nC + r.cpu]! += r.task.se.weight;
		}
		this.throttledQueued = [];
		for (let i = 0; i < nG; i++) {
			if (throttled[i] === 1 && nQueued[i]! > 0)
				this.throttledQueued.push([groups[i]!, nQueued[i]!]);
		}
		// Group entities' weights, from the leaves up (children have higher indexes).
		const weight = new Float64Array(nG * nC);
		for (let i = nG - 1; i > 0; i--) {
			const p = parentIx[i]!;
			if (p < 0) continue;
			const cpus = cpusOf[i]!;
			let total = 0;
			for (const c of cpus) total += load[i * nC + c]!;
			if (total <= 0) continue;
			const shares = groups[i]!.entityWeight;
			for (const c of cpus) {
				const l = load[i * nC + c]!;
				if (l <= 0) continue;
				const w = Math.min(shares, Math.max(MIN_SHARES, (shares * l) / total));
				weight[i * nC + c] = w;
				load[p * nC + c]! += w;
			}
		}
		// Each group's share of each CPU, from the root down.
		const share = new Float64Array(nG * nC);
		for (let i = 0; i < nG; i++) {
			const p = parentIx[i]!;
			for (const c of cpusOf[i]!) {
				const cell = i * nC + c;
				if (p < 0) share[cell] = load[cell]! > 0 ? 1 : 0;
				else if (weight[cell]! > 0)
					share[cell] = (share[p * nC + c]! * weight[cell]!) / load[p * nC + c]!;
			}
		}
		this.drain.clear();
		for (let k = 0; k < running.length; k++) {
			const r = running[k]!;
			const g = gOf[k]!;
			if (throttled[g] === 1) continue;
			const cell = g * nC + r.cpu;
			const rate = (share[cell]! * r.task.se.weight) / load[cell]!;
			r.rate = rate;
			r.task.se.rate = rate;
			for (let x = g; x >= 0; x = parentIx[x]!) {
				const tg = groups[x]!;
				if (this.bandwidth.has(tg)) this.drain.set(tg, (this.drain.get(tg) ?? 0) + rate);
			}
		}
		this.onRatesChanged?.(this.now);
	}

	/**
	 * The clock moved from `from` to `to`: run the model over the interval,
	 * event by event.
	 */
	advance(from: number, to: number): void {
		let t = from;
		while (t < to) {
			this.now = t;
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
		this.now = to;
	}

	/** Charge `dt` ns of the current rates. */
	private integrate(dt: number): void {
		if (dt <= 0) return;
		this.pending += dt;
		for (const g of this.bandwidth) {
			const b = g.cfs;
			const rate = this.drain.get(g) ?? 0;
			if (rate > 0) {
				b.runtime -= rate * dt;
				b.idle = false;
			}
		}
		for (const [g, n] of this.throttledQueued) {
			g.cfs.throttledTimeSelf += n * dt;
			if (g.cfs.throttled) g.cfs.throttledTime += n * dt;
		}
	}
}
