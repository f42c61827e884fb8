/**
 * `npm run bench`: every benchmark, then one report (a table, or JSON with
 * --json). See bench/README.md.
 *
 *   --quick    smaller batches and scales, for a smoke check (numbers are noisier)
 *   --json     print the results as JSON instead of tables
 *   --no-host  skip the real kernel's files
 */
import { cpus, loadavg } from "node:os";
import { cgroup2Benchmarks } from "./cgroup2.ts";
import {
	type EmulatorConfig,
	memoryBenchmarks,
	microBenchmarks,
	scaleBenchmarks,
} from "./emulator.ts";
import { type HostConfig, hostBenchmarks } from "./host.ts";
import { memcgBenchmarks } from "./memcg.ts";
import { formatReport } from "./report.ts";
import type { BenchReport, MemoryResult } from "./results.ts";
import { schedBenchmarks } from "./sched.ts";
import { type ShellConfig, shellBenchmarks } from "./shell.ts";
import { hasGc, now, primeHeap } from "./timing.ts";
import { webBenchmarks } from "./web.ts";

const FULL: EmulatorConfig = {
	batch: 10_000,
	rounds: 7,
	warmup: 3,
	scaleRounds: 9,
	readBatch: 200,
	readTasks: 1_000,
	memoryTasks: 100_000,
	memoryCgroups: 10_000,
	small: { parents: 10, cgroups: 1_000, tasks: 1_000 },
	large: { parents: 100, cgroups: 100_000, tasks: 1_000_000 },
};

const QUICK: EmulatorConfig = {
	batch: 1_000,
	rounds: 5,
	warmup: 5,
	scaleRounds: 5,
	readBatch: 50,
	readTasks: 1_000,
	memoryTasks: 10_000,
	memoryCgroups: 1_000,
	small: { parents: 10, cgroups: 1_000, tasks: 1_000 },
	large: { parents: 10, cgroups: 10_000, tasks: 100_000 },
};

const HOST_FULL: HostConfig = { batch: 2_000, rounds: 7, warmup: 1, timeoutMs: 120_000 };
const HOST_QUICK: HostConfig = { batch: 200, rounds: 5, warmup: 1, timeoutMs: 60_000 };

const SHELL_FULL: ShellConfig = {
	coldRounds: 9,
	scriptLines: 10_000,
	scriptWarmup: 3,
	scriptRounds: 7,
};
const SHELL_QUICK: ShellConfig = {
	coldRounds: 3,
	scriptLines: 10_000,
	scriptWarmup: 3,
	scriptRounds: 3,
};

const USAGE = "usage: npm run bench -- [--quick] [--json] [--no-host]";

async function main(argv: readonly string[]): Promise<void> {
	const flags = new Set(argv);
	for (const f of flags) {
		if (f === "--help" || f === "-h") {
			process.stdout.write(`${USAGE}\n`);
			return;
		}
		if (!["--quick", "--json", "--no-host"].includes(f)) {
			process.stderr.write(`unknown argument ${f}\n${USAGE}\n`);
			process.exitCode = 2;
			return;
		}
	}
	const quick = flags.has("--quick");
	const json = flags.has("--json");
	const cfg = quick ? QUICK : FULL;
	const t0 = now();
	const loadStart = loadavg();
	const progress = (msg: string): void => {
		const s = (Number(now() - t0) / 1e9).toFixed(1).padStart(6);
		process.stderr.write(`[${s} s] ${msg}\n`);
	};

	// Two 64 MB semi-spaces (the young generation npm run bench configures), and some.
	primeHeap(256);
	progress("single operations");
	const micro = microBenchmarks(cfg);

	progress(flags.has("--no-host") ? "real kernel: skipped (--no-host)" : "real kernel");
	const host = flags.has("--no-host")
		? {
				available: false,
				reason: "--no-host",
				kernel: "",
				runDir: null,
				ops: [],
				leftovers: [],
				foreign: [],
			}
		: hostBenchmarks(quick ? HOST_QUICK : HOST_FULL);

	let memory: MemoryResult[] = [];
	let memorySkipped: string | null = null;
	if (hasGc()) {
		progress("memory");
		memory = memoryBenchmarks(cfg);
	} else {
		memorySkipped = "needs node --expose-gc (npm run bench passes it)";
	}

	const scale = scaleBenchmarks(cfg, progress);
	progress("shell");
	const shell = shellBenchmarks(quick ? SHELL_QUICK : SHELL_FULL);
	progress("CPU model");
	const sched = schedBenchmarks(quick);
	progress("memory model");
	const memcg = await memcgBenchmarks(quick);
	progress("cgroup2");
	const cgroup2 = cgroup2Benchmarks(quick);
	progress("cgkit web (1,000 cgroups, 10,000 tasks; Chromium)");
	const web = await webBenchmarks(quick);
	const report: BenchReport = {
		mode: quick ? "quick" : "full",
		node: process.version,
		cpu: cpus()[0]?.model ?? "unknown cpu",
		cores: cpus().length,
		loadAvg: { start: loadStart, end: loadavg() },
		micro,
		memory,
		memorySkipped,
		scale,
		host,
		shell,
		sched,
		memcg,
		cgroup2,
		web,
		wallMs: Number(now() - t0) / 1e6,
	};
	progress("done");
	process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
	if (host.leftovers.length > 0) process.exitCode = 1;
}

await main(process.argv.slice(2));
