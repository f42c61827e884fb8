/**
 * Task exit, reparenting and reaping (kernel/exit.c): do_exit(),
 * exit_notify(), forget_original_parent(), release_task() and the
 * non-blocking part of wait4().
 */
import { KernelError } from "./errno.ts";
import type { Kernel } from "./kernel.ts";
import { detachPid } from "./pid.ts";
import {
	EXIT_DEAD,
	EXIT_ZOMBIE,
	PF_EXITING,
	SIGCHLD,
	SIGKILL,
	TASK_DEAD,
	type Task,
} from "./task.ts";

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
	checkNotInit(k, task, task.signal.live === 1);
	task.flags |= PF_EXITING;
	task.signal.live--;
	task.exitCode = status;
	task.files?.release();
	task.files = null;
	task.fs?.release();
	task.fs = null;
	k.cgroup.exit(task);
	exitNotify(k, task);
	task.state = TASK_DEAD;
}

/** do_group_exit(): every thread of the process exits with `status`. */
export function doGroupExit(k: Kernel, task: Task, status: number): void {
	const signal = task.signal;
	checkNotInit(k, task, true);
	if (!signal.groupExit) {
		signal.groupExit = true;
		signal.groupExitCode = status;
	}
	for (const t of [...signal.threads]) {
		if (t !== task && !(t.flags & PF_EXITING)) doExit(k, t, signal.groupExitCode);
	}
	if (!(task.flags & PF_EXITING)) doExit(k, task, signal.groupExitCode);
}

/**
 * do_notify_parent(): tell the parent a child process is gone. Returns true
 * when the child is reaped at once because the parent ignores SIGCHLD.
 */
function doNotifyParent(k: Kernel, task: Task, sig: number): boolean {
	const parent = task.realParent;
	if (parent === null) return true;
	k.notifyChildExit(parent, task);
	if (parent.groupLeader.reapsChildren) return true;
	return sig === SIGCHLD && parent.sighand.sigchldIgnored;
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
		doGroupExit(k, t, signalStatus(SIGKILL));
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
		}
	}
	children.spliceTo(reaper.children);
}

/** Shared by exits with no children to hand over (nothing is ever added). */
const NO_DEAD: Task[] = [];

/** exit_notify(). */
function exitNotify(k: Kernel, task: Task): void {
	const dead: Task[] = task.hasChildren ? [] : NO_DEAD;
	forgetOriginalParent(k, task, dead);
	task.exitState = EXIT_ZOMBIE;
	let autoreap: boolean;
	if (task.isGroupLeader()) {
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
	let p: Task | null = task;
	while (p !== null) {
		const t: Task = p;
		const leader = t.groupLeader;
		const signal = t.signal;
		signal.removeThread(t);
		signal.nrThreads--;
		// __unhash_process()
		t.threadPid.task = null;
		detachPid(t.threadPid);
		if (t === leader) {
			detachPid(t.threadPid); // PIDTYPE_TGID
			detachPid(signal.pgrp);
			detachPid(signal.session);
			k.processes.delete(t);
			t.realParent?.children.delete(t);
		}
		k.cgroup.release(t);
		t.released = true;
		p = null;
		if (leader !== t && leader.threadGroupEmpty() && leader.exitState === EXIT_ZOMBIE) {
			if (doNotifyParent(k, leader, leader.exitSignal)) {
				leader.exitState = EXIT_DEAD;
				p = leader;
			}
		}
	}
}

/** The processes a waiter may reap: the children of every thread of its process. */
function waitableChildren(parent: Task): Task[] {
	const out: Task[] = [];
	for (const t of parent.signal.threads) if (t.hasChildren) for (const c of t.children) out.push(c);
	return out;
}

/**
 * The non-blocking core of wait4(): reap a zombie child matching `pid`
 * (-1 for any). Returns null when matching children exist but none is a
 * zombie yet; throws ECHILD when there is no matching child.
 */
export function waitReap(
	k: Kernel,
	parent: Task,
	pid: number,
): { pid: number; status: number } | null {
	const ns = parent.pidNs;
	const matching = waitableChildren(parent).filter((c) => pid === -1 || c.tgidIn(ns) === pid);
	if (matching.length === 0) throw new KernelError("ECHILD");
	for (const c of matching) {
		if (c.exitState === EXIT_ZOMBIE && c.threadGroupEmpty()) {
			const reported = c.tgidIn(ns);
			const status = c.signal.groupExit ? c.signal.groupExitCode : c.exitCode;
			c.exitState = EXIT_DEAD;
			releaseTask(k, c);
			return { pid: reported, status };
		}
	}
	return null;
}
