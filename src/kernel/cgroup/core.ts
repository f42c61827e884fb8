/**
 * The cgroup core: the global state and operations of kernel/cgroup/cgroup.c.
 * Hierarchies, css_set lookup and reference counting, populated counters,
 * cgroup creation and destruction, rebinding controllers between
 * hierarchies, and the fork/exit hooks.
 */
import { Cred } from "../cred.ts";
import { KernelError } from "../errno.ts";
import { CyclicIdr } from "../idr.ts";
import type { Kernel } from "../kernel.ts";
import { PF_EXITING, type Task } from "../task.ts";
import { type CfType, cftypeMode } from "./cftype.ts";
import { Cgroup, CgroupFileSet, type CgroupFileTable } from "./cgroup.ts";
import { CgroupSubsysState } from "./css.ts";
import { CgrpCsetLink, CssSet, CssSetTable, cssSetHash, HASH_SEED, hashStep } from "./css-set.ts";
import {
	CFTYPE_NO_PREFIX,
	CFTYPE_NOT_ON_ROOT,
	CFTYPE_ONLY_ON_ROOT,
	CFTYPE_WORLD_WRITABLE,
	CGRP_CPUSET_CLONE_CHILDREN,
	CGRP_FREEZE,
	CGRP_FROZEN,
	CGRP_NOTIFY_ON_RELEASE,
	CGRP_ROOT_NOPREFIX,
	CSS_DYING,
	CSS_ONLINE,
	CSS_RELEASED,
	CSS_VISIBLE,
} from "./defs.ts";
import { cgroupFreezerExit, cgroupFreezerPostFork } from "./freezer-v2.ts";
import { kernfsNewNodeOwner } from "./kernfs-node.ts";
import { CgroupRoot } from "./root.ts";
import { registerBaseStat } from "./rstat.ts";
import { Subsystem, type SubsystemDef } from "./subsys.ts";

/** Builders of the core file tables (cgroup1_base_files, cgroup_base_files). */
export interface BaseFileTables {
	readonly v1: (core: CgroupCore) => readonly CfType[];
	readonly dfl: (core: CgroupCore) => readonly CfType[];
}

/** How many freed css_sets are kept for reuse. */
const UNUSED_CSET_CACHE = 256;

export class CgroupCore {
	readonly kernel: Kernel;
	readonly subsys: readonly Subsystem[];
	readonly dflRoot: CgroupRoot;
	/** cgroup_roots: newest first; the default hierarchy is last. */
	roots: CgroupRoot[] = [];
	readonly hierarchyIdr = new CyclicIdr<CgroupRoot>();
	/** css_set_table. */
	readonly cssSetTable = new CssSetTable();
	/** Freed css_sets kept for reuse, least recently freed first. */
	readonly unusedCsets = new Set<CssSet>();

	/** css_set_count: the css_sets in use. */
	get nrCssSets(): number {
		return this.cssSetTable.size - this.unusedCsets.size;
	}
	readonly initCssSet: CssSet;
	/** cgrp_dfl_visible: cgroup2 has been mounted at least once. */
	dflVisible = false;
	/** Controllers cgroup2 never offers (no dfl_cftypes). */
	readonly dflInhibitSsMask: number;
	/** Controllers implicitly enabled everywhere on cgroup2. */
	readonly dflImplicitSsMask: number;
	readonly dflThreadedSsMask: number;
	private readonly dependsOn: readonly number[];
	private readonly baseFiles: { readonly v1: readonly CfType[]; readonly dfl: readonly CfType[] };
	private cssSerialNext = 1;
	private cssSetIdNext = 1;

	/** The id the next new css_set gets (tells a made css_set from a found one). */
	get nextCssSetId(): number {
		return this.cssSetIdNext;
	}
	private readonly fileWatchers: ((cgrp: Cgroup, name: string) => void)[] = [];
	private readonly fileNames = new WeakMap<CfType, Map<string, string>>();
	private readonly fileTables = new Map<number, CgroupFileTable>();

