/**
 * sysfs (fs/sysfs on kernfs): the small part of /sys cgkit models.
 *
 * - /sys/devices/system/cpu: online, possible, present, offline, kernel_max
 *   (drivers/base/cpu.c), and a cpuN directory per present CPU, with an
 *   `online` file for every CPU but the boot CPU (x86 cannot offline it):
 *   writing a kstrtobool() value offlines or onlines the CPU
 *   (online_store() in drivers/base/core.c, then cpu_device_down/up()).
 * - /sys/devices/system/node: online, possible, has_cpu, has_memory
 *   (drivers/base/node.c), and nodeN with cpulist and cpumap.
 * - /sys/fs/cgroup: the empty directory the cgroup filesystems are
 *   mounted on (sysfs_create_mount_point()).
 *
 * Files read as sysfs_emit() text (a trailing newline), are owned by root,
 * 0444 or 0644, with st_size 4096; directories are 0755 (the root 0555).
 * The tree is built once per superblock: inodes must stay the same objects
 * for the mounts that sit on them.
 */
import { bitmapListString, bitmapString, NR_CPUS } from "../kernel/cpulist.ts";
import type { Cpumask } from "../kernel/cpumask.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { kstrtobool, kstrtoull } from "../kernel/kstrto.ts";
import type { Machine } from "../kernel/machine.ts";
import { hugetlbOf } from "../kernel/mm/hugetlb.ts";
import type { Task } from "../kernel/task.ts";
import { S_IFDIR, S_IFREG, type Stat } from "./constants.ts";
import type { OpenFile } from "./file.ts";
import {
	type DirEntry,
	DT_DIR,
	DT_REG,
	type FileHandle,
	type FileSystemType,
	type FsContext,
	Inode,
	type SetAttr,
	SuperBlock,
} from "./inode.ts";
import { kernfsCompare } from "./kernfs-hash.ts";
import { SeqReader } from "./seq.ts";

/** SYSFS_MAGIC. */
export const SYSFS_MAGIC = 0x62656572;
const PAGE_SIZE = 4096;

/** An attribute: show (and store, for the writable ones). */
interface SysfsAttr {
	readonly mode: number;
	show(): string;
	store?(buf: string): void;
}

type SysfsTree = { [name: string]: SysfsTree | SysfsAttr };

function isAttr(x: SysfsTree | SysfsAttr): x is SysfsAttr {
	return typeof (x as SysfsAttr).show === "function";
}

const ro = (show: () => string): SysfsAttr => ({ mode: 0o444, show });
const list = (mask: () => Cpumask): SysfsAttr => ro(() => `${bitmapListString(mask())}\n`);

/** The cpu directory (cpu_root_attrs and the per-CPU devices). */
function cpuTree(m: Machine): SysfsTree {
	const tree: SysfsTree = {
		online: list(() => m.online),
		possible: list(() => m.possible),
		present: list(() => m.present),
		offline: list(() => m.possible.andNot(m.online)),
		kernel_max: ro(() => `${Math.max(NR_CPUS, m.nrCpuIds) - 1}\n`),
	};
	for (const cpu of m.present) {
		const dir: SysfsTree = {};
		if (m.hotpluggable(cpu)) {
			dir.online = {
				mode: 0o644,
				show: () => `${m.online.test(cpu) ? 1 : 0}\n`,
				// online_store(): device_online()/device_offline(); already there is fine.
				store: (buf) => {
					if (kstrtobool(buf)) m.cpuUp(cpu);
					else m.cpuDown(cpu);
				},
			};
		}
		tree[`cpu${cpu}`] = dir;
	}
	return tree;
}

/** The node directory (node_state_attrs and the node devices). */
function nodeTree(m: Machine): SysfsTree {
	const all = (): Cpumask => {
		const nodes = m.nodemask();
		for (let n = 0; n < m.nrNodeIds; n++) nodes.set(n);
		return nodes;
	};
	// N_CPU: nodes with a CPU brought up (vmstat keeps the state while the node has CPUs).
	const hasCpu = (): Cpumask => {
		const nodes = m.nodemask();
		for (const cpu of m.present) nodes.set(m.cpuToNode(cpu));
		return nodes;
	};
	const tree: SysfsTree = {
		possible: list(all),
		online: list(all),
		has_cpu: list(hasCpu),
		has_memory: list(() => m.nodesWithMemory),
	};
	for (let node = 0; node < m.nrNodeIds; node++) {
		// cpulist_read(), cpumap_read(): the node's online CPUs.
		const cpus = (): Cpumask => m.nodeCpus(node).and(m.online);
		tree[`node${node}`] = {
			cpulist: list(cpus),
			cpumap: ro(() => `${bitmapString(cpus())}\n`),
		};
	}
	return tree;
}

/**
 * /sys/kernel/mm/hugepages/hugepages-<size>kB (hstate_attrs): the pool of
 * each huge page size; writing nr_hugepages grows or shrinks it
 * (__nr_hugepages_store_common()).
 */
function hugepagesTree(kernel: Kernel): SysfsTree {
	const tree: SysfsTree = {};
	const hugetlb = hugetlbOf(kernel);
	for (const h of hugetlb.hstates) {
		tree[`hugepages-${h.size / 1024}kB`] = {
			nr_hugepages: {
				mode: 0o644,
				show: () => `${h.nrHugePages}\n`,
				store: (buf) => {
					hugetlb.setNrHugepages(h, Number(kstrtoull(buf, 10)));
				},
			},
			free_hugepages: ro(() => `${h.freeHugePages}\n`),
			resv_hugepages: ro(() => `${h.resvHugePages}\n`),
			// Surplus pages (nr_overcommit_hugepages) are not modelled: there are none.
			surplus_hugepages: ro(() => "0\n"),
		};
	}
	return tree;
}

