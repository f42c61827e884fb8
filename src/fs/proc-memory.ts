/**
 * The /proc files that show memory, from the kernel's memory model
 * (kernel.mm): a process's address space in /proc/<pid>/status
 * (task_mem() of fs/proc/task_mmu.c), statm and the vsize/rss fields of
 * stat (fs/proc/array.c); its OOM standing in oom_score, oom_score_adj and
 * the legacy oom_adj (fs/proc/base.c); the machine's memory in
 * /proc/meminfo (fs/proc/meminfo.c) and /proc/vmstat (mm/vmstat.c).
 *
 * What the model has no notion of prints 0: executable and library
 * mappings, the stack, pinned pages, slab, vmalloc, per-CPU memory, the
 * swap cache, buffers, zswap, NUMA and allocator counters, kernel stacks.
 * The model's allocator has no watermarks or reserves, so MemAvailable and
 * the dirty limits count every free page.
 */

import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { kstrtoint, strstrip } from "../kernel/kstrto.ts";
import { hugetlbOf } from "../kernel/mm/hugetlb.ts";
import {
	LRU_ACTIVE_ANON,
	LRU_ACTIVE_FILE,
	LRU_INACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS,
} from "../kernel/mm/lruvec.ts";
import {
	NR_ANON_MAPPED,
	NR_ANON_THPS,
	NR_FILE_DIRTY,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_PAGETABLE,
	NR_SHMEM,
	NR_WRITEBACK,
	PGACTIVATE,
	PGDEACTIVATE,
	PGFAULT,
	PGMAJFAULT,
	PGREFILL,
	WORKINGSET_ACTIVATE_ANON,
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_REFAULT_ANON,
	WORKINGSET_REFAULT_FILE,
} from "../kernel/mm/memcontrol.ts";
import type { MmStruct } from "../kernel/mm/mm-struct.ts";
import { OOM_SCORE_ADJ_MAX, OOM_SCORE_ADJ_MIN, oomBadness } from "../kernel/mm/oom-kill.ts";
import { PAGE_SIZE } from "../kernel/mm/page.ts";
import { PF_KTHREAD, type Task } from "../kernel/task.ts";

/** CAP_SYS_RESOURCE (include/uapi/linux/capability.h). */
const CAP_SYS_RESOURCE = 24;
/** PROC_NUMBUF: the buffer the oom files copy a write into; one byte stays for the NUL. */
const PROC_NUMBUF = 13;
/** The legacy oom_adj scale (include/uapi/linux/oom.h). */
const OOM_DISABLE = -17;
const OOM_ADJUST_MIN = -16;
const OOM_ADJUST_MAX = 15;
/** VMALLOC_TOTAL of x86_64 with 4-level page tables, in kB. */
const VMALLOC_TOTAL_KB = 34359738367;
/** HPAGE_PMD_NR: base pages per PMD-sized transparent huge page. */
const HPAGE_PMD_NR = 512;
/** vm_dirty_ratio, dirty_background_ratio, sysctl_overcommit_ratio defaults (percent). */
const VM_DIRTY_RATIO = 20;
const DIRTY_BACKGROUND_RATIO = 10;
const OVERCOMMIT_RATIO = 50;

const kB = (pages: number): number => (pages * PAGE_SIZE) / 1024;

/**
 * A proc file as procfs builds it: `show` makes the text, `write` takes
 * one write(2) of at most `maxWrite` bytes (the rest is left to the next
 * write, as a short write count tells the writer).
 */
export interface ProcMemFile {
	readonly kind: "file";
	show(reader: Task): string;
	write?(data: string, reader: Task): void;
	readonly maxWrite?: number;
}

// ------------------------------------------------------------ the address space

/** get_task_mm(): kernel threads have none; neither has a task past exit_mm(). */
function taskMm(t: Task): MmStruct | null {
	return t.flags & PF_KTHREAD ? null : t.mm;
}

/** find_lock_task_mm(): the first thread of the process that still has the address space. */
function findTaskMm(t: Task): Task | null {
	if (taskMm(t) !== null) return t;
	for (const th of t.signal.threads) if (taskMm(th) !== null) return th;
	return null;
}

