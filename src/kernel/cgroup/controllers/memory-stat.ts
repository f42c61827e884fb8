/**
 * memory.stat and memory.numa_stat. Cgroup v1 (memcg1_stat_format(),
 * memcg_numa_stat_show()): the cgroup's own counts, its hierarchical
 * limits, then the same counts for its subtree with a total_ prefix; sizes
 * are bytes, events are counts; numa_stat is in pages per node. Cgroup2
 * (memcg_stat_format(), memory_numa_stat_show()): the subtree's counts
 * only, in the kernel's order (memory_stats[], then the events of
 * memcg_vm_event_stat[]) for its configuration (CONFIG_SWAP, CONFIG_ZSWAP,
 * CONFIG_TRANSPARENT_HUGEPAGE, CONFIG_NUMA_BALANCING on the reference
 * kernel); what the model does not have (kernel stacks, zswap,
 * THP, demotion, ...) reads 0, as on a kernel that has none of it.
 */
import type { Kernel } from "../../kernel.ts";
import {
	LRU_ACTIVE_ANON,
	LRU_ACTIVE_FILE,
	LRU_INACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_UNEVICTABLE,
} from "../../mm/lruvec.ts";
import {
	MEMCG_SOCK,
	MEMCG_SWAP,
	type MemCgroup,
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
	PGPGIN,
	PGPGOUT,
	PGREFILL,
	PGSCAN,
	PGSTEAL,
	WORKINGSET_ACTIVATE_ANON,
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_REFAULT_ANON,
	WORKINGSET_REFAULT_FILE,
} from "../../mm/memcontrol.ts";
import { PAGE_SIZE, PG_ANON, PG_SWAPBACKED } from "../../mm/page.ts";

/** memcg1_stats[] with memcg1_stat_names[]; swapcached is never non-zero (no swap cache here). */
const STATS: readonly [string, number | null][] = [
	["cache", NR_FILE_PAGES],
	["rss", NR_ANON_MAPPED],
	["rss_huge", NR_ANON_THPS],
	["shmem", NR_SHMEM],
	["mapped_file", NR_FILE_MAPPED],
	["dirty", NR_FILE_DIRTY],
	["writeback", NR_WRITEBACK],
	["workingset_refault_anon", WORKINGSET_REFAULT_ANON],
	["workingset_refault_file", WORKINGSET_REFAULT_FILE],
	["swap", MEMCG_SWAP],
	["swapcached", null],
];

/** memcg1_events[]. */
const EVENTS: readonly [string, number][] = [
	["pgpgin", PGPGIN],
	["pgpgout", PGPGOUT],
	["pgfault", PGFAULT],
	["pgmajfault", PGMAJFAULT],
];

/** mem_cgroup_lru_names[]. */
const LRUS: readonly [string, number][] = [
	["inactive_anon", LRU_INACTIVE_ANON],
	["active_anon", LRU_ACTIVE_ANON],
	["inactive_file", LRU_INACTIVE_FILE],
	["active_file", LRU_ACTIVE_FILE],
	["unevictable", LRU_UNEVICTABLE],
];

/** memcg1_stat_format(). */
export function memoryStat(kernel: Kernel, memcg: MemCgroup): string {
	let out = "";
	const section = (prefix: string, total: boolean): void => {
		for (const [name, item] of STATS) {
			const pages = item === null ? 0 : total ? memcg.statTotal(item) : memcg.stat[item]!;
			out += `${prefix}${name} ${pages * PAGE_SIZE}\n`;
		}
		for (const [name, ev] of EVENTS) {
			out += `${prefix}${name} ${total ? memcg.eventTotal(ev) : memcg.events[ev]!}\n`;
		}
		for (const [name, lru] of LRUS) {
			out += `${prefix}${name} ${(total ? memcg.lruPagesTotal(lru) : memcg.lruPages(lru)) * PAGE_SIZE}\n`;
		}
	};
	section("", false);
	// Hierarchical limits: the smallest on the way to the root.
	let memory = Number.POSITIVE_INFINITY;
	let memsw = Number.POSITIVE_INFINITY;
	for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
		memory = Math.min(memory, m.memory.max);
		memsw = Math.min(memsw, m.memsw.max);
	}
	out += `hierarchical_memory_limit ${BigInt(memory) * BigInt(PAGE_SIZE)}\n`;
	if (kernel.mm.doMemswAccount)
		out += `hierarchical_memsw_limit ${BigInt(memsw) * BigInt(PAGE_SIZE)}\n`;
	section("total_", true);
	return out;
}

