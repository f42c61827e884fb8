/**
 * libcgroup's core operations (api.c): creating, modifying, reading and
 * deleting cgroups, attaching tasks, the cgroup v2 subtree_control
 * helpers, and the queries of the mount table. Rules and classification
 * are in rules.ts, the iterators in walk.ts.
 *
 * Every function takes the run's Libcg first and returns the C function's
 * return code; outputs come back in a tuple or object. The order of the
 * system calls is the C code's, since it shows: which files are written
 * first, what stays behind after a failure.
 *
 * CgOs has no open(2) of its own, and several C paths open a file and
 * then act on the descriptor (fopen() of a tasks file that is then
 * written once per pid, open() + fchmod(), fopen() + fread()). Where the
 * C code tells a failed open from a failed read or write, `openError()`
 * reproduces the open's permission check (generic_permission() with the
 * caller's fsuid, groups and capabilities from /proc/self/status, and
 * kernfs' refusal to create files) to tell which of the two failed.
 */

import { KernelError } from "../../../kernel/errno.ts";
import {
	type Cgroup,
	type CgroupController,
	cgroupAddController,
	cgroupAddValueString,
	cgroupCopyCgroup,
	cgroupFreeControllers,
	cgroupGetController,
	cgroupNewCgroup,
} from "./cgroup.ts";
import {
	ECGEOF,
	ECGFAIL,
	ECGINVAL,
	ECGNONEMPTY,
	ECGOTHER,
	ECGROUPNOTALLOWED,
	ECGROUPNOTEXIST,
	ECGROUPNOTINITIALIZED,
	ECGROUPNOTMOUNTED,
	ECGROUPNOTOWNER,
	ECGROUPSUBSYSNOTMOUNTED,
	ECGROUPUNSUPP,
	ECGROUPVALUENOTEXIST,
	ECGVALUEEXISTS,
} from "./errors.ts";
import {
	asKernelError,
	CG_CONTROL_VALUE_MAX,
	CGROUP_MODE_HYBRID,
	CGROUP_MODE_LEGACY,
	CGROUP_MODE_UNIFIED,
	CGROUP_V1,
	CGROUP_V2,
	CGV2_CONTROLLERS_FILE,
	CGV2_SUBTREE_CTRL_FILE,
	type CgVersion,
	CONTROL_NAMELEN_MAX,
	type Libcg,
	NO_PERMS,
	NO_UID_GID,
	parseMounts,
} from "./libcg.ts";
import type { CgStat } from "./os.ts";
import {
	CGROUP_FILE_TYPE_DIR,
	CGROUP_WALK_TYPE_POST_DIR,
	cgroupWalkTreeBegin,
	cgroupWalkTreeEnd,
	cgroupWalkTreeNext,
	cgroupWalkTreeSetFlags,
	newFileInfo,
} from "./walk.ts";

/** enum cgroup_delete_flag. */
export const CGFLAG_DELETE_IGNORE_MIGRATION = 1;
export const CGFLAG_DELETE_RECURSIVE = 2;
export const CGFLAG_DELETE_EMPTY_ONLY = 4;

const CGROUP_SUPER_MAGIC = 0x27e0eb;
const CGROUP2_SUPER_MAGIC = 0x63677270;

/** The files cgroup_create_cgroup() leaves to cgroup_chown_chmod_tasks() (cgroup_ignored_tasks_files). */
const IGNORED_TASKS_FILES: readonly string[] = ["tasks"];

// ------------------------------------------------------------------ C library helpers

/** glibc's dirname(): the directory part of `path`, "." when there is none, "/" (or "//") at the top. */
export function dirname(path: string): string {
	let last = path.lastIndexOf("/");
	if (last > 0 && last === path.length - 1) {
		let run = last;
		while (run > 0 && path[run - 1] === "/") run--;
		if (run > 0) last = path.lastIndexOf("/", run - 1);
	}
	if (last < 0) return ".";
	let run = last;
	while (run > 0 && path[run - 1] === "/") run--;
	if (run === 0) return last === 1 ? "//" : "/";
	return path.slice(0, run);
}

/** The credentials an open(2) is checked against: fsuid, fsgid, supplementary groups, effective capabilities. */
interface OpenCred {
	readonly fsuid: number;
	readonly fsgid: number;
	readonly groups: readonly number[];
	readonly capEff: bigint;
}

const CAP_DAC_OVERRIDE = 1n;
const CAP_DAC_READ_SEARCH = 2n;

/** The caller's credentials from /proc/self/status (getuid()/getgid() and root's capabilities when it cannot be read). */
function openCred(lc: Libcg): OpenCred {
	try {
		const text = lc.os.readFile("/proc/self/status");
		const field = (name: string): string[] => {
			const m = new RegExp(`^${name}:[ \\t]*(.*)$`, "m").exec(text);
			return m === null
				? []
				: (m[1] as string)
						.trim()
						.split(/\s+/)
						.filter((s) => s !== "");
		};
		const uids = field("Uid");
		const gids = field("Gid");
		const cap = field("CapEff")[0];
		return {
			fsuid: Number(uids[3] ?? lc.os.geteuid()),
			fsgid: Number(gids[3] ?? lc.os.getegid()),
			groups: field("Groups").map(Number),
			capEff: cap === undefined ? 0n : BigInt(`0x${cap}`),
		};
	} catch {
		const euid = lc.os.geteuid();
		return {
			fsuid: euid,
			fsgid: lc.os.getegid(),
			groups: [],
			capEff: euid === 0 ? (1n << 41n) - 1n : 0n,
		};
	}
}

/** generic_permission() for `mask` (4 read, 2 write, 1 exec) of an inode. */
function permits(cred: OpenCred, st: CgStat, mask: number): boolean {
	let bits: number;
	if (cred.fsuid === st.uid) bits = (st.perm >> 6) & 7;
	else if (cred.fsgid === st.gid || cred.groups.includes(st.gid)) bits = (st.perm >> 3) & 7;
	else bits = st.perm & 7;
	if ((bits & mask) === mask) return true;
	const has = (cap: bigint) => (cred.capEff & (1n << cap)) !== 0n;
	if (has(CAP_DAC_OVERRIDE)) {
		// Read and write are always overridable; exec of a file needs one x bit.
		if (!(mask & 1) || st.type === "dir" || st.perm & 0o111) return true;
	}
	if (mask === 4 && has(CAP_DAC_READ_SEARCH)) return true;
	return false;
}

/**
 * Whether open(2) of `path` would fail, and with what: "r" is O_RDONLY,
 * "rw" O_RDWR, "w" fopen()'s O_WRONLY|O_CREAT|O_TRUNC (which cannot create
 * a file in cgroupfs: EACCES). null when the open would succeed.
 */
export function openError(lc: Libcg, path: string, how: "r" | "w" | "rw"): KernelError | null {
	const os = lc.os;
	let st: CgStat;
	try {
		st = os.stat(path);
	} catch (e) {
		const ke = asKernelError(e);
		if (how !== "w" || ke.code !== "ENOENT") return ke;
		const dir = dirname(path);
		try {
			const dst = os.stat(dir);
			if (dst.type !== "dir") return new KernelError("ENOTDIR");
			const magic = os.statfsType(dir);
			if (magic === CGROUP_SUPER_MAGIC || magic === CGROUP2_SUPER_MAGIC)
				return new KernelError("EACCES");
			return permits(openCred(lc), dst, 3) ? null : new KernelError("EACCES");
		} catch (e2) {
			return asKernelError(e2);
		}
	}
	if (st.type === "dir" && how !== "r") return new KernelError("EISDIR");
	const mask = how === "r" ? 4 : how === "w" ? 2 : 6;
	return permits(openCred(lc), st, mask) ? null : new KernelError("EACCES");
}

