/**
 * struct task_struct and the structures threads of one process share
 * (signal_struct, sighand_struct), trimmed to what the emulation models.
 */
import type { CssSet } from "./cgroup/css-set.ts";
import type { CgroupNamespace } from "./cgroup/namespace.ts";
import type { Cpumask, Nodemask } from "./cpumask.ts";
import type { Cred } from "./cred.ts";
import { IntrusiveList } from "./list.ts";
import type { MemCgroup } from "./mm/memcontrol.ts";
import type { MmStruct } from "./mm/mm-struct.ts";
import type { Pid, PidNamespace } from "./pid.ts";
import type { TraceStop } from "./ptrace.ts";
import { SchedEntity } from "./sched/entity.ts";
import type { SighandStruct } from "./signal.ts";
import { WaitQueue } from "./wait.ts";

export { SIGCHLD, SIGKILL, SighandStruct } from "./signal.ts";

// task->__state
export const TASK_RUNNING = 0x0;
export const TASK_INTERRUPTIBLE = 0x1;
export const TASK_UNINTERRUPTIBLE = 0x2;
export const TASK_STOPPED = 0x4;
export const TASK_TRACED = 0x8;
export const TASK_PARKED = 0x40;
export const TASK_DEAD = 0x80;
export const TASK_NOLOAD = 0x400;
export const TASK_IDLE = TASK_UNINTERRUPTIBLE | TASK_NOLOAD;

// task->exit_state
export const EXIT_DEAD = 0x10;
export const EXIT_ZOMBIE = 0x20;

// task->flags
export const PF_IDLE = 0x2;
export const PF_EXITING = 0x4;
/** Forked but has not exec'd (setpgid() refuses EACCES for a child that has). */
export const PF_FORKNOEXEC = 0x40;
export const PF_KTHREAD = 0x00200000;
export const PF_NO_SETAFFINITY = 0x04000000;

/** TASK_COMM_LEN includes the terminating NUL. */
export const TASK_COMM_LEN = 16;

/**
 * Per-task resources owned by the filesystem layer (files_struct, fs_struct).
 * The kernel only copies, shares and drops them at fork and exit.
 */
export interface TaskResource<T> {
	/** copy_files()/copy_fs(): `share` for CLONE_FILES/CLONE_FS. */
	forkCopy(share: boolean): T;
	/** exit_files()/exit_fs(). */
	release(): void;
}

export interface TaskFiles extends TaskResource<TaskFiles> {}
export interface TaskFs extends TaskResource<TaskFs> {}

/**
 * struct nsproxy. The kernel models the pid namespace for children and the
 * cgroup namespace; the mount namespace belongs to the filesystem layer.
 */
export class NsProxy {
	readonly pidNsForChildren: PidNamespace;
	/** The mount namespace, opaque to the kernel. */
	readonly mntNs: object | null;
	/** The cgroup namespace; null is init_cgroup_ns (see cgroup/namespace.ts). */
	readonly cgroupNs: CgroupNamespace | null;

	constructor(
		pidNsForChildren: PidNamespace,
		mntNs: object | null,
		cgroupNs: CgroupNamespace | null = null,
	) {
		this.pidNsForChildren = pidNsForChildren;
		this.mntNs = mntNs;
		this.cgroupNs = cgroupNs;
	}

	with(changes: {
		pidNsForChildren?: PidNamespace;
		mntNs?: object | null;
		cgroupNs?: CgroupNamespace | null;
	}): NsProxy {
		return new NsProxy(
			changes.pidNsForChildren ?? this.pidNsForChildren,
			changes.mntNs === undefined ? this.mntNs : changes.mntNs,
			changes.cgroupNs === undefined ? this.cgroupNs : changes.cgroupNs,
		);
	}
}

/** signal_struct: what the threads of one process share. */
export class SignalStruct {
	/** list_del_rcu(&p->thread_node). */
	removeThread(t: Task): void {
		this.threads.delete(t);
	}

