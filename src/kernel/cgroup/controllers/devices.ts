/**
 * The devices controller (security/device_cgroup.c, cgroup v1 only): each
 * cgroup has a default behaviour (allow or deny every device) and a list
 * of exceptions to it. devices.allow and devices.deny edit the list (or,
 * with `a`, reset the behaviour), devices.list shows it. A child never
 * gains access its parent lacks: new allowances are checked against the
 * parent, and a parent's new restriction is pushed down the subtree.
 * Opening a device node and mknod check the caller's cgroup
 * (devcgroupInodePermission(), devcgroupInodeMknod()).
 */
import { CAP_SYS_ADMIN } from "../../cred.ts";
import { KernelError } from "../../errno.ts";
import { strstrip } from "../../kstrto.ts";
import type { Task } from "../../task.ts";
import type { CfType, CgroupOpenFile } from "../cftype.ts";
import { CgroupSubsysState } from "../css.ts";
import type { SubsystemDef } from "../subsys.ts";
import {
	ALLOW_ALL_LINE,
	DEVCG_ACC_MKNOD,
	DEVCG_ACC_READ,
	DEVCG_ACC_WRITE,
	DEVCG_DEV_BLOCK,
	DEVCG_DEV_CHAR,
	type DevExceptionItem,
	devExceptionAdd,
	devExceptionRm,
	devExceptionsCopy,
	formatException,
	matchException,
	matchExceptionPartial,
	parseDevcgRequest,
} from "./devices-exception.ts";

/** enum devcg_behavior: NONE until online and again once offline. */
export const DEVCG_DEFAULT_NONE = 0;
export const DEVCG_DEFAULT_ALLOW = 1;
export const DEVCG_DEFAULT_DENY = 2;

/** The files' private values. */
const DEVCG_ALLOW = 1;
const DEVCG_DENY = 2;
const DEVCG_LIST = 3;

/** struct dev_cgroup. */
export class DevCgroup extends CgroupSubsysState {
	exceptions: DevExceptionItem[] = [];
	behavior = DEVCG_DEFAULT_NONE;

	get devParent(): DevCgroup | null {
		return this.parent as DevCgroup | null;
	}

	/** css_has_online_children(). */
	hasOnlineChildren(): boolean {
		for (const child of this.children()) if (child.online) return true;
		return false;
	}

	/** The child csses of live child cgroups. */
	*children(): IterableIterator<DevCgroup> {
		const ssid = this.ss!.id;
		for (const c of this.cgroup.children.values()) {
			const css = c.subsys(ssid);
			if (css instanceof DevCgroup) yield css;
		}
	}

	/** css_for_each_descendant_pre(), without this css. */
	*descendantsPre(): IterableIterator<DevCgroup> {
		for (const child of this.children()) {
			yield child;
			yield* child.descendantsPre();
		}
	}
}

/** is_devcg_online(). */
const isDevcgOnline = (devcg: DevCgroup): boolean => devcg.behavior !== DEVCG_DEFAULT_NONE;

/** devcgroup_online(): the root allows everything; a child copies its parent. */
function devcgroupOnline(devcg: DevCgroup): void {
	const parent = devcg.devParent;
	if (parent === null) {
		devcg.behavior = DEVCG_DEFAULT_ALLOW;
		return;
	}
	devcg.exceptions = devExceptionsCopy(parent.exceptions);
	devcg.behavior = parent.behavior;
}

/** verify_new_ex(): may a cgroup whose parent is `parent` gain `ex`? */
function verifyNewEx(parent: DevCgroup, ex: DevExceptionItem, behavior: number): boolean {
	if (parent.behavior === DEVCG_DEFAULT_ALLOW) {
		// A child allowing by default only ever adds restrictions; a child
		// denying by default may not take anything the parent's list holds back.
		if (behavior === DEVCG_DEFAULT_ALLOW) return true;
		return !matchExceptionPartial(parent.exceptions, ex.type, ex.major, ex.minor, ex.access);
	}
	return matchException(parent.exceptions, ex.type, ex.major, ex.minor, ex.access);
}

