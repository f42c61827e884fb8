/**
 * test EXPRESSION and [ EXPRESSION ] (GNU coreutils): the status says
 * whether the expression is true (0) or false (1); 2 is a syntax error.
 * [ needs "]" as its last argument and alone takes --help and --version.
 */
import { coreutilsTestMessage, evaluateTest, sysTestFiles } from "../lib/test-expr.ts";
import { quoteLocale } from "../lib/textio.ts";
import { COREUTILS, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

function* evaluate(tool: Tool, args: readonly string[]): Run<number> {
	const r = evaluateTest(args, sysTestFiles(tool.sys), "coreutils");
	if (r.ok) return r.value ? 0 : 1;
	yield* tool.warn(coreutilsTestMessage(r.error, quoteLocale));
	return 2;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	return yield* evaluate(tool, tool.args);
}

export function* bracketMain(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const args = tool.args;
	if (args.length === 1 && (args[0] === "--help" || args[0] === "--version")) {
		const done = yield* tool.standardOption(args[0], "EXPRESSION ]", COREUTILS);
		if (done !== null) return done;
	}
	if (args[args.length - 1] !== "]") {
		yield* tool.warn("missing ']'");
		return 2;
	}
	return yield* evaluate(tool, args.slice(0, -1));
}
