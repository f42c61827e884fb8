/**
 * The state libcgroup keeps in globals, one object per tool run: the
 * mount table cgroup_init() builds from /proc/cgroups and
 * /proc/self/mounts, the cgroup v2 mount path, last_errno (the errno behind
 * an ECGOTHER), the namespace table of cgconfig.conf, the systemd default
 * cgroup, and the logger (log.c). Everything reaches the system through
 * `os` (os.ts).
 *
 * The build emulated is Debian's libcgroup 3.1.0, configured with systemd
 * support (WITH_SYSTEMD): path building puts the systemd default cgroup,
 * empty unless /var/run/libcgroup/systemd names one, between the mount
 * point and the cgroup, which is why an unset default gives
 * "/sys/fs/cgroup/cpu//name/".
 */

import { KernelError } from "../../../kernel/errno.ts";
import {
	cgroupStrerror,
	ECGEOF,
	ECGINVAL,
	ECGMAXVALUESEXCEEDED,
	ECGOTHER,
	ECGROUPNOTEXIST,
	ECGROUPNOTINITIALIZED,
	ECGROUPNOTMOUNTED,
} from "./errors.ts";
import type { CgOs } from "./os.ts";

/** enum cg_version_t. */
export const CGROUP_UNK = 0;
export const CGROUP_V1 = 1;
export const CGROUP_V2 = 2;
export const CGROUP_DISK = 0xff;
export type CgVersion =
	| typeof CGROUP_UNK
	| typeof CGROUP_V1
	| typeof CGROUP_V2
	| typeof CGROUP_DISK;

/** enum cg_setup_mode_t. */
export const CGROUP_MODE_UNK = 0;
export const CGROUP_MODE_LEGACY = 1;
export const CGROUP_MODE_HYBRID = 2;
export const CGROUP_MODE_UNIFIED = 3;

/** Log levels (log.h); CONT lines always print once a logger is set. */
export const CGROUP_LOG_CONT = 0;
export const CGROUP_LOG_ERROR = 1;
export const CGROUP_LOG_WARNING = 2;
export const CGROUP_LOG_INFO = 3;
export const CGROUP_LOG_DEBUG = 4;
export const CGROUP_DEFAULT_LOGLEVEL = CGROUP_LOG_ERROR;

/** Limits of the C structures that show in behaviour. */
export const CG_CONTROLLER_MAX = 100;
export const CG_NV_MAX = 100;
export const CONTROL_NAMELEN_MAX = 32;
export const FILENAME_MAX = 4096;
export const CG_CONTROL_VALUE_MAX = 4096;
export const MAX_MNT_ELEMENTS = 16;
/** NO_PERMS / NO_UID_GID: (-1U). */
export const NO_PERMS = 0xffffffff;
export const NO_UID_GID = 0xffffffff;

export const CGROUP_FILE_PREFIX = "cgroup";
export const CGV2_CONTROLLERS_FILE = "cgroup.controllers";
export const CGV2_SUBTREE_CTRL_FILE = "cgroup.subtree_control";
/** The file a WITH_SYSTEMD build reads the default cgroup from. */
export const SYSTEMD_DEFAULT_CGROUP_FILE = "/var/run/libcgroup/systemd";

const CGROUP_SUPER_MAGIC = 0x27e0eb;
const CGROUP2_SUPER_MAGIC = 0x63677270;

/** struct cg_mount_table_s: a controller (or "name=X") and its mount points, the first one used. */
export interface MountEntry {
	readonly name: string;
	/** Every mount point of the hierarchy, in /proc/self/mounts order; paths[0] is `mount.path`. */
	readonly paths: string[];
	sharedMnt: boolean;
	readonly version: CgVersion;
}

/** A line of /proc/self/mounts as getmntent(3) splits and unescapes it. */
export interface MntEnt {
	readonly fsname: string;
	readonly dir: string;
	readonly type: string;
	readonly opts: string;
}

/** getmntent(3): fields separated by blanks, "\\040"-style octal escapes undone. */
export function parseMounts(text: string): MntEnt[] {
	const out: MntEnt[] = [];
	for (const raw of text.split("\n")) {
		const line = raw.replace(/^[ \t]+/, "");
		if (line === "" || line.startsWith("#")) continue;
		const f = line.split(/[ \t]+/);
		const un = (s: string | undefined) =>
			(s ?? "").replace(/\\([0-7]{3})/g, (_m, o: string) =>
				String.fromCharCode(Number.parseInt(o, 8)),
			);
		out.push({ fsname: un(f[0]), dir: un(f[1]), type: un(f[2]), opts: un(f[3]) });
	}
	return out;
}

