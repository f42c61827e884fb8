/**
 * The VFS: path walk, the mount table, and the file syscalls. Every syscall
 * takes the calling task, checks permissions with its credentials (or the
 * opener's, kept in the open file), returns data or throws a KernelError, and
 * on return lets deferred kernel work run (the return to user space).
 */
import { binaryToBytes, bytesToBinary } from "../kernel/bytes.ts";
import {
	devcgroupInodeMknod,
	devcgroupInodePermission,
} from "../kernel/cgroup/controllers/devices.ts";
import { CAP_FSETID, CAP_MKNOD, CAP_SYS_ADMIN, CAP_SYS_RESOURCE } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { PAGE_SIZE } from "../kernel/mm/page.ts";
import type { Task } from "../kernel/task.ts";
import { ChrdevRegistry } from "./chrdev.ts";
import {
	F_DUPFD,
	F_DUPFD_CLOEXEC,
	F_DUPFD_QUERY,
	F_GETFD,
	F_GETFL,
	F_GETPIPE_SZ,
	F_SETFD,
	F_SETFL,
	F_SETPIPE_SZ,
	FD_CLOEXEC,
	isBlk,
	isChr,
	isDir,
	isFifo,
	isLnk,
	isReg,
	MAX_SYMLINKS,
	MAY_EXEC,
	MAY_READ,
	MAY_WRITE,
	MNT_DETACH,
	MNT_EXPIRE,
	MNT_FORCE,
	MNT_NOATIME,
	MNT_NODEV,
	MNT_NODIRATIME,
	MNT_NOEXEC,
	MNT_NOSUID,
	MNT_NOSYMFOLLOW,
	MNT_READONLY,
	MNT_RELATIME,
	MS_BIND,
	MS_MOVE,
	MS_NOATIME,
	MS_NODEV,
	MS_NODIRATIME,
	MS_NOEXEC,
	MS_NOSUID,
	MS_NOSYMFOLLOW,
	MS_PRIVATE,
	MS_RDONLY,
	MS_REMOUNT,
	MS_SHARED,
	MS_SLAVE,
	MS_STRICTATIME,
	major,
	minor,
	O_ACCMODE,
	O_APPEND,
	O_CLOEXEC,
	O_CREAT,
	O_DIRECT,
	O_DIRECTORY,
	O_EXCL,
	O_LARGEFILE,
	O_NDELAY,
	O_NOATIME,
	O_NOCTTY,
	O_NOFOLLOW,
	O_NONBLOCK,
	O_PATH,
	O_RDONLY,
	O_TRUNC,
	PATH_MAX,
	S_IFBLK,
	S_IFCHR,
	S_IFMT,
	S_IFREG,
	S_ISGID,
	S_ISUID,
	S_IXGRP,
	SB_DIRSYNC,
	SB_LAZYTIME,
	SB_MANDLOCK,
	SB_RDONLY,
	SB_SYNCHRONOUS,
	SEEK_CUR,
	SEEK_END,
	SEEK_MAX,
	SEEK_SET,
	type Stat,
	type StatFs,
	UMOUNT_NOFOLLOW,
} from "./constants.ts";
import { FdTable, type FileDentry, FsStruct, OpenFile } from "./file.ts";
import {
	type DirEntry,
	DT_DIR,
	type FileSystemType,
	type Inode,
	type ModifyNotifier,
	type SuperBlock,
} from "./inode.ts";
import { type FileName, Mount, MountNamespace, type PathRef, VfsIds } from "./mount.ts";
import { checkChown, checkSticky, inodePermission, ownerOrCapable } from "./permission.ts";
import {
	createPipeFiles,
	HostPipeReader,
	HostPipeWriter,
	PIPE_MAX_SIZE,
	PipefsSuperBlock,
	PipeInode,
	pipeOf,
} from "./pipe.ts";
import { SocketInode, SockfsSuperBlock } from "./socket.ts";

/** The result of walking all but the last component of a path. */
interface ParentWalk {
	readonly parent: PathRef;
	/** The last component ("" when the path names the start itself, like "/"). */
	readonly name: string;
	readonly trailingSlash: boolean;
}

/** The f_flags F_SETFL may change (SETFL_MASK). */
const SETFL_MASK = O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME;

/** The fcntl commands an O_PATH descriptor allows (check_fcntl_cmd()). */
function pathFcntlCmd(cmd: number): boolean {
	return (
		cmd === F_DUPFD ||
		cmd === F_DUPFD_CLOEXEC ||
		cmd === F_DUPFD_QUERY ||
		cmd === F_GETFD ||
		cmd === F_SETFD ||
		cmd === F_GETFL
	);
}

/** round_pipe_size(): a power of two of at least a page; 0 when too large. */
function roundPipeSize(size: number): number {
	if (size > 2 ** 31) return 0;
	let n = PAGE_SIZE;
	while (n < size) n *= 2;
	return n;
}

/** Superblock flags settable through mount(2) flags or "ro"/"rw"-style options. */
const SB_FLAG_OPTIONS: Record<string, [number, boolean]> = {
	ro: [SB_RDONLY, true],
	rw: [SB_RDONLY, false],
	sync: [SB_SYNCHRONOUS, true],
	dirsync: [SB_DIRSYNC, true],
	mand: [SB_MANDLOCK, true],
	nomand: [SB_MANDLOCK, false],
	lazytime: [SB_LAZYTIME, true],
	nolazytime: [SB_LAZYTIME, false],
};

export class Vfs {
	readonly kernel: Kernel;
	readonly ids = new VfsIds();
	readonly fsTypes = new Map<string, FileSystemType>();
	readonly chrdevs = new ChrdevRegistry();
	readonly initMntNs = new MountNamespace();
	/**
	 * The directory and name of the last component a path walk looked up
	 * (kept in fields so that walks allocate nothing for it); open() hands
	 * them to the file for d_path().
	 */
	private lastDir: PathRef | null = null;
	private lastName = "";
	/**
	 * The dcache of non-directories that were opened, by directory inode and
	 * name: opens of one name share a dentry, which rename() moves and
	 * unlink() unhashes (d_move(), d_delete()).
	 */
	private readonly dentries = new WeakMap<Inode, Map<string, FileDentry>>();
	/** pipefs, kern_mount()ed when the first pipe is made. */
	private pipefsSb: PipefsSuperBlock | null = null;
	/** sockfs, kern_mount()ed when the first socket is made. */
	private sockfsSb: SockfsSuperBlock | null = null;

	constructor(kernel: Kernel) {
		this.kernel = kernel;
		kernel.fdIsOpen = (task, fd) => {
			const files = task.files;
			if (!(files instanceof FdTable)) return false;
			try {
				files.get(fd);
				return true;
			} catch {
				return false;
			}
		};
	}

	registerFilesystem(type: FileSystemType): void {
		this.fsTypes.set(type.name, type);
	}

	// ------------------------------------------------------------ setup

