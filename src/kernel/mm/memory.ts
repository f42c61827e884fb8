/**
 * The memory manager: the machine's page frames (mem_map and the page
 * allocator), the swap area, every memcg by id, and the paths that move
 * pages between them: a fault of an anonymous page or a swap-in
 * (do_anonymous_page(), do_swap_page()), the memcg charge (try_charge_memcg()
 * with its per-CPU stock) and uncharge, LRU insertion, freeing at unmap and
 * exit. Reclaim is in vmscan.ts, the OOM killer in oom-kill.ts.
 */

import { CGRP_ROOT_MEMORY_RECURSIVE_PROT } from "../cgroup/defs.ts";
import { KernelError } from "../errno.ts";
import { LowestIdr } from "../idr.ts";
import type { Kernel } from "../kernel.ts";
import { PF_EXITING, type Task } from "../task.ts";
import { PageCache } from "./filemap.ts";
import {
	MEMCG_HIGH,
	MEMCG_MAX,
	MEMCG_OOM,
	MEMCG_SOCK,
	MEMCG_SWAP,
	MEMCG_SWAP_HIGH,
	type MemCgroup,
	memoryEventFile,
	NR_ANON_MAPPED,
	NR_FILE_PAGES,
	NR_PAGETABLE,
	NR_SHMEM,
	PGFAULT,
	PGMAJFAULT,
	PGPGIN,
	PGPGOUT,
	WORKINGSET_ACTIVATE_ANON,
	WORKINGSET_REFAULT_ANON,
} from "./memcontrol.ts";
import { AnonRegion, MmStruct, type PageOwner, PTRS_PER_PTE } from "./mm-struct.ts";
import { memcgOutOfMemory, outOfMemory } from "./oom-kill.ts";
import {
	MemMap,
	PAGE_SIZE,
	PG_ACTIVE,
	PG_ANON,
	PG_LRU,
	PG_SWAPBACKED,
	PG_UNEVICTABLE,
	PG_WORKINGSET,
	PG_YOUNG,
} from "./page.ts";
import { SwapInfo } from "./swap.ts";
import { type ReclaimOptions, tryToFreeMemCgroupPages, tryToFreePages } from "./vmscan.ts";

/** MEMCG_CHARGE_BATCH: pages charged at once and kept in a CPU's stock. */
export const MEMCG_CHARGE_BATCH = 64;
/** NR_MEMCG_STOCK: memcgs one CPU's stock holds pages for. */
export const NR_MEMCG_STOCK = 7;
/**
 * The kernel memory a new memcg's structures take (struct mem_cgroup, its
 * per-node and per-CPU parts), charged to its parent: 8 to 12 KiB measured
 * on the reference kernel.
 */
export const MEMCG_STRUCT_PAGES = 3;
/** MAX_RECLAIM_RETRIES. */
export const MAX_RECLAIM_RETRIES = 16;
/** PAGE_ALLOC_COSTLY_ORDER, as a page count. */
const COSTLY_PAGES = 1 << 3;
/** CONFIG_HZ of the reference kernel: the unit of the memory.high throttling delay. */
export const HZ = 250;
const NSEC_PER_JIFFY = 1_000_000_000 / HZ;
/** MEMCG_MAX_HIGH_DELAY_JIFFIES: the longest throttling sleep per return to user space. */
export const MEMCG_MAX_HIGH_DELAY_JIFFIES = 2 * HZ;
/** MEMCG_DELAY_PRECISION_SHIFT, MEMCG_DELAY_SCALING_SHIFT. */
const MEMCG_DELAY_PRECISION_SHIFT = 20;
const MEMCG_DELAY_SCALING_SHIFT = 14n;

/** What a fault or charge came to (VM_FAULT_*). */
export const FAULT_OK = 0;
/** VM_FAULT_OOM: no memory; the memcg OOM path decided (a kill, or an oom_kill_disable wait). */
export const FAULT_OOM = 1;
/** VM_FAULT_SIGSEGV: the address is not mapped (any more). */
export const FAULT_SIGSEGV = 2;

/** struct memcg_stock_pcp: one CPU's charged-but-unused pages, per memcg. */
class MemcgStock {
	readonly cached: (MemCgroup | null)[] = new Array<MemCgroup | null>(NR_MEMCG_STOCK).fill(null);
	readonly nrPages = new Int32Array(NR_MEMCG_STOCK);
}

/** Options of one charge (the gfp mask's meaning here). */
export interface ChargeOptions {
	/** The charging task (current), for OOM decisions and the stock's CPU. */
	readonly task: Task | null;
	/** __GFP_NOFAIL: charge past the limit rather than fail. */
	readonly noFail?: boolean;
	/** A user fault (current->in_user_fault): oom_kill_disable makes it wait. */
	readonly userFault?: boolean;
	/** No OOM kill (__GFP_RETRY_MAYFAIL): fail once reclaim gives up. */
	readonly noOom?: boolean;
	/**
	 * GFP_ATOMIC (softirq: a packet's receive charge): no reclaim, and as
	 * __GFP_HIGH the charge goes through past the limit.
	 */
	readonly atomic?: boolean;
}

