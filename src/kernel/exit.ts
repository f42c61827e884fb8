/**
 * Task exit, reparenting and reaping (kernel/exit.c): do_exit(),
 * exit_notify(), forget_original_parent(), kill_orphaned_pgrp(),
 * release_task() and wait4() (do_wait()).
 */
import { procExitConnector } from "./cn-proc.ts";
import type { ErrnoName } from "./errno.ts";
import { exitTaskNamespaces } from "./fork.ts";
import type { Kernel } from "./kernel.ts";
import { detachPgrp, detachPid, type Pid, pgrpTask } from "./pid.ts";
import {
	exitPtrace,
	ptraceFatalWake,
	ptraceRelease,
	ptraceReparented,
	ptraceUnlink,
	ptraceWaitStopped,
} from "./ptrace.ts";
import {
	groupExitNow,
	killOrphanedPgrp,
	PIDTYPE_TGID,
	retargetSharedPending,
	SA_NOCLDWAIT,
	SIG_IGN,
	SIGCHLD,
	SIGKILL,
	SIGNAL_STOP_CONTINUED,
	SIGNAL_STOP_STOPPED,
	sendSignalLocked,
	validSignal,
} from "./signal.ts";
import { EXIT_DEAD, EXIT_ZOMBIE, PF_EXITING, TASK_DEAD, type Task } from "./task.ts";
import { WouldBlock } from "./wait.ts";

/** The wait status of a normal exit with `code` (W_EXITCODE). */
export function exitStatus(code: number): number {
	return (code & 0xff) << 8;
}

/** The wait status of a death by signal. */
export function signalStatus(sig: number): number {
	return sig & 0x7f;
}

/**
 * The kernel would panic ("Attempted to kill init!"): the init of the initial
 * pid namespace exiting. Raised before any state changes, so the emulated
 * host stays usable; it is a bug in the caller, not an errno.
 */
export class KernelPanic extends Error {
	constructor(message: string) {
		super(`Kernel panic - not syncing: ${message}`);
		this.name = "KernelPanic";
	}
}

function checkNotInit(k: Kernel, task: Task, lastThread: boolean): void {
	if (lastThread && task.signal === k.init.signal) {
		throw new KernelPanic(
			`Attempted to kill init! exitcode=0x${task.exitCode.toString(16).padStart(8, "0")}`,
		);
	}
}

/**
 * do_exit(): the task stops being a member of its cgroups at once, becomes
 * a zombie, and is reaped by its parent (or at once when nobody will wait).
 * `status` is the wait status (see exitStatus, signalStatus).
 */
export function doExit(k: Kernel, task: Task, status: number): void {
	if (task.flags & PF_EXITING) throw new Error(`task ${task.pid} is already exiting`);
	const signal = task.signal;
	checkNotInit(k, task, signal.live === 1);
	k.exitDepth++;
	try {
		// exit_signals(): no longer a target of process-wide signals.
		task.flags |= PF_EXITING;
		k.sched.taskChanged(task);
		const groupDead = --signal.live === 0;
		task.pending &= ~SIGKILL_MASK;
		if (!groupDead && !signal.groupExit && signal.sharedPending !== 0) {
			retargetSharedPending(k, task, ~task.blocked);
		}
		// A traced task stays traced: its tracer collects the exit (exit_notify()).
		if (task.ptrace !== 0) ptraceFatalWake(k, task);
		task.exitCode = status;
		// trace_sched_process_exit()
		if (k.trace.active) k.trace.emit({ kind: "exit", task, code: status });
		task.files?.release();
		task.files = null;
		task.fs?.release();
		task.fs = null;
		exitTaskNamespaces(task);
		// exit_mm()
		const mm = task.mm;
		if (mm !== null) {
			task.mm = null;
			// mm_update_next_owner(): another thread using the mm takes it over.
			if (mm.owner === task) {
				for (const t of task.signal.threads) {
					if (t !== task && t.mm === mm) {
						mm.owner = t;
						break;
					}
				}
			}
			k.mm.mmput(mm);
		}
		k.cgroup.exit(task);
		const parent = task.realParent;
		exitNotify(k, task, groupDead);
		procExitConnector(k, task, pidAliveAfterNotify(task, parent));
		task.state = TASK_DEAD;
	} finally {
		leaveExit(k);
	}
}

