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

	/** [xs, ys of keys[0], ys of keys[1], ...] (all keys by default). */
	data(keys: readonly string[] = this.keys()): [number[], ...(number | null)[][]] {
		const none = (): (number | null)[] => new Array<number | null>(this.xs.length).fill(null);
		return [this.xs.slice(), ...keys.map((k) => this.series.get(k)?.slice() ?? none())];
	}

	/** The newest value a series has (null if none in the window). */
	last(key: string): number | null {
		const ys = this.series.get(key);
		if (ys === undefined) return null;
		for (let i = ys.length - 1; i >= 0; i--) if (ys[i] !== null) return ys[i]!;
		return null;
	}
}

/** The cgroup a series key belongs to ("4:/test1 usage" -> "4:/test1"). */
export function keyCgroup(key: string): string {
	const i = key.indexOf(" ");
	return i < 0 ? key : key.slice(0, i);
}

/**
 * The series a chart draws when there are many cgroups: those of at most
 * `max` cgroups, the selected one first, then those whose series (limits
 * left out) have the largest newest values; sorted like keys(). The
 * cgroups drawn before (`previous`) stay while they are all there and no
 * other cgroup has grown to half again the smallest of them, so close
 * values trading places do not redraw the chart at every sample.
 */
export function shownKeys(
	ring: SampleRing,
	max: number,
	selected: string | null,
	previous: ReadonlySet<string> | null = null,
): string[] {
	const keys = ring.keys();
	const byCgroup = new Map<string, number>();
	for (const k of keys) {
		const id = keyCgroup(k);
		const v = k.endsWith(" limit") ? 0 : (ring.last(k) ?? 0);
		byCgroup.set(id, Math.max(byCgroup.get(id) ?? 0, v));
	}
	if (byCgroup.size <= max) return keys;
	const value = (id: string): number => byCgroup.get(id) ?? 0;
	const ranked = [...byCgroup.keys()]
		.filter((id) => id !== selected)
		.sort((a, b) => value(b) - value(a) || (a < b ? -1 : 1));
	let chosen: ReadonlySet<string> = new Set(
		selected !== null && byCgroup.has(selected)
			? [selected, ...ranked.slice(0, max - 1)]
			: ranked.slice(0, max),
	);
	if (
		previous !== null &&
		previous.size === chosen.size &&
		[...previous].every((id) => byCgroup.has(id)) &&
		(selected === null || !byCgroup.has(selected) || previous.has(selected))
	) {
		const kept = [...previous].filter((id) => id !== selected).map(value);
		const others = ranked.filter((id) => !previous.has(id)).map(value);
		if (Math.max(0, ...others) <= 1.5 * Math.min(...kept)) chosen = previous;
	}
	return keys.filter((k) => chosen.has(keyCgroup(k)));
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
