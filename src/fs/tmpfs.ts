/**
 * tmpfs (mm/shmem.c): files in memory. Directory sizes grow by
 * BOGO_DIRENT_SIZE per entry, readdir lists the most recently added (or
 * renamed) entry first, new inodes take the directory's group when it is
 * setgid, and `size=` bounds the pages in use (ENOSPC beyond).
 */

import type { Clock } from "../kernel/clock.ts";
import type { Cred } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import type { AddressSpace, PageCache } from "../kernel/mm/filemap.ts";
import type { Task } from "../kernel/task.ts";
import {
	NAME_MAX,
	S_IFDIR,
	S_IFLNK,
	S_IFMT,
	S_IFREG,
	S_ISGID,
	S_ISVTX,
	SB_RDONLY,
	type Stat,
	type StatFs,
	TMPFS_MAGIC,
} from "./constants.ts";
import type { OpenFile } from "./file.ts";
import {
	type DirEntry,
	dtType,
	type FileHandle,
	type FileSystemType,
	type FsContext,
	Inode,
	type SetAttr,
	SuperBlock,
} from "./inode.ts";

const BOGO_DIRENT_SIZE = 20;
const PAGE = 4096;

export interface TmpfsOptions {
	mode?: number;
	uid?: number;
	gid?: number;
	/** Bytes; rounded up to pages. Infinity for no limit. */
	size?: number;
	nrInodes?: number;
}

export class TmpfsSuperBlock extends SuperBlock {
	readonly fsType: string = "tmpfs";
	readonly magic: number = TMPFS_MAGIC;
	/** Pages are shmem (swap backed) rather than a disk file's page cache. */
	readonly shmem: boolean = true;
	readonly root: TmpfsDir;
	readonly clock: Clock;
	/** Pages allowed, Infinity for unlimited. */
	maxPages: number;
	maxInodes: number;
	usedPages = 0;
	usedInodes = 0;
	private nextIno = 1;
	private readonly defaults: { maxPages: number; maxInodes: number };
	/** The kernel's page cache, which file pages are charged through (shmem: swap backed). */
	readonly pageCache: PageCache | null;

	constructor(
		clock: Clock,
		opts: TmpfsOptions,
		defaults: { size: number; nrInodes: number },
		pageCache: PageCache | null = null,
	) {
		super();
		this.clock = clock;
		this.pageCache = pageCache;
		this.defaults = { maxPages: Math.ceil(defaults.size / PAGE), maxInodes: defaults.nrInodes };
		this.maxPages = opts.size === undefined ? this.defaults.maxPages : Math.ceil(opts.size / PAGE);
		this.maxInodes = opts.nrInodes ?? defaults.nrInodes;
		this.root = new TmpfsDir(this, null, "", S_IFDIR | (opts.mode ?? 0o1777), {
			fsuid: opts.uid ?? 0,
			fsgid: opts.gid ?? 0,
		});
	}

	allocIno(): number {
		if (this.usedInodes >= this.maxInodes) throw new KernelError("ENOSPC");
		this.usedInodes++;
		return this.nextIno++;
	}

	override showOptions(): string {
		let out = "";
		const mode = this.root.mode & 0o7777;
		if (mode !== (0o777 | S_ISVTX)) out += `,mode=${mode.toString(8).padStart(3, "0")}`;
		if (this.root.uid !== 0) out += `,uid=${this.root.uid}`;
		if (this.root.gid !== 0) out += `,gid=${this.root.gid}`;
		if (this.maxPages !== this.defaults.maxPages) out += `,size=${this.maxPages * 4}k`;
		if (this.maxInodes !== this.defaults.maxInodes) out += `,nr_inodes=${this.maxInodes}`;
		return out;
	}

	override statfs(): StatFs {
		const limited = Number.isFinite(this.maxPages);
		return {
			type: this.magic,
			bsize: PAGE,
			blocks: limited ? this.maxPages : 0,
			bfree: limited ? this.maxPages - this.usedPages : 0,
			bavail: limited ? this.maxPages - this.usedPages : 0,
			files: this.maxInodes,
			ffree: this.maxInodes - this.usedInodes,
			namelen: 255,
			frsize: PAGE,
			flags: 0,
		};
	}
}

