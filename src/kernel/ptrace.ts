/**
 * A minimal ptrace(2) (kernel/ptrace.c, the ptrace parts of kernel/signal.c
 * and kernel/exit.c): PTRACE_SEIZE, PTRACE_INTERRUPT, PTRACE_LISTEN,
 * PTRACE_CONT, PTRACE_GETSIGINFO and PTRACE_DETACH, the trace stop they lead
 * to (TASK_TRACED, reported to the tracer's wait as a PTRACE_EVENT_STOP),
 * and the detach of a tracer's tracees when it exits.
 *
 * As with signals, a tracee acts on a trap when it is requested: the
 * emulation has no return to user mode to wait for. A task in a trace stop
 * counts as frozen for the cgroup2 freezer (ptrace_stop() calls
 * cgroup_enter_frozen()) and leaves that state when resumed.
 *
 * Not modelled: PTRACE_ATTACH and PTRACE_TRACEME (the SIGSTOP-based attach),
 * signal-delivery stops (a tracee acts on its signals as if untraced), the
 * group-stop traps of a seized tracee (it stops in TASK_STOPPED as an
 * untraced task does), syscall and event traps (the PTRACE_O_* options are
 * only validated and kept), and Yama's ptrace_scope. A traced task that
 * exits stays traced: its zombie is the tracer's to collect first
 * (src/kernel/exit.ts).
 */

import { cgroupTraceStopEnter, cgroupTraceStopLeave } from "./cgroup/freezer-v2.ts";
import { procPtraceConnector } from "./cn-proc.ts";
import { CAP_SYS_ADMIN } from "./cred.ts";
import { type ErrnoName, KernelError } from "./errno.ts";
import type { Kernel } from "./kernel.ts";
import {
	deliverPending,
	PIDTYPE_PID,
	PIDTYPE_TGID,
	SA_NOCLDSTOP,
	SIG_IGN,
	SIGCHLD,
	SIGKILL,
	SIGTRAP,
	sendSignalLocked,
	sigmask,
	validSignal,
} from "./signal.ts";
import {
	EXIT_ZOMBIE,
	PF_EXITING,
	PF_KTHREAD,
	SUID_DUMP_USER,
	TASK_RUNNING,
	TASK_STOPPED,
	TASK_TRACED,
	type Task,
} from "./task.ts";

// Requests (include/uapi/linux/ptrace.h).
export const PTRACE_TRACEME = 0;
export const PTRACE_CONT = 7;
export const PTRACE_KILL = 8;
export const PTRACE_ATTACH = 16;
export const PTRACE_DETACH = 17;
export const PTRACE_GETSIGINFO = 0x4202;
export const PTRACE_SEIZE = 0x4206;
export const PTRACE_INTERRUPT = 0x4207;
export const PTRACE_LISTEN = 0x4208;

export const PTRACE_EVENT_STOP = 128;

// PTRACE_O_* options.
export const PTRACE_O_TRACESYSGOOD = 1;
export const PTRACE_O_EXITKILL = 1 << 20;
export const PTRACE_O_SUSPEND_SECCOMP = 1 << 21;
/** PTRACE_O_MASK. */
const PTRACE_O_MASK = 0x000000ff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP;

// task->ptrace (include/linux/ptrace.h).
export const PT_PTRACED = 0x00000001;
export const PT_SEIZED = 0x00010000;
const PT_OPT_FLAG_SHIFT = 3;
const PT_EXITKILL = PTRACE_O_EXITKILL << PT_OPT_FLAG_SHIFT;

// task->jobctl: the ptrace bits (include/linux/sched/jobctl.h).
export const JOBCTL_TRAP_STOP = 1 << 19;
export const JOBCTL_LISTENING = 1 << 22;

/** CAP_SYS_PTRACE (include/uapi/linux/capability.h). */
export const CAP_SYS_PTRACE = 19;

/** The siginfo of a trace stop (PTRACE_GETSIGINFO): what ptrace_do_notify() fills in. */
export interface PtraceSiginfo {
	readonly signo: number;
	readonly errno: number;
	/** si_code: the trap's exit code, (PTRACE_EVENT_STOP << 8) | signal for a STOP trap. */
	readonly code: number;
	/** The tracee's pid and uid as it sees them. */
	readonly pid: number;
	readonly uid: number;
}

