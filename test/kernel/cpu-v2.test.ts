/**
 * The cpu controller on cgroup2 (kernel/sched/core.c, cpu_files[]):
 * cpu.weight, cpu.weight.nice, cpu.idle, cpu.max, cpu.max.burst with the
 * kernel's formats, defaults and errnos, the bandwidth lines the
 * controller adds to cpu.stat and cpu.stat.local, and the scenarios of
 * tools/testing/selftests/cgroup/test_cpu.c run with stress-ng CPU hogs
 * on the emulated clock, judged with the selftest's own values_close()
 * tolerances.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { SCHED_PRIO_TO_WEIGHT } from "../../src/kernel/cgroup/controllers/cpu-weight.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const R = "/sys/fs/cgroup";
const S = 1e9;

function setup(cpus = 2): TestHost {
	const h = new TestHost({ layout: "v2", cpus });
	h.mkdir(`${R}/a`);
	return h;
}

/** A busy task in cgroup `cg`. */
function hog(h: TestHost, cg: string): Task {
	const t = h.spawn();
	h.write(`${R}/${cg}/cgroup.procs`, String(t.pid));
	h.kernel.sched.setBusy(t, true);
	return t;
}

function stat(h: TestHost, cg: string, file = "cpu.stat"): Record<string, number> {
	h.kernel.sched.sync();
	const out: Record<string, number> = {};
	for (const line of h.read(`${R}/${cg}/${file}`).trim().split("\n")) {
		const [k, v] = line.split(" ");
		out[k!] = Number(v);
	}
	return out;
}

/** values_close() of cgroup_util.c, in its integer arithmetic. */
function valuesClose(a: number, b: number, err: number): boolean {
	return Math.abs(a - b) <= Math.trunc((a + b) / 100) * err;
}

