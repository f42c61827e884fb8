/**
 * The process events connector's wire format for its users: decoding what
 * a NETLINK_CONNECTOR socket bound to CN_IDX_PROC receives into typed
 * events, and encoding the PROC_CN_MCAST_LISTEN / IGNORE control message.
 * The same bytes come from the real kernel and from the emulated one, so
 * cgrulesengd's emulated and host versions share this.
 *
 * Layouts (little-endian x86-64, include/uapi/linux/netlink.h,
 * connector.h, cn_proc.h):
 *   struct nlmsghdr   0 len u32, 4 type u16, 6 flags u16, 8 seq u32, 12 pid u32
 *   struct cn_msg     0 idx u32, 4 val u32, 8 seq u32, 12 ack u32, 16 len u16, 18 flags u16
 *   struct proc_event 0 what u32, 4 cpu u32, 8 timestamp_ns u64, 16 event_data
 */

// The numbers of the ABI, as the emulated kernel defines them (they are
// Linux's, so the same decoder reads the real kernel's datagrams).
import {
	PROC_CN_MCAST_IGNORE,
	PROC_CN_MCAST_LISTEN,
	PROC_EVENT_COMM,
	PROC_EVENT_COREDUMP,
	PROC_EVENT_EXEC,
	PROC_EVENT_EXIT,
	PROC_EVENT_FORK,
	PROC_EVENT_GID,
	PROC_EVENT_LEN,
	PROC_EVENT_NONE,
	PROC_EVENT_NONZERO_EXIT,
	PROC_EVENT_PTRACE,
	PROC_EVENT_SID,
	PROC_EVENT_UID,
} from "../../kernel/cn-proc.ts";
import { CN_IDX_PROC, CN_MSG_LEN, CN_VAL_PROC } from "../../kernel/net/connector.ts";
import { AF_NETLINK } from "../../kernel/net/defs.ts";
import {
	NETLINK_CONNECTOR,
	NLMSG_DONE,
	NLMSG_ERROR,
	NLMSG_HDRLEN,
	NLMSG_NOOP,
	NLMSG_OVERRUN,
} from "../../kernel/net/netlink.ts";

export {
	AF_NETLINK,
	CN_IDX_PROC,
	CN_VAL_PROC,
	NETLINK_CONNECTOR,
	NLMSG_DONE,
	NLMSG_ERROR,
	NLMSG_HDRLEN,
	NLMSG_NOOP,
	NLMSG_OVERRUN,
	PROC_CN_MCAST_IGNORE,
	PROC_CN_MCAST_LISTEN,
	PROC_EVENT_COMM,
	PROC_EVENT_COREDUMP,
	PROC_EVENT_EXEC,
	PROC_EVENT_EXIT,
	PROC_EVENT_FORK,
	PROC_EVENT_GID,
	PROC_EVENT_LEN,
	PROC_EVENT_NONE,
	PROC_EVENT_NONZERO_EXIT,
	PROC_EVENT_PTRACE,
	PROC_EVENT_SID,
	PROC_EVENT_UID,
};

/** What every event carries besides its own fields. */
interface EventBase {
	/** The CPU it was raised on. */
	readonly cpu: number;
	/** ktime_get_ns() when it was raised (ns since boot). */
	readonly timestampNs: bigint;
}

