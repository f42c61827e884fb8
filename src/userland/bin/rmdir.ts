/**
 * rmdir (GNU coreutils): rmdir [-p] [-v] [--ignore-fail-on-non-empty] DIRECTORY...
 */

import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const IGNORE_NON_EMPTY = "ignore-fail-on-non-empty";

const LONG: LongOpt[] = [
	{ name: IGNORE_NON_EMPTY, arg: "none", key: IGNORE_NON_EMPTY },
	{ name: "parents", arg: "none", key: "p" },
	{ name: "verbose", arg: "none", key: "v" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "pv", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let parents = false;
	let verbose = false;
	let ignoreNonEmpty = false;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... DIRECTORY...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "p") parents = true;
		else if (o.key === "v") verbose = true;
		else if (o.key === IGNORE_NON_EMPTY) ignoreNonEmpty = true;
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	const remove = function* (dir: string, what: string): Run<"ok" | "ignored" | "failed"> {
		if (verbose) yield* t.print(`${t.name}: removing directory, ${quoteAlways(dir)}\n`);
		const r = attempt(() => vfs.rmdir(task, dir));
		if (!(r instanceof Error)) return "ok";
		if (ignoreNonEmpty && (r.code === "ENOTEMPTY" || r.code === "EEXIST")) return "ignored";
		yield* t.warn(`failed to remove ${what}${quoteAlways(dir)}: ${r.strerror}`);
		return "failed";
	};
	let status = 0;
	for (const dir of parsed.operands) {
		const r = yield* remove(dir, "");
		if (r === "failed") status = 1;
		if (r !== "ok" || !parents) continue;
		// Then each parent named in the argument, innermost first.
		let path = dir.replace(/\/+$/, "");
		for (;;) {
			const slash = path.lastIndexOf("/");
			if (slash <= 0) break;
			path = path.slice(0, slash).replace(/\/+$/, "");
			if (path === "") break;
			const pr = yield* remove(path, "directory ");
			if (pr === "failed") status = 1;
			if (pr !== "ok") break;
		}
	}
	return yield* t.finish(status);
}
