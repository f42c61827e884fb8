/**
 * struct page_counter (mm/page_counter.c): a hierarchical count of pages
 * with a limit at each level. A charge goes up to the root and fails at the
 * first level it would take past its limit (whose failcnt counts it), with
 * nothing charged anywhere.
 */
import { KernelError } from "../errno.ts";
import { memparse } from "../scan.ts";

/** PAGE_COUNTER_MAX: LONG_MAX / PAGE_SIZE on 64-bit. */
export const PAGE_COUNTER_MAX = 2 ** 51 - 1;

export class PageCounter {
	usage = 0;
	max = PAGE_COUNTER_MAX;
	/** The highest usage seen since the last reset. */
	watermark = 0;
	failcnt = 0;
	readonly parent: PageCounter | null;

	/** page_counter_init(). */
	constructor(parent: PageCounter | null) {
		this.parent = parent;
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
			if (next > c.watermark) c.watermark = next;
		}
		return null;
	}

	/** page_counter_charge(): every level, limits ignored. */
	charge(nrPages: number): void {
		for (let c: PageCounter | null = this; c !== null; c = c.parent) {
			c.usage += nrPages;
			if (c.usage > c.watermark) c.watermark = c.usage;
		}
	}

	/** page_counter_cancel(): this level only. */
	cancel(nrPages: number): void {
		this.usage -= nrPages;
		if (this.usage < 0) throw new Error(`page_counter underflow (${this.usage})`);
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

	/** page_counter_reset_watermark(). */
	resetWatermark(): void {
		this.watermark = this.usage;
	}
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
