/**
 * struct page_counter (mm/page_counter.c): a hierarchical count of pages
 * with a limit at each level. A charge goes up to the root and fails at the
 * first level it would take past its limit (whose failcnt counts it), with
 * nothing charged anywhere.
 *
 * The memory counter of a memcg also carries the cgroup2 protection
 * (memory.min, memory.low): each level tracks how much of its usage its
 * own setting covers and hands the change up to its parent's
 * children_min_usage / children_low_usage (propagate_protected_usage()),
 * which is what the effective protection a reclaim computes top-down
 * (page_counter_calculate_protection()) distributes.
 */
import { KernelError } from "../errno.ts";
import { memparse } from "../scan.ts";

/** PAGE_COUNTER_MAX: LONG_MAX / PAGE_SIZE on 64-bit. */
export const PAGE_COUNTER_MAX = 2 ** 51 - 1;

export class PageCounter {
	usage = 0;
	max = PAGE_COUNTER_MAX;
	/** memory.high, swap.high: the throttling threshold (cgroup2). */
	high = PAGE_COUNTER_MAX;
	/** memory.min and memory.low: the declared protection. */
	min = 0;
	low = 0;
	/** The effective protection of the last reclaim walk (emin, elow). */
	emin = 0;
	elow = 0;
	/** The part of the usage this level's min/low covers (min_usage, low_usage). */
	minUsage = 0;
	lowUsage = 0;
	/** The children's protected usage summed (children_min_usage, children_low_usage). */
	childrenMinUsage = 0;
	childrenLowUsage = 0;
	/** The highest usage seen since the last reset. */
	watermark = 0;
	/** The highest usage since the last per-file reset of memory.peak (local_watermark). */
	localWatermark = 0;
	failcnt = 0;
	readonly parent: PageCounter | null;
	/** protection_support: the memory counter tracks protected usage. */
	readonly protection: boolean;
	/**
	 * Whether propagate_protected_usage() can change anything here: a
	 * protecting counter with a setting or protected usage (kept with them,
	 * so the charge paths of unprotected counters skip it).
	 */
	private tracked = false;

	/** page_counter_init(). */
	constructor(parent: PageCounter | null, protection = false) {
		this.parent = parent;
		this.protection = protection;
	}

	/** propagate_protected_usage(). */
	private propagateProtectedUsage(usage: number): void {
		const parent = this.parent;
		if (parent === null) return;
		const min = Math.min(usage, this.min);
		if (min !== this.minUsage) {
			parent.childrenMinUsage += min - this.minUsage;
			this.minUsage = min;
		}
		const low = Math.min(usage, this.low);
		if (low !== this.lowUsage) {
			parent.childrenLowUsage += low - this.lowUsage;
			this.lowUsage = low;
		}
		this.tracked = this.protection && this.min + this.low + this.minUsage + this.lowUsage > 0;
	}

	/** page_counter_try_charge(): null on success, else the counter whose limit refused. */
	tryCharge(nrPages: number): PageCounter | null {
		for (let c: PageCounter | null = this; c !== null; c = c.parent) {
			const next = c.usage + nrPages;
			if (next > c.max) {
				c.failcnt++;
				for (let d: PageCounter | null = this; d !== c && d !== null; d = d.parent)
					d.cancel(nrPages);
				return c;
			}
			c.usage = next;
			if (c.tracked) c.propagateProtectedUsage(next);
			// Both watermarks; the local one never passes the global one.
			if (next > c.localWatermark) {
				c.localWatermark = next;
				if (next > c.watermark) c.watermark = next;
			}
		}
		return null;
	}

	/** page_counter_charge(): every level, limits ignored. */
	charge(nrPages: number): void {
		for (let c: PageCounter | null = this; c !== null; c = c.parent) {
			const next = c.usage + nrPages;
			c.usage = next;
			if (c.tracked) c.propagateProtectedUsage(next);
			if (next > c.localWatermark) {
				c.localWatermark = next;
				if (next > c.watermark) c.watermark = next;
			}
		}
	}

	/** page_counter_cancel(): this level only. */
	cancel(nrPages: number): void {
		this.usage -= nrPages;
		if (this.usage < 0) throw new Error(`page_counter underflow (${this.usage})`);
		if (this.tracked) this.propagateProtectedUsage(this.usage);
	}

