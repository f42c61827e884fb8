/**
 * struct lruvec: the LRU lists of one memcg on one node (enum lru_list:
 * inactive and active anon, inactive and active file, unevictable), doubly
 * linked through the frames of mem_map. New pages go on at the head; reclaim
 * takes from the tail. The lruvec also keeps what reclaim balances on: the
 * recent cost of reclaiming anon and file pages (lru_note_cost()) and the
 * non-resident age of the workingset code.
 */
import { type MemMap, PG_ACTIVE, PG_LRU, PG_SWAPBACKED, PG_UNEVICTABLE } from "./page.ts";

export const LRU_INACTIVE_ANON = 0;
export const LRU_ACTIVE_ANON = 1;
export const LRU_INACTIVE_FILE = 2;
export const LRU_ACTIVE_FILE = 3;
export const LRU_UNEVICTABLE = 4;
export const NR_LRU_LISTS = 5;

/** is_file_lru(). */
export function isFileLru(lru: number): boolean {
	return lru === LRU_INACTIVE_FILE || lru === LRU_ACTIVE_FILE;
}

/** is_active_lru(). */
export function isActiveLru(lru: number): boolean {
	return lru === LRU_ACTIVE_ANON || lru === LRU_ACTIVE_FILE;
}

/** folio_lru_list(): the list a page's flags put it on. */
export function pageLru(flags: number): number {
	if (flags & PG_UNEVICTABLE) return LRU_UNEVICTABLE;
	const base = flags & PG_SWAPBACKED ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
	return flags & PG_ACTIVE ? base + 1 : base;
}

export class Lruvec {
	readonly node: number;
	/** The parent memcg's lruvec on the same node (null for the root's). */
	readonly parent: Lruvec | null;
	readonly head = new Int32Array(NR_LRU_LISTS).fill(-1);
	readonly tail = new Int32Array(NR_LRU_LISTS).fill(-1);
	/** lru_zone_size summed: pages on each list. */
	readonly size = new Float64Array(NR_LRU_LISTS);
	/** lruvec_page_state() of the LRU items: this lruvec's and its descendants' pages, kept current. */
	readonly hsize = new Float64Array(NR_LRU_LISTS);
	/** lruvec->anon_cost, file_cost. */
	anonCost = 0;
	fileCost = 0;
	/** lruvec->nonresident_age: evictions and activations, the workingset clock. */
	nonresidentAge = 0;
	/** lruvec->refaults[]: the refault counts at the last reclaim (anon, file). */
	readonly refaults = [0, 0];

	constructor(node: number, parent: Lruvec | null) {
		this.node = node;
		this.parent = parent;
	}

	private account(lru: number, delta: number): void {
		this.size[lru]! += delta;
		for (let l: Lruvec | null = this; l !== null; l = l.parent) l.hsize[lru]! += delta;
	}

	/** lruvec_add_folio(): at the head of the list its flags name. */
	add(map: MemMap, pfn: number): void {
		const lru = pageLru(map.flags[pfn]!);
		const h = this.head[lru]!;
		map.prev[pfn] = -1;
		map.next[pfn] = h;
		if (h >= 0) map.prev[h] = pfn;
		else this.tail[lru] = pfn;
		this.head[lru] = pfn;
		this.account(lru, 1);
		map.flags[pfn]! |= PG_LRU;
	}

	/** lruvec_add_folio_tail(). */
	addTail(map: MemMap, pfn: number): void {
		const lru = pageLru(map.flags[pfn]!);
		const t = this.tail[lru]!;
		map.next[pfn] = -1;
		map.prev[pfn] = t;
		if (t >= 0) map.next[t] = pfn;
		else this.head[lru] = pfn;
		this.tail[lru] = pfn;
		this.account(lru, 1);
		map.flags[pfn]! |= PG_LRU;
	}

	/** lruvec_del_folio(): off its list (its flags must still name that list). */
	del(map: MemMap, pfn: number): void {
		const lru = pageLru(map.flags[pfn]!);
		const p = map.prev[pfn]!;
		const n = map.next[pfn]!;
		if (p >= 0) map.next[p] = n;
		else this.head[lru] = n;
		if (n >= 0) map.prev[n] = p;
		else this.tail[lru] = p;
		map.prev[pfn] = -1;
		map.next[pfn] = -1;
		this.account(lru, -1);
		map.flags[pfn]! &= ~PG_LRU;
	}
}
