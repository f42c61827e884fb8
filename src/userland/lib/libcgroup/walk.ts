/**
 * libcgroup's iterators (api.c): the walk over a cgroup's directory tree
 * (cgroup_walk_tree_*, which the C code runs on glibc's fts with
 * FTS_LOGICAL | FTS_NOCHDIR), reading a control file line by line
 * (cgroup_read_value_*), the "name value" lines of <controller>.stat
 * (cgroup_read_stats_*), the pids of a tasks file (cgroup_get_task_*),
 * the mount table (cgroup_get_controller_*), /proc/cgroups
 * (cgroup_get_all_controller_*) and the mount points of one controller
 * (cgroup_get_subsys_mount_point_*).
 *
 * A handle is an object the begin function returns; the functions take
 * and fill an info object as the C functions fill their out parameters,
 * so a caller's loop reads like the C one. Files are read whole when the
 * C code fopen()s them and consumed from that text as stdio would.
 */

import type { KernelError } from "../../../kernel/errno.ts";
import { ECGEOF, ECGINVAL, ECGOTHER, ECGROUPNOTINITIALIZED } from "./errors.ts";
import {
	asKernelError,
	CGROUP_FILE_PREFIX,
	FILENAME_MAX,
	type Libcg,
	type MountEntry,
} from "./libcg.ts";
import type { CgOs } from "./os.ts";

/** enum cgroup_walk_type. */
export const CGROUP_WALK_TYPE_PRE_DIR = 0x1;
export const CGROUP_WALK_TYPE_POST_DIR = 0x2;

/** enum cgroup_file_type. */
export const CGROUP_FILE_TYPE_FILE = 0;
export const CGROUP_FILE_TYPE_DIR = 1;
export const CGROUP_FILE_TYPE_OTHER = 2;

/** CG_VALUE_MAX: the size of struct cgroup_stat's value. */
export const CG_VALUE_MAX = 100;

// ------------------------------------------------------------------ fts

/** fts_info values of glibc's <fts.h>. */
export const FTS_D = 1;
export const FTS_DC = 2;
export const FTS_DEFAULT = 3;
export const FTS_DNR = 4;
export const FTS_DOT = 5;
export const FTS_DP = 6;
export const FTS_ERR = 7;
export const FTS_F = 8;
export const FTS_NS = 10;
export const FTS_NSOK = 11;
export const FTS_SL = 12;
export const FTS_SLNONE = 13;

/** FTSENT: the fields libcgroup reads. */
export interface FtsEnt {
	/** fts_name: the entry's name; for the root, the path it was opened with. */
	readonly name: string;
	/** fts_path. */
	readonly path: string;
	/** fts_level: 0 for the root, -1 for its dummy parent. */
	readonly level: number;
	info: number;
	/** fts_errno (null: 0). */
	errno: KernelError | null;
	readonly parent: FtsEnt | null;
	/** The children, read when the walk first descends (null: not read yet). */
	children: FtsEnt[] | null;
	/** Position among the parent's children. */
	index: number;
}

/**
 * fts_stat() of an FTS_LOGICAL walk: stat() follows links; a dangling
 * link is FTS_SLNONE, another failure FTS_NS with its errno.
 */
function ftsStat(os: CgOs, ent: FtsEnt): void {
	let type: string;
	try {
		type = os.stat(ent.path).type;
	} catch (e) {
		const ke = asKernelError(e);
		if (ke.code === "ENOENT") {
			try {
				os.lstat(ent.path);
				ent.info = FTS_SLNONE;
				return;
			} catch {
				// not a dangling link: the stat error stands
			}
		}
		ent.errno = ke;
		ent.info = FTS_NS;
		return;
	}
	if (type === "dir") ent.info = ent.name === "." || ent.name === ".." ? FTS_DOT : FTS_D;
	else if (type === "link") ent.info = FTS_SL;
	else if (type === "file") ent.info = FTS_F;
	else ent.info = FTS_DEFAULT;
}

