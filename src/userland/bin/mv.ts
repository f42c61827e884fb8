/**
 * mv (GNU coreutils): mv [-f] [-i] [-n] [-v] [-T] [-t DIR] SOURCE... DEST
 *
 * rename(2) where possible; across filesystems (EXDEV) the source is
 * copied with its times, ownership and mode, and then removed.
 */

import { isDir, type Stat } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { Copier, defaultCopyOptions, placeOperands } from "../lib/copy.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { readAnswer } from "../lib/prompt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { Remover } from "../lib/remove.ts";
import { Input } from "../lib/stdio.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "force", arg: "none", key: "f" },
	{ name: "interactive", arg: "none", key: "i" },
	{ name: "no-clobber", arg: "none", key: "n" },
	{ name: "target-directory", arg: "required", key: "t" },
	{ name: "no-target-directory", arg: "none", key: "T" },
	{ name: "verbose", arg: "none", key: "v" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "fint:Tv", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let targetDir: string | null = null;
	let noTargetDir = false;
	let verbose = false;
	let mode: "force" | "interactive" | "noclobber" = "force";
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... SOURCE... DEST", COREUTILS);
		if (done !== null) return done;
		if (o.key === "f") mode = "force";
		else if (o.key === "i") mode = "interactive";
		else if (o.key === "n") mode = "noclobber";
		else if (o.key === "t") targetDir = o.arg;
		else if (o.key === "T") noTargetDir = true;
		else if (o.key === "v") verbose = true;
	}
	const placements = yield* placeOperands(t, parsed.operands, { targetDir, noTargetDir });
	if (placements === null) return 1;
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	let stdin: Input | null = null;
	let status = 0;
	for (const { src, dst } of placements) {
		const st = attempt(() => vfs.lstat(task, src));
		if (st instanceof KernelError) {
			yield* t.warn(`cannot stat ${quoteAlways(src)}: ${st.strerror}`);
			status = 1;
			continue;
		}
		const dstSt = attempt(() => vfs.lstat(task, dst));
		if (dstSt instanceof KernelError && dstSt.code !== "ENOENT") {
			yield* t.warn(`cannot stat ${quoteAlways(dst)}: ${dstSt.strerror}`);
			status = 1;
			continue;
		}
		if (!(dstSt instanceof KernelError)) {
			if (dstSt.dev === st.dev && dstSt.ino === st.ino) {
				yield* t.warn(`${quoteAlways(src)} and ${quoteAlways(dst)} are the same file`);
				status = 1;
				continue;
			}
			if (mode === "noclobber") continue;
			if (mode === "interactive") {
				yield* t.errText(`${t.name}: overwrite ${quoteAlways(dst)}? `);
				if (stdin === null) stdin = new Input(t.sys, 0);
				if (!(yield* readAnswer(stdin))) continue;
			}
			if (isDir(st.mode) && !isDir(dstSt.mode)) {
				yield* t.warn(
					`cannot overwrite non-directory ${quoteAlways(dst)} with directory ${quoteAlways(src)}`,
				);
				status = 1;
				continue;
			}
			if (!isDir(st.mode) && isDir(dstSt.mode)) {
				yield* t.warn(`cannot overwrite directory ${quoteAlways(dst)} with non-directory`);
				status = 1;
				continue;
			}
		}
		const r = attempt(() => vfs.rename(task, src, dst));
		if (!(r instanceof KernelError)) {
			if (verbose) yield* t.print(`renamed ${quoteAlways(src)} -> ${quoteAlways(dst)}\n`);
			continue;
		}
		if (r.code === "EXDEV") {
			if (!(yield* moveAcross(t, src, dst, st, verbose))) status = 1;
			continue;
		}
		if (r.code === "EINVAL" && isDir(st.mode)) {
			yield* t.warn(
				`cannot move ${quoteAlways(src)} to a subdirectory of itself, ${quoteAlways(dst)}`,
			);
		} else {
			yield* t.warn(`cannot move ${quoteAlways(src)} to ${quoteAlways(dst)}: ${r.strerror}`);
		}
		status = 1;
	}
	return yield* t.finish(status);
}

/** EXDEV: copy everything (mode and ownership kept), then remove the source. */
function* moveAcross(t: Tool, src: string, dst: string, st: Stat, verbose: boolean): Run<boolean> {
	const opts = defaultCopyOptions();
	opts.recursive = true;
	opts.dereference = "never";
	opts.preserveMode = true;
	opts.preserveOwner = true;
	opts.preserveTimes = true;
	opts.force = true;
	opts.verbose = verbose ? "mv" : "none";
	if (!(yield* new Copier(t, opts).copy(src, dst, st))) return false;
	const remover = new Remover(t);
	remover.force = true;
	remover.recursive = true;
	remover.verbose = verbose;
	return yield* remover.operand(src);
}
