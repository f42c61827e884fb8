/**
 * The userland scheduler: runs the programs of emulated processes (as
 * generators) one stretch at a time, parks them on wait queues and timers,
 * and moves the emulated clock forward when every process is waiting for
 * time to pass. Deterministic: the run queue is FIFO, timers fire in
 * (deadline, arming order), and nothing depends on host timing except input
 * that really comes from the host (a terminal, a pipe from a host program).
 *
 * Emulated time only moves when nothing can run: a process that waits for
 * host input keeps the clock still (an interactive prompt does not make
 * `sleep 300 &` finish). A live host (the web page) gives the scheduler a
 * TimeSource instead: it is asked before every move of the clock how far
 * the clock may go (emulated time kept to the host's), and the clock also
 * moves while everything waits for the host, as a machine's clock runs on
 * while its user thinks. A CPU-bound stretch that ends in a preemption makes
 * the process busy in the kernel's CPU model until the model has given it
 * one scheduler slice of CPU time: the clock then moves a slice at a time,
 * so busy loops share the CPUs by their cgroups' weights and quotas.
 *
 * A frozen task (in a freezer cgroup, `task.frozen`) is not run: when it is
 * picked it is set aside until thawed, so a timer or wake-up that comes
 * while it is frozen takes effect only after the thaw. The task that freezes
 * itself (writing its own cgroup's freezer.state) finishes its stretch, its
 * return to user space, and stops there.
 */

import { exitStatus, signalStatus } from "../../kernel/exit.ts";
import type { Kernel } from "../../kernel/kernel.ts";
import {
	PF_EXITING,
	TASK_INTERRUPTIBLE,
	TASK_RUNNING,
	TASK_STOPPED,
	TASK_TRACED,
	TASK_UNINTERRUPTIBLE,
	type Task,
	taskFrozen,
} from "../../kernel/task.ts";
import type { WaitQueue, WakeFn } from "../../kernel/wait.ts";
import type { Run, WaitYield, Yield } from "./types.ts";

/** Emulated CPU time a preempted stretch is charged (one tick at HZ=1000). */
export const SLICE_NS = 1_000_000;
/** SIGSEGV: what a program that crashes with a JavaScript exception dies of. */
const SIGSEGV = 11;

/** A process as the scheduler sees it. */
export class Proc {
	readonly task: Task;
	run: Run<number>;
	/** In the run queue. */
	queued = false;
	/** Waiting: the queue and wake function registered, and the timer. */
	waitQueue: WaitQueue | null = null;
	waker: WakeFn | null = null;
	timer: Timer | null = null;
	interruptible = false;
	/** Dropped: exited, killed, or crashed. */
	gone = false;
	/** Busy in the CPU model since its last preemption (until it next sleeps). */
	cpuBound = false;
	/** The CPU time (se.exact) at which its current slice is done. */
	cpuTarget = 0;

	constructor(task: Task, run: Run<number>) {
		this.task = task;
		this.run = run;
	}

	get waiting(): boolean {
		return this.waker !== null || this.timer !== null;
	}
}

interface Timer {
	readonly at: number;
	readonly seq: number;
	readonly proc: Proc;
	cancelled: boolean;
}

/** A binary min-heap of timers by (at, seq). */
class TimerHeap {
	private readonly heap: Timer[] = [];

	get size(): number {
		return this.heap.length;
	}

	peek(): Timer | undefined {
		return this.heap[0];
	}

	push(t: Timer): void {
		const h = this.heap;
		h.push(t);
		let i = h.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!before(h[i]!, h[p]!)) break;
			[h[i], h[p]] = [h[p]!, h[i]!];
			i = p;
		}
	}

	pop(): Timer | undefined {
		const h = this.heap;
		const top = h[0];
		const last = h.pop();
		if (h.length > 0 && last !== undefined) {
			h[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < h.length && before(h[l]!, h[m]!)) m = l;
				if (r < h.length && before(h[r]!, h[m]!)) m = r;
				if (m === i) break;
				[h[i], h[m]] = [h[m]!, h[i]!];
				i = m;
			}
		}
		return top;
	}
}

function before(a: Timer, b: Timer): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * How a live host paces emulated time. advance(now, to) is asked before the
 * clock moves from `now` towards `to` and answers how far it may move now
 * (at most `to`; at most `now` holds the clock until wait() resolves).
 * With `idleTimePasses`, time also passes while every process waits for
 * the host or for nothing; advance(now, Infinity) then says how far.
 */
