/**
 * The two id allocation disciplines the cgroup code relies on (lib/idr.c):
 * idr_alloc_cyclic(), which keeps moving forward and wraps, and idr_alloc(),
 * which hands out the lowest free id.
 */

/**
 * idr_alloc_cyclic(): ids in [start, end), searching from the cursor. Backed
 * by an array indexed by id (up to the highest id in use), so lookups, adds
 * and removals cost the same with a million entries as with ten.
 */
export class CyclicIdr<T> {
	private readonly slots: (T | null)[] = [];
	private count = 0;
	/** idr_next: where the next search starts. */
	cursor = 0;

	get size(): number {
		return this.count;
	}

	get(id: number): T | undefined {
		return id >= 0 && id < this.slots.length ? (this.slots[id] ?? undefined) : undefined;
	}

	has(id: number): boolean {
		return this.get(id) !== undefined;
	}

	*values(): IterableIterator<T> {
		for (const v of this.slots) if (v !== null) yield v;
	}

	*entries(): IterableIterator<[number, T]> {
		for (let id = 0; id < this.slots.length; id++) {
			const v = this.slots[id]!;
			if (v !== null) yield [id, v];
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
		this.grow(found);
		this.slots[found] = value;
		this.count++;
		this.cursor = found + 1;
		return found;
	}

	remove(id: number): void {
		if (id >= 0 && id < this.slots.length && this.slots[id] !== null) {
			this.slots[id] = null;
			this.count--;
		}
	}

	private search(from: number, max: number): number {
		const n = this.slots.length;
		for (let id = from; id <= max; id++) {
			if (id >= n || this.slots[id] === null) return id;
		}
		return -1;
	}

	private grow(id: number): void {
		const slots = this.slots;
		if (id < slots.length) return;
		const target = Math.max(id + 1, Math.min(slots.length * 2, id + 65536), 16);
		while (slots.length < target) slots.push(null);
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
			if (heap[p]! <= heap[i]!) break;
			[heap[p], heap[i]] = [heap[i]!, heap[p]!];
			i = p;
		}
	}

	private popMin(): number {
		const heap = this.freed;
		const top = heap[0]!;
		const last = heap.pop()!;
		if (heap.length === 0) return top;
		heap[0] = last;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < heap.length && heap[l]! < heap[m]!) m = l;
			if (r < heap.length && heap[r]! < heap[m]!) m = r;
			if (m === i) return top;
			[heap[m], heap[i]] = [heap[i]!, heap[m]!];
			i = m;
		}
	}
}
