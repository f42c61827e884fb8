/**
 * Page reclaim (mm/vmscan.c), the classic two-list LRU: for a memcg that hit
 * its limit, try_to_free_mem_cgroup_pages() walks its subtree
 * (shrink_node_memcgs()) and shrinks each lruvec (shrink_lruvec()) at
 * falling priorities until enough pages came free. get_scan_count() splits
 * the scan between anon and file by swappiness and the recent cost of each;
 * anon pages need swap. shrink_inactive_list() takes pages from the tail of
 * an inactive list: pages referenced since the last look get another round
 * (folio_check_references()), pages referenced twice are activated, the
 * rest are swapped out (anon, shmem) or dropped (clean file pages).
 * shrink_active_list() deactivates the tail of an active list when the
 * inactive one is too small (inactive_is_low()).
 */
import {
	isFileLru,
	LRU_ACTIVE_ANON,
	LRU_ACTIVE_FILE,
	LRU_INACTIVE_ANON,
	LRU_INACTIVE_FILE,
	type Lruvec,
} from "./lruvec.ts";
import {
	MEMCG_LOW,
	MEMCG_SWAP,
	MEMCG_SWAP_FAIL,
	MEMCG_SWAP_MAX,
	type MemCgroup,
	NR_ANON_MAPPED,
	NR_FILE_PAGES,
	NR_SHMEM,
	PGACTIVATE,
	PGDEACTIVATE,
	PGPGOUT,
	PGREFILL,
	PGSCAN,
	PGSTEAL,
	WORKINGSET_ACTIVATE_ANON,
	WORKINGSET_ACTIVATE_FILE,
} from "./memcontrol.ts";
import type { MemoryManager } from "./memory.ts";
import {
	PAGE_SHIFT,
	PG_ACTIVE,
	PG_ANON,
	PG_REFERENCED,
	PG_SWAPBACKED,
	PG_UNEVICTABLE,
	PG_WORKINGSET,
	PG_YOUNG,
} from "./page.ts";

/** SWAP_CLUSTER_MAX: the unit of isolation and the least a reclaim asks for. */
export const SWAP_CLUSTER_MAX = 32;
/** DEF_PRIORITY: the first pass scans 1/4096 of each list. */
export const DEF_PRIORITY = 12;
/** MAX_SWAPPINESS. */
const MAX_SWAPPINESS = 200;
/** SWAPPINESS_ANON_ONLY: memory.reclaim's "swappiness=max", anonymous pages only. */
export const SWAPPINESS_ANON_ONLY = MAX_SWAPPINESS + 1;
const DEACTIVATE_ANON = 1;
const DEACTIVATE_FILE = 2;

/** What a memcg reclaim was asked for beyond its size (MEMCG_RECLAIM_* and the swappiness). */
export interface ReclaimOptions {
	/** MEMCG_RECLAIM_PROACTIVE: memory.reclaim, not a limit. */
	readonly proactive?: boolean;
	/** memory.reclaim's swappiness= (SWAPPINESS_ANON_ONLY for "max"), for a proactive reclaim. */
	readonly swappiness?: number;
}

/** struct scan_control. */
interface ScanControl {
	readonly nrToReclaim: number;
	readonly target: MemCgroup;
	/** cgroup_reclaim(): reclaim for a memcg limit, not for the machine. */
	readonly cgroupReclaim: boolean;
	readonly maySwap: boolean;
	readonly proactive: boolean;
	/** proactive_swappiness, -1 for none. */
	readonly proactiveSwappiness: number;
	/** memcg_low_reclaim: this pass reclaims below memory.low too; memcg_low_skipped: the last pass skipped some. */
	memcgLowReclaim: boolean;
	memcgLowSkipped: boolean;
	/** memcg_full_walk: walk the whole subtree, not from the cursor on until enough came free. */
	memcgFullWalk: boolean;
	/** memory_recursiveprot. */
	readonly recursiveProtection: boolean;
	priority: number;
	nrReclaimed: number;
	nrScanned: number;
	mayDeactivate: number;
	cacheTrimMode: boolean;
	/** The target's subtree, and its workingset activations (what prepare_scan_control() reads). */
	readonly memcgs: MemCgroup[];
	readonly refaults: readonly [number, number];
	anonCost: number;
	fileCost: number;
}

