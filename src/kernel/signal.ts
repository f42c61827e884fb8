/**
 * Signals (kernel/signal.c, include/linux/signal.h): the x86-64 numbers and
 * default actions of the 31 standard signals, dispositions (sighand_struct),
 * masks, generation and delivery, job-control stop and continue, and kill(2).
 *
 * Delivery happens when the signal is sent. The kernel queues a signal and
 * lets the target act on it when it next returns to user mode (get_signal());
 * the emulation has no such moment for a task other than the caller, so the
 * thread complete_signal() picks runs get_signal()'s default actions at once:
 * ignored signals are dropped, stop signals stop the process, fatal ones make
 * it exit. Only signals with a handler (SIG_HANDLER, run by the userland) and
 * blocked ones stay pending; the userland takes the former with
 * dequeueSignal(). Masks are numbers with bit sig-1 set for signal sig.
 */

import { cgroupStopEnter, cgroupStopLeave } from "./cgroup/freezer-v2.ts";
import { CAP_KILL, type Cred } from "./cred.ts";
import type { ErrnoName } from "./errno.ts";
import { doGroupExit, signalStatus } from "./exit.ts";
import type { Kernel } from "./kernel.ts";
import type { Pid } from "./pid.ts";
import { ptraceFatalWake } from "./ptrace.ts";
import {
	PF_EXITING,
	type SignalStruct,
	TASK_RUNNING,
	TASK_STOPPED,
	TASK_TRACED,
	type Task,
} from "./task.ts";

// ------------------------------------------------------------ numbers (x86-64)

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGABRT = 6;
export const SIGBUS = 7;
export const SIGFPE = 8;
export const SIGKILL = 9;
export const SIGUSR1 = 10;
export const SIGSEGV = 11;
export const SIGUSR2 = 12;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGSTKFLT = 16;
export const SIGCHLD = 17;
export const SIGCONT = 18;
export const SIGSTOP = 19;
export const SIGTSTP = 20;
export const SIGTTIN = 21;
export const SIGTTOU = 22;
export const SIGURG = 23;
export const SIGXCPU = 24;
export const SIGXFSZ = 25;
export const SIGVTALRM = 26;
export const SIGPROF = 27;
export const SIGWINCH = 28;
export const SIGIO = 29;
export const SIGPWR = 30;
export const SIGSYS = 31;
/** The highest signal cgkit models (the real-time signals 32..64 are not). */
export const SIGNAL_MAX = 31;

/** Names without the SIG prefix, by number (kill -l); index 0 is unused. */
export const SIGNAL_NAMES: readonly (string | undefined)[] = [
	undefined,
	"HUP",
	"INT",
	"QUIT",
	"ILL",
	"TRAP",
	"ABRT",
	"BUS",
	"FPE",
	"KILL",
	"USR1",
	"SEGV",
	"USR2",
	"PIPE",
	"ALRM",
	"TERM",
	"STKFLT",
	"CHLD",
	"CONT",
	"STOP",
	"TSTP",
	"TTIN",
	"TTOU",
	"URG",
	"XCPU",
	"XFSZ",
	"VTALRM",
	"PROF",
	"WINCH",
	"IO",
	"PWR",
	"SYS",
];

/** Other names glibc and the shells accept. */
const SIGNAL_ALIASES: Readonly<Record<string, number>> = {
	IOT: SIGABRT,
	POLL: SIGIO,
	CLD: SIGCHLD,
};

/**
 * The number of a signal name ("TERM", "SIGTERM", "term"), 0 when there is no
 * such signal.
 */
export function signalNumber(name: string): number {
	let up = name.toUpperCase();
	if (up.startsWith("SIG")) up = up.slice(3);
	const i = SIGNAL_NAMES.indexOf(up);
	if (i > 0) return i;
	return SIGNAL_ALIASES[up] ?? 0;
}

/** What a signal does with SIG_DFL. */
export type SignalDefault = "term" | "core" | "ignore" | "stop" | "continue";

/** sigmask(): the mask bit of a signal. */
export function sigmask(sig: number): number {
	return 1 << (sig - 1);
}

function maskOf(...sigs: number[]): number {
	let m = 0;
	for (const s of sigs) m |= sigmask(s);
	return m;
}

