/**
 * TCP sockets over loopback, the calls of their owner (net/ipv4/af_inet.c
 * inet_bind(), inet_listen(), __inet_stream_connect(), inet_accept(),
 * inet_shutdown(); net/ipv4/tcp.c tcp_recvmsg(), tcp_close(),
 * tcp_shutdown(); tcp_v4_connect(), inet_csk_accept()). The handshake
 * completes within connect() when the listener's accept queue has room
 * (sk_acceptq_is_full() drops the SYN otherwise, and the connector waits
 * until accept() makes room); a port nobody listens on answers with a reset.
 *
 * Nothing sleeps: a call that would wait throws WouldBlock with the
 * socket's wait queue, and the caller retries it once woken.
 */
import { KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import { WouldBlock } from "../wait.ts";
import {
	AF_INET6,
	CAP_NET_BIND_SERVICE,
	IP_UNPRIVILEGED_PORT_START,
	LOOPBACK_MTU,
	RCV_SHUTDOWN,
	SEND_SHUTDOWN,
	SHUTDOWN_MASK,
	SOCK_BINDADDR_LOCK,
	SOCK_BINDPORT_LOCK,
	SOCK_RCVBUF_LOCK,
	SOCK_SNDBUF_LOCK,
	SS_CONNECTED,
	SS_CONNECTING,
	SS_DISCONNECTING,
	SS_UNCONNECTED,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_ESTABLISHED,
	TCP_INIT_CWND,
	TCP_LISTEN,
	TCP_SYN_SENT,
	tcpInitialSndmem,
} from "./defs.ts";
import {
	IN6ADDR_ANY,
	IN6ADDR_LOOPBACK,
	INADDR_ANY,
	INADDR_LOOPBACK,
	type InetAddr,
	isLocal,
} from "./inet-addr.ts";
import { memCgroupChargeSkmem, memCgroupSkAlloc } from "./memcg-sock.ts";
import { skMemPages, skMemUncharge } from "./sk-mem.ts";
import { Sock } from "./sock.ts";
import {
	inetCskDestroySock,
	tcpOrphanDone,
	tcpReceiveQueuePurge,
	tcpReset,
	tcpSetClose,
	tcpSpaceFromWin,
	tcpWinFromSpace,
	tcpWriteQueuePurge,
} from "./tcp-input.ts";
import { tcpSendFin, tcpWriteXmit } from "./tcp-output.ts";

/** The MSS of a loopback connection: IPv4's 64 KiB packet limit, or IPv6's MTU, less headers and timestamps. */
function loopbackMss(v4: boolean): number {
	return v4 ? LOOPBACK_MTU - 1 - 20 - 20 - 12 : LOOPBACK_MTU - 40 - 20 - 12;
}

/** sk_alloc() + tcp_init_sock(): a new socket of the creating task's memcg. */
export function tcpCreate(kernel: Kernel, family: number, task: Task): Sock {
	const net = kernel.net;
	const sk = new Sock(family, net.nextSockId(), net.tcpWmem[1], net.tcpRmem[1]);
	memCgroupSkAlloc(kernel, sk, task);
	net.socks.add(sk);
	return sk;
}

/** The wildcard address of a socket's family. */
function anyAddr(sk: Sock): InetAddr {
	return sk.family === AF_INET6 ? IN6ADDR_ANY : INADDR_ANY;
}

/**
 * __inet_bind(): EADDRNOTAVAIL for an address that is not local, EACCES
 * for a privileged port without CAP_NET_BIND_SERVICE, EINVAL when already
 * bound, EADDRINUSE when the port is taken.
 */
export function inetBind(kernel: Kernel, sk: Sock, task: Task, addr: InetAddr, port: number): void {
	if (!isLocal(addr)) throw new KernelError("EADDRNOTAVAIL");
	if (port !== 0 && port < IP_UNPRIVILEGED_PORT_START && !task.cred.capable(CAP_NET_BIND_SERVICE))
		throw new KernelError("EACCES");
	if (sk.state !== TCP_CLOSE || sk.port !== 0) throw new KernelError("EINVAL");
	kernel.net.hashinfo.getPort(sk, addr, port);
	if (!addr.any) sk.userlocks |= SOCK_BINDADDR_LOCK;
	if (port !== 0) sk.userlocks |= SOCK_BINDPORT_LOCK;
}

/**
 * inet_listen() + inet_csk_listen_start(): an unbound socket gets an
 * ephemeral port; a listener may not share its port with a bound socket
 * even with SO_REUSEADDR (EADDRINUSE). The backlog is capped at somaxconn
 * (a negative one too, as an unsigned value).
 */
export function inetListen(kernel: Kernel, sk: Sock, backlog: number): void {
	if (sk.socketState !== SS_UNCONNECTED) throw new KernelError("EINVAL");
	if (sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN) throw new KernelError("EINVAL");
	const somaxconn = kernel.net.somaxconn;
	sk.maxAckBacklog = backlog < 0 || backlog > somaxconn ? somaxconn : backlog;
	if (sk.state === TCP_LISTEN) return;
	const hashinfo = kernel.net.hashinfo;
	sk.state = TCP_LISTEN;
	try {
		// get_port() again as a listener: a bound SO_REUSEADDR neighbour now conflicts.
		hashinfo.getPort(sk, sk.local ?? anyAddr(sk), sk.port);
	} catch (e) {
		sk.state = TCP_CLOSE;
		throw e;
	}
}

/** tcp_init_buffer_space(): the send buffer grows for the initial window, the receive measure starts. */
function tcpInitBufferSpace(kernel: Kernel, sk: Sock, v4: boolean): void {
	sk.mss = loopbackMss(v4);
	if (!(sk.userlocks & SOCK_SNDBUF_LOCK)) {
		sk.sndbuf = Math.max(sk.sndbuf, Math.min(tcpInitialSndmem(sk.mss), kernel.net.tcpWmem[2]));
	}
	sk.rcvqSpace = Math.min(tcpWinFromSpace(sk, sk.rcvbuf), TCP_INIT_CWND * sk.mss);
}

/**
 * The SYN reaches its listener: a child socket (sk_clone_lock(): the
 * listener's buffers and SO_REUSEADDR, no memcg until accepted) joins the
 * accept queue, established with the connector. False when the accept
 * queue is full (the SYN is dropped).
 */
function tcpConnRequest(kernel: Kernel, listener: Sock, sk: Sock): boolean {
	if (listener.acceptQueue.length > listener.maxAckBacklog) return false;
	const net = kernel.net;
	const child = new Sock(listener.family, net.nextSockId(), listener.sndbuf, listener.rcvbuf);
	child.userlocks = listener.userlocks & ~(SOCK_BINDPORT_LOCK | SOCK_BINDADDR_LOCK);
	child.reuse = listener.reuse;
	net.socks.add(child);
	// inet_inherit_port(): the child shares the listener's port.
	child.local = sk.remote;
	child.port = listener.port;
	(net.hashinfo.owners(listener.port) as Set<Sock>).add(child);
	child.remote = sk.local;
	child.remotePort = sk.port;
	child.state = TCP_ESTABLISHED;
	child.parent = listener;
	child.peer = sk;
	sk.peer = child;
	sk.state = TCP_ESTABLISHED;
	const v4 = sk.remote!.v4;
	tcpInitBufferSpace(kernel, child, v4);
	tcpInitBufferSpace(kernel, sk, v4);
	listener.acceptQueue.push(child);
	listener.wq.wakeUp();
	sk.wq.wakeUp();
	return true;
}

/** Send the SYN of `sk` to `dst`:`port`: established, waiting for room, or refused. */
function tcpSendSyn(kernel: Kernel, sk: Sock): void {
	const listener = kernel.net.hashinfo.lookupListener(sk.remote!, sk.remotePort);
	if (listener === null) {
		tcpReset(kernel, sk);
		return;
	}
	if (tcpConnRequest(kernel, listener, sk)) return;
	if (!listener.synWaiters.includes(sk)) listener.synWaiters.push(sk);
}

/** The SYNs a listener dropped are sent again once its queue has room, or refused when it is gone. */
function tcpRetrySyns(kernel: Kernel, listener: Sock): void {
	const waiters = listener.synWaiters;
	while (waiters.length > 0) {
		const sk = waiters[0]!;
		if (sk.freed || sk.state !== TCP_SYN_SENT) {
			waiters.shift();
			continue;
		}
		if (listener.state !== TCP_LISTEN) {
			waiters.shift();
			tcpReset(kernel, sk);
			continue;
		}
		if (!tcpConnRequest(kernel, listener, sk)) break;
		waiters.shift();
	}
}

/**
 * tcp_v4_connect()/tcp_v6_connect(): the route (a wildcard destination
 * means loopback; anything not on lo is unreachable), the source address
 * and an ephemeral port for an unbound socket, then the SYN.
 */
function tcpConnect(kernel: Kernel, sk: Sock, dst: InetAddr, port: number): void {
	let daddr = dst;
	if (dst.any) daddr = dst.v4 ? INADDR_LOOPBACK : IN6ADDR_LOOPBACK;
	if (!isLocal(daddr)) throw new KernelError("ENETUNREACH");
	const saddr = daddr.v4 ? INADDR_LOOPBACK : IN6ADDR_LOOPBACK;
	if (sk.port === 0) kernel.net.hashinfo.hashConnect(sk, saddr);
	else if (sk.local?.any) sk.local = saddr;
	sk.remote = daddr;
	sk.remotePort = port;
	sk.state = TCP_SYN_SENT;
	tcpSendSyn(kernel, sk);
}

/**
 * __inet_stream_connect(). The first call starts the connection: with
 * O_NONBLOCK it answers EINPROGRESS, else it waits (WouldBlock) until the
 * handshake is over. Later calls: EALREADY while it is in progress, 0 once
 * established (then EISCONN), the connection's error when it failed.
 */
export function inetStreamConnect(
	kernel: Kernel,
	sk: Sock,
	dst: InetAddr,
	port: number,
	nonblock: boolean,
): void {
	let err: "EALREADY" | "EINPROGRESS";
	switch (sk.socketState) {
		case SS_CONNECTED:
			throw new KernelError("EISCONN");
		case SS_CONNECTING:
			err = "EALREADY";
			break;
		case SS_UNCONNECTED:
			if (sk.state !== TCP_CLOSE) throw new KernelError("EISCONN");
			tcpConnect(kernel, sk, dst, port);
			sk.socketState = SS_CONNECTING;
			err = "EINPROGRESS";
			if (nonblock) throw new KernelError(err);
			break;
		default:
			throw new KernelError("EINVAL");
	}
	if (sk.state === TCP_SYN_SENT) {
		if (nonblock) throw new KernelError(err);
		throw new WouldBlock(sk.wq);
	}
	if (sk.state === TCP_CLOSE) {
		// sock_error: the connection failed; the socket may connect again.
		const e = sk.sockError() ?? "ECONNABORTED";
		sk.socketState = SS_UNCONNECTED;
		tcpDisconnect(kernel, sk);
		throw new KernelError(e);
	}
	sk.socketState = SS_CONNECTED;
}

/**
 * inet_accept() + inet_csk_accept(): the oldest established connection.
 * It now belongs to the accepting task's memcg, which is charged what the
 * socket already holds (__GFP_NOFAIL). EINVAL unless listening; EAGAIN or
 * WouldBlock with none pending.
 */
export function inetAccept(kernel: Kernel, sk: Sock, task: Task, nonblock: boolean): Sock {
	if (sk.state !== TCP_LISTEN) throw new KernelError("EINVAL");
	const child = sk.acceptQueue.shift();
	if (child === undefined) {
		if (nonblock) throw new KernelError("EAGAIN");
		throw new WouldBlock(sk.wq);
	}
	child.parent = null;
	memCgroupSkAlloc(kernel, child, task);
	if (child.memcg !== null) {
		const amt = skMemPages(child.forwardAlloc + child.rmemAlloc);
		if (amt > 0) memCgroupChargeSkmem(kernel, child, amt, { task, noFail: true });
	}
	child.socketState = SS_CONNECTED;
	tcpRetrySyns(kernel, sk);
	return child;
}

/**
 * tcp_rcv_space_adjust(), measured per read rather than per round trip:
 * when the reader copies more than last time, the receive buffer grows to
 * hold twice that plus 16 segments, and more for a rising rate, up to
 * tcp_rmem[2].
 */
function tcpRcvSpaceAdjust(kernel: Kernel, sk: Sock, copied: number): void {
	if (copied <= sk.rcvqSpace) return;
	if (!(sk.userlocks & SOCK_RCVBUF_LOCK) && sk.rcvqSpace > 0) {
		let rcvwin = 2 * copied + 16 * sk.mss;
		const grow = Math.floor((rcvwin * (copied - sk.rcvqSpace)) / sk.rcvqSpace);
		rcvwin += 2 * grow;
		const rcvbuf = Math.min(tcpSpaceFromWin(sk, rcvwin), kernel.net.tcpRmem[2]);
		if (rcvbuf > sk.rcvbuf) sk.rcvbuf = rcvbuf;
	}
	sk.rcvqSpace = copied;
}

/** What a read returns at end of file. */
const EOF = new Uint8Array(0);

/**
 * tcp_recvmsg(): up to `count` queued bytes; the skbs read to the end are
 * freed and uncharged, and the window that opens lets the peer send more.
 * With nothing queued: end of file after the peer's FIN or a shutdown, the
 * pending error once, ENOTCONN for a socket never connected, EAGAIN or
 * WouldBlock otherwise.
 */
export function tcpRecvmsg(
	kernel: Kernel,
	sk: Sock,
	task: Task,
	count: number,
	nonblock: boolean,
): Uint8Array {
	if (sk.state === TCP_LISTEN) throw new KernelError("ENOTCONN");
	if (count === 0) return EOF;
	if (sk.receiveQueue.length === 0) {
		if (sk.done) return EOF;
		const e = sk.sockError();
		if (e !== null) throw new KernelError(e);
		if (sk.shutdown & RCV_SHUTDOWN) return EOF;
		if (sk.state === TCP_CLOSE) throw new KernelError("ENOTCONN");
		if (nonblock) throw new KernelError("EAGAIN");
		throw new WouldBlock(sk.wq);
	}
	const n = Math.min(count, sk.rcvBytes);
	const out = new Uint8Array(n);
	let copied = 0;
	let freed = 0;
	while (copied < n) {
		const skb = sk.receiveQueue[0]!;
		const take = Math.min(skb.len, n - copied);
		out.set(skb.data.subarray(skb.off, skb.off + take), copied);
		skb.off += take;
		skb.len -= take;
		copied += take;
		if (skb.len === 0) {
			sk.receiveQueue.shift();
			sk.rmemAlloc -= skb.truesize;
			freed += skb.truesize;
		}
	}
	if (freed > 0) skMemUncharge(kernel, sk, freed, task);
	tcpRcvSpaceAdjust(kernel, sk, copied);
	// tcp_cleanup_rbuf(): the window update lets the peer send.
	const peer = sk.peer;
	if (peer !== null && !peer.freed) tcpWriteXmit(kernel, peer, null);
	return out;
}

/**
 * tcp_disconnect() of a socket that is not connected any more (or a
 * listener that stops): pending connections are reset, the port goes
 * unless bind() chose it, the address unless bind() chose it.
 */
function tcpDisconnect(kernel: Kernel, sk: Sock): void {
	if (sk.state === TCP_LISTEN) {
		sk.state = TCP_CLOSE;
		inetCskListenStop(kernel, sk);
	}
	tcpWriteQueuePurge(kernel, sk, null);
	tcpReceiveQueuePurge(kernel, sk, null);
	tcpSetClose(kernel, sk);
	if (!(sk.userlocks & SOCK_BINDADDR_LOCK) && sk.port !== 0) sk.local = anyAddr(sk);
	sk.remote = null;
	sk.remotePort = 0;
	sk.shutdown = 0;
	sk.done = false;
	sk.finQueued = false;
	sk.finSent = false;
	sk.wq.wakeUp();
}

/**
 * connect(AF_UNSPEC): tcp_disconnect() of whatever the socket is: a live
 * connection is reset, a listener stops; the socket may bind and connect again.
 */
export function inetDisconnect(kernel: Kernel, sk: Sock): void {
	const peer = sk.peer;
	if (peer !== null) {
		tcpWriteQueuePurge(kernel, sk, null);
		tcpReset(kernel, peer);
	}
	tcpDisconnect(kernel, sk);
	sk.socketState = SS_UNCONNECTED;
}

/** inet_csk_listen_stop(): connections never accepted are reset and freed; dropped SYNs are refused. */
function inetCskListenStop(kernel: Kernel, sk: Sock): void {
	for (const child of sk.acceptQueue.splice(0)) {
		child.dead = true;
		const peer = child.peer;
		inetCskDestroySock(kernel, child);
		if (peer !== null) tcpReset(kernel, peer);
	}
	tcpRetrySyns(kernel, sk);
}

/**
 * tcp_close(): the file is gone. A listener stops; a connection whose
 * received data was never read is aborted with a reset; otherwise the FIN
 * follows the unsent data and the orphan lives until that is delivered.
 */
export function tcpClose(kernel: Kernel, sk: Sock): void {
	if (sk.freed) return;
	sk.dead = true;
	sk.shutdown = SHUTDOWN_MASK;
	if (sk.state === TCP_LISTEN) {
		sk.state = TCP_CLOSE;
		inetCskListenStop(kernel, sk);
		inetCskDestroySock(kernel, sk);
		return;
	}
	const unread = sk.rcvBytes > 0;
	tcpReceiveQueuePurge(kernel, sk, null);
	if (sk.state === TCP_CLOSE || sk.state === TCP_SYN_SENT) {
		inetCskDestroySock(kernel, sk);
		return;
	}
	if (unread) {
		// tcp_send_active_reset().
		const peer = sk.peer;
		tcpWriteQueuePurge(kernel, sk, null);
		if (peer !== null) tcpReset(kernel, peer);
		inetCskDestroySock(kernel, sk);
		return;
	}
	if (sk.state === TCP_ESTABLISHED || sk.state === TCP_CLOSE_WAIT) tcpSendFin(kernel, sk, null);
	tcpOrphanDone(kernel, sk);
}

/**
 * inet_shutdown() + tcp_shutdown(). `how` is SHUT_RD..SHUT_RDWR (the caller
 * checked it). A socket not connected: ENOTCONN (the flags are set all the
 * same); a listener told SHUT_RD stops listening; SHUT_WR sends the FIN.
 */
export function inetShutdown(kernel: Kernel, sk: Sock, how: number): void {
	const mask = how + 1;
	if (sk.socketState === SS_CONNECTING) {
		sk.socketState =
			sk.state === TCP_SYN_SENT || sk.state === TCP_CLOSE ? SS_DISCONNECTING : SS_CONNECTED;
	}
	let err: "ENOTCONN" | null = null;
	switch (sk.state) {
		case TCP_CLOSE:
			err = "ENOTCONN";
			sk.shutdown |= mask;
			break;
		case TCP_LISTEN:
			if (!(mask & RCV_SHUTDOWN)) break;
			tcpDisconnect(kernel, sk);
			sk.socketState = SS_UNCONNECTED;
			break;
		case TCP_SYN_SENT:
			tcpDisconnect(kernel, sk);
			sk.socketState = SS_UNCONNECTED;
			break;
		default:
			sk.shutdown |= mask;
			if (mask & SEND_SHUTDOWN) tcpSendFin(kernel, sk, null);
	}
	sk.wq.wakeUp();
	if (err !== null) throw new KernelError(err);
}
