/**
 * sk_setsockopt() and sk_getsockopt() (net/core/sock.c), for every socket
 * family (TCP, AF_UNIX, netlink: SockOpts), for the SOL_SOCKET
 * options modelled: SO_REUSEADDR, SO_SNDBUF and SO_RCVBUF (capped at
 * net.core.wmem_max/rmem_max, then doubled for the kernel's overhead, at
 * least SOCK_MIN_SNDBUF/SOCK_MIN_RCVBUF, and locked against autotuning),
 * and the read-only SO_TYPE and SO_ERROR. Other levels and options are
 * ENOPROTOOPT (the TCP-level options are not modelled).
 */
import { type ErrnoName, errnoNumber, KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import type { WaitQueue } from "../wait.ts";
import {
	SO_ERROR,
	SO_RCVBUF,
	SO_REUSEADDR,
	SO_SNDBUF,
	SO_TYPE,
	SOCK_MIN_RCVBUF,
	SOCK_MIN_SNDBUF,
	SOCK_RCVBUF_LOCK,
	SOCK_SNDBUF_LOCK,
	SOCK_STREAM,
	SOL_SOCKET,
} from "./defs.ts";

/** What the SOL_SOCKET options read and set of any sock (struct sock's fields). */
export interface SockOpts {
	reuse: boolean;
	userlocks: number;
	sndbuf: number;
	rcvbuf: number;
	readonly wq: WaitQueue;
	sockError(): ErrnoName | null;
}

const INT_MAX = 0x7fffffff;

/** min_t(u32, val, max): a negative int is a huge unsigned one. */
function capU32(val: number, max: number): number {
	return Math.min(val >>> 0, max);
}

/** sock_setsockopt(): `val` is the int the caller passed, `optlen` its size. */
export function sockSetsockopt(
	kernel: Kernel,
	sk: SockOpts,
	level: number,
	optname: number,
	val: number,
	optlen = 4,
): void {
	if (level !== SOL_SOCKET) throw new KernelError("ENOPROTOOPT");
	if (optlen < 4) throw new KernelError("EINVAL");
	const v = val | 0;
	switch (optname) {
		case SO_REUSEADDR:
			sk.reuse = v !== 0;
			return;
		case SO_SNDBUF: {
			// __sock_set_sndbuf(), then sk_write_space().
			const n = Math.min(capU32(v, kernel.net.wmemMax), Math.floor(INT_MAX / 2));
			sk.userlocks |= SOCK_SNDBUF_LOCK;
			sk.sndbuf = Math.max(n * 2, SOCK_MIN_SNDBUF);
			sk.wq.wakeUp();
			return;
		}
		case SO_RCVBUF: {
			// __sock_set_rcvbuf().
			const n = Math.min(capU32(v, kernel.net.rmemMax), Math.floor(INT_MAX / 2));
			sk.userlocks |= SOCK_RCVBUF_LOCK;
			sk.rcvbuf = Math.max(n * 2, SOCK_MIN_RCVBUF);
			return;
		}
		default:
			throw new KernelError("ENOPROTOOPT");
	}
}

/** sock_getsockopt(): the int value of an option. */
export function sockGetsockopt(
	sk: SockOpts,
	level: number,
	optname: number,
	type: number = SOCK_STREAM,
): number {
	if (level !== SOL_SOCKET) throw new KernelError("ENOPROTOOPT");
	switch (optname) {
		case SO_REUSEADDR:
			return sk.reuse ? 1 : 0;
		case SO_SNDBUF:
			return sk.sndbuf;
		case SO_RCVBUF:
			return sk.rcvbuf;
		case SO_TYPE:
			return type;
		case SO_ERROR: {
			const e = sk.sockError();
			return e === null ? 0 : errnoNumber(e);
		}
		default:
			throw new KernelError("ENOPROTOOPT");
	}
}
