/**
 * struct cgroup, and the kernfs nodes of its directory and control files
 * (both are KernfsNodes: the cgroup core creates them itself).
 */

import type { TimeStamp } from "../clock.ts";
import { emptyNameTable, NameTable, type ReadonlyNameTable } from "../name-table.ts";
import type { CfType } from "./cftype.ts";
import { CgroupSubsysState } from "./css.ts";
import type { CgrpCsetLink } from "./css-set.ts";
import { CGRP_NOTIFY_ON_RELEASE, INT_MAX, PATH_MAX } from "./defs.ts";
import { KernfsNode, type KernfsNodeInit } from "./kernfs-node.ts";
import type { CgroupRoot } from "./root.ts";
import type { CgroupBaseStat } from "./rstat.ts";

/**
 * The files one cftype table gives one kind of cgroup (controller, hierarchy
 * kind, prefix rule, root or not): shared by every cgroup of that kind.
 */
export interface CgroupFileTable {
	readonly cfts: readonly CfType[];
	readonly names: readonly string[];
	readonly modes: readonly number[];
	readonly index: ReadonlyMap<string, number>;
}

/**
 * The control files one css put into its cgroup (one css_populate_dir()).
 * Names, modes and inode numbers come from the shared table and the first
 * inode number; a CgroupFile object is made only when the file is looked up,
 * and kept from then on, so its identity and attribute changes persist.
 */
export class CgroupFileSet {
	readonly cgroup: Cgroup;
	readonly css: CgroupSubsysState;
	readonly table: CgroupFileTable;
	readonly firstIno: number;
	private readonly uid: number;
	private readonly gid: number;
	private readonly time: TimeStamp;
	private nodes: (CgroupFile | undefined)[] | null = null;

	constructor(
		cgroup: Cgroup,
		css: CgroupSubsysState,
		table: CgroupFileTable,
		attrs: { firstIno: number; uid: number; gid: number; time: TimeStamp },
	) {
		this.cgroup = cgroup;
		this.css = css;
		this.table = table;
		this.firstIno = attrs.firstIno;
		this.uid = attrs.uid;
		this.gid = attrs.gid;
		this.time = attrs.time;
	}

	get size(): number {
		return this.table.cfts.length;
	}

	/** The kernfs node of the i-th file. */
	file(i: number): CgroupFile {
		if (this.nodes === null) this.nodes = [];
		let f = this.nodes[i];
		if (f === undefined) {
			f = new CgroupFile(this.cgroup, this.css, this.table.cfts[i]!, this.table.names[i]!, {
				ino: this.firstIno + i,
				mode: this.table.modes[i]!,
				uid: this.uid,
				gid: this.gid,
				time: this.time,
			});
			this.nodes[i] = f;
		}
		return f;
	}

	/** The i-th file's node if it was made. */
	fileIfMade(i: number): CgroupFile | undefined {
		return this.nodes?.[i];
	}

	/** kernfs_remove() of every file: open ones fail with ENODEV from now on. */
	deactivate(): void {
		if (this.nodes !== null) for (const f of this.nodes) if (f !== undefined) f.active = false;
	}
}

/** A control file: the kernfs node cgroup_add_file() creates for a cftype. */
export class CgroupFile extends KernfsNode {
	readonly cgroup: Cgroup;
	readonly cft: CfType;
	readonly css: CgroupSubsysState;
	readonly name: string;
	/** Cleared when the node is removed; open files then fail with ENODEV. */
	active = true;

	constructor(
		cgroup: Cgroup,
		css: CgroupSubsysState,
		cft: CfType,
		name: string,
		init: KernfsNodeInit,
	) {
		super(init);
		this.cgroup = cgroup;
		this.css = css;
		this.cft = cft;
		this.name = name;
	}
}

/** struct cgroup_freezer_state (kernel/cgroup/freezer.c). */
export class CgroupFreezerState {
	/** cgroup.freeze as written. */
	freeze = false;
	/** Effective: this cgroup's or an ancestor's freeze. */
	eFreeze = false;
	/** Frozen descendant cgroups. */
	nrFrozenDescendants = 0;
	/** Tasks of this cgroup in the freezer trap. */
	nrFrozenTasks = 0;
	/** When CGRP_FREEZE was last set, and the time frozen before that (ns). */
	freezeStartNs = 0;
	frozenNs = 0;
}

