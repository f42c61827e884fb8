/**
 * struct pid and pid namespaces (kernel/pid.c, kernel/pid_namespace.c).
 *
 * A Pid carries one number per namespace level, from the init namespace (level
 * 0) down to the namespace the task was created in. Numbers are allocated
 * with idr_alloc_cyclic() in every level, so they increase, wrap at pid_max
 * back to RESERVED_PIDS, and skip numbers in use. A number stays allocated
 * while any task is attached to its Pid as thread, thread-group, process-group
 * or session id.
 */
import { KernelError } from "./errno.ts";
import { CyclicIdr } from "./idr.ts";
import { PgrpList, type Task } from "./task.ts";

export const RESERVED_PIDS = 300;
/** PID_MAX_DEFAULT: 0x8000, what this machine's kernel reports. */
export const PID_MAX_DEFAULT = 32768;
/** PID_MAX_LIMIT on 64-bit. */
export const PID_MAX_LIMIT = 4 * 1024 * 1024;
/** Nesting limit of pid namespaces (MAX_PID_NS_LEVEL). */
export const MAX_PID_NS_LEVEL = 32;
/** PROC_PID_INIT_INO. */
export const PROC_PID_INIT_INO = 0xeffffffc;

export class PidNamespace {
	readonly level: number;
	readonly parent: PidNamespace | null;
	readonly idr = new CyclicIdr<Pid>();
	/** The ns inode number (/proc/<pid>/ns/pid); the init ns has PROC_PID_INIT_INO. */
	readonly inum: number;
	/** pid_max of this namespace (per-namespace since Linux 6.14). */
	pidMax: number;
	/** Cleared when the namespace's init dies (disable_pid_allocation). */
	allocationEnabled = true;
	/** The task that reaps orphans in this namespace (its pid 1). */
	childReaper: Task | null = null;

	constructor(parent: PidNamespace | null, pidMax: number, inum: number) {
		this.parent = parent;
		this.level = parent === null ? 0 : parent.level + 1;
		this.pidMax = pidMax;
		this.inum = inum;
	}

	/** Is `ns` this namespace or one of its descendants? */
	isAncestorOf(ns: PidNamespace): boolean {
		let n: PidNamespace | null = ns;
		while (n !== null && n.level > this.level) n = n.parent;
		return n === this;
	}

	/** find_pid_ns(). */
	findPid(nr: number): Pid | undefined {
		return this.idr.get(nr);
	}

	/** find_task_by_pid_ns(): the task whose thread id is nr here. */
	findTask(nr: number): Task | null {
		return this.idr.get(nr)?.task ?? null;
	}
}

export class Pid {
	/** The number in the init namespace (level 0); set once by allocPid(). */
	nr = 0;
	/** The numbers in levels 1 and deeper; null for a pid of the init namespace. */
	private readonly upper: number[] | null;
	/** The namespace the pid was allocated in (the deepest level). */
	readonly ns: PidNamespace;
	/** The task using this as its thread id (PIDTYPE_PID), if any. */
	task: Task | null = null;
	/** Attachments of every type (PID, TGID, PGID, SID). */
	attached = 0;
	/** The processes whose process group this is (tasks[PIDTYPE_PGID]), once there was one. */
	pgrpTasks: PgrpList | null = null;

	/** A pid of `ns`; `numbers[i]`, when given, is its number at level i. */
	constructor(ns: PidNamespace, numbers?: readonly number[]) {
		this.ns = ns;
		this.upper = ns.level > 0 ? new Array<number>(ns.level).fill(0) : null;
		if (numbers !== undefined) for (let l = 0; l <= ns.level; l++) this.setNumber(l, numbers[l]!);
	}

	/** Record the number allocated at a level (allocPid() only). */
	setNumber(level: number, nr: number): void {
		if (level === 0) this.nr = nr;
		else this.upper![level - 1] = nr;
	}

	get level(): number {
		return this.ns.level;
	}

	/** The number in the ancestor namespace of a level. */
	numberAt(level: number): number {
		return level === 0 ? this.nr : this.upper![level - 1]!;
	}

	/** Every level's number, init namespace first. */
	get numbers(): number[] {
		return this.upper === null ? [this.nr] : [this.nr, ...this.upper];
	}

	/** pid_nr_ns(): the number seen from `ns`, or 0 when not visible there. */
	nrIn(ns: PidNamespace): number {
		if (ns.level === 0) return this.nr;
		if (ns.level > this.ns.level) return 0;
		let n: PidNamespace = this.ns;
		while (n.level > ns.level) n = n.parent!;
		return n === ns ? this.numberAt(ns.level) : 0;
	}

	/** The namespace at a level of this pid's chain. */
	nsAt(level: number): PidNamespace {
		let n: PidNamespace = this.ns;
		while (n.level > level) n = n.parent!;
		return n;
	}
}

/**
 * alloc_pid(): one number per level, deepest first. Failure leaves earlier
 * levels' cursors advanced, as the kernel does.
 */
export function allocPid(ns: PidNamespace): Pid {
	const pid = new Pid(ns);
	let tmp: PidNamespace | null = ns;
	let level = ns.level;
	for (; tmp !== null; tmp = tmp.parent, level--) {
		const pidMin = tmp.idr.cursor > RESERVED_PIDS ? RESERVED_PIDS : 1;
		const nr = tmp.idr.alloc(pid, pidMin, tmp.pidMax);
		if (nr < 0) {
			// Undo the levels already allocated (they stay consumed in the cursors).
			for (let l = level + 1; l <= ns.level; l++) pid.nsAt(l).idr.remove(pid.numberAt(l));
			throw new KernelError("EAGAIN");
		}
		pid.setNumber(level, nr);
	}
	if (!ns.allocationEnabled) {
		freePidNumbers(pid);
		throw new KernelError("ENOMEM");
	}
	return pid;
}

/** free_pid(): release every level's number. */
export function freePidNumbers(pid: Pid): void {
	for (let l = 0; l <= pid.level; l++) pid.nsAt(l).idr.remove(pid.numberAt(l));
}

export function attachPid(pid: Pid): void {
	pid.attached++;
}

/** attach_pid(leader, PIDTYPE_PGID): counted, and first on the group's list (hlist_add_head). */
export function attachPgrp(leader: Task, pgrp: Pid): void {
	pgrp.attached++;
	if (pgrp.pgrpTasks === null) pgrp.pgrpTasks = new PgrpList();
	pgrp.pgrpTasks.addHead(leader);
}

/** detach_pid(leader, PIDTYPE_PGID). */
export function detachPgrp(leader: Task, pgrp: Pid): void {
	pgrp.pgrpTasks?.delete(leader);
	detachPid(pgrp);
}

/** pid_task(pgrp, PIDTYPE_PGID): a process of the group (the newest), or null when it is empty. */
export function pgrpTask(pgrp: Pid | undefined): Task | null {
	return pgrp?.pgrpTasks?.first ?? null;
}

/** detach_pid(): the numbers are freed when nothing is attached any more. */
export function detachPid(pid: Pid): void {
	pid.attached--;
	if (pid.attached === 0) freePidNumbers(pid);
}
