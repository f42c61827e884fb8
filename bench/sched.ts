/**
 * The CPU model's speed: emulated seconds per wall-clock second with many
 * CPU-bound tasks in many cgroups (issue 5's goal: at least 100 for 1,000
 * busy tasks in 100 cgroups on 64 CPUs).
 *
 * Each case boots a hybrid host with 64 CPUs, makes its cgroups in the cpu
 * and cpuacct hierarchies, forks the tasks into them through the kernel API,
 * marks them CPU-bound, and then advances the emulated clock in steps of
 * `stepMs` (each step is one clock advance, as a timer firing in the
 * userland scheduler makes one): the model runs on every step.
 */
import type { Task } from "../src/kernel/task.ts";
import { boot } from "../src/userland/boot.ts";
import { now } from "./timing.ts";

export const GOAL_EMULATED_PER_WALL = 100;

export interface SchedCase {
	readonly id: string;
	readonly label: string;
	readonly cgroups: number;
	readonly tasks: number;
	readonly cpus: number;
	/** Every how many cgroups one gets a quota (0: none). */
	readonly quotaEvery: number;
	/** Every this many steps one task stops or starts being busy (0: never). */
	readonly churnEvery: number;
	readonly stepMs: number;
	readonly emulatedSeconds: number;
}

export interface SchedResult {
	readonly id: string;
	readonly label: string;
	readonly emulatedSeconds: number;
	readonly wallMs: number;
	/** Emulated seconds per wall second. */
	readonly ratio: number;
	/** Only the case has a goal. */
	readonly goal: number | null;
	/** CPU time charged / (CPUs x emulated time): 1 when every CPU was kept busy. */
	readonly utilisation: number;
}

export const SCHED_CASES: readonly SchedCase[] = [
	{
		id: "sched.busy",
		label: "1,000 busy tasks, 100 cgroups (mixed shares), 64 CPUs, 10 ms steps",
		cgroups: 100,
		tasks: 1000,
		cpus: 64,
		quotaEvery: 0,
		churnEvery: 0,
		stepMs: 10,
		emulatedSeconds: 100,
	},
	{
		id: "sched.busy-1ms",
		label: "the same, 1 ms steps",
		cgroups: 100,
		tasks: 1000,
		cpus: 64,
		quotaEvery: 0,
		churnEvery: 0,
		stepMs: 1,
		emulatedSeconds: 20,
	},
	{
		id: "sched.quota",
		label: "the same, every 4th cgroup with a quota of 2 CPUs (period 100 ms), 10 ms steps",
		cgroups: 100,
		tasks: 1000,
		cpus: 64,
		quotaEvery: 4,
		churnEvery: 0,
		stepMs: 10,
		emulatedSeconds: 20,
	},
	{
		id: "sched.churn",
		label: "the same without quotas, a task starting or stopping every step, 10 ms steps",
		cgroups: 100,
		tasks: 1000,
		cpus: 64,
		quotaEvery: 0,
		churnEvery: 1,
		stepMs: 10,
		emulatedSeconds: 20,
	},
];

function runCase(c: SchedCase): SchedResult {
	const host = boot({ cpus: c.cpus, pidMax: 4 * 1024 * 1024 });
	const { kernel, vfs, init } = host;
	for (let i = 0; i < c.cgroups; i++) {
		for (const h of ["cpu", "cpuacct"]) vfs.mkdir(init, `/sys/fs/cgroup/${h}/g${i}`, 0o755);
		vfs.writeFile(init, `/sys/fs/cgroup/cpu/g${i}/cpu.shares`, String(256 * (1 + (i % 4))));
		if (c.quotaEvery > 0 && i % c.quotaEvery === 0) {
			vfs.writeFile(init, `/sys/fs/cgroup/cpu/g${i}/cpu.cfs_quota_us`, "200000");
		}
	}
	const tasks: Task[] = [];
	for (let i = 0; i < c.tasks; i++) {
		const t = kernel.fork(init);
		const g = i % c.cgroups;
		for (const h of ["cpu", "cpuacct"])
			vfs.writeFile(init, `/sys/fs/cgroup/${h}/g${g}/tasks`, String(t.pid));
		kernel.sched.setBusy(t, true);
		tasks.push(t);
	}
	const steps = Math.round((c.emulatedSeconds * 1000) / c.stepMs);
	const stepNs = c.stepMs * 1e6;
	const start = kernel.clock.now();
	const t0 = now();
	for (let s = 0; s < steps; s++) {
		if (c.churnEvery > 0 && s % c.churnEvery === 0) {
			const t = tasks[(s * 7919) % tasks.length]!;
			kernel.sched.setBusy(t, !t.se.busy);
		}
		kernel.clock.advance(stepNs);
	}
	const wallMs = Number(now() - t0) / 1e6;
	const emulated = (kernel.clock.now() - start) / 1e9;
	kernel.sched.sync();
	let charged = 0;
	for (const t of tasks) charged += t.se.sumExecRuntime;
	return {
		id: c.id,
		label: c.label,
		emulatedSeconds: emulated,
		wallMs,
		ratio: emulated / (wallMs / 1000),
		goal: c.id === "sched.busy" ? GOAL_EMULATED_PER_WALL : null,
		utilisation: charged / (c.cpus * emulated * 1e9),
	};
}

export function schedBenchmarks(quick: boolean): SchedResult[] {
	return SCHED_CASES.map((c) =>
		runCase(quick ? { ...c, emulatedSeconds: Math.max(1, c.emulatedSeconds / 10) } : c),
	);
}
