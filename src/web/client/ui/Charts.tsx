/** Live charts (uPlot): memory usage and limit, CPU time, pids.current, per cgroup. */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { StateView } from "../../protocol.ts";
import { keyCgroup, type Metric, shownKeys } from "../model/samples.ts";
import { indexCgroups } from "../model/tree.ts";
import type { Store } from "./store.ts";

const POWERS_OF_TWO = Array.from({ length: 50 }, (_, i) => 2 ** i);

/** Cgroups a chart draws at most: the selected one and the largest. */
const MAX_CGROUPS = 8;

const COLORS = [
	"#4e79a7",
	"#f28e2b",
	"#e15759",
	"#76b7b2",
	"#59a14f",
	"#edc948",
	"#b07aa1",
	"#ff9da7",
	"#9c755f",
	"#bab0ac",
];

/** "memory:/test1 usage" for the key "4:/test1 usage": the hierarchy by name (cgroup2 for the default one). */
function seriesLabel(state: StateView | null, key: string): string {
	const [id, what] = key.split(" ");
	if (state === null || id === undefined) return key;
	const found = indexCgroups(state).byId.get(id);
	const h = state.hierarchies.find((x) => x.id === found?.hierarchy);
	const name =
		found === undefined || h === undefined
			? id
			: `${h.name === "" ? "cgroup2" : h.name}:${found.cgroup.path}`;
	return what === undefined ? name : `${name} ${what}`;
}

/** 1024-based, as memcgstat shows sizes: 0B, 4.0K, 100.0M. */
function bytes(v: number): string {
	const units = ["B", "K", "M", "G", "T"];
	let x = v;
	let i = 0;
	while (Math.abs(x) >= 1024 && i < units.length - 1) {
		x /= 1024;
		i++;
	}
	return i === 0 ? `${x}B` : `${x.toFixed(1)}${units[i]}`;
}

const FORMAT: Record<Metric, (v: number) => string> = {
	memory: bytes,
	cpu: (ns) => `${(ns / 1e9).toFixed(ns < 1e9 ? 3 : 1)}s`,
	pids: (n) => String(n),
};

function Chart({ store, metric, title }: { store: Store; metric: Metric; title: string }) {
	const ref = useRef<HTMLDivElement>(null);
	const plot = useRef<{ u: uPlot; keys: string } | null>(null);
	const ring = store.rings[metric];
	const sel = store.selection;
	const drawn = useRef<ReadonlySet<string> | null>(null);
	const keys = shownKeys(ring, MAX_CGROUPS, sel?.kind === "cgroup" ? sel.id : null, drawn.current);
	drawn.current = new Set(keys.map(keyCgroup));
	const all = new Set(ring.keys().map(keyCgroup)).size;
	const shown = new Set(keys.map(keyCgroup)).size;
	useEffect(() => {
		const el = ref.current;
		if (el === null) return;
		const keyStr = keys.join("|");
		const data = ring.data(keys);
		if (plot.current !== null && plot.current.keys === keyStr) {
			plot.current.u.setData(data);
			return;
		}
		plot.current?.u.destroy();
		const fmt = FORMAT[metric];
		const opts: uPlot.Options = {
			width: Math.max(300, el.clientWidth || 600),
			height: 200,
			scales: { x: { time: false } },
			axes: [
				{ values: (_u, vals) => vals.map((v) => `${v}s`) },
				{
					size: 70,
					values: (_u, vals) => vals.map((v) => fmt(v)),
					// Sizes tick at powers of two (32.0M, 64.0M, 96.0M), not at 47.7M.
					...(metric === "memory" ? { incrs: POWERS_OF_TWO } : {}),
				},
			],
			series: [
				{ label: "time", value: (_u, v) => (v === null ? "--" : `${v.toFixed(2)}s`) },
				...keys.map((k, i) => ({
					label: seriesLabel(store.state, k),
					stroke: COLORS[i % COLORS.length]!,
					width: 1.5,
					dash: k.endsWith(" limit") ? [4, 4] : undefined,
					points: { show: false },
					spanGaps: false,
					value: (_u: uPlot, v: number | null) => (v === null ? "--" : fmt(v)),
				})),
			],
		};
		plot.current = { u: new uPlot(opts, data, el), keys: keyStr };
	});
	useEffect(() => {
		const el = ref.current;
		// The chart follows its box's width (the window or the panes resized).
		const resized = new ResizeObserver(() => {
			const width = Math.max(300, el?.clientWidth ?? 0);
			if (plot.current !== null && plot.current.u.width !== width) {
				plot.current.u.setSize({ width, height: 200 });
			}
		});
		if (el !== null) resized.observe(el);
		return () => {
			resized.disconnect();
			plot.current?.u.destroy();
			plot.current = null;
		};
	}, []);
	return (
		<section class="chart">
			<h3>
				{title}
				{shown < all ? ` (${shown} of ${all} cgroups: the selected one and the largest)` : ""}
			</h3>
			{all === 0 ? <p class="empty">no cgroup has this yet</p> : null}
			<div data-chart={metric} ref={ref} />
		</section>
	);
}

export function Charts({ store }: { store: Store }) {
	return (
		<div class="charts">
			<Chart store={store} metric="memory" title="memory usage / limit" />
			<Chart store={store} metric="cpu" title="CPU time" />
			<Chart store={store} metric="pids" title="pids.current" />
		</div>
	);
}
