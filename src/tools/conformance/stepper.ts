/**
 * Stepping the real kernel and cgkit in lockstep: one command line at a time
 * to a session on each side (session.ts), each step's normalised output and
 * status compared, the first divergence reported; and shrinking a diverging
 * sequence of lines to a minimal one (delta debugging), for `cgkit fuzz
 * --host`. Lines must be independent of pids (processes are named through
 * shell variables: `sleep 1000 & p1=$!`), so a shortened sequence means the
 * same thing on both sides.
 */
import { type HostFacts, maxHierarchyId, readHostFacts } from "../../host/facts.ts";
import { uniquePrefix } from "../../host/safe-cgroup.ts";
import { PID_BASE } from "../../host/sandbox.ts";
import { type NormaliseContext, normalise } from "./normalise.ts";
import { openEmulatedSession, openHostSession, type ShellSession } from "./session.ts";

export interface StepDivergence {
	/** Index of the first line whose observation differs. */
	readonly step: number;
	readonly line: string;
	readonly kernel: string;
	readonly cgkit: string;
}

/** One side's observation of a step: normalised output and status. */
function observe(r: { output: string; status: number }, ctx: NormaliseContext): string {
	return `${normalise(r.output, ctx)}[status ${r.status}]\n`;
}

export interface LockstepOptions {
	/** The real host's facts (read when absent). */
	readonly facts?: HostFacts;
	/** How long each session may live. */
	readonly timeoutMs?: number;
	/** Called after every compared step. */
	readonly onStep?: (step: number) => void;
}

/**
 * A pair of sessions, one on the real kernel and one on a matching cgkit
 * host, with the same prefix.
 */
export class Lockstep {
	readonly prefix = uniquePrefix("fuzz");
	private readonly real: ShellSession;
	private readonly emu: ShellSession;
	private readonly ctx: NormaliseContext;
	private steps = 0;

	constructor(opts: LockstepOptions = {}) {
		const facts = opts.facts ?? readHostFacts();
		const timeout = opts.timeoutMs ?? 3_600_000;
		this.ctx = { prefix: this.prefix, pidBase: PID_BASE, maxHierarchyId: maxHierarchyId(facts) };
		this.real = openHostSession(this.prefix, timeout);
		this.emu = openEmulatedSession(facts, this.prefix, timeout);
	}

	/** Run one line on both sides; the divergence, or null when they agree. */
	async step(line: string): Promise<StepDivergence | null> {
		const [k, c] = await Promise.all([this.real.run(line), this.emu.run(line)]);
		const kernel = observe(k, this.ctx);
		const cgkit = observe(c, this.ctx);
		const step = this.steps++;
		return kernel === cgkit ? null : { step, line, kernel, cgkit };
	}

	/** End both sessions (the real one cleans up everything it made). */
	async close(): Promise<void> {
		await Promise.allSettled([this.real.close(), this.emu.close()]);
	}
}

/** Run `lines` in lockstep from fresh sessions; the first divergence, or null. */
export async function firstDivergence(
	lines: readonly string[],
	opts: LockstepOptions = {},
): Promise<StepDivergence | null> {
	const pair = new Lockstep(opts);
	try {
		for (let i = 0; i < lines.length; i++) {
			const d = await pair.step(lines[i]!);
			opts.onStep?.(i);
			if (d !== null) return d;
		}
		return null;
	} finally {
		await pair.close();
	}
}

/**
 * ddmin over lines: the shortest sequence found (1-minimal: removing any one
 * line makes `fails` false) for which `fails` still holds. Lines after the
 * first diverging step never matter, so callers pass the prefix up to it.
 */
export async function shrinkLines(
	lines: readonly string[],
	fails: (candidate: readonly string[]) => Promise<boolean>,
): Promise<string[]> {
	let current = [...lines];
	let chunks = 2;
	while (current.length >= 2) {
		const size = Math.ceil(current.length / chunks);
		let reduced = false;
		for (let start = 0; start < current.length; start += size) {
			const candidate = [...current.slice(0, start), ...current.slice(start + size)];
			if (candidate.length > 0 && (await fails(candidate))) {
				current = candidate;
				chunks = Math.max(chunks - 1, 2);
				reduced = true;
				break;
			}
		}
		if (!reduced) {
			if (size === 1) break;
			chunks = Math.min(chunks * 2, current.length);
		}
	}
	return current;
}
