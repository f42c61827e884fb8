/**
 * struct cgroup_subsys: a controller. A SubsystemDef describes one (names,
 * flags, and a factory for its callbacks and file tables); the kernel turns
 * each definition into a Subsystem with its id, its current root and its css
 * id allocator.
 */
import { LowestIdr } from "../idr.ts";
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import type { CfType } from "./cftype.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupSubsysState } from "./css.ts";
import type { CssSet } from "./css-set.ts";
import type { CgroupRoot } from "./root.ts";

/** The callbacks of struct cgroup_subsys. All are optional; a throw vetoes. */
export interface SubsystemOps<C extends CgroupSubsysState = CgroupSubsysState> {
	readonly legacyCftypes?: readonly CfType<C>[];
	readonly dflCftypes?: readonly CfType<C>[];
	/** css_alloc: a fresh css for `cgroup` (parent null for the root). */
	cssAlloc?(parent: C | null, cgroup: Cgroup, ss: Subsystem<C>): C;
	cssOnline?(css: C): void;
	cssOffline?(css: C): void;
	cssReleased?(css: C): void;
	cssFree?(css: C): void;
	cssReset?(css: C): void;
	canAttach?(tset: CgroupTaskset): void;
	cancelAttach?(tset: CgroupTaskset): void;
	attach?(tset: CgroupTaskset): void;
	postAttach?(): void;
	canFork?(task: Task, cset: CssSet): void;
	cancelFork?(task: Task, cset: CssSet): void;
	fork?(task: Task): void;
	exit?(task: Task): void;
	/** At reap (cgroup_release()). */
	release?(task: Task): void;
	/** When the task's last reference goes (cgroup_free()); right after release here. */
	free?(task: Task): void;
	bind?(rootCss: C): void;
	/** css_extra_stat_show: lines a cgroup2 cgroup's cpu.stat adds for this controller. */
	cssExtraStatShow?(css: C): string;
	/** css_local_stat_show: lines of cpu.stat.local. */
	cssLocalStatShow?(css: C): string;
}

export interface SubsystemDef<C extends CgroupSubsysState = CgroupSubsysState> {
	/** ss->name, used on cgroup2. */
	readonly name: string;
	/** ss->legacy_name, used by cgroup v1 mounts, file prefixes and /proc. */
	readonly legacyName: string;
	/** Implicitly enabled on cgroup2 and hidden from cgroup.controllers. */
	readonly implicitOnDfl?: boolean;
	/** Usable in threaded cgroup2 subtrees. */
	readonly threaded?: boolean;
	/** Has no cgroup2 interface (no dfl_cftypes), so cgroup2 never offers it. */
	readonly v1Only?: boolean;
	/** Controllers (by name) enabled along with this one on cgroup2 (depends_on). */
	readonly dependsOn?: readonly string[];
	create(kernel: Kernel): SubsystemOps<C>;
}

export class Subsystem<C extends CgroupSubsysState = CgroupSubsysState> {
	readonly id: number;
	readonly name: string;
	readonly legacyName: string;
	readonly implicitOnDfl: boolean;
	readonly threaded: boolean;
	readonly v1Only: boolean;
	readonly ops: SubsystemOps<C>;
	/** The hierarchy the controller is bound to (the default one when unbound). */
	root!: CgroupRoot;
	/** css_idr: css ids, 1 for the root css, the lowest free from 2 for others. */
	readonly cssIdr = new LowestIdr(2);
	/** cgroup_ssid_enabled(): off when disabled on the kernel command line. */
	enabled = true;

	constructor(id: number, def: SubsystemDef<C>, ops: SubsystemOps<C>) {
		this.id = id;
		this.name = def.name;
		this.legacyName = def.legacyName;
		this.implicitOnDfl = def.implicitOnDfl ?? false;
		this.threaded = def.threaded ?? false;
		this.v1Only = def.v1Only ?? false;
		this.ops = ops;
	}

	get mask(): number {
		return 1 << this.id;
	}
}

export interface TasksetEntry {
	readonly task: Task;
	readonly src: CssSet;
	readonly dst: CssSet;
}

/**
 * struct cgroup_taskset: the tasks of one migration. Iterating yields each
 * task with its destination css for the subsystem being called (tset->ssid).
 */
export class CgroupTaskset {
	readonly entries: TasksetEntry[] = [];
	ssid = 0;

	get size(): number {
		return this.entries.length;
	}

	/** cgroup_taskset_for_each(): [task, destination css]. */
	*[Symbol.iterator](): IterableIterator<[Task, CgroupSubsysState]> {
		for (const e of this.entries) yield [e.task, e.dst.subsys[this.ssid]!];
	}

	/** The source css of a task in this migration. */
	oldCss(task: Task): CgroupSubsysState | null {
		for (const e of this.entries) if (e.task === task) return e.src.subsys[this.ssid]!;
		return null;
	}
}
