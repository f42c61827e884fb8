/**
 * The emulated kernel: clock, randomness, log, pid namespaces, tasks and the
 * cgroup core. Pure and synchronous: every operation completes before it
 * returns, and work the real kernel defers (the release agent) is queued and
 * runs when the caller next calls runPendingWork(), which the syscall layer
 * does on every return to user space.
 */
import { BUILTIN_SUBSYSTEMS } from "./cgroup/builtin.ts";
import type { Cgroup } from "./cgroup/cgroup.ts";
import { cgroup1BaseFiles } from "./cgroup/cgroup-v1.ts";
import { cgroup2BaseFiles } from "./cgroup/cgroup-v2.ts";
import { CgroupCore } from "./cgroup/core.ts";
import { cgroupAttachTask, cgroupPostAttach } from "./cgroup/migrate.ts";
import type { SubsystemDef } from "./cgroup/subsys.ts";
import { Clock } from "./clock.ts";
import { Cred } from "./cred.ts";
import { KernelError } from "./errno.ts";
import { execTask } from "./exec.ts";
import { doExit, doGroupExit, waitReap } from "./exit.ts";
import { type CloneArgs, copyProcess, unsharePidNs } from "./fork.ts";
import {
	allocPid,
	attachPid,
	PID_MAX_DEFAULT,
	Pid,
	PidNamespace,
	PROC_PID_INIT_INO,
} from "./pid.ts";
import { Rng } from "./rng.ts";
import {
	NsProxy,
	PF_EXITING,
	PF_KTHREAD,
	PF_NO_SETAFFINITY,
	ProcessList,
	SighandStruct,
	SignalStruct,
	type TASK_INTERRUPTIBLE,
	type TASK_RUNNING,
	type TASK_STOPPED,
	type TASK_UNINTERRUPTIBLE,
	Task,
} from "./task.ts";

export interface KernelConfig {
	/** Seed of every random choice the emulation makes. */
	seed?: number;
	/** pid_max of the init pid namespace. */
	pidMax?: number;
	/** Wall-clock time at boot, ns since the epoch. */
	bootEpochNs?: number;
	/** The compiled-in controllers, in id order. */
	subsystems?: readonly SubsystemDef[];
}

/** A usermode helper run (call_usermodehelper()): the program and how it went. */
export interface UsermodeHelperCall {
	readonly task: Task;
	readonly path: string;
	readonly argv: readonly string[];
	readonly envp: readonly string[];
}

/**
 * Runs a usermode helper's program on the task created for it; it must make
 * the task exit when the program is done. Returns false when there is no such
 * program (the exec fails, as with ENOENT).
 */
export type UsermodeHelperRunner = (call: UsermodeHelperCall) => boolean;

export interface LogRecord {
	readonly timeNs: number;
	readonly text: string;
}

const LOG_CAPACITY = 1024;
/** 2026-01-01T00:00:00Z: a fixed boot time, so runs are reproducible. */
const DEFAULT_BOOT_EPOCH_NS = 1_767_225_600_000_000_000;

export class Kernel {
	readonly clock: Clock;
	readonly rng: Rng;
	readonly initPidNs: PidNamespace;
	readonly cgroup: CgroupCore;
	/** init_task.tasks: every process (thread-group leader) until it is reaped, oldest first. */
	readonly processes = new ProcessList();
	/** The task that was pid 1 at boot (init is whichever task has pid 1 now). */
	private readonly bootInit: Task;
	/** pid 2, the parent of kernel threads and usermode helpers. */
	readonly kthreadd: Task;
	/** The kernel log (dmesg). */
	readonly log: LogRecord[] = [];
	/** What runs usermode helpers; set by the userland. */
	usermodeHelper: UsermodeHelperRunner | null = null;
	/** Every usermode helper started, most recent last (bounded). */
	readonly usermodeHelperCalls: UsermodeHelperCall[] = [];
	private readonly work: (() => void)[] = [];
	private nextNsInum = 0xf0000000;
	private readonly childExitListeners: ((parent: Task, child: Task) => void)[] = [];

	constructor(config: KernelConfig = {}) {
		this.clock = new Clock(config.bootEpochNs ?? DEFAULT_BOOT_EPOCH_NS);
		this.rng = new Rng(config.seed ?? 0);
		this.initPidNs = new PidNamespace(null, config.pidMax ?? PID_MAX_DEFAULT, PROC_PID_INIT_INO);
		this.cgroup = new CgroupCore(this, config.subsystems ?? BUILTIN_SUBSYSTEMS, {
			v1: cgroup1BaseFiles,
			dfl: cgroup2BaseFiles,
		});
		// The idle task's pid 0: kthreadd keeps it as process group and session.
		const idlePid = new Pid(this.initPidNs, [0]);
		this.bootInit = this.spawnBootTask("init", 0, null);
		this.kthreadd = this.spawnBootTask("kthreadd", PF_KTHREAD | PF_NO_SETAFFINITY, idlePid);
		this.kthreadd.noCgroupMigration = true;
		this.kthreadd.sighand.sigchldIgnored = true;
		// init reaps its children (orphans included) as soon as they exit.
		this.init.reapsChildren = true;
	}

