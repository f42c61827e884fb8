/**
 * Timing and heap measurement helpers. Every sample times a batch of
 * operations with one pair of hrtime reads, so the timer's own cost
 * (tens of ns) is spread over thousands of operations.
 */

/** The samples of one measurement, in ns per operation. */
export interface Samples {
	/** ns per operation of each timed round, in the order they ran. */
	readonly rounds: number[];
	/** Operations per round. */
	readonly batch: number;
}

export interface Stats {
	/** Median of the rounds (what goals are checked against). */
	readonly median: number;
	readonly min: number;
	readonly max: number;
	/** Mean of the rounds: includes the occasional round with a major GC. */
	readonly mean: number;
	readonly rounds: number;
	readonly batch: number;
	/** ns per operation of every timed round, in order. */
	readonly samples: readonly number[];
}

export function now(): bigint {
	return process.hrtime.bigint();
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function stats(samples: Samples): Stats {
	const r = samples.rounds;
	return {
		median: median(r),
		min: Math.min(...r),
		max: Math.max(...r),
		mean: r.reduce((a, b) => a + b, 0) / r.length,
		rounds: r.length,
		batch: samples.batch,
		samples: r.map((v) => Math.round(v * 10) / 10),
	};
}

/** A full collection, twice (the second pass frees what finalizers released). */
export function fullGc(): void {
	const gc = globalThis.gc;
	if (gc === undefined) return;
	gc();
	gc();
}

/**
 * Allocate and drop `mib` MiB of short-lived objects, so that the young
 * generation's pages have been touched (and faulted in by the OS) before
 * the first timed round. Without it the first operations measured in the
 * process pay a page fault for every 4 KiB they allocate, until both
 * semi-spaces have been filled once (about 60,000 mkdirs with 64 MB ones).
 */
export function primeHeap(mib: number): void {
	const slots = 1024; // 8 KiB of elements per array
	let sum = 0;
	for (let bytes = 0; bytes < mib * 2 ** 20; bytes += slots * 8) {
		sum += new Array<number>(slots).fill(1).length;
	}
	if (sum === 0) throw new Error("primeHeap allocated nothing");
}

/** Per MiB of heap, how long V8's background threads may still be sweeping after a full GC. */
const SETTLE_MS_PER_MIB = 0.25;
const SETTLE_MIN_MS = 5;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * A full collection, then a pause while V8 finishes sweeping the heap on its
 * background threads. Without the pause the first few timed rounds after a
 * collection of a gigabyte heap compete with the sweepers for this 2-core
 * machine and run two to three times slower: an effect of the benchmark's
 * own forced GC, not of the operation being timed.
 */
export function fullGcAndSettle(): void {
	fullGc();
	const ms = Math.max(SETTLE_MIN_MS, (heapUsed() / 2 ** 20) * SETTLE_MS_PER_MIB);
	Atomics.wait(sleeper, 0, 0, ms);
}

export function hasGc(): boolean {
	return globalThis.gc !== undefined;
}

export function heapUsed(): number {
	return process.memoryUsage().heapUsed;
}

/**
 * Time `rounds` batches of `batch` calls of `op(i)` after `warmup` untimed
 * batches. `i` counts from 0 within a batch. `between` runs untimed after
 * every batch (to undo what the batch did, for instance).
 */
export function timeBatches(opts: {
	batch: number;
	rounds: number;
	warmup: number;
	op: (i: number) => void;
	between?: () => void;
}): Samples {
	const { batch, rounds, warmup, op, between } = opts;
	const out: number[] = [];
	fullGcAndSettle();
	for (let r = 0; r < warmup + rounds; r++) {
		const t0 = now();
		for (let i = 0; i < batch; i++) op(i);
		const t1 = now();
		between?.();
		if (r >= warmup) out.push(Number(t1 - t0) / batch);
	}
	return { rounds: out, batch };
}

/**
 * Time a pair of operations that undo each other (mkdir then rmdir): each
 * round does `batch` of the first, then `batch` of the second, each timed on
 * its own.
 */
export function timePairedBatches(opts: {
	batch: number;
	rounds: number;
	warmup: number;
	first: (i: number) => void;
	second: (i: number) => void;
}): [Samples, Samples] {
	const { batch, rounds, warmup, first, second } = opts;
	const a: number[] = [];
	const b: number[] = [];
	fullGcAndSettle();
	for (let r = 0; r < warmup + rounds; r++) {
		const t0 = now();
		for (let i = 0; i < batch; i++) first(i);
		const t1 = now();
		for (let i = 0; i < batch; i++) second(i);
		const t2 = now();
		if (r >= warmup) {
			a.push(Number(t1 - t0) / batch);
			b.push(Number(t2 - t1) / batch);
		}
	}
	return [
		{ rounds: a, batch },
		{ rounds: b, batch },
	];
}

/** Wall time of one call, in ms. */
export function timeMs(fn: () => void): number {
	const t0 = now();
	fn();
	return Number(now() - t0) / 1e6;
}
