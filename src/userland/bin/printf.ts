/**
 * printf FORMAT [ARGUMENT]...: coreutils printf. Output is buffered and
 * written at exit; a bad numeric operand makes the status 1 but output
 * goes on, a bad conversion ends it. A leading "--" is skipped.
 */

import { tryHelp } from "../lib/getopt.ts";
import { formatPrintf, GNU_PRINTF, gnuPrintfMessage } from "../lib/printf-format.ts";
import { quoteLocale } from "../lib/textio.ts";
import { Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	let args = tool.args;
	if (args[0] === "--") args = args.slice(1);
	if (args.length === 0) {
		yield* tool.warn("missing operand");
		yield* tool.errText(tryHelp(tool.name));
		return 1;
	}
	const messages: string[] = [];
	const r = formatPrintf(args[0]!, args.slice(1), GNU_PRINTF, (d) => {
		messages.push(gnuPrintfMessage(d, quoteLocale));
	});
	for (const m of messages) yield* tool.warn(m);
	yield* tool.print(r.output);
	const status = r.stopped ? 0 : r.failed ? 1 : 0;
	return yield* tool.finish(status);
}