/** try_to_free_mem_cgroup_pages(): pages reclaimed from `memcg`'s subtree. */
export function tryToFreeMemCgroupPages(
	mm: MemoryManager,
	memcg: MemCgroup,
	nrPages: number,
	maySwap: boolean,
	opts: ReclaimOptions = {},
): number {
	const nrToReclaim = Math.max(nrPages, SWAP_CLUSTER_MAX);
	const nrReclaimed = doTryToFreePages(mm, memcg, nrToReclaim, true, maySwap, opts);
	// trace_mm_vmscan_memcg_reclaim_begin() / _end()
	const trace = mm.kernel.trace;
	if (trace.active)
		trace.emit({ kind: "reclaim", memcg: memcg.cgroup, nrRequested: nrToReclaim, nrReclaimed });
	return nrReclaimed;
}

/** try_to_free_pages(): direct reclaim for the machine (every memcg). */
export function tryToFreePages(mm: MemoryManager, nrPages: number): number {
	const root = mm.rootMemcg;
	if (root === null) return 0;
	const nrToReclaim = Math.max(nrPages, SWAP_CLUSTER_MAX);
	const nrReclaimed = doTryToFreePages(mm, root, nrToReclaim, false, true, {});
	// trace_mm_vmscan_direct_reclaim_begin() / _end()
	const trace = mm.kernel.trace;
	if (trace.active)
		trace.emit({ kind: "reclaim", memcg: null, nrRequested: nrToReclaim, nrReclaimed });
	return nrReclaimed;
}

/**
 * do_try_to_free_pages(): priorities from DEF_PRIORITY down to 0 until
 * enough came free. A memcg reclaim that got nothing walks again over the
 * whole subtree, and then once more below memory.low where the first
 * passes left protected memory alone.
 */
function doTryToFreePages(
	mm: MemoryManager,
	target: MemCgroup,
	nrToReclaim: number,
	cgroupReclaim: boolean,
	maySwap: boolean,
	opts: ReclaimOptions,
): number {
	const sc: ScanControl = {
		nrToReclaim,
		target,
		cgroupReclaim,
		maySwap,
		proactive: opts.proactive ?? false,
		proactiveSwappiness: opts.swappiness ?? -1,
		memcgLowReclaim: false,
		memcgLowSkipped: false,
		// Reclaim for the machine walks every memcg each time.
		memcgFullWalk: !cgroupReclaim,
		recursiveProtection: mm.recursiveProtection,
		priority: DEF_PRIORITY,
		nrReclaimed: 0,
		nrScanned: 0,
		mayDeactivate: 0,
		cacheTrimMode: false,
		anonCost: 0,
		fileCost: 0,
		memcgs: target.subtree(),
		refaults: [
			target.statTotal(WORKINGSET_ACTIVATE_ANON),
			target.statTotal(WORKINGSET_ACTIVATE_FILE),
		],
	};
	const nodes = target.lruvecs.length;
	for (;;) {
		do {
			sc.nrScanned = 0;
			for (let node = 0; node < nodes; node++) shrinkNode(mm, sc, node);
			if (sc.nrReclaimed >= sc.nrToReclaim) break;
		} while (--sc.priority >= 0);
		// snapshot_refaults()
		const anon = target.statTotal(WORKINGSET_ACTIVATE_ANON);
		const file = target.statTotal(WORKINGSET_ACTIVATE_FILE);
		for (const l of target.lruvecs) {
			l.refaults[0] = anon;
			l.refaults[1] = file;
		}
		if (sc.nrReclaimed > 0) return sc.nrReclaimed;
		if (!sc.memcgFullWalk) {
			sc.priority = DEF_PRIORITY;
			sc.memcgFullWalk = true;
			continue;
		}
		// Untapped reserves below memory.low: no OOM before they were tried.
		if (sc.memcgLowSkipped) {
			sc.priority = DEF_PRIORITY;
			sc.memcgLowReclaim = true;
			sc.memcgLowSkipped = false;
			continue;
		}
		return 0;
	}
}

/** mem_cgroup_unprotected(): the root and the reclaim target ignore protection. */
function unprotected(target: MemCgroup, memcg: MemCgroup): boolean {
	return memcg.isRoot || memcg === target;
}

