/**
 * The memory controller's cgroup2 files (memory_files[] and swap_files[]
 * of mm/memcontrol.c): usage, the peaks with their per-file reset, the
 * protection and limit knobs (memory.min, memory.low, memory.high,
 * memory.max, memory.swap.high, memory.swap.max), the event counters,
 * memory.stat and memory.numa_stat, memory.oom.group and memory.reclaim.
 * The zswap files (memory.zswap.*) are not here: the model has no zswap.
 *
 * Limits are page counts parsed by page_counter_memparse() with "max" for
 * none; they read back as bytes, or "max" (seq_puts_memcg_tunable()).
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { kstrtoint, strstrip } from "../../kstrto.ts";
import {
	MEMCG_HIGH,
	MEMCG_LOW,
	MEMCG_MAX,
	MEMCG_OOM,
	MEMCG_OOM_GROUP_KILL,
	MEMCG_OOM_KILL,
	MEMCG_SWAP_FAIL,
	MEMCG_SWAP_HIGH,
	MEMCG_SWAP_MAX,
	type MemCgroup,
	type OfPeak,
} from "../../mm/memcontrol.ts";
import { MAX_RECLAIM_RETRIES, type MemoryManager } from "../../mm/memory.ts";
import { memcgOutOfMemory } from "../../mm/oom-kill.ts";
import { PAGE_SIZE } from "../../mm/page.ts";
import { PAGE_COUNTER_MAX, type PageCounter, pageCounterMemparse } from "../../mm/page-counter.ts";
import { SWAPPINESS_ANON_ONLY } from "../../mm/vmscan.ts";
import { memparse, simpleStrtoull } from "../../scan.ts";
import type { Task } from "../../task.ts";
import type { CfType, CgroupOpenFile } from "../cftype.ts";
import { CFTYPE_NOT_ON_ROOT, CFTYPE_NS_DELEGATABLE } from "../defs.ts";
import { memcgStatFormat, memoryNumaStatV2 } from "./memory-stat.ts";

/** MIN_SWAPPINESS, MAX_SWAPPINESS: what memory.reclaim's swappiness= takes. */
const MIN_SWAPPINESS = 0;
const MAX_SWAPPINESS = 200;
/** OFP_PEAK_UNSET: an open peak file not written to yet. */
const OFP_PEAK_UNSET = -1;
/** NUMBER_BUF_LEN of match_number(): longer arguments do not parse. */
const NUMBER_BUF_LEN = 24;

/** seq_puts_memcg_tunable(): "max" for no limit, else bytes. */
function tunable(pages: number): string {
	return pages === PAGE_COUNTER_MAX ? "max\n" : `${BigInt(pages) * BigInt(PAGE_SIZE)}\n`;
}

/** page_counter_memparse(strstrip(buf), "max"). */
function parseTunable(buf: string): number {
	return pageCounterMemparse(strstrip(buf), "max");
}

/** The per-open state of a peak file (struct cgroup_of_peak in of->priv). */
function ofPeak(of: CgroupOpenFile<MemCgroup>): OfPeak {
	if (of.priv === null) of.priv = { value: OFP_PEAK_UNSET } satisfies OfPeak;
	return of.priv as OfPeak;
}

/**
 * peak_show(): the high-water mark since the counter's creation, or, on a
 * file that was written to, since that write (the larger of what the file
 * saw at other files' resets and the usage's peak since the last reset).
 */
function peakShow(of: CgroupOpenFile<MemCgroup>, pc: PageCounter): string {
	const fdPeak = ofPeak(of).value;
	const peak = fdPeak === OFP_PEAK_UNSET ? pc.watermark : Math.max(fdPeak, pc.localWatermark);
	return `${peak * PAGE_SIZE}\n`;
}

/**
 * peak_write(): any content resets this file's peak to the current usage;
 * the other files that were reset keep the larger of their value and it.
 */
function peakWrite(of: CgroupOpenFile<MemCgroup>, pc: PageCounter, watchers: Set<OfPeak>): void {
	const ofp = ofPeak(of);
	const usage = pc.usage;
	pc.localWatermark = usage;
	for (const peer of watchers) if (usage > peer.value) peer.value = usage;
	if (ofp.value === OFP_PEAK_UNSET) watchers.add(ofp);
	ofp.value = usage;
}

/** A memory.peak-like file over one counter (memory.peak, memory.swap.peak). */
function peakFile(
	name: string,
	counter: (m: MemCgroup) => PageCounter,
	watchers: (m: MemCgroup) => Set<OfPeak>,
): CfType<MemCgroup> {
	return {
		name,
		flags: CFTYPE_NOT_ON_ROOT,
		/** peak_open(). */
		open: (of) => {
			of.priv = { value: OFP_PEAK_UNSET } satisfies OfPeak;
		},
		/** peak_release(): a file that was written to leaves the watchers. */
		release: (of) => {
			if (of.priv !== null) watchers(of.css).delete(of.priv as OfPeak);
		},
		seqShow: (of) => peakShow(of, counter(of.css)),
		write: (of, _buf, nbytes) => {
			peakWrite(of, counter(of.css), watchers(of.css));
			return nbytes;
		},
	};
}

