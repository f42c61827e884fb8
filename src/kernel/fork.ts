/**
 * Process and thread creation (copy_process() in kernel/fork.c) and
 * unshare(CLONE_NEWPID).
 */
import { setUserNice } from "./sched/prio.ts";
import { CAP_SYS_ADMIN } from "./cred.ts";
import { KernelError } from "./errno.ts";
import type { Kernel } from "./kernel.ts";
import {
	allocPid,
	attachPgrp,
	attachPid,
	freePidNumbers,
	MAX_PID_NS_LEVEL,
	PidNamespace,
} from "./pid.ts";
import { SIGNAL_STOP_STOPPED } from "./signal.ts";
import {
	PF_FORKNOEXEC,
	PF_KTHREAD,
	SIGCHLD,
	SignalStruct,
	TASK_STOPPED,
	Task,
	truncateComm,
} from "./task.ts";

export const CLONE_VM = 0x00000100;
export const CLONE_FS = 0x00000200;
export const CLONE_FILES = 0x00000400;
export const CLONE_SIGHAND = 0x00000800;
export const CLONE_VFORK = 0x00004000;
export const CLONE_PARENT = 0x00008000;
export const CLONE_THREAD = 0x00010000;
export const CLONE_NEWNS = 0x00020000;
export const CLONE_NEWCGROUP = 0x02000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;

export interface CloneArgs {
	/** CLONE_* flags. */
	flags?: number;
	/** Signal for the parent at exit (processes only); SIGCHLD by default. */
	exitSignal?: number;
	/** A kernel thread (PF_KTHREAD). */
	kthread?: boolean;
}

/** create_pid_namespace(). */
export function createPidNamespace(k: Kernel, parent: PidNamespace): PidNamespace {
	if (parent.level + 1 > MAX_PID_NS_LEVEL) throw new KernelError("ENOSPC");
	return new PidNamespace(parent, parent.pidMax, k.allocNsInum());
}

/**
 * copy_process(): a new task. With CLONE_THREAD it joins the caller's
 * process; otherwise it is a new process whose parent is the caller (or the
 * caller's parent with CLONE_PARENT). Failure leaves no trace but consumed
 * pid numbers, as in the kernel.
 */
export function copyProcess(k: Kernel, current: Task, args: CloneArgs = {}): Task {
	const flags = args.flags ?? 0;
	if ((flags & (CLONE_NEWNS | CLONE_FS)) === (CLONE_NEWNS | CLONE_FS)) {
		throw new KernelError("EINVAL");
	}
	if (flags & CLONE_THREAD && !(flags & CLONE_SIGHAND)) throw new KernelError("EINVAL");
	if (flags & CLONE_SIGHAND && !(flags & CLONE_VM)) throw new KernelError("EINVAL");
	if (flags & CLONE_PARENT && current.signal.unkillable) throw new KernelError("EINVAL");
	if (flags & CLONE_THREAD) {
		if (flags & (CLONE_NEWUSER | CLONE_NEWPID)) throw new KernelError("EINVAL");
		if (current.nsproxy.pidNsForChildren !== current.pidNs) throw new KernelError("EINVAL");
	}

	// copy_namespaces()
	let nsproxy = current.nsproxy;
	if (flags & CLONE_NEWPID) {
		if (!current.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
		nsproxy = nsproxy.with({
			pidNsForChildren: createPidNamespace(k, nsproxy.pidNsForChildren),
		});
	}
	const pid = allocPid(nsproxy.pidNsForChildren);

	const thread = (flags & CLONE_THREAD) !== 0;
	const leader = thread ? current.groupLeader : null;
	const signal = thread ? current.signal : copySignal(current.signal);
	const realParent =
		flags & (CLONE_PARENT | CLONE_THREAD) ? current.groupLeader.realParent : current;
	const child = new Task({
		threadPid: pid,
		groupLeader: leader,
		signal,
		sighand: flags & CLONE_SIGHAND ? current.sighand : current.sighand.clone(),
		realParent,
		cred: current.cred,
		comm: truncateComm(current.comm),
		exitSignal: thread
			? -1
			: flags & CLONE_PARENT
				? current.groupLeader.exitSignal
				: (args.exitSignal ?? SIGCHLD),
		nsproxy,
		startTime: k.clock.now(),
		flags: args.kthread ? PF_KTHREAD | PF_FORKNOEXEC : PF_FORKNOEXEC,
		cpusAllowed: current.cpusAllowed.copy(),
		memsAllowed: current.memsAllowed.copy(),
	});
	// The signal mask is inherited; nothing is pending for the child.
	child.blocked = current.blocked;
	// sched_fork(): the nice value (and its weight) is inherited.
	setUserNice(child, current.nice);

	let cset: ReturnType<Kernel["cgroup"]["canFork"]>;
	try {
		cset = k.cgroup.canFork(child, current);
	} catch (e) {
		freePidNumbers(pid);
		throw e;
	}

	child.cmdline = current.cmdline;
	child.dumpable = current.dumpable;
	child.files = current.files?.forkCopy((flags & CLONE_FILES) !== 0) ?? null;
	child.fs = current.fs?.forkCopy((flags & CLONE_FS) !== 0) ?? null;
	// copy_mm(): threads share the address space; a new process gets its own
	// (copy-on-write pages are not modelled: the child starts with none).
	if (thread && current.mm !== null) {
		child.mm = current.mm;
		current.mm.users++;
	} else if (!args.kthread && current.mm !== null) {
		child.mm = k.mm.newMm(child);
	}

	// Link into the pid hash, the process tree and the thread group.
	if (thread) {
		signal.nrThreads++;
		signal.live++;
		signal.threads.add(child);
		// task_join_group_stop(): a thread born into a stopped process is stopped too.
		if (signal.flags & SIGNAL_STOP_STOPPED) child.state = TASK_STOPPED;
	} else {
		signal.nrThreads = 1;
		signal.live = 1;
		signal.threads.add(child);
		attachPid(pid); // PIDTYPE_TGID
		attachPgrp(child, signal.pgrp);
		attachPid(signal.session);
		const ns = pid.ns;
		if (pid.numberAt(ns.level) === 1) {
			ns.childReaper = child;
			signal.unkillable = true;
		}
		realParent?.children.add(child);
		k.processes.add(child);
	}
	attachPid(pid); // PIDTYPE_PID
	pid.task = child;
	k.cgroup.postFork(child, cset);
	return child;
}

/** copy_signal(): a new process's signal_struct, in its parent's process group and session, with its OOM adjustments. */
function copySignal(parent: SignalStruct): SignalStruct {
	const sig = new SignalStruct(parent.pgrp, parent.session);
	sig.oomScoreAdj = parent.oomScoreAdj;
	sig.oomScoreAdjMin = parent.oomScoreAdjMin;
	return sig;
}

/**
 * unshare(CLONE_NEWPID): children forked afterwards start a new pid
 * namespace below the caller's. Other namespace flags belong to other layers.
 */
export function unsharePidNs(k: Kernel, task: Task): void {
	if (!task.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
	if (task.nsproxy.pidNsForChildren !== task.pidNs) throw new KernelError("EINVAL");
	task.nsproxy = task.nsproxy.with({ pidNsForChildren: createPidNamespace(k, task.pidNs) });
}
