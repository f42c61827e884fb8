/** The cgkit web page: wires the server-sent events to the terminal and the panes. */
import "@xterm/xterm/css/xterm.css";
import "uplot/dist/uPlot.min.css";
import "./styles.css";
import { render } from "preact";
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import type { KernelEventView, SampleView, StateWire, TerminalOutput } from "../protocol.ts";
import { inflateState } from "./model/inflate.ts";
import { Charts } from "./ui/Charts.tsx";
import { Hierarchies } from "./ui/Hierarchies.tsx";
import { Lattice } from "./ui/Lattice.tsx";
import { type PageHandle, Store, type Tab } from "./ui/store.ts";
import { Timeline } from "./ui/Timeline.tsx";
import { openTerminal } from "./ui/terminal.ts";

declare global {
	interface Window {
		cgkitPage: PageHandle;
		cgkitStore: Store;
	}
}

const TABS: readonly { id: Tab; label: string }[] = [
	{ id: "hierarchies", label: "Hierarchies" },
	{ id: "lattice", label: "Lattice" },
	{ id: "timeline", label: "Timeline" },
	{ id: "charts", label: "Charts" },
];

function App({ store, page }: { store: Store; page: PageHandle }) {
	const [, setTick] = useState(0);
	// One render per frame, however many events arrived since the last: a task
	// moving brings half a dozen kernel events and a state within milliseconds.
	useEffect(() => {
		let queued = false;
		return store.subscribe(() => {
			if (queued) return;
			queued = true;
			requestAnimationFrame(() => {
				queued = false;
				setTick((n) => n + 1);
			});
		});
	}, [store]);
	useLayoutEffect(() => {
		const arrived = store.stateArrivedAt;
		if (arrived === 0 || store.state === null) return;
		store.stateArrivedAt = 0;
		const t = performance.now();
		const seq = store.state.seq;
		page.lastUpdateMs = t - arrived;
		page.renderedSeq = seq;
		page.renderedAt = performance.timeOrigin + t;
		// After the next frame's paint: a task queued from requestAnimationFrame runs once it is drawn.
		requestAnimationFrame(() =>
			setTimeout(() => {
				if (page.renderedSeq === seq) page.paintedAt = performance.timeOrigin + performance.now();
			}, 0),
		);
	});
	return (
		<div class="panes">
			<nav class="tabs">
				{TABS.map((t) => (
					<button
						type="button"
						key={t.id}
						data-tab={t.id}
						class={store.tab === t.id ? "active" : ""}
						onClick={() => store.setTab(t.id)}
					>
						{t.label}
					</button>
				))}
				<span class="status">
					{store.state === null
						? ""
						: `seq ${store.state.seq} · ${(store.state.timeNs / 1e9).toFixed(3)}s`}
				</span>
			</nav>
			<div class="pane" data-pane={store.tab}>
				{store.tab === "hierarchies" ? <Hierarchies store={store} /> : null}
				{store.tab === "lattice" ? <Lattice store={store} /> : null}
				{store.tab === "timeline" ? <Timeline store={store} /> : null}
				{store.tab === "charts" ? <Charts store={store} /> : null}
			</div>
		</div>
	);
}

function start(): void {
	const store = new Store();
	const page: PageHandle = {
		lastEventId: 0,
		state: null,
		lastUpdateMs: 0,
		renderedSeq: 0,
		renderedAt: 0,
		paintedAt: 0,
	};
	window.cgkitPage = page;
	window.cgkitStore = store;
	const termEl = document.getElementById("terminal");
	const term = termEl === null ? null : openTerminal(termEl);
	const es = new EventSource("/events");
	// Every event type shares one id sequence; apply each id once.
	const on = (type: string, apply: (data: string) => void): void => {
		es.addEventListener(type, (e: MessageEvent<string>) => {
			if (!store.gate.admit(e.lastEventId)) return;
			page.lastEventId = store.gate.lastEventId;
			apply(e.data);
		});
	};
	on("state", (d) => {
		store.stateArrivedAt = performance.now();
		const s = inflateState(JSON.parse(d) as StateWire);
		page.state = s;
		store.setState(s);
	});
	on("kernel", (d) => store.addKernelEvent(JSON.parse(d) as KernelEventView));
	on("output", (d) => term?.write((JSON.parse(d) as TerminalOutput).data));
	on("sample", (d) => store.addSample(JSON.parse(d) as SampleView));
	const root = document.getElementById("panes");
	if (root !== null) render(<App store={store} page={page} />, root);
}

start();
