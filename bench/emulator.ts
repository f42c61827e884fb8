/**
 * The emulator's benchmarks: single operations on a freshly booted hybrid
 * host, heap bytes per idle task and per cgroup, and attach, fork+exit,
 * mkdir and rmdir again on a host with many cgroups and tasks alive.
 */

import { CgroupDirInode } from "../src/fs/cgroupfs.ts";
import { O_WRONLY } from "../src/fs/constants.ts";
import type { Cgroup } from "../src/kernel/cgroup/cgroup.ts";
import { Cred } from "../src/kernel/cred.ts";
import { PID_MAX_LIMIT } from "../src/kernel/pid.ts";
import type { Task } from "../src/kernel/task.ts";
import { boot, type Host } from "../src/userland/boot.ts";
import type { MemoryResult, OpResult, ScaleResult, ScaleSection, ScaleShape } from "./results.ts";
import {
	fullGc,
	heapUsed,
	type Samples,
	stats,
	timeBatches,
	timeMs,
	timePairedBatches,
} from "./timing.ts";

/** Goals of the issue. */
export const GOAL_VFS_NS = 2000;
export const GOAL_FORK_EXIT_NS = 1000;
export const GOAL_SCALE_RATIO = 1.5;
export const GOAL_TASK_BYTES = 1024;
export const GOAL_CGROUP_BYTES = 8 * 1024;

export interface EmulatorConfig {
	/** Operations per timed round for operations that take microseconds. */
	readonly batch: number;
	/** Timed rounds; the median is reported. */
	readonly rounds: number;
	/** Untimed rounds before them. */
	readonly warmup: number;
	/** Timed rounds in the scale section (GC makes it noisier). */
	readonly scaleRounds: number;
	/** Reads per round of the 1,000-task tasks file. */
	readonly readBatch: number;
	/** Tasks in the cgroup whose tasks file is read. */
	readonly readTasks: number;
	readonly memoryTasks: number;
	readonly memoryCgroups: number;
	readonly small: { readonly parents: number; readonly cgroups: number; readonly tasks: number };
	readonly large: { readonly parents: number; readonly cgroups: number; readonly tasks: number };
}

const CPU = "/sys/fs/cgroup/cpu";
const ROOT = Cred.root();

function fail(msg: string): never {
	throw new Error(`bench: ${msg}`);
}

/** The cgroup behind a cgroupfs directory. */
function cgroupAt(host: Host, path: string): Cgroup {
	const { inode } = host.vfs.resolve(host.init, path);
	if (!(inode instanceof CgroupDirInode)) fail(`${path} is not a cgroup directory`);
	return inode.cgroup;
}

/** The cgroup a task is in on the hierarchy of `anyCgroup`. */
function cgroupOf(host: Host, task: Task, anyCgroup: Cgroup): Cgroup {
	return host.kernel.cgroup.taskCgroupFromRoot(task, anyCgroup.root);
}

function op(id: string, label: string, samples: Samples, goalNs: number | null): OpResult {
	return { id, label, stats: stats(samples), goalNs };
}

