/**
 * Issue 5's acceptance effects, seen from `cgkit sh` as a user would: CPU
 * time shared by cpu.shares and held by a CFS quota, measured with cpuacct
 * over emulated seconds.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newSystem, runProgram } from "../support/userland.ts";

/** Runs `script` as root on a fresh hybrid host with `cpus` CPUs; fails on a non-zero exit. */
function sh(script: string, cpus: number): string {
	const sys = newSystem({ cpus });
	const r = runProgram(sys, ["/bin/sh", "-c", script]);
	assert.equal(r.stderr, "");
	assert.equal(r.status, 0);
	return r.stdout;
}

/** Shell function: `into G CMD...` runs CMD in cgroup G of the cpu and cpuacct hierarchies. */
const INTO = `into() { g=$1; shift; sh -c 'for h in cpu cpuacct; do echo $$ > /sys/fs/cgroup/$h/'$g'/cgroup.procs; done; exec "$@"' sh "$@"; }`;

function within(actual: number, expected: number, rel: number, what: string): void {
	assert.ok(
		Math.abs(actual - expected) <= rel * expected,
		`${what}: ${actual} is not within ${rel * 100}% of ${expected}`,
	);
}

describe("CPU time from the shell (cpu and cpuacct)", () => {
	it("gives two stress-ng --cpu in cgroups with shares 512 and 1024 on one CPU CPU time 1:2 over 10 s", () => {
		const out = sh(
			`${INTO}
for h in cpu cpuacct; do mkdir /sys/fs/cgroup/$h/low /sys/fs/cgroup/$h/high; done
echo 512 > /sys/fs/cgroup/cpu/low/cpu.shares
echo 1024 > /sys/fs/cgroup/cpu/high/cpu.shares
into low stress-ng -q --cpu 1 --timeout 10 &
into high stress-ng -q --cpu 1 --timeout 10 &
wait
cat /sys/fs/cgroup/cpuacct/low/cpuacct.usage /sys/fs/cgroup/cpuacct/high/cpuacct.usage`,
			1,
		);
		const [low, high] = out.trim().split("\n").map(Number) as [number, number];
		within(high / low, 2, 0.02, "high/low");
		within(low + high, 10e9, 0.02, "CPU time in all");
	});

	it("holds a busy task to a quota of 50% of one CPU within 2% over 10 s, and cpu.stat counts it", () => {
		const out = sh(
			`${INTO}
for h in cpu cpuacct; do mkdir /sys/fs/cgroup/$h/half; done
echo 100000 > /sys/fs/cgroup/cpu/half/cpu.cfs_period_us
echo 50000 > /sys/fs/cgroup/cpu/half/cpu.cfs_quota_us
into half stress-ng -q --cpu 1 --timeout 10
cat /sys/fs/cgroup/cpuacct/half/cpuacct.usage /sys/fs/cgroup/cpu/half/cpu.stat`,
			2,
		);
		const lines = out.trim().split("\n");
		within(Number(lines[0]), 5e9, 0.02, "usage");
		const stat = Object.fromEntries(lines.slice(1).map((l) => l.split(" ")));
		within(Number(stat.nr_periods), 100, 0.02, "nr_periods");
		within(Number(stat.nr_throttled), 100, 0.02, "nr_throttled");
		within(Number(stat.throttled_time), 5e9, 0.02, "throttled_time");
	});

	it("keeps a parent's cpuacct usage equal to the sum of its children's", () => {
		const out = sh(
			`${INTO}
for h in cpu cpuacct; do mkdir -p /sys/fs/cgroup/$h/p/a /sys/fs/cgroup/$h/p/b; done
echo 100 > /sys/fs/cgroup/cpu/p/a/cpu.shares
into p/a stress-ng -q --cpu 2 --timeout 3 &
into p/b stress-ng -q --cpu 1 --timeout 2 &
wait
cd /sys/fs/cgroup/cpuacct/p
cat cpuacct.usage a/cpuacct.usage b/cpuacct.usage`,
			2,
		);
		const [p, a, b] = out.trim().split("\n").map(Number) as [number, number, number];
		assert.equal(p, a + b);
		assert.ok(a > 0 && b > 0);
	});

	it("shares one CPU between two shell busy loops by their cgroups' weights", () => {
		const out = sh(
			`for h in cpu cpuacct; do mkdir /sys/fs/cgroup/$h/a /sys/fs/cgroup/$h/b; done
echo 512 > /sys/fs/cgroup/cpu/a/cpu.shares
loop() { sh -c 'for h in cpu cpuacct; do echo $$ > /sys/fs/cgroup/$h/'$1'/tasks; done; while :; do :; done'; }
loop a & p1=$!
loop b & p2=$!
sleep 1
kill $p1 $p2
wait
cat /sys/fs/cgroup/cpuacct/a/cpuacct.usage /sys/fs/cgroup/cpuacct/b/cpuacct.usage`,
			1,
		);
		const [a, b] = out.trim().split("\n").map(Number) as [number, number];
		within(b / a, 2, 0.02, "b/a");
		within(a + b, 1e9, 0.01, "CPU time in all");
	});
});
