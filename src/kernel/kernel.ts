/**
 * The emulated kernel: clock, randomness, log, pid namespaces, tasks and the
 * cgroup core. Pure and synchronous: every operation completes before it
 * returns, and work the real kernel defers (the release agent) is queued and
 * runs when the caller next calls runPendingWork(), which the syscall layer
 * does on every return to user space.
 */
import { cgroup2BaseFiles } from "./cgroup/base-files-v2.ts";
import { BUILTIN_SUBSYSTEMS } from "./cgroup/builtin.ts";
import type { Cgroup } from "./cgroup/cgroup.ts";
import { cgroup1BaseFiles } from "./cgroup/cgroup-v1.ts";
import { CgroupCore } from "./cgroup/core.ts";
import { cgroupAttachTask, cgroupPostAttach } from "./cgroup/migrate.ts";
import type { SubsystemDef } from "./cgroup/subsys.ts";
import { Clock } from "./clock.ts";
import { CnProc } from "./cn-proc.ts";
import { Cred } from "./cred.ts";
import { type ErrnoName, KernelError } from "./errno.ts";
import { execTask } from "./exec.ts";
import { doExit, doGroupExit, doWait, type WaitResult, waitReap } from "./exit.ts";
import { type CloneArgs, copyProcess, unsharePidNs } from "./fork.ts";
import { Machine, type MachineConfig } from "./machine.ts";
import { MemoryManager } from "./mm/memory.ts";
import type { ExeFileRef } from "./mm/mm-struct.ts";
import { CnDev } from "./net/connector.ts";
import { Net } from "./net/net.ts";
import { NetlinkTable } from "./net/netlink.ts";
import {
	allocPid,
	attachPgrp,
	attachPid,
	PID_MAX_DEFAULT,
	Pid,
	PidNamespace,
	PROC_PID_INIT_INO,
} from "./pid.ts";
import { Rng } from "./rng.ts";
import { CpuScheduler } from "./sched/core.ts";
import { Psi } from "./sched/psi.ts";
import {
	dequeueSignal,
	doSigaction,
	ignoreSignals,
	killPgrpInfo,
	killSomethingInfo,
	type SigAction,
	type SigActionInit,
	SighandStruct,
	sendSigPriv,
	signalPending,
	sigprocmask,
	willBecomeOrphanedPgrp,
} from "./signal.ts";
import {
	doGetpgid,
	doGetsid,
	ksysSetpgid,
	ksysSetsid,
	sysSetgroups,
	sysSetresgid,
	sysSetresuid,
} from "./sys.ts";
import {
	NsProxy,
	PF_EXITING,
	PF_FORKNOEXEC,
	PF_KTHREAD,
	PF_NO_SETAFFINITY,
	ProcessList,
	SignalStruct,
	type TASK_INTERRUPTIBLE,
	type TASK_RUNNING,
	type TASK_STOPPED,
	type TASK_UNINTERRUPTIBLE,
	Task,
} from "./task.ts";
import { TraceBus } from "./trace.ts";

export interface KernelConfig {
	/** Seed of every random choice the emulation makes. */
	seed?: number;
	/** pid_max of the init pid namespace. */
	pidMax?: number;
	/** Wall-clock time at boot, ns since the epoch. */
	bootEpochNs?: number;
	/** The compiled-in controllers, in id order. */
	subsystems?: readonly SubsystemDef[];
	/** The simulated hardware: CPUs, NUMA nodes, memory, devices. */
	machine?: MachineConfig;
	/** swapaccount: memcg v1 accounts swap (the memsw files); on by default as on the reference kernel. */
	swapAccount?: boolean;
	/**
	 * Charge moving (memory.move_charge_at_immigrate 1..3) as kernels up to
	 * 6.12 had it; the reference kernel (6.18) only accepts 0.
	 */
	memcgMoveCharge?: boolean;
}

