/**
 * The cpuset controller on cgroup2 (dfl_files[] of kernel/cgroup/cpuset.c):
 * the files, their defaults and errnos, effective-mask propagation, CPU
 * hotplug, partitions (checked against rows of the kernel selftest
 * test_cpuset_prs.sh, its test_isolated and test_inotify steps), and the
 * migration-permission rules of test_cpuset.c, on a v2-booted host.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { cpusetController } from "../../src/kernel/cgroup/controllers/cpuset.ts";
import type { CpusetController } from "../../src/kernel/cgroup/controllers/cpuset-core.ts";
import {
	cpusWithoutSchedDomain,
	generateSchedDomains,
} from "../../src/kernel/cgroup/controllers/cpuset-sched-domains.ts";
import {
	type Cpuset,
	CS_SCHED_LOAD_BALANCE,
} from "../../src/kernel/cgroup/controllers/cpuset-struct.ts";
import { bitmapListString } from "../../src/kernel/cpulist.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const R = "/sys/fs/cgroup";
const UID = 65534;

function v2(opts: { cpus?: number; nodes?: number } = {}): TestHost {
	return new TestHost({ layout: "v2", cpus: opts.cpus ?? 8, nodes: opts.nodes ?? 1 });
}

function ctlOf(h: TestHost): CpusetController {
	return cpusetController(h.kernel)!;
}

function cpusetOf(h: TestHost, path: string): Cpuset {
	const ctl = ctlOf(h);
	let found: Cpuset | null = null;
	ctl.walkPre(ctl.top!, (c) => {
		if (c.cgroup.path() === path) found = c;
		return found === null;
	});
	assert.ok(found, `no cpuset at ${path}`);
	return found;
}

function allowed(h: TestHost, t: Task, key = "Cpus_allowed_list"): string {
	const line = h
		.read(`/proc/${t.pid}/status`)
		.split("\n")
		.find((l) => l.startsWith(`${key}:`));
	return line?.split("\t")[1] ?? "";
}

/** A file's content without the newline (which the tests check separately). */
function rd(h: TestHost, path: string): string {
	const s = h.read(`${R}/${path}`);
	assert.ok(s.endsWith("\n"), `${path} ends with a newline`);
	return s.slice(0, -1);
}

function online(h: TestHost, cpu: number, on: boolean): void {
	h.write(`/sys/devices/system/cpu/cpu${cpu}/online`, on ? "1\n" : "0\n");
}

describe("cpuset cgroup2 files", () => {
	it("the root has cpus.effective, mems.effective and cpus.isolated, read-only", () => {
		const h = v2({ nodes: 2 });
		const files = h
			.ls(R)
			.filter((f) => f.startsWith("cpuset."))
			.sort();
		assert.deepEqual(files, [
			"cpuset.cpus.effective",
			"cpuset.cpus.isolated",
			"cpuset.mems.effective",
		]);
		for (const f of files) assert.equal(h.vfs.stat(h.init, `${R}/${f}`).mode & 0o777, 0o444, f);
		assert.equal(h.read(`${R}/cpuset.cpus.effective`), "0-7\n");
		assert.equal(h.read(`${R}/cpuset.mems.effective`), "0-1\n");
		assert.equal(h.read(`${R}/cpuset.cpus.isolated`), "\n");
		assert.equal(h.read(`${R}/cgroup.subtree_control`).split(" ").includes("cpuset"), true);
	});

	it("a child has the seven files of dfl_files[] with the kernel's modes and defaults", () => {
		const h = v2({ nodes: 2 });
		h.mkdir(`${R}/a`);
		const expected: [string, number, string][] = [
			["cpuset.cpus", 0o644, "\n"],
			["cpuset.cpus.effective", 0o444, "0-7\n"],
			["cpuset.cpus.exclusive", 0o644, "\n"],
			["cpuset.cpus.exclusive.effective", 0o444, "\n"],
			["cpuset.cpus.partition", 0o644, "member\n"],
			["cpuset.mems", 0o644, "\n"],
			["cpuset.mems.effective", 0o444, "0-1\n"],
		];
		const files = h
			.ls(`${R}/a`)
			.filter((f) => f.startsWith("cpuset."))
			.sort();
		assert.deepEqual(
			files,
			expected.map(([n]) => n),
		);
		for (const [name, mode, content] of expected) {
			assert.equal(h.vfs.stat(h.init, `${R}/a/${name}`).mode & 0o777, mode, name);
			assert.equal(h.read(`${R}/a/${name}`), content, name);
		}
	});

	it("without +cpuset in the parent a child has no cpuset files and uses the parent's cpuset", () => {
		const h = v2();
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cpuset.cpus`, "2-3");
		h.mkdir(`${R}/a/b`);
		assert.equal(
			h.ls(`${R}/a/b`).some((f) => f.startsWith("cpuset.")),
			false,
		);
		const t = h.spawn();
		h.write(`${R}/a/b/cgroup.procs`, String(t.pid));
		assert.equal(allowed(h, t), "2-3");
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/a\n");
		// Enabling it gives b a cpuset with a's effective masks; the task stays.
		h.write(`${R}/a/cgroup.subtree_control`, "+cpuset");
		assert.equal(h.read(`${R}/a/b/cpuset.cpus`), "\n");
		assert.equal(h.read(`${R}/a/b/cpuset.cpus.effective`), "2-3\n");
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/a/b\n");
		assert.equal(allowed(h, t), "2-3");
		h.write(`${R}/a/b/cpuset.cpus`, "3");
		assert.equal(allowed(h, t), "3");
		// Disabling it kills b's cpuset: the task is back in a's.
		h.write(`${R}/a/cgroup.subtree_control`, "-cpuset");
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/a\n");
		assert.equal(allowed(h, t), "2-3");
		h.check();
	});

	it("cpus, mems and cpus.exclusive refuse bad lists with the parser's errno and change nothing", () => {
		const h = v2({ nodes: 2 });
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cpuset.cpus`, " 5,1-2 \n");
		assert.equal(h.read(`${R}/a/cpuset.cpus`), "1-2,5\n");
		for (const file of ["cpus", "cpus.exclusive"]) {
			for (const [v, code] of [
				["8", "ERANGE"],
				["4294967296", "EOVERFLOW"],
				["x", "EINVAL"],
				["2-1", "EINVAL"],
				[`${" ".repeat(1636)}0`, "E2BIG"],
			] as const) {
				const before = h.read(`${R}/a/cpuset.${file}`);
				assertErrno(() => h.write(`${R}/a/cpuset.${file}`, v), code, `${file} ${v.trim()}`);
				assert.equal(h.read(`${R}/a/cpuset.${file}`), before);
			}
		}
		h.write(`${R}/a/cpuset.mems`, "1");
		for (const [v, code] of [
			["2", "EINVAL"],
			["1023", "EINVAL"],
			["1024", "ERANGE"],
			["y", "EINVAL"],
		] as const) {
			assertErrno(() => h.write(`${R}/a/cpuset.mems`, v), code, `mems ${v}`);
		}
		assert.equal(h.read(`${R}/a/cpuset.mems`), "1\n");
		h.write(`${R}/a/cpuset.mems`, "\n");
		assert.equal(h.read(`${R}/a/cpuset.mems`), "\n");
		assert.equal(h.read(`${R}/a/cpuset.mems.effective`), "0-1\n");
	});

	it("cpus.partition takes root, member and isolated (stripped), anything else is EINVAL", () => {
		const h = v2();
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cpuset.cpus`, "1");
		for (const v of ["\n", "Root", "roots", "invalid", "1", "root invalid"]) {
			assertErrno(() => h.write(`${R}/a/cpuset.cpus.partition`, v), "EINVAL", v);
			assert.equal(h.read(`${R}/a/cpuset.cpus.partition`), "member\n");
		}
		h.write(`${R}/a/cpuset.cpus.partition`, "  isolated\n");
		assert.equal(h.read(`${R}/a/cpuset.cpus.partition`), "isolated\n");
		h.write(`${R}/a/cpuset.cpus.partition`, "root");
		assert.equal(h.read(`${R}/a/cpuset.cpus.partition`), "root\n");
		h.write(`${R}/a/cpuset.cpus.partition`, "member");
		assert.equal(h.read(`${R}/a/cpuset.cpus.partition`), "member\n");
	});

	it("read-only files refuse writes with EINVAL", () => {
		const h = v2();
		h.mkdir(`${R}/a`);
		for (const f of ["cpus.effective", "mems.effective", "cpus.exclusive.effective"]) {
			assertErrno(() => h.write(`${R}/a/cpuset.${f}`, "0"), "EINVAL", f);
		}
		for (const f of ["cpus.effective", "mems.effective", "cpus.isolated"]) {
			assertErrno(() => h.write(`${R}/cpuset.${f}`, "0"), "EINVAL", f);
		}
	});

	it("writes to a removed cpuset's files are ENODEV", () => {
		const h = v2();
		h.mkdir(`${R}/a`);
		const fds = ["cpus", "mems", "cpus.exclusive", "cpus.partition"].map((f) => [
			f,
			h.vfs.open(h.init, `${R}/a/cpuset.${f}`, 1),
		]);
		h.rmdir(`${R}/a`);
		const put = (fd: number, s: string) => h.vfs.write(h.init, fd, new TextEncoder().encode(s));
		for (const [f, fd] of fds) {
			const value = f === "cpus.partition" ? "root" : "1";
			assert.equal(
				errnoOf(() => put(fd as number, value)),
				"ENODEV",
				f as string,
			);
		}
		assert.equal(
			errnoOf(() => put(fds[3]![1] as number, "bogus")),
			"ENODEV",
		);
	});

	it("a cpuset with tasks cannot be emptied (ENOSPC), on cgroup2 too", () => {
		const h = v2({ nodes: 2 });
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cpuset.cpus`, "1");
		h.write(`${R}/a/cpuset.mems`, "1");
		const t = h.spawn();
		h.write(`${R}/a/cgroup.procs`, String(t.pid));
		assertErrno(() => h.write(`${R}/a/cpuset.cpus`, "\n"), "ENOSPC");
		assertErrno(() => h.write(`${R}/a/cpuset.mems`, "\n"), "ENOSPC");
		assert.equal(h.read(`${R}/a/cpuset.cpus`), "1\n");
		assert.equal(h.read(`${R}/a/cpuset.mems`), "1\n");
	});
});

