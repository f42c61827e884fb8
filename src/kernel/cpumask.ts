/**
 * struct cpumask and nodemask_t: fixed-size bitmaps of CPU or node numbers.
 * A Cpumask is mutable (like the kernel's, updated in place under a lock);
 * copy() before keeping one that someone else may change.
 */
export class Cpumask {
	/** nr_cpu_ids (or MAX_NUMNODES): bits at or above it are never set. */
	readonly nbits: number;
	private readonly words: Uint32Array;

	constructor(nbits: number) {
		this.nbits = nbits;
		this.words = new Uint32Array(Math.max(1, Math.ceil(nbits / 32)));
	}

	/** A mask of `nbits` with the given bits set (bits out of range are ignored). */
	static of(nbits: number, bits: Iterable<number>): Cpumask {
		const m = new Cpumask(nbits);
		for (const b of bits) if (b >= 0 && b < nbits) m.set(b);
		return m;
	}

	/** Bits 0..n-1 set. */
	static first(nbits: number, n: number): Cpumask {
		const m = new Cpumask(nbits);
		for (let b = 0; b < Math.min(n, nbits); b++) m.set(b);
		return m;
	}

	copy(): Cpumask {
		const m = new Cpumask(this.nbits);
		m.words.set(this.words);
		return m;
	}

	/** cpumask_copy(this, src). */
	assign(src: Cpumask): this {
		this.words.fill(0);
		this.words.set(src.words.subarray(0, this.words.length));
		this.trim();
		return this;
	}

	test(bit: number): boolean {
		if (bit < 0 || bit >= this.nbits) return false;
		return (this.words[bit >>> 5]! & (1 << (bit & 31))) !== 0;
	}

	set(bit: number): this {
		if (bit >= 0 && bit < this.nbits) this.words[bit >>> 5]! |= 1 << (bit & 31);
		return this;
	}

	clear(bit: number): this {
		if (bit >= 0 && bit < this.nbits) this.words[bit >>> 5]! &= ~(1 << (bit & 31));
		return this;
	}

	clearAll(): this {
		this.words.fill(0);
		return this;
	}

	/** cpumask_weight(). */
	weight(): number {
		let n = 0;
		for (const w of this.words) {
			let x = w;
			while (x !== 0) {
				x &= x - 1;
				n++;
			}
		}
		return n;
	}

	isEmpty(): boolean {
		for (const w of this.words) if (w !== 0) return false;
		return true;
	}

	equals(o: Cpumask): boolean {
		const n = Math.max(this.words.length, o.words.length);
		for (let i = 0; i < n; i++) if ((this.words[i] ?? 0) !== (o.words[i] ?? 0)) return false;
		return true;
	}

	/** cpumask_subset(this, o): every bit of this is in o. */
	isSubsetOf(o: Cpumask): boolean {
		for (let i = 0; i < this.words.length; i++) {
			if ((this.words[i]! & ~(o.words[i] ?? 0)) !== 0) return false;
		}
		return true;
	}

	intersects(o: Cpumask): boolean {
		const n = Math.min(this.words.length, o.words.length);
		for (let i = 0; i < n; i++) if ((this.words[i]! & o.words[i]!) !== 0) return true;
		return false;
	}

	/** New mask: this & o. */
	and(o: Cpumask): Cpumask {
		const m = this.copy();
		for (let i = 0; i < m.words.length; i++) m.words[i]! &= o.words[i] ?? 0;
		return m;
	}

	/** New mask: this | o. */
	or(o: Cpumask): Cpumask {
		const m = this.copy();
		for (let i = 0; i < m.words.length; i++) m.words[i]! |= o.words[i] ?? 0;
		m.trim();
		return m;
	}

	/** New mask: this & ~o. */
	andNot(o: Cpumask): Cpumask {
		const m = this.copy();
		for (let i = 0; i < m.words.length; i++) m.words[i]! &= ~(o.words[i] ?? 0);
		return m;
	}

	/** cpumask_first(): the lowest set bit, or nbits when empty. */
	firstSet(): number {
		return this.nextSet(-1);
	}

	/** cpumask_next(): the lowest set bit above `bit`, or nbits. */
	nextSet(bit: number): number {
		for (let b = bit + 1; b < this.nbits; b++) {
			const w = this.words[b >>> 5]!;
			if (w === 0) {
				b |= 31;
				continue;
			}
			if (w & (1 << (b & 31))) return b;
		}
		return this.nbits;
	}

	/** for_each_cpu(). */
	*[Symbol.iterator](): IterableIterator<number> {
		for (let b = this.firstSet(); b < this.nbits; b = this.nextSet(b)) yield b;
	}

	toArray(): number[] {
		const out: number[] = [];
		for (let i = 0; i < this.words.length; i++) {
			let w = this.words[i]!;
			while (w !== 0) {
				const low = w & -w;
				out.push(i * 32 + 31 - Math.clz32(low));
				w ^= low;
			}
		}
		return out;
	}

	/** A string naming the set bits (equal masks of one size have equal keys). */
	key(): string {
		return this.words.join(",");
	}

	private trim(): void {
		const extra = this.words.length * 32 - this.nbits;
		if (extra > 0) this.words[this.words.length - 1]! &= 0xffffffff >>> extra;
	}
}

/** nodemask_t: the same bitmap over NUMA node numbers. */
export type Nodemask = Cpumask;
