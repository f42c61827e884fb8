/**
 * The hugetlb controller (mm/hugetlb_cgroup.c): per huge page size, two
 * hierarchical page counters per cgroup, one for the huge pages its tasks
 * faulted in and one for the pages their mappings reserved (rsvd), each
 * with a limit, a high-water mark and a count of refused charges. v1 names
 * the files after the size: hugetlb.2MB.limit_in_bytes, ...; cgroup2 has
 * hugetlb.2MB.max, .current, .events, ... (hugetlb_dfl_tmpl[]). The huge
 * pages themselves, and the charging, are in src/kernel/mm/hugetlb.ts.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { strstrip } from "../../kstrto.ts";
import { type HState, hugetlbOf, PAGE_SIZE } from "../../mm/hugetlb.ts";
import { PAGE_COUNTER_MAX, PageCounter, pageCounterMemparse } from "../../mm/page-counter.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import { CFTYPE_NOT_ON_ROOT } from "../defs.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";

/** struct hugetlb_cgroup. */
export class HugetlbCgroup extends CgroupSubsysState {
	/** hugepage[idx]: faulted-in pages, in base pages. */
	readonly hugepage: PageCounter[];
	/** rsvd_hugepage[idx]: reservations, in base pages. */
	readonly rsvdHugepage: PageCounter[];
	/** nodeinfo[node]->usage[idx]: this cgroup's own faulted pages per node (not hierarchical). */
	readonly nodeUsage: number[][];
	/** events[idx][HUGETLB_MAX]: charges refused in this cgroup or below (cgroup2's events). */
	readonly eventsMax: number[];
	/** events_local[idx][HUGETLB_MAX]: charges of this cgroup's tasks refused. */
	readonly eventsLocalMax: number[];
	/** cgroup_file_notify() of the events (or events.local) file of size `idx`; the controller sets it. */
	notifyEvents: ((idx: number, local: boolean) => void) | null = null;

	constructor(
		cgroup: Cgroup,
		ss: Subsystem<HugetlbCgroup>,
		parent: HugetlbCgroup | null,
		nrHstates: number,
		nrNodes: number,
	) {
		super(cgroup, ss, parent);
		this.hugepage = Array.from(
			{ length: nrHstates },
			(_, i) => new PageCounter(parent?.hugepage[i] ?? null),
		);
		this.rsvdHugepage = Array.from(
			{ length: nrHstates },
			(_, i) => new PageCounter(parent?.rsvdHugepage[i] ?? null),
		);
		this.nodeUsage = Array.from({ length: nrHstates }, () => new Array<number>(nrNodes).fill(0));
		this.eventsMax = new Array<number>(nrHstates).fill(0);
		this.eventsLocalMax = new Array<number>(nrHstates).fill(0);
	}

	get parentHcg(): HugetlbCgroup | null {
		return this.parent as HugetlbCgroup | null;
	}

	/** hugetlb_cgroup_charge_cgroup(): false when a limit on the way up refused. */
	chargeFault(idx: number, nrPages: number): boolean {
		return this.tryCharge(this.hugepage[idx]!, idx, nrPages);
	}

	/** hugetlb_cgroup_charge_cgroup_rsvd(): a reservation; false when a limit refused. */
	chargeRsvd(idx: number, nrPages: number): boolean {
		return this.tryCharge(this.rsvdHugepage[idx]!, idx, nrPages);
	}

	/** __hugetlb_cgroup_charge_cgroup(): a refusal is an event of this cgroup. */
	private tryCharge(counter: PageCounter, idx: number, nrPages: number): boolean {
		if (counter.tryCharge(nrPages) === null) return true;
		hugetlbEvent(this, idx);
		return false;
	}

	/** hugetlb_cgroup_commit_charge(): the per-node count of the page's cgroup. */
	commitCharge(idx: number, nrPages: number, node: number, sign: 1 | -1): void {
		this.nodeUsage[idx]![node]! += sign * nrPages;
	}

	/** hugetlb_cgroup_uncharge_folio(). */
	uncharge(idx: number, nrPages: number, node: number): void {
		this.hugepage[idx]!.uncharge(nrPages);
		this.commitCharge(idx, nrPages, node, -1);
	}
}

/**
 * hugetlb_event(): a refused charge counts in the charging cgroup's local
 * events, and in the events of it and its ancestors below the root.
 */
function hugetlbEvent(hcg: HugetlbCgroup, idx: number): void {
	hcg.eventsLocalMax[idx]!++;
	hcg.notifyEvents?.(idx, true);
	for (let c: HugetlbCgroup | null = hcg; c !== null; c = c.parentHcg) {
		if (c !== hcg && c.parentHcg === null) break;
		c.eventsMax[idx]!++;
		c.notifyEvents?.(idx, false);
	}
}

