/**
 * The freezer and pids controllers as a shell sees them: a frozen sleep does
 * not finish until thawed even when its time has passed, a killed frozen
 * process dies at the thaw, and pids.current follows the shell's children.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newSystem, runProgram } from "../support/userland.ts";

function sh(script: string): { stdout: string; stderr: string; status: number } {
	return runProgram(newSystem(), ["/bin/sh", "-c", script]);
}

describe("freezer from the shell", () => {
	it("a frozen sleep past its deadline finishes only after the thaw", () => {
		const r = sh(`cd /sys/fs/cgroup/freezer; mkdir a
sleep 5 & p=$!
echo $p > a/cgroup.procs
echo FROZEN > a/freezer.state
sleep 10
grep State /proc/$p/status
ps -o stat= -p $p
echo "tasks: $(wc -l < a/tasks)"
echo THAWED > a/freezer.state
wait $p; echo "wait=$?"
echo "tasks: $(wc -l < a/tasks)"`);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "State:\tD (disk sleep)\nD\ntasks: 1\nwait=0\ntasks: 0\n");
	});

	it("SIGKILL to a frozen process: still listed until the thaw, then it dies of it", () => {
		const r = sh(`cd /sys/fs/cgroup/freezer; mkdir a
sleep 1000 & p=$!
echo $p > a/cgroup.procs
echo FROZEN > a/freezer.state
kill -9 $p
sleep 1
echo "frozen: $(wc -l < a/tasks) $(cat a/freezer.state)"
echo THAWED > a/freezer.state
wait $p 2>/dev/null; echo "wait=$?"
echo "thawed: $(wc -l < a/tasks) $(cat a/freezer.state)"`);
		assert.equal(r.stdout, "frozen: 1 FROZEN\nwait=137\nthawed: 0 THAWED\n");
	});

	it("a shell freezing its own cgroup stops until thawed from outside", () => {
		const r = sh(`cd /sys/fs/cgroup/freezer; mkdir a
sh -c 'echo $$ > a/cgroup.procs; echo FROZEN > a/freezer.state; echo "inside: $(cat a/freezer.state)"' > /tmp/out & s=$!
sleep 1
echo "outside: $(cat a/freezer.state) [$(cat /tmp/out)]"
echo THAWED > a/freezer.state
wait $s; echo "wait=$? $(cat /tmp/out)"`);
		assert.equal(r.stdout, "outside: FROZEN []\nwait=0 inside: THAWED\n");
	});
});

describe("pids from the shell", () => {
	it("pids.current counts a shell's background children and a zombie until reaped", () => {
		const r = sh(`cd /sys/fs/cgroup/pids; mkdir a
sh -c 'echo $$ > a/cgroup.procs; /bin/sleep 1 & exec /bin/sleep 3' & p=$!
sleep 2
echo "tasks=$(wc -l < a/tasks) current=$(cat a/pids.current)"
wait $p
echo "current=$(cat a/pids.current) peak=$(cat a/pids.peak)"`);
		assert.equal(r.stdout, "tasks=1 current=2\ncurrent=0 peak=2\n");
	});
});