/**
 * glibc's fts over a CgOs for one root, opened with FTS_LOGICAL |
 * FTS_NOCHDIR: pre-order (FTS_D), children in the order the directory
 * lists them, each directory visited again after its children (FTS_DP).
 * A child's path is its parent's path, one trailing "/" dropped, "/" and
 * its name, so a root given with trailing slashes keeps them.
 */
export class Fts {
	private readonly os: CgOs;
	private readonly root: FtsEnt;
	private cur: FtsEnt | null = null;

	/** fts_open() of one path. */
	constructor(os: CgOs, path: string) {
		this.os = os;
		const dummy: FtsEnt = {
			name: "",
			path: "",
			level: -1,
			info: 0,
			errno: null,
			parent: null,
			children: null,
			index: 0,
		};
		this.root = {
			name: path,
			path,
			level: 0,
			info: 0,
			errno: null,
			parent: dummy,
			children: null,
			index: 0,
		};
		dummy.children = [this.root];
		ftsStat(os, this.root);
	}

	/** fts_build(BREAD): read a directory's children and stat each; null when there are none or it cannot be read. */
	private build(dir: FtsEnt): FtsEnt[] | null {
		let names: string[];
		try {
			names = this.os.readdir(dir.path).map((d) => d.name);
		} catch (e) {
			dir.info = FTS_DNR;
			dir.errno = asKernelError(e);
			return null;
		}
		if (names.length === 0) {
			dir.info = FTS_DP;
			return null;
		}
		const base = dir.path.endsWith("/") ? dir.path.slice(0, -1) : dir.path;
		const out: FtsEnt[] = names.map((name, index) => ({
			name,
			path: `${base}/${name}`,
			level: dir.level + 1,
			info: 0,
			errno: null,
			parent: dir,
			children: null,
			index,
		}));
		for (const c of out) ftsStat(this.os, c);
		dir.children = out;
		return out;
	}

	/** fts_read(): the next entry, or null at the end. */
	read(): FtsEnt | null {
		const p = this.cur;
		if (p === null) {
			this.cur = this.root;
			return this.root;
		}
		if (p.info === FTS_D) {
			const kids = this.build(p);
			if (kids === null) return p;
			this.cur = kids[0] as FtsEnt;
			return this.cur;
		}
		if (p.level < 0) return null;
		const parent = p.parent as FtsEnt;
		const next = parent.children?.[p.index + 1];
		if (next !== undefined) {
			this.cur = next;
			return next;
		}
		this.cur = parent;
		if (parent.level < 0) return null;
		parent.info = parent.errno !== null ? FTS_ERR : FTS_DP;
		return parent;
	}
}

// ------------------------------------------------------------------ the tree walk

/** struct cgroup_file_info. */
export interface CgroupFileInfo {
	type: number;
	/** The entry's name. */
	path: string;
	/** Its parent's name. */
	parent: string;
	fullPath: string;
	depth: number;
}

/** A cgroup_file_info to pass to the walk functions. */
export function newFileInfo(): CgroupFileInfo {
	return { type: CGROUP_FILE_TYPE_OTHER, path: "", parent: "", fullPath: "", depth: 0 };
}

/** struct cgroup_tree_handle. */
export interface WalkHandle {
	readonly fts: Fts;
	flags: number;
}

/** cg_walk_node(): fill `info` from an fts entry. */
function walkNode(
	lc: Libcg,
	ent: FtsEnt,
	depth: number,
	info: CgroupFileInfo,
	flags: number,
): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	lc.dbg(`seeing file ${ent.path}\n`);
	info.path = ent.name;
	info.parent = ent.parent?.name ?? "";
	info.fullPath = ent.path;
	info.depth = ent.level;
	info.type = CGROUP_FILE_TYPE_OTHER;
	if (depth !== 0 && info.depth > depth) return 0;
	switch (ent.info) {
		case FTS_DNR:
		case FTS_ERR:
			break;
		case FTS_D:
			if (flags & CGROUP_WALK_TYPE_PRE_DIR) info.type = CGROUP_FILE_TYPE_DIR;
			break;
		case FTS_DC:
		case FTS_NSOK:
		case FTS_NS:
		case FTS_DP:
			if (flags & CGROUP_WALK_TYPE_POST_DIR) info.type = CGROUP_FILE_TYPE_DIR;
			break;
		case FTS_F:
			info.type = CGROUP_FILE_TYPE_FILE;
			break;
	}
	return 0;
}

