/**
 * echo: the operands separated by spaces and ended by a newline. Leading
 * arguments made only of n, e and E letters are options (-n: no newline,
 * -e: interpret backslash escapes, -E: don't). The output is buffered and
 * written at exit, so a failing write is reported then.
 */

import { C_ESCAPES } from "../lib/escapes.ts";
import { Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

/** Expand echo -e escapes; `stop` is set when \c ends all output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
	let out = "";
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c !== "\\" || i + 1 >= s.length) {
			out += c;
			continue;
		}
		const e = s[++i]!;
		const simple = C_ESCAPES[e];
		if (simple !== undefined) {
			out += simple;
			continue;
		}
		switch (e) {
			case "c":
				return { text: out, stop: true };
			case "x": {
				const m = /^[0-9A-Fa-f]{1,2}/.exec(s.slice(i + 1, i + 3));
				if (m === null) {
					out += "\\x";
					break;
				}
				out += String.fromCharCode(Number.parseInt(m[0], 16));
				i += m[0].length;
				break;
			}
			default: {
				if (e >= "0" && e <= "7") {
					// \0NNN, or \NNN: up to three octal digits after \0, three in all otherwise.
					const start = e === "0" ? i + 1 : i;
					const m = /^[0-7]{1,3}/.exec(s.slice(start, start + 3));
					const digits = m === null ? "" : m[0];
					out += String.fromCharCode(digits === "" ? 0 : Number.parseInt(digits, 8) & 0xff);
					i = start + digits.length - 1;
					break;
				}
				out += `\\${e}`;
			}
		}
	}
	return { text: out, stop: false };
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const args = tool.args;
	let newline = true;
	let escapes = false;
	let i = 0;
	for (; i < args.length; i++) {
		const a = args[i]!;
		if (!/^-[neE]+$/.test(a)) break;
		for (const c of a.slice(1)) {
			if (c === "n") newline = false;
			else escapes = c === "e";
		}
	}
	let out = "";
	let stopped = false;
	for (let k = i; k < args.length; k++) {
		if (k > i) out += " ";
		if (escapes) {
			const r = echoEscapes(args[k]!);
			out += r.text;
			if (r.stop) {
				stopped = true;
				break;
			}
		} else {
			out += args[k]!;
		}
	}
	if (newline && !stopped) out += "\n";
	yield* tool.print(out);
	return yield* tool.finish(0);
}
