/**
 * The chart data: the last `capacity` samples as uPlot wants them, one x
 * array (seconds) and one y array per series, aligned; a series that had no
 * value at some sample holds null there.
 */
import type { SampleView } from "../../protocol.ts";

export type Metric = "memory" | "cpu" | "pids";

export class SampleRing {
	private readonly xs: number[] = [];
	private readonly series = new Map<string, (number | null)[]>();

	constructor(readonly capacity = 300) {}

	/** Adds one point: `values` by series key. A point at the last point's x replaces it. */
	push(x: number, values: Readonly<Record<string, number | null>>): void {
		if (this.xs.length > 0 && this.xs[this.xs.length - 1] === x) this.dropLast();
		const n = this.xs.length;
		this.xs.push(x);
		for (const [key, v] of Object.entries(values)) {
			let ys = this.series.get(key);
			if (ys === undefined) {
				ys = new Array<number | null>(n).fill(null);
				this.series.set(key, ys);
			}
			ys.push(v);
		}
		for (const ys of this.series.values()) if (ys.length === n) ys.push(null);
		if (this.xs.length > this.capacity) {
			const drop = this.xs.length - this.capacity;
			this.xs.splice(0, drop);
			for (const [key, ys] of this.series) {
				ys.splice(0, drop);
				if (ys.every((y) => y === null)) this.series.delete(key);
			}
		}
	}

	private dropLast(): void {
		this.xs.pop();
		for (const [key, ys] of this.series) {
			ys.pop();
			if (ys.every((y) => y === null)) this.series.delete(key);
		}
	}

	get length(): number {
		return this.xs.length;
	}

	/** The series keys, sorted. */
	keys(): string[] {
		return [...this.series.keys()].sort();
	}

	/** [xs, ys of keys()[0], ys of keys()[1], ...]. */
	data(): [number[], ...(number | null)[][]] {
		return [this.xs.slice(), ...this.keys().map((k) => this.series.get(k)!.slice())];
	}
}

/** Splits a sample into the series of each chart. Memory gives two series per cgroup: "<id> usage" and "<id> limit". */
export function sampleSeries(s: SampleView): Record<Metric, Record<string, number | null>> {
	const memory: Record<string, number | null> = {};
	for (const [id, m] of Object.entries(s.memory)) {
		memory[`${id} usage`] = m.usage;
		memory[`${id} limit`] = m.limit;
	}
	return { memory, cpu: { ...s.cpu }, pids: { ...s.pids } };
}
