/** The printed report: aligned tables of the results. */
import type { BenchReport, OpResult, ShellResult } from "./results.ts";

const nf0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const nf2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function ns(v: number): string {
	return v < 100 ? nf2.format(v) : nf0.format(v);
}

function int(v: number): string {
	return nf0.format(v);
}

/** Columns aligned; `right[i]` right-aligns column i. */
function table(header: string[], rows: string[][], right: boolean[]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
	const line = (cells: string[]): string =>
		cells
			.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
			.join("  ")
			.trimEnd();
	const rule = widths.map((w) => "-".repeat(w)).join("  ");
	return [line(header), rule, ...rows.map(line)].join("\n");
}

function shellVerdict(x: ShellResult): string {
	return (x.higherIsBetter ? x.value >= x.goal : x.value <= x.goal) ? "PASS" : "MISS";
}

function verdict(value: number, goal: number | null): string {
	if (goal === null) return "info";
	return value <= goal ? "PASS" : "MISS";
}

/** The cells every timing table has: median, mean, min, max, rounds x batch. */
function statCells(s: OpResult["stats"]): string[] {
	return [ns(s.median), ns(s.mean), ns(s.min), ns(s.max), `${s.rounds}x${int(s.batch)}`];
}

function opRows(ops: readonly OpResult[]): string[][] {
	return ops.map((o) => [
		o.label,
		...statCells(o.stats),
		o.goalNs === null ? "-" : `<= ${int(o.goalNs)}`,
		verdict(o.stats.median, o.goalNs),
	]);
}

const OP_HEADER = ["operation", "ns/op (median)", "mean", "min", "max", "rounds", "goal", "result"];
const OP_RIGHT = [false, true, true, true, true, true, true, false];

/** The real kernel's op id to the emulator's op id it compares with. */
function emulatorIdFor(hostId: string): string {
	const id = hostId.replace(/^host\./, "");
	return id === "mkdir" || id === "rmdir" ? `vfs.${id}` : id;
}

