/**
 * memory.stat and memory.numa_stat of cgroup v1 (memcg1_stat_format(),
 * memcg_numa_stat_show()): the cgroup's own counts, its hierarchical
 * limits, then the same counts for its subtree with a total_ prefix. Sizes
 * are bytes, events are counts; numa_stat is in pages per node.
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
	MEMCG_SWAP,
	type MemCgroup,
	NR_ANON_MAPPED,
	NR_ANON_THPS,
	NR_FILE_DIRTY,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_SHMEM,
	NR_WRITEBACK,
	PGFAULT,
	PGMAJFAULT,
	PGPGIN,
	PGPGOUT,
	WORKINGSET_REFAULT_ANON,
	WORKINGSET_REFAULT_FILE,
} from "../../mm/memcontrol.ts";
import { PAGE_SIZE } from "../../mm/page.ts";

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
