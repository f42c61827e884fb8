import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type ArithEnv, ArithError, ArithTrap, evalArith } from "../../src/userland/sh/arith.ts";

/** The variables every case starts with (as in the dash runs the table was taken from). */
const VARS: Record<string, string> = {
	x: "5",
	y: "-3",
	z: "0",
	h: "0x1F",
	o: "010",
	bad: "abc",
	sp: " 7 ",
	big: "9223372036854775807",
	e: "",
};

function env(vars: Record<string, string> = VARS): ArithEnv & { vars: Map<string, string> } {
	const m = new Map(Object.entries(vars));
	return { vars: m, get: (n) => m.get(n) ?? null, set: (n, v) => void m.set(n, v) };
}

/** What dash printed for `echo "$((expr)) x=$x q=$q"`, or the error it reported. */
function run(expr: string): string {
	const e = env();
	try {
		const v = evalArith(expr, e);
		return `${v} x=${e.vars.get("x")} q=${e.vars.get("q") ?? ""}`;
	} catch (err) {
		if (err instanceof ArithError) return `ERR ${err.message}`;
		throw err;
	}
}

/** Expression, then dash 0.5.12's result (value and the variables x and q after it) or error. */
const CASES: [string, string][] = [
	["1+2", "3 x=5 q="],
	["2*3+4", "10 x=5 q="],
	["2*(3+4)", "14 x=5 q="],
	["-5/2", "-2 x=5 q="],
	["-5%3", "-2 x=5 q="],
	["5%-3", "2 x=5 q="],
	["7/0", 'ERR arithmetic expression: division by zero: "7/0"'],
	["7%0", 'ERR arithmetic expression: division by zero: "7%0"'],
	["x/z", 'ERR arithmetic expression: division by zero: "x/z"'],
	["1 +", 'ERR arithmetic expression: expecting primary: "1 +"'],
	["", 'ERR arithmetic expression: expecting primary: ""'],
	["  ", 'ERR arithmetic expression: expecting primary: "  "'],
	["(1 2)", "ERR arithmetic expression: expecting ')': \"(1 2)\""],
	["1 ? 2", "ERR arithmetic expression: expecting ':': \"1 ? 2\""],
	["1 ? 2 : 3", "2 x=5 q="],
	["0 ? 2 : 3", "3 x=5 q="],
	["1 ? 2 : 0 ? 4 : 5", "2 x=5 q="],
	["010", "8 x=5 q="],
	["0x10", "16 x=5 q="],
	["0X1f", "31 x=5 q="],
	["08", 'ERR arithmetic expression: expecting EOF: "08"'],
	["09", 'ERR arithmetic expression: expecting EOF: "09"'],
	["0x", 'ERR arithmetic expression: expecting EOF: "0x"'],
	["1e3", 'ERR arithmetic expression: expecting EOF: "1e3"'],
	["1,2", 'ERR arithmetic expression: expecting EOF: "1,2"'],
	["x++", 'ERR arithmetic expression: expecting primary: "x++"'],
	["++x", "5 x=5 q="],
	["--x", "5 x=5 q="],
	["2 ** 3", 'ERR arithmetic expression: expecting primary: "2 ** 3"'],
	["#", 'ERR arithmetic expression: expecting primary: "#"'],
	["x.y", 'ERR arithmetic expression: expecting EOF: "x.y"'],
	["x", "5 x=5 q="],
	["y", "-3 x=5 q="],
	["h", "31 x=5 q="],
	["o", "8 x=5 q="],
	["sp", "7 x=5 q="],
	["e", "0 x=5 q="],
	["q", "0 x=5 q="],
	["bad", "ERR Illegal number: abc"],
	["bad + 1", "ERR Illegal number: abc"],
	["0 && bad", "0 x=5 q="],
	["1 || bad", "1 x=5 q="],
	["0 ? bad : 2", "2 x=5 q="],
	["0 && 1/0", "0 x=5 q="],
	["1 || 1/0", "1 x=5 q="],
	["0 && (1 + )", 'ERR arithmetic expression: expecting primary: "0 && (1 + )"'],
	["x = 3", "3 x=3 q="],
	["x += 2", "7 x=7 q="],
	["x -= 1", "4 x=4 q="],
	["x *= 3", "15 x=15 q="],
	["x /= 2", "2 x=2 q="],
	["x %= 3", "2 x=2 q="],
	["x <<= 2", "20 x=20 q="],
	["x >>= 1", "2 x=2 q="],
	["x &= 6", "4 x=4 q="],
	["x |= 8", "13 x=13 q="],
	["x ^= 1", "4 x=4 q="],
	["q = x = 2", "2 x=2 q=2"],
	["x += (x = 7)", "14 x=14 q="],
	["x + (x = 7)", "12 x=7 q="],
	["1 = 2", 'ERR arithmetic expression: expecting EOF: "1 = 2"'],
	["(x) = 2", 'ERR arithmetic expression: expecting EOF: "(x) = 2"'],
	["-x = 2", 'ERR arithmetic expression: expecting EOF: "-x = 2"'],
	["0 && q = 1", 'ERR arithmetic expression: expecting EOF: "0 && q = 1"'],
	["1 ? q = 7 : 0", "7 x=5 q=7"],
	["1 ? 2 : q = 3", 'ERR arithmetic expression: expecting EOF: "1 ? 2 : q = 3"'],
	["x = ", 'ERR arithmetic expression: expecting primary: "x = "'],
	["x= =2", 'ERR arithmetic expression: expecting primary: "x= =2"'],
	["big + 1", "-9223372036854775808 x=5 q="],
	["big * 2", "-2 x=5 q="],
	["-9223372036854775807 - 1", "-9223372036854775808 x=5 q="],
	["9223372036854775808", "9223372036854775807 x=5 q="],
	["-9223372036854775808", "-9223372036854775807 x=5 q="],
	["0xffffffffffffffff", "9223372036854775807 x=5 q="],
	["-(-9223372036854775807 - 1)", "-9223372036854775808 x=5 q="],
	["1 << 63", "-9223372036854775808 x=5 q="],
	["1 << 64", "1 x=5 q="],
	["1 << -1", "-9223372036854775808 x=5 q="],
	["-8 >> 1", "-4 x=5 q="],
	["8 >> 65", "4 x=5 q="],
	["~5", "-6 x=5 q="],
	["!5", "0 x=5 q="],
	["!0", "1 x=5 q="],
	["- -5", "5 x=5 q="],
	["~-1", "0 x=5 q="],
	["!!5", "1 x=5 q="],
	["3 > 2 > 1", "0 x=5 q="],
	["1 < 2", "1 x=5 q="],
	["2 <= 2", "1 x=5 q="],
	["1 >= 2", "0 x=5 q="],
	["1 == 1", "1 x=5 q="],
	["1 != 1", "0 x=5 q="],
	["6 & 3", "2 x=5 q="],
	["6 | 3", "7 x=5 q="],
	["6 ^ 3", "5 x=5 q="],
	["1 && 0", "0 x=5 q="],
	["0 || 2", "1 x=5 q="],
	["7 & 3 == 3", "1 x=5 q="],
	["1 | 2 ^ 3 & 4", "3 x=5 q="],
	["1 + 2 << 1", "6 x=5 q="],
	["5 >= 3 == 1", "1 x=5 q="],
	["1 / 0 +", 'ERR arithmetic expression: division by zero: "1 / 0 +"'],
	["1 + 1 / 0", 'ERR arithmetic expression: division by zero: "1 + 1 / 0"'],
	["1 ?: 2", 'ERR arithmetic expression: expecting primary: "1 ?: 2"'],
	["1 ? 2 : 3 : 4", 'ERR arithmetic expression: expecting EOF: "1 ? 2 : 3 : 4"'],
	["1 &&& 2", 'ERR arithmetic expression: expecting primary: "1 &&& 2"'],
	["(1 + 2", "ERR arithmetic expression: expecting ')': \"(1 + 2\""],
	["((1))", "1 x=5 q="],
	["\n1\t+\n2", "3 x=5 q="],
];

