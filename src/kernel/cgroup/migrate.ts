/**
 * Task migration as one transaction (the cgroup_migrate_*() steps of
 * kernel/cgroup/cgroup.c), driven by a MigrateContext (struct cgroup_mgctx).
 *
 * 1. addSrc(): collect the source css_sets with the cgroup each goes to
 *    (dead ones are skipped).
 * 2. prepareDst(): find or create each destination css_set; a css_set that
 *    is already its own destination drops out.
 * 3. addTask(): pick the tasks (exiting ones, PF_EXITING, stay where they
 *    are).
 * 4. execute(): every controller whose css changes may veto (can_attach) or
 *    reserve; on a veto the ones that prepared abort in reverse order and the
 *    error is returned with nothing moved. Then every task is moved (populated
 *    counts and the cgroup2 freezer follow) and every controller's attach runs.
 * 5. finish(): tasks spliced back, references dropped, whatever happened.
 *
 * cgroup_attach_task() (a write to cgroup.procs or tasks) and
 * cgroup_update_dfl_csses() (a cgroup2 controller enabled or disabled) are
 * the two users.
 */
import { KernelError } from "../errno.ts";
import { PF_EXITING, type Task } from "../task.ts";
import type { TraceBus } from "../trace.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";
import type { CssSet } from "./css-set.ts";
import { cgroupFreezerMigrateTask } from "./freezer-v2.ts";
import { CgroupTaskset, type Subsystem } from "./subsys.ts";

/** struct cgroup_mgctx. */
export class MigrateContext {
	private readonly core: CgroupCore;
	/** preloaded_src_csets. */
	private readonly srcCsets: CssSet[] = [];
	/** preloaded_dst_csets. */
	private readonly dstCsets: CssSet[] = [];
	/** Controllers whose css differs between some source and its destination. */
	private ssMask = 0;
	readonly tset = new CgroupTaskset();
	private readonly trace: TraceBus;
	/** The id this migration's trace events carry, taken with the first one (0: none yet). */
	private traceId = 0;

	constructor(core: CgroupCore) {
		this.core = core;
		this.trace = core.kernel.trace;
	}

	/** The id for a trace event of this migration. */
	private get id(): number {
		if (this.traceId === 0) this.traceId = this.trace.newMigrationId();
		return this.traceId;
	}

	/** cgroup_migrate_add_src(): `cset`'s tasks are to go to `dst`. */
	addSrc(cset: CssSet, dst: Cgroup): void {
		if (cset.dead || cset.mgPreloaded) return;
		cset.mgPreloaded = true;
		cset.mgSrcCgrp = cset.cgroupOn(dst.root.cgrp);
		cset.mgDstCgrp = dst;
		this.core.getCssSet(cset);
		this.srcCsets.push(cset);
	}

	/** cgroup_migrate_prepare_dst(). */
	prepareDst(): void {
		const core = this.core;
		const trace = this.trace;
		for (const src of this.srcCsets) {
			const newId = core.nextCssSetId;
			const dstCset = core.findCssSet(src, src.mgDstCgrp!);
			if (trace.active) {
				const phase = dstCset.id >= newId ? "cset-created" : "cset-found";
				trace.emit({
					kind: "migrate",
					id: this.id,
					phase,
					src,
					dstCgroup: src.mgDstCgrp!,
					cset: dstCset,
				});
			}
			if (dstCset === src) {
				src.mgSrcCgrp = null;
				src.mgDstCgrp = null;
				core.putCssSet(dstCset);
				continue;
			}
			src.mgDstCset = dstCset;
			if (this.dstCsets.includes(dstCset)) core.putCssSet(dstCset);
			else this.dstCsets.push(dstCset);
			for (const ss of core.subsys) {
				if (src.subsys[ss.id] !== dstCset.subsys[ss.id]) this.ssMask |= ss.mask;
			}
		}
		// A migration with no source (an empty subtree's control change) shows nothing.
		if (trace.active && this.srcCsets.length > 0) {
			const srcCsets = this.srcCsets.filter((c) => c.mgDstCset !== null);
			trace.emit({
				kind: "migrate",
				id: this.id,
				phase: "prepare",
				srcCsets,
				dstCsets: [...this.dstCsets],
			});
		}
	}

