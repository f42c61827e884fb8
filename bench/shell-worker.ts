/**
 * Runs the shell script benchmark in a process of its own (so the heap and
 * JIT state the other benchmarks leave behind do not count) and prints the
 * commands per second of each round as JSON: `node --import tsx
 * bench/shell-worker.ts LINES WARMUP ROUNDS`.
 */
import { runShell } from "../src/userland/run.ts";
import { cgroupScript } from "./shell.ts";

const [lines, warmup, rounds] = process.argv.slice(2).map(Number) as [number, number, number];
const script = cgroupScript(lines);
const rates: number[] = [];
for (let i = 0; i < warmup + rounds; i++) {
	const t0 = process.hrtime.bigint();
	const r = await runShell({ args: ["-c", script], layout: "hybrid" });
	const s = Number(process.hrtime.bigint() - t0) / 1e9;
	if (r.status !== 0 || r.stderr !== "") throw new Error(`bench script failed: ${r.stderr}`);
	if (i >= warmup) rates.push(lines / s);
}
process.stdout.write(`${JSON.stringify(rates)}\n`);
