/**
 * Netlink sockets (net/netlink/af_netlink.c): datagrams between user
 * sockets and the kernel's sockets of a protocol, addressed by port id
 * (a process's tgid by default) or to multicast groups.
 *
 * `NetlinkTable` is nl_table[]: per protocol, the kernel socket a driver
 * made with netlink_kernel_create() and its configuration (groups, flags,
 * input, bind and release callbacks), the sockets by port id and the
 * multicast list. Only protocols a driver registered exist; cgkit has
 * one, NETLINK_CONNECTOR (drivers/connector), so socket() of any other is
 * EPROTONOSUPPORT as on a kernel without it.
 *
 * Receiving follows the kernel's memory rules: a message is queued only
 * while sk_rmem_alloc stays within sk_rcvbuf (the first one always fits);
 * a message from the kernel that does not fit is dropped and the socket
 * marked congested with ENOBUFS pending (netlink_overrun()), which the
 * next receive reports once; until the queue has been read empty every
 * further kernel message is dropped too.
 *
 * Nothing sleeps: a call that would wait throws WouldBlock with the queue
 * to wait on, and the caller retries it once woken.
 */
import { type ErrnoName, KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
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
	AF_NETLINK,
	AF_UNSPEC,
	MSG_DONTWAIT,
	MSG_OOB,
	MSG_PEEK,
	MSG_TRUNC,
	RCV_SHUTDOWN,
	SHUTDOWN_MASK,
	SOCK_DGRAM,
	SOCK_RAW,
	skbHeadTruesize,
} from "./defs.ts";
import { SockBase } from "./sock-base.ts";

/** Netlink protocols (include/uapi/linux/netlink.h). */
export const NETLINK_CONNECTOR = 11;
export const MAX_LINKS = 32;

/** SOL_NETLINK and its options. */
export const SOL_NETLINK = 270;
export const NETLINK_ADD_MEMBERSHIP = 1;
export const NETLINK_DROP_MEMBERSHIP = 2;
export const NETLINK_PKTINFO = 3;
export const NETLINK_BROADCAST_ERROR = 4;
export const NETLINK_NO_ENOBUFS = 5;

/** netlink_kernel_cfg.flags. */
export const NL_CFG_F_NONROOT_RECV = 1;
export const NL_CFG_F_NONROOT_SEND = 2;

/** sizeof(struct sockaddr_nl), sizeof(struct nlmsghdr) (NLMSG_HDRLEN). */
export const SOCKADDR_NL_LEN = 12;
export const NLMSG_HDRLEN = 16;
/** nlmsg_type of the control messages. */
export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;

/** CAP_NET_ADMIN: who may use every netlink group and send to any. */
export const CAP_NET_ADMIN = 12;

/** NLMSG_ALIGN(). */
export function nlmsgAlign(len: number): number {
	return (len + 3) & ~3;
}

/** struct sockaddr_nl. */
export interface NetlinkAddr {
	readonly family: number;
	/** nl_pid: a port id (0: the kernel). */
	readonly pid: number;
	/** nl_groups: a bitmask of multicast groups 1..32. */
	readonly groups: number;
	/** The addrlen passed with it; sizeof(struct sockaddr_nl) when absent. */
	readonly len?: number;
}

/** A queued message: its bytes, NETLINK_CB()'s source port and destination group, its truesize. */
export class NetlinkSkb {
	readonly data: Uint8Array;
	readonly portid: number;
	readonly dstGroup: number;
	readonly truesize: number;

	constructor(data: Uint8Array, portid: number, dstGroup: number, truesize: number) {
		this.data = data;
		this.portid = portid;
		this.dstGroup = dstGroup;
		this.truesize = truesize;
	}
}

