/**
 * Random operation sequences against an emulated host. After every step the
 * kernel's bookkeeping must be consistent (checkInvariants), every live task
 * must be listed exactly once per hierarchy in the `tasks` files, and a
 * failed operation must leave every task's cgroups as they were.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isKernelError } from "../../src/kernel/errno.ts";
import { checkInvariants } from "../../src/kernel/invariants.ts";
import { opArb, World } from "../support/random-world.ts";

/** Per operation: [succeeded, failed with an errno] (printed with CGKIT_PROPERTY_STATS=1). */
const stats = new Map<string, [number, number]>();

describe("random operation sequences", () => {
	it("keep the kernel consistent and failed steps side-effect free", () => {
		fc.assert(
			fc.property(fc.array(opArb, { minLength: 20, maxLength: 120, size: "max" }), (ops) => {
				const w = new World();
				for (const o of ops) {
					const before = w.snapshot();
					let failed = false;
					try {
						w.apply(o);
					} catch (e) {
						if (!isKernelError(e)) throw e;
						failed = true;
					}
					const key = o.op === "attach" ? `attach/${o.file}` : o.op;
					const [ok, ko] = stats.get(key) ?? [0, 0];
					stats.set(key, failed ? [ok, ko + 1] : [ok + 1, ko]);
					const bad = checkInvariants(w.h.kernel);
					assert.deepEqual(bad, [], `after ${JSON.stringify(o)}`);
					if (failed && o.op !== "exit" && o.op !== "reap") {
						assert.deepEqual(w.snapshot(), before, `failed ${JSON.stringify(o)} changed state`);
					}
					w.checkTaskFiles();
				}
			}),
			{
				numRuns: Number(process.env.CGKIT_PROPERTY_RUNS ?? 150),
				seed: Number(process.env.CGKIT_PROPERTY_SEED ?? 0x5eed),
			},
		);
		if (process.env.CGKIT_PROPERTY_STATS)
			console.log([...stats].map(([k, [ok, ko]]) => `${k}: ${ok} ok, ${ko} failed`).join("\n"));
	});
});