/** parent_has_perm(). */
function parentHasPerm(devcg: DevCgroup, ex: DevExceptionItem): boolean {
	const parent = devcg.devParent;
	return parent === null || verifyNewEx(parent, ex, devcg.behavior);
}

/** parent_allows_removal(): dropping a restriction the parent also has is not allowed. */
function parentAllowsRemoval(devcg: DevCgroup, ex: DevExceptionItem): boolean {
	const parent = devcg.devParent;
	if (parent === null || devcg.behavior === DEVCG_DEFAULT_DENY) return true;
	return !matchExceptionPartial(parent.exceptions, ex.type, ex.major, ex.minor, ex.access);
}

/** may_allow_all(). */
const mayAllowAll = (parent: DevCgroup | null): boolean =>
	parent === null || parent.behavior === DEVCG_DEFAULT_ALLOW;

/** revalidate_active_exceptions(): drop the entries the parent no longer backs. */
function revalidateActiveExceptions(devcg: DevCgroup): void {
	for (const ex of [...devcg.exceptions]) {
		if (!parentHasPerm(devcg, ex)) devExceptionRm(devcg.exceptions, ex);
	}
}

/** propagate_exception(): push a new restriction of `root` down its subtree. */
function propagateException(root: DevCgroup, ex: DevExceptionItem): void {
	for (const devcg of root.descendantsPre()) {
		if (!isDevcgOnline(devcg)) continue;
		if (root.behavior === DEVCG_DEFAULT_ALLOW && devcg.behavior === DEVCG_DEFAULT_ALLOW) {
			devExceptionAdd(devcg.exceptions, ex);
		} else {
			devExceptionRm(devcg.exceptions, ex);
		}
		revalidateActiveExceptions(devcg);
	}
}