/**
 * hasmntopt(3) followed by libcgroup's own check: the option `opt` is one
 * of the comma-separated options exactly, or (for "name") starts one as
 * "name=...". Returns the option text from there to the next comma, or null.
 */
export function hasMntOpt(opts: string, opt: string): string | null {
	for (const o of opts.split(",")) {
		if (o === opt || o.startsWith(`${opt}=`)) return o;
	}
	return null;
}

export class Libcg {
	readonly os: CgOs;
	/** last_errno: the errno behind the latest ECGOTHER (null: 0). */
	lastErrno: KernelError | null = null;
	logLevel = CGROUP_DEFAULT_LOGLEVEL;
	/** Whether a logger is set (cgroup_set_default_logger() was called); without one nothing is logged. */
	logging = false;
	initialized = false;
	mountTable: MountEntry[] = [];
	/** cg_cgroup_v2_mount_path ("" when there is no cgroup2 mount with controllers or without). */
	v2MountPath = "";
	/** cg_cgroup_v2_empty_mount_paths: cgroup2 mounts whose cgroup.controllers is empty. */
	v2EmptyMountPaths: string[] = [];
	/** cg_namespace_table[], by mount table index (cgconfig.conf namespace section). */
	namespaceTable: (string | null)[] = [];
	/** systemd_default_cgroup ("" when unset). */
	systemdDefaultCgroup = "";

	constructor(os: CgOs) {
		this.os = os;
	}

	// ------------------------------------------------------------ logging (log.c)

	/** cgroup_set_default_logger(-1): the level from $CGROUP_LOGLEVEL, else ERROR. */
	setDefaultLogger(level = -1): void {
		if (this.logging) return;
		this.logging = true;
		this.setLogLevel(level);
	}

	/** cgroup_set_loglevel(). */
	setLogLevel(level: number): void {
		if (level !== -1) {
			this.logLevel = level;
			return;
		}
		const s = this.os.env("CGROUP_LOGLEVEL");
		this.logLevel = s === undefined ? CGROUP_DEFAULT_LOGLEVEL : parseLogLevel(s);
	}

	/** cgroup_log(): the default logger prints to stdout. */
	log(level: number, text: string): void {
		if (!this.logging || level > this.logLevel) return;
		this.os.stdout(text);
	}
	/** cgroup_err(): "Error: " + text. */
	err(text: string): void {
		this.log(CGROUP_LOG_ERROR, `Error: ${text}`);
	}
	warn(text: string): void {
		this.log(CGROUP_LOG_WARNING, `Warning: ${text}`);
	}
	info(text: string): void {
		this.log(CGROUP_LOG_INFO, `Info: ${text}`);
	}
	dbg(text: string): void {
		this.log(CGROUP_LOG_DEBUG, text);
	}
	cont(text: string): void {
		this.log(CGROUP_LOG_CONT, text);
	}

	// ------------------------------------------------------------ errors

	/** Remember the errno of a failed call for ECGOTHER and return ECGOTHER. */
	other(e: unknown): number {
		this.lastErrno = asKernelError(e);
		return ECGOTHER;
	}

	/** cgroup_strerror(). */
	strerror(code: number): string {
		return cgroupStrerror(code, this.lastErrno === null ? "Success" : this.lastErrno.strerror);
	}

	// ------------------------------------------------------------ cgroup_init()

	/** cgroup_init(): the mount table from /proc/cgroups and /proc/self/mounts. */
	init(): number {
		this.setDefaultLogger(-1);
		this.mountTable = [];
		this.v2MountPath = "";
		this.v2EmptyMountPaths = [];
		this.namespaceTable = [];
		const controllers: string[] = [];
		let ret = this.populateControllers(controllers);
		if (ret !== 0) return ret;
		ret = this.populateMountPoints(controllers);
		if (ret !== 0) return ret;
		this.initialized = true;
		return 0;
	}

