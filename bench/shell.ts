/**
 * The shell's numbers: how long `cgkit sh -c true` takes as a fresh process
 * (cold start: node, the bundle, booting a host, running sh), and how many
 * commands per second a 10,000-line script of mkdir/echo/cat on the
 * emulated cgroupfs runs at (mkdir and cat are forked and exec'd programs,
 * echo is the builtin), each in a fresh process.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ShellResult } from "./results.ts";
import { median, now } from "./timing.ts";

export const GOAL_COLD_START_MS = 150;
export const GOAL_COMMANDS_PER_S = 20_000;

export interface ShellConfig {
	readonly coldRounds: number;
	readonly scriptLines: number;
	/** Unmeasured runs first: the JIT needs about three to settle. */
	readonly scriptWarmup: number;
	readonly scriptRounds: number;
}

const BIN = fileURLToPath(new URL("../bin/cgkit.js", import.meta.url));

function coldStart(rounds: number): ShellResult {
	// The first run builds the bundle if the sources changed; it is not counted.
	const first = spawnSync(process.execPath, [BIN, "sh", "-c", "true"], { stdio: "ignore" });
	if (first.status !== 0) throw new Error(`cgkit sh -c true exited with ${first.status}`);
	const samples: number[] = [];
	for (let i = 0; i < rounds; i++) {
		const t0 = now();
		const r = spawnSync(process.execPath, [BIN, "sh", "-c", "true"], { stdio: "ignore" });
		samples.push(Number(now() - t0) / 1e6);
		if (r.status !== 0) throw new Error(`cgkit sh -c true exited with ${r.status}`);
	}
	return {
		id: "sh.cold-start",
		label: "cgkit sh -c true, cold start (ms)",
		value: median(samples),
		samples,
		goal: GOAL_COLD_START_MS,
		higherIsBetter: false,
	};
}

/** mkdir, echo into, and cat a control file of one cgroup per three lines. */
export function cgroupScript(lines: number): string {
	const out: string[] = [];
	for (let i = 0; out.length < lines; i++) {
		const dir = `/sys/fs/cgroup/pids/bench${i}`;
		out.push(`mkdir ${dir}`);
		if (out.length < lines) out.push(`echo 1 > ${dir}/notify_on_release`);
		if (out.length < lines) out.push(`cat ${dir}/notify_on_release > /dev/null`);
	}
	return `${out.join("\n")}\n`;
}

/** In a fresh process (bench/shell-worker.ts): `warmup` unmeasured runs, then `rounds`. */
function scriptThroughput(lines: number, warmup: number, rounds: number): ShellResult {
	const worker = fileURLToPath(new URL("./shell-worker.ts", import.meta.url));
	const r = spawnSync(
		process.execPath,
		["--import", "tsx", worker, String(lines), String(warmup), String(rounds)],
		{ encoding: "utf8" },
	);
	if (r.status !== 0) throw new Error(`shell bench worker failed: ${r.stderr}`);
	const samples = JSON.parse(r.stdout) as number[];
	return {
		id: "sh.script",
		label: `${lines.toLocaleString("en-US")}-line mkdir/echo/cat script (commands/s)`,
		value: median(samples),
		samples,
		goal: GOAL_COMMANDS_PER_S,
		higherIsBetter: true,
	};
}

export function shellBenchmarks(cfg: ShellConfig): ShellResult[] {
	return [
		coldStart(cfg.coldRounds),
		scriptThroughput(cfg.scriptLines, cfg.scriptWarmup, cfg.scriptRounds),
	];
}