/** memcg_numa_stat_show(): pages per node of the LRU lists, own then hierarchical. */
export function memoryNumaStat(kernel: Kernel, memcg: MemCgroup): string {
	const nodes = kernel.machine.nodesWithMemory.toArray();
	const kinds: readonly [string, readonly number[]][] = [
		[
			"total",
			[LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE, LRU_UNEVICTABLE],
		],
		["file", [LRU_INACTIVE_FILE, LRU_ACTIVE_FILE]],
		["anon", [LRU_INACTIVE_ANON, LRU_ACTIVE_ANON]],
		["unevictable", [LRU_UNEVICTABLE]],
	];
	let out = "";
	for (const hier of [false, true]) {
		for (const [name, lrus] of kinds) {
			const perNode = nodes.map((n) =>
				lrus.reduce(
					(sum, lru) => sum + (hier ? memcg.lruvecTotal(n, lru) : memcg.lruvecs[n]!.size[lru]!),
					0,
				),
			);
			const total = perNode.reduce((a, b) => a + b, 0);
			out += `${hier ? "hierarchical_" : ""}${name}=${total}`;
			nodes.forEach((n, i) => {
				out += ` N${n}=${perNode[i]}`;
			});
			out += "\n";
		}
	}
	return out;
}

/** How a cgroup2 memory.stat line gets its value, in the kernel's output unit. */
type StatSource =
	| { readonly stat: number; readonly unit: 1 | typeof PAGE_SIZE }
	| { readonly lru: number }
	| "kernel"
	| "slab"
	| null;

/**
 * memory_stats[] (6.12) and whether each is a node stat item (those make
 * memory.numa_stat); null sources are not modelled and read 0.
 */
const V2_STATS: readonly (readonly [string, StatSource, boolean])[] = [
	["anon", { stat: NR_ANON_MAPPED, unit: PAGE_SIZE }, true],
	["file", { stat: NR_FILE_PAGES, unit: PAGE_SIZE }, true],
	["kernel", "kernel", false],
	["kernel_stack", null, true],
	["pagetables", { stat: NR_PAGETABLE, unit: PAGE_SIZE }, true],
	["sec_pagetables", null, true],
	["percpu", null, false],
	["sock", { stat: MEMCG_SOCK, unit: PAGE_SIZE }, false],
	["vmalloc", null, false],
	["shmem", { stat: NR_SHMEM, unit: PAGE_SIZE }, true],
	["zswap", null, false],
	["zswapped", null, false],
	["file_mapped", { stat: NR_FILE_MAPPED, unit: PAGE_SIZE }, true],
	["file_dirty", { stat: NR_FILE_DIRTY, unit: PAGE_SIZE }, true],
	["file_writeback", { stat: NR_WRITEBACK, unit: PAGE_SIZE }, true],
	["swapcached", null, true],
	["anon_thp", { stat: NR_ANON_THPS, unit: PAGE_SIZE }, true],
	["file_thp", null, true],
	["shmem_thp", null, true],
	["inactive_anon", { lru: LRU_INACTIVE_ANON }, true],
	["active_anon", { lru: LRU_ACTIVE_ANON }, true],
	["inactive_file", { lru: LRU_INACTIVE_FILE }, true],
	["active_file", { lru: LRU_ACTIVE_FILE }, true],
	["unevictable", { lru: LRU_UNEVICTABLE }, true],
	["slab_reclaimable", null, true],
	["slab_unreclaimable", "slab", true],
	["workingset_refault_anon", { stat: WORKINGSET_REFAULT_ANON, unit: 1 }, true],
	["workingset_refault_file", { stat: WORKINGSET_REFAULT_FILE, unit: 1 }, true],
	["workingset_activate_anon", { stat: WORKINGSET_ACTIVATE_ANON, unit: 1 }, true],
	["workingset_activate_file", { stat: WORKINGSET_ACTIVATE_FILE, unit: 1 }, true],
	["workingset_restore_anon", null, true],
	["workingset_restore_file", null, true],
	["workingset_nodereclaim", null, true],
	["pgdemote_kswapd", null, true],
	["pgdemote_direct", null, true],
	["pgdemote_khugepaged", null, true],
	["pgpromote_success", null, true],
];

/**
 * memcg_vm_event_stat[] without pgpgin/pgpgout (memory.stat skips them),
 * after the pgscan and pgsteal sums. All reclaim here is direct reclaim.
 */
