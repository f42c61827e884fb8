import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bitmapListString } from "../../src/kernel/cpulist.ts";
import { Cpumask } from "../../src/kernel/cpumask.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const C = "/sys/fs/cgroup/cpuset";

/** A hybrid host with 4 CPUs on 2 nodes (CPUs 0-1 on node 0, 2-3 on node 1). */
function host(opts: { cpus?: number; nodes?: number } = {}): TestHost {
	return new TestHost({ cpus: opts.cpus ?? 4, nodes: opts.nodes ?? 2 });
}

function status(h: TestHost, t: Task, key: string): string {
	const line = h
		.read(`/proc/${t.pid}/status`)
		.split("\n")
		.find((l) => l.startsWith(`${key}:`));
	return line?.split("\t")[1] ?? "";
}

function mkcs(h: TestHost, path: string, cpus: string, mems: string): void {
	h.mkdir(`${C}/${path}`);
	if (cpus !== "") h.write(`${C}/${path}/cpuset.cpus`, cpus);
	if (mems !== "") h.write(`${C}/${path}/cpuset.mems`, mems);
}

describe("cpuset v1 files", () => {
	it("a new cpuset has the kernel's files, modes and defaults", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		const files = h
			.ls(`${C}/a`)
			.filter((f) => f.startsWith("cpuset."))
			.sort();
		const expected: [string, number, string][] = [
			["cpuset.cpu_exclusive", 0o644, "0\n"],
			["cpuset.cpus", 0o644, "\n"],
			["cpuset.effective_cpus", 0o444, "\n"],
			["cpuset.effective_mems", 0o444, "\n"],
			["cpuset.mem_exclusive", 0o644, "0\n"],
			["cpuset.mem_hardwall", 0o644, "0\n"],
			["cpuset.memory_migrate", 0o644, "0\n"],
			["cpuset.memory_pressure", 0o444, "0\n"],
			["cpuset.memory_spread_page", 0o644, "0\n"],
			["cpuset.memory_spread_slab", 0o644, "0\n"],
			["cpuset.mems", 0o644, "\n"],
			["cpuset.sched_load_balance", 0o644, "1\n"],
			["cpuset.sched_relax_domain_level", 0o644, "-1\n"],
		];
		assert.deepEqual(
			files,
			expected.map(([n]) => n),
		);
		for (const [name, mode, content] of expected) {
			assert.equal(h.vfs.stat(h.init, `${C}/a/${name}`).mode & 0o777, mode, name);
			assert.equal(h.read(`${C}/a/${name}`), content, name);
		}
	});

	it("the root has every online CPU and node, both exclusive flags, and memory_pressure_enabled", () => {
		const h = host();
		assert.equal(h.read(`${C}/cpuset.cpus`), "0-3\n");
		assert.equal(h.read(`${C}/cpuset.mems`), "0-1\n");
		assert.equal(h.read(`${C}/cpuset.effective_cpus`), "0-3\n");
		assert.equal(h.read(`${C}/cpuset.cpu_exclusive`), "1\n");
		assert.equal(h.read(`${C}/cpuset.mem_exclusive`), "1\n");
		assert.equal(h.read(`${C}/cpuset.memory_pressure_enabled`), "0\n");
		h.write(`${C}/cpuset.memory_pressure_enabled`, "5");
		assert.equal(h.read(`${C}/cpuset.memory_pressure_enabled`), "1\n");
		h.mkdir(`${C}/a`);
		assert.equal(h.ls(`${C}/a`).includes("cpuset.memory_pressure_enabled"), false);
	});

	it("the root refuses cpus and mems writes with EACCES", () => {
		const h = host();
		assertErrno(() => h.write(`${C}/cpuset.cpus`, "0"), "EACCES");
		assertErrno(() => h.write(`${C}/cpuset.mems`, "0"), "EACCES");
		assert.equal(h.read(`${C}/cpuset.cpus`), "0-3\n");
	});

	it("cpus and mems take lists, and bad ones get the parser's errno with nothing changed", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		h.write(`${C}/a/cpuset.cpus`, " 3,1-2 \n");
		assert.equal(h.read(`${C}/a/cpuset.cpus`), "1-3\n");
		assert.equal(h.read(`${C}/a/cpuset.effective_cpus`), "1-3\n");
		for (const [v, code] of [
			["4", "ERANGE"],
			["4294967296", "EOVERFLOW"],
			["x", "EINVAL"],
			["2-1", "EINVAL"],
		]) {
			assertErrno(() => h.write(`${C}/a/cpuset.cpus`, v!), code!, v);
			assert.equal(h.read(`${C}/a/cpuset.cpus`), "1-3\n");
		}
		h.write(`${C}/a/cpuset.mems`, "1");
		assertErrno(() => h.write(`${C}/a/cpuset.mems`, "2"), "EINVAL");
		assertErrno(() => h.write(`${C}/a/cpuset.mems`, "1023"), "EINVAL");
		assertErrno(() => h.write(`${C}/a/cpuset.mems`, "1024"), "ERANGE");
		assert.equal(h.read(`${C}/a/cpuset.mems`), "1\n");
		h.write(`${C}/a/cpuset.mems`, "\n");
		assert.equal(h.read(`${C}/a/cpuset.mems`), "\n");
	});

	it("an offline CPU cannot be given to a cpuset (not in the top cpuset: EINVAL)", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		h.kernel.machine.cpuDown(2);
		assertErrno(() => h.write(`${C}/a/cpuset.cpus`, "2"), "EINVAL");
		h.write(`${C}/a/cpuset.cpus`, "3");
	});

	it("flag files: any non-zero u64 sets, junk is EINVAL", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		for (const f of [
			"mem_hardwall",
			"memory_migrate",
			"memory_spread_page",
			"memory_spread_slab",
		]) {
			h.write(`${C}/a/cpuset.${f}`, "7");
			assert.equal(h.read(`${C}/a/cpuset.${f}`), "1\n");
			assertErrno(() => h.write(`${C}/a/cpuset.${f}`, "-1"), "EINVAL");
			assertErrno(() => h.write(`${C}/a/cpuset.${f}`, "18446744073709551616"), "ERANGE");
			assert.equal(h.read(`${C}/a/cpuset.${f}`), "1\n");
			h.write(`${C}/a/cpuset.${f}`, "0");
			assert.equal(h.read(`${C}/a/cpuset.${f}`), "0\n");
		}
		h.write(`${C}/a/cpuset.sched_load_balance`, "0");
		assert.equal(h.read(`${C}/a/cpuset.sched_load_balance`), "0\n");
	});

	it("spread flags are inherited by new children", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		h.write(`${C}/a/cpuset.memory_spread_page`, "1");
		h.mkdir(`${C}/a/b`);
		assert.equal(h.read(`${C}/a/b/cpuset.memory_spread_page`), "1\n");
		assert.equal(h.read(`${C}/a/b/cpuset.memory_spread_slab`), "0\n");
	});

	it("sched_relax_domain_level takes -1 to 2 on the reference machine's shape", () => {
		const h = host({ cpus: 2, nodes: 1 });
		h.mkdir(`${C}/a`);
		for (const v of ["-1", "0", "2"]) {
			h.write(`${C}/a/cpuset.sched_relax_domain_level`, v);
			assert.equal(h.read(`${C}/a/cpuset.sched_relax_domain_level`), `${v}\n`);
		}
		for (const v of ["-2", "3", "abc", ""]) {
			assertErrno(() => h.write(`${C}/a/cpuset.sched_relax_domain_level`, `${v}\n`), "EINVAL", v);
		}
		assert.equal(h.read(`${C}/a/cpuset.sched_relax_domain_level`), "2\n");
	});

	it("read-only files refuse writes with EINVAL", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		for (const f of ["effective_cpus", "effective_mems", "memory_pressure"]) {
			assertErrno(() => h.write(`${C}/a/cpuset.${f}`, "0"), "EINVAL", f);
		}
	});

	it("cpus writes longer than 100 + 6 * NR_CPUS are E2BIG", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		h.write(`${C}/a/cpuset.cpus`, `${" ".repeat(1635)}1`);
		assertErrno(() => h.write(`${C}/a/cpuset.cpus`, `${" ".repeat(1636)}0`), "E2BIG");
		assert.equal(h.read(`${C}/a/cpuset.cpus`), "1\n");
	});

	it("files of a removed cpuset fail with ENODEV", () => {
		const h = host();
		h.mkdir(`${C}/a`);
		const fd = h.vfs.open(h.init, `${C}/a/cpuset.cpus`, 1);
		h.rmdir(`${C}/a`);
		assert.equal(
			errnoOf(() => h.vfs.write(h.init, fd, new Uint8Array([0x30]))),
			"ENODEV",
		);
	});
});