	/** page_counter_uncharge(): every level. */
	uncharge(nrPages: number): void {
		for (let c: PageCounter | null = this; c !== null; c = c.parent) c.cancel(nrPages);
	}

	/** page_counter_set_max(): EBUSY below the current usage. */
	setMax(nrPages: number): void {
		if (this.usage > nrPages) throw new KernelError("EBUSY");
		this.max = nrPages;
	}

	/** page_counter_set_min(): the setting, then every level's protected usage again. */
	setMin(nrPages: number): void {
		this.min = nrPages;
		this.tracked = this.protection;
		for (let c: PageCounter | null = this; c !== null; c = c.parent)
			c.propagateProtectedUsage(c.usage);
	}

	/** page_counter_set_low(). */
	setLow(nrPages: number): void {
		this.low = nrPages;
		this.tracked = this.protection;
		for (let c: PageCounter | null = this; c !== null; c = c.parent)
			c.propagateProtectedUsage(c.usage);
	}

	/** page_counter_reset_watermark(): both watermarks to the usage. */
	resetWatermark(): void {
		this.localWatermark = this.usage;
		this.watermark = this.usage;
	}

	/**
	 * page_counter_calculate_protection(): this level's emin and elow for a
	 * reclaim of `root`'s subtree, from its parent's (so a walk must go top
	 * down). The reclaim root's own values are left alone, as are those of a
	 * counter with nothing charged (they stay what they were).
	 */
	calculateProtection(root: PageCounter, recursiveProtection: boolean): void {
		if (root === this) return;
		const usage = this.usage;
		if (usage === 0) return;
		const parent = this.parent;
		if (parent === null) return;
		if (parent === root) {
			this.emin = this.min;
			this.elow = this.low;
			return;
		}
		const parentUsage = parent.usage;
		this.emin = effectiveProtection(
			usage,
			parentUsage,
			this.min,
			parent.emin,
			parent.childrenMinUsage,
			recursiveProtection,
		);
		this.elow = effectiveProtection(
			usage,
			parentUsage,
			this.low,
			parent.elow,
			parent.childrenLowUsage,
			recursiveProtection,
		);
	}
}

/** Unsigned long arithmetic on page counts: a product that may pass 2^53 is done in BigInt. */
function mulDiv(a: number, b: number, c: number): number {
	const p = a * b;
	if (p <= Number.MAX_SAFE_INTEGER) return Math.floor(p / c);
	return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * effective_protection(): what a level's min or low setting protects given
 * its parent's effective protection and how much its siblings claim. When
 * the siblings together claim more than the parent has, each gets a share
 * in proportion to the protected usage it claims; otherwise each keeps its
 * own, and with memory_recursiveprot the parent's unclaimed rest goes to
 * the children in proportion to their unprotected usage.
 */
export function effectiveProtection(
	usage: number,
	parentUsage: number,
	setting: number,
	parentEffective: number,
	siblingsProtected: number,
	recursiveProtection: boolean,
): number {
	const protectedPages = Math.min(usage, setting);
	if (siblingsProtected > parentEffective)
		return mulDiv(protectedPages, parentEffective, siblingsProtected);
	let ep = protectedPages;
	if (!recursiveProtection) return ep;
	if (
		parentEffective > siblingsProtected &&
		parentUsage > siblingsProtected &&
		usage > protectedPages
	) {
		ep += mulDiv(
			parentEffective - siblingsProtected,
			usage - protectedPages,
			parentUsage - siblingsProtected,
		);
	}
	return ep;
}

/**
 * page_counter_memparse(): `max` (v1's "-1") for no limit, else a memparse()
 * size in bytes turned into pages, rounded down and capped at
 * PAGE_COUNTER_MAX; EINVAL for anything else. The caller strips the buffer.
 */
export function pageCounterMemparse(buf: string, max: string, pageSize = 4096): number {
	if (buf === max) return PAGE_COUNTER_MAX;
	const r = memparse(buf);
	if (r.end !== buf.length) throw new KernelError("EINVAL");
	const pages = r.value / BigInt(pageSize);
	return pages > BigInt(PAGE_COUNTER_MAX) ? PAGE_COUNTER_MAX : Number(pages);
}
