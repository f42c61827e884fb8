import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Task } from "../../src/kernel/task.ts";
import { TestHost } from "../support/host.ts";

const S = 1e9;
const CPU = "/sys/fs/cgroup/cpu";
const ACCT = "/sys/fs/cgroup/cpuacct";

/** A host whose cpu and cpuacct hierarchies both have the cgroups `names`. */
function setup(cpus: number, names: readonly string[] = []): TestHost {
	const h = new TestHost({ cpus });
	for (const n of names) for (const root of [CPU, ACCT]) h.mkdir(`${root}/${n}`);
	return h;
}

/** A busy task forked from init into cgroup `name` of both hierarchies ("" for the roots). */
function busy(h: TestHost, name = ""): Task {
	const t = h.kernel.fork(h.init);
	if (name !== "") for (const root of [CPU, ACCT]) h.write(`${root}/${name}/tasks`, String(t.pid));
	h.kernel.sched.setBusy(t, true);
	return t;
}

function run(h: TestHost, ns: number): void {
	h.kernel.clock.advance(ns);
}

function usage(h: TestHost, name = ""): number {
	return Number(h.read(`${ACCT}${name === "" ? "" : `/${name}`}/cpuacct.usage`));
}

function stat(h: TestHost, name: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const line of h.read(`${CPU}/${name}/cpu.stat`).trim().split("\n")) {
		const [k, v] = line.split(" ");
		out[k!] = Number(v);
	}
	return out;
}

function near(actual: number, expected: number, rel: number, what: string): void {
	assert.ok(
		Math.abs(actual - expected) <= rel * expected,
		`${what}: ${actual} not within ${rel * 100}% of ${expected}`,
	);
}

describe("CPU model: shares (calc_group_shares on each CPU)", () => {
	it("gives two busy tasks on one CPU half each, and charges user time", () => {
		const h = setup(1);
		const a = busy(h);
		const b = busy(h);
		run(h, 10 * S);
		h.kernel.sched.sync();
		assert.equal(a.se.sumExecRuntime, 5 * S);
		assert.equal(b.se.sumExecRuntime, 5 * S);
		assert.equal(a.se.utime, 5 * S);
		assert.equal(a.se.stime, 0);
		assert.equal(usage(h), 10 * S);
		assert.equal(h.read(`${ACCT}/cpuacct.stat`), "user 1000\nsystem 0\n");
	});

	it("splits one CPU 1:2 between groups with cpu.shares 512 and 1024, whatever their task counts", () => {
		const h = setup(1, ["a", "b"]);
		h.write(`${CPU}/a/cpu.shares`, "512");
		busy(h, "a");
		busy(h, "b");
		busy(h, "b");
		busy(h, "b");
		run(h, 9 * S);
		assert.equal(usage(h, "a"), 3 * S);
		assert.equal(usage(h, "b"), 6 * S);
	});

	it("places tasks on the least loaded CPUs: three tasks on two CPUs get 1, 1/2 and 1/2", () => {
		const h = setup(2);
		const ts = [busy(h), busy(h), busy(h)];
		const rates = ts.map((t) => h.kernel.sched.rateOf(t)).sort();
		assert.deepEqual(rates, [0.5, 0.5, 1]);
		run(h, S);
		assert.equal(h.read(`${ACCT}/cpuacct.usage_percpu`), `${S} ${S} \n`);
	});

	it("keeps tasks on the CPUs they are allowed (cpus_mask)", () => {
		const h = setup(4);
		const ts = [busy(h), busy(h), busy(h)];
		for (const t of ts) {
			t.cpusAllowed.clearAll().set(3);
			h.kernel.sched.taskChanged(t);
		}
		run(h, 3 * S);
		assert.equal(h.read(`${ACCT}/cpuacct.usage_percpu`), `0 0 0 ${3 * S} \n`);
		for (const t of ts) assert.equal(t.se.cpu, 3);
	});

	it("gives an idle group (cpu.idle 1) weight 3 against a normal one", () => {
		const h = setup(1, ["i", "n"]);
		h.write(`${CPU}/i/cpu.idle`, "1");
		busy(h, "i");
		busy(h, "n");
		run(h, 1027 * 1e6);
		assert.equal(usage(h, "i"), 3e6);
		assert.equal(usage(h, "n"), 1024e6);
	});
});