	/** Threads not yet past exit_signals() (atomic `live`). */
	live = 0;
	nrThreads = 0;
	/** sig->utime, sig->stime and sig->sum_sched_runtime: CPU time of threads already released (ns). */
	utime = 0;
	stime = 0;
	sumSchedRuntime = 0;
	/** sig->min_flt, maj_flt: page faults of threads already released. */
	minFlt = 0;
	majFlt = 0;
	/** sig->cmin_flt, cmaj_flt: page faults of reaped children and their reaped children. */
	cminFlt = 0;
	cmajFlt = 0;
	/** sig->cutime and sig->cstime: CPU time of reaped children and their reaped children (ns). */
	cutime = 0;
	cstime = 0;
	/** thread_head: every thread until it is released, in creation order. */
	readonly threads = new ThreadList();
	pgrp: Pid;
	session: Pid;
	/** SIGNAL_UNKILLABLE: the init of a pid namespace. */
	unkillable = false;
	isChildSubreaper = false;
	hasChildSubreaper = false;
	/** SIGNAL_GROUP_EXIT: the process is dying, and groupExitCode is its wait status. */
	groupExit = false;
	/**
	 * group_exit_code: the wait status of a group exit; while the process is
	 * stopped, the stop signal wait(WUNTRACED) has yet to report (0 once it has).
	 */
	groupExitCode = 0;
	/** The session leader (signal->leader): set by setsid(), not inherited. */
	leader = false;
	/** shared_pending: process-directed signals not yet taken by a thread (bit sig-1). */
	sharedPending = 0;
	/** SIGNAL_STOP_STOPPED / SIGNAL_STOP_CONTINUED (signal->flags' job-control bits). */
	flags = 0;
	/** oom_score_adj (-1000..1000), inherited at fork. */
	oomScoreAdj = 0;
	/** oom_score_adj_min: the floor an unprivileged write may not go below. */
	oomScoreAdjMin = 0;
	/** signal->oom_mm set: the OOM killer chose this process (tsk_is_oom_victim()). */
	oomVictim = false;
	/** wait_chldexit, allocated by the first waiter (most processes never wait). */
	private chldexit: WaitQueue | null = null;

	constructor(pgrp: Pid, session: Pid) {
		this.pgrp = pgrp;
		this.session = session;
	}

	/** wait_chldexit: where wait4() sleeps; woken when a child exits, stops or continues. */
	get waitChldExit(): WaitQueue {
		if (this.chldexit === null) this.chldexit = new WaitQueue();
		return this.chldexit;
	}

	/** __wake_up_parent(). */
	wakeChldExit(): void {
		this.chldexit?.wakeUp();
	}
}

export class Task {
	/** The thread's struct pid (PIDTYPE_PID). */
	threadPid: Pid;
	/** Thread id in the init namespace (task->pid). */
	pid: number;
	/** Thread-group id in the init namespace (task->tgid). */
	tgid: number;
	groupLeader: Task;
	readonly signal: SignalStruct;
	sighand: SighandStruct;
	realParent: Task | null;
	/** The children list, allocated when the first child arrives. */
	private childList: ChildList | null = null;
	// The links of the lists a task is on (list_heads embedded in the task).
	/** task->cg_list: on its css_set's tasks, mg_tasks or dying_tasks list. */
	cgPrev: Task | null = null;
	cgNext: Task | null = null;
	cgOn: CgTaskList | null = null;
	/** p->sibling: on its parent's children list. */
	sibPrev: Task | null = null;
	sibNext: Task | null = null;
	sibOn: ChildList | null = null;
	/** p->tasks: on the kernel's process list. */
	procPrev: Task | null = null;
	procNext: Task | null = null;
	procOn: ProcessList | null = null;
	/** p->thread_node: on its process's thread list (signal->thread_head). */
	threadPrev: Task | null = null;
	threadNext: Task | null = null;
	threadOn: ThreadList | null = null;
	/** pid_links[PIDTYPE_PGID]: on its process group's list (leaders only). */
	pgPrev: Task | null = null;
	pgNext: Task | null = null;

