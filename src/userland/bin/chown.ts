/**
 * chown (GNU coreutils): chown [-R] [-h] [-v|-c] [-f] [OWNER][:[GROUP]] FILE...
 *
 * Owners and groups by name or number; "USER:" means the user's login
 * group; "." instead of ":" is accepted with a warning. -R changes the
 * entries of a directory before the directory itself and changes symlinks
 * it meets, not what they point to.
 */

import { isDir, isLnk } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { readDir } from "../lib/files.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { parseId, UserDb } from "../lib/passwd.ts";
import { quoteAlways } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, joinPath, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "changes", arg: "none", key: "c" },
	{ name: "no-dereference", arg: "none", key: "h" },
	{ name: "dereference", arg: "none", key: "dereference" },
	{ name: "quiet", arg: "none", key: "f" },
	{ name: "silent", arg: "none", key: "f" },
	{ name: "recursive", arg: "none", key: "R" },
	{ name: "reference", arg: "required", key: "reference" },
	{ name: "verbose", arg: "none", key: "v" },
	{ name: "no-preserve-root", arg: "none", key: "no-preserve-root" },
	{ name: "preserve-root", arg: "none", key: "preserve-root" },
	...HELP_VERSION,
];

/** The parsed OWNER[:GROUP]: ids (-1 for unchanged) and how they read in messages. */
interface Spec {
	uid: number;
	gid: number;
	userText: string | null;
	groupText: string | null;
}

/** parse_user_spec(): the ids of `text`, or the error message. */
function parseSpec(db: UserDb, text: string): Spec | { error: string; warning?: string } {
	let sep = text.indexOf(":");
	let warning: string | undefined;
	if (sep < 0) {
		const dot = text.indexOf(".");
		if (dot >= 0 && db.userByName(text) === null) {
			sep = dot;
			warning = `warning: '.' should be ':': ${quoteAlways(text)}`;
		}
	}
	const userPart = sep < 0 ? text : text.slice(0, sep);
	const groupPart = sep < 0 ? null : text.slice(sep + 1);
	const spec: Spec = { uid: -1, gid: -1, userText: null, groupText: null };
	if (userPart !== "") {
		const u = db.userByName(userPart);
		if (u !== null) {
			spec.uid = u.uid;
			if (groupPart === "") {
				spec.gid = u.gid;
				spec.groupText = db.groupName(u.gid);
			}
		} else {
			const id = parseId(userPart);
			if (id === null) return { error: `invalid user: ${quoteAlways(text)}` };
			if (groupPart === "") return { error: `invalid spec: ${quoteAlways(text)}` };
			spec.uid = id;
		}
		spec.userText = userPart;
	}
	if (groupPart !== null && groupPart !== "") {
		const g = db.groupByName(groupPart);
		const id = g?.gid ?? parseId(groupPart);
		if (id === null) return { error: `invalid group: ${quoteAlways(text)}` };
		spec.gid = id;
		spec.groupText = groupPart;
	}
	return warning === undefined ? spec : { ...spec, warning };
}

interface Settings {
	spec: Spec;
	db: UserDb;
	recursive: boolean;
	noDeref: boolean;
	verbosity: "quiet" | "normal" | "changes" | "verbose";
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "HLPRcfhv", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let recursive = false;
	let noDeref = false;
	let verbosity: Settings["verbosity"] = "normal";
	let reference: string | null = null;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... [OWNER][:[GROUP]] FILE...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "R") recursive = true;
		else if (o.key === "h") noDeref = true;
		else if (o.key === "dereference") noDeref = false;
		else if (o.key === "c") verbosity = "changes";
		else if (o.key === "v") verbosity = "verbose";
		else if (o.key === "f") verbosity = "quiet";
		else if (o.key === "reference") reference = o.arg;
	}
	const operands = [...parsed.operands];
	if (operands.length === 0 || (reference === null && operands.length === 1)) {
		yield* t.warn(
			operands.length === 0
				? "missing operand"
				: `missing operand after ${quoteAlways(operands[0]!)}`,
		);
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const db = yield* UserDb.load(t.sys);
	let spec: Spec;
	if (reference !== null) {
		const st = attempt(() => t.sys.vfs.stat(t.sys.task, reference));
		if (st instanceof KernelError) {
			yield* t.warn(`failed to get attributes of ${quoteAlways(reference)}: ${st.strerror}`);
			return 1;
		}
		spec = {
			uid: st.uid,
			gid: st.gid,
			userText: db.userName(st.uid),
			groupText: db.groupName(st.gid),
		};
	} else {
		const r = parseSpec(db, operands.shift()!);
		if ("error" in r) {
			yield* t.warn(r.error);
			return 1;
		}
		if ("warning" in r && typeof r.warning === "string") yield* t.warn(r.warning);
		spec = r;
	}
	const s: Settings = { spec, db, recursive, noDeref, verbosity };
	let ok = true;
	for (const file of operands) ok = (yield* chownOne(t, s, file, true)) && ok;
	return yield* t.finish(ok ? 0 : 1);
}