/** Every modelled signal. */
export const ALL_SIGNALS = 0x7fffffff;
/** SIG_KERNEL_ONLY_MASK: never caught, blocked or ignored. */
const SIG_KERNEL_ONLY_MASK = maskOf(SIGKILL, SIGSTOP);
/** SIG_KERNEL_STOP_MASK. */
const SIG_KERNEL_STOP_MASK = maskOf(SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU);
/** SIG_KERNEL_COREDUMP_MASK. */
const SIG_KERNEL_COREDUMP_MASK = maskOf(
	SIGQUIT,
	SIGILL,
	SIGTRAP,
	SIGABRT,
	SIGFPE,
	SIGSEGV,
	SIGBUS,
	SIGSYS,
	SIGXCPU,
	SIGXFSZ,
);
/** SIG_KERNEL_IGNORE_MASK (SIGCONT's default continues, and is otherwise nothing). */
const SIG_KERNEL_IGNORE_MASK = maskOf(SIGCONT, SIGCHLD, SIGWINCH, SIGURG);
/** SYNCHRONOUS_MASK: dequeued before the others. */
const SYNCHRONOUS_MASK = maskOf(SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS);
const SIGKILL_MASK = sigmask(SIGKILL);

/** The default action of a signal (signal(7)). */
export function signalDefault(sig: number): SignalDefault {
	const m = sigmask(sig);
	if (sig === SIGCONT) return "continue";
	if (m & SIG_KERNEL_IGNORE_MASK) return "ignore";
	if (m & SIG_KERNEL_STOP_MASK) return "stop";
	if (m & SIG_KERNEL_COREDUMP_MASK) return "core";
	return "term";
}

/** valid_signal(), for the signals cgkit models (0 is the existence check). */
export function validSignal(sig: number): boolean {
	return Number.isInteger(sig) && sig >= 0 && sig <= SIGNAL_MAX;
}

function sigKernelOnly(sig: number): boolean {
	return (sigmask(sig) & SIG_KERNEL_ONLY_MASK) !== 0;
}

function sigKernelStop(sig: number): boolean {
	return (sigmask(sig) & SIG_KERNEL_STOP_MASK) !== 0;
}

/** A mask as /proc shows one (render_sigset_t): 64 bits in hex. */
export function renderSigset(mask: number): string {
	return mask.toString(16).padStart(16, "0");
}

// ------------------------------------------------------------ dispositions

export const SIG_DFL = 0;
export const SIG_IGN = 1;
/** A handler in the process: the kernel makes the signal pending and the userland runs it. */
export const SIG_HANDLER = 2;
export type SigHandler = typeof SIG_DFL | typeof SIG_IGN | typeof SIG_HANDLER;

export const SA_NOCLDSTOP = 0x00000001;
export const SA_NOCLDWAIT = 0x00000002;
export const SA_SIGINFO = 0x00000004;
export const SA_ONSTACK = 0x08000000;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;
const SA_RESTORER = 0x04000000;
const SA_EXPOSE_TAGBITS = 0x00000800;
/** UAPI_SA_FLAGS: unknown flag bits are cleared. */
const UAPI_SA_FLAGS =
	SA_NOCLDSTOP |
	SA_NOCLDWAIT |
	SA_SIGINFO |
	SA_ONSTACK |
	SA_RESTART |
	SA_NODEFER |
	SA_RESETHAND |
	SA_EXPOSE_TAGBITS |
	SA_RESTORER;

/** struct k_sigaction, without the handler's address (the userland keeps its handlers). */
export interface SigAction {
	readonly handler: SigHandler;
	/** SA_* flags. */
	readonly flags: number;
	/** sa_mask: blocked while the handler runs (the userland applies it). */
	readonly mask: number;
}

/** What sigaction() takes: a full action, or just a handler. */
export type SigActionInit = SigHandler | { handler: SigHandler; flags?: number; mask?: number };

export const SIG_DFL_ACTION: SigAction = Object.freeze({ handler: SIG_DFL, flags: 0, mask: 0 });
const SIG_IGN_ACTION: SigAction = Object.freeze({ handler: SIG_IGN, flags: 0, mask: 0 });

/** An action table with its SigIgn and SigCgt masks; never changed, shared by every sighand using it. */
class SigActionTable {
	readonly actions: readonly SigAction[];
	/** Signals set to SIG_IGN. */
	readonly ignored: number;
	/** Signals with a handler. */
	readonly caught: number;

	constructor(actions: readonly SigAction[]) {
		this.actions = actions;
		let ignored = 0;
		let caught = 0;
		for (let sig = 1; sig <= actions.length; sig++) {
			const h = actions[sig - 1]!.handler;
			if (h === SIG_IGN) ignored |= sigmask(sig);
			else if (h === SIG_HANDLER) caught |= sigmask(sig);
		}
		this.ignored = ignored;
		this.caught = caught;
	}
}

/** Every signal SIG_DFL: the table every sighand starts from. */
const DEFAULT_TABLE = new SigActionTable(Array.from({ length: SIGNAL_MAX }, () => SIG_DFL_ACTION));

