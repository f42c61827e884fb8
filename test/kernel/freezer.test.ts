/**
 * The v1 freezer (kernel/cgroup/legacy_freezer.c): files, the state
 * machine over a hierarchy, attach and fork, /proc's view of a frozen task,
 * and a fatal signal to a frozen process taking effect at the thaw.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { SIGKILL, SIGTERM } from "../../src/kernel/signal.ts";
import type { Task } from "../../src/kernel/task.ts";
import { taskStateText } from "../../src/kernel/task-state.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const F = "/sys/fs/cgroup/freezer";

function setup(): TestHost {
	const h = new TestHost();
	for (const d of ["a", "a/b", "a/b/c", "a/d"]) h.mkdir(`${F}/${d}`);
	return h;
}

const state = (h: TestHost, cg: string): string => h.read(`${F}/${cg}/freezer.state`).trimEnd();
const self = (h: TestHost, cg: string): string =>
	h.read(`${F}/${cg}/freezer.self_freezing`).trimEnd();
const parent = (h: TestHost, cg: string): string =>
	h.read(`${F}/${cg}/freezer.parent_freezing`).trimEnd();

/** Exited (zombie, or already reaped by init). */
const dead = (t: Task): boolean => t.exitState !== 0 || t.released;

function inCgroup(h: TestHost, cg: string): Task {
	const t = h.spawn();
	h.write(`${F}/${cg}/cgroup.procs`, String(t.pid));
	return t;
}

describe("freezer files", () => {
	it("the root has none; a child has state, self_freezing, parent_freezing", () => {
		const h = setup();
		assert.deepEqual(
			h.ls(F).filter((n) => n.startsWith("freezer.")),
			[],
		);
		assert.equal(h.vfs.stat(h.init, `${F}/a/freezer.state`).mode & 0o777, 0o644);
		assert.equal(h.vfs.stat(h.init, `${F}/a/freezer.self_freezing`).mode & 0o777, 0o444);
		assert.equal(h.vfs.stat(h.init, `${F}/a/freezer.parent_freezing`).mode & 0o777, 0o444);
		assert.deepEqual([state(h, "a"), self(h, "a"), parent(h, "a")], ["THAWED", "0", "0"]);
	});

	for (const input of ["FROZEN", "FROZEN\n", " FROZEN ", "FROZEN\n\n"]) {
		it(`accepts ${JSON.stringify(input)}`, () => {
			const h = setup();
			h.write(`${F}/a/freezer.state`, input);
			assert.deepEqual([state(h, "a"), self(h, "a")], ["FROZEN", "1"]);
			h.write(`${F}/a/freezer.state`, "THAWED\n");
			assert.deepEqual([state(h, "a"), self(h, "a")], ["THAWED", "0"]);
		});
	}

	for (const input of [
		"FREEZING",
		"frozen",
		"thawed",
		"\n",
		"x",
		"FROZENX",
		"FROZEN THAWED",
		"1",
	]) {
		it(`refuses ${JSON.stringify(input)} with EINVAL and changes nothing`, () => {
			const h = setup();
			h.write(`${F}/a/b/freezer.state`, "FROZEN");
			assertErrno(() => h.write(`${F}/a/freezer.state`, input), "EINVAL");
			assertErrno(() => h.write(`${F}/a/b/freezer.state`, input), "EINVAL");
			assert.deepEqual([state(h, "a"), state(h, "a/b"), self(h, "a/b")], ["THAWED", "FROZEN", "1"]);
		});
	}
});

