/**
 * Access checks (fs/namei.c): generic_permission() with the capability
 * overrides root has, the sticky-directory rule, and ownership tests.
 */
import {
	CAP_CHOWN,
	CAP_DAC_OVERRIDE,
	CAP_DAC_READ_SEARCH,
	CAP_FOWNER,
	type Cred,
} from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import {
	isDir,
	isLnk,
	isReg,
	MAY_EXEC,
	MAY_READ,
	MAY_WRITE,
	MNT_READONLY,
	S_ISVTX,
	S_IXUGO,
	SB_RDONLY,
} from "./constants.ts";
import type { Inode } from "./inode.ts";
import type { Mount } from "./mount.ts";

/** acl_permission_check(): the owner, group or other bits that apply. */
function aclPermissionCheck(inode: Inode, mask: number, cred: Cred): boolean {
	let mode = inode.mode;
	if (cred.fsuid === inode.uid) mode >>= 6;
	else if (cred.inGroup(inode.gid)) mode >>= 3;
	return (mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) === 0;
}

/** generic_permission(). */
export function genericPermission(inode: Inode, mask: number, cred: Cred): boolean {
	if (aclPermissionCheck(inode, mask, cred)) return true;
	if (isDir(inode.mode)) {
		if (!(mask & MAY_WRITE) && cred.capable(CAP_DAC_READ_SEARCH)) return true;
		return cred.capable(CAP_DAC_OVERRIDE);
	}
	if (mask === MAY_READ && cred.capable(CAP_DAC_READ_SEARCH)) return true;
	if (!(mask & MAY_EXEC) || inode.mode & S_IXUGO) return cred.capable(CAP_DAC_OVERRIDE);
	return false;
}

/** inode_permission(): EROFS for writes on read-only mounts, then the DAC check. */
export function inodePermission(inode: Inode, mask: number, cred: Cred, mnt?: Mount): void {
	inode.permissionPrecheck(mask, cred);
	// Searching a directory every class may search: granted whoever asks.
	if (mask === MAY_EXEC && (inode.mode & S_IXUGO) === S_IXUGO) return;
	if (mask & MAY_WRITE) {
		const mode = inode.mode;
		const ro = inode.sb.flags & SB_RDONLY || (mnt !== undefined && mnt.flags & MNT_READONLY);
		if (ro && (isReg(mode) || isDir(mode) || isLnk(mode))) throw new KernelError("EROFS");
	}
	if (!genericPermission(inode, mask, cred)) throw new KernelError("EACCES");
}

/** inode_owner_or_capable(). */
export function ownerOrCapable(inode: Inode, cred: Cred): boolean {
	return cred.fsuid === inode.uid || cred.capable(CAP_FOWNER);
}

/** check_sticky(): in a sticky directory only owners (or CAP_FOWNER) remove. */
export function checkSticky(dir: Inode, inode: Inode, cred: Cred): boolean {
	if (!(dir.mode & S_ISVTX)) return false;
	if (inode.uid === cred.fsuid || dir.uid === cred.fsuid) return false;
	return !cred.capable(CAP_FOWNER);
}

/** chown_ok() and chgrp_ok() of setattr_prepare(). */
export function checkChown(inode: Inode, uid: number, gid: number, cred: Cred): void {
	const uidOk = uid === -1 || (cred.fsuid === inode.uid && uid === inode.uid);
	const gidOk =
		gid === -1 || (cred.fsuid === inode.uid && (gid === inode.gid || cred.inGroup(gid)));
	if ((!uidOk || !gidOk) && !cred.capable(CAP_CHOWN)) throw new KernelError("EPERM");
}
