/**
 * The v1 freezer controller (kernel/cgroup/legacy_freezer.c) and the task
 * side of the freezer (kernel/freezer.c). Writing FROZEN to freezer.state
 * marks the cgroup and its descendants freezing and freezes their tasks;
 * THAWED thaws the ones no longer freezing. A cgroup reads FROZEN once its
 * tasks and live children are frozen.
 *
 * Emulated tasks always stand at a yield point, so freeze_task() puts a task
 * in the refrigerator at once (`task.frozen`, TASK_FROZEN): the userland
 * scheduler does not run it again until it is thawed. A task that is the one
 * writing is marked the same way and stops when its current stretch ends,
 * its return to user space. A frozen process a fatal signal hit dies when
 * thawed (signal.ts defers the exit; thawTask() completes it).
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { strstrip } from "../../kstrto.ts";
import { groupExitNow } from "../../signal.ts";
import { PF_EXITING, PF_KTHREAD, type Task } from "../../task.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import { CFTYPE_NOT_ON_ROOT } from "../defs.ts";
import type { CgroupTaskset, Subsystem, SubsystemDef } from "../subsys.ts";

// enum freezer_state_flags
export const CGROUP_FREEZER_ONLINE = 1 << 0;
export const CGROUP_FREEZING_SELF = 1 << 1;
export const CGROUP_FREEZING_PARENT = 1 << 2;
export const CGROUP_FROZEN = 1 << 3;
export const CGROUP_FREEZING = CGROUP_FREEZING_SELF | CGROUP_FREEZING_PARENT;

/** struct freezer. */
export class FreezerCss extends CgroupSubsysState {
	state = 0;

	get parentFreezer(): FreezerCss | null {
		return this.parent as FreezerCss | null;
	}
}

/** freezer_state_strs(). */
export function freezerStateStr(state: number): string {
	if (state & CGROUP_FROZEN) return "FROZEN";
	if (state & CGROUP_FREEZING) return "FREEZING";
	return "THAWED";
}

/** Per kernel: the freezer's subsystem id, for the task-side helpers. */
const freezerIds = new WeakMap<Kernel, number>();

function taskFreezer(ssid: number, task: Task): FreezerCss | null {
	return (task.cgroups?.subsys[ssid] as FreezerCss | undefined) ?? null;
}

/** cgroup_freezing(): the task's freezer cgroup is freezing. */
export function cgroupFreezing(k: Kernel, task: Task): boolean {
	const ssid = freezerIds.get(k);
	if (ssid === undefined) return false;
	const f = taskFreezer(ssid, task);
	return f !== null && (f.state & CGROUP_FREEZING) !== 0;
}

/**
 * freezing(): the task should be in the refrigerator. Kernel threads are
 * PF_NOFREEZE, and a task in its exit path no longer stops for the freezer.
 */
export function freezing(k: Kernel, task: Task): boolean {
	if (task.flags & (PF_KTHREAD | PF_EXITING)) return false;
	return cgroupFreezing(k, task);
}

/** freeze_task() and the task entering __refrigerator(). */
function freezeTask(k: Kernel, task: Task): void {
	if (!freezing(k, task) || task.frozen) return;
	task.frozen = true;
	k.sched.taskChanged(task);
}

/**
 * __thaw_task(): the task leaves the refrigerator and runs again. Returns
 * whether it was frozen.
 */
function thawTask(k: Kernel, task: Task): boolean {
	if (!task.frozen) return false;
	task.frozen = false;
	k.sched.taskChanged(task);
	k.signalWakeUp?.(task);
	return true;
}

/**
 * A thawed process that a fatal signal hit while frozen (SIGNAL_GROUP_EXIT
 * set, nothing exiting yet) takes the signal now that it runs: do_group_exit().
 */
function finishDeferredKill(k: Kernel, task: Task): void {
	const signal = task.signal;
	if (!signal.groupExit || signal.live === 0 || task.flags & PF_EXITING) return;
	for (const t of signal.threads) if (t.frozen) return;
	groupExitNow(k, task);
}

/** css_task_iter over one cgroup's css_sets (its own tasks, not its descendants'). */
function cgroupTasks(cgrp: Cgroup): Task[] {
	const out: Task[] = [];
	for (const link of cgrp.csetLinks) {
		for (const t of link.cset.tasks) out.push(t);
		for (const t of link.cset.mgTasks) out.push(t);
	}
	return out;
}

/** css_for_each_child(): the children's freezer csses that are still online. */
function* childFreezers(f: FreezerCss, ssid: number): IterableIterator<FreezerCss> {
	for (const child of f.cgroup.children.values()) {
		const css = child.subsys(ssid);
		if (css !== null) yield css as FreezerCss;
	}
}

/** update_if_frozen(): FROZEN once every live child is and every task is frozen. */
function updateIfFrozen(k: Kernel, f: FreezerCss, ssid: number): void {
	if (!(f.state & CGROUP_FREEZING) || f.state & CGROUP_FROZEN) return;
	for (const child of childFreezers(f, ssid)) {
		if (child.state & CGROUP_FREEZER_ONLINE && !(child.state & CGROUP_FROZEN)) return;
	}
	for (const t of cgroupTasks(f.cgroup)) {
		if (freezing(k, t) && !t.frozen) return;
	}
	f.state |= CGROUP_FROZEN;
}

