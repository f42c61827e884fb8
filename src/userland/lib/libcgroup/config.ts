/**
 * cgconfig.conf (config.c): the tables the parser fills (groups,
 * templates, mount and namespace sections, systemd scopes, the default
 * permissions), loading a file (mount what the mount section names, set
 * the namespaces up, create the groups, converting their settings to the
 * other cgroup version when they cannot be created as written), unloading
 * it, and the template cache the classification code creates groups from.
 *
 * config.c keeps all of this in globals that live as long as the process;
 * here they are one ConfigState per Libcg (configOf()). The build
 * emulated is WITH_SYSTEMD (as libcg.ts says): every load removes
 * /var/run/libcgroup/systemd first, and a systemd section asks systemd
 * over D-Bus for its scopes, which there is no D-Bus here to do: the
 * request fails as cgroup_create_scope() does when it cannot open the
 * system bus (see createScope()).
 */

import { KernelError as KError } from "../../../kernel/errno.ts";
import {
	CGFLAG_DELETE_IGNORE_MIGRATION,
	CGFLAG_DELETE_RECURSIVE,
	cgMkdirP,
	cgroupCreateCgroup,
	cgroupDeleteCgroup,
	cgroupDeleteCgroupExt,
	cgroupSetPermissions,
} from "./api.ts";
import {
	Cgroup,
	type CgroupDictionary,
	cgroupAddController,
	cgroupAddValueString,
	cgroupCopyCgroup,
	cgroupNewCgroup,
	cgroupSetUidGid,
} from "./cgroup.ts";
import { cgroupConvertCgroup } from "./config-convert.ts";
import { type ConfigActions, ScannerState, type TableKind, yyparse } from "./config-parse.ts";
import {
	ECGCONFIGPARSEFAIL,
	ECGCONTROLLEREXISTS,
	ECGEOF,
	ECGFAIL,
	ECGINVAL,
	ECGMOUNTFAIL,
	ECGMOUNTNAMESPACE,
	ECGNAMESPACECONTROLLER,
	ECGNAMESPACEPATHS,
	ECGOTHER,
	ECGROUPNOTMOUNTED,
	ECGROUPPARSEFAIL,
} from "./errors.ts";
import {
	asKernelError,
	CG_CONTROLLER_MAX,
	CGROUP_V1,
	CGROUP_V2,
	CONTROL_NAMELEN_MAX,
	FILENAME_MAX,
	type Libcg,
	NO_PERMS,
	NO_UID_GID,
	SYSTEMD_DEFAULT_CGROUP_FILE,
} from "./libcg.ts";
import type { CgOs } from "./os.ts";
import type { TemplateSource } from "./rules.ts";
import { getgrnam, getpwnam } from "./rules-userdb.ts";
import {
	CGROUP_FILE_TYPE_DIR,
	type CgroupMountPoint,
	cgroupGetControllerBegin,
	cgroupGetControllerEnd,
	cgroupGetControllerNext,
	cgroupGetSubsysMountPointBegin,
	cgroupGetSubsysMountPointEnd,
	cgroupGetSubsysMountPointNext,
	cgroupWalkTreeBegin,
	cgroupWalkTreeEnd,
	cgroupWalkTreeNext,
	newFileInfo,
} from "./walk.ts";

/** CGCONFIG_CONF_FILE of libcgroup-internal.h: the templates' file when no source files are set. */
export const CGCONFIG_CONF_FILE = "/etc/cgconfig.conf";
/** CGFLAG_USE_TEMPLATE_CACHE (enum cgflags): use the cached templates as they are. */
export const CGFLAG_USE_TEMPLATE_CACHE = 0x02;

// ------------------------------------------------------------------ mounting

/** mount(2) flags the mount section can ask for. */
export const MS_NOSUID = 2;
export const MS_NODEV = 4;
export const MS_NOEXEC = 8;

/**
 * What loading a mount section needs beyond CgOs: mount(2) and umount(2).
 * A CgOs may offer it; without it a mount fails with ENOSYS.
 */
export interface CgMountOs {
	/** mount(source, target, fstype, flags, data). */
	mount(source: string, target: string, fstype: string, flags: number, data: string): void;
	/** umount(target). */
	umount(target: string): void;
}

/** The CgOs's mount capability, if it has one. */
export function mountCapability(os: CgOs): CgMountOs | null {
	const m = os as CgOs & Partial<CgMountOs>;
	if (typeof m.mount === "function" && typeof m.umount === "function") return m as CgOs & CgMountOs;
	return null;
}

function sysMount(
	os: CgOs,
	source: string,
	target: string,
	fstype: string,
	flags: number,
	data: string,
): void {
	const m = mountCapability(os);
	if (m === null) throw new KError("ENOSYS");
	m.mount(source, target, fstype, flags, data);
}

function sysUmount(os: CgOs, target: string): void {
	const m = mountCapability(os);
	if (m === null) throw new KError("ENOSYS");
	m.umount(target);
}

/**
 * One entry of config_mount_table (struct cg_mount_table_s) as memory:
 * name[CONTROL_NAMELEN_MAX] followed by mount.path[FILENAME_MAX]. The C
 * code appends to the name with strncat() bounded by FILENAME_MAX, so a
 * long list of controllers sharing a mount point runs over into the path;
 * keeping the bytes together keeps that.
 */
export class MountConfEntry {
	private readonly cells: string[] = new Array<string>(CONTROL_NAMELEN_MAX + FILENAME_MAX).fill(
		"\0",
	);

	private cstrAt(off: number): string {
		let s = "";
		for (let i = off; i < this.cells.length && this.cells[i] !== "\0"; i++) s += this.cells[i];
		return s;
	}

	private strncpy(off: number, src: string, n: number): void {
		for (let i = 0; i < n && off + i < this.cells.length; i++)
			this.cells[off + i] = i < src.length ? (src[i] as string) : "\0";
	}

