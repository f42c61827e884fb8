/**
 * memcgstat: the samples of one run and what they add up to. Counters that
 * rise (oom_kill, failcnt) are counted as the sum of their increases between
 * consecutive samples of the same cgroup, so a process that moves to
 * another cgroup, or a failcnt reset by writing 0, never counts as a rise.
 */

import type { MemcgVersion } from "./memcgstat-locate.ts";
import type { MemcgReading } from "./memcgstat-sample.ts";

/** One sample: a reading of the watched process's memory cgroup at a moment. */
export interface MemcgSample extends MemcgReading {
	/** Seconds since the first sample's moment. */
	readonly t: number;
	readonly version: MemcgVersion;
	/** The cgroup's path in its hierarchy. */
	readonly cgroup: string;
	/** The watched process was still there (false: this is the reading after it went). */
	readonly alive: boolean;
}

/** oom_kill rose between the previous sample and this one. */
export interface OomEvent {
	/** Index of the sample where the rise was seen. */
	readonly index: number;
	readonly t: number;
	/** By how much. */
	readonly kills: number;
}

/** Why sampling stopped. */
export type EndReason = "gone" | "count" | "interrupted";

export interface MemcgSummary {
	readonly pid: number;
	readonly end: EndReason;
	/** The last sample's time (seconds). */
	readonly elapsed: number;
	readonly samples: number;
	readonly version: MemcgVersion;
	/** The last sample's cgroup, and every cgroup seen in order. */
	readonly cgroup: string;
	readonly cgroups: readonly string[];
	readonly lastUsage: number;
	/** The highest usage sampled. */
	readonly peakUsage: number;
	/** The kernel's own maximum (max_usage_in_bytes, memory.peak) at the end. */
	readonly maxUsage: number | null;
	readonly limit: number | null;
	readonly failcnt: number | null;
	/** How much failcnt rose while watching. */
	readonly failcntRise: number;
	/** The last swap (v1: memsw) reading with the peak sampled, when the files exist. */
	readonly swap: {
		readonly last: number;
		readonly peak: number;
		readonly maxUsage: number | null;
		readonly limit: number | null;
	} | null;
	/** null when the cgroup has no oom_kill counter. */
	readonly oomKills: number | null;
	readonly oomEvents: readonly OomEvent[];
	/** The process went and oom_kill rose in that same interval: probably OOM-killed. */
	readonly oomAtEnd: boolean;
}

/** The rise of a counter from `a` to `b` (0 when either is unknown or it fell). */
function rise(a: number | null, b: number | null): number {
	return a !== null && b !== null && b > a ? b - a : 0;
}

export class MemcgWatch {
	readonly samples: MemcgSample[] = [];
	readonly oomEvents: OomEvent[] = [];
	private failcntRise = 0;
	private peakUsage = 0;
	private peakSwap = 0;

	add(s: MemcgSample): void {
		const prev = this.samples.at(-1);
		const index = this.samples.length;
		this.samples.push(s);
		this.peakUsage = Math.max(this.peakUsage, s.usage);
		if (s.swap !== null) this.peakSwap = Math.max(this.peakSwap, s.swap.usage);
		if (prev === undefined || prev.cgroup !== s.cgroup || prev.version !== s.version) return;
		const kills = rise(prev.oomKill, s.oomKill);
		if (kills > 0) this.oomEvents.push({ index, t: s.t, kills });
		this.failcntRise += rise(prev.failcnt, s.failcnt);
	}

	/** What the run adds up to; at least one sample must have been added. */
	summary(pid: number, end: EndReason): MemcgSummary {
		const last = this.samples.at(-1);
		if (last === undefined) throw new Error("memcgstat: a summary needs a sample");
		const cgroups: string[] = [];
		for (const s of this.samples) if (cgroups.at(-1) !== s.cgroup) cgroups.push(s.cgroup);
		const lastEvent = this.oomEvents.at(-1);
		return {
			pid,
			end,
			elapsed: last.t,
			samples: this.samples.length,
			version: last.version,
			cgroup: last.cgroup,
			cgroups,
			lastUsage: last.usage,
			peakUsage: this.peakUsage,
			maxUsage: last.maxUsage,
			limit: last.limit,
			failcnt: last.failcnt,
			failcntRise: this.failcntRise,
			swap:
				last.swap === null
					? null
					: {
							last: last.swap.usage,
							peak: this.peakSwap,
							maxUsage: last.swap.maxUsage,
							limit: last.swap.limit,
						},
			oomKills: last.oomKill === null ? null : this.oomEvents.reduce((n, e) => n + e.kills, 0),
			oomEvents: this.oomEvents,
			oomAtEnd: end === "gone" && !last.alive && lastEvent?.index === this.samples.length - 1,
		};
	}
}
