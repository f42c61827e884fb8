/**
 * The page's state from the state as sent (protocol.ts's StateWire): each
 * cgroup's tasks are those of the css_sets linked to it, each link's
 * hierarchy is its cgroup's, each task's css_set the one listing it.
 */
import type {
	CgroupView,
	CgroupWire,
	CssSetView,
	StateView,
	StateWire,
	TaskView,
} from "../../protocol.ts";

/** The hierarchy id a cgroup id ("4:/a/b") names. */
export function hierarchyOf(cgroupId: string): number {
	return Number.parseInt(cgroupId, 10);
}

export function inflateState(w: StateWire): StateView {
	const pidsByCgroup = new Map<string, number[][]>();
	const csetOf = new Map<number, number>();
	const csets: CssSetView[] = w.csets.map((cs) => {
		for (const id of cs.cgroups) {
			const lists = pidsByCgroup.get(id);
			if (lists === undefined) pidsByCgroup.set(id, [cs.tasks as number[]]);
			else lists.push(cs.tasks as number[]);
		}
		for (const pid of cs.tasks) csetOf.set(pid, cs.id);
		return {
			id: cs.id,
			refcount: cs.refcount,
			links: cs.cgroups.map((cgroup) => ({ hierarchy: hierarchyOf(cgroup), cgroup })),
			tasks: cs.tasks,
		};
	});
	const tasksOf = (id: string): number[] => {
		const lists = pidsByCgroup.get(id);
		if (lists === undefined) return [];
		if (lists.length === 1) return lists[0]!;
		return lists.flat().sort((a, b) => a - b);
	};
	const cgroup = (c: CgroupWire): CgroupView => ({
		id: c.id,
		path: c.path,
		tasks: tasksOf(c.id),
		values: c.values,
		children: c.children.map(cgroup),
	});
	const tasks: TaskView[] = [];
	for (const [comm, pids] of w.comms) {
		for (const pid of pids) tasks.push({ pid, comm, cset: csetOf.get(pid) ?? -1 });
	}
	tasks.sort((a, b) => a.pid - b.pid);
	return {
		seq: w.seq,
		timeNs: w.timeNs,
		hierarchies: w.hierarchies.map((h) => ({ ...h, root: cgroup(h.root) })),
		csets,
		tasks,
	};
}