export function formatReport(r: BenchReport): string {
	const out: string[] = [];
	const load = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(" ");
	out.push(
		`cgkit bench (${r.mode}) - node ${r.node}, ${r.cpu}, ${r.cores} cores`,
		`load average at start ${load(r.loadAvg.start)}, at end ${load(r.loadAvg.end)}`,
	);
	if (r.mode === "quick") {
		out.push("quick mode: small batches and scales, a smoke check; PASS/MISS are only indicative");
	}
	if ((r.loadAvg.start[0] ?? 0) > r.cores / 2) {
		out.push("note: the machine was busy when the run started; timings may be inflated");
	}
	out.push(
		"",
		"== emulator: single operations (fresh hybrid host; ns per operation) ==",
		table(OP_HEADER, opRows(r.micro), OP_RIGHT),
		"",
		"== memory: heapUsed growth after a full GC, per object ==",
	);
	if (r.memorySkipped !== null) {
		out.push(`skipped: ${r.memorySkipped}`);
	} else {
		out.push(
			table(
				["object", "count", "bytes/object", "goal", "result"],
				r.memory.map((m) => [
					m.label,
					int(m.count),
					int(m.bytesPerObject),
					m.goalBytes === null ? "-" : `<= ${int(m.goalBytes)}`,
					verdict(m.bytesPerObject, m.goalBytes),
				]),
				[false, true, true, true, false],
			),
		);
	}
	const s = r.scale;
	const shape = (x: typeof s.small): string =>
		`${int(x.cgroups)} cgroups (${int(x.parents)} parents x ${int(x.leavesPerParent)} leaves, cpu v1), ${int(x.tasks)} tasks spread over the leaves; built in ${(x.buildMs / 1000).toFixed(1)} s, heap ${(x.heapBytes / 2 ** 20).toFixed(0)} MiB`;
	out.push(
		"",
		"== scale: the same operations with few and with many cgroups and tasks alive ==",
		`small: ${shape(s.small)}`,
		`large: ${shape(s.large)}`,
		table(
			[
				"operation",
				"small ns/op",
				"large ns/op",
				"large mean",
				"ratio",
				"goal",
				"result",
				"large: abs goal",
				"result",
			],
			s.ops.map((o) => [
				o.label,
				ns(o.small.median),
				ns(o.large.median),
				ns(o.large.mean),
				`${o.ratio.toFixed(2)}x`,
				o.goalRatio === null ? "-" : `<= ${o.goalRatio}x`,
				verdict(o.ratio, o.goalRatio),
				o.goalNs === null ? "-" : `<= ${int(o.goalNs)}`,
				verdict(o.large.median, o.goalNs),
			]),
			[false, true, true, true, true, true, false, true, false],
		),
		"",
		"== real kernel: the same operations on its files ==",
	);
	const h = r.host;
	if (!h.available) {
		out.push(`skipped: ${h.reason ?? "unknown reason"}`);
	} else {
		out.push(`kernel ${h.kernel}; run directory ${h.runDir} (removed)`);
		const micro = new Map(r.micro.map((o) => [o.id, o]));
		out.push(
			table(
				[
					"operation",
					"ns/op (median)",
					"mean",
					"min",
					"max",
					"rounds",
					"emulator",
					"real/emulator",
				],
				h.ops.map((o) => {
					const e = micro.get(emulatorIdFor(o.id));
					return [
						o.label,
						...statCells(o.stats),
						e === undefined ? "-" : ns(e.stats.median),
						e === undefined ? "-" : `${(o.stats.median / e.stats.median).toFixed(2)}x`,
					];
				}),
				[false, true, true, true, true, true, true, true],
			),
		);
		if (h.reason !== null) out.push(`problems: ${h.reason}`);
	}
	if (h.leftovers.length > 0) out.push(`WARNING: left behind: ${h.leftovers.join(", ")}`);
	out.push(
		"",
		"== shell: whole programs ==",
		table(
			["measure", "median", "min", "max", "samples", "goal", "result"],
			r.shell.map((x) => [
				x.label,
				int(x.value),
				int(Math.min(...x.samples)),
				int(Math.max(...x.samples)),
				String(x.samples.length),
				`${x.higherIsBetter ? ">=" : "<="} ${int(x.goal)}`,
				shellVerdict(x),
			]),
			[false, true, true, true, true, true, false],
		),
	);
	if (h.foreign.length > 0) {
		out.push(`note: directories of earlier runs, not touched: ${h.foreign.join(", ")}`);
	}
	out.push(
		"",
		"== CPU model: emulated seconds per wall-clock second (busy tasks, clock advanced in steps) ==",
		table(
			["case", "emulated s", "wall ms", "emulated s / s", "CPU use", "goal", "result"],
			r.sched.map((x) => [
				x.label,
				x.emulatedSeconds.toFixed(0),
				x.wallMs.toFixed(0),
				x.ratio.toFixed(0),
				`${(x.utilisation * 100).toFixed(1)}%`,
				x.goal === null ? "-" : `>= ${x.goal}`,
				x.goal === null ? "-" : x.ratio >= x.goal ? "PASS" : "MISS",
			]),
			[false, true, true, true, true, true, false],
		),
	);
	out.push(
		"",
		"== Memory model: charging and a memory hog under a memcg limit ==",
		table(
			["case", "value", "goal", "result", "detail"],
			r.memcg.map((x) => [
				x.label,
				`${x.value.toFixed(x.unit === "ms" ? 0 : 1)} ${x.unit}`,
				x.goal === null ? "-" : `<= ${x.goal} ${x.unit}`,
				x.goal === null ? "-" : x.value <= x.goal ? "PASS" : "MISS",
				x.detail,
			]),
			[false, true, true, false, false],
		),
	);
	out.push(
		"",
		"== cgroup2: controller distribution, mkdir, moves (for reference) ==",
		table(
			["case", "value", "detail"],
			r.cgroup2.map((x) => [
				x.label,
				`${x.value.toFixed(x.unit === "ms" ? 1 : 2)} ${x.unit}`,
				x.detail,
			]),
			[false, true, false],
		),
	);
	out.push(
		"",
		"== cgkit web: 1,000 cgroups, 10,000 tasks (an update, end to end) ==",
		table(
			["case", "value", "goal", "result", "detail"],
			r.web.results.map((x) => [
				x.label,
				`${x.value.toFixed(1)} ${x.unit}`,
				x.goal === null ? "-" : `<= ${x.goal} ${x.unit}`,
				x.goal === null ? "-" : x.value <= x.goal ? "PASS" : "MISS",
				x.detail,
			]),
			[false, true, true, false, false],
		),
		...(r.web.browserSkipped === null ? [] : [`browser rows skipped: ${r.web.browserSkipped}`]),
	);
	const all = [
		...r.micro.map((o) => verdict(o.stats.median, o.goalNs)),
		...r.memory.map((m) => verdict(m.bytesPerObject, m.goalBytes)),
		...r.scale.ops.map((o) => verdict(o.ratio, o.goalRatio)),
		...r.shell.map(shellVerdict),
		...r.sched
			.filter((x) => x.goal !== null)
			.map((x) => (x.ratio >= (x.goal ?? 0) ? "PASS" : "MISS")),
		...[...r.memcg, ...r.web.results]
			.filter((x) => x.goal !== null)
			.map((x) => (x.value <= (x.goal ?? 0) ? "PASS" : "MISS")),
	];
	out.push(
		"",
		`goals: ${all.filter((v) => v === "PASS").length} PASS, ${all.filter((v) => v === "MISS").length} MISS`,
		`total wall time: ${(r.wallMs / 1000).toFixed(1)} s`,
	);
	return out.join("\n");
}