/**
 * pid_alive() after exit_notify(): the kernel releases there a thread and
 * a child whose parent ignores SIGCHLD; init's reaping at exit stands in
 * for the wait() a real init makes later, so its children keep their pid
 * for the exit event as they do on Linux.
 */
function pidAliveAfterNotify(task: Task, parent: Task | null): boolean {
	if (!task.released) return true;
	if (parent === null || !task.isGroupLeader() || task.ptrace !== 0) return false;
	return parent.groupLeader.reapsChildren && !ignoringChildren(parent);
}

/** sigmask(SIGKILL), spelled out: signal.ts and this module import each other. */
const SIGKILL_MASK = 1 << 8;

/**
 * The end of an exit path: processes a signal doomed meanwhile (their group
 * exit was deferred, see zapGroup) exit now, once the outermost exit is done.
 */
function leaveExit(k: Kernel): void {
	if (--k.exitDepth > 0) return;
	const doomed = k.deferredKills;
	for (let p = doomed.shift(); p !== undefined; p = doomed.shift()) {
		if (p.signal.live > 0) groupExitNow(k, p);
	}
}

/** do_group_exit(): every thread of the process exits with `status`. */
export function doGroupExit(k: Kernel, task: Task, status: number): void {
	const signal = task.signal;
	checkNotInit(k, task, true);
	if (!signal.groupExit) {
		signal.groupExit = true;
		signal.groupExitCode = status;
		// signal->flags = SIGNAL_GROUP_EXIT: a stop or continue is no longer reported.
		signal.flags = 0;
	}
	for (const t of [...signal.threads]) {
		if (t !== task && !(t.flags & PF_EXITING)) doExit(k, t, signal.groupExitCode);
	}
	if (!(task.flags & PF_EXITING)) doExit(k, task, signal.groupExitCode);
}

/**
 * do_notify_parent(): tell the parent (the tracer, while traced) a child is
 * gone: its exit signal (none when SIGCHLD is SIG_IGN) and a wake-up of its
 * wait4(). Returns true when the child is reaped at once because the parent
 * ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT; never for a traced child) or
 * reaps everything itself.
 */
function doNotifyParent(k: Kernel, task: Task, sig: number): boolean {
	const parent = task.tracer ?? task.realParent;
	if (parent === null) return true;
	k.notifyChildExit(parent, task);
	let autoreap = false;
	if (sig === SIGCHLD && task.ptrace === 0 && ignoringChildren(parent)) {
		autoreap = true;
		if (parent.sighand.action(SIGCHLD).handler === SIG_IGN) sig = 0;
	}
	if (sig > 0 && validSignal(sig)) sendSignalLocked(k, sig, parent, PIDTYPE_TGID, false);
	parent.signal.wakeChldExit();
	return autoreap || parent.groupLeader.reapsChildren;
}

/** ignoring_children(): SIGCHLD is SIG_IGN or has SA_NOCLDWAIT. */
function ignoringChildren(t: Task): boolean {
	const act = t.sighand.action(SIGCHLD);
	return act.handler === SIG_IGN || (act.flags & SA_NOCLDWAIT) !== 0;
}

function findAliveThread(task: Task): Task | null {
	for (const t of task.signal.threads) if (!(t.flags & PF_EXITING)) return t;
	return null;
}

/**
 * find_child_reaper(): the pid namespace's init. When that init itself dies,
 * another of its threads takes over, or every other task of the namespace is
 * killed and reaped (zap_pid_ns_processes).
 */