describe("cpuset hierarchy rules", () => {
	it("a child must stay within its parent (EACCES); a parent cannot drop a child's CPUs or nodes (EBUSY)", () => {
		const h = host();
		mkcs(h, "a", "0-1", "0");
		h.mkdir(`${C}/a/b`);
		assertErrno(() => h.write(`${C}/a/b/cpuset.cpus`, "2"), "EACCES");
		assertErrno(() => h.write(`${C}/a/b/cpuset.mems`, "1"), "EACCES");
		h.write(`${C}/a/b/cpuset.cpus`, "1");
		h.write(`${C}/a/b/cpuset.mems`, "0");
		assertErrno(() => h.write(`${C}/a/cpuset.cpus`, "0"), "EBUSY");
		assertErrno(() => h.write(`${C}/a/cpuset.mems`, "\n"), "EBUSY");
		assert.equal(h.read(`${C}/a/cpuset.cpus`), "0-1\n");
		h.write(`${C}/a/cpuset.cpus`, "1-3");
		assert.equal(h.read(`${C}/a/b/cpuset.effective_cpus`), "1\n");
	});

	it("a cpuset with tasks cannot be emptied (ENOSPC)", () => {
		const h = host();
		mkcs(h, "a", "0-1", "0");
		const t = h.spawn();
		h.write(`${C}/a/tasks`, String(t.pid));
		assertErrno(() => h.write(`${C}/a/cpuset.cpus`, "\n"), "ENOSPC");
		assertErrno(() => h.write(`${C}/a/cpuset.mems`, "\n"), "ENOSPC");
		h.write(`${C}/a/cpuset.cpus`, "1");
		assert.equal(status(h, t, "Cpus_allowed_list"), "1");
		h.write(`${C}/tasks`, String(t.pid));
		h.write(`${C}/a/cpuset.cpus`, "\n");
	});

	it("exclusive siblings cannot overlap (EINVAL); a child is exclusive only under an exclusive parent (EACCES)", () => {
		const h = host();
		mkcs(h, "a", "0-3", "0-1");
		mkcs(h, "a/x", "0-1", "0");
		mkcs(h, "a/y", "1-2", "1");
		assertErrno(() => h.write(`${C}/a/x/cpuset.cpu_exclusive`, "1"), "EACCES");
		h.write(`${C}/a/cpuset.cpu_exclusive`, "1");
		h.write(`${C}/a/cpuset.mem_exclusive`, "1");
		assertErrno(() => h.write(`${C}/a/x/cpuset.cpu_exclusive`, "1"), "EINVAL");
		h.write(`${C}/a/y/cpuset.cpus`, "2-3");
		h.write(`${C}/a/x/cpuset.cpu_exclusive`, "1");
		assertErrno(() => h.write(`${C}/a/y/cpuset.cpus`, "1-3"), "EINVAL");
		assertErrno(() => h.write(`${C}/a/cpuset.cpu_exclusive`, "0"), "EBUSY");
		h.write(`${C}/a/x/cpuset.mem_exclusive`, "1");
		assertErrno(() => h.write(`${C}/a/y/cpuset.mems`, "0-1"), "EINVAL");
		assert.equal(h.read(`${C}/a/y/cpuset.mems`), "1\n");
		// An exclusive cpuset cannot drop its last CPU (dl bandwidth).
		assertErrno(() => h.write(`${C}/a/x/cpuset.cpus`, "\n"), "EBUSY");
	});

	it("clone_children copies the parent's cpus and mems unless a sibling is exclusive", () => {
		const h = host();
		mkcs(h, "a", "1-2", "1");
		h.write(`${C}/a/cgroup.clone_children`, "1");
		h.mkdir(`${C}/a/b`);
		assert.equal(h.read(`${C}/a/b/cpuset.cpus`), "1-2\n");
		assert.equal(h.read(`${C}/a/b/cpuset.effective_mems`), "1\n");
		assert.equal(h.read(`${C}/a/b/cgroup.clone_children`), "1\n");
		h.write(`${C}/a/cpuset.cpu_exclusive`, "1");
		h.write(`${C}/a/b/cpuset.cpu_exclusive`, "1");
		h.mkdir(`${C}/a/e`);
		assert.equal(h.read(`${C}/a/e/cpuset.cpus`), "\n");
		h.write(`${C}/a/b/cpuset.cpu_exclusive`, "0");
		h.mkdir(`${C}/a/f`);
		assert.equal(h.read(`${C}/a/f/cpuset.cpus`), "1-2\n");
		h.write(`${C}/a/cgroup.clone_children`, "0");
		h.mkdir(`${C}/a/c`);
		assert.equal(h.read(`${C}/a/c/cpuset.cpus`), "\n");
	});
});