/** inactive_is_low() on the hierarchical lruvec of `memcg` on `node`. */
function inactiveIsLow(memcg: MemCgroup, node: number, inactiveLru: number): boolean {
	const inactive = memcg.lruvecTotal(node, inactiveLru);
	const active = memcg.lruvecTotal(node, inactiveLru + 1);
	const gb = Math.floor((inactive + active) / 2 ** (30 - PAGE_SHIFT));
	const ratio = gb > 0 ? Math.floor(Math.sqrt(10 * gb)) : 1;
	return inactive * ratio < active;
}

/** prepare_scan_control() and shrink_node_memcgs() for one node. */
function shrinkNode(mm: MemoryManager, sc: ScanControl, node: number): void {
	const target = sc.target;
	const tl = target.lruvecs[node]!;
	sc.anonCost = tl.anonCost;
	sc.fileCost = tl.fileCost;
	sc.mayDeactivate = 0;
	if (sc.refaults[0] !== tl.refaults[0] || inactiveIsLow(target, node, LRU_INACTIVE_ANON)) {
		sc.mayDeactivate |= DEACTIVATE_ANON;
	}
	if (sc.refaults[1] !== tl.refaults[1] || inactiveIsLow(target, node, LRU_INACTIVE_FILE)) {
		sc.mayDeactivate |= DEACTIVATE_FILE;
	}
	const file = target.lruvecTotal(node, LRU_INACTIVE_FILE);
	sc.cacheTrimMode =
		Math.floor(file / 2 ** sc.priority) > 0 && !(sc.mayDeactivate & DEACTIVATE_FILE);
	// A memcg limit's reclaim resumes its walk of the subtree where the last
	// one stopped and stops once it has enough (the reclaim cookie of
	// mem_cgroup_iter()); reclaim for the machine walks everything.
	const memcgs = sc.memcgs;
	const partial = !sc.memcgFullWalk;
	const start = partial ? (target.reclaimCursor[node] ?? 0) % memcgs.length : 0;
	for (let i = start; i < memcgs.length; i++) {
		const memcg = memcgs[i]!;
		// mem_cgroup_calculate_protection(), then the hard and soft protection checks.
		memcg.memory.calculateProtection(target.memory, sc.recursiveProtection);
		if (!unprotected(target, memcg)) {
			const usage = memcg.memory.usage;
			if (memcg.memory.emin >= usage) continue;
			if (memcg.memory.elow >= usage) {
				if (!sc.memcgLowReclaim) {
					sc.memcgLowSkipped = true;
					continue;
				}
				mm.memcgMemoryEvent(memcg, MEMCG_LOW);
			}
		}
		shrinkLruvec(mm, sc, memcg, memcg.lruvecs[node]!);
		if (partial && sc.nrReclaimed >= sc.nrToReclaim) {
			target.reclaimCursor[node] = i + 1;
			return;
		}
	}
	if (partial) target.reclaimCursor[node] = 0;
}

/** sc_swappiness(): memory.reclaim's swappiness=, else the memcg's. */
function scSwappiness(mm: MemoryManager, sc: ScanControl, memcg: MemCgroup): number {
	if (sc.proactive && sc.proactiveSwappiness >= 0) return sc.proactiveSwappiness;
	return mm.swappiness(memcg);
}

