/**
 * The generator: draws operations by weight from the table, with arguments
 * aimed at what the world holds now. Deterministic for a seed.
 */
import { OP_NAMES, OPS, type Op, type OpName } from "./ops.ts";
import { Random } from "./random.ts";
import type { World } from "./world.ts";

export class Generator {
	readonly random: Random;
	private readonly weights: (readonly [number, OpName])[];

	constructor(seed: number) {
		this.random = new Random(seed);
		this.weights = OP_NAMES.map((name) => [OPS[name].weight, name] as const);
	}

	/** The next operation for the world as it is. */
	next(w: World): Op {
		for (;;) {
			const name = this.random.weighted(this.weights);
			const op = OPS[name].gen(this.random, w);
			if (op !== null) return op;
		}
	}
}