	constructor(kernel: Kernel, defs: readonly SubsystemDef[], baseFiles: BaseFileTables) {
		this.kernel = kernel;
		this.baseFiles = { v1: baseFiles.v1(this), dfl: baseFiles.dfl(this) };
		this.subsys = defs.map((def, id) => new Subsystem(id, def, def.create(kernel)));
		let inhibit = 0;
		let implicit = 0;
		let threaded = 0;
		for (const ss of this.subsys) {
			if (ss.v1Only) inhibit |= ss.mask;
			if (ss.implicitOnDfl) implicit |= ss.mask;
			if (ss.threaded) threaded |= ss.mask;
		}
		this.dflInhibitSsMask = inhibit;
		this.dflImplicitSsMask = implicit;
		this.dflThreadedSsMask = threaded;
		this.dependsOn = defs.map((def) =>
			(def.dependsOn ?? []).reduce((m, name) => {
				const i = defs.findIndex((d) => d.name === name);
				return i < 0 ? m : m | (1 << i);
			}, 0),
		);

		// cgroup_init(): the default hierarchy gets hierarchy id 0 and the init
		// css_set, then every controller gets its root css there
		// (cgroup_init_subsys()).
		this.dflRoot = new CgroupRoot({ isDfl: true, flags: 0, name: "", releaseAgentPath: "" });
		this.dflRoot.hierarchyId = this.hierarchyIdr.alloc(this.dflRoot, 0, 0x7fffffff);
		const rootCgrp = this.createRootCgroup(this.dflRoot);
		this.roots = [this.dflRoot];
		this.initCssSet = new CssSet(this.cssSetIdNext++, new Array(this.subsys.length), rootCgrp);
		this.linkCssSet(this.initCssSet, rootCgrp);
		this.populateDir(rootCgrp.self, Cred.root());
		for (const ss of this.subsys) {
			ss.root = this.dflRoot;
			const css = this.allocCss(ss, null, rootCgrp);
			css.id = 1;
			this.initCssSet.subsys[ss.id] = css;
			this.onlineCss(css);
			this.dflRoot.subsysMask |= ss.mask;
			ss.ops.bind?.(css);
		}
		this.initCssSet.hash = cssSetHash(this.initCssSet.subsys, [rootCgrp]);
		this.cssSetTable.add(this.initCssSet);
		this.propagateControl(rootCgrp);
		for (const ss of this.subsys) this.populateIfVisible(rootCgrp.subsys(ss.id)!, Cred.root());
		registerBaseStat(this);
	}

	/**
	 * cgroup_file_notify(): a file's content changed for pollers and inotify
	 * watchers (cgroup.events, memory.events, ...). Watchers subscribe with
	 * onFileNotify().
	 */
	fileNotify(cgrp: Cgroup, name: string): void {
		cgrp.lookedUpFile(name)?.notify();
		for (const w of this.fileWatchers) w(cgrp, name);
	}

	/** Subscribe to cgroup_file_notify(); returns the unsubscribe function. */
	onFileNotify(watcher: (cgrp: Cgroup, name: string) => void): () => void {
		this.fileWatchers.push(watcher);
		return () => {
			const i = this.fileWatchers.indexOf(watcher);
			if (i >= 0) this.fileWatchers.splice(i, 1);
		};
	}

	subsysByLegacyName(name: string): Subsystem | undefined {
		return this.subsys.find((ss) => ss.legacyName === name);
	}

	subsysByName(name: string): Subsystem | undefined {
		return this.subsys.find((ss) => ss.name === name);
	}

	// ---------------------------------------------------------------- masks

	/** cgroup_control(): controllers this cgroup offers its children. */
	cgroupControl(cgrp: Cgroup): number {
		const parent = cgrp.parent;
		if (parent !== null) {
			// A threaded cgroup can only have threaded controllers.
			return cgrp.threaded ? parent.subtreeControl & this.dflThreadedSsMask : parent.subtreeControl;
		}
		let mask = cgrp.root.subsysMask;
		if (cgrp.root.isDfl) mask &= ~(this.dflInhibitSsMask | this.dflImplicitSsMask);
		return mask;
	}

	/** cgroup_ss_mask(): controllers that have a css on this cgroup. */
	cgroupSsMask(cgrp: Cgroup): number {
		const parent = cgrp.parent;
		if (parent === null) return cgrp.root.subsysMask;
		return cgrp.threaded ? parent.subtreeSsMask & this.dflThreadedSsMask : parent.subtreeSsMask;
	}

	/** cgroup_calc_subtree_ss_mask(): enabled plus implicit plus dependencies. */
	calcSubtreeSsMask(subtreeControl: number, thisSsMask: number): number {
		let cur = subtreeControl | this.dflImplicitSsMask;
		for (;;) {
			let next = cur;
			for (const ss of this.subsys) if (cur & ss.mask) next |= this.dependsOn[ss.id]!;
			next &= thisSsMask;
			if (next === cur) return cur;
			cur = next;
		}
	}

	/** cgroup_propagate_control(): parents before children. */
	propagateControl(cgrp: Cgroup): void {
		cgrp.subtreeControl &= this.cgroupControl(cgrp);
		cgrp.subtreeSsMask = this.calcSubtreeSsMask(cgrp.subtreeControl, this.cgroupSsMask(cgrp));
		if (cgrp.children.size > 0)
			for (const child of cgrp.children.values()) this.propagateControl(child);
	}

	/** css_visible(): whether the css's files should exist. */
	cssVisible(css: CgroupSubsysState): boolean {
		const ss = css.ss;
		if (ss === null) return true;
		const cgrp = css.cgroup;
		if (this.cgroupControl(cgrp) & ss.mask) return true;
		if (!(this.cgroupSsMask(cgrp) & ss.mask)) return false;
		return cgrp.root.isDfl && ss.implicitOnDfl;
	}

