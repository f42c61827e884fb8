/**
 * What a cgkit host must copy from a real Linux host to behave like it: the
 * cgroup mounts (in mount order, with the hierarchy id each v1 mount got),
 * the CPU and NUMA node counts, the kernel release, and the hardware the
 * v1 controllers name: whole disks (blkio), network interfaces (net_prio)
 * and huge page sizes (hugetlb). Read from /proc and
 * /sys only; nothing is written. The result is plain JSON, so the
 * conformance corpus can record it next to the outputs it recorded on that
 * host and boot a matching emulated host anywhere.
 */
import * as fs from "node:fs";

/** One mount under /sys/fs/cgroup (or the tmpfs holding them), as /proc/self/mounts lists it. */
export interface MountFact {
	readonly source: string;
	readonly target: string;
	readonly fstype: "cgroup" | "cgroup2" | "tmpfs";
	/** The options field of /proc/self/mounts, e.g. "rw,nosuid,relatime,cpu". */
	readonly options: string;
	/** For a v1 mount: the hierarchy id /proc/self/cgroup shows for it; 0 for cgroup2 and tmpfs. */
	readonly hierarchyId: number;
}

/** A whole disk: its /sys/block name and device number. */
export interface BlockDeviceFact {
	readonly name: string;
	readonly major: number;
	readonly minor: number;
}

/** A network interface of the initial network namespace. */
export interface NetDeviceFact {
	readonly name: string;
	readonly ifindex: number;
}

export interface HostFacts {
	/** `uname -r`. */
	readonly kernel: string;
	/** Online CPUs. */
	readonly cpus: number;
	/** Online NUMA nodes. */
	readonly nodes: number;
	/** /proc/sys/kernel/pid_max. */
	readonly pidMax: number;
	readonly mounts: readonly MountFact[];
	/** /sys/block/*: the disks, by device number. */
	readonly blockDevices?: readonly BlockDeviceFact[];
	/** /sys/class/net/*: the interfaces, by ifindex (their registration order). */
	readonly netDevices?: readonly NetDeviceFact[];
	/** /sys/kernel/mm/hugepages/hugepages-<N>kB: the huge page sizes in bytes, smallest first. */
	readonly hugepageSizes?: readonly number[];
}

/** The number of entries in a kernel cpu/node list such as "0-3,8". */
export function listCount(list: string): number {
	let n = 0;
	for (const part of list.trim().split(",")) {
		if (part === "") continue;
		const [a, b] = part.split("-");
		n += b === undefined ? 1 : Number(b) - Number(a) + 1;
	}
	return n;
}

function readOr(path: string, fallback: string): string {
	try {
		return fs.readFileSync(path, "latin1");
	} catch {
		return fallback;
	}
}

/** /proc/self/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMountField(s: string): string {
	return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/**
 * The hierarchy id of each v1 mount: /proc/self/cgroup names every
 * hierarchy by id and controller list ("4:memory:/..." or
 * "9:name=systemd:/"); a mount's options name the same controllers.
 */
function hierarchyIdOf(options: string, idsByControllers: Map<string, number>): number {
	const wanted = options
		.split(",")
		.filter((o) => !/^(rw|ro|relatime|noatime|nosuid|nodev|noexec|nodiratime)$/.test(o))
		.filter((o) => !o.startsWith("release_agent=") && o !== "clone_children" && o !== "xattr")
		.filter((o) => o !== "noprefix" && o !== "cpuset_v2_mode" && o !== "favordynmods")
		.sort()
		.join(",");
	return idsByControllers.get(wanted) ?? 0;
}

function readDirOr(path: string): string[] {
	try {
		return fs.readdirSync(path).sort();
	} catch {
		return [];
	}
}

/** The disks of /sys/block, each with the "MAJ:MIN" of its dev file. */
export function readBlockDevices(root = "/sys/block"): BlockDeviceFact[] {
	const out: BlockDeviceFact[] = [];
	for (const name of readDirOr(root)) {
		const m = /^(\d+):(\d+)$/.exec(readOr(`${root}/${name}/dev`, "").trim());
		if (m !== null) out.push({ name, major: Number(m[1]), minor: Number(m[2]) });
	}
	return out.sort((a, b) => a.major - b.major || a.minor - b.minor);
}

/** The interfaces of /sys/class/net with their ifindex, in ifindex order. */
export function readNetDevices(root = "/sys/class/net"): NetDeviceFact[] {
	const out: NetDeviceFact[] = [];
	for (const name of readDirOr(root)) {
		const ifindex = Number(readOr(`${root}/${name}/ifindex`, "").trim());
		if (Number.isInteger(ifindex) && ifindex > 0) out.push({ name, ifindex });
	}
	return out.sort((a, b) => a.ifindex - b.ifindex);
}

/** The huge page sizes of /sys/kernel/mm/hugepages, in bytes, smallest first. */
export function readHugepageSizes(root = "/sys/kernel/mm/hugepages"): number[] {
	const out: number[] = [];
	for (const name of readDirOr(root)) {
		const m = /^hugepages-(\d+)kB$/.exec(name);
		if (m !== null) out.push(Number(m[1]) * 1024);
	}
	return out.sort((a, b) => a - b);
}

/** Read the facts of the host this process runs on. */
export function readHostFacts(): HostFacts {
	const ids = new Map<string, number>();
	for (const line of readOr("/proc/self/cgroup", "").split("\n")) {
		const m = /^(\d+):([^:]*):/.exec(line);
		if (m === null || m[1] === "0") continue;
		ids.set(m[2]!.split(",").sort().join(","), Number(m[1]));
	}
	const mounts: MountFact[] = [];
	for (const line of readOr("/proc/self/mounts", "").split("\n")) {
		const f = line.split(" ");
		if (f.length < 4) continue;
		const [source, target, fstype, options] = [
			unescapeMountField(f[0]!),
			unescapeMountField(f[1]!),
			f[2]!,
			f[3]!,
		];
		if (!target.startsWith("/sys/fs/cgroup")) continue;
		if (fstype !== "cgroup" && fstype !== "cgroup2" && fstype !== "tmpfs") continue;
		if (fstype === "tmpfs" && target !== "/sys/fs/cgroup") continue;
		const hierarchyId = fstype === "cgroup" ? hierarchyIdOf(options, ids) : 0;
		mounts.push({ source, target, fstype, options, hierarchyId });
	}
	return {
		kernel: readOr("/proc/sys/kernel/osrelease", "unknown\n").trim(),
		cpus: Math.max(1, listCount(readOr("/sys/devices/system/cpu/online", "0"))),
		nodes: Math.max(1, listCount(readOr("/sys/devices/system/node/online", "0"))),
		pidMax: Number(readOr("/proc/sys/kernel/pid_max", "32768").trim()),
		mounts,
		blockDevices: readBlockDevices(),
		netDevices: readNetDevices(),
		hugepageSizes: readHugepageSizes(),
	};
}

/** The highest v1 hierarchy id among the facts' mounts. */
export function maxHierarchyId(facts: HostFacts): number {
	return facts.mounts.reduce((m, x) => Math.max(m, x.hierarchyId), 0);
}

/**
 * The directories a run gets a private prefix in: one mount point per
 * hierarchy (the first one mounted), v1 and cgroup2 alike.
 */
export function prefixParents(facts: HostFacts): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const m of facts.mounts) {
		if (m.fstype === "tmpfs") continue;
		const key = m.fstype === "cgroup2" ? "cgroup2" : `v1:${m.hierarchyId}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(m.target);
	}
	return out;
}