	/** strncat(name, src, FILENAME_MAX - strlen(name) - 1). */
	appendName(src: string): void {
		const len = this.cstrAt(0).length;
		const n = Math.min(src.length, FILENAME_MAX - len - 1);
		let i = 0;
		for (; i < n && len + i < this.cells.length; i++) this.cells[len + i] = src[i] as string;
		if (len + i < this.cells.length) this.cells[len + i] = "\0";
	}

	get name(): string {
		return this.cstrAt(0);
	}
	get path(): string {
		return this.cstrAt(CONTROL_NAMELEN_MAX);
	}

	/** strncpy(name, s, n) then name[CONTROL_NAMELEN_MAX - 1] = '\0'. */
	setName(s: string, n: number): void {
		this.strncpy(0, s, n);
		this.cells[CONTROL_NAMELEN_MAX - 1] = "\0";
	}
	setPath(s: string): void {
		this.strncpy(CONTROL_NAMELEN_MAX, s, FILENAME_MAX - 1);
		this.cells[CONTROL_NAMELEN_MAX + FILENAME_MAX - 1] = "\0";
	}
}

/** struct cgroup_systemd_opts. */
interface SystemdOpts {
	sliceName: string;
	scopeName: string;
	setdefault: boolean;
	pid: number;
}

// ------------------------------------------------------------------ the state

/** config.c's globals, one set per Libcg. */
export class ConfigState {
	readonly scanner = new ScannerState();
	/** config_cgroup_table[0 .. cgroup_table_index). */
	groups: Cgroup[] = [];
	/** config_cgroup_table[cgroup_table_index]: the group the parser is filling. */
	curGroup = new Cgroup("");
	/** config_template_table[0 .. config_template_table_index). */
	templates: Cgroup[] = [];
	curTemplate = new Cgroup("");
	/** config_mount_table[0 .. config_table_index). */
	mounts: MountConfEntry[] = [];
	/** config_namespace_table[0 .. namespace_table_index). */
	namespaces: { name: string; path: string }[] = [];
	/** The systemd sections' scopes (cgroup_systemd_opts_head list). */
	systemdOpts: SystemdOpts[] = [];
	/** default_group: the owners and modes a group without its own gets. */
	defaultGroup = new Cgroup("");
	/** default_group_set: cgroup_config_set_default() was called. */
	defaultGroupSet = false;
	/** template_table: the template cache. */
	templateCache: Cgroup[] = [];
	/** template_files (null: not set). */
	templateFiles: readonly string[] | null = null;
}

const STATES = new WeakMap<Libcg, ConfigState>();

/** The config state of a Libcg, created on first use. */
export function configOf(lc: Libcg): ConfigState {
	let s = STATES.get(lc);
	if (s === undefined) {
		s = new ConfigState();
		STATES.set(lc, s);
	}
	return s;
}

// ------------------------------------------------------------------ parser callbacks

/** atoi(): leading blanks, a sign, digits; the long cut to an int. */
function atoi(s: string): number {
	const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
	if (m === null) return 0;
	let v = BigInt(m[2] as string);
	if (m[1] === "-") v = -v;
	const max = (1n << 63n) - 1n;
	if (v > max) v = max;
	if (v < -max - 1n) v = -max - 1n;
	return Number(BigInt.asIntN(32, v));
}

/** strtol(s, &end, 8) with the check that the whole string was used: the value, or null. */
function strtolOctalWhole(s: string): number | null {
	const m = /^[ \t\n\v\f\r]*([+-]?)([0-7]*)/.exec(s) as RegExpExecArray;
	const digits = m[2] as string;
	// Without digits strtol() consumes nothing: only an empty string is then "all used".
	if (digits === "") return s === "" ? 0 : null;
	if (m[0].length !== s.length) return null;
	let v = BigInt(`0o${digits}`);
	if (m[1] === "-") v = -v;
	const max = (1n << 63n) - 1n;
	if (v > max) v = max;
	if (v < -max - 1n) v = -max - 1n;
	return Number(BigInt.asUintN(32, v));
}

/** The parser's callbacks over one ConfigState (config.c's parser-facing functions). */
class Actions implements ConfigActions {
	private readonly lc: Libcg;
	private readonly st: ConfigState;

	constructor(lc: Libcg, st: ConfigState) {
		this.lc = lc;
		this.st = st;
	}

	private current(kind: TableKind): Cgroup {
		return kind === "cgroup" ? this.st.curGroup : this.st.curTemplate;
	}

	/** config_insert_cgroup(): name the group being filled and start the next one. */
	insertCgroup(name: string, kind: TableKind): number {
		const cg = this.current(kind);
		cg.name = name.slice(0, FILENAME_MAX - 1);
		if (kind === "cgroup") {
			this.st.groups.push(cg);
			this.st.curGroup = new Cgroup("");
		} else {
			this.st.templates.push(cg);
			this.st.curTemplate = new Cgroup("");
		}
		return 1;
	}

	/**
	 * The failure path of the config.c callbacks: cgroup_delete_cgroup() of
	 * the group being filled (still without a name, so the root: nothing
	 * is removed).
	 */
	private dropCurrent(kind: TableKind): void {
		cgroupDeleteCgroup(this.lc, this.current(kind), true);
	}

	/** config_parse_controller_options(): add the controller and its settings to the group being filled. */
	parseControllerOptions(
		controller: string,
		values: CgroupDictionary | null,
		kind: TableKind,
	): number {
		const cg = this.current(kind);
		this.lc.dbg(`Adding controller ${controller}\n`);
		const cgc = cgroupAddController(this.lc, cg, controller);
		if (cgc === null) {
			this.dropCurrent(kind);
			return 0;
		}
		if (values === null) return 1;
		for (const { name, value } of values) {
			this.lc.dbg(`[1] name value pair being processed is ${name}=${value}\n`);
			if (cgroupAddValueString(this.lc, cgc, name, value) !== 0) {
				this.dropCurrent(kind);
				return 0;
			}
		}
		return 1;
	}

