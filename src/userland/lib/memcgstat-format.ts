/**
 * memcgstat's output: a header, one fixed-width line per sample, and a
 * summary; or, with --json, one JSON object per line (JSON Lines) for each
 * sample and for the summary.
 *
 * Text columns (right-aligned, one space apart; CGROUP left-aligned and as
 * wide as the first sample's path, at least 6):
 *
 *   TIME      8  seconds since the first sample, one decimal: "12.3s"
 *   CGROUP       the cgroup's path in its hierarchy
 *   USAGE     9  sizes in binary units, one decimal: "512B", "4.0K", "12.3M", "1.5G"
 *   LIMIT     9  a size, or "unlimited"
 *   USE%      6  usage / limit, "57.1%"; "-" when unlimited
 *   MAX-USAGE 9  max_usage_in_bytes (v1), memory.peak (cgroup2)
 *   FAILCNT   8  failcnt (v1), memory.events "max" (cgroup2)
 *   MEMSW, MEMSW-LIM, MEMSW-MAX, MEMSW-FC (v1, memory+swap) or SWAP,
 *   SWAP-LIM, SWAP-MAX, SWAP-FC (cgroup2, swap alone): only when the first
 *   sample has those files
 *   OOM       5  the cgroup's oom_kill counter
 *
 * A value whose file or line is missing prints "-".
 */

import type { MemcgVersion } from "./memcgstat-locate.ts";
import type { MemcgSample, MemcgSummary } from "./memcgstat-watch.ts";

const UNITS = ["K", "M", "G", "T", "P", "E"];

