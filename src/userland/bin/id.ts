/**
 * id (GNU coreutils): the identity of this process or of named users.
 * id [-u|-g|-G [-n] [-r] [-z]] [USER...]
 */

import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { UserDb } from "../lib/passwd.ts";
import { quoteAlways } from "../lib/quote.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "context", arg: "none", key: "Z" },
	{ name: "group", arg: "none", key: "g" },
	{ name: "groups", arg: "none", key: "G" },
	{ name: "name", arg: "none", key: "n" },
	{ name: "real", arg: "none", key: "r" },
	{ name: "user", arg: "none", key: "u" },
	{ name: "zero", arg: "none", key: "z" },
	...HELP_VERSION,
];

interface Ids {
	ruid: number;
	euid: number;
	rgid: number;
	egid: number;
	/** getgroups() (or getgrouplist() for a named user). */
	groups: number[];
	named: boolean;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "agnruzGZ", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let only: "u" | "g" | "G" | null = null;
	let count = 0;
	let names = false;
	let real = false;
	let zero = false;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... [USER]...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "u" || o.key === "g" || o.key === "G") {
			if (only !== o.key) count++;
			only = o.key;
		} else if (o.key === "n") names = true;
		else if (o.key === "r") real = true;
		else if (o.key === "z") zero = true;
		else if (o.key === "Z") {
			yield* t.warn("--context (-Z) works only on an SELinux-enabled kernel");
			return 1;
		}
	}
	if (count > 1) {
		yield* t.warn('cannot print "only" of more than one choice');
		return 1;
	}
	if (only === null && (names || real)) {
		yield* t.warn("cannot print only names or real IDs in default format");
		return 1;
	}
	if (only === null && zero) {
		yield* t.warn("option --zero not permitted in default format");
		return 1;
	}
	const db = yield* UserDb.load(t.sys);
	const targets: (Ids | null)[] = [];
	let status = 0;
	if (parsed.operands.length === 0) {
		const c = t.sys.task.cred;
		targets.push({
			ruid: c.uid,
			euid: c.euid,
			rgid: c.gid,
			egid: c.egid,
			groups: [...c.groups],
			named: false,
		});
	}
	for (const spec of parsed.operands) {
		const u = db.userByName(spec) ?? (/^[0-9]+$/.test(spec) ? db.userById(Number(spec)) : null);
		if (u === null) {
			yield* t.warn(`${quoteAlways(spec)}: no such user`);
			status = 1;
			targets.push(null);
			continue;
		}
		targets.push({
			ruid: u.uid,
			euid: u.uid,
			rgid: u.gid,
			egid: u.gid,
			groups: db.groupList(u.name, u.gid),
			named: true,
		});
	}
	// -n with an id that has no name: the number, a warning, and status 1.
	const missing: string[] = [];
	const uname = (uid: number): string => {
		if (!names) return String(uid);
		const u = db.userById(uid);
		if (u === null) missing.push(`cannot find name for user ID ${uid}`);
		return u?.name ?? String(uid);
	};
	const gname = (gid: number): string => {
		if (!names) return String(gid);
		const g = db.groupById(gid);
		if (g === null) missing.push(`cannot find name for group ID ${gid}`);
		return g?.name ?? String(gid);
	};
	const end = zero ? "\0" : "\n";
	for (const ids of targets) {
		if (ids === null) continue;
		let text: string;
		if (only === "u") {
			text = `${uname(real ? ids.ruid : ids.euid)}${end}`;
		} else if (only === "g") {
			text = `${gname(real ? ids.rgid : ids.egid)}${end}`;
		} else if (only === "G") {
			const list = [ids.rgid];
			if (ids.egid !== ids.rgid) list.push(ids.egid);
			for (const g of ids.groups) if (g !== ids.rgid && g !== ids.egid) list.push(g);
			text = `${list.map(gname).join(zero ? "\0" : " ")}${end}`;
		}
		if (only !== null) {
			for (const m of missing.splice(0)) {
				yield* t.warn(m);
				status = 1;
			}
			yield* t.print(text!);
		} else {
			yield* t.print(`${defaultFormat(db, ids)}\n`);
		}
	}
	return yield* t.finish(status);
}

function defaultFormat(db: UserDb, ids: Ids): string {
	const user = (uid: number): string => {
		const u = db.userById(uid);
		return u === null ? String(uid) : `${uid}(${u.name})`;
	};
	const group = (gid: number): string => {
		const g = db.groupById(gid);
		return g === null ? String(gid) : `${gid}(${g.name})`;
	};
	let out = `uid=${user(ids.ruid)} gid=${group(ids.rgid)}`;
	if (ids.euid !== ids.ruid) out += ` euid=${user(ids.euid)}`;
	if (ids.egid !== ids.rgid) out += ` egid=${group(ids.egid)}`;
	const list = [ids.egid];
	for (const g of ids.groups) if (!list.includes(g)) list.push(g);
	return `${out} groups=${list.map(group).join(",")}`;
}
