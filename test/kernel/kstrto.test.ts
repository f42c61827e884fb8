import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kstrtoint, kstrtoll, kstrtoull, strstrip } from "../../src/kernel/kstrto.ts";
import { errnoOf } from "../support/host.ts";

describe("kstrtoull (base 0)", () => {
	const cases: [string, string | bigint][] = [
		["0", 0n],
		["1", 1n],
		["1\n", 1n],
		["1\n\n", "EINVAL"],
		["+7", 7n],
		["0x10", 16n],
		["0X1f", 31n],
		["017", 15n],
		["08", "EINVAL"],
		["0x", "EINVAL"],
		["", "EINVAL"],
		["\n", "EINVAL"],
		[" 1", "EINVAL"],
		["1 ", "EINVAL"],
		["-1", "EINVAL"],
		["abc", "EINVAL"],
		["18446744073709551615", 18446744073709551615n],
		["18446744073709551616", "ERANGE"],
		["99999999999999999999x", "ERANGE"],
		["0xffffffffffffffff", 0xffffffffffffffffn],
		["0x10000000000000000", "ERANGE"],
	];
	for (const [input, want] of cases) {
		it(JSON.stringify(input), () => {
			if (typeof want === "string")
				assert.equal(
					errnoOf(() => kstrtoull(input)),
					want,
				);
			else assert.equal(kstrtoull(input), want);
		});
	}
});

describe("kstrtoll and kstrtoint", () => {
	it("accepts the full signed range and refuses beyond", () => {
		assert.equal(kstrtoll("-9223372036854775808"), -9223372036854775808n);
		assert.equal(
			errnoOf(() => kstrtoll("-9223372036854775809")),
			"ERANGE",
		);
		assert.equal(kstrtoll("9223372036854775807"), 9223372036854775807n);
		assert.equal(
			errnoOf(() => kstrtoll("9223372036854775808")),
			"ERANGE",
		);
		assert.equal(
			errnoOf(() => kstrtoll("--1")),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => kstrtoll("+-1")),
			"EINVAL",
		);
	});
	it("kstrtoint checks the int range", () => {
		assert.equal(kstrtoint("2147483647"), 2147483647);
		assert.equal(kstrtoint("-2147483648"), -2147483648);
		assert.equal(
			errnoOf(() => kstrtoint("2147483648")),
			"ERANGE",
		);
		assert.equal(
			errnoOf(() => kstrtoint("4294967296")),
			"ERANGE",
		);
		assert.equal(kstrtoint("-0x10"), -16);
	});
});

describe("strstrip", () => {
	it("removes the kernel's whitespace, 0xa0 included, from both ends only", () => {
		assert.equal(strstrip("  a b \t\n"), "a b");
		assert.equal(strstrip("\x0b\x0c\ra\r"), "a");
		assert.equal(strstrip("\xa0x\xa0"), "x");
		assert.equal(strstrip("   "), "");
		assert.equal(strstrip("x"), "x");
	});
});