/** Throw the errno a kernel function returned, or hand back its value. */
function check<T extends object | number | null>(r: T | ErrnoName): T {
	if (typeof r === "string") throw new KernelError(r);
	return r;
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
	/** The simulated hardware. */
	readonly machine: Machine;
	/** The CPU scheduler model: who runs where, CPU time and its accounting. */
	readonly sched: CpuScheduler;
	/** Pressure stall information of the system and of every cgroup2 cgroup. */
	readonly psi: Psi;
	/** Page frames, swap, memcg charging, reclaim and the OOM killer. */
	readonly mm: MemoryManager;
	/** The network namespace: TCP over loopback, its ports and socket memory. */
	readonly net: Net;
	/** nl_table: the netlink protocols and their sockets. */
	readonly netlink = new NetlinkTable();
	/** The connector (NETLINK_CONNECTOR) and its process events, which fork, exec, exit and set*id raise. */
	readonly connector: CnDev;
	readonly cnProc: CnProc;
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
	/** The tracepoints (trace.ts): subscribe to see what the kernel does. */
	readonly trace = new TraceBus();
	/** Whether a descriptor is open in a task (set by the VFS; for cgroup.event_control). */
	fdIsOpen: ((task: Task, fd: number) => boolean) | null = null;
	/** What runs usermode helpers; set by the userland. */
	usermodeHelper: UsermodeHelperRunner | null = null;
	/** Every usermode helper started, most recent last (bounded). */
	readonly usermodeHelperCalls: UsermodeHelperCall[] = [];
	/**
	 * signal_wake_up(): a signal was made pending for the task (it has a
	 * handler), or the task was stopped, continued or killed. Set by the
	 * userland scheduler, which re-evaluates the task.
	 */
	signalWakeUp: ((task: Task) => void) | null = null;
	/** How deep the kernel is in exit paths (do_exit(), release_task()); see deferredKills. */
	exitDepth = 0;
	/** Processes a signal doomed inside an exit path: they exit when it is done. */
	readonly deferredKills: Task[] = [];
	private readonly work: (() => void)[] = [];
	private nextNsInum = 0xf0000000;
	private readonly childExitListeners: ((parent: Task, child: Task) => void)[] = [];

	constructor(config: KernelConfig = {}) {
		this.clock = new Clock(config.bootEpochNs ?? DEFAULT_BOOT_EPOCH_NS);
		this.rng = new Rng(config.seed ?? 0);
		this.machine = new Machine(config.machine);
		this.sched = new CpuScheduler(this.machine);
		this.clock.onAdvance = (from, to) => {
			this.sched.advance(from, to);
			this.psi.clockAdvanced(to);
		};
		this.psi = new Psi(this);
		this.sched.onRatesChanged = (now) => this.psi.schedChanged(this.sched, now);
		this.mm = new MemoryManager(this, {
			memswAccount: config.swapAccount ?? true,
			moveCharge: config.memcgMoveCharge ?? false,
		});
		this.net = new Net(this);
		this.connector = new CnDev(this);
		this.cnProc = new CnProc(this);
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
		this.kthreadd.sighand = ignoreSignals();
		// init reaps its children (orphans included) as soon as they exit.
		this.init.reapsChildren = true;
	}

	/**
	 * rest_init(): pid 1 and pid 2 are created from the idle task. init leads
	 * its own session and process group (as an init system makes it, and it
	 * has exec'd); kthreadd stays in the idle task's (`group`).
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
			flags: group === null ? flags : flags | PF_FORKNOEXEC,
			cpusAllowed: this.machine.possible.copy(),
			memsAllowed: this.machine.nodesWithMemory.copy(),
		});
		signal.nrThreads = 1;
		signal.live = 1;
		signal.leader = group === null;
		signal.threads.add(task);
		if (!(flags & PF_KTHREAD)) task.mm = this.mm.newMm(task);
		attachPid(pid);
		attachPid(pid);
		attachPgrp(task, signal.pgrp);
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

	/** wait4(pid, WNOHANG | __WALL): reap a zombie child, null if none is ready yet. */
	waitReap(parent: Task, pid = -1): WaitResult | null {
		return check(waitReap(this, parent, pid));
	}

	/**
	 * wait4(): reap a zombie child, or report a stop (WUNTRACED) or continue
	 * (WCONTINUED) once; see doWait. Throws ECHILD when no child matches and
	 * WouldBlock (on parent.signal.waitChldExit) when it would sleep; null
	 * with WNOHANG when no child is ready.
	 */
	wait4(parent: Task, pid: number, options: number): WaitResult | null {
		return check(doWait(this, parent, pid, options));
	}

	/** The process side of execve(). */
	exec(
		task: Task,
		filename: string,
		argv: readonly string[] = [],
		exeFile: ExeFileRef | null = null,
	): void {
		execTask(this, task, filename, argv, exeFile);
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

	// ------------------------------------------------------------- signals

	/**
	 * kill(2) from `sender`: pid > 0 a process, 0 the sender's process group,
	 * -1 every process it may signal but init and itself, < -1 the process
	 * group -pid; sig 0 only checks. ESRCH, EINVAL, EPERM.
	 */
	kill(sender: Task, pid: number, sig: number): void {
		const err = killSomethingInfo(this, sender, pid, sig);
		if (err !== null) throw new KernelError(err);
	}

	/** send_sig(sig, task, 1): a signal from the kernel to one thread (SIGPIPE); no permission check. */
	sendSignal(task: Task, sig: number): void {
		const err = sendSigPriv(this, sig, task);
		if (err === "EINVAL") throw new KernelError(err);
	}

	/** kill_pgrp(pgrp, sig, 1): a signal from the kernel (a terminal's ^C, ^Z) to a process group; false when it is empty. */
	killPgrp(pgrp: Pid, sig: number): boolean {
		if (sig === 0) return false;
		return killPgrpInfo(this, sig, null, pgrp) === null;
	}

	/** is_current_pgrp_orphaned(): the terminal's job control does not stop an orphaned group (EIO). */
	isPgrpOrphaned(pgrp: Pid): boolean {
		return willBecomeOrphanedPgrp(pgrp, null);
	}

	/** sigaction(): set (or with null, read) the disposition of `sig`; returns the previous one. */
	sigaction(task: Task, sig: number, action: SigActionInit | null): SigAction {
		return check(doSigaction(this, task, sig, action));
	}

	/** sigprocmask(how, set): returns the old mask. */
	sigprocmask(task: Task, how: number, set: number): number {
		return check(sigprocmask(this, task, how, set));
	}

	/** The next pending signal with a handler for the userland to run, 0 when there is none. */
	dequeueSignal(task: Task): number {
		return dequeueSignal(this, task);
	}

	/** signal_pending(). */
	signalPending(task: Task): boolean {
		return signalPending(task);
	}

	// ------------------------------------------------ process groups, ids

	/** setpgid(2). */
	setpgid(task: Task, pid: number, pgid: number): void {
		const err = ksysSetpgid(task, pid, pgid);
		if (err !== null) throw new KernelError(err);
	}

	/** getpgid(2) (pid 0: the caller). */
	getpgid(task: Task, pid: number): number {
		return check(doGetpgid(task, pid));
	}

	/** getsid(2) (pid 0: the caller). */
	getsid(task: Task, pid: number): number {
		return check(doGetsid(task, pid));
	}

	/** setsid(2): returns the new session id. */
	setsid(task: Task): number {
		return check(ksysSetsid(this, task));
	}

	/** setresuid(2); -1 leaves an id as it is. */
	setresuid(task: Task, ruid: number, euid: number, suid: number): void {
		const err = sysSetresuid(this, task, ruid, euid, suid);
		if (err !== null) throw new KernelError(err);
	}

	/** setresgid(2). */
	setresgid(task: Task, rgid: number, egid: number, sgid: number): void {
		const err = sysSetresgid(this, task, rgid, egid, sgid);
		if (err !== null) throw new KernelError(err);
	}

	/** setgroups(2). */
	setgroups(task: Task, groups: readonly number[]): void {
		const err = sysSetgroups(task, groups);
		if (err !== null) throw new KernelError(err);
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
	 * cgroup's path, from a usermode helper. It ignores what
	 * call_usermodehelper() returns: an agent that cannot be started (its
	 * fork fails, with EAGAIN once every pid number is in use) just does
	 * not run, and no syscall hears of it (the work runs in a kworker).
	 */
	releaseAgent(cgrp: Cgroup): void {
		const agent = cgrp.root.releaseAgentPath;
		if (agent.length === 0) return;
		if (this.trace.active)
			this.trace.emit({ kind: "release-agent", cgroup: cgrp, agent, path: cgrp.pathMax() });
		try {
			this.callUsermodeHelper(
				agent,
				[agent, cgrp.pathMax()],
				["HOME=/", "PATH=/sbin:/bin:/usr/sbin:/usr/bin"],
			);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
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

	private readonly printedOnce = new Set<string>();

	/** pr_warn_once(): the first time only. */
	printkOnce(text: string): void {
		if (this.printedOnce.has(text)) return;
		this.printedOnce.add(text);
		this.printk(text);
	}

	/** printk(). */
	printk(text: string): void {
		this.log.push({ timeNs: this.clock.now(), text });
		if (this.log.length > LOG_CAPACITY) this.log.shift();
	}
}
