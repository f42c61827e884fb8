/**
 * cgdelete on the emulated host. The expected texts and exit codes were
 * taken from libcgroup 3.1.0's cgdelete on a Linux 6.18 host with the same
 * hybrid layout (including its skipping of a second controller named for
 * the same group, see skip_add_controller()).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cgSystem, exists, out, R, read, run, runAs, sh } from "./h2-support.ts";

const WRONG = "Wrong input parameters, try /usr/bin/cgdelete --help' for more information.\n";
const USAGE =
	"Usage: /usr/bin/cgdelete [-h] [-r] [[-g] <controllers>:<path>] ...\n" +
	"Remove control group(s)\n" +
	"  -g <controllers>:<path>\tControl group to be removed (-g is optional)\n" +
	"  -h, --help\t\t\tDisplay this help\n" +
	"  -r, --recursive\t\tRecursively remove all subgroups\n" +
	"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n";

describe("cgdelete: arguments", () => {
	const sys = cgSystem();
	const cases: [string[], number, string, string][] = [
		[[], 129, "", WRONG],
		[["-h"], 0, USAGE, ""],
		[["--help"], 0, USAGE, ""],
		[["-z"], 129, "", `/usr/bin/cgdelete: invalid option -- 'z'\n${WRONG}`],
		// The -g message has no newline; strtok() has cut the argument at its colon.
		[["-g", "cpu"], 129, "", "/usr/bin/cgdelete: error parsing cgroup 'cpu'"],
		[["-g", "cpu:"], 129, "", "/usr/bin/cgdelete: error parsing cgroup 'cpu'"],
		[["cpu:"], 129, "", "/usr/bin/cgdelete: error parsing cgroup 'cpu'\n"],
		[["::"], 129, "", "/usr/bin/cgdelete: error parsing cgroup '::'\n"],
		[["-r"], 0, "", ""],
		[["-g", "nosuch:x"], 93, "", "/usr/bin/cgdelete: controller nosuch can't be added\n"],
		[["-g", "*:x"], 93, "", "/usr/bin/cgdelete: controller * can't be added\n"],
		[
			["cpu:nosuch"],
			96,
			"",
			"/usr/bin/cgdelete: cannot remove group 'nosuch': No such file or directory\n",
		],
		[
			["-r", "cpu:nosuch", "memory:nosuch"],
			96,
			"",
			"/usr/bin/cgdelete: cannot remove group 'nosuch': No such file or directory\n".repeat(2),
		],
	];
	for (const [args, status, stdout, stderr] of cases) {
		it(`cgdelete ${args.join(" ")}`, () => {
			assert.deepEqual(out(run(sys, "cgdelete", ...args)), [status, stdout, stderr]);
		});
	}
});

describe("cgdelete: removing groups", () => {
	it("removes a group from each hierarchy given, by -g or as an operand", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-g", "cpu,memory,freezer:x");
		// The group is spelled differently in the two: see the next test.
		assert.deepEqual(out(run(sys, "cgdelete", "cpu:x", "-g", "memory:/x")), [0, "", ""]);
		assert.equal(exists(sys, `${R}/cpu/x`), false);
		assert.equal(exists(sys, `${R}/memory/x`), false);
		assert.ok(exists(sys, `${R}/freezer/x`));
	});

	it("a second controller for the same group in one argument is skipped", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-g", "cpu,memory:x");
		assert.deepEqual(out(run(sys, "cgdelete", "-g", "cpu,memory:x")), [0, "", ""]);
		assert.equal(exists(sys, `${R}/cpu/x`), false);
		assert.ok(exists(sys, `${R}/memory/x`));
		// ... and across arguments too: memory is skipped, so the group (no controllers) is sought on cgroup v2.
		run(sys, "cgcreate", "-g", "cpu:x");
		assert.deepEqual(out(run(sys, "cgdelete", "cpu:x", "memory:x")), [
			96,
			"",
			"/usr/bin/cgdelete: cannot remove group 'x': No such file or directory\n",
		]);
		assert.ok(exists(sys, `${R}/memory/x`));
		assert.deepEqual(out(run(sys, "cgdelete", "memory:x")), [0, "", ""]);
	});

	it("without -r a group with children stays; -r removes the subtree", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-g", "cpu:x/a/b", "-g", "cpu:x/c");
		assert.deepEqual(out(run(sys, "cgdelete", "cpu:x")), [
			96,
			"",
			"/usr/bin/cgdelete: cannot remove group 'x': Device or resource busy\n",
		]);
		assert.ok(exists(sys, `${R}/cpu/x/a/b`));
		assert.deepEqual(out(run(sys, "cgdelete", "--recursive", "cpu:x")), [0, "", ""]);
		assert.equal(exists(sys, `${R}/cpu/x`), false);
	});

	it("moves the tasks to the parent group (v1 tasks, v2 cgroup.procs and threaded groups)", () => {
		const sys = cgSystem();
		const r = sh(
			sys,
			[
				"cgcreate -g cpu:x/a/b -g :v/a -g :v/t",
				"sleep 1000 & S=$!",
				"sleep 1000 & T=$!",
				`echo $S > ${R}/cpu/x/a/b/tasks`,
				`echo $T > ${R}/cpu/x/a/tasks`,
				"cgdelete -r cpu:x/a",
				`cat ${R}/cpu/x/tasks | sed "s/^$S$/S/; s/^$T$/T/"`,
				`echo $S > ${R}/unified/v/a/cgroup.procs`,
				"cgdelete :v/a",
				`cat ${R}/unified/v/cgroup.procs | sed "s/^$S$/S/"`,
				`echo threaded > ${R}/unified/v/t/cgroup.type`,
				`echo $T > ${R}/unified/v/t/cgroup.procs`,
				"cgdelete -r :v/t",
				`cat ${R}/unified/v/cgroup.procs | sed "s/^$S$/S/; s/^$T$/T/" | sort`,
				"kill $S $T",
			].join("\n"),
		);
		assert.deepEqual(out(r), [0, "S\nT\nS\nS\nT\n", ""]);
		assert.equal(exists(sys, `${R}/cpu/x/a`), false);
		assert.equal(exists(sys, `${R}/unified/v/a`), false);
		assert.equal(exists(sys, `${R}/unified/v/t`), false);
	});

	it("-r of a hierarchy's root removes its descendants and keeps the root", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-g", "freezer:a/b", "-g", "freezer:c");
		assert.deepEqual(out(run(sys, "cgdelete", "-r", "freezer:/")), [0, "", ""]);
		assert.deepEqual(
			["a", "c"].map((d) => exists(sys, `${R}/freezer/${d}`)),
			[false, false],
		);
		// Without -r the root is left alone, silently.
		assert.deepEqual(out(run(sys, "cgdelete", "freezer:/")), [0, "", ""]);
	});

	it("on cgroup v2 controllers share the hierarchy", () => {
		const sys = cgSystem({ layout: "v2" });
		run(sys, "cgcreate", "-g", "cpu,pids:n/b/c");
		assert.deepEqual(out(run(sys, "cgdelete", "-r", "pids:n")), [0, "", ""]);
		assert.equal(exists(sys, `${R}/n`), false);
		assert.deepEqual(out(run(sys, "cgdelete", "-r", "cpu:n")), [
			96,
			"",
			"/usr/bin/cgdelete: cannot remove group 'n': No such file or directory\n",
		]);
	});

	it("as a user: the parent's tasks file must be writable", () => {
		const sys = cgSystem();
		run(sys, "cgcreate", "-a", "nobody:nogroup", "-g", "cpu:n");
		assert.deepEqual(out(runAs(sys, 65534, "cgcreate", "-g", "cpu:n/b")), [0, "", ""]);
		assert.deepEqual(out(runAs(sys, 65534, "cgdelete", "cpu:n/b")), [
			96,
			"",
			"/usr/bin/cgdelete: cannot remove group 'n/b': Permission denied\n",
		]);
		assert.ok(exists(sys, `${R}/cpu/n/b`));
		// With the tasks file given to the user as well, it may.
		run(sys, "cgcreate", "-a", "nobody:nogroup", "-t", "nobody:nogroup", "-g", "cpu:m");
		runAs(sys, 65534, "cgcreate", "-g", "cpu:m/b");
		assert.deepEqual(out(runAs(sys, 65534, "cgdelete", "cpu:m/b")), [0, "", ""]);
		assert.equal(exists(sys, `${R}/cpu/m/b`), false);
		assert.equal(read(sys, `${R}/cpu/m/tasks`), "");
	});
});