/** mm->data_vm: private writable mappings; every region of the model is private anonymous memory. */
function dataVm(mm: MmStruct): number {
	let n = 0;
	for (const r of mm.regions) n += r.nrPages;
	return n;
}

/** mm->locked_vm: the pages of VM_LOCKED regions. */
function lockedVm(mm: MmStruct): number {
	let n = 0;
	for (const r of mm.regions) if (r.locked) n += r.nrPages;
	return n;
}

const vmLine = (name: string, kb: number): string => `${name}:\t${String(kb).padStart(8)} kB\n`;

/**
 * task_mem() and the lines proc_pid_status() prints after it while the task
 * has an mm. VmPeak and VmHWM are the high-water marks (get_mm_hiwater_vm(),
 * get_mm_hiwater_rss()); text, libraries, the stack and
 * pinned pages are not modelled (VmExe, VmLib, VmStk, VmPin 0), nor is the
 * hugetlb usage of one address space (HugetlbPages 0).
 */
export function taskMemStatus(t: Task): string {
	const mm = taskMm(t);
	if (mm === null) return "";
	const vm = mm.totalVm;
	const rss = mm.rss;
	let out = vmLine("VmPeak", kB(Math.max(mm.hiwaterVm, vm)));
	out += vmLine("VmSize", kB(vm));
	out += vmLine("VmLck", kB(lockedVm(mm)));
	out += vmLine("VmPin", 0);
	out += vmLine("VmHWM", kB(Math.max(mm.hiwaterRss, rss)));
	out += vmLine("VmRSS", kB(rss));
	out += vmLine("RssAnon", kB(mm.anonRss));
	out += vmLine("RssFile", kB(mm.fileRss));
	out += vmLine("RssShmem", kB(mm.shmemRss));
	out += vmLine("VmData", kB(dataVm(mm)));
	out += vmLine("VmStk", 0);
	out += vmLine("VmExe", 0);
	out += vmLine("VmLib", 0);
	out += vmLine("VmPTE", kB(mm.pgtables));
	out += vmLine("VmSwap", kB(mm.swapents));
	// hugetlb_report_usage(), task_core_dumping(), task_thp_status() (THP on,
	// MMF_DISABLE_THP never set), task_untag_mask() (no LAM: all bits).
	out += vmLine("HugetlbPages", 0);
	out += "CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n";
	return out;
}

/** proc_pid_statm(): size resident shared text lib data dt, in pages. */
export function procPidStatm(t: Task): string {
	const mm = taskMm(t);
	if (mm === null) return "0 0 0 0 0 0 0\n";
	const shared = mm.fileRss + mm.shmemRss;
	// task_statm(): no text mapping; data is data_vm + stack_vm (no stack here).
	return `${mm.totalVm} ${shared + mm.anonRss} ${shared} 0 0 ${dataVm(mm)} 0\n`;
}

/** task_vsize() for field 23 of /proc/<pid>/stat, in bytes. */
export function taskVsize(t: Task): number {
	const mm = taskMm(t);
	return mm === null ? 0 : mm.totalVm * PAGE_SIZE;
}

/** get_mm_rss() for field 24 of /proc/<pid>/stat, in pages. */
export function taskRss(t: Task): number {
	return taskMm(t)?.rss ?? 0;
}

// ------------------------------------------------------------ the OOM files

/** totalram_pages() + total_swap_pages. */
function oomTotalPages(k: Kernel): number {
	return k.mm.map.totalPages + k.mm.swap.nrPages;
}

/** oom_badness() with its oom_unkillable_task() and find_lock_task_mm() steps; null for LONG_MIN. */
function procOomBadness(k: Kernel, t: Task, totalPages: number): number | null {
	if (t.signal === k.init.signal || t.flags & PF_KTHREAD) return null;
	const p = findTaskMm(t);
	if (p === null) return null;
	const b = oomBadness(p, totalPages);
	return b === Number.NEGATIVE_INFINITY ? null : b;
}

/** proc_oom_score(): the badness scaled into 0..2000 and then by 2/3, as userspace has long seen it. */
export function oomScoreFile(k: Kernel, t: Task): ProcMemFile {
	return {
		kind: "file",
		show: () => {
			const total = oomTotalPages(k);
			const badness = procOomBadness(k, t, total);
			if (badness === null) return "0\n";
			const points = Math.trunc(((1000 + Math.trunc((badness * 1000) / total)) * 2) / 3);
			return `${points}\n`;
		},
	};
}

