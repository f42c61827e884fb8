/**
 * The pids controller's property, shared by the v1 and the cgroup2 tests:
 * after random forks (processes and threads), exits, reaps, moves and limit
 * changes, pids.current of every cgroup equals the unreleased tasks below
 * it, and a fork fails exactly when it would pass some ancestor's pids.max.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { PF_EXITING, type Task } from "../../src/kernel/task.ts";
import type { TestHost } from "./host.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;

export interface PidsWorld {
	/** A fresh host with the cgroups of `cgs` made and pids in charge of them. */
	setup(): TestHost;
	/** The cgroups whose limits are set and whose counts are checked. */
	readonly cgs: readonly string[];
	/** Where tasks are moved to (the first one starts in `leaves[0]`). */
	readonly leaves: readonly string[];
	/** Move a task (the pid file of the hierarchy). */
	move(h: TestHost, t: Task, cg: string): void;
	setMax(h: TestHost, cg: string, value: string): void;
	current(h: TestHost, cg: string): number;
	/** The task's pids cgroup, as a path without the leading "/". */
	cgOf(h: TestHost, t: Task): string;
	readonly maxOps: number;
	readonly runs: number;
}

export function checkPidsProperty(w: PidsWorld): void {
	const cgs = w.cgs;
	const op = fc.oneof(
		fc.record({ k: fc.constant("fork" as const), i: fc.nat(), thread: fc.boolean() }),
		fc.record({ k: fc.constant("exit" as const), i: fc.nat() }),
		fc.record({ k: fc.constant("reap" as const), i: fc.nat() }),
		fc.record({ k: fc.constant("move" as const), i: fc.nat(), cg: fc.constantFrom(...w.leaves) }),
		fc.record({
			k: fc.constant("max" as const),
			cg: fc.constantFrom(...cgs),
			v: fc.oneof(fc.constant("max"), fc.integer({ min: 0, max: 6 }).map(String)),
		}),
	);
	fc.assert(
		fc.property(fc.array(op, { maxLength: w.maxOps }), (ops) => {
			const h = w.setup();
			const first = h.spawn();
			w.move(h, first, w.leaves[0]!);
			const live: Task[] = [first];
			const limit = new Map<string, number>(cgs.map((c) => [c, Infinity]));
			const cgOf = (t: Task): string => w.cgOf(h, t);
			const below = (cg: string, c: string): boolean => cg === c || cg.startsWith(`${c}/`);
			const countBelow = (cg: string): number =>
				[...h.kernel.processes]
					.flatMap((p) => [...p.signal.threads])
					.filter((t) => !t.released && below(cgOf(t), cg)).length;
			for (const o of ops) {
				const pick = (i: number): Task | undefined => live[i % Math.max(1, live.length)];
				if (o.k === "fork") {
					const t = pick(o.i);
					if (t === undefined || t.exitState !== 0) continue;
					const cg = cgOf(t);
					const full = cgs.some((c) => below(cg, c) && countBelow(c) + 1 > limit.get(c)!);
					try {
						live.push(h.kernel.fork(t, o.thread ? { flags: THREAD } : {}));
						assert.ok(!full, "a fork passed a limit");
					} catch (e) {
						assert.ok(full, `fork failed without a full cgroup: ${String(e)}`);
					}
				} else if (o.k === "exit") {
					const t = pick(o.i);
					if (t === undefined || t === first || t.exitState !== 0 || t.flags & PF_EXITING) continue;
					h.kernel.exit(t, 0);
				} else if (o.k === "reap") {
					const t = pick(o.i);
					if (t === undefined || !t.isGroupLeader() || t.exitState === 0 || t.released) continue;
					const parent = t.realParent;
					if (parent === null || parent.reapsChildren) continue;
					h.kernel.waitReap(parent, t.pid);
				} else if (o.k === "move") {
					const t = pick(o.i);
					if (t === undefined || t.exitState !== 0 || t.flags & PF_EXITING) continue;
					w.move(h, t, o.cg);
				} else {
					w.setMax(h, o.cg, o.v);
					limit.set(o.cg, o.v === "max" ? Infinity : Number(o.v));
				}
				for (const c of cgs) assert.equal(w.current(h, c), countBelow(c), `pids.current of ${c}`);
			}
			h.check();
		}),
		{ numRuns: w.runs },
	);
}