	/** A uid: atoi(), or the user's uid when that gives 0 (so "0" is looked up as a name). */
	private uidOf(value: string): number | null {
		const v = atoi(value);
		if (v !== 0) return v >>> 0;
		const pw = getpwnam(this.lc.os, value);
		return pw === null ? null : pw.uid;
	}

	/**
	 * A gid: atoi(), or the group's gid when that gives 0. getgrnam_r()
	 * finding nothing is no error to the C code, which then reads the gid
	 * of a struct it never filled; that is 0 here.
	 */
	private gidOf(value: string): number {
		const v = atoi(value);
		if (v !== 0) return v >>> 0;
		const gr = getgrnam(this.lc.os, value);
		return gr === null ? 0 : gr.gid;
	}

	/** config_group_task_perm(): uid, gid and fperm of the tasks file; other keys are ignored. */
	groupTaskPerm(permType: string, value: string, kind: TableKind): number {
		const cg = this.current(kind);
		if (permType === "uid") {
			const uid = this.uidOf(value);
			if (uid === null) return this.permError(kind);
			cg.tasksUid = uid;
		}
		if (permType === "gid") cg.tasksGid = this.gidOf(value);
		if (permType === "fperm") {
			const mode = strtolOctalWhole(value);
			if (mode === null) return this.permError(kind);
			cg.taskFperm = mode;
		}
		return 1;
	}

	/** config_group_admin_perm(): uid, gid, fperm and dperm of the group's directory and files. */
	groupAdminPerm(permType: string, value: string, kind: TableKind): number {
		const cg = this.current(kind);
		if (permType === "uid") {
			const uid = this.uidOf(value);
			if (uid === null) return this.permError(kind);
			cg.controlUid = uid;
		}
		if (permType === "gid") cg.controlGid = this.gidOf(value);
		if (permType === "fperm") {
			const mode = strtolOctalWhole(value);
			if (mode === null) return this.permError(kind);
			cg.controlFperm = mode;
		}
		if (permType === "dperm") {
			const mode = strtolOctalWhole(value);
			if (mode === null) return this.permError(kind);
			cg.controlDperm = mode;
		}
		return 1;
	}

	private permError(kind: TableKind): number {
		this.dropCurrent(kind);
		return 0;
	}

	/** cgroup_config_define_default(): the default section's perms become the default group's. */
	defineDefault(): void {
		const src = this.st.curGroup;
		const d = new Cgroup("");
		if (src.controlDperm !== NO_PERMS) d.controlDperm = src.controlDperm;
		if (src.controlFperm !== NO_PERMS) d.controlFperm = src.controlFperm;
		if (src.controlGid !== NO_UID_GID) d.controlGid = src.controlGid;
		if (src.controlUid !== NO_UID_GID) d.controlUid = src.controlUid;
		if (src.taskFperm !== NO_PERMS) d.taskFperm = src.taskFperm;
		if (src.tasksGid !== NO_UID_GID) d.tasksGid = src.tasksGid;
		if (src.tasksUid !== NO_UID_GID) d.tasksUid = src.tasksUid;
		this.st.defaultGroup = d;
		this.st.curGroup = new Cgroup("");
	}

	/** cgroup_config_insert_into_mount_table(): controllers with the same mount point share an entry. */
	insertIntoMountTable(name: string, mountPoint: string): number {
		if (this.st.mounts.length >= CG_CONTROLLER_MAX) return 0;
		for (const m of this.st.mounts) {
			if (m.path === mountPoint) {
				m.appendName(",");
				m.appendName(name);
				return 1;
			}
		}
		const m = new MountConfEntry();
		m.setName(name, CONTROL_NAMELEN_MAX - 1);
		m.setPath(mountPoint);
		this.st.mounts.push(m);
		return 1;
	}

	cleanupMountTable(): void {
		// memset() of the table; the index stays, as in the C code, but nothing reads it before the next parse.
		for (let i = 0; i < this.st.mounts.length; i++) this.st.mounts[i] = new MountConfEntry();
	}

	/** cgroup_config_insert_into_namespace_table(). */
	insertIntoNamespaceTable(name: string, path: string): number {
		if (this.st.namespaces.length >= CG_CONTROLLER_MAX) return 0;
		this.st.namespaces.push({
			name: name.slice(0, CONTROL_NAMELEN_MAX - 1),
			path: path.slice(0, FILENAME_MAX - 1),
		});
		return 1;
	}

	cleanupNamespaceTable(): void {
		for (let i = 0; i < this.st.namespaces.length; i++)
			this.st.namespaces[i] = { name: "", path: "" };
	}

	/** cgroup_alloc_systemd_opts(): a new scope for a systemd section's first setting. */
	allocSystemdOpts(config: string, value: string): number {
		if (config !== "slice" && config !== "scope" && config !== "setdefault" && config !== "pid") {
			this.lc.err(`Invalid systemd configuration ${config}\n`);
			this.cleanupSystemdOpts();
			return 0;
		}
		this.st.systemdOpts.push({ sliceName: "", scopeName: "", setdefault: false, pid: 0 });
		return this.addSystemdOpts(config, value);
	}

	/** cgroup_add_systemd_opts(): slice (*.slice), scope (*.scope), setdefault = yes, pid (> 1). */
	addSystemdOpts(config: string, value: string): number {
		const cur = this.st.systemdOpts[this.st.systemdOpts.length - 1];
		let ok = cur !== undefined;
		if (cur !== undefined) {
			if (config === "slice") {
				cur.sliceName = value.slice(0, FILENAME_MAX - 1);
				ok = cur.sliceName.length >= 6 && cur.sliceName.endsWith(".slice");
			} else if (config === "scope") {
				cur.scopeName = value.slice(0, FILENAME_MAX - 1);
				ok = cur.scopeName.length >= 6 && cur.scopeName.endsWith(".scope");
			} else if (config === "setdefault" && value.toLowerCase() === "yes") {
				cur.setdefault = true;
			} else if (config === "pid") {
				cur.pid = atoi(value);
				ok = cur.pid > 1;
			} else ok = false;
		}
		if (ok) return 1;
		this.lc.err(`Invalid systemd configuration ${config} value ${value}\n`);
		this.cleanupSystemdOpts();
		return 0;
	}