describe("cpuset cgroup2 effective masks", () => {
	it("effective = own ∩ parent's effective, or the parent's when empty; tasks follow", () => {
		const h = v2();
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cgroup.subtree_control`, "+cpuset");
		h.mkdir(`${R}/a/b`);
		const t = h.spawn();
		h.write(`${R}/a/b/cgroup.procs`, String(t.pid));
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "0-7");
		h.write(`${R}/a/cpuset.cpus`, "2-5");
		assert.equal(rd(h, "a/cpuset.cpus.effective"), "2-5");
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "2-5");
		assert.equal(allowed(h, t), "2-5");
		// Not a subset of the parent's: allowed on cgroup2, intersected.
		h.write(`${R}/a/b/cpuset.cpus`, "4-7");
		assert.equal(rd(h, "a/b/cpuset.cpus"), "4-7");
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "4-5");
		assert.equal(allowed(h, t), "4-5");
		// No overlap at all: the parent's.
		h.write(`${R}/a/cpuset.cpus`, "0-1");
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "0-1");
		assert.equal(allowed(h, t), "0-1");
		// The parent cannot drop its CPUs while its subtree has tasks (ENOSPC),
		// but it can widen them: b's own CPUs again.
		assertErrno(() => h.write(`${R}/a/cpuset.cpus`, "\n"), "ENOSPC");
		h.write(`${R}/a/cpuset.cpus`, "0-7");
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "4-7");
		assert.equal(allowed(h, t), "4-7");
		h.check();
	});

	it("mems follow the same rule; the tasks' Mems_allowed follow", () => {
		const h = v2({ cpus: 4, nodes: 2 });
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cgroup.subtree_control`, "+cpuset");
		h.mkdir(`${R}/a/b`);
		const t = h.spawn();
		h.write(`${R}/a/b/cgroup.procs`, String(t.pid));
		h.write(`${R}/a/b/cpuset.mems`, "1");
		assert.equal(rd(h, "a/b/cpuset.mems.effective"), "1");
		assert.equal(allowed(h, t, "Mems_allowed_list"), "1");
		h.write(`${R}/a/cpuset.mems`, "0");
		assert.equal(rd(h, "a/b/cpuset.mems.effective"), "0");
		assert.equal(allowed(h, t, "Mems_allowed_list"), "0");
		h.write(`${R}/a/cpuset.mems`, "0-1");
		assert.equal(rd(h, "a/b/cpuset.mems.effective"), "1");
		assert.equal(allowed(h, t, "Mems_allowed_list"), "1");
	});

	it("attaching to a cpuset without cpus or mems of its own is allowed (not ENOSPC as on v1)", () => {
		const h = v2({ cpus: 4, nodes: 2 });
		h.mkdir(`${R}/a`);
		h.write(`${R}/cgroup.subtree_control`, "+cpuset");
		const t = h.spawn();
		h.write(`${R}/a/cgroup.procs`, String(t.pid));
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/a\n");
		assert.equal(allowed(h, t), "0-3");
		assert.equal(allowed(h, t, "Mems_allowed_list"), "0-1");
	});

	it("an offline CPU can be written to cpuset.cpus (the top's cpus are the possible CPUs)", () => {
		const h = v2({ cpus: 4 });
		h.mkdir(`${R}/a`);
		online(h, 3, false);
		h.write(`${R}/a/cpuset.cpus`, "3");
		assert.equal(rd(h, "a/cpuset.cpus"), "3");
		assert.equal(rd(h, "a/cpuset.cpus.effective"), "0-2");
		online(h, 3, true);
		assert.equal(rd(h, "a/cpuset.cpus.effective"), "3");
	});

	it("hotplug: the tasks of an emptied cpuset keep running there on the parent's CPUs", () => {
		const h = v2();
		h.mkdir(`${R}/a`);
		h.write(`${R}/a/cgroup.subtree_control`, "+cpuset");
		h.mkdir(`${R}/a/b`);
		h.write(`${R}/a/cpuset.cpus`, "2-3");
		h.write(`${R}/a/b/cpuset.cpus`, "3");
		const t = h.spawn();
		const root = h.spawn();
		h.write(`${R}/a/b/cgroup.procs`, String(t.pid));
		online(h, 3, false);
		h.kernel.runPendingWork();
		assert.equal(rd(h, "a/b/cgroup.procs"), String(t.pid));
		assert.equal(rd(h, "a/b/cpuset.cpus"), "3");
		assert.equal(rd(h, "a/cpuset.cpus"), "2-3");
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "2");
		assert.equal(rd(h, "cpuset.cpus.effective"), "0-2,4-7");
		assert.equal(allowed(h, t), "2");
		// Tasks of the top cpuset keep every possible CPU.
		assert.equal(allowed(h, root), "0-7");
		online(h, 3, true);
		assert.equal(rd(h, "a/b/cpuset.cpus.effective"), "3");
		assert.equal(allowed(h, t), "3");
		h.check();
	});
});

// ---------------------------------------------------------------- partitions