describe("CPU model: CFS bandwidth (cpu.cfs_quota_us, cpu.cfs_period_us)", () => {
	it("holds a busy task to 50% of a CPU and counts periods, throttles and throttled time", () => {
		const h = setup(2, ["q"]);
		h.write(`${CPU}/q/cpu.cfs_quota_us`, "50000");
		busy(h, "q");
		run(h, 10 * S);
		near(usage(h, "q"), 5 * S, 0.005, "usage");
		const st = stat(h, "q");
		assert.equal(st.nr_periods, 100);
		assert.equal(st.nr_throttled, 100);
		near(st.throttled_time!, 5 * S, 0.01, "throttled_time");
		assert.equal(h.read(`${CPU}/q/cpu.stat.local`), `throttled_time ${st.throttled_time}\n`);
	});

	it("lets a quota of 1.5 CPUs give four tasks on two CPUs 1.5 CPUs in all", () => {
		const h = setup(2, ["q"]);
		h.write(`${CPU}/q/cpu.cfs_quota_us`, "150000");
		for (let i = 0; i < 4; i++) busy(h, "q");
		run(h, 2 * S);
		near(usage(h, "q"), 3 * S, 0.01, "usage");
	});

	it("limits a child by its parent's quota, and counts the child's throttled time only in cpu.stat.local", () => {
		const h = setup(2, ["p", "p/c"]);
		h.write(`${CPU}/p/cpu.cfs_quota_us`, "25000");
		busy(h, "p/c");
		run(h, 4 * S);
		near(usage(h, "p"), S, 0.01, "parent usage");
		assert.equal(usage(h, "p"), usage(h, "p/c"));
		assert.equal(stat(h, "p/c").throttled_time, 0);
		assert.ok(Number(h.read(`${CPU}/p/c/cpu.stat.local`).split(" ")[1]) > 2.9 * S);
	});

	it("stops the period timer after two idle periods, and restarts it on use", () => {
		const h = setup(1, ["q"]);
		h.write(`${CPU}/q/cpu.cfs_quota_us`, "20000");
		run(h, S);
		assert.equal(stat(h, "q").nr_periods, 2);
		busy(h, "q");
		run(h, S);
		const st = stat(h, "q");
		assert.equal(st.nr_periods, 12);
		assert.equal(st.nr_throttled, 10);
	});

	it("counts bursts when a period uses more than the quota thanks to cpu.cfs_burst_us", () => {
		const h = setup(1, ["q"]);
		h.write(`${CPU}/q/cpu.cfs_burst_us`, "20000");
		h.write(`${CPU}/q/cpu.cfs_quota_us`, "20000");
		run(h, S);
		busy(h, "q");
		run(h, S);
		const st = stat(h, "q");
		assert.ok(st.nr_bursts! >= 1, `nr_bursts ${st.nr_bursts}`);
		assert.ok(st.burst_time! > 0);
	});
});

describe("CPU model: what stops a task from running", () => {
	it("charges nothing to frozen, stopped or exited tasks", () => {
		const h = setup(1);
		const a = busy(h);
		const b = busy(h);
		a.frozen = true;
		h.kernel.sched.taskChanged(a);
		run(h, S);
		h.kernel.sched.sync();
		assert.equal(a.se.sumExecRuntime, 0);
		assert.equal(b.se.sumExecRuntime, S);
		a.frozen = false;
		h.kernel.sched.taskChanged(a);
		h.kernel.kill(h.init, b.pid, 19); // SIGSTOP
		run(h, S);
		h.kernel.sched.sync();
		assert.equal(a.se.sumExecRuntime, S);
		assert.equal(b.se.sumExecRuntime, S);
		h.kernel.kill(h.init, a.pid, 9);
		h.kernel.kill(h.init, b.pid, 18); // SIGCONT
		run(h, S);
		h.kernel.sched.sync();
		assert.equal(a.se.sumExecRuntime, S);
		assert.equal(b.se.sumExecRuntime, 2 * S);
		assert.equal(usage(h), 3 * S);
	});

	it("places tasks again when a CPU goes offline", () => {
		const h = setup(2);
		const a = busy(h);
		const b = busy(h);
		h.kernel.sched.rateOf(a);
		assert.notEqual(a.se.cpu, b.se.cpu);
		h.kernel.machine.cpuDown(1);
		run(h, 2 * S);
		assert.equal(h.read(`${ACCT}/cpuacct.usage_percpu`), `${2 * S} 0 \n`);
	});

	it("charges time run before a move to the cgroup the task was in", () => {
		const h = setup(1, ["a", "b"]);
		const t = busy(h, "a");
		run(h, S);
		for (const root of [CPU, ACCT]) h.write(`${root}/b/tasks`, String(t.pid));
		run(h, 2 * S);
		assert.equal(usage(h, "a"), S);
		assert.equal(usage(h, "b"), 2 * S);
	});
});

describe("cpuacct", () => {
	it("resets one cgroup on a write of 0 and refuses anything else", () => {
		const h = setup(1, ["a", "a/b"]);
		busy(h, "a/b");
		run(h, S);
		assert.equal(usage(h, "a"), S);
		assert.throws(() => h.write(`${ACCT}/a/cpuacct.usage`, "5"), { code: "EINVAL" });
		assert.equal(usage(h, "a"), S);
		h.write(`${ACCT}/a/cpuacct.usage`, "0");
		assert.equal(usage(h, "a"), 0);
		assert.equal(usage(h, "a/b"), S);
		assert.equal(h.read(`${ACCT}/a/cpuacct.usage_all`), "cpu user system\n0 0 0\n");
		run(h, S);
		assert.equal(h.read(`${ACCT}/a/cpuacct.usage_all`), `cpu user system\n0 ${S} 0\n`);
		assert.equal(h.read(`${ACCT}/a/b/cpuacct.usage_percpu_user`), `${2 * S} \n`);
		assert.equal(h.read(`${ACCT}/a/b/cpuacct.usage_percpu_sys`), "0 \n");
	});
});