	cleanupSystemdOpts(): void {
		this.st.systemdOpts = [];
	}
}

// ------------------------------------------------------------------ parsing

/** cgroup_free_config(): drop what the last parse gathered (and the systemd scopes). */
function freeConfig(st: ConfigState): void {
	st.groups = [];
	st.mounts = [];
	st.templates = [];
	st.systemdOpts = [];
}

/**
 * cgroup_parse_config(): parse `pathname` into the tables. A file that
 * cannot be opened is ECGOTHER; a parse that fails (its diagnostics on
 * stderr) ECGCONFIGPARSEFAIL.
 */
function parseConfig(lc: Libcg, st: ConfigState, pathname: string): number {
	let text = "";
	let readError = false;
	try {
		text = lc.os.readFile(pathname);
	} catch (e) {
		const ke = asKernelError(e);
		// fopen() of a directory succeeds; it is flex's read that fails.
		if (ke.code !== "EISDIR") {
			lc.err(`failed to open file ${pathname}\n`);
			lc.lastErrno = ke;
			return ECGOTHER;
		}
		readError = true;
	}
	st.groups = [];
	st.curGroup = new Cgroup("");
	st.templates = [];
	st.curTemplate = new Cgroup("");
	st.namespaces = [];
	st.mounts = [];
	if (!st.defaultGroupSet) st.defaultGroup = new Cgroup("");
	const ret = yyparse(st.scanner, text, new Actions(lc, st), (s) => lc.os.stderr(s), readError);
	if (ret !== 0) {
		lc.err(`failed to parse file ${pathname}\n`);
		freeConfig(st);
		return ECGCONFIGPARSEFAIL;
	}
	return 0;
}

// ------------------------------------------------------------------ loading

/**
 * cgroup_config_ajdust_mount_options(): the mount data of an entry: its
 * first controller and the name= options after it, or the name= options
 * and "none"; nodev, noexec and nosuid become mount flags.
 */
function adjustMountOptions(m: MountConfEntry): number {
	const tokens = m.name.split(",").filter((t) => t !== "");
	let flags = 0;
	let controller: string | null = null;
	let nameOnly = true;
	for (const token of tokens) {
		if (!token.startsWith("name=")) {
			nameOnly = false;
			if (controller === null) {
				controller = token;
				m.setName(controller, CONTROL_NAMELEN_MAX);
			}
			if (token.startsWith("nodev")) flags |= MS_NODEV;
			if (token.startsWith("noexec")) flags |= MS_NOEXEC;
			if (token.startsWith("nosuid")) flags |= MS_NOSUID;
		} else if (!nameOnly) {
			m.appendName(",");
			m.appendName(token);
		}
	}
	if (nameOnly) {
		m.appendName(",");
		m.appendName("none");
	}
	return flags;
}

/**
 * cgroup_config_mount_fs(): mount each mount section entry, creating its
 * directory when missing. On failure the entries before it are the ones
 * unmounted again (the table is cut there).
 */
function mountFs(lc: Libcg, st: ConfigState): number {
	for (let i = 0; i < st.mounts.length; i++) {
		const cur = st.mounts[i] as MountConfEntry;
		let error = 0;
		let missing = false;
		try {
			if (lc.os.stat(cur.path).type !== "dir") {
				lc.err(`${cur.path} already exists but it is not a directory\n`);
				lc.lastErrno = new KError("ENOTDIR");
				error = ECGOTHER;
			}
		} catch (e) {
			const ke = asKernelError(e);
			if (ke.code !== "ENOENT") {
				lc.err(`cannot access ${cur.path}: ${ke.strerror}\n`);
				lc.lastErrno = ke;
				error = ECGOTHER;
			} else missing = true;
		}
		if (error === 0 && missing) {
			const ret = cgMkdirP(lc, cur.path);
			if (ret !== 0) {
				lc.err(`cannot create directory ${cur.path}\n`);
				error = ret;
			}
		}
		if (error === 0) {
			const flags = adjustMountOptions(cur);
			try {
				sysMount(lc.os, "cgroup", cur.path, "cgroup", flags, cur.name);
			} catch (e) {
				lc.err(`cannot mount ${cur.name} to ${cur.path}: ${asKernelError(e).strerror}\n`);
				error = ECGMOUNTFAIL;
			}
		}
		if (error !== 0) {
			st.mounts = st.mounts.slice(0, i);
			return error;
		}
	}
	return 0;
}

/** cgroup_config_unmount_controllers(): unmount and remove every mounted entry, ignoring failures. */
function unmountControllers(lc: Libcg, st: ConfigState): void {
	for (const m of st.mounts) {
		try {
			sysUmount(lc.os, m.path);
		} catch {
			lc.dbg("Unmount failed\n");
		}
		try {
			lc.os.rmdir(m.path);
		} catch {
			lc.dbg("rmdir failed\n");
		}
	}
}

/**
 * config_order_namespace_table(): the namespace section's paths by mount
 * table index. A controller named twice is ECGNAMESPACEPATHS, one that is
 * not mounted ECGNAMESPACECONTROLLER.
 */
function orderNamespaceTable(lc: Libcg, st: ConfigState): number {
	lc.namespaceTable = lc.mountTable.map(() => null);
	for (const ns of st.namespaces) {
		let found = false;
		for (let j = 0; j < lc.mountTable.length; j++) {
			if (ns.name !== (lc.mountTable[j]?.name ?? "").slice(0, CONTROL_NAMELEN_MAX)) continue;
			found = true;
			if (lc.namespaceTable[j] != null) return ECGNAMESPACEPATHS;
			lc.namespaceTable[j] = ns.path;
		}
		if (!found) return ECGNAMESPACECONTROLLER;
	}
	return 0;
}

