/**
 * The kernel connector (drivers/connector/connector.c): NETLINK_CONNECTOR
 * carries struct cn_msg messages between user space and kernel callbacks
 * identified by {idx, val}. cn_init() creates its kernel socket with
 * 26 groups (CN_NETLINK_USERS + 0xf) that anybody may listen to
 * (NL_CFG_F_NONROOT_RECV), gated by cn_bind(); a message a user socket
 * sends to the kernel reaches the callback of its id (cn_rx_skb()).
 *
 * struct cn_msg (include/uapi/linux/connector.h), little-endian:
 *   0 idx u32, 4 val u32, 8 seq u32, 12 ack u32, 16 len u16, 18 flags u16, 20 data
 */
import { type ErrnoName, KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";
import { skbHeadTruesize } from "./defs.ts";
import {
	CAP_NET_ADMIN,
	NETLINK_CONNECTOR,
	type NetlinkFilter,
	NetlinkSkb,
	type NetlinkSock,
	NL_CFG_F_NONROOT_RECV,
	NLMSG_DONE,
	NLMSG_HDRLEN,
	netlinkBroadcastFiltered,
	netlinkGroupMask,
	netlinkHasListeners,
	netlinkUnicast,
	nlmsgAlign,
} from "./netlink.ts";

/** Connector ids and limits. */
export const CN_IDX_PROC = 1;
export const CN_VAL_PROC = 1;
export const CN_NETLINK_USERS = 11;
export const CONNECTOR_MAX_MSG_SIZE = 16384;
/** sizeof(struct cn_msg). */
export const CN_MSG_LEN = 20;

/** A struct cn_msg as a callback gets it. */
export interface CnMsg {
	readonly idx: number;
	readonly val: number;
	readonly seq: number;
	readonly ack: number;
	readonly len: number;
	readonly flags: number;
	/** The `len` bytes of data. */
	readonly data: Uint8Array;
}

/** A connector callback: the message, the socket that sent it (NETLINK_CB(skb).sk), and the sending task (current). */
export type CnCallback = (msg: CnMsg, sender: NetlinkSock, task: Task) => void;

interface CnCallbackEntry {
	readonly idx: number;
	readonly val: number;
	readonly name: string;
	/** The group messages of this id go to when sent without one (cn_queue_add_callback(): the idx). */
	readonly group: number;
	readonly callback: CnCallback;
}

function u32(b: Uint8Array, off: number): number {
	return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

function u16(b: Uint8Array, off: number): number {
	return b[off]! | (b[off + 1]! << 8);
}

function putU32(b: Uint8Array, off: number, v: number): void {
	b[off] = v & 0xff;
	b[off + 1] = (v >>> 8) & 0xff;
	b[off + 2] = (v >>> 16) & 0xff;
	b[off + 3] = (v >>> 24) & 0xff;
}

/** struct cn_dev: the connector's kernel socket and its callbacks. */
export class CnDev {
	private readonly kernel: Kernel;
	/** dev->nls. */
	readonly nls: NetlinkSock;
	private readonly callbacks: CnCallbackEntry[] = [];

	/** cn_init(). */
	constructor(kernel: Kernel) {
		this.kernel = kernel;
		this.nls = kernel.netlink.kernelCreate(NETLINK_CONNECTOR, {
			groups: CN_NETLINK_USERS + 0xf,
			flags: NL_CFG_F_NONROOT_RECV,
			input: (_k, skb, sender, task) => this.rxSkb(skb, sender, task),
			bind: (_k, task, group) => cnBind(task, group),
			release: (_k, sk) => cnRelease(sk),
		});
	}

	/** cn_add_callback(): one callback per id (a second registration is refused: false). */
	addCallback(idx: number, val: number, name: string, callback: CnCallback): boolean {
		if (this.find(idx, val) !== null) return false;
		this.callbacks.push({ idx, val, name, group: idx, callback });
		return true;
	}

	private find(idx: number, val: number): CnCallbackEntry | null {
		for (const cb of this.callbacks) if (cb.idx === idx && cb.val === val) return cb;
		return null;
	}

	/**
	 * cn_rx_skb() and cn_call_callback(): the first netlink message of what
	 * a user socket sent; one too short, longer than what was sent or than
	 * CONNECTOR_MAX_MSG_SIZE, or whose cn_msg claims more data than it
	 * carries, or for an id nobody registered, is dropped without a word.
	 */
	private rxSkb(skb: NetlinkSkb, sender: NetlinkSock, task: Task): void {
		const b = skb.data;
		if (b.length < NLMSG_HDRLEN) return;
		const nlmsgLen = u32(b, 0);
		const len = nlmsgLen - NLMSG_HDRLEN;
		if (len < CN_MSG_LEN || b.length < nlmsgLen || len > CONNECTOR_MAX_MSG_SIZE) return;
		const m = NLMSG_HDRLEN;
		const msgLen = u16(b, m + 16);
		if (nlmsgLen < NLMSG_HDRLEN + CN_MSG_LEN + msgLen) return;
		const cb = this.find(u32(b, m), u32(b, m + 4));
		if (cb === null) return;
		cb.callback(
			{
				idx: u32(b, m),
				val: u32(b, m + 4),
				seq: u32(b, m + 8),
				ack: u32(b, m + 12),
				len: msgLen,
				flags: u16(b, m + 18),
				data: b.subarray(m + CN_MSG_LEN, m + CN_MSG_LEN + msgLen),
			},
			sender,
			task,
		);
	}

	/**
	 * cn_netlink_send_mult(): `msg` (a cn_msg with its data) in a netlink
	 * message of type NLMSG_DONE whose sequence number is the cn_msg's, to
	 * the port and/or group given, or to the group of its id (ENODEV for
	 * an id nobody registered). ESRCH when nobody listens to the group.
	 */
	sendMult(
		msg: Uint8Array,
		portid: number,
		group: number,
		filter: NetlinkFilter | null,
	): ErrnoName | null {
		let g = group;
		if (portid === 0 && group === 0) {
			const cb = this.find(u32(msg, 0), u32(msg, 4));
			if (cb === null) return "ENODEV";
			g = cb.group;
		}
		if (portid === 0 && !netlinkHasListeners(this.kernel, NETLINK_CONNECTOR, g)) return "ESRCH";
		const total = nlmsgAlign(NLMSG_HDRLEN + msg.length);
		const b = new Uint8Array(total);
		putU32(b, 0, NLMSG_HDRLEN + msg.length);
		b[4] = NLMSG_DONE;
		putU32(b, 8, u32(msg, 8));
		b.set(msg, NLMSG_HDRLEN);
		// nlmsg_new(): GFP_NOWAIT, so the head comes from the small-head cache.
		const skb = new NetlinkSkb(b, 0, g, skbHeadTruesize(total, false));
		if (g !== 0) return netlinkBroadcastFiltered(this.kernel, this.nls, skb, portid, g, filter);
		try {
			netlinkUnicast(this.kernel, this.nls, skb, portid, true, null);
			return null;
		} catch (e) {
			if (e instanceof KernelError) return e.code;
			throw e;
		}
	}
}

/**
 * cn_bind(): CAP_NET_ADMIN joins any group; without it a group is allowed
 * when bit CN_IDX_PROC - 1 of the group's number is set, which the kernel
 * tests on the number rather than a mask: every odd group passes.
 */
function cnBind(task: Task, group: number): ErrnoName | null {
	if (task.cred.capable(CAP_NET_ADMIN)) return null;
	if ((group >>> (CN_IDX_PROC - 1)) & 1) return null;
	return "EPERM";
}

/** cn_release(): a socket that was in the proc group loses its proc_input (the listener count stays). */
function cnRelease(sk: NetlinkSock): void {
	if (sk.groups & netlinkGroupMask(CN_IDX_PROC)) sk.userData = null;
}