function findChildReaper(k: Kernel, father: Task): Task | null {
	const ns = father.pidNs;
	const reaper = ns.childReaper;
	if (reaper !== father.groupLeader) return reaper;
	const alive = findAliveThread(father);
	if (alive !== null) {
		ns.childReaper = alive;
		return alive;
	}
	ns.allocationEnabled = false;
	zapPidNsProcesses(k, father);
	return father;
}

function zapPidNsProcesses(k: Kernel, init: Task): void {
	const ns = init.pidNs;
	for (const [nr, pid] of [...ns.idr.entries()]) {
		const t = pid.task;
		if (nr === 1 || t === null || t.flags & PF_EXITING) continue;
		// SIGKILL, taking effect now: the namespace's init waits for them all.
		const signal = t.signal;
		signal.groupExit = true;
		signal.groupExitCode = signalStatus(SIGKILL);
		signal.flags = 0;
		signal.sharedPending |= SIGKILL_MASK;
		groupExitNow(k, t);
	}
	// The dying init reaps what it inherited.
	for (const child of init.children) {
		if (child.exitState === EXIT_ZOMBIE && child.threadGroupEmpty()) {
			child.exitState = EXIT_DEAD;
			releaseTask(k, child);
		}
	}
}

/** find_new_reaper(): a live thread of the same process, a subreaper, or init. */
function findNewReaper(father: Task, childReaper: Task | null): Task | null {
	const thread = findAliveThread(father);
	if (thread !== null) return thread;
	if (father.signal.hasChildSubreaper) {
		const level = father.threadPid.level;
		for (
			let r = father.groupLeader.realParent;
			r !== null && r.threadPid.level === level;
			r = r.groupLeader.realParent
		) {
			if (!r.signal.isChildSubreaper) continue;
			const t = findAliveThread(r);
			if (t !== null) return t;
		}
	}
	return childReaper;
}

/** forget_original_parent(): hand the children to the new reaper. */
function forgetOriginalParent(k: Kernel, father: Task, dead: Task[]): void {
	// exit_ptrace(): the tracees go free; __ptrace_detach() hands a zombie
	// back to its real parent, or releases it (a thread, or a process whose
	// real parent is the tracer's own process and ignores SIGCHLD).
	if (father.ptraced !== null) {
		for (const p of exitPtrace(k, father)) {
			let release = !p.isGroupLeader();
			if (!release && p.threadGroupEmpty()) {
				if (p.realParent?.signal !== father.signal) release = doNotifyParent(k, p, p.exitSignal);
				else if (ignoringChildren(father)) {
					father.signal.wakeChldExit();
					release = true;
				}
			}
			if (release) {
				p.exitState = EXIT_DEAD;
				dead.push(p);
			}
		}
	}
	const childReaper = findChildReaper(k, father);
	if (!father.hasChildren) return;
	const children = father.children;
	const reaper = findNewReaper(father, childReaper);
	if (reaper === null || reaper === father) return;
	for (const p of children) {
		for (const t of p.signal.threads) t.realParent = reaper;
		if (reaper.signal !== father.signal) {
			// reparent_leader()
			if (p.exitState === EXIT_DEAD) continue;
			p.exitSignal = SIGCHLD;
			if (p.exitState === EXIT_ZOMBIE && p.threadGroupEmpty() && doNotifyParent(k, p, SIGCHLD)) {
				p.exitState = EXIT_DEAD;
				dead.push(p);
			}
			killOrphanedPgrp(k, p, father);
		}
	}
	children.spliceTo(reaper.children);
}

/** Shared by exits with no children to hand over (nothing is ever added). */
const NO_DEAD: Task[] = [];

