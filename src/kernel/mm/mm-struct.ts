/**
 * struct mm_struct, as far as memory accounting sees it: a process's
 * anonymous mappings (struct vm_area_struct, each with its page table: per
 * page a present frame, a swap entry or nothing), the rss counters
 * (MM_ANONPAGES, MM_FILEPAGES, MM_SHMEMPAGES, MM_SWAPENTS), total_vm and the
 * bytes of page tables. Threads share it; the memcg it charges is the one
 * of its owner (mm->owner, the thread group leader).
 */
import type { Task } from "../task.ts";

/** A page-table entry: 0 none, pfn + 1 present, -(slot + 1) swapped out. */
export const PTE_NONE = 0;

/** PTRS_PER_PTE: pages one page-table page maps. */
export const PTRS_PER_PTE = 512;

/** Something whose pages live in mem_map and may be reclaimed: an anonymous region or a shmem file. */
export interface PageOwner {
	/** The id frames record (mem_map owner). */
	readonly ownerId: number;
	/** Per page index: PTE_NONE, pfn + 1, or -(swap slot + 1). */
	ptes: Int32Array;
	/** The process the pages count in (anonymous regions), null for shmem. */
	readonly mm: MmStruct | null;
}

/** A private anonymous mapping (mmap(MAP_ANONYMOUS|MAP_PRIVATE) or the heap). */
export class AnonRegion implements PageOwner {
	readonly ownerId: number;
	/** The page table; it may have room past the mapping's end (zeros), for growth in place. */
	ptes: Int32Array;
	readonly mm: MmStruct;
	/** Pages mapped. */
	private length: number;
	/** Per PTRS_PER_PTE block: 0 no page-table page, else the id of the memcg it is charged to (-1 none). */
	ptePages: Int32Array;
	/** VM_LOCKED: pages are unevictable (mlock). */
	locked = false;

	constructor(ownerId: number, mm: MmStruct, nrPages: number) {
		this.ownerId = ownerId;
		this.mm = mm;
		this.ptes = new Int32Array(nrPages);
		this.length = nrPages;
		this.ptePages = new Int32Array(Math.ceil(nrPages / PTRS_PER_PTE));
	}

	get nrPages(): number {
		return this.length;
	}

	/** Grow the mapping in place to `nrPages` (the page table doubles when it must, so growth is amortised O(1)). */
	grow(nrPages: number): void {
		if (nrPages > this.ptes.length) {
			const ptes = new Int32Array(Math.max(nrPages, this.ptes.length * 2));
			ptes.set(this.ptes);
			this.ptes = ptes;
			const blocks = new Int32Array(Math.ceil(ptes.length / PTRS_PER_PTE));
			blocks.set(this.ptePages);
			this.ptePages = blocks;
		}
		this.length = nrPages;
	}
}

const NO_REGIONS: ReadonlySet<AnonRegion> = new Set();

/** A counted reference to a VFS file (struct file's get_file()/fput()), as mm->exe_file holds one. */
export interface ExeFileRef {
	get(): ExeFileRef;
	put(): void;
}

export class MmStruct {
	/** mm->owner: the task whose memcg is charged. */
	owner: Task;
	/** mm_users: the threads using it. */
	users = 1;
	/** The anonymous regions, allocated with the first one (most processes of the emulation map none). */
	private regionSet: Set<AnonRegion> | null = null;
	/** MM_ANONPAGES, MM_FILEPAGES, MM_SHMEMPAGES, MM_SWAPENTS. */
	anonRss = 0;
	fileRss = 0;
	shmemRss = 0;
	swapents = 0;
	/** total_vm, in pages. */
	totalVm = 0;
	/** hiwater_rss, hiwater_vm: the highest rss and total_vm seen (pages). */
	hiwaterRss = 0;
	hiwaterVm = 0;
	/** Page-table pages (mm_pgtables_bytes() / PAGE_SIZE). */
	pgtables = 0;
	/** MMF_OOM_SKIP: reaped by the OOM killer; not a victim again. */
	oomSkip = false;
	/** The address space was torn down (exit_mmap()). */
	dead = false;
	/**
	 * mm->exe_file: the file the process runs, set at exec (set_mm_exe_file()),
	 * shared by fork (dup_mm_exe_file()), dropped with the address space.
	 */
	exeFile: ExeFileRef | null = null;

	constructor(owner: Task) {
		this.owner = owner;
	}

	/** The mm's anonymous regions (vmas). */
	get regions(): ReadonlySet<AnonRegion> {
		return this.regionSet ?? NO_REGIONS;
	}

	addRegion(r: AnonRegion): void {
		if (this.regionSet === null) this.regionSet = new Set();
		this.regionSet.add(r);
	}

	removeRegion(r: AnonRegion): void {
		this.regionSet?.delete(r);
	}

	/** get_mm_rss(). */
	get rss(): number {
		return this.anonRss + this.fileRss + this.shmemRss;
	}
}