/**
 * fopen(path, "w") + fprintf + fflush of `data`: [null, null] on success,
 * else which step failed: ["open", errno] or ["write", errno].
 */
function writeOnce(
	lc: Libcg,
	path: string,
	data: string,
	how: "w" | "rw",
): ["open" | "write" | null, KernelError | null] {
	try {
		lc.os.writeFile(path, data, how);
		return [null, null];
	} catch (e) {
		const ke = asKernelError(e);
		return [openError(lc, path, how) !== null ? "open" : "write", ke];
	}
}

/** cg_test_mounted_fs(): whether /proc/self/mounts lists any cgroup or cgroup2 filesystem. */
export function cgTestMountedFs(lc: Libcg): boolean {
	let text: string;
	try {
		text = lc.os.readFile("/proc/self/mounts");
	} catch {
		return false;
	}
	return parseMounts(text).some((m) => m.type === "cgroup" || m.type === "cgroup2");
}

// ------------------------------------------------------------------ ownership and modes

/** cg_chown(): chown(2), the caller's real uid/gid standing for NO_UID_GID. */
function cgChown(lc: Libcg, path: string, uid: number, gid: number): KernelError | null {
	const u = uid === NO_UID_GID ? lc.os.getuid() : uid;
	const g = gid === NO_UID_GID ? lc.os.getgid() : gid;
	try {
		lc.os.chown(path, u, g);
		return null;
	} catch (e) {
		return asKernelError(e);
	}
}

/** fts_info of a physical walk without stat (FTS_PHYSICAL | FTS_NOCHDIR | FTS_NOSTAT). */
type PhysInfo = "D" | "DP" | "DNR" | "F" | "NSOK" | "NS" | "SL" | "DEFAULT";

interface PhysEnt {
	readonly path: string;
	readonly name: string;
	readonly info: PhysInfo;
}

/**
 * glibc fts_read() over one root, physical and without stat(): the root
 * and each subdirectory in pre-order (D) and post-order (DP, or DNR when it
 * cannot be read), other entries as NSOK, children in directory order.
 * A child's path is its parent's with one trailing "/" dropped, then "/"
 * and its name.
 */
function* ftsPhysical(lc: Libcg, root: string): Generator<PhysEnt> {
	let st: CgStat;
	try {
		st = lc.os.lstat(root);
	} catch {
		yield { path: root, name: root, info: "NS" };
		return;
	}
	if (st.type !== "dir") {
		yield {
			path: root,
			name: root,
			info: st.type === "file" ? "F" : st.type === "link" ? "SL" : "DEFAULT",
		};
		return;
	}
	yield* ftsDir(lc, root, root);
}

function* ftsDir(lc: Libcg, path: string, name: string): Generator<PhysEnt> {
	yield { path, name, info: "D" };
	let kids: { name: string; type: CgStat["type"] }[];
	try {
		kids = lc.os.readdir(path);
	} catch {
		yield { path, name, info: "DNR" };
		return;
	}
	const base = path.endsWith("/") ? path.slice(0, -1) : path;
	for (const k of kids) {
		const p = `${base}/${k.name}`;
		if (k.type !== "dir") {
			yield { path: p, name: k.name, info: "NSOK" };
			continue;
		}
		let kst: CgStat;
		try {
			kst = lc.os.lstat(p);
		} catch {
			yield { path: p, name: k.name, info: "NS" };
			continue;
		}
		if (kst.type === "dir") yield* ftsDir(lc, p, k.name);
		else yield { path: p, name: k.name, info: kst.type === "file" ? "F" : "DEFAULT" };
	}
	yield { path, name, info: "DP" };
}

/**
 * cg_chown_recursive(): chown every entry of the tree at `path`
 * (directories twice, before and after their contents). As in the C code
 * only the last entry's result (the root's post-order visit) counts.
 */
export function cgChownRecursive(lc: Libcg, path: string, uid: number, gid: number): number {
	lc.dbg(`chown: path is ${path}\n`);
	let ret = 0;
	for (const ent of ftsPhysical(lc, path)) {
		lc.dbg(`chown: seeing file ${ent.path}\n`);
		const err = cgChown(lc, ent.path, uid, gid);
		ret = 0;
		if (err !== null) {
			lc.warn(`cannot change owner of file ${ent.path}: ${err.strerror}\n`);
			lc.lastErrno = err;
			ret = ECGOTHER;
		}
	}
	lc.warn("fts_read failed\n");
	return ret;
}

/**
 * cg_chmod_path(): open the file read-only and fchmod it to `mode`; with
 * ownerIsUmask the owner's bits of its current mode bound the group and
 * other bits (the set-id and sticky bits pass).
 */
export function cgChmodPath(lc: Libcg, path: string, mode: number, ownerIsUmask: boolean): number {
	const fail = (e: KernelError): number => {
		lc.warn(`cannot change permissions of file ${path}: ${e.strerror}\n`);
		lc.lastErrno = e;
		return ECGOTHER;
	};
	const oe = openError(lc, path, "r");
	if (oe !== null) return fail(oe);
	let mask = 0xffffffff;
	try {
		if (ownerIsUmask) {
			const u = lc.os.stat(path).perm & 0o700;
			const g = u >> 3;
			mask = u | g | (g >> 3) | 0o7000;
		}
		lc.os.chmod(path, (mode & mask) >>> 0);
	} catch (e) {
		return fail(asKernelError(e));
	}
	return 0;
}

/**
 * cg_chmod_recursive_controller(): directories to `dirMode` (when
 * dirmChange), other entries to `fileMode` (when filemChange), skipping
 * entries named in `ignore`; every failure is remembered.
 */
export function cgChmodRecursiveController(
	lc: Libcg,
	path: string,
	dirMode: number,
	dirmChange: boolean,
	fileMode: number,
	filemChange: boolean,
	ownerIsUmask: boolean,
	ignore: readonly string[] | null,
): number {
	let finalRet = 0;
	lc.dbg(`chmod: path is ${path}\n`);
	for (const ent of ftsPhysical(lc, path)) {
		if (ignore?.includes(ent.name)) continue;
		lc.dbg(`chmod: seeing file ${ent.path}\n`);
		let ret = 0;
		switch (ent.info) {
			case "D":
			case "DNR":
			case "DP":
				if (dirmChange) ret = cgChmodPath(lc, ent.path, dirMode, ownerIsUmask);
				break;
			case "F":
			case "NSOK":
			case "NS":
			case "DEFAULT":
				if (filemChange) ret = cgChmodPath(lc, ent.path, fileMode, ownerIsUmask);
				break;
			case "SL":
				break;
		}
		if (ret !== 0) {
			// The C code prints its path array with %s here; the path stands in for it.
			lc.warn(`cannot change file mode ${path}: ${lc.lastErrno?.strerror ?? "Success"}\n`);
			finalRet = ECGOTHER;
		}
	}
	return finalRet;
}