describe("cpuset attach", () => {
	it("attaching to a cpuset without CPUs or nodes is ENOSPC, with nothing moved", () => {
		const h = host();
		mkcs(h, "nocpus", "", "0");
		mkcs(h, "nomems", "1", "");
		const t = h.spawn();
		for (const d of ["nocpus", "nomems"]) {
			assertErrno(() => h.write(`${C}/${d}/tasks`, String(t.pid)), "ENOSPC", d);
			assertErrno(() => h.write(`${C}/${d}/cgroup.procs`, String(t.pid)), "ENOSPC", d);
			assert.equal(h.read(`${C}/${d}/tasks`), "");
		}
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/\n");
		assert.equal(status(h, t, "Cpus_allowed_list"), "0-3");
		h.kernel.runPendingWork();
	});

	it("an attached task takes the cpuset's CPUs and nodes; status and /proc/<pid>/cpuset show them", () => {
		const h = host();
		mkcs(h, "a", "2-3", "1");
		const t = h.spawn();
		h.write(`${C}/a/cgroup.procs`, String(t.pid));
		assert.equal(status(h, t, "Cpus_allowed"), "c");
		assert.equal(status(h, t, "Cpus_allowed_list"), "2-3");
		assert.equal(status(h, t, "Mems_allowed_list"), "1");
		assert.equal(status(h, t, "Mems_allowed"), `${"00000000,".repeat(31)}00000002`);
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/a\n");
		const child = h.spawn(t);
		assert.equal(status(h, child, "Cpus_allowed_list"), "2-3");
		h.write(`${C}/tasks`, String(t.pid));
		assert.equal(status(h, t, "Cpus_allowed_list"), "0-3");
		assert.equal(status(h, t, "Mems_allowed_list"), "0-1");
	});

	it("tasks follow changes of their cpuset's cpus and mems, and of an ancestor's", () => {
		const h = host();
		mkcs(h, "a", "0-3", "0-1");
		mkcs(h, "a/b", "1-3", "0-1");
		const t = h.spawn();
		h.write(`${C}/a/b/tasks`, String(t.pid));
		h.write(`${C}/a/b/cpuset.cpus`, "3");
		h.write(`${C}/a/b/cpuset.mems`, "1");
		assert.equal(status(h, t, "Cpus_allowed_list"), "3");
		assert.equal(status(h, t, "Mems_allowed_list"), "1");
	});

	it("the shell says `No space left on device` for /bin/echo $$ > tasks into a fresh cpuset", () => {
		const sys = newSystem({ cpus: 2 });
		const run = runProgram(sys, [
			"/bin/sh",
			"-c",
			"cd /sys/fs/cgroup/cpuset; mkdir a; /bin/echo $$ > a/tasks; echo status $?; cat /proc/self/cpuset; echo 0 > a/cpuset.cpus; echo 0 > a/cpuset.mems; /bin/echo $$ > a/tasks; cat /proc/self/cpuset",
		]);
		assert.equal(run.stdout, "status 1\n/\n/a\n");
		assert.equal(run.stderr, "/bin/echo: write error: No space left on device\n");
	});
});