/**
 * The text of an oom file write: the bytes up to the first NUL (the buffer
 * is a C string), stripped; kstrtoint() base 0 (EINVAL, ERANGE).
 */
function parseOomWrite(data: string): number {
	const nul = data.indexOf("\0");
	return kstrtoint(strstrip(nul < 0 ? data : data.slice(0, nul)), 0);
}

/** Once per boot: the oom_adj deprecation warning (pr_warn_once). */
const OOM_ADJ_WARNED = new WeakSet<Kernel>();

/**
 * __set_oom_adj(): the new value for the process, and for every other
 * process sharing its address space (not kernel threads, not init); a
 * writer with CAP_SYS_RESOURCE also moves the floor (oom_score_adj only).
 */
function setOomAdj(k: Kernel, t: Task, value: number, legacy: boolean, writer: Task): void {
	const privileged = writer.cred.capable(CAP_SYS_RESOURCE);
	const sig = t.signal;
	if (legacy) {
		if (value < sig.oomScoreAdj && !privileged) throw new KernelError("EACCES");
		if (!OOM_ADJ_WARNED.has(k)) {
			OOM_ADJ_WARNED.add(k);
			k.printk(
				`${writer.comm} (${writer.pid}): /proc/${t.pid}/oom_adj is deprecated, please use /proc/${t.pid}/oom_score_adj instead.`,
			);
		}
	} else if (value < sig.oomScoreAdjMin && !privileged) {
		throw new KernelError("EACCES");
	}
	const setMin = !legacy && privileged;
	sig.oomScoreAdj = value;
	if (setMin) sig.oomScoreAdjMin = value;
	const mm = findTaskMm(t)?.mm ?? null;
	if (mm === null) return;
	for (const p of k.processes) {
		if (p.signal === sig || p.flags & PF_KTHREAD || p.signal === k.init.signal) continue;
		if (![...p.signal.threads].some((th) => th.mm === mm)) continue;
		p.signal.oomScoreAdj = value;
		if (setMin) p.signal.oomScoreAdjMin = value;
	}
}

/** oom_score_adj_read() / oom_score_adj_write(). */
export function oomScoreAdjFile(k: Kernel, t: Task): ProcMemFile {
	return {
		kind: "file",
		maxWrite: PROC_NUMBUF - 1,
		show: () => `${t.signal.oomScoreAdj}\n`,
		write: (data, writer) => {
			const v = parseOomWrite(data);
			if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX) throw new KernelError("EINVAL");
			setOomAdj(k, t, v, false, writer);
		},
	};
}

/** oom_adj_read() / oom_adj_write(): the old -16..15 scale (-17 disables), mapped linearly onto oom_score_adj. */
export function oomAdjFile(k: Kernel, t: Task): ProcMemFile {
	return {
		kind: "file",
		maxWrite: PROC_NUMBUF - 1,
		show: () => {
			const adj = t.signal.oomScoreAdj;
			const v =
				adj === OOM_SCORE_ADJ_MAX
					? OOM_ADJUST_MAX
					: Math.trunc((adj * -OOM_DISABLE) / OOM_SCORE_ADJ_MAX);
			return `${Math.min(v, OOM_ADJUST_MAX)}\n`;
		},
		write: (data, writer) => {
			const v = parseOomWrite(data);
			if ((v < OOM_ADJUST_MIN || v > OOM_ADJUST_MAX) && v !== OOM_DISABLE) {
				throw new KernelError("EINVAL");
			}
			const scaled =
				v === OOM_ADJUST_MAX
					? OOM_SCORE_ADJ_MAX
					: Math.trunc((v * OOM_SCORE_ADJ_MAX) / -OOM_DISABLE);
			setOomAdj(k, t, scaled, true, writer);
		},
	};
}

// ------------------------------------------------------------ the machine

