/**
 * The part of struct sock every socket family shares and the SOL_SOCKET
 * options reach (net/core/sock.c sk_setsockopt(), sk_getsockopt()), for
 * the families whose socket is not TCP's `Sock`: SO_REUSEADDR, SO_SNDBUF
 * and SO_RCVBUF (capped at net.core.wmem_max/rmem_max, doubled, at least
 * SOCK_MIN_SNDBUF/SOCK_MIN_RCVBUF), and the read-only SO_TYPE and SO_ERROR.
 */
import { type ErrnoName, errnoNumber, KernelError } from "../errno.ts";
import type { Kernel } from "../kernel.ts";
import { WaitQueue } from "../wait.ts";
import {
	RMEM_DEFAULT,
	SO_ERROR,
	SO_RCVBUF,
	SO_REUSEADDR,
	SO_SNDBUF,
	SO_TYPE,
	SOCK_MIN_RCVBUF,
	SOCK_MIN_SNDBUF,
	SOCK_RCVBUF_LOCK,
	SOCK_SNDBUF_LOCK,
	WMEM_DEFAULT,
} from "./defs.ts";

const INT_MAX = 0x7fffffff;

export class SockBase {
	/** sk_type. */
	readonly type: number;
	/** sk_sndbuf, sk_rcvbuf as sock_init_data() sets them. */
	sndbuf = WMEM_DEFAULT;
	rcvbuf = RMEM_DEFAULT;
	/** sk_userlocks. */
	userlocks = 0;
	/** sk_reuse. */
	reuse = false;
	/** sk_err: reported once by the next call that checks it (sock_error()). */
	err: ErrnoName | null = null;
	/** sk_shutdown (RCV_SHUTDOWN | SEND_SHUTDOWN). */
	shutdown = 0;
	/** SOCK_DEAD: the file is gone (sock_orphan()). */
	dead = false;
	/** sk_wq: readers, writers, acceptors and pollers of this socket. */
	readonly wq = new WaitQueue();

	constructor(type: number) {
		this.type = type;
	}

	/** sock_error(): the pending error, cleared. */
	sockError(): ErrnoName | null {
		const e = this.err;
		this.err = null;
		return e;
	}

	/** sk_write_space(): the send buffer may have room again. */
	writeSpace(): void {
		this.wq.wakeUp();
	}
}

/** min_t(u32, val, max): a negative int is a huge unsigned one. */
function capU32(val: number, max: number): number {
	return Math.min(val >>> 0, max);
}

/** sk_setsockopt() of an int option; EINVAL when optlen < sizeof(int). */
export function sockBaseSetsockopt(
	kernel: Kernel,
	sk: SockBase,
	optname: number,
	val: number,
	optlen: number,
): void {
	if (optlen < 4) throw new KernelError("EINVAL");
	const v = val | 0;
	switch (optname) {
		case SO_REUSEADDR:
			sk.reuse = v !== 0;
			return;
		case SO_SNDBUF: {
			// __sock_set_sndbuf()
			const n = Math.min(capU32(v, kernel.net.wmemMax), Math.floor(INT_MAX / 2));
			sk.userlocks |= SOCK_SNDBUF_LOCK;
			sk.sndbuf = Math.max(n * 2, SOCK_MIN_SNDBUF);
			sk.writeSpace();
			return;
		}
		case SO_RCVBUF: {
			// __sock_set_rcvbuf()
			const n = Math.min(capU32(v, kernel.net.rmemMax), Math.floor(INT_MAX / 2));
			sk.userlocks |= SOCK_RCVBUF_LOCK;
			sk.rcvbuf = Math.max(n * 2, SOCK_MIN_RCVBUF);
			return;
		}
		default:
			throw new KernelError("ENOPROTOOPT");
	}
}

/** sk_getsockopt() of an int option. */
export function sockBaseGetsockopt(sk: SockBase, optname: number): number {
	switch (optname) {
		case SO_REUSEADDR:
			return sk.reuse ? 1 : 0;
		case SO_SNDBUF:
			return sk.sndbuf;
		case SO_RCVBUF:
			return sk.rcvbuf;
		case SO_TYPE:
			return sk.type;
		case SO_ERROR: {
			const e = sk.sockError();
			return e === null ? 0 : errnoNumber(e);
		}
		default:
			throw new KernelError("ENOPROTOOPT");
	}
}
