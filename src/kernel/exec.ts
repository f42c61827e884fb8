/**
 * The process side of execve() (fs/exec.c): de_thread() leaves the caller as
 * the only thread (taking over the leader's pid if it was not the leader),
 * caught signals go back to SIG_DFL, and the task's comm becomes the
 * program's base name.
 */

import { procExecConnector } from "./cn-proc.ts";
import { doExit, releaseTask, signalStatus } from "./exit.ts";
import type { Kernel } from "./kernel.ts";
import type { ExeFileRef } from "./mm/mm-struct.ts";
import { deliverPending, flushSignalHandlers } from "./signal.ts";
import {
	EXIT_DEAD,
	PF_EXITING,
	PF_FORKNOEXEC,
	SIGCHLD,
	SIGKILL,
	SUID_DUMP_USER,
	SUID_DUMPABLE,
	setDumpable,
	type Task,
	truncateComm,
} from "./task.ts";

/** kbasename(). */
function basename(path: string): string {
	const i = path.lastIndexOf("/");
	return i < 0 ? path : path.slice(i + 1);
}

/** de_thread(). */
function deThread(k: Kernel, task: Task): void {
	const signal = task.signal;
	// zap_other_threads(): SIGKILL to the other threads.
	for (const t of [...signal.threads]) {
		if (t !== task && !(t.flags & PF_EXITING)) {
			doExit(k, t, signalStatus(SIGKILL));
			k.signalWakeUp?.(t);
		}
	}
	const leader = task.groupLeader;
	if (leader === task) return;
	// The caller becomes the leader: swap thread pids, take over the
	// leader's place in the process tree, and release the old leader.
	const myPid = task.threadPid;
	task.threadPid = leader.threadPid;
	leader.threadPid = myPid;
	task.threadPid.task = task;
	myPid.task = leader;
	task.pid = task.threadPid.nr;
	leader.pid = myPid.nr;
	task.groupLeader = task;
	leader.groupLeader = task;
	task.tgid = task.pid;
	leader.tgid = task.pid;
	task.realParent = leader.realParent;
	task.exitSignal = SIGCHLD;
	leader.realParent?.children.replace(leader, task);
	k.processes.replace(leader, task);
	signal.pgrp.pgrpTasks?.replace(leader, task);
	if (leader.hasChildren) leader.children.spliceTo(task.children);
	leader.exitSignal = -1;
	leader.exitState = EXIT_DEAD;
	releaseTask(k, leader);
}

/**
 * exec: single-threaded afterwards, handled signals reset and ignored ones
 * kept (flush_signal_handlers()), no longer PF_FORKNOEXEC (setpgid() on it
 * from its parent fails with EACCES), comm set from the file name. The
 * signal mask and pending signals are kept; a pending signal whose handler
 * was reset gets its default action on the way back to user mode.
 * `exeFile` is the VFS's path of the file now running (/proc/PID/exe).
 */
export function execTask(
	k: Kernel,
	task: Task,
	filename: string,
	argv: readonly string[] = [],
	exeFile: ExeFileRef | null = null,
): void {
	deThread(k, task);
	// exec_mmap(): a fresh address space; the old one goes with its last user.
	const oldMm = task.mm;
	task.mm = k.mm.newMm(task);
	task.mm.exeFile = exeFile;
	if (oldMm !== null) k.mm.mmput(oldMm);
	task.cmdline = argv;
	// begin_new_exec(): dumpable again unless the ids differ (no setuid files here).
	const c = task.cred;
	setDumpable(task, c.euid === c.uid && c.egid === c.gid ? SUID_DUMP_USER : SUID_DUMPABLE);
	task.sighand = flushSignalHandlers(task.sighand, false);
	task.flags &= ~PF_FORKNOEXEC;
	task.comm = truncateComm(basename(filename));
	procExecConnector(k, task);
	deliverPending(k, task);
}
