/**
 * cgroup_file_notify() seen from the shell: inotifywait on cgroup.events
 * wakes when a cgroup's populated or frozen state changes.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { newSystem, runProgram } from "../support/userland.ts";

const SCRIPT = `cd /sys/fs/cgroup; mkdir a
inotifywait -q -t 5 a/cgroup.events & w=$!
sleep 0.1
sh -c 'echo $$ > a/cgroup.procs; exit 0'
wait $w; echo "status $?"
cat a/cgroup.events
inotifywait -t 1 a/cgroup.events; echo "timeout $?"
inotifywait -m -q a/cgroup.events & m=$!
sleep 0.1; echo 1 > a/cgroup.freeze; sleep 0.1; echo 0 > a/cgroup.freeze; sleep 0.1; kill $m
inotifywait -q -e open a/cgroup.events; echo $?
inotifywait -q /tmp; echo $?
`;

it("inotifywait sees populated and frozen changes of cgroup.events, and times out otherwise", () => {
	const sys = newSystem({ layout: "v2" });
	const r = runProgram(sys, ["/bin/sh", "-c", SCRIPT]);
	assert.equal(
		r.stdout,
		[
			"a/cgroup.events MODIFY ",
			"status 0",
			"populated 0",
			"frozen 0",
			"timeout 2",
			"a/cgroup.events MODIFY ",
			"a/cgroup.events MODIFY ",
			"1",
			"1",
			"",
		].join("\n"),
	);
	assert.equal(
		r.stderr,
		[
			"Setting up watches.",
			"Watches established.",
			"inotifywait: cgkit models only the modify event",
			"inotifywait: /tmp: cgkit models change events of cgroup files only",
			"",
		].join("\n"),
	);
});