/** cg_chmod_recursive(): cg_chmod_recursive_controller() in every hierarchy of the cgroup. */
export function cgChmodRecursive(
	lc: Libcg,
	cgroup: Cgroup,
	dirMode: number,
	dirmChange: boolean,
	fileMode: number,
	filemChange: boolean,
): number {
	let finalRet = 0;
	for (const c of cgroup.controllers) {
		const path = lc.buildPath(cgroup.name, c.name);
		if (path === null) return ECGFAIL;
		const ret = cgChmodRecursiveController(
			lc,
			path,
			dirMode,
			dirmChange,
			fileMode,
			filemChange,
			false,
			null,
		);
		if (ret !== 0) finalRet = ret;
	}
	return finalRet;
}

/** cgroup_set_permissions(): the modes cgroup_create_cgroup() gives directories, control files and the tasks file. */
export function cgroupSetPermissions(
	cgroup: Cgroup,
	controlDperm: number,
	controlFperm: number,
	taskFperm: number,
): void {
	cgroup.controlDperm = controlDperm >>> 0;
	cgroup.controlFperm = controlFperm >>> 0;
	cgroup.taskFperm = taskFperm >>> 0;
}

/** cgroup_chown_chmod_tasks(): the owner and mode of a v1 cgroup's tasks file. */
export function cgroupChownChmodTasks(
	lc: Libcg,
	cgPath: string,
	uid: number,
	gid: number,
	fperm: number,
): number {
	const tasks = `${cgPath}/tasks`;
	const err = cgChown(lc, tasks, uid, gid);
	if (err !== null) {
		lc.lastErrno = err;
		return ECGOTHER;
	}
	if (fperm !== NO_PERMS && cgChmodPath(lc, tasks, fperm, true) !== 0) return ECGOTHER;
	return 0;
}

// ------------------------------------------------------------------ writing control files

/**
 * cg_mkdir_p(): create every missing directory of `path` with mode 0775
 * (umask applied); EEXIST is fine, EPERM is ECGROUPNOTOWNER, EROFS is fine
 * for a directory that exists, anything else ECGROUPNOTALLOWED.
 */
export function cgMkdirP(lc: Libcg, path: string): number {
	let i = 0;
	for (;;) {
		while (i < path.length && path[i] === "/") i++;
		if (i >= path.length) return 0;
		while (i < path.length && path[i] !== "/") i++;
		const prefix = path.slice(0, i);
		try {
			lc.os.mkdir(prefix, 0o775);
		} catch (e) {
			const ke = asKernelError(e);
			if (ke.code === "EPERM") return ECGROUPNOTOWNER;
			if (ke.code === "EROFS") {
				try {
					lc.os.stat(prefix);
				} catch {
					return ECGROUPNOTALLOWED;
				}
			} else if (ke.code !== "EEXIST") return ECGROUPNOTALLOWED;
		}
		if (i >= path.length) return 0;
	}
}

/** cg_create_control_group(): cg_mkdir_p() when some cgroup filesystem is mounted. */
export function cgCreateControlGroup(lc: Libcg, path: string): number {
	if (!cgTestMountedFs(lc)) return ECGROUPNOTMOUNTED;
	return cgMkdirP(lc, path);
}

/**
 * cg_set_control_value(): open `path` read-write and write `val` one line
 * per write(2), empty lines skipped. A failed open gives
 * ECGROUPVALUENOTEXIST (EPERM: ECGROUPNOTALLOWED, or
 * ECGROUPSUBSYSNOTMOUNTED when "<path>/tasks" is missing, which the C code
 * looks for); a failed write ECGOTHER with its errno.
 */
export function cgSetControlValue(lc: Libcg, path: string, val: string): number {
	if (!cgTestMountedFs(lc)) return ECGROUPNOTMOUNTED;
	const openFailed = (e: KernelError): number => {
		if (e.code !== "EPERM") return ECGROUPVALUENOTEXIST;
		try {
			lc.os.readFile(`${path}/tasks`);
		} catch (e2) {
			if (asKernelError(e2).code === "ENOENT") return ECGROUPSUBSYSNOTMOUNTED;
		}
		return ECGROUPNOTALLOWED;
	};
	const lines = val.split("\n");
	let opened = false;
	for (const line of lines) {
		if (line === "") {
			lc.warn(`skipping empty line for ${path}\n`);
			continue;
		}
		const [step, err] = writeOnce(lc, path, line, "rw");
		if (step === "open" && !opened) return openFailed(err as KernelError);
		if (step !== null) {
			lc.lastErrno = err;
			return ECGOTHER;
		}
		opened = true;
	}
	if (!opened) {
		const oe = openError(lc, path, "rw");
		if (oe !== null) return openFailed(oe);
	}
	return 0;
}

/**
 * cgroup_set_values_recursive(): write the controller's settings into the
 * cgroup directory `base` (ending in "/"): clean ones skipped when
 * ignoreNonDirty, multi-line and empty values skipped, files without the
 * owner's write bit skipped, a missing file ECGROUPVALUENOTEXIST, a setting
 * refused with EOPNOTSUPP ignored; each written value becomes clean.
 */
export function cgroupSetValuesRecursive(
	lc: Libcg,
	base: string,
	controller: CgroupController,
	ignoreNonDirty: boolean,
): number {
	for (const cv of controller.values) {
		if (ignoreNonDirty && !cv.dirty) continue;
		// strcspn(value, "\n") < strlen(value) - 1, in size_t: an empty value counts as multi-line.
		const nl = cv.value.indexOf("\n");
		if (cv.value === "" || (nl >= 0 && nl < cv.value.length - 1)) continue;
		const path = `${base}${cv.name}`;
		let st: CgStat;
		try {
			st = lc.os.stat(path);
		} catch (e) {
			lc.lastErrno = asKernelError(e);
			return ECGROUPVALUENOTEXIST;
		}
		if (!(st.perm & 0o200)) continue;
		lc.dbg(`setting ${path} to "${cv.value}", pathlen 0\n`);
		const error = cgSetControlValue(lc, path, cv.value);
		if (error !== 0) {
			if (lc.lastErrno?.code === "EOPNOTSUPP") continue;
			return error;
		}
		cv.dirty = false;
	}
	return 0;
}

// ------------------------------------------------------------------ cgroup v2 controllers

/**
 * __cgroupv2_get_enabled(): whether `ctrlName` is listed in the first line
 * of <path>/cgroup.subtree_control or cgroup.controllers. [code, enabled]:
 * 0 when listed, ECGROUPNOTMOUNTED when not (or the file is empty),
 * ECGOTHER when it cannot be opened.
 */
function cgroupv2GetEnabled(
	lc: Libcg,
	path: string,
	ctrlName: string,
	file: string,
): [number, boolean] {
	let text: string;
	try {
		text = lc.os.readFile(`${path}/${file}`);
	} catch (e) {
		lc.warn("fopen failed\n");
		lc.lastErrno = asKernelError(e);
		return [ECGOTHER, false];
	}
	if (text === "") return [ECGROUPNOTMOUNTED, false];
	// fgets() of at most FILENAME_MAX - 1 characters, its last character dropped.
	const nl = text.indexOf("\n");
	const line = (nl < 0 ? text : text.slice(0, nl + 1)).slice(0, 4095).slice(0, -1);
	for (const tok of line.split(" ")) {
		if (tok !== "" && tok === ctrlName) return [0, true];
	}
	return [ECGROUPNOTMOUNTED, false];
}