abstract class TmpfsInode extends Inode {
	readonly sb: TmpfsSuperBlock;
	readonly ino: number;
	mode: number;
	uid: number;
	gid: number;
	nlink = 1;
	atimeNs: number;
	mtimeNs: number;
	ctimeNs: number;

	constructor(sb: TmpfsSuperBlock, mode: number, owner: { fsuid: number; fsgid: number }) {
		super();
		this.sb = sb;
		this.ino = sb.allocIno();
		this.mode = mode;
		this.uid = owner.fsuid;
		this.gid = owner.fsgid;
		const now = sb.clock.realtime();
		this.atimeNs = now;
		this.mtimeNs = now;
		this.ctimeNs = now;
	}

	abstract get size(): number;

	/** The last name went away: give back the inode and its pages. */
	abstract free(): void;

	rdev(): number {
		return 0;
	}

	stat(): Stat {
		return {
			dev: this.sb.dev,
			ino: this.ino,
			mode: this.mode,
			nlink: this.nlink,
			uid: this.uid,
			gid: this.gid,
			rdev: this.rdev(),
			size: this.size,
			blksize: PAGE,
			blocks: this.blocks(),
			atimeNs: this.atimeNs,
			mtimeNs: this.mtimeNs,
			ctimeNs: this.ctimeNs,
		};
	}

	blocks(): number {
		return 0;
	}

	touchChange(): void {
		this.ctimeNs = this.sb.clock.realtime();
	}

	override setattr(attr: SetAttr): void {
		if (this.sb.flags & SB_RDONLY) throw new KernelError("EROFS");
		if (attr.mode !== undefined) this.mode = (this.mode & S_IFMT) | (attr.mode & 0o7777);
		if (attr.uid !== undefined) this.uid = attr.uid;
		if (attr.gid !== undefined) this.gid = attr.gid;
		if (attr.size !== undefined) this.truncate(attr.size);
		if (attr.atimeNs !== undefined) this.atimeNs = attr.atimeNs;
		if (attr.mtimeNs !== undefined) this.mtimeNs = attr.mtimeNs;
		this.touchChange();
	}

	protected truncate(_size: number): void {
		throw new KernelError("EINVAL");
	}
}

interface TmpfsEntry {
	readonly inode: TmpfsInode;
	/** When the entry was added or renamed here; readdir lists newest first. */
	seq: number;
}

export class TmpfsDir extends TmpfsInode {
	private readonly entries = new Map<string, TmpfsEntry>();
	private parentDir: TmpfsDir | null;
	private name: string;
	private seq = 0;
	removed = false;

	constructor(
		sb: TmpfsSuperBlock,
		parent: TmpfsDir | null,
		name: string,
		mode: number,
		owner: { fsuid: number; fsgid: number },
	) {
		super(sb, mode, owner);
		this.parentDir = parent;
		this.name = name;
		this.nlink = 2;
	}

	get size(): number {
		return (2 + this.entries.size) * BOGO_DIRENT_SIZE;
	}

	get entryCount(): number {
		return this.entries.size;
	}

	override get dead(): boolean {
		return this.removed;
	}

	/** simple_lookup(): names longer than NAME_MAX are refused here, not by the VFS. */
	override lookup(name: string): Inode | null {
		if (name.length > NAME_MAX) throw new KernelError("ENAMETOOLONG");
		return this.entries.get(name)?.inode ?? null;
	}

	override parent(): Inode {
		return this.parentDir ?? this;
	}

	override nameInParent(): string {
		return this.name;
	}

	override readdir(): DirEntry[] {
		const list = [...this.entries].sort((a, b) => b[1].seq - a[1].seq);
		return list.map(([name, e]) => ({ name, ino: e.inode.ino, type: dtType(e.inode.mode) }));
	}

	private checkWritable(): void {
		if (this.sb.flags & SB_RDONLY) throw new KernelError("EROFS");
	}

	private add(name: string, inode: TmpfsInode): void {
		this.entries.set(name, { inode, seq: ++this.seq });
		if (inode instanceof TmpfsDir) this.nlink++;
		this.mtimeNs = this.ctimeNs = this.sb.clock.realtime();
	}

