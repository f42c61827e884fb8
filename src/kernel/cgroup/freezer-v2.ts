/**
 * The cgroup2 freezer (kernel/cgroup/freezer.c): cgroup.freeze and the
 * `frozen` line of cgroup.events.
 *
 * Writing 1 sets CGRP_FREEZE on the cgroup and on every descendant whose
 * effective state changes; each task of those cgroups is sent into the
 * freezer trap (JOBCTL_TRAP_FREEZE), which it enters on its way back to user
 * space. An emulated task is always at such a point, so it enters at once
 * (`task.cgFrozen`, task->frozen). A cgroup is frozen (CGRP_FROZEN) once
 * CGRP_FREEZE is set and every task in it is in the trap and every
 * descendant is frozen; the state propagates up as cgroup_propagate_frozen()
 * does. Unlike the v1 freezer, a fatal signal takes a task out of the trap,
 * and the task is sleeping (S), not in the refrigerator (D).
 */
import { deliverPending } from "../signal.ts";
import type { Task } from "../task.ts";
import { PF_EXITING, PF_KTHREAD, TASK_STOPPED, TASK_TRACED } from "../task.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";
import { CGRP_FREEZE, CGRP_FROZEN } from "./defs.ts";

/** __cgroup_task_count(): tasks in the cgroup's own css_sets. */
function taskCount(cgrp: Cgroup): number {
	let n = 0;
	for (const link of cgrp.csetLinks) n += link.cset.nrTasks;
	return n;
}

/** cgroup_update_frozen_flag() with its notification; returns whether it changed. */
function setFrozenFlag(core: CgroupCore, cgrp: Cgroup, frozen: boolean): boolean {
	if (((cgrp.flags & CGRP_FROZEN) !== 0) === frozen) return false;
	if (frozen) cgrp.flags |= CGRP_FROZEN;
	else cgrp.flags &= ~CGRP_FROZEN;
	core.fileNotify(cgrp, "cgroup.events");
	return true;
}

/** cgroup_propagate_frozen(): ancestors gain or lose frozen descendants. */
function propagateFrozen(core: CgroupCore, cgrp: Cgroup, frozen: boolean): void {
	let desc = 1;
	for (let c = cgrp.parent; c !== null; c = c.parent) {
		if (frozen) {
			c.freezer.nrFrozenDescendants += desc;
			if (
				!(c.flags & CGRP_FROZEN) &&
				c.flags & CGRP_FREEZE &&
				c.freezer.nrFrozenDescendants === c.nrDescendants
			) {
				setFrozenFlag(core, c, true);
				desc++;
			}
		} else {
			c.freezer.nrFrozenDescendants -= desc;
			if (setFrozenFlag(core, c, false)) desc++;
		}
	}
}

/** cgroup_update_frozen(): re-evaluate CGRP_FROZEN after a change in the cgroup. */
export function cgroupUpdateFrozen(core: CgroupCore, cgrp: Cgroup): void {
	const frozen = (cgrp.flags & CGRP_FREEZE) !== 0 && cgrp.freezer.nrFrozenTasks === taskCount(cgrp);
	if (setFrozenFlag(core, cgrp, frozen)) propagateFrozen(core, cgrp, frozen);
}

/** cgroup_enter_frozen(): the task stops in the freezer trap. */
function enterFrozen(core: CgroupCore, task: Task): void {
	if (task.cgFrozen) return;
	task.cgFrozen = true;
	const cgrp = task.cgroups!.dflCgrp;
	cgrp.freezer.nrFrozenTasks++;
	cgroupUpdateFrozen(core, cgrp);
	core.kernel.sched.taskChanged(task);
}

/** cgroup_leave_frozen(true): the task is no longer counted as frozen. */
function leaveFrozen(core: CgroupCore, task: Task): boolean {
	if (!task.cgFrozen) return false;
	const cgrp = task.cgroups!.dflCgrp;
	cgrp.freezer.nrFrozenTasks--;
	task.cgFrozen = false;
	cgroupUpdateFrozen(core, cgrp);
	return true;
}

/** A thaw: the task leaves the trap and runs again. */
function thawTask(core: CgroupCore, task: Task): void {
	if (!leaveFrozen(core, task)) return;
	core.kernel.sched.taskChanged(task);
	// What arrived while it was frozen (a SIGSTOP) is acted on now.
	deliverPending(core.kernel, task);
	core.kernel.signalWakeUp?.(task);
}

/**
 * cgroup_freeze_task() followed by the task's trip through the trap. A
 * stopped or traced task stays counted as frozen when thawed: the wake-up
 * does not reach TASK_STOPPED or TASK_TRACED, it leaves when continued.
 */
function freezeTask(core: CgroupCore, task: Task, freeze: boolean): void {
	if (task.flags & (PF_EXITING | PF_KTHREAD)) return;
	if (freeze) enterFrozen(core, task);
	else if (!(task.state & (TASK_STOPPED | TASK_TRACED))) thawTask(core, task);
}

/** do_signal_stop(): a stopping task enters the frozen state (cgroup_enter_frozen()). */
export function cgroupStopEnter(core: CgroupCore, task: Task): void {
	if (task.cgroups !== null && !(task.flags & PF_KTHREAD)) enterFrozen(core, task);
}