/** The global counters /proc/meminfo and /proc/vmstat read, taken at once. */
interface MemSnapshot {
	readonly totalram: number;
	readonly freeram: number;
	readonly totalswap: number;
	readonly freeswap: number;
	/** Pages on each LRU list (enum lru_list order), every memcg and node. */
	readonly lru: readonly number[];
	/** Node stat items by memcg stat index (global_node_page_state()). */
	readonly stat: (item: number) => number;
	/** VM events counted by memcg (all_vm_events() for those). */
	readonly event: (item: number) => number;
	/** Pages in huge page pools (hugetlb_total_pages()). */
	readonly hugetlbPages: number;
	/**
	 * vm_committed_as: the pages of accounted mappings (private writable
	 * ones) and of tmpfs files (shmem_acct_blocks()); tmpfs pages out in
	 * swap are not counted here.
	 */
	readonly committed: number;
}

function snapshot(k: Kernel): MemSnapshot {
	const mm = k.mm;
	const root = mm.rootMemcg;
	const lru: number[] = [];
	for (let l = 0; l < NR_LRU_LISTS; l++) lru.push(root?.lruPagesTotal(l) ?? 0);
	const mms = new Set<MmStruct>();
	for (const p of k.processes) {
		for (const th of p.signal.threads) if (th.mm !== null) mms.add(th.mm);
	}
	let committed = root?.statTotal(NR_SHMEM) ?? 0;
	for (const m of mms) committed += m.totalVm;
	let hugetlbPages = 0;
	for (const h of hugetlbOf(k).hstates) hugetlbPages += h.nrHugePages * h.pagesPerHugePage;
	return {
		totalram: mm.map.totalPages,
		freeram: mm.map.nrFree,
		totalswap: mm.swap.nrPages,
		freeswap: mm.swap.nrFree,
		lru,
		stat: (item) => root?.statTotal(item) ?? 0,
		event: (item) => root?.eventTotal(item) ?? 0,
		hugetlbPages,
		committed,
	};
}

const fileLru = (s: MemSnapshot): number => s.lru[LRU_ACTIVE_FILE]! + s.lru[LRU_INACTIVE_FILE]!;

/**
 * si_mem_available(): free pages plus the page cache and reclaimable slab
 * that could be freed, less the low watermark; with no watermarks or
 * reserves in the model and no slab, free plus the file LRU pages.
 */
function memAvailable(s: MemSnapshot): number {
	return s.freeram + fileLru(s);
}

/** global_dirtyable_memory(): free pages (less reserves: none) and file LRU pages, plus one. */
function dirtyableMemory(s: MemSnapshot): number {
	return s.freeram + fileLru(s) + 1;
}

/** domain_dirty_limits() of the global domain: the ratios in 1/PAGE_SIZE units. */
function dirtyLimits(s: MemSnapshot): { thresh: number; bgThresh: number } {
	const avail = dirtyableMemory(s);
	const ratio = Math.floor((VM_DIRTY_RATIO * PAGE_SIZE) / 100);
	const bgRatio = Math.floor((DIRTY_BACKGROUND_RATIO * PAGE_SIZE) / 100);
	const thresh = Math.min(Math.floor((ratio * avail) / PAGE_SIZE), 0xffffffff);
	let bgThresh = Math.floor((bgRatio * avail) / PAGE_SIZE);
	if (bgThresh >= thresh) bgThresh = Math.floor(thresh / 2);
	return { thresh, bgThresh };
}

/** vm_commit_limit() with overcommit_kbytes 0: (RAM - huge page pools) * ratio% + swap. */
function commitLimit(s: MemSnapshot): number {
	return Math.floor(((s.totalram - s.hugetlbPages) * OVERCOMMIT_RATIO) / 100) + s.totalswap;
}

/**
 * The lines of meminfo_proc_show() that show_val_kb() prints ("%-16s%8lu
 * kB"; the labels carry their padding), in the reference kernel's order
 * and configuration (x86_64, ZSWAP and THP, no HIGHMEM, CMA,
 * MEMORY_FAILURE or UNACCEPTED_MEMORY), values in kB.
 */