describe("sh arithmetic (dash 0.5.12)", () => {
	it("agrees with dash on every case of the table", () => {
		for (const [expr, want] of CASES) assert.equal(run(expr), want, JSON.stringify(expr));
	});

	it("INTMAX_MIN / -1 and % -1 trap (SIGFPE) as in dash", () => {
		for (const expr of ["(-9223372036854775807 - 1) / -1", "(-9223372036854775807 - 1) % -1"]) {
			assert.throws(() => evalArith(expr, env()), ArithTrap);
		}
	});

	it("reads variables as numbers only: no recursive evaluation, strict syntax", () => {
		const cases: [string, string][] = [
			["y", "Illegal number: y"],
			["1 + 2", "Illegal number: 1 + 2"],
			["08", "Illegal number: 08"],
			["0x", "Illegal number: 0x"],
			["- 5", "Illegal number: - 5"],
			["--5", "Illegal number: --5"],
			["-", "Illegal number: -"],
			["9223372036854775808", "Illegal number: 9223372036854775808"],
			["-9223372036854775809", "Illegal number: -9223372036854775809"],
			["0xffffffffffffffff", "Illegal number: 0xffffffffffffffff"],
		];
		for (const [value, msg] of cases) {
			assert.throws(
				() => evalArith("v", env({ v: value })),
				(e: unknown) => e instanceof ArithError && e.message === msg,
				value,
			);
		}
		const ok: [string, bigint][] = [
			["+5", 5n],
			["-0x10", -16n],
			["0X10", 16n],
			[" \t5\n", 5n],
			[" ", 0n],
			["", 0n],
			["-9223372036854775808", -9223372036854775808n],
			["017", 15n],
		];
		for (const [value, want] of ok) assert.equal(evalArith("v", env({ v: value })), want, value);
		assert.equal(evalArith("unset_var + 1", env({})), 1n);
	});

	it("assigns decimal strings, after evaluating the right-hand side", () => {
		const e = env({ x: "0x10" });
		assert.equal(evalArith("x += 1", e), 17n);
		assert.equal(e.vars.get("x"), "17");
		assert.equal(evalArith("a = b = -3", e), -3n);
		assert.deepEqual([e.vars.get("a"), e.vars.get("b")], ["-3", "-3"]);
	});

	it("wraps like 64-bit two's complement for + - * << and unary minus", () => {
		const M = 1n << 64n;
		const wrap = (v: bigint) => BigInt.asIntN(64, ((v % M) + M) % M);
		fc.assert(
			fc.property(
				fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
				fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
				fc.constantFrom("+", "-", "*"),
				(a, b, op) => {
					const e = env({ a: a.toString(), b: b.toString() });
					const want = op === "+" ? wrap(a + b) : op === "-" ? wrap(a - b) : wrap(a * b);
					assert.equal(evalArith(`a ${op} b`, e), want);
				},
			),
		);
	});

	it("divides toward zero like C", () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: -(1n << 62n), max: 1n << 62n }),
				fc.bigInt({ min: -(1n << 31n), max: 1n << 31n }).filter((b) => b !== 0n),
				(a, b) => {
					const e = env({ a: a.toString(), b: b.toString() });
					assert.equal(evalArith("a / b", e), a / b);
					assert.equal(evalArith("a % b", e), a % b);
					assert.equal(evalArith("a / b * b + a % b", e), a);
				},
			),
		);
	});
});
