/**
 * The memory controller (mm/memcontrol.c, mm/memcontrol-v1.c): the cgroup
 * v1 files of mem_cgroup_legacy_files[] and memsw_files[], the cgroup2
 * files (memory-v2.ts), and the css life cycle. The charging, reclaim and OOM machinery it drives lives in
 * src/kernel/mm/ (memory.ts, vmscan.ts, oom-kill.ts); the state of a memory
 * cgroup is struct mem_cgroup (mm/memcontrol.ts).
 *
 * Charge moving at attach (move_charge_at_immigrate) exists only when the
 * kernel is configured as the kernels that had it (KernelConfig
 * memcgMoveCharge); the reference kernel (6.18) accepts only 0.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { strstrip } from "../../kstrto.ts";
import {
	MEMCG_OOM_KILL,
	MEMCG_SWAP,
	MemCgroup,
	NR_ANON_MAPPED,
	NR_FILE_PAGES,
} from "../../mm/memcontrol.ts";
import type { MemoryManager } from "../../mm/memory.ts";
import { PAGE_SIZE } from "../../mm/page.ts";
import { type PageCounter, pageCounterMemparse } from "../../mm/page-counter.ts";
import { simpleStrtoull } from "../../scan.ts";
import type { Task } from "../../task.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CFTYPE_NO_PREFIX } from "../defs.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";
import { moveChargeOps } from "./memory-move.ts";
import { memoryNumaStat, memoryStat } from "./memory-stat.ts";
import { dflFiles, memcgCssReset } from "./memory-v2.ts";

/** MAX_SWAPPINESS. */
const MAX_SWAPPINESS = 200;

/** The counter a file is about (enum res_type). */
type ResType = "mem" | "memsw" | "kmem" | "tcp";
/** enum res_attr (RES_USAGE, RES_LIMIT, ...). */
type ResAttr = "usage" | "limit" | "maxUsage" | "failcnt" | "softLimit";

function counterOf(memcg: MemCgroup, type: ResType): PageCounter {
	switch (type) {
		case "mem":
			return memcg.memory;
		case "memsw":
			return memcg.memsw;
		case "kmem":
			return memcg.kmem;
		case "tcp":
			return memcg.tcpmem;
	}
}

/**
 * mem_cgroup_usage(): the root's usage is what its pages add up to (its
 * own charges are not counted); others read the counter.
 */
function usagePages(memcg: MemCgroup, swap: boolean): number {
	if (!memcg.isRoot) return (swap ? memcg.memsw : memcg.memory).usage;
	let n = memcg.statTotal(NR_FILE_PAGES) + memcg.statTotal(NR_ANON_MAPPED);
	if (swap) n += memcg.statTotal(MEMCG_SWAP);
	return n;
}

/** mem_cgroup_read_u64(). */
function readU64(memcg: MemCgroup, type: ResType, attr: ResAttr): bigint {
	const c = counterOf(memcg, type);
	const bytes = (pages: number): bigint => BigInt(pages) * BigInt(PAGE_SIZE);
	switch (attr) {
		case "usage":
			return bytes(
				type === "mem" || type === "memsw" ? usagePages(memcg, type === "memsw") : c.usage,
			);
		case "limit":
			return bytes(c.max);
		case "maxUsage":
			return bytes(c.watermark);
		case "failcnt":
			return BigInt(c.failcnt);
		case "softLimit":
			return bytes(memcg.softLimit);
	}
}

/**
 * mem_cgroup_resize_max(): keep limit <= memsw.limit (EINVAL), then set the
 * limit, draining the stocks once and reclaiming while that makes progress;
 * EBUSY when the usage cannot come down far enough.
 */
function resizeMax(mm: MemoryManager, memcg: MemCgroup, max: number, memsw: boolean): void {
	const counter = memsw ? memcg.memsw : memcg.memory;
	let drained = false;
	let enlarge = false;
	for (;;) {
		const invariant = memsw ? max >= memcg.memory.max : max <= memcg.memsw.max;
		if (!invariant) throw new KernelError("EINVAL");
		if (max > counter.max) enlarge = true;
		if (counter.usage <= max) {
			counter.max = max;
			break;
		}
		if (!drained) {
			mm.drainAllStock(memcg);
			drained = true;
			continue;
		}
		if (mm.reclaim(memcg, 1, !memsw) === 0) throw new KernelError("EBUSY");
	}
	if (enlarge) mm.oomRecover(memcg);
}

const DEPRECATED =
	"Please report your usecase to linux-mm@kvack.org if you depend on this functionality.";