/** The RES_* attribute of a legacy file. */
type Attr = "usage" | "limit" | "maxUsage" | "failcnt";

/** hugetlb_cgroup_read_u64(). */
function readCounter(c: PageCounter, attr: Attr): bigint {
	switch (attr) {
		case "usage":
			return BigInt(c.usage) * BigInt(PAGE_SIZE);
		case "limit":
			return BigInt(c.max) * BigInt(PAGE_SIZE);
		case "maxUsage":
			return BigInt(c.watermark) * BigInt(PAGE_SIZE);
		case "failcnt":
			return BigInt(c.failcnt);
	}
}

/**
 * hugetlb_cgroup_write_legacy(): the root has no limit (EINVAL); the size is
 * rounded down to whole huge pages; EBUSY below the usage.
 */
function writeLimit(css: HugetlbCgroup, h: HState, rsvd: boolean, buf: string): void {
	if (css.parent === null) throw new KernelError("EINVAL");
	let nrPages = pageCounterMemparse(strstrip(buf), "-1");
	nrPages -= nrPages % h.pagesPerHugePage;
	(rsvd ? css.rsvdHugepage : css.hugepage)[h.index]!.setMax(nrPages);
}

/** hugetlb_cgroup_reset(): any write resets the high-water mark or the failure count. */
function reset(c: PageCounter, attr: Attr): void {
	if (attr === "maxUsage") c.resetWatermark();
	else c.failcnt = 0;
}

/**
 * hugetlb_cgroup_read_numa_stat(): on v1 this cgroup's own pages per node,
 * then the subtree's (hierarchical_total); on cgroup2 the subtree's only.
 */
function numaStat(kernel: Kernel, css: HugetlbCgroup, h: HState, legacy: boolean): string {
	const nodes = kernel.machine.nodesWithMemory.toArray();
	let out = "";
	if (legacy) {
		const own = css.nodeUsage[h.index]!;
		let local = 0;
		for (const n of nodes) local += own[n]!;
		out += `total=${local * PAGE_SIZE}`;
		for (const n of nodes) out += ` N${n}=${own[n]! * PAGE_SIZE}`;
		out += "\n";
	}
	out += `${legacy ? "hierarchical_" : ""}total=${css.hugepage[h.index]!.usage * PAGE_SIZE}`;
	for (const n of nodes) {
		let sum = 0;
		const walk = (c: HugetlbCgroup): void => {
			sum += c.nodeUsage[h.index]![n]!;
			for (const child of c.cgroup.children.values()) {
				const cc = child.subsys(c.ss!.id);
				if (cc !== null) walk(cc as HugetlbCgroup);
			}
		};
		walk(css);
		out += ` N${n}=${sum * PAGE_SIZE}`;
	}
	return `${out}\n`;
}

/** hugetlb_legacy_tmpl[] for one huge page size: "2MB.limit_in_bytes", ... */
function legacyFiles(kernel: Kernel, h: HState): CfType<HugetlbCgroup>[] {
	const counter = (name: string, rsvd: boolean, attr: Attr): CfType<HugetlbCgroup> => {
		const of = (css: HugetlbCgroup): PageCounter =>
			(rsvd ? css.rsvdHugepage : css.hugepage)[h.index]!;
		const cft: CfType<HugetlbCgroup> = {
			name: `${h.name}.${name}`,
			readU64: (css) => readCounter(of(css), attr),
		};
		if (attr === "limit") {
			return {
				...cft,
				write: (o, buf, nbytes) => {
					writeLimit(o.css, h, rsvd, buf);
					return nbytes;
				},
			};
		}
		if (attr === "maxUsage" || attr === "failcnt") {
			return {
				...cft,
				write: (o, _buf, nbytes) => {
					reset(of(o.css), attr);
					return nbytes;
				},
			};
		}
		return cft;
	};
	return [
		counter("limit_in_bytes", false, "limit"),
		counter("rsvd.limit_in_bytes", true, "limit"),
		counter("usage_in_bytes", false, "usage"),
		counter("rsvd.usage_in_bytes", true, "usage"),
		counter("max_usage_in_bytes", false, "maxUsage"),
		counter("rsvd.max_usage_in_bytes", true, "maxUsage"),
		counter("failcnt", false, "failcnt"),
		counter("rsvd.failcnt", true, "failcnt"),
		{ name: `${h.name}.numa_stat`, seqShow: (o) => numaStat(kernel, o.css, h, true) },
	];
}

/**
 * hugetlb_cgroup_read_u64_max() of a limit: "max" when no limit is set.
 * The limit a cgroup starts with is PAGE_COUNTER_MAX on the reference
 * kernel (v1 shows it unrounded) and "max" written is rounded down to whole
 * huge pages; both read as "max".
 */
