/**
 * libcgroup's iterators (walk.ts) over the emulated host: the tree walk
 * in fts order, the value, stat and task readers, and the mount table and
 * /proc/cgroups iterators.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
	ECGEOF,
	ECGINVAL,
	ECGOTHER,
	ECGROUPNOTINITIALIZED,
} from "../../../src/userland/lib/libcgroup/errors.ts";
import type { Libcg } from "../../../src/userland/lib/libcgroup/libcg.ts";
import {
	CGROUP_FILE_TYPE_FILE,
	CGROUP_WALK_TYPE_POST_DIR,
	CGROUP_WALK_TYPE_PRE_DIR,
	type CgroupMountPoint,
	type CgroupStat,
	cgroupGetAllControllerBegin,
	cgroupGetAllControllerEnd,
	cgroupGetAllControllerNext,
	cgroupGetControllerBegin,
	cgroupGetControllerEnd,
	cgroupGetControllerNext,
	cgroupGetSubsysMountPointBegin,
	cgroupGetSubsysMountPointNext,
	cgroupGetTaskBegin,
	cgroupGetTaskNext,
	cgroupReadStatsBegin,
	cgroupReadStatsNext,
	cgroupReadValueBegin,
	cgroupReadValueNext,
	cgroupWalkTreeBegin,
	cgroupWalkTreeEnd,
	cgroupWalkTreeNext,
	cgroupWalkTreeSetFlags,
	newControllerData,
	newFileInfo,
	StdioFile,
} from "../../../src/userland/lib/libcgroup/walk.ts";
import { h4System, libcg, mkdir, R, sh } from "./h4-support.ts";

/** Every entry of a walk as "type depth fullPath" (after the root, which is returned by begin). */
function walk(lc: Libcg, ctrl: string, base: string, depth = 0, flags?: number): string[] {
	const info = newFileInfo();
	const b = cgroupWalkTreeBegin(lc, ctrl, base, depth, info);
	assert.equal(b.ret, 0);
	const outl = [`${info.type} ${info.depth} ${info.fullPath}`];
	if (flags !== undefined) assert.equal(cgroupWalkTreeSetFlags(lc, b.handle, flags), 0);
	for (;;) {
		const r = cgroupWalkTreeNext(lc, depth, b.handle, info, b.baseLevel);
		if (r !== 0) {
			assert.equal(r, ECGEOF);
			break;
		}
		outl.push(`${info.type} ${info.depth} ${info.fullPath}`);
	}
	assert.equal(cgroupWalkTreeEnd(lc, b.handle), 0);
	return outl;
}

