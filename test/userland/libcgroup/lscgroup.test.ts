/**
 * lscgroup on the emulated host; outputs checked against libcgroup
 * 3.1.0's lscgroup on this machine (same hybrid layout, same kernfs
 * directory order).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { h4System, mkdir, out, R, run, sh } from "./h4-support.ts";

const LS = "/usr/bin/lscgroup";

const HELP = `Usage: ${LS} [-h] [[-g] <controllers>:<path>] [...]
List all cgroups
  -g <controllers>:<path>\tControl group to be displayed (-g is optional)
  -h, --help\t\t\tDisplay this help
  -b\t\t\t\tIgnore default systemd delegate hierarchy
(Note: currently supported on cgroups v1 only)
`;

const BAD = `Wrong input parameters, try ${LS} -h' for more information.\n`;

describe("lscgroup on the hybrid host", () => {
	const s = h4System();
	mkdir(s, `${R}/memory/process_api`);
	mkdir(s, `${R}/memory/process_api/one`);
	mkdir(s, `${R}/memory/process_api/two`);
	const N = "cgkit-h4-2872914457";
	for (const d of [N, `${N}/a`, `${N}/a/b`, `${N}/c`, `${N}/zz`]) mkdir(s, `${R}/pids/${d}`);

	test("every hierarchy's cgroups; the root printed as controller:// ", () => {
		assert.deepEqual(out(run(s, LS)), [
			0,
			[
				"cpu://",
				"cpuacct://",
				"cpuset://",
				"memory://",
				"memory://process_api",
				"memory://process_api/two",
				"memory://process_api/one",
				"devices://",
				"freezer://",
				"blkio://",
				"pids://",
				`pids://${N}`,
				`pids://${N}/c`,
				`pids://${N}/a`,
				`pids://${N}/a/b`,
				`pids://${N}/zz`,
				"name=systemd://",
				"hugetlb://",
				"",
			].join("\n"),
			"",
		]);
	});

	test("a subtree, with or without -g, with a leading or a trailing slash (kernfs order: c a zz)", () => {
		const want = `pids:/${N}/\npids:/${N}/c\npids:/${N}/a\npids:/${N}/a/b\npids:/${N}/zz\n`;
		assert.deepEqual(out(run(s, LS, `pids:/${N}`)), [0, want, ""]);
		assert.deepEqual(out(run(s, LS, `pids:${N}/`)), [0, want, ""]);
		assert.deepEqual(out(run(s, LS, "-g", `pids:${N}/a`)), [
			0,
			`pids:/${N}/a/\npids:/${N}/a/b\n`,
			"",
		]);
		assert.deepEqual(out(run(s, LS, "-g", "cpu:/")), [0, "cpu://\n", ""]);
		assert.deepEqual(out(run(s, LS, "memory:/", "cpu:/")), [
			0,
			"memory://\nmemory://process_api\nmemory://process_api/two\nmemory://process_api/one\ncpu://\n",
			"",
		]);
	});

	test("a spec lists only the first hierarchy that has one of its controllers", () => {
		assert.deepEqual(out(run(s, LS, "-g", "cpuacct,cpu:/")), [0, "cpu://\n", ""]);
		assert.deepEqual(out(run(s, LS, "-g", "name=systemd:/")), [0, "name=systemd://\n", ""]);
		assert.deepEqual(out(run(s, LS, "-g", "hugetlb:/")), [0, "hugetlb://\n", ""]);
	});

	test("a cgroup that does not exist lists nothing", () => {
		assert.deepEqual(out(run(s, LS, "-g", "cpu:/nonexist")), [0, "", ""]);
	});

	test("a controller that is not mounted: ECGFAIL, later specs still listed", () => {
		assert.deepEqual(out(run(s, LS, "-g", "nonexist:/")), [
			93,
			"",
			`${LS}: cannot find group nonexist..:/: Cgroup operation failed\n`,
		]);
		assert.deepEqual(out(run(s, LS, "-b", "cpu:/", ":/")), [
			93,
			"cpu://\n",
			`${LS}: cannot find group (null)..:/: Cgroup operation failed\n`,
		]);
		assert.deepEqual(out(run(s, LS, ":/x", "cpu:/")), [
			93,
			"cpu://\n",
			`${LS}: cannot find group (null)..:/x: Cgroup operation failed\n`,
		]);
	});

	test("usage, bad options and specs that do not parse", () => {
		assert.deepEqual(out(run(s, LS, "-h")), [0, HELP, ""]);
		assert.deepEqual(out(run(s, LS, "-x")), [129, "", `${LS}: invalid option -- 'x'\n${BAD}`]);
		assert.deepEqual(out(run(s, LS, "cpu:/", "-x")), [
			129,
			"",
			`${LS}: invalid option -- 'x'\n${BAD}`,
		]);
		assert.deepEqual(out(run(s, LS, "-g")), [
			129,
			"",
			`${LS}: option requires an argument -- 'g'\n${BAD}`,
		]);
		assert.deepEqual(out(run(s, LS, "-g", "cpu")), [
			255,
			"",
			`${LS}: cgroup controller and path parsing failed (cpu)\n`,
		]);
		assert.deepEqual(out(run(s, LS, "cpu")), [
			255,
			"",
			`${LS}: cgroup controller an path parsing failed (cpu)\n`,
		]);
	});
});

describe("lscgroup on a cgroup v2 host", () => {
	test("the v2 controllers share one mount point; the systemd default cgroup is the root unless -b", () => {
		const s = h4System({ layout: "v2" });
		sh(s, `mkdir ${R}/a ${R}/a/b; mkdir -p /var/run/libcgroup`);
		const C = "cpuset,cpu,io,memory,hugetlb,pids";
		assert.deepEqual(out(run(s, LS)), [0, `${C}://\n${C}://a\n${C}://a/b\n`, ""]);
		assert.deepEqual(out(run(s, LS, "-g", "memory,cpu:a")), [0, `${C}:/a/\n${C}:/a/b\n`, ""]);
		sh(
			s,
			`mkdir -p ${R}/user.slice/u.scope/w; printf user.slice/u.scope > /var/run/libcgroup/systemd`,
		);
		assert.deepEqual(out(run(s, LS)), [0, `${C}:/\n${C}:/w\n`, ""]);
		assert.deepEqual(out(run(s, LS, "cpu:w")), [0, `${C}:/w/\n`, ""]);
		assert.equal(run(s, LS, "-b").stdout.split("\n").length, 7);
	});

	test("no cgroup filesystem mounted", () => {
		const s = h4System({ layout: "bare" });
		assert.deepEqual(out(run(s, LS)), [
			81,
			"",
			`${LS}: libcgroup initialization failed: Cgroup is not mounted\n`,
		]);
	});
});