	/**
	 * Mount the root filesystem and give init and kthreadd their descriptor
	 * tables and working directories (what the kernel sets up before init).
	 */
	mountRoot(fstype: string, data: string, source = "rootfs"): Mount {
		const k = this.kernel;
		const type = this.fsTypes.get(fstype);
		if (type === undefined) throw new KernelError("ENODEV");
		const ctx = type.initFsContext(k.init, null);
		for (const [key, value] of splitOptions(data)) ctx.parseParam(key, value);
		const sb = this.activate(ctx.getTree());
		const mnt = this.attach(this.initMntNs, sb, sb.root, null, null, MNT_RELATIME, source);
		this.initMntNs.root = mnt;
		const root: PathRef = { mnt, inode: sb.root };
		for (const t of [k.init, k.kthreadd]) {
			t.fs = new FsStruct(root, root, 0o022);
			t.files = new FdTable();
			t.nsproxy = t.nsproxy.with({ mntNs: this.initMntNs });
		}
		return mnt;
	}

	private activate(sb: SuperBlock): SuperBlock {
		if (sb.active === 0) sb.dev = this.ids.anonDevs.alloc();
		sb.active++;
		return sb;
	}

	private deactivate(sb: SuperBlock): void {
		sb.active--;
		if (sb.active > 0) return;
		this.ids.anonDevs.remove(sb.dev);
		sb.kill();
	}

	private attach(
		ns: MountNamespace,
		sb: SuperBlock,
		root: Inode,
		parent: Mount | null,
		mountpoint: Inode | null,
		flags: number,
		devname: string,
	): Mount {
		const mnt = new Mount({
			id: this.ids.mountIds.alloc(),
			sb,
			root,
			parent,
			mountpoint,
			flags,
			devname,
			seq: this.ids.nextSeq(),
		});
		if (parent !== null && mountpoint !== null) parent.children.set(mountpoint, mnt);
		ns.mounts.add(mnt);
		return mnt;
	}

	mntNs(task: Task): MountNamespace {
		const ns = task.nsproxy.mntNs;
		return ns instanceof MountNamespace ? ns : this.initMntNs;
	}

	private fsOf(task: Task): FsStruct {
		const fs = task.fs;
		if (!(fs instanceof FsStruct)) throw new KernelError("ENOENT");
		return fs;
	}

	files(task: Task): FdTable {
		const files = task.files;
		if (!(files instanceof FdTable)) throw new KernelError("EBADF");
		return files;
	}

	// Every syscall below ends in `finally { this.kernel.runPendingWork(); }`:
	// deferred kernel work runs on the way back to user space, whether the
	// call succeeded or failed.

	// -------------------------------------------------------- path walk

	/** The mount stacked on top of an inode of `mnt`, followed to the top. */
	private followMounts(path: PathRef): PathRef {
		let top: Mount | undefined = path.mnt.children.get(path.inode);
		if (top === undefined) return path;
		for (let above = top.children.get(top.root); above !== undefined; ) {
			top = above;
			above = top.children.get(top.root);
		}
		return { mnt: top, inode: top.root };
	}

	/** follow_dotdot(): the parent, crossing mount roots, never above the task root. */
	private dotdot(path: PathRef, root: PathRef): PathRef {
		let { mnt, inode } = path;
		for (;;) {
			if (mnt === root.mnt && inode === root.inode) return { mnt, inode };
			if (inode !== mnt.root) return this.followMounts({ mnt, inode: inode.parent() });
			if (mnt.parent === null || mnt.mountpoint === null) return { mnt, inode };
			inode = mnt.mountpoint;
			mnt = mnt.parent;
		}
	}

	private checkPathLength(path: string): void {
		if (path.length === 0) throw new KernelError("ENOENT");
		if (path.length >= PATH_MAX) throw new KernelError("ENAMETOOLONG");
	}

	/** One component lookup in a directory the caller may search. */
	private lookupChild(task: Task, dir: PathRef, name: string): PathRef | null {
		if (name === ".") return dir;
		if (name === "..") return this.dotdot(dir, this.fsOf(task).root);
		if (dir.inode.dead) throw new KernelError("ENOENT");
		const child = dir.inode.lookup(name, task);
		if (child === null) return null;
		return this.followMounts({ mnt: dir.mnt, inode: child });
	}

	/**
	 * link_path_walk(): resolve every component but the last. `links` counts
	 * symlinks followed so far (MAXSYMLINKS).
	 */
	private walkParent(task: Task, path: string, start: PathRef | null, links: number[]): ParentWalk {
		this.checkPathLength(path);
		const fs = this.fsOf(task);
		const cred = task.cred;
		const n = path.length;
		let pos = 0;
		while (pos < n && path.charCodeAt(pos) === 0x2f) pos++;
		const first = this.followMounts(pos > 0 ? fs.root : (start ?? fs.pwd));
		if (pos === n) return { parent: first, name: "", trailingSlash: false };
		// The common step (a plain name, no symlink) runs on two locals and
		// allocates nothing; only the result is a new object.
		let mnt = first.mnt;
		let inode = first.inode;
		for (;;) {
			let end = path.indexOf("/", pos);
			if (end < 0) end = n;
			const name = path.slice(pos, end);
			let next = end;
			while (next < n && path.charCodeAt(next) === 0x2f) next++;
			if (next === n) {
				const parent = mnt === first.mnt && inode === first.inode ? first : { mnt, inode };
				return { parent, name, trailingSlash: end < n };
			}
			if (!isDir(inode.mode)) throw new KernelError("ENOTDIR");
			inodePermission(inode, MAY_EXEC, cred);
			if (name === "." || name === "..") {
				const r = this.lookupChild(task, { mnt, inode }, name)!;
				mnt = r.mnt;
				inode = r.inode;
			} else {
				if (inode.dead) throw new KernelError("ENOENT");
				const child = inode.lookup(name, task);
				if (child === null) throw new KernelError("ENOENT");
				const dirMnt = mnt;
				const dirInode = inode;
				const top = mnt.children.get(child);
				if (top === undefined) inode = child;
				else {
					const r = this.followMounts({ mnt, inode: child });
					mnt = r.mnt;
					inode = r.inode;
				}
				if (isLnk(inode.mode)) {
					const r = this.followLink(task, { mnt: dirMnt, inode: dirInode }, { mnt, inode }, links);
					mnt = r.mnt;
					inode = r.inode;
				}
			}
			if (!isDir(inode.mode)) throw new KernelError("ENOTDIR");
			pos = next;
		}
	}

	private followLink(task: Task, dir: PathRef, link: PathRef, links: number[]): PathRef {
		if (++links[0]! > MAX_SYMLINKS) throw new KernelError("ELOOP");
		if (link.mnt.flags & MNT_NOSYMFOLLOW) throw new KernelError("ELOOP");
		const target = link.inode.readlink(task);
		return this.walk(task, target, dir, true, links);
	}

	/** Resolve a whole path; `follow` decides for a final symlink. */
	private walk(
		task: Task,
		path: string,
		start: PathRef | null,
		follow: boolean,
		links = [0],
	): PathRef {
		const { parent, name, trailingSlash } = this.walkParent(task, path, start, links);
		if (name === "") return parent;
		if (!isDir(parent.inode.mode)) throw new KernelError("ENOTDIR");
		inodePermission(parent.inode, MAY_EXEC, task.cred);
		let last = this.lookupChild(task, parent, name);
		if (last === null) throw new KernelError("ENOENT");
		this.lastDir = parent;
		this.lastName = name;
		if (isLnk(last.inode.mode) && (follow || trailingSlash)) {
			last = this.followLink(task, parent, last, links);
		}
		if (trailingSlash && !isDir(last.inode.mode)) throw new KernelError("ENOTDIR");
		return last;
	}