/**
 * One state-transition case in the notation of test_cpuset_prs.sh: four
 * columns (A1, A1/A2, A1/A2/A3, B1) of colon-separated steps, first the
 * setup (which must succeed), then the change (counting the columns with a
 * failed step). A step is Cl (cpuset.cpus), Xl (cpuset.cpus.exclusive),
 * P0/P1/P2 (member, root, isolated), S+/S- (cpuset in subtree_control), T
 * (move the test task in), On=v (CPU n online or not). The checks: effective
 * CPUs ("A1:0-1|XA2:3": X for cpus.exclusive.effective), partition states
 * (P-1 and P-2 invalid), and isolated CPUs ("sched|cpus.isolated", or one
 * value for both): those without a sched domain, and cpuset.cpus.isolated.
 */
type Row = readonly [
	before: string,
	after: string,
	fails: number,
	ecpus: string,
	prs?: string,
	isol?: string,
];

const SETUP_A123 = "C1-3:P1:S+ C2-3:P1:S+ C3:P1 .";

const ROWS: Record<string, readonly Row[]> = {
	"local partitions and cpus.effective": [
		["C0-1 . . C2-3", "S+ C4-5 . .", 0, "A2:0-1"],
		["C0-1 . . C2-3", "P1 . . .", 0, ""],
		["C0-1 . . C2-3", "P1:S+ C0-1:P1 . .", 0, ""],
		["C0-1:S+ . . C2-3", ". . . P1", 0, ""],
		["C0-1:P1 . . C2-3", "S+ C1:P1 . P1", 0, ""],
		["C0-1:P1 . . C2-3", "S+:C4-5 . . .", 0, "A1:4-5"],
		["C0-1 . . C2-3:P1", ". . . C4-5", 0, "B1:4-5"],
		["C0-3:P1:S+ C2-3:P1 . .", ". . . .", 0, "A1:0-1|A2:2-3"],
		["C0-3:P1:S+ C2-3:P1 . .", "C1-3 . . .", 0, "A1:1|A2:2-3"],
		["C2-3:P1:S+ C3:P1 . .", "C3 . . .", 0, "A1:|A2:3", "A1:P1|A2:P1"],
		["C2-3:P1:S+ C3:P1 . .", "C3 P0 . .", 0, "A1:3|A2:3", "A1:P1|A2:P0"],
		["C2-3:P1:S+ C2:P1 . .", "C2-4 . . .", 0, "A1:3-4|A2:2"],
		["C2-3:P1:S+ C3:P1 . .", "C3 . . C0-2", 0, "A1:|B1:0-2", "A1:P1|A2:P1"],
		[SETUP_A123, "C2-3 . . .", 0, "A1:|A2:2|A3:3", "A1:P1|A2:P1|A3:P1"],
	],
	"CPU hotplug": [
		["C0-1 . . C2-3", "S+ C4-5 . O2=0", 0, "A1:0-1|B1:3"],
		["C0-3:P1:S+ C2-3:P1 . .", "O2=0 . . .", 0, "A1:0-1|A2:3"],
		["C0-3:P1:S+ C2-3:P1 . .", "O2=0 O2=1 . .", 0, "A1:0-1|A2:2-3"],
		["C0-3:P1:S+ C2-3:P1 . .", "O1=0 . . .", 0, "A1:0|A2:2-3"],
		["C2-3:P1:S+ C3:P2 . .", "O3=0 O3=1 . .", 0, "A1:2|A2:3", "A1:P1|A2:P2"],
		["C2-3:P1:S+ C3:P1 . .", "O2=0 . . .", 0, "A1:|A2:3", "A1:P1|A2:P1"],
		["C2-3:P1:S+ C3:P1 . .", "O3=0 . . .", 0, "A1:2|A2:", "A1:P1|A2:P1"],
		["C2-3:P1:S+ C3:P1 . .", "T:O2=0 . . .", 0, "A1:3|A2:3", "A1:P1|A2:P-1"],
		["C2-3:P1:S+ C3:P1 . .", ". T:O3=0 . .", 0, "A1:2|A2:2", "A1:P1|A2:P-1"],
		[SETUP_A123, "O2=0 . . .", 0, "A1:1|A2:|A3:3", "A1:P1|A2:P1|A3:P1"],
		[SETUP_A123, "T:O1=0 . . .", 0, "A1:2-3|A2:2-3|A3:3", "A1:P1|A2:P-1|A3:P-1"],
		[SETUP_A123, ". T:O2=0 . .", 0, "A1:1|A2:3|A3:3", "A1:P1|A2:P1|A3:P-1"],
		[SETUP_A123, "T:O1=0 O1=1 . .", 0, "A1:1|A2:2|A3:3", "A1:P1|A2:P1|A3:P1"],
		[SETUP_A123, ". . T:O3=0 O3=1", 0, "A1:1|A2:2|A3:3", "A1:P1|A2:P1|A3:P1"],
		[SETUP_A123, "T:O1=0 O2=0 O1=1 .", 0, "A1:1|A2:|A3:3", "A1:P1|A2:P1|A3:P1"],
		[SETUP_A123, "T:O1=0 O2=0 O2=1 .", 0, "A1:2-3|A2:2-3|A3:3", "A1:P1|A2:P-1|A3:P-1"],
	],
	"cpus.exclusive and remote partitions": [
		["C0-3:S+ C1-3:S+ C2-3 .", "X2-3 . . .", 0, "A1:0-3|A2:1-3|A3:2-3|XA1:2-3"],
		["C0-3:S+ C1-3:S+ C2-3 .", "X2-3 X2-3:P2 . .", 0, "A1:0-1|A2:2-3|A3:2-3", "A1:P0|A2:P2", "2-3"],
		["C0-3:S+ C1-3:S+ C2-3 .", "X2-3 X3:P2 . .", 0, "A1:0-2|A2:3|A3:3", "A1:P0|A2:P2", "3"],
		[
			"C0-3:S+ C1-3:S+ C2-3 .",
			"X2-3 X2-3 X2-3:P2 .",
			0,
			"A1:0-1|A2:1|A3:2-3",
			"A1:P0|A3:P2",
			"2-3",
		],
		[
			"C0-3:S+ C1-3:S+ C2-3 C2-3",
			". . . P2",
			0,
			"A1:0-3|A2:1-3|A3:2-3|B1:2-3",
			"A1:P0|A3:P0|B1:P-2",
		],
		["C0-3:S+ C1-3:S+ C2-3 C4-5", ". . . P2", 0, "B1:4-5", "B1:P2", "4-5"],
		["C0-3:S+ C1-3:S+ C2-3 C4", "X2-3 X2-3 X2-3:P2 P2", 0, "A3:2-3|B1:4", "A3:P2|B1:P2", "2-4"],
		["C0-3:S+ C1-3:S+ C2-3 C4", "X1-3 X1-3:P2 P2 .", 0, "A2:1|A3:2-3", "A2:P2|A3:P2", "1-3"],
		[
			"C0-3:S+ C1-3:S+ C2-3 C4",
			"X2-3 X2-3 X2-3:P2 P2:C4-5",
			0,
			"A3:2-3|B1:4-5",
			"A3:P2|B1:P2",
			"2-5",
		],
		["C4:X0-3:S+ X1-3:S+ X2-3 .", ". P2 . .", 0, "A1:4|A2:1-3|A3:1-3", "A2:P2", "1-3"],
		["C4:X0-3:S+ X1-3:S+ X2-3 .", ". . P2 .", 0, "A1:4|A2:4|A3:2-3", "A3:P2", "2-3"],
		// nested local partitions in a remote one
		[
			"C0-3:S+ C1-3:S+ C2-3 C4",
			"X2-3 X2-3:P1 P2 P1",
			0,
			"A1:0-1|A2:|A3:2-3|B1:4",
			"A1:P0|A2:P1|A3:P2|B1:P1",
			"2-4|2-3",
		],
		[
			"C0-3:S+ C1-3:S+ C3 C4",
			"X2-3 X2-3:P1 P2 P1",
			0,
			"A1:0-1|A2:2|A3:3|B1:4",
			"A1:P0|A2:P1|A3:P2|B1:P1",
			"2-4|3",
		],
		[
			"C0-4:S+ C1-4:S+ C2-4 .",
			"X2-4 X2-4:P2 X4:P1 .",
			0,
			"A1:0-1|A2:2-3|A3:4",
			"A1:P0|A2:P2|A3:P1",
			"2-4|2-3",
		],
		[
			"C0-4:X2-4:S+ C1-4:X2-4:S+:P2 C2-4:X4:P1 .",
			". X5 . .",
			0,
			"A1:0-4|A2:1-4|A3:2-4",
			"A1:P0|A2:P-2|A3:P-1",
		],
		[
			"C0-4:X2-4:S+ C1-4:X2-4:S+:P2 C2-4:X4:P1 .",
			". . X1 .",
			0,
			"A1:0-1|A2:2-4|A3:2-4",
			"A1:P0|A2:P2|A3:P-1",
			"2-4",
		],
	],
	"remote partitions and hotplug": [
		[
			"C0-3:S+ C1-3:S+ C2-3 .",
			"X2-3 X2-3 X2-3:P2:O2=0 .",
			0,
			"A1:0-1|A2:1|A3:3",
			"A1:P0|A3:P2",
			"2-3",
		],
		[
			"C0-3:S+ C1-3:S+ C2-3 .",
			"X2-3 X2-3 X2-3:P2:O2=0 O2=1",
			0,
			"A1:0-1|A2:1|A3:2-3",
			"A1:P0|A3:P2",
			"2-3",
		],
		["C0-3:S+ C1-3:S+ C3 .", "X2-3 X2-3 P2:O3=0 .", 0, "A1:0-2|A2:1-2|A3:", "A1:P0|A3:P2", "3"],
		[
			"C0-3:S+ C1-3:S+ C3 .",
			"X2-3 X2-3 T:P2:O3=0 .",
			0,
			"A1:0-2|A2:1-2|A3:1-2",
			"A1:P0|A3:P-2",
			"3|",
		],
		// an invalidated remote partition does not come back by itself
		["C0-3:S+ C1-3:S+ C2 .", "X2-3 X2-3 T:P2:O2=0 O2=1", 0, "A1:0-3|A2:1-3|A3:2", "A1:P0|A3:P-2"],
	],
	"invalid to valid": [
		["C0-3:S+ C1-3 . .", ". X3:P2 . .", 0, "A1:0-3|A2:1-3|XA2:", "A2:P-2"],
		["C0-3:S+ C1-3:X3:P2 . .", "X2-3 P2 . .", 0, "A1:0-2|A2:3|XA2:3", "A2:P2", "3"],
		["C1-3:S+:P2 X4:P2 . .", ". . . .", 0, "A1:1-3|XA1:1-3|A2:1-3", "A1:P2|A2:P-2", "1-3"],
		["C1-3:S+:P2 X4:P2 . .", ". X3:P2 . .", 0, "A1:1-2|XA1:1-3|A2:3|XA2:3", "A1:P2|A2:P2", "1-3"],
		["C0-3:P2 . . C4-6", "C0-4 . . .", 0, "A1:0-4|B1:4-6", "A1:P-2|B1:P0"],
		["C0-3:P2 . . C4-6", "C0-4:C0-3 . . .", 0, "A1:0-3|B1:4-6", "A1:P2|B1:P0", "0-3"],
		["C0-3:P2 . . C3-5:C4-5", ". . . .", 0, "A1:0-3|B1:4-5", "A1:P2|B1:P0", "0-3"],
		["C0-1:S+ C1:P2 . C2-3", "P1 . . .", 0, "A1:0|A2:1", "A1:P1|A2:P2"],
	],
	"invalidation and CPU changes": [
		[
			"C0-3:X1-3:S+:P2 C1-3:X2-3:S+:P2 C2-3:X3:P2 .",
			". X4 . .",
			0,
			"A1:1-3|A2:1-3|A3:2-3|XA2:|XA3:",
			"A1:P2|A2:P-2|A3:P-2",
			"1-3",
		],
		[
			"C0-3:X1-3:S+:P2 C1-3:X2-3:S+:P2 C2-3:X3:P2 .",
			". C4:X . .",
			0,
			"A1:1-3|A2:1-3|A3:2-3|XA2:|XA3:",
			"A1:P2|A2:P-2|A3:P-2",
			"1-3",
		],
		["C0-5:S+:P2 C4-5:S+:P1 . .", ". C3-5 . .", 0, "A1:0-2|A2:3-5", "A1:P2|A2:P1", "0-2"],
		["C0-5:S+:P2 C4-5:S+:P1 . .", "C1-5 . . .", 0, "A1:1-3|A2:4-5", "A1:P2|A2:P1", "1-3"],
		[
			"C0-3:X2-3:S+ C1-3:X2-3:S+ C2-3:X2-3 .",
			"X:C4 . P2 .",
			0,
			"A1:4|A2:4|XA2:|XA3:|A3:4",
			"A1:P0|A3:P-2",
		],
		[
			"C0-3:X2-3:S+ C1-3:X2-3:S+ C2-3:X2-3 .",
			". X3 P2 .",
			0,
			"A1:0-2|A2:1-2|XA2:3|XA3:3|A3:3",
			"A1:P0|A3:P2",
			"3",
		],
		[
			"C0-3:X2-3:S+ C1-3:X2-3:S+ C2-3:X2-3:P2 .",
			"X4 . . .",
			0,
			"A1:0-3|A2:1-3|A3:2-3|XA1:4|XA2:|XA3:",
			"A1:P0|A3:P-2",
		],
		["C2-3:P1:S+ C3:P1 . .", ". C2-4 . .", 0, "A1:|A2:2-3", "A1:P1|A2:P1"],
		["C2-3:P1:S+ C3:P1 . .", "T C2-3 . .", 0, "A1:2-3|A2:2-3", "A1:P1|A2:P-1"],
		["C3:P1:S+ C3 . .", "T P1 . .", 0, "A1:3|A2:3", "A1:P1|A2:P-1"],
		[SETUP_A123, "T:C2-3 . . .", 0, "A1:2-3|A2:2-3|A3:3", "A1:P1|A2:P-1|A3:P-1"],
		[SETUP_A123, "T:C2-3:C1-3 . . .", 0, "A1:1|A2:2|A3:3", "A1:P1|A2:P1|A3:P1"],
		["C2-3:P1:S+ C3:P1 . .", "P0 . . .", 0, "A1:2-3|A2:3", "A1:P0|A2:P-1"],
		[SETUP_A123, "C2-3 P0 . .", 0, "A1:2-3|A2:2-3|A3:3", "A1:P1|A2:P0|A3:P-1"],
		["C2-3:P1:S+ . . .", ". C3-4:P1 . .", 0, "A1:2|A2:3", "A1:P1|A2:P1"],
		["C0-1:P1:S+ C1 . C2-3", "C4-5 . . .", 0, "A1:4-5|A2:4-5"],
		["C0-1:P1 . . C2-3", "S+ C4-5:P1 . .", 0, "A1:0-1|A2:0-1", "A1:P1|A2:P-1"],
		["C0-1:S+ C1 . C2-3", "P1 . . .", 0, "A1:0-1|A2:1", "A1:P1"],
		["C0-1:S+ C1 . C2-3", ". P2 . .", 0, "A1:0-1|A2:1", "A1:P0|A2:P-2"],
		["C0-1:P1 . . C2-3", "C0-2 . . .", 0, "A1:0-2|B1:2-3", "A1:P-1|B1:P0"],
		["C0-1:P1 . . P1:C2-3", "C0-2 . . .", 0, "A1:0-2|B1:2-3", "A1:P-1|B1:P-1"],
		["C0-1 . . P1:C2-3", "C0-2 . . .", 0, "A1:0-2|B1:2-3", "A1:P0|B1:P-1"],
		["C0-3 . . C4-5", "X5 . . .", 0, "A1:0-3|B1:4-5"],
		["C1-4:P1:S+ P1 . .", ". . . .", 0, "A1:1-4|A2:1-4", "A1:P1|A2:P-1"],
		["C1-4:P1:S+ P1 . .", ". C1-4 . .", 0, "A1:|A2:1-4", "A1:P1|A2:P1"],
		["C1-4:P1:S+ P1 . .", "T C1-4 . .", 0, "A1:1-4|A2:1-4", "A1:P1|A2:P-1"],
		["C1-4:X3:S+ C1:X3 . .", ". C . .", 0, "A2:1-4|XA2:3"],
	],
	"refused changes": [
		// no task into a partition without CPUs
		["C2-3:P1:S+ C3:P1 . .", "O2=0:T . . .", 1, "A1:|A2:3", "A1:P1|A2:P1"],
		// exclusive CPUs of siblings cannot overlap
		["C0-3 . . C4-5", "X0-3 . . X3-5", 1, "A1:0-3|B1:4-5"],
		// cpuset.cpus cannot fall inside a sibling's exclusive CPUs
		["C0-3 . . C4-5", "X3-5 . . .", 1, "A1:0-3|B1:4-5"],
	],
};

