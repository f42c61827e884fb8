/**
 * `cgkit fuzz`: the semantic fuzzer (src/tools/fuzz). Random operation
 * sequences against the emulated kernel, every step checked; the first
 * finding is shrunk and written as a sh reproducer. Exit status 0 when
 * nothing was found, 1 on a finding, 2 for usage errors.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { sandboxUnavailableReason } from "../host/sandbox.ts";
import { DEFAULT_EPISODE, type FuzzReport, fuzz } from "../tools/fuzz/driver.ts";
import { fuzzHost } from "../tools/fuzz/host.ts";
import { expectedLine, parseReproducer } from "../tools/fuzz/reproducer.ts";
import { replay } from "../tools/fuzz/shrink.ts";
import type { OpStats } from "../tools/fuzz/step.ts";

interface FuzzFlags {
	seed: number;
	steps: number;
	episode: number;
	out: string;
	quiet?: boolean;
	replay?: string;
	host?: boolean;
}

function count(min: number) {
	return (value: string): number => {
		const n = Number(value);
		if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
			throw new InvalidArgumentError(`must be an integer >= ${min}`);
		}
		return n;
	};
}

function statsTable(stats: Map<string, OpStats>): string {
	const rows = [...stats].sort((a, b) => a[0].localeCompare(b[0]));
	let out = "operation  ok       failed   skipped  emulated  errnos\n";
	for (const [name, s] of rows) {
		const errnos = [...s.errnos]
			.sort((a, b) => b[1] - a[1])
			.map(([e, n]) => `${e}:${n}`)
			.join(" ");
		out += `${name.padEnd(10)} ${String(s.ok).padEnd(8)} ${String(s.failed).padEnd(8)} ${String(s.skipped).padEnd(8)} ${String(s.emu).padEnd(9)} ${errnos}\n`;
	}
	return out;
}

function runReplay(file: string, out: (s: string) => void): number {
	const { ops, world } = parseReproducer(readFileSync(file, "utf8"));
	const r = replay(ops, { world });
	r.records.forEach((rec, i) => {
		const line = expectedLine(rec, i + 1) ?? `${i + 1} ${rec.outcome}`;
		const note = rec.emu !== null ? " (emulated)" : rec.skipped !== null ? " (skipped)" : "";
		out(`${line}${note}\n`);
	});
	if (r.finding === null) {
		out(`cgkit fuzz: ${ops.length} steps replayed, no finding\n`);
		return 0;
	}
	out(
		`cgkit fuzz: ${r.finding.kind} at step ${r.finding.step + 1}: ${r.finding.message}\n${r.finding.detail}\n`,
	);
	return 1;
}

/** `--host`: lockstep runs on the real kernel and cgkit (src/tools/fuzz/host.ts). */
async function runHost(
	flags: FuzzFlags,
	out: (s: string) => void,
	err: (s: string) => void,
): Promise<number> {
	const why = sandboxUnavailableReason();
	if (why !== null) {
		err(`cgkit fuzz: cannot run on the real kernel: ${why}\n`);
		return 2;
	}
	const start = performance.now();
	let last = start;
	const report = await fuzzHost({
		seed: flags.seed,
		steps: flags.steps,
		episode: flags.episode,
		onProgress: (done) => {
			const now = performance.now();
			if (flags.quiet || now - last < 5000) return;
			last = now;
			err(`cgkit fuzz --host: ${done}/${flags.steps} steps\n`);
		},
		onShrink: (runs, length) => {
			if (!flags.quiet) err(`cgkit fuzz --host: shrinking: run ${runs}, ${length} lines\n`);
		},
	});
	const seconds = ((performance.now() - start) / 1000).toFixed(1);
	let summary = `cgkit fuzz --host: seed ${flags.seed}, ${report.steps} steps in ${seconds} s, ${report.episodes} episodes, ${report.compared} compared on both kernels, ${report.leftOut} left out (sh cannot express them or unsafe on a real host)`;
	for (const [reason, n] of report.knownLeftOut)
		summary += `\n  ${n} left out for a known divergence: ${reason}`;
	if (report.finding !== null) {
		out(
			`${summary}\nfinding of the emulated checks: ${report.finding.kind}: ${report.finding.message}\nreplay without --host to shrink it\n`,
		);
		return 1;
	}
	const d = report.divergence;
	if (d === null) {
		out(`${summary}\nno divergence\n`);
		return 0;
	}
	mkdirSync(flags.out, { recursive: true });
	const path = join(flags.out, `cgkit-fuzz-host-seed${flags.seed}.sh`);
	writeFileSync(path, d.script, { mode: 0o755 });
	out(
		`${summary}\ndivergence at line: ${d.found.line}\nshrunk to ${d.lines.length} lines (${d.shrinkRuns} runs); kernel:\n${d.shrunk.kernel}cgkit:\n${d.shrunk.cgkit}reproducer (replay with cgkit diff): ${path}\n`,
	);
	return 1;
}