/**
 * cgroup_walk_tree_begin(): start walking the tree of cgroup `basePath`
 * in the hierarchy of `controller` (null: the cgroup2 mount); `info` gets
 * the root. baseLevel is the deepest level to report as a directory (0:
 * all), to be passed to cgroup_walk_tree_next().
 */
export function cgroupWalkTreeBegin(
	lc: Libcg,
	controller: string | null,
	basePath: string,
	depth: number,
	info: CgroupFileInfo,
): { ret: number; handle: WalkHandle | null; baseLevel: number } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, handle: null, baseLevel: 0 };
	lc.dbg(`path is ${basePath}\n`);
	const fullPath = lc.buildPath(basePath, controller);
	if (fullPath === null) return { ret: ECGOTHER, handle: null, baseLevel: 0 };
	const fts = new Fts(lc.os, fullPath);
	const handle: WalkHandle = { fts, flags: CGROUP_WALK_TYPE_PRE_DIR };
	let baseLevel = 0;
	const ent = fts.read() as FtsEnt;
	if (depth !== 0) baseLevel = ent.level + depth;
	const ret = walkNode(lc, ent, baseLevel, info, handle.flags);
	return ret !== 0 ? { ret, handle: null, baseLevel } : { ret: 0, handle, baseLevel };
}

/** cgroup_walk_tree_next(): the next entry into `info`; ECGEOF at the end. */
export function cgroupWalkTreeNext(
	lc: Libcg,
	depth: number,
	handle: WalkHandle | null,
	info: CgroupFileInfo,
	baseLevel: number,
): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	const ent = handle.fts.read();
	if (ent === null) return ECGEOF;
	let level = baseLevel;
	if (level === 0 && depth !== 0) level = ent.level + depth;
	return walkNode(lc, ent, level, info, handle.flags);
}

/** cgroup_walk_tree_end(). */
export function cgroupWalkTreeEnd(lc: Libcg, handle: WalkHandle | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	return 0;
}

/** cgroup_walk_tree_set_flags(): PRE_DIR or POST_DIR (both: ECGINVAL). */
export function cgroupWalkTreeSetFlags(
	lc: Libcg,
	handle: WalkHandle | null,
	flags: number,
): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	if (flags & CGROUP_WALK_TYPE_PRE_DIR && flags & CGROUP_WALK_TYPE_POST_DIR) return ECGINVAL;
	handle.flags = flags;
	return 0;
}

// ------------------------------------------------------------------ stdio over a file's text

/** A FILE opened for reading: the file's text and the read position. */
export class StdioFile {
	readonly text: string;
	pos = 0;

	constructor(text: string) {
		this.text = text;
	}

	/** fopen(path, "r"): the file, or the KernelError of the failure. */
	static open(os: CgOs, path: string): StdioFile | KernelError {
		try {
			return new StdioFile(os.readFile(path));
		} catch (e) {
			return asKernelError(e);
		}
	}

	/** fgets(buf, max): at most max - 1 characters, up to and including a newline; null at end of file. */
	fgets(max: number): string | null {
		if (this.pos >= this.text.length || max <= 1)
			return max <= 1 && this.pos < this.text.length ? "" : null;
		const nl = this.text.indexOf("\n", this.pos);
		const end = Math.min(nl < 0 ? this.text.length : nl + 1, this.pos + max - 1);
		const line = this.text.slice(this.pos, end);
		this.pos = end;
		return line;
	}

