/**
 * dirname NAME... (GNU coreutils): each NAME without its last component
 * ("." when there is none, "/" for the root). -z ends lines with NUL.
 */
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { COREUTILS, dirName, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [{ name: "zero", arg: "none", key: "z" }, ...HELP_VERSION];

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "z", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	let end = "\n";
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION] NAME...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "z") end = "\0";
	}
	if (parsed.operands.length === 0) {
		yield* tool.warn("missing operand");
		yield* tool.errText(tryHelp(tool.name));
		return 1;
	}
	for (const n of parsed.operands) yield* tool.print(dirName(n) + end);
	return yield* tool.finish(0);
}
