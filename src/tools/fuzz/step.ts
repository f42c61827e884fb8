/**
 * Running one operation on the world and checking what it did:
 *
 * - an exception that is not a KernelError is a finding ("exception"),
 *   with its JS stack;
 * - afterwards the kernel's invariant checker must find nothing
 *   ("invariant");
 * - an operation that failed with an errno must have changed nothing: the
 *   canonical snapshot after it equals the one before ("side-effect"),
 *   unless the table says the kernel itself has partial effects there.
 *
 * The step's record keeps what the reproducer needs: the outcome, the sh
 * rendering, and the lines that make the real host's asynchronous process
 * deaths synchronous (wait for a killed child, for a zombie, for a reaping
 * by init) before the next step runs.
 */
import { type ErrnoName, isKernelError } from "../../kernel/errno.ts";
import { checkInvariants } from "../../kernel/invariants.ts";
import { type Op, opDef, Recorder, type Wrapper } from "./ops.ts";
import { snapshot, snapshotDiff } from "./snapshot.ts";
import { World, type WorldOptions } from "./world.ts";

export type FindingKind = "exception" | "invariant" | "side-effect";
export const FINDING_KINDS: readonly FindingKind[] = ["exception", "invariant", "side-effect"];

export interface Finding {
	readonly kind: FindingKind;
	/** Index of the step (in its sequence) that showed it. */
	readonly step: number;
	/** One line. */
	readonly message: string;
	/** The JS stack, every violation, or the snapshot difference. */
	readonly detail: string;
}

/** ok, skip (nothing done), the errno it failed with, or crash (a non-errno exception). */
export type Outcome = "ok" | "skip" | "crash" | ErrnoName;

export interface StepRecord {
	readonly op: Op;
	readonly outcome: Outcome;
	/** The command, after its wrapper and step number (or plain lines); null when not rendered. */
	readonly sh: string | null;
	readonly wrapper: Wrapper | null;
	/** What the wrapper prints after "N E " when the step fails. */
	readonly reason: string | null;
	/** Lines that wait for the processes the step ended. */
	readonly sync: readonly string[];
	readonly emu: string | null;
	readonly unsafe: string | null;
	readonly skipped: string | null;
	/** The world task indices the step created. */
	readonly created: readonly number[];
}

export interface StepResult {
	readonly record: StepRecord;
	readonly finding: Finding | null;
}

export interface Checks {
	invariants: boolean;
	sideEffects: boolean;
	/**
	 * A further predicate on the world after each step, reported as an
	 * invariant finding (tests inject synthetic findings with it).
	 */
	extra?: (w: World) => string | null;
}

export const ALL_CHECKS: Checks = { invariants: true, sideEffects: true };

type ProcState = "alive" | "zombie" | "gone";

/** Per operation: how often it succeeded, failed, was skipped, needed emulation; errnos seen. */
export interface OpStats {
	ok: number;
	failed: number;
	skipped: number;
	emu: number;
	errnos: Map<string, number>;
}

export class Runner {
	readonly world: World;
	readonly checks: Checks;
	private before: string | null;

	constructor(opts: WorldOptions = {}, checks: Checks = ALL_CHECKS) {
		this.world = new World(opts);
		this.checks = checks;
		this.before = checks.sideEffects ? snapshot(this.world) : null;
	}

	private procStates(): Map<number, ProcState> {
		const w = this.world;
		const m = new Map<number, ProcState>();
		for (let i = 1; i < w.tasks.length; i++) {
			const wt = w.tasks[i]!;
			if (wt.shPid === null || wt.task.released) continue;
			m.set(i, w.zombie(i) ? "zombie" : "alive");
		}
		return m;
	}

