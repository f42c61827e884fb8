/**
 * A directory's entries by name, in insertion order: what a kernfs
 * directory's rbtree of children is used for (lookup by name, walk, count).
 *
 * The names map to slot numbers, and the objects live in a slot array whose
 * slot is cleared on removal. A Map<string, T> would be simpler, but with
 * heavy churn V8 rehashes the Map's table every few thousand insertions and
 * removals, and an old-generation table left behind by a rehash keeps
 * pointing at every entry it held: each scavenge then copies and promotes
 * removed cgroups that are otherwise garbage (measured: 17 MB surviving per
 * scavenge instead of 2 MB while cgroups are made and removed by the ten
 * thousand, tripling the cost of mkdir). Stale tables here hold only names
 * and slot numbers, and a removed object is referenced from nowhere.
 */
export interface ReadonlyNameTable<T> {
	readonly size: number;
	get(name: string): T | undefined;
	has(name: string): boolean;
	/** The entries, oldest first. */
	values(): IterableIterator<T>;
}

export class NameTable<T> implements ReadonlyNameTable<T> {
	private readonly index = new Map<string, number>();
	private readonly slots: (T | null)[] = [];
	/** Slots freed by delete(), reused before the array grows. */
	private readonly freeSlots: number[] = [];

	get size(): number {
		return this.index.size;
	}

	get(name: string): T | undefined {
		const i = this.index.get(name);
		return i === undefined ? undefined : (this.slots[i] as T);
	}

	has(name: string): boolean {
		return this.index.has(name);
	}

	/** Add an entry; the name must not be present. */
	set(name: string, value: T): void {
		if (this.index.has(name)) throw new Error(`duplicate name ${name}`);
		const i = this.freeSlots.pop() ?? this.slots.length;
		this.slots[i] = value;
		this.index.set(name, i);
	}

	delete(name: string): boolean {
		const i = this.index.get(name);
		if (i === undefined) return false;
		this.index.delete(name);
		if (this.index.size === 0) {
			// Give the memory of a directory that once was large back.
			this.slots.length = 0;
			this.freeSlots.length = 0;
		} else {
			this.slots[i] = null;
			this.freeSlots.push(i);
		}
		return true;
	}

	*values(): IterableIterator<T> {
		for (const i of this.index.values()) yield this.slots[i] as T;
	}
}

const EMPTY: ReadonlyNameTable<never> = Object.freeze({
	size: 0,
	get: () => undefined,
	has: () => false,
	*values(): IterableIterator<never> {},
});

/** The shared empty table (for directories that never had an entry). */
export function emptyNameTable<T>(): ReadonlyNameTable<T> {
	return EMPTY;
}
