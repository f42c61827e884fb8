/**
 * The hugetlb controller on cgroup2 (mm/hugetlb_cgroup.c,
 * hugetlb_dfl_tmpl[]): per huge page size max, rsvd.max, current,
 * rsvd.current, events, events.local and numa_stat, none on the root;
 * "max" for no limit; refused charges counted by hugetlb_event() in the
 * charging cgroup (events.local) and in it and its ancestors below the
 * root (events).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import type { HugetlbCgroup } from "../../src/kernel/cgroup/controllers/hugetlb.ts";
import { hugetlbOf } from "../../src/kernel/mm/hugetlb.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const R = "/sys/fs/cgroup";
const M2 = 2 * 1024 ** 2;
const SIZES = ["1GB", "2MB"];
const FILES: [string, number, string][] = [
	["current", 0o444, "0\n"],
	["events", 0o444, "max 0\n"],
	["events.local", 0o444, "max 0\n"],
	["max", 0o644, "max\n"],
	["numa_stat", 0o444, "total=0 N0=0\n"],
	["rsvd.current", 0o444, "0\n"],
	["rsvd.max", 0o644, "max\n"],
];

/** A v2 host with a 2MB pool; a enables hugetlb for its child b. */
function setup(pool2m = 0): TestHost {
	const h = new TestHost({ layout: "v2", nodes: 1 });
	const hugetlb = hugetlbOf(h.kernel);
	hugetlb.setNrHugepages(hugetlb.hstateOf(M2), pool2m);
	h.mkdir(`${R}/a`);
	h.write(`${R}/a/cgroup.subtree_control`, "+hugetlb");
	h.mkdir(`${R}/a/b`);
	return h;
}

const read = (h: TestHost, f: string) => h.read(`${R}/${f}`);
const write = (h: TestHost, f: string, v: string) => h.write(`${R}/${f}`, v);

function taskIn(h: TestHost, cg: string): Task {
	const t = h.spawn();
	write(h, `${cg}/cgroup.procs`, String(t.pid));
	return t;
}

function hcgOf(h: TestHost, cg: string): HugetlbCgroup {
	const inode = h.vfs.resolve(h.init, `${R}/${cg}`).inode;
	assert.ok(inode instanceof CgroupDirInode);
	const ss = h.kernel.cgroup.subsysByName("hugetlb")!;
	return inode.cgroup.subsys(ss.id) as HugetlbCgroup;
}

describe("hugetlb files on cgroup2", () => {
	it("has seven files per size below the root, none on it, with their modes and defaults", () => {
		const h = setup();
		assert.deepEqual(
			h.ls(R).filter((n) => n.startsWith("hugetlb.")),
			[],
		);
		const want = SIZES.flatMap((s) => FILES.map(([f]) => `hugetlb.${s}.${f}`));
		assert.deepEqual(
			h
				.ls(`${R}/a`)
				.filter((n) => n.startsWith("hugetlb."))
				.sort(),
			want,
		);
		for (const s of SIZES) {
			for (const [f, mode, content] of FILES) {
				const path = `${R}/a/hugetlb.${s}.${f}`;
				assert.equal(h.vfs.stat(h.init, path).mode & 0o777, mode, path);
				assert.equal(h.read(path), content, path);
			}
		}
	});

	it("max and rsvd.max take memparse sizes rounded down to whole huge pages, or max", () => {
		const h = setup();
		for (const file of ["max", "rsvd.max"]) {
			const f = `a/hugetlb.2MB.${file}`;
			for (const [v, want] of [
				["4194305", "4194304"],
				["3M", "2097152"],
				["1g\n", "1073741824"],
				[" 4M ", "4194304"],
				["0", "0"],
				["max", "max"],
				["9223372036854775807", "max"],
				["18446744073709551615", "max"],
				["18446744073709551616", "0"],
				["\n", "0"],
			] as const) {
				write(h, f, v);
				assert.equal(read(h, f), `${want}\n`, `${file} ${JSON.stringify(v)}`);
			}
			for (const v of ["-1", "abc", "4Mx", "max1", "4 M"]) {
				assertErrno(() => write(h, f, v), "EINVAL", v);
				assert.equal(read(h, f), "0\n");
			}
		}
		write(h, "a/hugetlb.1GB.max", "3G");
		assert.equal(read(h, "a/hugetlb.1GB.max"), "3221225472\n");
		write(h, "a/hugetlb.1GB.max", "1G");
		assert.equal(read(h, "a/hugetlb.1GB.max"), "1073741824\n");
		for (const f of ["current", "rsvd.current", "events", "events.local", "numa_stat"]) {
			assertErrno(() => write(h, `a/hugetlb.2MB.${f}`, "0"), "EINVAL", f);
		}
	});
});