/** mem_cgroup_write(): limits (RES_LIMIT) and the soft limit. */
function writeLimit(
	kernel: Kernel,
	memcg: MemCgroup,
	type: ResType,
	attr: ResAttr,
	buf: string,
): void {
	const nrPages = pageCounterMemparse(strstrip(buf), "-1");
	if (attr === "softLimit") {
		kernel.printkOnce(`soft_limit_in_bytes is deprecated and will be removed. ${DEPRECATED}`);
		memcg.softLimit = nrPages;
		return;
	}
	if (memcg.isRoot) throw new KernelError("EINVAL");
	switch (type) {
		case "mem":
			resizeMax(kernel.mm, memcg, nrPages, false);
			return;
		case "memsw":
			resizeMax(kernel.mm, memcg, nrPages, true);
			return;
		case "kmem":
			kernel.printkOnce(
				`kmem.limit_in_bytes is deprecated and will be removed. Writing any value to this file has no effect. ${DEPRECATED}`,
			);
			return;
		case "tcp":
			kernel.printkOnce(`kmem.tcp.limit_in_bytes is deprecated and will be removed. ${DEPRECATED}`);
			memcg.tcpmem.setMax(nrPages);
			// memcg_update_tcp_max(): from now on new sockets of the memcg are charged.
			memcg.tcpmemActive = true;
			return;
	}
}

/** mem_cgroup_reset(): any write resets the high-water mark (to the usage) or the failure count. */
function reset(memcg: MemCgroup, type: ResType, attr: ResAttr): void {
	const c = counterOf(memcg, type);
	if (attr === "maxUsage") c.resetWatermark();
	else c.failcnt = 0;
}

/** The files of one counter: the ones mem_cgroup_legacy_files[] and memsw_files[] list for it. */
function counterFiles(
	kernel: Kernel,
	type: ResType,
	prefix: string,
	attrs: readonly ResAttr[],
): CfType<MemCgroup>[] {
	const name: Record<ResAttr, string> = {
		usage: "usage_in_bytes",
		maxUsage: "max_usage_in_bytes",
		limit: "limit_in_bytes",
		softLimit: "soft_limit_in_bytes",
		failcnt: "failcnt",
	};
	return attrs.map((attr): CfType<MemCgroup> => {
		const cft: CfType<MemCgroup> = {
			name: `${prefix}${name[attr]}`,
			readU64: (css) => readU64(css, type, attr),
		};
		if (attr === "limit" || attr === "softLimit") {
			return {
				...cft,
				write: (o, buf, nbytes) => {
					writeLimit(kernel, o.css, type, attr, buf);
					return nbytes;
				},
			};
		}
		if (attr === "maxUsage" || attr === "failcnt") {
			return {
				...cft,
				write: (o, _buf, nbytes) => {
					reset(o.css, type, attr);
					return nbytes;
				},
			};
		}
		return cft;
	});
}

/**
 * memcg_write_event_control(): "<event_fd> <control_fd> [args]". Nothing
 * here is an eventfd, so a well-formed line fails on its first descriptor:
 * EBADF when it is not open, EINVAL when it is.
 */
function writeEventControl(kernel: Kernel, o: { current: Task }, buf: string): void {
	const s = strstrip(buf);
	const efd = simpleStrtoull(s, 0, 10);
	if (s[efd.end] !== " ") throw new KernelError("EINVAL");
	const cfd = simpleStrtoull(s, efd.end + 1, 10);
	const c = s[cfd.end];
	if (c !== undefined && c !== " ") throw new KernelError("EINVAL");
	const open = kernel.fdIsOpen?.(o.current, Number(efd.value)) ?? false;
	throw new KernelError(open ? "EINVAL" : "EBADF");
}

