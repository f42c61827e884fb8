/** The kernel event timeline: newest at the bottom, pause/resume and step. */
import { memo } from "preact/compat";
import type { KernelEventView } from "../../protocol.ts";
import { eventMark, timelineRows } from "../model/timeline.ts";
import type { Store } from "./store.ts";

const SHOWN = 500;

interface RowProps {
	ev: KernelEventView;
	depth: number;
	mark: string;
	store: Store;
}

const EventRow = memo(
	({ ev, depth, mark, store }: RowProps) => (
		// biome-ignore lint/a11y/noStaticElementInteractions: clicked to select, keyboard selection not offered
		// biome-ignore lint/a11y/useKeyWithClickEvents: clicked to select, keyboard selection not offered
		<div
			class={`event kind-${ev.kind} depth-${depth} ${mark}`}
			data-event-seq={String(ev.seq)}
			data-migration={ev.migration === undefined ? undefined : String(ev.migration)}
			onClick={() => store.selectEvent(ev)}
		>
			<span class="seq">{ev.seq}</span>
			<span class="time">{(ev.timeNs / 1e9).toFixed(3)}s</span>
			<span class="kind">{ev.kind}</span>
			{ev.phase !== undefined ? <span class="phase">{ev.phase}</span> : null}
			<span class="text">{ev.text}</span>
		</div>
	),
	(a, b) => a.ev.seq === b.ev.seq && a.depth === b.depth && a.mark === b.mark,
);

export function Timeline({ store }: { store: Store }) {
	const t = store.timeline;
	const rows = timelineRows(t.events.slice(-SHOWN));
	return (
		<div class="timeline">
			<div class="controls">
				{t.paused ? (
					<button type="button" data-action="resume" onClick={() => store.resume()}>
						Resume
					</button>
				) : (
					<button type="button" data-action="pause" onClick={() => store.pause()}>
						Pause
					</button>
				)}
				<button
					type="button"
					data-action="step"
					disabled={!t.paused || t.queued === 0}
					onClick={() => store.step()}
				>
					Step
				</button>
				<span class="queued" data-queued={String(t.queued)}>
					{t.paused ? `${t.queued} queued` : ""}
				</span>
			</div>
			<div class="events">
				{rows.map((r) => (
					<EventRow
						key={r.event.seq}
						ev={r.event}
						depth={r.depth}
						mark={eventMark(r.event, store.migration, store.selection, store.related)}
						store={store}
					/>
				))}
			</div>
		</div>
	);
}
