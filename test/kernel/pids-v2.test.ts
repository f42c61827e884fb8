/**
 * The pids controller on cgroup2 (kernel/cgroup/pids.c, pids_files[]): the
 * five files, pids.events counting refused forks where the limit was hit
 * and in every ancestor below the root, pids.events.local where the limit
 * was hit only, pids_localevents switching both to the forking cgroup's
 * own failures, effective csses charging a task to the nearest ancestor
 * with the controller, and the scenarios of the kernel's
 * tools/testing/selftests/cgroup/test_pids.c.
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
import { newSystem, runProgram } from "../support/userland.ts";

const R = "/sys/fs/cgroup";
const THREAD = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;

/**
 * A v2 host: the root enables pids, a enables it for b and c, and b/x has
 * no pids css (b does not enable it), so x's tasks are charged to b.
 */
function setup(): TestHost {
	const h = new TestHost({ layout: "v2" });
	h.write(`${R}/cgroup.subtree_control`, "+pids");
	h.mkdir(`${R}/a`);
	h.write(`${R}/a/cgroup.subtree_control`, "+pids");
	for (const c of ["a/b", "a/c", "a/b/x"]) h.mkdir(`${R}/${c}`);
	return h;
}

function read(h: TestHost, cg: string, file: string): string {
	return h.read(`${R}/${cg}/${file}`);
}

function current(h: TestHost, cg: string): number {
	return Number(read(h, cg, "pids.current"));
}

function move(h: TestHost, t: Task, cg: string): void {
	h.write(`${R}/${cg}/cgroup.procs`, String(t.pid));
}