/** struct proc_event by `what`; pids are thread ids, tgids process ids (init pid namespace). */
export type ProcEvent = EventBase &
	(
		| { readonly what: "none"; readonly err: number }
		| {
				readonly what: "fork";
				readonly parentPid: number;
				readonly parentTgid: number;
				readonly childPid: number;
				readonly childTgid: number;
		  }
		| { readonly what: "exec"; readonly pid: number; readonly tgid: number }
		| {
				readonly what: "uid";
				readonly pid: number;
				readonly tgid: number;
				readonly ruid: number;
				readonly euid: number;
		  }
		| {
				readonly what: "gid";
				readonly pid: number;
				readonly tgid: number;
				readonly rgid: number;
				readonly egid: number;
		  }
		| { readonly what: "sid"; readonly pid: number; readonly tgid: number }
		| {
				readonly what: "ptrace";
				readonly pid: number;
				readonly tgid: number;
				readonly tracerPid: number;
				readonly tracerTgid: number;
		  }
		| { readonly what: "comm"; readonly pid: number; readonly tgid: number; readonly comm: string }
		| {
				readonly what: "coredump";
				readonly pid: number;
				readonly tgid: number;
				readonly parentPid: number;
				readonly parentTgid: number;
		  }
		| {
				readonly what: "exit";
				readonly pid: number;
				readonly tgid: number;
				/** task->exit_code: a wait status. */
				readonly exitCode: number;
				/** task->exit_signal as the __u32 it is sent as (0xffffffff for a thread's -1). */
				readonly exitSignal: number;
				readonly parentPid: number;
				readonly parentTgid: number;
		  }
		| { readonly what: "unknown"; readonly code: number }
	);

/** One proc connector message of a datagram. */
export interface ProcEventMessage {
	/** nlmsghdr's sequence number (the cn_msg's). */
	readonly nlmsgSeq: number;
	/** cn_msg's seq (a per-CPU counter) and ack (a request's ack + 1 for PROC_EVENT_NONE). */
	readonly seq: number;
	readonly ack: number;
	readonly event: ProcEvent;
}

