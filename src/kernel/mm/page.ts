/**
 * mem_map: the array of struct page, one entry per page frame, kept as
 * parallel typed arrays indexed by pfn (a struct of arrays, so a machine's
 * gigabytes cost a few bytes a page and no objects). Frames are handed out
 * from a free stack and the arrays grow as more frames are first used, up
 * to the machine's RAM. Page-frame flags are the PG_* bits the LRU and
 * reclaim need; the frame also records which memcg it is charged to (an
 * id, 0 for none) and its owner (an anonymous region or a file's page
 * cache, by id) with its index there, which is the reverse map reclaim uses
 * to turn a page back into a swap entry or a hole.
 */

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

/** PG_lru: on one of its lruvec's lists. */
export const PG_LRU = 1 << 0;
/** PG_active: on the active list of its type. */
export const PG_ACTIVE = 1 << 1;
/** PG_referenced: seen used once already (mark_page_accessed()). */
export const PG_REFERENCED = 1 << 2;
/** PG_swapbacked: anonymous or shmem; reclaimed to swap, on the anon lists. */
export const PG_SWAPBACKED = 1 << 3;
/** PG_unevictable: mlocked or otherwise not reclaimable. */
export const PG_UNEVICTABLE = 1 << 4;
/** PageAnon(): mapped anonymous memory (counted as rss), not shmem. */
export const PG_ANON = 1 << 5;
/** The young (accessed) bit of the PTEs mapping the page. */
export const PG_YOUNG = 1 << 6;
/** PG_workingset: was active before it was deactivated or evicted. */
export const PG_WORKINGSET = 1 << 7;

const INITIAL_FRAMES = 1024;

export class MemMap {
	/** How many frames the machine has. */
	readonly totalPages: number;
	flags = new Uint16Array(INITIAL_FRAMES);
	/** lru prev/next links (pfn, -1 at the ends). */
	prev = new Int32Array(INITIAL_FRAMES);
	next = new Int32Array(INITIAL_FRAMES);
	/** folio->memcg_data: the id of the charged memcg, 0 when uncharged. */
	memcg = new Int32Array(INITIAL_FRAMES);
	/** The owner (anonymous region or page cache) id and the page's index there. */
	owner = new Int32Array(INITIAL_FRAMES);
	index = new Int32Array(INITIAL_FRAMES);
	/** page_to_nid(). */
	node = new Uint8Array(INITIAL_FRAMES);
	/** Frames handed out at least once (the arrays' used prefix). */
	private used = 0;
	/** Frames freed since, ready for reuse (a stack). */
	private freeStack = new Int32Array(INITIAL_FRAMES);
	private nrFreeStack = 0;
	/** Frames in use. */
	nrAllocated = 0;

	constructor(totalPages: number) {
		this.totalPages = totalPages;
	}

	get nrFree(): number {
		return this.totalPages - this.nrAllocated;
	}

	/** alloc_pages(): a frame on `node`, or -1 when the machine has none left. */
	alloc(node: number): number {
		let pfn: number;
		if (this.nrFreeStack > 0) pfn = this.freeStack[--this.nrFreeStack]!;
		else if (this.used < this.totalPages) {
			if (this.used === this.flags.length) this.grow();
			pfn = this.used++;
		} else return -1;
		this.nrAllocated++;
		this.flags[pfn] = 0;
		this.prev[pfn] = -1;
		this.next[pfn] = -1;
		this.memcg[pfn] = 0;
		this.owner[pfn] = 0;
		this.index[pfn] = 0;
		this.node[pfn] = node;
		return pfn;
	}

	/** free_pages(). */
	free(pfn: number): void {
		if (this.nrFreeStack === this.freeStack.length) {
			const s = new Int32Array(this.freeStack.length * 2);
			s.set(this.freeStack);
			this.freeStack = s;
		}
		this.freeStack[this.nrFreeStack++] = pfn;
		this.nrAllocated--;
	}

	private grow(): void {
		const n = Math.min(this.flags.length * 2, Math.max(this.totalPages, 1));
		const grow16 = (a: Uint16Array): Uint16Array<ArrayBuffer> => {
			const b = new Uint16Array(n);
			b.set(a);
			return b;
		};
		const grow32 = (a: Int32Array): Int32Array<ArrayBuffer> => {
			const b = new Int32Array(n);
			b.set(a);
			return b;
		};
		this.flags = grow16(this.flags);
		this.prev = grow32(this.prev);
		this.next = grow32(this.next);
		this.memcg = grow32(this.memcg);
		this.owner = grow32(this.owner);
		this.index = grow32(this.index);
		const node = new Uint8Array(n);
		node.set(this.node);
		this.node = node;
	}
}