	/** getline(): the next line with its newline; null at end of file. */
	getline(): string | null {
		return this.fgets(Number.MAX_SAFE_INTEGER);
	}

	/** Skip white space as a scanf conversion does; false at end of file. */
	skipSpace(): boolean {
		while (this.pos < this.text.length && isSpace(this.text[this.pos] as string)) this.pos++;
		return this.pos < this.text.length;
	}

	/** scanf "%Ns": up to `width` non-space characters after white space; null at end of file. */
	scanWord(width: number): string | null {
		if (!this.skipSpace()) return null;
		const start = this.pos;
		while (
			this.pos < this.text.length &&
			this.pos - start < width &&
			!isSpace(this.text[this.pos] as string)
		) {
			this.pos++;
		}
		return this.text.slice(start, this.pos);
	}

	/**
	 * scanf "%d" / "%u": white space, an optional sign and decimal digits
	 * (strtol/strtoul saturating, the result cut to 32 bits); "eof" at end
	 * of file, null when no digit follows (the position stays there).
	 */
	scanInt(): number | null | "eof" {
		if (!this.skipSpace()) return "eof";
		const m = /^[+-]?[0-9]+/.exec(this.text.slice(this.pos, this.pos + 64));
		if (m === null) {
			const sign = this.text[this.pos];
			// A lone sign is consumed by scanf before the matching failure.
			if (sign === "+" || sign === "-") this.pos++;
			return null;
		}
		let end = this.pos + m[0].length;
		while (end < this.text.length && /[0-9]/.test(this.text[end] as string)) end++;
		const digits = this.text.slice(this.pos, end);
		this.pos = end;
		let v = BigInt(digits);
		const lim = (1n << 63n) - 1n;
		if (v > lim) v = lim;
		if (v < -lim - 1n) v = -lim - 1n;
		return Number(BigInt.asIntN(32, v));
	}
}

function isSpace(c: string): boolean {
	return c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
}

// ------------------------------------------------------------------ control file values

/** cgroup_read_value_begin(): open `name` of cgroup `path` and read its first line (at most max - 1 characters). */
export function cgroupReadValueBegin(
	lc: Libcg,
	controller: string | null,
	path: string,
	name: string,
	max: number,
): { ret: number; handle: StdioFile | null; line: string | null } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, handle: null, line: null };
	const dir = lc.buildPath(path, controller);
	if (dir === null) return { ret: ECGOTHER, handle: null, line: null };
	const fp = StdioFile.open(lc.os, `${dir}/${name}`);
	if (!(fp instanceof StdioFile)) {
		lc.warn("fopen failed\n");
		lc.lastErrno = fp;
		return { ret: ECGOTHER, handle: null, line: null };
	}
	const line = fp.fgets(max);
	return { ret: line === null ? ECGEOF : 0, handle: fp, line };
}

/** cgroup_read_value_next(). */
export function cgroupReadValueNext(
	lc: Libcg,
	handle: StdioFile | null,
	max: number,
): { ret: number; line: string | null } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, line: null };
	if (handle === null) return { ret: ECGINVAL, line: null };
	const line = handle.fgets(max);
	return { ret: line === null ? ECGEOF : 0, line };
}

/** cgroup_read_value_end(). */
export function cgroupReadValueEnd(lc: Libcg, handle: StdioFile | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	return 0;
}

// ------------------------------------------------------------------ <controller>.stat

/** struct cgroup_stat. */
export interface CgroupStat {
	name: string;
	value: string;
}

/**
 * cg_read_stat(): a line split at spaces only: the first token is the
 * name, the second (which keeps the line's newline) the value.
 */
function readStat(fp: StdioFile, stat: CgroupStat): number {
	const line = fp.getline();
	if (line === null) return ECGEOF;
	const tokens = line.split(" ").filter((t) => t !== "");
	const name = tokens[0];
	if (name === undefined) return ECGINVAL;
	stat.name = name.slice(0, FILENAME_MAX - 1);
	const value = tokens[1];
	if (value === undefined) return ECGINVAL;
	stat.value = value.slice(0, CG_VALUE_MAX - 1);
	return 0;
}