	/** The lines that make the real host catch up with the processes this step ended. */
	private syncLines(states: Map<number, ProcState>): string[] {
		const w = this.world;
		const zwait: string[] = [];
		const reap: string[] = [];
		const gone: string[] = [];
		for (const [i, was] of states) {
			const wt = w.tasks[i]!;
			const now: ProcState = wt.task.released ? "gone" : w.zombie(i) ? "zombie" : "alive";
			if (now === was) continue;
			const word = `"${wt.shPid}"`;
			if (now === "zombie") zwait.push(`zwait ${word}`);
			else if (now === "gone") (w.reapedByShell.has(wt.task) ? reap : gone).push(`${word}`);
		}
		return [...zwait, ...reap.map((x) => `reap ${x}`), ...gone.map((x) => `gone ${x}`)];
	}

	step(op: Op, index: number): StepResult {
		const w = this.world;
		const def = opDef(op);
		const rec = new Recorder();
		const states = this.procStates();
		const firstNew = w.tasks.length;
		w.reapedByShell.clear();
		let outcome: Outcome = "ok";
		let finding: Finding | null = null;
		try {
			def.exec(w, op, rec);
			w.kernel.runPendingWork();
		} catch (e) {
			if (isKernelError(e)) {
				outcome = e.code;
				try {
					w.kernel.runPendingWork();
				} catch (e2) {
					finding = crash(e2, index);
				}
			} else {
				outcome = "crash";
				finding = crash(e, index);
			}
		}
		if (rec.skipped !== null && outcome === "ok") outcome = "skip";
		if (finding === null && this.checks.invariants) {
			const bad = checkInvariants(w.kernel);
			const extra = this.checks.extra?.(w) ?? null;
			if (extra !== null) bad.push(extra);
			if (bad.length > 0) {
				finding = {
					kind: "invariant",
					step: index,
					message: bad[0]!,
					detail: bad.join("\n"),
				};
			}
		}
		if (this.checks.sideEffects && outcome !== "skip") {
			const after = snapshot(w);
			if (
				finding === null &&
				outcome !== "ok" &&
				outcome !== "crash" &&
				this.before !== after &&
				!(def.failureMayChange?.(op, outcome) ?? false)
			) {
				const diff = snapshotDiff(this.before!, after);
				finding = {
					kind: "side-effect",
					step: index,
					message: `${op.op} failed with ${outcome} but changed: ${diff.split("\n")[0]}`,
					detail: diff,
				};
			}
			this.before = after;
		}
		const rendered = rec.skipped === null && rec.emuWhy === null && rec.sh !== null;
		const record: StepRecord = {
			op,
			outcome,
			sh: rec.skipped === null ? rec.sh : null,
			wrapper: rec.wrapper,
			reason:
				outcome !== "ok" && outcome !== "skip" && outcome !== "crash" ? rec.reason(outcome) : null,
			sync: rendered && outcome === "ok" ? this.syncLines(states) : [],
			emu: rec.skipped === null ? rec.emuWhy : null,
			unsafe: rec.skipped === null ? rec.unsafeWhy : null,
			skipped: rec.skipped,
			created: Array.from({ length: w.tasks.length - firstNew }, (_, i) => firstNew + i),
		};
		return { record, finding };
	}
}

function crash(e: unknown, index: number): Finding {
	const err = e instanceof Error ? e : new Error(String(e));
	return {
		kind: "exception",
		step: index,
		message: `${err.name}: ${err.message}`,
		detail: err.stack ?? err.message,
	};
}

/** Count a step into per-operation statistics. */
export function countStep(stats: Map<string, OpStats>, r: StepRecord): void {
	let s = stats.get(r.op.op);
	if (s === undefined) {
		s = { ok: 0, failed: 0, skipped: 0, emu: 0, errnos: new Map() };
		stats.set(r.op.op, s);
	}
	if (r.outcome === "skip") s.skipped++;
	else if (r.outcome === "ok") s.ok++;
	else {
		s.failed++;
		s.errnos.set(r.outcome, (s.errnos.get(r.outcome) ?? 0) + 1);
	}
	if (r.emu !== null) s.emu++;
}