/** What ptrace_stop() keeps while the task is in a trace stop. */
export interface TraceStop {
	/** current->last_siginfo. */
	readonly siginfo: PtraceSiginfo;
	/** The state it was in before the trap (a sleep it goes back to, as a restarted syscall does). */
	readonly savedState: number;
}

/** same_thread_group(). */
function sameThreadGroup(a: Task, b: Task): boolean {
	return a.signal === b.signal;
}

/** task_is_traced(): in a trace stop. */
export function taskIsTraced(t: Task): boolean {
	return t.traceStop !== null;
}

/**
 * __ptrace_may_access() with PTRACE_MODE_ATTACH_REALCREDS: the caller's real
 * uid and gid are every uid and gid of the target, or it has CAP_SYS_PTRACE;
 * and the target is dumpable or the caller has CAP_SYS_PTRACE.
 */
export function ptraceMayAccess(tracer: Task, task: Task): ErrnoName | null {
	if (sameThreadGroup(task, tracer)) return null;
	const cred = tracer.cred;
	const tcred = task.cred;
	const sameIds =
		cred.uid === tcred.euid &&
		cred.uid === tcred.suid &&
		cred.uid === tcred.uid &&
		cred.gid === tcred.egid &&
		cred.gid === tcred.sgid &&
		cred.gid === tcred.gid;
	if (!sameIds && !cred.capable(CAP_SYS_PTRACE)) return "EPERM";
	// task_still_dumpable()
	if (task.dumpable !== SUID_DUMP_USER && !cred.capable(CAP_SYS_PTRACE)) return "EPERM";
	return null;
}

/** ptrace_attach() for PTRACE_SEIZE: the tracee keeps running. */
function ptraceSeize(tracer: Task, task: Task, addr: number, options: number): ErrnoName | null {
	if (addr !== 0) return "EIO";
	if (options & ~PTRACE_O_MASK) return "EIO";
	// check_ptrace_options()
	if (options & PTRACE_O_SUSPEND_SECCOMP && !tracer.cred.capable(CAP_SYS_ADMIN)) return "EPERM";
	if (task.flags & PF_KTHREAD) return "EPERM";
	if (sameThreadGroup(task, tracer)) return "EPERM";
	const err = ptraceMayAccess(tracer, task);
	if (err !== null) return err;
	if (task.exitState !== 0 || task.flags & PF_EXITING) return "EPERM";
	if (task.ptrace !== 0) return "EPERM";
	task.ptrace = PT_PTRACED | PT_SEIZED | (options << PT_OPT_FLAG_SHIFT);
	// ptrace_link()
	task.tracer = tracer;
	if (tracer.ptraced === null) tracer.ptraced = new Set();
	tracer.ptraced.add(task);
	return null;
}

/**
 * do_notify_parent_cldstop(tsk, true, CLD_TRAPPED): SIGCHLD to the tracer
 * (unless it ignores it or set SA_NOCLDSTOP) and a wake-up of its wait.
 */
function notifyTracer(k: Kernel, tracer: Task): void {
	const act = tracer.sighand.action(SIGCHLD);
	if (act.handler !== SIG_IGN && !(act.flags & SA_NOCLDSTOP)) {
		sendSignalLocked(k, SIGCHLD, tracer, PIDTYPE_TGID, false);
	}
	tracer.signal.wakeChldExit();
}

/** Tell the userland scheduler the task's state changed (signal_wake_up()). */
function wakeUp(k: Kernel, t: Task): void {
	k.sched.taskChanged(t);
	k.signalWakeUp?.(t);
}

/** A fatal signal is pending: the task is about to die and takes no trap. */
function fatalSignalPending(t: Task): boolean {
	return t.signal.groupExit || (t.pending & sigmask(SIGKILL)) !== 0;
}

/**
 * do_jobctl_trap() of a seized tracee, then ptrace_stop(): a
 * PTRACE_EVENT_STOP trap with SIGTRAP. The task enters TASK_TRACED and the
 * frozen state, and the tracer hears of it.
 */
