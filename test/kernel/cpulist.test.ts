import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bitmapListString, bitmapParselist, bitmapString } from "../../src/kernel/cpulist.ts";
import { Cpumask } from "../../src/kernel/cpumask.ts";
import { errnoOf } from "../support/host.ts";

/** Parse into a list of set bits, or the errno. */
function parse(buf: string, nbits: number): string {
	try {
		return bitmapListString(bitmapParselist(buf, nbits));
	} catch (e) {
		return (e as { code: string }).code;
	}
}

describe("bitmap_parselist", () => {
	// What a 2-CPU kernel accepted in cpuset.cpus (after strstrip) and read back.
	const accepted: [string, string][] = [
		["0", "0"],
		["1,0", "0-1"],
		["0,,1", "0-1"],
		["0 1", "0-1"],
		["1 ,0", "0-1"],
		[",1", "1"],
		["01", "1"],
		["all", "0-1"],
		["ALL", "0-1"],
		["all:1/2", "0"],
		["N", "1"],
		["0-N", "0-1"],
		["0-1:1/2", "0"],
		["0-1:0/2", ""],
		["0\n1", "0"],
		["1\n0", "1"],
		["0 \n1", "0-1"],
		["0,\n1", "0-1"],
		["0\t1", "0-1"],
		["", ""],
		["0\u00a01", "0-1"],
		["0\x001", "0"],
	];
	for (const [input, out] of accepted) {
		it(`parses ${JSON.stringify(input)} as [${out}]`, () => assert.equal(parse(input, 2), out));
	}

	const rejected: [string, string][] = [
		["2", "ERANGE"],
		["0-2", "ERANGE"],
		["1023", "ERANGE"],
		["4294967294", "ERANGE"],
		["4294967295", "EINVAL"],
		["4294967296", "EOVERFLOW"],
		["99999999999999999999", "EOVERFLOW"],
		["abc", "EINVAL"],
		["0x1", "EINVAL"],
		["0-", "EINVAL"],
		["-1", "EINVAL"],
		["1-0", "EINVAL"],
		["0-1:2/1", "EINVAL"],
		["0-1:1/0", "EINVAL"],
		["0-1:1", "EINVAL"],
		["0:1/2", "EINVAL"],
		["0-1/2", "EINVAL"],
		["0-1,x", "EINVAL"],
		["0;1", "EINVAL"],
		["+1", "EINVAL"],
		["all-", "EINVAL"],
		["alll", "EINVAL"],
		["N-0", "EINVAL"],
		["0 - 1", "EINVAL"],
	];
	for (const [input, code] of rejected) {
		it(`refuses ${JSON.stringify(input)} with ${code}`, () => assert.equal(parse(input, 2), code));
	}

	it("groups: of every `group` bits from the start, the first `used`", () => {
		assert.equal(parse("0-1023:2/256", 1024), "0-1,256-257,512-513,768-769");
		assert.equal(parse("3-10:2/4", 16), "3-4,7-8");
	});

	it("a mask of 1024 node bits takes 1023 and refuses 1024 (nodelist_parse with MAX_NUMNODES)", () => {
		assert.equal(parse("1023", 1024), "1023");
		assert.equal(
			errnoOf(() => bitmapParselist("1024", 1024)),
			"ERANGE",
		);
	});

	it("round-trips every mask through %*pbl", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 300 }),
				fc.array(fc.integer({ min: 0, max: 299 })),
				(nbits, bits) => {
					const mask = Cpumask.of(nbits, bits);
					const text = bitmapListString(mask);
					assert.ok(mask.equals(bitmapParselist(text, nbits)));
					assert.ok(mask.equals(bitmapParselist(`${text}\n`, nbits)));
				},
			),
		);
	});
});

describe("%*pbl and %*pb", () => {
	it("prints ranges of two or more as a-b, single bits alone", () => {
		assert.equal(bitmapListString(Cpumask.of(16, [0, 1, 2, 4, 6, 7, 15])), "0-2,4,6-7,15");
		assert.equal(bitmapListString(Cpumask.of(16, [])), "");
	});

	it("prints hex in 32-bit groups, the first as wide as its bits need", () => {
		assert.equal(bitmapString(Cpumask.of(2, [0, 1])), "3");
		assert.equal(bitmapString(Cpumask.of(8, [0, 7])), "81");
		assert.equal(bitmapString(Cpumask.of(33, [0, 32])), "1,00000001");
		assert.equal(bitmapString(Cpumask.of(64, [63])), "80000000,00000000");
		const mems = bitmapString(Cpumask.of(1, [0]), 1024);
		assert.equal(mems, `${"00000000,".repeat(31)}00000001`);
	});

	it("matches the mask's value in hex for any width", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 200 }),
				fc.array(fc.integer({ min: 0, max: 199 })),
				(nbits, bits) => {
					const mask = Cpumask.of(nbits, bits);
					let value = 0n;
					for (const b of mask) value |= 1n << BigInt(b);
					const text = bitmapString(mask);
					assert.equal(BigInt(`0x${text.replaceAll(",", "")}`), value);
					const groups = Math.ceil(nbits / 32);
					const first = Math.ceil((nbits % 32 || 32) / 4);
					assert.equal(text.length, (groups - 1) * 9 + first);
				},
			),
		);
	});
});
