/**
 * Issue 5's acceptance effects, seen from `cgkit sh` as a user would: CPU
 * time shared by cpu.shares and held by a CFS quota, measured with cpuacct
 * over emulated seconds; a frozen stress-ng getting no CPU; the classic
 * ENOSPC of an empty cpuset; a fork refused at pids.max; huge page use held
 * by a hugetlb limit.
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

describe("other controllers' effects from the shell", () => {
	it("gives a frozen stress-ng --cpu no CPU time until it is thawed", () => {
		const out = sh(
			`for h in cpuacct freezer; do mkdir /sys/fs/cgroup/$h/f; done
sh -c 'for h in cpuacct freezer; do echo $$ > /sys/fs/cgroup/$h/f/cgroup.procs; done; exec stress-ng -q --cpu 1 --timeout 6' &
sleep 1
echo FROZEN > /sys/fs/cgroup/freezer/f/freezer.state
a=$(cat /sys/fs/cgroup/cpuacct/f/cpuacct.usage)
sleep 3
b=$(cat /sys/fs/cgroup/cpuacct/f/cpuacct.usage)
ps -o stat=,comm= | grep stress-ng-cpu
echo THAWED > /sys/fs/cgroup/freezer/f/freezer.state
sleep 1
c=$(cat /sys/fs/cgroup/cpuacct/f/cpuacct.usage)
echo "$a $b $c"
wait`,
			1,
		);
		const [ps, times] = out.trim().split("\n") as [string, string];
		assert.equal(ps, "D    stress-ng-cpu");
		const [a, b, c] = times.split(" ").map(Number) as [number, number, number];
		assert.equal(a, 1e9);
		assert.equal(b, a);
		assert.equal(c, 2e9);
	});

	it("refuses a task into a cpuset without CPUs: No space left on device", () => {
		const sys = newSystem({ cpus: 2 });
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			`mkdir /sys/fs/cgroup/cpuset/Charlie
cd /sys/fs/cgroup/cpuset/Charlie
/bin/echo $$ > tasks
echo "status $?"
echo 1 > cpuset.cpus; echo 0 > cpuset.mems
/bin/echo $$ > tasks && cat /proc/self/cpuset && grep Cpus_allowed_list /proc/self/status`,
		]);
		assert.equal(r.stderr, "/bin/echo: write error: No space left on device\n");
		assert.equal(r.stdout, "status 1\n/Charlie\nCpus_allowed_list:\t1\n");
	});

	it("fails a fork at pids.max with EAGAIN: the shell cannot fork", () => {
		const sys = newSystem();
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			`mkdir /sys/fs/cgroup/pids/p
echo 3 > /sys/fs/cgroup/pids/p/pids.max
echo $$ > /sys/fs/cgroup/pids/p/cgroup.procs
sleep 5 &
sh -c 'x=$(echo subshell); echo not reached'
echo "after: $?"
cat /sys/fs/cgroup/pids/p/pids.current /sys/fs/cgroup/pids/p/pids.events`,
		]);
		assert.equal(r.stderr, "sh: 1: Cannot fork\n");
		// pids.current counts cat itself.
		assert.equal(r.stdout, "after: 2\n3\nmax 1\n");
	});

	it("holds stress-ng --mmaphuge to a hugetlb limit: usage stays under it and failcnt grows", () => {
		const out = sh(
			`echo 64 > /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
mkdir /tmp/h; mount -t cgroup -o hugetlb none /tmp/h; mkdir /tmp/h/a
echo 8M > /tmp/h/a/hugetlb.2MB.limit_in_bytes
sh -c 'echo $$ > /tmp/h/a/tasks; exec stress-ng -q --mmaphuge 1 --mmaphuge-mmaps 16 --timeout 2'
cat /tmp/h/a/hugetlb.2MB.max_usage_in_bytes /tmp/h/a/hugetlb.2MB.usage_in_bytes
test "$(cat /tmp/h/a/hugetlb.2MB.failcnt)" -gt 0 && echo failcnt grew
cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages`,
			2,
		);
		assert.equal(out, "8388608\n0\nfailcnt grew\n64\n");
	});
});
