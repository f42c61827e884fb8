/**
 * The sending side of TCP over loopback (net/ipv4/tcp.c tcp_sendmsg_locked(),
 * net/ipv4/tcp_output.c tcp_write_xmit()). A write fills skbs of up to one
 * MSS in the write queue while sk_wmem_queued is below sk_sndbuf and the
 * socket's memory can be charged (the first skb of an empty queue always
 * can, tcp_stream_alloc_skb(force_schedule)); each is sent as far as the
 * receiver's window lets it. Loopback delivers and acknowledges at once,
 * so a sent skb is freed from the sender the moment the receiver queued
 * it: what a sender holds is what the receiver has no room for.
 */
import { KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import { WouldBlock } from "../wait.ts";
import {
	SEND_SHUTDOWN,
	SK_MEM_SEND,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_CLOSING,
	TCP_ESTABLISHED,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_LAST_ACK,
	TCP_SKB_HEAD_TRUESIZE,
	TCP_SYN_SENT,
} from "./defs.ts";
import { skForcedMemSchedule, skMemCharge, skMemScheduleFor, skMemUncharge } from "./sk-mem.ts";
import { Skb, type Sock } from "./sock.ts";
import {
	inetCskDestroySock,
	tcpDataQueue,
	tcpFin,
	tcpOrphanDone,
	tcpReceiveWindow,
	tcpReset,
	tcpWinFromSpace,
} from "./tcp-input.ts";

/**
 * tcp_write_xmit() to the loopback peer, with the ACK that frees what was
 * delivered (tcp_clean_rtx_queue()). A segment goes when the window takes
 * it whole, or a part at least half the largest window
 * (tcp_bound_to_half_wnd()). Data for a socket whose owner closed it
 * makes it answer with a reset. The FIN follows the last byte.
 */
export function tcpWriteXmit(kernel: Kernel, sk: Sock, task: Task | null): void {
	if (sk.freed) return;
	let freed = 0;
	while (sk.writeQueue.length > 0) {
		const peer = sk.peer;
		if (peer === null || peer.freed || peer.dead) {
			// Nobody reads any more: the peer (or the host, for a socket it no
			// longer knows) answers with a RST, and an orphan that got data dies.
			if (peer !== null && !peer.freed) inetCskDestroySock(kernel, peer);
			tcpReset(kernel, sk);
			return;
		}
		const skb = sk.writeQueue[0]!;
		const window = tcpReceiveWindow(peer);
		const halfWnd = Math.max(1, tcpWinFromSpace(peer, peer.rcvbuf) >> 1);
		const n = Math.min(skb.len, window);
		if (n <= 0 || n < Math.min(skb.len, sk.mss, halfWnd)) break;
		const part = skb.data.slice(skb.off, skb.off + n);
		if (!tcpDataQueue(kernel, peer, part)) break;
		skb.off += n;
		skb.len -= n;
		skb.truesize -= n;
		sk.wmemQueued -= n;
		freed += n;
		if (skb.len === 0) {
			sk.writeQueue.shift();
			sk.wmemQueued -= skb.truesize;
			freed += skb.truesize;
		}
	}
	if (freed > 0) {
		skMemUncharge(kernel, sk, freed, task);
		sk.wq.wakeUp();
	}
	if (sk.writeQueue.length === 0 && sk.finQueued && !sk.finSent) {
		const peer = sk.peer;
		sk.finSent = true;
		if (sk.state === TCP_FIN_WAIT1) sk.state = TCP_FIN_WAIT2;
		// CLOSING's FIN is acked: TIME_WAIT, which is not modelled.
		else if (sk.state === TCP_CLOSING) sk.state = TCP_CLOSE;
		if (peer !== null && !peer.freed) tcpFin(peer);
		tcpOrphanDone(kernel, sk);
		if (peer !== null) tcpOrphanDone(kernel, peer);
	}
}

/** tcp_close_state() + tcp_send_fin(): no more data from this side; the FIN goes after the queue. */
export function tcpSendFin(kernel: Kernel, sk: Sock, task: Task | null): void {
	if (sk.finQueued) return;
	if (sk.state === TCP_ESTABLISHED) sk.state = TCP_FIN_WAIT1;
	else if (sk.state === TCP_CLOSE_WAIT) sk.state = TCP_LAST_ACK;
	else return;
	sk.finQueued = true;
	tcpWriteXmit(kernel, sk, task);
}

/**
 * sk_stream_error(): EPIPE becomes the pending error if there is one (no
 * SIGPIPE then; the caller raises SIGPIPE for EPIPE).
 */
function skStreamError(sk: Sock, err: "EPIPE"): KernelError {
	return new KernelError(sk.sockError() ?? err);
}

/**
 * tcp_sendmsg_locked(): queue as much of `data` as the send buffer takes
 * and push it; the count queued. With nothing queued: EAGAIN (O_NONBLOCK)
 * or WouldBlock on the socket's queue; EPIPE (or the pending error) once
 * the connection cannot send.
 */
export function tcpSendmsg(
	kernel: Kernel,
	sk: Sock,
	task: Task,
	data: Uint8Array,
	nonblock: boolean,
): number {
	if (sk.state !== TCP_ESTABLISHED && sk.state !== TCP_CLOSE_WAIT) {
		// sk_stream_wait_connect().
		const e = sk.sockError();
		if (e !== null) throw new KernelError(e);
		if (sk.state !== TCP_SYN_SENT) throw skStreamError(sk, "EPIPE");
		if (nonblock) throw new KernelError("EAGAIN");
		throw new WouldBlock(sk.wq);
	}
	if (sk.err !== null || sk.shutdown & SEND_SHUTDOWN) throw skStreamError(sk, "EPIPE");
	const sizeGoal = sk.mss;
	let copied = 0;
	while (copied < data.length) {
		let skb = sk.writeQueue[sk.writeQueue.length - 1];
		if (skb === undefined || skb.off + skb.len >= sizeGoal) {
			// new_segment: sk_stream_memory_free(), then the skb's head.
			if (sk.wmemQueued >= sk.sndbuf) break;
			if (sk.writeQueue.length === 0) skForcedMemSchedule(kernel, sk, TCP_SKB_HEAD_TRUESIZE, task);
			else if (!skMemScheduleFor(kernel, sk, TCP_SKB_HEAD_TRUESIZE, SK_MEM_SEND, task)) break;
			skb = new Skb(new Uint8Array(sizeGoal), TCP_SKB_HEAD_TRUESIZE);
			skb.len = 0;
			sk.writeQueue.push(skb);
			sk.wmemQueued += TCP_SKB_HEAD_TRUESIZE;
			skMemCharge(sk, TCP_SKB_HEAD_TRUESIZE);
		}
		let copy = Math.min(data.length - copied, sizeGoal - (skb.off + skb.len));
		copy = tcpWmemSchedule(kernel, sk, copy, task);
		if (copy <= 0) break;
		skb.data.set(data.subarray(copied, copied + copy), skb.off + skb.len);
		skb.len += copy;
		skb.truesize += copy;
		sk.wmemQueued += copy;
		skMemCharge(sk, copy);
		copied += copy;
		if (skb.off + skb.len >= sizeGoal) {
			tcpWriteXmit(kernel, sk, task);
			if (sk.err !== null || sk.shutdown & SEND_SHUTDOWN) break;
		}
	}
	if (copied > 0) {
		tcpWriteXmit(kernel, sk, task);
		return copied;
	}
	// wait_for_space: sk_stream_wait_memory().
	if (sk.err !== null || sk.shutdown & SEND_SHUTDOWN) throw skStreamError(sk, "EPIPE");
	if (nonblock) throw new KernelError("EAGAIN");
	throw new WouldBlock(sk.wq);
}

/**
 * tcp_wmem_schedule(): room for `copy` bytes; with the memcg refusing, what
 * forward_alloc has left, and up to tcp_wmem[0] queued bytes forced so a
 * socket with nothing queued still makes progress.
 */
function tcpWmemSchedule(kernel: Kernel, sk: Sock, copy: number, task: Task): number {
	if (skMemScheduleFor(kernel, sk, copy, SK_MEM_SEND, task)) return copy;
	const left = kernel.net.tcpWmem[0] - sk.wmemQueued;
	if (left > 0) skForcedMemSchedule(kernel, sk, Math.min(left, copy), task);
	return Math.min(copy, sk.forwardAlloc);
}
