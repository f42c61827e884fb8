/**
 * memcgstat: which files of a memory cgroup it reads, and what a set of
 * their texts says. One table per cgroup version maps each quantity to a
 * file (and, for flat keyed files such as memory.oom_control and
 * memory.events, the key of its line):
 *
 *   quantity      cgroup v1                          cgroup2
 *   usage         memory.usage_in_bytes              memory.current
 *   limit         memory.limit_in_bytes              memory.max
 *   max usage     memory.max_usage_in_bytes          memory.peak
 *   failcnt       memory.failcnt                     memory.events "max"
 *   swap usage    memory.memsw.usage_in_bytes        memory.swap.current
 *   swap limit    memory.memsw.limit_in_bytes        memory.swap.max
 *   swap max      memory.memsw.max_usage_in_bytes    memory.swap.peak
 *   swap failcnt  memory.memsw.failcnt               memory.swap.events "max"
 *   oom kills     memory.oom_control "oom_kill"      memory.events "oom_kill"
 *   under oom     memory.oom_control "under_oom"     -
 *
 * On v1 the swap quantities are memory+swap (memsw); on cgroup2 swap alone.
 * A limit is unlimited when it reads "max" (cgroup2) or PAGE_COUNTER_MAX
 * pages (v1 prints 9223372036854771712 with 4 KiB pages).
 */

import type { MemcgVersion } from "./memcgstat-locate.ts";

/** The quantities a reading holds. */
export type Quantity =
	| "usage"
	| "limit"
	| "maxUsage"
	| "failcnt"
	| "swapUsage"
	| "swapLimit"
	| "swapMax"
	| "swapFailcnt"
	| "oomKill"
	| "underOom";

/** Where a quantity is read: a whole-number file, or one line of a flat keyed file. */
interface Source {
	readonly file: string;
	/** The key of the "KEY VALUE" line, for flat keyed files. */
	readonly key?: string;
}

const V1_SOURCES: Readonly<Record<Quantity, Source>> = {
	usage: { file: "memory.usage_in_bytes" },
	limit: { file: "memory.limit_in_bytes" },
	maxUsage: { file: "memory.max_usage_in_bytes" },
	failcnt: { file: "memory.failcnt" },
	swapUsage: { file: "memory.memsw.usage_in_bytes" },
	swapLimit: { file: "memory.memsw.limit_in_bytes" },
	swapMax: { file: "memory.memsw.max_usage_in_bytes" },
	swapFailcnt: { file: "memory.memsw.failcnt" },
	oomKill: { file: "memory.oom_control", key: "oom_kill" },
	underOom: { file: "memory.oom_control", key: "under_oom" },
};

const V2_SOURCES: Readonly<Partial<Record<Quantity, Source>>> = {
	usage: { file: "memory.current" },
	limit: { file: "memory.max" },
	maxUsage: { file: "memory.peak" },
	failcnt: { file: "memory.events", key: "max" },
	swapUsage: { file: "memory.swap.current" },
	swapLimit: { file: "memory.swap.max" },
	swapMax: { file: "memory.swap.peak" },
	swapFailcnt: { file: "memory.swap.events", key: "max" },
	oomKill: { file: "memory.events", key: "oom_kill" },
};

function sources(version: MemcgVersion): Readonly<Partial<Record<Quantity, Source>>> {
	return version === 1 ? V1_SOURCES : V2_SOURCES;
}

/** The file holding the usage, whose absence means the cgroup has no memory files. */
export function usageFile(version: MemcgVersion): string {
	return sources(version).usage!.file;
}

/** Every file a reading of `version` uses, each once, in table order. */
export function memcgFiles(version: MemcgVersion): string[] {
	const out: string[] = [];
	for (const s of Object.values(sources(version))) {
		if (s !== undefined && !out.includes(s.file)) out.push(s.file);
	}
	return out;
}

/**
 * The smallest value that means "no limit": PAGE_COUNTER_MAX pages is
 * LONG_MAX rounded down to a page, so anything within 64 KiB (the largest
 * page size) of 2^63 is it.
 */
export const UNLIMITED_MIN = (1n << 63n) - 65536n;

/** A counter pair as a reading shows it; `limit` null is unlimited. */
export interface SwapReading {
	readonly usage: number;
	readonly limit: number | null;
	readonly maxUsage: number | null;
	readonly failcnt: number | null;
}

/** What the memory files of one cgroup said at one moment. Null fields: file or line absent. */
export interface MemcgReading {
	readonly usage: number;
	/** null: unlimited. */
	readonly limit: number | null;
	readonly maxUsage: number | null;
	readonly failcnt: number | null;
	/** v1: memory+swap (memsw); cgroup2: swap alone. Null when the files are absent. */
	readonly swap: SwapReading | null;
	readonly oomKill: number | null;
	readonly underOom: boolean | null;
}

/** A decimal count (a whole file or a keyed line's value), or null. */
function parseCount(text: string): bigint | null {
	const t = text.trim();
	return /^\d+$/.test(t) ? BigInt(t) : null;
}

/** The value of `key` in a flat keyed file ("KEY VALUE" lines). */
function keyed(text: string, key: string): bigint | null {
	for (const line of text.split("\n")) {
		const sp = line.indexOf(" ");
		if (sp > 0 && line.slice(0, sp) === key) return parseCount(line.slice(sp + 1));
	}
	return null;
}

/** Looks up a file's text; null when it could not be read. */
export type FileTexts = (file: string) => string | null;

function raw(version: MemcgVersion, q: Quantity, texts: FileTexts): string | bigint | null {
	const src = sources(version)[q];
	if (src === undefined) return null;
	const text = texts(src.file);
	if (text === null) return null;
	if (src.key !== undefined) return keyed(text, src.key);
	return text.trim() === "max" ? "max" : parseCount(text);
}

function count(version: MemcgVersion, q: Quantity, texts: FileTexts): number | null {
	const v = raw(version, q, texts);
	return typeof v === "bigint" ? Number(v) : null;
}

/** A limit: a number, "unlimited" (null), or undefined when it cannot be read. */
function limit(version: MemcgVersion, q: Quantity, texts: FileTexts): number | null | undefined {
	const v = raw(version, q, texts);
	if (v === "max") return null;
	if (typeof v !== "bigint") return undefined;
	return v >= UNLIMITED_MIN ? null : Number(v);
}

/**
 * The reading the texts make, or null when the usage or the limit cannot
 * be read (no memory controller files there).
 */
export function readingOf(version: MemcgVersion, texts: FileTexts): MemcgReading | null {
	const usage = count(version, "usage", texts);
	const lim = limit(version, "limit", texts);
	if (usage === null || lim === undefined) return null;
	const swapUsage = count(version, "swapUsage", texts);
	const swapLimit = limit(version, "swapLimit", texts);
	const under = count(version, "underOom", texts);
	return {
		usage,
		limit: lim,
		maxUsage: count(version, "maxUsage", texts),
		failcnt: count(version, "failcnt", texts),
		swap:
			swapUsage === null || swapLimit === undefined
				? null
				: {
						usage: swapUsage,
						limit: swapLimit,
						maxUsage: count(version, "swapMax", texts),
						failcnt: count(version, "swapFailcnt", texts),
					},
		oomKill: count(version, "oomKill", texts),
		underOom: under === null ? null : under !== 0,
	};
}