export function registerFuzz(
	program: Command,
	out: (s: string) => void = (s) => process.stdout.write(s),
	err: (s: string) => void = (s) => process.stderr.write(s),
): void {
	program
		.command("fuzz")
		.description(
			"random operation sequences against the emulated kernel, checked after every step; a finding is shrunk and written as a sh reproducer",
		)
		.option("--seed <n>", "seed of the run", count(0), 1)
		.option("--steps <m>", "operations to run", count(1), 10000)
		.option("--episode <n>", "operations per fresh world", count(1), DEFAULT_EPISODE)
		.option("--out <dir>", "where the reproducer is written", ".")
		.option("--replay <file>", "re-run the operations of a reproducer on the emulated kernel")
		.option("--quiet", "no progress and no statistics")
		.option(
			"--host",
			"also run every step on the real kernel (root and cgroupfs; sandboxed) and stop at the first divergence",
		)
		.action(async (flags: FuzzFlags) => {
			if (flags.host) {
				process.exitCode = await runHost(flags, out, err);
				return;
			}
			if (flags.replay !== undefined) {
				process.exitCode = runReplay(flags.replay, out);
				return;
			}
			const start = performance.now();
			let last = start;
			const rate = (steps: number, since: number): string =>
				(steps / Math.max((performance.now() - since) / 1000, 1e-3)).toFixed(0);
			const report: FuzzReport = fuzz({
				seed: flags.seed,
				steps: flags.steps,
				episode: flags.episode,
				onProgress: (done) => {
					const now = performance.now();
					if (flags.quiet || now - last < 5000) return;
					last = now;
					err(`cgkit fuzz: ${done}/${flags.steps} steps (${rate(done, start)} steps/s)\n`);
				},
				onShrink: (runs, length) => {
					if (!flags.quiet && runs % 100 === 0)
						err(`cgkit fuzz: shrinking: ${runs} replays, ${length} steps\n`);
				},
			});
			const seconds = (performance.now() - start) / 1000;
			const summary = `cgkit fuzz: seed ${flags.seed}, ${report.steps} steps in ${seconds.toFixed(1)} s (${rate(report.steps, start)} steps/s), ${report.episodes} episodes, trace ${report.traceHash}`;
			if (!flags.quiet) out(statsTable(report.stats));
			const found = report.found;
			if (found === null) {
				out(`${summary}: no finding\n`);
				process.exitCode = 0;
				return;
			}
			mkdirSync(flags.out, { recursive: true });
			const path = join(
				flags.out,
				`cgkit-fuzz-seed${flags.seed}-${found.shrunkFinding.kind}-episode${found.episode}.sh`,
			);
			writeFileSync(path, found.script, { mode: 0o755 });
			out(
				`${summary}: ${found.finding.kind} at step ${found.runStep}: ${found.finding.message}\n` +
					`shrunk from ${found.ops.length} to ${found.shrunk.length} steps (${found.shrinkRuns} replays): ${found.shrunkFinding.message}\n` +
					`reproducer: ${path}\n`,
			);
			process.exitCode = 1;
		});
}
