/**
 * readlink (GNU coreutils 9.1): readlink [-f|-e|-m] [-n] [-z] [-q|-s|-v] FILE...
 *
 * Without -f/-e/-m it prints a symlink's target; with them, the canonical
 * name (see lib/canonicalize.ts). Failures are silent unless -v.
 */

import { KernelError } from "../../kernel/errno.ts";
import { type CanonMode, canonicalize } from "../lib/canonicalize.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteIfNeeded } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "canonicalize", arg: "none", key: "f" },
	{ name: "canonicalize-existing", arg: "none", key: "e" },
	{ name: "canonicalize-missing", arg: "none", key: "m" },
	{ name: "no-newline", arg: "none", key: "n" },
	{ name: "quiet", arg: "none", key: "q" },
	{ name: "silent", arg: "none", key: "s" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "zero", arg: "none", key: "z" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "efmnqsvz", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let mode: CanonMode | null = null;
	let noNewline = false;
	let verbose = false;
	let nul = false;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... FILE...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "e") mode = "existing";
		else if (o.key === "f") mode = "all-but-last";
		else if (o.key === "m") mode = "missing";
		else if (o.key === "n") noNewline = true;
		else if (o.key === "q" || o.key === "s") verbose = false;
		else if (o.key === "v") verbose = true;
		else if (o.key === "z") nul = true;
	}
	const files = parsed.operands;
	if (files.length === 0) {
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	if (files.length > 1) {
		if (noNewline) yield* t.warn("ignoring --no-newline with multiple arguments");
		noNewline = false;
	}
	let status = 0;
	for (const f of files) {
		const v =
			mode !== null
				? canonicalize(t.sys, f, mode)
				: attempt(() => t.sys.vfs.readlink(t.sys.task, f));
		if (v instanceof KernelError) {
			status = 1;
			if (verbose) {
				yield* t.out.flush();
				yield* t.warn(`${quoteIfNeeded(f, true)}: ${v.strerror}`);
			}
			continue;
		}
		yield* t.print(noNewline ? v : `${v}${nul ? "\0" : "\n"}`);
	}
	return yield* t.finish(status);
}
