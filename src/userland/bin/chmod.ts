/**
 * chmod (GNU coreutils): chmod [-R] [-v|-c] [-f] MODE[,MODE]... FILE...
 * chmod [OPTION]... --reference=RFILE FILE...
 *
 * Modes may be given like options ("chmod -w f"); such a mode warns when
 * the umask kept it from doing everything it says. -R changes a directory
 * before its entries, in readdir order, and leaves symlinks it meets alone.
 */

import { isDir, isLnk, type Stat } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { readDir } from "../lib/files.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { adjustMode, compileMode, type ModeChange, octalMode, permString } from "../lib/mode.ts";
import { quoteAlways, quoteIfNeeded } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, joinPath, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "changes", arg: "none", key: "c" },
	{ name: "recursive", arg: "none", key: "R" },
	{ name: "no-preserve-root", arg: "none", key: "no-preserve-root" },
	{ name: "preserve-root", arg: "none", key: "preserve-root" },
	{ name: "quiet", arg: "none", key: "f" },
	{ name: "silent", arg: "none", key: "f" },
	{ name: "reference", arg: "required", key: "reference" },
	{ name: "verbose", arg: "none", key: "v" },
	...HELP_VERSION,
];

/** An argument like "-w" or "-rwx,g+s" that chmod takes as a mode, not options. */
const MODE_LIKE = /^-[rwxXstugoa,+=0-7-]+$/;

interface Settings {
	change: ModeChange | null;
	reference: Stat | null;
	recursive: boolean;
	verbosity: "quiet" | "normal" | "changes" | "verbose";
	diagnoseSurprises: boolean;
	umask: number;
	preserveRoot: boolean;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	// Pull mode-like arguments out before option parsing (up to "--").
	const args: string[] = [];
	const modeParts: string[] = [];
	let seenDashes = false;
	for (const a of t.args) {
		if (!seenDashes && a === "--") seenDashes = true;
		if (!seenDashes && MODE_LIKE.test(a) && !/^-[Rcfv]+$/.test(a)) modeParts.push(a);
		else args.push(a);
	}
	const parsed = getopt(t.name, args, "Rcfv", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const s: Settings = {
		change: null,
		reference: null,
		recursive: false,
		verbosity: "normal",
		diagnoseSurprises: modeParts.length > 0,
		umask: 0,
		preserveRoot: false,
	};
	let referenceFile: string | null = null;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... MODE[,MODE]... FILE...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "R") s.recursive = true;
		else if (o.key === "c") s.verbosity = "changes";
		else if (o.key === "v") s.verbosity = "verbose";
		else if (o.key === "f") s.verbosity = "quiet";
		else if (o.key === "reference") referenceFile = o.arg;
		else if (o.key === "preserve-root") s.preserveRoot = true;
		else if (o.key === "no-preserve-root") s.preserveRoot = false;
	}
	const operands = [...parsed.operands];
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	let modeText: string | null = modeParts.length > 0 ? modeParts.join(",") : null;
	if (referenceFile === null && modeText === null) {
		if (operands.length === 0) {
			yield* t.warn("missing operand");
			yield* t.errText(tryHelp(t.name));
			return 1;
		}
		modeText = operands.shift()!;
	}
	if (operands.length === 0) {
		yield* t.warn(
			modeText === null || modeParts.length > 0
				? "missing operand"
				: `missing operand after ${quoteAlways(modeText)}`,
		);
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	if (referenceFile !== null) {
		const st = attempt(() => vfs.stat(task, referenceFile));
		if (st instanceof KernelError) {
			yield* t.warn(`failed to get attributes of ${quoteAlways(referenceFile)}: ${st.strerror}`);
			return 1;
		}
		s.reference = st;
	} else {
		s.change = compileMode(modeText!);
		if (s.change === null) {
			yield* t.warn(`invalid mode: ${quoteAlways(modeText!)}`);
			yield* t.errText(tryHelp(t.name));
			return 1;
		}
		s.umask = vfs.umask(task, 0);
		vfs.umask(task, s.umask);
	}
	let ok = true;
	for (const file of operands) ok = (yield* change(t, s, file, true)) && ok;
	return yield* t.finish(ok ? 0 : 1);
}

function* change(t: Tool, s: Settings, file: string, top: boolean): Run<boolean> {
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	const lst = attempt(() => vfs.lstat(task, file));
	if (lst instanceof KernelError) {
		if (s.verbosity !== "quiet") {
			yield* t.warn(`cannot access ${quoteAlways(file)}: ${lst.strerror}`);
		}
		return false;
	}
	if (isLnk(lst.mode) && !top) {
		if (s.verbosity === "verbose") {
			yield* t.print(`neither symbolic link ${quoteAlways(file)} nor referent has been changed\n`);
		}
		return true;
	}
	const st = isLnk(lst.mode) ? attempt(() => vfs.stat(task, file)) : lst;
	if (st instanceof KernelError) {
		if (s.verbosity !== "quiet") {
			yield* t.warn(`cannot operate on dangling symlink ${quoteAlways(file)}`);
		}
		return false;
	}
	const oldMode = st.mode & 0o7777;
	const newMode =
		s.reference !== null
			? s.reference.mode & 0o7777
			: adjustMode(oldMode, isDir(st.mode), s.umask, s.change!).mode;
	let ok = true;
	const r = oldMode === newMode ? null : attempt(() => vfs.chmod(task, file, newMode));
	const failed = r instanceof KernelError;
	if (failed && s.verbosity !== "quiet") {
		if (s.verbosity === "verbose") {
			yield* t.print(
				`failed to change mode of ${quoteAlways(file)} from ${describe(oldMode)} to ${describe(newMode)}\n`,
			);
		}
		yield* t.warn(`changing permissions of ${quoteAlways(file)}: ${r.strerror}`);
	}
	if (failed) ok = false;
	else if (s.verbosity === "verbose" || (s.verbosity === "changes" && oldMode !== newMode)) {
		yield* t.print(
			oldMode === newMode
				? `mode of ${quoteAlways(file)} retained as ${describe(newMode)}\n`
				: `mode of ${quoteAlways(file)} changed from ${describe(oldMode)} to ${describe(newMode)}\n`,
		);
	}
	if (!failed && s.diagnoseSurprises && s.change !== null) {
		const naive = adjustMode(oldMode, isDir(st.mode), 0, s.change).mode;
		if (newMode & ~naive) {
			yield* t.warn(
				`${quoteIfNeeded(file, true)}: new permissions are ${permString(newMode)}, not ${permString(naive)}`,
			);
			ok = false;
		}
	}
	if (s.recursive && isDir(st.mode) && !isLnk(lst.mode)) {
		const entries = attempt(() => readDir(t.sys, file));
		if (entries instanceof KernelError) {
			if (s.verbosity !== "quiet") {
				yield* t.warn(`cannot read directory ${quoteAlways(file)}: ${entries.strerror}`);
			}
			return false;
		}
		for (const e of entries) ok = (yield* change(t, s, joinPath(file, e.name), false)) && ok;
	}
	return ok;
}

function describe(mode: number): string {
	return `${octalMode(mode)} (${permString(mode)})`;
}
