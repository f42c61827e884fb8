/**
 * The pids controller (kernel/cgroup/pids.c): files and their parser, the
 * hierarchical charge, the fork limit with its events and log line, and the
 * charge moving with migration and leaving at release (reap).
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PIDS_MAX } from "../../src/kernel/cgroup/controllers/pids.ts";
import {
	CLONE_FILES,
	CLONE_FS,
	CLONE_SIGHAND,
	CLONE_THREAD,
	CLONE_VM,
} from "../../src/kernel/fork.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { checkPidsProperty } from "../support/pids-property.ts";

const P = "/sys/fs/cgroup/pids";

function setup(): TestHost {
	const h = new TestHost();
	h.mkdir(`${P}/a`);
	h.mkdir(`${P}/a/b`);
	h.mkdir(`${P}/a/c`);
	return h;
}

function current(h: TestHost, cg: string): number {
	return Number(h.read(`${P}/${cg}/pids.current`));
}

function move(h: TestHost, t: Task, cg: string): void {
	h.write(`${P}/${cg}/cgroup.procs`, String(t.pid));
}

const THREAD = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;

describe("pids files", () => {
	it("the root has none; a child has max, current, peak, events with their modes and defaults", () => {
		const h = setup();
		assert.deepEqual(
			h.ls(P).filter((n) => n.startsWith("pids.")),
			[],
		);
		const files = h.ls(`${P}/a`).filter((n) => n.startsWith("pids."));
		assert.deepEqual(files.sort(), ["pids.current", "pids.events", "pids.max", "pids.peak"]);
		assert.equal(h.vfs.stat(h.init, `${P}/a/pids.max`).mode & 0o777, 0o644);
		for (const f of ["current", "events", "peak"]) {
			assert.equal(h.vfs.stat(h.init, `${P}/a/pids.${f}`).mode & 0o777, 0o444);
		}
		assert.equal(h.read(`${P}/a/pids.max`), "max\n");
		assert.equal(h.read(`${P}/a/pids.current`), "0\n");
		assert.equal(h.read(`${P}/a/pids.peak`), "0\n");
		assert.equal(h.read(`${P}/a/pids.events`), "max 0\n");
	});

	const accepted: [string, string][] = [
		["0", "0"],
		["5\n", "5"],
		["max", "max"],
		["max \n", "max"],
		["010", "8"],
		["0x10", "16"],
		["+8", "8"],
		[" 7 ", "7"],
		["  12\t\n", "12"],
		[String(PIDS_MAX - 1), "4194304"],
	];
	for (const [input, shown] of accepted) {
		it(`pids.max accepts ${JSON.stringify(input)} as ${shown}`, () => {
			const h = setup();
			h.write(`${P}/a/pids.max`, input);
			assert.equal(h.read(`${P}/a/pids.max`), `${shown}\n`);
		});
	}

	const rejected: [string, string][] = [
		["-1", "EINVAL"],
		["-0x1", "EINVAL"],
		[String(PIDS_MAX), "EINVAL"],
		["99999999999", "EINVAL"],
		["99999999999999999999", "ERANGE"],
		["abc", "EINVAL"],
		["\n", "EINVAL"],
		["MAX", "EINVAL"],
		["1 2", "EINVAL"],
		["5k", "EINVAL"],
		["0x", "EINVAL"],
		["max max", "EINVAL"],
		["08", "EINVAL"],
	];
	for (const [input, errno] of rejected) {
		it(`pids.max refuses ${JSON.stringify(input)} with ${errno} and keeps its value`, () => {
			const h = setup();
			h.write(`${P}/a/pids.max`, "42");
			assertErrno(() => h.write(`${P}/a/pids.max`, input), errno);
			assert.equal(h.read(`${P}/a/pids.max`), "42\n");
		});
	}

	it("current, peak and events have no write handler: EINVAL even for root", () => {
		const h = setup();
		for (const f of ["current", "peak", "events"]) {
			assertErrno(() => h.write(`${P}/a/pids.${f}`, "1"), "EINVAL");
		}
	});
});

describe("pids charging", () => {
	it("counts threads and processes hierarchically, and a zombie until it is reaped", () => {
		const h = setup();
		const p = h.spawn();
		move(h, p, "a/b");
		assert.deepEqual([current(h, "a"), current(h, "a/b"), current(h, "a/c")], [1, 1, 0]);
		const th = h.kernel.fork(p, { flags: THREAD });
		const child = h.kernel.fork(p);
		assert.deepEqual([current(h, "a"), current(h, "a/b")], [3, 3]);
		h.kernel.exit(th, 0);
		assert.equal(current(h, "a/b"), 2, "a thread is released at exit");
		h.kernel.exitGroup(child, 0);
		assert.equal(current(h, "a/b"), 2, "a zombie still counts");
		assert.notEqual(h.kernel.waitReap(p, child.pid), null);
		assert.equal(current(h, "a/b"), 1);
		move(h, p, "a/c");
		assert.deepEqual([current(h, "a"), current(h, "a/b"), current(h, "a/c")], [1, 0, 1]);
		assert.equal(h.read(`${P}/a/pids.peak`), "3\n");
		assert.equal(h.read(`${P}/a/c/pids.peak`), "1\n");
		h.check();
	});

	it("a fork past pids.max fails with EAGAIN and leaves nothing behind", () => {
		const h = setup();
		const p = h.spawn();
		move(h, p, "a/b");
		h.write(`${P}/a/b/pids.max`, "2");
		h.kernel.fork(p);
		const before = h.kernel.processes.size;
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assertErrno(() => h.kernel.fork(p, { flags: THREAD }), "EAGAIN");
		assert.equal(h.kernel.processes.size, before);
		assert.equal(current(h, "a/b"), 2);
		assert.equal(h.read(`${P}/a/b/pids.events`), "max 2\n");
		h.check();
	});

	it("an ancestor's limit stops the fork; v1 events count where the fork happened; peaks keep the attempt", () => {
		const h = setup();
		h.write(`${P}/a/pids.max`, "2");
		const q = h.spawn();
		move(h, q, "a/c");
		const p = h.spawn();
		move(h, p, "a/b");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assert.equal(h.read(`${P}/a/pids.events`), "max 0\n");
		assert.equal(h.read(`${P}/a/b/pids.events`), "max 1\n");
		assert.equal(h.read(`${P}/a/c/pids.events`), "max 0\n");
		assert.deepEqual([current(h, "a"), current(h, "a/b")], [2, 1]);
		// pids_try_charge() charged b before a refused: b's watermark saw 2.
		assert.equal(h.read(`${P}/a/b/pids.peak`), "2\n");
		assert.equal(h.read(`${P}/a/pids.peak`), "2\n");
	});

	it("logs the first rejection of each forking cgroup once", () => {
		const h = setup();
		const p = h.spawn();
		move(h, p, "a/b");
		h.write(`${P}/a/b/pids.max`, "1");
		const count = () =>
			h.kernel.log.filter((r) => r.text === "cgroup: fork rejected by pids controller in /a/b")
				.length;
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assert.equal(count(), 1);
	});

	it("migration is not limited: current may pass max, and a max below current is accepted", () => {
		const h = setup();
		h.write(`${P}/a/pids.max`, "1");
		const ts = [h.spawn(), h.spawn(), h.spawn()];
		for (const t of ts) move(h, t, "a");
		assert.equal(current(h, "a"), 3);
		h.write(`${P}/a/pids.max`, "0");
		assert.equal(h.read(`${P}/a/pids.max`), "0\n");
		assertErrno(() => h.kernel.fork(ts[0]!), "EAGAIN");
		h.write(`${P}/a/pids.max`, "max");
		h.kernel.fork(ts[0]!);
		assert.equal(current(h, "a"), 4);
		h.check();
	});

	it("property: current equals the unreleased tasks below, and no fork passes a limit", () => {
		checkPidsProperty({
			setup,
			cgs: ["a", "a/b", "a/c"],
			leaves: ["a", "a/b", "a/c"],
			move: (h, t, cg) => h.write(`${P}/${cg}/tasks`, String(t.pid)),
			setMax: (h, cg, v) => h.write(`${P}/${cg}/pids.max`, v),
			current,
			cgOf: (h, t) => {
				const root = h.kernel.cgroup.subsys.find((ss) => ss.name === "pids")!.root;
				return t.cgroups!.cgroupOn(root.cgrp).path().slice(1);
			},
			maxOps: 60,
			runs: 60,
		});
	});
});