const NO_LINKS: ReadonlySet<CgrpCsetLink> = new Set();

export class Cgroup extends KernfsNode {
	readonly root: CgroupRoot;
	parent: Cgroup | null;
	/** The directory name (kn->name); "" for a hierarchy's root. */
	name: string;
	readonly level: number;
	/** cgroup->self: carries the cgroup's refcount, online state and serial number. */
	readonly self: CgroupSubsysState;
	/** cgroup->subsys[], grown only to the highest controller id bound here. */
	private readonly cssById: (CgroupSubsysState | null)[] = [];
	/** Live child cgroups by name (allocated with the first child). */
	private childTable: NameTable<Cgroup> | null = null;
	flags = 0;
	/** cgrp->cset_links (allocated with the first link). */
	private linkSet: Set<CgrpCsetLink> | null = null;
	nrPopulatedCsets = 0;
	nrPopulatedDomainChildren = 0;
	nrPopulatedThreadedChildren = 0;
	nrDescendants = 0;
	nrDyingDescendants = 0;
	maxDescendants = INT_MAX;
	maxDepth = INT_MAX;
	/** cgroup2: controllers enabled for the children (cgroup.subtree_control). */
	subtreeControl = 0;
	subtreeSsMask = 0;
	/** cgroup_save_control(): the masks before a control change, for rollback. */
	oldSubtreeControl = 0;
	oldSubtreeSsMask = 0;
	/** cgrp->dom_cgrp: itself, or the thread root of a threaded cgroup. */
	domCgrp: Cgroup;
	oldDomCgrp: Cgroup;
	/** Live threaded children (cgrp->nr_threaded_children). */
	nrThreadedChildren = 0;
	/** cgrp->nr_dying_subsys[]: offlined csses of each controller here and below, not yet freed. */
	readonly nrDyingSubsys: number[] = [];
	/** cgrp->bstat: CPU time here and below (rstat.ts), allocated on the first charge. */
	bstat: CgroupBaseStat | null = null;
	/** The cgroup2 freezer's state (struct cgroup_freezer_state). */
	readonly freezer = new CgroupFreezerState();
	/** release_agent_work is queued and has not run yet. */
	releasePending = false;
	/** The control files, one set per populated css, in creation order. */
	fileSets: CgroupFileSet[] = [];

	constructor(root: CgroupRoot, parent: Cgroup | null, name: string, init: KernfsNodeInit) {
		super(init);
		this.root = root;
		this.parent = parent;
		this.name = name;
		this.level = parent === null ? 0 : parent.level + 1;
		this.self = new CgroupSubsysState(this, null, parent === null ? null : parent.self);
		this.domCgrp = this;
		this.oldDomCgrp = this;
	}

	/** cgroup_is_threaded(). */
	get threaded(): boolean {
		return this.domCgrp !== this;
	}

	/** cgroup_has_tasks(): tasks in this cgroup itself. */
	get hasTasks(): boolean {
		return this.nrPopulatedCsets > 0;
	}

	/** Live child cgroups by name (the kernfs directory's subdirectories). */
	get children(): ReadonlyNameTable<Cgroup> {
		return this.childTable ?? emptyNameTable();
	}

	addChild(name: string, child: Cgroup): void {
		if (this.childTable === null) this.childTable = new NameTable();
		this.childTable.set(name, child);
	}

	removeChild(name: string): void {
		this.childTable?.delete(name);
	}

	/** cgrp->cset_links: the css_sets that include this cgroup, oldest first. */
	get csetLinks(): ReadonlySet<CgrpCsetLink> {
		return this.linkSet ?? NO_LINKS;
	}

	addLink(link: CgrpCsetLink): void {
		if (this.linkSet === null) this.linkSet = new Set();
		this.linkSet.add(link);
	}

	removeLink(link: CgrpCsetLink): void {
		this.linkSet?.delete(link);
	}

	clearLinks(): void {
		this.linkSet = null;
	}

	/** cgroup_css(): this cgroup's css of a controller, if it has one. */
	subsys(ssid: number): CgroupSubsysState | null {
		return this.cssById[ssid] ?? null;
	}

	setSubsys(ssid: number, css: CgroupSubsysState | null): void {
		const a = this.cssById;
		while (a.length <= ssid) a.push(null);
		a[ssid] = css;
	}