function ptraceStop(k: Kernel, t: Task): void {
	const tracer = t.tracer;
	if (tracer === null || fatalSignalPending(t) || t.flags & PF_EXITING) return;
	const code = SIGTRAP | (PTRACE_EVENT_STOP << 8);
	t.traceStop = {
		siginfo: { signo: SIGTRAP, errno: 0, code, pid: t.pidIn(t.pidNs), uid: t.cred.uid },
		savedState: t.state,
	};
	t.state = TASK_TRACED;
	t.exitCode = code;
	// Any trap clears a pending STOP trap.
	t.jobctl &= ~JOBCTL_TRAP_STOP;
	notifyTracer(k, tracer);
	cgroupTraceStopEnter(k.cgroup, t);
	// The task sleeps: the CPU model hears of it; the userland scheduler sees it
	// frozen (task->frozen) and does not run it until it leaves the stop.
	k.sched.taskChanged(t);
}

/**
 * The tracee wakes in ptrace_stop() and goes on: it leaves the frozen state
 * (going back into the freezer trap if its cgroup is freezing), takes a
 * trap that became pending meanwhile, and acts on signals queued while it
 * was stopped.
 */
function ptraceStopReturn(k: Kernel, t: Task): void {
	const stop = t.traceStop;
	if (stop === null) return;
	t.traceStop = null;
	t.exitCode = 0;
	t.jobctl &= ~JOBCTL_LISTENING;
	t.state = stop.savedState === TASK_TRACED ? TASK_RUNNING : stop.savedState;
	cgroupTraceStopLeave(k.cgroup, t);
	if (t.jobctl & JOBCTL_TRAP_STOP && t.ptrace & PT_SEIZED) {
		ptraceStop(k, t);
		return;
	}
	deliverPending(k, t);
	wakeUp(k, t);
}

/**
 * A fatal signal wakes a task from its trace stop (signal_wake_up(t, true)
 * reaches __TASK_TRACED); it leaves the stop to die.
 */
export function ptraceFatalWake(k: Kernel, t: Task): void {
	const stop = t.traceStop;
	if (stop === null) return;
	t.traceStop = null;
	t.exitCode = 0;
	t.jobctl &= ~(JOBCTL_LISTENING | JOBCTL_TRAP_STOP);
	t.state = TASK_RUNNING;
	cgroupTraceStopLeave(k.cgroup, t);
}

/**
 * __ptrace_unlink(): the task is no longer traced and goes back to its real
 * parent; from a trace stop it runs again.
 */
export function ptraceUnlink(k: Kernel, t: Task): void {
	const tracer = t.tracer;
	tracer?.ptraced?.delete(t);
	t.tracer = null;
	t.ptrace = 0;
	t.jobctl &= ~(JOBCTL_TRAP_STOP | JOBCTL_LISTENING);
	if (t.traceStop !== null) ptraceStopReturn(k, t);
}

/**
 * ptrace_check_attach(): the task is traced by `tracer` and, unless
 * `ignoreState`, in a trace stop its tracer may operate on (not listening).
 */
function ptraceCheckAttach(tracer: Task, t: Task, ignoreState: boolean): boolean {
	if (t.ptrace === 0 || t.tracer !== tracer) return false;
	if (ignoreState) return true;
	return t.traceStop !== null && !(t.jobctl & JOBCTL_LISTENING) && !fatalSignalPending(t);
}

/** What a successful request returns: 0, or the siginfo of PTRACE_GETSIGINFO. */
export type PtraceResult = 0 | PtraceSiginfo;

/**
 * ptrace(2) from `tracer`: `pid` is a thread id in the tracer's pid
 * namespace; `addr` and `data` as the syscall takes them (for PTRACE_SEIZE
 * `data` is the PTRACE_O_* options; for PTRACE_CONT and PTRACE_DETACH a
 * signal, validated and otherwise ignored after a STOP trap, as
 * do_jobctl_trap() ignores it). Throws KernelError.
 */
export function ptraceRequest(
	k: Kernel,
	tracer: Task,
	request: number,
	pid: number,
	addr = 0,
	data = 0,
): PtraceResult {
	const r = sysPtrace(k, tracer, request, pid, addr, data);
	if (typeof r === "string") throw new KernelError(r);
	return r;
}

