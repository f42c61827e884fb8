/**
 * struct sock with the parts of struct inet_sock, inet_connection_sock and
 * tcp_sock a loopback TCP connection needs (include/net/sock.h,
 * include/linux/tcp.h): addresses and port, state, buffers and their
 * memory accounting (sk_forward_alloc, sk_wmem_queued, sk_rmem_alloc,
 * sk_sndbuf, sk_rcvbuf, sk_memcg), the write and receive queues of skbs,
 * the accept queue of a listener, the error and shutdown state, and the
 * wait queue (sk_wq) readers, writers, acceptors and connectors sleep on.
 */
import type { ErrnoName } from "../errno.ts";
import type { MemCgroup } from "../mm/memcontrol.ts";
import { WaitQueue } from "../wait.ts";
import { SS_UNCONNECTED, TCP_CLOSE, TCP_DEFAULT_SCALING_RATIO } from "./defs.ts";
import type { InetAddr } from "./inet-addr.ts";

/**
 * A struct sk_buff of a stream: `len` payload bytes (the not yet read or
 * not yet sent ones of `data` from `off`) and the memory it is charged
 * for (truesize).
 */
export class Skb {
	data: Uint8Array;
	off: number;
	len: number;
	truesize: number;

	constructor(data: Uint8Array, truesize: number) {
		this.data = data;
		this.off = 0;
		this.len = data.length;
		this.truesize = truesize;
	}
}

export class Sock {
	/** sk_family: AF_INET or AF_INET6. */
	readonly family: number;
	/** A number for the socket's identity in traces (not the inode). */
	readonly id: number;
	/** sk_state (enum tcp_state). */
	state = TCP_CLOSE;
	/** sock->state of the struct socket (SS_*), while a file holds it. */
	socketState = SS_UNCONNECTED;
	/** The struct socket's file was closed: an orphan (SOCK_DEAD) finishing its work, or gone. */
	dead = false;
	/** Freed (sk_free()): nothing refers to it any more. */
	freed = false;
	/** inet_rcv_saddr and inet_num: the bound address and local port (0: none). */
	local: InetAddr | null = null;
	port = 0;
	/** The bind was explicit (SOCK_BINDADDR_LOCK/SOCK_BINDPORT_LOCK in sk_userlocks). */
	userlocks = 0;
	/** The peer's address and port (inet_daddr, inet_dport). */
	remote: InetAddr | null = null;
	remotePort = 0;
	/** The other end of an established loopback connection. */
	peer: Sock | null = null;
	/** sk_reuse (SO_REUSEADDR). */
	reuse = false;
	/** sk_err: the error a later call reports once (sock_error()). */
	err: ErrnoName | null = null;
	/** sk_shutdown (RCV_SHUTDOWN | SEND_SHUTDOWN). */
	shutdown = 0;
	/** SOCK_DONE: the peer's FIN arrived (reads reach end of file after the data). */
	done = false;
	/** A FIN is to go after the write queue (tcp_send_fin()). */
	finQueued = false;
	/** The FIN went out (every byte before it was delivered). */
	finSent = false;

	/** sk_sndbuf, sk_rcvbuf. */
	sndbuf: number;
	rcvbuf: number;
	/** sk_forward_alloc: bytes charged ahead of use. */
	forwardAlloc = 0;
	/** sk_wmem_queued: the truesize of the write queue. */
	wmemQueued = 0;
	/** sk_rmem_alloc: the truesize of the receive queue. */
	rmemAlloc = 0;
	/** This socket's share of tcp_memory_allocated, in pages. */
	allocatedPages = 0;
	/** sk_memcg: the memory cgroup its buffers are charged to (null: none). */
	memcg: MemCgroup | null = null;
	/** Whether the memcg charges went to the v1 tcpmem counter (else cgroup2's memory counter). */
	memcgV1 = false;
	/** Pages charged to sk_memcg now (what mem_cgroup_charge_skmem() added and uncharge took back). */
	memcgPages = 0;

	/** sk_write_queue: skbs not yet delivered to the peer (loopback acknowledges on delivery). */
	readonly writeQueue: Skb[] = [];
	/** sk_receive_queue. */
	readonly receiveQueue: Skb[] = [];
	/** tp->mss_cache. */
	mss = 0;
	/** tp->scaling_ratio: the payload share of receive memory, of 256. */
	scalingRatio = TCP_DEFAULT_SCALING_RATIO;
	/** tp->rcvq_space.space: what the reader copied in the last measurement (receive autotuning). */
	rcvqSpace = 0;

	/** The accept queue of a listener (icsk_accept_queue), and its sk_max_ack_backlog. */
	readonly acceptQueue: Sock[] = [];
	maxAckBacklog = 0;
	/** Connectors whose SYN the full accept queue dropped; they get in when accept() makes room. */
	readonly synWaiters: Sock[] = [];
	/** The listener a connection waits in until accept() (null once accepted). */
	parent: Sock | null = null;

	/** sk_wq: everybody who waits for this socket. */
	readonly wq = new WaitQueue();

	constructor(family: number, id: number, sndbuf: number, rcvbuf: number) {
		this.family = family;
		this.id = id;
		this.sndbuf = sndbuf;
		this.rcvbuf = rcvbuf;
	}

	/** sock_error(): the pending error, cleared. */
	sockError(): ErrnoName | null {
		const e = this.err;
		this.err = null;
		return e;
	}

	/** Payload bytes queued for reading. */
	get rcvBytes(): number {
		let n = 0;
		for (const skb of this.receiveQueue) n += skb.len;
		return n;
	}
}