/** struct netlink_sock. */
export class NetlinkSock extends SockBase {
	/** sk_protocol. */
	readonly protocol: number;
	/** A kernel socket (netlink_kernel_create()). */
	readonly kernelSocket: boolean;
	/** portid, and whether it is hashed under it (bound). */
	portid = 0;
	bound = false;
	/** groups[0]: the first 32 groups this socket listens to; ngroups: how many groups it may use. */
	groups = 0;
	ngroups = 0;
	/** Whether `groups` was ever allocated (netlink_realloc_groups()). */
	groupsAllocated = false;
	/** NETLINK_CONNECTED with dst_portid and dst_group (connect()). */
	connected = false;
	dstPortid = 0;
	dstGroup = 0;
	/** NETLINK_S_CONGESTED: a message was dropped; cleared once the queue is read empty. */
	congested = false;
	/** NETLINK_F_RECV_NO_ENOBUFS, NETLINK_F_BROADCAST_SEND_ERROR, NETLINK_F_RECV_PKTINFO. */
	noEnobufs = false;
	broadcastError = false;
	pktinfo = false;
	/** sk_drops. */
	drops = 0;
	/** sk_rmem_alloc: the truesize of the receive queue. */
	rmemAlloc = 0;
	readonly receiveQueue: NetlinkSkb[] = [];
	/** nlk->wait: senders waiting for room in this socket's receive queue. */
	readonly nlWait = new WaitQueue();
	/** sk_user_data: what the protocol keeps on the socket (cn_proc's proc_input). */
	userData: object | null = null;

	constructor(protocol: number, type: number, kernelSocket: boolean) {
		super(type);
		this.protocol = protocol;
		this.kernelSocket = kernelSocket;
	}
}

/** What a driver passes to netlink_kernel_create() (struct netlink_kernel_cfg). */
export interface NetlinkKernelCfg {
	/** How many multicast groups the protocol has. */
	readonly groups: number;
	/** NL_CFG_F_NONROOT_RECV, NL_CFG_F_NONROOT_SEND. */
	readonly flags: number;
	/** The kernel socket's input: a message a user socket sent it, in the sender's context. */
	input(kernel: Kernel, skb: NetlinkSkb, sender: NetlinkSock, task: Task): void;
	/** A user socket joins `group` (1-based); an errno refuses. */
	bind?(kernel: Kernel, task: Task, group: number): ErrnoName | null;
	/** A user socket that had groups is released. */
	release?(kernel: Kernel, sk: NetlinkSock): void;
}

/** Decides per destination socket whether a broadcast skips it (netlink_filter_fn: true drops). */
export type NetlinkFilter = (dsk: NetlinkSock) => boolean;

/** nl_table[protocol]. */
class NlTableEntry {
	readonly cfg: NetlinkKernelCfg;
	readonly kernelSock: NetlinkSock;
	/** The sockets by port id (the kernel socket is 0). */
	readonly hash = new Map<number, NetlinkSock>();
	/** mc_list: sockets with subscriptions, the newest first (sk_add_bind_node()). */
	readonly mcList: NetlinkSock[] = [];

	constructor(cfg: NetlinkKernelCfg, kernelSock: NetlinkSock) {
		this.cfg = cfg;
		this.kernelSock = kernelSock;
	}
}

export class NetlinkTable {
	private readonly table: (NlTableEntry | undefined)[] = [];

	/** netlink_kernel_create(): the protocol is registered with its kernel socket (port id 0). */
	kernelCreate(protocol: number, cfg: NetlinkKernelCfg): NetlinkSock {
		const sk = new NetlinkSock(protocol, SOCK_DGRAM, true);
		const entry = new NlTableEntry(cfg, sk);
		sk.bound = true;
		sk.ngroups = cfg.groups;
		entry.hash.set(0, sk);
		this.table[protocol] = entry;
		return sk;
	}

	entry(protocol: number): NlTableEntry | null {
		return this.table[protocol] ?? null;
	}

	/** The protocol's entry of a socket that exists (its protocol is registered). */
	of(sk: NetlinkSock): NlTableEntry {
		const e = this.table[sk.protocol];
		if (e === undefined) throw new Error(`netlink protocol ${sk.protocol} is not registered`);
		return e;
	}
}

/** netlink_group_mask(). */
export function netlinkGroupMask(group: number): number {
	return group === 0 ? 0 : (1 << (group - 1)) >>> 0;
}

