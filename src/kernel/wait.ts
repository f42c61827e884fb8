/**
 * Wait queues (wait_queue_head_t): where a task that cannot make progress
 * (an empty pipe, a child that has not exited yet) waits until another
 * operation wakes it. The kernel stays synchronous: an operation that would
 * sleep throws WouldBlock with the queue to wait on, and whoever runs the
 * task (the userland scheduler) parks it there and retries the operation
 * once the queue is woken, as the kernel retries after schedule() returns.
 */

/** A waiter's wake function (wait_queue_entry's func). */
export type WakeFn = () => void;

export class WaitQueue {
	private waiters: WakeFn[] = [];

	/** add_wait_queue(). */
	add(fn: WakeFn): void {
		this.waiters.push(fn);
	}

	/** remove_wait_queue(). */
	remove(fn: WakeFn): void {
		const i = this.waiters.indexOf(fn);
		if (i >= 0) this.waiters.splice(i, 1);
	}

	get active(): boolean {
		return this.waiters.length > 0;
	}

	/**
	 * wake_up_all(): every waiter is removed and called once, in the order
	 * they started waiting; a waiter that waits again joins the next round.
	 */
	wakeUp(): void {
		if (this.waiters.length === 0) return;
		const woken = this.waiters;
		this.waiters = [];
		for (const fn of woken) fn();
	}
}

/**
 * Thrown by an operation that would sleep: the caller waits on `queue` and
 * then retries. Not an Error (no stack is captured: it is control flow, and
 * it is thrown on every blocking read of a pipe).
 */
export class WouldBlock {
	readonly queue: WaitQueue;

	constructor(queue: WaitQueue) {
		this.queue = queue;
	}
}