export class MemoryManager {
	readonly kernel: Kernel;
	readonly map: MemMap;
	readonly swap: SwapInfo;
	/** The memory controller's root memcg, once the controller made it. */
	rootMemcg: MemCgroup | null = null;
	/** mem_cgroup_from_id(). */
	private readonly memcgs: (MemCgroup | null)[] = [null];
	private readonly memcgIdr = new LowestIdr(1);
	private readonly owners: (PageOwner | null)[] = [null];
	private readonly ownerIdr = new LowestIdr(1);
	private readonly stocks: MemcgStock[];
	/** Global vm events (/proc/vmstat): pswpin, pswpout, oom_kill. */
	pswpin = 0;
	pswpout = 0;
	oomKills = 0;
	/** The page cache of files (address spaces). */
	readonly pageCache: PageCache;
	/** Whether swap use is accounted per memcg (swapaccount=1: the memsw files). */
	readonly memswAccount: boolean;
	/** Charge moving at attach (kernels before 6.13). */
	readonly moveCharge: boolean;
	/** cgroup_subsys_on_dfl(memory_cgrp_subsys): the controller is bound to cgroup2. */
	onDfl = false;
	/** do_memsw_account(): cgroup v1 with swap accounting charges memory+swap together. */
	doMemswAccount: boolean;
	/** The memory controller's subsystem id, to find a task's memcg. */
	memorySsid = -1;
	/** Finds the memcg of a task (set by the memory controller). */
	memcgOfTask: ((task: Task) => MemCgroup | null) | null = null;
	/** current->memcg_nr_pages_over_high: charges past memory.high the task still has to answer for. */
	private readonly nrPagesOverHigh = new WeakMap<Task, number>();
	/** The tasks with pages over high (entries of nrPagesOverHigh), to skip the lookup when none. */
	private nrTasksOverHigh = 0;
	/** The throttling sleep (ns) a task owes from charges it made inside the kernel. */
	private readonly highDelayOwed = new WeakMap<Task, number>();

	constructor(kernel: Kernel, opts: { memswAccount: boolean; moveCharge: boolean }) {
		this.kernel = kernel;
		this.memswAccount = opts.memswAccount;
		this.doMemswAccount = opts.memswAccount;
		this.moveCharge = opts.moveCharge;
		this.map = new MemMap(Math.floor(kernel.machine.memory / PAGE_SIZE));
		this.swap = new SwapInfo(Math.floor(kernel.machine.swap / PAGE_SIZE));
		this.pageCache = new PageCache(this);
		this.stocks = Array.from({ length: kernel.machine.nrCpuIds }, () => new MemcgStock());
	}

	// ------------------------------------------------------------ memcg ids

	/**
	 * mem_cgroup_alloc(): give a new memcg its id; its structures are kernel
	 * memory charged to the parent (set_active_memcg(parent)), ENOMEM when
	 * the parent has no room for them.
	 */
	registerMemcg(memcg: MemCgroup): void {
		const parent = memcg.parentMemcg;
		if (parent !== null) {
			try {
				this.chargeSlab(parent, MEMCG_STRUCT_PAGES);
			} catch (e) {
				parent.childMemcgs.delete(memcg);
				throw e;
			}
		}
		const id = this.memcgIdr.alloc();
		memcg.memcgId = id;
		this.memcgs[id] = memcg;
		if (memcg.parentMemcg === null) this.rootMemcg = memcg;
	}

	memcgFromId(id: number): MemCgroup | null {
		return this.memcgs[id] ?? null;
	}

	/**
	 * mem_cgroup_free(): the memcg goes once its css was freed and nothing
	 * is charged to it any more (charges pin it, as folios' memcg_data do).
	 */
	maybeFreeMemcg(memcg: MemCgroup): void {
		if (!memcg.cssFreed || memcg.freed) return;
		if (memcg.memory.usage > 0 || memcg.nrSwapEntries > 0) return;
		if (memcg.kmem.usage > 0 || memcg.memsw.usage > 0 || memcg.tcpmem.usage > 0) return;
		if (memcg.childMemcgs.size > 0) return;
		memcg.freed = true;
		this.memcgs[memcg.memcgId] = null;
		this.memcgIdr.remove(memcg.memcgId);
		const parent = memcg.parentMemcg;
		if (parent !== null) {
			this.unchargeSlab(parent, MEMCG_STRUCT_PAGES);
			// What it counted stays in the parent's hierarchical totals, not in its local lines.
			for (let i = 0; i < memcg.stat.length; i++)
				parent.deadStat[i]! += memcg.stat[i]! + memcg.deadStat[i]!;
			for (let i = 0; i < memcg.events.length; i++) {
				parent.deadEvents[i]! += memcg.events[i]! + memcg.deadEvents[i]!;
			}
			parent.childMemcgs.delete(memcg);
			this.maybeFreeMemcg(parent);
		}
	}

	/** get_mem_cgroup_from_mm(): the memcg a task's memory is charged to. */
	memcgOf(task: Task): MemCgroup | null {
		return this.memcgOfTask?.(task) ?? this.rootMemcg;
	}

	registerOwner(make: (id: number) => PageOwner): PageOwner {
		const id = this.ownerIdr.alloc();
		const o = make(id);
		this.owners[id] = o;
		return o;
	}

	unregisterOwner(o: PageOwner): void {
		this.owners[o.ownerId] = null;
		this.ownerIdr.remove(o.ownerId);
	}

	/** Every registered owner of pages (anonymous regions, address spaces). */
	*allOwners(): IterableIterator<PageOwner> {
		for (const o of this.owners) if (o !== null) yield o;
	}

	ownerOf(pfn: number): PageOwner {
		const o = this.owners[this.map.owner[pfn]!];
		if (o === null || o === undefined) throw new Error(`page ${pfn} has no owner`);
		return o;
	}

	// ------------------------------------------------------------ charging

	/**
	 * The memory controller was bound to a hierarchy (cgroup_subsys->bind):
	 * cgroup_subsys_on_dfl() and do_memsw_account() follow it.
	 */
	bindController(onDfl: boolean): void {
		this.onDfl = onDfl;
		this.doMemswAccount = this.memswAccount && !onDfl;
	}

