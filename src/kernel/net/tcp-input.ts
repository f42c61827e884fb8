/**
 * What arrives at a TCP socket over loopback (net/ipv4/tcp_input.c) and how
 * a socket ends (tcp_done(), inet_csk_destroy_sock()): data queued for
 * the reader, charged to the receiver (tcp_data_queue(): forced when the
 * queue is empty, else within sk_rcvbuf and what the memcg allows), the
 * peer's FIN (tcp_fin()), a reset (tcp_reset(): the error the owner sees
 * next, the write queue dropped), and the freeing of a socket with its
 * queues, port and memcg reference.
 */
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import {
	RCV_SHUTDOWN,
	SHUTDOWN_MASK,
	SK_MEM_RECV,
	SOCK_BINDPORT_LOCK,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_CLOSING,
	TCP_ESTABLISHED,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_LAST_ACK,
	TCP_RMEM_TO_WIN_SCALE,
	TCP_SKB_HEAD_TRUESIZE,
	TCP_SYN_SENT,
} from "./defs.ts";
import { memCgroupSkFree } from "./memcg-sock.ts";
import {
	skForcedMemSchedule,
	skMemCharge,
	skMemReclaim,
	skMemScheduleFor,
	skMemUncharge,
} from "./sk-mem.ts";
import { Skb, type Sock } from "./sock.ts";

/** tcp_win_from_space(): the payload a receive buffer space holds at the measured ratio. */
export function tcpWinFromSpace(sk: Sock, space: number): number {
	return Math.floor((Math.max(0, space) * sk.scalingRatio) / 2 ** TCP_RMEM_TO_WIN_SCALE);
}

/** tcp_space_from_win(). */
export function tcpSpaceFromWin(sk: Sock, win: number): number {
	return Math.floor((win * 2 ** TCP_RMEM_TO_WIN_SCALE) / sk.scalingRatio);
}

/** The receive window `sk` offers: its free buffer space in payload bytes. */
export function tcpReceiveWindow(sk: Sock): number {
	return tcpWinFromSpace(sk, sk.rcvbuf - sk.rmemAlloc);
}

/**
 * tcp_data_queue(): `data` arrives in order at `sk` as one skb. False when
 * the receiver has no memory for it (the sender keeps it and sends it
 * again later). The charge is made in softirq context (GFP_ATOMIC).
 */
export function tcpDataQueue(kernel: Kernel, sk: Sock, data: Uint8Array): boolean {
	const truesize = data.length + TCP_SKB_HEAD_TRUESIZE;
	if (sk.receiveQueue.length === 0) skForcedMemSchedule(kernel, sk, truesize, null);
	else if (sk.rmemAlloc > sk.rcvbuf || !skMemScheduleFor(kernel, sk, truesize, SK_MEM_RECV, null)) {
		return false;
	}
	sk.receiveQueue.push(new Skb(data, truesize));
	sk.rmemAlloc += truesize;
	skMemCharge(sk, truesize);
	// tcp_measure_rcv_mss(): the payload share of what the data costs.
	sk.scalingRatio = Math.max(
		1,
		Math.min(255, Math.floor((data.length << TCP_RMEM_TO_WIN_SCALE) / truesize)),
	);
	sk.wq.wakeUp();
	return true;
}

/** tcp_fin(): the peer sent everything it will; reads end after the queued data. */
export function tcpFin(sk: Sock): void {
	sk.shutdown |= RCV_SHUTDOWN;
	sk.done = true;
	if (sk.state === TCP_ESTABLISHED) sk.state = TCP_CLOSE_WAIT;
	// Both sides closed at once: our FIN still waits behind unsent data.
	else if (sk.state === TCP_FIN_WAIT1) sk.state = TCP_CLOSING;
	// (TIME_WAIT is not modelled.)
	else if (sk.state === TCP_FIN_WAIT2) sk.state = TCP_CLOSE;
	sk.wq.wakeUp();
}

/** tcp_write_queue_purge(): the unsent data is dropped and uncharged. */
export function tcpWriteQueuePurge(kernel: Kernel, sk: Sock, task: Task | null): void {
	let freed = 0;
	for (const skb of sk.writeQueue) freed += skb.truesize;
	sk.writeQueue.length = 0;
	sk.wmemQueued -= freed;
	skMemUncharge(kernel, sk, freed, task);
}

/** __skb_queue_purge() of the receive queue. */
export function tcpReceiveQueuePurge(kernel: Kernel, sk: Sock, task: Task | null): void {
	let freed = 0;
	for (const skb of sk.receiveQueue) freed += skb.truesize;
	sk.receiveQueue.length = 0;
	sk.rmemAlloc -= freed;
	skMemUncharge(kernel, sk, freed, task);
}

/** tcp_set_state(TCP_CLOSE): the port goes unless bind() asked for it. */
export function tcpSetClose(kernel: Kernel, sk: Sock): void {
	sk.state = TCP_CLOSE;
	if (!(sk.userlocks & SOCK_BINDPORT_LOCK)) kernel.net.hashinfo.putPort(sk);
}

/**
 * inet_csk_destroy_sock() and sk_free(): queues, forward allocation,
 * port and memcg reference go.
 */
export function inetCskDestroySock(kernel: Kernel, sk: Sock): void {
	if (sk.freed) return;
	tcpWriteQueuePurge(kernel, sk, null);
	tcpReceiveQueuePurge(kernel, sk, null);
	skMemReclaim(kernel, sk, null);
	sk.state = TCP_CLOSE;
	kernel.net.hashinfo.putPort(sk);
	if (sk.peer?.peer === sk) sk.peer.peer = null;
	sk.peer = null;
	memCgroupSkFree(kernel, sk);
	sk.freed = true;
	kernel.net.socks.delete(sk);
	sk.wq.wakeUp();
}

/**
 * tcp_done(): the connection is over; an orphan (its file closed) is
 * freed, a socket with an owner stays for it to read what is left.
 */
export function tcpDone(kernel: Kernel, sk: Sock): void {
	tcpSetClose(kernel, sk);
	sk.shutdown = SHUTDOWN_MASK;
	if (sk.dead) inetCskDestroySock(kernel, sk);
	else sk.wq.wakeUp();
}

/**
 * tcp_reset(): a RST arrived. The owner's next call reports ECONNREFUSED
 * (connecting), EPIPE (the peer had closed already) or ECONNRESET; the
 * unsent data is dropped.
 */
export function tcpReset(kernel: Kernel, sk: Sock): void {
	if (sk.freed || sk.state === TCP_CLOSE) return;
	sk.err =
		sk.state === TCP_SYN_SENT
			? "ECONNREFUSED"
			: sk.state === TCP_CLOSE_WAIT
				? "EPIPE"
				: "ECONNRESET";
	tcpWriteQueuePurge(kernel, sk, null);
	if (sk.peer?.peer === sk) sk.peer.peer = null;
	sk.peer = null;
	tcpDone(kernel, sk);
}

/**
 * An orphan whose data and FIN are all delivered is done (its TIME_WAIT
 * or FIN_WAIT2 lingering is not modelled): freed.
 */
export function tcpOrphanDone(kernel: Kernel, sk: Sock): void {
	if (!sk.dead || sk.freed) return;
	if (sk.writeQueue.length > 0 || (sk.finQueued && !sk.finSent)) return;
	if (sk.state === TCP_LAST_ACK) sk.state = TCP_CLOSE;
	inetCskDestroySock(kernel, sk);
}