/** devcgroup_update_access(): one write to devices.allow or devices.deny. */
export function devcgroupUpdateAccess(
	devcg: DevCgroup,
	filetype: number,
	buf: string,
	current: Task,
): void {
	if (!current.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
	const parent = devcg.devParent;
	const req = parseDevcgRequest(buf);
	if (req.all) {
		if (filetype !== DEVCG_ALLOW && filetype !== DEVCG_DENY) throw new KernelError("EINVAL");
		if (devcg.hasOnlineChildren()) throw new KernelError("EINVAL");
		if (filetype === DEVCG_ALLOW) {
			if (!mayAllowAll(parent)) throw new KernelError("EPERM");
			devcg.exceptions = parent === null ? [] : devExceptionsCopy(parent.exceptions);
			devcg.behavior = DEVCG_DEFAULT_ALLOW;
		} else {
			devcg.exceptions = [];
			devcg.behavior = DEVCG_DEFAULT_DENY;
		}
		return;
	}
	const ex = req.ex;
	switch (filetype) {
		case DEVCG_ALLOW:
			// Allowing in a cgroup that allows by default removes a restriction.
			if (devcg.behavior === DEVCG_DEFAULT_ALLOW) {
				if (!parentAllowsRemoval(devcg, ex)) throw new KernelError("EPERM");
				devExceptionRm(devcg.exceptions, ex);
				return;
			}
			if (!parentHasPerm(devcg, ex)) throw new KernelError("EPERM");
			devExceptionAdd(devcg.exceptions, ex);
			return;
		case DEVCG_DENY:
			// Denying in a cgroup that denies by default removes an allowance.
			if (devcg.behavior === DEVCG_DEFAULT_DENY) devExceptionRm(devcg.exceptions, ex);
			else devExceptionAdd(devcg.exceptions, ex);
			propagateException(devcg, ex);
			return;
		default:
			throw new KernelError("EINVAL");
	}
}

/** devcgroup_seq_show(): `a *:* rwm` when allowing by default, else the exceptions. */
export function devcgroupSeqShow(devcg: DevCgroup): string {
	if (devcg.behavior === DEVCG_DEFAULT_ALLOW) return ALLOW_ALL_LINE;
	return devcg.exceptions.map(formatException).join("");
}

/** devcgroup_access_write(). */
function accessWrite(of: CgroupOpenFile<DevCgroup>, buf: string, nbytes: number): number {
	devcgroupUpdateAccess(of.css, of.file.cft.private ?? 0, strstrip(buf), of.current);
	return nbytes;
}

/** dev_cgroup_files. */
const DEV_CGROUP_FILES: readonly CfType<DevCgroup>[] = [
	{ name: "allow", write: accessWrite, private: DEVCG_ALLOW },
	{ name: "deny", write: accessWrite, private: DEVCG_DENY },
	{ name: "list", seqShow: (of) => devcgroupSeqShow(of.css), private: DEVCG_LIST },
];

export const DEVICES_SUBSYS: SubsystemDef<DevCgroup> = {
	name: "devices",
	legacyName: "devices",
	v1Only: true,
	create: () => ({
		legacyCftypes: DEV_CGROUP_FILES,
		cssAlloc: (parent, cgroup, ss) => new DevCgroup(cgroup, ss, parent),
		cssOnline: devcgroupOnline,
		cssOffline: (devcg) => {
			devcg.behavior = DEVCG_DEFAULT_NONE;
		},
		cssFree: (devcg) => {
			devcg.exceptions = [];
		},
	}),
};

/** The devices css of a task (the root css while the controller is unmounted). */
function taskDevcgroup(task: Task): DevCgroup | null {
	const cset = task.cgroups;
	if (cset === null) return null;
	for (const css of cset.subsys) if (css instanceof DevCgroup) return css;
	return null;
}

/** devcgroup_legacy_check_permission(): EPERM unless the task's cgroup allows the access. */
export function devcgroupCheckPermission(
	task: Task,
	type: number,
	major: number,
	minor: number,
	access: number,
): void {
	const devcg = taskDevcgroup(task);
	if (devcg === null) return;
	const ok =
		devcg.behavior === DEVCG_DEFAULT_ALLOW
			? !matchExceptionPartial(devcg.exceptions, type, major, minor, access)
			: matchException(devcg.exceptions, type, major, minor, access);
	if (!ok) throw new KernelError("EPERM");
}

const S_IFMT = 0o170000;
const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;
/** MAY_WRITE and MAY_READ of the permission mask. */
const MAY_WRITE = 2;
const MAY_READ = 4;

/**
 * devcgroup_inode_permission(), part of inode_permission(): a block or
 * character device node (other than device number 0) needs r and w of
 * the caller's devices cgroup as the mask asks. `major`/`minor` are the
 * node's device number.
 */
export function devcgroupInodePermission(
	task: Task,
	mode: number,
	major: number,
	minor: number,
	mask: number,
): void {
	if (major === 0 && minor === 0) return;
	const fmt = mode & S_IFMT;
	if (fmt !== S_IFBLK && fmt !== S_IFCHR) return;
	let access = 0;
	if (mask & MAY_WRITE) access |= DEVCG_ACC_WRITE;
	if (mask & MAY_READ) access |= DEVCG_ACC_READ;
	devcgroupCheckPermission(
		task,
		fmt === S_IFBLK ? DEVCG_DEV_BLOCK : DEVCG_DEV_CHAR,
		major,
		minor,
		access,
	);
}

/**
 * devcgroup_inode_mknod(), in vfs_mknod(): making a block or character
 * node needs m; the whiteout (character 0:0) is exempt.
 */
export function devcgroupInodeMknod(task: Task, mode: number, major: number, minor: number): void {
	const fmt = mode & S_IFMT;
	if (fmt !== S_IFBLK && fmt !== S_IFCHR) return;
	if (fmt === S_IFCHR && major === 0 && minor === 0) return;
	devcgroupCheckPermission(
		task,
		fmt === S_IFBLK ? DEVCG_DEV_BLOCK : DEVCG_DEV_CHAR,
		major,
		minor,
		DEVCG_ACC_MKNOD,
	);
}
