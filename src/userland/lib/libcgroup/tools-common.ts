/**
 * What libcgroup's tools share (tools/tools-common.c): the group
 * specifier "controllers:path" of -g options, owner and mode arguments,
 * the string list of cgconfigparser, plus two pieces of the C library
 * the tools' behaviour depends on: glibc's getopt_long() (lib/getopt.ts,
 * bound here to the tool's stderr and environment) and exit() from
 * inside a helper.
 */

import { GetoptLong as LibcGetoptLong, type LongOption } from "../getopt.ts";
import { asKernelError, CG_CONTROLLER_MAX, FILENAME_MAX, type Libcg, NO_UID_GID } from "./libcg.ts";
import type { CgOs } from "./os.ts";
import { getgrnam, getpwnam } from "./rules-userdb.ts";

// ------------------------------------------------------------------ exit()

/** exit(status) from inside a tool's helper; the tool's main catches it (runTool). */
export class ToolExit extends Error {
	readonly status: number;

	constructor(status: number) {
		super(`exit(${status})`);
		this.status = status;
	}
}

/** Run a tool body that may call exit() through ToolExit; returns the exit status. */
export function runTool(body: () => number): number {
	try {
		return body();
	} catch (e) {
		if (e instanceof ToolExit) return e.status;
		throw e;
	}
}

// ------------------------------------------------------------------ getopt_long()

export type { LongOption } from "../getopt.ts";

/**
 * glibc's getopt_long() (lib/getopt.ts) as a libcgroup tool calls it:
 * errors on the tool's stderr, ordering after its POSIXLY_CORRECT.
 */
export class GetoptLong extends LibcGetoptLong {
	constructor(
		os: CgOs,
		argv: readonly string[],
		shortopts: string,
		longopts: readonly LongOption[],
	) {
		super(argv, shortopts, longopts, {
			error: (text) => os.stderr(text),
			posixlyCorrect: os.env("POSIXLY_CORRECT") !== undefined,
		});
	}
}

/** printf("%s") of a possibly null C string. */
export function cstr(s: string | null): string {
	return s ?? "(null)";
}

// ------------------------------------------------------------------ group specifiers

/** struct cgroup_group_spec: "controller1,controller2:path" of a -g option. */
export interface CgroupGroupSpec {
	/** The cgroup's path (at most FILENAME_MAX - 1 characters). */
	path: string;
	/** The controllers, in order (at most CG_CONTROLLER_MAX - 1). */
	controllers: string[];
}

/** strtok(): the tokens of `s` separated by runs of characters from `delims`. */
function strtokAll(s: string, delims: string): string[] {
	const out: string[] = [];
	let tok = "";
	for (const ch of s) {
		if (delims.includes(ch)) {
			if (tok !== "") out.push(tok);
			tok = "";
		} else tok += ch;
	}
	if (tok !== "") out.push(tok);
	return out;
}

/**
 * parse_cgroup_spec(): add the specifier `optarg` to the first free slot
 * of `list` (at most `capacity` entries). "ctrls:path" or ":path" (no
 * controller); strtok() semantics, so empty fields vanish and anything
 * after a second ":" is ignored. Returns -1 when there is no path or no
 * room (printed). `mangled` is what the C string optarg reads as afterwards
 * (strtok() wrote a NUL over the ":" after the controller list).
 */
export function parseCgroupSpec(
	lc: Libcg,
	list: CgroupGroupSpec[],
	optarg: string,
	capacity: number,
): { ret: number; mangled: string } {
	if (list.length >= capacity) {
		lc.os.stderr(`Max allowed hierarchies ${capacity} reached\n`);
		return { ret: -1, mangled: optarg };
	}
	let cptr: string | null = null;
	let pathptr: string | null;
	let mangled = optarg;
	if (optarg.startsWith(":")) {
		pathptr = strtokAll(optarg, ":")[0] ?? null;
		if (pathptr !== null) {
			const start = optarg.indexOf(pathptr);
			if (optarg[start + pathptr.length] === ":") mangled = optarg.slice(0, start + pathptr.length);
		}
	} else {
		const toks = strtokAll(optarg, ":");
		cptr = toks[0] ?? null;
		lc.dbg(`list of controllers is ${cstr(cptr)}\n`);
		if (cptr === null) return { ret: -1, mangled };
		mangled = cptr;
		pathptr = toks[1] ?? null;
	}
	lc.dbg(`cgroup path is ${cstr(pathptr)}\n`);
	if (pathptr === null) return { ret: -1, mangled };
	const controllers = cptr === null ? [] : strtokAll(cptr, ",").slice(0, CG_CONTROLLER_MAX - 1);
	list.push({ path: pathptr.slice(0, FILENAME_MAX - 1), controllers });
	return { ret: 0, mangled };
}

