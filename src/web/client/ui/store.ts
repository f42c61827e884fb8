/** The page's state outside Preact: what the events built up, the selection, what is expanded. */
import type { KernelEventView, SampleView, StateView } from "../../protocol.ts";
import { EventGate } from "../model/events.ts";
import { LatticeLayoutCache } from "../model/lattice.ts";
import { type Metric, SampleRing, sampleSeries } from "../model/samples.ts";
import {
	NOTHING_RELATED,
	type Related,
	relatedTo,
	type Selection,
	stableRelated,
} from "../model/selection.ts";
import { TimelineQueue } from "../model/timeline.ts";

export type Tab = "hierarchies" | "lattice" | "timeline" | "charts";

/**
 * What the page shows on window.cgkitPage (for tests, benchmarks and the
 * console). Times are ms; `...At` ones since the epoch
 * (performance.timeOrigin + performance.now()), so a process on the same
 * machine can compare them with its own clock.
 */
export interface PageHandle {
	lastEventId: number;
	state: StateView | null;
	/** From the last state's arrival (before JSON.parse) to the end of the render that showed it. */
	lastUpdateMs: number;
	/** The seq of the newest state rendered, and when its render ended and when the frame after it was painted. */
	renderedSeq: number;
	renderedAt: number;
	paintedAt: number;
}

export class Store {
	state: StateView | null = null;
	selection: Selection | null = null;
	/** The migration whose events the timeline marks (a row of it was clicked). */
	migration: number | null = null;
	related: Related = NOTHING_RELATED;
	readonly expanded = new Set<string>();
	private readonly seenRoots = new Set<string>();
	/** Bumped whenever `expanded` changes, so rows see a new value. */
	expandedVersion = 0;
	tab: Tab = "hierarchies";
	readonly gate = new EventGate();
	readonly timeline = new TimelineQueue();
	timelineVersion = 0;
	readonly rings: Record<Metric, SampleRing> = {
		memory: new SampleRing(300),
		cpu: new SampleRing(300),
		pids: new SampleRing(300),
	};
	samplesVersion = 0;
	readonly lattice = new LatticeLayoutCache();
	/** When the newest state arrived (performance.now()), until a render has shown it; 0 then. */
	stateArrivedAt = 0;
	private readonly listeners = new Set<() => void>();

	subscribe(fn: () => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	private changed(): void {
		for (const fn of this.listeners) fn();
	}

	setState(s: StateView): void {
		// A hierarchy shows up with its root open (at the first state, or when mounted later).
		for (const h of s.hierarchies) {
			if (this.seenRoots.has(h.root.id)) continue;
			this.seenRoots.add(h.root.id);
			this.expanded.add(h.root.id);
			this.expandedVersion++;
		}
		this.state = s;
		this.related = stableRelated(this.related, relatedTo(s, this.selection));
		this.changed();
	}

	addKernelEvent(ev: KernelEventView): void {
		if (this.timeline.push(ev)) {
			this.timelineVersion++;
			this.changed();
		}
	}

	addSample(s: SampleView): void {
		const series = sampleSeries(s);
		const x = s.timeNs / 1e9;
		for (const m of ["memory", "cpu", "pids"] as const) this.rings[m].push(x, series[m]);
		this.samplesVersion++;
		this.changed();
	}

	/** A timeline row was clicked: select its migration and the first task it names. */
	selectEvent(ev: KernelEventView): void {
		this.migration = ev.migration ?? null;
		const pid = ev.pids?.[0];
		if (pid !== undefined) this.select({ kind: "task", pid });
		else this.changed();
	}

	select(sel: Selection | null): void {
		this.selection = sel;
		this.related = this.state === null ? NOTHING_RELATED : relatedTo(this.state, sel);
		this.changed();
	}

	toggle(cgroupId: string): void {
		if (this.expanded.has(cgroupId)) this.expanded.delete(cgroupId);
		else this.expanded.add(cgroupId);
		this.expandedVersion++;
		this.changed();
	}

	setTab(t: Tab): void {
		this.tab = t;
		this.changed();
	}

	pause(): void {
		this.timeline.pause();
		this.timelineVersion++;
		this.changed();
	}

	resume(): void {
		this.timeline.resume();
		this.timelineVersion++;
		this.changed();
	}

	step(): void {
		this.timeline.step();
		this.timelineVersion++;
		this.changed();
	}
}