describe("pids files on cgroup2", () => {
	it("the root has none; a child has max, current, peak, events, events.local with their modes and defaults", () => {
		const h = setup();
		assert.deepEqual(
			h.ls(R).filter((n) => n.startsWith("pids.")),
			[],
		);
		const want: [string, number, string][] = [
			["pids.current", 0o444, "0\n"],
			["pids.events", 0o444, "max 0\n"],
			["pids.events.local", 0o444, "max 0\n"],
			["pids.max", 0o644, "max\n"],
			["pids.peak", 0o444, "0\n"],
		];
		const files = h.ls(`${R}/a/b`).filter((n) => n.startsWith("pids."));
		assert.deepEqual(
			files.sort(),
			want.map(([f]) => f),
		);
		for (const [f, mode, content] of want) {
			assert.equal(h.vfs.stat(h.init, `${R}/a/b/${f}`).mode & 0o777, mode, f);
			assert.equal(read(h, "a/b", f), content, f);
		}
		assert.deepEqual(
			h.ls(`${R}/a/b/x`).filter((n) => n.startsWith("pids.")),
			[],
			"no files where the parent does not enable pids",
		);
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
		[String(PIDS_MAX - 1), "4194304"],
	];
	for (const [input, shown] of accepted) {
		it(`pids.max accepts ${JSON.stringify(input)} as ${shown}`, () => {
			const h = setup();
			h.write(`${R}/a/pids.max`, input);
			assert.equal(read(h, "a", "pids.max"), `${shown}\n`);
		});
	}

	const rejected: [string, string][] = [
		["-1", "EINVAL"],
		[String(PIDS_MAX), "EINVAL"],
		["abc", "EINVAL"],
		["max1", "EINVAL"],
		["1 2", "EINVAL"],
		["9223372036854775808", "ERANGE"],
		["\n", "EINVAL"],
	];
	for (const [input, errno] of rejected) {
		it(`pids.max refuses ${JSON.stringify(input)} with ${errno} and keeps its value`, () => {
			const h = setup();
			h.write(`${R}/a/pids.max`, "3");
			assertErrno(() => h.write(`${R}/a/pids.max`, input), errno);
			assert.equal(read(h, "a", "pids.max"), "3\n");
		});
	}

	it("current, peak, events and events.local have no write handler: EINVAL", () => {
		const h = setup();
		for (const f of ["current", "peak", "events", "events.local"]) {
			assertErrno(() => h.write(`${R}/a/pids.${f}`, "1"), "EINVAL", f);
		}
	});
});

describe("pids charging on cgroup2", () => {
	it("charges a task in a cgroup without pids to the nearest ancestor that has it", () => {
		const h = setup();
		const p = h.spawn();
		move(h, p, "a/b/x");
		h.kernel.fork(p, { flags: THREAD });
		assert.deepEqual([current(h, "a"), current(h, "a/b"), current(h, "a/c")], [2, 2, 0]);
		h.write(`${R}/a/b/pids.max`, "2");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assert.equal(read(h, "a/b", "pids.events"), "max 1\n");
		h.check();
	});

	it("counts a refused fork where the limit was hit and in its ancestors, not where it was forked", () => {
		const h = setup();
		h.write(`${R}/a/pids.max`, "2");
		const q = h.spawn();
		move(h, q, "a/c");
		const p = h.spawn();
		move(h, p, "a/b");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assertErrno(() => h.kernel.fork(q), "EAGAIN");
		assert.equal(read(h, "a", "pids.events"), "max 2\n");
		assert.equal(read(h, "a", "pids.events.local"), "max 2\n");
		for (const c of ["a/b", "a/c"]) {
			assert.equal(read(h, c, "pids.events"), "max 0\n", c);
			assert.equal(read(h, c, "pids.events.local"), "max 0\n", c);
		}
		// A limit below: b's own limit counts in b, and hierarchically in a.
		h.write(`${R}/a/pids.max`, "max");
		h.write(`${R}/a/b/pids.max`, "1");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assert.equal(read(h, "a/b", "pids.events"), "max 1\n");
		assert.equal(read(h, "a/b", "pids.events.local"), "max 1\n");
		assert.equal(read(h, "a", "pids.events"), "max 3\n");
		assert.equal(read(h, "a", "pids.events.local"), "max 2\n");
		// pids_try_charge() charged b before a refused: the peaks keep the attempt.
		assert.equal(read(h, "a/b", "pids.peak"), "2\n");
	});

	it("with pids_localevents both files show the forking cgroup's own refused forks", () => {
		const h = setup();
		h.mkdir("/tmp/c2");
		h.vfs.mount(h.init, "cgroup2", "/tmp/c2", "cgroup2", 0, "pids_localevents");
		h.write(`${R}/a/pids.max`, "1");
		const p = h.spawn();
		move(h, p, "a/b");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assert.equal(read(h, "a/b", "pids.events"), "max 2\n");
		assert.equal(read(h, "a/b", "pids.events.local"), "max 2\n");
		assert.equal(read(h, "a", "pids.events"), "max 0\n");
		assert.equal(read(h, "a", "pids.events.local"), "max 0\n");
	});

	it("notifies pollers of the events files that change", () => {
		const h = setup();
		const seen: string[] = [];
		h.kernel.cgroup.onFileNotify((cgrp, name) => {
			if (name.startsWith("pids.")) seen.push(`${cgrp.path()} ${name}`);
		});
		h.write(`${R}/a/b/pids.max`, "1");
		const p = h.spawn();
		move(h, p, "a/b");
		assertErrno(() => h.kernel.fork(p), "EAGAIN");
		assert.deepEqual(seen, ["/a/b pids.events.local", "/a/b pids.events", "/a pids.events"]);
	});

	it("counts threads and zombies until they are released; migration moves the charge unlimited", () => {
		const h = setup();
		const p = h.spawn();
		move(h, p, "a/b");
		const th = h.kernel.fork(p, { flags: THREAD });
		const child = h.kernel.fork(p);
		assert.deepEqual([current(h, "a"), current(h, "a/b")], [3, 3]);
		h.kernel.exit(th, 0);
		h.kernel.exitGroup(child, 0);
		assert.equal(current(h, "a/b"), 2, "a zombie still counts");
		assert.notEqual(h.kernel.waitReap(p, child.pid), null);
		assert.equal(current(h, "a/b"), 1);
		h.write(`${R}/a/c/pids.max`, "0");
		move(h, p, "a/c");
		assert.deepEqual([current(h, "a"), current(h, "a/b"), current(h, "a/c")], [1, 0, 1]);
		assert.equal(read(h, "a/b", "pids.peak"), "3\n");
		h.check();
	});

	it("property: current equals the unreleased tasks below, and no fork passes a limit", () => {
		checkPidsProperty({
			setup,
			cgs: ["a", "a/b", "a/c"],
			leaves: ["a/b", "a/c", "a/b/x"],
			move: (h, t, cg) => h.write(`${R}/${cg}/cgroup.procs`, String(t.pid)),
			setMax: (h, cg, v) => h.write(`${R}/${cg}/pids.max`, v),
			current,
			cgOf: (_h, t) => t.cgroups!.dflCgrp.path().slice(1),
			maxOps: 50,
			runs: 40,
		});
	});
});

describe("test_pids.c", () => {
	/**
	 * The selftest's C steps as a shell script; an inner shell plays the test
	 * process. The pause child is killed with SIGTERM: a background job of a
	 * non-interactive shell ignores SIGINT.
	 */
	function sh(script: string): { status: number; stdout: string; stderr: string } {
		const sys = newSystem({ layout: "v2" });
		return runProgram(sys, ["/bin/sh", "-c", script]);
	}

	it("test_pids_max: pids.max 2 lets the test process fork one child, and the next fork fails", () => {
		const r = sh(`
cd /sys/fs/cgroup
grep -qw pids cgroup.subtree_control || echo +pids > cgroup.subtree_control
mkdir pids_test
cat pids_test/pids.max
echo 2 > pids_test/pids.max
sh -c 'echo $$ > pids_test/cgroup.procs; sleep 1000 & echo $! > /tmp/pause; /bin/true; echo forked'
echo "test process: $?"
cat pids_test/pids.current pids_test/pids.events pids_test/pids.peak
kill $(cat /tmp/pause)
sleep 1
cat pids_test/pids.current
rmdir pids_test && echo destroyed
`);
		assert.equal(r.stderr, "sh: 1: Cannot fork\n");
		assert.equal(
			r.stdout,
			"max\ntest process: 2\n1\nmax 1\n2\n0\ndestroyed\n",
			"EAGAIN on the second fork (the shell's 'Cannot fork')",
		);
	});

	it("test_pids_events: the parent's limit counts in the parent's pids.events, not the child's", () => {
		const r = sh(`
cd /sys/fs/cgroup
mkdir pids_parent
echo +pids > pids_parent/cgroup.subtree_control
mkdir pids_parent/pids_child
echo 2 > pids_parent/pids.max
cat pids_parent/pids_child/pids.max
sh -c 'echo $$ > pids_parent/pids_child/cgroup.procs; sleep 1000 & echo $! > /tmp/pause; /bin/true'
echo "test process: $?"
kill $(cat /tmp/pause)
cat pids_parent/pids_child/pids.events pids_parent/pids.events
cat pids_parent/pids_child/pids.events.local pids_parent/pids.events.local
sleep 1
rmdir pids_parent/pids_child pids_parent && echo destroyed
`);
		assert.equal(r.stdout, "max\ntest process: 2\nmax 0\nmax 1\nmax 0\nmax 1\ndestroyed\n");
	});
});
