/**
 * The memory controller's side of socket accounting (mm/memcontrol.c,
 * mm/memcontrol-v1.c): which memcg a socket's buffers are charged to
 * (mem_cgroup_sk_alloc(), mem_cgroup_sk_free()) and the charge itself
 * (mem_cgroup_charge_skmem(), mem_cgroup_uncharge_skmem()). On cgroup2
 * every socket of a non-root memcg is charged to its memory counter and
 * counted in memory.stat's sock; on cgroup v1 only the sockets of a memcg
 * whose memory.kmem.tcp.limit_in_bytes was written, to the tcpmem counter
 * alone.
 */
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import type { Sock } from "./sock.ts";

/**
 * mem_cgroup_sk_alloc(): the socket belongs to the memcg of the task
 * creating (or accepting) it, taking a css reference; none for the root
 * memcg, nor on v1 unless tcp accounting is active there.
 */
export function memCgroupSkAlloc(kernel: Kernel, sk: Sock, task: Task): void {
	const mm = kernel.mm;
	const memcg = mm.memcgOf(task);
	if (memcg === null || memcg.isRoot) return;
	if (!mm.onDfl && !memcg.tcpmemActive) return;
	kernel.cgroup.cssGet(memcg);
	sk.memcg = memcg;
	sk.memcgV1 = !mm.onDfl;
}

/** mem_cgroup_sk_free(): the css reference goes (the socket's charges are gone by now). */
export function memCgroupSkFree(kernel: Kernel, sk: Sock): void {
	const memcg = sk.memcg;
	if (memcg === null) return;
	sk.memcg = null;
	kernel.cgroup.cssPut(memcg);
	if (memcg.dying) kernel.mm.maybeFreeMemcg(memcg);
}

/** How a socket charge may proceed (its gfp mask). */
export interface SkmemGfp {
	/** The task in whose context the charge happens (process context), or null (softirq). */
	readonly task: Task | null;
	/** __GFP_NOFAIL. */
	readonly noFail?: boolean;
}

/**
 * mem_cgroup_charge_skmem(): cgroup2 charges memory (reclaim, OOM) and
 * counts MEMCG_SOCK; v1 charges tcpmem without reclaim, setting or
 * clearing tcpmem_pressure (memcg1_charge_skmem()). Charges from softirq
 * context are GFP_ATOMIC, which cgroup2 lets through past the limit.
 */
export function memCgroupChargeSkmem(
	kernel: Kernel,
	sk: Sock,
	nrPages: number,
	gfp: SkmemGfp,
): boolean {
	const memcg = sk.memcg;
	if (memcg === null) return true;
	if (sk.memcgV1) {
		if (memcg.tcpmem.tryCharge(nrPages) === null) {
			memcg.tcpmemPressure = false;
		} else {
			memcg.tcpmemPressure = true;
			if (!gfp.noFail) return false;
			memcg.tcpmem.charge(nrPages);
		}
	} else if (
		!kernel.mm.chargeSkmem(memcg, nrPages, {
			task: gfp.task,
			noFail: gfp.noFail,
			atomic: gfp.task === null,
		})
	) {
		return false;
	}
	sk.memcgPages += nrPages;
	return true;
}

/** mem_cgroup_uncharge_skmem(). */
export function memCgroupUnchargeSkmem(
	kernel: Kernel,
	sk: Sock,
	nrPages: number,
	task: Task | null,
): void {
	const memcg = sk.memcg;
	if (memcg === null || nrPages === 0) return;
	sk.memcgPages -= nrPages;
	if (sk.memcgV1) {
		memcg.tcpmem.uncharge(nrPages);
		if (memcg.dying) kernel.mm.maybeFreeMemcg(memcg);
	} else kernel.mm.unchargeSkmem(memcg, nrPages, task);
}
