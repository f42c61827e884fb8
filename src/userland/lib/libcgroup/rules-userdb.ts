/**
 * The user and group databases as libcgroup's rules code reaches them:
 * getpwnam(), getpwuid(), getgrnam() and getgrgid() of glibc's "files"
 * NSS backend, reading /etc/passwd and /etc/group through a CgOs at every
 * call (as the backend opens the files anew for each lookup). A missing or
 * unreadable file is an empty database; lines that are empty, comments
 * ("#") or do not have numeric ids are skipped.
 */

import type { CgOs } from "./os.ts";

/** struct passwd (the fields libcgroup uses). */
export interface Passwd {
	readonly name: string;
	readonly uid: number;
	readonly gid: number;
}

/** struct group. */
export interface Group {
	readonly name: string;
	readonly gid: number;
	/** gr_mem: the user names listed as members. */
	readonly members: readonly string[];
}

export const PASSWD_FILE = "/etc/passwd";
export const GROUP_FILE = "/etc/group";

/** The records of a colon-separated database file, `min` fields at least. */
function records(os: CgOs, path: string, min: number): string[][] {
	let text: string;
	try {
		text = os.readFile(path);
	} catch {
		return [];
	}
	const out: string[][] = [];
	for (const raw of text.split("\n")) {
		const line = raw.replace(/^[ \t]+/, "");
		if (line === "" || line.startsWith("#")) continue;
		const f = line.split(":");
		if (f.length < min) continue;
		out.push(f);
	}
	return out;
}

/** An id field as nss_files accepts it: decimal digits, within 32 bits. */
function parseId(s: string | undefined): number | null {
	if (s === undefined || !/^[0-9]+$/.test(s)) return null;
	const n = Number(s);
	return n > 0xffffffff ? null : n;
}

function users(os: CgOs): Passwd[] {
	const out: Passwd[] = [];
	for (const f of records(os, PASSWD_FILE, 7)) {
		const uid = parseId(f[2]);
		const gid = parseId(f[3]);
		if (uid === null || gid === null) continue;
		out.push({ name: f[0] as string, uid, gid });
	}
	return out;
}

function groups(os: CgOs): Group[] {
	const out: Group[] = [];
	for (const f of records(os, GROUP_FILE, 4)) {
		const gid = parseId(f[2]);
		if (gid === null) continue;
		out.push({
			name: f[0] as string,
			gid,
			members: (f[3] as string).split(",").filter((m) => m !== ""),
		});
	}
	return out;
}

/** getpwnam(3). */
export function getpwnam(os: CgOs, name: string): Passwd | null {
	return users(os).find((u) => u.name === name) ?? null;
}

/** getpwuid(3). */
export function getpwuid(os: CgOs, uid: number): Passwd | null {
	const want = uid >>> 0;
	return users(os).find((u) => u.uid === want) ?? null;
}

/** getgrnam(3). */
export function getgrnam(os: CgOs, name: string): Group | null {
	return groups(os).find((g) => g.name === name) ?? null;
}

/** getgrgid(3). */
export function getgrgid(os: CgOs, gid: number): Group | null {
	const want = gid >>> 0;
	return groups(os).find((g) => g.gid === want) ?? null;
}