/** cgroupv2_get_subtree_control(): [code, enabled] for <path>/cgroup.subtree_control. */
export function cgroupv2GetSubtreeControl(
	lc: Libcg,
	path: string,
	ctrlName: string,
): [number, boolean] {
	return cgroupv2GetEnabled(lc, path, ctrlName, CGV2_SUBTREE_CTRL_FILE);
}

/** cgroupv2_get_controllers(): [code, enabled] for <path>/cgroup.controllers. */
export function cgroupv2GetControllers(
	lc: Libcg,
	path: string,
	ctrlName: string,
): [number, boolean] {
	return cgroupv2GetEnabled(lc, path, ctrlName, CGV2_CONTROLLERS_FILE);
}

/** cgroupv2_subtree_control(): write "+ctrl" or "-ctrl" to <path>/cgroup.subtree_control. */
export function cgroupv2SubtreeControl(
	lc: Libcg,
	path: string,
	ctrlName: string,
	enable: boolean,
): number {
	return cgSetControlValue(
		lc,
		`${path}/${CGV2_SUBTREE_CTRL_FILE}`,
		`${enable ? "+" : "-"}${ctrlName}`,
	);
}

/**
 * cgroupv2_subtree_control_recursive(): for each directory below the
 * controller's mount point on the way to `path` (or the mount point
 * itself when path is the mount point), create it and enable the
 * controller in its subtree_control.
 */
export function cgroupv2SubtreeControlRecursive(
	lc: Libcg,
	path: string,
	ctrlName: string,
	enable: boolean,
): number {
	const m = lc.mountTable.find((e) => e.name === ctrlName.slice(0, CONTROL_NAMELEN_MAX));
	if (m === undefined) return ECGROUPSUBSYSNOTMOUNTED;
	const mountPath = m.paths[0] as string;
	let cur = path.slice(0, mountPath.length);
	const tokens = path
		.slice(mountPath.length)
		.split("/")
		.filter((t) => t !== "");
	let k = 0;
	do {
		const tok = tokens[k++];
		if (tok !== undefined) cur = `${cur}/${tok}`;
		let error = cgCreateControlGroup(lc, cur);
		if (error !== 0) return error;
		error = cgroupv2SubtreeControl(lc, cur, ctrlName, enable);
		if (error !== 0) return error;
	} while (k < tokens.length);
	return 0;
}

/**
 * cgroupv2_controller_enabled(): 0 when `ctrlName` may be used in cgroup
 * `cgName` (a v1 controller, no controller, the root cgroup, or enabled in
 * the parent's subtree_control), else the error of that lookup
 * (ECGROUPNOTMOUNTED when it is not enabled).
 */
export function cgroupv2ControllerEnabled(
	lc: Libcg,
	cgName: string,
	ctrlName: string | null,
): number {
	const [error, version] = lc.controllerVersion(ctrlName);
	if (error !== 0) return error;
	if (version !== CGROUP_V2) return 0;
	if (ctrlName === null) return 0;
	// strncmp(cg_name, "/", strlen(cg_name)): "" and "/" are the root.
	if (cgName === "" || cgName === "/") return 0;
	const path = lc.buildPath(cgName, ctrlName);
	if (path === null) return 0;
	return cgroupv2GetSubtreeControl(lc, dirname(path), ctrlName)[0];
}

// ------------------------------------------------------------------ attaching tasks

/**
 * __cgroup_attach_task_pid(): write `tid` to the tasks or cgroup.procs
 * file `path`. A failed open gives ECGROUPNOTOWNER (EPERM),
 * ECGROUPNOTEXIST (ENOENT) or ECGROUPNOTALLOWED, a failed write ECGOTHER;
 * both are logged as warnings.
 */
export function cgroupAttachTaskPidToPath(lc: Libcg, path: string, tid: number): number {
	const [step, err] = writeOnce(lc, path, String(tid), "w");
	if (step === null) return 0;
	const e = err as KernelError;
	let ret: number;
	if (step === "open") {
		ret =
			e.code === "EPERM"
				? ECGROUPNOTOWNER
				: e.code === "ENOENT"
					? ECGROUPNOTEXIST
					: ECGROUPNOTALLOWED;
	} else {
		lc.lastErrno = e;
		ret = ECGOTHER;
	}
	lc.warn(`cannot write tid ${tid} to ${path}:${e.strerror}\n`);
	return ret;
}

/**
 * cgroup_attach_task_pid(): move `tid` into `cgroup` in each of its
 * controllers' hierarchies (a cgroup without controllers: its cgroup v2
 * directory), or into the root cgroup of every mounted hierarchy when
 * cgroup is null.
 */
export function cgroupAttachTaskPid(lc: Libcg, cgroup: Cgroup | null, tid: number): number {
	if (!lc.initialized) {
		lc.warn("libcgroup is not initialized\n");
		return ECGROUPNOTINITIALIZED;
	}
	if (cgroup === null) {
		for (const m of lc.mountTable) {
			const [ret, path] = lc.buildTasksProcsPath(null, m.name);
			if (ret !== 0) return ret;
			const r = cgroupAttachTaskPidToPath(lc, path, tid);
			if (r !== 0) return r;
		}
		return 0;
	}
	for (const c of cgroup.controllers) {
		if (!lc.testSubsysMounted(c.name)) {
			lc.warn(`subsystem ${c.name} is not mounted\n`);
			return ECGROUPSUBSYSNOTMOUNTED;
		}
	}
	const names: (string | null)[] =
		cgroup.controllers.length === 0 ? [null] : cgroup.controllers.map((c) => c.name);
	for (const name of names) {
		let ret = cgroupv2ControllerEnabled(lc, cgroup.name, name);
		if (ret !== 0) return ret;
		const [r, path] = lc.buildTasksProcsPath(cgroup.name, name);
		if (r !== 0) return r;
		ret = cgroupAttachTaskPidToPath(lc, path, tid);
		if (ret !== 0) return ret;
	}
	return 0;
}

/** cgroup_attach_task(): move the calling thread (gettid(): the pid of a single-threaded tool). */
export function cgroupAttachTask(lc: Libcg, cgroup: Cgroup | null): number {
	return cgroupAttachTaskPid(lc, cgroup, lc.os.getpid());
}

// ------------------------------------------------------------------ modify, copy, create

/** cgroup_modify_cgroup(): write the dirty settings of every controller. */
export function cgroupModifyCgroup(lc: Libcg, cgroup: Cgroup | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (cgroup === null) return ECGROUPNOTALLOWED;
	for (const c of cgroup.controllers) {
		if (!lc.testSubsysMounted(c.name)) {
			lc.warn(`subsystem ${c.name} is not mounted\n`);
			return ECGROUPSUBSYSNOTMOUNTED;
		}
	}
	for (const c of cgroup.controllers) {
		const base = lc.buildPath(cgroup.name, c.name);
		if (base === null) continue;
		const error = cgroupSetValuesRecursive(lc, base, c, true);
		if (error !== 0) return error;
	}
	return 0;
}

/**
 * _cgroup_create_cgroup(): create the cgroup's directory in the hierarchy
 * of `controller` (null: the cgroup2 mount), enabling a v2 controller in
 * the ancestors' subtree_control first; then, unless ignoreOwnership, give
 * the tree its owner and modes; write the controller's settings; and give
 * a v1 tasks file its owner and mode.
 */
