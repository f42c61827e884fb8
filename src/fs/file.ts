/**
 * Open files (struct file), descriptor tables (files_struct) and a task's
 * root, working directory and umask (fs_struct).
 */
import type { Cred } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import type { TaskFiles, TaskFs } from "../kernel/task.ts";
import { O_ACCMODE, O_PATH, O_RDONLY, O_RDWR, O_WRONLY } from "./constants.ts";
import type { DirEntry, FileHandle, Inode } from "./inode.ts";
import type { PathRef } from "./mount.ts";

/** The part of a dentry d_path() needs: its directory, its name, and whether it was unlinked. */
export interface FileDentry {
	dir: Inode;
	name: string;
	readonly inode: Inode;
	unlinked: boolean;
}

export class OpenFile {
	readonly path: PathRef;
	/** f_flags (O_* without O_CREAT/O_EXCL/O_TRUNC/O_NOCTTY). */
	flags: number;
	pos = 0;
	/**
	 * FMODE_STREAM (stream_open()): no file position; reads and writes
	 * leave `pos` alone and lseek fails with ESPIPE. Pipes are streams.
	 */
	stream = false;
	/**
	 * For files other than directories (which know their parent): the
	 * directory and name they were opened through, as the dentry keeps
	 * them, for d_path().
	 */
	dir: PathRef | null = null;
	name = "";
	/**
	 * The dentry the file was opened through (non-directories): shared by
	 * every open of that name, moved by rename and unhashed by unlink, so
	 * d_path() follows both.
	 */
	dentry: FileDentry | null = null;
	/** f_cred: the opener's credentials, kept for permission decisions on I/O. */
	readonly cred: Cred;
	handle: FileHandle | null = null;
	/** Directory listing snapshot for getdents. */
	dirents: DirEntry[] | null = null;
	private refs = 1;

	constructor(path: PathRef, flags: number, cred: Cred) {
		this.path = path;
		this.flags = flags;
		this.cred = cred;
		path.mnt.refcount++;
	}

	get inode(): Inode {
		return this.path.inode;
	}

	get readable(): boolean {
		const acc = this.flags & O_ACCMODE;
		return !(this.flags & O_PATH) && (acc === O_RDONLY || acc === O_RDWR);
	}

	get writable(): boolean {
		const acc = this.flags & O_ACCMODE;
		return !(this.flags & O_PATH) && (acc === O_WRONLY || acc === O_RDWR);
	}

	get(): OpenFile {
		this.refs++;
		return this;
	}

	/** fput(): the last reference releases the file. */
	put(): void {
		this.refs--;
		if (this.refs > 0) return;
		this.handle?.release?.();
		this.handle = null;
		this.path.mnt.refcount--;
	}
}

interface FdEntry {
	readonly file: OpenFile;
	cloexec: boolean;
}

/** NR_OPEN_DEFAULT: the initial size of a descriptor table. */
const NR_OPEN_DEFAULT = 64;
/** RLIMIT_NOFILE's default soft limit. */
export const NOFILE_DEFAULT = 1024;

/** Shared by every empty table until its first descriptor (saves memory per idle task). */
const NO_FDS: readonly (FdEntry | undefined)[] = Object.freeze([]);

/** files_struct. */
export class FdTable implements TaskFiles {
	private fds: (FdEntry | undefined)[] = NO_FDS as (FdEntry | undefined)[];
	/** Tasks sharing this table (CLONE_FILES). */
	private users = 1;
	/** fdt->max_fds, shown as FDSize in /proc/<pid>/status. */
	maxFds = NR_OPEN_DEFAULT;
	limit = NOFILE_DEFAULT;

	get(fd: number): OpenFile {
		const e = this.fds[fd];
		if (e === undefined) throw new KernelError("EBADF");
		return e.file;
	}

	has(fd: number): boolean {
		return this.fds[fd] !== undefined;
	}

	isCloexec(fd: number): boolean {
		return this.fds[fd]?.cloexec ?? false;
	}