/** get_scan_count(): how many pages of each evictable list to scan. */
function getScanCount(
	mm: MemoryManager,
	sc: ScanControl,
	memcg: MemCgroup,
	lruvec: Lruvec,
): number[] {
	const swappiness = scSwappiness(mm, sc, memcg);
	type Balance = "equal" | "fract" | "file" | "anon";
	let balance: Balance;
	let fraction = [0, 0];
	let denominator = 1;
	// can_reclaim_anon_pages(): swap left, within the memcg's swap.max on cgroup2.
	if (!sc.maySwap || mm.nrSwapPages(memcg) <= 0) balance = "file";
	else if (sc.cgroupReclaim && swappiness === 0) balance = "file";
	else if (swappiness === SWAPPINESS_ANON_ONLY) balance = "anon";
	else if (sc.priority === 0 && swappiness > 0) balance = "equal";
	else if (sc.cacheTrimMode) balance = "file";
	else {
		balance = "fract";
		let total = sc.anonCost + sc.fileCost;
		const anonCost = total + sc.anonCost;
		const fileCost = total + sc.fileCost;
		total = anonCost + fileCost;
		const ap = Math.floor((swappiness * (total + 1)) / (anonCost + 1));
		const fp = Math.floor(((MAX_SWAPPINESS - swappiness) * (total + 1)) / (fileCost + 1));
		fraction = [ap, fp];
		denominator = ap + fp;
	}
	const nr = [0, 0, 0, 0];
	// mem_cgroup_protection(): the reclaim target's own protection does not count.
	const min = sc.target === memcg ? 0 : memcg.memory.emin;
	const low = sc.target === memcg ? 0 : memcg.memory.elow;
	for (let lru = 0; lru < 4; lru++) {
		const file = isFileLru(lru) ? 1 : 0;
		const size = lruvec.size[lru]!;
		let scan = size;
		if (min > 0 || low > 0) {
			// Scale the pressure by how much of the usage is protected; below
			// memory.low only in the pass that reclaims there.
			let protection: number;
			if (!sc.memcgLowReclaim && low > min) {
				protection = low;
				sc.memcgLowSkipped = true;
			} else protection = min;
			const cgroupSize = Math.max(memcg.memory.usage, protection);
			scan = size - Math.floor((size * protection) / (cgroupSize + 1));
			scan = Math.max(scan, SWAP_CLUSTER_MAX);
		}
		scan = Math.floor(scan / 2 ** sc.priority);
		if (scan === 0 && memcg.dying) scan = Math.min(size, SWAP_CLUSTER_MAX);
		switch (balance) {
			case "equal":
				break;
			case "fract":
				scan = memcg.dying
					? Math.ceil((scan * fraction[file]!) / denominator)
					: Math.floor((scan * fraction[file]!) / denominator);
				break;
			case "file":
				if (file === 0) scan = 0;
				break;
			case "anon":
				if (file === 1) scan = 0;
				break;
		}
		nr[lru] = scan;
	}
	return nr;
}

/** shrink_lruvec(). */
function shrinkLruvec(mm: MemoryManager, sc: ScanControl, memcg: MemCgroup, lruvec: Lruvec): void {
	const nr = getScanCount(mm, sc, memcg, lruvec);
	const targets = [...nr];
	let reclaimed = 0;
	let scanAdjusted = false;
	while (nr[LRU_INACTIVE_ANON]! > 0 || nr[LRU_ACTIVE_FILE]! > 0 || nr[LRU_INACTIVE_FILE]! > 0) {
		for (let lru = 0; lru < 4; lru++) {
			if (nr[lru] === 0) continue;
			const n = Math.min(nr[lru]!, SWAP_CLUSTER_MAX);
			nr[lru]! -= n;
			reclaimed += shrinkList(mm, sc, memcg, lruvec, lru, n);
		}
		if (reclaimed < sc.nrToReclaim || scanAdjusted) continue;
		// Enough: stop the smaller of anon and file, and scale the other to the share it was given.
		const nrFile = nr[LRU_INACTIVE_FILE]! + nr[LRU_ACTIVE_FILE]!;
		const nrAnon = nr[LRU_INACTIVE_ANON]! + nr[LRU_ACTIVE_ANON]!;
		if (nrFile === 0 || nrAnon === 0) break;
		let base: number;
		let percentage: number;
		if (nrFile > nrAnon) {
			percentage = Math.floor((nrAnon * 100) / (targets[0]! + targets[1]! + 1));
			base = LRU_INACTIVE_ANON;
		} else {
			percentage = Math.floor((nrFile * 100) / (targets[2]! + targets[3]! + 1));
			base = LRU_INACTIVE_FILE;
		}
		nr[base] = 0;
		nr[base + 1] = 0;
		const other = base === LRU_INACTIVE_FILE ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
		for (const lru of [other, other + 1]) {
			const scanned = targets[lru]! - nr[lru]!;
			nr[lru] = Math.floor((targets[lru]! * (100 - percentage)) / 100);
			nr[lru]! -= Math.min(nr[lru]!, scanned);
		}
		scanAdjusted = true;
	}
	sc.nrReclaimed += reclaimed;
	// can_age_anon_pages(): keep the inactive anon list from running dry.
	if (mm.swap.nrFree > 0 && inactiveIsLow(memcg, lruvec.node, LRU_INACTIVE_ANON)) {
		shrinkActiveList(mm, memcg, lruvec, SWAP_CLUSTER_MAX, LRU_ACTIVE_ANON);
	}
}

