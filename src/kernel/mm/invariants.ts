/**
 * What must hold of the memory manager after any sequence of operations:
 * every page counter equals the sum of its charges (the pages charged to
 * the memcg, its page-table pages, its CPU stocks and, for memsw, its swap
 * entries, plus its children's counters); each LRU list holds exactly the
 * pages its lruvec counts, with flags naming that list; each statistic
 * matches the pages it counts; every mm's rss and swap counts match its
 * page tables; frames and swap slots in use match what points at them.
 * Socket buffers: each socket's forward allocation and queues add up to
 * the pages it charged, which its memcg counts (MEMCG_SOCK and the memory
 * counter on cgroup2, the tcpmem counter on v1).
 */
import { pageLru } from "./lruvec.ts";
import {
	MEMCG_SOCK,
	MEMCG_SWAP,
	type MemCgroup,
	NR_ANON_MAPPED,
	NR_FILE_PAGES,
	NR_PAGETABLE,
	NR_SHMEM,
} from "./memcontrol.ts";
import type { MemoryManager } from "./memory.ts";
import type { MmStruct } from "./mm-struct.ts";
import { PAGE_SIZE, PG_ANON, PG_LRU, PG_SWAPBACKED } from "./page.ts";

interface Own {
	anon: number;
	file: number;
	shmem: number;
	swap: number;
	pgtables: number;
	lru: number;
	/** Socket pages charged to the memcg: cgroup2's (memory), v1's (tcpmem). */
	sock: number;
	tcp: number;
}