/** A tunable file: seq_puts_memcg_tunable() to read, page_counter_memparse() to write. */
function tunableFile(
	name: string,
	get: (m: MemCgroup) => number,
	set: (m: MemCgroup, pages: number, current: Task) => void,
): CfType<MemCgroup> {
	return {
		name,
		flags: CFTYPE_NOT_ON_ROOT,
		seqShow: (of) => tunable(get(of.css)),
		write: (of, buf, nbytes) => {
			set(of.css, parseTunable(buf), of.current);
			return nbytes;
		},
	};
}

/** __memory_events_show(). */
function eventsShow(events: Float64Array): string {
	return (
		`low ${events[MEMCG_LOW]}\nhigh ${events[MEMCG_HIGH]}\nmax ${events[MEMCG_MAX]}\n` +
		`oom ${events[MEMCG_OOM]}\noom_kill ${events[MEMCG_OOM_KILL]}\n` +
		`oom_group_kill ${events[MEMCG_OOM_GROUP_KILL]}\n`
	);
}

/**
 * memory_high_write(): the new threshold, then reclaim down to it while
 * that makes progress (the stocks drained first); never an error.
 */
function memoryHighWrite(kernel: Kernel, memcg: MemCgroup, high: number, current: Task): void {
	const mm = kernel.mm;
	memcg.memory.high = high;
	let nrRetries = MAX_RECLAIM_RETRIES;
	let drained = false;
	for (;;) {
		const nrPages = memcg.memory.usage;
		if (nrPages <= high || kernel.signalPending(current)) break;
		if (!drained) {
			mm.drainAllStock(memcg);
			drained = true;
			continue;
		}
		const reclaimed = mm.reclaim(memcg, nrPages - high, true);
		if (reclaimed === 0 && nrRetries-- === 0) break;
	}
}

/**
 * memory_max_write(): the new limit at once, then reclaim down to it, and
 * when reclaim gives up, the OOM killer until the usage fits or nothing
 * is left to kill; the write itself always succeeds.
 */
function memoryMaxWrite(kernel: Kernel, memcg: MemCgroup, max: number, current: Task): void {
	const mm = kernel.mm;
	memcg.memory.max = max;
	let nrReclaims = MAX_RECLAIM_RETRIES;
	let drained = false;
	for (;;) {
		const nrPages = memcg.memory.usage;
		if (nrPages <= max) break;
		if (kernel.signalPending(current) || mm.taskIsDying(current)) break;
		if (!drained) {
			mm.drainAllStock(memcg);
			drained = true;
			continue;
		}
		if (nrReclaims > 0) {
			if (mm.reclaim(memcg, nrPages - max, true) === 0) nrReclaims--;
			continue;
		}
		mm.memcgMemoryEvent(memcg, MEMCG_OOM);
		if (!memcgOutOfMemoryForWrite(mm, memcg, current)) break;
	}
}

/** mem_cgroup_out_of_memory(): nothing to do when the memcg has room again. */
function memcgOutOfMemoryForWrite(mm: MemoryManager, memcg: MemCgroup, current: Task): boolean {
	if (mm.margin(memcg) >= 1) return true;
	return mm.taskIsDying(current) || memcgOutOfMemory(mm, memcg, current);
}

/**
 * match_token() against "swappiness=%d": the number as simple_strtol()
 * reads it (base 0, a leading '-'), which must take the rest of the token,
 * then match_int(): at most NUMBER_BUF_LEN - 1 characters and an int.
 * Null when the token does not match, NaN when match_int() fails.
 */
function matchSwappiness(tok: string): number | null {
	const prefix = "swappiness=";
	if (!tok.startsWith(prefix)) return null;
	const arg = tok.slice(prefix.length);
	const neg = arg.startsWith("-");
	const r = simpleStrtoull(arg, neg ? 1 : 0, 0);
	if (r.end === 0 || r.end !== arg.length) return null;
	if (arg.length >= NUMBER_BUF_LEN) return Number.NaN;
	const v = BigInt.asIntN(64, neg ? -r.value : r.value);
	if (v < -(2n ** 31n) || v > 2n ** 31n - 1n) return Number.NaN;
	return Number(v);
}

/**
 * memory_reclaim() (user_proactive_reclaim() on 6.18): a memparse() size,
 * then space-separated options ("swappiness=N" with N in 0..200,
 * "swappiness=max" for anonymous pages only). Reclaims in batches of a
 * quarter of what is left until it has it all; EAGAIN once reclaim made no
 * progress MAX_RECLAIM_RETRIES + 1 times, EINTR for a pending signal.
 */
