/**
 * Reading and writing cgroup control files (cgroup_file_open,
 * cgroup_seqfile_show, cgroup_file_write in kernel/cgroup/cgroup.c). The
 * filesystem layer hands over whole write buffers and asks for whole
 * contents; what kernfs does around that (size limits, removed nodes) is the
 * filesystem's part.
 */
import type { Cred } from "../cred.ts";
import { KernelError } from "../errno.ts";
import { kstrtoll, kstrtoull } from "../kstrto.ts";
import type { Task } from "../task.ts";
import type { CgroupOpenFile } from "./cftype.ts";
import type { CgroupFile } from "./cgroup.ts";
import { PAGE_SIZE } from "./defs.ts";
import {
	cgroupNsFileWritePermission,
	getCgroupNs,
	putCgroupNs,
	taskCgroupNs,
} from "./namespace.ts";

/** cgroup_file_open(). */
export function cgroupFileOpen(file: CgroupFile, cred: Cred, current: Task): CgroupOpenFile {
	const of: CgroupOpenFile = {
		file,
		cgroup: file.cgroup,
		css: file.css,
		cred,
		ns: taskCgroupNs(current),
		current,
		priv: null,
	};
	getCgroupNs(of.ns);
	file.cft.open?.(of);
	return of;
}

/** cgroup_file_release(). */
export function cgroupFileRelease(of: CgroupOpenFile): void {
	of.file.cft.release?.(of);
	putCgroupNs(of.ns);
}

/** The largest write the file takes (kernfs atomic_write_len). */
export function cgroupFileMaxWrite(file: CgroupFile): number {
	return file.cft.maxWriteLen ?? PAGE_SIZE;
}

/** cgroup_seqfile_show(): the whole content; EINVAL when the file has no read handler. */
export function cgroupSeqShow(of: CgroupOpenFile): string {
	const cft = of.file.cft;
	if (cft.seqShow) return cft.seqShow(of);
	if (cft.readU64) return `${BigInt.asUintN(64, BigInt(cft.readU64(of.css, of)))}\n`;
	if (cft.readS64) return `${BigInt.asIntN(64, BigInt(cft.readS64(of.css, of)))}\n`;
	throw new KernelError("EINVAL");
}

/**
 * cgroup_file_write(): `buf` is the written bytes up to the first NUL (the
 * kernel hands handlers a C string), `nbytes` the length of the write.
 * Returns the bytes consumed.
 */
export function cgroupFileWrite(of: CgroupOpenFile, buf: string, nbytes: number): number {
	if (nbytes === 0) return 0;
	const cft = of.file.cft;
	cgroupNsFileWritePermission(of.cgroup, cft, of.ns);
	if (cft.write) return cft.write(of, buf, nbytes);
	if (cft.writeU64) {
		cft.writeU64(of.css, kstrtoull(buf, 0), of);
		return nbytes;
	}
	if (cft.writeS64) {
		cft.writeS64(of.css, kstrtoll(buf, 0), of);
		return nbytes;
	}
	throw new KernelError("EINVAL");
}