	cred: Cred;
	comm: string;
	/** The argument strings of the program it runs (mm->arg_start..arg_end), null before any exec. */
	cmdline: readonly string[] | null = null;
	/** get_dumpable(mm): SUID_DUMP_USER, or suid_dumpable after a change of identity. */
	dumpable = SUID_DUMP_USER;
	state = TASK_RUNNING;
	exitState = 0;
	flags = 0;
	exitCode = 0;
	/** pending: signals sent to this thread (bit sig-1). */
	pending = 0;
	/** blocked: the signal mask (bit sig-1); SIGKILL and SIGSTOP are never in it. */
	blocked = 0;
	/** Signal sent to the parent at exit: SIGCHLD for processes, -1 for threads. */
	exitSignal: number;
	/** task->cgroups: the css_set this task points at, from fork until it is freed. */
	cgroups: CssSet | null = null;

	nsproxy: NsProxy;
	files: TaskFiles | null = null;
	fs: TaskFs | null = null;
	/** kthreadd and friends may not be moved between cgroups. */
	noCgroupMigration = false;
	/**
	 * Waits for every child as soon as it exits, as an init system does from
	 * its SIGCHLD handler. Unlike SIG_IGN it is not inherited by children.
	 */
	reapsChildren = false;
	/** Monotonic ns of creation. */
	readonly startTime: number;
	/** Set once release_task() has run. */
	released = false;
	/** p->cpus_mask: where the task may run (cpuset and sched_setaffinity()). */
	cpusAllowed: Cpumask;
	/** p->mems_allowed: the nodes it may allocate memory on (cpuset). */
	memsAllowed: Nodemask;
	/** In the refrigerator (TASK_FROZEN, the v1 freezer): it does not run until thawed. */
	frozen = false;
	/** task->frozen of the cgroup2 freezer: stopped in the freezer trap (do_freezer_trap()). */
	cgFrozen = false;
	/** task->ptrace: PT_* flags while traced, 0 when not (see ptrace.ts). */
	ptrace = 0;
	/** task->parent while traced: the tracer (null when not traced). */
	tracer: Task | null = null;
	/** task->ptraced: the tasks this thread traces, allocated by its first attach. */
	ptraced: Set<Task> | null = null;
	/** task->jobctl: the ptrace bits (JOBCTL_TRAP_STOP, JOBCTL_LISTENING in ptrace.ts). */
	jobctl = 0;
	/** In a ptrace stop (TASK_TRACED): what ptrace_stop() keeps; null otherwise. */
	traceStop: TraceStop | null = null;
	/** task_nice(): -20..19; the load weight in `se` follows it (set_user_nice()). */
	nice = 0;
	/** p->se and the task's CPU time (sum_exec_runtime, utime, stime). */
	readonly se = new SchedEntity();
	/** task->mm: the address space (shared by threads), null for kernel threads and after exit. */
	mm: MmStruct | null = null;
	/** p->min_flt, p->maj_flt: page faults served without and with I/O (swap-in). */
	minFlt = 0;
	majFlt = 0;
	/** current->memcg_in_oom: the memcg whose OOM (with oom_kill_disable) this task must wait out. */
	memcgInOom: MemCgroup | null = null;

	/** The process's page faults, live and released threads (do_task_stat() with whole). */
	groupFaults(): { min: number; maj: number } {
		let min = this.signal.minFlt;
		let maj = this.signal.majFlt;
		for (const t of this.signal.threads) {
			min += t.minFlt;
			maj += t.majFlt;
		}
		return { min, maj };
	}

	/** thread_group_cputime(): the process's CPU time, live and released threads (ns). */
	groupCputime(): { utime: number; stime: number; sum: number } {
		const sig = this.signal;
		let utime = sig.utime;
		let stime = sig.stime;
		let sum = sig.sumSchedRuntime;
		for (const t of sig.threads) {
			utime += t.se.utime;
			stime += t.se.stime;
			sum += t.se.sumExecRuntime;
		}
		return { utime, stime, sum };
	}

	constructor(init: {
		threadPid: Pid;
		groupLeader: Task | null;
		signal: SignalStruct;
		sighand: SighandStruct;
		realParent: Task | null;
		cred: Cred;
		comm: string;
		exitSignal: number;
		nsproxy: NsProxy;
		startTime: number;
		flags?: number;
		cpusAllowed: Cpumask;
		memsAllowed: Nodemask;
	}) {
		this.threadPid = init.threadPid;
		this.pid = init.threadPid.nr;
		this.groupLeader = init.groupLeader ?? this;
		this.tgid = this.groupLeader === this ? this.pid : this.groupLeader.pid;
		this.signal = init.signal;
		this.sighand = init.sighand;
		this.realParent = init.realParent;
		this.cred = init.cred;
		this.comm = init.comm;
		this.exitSignal = init.exitSignal;
		this.nsproxy = init.nsproxy;
		this.startTime = init.startTime;
		this.flags = init.flags ?? 0;
		this.cpusAllowed = init.cpusAllowed;
		this.memsAllowed = init.memsAllowed;
	}