function createCgroupIn(
	lc: Libcg,
	cgroup: Cgroup,
	controller: CgroupController | null,
	ignoreOwnership: boolean,
): number {
	let version: CgVersion = 0;
	let path: string | null;
	if (controller !== null) {
		path = lc.buildPath(cgroup.name, controller.name);
		if (path === null) return ECGOTHER;
		const [error, v] = lc.controllerVersion(controller.name);
		if (error !== 0) return error;
		version = v;
		if (version === CGROUP_V2) {
			const e = cgroupv2SubtreeControlRecursive(lc, dirname(path), controller.name, true);
			if (e !== 0) return e;
		}
	} else {
		path = lc.buildPath(cgroup.name, null);
		if (path === null) return ECGOTHER;
	}
	let error = cgCreateControlGroup(lc, path);
	if (error !== 0) return error;
	if (!ignoreOwnership) {
		lc.dbg(`Changing ownership of ${path}\n`);
		error = cgChownRecursive(lc, path, cgroup.controlUid, cgroup.controlGid);
		if (error === 0) {
			error = cgChmodRecursiveController(
				lc,
				path,
				cgroup.controlDperm,
				cgroup.controlDperm !== NO_PERMS,
				cgroup.controlFperm,
				cgroup.controlFperm !== NO_PERMS,
				true,
				IGNORED_TASKS_FILES,
			);
		}
	}
	if (error !== 0) return error;
	if (controller !== null) {
		error = cgroupSetValuesRecursive(lc, path, controller, false);
		if (error !== 0) return error;
	}
	if (!ignoreOwnership && version === CGROUP_V1) {
		error = cgroupChownChmodTasks(lc, path, cgroup.tasksUid, cgroup.tasksGid, cgroup.taskFperm);
		if (error !== 0) return error;
	}
	return 0;
}

/**
 * cgroup_create_cgroup(): create the cgroup in the hierarchy of each of
 * its controllers (a cgroup without controllers: on the cgroup2 mount).
 * When one fails, what was created is deleted again and the error
 * returned.
 */
export function cgroupCreateCgroup(
	lc: Libcg,
	cgroup: Cgroup | null,
	ignoreOwnership: boolean,
): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (cgroup === null) return ECGROUPNOTALLOWED;
	for (const c of cgroup.controllers) {
		if (!lc.testSubsysMounted(c.name)) return ECGROUPSUBSYSNOTMOUNTED;
	}
	if (cgroup.controllers.length === 0) {
		const error = createCgroupIn(lc, cgroup, null, ignoreOwnership);
		if (error !== 0) return error;
	}
	for (const c of cgroup.controllers) {
		const error = createCgroupIn(lc, cgroup, c, ignoreOwnership);
		if (error !== 0) {
			const delError = cgroupDeleteCgroup(lc, cgroup, true);
			if (delError !== 0) lc.err(`Failed to delete ${cgroup.name}: ${lc.strerror(delError)}\n`);
			return error;
		}
	}
	return 0;
}

/** cgroup_get_parent_name(): [code, parent]; parent is null for the root cgroup ("" or a name that is its own dirname). */
export function cgroupGetParentName(lc: Libcg, cgroup: Cgroup): [number, string | null] {
	lc.dbg(`group name is ${cgroup.name}\n`);
	const pdir = dirname(cgroup.name);
	lc.dbg(`parent's group name is ${pdir}\n`);
	if (cgroup.name === "" || cgroup.name === pdir) {
		lc.dbg(`specified cgroup "${cgroup.name}" is root group\n`);
		return [0, null];
	}
	return [0, pdir];
}

/** is_cgrp_ctrl_shared_mnt(): whether the controller's hierarchy has other controllers too. */
export function isCgrpCtrlSharedMnt(lc: Libcg, controller: string | null): boolean {
	if (controller === null) return false;
	const m = lc.mountTable.find((e) => e.name === controller.slice(0, CONTROL_NAMELEN_MAX));
	return m?.sharedMnt ?? false;
}

/** The path with "." and empty components removed and ".." applied, as a mount table entry spells it. */
function normalizePath(path: string): string {
	const out: string[] = [];
	for (const c of path.split("/")) {
		if (c === "" || c === ".") continue;
		if (c === "..") out.pop();
		else out.push(c);
	}
	return `/${out.join("/")}`;
}

/** Whether `path` is a mount point (stat's st_dev differs from its parent's). */
function isMountPoint(lc: Libcg, path: string): boolean {
	let text: string;
	try {
		text = lc.os.readFile("/proc/self/mounts");
	} catch {
		return false;
	}
	const p = normalizePath(path);
	return p === "/" || parseMounts(text).some((m) => normalizePath(m.dir) === p);
}

/**
 * cgroup_find_parent(): [code, parent] of the cgroup in the hierarchy of
 * `controller`: null when the cgroup is the hierarchy's root (its
 * directory is a mount point), else cgroup_get_parent_name(). The cgroup
 * must exist: ECGOTHER (ECGROUPNOTEXIST on a shared hierarchy) otherwise.
 */
export function cgroupFindParent(
	lc: Libcg,
	cgroup: Cgroup,
	controller: string | null,
): [number, string | null] {
	const child = lc.buildPath(cgroup.name, controller);
	if (child === null) return [ECGFAIL, null];
	lc.dbg(`path is ${child}\n`);
	const parentPath = `${child}/..`;
	lc.dbg(`parent's name is ${parentPath}\n`);
	try {
		lc.os.stat(child);
	} catch (e) {
		lc.lastErrno = asKernelError(e);
		return [isCgrpCtrlSharedMnt(lc, controller) ? ECGROUPNOTEXIST : ECGOTHER, null];
	}
	try {
		lc.os.stat(parentPath);
	} catch (e) {
		lc.lastErrno = asKernelError(e);
		return [ECGOTHER, null];
	}
	if (isMountPoint(lc, child)) {
		lc.dbg("Parent is on different device\n");
		return [0, null];
	}
	return cgroupGetParentName(lc, cgroup);
}

/**
 * cgroup_create_cgroup_from_parent(): create the cgroup with the
 * controllers and settings its parent has.
 */
export function cgroupCreateCgroupFromParent(
	lc: Libcg,
	cgroup: Cgroup,
	ignoreOwnership: boolean,
): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	const [ret, parent] = cgroupGetParentName(lc, cgroup);
	if (ret !== 0) return ret;
	if (parent === null) return ECGFAIL;
	lc.dbg(`parent is ${parent}\n`);
	const parentCgroup = cgroupNewCgroup(parent);
	if (cgroupGetCgroup(lc, parentCgroup) !== 0) return ECGFAIL;
	lc.dbg(`got parent group for ${parentCgroup.name}\n`);
	const r = cgroupCopyCgroup(cgroup, parentCgroup);
	if (r !== 0) return r;
	lc.dbg(`copied parent group ${parentCgroup.name} to ${cgroup.name}\n`);
	return cgroupCreateCgroup(lc, cgroup, ignoreOwnership);
}

// ------------------------------------------------------------------ delete

/**
 * The tasks file of the group a deleted cgroup's tasks move to, opened
 * once with fopen("w") and written once per pid.
 */
export interface TargetTasks {
	readonly path: string;
}

/**
 * cg_move_task_files(): write every pid of `input` (a tasks or
 * cgroup.procs file's text) to `target`, one write(2) each; a task gone
 * meanwhile (ESRCH) is skipped, another failure stops with ECGOTHER.
 */
