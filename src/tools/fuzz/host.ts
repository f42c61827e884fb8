/**
 * `cgkit fuzz --host`: the fuzzer's operations, rendered as sh command
 * lines, run in lockstep on the real kernel (the sandbox of
 * src/host/sandbox.ts) and on a matching cgkit host
 * (src/tools/conformance/stepper.ts); each step's normalised output must be
 * the same on both. The emulated world of the generator still runs every
 * operation with all its checks, so a host run is also an emulated fuzz
 * run. Steps sh cannot express (threads) and steps whose value could name a
 * process that is not ours are left out on both sides. The first
 * divergence stops the run; its lines are shrunk (ddmin, each candidate run
 * on both kernels from fresh sessions) and written as a script for
 * `cgkit diff`.
 */
import type { HostFacts } from "../../host/facts.ts";
import {
	firstDivergence,
	Lockstep,
	type StepDivergence,
	shrinkLines,
} from "../conformance/stepper.ts";
import { Generator } from "./generator.ts";
import { episodeSeed } from "./random.ts";
import { renderStep } from "./reproducer.ts";
import { epilogue, preamble } from "./sh.ts";
import { ALL_CHECKS, type Finding, Runner } from "./step.ts";

export interface HostFuzzOptions {
	readonly seed: number;
	readonly steps: number;
	/** Steps per episode (fresh sessions and a fresh world each). */
	readonly episode: number;
	readonly facts?: HostFacts;
	/** Called after every compared step with the steps done so far. */
	readonly onProgress?: (steps: number) => void;
	/** Called for each candidate the shrinker runs. */
	readonly onShrink?: (runs: number, length: number) => void;
}

export interface HostDivergence {
	/** The first diverging step as found. */
	readonly found: StepDivergence;
	/** The shrunk command lines (after the preamble), the last one diverging. */
	readonly lines: readonly string[];
	/** The divergence as the shrunk lines show it. */
	readonly shrunk: StepDivergence;
	readonly shrinkRuns: number;
	/** A standalone script for `cgkit diff`. */
	readonly script: string;
}

export interface HostFuzzReport {
	readonly steps: number;
	readonly episodes: number;
	/** Steps run on both kernels. */
	readonly compared: number;
	/** Steps left out: sh cannot express them, or they are unsafe on a real host. */
	readonly leftOut: number;
	/** Steps left out for a known divergence, by reason. */
	readonly knownLeftOut: ReadonlyMap<string, number>;
	readonly divergence: HostDivergence | null;
	/** A finding of the emulated world's own checks. */
	readonly finding: Finding | null;
}

/**
 * Steps left out of host comparisons because they touch a difference that
 * docs/fidelity.md already lists; each with its reason.
 */
export const HOST_KNOWN_DIVERGENCES: readonly {
	readonly reason: string;
	readonly test: (line: string) => boolean;
}[] = [
	{
		reason:
			"memory usage and statistics files ($C1): a real host's processes use memory (program text, libraries, stacks) that cgkit's idle processes do not, so usage_in_bytes, stat and their kin differ by design",
		test: (line) =>
			/"\$C1"\/\S*\bmemory\.(stat|numa_stat|(memsw\.|kmem\.|kmem\.tcp\.)?(usage_in_bytes|max_usage_in_bytes|failcnt))\b/.test(
				line,
			),
	},
];

/** The preamble's command lines (its comments dropped). */
function preambleLines(): string[] {
	return preamble().filter((l) => !l.startsWith("#"));
}

export async function fuzzHost(opts: HostFuzzOptions): Promise<HostFuzzReport> {
	const lockOpts = opts.facts === undefined ? {} : { facts: opts.facts };
	let done = 0;
	let compared = 0;
	let leftOut = 0;
	const knownLeftOut = new Map<string, number>();
	let episode = 0;
	const pre = preambleLines();
	while (done < opts.steps) {
		const gen = new Generator(episodeSeed(opts.seed, episode));
		// The real host's pid_max, not the fuzzer's small one: both kernels must fork alike.
		const runner = new Runner({}, ALL_CHECKS);
		const pair = new Lockstep(lockOpts);
		const lines: string[] = [];
		let diverged: StepDivergence | null = null;
		let finding: Finding | null = null;
		try {
			for (const line of pre) {
				diverged = await pair.step(line);
				if (diverged !== null) break;
			}
			const n = Math.min(opts.episode, opts.steps - done);
			for (let i = 0; i < n && diverged === null; i++) {
				const { record, finding: f } = runner.step(gen.next(runner.world), i);
				done++;
				if (f !== null) {
					finding = f;
					break;
				}
				const line = renderStep(record, i + 1);
				if (line === null || record.unsafe !== null) {
					leftOut++;
					continue;
				}
				const known = HOST_KNOWN_DIVERGENCES.find((k) => k.test(line));
				if (known !== undefined) {
					knownLeftOut.set(known.reason, (knownLeftOut.get(known.reason) ?? 0) + 1);
					continue;
				}
				lines.push(line);
				diverged = await pair.step(line);
				compared++;
				opts.onProgress?.(done);
			}
		} finally {
			await pair.close();
		}
		episode++;
		const report = (divergence: HostDivergence | null, f: Finding | null): HostFuzzReport => ({
			steps: done,
			episodes: episode,
			compared,
			leftOut,
			knownLeftOut,
			divergence,
			finding: f,
		});
		if (finding !== null) return report(null, finding);
		if (diverged !== null) {
			return report(await shrinkDivergence(pre, lines, diverged, lockOpts, opts.onShrink), null);
		}
	}
	return {
		steps: done,
		episodes: episode,
		compared,
		leftOut,
		knownLeftOut,
		divergence: null,
		finding: null,
	};
}

async function shrinkDivergence(
	pre: readonly string[],
	lines: readonly string[],
	found: StepDivergence,
	lockOpts: { facts?: HostFacts },
	onShrink?: (runs: number, length: number) => void,
): Promise<HostDivergence> {
	let runs = 0;
	const fails = async (candidate: readonly string[]): Promise<boolean> => {
		runs++;
		onShrink?.(runs, candidate.length);
		return (await firstDivergence([...pre, ...candidate], lockOpts)) !== null;
	};
	// A divergence in the preamble itself leaves nothing to shrink.
	const upTo = found.step < pre.length ? [] : lines.slice(0, found.step - pre.length + 1);
	const minimal = upTo.length === 0 ? [] : await shrinkLines(upTo, fails);
	const shrunk = (await firstDivergence([...pre, ...minimal], lockOpts)) ?? found;
	const script = [
		"#!/bin/sh",
		"# cgkit fuzz --host reproducer: replay with `cgkit diff FILE`",
		`# diverging line: ${shrunk.line}`,
		"# the kernel printed:",
		...shrunk.kernel.split("\n").map((l) => `#| ${l}`),
		"# cgkit printed:",
		...shrunk.cgkit.split("\n").map((l) => `#| ${l}`),
		"",
		...preamble(),
		"",
		...minimal,
		"",
		...epilogue(),
		"exit 0",
		"",
	].join("\n");
	return { found, lines: minimal, shrunk, shrinkRuns: runs, script };
}
