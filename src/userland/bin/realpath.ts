/**
 * realpath (GNU coreutils 9.1): realpath [-e|-m] [-L|-P|-s] [-q] [-z]
 * [--relative-to=DIR] [--relative-base=DIR] FILE...
 *
 * The canonical name of each FILE (see lib/canonicalize.ts); by default
 * all but the last component must exist. -s leaves symlinks alone; -L
 * resolves ".." before symlinks. --relative-to prints names relative to
 * DIR; --relative-base prints names under DIR relative, others absolute.
 */

import { KernelError } from "../../kernel/errno.ts";
import { type CanonMode, canonicalize } from "../lib/canonicalize.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteIfNeeded } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "canonicalize-existing", arg: "none", key: "e" },
	{ name: "canonicalize-missing", arg: "none", key: "m" },
	{ name: "relative-to", arg: "required", key: "relative-to" },
	{ name: "relative-base", arg: "required", key: "relative-base" },
	{ name: "quiet", arg: "none", key: "q" },
	{ name: "strip", arg: "none", key: "s" },
	{ name: "no-symlinks", arg: "none", key: "s" },
	{ name: "zero", arg: "none", key: "z" },
	{ name: "logical", arg: "none", key: "L" },
	{ name: "physical", arg: "none", key: "P" },
	...HELP_VERSION,
];

interface Mode {
	can: CanonMode;
	nolinks: boolean;
	logical: boolean;
}

/** realpath_canon(): -L canonicalizes without symlinks first, then with them. */
function canon(t: Tool, name: string, m: Mode): string | KernelError {
	const first = canonicalize(t.sys, name, m.can, m.nolinks);
	if (!m.logical || first instanceof KernelError) return first;
	return canonicalize(t.sys, first, m.can, false);
}

/** Is `prefix` a leading run of whole components of `path` (both canonical)? */
function pathPrefix(prefix: string, path: string): boolean {
	const p = prefix.slice(1);
	const q = path.slice(1);
	if (p === "") return !q.startsWith("/");
	return q.startsWith(p) && (q.length === p.length || q[p.length] === "/");
}

/** relpath(): `name` relative to `dir`, or null when they share no component. */
function relPath(name: string, dir: string): string | null {
	let i = 0;
	let common = 0;
	while (i < dir.length && i < name.length && dir[i] === name[i]) {
		if (dir[i] === "/") common = i + 1;
		i++;
	}
	if (
		(i === dir.length && i === name.length) ||
		(i === dir.length && name[i] === "/") ||
		(i === name.length && dir[i] === "/")
	) {
		common = i;
	}
	if (common === 0) return null;
	let rel = dir.slice(common);
	let rest = name.slice(common);
	if (rel.startsWith("/")) rel = rel.slice(1);
	if (rest.startsWith("/")) rest = rest.slice(1);
	if (rel === "") return rest === "" ? "." : rest;
	const ups = `..${"/..".repeat(rel.split("/").length - 1)}`;
	return rest === "" ? ups : `${ups}/${rest}`;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "eLmPqsz", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const m: Mode = { can: "all-but-last", nolinks: false, logical: false };
	let verbose = true;
	let nul = false;
	let relativeTo: string | null = null;
	let relativeBase: string | null = null;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... FILE...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "e") m.can = "existing";
		else if (o.key === "m") m.can = "missing";
		else if (o.key === "L") {
			m.nolinks = true;
			m.logical = true;
		} else if (o.key === "s") {
			m.nolinks = true;
			m.logical = false;
		} else if (o.key === "P") {
			m.nolinks = false;
			m.logical = false;
		} else if (o.key === "q") verbose = false;
		else if (o.key === "z") nul = true;
		else if (o.key === "relative-to") relativeTo = o.arg;
		else if (o.key === "relative-base") relativeBase = o.arg;
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	if (relativeBase !== null && relativeTo === null) relativeTo = relativeBase;
	const needDir = m.can === "existing";
	/** A --relative-* directory, canonical; null after a fatal error was printed. */
	const dirOption = function* (name: string): Run<string | null> {
		let c = canon(t, name, m);
		if (!(c instanceof KernelError) && needDir && !isDirectory(t, c))
			c = new KernelError("ENOTDIR");
		if (c instanceof KernelError) {
			yield* t.warn(`${quoteIfNeeded(name, true)}: ${c.strerror}`);
			return null;
		}
		return c;
	};
	let canRelativeTo: string | null = null;
	let canRelativeBase: string | null = null;
	if (relativeTo !== null) {
		canRelativeTo = yield* dirOption(relativeTo);
		if (canRelativeTo === null) return 1;
	}
	if (relativeBase !== null && relativeBase === relativeTo) canRelativeBase = canRelativeTo;
	else if (relativeBase !== null) {
		const base = yield* dirOption(relativeBase);
		if (base === null) return 1;
		if (pathPrefix(base, canRelativeTo!)) canRelativeBase = base;
		else {
			canRelativeBase = canRelativeTo;
			canRelativeTo = null;
		}
	}
	let status = 0;
	for (const f of parsed.operands) {
		const c = canon(t, f, m);
		if (c instanceof KernelError) {
			status = 1;
			if (verbose) {
				yield* t.out.flush();
				yield* t.warn(`${quoteIfNeeded(f, true)}: ${c.strerror}`);
			}
			continue;
		}
		let out = c;
		if (canRelativeTo !== null && (canRelativeBase === null || pathPrefix(canRelativeBase, c))) {
			out = relPath(c, canRelativeTo) ?? c;
		}
		yield* t.print(`${out}${nul ? "\0" : "\n"}`);
	}
	return yield* t.finish(status);
}

function isDirectory(t: Tool, path: string): boolean {
	const st = attempt(() => t.sys.vfs.stat(t.sys.task, path));
	return !(st instanceof KernelError) && (st.mode & 0o170000) === 0o040000;
}
