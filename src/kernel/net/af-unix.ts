/**
 * AF_UNIX stream sockets (net/unix/af_unix.c): bind() to a filesystem name,
 * listen(), connect() by that name, accept(), and the byte stream between
 * the two ends.
 *
 * The name is an S_IFSOCK inode the VFS creates at bind() (the caller
 * passes the mknod as a callback, since the kernel layer does not reach
 * the VFS); connect() finds the listener through the inode it resolves
 * (unix_find_socket_byinode(), `bsdSockets`), so unlinking the name leaves
 * the socket bound but unreachable, and a new bind() of the same path
 * makes a new inode. Abstract names and autobind are not modelled
 * (EOPNOTSUPP), nor are SOCK_DGRAM and SOCK_SEQPACKET (ESOCKTNOSUPPORT),
 * out-of-band data, descriptor and credential passing.
 *
 * connect() completes at once when the listener's queue has room
 * (unix_recvq_full(): more than the backlog waiting), creating the
 * server's end ("embryo") that accept() later hands out; the client may
 * write to it before. Written data is charged to the writer's
 * sk_wmem_alloc (skb truesizes) until the reader consumes it; a writer
 * waits while it holds sk_sndbuf or more, and is woken once it is down to
 * a quarter (unix_write_space()).
 *
 * Nothing sleeps: a call that would wait throws WouldBlock with the queue
 * to wait on, and the caller retries it once woken.
 */
import { KernelError } from "../errno.ts";
import {
	POLLERR,
	POLLHUP,
	POLLIN,
	POLLOUT,
	POLLRDHUP,
	POLLRDNORM,
	POLLWRBAND,
	POLLWRNORM,
} from "../poll.ts";
import type { Task } from "../task.ts";
import { WaitQueue, WouldBlock } from "../wait.ts";
import {
	AF_UNIX,
	MSG_OOB,
	MSG_PEEK,
	MSG_WAITALL,
	RCV_SHUTDOWN,
	SEND_SHUTDOWN,
	SHUTDOWN_MASK,
	SKB_MAX_HEAD0,
	SOCK_STREAM,
	SS_CONNECTED,
	SS_UNCONNECTED,
	skbHeadTruesize,
	TCP_CLOSE,
	TCP_ESTABLISHED,
	TCP_LISTEN,
} from "./defs.ts";
import { SockBase } from "./sock-base.ts";

/** offsetof(struct sockaddr_un, sun_path), sizeof(struct sockaddr_un). */
export const SUN_PATH_OFFSET = 2;
export const SOCKADDR_UN_LEN = 110;
/** net.unix.max_dgram_qlen: the backlog of a socket that never listened. */
export const UNIX_MAX_DGRAM_QLEN = 10;
/** UNIX_SKB_FRAGS_SZ: the most page data one skb of a stream write carries. */
const UNIX_SKB_FRAGS_SZ = 32768;
const PAGE_SIZE = 4096;

/** struct sockaddr_un: sun_path is a byte string. */
export interface UnixAddr {
	readonly family: number;
	readonly path: string;
	/** The addrlen passed with it; offsetof(sun_path) + the path's length when absent. */
	readonly len?: number;
}

/** struct unix_address: the name a socket is bound to, and its addrlen (NUL included). */
export interface UnixAddress {
	readonly path: string;
	readonly len: number;
}

/** An skb of a stream: its bytes, how many were read (UNIXCB(skb).consumed), its truesize and writer. */
class UnixSkb {
	readonly data: Uint8Array;
	consumed = 0;
	readonly truesize: number;
	/** skb->sk: the writer, whose sk_wmem_alloc holds the truesize. */
	readonly owner: UnixSock;

	constructor(data: Uint8Array, truesize: number, owner: UnixSock) {
		this.data = data;
		this.truesize = truesize;
		this.owner = owner;
	}

	get len(): number {
		return this.data.length - this.consumed;
	}
}

/** The ids SO_PEERCRED reports (sk_peer_pid's tgid and sk_peer_cred's uid and gid). */
export interface UnixPeerCred {
	readonly pid: number;
	readonly uid: number;
	readonly gid: number;
}