	/** cgroup_e_css_by_mask(): the css that serves `cgrp` for `ss`. */
	effectiveCss(cgrp: Cgroup, ss: Subsystem): CgroupSubsysState {
		let c: Cgroup | null = cgrp;
		while (c !== null && !(this.cgroupSsMask(c) & ss.mask)) c = c.parent;
		const css = c === null ? null : c.subsys(ss.id);
		if (!css) throw new Error(`no effective ${ss.name} css for ${cgrp.path()}`);
		return css;
	}

	// ------------------------------------------------------- refcounting

	/** css_get() / cgroup_get_live(). */
	cssGet(css: CgroupSubsysState): void {
		css.refcnt++;
	}

	/** css_put(): the last put releases and frees the css. */
	cssPut(css: CgroupSubsysState): void {
		css.refcnt--;
		if (css.refcnt === 0) this.cssRelease(css);
	}

	/** css_release_work_fn() followed by css_free_rwork_fn(). */
	private cssRelease(css: CgroupSubsysState): void {
		css.flags |= CSS_RELEASED;
		const cgrp = css.cgroup;
		const ss = css.ss;
		if (ss !== null) {
			if (css.parent) css.parent.nrChildren--;
			if (css.flags & CSS_DYING) {
				for (let c: Cgroup | null = cgrp; c !== null; c = c.parent) bumpDying(c, ss.id, -1);
			}
			ss.ops.cssReleased?.(css);
			this.cssFree(css);
			return;
		}
		// The cgroup itself.
		if (cgrp.parent === null) {
			this.destroyRoot(cgrp.root);
			return;
		}
		for (let t: Cgroup | null = cgrp.parent; t !== null; t = t.parent) t.nrDyingDescendants--;
		cgrp.parent.self.nrChildren--;
		cgrp.root.nrCgrps--;
		this.cssPut(cgrp.parent.self);
	}

	// ------------------------------------------------------------ css_set

	getCssSet(cset: CssSet): void {
		cset.refcount++;
	}

	/**
	 * put_css_set(). The last put frees the css_set; unless it is dead, its
	 * memory (with its links and css references) is kept in the unused cache
	 * for the next find_css_set() of the same identity, which is what an
	 * attach that empties its source css_set otherwise rebuilds every time.
	 * The cache is invisible: unused css_sets hold no tasks, and are freed at
	 * once when a cgroup they link to is removed (purgeUnused) or evicted.
	 */
	putCssSet(cset: CssSet): void {
		cset.refcount--;
		if (cset.refcount > 0) return;
		if (!cset.dead) {
			this.unusedCsets.add(cset);
			if (this.unusedCsets.size > UNUSED_CSET_CACHE) {
				const oldest = this.unusedCsets.values().next().value!;
				this.freeCssSet(oldest);
			}
			return;
		}
		this.freeCssSet(cset);
	}

	/** Free the css_sets of the unused cache that link to `cgrp` (it is going away). */
	private purgeUnused(cgrp: Cgroup): void {
		for (const link of [...cgrp.csetLinks]) {
			if (this.unusedCsets.has(link.cset)) this.freeCssSet(link.cset);
		}
	}

	/** Unlink and free a css_set nobody references. */
	private freeCssSet(cset: CssSet): void {
		this.unusedCsets.delete(cset);
		this.cssSetTable.delete(cset);
		const dcset = cset.domCset;
		if (dcset !== cset) {
			dcset.threadedCsets!.delete(cset);
			cset.domCset = cset;
			this.putCssSet(dcset);
		}
		for (const link of cset.cgrpLinks) {
			link.cgrp.removeLink(link);
			if (link.cgrp.parent !== null) this.cssPut(link.cgrp.self);
		}
		for (const css of cset.subsys) this.cssPut(css);
	}

	/** link_css_set(). */
	private linkCssSet(cset: CssSet, cgrp: Cgroup): void {
		if (cgrp.root.isDfl) cset.dflCgrp = cgrp;
		const link = new CgrpCsetLink(cset, cgrp);
		cgrp.addLink(link);
		cset.cgrpLinks.push(link);
		if (cgrp.parent !== null) this.cssGet(cgrp.self);
	}

	/** The css the template of find_css_set() has for a controller. */
	private templateCss(old: CssSet, cgrp: Cgroup, ss: Subsystem): CgroupSubsysState {
		return cgrp.root.subsysMask & ss.mask ? this.effectiveCss(cgrp, ss) : old.subsys[ss.id]!;
	}

