/** whoami (GNU coreutils): the name of the effective user. */

import { getopt, tryHelp } from "../lib/getopt.ts";
import { UserDb } from "../lib/passwd.ts";
import { quoteAlways } from "../lib/quote.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "", HELP_VERSION);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]...", COREUTILS);
		if (done !== null) return done;
	}
	if (parsed.operands.length > 0) {
		yield* t.warn(`extra operand ${quoteAlways(parsed.operands[0]!)}`);
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const euid = t.sys.task.cred.euid;
	const user = (yield* UserDb.load(t.sys)).userById(euid);
	if (user === null) {
		yield* t.warn(`cannot find name for user ID ${euid}`);
		return 1;
	}
	yield* t.print(`${user.name}\n`);
	return yield* t.finish(0);
}