/** struct unix_sock. */
export class UnixSock extends SockBase {
	/** sk_state: TCP_CLOSE, TCP_LISTEN or TCP_ESTABLISHED. */
	state = TCP_CLOSE;
	/** sock->state of the struct socket. */
	socketState = SS_UNCONNECTED;
	/** u->addr: the name (shared by a listener and the sockets accepted from it). */
	addr: UnixAddress | null = null;
	/** u->path's inode: what the name was created as. */
	inode: object | null = null;
	/** unix_peer(). */
	peer: UnixSock | null = null;
	/** sk_max_ack_backlog. */
	maxAckBacklog = UNIX_MAX_DGRAM_QLEN;
	/** sk_receive_queue of a connected socket. */
	readonly receiveQueue: UnixSkb[] = [];
	/** sk_receive_queue of a listener: the server ends of connections not accepted yet. */
	readonly acceptQueue: UnixSock[] = [];
	/** sk_wmem_alloc: the truesize of what this socket wrote and the peer has not read. */
	wmemAlloc = 0;
	/** u->peer_wait: connectors waiting for room in this listener's queue. */
	readonly peerWait = new WaitQueue();
	/** sk_peer_pid/sk_peer_cred: the connector for a server end, the listener for a client. */
	peerCred: UnixPeerCred | null = null;

	constructor() {
		super(SOCK_STREAM);
	}

	/** Unread bytes queued. */
	get rcvBytes(): number {
		let n = 0;
		for (const skb of this.receiveQueue) n += skb.len;
		return n;
	}
}

/** bsd_socket_buckets: bound sockets by the inode of their name. */
const bsdSockets = new WeakMap<object, UnixSock>();

/** unix_create(): protocol 0 or PF_UNIX; only SOCK_STREAM is modelled. */
export function unixCreate(type: number, protocol: number): UnixSock {
	if (protocol !== 0 && protocol !== AF_UNIX) throw new KernelError("EPROTONOSUPPORT");
	if (type !== SOCK_STREAM) throw new KernelError("ESOCKTNOSUPPORT");
	return new UnixSock();
}

function credOf(task: Task): UnixPeerCred {
	return { pid: task.tgid, uid: task.cred.euid, gid: task.cred.egid };
}

/**
 * unix_validate_addr(): EINVAL for an addrlen not above offsetof(sun_path)
 * or beyond sizeof(struct sockaddr_un), or another family. Returns
 * sun_path up to addrlen (what follows the string is zeros).
 */
export function unixValidateAddr(addr: UnixAddr): string {
	const len = addr.len ?? SUN_PATH_OFFSET + addr.path.length;
	if (len <= SUN_PATH_OFFSET || len > SOCKADDR_UN_LEN) throw new KernelError("EINVAL");
	if (addr.family !== AF_UNIX) throw new KernelError("EINVAL");
	return addr.path.slice(0, len - SUN_PATH_OFFSET);
}

/** An abstract name: sun_path starts with a NUL (the zeros after an empty string included). */
export function unixIsAbstract(sunPath: string): boolean {
	return sunPath.length === 0 || sunPath.charCodeAt(0) === 0;
}

/** unix_mkname_bsd(): the path up to its first NUL, and the addrlen the name is kept with (NUL included). */
export function unixMknameBsd(sunPath: string): UnixAddress {
	const nul = sunPath.indexOf("\0");
	const path = nul >= 0 ? sunPath.slice(0, nul) : sunPath;
	return { path, len: path.length + SUN_PATH_OFFSET + 1 };
}

/**
 * unix_bind_bsd(): `mknod` creates the name (vfs_mknod() of S_IFSOCK with
 * the socket inode's 0777 less the umask) and returns its inode; an
 * existing name is EADDRINUSE. A socket bound already removes what it
 * just created (`unlink`) and fails with EINVAL.
 */
export function unixBindBsd(
	sk: UnixSock,
	name: UnixAddress,
	mknod: () => object,
	unlink: () => void,
): void {
	let inode: object;
	try {
		inode = mknod();
	} catch (e) {
		if (e instanceof KernelError && e.code === "EEXIST") throw new KernelError("EADDRINUSE");
		throw e;
	}
	if (sk.addr !== null) {
		unlink();
		throw new KernelError("EINVAL");
	}
	sk.addr = name;
	sk.inode = inode;
	bsdSockets.set(inode, sk);
}