export function checkMemoryInvariants(mm: MemoryManager): string[] {
	const bad: string[] = [];
	const root = mm.rootMemcg;
	if (root === null) return bad;
	const own = new Map<MemCgroup, Own>();
	const ownOf = (m: MemCgroup): Own => {
		let o = own.get(m);
		if (o === undefined) {
			o = { anon: 0, file: 0, shmem: 0, swap: 0, pgtables: 0, lru: 0, sock: 0, tcp: 0 };
			own.set(m, o);
		}
		return o;
	};
	let frames = 0;
	let slots = 0;
	const mmCounts = new Map<MmStruct, { rss: number; swapents: number }>();
	const map = mm.map;
	for (const owner of mm.allOwners()) {
		let rss = 0;
		let swapents = 0;
		for (let i = 0; i < owner.ptes.length; i++) {
			const pte = owner.ptes[i]!;
			if (pte > 0) {
				const pfn = pte - 1;
				frames++;
				rss++;
				if (map.owner[pfn] !== owner.ownerId || map.index[pfn] !== i) {
					bad.push(`page ${pfn}: reverse map points elsewhere`);
				}
				const m = mm.memcgOfPage(pfn);
				if (m === null) continue;
				const o = ownOf(m);
				const f = map.flags[pfn]!;
				if (f & PG_ANON) o.anon++;
				else {
					o.file++;
					if (f & PG_SWAPBACKED) o.shmem++;
				}
				if (!(f & PG_LRU)) bad.push(`page ${pfn}: mapped but on no LRU list`);
			} else if (pte < 0) {
				slots++;
				swapents++;
				const m = mm.memcgFromId(mm.swap.memcg[-pte - 1]!);
				if (m !== null) ownOf(m).swap++;
			}
		}
		if (owner.mm !== null) {
			const vm = owner.mm;
			if (vm.dead) bad.push(`owner ${owner.ownerId}: region of a dead mm still registered`);
			const c = mmCounts.get(vm) ?? { rss: 0, swapents: 0 };
			c.rss += rss;
			c.swapents += swapents;
			mmCounts.set(vm, c);
		}
		if ("ptePages" in owner) {
			for (const id of owner.ptePages as Int32Array) {
				if (id > 0) {
					const m = mm.memcgFromId(id);
					if (m !== null) ownOf(m).pgtables++;
				}
			}
		}
	}
	for (const [vm, c] of mmCounts) {
		if (vm.anonRss !== c.rss)
			bad.push(`mm of ${vm.owner.pid}: anon rss ${vm.anonRss}, ${c.rss} present`);
		if (vm.swapents !== c.swapents)
			bad.push(`mm of ${vm.owner.pid}: swapents ${vm.swapents}, ${c.swapents}`);
	}
	if (frames !== map.nrAllocated)
		bad.push(`frames: ${map.nrAllocated} allocated, ${frames} mapped`);
	if (slots !== mm.swap.inuse) bad.push(`swap: ${mm.swap.inuse} slots in use, ${slots} referenced`);
	// Sockets: forward_alloc + queues = pages; the memcg has them all.
	let tcpPages = 0;
	for (const sk of mm.kernel.net.socks) {
		const name = `socket ${sk.id}`;
		tcpPages += sk.allocatedPages;
		let wq = 0;
		for (const skb of sk.writeQueue) wq += skb.truesize;
		let rq = 0;
		for (const skb of sk.receiveQueue) rq += skb.truesize;
		if (wq !== sk.wmemQueued) bad.push(`${name}: wmem_queued ${sk.wmemQueued}, queue ${wq}`);
		if (rq !== sk.rmemAlloc) bad.push(`${name}: rmem_alloc ${sk.rmemAlloc}, queue ${rq}`);
		if (sk.forwardAlloc < 0) bad.push(`${name}: forward_alloc ${sk.forwardAlloc}`);
		if (sk.forwardAlloc + wq + rq !== sk.allocatedPages * PAGE_SIZE)
			bad.push(
				`${name}: forward_alloc ${sk.forwardAlloc} + queues ${wq + rq} != ${sk.allocatedPages} pages`,
			);
		const m = sk.memcg;
		if (m === null) {
			if (sk.memcgPages !== 0) bad.push(`${name}: ${sk.memcgPages} pages charged to no memcg`);
			continue;
		}
		if (sk.memcgPages !== sk.allocatedPages)
			bad.push(`${name}: ${sk.memcgPages} pages charged to its memcg, ${sk.allocatedPages} held`);
		if (m.freed) bad.push(`${name}: its memcg was freed`);
		if (sk.memcgV1) ownOf(m).tcp += sk.memcgPages;
		else ownOf(m).sock += sk.memcgPages;
	}
	if (tcpPages !== mm.kernel.net.tcpMemoryAllocated)
		bad.push(`tcp_memory_allocated ${mm.kernel.net.tcpMemoryAllocated}, sockets ${tcpPages}`);
	// LRU lists against their counts and flags.
	const walk = (m: MemCgroup): void => {
		for (const l of m.lruvecs) {
			for (let lru = 0; lru < 5; lru++) {
				let n = 0;
				for (let pfn = l.head[lru]!; pfn >= 0; pfn = map.next[pfn]!) {
					n++;
					if (pageLru(map.flags[pfn]!) !== lru)
						bad.push(`page ${pfn}: on list ${lru}, flags say otherwise`);
					if (mm.memcgOfPage(pfn) !== m && !(m.isRoot && mm.memcgOfPage(pfn) === null)) {
						bad.push(`page ${pfn}: on a lruvec of another memcg`);
					}
					if (n > map.totalPages) {
						bad.push(`lruvec list ${lru}: cycle`);
						break;
					}
				}
				if (n !== l.size[lru])
					bad.push(`${m.cgroup.path()} lru ${lru}: ${l.size[lru]} counted, ${n} listed`);
				ownOf(m).lru += n;
			}
		}
		for (const c of m.childMemcgs) walk(c);
	};
	walk(root);
	// Counters and statistics.
	const check = (
		m: MemCgroup,
	): { memory: number; memsw: number; kmem: number; swap: number; tcp: number } => {
		const o = ownOf(m);
		const name = m.cgroup.path() + (m.dying ? " (dying)" : "");
		if (m.stat[NR_ANON_MAPPED] !== o.anon)
			bad.push(`${name}: rss ${m.stat[NR_ANON_MAPPED]}, ${o.anon} pages`);
		if (m.stat[NR_FILE_PAGES] !== o.file)
			bad.push(`${name}: cache ${m.stat[NR_FILE_PAGES]}, ${o.file} pages`);
		if (m.stat[NR_SHMEM] !== o.shmem)
			bad.push(`${name}: shmem ${m.stat[NR_SHMEM]}, ${o.shmem} pages`);
		if (m.stat[MEMCG_SWAP] !== o.swap)
			bad.push(`${name}: swap ${m.stat[MEMCG_SWAP]}, ${o.swap} entries`);
		if (m.nrSwapEntries !== o.swap)
			bad.push(`${name}: ${m.nrSwapEntries} swap entries counted, ${o.swap}`);
		if (m.stat[NR_PAGETABLE] !== o.pgtables)
			bad.push(`${name}: pagetables ${m.stat[NR_PAGETABLE]}, ${o.pgtables}`);
		if (o.lru !== o.anon + o.file)
			bad.push(`${name}: ${o.lru} pages on lists, ${o.anon + o.file} charged`);
		if (m.stat[MEMCG_SOCK] !== o.sock)
			bad.push(`${name}: sock ${m.stat[MEMCG_SOCK]}, ${o.sock} socket pages`);
		let memory = o.anon + o.file + o.pgtables + m.slabPages + mm.stockedPages(m) + o.sock;
		let tcp = o.tcp;
		let memsw = memory + o.swap;
		let kmem = o.pgtables + m.slabPages;
		let swap = o.swap;
		// propagate_protected_usage(): each level's protected usage and its children's sum.
		let childMin = 0;
		let childLow = 0;
		for (const c of m.childMemcgs) {
			childMin += c.memory.minUsage;
			childLow += c.memory.lowUsage;
		}
		if (m.memory.childrenMinUsage !== childMin || m.memory.childrenLowUsage !== childLow)
			bad.push(
				`${name}: children's protected usage ${m.memory.childrenMinUsage}/${m.memory.childrenLowUsage}, ${childMin}/${childLow}`,
			);
		if (!m.isRoot) {
			const u = m.memory.usage;
			if (
				m.memory.minUsage !== Math.min(u, m.memory.min) ||
				m.memory.lowUsage !== Math.min(u, m.memory.low)
			)
				bad.push(`${name}: protected usage ${m.memory.minUsage}/${m.memory.lowUsage} of ${u}`);
		}
		for (const c of m.childMemcgs) {
			const sub = check(c);
			memory += sub.memory;
			memsw += sub.memsw;
			kmem += sub.kmem;
			swap += sub.swap;
			tcp += sub.tcp;
		}
		if (!m.isRoot) {
			if (m.memory.usage !== memory)
				bad.push(`${name}: memory.usage ${m.memory.usage}, charges ${memory}`);
			if (mm.doMemswAccount && m.memsw.usage !== memsw) {
				bad.push(`${name}: memsw.usage ${m.memsw.usage}, charges ${memsw}`);
			}
			if (m.kmem.usage !== kmem) bad.push(`${name}: kmem.usage ${m.kmem.usage}, charges ${kmem}`);
			if (m.tcpmem.usage !== tcp)
				bad.push(`${name}: tcpmem.usage ${m.tcpmem.usage}, sockets ${tcp}`);
			// cgroup2 charges swap entries to the swap counter (v1 keeps it at 0).
			const swapCharged = mm.onDfl ? swap : 0;
			if (m.swap.usage !== swapCharged)
				bad.push(`${name}: swap.usage ${m.swap.usage}, entries ${swapCharged}`);
			if (m.memory.usage > m.memory.watermark) bad.push(`${name}: usage above its high-water mark`);
		}
		// The root's own charges are not counted; its counter holds its children's.
		return m.isRoot
			? { memory: 0, memsw: 0, kmem: 0, swap: 0, tcp: 0 }
			: { memory, memsw, kmem, swap, tcp };
	};
	check(root);
	return bad;
}