export function cgMoveTaskFiles(lc: Libcg, input: string, target: TargetTasks): number {
	const re = /[ \t\n\v\f\r]*([+-]?[0-9]+)/y;
	for (;;) {
		const m = re.exec(input);
		if (m === null) return 0;
		const tid = Number(BigInt.asIntN(32, BigInt(m[1] as string)));
		try {
			lc.os.writeFile(target.path, String(tid), "w");
		} catch (e) {
			const ke = asKernelError(e);
			if (ke.code === "ESRCH") continue;
			lc.lastErrno = ke;
			return ECGOTHER;
		}
	}
}

/**
 * cg_delete_cgroup_controller(): move the cgroup's tasks to `target`
 * (unless CGFLAG_DELETE_EMPTY_ONLY) and remove its directory in the
 * hierarchy of `controller`. A cgroup already gone is fine.
 */
export function cgDeleteCgroupController(
	lc: Libcg,
	cgroupName: string,
	controller: string | null,
	target: TargetTasks | null,
	flags: number,
): number {
	lc.dbg(`Removing group ${controller ?? "(null)"}:${cgroupName}\n`);
	if (!(flags & CGFLAG_DELETE_EMPTY_ONLY)) {
		const [r, path] = lc.buildTasksProcsPath(cgroupName, controller);
		if (r !== 0) return ECGROUPSUBSYSNOTMOUNTED;
		let ret = 0;
		let text: string | null = null;
		try {
			text = lc.os.readFile(path);
		} catch (e) {
			const ke = asKernelError(e);
			// The file not opening (rather than not reading) decides; a read error leaves nothing to move.
			const oe = openError(lc, path, "r");
			if (oe !== null && oe.code !== "ENOENT") {
				lc.err(`cannot open ${path}: ${ke.strerror}\n`);
				lc.lastErrno = ke;
				ret = ECGOTHER;
			} else if (oe === null) text = "";
		}
		if (text !== null && target !== null) {
			ret = cgMoveTaskFiles(lc, text, target);
			if (ret !== 0) lc.warn(`removing tasks from ${path} failed: ${lc.strerror(ret)}\n`);
		}
		if (ret !== 0 && !(flags & CGFLAG_DELETE_IGNORE_MIGRATION)) return ret;
	}
	const dir = lc.buildPath(cgroupName, controller);
	if (dir === null) return ECGROUPSUBSYSNOTMOUNTED;
	try {
		lc.os.rmdir(dir);
		return 0;
	} catch (e) {
		const ke = asKernelError(e);
		if (ke.code === "ENOENT") return 0;
		if (flags & CGFLAG_DELETE_EMPTY_ONLY && ke.code === "EBUSY") return ECGNONEMPTY;
		lc.warn(`cannot remove directory ${dir}: ${ke.strerror}\n`);
		lc.lastErrno = ke;
		return ECGOTHER;
	}
}

/**
 * cg_delete_cgroup_controller_recursive(): delete the cgroup's
 * descendants deepest first (the walk's post-order), then the cgroup
 * itself when deleteRoot.
 */
export function cgDeleteCgroupControllerRecursive(
	lc: Libcg,
	cgroupName: string,
	controller: string | null,
	target: TargetTasks | null,
	flags: number,
	deleteRoot: boolean,
): number {
	lc.dbg(`Recursively removing ${controller ?? "(null)"}:${cgroupName}\n`);
	const info = newFileInfo();
	const begin = cgroupWalkTreeBegin(lc, controller, cgroupName, 0, info);
	let ret = begin.ret;
	const handle = begin.handle;
	if (ret === 0) ret = cgroupWalkTreeSetFlags(lc, handle, CGROUP_WALK_TYPE_POST_DIR);
	if (ret !== 0) {
		cgroupWalkTreeEnd(lc, handle);
		return ret;
	}
	const groupLen = info.fullPath.length;
	ret = cgroupWalkTreeNext(lc, 0, handle, info, begin.baseLevel);
	while (ret === 0) {
		if (info.type === CGROUP_FILE_TYPE_DIR && info.depth > 0) {
			const child = `${cgroupName}/${info.fullPath.slice(groupLen)}`;
			ret = cgDeleteCgroupController(lc, child, controller, target, flags);
			if (ret !== 0) break;
		}
		ret = cgroupWalkTreeNext(lc, 0, handle, info, begin.baseLevel);
	}
	if (ret === ECGEOF) {
		ret = 0;
		if (deleteRoot) ret = cgDeleteCgroupController(lc, cgroupName, controller, target, flags);
	}
	cgroupWalkTreeEnd(lc, handle);
	return ret;
}

/** cgroup_delete_cgroup(): cgroup_delete_cgroup_ext() with CGFLAG_DELETE_IGNORE_MIGRATION or nothing. */
export function cgroupDeleteCgroup(
	lc: Libcg,
	cgroup: Cgroup | null,
	ignoreMigration: boolean,
): number {
	return cgroupDeleteCgroupExt(lc, cgroup, ignoreMigration ? CGFLAG_DELETE_IGNORE_MIGRATION : 0);
}

/**
 * cgroup_delete_cgroup_ext(): remove the cgroup from the hierarchy of each
 * of its controllers (none: the cgroup2 mount), its tasks moving to its
 * parent there; with CGFLAG_DELETE_RECURSIVE its descendants first (the
 * root cgroup then only loses its descendants). Every controller is tried;
 * the first error is returned, with its errno in lc.lastErrno.
 */
export function cgroupDeleteCgroupExt(lc: Libcg, cgroup: Cgroup | null, flags: number): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (cgroup === null) return ECGROUPNOTALLOWED;
	if (flags & CGFLAG_DELETE_RECURSIVE && flags & CGFLAG_DELETE_EMPTY_ONLY) return ECGINVAL;
	for (const c of cgroup.controllers) {
		if (!lc.testSubsysMounted(c.name)) return ECGROUPSUBSYSNOTMOUNTED;
	}
	let firstError = 0;
	let firstErrno: KernelError | null | undefined;
	let delOnSharedMnt = false;
	let deleteGroup = true;
	const names: (string | null)[] =
		cgroup.controllers.length === 0 ? [null] : cgroup.controllers.map((c) => c.name);
	for (const controllerName of names) {
		let ret = 0;
		let parentName: string | null = null;
		if (!(flags & CGFLAG_DELETE_EMPTY_ONLY)) {
			const found = cgroupFindParent(lc, cgroup, controllerName);
			ret = found[0];
			parentName = found[1];
			if (ret !== 0) {
				if (firstError === 0 && (ret !== ECGROUPNOTEXIST || !delOnSharedMnt)) {
					firstErrno = lc.lastErrno;
					firstError = ECGOTHER;
				}
				continue;
			}
			if (isCgrpCtrlSharedMnt(lc, controllerName)) delOnSharedMnt = true;
			if (parentName === null) {
				if (!(flags & CGFLAG_DELETE_RECURSIVE)) continue;
				parentName = ".";
				deleteGroup = false;
			}
		}
		let target: TargetTasks | null = null;
		if (parentName !== null) {
			const [r, parentPath] = lc.buildTasksProcsPath(parentName, controllerName);
			if (r !== 0) {
				if (firstError === 0) firstError = ECGFAIL;
				continue;
			}
			const oe = openError(lc, parentPath, "w");
			if (oe !== null) {
				if (firstError === 0) {
					lc.warn(`cannot open tasks file ${parentPath}: ${oe.strerror}\n`);
					firstErrno = oe;
					firstError = ECGOTHER;
				}
				continue;
			}
			target = { path: parentPath };
		}
		if (flags & CGFLAG_DELETE_RECURSIVE) {
			ret = cgDeleteCgroupControllerRecursive(
				lc,
				cgroup.name,
				controllerName,
				target,
				flags,
				deleteGroup,
			);
		} else {
			ret = cgDeleteCgroupController(lc, cgroup.name, controllerName, target, flags);
		}
		if (ret !== 0 && ret !== ECGNONEMPTY && firstError === 0) {
			firstErrno = lc.lastErrno;
			firstError = ret;
		}
	}
	if (firstErrno !== undefined && firstErrno !== null) lc.lastErrno = firstErrno;
	return firstError;
}