/** unix_find_socket_byinode(): the socket bound to the name that is `inode`, or null. */
export function unixFindSocketByInode(inode: object): UnixSock | null {
	return bsdSockets.get(inode) ?? null;
}

/**
 * unix_listen(): EINVAL for an unbound socket or a connected one; the
 * backlog (capped at somaxconn by the caller) may change while listening,
 * and a larger one lets waiting connectors in.
 */
export function unixListen(sk: UnixSock, backlog: number, task: Task): void {
	if (sk.addr === null) throw new KernelError("EINVAL");
	if (sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN) throw new KernelError("EINVAL");
	if (backlog > sk.maxAckBacklog) sk.peerWait.wakeUp();
	sk.maxAckBacklog = backlog;
	sk.state = TCP_LISTEN;
	sk.peerCred = credOf(task);
}

/** unix_recvq_full(). */
function unixRecvqFull(sk: UnixSock): boolean {
	return sk.acceptQueue.length > sk.maxAckBacklog;
}

/**
 * unix_stream_connect() once the name led to `other`: ECONNREFUSED unless
 * it listens; a full queue makes the caller wait on it (EAGAIN without
 * waiting); EISCONN when this socket is connected, EINVAL when it
 * listens. Then the server end joins the listener's queue and both ends
 * are established.
 */
export function unixStreamConnect(
	sk: UnixSock,
	other: UnixSock,
	task: Task,
	nonblock: boolean,
): void {
	if (other.state !== TCP_LISTEN || other.shutdown & RCV_SHUTDOWN)
		throw new KernelError("ECONNREFUSED");
	if (unixRecvqFull(other)) {
		if (nonblock) throw new KernelError("EAGAIN");
		throw new WouldBlock(other.peerWait);
	}
	if (sk.state !== TCP_CLOSE)
		throw new KernelError(sk.state === TCP_ESTABLISHED ? "EISCONN" : "EINVAL");
	const newsk = new UnixSock();
	newsk.peer = sk;
	newsk.state = TCP_ESTABLISHED;
	newsk.peerCred = credOf(task);
	newsk.addr = other.addr;
	newsk.inode = other.inode;
	sk.peerCred = other.peerCred;
	sk.socketState = SS_CONNECTED;
	sk.state = TCP_ESTABLISHED;
	sk.peer = newsk;
	other.acceptQueue.push(newsk);
	other.wq.wakeUp();
}

/**
 * unix_accept(): the oldest pending connection. EINVAL unless listening
 * (or after a receive shutdown); EAGAIN or WouldBlock with none pending.
 */
export function unixAccept(sk: UnixSock, nonblock: boolean): UnixSock {
	if (sk.state !== TCP_LISTEN) throw new KernelError("EINVAL");
	const err = sk.sockError();
	if (err !== null) throw new KernelError(err);
	const newsk = sk.acceptQueue.shift();
	if (newsk === undefined) {
		if (sk.shutdown & RCV_SHUTDOWN) throw new KernelError("EINVAL");
		if (nonblock) throw new KernelError("EAGAIN");
		throw new WouldBlock(sk.wq);
	}
	sk.peerWait.wakeUp();
	newsk.socketState = SS_CONNECTED;
	return newsk;
}

/** unix_writable(): not a listener, and at most a quarter of the send buffer in flight. */
function unixWritable(sk: UnixSock): boolean {
	return sk.state !== TCP_LISTEN && sk.wmemAlloc * 4 <= sk.sndbuf;
}

/** sock_wfree() of a consumed or dropped skb: the writer's memory comes back (unix_write_space()). */
function unixSkbFree(skb: UnixSkb): void {
	const w = skb.owner;
	w.wmemAlloc -= skb.truesize;
	if (unixWritable(w)) w.writeSpace();
}

/** The truesize of one skb of a stream write of `size` bytes: a head, and pages for what exceeds one. */
export function unixStreamSkbTruesize(size: number): number {
	const pageAlign = (n: number): number => Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
	const dataLen = Math.min(size, pageAlign(Math.max(0, size - SKB_MAX_HEAD0)));
	return skbHeadTruesize(size - dataLen, true) + pageAlign(dataLen);
}

