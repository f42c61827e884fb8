/**
 * cp (GNU coreutils): cp [-r|-R] [-a] [-p] [-d|-P|-L|-H] [-f] [-i] [-n] [-v]
 * [-T] [-t DIR] SOURCE... DEST
 *
 * Recursive copies do not follow symlinks unless -L (or -H on the command
 * line). -p keeps mode, ownership and timestamps.
 */

import { KernelError } from "../../kernel/errno.ts";
import { Copier, defaultCopyOptions, placeOperands } from "../lib/copy.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { readAnswer } from "../lib/prompt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { Input } from "../lib/stdio.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "archive", arg: "none", key: "a" },
	{ name: "dereference", arg: "none", key: "L" },
	{ name: "force", arg: "none", key: "f" },
	{ name: "interactive", arg: "none", key: "i" },
	{ name: "no-clobber", arg: "none", key: "n" },
	{ name: "no-dereference", arg: "none", key: "P" },
	{ name: "preserve", arg: "optional", key: "preserve" },
	{ name: "no-preserve", arg: "required", key: "no-preserve" },
	{ name: "recursive", arg: "none", key: "R" },
	{ name: "target-directory", arg: "required", key: "t" },
	{ name: "no-target-directory", arg: "none", key: "T" },
	{ name: "verbose", arg: "none", key: "v" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "adfHiLnPpRrt:Tv", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const opts = defaultCopyOptions();
	let deref: "always" | "never" | "cmdline" | null = null;
	let targetDir: string | null = null;
	let noTargetDir = false;
	let interactive = false;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... SOURCE... DEST", COREUTILS);
		if (done !== null) return done;
		switch (o.key) {
			case "a":
				opts.recursive = true;
				deref = "never";
				opts.preserveMode = true;
				opts.preserveOwner = true;
				opts.preserveTimes = true;
				break;
			case "d":
			case "P":
				deref = "never";
				break;
			case "L":
				deref = "always";
				break;
			case "H":
				deref = "cmdline";
				break;
			case "f":
				opts.force = true;
				break;
			case "i":
				interactive = true;
				opts.noClobber = false;
				break;
			case "n":
				opts.noClobber = true;
				interactive = false;
				break;
			case "p":
				opts.preserveMode = true;
				opts.preserveOwner = true;
				opts.preserveTimes = true;
				break;
			case "preserve": {
				const list = (o.arg ?? "mode,ownership,timestamps").split(",");
				if (list.includes("mode") || list.includes("all")) opts.preserveMode = true;
				if (list.includes("ownership") || list.includes("all")) opts.preserveOwner = true;
				if (list.includes("timestamps") || list.includes("all")) opts.preserveTimes = true;
				break;
			}
			case "no-preserve": {
				const list = (o.arg ?? "").split(",");
				if (list.includes("mode") || list.includes("all")) opts.preserveMode = false;
				if (list.includes("ownership") || list.includes("all")) opts.preserveOwner = false;
				if (list.includes("timestamps") || list.includes("all")) opts.preserveTimes = false;
				break;
			}
			case "r":
			case "R":
				opts.recursive = true;
				break;
			case "t":
				targetDir = o.arg;
				break;
			case "T":
				noTargetDir = true;
				break;
			case "v":
				opts.verbose = "cp";
				break;
		}
	}
	opts.dereference = deref ?? (opts.recursive ? "never" : "always");
	const placements = yield* placeOperands(t, parsed.operands, { targetDir, noTargetDir });
	if (placements === null) return 1;
	const copier = new Copier(t, opts);
	let stdin: Input | null = null;
	let status = 0;
	for (const { src, dst } of placements) {
		if (interactive && !(attempt(() => t.sys.vfs.lstat(t.sys.task, dst)) instanceof KernelError)) {
			yield* t.errText(`${t.name}: overwrite ${quoteAlways(dst)}? `);
			if (stdin === null) stdin = new Input(t.sys, 0);
			const answer = yield* readAnswer(stdin);
			if (!answer) continue;
		}
		if (!(yield* copier.copyTop(src, dst))) status = 1;
	}
	return yield* t.finish(status);
}