	/**
	 * find_css_set(): the css_set with `old`'s csses and cgroups except on
	 * `cgrp`'s hierarchy, where it is in `cgrp`. Returns it with a reference.
	 * The lookup hashes and compares the template in place; only a new
	 * css_set allocates.
	 */
	findCssSet(old: CssSet, cgrp: Cgroup): CssSet {
		const root = cgrp.root;
		const subsys = this.subsys;
		let h = HASH_SEED;
		for (let i = 0; i < subsys.length; i++)
			h = hashStep(h, this.templateCss(old, cgrp, subsys[i]!).serialNr);
		const links = old.cgrpLinks;
		for (let i = 0; i < links.length; i++) {
			const c = links[i]!.cgrp.root === root ? cgrp : links[i]!.cgrp;
			if (c.parent !== null) h = hashStep(h, c.self.serialNr);
		}
		const bucket = this.cssSetTable.bucket(h);
		if (bucket !== undefined) {
			const found = Array.isArray(bucket)
				? bucket.find((c) => this.matches(c, old, cgrp))
				: this.matches(bucket, old, cgrp)
					? bucket
					: undefined;
			if (found !== undefined) {
				if (found.refcount === 0) this.unusedCsets.delete(found);
				found.refcount++;
				return found;
			}
		}
		const template = subsys.map((ss) => this.templateCss(old, cgrp, ss));
		const cset = new CssSet(this.cssSetIdNext++, template, old.dflCgrp);
		cset.hash = h;
		for (const css of template) this.cssGet(css);
		for (const link of links) this.linkCssSet(cset, link.cgrp.root === root ? cgrp : link.cgrp);
		this.cssSetTable.add(cset);
		// A threaded cgroup's css_set is linked to its twin on the thread root,
		// which cgroup.procs walks it after.
		const dfl = cset.dflCgrp;
		if (dfl.threaded) {
			const dcset = this.findCssSet(cset, dfl.domCgrp);
			cset.domCset = dcset;
			if (dcset.threadedCsets === null) dcset.threadedCsets = new Set();
			dcset.threadedCsets.add(cset);
		}
		return cset;
	}

	/** compare_css_sets(): is `cset` what find_css_set(old, cgrp) describes? */
	private matches(cset: CssSet, old: CssSet, cgrp: Cgroup): boolean {
		// Its dom_cset must be on the thread root the new cgroup has now (a
		// css_set made before the cgroup turned threaded, or before its thread
		// root changed, is not it).
		const newDfl = cgrp.root.isDfl ? cgrp : old.dflCgrp;
		if (cset.domCset.dflCgrp !== newDfl.domCgrp) return false;
		const subsys = this.subsys;
		for (let i = 0; i < subsys.length; i++) {
			if (cset.subsys[i] !== this.templateCss(old, cgrp, subsys[i]!)) return false;
		}
		const a = cset.cgrpLinks;
		const b = old.cgrpLinks;
		if (a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) {
			const want = b[i]!.cgrp.root === cgrp.root ? cgrp : b[i]!.cgrp;
			if (a[i]!.cgrp !== want) return false;
		}
		return true;
	}

	// ---------------------------------------------------------- populated

	/** css_set_move_task(): move between css_sets, keeping populated counts. */
	cssSetMoveTask(task: Task, from: CssSet | null, to: CssSet | null, useMgTasks: boolean): void {
		if (to !== null && !to.isPopulated()) this.cssSetUpdatePopulated(to, true);
		if (from !== null) {
			task.cgOn?.delete(task);
			if (!from.isPopulated()) this.cssSetUpdatePopulated(from, false);
		}
		if (to !== null) {
			task.cgroups = to;
			(useMgTasks ? to.mgTasks : to.tasks).add(task);
			if (from !== null) this.kernel.psi.cgroupMoveTask(task);
		}
	}

	private cssSetUpdatePopulated(cset: CssSet, populated: boolean): void {
		for (const link of cset.cgrpLinks) this.updatePopulated(link.cgrp, populated);
	}

	/** cgroup_update_populated(): propagate a populated change up the tree. */
	updatePopulated(cgrp: Cgroup, populated: boolean): void {
		const adj = populated ? 1 : -1;
		let child: Cgroup | null = null;
		for (let c: Cgroup | null = cgrp; c !== null; child = c, c = c.parent) {
			const was = c.isPopulated();
			if (child === null) c.nrPopulatedCsets += adj;
			else if (child.threaded) c.nrPopulatedThreadedChildren += adj;
			else c.nrPopulatedDomainChildren += adj;
			if (was === c.isPopulated()) break;
			this.checkForRelease(c);
			this.fileNotify(c, "cgroup.events");
		}
	}

	/** css_has_online_children() for the cgroup's self css. */
	hasOnlineChildren(cgrp: Cgroup): boolean {
		return cgrp.children.size > 0;
	}

	/** cgroup1_check_for_release(): queue the release agent when it applies. */
	checkForRelease(cgrp: Cgroup): void {
		if (
			cgrp.notifyOnRelease &&
			!cgrp.isPopulated() &&
			!this.hasOnlineChildren(cgrp) &&
			cgrp.online &&
			!cgrp.releasePending
		) {
			cgrp.releasePending = true;
			this.kernel.queueWork(() => {
				cgrp.releasePending = false;
				this.kernel.releaseAgent(cgrp);
			});
		}
	}

	// --------------------------------------------------------------- files

	/** cgroup_file_name(): the prefixed name of a cftype on a cgroup. */
	fileName(cgrp: Cgroup, css: CgroupSubsysState, cft: CfType): string {
		const ss = css.ss;
		if (ss === null || cft.flags! & CFTYPE_NO_PREFIX || cgrp.root.flags & CGRP_ROOT_NOPREFIX) {
			return cft.name;
		}
		const prefix = cgrp.root.isDfl ? ss.name : ss.legacyName;
		let names = this.fileNames.get(cft);
		if (names === undefined) {
			names = new Map();
			this.fileNames.set(cft, names);
		}
		let name = names.get(prefix);
		if (name === undefined) {
			name = `${prefix}.${cft.name}`;
			names.set(prefix, name);
		}
		return name;
	}