	/** p->children: the processes (group leaders) this thread is the parent of, oldest first. */
	get children(): ChildList {
		if (this.childList === null) this.childList = new ChildList();
		return this.childList;
	}

	/** Whether any child is linked (without allocating the list). */
	get hasChildren(): boolean {
		return this.childList !== null && this.childList.size > 0;
	}

	isGroupLeader(): boolean {
		return this.groupLeader === this;
	}

	/** task_active_pid_ns(). */
	get pidNs(): PidNamespace {
		return this.threadPid.ns;
	}

	/** task_pid_vnr(): thread id as seen from `ns`. */
	pidIn(ns: PidNamespace): number {
		return this.threadPid.nrIn(ns);
	}

	/** task_tgid_vnr(): process id as seen from `ns`. */
	tgidIn(ns: PidNamespace): number {
		return this.groupLeader.threadPid.nrIn(ns);
	}

	/** The parent's process id as seen from `ns` (0 when invisible or none). */
	ppidIn(ns: PidNamespace): number {
		const parent = this.groupLeader.realParent;
		return parent === null ? 0 : parent.tgidIn(ns);
	}

	isKthread(): boolean {
		return (this.flags & PF_KTHREAD) !== 0;
	}

	/** thread_group_empty(): only this leader is left on the thread list. */
	threadGroupEmpty(): boolean {
		return this.signal.threads.size === 1;
	}
}

/** SUID_DUMP_DISABLE and SUID_DUMP_USER (include/linux/sched/coredump.h). */
export const SUID_DUMP_DISABLE = 0;
export const SUID_DUMP_USER = 1;
/** The fs.suid_dumpable sysctl, at its default. */
export const SUID_DUMPABLE = SUID_DUMP_DISABLE;

/** set_dumpable(task->mm): every thread of the process shares the mm. */
export function setDumpable(task: Task, value: number): void {
	for (const t of task.signal.threads) t.dumpable = value;
	task.dumpable = value;
}

/** set_task_comm(): at most TASK_COMM_LEN-1 bytes (names are byte strings). */
export function truncateComm(name: string): string {
	return name.length < TASK_COMM_LEN ? name : name.slice(0, TASK_COMM_LEN - 1);
}

/** A css_set's task lists (tasks, mg_tasks, dying_tasks), linked by cg_list. */
export class CgTaskList extends IntrusiveList<Task> {
	protected prevOf(t: Task): Task | null {
		return t.cgPrev;
	}
	protected nextOf(t: Task): Task | null {
		return t.cgNext;
	}
	protected setLinks(t: Task, prev: Task | null, next: Task | null): void {
		t.cgPrev = prev;
		t.cgNext = next;
	}
	protected setPrev(t: Task, prev: Task | null): void {
		t.cgPrev = prev;
	}
	protected setNext(t: Task, next: Task | null): void {
		t.cgNext = next;
	}
	protected listOf(t: Task): IntrusiveList<Task> | null {
		return t.cgOn;
	}
	protected setList(t: Task, list: IntrusiveList<Task> | null): void {
		t.cgOn = list as CgTaskList | null;
	}
}

/** A task's children (p->children), linked by p->sibling. */
export class ChildList extends IntrusiveList<Task> {
	protected prevOf(t: Task): Task | null {
		return t.sibPrev;
	}
	protected nextOf(t: Task): Task | null {
		return t.sibNext;
	}
	protected setLinks(t: Task, prev: Task | null, next: Task | null): void {
		t.sibPrev = prev;
		t.sibNext = next;
	}
	protected setPrev(t: Task, prev: Task | null): void {
		t.sibPrev = prev;
	}
	protected setNext(t: Task, next: Task | null): void {
		t.sibNext = next;
	}
	protected listOf(t: Task): IntrusiveList<Task> | null {
		return t.sibOn;
	}
	protected setList(t: Task, list: IntrusiveList<Task> | null): void {
		t.sibOn = list as ChildList | null;
	}
}

