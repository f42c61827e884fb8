/**
 * Booting an emulated host: the kernel, the root filesystem, /dev, /proc,
 * /tmp, and the cgroup hierarchies of the chosen layout, mounted by init
 * through the same syscalls a shell session uses.
 *
 * Layouts:
 * - hybrid: like a systemd host in legacy/hybrid mode (the reference
 *   machine): a tmpfs at /sys/fs/cgroup, one v1 hierarchy per controller for
 *   cpu, cpuacct, cpuset, memory, devices, freezer, blkio and pids (mounted in
 *   that order, so they get hierarchy ids 1 to 8), name=systemd, and cgroup2
 *   at /sys/fs/cgroup/unified.
 * - v2: cgroup2 at /sys/fs/cgroup as a current systemd distribution mounts it,
 *   with every controller enabled in the root's cgroup.subtree_control.
 * - bare: nothing mounted under /sys/fs/cgroup.
 */
import { cgroupFsTypes } from "../fs/cgroupfs.ts";
import {
	DEV_FULL,
	DEV_NULL,
	DEV_RANDOM,
	DEV_URANDOM,
	DEV_ZERO,
	registerMemDevices,
} from "../fs/chrdev.ts";
import { MS_NODEV, MS_NOEXEC, MS_NOSUID, S_IFCHR } from "../fs/constants.ts";
import { diskFsType } from "../fs/diskfs.ts";
import { procFsType } from "../fs/procfs.ts";
import { sysfsType } from "../fs/sysfs.ts";
import { tmpfsType } from "../fs/tmpfs.ts";
import { Vfs } from "../fs/vfs.ts";
import type { SubsystemDef } from "../kernel/cgroup/subsys.ts";
import { Kernel, type KernelConfig } from "../kernel/kernel.ts";
import type { Machine, MachineConfig } from "../kernel/machine.ts";
import type { Task } from "../kernel/task.ts";

export type Layout = "hybrid" | "v2" | "bare";
export const LAYOUTS: readonly Layout[] = ["hybrid", "v2", "bare"];

/** The v1 controllers of the hybrid layout, in mount order. */
export const HYBRID_CONTROLLERS = [
	"cpu",
	"cpuacct",
	"cpuset",
	"memory",
	"devices",
	"freezer",
	"blkio",
	"pids",
] as const;

/** What a systemd host writes to the cgroup2 root's cgroup.subtree_control (rdma and misc are not built in here). */
export const V2_ROOT_SUBTREE_CONTROL = "+cpuset +cpu +io +memory +hugetlb +pids";

export interface BootOptions {
	layout?: Layout;
	cpus?: number;
	nodes?: number;
	/** RAM in bytes. */
	memory?: number;
	/** Swap in bytes. */
	swap?: number;
	/** Other hardware (block devices, network interfaces, huge page sizes). */
	machine?: MachineConfig;
	seed?: number;
	pidMax?: number;
	/** The compiled-in controllers (tests add their own). */
	subsystems?: readonly SubsystemDef[];
	/**
	 * Mounts under /sys/fs/cgroup made instead of the layout's, in this order
	 * (to boot a host that matches a real one: see src/host/facts.ts).
	 */
	cgroupMounts?: readonly MountSpec[];
	/**
	 * The root file system: "tmpfs" (the default), or "ext4", a disk file
	 * system on /dev/vda whose file pages are page cache rather than shmem.
	 */
	rootFs?: "tmpfs" | "ext4";
	/** Mount a tmpfs at /tmp (the default); false keeps /tmp a directory of the root. */
	tmpTmpfs?: boolean;
	/** memcg charge moving at attach, as kernels before 6.13 had it (KernelConfig.memcgMoveCharge). */
	memcgMoveCharge?: boolean;
}

/** One mount(2) call of the boot sequence. */
export interface MountSpec {
	readonly source: string;
	readonly target: string;
	readonly fstype: string;
	readonly flags: number;
	readonly data: string | null;
	/**
	 * For a v1 mount that creates a hierarchy: the id it must get (the
	 * hierarchy idr's cursor is set just before the mount).
	 */
	readonly hierarchyId?: number;
}

export interface Host {
	readonly kernel: Kernel;
	readonly vfs: Vfs;
	readonly layout: Layout;
	readonly machine: Machine;
	/** pid 1. */
	readonly init: Task;
}

const GiB = 1024 ** 3;

