/**
 * The part of struct sock every socket family other than TCP's `Sock`
 * shares: type, buffer sizes and locks, sk_reuse, the wait queue and the
 * pending error. The SOL_SOCKET options over it are sockopt.ts's, as for
 * TCP.
 */
import type { ErrnoName } from "../errno.ts";
import { WaitQueue } from "../wait.ts";
import { RMEM_DEFAULT, WMEM_DEFAULT } from "./defs.ts";

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
