/**
 * Pressure stall information (kernel/sched/psi.c): how much of the time the
 * tasks of a cgroup (and of the whole system, the default hierarchy's root)
 * were delayed waiting for a CPU, for memory or for IO, as cumulative stall
 * totals and 10/60/300 s running averages.
 *
 * The kernel's structure is kept: one PsiGroup per cgroup of the default
 * hierarchy (the root's is psi_system), per-CPU cells counting the group's
 * tasks in each state (NR_IOWAIT, NR_MEMSTALL, NR_RUNNING,
 * NR_MEMSTALL_RUNNING; a task counts in its cgroup and every ancestor, as
 * psi_task_change() walks them), per-CPU time buckets of each state, the
 * aggregation that weighs each CPU by its non-idle jiffies
 * (collect_percpu_times()), and the averaging work every psi_period =
 * PSI_FREQ = 2*HZ+1 jiffies (HZ 250 as on the reference host: 2.004 s) with
 * the kernel's fixed-point decay (calc_avgs(), calc_load(), calc_load_n()).
 *
 * What a task is, per CPU, comes from the fluid CPU model (sched/core.ts):
 * a runnable task sits on one CPU and gets a share `rate` (0..1) of it.
 * The model's shares stand for time slicing: over any interval of constant
 * rates, a task is on its CPU a fraction `rate` of the time and waits the
 * rest. So in an interval of length dt, for one group G on one CPU c, with
 *   n   = G's runnable tasks on c (TSK_RUNNING, throttled ones included),
 *   on  = the sum of their rates: the fraction of time one of G's tasks is
 *         c's current task (TSK_ONCPU),
 * the kernel's state tests become fractions of dt:
 *   CPU some = n >= 2: 1 (at most one of them is on the CPU, so at least
 *              one always waits); n = 1: 1 - on (the task waits whenever
 *              it is not running); n = 0: 0
 *   CPU full = n >= 1: 1 - on (none of G's tasks is on the CPU; others
 *              outside G have it, or G's quota is spent: a cpu.max
 *              throttled group's tasks stay runnable with rate 0, so they
 *              stall, some and full, for the whole throttled time)
 *   non-idle = n, memstall or iowait tasks present: 1
 * Only the model's runnable tasks (CPU-bound programs, setBusy()) wait for
 * a CPU; the rest of the userland's work takes no emulated time.
 * Full CPU pressure of the whole system is undefined (a task waits only
 * while another runs): it is computed like any group's but printed as
 * zeros, as psi_show() does.
 *
 * Memory and IO come from callers (psi_memstall_enter()/leave(), and the
 * iowait state of a sleeping task):
 *   memory some = a memstalled task of G on c: 1
 *   memory full = every runnable task of G on c is memstalled: 1;
 *                 otherwise the fraction of time a memstalled task of G is
 *                 c's current task (a reclaimer on the CPU: the
 *                 cpu_curr(cpu)->in_memstall rule)
 *   io some     = a task of G sleeping in iowait on c: 1
 *   io full     = such a task and no runnable task of G on c: 1
 * A memstalled or iowaiting task that is not runnable counts on the CPU it
 * last ran on (task_cpu()).
 *
 * The per-CPU buckets accumulate the exact (fractional) stall time; a
 * collection takes their whole nanoseconds, so totals never drift. The
 * averaging work (psi_avgs_work()) is emulated lazily and exactly, on the
 * jiffy grid of HZ 250 from boot: it is armed PSI_FREQ jiffies after a
 * change in a group with no work pending, and while the group had non-idle
 * time since the last collection it re-arms one jiffy past the next
 * avg_next_update (nsecs_to_jiffies(next - now) + 1, as the kernel's
 * schedule_delayed_work() call does). It runs, in order, at its emulated
 * time before anything later is recorded for the group, or is read; groups
 * with triggers have it run on time as the clock advances. A read collects
 * too (psi_show()), so, as in the kernel, time a read collected is not new
 * to the work. Differences from the kernel: every CPU is treated as one the
 * work is not running on (the kernel's exception for its own CPU counts the
 * kworker itself), and disabling a group (cgroup.pressure 0) concludes its
 * per-CPU states at once, where the kernel concludes each CPU's at its next
 * task change.
 *
 * Triggers (psi_trigger_create()) are parsed and validated with the
 * kernel's errnos and registered; unprivileged ones (the PSI_AVGS
 * aggregator) are evaluated at each averaging update and notify the file's
 * pollers (kernfs_notify()). Privileged ones (CAP_SYS_RESOURCE: the rtpoll
 * aggregator and its psimon thread) are registered but not evaluated, and
 * their PSI_POLL totals stay 0.
 */