describe("cpu files on cgroup2", () => {
	it("the root has only the core's cpu.pressure, cpu.stat and cpu.stat.local; a child has the five files, no uclamp", () => {
		const h = setup();
		assert.deepEqual(
			h
				.ls(R)
				.filter((n) => n.startsWith("cpu."))
				.sort(),
			["cpu.pressure", "cpu.stat", "cpu.stat.local"],
		);
		const want: [string, number, string][] = [
			["cpu.idle", 0o644, "0\n"],
			["cpu.max", 0o644, "max 100000\n"],
			["cpu.max.burst", 0o644, "0\n"],
			["cpu.pressure", 0o644, ""],
			["cpu.stat", 0o444, ""],
			["cpu.stat.local", 0o444, "throttled_usec 0\n"],
			["cpu.weight", 0o644, "100\n"],
			["cpu.weight.nice", 0o644, "0\n"],
		];
		assert.deepEqual(
			h
				.ls(`${R}/a`)
				.filter((n) => n.startsWith("cpu."))
				.sort(),
			want.map(([f]) => f),
		);
		for (const [f, mode, content] of want) {
			assert.equal(h.vfs.stat(h.init, `${R}/a/${f}`).mode & 0o777, mode, f);
			if (content !== "") assert.equal(h.read(`${R}/a/${f}`), content, f);
		}
	});

	it("cpu.stat ends with the bandwidth lines of cpu_extra_stat_show(), in microseconds", () => {
		const h = setup();
		const lines = h
			.read(`${R}/a/cpu.stat`)
			.trim()
			.split("\n")
			.map((l) => l.split(" ")[0]);
		assert.deepEqual(lines.slice(-5), [
			"nr_periods",
			"nr_throttled",
			"throttled_usec",
			"nr_bursts",
			"burst_usec",
		]);
	});

	it("cpu.weight takes 1..10000 (ERANGE outside, EINVAL for non-numbers) and every value reads back", () => {
		const h = setup();
		for (const v of [1, 2, 50, 99, 100, 101, 333, 9999, 10000]) {
			h.write(`${R}/a/cpu.weight`, `${v}\n`);
			assert.equal(h.read(`${R}/a/cpu.weight`), `${v}\n`);
		}
		for (const [v, errno] of [
			["0", "ERANGE"],
			["10001", "ERANGE"],
			["18446744073709551615", "ERANGE"],
			["18446744073709551616", "ERANGE"],
			["-1", "EINVAL"],
			["abc", "EINVAL"],
			["50 ", "EINVAL"],
		] as const) {
			assertErrno(() => h.write(`${R}/a/cpu.weight`, v), errno, v);
			assert.equal(h.read(`${R}/a/cpu.weight`), "10000\n");
		}
	});

	it("property: cpu.weight round-trips through the shares (sched_weight_from/to_cgroup)", () => {
		const h = setup();
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10000 }), (w) => {
				h.write(`${R}/a/cpu.weight`, String(w));
				assert.equal(h.read(`${R}/a/cpu.weight`), `${w}\n`);
			}),
			{ numRuns: 300 },
		);
	});

	it("cpu.weight.nice sets the weight of the nice value and reads the nearest one back", () => {
		const h = setup();
		for (let nice = -20; nice <= 19; nice++) {
			h.write(`${R}/a/cpu.weight.nice`, String(nice));
			assert.equal(h.read(`${R}/a/cpu.weight.nice`), `${nice}\n`);
			const shares = SCHED_PRIO_TO_WEIGHT[nice + 20]!;
			const weight = Math.min(10000, Math.max(1, Math.floor((shares * 100 + 512) / 1024)));
			assert.equal(h.read(`${R}/a/cpu.weight`), `${weight}\n`, `weight of nice ${nice}`);
		}
		// The extremes: nice -20 is weight 8668, nice 19 weight 1.
		h.write(`${R}/a/cpu.weight.nice`, "-20");
		assert.equal(h.read(`${R}/a/cpu.weight`), "8668\n");
		h.write(`${R}/a/cpu.weight.nice`, "19");
		assert.equal(h.read(`${R}/a/cpu.weight`), "1\n");
		// Weights read as the closest nice value: 50 is 512 shares (nice 3 weighs 526),
		// 150 is 1536 (nice -2 weighs 1586); 1 is 10 shares, below nice 19's 15.
		for (const [w, nice] of [
			[100, 0],
			[50, 3],
			[150, -2],
			[1, 19],
			[10000, -20],
		] as const) {
			h.write(`${R}/a/cpu.weight`, String(w));
			assert.equal(h.read(`${R}/a/cpu.weight.nice`), `${nice}\n`, `nice of weight ${w}`);
		}
		for (const [v, errno] of [
			["-21", "ERANGE"],
			["20", "ERANGE"],
			["abc", "EINVAL"],
			["\n", "EINVAL"],
		] as const) {
			assertErrno(() => h.write(`${R}/a/cpu.weight.nice`, v), errno, v);
		}
		assert.equal(h.read(`${R}/a/cpu.weight.nice`), "-20\n");
	});

	it("cpu.idle: 0 or 1; an idle group weighs 3 (weight 1) and refuses weights until it leaves idle", () => {
		const h = setup();
		h.write(`${R}/a/cpu.weight`, "300");
		h.write(`${R}/a/cpu.idle`, "1");
		assert.equal(h.read(`${R}/a/cpu.idle`), "1\n");
		assert.equal(h.read(`${R}/a/cpu.weight`), "1\n");
		assert.equal(h.read(`${R}/a/cpu.weight.nice`), "19\n");
		assertErrno(() => h.write(`${R}/a/cpu.weight`, "200"), "EINVAL");
		assertErrno(() => h.write(`${R}/a/cpu.weight.nice`, "0"), "EINVAL");
		assertErrno(() => h.write(`${R}/a/cpu.weight`, "0"), "ERANGE", "the range is checked first");
		for (const v of ["2", "-1", "abc"]) assertErrno(() => h.write(`${R}/a/cpu.idle`, v), "EINVAL");
		h.write(`${R}/a/cpu.idle`, "0");
		assert.equal(h.read(`${R}/a/cpu.weight`), "100\n", "leaving idle restores NICE_0_LOAD");
	});

	const maxAccepted: [string, string][] = [
		["max", "max 100000"],
		["50000", "50000 100000"],
		["50000 200000", "50000 200000"],
		["max 200000", "max 200000"],
		["1000 1000", "1000 1000"],
		["  2000   3000\n", "2000 3000"],
		["4000 abc", "4000 100000"],
		["4000 1000000", "4000 1000000"],
		["5000x 20000", "5000 20000"],
		["17592186044415 1000000", "17592186044415 1000000"],
	];
	for (const [input, shown] of maxAccepted) {
		it(`cpu.max accepts ${JSON.stringify(input)} as "${shown}"`, () => {
			const h = setup();
			h.write(`${R}/a/cpu.max`, input);
			assert.equal(h.read(`${R}/a/cpu.max`), `${shown}\n`);
		});
	}

	const maxRejected: string[] = [
		"999",
		"0",
		"-1",
		"1000 999",
		"1000 1000001",
		"1000 0",
		"abc",
		"maxx",
		"\n",
		"17592186044416",
		"18446744073709551 1000000",
		"18446744073709552",
		"123456789012345678901",
		"1000 18446744073709552",
	];
	for (const input of maxRejected) {
		it(`cpu.max refuses ${JSON.stringify(input)} with EINVAL and keeps its value`, () => {
			const h = setup();
			h.write(`${R}/a/cpu.max`, "3000 30000");
			assertErrno(() => h.write(`${R}/a/cpu.max`, input), "EINVAL");
			assert.equal(h.read(`${R}/a/cpu.max`), "3000 30000\n");
		});
	}

	it("cpu.max.burst: any burst while unlimited, at most the quota after, bounding later quotas", () => {
		const h = setup();
		const w = (f: string, v: string) => h.write(`${R}/a/${f}`, v);
		w("cpu.max.burst", "5000");
		assert.equal(h.read(`${R}/a/cpu.max.burst`), "5000\n");
		w("cpu.max.burst", "18446744073709551");
		assert.equal(h.read(`${R}/a/cpu.max.burst`), "18446744073709551\n", "exact past 2^53 ns");
		assertErrno(() => w("cpu.max.burst", "18446744073709552"), "EINVAL");
		assertErrno(() => w("cpu.max.burst", "-1"), "EINVAL");
		assertErrno(() => w("cpu.max", "4000"), "EINVAL", "burst above the quota");
		w("cpu.max.burst", "3000");
		w("cpu.max", "4000");
		assertErrno(() => w("cpu.max.burst", "4001"), "EINVAL");
		w("cpu.max.burst", "4000");
		assertErrno(() => w("cpu.max", "3999"), "EINVAL");
		assertErrno(
			() => w("cpu.max", "17592186044415"),
			"EINVAL",
			"burst + quota past max_bw_runtime_us",
		);
		assert.equal(h.read(`${R}/a/cpu.max`), "4000 100000\n");
		w("cpu.max", "max");
		w("cpu.max.burst", "0");
		assert.equal(h.read(`${R}/a/cpu.max.burst`), "0\n");
	});

	it("a child may have a larger quota than its parent on cgroup2 (v1 refuses it)", () => {
		const h = setup();
		h.write(`${R}/a/cgroup.subtree_control`, "+cpu");
		h.mkdir(`${R}/a/b`);
		h.write(`${R}/a/cpu.max`, "10000");
		h.write(`${R}/a/b/cpu.max`, "50000");
		assert.equal(h.read(`${R}/a/b/cpu.max`), "50000 100000\n");
		h.write(`${R}/a/cpu.max`, "5000");
		assert.equal(h.read(`${R}/a/cpu.max`), "5000 100000\n");
	});
});

