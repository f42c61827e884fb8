/**
 * Replaying recorded operations on a fresh world, and shrinking a sequence
 * that shows a finding to a minimal one that still shows a finding of the
 * same kind (delta debugging):
 *
 * 1. cut the sequence after the step that shows the finding;
 * 2. drop chunks, halving their size down to single steps (ddmin);
 * 3. drop the steps that need emulation one by one, so that what is left
 *    runs as sh where possible;
 * 4. make each task by a plain spawn instead of a thread, a child of a
 *    task or a pair; replace each rename by creating the cgroup under its
 *    new name in the first place; drop pairs of steps in short sequences;
 * 5. rename each cgroup everywhere at once to a, b, c…, and replace
 *    arguments by the simpler variants the op table offers;
 *
 * repeated until nothing changes or the replay budget is spent. Every
 * candidate is a full replay from a fresh boot, so the result reproduces on
 * its own.
 */
import { mapNames, namesOf, type Op, opDef } from "./ops.ts";
import {
	ALL_CHECKS,
	type Checks,
	type Finding,
	type FindingKind,
	Runner,
	type StepRecord,
} from "./step.ts";
import type { World, WorldOptions } from "./world.ts";

export interface Replay {
	readonly records: StepRecord[];
	/** The first finding (of the kinds asked for), or null. */
	readonly finding: Finding | null;
}

export interface ReplayOptions {
	world?: WorldOptions;
	/** Stop at the first finding of these kinds (and skip the checks of others); all when absent. */
	kinds?: ReadonlySet<FindingKind>;
	/** An extra check (see Checks.extra). */
	extra?: (w: World) => string | null;
}

/** Run `ops` on a fresh world, stopping at the first finding of the kinds asked for. */
export function replay(ops: readonly Op[], opts: ReplayOptions = {}): Replay {
	const kinds = opts.kinds ?? null;
	const checks: Checks =
		kinds === null
			? { ...ALL_CHECKS }
			: { invariants: kinds.has("invariant"), sideEffects: kinds.has("side-effect") };
	if (opts.extra !== undefined) checks.extra = opts.extra;
	const runner = new Runner(opts.world, checks);
	const records: StepRecord[] = [];
	for (let i = 0; i < ops.length; i++) {
		const { record, finding } = runner.step(ops[i]!, i);
		records.push(record);
		if (finding !== null && (kinds === null || kinds.has(finding.kind))) {
			return { records, finding };
		}
	}
	return { records, finding: null };
}

export interface ShrinkOptions {
	world?: WorldOptions;
	extra?: (w: World) => string | null;
	/** At most this many replays. */
	maxRuns?: number;
	/** Called after each replay with the current length. */
	onProgress?: (runs: number, length: number) => void;
}

export interface Shrunk {
	readonly ops: Op[];
	readonly runs: number;
}

/** A sequence that shows the finding, cut after it, with the records of its replay. */
interface Showing {
	readonly ops: Op[];
	readonly records: readonly StepRecord[];
}

/**
 * The sequence without the steps in `drop`. Tasks are numbered in creation
 * order, so the references of the steps that stay are renumbered: a task
 * whose creating step is gone becomes -1 (no task), later ones move down.
 */
function without(cur: Showing, drop: ReadonlySet<number>): Op[] {
	const map = new Map<number, number>([[0, 0]]);
	let next = 1;
	cur.records.forEach((r, i) => {
		for (const c of r.created) map.set(c, drop.has(i) ? -1 : next++);
	});
	const f = (i: number): number => map.get(i) ?? -1;
	const out: Op[] = [];
	cur.ops.forEach((op, i) => {
		if (drop.has(i)) return;
		const def = opDef(op);
		out.push(def.mapTasks === undefined ? op : def.mapTasks(op, f));
	});
	return out;
}

const SIMPLE_NAMES = ["a", "b", "c", "d", "e"];

/**
 * The sequence with step `i`, which created tasks, replaced by a plain
 * spawn: its first task is the spawned process, the others are gone.
 */
function spawnInstead(cur: Showing, i: number): Op[] {
	const map = new Map<number, number>([[0, 0]]);
	let next = 1;
	cur.records.forEach((r, j) => {
		r.created.forEach((c, k) => {
			map.set(c, j === i && k > 0 ? -1 : next++);
		});
	});
	const f = (x: number): number => map.get(x) ?? -1;
	return cur.ops.map((op, j): Op => {
		if (j === i) return { op: "spawn", nobody: false };
		const def = opDef(op);
		return def.mapTasks === undefined ? op : def.mapTasks(op, f);
	});
}