	private remove(name: string): TmpfsInode {
		const e = this.entries.get(name);
		if (e === undefined) throw new KernelError("ENOENT");
		this.entries.delete(name);
		if (e.inode instanceof TmpfsDir) this.nlink--;
		this.mtimeNs = this.ctimeNs = this.sb.clock.realtime();
		return e.inode;
	}

	/** inode_init_owner(): the group comes from a setgid directory. */
	private owner(cred: Cred): { fsuid: number; fsgid: number } {
		return { fsuid: cred.fsuid, fsgid: this.mode & S_ISGID ? this.gid : cred.fsgid };
	}

	override create(name: string, mode: number, cred: Cred): Inode {
		this.checkWritable();
		const file = new TmpfsFile(this.sb, S_IFREG | (mode & 0o7777), this.owner(cred));
		this.add(name, file);
		return file;
	}

	override mkdir(name: string, mode: number, cred: Cred): void {
		this.checkWritable();
		let perm = mode & 0o7777;
		if (this.mode & S_ISGID) perm |= S_ISGID;
		this.add(name, new TmpfsDir(this.sb, this, name, S_IFDIR | perm, this.owner(cred)));
	}

	override symlink(name: string, target: string, cred: Cred): Inode {
		this.checkWritable();
		const link = new TmpfsSymlink(this.sb, target, this.owner(cred));
		this.add(name, link);
		return link;
	}

	override mknod(name: string, mode: number, rdev: number, cred: Cred): Inode {
		this.checkWritable();
		const type = mode & S_IFMT;
		const node =
			type === S_IFREG || type === 0
				? new TmpfsFile(this.sb, S_IFREG | (mode & 0o7777), this.owner(cred))
				: new TmpfsSpecial(this.sb, mode, rdev, this.owner(cred));
		this.add(name, node);
		return node;
	}

	override link(name: string, target: Inode): void {
		this.checkWritable();
		if (!(target instanceof TmpfsInode) || target.sb !== this.sb) throw new KernelError("EXDEV");
		target.nlink++;
		target.touchChange();
		this.add(name, target);
	}

	override unlink(name: string): void {
		this.checkWritable();
		const inode = this.remove(name);
		inode.nlink--;
		inode.touchChange();
		if (inode.nlink === 0) inode.free();
	}

	override rmdir(name: string): void {
		this.checkWritable();
		const dir = this.entries.get(name)?.inode;
		if (!(dir instanceof TmpfsDir)) throw new KernelError("ENOTDIR");
		if (dir.entries.size > 0) throw new KernelError("ENOTEMPTY");
		this.remove(name);
		dir.removed = true;
		dir.nlink = 0;
		dir.free();
	}

	override rename(oldName: string, newDir: Inode, newName: string): void {
		this.checkWritable();
		if (!(newDir instanceof TmpfsDir) || newDir.sb !== this.sb) throw new KernelError("EXDEV");
		const moving = this.entries.get(oldName)?.inode;
		if (moving === undefined) throw new KernelError("ENOENT");
		const target = newDir.entries.get(newName)?.inode;
		if (target === moving) return;
		if (target !== undefined) {
			if (target instanceof TmpfsDir) {
				if (target.entries.size > 0) throw new KernelError("ENOTEMPTY");
				newDir.rmdir(newName);
			} else {
				newDir.unlink(newName);
			}
		}
		this.remove(oldName);
		newDir.add(newName, moving);
		if (moving instanceof TmpfsDir) {
			moving.parentDir = newDir;
			moving.name = newName;
		}
		moving.touchChange();
	}

	free(): void {
		this.sb.usedInodes--;
	}
}

export class TmpfsFile extends TmpfsInode {
	private data = new Uint8Array(0);
	private length = 0;
	/** i_mapping: the file's pages in memory, charged to memcgs (shmem). */
	private mapping: AddressSpace | null = null;
	/** Open files of this inode; an unlinked file lives on until the last is closed (iput()). */
	private opens = 0;
	private unlinked = false;

