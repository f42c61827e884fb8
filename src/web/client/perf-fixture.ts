/**
 * A synthetic StateView for render tests: `cgroups` cgroups spread over a
 * cgroup2 hierarchy (a two-level tree: groups of 20 children under the
 * root's children) plus a v1 memory hierarchy mirroring the first
 * `cgroups / 10`, and `tasks` tasks spread round-robin over the leaves (leaf i's tasks in
 * memory cgroup i mod count), so one css_set per leaf.
 */
import type { CgroupView, CssSetView, HierarchyView, StateView, TaskView } from "../protocol.ts";

interface MutableCgroup {
	id: string;
	path: string;
	tasks: number[];
	values: Record<string, string>;
	children: MutableCgroup[];
}

function cg(id: string, path: string, values: Record<string, string>): MutableCgroup {
	return { id, path, tasks: [], values, children: [] };
}

/** Builds the fixture; `seq` lets a test make successive states that differ in values only. */
export function perfFixture(cgroups: number, tasks: number, seq = 1): StateView {
	// Default hierarchy: root + (cgroups - 1) below it.
	const root2 = cg("0:1", "/", { "cgroup.freeze": "0" });
	const all2: MutableCgroup[] = [];
	let made = 0;
	let parent: MutableCgroup | null = null;
	while (made < cgroups - 1) {
		if (parent === null || parent.children.length === 20) {
			parent = cg(`0:${made + 2}`, `/g${made}`, {
				"memory.current": String(made * 4096 + seq),
				"memory.max": "max",
				"pids.current": "0",
				"pids.max": "max",
				"cgroup.freeze": "0",
			});
			root2.children.push(parent);
			all2.push(parent);
			made++;
			continue;
		}
		const leaf = cg(`0:${made + 2}`, `${parent.path}/c${made}`, {
			"memory.current": String(made * 4096 + seq),
			"memory.max": String(1 << 30),
			"pids.current": "0",
			"pids.max": "1000",
			"cpuset.cpus": "0-3",
			"cgroup.freeze": "0",
		});
		parent.children.push(leaf);
		all2.push(leaf);
		made++;
	}
	const leaves = all2.filter((c) => c.children.length === 0);
	if (leaves.length === 0) leaves.push(root2);
	// A v1 memory hierarchy (id 3) with a flat set of cgroups.
	const root1 = cg("3:1", "/", {
		"memory.usage_in_bytes": String(seq),
		"memory.limit_in_bytes": "9223372036854771712",
	});
	const mem1: MutableCgroup[] = [root1];
	for (let i = 0; i < Math.max(1, Math.floor(cgroups / 10)); i++) {
		const c = cg(`3:${i + 2}`, `/m${i}`, {
			"memory.usage_in_bytes": String(i * 8192 + seq),
			"memory.limit_in_bytes": String(1 << 28),
		});
		root1.children.push(c);
		mem1.push(c);
	}
	const csetByPair = new Map<string, CssSetView & { tasks: number[]; refcount: number }>();
	const taskViews: TaskView[] = [];
	for (let i = 0; i < tasks; i++) {
		const pid = i + 1;
		const li = i % leaves.length;
		const a = leaves[li]!;
		const b = mem1[li % mem1.length]!;
		a.tasks.push(pid);
		b.tasks.push(pid);
		const key = `${a.id}|${b.id}`;
		let cs = csetByPair.get(key);
		if (cs === undefined) {
			cs = {
				id: csetByPair.size + 1,
				refcount: 0,
				links: [
					{ hierarchy: 0, cgroup: a.id },
					{ hierarchy: 3, cgroup: b.id },
				],
				tasks: [],
			};
			csetByPair.set(key, cs);
		}
		cs.tasks.push(pid);
		cs.refcount++;
		taskViews.push({ pid, comm: i === 0 ? "init" : "sh", cset: cs.id });
	}
	for (const c of all2) c.values["pids.current"] = String(c.tasks.length);
	const hierarchies: HierarchyView[] = [
		{
			id: 0,
			name: "",
			controllers: ["cpuset", "cpu", "memory", "pids"],
			mounts: ["/sys/fs/cgroup"],
			root: root2 as CgroupView,
		},
		{
			id: 3,
			name: "memory",
			controllers: ["memory"],
			mounts: ["/sys/fs/cgroup/memory"],
			root: root1 as CgroupView,
		},
	];
	return {
		seq,
		timeNs: seq * 1_000_000,
		hierarchies,
		csets: [...csetByPair.values()],
		tasks: taskViews,
	};
}
