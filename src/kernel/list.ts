/**
 * Intrusive doubly linked lists (include/linux/list.h): the links live in the
 * element itself, as a list_head is embedded in task_struct, so adding and
 * removing are O(1) with no hashing, no table to grow, and no node to
 * allocate. A subclass names the element's link fields for one list.
 */
export abstract class IntrusiveList<T> {
	private head: T | null = null;
	private tail: T | null = null;
	private count = 0;

	protected abstract prevOf(t: T): T | null;
	protected abstract nextOf(t: T): T | null;
	protected abstract setLinks(t: T, prev: T | null, next: T | null): void;
	protected abstract setPrev(t: T, prev: T | null): void;
	protected abstract setNext(t: T, next: T | null): void;
	/** The list of this kind the element is on, if any. */
	protected abstract listOf(t: T): IntrusiveList<T> | null;
	protected abstract setList(t: T, list: IntrusiveList<T> | null): void;

	get size(): number {
		return this.count;
	}

	/** list_add_tail(). The element must not be on a list of this kind. */
	add(t: T): void {
		if (this.listOf(t) !== null) throw new Error("element is already on a list");
		this.setList(t, this);
		this.setLinks(t, this.tail, null);
		if (this.tail === null) this.head = t;
		else this.setNext(this.tail, t);
		this.tail = t;
		this.count++;
	}

	/** list_del(); an element on another list (or none) is left alone. */
	delete(t: T): void {
		if (this.listOf(t) !== this) return;
		const prev = this.prevOf(t);
		const next = this.nextOf(t);
		if (prev === null) this.head = next;
		else this.setNext(prev, next);
		if (next === null) this.tail = prev;
		else this.setPrev(next, prev);
		this.setLinks(t, null, null);
		this.setList(t, null);
		this.count--;
	}

	has(t: T): boolean {
		return this.listOf(t) === this;
	}

	/** list_replace(): `t` takes `old`'s place. */
	replace(old: T, t: T): void {
		if (this.listOf(old) !== this || this.listOf(t) !== null) throw new Error("bad list_replace");
		const prev = this.prevOf(old);
		const next = this.nextOf(old);
		this.setLinks(t, prev, next);
		this.setList(t, this);
		if (prev === null) this.head = t;
		else this.setNext(prev, t);
		if (next === null) this.tail = t;
		else this.setPrev(next, t);
		this.setLinks(old, null, null);
		this.setList(old, null);
	}

	/** The elements, first to last; safe against deleting the current one. */
	*[Symbol.iterator](): IterableIterator<T> {
		for (let t = this.head; t !== null; ) {
			const next = this.nextOf(t);
			yield t;
			t = next;
		}
	}

	/** list_splice_tail_init(): move every element to the end of `to`. */
	spliceTo(to: IntrusiveList<T>): void {
		for (let t = this.head; t !== null; ) {
			const next = this.nextOf(t);
			this.setList(t, null);
			this.setLinks(t, null, null);
			to.add(t);
			t = next;
		}
		this.head = null;
		this.tail = null;
		this.count = 0;
	}
}
