/**
 * tr [-cdst] SET1 [SET2] (GNU coreutils, C locale): translate, delete (-d)
 * or squeeze repeats (-s) of bytes from standard input. Sets take ranges
 * (a-z), classes ([:alpha:]), equivalence classes ([=c=]), repeats in
 * SET2 ([c*n], [c*]) and backslash escapes; -c complements SET1, -t cuts
 * SET1 to the length of SET2.
 */

import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText, Input } from "../lib/stdio.ts";
import { quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "complement", arg: "none", key: "c" },
	{ name: "delete", arg: "none", key: "d" },
	{ name: "squeeze-repeats", arg: "none", key: "s" },
	{ name: "truncate-set1", arg: "none", key: "t" },
	...HELP_VERSION,
];

function range(from: number, to: number): number[] {
	const out: number[] = [];
	for (let c = from; c <= to; c++) out.push(c);
	return out;
}

/** The members of the C locale's character classes, in byte order. */
export const CHAR_CLASSES: Record<string, (c: number) => boolean> = {
	alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
	alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
	blank: (c) => c === 32 || c === 9,
	cntrl: (c) => c < 32 || c === 127,
	digit: (c) => c >= 48 && c <= 57,
	graph: (c) => c >= 33 && c <= 126,
	lower: (c) => c >= 97 && c <= 122,
	print: (c) => c >= 32 && c <= 126,
	punct: (c) =>
		(c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
	space: (c) => c === 32 || (c >= 9 && c <= 13),
	upper: (c) => c >= 65 && c <= 90,
	xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

function classMembers(name: string): number[] {
	const test = CHAR_CLASSES[name]!;
	return range(0, 255).filter(test);
}

type Element =
	| { readonly kind: "char"; readonly code: number }
	| { readonly kind: "equiv"; readonly code: number }
	| { readonly kind: "range"; readonly from: number; readonly to: number }
	| { readonly kind: "class"; readonly name: string }
	| { readonly kind: "repeat"; readonly code: number; readonly count: number | null };

class TrError extends Error {}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };

/** One character of a set string at `i`, with its escape; returns [code, next index]. */
function readChar(s: string, i: number, warn: (m: string) => void): [number, number] {
	if (s[i] !== "\\") return [s.charCodeAt(i), i + 1];
	if (i + 1 >= s.length) {
		warn("warning: an unescaped backslash at end of string is not portable");
		return [92, i + 1];
	}
	const c = s[i + 1]!;
	if (c >= "0" && c <= "7") {
		const m = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))!;
		let digits = m[0];
		// Three digits above \377 are read as two.
		if (digits.length === 3 && Number.parseInt(digits, 8) > 255) {
			warn(
				`warning: the ambiguous octal escape \\${digits} is being\n\tinterpreted as the 2-byte sequence \\0${digits.slice(0, 2)}, ${digits[2]}`,
			);
			digits = digits.slice(0, 2);
		}
		return [Number.parseInt(digits, 8), i + 1 + digits.length];
	}
	const e = ESCAPES[c];
	return [e ?? s.charCodeAt(i + 1), i + 2];
}