/**
 * sighand_struct: the dispositions, shared by the threads of a process (and
 * by processes cloned with CLONE_SIGHAND). The action table itself is
 * copy-on-write: fork shares it with the parent, and sigaction() gives the
 * sighand a new one, so a process that never calls sigaction() costs no
 * table of its own.
 */
export class SighandStruct {
	private table: SigActionTable;

	constructor(table: SigActionTable = DEFAULT_TABLE) {
		this.table = table;
	}

	action(sig: number): SigAction {
		return this.table.actions[sig - 1]!;
	}

	/** Signals set to SIG_IGN (SigIgn in /proc). */
	get ignored(): number {
		return this.table.ignored;
	}

	/** Signals with a handler (SigCgt in /proc). */
	get caught(): number {
		return this.table.caught;
	}

	setAction(sig: number, act: SigAction): void {
		const actions = this.table.actions.slice();
		actions[sig - 1] = act;
		this.table = new SigActionTable(actions);
	}

	/** copy_sighand(): a copy for a new process (sharing the table). */
	clone(): SighandStruct {
		return new SighandStruct(this.table);
	}

	/** SIGCHLD is SIG_IGN or has SA_NOCLDWAIT: exiting children are reaped at once. */
	get sigchldIgnored(): boolean {
		const act = this.action(SIGCHLD);
		return act.handler === SIG_IGN || (act.flags & SA_NOCLDWAIT) !== 0;
	}

	/**
	 * flush_signal_handlers(): the table exec leaves, handled signals back to
	 * SIG_DFL and ignored ones kept (all SIG_DFL with `forceDefault`), flags
	 * and masks cleared.
	 */
	flushed(forceDefault: boolean): SighandStruct {
		const actions = this.table.actions;
		let changed = false;
		for (const act of actions) {
			if (act !== SIG_DFL_ACTION && (forceDefault || act !== SIG_IGN_ACTION)) changed = true;
		}
		if (!changed) return new SighandStruct(this.table);
		return new SighandStruct(
			new SigActionTable(
				actions.map((act) =>
					!forceDefault && act.handler === SIG_IGN ? SIG_IGN_ACTION : SIG_DFL_ACTION,
				),
			),
		);
	}
}

/**
 * flush_signal_handlers(): exec resets caught signals to SIG_DFL and keeps
 * ignored ones (all to SIG_DFL with `forceDefault`); flags and masks are
 * cleared. exec also unshares a sighand other processes use, so the result
 * is always a new one (sharing the table when nothing changes).
 */
export function flushSignalHandlers(sighand: SighandStruct, forceDefault: boolean): SighandStruct {
	return sighand.flushed(forceDefault);
}

/** ignore_signals(): a kernel thread ignores everything, SIGKILL and SIGSTOP included. */
export function ignoreSignals(): SighandStruct {
	return new SighandStruct(
		new SigActionTable(Array.from({ length: SIGNAL_MAX }, () => SIG_IGN_ACTION)),
	);
}

// ------------------------------------------------------------ state

// signal->flags: the job-control bits.
export const SIGNAL_STOP_STOPPED = 0x00000001;
export const SIGNAL_STOP_CONTINUED = 0x00000002;
const SIGNAL_STOP_MASK = SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED;

// enum pid_type: whom a signal is for.
export const PIDTYPE_PID = 0;
export const PIDTYPE_TGID = 1;
export const PIDTYPE_PGID = 2;
export const PIDTYPE_SID = 3;
export const PIDTYPE_MAX = 4;

// sigprocmask() `how`.
export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;

const CLD_STOPPED = 5;
const CLD_CONTINUED = 6;

/** The lowest signal of `pending` not in `blocked`, synchronous ones first (next_signal()). */
function nextSignal(pending: number, blocked: number): number {
	let x = pending & ~blocked;
	if (x === 0) return 0;
	if (x & SYNCHRONOUS_MASK) x &= SYNCHRONOUS_MASK;
	return 32 - Math.clz32(x & -x);
}

/** Tell the userland scheduler to look at the task again (signal_wake_up()). */
function signalWakeUp(k: Kernel, t: Task): void {
	k.sched.taskChanged(t);
	k.signalWakeUp?.(t);
}

/** is_global_init(). */
function isGlobalInit(t: Task): boolean {
	return t.tgid === 1;
}

/** sig_handler_ignored(): SIG_IGN, or SIG_DFL of a signal whose default is to ignore. */
function sigHandlerIgnored(handler: SigHandler, sig: number): boolean {
	return (
		handler === SIG_IGN || (handler === SIG_DFL && (sigmask(sig) & SIG_KERNEL_IGNORE_MASK) !== 0)
	);
}

