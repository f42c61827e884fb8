/**
 * mkdir (GNU coreutils): mkdir [-p] [-v] [-m MODE] DIRECTORY...
 *
 * -m MODE is applied to a=rwx (who-less clauses honour the umask) and the
 * directory is made with the umask cleared; when the mode has special bits
 * the directory is made without group/other write first and then chmodded,
 * as GNU mkdir does.
 */

import { isDir } from "../../fs/constants.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { adjustMode, compileMode } from "../lib/mode.ts";
import { quoteAlways } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "mode", arg: "required", key: "m" },
	{ name: "parents", arg: "none", key: "p" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "context", arg: "optional", key: "Z" },
	...HELP_VERSION,
];

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "pm:vZ", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let parents = false;
	let verbose = false;
	let modeText: string | null = null;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... DIRECTORY...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "p") parents = true;
		else if (o.key === "v") verbose = true;
		else if (o.key === "m") modeText = o.arg;
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const { sys } = t;
	const vfs = sys.vfs;
	const task = sys.task;
	const umask = vfs.umask(task, 0);
	vfs.umask(task, umask);
	let mode = 0o777;
	let modeBits = 0;
	if (modeText !== null) {
		const change = compileMode(modeText);
		if (change === null) {
			yield* t.warn(`invalid mode ${quoteAlways(modeText)}`);
			return 1;
		}
		const adjusted = adjustMode(0o777, true, umask, change);
		mode = adjusted.mode;
		modeBits = adjusted.changed;
	}
	const announce = function* (dir: string): Run<void> {
		if (verbose) yield* t.print(`${t.name}: created directory ${quoteAlways(dir)}\n`);
	};

	let status = 0;
	for (const dir of parsed.operands) {
		if (parents && !(yield* makeAncestors(t, dir, umask, announce))) {
			status = 1;
			continue;
		}
		// With -m the mode is exact: the umask is cleared around mkdir(2).
		if (modeText !== null) vfs.umask(task, 0);
		const special = (mode & (S_ISUID | S_ISGID | S_ISVTX)) !== 0;
		const made = attempt(() => vfs.mkdir(task, dir, special ? mode & ~0o022 : mode));
		vfs.umask(task, umask);
		if (made instanceof Error) {
			if (parents && made.code === "EEXIST") {
				const st = attempt(() => vfs.stat(task, dir));
				if (!(st instanceof Error) && isDir(st.mode)) continue;
			}
			yield* t.warn(`cannot create directory ${quoteAlways(dir)}: ${made.strerror}`);
			status = 1;
			continue;
		}
		yield* announce(dir);
		if (modeText !== null && ((modeBits & (S_ISUID | S_ISGID)) !== 0 || mode & S_ISVTX)) {
			const st = attempt(() => vfs.stat(task, dir));
			const fixed =
				st instanceof Error
					? st
					: ((st.mode ^ mode) & modeBits) === 0
						? null
						: attempt(() => vfs.chmod(task, dir, mode | (st.mode & 0o7777 & ~modeBits)));
			if (fixed instanceof Error) {
				yield* t.warn(`cannot change permissions of ${quoteAlways(dir)}: ${fixed.strerror}`);
				status = 1;
			}
		}
	}
	return yield* t.finish(status);
}

/** mkdir -p: make each missing ancestor of `dir` (a=rwx less the umask, but always u+wx). */
function* makeAncestors(
	t: Tool,
	dir: string,
	umask: number,
	announce: (dir: string) => Run<void>,
): Run<boolean> {
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	const parts = dir.split("/");
	let prefix = dir.startsWith("/") ? "/" : "";
	// The last non-empty component is the directory itself.
	let last = parts.length - 1;
	while (last > 0 && parts[last] === "") last--;
	for (let i = 0; i < last; i++) {
		const c = parts[i]!;
		if (c === "") continue;
		prefix = prefix === "" || prefix.endsWith("/") ? `${prefix}${c}` : `${prefix}/${c}`;
		if (c === "." || c === "..") continue;
		const relaxed = (umask & 0o300) !== 0;
		if (relaxed) vfs.umask(task, umask & ~0o300);
		const made = attempt(() => vfs.mkdir(task, prefix, 0o777));
		if (relaxed) vfs.umask(task, umask);
		if (made instanceof Error) {
			if (made.code !== "EEXIST") {
				yield* t.warn(`cannot create directory ${quoteAlways(prefix)}: ${made.strerror}`);
				return false;
			}
			const st = attempt(() => vfs.stat(task, prefix));
			const err = st instanceof Error ? st.strerror : isDir(st.mode) ? null : "Not a directory";
			if (err !== null) {
				yield* t.warn(`cannot create directory ${quoteAlways(prefix)}: ${err}`);
				return false;
			}
			continue;
		}
		yield* announce(prefix);
	}
	return true;
}
