/**
 * HugeTLB pages (mm/hugetlb.c), as far as the hugetlb controller sees them:
 * one pool per huge page size (struct hstate: the pages the administrator
 * set aside, how many are free and how many are promised to mappings), and
 * MAP_HUGETLB mappings of a task. A mapping reserves its pages from the pool
 * and charges the reservation to the task's hugetlb cgroup (rsvd counter)
 * when it is made; touching a page takes it from the pool and charges it to
 * the cgroup (fault counter). A charge over a limit fails the mmap()
 * (ENOMEM) or the fault (the caller gets SIGBUS). Unmapping, or the task's
 * exit, gives everything back.
 *
 * The pool sizes are set by the machine's owner (setNrHugepages(), what
 * writing nr_hugepages does); the default is the reference machine's empty
 * pools. Overcommit (surplus pages) is not modelled.
 */
import type { HugetlbCgroup } from "../cgroup/controllers/hugetlb.ts";
import { KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";

export const PAGE_SIZE = 4096;

/** struct hstate: one huge page size and its pool. */
export class HState {
	readonly index: number;
	/** huge_page_size() in bytes. */
	readonly size: number;
	/** nr_huge_pages. */
	nrHugePages = 0;
	/** free_huge_pages. */
	freeHugePages = 0;
	/** resv_huge_pages: free pages promised to mappings. */
	resvHugePages = 0;

	constructor(index: number, size: number) {
		this.index = index;
		this.size = size;
	}

	/** pages_per_huge_page(): base pages per huge page. */
	get pagesPerHugePage(): number {
		return this.size / PAGE_SIZE;
	}

	/** mem_fmt(): "2MB", "1GB", "64KB": the size in the hugetlb controller's file names. */
	get name(): string {
		const K = 1024;
		if (this.size >= K ** 3) return `${Math.floor(this.size / K ** 3)}GB`;
		if (this.size >= K ** 2) return `${Math.floor(this.size / K ** 2)}MB`;
		return `${Math.floor(this.size / K)}KB`;
	}
}

/** A huge page a mapping faulted in: charged to a hugetlb cgroup on a node. */
export interface HugetlbFolio {
	/** The cgroup charged (the parent after the charged one went offline). */
	hcg: HugetlbCgroup;
	readonly node: number;
}

/** A MAP_HUGETLB mapping. */
export interface HugetlbMapping {
	readonly task: Task;
	readonly hstate: HState;
	/** Huge pages mapped. */
	readonly nrPages: number;
	/** The cgroup the reservation is charged to (not reparented, as in the kernel). */
	readonly rsvdCgroup: HugetlbCgroup;
	/** Per huge page: its folio once faulted in. */
	readonly folios: (HugetlbFolio | null)[];
}

/** The huge page state of one kernel. */
export class Hugetlb {
	readonly hstates: readonly HState[];
	private readonly kernel: Kernel;
	private readonly mappings = new Map<Task, HugetlbMapping[]>();

	constructor(kernel: Kernel) {
		this.kernel = kernel;
		this.hstates = kernel.machine.hugepageSizes.map((size, i) => new HState(i, size));
		// hugepages= at boot.
		kernel.machine.nrHugepages.forEach((n, i) => {
			const h = this.hstates[i];
			if (h !== undefined && n > 0) this.setNrHugepages(h, n);
		});
	}

	/** The hstate of a huge page size in bytes (MAP_HUGE_2MB, ...); the default is the smallest. */
	hstateOf(size?: number): HState {
		const h = size === undefined ? this.hstates[0] : this.hstates.find((x) => x.size === size);
		if (h === undefined) throw new KernelError("EINVAL");
		return h;
	}

	/**
	 * set_max_huge_pages(): grow the pool as far as memory allows, or shrink
	 * it down to the pages in use or promised. Returns the new size.
	 */
	setNrHugepages(h: HState, count: number): number {
		const others = this.hstates.reduce((n, x) => n + (x === h ? 0 : x.nrHugePages * x.size), 0);
		const fit = Math.floor(Math.max(0, this.kernel.machine.memory - others) / h.size);
		const inUse = h.nrHugePages - h.freeHugePages;
		const target = Math.max(Math.min(count, fit), inUse + h.resvHugePages);
		h.freeHugePages += target - h.nrHugePages;
		h.nrHugePages = target;
		return target;
	}

	/** The hugetlb cgroup of a task (task_css(task, hugetlb_cgrp_id)). */
	private cgroupOf(task: Task): HugetlbCgroup {
		const ss = this.kernel.cgroup.subsysByName("hugetlb");
		const css = ss === undefined ? undefined : task.cgroups?.subsys[ss.id];
		if (css === undefined || css === null) throw new Error("hugetlb: task has no hugetlb css");
		return css as HugetlbCgroup;
	}

	/**
	 * mmap(MAP_HUGETLB) of `nrPages` huge pages: hugetlb_reserve_pages()
	 * charges the reservation to the task's cgroup and takes it from the
	 * pool's free pages. ENOMEM when either refuses.
	 */
	mmap(task: Task, h: HState, nrPages: number): HugetlbMapping {
		if (!Number.isInteger(nrPages) || nrPages <= 0) throw new KernelError("EINVAL");
		const hcg = this.cgroupOf(task);
		const rsvd = hcg.rsvdHugepage[h.index]!;
		// A refusal is a hugetlb "max" event, as for faults.
		if (!hcg.chargeRsvd(h.index, nrPages * h.pagesPerHugePage)) throw new KernelError("ENOMEM");
		// hugetlb_acct_memory()
		if (h.freeHugePages - h.resvHugePages < nrPages) {
			rsvd.uncharge(nrPages * h.pagesPerHugePage);
			throw new KernelError("ENOMEM");
		}
		h.resvHugePages += nrPages;
		const m: HugetlbMapping = {
			task,
			hstate: h,
			nrPages,
			rsvdCgroup: hcg,
			folios: new Array<HugetlbFolio | null>(nrPages).fill(null),
		};
		let list = this.mappings.get(task);
		if (list === undefined) {
			list = [];
			this.mappings.set(task, list);
		}
		list.push(m);
		return m;
	}

	/**
	 * A first touch of huge page `i` (hugetlb_fault() -> alloc_hugetlb_folio()):
	 * charge the faulting task's cgroup, then take the reserved page. ENOSPC
	 * when a limit refuses: the fault ends in SIGBUS.
	 */
	fault(m: HugetlbMapping, i: number): void {
		if (m.folios[i] !== null) return;
		const h = m.hstate;
		const hcg = this.cgroupOf(m.task);
		if (!hcg.chargeFault(h.index, h.pagesPerHugePage)) throw new KernelError("ENOSPC");
		h.resvHugePages--;
		h.freeHugePages--;
		// The page comes from the first node the task may use (one pool per machine here).
		const node = m.task.memsAllowed.firstSet();
		const folio: HugetlbFolio = { hcg, node: node < this.kernel.machine.nrNodeIds ? node : 0 };
		hcg.commitCharge(h.index, h.pagesPerHugePage, folio.node, 1);
		m.folios[i] = folio;
	}

	/** munmap(): free the faulted pages, return the unused reservation, uncharge it. */
	munmap(m: HugetlbMapping): void {
		const list = this.mappings.get(m.task);
		const at = list?.indexOf(m) ?? -1;
		if (list === undefined || at < 0) return;
		list.splice(at, 1);
		if (list.length === 0) this.mappings.delete(m.task);
		const h = m.hstate;
		for (let i = 0; i < m.folios.length; i++) {
			const folio = m.folios[i];
			if (folio === null || folio === undefined) {
				h.resvHugePages--;
				continue;
			}
			// free_huge_folio(): uncharge the cgroup the folio belongs to now.
			folio.hcg.uncharge(h.index, h.pagesPerHugePage, folio.node);
			h.freeHugePages++;
			m.folios[i] = null;
		}
		m.rsvdCgroup.rsvdHugepage[h.index]!.uncharge(m.nrPages * h.pagesPerHugePage);
	}

	/** exit_mm(): the task's mappings go with its address space. */
	exitMm(task: Task): void {
		for (const m of [...(this.mappings.get(task) ?? [])]) this.munmap(m);
	}

	/** The folios charged to a cgroup (hugepage_activelist walked for one cgroup). */
	*foliosOf(hcg: HugetlbCgroup): IterableIterator<[HState, HugetlbFolio]> {
		for (const list of this.mappings.values()) {
			for (const m of list) {
				for (const f of m.folios) if (f !== null && f.hcg === hcg) yield [m.hstate, f];
			}
		}
	}
}

const STATES = new WeakMap<Kernel, Hugetlb>();

/** The kernel's huge page state (the hstates and pools), created on first use. */
export function hugetlbOf(kernel: Kernel): Hugetlb {
	let s = STATES.get(kernel);
	if (s === undefined) {
		s = new Hugetlb(kernel);
		STATES.set(kernel, s);
	}
	return s;
}