/** exit_notify(). */
function exitNotify(k: Kernel, task: Task, groupDead: boolean): void {
	const dead: Task[] = task.hasChildren || (task.ptraced?.size ?? 0) > 0 ? [] : NO_DEAD;
	forgetOriginalParent(k, task, dead);
	if (groupDead) killOrphanedPgrp(k, task.groupLeader, null);
	task.exitState = EXIT_ZOMBIE;
	let autoreap: boolean;
	if (task.ptrace !== 0) {
		// A traced task, thread or process, is a zombie for its tracer to collect.
		const sig =
			task.isGroupLeader() && task.threadGroupEmpty() && !ptraceReparented(task)
				? task.exitSignal
				: SIGCHLD;
		autoreap = doNotifyParent(k, task, sig);
		// A tracer that reaps everything itself (init here) collects the exit
		// at once: wait_task_zombie()'s hand-back to a real parent elsewhere.
		if (autoreap && task.isGroupLeader() && ptraceReparented(task)) {
			ptraceUnlink(k, task);
			autoreap = doNotifyParent(k, task, task.exitSignal);
		}
	} else if (task.isGroupLeader()) {
		autoreap = task.threadGroupEmpty() && doNotifyParent(k, task, task.exitSignal);
	} else {
		autoreap = true;
	}
	// The task goes first, then the zombies it handed over (list_add at the head of `dead`).
	if (autoreap) {
		task.exitState = EXIT_DEAD;
		releaseTask(k, task);
	}
	for (const p of dead) releaseTask(k, p);
}

/**
 * release_task(): the task's pid numbers go, it leaves its thread group and
 * its cgroups let go of it. Releasing the last thread of a process whose
 * leader is a zombie notifies the leader's parent (and may reap the leader).
 */
export function releaseTask(k: Kernel, task: Task): void {
	k.exitDepth++;
	try {
		let p: Task | null = task;
		while (p !== null) {
			const t: Task = p;
			const leader = t.groupLeader;
			const signal = t.signal;
			// __exit_signal(): the thread's CPU time stays with the process.
			k.sched.sync();
			signal.utime += t.se.utime;
			signal.stime += t.se.stime;
			signal.sumSchedRuntime += t.se.sumExecRuntime;
			signal.minFlt += t.minFlt;
			signal.majFlt += t.majFlt;
			signal.removeThread(t);
			signal.nrThreads--;
			// __exit_signal(): the thread's queue goes, and the process's with its last thread.
			t.pending = 0;
			if (signal.nrThreads === 0) signal.sharedPending = 0;
			// __unhash_process()
			t.threadPid.task = null;
			detachPid(t.threadPid);
			if (t === leader) {
				detachPid(t.threadPid); // PIDTYPE_TGID
				detachPgrp(t, signal.pgrp);
				detachPid(signal.session);
				k.processes.delete(t);
				t.realParent?.children.delete(t);
			}
			k.cgroup.release(t);
			ptraceRelease(k, t);
			t.released = true;
			p = null;
			if (leader !== t && leader.threadGroupEmpty() && leader.exitState === EXIT_ZOMBIE) {
				if (doNotifyParent(k, leader, leader.exitSignal)) {
					leader.exitState = EXIT_DEAD;
					p = leader;
				}
			}
		}
	} finally {
		leaveExit(k);
	}
}

// wait4() options.
export const WNOHANG = 0x00000001;
export const WUNTRACED = 0x00000002;
export const WCONTINUED = 0x00000008;
export const __WNOTHREAD = 0x20000000;
export const __WALL = 0x40000000;
export const __WCLONE = 0x80000000;
const WAIT4_OPTIONS = WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE;

/** What wait4() reports: the child's pid (as the waiter sees it) and its wait status. */
export interface WaitResult {
	readonly pid: number;
	readonly status: number;
}

/** Which children a wait is for (struct wait_opts). */
interface WaitOpts {
	/** PIDTYPE_PID (one child), PIDTYPE_PGID (a process group) or null (any child). */
	readonly type: "pid" | "pgid" | null;
	readonly pid: Pid | null;
	readonly flags: number;
	/** notask_error: still ECHILD, or cleared by a child that may yet report. */
	notask: boolean;
}

