/**
 * The hierarchy trees as the page shows them: a flat list of the visible
 * cgroup rows (collapsed subtrees are skipped), each with a cheap content
 * hash so an unchanged row is not re-rendered.
 */
import type { CgroupView, HierarchyView, StateView } from "../../protocol.ts";

/** FNV-1a over a string, 32 bits, as 8 hex digits. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** A hash of what one row shows: the cgroup itself, not its children (only their count). */
export function cgroupRowHash(cg: CgroupView): number {
	let h = fnv1a(cg.id);
	h = fnv1a(cg.path, h);
	h = fnv1a(cg.tasks.join(","), h);
	for (const k of Object.keys(cg.values).sort()) h = fnv1a(`${k}=${cg.values[k]}`, h);
	return fnv1a(`#${cg.children.length}`, h);
}

/** The name a row shows: the last path component, "/" for the root. */
export function cgroupName(path: string): string {
	if (path === "/") return "/";
	const i = path.lastIndexOf("/");
	return path.slice(i + 1);
}

export interface TreeRow {
	readonly cgroup: CgroupView;
	readonly hierarchy: number;
	readonly depth: number;
	readonly expanded: boolean;
	readonly hash: number;
}

/** The rows of one hierarchy that are visible given the expanded cgroup ids (depth-first, pre-order). */
export function visibleRows(h: HierarchyView, expanded: ReadonlySet<string>): TreeRow[] {
	const rows: TreeRow[] = [];
	const walk = (cg: CgroupView, depth: number): void => {
		const open = expanded.has(cg.id);
		rows.push({ cgroup: cg, hierarchy: h.id, depth, expanded: open, hash: cgroupRowHash(cg) });
		if (!open) return;
		for (const child of cg.children) walk(child, depth + 1);
	};
	walk(h.root, 0);
	return rows;
}

/** Every cgroup of every hierarchy by id, and the hierarchy each belongs to. */
export interface CgroupIndex {
	readonly byId: ReadonlyMap<string, { readonly cgroup: CgroupView; readonly hierarchy: number }>;
}

export function indexCgroups(state: StateView): CgroupIndex {
	const byId = new Map<string, { cgroup: CgroupView; hierarchy: number }>();
	for (const h of state.hierarchies) {
		const stack: CgroupView[] = [h.root];
		while (stack.length > 0) {
			const cg = stack.pop()!;
			byId.set(cg.id, { cgroup: cg, hierarchy: h.id });
			for (const c of cg.children) stack.push(c);
		}
	}
	return { byId };
}

/** The tasks a row lists when expanded: at most `cap`, and how many more there are. */
export function cappedTasks(
	tasks: readonly number[],
	cap = 200,
): { shown: readonly number[]; more: number } {
	if (tasks.length <= cap) return { shown: tasks, more: 0 };
	return { shown: tasks.slice(0, cap), more: tasks.length - cap };
}
