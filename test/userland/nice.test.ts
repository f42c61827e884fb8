/**
 * nice(1) and task nice values: setpriority() with its permission rules,
 * inheritance at fork, /proc/<pid>/stat priority and nice, and the load
 * weight the CPU model shares CPUs by.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { newSystem, runProgram } from "../support/userland.ts";

it("nice prints and adjusts the niceness as coreutils 9.1 does (outputs from the reference host)", () => {
	const sys = newSystem();
	const r = runProgram(sys, [
		"/bin/sh",
		"-c",
		`nice
nice -n 5 nice
nice -3 nice
nice --5 nice
nice -n 30 sh -c 'nice; cut -d" " -f18,19 /proc/self/stat'
nice -n x true; echo $?
nice -n 1; echo $?
nice nosuch; echo $?
setpriv --reuid=65534 nice -n -1 nice; echo $?
nice -n 3 setpriv --reuid=65534 nice -n -1 nice; echo $?`,
	]);
	assert.equal(r.stdout, "0\n5\n3\n-5\n19\n39 19\n125\n125\n127\n0\n0\n3\n0\n");
	assert.equal(
		r.stderr,
		[
			"nice: invalid adjustment 'x'",
			"nice: a command must be given with an adjustment",
			"Try 'nice --help' for more information.",
			"nice: 'nosuch': No such file or directory",
			"nice: cannot set niceness: Permission denied",
			"nice: cannot set niceness: Permission denied",
			"",
		].join("\n"),
	);
});

it("a nice 5 hog gets 335/1359 of a CPU it shares with a nice 0 hog", () => {
	const sys = newSystem({ cpus: 1 });
	const r = runProgram(sys, [
		"/bin/sh",
		"-c",
		`sh -c 'while :; do :; done' & a=$!
nice -n 5 sh -c 'while :; do :; done' & b=$!
sleep 5
echo "$(cut -d' ' -f14 /proc/$a/stat) $(cut -d' ' -f14 /proc/$b/stat)"
kill $a $b`,
	]);
	const [a, b] = r.stdout.trim().split(" ").map(Number);
	// utime in clock ticks over 5 s: 500 * 1024/1359 and 500 * 335/1359.
	assert.ok(Math.abs(a! - 377) <= 2 && Math.abs(b! - 123) <= 2, r.stdout);
});
