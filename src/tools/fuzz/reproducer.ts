/**
 * Reproducers: a finding's steps as a standalone sh script in the
 * conventions of `cgkit diff` (run by /bin/sh with cwd $CGKIT_TMP, the
 * shell in <mountpoint>/$CGKIT_PREFIX of every hierarchy; cgroups only
 * below those prefixes or in private hierarchies mounted under
 * $CGKIT_TMP). Each step prints one line, "N ok" or "N E <reason>"; the
 * header holds what the emulated kernel printed, the finding, and how the
 * run found it. Every step's operation is kept as a `#@ {json}` line, so
 * `cgkit fuzz --replay FILE` re-runs exactly those operations on the
 * emulated kernel, including the steps sh cannot express (threads, tasks
 * acting by themselves), which the script leaves out as comments.
 */
import { isOp, type Op } from "./ops.ts";
import { epilogue, preamble } from "./sh.ts";
import type { Finding, StepRecord } from "./step.ts";
import type { WorldOptions } from "./world.ts";

export interface ReproducerInfo {
	/** The command line that found it. */
	readonly foundBy: string;
	readonly finding: Finding;
	/** The records of a replay of the (shrunk) steps. */
	readonly records: readonly StepRecord[];
	/** The world options the steps ran with (pid_max, caps), when not the defaults. */
	readonly world?: WorldOptions;
}

/** The line a step prints, or null when it prints none. */
export function expectedLine(r: StepRecord, n: number): string | null {
	if (r.sh === null || r.emu !== null || r.skipped !== null) return null;
	if (r.outcome === "ok" || r.wrapper === null) return `${n} ok`;
	return `${n} E ${r.reason ?? ""}`;
}

/** What the script prints on the emulated kernel. */
export function expectedOutput(records: readonly StepRecord[]): string[] {
	const out: string[] = [];
	records.forEach((r, i) => {
		const line = expectedLine(r, i + 1);
		if (line !== null) out.push(line);
	});
	return out;
}

/**
 * The sh of one step as one command line (without its #@ line), or null
 * when sh cannot express it.
 */
export function renderStep(r: StepRecord, n: number): string | null {
	if (r.sh === null || r.emu !== null || r.skipped !== null) return null;
	const main = r.wrapper === null ? `${r.sh}; echo "${n} ok"` : `${r.wrapper} ${n} ${r.sh}`;
	return [main, ...r.sync].join("; ");
}

function commentBlock(text: string): string[] {
	return text.split("\n").map((l) => `#| ${l}`);
}

export function reproducer(info: ReproducerInfo): string {
	const { finding, records } = info;
	const emu = records.filter((r) => r.emu !== null && r.skipped === null).length;
	const unsafe = records.filter((r) => r.unsafe !== null && r.skipped === null && r.emu === null);
	const head = [
		"#!/bin/sh",
		"# cgkit fuzz reproducer",
		"#",
		`# found by: ${info.foundBy}`,
		`# finding: ${finding.kind} at step ${finding.step + 1}`,
		`# message: ${finding.message.split("\n")[0]}`,
		`# steps: ${records.length}${emu > 0 ? `, ${emu} of them need emulation and are comments below` : ""}`,
		"# replay on the emulated kernel: cgkit fuzz --replay FILE; on both kernels: cgkit diff FILE",
		`# sh: ${emu > 0 ? "needs emulation (what sh can express of it is below)" : "complete"}${unsafe.length > 0 ? `; UNSAFE on a real host (${unsafe[0]!.unsafe})` : ""}`,
		...(info.world !== undefined && Object.keys(info.world).length > 0
			? [
					`# world: ${JSON.stringify(info.world)} (pid_max and caps of the emulated world)`,
					`#@world ${JSON.stringify(info.world)}`,
				]
			: []),
		"#",
		"# expected output on the emulated kernel:",
		...expectedOutput(records).map((l) => `#| ${l}`),
		"#",
		"# details:",
		...commentBlock(finding.detail),
		"",
		...preamble(),
		"",
	];
	const body: string[] = [];
	records.forEach((r, i) => {
		const n = i + 1;
		const note = r.skipped
			? ` (does nothing: ${r.skipped})`
			: r.emu
				? ` (needs emulation: ${r.emu})`
				: r.unsafe
					? ` (unsafe on a real host: ${r.unsafe})`
					: "";
		body.push(`# step ${n}${note}${i === finding.step ? " <- the finding" : ""}`);
		body.push(`#@ ${JSON.stringify(r.op)}`);
		const sh = renderStep(r, n);
		if (sh !== null) body.push(sh);
	});
	return `${[...head, ...body, "", ...epilogue(), "exit 0"].join("\n")}\n`;
}

export interface ParsedReproducer {
	readonly ops: Op[];
	readonly world: WorldOptions;
}

/** The operations (its #@ lines) and world options (#@world) of a reproducer. */
export function parseReproducer(text: string): ParsedReproducer {
	const ops: Op[] = [];
	let world: WorldOptions = {};
	for (const line of text.split("\n")) {
		if (line.startsWith("#@world ")) {
			world = parseWorld(JSON.parse(line.slice(8)));
			continue;
		}
		if (!line.startsWith("#@ ")) continue;
		const x: unknown = JSON.parse(line.slice(3));
		if (!isOp(x)) throw new Error(`not an operation: ${line}`);
		ops.push(x);
	}
	return { ops, world };
}

function parseWorld(x: unknown): WorldOptions {
	const w: WorldOptions = {};
	if (typeof x !== "object" || x === null) return w;
	for (const key of ["pidMax", "maxTasks", "maxCgroups", "nextPid"] as const) {
		const v: unknown = (x as Record<string, unknown>)[key];
		if (typeof v === "number") w[key] = v;
	}
	return w;
}

/** The expected output a reproducer's header records. */
export function parseExpected(text: string): string[] {
	const out: string[] = [];
	let inside = false;
	for (const line of text.split("\n")) {
		if (line === "# expected output on the emulated kernel:") inside = true;
		else if (inside && line.startsWith("#| ")) out.push(line.slice(3));
		else if (inside) break;
	}
	return out;
}