	/** Resolve `path` for `task` (following a final symlink unless `nofollow`). */
	resolve(task: Task, path: string, nofollow = false): PathRef {
		return this.walk(task, path, null, !nofollow);
	}

	/**
	 * A struct file of `path` (symlinks followed) with no access checks of
	 * its own: the file do_open_execat() opens for the kernel, which keeps
	 * it as mm->exe_file. It carries the dentry it was reached through, so
	 * d_path() shows renames and " (deleted)".
	 */
	openKernelFile(task: Task, path: string, flags: number): OpenFile {
		const ref = this.walk(task, path, null, true);
		const file = new OpenFile(ref, flags, task.cred);
		if (!isDir(ref.inode.mode) && this.lastDir !== null) {
			file.dir = this.lastDir;
			file.name = this.lastName;
			file.dentry = this.dentryOf(this.lastDir.inode, this.lastName, ref.inode);
		}
		return file;
	}

	/** Resolve the parent of a path that is about to be created or removed. */
	private parentOf(task: Task, path: string): ParentWalk {
		const w = this.walkParent(task, path, null, [0]);
		if (!isDir(w.parent.inode.mode)) throw new KernelError("ENOTDIR");
		return w;
	}

	/** Is the inode of this mount covered by a mount in the task's namespace? */
	private isMountpoint(path: PathRef): boolean {
		return path.mnt.children.has(path.inode) || path.inode === path.mnt.root;
	}

	// ------------------------------------------------------------- open

	open(task: Task, path: string, flags: number, mode = 0o666): number {
		try {
			const cred = task.cred;
			let target: PathRef;
			let created = false;
			if (flags & O_CREAT) {
				const links = [0];
				const w = this.walkParent(task, path, null, links);
				if (w.name === "") throw new KernelError("EISDIR");
				if (!isDir(w.parent.inode.mode)) throw new KernelError("ENOTDIR");
				inodePermission(w.parent.inode, MAY_EXEC, cred);
				let found = this.lookupChild(task, w.parent, w.name);
				if (found !== null && flags & O_EXCL) throw new KernelError("EEXIST");
				this.lastDir = w.parent;
				this.lastName = w.name;
				if (found !== null && isLnk(found.inode.mode)) {
					if (flags & O_NOFOLLOW) throw new KernelError("ELOOP");
					found = this.followLink(task, w.parent, found, links);
				}
				if (found === null) {
					if (w.trailingSlash) throw new KernelError("EISDIR");
					const dir = w.parent;
					if (dir.inode.dead) throw new KernelError("ENOENT");
					inodePermission(dir.inode, MAY_WRITE | MAY_EXEC, cred, dir.mnt);
					const umask = this.fsOf(task).umask;
					const inode = dir.inode.create(w.name, mode & ~umask & 0o7777, cred);
					target = { mnt: dir.mnt, inode };
					created = true;
				} else {
					if (isDir(found.inode.mode)) throw new KernelError("EISDIR");
					target = found;
				}
			} else {
				target = this.walk(task, path, null, !(flags & O_NOFOLLOW));
				if (flags & O_NOFOLLOW && isLnk(target.inode.mode) && !(flags & O_PATH)) {
					throw new KernelError("ELOOP");
				}
			}
			const inode = target.inode;
			if (flags & O_DIRECTORY && !isDir(inode.mode)) throw new KernelError("ENOTDIR");
			const file = new OpenFile(target, openFileFlags(flags), cred);
			if (!isDir(inode.mode)) {
				file.dir = this.lastDir;
				file.name = this.lastName;
				if (this.lastDir !== null)
					file.dentry = this.dentryOf(this.lastDir.inode, this.lastName, inode);
			}
			try {
				if (!(flags & O_PATH)) {
					const acc = flags & O_ACCMODE;
					let mask = acc === O_RDONLY ? MAY_READ : acc === 1 ? MAY_WRITE : MAY_READ | MAY_WRITE;
					if (flags & O_TRUNC) mask |= MAY_WRITE;
					if (isDir(inode.mode) && mask & MAY_WRITE) throw new KernelError("EISDIR");
					if (!created) inodePermission(inode, mask, cred, target.mnt);
					if (isChr(inode.mode) || isBlk(inode.mode)) {
						// may_open_dev(), then devcgroup_inode_permission() (the end of inode_permission()).
						if (target.mnt.flags & MNT_NODEV) throw new KernelError("EACCES");
						const rdev = inode.stat().rdev;
						devcgroupInodePermission(task, inode.mode, major(rdev), minor(rdev), mask);
					}
					if (isChr(inode.mode)) {
						file.handle = this.chrdevs.open(inode.stat().rdev);
					} else if ((inode.mode & S_IFMT) === S_IFREG || isDir(inode.mode)) {
						file.handle = isDir(inode.mode) ? {} : inode.open(file, task);
					} else {
						throw new KernelError("ENXIO");
					}
					// handle_truncate(): do_truncate() with ATTR_MTIME | ATTR_CTIME,
					// so the times change even where the size cannot (kernfs).
					if (flags & O_TRUNC && !created && isReg(inode.mode)) {
						inode.setattr({ size: 0, mtimeNs: this.kernel.clock.realtime() });
					}
				}
				return this.files(task).install(file, (flags & O_CLOEXEC) !== 0);
			} catch (e) {
				file.put();
				throw e;
			}
		} finally {
			this.kernel.runPendingWork();
		}
	}