/** cgroup_read_stats_begin(): open <controller>.stat of cgroup `path` and read its first line into `stat`. */
export function cgroupReadStatsBegin(
	lc: Libcg,
	controller: string,
	path: string,
	stat: CgroupStat,
): { ret: number; handle: StdioFile | null } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, handle: null };
	const dir = lc.buildPath(path, controller);
	if (dir === null) return { ret: ECGOTHER, handle: null };
	const fp = StdioFile.open(lc.os, `${dir}/${controller}.stat`);
	if (!(fp instanceof StdioFile)) {
		lc.warn("fopen failed\n");
		return { ret: ECGINVAL, handle: null };
	}
	return { ret: readStat(fp, stat), handle: fp };
}

/** cgroup_read_stats_next(). */
export function cgroupReadStatsNext(lc: Libcg, handle: StdioFile | null, stat: CgroupStat): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	return readStat(handle, stat);
}

/** cgroup_read_stats_end(). */
export function cgroupReadStatsEnd(lc: Libcg, handle: StdioFile | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	return 0;
}

// ------------------------------------------------------------------ tasks

/** cgroup_get_task_next(): the next pid of the tasks file ("%u"). */
export function cgroupGetTaskNext(
	lc: Libcg,
	handle: StdioFile | null,
): { ret: number; pid: number } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, pid: 0 };
	if (handle === null) return { ret: ECGINVAL, pid: 0 };
	const v = handle.scanInt();
	if (v === "eof") return { ret: ECGEOF, pid: 0 };
	if (v === null) {
		// A matching failure leaves errno as it was: 0 here.
		lc.lastErrno = null;
		return { ret: ECGOTHER, pid: 0 };
	}
	return { ret: 0, pid: v };
}

/** cgroup_get_task_begin(): open the tasks file of `cgroup` in `controller`'s hierarchy and read the first pid. */
export function cgroupGetTaskBegin(
	lc: Libcg,
	cgroup: string,
	controller: string | null,
): { ret: number; handle: StdioFile | null; pid: number } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, handle: null, pid: 0 };
	const dir = lc.buildPath(cgroup, controller);
	if (dir === null) return { ret: ECGOTHER, handle: null, pid: 0 };
	const fp = StdioFile.open(lc.os, `${dir}/tasks`);
	if (!(fp instanceof StdioFile)) {
		lc.lastErrno = fp;
		return { ret: ECGOTHER, handle: null, pid: 0 };
	}
	const { ret, pid } = cgroupGetTaskNext(lc, fp);
	return { ret, handle: fp, pid };
}

/** cgroup_get_task_end(). */
export function cgroupGetTaskEnd(lc: Libcg, handle: StdioFile | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	return 0;
}

// ------------------------------------------------------------------ the mount table

/** struct cgroup_mount_point. */
export interface CgroupMountPoint {
	name: string;
	path: string;
}

/** The position in the mount table of cgroup_get_controller_begin(). */
export interface ControllerHandle {
	pos: number;
}

/**
 * cgroup_get_controller_next(): the next mount table entry (its first
 * mount point); the "cgroup" pseudo-controller of cgroup v2 is skipped.
 */
export function cgroupGetControllerNext(
	lc: Libcg,
	handle: ControllerHandle | null,
	info: CgroupMountPoint,
): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	const table = lc.mountTable;
	if (handle.pos >= table.length) return ECGEOF;
	if ((table[handle.pos] as MountEntry).name === CGROUP_FILE_PREFIX) handle.pos++;
	const m = table[handle.pos];
	if (m === undefined) return ECGEOF;
	info.name = m.name;
	info.path = m.paths[0] as string;
	handle.pos++;
	return 0;
}

