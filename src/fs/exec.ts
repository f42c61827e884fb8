/**
 * The file side of execve(): do_open_execat() checks and the first bytes of
 * the file that binfmt handlers look at (bprm->buf, BINPRM_BUF_SIZE).
 */

import { bytesToBinary } from "../kernel/bytes.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Task } from "../kernel/task.ts";
import { isReg, MAY_EXEC, MNT_NOEXEC, O_RDONLY } from "./constants.ts";
import type { OpenFile } from "./file.ts";
import { inodePermission } from "./permission.ts";
import type { Vfs } from "./vfs.ts";

/** BINPRM_BUF_SIZE. */
export const BINPRM_BUF_SIZE = 256;

export interface ExecFile {
	/** The opened file (one reference, the caller's: keep it as mm->exe_file or put() it). */
	readonly file: OpenFile;
	/** The first BINPRM_BUF_SIZE bytes (fewer for a shorter file), as a byte string. */
	readonly header: string;
}

/**
 * do_open_execat(): the path resolves (following symlinks) to a regular
 * file on a mount without noexec that the caller may execute (EACCES
 * otherwise; root needs one execute bit). Reading the header needs no read
 * permission: the kernel reads it itself.
 */
export function openExec(vfs: Vfs, task: Task, path: string): ExecFile {
	try {
		const file = vfs.openKernelFile(task, path, O_RDONLY);
		try {
			const ref = file.path;
			const inode = ref.inode;
			if (!isReg(inode.mode) || ref.mnt.flags & MNT_NOEXEC || inode.sb.noexec) {
				throw new KernelError("EACCES");
			}
			inodePermission(inode, MAY_EXEC, task.cred, ref.mnt);
			const handle = inode.open(file, task);
			file.handle = handle;
			const bytes = handle.read?.(file, 0, BINPRM_BUF_SIZE, task) ?? new Uint8Array(0);
			return { file, header: bytesToBinary(bytes) };
		} catch (e) {
			file.put();
			throw e;
		}
	} finally {
		vfs.kernel.runPendingWork();
	}
}