/**
 * unix_stream_sendmsg(): the data in skbs of at most half the send buffer
 * (and one head plus 32 KiB of pages) each. EOPNOTSUPP for MSG_OOB,
 * EISCONN or EOPNOTSUPP with an address, ENOTCONN without a peer, EPIPE
 * once this side is shut for sending or the reader is gone (the caller
 * raises SIGPIPE unless MSG_NOSIGNAL). Returns what was queued; with
 * nothing queued and sk_sndbuf in flight, EAGAIN or WouldBlock.
 */
export function unixStreamSendmsg(
	sk: UnixSock,
	data: Uint8Array,
	flags: number,
	nonblock: boolean,
	withAddr: boolean,
): number {
	if (flags & MSG_OOB) throw new KernelError("EOPNOTSUPP");
	if (withAddr) throw new KernelError(sk.state === TCP_ESTABLISHED ? "EISCONN" : "EOPNOTSUPP");
	const other = sk.peer;
	if (other === null) throw new KernelError("ENOTCONN");
	if (sk.shutdown & SEND_SHUTDOWN) throw new KernelError("EPIPE");
	let sent = 0;
	const fail = (e: KernelError): number => {
		if (sent > 0) return sent;
		throw e;
	};
	while (sent < data.length) {
		const size = Math.min(
			data.length - sent,
			(sk.sndbuf >> 1) - 64,
			SKB_MAX_HEAD0 + UNIX_SKB_FRAGS_SZ,
		);
		// sock_alloc_send_pskb()
		const err = sk.sockError();
		if (err !== null) return fail(new KernelError(err));
		if (sk.shutdown & SEND_SHUTDOWN) return fail(new KernelError("EPIPE"));
		if (sk.wmemAlloc >= sk.sndbuf) {
			if (sent > 0) return sent;
			if (nonblock) throw new KernelError("EAGAIN");
			throw new WouldBlock(sk.wq);
		}
		if (other.dead || other.shutdown & RCV_SHUTDOWN) return fail(new KernelError("EPIPE"));
		const skb = new UnixSkb(data.slice(sent, sent + size), unixStreamSkbTruesize(size), sk);
		sk.wmemAlloc += skb.truesize;
		other.receiveQueue.push(skb);
		other.wq.wakeUp();
		sent += size;
	}
	return sent;
}

/** What a stream read hands back: the bytes, and the writer's name (null when it had none or nothing came). */
export interface UnixRecv {
	readonly data: Uint8Array;
	readonly addr: UnixAddr | null;
}

const NOTHING: UnixRecv = Object.freeze({ data: new Uint8Array(0), addr: null });

/**
 * unix_stream_read_generic(): EINVAL unless connected, EOPNOTSUPP for
 * MSG_OOB. Queued bytes up to `count` (stopping inside an skb read only
 * partly; MSG_PEEK leaves them); with none, the pending error once
 * (ECONNRESET when the peer closed on unread data), end of file after a
 * shutdown or the peer's close, else EAGAIN or WouldBlock. MSG_WAITALL
 * waits for `count` bytes unless the stream ends or fails first.
 */
export function unixStreamRecvmsg(
	sk: UnixSock,
	count: number,
	flags: number,
	nonblock: boolean,
): UnixRecv {
	if (sk.state !== TCP_ESTABLISHED) throw new KernelError("EINVAL");
	if (flags & MSG_OOB) throw new KernelError("EOPNOTSUPP");
	const target = flags & MSG_WAITALL ? Math.max(1, count) : 1;
	const avail = sk.rcvBytes;
	if (avail === 0) {
		const err = sk.sockError();
		if (err !== null) throw new KernelError(err);
		if (sk.shutdown & RCV_SHUTDOWN) return NOTHING;
		if (nonblock) throw new KernelError("EAGAIN");
		throw new WouldBlock(sk.wq);
	}
	if (avail < target && !nonblock && sk.err === null && !(sk.shutdown & RCV_SHUTDOWN)) {
		// MSG_WAITALL: the kernel copies what is there and sleeps for the rest.
		throw new WouldBlock(sk.wq);
	}
	const peek = (flags & MSG_PEEK) !== 0;
	const n = Math.min(count, avail);
	const out = new Uint8Array(n);
	const first = sk.receiveQueue[0]!;
	const addr: UnixAddr | null =
		first.owner.addr === null
			? null
			: { family: AF_UNIX, path: first.owner.addr.path, len: first.owner.addr.len };
	let copied = 0;
	let i = 0;
	while (copied < n) {
		const skb = sk.receiveQueue[i]!;
		const chunk = Math.min(skb.len, n - copied);
		out.set(skb.data.subarray(skb.consumed, skb.consumed + chunk), copied);
		copied += chunk;
		if (peek) {
			i++;
			continue;
		}
		skb.consumed += chunk;
		if (skb.len > 0) break;
		sk.receiveQueue.shift();
		unixSkbFree(skb);
	}
	// MSG_WAITALL short of its target: the error found is consumed with the data returned.
	if (copied < target) sk.sockError();
	return { data: copied === n ? out : out.subarray(0, copied), addr };
}

