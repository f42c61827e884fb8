/**
 * ln (GNU coreutils): ln [-s] [-f] [-n] [-v] [-T] [-t DIR] TARGET... [LINK]
 * Hard links by default, symbolic links with -s; a lone TARGET is linked
 * into the working directory.
 */

import { isDir, isLnk } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { placeOperands } from "../lib/copy.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteAlways, quoteIfNeeded } from "../lib/quote.ts";
import { attempt, COREUTILS, dirName, HELP_VERSION, joinPath, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "force", arg: "none", key: "f" },
	{ name: "no-dereference", arg: "none", key: "n" },
	{ name: "no-target-directory", arg: "none", key: "T" },
	{ name: "symbolic", arg: "none", key: "s" },
	{ name: "target-directory", arg: "required", key: "t" },
	{ name: "verbose", arg: "none", key: "v" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "fnsTt:v", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let force = false;
	let noDeref = false;
	let symbolic = false;
	let verbose = false;
	let targetDir: string | null = null;
	let noTargetDir = false;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... TARGET... DIRECTORY", COREUTILS);
		if (done !== null) return done;
		if (o.key === "f") force = true;
		else if (o.key === "n") noDeref = true;
		else if (o.key === "s") symbolic = true;
		else if (o.key === "v") verbose = true;
		else if (o.key === "t") targetDir = o.arg;
		else if (o.key === "T") noTargetDir = true;
	}
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	const ops = parsed.operands;
	// With -n a symlink to a directory as the last operand is replaced, not entered.
	const last = ops[ops.length - 1];
	const lastIsLink =
		noDeref &&
		ops.length === 2 &&
		last !== undefined &&
		(() => {
			const st = attempt(() => vfs.lstat(task, last));
			return !(st instanceof KernelError) && isLnk(st.mode);
		})();
	const placements = yield* placeOperands(t, ops, {
		targetDir,
		noTargetDir: noTargetDir || lastIsLink,
		allowSingle: true,
		lnStyle: true,
	});
	if (placements === null) return 1;
	let status = 0;
	for (const { src, dst } of placements) {
		if (!(yield* link(t, src, dst, { force, symbolic, verbose }))) status = 1;
	}
	return yield* t.finish(status);
}

function* link(
	t: Tool,
	src: string,
	dst: string,
	o: { force: boolean; symbolic: boolean; verbose: boolean },
): Run<boolean> {
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	if (!o.symbolic) {
		const st = attempt(() => vfs.lstat(task, src));
		if (st instanceof KernelError) {
			yield* t.warn(`failed to access ${quoteAlways(src)}: ${st.strerror}`);
			return false;
		}
		if (isDir(st.mode)) {
			yield* t.warn(`${quoteIfNeeded(src, true)}: hard link not allowed for directory`);
			return false;
		}
	}
	if (o.force) {
		const d = attempt(() => vfs.lstat(task, dst));
		if (!(d instanceof KernelError)) {
			const resolved = o.symbolic && !src.startsWith("/") ? joinPath(dirName(dst), src) : src;
			const s = attempt(() => vfs.stat(task, resolved));
			if (!(s instanceof KernelError) && s.dev === d.dev && s.ino === d.ino) {
				yield* t.warn(`${quoteAlways(src)} and ${quoteAlways(dst)} are the same file`);
				return false;
			}
			if (isDir(d.mode)) {
				yield* t.warn(`${quoteIfNeeded(dst, true)}: cannot overwrite directory`);
				return false;
			}
			attempt(() => vfs.unlink(task, dst));
		}
	}
	const r = attempt(() => (o.symbolic ? vfs.symlink(task, src, dst) : vfs.link(task, src, dst)));
	if (r instanceof KernelError) {
		const kind = o.symbolic ? "symbolic link" : "hard link";
		const arrow = o.symbolic
			? src === ""
				? ` -> ${quoteAlways(src)}`
				: ""
			: r.code === "EEXIST"
				? ""
				: ` => ${quoteAlways(src)}`;
		yield* t.warn(`failed to create ${kind} ${quoteAlways(dst)}${arrow}: ${r.strerror}`);
		return false;
	}
	if (o.verbose) {
		yield* t.print(`${quoteAlways(dst)} ${o.symbolic ? "->" : "=>"} ${quoteAlways(src)}\n`);
	}
	return true;
}
