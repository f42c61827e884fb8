/**
 * Emulated time kept to the host's wall clock, for a live page: at speed 1
 * `sleep 5` takes five seconds and a heap that grows 10 MiB a second is
 * seen climbing, and the clock runs on while the shell waits at its prompt
 * (a background job keeps going). Speed N runs N emulated seconds per real
 * second; Infinity runs as fast as the host computes, with the clock still
 * while the shell waits for input, as `cgkit sh` does.
 *
 * When the host cannot keep up (a heavy command), the emulated clock falls
 * behind; it catches up by at most `maxLagMs` of real time, so a slow
 * stretch is not followed by a burst that skips over everything.
 */
import type { TimeSource } from "../userland/proc/scheduler.ts";

export interface PacerOptions {
	/** Emulated seconds per real second (Infinity: unpaced). */
	readonly speed: number;
	/** How long the scheduler sleeps when the clock is held (real ms). */
	readonly tickMs?: number;
	/** Catch-up limit (real ms). */
	readonly maxLagMs?: number;
	/** The host's clock in ms (performance.now by default). */
	readonly realMs?: () => number;
}

export class WallClockPacer implements TimeSource {
	readonly idleTimePasses: boolean;
	private readonly speed: number;
	private readonly tickMs: number;
	private readonly maxLagMs: number;
	private readonly realMs: () => number;
	/** Emulated ns and real ms of the anchor; null before the first question. */
	private anchor: { ns: number; ms: number } | null = null;

	constructor(opts: PacerOptions) {
		if (!(opts.speed > 0)) throw new RangeError(`bad speed ${opts.speed}`);
		this.speed = opts.speed;
		this.idleTimePasses = Number.isFinite(opts.speed);
		this.tickMs = opts.tickMs ?? 10;
		this.maxLagMs = opts.maxLagMs ?? 100;
		this.realMs = opts.realMs ?? (() => performance.now());
	}

	/** The emulated time the clock may have reached by now. */
	limit(now: number): number {
		if (!this.idleTimePasses) return Number.POSITIVE_INFINITY;
		const ms = this.realMs();
		if (this.anchor === null) this.anchor = { ns: now, ms };
		const lagMs = ms - this.anchor.ms - (now - this.anchor.ns) / 1e6 / this.speed;
		if (lagMs > this.maxLagMs) this.anchor = { ns: now, ms: ms - this.maxLagMs };
		return Math.floor(this.anchor.ns + (ms - this.anchor.ms) * 1e6 * this.speed);
	}

	advance(now: number, to: number): number {
		return Math.min(to, this.limit(now));
	}

	wait(): Promise<void> {
		return new Promise((resolve) => setTimeout(resolve, this.tickMs));
	}
}