	/** cgrp_dfl_root.flags & CGRP_ROOT_MEMORY_RECURSIVE_PROT (memory_recursiveprot). */
	get recursiveProtection(): boolean {
		const root = this.rootMemcg?.cgroup.root;
		return root?.isDfl === true && (root.flags & CGRP_ROOT_MEMORY_RECURSIVE_PROT) !== 0;
	}

	/** memcg_memory_event() with the cgroup_file_notify() of the files it changes. */
	memcgMemoryEvent(memcg: MemCgroup, event: number): void {
		const core = this.kernel.cgroup;
		memcg.memoryEvent(event, (m) => core.fileNotify(m.cgroup, memoryEventFile(event)));
		if (event < MEMCG_SWAP_HIGH) core.fileNotify(memcg.cgroup, "memory.events.local");
	}

	/** try_to_free_mem_cgroup_pages() for the memory files: pages reclaimed. */
	reclaim(memcg: MemCgroup, nrPages: number, maySwap: boolean, opts: ReclaimOptions = {}): number {
		return tryToFreeMemCgroupPages(this, memcg, nrPages, maySwap, opts);
	}

	/**
	 * mem_cgroup_get_nr_swap_pages(): the swap a memcg may still use, the
	 * free slots bounded on cgroup2 by each level's swap.max.
	 */
	nrSwapPages(memcg: MemCgroup): number {
		let n = this.swap.nrFree;
		if (this.doMemswAccount || !this.onDfl) return n;
		for (let m: MemCgroup | null = memcg; m !== null && !m.isRoot; m = m.parentMemcg)
			n = Math.min(n, m.swap.max - m.swap.usage);
		return n;
	}

	/** mem_cgroup_swappiness(): cgroup2 has none per memcg, the machine's vm_swappiness counts. */
	swappiness(memcg: MemCgroup): number {
		if (this.onDfl || memcg.isRoot) return this.rootMemcg?.swappiness ?? memcg.swappiness;
		return memcg.swappiness;
	}

	/** mem_cgroup_get_max(): what a memcg may use, memory plus the swap it may take. */
	memcgMaxPages(memcg: MemCgroup): number {
		let max = memcg.memory.max;
		if (this.swappiness(memcg) === 0) return max;
		if (this.doMemswAccount) max += Math.min(memcg.memsw.max - max, this.swap.nrPages);
		else if (this.onDfl) max += Math.min(memcg.swap.max, this.swap.nrPages);
		return max;
	}

	/** mem_cgroup_force_empty(): reclaim until nothing is charged or reclaim stops making progress. */
	forceEmpty(memcg: MemCgroup): void {
		this.drainAllStock(memcg);
		let retries = MAX_RECLAIM_RETRIES;
		while (retries > 0 && memcg.memory.usage > 0) {
			if (tryToFreeMemCgroupPages(this, memcg, 1, true) === 0) retries--;
		}
	}

	/** mem_cgroup_margin(): pages the memcg can still charge. */
	margin(memcg: MemCgroup): number {
		let margin = Math.max(0, memcg.memory.max - memcg.memory.usage);
		if (this.doMemswAccount)
			margin = Math.min(margin, Math.max(0, memcg.memsw.max - memcg.memsw.usage));
		return margin;
	}

	private stockOf(task: Task | null): MemcgStock {
		const cpu = task === null ? 0 : task.se.cpu;
		return this.stocks[cpu >= 0 && cpu < this.stocks.length ? cpu : 0]!;
	}

	/** consume_stock(). */
	private consumeStock(memcg: MemCgroup, nrPages: number, task: Task | null): boolean {
		if (nrPages > MEMCG_CHARGE_BATCH) return false;
		const stock = this.stockOf(task);
		for (let i = 0; i < NR_MEMCG_STOCK; i++) {
			if (stock.cached[i] === memcg && stock.nrPages[i]! >= nrPages) {
				stock.nrPages[i]! -= nrPages;
				return true;
			}
		}
		return false;
	}

	/** drain_stock(): the pages go back to the counters. */
	private drainStockSlot(stock: MemcgStock, i: number): void {
		const memcg = stock.cached[i];
		const n = stock.nrPages[i]!;
		if (memcg !== null && memcg !== undefined && n > 0) {
			memcg.memory.uncharge(n);
			if (this.doMemswAccount) memcg.memsw.uncharge(n);
		}
		stock.cached[i] = null;
		stock.nrPages[i] = 0;
		if (memcg !== null && memcg !== undefined) this.maybeFreeMemcg(memcg);
	}

	/** refill_stock(). */
	private refillStock(memcg: MemCgroup, nrPages: number, task: Task | null): void {
		const stock = this.stockOf(task);
		let empty = -1;
		for (let i = 0; i < NR_MEMCG_STOCK; i++) {
			if (stock.cached[i] === memcg) {
				stock.nrPages[i]! += nrPages;
				if (stock.nrPages[i]! > MEMCG_CHARGE_BATCH) this.drainStockSlot(stock, i);
				return;
			}
			if (empty < 0 && stock.cached[i] === null) empty = i;
		}
		if (empty < 0) {
			empty = this.kernel.rng.below(NR_MEMCG_STOCK);
			this.drainStockSlot(stock, empty);
		}
		stock.cached[empty] = memcg;
		stock.nrPages[empty] = nrPages;
	}

	/** drain_all_stock(): every CPU's stock of `root`'s subtree. */
	drainAllStock(root: MemCgroup): void {
		for (const stock of this.stocks) {
			for (let i = 0; i < NR_MEMCG_STOCK; i++) {
				const m = stock.cached[i];
				if (m?.isDescendant(root)) this.drainStockSlot(stock, i);
			}
		}
	}