	/** cgroup_populate_controllers(): the subsystem names of /proc/cgroups. */
	private populateControllers(controllers: string[]): number {
		let text: string;
		try {
			text = this.os.readFile("/proc/cgroups");
		} catch (e) {
			const ke = asKernelError(e);
			this.warn(`cannot open /proc/cgroups: ${ke.strerror}\n`);
			return this.checkMountPointOpt("/proc/self/mounts", "subset=pid");
		}
		const nl = text.indexOf("\n");
		if (text === "") {
			this.err("cannot read /proc/cgroups: Success\n");
			this.lastErrno = null;
			return ECGOTHER;
		}
		// fscanf("%32s %d %d %d") after the first line: whitespace-separated words, four a line.
		const words = (nl < 0 ? "" : text.slice(nl + 1)).split(/\s+/).filter((w) => w !== "");
		for (let i = 0; i + 3 < words.length; i += 4)
			controllers.push((words[i] as string).slice(0, 32));
		return 0;
	}

	/** check_mount_point_opt(), for /proc mounted with subset=pid (no /proc/cgroups). */
	private checkMountPointOpt(mnt: string, opt: string): number {
		let ents: MntEnt[];
		try {
			ents = parseMounts(this.os.readFile(mnt));
		} catch (e) {
			const ke = asKernelError(e);
			this.err(`cannot open ${mnt}: ${ke.strerror}\n`);
			return this.other(ke);
		}
		const first = ents[0];
		if (first === undefined) return ECGOTHER;
		// Only the first entry is looked at, as the C code reads one mntent.
		if (hasMntOpt(first.opts, opt) !== null) return 0;
		this.dbg(`${opt}, not found in the list of `);
		this.cont(`mount options of ${mnt}\n`);
		return ECGINVAL;
	}

	/** cgroup_populate_mount_points(). */
	private populateMountPoints(controllers: readonly string[]): number {
		let ents: MntEnt[];
		try {
			ents = parseMounts(this.os.readFile("/proc/self/mounts"));
		} catch (e) {
			const ke = asKernelError(e);
			this.err(`cannot open /proc/self/mounts: ${ke.strerror}\n`);
			return this.other(ke);
		}
		for (const ent of ents) {
			if (ent.type === "cgroup") {
				if (controllers.length === 0) {
					this.err("cgroup v1 requires /proc/cgroups, check if /proc ");
					this.cont("is mounted with subset=pid option.\n");
					return ECGINVAL;
				}
				this.processV1Mnt(controllers, ent);
				if (this.mountTable.length >= CG_CONTROLLER_MAX) break;
				continue;
			}
			if (ent.type === "cgroup2") {
				const r = this.processV2Mnt(ent);
				if (r === ECGEOF) continue;
				if (r !== 0) return r;
				if (this.mountTable.length >= CG_CONTROLLER_MAX) break;
			}
		}
		if (this.mountTable.length === 0) return ECGROUPNOTMOUNTED;
		if (this.mountTable.length >= CG_CONTROLLER_MAX) {
			this.err("Mount points exceeds CG_CONTROLLER_MAX");
			this.mountTable.length = CG_CONTROLLER_MAX - 1;
			return ECGMAXVALUESEXCEEDED;
		}
		return 0;
	}

	/** cgroup_set_cg_mnt_tbl_shared_mnt(): mark the entry already mounted at `dir` shared. */
	private sharedMnt(dir: string): boolean {
		for (const m of this.mountTable) {
			if (m.paths[0] === dir) {
				m.sharedMnt = true;
				return true;
			}
		}
		return false;
	}

	/** Add `name` at `dir`, or another mount point of an entry already there (cg_add_duplicate_mount()). */
	private addMount(name: string, dir: string, version: CgVersion): void {
		const shared = this.sharedMnt(dir);
		const dup = this.mountTable.find((m) => m.name === name);
		if (dup !== undefined) {
			this.dbg(`controller ${name} is already mounted on ${dup.paths[0]}\n`);
			dup.paths.push(dir);
			return;
		}
		this.mountTable.push({ name, paths: [dir], sharedMnt: shared, version });
	}

	/** cgroup_process_v1_mnt(). */
	private processV1Mnt(controllers: readonly string[], ent: MntEnt): void {
		for (const c of controllers) {
			if (hasMntOpt(ent.opts, c) !== c) continue;
			this.dbg(`found ${c} in ${ent.opts}\n`);
			this.addMount(c, ent.dir, CGROUP_V1);
			if (this.mountTable.length >= CG_CONTROLLER_MAX) return;
		}
		const named = hasMntOpt(ent.opts, "name");
		if (named?.startsWith("name=")) this.addMount(named, ent.dir, CGROUP_V1);
	}