export interface TimeSource {
	advance(now: number, to: number): number;
	wait(): Promise<void>;
	readonly idleTimePasses: boolean;
}

export interface SchedulerHooks {
	/** Called after every stretch a process runs (hosts drain their output pipes here). */
	afterStep?: () => void;
	/** A program threw a JavaScript exception: by default it is rethrown to the host. */
	onCrash?: (task: Task, error: unknown) => void;
}

export class Scheduler {
	readonly kernel: Kernel;
	private readonly procs = new Map<Task, Proc>();
	private runQueue: Proc[] = [];
	/** Preempted processes waiting for the CPU model to give them their slice. */
	private readonly cpuWaiters = new Set<Proc>();
	/** Runnable processes set aside because their task is frozen; requeued when thawed. */
	private readonly frozen = new Set<Proc>();
	private runHead = 0;
	private readonly timers = new TimerHeap();
	private timerSeq = 0;
	/** Queues a host feeds (terminal or host pipe input): waiting on them means waiting for the host. */
	private readonly hostQueues = new Set<WaitQueue>();
	private hostEvent: (() => void) | null = null;
	private hostEventPending = false;
	/** The process running now. */
	current: Proc | null = null;
	hooks: SchedulerHooks;
	/** A live host's pacing of the clock (null: time moves only when nothing can run, at once). */
	timeSource: TimeSource | null = null;

	constructor(kernel: Kernel, hooks: SchedulerHooks = {}) {
		this.kernel = kernel;
		this.hooks = hooks;
		kernel.signalWakeUp = (task) => this.signalWakeUp(task);
	}

	/** Start running `run` as the program of `task` (a new process, or a usermode helper). */
	spawn(task: Task, run: Run<number>): Proc {
		const p = new Proc(task, run);
		this.procs.set(task, p);
		this.enqueue(p);
		return p;
	}

	procOf(task: Task): Proc | undefined {
		return this.procs.get(task);
	}

	/** How many processes the scheduler runs (live, not yet exited). */
	get size(): number {
		return this.procs.size;
	}

	/** Mark a wait queue as fed by the host. */
	addHostQueue(q: WaitQueue): void {
		this.hostQueues.add(q);
	}

	removeHostQueue(q: WaitQueue): void {
		this.hostQueues.delete(q);
	}

	/** The host has new input (or closed a source): resume run() if it is waiting for the host. */
	notifyHost(): void {
		this.hostEventPending = true;
		const fn = this.hostEvent;
		this.hostEvent = null;
		fn?.();
	}

	private enqueue(p: Proc): void {
		if (p.queued || p.gone) return;
		this.cpuWaiters.delete(p);
		p.queued = true;
		this.runQueue.push(p);
	}

	/** The process no longer keeps a CPU busy (it sleeps or is gone). */
	private notCpuBound(p: Proc): void {
		this.cpuWaiters.delete(p);
		if (!p.cpuBound) return;
		p.cpuBound = false;
		this.kernel.sched.setBusy(p.task, false);
	}

	private cancelWait(p: Proc): void {
		if (p.waker !== null) {
			p.waitQueue?.remove(p.waker);
			p.waitQueue = null;
			p.waker = null;
		}
		if (p.timer !== null) {
			p.timer.cancelled = true;
			p.timer = null;
		}
	}

	private wake(p: Proc): void {
		this.cancelWait(p);
		if (!(p.task.state & (TASK_STOPPED | TASK_TRACED)) && !(p.task.flags & PF_EXITING)) {
			p.task.state = TASK_RUNNING;
		}
		this.enqueue(p);
	}

	/** signal_wake_up(): a signal was queued, or the task stopped, continued or died. */
	private signalWakeUp(task: Task): void {
		const p = this.procs.get(task);
		if (p === undefined) return;
		if (task.flags & PF_EXITING) {
			this.drop(p);
			return;
		}
		// __thaw_task(): a runnable process set aside while frozen runs again.
		if (!taskFrozen(task) && this.frozen.delete(p)) {
			this.enqueue(p);
			return;
		}
		if (task.state & (TASK_STOPPED | TASK_TRACED)) return;
		// The running process notices its own signals when it next sleeps.
		if (p === this.current) return;
		if (p.waiting) {
			if (p.interruptible && this.kernel.signalPending(task)) this.wake(p);
			else task.state = p.interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
			return;
		}
		this.enqueue(p);
	}

	private drop(p: Proc): void {
		if (p.gone) return;
		p.gone = true;
		this.frozen.delete(p);
		this.notCpuBound(p);
		this.cancelWait(p);
		this.procs.delete(p.task);
	}