	/** Pages sitting in stocks for `memcg` itself. */
	stockedPages(memcg: MemCgroup): number {
		let n = 0;
		for (const stock of this.stocks) {
			for (let i = 0; i < NR_MEMCG_STOCK; i++)
				if (stock.cached[i] === memcg) n += stock.nrPages[i]!;
		}
		return n;
	}

	/**
	 * try_charge_memcg(): charge `nrPages` to `memcg` (memory, and memsw when
	 * swap is accounted), a batch at a time through the CPU's stock. Over a
	 * limit: reclaim from the memcg whose limit refused, drain the stocks,
	 * retry (MAX_RECLAIM_RETRIES times without progress), then the memcg OOM
	 * killer. FAULT_OOM when it gives up.
	 */
	tryCharge(memcg: MemCgroup, nrPages: number, opts: ChargeOptions): number {
		// try_charge(): the root memcg's pages are not counted against anything.
		if (memcg.isRoot) return FAULT_OK;
		const task = opts.task;
		let batch = Math.max(MEMCG_CHARGE_BATCH, nrPages);
		let nrRetries = MAX_RECLAIM_RETRIES;
		let drained = false;
		let passedOom = false;
		let raisedMaxEvent = false;
		let overLimit: MemCgroup = memcg;
		// Once the memsw limit refused, reclaim may not swap for the rest of the charge.
		let maySwap = true;
		let counter: "memory" | "memsw" = "memory";
		const trace = this.kernel.trace;
		for (;;) {
			if (this.consumeStock(memcg, nrPages, task)) return FAULT_OK;
			let refused = this.doMemswAccount ? memcg.memsw.tryCharge(batch) : null;
			if (refused === null) {
				refused = memcg.memory.tryCharge(batch);
				if (refused === null) {
					if (batch > nrPages) this.refillStock(memcg, batch - nrPages, task);
					if (task !== null) this.noteOverHigh(memcg, batch, task);
					return FAULT_OK;
				}
				if (this.doMemswAccount) memcg.memsw.uncharge(batch);
				overLimit = this.memcgOfCounter(memcg, refused, false);
				counter = "memory";
			} else {
				overLimit = this.memcgOfCounter(memcg, refused, true);
				maySwap = false;
				counter = "memsw";
			}
			if (batch > nrPages) {
				batch = nrPages;
				continue;
			}
			// !gfpflags_allow_blocking(): no reclaim, straight to nomem.
			if (opts.atomic || (task !== null && this.taskInMemcgOom(task))) {
				if (trace.active) this.traceChargeFail(overLimit, nrPages, counter, "nomem");
				break;
			}
			this.memcgMemoryEvent(overLimit, MEMCG_MAX);
			raisedMaxEvent = true;
			if (trace.active) this.traceChargeFail(overLimit, nrPages, counter, "reclaim");
			const reclaimed = tryToFreeMemCgroupPages(this, overLimit, nrPages, maySwap);
			if (this.margin(overLimit) >= nrPages) continue;
			if (!drained) {
				this.drainAllStock(overLimit);
				drained = true;
				continue;
			}
			if (reclaimed > 0 && nrPages <= COSTLY_PAGES) continue;
			if (nrRetries-- > 0) continue;
			if (opts.noOom || (passedOom && task !== null && this.taskIsDying(task))) {
				if (trace.active) this.traceChargeFail(overLimit, nrPages, counter, "nomem");
				break;
			}
			if (trace.active) this.traceChargeFail(overLimit, nrPages, counter, "oom");
			if (this.memcgOom(overLimit, task, opts)) {
				nrRetries = MAX_RECLAIM_RETRIES;
				passedOom = true;
				continue;
			}
			break;
		}
		if (!opts.noFail && !opts.atomic) return FAULT_OOM;
		// force: past the limit (__GFP_NOFAIL, or __GFP_HIGH of an atomic charge).
		if (!raisedMaxEvent) this.memcgMemoryEvent(overLimit, MEMCG_MAX);
		memcg.memory.charge(nrPages);
		if (this.doMemswAccount) memcg.memsw.charge(nrPages);
		return FAULT_OK;
	}

	/** A charge `overLimit`'s `counter` refused, and what try_charge_memcg() does next. */
	private traceChargeFail(
		overLimit: MemCgroup,
		nrPages: number,
		counter: "memory" | "memsw",
		action: "reclaim" | "oom" | "nomem",
	): void {
		this.kernel.trace.emit({
			kind: "charge-fail",
			memcg: overLimit.cgroup,
			nrPages,
			counter,
			action,
		});
	}