/** ffs(): the 1-based index of the lowest set bit, 0 for none. */
function ffs(x: number): number {
	const v = x >>> 0;
	if (v === 0) return 0;
	return 32 - Math.clz32(v & -v);
}

/** netlink_create(): SOCK_RAW or SOCK_DGRAM of a registered protocol. */
export function netlinkCreate(kernel: Kernel, type: number, protocol: number): NetlinkSock {
	if (type !== SOCK_RAW && type !== SOCK_DGRAM) throw new KernelError("ESOCKTNOSUPPORT");
	if (protocol < 0 || protocol >= MAX_LINKS) throw new KernelError("EPROTONOSUPPORT");
	if (kernel.netlink.entry(protocol) === null) throw new KernelError("EPROTONOSUPPORT");
	return new NetlinkSock(protocol, type, false);
}

/** netlink_allowed(): the protocol lets everybody, or the caller has CAP_NET_ADMIN. */
function netlinkAllowed(kernel: Kernel, sk: NetlinkSock, task: Task, flag: number): boolean {
	return (kernel.netlink.of(sk).cfg.flags & flag) !== 0 || task.cred.capable(CAP_NET_ADMIN);
}

/** netlink_realloc_groups(): the socket may use every group of its protocol. */
function netlinkReallocGroups(kernel: Kernel, sk: NetlinkSock): void {
	const entry = kernel.netlink.entry(sk.protocol);
	if (entry === null) throw new KernelError("ENOENT");
	sk.groupsAllocated = true;
	if (sk.ngroups < entry.cfg.groups) sk.ngroups = entry.cfg.groups;
}

/**
 * netlink_insert(): hash the socket under `portid`. The port id is taken
 * even when the insertion then fails; EADDRINUSE when another socket has it.
 */
function netlinkInsert(kernel: Kernel, sk: NetlinkSock, portid: number): void {
	if (sk.bound) {
		if (sk.portid !== portid) throw new KernelError("EBUSY");
		return;
	}
	sk.portid = portid;
	const hash = kernel.netlink.of(sk).hash;
	if (hash.has(portid)) throw new KernelError("EADDRINUSE");
	hash.set(portid, sk);
	sk.bound = true;
}

/**
 * netlink_autobind(): the caller's tgid (as its pid namespace numbers it)
 * if free, else negative port ids downwards from a random start below -4096.
 */
function netlinkAutobind(kernel: Kernel, sk: NetlinkSock, task: Task): void {
	const hash = kernel.netlink.of(sk).hash;
	let portid = task.tgidIn(task.pidNs) >>> 0;
	let rover = -4096;
	while (hash.has(portid)) {
		if (rover === -4096) rover = -0x80000000 + kernel.rng.below(-4096 + 0x80000000);
		else if (rover >= -4096) rover = -4097;
		portid = rover-- >>> 0;
	}
	netlinkInsert(kernel, sk, portid);
}

/** netlink_update_subscriptions(): on the multicast list while it has groups. */
function netlinkUpdateSubscriptions(kernel: Kernel, sk: NetlinkSock, groups: number): void {
	const list = kernel.netlink.of(sk).mcList;
	const had = sk.groups !== 0;
	if (had && groups === 0) list.splice(list.indexOf(sk), 1);
	else if (!had && groups !== 0) list.unshift(sk);
	sk.groups = groups >>> 0;
}

/** netlink_undo_bind() with the connector's (and every cgkit protocol's) lack of an unbind. */
function netlinkBindGroups(kernel: Kernel, sk: NetlinkSock, task: Task, groups: number): void {
	const bind = kernel.netlink.of(sk).cfg.bind;
	if (bind === undefined || groups === 0) return;
	for (let group = 0; group < 32; group++) {
		if (!((groups >>> group) & 1)) continue;
		const err = bind(kernel, task, group + 1);
		if (err !== null) throw new KernelError(err);
	}
}