/**
 * unix_poll() of a stream socket: POLLERR with an error pending, POLLHUP
 * when shut both ways or not connected, POLLIN|POLLRDHUP after a receive
 * shutdown, POLLIN with data or connections queued, POLLOUT while
 * unix_writable().
 */
export function unixPoll(sk: UnixSock): number {
	let mask = 0;
	if (sk.err !== null) mask |= POLLERR;
	if (sk.shutdown === SHUTDOWN_MASK) mask |= POLLHUP;
	if (sk.shutdown & RCV_SHUTDOWN) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (sk.receiveQueue.length > 0 || sk.acceptQueue.length > 0) mask |= POLLIN | POLLRDNORM;
	if (sk.state === TCP_CLOSE) mask |= POLLHUP;
	if (unixWritable(sk)) mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

/** unix_shutdown(): `how` + 1 on this side, the mirror on the peer's (the caller checked `how`). */
export function unixShutdown(sk: UnixSock, how: number): void {
	const mode = how + 1;
	sk.shutdown |= mode;
	sk.wq.wakeUp();
	const other = sk.peer;
	if (other === null) return;
	let peerMode = 0;
	if (mode & RCV_SHUTDOWN) peerMode |= SEND_SHUTDOWN;
	if (mode & SEND_SHUTDOWN) peerMode |= RCV_SHUTDOWN;
	other.shutdown |= peerMode;
	other.wq.wakeUp();
}

/**
 * unix_getname(): the socket's name, or with `peer` its peer's (ENOTCONN
 * without one); a socket without a name reports an empty sun_path and
 * addrlen offsetof(sun_path).
 */
export function unixGetname(sk: UnixSock, peer: boolean): UnixAddr {
	const s = peer ? sk.peer : sk;
	if (s === null) throw new KernelError("ENOTCONN");
	const a = s.addr;
	if (a === null) return { family: AF_UNIX, path: "", len: SUN_PATH_OFFSET };
	return { family: AF_UNIX, path: a.path, len: a.len };
}

/**
 * unix_release_sock(): the name is unhashed, the socket shut and closed;
 * its peer can send no more and reads end of file, or ECONNRESET first
 * when this side had unread data or never was accepted (`embrion`). A
 * listener's pending connections are released the same way.
 */
export function unixRelease(sk: UnixSock, embrion = false): void {
	if (sk.dead) return;
	if (sk.inode !== null && bsdSockets.get(sk.inode) === sk) bsdSockets.delete(sk.inode);
	sk.dead = true;
	sk.shutdown = SHUTDOWN_MASK;
	const state = sk.state;
	sk.state = TCP_CLOSE;
	const skpair = sk.peer;
	sk.peer = null;
	sk.peerWait.wakeUp();
	if (skpair !== null) {
		skpair.shutdown = SHUTDOWN_MASK;
		if (sk.receiveQueue.length > 0 || embrion) skpair.err = "ECONNRESET";
		skpair.wq.wakeUp();
	}
	for (const skb of sk.receiveQueue.splice(0)) unixSkbFree(skb);
	if (state === TCP_LISTEN)
		for (const embryo of sk.acceptQueue.splice(0)) unixRelease(embryo, true);
	sk.wq.wakeUp();
}