const DIRS: Record<string, string> = { A1: "A1", A2: "A1/A2", A3: "A1/A2/A3", B1: "B1" };
const COLUMNS = ["A1", "A2", "A3", "B1"] as const;
const PARTITION_WORDS = ["member", "root", "isolated"];

/** The harness of run_state_test(): one host, one test task, reset between cases. */
class PrsRunner {
	readonly h = v2();
	readonly task = this.h.spawn();
	private readonly offline = new Set<number>();

	/** set_ctrl_state(): the steps of one column; true when one of them failed. */
	apply(cg: string, steps: string): boolean {
		if (steps === "." || steps === "") return false;
		const d = `${R}/${cg}`;
		let failed = false;
		for (const step of steps.split(":")) {
			const arg = step.slice(1);
			let write: () => unknown;
			if (step.startsWith("S"))
				write = () => this.h.write(`${d}/cgroup.subtree_control`, `${arg}cpuset`);
			else if (step.startsWith("X"))
				write = () => this.h.write(`${d}/cpuset.cpus.exclusive`, `${arg}\n`);
			else if (step.startsWith("C")) write = () => this.h.write(`${d}/cpuset.cpus`, `${arg}\n`);
			else if (step.startsWith("P"))
				write = () =>
					this.h.write(`${d}/cpuset.cpus.partition`, `${PARTITION_WORDS[Number(arg)]}\n`);
			else if (step === "T") write = () => this.h.write(`${d}/cgroup.procs`, `${this.task.pid}\n`);
			else if (step.startsWith("O")) {
				const [cpu, value] = arg.split("=").map(Number) as [number, number];
				write = () => online(this.h, cpu, value === 1);
				if (value === 1) this.offline.delete(cpu);
				else this.offline.add(cpu);
			} else throw new Error(`unknown step ${step}`);
			if (errnoOf(write) !== "OK") failed = true;
		}
		return failed;
	}