export class SysfsSuperBlock extends SuperBlock {
	readonly fsType = "sysfs";
	readonly magic = SYSFS_MAGIC;
	readonly root: SysfsDir;
	readonly kernel: Kernel;
	private nextIno = 1;

	constructor(kernel: Kernel) {
		super();
		this.kernel = kernel;
		// sysfs_fill_super() through kernfs: SB_I_NOEXEC | SB_I_NODEV.
		this.noexec = true;
		const m = kernel.machine;
		const tree: SysfsTree = {
			devices: { system: { cpu: cpuTree(m), node: nodeTree(m) } },
			fs: { cgroup: {} },
			kernel: { mm: { hugepages: hugepagesTree(kernel) } },
		};
		this.root = new SysfsDir(this, null, "", 0o555, tree);
	}

	allocIno(): number {
		return this.nextIno++;
	}
}

abstract class SysfsInode extends Inode {
	readonly sb: SysfsSuperBlock;
	readonly ino: number;
	private perm: number;
	private readonly type: number;
	private owner = 0;
	private group = 0;

	constructor(sb: SysfsSuperBlock, type: number, perm: number) {
		super();
		this.sb = sb;
		this.ino = sb.allocIno();
		this.type = type;
		this.perm = perm;
	}

	get mode(): number {
		return this.type | this.perm;
	}

	get uid(): number {
		return this.owner;
	}

	get gid(): number {
		return this.group;
	}

	protected abstract nlink(): number;
	protected abstract size(): number;

	stat(): Stat {
		const time = this.sb.kernel.clock.bootEpochNs;
		return {
			dev: this.sb.dev,
			ino: this.ino,
			mode: this.mode,
			nlink: this.nlink(),
			uid: this.owner,
			gid: this.group,
			rdev: 0,
			size: this.size(),
			blksize: PAGE_SIZE,
			blocks: 0,
			atimeNs: time,
			mtimeNs: time,
			ctimeNs: time,
		};
	}

	/** kernfs_iop_setattr(): chmod and chown stick; a size (O_TRUNC) is ignored. */
	override setattr(attr: SetAttr): void {
		if (attr.mode !== undefined) this.perm = attr.mode & 0o7777;
		if (attr.uid !== undefined) this.owner = attr.uid;
		if (attr.gid !== undefined) this.group = attr.gid;
	}
}

export class SysfsDir extends SysfsInode {
	private readonly up: SysfsDir | null;
	private readonly name: string;
	private readonly entries: [string, SysfsInode][];

	constructor(
		sb: SysfsSuperBlock,
		up: SysfsDir | null,
		name: string,
		perm: number,
		tree: SysfsTree,
	) {
		super(sb, S_IFDIR, perm);
		this.up = up;
		this.name = name;
		this.entries = Object.keys(tree)
			.sort(kernfsCompare)
			.map((n): [string, SysfsInode] => {
				const x = tree[n]!;
				return [n, isAttr(x) ? new SysfsFile(sb, x) : new SysfsDir(sb, this, n, 0o755, x)];
			});
	}

	protected nlink(): number {
		return 2 + this.entries.filter(([, i]) => i instanceof SysfsDir).length;
	}

	protected size(): number {
		return 0;
	}

	override lookup(name: string): Inode | null {
		return this.entries.find(([n]) => n === name)?.[1] ?? null;
	}

	override parent(): Inode {
		return this.up ?? this;
	}

	override nameInParent(): string {
		return this.name;
	}

	override readdir(): DirEntry[] {
		return this.entries.map(([name, inode]) => ({
			name,
			ino: inode.ino,
			type: inode instanceof SysfsDir ? DT_DIR : DT_REG,
		}));
	}
}

export class SysfsFile extends SysfsInode {
	private readonly attr: SysfsAttr;

	constructor(sb: SysfsSuperBlock, attr: SysfsAttr) {
		super(sb, S_IFREG, attr.mode);
		this.attr = attr;
	}

	protected nlink(): number {
		return 1;
	}

	protected size(): number {
		return PAGE_SIZE;
	}

	/** kernfs_fop_open(): EACCES opening an attribute without store for writing. */
	override open(file: OpenFile, _task: Task): FileHandle {
		const attr = this.attr;
		const store = attr.store;
		if (file.writable && store === undefined) throw new KernelError("EACCES");
		const seq = new SeqReader(() => attr.show());
		const handle: FileHandle = { read: (_f, pos, count) => seq.read(pos, count) };
		if (store !== undefined) {
			// kernfs_fop_write_iter() + sysfs_kf_write(): at most a page, a C string; empty writes do nothing.
			handle.write = (_f, data) => {
				const len = Math.min(data.length, PAGE_SIZE);
				if (len === 0) return 0;
				const nul = data.subarray(0, len).indexOf(0);
				let buf = "";
				for (let i = 0; i < (nul < 0 ? len : nul); i++) buf += String.fromCharCode(data[i]!);
				store(buf);
				return len;
			};
		}
		return handle;
	}
}

/** The "sysfs" filesystem type: every mount shows the same superblock. */
export function sysfsType(kernel: Kernel): FileSystemType {
	let sb: SysfsSuperBlock | null = null;
	return {
		name: "sysfs",
		nodev: true,
		initFsContext(): FsContext {
			return {
				parseParam(key) {
					kernel.printk(`sysfs: Unknown parameter '${key}'`);
					throw new KernelError("EINVAL");
				},
				getTree() {
					sb ??= new SysfsSuperBlock(kernel);
					return sb;
				},
				reconfigure() {},
			};
		},
	};
}