describe("cpu bandwidth on cgroup2 (the CPU model)", () => {
	it("cpu.max holds a hog to its quota and counts periods, throttles and throttled time", () => {
		const h = setup(2);
		h.write(`${R}/a/cpu.max`, "50000 100000");
		hog(h, "a");
		h.kernel.clock.advance(10 * S);
		const st = stat(h, "a");
		assert.ok(valuesClose(st.usage_usec!, 5e6, 1), `usage_usec ${st.usage_usec}`);
		assert.equal(st.nr_periods, 100);
		assert.equal(st.nr_throttled, 100);
		assert.ok(valuesClose(st.throttled_usec!, 5e6, 2), `throttled_usec ${st.throttled_usec}`);
		assert.deepEqual(stat(h, "a", "cpu.stat.local"), { throttled_usec: st.throttled_usec });
	});

	it("a parent's cpu.max throttles its child: the child's cpu.stat.local has the time", () => {
		const h = setup(2);
		h.write(`${R}/a/cgroup.subtree_control`, "+cpu");
		h.mkdir(`${R}/a/b`);
		h.write(`${R}/a/cpu.max`, "20000");
		hog(h, "a/b");
		h.kernel.clock.advance(S);
		const parent = stat(h, "a");
		const child = stat(h, "a/b");
		assert.ok(valuesClose(child.usage_usec!, 2e5, 1), `usage_usec ${child.usage_usec}`);
		assert.equal(child.nr_throttled, 0, "the child's own quota never ran out");
		assert.equal(child.throttled_usec, 0);
		assert.ok(parent.throttled_usec! > 7e5);
		assert.equal(stat(h, "a/b", "cpu.stat.local").throttled_usec, parent.throttled_usec);
	});

	it("cpu.max.burst lets a group use saved runtime and counts the bursts", () => {
		const h = setup(2);
		h.write(`${R}/a/cpu.max`, "20000 100000");
		h.write(`${R}/a/cpu.max.burst`, "20000");
		const t = hog(h, "a");
		h.kernel.sched.setBusy(t, false);
		h.kernel.clock.advance(S);
		h.kernel.sched.setBusy(t, true);
		h.kernel.clock.advance(S);
		const st = stat(h, "a");
		assert.ok(st.nr_bursts! >= 1, `nr_bursts ${st.nr_bursts}`);
		assert.ok(st.burst_usec! > 0 && st.burst_usec! <= 20000, `burst_usec ${st.burst_usec}`);
	});

	it("weights share a CPU: 100 and 300 get a quarter and three quarters", () => {
		const h = setup(1);
		h.mkdir(`${R}/b`);
		h.write(`${R}/b/cpu.weight`, "300");
		hog(h, "a");
		hog(h, "b");
		h.kernel.clock.advance(8 * S);
		assert.equal(stat(h, "a").usage_usec, 2e6);
		assert.equal(stat(h, "b").usage_usec, 6e6);
	});

	it("an idle group gets weight 3 against a normal one", () => {
		const h = setup(1);
		h.mkdir(`${R}/b`);
		h.write(`${R}/a/cpu.idle`, "1");
		hog(h, "a");
		hog(h, "b");
		h.kernel.clock.advance(1027e6);
		assert.equal(stat(h, "a").usage_usec, 3000);
		assert.equal(stat(h, "b").usage_usec, 1024000);
	});
});

