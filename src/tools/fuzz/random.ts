/**
 * Random choices for the fuzzer, from the kernel's seeded generator (sfc32):
 * the same seed makes the same choices, run after run.
 */
import { Rng } from "../../kernel/rng.ts";

export class Random {
	private readonly rng: Rng;

	constructor(seed: number) {
		this.rng = new Rng(seed);
	}

	/** A uniform integer in [0, n). */
	int(n: number): number {
		return this.rng.below(n);
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.rng.u32() < p * 0x100000000;
	}

	pick<T>(list: readonly T[]): T {
		if (list.length === 0) throw new Error("pick from an empty list");
		return list[this.rng.below(list.length)]!;
	}

	/** One item, each with its weight. */
	weighted<T>(items: readonly (readonly [number, T])[]): T {
		let total = 0;
		for (const [w] of items) total += w;
		let x = (this.rng.u32() / 0x100000000) * total;
		for (const [w, item] of items) {
			x -= w;
			if (x < 0) return item;
		}
		return items[items.length - 1]![1];
	}
}

/** The seed of episode `n` of a run with `seed` (splitmix-style mixing). */
export function episodeSeed(seed: number, n: number): number {
	let z = (seed * 0x9e3779b1 + n * 0x85ebca6b + 0x6a09e667) >>> 0;
	z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
	z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
	return (z ^ (z >>> 16)) >>> 0;
}