function showMax(c: PageCounter, h: HState): string {
	const rounded = PAGE_COUNTER_MAX - (PAGE_COUNTER_MAX % h.pagesPerHugePage);
	if (c.max === PAGE_COUNTER_MAX || c.max === rounded) return "max\n";
	return `${BigInt(c.max) * BigInt(PAGE_SIZE)}\n`;
}

/** hugetlb_cgroup_write_dfl(): as v1's, with "max" for no limit. */
function writeMax(css: HugetlbCgroup, h: HState, rsvd: boolean, buf: string): void {
	if (css.parent === null) throw new KernelError("EINVAL");
	let nrPages = pageCounterMemparse(strstrip(buf), "max");
	nrPages -= nrPages % h.pagesPerHugePage;
	(rsvd ? css.rsvdHugepage : css.hugepage)[h.index]!.setMax(nrPages);
}

/** hugetlb_dfl_tmpl[] for one huge page size: "2MB.max", ... (none on the root). */
function dflFiles(kernel: Kernel, h: HState): CfType<HugetlbCgroup>[] {
	const i = h.index;
	const counter = (css: HugetlbCgroup, rsvd: boolean): PageCounter =>
		(rsvd ? css.rsvdHugepage : css.hugepage)[i]!;
	const max = (name: string, rsvd: boolean): CfType<HugetlbCgroup> => ({
		name: `${h.name}.${name}`,
		flags: CFTYPE_NOT_ON_ROOT,
		seqShow: (o) => showMax(counter(o.css, rsvd), h),
		write: (o, buf, nbytes) => {
			writeMax(o.css, h, rsvd, buf);
			return nbytes;
		},
	});
	const current = (name: string, rsvd: boolean): CfType<HugetlbCgroup> => ({
		name: `${h.name}.${name}`,
		flags: CFTYPE_NOT_ON_ROOT,
		seqShow: (o) => `${BigInt(counter(o.css, rsvd).usage) * BigInt(PAGE_SIZE)}\n`,
	});
	const events = (name: string, local: boolean): CfType<HugetlbCgroup> => ({
		name: `${h.name}.${name}`,
		flags: CFTYPE_NOT_ON_ROOT,
		/** __hugetlb_events_show(). */
		seqShow: (o) => `max ${(local ? o.css.eventsLocalMax : o.css.eventsMax)[i]}\n`,
	});
	return [
		max("max", false),
		max("rsvd.max", true),
		current("current", false),
		current("rsvd.current", true),
		events("events", false),
		events("events.local", true),
		{
			name: `${h.name}.numa_stat`,
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (o) => numaStat(kernel, o.css, h, false),
		},
	];
}

export const HUGETLB_SUBSYS: SubsystemDef<HugetlbCgroup> = {
	name: "hugetlb",
	legacyName: "hugetlb",
	create: (kernel) => {
		const hstates = () => hugetlbOf(kernel).hstates;
		return {
			legacyCftypes: hugetlbOf(kernel).hstates.flatMap((h) => legacyFiles(kernel, h)),
			dflCftypes: hugetlbOf(kernel).hstates.flatMap((h) => dflFiles(kernel, h)),
			/** hugetlb_cgroup_css_alloc(): counters chained to the parent's, no limits. */
			cssAlloc: (parent: HugetlbCgroup | null, cgroup: Cgroup, ss: Subsystem<HugetlbCgroup>) => {
				const hcg = new HugetlbCgroup(
					cgroup,
					ss,
					parent,
					hstates().length,
					kernel.machine.nrNodeIds,
				);
				hcg.notifyEvents = (idx, local) => {
					const name = `hugetlb.${hstates()[idx]!.name}.events${local ? ".local" : ""}`;
					kernel.cgroup.fileNotify(hcg.cgroup, name);
				};
				return hcg;
			},
			/**
			 * hugetlb_cgroup_css_offline(): the cgroup's faulted pages move to
			 * the parent, which already counts them hierarchically.
			 */
			cssOffline: (css) => {
				const parent = css.parentHcg;
				if (parent === null) return;
				for (const [h, folio] of [...hugetlbOf(kernel).foliosOf(css)]) {
					css.hugepage[h.index]!.cancel(h.pagesPerHugePage);
					css.commitCharge(h.index, h.pagesPerHugePage, folio.node, -1);
					parent.commitCharge(h.index, h.pagesPerHugePage, folio.node, 1);
					folio.hcg = parent;
				}
			},
			/** The exiting task's huge page mappings go with its address space (exit_mm()). */
			exit: (task) => hugetlbOf(kernel).exitMm(task),
		};
	},
};
