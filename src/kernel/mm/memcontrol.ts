/**
 * struct mem_cgroup (mm/memcontrol.c, mm/memcontrol-v1.c): the memory
 * controller's state of one cgroup. Page counters for memory (with
 * cgroup2's memory.high, memory.min and memory.low on it), memory+swap
 * (memsw, v1) or swap alone (swap, cgroup2), kernel memory (kmem: page
 * tables here) and socket buffers (tcpmem: cgroup v1 once its limit was
 * written; cgroup2 charges them to memory and counts MEMCG_SOCK); the cgroup's
 * own statistics (kept local and summed over the subtree when read, as the
 * rstat flush does); the per-node lruvecs; the v1 knobs (soft limit,
 * swappiness, oom_kill_disable, move_charge_at_immigrate), cgroup2's
 * memory.oom.group and the open peak files that were reset; event counts.
 *
 * A memcg outlives its cgroup while pages or swap entries are charged to it
 * (a "dying" memcg after rmdir): it stays in its parent's children and in
 * the id table until its last charge goes.
 */
import type { Cgroup } from "../cgroup/cgroup.ts";
import { CgroupSubsysState } from "../cgroup/css.ts";
import { CGRP_ROOT_MEMORY_LOCAL_EVENTS } from "../cgroup/defs.ts";
import type { Subsystem } from "../cgroup/subsys.ts";
import { WaitQueue } from "../wait.ts";
import { Lruvec, NR_LRU_LISTS } from "./lruvec.ts";
import { PageCounter } from "./page-counter.ts";

/** enum memcg_stat_item and the node stat items memcg tracks (the local counts, in pages). */
export const NR_FILE_PAGES = 0;
export const NR_ANON_MAPPED = 1;
export const NR_SHMEM = 2;
export const NR_FILE_MAPPED = 3;
export const NR_FILE_DIRTY = 4;
export const NR_WRITEBACK = 5;
export const MEMCG_SWAP = 6;
export const WORKINGSET_REFAULT_ANON = 7;
export const WORKINGSET_REFAULT_FILE = 8;
export const WORKINGSET_ACTIVATE_ANON = 9;
export const WORKINGSET_ACTIVATE_FILE = 10;
export const NR_ANON_THPS = 11;
export const NR_PAGETABLE = 12;
/** MEMCG_SOCK: pages of socket buffers charged on cgroup2 (mem_cgroup_charge_skmem()). */
export const MEMCG_SOCK = 13;
export const NR_MEMCG_STATS = 14;

/** enum vm_event_item, the ones memcg counts. */
export const PGPGIN = 0;
export const PGPGOUT = 1;
export const PGFAULT = 2;
export const PGMAJFAULT = 3;
export const PGSCAN = 4;
export const PGSTEAL = 5;
export const PGACTIVATE = 6;
export const PGDEACTIVATE = 7;
export const PGREFILL = 8;
export const NR_MEMCG_EVENTS = 9;

/** enum memcg_memory_event. */
export const MEMCG_LOW = 0;
export const MEMCG_HIGH = 1;
export const MEMCG_MAX = 2;
export const MEMCG_OOM = 3;
export const MEMCG_OOM_KILL = 4;
export const MEMCG_OOM_GROUP_KILL = 5;
export const MEMCG_SWAP_HIGH = 6;
export const MEMCG_SWAP_MAX = 7;
export const MEMCG_SWAP_FAIL = 8;
export const MEMCG_NR_MEMORY_EVENTS = 9;

/** The file a memory event changes, for pollers (events_file, swap_events_file). */
export function memoryEventFile(event: number): string {
	return event >= MEMCG_SWAP_HIGH ? "memory.swap.events" : "memory.events";
}

/**
 * struct cgroup_of_peak: an open memory.peak or memory.swap.peak that was
 * written to, which from then on reads the peak since its last write.
 * OFP_PEAK_UNSET (-1) until the first write.
 */
export interface OfPeak {
	value: number;
}

/** The default vm_swappiness. */
export const DEFAULT_SWAPPINESS = 60;

