/**
 * Socket memory accounting (net/core/sock.c, include/net/sock.h): a
 * socket charges whole pages (SK_MEM_QUANTUM) ahead of use into
 * sk_forward_alloc, to its protocol's memory_allocated and to its memcg,
 * takes what its queues hold from there (sk_mem_charge()) and gives it
 * back (sk_mem_uncharge()), returning whole pages as soon as a page is
 * free (sk_mem_reclaim()). So forward_alloc + what the queues hold is
 * always the socket's pages times the page size.
 *
 * The protocol's global limits (net.ipv4.tcp_mem, memory pressure) are not
 * modelled: they scale with the machine's memory and a few sockets never
 * reach them.
 */
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import { SK_MEM_QUANTUM, SK_MEM_SEND, SOCK_MIN_SNDBUF, SOCK_SNDBUF_LOCK } from "./defs.ts";
import { memCgroupChargeSkmem, memCgroupUnchargeSkmem } from "./memcg-sock.ts";
import type { Sock } from "./sock.ts";

/** sk_mem_pages(). */
export function skMemPages(amt: number): number {
	return Math.ceil(amt / SK_MEM_QUANTUM);
}

/** sk_memory_allocated_add()/sub(). */
function memoryAllocatedAdd(kernel: Kernel, sk: Sock, amt: number): void {
	sk.allocatedPages += amt;
	kernel.net.tcpMemoryAllocated += amt;
}

/** sk_stream_moderate_sndbuf(): a refused send charge shrinks the send buffer to half the queue. */
export function skStreamModerateSndbuf(sk: Sock): void {
	if (sk.userlocks & SOCK_SNDBUF_LOCK) return;
	const val = Math.min(sk.sndbuf, sk.wmemQueued >> 1);
	sk.sndbuf = Math.max(val, SOCK_MIN_SNDBUF);
}

/**
 * __sk_mem_raise_allocated(): charge `amt` pages for `size` bytes. A memcg
 * that refuses a send charge shrinks the send buffer; when the queue is
 * already at that buffer the sender could not wait for itself, so the
 * charge is forced (__GFP_NOFAIL) and succeeds.
 */
function skMemRaiseAllocated(
	kernel: Kernel,
	sk: Sock,
	size: number,
	amt: number,
	kind: number,
	task: Task | null,
): boolean {
	memoryAllocatedAdd(kernel, sk, amt);
	if (sk.memcg === null || memCgroupChargeSkmem(kernel, sk, amt, { task })) return true;
	if (kind === SK_MEM_SEND) {
		skStreamModerateSndbuf(sk);
		if (sk.wmemQueued + size >= sk.sndbuf) {
			memCgroupChargeSkmem(kernel, sk, amt, { task, noFail: true });
			return true;
		}
	}
	memoryAllocatedAdd(kernel, sk, -amt);
	return false;
}

/** __sk_mem_schedule(): forward-allocate the pages `size` bytes need. */
function skMemSchedule(
	kernel: Kernel,
	sk: Sock,
	size: number,
	kind: number,
	task: Task | null,
): boolean {
	const amt = skMemPages(size);
	sk.forwardAlloc += amt * SK_MEM_QUANTUM;
	if (skMemRaiseAllocated(kernel, sk, size, amt, kind, task)) return true;
	sk.forwardAlloc -= amt * SK_MEM_QUANTUM;
	return false;
}

/** sk_wmem_schedule() and sk_rmem_schedule(): room for `size` more bytes, charging what is missing. */
export function skMemScheduleFor(
	kernel: Kernel,
	sk: Sock,
	size: number,
	kind: number,
	task: Task | null,
): boolean {
	const delta = size - sk.forwardAlloc;
	return delta <= 0 || skMemSchedule(kernel, sk, delta, kind, task);
}

/** sk_forced_mem_schedule(): the same, past any limit. */
export function skForcedMemSchedule(
	kernel: Kernel,
	sk: Sock,
	size: number,
	task: Task | null,
): void {
	const delta = size - sk.forwardAlloc;
	if (delta <= 0) return;
	const amt = skMemPages(delta);
	sk.forwardAlloc += amt * SK_MEM_QUANTUM;
	memoryAllocatedAdd(kernel, sk, amt);
	if (sk.memcg !== null) memCgroupChargeSkmem(kernel, sk, amt, { task, noFail: true });
}

/** sk_mem_charge(): a queue takes `size` forward-allocated bytes. */
export function skMemCharge(sk: Sock, size: number): void {
	sk.forwardAlloc -= size;
}

/** __sk_mem_reduce_allocated(). */
function skMemReduceAllocated(kernel: Kernel, sk: Sock, amt: number, task: Task | null): void {
	memoryAllocatedAdd(kernel, sk, -amt);
	memCgroupUnchargeSkmem(kernel, sk, amt, task);
}

/** sk_mem_reclaim(): give back the whole pages of forward_alloc. */
export function skMemReclaim(kernel: Kernel, sk: Sock, task: Task | null): void {
	if (sk.forwardAlloc < SK_MEM_QUANTUM) return;
	const amt = Math.floor(sk.forwardAlloc / SK_MEM_QUANTUM);
	sk.forwardAlloc -= amt * SK_MEM_QUANTUM;
	skMemReduceAllocated(kernel, sk, amt, task);
}

/** sk_mem_uncharge(): a queue gives `size` bytes back, and free pages return at once. */
export function skMemUncharge(kernel: Kernel, sk: Sock, size: number, task: Task | null): void {
	sk.forwardAlloc += size;
	skMemReclaim(kernel, sk, task);
}
