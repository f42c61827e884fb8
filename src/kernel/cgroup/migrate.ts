/**
 * Task migration as one transaction (cgroup_attach_task() and the
 * cgroup_migrate_*() steps of kernel/cgroup/cgroup.c).
 *
 * 1. Collect the source css_sets of the tasks (dead ones are skipped).
 * 2. Find or create each destination css_set; a task already in place is a
 *    no-op.
 * 3. Prepare: every controller whose css changes may veto (can_attach) or
 *    reserve; on a veto the ones that prepared abort in reverse order and the
 *    error is returned with nothing moved.
 * 4. Commit: every task is moved (populated counts follow), then every
 *    controller's attach runs.
 *
 * Exiting tasks (PF_EXITING, zombies) are silently left where they are.
 */
import { KernelError } from "../errno.ts";
import { PF_EXITING, type Task } from "../task.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";
import type { CssSet } from "./css-set.ts";
import { CgroupTaskset, type Subsystem } from "./subsys.ts";

/** The tasks a migration covers: one thread, or every thread of a process. */
function tasksOf(leader: Task, threadgroup: boolean): Task[] {
	return threadgroup ? [...leader.signal.threads] : [leader];
}

/**
 * cgroup_attach_task(): move `leader` (and with `threadgroup` every thread of
 * its process) into `dst`. Throws the vetoing controller's error.
 */
export function cgroupAttachTask(
	core: CgroupCore,
	dst: Cgroup,
	leader: Task,
	threadgroup: boolean,
): void {
	if (!dst.online) throw new KernelError("ENODEV");
	// CPU time run so far is charged where the tasks were.
	core.kernel.sched.sync();
	const tasks = tasksOf(leader, threadgroup);

	// cgroup_migrate_add_src(): the distinct, live source css_sets.
	const srcCsets: CssSet[] = [];
	for (const t of tasks) {
		const cset = t.cgroups;
		if (cset === null || cset.dead || cset.mgPreloaded) continue;
		cset.mgPreloaded = true;
		cset.mgSrcCgrp = cset.cgroupOn(dst.root.cgrp);
		cset.mgDstCgrp = dst;
		core.getCssSet(cset);
		srcCsets.push(cset);
	}

	const dstCsets: CssSet[] = [];
	let ssMask = 0;
	try {
		// cgroup_migrate_prepare_dst()
		for (const src of srcCsets) {
			const dstCset = core.findCssSet(src, dst);
			if (dstCset === src) {
				src.mgSrcCgrp = null;
				src.mgDstCgrp = null;
				core.putCssSet(dstCset);
				continue;
			}
			src.mgDstCset = dstCset;
			if (dstCsets.includes(dstCset)) core.putCssSet(dstCset);
			else dstCsets.push(dstCset);
			for (const ss of core.subsys) {
				if (src.subsys[ss.id] !== dstCset.subsys[ss.id]) ssMask |= ss.mask;
			}
		}

		// cgroup_migrate(): pick the tasks, then execute.
		const tset = new CgroupTaskset();
		for (const t of tasks) {
			if (t.flags & PF_EXITING) continue;
			const cset = t.cgroups!;
			if (cset.mgSrcCgrp === null || cset.mgDstCset === null) continue;
			cset.tasks.delete(t);
			cset.mgTasks.add(t);
			tset.entries.push({ task: t, src: cset, dst: cset.mgDstCset });
		}
		migrateExecute(core, tset, ssMask);
		if (tset.size > 0 && core.tracing) {
			core.trace({ type: "attach_task", cgroup: dst, task: leader, threadgroup });
		}
	} finally {
		cgroupMigrateFinish(core, srcCsets, dstCsets);
	}
}

/** cgroup_migrate_finish(): splice tasks back and drop the preloaded css_sets. */
function cgroupMigrateFinish(core: CgroupCore, srcCsets: CssSet[], dstCsets: CssSet[]): void {
	for (const src of srcCsets) {
		src.mgTasks.spliceTo(src.tasks);
		src.mgPreloaded = false;
		src.mgSrcCgrp = null;
		src.mgDstCgrp = null;
		src.mgDstCset = null;
		core.putCssSet(src);
	}
	for (const d of dstCsets) {
		d.mgTasks.spliceTo(d.tasks);
		core.putCssSet(d);
	}
}

/** The post_attach callbacks (cgroup_procs_write_finish()). */
export function cgroupPostAttach(core: CgroupCore): void {
	for (const ss of core.subsys) ss.ops.postAttach?.();
}

/** cgroup_migrate_execute(): prepare, then commit or abort. */
function migrateExecute(core: CgroupCore, tset: CgroupTaskset, ssMask: number): void {
	if (tset.size === 0) return;
	const involved = core.subsys.filter((ss) => ssMask & ss.mask);
	const prepared: Subsystem[] = [];
	try {
		for (const ss of involved) {
			if (!ss.ops.canAttach) continue;
			tset.ssid = ss.id;
			ss.ops.canAttach(tset);
			prepared.push(ss);
		}
	} catch (e) {
		for (let i = prepared.length - 1; i >= 0; i--) {
			const ss = prepared[i]!;
			tset.ssid = ss.id;
			ss.ops.cancelAttach?.(tset);
		}
		throw e;
	}

	// The commit point: nothing below can fail.
	for (const { task, src, dst } of tset.entries) {
		core.getCssSet(dst);
		dst.nrTasks++;
		core.cssSetMoveTask(task, src, dst, true);
		src.nrTasks--;
		core.putCssSet(src);
	}
	for (const ss of involved) {
		if (!ss.ops.attach) continue;
		tset.ssid = ss.id;
		ss.ops.attach(tset);
	}
}
