/**
 * basename NAME [SUFFIX] | basename -a [-s SUFFIX] NAME... (GNU coreutils):
 * the last component of each NAME, trailing slashes ignored, with SUFFIX
 * removed unless it is all that is left. -z ends lines with NUL.
 */
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteLocale } from "../lib/textio.ts";
import { baseName, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "multiple", arg: "none", key: "a" },
	{ name: "suffix", arg: "required", key: "s" },
	{ name: "zero", arg: "none", key: "z" },
	...HELP_VERSION,
];

function strip(name: string, suffix: string): string {
	const base = baseName(name);
	if (suffix !== "" && base.length > suffix.length && base.endsWith(suffix)) {
		return base.slice(0, base.length - suffix.length);
	}
	return base;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "as:z", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	let multiple = false;
	let suffix = "";
	let end = "\n";
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "NAME [SUFFIX]", COREUTILS);
		if (done !== null) return done;
		if (o.key === "a") multiple = true;
		else if (o.key === "s") {
			suffix = o.arg!;
			multiple = true;
		} else if (o.key === "z") end = "\0";
	}
	const names = parsed.operands;
	if (names.length === 0) {
		yield* tool.warn("missing operand");
		yield* tool.errText(tryHelp(tool.name));
		return 1;
	}
	if (!multiple && names.length > 2) {
		yield* tool.warn(`extra operand ${quoteLocale(names[2]!)}`);
		yield* tool.errText(tryHelp(tool.name));
		return 1;
	}
	if (multiple) {
		for (const n of names) yield* tool.print(strip(n, suffix) + end);
	} else {
		yield* tool.print(strip(names[0]!, names[1] ?? "") + end);
	}
	return yield* tool.finish(0);
}
