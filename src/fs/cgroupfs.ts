/**
 * The cgroup filesystems ("cgroup", "cgroup2" and the legacy "cpuset"): the
 * kernfs glue between the VFS and the cgroup core. One superblock per
 * hierarchy, shared by all its mounts; directories are cgroups, files are
 * their control files. kernfs' own rules live here: the write size limit
 * (E2BIG), ENODEV on removed nodes, NUL-terminated write buffers, directory
 * order by name hash.
 */
import { bytesToBinary } from "../kernel/bytes.ts";
import type { CgroupOpenFile } from "../kernel/cgroup/cftype.ts";
import type { Cgroup, CgroupFile } from "../kernel/cgroup/cgroup.ts";
import {
	type Cgroup1FsContext,
	cgroup1GetTree,
	cgroup1ParseParam,
	cgroup1Reconfigure,
	cgroup1ShowOptions,
	newCgroup1FsContext,
} from "../kernel/cgroup/cgroup-v1.ts";
import {
	applyCgroupRootFlags,
	cgroup2GetTree,
	cgroup2ParseParam,
	cgroup2ShowOptions,
} from "../kernel/cgroup/cgroup-v2.ts";
import type { CgroupCore } from "../kernel/cgroup/core.ts";
import { CGRP_ROOT_NOPREFIX } from "../kernel/cgroup/defs.ts";
import {
	cgroupFileMaxWrite,
	cgroupFileOpen,
	cgroupFileRelease,
	cgroupFileWrite,
	cgroupSeqShow,
} from "../kernel/cgroup/file.ts";
import type { KernfsNode } from "../kernel/cgroup/kernfs-node.ts";
import { type CgroupNamespace, cgroupNsRoot, taskCgroupNs } from "../kernel/cgroup/namespace.ts";
import type { CgroupRoot } from "../kernel/cgroup/root.ts";
import type { Cred } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Task } from "../kernel/task.ts";
import {
	CGROUP_SUPER_MAGIC,
	CGROUP2_SUPER_MAGIC,
	S_IFDIR,
	S_IFREG,
	type Stat,
} from "./constants.ts";
import type { OpenFile } from "./file.ts";
import {
	type DirEntry,
	DT_DIR,
	DT_REG,
	type FileHandle,
	type FileSystemType,
	type FsContext,
	Inode,
	type ModifyNotifier,
	type SetAttr,
	SuperBlock,
} from "./inode.ts";
import { kernfsCompare } from "./kernfs-hash.ts";
import { SeqReader } from "./seq.ts";

export class CgroupSuperBlock extends SuperBlock {
	readonly fsType: string;
	readonly magic: number;
	readonly core: CgroupCore;
	readonly cgroupRoot: CgroupRoot;
	readonly root: CgroupDirInode;
	private readonly onKill: (sb: CgroupSuperBlock) => void;

	constructor(core: CgroupCore, root: CgroupRoot, onKill: (sb: CgroupSuperBlock) => void) {
		super();
		this.core = core;
		this.cgroupRoot = root;
		this.fsType = root.isDfl ? "cgroup2" : "cgroup";
		this.magic = root.isDfl ? CGROUP2_SUPER_MAGIC : CGROUP_SUPER_MAGIC;
		this.onKill = onKill;
		// kernfs_fill_super(): SB_I_NOEXEC | SB_I_NODEV.
		this.noexec = true;
		this.root = this.dir(root.cgrp);
	}

	/** The inode of a cgroup directory (kept on the node, one per live superblock). */
	dir(cgrp: Cgroup): CgroupDirInode {
		const cached = cgrp.vfsInode;
		if (cached instanceof CgroupDirInode && cached.sb === this) return cached;
		const inode = new CgroupDirInode(this, cgrp);
		cgrp.vfsInode = inode;
		return inode;
	}

	file(file: CgroupFile): CgroupFileInode {
		const cached = file.vfsInode;
		if (cached instanceof CgroupFileInode && cached.sb === this) return cached;
		const inode = new CgroupFileInode(this, file);
		file.vfsInode = inode;
		return inode;
	}

	override showOptions(): string {
		const root = this.cgroupRoot;
		return root.isDfl ? cgroup2ShowOptions(this.core) : cgroup1ShowOptions(this.core, root);
	}

	override showPath(root: Inode): string {
		return root instanceof CgroupDirInode ? root.cgroup.path() : "/";
	}

	override kill(): void {
		this.onKill(this);
		if (!this.cgroupRoot.isDfl) this.core.killSb(this.cgroupRoot);
	}
}

/**
 * The inode of a kernfs node (kernfs_iop_getattr/setattr): the attributes
 * live on the node the cgroup core made, so they survive the inode.
 */
abstract class KernfsInode extends Inode {
	readonly sb: CgroupSuperBlock;
	private readonly node: KernfsNode;
	/** S_IFDIR or S_IFREG. */
	private readonly fileType: number;