/** sig_task_ignored(). */
function sigTaskIgnored(t: Task, sig: number, force: boolean): boolean {
	const handler = t.sighand.action(sig).handler;
	// SIGKILL and SIGSTOP may not be sent to the global init.
	if (isGlobalInit(t) && sigKernelOnly(sig)) return true;
	// A namespace's init gets no SIG_DFL signal from inside it.
	if (t.signal.unkillable && handler === SIG_DFL && !(force && sigKernelOnly(sig))) return true;
	return sigHandlerIgnored(handler, sig);
}

/** sig_ignored(): blocked signals are never ignored (the handler may change). */
function sigIgnored(t: Task, sig: number, force: boolean): boolean {
	if (t.blocked & sigmask(sig)) return false;
	return sigTaskIgnored(t, sig, force);
}

/** flush_sigqueue_mask() on the shared queue and every thread's. */
function flushGroupMask(signal: SignalStruct, mask: number): void {
	signal.sharedPending &= ~mask;
	for (const t of signal.threads) t.pending &= ~mask;
}

/** The signals pending anywhere in the process. */
function groupPending(signal: SignalStruct): number {
	let m = signal.sharedPending;
	for (const t of signal.threads) m |= t.pending;
	return m;
}

/** wants_signal(). */
function wantsSignal(sig: number, p: Task): boolean {
	if (p.blocked & sigmask(sig)) return false;
	if (p.flags & PF_EXITING) return false;
	if (sig === SIGKILL) return true;
	// task_is_stopped_or_traced()
	return !(p.state & (TASK_STOPPED | TASK_TRACED));
}

// ------------------------------------------------------------ generation

/**
 * __send_signal_locked() with prepare_signal() and complete_signal(): queue
 * `sig` for `t` (its own queue for PIDTYPE_PID, the process's otherwise) and
 * have a thread that can take it act on it. `force` lets SIGKILL and SIGSTOP
 * reach a namespace's init (sent from an ancestor namespace, or by the kernel).
 */
export function sendSignalLocked(
	k: Kernel,
	sig: number,
	t: Task,
	type: number,
	force: boolean,
): void {
	const signal = t.signal;
	// prepare_signal(): the process is dying; drop the signal.
	if (signal.groupExit) return;
	let woken: Task[] | null = null;
	let continued = false;
	if (sigKernelStop(sig)) {
		flushGroupMask(signal, sigmask(SIGCONT));
	} else if (sig === SIGCONT) {
		// Stop signals go, every stopped thread runs again, whatever SIGCONT's disposition.
		flushGroupMask(signal, SIG_KERNEL_STOP_MASK);
		for (const th of signal.threads) {
			if (th.state === TASK_STOPPED && !(th.flags & PF_EXITING)) {
				th.state = TASK_RUNNING;
				if (woken === null) woken = [];
				woken.push(th);
			}
		}
		if (signal.flags & SIGNAL_STOP_STOPPED) {
			signal.flags = (signal.flags & ~SIGNAL_STOP_MASK) | SIGNAL_STOP_CONTINUED;
			signal.groupExitCode = 0;
			continued = true;
		}
	}
	if (!sigIgnored(t, sig, force)) {
		const m = sigmask(sig);
		if (type === PIDTYPE_PID) {
			// legacy_queue(): a standard signal is queued once.
			if (!(t.pending & m)) {
				t.pending |= m;
				completeSignal(k, sig, t, type);
			}
		} else if (!(signal.sharedPending & m)) {
			signal.sharedPending |= m;
			completeSignal(k, sig, t, type);
		}
	}
	if (sig === SIGCONT) {
		// What the woken threads do first in get_signal(): report CLD_CONTINUED,
		// then act on what was left pending while they were stopped.
		if (continued) doNotifyParentCldstop(k, t, CLD_CONTINUED);
		if (woken !== null) {
			// do_signal_stop() returns: the stopped task leaves the cgroup2 freezer's count.
			for (const th of woken) cgroupStopLeave(k.cgroup, th);
			for (const th of woken) deliverPending(k, th);
			for (const th of woken) signalWakeUp(k, th);
		}
	}
}

/**
 * complete_signal(): find a thread that can take the signal. A fatal one
 * (SIG_DFL, default term) takes the whole process down at once; otherwise the
 * chosen thread acts on its pending signals now (get_signal()), leaving a
 * handled signal pending for the userland.
 */
