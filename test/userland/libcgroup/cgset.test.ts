/**
 * cgset on the emulated host. The expected texts and exit codes were
 * taken from libcgroup 3.1.0's cgset on a Linux 6.18 host with the same
 * hybrid layout.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cgSystem, out, R, read, run, runAs } from "./h2-support.ts";

const WRONG = "Wrong input parameters, try /usr/bin/cgset --help' for more information.\n";
const USAGE =
	"Usage: /usr/bin/cgset [-r <name=value>] <cgroup_path> ...\n" +
	"   or: /usr/bin/cgset --copy-from <source_cgroup_path> <cgroup_path> ...\n" +
	"Set the parameters of given cgroup(s)\n" +
	"  -r, --variable <name>\t\t\tDefine parameter to set\n" +
	"  --copy-from <source_cgroup_path>\tControl group whose parameters will be copied\n" +
	"  -b\t\t\t\t\tIgnore default systemd delegate hierarchy\n";

describe("cgset: arguments", () => {
	const sys = cgSystem();
	run(sys, "cgcreate", "-g", "cpu:x");
	const cases: [string[], number, string, string][] = [
		[[], 129, "", "Usage is /usr/bin/cgset -r <name=value> relative path to cgroup>\n"],
		[["-h"], 0, USAGE, ""],
		[["-z"], 129, "", `/usr/bin/cgset: invalid option -- 'z'\n${WRONG}`],
		[["-r", "cpu.shares"], 129, "", "/usr/bin/cgset: wrong parameter of option -r: cpu.shares\n"],
		[
			["-r", "cpu.shares=", "x"],
			129,
			"",
			"/usr/bin/cgset: wrong parameter of option -r: cpu.shares=\n",
		],
		[["-r", "=", "x"], 129, "", "/usr/bin/cgset: wrong parameter of option -r: =\n"],
		[["-r", "cpu.shares=5"], 129, "", "/usr/bin/cgset: no cgroup specified\n"],
		[["x"], 129, "", "/usr/bin/cgset: no name-value pair was set\n"],
		[["--cop", "x"], 129, "", "/usr/bin/cgset: no cgroup specified\n"],
		[["-r", "a=1", "--copy-from", "x", "y"], 129, "", WRONG],
		[["--copy-from", "x", "-r", "a=1", "y"], 129, "", WRONG],
		// Errors found while building the settings leave the exit status 0.
		[["-r", "=5", "x"], 0, "", "wrong -r  parameter (5=5)\n"],
		[["-r", "==5", "x"], 0, "", "wrong -r  parameter (5==5)\n"],
		[["-r", "foo=1", "x"], 0, "", "wrong -r  parameter (foo=1)\n"],
		[["-r", "net_cls.classid=1", "x"], 0, "", "controller net_cls can't be add\n"],
		[["--copy-from", "nosuch", "y"], 0, "", "cgroup nosuch error: Cgroup does not exist\n"],
		[
			["-r", "cpu.shares=5", "nosuch"],
			95,
			"",
			"/usr/bin/cgset: cgroup modify error: Cgroup, requested group parameter does not exist\n",
		],
		[
			["-r", "cpu.nosuch=5", "x"],
			95,
			"",
			"/usr/bin/cgset: cgroup modify error: Cgroup, requested group parameter does not exist\n",
		],
	];
	for (const [args, status, stdout, stderr] of cases) {
		it(`cgset ${args.join(" ")}`, () => {
			assert.deepEqual(out(run(sys, "cgset", ...args)), [status, stdout, stderr]);
			assert.equal(read(sys, `${R}/cpu/x/cpu.shares`), "1024\n");
		});
	}
});

describe("cgset: setting values", () => {
	it("writes each -r setting in order, into every group named; the first failure stops", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-g", "cpu,memory:x", "-g", "cpu:y");
		assert.deepEqual(
			out(
				run(sys, "cgset", "-r", "cpu.shares=512", "--rule", "memory.limit_in_bytes=1000000", "x"),
			),
			[0, "", ""],
		);
		assert.equal(read(sys, `${R}/cpu/x/cpu.shares`), "512\n");
		assert.equal(read(sys, `${R}/memory/x/memory.limit_in_bytes`), "999424\n");
		assert.deepEqual(
			out(run(sys, "cgset", "-r", "cpu.shares=1", "-r", "cpu.cfs_quota_us=abc", "x", "y")),
			[96, "", "/usr/bin/cgset: cgroup modify error: Invalid argument\n"],
		);
		// cpu.shares was written (and clamped by the kernel) before the failure; y was never reached.
		assert.equal(read(sys, `${R}/cpu/x/cpu.shares`), "2\n");
		assert.equal(read(sys, `${R}/cpu/y/cpu.shares`), "1024\n");
		assert.deepEqual(out(run(sys, "cgset", "-r", "cpu.shares=300", "x", "y")), [0, "", ""]);
		assert.equal(read(sys, `${R}/cpu/y/cpu.shares`), "300\n");
	});

	it("--copy-from writes every writable setting of the source's controllers", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-g", "cpu:x", "-g", "cpu:y", "-g", "cpu,memory:z");
		run(sys, "cgset", "-r", "cpu.shares=77", "-r", "cpu.cfs_quota_us=50000", "x");
		assert.deepEqual(out(run(sys, "cgset", "--copy-from", "x", "y")), [0, "", ""]);
		assert.equal(read(sys, `${R}/cpu/y/cpu.shares`), "77\n");
		assert.equal(read(sys, `${R}/cpu/y/cpu.cfs_quota_us`), "50000\n");
		// z's memory settings have no file under x: the copy stops there, cpu done or not.
		assert.deepEqual(out(run(sys, "cgset", "--copy-from", "z", "x")), [
			95,
			"",
			"/usr/bin/cgset: cgroup modify error: Cgroup, requested group parameter does not exist\n",
		]);
	});

	it('cgroup v2 settings, and the "cgroup" pseudo-controller', () => {
		const sys = cgSystem({ layout: "v2" });
		run(sys, "cgcreate", "-g", "cpu,memory:a/b");
		assert.deepEqual(
			out(
				run(
					sys,
					"cgset",
					"-r",
					"cpu.weight=50",
					"-r",
					"memory.max=100M",
					"-r",
					"cgroup.max.depth=3",
					"a/b",
				),
			),
			[0, "", ""],
		);
		assert.deepEqual(
			["cpu.weight", "memory.max", "cgroup.max.depth"].map((f) => read(sys, `${R}/a/b/${f}`)),
			["50\n", "104857600\n", "3\n"],
		);
	});

	it("as a user: only the group's own files", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-a", "nobody:nogroup", "-g", "cpu:n");
		assert.deepEqual(out(runAs(sys, 65534, "cgset", "-r", "cpu.shares=3", "n")), [0, "", ""]);
		assert.equal(read(sys, `${R}/cpu/n/cpu.shares`), "3\n");
		run(sys, "cgcreate", "-g", "cpu:r");
		assert.deepEqual(out(runAs(sys, 65534, "cgset", "-r", "cpu.shares=3", "r")), [
			95,
			"",
			"/usr/bin/cgset: cgroup modify error: Cgroup, requested group parameter does not exist\n",
		]);
	});
});