	/**
	 * shmem_get_folio() for the pages a read or write covers: they come into
	 * memory charged to `task`'s memcg. Returns the bytes from `pos` that
	 * could be backed (all of them unless memory ran out).
	 */
	private bringIn(task: Task | null, pos: number, end: number): number {
		const pc = this.sb.pageCache;
		if (pc === null || task === null || end <= pos) return end - pos;
		if (this.mapping === null) this.mapping = pc.create(this.sb.shmem);
		const first = Math.floor(pos / PAGE);
		const last = Math.ceil(end / PAGE);
		const got = pc.bringIn(task, this.mapping, first, last);
		return got === last - first ? end - pos : Math.max(0, (first + got) * PAGE - pos);
	}

	get size(): number {
		return this.length;
	}

	override blocks(): number {
		return Math.ceil(this.length / PAGE) * (PAGE / 512);
	}

	private reserve(newLength: number): void {
		const oldPages = Math.ceil(this.length / PAGE);
		const newPages = Math.ceil(newLength / PAGE);
		if (newPages > oldPages && this.sb.usedPages + newPages - oldPages > this.sb.maxPages) {
			throw new KernelError("ENOSPC");
		}
		this.sb.usedPages += newPages - oldPages;
		if (newLength > this.data.length) {
			const grown = new Uint8Array(Math.max(newLength, this.data.length * 2, 64));
			grown.set(this.data.subarray(0, this.length));
			this.data = grown;
		}
	}

	protected override truncate(size: number): void {
		if (size < 0) throw new KernelError("EINVAL");
		this.reserve(size);
		if (size > this.length) this.data.fill(0, this.length, size);
		this.length = size;
		if (this.mapping !== null) this.sb.pageCache?.truncate(this.mapping, Math.ceil(size / PAGE));
		this.mtimeNs = this.sb.clock.realtime();
	}

	read(pos: number, count: number, task: Task | null = null): Uint8Array {
		if (pos >= this.length) return new Uint8Array(0);
		this.atimeNs = this.sb.clock.realtime();
		const end = Math.min(this.length, pos + count);
		const n = this.bringIn(task, pos, end);
		if (n === 0 && end > pos) throw new KernelError("ENOMEM");
		return this.data.slice(pos, pos + n);
	}

	/** Bytes of a write at `pos` the file system has room for (shmem_inode_acct_blocks()). */
	private room(pos: number, count: number): number {
		if (!Number.isFinite(this.sb.maxPages)) return count;
		const have = Math.max(this.length, pos);
		const freePages = this.sb.maxPages - this.sb.usedPages;
		const maxEnd = Math.max(have, (Math.ceil(this.length / PAGE) + freePages) * PAGE);
		return Math.max(0, Math.min(count, maxEnd - pos));
	}

	write(input: Uint8Array, pos: number, task: Task | null = null): number {
		// Space first, then memory: a write gets what fits, ENOSPC or ENOMEM only when nothing does.
		const fits = this.room(pos, input.length);
		if (fits === 0 && input.length > 0) throw new KernelError("ENOSPC");
		const n = this.bringIn(task, pos, pos + fits);
		if (n === 0 && input.length > 0) throw new KernelError("ENOMEM");
		const data = n === input.length ? input : input.subarray(0, n);
		const end = pos + data.length;
		if (end > this.length) {
			this.reserve(end);
			if (pos > this.length) this.data.fill(0, this.length, pos);
			this.length = end;
		}
		this.data.set(data, pos);
		this.mtimeNs = this.ctimeNs = this.sb.clock.realtime();
		return data.length;
	}

	/** The last name went: the inode goes now, or at the last close if it is open. */
	free(): void {
		this.unlinked = true;
		if (this.opens === 0) this.evict();
	}

	/** evict(): the inode's space and pages are given back. */
	private evict(): void {
		this.sb.usedInodes--;
		this.sb.usedPages -= Math.ceil(this.length / PAGE);
		if (this.mapping !== null) this.sb.pageCache?.release(this.mapping);
		this.mapping = null;
	}

