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
	MEMCG_SWAP,
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
const DEACTIVATE_ANON = 1;
const DEACTIVATE_FILE = 2;

/** struct scan_control. */
interface ScanControl {
	readonly nrToReclaim: number;
	readonly target: MemCgroup;
	/** cgroup_reclaim(): reclaim for a memcg limit, not for the machine. */
	readonly cgroupReclaim: boolean;
	readonly maySwap: boolean;
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
): number {
	return doTryToFreePages(mm, memcg, Math.max(nrPages, SWAP_CLUSTER_MAX), true, maySwap);
}

/** try_to_free_pages(): direct reclaim for the machine (every memcg). */
export function tryToFreePages(mm: MemoryManager, nrPages: number): number {
	const root = mm.rootMemcg;
	if (root === null) return 0;
	return doTryToFreePages(mm, root, Math.max(nrPages, SWAP_CLUSTER_MAX), false, true);
}

/** do_try_to_free_pages(): priorities from DEF_PRIORITY down to 0 until enough came free. */
function doTryToFreePages(
	mm: MemoryManager,
	target: MemCgroup,
	nrToReclaim: number,
	cgroupReclaim: boolean,
	maySwap: boolean,
): number {
	const sc: ScanControl = {
		nrToReclaim,
		target,
		cgroupReclaim,
		maySwap,
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
	return sc.nrReclaimed;
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
	const start = sc.cgroupReclaim ? (target.reclaimCursor[node] ?? 0) % memcgs.length : 0;
	for (let i = start; i < memcgs.length; i++) {
		const memcg = memcgs[i]!;
		shrinkLruvec(mm, sc, memcg, memcg.lruvecs[node]!);
		if (sc.cgroupReclaim && sc.nrReclaimed >= sc.nrToReclaim) {
			target.reclaimCursor[node] = i + 1;
			return;
		}
	}
	target.reclaimCursor[node] = 0;
}

/** mem_cgroup_swappiness(): the root's is the machine's vm_swappiness. */
function swappinessOf(memcg: MemCgroup): number {
	return memcg.swappiness;
}

/** get_scan_count(): how many pages of each evictable list to scan. */
function getScanCount(
	mm: MemoryManager,
	sc: ScanControl,
	memcg: MemCgroup,
	lruvec: Lruvec,
): number[] {
	const swappiness = swappinessOf(memcg);
	type Balance = "equal" | "fract" | "file";
	let balance: Balance;
	let fraction = [0, 0];
	let denominator = 1;
	if (!sc.maySwap || mm.swap.nrFree <= 0) balance = "file";
	else if (sc.cgroupReclaim && swappiness === 0) balance = "file";
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
	for (let lru = 0; lru < 4; lru++) {
		const file = isFileLru(lru) ? 1 : 0;
		const size = lruvec.size[lru]!;
		let scan = Math.floor(size / 2 ** sc.priority);
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
	const slot = mm.swap.alloc();
	if (slot < 0) return false;
	const map = mm.map;
	const owner = mm.ownerOf(pfn);
	const memcg = mm.memcgOfPage(pfn);
	const lruvec = mm.lruvecOf(pfn);
	mm.swap.shadow[slot] = lruvec.nonresidentAge;
	const flags = map.flags[pfn]!;
	if (memcg !== null) {
		// mem_cgroup_swapout(): the entry is charged to the nearest online memcg
		// (mem_cgroup_id_get_online()), which takes the memsw charge over.
		let swapMemcg = memcg;
		while (swapMemcg.dying && swapMemcg.parentMemcg !== null) swapMemcg = swapMemcg.parentMemcg;
		mm.swap.memcg[slot] = swapMemcg.memcgId;
		swapMemcg.nrSwapEntries++;
		swapMemcg.stat[MEMCG_SWAP]!++;
		if (flags & PG_ANON) memcg.stat[NR_ANON_MAPPED]!--;
		else {
			memcg.stat[NR_FILE_PAGES]!--;
			memcg.stat[NR_SHMEM]!--;
		}
		if (!memcg.isRoot) memcg.memory.uncharge(1);
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
