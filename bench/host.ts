/**
 * The same operations on the real kernel's files, when this is Linux, we are
 * root and the cpu controller has a v1 hierarchy at /sys/fs/cgroup/cpu
 * (otherwise a one-line reason). The measuring runs in bench/host-worker.ts,
 * a separate small process with a capped heap and a timeout; this side
 * starts the subject process, runs the worker, and afterwards makes sure the
 * subject is dead and the run directory gone (removing it itself when the
 * worker could not, for instance after a timeout).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
	entriesWithPrefix,
	HOST_HIERARCHY,
	hostSkipReason,
	RUN_PREFIX,
	removeRunDir,
} from "./host-cgroups.ts";
import type { HostWorkerConfig, HostWorkerResult } from "./host-worker.ts";
import type { HostSection } from "./results.ts";

export interface HostConfig {
	readonly batch: number;
	readonly rounds: number;
	readonly warmup: number;
	readonly timeoutMs: number;
}

const WORKER = fileURLToPath(new URL("./host-worker.ts", import.meta.url));
const REPO = fileURLToPath(new URL("..", import.meta.url));
const SLEEP_CANDIDATES = ["/usr/bin/sleep", "/bin/sleep"];
const SETPRIV_CANDIDATES = ["/usr/bin/setpriv", "/bin/setpriv"];
/** How long the subject lives at most (well past the worker's timeout). */
const SUBJECT_SECONDS = 300;

function osRelease(): string {
	try {
		return readFileSync("/proc/sys/kernel/osrelease", "utf8").trim();
	} catch {
		return "unknown";
	}
}

function skipped(reason: string, foreign: string[] = []): HostSection {
	return {
		available: false,
		reason,
		kernel: osRelease(),
		runDir: null,
		ops: [],
		leftovers: [],
		foreign,
	};
}

export function hostBenchmarks(cfg: HostConfig): HostSection {
	const reason = hostSkipReason();
	if (reason !== null) return skipped(reason);
	const sleep = SLEEP_CANDIDATES.find((p) => existsSync(p));
	if (sleep === undefined) return skipped("no sleep binary for the subject process");
	const foreign = entriesWithPrefix(RUN_PREFIX);
	const runDir = `${HOST_HIERARCHY}/${RUN_PREFIX}${randomBytes(6).toString("hex")}`;

	// The process that gets moved: started by us, single-threaded, idle, and
	// (through setpriv, when there is one) killed by the kernel if we die
	// first. setpriv execs sleep, so the pid stays the same.
	const setpriv = SETPRIV_CANDIDATES.find((p) => existsSync(p));
	const subject: ChildProcess =
		setpriv === undefined
			? spawn(sleep, [String(SUBJECT_SECONDS)], { stdio: "ignore" })
			: spawn(setpriv, ["--pdeathsig", "KILL", "--", sleep, String(SUBJECT_SECONDS)], {
					stdio: "ignore",
				});
	if (subject.pid === undefined) return skipped("could not start the subject process", foreign);
	let result: HostWorkerResult | null = null;
	let failure: string | null = null;
	try {
		const config: HostWorkerConfig = {
			runDir,
			subjectPid: subject.pid,
			batch: cfg.batch,
			rounds: cfg.rounds,
			warmup: cfg.warmup,
		};
		const out = spawnSync(
			process.execPath,
			["--import", "tsx", "--max-old-space-size=128", WORKER, JSON.stringify(config)],
			{
				cwd: REPO,
				encoding: "utf8",
				timeout: cfg.timeoutMs,
				killSignal: "SIGKILL",
				stdio: ["ignore", "pipe", "pipe"],
			},
		);
		if (out.error !== undefined) {
			failure = `worker: ${out.error.message}`;
		} else if (out.status !== 0) {
			failure = `worker exited with ${out.status ?? out.signal}: ${out.stderr.trim().split("\n").slice(-3).join(" | ")}`;
		} else {
			const last = out.stdout.trim().split("\n").at(-1) ?? "";
			result = JSON.parse(last) as HostWorkerResult;
		}
	} catch (e) {
		failure = `worker: ${(e as Error).message}`;
	} finally {
		// Whatever happened: the subject dies (by pid; it is our unreaped
		// child, so the pid cannot have been reused), then the run directory
		// goes if the worker left it.
		subject.kill("SIGKILL");
		const errors = removeRunDir(runDir);
		if (errors.length > 0) failure = `${failure ?? ""} cleanup: ${errors.join("; ")}`.trim();
	}
	const leftovers = entriesWithPrefix(runDir.slice(runDir.lastIndexOf("/") + 1));
	const problems = [
		failure,
		result?.error ?? null,
		...(result?.cleanupErrors ?? []).map((e) => `worker cleanup: ${e}`),
	].filter((p): p is string => p !== null && p.length > 0);
	return {
		available: result !== null && result.ops.length > 0,
		reason: problems.length > 0 ? problems.join("; ") : null,
		kernel: osRelease(),
		runDir,
		ops: result?.ops ?? [],
		leftovers,
		foreign,
	};
}