const MEMINFO: readonly (readonly [string, (s: MemSnapshot) => number])[] = [
	["MemTotal", (s) => kB(s.totalram)],
	["MemFree", (s) => kB(s.freeram)],
	["MemAvailable", (s) => kB(memAvailable(s))],
	["Buffers", () => 0],
	// global NR_FILE_PAGES less the swap cache and buffers (neither modelled).
	["Cached", (s) => kB(s.stat(NR_FILE_PAGES))],
	["SwapCached", () => 0],
	["Active", (s) => kB(s.lru[LRU_ACTIVE_ANON]! + s.lru[LRU_ACTIVE_FILE]!)],
	["Inactive", (s) => kB(s.lru[LRU_INACTIVE_ANON]! + s.lru[LRU_INACTIVE_FILE]!)],
	["Active(anon)", (s) => kB(s.lru[LRU_ACTIVE_ANON]!)],
	["Inactive(anon)", (s) => kB(s.lru[LRU_INACTIVE_ANON]!)],
	["Active(file)", (s) => kB(s.lru[LRU_ACTIVE_FILE]!)],
	["Inactive(file)", (s) => kB(s.lru[LRU_INACTIVE_FILE]!)],
	["Unevictable", (s) => kB(s.lru[LRU_UNEVICTABLE]!)],
	// Only mlock() makes pages unevictable in the model.
	["Mlocked", (s) => kB(s.lru[LRU_UNEVICTABLE]!)],
	["SwapTotal", (s) => kB(s.totalswap)],
	["SwapFree", (s) => kB(s.freeswap)],
	["Zswap", () => 0],
	["Zswapped", () => 0],
	["Dirty", (s) => kB(s.stat(NR_FILE_DIRTY))],
	["Writeback", (s) => kB(s.stat(NR_WRITEBACK))],
	["AnonPages", (s) => kB(s.stat(NR_ANON_MAPPED))],
	["Mapped", (s) => kB(s.stat(NR_FILE_MAPPED))],
	["Shmem", (s) => kB(s.stat(NR_SHMEM))],
	["KReclaimable", () => 0],
	["Slab", () => 0],
	["SReclaimable", () => 0],
	["SUnreclaim", () => 0],
	["KernelStack", () => 0],
	["PageTables", (s) => kB(s.stat(NR_PAGETABLE))],
	["SecPageTables", () => 0],
	["NFS_Unstable", () => 0],
	["Bounce", () => 0],
	["WritebackTmp", () => 0],
	["CommitLimit", (s) => kB(commitLimit(s))],
	["Committed_AS", (s) => kB(s.committed)],
	["VmallocTotal", () => VMALLOC_TOTAL_KB],
	["VmallocUsed", () => 0],
	["VmallocChunk", () => 0],
	["Percpu", () => 0],
	["AnonHugePages", (s) => kB(s.stat(NR_ANON_THPS))],
	["ShmemHugePages", () => 0],
	["ShmemPmdMapped", () => 0],
	["FileHugePages", () => 0],
	["FilePmdMapped", () => 0],
	["Balloon", () => 0],
];

const meminfoLine = (label: string, kb: number): string =>
	`${`${label}:`.padEnd(16)}${String(kb).padStart(8)} kB\n`;

/**
 * meminfo_proc_show(): the lines above, hugetlb_report_meminfo() (the
 * default huge page size's pool, then all pools' memory) and the x86
 * direct map (arch_report_meminfo(); the model has no page-table layout of
 * the direct map: 0).
 */
export function meminfoShow(k: Kernel): string {
	const s = snapshot(k);
	let out = "";
	for (const [label, value] of MEMINFO) out += meminfoLine(label, value(s));
	const hstates = hugetlbOf(k).hstates;
	const h = hstates[0];
	if (h !== undefined) {
		const n5 = (v: number): string => String(v).padStart(5);
		out += `HugePages_Total:   ${n5(h.nrHugePages)}\nHugePages_Free:    ${n5(h.freeHugePages)}\n`;
		out += `HugePages_Rsvd:    ${n5(h.resvHugePages)}\nHugePages_Surp:    ${n5(0)}\n`;
		out += `Hugepagesize:   ${String(h.size / 1024).padStart(8)} kB\n`;
	}
	let hugetlbBytes = 0;
	for (const x of hstates) hugetlbBytes += x.size * x.nrHugePages;
	out += meminfoLine("Hugetlb", hugetlbBytes / 1024);
	out += meminfoLine("DirectMap4k", 0);
	out += meminfoLine("DirectMap2M", 0);
	out += meminfoLine("DirectMap1G", 0);
	return out;
}