	private park(p: Proc, y: WaitYield): void {
		const task = p.task;
		this.notCpuBound(p);
		p.interruptible = y.interruptible;
		if (y.interruptible && this.kernel.signalPending(task)) {
			this.enqueue(p);
			return;
		}
		task.state = y.interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
		if (y.queue !== null) {
			const waker = (): void => this.wake(p);
			p.waitQueue = y.queue;
			p.waker = waker;
			y.queue.add(waker);
		}
		if (y.untilNs >= 0) {
			if (y.untilNs <= this.kernel.clock.now()) {
				this.wake(p);
				return;
			}
			const t: Timer = { at: y.untilNs, seq: this.timerSeq++, proc: p, cancelled: false };
			p.timer = t;
			this.timers.push(t);
		}
	}

	/** Run one stretch of `p`. */
	private step(p: Proc): void {
		const task = p.task;
		this.current = p;
		task.state = TASK_RUNNING;
		let r: IteratorResult<Yield, number>;
		try {
			r = p.run.next();
		} catch (e) {
			this.current = null;
			this.crash(p, e);
			return;
		}
		this.current = null;
		if (p.gone) return;
		if (r.done === true) {
			this.exitProcess(p, exitStatus(r.value));
			return;
		}
		const y = r.value;
		switch (y.kind) {
			case "wait":
				this.park(p, y);
				break;
			case "exec":
				p.run = y.run;
				this.enqueue(p);
				break;
			case "gone":
				this.drop(p);
				break;
			case "preempt": {
				const sched = this.kernel.sched;
				if (!p.cpuBound) {
					p.cpuBound = true;
					sched.setBusy(p.task, true);
				}
				sched.sync();
				p.cpuTarget = p.task.se.exact + SLICE_NS;
				this.cpuWaiters.add(p);
				break;
			}
		}
	}

	private exitProcess(p: Proc, status: number): void {
		this.drop(p);
		if (!(p.task.flags & PF_EXITING)) this.kernel.exitGroup(p.task, status);
	}

	private crash(p: Proc, e: unknown): void {
		const onCrash = this.hooks.onCrash;
		if (onCrash === undefined) {
			this.drop(p);
			throw e;
		}
		onCrash(p.task, e);
		this.kernel.printk(`${p.task.comm}[${p.task.pid}]: segfault (${String(e)})`);
		this.exitProcess(p, signalStatus(SIGSEGV));
	}

	/** Run until no process can run without time passing or the host. */
	private runReady(budget: number): number {
		let steps = 0;
		while (this.runHead < this.runQueue.length && steps < budget) {
			const p = this.runQueue[this.runHead++]!;
			if (this.runHead > 1024 && this.runHead * 2 > this.runQueue.length) {
				this.runQueue = this.runQueue.slice(this.runHead);
				this.runHead = 0;
			}
			p.queued = false;
			if (p.gone) continue;
			if (p.task.flags & PF_EXITING) {
				this.drop(p);
				continue;
			}
			if (p.task.state === TASK_STOPPED) continue;
			if (taskFrozen(p.task)) {
				this.frozen.add(p);
				continue;
			}
			this.step(p);
			steps++;
			this.hooks.afterStep?.();
		}
		return steps;
	}

	private get hasRunnable(): boolean {
		return this.runHead < this.runQueue.length;
	}

	/** Some process waits for the host. */
	private waitingForHost(): boolean {
		for (const p of this.procs.values()) {
			if (p.waitQueue !== null && this.hostQueues.has(p.waitQueue)) return true;
		}
		return false;
	}

	/**
	 * How far the clock may move towards `to` now (the time source's answer,
	 * `to` without one); the clock stays put when that is not ahead of now.
	 */
	private allowedTo(to: number): number {
		const ts = this.timeSource;
		if (ts === null) return to;
		return Math.min(to, ts.advance(this.kernel.clock.now(), to));
	}

	/**
	 * Fire the earliest timers, moving the clock to their deadline: "fired",
	 * "none" (no timer armed) or "paced" (the time source holds the clock
	 * before the deadline; it moved as far as allowed).
	 */
	private advanceToNextTimer(): "fired" | "none" | "paced" {
		const t = this.nextTimer();
		if (t === undefined) return "none";
		const now = this.kernel.clock.now();
		if (t.at > now) {
			const to = this.allowedTo(t.at);
			if (to > now) this.kernel.clock.advance(to - now);
			if (to < t.at) return "paced";
		}
		this.fireDueTimers();
		return "fired";
	}