/**
 * netlink_bind(): EINVAL for a short address or another family; joining
 * groups needs the protocol's NL_CFG_F_NONROOT_RECV or CAP_NET_ADMIN
 * (EPERM) and every group's bind callback; a bound socket may only name
 * its own port id (EINVAL); an unbound one takes nl_pid, or its tgid
 * when 0 (EADDRINUSE when taken). The groups replace the first 32.
 */
export function netlinkBind(kernel: Kernel, sk: NetlinkSock, task: Task, addr: NetlinkAddr): void {
	if ((addr.len ?? SOCKADDR_NL_LEN) < SOCKADDR_NL_LEN) throw new KernelError("EINVAL");
	if (addr.family !== AF_NETLINK) throw new KernelError("EINVAL");
	let groups = addr.groups >>> 0;
	if (groups !== 0) {
		if (!netlinkAllowed(kernel, sk, task, NL_CFG_F_NONROOT_RECV)) throw new KernelError("EPERM");
		netlinkReallocGroups(kernel, sk);
	}
	if (sk.ngroups < 32) groups = (groups & ((1 << sk.ngroups) - 1)) >>> 0;
	const pid = addr.pid >>> 0;
	if (sk.bound && pid !== sk.portid) throw new KernelError("EINVAL");
	netlinkBindGroups(kernel, sk, task, groups);
	if (!sk.bound) {
		if (pid !== 0) netlinkInsert(kernel, sk, pid);
		else netlinkAutobind(kernel, sk, task);
	}
	if (groups === 0 && sk.groups === 0) return;
	netlinkUpdateSubscriptions(kernel, sk, groups);
}

/**
 * netlink_connect(): the default destination of send(). AF_UNSPEC forgets
 * it; naming a group or another port needs NL_CFG_F_NONROOT_SEND or
 * CAP_NET_ADMIN (EPERM). An unbound socket is bound first.
 */
export function netlinkConnect(
	kernel: Kernel,
	sk: NetlinkSock,
	task: Task,
	addr: NetlinkAddr,
): void {
	const len = addr.len ?? SOCKADDR_NL_LEN;
	if (len < 2) throw new KernelError("EINVAL");
	if (addr.family === AF_UNSPEC) {
		sk.connected = false;
		sk.dstPortid = 0;
		sk.dstGroup = 0;
		return;
	}
	if (addr.family !== AF_NETLINK) throw new KernelError("EINVAL");
	if (len < SOCKADDR_NL_LEN) throw new KernelError("EINVAL");
	if (
		(addr.groups !== 0 || addr.pid !== 0) &&
		!netlinkAllowed(kernel, sk, task, NL_CFG_F_NONROOT_SEND)
	)
		throw new KernelError("EPERM");
	if (!sk.bound) netlinkAutobind(kernel, sk, task);
	sk.connected = true;
	sk.dstPortid = addr.pid >>> 0;
	sk.dstGroup = ffs(addr.groups);
}

/** netlink_getname(): the socket's own port id and groups, or (peer) its connect() destination. */
export function netlinkGetname(sk: NetlinkSock, peer: boolean): NetlinkAddr {
	if (peer) {
		return {
			family: AF_NETLINK,
			pid: sk.dstPortid,
			groups: netlinkGroupMask(sk.dstGroup),
			len: SOCKADDR_NL_LEN,
		};
	}
	return { family: AF_NETLINK, pid: sk.portid, groups: sk.groups, len: SOCKADDR_NL_LEN };
}

/** netlink_overrun(): a message was dropped; ENOBUFS is reported once unless NETLINK_NO_ENOBUFS. */
function netlinkOverrun(sk: NetlinkSock): void {
	if (!sk.noEnobufs && !sk.congested) {
		sk.congested = true;
		sk.err = "ENOBUFS";
		sk.wq.wakeUp();
	}
	sk.drops++;
}

/** __netlink_sendskb(): queue and wake the readers (sk_data_ready()). */
function netlinkSendskb(sk: NetlinkSock, skb: NetlinkSkb): void {
	sk.receiveQueue.push(skb);
	sk.rmemAlloc += skb.truesize;
	sk.wq.wakeUp();
}

