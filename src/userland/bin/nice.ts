/**
 * nice (GNU coreutils 9.1): run a program with a changed niceness.
 *
 *   nice [-n ADJUSTMENT] [COMMAND [ARG]...]     (also the old form -ADJUSTMENT)
 *
 * Without a command it prints the current niceness. With one it adds
 * ADJUSTMENT (default 10) to the niceness (setpriority(), clamped to -20..19)
 * and runs COMMAND found on PATH; a refused change ("cannot set niceness")
 * is only a warning when it is a permission problem. Exit status: 125 for
 * nice's own errors, 126 when COMMAND cannot run, 127 when it is not found.
 */
import { isKernelError } from "../../kernel/errno.ts";
import { execvp } from "../lib/execvp.ts";
import { getopt, tryHelp } from "../lib/getopt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const EXIT_CANCELED = 125;
const EXIT_CANNOT_INVOKE = 126;
const EXIT_ENOENT = 127;

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	let args = [...t.args];
	let adjustment: string | null = null;
	// The old form: -N, --N (a negative N), +N is not an option.
	if (args.length > 0 && /^-(-?\+?|\+)?[0-9]+$/.test(args[0]!) && !args[0]!.startsWith("--+")) {
		adjustment = args[0]!.slice(1);
		args = args.slice(1);
	}
	const parsed = getopt(t.name, args, "+n:", [
		{ name: "adjustment", arg: "required", key: "n" },
		...HELP_VERSION,
	]);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return EXIT_CANCELED;
	}
	for (const o of parsed.opts) {
		if (o.key === "n") adjustment = o.arg!;
		else {
			const done = yield* t.standardOption(o.key, "[OPTION] [COMMAND [ARG]...]", COREUTILS);
			if (done !== null) return done;
		}
	}
	const sys = t.sys;
	if (parsed.operands.length === 0) {
		if (adjustment !== null) {
			yield* t.warn("a command must be given with an adjustment");
			yield* t.errText(tryHelp(t.name));
			return EXIT_CANCELED;
		}
		yield* t.print(`${sys.nice}\n`);
		return yield* t.finish(0);
	}
	let adj = 10;
	if (adjustment !== null) {
		if (!/^[-+]?[0-9]+$/.test(adjustment)) {
			yield* t.warn(`invalid adjustment ${quoteAlways(adjustment)}`);
			return EXIT_CANCELED;
		}
		adj = Math.max(-40, Math.min(40, Number(adjustment)));
	}
	try {
		sys.setpriority(0, sys.nice + adj);
	} catch (e) {
		if (!isKernelError(e)) throw e;
		const permission = e.code === "EPERM" || e.code === "EACCES";
		yield* t.warn(`cannot set niceness: ${e.strerror}`);
		if (!permission) return EXIT_CANCELED;
	}
	yield* t.out.flush();
	const err = yield* execvp(sys, parsed.operands, t.envp);
	yield* t.warn(`${quoteAlways(parsed.operands[0]!)}: ${err.strerror}`);
	return err.code === "ENOENT" ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
}