/** eligible_pid() and eligible_child(). */
function eligibleChild(wo: WaitOpts, ptrace: boolean, p: Task): boolean {
	if (wo.type === "pid" && p.threadPid !== wo.pid) return false;
	if (wo.type === "pgid" && p.signal.pgrp !== wo.pid) return false;
	// A tracer waits for its tracees whatever their exit signal.
	if (ptrace || wo.flags & __WALL) return true;
	// A "clone" child reports with a signal other than SIGCHLD: only __WCLONE waits for it.
	return (p.exitSignal !== SIGCHLD) === ((wo.flags & __WCLONE) !== 0);
}

/**
 * wait_task_zombie(): reap it. A tracer collecting the exit of a process
 * whose real parent is elsewhere does not reap it (EXIT_TRACE): the zombie
 * goes back to that parent, which hears of it now.
 */
function waitTaskZombie(k: Kernel, waiter: Task, p: Task): WaitResult {
	const pid = p.pidIn(waiter.pidNs);
	const status = p.signal.groupExit ? p.signal.groupExitCode : p.exitCode;
	if (p.isGroupLeader() && ptraceReparented(p)) {
		ptraceUnlink(k, p);
		if (doNotifyParent(k, p, p.exitSignal)) {
			p.exitState = EXIT_DEAD;
			releaseTask(k, p);
		}
		return { pid, status };
	}
	p.exitState = EXIT_DEAD;
	if (!p.isGroupLeader()) {
		releaseTask(k, p);
		return { pid, status };
	}
	// The reaper inherits the child's CPU time and its children's (wait_task_zombie()).
	k.sched.sync();
	const time = p.groupCputime();
	const ws = waiter.signal;
	ws.cutime += time.utime + p.signal.cutime;
	ws.cstime += time.stime + p.signal.cstime;
	const faults = p.groupFaults();
	ws.cminFlt += faults.min + p.signal.cminFlt;
	ws.cmajFlt += faults.maj + p.signal.cmajFlt;
	releaseTask(k, p);
	return { pid, status };
}

/**
 * wait_task_stopped(): a group stop not reported yet, reported once; for a
 * tracer (`ptrace`), the trace stop, reported without WUNTRACED.
 */
function waitTaskStopped(wo: WaitOpts, waiter: Task, p: Task, ptrace: boolean): WaitResult | null {
	if (ptrace) {
		const code = ptraceWaitStopped(p);
		return code === 0 ? null : { pid: p.pidIn(waiter.pidNs), status: (code << 8) | 0x7f };
	}
	if (!(wo.flags & WUNTRACED)) return null;
	const signal = p.signal;
	if (!(signal.flags & SIGNAL_STOP_STOPPED) || signal.groupExitCode === 0) return null;
	const code = signal.groupExitCode;
	signal.groupExitCode = 0;
	return { pid: p.pidIn(waiter.pidNs), status: (code << 8) | 0x7f };
}

/** wait_task_continued(): reported once. */
function waitTaskContinued(wo: WaitOpts, waiter: Task, p: Task): WaitResult | null {
	if (!(wo.flags & WCONTINUED)) return null;
	const signal = p.signal;
	if (!(signal.flags & SIGNAL_STOP_CONTINUED)) return null;
	signal.flags &= ~SIGNAL_STOP_CONTINUED;
	return { pid: p.pidIn(waiter.pidNs), status: 0xffff };
}

/** wait_consider_task(); `ptrace` when `p` is on the waiter's list of tracees. */
function waitConsiderTask(
	k: Kernel,
	wo: WaitOpts,
	waiter: Task,
	p: Task,
	ptrace = false,
): WaitResult | null {
	const exitState = p.exitState;
	if (exitState === EXIT_DEAD || !eligibleChild(wo, ptrace, p)) return null;
	// Traced by its real parent's process: the parent sees the trace stops, not the group stop.
	if (!ptrace && p.ptrace !== 0 && !ptraceReparented(p)) ptrace = true;
	// A leader whose threads still run is not reaped (delay_group_leader()),
	// but its stop and continue can still be reported. A traced zombie is
	// its tracer's to collect first: its real parent waits meanwhile.
	if (exitState === EXIT_ZOMBIE) {
		const delayGroupLeader = p.isGroupLeader() && !p.threadGroupEmpty();
		if (!delayGroupLeader && (ptrace || p.ptrace === 0)) return waitTaskZombie(k, waiter, p);
	}
	// wait4() always waits for exits (WEXITED): the task may yet report.
	wo.notask = false;
	return waitTaskStopped(wo, waiter, p, ptrace) ?? waitTaskContinued(wo, waiter, p);
}