	/**
	 * The end of try_charge_memcg(): when the memcg or an ancestor is past
	 * memory.high (or swap.high), the charging task answers for the batch on
	 * its way back to user space (set_notify_resume()); once that passes a
	 * batch it reclaims right here (mem_cgroup_handle_over_high()).
	 */
	private noteOverHigh(memcg: MemCgroup, batch: number, task: Task): void {
		for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
			if (m.memory.usage > m.memory.high || m.swap.usage > m.swap.high) {
				const owed = this.nrPagesOverHigh.get(task) ?? 0;
				if (owed === 0) this.nrTasksOverHigh++;
				this.nrPagesOverHigh.set(task, owed + batch);
				break;
			}
		}
		if (this.nrTasksOverHigh > 0 && (this.nrPagesOverHigh.get(task) ?? 0) > MEMCG_CHARGE_BATCH)
			this.handleOverHigh(task);
	}

	/** Forget what an exiting task owed (mem_cgroup_exit()). */
	taskExit(task: Task): void {
		if (this.nrPagesOverHigh.delete(task)) this.nrTasksOverHigh--;
		this.highDelayOwed.delete(task);
	}
	/** reclaim_high(): reclaim from each level past its memory.high, counting a high event there. */
	private reclaimHigh(memcg: MemCgroup, nrPages: number): number {
		let reclaimed = 0;
		for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
			if (m.memory.usage > m.memory.high) {
				this.memcgMemoryEvent(m, MEMCG_HIGH);
				reclaimed += tryToFreeMemCgroupPages(this, m, nrPages, true);
			}
			if (m.parentMemcg?.isRoot) break;
		}
		return reclaimed;
	}

	/**
	 * mem_cgroup_handle_over_high(): reclaim what the task's charges put
	 * past memory.high, retrying while that makes progress, and when usage
	 * stays past it, owe a sleep that grows with the square of the overage
	 * (calculate_high_delay(), at most 2 s a time). The sleep is taken by
	 * the task on its way back to user space (resumeUserModeWork()).
	 */
	handleOverHigh(task: Task): void {
		const nrPages = this.nrPagesOverHigh.get(task) ?? 0;
		if (nrPages === 0) return;
		this.nrPagesOverHigh.delete(task);
		this.nrTasksOverHigh--;
		const vm = task.mm;
		const memcg = vm === null ? null : this.memcgOf(vm.owner);
		if (memcg === null) return;
		let nrRetries = MAX_RECLAIM_RETRIES;
		let inRetry = false;
		for (;;) {
			if (this.taskIsDying(task)) return;
			const reclaimed = this.reclaimHigh(memcg, inRetry ? 32 : nrPages);
			let penalty =
				calculateHighDelay(nrPages, memFindMaxOverage(memcg)) +
				calculateHighDelay(nrPages, this.swapFindMaxOverage(memcg));
			penalty = Math.min(penalty, MEMCG_MAX_HIGH_DELAY_JIFFIES);
			if (penalty <= Math.floor(HZ / 100)) return;
			if (reclaimed > 0 || nrRetries-- > 0) {
				inRetry = true;
				continue;
			}
			this.highDelayOwed.set(task, (this.highDelayOwed.get(task) ?? 0) + penalty * NSEC_PER_JIFFY);
			return;
		}
	}

	/** swap_find_max_overage(): counting a swap high event at each level past swap.high. */
	private swapFindMaxOverage(memcg: MemCgroup): number {
		let max = 0;
		for (let m: MemCgroup | null = memcg; m !== null && !m.isRoot; m = m.parentMemcg) {
			const overage = calculateOverage(m.swap.usage, m.swap.high);
			if (overage > 0) this.memcgMemoryEvent(m, MEMCG_SWAP_HIGH);
			max = Math.max(max, overage);
		}
		return max;
	}

	/**
	 * resume_user_mode_work() for the memory controller: what a task does
	 * before it returns to user space. The memory.high work it was left
	 * (mem_cgroup_handle_over_high()) and the throttling it owes: the
	 * nanoseconds it must sleep now (killable), 0 for none.
	 */
	resumeUserModeWork(task: Task): number {
		this.handleOverHigh(task);
		const owed = this.highDelayOwed.get(task) ?? 0;
		if (owed > 0) this.highDelayOwed.delete(task);
		return owed;
	}

	/** mem_cgroup_from_counter(): which memcg's counter `c` is. */
	private memcgOfCounter(memcg: MemCgroup, c: object, memsw: boolean): MemCgroup {
		for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
			if ((memsw ? m.memsw : m.memory) === c) return m;
		}
		return memcg;
	}

	/** task_is_dying(): an OOM victim, or a fatal signal pending, or exiting. */
	taskIsDying(task: Task): boolean {
		return task.signal.oomVictim || task.signal.groupExit || (task.flags & PF_EXITING) !== 0;
	}

	private taskInMemcgOom(task: Task): boolean {
		return task.memcgInOom !== null;
	}

	/**
	 * mem_cgroup_oom(): v1 with oom_kill_disable set leaves a user fault to
	 * wait (memcg1_oom_prepare() sets current->memcg_in_oom); otherwise the
	 * OOM killer picks a victim in the memcg's subtree. True to retry.
	 */
	private memcgOom(memcg: MemCgroup, task: Task | null, opts: ChargeOptions): boolean {
		this.memcgMemoryEvent(memcg, MEMCG_OOM);
		if (memcg.oomKillDisable) {
			if (opts.userFault && task !== null) task.memcgInOom = memcg;
			return false;
		}
		this.markUnderOom(memcg, 1);
		try {
			if (this.margin(memcg) >= 1) return true;
			return (task !== null && this.taskIsDying(task)) || memcgOutOfMemory(this, memcg, task);
		} finally {
			this.markUnderOom(memcg, -1);
		}
	}

	/** mem_cgroup_mark_under_oom() / unmark: the memcg and its subtree. */
	markUnderOom(memcg: MemCgroup, delta: 1 | -1): void {
		for (const m of memcg.subtree()) if (delta > 0 || m.underOom > 0) m.underOom += delta;
	}

	/** memcg1_oom_recover(): wake the tasks waiting on a memcg (with oom_kill_disable) that is under OOM. */
	oomRecover(memcg: MemCgroup): void {
		for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
			if (m.underOom > 0) m.oomWaitq.wakeUp();
		}
		for (const m of memcg.subtree()) if (m.underOom > 0) m.oomWaitq.wakeUp();
	}

	/**
	 * mem_cgroup_oom_synchronize(), the start: a task whose fault found its
	 * memcg in OOM with oom_kill_disable marks it under_oom and waits on its
	 * queue. Returns the queue, or null when it need not wait (the memcg has
	 * room again). Call oomSynchronizeEnd() after the wait.
	 */
	oomSynchronizeBegin(task: Task): MemCgroup | null {
		const memcg = task.memcgInOom;
		if (memcg === null) return null;
		this.markUnderOom(memcg, 1);
		if (this.margin(memcg) >= 1 || !memcg.oomKillDisable) {
			this.oomSynchronizeEnd(task);
			return null;
		}
		return memcg;
	}

	oomSynchronizeEnd(task: Task): void {
		const memcg = task.memcgInOom;
		if (memcg === null) return;
		task.memcgInOom = null;
		this.markUnderOom(memcg, -1);
	}

	/**
	 * mem_cgroup_charge_skmem() on cgroup2: socket buffer pages are charged
	 * to the memory counter as any page (with reclaim and the memcg OOM
	 * killer up to PAGE_ALLOC_COSTLY_ORDER, none for atomic charges) and
	 * counted in MEMCG_SOCK. False when the charge could not be made.
	 */
	chargeSkmem(memcg: MemCgroup, nrPages: number, opts: ChargeOptions): boolean {
		const costly = nrPages > COSTLY_PAGES;
		const res = this.tryCharge(memcg, nrPages, costly ? { ...opts, noOom: true } : opts);
		if (res !== FAULT_OK) return false;
		memcg.stat[MEMCG_SOCK]! += nrPages;
		return true;
	}

	/** mem_cgroup_uncharge_skmem() on cgroup2: the stat, and the pages go to the CPU's stock. */
	unchargeSkmem(memcg: MemCgroup, nrPages: number, task: Task | null): void {
		memcg.stat[MEMCG_SOCK]! -= nrPages;
		if (memcg.isRoot) return;
		this.refillStock(memcg, nrPages, task);
		if (memcg.underOom > 0) this.oomRecover(memcg);
		if (memcg.dying) this.maybeFreeMemcg(memcg);
	}

	/** cancel_charge(). */
	cancelCharge(memcg: MemCgroup, nrPages: number): void {
		if (memcg.isRoot) return;
		memcg.memory.uncharge(nrPages);
		if (this.doMemswAccount) memcg.memsw.uncharge(nrPages);
	}

	/** commit_charge() with memcg1_commit_charge(): the page belongs to the memcg now. */
	commitCharge(pfn: number, memcg: MemCgroup): void {
		this.map.memcg[pfn] = memcg.memcgId;
		memcg.events[PGPGIN]!++;
	}

	/** The uncharge of one page (uncharge_folio() + uncharge_batch()). */
	private unchargePage(pfn: number): void {
		const id = this.map.memcg[pfn]!;
		if (id === 0) return;
		const memcg = this.memcgs[id]!;
		if (!memcg.isRoot) {
			memcg.memory.uncharge(1);
			if (this.doMemswAccount) memcg.memsw.uncharge(1);
		}
		memcg.events[PGPGOUT]!++;
		this.map.memcg[pfn] = 0;
		if (memcg.underOom > 0 || memcg.parentMemcg?.underOom) this.oomRecover(memcg);
		if (memcg.dying) this.maybeFreeMemcg(memcg);
	}

	// ------------------------------------------------------------ page frames

	/**
	 * alloc_pages() for one page on the task's nodes: when the machine is out
	 * of frames, reclaim globally and then the global OOM killer. -1 when
	 * nothing could be freed.
	 */
	allocPage(task: Task | null): number {
		const node = this.nodeFor(task);
		for (let tries = 0; tries < MAX_RECLAIM_RETRIES; tries++) {
			const pfn = this.map.alloc(node);
			if (pfn >= 0) return pfn;
			if (tryToFreePages(this, 32) > 0) continue;
			if (!outOfMemory(this, task)) return -1;
		}
		return this.map.alloc(node);
	}

	/** The node a task allocates from: the first it may use (its cpuset's mems). */
	private nodeFor(task: Task | null): number {
		if (task === null) return 0;
		const n = task.memsAllowed.firstSet();
		return n >= 0 && n < this.kernel.machine.nrNodeIds ? n : 0;
	}

	/** The lruvec a page is on (folio_lruvec()). */
	lruvecOf(pfn: number): MemCgroup["lruvecs"][number] {
		const memcg = this.memcgs[this.map.memcg[pfn]!] ?? this.rootMemcg!;
		return memcg.lruvecs[this.map.node[pfn]!]!;
	}

	/** The memcg a page is charged to (folio_memcg()), null when uncharged. */
	memcgOfPage(pfn: number): MemCgroup | null {
		return this.memcgs[this.map.memcg[pfn]!] ?? null;
	}

	/** folio_add_lru(). */
	lruAdd(pfn: number): void {
		if (this.rootMemcg === null) return;
		this.lruvecOf(pfn).add(this.map, pfn);
	}

	/** Take a page off its LRU list, if on one. */
	lruDel(pfn: number): void {
		if (this.map.flags[pfn]! & PG_LRU) this.lruvecOf(pfn).del(this.map, pfn);
	}

	/** Free a page that its owner no longer maps: off the LRU, stats, uncharge, back to the allocator. */
	freePage(pfn: number): void {
		this.lruDel(pfn);
		const memcg = this.memcgOfPage(pfn);
		const flags = this.map.flags[pfn]!;
		if (memcg !== null) {
			if (flags & PG_ANON) memcg.stat[NR_ANON_MAPPED]!--;
			else {
				memcg.stat[NR_FILE_PAGES]!--;
				if (flags & PG_SWAPBACKED) memcg.stat[NR_SHMEM]!--;
			}
		}
		this.unchargePage(pfn);
		this.map.free(pfn);
	}

	/** Free a swap entry and its memsw charge (swap_free() + mem_cgroup_uncharge_swap()). */
	freeSwapEntry(slot: number): void {
		const memcg = this.memcgs[this.swap.memcg[slot]!] ?? null;
		if (memcg !== null) {
			// __mem_cgroup_uncharge_swap(): memory+swap on v1, the swap counter on cgroup2.
			if (!memcg.isRoot) {
				if (this.doMemswAccount) memcg.memsw.uncharge(1);
				else if (this.onDfl) memcg.swap.uncharge(1);
			}
			memcg.stat[MEMCG_SWAP]!--;
			memcg.nrSwapEntries--;
		}
		this.swap.free(slot);
		if (memcg?.dying) this.maybeFreeMemcg(memcg);
	}

	// ------------------------------------------------------------ anonymous memory

	/** mm_alloc() for a task's new address space (fork and exec). */
	newMm(owner: Task): MmStruct {
		return new MmStruct(owner);
	}

	/** mmap(MAP_PRIVATE|MAP_ANONYMOUS) of `nrPages`: nothing is charged until touched. */
	mmapAnon(mm: MmStruct, nrPages: number): AnonRegion {
		const r = this.registerOwner((id) => new AnonRegion(id, mm, nrPages)) as AnonRegion;
		mm.addRegion(r);
		mm.totalVm += nrPages;
		if (mm.totalVm > mm.hiwaterVm) mm.hiwaterVm = mm.totalVm;
		return r;
	}

	/** mremap() growing a region in place (a heap's brk or realloc): the new pages are not charged until touched. */
	mremapAnon(r: AnonRegion, nrPages: number): void {
		if (nrPages < r.nrPages) throw new Error("mremap: shrinking is not modelled");
		r.mm.totalVm += nrPages - r.nrPages;
		if (r.mm.totalVm > r.mm.hiwaterVm) r.mm.hiwaterVm = r.mm.totalVm;
		r.grow(nrPages);
	}

	/**
	 * A touch of page `i` of a region (handle_mm_fault()): present pages only
	 * get their accessed bit; a hole is filled with a new zeroed page
	 * (do_anonymous_page()); a swap entry is read back (do_swap_page()).
	 * FAULT_OOM when the memcg (or the machine) has no page to give.
	 */
	touch(task: Task, r: AnonRegion, i: number): number {
		const pte = r.ptes[i]!;
		if (pte > 0) {
			this.map.flags[pte - 1]! |= PG_YOUNG;
			return FAULT_OK;
		}
		const mm = r.mm;
		if (mm.dead || !mm.regions.has(r)) return FAULT_SIGSEGV;
		const memcg = this.memcgOf(mm.owner);
		if (memcg !== null) memcg.events[PGFAULT]!++;
		let chargeTo = memcg;
		if (pte < 0) {
			// mem_cgroup_swapin_charge_folio(): the memcg the entry was charged to, if it is still around.
			const rec = this.memcgs[this.swap.memcg[-pte - 1]!];
			if (rec !== null && rec !== undefined && !rec.dying) chargeTo = rec;
		}
		const blk = (i / PTRS_PER_PTE) | 0;
		const needPte = r.ptePages[blk] === 0;
		const nr = needPte ? 2 : 1;
		if (chargeTo !== null) {
			const res = this.tryCharge(chargeTo, nr, { task, userFault: true });
			if (res !== FAULT_OK) return res;
			// The OOM killer may have taken this very address space meanwhile.
			if (mm.dead || r.ptes[i] !== pte) {
				this.cancelCharge(chargeTo, nr);
				return mm.dead ? FAULT_OOM : FAULT_OK;
			}
		}
		const pfn = this.allocPage(task);
		if (pfn < 0 || mm.dead || r.ptes[i] !== pte) {
			if (pfn >= 0) this.map.free(pfn);
			if (chargeTo !== null) this.cancelCharge(chargeTo, nr);
			return pfn < 0 || mm.dead ? FAULT_OOM : FAULT_OK;
		}
		if (needPte) {
			// pte_alloc(): a page-table page, kernel memory (GFP_KERNEL_ACCOUNT).
			r.ptePages[blk] = chargeTo === null ? -1 : chargeTo.memcgId;
			mm.pgtables++;
			if (chargeTo !== null) {
				if (!chargeTo.isRoot) chargeTo.kmem.charge(1);
				chargeTo.stat[NR_PAGETABLE]!++;
			}
		}
		const map = this.map;
		map.owner[pfn] = r.ownerId;
		map.index[pfn] = i;
		map.flags[pfn] = PG_ANON | PG_SWAPBACKED | PG_YOUNG | (r.locked ? PG_UNEVICTABLE : 0);
		if (chargeTo !== null) {
			this.commitCharge(pfn, chargeTo);
			chargeTo.stat[NR_ANON_MAPPED]!++;
		}
		if (pte < 0) this.swapinCommit(pfn, -pte - 1);
		else mm.anonRss++;
		r.ptes[i] = pfn + 1;
		this.lruAdd(pfn);
		// mm_account_fault(): a fault that read from swap is major.
		if (pte < 0) {
			task.majFlt++;
			if (memcg !== null) memcg.events[PGMAJFAULT]!++;
		} else task.minFlt++;
		if (mm.rss > mm.hiwaterRss) mm.hiwaterRss = mm.rss;
		return FAULT_OK;
	}

	/**
	 * The end of do_swap_page(): the entry's memsw charge moves to the new
	 * page (mem_cgroup_swapin_uncharge_swap()) and the entry is freed; the
	 * workingset code decides from the eviction's shadow whether this was a
	 * refault of the workingset, which goes straight to the active list.
	 */
	private swapinCommit(pfn: number, slot: number): void {
		const mm = this.ownerOf(pfn).mm;
		if (mm !== null) {
			mm.swapents--;
			mm.anonRss++;
		}
		const memcg = this.memcgOfPage(pfn);
		const lruvec = this.lruvecOf(pfn);
		const distance = lruvec.nonresidentAge - this.swap.shadow[slot]!;
		if (memcg !== null) {
			memcg.stat[WORKINGSET_REFAULT_ANON]!++;
			const workingset = memcg.lruPages(1) + memcg.lruPages(3);
			if (distance <= workingset) {
				memcg.stat[WORKINGSET_ACTIVATE_ANON]!++;
				this.map.flags[pfn]! |= PG_ACTIVE | PG_WORKINGSET;
			}
		}
		this.pswpin++;
		this.freeSwapEntry(slot);
	}

	/** Drop page `i` of an anonymous region (zap_pte_range()). */
	zapAnon(r: AnonRegion, i: number): void {
		const pte = r.ptes[i]!;
		if (pte > 0) {
			this.freePage(pte - 1);
			r.mm.anonRss--;
		} else if (pte < 0) {
			this.freeSwapEntry(-pte - 1);
			r.mm.swapents--;
		}
		r.ptes[i] = 0;
	}

	/** munmap() of a whole region. */
	munmap(r: AnonRegion): void {
		const mm = r.mm;
		for (let i = 0; i < r.nrPages; i++) if (r.ptes[i] !== 0) this.zapAnon(r, i);
		for (let b = 0; b < r.ptePages.length; b++) {
			const id = r.ptePages[b]!;
			if (id === 0) continue;
			r.ptePages[b] = 0;
			mm.pgtables--;
			if (id > 0) this.unchargeKmem(this.memcgs[id] ?? null, 1);
		}
		mm.removeRegion(r);
		mm.totalVm -= r.nrPages;
		this.unregisterOwner(r);
	}

	/** An accounted kernel allocation (__GFP_ACCOUNT): memory, memsw and kmem. */
	chargeSlab(memcg: MemCgroup, n: number): void {
		if (this.tryCharge(memcg, n, { task: null }) !== FAULT_OK) throw new KernelError("ENOMEM");
		if (!memcg.isRoot) memcg.kmem.charge(n);
		memcg.slabPages += n;
	}

	unchargeSlab(memcg: MemCgroup, n: number): void {
		memcg.slabPages -= n;
		if (!memcg.isRoot) memcg.kmem.uncharge(n);
		this.cancelCharge(memcg, n);
		if (memcg.underOom > 0) this.oomRecover(memcg);
		if (memcg.dying) this.maybeFreeMemcg(memcg);
	}

	/** Page-table pages: kmem, memory and memsw (memcg_account_kmem() + uncharge). */
	private unchargeKmem(memcg: MemCgroup | null, n: number): void {
		if (memcg === null) return;
		memcg.stat[NR_PAGETABLE]! -= n;
		if (!memcg.isRoot) memcg.kmem.uncharge(n);
		this.cancelCharge(memcg, n);
		if (memcg.underOom > 0) this.oomRecover(memcg);
		if (memcg.dying) this.maybeFreeMemcg(memcg);
	}

	/** exit_mmap(): the address space goes with its last user. */
	mmput(mm: MmStruct): void {
		if (--mm.users > 0) return;
		this.exitMmap(mm);
	}

	exitMmap(mm: MmStruct): void {
		if (mm.dead) return;
		for (const r of [...mm.regions]) this.munmap(r);
		mm.exeFile?.put();
		mm.exeFile = null;
		mm.dead = true;
	}

	/** __oom_reap_task_mm(): free the anonymous memory of an OOM victim at once. */
	oomReap(mm: MmStruct): void {
		for (const r of mm.regions) {
			if (r.locked) continue;
			for (let i = 0; i < r.nrPages; i++) if (r.ptes[i] !== 0) this.zapAnon(r, i);
		}
		mm.oomSkip = true;
	}
}