/** mem_cgroup_legacy_files[] followed by memsw_files[] (with swap accounting). */
function legacyFiles(kernel: Kernel): CfType<MemCgroup>[] {
	const mm = kernel.mm;
	const files: CfType<MemCgroup>[] = [
		...counterFiles(kernel, "mem", "", ["usage", "maxUsage", "limit", "softLimit", "failcnt"]),
		{ name: "stat", seqShow: (o) => memoryStat(kernel, o.css) },
		{
			name: "force_empty",
			/** mem_cgroup_force_empty_write(): reclaim all it can; the content does not matter. */
			write: (o, _buf, nbytes) => {
				if (o.css.isRoot) throw new KernelError("EINVAL");
				mm.forceEmpty(o.css);
				return nbytes;
			},
		},
		{
			name: "use_hierarchy",
			readU64: () => 1,
			/** mem_cgroup_hierarchy_write(): only 1 (hierarchical mode) remains. */
			writeU64: (_css, val) => {
				if (val === 1n) return;
				kernel.printkOnce(`Non-hierarchical mode is deprecated. ${DEPRECATED}`);
				throw new KernelError("EINVAL");
			},
		},
		{
			name: "cgroup.event_control",
			flags: CFTYPE_NO_PREFIX,
			write: (o, buf, nbytes) => {
				writeEventControl(kernel, o, buf);
				return nbytes;
			},
		},
		{
			name: "swappiness",
			readU64: (css) => css.swappiness,
			/** mem_cgroup_swappiness_write(): the root's is vm_swappiness. */
			writeU64: (css, val) => {
				if (val > BigInt(MAX_SWAPPINESS)) throw new KernelError("EINVAL");
				if (!css.isRoot) {
					kernel.printkOnce(
						"Per memcg swappiness does not exist in cgroup v2. See memory.reclaim or memory.swap.max there",
					);
				}
				css.swappiness = Number(val);
			},
		},
		{
			name: "move_charge_at_immigrate",
			readU64: (css) => css.moveChargeAtImmigrate,
			/** mem_cgroup_move_charge_write(). */
			writeU64: (css, val) => {
				kernel.printkOnce(
					`Cgroup memory moving (move_charge_at_immigrate) is deprecated. ${DEPRECATED}`,
				);
				const allowed = mm.moveCharge ? 3n : 0n;
				if ((val & ~allowed) !== 0n) throw new KernelError("EINVAL");
				css.moveChargeAtImmigrate = Number(val);
			},
		},
		{
			name: "oom_control",
			seqShow: (o) =>
				`oom_kill_disable ${o.css.oomKillDisable ? 1 : 0}\nunder_oom ${o.css.underOom > 0 ? 1 : 0}\noom_kill ${o.css.memoryEvents[MEMCG_OOM_KILL]}\n`,
			/** mem_cgroup_oom_control_write(). */
			writeU64: (css, val) => {
				kernel.printkOnce(
					"oom_control is deprecated and will be removed. Please report your usecase to linux-mm-@kvack.org if you depend on this functionality.",
				);
				if (css.isRoot || (val !== 0n && val !== 1n)) throw new KernelError("EINVAL");
				css.oomKillDisable = val === 1n;
				if (val === 0n) mm.oomRecover(css);
			},
		},
		{
			name: "pressure_level",
			/** mem_cgroup_dummy_seq_show(): only for cgroup.event_control. */
			seqShow: () => {
				throw new KernelError("EINVAL");
			},
		},
		{ name: "numa_stat", seqShow: (o) => memoryNumaStat(kernel, o.css) },
		...counterFiles(kernel, "kmem", "kmem.", ["limit", "usage", "failcnt", "maxUsage"]),
		{ name: "kmem.slabinfo", seqShow: () => "" },
		...counterFiles(kernel, "tcp", "kmem.tcp.", ["limit", "usage", "failcnt", "maxUsage"]),
	];
	if (mm.memswAccount) {
		files.push(
			...counterFiles(kernel, "memsw", "memsw.", ["usage", "maxUsage", "limit", "failcnt"]),
		);
	}
	return files;
}

export const MEMORY_SUBSYS: SubsystemDef<MemCgroup> = {
	name: "memory",
	legacyName: "memory",
	create: (kernel) => {
		const mm = kernel.mm;
		return {
			legacyCftypes: legacyFiles(kernel),
			dflCftypes: dflFiles(kernel),
			/** mem_cgroup_css_alloc(): counters chained to the parent's; swappiness and oom_kill_disable inherited. */
			cssAlloc: (parent: MemCgroup | null, cgroup: Cgroup, ss: Subsystem<MemCgroup>) => {
				const memcg = new MemCgroup(cgroup, ss, parent, kernel.machine.nrNodeIds);
				mm.registerMemcg(memcg);
				if (parent === null) {
					const ssid = ss.id;
					mm.memcgOfTask = (task) =>
						(task.cgroups?.subsys[ssid] as MemCgroup | null | undefined) ?? null;
				}
				return memcg;
			},
			/** mem_cgroup_css_offline(): the memcg is dying, unprotected; its pages stay charged until they go. */
			cssOffline: (css) => {
				css.dying = true;
				css.memory.setMin(0);
				css.memory.setLow(0);
				mm.drainAllStock(css);
				mm.oomRecover(css);
			},
			cssReset: (css) => memcgCssReset(css),
			bind: (rootCss) => mm.bindController(rootCss.cgroup.root.isDfl),
			exit: (task) => mm.taskExit(task),
			cssFree: (css) => {
				css.cssFreed = true;
				mm.maybeFreeMemcg(css);
			},
			...moveChargeOps(kernel),
		};
	},
};