/** The waiter's thread first, then the others (while_each_thread()). */
function waitingThreads(waiter: Task, wo: WaitOpts): Task[] {
	if (wo.flags & __WNOTHREAD || waiter.threadGroupEmpty()) return [waiter];
	const threads = [...waiter.signal.threads];
	const i = threads.indexOf(waiter);
	return i <= 0 ? threads : [...threads.slice(i), ...threads.slice(0, i)];
}

/**
 * do_wait() for wait4(): `upid` -1 for any child, > 0 for that child, 0 for
 * any child in the waiter's process group, < -1 for any in group -upid.
 * Reaps a zombie, or reports a stop (WUNTRACED) or continue (WCONTINUED)
 * once. Returns null with WNOHANG when children that may yet report exist;
 * without it, throws WouldBlock on the waiter's wait_chldexit. An errno
 * (ECHILD: no such child) is returned.
 */
export function doWait(
	k: Kernel,
	waiter: Task,
	upid: number,
	options: number,
): WaitResult | null | ErrnoName {
	if (options & ~WAIT4_OPTIONS) return "EINVAL";
	if (upid === -2147483648) return "ESRCH";
	const ns = waiter.pidNs;
	let wo: WaitOpts;
	if (upid === -1) wo = { type: null, pid: null, flags: options, notask: true };
	else if (upid < 0)
		wo = { type: "pgid", pid: ns.findPid(-upid) ?? null, flags: options, notask: true };
	else if (upid === 0) wo = { type: "pgid", pid: waiter.signal.pgrp, flags: options, notask: true };
	else wo = { type: "pid", pid: ns.findPid(upid) ?? null, flags: options, notask: true };

	if (wo.type === "pid") {
		// do_wait_pid(): the process whose leader has that pid, if it is our child.
		const target = wo.pid?.task ?? null;
		if (target === null) return "ECHILD";
		const parent = target.realParent;
		if (
			target.isGroupLeader() &&
			parent !== null &&
			(parent === waiter || (!(options & __WNOTHREAD) && parent.signal === waiter.signal))
		) {
			const r = waitConsiderTask(k, wo, waiter, target);
			if (r !== null) return r;
		}
		// The thread with that id, if the waiter's process traces it.
		const tracer = target.tracer;
		if (
			tracer !== null &&
			(tracer === waiter || (!(options & __WNOTHREAD) && tracer.signal === waiter.signal))
		) {
			const r = waitConsiderTask(k, wo, waiter, target, true);
			if (r !== null) return r;
		}
	} else {
		if (wo.type === "pgid" && pgrpTask(wo.pid ?? undefined) === null) return "ECHILD";
		for (const t of waitingThreads(waiter, wo)) {
			if (t.hasChildren) {
				for (const p of t.children) {
					const r = waitConsiderTask(k, wo, waiter, p);
					if (r !== null) return r;
				}
			}
			// ptrace_do_wait()
			if (t.ptraced !== null) {
				for (const p of t.ptraced) {
					const r = waitConsiderTask(k, wo, waiter, p, true);
					if (r !== null) return r;
				}
			}
		}
	}
	if (wo.notask) return "ECHILD";
	if (options & WNOHANG) return null;
	throw new WouldBlock(waiter.signal.waitChldExit);
}

/**
 * wait4(pid, WNOHANG | __WALL): reap a zombie child (-1 for any), null if
 * none is ready yet; ECHILD when there is no such child.
 */
export function waitReap(k: Kernel, parent: Task, pid: number): WaitResult | null | ErrnoName {
	return doWait(k, parent, pid, WNOHANG | __WALL);
}