function names(prefix: string, n: number): string[] {
	return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

/** Processes alive (init and kthreadd included). */
function processCount(host: Host): number {
	return host.kernel.processes.size;
}

/**
 * The attach benchmarks: `subject` moves between cgroups `a` and `b` (paths
 * of two cgroupfs directories) on every operation, so each one is a real
 * migration. Batches have even length, so every batch ends in `a`.
 */
function attachOps(
	host: Host,
	subject: Task,
	a: string,
	b: string,
	batch: number,
	rounds: number,
	warmup: number,
	goalNs: number | null,
): OpResult[] {
	const { vfs, kernel, init } = host;
	if (batch % 2 !== 0) fail("attach batches must have even length");
	const ca = cgroupAt(host, a);
	const cb = cgroupAt(host, b);
	const pid = `${subject.pid}\n`;
	const out: OpResult[] = [];
	const check = (what: string): void => {
		if (cgroupOf(host, subject, ca) !== ca) fail(`${what}: the task did not end up in ${a}`);
	};
	const run = (id: string, label: string, fn: (i: number) => void, goal: number | null): void => {
		const s = timeBatches({ batch, rounds, warmup, op: fn });
		check(label);
		out.push(op(id, label, s, goal));
	};
	for (const file of ["tasks", "cgroup.procs"]) {
		const pa = `${a}/${file}`;
		const pb = `${b}/${file}`;
		run(
			`attach.${file}.open-write-close`,
			`attach via ${file}: open+write+close (VFS)`,
			(i) => {
				vfs.writeFile(init, i & 1 ? pa : pb, pid);
			},
			goalNs,
		);
		const fa = vfs.open(init, pa, O_WRONLY);
		const fb = vfs.open(init, pb, O_WRONLY);
		try {
			run(
				`attach.${file}.write`,
				`attach via ${file}: write on open fd (VFS)`,
				(i) => {
					vfs.write(init, i & 1 ? fa : fb, pid);
				},
				goalNs,
			);
		} finally {
			vfs.close(init, fa);
			vfs.close(init, fb);
		}
	}
	run(
		"attach.kernel.thread",
		"attach: kernel.attachTask, one thread",
		(i) => kernel.attachTask(i & 1 ? ca : cb, subject, false),
		null,
	);
	run(
		"attach.kernel.threadgroup",
		"attach: kernel.attachTask, threadgroup",
		(i) => kernel.attachTask(i & 1 ? ca : cb, subject, true),
		null,
	);
	return out;
}

function forkExitOp(
	host: Host,
	batch: number,
	rounds: number,
	warmup: number,
	id: string,
	label: string,
): OpResult {
	const { kernel, init } = host;
	const before = processCount(host);
	const s = timeBatches({
		batch,
		rounds,
		warmup,
		op: () => {
			kernel.exit(kernel.fork(init), 0);
		},
	});
	if (processCount(host) !== before) fail("fork+exit left processes behind");
	return op(id, label, s, GOAL_FORK_EXIT_NS);
}

/** mkdir then rmdir `batch` cgroups under `dir`, through the VFS. */
function vfsMkdirRmdirOps(
	host: Host,
	dir: string,
	batch: number,
	rounds: number,
	warmup: number,
): OpResult[] {
	const { vfs, init } = host;
	const paths = names(`${dir}/bench-`, batch);
	const parent = cgroupAt(host, dir);
	const children = parent.children.size;
	const [mk, rm] = timePairedBatches({
		batch,
		rounds,
		warmup,
		first: (i) => vfs.mkdir(init, paths[i]!, 0o755),
		second: (i) => vfs.rmdir(init, paths[i]!),
	});
	if (parent.children.size !== children) fail(`mkdir/rmdir under ${dir} left cgroups behind`);
	return [
		op("vfs.mkdir", "mkdir (VFS)", mk, GOAL_VFS_NS),
		op("vfs.rmdir", "rmdir (VFS)", rm, GOAL_VFS_NS),
	];
}

/** Single operations on a freshly booted host. */
export function microBenchmarks(cfg: EmulatorConfig): OpResult[] {
	const host = boot({ layout: "hybrid" });
	const { vfs, kernel, init } = host;
	const { batch, rounds, warmup } = cfg;
	const out: OpResult[] = [];
	const base = `${CPU}/bench`;
	vfs.mkdir(init, base, 0o755);

	// mkdir and rmdir, through the VFS and through the kernel API.
	out.push(...vfsMkdirRmdirOps(host, base, batch, rounds, warmup));
	const parent = cgroupAt(host, base);
	const kNames = names("k", batch);
	// Emptied as the cgroups go, so that removed cgroups are garbage at once,
	// as they are for a caller that drops its reference.
	const made: (Cgroup | null)[] = new Array<Cgroup | null>(batch).fill(null);
	const [kmk, krm] = timePairedBatches({
		batch,
		rounds,
		warmup,
		first: (i) => {
			made[i] = kernel.cgroup.mkdir(parent, kNames[i]!, 0o755, ROOT);
		},
		second: (i) => {
			kernel.cgroup.rmdir(made[i]!);
			made[i] = null;
		},
	});
	if (parent.children.size !== 0) fail("kernel mkdir/rmdir left cgroups behind");
	out.push(op("kernel.mkdir", "mkdir: kernel.cgroup.mkdir", kmk, null));
	out.push(op("kernel.rmdir", "rmdir: kernel.cgroup.rmdir", krm, null));

	// Attach: one single-threaded process between two empty cgroups.
	vfs.mkdir(init, `${base}/a`, 0o755);
	vfs.mkdir(init, `${base}/b`, 0o755);
	const subject = kernel.fork(init);
	out.push(
		...attachOps(host, subject, `${base}/a`, `${base}/b`, batch, rounds, warmup, GOAL_VFS_NS),
	);
	kernel.exit(subject, 0);

	out.push(forkExitOp(host, batch, rounds, warmup, "fork-exit", "fork+exit (kernel API)"));

	// Reading the pid lists of a cgroup with readTasks tasks.
	const r = `${base}/r`;
	vfs.mkdir(init, r, 0o755);
	const rc = cgroupAt(host, r);
	const members: Task[] = [];
	for (let i = 0; i < cfg.readTasks; i++) {
		const t = kernel.fork(init);
		kernel.attachTask(rc, t, true);
		members.push(t);
	}
	for (const file of ["tasks", "cgroup.procs"]) {
		const path = `${r}/${file}`;
		const lines = vfs.readFile(init, path).split("\n").length - 1;
		if (lines !== cfg.readTasks) fail(`${path} lists ${lines} pids, not ${cfg.readTasks}`);
		const s = timeBatches({
			batch: cfg.readBatch,
			rounds,
			warmup,
			op: () => {
				vfs.readFile(init, path);
			},
		});
		out.push(
			op(
				`read.${file}.${cfg.readTasks}`,
				`read ${file} of a ${cfg.readTasks.toLocaleString("en-US")}-task cgroup (VFS)`,
				s,
				null,
			),
		);
	}
	for (const t of members) kernel.exit(t, 0);
	return out;
}

/** Heap bytes per idle task and per cgroup. */
export function memoryBenchmarks(cfg: EmulatorConfig): MemoryResult[] {
	const host = boot({ layout: "hybrid", pidMax: PID_MAX_LIMIT });
	const { vfs, kernel, init } = host;
	const out: MemoryResult[] = [];

	// Idle tasks: forked from init and left alone (in every root cgroup).
	// Warm up the shapes first so the measurement sees no one-time costs.
	for (let i = 0; i < 1000; i++) kernel.exit(kernel.fork(init), 0);
	fullGc();
	let before = heapUsed();
	for (let i = 0; i < cfg.memoryTasks; i++) kernel.fork(init);
	fullGc();
	let after = heapUsed();
	if (processCount(host) !== cfg.memoryTasks + 2) fail("the idle tasks did not stay alive");
	out.push({
		id: "memory.task",
		label: "idle task (forked from init)",
		count: cfg.memoryTasks,
		heapBeforeBytes: before,
		heapAfterBytes: after,
		bytesPerObject: (after - before) / cfg.memoryTasks,
		goalBytes: GOAL_TASK_BYTES,
	});
	for (const t of [...(init.children ?? [])]) kernel.exit(t, 0);

	// Empty cgroups in the cpu hierarchy, made through the VFS.
	const dir = `${CPU}/mem`;
	vfs.mkdir(init, dir, 0o755);
	const paths = names(`${dir}/c`, cfg.memoryCgroups);
	vfs.mkdir(init, `${dir}/warm`, 0o755);
	vfs.rmdir(init, `${dir}/warm`);
	fullGc();
	before = heapUsed();
	for (const p of paths) vfs.mkdir(init, p, 0o755);
	fullGc();
	after = heapUsed();
	if (cgroupAt(host, dir).children.size !== cfg.memoryCgroups) fail("cgroups went missing");
	out.push({
		id: "memory.cgroup",
		label: "empty cgroup (cpu v1 hierarchy, via VFS mkdir)",
		count: cfg.memoryCgroups,
		heapBeforeBytes: before,
		heapAfterBytes: after,
		bytesPerObject: (after - before) / cfg.memoryCgroups,
		goalBytes: GOAL_CGROUP_BYTES,
	});
	for (const p of paths) vfs.rmdir(init, p);
	return out;
}

/** A host with `parents` x leaves cgroups under /sys/fs/cgroup/cpu/s and tasks spread over the leaves. */
interface ScaleHost {
	readonly host: Host;
	readonly shape: ScaleShape;
	/** Keeps every task reachable from the benchmark too. */
	readonly tasks: Task[];
}

/**
 * Build `cgroups` cgroups as `parents` children of /sys/fs/cgroup/cpu/s,
 * each with cgroups/parents - 1 leaf children, and fork `tasks` processes
 * from init, attached round-robin to the leaves (so every leaf is populated
 * and has its own css_set). Built through the kernel API.
 */
function buildScaleHost(spec: EmulatorConfig["small"]): ScaleHost {
	const t0 = process.hrtime.bigint();
	const host = boot({ layout: "hybrid", pidMax: PID_MAX_LIMIT });
	const { vfs, kernel, init } = host;
	const leavesPer = Math.round(spec.cgroups / spec.parents) - 1;
	vfs.mkdir(init, `${CPU}/s`, 0o755);
	const top = cgroupAt(host, `${CPU}/s`);
	const leaves: Cgroup[] = [];
	for (let p = 0; p < spec.parents; p++) {
		const parent = kernel.cgroup.mkdir(top, `p${p}`, 0o755, ROOT);
		for (let c = 0; c < leavesPer; c++) {
			leaves.push(kernel.cgroup.mkdir(parent, `c${c}`, 0o755, ROOT));
		}
	}
	const tasks = new Array<Task>(spec.tasks);
	for (let i = 0; i < spec.tasks; i++) {
		const t = kernel.fork(init);
		kernel.attachTask(leaves[i % leaves.length]!, t, true);
		tasks[i] = t;
	}
	const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
	fullGc();
	const cgroups = spec.parents * (leavesPer + 1);
	if (top.nrDescendants !== cgroups) fail(`built ${top.nrDescendants} cgroups, not ${cgroups}`);
	if (processCount(host) !== spec.tasks + 2) fail("scale tasks did not stay alive");
	return {
		host,
		tasks,
		shape: {
			cgroups,
			parents: spec.parents,
			leavesPerParent: leavesPer,
			tasks: spec.tasks,
			buildMs,
			heapBytes: heapUsed(),
		},
	};
}

/** attach, fork+exit, mkdir and rmdir on a scale host. */
function scaleOps(sh: ScaleHost, cfg: EmulatorConfig): OpResult[] {
	const { host } = sh;
	const { kernel, init } = host;
	const { batch, warmup } = cfg;
	const rounds = cfg.scaleRounds;
	// Two populated leaves under different parents.
	const a = `${CPU}/s/p1/c1`;
	const b = `${CPU}/s/p2/c2`;
	const subject = kernel.fork(init);
	const out = attachOps(host, subject, a, b, batch, rounds, warmup, GOAL_VFS_NS);
	kernel.exit(subject, 0);
	out.push(forkExitOp(host, batch, rounds, warmup, "fork-exit", "fork+exit (kernel API)"));
	out.push(...vfsMkdirRmdirOps(host, `${CPU}/s/p0`, batch, rounds, warmup));
	return out;
}

/** The same operations with few and with many cgroups and tasks alive. */
export function scaleBenchmarks(
	cfg: EmulatorConfig,
	progress: (msg: string) => void,
): ScaleSection {
	progress(
		`scale: building ${cfg.small.cgroups.toLocaleString("en-US")} cgroups, ${cfg.small.tasks.toLocaleString("en-US")} tasks`,
	);
	let sh: ScaleHost | null = buildScaleHost(cfg.small);
	const small = sh.shape;
	const smallOps = scaleOps(sh, cfg);
	sh = null;
	fullGc();
	progress(
		`scale: building ${cfg.large.cgroups.toLocaleString("en-US")} cgroups, ${cfg.large.tasks.toLocaleString("en-US")} tasks`,
	);
	sh = buildScaleHost(cfg.large);
	const large = sh.shape;
	progress(`scale: built in ${(large.buildMs / 1000).toFixed(1)} s; measuring`);
	const largeOps = scaleOps(sh, cfg);
	// Tear down while timing it, to drop the big heap before anything else runs.
	const teardownMs = timeMs(() => {
		sh = null;
		fullGc();
	});
	progress(`scale: released the large host (${teardownMs.toFixed(0)} ms)`);
	const ops: ScaleResult[] = smallOps.map((s) => {
		const l = largeOps.find((o) => o.id === s.id);
		if (l === undefined) fail(`no large-scale result for ${s.id}`);
		return {
			id: s.id,
			label: s.label,
			small: s.stats,
			large: l.stats,
			ratio: l.stats.median / s.stats.median,
			goalRatio: GOAL_SCALE_RATIO,
			goalNs: s.goalNs,
		};
	});
	return { small, large, ops };
}