/** shrink_list(). */
function shrinkList(
	mm: MemoryManager,
	sc: ScanControl,
	memcg: MemCgroup,
	lruvec: Lruvec,
	lru: number,
	n: number,
): number {
	if (lru === LRU_ACTIVE_ANON || lru === LRU_ACTIVE_FILE) {
		if (sc.mayDeactivate & (isFileLru(lru) ? DEACTIVATE_FILE : DEACTIVATE_ANON)) {
			shrinkActiveList(mm, memcg, lruvec, n, lru);
		}
		return 0;
	}
	return shrinkInactiveList(mm, sc, memcg, lruvec, n, lru);
}

/** Take up to `n` pages from the tail of a list (isolate_lru_folios()). */
function isolate(mm: MemoryManager, lruvec: Lruvec, lru: number, n: number): number[] {
	const out: number[] = [];
	const map = mm.map;
	for (let pfn = lruvec.tail[lru]!; pfn >= 0 && out.length < n; pfn = lruvec.tail[lru]!) {
		lruvec.del(map, pfn);
		out.push(pfn);
	}
	return out;
}

/** workingset_age_nonresident(): the lruvec and its ancestors' on this node. */
function ageNonresident(memcg: MemCgroup, node: number, n: number): void {
	for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg)
		m.lruvecs[node]!.nonresidentAge += n;
}

/** shrink_active_list(): deactivate the tail of an active list. */
function shrinkActiveList(
	mm: MemoryManager,
	memcg: MemCgroup,
	lruvec: Lruvec,
	n: number,
	lru: number,
): void {
	const map = mm.map;
	const pages = isolate(mm, lruvec, lru, n);
	memcg.events[PGREFILL]! += pages.length;
	for (const pfn of pages) {
		// folio_referenced() clears the accessed bits; only executable file pages stay active.
		map.flags[pfn] = (map.flags[pfn]! & ~(PG_YOUNG | PG_ACTIVE)) | PG_WORKINGSET;
		lruvec.add(map, pfn);
	}
	memcg.events[PGDEACTIVATE]! += pages.length;
}

/** lru_note_cost(): the cost of reclaiming one type, decayed, up the hierarchy. */
function noteCost(
	memcg: MemCgroup,
	node: number,
	file: boolean,
	nrIo: number,
	nrRotated: number,
): void {
	const cost = nrIo * SWAP_CLUSTER_MAX + nrRotated;
	if (cost === 0) return;
	for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
		const l = m.lruvecs[node]!;
		if (file) l.fileCost += cost;
		else l.anonCost += cost;
		let size = 0;
		for (let i = 0; i < 4; i++) size += m.lruvecTotal(node, i);
		if (l.fileCost + l.anonCost > size / 4) {
			l.fileCost = Math.floor(l.fileCost / 2);
			l.anonCost = Math.floor(l.anonCost / 2);
		}
	}
}

/** shrink_inactive_list() with shrink_folio_list(). */
function shrinkInactiveList(
	mm: MemoryManager,
	sc: ScanControl,
	memcg: MemCgroup,
	lruvec: Lruvec,
	n: number,
	lru: number,
): number {
	const map = mm.map;
	const pages = isolate(mm, lruvec, lru, n);
	sc.nrScanned += pages.length;
	memcg.events[PGSCAN]! += pages.length;
	let reclaimed = 0;
	let pageout = 0;
	for (const pfn of pages) {
		const flags = map.flags[pfn]!;
		// folio_check_references()
		const young = (flags & PG_YOUNG) !== 0;
		const referenced = (flags & PG_REFERENCED) !== 0;
		map.flags[pfn] = flags & ~(PG_YOUNG | PG_REFERENCED);
		if (flags & PG_UNEVICTABLE) {
			lruvec.add(map, pfn);
			continue;
		}
		if (young) {
			map.flags[pfn]! |= PG_REFERENCED;
			if (referenced) activate(mm, memcg, lruvec, pfn);
			else lruvec.add(map, pfn);
			continue;
		}
		if (flags & PG_SWAPBACKED) {
			if (!sc.maySwap || !swapOut(mm, pfn)) {
				activate(mm, memcg, lruvec, pfn);
				continue;
			}
			pageout++;
		} else dropFilePage(mm, pfn);
		ageNonresident(memcg, lruvec.node, 1);
		reclaimed++;
	}
	memcg.events[PGSTEAL]! += reclaimed;
	noteCost(memcg, lruvec.node, isFileLru(lru), pageout, pages.length - reclaimed);
	return reclaimed;
}

