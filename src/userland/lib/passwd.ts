/**
 * The user and group databases (/etc/passwd and /etc/group, as glibc's
 * "files" NSS backend reads them): lookups by name and by id, and the
 * groups a user belongs to. A missing or unreadable file is an empty
 * database, as getpwnam() then finds nothing.
 */

import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";
import { readFile } from "./stdio.ts";

export interface PasswdEntry {
	readonly name: string;
	readonly uid: number;
	readonly gid: number;
	readonly home: string;
	readonly shell: string;
}

export interface GroupEntry {
	readonly name: string;
	readonly gid: number;
	readonly members: readonly string[];
}

function* readLines(sys: Sys, path: string): Run<string[]> {
	try {
		return (yield* readFile(sys, path)).split("\n").filter((l) => l.length > 0);
	} catch (e) {
		if (e instanceof KernelError) return [];
		throw e;
	}
}

const ID = /^[0-9]+$/;

export class UserDb {
	readonly users: readonly PasswdEntry[];
	readonly groups: readonly GroupEntry[];

	constructor(users: readonly PasswdEntry[], groups: readonly GroupEntry[]) {
		this.users = users;
		this.groups = groups;
	}

	static *load(sys: Sys): Run<UserDb> {
		const users: PasswdEntry[] = [];
		for (const line of yield* readLines(sys, "/etc/passwd")) {
			const f = line.split(":");
			if (f.length < 7 || !ID.test(f[2]!) || !ID.test(f[3]!)) continue;
			users.push({
				name: f[0]!,
				uid: Number(f[2]),
				gid: Number(f[3]),
				home: f[5]!,
				shell: f[6]!,
			});
		}
		const groups: GroupEntry[] = [];
		for (const line of yield* readLines(sys, "/etc/group")) {
			const f = line.split(":");
			if (f.length < 4 || !ID.test(f[2]!)) continue;
			groups.push({
				name: f[0]!,
				gid: Number(f[2]),
				members: f[3]!.split(",").filter((m) => m.length > 0),
			});
		}
		return new UserDb(users, groups);
	}

	userById(uid: number): PasswdEntry | null {
		return this.users.find((u) => u.uid === uid) ?? null;
	}

	userByName(name: string): PasswdEntry | null {
		return this.users.find((u) => u.name === name) ?? null;
	}

	groupById(gid: number): GroupEntry | null {
		return this.groups.find((g) => g.gid === gid) ?? null;
	}

	groupByName(name: string): GroupEntry | null {
		return this.groups.find((g) => g.name === name) ?? null;
	}

	/** The user's name, or the number when there is none. */
	userName(uid: number): string {
		return this.userById(uid)?.name ?? String(uid);
	}

	groupName(gid: number): string {
		return this.groupById(gid)?.name ?? String(gid);
	}

	/** getgrouplist(): the primary group first, then every group listing the user. */
	groupList(user: string, primary: number): number[] {
		const out = [primary];
		for (const g of this.groups) {
			if (g.members.includes(user) && !out.includes(g.gid)) out.push(g.gid);
		}
		return out;
	}
}

/** A decimal id as chown and setpriv accept it (0 .. 2^32-2), or null. */
export function parseId(text: string): number | null {
	if (!ID.test(text)) return null;
	const n = Number(text);
	return n <= 0xfffffffe ? n : null;
}
