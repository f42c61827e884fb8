/**
 * The emulated monotonic clock, in nanoseconds since boot. Nothing reads the
 * host's wall clock: time moves only when the emulation advances it.
 */
/** A wall-clock instant, shared by everything stamped in the same tick. */
export interface TimeStamp {
	readonly ns: number;
}

export class Clock {
	private ns = 0;
	/** Told of every advance, after the clock has moved (the CPU model runs the interval). */
	onAdvance: ((fromNs: number, toNs: number) => void) | null = null;
	private lastStamp: TimeStamp | null = null;
	/** Wall-clock time at boot, in ns since the epoch (fixed for determinism). */
	readonly bootEpochNs: number;

	constructor(bootEpochNs: number) {
		this.bootEpochNs = bootEpochNs;
	}

	/** ktime_get_ns(). */
	now(): number {
		return this.ns;
	}

	/** ktime_get_real_ns(). */
	realtime(): number {
		return this.bootEpochNs + this.ns;
	}

	/**
	 * The current wall-clock time as a shared object: nodes created while
	 * the clock stands still point at one stamp instead of boxing a number
	 * each (it is a field kernfs nodes keep three of).
	 */
	stamp(): TimeStamp {
		const now = this.bootEpochNs + this.ns;
		if (this.lastStamp === null || this.lastStamp.ns !== now) {
			this.lastStamp = Object.freeze({ ns: now });
		}
		return this.lastStamp;
	}

	advance(deltaNs: number): void {
		if (deltaNs < 0 || !Number.isFinite(deltaNs))
			throw new RangeError(`bad clock delta ${deltaNs}`);
		const from = this.ns;
		this.ns += deltaNs;
		if (deltaNs > 0) this.onAdvance?.(from, this.ns);
	}
}
