/**
 * Process and thread creation (copy_process() in kernel/fork.c) and
 * unshare() of the pid and cgroup namespaces.
 */

import type { Cgroup } from "./cgroup/cgroup.ts";
import {
	allocCgroupNs,
	type CgroupNamespace,
	getCgroupNs,
	putCgroupNs,
} from "./cgroup/namespace.ts";
import { cssSetForkInto } from "./cgroup/procs-v2.ts";
import { procForkConnector } from "./cn-proc.ts";
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
import { setUserNice } from "./sched/prio.ts";
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
export const CLONE_SYSVSEM = 0x00040000;
export const CLONE_NEWCGROUP = 0x02000000;
export const CLONE_NEWUTS = 0x04000000;
export const CLONE_NEWIPC = 0x08000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;
export const CLONE_NEWNET = 0x40000000;
export const CLONE_NEWTIME = 0x00000080;

export interface CloneArgs {
	/** CLONE_* flags. */
	flags?: number;
	/** Signal for the parent at exit (processes only); SIGCHLD by default. */
	exitSignal?: number;
	/** A kernel thread (PF_KTHREAD). */
	kthread?: boolean;
	/**
	 * CLONE_INTO_CGROUP: the cgroup2 cgroup the child starts in (clone3()'s
	 * `cgroup`, a descriptor of its directory, resolved by the caller).
	 */
	intoCgroup?: Cgroup;
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

	// copy_namespaces(): the cgroup namespace is made once the child has its
	// css_set (cgroup_post_fork() roots it there).
	let nsproxy = current.nsproxy;
	if (flags & (CLONE_NEWPID | CLONE_NEWCGROUP) && !current.cred.capable(CAP_SYS_ADMIN)) {
		throw new KernelError("EPERM");
	}
	if (flags & CLONE_NEWPID) {
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
		const into =
			args.intoCgroup === undefined
				? null
				: cssSetForkInto(k.cgroup, current, args.intoCgroup, thread);
		cset = k.cgroup.canFork(child, current, into);
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
		child.mm.exeFile = current.mm.exeFile?.get() ?? null;
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
	procForkConnector(k, child, current);
	k.cgroup.postFork(child, cset);
	if (flags & CLONE_NEWCGROUP) {
		child.nsproxy = child.nsproxy.with({ cgroupNs: allocCgroupNs(k.cgroup, cset) });
	} else {
		getCgroupNs(child.nsproxy.cgroupNs);
	}
	// trace_sched_process_fork()
	if (k.trace.active) k.trace.emit({ kind: "fork", parent: current, child });
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
 * namespace below the caller's.
 */
export function unsharePidNs(k: Kernel, task: Task): void {
	ksysUnshare(k, task, CLONE_NEWPID);
}

/** The flags check_unshare_flags() accepts. */
const UNSHARE_FLAGS =
	CLONE_THREAD |
	CLONE_FS |
	CLONE_NEWNS |
	CLONE_SIGHAND |
	CLONE_VM |
	CLONE_FILES |
	CLONE_SYSVSEM |
	CLONE_NEWUTS |
	CLONE_NEWIPC |
	CLONE_NEWNET |
	CLONE_NEWUSER |
	CLONE_NEWPID |
	CLONE_NEWCGROUP |
	CLONE_NEWTIME;

/** The namespaces unshare_nsproxy_namespaces() makes. */
const NSPROXY_FLAGS =
	CLONE_NEWNS |
	CLONE_NEWUTS |
	CLONE_NEWIPC |
	CLONE_NEWNET |
	CLONE_NEWPID |
	CLONE_NEWCGROUP |
	CLONE_NEWTIME;

/** What ksysUnshare() can do: the modelled namespaces, and the no-op of a single-threaded caller. */
const UNSHARE_MODELLED = CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;

/**
 * ksys_unshare() for the namespaces the kernel models: CLONE_NEWPID (for
 * children) and CLONE_NEWCGROUP (rooted at the caller's css_set). The flags
 * of what is not modelled (mount, uts, ipc, net, time and user namespaces,
 * fs_struct, files, SysV undo lists) fail with EINVAL once the checks the
 * kernel makes first (flags, threads, CAP_SYS_ADMIN) have passed.
 */
export function ksysUnshare(k: Kernel, task: Task, flags: number): void {
	if (flags & CLONE_NEWUSER) flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_VM) flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND) flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS) flags |= CLONE_FS;
	// check_unshare_flags()
	if (flags & ~UNSHARE_FLAGS) throw new KernelError("EINVAL");
	if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM) && task.signal.nrThreads > 1) {
		throw new KernelError("EINVAL");
	}
	// unshare_nsproxy_namespaces()
	if (flags & NSPROXY_FLAGS && !task.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
	if (flags & ~UNSHARE_MODELLED) throw new KernelError("EINVAL");
	if (!(flags & NSPROXY_FLAGS)) return;
	// create_new_namespaces(): copy_pid_ns(), then copy_cgroup_ns().
	if (flags & CLONE_NEWPID && task.nsproxy.pidNsForChildren !== task.pidNs) {
		throw new KernelError("EINVAL");
	}
	const changes: { pidNsForChildren?: PidNamespace; cgroupNs?: CgroupNamespace } = {};
	if (flags & CLONE_NEWPID) changes.pidNsForChildren = createPidNamespace(k, task.pidNs);
	if (flags & CLONE_NEWCGROUP) changes.cgroupNs = allocCgroupNs(k.cgroup, task.cgroups!);
	// switch_task_namespaces()
	const old = task.nsproxy.cgroupNs;
	task.nsproxy = task.nsproxy.with(changes);
	if (flags & CLONE_NEWCGROUP) putCgroupNs(old);
}

/**
 * exit_task_namespaces(): the exiting task drops its namespaces (do_exit(),
 * after exit_fs()). Its nsproxy stays readable, but nothing may use its
 * cgroup namespace afterwards.
 */
export function exitTaskNamespaces(task: Task): void {
	putCgroupNs(task.nsproxy.cgroupNs);
}