	/** reset_cgroup_states(). */
	reset(): void {
		this.h.write(`${R}/cgroup.procs`, `${this.task.pid}\n`);
		for (const cpu of this.offline) online(this.h, cpu, true);
		this.offline.clear();
		for (const d of ["A1/A2/A3", "A1/A2", "A1", "B1"]) errnoOf(() => this.h.rmdir(`${R}/${d}`));
	}

	run(row: Row): string[] {
		const [before, after, fails, ecpus, prs, isol] = row;
		const problems: string[] = [];
		this.reset();
		const old = before.split(/\s+/);
		const now = after.split(/\s+/);
		for (const col of ["B1", "A1", "A2", "A3"] as const) {
			errnoOf(() => this.h.mkdir(`${R}/${DIRS[col]}`));
			if (this.apply(DIRS[col]!, old[COLUMNS.indexOf(col)]!)) return [`setup of ${col} failed`];
		}
		let failed = 0;
		for (const [i, col] of COLUMNS.entries()) if (this.apply(DIRS[col]!, now[i]!)) failed++;
		if (failed !== fails) problems.push(`${failed} columns failed, expected ${fails}`);
		for (const check of ecpus === "" ? [] : ecpus.split("|")) {
			const [name, want = ""] = check.split(":");
			const xfile = name!.startsWith("X");
			const cg = DIRS[xfile ? name!.slice(1) : name!]!;
			const file = xfile ? "cpuset.cpus.exclusive.effective" : "cpuset.cpus.effective";
			const got = this.h.read(`${R}/${cg}/${file}`).trimEnd();
			if (got !== want) problems.push(`${name}: ${got} (expected ${want})`);
		}
		for (const check of prs === undefined ? [] : prs.split("|")) {
			const [name, want] = check.split(":");
			const text = this.h.read(`${R}/${DIRS[name!]}/cpuset.cpus.partition`).trimEnd();
			const state = PARTITION_WORDS.includes(text)
				? PARTITION_WORDS.indexOf(text)
				: text.startsWith("root invalid")
					? -1
					: text.startsWith("isolated invalid")
						? -2
						: Number.NaN;
			if (`P${state}` !== want) problems.push(`${name}: ${text} (expected ${want})`);
		}
		if (isol !== undefined) {
			const [domains, isolated = domains] = isol.split("|");
			const got = this.h.read(`${R}/cpuset.cpus.isolated`).trimEnd();
			if (got !== isolated) problems.push(`cpus.isolated ${got} (expected ${isolated})`);
			const sd = bitmapListString(cpusWithoutSchedDomain(ctlOf(this.h)));
			if (sd !== domains) problems.push(`CPUs without a sched domain ${sd} (expected ${domains})`);
		}
		// The CPUs all come back once the cgroups are gone.
		this.reset();
		if (this.h.read(`${R}/cpuset.cpus.effective`) !== "0-7\n")
			problems.push("root effective not restored");
		if (this.h.read(`${R}/cpuset.cpus.isolated`) !== "\n") problems.push("isolated CPUs left");
		return problems;
	}
}

describe("cpuset cgroup2 partitions (test_cpuset_prs.sh cases)", () => {
	const runner = new PrsRunner();
	for (const [rule, rows] of Object.entries(ROWS)) {
		it(rule, () => {
			const bad: string[] = [];
			for (const row of rows) {
				const problems = runner.run(row);
				if (problems.length > 0) bad.push(`${row[0]} -> ${row[1]}: ${problems.join("; ")}`);
			}
			assert.deepEqual(bad, []);
			runner.h.check();
		});
	}

	it("the harness notices a wrong expectation", () => {
		assert.notDeepEqual(runner.run(["C0-1 . . C2-3", "S+ C4-5 . .", 0, "A2:0-2"]), []);
		assert.notDeepEqual(runner.run(["C0-1 . . C2-3", "P1 . . .", 0, "", "A1:P-1"]), []);
		assert.notDeepEqual(runner.run(["C0-3 . . C4-5", "X3-5 . . .", 0, ""]), []);
	});
});

