/**
 * cgexec on the emulated host: options and their errors, -g, the rules
 * (real uid/gid, the command name as typed), the exec, and the failures
 * with their exit statuses (the C return value's low 8 bits).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runProgram } from "../../support/userland.ts";
import { h3System, out, R, run, sh, write } from "./h3-support.ts";

const USAGE =
	"Usage: /usr/bin/cgexec [-h] [-g <controllers>:<path>] [--sticky] command [arguments] ...\n" +
	"Run the task in given control group(s)\n" +
	"  -g <controllers>:<path>\tControl group which should be added\n" +
	"  -h, --help\t\t\tDisplay this help\n" +
	"  --sticky\t\t\tcgred daemon does not change pidlist and children tasks\n" +
	"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
	"  -r\t\t\t\tReplace the default idle_thread spawned for the systemd scope\n";
const WRONG = "Wrong input parameters, try /usr/bin/cgexec --help for more information.\n";

/** The cgroup of controller field `ctrl` in a /proc/self/cgroup text. */
function cg(text: string, ctrl: string): string | undefined {
	return text
		.split("\n")
		.map((l) => l.split(":"))
		.find((f) => f[1] === ctrl)?.[2];
}

describe("cgexec options", () => {
	test("-h and --help print the usage on stdout", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "-h"])), [0, USAGE, ""]);
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "--help", "-z"])), [0, USAGE, ""]);
	});

	const bad: [string, string[], string][] = [
		["no command", [], WRONG],
		["an unknown option", ["-z"], `/usr/bin/cgexec: invalid option -- 'z'\n${WRONG}`],
		[
			"an unknown long option",
			["--foo=bar"],
			`/usr/bin/cgexec: unrecognized option '--foo=bar'\n${WRONG}`,
		],
		[
			"-g without its argument",
			["-g"],
			`/usr/bin/cgexec: option requires an argument -- 'g'\n${WRONG}`,
		],
		[
			"--help with an argument",
			["--help=x"],
			`/usr/bin/cgexec: option '--help' doesn't allow an argument\n${WRONG}`,
		],
		["a -g without a path", ["-g", "cpu", "true"], "cgroup controller and path parsing failed\n"],
		["-g but no command", ["-g", "cpu:/x"], WRONG],
		["an abbreviated --sticky but no command", ["--sti"], WRONG],
	];
	for (const [what, args, stderr] of bad) {
		test(`${what}: status 129`, () => {
			const sys = h3System();
			assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", ...args])), [129, "", stderr]);
		});
	}

	test("options stop at the command: its own options are its", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpu/a`);
		const r = run(sys, ["/usr/bin/cgexec", "-g", "cpu:a", "/bin/echo", "-g", "x"]);
		assert.deepEqual(out(r), [0, "-g x\n", ""]);
	});
});

describe("cgexec -g", () => {
	test("the command runs in the given cgroups, several -g options in order", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpu/a ${R}/memory/m ${R}/pids/m`);
		const r = run(sys, [
			"/usr/bin/cgexec",
			"-g",
			"cpu:a",
			"-g",
			"memory,pids:/m",
			"cat",
			"/proc/self/cgroup",
		]);
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(
			["cpu", "memory", "pids", "cpuset"].map((c) => cg(r.stdout, c)),
			["/a", "/m", "/m", "/"],
		);
	});

	test("no controllers (:path) on the hybrid host: the cgroup2 hierarchy", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/unified/u`);
		const r = run(sys, ["/usr/bin/cgexec", "-g", ":u", "cat", "/proc/self/cgroup"]);
		assert.equal(cg(r.stdout, ""), "/u");
	});

	test("the issue: an empty v1 cpuset refuses the task", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpuset/c`);
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "-g", "cpuset:c", "true"])), [
			96,
			"",
			"cgroup change of group failed\n",
		]);
		const r = run(sys, ["/usr/bin/cgexec", "-g", "cpuset:c", "true"], ["CGROUP_LOGLEVEL=WARNING"]);
		const pid = /tid ([0-9]+) /.exec(r.stdout)?.[1];
		assert.deepEqual(out(r), [
			96,
			`Warning: cannot write tid ${pid} to ${R}/cpuset//c/tasks:No space left on device\n` +
				"Warning: cgroup_attach_task_pid failed: 50016\n",
			"cgroup change of group failed\n",
		]);
		sh(sys, `echo 0 > ${R}/cpuset/c/cpuset.cpus; echo 0 > ${R}/cpuset/c/cpuset.mems`);
		const ok = run(sys, ["/usr/bin/cgexec", "-g", "cpuset:c", "cat", "/proc/self/cgroup"]);
		assert.equal(cg(ok.stdout, "cpuset"), "/c");
	});

	test("a missing cgroup: ECGROUPNOTEXIST (status 82)", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "-g", "cpu:nope", "true"])), [
			82,
			"",
			"cgroup change of group failed\n",
		]);
	});

	test("a controller that is not mounted: ECGROUPNOTALLOWED from cg_prepare_cgroup (status 87)", () => {
		const sys = h3System();
		const r = run(sys, ["/usr/bin/cgexec", "-g", "net_cls:x", "true"], ["CGROUP_LOGLEVEL=WARNING"]);
		assert.deepEqual(out(r), [
			87,
			"Warning: adding controller 'net_cls' failed\n",
			"cgroup change of group failed\n",
		]);
	});

	test("exec failure: exec failed:<strerror>, status 255", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "-g", "cpu:/", "/nonexistent"])), [
			255,
			"",
			"exec failed:No such file or directory",
		]);
	});

	test("--sticky without a daemon listening goes on", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "--sticky", "-g", "cpu:/", "echo", "hi"])), [
			0,
			"hi\n",
			"",
		]);
	});

	test("a user without write access to the tasks file: ECGROUPNOTALLOWED", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpu/a`);
		const r = runProgram(sys, [
			"/usr/bin/setpriv",
			"--reuid=1025",
			"--regid=1000",
			"--clear-groups",
			"/usr/bin/cgexec",
			"-g",
			"cpu:a",
			"true",
		]);
		assert.deepEqual(out(r), [87, "", "cgroup change of group failed\n"]);
	});
});

describe("cgexec by the rules", () => {
	test("no rules file: the parse error (status 99)", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "true"])), [
			99,
			"Error: failed to parse the configuration rules\n",
			"cgroup change of group failed\n",
		]);
	});

	test("the real uid and the command as typed: a basename rule matches cat and /bin/cat", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "root:cat cpu cats/\nroot:/usr/bin/head cpu heads/\n");
		sh(sys, `mkdir ${R}/cpu/cats ${R}/cpu/heads`);
		assert.equal(
			cg(run(sys, ["/usr/bin/cgexec", "cat", "/proc/self/cgroup"]).stdout, "cpu"),
			"/cats",
		);
		assert.equal(
			cg(run(sys, ["/usr/bin/cgexec", "/bin/cat", "/proc/self/cgroup"]).stdout, "cpu"),
			"/cats",
		);
		// A full-path rule needs the full path typed.
		assert.equal(cg(run(sys, ["/usr/bin/cgexec", "head", "/proc/self/cgroup"]).stdout, "cpu"), "/");
		assert.equal(
			cg(run(sys, ["/usr/bin/cgexec", "/usr/bin/head", "/proc/self/cgroup"]).stdout, "cpu"),
			"/heads",
		);
	});

	test("a user's rule with a template: the group is made from cgconfig.conf and the command runs there", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu users/%u\n");
		write(
			sys,
			"/etc/cgconfig.conf",
			"template users/%u {\n\tperm {\n\t\ttask {\n\t\t\tuid = alice;\n\t\t}\n\t\tadmin {\n\t\t\tuid = alice;\n\t\t}\n\t}\n\tcpu {\n\t\tcpu.shares = 256;\n\t}\n}\n",
		);
		sh(sys, `mkdir ${R}/cpu/users && chown 1025 ${R}/cpu/users`);
		// Running as alice, the template group is created by alice; the tasks file is hers.
		const r = runProgram(sys, [
			"/usr/bin/setpriv",
			"--reuid=1025",
			"--regid=1000",
			"--clear-groups",
			"/usr/bin/cgexec",
			"cat",
			"/proc/self/cgroup",
		]);
		assert.equal(r.status, 0, r.stdout + r.stderr);
		assert.equal(cg(r.stdout, "cpu"), "/users/alice");
		assert.equal(sh(sys, `cat ${R}/cpu/users/alice/cpu.shares`).stdout, "256\n");
	});

	test("-r without a systemd scope: Failed to find idle_thread task, status 255", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpu/a`);
		assert.deepEqual(out(run(sys, ["/usr/bin/cgexec", "-r", "-g", "cpu:a", "true"])), [
			255,
			"",
			"Failed to find idle_thread task\n",
		]);
	});
});
