/**
 * Anonymous memory for emulated programs: mmap, touching pages (the page
 * faults the kernel's memory manager serves, charged to the process's
 * memcg) and munmap, with the time a touch takes. A fault that finds the
 * memcg out of memory ends as the kernel's does: the OOM killer chose a
 * victim (if it was this process, it never returns), or, with
 * oom_kill_disable set, the process waits uninterruptibly (state D) until
 * the memcg has room again and then retries the fault.
 */
import { FAULT_OK, FAULT_SIGSEGV } from "../../kernel/mm/memory.ts";
import type { AnonRegion } from "../../kernel/mm/mm-struct.ts";
import { PAGE_SIZE } from "../../kernel/mm/page.ts";
import { SIGSEGV } from "../../kernel/signal.ts";
import type { Sys } from "./sys.ts";
import type { Run } from "./types.ts";

/** CPU time of a first touch: the fault, zeroing the page (about 4 GiB/s). */
export const FAULT_NS = 1000;
/** CPU time of writing a page already present (about 40 GiB/s). */
export const TOUCH_NS = 100;
/** Extra time of a fault that reads the page back from swap. */
export const SWAPIN_NS = 20_000;
/** Pages touched between two looks at the clock and at signals. */
const CHUNK_PAGES = 256;
/** How long a fault that got no page waits before it is retried (the #PF retry). */
const RETRY_NS = 1_000_000;

/** mmap(NULL, bytes, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS): nothing is charged yet. */
export function mmapAnon(sys: Sys, bytes: number): AnonRegion {
	const mm = sys.task.mm;
	if (mm === null) throw new Error("mmap: the process has no address space");
	return sys.kernel.mm.mmapAnon(mm, Math.ceil(bytes / PAGE_SIZE));
}

/** Grow a region to `bytes` in place (brk, or realloc's mremap of a big block). */
export function growAnon(sys: Sys, r: AnonRegion, bytes: number): void {
	sys.kernel.mm.mremapAnon(r, Math.ceil(bytes / PAGE_SIZE));
}

/** munmap(): the region's pages and swap entries are freed and uncharged. */
export function munmap(sys: Sys, r: AnonRegion): void {
	if (!r.mm.dead && r.mm.regions.has(r)) sys.kernel.mm.munmap(r);
}

/** Keep a CPU busy for `ns` of emulated time (the work of touching memory). */
function* burn(sys: Sys, ns: number): Run<void> {
	if (ns <= 0) return;
	const sched = sys.kernel.sched;
	sched.setBusy(sys.task, true);
	try {
		yield* sys.sleepOn(null, sys.kernel.clock.now() + Math.ceil(ns), false);
	} finally {
		sched.setBusy(sys.task, false);
	}
}

/**
 * Write to pages [from, to) of a region, as a program's loop over the memory
 * would, faulting in what is not present. Returns when done, or early when
 * `stop` says so (it is asked between chunks); does not return if the
 * process is killed on the way.
 */
export function* touchPages(
	sys: Sys,
	r: AnonRegion,
	from = 0,
	to = r.nrPages,
	stop: () => boolean = () => false,
): Run<void> {
	const mm = sys.kernel.mm;
	const task = sys.task;
	let i = from;
	while (i < to && !stop()) {
		const end = Math.min(to, i + CHUNK_PAGES);
		let cost = 0;
		let res = FAULT_OK;
		for (; i < end; i++) {
			const pte = r.ptes[i]!;
			res = mm.touch(task, r, i);
			if (res !== FAULT_OK) break;
			cost += pte > 0 ? TOUCH_NS : pte < 0 ? FAULT_NS + SWAPIN_NS : FAULT_NS;
		}
		yield* burn(sys, cost);
		yield* sys.resumeUserMode();
		if (res === FAULT_SIGSEGV) yield* sys.kill(sys.pid, SIGSEGV);
		else if (res !== FAULT_OK) yield* faultFailed(sys);
	}
}

/**
 * pagefault_out_of_memory(): the end of a fault that got no memory. With
 * oom_kill_disable the task sleeps in mem_cgroup_oom_synchronize() until an
 * uncharge or a limit change wakes it; otherwise the OOM killer has acted
 * (a SIGKILL for this process ends it here) or nothing could be done, and
 * the fault is retried a moment later.
 */
function* faultFailed(sys: Sys): Run<void> {
	const mm = sys.kernel.mm;
	const task = sys.task;
	const memcg = mm.oomSynchronizeBegin(task);
	if (memcg !== null) {
		try {
			yield* sys.sleepOn(memcg.oomWaitq, -1, false);
		} finally {
			mm.oomSynchronizeEnd(task);
		}
	} else {
		yield* sys.sleepOn(null, sys.kernel.clock.now() + RETRY_NS, false);
	}
	yield* sys.checkSelf();
}