const V2_EVENTS: readonly (readonly [string, number | null])[] = [
	["pgscan_kswapd", null],
	["pgscan_direct", PGSCAN],
	["pgscan_khugepaged", null],
	["pgsteal_kswapd", null],
	["pgsteal_direct", PGSTEAL],
	["pgsteal_khugepaged", null],
	["pgfault", PGFAULT],
	["pgmajfault", PGMAJFAULT],
	["pgrefill", PGREFILL],
	["pgactivate", PGACTIVATE],
	["pgdeactivate", PGDEACTIVATE],
	["pglazyfree", null],
	["pglazyfreed", null],
	["swpin_zero", null],
	["swpout_zero", null],
	["zswpin", null],
	["zswpout", null],
	["zswpwb", null],
	["thp_fault_alloc", null],
	["thp_collapse_alloc", null],
	["thp_swpout", null],
	["thp_swpout_fallback", null],
	["numa_pages_migrated", null],
	["numa_pte_updates", null],
	["numa_hint_faults", null],
];

/** The kernel objects charged in the subtree: the structures of its memcgs' children. */
function slabPagesTotal(memcg: MemCgroup): number {
	let n = 0;
	for (const m of memcg.subtree()) n += m.slabPages;
	return n;
}

function v2Value(memcg: MemCgroup, src: StatSource): number {
	if (src === null) return 0;
	if (src === "kernel") return (memcg.statTotal(NR_PAGETABLE) + slabPagesTotal(memcg)) * PAGE_SIZE;
	if (src === "slab") return slabPagesTotal(memcg) * PAGE_SIZE;
	if ("lru" in src) return memcg.lruPagesTotal(src.lru) * PAGE_SIZE;
	return memcg.statTotal(src.stat) * src.unit;
}

/** memcg_stat_format(): cgroup2's memory.stat, every value hierarchical. */
export function memcgStatFormat(memcg: MemCgroup): string {
	let out = "";
	for (const [name, src] of V2_STATS) {
		const v = v2Value(memcg, src);
		out += `${name} ${v}\n`;
		// slab: the sum of both slab lines, right after the unreclaimable one.
		if (name === "slab_unreclaimable") out += `slab ${v}\n`;
	}
	out += `pgscan ${memcg.eventTotal(PGSCAN)}\n`;
	out += `pgsteal ${memcg.eventTotal(PGSTEAL)}\n`;
	for (const [name, ev] of V2_EVENTS) out += `${name} ${ev === null ? 0 : memcg.eventTotal(ev)}\n`;
	return out;
}

/**
 * The per-node values of the node stat items of cgroup2's numa_stat. The
 * LRU sizes are kept per node; anon, file and shmem pages are counted on
 * the subtree's lists of each node. Counts the model keeps per memcg only
 * (page tables, workingset events, THPs) go to the first node with memory.
 */
function perNodeValues(
	memcg: MemCgroup,
	mm: Kernel["mm"],
	nodes: readonly number[],
): Map<string, number[]> {
	const out = new Map<string, number[]>();
	const pages = (name: string): number[] => {
		let a = out.get(name);
		if (a === undefined) {
			a = nodes.map(() => 0);
			out.set(name, a);
		}
		return a;
	};
	const map = mm.map;
	for (const m of memcg.subtree()) {
		nodes.forEach((n, i) => {
			const l = m.lruvecs[n];
			if (l === undefined) return;
			for (let lru = 0; lru < 5; lru++) {
				for (let pfn = l.head[lru]!; pfn >= 0; pfn = map.next[pfn]!) {
					const f = map.flags[pfn]!;
					if (f & PG_ANON) pages("anon")[i]!++;
					else {
						pages("file")[i]!++;
						if (f & PG_SWAPBACKED) pages("shmem")[i]!++;
					}
				}
			}
		});
	}
	return out;
}

/** memory_numa_stat_show(): cgroup2's numa_stat, the node items of memory.stat per node. */
export function memoryNumaStatV2(kernel: Kernel, memcg: MemCgroup): string {
	const nodes = kernel.machine.nodesWithMemory.toArray();
	const scanned = perNodeValues(memcg, kernel.mm, nodes);
	let out = "";
	for (const [name, src, nodeItem] of V2_STATS) {
		if (!nodeItem) continue;
		out += name;
		nodes.forEach((n, i) => {
			let v: number;
			if (src !== null && src !== "kernel" && src !== "slab" && "lru" in src)
				v = memcg.lruvecTotal(n, src.lru) * PAGE_SIZE;
			else if (name === "anon" || name === "file" || name === "shmem")
				v = (scanned.get(name)?.[i] ?? 0) * PAGE_SIZE;
			else v = i === 0 ? v2Value(memcg, src) : 0;
			out += ` N${n}=${v}`;
		});
		out += "\n";
	}
	return out;
}