describe("cpuset cgroup2 partitions", () => {
	it("test_isolated: member/root/isolated switches, a partition root with no CPU left, and its tasks", () => {
		const h = v2();
		const sh = h.spawn();
		h.mkdir(`${R}/test`);
		h.write(`${R}/test/cpuset.cpus`, "2-3");
		const part = (cg: string) => rd(h, `${cg}/cpuset.cpus.partition`);
		for (const [to, isolated, rootEff] of [
			["root", "", "0-1,4-7"],
			["isolated", "2-3", "0-1,4-7"],
			["member", "", "0-7"],
			["isolated", "2-3", "0-1,4-7"],
			["root", "", "0-1,4-7"],
			["member", "", "0-7"],
		] as const) {
			h.write(`${R}/test/cpuset.cpus.partition`, to);
			assert.equal(part("test"), to);
			assert.equal(rd(h, "cpuset.cpus.isolated"), isolated, to);
			assert.equal(rd(h, "cpuset.cpus.effective"), rootEff, to);
		}
		// Every CPU of the partition handed to a child partition.
		h.write(`${R}/test/cgroup.subtree_control`, "+cpuset");
		h.write(`${R}/test/cpuset.cpus.partition`, "root");
		h.mkdir(`${R}/test/A1`);
		h.write(`${R}/test/A1/cpuset.cpus`, "2-3");
		h.write(`${R}/test/A1/cpuset.cpus.partition`, "root");
		assert.equal(part("test/A1"), "root");
		assert.equal(rd(h, "test/A1/cpuset.cpus.effective"), "2-3");
		assert.equal(rd(h, "test/cpuset.cpus.effective"), "");
		assertErrno(() => h.write(`${R}/test/cgroup.procs`, String(sh.pid)), "ENOSPC");
		h.write(`${R}/test/A1/cgroup.procs`, String(sh.pid));
		assert.equal(allowed(h, sh), "2-3");
		h.write(`${R}/cgroup.procs`, String(sh.pid));
		assert.equal(allowed(h, sh), "0-1,4-7");
		h.write(`${R}/test/A1/cpuset.cpus`, "2");
		assert.equal(rd(h, "test/cpuset.cpus.effective"), "3");
		h.write(`${R}/test/A1/cpuset.cpus`, "2-3");
		assert.equal(rd(h, "test/cpuset.cpus.effective"), "");
		// rmdir gives the CPUs back.
		h.rmdir(`${R}/test/A1`);
		assert.equal(rd(h, "test/cpuset.cpus.effective"), "2-3");
		h.write(`${R}/test/cpuset.cpus.partition`, "member");
		assert.equal(rd(h, "cpuset.cpus.effective"), "0-7");
		h.check();
	});

	it("test_inotify: cpus.partition is notified when hotplug invalidates a partition and when it comes back", () => {
		const h = v2();
		const sh = h.spawn();
		h.mkdir(`${R}/test`);
		h.write(`${R}/test/cpuset.cpus`, "1");
		h.write(`${R}/test/cgroup.procs`, String(sh.pid));
		h.write(`${R}/test/cpuset.cpus.partition`, "root");
		assert.equal(allowed(h, sh), "1");
		const events: string[] = [];
		h.kernel.cgroup.onFileNotify((cgrp, name) => events.push(`${cgrp.path()} ${name}`));
		online(h, 1, false);
		assert.equal(rd(h, "test/cpuset.cpus.partition"), "root invalid");
		assert.deepEqual(events, ["/test cpuset.cpus.partition"]);
		// Invalid, the partition takes its parent's CPUs; its task runs on.
		assert.equal(rd(h, "test/cpuset.cpus.effective"), "0,2-7");
		assert.equal(allowed(h, sh), "0,2-7");
		online(h, 1, true);
		assert.equal(rd(h, "test/cpuset.cpus.partition"), "root");
		assert.equal(events.length, 2);
		assert.equal(allowed(h, sh), "1");
	});

	it("test_inotify from the shell: inotifywait wakes when the partition goes invalid", () => {
		const script = `cd /sys/fs/cgroup; mkdir test
echo 1 > test/cpuset.cpus
echo 0 > test/cgroup.procs
echo root > test/cpuset.cpus.partition
inotifywait -q -t 5 test/cpuset.cpus.partition & w=$!
sleep 0.1
echo 0 > /sys/devices/system/cpu/cpu1/online
wait $w; echo "status $?"
cat test/cpuset.cpus.partition
grep Cpus_allowed_list /proc/self/status
echo 1 > /sys/devices/system/cpu/cpu1/online
cat test/cpuset.cpus.partition
grep Cpus_allowed_list /proc/self/status
echo member > test/cpuset.cpus.partition
echo 0 > cgroup.procs
rmdir test; cat cpuset.cpus.effective
`;
		const r = runProgram(newSystem({ layout: "v2", cpus: 8 }), ["/bin/sh", "-c", script]);
		assert.equal(
			r.stdout,
			[
				"test/cpuset.cpus.partition MODIFY ",
				"status 0",
				"root invalid",
				"Cpus_allowed_list:\t0,2-7",
				"root",
				"Cpus_allowed_list:\t1",
				"0-7",
				"",
			].join("\n"),
		);
		assert.equal(r.stderr, "");
	});

	it("an invalid partition shows the kernel's reason", () => {
		const cases: [string, (h: TestHost) => void, string, string][] = [
			[
				"no CPUs",
				(h) => h.write(`${R}/A1/cpuset.cpus.partition`, "root"),
				"A1",
				"root invalid (cpuset.cpus and cpuset.cpus.exclusive are empty)",
			],
			[
				"overlapping sibling",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus`, "0-1");
					h.write(`${R}/A1/cpuset.cpus.partition`, "root");
					h.write(`${R}/B1/cpuset.cpus`, "1-2");
					h.write(`${R}/B1/cpuset.cpus.partition`, "isolated");
				},
				"B1",
				"isolated invalid (Cpu list in cpuset.cpus not exclusive)",
			],
			[
				"parent not a partition",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus`, "2-3");
					h.write(`${R}/A1/cpuset.cpus.partition`, "root");
					h.write(`${R}/A1/A2/cpuset.cpus`, "3");
					h.write(`${R}/A1/A2/cpuset.cpus.partition`, "root");
					h.write(`${R}/A1/cpuset.cpus.partition`, "member");
				},
				"A1/A2",
				"root invalid (Parent is not a partition root)",
			],
			[
				"no CPU for the parent's tasks",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus`, "3");
					h.write(`${R}/A1/cpuset.cpus.partition`, "root");
					h.write(`${R}/A1/cgroup.procs`, String(h.spawn().pid));
					h.write(`${R}/A1/A2/cpuset.cpus`, "3");
					h.write(`${R}/A1/A2/cpuset.cpus.partition`, "root");
				},
				"A1/A2",
				"root invalid (Parent unable to distribute cpu downstream)",
			],
			[
				"invalid parent",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus`, "1-3");
					h.write(`${R}/A1/cpuset.cpus.partition`, "root");
					h.write(`${R}/A1/A2/cpuset.cpus`, "2-3");
					h.write(`${R}/A1/A2/cpuset.cpus.partition`, "root");
					h.write(`${R}/A1/A2/A3/cpuset.cpus`, "3");
					h.write(`${R}/A1/A2/A3/cpuset.cpus.partition`, "root");
					h.write(`${R}/A1/cgroup.procs`, String(h.spawn().pid));
					h.write(`${R}/A1/cpuset.cpus`, "2-3");
				},
				"A1/A2/A3",
				"root invalid (Parent is an invalid partition root)",
			],
			[
				"no exclusive CPUs passed down for a remote partition",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus`, "0-1");
					h.write(`${R}/A1/A2/cpuset.cpus`, "1");
					h.write(`${R}/A1/A2/cpuset.cpus.partition`, "isolated");
				},
				"A1/A2",
				"isolated invalid (Invalid cpu list in cpuset.cpus.exclusive)",
			],
			[
				"a remote partition underneath",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus.exclusive`, "2-3");
					h.write(`${R}/A1/A2/cpuset.cpus.exclusive`, "2-3");
					h.write(`${R}/A1/A2/A3/cpuset.cpus.exclusive`, "2-3");
					h.write(`${R}/A1/A2/A3/cpuset.cpus.partition`, "isolated");
					h.write(`${R}/A1/cpuset.cpus.partition`, "root");
				},
				"A1",
				"root invalid (Have remote partition underneath)",
			],
			[
				"remote partition losing its CPUs to hotplug",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus.exclusive`, "2-3");
					h.write(`${R}/A1/A2/cpuset.cpus.exclusive`, "2-3");
					h.write(`${R}/A1/A2/A3/cpuset.cpus`, "3");
					h.write(`${R}/A1/A2/A3/cgroup.procs`, String(h.spawn().pid));
					h.write(`${R}/A1/A2/A3/cpuset.cpus.partition`, "isolated");
					online(h, 3, false);
				},
				"A1/A2/A3",
				"isolated invalid (No cpu available due to hotplug)",
			],
			[
				"remote partition asked for without CAP_SYS_ADMIN",
				(h) => {
					h.write(`${R}/A1/cpuset.cpus.exclusive`, "2-3");
					h.write(`${R}/A1/A2/cpuset.cpus.exclusive`, "2-3");
					h.vfs.chown(h.init, `${R}/A1/A2/cpuset.cpus.partition`, UID, -1);
					h.write(`${R}/A1/A2/cpuset.cpus.partition`, "isolated", h.spawnAs(UID));
				},
				"A1/A2",
				"isolated invalid (Enable partition not permitted)",
			],
		];
		for (const [what, setup, cg, text] of cases) {
			const h = v2();
			for (const d of ["A1", "A1/A2", "A1/A2/A3", "B1"]) h.mkdir(`${R}/${d}`);
			h.write(`${R}/A1/cgroup.subtree_control`, "+cpuset");
			h.write(`${R}/A1/A2/cgroup.subtree_control`, "+cpuset");
			setup(h);
			assert.equal(rd(h, `${cg}/cpuset.cpus.partition`), text, what);
		}
	});

	it("tasks of the top cpuset lose the CPUs given to partitions; the partition's tasks get them", () => {
		const h = v2();
		const t = h.spawn();
		const u = h.spawn();
		h.mkdir(`${R}/A1`);
		h.write(`${R}/A1/cgroup.procs`, String(u.pid));
		h.write(`${R}/A1/cpuset.cpus`, "4-7");
		h.write(`${R}/A1/cpuset.cpus.partition`, "root");
		assert.equal(allowed(h, t), "0-3");
		assert.equal(allowed(h, u), "4-7");
		assert.equal(rd(h, "A1/cpuset.cpus.exclusive.effective"), "4-7");
		const fresh = h.spawn();
		assert.equal(allowed(h, fresh), "0-3");
		h.write(`${R}/A1/cpuset.cpus.partition`, "member");
		assert.equal(allowed(h, t), "0-7");
		assert.equal(rd(h, "A1/cpuset.cpus.exclusive.effective"), "");
	});

	it("sched domains: a root partition is its own domain, an isolated one balances nowhere", () => {
		const h = v2();
		const ctl = ctlOf(h);
		const doms = () => generateSchedDomains(ctl).map((d) => bitmapListString(d));
		assert.deepEqual(doms(), ["0-7"]);
		h.mkdir(`${R}/A1`);
		h.mkdir(`${R}/B1`);
		h.write(`${R}/A1/cpuset.cpus`, "4-5");
		h.write(`${R}/A1/cpuset.cpus.partition`, "root");
		h.write(`${R}/B1/cpuset.cpus`, "6-7");
		h.write(`${R}/B1/cpuset.cpus.partition`, "isolated");
		assert.deepEqual(doms(), ["0-3", "4-5"]);
		assert.equal(bitmapListString(cpusWithoutSchedDomain(ctl)), "6-7");
		assert.equal(cpusetOf(h, "/A1").has(CS_SCHED_LOAD_BALANCE), true);
		assert.equal(cpusetOf(h, "/B1").has(CS_SCHED_LOAD_BALANCE), false);
		assert.equal(ctl.part.cpuIsIsolated(6), true);
		assert.equal(ctl.part.cpuIsIsolated(4), false);
		// A new child of an isolated partition does not balance load either.
		h.write(`${R}/B1/cgroup.subtree_control`, "+cpuset");
		h.mkdir(`${R}/B1/c`);
		assert.equal(cpusetOf(h, "/B1/c").has(CS_SCHED_LOAD_BALANCE), false);
		h.write(`${R}/B1/cpuset.cpus.partition`, "root");
		assert.deepEqual(doms(), ["0-3", "4-5", "6-7"]);
		assert.equal(bitmapListString(cpusWithoutSchedDomain(ctl)), "");
		// A single-CPU partition has no sched domain either; CPU 5 is the root's again.
		h.write(`${R}/A1/cpuset.cpus`, "4");
		assert.deepEqual(doms(), ["0-3,5", "4", "6-7"]);
		assert.equal(bitmapListString(cpusWithoutSchedDomain(ctl)), "4");
	});

	it("removing a partition's cpuset (rmdir, or -cpuset in the parent) gives its CPUs back", () => {
		const h = v2();
		h.mkdir(`${R}/A1`);
		h.write(`${R}/A1/cgroup.subtree_control`, "+cpuset");
		h.mkdir(`${R}/A1/A2`);
		h.write(`${R}/A1/cpuset.cpus`, "2-5");
		h.write(`${R}/A1/cpuset.cpus.partition`, "root");
		h.write(`${R}/A1/A2/cpuset.cpus`, "4-5");
		h.write(`${R}/A1/A2/cpuset.cpus.partition`, "isolated");
		assert.equal(rd(h, "cpuset.cpus.effective"), "0-1,6-7");
		assert.equal(rd(h, "A1/cpuset.cpus.effective"), "2-3");
		assert.equal(rd(h, "cpuset.cpus.isolated"), "4-5");
		h.write(`${R}/A1/cgroup.subtree_control`, "-cpuset");
		assert.equal(rd(h, "A1/cpuset.cpus.effective"), "2-5");
		assert.equal(rd(h, "cpuset.cpus.isolated"), "");
		h.rmdir(`${R}/A1/A2`);
		h.rmdir(`${R}/A1`);
		assert.equal(rd(h, "cpuset.cpus.effective"), "0-7");
		h.check();
	});

	it("css_reset brings a cpuset back to a new one's state", () => {
		const h = v2();
		h.mkdir(`${R}/A1`);
		h.write(`${R}/A1/cgroup.subtree_control`, "+cpuset");
		h.mkdir(`${R}/A1/A2`);
		h.write(`${R}/A1/cpuset.cpus`, "2-3");
		h.write(`${R}/A1/cpuset.cpus.partition`, "root");
		h.write(`${R}/A1/A2/cpuset.cpus`, "3");
		h.write(`${R}/A1/A2/cpuset.cpus.exclusive`, "3");
		h.write(`${R}/A1/A2/cpuset.cpus.partition`, "root");
		assert.equal(rd(h, "A1/cpuset.cpus.effective"), "2");
		const cs = cpusetOf(h, "/A1/A2");
		ctlOf(h).cssReset(cs);
		assert.equal(rd(h, "A1/A2/cpuset.cpus.partition"), "member");
		assert.equal(rd(h, "A1/A2/cpuset.cpus"), "");
		assert.equal(rd(h, "A1/A2/cpuset.cpus.exclusive"), "");
		assert.equal(rd(h, "A1/A2/cpuset.cpus.effective"), "2-3");
		assert.equal(rd(h, "A1/cpuset.cpus.effective"), "2-3");
		// The root css is the bind callback's business.
		ctlOf(h).cssReset(ctlOf(h).top!);
		assert.equal(rd(h, "cpuset.cpus.effective"), "0-1,4-7");
	});
});

describe("cpuset cgroup2 invariants under random writes and hotplug", () => {
	it("members' effective masks, the top cpuset's, the tasks' CPUs; failed writes change nothing", () => {
		const dirs = ["A1", "A1/A2", "A1/A2/A3", "B1"];
		const list = fc.oneof(
			fc.constant(""),
			fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }).map((b) => b.join(",")),
		);
		const cg = fc.constantFrom(...dirs);
		const op = fc.oneof(
			fc.record({ dir: cg, file: fc.constantFrom("cpus", "cpus.exclusive"), value: list }),
			fc.record({
				dir: cg,
				file: fc.constant("cpus.partition"),
				value: fc.constantFrom("member", "root", "isolated"),
			}),
			fc.record({
				dir: cg,
				file: fc.constant("mems"),
				value: fc.constantFrom("", "0", "1", "0-1"),
			}),
			fc.record({
				dir: fc.constantFrom(...dirs, "."),
				file: fc.constant("T"),
				value: fc.constant(""),
			}),
			fc.record({
				dir: fc.constantFrom("1", "2", "3"),
				file: fc.constant("O"),
				value: fc.constantFrom("0", "1"),
			}),
		);
		const files = [
			"cpus",
			"mems",
			"cpus.effective",
			"mems.effective",
			"cpus.partition",
			"cpus.exclusive",
		];
		fc.assert(
			fc.property(fc.array(op, { minLength: 5, maxLength: 30 }), (ops) => {
				const h = new TestHost({ layout: "v2", cpus: 6, nodes: 2 });
				const t = h.spawn();
				for (const d of dirs) h.mkdir(`${R}/${d}`);
				h.write(`${R}/A1/cgroup.subtree_control`, "+cpuset");
				h.write(`${R}/A1/A2/cgroup.subtree_control`, "+cpuset");
				const snapshot = () =>
					dirs
						.map((d) =>
							files.map((f) => h.read(`${R}/${d}/cpuset.${f}`).replace(/ \(.*\)/, "")).join(","),
						)
						.join("|");
				for (const { dir, file, value } of ops) {
					const before = snapshot();
					let write: () => unknown;
					if (file === "T") write = () => h.write(`${R}/${dir}/cgroup.procs`, String(t.pid));
					else if (file === "O") write = () => online(h, Number(dir), value === "1");
					else write = () => h.write(`${R}/${dir}/cpuset.${file}`, `${value}\n`);
					if (errnoOf(write) !== "OK") assert.equal(snapshot(), before, `${dir} ${file} ${value}`);
					checkInvariants(h, t);
				}
			}),
			{ numRuns: 100 },
		);
	});
});

/**
 * What holds whatever the partitions do (the kernel's partition corner
 * cases leave some partition states that do not add up, so those are only
 * checked by the cases above): a member's effective masks are its own ∩ its
 * parent's, or the parent's; the top cpuset has the online CPUs not given
 * to partitions; a task outside the top cpuset runs only on its cpuset's
 * effective CPUs.
 */
function checkInvariants(h: TestHost, t: Task): void {
	const ctl = ctlOf(h);
	const top = ctl.top!;
	const m = h.kernel.machine;
	ctl.walkPre(top, (cs) => {
		if (cs === top) return true;
		const p = cs.parent!;
		const path = cs.cgroup.path();
		if (cs.partitionRootState === 0) {
			const own = cs.cpusAllowed.and(p.effectiveCpus);
			assert.ok((own.isEmpty() ? p.effectiveCpus : own).equals(cs.effectiveCpus), `${path} cpus`);
		}
		const mems = cs.memsAllowed.and(p.effectiveMems);
		assert.ok((mems.isEmpty() ? p.effectiveMems : mems).equals(cs.effectiveMems), `${path} mems`);
		return true;
	});
	const sub = ctl.part.subpartitionsCpus;
	const topCpus = m.online.isSubsetOf(sub) ? m.online : m.online.andNot(sub);
	assert.ok(topCpus.equals(top.effectiveCpus), "top effective");
	const cs = t.cgroups!.subsys[ctl.ss!.id] as Cpuset;
	if (cs !== top && cs.effectiveCpus.intersects(m.online)) {
		assert.ok(t.cpusAllowed.and(m.online).isSubsetOf(cs.effectiveCpus), "task CPUs");
		assert.ok(t.cpusAllowed.intersects(m.online), "task has a CPU");
	}
}

describe("cpuset migration permissions (test_cpuset.c)", () => {
	/** test_cpuset_perms_object(): only the common ancestor's cgroup.procs decides. */
	function permsObject(allow: boolean): string {
		const h = v2({ cpus: 4 });
		const parent = `${R}/cpuset_test_0`;
		const src = `${parent}/cpuset_test_1`;
		const dst = `${parent}/cpuset_test_2`;
		for (const d of [parent, src, dst]) h.mkdir(d);
		h.write(`${parent}/cgroup.subtree_control`, "+cpuset");
		assert.match(h.read(`${src}/cgroup.controllers`), /cpuset/);
		assert.match(h.read(`${dst}/cgroup.controllers`), /cpuset/);
		h.vfs.chown(h.init, `${src}/cgroup.procs`, UID, -1);
		h.vfs.chown(h.init, `${dst}/cgroup.procs`, UID, -1);
		if (allow) h.vfs.chown(h.init, `${parent}/cgroup.procs`, UID, -1);
		// A privileged object process, and an unprivileged migrator in dst.
		const object = h.spawn();
		h.write(`${src}/cgroup.procs`, String(object.pid));
		const migrator = h.spawn();
		h.write(`${dst}/cgroup.procs`, String(migrator.pid));
		migrator.cred = migrator.cred.withUids(UID, UID, UID);
		const result = errnoOf(() => h.write(`${dst}/cgroup.procs`, String(object.pid), migrator));
		const inDst = h.read(`${dst}/cgroup.procs`).includes(`${object.pid}\n`);
		assert.equal(inDst, result === "OK");
		return result;
	}

	it("test_cpuset_perms_object_allow", () => {
		assert.equal(permsObject(true), "OK");
	});

	it("test_cpuset_perms_object_deny", () => {
		assert.notEqual(permsObject(false), "OK");
	});

	it("test_cpuset_perms_subtree: a delegatee toggles +cpuset over a privileged process", () => {
		const h = v2({ cpus: 4 });
		const parent = `${R}/cpuset_test_0`;
		const child = `${parent}/cpuset_test_1`;
		h.mkdir(parent);
		h.mkdir(child);
		for (const f of [
			`${parent}/cgroup.procs`,
			`${parent}/cgroup.subtree_control`,
			`${child}/cgroup.procs`,
		]) {
			h.vfs.chown(h.init, f, UID, -1);
		}
		const object = h.spawn();
		h.write(`${child}/cgroup.procs`, String(object.pid));
		const user = h.spawn();
		h.write(`${child}/cgroup.procs`, String(user.pid));
		user.cred = user.cred.withUids(UID, UID, UID);
		const controllers = () => h.read(`${child}/cgroup.controllers`, user).includes("cpuset");
		assert.equal(controllers(), false);
		h.write(`${parent}/cgroup.subtree_control`, "+cpuset", user);
		assert.equal(controllers(), true);
		assert.equal(h.read(`/proc/${object.pid}/cpuset`), "/cpuset_test_0/cpuset_test_1\n");
		h.write(`${parent}/cgroup.subtree_control`, "-cpuset", user);
		assert.equal(controllers(), false);
		assert.equal(h.read(`/proc/${object.pid}/cpuset`), "/cpuset_test_0\n");
		h.check();
	});
});