function range(start: number, end: number): Set<number> {
	const s = new Set<number>();
	for (let i = start; i < end; i++) s.add(i);
	return s;
}

export function shrink(ops: readonly Op[], kind: FindingKind, opts: ShrinkOptions = {}): Shrunk {
	const kinds = new Set<FindingKind>([kind]);
	const replayOpts: ReplayOptions = { kinds };
	if (opts.world !== undefined) replayOpts.world = opts.world;
	if (opts.extra !== undefined) replayOpts.extra = opts.extra;
	const maxRuns = opts.maxRuns ?? 2000;
	let runs = 0;
	/** The candidate cut after its finding step, or null when it shows no such finding. */
	const test = (cand: readonly Op[]): Showing | null => {
		if (runs >= maxRuns) return null;
		runs++;
		const r = replay(cand, replayOpts);
		opts.onProgress?.(runs, cand.length);
		if (r.finding === null) return null;
		return { ops: cand.slice(0, r.finding.step + 1), records: r.records };
	};

	let cur = test(ops);
	if (cur === null) return { ops: [...ops], runs };

	for (let changed = true; changed && runs < maxRuns; ) {
		changed = false;

		// ddmin: remove chunks, from half the sequence down to single steps.
		let n = 2;
		while (cur.ops.length >= 2 && runs < maxRuns) {
			const size = Math.ceil(cur.ops.length / n);
			let removed = false;
			for (let start = 0; start < cur.ops.length; start += size) {
				const got = test(without(cur, range(start, start + size)));
				if (got !== null) {
					cur = got;
					n = Math.max(n - 1, 2);
					removed = true;
					changed = true;
					break;
				}
			}
			if (!removed) {
				if (size === 1) break;
				n = Math.min(n * 2, cur.ops.length);
			}
		}

		// Steps that need emulation, latest first.
		for (let i = cur.records.length - 1; i >= 0 && runs < maxRuns; i--) {
			if (i >= cur.ops.length || cur.records[i]!.emu === null) continue;
			const got = test(without(cur, new Set([i])));
			if (got !== null) {
				cur = got;
				changed = true;
			}
		}

		// Tasks made some other way (a thread, a child of a task, a pair) made by a plain spawn.
		for (let i = 0; i < cur.records.length && runs < maxRuns; i++) {
			const op = cur.ops[i];
			const r = cur.records[i]!;
			if (op === undefined || r.created.length === 0) continue;
			if (op.op === "spawn" && !op.nobody) continue;
			const got = test(spawnInstead(cur, i));
			if (got !== null) {
				cur = got;
				changed = true;
			}
		}

		// A rename replaced by creating the cgroup under its new name in the first place.
		for (let i = cur.ops.length - 1; i >= 0 && runs < maxRuns; i--) {
			const op = cur.ops[i]!;
			if (op.op !== "rename" || i >= cur.ops.length) continue;
			const from = op.from.slice(op.from.lastIndexOf("/") + 1);
			const to = op.to.slice(op.to.lastIndexOf("/") + 1);
			const cand = without(cur, new Set([i])).map((o, j) =>
				j < i ? mapNames(o, (n) => (n === from ? to : n)) : o,
			);
			const got = test(cand);
			if (got !== null) {
				cur = got;
				changed = true;
			}
		}

		// Pairs of steps that only matter together.
		if (cur.ops.length <= 16) {
			pairs: for (let i = 0; i < cur.ops.length; i++) {
				for (let j = i + 1; j < cur.ops.length; j++) {
					if (runs >= maxRuns) break pairs;
					const got = test(without(cur, new Set([i, j])));
					if (got !== null) {
						cur = got;
						changed = true;
						break pairs;
					}
				}
			}
		}

		// Simpler names, each renamed everywhere at once.
		const used = new Set(cur.ops.flatMap(namesOf));
		for (const name of [...used]) {
			if (SIMPLE_NAMES.includes(name) || runs >= maxRuns) continue;
			for (const simple of SIMPLE_NAMES) {
				if (used.has(simple)) continue;
				const got = test(cur.ops.map((op) => mapNames(op, (n) => (n === name ? simple : n))));
				if (got !== null) {
					cur = got;
					used.delete(name);
					used.add(simple);
					changed = true;
					break;
				}
			}
		}

		// Simpler arguments.
		for (let i = 0; i < cur.ops.length && runs < maxRuns; i++) {
			const op = cur.ops[i]!;
			for (const simpler of opDef(op).simplify(op)) {
				const got = test([...cur.ops.slice(0, i), simpler, ...cur.ops.slice(i + 1)]);
				if (got !== null) {
					cur = got;
					changed = true;
					break;
				}
			}
		}
	}
	return { ops: cur.ops, runs };
}
