/**
 * seq [-f FORMAT] [-s SEP] [-w] [FIRST [INCR]] LAST (GNU coreutils).
 * Integers are counted exactly; anything else is long double arithmetic
 * (FIRST + i × INCR, rounded as the x87 does), printed with as many
 * decimals as FIRST and INCR have, or %g when that cannot be told.
 */

import { add, type BinFloat, compare, LONG_DOUBLE, mul, strtold } from "../lib/float.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { formatFloatConversion } from "../lib/printf-format.ts";
import { PREEMPT_EVERY, quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "format", arg: "required", key: "f" },
	{ name: "separator", arg: "required", key: "s" },
	{ name: "equal-width", arg: "none", key: "w" },
	...HELP_VERSION,
];

interface Operand {
	readonly text: string;
	readonly value: BinFloat;
	/** Decimals the operand shows; null when unknown (hex, inf). */
	readonly prec: number | null;
	/** Digits after its point, and whether it has one (for -w widths). */
	readonly frac: number;
	readonly hasPoint: boolean;
	readonly exponent: boolean;
}

function parseOperand(text: string): Operand | "invalid" | "nan" {
	const r = strtold(text, LONG_DOUBLE);
	if (r.end === 0 || r.end < text.length) return "invalid";
	if (r.value.kind === "nan") return "nan";
	const m = /^[ \t\n\v\f\r]*[+-]?[0-9]*(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
	if (m === null || r.value.kind !== "num") {
		return { text, value: r.value, prec: null, frac: 0, hasPoint: false, exponent: false };
	}
	const frac = m[1]?.length ?? 0;
	const exp = m[2] === undefined ? 0 : Number(m[2]);
	return {
		text,
		value: r.value,
		prec: Math.max(0, frac - exp),
		frac,
		hasPoint: m[1] !== undefined,
		exponent: m[2] !== undefined,
	};
}

/** The -w width an operand asks for at `prec` decimals. */
function operandWidth(op: Operand, prec: number | null): number {
	if (/^[ \t\n\v\f\r]*[+-]?0[xX]/.test(op.text)) {
		// Hex: only the digits before the x count.
		return /^-?[0-9]*/.exec(op.text.trim().replace(/^\+/, ""))![0].length;
	}
	if (prec === null || op.exponent || op.prec === null) {
		return formatFloatConversion(op.value, prec === null ? "g" : "f", "", null, prec).length;
	}
	let w = op.text.replace(/^[ \t\n\v\f\r]*\+?/, "").length;
	if (/^-?\./.test(op.text.trim())) w++;
	if (op.frac < prec) w += prec - op.frac + (op.hasPoint ? 0 : 1);
	return w;
}

interface UserFormat {
	readonly prefix: string;
	readonly suffix: string;
	readonly flags: string;
	readonly width: number | null;
	readonly prec: number | null;
	readonly conv: string;
}

/** Check a -f format: exactly one float directive. Returns it or the error message. */
function parseFormat(fmt: string): UserFormat | string {
	const q = quoteLocale(fmt);
	let found: UserFormat | null = null;
	let prefix = "";
	let literal = "";
	for (let i = 0; i < fmt.length; ) {
		if (fmt[i] !== "%") {
			literal += fmt[i++];
			continue;
		}
		if (fmt[i + 1] === "%") {
			literal += "%";
			i += 2;
			continue;
		}
		if (found !== null) return `format ${q} has too many % directives`;
		const m = /^%([-+ #0']*)([0-9]*)(?:\.([0-9]*))?(L?)(.?)/.exec(fmt.slice(i))!;
		const conv = m[5]!;
		if (conv === "") return `format ${q} ends in %`;
		if (!"aAeEfFgG".includes(conv)) return `format ${q} has unknown %${conv} directive`;
		prefix = literal;
		literal = "";
		found = {
			prefix,
			suffix: "",
			flags: m[1]!,
			width: m[2] === "" ? null : Number(m[2]),
			prec: m[3] === undefined ? null : m[3] === "" ? 0 : Number(m[3]),
			conv,
		};
		i += m[0].length;
	}
	if (found === null) return `format ${q} has no % directive`;
	return { ...found, suffix: literal };
}

/** Where the options end: at the first operand, or a negative number. */
function optionEnd(args: readonly string[]): number {
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a === "--") return i + 1;
		if (!a.startsWith("-") || a === "-" || /^-[.0-9]/.test(a)) return i;
		if (/^-[ws]*[fs]$/.test(a) || a === "--format" || a === "--separator") i++;
	}
	return args.length;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const args = tool.args;
	const split = optionEnd(args);
	const head = args.slice(0, split);
	const parsed = getopt(tool.name, head, "+f:s:w", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	let format: string | null = null;
	let sep = "\n";
	let equalWidth = false;
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... LAST", COREUTILS);
		if (done !== null) return done;
		if (o.key === "f") format = o.arg!;
		else if (o.key === "s") sep = o.arg!;
		else if (o.key === "w") equalWidth = true;
	}
	const operands = [...parsed.operands, ...args.slice(split)];
	const usage = function* (message: string): Run<number> {
		yield* tool.warn(message);
		yield* tool.errText(tryHelp(tool.name));
		return 1;
	};
	if (operands.length === 0) return yield* usage("missing operand");
	if (operands.length > 3) return yield* usage(`extra operand ${quoteLocale(operands[3]!)}`);
	const ops: Operand[] = [];
	for (const text of operands) {
		const op = parseOperand(text);
		if (op === "invalid")
			return yield* usage(`invalid floating point argument: ${quoteLocale(text)}`);
		if (op === "nan") return yield* usage(`invalid 'not-a-number' argument: ${quoteLocale(text)}`);
		ops.push(op);
	}
	const one: Operand = parseOperand("1") as Operand;
	const first = ops.length > 1 ? ops[0]! : one;
	const step = ops.length === 3 ? ops[1]! : one;
	const last = ops[ops.length - 1]!;
	if (step.value.kind === "num" && step.value.mant === 0n) {
		return yield* usage(`invalid Zero increment value: ${quoteLocale(step.text)}`);
	}
	let user: UserFormat | null = null;
	if (format !== null) {
		if (equalWidth) {
			return yield* usage("format string may not be specified when printing equal width strings");
		}
		const f = parseFormat(format);
		if (typeof f === "string") {
			yield* tool.warn(f);
			return 1;
		}
		user = f;
	}
	const prec = first.prec === null || step.prec === null ? null : Math.max(first.prec, step.prec);
	const width = equalWidth ? Math.max(operandWidth(first, prec), operandWidth(last, prec)) : null;
	const render = (v: BinFloat): string => {
		if (user !== null) {
			const body = formatFloatConversion(v, user.conv, user.flags, user.width, user.prec);
			return `${user.prefix}${body}${user.suffix}`;
		}
		if (prec === null) return formatFloatConversion(v, "g", width === null ? "" : "0", width, null);
		return formatFloatConversion(v, "f", width === null ? "" : "0", width, prec);
	};
	const isOne = toSafeInteger(step.value) === 1;
	const integral = (o: Operand): bigint | null => {
		if (o.value.kind !== "num" || o.prec !== 0) return null;
		const text = formatFloatConversion(o.value, "f", "", null, 0);
		return text.startsWith("-") ? null : BigInt(text);
	};
	const digits = /^[0-9]+$/;
	if (
		user === null &&
		width === null &&
		digits.test(first.text) &&
		digits.test(last.text) &&
		(ops.length < 3 || (digits.test(step.text) && isOne))
	) {
		return yield* countIntegers(tool, BigInt(first.text), 1n, BigInt(last.text), sep);
	}
	if (user === null && width === null && isOne) {
		// Non-negative integers counted by one: exactly, at any size.
		const a = integral(first);
		const b = integral(last);
		if (a !== null && b !== null) return yield* countIntegers(tool, a, 1n, b, sep);
	}
	if (user === null && prec === 0) {
		// Integers that a double holds exactly step the same as long doubles do.
		const nums = [first, step, last].map((o) => toSafeInteger(o.value));
		if (nums.every((n) => n !== null)) {
			const [a, d, b] = nums as number[];
			return yield* countSmall(tool, a!, d!, b!, sep, width, first.value.neg && a === 0);
		}
	}
	const down = step.value.neg;
	let printed = 0;
	for (let i = 0; ; i++) {
		const x =
			i === 0
				? first.value
				: add(first.value, mul(fromInt(i), step.value, LONG_DOUBLE), LONG_DOUBLE);
		const c = compare(x, last.value);
		let text: string;
		let final = false;
		if (down ? c < 0 : c > 0) {
			// Rounding may step just past LAST: print it if it looks the same.
			text = render(x);
			if (i === 0 || text !== render(last.value)) break;
			final = true;
		} else {
			text = render(x);
		}
		yield* tool.print(printed === 0 ? text : `${sep}${text}`);
		printed++;
		if (final || tool.out.error !== null) break;
		if (printed % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
	}
	if (printed > 0) yield* tool.print("\n");
	return yield* tool.finish(0);
}

/** An integral value as a JS number when it is exactly one (|v| <= 2^53), else null. */
function toSafeInteger(v: BinFloat): number | null {
	if (v.kind !== "num") return null;
	if (v.mant === 0n) return 0;
	let m = v.mant;
	let e = v.exp;
	while (e < 0 && (m & 1n) === 0n) {
		m >>= 1n;
		e++;
	}
	if (e < 0) return null;
	const n = m << BigInt(e);
	if (n > 2n ** 53n) return null;
	return v.neg ? -Number(n) : Number(n);
}

/** The long double loop for integers a double holds: x = a + i × d while x is not past b. */
function* countSmall(
	tool: Tool,
	a: number,
	d: number,
	b: number,
	sep: string,
	width: number | null,
	negativeZero: boolean,
): Run<number> {
	const render = (x: number, i: number): string => {
		let text = i === 0 && negativeZero ? "-0" : `${x}`;
		if (width !== null && text.length < width) {
			const neg = text.startsWith("-");
			const digits = neg ? text.slice(1) : text;
			text = (neg ? "-" : "") + digits.padStart(width - (neg ? 1 : 0), "0");
		}
		return text;
	};
	let printed = 0;
	let chunk = "";
	for (let i = 0; ; i++) {
		const x = a + i * d;
		if (d > 0 ? x > b : x < b) break;
		if (Math.abs(x) > 2 ** 53) break;
		chunk += printed === 0 ? render(x, i) : `${sep}${render(x, i)}`;
		printed++;
		if (printed % 256 === 0) {
			yield* tool.print(chunk);
			chunk = "";
			if (tool.out.error !== null) break;
			if (printed % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
		}
	}
	if (printed > 0) chunk += "\n";
	yield* tool.print(chunk);
	return yield* tool.finish(0);
}

function fromInt(i: number): BinFloat {
	return { kind: "num", neg: i < 0, mant: BigInt(Math.abs(i)), exp: 0 };
}

/** a, a+d, ... up to b, exactly. */
function* countIntegers(tool: Tool, a: bigint, d: bigint, b: bigint, sep: string): Run<number> {
	let printed = 0;
	let chunk = "";
	for (let x = a; d > 0n ? x <= b : x >= b; x += d) {
		chunk += printed === 0 ? `${x}` : `${sep}${x}`;
		printed++;
		if (printed % 256 === 0) {
			yield* tool.print(chunk);
			chunk = "";
			if (tool.out.error !== null) break;
			if (printed % PREEMPT_EVERY === 0) yield* tool.sys.preempt();
		}
	}
	if (printed > 0) chunk += "\n";
	yield* tool.print(chunk);
	return yield* tool.finish(0);
}
