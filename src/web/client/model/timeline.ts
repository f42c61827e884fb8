/**
 * The timeline of kernel events: events arrive in seq order; while paused
 * they queue, Step applies the oldest queued one, Resume applies them all.
 * Only the newest `cap` applied events are kept.
 */
import type { KernelEventView } from "../../protocol.ts";
import type { Related, Selection } from "./selection.ts";

export class TimelineQueue {
	private applied: KernelEventView[] = [];
	private pending: KernelEventView[] = [];
	private lastSeq = 0;
	paused = false;

	constructor(private readonly cap = 2000) {}

	/** Takes one event; an event with a seq already seen is ignored (false). */
	push(ev: KernelEventView): boolean {
		if (ev.seq <= this.lastSeq) return false;
		this.lastSeq = ev.seq;
		if (this.paused) this.pending.push(ev);
		else this.apply(ev);
		return true;
	}

	pause(): void {
		this.paused = true;
	}

	/** Applies every queued event and stops queueing. */
	resume(): void {
		this.paused = false;
		for (const ev of this.pending) this.apply(ev);
		this.pending = [];
	}

	/** Applies the oldest queued event; returns it, or null when none is queued. */
	step(): KernelEventView | null {
		const ev = this.pending.shift();
		if (ev === undefined) return null;
		this.apply(ev);
		return ev;
	}

	get events(): readonly KernelEventView[] {
		return this.applied;
	}

	get queued(): number {
		return this.pending.length;
	}

	private apply(ev: KernelEventView): void {
		this.applied.push(ev);
		if (this.applied.length > this.cap) this.applied.splice(0, this.applied.length - this.cap);
	}
}

export interface TimelineRow {
	readonly event: KernelEventView;
	/** 0 for an event, 1 for a later event of the migration a row above started. */
	readonly depth: number;
}

/**
 * The rows of the timeline: the events of one migration (the same
 * `migration` id: its phases and the attach of each task it moved) are
 * indented under the first of them that is shown.
 */
export function timelineRows(events: readonly KernelEventView[]): TimelineRow[] {
	const started = new Set<number>();
	return events.map((event) => {
		const m = event.migration;
		if (m === undefined) return { event, depth: 0 };
		const depth = started.has(m) ? 1 : 0;
		started.add(m);
		return { event, depth };
	});
}

/**
 * How a timeline row is marked: "selected" for the events of the selected
 * migration, "related" for an event that touches the selected task, cgroup
 * or css_set or anything related to it.
 */
export function eventMark(
	ev: KernelEventView,
	migration: number | null,
	sel: Selection | null,
	related: Related,
): "selected" | "related" | "" {
	if (migration !== null && ev.migration === migration) return "selected";
	if (sel === null) return "";
	const pids = ev.pids ?? [];
	const cgroups = ev.cgroups ?? [];
	const csets = ev.csets ?? [];
	const hit =
		(sel.kind === "task" && pids.includes(sel.pid)) ||
		(sel.kind === "cgroup" && cgroups.includes(sel.id)) ||
		(sel.kind === "cset" && csets.includes(sel.id)) ||
		pids.some((p) => related.pids.has(p)) ||
		cgroups.some((c) => related.cgroups.has(c)) ||
		csets.some((c) => related.csets.has(c));
	return hit ? "related" : "";
}