import type { Cgroup } from "../cgroup/cgroup.ts";
import { KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import { isKernelSpace } from "../kstrto.ts";
import type { Task } from "../task.ts";

/** enum psi_res. */
export const PSI_IO = 0;
export const PSI_MEM = 1;
export const PSI_CPU = 2;
export type PsiRes = typeof PSI_IO | typeof PSI_MEM | typeof PSI_CPU;
/** The names of the resources, as in io.pressure and /proc/pressure/io. */
export const PSI_RES_NAMES: readonly string[] = ["io", "memory", "cpu"];

/** enum psi_states. */
export const PSI_IO_SOME = 0;
export const PSI_IO_FULL = 1;
export const PSI_MEM_SOME = 2;
export const PSI_MEM_FULL = 3;
export const PSI_CPU_SOME = 4;
export const PSI_CPU_FULL = 5;
export const PSI_NONIDLE = 6;
export const NR_PSI_STATES = 7;
/** The states with totals and averages (all but PSI_NONIDLE). */
const NR_STALL_STATES = NR_PSI_STATES - 1;
/** PSI_STATE_RESCHEDULE: the averaging work re-arms itself. */
const PSI_STATE_RESCHEDULE = 1 << (NR_PSI_STATES + 1);

/** CONFIG_HZ of the reference host, and a jiffy in ns. */
export const HZ = 250;
export const JIFFY_NS = 1_000_000_000 / HZ;
/** PSI_FREQ: 2 s plus one jiffy, in jiffies; psi_period in ns. */
export const PSI_FREQ = 2 * HZ + 1;
export const PSI_PERIOD = PSI_FREQ * JIFFY_NS;
/** FSHIFT and FIXED_1 of include/linux/sched/loadavg.h. */
export const FSHIFT = 11;
export const FIXED_1 = 1 << FSHIFT;
/** 1/exp(2s/10s), 1/exp(2s/60s), 1/exp(2s/300s) as fixed point (EXP_10s, EXP_60s, EXP_300s). */
export const PSI_EXPS: readonly number[] = [1677, 1981, 2034];
/** WINDOW_MAX_US: a trigger's window is at most 10 s. */
const WINDOW_MAX_US = 10_000_000;
/** Unprivileged triggers need a window that is a multiple of the 2 s averaging period. */
const UNPRIVILEGED_WINDOW_US = 2_000_000;
/** UPDATES_PER_WINDOW: the rtpoll worker runs ten times a window. */
const UPDATES_PER_WINDOW = 10;
/** NSEC_PER_USEC. */
const NSEC_PER_USEC = 1000;
/** Shares this close to 0 or 1 are 0 or 1 (sums of the model's float rates). */
const RATE_SLACK = 1e-9;

/** enum psi_aggregators. */
export const PSI_AVGS = 0;
export const PSI_POLL = 1;

/** calc_load(): one step of the exponential decay, rounding up while rising. */
export function calcLoad(load: number, exp: number, active: number): number {
	let newload = load * exp + active * (FIXED_1 - exp);
	if (active >= load) newload += FIXED_1 - 1;
	return Math.floor(newload / FIXED_1);
}

/** fixed_power_int(): x^n in fixed point with `fracBits` fraction bits, rounding each product. */
function fixedPowerInt(x: number, fracBits: number, n: number): number {
	let result = 2 ** fracBits;
	const half = 2 ** (fracBits - 1);
	let base = x;
	let k = n;
	while (k > 0) {
		if (k & 1) result = Math.floor((result * base + half) / 2 ** fracBits);
		k = Math.floor(k / 2);
		if (k === 0) break;
		base = Math.floor((base * base + half) / 2 ** fracBits);
	}
	return result;
}

/** calc_load_n(): n steps of calc_load() with the same `active`. */
export function calcLoadN(load: number, exp: number, active: number, n: number): number {
	return calcLoad(load, fixedPowerInt(exp, FSHIFT, n), active);
}

/** LOAD_INT(x).LOAD_FRAC(x) as psi_show() prints it ("%lu.%02lu"). */
export function formatAvg(x: number): string {
	const int = Math.floor(x / FIXED_1);
	const frac = Math.floor(((x % FIXED_1) * 100) / FIXED_1);
	return `${int}.${String(frac).padStart(2, "0")}`;
}

/** Where in the timer wheel a delayed work queued at `now` with `delay` jiffies fires. */
function jiffyTimer(now: number, delay: number): number {
	return (Math.floor(now / JIFFY_NS) + delay) * JIFFY_NS;
}

/** The per-CPU part of a group (struct psi_group_cpu), for every possible CPU. */
class PsiGroupCpus {
	/** tasks[NR_IOWAIT], tasks[NR_MEMSTALL], tasks[NR_RUNNING], tasks[NR_MEMSTALL_RUNNING]. */
	readonly nrIowait: Int32Array;
	readonly nrMemstall: Int32Array;
	readonly nrRunning: Int32Array;
	readonly nrMemstallRunning: Int32Array;
	/** TSK_ONCPU as a share: the fraction of time one of the group's tasks is the CPU's current. */
	readonly onCpu: Float64Array;
	/** The fraction of time the current task is one of the group's memstalled ones. */
	readonly memstallOnCpu: Float64Array;
	/** state_mask as fractions: how much of each ns each state accrues now. */
	readonly state: Float64Array;
	/** state_start. */
	readonly stateStart: Float64Array;
	/** times[]: exact accumulated state time, ns. */
	readonly times: Float64Array;
	/** times_prev[PSI_AVGS][]: the whole ns the last collection took. */
	readonly timesPrev: Float64Array;
	/** The batch that last touched each CPU's cell. */
	readonly stamp: Float64Array;

	constructor(nrCpus: number, now: number) {
		this.nrIowait = new Int32Array(nrCpus);
		this.nrMemstall = new Int32Array(nrCpus);
		this.nrRunning = new Int32Array(nrCpus);
		this.nrMemstallRunning = new Int32Array(nrCpus);
		this.onCpu = new Float64Array(nrCpus);
		this.memstallOnCpu = new Float64Array(nrCpus);
		this.state = new Float64Array(nrCpus * NR_PSI_STATES);
		this.stateStart = new Float64Array(nrCpus).fill(now);
		this.times = new Float64Array(nrCpus * NR_PSI_STATES);
		this.timesPrev = new Float64Array(nrCpus * NR_PSI_STATES);
		this.stamp = new Float64Array(nrCpus);
	}
}

/** struct psi_trigger. */
export class PsiTrigger {
	readonly group: PsiGroup;
	/** The psi_states value it watches. */
	readonly state: number;
	/** ns. */
	readonly threshold: number;
	/** struct psi_window: size, start time and value, the previous window's growth (ns). */
	readonly winSize: number;
	winStartTime = 0;
	winStartValue = 0;
	winPrevGrowth = 0;
	/** An event waits for the poller (t->event). */
	event = false;
	lastEventTime = 0;
	pendingEvent = false;
	readonly aggregator: typeof PSI_AVGS | typeof PSI_POLL;
	/** kernfs_notify() of the file it was written to (null for /proc/pressure: a wait queue). */
	readonly notify: (() => void) | null;

	constructor(
		group: PsiGroup,
		state: number,
		thresholdUs: number,
		windowUs: number,
		aggregator: typeof PSI_AVGS | typeof PSI_POLL,
		notify: (() => void) | null,
	) {
		this.group = group;
		this.state = state;
		this.threshold = thresholdUs * NSEC_PER_USEC;
		this.winSize = windowUs * NSEC_PER_USEC;
		this.aggregator = aggregator;
		this.notify = notify;
	}

	/** window_reset(). */
	windowReset(now: number, value: number, prevGrowth: number): void {
		this.winStartTime = now;
		this.winStartValue = value;
		this.winPrevGrowth = prevGrowth;
	}

	/** window_update(): the growth over the last window, interpolating the previous one's. */
	windowUpdate(now: number, value: number): number {
		const elapsed = now - this.winStartTime;
		let growth = value - this.winStartValue;
		if (elapsed > this.winSize) this.windowReset(now, value, growth);
		else {
			const remaining = this.winSize - elapsed;
			growth += Math.floor((this.winPrevGrowth * remaining) / this.winSize);
		}
		return growth;
	}
}

/** struct psi_group: one cgroup's (or the system's) pressure. */
export class PsiGroup {
	readonly parent: PsiGroup | null;
	/** cgroup.pressure: accounting on and the pressure files shown. */
	enabled = true;
	/** How many times the files were hidden: each time drains (kills) their open files. */
	drains = 0;
	/** The per-CPU cells, made at the group's first task. */
	cpus: PsiGroupCpus | null = null;
	/** total[PSI_AVGS][] and total[PSI_POLL][] (the latter never advances here), ns. */
	readonly total: number[] = new Array<number>(NR_STALL_STATES).fill(0);
	readonly pollTotal: number[] = new Array<number>(NR_STALL_STATES).fill(0);
	/** avg_total[]: what the averages have taken of the totals. */
	readonly avgTotal: number[] = new Array<number>(NR_STALL_STATES).fill(0);
	/** avg[][3]: the 10 s, 60 s and 300 s averages, fixed point percent. */
	readonly avg: number[][] = Array.from({ length: NR_STALL_STATES }, () => [0, 0, 0]);
	avgLastUpdate: number;
	avgNextUpdate: number;
	/** When the averaging work (avgs_work) runs next; null when it is not queued. */
	workAt: number | null = null;
	readonly avgTriggers: PsiTrigger[] = [];
	readonly avgNrTriggers: number[] = new Array<number>(NR_STALL_STATES).fill(0);
	readonly rtpollTriggers: PsiTrigger[] = [];
	readonly rtpollNrTriggers: number[] = new Array<number>(NR_STALL_STATES).fill(0);
	rtpollStates = 0;
	/** rtpoll_min_period (ns); U32_MAX with no trigger. */
	rtpollMinPeriod = 0xffffffff;
	/** The batch that last touched the group, and the CPUs it touched. */
	stamp = 0;
	readonly touchedCpus: number[] = [];

	/** group_init() at `now`. */
	constructor(parent: PsiGroup | null, now: number) {
		this.parent = parent;
		this.avgLastUpdate = now;
		this.avgNextUpdate = now + PSI_PERIOD;
	}
}

/** A task's contribution to the cells of its groups (its psi_flags, with its CPU share). */
class TaskPsi {
	readonly task: Task;
	group: PsiGroup | null = null;
	cpu = 0;
	/** TSK_RUNNING, with the share of the CPU it gets. */
	running = false;
	rate = 0;
	/** TSK_MEMSTALL and TSK_MEMSTALL_RUNNING. */
	memstall = false;
	memstallRunning = false;
	/** TSK_IOWAIT. */
	iowait = false;
	/** The sched pass that last saw it running. */
	seen = 0;

	constructor(task: Task) {
		this.task = task;
	}

	get counted(): boolean {
		return this.running || this.memstall || this.iowait;
	}
}

function snapShare(x: number): number {
	if (x < RATE_SLACK) return 0;
	if (x > 1 - RATE_SLACK) return 1;
	return x;
}

/** The isspace()/skip_spaces() of vsscanf(). */
function skipSpaces(s: string, i: number): number {
	let j = i;
	while (j < s.length && isKernelSpace(s.charCodeAt(j))) j++;
	return j;
}

/**
 * sscanf(buf, "<word> %u %u"): the two numbers, or null when fewer than two
 * convert. A space in the format matches any run of white space, none
 * included; %u skips white space, needs a decimal digit, takes every digit
 * after it (wrapping past 64 bits) and keeps the low 32 bits.
 */
export function scanTrigger(buf: string, word: string): [number, number] | null {
	const end = buf.indexOf("\0");
	const s = end < 0 ? buf : buf.slice(0, end);
	let i = 0;
	for (const ch of word) {
		if (s[i] !== ch) return null;
		i++;
	}
	const values: number[] = [];
	for (let k = 0; k < 2; k++) {
		i = skipSpaces(s, i);
		if (i >= s.length) return null;
		const c = s.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return null;
		let v = 0;
		while (i < s.length) {
			const d = s.charCodeAt(i) - 0x30;
			if (d < 0 || d > 9) break;
			v = (v * 10 + d) % 2 ** 32;
			i++;
		}
		values.push(v);
	}
	return [values[0]!, values[1]!];
}

/**
 * psi_trigger_create()'s parsing and checks: "some|full <threshold us>
 * <window us>"; the window 1 us .. 10 s, and for a writer without
 * CAP_SYS_RESOURCE a multiple of 2 s; the threshold 1 us .. the window.
 * EINVAL otherwise.
 */
export function parseTrigger(
	buf: string,
	res: PsiRes,
	privileged: boolean,
): { state: number; thresholdUs: number; windowUs: number } {
	let state: number;
	let scanned = scanTrigger(buf, "some");
	if (scanned !== null) state = PSI_IO_SOME + res * 2;
	else {
		scanned = scanTrigger(buf, "full");
		if (scanned === null) throw new KernelError("EINVAL");
		state = PSI_IO_FULL + res * 2;
	}
	const [thresholdUs, windowUs] = scanned;
	if (state >= PSI_NONIDLE) throw new KernelError("EINVAL");
	if (windowUs === 0 || windowUs > WINDOW_MAX_US) throw new KernelError("EINVAL");
	if (!privileged && windowUs % UNPRIVILEGED_WINDOW_US !== 0) throw new KernelError("EINVAL");
	if (thresholdUs === 0 || thresholdUs > windowUs) throw new KernelError("EINVAL");
	return { state, thresholdUs, windowUs };
}

/** The scheduler's view the groups are built from: who runs where at what share. */
export interface PsiRunqueues {
	forEachRunning(fn: (task: Task, cpu: number, rate: number) => void): void;
}

/** kernel/sched/psi.c: the system's and every cgroup's pressure (kernel.psi). */
export class Psi {
	private readonly kernel: Kernel;
	private readonly nrCpus: number;
	/** psi_system: the default hierarchy's root cgroup, and /proc/pressure. */
	readonly system: PsiGroup;
	private readonly groups = new WeakMap<Cgroup, PsiGroup>();
	/** Tasks that count somewhere. */
	private readonly tasks = new Map<Task, TaskPsi>();
	/** in_memstall, as a nesting depth (psi_memstall_enter() inside a memstall section is a no-op). */
	private readonly memstall = new Map<Task, number>();
	/** in_iowait: sleeping on IO. */
	private readonly iowait = new Set<Task>();
	/** Batches of changes at one instant; groups and cells remember the last that touched them. */
	private batch = 0;
	private batchNow = 0;
	private readonly touched: PsiGroup[] = [];
	/** Passes over the scheduler's run queues. */
	private pass = 0;
	/** psi_bug: the first inconsistency is logged, once. */
	private bug = false;
	/** Groups with unprivileged triggers: their averaging work runs on time, for the pollers. */
	private readonly triggerGroups = new Set<PsiGroup>();

	constructor(kernel: Kernel) {
		this.kernel = kernel;
		this.nrCpus = kernel.machine.nrCpuIds;
		this.system = new PsiGroup(null, kernel.clock.now());
	}

	/** cgroup_psi(): the root's is psi_system. */
	groupOf(cgrp: Cgroup, now: number = this.kernel.clock.now()): PsiGroup {
		if (cgrp.parent === null) return this.system;
		let g = this.groups.get(cgrp);
		if (g === undefined) {
			g = new PsiGroup(this.groupOf(cgrp.parent, now), now);
			this.groups.set(cgrp, g);
		}
		return g;
	}

	/** psi_cgroup_alloc(): a new cgroup's group starts its averaging clock now. */
	cgroupAlloc(cgrp: Cgroup): void {
		this.groupOf(cgrp);
	}

	/**
	 * The clock moved to `now`. Averaging is computed lazily, when a group
	 * changes or is read, with the same result; only groups with triggers
	 * have their work run on time, so that pollers hear of events when the
	 * kernel's would.
	 */
	clockAdvanced(now: number): void {
		for (const g of this.triggerGroups) this.catchUp(g, now);
	}

	// ------------------------------------------------------------ task states

	/**
	 * The CPU model changed who runs where or at what share, at `now`: every
	 * runnable task is looked at again (psi_enqueue(), psi_dequeue(),
	 * psi_task_switch() for the fluid model).
	 */
	schedChanged(rq: PsiRunqueues, now: number): void {
		const pass = ++this.pass;
		this.beginBatch(now);
		rq.forEachRunning((task, cpu, rate) => {
			const rec = this.updateTask(task, true, cpu, rate, now);
			if (rec !== undefined) rec.seen = pass;
		});
		for (const rec of this.tasks.values()) {
			if (rec.seen === pass) continue;
			// No longer runnable; or gone without leaving its memstall or iowait.
			if (rec.running || rec.task.exitState !== 0)
				this.updateTask(rec.task, false, rec.task.se.cpu, 0, now);
		}
		this.endBatch();
	}

	/**
	 * psi_memstall_enter(): the task is stalled on memory (direct reclaim,
	 * memory.high throttling, a refault, waiting for a page being reclaimed)
	 * until the matching memstallLeave(). Sections nest; only the outermost
	 * counts. A runnable task counts as running-memstalled on its CPU.
	 */
	memstallEnter(task: Task): void {
		const depth = this.memstall.get(task) ?? 0;
		this.memstall.set(task, depth + 1);
		if (depth === 0) this.taskStateChanged(task);
	}

	/** psi_memstall_leave(). */
	memstallLeave(task: Task): void {
		const depth = this.memstall.get(task);
		if (depth === undefined) {
			this.psiBug(`psi: inconsistent task state! task=${task.pid}:${task.comm} memstall leave`);
			return;
		}
		if (depth > 1) {
			this.memstall.set(task, depth - 1);
			return;
		}
		this.memstall.delete(task);
		this.taskStateChanged(task);
	}

	/** Whether the task is in a memstall section (current->in_memstall). */
	inMemstall(task: Task): boolean {
		return this.memstall.has(task);
	}

	/**
	 * The task sleeps waiting for IO (io_schedule(): in_iowait) until
	 * iowaitLeave(); while it is not runnable it counts as TSK_IOWAIT.
	 */
	iowaitEnter(task: Task): void {
		if (this.iowait.has(task)) return;
		this.iowait.add(task);
		this.taskStateChanged(task);
	}

	iowaitLeave(task: Task): void {
		if (!this.iowait.delete(task)) return;
		this.taskStateChanged(task);
	}

	/**
	 * cgroup_move_task(): the task's css_set changed (call after the move);
	 * its states leave the old cgroup's groups and join the new one's.
	 */
	cgroupMoveTask(task: Task): void {
		if (!this.tasks.has(task)) return;
		this.taskStateChanged(task);
	}

	/** One task's memstall, iowait or cgroup changed; it keeps its CPU state. */
	private taskStateChanged(task: Task): void {
		const now = this.kernel.clock.now();
		const rec = this.tasks.get(task);
		this.beginBatch(now);
		if (rec?.running) this.updateTask(task, true, rec.cpu, rec.rate, now);
		else this.updateTask(task, false, task.se.cpu, 0, now);
		this.endBatch();
	}

	/**
	 * psi_task_change(): the task is (or is not) runnable on `cpu` with
	 * `rate`; its old flags leave its groups' cells, the new ones join.
	 * Returns its record while it counts anywhere.
	 */
	private updateTask(
		task: Task,
		running: boolean,
		cpu: number,
		rate: number,
		now: number,
	): TaskPsi | undefined {
		let group: PsiGroup | null = null;
		let memstall = false;
		let iowait = false;
		if (task.exitState !== 0 || task.cgroups === null) {
			// A task that is gone stalls on nothing.
			this.memstall.delete(task);
			this.iowait.delete(task);
			running = false;
		} else {
			group = this.groupOf(task.cgroups.dflCgrp, now);
			memstall = this.memstall.size > 0 && this.memstall.has(task);
			iowait = !running && this.iowait.size > 0 && this.iowait.has(task);
		}
		if (!running) rate = 0;
		const counted = group !== null && (running || memstall || iowait);
		let rec = this.tasks.get(task);
		if (rec === undefined) {
			if (!counted) return undefined;
			rec = new TaskPsi(task);
			this.tasks.set(task, rec);
		}
		const memstallRunning = memstall && running;
		if (
			rec.group === group &&
			rec.cpu === cpu &&
			rec.running === running &&
			rec.memstall === memstall &&
			rec.memstallRunning === memstallRunning &&
			rec.iowait === iowait
		) {
			// Only its share of the CPU moved (the common case).
			if (rec.rate !== rate) this.changeRate(rec, rate, now);
			return rec;
		}
		this.account(rec, -1, now);
		rec.group = group;
		rec.cpu = cpu;
		rec.running = running;
		rec.rate = rate;
		rec.memstall = memstall;
		rec.memstallRunning = memstallRunning;
		rec.iowait = iowait;
		this.account(rec, 1, now);
		if (counted) return rec;
		this.tasks.delete(task);
		return undefined;
	}

	/** A running task's share of its CPU changed: TSK_ONCPU time moves in its groups' cells. */
	private changeRate(rec: TaskPsi, rate: number, now: number): void {
		const d = rate - rec.rate;
		rec.rate = rate;
		const cpu = rec.cpu;
		for (let g: PsiGroup | null = rec.group; g !== null; g = g.parent) {
			const c = this.touch(g, cpu, now);
			c.onCpu[cpu]! += d;
			if (rec.memstallRunning) c.memstallOnCpu[cpu]! += d;
		}
	}

	/** Add (+1) or remove (-1) a task's flags in its group and every ancestor on its CPU. */
	private account(rec: TaskPsi, sign: 1 | -1, now: number): void {
		if (rec.group === null || !rec.counted) return;
		const cpu = rec.cpu;
		for (let g: PsiGroup | null = rec.group; g !== null; g = g.parent) {
			const c = this.touch(g, cpu, now);
			if (rec.running) {
				c.nrRunning[cpu]! += sign;
				c.onCpu[cpu]! += sign * rec.rate;
			}
			if (rec.memstall) c.nrMemstall[cpu]! += sign;
			if (rec.memstallRunning) {
				c.nrMemstallRunning[cpu]! += sign;
				c.memstallOnCpu[cpu]! += sign * rec.rate;
			}
			if (rec.iowait) c.nrIowait[cpu]! += sign;
			if (
				(c.nrRunning[cpu]! | c.nrMemstall[cpu]! | c.nrMemstallRunning[cpu]! | c.nrIowait[cpu]!) <
				0
			)
				this.psiBug(`psi: task underflow! cpu=${cpu}`);
		}
	}

	private psiBug(text: string): void {
		if (this.bug) return;
		this.bug = true;
		this.kernel.printk(text);
	}

	// ----------------------------------------------------------- the cells

	private beginBatch(now: number): void {
		this.batch++;
		this.batchNow = now;
	}

	/**
	 * Before a group's cell changes at `now`: its averaging work due by now
	 * runs first, then the cell's time so far is recorded (record_times()).
	 */
	private touch(g: PsiGroup, cpu: number, now: number): PsiGroupCpus {
		if (g.stamp !== this.batch) {
			g.stamp = this.batch;
			this.catchUp(g, now);
			this.touched.push(g);
		}
		let c = g.cpus;
		if (c === null) {
			c = new PsiGroupCpus(this.nrCpus, now);
			g.cpus = c;
		}
		if (c.stamp[cpu] !== this.batch) {
			c.stamp[cpu] = this.batch;
			recordTimes(c, cpu, now);
			g.touchedCpus.push(cpu);
		}
		return c;
	}

	/** psi_group_change()'s tail for every cell the batch touched: new states, wake the clock. */
	private endBatch(): void {
		const now = this.batchNow;
		for (const g of this.touched) {
			const c = g.cpus!;
			for (const cpu of g.touchedCpus) {
				if (c.nrRunning[cpu] === 0) c.onCpu[cpu] = 0;
				if (c.nrMemstallRunning[cpu] === 0) c.memstallOnCpu[cpu] = 0;
				testStates(c, cpu, g.enabled);
			}
			g.touchedCpus.length = 0;
			if (g.enabled && g.workAt === null) g.workAt = jiffyTimer(now, PSI_FREQ);
		}
		this.touched.length = 0;
	}

	// ------------------------------------------------------------ averaging

	/** Run the group's averaging work for every expiry up to `now`. */
	private catchUp(g: PsiGroup, now: number): void {
		while (g.workAt !== null && g.workAt <= now) this.avgsWork(g, g.workAt);
	}

	/** psi_avgs_work() at `now`. */
	private avgsWork(g: PsiGroup, now: number): void {
		g.workAt = null;
		const changed = collectPercpuTimes(g, now);
		if (now >= g.avgNextUpdate) {
			this.updateTriggers(g, now);
			g.avgNextUpdate = updateAverages(g, now);
		}
		if (changed & PSI_STATE_RESCHEDULE) {
			g.workAt = jiffyTimer(now, Math.floor((g.avgNextUpdate - now) / JIFFY_NS) + 1);
		}
	}

	/** update_triggers() for the PSI_AVGS aggregator. */
	private updateTriggers(g: PsiGroup, now: number): void {
		for (const t of g.avgTriggers) {
			const total = g.total[t.state]!;
			const newStall = g.avgTotal[t.state] !== total;
			if (!newStall && !t.pendingEvent) continue;
			if (newStall) {
				const growth = t.windowUpdate(now, total);
				if (!t.pendingEvent) {
					if (growth < t.threshold) continue;
					t.pendingEvent = true;
				}
			}
			if (now < t.lastEventTime + t.winSize) continue;
			if (!t.event) {
				t.event = true;
				t.notify?.();
			}
			t.lastEventTime = now;
			t.pendingEvent = false;
		}
	}

	/** psi_show(): the two lines of a pressure file, averages brought up to date first. */
	show(g: PsiGroup, res: PsiRes): string {
		const now = this.kernel.clock.now();
		this.catchUp(g, now);
		collectPercpuTimes(g, now);
		if (now >= g.avgNextUpdate) g.avgNextUpdate = updateAverages(g, now);
		let out = "";
		for (let full = 0; full < 2; full++) {
			let avg: readonly number[] = [0, 0, 0];
			let total = 0;
			// CPU full is undefined at the system level.
			if (!(g === this.system && res === PSI_CPU && full === 1)) {
				avg = g.avg[res * 2 + full]!;
				total = Math.floor(g.total[res * 2 + full]! / NSEC_PER_USEC);
			}
			out += `${full === 1 ? "full" : "some"} avg10=${formatAvg(avg[0]!)} avg60=${formatAvg(avg[1]!)} avg300=${formatAvg(avg[2]!)} total=${total}\n`;
		}
		return out;
	}

	/**
	 * cgroup_pressure_write()'s switch: a disabled group stops accruing
	 * (its CPUs' states are concluded now) and its files are hidden, which
	 * releases their open files and so their triggers; enabling restarts it
	 * from the task counts (psi_cgroup_restart()).
	 */
	setEnabled(g: PsiGroup, enable: boolean): void {
		if (g.enabled === enable) return;
		const now = this.kernel.clock.now();
		this.catchUp(g, now);
		g.enabled = enable;
		if (!enable) {
			// kernfs_drain_open_files(): the hidden files' open files are released.
			g.drains++;
			for (const t of [...g.avgTriggers, ...g.rtpollTriggers]) this.triggerDestroy(t);
		}
		const c = g.cpus;
		if (c === null) return;
		for (let cpu = 0; cpu < this.nrCpus; cpu++) {
			recordTimes(c, cpu, now);
			testStates(c, cpu, enable);
		}
		if (enable && g.workAt === null) g.workAt = jiffyTimer(now, PSI_FREQ);
	}

	// ------------------------------------------------------------- triggers

	/**
	 * psi_trigger_create(): a trigger parsed and checked by
	 * parseTrigger(), registered with the group's aggregator: PSI_POLL for
	 * a privileged writer, PSI_AVGS otherwise.
	 */
	triggerCreate(
		g: PsiGroup,
		buf: string,
		res: PsiRes,
		privileged: boolean,
		notify: (() => void) | null,
	): PsiTrigger {
		const { state, thresholdUs, windowUs } = parseTrigger(buf, res, privileged);
		const t = new PsiTrigger(
			g,
			state,
			thresholdUs,
			windowUs,
			privileged ? PSI_POLL : PSI_AVGS,
			notify,
		);
		t.windowReset(this.kernel.clock.now(), g.pollTotal[state]!, 0);
		if (privileged) {
			g.rtpollTriggers.push(t);
			g.rtpollMinPeriod = Math.min(g.rtpollMinPeriod, Math.floor(t.winSize / UPDATES_PER_WINDOW));
			g.rtpollNrTriggers[state]!++;
			g.rtpollStates |= 1 << state;
		} else {
			g.avgTriggers.push(t);
			g.avgNrTriggers[state]!++;
			this.triggerGroups.add(g);
		}
		return t;
	}

	/** psi_trigger_destroy(). */
	triggerDestroy(t: PsiTrigger): void {
		const g = t.group;
		t.notify?.();
		if (t.aggregator === PSI_AVGS) {
			const i = g.avgTriggers.indexOf(t);
			if (i < 0) return;
			g.avgTriggers.splice(i, 1);
			g.avgNrTriggers[t.state]!--;
			if (g.avgTriggers.length === 0) this.triggerGroups.delete(g);
			return;
		}
		const i = g.rtpollTriggers.indexOf(t);
		if (i < 0) return;
		g.rtpollTriggers.splice(i, 1);
		if (--g.rtpollNrTriggers[t.state]! === 0) g.rtpollStates &= ~(1 << t.state);
		if (g.rtpollMinPeriod === Math.floor(t.winSize / UPDATES_PER_WINDOW)) {
			let period = Number.MAX_SAFE_INTEGER;
			for (const o of g.rtpollTriggers)
				period = Math.min(period, Math.floor(o.winSize / UPDATES_PER_WINDOW));
			g.rtpollMinPeriod = period;
		}
	}
}

/** record_times(): the cell's states accrue the time since its last change. */
function recordTimes(c: PsiGroupCpus, cpu: number, now: number): void {
	const delta = now - c.stateStart[cpu]!;
	c.stateStart[cpu] = now;
	if (delta <= 0) return;
	const base = cpu * NR_PSI_STATES;
	for (let s = 0; s < NR_PSI_STATES; s++) {
		const f = c.state[base + s]!;
		if (f > 0) c.times[base + s]! += f * delta;
	}
}

/** test_states() in the fluid model (see the top of the file). */
function testStates(c: PsiGroupCpus, cpu: number, enabled: boolean): void {
	const base = cpu * NR_PSI_STATES;
	const st = c.state;
	if (!enabled) {
		st.fill(0, base, base + NR_PSI_STATES);
		return;
	}
	const io = c.nrIowait[cpu]!;
	const mem = c.nrMemstall[cpu]!;
	const run = c.nrRunning[cpu]!;
	const memRun = c.nrMemstallRunning[cpu]!;
	const on = snapShare(c.onCpu[cpu]!);
	const memOn = snapShare(c.memstallOnCpu[cpu]!);
	st[base + PSI_IO_SOME] = io > 0 ? 1 : 0;
	st[base + PSI_IO_FULL] = io > 0 && run === 0 ? 1 : 0;
	st[base + PSI_MEM_SOME] = mem > 0 ? 1 : 0;
	st[base + PSI_MEM_FULL] = mem === 0 ? 0 : run === memRun ? 1 : memOn;
	st[base + PSI_CPU_SOME] = run >= 2 ? 1 : run === 1 ? 1 - on : 0;
	st[base + PSI_CPU_FULL] = run >= 1 ? 1 - on : 0;
	st[base + PSI_NONIDLE] = io > 0 || mem > 0 || run > 0 ? 1 : 0;
}

/**
 * get_recent_times() on every CPU and collect_percpu_times() for the
 * PSI_AVGS aggregator: each CPU's new stall time, weighted by its non-idle
 * jiffies, folded into the totals. Returns the changed states.
 */
function collectPercpuTimes(g: PsiGroup, now: number): number {
	const c = g.cpus;
	if (c === null) return 0;
	const nrCpus = c.stateStart.length;
	const deltas = new Array<number>(NR_STALL_STATES).fill(0);
	const times = new Array<number>(NR_PSI_STATES).fill(0);
	let nonidleTotal = 0;
	let changed = 0;
	for (let cpu = 0; cpu < nrCpus; cpu++) {
		const base = cpu * NR_PSI_STATES;
		const live = now - c.stateStart[cpu]!;
		for (let s = 0; s < NR_PSI_STATES; s++) {
			const f = c.state[base + s]!;
			const exact = c.times[base + s]! + (f > 0 && live > 0 ? f * live : 0);
			const whole = Math.floor(exact);
			const delta = Math.max(0, whole - c.timesPrev[base + s]!);
			if (delta > 0) c.timesPrev[base + s] = whole;
			times[s] = delta;
			if (delta > 0) changed |= 1 << s;
		}
		const nonidle = Math.floor(times[PSI_NONIDLE]! / JIFFY_NS);
		nonidleTotal += nonidle;
		for (let s = 0; s < NR_STALL_STATES; s++) deltas[s]! += times[s]! * nonidle;
	}
	for (let s = 0; s < NR_STALL_STATES; s++) {
		g.total[s]! += Math.floor(deltas[s]! / Math.max(nonidleTotal, 1));
	}
	if (changed & (1 << PSI_NONIDLE)) changed |= PSI_STATE_RESCHEDULE;
	return changed;
}

/** calc_avgs(). */
function calcAvgs(avg: number[], missedPeriods: number, time: number, period: number): void {
	if (missedPeriods > 0) {
		for (let w = 0; w < 3; w++) avg[w] = calcLoadN(avg[w]!, PSI_EXPS[w]!, 0, missedPeriods);
	}
	const pct = Math.floor((time * 100) / period) * FIXED_1;
	for (let w = 0; w < 3; w++) avg[w] = calcLoad(avg[w]!, PSI_EXPS[w]!, pct);
}

/** update_averages(): returns the next avg_next_update. */
function updateAverages(g: PsiGroup, now: number): number {
	let missedPeriods = 0;
	const expires = g.avgNextUpdate;
	if (now - expires >= PSI_PERIOD) missedPeriods = Math.floor((now - expires) / PSI_PERIOD);
	const next = expires + (1 + missedPeriods) * PSI_PERIOD;
	const period = Math.max(1, Math.floor(now - (g.avgLastUpdate + missedPeriods * PSI_PERIOD)));
	g.avgLastUpdate = now;
	for (let s = 0; s < NR_STALL_STATES; s++) {
		let sample = g.total[s]! - g.avgTotal[s]!;
		if (sample > period) sample = period;
		g.avgTotal[s]! += sample;
		calcAvgs(g.avg[s]!, missedPeriods, sample, period);
	}
	return next;
}