	override open(_file: OpenFile, _task: Task): FileHandle {
		this.opens++;
		return {
			release: () => {
				if (--this.opens === 0 && this.unlinked) this.evict();
			},
			read: (_f, pos, count, task) => this.read(pos, count, task),
			write: (_f, data, pos, task) => {
				if (this.sb.flags & SB_RDONLY) throw new KernelError("EROFS");
				return this.write(data, pos, task);
			},
			size: () => this.length,
		};
	}
}

export class TmpfsSymlink extends TmpfsInode {
	readonly target: string;

	constructor(sb: TmpfsSuperBlock, target: string, owner: { fsuid: number; fsgid: number }) {
		super(sb, S_IFLNK | 0o777, owner);
		this.target = target;
	}

	get size(): number {
		return this.target.length;
	}

	override readlink(): string {
		return this.target;
	}

	free(): void {
		this.sb.usedInodes--;
	}
}

/** Device nodes, FIFOs and sockets: the VFS opens them by type and rdev. */
export class TmpfsSpecial extends TmpfsInode {
	private readonly dev: number;

	constructor(
		sb: TmpfsSuperBlock,
		mode: number,
		rdev: number,
		owner: { fsuid: number; fsgid: number },
	) {
		super(sb, mode, owner);
		this.dev = rdev;
	}

	get size(): number {
		return 0;
	}

	override rdev(): number {
		return this.dev;
	}

	free(): void {
		this.sb.usedInodes--;
	}
}

/** Parse a tmpfs size: bytes with k/m/g suffix, or a percentage of `ram`. */
export function parseTmpfsSize(value: string, ram: number): number {
	const m = /^(\d+)([kKmMgGtTpPeE%]?)$/.exec(value);
	if (m === null) throw new KernelError("EINVAL");
	const n = Number(m[1]);
	const unit = m[2]!.toLowerCase();
	if (unit === "%") return Math.floor((ram * n) / 100);
	const shift = { "": 0, k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 }[unit]!;
	return n * 2 ** shift;
}

/** The tmpfs filesystem type. `ram` sets the default size (half of it). */
export function tmpfsType(
	clock: Clock,
	ram: number,
	pageCache: PageCache | null = null,
): FileSystemType {
	const defaults = { size: Math.floor(ram / 2), nrInodes: Math.floor(ram / PAGE / 2) };
	return {
		name: "tmpfs",
		nodev: true,
		initFsContext(): FsContext {
			const opts: TmpfsOptions = {};
			const parseOctal = (v: string): number => {
				if (!/^[0-7]+$/.test(v)) throw new KernelError("EINVAL");
				return Number.parseInt(v, 8);
			};
			const parseNum = (v: string): number => {
				if (!/^\d+$/.test(v)) throw new KernelError("EINVAL");
				return Number(v);
			};
			return {
				parseParam(key, value) {
					if (value === null) throw new KernelError("EINVAL");
					if (key === "mode") opts.mode = parseOctal(value) & 0o7777;
					else if (key === "uid") opts.uid = parseNum(value);
					else if (key === "gid") opts.gid = parseNum(value);
					else if (key === "size") opts.size = parseTmpfsSize(value, ram);
					else if (key === "nr_inodes") opts.nrInodes = parseNum(value);
					else throw new KernelError("EINVAL");
				},
				getTree() {
					return new TmpfsSuperBlock(clock, opts, defaults, pageCache);
				},
				reconfigure(sb) {
					if (!(sb instanceof TmpfsSuperBlock)) throw new KernelError("EINVAL");
					if (opts.size !== undefined) {
						const pages = Math.ceil(opts.size / PAGE);
						if (pages < sb.usedPages) throw new KernelError("EINVAL");
						sb.maxPages = pages;
					}
					if (opts.nrInodes !== undefined) {
						if (opts.nrInodes < sb.usedInodes) throw new KernelError("EINVAL");
						sb.maxInodes = opts.nrInodes;
					}
					if (opts.mode !== undefined) sb.root.setattr({ mode: opts.mode });
					if (opts.uid !== undefined) sb.root.setattr({ uid: opts.uid });
					if (opts.gid !== undefined) sb.root.setattr({ gid: opts.gid });
				},
			};
		},
	};
}