	/** cgroup_migrate_add_task(). */
	addTask(t: Task): void {
		if (t.flags & PF_EXITING) return;
		const cset = t.cgroups!;
		if (cset.mgSrcCgrp === null || cset.mgDstCset === null) return;
		cset.tasks.delete(t);
		cset.mgTasks.add(t);
		this.tset.entries.push({ task: t, src: cset, dst: cset.mgDstCset });
	}

	/** Every live task of the preloaded source css_sets (cgroup_update_dfl_csses()). */
	addAllTasks(): void {
		for (const src of this.srcCsets) {
			if (src.mgDstCset === null) continue;
			for (const t of [...src.tasks]) this.addTask(t);
		}
	}

	/** cgroup_migrate_execute(): prepare, then commit or abort. */
	execute(): void {
		const core = this.core;
		const tset = this.tset;
		if (tset.size === 0) return;
		const involved = core.subsys.filter((ss) => this.ssMask & ss.mask);
		const prepared: Subsystem[] = [];
		const trace = this.trace;
		try {
			for (const ss of involved) {
				if (!ss.ops.canAttach) continue;
				tset.ssid = ss.id;
				try {
					ss.ops.canAttach(tset);
				} catch (e) {
					if (trace.active && e instanceof KernelError)
						trace.emit({
							kind: "migrate",
							id: this.id,
							phase: "can-attach",
							subsys: ss.name,
							error: e.code,
						});
					throw e;
				}
				if (trace.active)
					trace.emit({
						kind: "migrate",
						id: this.id,
						phase: "can-attach",
						subsys: ss.name,
						error: null,
					});
				prepared.push(ss);
			}
		} catch (e) {
			for (let i = prepared.length - 1; i >= 0; i--) {
				const ss = prepared[i]!;
				tset.ssid = ss.id;
				if (trace.active)
					trace.emit({ kind: "migrate", id: this.id, phase: "cancel-attach", subsys: ss.name });
				ss.ops.cancelAttach?.(tset);
			}
			if (trace.active && e instanceof KernelError)
				trace.emit({ kind: "migrate", id: this.id, phase: "abort", error: e.code });
			throw e;
		}

		// The commit point: nothing below can fail.
		for (const { task, src, dst } of tset.entries) {
			core.getCssSet(dst);
			dst.nrTasks++;
			core.cssSetMoveTask(task, src, dst, true);
			src.nrTasks--;
			cgroupFreezerMigrateTask(core, task, src.dflCgrp, dst.dflCgrp);
			core.putCssSet(src);
		}
		if (trace.active) {
			const id = this.id;
			trace.emit({ kind: "migrate", id, phase: "commit", tasks: tset.entries.map((e) => e.task) });
			// trace_cgroup_attach_task(), for each task moved.
			for (const { task, src } of tset.entries) {
				const from = src.mgSrcCgrp!;
				const to = src.mgDstCgrp!;
				trace.emit({ kind: "attach", migration: id, task, root: to.root, src: from, dst: to });
			}
		}
		for (const ss of involved) {
			if (!ss.ops.attach) continue;
			tset.ssid = ss.id;
			if (trace.active)
				trace.emit({ kind: "migrate", id: this.id, phase: "attach", subsys: ss.name });
			ss.ops.attach(tset);
		}
	}

	/** cgroup_migrate_finish(): splice tasks back and drop the preloaded css_sets. */
	finish(): void {
		const core = this.core;
		for (const src of this.srcCsets) {
			src.mgTasks.spliceTo(src.tasks);
			src.mgPreloaded = false;
			src.mgSrcCgrp = null;
			src.mgDstCgrp = null;
			src.mgDstCset = null;
			core.putCssSet(src);
		}
		for (const d of this.dstCsets) {
			d.mgTasks.spliceTo(d.tasks);
			core.putCssSet(d);
		}
	}
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
	const tasks = threadgroup ? [...leader.signal.threads] : [leader];
	const mg = new MigrateContext(core);
	try {
		for (const t of tasks) if (t.cgroups !== null) mg.addSrc(t.cgroups, dst);
		mg.prepareDst();
		for (const t of tasks) mg.addTask(t);
		mg.execute();
	} finally {
		mg.finish();
	}
}

/** The post_attach callbacks (cgroup_procs_write_finish()). */
export function cgroupPostAttach(core: CgroupCore): void {
	for (const ss of core.subsys) ss.ops.postAttach?.();
}