/** Whether `truesize` more fits: the first message always does, then up to sk_rcvbuf, never while congested. */
function netlinkRoom(sk: NetlinkSock, truesize: number): boolean {
	const rmem = sk.rmemAlloc + truesize;
	return (rmem === truesize || rmem <= sk.rcvbuf) && !sk.congested;
}

/**
 * netlink_unicast() to `portid`: ECONNREFUSED when nobody has it, or it
 * is connected to another port; the kernel socket's input runs at once;
 * a full user socket makes the sender wait for it (EAGAIN without waiting).
 */
export function netlinkUnicast(
	kernel: Kernel,
	ssk: NetlinkSock,
	skb: NetlinkSkb,
	portid: number,
	nonblock: boolean,
	task: Task | null,
): number {
	const entry = kernel.netlink.of(ssk);
	const sk = entry.hash.get(portid);
	if (sk === undefined) throw new KernelError("ECONNREFUSED");
	if (sk.connected && sk.dstPortid !== ssk.portid) throw new KernelError("ECONNREFUSED");
	if (sk.kernelSocket) {
		// netlink_unicast_kernel()
		if (task !== null) entry.cfg.input(kernel, skb, ssk, task);
		return skb.data.length;
	}
	if (netlinkRoom(sk, skb.truesize)) {
		netlinkSendskb(sk, skb);
		return skb.data.length;
	}
	// netlink_attachskb()
	if (nonblock) {
		if (ssk.kernelSocket) netlinkOverrun(sk);
		throw new KernelError("EAGAIN");
	}
	throw new WouldBlock(sk.nlWait);
}

/**
 * netlink_broadcast_filtered(): a copy to every socket listening to
 * `group` but the sender and the port `portid`, unless `filter` drops it;
 * one without room overruns. 0 when somebody got it, else ESRCH.
 */
export function netlinkBroadcastFiltered(
	kernel: Kernel,
	ssk: NetlinkSock,
	skb: NetlinkSkb,
	portid: number,
	group: number,
	filter: NetlinkFilter | null,
): ErrnoName | null {
	let delivered = false;
	let deliveryFailure = false;
	for (const sk of kernel.netlink.of(ssk).mcList) {
		if (sk === ssk) continue;
		if (sk.portid === portid || group - 1 >= sk.ngroups || !((sk.groups >>> (group - 1)) & 1))
			continue;
		if (filter?.(sk)) continue;
		if (!netlinkRoom(sk, skb.truesize)) {
			netlinkOverrun(sk);
			if (sk.broadcastError) deliveryFailure = true;
			continue;
		}
		netlinkSendskb(sk, new NetlinkSkb(skb.data, skb.portid, skb.dstGroup, skb.truesize));
		delivered = true;
	}
	if (deliveryFailure) return "ENOBUFS";
	return delivered ? null : "ESRCH";
}

/** netlink_has_listeners(): some socket listens to `group` of the protocol. */
export function netlinkHasListeners(kernel: Kernel, protocol: number, group: number): boolean {
	const entry = kernel.netlink.entry(protocol);
	if (entry === null || group < 1 || group - 1 >= entry.cfg.groups) return false;
	for (const sk of entry.mcList) if ((sk.groups >>> (group - 1)) & 1) return true;
	return false;
}

/**
 * netlink_sendmsg(): one datagram to the address given or connect()'s
 * destination: ENODATA when empty, EOPNOTSUPP for MSG_OOB, EINVAL for a
 * bad address, EPERM for a group or another port without
 * NL_CFG_F_NONROOT_SEND or CAP_NET_ADMIN, EMSGSIZE beyond sk_sndbuf - 32.
 * An unbound socket is bound first. A group gets a copy, then the port
 * (the kernel by default) the message.
 */