describe("cpuset and CPU hotplug", () => {
	it("v1: an offline CPU leaves every cpuset; an emptied one's tasks move to the nearest ancestor with CPUs", () => {
		const h = host();
		mkcs(h, "a", "2-3", "0-1");
		mkcs(h, "a/b", "3", "1");
		mkcs(h, "a/b/c", "3", "1");
		const t = h.spawn();
		const u = h.spawn();
		h.write(`${C}/a/b/c/tasks`, String(t.pid));
		h.write(`${C}/a/b/tasks`, String(u.pid));
		h.write("/sys/devices/system/cpu/cpu3/online", "0");
		assert.equal(h.read(`${C}/cpuset.cpus`), "0-2\n");
		assert.equal(h.read(`${C}/a/cpuset.cpus`), "2\n");
		assert.equal(h.read(`${C}/a/b/cpuset.cpus`), "\n");
		assert.equal(h.read(`${C}/a/b/c/cpuset.effective_cpus`), "\n");
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/a\n");
		assert.equal(h.read(`/proc/${u.pid}/cpuset`), "/a\n");
		assert.equal(status(h, t, "Cpus_allowed_list"), "2");
		// Back online: the root gets it again, the children do not.
		h.write("/sys/devices/system/cpu/cpu3/online", "1");
		assert.equal(h.read(`${C}/cpuset.cpus`), "0-3\n");
		assert.equal(h.read(`${C}/a/cpuset.cpus`), "2\n");
		assert.equal(h.read(`${C}/a/b/cpuset.cpus`), "\n");
		h.host.kernel.runPendingWork();
	});

	it("the move is done through the shell's write, as the workqueue runs on return", () => {
		const sys = newSystem({ cpus: 2 });
		const run = runProgram(sys, [
			"/bin/sh",
			"-c",
			"cd /sys/fs/cgroup/cpuset; mkdir a; echo 1 > a/cpuset.cpus; echo 0 > a/cpuset.mems; sleep 100 & echo $! > a/tasks; cat a/tasks | wc -l; echo 0 > /sys/devices/system/cpu/cpu1/online; cat a/tasks | wc -l; cat /proc/$!/cpuset; grep Cpus_allowed_list /proc/$!/status; cat a/cpuset.cpus; kill $!",
		]);
		assert.equal(run.stdout, "1\n0\n/\nCpus_allowed_list:\t0-1\n\n");
	});

	it("tasks not in a cpuset hierarchy keep every possible CPU", () => {
		const h = new TestHost({ layout: "v2", cpus: 2 });
		const t = h.spawn();
		h.kernel.machine.cpuDown(1);
		assert.equal(status(h, t, "Cpus_allowed_list"), "0-1");
		assert.equal(h.read(`/proc/${t.pid}/cpuset`), "/\n");
	});
});

