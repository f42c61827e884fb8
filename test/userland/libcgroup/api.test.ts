/**
 * libcgroup's core at the library level: the cgroup model (wrapper.c),
 * the helpers of tools-common.c and glibc's getopt_long()/dirname(), and
 * the api.c operations on the emulated host.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	CGFLAG_DELETE_EMPTY_ONLY,
	CGFLAG_DELETE_RECURSIVE,
	cgMkdirP,
	cgroupAttachTaskPid,
	cgroupCreateCgroup,
	cgroupCreateCgroupFromParent,
	cgroupDeleteCgroupExt,
	cgroupGetCgroup,
	cgroupGetCurrentControllerPath,
	cgroupGetProcs,
	cgroupGetSubsysMountPoint,
	cgroupListMountPoints,
	cgroupModifyCgroup,
	cgroupv2ControllerEnabled,
	cgSetControlValue,
	dirname,
	isCgroupModeHybrid,
	isCgroupModeLegacy,
	isCgroupModeUnified,
} from "../../../src/userland/lib/libcgroup/api.ts";
import {
	CgroupDictionary,
	cgroupAddController,
	cgroupAddValueBool,
	cgroupAddValueInt64,
	cgroupAddValueString,
	cgroupAddValueUint64,
	cgroupCompareCgroup,
	cgroupCopyCgroup,
	cgroupDictionaryIteratorBegin,
	cgroupDictionaryIteratorNext,
	cgroupGetController,
	cgroupGetValueBool,
	cgroupGetValueInt64,
	cgroupGetValueString,
	cgroupGetValueUint64,
	cgroupNewCgroup,
	cgroupRemoveValue,
	cgroupSetUidGid,
	cgroupSetValueInt64,
	cgroupSetValueString,
	createCgroupFromNameValuePairs,
} from "../../../src/userland/lib/libcgroup/cgroup.ts";
import {
	ECGCONFIGPARSEFAIL,
	ECGCONTROLLERNOTEQUAL,
	ECGEOF,
	ECGINVAL,
	ECGMAXVALUESEXCEEDED,
	ECGOTHER,
	ECGROUPNOTALLOWED,
	ECGROUPNOTEQUAL,
	ECGROUPNOTEXIST,
	ECGROUPNOTMOUNTED,
	ECGROUPSUBSYSNOTMOUNTED,
	ECGROUPVALUENOTEXIST,
	ECGVALUEEXISTS,
} from "../../../src/userland/lib/libcgroup/errors.ts";
import {
	CGROUP_UNK,
	CGROUP_V1,
	CGROUP_V2,
	NO_UID_GID,
} from "../../../src/userland/lib/libcgroup/libcg.ts";
import {
	GetoptLong,
	type LongOption,
	parseCgroupSpec,
	parseMode,
	parseUidGid,
} from "../../../src/userland/lib/libcgroup/tools-common.ts";
import { cgSystem, exists, libcg, printed, R, read, sh } from "./h2-support.ts";

describe("the cgroup model (wrapper.c)", () => {
	const sys = cgSystem();
	const lc = libcg(sys);

	it('controllers: once each, mounted ones only, "cgroup" always v2', () => {
		const cg = cgroupNewCgroup("a");
		const cpu = cgroupAddController(lc, cg, "cpu");
		assert.equal(cpu?.version, CGROUP_V1);
		assert.equal(cgroupAddController(lc, cg, "cpu"), null);
		assert.equal(cgroupAddController(lc, cg, "net_cls"), null);
		assert.equal(cgroupAddController(lc, cg, "hugetlb")?.version, CGROUP_V2);
		assert.equal(cgroupAddController(lc, cg, "cgroup")?.version, CGROUP_V2);
		assert.deepEqual(
			cg.controllers.map((c) => c.name),
			["cpu", "hugetlb", "cgroup"],
		);
		assert.equal(cgroupGetController(cg, "hugetlb"), cg.controllers[1]);
	});

	it("values: add, duplicates, limits, typed getters and setters", () => {
		const cg = cgroupNewCgroup("a");
		const c = cgroupAddController(lc, cg, "cpu");
		assert.ok(c !== null);
		assert.equal(cgroupAddValueString(lc, c, "cpu.shares", "100"), 0);
		assert.equal(cgroupAddValueString(lc, c, "cpu.shares", "200"), ECGVALUEEXISTS);
		assert.equal(cgroupAddValueString(lc, c, "cpu.x", "y".repeat(4096)), ECGCONFIGPARSEFAIL);
		assert.deepEqual(printed(lc), ["", "value exceeds the maximum of 4095 characters\n"]);
		assert.equal(cgroupAddValueString(lc, c, "cpu.empty", null), 0);
		assert.deepEqual(
			c.values.map((v) => [v.name, v.value, v.dirty]),
			[
				["cpu.shares", "100", true],
				["cpu.empty", "", false],
			],
		);
		assert.equal(cgroupAddValueInt64(lc, c, "cpu.i", -5n), 0);
		assert.equal(cgroupAddValueUint64(lc, c, "cpu.u", -1), 0);
		assert.equal(cgroupAddValueBool(lc, c, "cpu.b", true), 0);
		assert.deepEqual(cgroupGetValueString(c, "cpu.u"), [0, "18446744073709551615"]);
		assert.deepEqual(cgroupGetValueInt64(c, "cpu.i"), [0, -5n]);
		assert.deepEqual(cgroupGetValueUint64(c, "cpu.i"), [0, 18446744073709551611n]);
		assert.deepEqual(cgroupGetValueBool(c, "cpu.b"), [0, true]);
		assert.deepEqual(cgroupGetValueInt64(c, "cpu.empty"), [ECGINVAL, null]);
		assert.deepEqual(cgroupGetValueInt64(c, "cpu.none"), [ECGROUPVALUENOTEXIST, null]);
		// sscanf("%d") of a 64-bit number keeps its low 32 bits.
		cgroupSetValueString(lc, c, "cpu.b", "4294967296");
		assert.deepEqual(cgroupGetValueBool(c, "cpu.b"), [0, false]);
		cgroupSetValueInt64(lc, c, "cpu.empty", 7);
		assert.deepEqual(cgroupGetValueString(c, "cpu.empty"), [0, "7"]);
		assert.equal(c.values.find((v) => v.name === "cpu.empty")?.dirty, true);
		assert.equal(cgroupRemoveValue(c, "cpu.i"), 0);
		assert.equal(cgroupRemoveValue(c, "cpu.i"), ECGROUPNOTEXIST);
		for (let i = c.values.length; i < 100; i++)
			assert.equal(cgroupAddValueString(lc, c, `cpu.v${i}`, "1"), 0);
		assert.equal(cgroupAddValueString(lc, c, "cpu.more", "1"), ECGMAXVALUESEXCEEDED);
	});

	it("compare and copy", () => {
		const a = cgroupNewCgroup("a");
		const ca = cgroupAddController(lc, a, "cpu");
		assert.ok(ca !== null);
		cgroupAddValueString(lc, ca, "cpu.shares", "5");
		const b = cgroupNewCgroup("b");
		assert.equal(cgroupCompareCgroup(a, b), ECGROUPNOTEQUAL);
		b.name = "a";
		assert.equal(cgroupCopyCgroup(b, a), 0);
		assert.equal(cgroupCompareCgroup(a, b), 0);
		assert.equal(b.controllers[0]?.version, CGROUP_UNK);
		assert.equal(b.controllers[0]?.values[0]?.dirty, true);
		(b.controllers[0]?.values[0] as { value: string }).value = "6";
		assert.equal(cgroupCompareCgroup(a, b), ECGCONTROLLERNOTEQUAL);
		cgroupSetUidGid(b, 1, 2, 3, 4);
		assert.equal(cgroupCompareCgroup(a, b), ECGROUPNOTEQUAL);
		assert.equal(a.tasksUid, NO_UID_GID);
	});

	it("create_cgroup_from_name_value_pairs()", () => {
		const cg = createCgroupFromNameValuePairs(lc, "tmp", [
			{ name: "cpu.shares", value: "1" },
			{ name: "memory.limit_in_bytes", value: "2" },
			{ name: "cpu.cfs_quota_us", value: "3" },
		]);
		assert.deepEqual(
			cg?.controllers.map((c) => [c.name, c.values.map((v) => v.name)]),
			[
				["cpu", ["cpu.shares", "cpu.cfs_quota_us"]],
				["memory", ["memory.limit_in_bytes"]],
			],
		);
		assert.equal(createCgroupFromNameValuePairs(lc, "tmp", [{ name: "cpu", value: "1" }]), null);
		assert.equal(
			createCgroupFromNameValuePairs(lc, "tmp", [
				{ name: "cpu.a", value: "1" },
				{ name: "cpu.a", value: "2" },
			]),
			null,
		);
		assert.deepEqual(printed(lc), [
			"",
			"wrong -r  parameter (cpu=1)\nname-value pair cpu.a=2 can't be set\n",
		]);
	});

	it("the dictionary keeps its order and duplicates", () => {
		const d = new CgroupDictionary();
		d.add("b", "1");
		d.add("a", "2");
		d.add("b", "3");
		const [r0, it0, first] = cgroupDictionaryIteratorBegin(d);
		assert.deepEqual([r0, first], [0, { name: "b", value: "1" }]);
		assert.deepEqual(cgroupDictionaryIteratorNext(it0), [0, { name: "a", value: "2" }]);
		assert.deepEqual(cgroupDictionaryIteratorNext(it0), [0, { name: "b", value: "3" }]);
		assert.deepEqual(cgroupDictionaryIteratorNext(it0), [ECGEOF, null]);
		assert.equal(cgroupDictionaryIteratorBegin(new CgroupDictionary())[0], ECGEOF);
	});
});

describe("C library pieces", () => {
	it("dirname() as glibc's", () => {
		const cases: [string, string][] = [
			["/usr/lib", "/usr"],
			["/usr/", "/"],
			["usr", "."],
			["/", "/"],
			["//", "//"],
			["//x", "//"],
			["///x", "/"],
			[".", "."],
			["..", "."],
			["", "."],
			["a/b/", "a"],
			["a//b//", "a"],
			["/sys/fs/cgroup/cpu//x/", "/sys/fs/cgroup/cpu"],
			["/sys/fs/cgroup/cpu//x/y/", "/sys/fs/cgroup/cpu//x"],
		];
		for (const [p, d] of cases) assert.equal(dirname(p), d, p);
	});

	it('dirname(): a prefix of the path without trailing slashes, or "."', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[/ab]{0,12}$/), (p) => {
				const d = dirname(p);
				if (d === ".") return !p.replace(/\/+$/, "").includes("/") || p === "";
				return p.startsWith(d) && (d === "/" || d === "//" || !d.endsWith("/"));
			}),
		);
	});

	const LONGS: readonly LongOption[] = [
		{ name: "help", hasArg: 0, val: "h" },
		{ name: "group", hasArg: 1, val: "g" },
		{ name: "gamma", hasArg: 2, val: "G" },
	];
	const noEnv = { env: () => undefined, stderr: () => {} } as unknown as ConstructorParameters<
		typeof GetoptLong
	>[0];

	it("getopt_long(): permutation, optind and arguments as glibc", () => {
		let err = "";
		const os = {
			env: () => undefined,
			stderr: (t: string) => (err += t),
		} as unknown as ConstructorParameters<typeof GetoptLong>[0];
		const g = new GetoptLong(
			os,
			["prog", "x", "-g", "cpu", "y", "-hgz", "--gr=a", "--gam", "--", "-h"],
			"hg:",
			LONGS,
		);
		const got: [string | -1, string | null, number][] = [];
		for (let c = g.next(); ; c = g.next()) {
			got.push([c, g.optarg, g.optind]);
			if (c === -1) break;
		}
		assert.deepEqual(got, [
			["g", "cpu", 4],
			["h", null, 5],
			["g", "z", 6],
			["g", "a", 7],
			["G", null, 8],
			[-1, null, 7],
		]);
		assert.deepEqual(g.argv.slice(g.optind), ["x", "y", "-h"]);
		assert.equal(err, "");
		const e = new GetoptLong(os, ["prog", "--g", "--nope=1", "-q", "-g"], "hg:", LONGS);
		const codes: (string | -1)[] = [];
		for (let c = e.next(); c !== -1; c = e.next()) codes.push(c);
		assert.deepEqual(codes, ["?", "?", "?", "?"]);
		assert.equal(
			err,
			"prog: option '--g' is ambiguous; possibilities: '--group' '--gamma'\n" +
				"prog: unrecognized option '--nope=1'\n" +
				"prog: invalid option -- 'q'\n" +
				"prog: option requires an argument -- 'g'\n",
		);
	});

	it("getopt_long(): options come out in order, operands end up after optind in order", () => {
		const arg = fc.oneof(
			fc.constantFrom("-h", "--help", "--group=v", "-gw"),
			fc.constant("-g"),
			fc.stringMatching(/^[a-z]{1,3}$/),
		);
		fc.assert(
			fc.property(fc.array(arg, { maxLength: 10 }), (args) => {
				const g = new GetoptLong(noEnv, ["p", ...args], "hg:", LONGS);
				const opts: string[] = [];
				for (let c = g.next(); c !== -1; c = g.next()) opts.push(`${c}${g.optarg ?? ""}`);
				// The expected result, by a direct reading of the arguments.
				const want: string[] = [];
				const operands: string[] = [];
				for (let i = 0; i < args.length; i++) {
					const a = args[i] as string;
					if (a === "-h" || a === "--help") want.push("h");
					else if (a === "--group=v") want.push("gv");
					else if (a === "-gw") want.push("gw");
					else if (a === "-g") {
						const next = args[i + 1];
						if (next === undefined) want.push("?");
						else {
							want.push(`g${next}`);
							i++;
						}
					} else operands.push(a);
				}
				return (
					JSON.stringify(opts) === JSON.stringify(want) &&
					JSON.stringify(g.argv.slice(g.optind)) === JSON.stringify(operands)
				);
			}),
		);
	});

	it("parse_cgroup_spec()", () => {
		const lc = libcg(cgSystem());
		const list: { path: string; controllers: string[] }[] = [];
		assert.deepEqual(parseCgroupSpec(lc, list, "cpu,,memory:/a/b:c", 9), {
			ret: 0,
			mangled: "cpu,,memory",
		});
		assert.deepEqual(parseCgroupSpec(lc, list, ":x", 9), { ret: 0, mangled: ":x" });
		assert.deepEqual(parseCgroupSpec(lc, list, "::y:", 9), { ret: 0, mangled: "::y" });
		assert.deepEqual(parseCgroupSpec(lc, list, "cpu::z", 9), { ret: 0, mangled: "cpu" });
		assert.deepEqual(parseCgroupSpec(lc, list, "cpu", 9), { ret: -1, mangled: "cpu" });
		assert.deepEqual(parseCgroupSpec(lc, list, "::", 9), { ret: -1, mangled: "::" });
		assert.deepEqual(parseCgroupSpec(lc, list, "", 9), { ret: -1, mangled: "" });
		assert.deepEqual(list, [
			{ path: "/a/b", controllers: ["cpu", "memory"] },
			{ path: "x", controllers: [] },
			{ path: "y", controllers: [] },
			{ path: "z", controllers: ["cpu"] },
		]);
		assert.deepEqual(parseCgroupSpec(lc, list, "cpu:w", 4), { ret: -1, mangled: "cpu:w" });
		assert.deepEqual(printed(lc), ["", "Max allowed hierarchies 4 reached\n"]);
	});

	it("parse_mode() and parse_uid_gid()", () => {
		const lc = libcg(cgSystem());
		assert.deepEqual(parseMode(lc.os, "755", "p"), { ret: 0, mode: 0o755 });
		assert.deepEqual(parseMode(lc.os, "0640", "p"), { ret: 0, mode: 0o640 });
		assert.deepEqual(parseMode(lc.os, " 75", "p"), { ret: 0, mode: 0o75 });
		assert.deepEqual(parseMode(lc.os, "-75", "p"), { ret: 0, mode: 0xffffffc3 });
		for (const bad of ["75", "07555", "789", "7a5", "   "])
			assert.equal(parseMode(lc.os, bad, "p").ret, -1);
		assert.equal(
			printed(lc)[0],
			"p wrong mode format 75\np wrong mode format 07555\np wrong mode format 789\np wrong mode format 7a5\np wrong mode format    \n",
		);
		assert.deepEqual(parseUidGid(lc.os, "nobody:root", "p"), { ret: 0, uid: 65534, gid: 0 });
		assert.deepEqual(parseUidGid(lc.os, ":nogroup", "p"), { ret: 0, uid: NO_UID_GID, gid: 65534 });
		assert.deepEqual(parseUidGid(lc.os, "root", "p"), { ret: 0, uid: 0, gid: NO_UID_GID });
		assert.deepEqual(parseUidGid(lc.os, "", "p"), { ret: 0, uid: NO_UID_GID, gid: NO_UID_GID });
		assert.deepEqual(parseUidGid(lc.os, "0", "p"), { ret: -1, uid: NO_UID_GID, gid: NO_UID_GID });
		assert.deepEqual(parseUidGid(lc.os, "root:x", "p"), { ret: -1, uid: 0, gid: NO_UID_GID });
		assert.deepEqual(printed(lc), [
			"",
			"p: can't find uid of user 0.\np: can't find gid of group x.\n",
		]);
	});
});

describe("api.c on the emulated host", () => {
	it("cg_mkdir_p(): every level, existing ones fine; EACCES is ECGROUPNOTALLOWED", () => {
		const sys = cgSystem();
		const lc = libcg(sys);
		assert.equal(cgMkdirP(lc, `${R}/cpu//a/b/c/`), 0);
		assert.ok(exists(sys, `${R}/cpu/a/b/c`));
		assert.equal(cgMkdirP(lc, `${R}/cpu/a`), 0);
		const task = sys.kernel.fork(sys.kernel.init);
		task.cred = task.cred.withUids(1000, 1000, 1000);
		assert.equal(cgMkdirP(libcg(sys, task), `${R}/cpu/a/d`), ECGROUPNOTALLOWED);
	});

	it("create, read back, modify, delete", () => {
		const sys = cgSystem();
		const lc = libcg(sys);
		const cg = cgroupNewCgroup("g/h");
		const cpu = cgroupAddController(lc, cg, "cpu");
		assert.ok(cpu !== null);
		cgroupAddValueString(lc, cpu, "cpu.shares", "300");
		cgroupAddValueString(lc, cpu, "cpu.stat", "ignored: read-only");
		cgroupAddController(lc, cg, "pids");
		assert.equal(cgroupCreateCgroup(lc, cg, false), 0);
		assert.equal(read(sys, `${R}/cpu/g/h/cpu.shares`), "300\n");
		assert.ok(exists(sys, `${R}/pids/g/h`));

		const back = cgroupNewCgroup("g/h");
		assert.equal(cgroupGetCgroup(lc, back), 0);
		assert.deepEqual(
			back.controllers.map((c) => c.name),
			["cpu", "pids"],
		);
		const shares = back.controllers[0]?.values.find((v) => v.name === "cpu.shares");
		assert.deepEqual([shares?.value, shares?.dirty], ["300", false]);
		assert.deepEqual([back.tasksUid, back.controlUid], [0, 0]);

		// Only dirty values are written.
		(shares as { value: string }).value = "400";
		assert.equal(cgroupModifyCgroup(lc, back), 0);
		assert.equal(read(sys, `${R}/cpu/g/h/cpu.shares`), "300\n");
		cgroupSetValueString(lc, back.controllers[0]!, "cpu.shares", "500");
		assert.equal(cgroupModifyCgroup(lc, back), 0);
		assert.equal(read(sys, `${R}/cpu/g/h/cpu.shares`), "500\n");

		assert.equal(cgroupGetCgroup(lc, cgroupNewCgroup("nosuch")), ECGROUPNOTEXIST);
		const sub = cgroupNewCgroup("g/h");
		cgroupAddController(lc, sub, "net_cls" as string);
		assert.equal(cgroupModifyCgroup(lc, sub), 0);

		// EMPTY_ONLY leaves a group with children, quietly (ECGNONEMPTY is not reported); RECURSIVE with it is invalid.
		const g = cgroupNewCgroup("g");
		cgroupAddController(lc, g, "cpu");
		assert.equal(cgroupDeleteCgroupExt(lc, g, CGFLAG_DELETE_EMPTY_ONLY), 0);
		assert.ok(exists(sys, `${R}/cpu/g/h`));
		assert.equal(
			cgroupDeleteCgroupExt(lc, g, CGFLAG_DELETE_EMPTY_ONLY | CGFLAG_DELETE_RECURSIVE),
			ECGINVAL,
		);
		assert.equal(cgroupDeleteCgroupExt(lc, g, CGFLAG_DELETE_RECURSIVE), 0);
		assert.equal(exists(sys, `${R}/cpu/g`), false);
		assert.ok(exists(sys, `${R}/pids/g/h`));
	});

	it("create_cgroup_from_parent() copies the parent's settings", () => {
		const sys = cgSystem();
		const lc = libcg(sys);
		sh(sys, `mkdir ${R}/cpu/p && echo 77 > ${R}/cpu/p/cpu.shares`);
		const child = cgroupNewCgroup("p/c");
		assert.equal(cgroupCreateCgroupFromParent(lc, child, false), 0);
		assert.equal(read(sys, `${R}/cpu/p/c/cpu.shares`), "77\n");
	});

	it("cg_set_control_value(): each line written; a missing file is ECGROUPVALUENOTEXIST", () => {
		const sys = cgSystem();
		const lc = libcg(sys);
		sh(sys, `mkdir ${R}/cpu/s`);
		assert.equal(cgSetControlValue(lc, `${R}/cpu/s/cpu.shares`, "100\n\n200"), 0);
		assert.equal(read(sys, `${R}/cpu/s/cpu.shares`), "200\n");
		assert.equal(cgSetControlValue(lc, `${R}/cpu/s/cpu.nosuch`, "1"), ECGROUPVALUENOTEXIST);
		assert.equal(cgSetControlValue(lc, `${R}/cpu/s/cpu.shares`, "x"), ECGOTHER);
		assert.equal(lc.lastErrno?.code, "EINVAL");
		assert.equal(lc.strerror(ECGOTHER), "Invalid argument");
	});

	it("attach: tasks (v1), cgroup.procs (v2), the root, and the errors", () => {
		const sys = cgSystem();
		const lc = libcg(sys);
		const sleeper = sh(sys, "sleep 1000 >/dev/null & echo $!");
		const pid = Number(sleeper.stdout.trim());
		sh(sys, `mkdir ${R}/cpu/t ${R}/unified/t`);
		const cg = cgroupNewCgroup("t");
		cgroupAddController(lc, cg, "cpu");
		assert.equal(cgroupAttachTaskPid(lc, cg, pid), 0);
		assert.equal(read(sys, `${R}/cpu/t/tasks`), `${pid}\n`);
		assert.deepEqual(cgroupGetCurrentControllerPath(lc, pid, "cpu"), [0, "/t"]);
		assert.deepEqual(cgroupGetCurrentControllerPath(lc, pid, "memory"), [0, "/"]);
		assert.deepEqual(cgroupGetCurrentControllerPath(lc, pid, "net_cls"), [ECGINVAL, null]);
		assert.deepEqual(cgroupGetProcs(lc, "t", "cpu"), [0, [pid]]);
		// A group without controllers is a cgroup v2 group.
		assert.equal(cgroupAttachTaskPid(lc, cgroupNewCgroup("t"), pid), 0);
		assert.deepEqual(cgroupGetCurrentControllerPath(lc, pid, null), [0, "/t"]);
		// v2 controllers must be enabled in the parent.
		assert.equal(cgroupv2ControllerEnabled(lc, "t", "hugetlb"), ECGROUPNOTMOUNTED);
		assert.equal(cgroupv2ControllerEnabled(lc, "/", "hugetlb"), 0);
		assert.equal(cgroupv2ControllerEnabled(lc, "t", "cpu"), 0);
		const gone = cgroupNewCgroup("nosuch");
		cgroupAddController(lc, gone, "cpu");
		assert.equal(cgroupAttachTaskPid(lc, gone, pid), ECGROUPNOTEXIST);
		assert.deepEqual(printed(lc), ["", ""]);
		lc.setLogLevel(2);
		assert.equal(cgroupAttachTaskPid(lc, cg, 99999), ECGOTHER);
		assert.deepEqual(printed(lc), [
			`Warning: cannot write tid 99999 to ${R}/cpu//t/tasks:No such process\n`,
			"",
		]);
		const net = cgroupNewCgroup("t");
		net.controllers.push({ name: "net_cls", values: [], cgroup: net, version: CGROUP_V1 });
		assert.equal(cgroupAttachTaskPid(lc, net, pid), ECGROUPSUBSYSNOTMOUNTED);
		// null: the root of every hierarchy.
		assert.equal(cgroupAttachTaskPid(lc, null, pid), 0);
		assert.deepEqual(cgroupGetCurrentControllerPath(lc, pid, "cpu"), [0, "/"]);
		sh(sys, `kill ${pid}`);
	});

	it("the mount table queries and the setup mode", () => {
		const sys = cgSystem();
		const lc = libcg(sys);
		assert.deepEqual(cgroupGetSubsysMountPoint(lc, "memory"), [0, `${R}/memory`]);
		assert.deepEqual(cgroupGetSubsysMountPoint(lc, "net_cls"), [ECGROUPNOTEXIST, null]);
		assert.deepEqual(cgroupListMountPoints(lc, CGROUP_V2), [0, [`${R}/unified`]]);
		assert.equal(cgroupListMountPoints(lc, CGROUP_V1)[1].length, 9);
		assert.deepEqual(
			[isCgroupModeLegacy(lc), isCgroupModeHybrid(lc), isCgroupModeUnified(lc)],
			[false, true, false],
		);
		const v2 = libcg(cgSystem({ layout: "v2" }));
		assert.deepEqual(
			[isCgroupModeLegacy(v2), isCgroupModeHybrid(v2), isCgroupModeUnified(v2)],
			[false, false, true],
		);
		assert.deepEqual(cgroupListMountPoints(v2, CGROUP_V2), [0, [R]]);
	});
});