function* chownOne(t: Tool, s: Settings, file: string, top: boolean): Run<boolean> {
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	const lst = attempt(() => vfs.lstat(task, file));
	if (lst instanceof KernelError) {
		if (s.verbosity !== "quiet")
			yield* t.warn(`cannot access ${quoteAlways(file)}: ${lst.strerror}`);
		return false;
	}
	// A symlink is followed only when named on the command line without -h.
	const follow = top && !s.noDeref && isLnk(lst.mode);
	const st = follow ? attempt(() => vfs.stat(task, file)) : lst;
	if (st instanceof KernelError) {
		if (s.verbosity !== "quiet")
			yield* t.warn(`cannot dereference ${quoteAlways(file)}: ${st.strerror}`);
		return false;
	}
	let ok = true;
	if (s.recursive && isDir(st.mode) && !isLnk(lst.mode)) {
		const entries = attempt(() => readDir(t.sys, file));
		if (entries instanceof KernelError) {
			if (s.verbosity !== "quiet") {
				yield* t.warn(`cannot read directory ${quoteAlways(file)}: ${entries.strerror}`);
			}
			ok = false;
		} else {
			for (const e of entries) ok = (yield* chownOne(t, s, joinPath(file, e.name), false)) && ok;
		}
	}
	const { spec, db } = s;
	const newUid = spec.uid === -1 ? st.uid : spec.uid;
	const newGid = spec.gid === -1 ? st.gid : spec.gid;
	const changes = newUid !== st.uid || newGid !== st.gid;
	// change_file_owner() calls fchownat() even with nothing to change
	// (-1, -1), which still clears setuid and setgid bits.
	const r = attempt(() =>
		follow || !isLnk(lst.mode)
			? vfs.chown(task, file, spec.uid, spec.gid)
			: vfs.lchown(task, file, spec.uid, spec.gid),
	);
	const groupOnly = spec.uid === -1 && spec.gid !== -1;
	const oldText = groupOnly
		? db.groupName(st.gid)
		: spec.gid === -1
			? db.userName(st.uid)
			: `${db.userName(st.uid)}:${db.groupName(st.gid)}`;
	const newText = groupOnly
		? spec.groupText!
		: spec.gid === -1
			? spec.userText!
			: `${spec.userText ?? db.userName(st.uid)}:${spec.groupText ?? db.groupName(newGid)}`;
	const what = groupOnly ? "group" : "ownership";
	const q = quoteAlways(file);
	if (r instanceof KernelError) {
		if (s.verbosity === "verbose") {
			const from = groupOnly ? `${db.userName(st.uid)}:${oldText}` : oldText;
			const to = groupOnly ? `:${newText}` : newText;
			yield* t.print(`failed to change ownership of ${q} from ${from} to ${to}\n`);
		}
		if (s.verbosity !== "quiet") yield* t.warn(`changing ${what} of ${q}: ${r.strerror}`);
		return false;
	}
	if (s.verbosity === "verbose" || (s.verbosity === "changes" && changes)) {
		if (spec.uid === -1 && spec.gid === -1) yield* t.print(`ownership of ${q} retained\n`);
		else if (changes) yield* t.print(`changed ${what} of ${q} from ${oldText} to ${newText}\n`);
		else {
			// GNU names the current owner here even for a group-only spec.
			const kept = groupOnly ? `${db.userName(st.uid)}:${newText}` : newText;
			yield* t.print(`ownership of ${q} retained as ${kept}\n`);
		}
	}
	return ok;
}