describe("cgroup_walk_tree", () => {
	test("pre-order in directory order, files and the post-order visit reported as OTHER", () => {
		const s = h4System();
		for (const d of ["x", "x/a", "x/a/b", "x/c"]) mkdir(s, `${R}/pids/${d}`);
		const lc = libcg(s);
		const all = walk(lc, "pids", "x");
		const P = "/sys/fs/cgroup/pids//x";
		// The kernfs order of this directory: cgroup.procs c a pids.current ... (as ls -f shows).
		assert.equal(
			sh(s, `ls -f ${R}/pids/x | tr '\\n' ' '`).stdout,
			". .. cgroup.procs c a pids.current pids.events tasks notify_on_release pids.max pids.peak cgroup.clone_children ",
		);
		const dirs = all.filter((l) => !l.startsWith(`${CGROUP_FILE_TYPE_FILE} `));
		assert.deepEqual(dirs, [
			`1 0 ${P}/`,
			`1 1 ${P}/c`,
			`2 1 ${P}/c`,
			`1 1 ${P}/a`,
			`1 2 ${P}/a/b`,
			`2 2 ${P}/a/b`,
			`2 1 ${P}/a`,
			`2 0 ${P}/`,
		]);
		assert.equal(all[1], `0 1 ${P}/cgroup.procs`);
		assert.equal(all[2], `1 1 ${P}/c`);
		assert.equal(all.length, 8 + 3 * 8 + 8);
	});

	test("POST_DIR reports directories after their children; PRE and POST together is ECGINVAL", () => {
		const s = h4System();
		for (const d of ["x", "x/a", "x/a/b"]) mkdir(s, `${R}/pids/${d}`);
		const lc = libcg(s);
		const dirs = walk(lc, "pids", "/x", 0, CGROUP_WALK_TYPE_POST_DIR).filter((l) =>
			l.startsWith("1 "),
		);
		// The root came from begin, with the default PRE_DIR flag.
		assert.deepEqual(dirs, [
			"1 0 /sys/fs/cgroup/pids//x/",
			"1 2 /sys/fs/cgroup/pids//x/a/b",
			"1 1 /sys/fs/cgroup/pids//x/a",
			"1 0 /sys/fs/cgroup/pids//x/",
		]);
		const info = newFileInfo();
		const b = cgroupWalkTreeBegin(lc, "pids", "/", 0, info);
		assert.equal(
			cgroupWalkTreeSetFlags(lc, b.handle, CGROUP_WALK_TYPE_PRE_DIR | CGROUP_WALK_TYPE_POST_DIR),
			ECGINVAL,
		);
		assert.equal(cgroupWalkTreeSetFlags(lc, null, CGROUP_WALK_TYPE_PRE_DIR), ECGINVAL);
		assert.equal(cgroupWalkTreeNext(lc, 0, null, info, 0), ECGINVAL);
	});

	test("depth: entries below the base level are OTHER but still walked", () => {
		const s = h4System();
		for (const d of ["x", "x/a", "x/a/b"]) mkdir(s, `${R}/pids/${d}`);
		const lc = libcg(s);
		const all = walk(lc, "pids", "x", 1);
		assert.deepEqual(
			all.filter((l) => l.startsWith("1 ")),
			["1 0 /sys/fs/cgroup/pids//x/", "1 1 /sys/fs/cgroup/pids//x/a"],
		);
		assert.ok(all.includes("2 2 /sys/fs/cgroup/pids//x/a/b"));
		assert.ok(all.includes("2 2 /sys/fs/cgroup/pids//x/a/tasks"));
	});

	test("info names the entry and its parent (the root's name is its path)", () => {
		const s = h4System();
		mkdir(s, `${R}/pids/x`);
		const lc = libcg(s);
		const info = newFileInfo();
		const b = cgroupWalkTreeBegin(lc, "pids", "x", 0, info);
		assert.deepEqual(info, {
			type: 1,
			path: "/sys/fs/cgroup/pids//x/",
			parent: "",
			fullPath: "/sys/fs/cgroup/pids//x/",
			depth: 0,
		});
		assert.equal(cgroupWalkTreeNext(lc, 0, b.handle, info, 0), 0);
		assert.deepEqual(info, {
			type: CGROUP_FILE_TYPE_FILE,
			path: "cgroup.procs",
			parent: "/sys/fs/cgroup/pids//x/",
			fullPath: "/sys/fs/cgroup/pids//x/cgroup.procs",
			depth: 1,
		});
	});

	test("a missing cgroup is one OTHER entry; an unmounted controller ECGOTHER; no init ECGROUPNOTINITIALIZED", () => {
		const s = h4System();
		const lc = libcg(s);
		assert.deepEqual(walk(lc, "cpu", "nope"), ["2 0 /sys/fs/cgroup/cpu//nope/"]);
		const info = newFileInfo();
		assert.equal(cgroupWalkTreeBegin(lc, "net_cls", "/", 0, info).ret, ECGOTHER);
		const raw = libcg(s, false);
		assert.equal(cgroupWalkTreeBegin(raw, "cpu", "/", 0, info).ret, ECGROUPNOTINITIALIZED);
		assert.equal(cgroupWalkTreeEnd(raw, null), ECGROUPNOTINITIALIZED);
	});

	test("null controller walks the cgroup2 mount", () => {
		const s = h4System();
		mkdir(s, `${R}/unified/u`);
		const lc = libcg(s);
		const dirs = walk(lc, null as unknown as string, "/").filter((l) => l.startsWith("1 "));
		assert.deepEqual(dirs, ["1 0 /sys/fs/cgroup/unified//", "1 1 /sys/fs/cgroup/unified//u"]);
	});

	test("property: PRE_DIR lists every cgroup once, each after its parent; POST_DIR each after its children", () => {
		const names = fc.constantFrom("a", "b", "c", "d", "e", "f");
		const treeArb = fc.array(fc.array(names, { minLength: 1, maxLength: 3 }), { maxLength: 8 });
		fc.assert(
			fc.property(treeArb, (paths) => {
				const s = h4System();
				mkdir(s, `${R}/pids/t`);
				const want = new Set<string>();
				for (const p of paths) {
					for (let i = 1; i <= p.length; i++) {
						const rel = p.slice(0, i).join("/");
						if (!want.has(rel)) {
							want.add(rel);
							mkdir(s, `${R}/pids/t/${rel}`);
						}
					}
				}
				const lc = libcg(s);
				const base = "/sys/fs/cgroup/pids//t/";
				const pre = walk(lc, "pids", "t")
					.filter((l) => l.startsWith("1 "))
					.map((l) => l.split(" ")[2] as string)
					.slice(1)
					.map((p) => p.slice(base.length));
				assert.deepEqual([...pre].sort(), [...want].sort());
				pre.forEach((p, i) => {
					const parent = p.split("/").slice(0, -1).join("/");
					if (parent !== "") assert.ok(pre.indexOf(parent) < i);
				});
				const post = walk(lc, "pids", "t", 0, CGROUP_WALK_TYPE_POST_DIR)
					.filter((l) => l.startsWith("1 "))
					.map((l) => l.split(" ")[2] as string)
					.slice(1, -1)
					.map((p) => p.slice(base.length));
				assert.deepEqual([...post].sort(), [...want].sort());
				post.forEach((p, i) => {
					const parent = p.split("/").slice(0, -1).join("/");
					if (parent !== "") assert.ok(post.indexOf(parent) > i);
				});
			}),
			{ numRuns: 25 },
		);
	});
});