export function netlinkSendmsg(
	kernel: Kernel,
	sk: NetlinkSock,
	task: Task,
	data: Uint8Array,
	flags: number,
	addr: NetlinkAddr | null,
	nonblock: boolean,
): number {
	if (flags & MSG_OOB) throw new KernelError("EOPNOTSUPP");
	if (data.length === 0) {
		kernel.printkOnce("Zero length message leads to an empty skb");
		throw new KernelError("ENODATA");
	}
	let dstPortid: number;
	let dstGroup: number;
	if (addr !== null) {
		if ((addr.len ?? SOCKADDR_NL_LEN) < SOCKADDR_NL_LEN) throw new KernelError("EINVAL");
		if (addr.family !== AF_NETLINK) throw new KernelError("EINVAL");
		dstPortid = addr.pid >>> 0;
		dstGroup = ffs(addr.groups);
		if (
			(dstGroup !== 0 || dstPortid !== 0) &&
			!netlinkAllowed(kernel, sk, task, NL_CFG_F_NONROOT_SEND)
		)
			throw new KernelError("EPERM");
	} else {
		dstPortid = sk.dstPortid;
		dstGroup = sk.dstGroup;
	}
	if (!sk.bound) netlinkAutobind(kernel, sk, task);
	if (data.length > sk.sndbuf - 32) throw new KernelError("EMSGSIZE");
	const skb = new NetlinkSkb(
		data.slice(),
		sk.portid,
		dstGroup,
		skbHeadTruesize(data.length, false),
	);
	if (dstGroup !== 0) netlinkBroadcastFiltered(kernel, sk, skb, dstPortid, dstGroup, null);
	return netlinkUnicast(kernel, sk, skb, dstPortid, nonblock || (flags & MSG_DONTWAIT) !== 0, task);
}

/** What recvmsg() hands back. */
export interface NetlinkRecv {
	/** The bytes copied: the message, cut to the buffer. */
	readonly data: Uint8Array;
	/** The return value: the bytes copied, or the whole message's length with MSG_TRUNC. */
	readonly size: number;
	/** msg_flags: MSG_TRUNC when the message did not fit. */
	readonly flags: number;
	/** msg_name: the sender's port id and the group it was sent to. */
	readonly addr: NetlinkAddr;
}

/** netlink_rcv_wake(): an emptied queue is no longer congested; senders may try again. */
function netlinkRcvWake(sk: NetlinkSock): void {
	if (sk.receiveQueue.length === 0) sk.congested = false;
	if (!sk.congested) sk.nlWait.wakeUp();
}

/**
 * netlink_recvmsg(): a pending error first (ENOBUFS after an overrun, once),
 * then the oldest message, cut to `count` bytes (the rest is lost) unless
 * MSG_PEEK leaves it queued; EAGAIN or WouldBlock when there is none.
 */
export function netlinkRecvmsg(
	sk: NetlinkSock,
	count: number,
	flags: number,
	nonblock: boolean,
): NetlinkRecv {
	if (flags & MSG_OOB) throw new KernelError("EOPNOTSUPP");
	try {
		// skb_recv_datagram()
		const err = sk.sockError();
		if (err !== null) throw new KernelError(err);
		const skb = sk.receiveQueue[0];
		if (skb === undefined) {
			if (sk.shutdown & RCV_SHUTDOWN) {
				return { data: new Uint8Array(0), size: 0, flags: 0, addr: netlinkGetname(sk, true) };
			}
			if (nonblock || flags & MSG_DONTWAIT) throw new KernelError("EAGAIN");
			throw new WouldBlock(sk.wq);
		}
		const len = skb.data.length;
		const copied = Math.min(len, Math.max(0, count));
		if (!(flags & MSG_PEEK)) {
			sk.receiveQueue.shift();
			sk.rmemAlloc -= skb.truesize;
		}
		return {
			data: skb.data.slice(0, copied),
			size: flags & MSG_TRUNC ? len : copied,
			flags: copied < len ? MSG_TRUNC : 0,
			addr: {
				family: AF_NETLINK,
				pid: skb.portid,
				groups: netlinkGroupMask(skb.dstGroup),
				len: SOCKADDR_NL_LEN,
			},
		};
	} finally {
		netlinkRcvWake(sk);
	}
}

/**
 * datagram_poll() of a netlink socket: readable with a message queued,
 * POLLERR with an error pending (ENOBUFS after an overrun), and always
 * writable (a netlink socket keeps no send memory).
 */
