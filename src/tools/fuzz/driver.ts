/**
 * The fuzzing run: episodes of generated operations on fresh worlds, every
 * step checked, the first finding shrunk and turned into a reproducer.
 *
 * A run of M steps is cut into episodes of E steps (the world is rebuilt
 * for each, from a seed derived from the run's seed and the episode's
 * number), so that a finding replays from a fresh boot in at most E steps
 * and shrinks quickly, while a bounded world (caps on tasks and cgroups,
 * a small pid_max that wraps) keeps each step cheap. Every eighth episode
 * runs short of pid numbers (pid_max 340, allocation about to wrap to 300:
 * forks, and the release agent's fork, fail with EAGAIN).
 */
import { Generator } from "./generator.ts";
import type { Op } from "./ops.ts";
import { episodeSeed } from "./random.ts";
import { reproducer } from "./reproducer.ts";
import { replay, shrink } from "./shrink.ts";
import {
	ALL_CHECKS,
	countStep,
	type Finding,
	type OpStats,
	Runner,
	type StepRecord,
} from "./step.ts";
import type { World, WorldOptions } from "./world.ts";

export interface FuzzOptions {
	seed: number;
	steps: number;
	/** Steps per episode (a fresh world each). */
	episode?: number;
	world?: WorldOptions;
	/** Replays the shrinker may spend. */
	maxShrinkRuns?: number;
	/** Called every 1000 steps with the steps done so far. */
	onProgress?: (steps: number) => void;
	/** Called while shrinking. */
	onShrink?: (runs: number, length: number) => void;
	/** An extra check after every step (tests inject synthetic findings with it). */
	extra?: (w: World) => string | null;
}

export interface FuzzFinding {
	readonly finding: Finding;
	/** The episode it was found in, and the step in the whole run. */
	readonly episode: number;
	readonly runStep: number;
	/** The episode's operations up to the finding. */
	readonly ops: readonly Op[];
	/** The shrunk operations and a replay of them (with every check). */
	readonly shrunk: readonly Op[];
	readonly records: readonly StepRecord[];
	/** The finding as the shrunk replay shows it. */
	readonly shrunkFinding: Finding;
	readonly shrinkRuns: number;
	readonly script: string;
	/** The world options of its episode. */
	readonly world: WorldOptions;
}

export interface FuzzReport {
	readonly steps: number;
	readonly episodes: number;
	readonly found: FuzzFinding | null;
	/** A hash of every operation and its outcome: equal for equal runs. */
	readonly traceHash: string;
	readonly stats: Map<string, OpStats>;
}

export const DEFAULT_EPISODE = 400;

/** The world of an episode: every eighth one is short of pid numbers. */
export function episodeWorld(base: WorldOptions | undefined, episode: number): WorldOptions {
	const w = base ?? {};
	return episode % 8 === 7 ? { ...w, pidMax: 340, maxTasks: 36, nextPid: 330 } : w;
}

/** cyrb53-style running hash of the trace. */
class TraceHash {
	private h1 = 0xdeadbeef;
	private h2 = 0x41c6ce57;

	add(s: string): void {
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			this.h1 = Math.imul(this.h1 ^ c, 2654435761);
			this.h2 = Math.imul(this.h2 ^ c, 1597334677);
		}
		this.h1 =
			Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^
			Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
		this.h2 =
			Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^
			Math.imul(this.h1 ^ (this.h1 >>> 13), 3266489909);
	}

	hex(): string {
		return (
			(this.h2 >>> 0).toString(16).padStart(8, "0") + (this.h1 >>> 0).toString(16).padStart(8, "0")
		);
	}
}

export function fuzz(opts: FuzzOptions): FuzzReport {
	const episodeLen = opts.episode ?? DEFAULT_EPISODE;
	const stats = new Map<string, OpStats>();
	const hash = new TraceHash();
	let done = 0;
	let episode = 0;
	while (done < opts.steps) {
		const gen = new Generator(episodeSeed(opts.seed, episode));
		const runner = new Runner(
			episodeWorld(opts.world, episode),
			opts.extra === undefined ? ALL_CHECKS : { ...ALL_CHECKS, extra: opts.extra },
		);
		const ops: Op[] = [];
		const n = Math.min(episodeLen, opts.steps - done);
		for (let i = 0; i < n; i++) {
			const op = gen.next(runner.world);
			ops.push(op);
			const { record, finding } = runner.step(op, i);
			countStep(stats, record);
			hash.add(JSON.stringify(op));
			hash.add(record.outcome);
			done++;
			if (done % 1000 === 0) opts.onProgress?.(done);
			if (finding !== null) {
				const found = report(opts, finding, episode, done, ops);
				return { steps: done, episodes: episode + 1, found, traceHash: hash.hex(), stats };
			}
		}
		episode++;
	}
	return { steps: done, episodes: episode, found: null, traceHash: hash.hex(), stats };
}

function report(
	opts: FuzzOptions,
	finding: Finding,
	episode: number,
	runStep: number,
	ops: Op[],
): FuzzFinding {
	const world = episodeWorld(opts.world, episode);
	const shrinkOpts = {
		world,
		maxRuns: opts.maxShrinkRuns ?? 2000,
		...(opts.onShrink === undefined ? {} : { onProgress: opts.onShrink }),
		...(opts.extra === undefined ? {} : { extra: opts.extra }),
	};
	const shrunk = shrink(ops, finding.kind, shrinkOpts);
	const again = replay(shrunk.ops, {
		world,
		...(opts.extra === undefined ? {} : { extra: opts.extra }),
	});
	const shrunkFinding = again.finding ?? finding;
	const episodeOpt = opts.episode === undefined ? "" : ` --episode ${opts.episode}`;
	const script = reproducer({
		foundBy: `cgkit fuzz --seed ${opts.seed} --steps ${opts.steps}${episodeOpt} (episode ${episode}, step ${runStep} of the run, ${ops.length} steps before shrinking)`,
		finding: shrunkFinding,
		records: again.records,
		world,
	});
	return {
		finding,
		episode,
		runStep,
		ops,
		shrunk: shrunk.ops,
		records: again.records,
		shrunkFinding,
		shrinkRuns: shrunk.runs,
		script,
		world,
	};
}
