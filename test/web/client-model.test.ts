import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { EventGate } from "../../src/web/client/model/events.ts";
import { LatticeLayoutCache, latticeModel } from "../../src/web/client/model/lattice.ts";
import { SampleRing, sampleSeries, shownKeys } from "../../src/web/client/model/samples.ts";
import { markOf, relatedTo, stableRelated } from "../../src/web/client/model/selection.ts";
import { eventMark, TimelineQueue, timelineRows } from "../../src/web/client/model/timeline.ts";
import { cappedTasks, cgroupRowHash, visibleRows } from "../../src/web/client/model/tree.ts";
import { perfFixture } from "../../src/web/client/perf-fixture.ts";
import type { KernelEventView, StateView } from "../../src/web/protocol.ts";

const leaf = (id: string, path: string, tasks: number[]) => ({
	id,
	path,
	tasks,
	values: {},
	children: [],
});
const STATE: StateView = {
	seq: 3,
	timeNs: 0,
	hierarchies: [
		{
			id: 0,
			name: "",
			controllers: [],
			mounts: [],
			root: { id: "0:1", path: "/", tasks: [1], values: {}, children: [leaf("0:2", "/a", [2, 3])] },
		},
		{
			id: 2,
			name: "memory",
			controllers: ["memory"],
			mounts: [],
			root: { id: "2:1", path: "/", tasks: [1, 2, 3], values: {}, children: [] },
		},
	],
	csets: [
		{
			id: 1,
			refcount: 1,
			links: [
				{ hierarchy: 0, cgroup: "0:1" },
				{ hierarchy: 2, cgroup: "2:1" },
			],
			tasks: [1],
		},
		{
			id: 4,
			refcount: 2,
			links: [
				{ hierarchy: 0, cgroup: "0:2" },
				{ hierarchy: 2, cgroup: "2:1" },
			],
			tasks: [2, 3],
		},
	],
	tasks: [
		{ pid: 1, comm: "init", cset: 1 },
		{ pid: 2, comm: "sh", cset: 4 },
		{ pid: 3, comm: "sleep", cset: 4 },
	],
};

const ev = (
	seq: number,
	kind: KernelEventView["kind"] = "fork",
	phase?: string,
	migration?: number,
): KernelEventView => ({
	seq,
	timeNs: seq,
	kind,
	text: `${kind} ${seq}`,
	...(phase !== undefined ? { phase } : {}),
	...(migration !== undefined ? { migration } : {}),
});

describe("tree model", () => {
	it("shows only expanded subtrees, pre-order with depths", () => {
		const h = STATE.hierarchies[0]!;
		assert.deepEqual(
			visibleRows(h, new Set()).map((r) => [r.cgroup.id, r.depth, r.expanded]),
			[["0:1", 0, false]],
		);
		assert.deepEqual(
			visibleRows(h, new Set(["0:1"])).map((r) => [r.cgroup.id, r.depth]),
			[
				["0:1", 0],
				["0:2", 1],
			],
		);
	});
	it("row hash changes with values and tasks, not with identity", () => {
		const a = leaf("0:2", "/a", [2]);
		assert.equal(cgroupRowHash(a), cgroupRowHash(JSON.parse(JSON.stringify(a))));
		assert.notEqual(cgroupRowHash(a), cgroupRowHash({ ...a, tasks: [2, 3] }));
		assert.notEqual(cgroupRowHash(a), cgroupRowHash({ ...a, values: { "pids.max": "5" } }));
	});
	it("caps the task list", () => {
		const tasks = Array.from({ length: 250 }, (_, i) => i + 1);
		const c = cappedTasks(tasks, 200);
		assert.equal(c.shown.length, 200);
		assert.equal(c.more, 50);
		assert.deepEqual(cappedTasks([1, 2], 200), { shown: [1, 2], more: 0 });
	});
});

describe("lattice model", () => {
	it("has one edge per link and only linked cgroups", () => {
		const m = latticeModel(STATE);
		assert.deepEqual(
			m.edges.map((e) => `${e.cset}:${e.cgroup}`),
			["1:0:1", "1:2:1", "4:0:2", "4:2:1"],
		);
		assert.deepEqual(
			m.cgroups.map((c) => c.id),
			["0:1", "0:2", "2:1"],
		);
		assert.deepEqual(
			m.csets.map((c) => [c.id, c.refcount]),
			[
				[1, 1],
				[4, 2],
			],
		);
	});
	it("recomputes the layout only when the structure changes", () => {
		const cache = new LatticeLayoutCache();
		const l1 = cache.get(latticeModel(STATE));
		const l2 = cache.get(
			latticeModel({
				...STATE,
				csets: STATE.csets.map((c) => ({ ...c, refcount: c.refcount + 1 })),
			}),
		);
		assert.equal(l1, l2);
		assert.equal(cache.computations, 1);
		cache.get(latticeModel({ ...STATE, csets: [STATE.csets[0]!] }));
		assert.equal(cache.computations, 2);
		assert.equal(l1.engine, "dagre");
		assert.ok(l1.nodes.has("s1") && l1.nodes.has("g0:2"));
	});
});