/** freezer_read(): update the subtree bottom-up, then show this cgroup's state. */
function freezerRead(k: Kernel, f: FreezerCss, ssid: number): string {
	for (const cgrp of f.cgroup.descendantsPost()) {
		const css = cgrp.subsys(ssid);
		if (css !== null) updateIfFrozen(k, css as FreezerCss, ssid);
	}
	return `${freezerStateStr(f.state)}\n`;
}

/**
 * freezer_apply_state(): set or clear one FREEZING bit; freezing freezes the
 * cgroup's tasks, and losing the last FREEZING bit thaws them (collected in
 * `thawed` for the deferred kills).
 */
function applyState(k: Kernel, f: FreezerCss, freeze: boolean, bit: number, thawed: Task[]): void {
	if (!(f.state & CGROUP_FREEZER_ONLINE)) return;
	if (freeze) {
		f.state |= bit;
		for (const t of cgroupTasks(f.cgroup)) freezeTask(k, t);
		return;
	}
	f.state &= ~bit;
	if (f.state & CGROUP_FREEZING) return;
	f.state &= ~CGROUP_FROZEN;
	for (const t of cgroupTasks(f.cgroup)) if (thawTask(k, t)) thawed.push(t);
}

/**
 * freezer_change_state(): this cgroup takes or drops FREEZING_SELF, and each
 * descendant (pre-order) FREEZING_PARENT as its parent now is or is not
 * freezing.
 */
function changeState(k: Kernel, f: FreezerCss, freeze: boolean, ssid: number): void {
	const thawed: Task[] = [];
	for (const cgrp of f.cgroup.descendantsPre()) {
		const pos = cgrp.subsys(ssid) as FreezerCss | null;
		if (pos === null) continue;
		if (pos === f) applyState(k, pos, freeze, CGROUP_FREEZING_SELF, thawed);
		else {
			const parentFreezing = (pos.parentFreezer!.state & CGROUP_FREEZING) !== 0;
			applyState(k, pos, parentFreezing, CGROUP_FREEZING_PARENT, thawed);
		}
	}
	for (const t of thawed) finishDeferredKill(k, t);
}

/** freezer_write(). */
function freezerWrite(k: Kernel, f: FreezerCss, buf: string, ssid: number): void {
	const s = strstrip(buf);
	let freeze: boolean;
	if (s === freezerStateStr(0)) freeze = false;
	else if (s === freezerStateStr(CGROUP_FROZEN)) freeze = true;
	else throw new KernelError("EINVAL");
	changeState(k, f, freeze, ssid);
}

export const FREEZER_SUBSYS: SubsystemDef<FreezerCss> = {
	name: "freezer",
	legacyName: "freezer",
	v1Only: true,
	create: (kernel) => {
		let ssid = -1;
		const files: readonly CfType<FreezerCss>[] = [
			{
				name: "state",
				flags: CFTYPE_NOT_ON_ROOT,
				seqShow: (of) => freezerRead(kernel, of.css, ssid),
				write: (of, buf, nbytes) => {
					freezerWrite(kernel, of.css, buf, ssid);
					return nbytes;
				},
			},
			{
				name: "self_freezing",
				flags: CFTYPE_NOT_ON_ROOT,
				readU64: (css) => (css.state & CGROUP_FREEZING_SELF ? 1 : 0),
			},
			{
				name: "parent_freezing",
				flags: CFTYPE_NOT_ON_ROOT,
				readU64: (css) => (css.state & CGROUP_FREEZING_PARENT ? 1 : 0),
			},
		];
		return {
			legacyCftypes: files,
			/** freezer_css_alloc(). */
			cssAlloc: (parent: FreezerCss | null, cgroup: Cgroup, ss: Subsystem<FreezerCss>) => {
				ssid = ss.id;
				freezerIds.set(kernel, ss.id);
				return new FreezerCss(cgroup, ss, parent);
			},
			/** freezer_css_online(): a child of a freezing cgroup starts frozen (it is empty). */
			cssOnline: (f: FreezerCss) => {
				f.state |= CGROUP_FREEZER_ONLINE;
				const parent = f.parentFreezer;
				if (parent !== null && parent.state & CGROUP_FREEZING) {
					f.state |= CGROUP_FREEZING_PARENT | CGROUP_FROZEN;
				}
			},
			/** freezer_css_offline(). */
			cssOffline: (f: FreezerCss) => {
				f.state = 0;
			},
			/**
			 * freezer_attach(): moved tasks take their new cgroup's state; a
			 * task moved into a freezing cgroup makes it and its frozen
			 * ancestors FREEZING until update_if_frozen() sees it frozen.
			 */
			attach: (tset: CgroupTaskset) => {
				const thawed: Task[] = [];
				for (const [task, css] of tset) {
					let f: FreezerCss | null = css as FreezerCss;
					if (!(f.state & CGROUP_FREEZING)) {
						if (thawTask(kernel, task)) thawed.push(task);
						continue;
					}
					for (; f !== null && f.state & CGROUP_FROZEN; f = f.parentFreezer) {
						f.state &= ~CGROUP_FROZEN;
					}
					freezeTask(kernel, task);
				}
				for (const t of thawed) finishDeferredKill(kernel, t);
			},
			/** freezer_fork(): a child forked into a freezing cgroup is frozen. */
			fork: (task: Task) => {
				const f = taskFreezer(ssid, task);
				if (f === null || f.parent === null) return;
				if (f.state & CGROUP_FREEZING) freezeTask(kernel, task);
			},
			/** An exiting task is out of the refrigerator for good (it runs its exit). */
			exit: (task: Task) => {
				if (task.frozen) {
					task.frozen = false;
					kernel.sched.taskChanged(task);
				}
			},
		};
	},
};