/** SYSCALL_DEFINE4(ptrace) and ptrace_request(). */
function sysPtrace(
	k: Kernel,
	tracer: Task,
	request: number,
	pid: number,
	addr: number,
	data: number,
): PtraceResult | ErrnoName {
	if (request === PTRACE_TRACEME || request === PTRACE_ATTACH) {
		throw new Error(`ptrace request ${request} is not modelled`);
	}
	const child = tracer.pidNs.findTask(pid);
	if (child === null || child.released) return "ESRCH";
	if (request === PTRACE_SEIZE) {
		const err = ptraceSeize(tracer, child, addr, data);
		if (err !== null) return err;
		// ptrace_attach() ends with the connector's PTRACE_ATTACH event.
		procPtraceConnector(k, child, PTRACE_ATTACH, tracer);
		return 0;
	}
	const ignoreState = request === PTRACE_KILL || request === PTRACE_INTERRUPT;
	if (!ptraceCheckAttach(tracer, child, ignoreState)) return "ESRCH";
	const seized = (child.ptrace & PT_SEIZED) !== 0;
	switch (request) {
		case PTRACE_INTERRUPT:
			if (!seized) return "EIO";
			// task_set_jobctl_pending(): nothing for a dying task.
			if (child.flags & PF_EXITING || fatalSignalPending(child)) return 0;
			child.jobctl |= JOBCTL_TRAP_STOP;
			if (child.traceStop === null) {
				// The tracee takes the trap now (on its way back to user space); not
				// modelled: from the refrigerator or a group stop, it stays pending.
				if (!child.frozen && child.state !== TASK_STOPPED) ptraceStop(k, child);
			} else if (child.jobctl & JOBCTL_LISTENING) {
				// A listening tracee is re-trapped into a new STOP trap.
				ptraceStopReturn(k, child);
			}
			return 0;
		case PTRACE_LISTEN: {
			if (!seized) return "EIO";
			const si = child.traceStop?.siginfo;
			if (si === undefined || si.code >> 8 !== PTRACE_EVENT_STOP) return "EIO";
			child.jobctl |= JOBCTL_LISTENING;
			return 0;
		}
		case PTRACE_CONT:
			// ptrace_resume()
			if (!validSignal(data)) return "EIO";
			child.exitCode = data;
			ptraceStopReturn(k, child);
			return 0;
		case PTRACE_DETACH:
			// ptrace_detach()
			if (!validSignal(data)) return "EIO";
			child.exitCode = data;
			ptraceUnlink(k, child);
			procPtraceConnector(k, child, PTRACE_DETACH, tracer);
			tracer.signal.wakeChldExit();
			return 0;
		case PTRACE_KILL:
			sendSignalLocked(k, SIGKILL, child, PIDTYPE_PID, true);
			return 0;
		case PTRACE_GETSIGINFO:
			// ptrace_getsiginfo(): EINVAL without last_siginfo (not reachable: the stop has one).
			return child.traceStop?.siginfo ?? "EINVAL";
		default:
			return "EIO";
	}
}

/**
 * exit_ptrace(): an exiting tracer detaches every tracee (killing those
 * seized with PTRACE_O_EXITKILL). Returns the tracees that were zombies:
 * the caller decides, as __ptrace_detach() does, which go back to their
 * real parent and which are released.
 */
export function exitPtrace(k: Kernel, tracer: Task): Task[] {
	const list = tracer.ptraced;
	if (list === null || list.size === 0) return [];
	const zombies: Task[] = [];
	for (const p of [...list]) {
		const exitKill = (p.ptrace & PT_EXITKILL) !== 0;
		// The kernel queues the SIGKILL before __ptrace_detach(); here a signal
		// acts at once, so the tracee is detached first and dies untraced.
		ptraceUnlink(k, p);
		if (exitKill && !(p.flags & PF_EXITING)) sendSignalLocked(k, SIGKILL, p, PIDTYPE_PID, true);
		if (p.exitState === EXIT_ZOMBIE) zombies.push(p);
	}
	return zombies;
}

/** ptrace_release_task(): a released task leaves its tracer's list. */
export function ptraceRelease(k: Kernel, t: Task): void {
	if (t.tracer !== null) ptraceUnlink(k, t);
}

/** ptrace_reparented(): traced by a task outside its real parent's process. */
export function ptraceReparented(t: Task): boolean {
	const tracer = t.tracer;
	return tracer !== null && (t.realParent === null || !sameThreadGroup(tracer, t.realParent));
}

/**
 * task_stopped_code(p, true) with wait_task_stopped()'s consume: the trace
 * stop's exit code, once, unless listening.
 */
export function ptraceWaitStopped(t: Task): number {
	if (t.traceStop === null || t.jobctl & JOBCTL_LISTENING) return 0;
	const code = t.exitCode;
	t.exitCode = 0;
	return code;
}
