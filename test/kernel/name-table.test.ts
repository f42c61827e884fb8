import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { emptyNameTable, NameTable } from "../../src/kernel/name-table.ts";

describe("NameTable", () => {
	it("looks up, counts and lists entries oldest first", () => {
		const t = new NameTable<{ n: number }>();
		const a = { n: 1 };
		const b = { n: 2 };
		t.set("a", a);
		t.set("b", b);
		assert.equal(t.size, 2);
		assert.equal(t.get("a"), a);
		assert.equal(t.get("b"), b);
		assert.equal(t.get("c"), undefined);
		assert.equal(t.has("a"), true);
		assert.equal(t.has("c"), false);
		assert.deepEqual([...t.values()], [a, b]);
	});

	it("refuses a duplicate name and keeps the first entry", () => {
		const t = new NameTable<number>();
		t.set("x", 1);
		assert.throws(() => t.set("x", 2), /duplicate name x/);
		assert.equal(t.get("x"), 1);
		assert.equal(t.size, 1);
	});

	it("deletes, reuses freed slots, and keeps insertion order by name", () => {
		const t = new NameTable<string>();
		for (const n of ["a", "b", "c"]) t.set(n, n.toUpperCase());
		assert.equal(t.delete("b"), true);
		assert.equal(t.delete("b"), false);
		t.set("d", "D");
		t.set("b", "B2");
		assert.deepEqual([...t.values()], ["A", "C", "D", "B2"]);
		assert.equal(t.get("b"), "B2");
		for (const n of ["a", "c", "d", "b"]) t.delete(n);
		assert.equal(t.size, 0);
		assert.deepEqual([...t.values()], []);
		t.set("e", "E");
		assert.deepEqual([...t.values()], ["E"]);
	});

	it("tolerates deleting the current entry while iterating", () => {
		const t = new NameTable<number>();
		for (let i = 0; i < 5; i++) t.set(`n${i}`, i);
		const seen: number[] = [];
		for (const v of t.values()) {
			seen.push(v);
			t.delete(`n${v}`);
		}
		assert.deepEqual(seen, [0, 1, 2, 3, 4]);
		assert.equal(t.size, 0);
	});

	it("behaves like a Map under random operations", () => {
		type Op = { kind: "set" | "delete"; name: string };
		const op = fc.record({
			kind: fc.constantFrom<"set" | "delete">("set", "delete"),
			name: fc.constantFrom("a", "b", "c", "d", "e", "f"),
		});
		fc.assert(
			fc.property(fc.array(op, { maxLength: 200 }), (ops: Op[]) => {
				const t = new NameTable<number>();
				const m = new Map<string, number>();
				ops.forEach((o, i) => {
					if (o.kind === "set" && !m.has(o.name)) {
						t.set(o.name, i);
						m.set(o.name, i);
					} else if (o.kind === "delete") {
						assert.equal(t.delete(o.name), m.delete(o.name));
					}
					assert.equal(t.size, m.size);
					assert.deepEqual([...t.values()], [...m.values()]);
					for (const n of ["a", "b", "c", "d", "e", "f"]) assert.equal(t.get(n), m.get(n));
				});
			}),
		);
	});

	it("has a shared empty table", () => {
		const e = emptyNameTable<number>();
		assert.equal(e.size, 0);
		assert.equal(e.get("x"), undefined);
		assert.equal(e.has("x"), false);
		assert.deepEqual([...e.values()], []);
		assert.equal(emptyNameTable<string>(), e);
	});
});
