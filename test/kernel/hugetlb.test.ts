import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import type { HugetlbCgroup } from "../../src/kernel/cgroup/controllers/hugetlb.ts";
import { type HugetlbMapping, hugetlbOf } from "../../src/kernel/mm/hugetlb.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const M2 = 2 * 1024 ** 2;
const MAXB = "9223372036854771712\n";

function host(pool2m = 0): TestHost {
	const t = new TestHost({ layout: "bare", nodes: 1 });
	t.mkdir("/tmp/h");
	t.vfs.mount(t.init, "cgroup", "/tmp/h", "cgroup", 0, "hugetlb");
	const hugetlb = hugetlbOf(t.kernel);
	hugetlb.setNrHugepages(hugetlb.hstateOf(M2), pool2m);
	return t;
}

function hcgOf(t: TestHost, path: string): HugetlbCgroup {
	const inode = t.vfs.resolve(t.init, path).inode;
	assert.ok(inode instanceof CgroupDirInode);
	const ss = t.kernel.cgroup.subsysByName("hugetlb")!;
	return inode.cgroup.subsys(ss.id) as HugetlbCgroup;
}

describe("hugetlb files", () => {
	it("has nine files per size with PAGE_COUNTER_MAX limits and empty stats", () => {
		const t = host();
		t.mkdir("/tmp/h/a");
		const files = t.ls("/tmp/h/a").filter((n) => n.startsWith("hugetlb."));
		assert.equal(files.length, 18);
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.limit_in_bytes"), MAXB);
		assert.equal(t.read("/tmp/h/a/hugetlb.1GB.rsvd.limit_in_bytes"), MAXB);
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.failcnt"), "0\n");
		assert.equal(
			t.read("/tmp/h/a/hugetlb.1GB.numa_stat"),
			"total=0 N0=0\nhierarchical_total=0 N0=0\n",
		);
	});

	it("rounds limits down to huge pages, takes -1 and memparse suffixes, refuses the rest", () => {
		const t = host();
		t.mkdir("/tmp/h/a");
		const f = "/tmp/h/a/hugetlb.2MB.limit_in_bytes";
		for (const [v, want] of [
			["4194305", "4194304\n"],
			["3M", "2097152\n"],
			["1g\n", "1073741824\n"],
			["-1", "9223372036852678656\n"],
			[" 4M ", "4194304\n"],
			["\n", "0\n"],
		] as const) {
			t.write(f, v);
			assert.equal(t.read(f), want, JSON.stringify(v));
		}
		t.write("/tmp/h/a/hugetlb.1GB.limit_in_bytes", "-1");
		assert.equal(t.read("/tmp/h/a/hugetlb.1GB.limit_in_bytes"), "9223372035781033984\n");
		for (const v of ["-2", "max", "4Mx", "abc"]) {
			assertErrno(() => t.write(f, v), "EINVAL", v);
			assert.equal(t.read(f), "0\n");
		}
		assertErrno(() => t.write("/tmp/h/hugetlb.2MB.limit_in_bytes", "4M"), "EINVAL");
		assertErrno(() => t.write("/tmp/h/a/hugetlb.2MB.usage_in_bytes", "0"), "EINVAL");
		t.write("/tmp/h/a/hugetlb.2MB.failcnt", "x");
	});
});