function completeSignal(k: Kernel, sig: number, p: Task, type: number): void {
	const signal = p.signal;
	let t: Task | null = null;
	if (wantsSignal(sig, p)) {
		t = p;
	} else if (type === PIDTYPE_PID || p.threadGroupEmpty()) {
		return;
	} else {
		for (const th of signal.threads) {
			if (th !== p && wantsSignal(sig, th)) {
				t = th;
				break;
			}
		}
		if (t === null) return;
	}
	const handler = p.sighand.action(sig).handler;
	if (handler === SIG_HANDLER) {
		signalWakeUp(k, t);
		return;
	}
	const m = sigmask(sig);
	if (
		handler === SIG_DFL &&
		!(m & (SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK | SIG_KERNEL_COREDUMP_MASK)) &&
		!(signal.unkillable && !sigKernelOnly(sig))
	) {
		// sig_fatal() without a core dump: the group exits; the signal stays queued.
		zapGroup(k, p, sig);
		return;
	}
	deliverPending(k, t);
}

/**
 * The default-action part of get_signal(), for thread `t`: dequeue what is
 * pending and not blocked (its own queue first, then the process's) and act
 * on it, leaving signals with a handler for the userland. Stops when the
 * process stops or dies.
 */
export function deliverPending(k: Kernel, t: Task): void {
	const signal = t.signal;
	const sighand = t.sighand;
	for (;;) {
		if (t.flags & PF_EXITING || signal.groupExit || t.state & (TASK_STOPPED | TASK_TRACED)) return;
		// In the cgroup2 freezer trap, signals wait for the thaw (do_freezer_trap()
		// sleeps again unless a fatal signal or a job-control event is pending).
		if (t.cgFrozen) return;
		const take = ~sighand.caught;
		let sig = nextSignal(t.pending & take, t.blocked);
		if (sig !== 0) {
			t.pending &= ~sigmask(sig);
		} else {
			sig = nextSignal(signal.sharedPending & take, t.blocked);
			if (sig === 0) return;
			signal.sharedPending &= ~sigmask(sig);
		}
		const handler = sighand.action(sig).handler;
		if (handler === SIG_IGN) continue;
		const m = sigmask(sig);
		if (m & SIG_KERNEL_IGNORE_MASK) continue;
		// A namespace's init only gets SIGKILL and SIGSTOP this way (sent from outside).
		if (signal.unkillable && !sigKernelOnly(sig)) continue;
		if (m & SIG_KERNEL_STOP_MASK) {
			// The job-control stops do nothing in an orphaned process group.
			if (sig !== SIGSTOP && willBecomeOrphanedPgrp(signal.pgrp, null)) continue;
			doSignalStop(k, t, sig);
			return;
		}
		// Fatal (core-dump signals die without a dump, as with RLIMIT_CORE 0).
		zapGroup(k, t, sig);
		return;
	}
}

/**
 * do_signal_stop(): a group stop, done at once for every thread. The first
 * stop of the group is recorded for wait(WUNTRACED) and reported to the parent.
 */
function doSignalStop(k: Kernel, t: Task, sig: number): void {
	const signal = t.signal;
	if (signal.groupExit) return;
	const fresh = !(signal.flags & SIGNAL_STOP_STOPPED);
	const stopped: Task[] = [];
	for (const th of signal.threads) {
		// Not modelled: a thread in a trace stop joining the group stop when resumed.
		if (!(th.flags & PF_EXITING) && !(th.state & (TASK_STOPPED | TASK_TRACED))) {
			th.state = TASK_STOPPED;
			// A stopped task counts as frozen for the cgroup2 freezer (cgroup_enter_frozen()).
			cgroupStopEnter(k.cgroup, th);
			stopped.push(th);
		}
	}
	if (fresh) {
		// group_exit_code holds the stop signal while stopped, for wait(WUNTRACED).
		signal.groupExitCode = sig;
		signal.flags = (signal.flags & ~SIGNAL_STOP_MASK) | SIGNAL_STOP_STOPPED;
		doNotifyParentCldstop(k, t, CLD_STOPPED);
	}
	for (const th of stopped) signalWakeUp(k, th);
}

/**
 * The fatal path: SIGNAL_GROUP_EXIT with the signal as the status, then
 * do_group_exit(). Inside an exit (a signal an exiting task sends: SIGHUP to
 * an orphaned process group, an exit signal other than SIGCHLD) the group is
 * only marked, with SIGKILL pending on its threads, and exits when the
 * outermost exit is done, as it would when it next ran.
 */