// ------------------------------------------------------------------ reading a cgroup

/**
 * cg_rd_ctrl_file(): [code, value] of control file `file` of `cgroup` in
 * the hierarchy of `subsys`: at most CG_CONTROL_VALUE_MAX - 1 bytes, one
 * trailing newline dropped. A file that opens but cannot be read has an
 * empty value; one that does not open is ECGROUPVALUENOTEXIST.
 */
export function cgRdCtrlFile(
	lc: Libcg,
	subsys: string,
	cgroup: string,
	file: string,
): [number, string | null] {
	const dir = lc.buildPath(cgroup, subsys);
	if (dir === null) return [ECGFAIL, null];
	const path = `${dir}${file}`;
	let text: string;
	try {
		text = lc.os.readFile(path).slice(0, CG_CONTROL_VALUE_MAX - 1);
	} catch {
		if (openError(lc, path, "r") !== null) return [ECGROUPVALUENOTEXIST, null];
		text = "";
	}
	return [0, text.endsWith("\n") ? text.slice(0, -1) : text];
}

/**
 * cgroup_fill_cgc(): for one regular file `name` of the cgroup's directory
 * in hierarchy mountTable[cgIndex]: a file other than "tasks" gives the
 * cgroup its control_uid/gid; a file "<controller>.<x>" of that hierarchy's
 * controller is read into `cgc`. ECGFAIL when the file cannot be stat'd or
 * its value not added, ECGINVAL for a name without a ".".
 */
export function cgroupFillCgc(
	lc: Libcg,
	name: string,
	cgroup: Cgroup,
	cgc: CgroupController,
	cgIndex: number,
): number {
	if (name === "." || name === "..") return ECGINVAL;
	const mt = lc.mountTable[cgIndex];
	if (mt === undefined) return ECGFAIL;
	const path = `${lc.buildPath(cgroup.name, mt.name) ?? ""}${name}`;
	let st: CgStat;
	try {
		st = lc.os.stat(path);
	} catch {
		return ECGFAIL;
	}
	if (!path.endsWith("/tasks")) {
		cgroup.controlUid = st.uid;
		cgroup.controlGid = st.gid;
	}
	const tokens = name.split(".").filter((t) => t !== "");
	const ctrlName = tokens[0];
	if (ctrlName === undefined) return ECGFAIL;
	if (tokens[1] === undefined) return ECGINVAL;
	if (ctrlName !== mt.name) return 0;
	const [error, value] = cgRdCtrlFile(lc, mt.name, cgroup.name, name);
	if (error !== 0 || value === null) return error;
	if (cgroupAddValueString(lc, cgc, name, value) !== 0) return ECGFAIL;
	return 0;
}

/**
 * cgroup_get_cgroup(): read the cgroup from the filesystem: every mounted
 * controller (or those already added to it) in whose hierarchy the cgroup
 * exists, with all its settings and the owners of its files. A v2
 * controller not enabled for the cgroup is left out unless asked for.
 * ECGROUPNOTEXIST when it exists nowhere; on any error the controllers
 * are dropped.
 */
export function cgroupGetCgroup(lc: Libcg, cgroup: Cgroup | null): number {
	if (!lc.initialized) return ECGROUPNOTINITIALIZED;
	if (cgroup === null) return ECGROUPNOTALLOWED;
	const initialCount = cgroup.controllers.length;
	let controllerCnt = 0;
	const fail = (error: number): number => {
		cgroupFreeControllers(cgroup);
		return error;
	};
	for (let i = 0; i < lc.mountTable.length; i++) {
		const mt = lc.mountTable[i] as (typeof lc.mountTable)[number];
		if (initialCount > 0 && !cgroup.controllers.some((c) => c.name === mt.name)) continue;
		const mnt = lc.buildPath(null, mt.name);
		if (mnt === null) continue;
		try {
			lc.os.stat(`${mnt}${cgroup.name}`);
		} catch {
			continue;
		}
		const cgrpCtrlPath = lc.buildPath(cgroup.name, mt.name);
		if (cgrpCtrlPath === null) continue;
		if (mt.version === CGROUP_V1) {
			try {
				const st = lc.os.stat(`${cgrpCtrlPath}/tasks`);
				cgroup.tasksUid = st.uid;
				cgroup.tasksGid = st.gid;
			} catch (e) {
				lc.lastErrno = asKernelError(e);
				return fail(ECGOTHER);
			}
		} else {
			const [error] = cgroupv2GetControllers(lc, cgrpCtrlPath, mt.name);
			if (error === ECGROUPNOTMOUNTED) {
				if (initialCount === 0) {
					controllerCnt++;
					continue;
				}
			} else if (error !== 0) return fail(error);
		}
		const cgc =
			initialCount > 0
				? cgroupGetController(cgroup, mt.name)
				: cgroupAddController(lc, cgroup, mt.name);
		if (cgc === null) return fail(ECGINVAL);
		let entries: { name: string; type: CgStat["type"] }[];
		try {
			entries = lc.os.readdir(cgrpCtrlPath);
		} catch (e) {
			lc.lastErrno = asKernelError(e);
			return fail(ECGOTHER);
		}
		controllerCnt++;
		for (const ent of entries) {
			if (ent.type !== "file") continue;
			const error = cgroupFillCgc(lc, ent.name, cgroup, cgc, i);
			for (const v of cgc.values) v.dirty = false;
			if (error === ECGFAIL) return fail(error);
		}
		if (cgc.name === "memory") {
			// memory.limit_in_bytes goes before memory.memsw.limit_in_bytes, so that they can be written in order.
			const memsw = cgc.values.findIndex((v) => v.name === "memory.memsw.limit_in_bytes");
			const mem = cgc.values.findIndex((v) => v.name === "memory.limit_in_bytes");
			if (memsw >= 0 && memsw < mem) {
				const a = cgc.values[memsw] as (typeof cgc.values)[number];
				cgc.values[memsw] = cgc.values[mem] as typeof a;
				cgc.values[mem] = a;
			}
		}
	}
	if (controllerCnt === 0) return fail(ECGROUPNOTEXIST);
	return 0;
}

/**
 * cgroup_get_procs(): [code, pids] of the cgroup's cgroup.procs in the
 * hierarchy of `controller`, sorted. ECGROUPUNSUPP when there is no such
 * file (cgroup v1 before cgroup.procs), ECGOTHER for another failure.
 */