/** Parse a set string into its elements. */
function parseSet(s: string, warn: (m: string) => void): Element[] {
	const out: Element[] = [];
	let i = 0;
	while (i < s.length) {
		if (s[i] === "[") {
			const cls = /^\[:([a-z]*):\]/.exec(s.slice(i));
			if (cls !== null) {
				if (CHAR_CLASSES[cls[1]!] === undefined) {
					throw new TrError(`invalid character class ${quoteLocale(cls[1]!)}`);
				}
				out.push({ kind: "class", name: cls[1]! });
				i += cls[0].length;
				continue;
			}
			const eq = /^\[=(.*?)=\]/s.exec(s.slice(i));
			if (eq !== null && eq[1]!.length > 0) {
				let code: number;
				let next: number;
				const body = eq[1]!;
				if (body.startsWith("\\")) [code, next] = readChar(body, 0, warn);
				else [code, next] = [body.charCodeAt(0), 1];
				if (next !== body.length) {
					throw new TrError(`${body}: equivalence class operand must be a single character`);
				}
				out.push({ kind: "equiv", code });
				i += eq[0].length;
				continue;
			}
			// [c*n] and [c*]
			if (i + 1 < s.length) {
				const [code, after] = readChar(s, i + 1, warn);
				if (s[after] === "*") {
					const close = s.indexOf("]", after + 1);
					if (close >= 0) {
						const countText = s.slice(after + 1, close);
						if (/^[0-9]*$/.test(countText)) {
							let count: number | null = null;
							if (countText !== "") {
								count = countText.startsWith("0")
									? Number.parseInt(countText, 8)
									: Number(countText);
								if (Number.isNaN(count) || (/[89]/.test(countText) && countText.startsWith("0"))) {
									throw new TrError(
										`invalid repeat count ${quoteLocale(countText)} in [c*n] construct`,
									);
								}
								if (count === 0) count = null;
							}
							out.push({ kind: "repeat", code, count });
							i = close + 1;
							continue;
						}
						throw new TrError(`invalid repeat count ${quoteLocale(countText)} in [c*n] construct`);
					}
				}
			}
		}
		const [code, next] = readChar(s, i, warn);
		if (s[next] === "-" && next + 1 < s.length) {
			const [to, after] = readChar(s, next + 1, warn);
			if (to < code) {
				throw new TrError(
					`range-endpoints of ${quoteLocale(s.slice(i, after))} are in reverse collating sequence order`,
				);
			}
			out.push({ kind: "range", from: code, to });
			i = after;
			continue;
		}
		out.push({ kind: "char", code });
		i = next;
	}
	return out;
}

/** Expand elements; `fill` is how many codes an unsized [c*] stands for. */
function expand(elems: readonly Element[], fill = 0): number[] {
	const out: number[] = [];
	for (const e of elems) {
		if (e.kind === "char" || e.kind === "equiv") out.push(e.code);
		else if (e.kind === "range") out.push(...range(e.from, e.to));
		else if (e.kind === "class") out.push(...classMembers(e.name));
		else for (let k = 0; k < (e.count ?? fill); k++) out.push(e.code);
	}
	return out;
}

