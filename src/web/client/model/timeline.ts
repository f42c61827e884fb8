/**
 * The timeline of kernel events: events arrive in seq order; while paused
 * they queue, Step applies the oldest queued one, Resume applies them all.
 * Only the newest `cap` applied events are kept.
 */
import type { KernelEventView } from "../../protocol.ts";

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
	/** 0 for an event, 1 for a later phase of the migration started by the row above. */
	readonly depth: number;
}

/**
 * The rows of the timeline: a migration starts at a "migrate" event with
 * no phase or phase "prepare"; the migrate events that follow it (other
 * phases) are indented under it.
 */
export function timelineRows(events: readonly KernelEventView[]): TimelineRow[] {
	const rows: TimelineRow[] = [];
	let inMigration = false;
	for (const ev of events) {
		if (ev.kind !== "migrate") {
			inMigration = false;
			rows.push({ event: ev, depth: 0 });
			continue;
		}
		const starts = ev.phase === undefined || ev.phase === "prepare";
		if (starts || !inMigration) {
			inMigration = true;
			rows.push({ event: ev, depth: 0 });
		} else rows.push({ event: ev, depth: 1 });
	}
	return rows;
}