export function cgroupGetProcs(
	lc: Libcg,
	name: string,
	controller: string | null,
): [number, number[]] {
	const dir = lc.buildPath(name, controller);
	if (dir === null) {
		lc.lastErrno = new KernelError("ENOENT");
		return [ECGROUPUNSUPP, []];
	}
	let text: string;
	try {
		text = lc.os.readFile(`${dir}/cgroup.procs`);
	} catch (e) {
		const ke = asKernelError(e);
		lc.lastErrno = ke;
		return [ke.code === "ENOENT" ? ECGROUPUNSUPP : ECGOTHER, []];
	}
	const pids: number[] = [];
	const re = /[ \t\n\v\f\r]*([+-]?[0-9]+)/y;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		pids.push(Number(BigInt.asIntN(32, BigInt(m[1] as string))));
	}
	pids.sort((a, b) => a - b);
	return [0, pids];
}

// ------------------------------------------------------------------ /proc/<pid>/cgroup

/** A FILE read with fscanf(): the text and the position. */
class Scanner {
	private readonly text: string;
	pos = 0;

	constructor(text: string) {
		this.text = text;
	}

	get eof(): boolean {
		return this.pos >= this.text.length;
	}

	private skipSpace(): void {
		while (!this.eof && /[ \t\n\v\f\r]/.test(this.text[this.pos] as string)) this.pos++;
	}

	/**
	 * A small fscanf(): directives "%d", "%*[^\n]", "%[^:]" (stored),
	 * "%4096s", a literal character, or " " (any white space, as "\n" in a
	 * format). Returns the number of stored conversions, or -1 (EOF) when
	 * the input ends before the first conversion.
	 */
	scan(format: readonly string[], out: string[]): number {
		let n = 0;
		// glibc returns EOF for end of input when nothing has been stored yet.
		const eofResult = () => (n > 0 ? n : -1);
		for (const d of format) {
			if (d === " ") {
				this.skipSpace();
				continue;
			}
			if (d === "%d") {
				this.skipSpace();
				if (this.eof) return eofResult();
				const m = /^[+-]?[0-9]+/.exec(this.text.slice(this.pos));
				if (m === null) return n;
				this.pos += m[0].length;
				out.push(m[0]);
				n++;
				continue;
			}
			if (d === "%s") {
				this.skipSpace();
				if (this.eof) return eofResult();
				const start = this.pos;
				while (
					!this.eof &&
					this.pos - start < 4096 &&
					!/[ \t\n\v\f\r]/.test(this.text[this.pos] as string)
				) {
					this.pos++;
				}
				out.push(this.text.slice(start, this.pos));
				n++;
				continue;
			}
			if (d === "%[^:]" || d === "%*[^\n]") {
				if (this.eof) return eofResult();
				const stop = d === "%[^:]" ? ":" : "\n";
				const start = this.pos;
				while (!this.eof && this.text[this.pos] !== stop) this.pos++;
				if (this.pos === start) return n;
				if (d === "%[^:]") {
					out.push(this.text.slice(start, this.pos));
					n++;
				}
				continue;
			}
			// A literal character.
			if (this.eof) return eofResult();
			if (this.text[this.pos] !== d) return n;
			this.pos++;
		}
		return n;
	}
}

/**
 * cgroup_get_current_controller_path(): [code, path] of the cgroup task
 * `pid` is in, in the hierarchy of `controller` (null: cgroup v2), from
 * /proc/<pid>/cgroup.
 */
export function cgroupGetCurrentControllerPath(
	lc: Libcg,
	pid: number,
	controller: string | null,
): [number, string | null] {
	if (!lc.initialized) {
		lc.warn("libcgroup is not initialized\n");
		return [ECGROUPNOTINITIALIZED, null];
	}
	const mode = lc.setupMode();
	if (mode === CGROUP_MODE_LEGACY && controller === null) return [ECGOTHER, null];
	let unified: boolean;
	if (controller === null) unified = true;
	else {
		const [r, version] = lc.controllerVersion(controller);
		if (r !== 0) {
			lc.warn(`Failed to get version of the controller: ${controller}\n`);
			return [ECGINVAL, null];
		}
		unified = version === CGROUP_V2;
	}
	let text: string;
	try {
		text = lc.os.readFile(`/proc/${pid}/cgroup`);
	} catch {
		return [ECGROUPNOTEXIST, null];
	}
	const fp = new Scanner(text);
	let ret = ECGROUPNOTEXIST;
	while (!fp.eof) {
		if (mode === CGROUP_MODE_UNIFIED || unified) {
			const out: string[] = [];
			ret = fp.scan(["%d", ":", ":", "%s", " "], out);
			if (ret !== 2) {
				if (unified) {
					ret = fp.scan(["%*[^\n]", " "], []);
					if (ret === 0) continue;
				}
				lc.warn(`read failed for pid_cgroup_fd ret ${ret}\n`);
				lc.lastErrno = null;
				return [ECGOTHER, null];
			}
			const path = out[1] as string;
			if (controller !== null) {
				const r = cgroupv2ControllerEnabled(lc, path, controller);
				if (r !== 0) return [r, null];
			}
			return [0, path];
		}
		const out: string[] = [];
		ret = fp.scan(["%d", ":", "%[^:]", ":", "%s", " "], out);
		if (ret !== 3) {
			lc.warn(`read failed for pid_cgroup_fd ret ${ret}\n`);
			lc.lastErrno = null;
			return [ECGOTHER, null];
		}
		for (const tok of (out[1] as string).split(",")) {
			if (tok !== "" && tok === controller) return [0, out[2] as string];
		}
	}
	return [ret, null];
}

// ------------------------------------------------------------------ the mount table

/** cgroup_get_subsys_mount_point(): [code, the first mount point of `controller`]. */
export function cgroupGetSubsysMountPoint(
	lc: Libcg,
	controller: string | null,
): [number, string | null] {
	if (!lc.initialized) return [ECGROUPNOTINITIALIZED, null];
	if (controller === null) return [ECGINVAL, null];
	const m = lc.mountTable.find((e) => e.name === controller);
	return m === undefined ? [ECGROUPNOTEXIST, null] : [0, m.paths[0] as string];
}

/**
 * cgroup_list_mount_points(): [code, paths] of the hierarchies of one
 * version, each mount point once, in mount table order; for v2 the
 * cgroup2 mounts without controllers follow.
 */
export function cgroupListMountPoints(lc: Libcg, version: CgVersion): [number, string[]] {
	if (!lc.initialized) return [ECGROUPNOTINITIALIZED, []];
	if (version !== CGROUP_V1 && version !== CGROUP_V2) return [ECGINVAL, []];
	const out: string[] = [];
	for (const m of lc.mountTable) {
		if (m.version !== version) continue;
		for (const p of m.paths) if (!out.includes(p)) out.push(p);
	}
	if (version === CGROUP_V2) {
		for (const p of lc.v2EmptyMountPaths) {
			// search_and_append_mnt_path() reports a duplicate here as an error.
			if (out.includes(p)) return [ECGVALUEEXISTS, []];
			out.push(p);
		}
	}
	return [0, out];
}

/** is_cgroup_mode_legacy(). */
export function isCgroupModeLegacy(lc: Libcg): boolean {
	return lc.setupMode() === CGROUP_MODE_LEGACY;
}

/** is_cgroup_mode_hybrid(). */
export function isCgroupModeHybrid(lc: Libcg): boolean {
	return lc.setupMode() === CGROUP_MODE_HYBRID;
}

/** is_cgroup_mode_unified(). */
export function isCgroupModeUnified(lc: Libcg): boolean {
	return lc.setupMode() === CGROUP_MODE_UNIFIED;
}

// re-exported so that tools reach the model through one module
export { cgroupCopyCgroup, cgroupCopyControllerValues } from "./cgroup.ts";