describe("the cpuset filesystem type", () => {
	it("mount -t cpuset shows the files without prefix", () => {
		const h = new TestHost({ layout: "bare", cpus: 2 });
		h.vfs.mount(h.init, "cpuset", "/tmp", "cpuset", 0, null);
		const names = h.ls("/tmp");
		assert.ok(
			names.includes("cpus") && names.includes("mems") && names.includes("memory_pressure_enabled"),
		);
		assert.ok(!names.some((n) => n.startsWith("cpuset.")));
		h.mkdir("/tmp/a");
		h.write("/tmp/a/cpus", "1");
		assert.equal(h.read("/tmp/a/effective_cpus"), "1\n");
	});
});

describe("cpuset invariants under random writes", () => {
	it("child ⊆ parent, effective = cpus ∩ parent's effective, exclusive siblings disjoint; failures change nothing", () => {
		const dirs = ["a", "b", "a/c", "a/d"];
		const files = ["cpuset.cpus", "cpuset.cpu_exclusive", "cpuset.mems", "cpuset.mem_exclusive"];
		const dir = fc.constantFrom(...dirs, "");
		const list = fc.oneof(
			fc.constantFrom("\n", "0-3", "4", "x"),
			fc.subarray([0, 1, 2, 3], { minLength: 1 }).map((b) => b.join(",")),
		);
		const op = fc.oneof(
			fc.record({ dir, file: fc.constantFrom("cpuset.cpus", "cpuset.mems"), value: list }),
			fc.record({
				dir,
				file: fc.constantFrom("cpuset.cpu_exclusive", "cpuset.mem_exclusive"),
				value: fc.constantFrom("0", "1"),
			}),
		);
		fc.assert(
			fc.property(fc.array(op, { minLength: 20, maxLength: 40 }), (ops) => {
				const h = host();
				for (const d of dirs) h.mkdir(`${C}/${d}`);
				const snapshot = (): string =>
					["", ...dirs]
						.map((d) => files.map((f) => h.read(`${C}/${d}${d ? "/" : ""}${f}`)).join(""))
						.join("|");
				for (const { dir, file, value } of ops) {
					const before = snapshot();
					const path = `${C}/${dir}${dir ? "/" : ""}${file}`;
					if (errnoOf(() => h.write(path, value)) !== "OK") assert.equal(snapshot(), before);
					check(h, dirs);
				}
			}),
			{ numRuns: 150 },
		);
	});
});