/**
 * config_validate_namespaces(): controllers mounted together share one
 * namespace: one without takes its neighbours', two different ones are
 * ECGNAMESPACEPATHS.
 */
function validateNamespaces(lc: Libcg): number {
	const table = lc.mountTable;
	for (let i = 0; i < table.length; i++) {
		const mountPath = table[i]?.paths[0];
		let namespace = lc.namespaceTable[i] ?? null;
		let j = i + 1;
		while (j < table.length && table[j]?.paths[0] === mountPath) {
			if (namespace === null && (lc.namespaceTable[j] ?? null) !== null)
				namespace = lc.namespaceTable[j] ?? null;
			j++;
		}
		const subsysCount = j;
		if (namespace !== null) {
			for (j = i; j < subsysCount; j++) {
				const ns = lc.namespaceTable[j] ?? null;
				if (ns === null) lc.namespaceTable[j] = namespace;
				else if (ns !== namespace) return ECGNAMESPACEPATHS;
			}
		}
		i = subsysCount - 1;
	}
	return 0;
}

/** cgroup_config_apply_default(): the default owners and modes where a group has none. */
function applyDefault(st: ConfigState): void {
	const d = st.defaultGroup;
	for (const c of st.groups) {
		if (c.controlDperm === NO_PERMS) c.controlDperm = d.controlDperm;
		if (c.controlFperm === NO_PERMS) c.controlFperm = d.controlFperm;
		if (c.controlGid === NO_UID_GID) c.controlGid = d.controlGid;
		if (c.controlUid === NO_UID_GID) c.controlUid = d.controlUid;
		if (c.taskFperm === NO_PERMS) c.taskFperm = d.taskFperm;
		if (c.tasksGid === NO_UID_GID) c.tasksGid = d.tasksGid;
		if (c.tasksUid === NO_UID_GID) c.tasksUid = d.tasksUid;
	}
}

/**
 * convert_controller_versions(): create the group one controller at a
 * time; a controller that fails as written is converted to its mounted
 * version (its settings taken as the other version's) and created again.
 */
function convertControllerVersions(lc: Libcg, cgroup: Cgroup): number {
	if (cgroup.controllers.length === 0) return ECGINVAL;
	const cpy = cgroupNewCgroup(cgroup.name);
	cgroupSetUidGid(cpy, cgroup.tasksUid, cgroup.tasksGid, cgroup.controlUid, cgroup.controlGid);
	cgroupSetPermissions(cpy, cgroup.controlDperm, cgroup.controlFperm, cgroup.taskFperm);
	for (const ctrl of cgroup.controllers) {
		const convertVersion = ctrl.version;
		const currentVersion = convertVersion === CGROUP_V1 ? CGROUP_V2 : CGROUP_V1;
		const cgc = cgroupAddController(lc, cpy, ctrl.name);
		if (cgc === null) {
			lc.err("Failed to allocated controller.\n");
			return ECGFAIL;
		}
		for (const v of ctrl.values) {
			const ret = cgroupAddValueString(lc, cgc, v.name, v.value);
			if (ret !== 0) {
				lc.err(`Failed to add setting to ${cgc.name}\n`);
				return ret;
			}
		}
		if (cgroupCreateCgroup(lc, cpy, false) !== 0) {
			const convert = cgroupNewCgroup(cgroup.name);
			let ret = cgroupConvertCgroup(lc, convert, convertVersion, cpy, currentVersion);
			if (ret !== 0) {
				lc.err("Conversion of controller failed.\n");
				return ret;
			}
			ret = cgroupCreateCgroup(lc, convert, false);
			if (ret !== 0) {
				lc.err(`Failed to create cgroup ${cgroup.name}\n`);
				return ret;
			}
		}
		cpy.controllers = [];
	}
	return 0;
}

/** cgroup_config_create_groups(): create every group in file order. */
function createGroups(lc: Libcg, st: ConfigState): number {
	let error = 0;
	for (const cg of st.groups) {
		error = cgroupCreateCgroup(lc, cg, false);
		lc.dbg(`creating group ${cg.name}, error ${error}\n`);
		if (error !== 0) {
			error = convertControllerVersions(lc, cg);
			if (error !== 0) return error;
		}
	}
	return error;
}

/** cgroup_config_destroy_groups(): remove every group again (recursively), keeping the first error. */
function destroyGroups(lc: Libcg, st: ConfigState): number {
	let ret = 0;
	for (const cg of st.groups) {
		const error = cgroupDeleteCgroupExt(
			lc,
			cg,
			CGFLAG_DELETE_RECURSIVE | CGFLAG_DELETE_IGNORE_MIGRATION,
		);
		if (error !== 0) ret = error;
	}
	return ret;
}

/** remove_systemd_default_cgroup_file(): 1 when the file is gone. */
function removeSystemdDefaultCgroupFile(lc: Libcg): number {
	try {
		lc.os.unlink(SYSTEMD_DEFAULT_CGROUP_FILE);
	} catch (e) {
		if (asKernelError(e).code !== "ENOENT") {
			lc.err(`Failed to remove ${SYSTEMD_DEFAULT_CGROUP_FILE}\n`);
			return 0;
		}
	}
	return 1;
}

/** The directory of SYSTEMD_DEFAULT_CGROUP_FILE, as systemd_def_cgrp_file_dir spells it. */
const SYSTEMD_DEF_CGRP_FILE_DIR = "/var/run/libcgroup/";

/**
 * cgroup_write_systemd_default_cgroup(): record "slice/scope" as the
 * default cgroup in /var/run/libcgroup/systemd; 1 on success.
 */