describe("test_cpu.c", () => {
	/** Run a script on a fresh v2 host with `cpus` CPUs; the hogs are stress-ng CPU workers. */
	function sh(cpus: number, script: string): string {
		const sys = newSystem({ layout: "v2", cpus });
		const r = runProgram(sys, ["/bin/sh", "-c", `cd /sys/fs/cgroup\n${script}`]);
		assert.equal(r.stderr, "");
		assert.equal(r.status, 0);
		return r.stdout;
	}

	/** `name value` lines into numbers. */
	function keys(out: string): Record<string, number> {
		const o: Record<string, number> = {};
		for (const l of out.trim().split("\n")) {
			const [k, v] = l.split(" ");
			o[k!] = Number(v);
		}
		return o;
	}

	/** `cg_run_nowait()` of a hog: a shell that enters `cg` and becomes stress-ng. */
	const hogIn = (cg: string, workers: string, seconds: number): string =>
		`sh -c "echo \\$\\$ > ${cg}/cgroup.procs; exec stress-ng --cpu ${workers} --timeout ${seconds} -q" &`;

	it("test_cpucg_subtree_control: cpu is offered below a parent that enables it, not below one that does not", () => {
		const out = sh(
			2,
			`mkdir cpucg_test_0
echo +cpu > cpucg_test_0/cgroup.subtree_control
mkdir cpucg_test_0/cpucg_test_child
grep -qw cpu cpucg_test_0/cpucg_test_child/cgroup.controllers && echo child0 has cpu
mkdir cpucg_test_1 cpucg_test_1/cpucg_test_child
grep -qw cpu cpucg_test_1/cpucg_test_child/cgroup.controllers || echo child1 has no cpu
rmdir cpucg_test_0/cpucg_test_child cpucg_test_0 cpucg_test_1/cpucg_test_child cpucg_test_1`,
		);
		assert.equal(out, "child0 has cpu\nchild1 has no cpu\n");
	});

	it("test_cpucg_stats: a 2 s hog shows usage_usec within 1% of 2 s, user time, no usage before", () => {
		const out = sh(
			2,
			`mkdir cpucg_test
grep -E '^(usage|user|system)_usec' cpucg_test/cpu.stat
echo ==
${hogIn("cpucg_test", "1", 2)}
wait
grep -E '^(usage|user)_usec' cpucg_test/cpu.stat
rmdir cpucg_test`,
		);
		const [before, after] = out.split("==\n");
		assert.deepEqual(keys(before!), { usage_usec: 0, user_usec: 0, system_usec: 0 });
		const st = keys(after!);
		assert.ok(st.user_usec! > 0);
		assert.ok(valuesClose(st.usage_usec!, 2e6, 1), `usage_usec ${st.usage_usec}`);
	});

	it("test_cpucg_nice: a hog run with nice 1 for 2 s is user time and all of it nice time (1%)", () => {
		const out = sh(
			2,
			`mkdir cpucg_test
nice -n 1 sh -c 'echo $$ > cpucg_test/cgroup.procs; exec stress-ng --cpu 1 --timeout 2 -q'
grep -E '^(usage|user|nice)_usec' cpucg_test/cpu.stat
rmdir cpucg_test`,
		);
		const st = keys(out);
		assert.ok(valuesClose(st.user_usec!, 2e6, 1), `user_usec ${st.user_usec}`);
		assert.ok(valuesClose(st.nice_usec!, 2e6, 1), `nice_usec ${st.nice_usec}`);
		assert.equal(st.nice_usec, st.user_usec);
	});

	/** run_cpucg_weight_test(): three children of weights 50, 100, 150, each running `workers` hogs for 10 s. */
	function weightTest(cpus: number, workers: string): number[] {
		const out = sh(
			cpus,
			`mkdir cpucg_test_0
echo +cpu > cpucg_test_0/cgroup.subtree_control
for i in 0 1 2; do mkdir cpucg_test_0/cpucg_child_$i; echo $((50 * (i + 1))) > cpucg_test_0/cpucg_child_$i/cpu.weight; done
for i in 0 1 2; do ${hogIn("cpucg_test_0/cpucg_child_$i", workers, 10)} done
wait
for i in 0 1 2; do grep usage_usec cpucg_test_0/cpucg_child_$i/cpu.stat; done
rmdir cpucg_test_0/cpucg_child_* cpucg_test_0`,
		);
		return out
			.trim()
			.split("\n")
			.map((l) => Number(l.split(" ")[1]));
	}

	it("test_cpucg_weight_overprovisioned: usage grows with the weight, each step close to the first (35%)", () => {
		const usage = weightTest(4, "0");
		for (let i = 0; i < 2; i++) {
			assert.ok(usage[i + 1]! > usage[i]!, `usage ${usage}`);
			const delta = usage[i + 1]! - usage[i]!;
			assert.ok(valuesClose(delta, usage[0]!, 35), `delta ${delta} vs ${usage[0]}`);
		}
		// The model is exact: 40 CPU seconds split 1:2:3.
		assert.deepEqual(usage, [6666666, 13333333, 20000000]);
	});

	it("test_cpucg_weight_underprovisioned: one hog each on 4 CPUs, equal usage whatever the weights (15%)", () => {
		const usage = weightTest(4, "1");
		for (let i = 0; i < 2; i++) {
			assert.ok(valuesClose(usage[i + 1]!, usage[0]!, 15), `usage ${usage}`);
		}
		assert.deepEqual(usage, [10e6, 10e6, 10e6]);
	});

	/** run_cpucg_nested_weight_test(): A/B 1000, A/C 1000 with C/D and C/E 5000 each. */
	function nestedTest(cpus: number, overprovisioned: boolean): { leaf: number[]; child: number } {
		const workers = overprovisioned ? cpus : cpus / 4;
		const out = sh(
			cpus,
			`mkdir cpucg_test
echo +cpu > cpucg_test/cgroup.subtree_control
mkdir cpucg_test/cpucg_child
echo +cpu > cpucg_test/cpucg_child/cgroup.subtree_control
echo 1000 > cpucg_test/cpucg_child/cpu.weight
mkdir cpucg_test/cpucg_leaf_0 cpucg_test/cpucg_child/cpucg_leaf_1 cpucg_test/cpucg_child/cpucg_leaf_2
echo 1000 > cpucg_test/cpucg_leaf_0/cpu.weight
echo 5000 > cpucg_test/cpucg_child/cpucg_leaf_1/cpu.weight
echo 5000 > cpucg_test/cpucg_child/cpucg_leaf_2/cpu.weight
for l in cpucg_leaf_0 cpucg_child/cpucg_leaf_1 cpucg_child/cpucg_leaf_2; do ${hogIn("cpucg_test/$l", String(workers), 10)} done
wait
for l in cpucg_leaf_0 cpucg_child/cpucg_leaf_1 cpucg_child/cpucg_leaf_2 cpucg_child; do grep usage_usec cpucg_test/$l/cpu.stat; done
rmdir cpucg_test/cpucg_child/cpucg_leaf_* cpucg_test/cpucg_leaf_0 cpucg_test/cpucg_child cpucg_test`,
		);
		const v = out
			.trim()
			.split("\n")
			.map((l) => Number(l.split(" ")[1]));
		return { leaf: v.slice(0, 3), child: v[3]! };
	}

	it("test_cpucg_nested_weight_overprovisioned: B gets what D and E get together (15%), C is their sum (1%)", () => {
		const { leaf, child } = nestedTest(4, true);
		for (const u of leaf) assert.ok(u > 0);
		const nested = leaf[1]! + leaf[2]!;
		assert.ok(valuesClose(leaf[0]!, nested, 15), `leaf ${leaf}`);
		assert.ok(valuesClose(child, nested, 1), `child ${child} vs ${nested}`);
	});

	it("test_cpucg_nested_weight_underprovisioned: nproc/4 hogs each, B twice D and E together (15%)", () => {
		const { leaf, child } = nestedTest(8, false);
		for (const u of leaf) assert.ok(u > 0);
		const nested = leaf[1]! + leaf[2]!;
		assert.ok(valuesClose(leaf[0]! * 2, nested, 15), `leaf ${leaf}`);
		assert.ok(valuesClose(child, nested, 1), `child ${child} vs ${nested}`);
	});

	/** test_cpucg_max and test_cpucg_max_nested: cpu.max "1000" on `limited`, a 1 s hog in `hogged`. */
	function maxTest(setupScript: string, limited: string, hogged: string): Record<string, number> {
		const out = sh(
			2,
			`${setupScript}
echo 1000 > ${limited}/cpu.max
cat ${limited}/cpu.max
${hogIn(hogged, "1", 1)}
wait
grep -E '^(usage|user)_usec' ${hogged}/cpu.stat`,
		);
		const [max, ...rest] = out.split("\n");
		assert.equal(max, "1000 100000");
		return keys(rest.join("\n"));
	}

	it("test_cpucg_max: quota 1000 us per 100 ms keeps a 1 s hog far from 1 s of CPU", () => {
		const st = maxTest("mkdir cpucg_test", "cpucg_test", "cpucg_test");
		assert.ok(st.user_usec! > 0);
		assert.ok(st.user_usec! < 1e6);
		assert.ok(!valuesClose(st.usage_usec!, 1e6, 95), `usage_usec ${st.usage_usec}`);
		// 1% of a CPU: 1 ms in each of the 10 periods (and the first refill at start).
		assert.ok(st.usage_usec! >= 10000 && st.usage_usec! <= 11000, `usage_usec ${st.usage_usec}`);
	});

	it("test_cpucg_max_nested: the parent's cpu.max throttles a hog in its child", () => {
		const st = maxTest(
			"mkdir cpucg_parent\necho +cpu > cpucg_parent/cgroup.subtree_control\nmkdir cpucg_parent/cpucg_child",
			"cpucg_parent",
			"cpucg_parent/cpucg_child",
		);
		assert.ok(st.user_usec! > 0);
		assert.ok(st.user_usec! < 1e6);
		assert.ok(!valuesClose(st.usage_usec!, 1e6, 95), `usage_usec ${st.usage_usec}`);
	});
});