	/**
	 * rest_init(): pid 1 and pid 2 are created from the idle task. init leads
	 * its own session and process group (as an init system makes it); kthreadd
	 * stays in the idle task's (`group`).
	 */
	private spawnBootTask(comm: string, flags: number, group: Pid | null): Task {
		const pid = allocPid(this.initPidNs);
		const signal = new SignalStruct(group ?? pid, group ?? pid);
		const task = new Task({
			threadPid: pid,
			groupLeader: null,
			signal,
			sighand: new SighandStruct(),
			realParent: null,
			cred: Cred.root(),
			comm,
			exitSignal: 17,
			nsproxy: new NsProxy(this.initPidNs, null),
			startTime: this.clock.now(),
			flags,
		});
		signal.nrThreads = 1;
		signal.live = 1;
		signal.threads.add(task);
		attachPid(pid);
		attachPid(pid);
		attachPid(signal.pgrp);
		attachPid(signal.session);
		pid.task = task;
		if (pid.nr === 1) {
			this.initPidNs.childReaper = task;
			signal.unkillable = true;
		}
		this.processes.add(task);
		const cset = this.cgroup.initCssSet;
		this.cgroup.getCssSet(cset);
		this.cgroup.postFork(task, cset);
		return task;
	}

	/** pid 1: the boot init, or the thread that took its place through exec. */
	get init(): Task {
		return this.initPidNs.findTask(1) ?? this.bootInit;
	}

	allocNsInum(): number {
		return this.nextNsInum++;
	}

	// ------------------------------------------------------------- tasks

	/** fork()/clone(): see copyProcess. */
	fork(parent: Task, args: CloneArgs = {}): Task {
		return copyProcess(this, parent, args);
	}

	/** exit() of one thread with a wait status. */
	exit(task: Task, status: number): void {
		doExit(this, task, status);
	}

	/** exit_group(): every thread of the task's process. */
	exitGroup(task: Task, status: number): void {
		doGroupExit(this, task, status);
	}

	/** wait4(pid, WNOHANG): reap a zombie child, null if none is ready yet. */
	waitReap(parent: Task, pid = -1): { pid: number; status: number } | null {
		return waitReap(this, parent, pid);
	}

	/** The process side of execve(). */
	exec(task: Task, filename: string): void {
		execTask(this, task, filename);
	}

	/** unshare(CLONE_NEWPID). */
	unsharePidNs(task: Task): void {
		unsharePidNs(this, task);
	}

	/**
	 * Scheduler states a live task moves between: running (R), sleeping (S),
	 * in uninterruptible sleep (D), stopped (T). Zombies and dead tasks stay
	 * as they are (EINVAL).
	 */
	setState(
		task: Task,
		state:
			| typeof TASK_RUNNING
			| typeof TASK_INTERRUPTIBLE
			| typeof TASK_UNINTERRUPTIBLE
			| typeof TASK_STOPPED,
	): void {
		if (task.exitState !== 0 || task.flags & PF_EXITING) throw new KernelError("EINVAL");
		task.state = state;
	}

	/** find_task_by_pid_ns() in the init namespace. */
	findTask(pid: number): Task | null {
		return this.initPidNs.findTask(pid);
	}

	/** Called when a child process becomes a zombie (SIGCHLD delivery point). */
	onChildExit(listener: (parent: Task, child: Task) => void): void {
		this.childExitListeners.push(listener);
	}

	notifyChildExit(parent: Task, child: Task): void {
		for (const l of this.childExitListeners) l(parent, child);
	}

	// ------------------------------------------------------------- cgroups

	/** cgroup_attach_task() through the kernel API (no permission checks). */
	attachTask(dst: Cgroup, task: Task, threadgroup: boolean): void {
		try {
			cgroupAttachTask(this.cgroup, dst, task, threadgroup);
		} finally {
			cgroupPostAttach(this.cgroup);
		}
	}

	/**
	 * cgroup1_release_agent(): run the hierarchy's release agent with the
	 * cgroup's path, from a usermode helper.
	 */
	releaseAgent(cgrp: Cgroup): void {
		const agent = cgrp.root.releaseAgentPath;
		if (agent.length === 0) return;
		this.callUsermodeHelper(
			agent,
			[agent, cgrp.pathMax()],
			["HOME=/", "PATH=/sbin:/bin:/usr/sbin:/usr/bin"],
		);
	}

	/**
	 * call_usermodehelper(UMH_WAIT_EXEC): a new process, child of kthreadd,
	 * with full root credentials, in the root cgroups, that execs `path`.
	 */
	callUsermodeHelper(path: string, argv: string[], envp: string[]): Task {
		const task = this.fork(this.kthreadd, {});
		task.sighand = new SighandStruct();
		task.cred = Cred.root();
		const call: UsermodeHelperCall = { task, path, argv, envp };
		this.usermodeHelperCalls.push(call);
		if (this.usermodeHelperCalls.length > LOG_CAPACITY) this.usermodeHelperCalls.shift();
		const ran = this.usermodeHelper?.(call) ?? false;
		if (!ran) this.exit(task, 0);
		return task;
	}

	// ------------------------------------------------------------ plumbing

	/** schedule_work(). */
	queueWork(fn: () => void): void {
		this.work.push(fn);
	}

	/**
	 * Run deferred work until none is left. Re-entrant: work that makes
	 * syscalls (a usermode helper) drains the same queue without repeats.
	 */
	runPendingWork(): void {
		for (let fn = this.work.shift(); fn !== undefined; fn = this.work.shift()) fn();
	}

	get pendingWork(): number {
		return this.work.length;
	}

	/** printk(). */
	printk(text: string): void {
		this.log.push({ timeNs: this.clock.now(), text });
		if (this.log.length > LOG_CAPACITY) this.log.shift();
	}
}
