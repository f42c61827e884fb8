/**
 * The page cache of one file (struct address_space): which of the file's
 * pages are in memory. The file's bytes stay with the file system; this
 * tracks residency and charging, as mm/filemap.c and mm/shmem.c do: a read
 * or write brings each page it covers in (charged to the memcg of the task
 * doing it, on the inactive list), marks it accessed (a second access
 * activates it: folio_mark_accessed()), and truncation frees what is cut
 * off. Pages of a disk file are clean once written (writeback is not
 * modelled) and reclaim simply drops them; shmem (tmpfs) pages are swap
 * backed: reclaim writes them to swap and the next access reads them back.
 */
import type { Task } from "../task.ts";
import type { MemCgroup } from "./memcontrol.ts";
import { NR_FILE_PAGES, NR_SHMEM, PGMAJFAULT, WORKINGSET_REFAULT_ANON } from "./memcontrol.ts";
import { FAULT_OK, type MemoryManager } from "./memory.ts";
import type { PageOwner } from "./mm-struct.ts";
import { PG_ACTIVE, PG_REFERENCED, PG_SWAPBACKED, PG_UNEVICTABLE } from "./page.ts";

export class AddressSpace implements PageOwner {
	readonly ownerId: number;
	ptes = new Int32Array(0);
	readonly mm = null;
	/** shmem: swap backed (tmpfs), else a disk file's clean page cache. */
	readonly shmem: boolean;

	constructor(ownerId: number, shmem: boolean) {
		this.ownerId = ownerId;
		this.shmem = shmem;
	}

	/** Pages in memory. */
	get nrPages(): number {
		let n = 0;
		for (let i = 0; i < this.ptes.length; i++) if (this.ptes[i]! > 0) n++;
		return n;
	}

	grow(nrPages: number): void {
		if (nrPages <= this.ptes.length) return;
		const p = new Int32Array(Math.max(nrPages, this.ptes.length * 2, 16));
		p.set(this.ptes);
		this.ptes = p;
	}
}

/** The page cache side of the memory manager. */
export class PageCache {
	private readonly mm: MemoryManager;

	constructor(mm: MemoryManager) {
		this.mm = mm;
	}

	/** A new file's mapping (inode->i_mapping). */
	create(shmem: boolean): AddressSpace {
		return this.mm.registerOwner((id) => new AddressSpace(id, shmem)) as AddressSpace;
	}

	/** folio_mark_accessed(): referenced first, active on the second access. */
	private markAccessed(pfn: number): void {
		const map = this.mm.map;
		const f = map.flags[pfn]!;
		if (f & PG_UNEVICTABLE) return;
		if (!(f & PG_REFERENCED)) {
			map.flags[pfn] = f | PG_REFERENCED;
		} else if (!(f & PG_ACTIVE)) {
			this.mm.lruDel(pfn);
			map.flags[pfn] = (f | PG_ACTIVE) & ~PG_REFERENCED;
			this.mm.lruAdd(pfn);
		}
	}

	/**
	 * Bring pages [first, last) in for a read or write by `task`
	 * (filemap_get_folio(FGP_CREAT) / shmem_get_folio()). Returns how many
	 * pages from `first` are present; fewer when the memcg or the machine
	 * had no page left (the caller fails the rest with ENOMEM).
	 */
	bringIn(task: Task, as: AddressSpace, first: number, last: number): number {
		const mm = this.mm;
		as.grow(last);
		for (let i = first; i < last; i++) {
			const pte = as.ptes[i]!;
			if (pte > 0) {
				this.markAccessed(pte - 1);
				continue;
			}
			let memcg: MemCgroup | null = mm.memcgOf(task);
			if (pte < 0) {
				const rec = mm.memcgFromId(mm.swap.memcg[-pte - 1]!);
				if (rec !== null && !rec.dying) memcg = rec;
				if (memcg !== null) memcg.events[PGMAJFAULT]!++;
			}
			if (memcg !== null && mm.tryCharge(memcg, 1, { task }) !== FAULT_OK) return i - first;
			if (as.ptes[i] !== pte) {
				// Reclaim or the OOM killer changed the file meanwhile: look again.
				if (memcg !== null) mm.cancelCharge(memcg, 1);
				i--;
				continue;
			}
			const pfn = mm.allocPage(task);
			if (pfn < 0) {
				if (memcg !== null) mm.cancelCharge(memcg, 1);
				return i - first;
			}
			const map = mm.map;
			map.owner[pfn] = as.ownerId;
			map.index[pfn] = i;
			map.flags[pfn] = (as.shmem ? PG_SWAPBACKED : 0) | PG_REFERENCED;
			if (memcg !== null) {
				mm.commitCharge(pfn, memcg);
				memcg.stat[NR_FILE_PAGES]!++;
				if (as.shmem) memcg.stat[NR_SHMEM]!++;
				if (pte < 0) memcg.stat[WORKINGSET_REFAULT_ANON]!++;
			}
			if (pte < 0) {
				mm.pswpin++;
				mm.freeSwapEntry(-pte - 1);
			}
			as.ptes[i] = pfn + 1;
			mm.lruAdd(pfn);
		}
		return last - first;
	}

	/** truncate_inode_pages_range(): pages from `from` on leave memory (and swap). */
	truncate(as: AddressSpace, from: number): void {
		const mm = this.mm;
		for (let i = from; i < as.ptes.length; i++) {
			const pte = as.ptes[i]!;
			if (pte > 0) mm.freePage(pte - 1);
			else if (pte < 0) mm.freeSwapEntry(-pte - 1);
			as.ptes[i] = 0;
		}
	}

	/** The inode is gone (evict()): its pages and its mapping. */
	release(as: AddressSpace): void {
		this.truncate(as, 0);
		this.mm.unregisterOwner(as);
	}
}