	/** The shared file table of a css on its cgroup (filtered, named, moded). */
	private fileTable(css: CgroupSubsysState): CgroupFileTable {
		const cgrp = css.cgroup;
		const root = cgrp.root;
		const dfl = root.isDfl;
		const noprefix = (root.flags & CGRP_ROOT_NOPREFIX) !== 0;
		const isRoot = cgrp.parent === null;
		const key =
			((css.ss?.id ?? -1) + 1) * 8 + (dfl ? 4 : 0) + (noprefix ? 2 : 0) + (isRoot ? 1 : 0);
		let table = this.fileTables.get(key);
		if (table !== undefined) return table;
		const all =
			css.ss === null
				? dfl
					? this.baseFiles.dfl
					: this.baseFiles.v1
				: ((dfl ? css.ss.ops.dflCftypes : css.ss.ops.legacyCftypes) ?? []);
		const cfts = all.filter((cft) => {
			const flags = cft.flags ?? 0;
			if (flags & CFTYPE_ONLY_ON_ROOT && !isRoot) return false;
			if (flags & CFTYPE_NOT_ON_ROOT && isRoot) return false;
			return true;
		});
		const names = cfts.map((cft) => this.fileName(cgrp, css, cft));
		table = {
			cfts,
			names,
			modes: cfts.map((cft) => cftypeMode(cft, ((cft.flags ?? 0) & CFTYPE_WORLD_WRITABLE) !== 0)),
			index: new Map(names.map((n, i) => [n, i])),
		};
		this.fileTables.set(key, table);
		return table;
	}

	/** css_populate_dir(): create the css's control files, owned by `cred`'s fs ids. */
	populateDir(css: CgroupSubsysState, cred: FsIds): void {
		if (css.flags & CSS_VISIBLE) return;
		const cgrp = css.cgroup;
		const table = this.fileTable(css);
		for (const name of table.names) {
			if (cgrp.children.has(name) || cgrp.hasFile(name)) throw new KernelError("EEXIST");
		}
		cgrp.fileSets.push(
			new CgroupFileSet(cgrp, css, table, {
				firstIno: cgrp.root.allocInos(table.cfts.length),
				uid: cred.fsuid,
				gid: kernfsNewNodeOwner(cgrp, cred.fsgid, 0, false).gid,
				time: this.kernel.clock.stamp(),
			}),
		);
		css.flags |= CSS_VISIBLE;
	}

	/** css_clear_dir(): remove the css's control files. */
	clearDir(css: CgroupSubsysState): void {
		if (!(css.flags & CSS_VISIBLE)) return;
		css.flags &= ~CSS_VISIBLE;
		const sets = css.cgroup.fileSets;
		let kept = 0;
		for (let i = 0; i < sets.length; i++) {
			const set = sets[i]!;
			if (set.css === css) set.deactivate();
			else sets[kept++] = set;
		}
		sets.length = kept;
	}

	/** Remove every control file of a cgroup (its directory is going). */
	private clearAllFiles(cgrp: Cgroup): void {
		for (const set of cgrp.fileSets) set.deactivate();
		cgrp.fileSets.length = 0;
	}

	populateIfVisible(css: CgroupSubsysState, cred: FsIds): void {
		if (this.cssVisible(css)) this.populateDir(css, cred);
	}

	// ------------------------------------------------------------ csses

	/** css_alloc + init_and_link_css(). */
	allocCss(ss: Subsystem, parentCss: CgroupSubsysState | null, cgrp: Cgroup) {
		const css = ss.ops.cssAlloc
			? ss.ops.cssAlloc(parentCss, cgrp, ss)
			: new CgroupSubsysState(cgrp, ss, parentCss);
		this.cssGet(cgrp.self);
		css.serialNr = this.cssSerialNext++;
		if (parentCss !== null) {
			this.cssGet(parentCss);
			parentCss.nrChildren++;
		}
		return css;
	}

	/** online_css(). */
	private onlineCss(css: CgroupSubsysState): void {
		const ss = css.ss!;
		ss.ops.cssOnline?.(css);
		css.flags |= CSS_ONLINE;
		css.cgroup.setSubsys(ss.id, css);
		for (let p = css.parent; p !== null; p = p.parent) p.nrDescendants++;
	}

	/** offline_css(). */
	private offlineCss(css: CgroupSubsysState): void {
		if (!(css.flags & CSS_ONLINE)) return;
		const ss = css.ss!;
		ss.ops.cssOffline?.(css);
		css.flags &= ~CSS_ONLINE;
		css.cgroup.setSubsys(ss.id, null);
	}