describe("hugetlb charging", () => {
	it("charges faults up the hierarchy, fails at the ancestor's limit, reparents on rmdir", () => {
		const t = host(8);
		const hugetlb = hugetlbOf(t.kernel);
		const h = hugetlb.hstateOf(M2);
		t.mkdir("/tmp/h/a");
		t.mkdir("/tmp/h/a/b");
		t.write("/tmp/h/a/hugetlb.2MB.limit_in_bytes", "4M");
		const task = t.spawn();
		t.write("/tmp/h/a/b/tasks", String(task.pid));
		const m = hugetlb.mmap(task, h, 3);
		assert.equal(t.read("/tmp/h/a/b/hugetlb.2MB.rsvd.usage_in_bytes"), `${3 * M2}\n`);
		hugetlb.fault(m, 0);
		hugetlb.fault(m, 1);
		assertErrno(() => hugetlb.fault(m, 2), "ENOSPC");
		assert.equal(t.read("/tmp/h/a/b/hugetlb.2MB.usage_in_bytes"), `${2 * M2}\n`);
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.usage_in_bytes"), `${2 * M2}\n`);
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.failcnt"), "1\n");
		assert.equal(t.read("/tmp/h/a/b/hugetlb.2MB.failcnt"), "0\n");
		assert.equal(
			t.read("/tmp/h/a/hugetlb.2MB.numa_stat"),
			`total=0 N0=0\nhierarchical_total=${2 * M2} N0=${2 * M2}\n`,
		);
		assertErrno(() => t.write("/tmp/h/a/hugetlb.2MB.limit_in_bytes", "2M"), "EBUSY");
		t.write("/tmp/h/tasks", String(task.pid));
		t.rmdir("/tmp/h/a/b");
		assert.equal(
			t.read("/tmp/h/a/hugetlb.2MB.numa_stat"),
			`total=${2 * M2} N0=${2 * M2}\nhierarchical_total=${2 * M2} N0=${2 * M2}\n`,
		);
		hugetlb.munmap(m);
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.usage_in_bytes"), "0\n");
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.max_usage_in_bytes"), `${2 * M2}\n`);
		assert.equal(h.freeHugePages, 8);
		assert.equal(h.resvHugePages, 0);
	});

	it("refuses a mapping the pool or the rsvd limit cannot cover (ENOMEM)", () => {
		const t = host(2);
		const hugetlb = hugetlbOf(t.kernel);
		t.mkdir("/tmp/h/a");
		const task = t.spawn();
		t.write("/tmp/h/a/tasks", String(task.pid));
		assertErrno(() => hugetlb.mmap(task, hugetlb.hstateOf(M2), 3), "ENOMEM");
		t.write("/tmp/h/a/hugetlb.2MB.rsvd.limit_in_bytes", "2M");
		assertErrno(() => hugetlb.mmap(task, hugetlb.hstateOf(M2), 2), "ENOMEM");
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.rsvd.failcnt"), "1\n");
		assert.equal(t.read("/tmp/h/a/hugetlb.2MB.rsvd.usage_in_bytes"), "0\n");
	});

	it("keeps usage = own pages + children's usage, never above any limit (property)", () => {
		const paths = ["/tmp/h", "/tmp/h/a", "/tmp/h/a/b", "/tmp/h/c"];
		const op = fc.oneof(
			fc.record({
				kind: fc.constant("map" as const),
				cg: fc.integer({ min: 0, max: 3 }),
				n: fc.integer({ min: 1, max: 4 }),
			}),
			fc.record({ kind: fc.constant("unmap" as const), i: fc.nat() }),
			fc.record({
				kind: fc.constant("limit" as const),
				cg: fc.integer({ min: 1, max: 3 }),
				pages: fc.integer({ min: 0, max: 8 }),
			}),
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
				const t = host(32);
				const hugetlb = hugetlbOf(t.kernel);
				const h = hugetlb.hstateOf(M2);
				for (const p of paths.slice(1)) t.mkdir(p);
				const tasks = paths.map((p) => {
					const task = t.spawn();
					t.write(`${p}/tasks`, String(task.pid));
					return task;
				});
				const maps: HugetlbMapping[] = [];
				for (const o of ops) {
					if (o.kind === "map") {
						try {
							const m = hugetlb.mmap(tasks[o.cg]!, h, o.n);
							maps.push(m);
							for (let i = 0; i < o.n; i++) hugetlb.fault(m, i);
						} catch {}
					} else if (o.kind === "unmap") {
						if (maps.length > 0) hugetlb.munmap(maps.splice(o.i % maps.length, 1)[0]!);
					} else {
						try {
							t.write(`${paths[o.cg]}/hugetlb.2MB.limit_in_bytes`, String(o.pages * M2));
						} catch {}
					}
					const css = paths.map((p) => hcgOf(t, p));
					const own = css.map((c) => c.nodeUsage[h.index]![0]!);
					const usage = css.map((c) => c.hugepage[h.index]!.usage);
					assert.equal(usage[2], own[2]);
					assert.equal(usage[3], own[3]);
					assert.equal(usage[1], own[1]! + usage[2]!);
					assert.equal(usage[0], own[0]! + usage[1]! + usage[3]!);
					for (const c of css) assert.ok(c.hugepage[h.index]!.usage <= c.hugepage[h.index]!.max);
					assert.equal(h.nrHugePages - h.freeHugePages, usage[0]! / h.pagesPerHugePage);
				}
			}),
			{ numRuns: 60 },
		);
	});
});

describe("stress-ng --mmaphuge", () => {
	it("shows its huge pages in usage_in_bytes and hits a limit below its use", () => {
		const sys = newSystem({ layout: "hybrid" });
		const hugetlb = hugetlbOf(sys.kernel);
		hugetlb.setNrHugepages(hugetlb.hstateOf(M2), 64);
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			[
				"mkdir /tmp/h && mount -t cgroup -o hugetlb cgroup /tmp/h && mkdir /tmp/h/a /tmp/h/b",
				"echo 6M > /tmp/h/b/hugetlb.2MB.limit_in_bytes",
				"sh -c 'echo $$ > /tmp/h/a/tasks; exec stress-ng -q --mmaphuge 1 --mmaphuge-mmaps 4 --timeout 2' &",
				"sh -c 'echo $$ > /tmp/h/b/tasks; exec stress-ng -q --mmaphuge 1 --mmaphuge-mmaps 4 --timeout 2' &",
				"sleep 1",
				"cat /tmp/h/a/hugetlb.2MB.usage_in_bytes /tmp/h/b/hugetlb.2MB.usage_in_bytes",
				"cat /tmp/h/a/hugetlb.2MB.failcnt; test $(cat /tmp/h/b/hugetlb.2MB.failcnt) -gt 1 && echo b-failing",
				"wait",
				"cat /tmp/h/a/hugetlb.2MB.usage_in_bytes /tmp/h/b/hugetlb.2MB.usage_in_bytes /tmp/h/a/hugetlb.2MB.max_usage_in_bytes",
			].join("\n"),
		]);
		assert.equal(r.stderr, "");
		const [ua, ub, fa, failing, ua2, ub2, maxa] = r.stdout.trim().split("\n");
		assert.ok(Number(ua) > 0, `a uses huge pages: ${r.stdout} ${r.stderr}`);
		assert.ok(Number(ub) <= 6 * 1024 ** 2);
		assert.equal(fa, "0");
		assert.equal(failing, "b-failing");
		assert.deepEqual([ua2, ub2], ["0", "0"]);
		assert.ok(Number(maxa) >= Number(ua));
	});
});