export function cgroupWriteSystemdDefaultCgroup(lc: Libcg, slice: string, scope: string): number {
	try {
		lc.os.mkdir(SYSTEMD_DEF_CGRP_FILE_DIR, 0o755);
	} catch (e) {
		if (asKernelError(e).code !== "EEXIST") {
			lc.err(`Failed to create directory ${SYSTEMD_DEF_CGRP_FILE_DIR}\n`);
			return 0;
		}
	}
	try {
		lc.os.writeFile(SYSTEMD_DEFAULT_CGROUP_FILE, `${slice}/${scope}`, "w");
	} catch {
		lc.err(`Failed to create file ${SYSTEMD_DEFAULT_CGROUP_FILE}\n`);
		return 0;
	}
	return 1;
}

/**
 * cgroup_create_scope(): systemd creates a scope over D-Bus. There is no
 * system bus to reach here: the call fails as the C function does when
 * sd_bus_default_system() cannot connect (its errno ENOENT, no socket),
 * after the suffix warnings it prints first. (With no pid given the C
 * code would first fork libcgroup_systemd_idle_thread; that is not done.)
 */
function createScope(lc: Libcg, scopeName: string, sliceName: string): number {
	if (!scopeName.endsWith(".scope")) lc.warn("scope doesn't have expected suffix\n");
	if (!sliceName.endsWith(".slice")) lc.warn("slice doesn't have expected suffix\n");
	lc.err("failed to open the system bus: 2\n");
	return ECGFAIL;
}

/**
 * config_create_slice_scope(): create the systemd sections' scopes; the
 * last one marked setdefault becomes the default cgroup. [ok, default].
 */
function createSliceScope(lc: Libcg, st: ConfigState): [boolean, string] {
	if (removeSystemdDefaultCgroupFile(lc) === 0) return [false, ""];
	let def: SystemdOpts | null = null;
	for (const cur of st.systemdOpts) {
		if (cur.sliceName === "") {
			lc.err("Invalid systemd setting, missing slice name.\n");
			return [false, ""];
		}
		if (cur.scopeName === "") {
			lc.err("Invalid systemd setting, missing scope name.\n");
			return [false, ""];
		}
		if (cur.setdefault) def = cur;
		if (createScope(lc, cur.scopeName, cur.sliceName) !== 0) return [false, ""];
		lc.dbg(
			`Created systemd slice ${cur.sliceName} scope ${cur.scopeName} default ${cur.setdefault ? 1 : 0} pid ${cur.pid}\n`,
		);
	}
	if (def === null) return [true, ""];
	if (cgroupWriteSystemdDefaultCgroup(lc, def.sliceName, def.scopeName) === 0) return [false, ""];
	const tmp = `${def.sliceName}/${def.scopeName}`.slice(0, FILENAME_MAX - 1);
	lc.dbg(`Setting/Writing systemd default cgroup ${tmp} to file ${SYSTEMD_DEFAULT_CGROUP_FILE}\n`);
	return [true, tmp];
}

/**
 * cgroup_config_load_config(): parse `pathname`, mount its mount section,
 * (re)initialize the library, set the namespaces up, create the systemd
 * scopes and the groups (with the default owners and modes where they
 * have none). On failure what was created is removed and what was
 * mounted unmounted again.
 */
export function cgroupConfigLoadConfig(lc: Libcg, pathname: string): number {
	const st = configOf(lc);
	let ret = parseConfig(lc, st, pathname);
	if (ret !== 0) return ret;
	const namespaceEnabled = st.namespaces.length > 0 && (st.namespaces[0]?.name ?? "") !== "";
	const mountEnabled = st.mounts.length > 0 && (st.mounts[0]?.name ?? "") !== "";
	if (namespaceEnabled && mountEnabled) {
		// Only the group table is released on this path: the rest stays until the next parse.
		st.groups = [];
		return ECGMOUNTNAMESPACE;
	}
	let error = mountFs(lc, st);
	if (error === 0) {
		error = lc.init();
		if (error === ECGROUPNOTMOUNTED && st.groups.length === 0 && st.templates.length === 0) {
			// An empty configuration.
			unmountControllers(lc, st);
			freeConfig(st);
			return 0;
		}
	}
	if (error === 0) error = orderNamespaceTable(lc, st);
	if (error === 0) error = validateNamespaces(lc);
	let systemdDefault = "";
	if (error === 0) {
		const [ok, tmp] = createSliceScope(lc, st);
		if (!ok) error = ECGROUPPARSEFAIL;
		systemdDefault = tmp;
	}
	if (error !== 0) {
		unmountControllers(lc, st);
		freeConfig(st);
		return error;
	}
	applyDefault(st);
	ret = createGroups(lc, st);
	lc.dbg(`creating all cgroups now, error=${ret}\n`);
	if (ret !== 0) {
		const saved = lc.lastErrno;
		destroyGroups(lc, st);
		lc.lastErrno = saved;
		unmountControllers(lc, st);
		freeConfig(st);
		return ret;
	}
	if (systemdDefault !== "") lc.systemdDefaultCgroup = systemdDefault;
	freeConfig(st);
	return 0;
}

// ------------------------------------------------------------------ unloading

/** cgroup_config_try_unmount(): unmount a mount section's hierarchy when it has no groups left. */
function tryUnmount(lc: Libcg, m: MountConfEntry): number {
	const controller = m.name.split(",").filter((t) => t !== "")[0];
	if (controller === undefined) return ECGINVAL;
	const info = newFileInfo();
	const begin = cgroupWalkTreeBegin(lc, controller, "/", 0, info);
	if (begin.ret === ECGCONTROLLEREXISTS) return 0;
	if (begin.ret !== 0) return begin.ret;
	let ret = cgroupWalkTreeNext(lc, 0, begin.handle, info, begin.baseLevel);
	while (ret === 0) {
		if (info.type === CGROUP_FILE_TYPE_DIR) break;
		ret = cgroupWalkTreeNext(lc, 0, begin.handle, info, begin.baseLevel);
	}
	cgroupWalkTreeEnd(lc, begin.handle);
	if (ret === 0) {
		lc.dbg(`won't unmount ${m.name}: hieararchy is not empty\n`);
		return 0;
	}
	if (ret !== ECGEOF) return ret;
	lc.dbg(`unmounting ${m.name} at ${m.path}\n`);
	try {
		sysUmount(lc.os, m.path);
	} catch (e) {
		lc.lastErrno = asKernelError(e);
		return ECGOTHER;
	}
	return 0;
}