	/** css_free_rwork_fn() for a controller's css. */
	private cssFree(css: CgroupSubsysState): void {
		const ss = css.ss!;
		ss.ops.cssFree?.(css);
		ss.cssIdr.remove(css.id);
		this.cssPut(css.cgroup.self);
		if (css.parent) this.cssPut(css.parent);
	}

	/** css_create(): alloc, id, online; a failure frees what was built. */
	createCss(cgrp: Cgroup, ss: Subsystem): CgroupSubsysState {
		const parentCss = cgrp.parent!.subsys(ss.id);
		const css = this.allocCss(ss, parentCss, cgrp);
		css.id = ss.cssIdr.alloc();
		try {
			this.onlineCss(css);
		} catch (e) {
			// err_list_del/err_free_css: freed without ever being released.
			css.flags |= CSS_RELEASED;
			if (parentCss) parentCss.nrChildren--;
			this.cssFree(css);
			throw e;
		}
		return css;
	}

	/** kill_css(): offline the css and drop its base reference. */
	killCss(css: CgroupSubsysState): void {
		if (css.flags & CSS_DYING) return;
		css.flags |= CSS_DYING;
		this.clearDir(css);
		const ssid = css.ss!.id;
		bumpDying(css.cgroup, ssid, 1);
		for (let p = css.parent; p !== null; p = p.parent) {
			p.nrDescendants--;
			bumpDying(p.cgroup, ssid, 1);
		}
		this.offlineCss(css);
		this.cssPut(css);
	}

	// ------------------------------------------------------ hierarchies

	/** The root cgroup and directory of a new hierarchy (kernfs_create_root()). */
	private createRootCgroup(root: CgroupRoot): Cgroup {
		const cgrp = new Cgroup(root, null, "", {
			ino: root.allocIno(),
			mode: 0o555,
			uid: 0,
			gid: 0,
			time: this.kernel.clock.stamp(),
		});
		cgrp.self.flags |= CSS_ONLINE;
		root.cgrp = cgrp;
		return cgrp;
	}

	/**
	 * cgroup_setup_root() for a v1 hierarchy: id, directory, core files,
	 * controllers, then every css_set gets linked to the new root cgroup, so
	 * every task is in it. Failures after the id allocation leave the id
	 * consumed, as in the kernel.
	 */
	setupRoot(root: CgroupRoot, ssMask: number, cred: FsIds): void {
		const id = this.hierarchyIdr.alloc(root, 0, 0x7fffffff);
		if (id < 0) throw new KernelError("ENOSPC");
		root.hierarchyId = id;
		this.createRootCgroup(root);
		try {
			this.populateDir(root.cgrp.self, cred);
			this.rebindSubsystems(root, ssMask, cred);
		} catch (e) {
			this.hierarchyIdr.remove(id);
			throw e;
		}
		this.roots.unshift(root);
		const cgrp = root.cgrp;
		for (const cset of this.cssSetTable.values()) {
			this.linkCssSet(cset, cgrp);
			if (cset.isPopulated()) this.updatePopulated(cgrp, true);
		}
	}

	/** rebind_subsystems(): move controllers (root csses) to `dst`. */
	rebindSubsystems(dst: CgroupRoot, ssMask: number, cred: FsIds): void {
		for (const ss of this.subsys) {
			if (!(ssMask & ss.mask)) continue;
			const rootCss = ss.root.cgrp.subsys(ss.id)!;
			if (rootCss.nrChildren > 0 && !ss.implicitOnDfl) throw new KernelError("EBUSY");
			if (!ss.root.isDfl && !dst.isDfl) throw new KernelError("EBUSY");
		}
		const dcgrp = dst.cgrp;
		for (const ss of this.subsys) {
			if (!(ssMask & ss.mask)) continue;
			const src = ss.root;
			const scgrp = src.cgrp;
			const css = scgrp.subsys(ss.id)!;
			src.subsysMask &= ~ss.mask;
			this.propagateControl(scgrp);
			this.clearDir(css);
			ss.ops.cssReset?.(css);
			scgrp.setSubsys(ss.id, null);
			dcgrp.setSubsys(ss.id, css);
			css.cgroup = dcgrp;
			ss.root = dst;
			dst.subsysMask |= ss.mask;
			if (!dst.isDfl) dcgrp.subtreeControl |= ss.mask;
			this.propagateControl(dcgrp);
			this.populateIfVisible(css, cred);
			ss.ops.bind?.(css);
		}
	}

	/** cgroup_kill_sb(): the last superblock of a hierarchy went away. */
	killSb(root: CgroupRoot): void {
		if (root.isDfl) return;
		if (root.cgrp.self.nrChildren === 0 && !root.killed) {
			root.killed = true;
			this.destroyRoot(root);
		}
	}

	/** cgroup_destroy_root(): unlink every css_set, give controllers back to cgroup2. */
	private destroyRoot(root: CgroupRoot): void {
		const cgrp = root.cgrp;
		for (const link of cgrp.csetLinks) {
			const links = link.cset.cgrpLinks;
			links.splice(links.indexOf(link), 1);
		}
		cgrp.clearLinks();
		cgrp.nrPopulatedCsets = 0;
		this.rebindSubsystems(this.dflRoot, root.subsysMask, Cred.root());
		this.hierarchyIdr.remove(root.hierarchyId);
		this.roots = this.roots.filter((r) => r !== root);
		this.clearAllFiles(cgrp);
		cgrp.self.flags &= ~CSS_ONLINE;
		root.destroyed = true;
	}