/** The vmstat items the model counts; every other item of the table prints 0. */
const VMSTAT_VALUES: Readonly<Record<string, (s: MemSnapshot, k: Kernel) => number>> = {
	nr_free_pages: (s) => s.freeram,
	nr_zone_inactive_anon: (s) => s.lru[LRU_INACTIVE_ANON]!,
	nr_zone_active_anon: (s) => s.lru[LRU_ACTIVE_ANON]!,
	nr_zone_inactive_file: (s) => s.lru[LRU_INACTIVE_FILE]!,
	nr_zone_active_file: (s) => s.lru[LRU_ACTIVE_FILE]!,
	nr_zone_unevictable: (s) => s.lru[LRU_UNEVICTABLE]!,
	nr_zone_write_pending: (s) => s.stat(NR_FILE_DIRTY) + s.stat(NR_WRITEBACK),
	nr_mlock: (s) => s.lru[LRU_UNEVICTABLE]!,
	nr_inactive_anon: (s) => s.lru[LRU_INACTIVE_ANON]!,
	nr_active_anon: (s) => s.lru[LRU_ACTIVE_ANON]!,
	nr_inactive_file: (s) => s.lru[LRU_INACTIVE_FILE]!,
	nr_active_file: (s) => s.lru[LRU_ACTIVE_FILE]!,
	nr_unevictable: (s) => s.lru[LRU_UNEVICTABLE]!,
	workingset_refault_anon: (s) => s.stat(WORKINGSET_REFAULT_ANON),
	workingset_refault_file: (s) => s.stat(WORKINGSET_REFAULT_FILE),
	workingset_activate_anon: (s) => s.stat(WORKINGSET_ACTIVATE_ANON),
	workingset_activate_file: (s) => s.stat(WORKINGSET_ACTIVATE_FILE),
	nr_anon_pages: (s) => s.stat(NR_ANON_MAPPED),
	nr_mapped: (s) => s.stat(NR_FILE_MAPPED),
	nr_file_pages: (s) => s.stat(NR_FILE_PAGES),
	nr_dirty: (s) => s.stat(NR_FILE_DIRTY),
	nr_writeback: (s) => s.stat(NR_WRITEBACK),
	nr_shmem: (s) => s.stat(NR_SHMEM),
	// vmstat_item_print_in_thp(): counted in huge pages.
	nr_anon_transparent_hugepages: (s) => Math.floor(s.stat(NR_ANON_THPS) / HPAGE_PMD_NR),
	nr_page_table_pages: (s) => s.stat(NR_PAGETABLE),
	nr_dirty_threshold: (s) => dirtyLimits(s).thresh,
	nr_dirty_background_threshold: (s) => dirtyLimits(s).bgThresh,
	// Block I/O in kB (sectors / 2): the only block I/O of the model is swap, a page a time.
	pgpgin: (_s, k) => kB(k.mm.pswpin),
	pgpgout: (_s, k) => kB(k.mm.pswpout),
	pswpin: (_s, k) => k.mm.pswpin,
	pswpout: (_s, k) => k.mm.pswpout,
	pgactivate: (s) => s.event(PGACTIVATE),
	pgdeactivate: (s) => s.event(PGDEACTIVATE),
	pgfault: (s) => s.event(PGFAULT),
	pgmajfault: (s) => s.event(PGMAJFAULT),
	pgrefill: (s) => s.event(PGREFILL),
	oom_kill: (_s, k) => k.mm.oomKills,
};

