/** Live charts (uPlot): memory usage and limit, CPU time, pids.current, per cgroup. */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { StateView } from "../../protocol.ts";
import type { Metric } from "../model/samples.ts";
import { indexCgroups } from "../model/tree.ts";
import type { Store } from "./store.ts";

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

function seriesLabel(state: StateView | null, key: string): string {
	const [id, what] = key.split(" ");
	if (state === null || id === undefined) return key;
	const found = indexCgroups(state).byId.get(id);
	const name = found === undefined ? id : `${found.hierarchy}:${found.cgroup.path}`;
	return what === undefined ? name : `${name} ${what}`;
}

function Chart({ store, metric, title }: { store: Store; metric: Metric; title: string }) {
	const ref = useRef<HTMLDivElement>(null);
	const plot = useRef<{ u: uPlot; keys: string } | null>(null);
	useEffect(() => {
		const el = ref.current;
		if (el === null) return;
		const ring = store.rings[metric];
		const keys = ring.keys();
		const keyStr = keys.join("|");
		const data = ring.data();
		if (plot.current !== null && plot.current.keys === keyStr) {
			plot.current.u.setData(data);
			return;
		}
		plot.current?.u.destroy();
		const opts: uPlot.Options = {
			width: Math.max(300, el.clientWidth || 600),
			height: 200,
			scales: { x: { time: false } },
			series: [
				{ label: "s" },
				...keys.map((k, i) => ({
					label: seriesLabel(store.state, k),
					stroke: COLORS[i % COLORS.length]!,
					dash: k.endsWith(" limit") ? [4, 4] : undefined,
					spanGaps: false,
				})),
			],
		};
		plot.current = { u: new uPlot(opts, data, el), keys: keyStr };
	});
	useEffect(
		() => () => {
			plot.current?.u.destroy();
			plot.current = null;
		},
		[],
	);
	return (
		<section class="chart">
			<h3>{title}</h3>
			<div data-chart={metric} ref={ref} />
		</section>
	);
}

export function Charts({ store }: { store: Store }) {
	return (
		<div class="charts">
			<Chart store={store} metric="memory" title="memory usage / limit (bytes)" />
			<Chart store={store} metric="cpu" title="CPU time (ns)" />
			<Chart store={store} metric="pids" title="pids.current" />
		</div>
	);
}
