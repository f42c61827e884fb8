/**
 * The emulated monotonic clock, in nanoseconds since boot. Nothing reads the
 * host's wall clock: time moves only when the emulation advances it.
 */
export class Clock {
	private ns = 0;
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

	advance(deltaNs: number): void {
		if (deltaNs < 0 || !Number.isFinite(deltaNs))
			throw new RangeError(`bad clock delta ${deltaNs}`);
		this.ns += deltaNs;
	}
}
