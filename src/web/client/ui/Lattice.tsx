/** The css_set lattice as SVG; layout cached by structure (LatticeLayoutCache). */
import { memo } from "preact/compat";
import {
	type LatticeCgroupNode,
	type LatticeCsetNode,
	type LatticeEdge,
	type LatticeLayout,
	latticeModel,
	type Placed,
} from "../model/lattice.ts";
import { markOf, type Related, type Selection } from "../model/selection.ts";
import { cappedTasks } from "../model/tree.ts";
import type { Store } from "./store.ts";

interface CsetProps {
	n: LatticeCsetNode;
	p: Placed;
	mark: string;
	store: Store;
}

const CsetNode = memo(
	({ n, p, mark, store }: CsetProps) => (
		// biome-ignore lint/a11y/noStaticElementInteractions: clicked to select, keyboard selection not offered
		<g
			class={`lnode cset ${mark}`}
			data-cset={String(n.id)}
			data-refcount={String(n.refcount)}
			transform={`translate(${p.x - p.width / 2},${p.y - p.height / 2})`}
			onClick={() => store.select({ kind: "cset", id: n.id })}
		>
			<rect width={p.width} height={p.height} rx={5} />
			<text x={6} y={14}>
				cset {n.id} (ref {n.refcount})
			</text>
			<text x={6} y={28} class="sub">
				{n.tasks.length} tasks
			</text>
		</g>
	),
	(a: CsetProps, b: CsetProps) =>
		a.p === b.p &&
		a.mark === b.mark &&
		a.n.refcount === b.n.refcount &&
		a.n.tasks.length === b.n.tasks.length,
);

interface CgProps {
	n: LatticeCgroupNode;
	p: Placed;
	mark: string;
	store: Store;
}

const CgroupNode = memo(
	({ n, p, mark, store }: CgProps) => (
		// biome-ignore lint/a11y/noStaticElementInteractions: clicked to select, keyboard selection not offered
		<g
			class={`lnode lcgroup ${mark}`}
			data-lattice-cgroup={n.id}
			transform={`translate(${p.x - p.width / 2},${p.y - p.height / 2})`}
			onClick={() => store.select({ kind: "cgroup", id: n.id })}
		>
			<rect width={p.width} height={p.height} rx={2} />
			<text x={6} y={21}>
				{n.label}
			</text>
		</g>
	),
	(a: CgProps, b: CgProps) => a.p === b.p && a.mark === b.mark && a.n.label === b.n.label,
);

interface EdgesProps {
	edges: readonly LatticeEdge[];
	structureKey: string;
	layout: LatticeLayout;
	sel: Selection | null;
	rel: Related;
}

/** Above this many links, the unmarked ones are drawn as one SVG path (thousands of elements paint slowly). */
const EDGE_ELEMENTS = 600;

/**
 * The cgrp_cset_links as curves. Redrawn only when the structure, the
 * layout or the selection changes (a refcount or a task moving does not).
 */
const Edges = memo(
	({ edges, layout, sel, rel }: EdgesProps) => {
		const curves = edges.map((e) => {
			const a = layout.nodes.get(`s${e.cset}`);
			const b = layout.nodes.get(`g${e.cgroup}`);
			if (a === undefined || b === undefined) return null;
			const ma = markOf(sel, rel, { kind: "cset", id: e.cset });
			const mb = markOf(sel, rel, { kind: "cgroup", id: e.cgroup });
			const x1 = a.x + a.width / 2;
			const x2 = b.x - b.width / 2;
			const xm = (x1 + x2) / 2;
			return {
				e,
				mark: ma !== "" && mb !== "" ? "related" : "",
				d: `M${x1},${a.y} C${xm},${a.y} ${xm},${b.y} ${x2},${b.y}`,
			};
		});
		const drawn = curves.filter((c) => c !== null);
		const one = drawn.length > EDGE_ELEMENTS;
		return (
			<g class="edges">
				{one ? (
					<path
						class="ledge"
						d={drawn
							.filter((c) => c.mark === "")
							.map((c) => c.d)
							.join(" ")}
					/>
				) : null}
				{drawn
					.filter((c) => !one || c.mark !== "")
					.map((c) => (
						<path
							key={`${c.e.cset}:${c.e.cgroup}`}
							data-link={`${c.e.cset}:${c.e.cgroup}`}
							class={`ledge ${c.mark}`}
							d={c.d}
						/>
					))}
			</g>
		);
	},
	(a: EdgesProps, b: EdgesProps) =>
		a.structureKey === b.structureKey &&
		a.layout === b.layout &&
		a.sel === b.sel &&
		a.rel === b.rel,
);

export function Lattice({ store }: { store: Store }) {
	const s = store.state;
	if (s === null) return <p class="empty">waiting for the kernel…</p>;
	const model = latticeModel(s);
	const layout = store.lattice.get(model);
	const sel = store.selection;
	const rel = store.related;
	const selectedCset = sel?.kind === "cset" ? model.csets.find((c) => c.id === sel.id) : undefined;
	const listed = selectedCset === undefined ? null : cappedTasks(selectedCset.tasks);
	return (
		<div class="lattice">
			{selectedCset !== undefined && listed !== null ? (
				<div class="cset-tasks">
					cset {selectedCset.id} tasks:{" "}
					{listed.shown.map((pid) => (
						<button
							type="button"
							key={pid}
							class={`task ${markOf(sel, rel, { kind: "task", pid })}`}
							data-task={String(pid)}
							onClick={() => store.select({ kind: "task", pid })}
						>
							{pid}
						</button>
					))}
					{listed.more > 0 ? <span class="more">+{listed.more} more</span> : null}
				</div>
			) : null}
			<svg width={layout.width} height={layout.height} class={`engine-${layout.engine}`}>
				<title>css_set lattice</title>
				<Edges
					edges={model.edges}
					structureKey={model.structureKey}
					layout={layout}
					sel={sel}
					rel={rel}
				/>
				{model.csets.map((n) => {
					const p = layout.nodes.get(n.key);
					if (p === undefined) return null;
					return (
						<CsetNode
							key={n.key}
							n={n}
							p={p}
							mark={markOf(sel, rel, { kind: "cset", id: n.id })}
							store={store}
						/>
					);
				})}
				{model.cgroups.map((n) => {
					const p = layout.nodes.get(n.key);
					if (p === undefined) return null;
					return (
						<CgroupNode
							key={n.key}
							n={n}
							p={p}
							mark={markOf(sel, rel, { kind: "cgroup", id: n.id })}
							store={store}
						/>
					);
				})}
			</svg>
		</div>
	);
}