	setCloexec(fd: number, on: boolean): void {
		const e = this.fds[fd];
		if (e === undefined) throw new KernelError("EBADF");
		e.cloexec = on;
	}

	/** Every open descriptor, ascending. */
	*descriptors(): IterableIterator<[number, OpenFile]> {
		for (let fd = 0; fd < this.fds.length; fd++) {
			const e = this.fds[fd];
			if (e !== undefined) yield [fd, e.file];
		}
	}

	/** Open descriptors (what stat() of /proc/<pid>/fd reports as its size). */
	get count(): number {
		let n = 0;
		for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd] !== undefined) n++;
		return n;
	}

	/**
	 * alloc_fd() without the install: the lowest free descriptor >= min;
	 * EMFILE when it would reach the RLIMIT_NOFILE limit.
	 */
	unused(min = 0): number {
		let fd = min;
		while (this.fds[fd] !== undefined) fd++;
		if (fd >= this.limit) throw new KernelError("EMFILE");
		return fd;
	}

	/** get_unused_fd_flags() + fd_install(): the lowest free descriptor >= min. */
	install(file: OpenFile, cloexec: boolean, min = 0): number {
		const fd = this.unused(min);
		this.installAt(fd, file, cloexec);
		return fd;
	}

	/**
	 * do_dup2()/replace_fd(): install at a given descriptor, closing what was
	 * there; EBADF for a descriptor outside [0, RLIMIT_NOFILE).
	 */
	installAt(fd: number, file: OpenFile, cloexec: boolean): void {
		if (fd < 0 || fd >= this.limit || !Number.isInteger(fd)) throw new KernelError("EBADF");
		if (this.fds === NO_FDS) this.fds = [];
		const old = this.fds[fd];
		this.fds[fd] = { file, cloexec };
		while (fd >= this.maxFds) this.maxFds *= 2;
		old?.file.put();
	}

	close(fd: number): void {
		const e = this.fds[fd];
		if (e === undefined) throw new KernelError("EBADF");
		this.fds[fd] = undefined;
		while (this.fds.length > 0 && this.fds[this.fds.length - 1] === undefined) this.fds.pop();
		e.file.put();
	}

	/** Close every close-on-exec descriptor (do_close_on_exec). */
	closeOnExec(): void {
		for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]?.cloexec) this.close(fd);
	}

	forkCopy(share: boolean): FdTable {
		if (share) {
			this.users++;
			return this;
		}
		const copy = new FdTable();
		copy.maxFds = this.maxFds;
		copy.limit = this.limit;
		if (this.fds.length === 0) return copy;
		copy.fds = [];
		for (let fd = 0; fd < this.fds.length; fd++) {
			const e = this.fds[fd];
			if (e !== undefined) copy.fds[fd] = { file: e.file.get(), cloexec: e.cloexec };
		}
		return copy;
	}

	release(): void {
		this.users--;
		if (this.users > 0) return;
		for (let fd = 0; fd < this.fds.length; fd++) this.fds[fd]?.file.put();
		this.fds = NO_FDS as (FdEntry | undefined)[];
	}
}

/** fs_struct: root, working directory, umask. */
export class FsStruct implements TaskFs {
	root: PathRef;
	pwd: PathRef;
	umask: number;
	private users = 1;

	constructor(root: PathRef, pwd: PathRef, umask: number) {
		this.root = root;
		this.pwd = pwd;
		this.umask = umask;
		root.mnt.refcount++;
		pwd.mnt.refcount++;
	}

	setPwd(pwd: PathRef): void {
		pwd.mnt.refcount++;
		this.pwd.mnt.refcount--;
		this.pwd = pwd;
	}

	setRoot(root: PathRef): void {
		root.mnt.refcount++;
		this.root.mnt.refcount--;
		this.root = root;
	}

	forkCopy(share: boolean): FsStruct {
		if (share) {
			this.users++;
			return this;
		}
		return new FsStruct(this.root, this.pwd, this.umask);
	}

	release(): void {
		this.users--;
		if (this.users > 0) return;
		this.root.mnt.refcount--;
		this.pwd.mnt.refcount--;
	}
}