/** The kernel's process list (init_task.tasks), linked by p->tasks. */
export class ProcessList extends IntrusiveList<Task> {
	protected prevOf(t: Task): Task | null {
		return t.procPrev;
	}
	protected nextOf(t: Task): Task | null {
		return t.procNext;
	}
	protected setLinks(t: Task, prev: Task | null, next: Task | null): void {
		t.procPrev = prev;
		t.procNext = next;
	}
	protected setPrev(t: Task, prev: Task | null): void {
		t.procPrev = prev;
	}
	protected setNext(t: Task, next: Task | null): void {
		t.procNext = next;
	}
	protected listOf(t: Task): IntrusiveList<Task> | null {
		return t.procOn;
	}
	protected setList(t: Task, list: IntrusiveList<Task> | null): void {
		t.procOn = list as ProcessList | null;
	}
}

/** A process's threads (signal->thread_head), linked by p->thread_node. */
export class ThreadList extends IntrusiveList<Task> {
	protected prevOf(t: Task): Task | null {
		return t.threadPrev;
	}
	protected nextOf(t: Task): Task | null {
		return t.threadNext;
	}
	protected setLinks(t: Task, prev: Task | null, next: Task | null): void {
		t.threadPrev = prev;
		t.threadNext = next;
	}
	protected setPrev(t: Task, prev: Task | null): void {
		t.threadPrev = prev;
	}
	protected setNext(t: Task, next: Task | null): void {
		t.threadNext = next;
	}
	protected listOf(t: Task): IntrusiveList<Task> | null {
		return t.threadOn;
	}
	protected setList(t: Task, list: IntrusiveList<Task> | null): void {
		t.threadOn = list as ThreadList | null;
	}
}

/**
 * The processes of a process group (pid->tasks[PIDTYPE_PGID]), newest first
 * as hlist_add_head() leaves them, linked through pgPrev/pgNext. Not an
 * IntrusiveList subclass: a fifth one would make the calls inside
 * IntrusiveList megamorphic and slow every list operation of fork and exit.
 */
export class PgrpList {
	private head: Task | null = null;
	private count = 0;

	get size(): number {
		return this.count;
	}

	/** pid_task(pgrp, PIDTYPE_PGID): the newest. */
	get first(): Task | null {
		return this.head;
	}

	/** hlist_add_head(). The task must not be on a process-group list. */
	addHead(t: Task): void {
		t.pgPrev = null;
		t.pgNext = this.head;
		if (this.head !== null) this.head.pgPrev = t;
		this.head = t;
		this.count++;
	}

	/** hlist_del(). The task must be on this list. */
	delete(t: Task): void {
		const prev = t.pgPrev;
		const next = t.pgNext;
		if (prev === null) {
			if (this.head !== t) throw new Error("task is not on this process group list");
			this.head = next;
		} else {
			prev.pgNext = next;
		}
		if (next !== null) next.pgPrev = prev;
		t.pgPrev = null;
		t.pgNext = null;
		this.count--;
	}

	/** hlist_replace_rcu() (transfer_pid() at exec): `t`, on no list, takes `old`'s place. */
	replace(old: Task, t: Task): void {
		const prev = old.pgPrev;
		const next = old.pgNext;
		t.pgPrev = prev;
		t.pgNext = next;
		if (prev === null) this.head = t;
		else prev.pgNext = t;
		if (next !== null) next.pgPrev = t;
		old.pgPrev = null;
		old.pgNext = null;
	}

	/** The processes, newest first; safe against deleting the current one. */
	*[Symbol.iterator](): IterableIterator<Task> {
		for (let t = this.head; t !== null; ) {
			const next: Task | null = t.pgNext;
			yield t;
			t = next;
		}
	}
}

/** The task does not run: in the v1 refrigerator or the cgroup2 freezer trap. */
export function taskFrozen(t: Task): boolean {
	return t.frozen || t.cgFrozen;
}