	/** The roots the v1 mount code may reuse (for_each_root without the default one). */
	v1Roots(): CgroupRoot[] {
		return this.roots.filter((r) => !r.isDfl);
	}

	// ------------------------------------------------------ mkdir, rmdir

	/** cgroup_check_hierarchy_limits(). */
	private checkHierarchyLimits(parent: Cgroup): boolean {
		let level = 1;
		for (let c: Cgroup | null = parent; c !== null; c = c.parent, level++) {
			if (c.nrDescendants >= c.maxDescendants) return false;
			if (level > c.maxDepth) return false;
		}
		return true;
	}

	/** Whether a name is taken in a cgroup directory (kernfs_find_ns). */
	nameTaken(dir: Cgroup, name: string): boolean {
		return dir.children.has(name) || dir.hasFile(name);
	}

	/**
	 * cgroup_mkdir(): a child cgroup named `name`, with directory mode `mode`
	 * (already masked by the umask) and files owned by `cred`'s fs ids.
	 */
	mkdir(parent: Cgroup, name: string, mode: number, cred: FsIds): Cgroup {
		if (this.nameTaken(parent, name)) throw new KernelError("EEXIST");
		if (name.includes("\n")) throw new KernelError("EINVAL");
		if (!parent.online) throw new KernelError("ENODEV");
		if (!this.checkHierarchyLimits(parent)) throw new KernelError("EAGAIN");
		const root = parent.root;
		const owner = kernfsNewNodeOwner(parent, cred.fsgid, mode & 0o7777, true);
		const cgrp = new Cgroup(root, parent, name, {
			ino: root.allocIno(),
			mode: owner.mode,
			uid: cred.fsuid,
			gid: owner.gid,
			time: this.kernel.clock.stamp(),
		});
		// cgroup_create(): a child of a freezing cgroup starts frozen (it is empty).
		cgrp.freezer.eFreeze = parent.freezer.eFreeze;
		if (cgrp.freezer.eFreeze) {
			cgrp.flags |= CGRP_FREEZE | CGRP_FROZEN;
			cgrp.freezer.freezeStartNs = this.kernel.clock.now();
		}
		for (let t: Cgroup | null = parent; t !== null; t = t.parent) {
			t.nrDescendants++;
			if (cgrp.freezer.eFreeze) t.freezer.nrFrozenDescendants++;
		}
		if (parent.flags & CGRP_NOTIFY_ON_RELEASE) cgrp.flags |= CGRP_NOTIFY_ON_RELEASE;
		if (parent.flags & CGRP_CPUSET_CLONE_CHILDREN) cgrp.flags |= CGRP_CPUSET_CLONE_CHILDREN;
		cgrp.self.serialNr = this.cssSerialNext++;
		cgrp.self.flags |= CSS_ONLINE;
		if (root.isDfl) this.kernel.psi.cgroupAlloc(cgrp);
		parent.addChild(name, cgrp);
		this.touchParent(parent);
		parent.self.nrChildren++;
		root.nrCgrps++;
		this.cssGet(parent.self);
		if (!root.isDfl) cgrp.subtreeControl = this.cgroupControl(cgrp);
		this.propagateControl(cgrp);
		try {
			this.populateDir(cgrp.self, cred);
			// cgroup_apply_control_enable()
			const mask = this.cgroupSsMask(cgrp);
			for (const ss of this.subsys) {
				if (!(mask & ss.mask)) continue;
				const css = this.createCss(cgrp, ss);
				this.populateIfVisible(css, cred);
			}
		} catch (e) {
			this.destroyLocked(cgrp);
			throw e;
		}
		// trace_cgroup_mkdir()
		if (this.kernel.trace.active) this.kernel.trace.emit({ kind: "mkdir", cgroup: cgrp });
		return cgrp;
	}

	/** cgroup_rmdir(): EBUSY while populated or with live children. */
	rmdir(cgrp: Cgroup): void {
		if (cgrp.parent === null) throw new KernelError("EBUSY");
		if (!cgrp.online) throw new KernelError("ENOENT");
		this.destroyLocked(cgrp);
		// trace_cgroup_rmdir()
		if (this.kernel.trace.active) this.kernel.trace.emit({ kind: "rmdir", cgroup: cgrp });
	}