	/** Let the clock run on with nothing to do, as far as the time source allows. */
	private idle(): void {
		const now = this.kernel.clock.now();
		const to = this.allowedTo(Number.POSITIVE_INFINITY);
		if (to > now && Number.isFinite(to)) this.kernel.clock.advance(to - now);
	}

	private fireDueTimers(): void {
		const now = this.kernel.clock.now();
		for (let t = this.timers.peek(); t !== undefined && t.at <= now; t = this.timers.peek()) {
			this.timers.pop();
			if (t.cancelled) continue;
			t.proc.timer = null;
			this.wake(t.proc);
		}
	}

	/**
	 * Run synchronously until `done()` holds or nothing can run without the
	 * host. Returns "done", "host" (waiting for host input), "idle" (every
	 * process waits for something nothing will do: a deadlock, or none
	 * left), "budget", or "paced" (the time source holds the clock).
	 */
	runSync(
		done: () => boolean,
		budget = Number.POSITIVE_INFINITY,
	): "done" | "host" | "idle" | "budget" | "paced" {
		let left = budget;
		const live = this.timeSource?.idleTimePasses === true;
		for (;;) {
			if (done()) return "done";
			if (this.hasRunnable) {
				left -= this.runReady(Math.min(left, 4096));
				this.fireDueTimers();
				if (left <= 0 && this.hasRunnable) return "budget";
				continue;
			}
			if (done()) return "done";
			if (this.cpuCanProgress()) {
				if (!this.advanceCpu()) return "paced";
				if (--left <= 0 && !this.hasRunnable) return "budget";
				continue;
			}
			const host = this.waitingForHost();
			if (host && !live) return "host";
			const moved = this.advanceToNextTimer();
			if (moved === "paced") return "paced";
			if (moved === "none") {
				if (!live) return "idle";
				this.idle();
				return host ? "host" : "idle";
			}
		}
	}

	/** Some preempted process can get CPU time (it is not frozen, stopped or dying). */
	private cpuCanProgress(): boolean {
		for (const p of this.cpuWaiters) {
			const t = p.task;
			if (!taskFrozen(t) && t.state !== TASK_STOPPED && !(t.flags & PF_EXITING)) return true;
		}
		return false;
	}

	/**
	 * Move the clock one slice (or to the next timer, if sooner) and requeue
	 * the preempted processes the CPU model has given their slice; false
	 * when the time source does not allow that whole step yet (the clock
	 * stays: moving it by the sliver allowed would chase the wall clock in
	 * tiny steps and keep the host's CPU busy).
	 */
	private advanceCpu(): boolean {
		const now = this.kernel.clock.now();
		let to = now + SLICE_NS;
		const t = this.nextTimer();
		if (t !== undefined && t.at > now && t.at < to) to = t.at;
		if (this.allowedTo(to) < to) return false;
		this.kernel.clock.advance(to - now);
		this.fireDueTimers();
		this.kernel.sched.sync();
		for (const p of [...this.cpuWaiters]) {
			if (p.task.se.exact >= p.cpuTarget - 1e-6) this.enqueue(p);
		}
		return true;
	}

	private nextTimer(): Timer | undefined {
		let t = this.timers.peek();
		while (t?.cancelled) {
			this.timers.pop();
			t = this.timers.peek();
		}
		return t;
	}

	/**
	 * Run until `done()` holds, waiting for the host when needed and giving
	 * the host's event loop a turn every `budget` stretches.
	 */
	async run(
		done: () => boolean,
		yieldToHost: () => Promise<void>,
		budget = 2048,
		onWaitHost?: () => void,
	): Promise<"done" | "idle"> {
		for (;;) {
			const r = this.runSync(done, budget);
			if (r === "done") return r;
			if (r === "idle" && this.timeSource?.idleTimePasses !== true) return r;
			if (r === "idle" && this.procs.size === 0) return r;
			if (r === "budget") {
				await yieldToHost();
				continue;
			}
			if (this.hostEventPending) {
				this.hostEventPending = false;
				continue;
			}
			if (r === "host") onWaitHost?.();
			// Host input, or (with a time source) the time to move on, whichever comes first.
			await new Promise<void>((resolve) => {
				this.hostEvent = resolve;
				if (r !== "host" || this.timeSource?.idleTimePasses === true) {
					void this.timeSource?.wait().then(resolve);
				}
			});
			this.hostEvent = null;
			this.hostEventPending = false;
		}
	}
}