export function netlinkPoll(sk: NetlinkSock): number {
	let mask = 0;
	if (sk.err !== null) mask |= POLLERR;
	if (sk.shutdown & RCV_SHUTDOWN) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (sk.shutdown === SHUTDOWN_MASK) mask |= POLLHUP;
	if (sk.receiveQueue.length > 0) mask |= POLLIN | POLLRDNORM;
	return mask | POLLOUT | POLLWRNORM | POLLWRBAND;
}

/**
 * netlink_release(): the socket leaves the port table and the multicast
 * list, the protocol's release callback runs, the queue is dropped and
 * blocked senders wake (to find it gone).
 */
export function netlinkRelease(kernel: Kernel, sk: NetlinkSock): void {
	if (sk.dead) return;
	const entry = kernel.netlink.of(sk);
	if (sk.bound && entry.hash.get(sk.portid) === sk) entry.hash.delete(sk.portid);
	const groups = sk.groups;
	if (groups !== 0) {
		const i = entry.mcList.indexOf(sk);
		if (i >= 0) entry.mcList.splice(i, 1);
	}
	sk.dead = true;
	sk.shutdown = SHUTDOWN_MASK;
	if (sk.groupsAllocated) entry.cfg.release?.(kernel, sk);
	sk.nlWait.wakeUp();
	sk.receiveQueue.length = 0;
	sk.rmemAlloc = 0;
	sk.wq.wakeUp();
}

/**
 * netlink_setsockopt() (SOL_NETLINK): NETLINK_ADD_MEMBERSHIP and
 * NETLINK_DROP_MEMBERSHIP of one group (EPERM as bind(), EINVAL for a
 * group the protocol does not have), NETLINK_NO_ENOBUFS,
 * NETLINK_BROADCAST_ERROR and NETLINK_PKTINFO flags; other options
 * ENOPROTOOPT.
 */
export function netlinkSetsockopt(
	kernel: Kernel,
	sk: NetlinkSock,
	task: Task,
	optname: number,
	val: number,
	optlen: number,
): void {
	const v = optlen >= 4 ? val >>> 0 : 0;
	switch (optname) {
		case NETLINK_PKTINFO:
			sk.pktinfo = v !== 0;
			return;
		case NETLINK_ADD_MEMBERSHIP:
		case NETLINK_DROP_MEMBERSHIP: {
			if (!netlinkAllowed(kernel, sk, task, NL_CFG_F_NONROOT_RECV)) throw new KernelError("EPERM");
			netlinkReallocGroups(kernel, sk);
			if (v === 0 || v - 1 >= sk.ngroups) throw new KernelError("EINVAL");
			const add = optname === NETLINK_ADD_MEMBERSHIP;
			if (add) netlinkBindGroups(kernel, sk, task, v <= 32 ? netlinkGroupMask(v) : 0);
			if (v <= 32) {
				const mask = netlinkGroupMask(v);
				netlinkUpdateSubscriptions(kernel, sk, add ? sk.groups | mask : sk.groups & ~mask);
			}
			return;
		}
		case NETLINK_BROADCAST_ERROR:
			sk.broadcastError = v !== 0;
			return;
		case NETLINK_NO_ENOBUFS:
			sk.noEnobufs = v !== 0;
			if (sk.noEnobufs) {
				sk.congested = false;
				sk.nlWait.wakeUp();
			}
			return;
		default:
			throw new KernelError("ENOPROTOOPT");
	}
}

/** netlink_getsockopt() (SOL_NETLINK) of the flags. */
export function netlinkGetsockopt(sk: NetlinkSock, optname: number): number {
	switch (optname) {
		case NETLINK_PKTINFO:
			return sk.pktinfo ? 1 : 0;
		case NETLINK_BROADCAST_ERROR:
			return sk.broadcastError ? 1 : 0;
		case NETLINK_NO_ENOBUFS:
			return sk.noEnobufs ? 1 : 0;
		default:
			throw new KernelError("ENOPROTOOPT");
	}
}
