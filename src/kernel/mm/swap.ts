/**
 * The swap area (struct swap_info_struct) and what the memcg code keeps per
 * swap entry: swap_cgroup, the id of the memcg a swapped-out page was
 * charged to, which keeps that memcg's memsw (and swap) charge until the
 * entry is freed. The shadow is the workingset code's eviction timestamp.
 * Slots are handed out lowest-free-first from a stack of freed ones.
 */

const INITIAL_SLOTS = 1024;

export class SwapInfo {
	/** si->pages: usable slots. */
	readonly nrPages: number;
	/** si->inuse_pages. */
	inuse = 0;
	/** swap_cgroup: the memcg id an entry is charged to. */
	memcg = new Int32Array(INITIAL_SLOTS);
	/** The shadow entry: the lruvec's nonresident age at eviction. */
	shadow = new Float64Array(INITIAL_SLOTS);
	private used = 0;
	private freeStack = new Int32Array(INITIAL_SLOTS);
	private nrFreeStack = 0;

	constructor(nrPages: number) {
		this.nrPages = nrPages;
	}

	get nrFree(): number {
		return this.nrPages - this.inuse;
	}

	/** get_swap_pages(): a free slot, or -1 when the area is full. */
	alloc(): number {
		let slot: number;
		if (this.nrFreeStack > 0) slot = this.freeStack[--this.nrFreeStack]!;
		else if (this.used < this.nrPages) {
			if (this.used === this.memcg.length) this.grow();
			slot = this.used++;
		} else return -1;
		this.inuse++;
		return slot;
	}

	/** swap_free(). */
	free(slot: number): void {
		if (this.nrFreeStack === this.freeStack.length) {
			const s = new Int32Array(this.freeStack.length * 2);
			s.set(this.freeStack);
			this.freeStack = s;
		}
		this.freeStack[this.nrFreeStack++] = slot;
		this.memcg[slot] = 0;
		this.inuse--;
	}

	private grow(): void {
		const n = Math.min(this.memcg.length * 2, this.nrPages);
		const m = new Int32Array(n);
		m.set(this.memcg);
		this.memcg = m;
		const s = new Float64Array(n);
		s.set(this.shadow);
		this.shadow = s;
	}
}
