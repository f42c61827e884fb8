/**
 * The simulated machine the kernel runs on: CPUs (possible, present and
 * online masks, as in kernel/cpu.c), NUMA nodes and which CPUs belong to
 * each, RAM and swap, the block devices and network interfaces drivers
 * registered, and the huge page sizes. CPU hotplug (cpu_device_down() and
 * cpu_device_up()) tells the subsystems that registered for it.
 */
import { Cpumask, type Nodemask } from "./cpumask.ts";
import { KernelError } from "./errno.ts";

/** A block device as the block layer registered it (a whole disk). */
export interface BlockDevice {
	readonly name: string;
	readonly major: number;
	readonly minor: number;
}

/** A network interface of the initial network namespace. */
export interface NetDevice {
	readonly name: string;
	readonly ifindex: number;
}

export interface MachineConfig {
	/** Possible (and present and, at boot, online) CPUs. */
	readonly cpus?: number;
	/** NUMA nodes; CPUs are spread over them in contiguous blocks. */
	readonly nodes?: number;
	/** RAM in bytes. */
	readonly memory?: number;
	/** Swap in bytes. */
	readonly swap?: number;
	readonly blockDevices?: readonly BlockDevice[];
	readonly netDevices?: readonly NetDevice[];
	/** Huge page sizes in bytes, smallest first. */
	readonly hugepageSizes?: readonly number[];
	/** Huge pages in each size's pool at boot (hugepages= on the command line); none by default. */
	readonly nrHugepages?: readonly number[];
}

const GiB = 1024 ** 3;

/** A virtio disk and a zram device, as on the reference machine. */
export const DEFAULT_BLOCK_DEVICES: readonly BlockDevice[] = [
	{ name: "zram0", major: 253, minor: 0 },
	{ name: "vda", major: 254, minor: 0 },
];
export const DEFAULT_NET_DEVICES: readonly NetDevice[] = [
	{ name: "lo", ifindex: 1 },
	{ name: "eth0", ifindex: 2 },
];
/** x86-64: 2M and 1G pages. */
export const DEFAULT_HUGEPAGE_SIZES: readonly number[] = [2 * 1024 ** 2, GiB];

/** What a subsystem does when a CPU goes offline or comes back (cpuhp callbacks). */
export interface HotplugCallbacks {
	/** After the CPU left cpu_online_mask. */
	cpuOffline?(cpu: number): void;
	/** After the CPU joined cpu_online_mask. */
	cpuOnline?(cpu: number): void;
}

export class Machine {
	/** nr_cpu_ids. */
	readonly nrCpuIds: number;
	readonly possible: Cpumask;
	readonly present: Cpumask;
	/** cpu_online_mask; changed only by hotplug. */
	readonly online: Cpumask;
	/** nr_node_ids. */
	readonly nrNodeIds: number;
	/** node_states[N_MEMORY]: nodes with memory (all of them here). */
	readonly nodesWithMemory: Nodemask;
	readonly memory: number;
	readonly swap: number;
	readonly blockDevices: readonly BlockDevice[];
	readonly netDevices: readonly NetDevice[];
	readonly hugepageSizes: readonly number[];
	readonly nrHugepages: readonly number[];
	private readonly cpuNode: Int32Array;
	private readonly hotplug: HotplugCallbacks[] = [];

	constructor(config: MachineConfig = {}) {
		const cpus = config.cpus ?? 2;
		const nodes = config.nodes ?? 1;
		if (!Number.isInteger(cpus) || cpus < 1) throw new RangeError(`bad CPU count ${cpus}`);
		if (!Number.isInteger(nodes) || nodes < 1 || nodes > cpus) {
			throw new RangeError(`bad NUMA node count ${nodes}`);
		}
		this.nrCpuIds = cpus;
		this.possible = Cpumask.first(cpus, cpus);
		this.present = Cpumask.first(cpus, cpus);
		this.online = Cpumask.first(cpus, cpus);
		this.nrNodeIds = nodes;
		this.nodesWithMemory = Cpumask.first(nodes, nodes);
		this.memory = config.memory ?? 4 * GiB;
		this.swap = config.swap ?? 0;
		this.blockDevices = config.blockDevices ?? DEFAULT_BLOCK_DEVICES;
		this.netDevices = config.netDevices ?? DEFAULT_NET_DEVICES;
		this.hugepageSizes = config.hugepageSizes ?? DEFAULT_HUGEPAGE_SIZES;
		this.nrHugepages = config.nrHugepages ?? [];
		this.cpuNode = new Int32Array(cpus);
		const perNode = Math.ceil(cpus / nodes);
		for (let c = 0; c < cpus; c++) this.cpuNode[c] = Math.min(nodes - 1, Math.floor(c / perNode));
	}

	/** cpu_to_node(). */
	cpuToNode(cpu: number): number {
		return this.cpuNode[cpu] ?? 0;
	}

	/** cpumask_of_node(): the node's possible CPUs. */
	nodeCpus(node: number): Cpumask {
		const m = new Cpumask(this.nrCpuIds);
		for (let c = 0; c < this.nrCpuIds; c++) if (this.cpuNode[c] === node) m.set(c);
		return m;
	}

	/** A fresh empty mask of CPUs. */
	cpumask(): Cpumask {
		return new Cpumask(this.nrCpuIds);
	}

	/** A fresh empty mask of nodes. */
	nodemask(): Nodemask {
		return new Cpumask(this.nrNodeIds);
	}

	/** Whether the CPU has an `online` file (x86 cannot offline the boot CPU). */
	hotpluggable(cpu: number): boolean {
		return cpu > 0 && cpu < this.nrCpuIds;
	}

	registerHotplug(cb: HotplugCallbacks): void {
		this.hotplug.push(cb);
	}

	/** cpu_device_down(): EBUSY for the last online CPU; nothing happens when already offline. */
	cpuDown(cpu: number): void {
		if (!this.hotpluggable(cpu)) throw new KernelError("EINVAL");
		if (!this.online.test(cpu)) return;
		if (this.online.weight() === 1) throw new KernelError("EBUSY");
		this.online.clear(cpu);
		for (const cb of this.hotplug) cb.cpuOffline?.(cpu);
	}

	/** cpu_device_up(). */
	cpuUp(cpu: number): void {
		if (!this.present.test(cpu)) throw new KernelError("EINVAL");
		if (this.online.test(cpu)) return;
		this.online.set(cpu);
		for (const cb of this.hotplug) cb.cpuOnline?.(cpu);
	}
}
