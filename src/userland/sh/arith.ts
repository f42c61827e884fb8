/**
 * $((...)) evaluation as dash 0.5.12 does it: 64-bit signed integers
 * (intmax_t) wrapping on overflow, the C operators without ++, -- and the
 * comma, and variables whose values must be plain numbers (they are not
 * evaluated as expressions). Evaluation happens while parsing, so an error
 * is reported at the first operation that fails, and the operands that
 * && || ?: skip are parsed but not evaluated.
 */

export interface ArithEnv {
	get(name: string): string | null;
	set(name: string, value: string): void;
}

/** An error with dash's message (the interpreter adds the "sh: N: " prefix). */
export class ArithError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "ArithError";
	}
}

/**
 * INTMAX_MIN / -1 and INTMAX_MIN % -1: dash executes the division and the
 * CPU traps, so the shell dies of SIGFPE (status 136 seen from a parent).
 */
export class ArithTrap extends Error {
	readonly signal = "SIGFPE";
	constructor() {
		super("Floating point exception");
		this.name = "ArithTrap";
	}
}

const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

function wrap(v: bigint): bigint {
	return BigInt.asIntN(64, v);
}

function isSpace(c: number): boolean {
	return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
	return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isNameStart(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/**
 * The digits of a number at text[i] the way strtoimax(base 0) reads them:
 * 0x hex, leading 0 octal, else decimal. Returns the end index and the
 * magnitude (unbounded).
 */
function scanNumber(text: string, i: number): { end: number; value: bigint } {
	const n = text.length;
	let base = 10;
	let p = i;
	if (text.charCodeAt(p) === 48) {
		const x = text.charCodeAt(p + 1);
		if ((x === 120 || x === 88) && p + 2 < n && isHex(text.charCodeAt(p + 2))) {
			base = 16;
			p += 2;
		} else base = 8;
	}
	const start = p;
	while (p < n) {
		const c = text.charCodeAt(p);
		if (base === 16 ? !isHex(c) : base === 8 ? c < 48 || c > 55 : !isDigit(c)) break;
		p++;
	}
	const digits = text.slice(start, p);
	let value: bigint;
	if (base === 16) value = BigInt(`0x${digits}`);
	else if (base === 8) value = digits.length > 0 ? BigInt(`0o${digits}`) : 0n;
	else value = BigInt(digits);
	return { end: p, value };
}

/** A variable's value as dash reads it: a whole number, or "Illegal number". */
function varValue(name: string, env: ArithEnv): bigint {
	const v = env.get(name);
	if (v === null || v === "") return 0n;
	let i = 0;
	const n = v.length;
	while (i < n && isSpace(v.charCodeAt(i))) i++;
	let neg = false;
	const sign = v.charCodeAt(i);
	if (sign === 43 || sign === 45) {
		neg = sign === 45;
		i++;
	}
	if (i >= n || !isDigit(v.charCodeAt(i))) {
		// no digits: only blanks are accepted, as 0
		for (let j = 0; j < n; j++)
			if (!isSpace(v.charCodeAt(j))) throw new ArithError(`Illegal number: ${v}`);
		return 0n;
	}
	const { end, value } = scanNumber(v, i);
	let e = end;
	while (e < n && isSpace(v.charCodeAt(e))) e++;
	const r = neg ? -value : value;
	if (e < n || r > MAX || r < MIN) throw new ArithError(`Illegal number: ${v}`);
	return r;
}

type TokKind = "num" | "name" | "op" | "eof" | "bad";

const OPS = [
	"<<=",
	">>=",
	"<=",
	">=",
	"==",
	"!=",
	"&&",
	"||",
	"<<",
	">>",
	"*=",
	"/=",
	"%=",
	"+=",
	"-=",
	"&=",
	"^=",
	"|=",
	"?",
	":",
	"(",
	")",
	"+",
	"-",
	"*",
	"/",
	"%",
	"!",
	"~",
	"<",
	">",
	"=",
	"&",
	"^",
	"|",
];

const ASSIGN_OPS: ReadonlySet<string> = new Set([
	"=",
	"*=",
	"/=",
	"%=",
	"+=",
	"-=",
	"<<=",
	">>=",
	"&=",
	"^=",
	"|=",
]);

class Evaluator {
	private readonly text: string;
	private readonly env: ArithEnv;
	private pos = 0;
	/** The current token. */
	private kind: TokKind = "eof";
	private op = "";
	private num = 0n;
	private name = "";
	/** Inside an operand that && || ?: skip: parse only. */
	private skip = 0;

	constructor(text: string, env: ArithEnv) {
		this.text = text;
		this.env = env;
		this.advance();
	}

	private fail(what: string): never {
		throw new ArithError(`arithmetic expression: ${what}: "${this.text}"`);
	}

	private advance(): void {
		const t = this.text;
		let p = this.pos;
		while (p < t.length && isSpace(t.charCodeAt(p))) p++;
		if (p >= t.length) {
			this.pos = p;
			this.kind = "eof";
			return;
		}
		const c = t.charCodeAt(p);
		if (isDigit(c)) {
			const { end, value } = scanNumber(t, p);
			this.pos = end;
			this.kind = "num";
			// strtoimax saturates
			this.num = value > MAX ? MAX : value;
			return;
		}
		if (isNameStart(c)) {
			let e = p + 1;
			while (e < t.length) {
				const d = t.charCodeAt(e);
				if (!isNameStart(d) && !isDigit(d)) break;
				e++;
			}
			this.pos = e;
			this.kind = "name";
			this.name = t.slice(p, e);
			return;
		}
		for (const op of OPS) {
			if (t.startsWith(op, p)) {
				this.pos = p + op.length;
				this.kind = "op";
				this.op = op;
				return;
			}
		}
		this.pos = p + 1;
		this.kind = "bad";
	}

	private atAssignOp(): boolean {
		return this.kind === "op" && ASSIGN_OPS.has(this.op);
	}

	private isOp(op: string): boolean {
		return this.kind === "op" && this.op === op;
	}

	run(): bigint {
		const v = this.assignment();
		if (this.kind !== "eof") this.fail("expecting EOF");
		return v;
	}

	/** NAME op= assignment, or a conditional expression. */
	private assignment(): bigint {
		if (this.kind === "name") {
			const save = this.pos;
			const name = this.name;
			this.advance();
			if (this.atAssignOp()) {
				const op = this.op;
				this.advance();
				const rhs = this.assignment();
				if (this.skip > 0) return 0n;
				const v = op === "=" ? rhs : this.binary(op.slice(0, -1), varValue(name, this.env), rhs);
				this.env.set(name, v.toString());
				return v;
			}
			// not an assignment: read the name again as an operand
			this.pos = save;
			this.kind = "name";
			this.name = name;
		}
		return this.conditional();
	}

	private conditional(): bigint {
		const cond = this.logical(0);
		if (!this.isOp("?")) return cond;
		this.advance();
		if (cond === 0n) this.skip++;
		const a = this.assignment();
		if (cond === 0n) this.skip--;
		if (!this.isOp(":")) this.fail("expecting ':'");
		this.advance();
		if (cond !== 0n) this.skip++;
		const b = this.conditional();
		if (cond !== 0n) this.skip--;
		return cond !== 0n ? a : b;
	}

	/** Binary operators by precedence level, lowest first. */
	private static readonly LEVELS: readonly (readonly string[])[] = [
		["||"],
		["&&"],
		["|"],
		["^"],
		["&"],
		["==", "!="],
		["<", "<=", ">", ">="],
		["<<", ">>"],
		["+", "-"],
		["*", "/", "%"],
	];

	private logical(level: number): bigint {
		if (level >= Evaluator.LEVELS.length) return this.unary();
		const ops = Evaluator.LEVELS[level]!;
		let left = this.logical(level + 1);
		while (this.kind === "op" && ops.includes(this.op)) {
			const op = this.op;
			this.advance();
			if (op === "&&" || op === "||") {
				const decided = op === "&&" ? left === 0n : left !== 0n;
				if (decided) this.skip++;
				const right = this.logical(level + 1);
				if (decided) this.skip--;
				left = decided ? (op === "||" ? 1n : 0n) : right !== 0n ? 1n : 0n;
			} else {
				const right = this.logical(level + 1);
				left = this.skip > 0 ? 0n : this.binary(op, left, right);
			}
		}
		return left;
	}

	private binary(op: string, a: bigint, b: bigint): bigint {
		switch (op) {
			case "+":
				return wrap(a + b);
			case "-":
				return wrap(a - b);
			case "*":
				return wrap(a * b);
			case "/":
			case "%":
				if (b === 0n) this.fail("division by zero");
				if (a === MIN && b === -1n) throw new ArithTrap();
				return op === "/" ? a / b : a % b;
			case "<<":
				return wrap(a << (b & 63n));
			case ">>":
				return a >> (b & 63n);
			case "<":
				return a < b ? 1n : 0n;
			case "<=":
				return a <= b ? 1n : 0n;
			case ">":
				return a > b ? 1n : 0n;
			case ">=":
				return a >= b ? 1n : 0n;
			case "==":
				return a === b ? 1n : 0n;
			case "!=":
				return a !== b ? 1n : 0n;
			case "&":
				return a & b;
			case "^":
				return a ^ b;
			default:
				return a | b;
		}
	}

	private unary(): bigint {
		if (this.kind === "op") {
			const op = this.op;
			if (op === "+" || op === "-" || op === "!" || op === "~") {
				this.advance();
				const v = this.unary();
				if (op === "-") return wrap(-v);
				if (op === "!") return v === 0n ? 1n : 0n;
				if (op === "~") return ~v;
				return v;
			}
			if (op === "(") {
				this.advance();
				const v = this.assignment();
				if (!this.isOp(")")) this.fail("expecting ')'");
				this.advance();
				return v;
			}
		}
		if (this.kind === "num") {
			const v = this.num;
			this.advance();
			return v;
		}
		if (this.kind === "name") {
			const name = this.name;
			this.advance();
			return this.skip > 0 ? 0n : varValue(name, this.env);
		}
		return this.fail("expecting primary");
	}
}

/** Evaluates the (already expanded) text of $((...)). */
export function evalArith(expr: string, env: ArithEnv): bigint {
	return new Evaluator(expr, env).run();
}