describe("hugetlb charging on cgroup2", () => {
	it("a fault past an ancestor's max fails; events count in the faulting cgroup and up", () => {
		const h = setup(8);
		const hugetlb = hugetlbOf(h.kernel);
		const hs = hugetlb.hstateOf(M2);
		write(h, "a/hugetlb.2MB.max", "4M");
		const task = taskIn(h, "a/b");
		const m = hugetlb.mmap(task, hs, 3);
		assert.equal(read(h, "a/b/hugetlb.2MB.rsvd.current"), `${3 * M2}\n`);
		assert.equal(read(h, "a/hugetlb.2MB.rsvd.current"), `${3 * M2}\n`);
		hugetlb.fault(m, 0);
		hugetlb.fault(m, 1);
		assertErrno(() => hugetlb.fault(m, 2), "ENOSPC");
		assert.equal(read(h, "a/b/hugetlb.2MB.current"), `${2 * M2}\n`);
		assert.equal(read(h, "a/hugetlb.2MB.current"), `${2 * M2}\n`);
		// hugetlb_event() of the charging cgroup b: b's local and b's and a's events.
		assert.equal(read(h, "a/b/hugetlb.2MB.events"), "max 1\n");
		assert.equal(read(h, "a/b/hugetlb.2MB.events.local"), "max 1\n");
		assert.equal(read(h, "a/hugetlb.2MB.events"), "max 1\n");
		assert.equal(read(h, "a/hugetlb.2MB.events.local"), "max 0\n");
		assert.equal(read(h, "a/hugetlb.1GB.events"), "max 0\n");
		// numa_stat on cgroup2 is the subtree's only.
		assert.equal(read(h, "a/hugetlb.2MB.numa_stat"), `total=${2 * M2} N0=${2 * M2}\n`);
		assertErrno(() => write(h, "a/hugetlb.2MB.max", "2M"), "EBUSY");
		assert.equal(read(h, "a/hugetlb.2MB.max"), "4194304\n");
		hugetlb.munmap(m);
		assert.equal(read(h, "a/hugetlb.2MB.current"), "0\n");
		assert.equal(read(h, "a/hugetlb.2MB.rsvd.current"), "0\n");
	});

	it("notifies pollers of the events files of the size that was refused", () => {
		const h = setup(4);
		const hugetlb = hugetlbOf(h.kernel);
		const seen: string[] = [];
		h.kernel.cgroup.onFileNotify((cgrp, name) => {
			if (name.startsWith("hugetlb.")) seen.push(`${cgrp.path()} ${name}`);
		});
		write(h, "a/b/hugetlb.2MB.max", "0");
		const m = hugetlb.mmap(taskIn(h, "a/b"), hugetlb.hstateOf(M2), 1);
		assertErrno(() => hugetlb.fault(m, 0), "ENOSPC");
		assert.deepEqual(seen, [
			"/a/b hugetlb.2MB.events.local",
			"/a/b hugetlb.2MB.events",
			"/a hugetlb.2MB.events",
		]);
	});

	it("a refused reservation is an event too (hugetlb_cgroup_charge_cgroup_rsvd())", () => {
		const h = setup();
		const idx = hugetlbOf(h.kernel).hstateOf(M2).index;
		write(h, "a/hugetlb.2MB.rsvd.max", "2M");
		const b = hcgOf(h, "a/b");
		assert.equal(b.chargeRsvd(idx, 512), true);
		assert.equal(b.chargeRsvd(idx, 512), false);
		assert.equal(read(h, "a/b/hugetlb.2MB.rsvd.current"), `${M2}\n`);
		assert.equal(read(h, "a/b/hugetlb.2MB.events.local"), "max 1\n");
		assert.equal(read(h, "a/hugetlb.2MB.events"), "max 1\n");
		b.rsvdHugepage[idx]!.uncharge(512);
	});

	it("removing a cgroup, or disabling hugetlb above it, hands its pages to the parent", () => {
		const h = setup(8);
		const hugetlb = hugetlbOf(h.kernel);
		const hs = hugetlb.hstateOf(M2);
		const task = taskIn(h, "a/b");
		const m = hugetlb.mmap(task, hs, 2);
		hugetlb.fault(m, 0);
		hugetlb.fault(m, 1);
		write(h, "cgroup.procs", String(task.pid));
		write(h, "a/cgroup.subtree_control", "-hugetlb");
		assert.deepEqual(
			h.ls(`${R}/a/b`).filter((n) => n.startsWith("hugetlb.")),
			[],
		);
		assert.equal(read(h, "a/hugetlb.2MB.current"), `${2 * M2}\n`);
		assert.equal(hcgOf(h, "a").nodeUsage[hs.index]![0], 2 * hs.pagesPerHugePage);
		assert.equal(read(h, "a/hugetlb.2MB.numa_stat"), `total=${2 * M2} N0=${2 * M2}\n`);
		hugetlb.munmap(m);
		assert.equal(read(h, "a/hugetlb.2MB.current"), "0\n");
		assert.equal(hs.freeHugePages, 8);
	});
});
