/**
 * struct css_set and struct cgrp_cset_link. A css_set is the vector of csses
 * a group of tasks shares, one per controller, plus the cgroup those tasks
 * are in on each hierarchy. Tasks point at a css_set; css_sets and cgroups are
 * joined M:N by links, so a cgroup's tasks are found by walking its links.
 */
import { CgTaskList } from "../task.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupSubsysState } from "./css.ts";

export class CgrpCsetLink {
	readonly cset: CssSet;
	readonly cgrp: Cgroup;

	constructor(cset: CssSet, cgrp: Cgroup) {
		this.cset = cset;
		this.cgrp = cgrp;
	}
}

export class CssSet {
	/** Creation number, for the debug views (cgkit tree, cg_list). */
	readonly id: number;
	/** subsys[]: one css per controller. */
	readonly subsys: CgroupSubsysState[];
	/** The cgroup on the default hierarchy. */
	dflCgrp: Cgroup;
	/** cgrp_links: one per hierarchy, in the order hierarchies were created. */
	readonly cgrpLinks: CgrpCsetLink[] = [];
	/** Live tasks, in the order they arrived (linked by task->cg_list). */
	readonly tasks = new CgTaskList();
	/** Tasks picked for an in-flight migration. */
	readonly mgTasks = new CgTaskList();
	/** Exited group leaders whose other threads still run. */
	readonly dyingTasks = new CgTaskList();
	/** Pointers to this css_set: tasks (until freed) and in-flight migrations. */
	refcount = 1;
	nrTasks = 0;
	/** Linked to a removed cgroup: migration ignores it. */
	dead = false;
	/** css_set_hash(): of the css serial numbers and the non-root cgroups' serial numbers. */
	hash = 0;
	// Migration scratch (mg_src_cgrp, mg_dst_cgrp, mg_dst_cset).
	mgSrcCgrp: Cgroup | null = null;
	mgDstCgrp: Cgroup | null = null;
	mgDstCset: CssSet | null = null;
	mgPreloaded = false;
	/**
	 * dom_cset: for a css_set of a threaded cgroup, the css_set of the same
	 * identity on its thread root (holding a reference); itself otherwise.
	 */
	domCset: CssSet;
	/** threaded_csets: the css_sets whose dom_cset this is, in creation order. */
	threadedCsets: Set<CssSet> | null = null;

	constructor(id: number, subsys: CgroupSubsysState[], dflCgrp: Cgroup) {
		this.id = id;
		this.subsys = subsys;
		this.dflCgrp = dflCgrp;
		this.domCset = this;
	}

	/** css_set_populated(). */
	isPopulated(): boolean {
		return this.tasks.size > 0 || this.mgTasks.size > 0;
	}

	/** The cgroup of this css_set on a hierarchy (cset_cgroup_from_root). */
	cgroupOn(rootCgrp: Cgroup): Cgroup {
		const root = rootCgrp.root;
		for (const link of this.cgrpLinks) if (link.cgrp.root === root) return link.cgrp;
		throw new Error(`css_set ${this.id} has no link to hierarchy ${root.hierarchyId}`);
	}
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of the css_set hash. */
export function hashStep(h: number, serial: number): number {
	return Math.imul(h ^ serial, FNV_PRIME);
}

export const HASH_SEED = FNV_OFFSET;

/** The hash of a css_set's identity: which csses, and which non-root cgroups. */
export function cssSetHash(subsys: readonly CgroupSubsysState[], cgrps: readonly Cgroup[]): number {
	let h = FNV_OFFSET;
	for (const css of subsys) h = hashStep(h, css.serialNr);
	for (const c of cgrps) if (c.parent !== null) h = hashStep(h, c.self.serialNr);
	return h;
}

/**
 * css_set_table: css_sets by identity hash (buckets resolve collisions), and
 * in creation order for iteration.
 */
export class CssSetTable {
	private readonly buckets = new Map<number, CssSet | CssSet[]>();
	private readonly all = new Set<CssSet>();

	get size(): number {
		return this.all.size;
	}

	values(): IterableIterator<CssSet> {
		return this.all.values();
	}

	[Symbol.iterator](): IterableIterator<CssSet> {
		return this.all.values();
	}

	has(cset: CssSet): boolean {
		return this.all.has(cset);
	}

	/** The css_sets filed under a hash (none, one, or several on a collision). */
	bucket(hash: number): CssSet | CssSet[] | undefined {
		return this.buckets.get(hash);
	}

	add(cset: CssSet): void {
		const b = this.buckets.get(cset.hash);
		if (b === undefined) this.buckets.set(cset.hash, cset);
		else if (Array.isArray(b)) b.push(cset);
		else this.buckets.set(cset.hash, [b, cset]);
		this.all.add(cset);
	}

	delete(cset: CssSet): void {
		const b = this.buckets.get(cset.hash);
		if (b === cset) this.buckets.delete(cset.hash);
		else if (Array.isArray(b)) {
			const rest = b.filter((x) => x !== cset);
			if (rest.length === 1) this.buckets.set(cset.hash, rest[0]!);
			else this.buckets.set(cset.hash, rest);
		}
		this.all.delete(cset);
	}
}