describe("selection", () => {
	it("task -> its css_set and that css_set's cgroups", () => {
		const r = relatedTo(STATE, { kind: "task", pid: 2 });
		assert.deepEqual([...r.csets], [4]);
		assert.deepEqual([...r.cgroups].sort(), ["0:2", "2:1"]);
		assert.deepEqual([...r.pids], []);
	});
	it("cgroup -> linked css_sets and their tasks", () => {
		const r = relatedTo(STATE, { kind: "cgroup", id: "2:1" });
		assert.deepEqual([...r.csets].sort(), [1, 4]);
		assert.deepEqual([...r.pids].sort(), [1, 2, 3]);
		assert.deepEqual([...r.cgroups], []);
	});
	it("css_set -> its cgroups and tasks; marks", () => {
		const sel = { kind: "cset", id: 4 } as const;
		const r = relatedTo(STATE, sel);
		assert.deepEqual([...r.cgroups].sort(), ["0:2", "2:1"]);
		assert.deepEqual([...r.pids].sort(), [2, 3]);
		assert.equal(markOf(sel, r, { kind: "cset", id: 4 }), "selected");
		assert.equal(markOf(sel, r, { kind: "task", pid: 3 }), "related");
		assert.equal(markOf(sel, r, { kind: "task", pid: 1 }), "");
		assert.equal(markOf(sel, r, { kind: "cgroup", id: "0:1" }), "");
	});
	it("every task is related to exactly the cgroups of its css_set (property)", () => {
		const s = perfFixture(50, 300);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 300 }), (pid) => {
				const t = s.tasks.find((x) => x.pid === pid)!;
				const cs = s.csets.find((c) => c.id === t.cset)!;
				const r = relatedTo(s, { kind: "task", pid });
				assert.deepEqual([...r.cgroups].sort(), cs.links.map((l) => l.cgroup).sort());
			}),
		);
	});
});

describe("stable related", () => {
	it("keeps the old object when a new state relates the same things, and takes the new one otherwise", () => {
		const a = relatedTo(STATE, { kind: "cgroup", id: "0:2" });
		const same = relatedTo(STATE, { kind: "cgroup", id: "0:2" });
		assert.notEqual(a, same);
		assert.equal(stableRelated(a, same), a);
		const other = relatedTo(STATE, { kind: "task", pid: 1 });
		assert.equal(stableRelated(a, other), other);
	});
});

describe("timeline queue", () => {
	it("queues while paused, steps one at a time, resume flushes", () => {
		const q = new TimelineQueue();
		q.push(ev(1));
		q.pause();
		q.push(ev(2));
		q.push(ev(3));
		assert.deepEqual(
			q.events.map((e) => e.seq),
			[1],
		);
		assert.equal(q.queued, 2);
		assert.equal(q.step()?.seq, 2);
		assert.deepEqual(
			q.events.map((e) => e.seq),
			[1, 2],
		);
		q.resume();
		assert.deepEqual(
			q.events.map((e) => e.seq),
			[1, 2, 3],
		);
		assert.equal(q.step(), null);
	});
	it("ignores seqs already seen and keeps the newest cap", () => {
		const q = new TimelineQueue(3);
		for (const s of [1, 2, 2, 3, 1, 4, 5]) q.push(ev(s));
		assert.deepEqual(
			q.events.map((e) => e.seq),
			[3, 4, 5],
		);
	});
	it("indents the later events of a migration under its first, by migration id", () => {
		const rows = timelineRows([
			ev(1),
			ev(2, "migrate", "prepare", 7),
			ev(3, "migrate", "can-attach", 7),
			ev(4, "attach", undefined, 7),
			ev(5, "exit"),
			ev(6, "migrate", "commit", 7),
			ev(7, "migrate", "commit", 8),
			ev(8, "migrate", "attach", 8),
			ev(9, "migrate", "prepare"),
		]);
		assert.deepEqual(
			rows.map((r) => r.depth),
			[0, 0, 1, 1, 0, 1, 0, 1, 0],
		);
	});
});