function check(h: TestHost, dirs: string[]): void {
	const read = (d: string, f: string) => h.read(`${C}/${d}${d ? "/" : ""}cpuset.${f}`);
	const bits = (s: string): Set<number> => {
		const out = new Set<number>();
		for (const part of s.trim().split(",")) {
			if (part === "") continue;
			const [lo, hi] = part.split("-").map(Number);
			for (let b = lo!; b <= (hi ?? lo)!; b++) out.add(b);
		}
		return out;
	};
	const parentOf = (d: string) => (d.includes("/") ? d.slice(0, d.lastIndexOf("/")) : "");
	for (const d of dirs) {
		const p = parentOf(d);
		for (const [mask, eff] of [
			["cpus", "effective_cpus"],
			["mems", "effective_mems"],
		] as const) {
			const mine = bits(read(d, mask));
			const parent = bits(read(p, mask));
			for (const b of mine) assert.ok(parent.has(b), `${d} ${mask} ⊆ parent`);
			const expected = [...mine].filter((b) => bits(read(p, eff)).has(b));
			assert.equal(read(d, eff), `${bitmapListString(maskOf(expected))}\n`);
		}
	}
	for (const d of dirs) {
		for (const e of dirs) {
			if (d >= e || parentOf(d) !== parentOf(e)) continue;
			for (const [flag, mask] of [
				["cpu_exclusive", "cpus"],
				["mem_exclusive", "mems"],
			] as const) {
				if (read(d, flag) === "1\n" || read(e, flag) === "1\n") {
					const a = bits(read(d, mask));
					for (const b of bits(read(e, mask))) assert.ok(!a.has(b), `${d} and ${e} share ${mask}`);
				}
			}
		}
	}
}

function maskOf(bits: number[]): Cpumask {
	return Cpumask.of(64, bits);
}