/** activate_locked: onto the active list. */
function activate(mm: MemoryManager, memcg: MemCgroup, lruvec: Lruvec, pfn: number): void {
	mm.map.flags[pfn]! |= PG_ACTIVE;
	lruvec.add(mm.map, pfn);
	memcg.events[PGACTIVATE]!++;
	ageNonresident(memcg, lruvec.node, 1);
}

/**
 * add_to_swap() + pageout() + __remove_mapping(): write an anonymous or
 * shmem page to a swap slot, leave the swap entry where the page was
 * (mem_cgroup_swapout() keeps the memsw charge on the entry) and free the
 * page. False when swap is full.
 */
function swapOut(mm: MemoryManager, pfn: number): boolean {
	const memcg = mm.memcgOfPage(pfn);
	const slot = mm.swap.alloc();
	if (slot < 0) {
		// folio_alloc_swap() without a slot: a swap failure for the memcg (cgroup2).
		if (memcg !== null && mm.onDfl) mm.memcgMemoryEvent(memcg, MEMCG_SWAP_FAIL);
		return false;
	}
	// The entry is charged to the nearest online memcg (mem_cgroup_id_get_online()).
	let swapMemcg = memcg;
	while (swapMemcg?.dying && swapMemcg.parentMemcg !== null) swapMemcg = swapMemcg.parentMemcg;
	if (swapMemcg !== null && !mm.doMemswAccount && mm.onDfl && !swapMemcg.isRoot) {
		// __mem_cgroup_try_charge_swap(): cgroup2 charges the swap counter, within swap.max.
		if (swapMemcg.swap.tryCharge(1) !== null) {
			mm.memcgMemoryEvent(swapMemcg, MEMCG_SWAP_MAX);
			mm.memcgMemoryEvent(swapMemcg, MEMCG_SWAP_FAIL);
			mm.swap.free(slot);
			return false;
		}
	}
	const map = mm.map;
	const owner = mm.ownerOf(pfn);
	const lruvec = mm.lruvecOf(pfn);
	mm.swap.shadow[slot] = lruvec.nonresidentAge;
	const flags = map.flags[pfn]!;
	if (memcg !== null && swapMemcg !== null) {
		mm.swap.memcg[slot] = swapMemcg.memcgId;
		swapMemcg.nrSwapEntries++;
		swapMemcg.stat[MEMCG_SWAP]!++;
		if (flags & PG_ANON) memcg.stat[NR_ANON_MAPPED]!--;
		else {
			memcg.stat[NR_FILE_PAGES]!--;
			memcg.stat[NR_SHMEM]!--;
		}
		if (!memcg.isRoot) memcg.memory.uncharge(1);
		// mem_cgroup_swapout() (v1): the memory+swap charge moves to the entry's memcg.
		if (swapMemcg !== memcg && mm.doMemswAccount) {
			if (!swapMemcg.isRoot) swapMemcg.memsw.charge(1);
			memcg.memsw.uncharge(1);
		}
		memcg.events[PGPGOUT]!++;
	}
	map.memcg[pfn] = 0;
	owner.ptes[map.index[pfn]!] = -(slot + 1);
	if (owner.mm !== null) {
		owner.mm.anonRss--;
		owner.mm.swapents++;
	}
	map.free(pfn);
	mm.pswpout++;
	if (memcg !== null && memcg.underOom > 0) mm.oomRecover(memcg);
	if (memcg !== null) mm.maybeFreeMemcg(memcg);
	return true;
}

/** A clean page-cache page leaves memory (its data stays in the file). */
function dropFilePage(mm: MemoryManager, pfn: number): void {
	const owner = mm.ownerOf(pfn);
	owner.ptes[mm.map.index[pfn]!] = 0;
	mm.freePage(pfn);
}
