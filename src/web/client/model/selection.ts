/**
 * What a selection relates to: a task relates to its css_set and that
 * css_set's cgroups (one per hierarchy, the cgrp_cset_links); a cgroup to
 * the css_sets linked to it and their tasks; a css_set to its cgroups and
 * its tasks.
 */
import type { StateView } from "../../protocol.ts";

export type Selection =
	| { readonly kind: "task"; readonly pid: number }
	| { readonly kind: "cgroup"; readonly id: string }
	| { readonly kind: "cset"; readonly id: number };

export interface Related {
	readonly pids: ReadonlySet<number>;
	readonly cgroups: ReadonlySet<string>;
	readonly csets: ReadonlySet<number>;
}

export const NOTHING_RELATED: Related = { pids: new Set(), cgroups: new Set(), csets: new Set() };

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
	if (a === null || b === null) return a === b;
	if (a.kind !== b.kind) return false;
	if (a.kind === "task" && b.kind === "task") return a.pid === b.pid;
	if (a.kind === "cgroup" && b.kind === "cgroup") return a.id === b.id;
	if (a.kind === "cset" && b.kind === "cset") return a.id === b.id;
	return false;
}

/** The things related to `sel` in `state` (the selected thing itself excluded). */
export function relatedTo(state: StateView, sel: Selection | null): Related {
	if (sel === null) return NOTHING_RELATED;
	const pids = new Set<number>();
	const cgroups = new Set<string>();
	const csets = new Set<number>();
	const addCset = (id: number, withTasks: boolean, withCgroups: boolean): void => {
		const cs = state.csets.find((c) => c.id === id);
		if (cs === undefined) return;
		csets.add(cs.id);
		if (withTasks) for (const p of cs.tasks) pids.add(p);
		if (withCgroups) for (const l of cs.links) cgroups.add(l.cgroup);
	};
	switch (sel.kind) {
		case "task": {
			const t = state.tasks.find((x) => x.pid === sel.pid);
			if (t !== undefined) addCset(t.cset, false, true);
			break;
		}
		case "cgroup": {
			for (const cs of state.csets) {
				if (cs.links.some((l) => l.cgroup === sel.id)) {
					csets.add(cs.id);
					for (const p of cs.tasks) pids.add(p);
				}
			}
			break;
		}
		case "cset":
			addCset(sel.id, true, true);
			csets.delete(sel.id);
			break;
	}
	return { pids, cgroups, csets };
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
	if (a.size !== b.size) return false;
	for (const x of a) if (!b.has(x)) return false;
	return true;
}

/** `next`, or `prev` when it relates the same things (so what depends on it need not redraw). */
export function stableRelated(prev: Related, next: Related): Related {
	return sameSet(prev.pids, next.pids) &&
		sameSet(prev.cgroups, next.cgroups) &&
		sameSet(prev.csets, next.csets)
		? prev
		: next;
}

/** The CSS class of a thing: "selected", "related" or "". */
export function markOf(
	sel: Selection | null,
	related: Related,
	thing: Selection,
): "selected" | "related" | "" {
	if (sameSelection(sel, thing)) return "selected";
	switch (thing.kind) {
		case "task":
			return related.pids.has(thing.pid) ? "related" : "";
		case "cgroup":
			return related.cgroups.has(thing.id) ? "related" : "";
		case "cset":
			return related.csets.has(thing.id) ? "related" : "";
	}
}