/** Where each [:upper:]/[:lower:] starts in the expansion. */
function casePositions(elems: readonly Element[], fill: number): Map<number, string> {
	const at = new Map<number, string>();
	let pos = 0;
	for (const e of elems) {
		if (e.kind === "class" && (e.name === "upper" || e.name === "lower")) at.set(pos, e.name);
		pos += expand([e], fill).length;
	}
	return at;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "+cCdst", LONGOPTS);
	const usage = function* (lines: string): Run<number> {
		yield* tool.errText(`${lines}\n${tryHelp(tool.name)}`);
		return 1;
	};
	if (!parsed.ok) return yield* usage(parsed.message);
	let complement = false;
	let del = false;
	let squeeze = false;
	let truncate = false;
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... STRING1 [STRING2]", COREUTILS);
		if (done !== null) return done;
		if (o.key === "c" || o.key === "C") complement = true;
		else if (o.key === "d") del = true;
		else if (o.key === "s") squeeze = true;
		else if (o.key === "t") truncate = true;
	}
	const ops = parsed.operands;
	const name = tool.name;
	if (ops.length === 0) return yield* usage(`${name}: missing operand`);
	const translating = !del && ops.length >= 2;
	const needTwo = (del && squeeze) || (!del && !squeeze);
	const maxOps = del && !squeeze ? 1 : 2;
	if (needTwo && ops.length < 2) {
		const why = del
			? "Two strings must be given when both deleting and squeezing repeats."
			: "Two strings must be given when translating.";
		return yield* usage(`${name}: missing operand after ${quoteLocale(ops[0]!)}\n${why}`);
	}
	if (ops.length > maxOps) {
		const why =
			maxOps === 1 ? "\nOnly one string may be given when deleting without squeezing repeats." : "";
		return yield* usage(`${name}: extra operand ${quoteLocale(ops[maxOps]!)}${why}`);
	}
	const warnings: string[] = [];
	const warn = (m: string): void => {
		warnings.push(m);
	};
	let set1: number[];
	let set2: number[] = [];
	let map: number[] | null = null;
	try {
		const e1 = parseSet(ops[0]!, warn);
		if (e1.some((e) => e.kind === "repeat" && e.count === null)) {
			throw new TrError("the [c*] repeat construct may not appear in string1");
		}
		set1 = expand(e1);
		if (complement) {
			const inSet = new Set(set1);
			set1 = range(0, 255).filter((c) => !inSet.has(c));
		}
		if (ops.length >= 2) {
			const e2 = parseSet(ops[1]!, warn);
			if (e2.filter((e) => e.kind === "repeat" && e.count === null).length > 1) {
				throw new TrError("only one [c*] repeat construct may appear in string2");
			}
			if (!translating && e2.some((e) => e.kind === "repeat" && e.count === null)) {
				throw new TrError("the [c*] construct may appear in string2 only when translating");
			}
			if (translating) {
				if (e2.some((e) => e.kind === "equiv")) {
					throw new TrError("[=c=] expressions may not appear in string2 when translating");
				}
				for (const e of e2) {
					if (e.kind === "class" && e.name !== "upper" && e.name !== "lower") {
						throw new TrError(
							"when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'",
						);
					}
				}
			}
			const fixed = expand(e2).length;
			const fill = Math.max(0, set1.length - fixed);
			set2 = expand(e2, fill);
			if (translating) {
				const last = e2[e2.length - 1];
				const endsWithClass = (): void => {
					if (
						set1.length > set2.length &&
						last !== undefined &&
						last.kind === "class" &&
						!truncate
					) {
						throw new TrError(
							"when translating with string1 longer than string2,\nthe latter string must not end with a character class",
						);
					}
				};
				const aligned = (): void => {
					const cases2 = casePositions(e2, fill);
					const cases1 = complement ? new Map<number, string>() : casePositions(e1, 0);
					for (const pos of cases2.keys()) {
						if (!cases1.has(pos))
							throw new TrError("misaligned [:upper:] and/or [:lower:] construct");
					}
				};
				// GNU checks these in the other order for a complemented SET1.
				if (complement) {
					endsWithClass();
					aligned();
				} else {
					aligned();
					endsWithClass();
				}
				if (complement && e1.some((e) => e.kind === "class") && new Set(set2).size > 1) {
					throw new TrError(
						"when translating with complemented character classes,\nstring2 must map all characters in the domain to one",
					);
				}
				if (set2.length === 0 && !truncate && set1.length > 0) {
					throw new TrError("when not truncating set1, string2 must be non-empty");
				}
				if (truncate) set1 = set1.slice(0, set2.length);
				while (set2.length < set1.length) set2.push(set2[set2.length - 1]!);
				map = range(0, 255);
				for (let k = 0; k < set1.length; k++) map[set1[k]!] = set2[k]!;
			}
		}
	} catch (e) {
		for (const w of warnings) yield* tool.warn(w);
		if (!(e instanceof TrError)) throw e;
		yield* tool.warn(e.message);
		return 1;
	}
	for (const w of warnings) yield* tool.warn(w);
	const deleting = new Array<boolean>(256).fill(false);
	if (del) for (const c of set1) deleting[c] = true;
	const squeezing = new Array<boolean>(256).fill(false);
	if (squeeze) for (const c of del || translating ? set2 : set1) squeezing[c] = true;
	const table = map === null ? null : map.map((c) => String.fromCharCode(c));
	const input = new Input(tool.sys, 0);
	let last = -1;
	let chunks = 0;
	for (;;) {
		let chunk: string | null;
		try {
			chunk = yield* input.chunk();
		} catch (e) {
			yield* tool.warn(`read error: ${errText(e)}`);
			return yield* tool.finish(1);
		}
		if (chunk === null) break;
		let out = "";
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk.charCodeAt(i);
			if (del && deleting[c]) continue;
			const t = table === null ? c : table[c]!.charCodeAt(0);
			if (squeeze && squeezing[t] && t === last) continue;
			last = t;
			out += table === null ? chunk[i] : table[c];
		}
		yield* tool.print(out);
		if (tool.out.error !== null) break;
		if (++chunks % 16 === 0) yield* tool.sys.preempt();
	}
	return yield* tool.finish(0);
}