describe("timeline marks", () => {
	it("marks the selected migration's events, and events touching what is selected or related", () => {
		const attach: KernelEventView = {
			...ev(4, "attach", undefined, 7),
			pids: [3],
			cgroups: ["2:5", "2:6"],
		};
		const other: KernelEventView = { ...ev(5, "fork"), pids: [1, 9] };
		const nothing = {
			pids: new Set<number>(),
			cgroups: new Set<string>(),
			csets: new Set<number>(),
		};
		assert.equal(eventMark(attach, 7, null, nothing), "selected");
		assert.equal(eventMark(attach, 8, null, nothing), "");
		assert.equal(eventMark(attach, null, { kind: "task", pid: 3 }, nothing), "related");
		assert.equal(eventMark(attach, null, { kind: "cgroup", id: "2:6" }, nothing), "related");
		assert.equal(eventMark(other, null, { kind: "cgroup", id: "2:6" }, nothing), "");
		const rel = { ...nothing, pids: new Set([9]) };
		assert.equal(eventMark(other, null, { kind: "cset", id: 4 }, rel), "related");
	});
});

describe("samples and events", () => {
	it("ring keeps the last capacity samples, aligned, null where missing", () => {
		const r = new SampleRing(3);
		r.push(1, { a: 1 });
		r.push(2, { a: 2, b: 20 });
		r.push(3, { b: 30 });
		assert.deepEqual(r.data(), [
			[1, 2, 3],
			[1, 2, null],
			[null, 20, 30],
		]);
		r.push(4, { b: 40 });
		r.push(5, { b: 50 });
		assert.deepEqual(r.keys(), ["b"]);
		assert.deepEqual(r.data(), [
			[3, 4, 5],
			[30, 40, 50],
		]);
		// A second sample at the same time replaces the last one.
		r.push(5, { b: 55, c: 1 });
		assert.deepEqual(r.data(), [
			[3, 4, 5],
			[30, 40, 55],
			[null, null, 1],
		]);
	});
	it("a chart with many cgroups draws the selected one and the largest, each with all its series", () => {
		const r = new SampleRing(10);
		r.push(1, {
			"1:/a usage": 5,
			"1:/a limit": 100,
			"1:/b usage": 50,
			"1:/c usage": 30,
			"1:/d usage": 1,
		});
		assert.deepEqual(shownKeys(r, 4, null), r.keys());
		// Ranked by usage, not by limit: /b and /c are the largest.
		assert.deepEqual(shownKeys(r, 2, null), ["1:/b usage", "1:/c usage"]);
		assert.deepEqual(shownKeys(r, 2, "1:/a"), ["1:/a limit", "1:/a usage", "1:/b usage"]);
		assert.deepEqual(r.data(["1:/b usage", "1:/x usage"]), [[1], [50], [null]]);
		// /a overtakes /c a little: the cgroups drawn stay; by half again, /a comes in.
		const before = new Set(["1:/b", "1:/c"]);
		r.push(2, { "1:/a usage": 40, "1:/b usage": 50, "1:/c usage": 30 });
		assert.deepEqual(shownKeys(r, 2, null), ["1:/a limit", "1:/a usage", "1:/b usage"]);
		assert.deepEqual(shownKeys(r, 2, null, before), ["1:/b usage", "1:/c usage"]);
		r.push(3, { "1:/a usage": 46, "1:/b usage": 50, "1:/c usage": 30 });
		assert.deepEqual(shownKeys(r, 2, null, before), ["1:/a limit", "1:/a usage", "1:/b usage"]);
	});
	it("splits memory into usage and limit series", () => {
		const s = sampleSeries({
			timeNs: 1,
			memory: { "0:2": { usage: 5, limit: null } },
			cpu: { "0:2": 7 },
			pids: {},
		});
		assert.deepEqual(s.memory, { "0:2 usage": 5, "0:2 limit": null });
		assert.deepEqual(s.cpu, { "0:2": 7 });
	});
	it("the gate admits each id once, in increasing order", () => {
		const g = new EventGate();
		assert.deepEqual(
			["1", "2", "2", "1", "3"].map((id) => g.admit(id)),
			[true, true, false, false, true],
		);
		assert.equal(g.lastEventId, 3);
	});
});

describe("perf fixture", () => {
	it("has the asked-for cgroup and task counts and consistent css_sets", () => {
		const s = perfFixture(1000, 10000);
		let count = 0;
		const walk = (c: { children: readonly unknown[] }): void => {
			count++;
			for (const k of c.children) walk(k as { children: readonly unknown[] });
		};
		walk(s.hierarchies[0]!.root);
		assert.equal(count, 1000);
		assert.equal(s.tasks.length, 10000);
		assert.equal(
			s.csets.reduce((n, c) => n + c.tasks.length, 0),
			10000,
		);
		for (const c of s.csets) assert.equal(c.refcount, c.tasks.length);
	});
});