	/** cgroup_destroy_locked(). */
	private destroyLocked(cgrp: Cgroup): void {
		if (cgrp.isPopulated()) throw new KernelError("EBUSY");
		if (this.hasOnlineChildren(cgrp)) throw new KernelError("EBUSY");
		const parent = cgrp.parent!;
		cgrp.self.flags &= ~CSS_ONLINE;
		this.purgeUnused(cgrp);
		for (const link of cgrp.csetLinks) link.cset.dead = true;
		for (const ss of this.subsys) {
			const css = cgrp.subsys(ss.id);
			if (css) this.killCss(css);
		}
		this.clearDir(cgrp.self);
		this.clearAllFiles(cgrp);
		if (parent.children.get(cgrp.name) === cgrp) {
			parent.removeChild(cgrp.name);
			this.touchParent(parent);
		}
		if (cgrp.threaded) parent.nrThreadedChildren--;
		for (let t: Cgroup | null = parent; t !== null; t = t.parent) {
			t.nrDescendants--;
			t.nrDyingDescendants++;
			if (cgrp.flags & CGRP_FROZEN) t.freezer.nrFrozenDescendants--;
		}
		this.checkForRelease(parent);
		this.cssPut(cgrp.self);
	}

	/**
	 * kernfs_add_one() and __kernfs_remove(): a directory with iattrs (one
	 * that was chmod'ed, chown'ed, touched, or made by someone other than
	 * root:root) takes the time of the change as its mtime and ctime.
	 */
	private touchParent(dir: Cgroup): void {
		if (!dir.iattr) return;
		const now = this.kernel.clock.stamp();
		dir.mtime = now;
		dir.ctime = now;
	}

	/** kernfs_rename() for a cgroup directory within its parent. */
	rename(cgrp: Cgroup, newName: string): void {
		if (newName.includes("\n")) throw new KernelError("EINVAL");
		const parent = cgrp.parent;
		if (parent === null) throw new KernelError("EBUSY");
		if (newName === cgrp.name) return;
		if (this.nameTaken(parent, newName)) throw new KernelError("EEXIST");
		parent.removeChild(cgrp.name);
		cgrp.name = newName;
		parent.addChild(newName, cgrp);
	}

	// --------------------------------------------------------- lookups

	/** task_cgroup_from_root(). */
	taskCgroupFromRoot(task: Task, root: CgroupRoot): Cgroup {
		return task.cgroups!.cgroupOn(root.cgrp);
	}

	// ------------------------------------------------------ fork and exit

	/**
	 * cgroup_can_fork(): the child's css_set (with a reference), after every
	 * controller's can_fork agreed. A refusal cancels the ones before it and
	 * drops the reference.
	 */
	canFork(child: Task, parent: Task, into: CssSet | null = null): CssSet {
		// With CLONE_INTO_CGROUP the caller found the child's css_set (with its reference).
		const cset = into ?? parent.cgroups!;
		if (into === null) this.getCssSet(cset);
		let i = 0;
		try {
			for (; i < this.subsys.length; i++) this.subsys[i]!.ops.canFork?.(child, cset);
		} catch (e) {
			for (let j = 0; j < i; j++) {
				const ops = this.subsys[j]!.ops;
				if (ops.canFork) ops.cancelFork?.(child, cset);
			}
			this.putCssSet(cset);
			throw e;
		}
		return cset;
	}

	/** cgroup_cancel_fork(). */
	cancelFork(child: Task, cset: CssSet): void {
		for (const ss of this.subsys) if (ss.ops.canFork) ss.ops.cancelFork?.(child, cset);
		this.putCssSet(cset);
	}

	/** cgroup_post_fork(): link the child into its css_set, then the fork callbacks. */
	postFork(child: Task, cset: CssSet): void {
		cset.nrTasks++;
		this.cssSetMoveTask(child, null, cset, false);
		cgroupFreezerPostFork(this, child);
		for (const ss of this.subsys) ss.ops.fork?.(child);
	}

	/** cgroup_exit(): the task leaves its css_set's task list. */
	exit(task: Task): void {
		const cset = task.cgroups!;
		cgroupFreezerExit(this, task, false);
		this.cssSetMoveTask(task, cset, null, false);
		cset.nrTasks--;
		cgroupFreezerExit(this, task, true);
		if (task.isGroupLeader() && task.signal.live > 0) {
			cset.dyingTasks.add(task);
		}
		for (const ss of this.subsys) ss.ops.exit?.(task);
	}

	/** cgroup_release() (at reap) and cgroup_free() (the last task reference). */
	release(task: Task): void {
		for (const ss of this.subsys) ss.ops.release?.(task);
		const cset = task.cgroups!;
		cset.dyingTasks.delete(task);
		for (const ss of this.subsys) ss.ops.free?.(task);
		task.cgroups = null;
		this.putCssSet(cset);
	}

	/** Is the task past exit_signals() (PF_EXITING)? */
	static exiting(task: Task): boolean {
		return (task.flags & PF_EXITING) !== 0;
	}
}

/** Count a dying css of controller `ssid` at `cgrp` (cgrp->nr_dying_subsys[]). */
function bumpDying(cgrp: Cgroup, ssid: number, by: number): void {
	const a = cgrp.nrDyingSubsys;
	while (a.length <= ssid) a.push(0);
	a[ssid]! += by;
}

/** The fs identity files and directories are created with. */
export interface FsIds {
	readonly fsuid: number;
	readonly fsgid: number;
}
