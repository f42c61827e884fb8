/**
 * rm (GNU coreutils): rm [-f] [-i] [-r|-R] [-d] [-v] FILE...
 *
 * Directories need -r (or -d when empty); see lib/remove.ts. "." and ".."
 * are refused, and "/" unless --no-preserve-root.
 */

import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { Remover } from "../lib/remove.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "force", arg: "none", key: "f" },
	{ name: "interactive", arg: "optional", key: "interactive" },
	{ name: "recursive", arg: "none", key: "r" },
	{ name: "dir", arg: "none", key: "d" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "preserve-root", arg: "optional", key: "preserve-root" },
	{ name: "no-preserve-root", arg: "none", key: "no-preserve-root" },
	{ name: "one-file-system", arg: "none", key: "one-file-system" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "dfirvIR", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n`);
		// A file named like the bad option gets a hint on how to remove it.
		for (const a of t.args) {
			if (a === "--") break;
			if (a.length > 1 && a.startsWith("-") && existsNoFollow(t, a)) {
				yield* t.errText(`Try '${t.name} ./${a}' to remove the file ${quoteAlways(a)}.\n`);
			}
		}
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const r = new Remover(t);
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		switch (o.key) {
			case "f":
				r.force = true;
				r.interactive = false;
				break;
			case "i":
				r.interactive = true;
				r.force = false;
				break;
			case "interactive":
				r.interactive = o.arg === null || o.arg === "always" || o.arg === "yes";
				if (r.interactive) r.force = false;
				break;
			case "r":
			case "R":
				r.recursive = true;
				break;
			case "d":
				r.dirs = true;
				break;
			case "v":
				r.verbose = true;
				break;
			case "no-preserve-root":
				r.preserveRoot = false;
				break;
			case "preserve-root":
				r.preserveRoot = true;
				break;
		}
	}
	if (parsed.operands.length === 0) {
		if (r.force) return yield* t.finish(0);
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	let status = 0;
	for (const path of parsed.operands) {
		if (!(yield* r.operand(path))) status = 1;
	}
	return yield* t.finish(status);
}

function existsNoFollow(t: Tool, path: string): boolean {
	return !(attempt(() => t.sys.vfs.lstat(t.sys.task, path)) instanceof Error);
}
