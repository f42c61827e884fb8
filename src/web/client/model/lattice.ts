/**
 * The css_set lattice: css_set nodes, the cgroups they are linked to (one
 * per hierarchy: the cgrp_cset_links, see link_css_set()) and an edge per
 * link. The layout depends only on the structure (which css_sets link to
 * which cgroups), so it is cached under a structure key.
 */
import dagre from "@dagrejs/dagre";
import type { StateView } from "../../protocol.ts";
import { cgroupName, indexCgroups } from "./tree.ts";

export interface LatticeCsetNode {
	readonly kind: "cset";
	readonly key: string;
	readonly id: number;
	readonly refcount: number;
	readonly tasks: readonly number[];
}

export interface LatticeCgroupNode {
	readonly kind: "cgroup";
	readonly key: string;
	readonly id: string;
	readonly hierarchy: number;
	readonly path: string;
	readonly label: string;
}

export type LatticeNode = LatticeCsetNode | LatticeCgroupNode;

export interface LatticeEdge {
	readonly cset: number;
	readonly cgroup: string;
	readonly hierarchy: number;
}

export interface LatticeModel {
	readonly csets: readonly LatticeCsetNode[];
	readonly cgroups: readonly LatticeCgroupNode[];
	readonly edges: readonly LatticeEdge[];
	/** Changes exactly when the nodes or edges change (not refcounts or tasks). */
	readonly structureKey: string;
}

/** Builds the lattice of a state: every css_set, every cgroup some css_set links to, every link. */
export function latticeModel(state: StateView): LatticeModel {
	const index = indexCgroups(state);
	const hierName = new Map(
		state.hierarchies.map((h) => [h.id, h.name === "" ? "cgroup2" : h.name]),
	);
	const csets: LatticeCsetNode[] = [];
	const edges: LatticeEdge[] = [];
	const cgroups = new Map<string, LatticeCgroupNode>();
	const keyParts: string[] = [];
	for (const cs of [...state.csets].sort((a, b) => a.id - b.id)) {
		csets.push({
			kind: "cset",
			key: `s${cs.id}`,
			id: cs.id,
			refcount: cs.refcount,
			tasks: cs.tasks,
		});
		const links: string[] = [];
		for (const l of cs.links) {
			edges.push({ cset: cs.id, cgroup: l.cgroup, hierarchy: l.hierarchy });
			links.push(l.cgroup);
			if (!cgroups.has(l.cgroup)) {
				const found = index.byId.get(l.cgroup);
				const path = found?.cgroup.path ?? "?";
				const hier = found?.hierarchy ?? l.hierarchy;
				cgroups.set(l.cgroup, {
					kind: "cgroup",
					key: `g${l.cgroup}`,
					id: l.cgroup,
					hierarchy: hier,
					path,
					label: `${hierName.get(hier) ?? hier}:${path === "/" ? "/" : cgroupName(path)}`,
				});
			}
		}
		keyParts.push(`${cs.id}>${links.join(",")}`);
	}
	const cgs = [...cgroups.values()].sort((a, b) =>
		a.hierarchy !== b.hierarchy ? a.hierarchy - b.hierarchy : a.path < b.path ? -1 : 1,
	);
	return { csets, cgroups: cgs, edges, structureKey: keyParts.join(";") };
}

export interface Placed {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

export interface LatticeLayout {
	readonly nodes: ReadonlyMap<string, Placed>;
	readonly width: number;
	readonly height: number;
	readonly engine: "dagre" | "columns";
}

export const CSET_W = 150;
export const CGROUP_W = 170;
export const NODE_H = 34;

/**
 * Lays out the lattice, left to right: css_sets then cgroups. With dagre up
 * to `dagreLimit` nodes; above it dagre takes seconds, so a plain column
 * layout (css_sets in one column, each hierarchy's cgroups in their own).
 */
export function layoutLattice(model: LatticeModel, dagreLimit = 400): LatticeLayout {
	const total = model.csets.length + model.cgroups.length;
	if (total <= dagreLimit) {
		const g = new dagre.graphlib.Graph();
		g.setGraph({ rankdir: "LR", nodesep: 12, ranksep: 90, marginx: 10, marginy: 10 });
		g.setDefaultEdgeLabel(() => ({}));
		for (const n of model.csets) g.setNode(n.key, { width: CSET_W, height: NODE_H });
		for (const n of model.cgroups) g.setNode(n.key, { width: CGROUP_W, height: NODE_H });
		for (const e of model.edges) g.setEdge(`s${e.cset}`, `g${e.cgroup}`);
		dagre.layout(g);
		const nodes = new Map<string, Placed>();
		for (const key of g.nodes()) {
			const n = g.node(key) as { x: number; y: number; width: number; height: number };
			nodes.set(key, { x: n.x, y: n.y, width: n.width, height: n.height });
		}
		const graph = g.graph() as { width?: number; height?: number };
		return { nodes, width: graph.width ?? 0, height: graph.height ?? 0, engine: "dagre" };
	}
	const nodes = new Map<string, Placed>();
	const gap = 8;
	let height = 0;
	model.csets.forEach((n, i) => {
		const y = 10 + i * (NODE_H + gap) + NODE_H / 2;
		nodes.set(n.key, { x: 10 + CSET_W / 2, y, width: CSET_W, height: NODE_H });
		height = Math.max(height, y + NODE_H);
	});
	const hiers = [...new Set(model.cgroups.map((c) => c.hierarchy))];
	const colOf = new Map(hiers.map((h, i) => [h, i]));
	const rowOf = new Map<number, number>();
	for (const c of model.cgroups) {
		const col = colOf.get(c.hierarchy)!;
		const row = rowOf.get(c.hierarchy) ?? 0;
		rowOf.set(c.hierarchy, row + 1);
		const x = 10 + CSET_W + 120 + col * (CGROUP_W + 40) + CGROUP_W / 2;
		const y = 10 + row * (NODE_H + gap) + NODE_H / 2;
		nodes.set(c.key, { x, y, width: CGROUP_W, height: NODE_H });
		height = Math.max(height, y + NODE_H);
	}
	const width = 10 + CSET_W + 120 + hiers.length * (CGROUP_W + 40);
	return { nodes, width, height, engine: "columns" };
}

/** A layout cache keyed by the structure key: recomputed only when the structure changes. */
export class LatticeLayoutCache {
	private key: string | null = null;
	private layout: LatticeLayout | null = null;
	computations = 0;

	get(model: LatticeModel): LatticeLayout {
		if (this.layout === null || this.key !== model.structureKey) {
			this.layout = layoutLattice(model);
			this.key = model.structureKey;
			this.computations++;
		}
		return this.layout;
	}
}