/** cgroup_free_group_spec(): nothing to free here. */
export function cgroupFreeGroupSpec(_spec: CgroupGroupSpec | null): void {}

// ------------------------------------------------------------------ string lists

/** struct cgroup_string_list. */
export interface CgroupStringList {
	items: string[];
}

/** cgroup_string_list_init(). */
export function cgroupStringListInit(): CgroupStringList {
	return { items: [] };
}

/** cgroup_string_list_add_item(). */
export function cgroupStringListAddItem(list: CgroupStringList, item: string): number {
	list.items.push(item);
	return 0;
}

/**
 * cgroup_string_list_add_directory(): append the "*.conf" files (regular
 * files and links, a name longer than ".conf" whose first ".conf" ends
 * it) of `dirname`, sorted by strcmp(). A directory that cannot be read
 * ends the program with status 1 (ToolExit).
 */
export function cgroupStringListAddDirectory(
	os: CgOs,
	list: CgroupStringList,
	dirname: string,
	programName: string,
): number {
	let entries: ReturnType<CgOs["readdir"]>;
	try {
		entries = os.readdir(dirname);
	} catch (e) {
		os.stderr(`${programName}: cannot open ${dirname}: ${asKernelError(e).strerror}\n`);
		throw new ToolExit(1);
	}
	const found: string[] = [];
	for (const ent of entries) {
		if (ent.type !== "file" && ent.type !== "link") continue;
		const at = ent.name.indexOf(".conf");
		if (at < 0) continue;
		if (ent.name.slice(at) !== ".conf" || ent.name.length === 5) continue;
		found.push(`${dirname}/${ent.name}`);
	}
	found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	list.items.push(...found);
	return 0;
}

// ------------------------------------------------------------------ modes and owners

/**
 * parse_mode(): an octal mode of 3 or 4 characters as strtol(s, &end, 8)
 * takes it (leading blanks and a sign allowed, nothing after the
 * digits). On error "<prog> wrong mode format <s>" goes to stdout.
 */
export function parseMode(os: CgOs, s: string, programName: string): { ret: number; mode: number } {
	const m = /^[ \t\n\v\f\r]*([+-]?)([0-7]+)$/.exec(s);
	if (s.length < 3 || s.length > 4 || m === null) {
		os.stdout(`${programName} wrong mode format ${s}\n`);
		return { ret: -1, mode: 0 };
	}
	const v = Number.parseInt(m[2] as string, 8);
	return { ret: 0, mode: (m[1] === "-" ? -v : v) >>> 0 };
}

/**
 * parse_uid_gid(): "user:group", "user" or ":group" looked up by name in
 * the user and group databases; a part left out is NO_UID_GID. An unknown
 * name is printed on stderr and gives -1 (the ids found so far stay).
 */
export function parseUidGid(
	os: CgOs,
	s: string,
	programName: string,
): { ret: number; uid: number; gid: number } {
	let uid = NO_UID_GID;
	let gid = NO_UID_GID;
	let pwd: string | null = null;
	let grp: string | null = null;
	const toks = strtokAll(s, ":");
	if (s.startsWith(":")) grp = toks[0] ?? null;
	else {
		pwd = toks[0] ?? null;
		if (pwd !== null) grp = toks[1] ?? null;
	}
	if (pwd !== null) {
		const pw = getpwnam(os, pwd);
		if (pw === null) {
			os.stderr(`${programName}: can't find uid of user ${pwd}.\n`);
			return { ret: -1, uid, gid };
		}
		uid = pw.uid;
	}
	if (grp !== null) {
		const gr = getgrnam(os, grp);
		if (gr === null) {
			os.stderr(`${programName}: can't find gid of group ${grp}.\n`);
			return { ret: -1, uid, gid };
		}
		gid = gr.gid;
	}
	return { ret: 0, uid, gid };
}
