/**
 * poll(2)'s side of the kernel (include/uapi/asm-generic/poll.h,
 * include/linux/poll.h): the event bits, and the poll table a file's
 * ->poll() registers its wait queues in (poll_wait()), so the poller
 * sleeps until one of them is woken.
 */
import type { WaitQueue } from "./wait.ts";

export const POLLIN = 0x0001;
export const POLLPRI = 0x0002;
export const POLLOUT = 0x0004;
export const POLLERR = 0x0008;
export const POLLHUP = 0x0010;
export const POLLNVAL = 0x0020;
export const POLLRDNORM = 0x0040;
export const POLLRDBAND = 0x0080;
export const POLLWRNORM = 0x0100;
export const POLLWRBAND = 0x0200;
export const POLLMSG = 0x0400;
export const POLLRDHUP = 0x2000;

/** DEFAULT_POLLMASK: what vfs_poll() reports for a file without ->poll (always ready). */
export const DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

/** poll_table: the wait queues of the files polled in one pass, each once. */
export class PollTable {
	readonly queues: WaitQueue[] = [];

	/** poll_wait(). */
	wait(queue: WaitQueue): void {
		if (!this.queues.includes(queue)) this.queues.push(queue);
	}
}

/** A file_operations that has ->poll(): the ready mask, registering its queues in `pt` when given. */
export interface PollOps<F> {
	poll(file: F, pt: PollTable | null): number;
}

export function hasPoll<F>(ops: object): ops is PollOps<F> {
	return typeof (ops as Partial<PollOps<F>>).poll === "function";
}