	/** cgroup_process_v2_mnt(): the controllers of cgroup.controllers, and the "cgroup" pseudo-controller. */
	private processV2Mnt(ent: MntEnt): number {
		this.v2MountPath = ent.dir;
		let text: string;
		try {
			text = this.os.readFile(`${ent.dir}/${CGV2_CONTROLLERS_FILE}`);
		} catch {
			return ECGOTHER;
		}
		if (text === "") {
			this.v2EmptyMountPaths.push(this.v2MountPath);
			return ECGEOF;
		}
		// fgets() of at most 99 characters, the last one (the newline) dropped.
		const line = text.slice(0, 99);
		const nl = line.indexOf("\n");
		const first = nl < 0 ? line.slice(0, -1) : line.slice(0, nl);
		for (const c of `${first} ${CGROUP_FILE_PREFIX}`.split(" ")) {
			if (c === "") continue;
			this.addMount(c, ent.dir, CGROUP_V2);
			if (this.mountTable.length >= CG_CONTROLLER_MAX) return 0;
		}
		return 0;
	}

	// ------------------------------------------------------------ queries

	/** cgroup_test_subsys_mounted(). */
	testSubsysMounted(name: string): boolean {
		for (const m of this.mountTable) {
			if (m.name === name) return true;
			if (name.startsWith(CGROUP_FILE_PREFIX) && m.version === CGROUP_V2) return true;
		}
		return false;
	}

	/** cgroup_get_controller_version(): [code, version]; a null controller is v2 when cgroup2 is mounted. */
	controllerVersion(controller: string | null): [number, CgVersion] {
		if (controller === null)
			return this.v2MountPath !== "" ? [0, CGROUP_V2] : [ECGINVAL, CGROUP_UNK];
		const m = this.mountTable.find((e) => e.name === controller);
		return m === undefined ? [ECGROUPNOTEXIST, CGROUP_UNK] : [0, m.version];
	}

	/** The mount table entry of a controller (by exact name), or undefined. */
	mountOf(controller: string): MountEntry | undefined {
		return this.mountTable.find((e) => e.name === controller);
	}

	/** cgroup_setup_mode(). */
	setupMode(): number {
		if (!this.initialized) return ECGROUPNOTINITIALIZED;
		let bits = 0;
		for (const m of this.mountTable) {
			let magic: number;
			try {
				magic = this.os.statfsType(m.paths[0] as string);
			} catch {
				this.err(`Failed to get stats of '${m.paths[0]}'\n`);
				return CGROUP_MODE_UNK;
			}
			if (magic === CGROUP2_SUPER_MAGIC) bits |= 1;
			else if (magic === CGROUP_SUPER_MAGIC) bits |= 2;
		}
		if (this.v2EmptyMountPaths.length > 0) bits |= 1;
		if (bits === 3) return CGROUP_MODE_HYBRID;
		if (bits === 1) return CGROUP_MODE_UNIFIED;
		if (bits === 2) return CGROUP_MODE_LEGACY;
		return CGROUP_MODE_UNK;
	}

	/**
	 * cg_build_path(): the directory of cgroup `name` in the hierarchy of
	 * controller `type` (or of the cgroup2 mount when type is null), ending
	 * in "/"; null when the controller is not mounted. "cgroup" names the
	 * first controller mounted as cgroup v2.
	 */
	buildPath(name: string | null, type: string | null): string | null {
		const sd = this.systemdDefaultCgroup;
		const tmp =
			sd !== "" && name !== null && name.startsWith("/") && name.length > 1 ? "" : `${sd}/`;
		if (type === null && this.v2MountPath !== "") {
			const base = `${this.v2MountPath}/${tmp}`;
			return name === null ? base : concatPath(base, name);
		}
		for (let i = 0; i < this.mountTable.length; i++) {
			const m = this.mountTable[i] as MountEntry;
			if (type === null) continue;
			if (m.name === type || (type === CGROUP_FILE_PREFIX && m.version === CGROUP_V2)) {
				const ns = this.namespaceTable[i] ?? null;
				const base = ns !== null ? `${m.paths[0]}/${tmp}${ns}/` : `${m.paths[0]}/${tmp}`;
				return name === null ? base : concatPath(base, name);
			}
		}
		return null;
	}

