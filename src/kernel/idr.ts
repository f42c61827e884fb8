/**
 * The two id allocation disciplines the cgroup code relies on (lib/idr.c):
 * idr_alloc_cyclic(), which keeps moving forward and wraps, and idr_alloc(),
 * which hands out the lowest free id.
 */

const PAGE_SHIFT = 10;
const PAGE_SLOTS = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_SLOTS - 1;

/**
 * idr_alloc_cyclic(): ids in [start, end), searching from the cursor. Like the
 * kernel's radix tree it is a two-level table of fixed pages, so lookups,
 * adds and removals cost the same with a million entries as with ten, and
 * growing never copies.
 */
export class CyclicIdr<T> {
	private readonly pages: ((T | null)[] | undefined)[] = [];
	private count = 0;
	/** idr_next: where the next search starts. */
	cursor = 0;

	get size(): number {
		return this.count;
	}

	get(id: number): T | undefined {
		if (id < 0) return undefined;
		const page = this.pages[id >>> PAGE_SHIFT];
		return page === undefined ? undefined : (page[id & PAGE_MASK] ?? undefined);
	}

	has(id: number): boolean {
		return this.get(id) !== undefined;
	}

	*values(): IterableIterator<T> {
		for (const page of this.pages)
			if (page !== undefined) for (const v of page) if (v !== null) yield v;
	}

	*entries(): IterableIterator<[number, T]> {
		for (let p = 0; p < this.pages.length; p++) {
			const page = this.pages[p];
			if (page === undefined) continue;
			for (let i = 0; i < PAGE_SLOTS; i++) {
				const v = page[i]!;
				if (v !== null) yield [(p << PAGE_SHIFT) | i, v];
			}
		}
	}

	/** Returns the id, or -1 when [start, end) is full (the kernel's -ENOSPC). */
	alloc(value: T, start: number, end: number): number {
		const max = end - 1;
		let id = Math.max(start, this.cursor);
		let found = this.search(id, max);
		if (found < 0 && id > start) {
			id = start;
			found = this.search(id, max);
		}
		if (found < 0) return -1;
		this.page(found >>> PAGE_SHIFT)[found & PAGE_MASK] = value;
		this.count++;
		this.cursor = found + 1;
		return found;
	}

	remove(id: number): void {
		const page = id < 0 ? undefined : this.pages[id >>> PAGE_SHIFT];
		if (page !== undefined && page[id & PAGE_MASK] !== null) {
			page[id & PAGE_MASK] = null;
			this.count--;
		}
	}

	private search(from: number, max: number): number {
		for (let id = from; id <= max; ) {
			const page = this.pages[id >>> PAGE_SHIFT];
			if (page === undefined) return id;
			const last = Math.min(max, id | PAGE_MASK);
			for (; id <= last; id++) if (page[id & PAGE_MASK] === null) return id;
		}
		return -1;
	}

	private page(index: number): (T | null)[] {
		let page = this.pages[index];
		if (page === undefined) {
			while (this.pages.length < index) this.pages.push(undefined);
			page = new Array<T | null>(PAGE_SLOTS).fill(null);
			this.pages[index] = page;
		}
		return page;
	}
}

/** idr_alloc(): the lowest free id at or above start. */
export class LowestIdr {
	/** Freed ids (all below `next`), kept as a binary min-heap. */
	private readonly freed: number[] = [];
	private next: number;
	private count = 0;

	constructor(start: number) {
		this.next = start;
	}

	get size(): number {
		return this.count;
	}

	alloc(): number {
		this.count++;
		return this.freed.length > 0 ? this.popMin() : this.next++;
	}

	/** Free an id this allocator handed out. */
	remove(id: number): void {
		this.count--;
		const heap = this.freed;
		heap.push(id);
		let i = heap.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			const parent = heap[p]!;
			if (parent <= id) break;
			heap[i] = parent;
			i = p;
		}
		heap[i] = id;
	}

	private popMin(): number {
		const heap = this.freed;
		const top = heap[0]!;
		const last = heap.pop()!;
		if (heap.length === 0) return top;
		// Sift `last` down from the root.
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = l;
			if (m >= heap.length) break;
			if (r < heap.length && heap[r]! < heap[l]!) m = r;
			if (heap[m]! >= last) break;
			heap[i] = heap[m]!;
			i = m;
		}
		heap[i] = last;
		return top;
	}
}