	close(task: Task, fd: number): void {
		try {
			this.files(task).close(fd);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	read(task: Task, fd: number, count: number): Uint8Array {
		try {
			const file = this.files(task).get(fd);
			if (!file.readable) throw new KernelError("EBADF");
			if (isDir(file.inode.mode)) throw new KernelError("EISDIR");
			const handle = file.handle;
			if (handle?.read === undefined) throw new KernelError("EINVAL");
			const out = handle.read(file, file.pos, count, task);
			if (!file.stream) file.pos += out.length;
			return out;
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** write(2); a string is taken as a byte string. */
	write(task: Task, fd: number, data: Uint8Array | string): number {
		try {
			const file = this.files(task).get(fd);
			if (!file.writable) throw new KernelError("EBADF");
			const bytes = typeof data === "string" ? binaryToBytes(data) : data;
			const handle = file.handle;
			if (handle?.write === undefined) throw new KernelError("EINVAL");
			if (file.flags & O_APPEND) file.pos = handle.size?.() ?? file.pos;
			const n = handle.write(file, bytes, file.pos, task);
			if (n > 0 && !file.stream) file.pos += n;
			return n;
		} finally {
			this.kernel.runPendingWork();
		}
	}

	lseek(task: Task, fd: number, offset: number, whence: number): number {
		try {
			const file = this.files(task).get(fd);
			// fdget_pos() does not see O_PATH files; whence is checked
			// before vfs_llseek(), which refuses streams (no FMODE_LSEEK).
			if (file.flags & O_PATH) throw new KernelError("EBADF");
			if (!(whence >= 0 && whence <= SEEK_MAX)) throw new KernelError("EINVAL");
			if (file.stream) throw new KernelError("ESPIPE");
			let base: number;
			if (whence === SEEK_SET) base = 0;
			else if (whence === SEEK_CUR) base = file.pos;
			else if (whence === SEEK_END) {
				const size = file.handle?.size?.();
				if (size === undefined) throw new KernelError("EINVAL");
				base = size;
			} else throw new KernelError("EINVAL");
			const pos = base + offset;
			if (pos < 0) throw new KernelError("EINVAL");
			file.pos = pos;
			if (pos === 0) file.dirents = null;
			return pos;
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** getdents64(): the entries not yet returned, "." and ".." first. */
	getdents(task: Task, fd: number): DirEntry[] {
		try {
			const file = this.files(task).get(fd);
			const inode = file.inode;
			if (!isDir(inode.mode)) throw new KernelError("ENOTDIR");
			if (file.dirents === null) {
				if (inode.dead) throw new KernelError("ENOENT");
				const parent = this.dotdot(file.path, this.fsOf(task).root).inode;
				file.dirents = [
					{ name: ".", ino: inode.ino, type: DT_DIR },
					{ name: "..", ino: parent.ino, type: DT_DIR },
					...inode.readdir(task),
				];
			}
			const out = file.dirents.slice(file.pos);
			file.pos = file.dirents.length;
			return out;
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** dup(2): the lowest free descriptor; the reference is taken once it has one. */
	dup(task: Task, fd: number): number {
		try {
			const files = this.files(task);
			const file = files.get(fd);
			const newfd = files.unused(0);
			files.installAt(newfd, file.get(), false);
			return newfd;
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** dup2(2): the same descriptor is checked and returned (the corner case). */
	dup2(task: Task, oldfd: number, newfd: number): number {
		try {
			const files = this.files(task);
			if (oldfd === newfd) {
				files.get(oldfd);
				return newfd;
			}
			return this.dup3Files(files, oldfd, newfd, false);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** dup3(2) (ksys_dup3()): EINVAL for the same descriptor or flags but O_CLOEXEC. */
	dup3(task: Task, oldfd: number, newfd: number, flags: number): number {
		try {
			if (flags & ~O_CLOEXEC) throw new KernelError("EINVAL");
			if (oldfd === newfd) throw new KernelError("EINVAL");
			return this.dup3Files(this.files(task), oldfd, newfd, (flags & O_CLOEXEC) !== 0);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	private dup3Files(files: FdTable, oldfd: number, newfd: number, cloexec: boolean): number {
		if (!(newfd >= 0 && newfd < files.limit)) throw new KernelError("EBADF");
		const file = files.get(oldfd);
		files.installAt(newfd, file.get(), cloexec);
		return newfd;
	}

	/** fcntl(2) (do_fcntl()): descriptor duplication and flags, pipe sizes. */
	fcntl(task: Task, fd: number, cmd: number, arg = 0): number {
		try {
			const files = this.files(task);
			const file = files.get(fd);
			if (file.flags & O_PATH && !pathFcntlCmd(cmd)) throw new KernelError("EBADF");
			// The argument is an unsigned long that most commands take as an int.
			const argi = arg | 0;
			switch (cmd) {
				case F_DUPFD:
				case F_DUPFD_CLOEXEC: {
					// f_dupfd(): the lowest free descriptor >= arg.
					const from = argi >>> 0;
					if (from >= files.limit) throw new KernelError("EINVAL");
					const newfd = files.unused(from);
					files.installAt(newfd, file.get(), cmd === F_DUPFD_CLOEXEC);
					return newfd;
				}
				case F_DUPFD_QUERY:
					// f_dupfd_query(): does descriptor arg refer to the same file?
					return files.get(argi) === file ? 1 : 0;
				case F_GETFD:
					return files.isCloexec(fd) ? FD_CLOEXEC : 0;
				case F_SETFD:
					files.setCloexec(fd, (argi & FD_CLOEXEC) !== 0);
					return 0;
				case F_GETFL:
					return file.flags;
				case F_SETFL:
					this.setfl(task, file, argi);
					return 0;
				case F_GETPIPE_SZ:
				case F_SETPIPE_SZ: {
					// pipe_fcntl().
					const pipe = pipeOf(file);
					if (pipe === null) throw new KernelError("EBADF");
					if (cmd === F_GETPIPE_SZ) return pipe.capacity;
					// pipe_set_size(); per-user pipe page accounting is not modelled.
					const size = roundPipeSize(arg >>> 0);
					const slots = size / PAGE_SIZE;
					if (slots === 0) throw new KernelError("EINVAL");
					if (
						size > pipe.capacity &&
						size > PIPE_MAX_SIZE &&
						!task.cred.capable(CAP_SYS_RESOURCE)
					) {
						throw new KernelError("EPERM");
					}
					pipe.resize(slots);
					return pipe.capacity;
				}
				default:
					throw new KernelError("EINVAL");
			}
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/**
	 * setfl(): only the SETFL_MASK flags change. O_NOATIME needs ownership,
	 * O_DIRECT a pipe (packet mode) or a file that can do direct I/O (tmpfs
	 * files, here). FASYNC is ignored (no SIGIO).
	 */
	private setfl(task: Task, file: OpenFile, arg: number): void {
		const inode = file.inode;
		if (arg & O_NOATIME && !(file.flags & O_NOATIME) && !ownerOrCapable(inode, task.cred)) {
			throw new KernelError("EPERM");
		}
		if (arg & O_DIRECT && !isFifo(inode.mode)) {
			if (!(isReg(inode.mode) && inode.sb.fsType === "tmpfs")) throw new KernelError("EINVAL");
		}
		file.flags = (arg & SETFL_MASK) | (file.flags & ~SETFL_MASK);
	}

	// ------------------------------------------------------------ pipes

	/** pipe_mnt's superblock; its anonymous device is taken on first use. */
	private pipefs(): PipefsSuperBlock {
		if (this.pipefsSb === null) {
			this.pipefsSb = new PipefsSuperBlock(this.kernel.clock, this.ids.anonDevs.alloc());
		}
		return this.pipefsSb;
	}

	/** sock_mnt's superblock; its anonymous device is taken on first use. */
	sockfs(): SockfsSuperBlock {
		if (this.sockfsSb === null) {
			this.sockfsSb = new SockfsSuperBlock(this.kernel, this.ids.anonDevs.alloc());
		}
		return this.sockfsSb;
	}

	/**
	 * pipe2(2) (do_pipe2()): [read end, write end] at the two lowest free
	 * descriptors. Flags: O_CLOEXEC, O_NONBLOCK and O_DIRECT (packet mode).
	 */
	pipe2(task: Task, flags = 0): [number, number] {
		try {
			if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) throw new KernelError("EINVAL");
			const files = this.files(task);
			const [r, w] = createPipeFiles(this.pipefs(), task.cred, flags);
			let fdr: number;
			let fdw: number;
			try {
				fdr = files.unused(0);
				fdw = files.unused(fdr + 1);
			} catch (e) {
				r.put();
				w.put();
				throw e;
			}
			const cloexec = (flags & O_CLOEXEC) !== 0;
			files.installAt(fdr, r, cloexec);
			files.installAt(fdw, w, cloexec);
			return [fdr, fdw];
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/**
	 * Connect descriptor `fd` of a task to the host through a new pipe,
	 * replacing what the descriptor held (as a harness does for a child's
	 * stdio). "in": the task gets the read end and the host a writer; "out":
	 * the task gets the write end and the host a reader. The host's end is
	 * an open file of the pipe like any other: it counts as a writer or
	 * reader until closed.
	 */
	hostPipe(task: Task, fd: number, direction: "in"): HostPipeWriter;
	hostPipe(task: Task, fd: number, direction: "out"): HostPipeReader;
	hostPipe(task: Task, fd: number, direction: "in" | "out"): HostPipeWriter | HostPipeReader;
	hostPipe(task: Task, fd: number, direction: "in" | "out"): HostPipeWriter | HostPipeReader {
		try {
			const files = this.files(task);
			if (!(fd >= 0 && fd < files.limit)) throw new KernelError("EBADF");
			const [r, w] = createPipeFiles(this.pipefs(), task.cred, 0);
			if (direction === "in") {
				files.installAt(fd, r, false);
				return new HostPipeWriter(w);
			}
			files.installAt(fd, w, false);
			return new HostPipeReader(r);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	// ------------------------------------------------------ namespace ops

	mkdir(task: Task, path: string, mode = 0o777): void {
		try {
			const w = this.parentOf(task, path);
			if (w.name === "" || w.name === "." || w.name === "..") throw new KernelError("EEXIST");
			const dir = w.parent;
			inodePermission(dir.inode, MAY_EXEC, task.cred);
			if (this.lookupChild(task, dir, w.name) !== null) throw new KernelError("EEXIST");
			if (dir.inode.dead) throw new KernelError("ENOENT");
			inodePermission(dir.inode, MAY_WRITE | MAY_EXEC, task.cred, dir.mnt);
			const umask = this.fsOf(task).umask;
			dir.inode.mkdir(w.name, mode & ~umask & 0o1777, task.cred, task);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** d_lookup() or d_alloc() of a non-directory's dentry for open(). */
	private dentryOf(dir: Inode, name: string, inode: Inode): FileDentry {
		let names = this.dentries.get(dir);
		if (names === undefined) {
			names = new Map();
			this.dentries.set(dir, names);
		}
		let d = names.get(name);
		if (d === undefined || d.inode !== inode) {
			d = { dir, name, inode, unlinked: false };
			names.set(name, d);
		}
		return d;
	}

	/** d_delete() of a name's dentry: open files of it show " (deleted)". */
	private dentryUnlinked(dir: Inode, name: string): void {
		const names = this.dentries.get(dir);
		const d = names?.get(name);
		if (d === undefined) return;
		d.unlinked = true;
		names!.delete(name);
	}

	/** d_move(): the dentry of the old name takes the new one; one it replaces is unhashed. */
	private dentryMoved(oldDir: Inode, oldName: string, newDir: Inode, newName: string): void {
		this.dentryUnlinked(newDir, newName);
		const names = this.dentries.get(oldDir);
		const d = names?.get(oldName);
		if (d === undefined) return;
		names!.delete(oldName);
		d.dir = newDir;
		d.name = newName;
		let target = this.dentries.get(newDir);
		if (target === undefined) {
			target = new Map();
			this.dentries.set(newDir, target);
		}
		target.set(newName, d);
	}

	/** The victim of rmdir/unlink/rename in its parent, with may_delete() checks. */
	private victim(task: Task, dir: PathRef, name: string): PathRef {
		inodePermission(dir.inode, MAY_EXEC, task.cred);
		if (dir.inode.dead) throw new KernelError("ENOENT");
		const inode = dir.inode.lookup(name, task);
		if (inode === null) throw new KernelError("ENOENT");
		return { mnt: dir.mnt, inode };
	}

	private mayDelete(task: Task, dir: PathRef, victim: PathRef): void {
		inodePermission(dir.inode, MAY_WRITE | MAY_EXEC, task.cred, dir.mnt);
		if (checkSticky(dir.inode, victim.inode, task.cred)) throw new KernelError("EPERM");
	}

	rmdir(task: Task, path: string): void {
		try {
			const w = this.parentOf(task, path);
			if (w.name === "." || w.name === "") throw new KernelError("EINVAL");
			if (w.name === "..") throw new KernelError("ENOTEMPTY");
			const dir = w.parent;
			const v = this.victim(task, dir, w.name);
			if (!isDir(v.inode.mode)) throw new KernelError("ENOTDIR");
			this.mayDelete(task, dir, v);
			if (this.isMountpoint(v)) throw new KernelError("EBUSY");
			dir.inode.rmdir(w.name, v.inode, task);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	unlink(task: Task, path: string): void {
		try {
			const w = this.parentOf(task, path);
			if (w.name === "" || w.name === "." || w.name === "..") throw new KernelError("EISDIR");
			const dir = w.parent;
			const v = this.victim(task, dir, w.name);
			if (isDir(v.inode.mode)) throw new KernelError("EISDIR");
			if (w.trailingSlash) throw new KernelError("ENOTDIR");
			this.mayDelete(task, dir, v);
			if (this.isMountpoint(v)) throw new KernelError("EBUSY");
			dir.inode.unlink(w.name, v.inode);
			this.dentryUnlinked(dir.inode, w.name);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	rename(task: Task, oldPath: string, newPath: string): void {
		try {
			const o = this.parentOf(task, oldPath);
			const n = this.parentOf(task, newPath);
			const isDotName = (s: string): boolean => s === "" || s === "." || s === "..";
			if (isDotName(o.name) || isDotName(n.name)) throw new KernelError("EBUSY");
			if (o.parent.mnt !== n.parent.mnt) throw new KernelError("EXDEV");
			const src = this.victim(task, o.parent, o.name);
			inodePermission(n.parent.inode, MAY_EXEC, task.cred);
			const existing = n.parent.inode.lookup(n.name, task);
			const srcIsDir = isDir(src.inode.mode);
			if (!srcIsDir && (o.trailingSlash || n.trailingSlash)) throw new KernelError("ENOTDIR");
			if (existing === src.inode) return;
			if (srcIsDir) {
				// The new name may not be inside the directory being moved.
				for (let p = n.parent.inode; ; p = p.parent()) {
					if (p === src.inode) throw new KernelError("EINVAL");
					if (p.parent() === p) break;
				}
			}
			// do_renameat2(): the target may not be an ancestor of the
			// source (lock_rename()'s trap), before the filesystem is asked.
			if (existing !== null && isDir(existing.mode)) {
				for (let p = o.parent.inode; ; p = p.parent()) {
					if (p === existing) throw new KernelError("ENOTEMPTY");
					if (p.parent() === p) break;
				}
			}
			if (existing !== null) {
				if (srcIsDir && !isDir(existing.mode)) throw new KernelError("ENOTDIR");
				if (!srcIsDir && isDir(existing.mode)) throw new KernelError("EISDIR");
			}
			this.mayDelete(task, o.parent, src);
			if (existing !== null) this.mayDelete(task, n.parent, { mnt: n.parent.mnt, inode: existing });
			else inodePermission(n.parent.inode, MAY_WRITE | MAY_EXEC, task.cred, n.parent.mnt);
			if (this.isMountpoint(src)) throw new KernelError("EBUSY");
			if (existing !== null && this.isMountpoint({ mnt: n.parent.mnt, inode: existing })) {
				throw new KernelError("EBUSY");
			}
			o.parent.inode.rename(o.name, n.parent.inode, n.name, task);
			if (!srcIsDir) this.dentryMoved(o.parent.inode, o.name, n.parent.inode, n.name);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	symlink(task: Task, target: string, path: string): void {
		try {
			if (target.length === 0) throw new KernelError("ENOENT");
			const w = this.parentOf(task, path);
			if (w.name === "" || w.trailingSlash) throw new KernelError("EEXIST");
			const dir = w.parent;
			inodePermission(dir.inode, MAY_EXEC, task.cred);
			if (this.lookupChild(task, dir, w.name) !== null) throw new KernelError("EEXIST");
			if (dir.inode.dead) throw new KernelError("ENOENT");
			inodePermission(dir.inode, MAY_WRITE | MAY_EXEC, task.cred, dir.mnt);
			dir.inode.symlink(w.name, target, task.cred);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	readlink(task: Task, path: string): string {
		try {
			const p = this.walk(task, path, null, false);
			if (!isLnk(p.inode.mode)) throw new KernelError("EINVAL");
			return p.inode.readlink(task);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	link(task: Task, oldPath: string, newPath: string): void {
		try {
			const src = this.walk(task, oldPath, null, false);
			if (isDir(src.inode.mode)) throw new KernelError("EPERM");
			const w = this.parentOf(task, newPath);
			if (w.name === "") throw new KernelError("EEXIST");
			const dir = w.parent;
			inodePermission(dir.inode, MAY_EXEC, task.cred);
			if (this.lookupChild(task, dir, w.name) !== null) throw new KernelError("EEXIST");
			if (dir.mnt !== src.mnt) throw new KernelError("EXDEV");
			inodePermission(dir.inode, MAY_WRITE | MAY_EXEC, task.cred, dir.mnt);
			dir.inode.link(w.name, src.inode);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	mknod(task: Task, path: string, mode: number, rdev = 0): void {
		try {
			const type = mode & S_IFMT;
			const w = this.parentOf(task, path);
			if (w.name === "") throw new KernelError("EEXIST");
			const dir = w.parent;
			inodePermission(dir.inode, MAY_EXEC, task.cred);
			if (this.lookupChild(task, dir, w.name) !== null) throw new KernelError("EEXIST");
			// vfs_mknod(): may_create(), then CAP_MKNOD for device nodes only.
			inodePermission(dir.inode, MAY_WRITE | MAY_EXEC, task.cred, dir.mnt);
			if ((type === S_IFCHR || type === S_IFBLK) && !task.cred.capable(CAP_MKNOD)) {
				throw new KernelError("EPERM");
			}
			devcgroupInodeMknod(task, mode, major(rdev), minor(rdev));
			const umask = this.fsOf(task).umask;
			dir.inode.mknod(w.name, (mode & S_IFMT) | (mode & ~umask & 0o7777), rdev, task.cred);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	// ---------------------------------------------------------- metadata

	stat(task: Task, path: string): Stat {
		try {
			return this.walk(task, path, null, true).inode.stat();
		} finally {
			this.kernel.runPendingWork();
		}
	}

	lstat(task: Task, path: string): Stat {
		try {
			return this.walk(task, path, null, false).inode.stat();
		} finally {
			this.kernel.runPendingWork();
		}
	}

	fstat(task: Task, fd: number): Stat {
		try {
			return this.files(task).get(fd).inode.stat();
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** inotify_add_watch(IN_MODIFY) / poll(POLLPRI) on a path: its inode's notifier, if it has one. */
	modifyNotifier(task: Task, path: string): ModifyNotifier | null {
		try {
			return this.walk(task, path, null, true).inode.modifyNotifier();
		} finally {
			this.kernel.runPendingWork();
		}
	}

	statfs(task: Task, path: string): StatFs {
		try {
			return this.walk(task, path, null, true).inode.sb.statfs();
		} finally {
			this.kernel.runPendingWork();
		}
	}

	access(task: Task, path: string, mode: number): void {
		try {
			const p = this.walk(task, path, null, true);
			if (mode !== 0) {
				inodePermission(p.inode, mode & 7, task.cred, p.mnt);
				const rdev = p.inode.stat().rdev;
				devcgroupInodePermission(task, p.inode.mode, major(rdev), minor(rdev), mode & 7);
			}
			// do_faccessat(): X_OK on a regular file fails on a noexec mount
			// or filesystem (path_noexec(): kernfs and proc are SB_I_NOEXEC).
			if (
				mode & MAY_EXEC &&
				isReg(p.inode.mode) &&
				(p.mnt.flags & MNT_NOEXEC || p.inode.sb.noexec)
			) {
				throw new KernelError("EACCES");
			}
		} finally {
			this.kernel.runPendingWork();
		}
	}

	private chmodPath(task: Task, p: PathRef, mode: number): void {
		if (!ownerOrCapable(p.inode, task.cred)) throw new KernelError("EPERM");
		if (p.mnt.flags & MNT_READONLY) throw new KernelError("EROFS");
		p.inode.setattr({ mode: mode & 0o7777 });
	}

	/**
	 * utimensat(AT_FDCWD, path, times, flags) (do_utimes()): null times mean
	 * "now" (UTIME_NOW), which the owner or anyone who may write the file
	 * may set (EACCES otherwise); explicit times need the owner or
	 * CAP_FOWNER (EPERM). Read-only mounts give EROFS.
	 */
	utimensat(
		task: Task,
		path: string,
		atimeNs: number | null,
		mtimeNs: number | null,
		nofollow = false,
	): void {
		try {
			const target = this.walk(task, path, null, !nofollow);
			const inode = target.inode;
			const cred = task.cred;
			if (inode.sb.flags & SB_RDONLY || target.mnt.flags & MNT_READONLY)
				throw new KernelError("EROFS");
			if (atimeNs === null && mtimeNs === null) {
				if (!ownerOrCapable(inode, cred)) inodePermission(inode, MAY_WRITE, cred, target.mnt);
			} else if (!ownerOrCapable(inode, cred)) {
				throw new KernelError("EPERM");
			}
			const now = this.kernel.clock.realtime();
			inode.setattr({ atimeNs: atimeNs ?? now, mtimeNs: mtimeNs ?? now });
		} finally {
			this.kernel.runPendingWork();
		}
	}

	chmod(task: Task, path: string, mode: number): void {
		try {
			this.chmodPath(task, this.walk(task, path, null, true), mode);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	fchmod(task: Task, fd: number, mode: number): void {
		try {
			this.chmodPath(task, this.files(task).get(fd).path, mode);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	private chownPath(task: Task, p: PathRef, uid: number, gid: number): void {
		checkChown(p.inode, uid, gid, task.cred);
		if (p.mnt.flags & MNT_READONLY) throw new KernelError("EROFS");
		const attr: { uid?: number; gid?: number; mode?: number } = {};
		if (uid !== -1) attr.uid = uid;
		if (gid !== -1) attr.gid = gid;
		// chown_common(): a non-directory loses S_ISUID (ATTR_KILL_SUID), and
		// S_ISGID when group-executable or when the caller is neither in its
		// group nor CAP_FSETID (setattr_should_drop_sgid()), even for root.
		const mode = p.inode.mode;
		if (!isDir(mode)) {
			let kept = mode & 0o7777 & ~S_ISUID;
			if (
				mode & S_ISGID &&
				(mode & S_IXGRP || !(task.cred.inGroup(p.inode.gid) || task.cred.capable(CAP_FSETID)))
			)
				kept &= ~S_ISGID;
			if (kept !== (mode & 0o7777)) attr.mode = kept;
		}
		p.inode.setattr(attr);
	}

	chown(task: Task, path: string, uid: number, gid: number): void {
		try {
			this.chownPath(task, this.walk(task, path, null, true), uid, gid);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	lchown(task: Task, path: string, uid: number, gid: number): void {
		try {
			this.chownPath(task, this.walk(task, path, null, false), uid, gid);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	fchown(task: Task, fd: number, uid: number, gid: number): void {
		try {
			this.chownPath(task, this.files(task).get(fd).path, uid, gid);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	truncate(task: Task, path: string, size: number): void {
		try {
			const p = this.walk(task, path, null, true);
			if (isDir(p.inode.mode)) throw new KernelError("EISDIR");
			if (!isReg(p.inode.mode)) throw new KernelError("EINVAL");
			inodePermission(p.inode, MAY_WRITE, task.cred, p.mnt);
			p.inode.setattr({ size });
		} finally {
			this.kernel.runPendingWork();
		}
	}

	umask(task: Task, mask: number): number {
		try {
			const fs = this.fsOf(task);
			const old = fs.umask;
			fs.umask = mask & 0o777;
			return old;
		} finally {
			this.kernel.runPendingWork();
		}
	}

	chdir(task: Task, path: string): void {
		try {
			const p = this.walk(task, path, null, true);
			if (!isDir(p.inode.mode)) throw new KernelError("ENOTDIR");
			inodePermission(p.inode, MAY_EXEC, task.cred);
			this.fsOf(task).setPwd(p);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	fchdir(task: Task, fd: number): void {
		try {
			const file = this.files(task).get(fd);
			if (!isDir(file.inode.mode)) throw new KernelError("ENOTDIR");
			inodePermission(file.inode, MAY_EXEC, task.cred);
			this.fsOf(task).setPwd(file.path);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/** getcwd(2): ENOENT when the working directory was removed. */
	getcwd(task: Task): string {
		try {
			const fs = this.fsOf(task);
			if (fs.pwd.inode.dead) throw new KernelError("ENOENT");
			return this.pathOf(fs.pwd, fs.root) ?? "(unreachable)";
		} finally {
			this.kernel.runPendingWork();
		}
	}

	/**
	 * d_path() of an open file as `reader` sees it (/proc/<pid>/fd links):
	 * `pipe:[ino]` for a pipe, `socket:[ino]` for a socket, else its path from the reader's root (from
	 * the namespace root when outside it), " (deleted)" once unlinked.
	 */
	filePath(file: OpenFile, reader: Task): string {
		const inode = file.inode;
		if (inode instanceof PipeInode || inode instanceof SocketInode) return inode.dname;
		const fs = reader.fs;
		const nsRoot = this.mntNs(reader).root;
		const roots: PathRef[] = [];
		if (fs instanceof FsStruct) roots.push(fs.root);
		if (nsRoot !== null) roots.push({ mnt: nsRoot, inode: nsRoot.root });
		const d = file.dentry;
		const dir: PathRef | null =
			file.dir === null ? null : d === null ? file.dir : { mnt: file.dir.mnt, inode: d.dir };
		const name = d === null ? file.name : d.name;
		for (const root of roots) {
			let path: string | null;
			if (dir === null) path = this.pathOf(file.path, root);
			else {
				const p = this.pathOf(dir, root);
				path = p === null ? null : p === "/" ? `/${name}` : `${p}/${name}`;
			}
			if (path === null) continue;
			const gone = dir === null ? inode.dead : d === null ? inode.stat().nlink === 0 : d.unlinked;
			return gone ? `${path} (deleted)` : path;
		}
		return name;
	}

	/** d_path(): the path of a position as seen from `root`, null when outside it. */
	pathOf(path: PathRef, root: PathRef): string | null {
		const parts: string[] = [];
		let { mnt, inode } = path;
		for (;;) {
			if (mnt === root.mnt && inode === root.inode) break;
			if (inode === mnt.root) {
				if (mnt.parent === null || mnt.mountpoint === null) return null;
				const file = mnt.mountpointDentry;
				if (file !== null) parts.unshift(file.name);
				inode = file?.dir ?? mnt.mountpoint;
				mnt = mnt.parent;
				continue;
			}
			parts.unshift(inode.nameInParent());
			inode = inode.parent();
		}
		return `/${parts.join("/")}`;
	}

	// ---------------------------------------------------------- mounting

	/** mount(2). */
	mount(
		task: Task,
		source: string | null,
		target: string,
		fstype: string | null,
		flags: number,
		data: string | null,
	): void {
		try {
			if (!task.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
			const where = this.walk(task, target, null, true);
			if (flags & MS_REMOUNT) {
				this.remount(task, where, flags, data);
				return;
			}
			if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE)) {
				// Propagation types: every mount here is private already.
				return;
			}
			if (flags & (MS_BIND | MS_MOVE)) {
				this.bindMount(task, source, where, this.lastFileName(where, true), flags);
				return;
			}
			if (fstype === null) throw new KernelError("EINVAL");
			const type = this.fsTypes.get(fstype);
			if (type === undefined) throw new KernelError("ENODEV");
			if (!isDir(where.inode.mode)) throw new KernelError("ENOTDIR");
			const ctx = type.initFsContext(task, source);
			let sbFlags = flags & MS_RDONLY ? SB_RDONLY : 0;
			for (const [key, value] of splitOptions(data ?? "")) {
				const sbFlag = SB_FLAG_OPTIONS[key];
				if (sbFlag !== undefined && value === null) {
					sbFlags = sbFlag[1] ? sbFlags | sbFlag[0] : sbFlags & ~sbFlag[0];
					continue;
				}
				if (key === "source") throw new KernelError("EINVAL");
				ctx.parseParam(key, value);
			}
			const sb = ctx.getTree();
			// do_add_mount(): refuse the same filesystem on the same mount point.
			if (where.mnt.sb === sb && where.inode === where.mnt.root) throw new KernelError("EBUSY");
			if (sb.active === 0) sb.flags = sbFlags | (sb.flags & ~SB_RDONLY & ~SB_SYNCHRONOUS);
			this.activate(sb);
			const ns = this.mntNs(task);
			const root = ctx.mountRoot?.(sb) ?? sb.root;
			this.attach(ns, sb, root, where.mnt, where.inode, mntFlags(flags), source ?? "none");
		} finally {
			this.kernel.runPendingWork();
		}
	}

	private remount(task: Task, where: PathRef, flags: number, data: string | null): void {
		const mnt = where.mnt;
		if (where.inode !== mnt.root) throw new KernelError("EINVAL");
		if (flags & MS_BIND) {
			mnt.flags = mntFlags(flags);
			return;
		}
		const type = this.fsTypes.get(mnt.sb.fsType);
		if (type === undefined) throw new KernelError("EINVAL");
		const ctx = type.initFsContext(task, null);
		let sbFlags = flags & MS_RDONLY ? SB_RDONLY : 0;
		for (const [key, value] of splitOptions(data ?? "")) {
			const sbFlag = SB_FLAG_OPTIONS[key];
			if (sbFlag !== undefined && value === null) {
				sbFlags = sbFlag[1] ? sbFlags | sbFlag[0] : sbFlags & ~sbFlag[0];
				continue;
			}
			ctx.parseParam(key, value);
		}
		if (ctx.reconfigure === undefined) throw new KernelError("EINVAL");
		ctx.reconfigure(mnt.sb);
		mnt.sb.flags = (mnt.sb.flags & ~SB_RDONLY) | (sbFlags & SB_RDONLY);
		mnt.flags = mntFlags(flags);
	}

	/**
	 * The dentry of a non-directory the last walk resolved to: the directory
	 * and name it was looked up by, or, for the root of a file mount, that
	 * mount's root dentry (null for a mountpoint: paths go on through the
	 * mount below).
	 */
	private lastFileName(p: PathRef, asMountpoint: boolean): FileName | null {
		if (isDir(p.inode.mode)) return null;
		if (p.inode === p.mnt.root) return asMountpoint ? null : p.mnt.rootDentry;
		return this.lastDir === null ? null : { dir: this.lastDir.inode, name: this.lastName };
	}

	private bindMount(
		task: Task,
		source: string | null,
		where: PathRef,
		whereName: FileName | null,
		flags: number,
	): void {
		if (source === null) throw new KernelError("EINVAL");
		const from = this.walk(task, source, null, true);
		const fromName = this.lastFileName(from, false);
		// graft_tree(): a directory goes on a directory, anything else on a non-directory.
		if (isDir(from.inode.mode) !== isDir(where.inode.mode)) throw new KernelError("ENOTDIR");
		const ns = this.mntNs(task);
		if (flags & MS_MOVE) {
			const mnt = from.mnt;
			if (from.inode !== mnt.root || mnt.parent === null || mnt.mountpoint === null) {
				throw new KernelError("EINVAL");
			}
			mnt.parent.children.delete(mnt.mountpoint);
			mnt.parent = where.mnt;
			mnt.mountpoint = where.inode;
			where.mnt.children.set(where.inode, mnt);
			return;
		}
		this.activate(from.mnt.sb);
		const mnt = this.attach(
			ns,
			from.mnt.sb,
			from.inode,
			where.mnt,
			where.inode,
			from.mnt.flags,
			from.mnt.devname,
		);
		mnt.mountpointDentry = whereName;
		mnt.rootDentry = fromName;
	}

	/** umount2(2). */
	umount(task: Task, target: string, flags = 0): void {
		try {
			if (!task.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
			if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) {
				throw new KernelError("EINVAL");
			}
			const where = this.walk(task, target, null, !(flags & UMOUNT_NOFOLLOW));
			const mnt = where.mnt;
			if (where.inode !== mnt.root) throw new KernelError("EINVAL");
			if (mnt.parent === null) throw new KernelError("EBUSY");
			if (!(flags & MNT_DETACH)) {
				if (mnt.children.size > 0 || mnt.refcount > 0) throw new KernelError("EBUSY");
			}
			this.detach(mnt);
		} finally {
			this.kernel.runPendingWork();
		}
	}

	private detach(mnt: Mount): void {
		for (const child of [...mnt.children.values()]) this.detach(child);
		if (mnt.parent !== null && mnt.mountpoint !== null) {
			if (mnt.parent.children.get(mnt.mountpoint) === mnt) {
				mnt.parent.children.delete(mnt.mountpoint);
			}
		}
		mnt.detached = true;
		for (const ns of [this.initMntNs]) ns.mounts.delete(mnt);
		this.ids.mountIds.remove(mnt.id);
		this.deactivate(mnt.sb);
	}

	/** The mounts a task sees, in mount order (for /proc/<pid>/mounts). */
	visibleMounts(task: Task): Mount[] {
		return [...this.mntNs(task).mounts].sort((a, b) => a.seq - b.seq);
	}

	// ------------------------------------------------- convenience (not syscalls)

	/** Read a whole file as a byte string (open, read to EOF, close). */
	readFile(task: Task, path: string): string {
		const fd = this.open(task, path, O_RDONLY);
		try {
			let out = "";
			for (;;) {
				const chunk = this.read(task, fd, 65536);
				if (chunk.length === 0) return out;
				out += bytesToBinary(chunk);
			}
		} finally {
			this.close(task, fd);
		}
	}

	/**
	 * Write a file the way `echo x > f` does: open O_WRONLY|O_CREAT|O_TRUNC,
	 * one write(2), close. Returns what write returned.
	 */
	writeFile(task: Task, path: string, data: string): number {
		const fd = this.open(task, path, 0o1 | O_CREAT | O_TRUNC, 0o666);
		try {
			return this.write(task, fd, data);
		} finally {
			this.close(task, fd);
		}
	}

	/** The entry names of a directory, "." and ".." excluded, in readdir order. */
	readdir(task: Task, path: string): string[] {
		const fd = this.open(task, path, O_RDONLY | O_DIRECTORY);
		try {
			return this.getdents(task, fd)
				.map((e) => e.name)
				.filter((n) => n !== "." && n !== "..");
		} finally {
			this.close(task, fd);
		}
	}
}

/**
 * The f_flags of a file open() makes: build_open_flags() keeps only the
 * path flags of O_PATH and drops O_CLOEXEC (a descriptor flag), and
 * do_dentry_open() drops the open-time-only flags; 64-bit kernels force
 * O_LARGEFILE.
 */
function openFileFlags(flags: number): number {
	if (flags & O_PATH) return flags & (O_DIRECTORY | O_NOFOLLOW | O_PATH);
	return (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE;
}

/** MS_* mount flags to MNT_* per-mount flags (relatime unless told otherwise). */
function mntFlags(flags: number): number {
	let mnt = 0;
	if (flags & MS_NOSUID) mnt |= MNT_NOSUID;
	if (flags & MS_NODEV) mnt |= MNT_NODEV;
	if (flags & MS_NOEXEC) mnt |= MNT_NOEXEC;
	if (flags & MS_NOATIME) mnt |= MNT_NOATIME;
	if (flags & MS_NODIRATIME) mnt |= MNT_NODIRATIME;
	if (flags & MS_NOSYMFOLLOW) mnt |= MNT_NOSYMFOLLOW;
	if (flags & MS_RDONLY) mnt |= MNT_READONLY;
	if (!(flags & (MS_NOATIME | MS_STRICTATIME))) mnt |= MNT_RELATIME;
	return mnt;
}

/** generic_parse_monolithic(): comma-separated key[=value], empty items skipped. */
export function splitOptions(data: string): [string, string | null][] {
	const out: [string, string | null][] = [];
	for (const item of data.split(",")) {
		if (item.length === 0) continue;
		const eq = item.indexOf("=");
		out.push(eq < 0 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)]);
	}
	return out;
}