function view(b: Uint8Array): DataView {
	return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** The comm field: bytes up to the first NUL, one char per byte. */
function commAt(b: Uint8Array, off: number): string {
	let s = "";
	for (let i = 0; i < 16 && b[off + i] !== 0; i++) s += String.fromCharCode(b[off + i]!);
	return s;
}

/** One struct proc_event at `off` of `b` (PROC_EVENT_LEN bytes). */
export function decodeProcEvent(b: Uint8Array, off = 0): ProcEvent {
	const v = view(b);
	const what = v.getUint32(off, true);
	const base = { cpu: v.getUint32(off + 4, true), timestampNs: v.getBigUint64(off + 8, true) };
	const d = off + 16;
	const i32 = (k: number): number => v.getInt32(d + 4 * k, true);
	const u32 = (k: number): number => v.getUint32(d + 4 * k, true);
	switch (what) {
		case PROC_EVENT_NONE:
			return { ...base, what: "none", err: u32(0) };
		case PROC_EVENT_FORK:
			return {
				...base,
				what: "fork",
				parentPid: i32(0),
				parentTgid: i32(1),
				childPid: i32(2),
				childTgid: i32(3),
			};
		case PROC_EVENT_EXEC:
			return { ...base, what: "exec", pid: i32(0), tgid: i32(1) };
		case PROC_EVENT_UID:
			return { ...base, what: "uid", pid: i32(0), tgid: i32(1), ruid: u32(2), euid: u32(3) };
		case PROC_EVENT_GID:
			return { ...base, what: "gid", pid: i32(0), tgid: i32(1), rgid: u32(2), egid: u32(3) };
		case PROC_EVENT_SID:
			return { ...base, what: "sid", pid: i32(0), tgid: i32(1) };
		case PROC_EVENT_PTRACE:
			return {
				...base,
				what: "ptrace",
				pid: i32(0),
				tgid: i32(1),
				tracerPid: i32(2),
				tracerTgid: i32(3),
			};
		case PROC_EVENT_COMM:
			return { ...base, what: "comm", pid: i32(0), tgid: i32(1), comm: commAt(b, d + 8) };
		case PROC_EVENT_COREDUMP:
			return {
				...base,
				what: "coredump",
				pid: i32(0),
				tgid: i32(1),
				parentPid: i32(2),
				parentTgid: i32(3),
			};
		case PROC_EVENT_EXIT:
			return {
				...base,
				what: "exit",
				pid: i32(0),
				tgid: i32(1),
				exitCode: u32(2),
				exitSignal: u32(3),
				parentPid: i32(4),
				parentTgid: i32(5),
			};
		default:
			return { ...base, what: "unknown", code: what };
	}
}

/**
 * The proc connector messages of a datagram, walked as NLMSG_OK() and
 * NLMSG_NEXT() do (cgrulesengd's loop): NLMSG_NOOP is skipped, NLMSG_ERROR
 * and NLMSG_OVERRUN end the walk, NLMSG_DONE ends it after its message.
 * Messages of another connector id, or too short for a proc_event, are
 * left out.
 */
export function decodeProcEvents(datagram: Uint8Array): ProcEventMessage[] {
	const out: ProcEventMessage[] = [];
	const v = view(datagram);
	let off = 0;
	let left = datagram.length;
	while (left >= NLMSG_HDRLEN) {
		const len = v.getUint32(off, true);
		if (len < NLMSG_HDRLEN || len > left) break;
		const type = v.getUint16(off + 4, true);
		const next = (len + 3) & ~3;
		if (type === NLMSG_NOOP) {
			off += next;
			left -= next;
			continue;
		}
		if (type === NLMSG_ERROR || type === NLMSG_OVERRUN) break;
		const cn = off + NLMSG_HDRLEN;
		if (len >= NLMSG_HDRLEN + CN_MSG_LEN + PROC_EVENT_LEN) {
			const idx = v.getUint32(cn, true);
			const val = v.getUint32(cn + 4, true);
			const cnLen = v.getUint16(cn + 16, true);
			if (idx === CN_IDX_PROC && val === CN_VAL_PROC && cnLen >= PROC_EVENT_LEN) {
				out.push({
					nlmsgSeq: v.getUint32(off + 8, true),
					seq: v.getUint32(cn + 8, true),
					ack: v.getUint32(cn + 12, true),
					event: decodeProcEvent(datagram, cn + CN_MSG_LEN),
				});
			}
		}
		if (type === NLMSG_DONE) break;
		off += next;
		left -= next;
	}
	return out;
}

export interface McastOpOptions {
	/** nlmsg_pid: the sender's port id (cgrulesengd puts its pid; the kernel ignores it). */
	readonly nlPid?: number;
	/** cn_msg seq and ack (the ack of the answer is ack + 1). */
	readonly seq?: number;
	readonly ack?: number;
	/** An event mask: sends a struct proc_input {op, mask} instead of the bare op. */
	readonly eventType?: number;
}

/**
 * The control message a listener sends the kernel: nlmsghdr (NLMSG_DONE)
 * + cn_msg {CN_IDX_PROC, CN_VAL_PROC} + the op (enum proc_cn_mcast_op),
 * or a struct proc_input with an event mask. 40 bytes for the bare op,
 * as cgrulesengd's SEND_MESSAGE_LEN.
 */
export function encodeProcCnMcastOp(op: number, opts: McastOpOptions = {}): Uint8Array {
	const dataLen = opts.eventType === undefined ? 4 : 8;
	const total = NLMSG_HDRLEN + CN_MSG_LEN + dataLen;
	const b = new Uint8Array(total);
	const v = view(b);
	v.setUint32(0, total, true);
	v.setUint16(4, NLMSG_DONE, true);
	v.setUint32(12, (opts.nlPid ?? 0) >>> 0, true);
	const cn = NLMSG_HDRLEN;
	v.setUint32(cn, CN_IDX_PROC, true);
	v.setUint32(cn + 4, CN_VAL_PROC, true);
	v.setUint32(cn + 8, (opts.seq ?? 0) >>> 0, true);
	v.setUint32(cn + 12, (opts.ack ?? 0) >>> 0, true);
	v.setUint16(cn + 16, dataLen, true);
	v.setUint32(cn + CN_MSG_LEN, op >>> 0, true);
	if (opts.eventType !== undefined) v.setUint32(cn + CN_MSG_LEN + 4, opts.eventType >>> 0, true);
	return b;
}