/** vmstat_text[] of the reference kernel (6.18, x86_64, its configuration): the order /proc/vmstat prints. */
const VMSTAT_ITEMS = `nr_free_pages nr_free_pages_blocks nr_zone_inactive_anon nr_zone_active_anon
nr_zone_inactive_file nr_zone_active_file nr_zone_unevictable nr_zone_write_pending nr_mlock
nr_zspages nr_free_cma numa_hit numa_miss numa_foreign numa_interleave numa_local numa_other
nr_inactive_anon nr_active_anon nr_inactive_file nr_active_file nr_unevictable
nr_slab_reclaimable nr_slab_unreclaimable nr_isolated_anon nr_isolated_file workingset_nodes
workingset_refault_anon workingset_refault_file workingset_activate_anon
workingset_activate_file workingset_restore_anon workingset_restore_file
workingset_nodereclaim nr_anon_pages nr_mapped nr_file_pages nr_dirty nr_writeback nr_shmem
nr_shmem_hugepages nr_shmem_pmdmapped nr_file_hugepages nr_file_pmdmapped
nr_anon_transparent_hugepages nr_vmscan_write nr_vmscan_immediate_reclaim nr_dirtied
nr_written nr_throttled_written nr_kernel_misc_reclaimable nr_foll_pin_acquired
nr_foll_pin_released nr_kernel_stack nr_page_table_pages nr_sec_page_table_pages
nr_iommu_pages nr_swapcached pgpromote_success pgpromote_candidate pgpromote_candidate_nrl
pgdemote_kswapd pgdemote_direct pgdemote_khugepaged pgdemote_proactive nr_hugetlb
nr_balloon_pages nr_kernel_file_pages nr_dirty_threshold nr_dirty_background_threshold
nr_memmap_pages nr_memmap_boot_pages pgpgin pgpgout pswpin pswpout pgalloc_dma pgalloc_dma32
pgalloc_normal pgalloc_movable pgalloc_device allocstall_dma allocstall_dma32
allocstall_normal allocstall_movable allocstall_device pgskip_dma pgskip_dma32 pgskip_normal
pgskip_movable pgskip_device pgfree pgactivate pgdeactivate pglazyfree pgfault pgmajfault
pglazyfreed pgrefill pgreuse pgsteal_kswapd pgsteal_direct pgsteal_khugepaged
pgsteal_proactive pgscan_kswapd pgscan_direct pgscan_khugepaged pgscan_proactive
pgscan_direct_throttle pgscan_anon pgscan_file pgsteal_anon pgsteal_file
zone_reclaim_success zone_reclaim_failed pginodesteal slabs_scanned kswapd_inodesteal
kswapd_low_wmark_hit_quickly kswapd_high_wmark_hit_quickly pageoutrun pgrotated
drop_pagecache drop_slab oom_kill numa_pte_updates numa_huge_pte_updates numa_hint_faults
numa_hint_faults_local numa_pages_migrated pgmigrate_success pgmigrate_fail
thp_migration_success thp_migration_fail thp_migration_split compact_migrate_scanned
compact_free_scanned compact_isolated compact_stall compact_fail compact_success
compact_daemon_wake compact_daemon_migrate_scanned compact_daemon_free_scanned
htlb_buddy_alloc_success htlb_buddy_alloc_fail unevictable_pgs_culled
unevictable_pgs_scanned unevictable_pgs_rescued unevictable_pgs_mlocked
unevictable_pgs_munlocked unevictable_pgs_cleared unevictable_pgs_stranded thp_fault_alloc
thp_fault_fallback thp_fault_fallback_charge thp_collapse_alloc thp_collapse_alloc_failed
thp_file_alloc thp_file_fallback thp_file_fallback_charge thp_file_mapped thp_split_page
thp_split_page_failed thp_deferred_split_page thp_underused_split_page thp_split_pmd
thp_scan_exceed_none_pte thp_scan_exceed_swap_pte thp_scan_exceed_share_pte thp_split_pud
thp_zero_page_alloc thp_zero_page_alloc_failed thp_swpout thp_swpout_fallback
balloon_inflate balloon_deflate balloon_migrate swap_ra swap_ra_hit swpin_zero swpout_zero
ksm_swpin_copy cow_ksm zswpin zswpout zswpwb direct_map_level2_splits
direct_map_level3_splits direct_map_level2_collapses direct_map_level3_collapses
nr_unstable`.split(/\s+/);

/**
 * vmstat_show() over vmstat_start()'s snapshot: "name value" per item.
 * Reclaim's scan and steal counts are left at 0: the model counts them per
 * memcg only, and the global ones differ between memcg and global reclaim.
 */
export function vmstatShow(k: Kernel): string {
	const s = snapshot(k);
	let out = "";
	for (const name of VMSTAT_ITEMS) out += `${name} ${VMSTAT_VALUES[name]?.(s, k) ?? 0}\n`;
	return out;
}

/** The names /proc/vmstat prints, in order (for tests). */
export const VMSTAT_NAMES: readonly string[] = VMSTAT_ITEMS;
