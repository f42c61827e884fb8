/**
 * expr EXPRESSION (GNU coreutils): evaluates its arguments as one
 * expression, each token its own argument. Precedence from low to high:
 * | & (comparisons) (+ -) (* / %) : and the prefix keywords match, substr,
 * index, length and "+"; parentheses group. Integers are arbitrary
 * precision; "STRING : REGEXP" is an anchored BRE match. Exit status 0
 * when the value is neither null nor 0, 1 when it is, 2 for syntax
 * errors, 3 for other errors.
 */

import { compileBre, matchAtStart } from "../lib/posix-bre.ts";
import { quoteLocale } from "../lib/textio.ts";
import { COREUTILS, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const EXPR_INVALID = 2;

/** A value: an integer, or a (byte) string. */
type Value = { readonly int: bigint } | { readonly str: string };

/** die(): the message and the exit status expr ends with. */
class ExprError extends Error {
	readonly status: number;
	constructor(message: string, status = EXPR_INVALID) {
		super(message);
		this.status = status;
	}
}

const INTEGER = /^-?[0-9]+$/;

function str(v: Value): string {
	return "int" in v ? v.int.toString() : v.str;
}

/** Is `v` null: the empty string or some form of zero ("0", "-0", "000")? */
function isNull(v: Value): boolean {
	if ("int" in v) return v.int === 0n;
	return /^-?0*$/.test(v.str) && v.str !== "-";
}

/** toarith(): the integer `v` holds, or null for a non-integer string. */
function toInt(v: Value): bigint | null {
	if ("int" in v) return v.int;
	return INTEGER.test(v.str) ? BigInt(v.str) : null;
}

/** getsize(): a size_t position or length; negatives are SIZE_MAX, huge values SIZE_MAX - 1. */
function toSize(n: bigint): bigint {
	const max = 0xffffffffffffffffn;
	if (n < 0n) return max;
	return n < max ? n : max - 1n;
}

/** Byte-order comparison (strcoll() in the C locale). */
function compareBytes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

class Evaluator {
	private readonly args: readonly string[];
	private i = 0;

	constructor(args: readonly string[]) {
		this.args = args;
	}

	get done(): boolean {
		return this.i >= this.args.length;
	}

	get current(): string | undefined {
		return this.args[this.i];
	}

	private next(token: string): boolean {
		if (this.args[this.i] === token) {
			this.i++;
			return true;
		}
		return false;
	}

	private requireMore(): void {
		if (this.done) {
			throw new ExprError(
				`syntax error: missing argument after ${quoteLocale(this.args[this.i - 1]!)}`,
			);
		}
	}

	/** "|": the left value unless null, else the right (or 0 when both are null). */
	eval(evaluate: boolean): Value {
		let l = this.eval1(evaluate);
		while (this.next("|")) {
			const r = this.eval1(evaluate && isNull(l));
			if (isNull(l)) l = isNull(r) ? { int: 0n } : r;
		}
		return l;
	}

	/** "&": the left value unless either side is null (then 0). */
	private eval1(evaluate: boolean): Value {
		let l = this.eval2(evaluate);
		while (this.next("&")) {
			const r = this.eval2(evaluate && !isNull(l));
			if (isNull(l) || isNull(r)) l = { int: 0n };
		}
		return l;
	}

	/** Comparisons: numeric when both sides look like integers, else by bytes. */
	private eval2(evaluate: boolean): Value {
		let l = this.eval3(evaluate);
		for (;;) {
			let op: string;
			if (this.next("<")) op = "<";
			else if (this.next("<=")) op = "<=";
			else if (this.next("=") || this.next("==")) op = "=";
			else if (this.next("!=")) op = "!=";
			else if (this.next(">=")) op = ">=";
			else if (this.next(">")) op = ">";
			else return l;
			const r = this.eval3(evaluate);
			let val = false;
			if (evaluate) {
				const a = str(l);
				const b = str(r);
				let cmp: number;
				if (INTEGER.test(a) && INTEGER.test(b)) {
					const x = BigInt(a);
					const y = BigInt(b);
					cmp = x < y ? -1 : x > y ? 1 : 0;
				} else {
					cmp = compareBytes(a, b);
				}
				val =
					op === "<"
						? cmp < 0
						: op === "<="
							? cmp <= 0
							: op === "="
								? cmp === 0
								: op === "!="
									? cmp !== 0
									: op === ">="
										? cmp >= 0
										: cmp > 0;
			}
			l = { int: val ? 1n : 0n };
		}
	}

	/** + and -. */
	private eval3(evaluate: boolean): Value {
		let l = this.eval4(evaluate);
		for (;;) {
			let plus: boolean;
			if (this.next("+")) plus = true;
			else if (this.next("-")) plus = false;
			else return l;
			const r = this.eval4(evaluate);
			if (evaluate) {
				const a = toInt(l);
				const b = toInt(r);
				if (a === null || b === null) throw new ExprError("non-integer argument");
				l = { int: plus ? a + b : a - b };
			}
		}
	}

	/** * / %: quotient and remainder truncate toward zero. */
	private eval4(evaluate: boolean): Value {
		let l = this.eval5(evaluate);
		for (;;) {
			let op: string;
			if (this.next("*")) op = "*";
			else if (this.next("/")) op = "/";
			else if (this.next("%")) op = "%";
			else return l;
			const r = this.eval5(evaluate);
			if (evaluate) {
				const a = toInt(l);
				const b = toInt(r);
				if (a === null || b === null) throw new ExprError("non-integer argument");
				if (op !== "*" && b === 0n) throw new ExprError("division by zero");
				l = { int: op === "*" ? a * b : op === "/" ? a / b : a % b };
			}
		}
	}

	/** The ":" operator. */
	private eval5(evaluate: boolean): Value {
		let l = this.eval6(evaluate);
		while (this.next(":")) {
			const r = this.eval6(evaluate);
			if (evaluate) l = colon(l, r);
		}
		return l;
	}

	/** The prefix keywords and the quoting "+". */
	private eval6(evaluate: boolean): Value {
		if (this.next("+")) {
			this.requireMore();
			return { str: this.args[this.i++]! };
		}
		if (this.next("length")) {
			const r = this.eval6(evaluate);
			return { int: BigInt(str(r).length) };
		}
		if (this.next("match")) {
			const l = this.eval6(evaluate);
			const r = this.eval6(evaluate);
			return evaluate ? colon(l, r) : l;
		}
		if (this.next("index")) {
			const l = str(this.eval6(evaluate));
			const chars = str(this.eval6(evaluate));
			let pos = 0;
			if (chars !== "") {
				for (let k = 0; k < l.length; k++) {
					if (chars.includes(l[k]!)) {
						pos = k + 1;
						break;
					}
				}
			}
			return { int: BigInt(pos) };
		}
		if (this.next("substr")) {
			const s = str(this.eval6(evaluate));
			const i1 = toInt(this.eval6(evaluate));
			const i2 = toInt(this.eval6(evaluate));
			if (i1 === null || i2 === null) return { str: "" };
			const pos = toSize(i1);
			const len = toSize(i2);
			const max = 0xffffffffffffffffn;
			const n = BigInt(s.length);
			if (n < pos || pos === 0n || len === 0n || len === max) return { str: "" };
			const take = len < n - pos + 1n ? len : n - pos + 1n;
			const from = Number(pos) - 1;
			return { str: s.slice(from, from + Number(take)) };
		}
		return this.eval7(evaluate);
	}

	/** Parentheses and plain operands. */
	private eval7(evaluate: boolean): Value {
		this.requireMore();
		if (this.next("(")) {
			const v = this.eval(evaluate);
			if (this.done) {
				throw new ExprError(
					`syntax error: expecting ')' after ${quoteLocale(this.args[this.i - 1]!)}`,
				);
			}
			if (!this.next(")")) {
				throw new ExprError(
					`syntax error: expecting ')' instead of ${quoteLocale(this.args[this.i]!)}`,
				);
			}
			return v;
		}
		if (this.next(")")) throw new ExprError("syntax error: unexpected ')'");
		return { str: this.args[this.i++]! };
	}
}

/** docolon(): STRING : REGEXP, anchored; \( \) gives the group's text, else the match length. */
function colon(sv: Value, pv: Value): Value {
	const compiled = compileBre(str(pv));
	if (!compiled.ok) throw new ExprError(compiled.error);
	const re = compiled.re;
	const m = matchAtStart(re, str(sv));
	if (re.groups > 0) return { str: m === null ? "" : (m.groups[0] ?? "") };
	return { int: BigInt(m === null ? 0 : m.length) };
}

/** parse_long_options(): only a lone argument can be --help or --version (abbreviations too). */
function standardOption(args: readonly string[]): "--help" | "--version" | null {
	if (args.length !== 1) return null;
	const a = args[0]!;
	if (!a.startsWith("--") || a.length < 3 || a.includes("=")) return null;
	const name = a.slice(2);
	if ("help".startsWith(name)) return "--help";
	if ("version".startsWith(name)) return "--version";
	return null;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	tool.writeErrorStatus = 3;
	let args = tool.args;
	const std = standardOption(args);
	if (std !== null) {
		const done = yield* tool.standardOption(std, "EXPRESSION", COREUTILS);
		if (done !== null) return done;
	}
	if (args[0] === "--") args = args.slice(1);
	if (args.length === 0) {
		yield* tool.warn("missing operand");
		yield* tool.errText(`Try '${tool.name} --help' for more information.\n`);
		return EXPR_INVALID;
	}
	const ev = new Evaluator(args);
	let result: Value;
	try {
		result = ev.eval(true);
		if (!ev.done) {
			throw new ExprError(`syntax error: unexpected argument ${quoteLocale(ev.current!)}`);
		}
	} catch (e) {
		if (!(e instanceof ExprError)) throw e;
		yield* tool.warn(e.message);
		return e.status;
	}
	yield* tool.print(`${str(result)}\n`);
	return yield* tool.finish(isNull(result) ? 1 : 0);
}