function zapGroup(k: Kernel, p: Task, sig: number): void {
	const signal = p.signal;
	signal.groupExit = true;
	signal.groupExitCode = signalStatus(sig);
	signal.flags = 0;
	const frozen = groupFrozen(signal);
	if (k.exitDepth > 0 || frozen) {
		for (const t of signal.threads) {
			if (t.flags & PF_EXITING) continue;
			t.pending |= SIGKILL_MASK;
			if (t.state === TASK_STOPPED) t.state = TASK_RUNNING;
			// The fatal signal's wake-up reaches a trace stop too.
			else if (t.state === TASK_TRACED) ptraceFatalWake(k, t);
		}
		// A frozen process dies when thawed (the freezer's thaw completes the exit).
		if (!frozen) k.deferredKills.push(p);
		return;
	}
	groupExitNow(k, p);
}

/**
 * A thread of the process is in the refrigerator (TASK_FROZEN): the kill's
 * wake-up does not reach it, so the process stays until it is thawed.
 */
function groupFrozen(signal: SignalStruct): boolean {
	for (const t of signal.threads) if (t.frozen && !(t.flags & PF_EXITING)) return true;
	return false;
}

/** do_group_exit() of a process a signal killed; the scheduler hears of each thread. */
export function groupExitNow(k: Kernel, p: Task): void {
	const threads = [...p.signal.threads];
	doGroupExit(k, p, p.signal.groupExitCode);
	for (const t of threads) signalWakeUp(k, t);
}

/**
 * do_notify_parent_cldstop(): SIGCHLD to the parent of the group leader
 * (unless it ignores SIGCHLD or set SA_NOCLDSTOP) and a wake-up of its wait.
 */
function doNotifyParentCldstop(k: Kernel, tsk: Task, _why: number): void {
	const parent = tsk.groupLeader.realParent;
	if (parent === null) return;
	const act = parent.sighand.action(SIGCHLD);
	if (act.handler !== SIG_IGN && !(act.flags & SA_NOCLDSTOP)) {
		sendSignalLocked(k, SIGCHLD, parent, PIDTYPE_TGID, false);
	}
	parent.signal.wakeChldExit();
}

/**
 * retarget_shared_pending(): `tsk` no longer takes the signals in `which`
 * (it blocked them or is exiting); another thread that can takes them.
 */
export function retargetSharedPending(k: Kernel, tsk: Task, which: number): void {
	const signal = tsk.signal;
	if (signal.groupExit) return;
	let retarget = signal.sharedPending & which;
	if (retarget === 0) return;
	for (const t of signal.threads) {
		if (t === tsk || t.flags & PF_EXITING) continue;
		if ((retarget & ~t.blocked) === 0) continue;
		retarget &= t.blocked;
		deliverPending(k, t);
		signalWakeUp(k, t);
		if (retarget === 0) break;
	}
}

// ------------------------------------------------------------ process groups

/**
 * will_become_orphaned_pgrp(): no process of the group (but `ignored`) has
 * a parent in another group of the same session. Orphaned groups are not
 * stopped by SIGTSTP, SIGTTIN and SIGTTOU.
 */
export function willBecomeOrphanedPgrp(pgrp: Pid, ignored: Task | null): boolean {
	const list = pgrp.pgrpTasks;
	if (list === null) return true;
	for (const p of list) {
		const parent = p.realParent;
		if (p === ignored || (p.exitState !== 0 && p.threadGroupEmpty())) continue;
		if (parent === null || isGlobalInit(parent)) continue;
		if (parent.signal.pgrp !== pgrp && parent.signal.session === p.signal.session) return false;
	}
	return true;
}

/** has_stopped_jobs(). */
function hasStoppedJobs(pgrp: Pid): boolean {
	const list = pgrp.pgrpTasks;
	if (list === null) return false;
	for (const p of list) if (p.signal.flags & SIGNAL_STOP_STOPPED) return true;
	return false;
}

/**
 * kill_orphaned_pgrp(): when an exit (`parent` null) or a reparenting leaves
 * `tsk`'s process group orphaned with stopped processes in it, they get
 * SIGHUP and then SIGCONT (POSIX).
 */
export function killOrphanedPgrp(k: Kernel, tsk: Task, parent: Task | null): void {
	const pgrp = tsk.signal.pgrp;
	let ignored: Task | null = tsk;
	if (parent === null) parent = tsk.realParent;
	else ignored = null;
	if (parent === null) return;
	if (
		parent.signal.pgrp !== pgrp &&
		parent.signal.session === tsk.signal.session &&
		willBecomeOrphanedPgrp(pgrp, ignored) &&
		hasStoppedJobs(pgrp)
	) {
		killPgrpInfo(k, SIGHUP, null, pgrp);
		killPgrpInfo(k, SIGCONT, null, pgrp);
	}
}

// ------------------------------------------------------------ kill(2)