/** cgroup_get_controller_begin(). */
export function cgroupGetControllerBegin(
	lc: Libcg,
	info: CgroupMountPoint,
): { ret: number; handle: ControllerHandle | null } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, handle: null };
	const handle: ControllerHandle = { pos: 0 };
	return { ret: cgroupGetControllerNext(lc, handle, info), handle };
}

/** cgroup_get_controller_end(). */
export function cgroupGetControllerEnd(lc: Libcg, handle: ControllerHandle | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (handle === null) return ECGINVAL;
	return 0;
}

// ------------------------------------------------------------------ /proc/cgroups

/** struct controller_data. */
export interface ControllerData {
	name: string;
	hierarchy: number;
	numCgroups: number;
	enabled: number;
}

export function newControllerData(): ControllerData {
	return { name: "", hierarchy: 0, numCgroups: 0, enabled: 0 };
}

/** cgroup_get_all_controller_next(): fscanf("%32s %d %d %d\n"); anything but four conversions ends the list. */
export function cgroupGetAllControllerNext(handle: StdioFile | null, info: ControllerData): number {
	if (handle === null) return ECGINVAL;
	const name = handle.scanWord(32);
	if (name === null) return ECGEOF;
	const nums: number[] = [];
	for (let i = 0; i < 3; i++) {
		const v = handle.scanInt();
		if (v === null || v === "eof") return ECGEOF;
		nums.push(v);
	}
	handle.skipSpace();
	info.name = name;
	info.hierarchy = nums[0] as number;
	info.numCgroups = nums[1] as number;
	info.enabled = nums[2] as number;
	return 0;
}

/** cgroup_get_all_controller_begin(): open /proc/cgroups, skip its header and read the first controller. */
export function cgroupGetAllControllerBegin(
	lc: Libcg,
	info: ControllerData,
): { ret: number; handle: StdioFile | null } {
	const fp = StdioFile.open(lc.os, "/proc/cgroups");
	if (!(fp instanceof StdioFile)) {
		lc.lastErrno = fp;
		return { ret: ECGOTHER, handle: null };
	}
	if (fp.fgets(FILENAME_MAX) === null) {
		lc.lastErrno = null;
		return { ret: ECGOTHER, handle: null };
	}
	const ret = cgroupGetAllControllerNext(fp, info);
	return ret !== 0 ? { ret, handle: null } : { ret: 0, handle: fp };
}

/** cgroup_get_all_controller_end(). */
export function cgroupGetAllControllerEnd(handle: StdioFile | null): number {
	return handle === null ? ECGINVAL : 0;
}

// ------------------------------------------------------------------ mount points of a controller

/** The mount point list of cgroup_get_subsys_mount_point_begin(). */
export interface MountPointHandle {
	readonly paths: readonly string[];
	next: number;
}

/** cgroup_get_subsys_mount_point_begin(): the first mount point of `controller`; ECGEOF when it is not mounted. */
export function cgroupGetSubsysMountPointBegin(
	lc: Libcg,
	controller: string,
): { ret: number; handle: MountPointHandle | null; path: string } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, handle: null, path: "" };
	const m = lc.mountTable.find((e) => e.name === controller);
	if (m === undefined) return { ret: ECGEOF, handle: null, path: "" };
	return { ret: 0, handle: { paths: m.paths, next: 1 }, path: m.paths[0] as string };
}

/** cgroup_get_subsys_mount_point_next(). */
export function cgroupGetSubsysMountPointNext(
	lc: Libcg,
	handle: MountPointHandle | null,
): { ret: number; path: string } {
	if (!lc.initialized) return { ret: ECGROUPNOTINITIALIZED, path: "" };
	if (handle === null) return { ret: ECGEOF, path: "" };
	const p = handle.paths[handle.next];
	if (p === undefined) return { ret: ECGEOF, path: "" };
	handle.next++;
	return { ret: 0, path: p };
}

/** cgroup_get_subsys_mount_point_end(). */
export function cgroupGetSubsysMountPointEnd(lc: Libcg): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	return 0;
}