/** calculate_overage(): how far past `high` the usage is, in 2^-20 units of `high`. */
export function calculateOverage(usage: number, high: number): number {
	if (usage <= high) return 0;
	const h = Math.max(high, 1);
	return Number((BigInt(usage - h) << BigInt(MEMCG_DELAY_PRECISION_SHIFT)) / BigInt(h));
}

/** mem_find_max_overage(): the largest overage of memory.high from `memcg` up to the root's child. */
function memFindMaxOverage(memcg: MemCgroup): number {
	let max = 0;
	for (let m: MemCgroup | null = memcg; m !== null && !m.isRoot; m = m.parentMemcg)
		max = Math.max(max, calculateOverage(m.memory.usage, m.memory.high));
	return max;
}

/**
 * calculate_high_delay(): jiffies of sleep for an overage, quadratic in it,
 * scaled by the task's share (its charges against a nominal batch); u64
 * arithmetic as the kernel's.
 */
export function calculateHighDelay(nrPages: number, maxOverage: number): number {
	if (maxOverage === 0) return 0;
	const o = BigInt(maxOverage);
	let penalty = BigInt.asUintN(64, o * o * BigInt(HZ));
	penalty >>= BigInt(MEMCG_DELAY_PRECISION_SHIFT);
	penalty >>= MEMCG_DELAY_SCALING_SHIFT;
	return Number(BigInt.asUintN(64, penalty * BigInt(nrPages)) / BigInt(MEMCG_CHARGE_BATCH));
}