describe("freezer states", () => {
	it("freezing a parent freezes the subtree; thawing it keeps self-frozen children frozen", () => {
		const h = setup();
		const t = inCgroup(h, "a/b/c");
		h.write(`${F}/a/freezer.state`, "FROZEN");
		assert.equal(t.frozen, true);
		assert.equal(taskStateText(t), "D (disk sleep)");
		for (const cg of ["a/b", "a/b/c", "a/d"]) {
			assert.deepEqual([state(h, cg), self(h, cg), parent(h, cg)], ["FROZEN", "0", "1"], cg);
		}
		h.write(`${F}/a/b/freezer.state`, "FROZEN");
		h.write(`${F}/a/freezer.state`, "THAWED");
		assert.deepEqual(
			[state(h, "a"), state(h, "a/b"), state(h, "a/b/c"), state(h, "a/d")],
			["THAWED", "FROZEN", "FROZEN", "THAWED"],
		);
		assert.deepEqual([self(h, "a/b"), parent(h, "a/b"), parent(h, "a/b/c")], ["1", "0", "1"]);
		assert.equal(t.frozen, true);
		h.write(`${F}/a/b/freezer.state`, "THAWED");
		assert.equal(t.frozen, false);
		assert.equal(taskStateText(t), "R (running)");
		h.check();
	});

	it("a new child of a freezing cgroup starts FROZEN with parent_freezing", () => {
		const h = setup();
		h.write(`${F}/a/freezer.state`, "FROZEN");
		h.mkdir(`${F}/a/e`);
		assert.deepEqual([state(h, "a/e"), self(h, "a/e"), parent(h, "a/e")], ["FROZEN", "0", "1"]);
		h.write(`${F}/a/freezer.state`, "THAWED");
		assert.deepEqual([state(h, "a/e"), parent(h, "a/e")], ["THAWED", "0"]);
	});

	it("a cgroup is FREEZING while a task in it is not frozen yet (the writer, until it returns)", () => {
		const h = setup();
		const t = inCgroup(h, "a/b");
		h.write(`${F}/a/freezer.state`, "FROZEN");
		// Model the writer that has not reached user space yet.
		t.frozen = false;
		assert.deepEqual([state(h, "a"), state(h, "a/b")], ["FREEZING", "FREEZING"]);
		t.frozen = true;
		assert.deepEqual([state(h, "a"), state(h, "a/b")], ["FROZEN", "FROZEN"]);
	});

	it("moving in freezes, moving out thaws; the frozen cgroup stays FROZEN", () => {
		const h = setup();
		h.write(`${F}/a/b/freezer.state`, "FROZEN");
		const t = inCgroup(h, "a/b");
		assert.equal(t.frozen, true);
		assert.equal(state(h, "a/b"), "FROZEN");
		h.write(`${F}/a/d/tasks`, String(t.pid));
		assert.equal(t.frozen, false);
		h.write(`${F}/a/b/tasks`, String(t.pid));
		assert.equal(t.frozen, true);
		h.check();
	});

	it("a child forked in a freezing cgroup is frozen; one forked in the root is not", () => {
		const h = setup();
		const t = inCgroup(h, "a");
		h.write(`${F}/a/freezer.state`, "FROZEN");
		assert.equal(h.kernel.fork(t).frozen, true);
		assert.equal(h.spawn().frozen, false);
	});

	it("a fatal signal leaves a frozen process in its cgroup until the thaw", () => {
		const h = setup();
		for (const sig of [SIGKILL, SIGTERM]) {
			const t = inCgroup(h, "a/b");
			h.write(`${F}/a/b/freezer.state`, "FROZEN");
			h.kernel.sendSignal(t, sig);
			assert.equal(t.exitState, 0);
			assert.equal(h.read(`${F}/a/b/tasks`), `${t.pid}\n`);
			assert.equal(taskStateText(t), "D (disk sleep)");
			h.write(`${F}/a/b/freezer.state`, "THAWED");
			assert.ok(dead(t), "dies at the thaw");
			assert.equal(t.exitCode & 0x7f, sig);
			assert.equal(h.read(`${F}/a/b/tasks`), "");
		}
		h.check();
	});

	it("a frozen process moved to a thawed cgroup after a kill dies there", () => {
		const h = setup();
		const t = inCgroup(h, "a/b");
		h.write(`${F}/a/b/freezer.state`, "FROZEN");
		h.kernel.sendSignal(t, SIGKILL);
		h.write(`${F}/a/d/cgroup.procs`, String(t.pid));
		assert.ok(dead(t));
	});

	it("property: after any operations, each state follows update_if_frozen", () => {
		const cgs = ["a", "a/b", "a/b/c", "a/d"];
		const op = fc.oneof(
			fc.record({
				k: fc.constant("write" as const),
				cg: fc.constantFrom(...cgs),
				v: fc.constantFrom("FROZEN", "THAWED"),
			}),
			fc.record({ k: fc.constant("move" as const), i: fc.nat(), cg: fc.constantFrom(...cgs) }),
			fc.record({ k: fc.constant("spawn" as const), cg: fc.constantFrom(...cgs) }),
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
				const h = setup();
				const tasks: Task[] = [];
				const selfF = new Set<string>();
				for (const o of ops) {
					if (o.k === "write") {
						h.write(`${F}/${o.cg}/freezer.state`, o.v);
						if (o.v === "FROZEN") selfF.add(o.cg);
						else selfF.delete(o.cg);
					} else if (o.k === "spawn") tasks.push(inCgroup(h, o.cg));
					else if (tasks.length > 0) {
						h.write(`${F}/${o.cg}/cgroup.procs`, String(tasks[o.i % tasks.length]!.pid));
					}
					const freezingCg = (cg: string): boolean =>
						cgs.some((c) => selfF.has(c) && (cg === c || cg.startsWith(`${c}/`)));
					for (const cg of cgs) {
						const expected = freezingCg(cg) ? "FROZEN" : "THAWED";
						assert.equal(state(h, cg), expected, cg);
						assert.equal(self(h, cg), selfF.has(cg) ? "1" : "0");
						const parentCg = cg.includes("/") ? cg.slice(0, cg.lastIndexOf("/")) : null;
						assert.equal(parent(h, cg), parentCg !== null && freezingCg(parentCg) ? "1" : "0");
					}
					for (const t of tasks) {
						const cg = h.read(`/proc/${t.pid}/cgroup`).match(/freezer:\/(.*)$/m)![1]!;
						assert.equal(t.frozen, freezingCg(cg), `task in ${cg}`);
					}
				}
			}),
			{ numRuns: 60 },
		);
	});
});