/** kill_ok_by_cred(): the sender's real or effective uid is the target's real or saved uid. */
function killOkByCred(cred: Cred, tcred: Cred): boolean {
	return (
		cred.euid === tcred.suid ||
		cred.euid === tcred.uid ||
		cred.uid === tcred.suid ||
		cred.uid === tcred.uid ||
		cred.capable(CAP_KILL)
	);
}

/**
 * check_kill_permission(): `sender` null for a signal the kernel generates
 * (SEND_SIG_PRIV, never refused). SIGCONT may go to any process of the
 * sender's session.
 */
function checkKillPermission(sig: number, sender: Task | null, t: Task): ErrnoName | null {
	if (!validSignal(sig)) return "EINVAL";
	if (sender === null) return null;
	if (sender.signal !== t.signal && !killOkByCred(sender.cred, t.cred)) {
		if (sig !== SIGCONT || t.signal.session !== sender.signal.session) return "EPERM";
	}
	return null;
}

/**
 * group_send_sig_info(): the permission check, then the signal (none for
 * signal 0). A signal from a task that cannot see the target (an ancestor
 * namespace) or from the kernel is forced on a namespace's init.
 */
function groupSendSigInfo(
	k: Kernel,
	sig: number,
	sender: Task | null,
	p: Task,
	type: number,
): ErrnoName | null {
	const err = checkKillPermission(sig, sender, p);
	if (err !== null || sig === 0) return err;
	if (p.released) return "ESRCH";
	const force = sender === null || sender.pidIn(p.pidNs) === 0;
	sendSignalLocked(k, sig, p, type, force);
	return null;
}

/**
 * __kill_pgrp_info(): every process of the group; success when any delivery
 * succeeded, else the last error, ESRCH for an empty group.
 */
export function killPgrpInfo(
	k: Kernel,
	sig: number,
	sender: Task | null,
	pgrp: Pid | undefined,
): ErrnoName | null {
	const list = pgrp?.pgrpTasks;
	if (list === null || list === undefined || list.size === 0) return "ESRCH";
	let ret: ErrnoName | null = "ESRCH";
	// A delivery may kill and reap members: take the list as it is now.
	for (const p of [...list]) {
		if (p.released) continue;
		const err = groupSendSigInfo(k, sig, sender, p, PIDTYPE_PGID);
		if (ret !== null) ret = err;
	}
	return ret;
}

/**
 * kill_something_info(): kill(2) from `sender`. pid > 0 is a process (any of
 * its threads' ids), 0 the sender's process group, -1 every process the
 * sender may signal but init and itself, < -1 the process group -pid.
 */
export function killSomethingInfo(
	k: Kernel,
	sender: Task,
	pid: number,
	sig: number,
): ErrnoName | null {
	const ns = sender.pidNs;
	if (pid > 0) {
		// kill_proc_info()
		const p = ns.findTask(pid);
		if (p === null) return "ESRCH";
		return groupSendSigInfo(k, sig, sender, p, PIDTYPE_TGID);
	}
	if (pid === -2147483648) return "ESRCH";
	if (pid !== -1)
		return killPgrpInfo(k, sig, sender, pid === 0 ? sender.signal.pgrp : ns.findPid(-pid));
	let retval: ErrnoName | null = null;
	let count = 0;
	for (const p of [...k.processes]) {
		if (p.released || p.pidIn(ns) <= 1 || p.signal === sender.signal) continue;
		const err = groupSendSigInfo(k, sig, sender, p, PIDTYPE_MAX);
		count++;
		if (err !== "EPERM") retval = err;
	}
	return count > 0 ? retval : "ESRCH";
}

/** send_sig_info(sig, SEND_SIG_PRIV, t): a signal from the kernel to one thread. */
export function sendSigPriv(k: Kernel, sig: number, t: Task): ErrnoName | null {
	if (!validSignal(sig)) return "EINVAL";
	if (t.released) return "ESRCH";
	if (sig !== 0) sendSignalLocked(k, sig, t, PIDTYPE_PID, true);
	return null;
}

// ------------------------------------------------------------ the task's own calls

/**
 * do_sigaction(): set the disposition of `sig` (`act` null only reads it);
 * returns the previous one. SIG_IGN, or SIG_DFL of a signal whose default is
 * to ignore, discards that signal wherever it is pending in the process.
 */
