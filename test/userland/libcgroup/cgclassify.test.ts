/**
 * cgclassify on the emulated host: options, -g, classification of running
 * processes by the rules (their effective ids and names from /proc), the
 * issue's transcript, the per-pid errors and exit codes, and -r without a
 * systemd scope (the rollback).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cgroupOf, h3System, out, R, run, sh, spawn, write } from "./h3-support.ts";

const P = "/usr/sbin/cgclassify";
const USAGE =
	`Usage: ${P} [[-g] <controllers>:<path>] [--sticky | --cancel-sticky] <list of pids>\n` +
	"Move running task(s) to given cgroups\n" +
	"  -h, --help\t\t\tDisplay this help\n" +
	"  -g <controllers>:<path>\tControl group to be used as target\n" +
	"  --cancel-sticky\t\tcgred daemon change pidlist and children tasks\n" +
	"  --sticky\t\t\tcgred daemon does not change pidlist and children tasks\n" +
	"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
	"  -r\t\t\t\tReplace the default idle_thread spawned for the systemd scope\n";
const WRONG = `Wrong input parameters, try ${P} '-h' for more information.\n`;

describe("cgclassify options", () => {
	test("no arguments, -h, bad options", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, [P])), [129, "", WRONG]);
		assert.deepEqual(out(run(sys, [P, "-h"])), [0, USAGE, ""]);
		assert.deepEqual(out(run(sys, [P, "--help"])), [0, USAGE, ""]);
		assert.deepEqual(out(run(sys, [P, "-x"])), [129, "", `${P}: invalid option -- 'x'\n${WRONG}`]);
		assert.deepEqual(out(run(sys, [P, "-g", "cpu", "1"])), [
			129,
			"",
			"cgroup controller and path parsing failed\n",
		]);
		assert.deepEqual(out(run(sys, [P, "--bogus"])), [
			129,
			"",
			`${P}: unrecognized option '--bogus'\n${WRONG}`,
		]);
		// A unique prefix of a long option is that option.
		assert.deepEqual(out(run(sys, [P, "--cancel"])), [0, "", ""]);
	});

	test("only options: nothing to do, status 0", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, [P, "-g", "cpu:/"])), [0, "", ""]);
	});
});

describe("cgclassify -g", () => {
	test("moves each pid into each cgroup", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpu/a ${R}/memory/m`);
		const p1 = spawn(sys, 1025, 1000);
		const p2 = spawn(sys, 1026, 1001);
		assert.deepEqual(out(run(sys, [P, "-g", "cpu:a", "-g", "memory:m", String(p1), String(p2)])), [
			0,
			"",
			"",
		]);
		for (const p of [p1, p2]) {
			assert.equal(cgroupOf(sys, p, "cpu"), "/a");
			assert.equal(cgroupOf(sys, p, "memory"), "/m");
		}
	});

	test("errors per pid: not a number (2), a failed move (1, the last error wins)", () => {
		const sys = h3System();
		const p1 = spawn(sys, 1025, 1000);
		assert.deepEqual(out(run(sys, [P, "-g", "cpu:/", "abc", String(p1)])), [
			2,
			"",
			"Error: abc is not valid pid.\n",
		]);
		assert.deepEqual(out(run(sys, [P, "-g", "cpu:nope", String(p1), "12x"])), [
			2,
			"",
			`Error changing group of pid ${p1}: Cgroup does not exist\nError: 12x is not valid pid.\n`,
		]);
		assert.deepEqual(out(run(sys, [P, "-g", "cpu:nope", "12x", String(p1)])), [
			1,
			"",
			`Error: 12x is not valid pid.\nError changing group of pid ${p1}: Cgroup does not exist\n`,
		]);
	});

	test("the issue: an empty v1 cpuset, ENOSPC; then cpus and mems are set", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpuset/c`);
		const pid = spawn(sys, 1025, 1000);
		assert.deepEqual(out(run(sys, [P, "-g", "cpuset:c", String(pid)])), [
			1,
			"",
			`Error changing group of pid ${pid}: No space left on device\n`,
		]);
		sh(sys, `echo 0 > ${R}/cpuset/c/cpuset.cpus; echo 0 > ${R}/cpuset/c/cpuset.mems`);
		assert.deepEqual(out(run(sys, [P, "-g", "cpuset:c", String(pid)])), [0, "", ""]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/c");
	});
});

describe("cgclassify by the rules", () => {
	test("the issue's transcript: uid 1025 gid 1000 by rule into an empty v1 cpuset, then after it is set up", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice\tcpuset\tcurlers/\n");
		sh(sys, `mkdir ${R}/cpuset/curlers`);
		const pid = spawn(sys, 1025, 1000);
		const r = run(sys, [P, String(pid)], ["CGROUP_LOGLEVEL=WARNING"]);
		assert.deepEqual(out(r), [
			1,
			`Warning: cannot write tid ${pid} to ${R}/cpuset//curlers/tasks:No space left on device\n` +
				"Warning: cgroup_attach_task_pid failed: 50016\n" +
				"Warning: failed to apply the rule. Error was: 50016\n",
			`Error: change of cgroup failed for pid ${pid}: No space left on device\n`,
		]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/");
		sh(sys, `echo 0 > ${R}/cpuset/curlers/cpuset.cpus; echo 0 > ${R}/cpuset/curlers/cpuset.mems`);
		assert.deepEqual(out(run(sys, [P, String(pid)])), [0, "", ""]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/curlers");
	});

	test("a user:process rule by full path", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice:/usr/bin/curl\tcpuset\tcurlers/\n");
		sh(
			sys,
			`mkdir ${R}/cpuset/curlers; echo 0 > ${R}/cpuset/curlers/cpuset.cpus; echo 0 > ${R}/cpuset/curlers/cpuset.mems`,
		);
		const pid = spawn(sys, 1025, 1000);
		assert.deepEqual(out(run(sys, [P, String(pid)])), [0, "", ""]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/curlers");
	});

	test("a user:process rule by name, effective ids from /proc, @group and * rules", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice:curl cpu curl/\n@users cpu users/\n* cpu rest/\n");
		sh(sys, `mkdir ${R}/cpu/curl ${R}/cpu/users ${R}/cpu/rest`);
		const curl = spawn(sys, 1025, 1000);
		const sleeper = spawn(sys, 1025, 1000, ["/bin/sleep", "100000"]);
		const carol = spawn(sys, 1027, 1002);
		const bob = spawn(sys, 1026, 1001);
		assert.deepEqual(
			out(run(sys, [P, String(curl), String(sleeper), String(carol), String(bob)])),
			[0, "", ""],
		);
		assert.deepEqual(
			[curl, sleeper, carol, bob].map((p) => cgroupOf(sys, p, "cpu")),
			["/curl", "/rest", "/users", "/users"],
		);
	});

	test("a process that does not exist; pid 0 from an empty argument", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "* cpu rest/\n");
		assert.deepEqual(out(run(sys, [P, "99999", ""])), [
			1,
			"",
			"Error in determining euid/egid of pid 99999\nError in determining euid/egid of pid 0\n",
		]);
	});

	test("no rules file: every pid fails with the parse error", () => {
		const sys = h3System();
		const pid = spawn(sys, 1025, 1000);
		assert.deepEqual(out(run(sys, [P, String(pid)])), [
			1,
			"Error: failed to parse the configuration rules\n",
			`Error: change of cgroup failed for pid ${pid}: Cgroup parsing failed\n`,
		]);
	});

	test("--sticky and --cancel-sticky without a daemon", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "* cpu rest/\n");
		sh(sys, `mkdir ${R}/cpu/rest`);
		const pid = spawn(sys, 1025, 1000);
		assert.deepEqual(out(run(sys, [P, "--sticky", String(pid)])), [0, "", ""]);
		assert.deepEqual(out(run(sys, [P, "--cancel-sticky", String(pid)])), [0, "", ""]);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/rest");
	});
});

describe("cgclassify -r", () => {
	test("without a systemd scope the move is rolled back and the status is the rollback's", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/cpu/a`);
		const pid = spawn(sys, 1025, 1000);
		assert.deepEqual(out(run(sys, [P, "-r", "-g", "cpu:a", String(pid)])), [
			0,
			"",
			"Failed to find idle_thread task\n",
		]);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/");
	});

	test("a pid without /proc/PID/cgroup", () => {
		const sys = h3System();
		assert.deepEqual(out(run(sys, [P, "-r", "-g", "cpu:/", "99999"])), [
			1,
			"",
			"Failed to open: /proc/99999/cgroup\nFailed to read /proc/99999/cgroups\n",
		]);
	});
});