/**
 * A stopped task continued by SIGCONT leaves the frozen state
 * (cgroup_leave_frozen(true)); in a freezing cgroup it goes straight back
 * into the freezer trap.
 */
export function cgroupStopLeave(core: CgroupCore, task: Task): void {
	if (task.cgroups === null) return;
	leaveFrozen(core, task);
	if (cgroupTaskFreeze(task) && !(task.flags & PF_KTHREAD)) enterFrozen(core, task);
}

/** ptrace_stop(): a task entering a trace stop enters the frozen state (cgroup_enter_frozen()). */
export function cgroupTraceStopEnter(core: CgroupCore, task: Task): void {
	cgroupStopEnter(core, task);
}

/**
 * A task resumed from its trace stop leaves the frozen state
 * (cgroup_leave_frozen(true)); in a freezing cgroup it goes straight back
 * into the freezer trap.
 */
export function cgroupTraceStopLeave(core: CgroupCore, task: Task): void {
	cgroupStopLeave(core, task);
}

/** cgroup_task_freeze(): a new task of this cgroup must freeze. */
export function cgroupTaskFreeze(task: Task): boolean {
	return (task.cgroups!.dflCgrp.flags & CGRP_FREEZE) !== 0;
}

/** The post-fork part: a child forked into a freezing cgroup goes into the trap. */
export function cgroupFreezerPostFork(core: CgroupCore, child: Task): void {
	if (cgroupTaskFreeze(child) && !(child.flags & PF_KTHREAD)) enterFrozen(core, child);
}

/**
 * The exit part of cgroup_exit(): a dying task has left the trap
 * (get_signal()'s cgroup_leave_frozen(true)) before it leaves its css_set;
 * `after` re-evaluates the cgroup once it has.
 */
export function cgroupFreezerExit(core: CgroupCore, task: Task, after: boolean): void {
	if (!after) {
		if (task.cgFrozen) {
			const cgrp = task.cgroups!.dflCgrp;
			cgrp.freezer.nrFrozenTasks--;
			task.cgFrozen = false;
		}
		return;
	}
	const cgrp = task.cgroups!.dflCgrp;
	if (!(task.flags & PF_KTHREAD) && cgrp.flags & CGRP_FREEZE) cgroupUpdateFrozen(core, cgrp);
}

/** cgroup_freezer_migrate_task(): counters follow a moving task, which takes the new state. */
export function cgroupFreezerMigrateTask(
	core: CgroupCore,
	task: Task,
	src: Cgroup,
	dst: Cgroup,
): void {
	if (src === dst || task.flags & PF_KTHREAD) return;
	if (!(src.flags & CGRP_FREEZE) && !(dst.flags & CGRP_FREEZE) && !task.cgFrozen) return;
	if (task.cgFrozen) {
		dst.freezer.nrFrozenTasks++;
		src.freezer.nrFrozenTasks--;
	}
	cgroupUpdateFrozen(core, dst);
	cgroupUpdateFrozen(core, src);
	freezeTask(core, task, (dst.flags & CGRP_FREEZE) !== 0);
}

/** cgroup_do_freeze(): set or clear CGRP_FREEZE and send the tasks. */
function doFreeze(core: CgroupCore, cgrp: Cgroup, freeze: boolean, now: number): void {
	if (freeze) {
		cgrp.flags |= CGRP_FREEZE;
		cgrp.freezer.freezeStartNs = now;
	} else {
		cgrp.flags &= ~CGRP_FREEZE;
		cgrp.freezer.frozenNs += now - cgrp.freezer.freezeStartNs;
	}
	const tasks: Task[] = [];
	for (const link of cgrp.csetLinks) {
		for (const t of link.cset.tasks) tasks.push(t);
		for (const t of link.cset.mgTasks) tasks.push(t);
	}
	for (const t of tasks) freezeTask(core, t, freeze);
	if (cgrp.nrDescendants === cgrp.freezer.nrFrozenDescendants) cgroupUpdateFrozen(core, cgrp);
}

/** cgroup_freeze(): a write to cgroup.freeze. */
export function cgroupFreeze(core: CgroupCore, cgrp: Cgroup, freeze: boolean): void {
	if (cgrp.freezer.freeze === freeze) return;
	cgrp.freezer.freeze = freeze;
	const now = core.kernel.clock.now();
	let applied = false;
	const walk = (dsct: Cgroup): void => {
		if (!dsct.online) return;
		const old = dsct.freezer.eFreeze;
		dsct.freezer.eFreeze = dsct.freezer.freeze || (dsct.parent?.freezer.eFreeze ?? false);
		// Unchanged here: the subtree below is unaffected too.
		if (dsct.freezer.eFreeze === old) return;
		doFreeze(core, dsct, freeze, now);
		applied = true;
		for (const child of dsct.children.values()) walk(child);
	};
	walk(cgrp);
	// Nothing to wait for (already in that state, or held by an ancestor): tell watchers anyway.
	if (!applied) core.fileNotify(cgrp, "cgroup.events");
}

/** cgroup.stat.local's frozen_usec: time CGRP_FREEZE has been set, in µs. */
export function cgroupFrozenUsec(core: CgroupCore, cgrp: Cgroup): number {
	let ns = cgrp.freezer.frozenNs;
	if (cgrp.flags & CGRP_FREEZE) ns += core.kernel.clock.now() - cgrp.freezer.freezeStartNs;
	return Math.floor(ns / 1000);
}