describe("CPU model: invariants under random operations (property)", () => {
	type Op =
		| { kind: "busy"; task: number }
		| { kind: "move"; task: number; group: number }
		| { kind: "shares"; group: number; value: number }
		| { kind: "quota"; group: number; value: number }
		| { kind: "freeze"; task: number }
		| { kind: "pin"; task: number; cpu: number }
		| { kind: "run"; ms: number };
	const GROUPS = ["g0", "g1", "g0/c", "g1/c"];
	const op: fc.Arbitrary<Op> = fc.oneof(
		fc.record({ kind: fc.constant("busy" as const), task: fc.nat(7) }),
		fc.record({
			kind: fc.constant("move" as const),
			task: fc.nat(7),
			group: fc.nat(GROUPS.length),
		}),
		fc.record({
			kind: fc.constant("shares" as const),
			group: fc.nat(GROUPS.length - 1),
			value: fc.integer({ min: 2, max: 4096 }),
		}),
		fc.record({
			kind: fc.constant("quota" as const),
			group: fc.nat(GROUPS.length - 1),
			value: fc.oneof(fc.constant(-1), fc.integer({ min: 1000, max: 400000 })),
		}),
		fc.record({ kind: fc.constant("freeze" as const), task: fc.nat(7) }),
		fc.record({ kind: fc.constant("pin" as const), task: fc.nat(7), cpu: fc.nat(2) }),
		fc.record({ kind: fc.constant("run" as const), ms: fc.integer({ min: 1, max: 500 }) }),
	);

	it("never runs a CPU past 100%, keeps every CPU with runnable work busy, and keeps cpuacct hierarchical", () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
				const h = setup(3, GROUPS);
				const sched = h.kernel.sched;
				const tasks = Array.from({ length: 8 }, () => h.kernel.fork(h.init));
				for (const o of ops) {
					if (o.kind === "busy") sched.setBusy(tasks[o.task]!, !tasks[o.task]!.se.busy);
					else if (o.kind === "move") {
						const dst = o.group === GROUPS.length ? "" : `/${GROUPS[o.group]}`;
						for (const root of [CPU, ACCT])
							h.write(`${root}${dst}/tasks`, String(tasks[o.task]!.pid));
					} else if (o.kind === "shares")
						h.write(`${CPU}/${GROUPS[o.group]}/cpu.shares`, String(o.value));
					else if (o.kind === "quota") {
						try {
							h.write(`${CPU}/${GROUPS[o.group]}/cpu.cfs_quota_us`, String(o.value));
						} catch {
							// a child above its parent's ratio: EINVAL, nothing changes
						}
					} else if (o.kind === "freeze") {
						const t = tasks[o.task]!;
						t.frozen = !t.frozen;
						sched.taskChanged(t);
					} else if (o.kind === "pin") {
						const t = tasks[o.task]!;
						t.cpusAllowed.clearAll().set(o.cpu);
						sched.taskChanged(t);
					} else {
						sched.sync();
						const before = tasks.map((t) => t.se.sumExecRuntime);
						run(h, o.ms * 1e6);
						sched.sync();
						const used = tasks.reduce((s, t, i) => s + t.se.sumExecRuntime - before[i]!, 0);
						assert.ok(used <= 3 * o.ms * 1e6 + 8, `used ${used} in ${o.ms} ms on 3 CPUs`);
					}
					// Per-CPU rates: at most 1, and exactly 1 where a task runs unthrottled.
					const rates = tasks.map((t) => sched.rateOf(t));
					const perCpu = [0, 0, 0];
					tasks.forEach((t, i) => {
						perCpu[t.se.cpu]! += rates[i]!;
					});
					for (const r of perCpu) assert.ok(r <= 1 + 1e-9, `CPU at ${r}`);
					for (const t of tasks) {
						if (sched.rateOf(t) > 0) assert.ok(Math.abs(perCpu[t.se.cpu]! - 1) < 1e-9);
					}
				}
				// Every ns a task ran is in the root's cpuacct, and each parent has its child's.
				sched.sync();
				assert.equal(
					usage(h),
					tasks.reduce((s, t) => s + t.se.sumExecRuntime, 0),
				);
				for (const g of ["g0", "g1"]) assert.ok(usage(h, g) >= usage(h, `${g}/c`));
			}),
			{ numRuns: 150, seed: 5 },
		);
	});

	it("is deterministic: the same operations give the same CPU time to the nanosecond", () => {
		const once = (): number[] => {
			const h = setup(3, ["a", "b"]);
			h.write(`${CPU}/a/cpu.cfs_quota_us`, "70000");
			h.write(`${CPU}/b/cpu.shares`, "300");
			const ts = [busy(h, "a"), busy(h, "a"), busy(h, "b"), busy(h), busy(h, "b")];
			run(h, 1234567891);
			h.kernel.sched.setBusy(ts[2]!, false);
			run(h, 987654321);
			h.kernel.sched.sync();
			return ts.map((t) => t.se.sumExecRuntime);
		};
		assert.deepEqual(once(), once());
	});
});