	/**
	 * cgroup_build_tasks_procs_path(): `tasks` of the cgroup on v1; on v2
	 * cgroup.procs or cgroup.threads, as its cgroup.type says. [code, path]
	 * with path "" on failure.
	 */
	buildTasksProcsPath(cgName: string | null, ctrl: string | null): [number, string] {
		const dir = this.buildPath(cgName, ctrl);
		if (dir === null) return [ECGOTHER, ""];
		const [err, version] = this.controllerVersion(ctrl);
		if (err !== 0) return [err, ""];
		let path = "";
		if (version === CGROUP_V1) path = `${dir}tasks`;
		else if (version === CGROUP_V2) {
			const [e, file] = this.cgType(dir);
			if (e !== 0) return [e, ""];
			path = `${dir}${file}`;
		} else return [ECGOTHER, ""];
		this.dbg(`cgroup build procs path: ${path}\n`);
		return [0, path];
	}

	/** cgroup_get_cg_type(): the file that moves tasks into the v2 cgroup at `dir`. */
	private cgType(dir: string): [number, string] {
		let text: string;
		try {
			text = this.os.readFile(`${dir}cgroup.type`);
		} catch (e) {
			const ke = asKernelError(e);
			if (ke.code === "ENOENT") return [0, "cgroup.procs"];
			this.warn(`failed to open file ${dir}cgroup.type: ${ke.strerror}\n`);
			return [ECGOTHER, ""];
		}
		const nl = text.indexOf("\n");
		const line = nl < 0 ? text : text.slice(0, nl + 1);
		// The C code compares the first strlen(line)-1 characters only.
		const len = line.length - 1;
		const starts = (s: string) => s.slice(0, len) === line.slice(0, len) && len <= s.length;
		if (starts("domain") || starts("domain threaded") || starts("domain invalid")) {
			return [0, "cgroup.procs"];
		}
		if (starts("threaded")) return [0, "cgroup.threads"];
		this.warn(`invalid ${dir}cgroup.type: ${line}\n`);
		return [ECGOTHER, ""];
	}

	/**
	 * cgroup_set_default_systemd_cgroup(): the default cgroup a WITH_SYSTEMD
	 * build reads from /var/run/libcgroup/systemd, kept when it is at least
	 * 15 characters and exists under the cgroup2 mount.
	 */
	setDefaultSystemdCgroup(): boolean {
		let text: string;
		try {
			text = this.os.readFile(SYSTEMD_DEFAULT_CGROUP_FILE).slice(0, FILENAME_MAX);
		} catch {
			this.dbg(`Unable to read ${SYSTEMD_DEFAULT_CGROUP_FILE} `);
			this.dbg(", continuing without systemd default cgroup.\n");
			this.systemdDefaultCgroup = "";
			return false;
		}
		if (text.length >= 15 && this.v2MountPath !== "") {
			try {
				if (this.os.stat(`${this.v2MountPath}/${text}`).type === "dir") {
					this.systemdDefaultCgroup = text;
					return true;
				}
			} catch {
				// not there: continue without it
			}
		}
		this.dbg(", continuing without systemd default cgroup.\n");
		this.systemdDefaultCgroup = "";
		return false;
	}
}

/** cg_concat_path(): `pref` + `suf` (one leading "/" of suf dropped), ending in "/". */
export function concatPath(pref: string, suf: string): string {
	const s = suf.startsWith("/") ? suf.slice(1) : suf;
	if (suf.endsWith("/") || (suf === "" && pref.endsWith("/"))) return `${pref}${s}`;
	return `${pref}${s}/`;
}

/** cgroup_parse_log_level_str(). */
export function parseLogLevel(s: string): number {
	if (/^\s*[+-]?[0-9]+$/.test(s)) return Number.parseInt(s, 10);
	switch (s.toUpperCase()) {
		case "ERROR":
			return CGROUP_LOG_ERROR;
		case "WARNING":
			return CGROUP_LOG_WARNING;
		case "INFO":
			return CGROUP_LOG_INFO;
		case "DEBUG":
			return CGROUP_LOG_DEBUG;
	}
	return CGROUP_DEFAULT_LOGLEVEL;
}

/** The KernelError a CgOs call threw (anything else is a bug and is rethrown). */
export function asKernelError(e: unknown): KernelError {
	if (e instanceof KernelError) return e;
	throw e;
}