	constructor(sb: CgroupSuperBlock, node: KernfsNode, fileType: number) {
		super();
		this.sb = sb;
		this.node = node;
		this.fileType = fileType;
	}

	get ino(): number {
		return this.node.ino;
	}

	get mode(): number {
		return this.fileType | this.node.mode;
	}

	get uid(): number {
		return this.node.uid;
	}

	get gid(): number {
		return this.node.gid;
	}

	protected abstract nlink(): number;

	stat(): Stat {
		const n = this.node;
		return {
			dev: this.sb.dev,
			ino: n.ino,
			mode: this.mode,
			nlink: this.nlink(),
			uid: n.uid,
			gid: n.gid,
			rdev: 0,
			size: 0,
			blksize: 4096,
			blocks: 0,
			atimeNs: n.atime.ns,
			mtimeNs: n.mtime.ns,
			ctimeNs: n.ctime.ns,
		};
	}

	override setattr(attr: SetAttr): void {
		const n = this.node;
		// __kernfs_setattr() gives the node its iattrs.
		n.iattr = true;
		if (attr.mode !== undefined) n.mode = attr.mode & 0o7777;
		if (attr.uid !== undefined) n.uid = attr.uid;
		if (attr.gid !== undefined) n.gid = attr.gid;
		if (attr.atimeNs !== undefined) n.atime = { ns: attr.atimeNs };
		if (attr.mtimeNs !== undefined) n.mtime = { ns: attr.mtimeNs };
		n.ctime = this.sb.core.kernel.clock.stamp();
	}
}

export class CgroupDirInode extends KernfsInode {
	readonly cgroup: Cgroup;

	constructor(sb: CgroupSuperBlock, cgroup: Cgroup) {
		super(sb, cgroup, S_IFDIR);
		this.cgroup = cgroup;
	}

	protected nlink(): number {
		return 2 + this.cgroup.children.size;
	}

	override get dead(): boolean {
		return !this.cgroup.online;
	}

	override lookup(name: string): Inode | null {
		const child = this.cgroup.children.get(name);
		if (child !== undefined) return this.sb.dir(child);
		const file = this.cgroup.file(name);
		return file === undefined ? null : this.sb.file(file);
	}

	override parent(): Inode {
		const p = this.cgroup.parent;
		return p === null ? this : this.sb.dir(p);
	}

	override nameInParent(): string {
		return this.cgroup.name;
	}

	/** kernfs_fop_readdir(): every entry in kernfs_name_hash order. */
	override readdir(): DirEntry[] {
		const entries: DirEntry[] = [];
		for (const child of this.cgroup.children.values()) {
			entries.push({ name: child.name, ino: child.ino, type: DT_DIR });
		}
		for (const f of this.cgroup.fileEntries())
			entries.push({ name: f.name, ino: f.ino, type: DT_REG });
		return entries.sort((a, b) => kernfsCompare(a.name, b.name));
	}

	override mkdir(name: string, mode: number, cred: Cred): void {
		if (!this.cgroup.online) throw new KernelError("ENODEV");
		this.sb.core.mkdir(this.cgroup, name, mode, cred);
	}

	override rmdir(_name: string, child: Inode): void {
		if (!(child instanceof CgroupDirInode)) throw new KernelError("ENOTDIR");
		this.sb.core.rmdir(child.cgroup);
	}

	/** kernfs_iop_rename() -> cgroup1_rename(); cgroup2 has no rename (EPERM). */
	override rename(oldName: string, newDir: Inode, newName: string): void {
		if (this.sb.cgroupRoot.isDfl) throw new KernelError("EPERM");
		if (newName.includes("\n")) throw new KernelError("EINVAL");
		const child = this.cgroup.children.get(oldName);
		if (child === undefined) {
			if (this.cgroup.hasFile(oldName)) throw new KernelError("ENOTDIR");
			throw new KernelError("ENOENT");
		}
		if (newDir !== this) throw new KernelError("EIO");
		this.sb.core.rename(child, newName);
	}
}

export class CgroupFileInode extends KernfsInode {
	readonly file: CgroupFile;

	override modifyNotifier(): ModifyNotifier {
		return this.file;
	}

	constructor(sb: CgroupSuperBlock, file: CgroupFile) {
		super(sb, file, S_IFREG);
		this.file = file;
	}

	protected nlink(): number {
		return 1;
	}

	/** kernfs_fop_open() + cgroup_file_open(). */
	override open(file: OpenFile, task: Task): FileHandle {
		const node = this.file;
		if (!node.active) throw new KernelError("ENODEV");
		return new CgroupFileHandle(node, cgroupFileOpen(node, file.cred, task));
	}
}

/** An open cgroup control file (kernfs_open_file): seq_file reads, whole-buffer writes. */
class CgroupFileHandle implements FileHandle {
	private readonly node: CgroupFile;
	private readonly of: CgroupOpenFile;
	private seq: SeqReader | null = null;