	/** Every css this cgroup has. */
	*csses(): IterableIterator<CgroupSubsysState> {
		for (const css of this.cssById) if (css !== null) yield css;
	}

	/** cgroup_is_populated(): a task here or in any descendant. */
	isPopulated(): boolean {
		return (
			this.nrPopulatedCsets + this.nrPopulatedDomainChildren + this.nrPopulatedThreadedChildren > 0
		);
	}

	/** !cgroup_is_dead(). */
	get online(): boolean {
		return this.self.online;
	}

	get notifyOnRelease(): boolean {
		return (this.flags & CGRP_NOTIFY_ON_RELEASE) !== 0;
	}

	/**
	 * cgroup_path() into a PATH_MAX buffer: like kernfs_path_from_node(), a
	 * longer path is cut to PATH_MAX-1 bytes rather than refused.
	 */
	pathMax(): string {
		const p = this.path();
		return p.length < PATH_MAX ? p : p.slice(0, PATH_MAX - 1);
	}

	/** Path from the hierarchy root, "/" for the root (cgroup_path). */
	path(): string {
		if (this.parent === null) return "/";
		let p = "";
		for (let c: Cgroup | null = this; c !== null && c.parent !== null; c = c.parent) {
			p = `/${c.name}${p}`;
		}
		return p;
	}

	/** Path relative to an ancestor-or-not `base` (kernfs_path_from_node). */
	pathFrom(base: Cgroup): string {
		if (base === this.root.cgrp) return this.path();
		// Find the common ancestor, then climb with "..".
		const mine: Cgroup[] = [];
		for (let c: Cgroup | null = this; c !== null; c = c.parent) mine.push(c);
		const theirs = new Set<Cgroup>();
		for (let c: Cgroup | null = base; c !== null; c = c.parent) theirs.add(c);
		const common = mine.find((c) => theirs.has(c))!;
		let up = 0;
		for (let c: Cgroup | null = base; c !== common; c = c!.parent) up++;
		const down = mine.slice(0, mine.indexOf(common)).reverse();
		const parts = [...Array<string>(up).fill(".."), ...down.map((c) => c.name)];
		return `/${parts.join("/")}`;
	}

	/** cgroup_is_descendant(): this is `ancestor` or below it. */
	isDescendantOf(ancestor: Cgroup): boolean {
		if (ancestor.root !== this.root || ancestor.level > this.level) return false;
		let c: Cgroup = this;
		while (c.level > ancestor.level) c = c.parent!;
		return c === ancestor;
	}

	/** Walk the live descendants, pre-order (cgroup_for_each_live_descendant_pre). */
	*descendantsPre(): IterableIterator<Cgroup> {
		yield this;
		for (const child of this.children.values()) yield* child.descendantsPre();
	}

	/** Walk the live descendants, post-order. */
	*descendantsPost(): IterableIterator<Cgroup> {
		for (const child of this.children.values()) yield* child.descendantsPost();
		yield this;
	}

	/** The control file called `name`, if any. */
	file(name: string): CgroupFile | undefined {
		for (const set of this.fileSets) {
			const i = set.table.index.get(name);
			if (i !== undefined) {
				const cft = set.table.cfts[i]!;
				if (cft.shown !== undefined && !cft.shown(this)) return undefined;
				return set.file(i);
			}
		}
		return undefined;
	}

	/** The control file called `name` if its node was ever looked up (nobody can watch the others). */
	lookedUpFile(name: string): CgroupFile | undefined {
		for (const set of this.fileSets) {
			const i = set.table.index.get(name);
			if (i !== undefined) return set.fileIfMade(i);
		}
		return undefined;
	}

	hasFile(name: string): boolean {
		for (const set of this.fileSets) if (set.table.index.has(name)) return true;
		return false;
	}

	/** Every control file's name and inode number, in creation order. */
	*fileEntries(): IterableIterator<{ name: string; ino: number }> {
		for (const set of this.fileSets) {
			for (let i = 0; i < set.size; i++) {
				const cft = set.table.cfts[i]!;
				if (cft.shown !== undefined && !cft.shown(this)) continue;
				yield { name: set.table.names[i]!, ino: set.firstIno + i };
			}
		}
	}
}
