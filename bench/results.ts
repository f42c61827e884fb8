/** The shapes of what the benchmarks report (also the `--json` output). */
import type { MemcgResult } from "./memcg.ts";
import type { SchedResult } from "./sched.ts";
import type { Stats } from "./timing.ts";
import type { WebSection } from "./web.ts";

/** One timed operation. */
export interface OpResult {
	/** Stable machine name, e.g. "vfs.mkdir". */
	readonly id: string;
	/** What the table shows. */
	readonly label: string;
	readonly stats: Stats;
	/** The goal in ns per operation, null when the issue sets none. */
	readonly goalNs: number | null;
}

/** Heap bytes per object, from heapUsed before and after creating `count` of them. */
export interface MemoryResult {
	readonly id: string;
	readonly label: string;
	readonly count: number;
	readonly heapBeforeBytes: number;
	readonly heapAfterBytes: number;
	readonly bytesPerObject: number;
	readonly goalBytes: number | null;
}

/** One operation at small and at large scale. */
export interface ScaleResult {
	readonly id: string;
	readonly label: string;
	readonly small: Stats;
	readonly large: Stats;
	/** large median / small median. */
	readonly ratio: number;
	readonly goalRatio: number | null;
	/** The operation's own goal in ns, checked against the large-scale median. */
	readonly goalNs: number | null;
}

export interface ScaleShape {
	readonly cgroups: number;
	readonly parents: number;
	readonly leavesPerParent: number;
	readonly tasks: number;
	/** ms to build the state (mkdir, fork and attach through the kernel API). */
	readonly buildMs: number;
	/** heapUsed after building, after a full GC. */
	readonly heapBytes: number;
}

export interface ScaleSection {
	readonly small: ScaleShape;
	readonly large: ScaleShape;
	readonly ops: ScaleResult[];
}

/** The real kernel's files, when they could be used. */
export interface HostSection {
	readonly available: boolean;
	/** Why the section was skipped or failed. */
	readonly reason: string | null;
	readonly kernel: string;
	/** The directory the run created (and removed). */
	readonly runDir: string | null;
	readonly ops: OpResult[];
	/** Entries with the run's prefix still present after cleanup (should be empty). */
	readonly leftovers: string[];
	/** Other cgkit-bench-* directories found (from earlier runs; never touched). */
	readonly foreign: string[];
}

/** A whole-program number of the shell (a duration or a rate). */
export interface ShellResult {
	readonly id: string;
	readonly label: string;
	/** The median of the samples. */
	readonly value: number;
	readonly samples: number[];
	readonly goal: number;
	/** A rate (at least the goal) rather than a duration (at most the goal). */
	readonly higherIsBetter: boolean;
}

export interface BenchReport {
	readonly mode: "full" | "quick";
	readonly node: string;
	readonly cpu: string;
	readonly cores: number;
	/** os.loadavg() (1, 5, 15 min) when the run started and when it ended. */
	readonly loadAvg: { readonly start: number[]; readonly end: number[] };
	readonly micro: OpResult[];
	readonly memory: MemoryResult[];
	readonly memorySkipped: string | null;
	readonly scale: ScaleSection;
	readonly host: HostSection;
	readonly shell: ShellResult[];
	readonly sched: SchedResult[];
	readonly memcg: MemcgResult[];
	/** The cgroup2 core's costs (no goals). */
	readonly cgroup2: MemcgResult[];
	/** cgkit web with 1,000 cgroups and 10,000 tasks (goal: an update under 100 ms). */
	readonly web: WebSection;
	readonly wallMs: number;
}