describe("value, stat and task readers", () => {
	test("cgroup_read_value: fgets() pieces of at most max - 1 characters", () => {
		const s = h4System();
		mkdir(s, `${R}/cpu/x`);
		const lc = libcg(s);
		const b = cgroupReadValueBegin(lc, "cpu", "x", "cpu.shares", 3);
		assert.deepEqual([b.ret, b.line], [0, "10"]);
		assert.deepEqual(cgroupReadValueNext(lc, b.handle, 3), { ret: 0, line: "24" });
		assert.deepEqual(cgroupReadValueNext(lc, b.handle, 3), { ret: 0, line: "\n" });
		assert.deepEqual(cgroupReadValueNext(lc, b.handle, 3), { ret: ECGEOF, line: null });
		const missing = cgroupReadValueBegin(lc, "cpu", "x", "cpu.nope", 100);
		assert.equal(missing.ret, ECGOTHER);
		assert.equal(lc.lastErrno?.code, "ENOENT");
		assert.equal(lc.strerror(ECGOTHER), "No such file or directory");
	});

	test("cgroup_read_stats: name and value split at spaces, the value keeps its newline", () => {
		const s = h4System();
		mkdir(s, `${R}/cpuacct/x`);
		const lc = libcg(s);
		const st: CgroupStat = { name: "", value: "" };
		const b = cgroupReadStatsBegin(lc, "cpuacct", "x", st);
		assert.equal(b.ret, 0);
		assert.deepEqual(st, { name: "user", value: "0\n" });
		assert.equal(cgroupReadStatsNext(lc, b.handle, st), 0);
		assert.deepEqual(st, { name: "system", value: "0\n" });
		assert.equal(cgroupReadStatsNext(lc, b.handle, st), ECGEOF);
		const none = cgroupReadStatsBegin(lc, "cpuacct", "nope", st);
		assert.deepEqual(none, { ret: ECGINVAL, handle: null });
	});

	test("cgroup_get_task: the pids of the tasks file, then ECGEOF", () => {
		const s = h4System();
		mkdir(s, `${R}/pids/x`);
		const r = sh(
			s,
			`sleep 100 & echo $! > ${R}/pids/x/tasks; sleep 100 & echo $! > ${R}/pids/x/tasks; cat ${R}/pids/x/tasks`,
		);
		const want = r.stdout.trim().split("\n").map(Number);
		assert.equal(want.length, 2);
		const lc = libcg(s);
		const b = cgroupGetTaskBegin(lc, "x", "pids");
		assert.deepEqual([b.ret, b.pid], [0, want[0]]);
		assert.deepEqual(cgroupGetTaskNext(lc, b.handle), { ret: 0, pid: want[1] });
		assert.deepEqual(cgroupGetTaskNext(lc, b.handle), { ret: ECGEOF, pid: 0 });
		assert.equal(cgroupGetTaskBegin(lc, "nope", "pids").ret, ECGOTHER);
		const bad = new StdioFile("12 x");
		assert.deepEqual(cgroupGetTaskNext(lc, bad), { ret: 0, pid: 12 });
		assert.deepEqual(cgroupGetTaskNext(lc, bad), { ret: ECGOTHER, pid: 0 });
	});
});