function memoryReclaim(kernel: Kernel, memcg: MemCgroup, buf: string, current: Task): void {
	const s = strstrip(buf);
	const size = memparse(s);
	if (size.end === 0) throw new KernelError("EINVAL");
	const nrToReclaim = Number(size.value / BigInt(PAGE_SIZE));
	let swappiness = -1;
	for (const tok of strstrip(s.slice(size.end)).split(" ")) {
		if (tok === "") continue;
		const n = matchSwappiness(tok);
		if (n !== null) {
			if (!(n >= MIN_SWAPPINESS && n <= MAX_SWAPPINESS)) throw new KernelError("EINVAL");
			swappiness = n;
		} else if (tok === "swappiness=max") swappiness = SWAPPINESS_ANON_ONLY;
		else throw new KernelError("EINVAL");
	}
	const mm = kernel.mm;
	let nrRetries = MAX_RECLAIM_RETRIES;
	let nrReclaimed = 0;
	while (nrReclaimed < nrToReclaim) {
		const batch = Math.floor((nrToReclaim - nrReclaimed) / 4);
		if (kernel.signalPending(current)) throw new KernelError("EINTR");
		const reclaimed = mm.reclaim(memcg, batch, true, {
			proactive: true,
			...(swappiness >= 0 ? { swappiness } : {}),
		});
		if (reclaimed === 0 && nrRetries-- === 0) throw new KernelError("EAGAIN");
		nrReclaimed += reclaimed;
	}
}

/** memory_oom_group_write(): 0 or 1 after strstrip(), kstrtoint()'s errors otherwise. */
function oomGroupWrite(memcg: MemCgroup, buf: string): void {
	const s = strstrip(buf);
	const v = kstrtoint(s, 0);
	if (v !== 0 && v !== 1) throw new KernelError("EINVAL");
	memcg.oomGroup = v === 1;
}

/** memory_files[] followed by swap_files[] (when swap is accounted). */
export function dflFiles(kernel: Kernel): CfType<MemCgroup>[] {
	const mm = kernel.mm;
	const files: CfType<MemCgroup>[] = [
		{
			name: "current",
			flags: CFTYPE_NOT_ON_ROOT,
			readU64: (css) => BigInt(css.memory.usage) * BigInt(PAGE_SIZE),
		},
		peakFile(
			"peak",
			(m) => m.memory,
			(m) => m.memoryPeaks,
		),
		tunableFile(
			"min",
			(m) => m.memory.min,
			(m, v) => m.memory.setMin(v),
		),
		tunableFile(
			"low",
			(m) => m.memory.low,
			(m, v) => m.memory.setLow(v),
		),
		tunableFile(
			"high",
			(m) => m.memory.high,
			(m, v, current) => memoryHighWrite(kernel, m, v, current),
		),
		tunableFile(
			"max",
			(m) => m.memory.max,
			(m, v, current) => memoryMaxWrite(kernel, m, v, current),
		),
		{
			name: "events",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => eventsShow(of.css.memoryEvents),
		},
		{
			name: "events.local",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => eventsShow(of.css.memoryEventsLocal),
		},
		{ name: "stat", seqShow: (of) => memcgStatFormat(of.css) },
		{ name: "numa_stat", seqShow: (of) => memoryNumaStatV2(kernel, of.css) },
		{
			name: "oom.group",
			flags: CFTYPE_NOT_ON_ROOT | CFTYPE_NS_DELEGATABLE,
			seqShow: (of) => `${of.css.oomGroup ? 1 : 0}\n`,
			write: (of, buf, nbytes) => {
				oomGroupWrite(of.css, buf);
				return nbytes;
			},
		},
		{
			name: "reclaim",
			flags: CFTYPE_NS_DELEGATABLE,
			write: (of, buf, nbytes) => {
				memoryReclaim(kernel, of.css, buf, of.current);
				return nbytes;
			},
		},
	];
	if (mm.memswAccount) {
		files.push(
			{
				name: "swap.current",
				flags: CFTYPE_NOT_ON_ROOT,
				readU64: (css) => BigInt(css.swap.usage) * BigInt(PAGE_SIZE),
			},
			tunableFile(
				"swap.high",
				(m) => m.swap.high,
				(m, v) => {
					m.swap.high = v;
				},
			),
			tunableFile(
				"swap.max",
				(m) => m.swap.max,
				(m, v) => {
					m.swap.max = v;
				},
			),
			peakFile(
				"swap.peak",
				(m) => m.swap,
				(m) => m.swapPeaks,
			),
			{
				name: "swap.events",
				flags: CFTYPE_NOT_ON_ROOT,
				seqShow: (of) => {
					const e = of.css.memoryEvents;
					return `high ${e[MEMCG_SWAP_HIGH]}\nmax ${e[MEMCG_SWAP_MAX]}\nfail ${e[MEMCG_SWAP_FAIL]}\n`;
				},
			},
		);
	}
	return files;
}

/** mem_cgroup_css_reset(): a css that stays only for a dependency goes back to its defaults. */
export function memcgCssReset(memcg: MemCgroup): void {
	memcg.memory.max = PAGE_COUNTER_MAX;
	memcg.swap.max = PAGE_COUNTER_MAX;
	memcg.kmem.max = PAGE_COUNTER_MAX;
	memcg.tcpmem.max = PAGE_COUNTER_MAX;
	memcg.memory.setMin(0);
	memcg.memory.setLow(0);
	memcg.memory.high = PAGE_COUNTER_MAX;
	memcg.softLimit = PAGE_COUNTER_MAX;
	memcg.swap.high = PAGE_COUNTER_MAX;
}