export function boot(opts: BootOptions = {}): Host {
	const layout = opts.layout ?? "hybrid";
	const kernelConfig: KernelConfig = {
		machine: {
			...opts.machine,
			cpus: opts.cpus ?? opts.machine?.cpus ?? 2,
			nodes: opts.nodes ?? opts.machine?.nodes ?? 1,
			memory: opts.memory ?? opts.machine?.memory ?? 4 * GiB,
			swap: opts.swap ?? opts.machine?.swap ?? 0,
		},
	};
	if (opts.seed !== undefined) kernelConfig.seed = opts.seed;
	if (opts.memcgMoveCharge !== undefined) kernelConfig.memcgMoveCharge = opts.memcgMoveCharge;
	if (opts.pidMax !== undefined) kernelConfig.pidMax = opts.pidMax;
	if (opts.subsystems !== undefined) kernelConfig.subsystems = opts.subsystems;
	const kernel = new Kernel(kernelConfig);
	const machine = kernel.machine;
	const vfs = new Vfs(kernel);
	vfs.registerFilesystem(sysfsType(kernel));
	vfs.registerFilesystem(tmpfsType(kernel.clock, machine.memory, kernel.mm.pageCache));
	vfs.registerFilesystem(procFsType(kernel, vfs));
	for (const t of cgroupFsTypes(kernel.cgroup)) vfs.registerFilesystem(t);
	// ext4 registers later than the pseudo file systems, as in /proc/filesystems.
	vfs.registerFilesystem(diskFsType(kernel.clock, 64 * GiB, kernel.mm.pageCache));
	registerMemDevices(vfs.chrdevs, kernel.rng);

	const init = kernel.init;
	if (opts.rootFs === "ext4") vfs.mountRoot("ext4", "", "/dev/vda");
	else vfs.mountRoot("tmpfs", "mode=755");
	for (const dir of ["/proc", "/sys", "/tmp", "/dev", "/root"]) {
		vfs.mkdir(init, dir, 0o755);
	}
	vfs.chmod(init, "/root", 0o700);
	const devices: [string, number, number][] = [
		["null", DEV_NULL, 0o666],
		["zero", DEV_ZERO, 0o666],
		["full", DEV_FULL, 0o666],
		["random", DEV_RANDOM, 0o666],
		["urandom", DEV_URANDOM, 0o666],
	];
	const oldUmask = vfs.umask(init, 0);
	for (const [name, rdev, mode] of devices) vfs.mknod(init, `/dev/${name}`, S_IFCHR | mode, rdev);
	vfs.umask(init, oldUmask);

	vfs.mount(init, "sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
	vfs.mount(init, "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
	if (opts.tmpTmpfs ?? true) vfs.mount(init, "tmpfs", "/tmp", "tmpfs", 0, "mode=1777");
	else vfs.chmod(init, "/tmp", 0o1777);

	if (opts.cgroupMounts !== undefined) {
		for (const m of opts.cgroupMounts) {
			if (m.target !== "/sys/fs/cgroup") vfs.mkdir(init, m.target, 0o755);
			if (m.hierarchyId !== undefined && m.hierarchyId > 0) {
				kernel.cgroup.hierarchyIdr.cursor = m.hierarchyId;
			}
			vfs.mount(init, m.source, m.target, m.fstype, m.flags, m.data);
		}
	} else if (layout === "hybrid") {
		vfs.mount(init, "tmpfs", "/sys/fs/cgroup", "tmpfs", 0, "mode=755");
		for (const ctrl of HYBRID_CONTROLLERS) {
			vfs.mkdir(init, `/sys/fs/cgroup/${ctrl}`, 0o755);
			vfs.mount(init, "cgroup", `/sys/fs/cgroup/${ctrl}`, "cgroup", 0, ctrl);
		}
		vfs.mkdir(init, "/sys/fs/cgroup/systemd", 0o755);
		vfs.mount(init, "cgroup", "/sys/fs/cgroup/systemd", "cgroup", 0, "none,name=systemd");
		vfs.mkdir(init, "/sys/fs/cgroup/unified", 0o755);
		vfs.mount(init, "cgroup2", "/sys/fs/cgroup/unified", "cgroup2", 0, null);
	} else if (layout === "v2") {
		vfs.mount(
			init,
			"cgroup2",
			"/sys/fs/cgroup",
			"cgroup2",
			MS_NOSUID | MS_NODEV | MS_NOEXEC,
			"nsdelegate,memory_recursiveprot",
		);
		// systemd enables every controller it finds for the whole tree.
		vfs.writeFile(init, "/sys/fs/cgroup/cgroup.subtree_control", V2_ROOT_SUBTREE_CONTROL);
	}
	kernel.runPendingWork();
	return {
		kernel,
		vfs,
		layout,
		machine,
		get init() {
			return kernel.init;
		},
	};
}

/** Parse a size like 4G, 512M, 1024K or a byte count. */
export function parseSize(text: string): number {
	const m = /^(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?[bB])?$/.exec(text.trim());
	if (m === null) throw new Error(`bad size: ${text}`);
	const shift = { "": 0, k: 10, m: 20, g: 30, t: 40 }[m[2]!.toLowerCase()]!;
	return Math.floor(Number(m[1]) * 2 ** shift);
}