/** A size in binary units with one decimal ("0B", "1023B", "1.0K", "12.3M"). */
export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes}B`;
	let v = bytes / 1024;
	let u = 0;
	// Move up a unit before one decimal would round to 1024.0.
	while (v >= 1023.95 && u < UNITS.length - 1) {
		v /= 1024;
		u++;
	}
	return `${v.toFixed(1)}${UNITS[u]}`;
}

/** A limit: a size, or "unlimited". */
export function formatLimit(limit: number | null): string {
	return limit === null ? "unlimited" : formatSize(limit);
}

/** Elapsed seconds with one decimal: "0.0s". */
export function formatTime(t: number): string {
	return `${t.toFixed(1)}s`;
}

/** usage / limit as a percentage with one decimal, null when unlimited. */
export function percentOf(usage: number, limit: number | null): number | null {
	if (limit === null) return null;
	if (limit === 0) return usage === 0 ? 0 : 100;
	return Math.round((usage / limit) * 1000) / 10;
}

function formatPercent(p: number | null): string {
	return p === null ? "-" : `${p.toFixed(1)}%`;
}

function orDash(v: number | null, f: (v: number) => string = String): string {
	return v === null ? "-" : f(v);
}

/** The layout of a run's lines, fixed by its first sample. */
export interface LineLayout {
	readonly version: MemcgVersion;
	readonly cgroupWidth: number;
	readonly swap: boolean;
}

export function layoutFor(first: MemcgSample): LineLayout {
	return {
		version: first.version,
		cgroupWidth: Math.max(6, first.cgroup.length),
		swap: first.swap !== null,
	};
}

interface Column {
	readonly header: string | ((v: MemcgVersion) => string);
	readonly width: number;
	readonly swap?: true;
	readonly cell: (s: MemcgSample) => string;
}

const COLUMNS: readonly Column[] = [
	{ header: "USAGE", width: 9, cell: (s) => formatSize(s.usage) },
	{ header: "LIMIT", width: 9, cell: (s) => formatLimit(s.limit) },
	{ header: "USE%", width: 6, cell: (s) => formatPercent(percentOf(s.usage, s.limit)) },
	{ header: "MAX-USAGE", width: 9, cell: (s) => orDash(s.maxUsage, formatSize) },
	{ header: "FAILCNT", width: 8, cell: (s) => orDash(s.failcnt) },
	{
		header: (v) => (v === 1 ? "MEMSW" : "SWAP"),
		width: 9,
		swap: true,
		cell: (s) => orDash(s.swap?.usage ?? null, formatSize),
	},
	{
		header: (v) => (v === 1 ? "MEMSW-LIM" : "SWAP-LIM"),
		width: 9,
		swap: true,
		cell: (s) => (s.swap === null ? "-" : formatLimit(s.swap.limit)),
	},
	{
		header: (v) => (v === 1 ? "MEMSW-MAX" : "SWAP-MAX"),
		width: 9,
		swap: true,
		cell: (s) => orDash(s.swap?.maxUsage ?? null, formatSize),
	},
	{
		header: (v) => (v === 1 ? "MEMSW-FC" : "SWAP-FC"),
		width: 8,
		swap: true,
		cell: (s) => orDash(s.swap?.failcnt ?? null),
	},
	{ header: "OOM", width: 5, cell: (s) => orDash(s.oomKill) },
];

function row(layout: LineLayout, time: string, cgroup: string, cells: (c: Column) => string) {
	let line = `${time.padStart(8)} ${cgroup.padEnd(layout.cgroupWidth)}`;
	for (const c of COLUMNS) {
		if (c.swap && !layout.swap) continue;
		line += ` ${cells(c).padStart(c.width)}`;
	}
	return `${line}\n`;
}

export function headerLine(layout: LineLayout): string {
	return row(layout, "TIME", "CGROUP", (c) =>
		typeof c.header === "string" ? c.header : c.header(layout.version),
	);
}

export function sampleLine(layout: LineLayout, s: MemcgSample): string {
	return row(layout, formatTime(s.t), s.cgroup, (c) => c.cell(s));
}

/** Seconds rounded to the millisecond, for JSON. */
function seconds(t: number): number {
	return Math.round(t * 1000) / 1000;
}

/** One JSON Lines record of a sample. */
export function sampleJson(pid: number, s: MemcgSample): string {
	const swap =
		s.swap === null
			? null
			: {
					usage: s.swap.usage,
					limit: s.swap.limit,
					max_usage: s.swap.maxUsage,
					failcnt: s.swap.failcnt,
				};
	return `${JSON.stringify({
		type: "sample",
		time: seconds(s.t),
		pid,
		cgroup: s.cgroup,
		cgroup_version: s.version,
		usage: s.usage,
		limit: s.limit,
		percent: percentOf(s.usage, s.limit),
		max_usage: s.maxUsage,
		failcnt: s.failcnt,
		[s.version === 1 ? "memsw" : "swap"]: swap,
		oom_kill: s.oomKill,
		under_oom: s.underOom,
		alive: s.alive,
	})}\n`;
}

/** The JSON Lines record of the summary. */
export function summaryJson(sum: MemcgSummary): string {
	return `${JSON.stringify({
		type: "summary",
		pid: sum.pid,
		end: sum.end,
		elapsed: seconds(sum.elapsed),
		samples: sum.samples,
		cgroup: sum.cgroup,
		cgroups: sum.cgroups,
		cgroup_version: sum.version,
		last_usage: sum.lastUsage,
		peak_usage: sum.peakUsage,
		max_usage: sum.maxUsage,
		limit: sum.limit,
		failcnt: sum.failcnt,
		failcnt_rise: sum.failcntRise,
		[sum.version === 1 ? "memsw" : "swap"]:
			sum.swap === null
				? null
				: {
						last_usage: sum.swap.last,
						peak_usage: sum.swap.peak,
						max_usage: sum.swap.maxUsage,
						limit: sum.swap.limit,
					},
		oom_kills: sum.oomKills,
		oom_kill_times: sum.oomEvents.map((e) => seconds(e.t)),
		oom_killed: sum.oomAtEnd,
	})}\n`;
}

/** How many OOM kill times the text summary lists. */
const MAX_OOM_TIMES = 6;

function endLine(sum: MemcgSummary): string {
	const span = `${formatTime(sum.elapsed)}, ${sum.samples} sample${sum.samples === 1 ? "" : "s"}`;
	switch (sum.end) {
		case "gone":
			return `--- pid ${sum.pid} gone after ${span}${sum.oomAtEnd ? "; oom_kill rose as it went: probably OOM-killed" : ""}`;
		case "count":
			return `--- pid ${sum.pid} still running after ${span}`;
		case "interrupted":
			return `--- interrupted after ${span}; pid ${sum.pid} still running`;
	}
}

/**
 * The summary in text:
 *
 *   --- pid 42 gone after 12.0s, 13 samples; oom_kill rose as it went: probably OOM-killed
 *   cgroup     /test1
 *   usage      last 1.2M, peak 100.0M, max usage 100.0M, limit 100.0M
 *   memsw      last 1.2M, peak 100.0M, max usage 100.0M, limit unlimited
 *   failcnt    1234 (+1200 while watching)
 *   oom kills  1 while watching (at 11.0s)
 *
 * The oom kills line lists the sample times where oom_kill rose ("x3" when
 * by more than one): all of them up to six, else the first five, "...", and
 * the last.
 * "peak" is the highest usage sampled, "max usage" the kernel's own record;
 * the memsw (v1) or swap (cgroup2) line only when those files exist.
 */
export function summaryText(sum: MemcgSummary): string {
	const lines = [endLine(sum), `cgroup     ${sum.cgroups.join(" -> ")}`];
	const usage = (last: number, peak: number, max: number | null, limit: number | null) =>
		`last ${formatSize(last)}, peak ${formatSize(peak)}, max usage ${orDash(max, formatSize)}, limit ${formatLimit(limit)}`;
	lines.push(`usage      ${usage(sum.lastUsage, sum.peakUsage, sum.maxUsage, sum.limit)}`);
	if (sum.swap !== null) {
		const label = sum.version === 1 ? "memsw" : "swap ";
		const s = sum.swap;
		lines.push(`${label}      ${usage(s.last, s.peak, s.maxUsage, s.limit)}`);
	}
	lines.push(`failcnt    ${orDash(sum.failcnt)} (+${sum.failcntRise} while watching)`);
	if (sum.oomKills === null) {
		lines.push("oom kills  - (no oom_kill counter)");
	} else {
		const ev = sum.oomEvents.map((e) => formatTime(e.t) + (e.kills > 1 ? ` x${e.kills}` : ""));
		// The first few and the last, when there are many.
		const shown =
			ev.length > MAX_OOM_TIMES ? [...ev.slice(0, MAX_OOM_TIMES - 1), "...", ev.at(-1)] : ev;
		const at = ev.length === 0 ? "" : ` (at ${shown.join(", ")})`;
		lines.push(`oom kills  ${sum.oomKills} while watching${at}`);
	}
	return `${lines.join("\n")}\n`;
}