/**
 * cgroup_config_unload_config(): remove the groups of `pathname`
 * (deepest first, by name), then its templates, then unmount the mount
 * section's hierarchies that are left empty. `flags` are
 * cgroup_delete_cgroup_ext()'s; the first error is returned.
 */
export function cgroupConfigUnloadConfig(lc: Libcg, pathname: string, flags: number): number {
	const st = configOf(lc);
	lc.dbg(`cgroup_config_unload_config: parsing ${pathname}\n`);
	let ret = parseConfig(lc, st, pathname);
	if (ret === 0) {
		const namespaceEnabled = st.namespaces.length > 0 && (st.namespaces[0]?.name ?? "") !== "";
		const mountEnabled = st.mounts.length > 0 && (st.mounts[0]?.name ?? "") !== "";
		if (namespaceEnabled && mountEnabled) {
			st.groups = [];
			return ECGMOUNTNAMESPACE;
		}
		ret = orderNamespaceTable(lc, st);
		if (ret === 0) ret = validateNamespaces(lc);
		if (ret === 0) {
			const sorted = [...st.groups].sort((a, b) =>
				a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
			);
			for (let i = sorted.length - 1; i >= 0; i--) {
				lc.dbg(`removing ${pathname}\n`);
				const error = cgroupDeleteCgroupExt(lc, sorted[i] as Cgroup, flags);
				if (error !== 0 && ret === 0) ret = error;
			}
			for (const t of st.templates) {
				lc.dbg(`removing ${pathname}\n`);
				const error = cgroupDeleteCgroupExt(lc, t, flags);
				if (error !== 0 && ret === 0) ret = error;
			}
			st.templates = [];
			if (mountEnabled) {
				for (const m of st.mounts) {
					lc.dbg(`unmounting ${m.name}\n`);
					const error = tryUnmount(lc, m);
					if (error !== 0 && ret === 0) ret = error;
				}
			}
		}
	}
	freeConfig(st);
	return ret;
}

/**
 * cgroup_config_unload_controller(): empty a hierarchy (every group
 * removed, tasks moved to the root) and unmount it unless it is cgroup v2.
 */
function unloadController(lc: Libcg, mountInfo: CgroupMountPoint): number {
	const cgroup = cgroupNewCgroup(".");
	if (cgroupAddController(lc, cgroup, mountInfo.name) === null) return ECGFAIL;
	let ret = cgroupDeleteCgroupExt(lc, cgroup, CGFLAG_DELETE_RECURSIVE);
	if (ret !== 0) return ret;
	const [vret, version] = lc.controllerVersion(mountInfo.name);
	if (vret !== 0) return vret;
	if (version === CGROUP_V2) return 0;
	const begin = cgroupGetSubsysMountPointBegin(lc, mountInfo.name);
	ret = begin.ret;
	let path = begin.path;
	while (ret === 0) {
		try {
			sysUmount(lc.os, path);
		} catch (e) {
			const ke = asKernelError(e);
			lc.warn(`cannot unmount controller ${mountInfo.name} on ${path}: ${ke.strerror}\n`);
			lc.lastErrno = ke;
			return ECGOTHER;
		}
		const next = cgroupGetSubsysMountPointNext(lc, begin.handle);
		ret = next.ret;
		path = next.path;
	}
	cgroupGetSubsysMountPointEnd(lc);
	return ret === ECGEOF ? 0 : ret;
}

/** cgroup_unload_cgroups(): empty and unmount every mounted hierarchy (cgclear). */
export function cgroupUnloadCgroups(lc: Libcg): number {
	let error = lc.init();
	if (error !== 0) return error;
	let ret = 0;
	let currPath: string | null = null;
	const info: CgroupMountPoint = { name: "", path: "" };
	const begin = cgroupGetControllerBegin(lc, info);
	error = begin.ret;
	while (error === 0) {
		if (currPath === null || info.path !== currPath) {
			currPath = info.path;
			const e = unloadController(lc, info);
			if (e !== 0) {
				lc.warn(`cannot clear controller ${info.name}\n`);
				ret = e;
			}
		}
		error = cgroupGetControllerNext(lc, begin.handle, info);
	}
	if (error === ECGEOF) error = 0;
	if (error !== 0) ret = error;
	cgroupGetControllerEnd(lc, begin.handle);
	return ret;
}

// ------------------------------------------------------------------ defaults

/** cgroup_config_set_default(): the owners and modes groups without their own get (cgconfigparser's options). */
export function cgroupConfigSetDefault(lc: Libcg, newDefault: Cgroup | null): number {
	if (newDefault === null) return ECGINVAL;
	const st = configOf(lc);
	const d = new Cgroup("");
	d.controlDperm = newDefault.controlDperm;
	d.controlFperm = newDefault.controlFperm;
	d.controlGid = newDefault.controlGid;
	d.controlUid = newDefault.controlUid;
	d.taskFperm = newDefault.taskFperm;
	d.tasksGid = newDefault.tasksGid;
	d.tasksUid = newDefault.tasksUid;
	st.defaultGroup = d;
	st.defaultGroupSet = true;
	return 0;
}

// ------------------------------------------------------------------ templates

/** A template cache entry: a copy of a parsed template with its name, owners and modes. */
function copyTemplate(src: Cgroup): [number, Cgroup] {
	const t = new Cgroup("");
	const ret = cgroupCopyCgroup(t, src);
	t.name = src.name;
	t.tasksUid = src.tasksUid;
	t.tasksGid = src.tasksGid;
	t.taskFperm = src.taskFperm;
	t.controlUid = src.controlUid;
	t.controlGid = src.controlGid;
	t.controlFperm = src.controlFperm;
	t.controlDperm = src.controlDperm;
	return [ret, t];
}