	constructor(node: CgroupFile, of: CgroupOpenFile) {
		this.node = node;
		this.of = of;
	}

	read(_file: OpenFile, pos: number, count: number, task: Task): Uint8Array {
		if (!this.node.active) throw new KernelError("ENODEV");
		this.of.current = task;
		if (this.seq === null) this.seq = new SeqReader(() => cgroupSeqShow(this.of));
		return this.seq.read(pos, count);
	}

	/** kernfs_fop_write_iter(): E2BIG past the limit, ENODEV once removed, a C string. */
	write(_file: OpenFile, data: Uint8Array, _pos: number, task: Task): number {
		if (data.length > cgroupFileMaxWrite(this.node)) throw new KernelError("E2BIG");
		if (!this.node.active) throw new KernelError("ENODEV");
		const nul = data.indexOf(0);
		const buf = bytesToBinary(data, 0, nul < 0 ? data.length : nul);
		this.of.current = task;
		return cgroupFileWrite(this.of, buf, data.length);
	}

	release(): void {
		cgroupFileRelease(this.of);
	}
}

/** Parse the v1 options of a mount or remount into a context. */
function v1Context(core: CgroupCore, cred: Cred, preset?: Partial<Cgroup1FsContext>) {
	const ctx = { ...newCgroup1FsContext(), ...preset };
	return {
		ctx,
		parse(key: string, value: string | null): void {
			cgroup1ParseParam(core, ctx, key, value, cred);
		},
	};
}

/** cgroup_do_get_tree(): inside a cgroup namespace a mount shows the namespace root. */
function nsMountRoot(sb: SuperBlock, ns: CgroupNamespace | null): Inode {
	if (!(sb instanceof CgroupSuperBlock)) throw new Error("not a cgroup superblock");
	return sb.dir(cgroupNsRoot(ns, sb.cgroupRoot));
}

/** The "cgroup", "cgroup2" and "cpuset" filesystem types of one kernel. */
export function cgroupFsTypes(core: CgroupCore): FileSystemType[] {
	const live = new Map<CgroupRoot, CgroupSuperBlock>();
	const superblockFor = (root: CgroupRoot): CgroupSuperBlock => {
		let sb = live.get(root);
		if (sb === undefined) {
			sb = new CgroupSuperBlock(core, root, (dead) => live.delete(dead.cgroupRoot));
			live.set(root, sb);
		}
		return sb;
	};

	const cgroup: FileSystemType = {
		name: "cgroup",
		nodev: true,
		initFsContext(task: Task): FsContext {
			const v1 = v1Context(core, task.cred);
			const ns = taskCgroupNs(task);
			return {
				parseParam: (key, value) => v1.parse(key, value),
				getTree: () => superblockFor(cgroup1GetTree(core, v1.ctx, task.cred, ns === null)),
				mountRoot: (sb) => nsMountRoot(sb, ns),
				reconfigure: (sb) => {
					if (!(sb instanceof CgroupSuperBlock)) throw new KernelError("EINVAL");
					cgroup1Reconfigure(core, sb.cgroupRoot, v1.ctx, task.cred);
				},
			};
		},
	};

	const cgroup2: FileSystemType = {
		name: "cgroup2",
		nodev: true,
		initFsContext(task: Task): FsContext {
			let flags = 0;
			const ns = taskCgroupNs(task);
			return {
				parseParam: (key, value) => {
					flags = cgroup2ParseParam(core, flags, key, value);
				},
				getTree: () => {
					// apply_cgroup_root_flags(): only from the initial namespace.
					if (ns === null) cgroup2GetTree(core, flags);
					else core.dflVisible = true;
					return superblockFor(core.dflRoot);
				},
				mountRoot: (sb) => nsMountRoot(sb, ns),
				reconfigure: () => {
					if (ns === null) applyCgroupRootFlags(core, flags);
				},
			};
		},
	};

	const cpuset: FileSystemType = {
		name: "cpuset",
		nodev: true,
		initFsContext(task: Task): FsContext {
			const cpusetSs = core.subsysByLegacyName("cpuset");
			const ns = taskCgroupNs(task);
			const v1 = v1Context(core, task.cred, {
				subsysMask: cpusetSs?.mask ?? 0,
				flags: CGRP_ROOT_NOPREFIX,
				releaseAgent: "/sbin/cpuset_release_agent",
			});
			return {
				parseParam: (key) => {
					core.kernel.printk(`cpuset: Unknown parameter '${key}'`);
					throw new KernelError("EINVAL");
				},
				getTree: () => superblockFor(cgroup1GetTree(core, v1.ctx, task.cred, ns === null)),
				mountRoot: (sb) => nsMountRoot(sb, ns),
			};
		},
	};
	return [cgroup, cgroup2, cpuset];
}