export function doSigaction(
	k: Kernel,
	task: Task,
	sig: number,
	act: SigActionInit | null,
): SigAction | ErrnoName {
	if (!validSignal(sig) || sig < 1 || (act !== null && sigKernelOnly(sig))) return "EINVAL";
	const sighand = task.sighand;
	const old = sighand.action(sig);
	if (act === null) return old;
	const init = typeof act === "number" ? { handler: act } : act;
	const handler = init.handler;
	if (handler !== SIG_DFL && handler !== SIG_IGN && handler !== SIG_HANDLER) return "EINVAL";
	const flags = ((init.flags ?? 0) & UAPI_SA_FLAGS) >>> 0;
	const mask = (init.mask ?? 0) & ALL_SIGNALS & ~SIG_KERNEL_ONLY_MASK;
	const next =
		flags === 0 && mask === 0
			? handler === SIG_DFL
				? SIG_DFL_ACTION
				: handler === SIG_IGN
					? SIG_IGN_ACTION
					: Object.freeze({ handler, flags, mask })
			: Object.freeze({ handler, flags, mask });
	sighand.setAction(sig, next);
	const signal = task.signal;
	if (sigHandlerIgnored(handler, sig)) {
		flushGroupMask(signal, sigmask(sig));
	} else if (handler === SIG_DFL && groupPending(signal) & sigmask(sig)) {
		// The default action now applies to what is pending (get_signal() on return).
		for (const t of [...signal.threads]) deliverPending(k, t);
	}
	return old;
}

/**
 * sigprocmask(): change the task's blocked mask and return the old one.
 * SIGKILL and SIGSTOP are silently left out. Signals it unblocks that are
 * pending are acted on at once; shared ones it blocks go to another thread.
 */
export function sigprocmask(k: Kernel, task: Task, how: number, set: number): number | ErrnoName {
	const old = task.blocked;
	let next: number;
	switch (how) {
		case SIG_BLOCK:
			next = old | set;
			break;
		case SIG_UNBLOCK:
			next = old & ~set;
			break;
		case SIG_SETMASK:
			next = set;
			break;
		default:
			return "EINVAL";
	}
	setTaskBlocked(k, task, next & ALL_SIGNALS & ~SIG_KERNEL_ONLY_MASK);
	return old;
}

/** __set_task_blocked(). */
function setTaskBlocked(k: Kernel, task: Task, next: number): void {
	const old = task.blocked;
	if (old === next) return;
	task.blocked = next;
	const newlyBlocked = next & ~old;
	if (newlyBlocked & task.signal.sharedPending && !task.threadGroupEmpty()) {
		retargetSharedPending(k, task, newlyBlocked);
	}
	if (old & ~next & (task.pending | task.signal.sharedPending)) deliverPending(k, task);
}

/**
 * dequeue_signal() as the userland's get_signal(): act on pending signals
 * with a default action, then take the next signal with a handler (0 when
 * there is none, or the task stopped or died meanwhile). SA_RESETHAND
 * resets the disposition to SIG_DFL. The userland runs the handler, and
 * blocks the action's mask around it if it wants sa_mask semantics.
 */
export function dequeueSignal(k: Kernel, t: Task): number {
	deliverPending(k, t);
	if (t.flags & PF_EXITING || t.signal.groupExit || t.state & (TASK_STOPPED | TASK_TRACED))
		return 0;
	const signal = t.signal;
	let sig = nextSignal(t.pending, t.blocked);
	if (sig !== 0) {
		t.pending &= ~sigmask(sig);
	} else {
		sig = nextSignal(signal.sharedPending, t.blocked);
		if (sig === 0) return 0;
		signal.sharedPending &= ~sigmask(sig);
	}
	if (t.sighand.action(sig).flags & SA_RESETHAND) t.sighand.setAction(sig, SIG_DFL_ACTION);
	return sig;
}

/** signal_pending(): a signal the task does not block is pending for it. */
export function signalPending(t: Task): boolean {
	return ((t.pending | t.signal.sharedPending) & ~t.blocked) !== 0;
}

/**
 * RLIMIT_SIGPENDING's default (max_threads / 2, from the memory size): what
 * this machine's kernel sets, SigQ's second number.
 */
export const RLIMIT_SIGPENDING_DEFAULT = 96365;

/**
 * The queued signals (struct sigqueue) charged to `uid`, SigQ's first number:
 * every pending signal but SIGKILL of the user's tasks (a process's shared
 * queue counts for its leader's user).
 */
export function sigqueueCount(k: Kernel, uid: number): number {
	let n = 0;
	for (const p of k.processes) {
		if (p.cred.uid === uid) n += popcount(p.signal.sharedPending & ~SIGKILL_MASK);
		for (const t of p.signal.threads) {
			if (t.cred.uid === uid) n += popcount(t.pending & ~SIGKILL_MASK);
		}
	}
	return n;
}

function popcount(x: number): number {
	let n = 0;
	for (let v = x; v !== 0; v &= v - 1) n++;
	return n;
}