export class MemCgroup extends CgroupSubsysState {
	/** memcg->id.id: what pages and swap entries record (mem_cgroup_id()). */
	memcgId = 0;
	readonly parentMemcg: MemCgroup | null;
	/** Children, online or dying, for hierarchy walks (mem_cgroup_iter()). */
	readonly childMemcgs = new Set<MemCgroup>();
	readonly memory: PageCounter;
	/** memcg->memsw (cgroup v1: memory plus swap). */
	readonly memsw: PageCounter;
	/** memcg->swap (cgroup2: swap alone; the same union member as memsw in the kernel). */
	readonly swap: PageCounter;
	readonly kmem: PageCounter;
	readonly tcpmem: PageCounter;
	/** memcg->soft_limit, in pages. */
	softLimit: number;
	/** memcg->swappiness. */
	swappiness: number;
	/** memcg->oom_kill_disable. */
	oomKillDisable: boolean;
	/** memcg->move_charge_at_immigrate. */
	moveChargeAtImmigrate = 0;
	/** memcg->tcpmem_active: v1's memory.kmem.tcp.limit_in_bytes was written; new sockets are charged. */
	tcpmemActive = false;
	/** memcg->tcpmem_pressure: the last v1 tcpmem charge failed. */
	tcpmemPressure = false;
	/** memcg->oom_group (memory.oom.group). */
	oomGroup = false;
	/** memory_peaks, swap_peaks: the open peak files that were written to. */
	readonly memoryPeaks = new Set<OfPeak>();
	readonly swapPeaks = new Set<OfPeak>();
	/** memcg->under_oom: how many OOM waits (and kills in progress) mark it. */
	underOom = 0;
	/** memcg1_oom_waitq: tasks waiting with oom_kill_disable set. */
	readonly oomWaitq = new WaitQueue();
	/** The cgroup's own statistics (pages). */
	readonly stat = new Float64Array(NR_MEMCG_STATS);
	readonly events = new Float64Array(NR_MEMCG_EVENTS);
	/** What freed descendants counted: part of the hierarchical totals, never of the local lines. */
	readonly deadStat = new Float64Array(NR_MEMCG_STATS);
	readonly deadEvents = new Float64Array(NR_MEMCG_EVENTS);
	/** memory_events (hierarchical) and memory_events_local. */
	readonly memoryEvents = new Float64Array(MEMCG_NR_MEMORY_EVENTS);
	readonly memoryEventsLocal = new Float64Array(MEMCG_NR_MEMORY_EVENTS);
	/** memcg->nodeinfo[nid]->lruvec. */
	readonly lruvecs: Lruvec[];
	/** Swap entries charged to this memcg (for when it dies). */
	nrSwapEntries = 0;
	/** Kernel objects charged to this memcg (kmem): the structures of its children memcgs. */
	slabPages = 0;
	/** Where the next reclaim of this memcg's limit resumes its walk, per node (the reclaim cookie). */
	readonly reclaimCursor: number[] = [];
	/** css_offline() has run: the memcg is dying. */
	dying = false;
	/** css_free() has run: the cgroup no longer holds the memcg, only its charges do. */
	cssFreed = false;
	/** mem_cgroup_free() has run: gone from the id table and its parent. */
	freed = false;

	constructor(
		cgroup: Cgroup,
		ss: Subsystem<MemCgroup> | null,
		parent: MemCgroup | null,
		nrNodes: number,
	) {
		super(cgroup, ss, parent);
		this.parentMemcg = parent;
		this.memory = new PageCounter(parent?.memory ?? null, true);
		this.memsw = new PageCounter(parent?.memsw ?? null);
		this.swap = new PageCounter(parent?.swap ?? null);
		this.kmem = new PageCounter(parent?.kmem ?? null);
		this.tcpmem = new PageCounter(parent?.tcpmem ?? null);
		this.softLimit = this.memory.max;
		// mem_cgroup_css_alloc(): v1 children inherit these from the parent.
		this.swappiness = parent?.swappiness ?? DEFAULT_SWAPPINESS;
		this.oomKillDisable = parent?.oomKillDisable ?? false;
		this.lruvecs = Array.from(
			{ length: nrNodes },
			(_, n) => new Lruvec(n, parent?.lruvecs[n] ?? null),
		);
		parent?.childMemcgs.add(this);
	}

	get isRoot(): boolean {
		return this.parentMemcg === null;
	}

	/** mem_cgroup_iter() over the subtree, pre-order, dying memcgs included. */
	subtree(): MemCgroup[] {
		const out: MemCgroup[] = [];
		const stack: MemCgroup[] = [this];
		while (stack.length > 0) {
			const m = stack.pop()!;
			out.push(m);
			const kids = [...m.childMemcgs];
			for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
		}
		return out;
	}

	/** Whether `this` is `ancestor` or below it (mem_cgroup_is_descendant()). */
	isDescendant(ancestor: MemCgroup): boolean {
		for (let m: MemCgroup | null = this; m !== null; m = m.parentMemcg)
			if (m === ancestor) return true;
		return false;
	}

	/** memcg_page_state() summed over the subtree (the flushed hierarchical value). */
	statTotal(item: number): number {
		let n = 0;
		for (const m of this.subtree()) n += m.stat[item]! + m.deadStat[item]!;
		return n;
	}

	eventTotal(item: number): number {
		let n = 0;
		for (const m of this.subtree()) n += m.events[item]! + m.deadEvents[item]!;
		return n;
	}

	/** This memcg's pages on one LRU list, all nodes. */
	lruPages(lru: number): number {
		let n = 0;
		for (const l of this.lruvecs) n += l.size[lru]!;
		return n;
	}

	lruPagesTotal(lru: number): number {
		let n = 0;
		for (const l of this.lruvecs) n += l.hsize[lru]!;
		return n;
	}

	/** lruvec_page_state() of the hierarchical lruvec on one node. */
	lruvecTotal(node: number, lru: number): number {
		return this.lruvecs[node]!.hsize[lru]!;
	}

	/** Pages on any LRU list of this memcg alone. */
	get nrLruPages(): number {
		let n = 0;
		for (const l of this.lruvecs) for (let i = 0; i < NR_LRU_LISTS; i++) n += l.size[i]!;
		return n;
	}

	/**
	 * memcg_memory_event(): the local count, and the hierarchical ones,
	 * which on cgroup v1 (and with memory_localevents) stop at this memcg
	 * and on cgroup2 go up to, not including, the root. `changed` hears of
	 * each memcg whose memory.events (or memory.swap.events) changed, for
	 * cgroup_file_notify().
	 */
	memoryEvent(event: number, changed?: (m: MemCgroup) => void): void {
		this.memoryEventsLocal[event]!++;
		const root = this.cgroup.root;
		const up = root.isDfl && !(root.flags & CGRP_ROOT_MEMORY_LOCAL_EVENTS);
		let m: MemCgroup | null = this;
		do {
			m.memoryEvents[event]!++;
			changed?.(m);
			m = m.parentMemcg;
		} while (up && m !== null && !m.isRoot);
	}
}
