/**
 * The real kernel's side of the benchmark, run by bench/host.ts as its own
 * small process (heap capped, with a timeout), so the process that writes to
 * the real /sys/fs/cgroup never holds the emulator's gigabytes.
 *
 * Argument: a JSON HostWorkerConfig. Output: one JSON HostWorkerResult line
 * on stdout.
 *
 * It creates only the run directory (at the root of the cpu v1 hierarchy)
 * and cgroups below it, writes only files of those cgroups, and moves only
 * the subject: a `sleep` the benchmark started (checked: its parent is the
 * benchmark's main process), between two of its own cgroups. The subject is
 * never moved back: it is killed inside the run directory, and everything is
 * removed deepest first in `finally`.
 */
import {
	closeSync,
	constants,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmdirSync,
	writeFileSync,
	writeSync,
} from "node:fs";
import {
	assertRunDir,
	entriesWithPrefix,
	RUN_PREFIX,
	removeRunDir,
	sleepMs,
} from "./host-cgroups.ts";
import type { OpResult } from "./results.ts";
import { type Samples, stats, timeBatches, timePairedBatches } from "./timing.ts";

export interface HostWorkerConfig {
	readonly runDir: string;
	/** pid of the `sleep` the main process started. */
	readonly subjectPid: number;
	readonly batch: number;
	readonly rounds: number;
	readonly warmup: number;
}

export interface HostWorkerResult {
	readonly ops: OpResult[];
	readonly error: string | null;
	readonly cleanupErrors: string[];
	readonly leftovers: string[];
}

function op(id: string, label: string, samples: Samples): OpResult {
	return { id: `host.${id}`, label, stats: stats(samples), goalNs: null };
}

/**
 * Check that `pid` is the subject: a child of our parent (the main benchmark
 * process) running `sleep` (or still `setpriv`, which execs it), one thread.
 * Returns its name.
 */
function checkSubject(pid: number): string {
	const status = readFileSync(`/proc/${pid}/status`, "utf8");
	const field = (name: string): string | undefined =>
		new RegExp(`^${name}:\\s*(.*)$`, "m").exec(status)?.[1]?.trim();
	if (field("PPid") !== String(process.ppid)) {
		throw new Error(`pid ${pid} is not a child of the benchmark (PPid ${field("PPid")})`);
	}
	const name = field("Name") ?? "";
	if (name !== "sleep" && name !== "setpriv")
		throw new Error(`pid ${pid} is ${name}, not the subject`);
	if (field("Threads") !== "1") throw new Error(`pid ${pid} is not single-threaded`);
	return name;
}

/** Wait until the subject runs `sleep` (setpriv has exec'd it). */
function waitForSleep(pid: number): void {
	for (let i = 0; i < 100; i++) {
		if (checkSubject(pid) === "sleep") return;
		sleepMs(20);
	}
	throw new Error(`pid ${pid} never became sleep`);
}

/** The subject's cgroup in the cpu hierarchy, from /proc/<pid>/cgroup. */
function cpuCgroupOf(pid: number): string {
	for (const line of readFileSync(`/proc/${pid}/cgroup`, "utf8").split("\n")) {
		const [, ctrls, path] = line.split(":");
		if (ctrls?.split(",").includes("cpu")) return path ?? "";
	}
	throw new Error(`pid ${pid} has no cpu cgroup`);
}

function run(cfg: HostWorkerConfig): HostWorkerResult {
	const { runDir, subjectPid, batch, rounds, warmup } = cfg;
	assertRunDir(runDir);
	if (batch % 2 !== 0) throw new Error("batch must be even");
	const ops: OpResult[] = [];
	let error: string | null = null;
	let madeRunDir = false;
	const cleanupErrors: string[] = [];
	try {
		mkdirSync(runDir); // throws EEXIST rather than reuse anything
		madeRunDir = true;
		const a = `${runDir}/a`;
		const b = `${runDir}/b`;
		const mk = `${runDir}/mk`;
		for (const d of [a, b, mk]) mkdirSync(d);

		const paths = Array.from({ length: batch }, (_, i) => `${mk}/c${i}`);
		const [m, r] = timePairedBatches({
			batch,
			rounds,
			warmup,
			first: (i) => mkdirSync(paths[i]!),
			second: (i) => rmdirSync(paths[i]!),
		});
		ops.push(op("mkdir", "mkdir (real kernel)", m));
		ops.push(op("rmdir", "rmdir (real kernel)", r));

		waitForSleep(subjectPid);
		const pid = `${subjectPid}\n`;
		const relA = a.slice("/sys/fs/cgroup/cpu".length);
		for (const file of ["tasks", "cgroup.procs"]) {
			const pa = `${a}/${file}`;
			const pb = `${b}/${file}`;
			const s1 = timeBatches({
				batch,
				rounds,
				warmup,
				op: (i) => writeFileSync(i & 1 ? pa : pb, pid),
			});
			if (cpuCgroupOf(subjectPid) !== relA) throw new Error(`the subject is not in ${a}`);
			ops.push(
				op(
					`attach.${file}.open-write-close`,
					`attach via ${file}: open+write+close (real kernel)`,
					s1,
				),
			);
			const fa = openSync(pa, constants.O_WRONLY);
			const fb = openSync(pb, constants.O_WRONLY);
			try {
				const s2 = timeBatches({
					batch,
					rounds,
					warmup,
					op: (i) => {
						writeSync(i & 1 ? fa : fb, pid);
					},
				});
				if (cpuCgroupOf(subjectPid) !== relA) throw new Error(`the subject is not in ${a}`);
				ops.push(
					op(`attach.${file}.write`, `attach via ${file}: write on open fd (real kernel)`, s2),
				);
			} finally {
				closeSync(fa);
				closeSync(fb);
			}
		}
	} catch (e) {
		error = (e as Error).message;
	} finally {
		cleanupErrors.push(...cleanup(subjectPid, runDir, madeRunDir));
	}
	const leftovers = entriesWithPrefix(runDir.slice(runDir.lastIndexOf("/") + 1));
	return { ops, error, cleanupErrors, leftovers };
}

/**
 * The subject dies inside the run directory (by pid, after checking it is
 * still ours), then the run directory goes, deepest first. Returns errors.
 */
function cleanup(subjectPid: number, runDir: string, madeRunDir: boolean): string[] {
	const cleanupErrors: string[] = [];
	try {
		if (existsSync(`/proc/${subjectPid}`)) {
			checkSubject(subjectPid);
			process.kill(subjectPid, "SIGKILL");
		}
		for (let i = 0; i < 100; i++) {
			let alive = false;
			try {
				alive = !readFileSync(`/proc/${subjectPid}/status`, "utf8").includes("State:\tZ");
			} catch {
				alive = false;
			}
			if (!alive) break;
			sleepMs(20);
		}
	} catch (e) {
		cleanupErrors.push(`subject ${subjectPid}: ${(e as Error).message}`);
	}
	if (madeRunDir) cleanupErrors.push(...removeRunDir(runDir));
	return cleanupErrors;
}

const arg = process.argv[2];
if (arg === undefined) {
	process.stderr.write(
		`usage: host-worker.ts '<json config>' (run by bench/run.ts; prefix ${RUN_PREFIX})\n`,
	);
	process.exit(2);
}
const result = run(JSON.parse(arg) as HostWorkerConfig);
process.stdout.write(`${JSON.stringify(result)}\n`);