/** cgroup_init_templates_cache() and cgroup_reload_cached_templates(): the templates of one file. */
function loadTemplates(lc: Libcg, pathname: string, what: "Loading" | "Reloading"): number {
	const st = configOf(lc);
	st.templateCache = [];
	if (st.templates.length !== 0 || st.mounts.length !== 0) freeConfig(st);
	lc.dbg(`${what} cached templates from ${pathname}.\n`);
	const ret = parseConfig(lc, st, pathname);
	if (ret !== 0) {
		if (what === "Loading") lc.dbg(`Could not initialize rule cache, error was: ${ret}\n`);
		else lc.dbg(`Could not reload template cache, error was: ${ret}\n`);
		return ret;
	}
	st.templateCache = st.templates.map((t) => copyTemplate(t)[1]);
	return 0;
}

/** cgroup_init_templates_cache(). */
export function cgroupInitTemplatesCache(lc: Libcg, pathname: string): number {
	return loadTemplates(lc, pathname, "Loading");
}

/** cgroup_reload_cached_templates(). */
export function cgroupReloadCachedTemplates(lc: Libcg, pathname: string): number {
	return loadTemplates(lc, pathname, "Reloading");
}

/** cgroup_templates_cache_set_source_files(). */
export function cgroupTemplatesCacheSetSourceFiles(
	lc: Libcg,
	files: readonly string[] | null,
): void {
	configOf(lc).templateFiles = files;
}

/**
 * cgroup_load_templates_cache_from_files(): the templates of every source
 * file, in order (without source files: of /etc/cgconfig.conf).
 * [code, index of the file that failed (-1: none or no source files)].
 */
export function cgroupLoadTemplatesCacheFromFiles(lc: Libcg): [number, number] {
	const st = configOf(lc);
	if (st.templateFiles === null) {
		lc.dbg(`Template source files have not been set. Using only ${CGCONFIG_CONF_FILE}\n`);
		if (st.templateCache.length === 0)
			return [cgroupInitTemplatesCache(lc, CGCONFIG_CONF_FILE), -1];
		return [cgroupReloadCachedTemplates(lc, CGCONFIG_CONF_FILE), -1];
	}
	st.templateCache = [];
	if (st.templates.length !== 0 || st.mounts.length !== 0) freeConfig(st);
	for (let j = 0; j < st.templateFiles.length; j++) {
		const pathname = st.templateFiles[j] as string;
		lc.dbg(`Parsing templates from ${pathname}.\n`);
		const ret = parseConfig(lc, st, pathname);
		if (ret !== 0) {
			lc.dbg(`Could not initialize rule cache, error was: ${ret}\n`);
			return [ret, j];
		}
		if (st.templates.length > 0) {
			lc.dbg(`Copying templates to template table from ${pathname}.\n`);
			for (const t of st.templates) {
				const [cret, copy] = copyTemplate(t);
				if (cret !== 0) {
					lc.dbg("Unable to copy cgroup\n");
					return [cret, j];
				}
				st.templateCache.push(copy);
			}
			lc.dbg("Templates to template table copied\n");
		}
	}
	return [0, -1];
}

/** The cached templates (template_table), for inspection. */
export function cachedTemplates(lc: Libcg): readonly Cgroup[] {
	return configOf(lc).templateCache;
}

/**
 * cgroup_config_create_template_group(): create `cgroup` in each of its
 * controllers: from the template named `templateName` that has that
 * controller (the whole template is created under the cgroup's name),
 * or bare when no template has it. Without CGFLAG_USE_TEMPLATE_CACHE the
 * templates are loaded from the files first.
 */
export function cgroupConfigCreateTemplateGroup(
	lc: Libcg,
	cgroup: Cgroup,
	templateName: string,
	flags: number,
): number {
	const st = configOf(lc);
	if ((flags & CGFLAG_USE_TEMPLATE_CACHE) === 0) {
		const [ret, fileIndex] = cgroupLoadTemplatesCacheFromFiles(lc);
		if (ret !== 0) {
			if (fileIndex < 0) lc.dbg("Template source files have not been set\n");
			else lc.dbg(`Failed to load template rules from ${st.templateFiles?.[fileIndex] ?? ""}. `);
			lc.dbg("Failed initialize templates cache.\n");
			return ret;
		}
	}
	for (const ctrl of cgroup.controllers) {
		let found = false;
		for (const t of st.templateCache) {
			if (t.name !== templateName) continue;
			if (!t.controllers.some((k) => k.name === ctrl.name)) continue;
			const saved = t.name;
			t.name = cgroup.name.slice(0, FILENAME_MAX - 1);
			const ret = cgroupCreateCgroup(lc, t, flags !== 0);
			t.name = saved;
			if (ret !== 0) {
				lc.dbg(`creating group ${cgroup.name}, error ${ret}\n`);
				return ret;
			}
			found = true;
			break;
		}
		if (found) continue;
		const aux = cgroupNewCgroup(cgroup.name);
		if (
			cgroupAddController(lc, aux, ctrl.name) === null ||
			cgroupCreateCgroup(lc, aux, flags !== 0) !== 0
		) {
			lc.os.stderr(`cgroup ${cgroup.name} can't be created\n`);
			return ECGINVAL;
		}
	}
	return 0;
}

/** config.c's templates as the classification code's TemplateSource (rules.ts). */
export const CONFIG_TEMPLATES: TemplateSource = {
	createTemplateGroup: cgroupConfigCreateTemplateGroup,
	setSourceFiles: (lc, files) => cgroupTemplatesCacheSetSourceFiles(lc, files),
	loadTemplatesCacheFromFiles: cgroupLoadTemplatesCacheFromFiles,
};