describe("mount table and /proc/cgroups", () => {
	test("cgroup_get_controller: the mount table in order without the cgroup pseudo-controller", () => {
		const s = h4System();
		const lc = libcg(s);
		const info: CgroupMountPoint = { name: "", path: "" };
		const b = cgroupGetControllerBegin(lc, info);
		const seen: string[] = [];
		let ret = b.ret;
		while (ret === 0) {
			seen.push(`${info.name} ${info.path}`);
			ret = cgroupGetControllerNext(lc, b.handle, info);
		}
		assert.equal(ret, ECGEOF);
		assert.equal(cgroupGetControllerEnd(lc, b.handle), 0);
		assert.deepEqual(seen, [
			"cpu /sys/fs/cgroup/cpu",
			"cpuacct /sys/fs/cgroup/cpuacct",
			"cpuset /sys/fs/cgroup/cpuset",
			"memory /sys/fs/cgroup/memory",
			"devices /sys/fs/cgroup/devices",
			"freezer /sys/fs/cgroup/freezer",
			"blkio /sys/fs/cgroup/blkio",
			"pids /sys/fs/cgroup/pids",
			"name=systemd /sys/fs/cgroup/systemd",
			"hugetlb /sys/fs/cgroup/unified",
		]);
	});

	test("cgroup_get_all_controller: the records of /proc/cgroups", () => {
		const s = h4System();
		const lc = libcg(s);
		const info = newControllerData();
		const b = cgroupGetAllControllerBegin(lc, info);
		const seen: string[] = [];
		let ret = b.ret;
		while (ret === 0) {
			seen.push(`${info.name} ${info.hierarchy} ${info.numCgroups} ${info.enabled}`);
			ret = cgroupGetAllControllerNext(b.handle, info);
		}
		assert.equal(ret, ECGEOF);
		assert.equal(cgroupGetAllControllerEnd(b.handle), 0);
		assert.equal(
			seen.join(","),
			"cpuset 3 1 1,cpu 1 1 1,cpuacct 2 1 1,blkio 7 1 1,memory 4 1 1,devices 5 1 1,freezer 6 1 1,net_cls 0 1 1,perf_event 0 1 1,net_prio 0 1 1,hugetlb 0 1 1,pids 8 1 1",
		);
		// A record that does not scan ends the list.
		const f = new StdioFile("a 1 2 3\nb x 1 1\n");
		assert.equal(cgroupGetAllControllerNext(f, info), 0);
		assert.equal(cgroupGetAllControllerNext(f, info), ECGEOF);
		assert.equal(cgroupGetAllControllerNext(null, info), ECGINVAL);
	});

	test("cgroup_get_subsys_mount_point: every mount point of a hierarchy, ECGEOF when unmounted", () => {
		const s = h4System();
		mkdir(s, "/tmp/cpu2");
		sh(s, "mount -t cgroup -o cpu cgroup /tmp/cpu2");
		const lc = libcg(s);
		const b = cgroupGetSubsysMountPointBegin(lc, "cpu");
		assert.deepEqual([b.ret, b.path], [0, "/sys/fs/cgroup/cpu"]);
		assert.deepEqual(cgroupGetSubsysMountPointNext(lc, b.handle), { ret: 0, path: "/tmp/cpu2" });
		assert.deepEqual(cgroupGetSubsysMountPointNext(lc, b.handle), { ret: ECGEOF, path: "" });
		assert.deepEqual(cgroupGetSubsysMountPointBegin(lc, "net_cls"), {
			ret: ECGEOF,
			handle: null,
			path: "",
		});
	});
});
