/**
 * struct cpuset (kernel/cgroup/cpuset-internal.h): one cgroup's cpuset state,
 * its flag bits, the partition root states with their error codes, and the
 * small predicates the rest of the controller shares.
 *
 * On cgroup2 the user-written masks (cpus_allowed, mems_allowed,
 * exclusive_cpus) are independent of the parent; the effective ones are
 * computed: effective = own ∩ parent's effective, or the parent's when that
 * is empty. A valid partition root instead gets its effective CPUs from its
 * effective exclusive CPUs (effective_xcpus), less those it granted to child
 * partitions. On a v1 hierarchy the user masks and the effective ones are
 * the same and the exclusive masks stay empty.
 */
import type { Cpumask, Nodemask } from "../../cpumask.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import type { Subsystem } from "../subsys.ts";

/** cpuset_flagbits_t (CS_ONLINE is Cpuset.csOnline). */
export const CS_CPU_EXCLUSIVE = 1 << 1;
export const CS_MEM_EXCLUSIVE = 1 << 2;
export const CS_MEM_HARDWALL = 1 << 3;
export const CS_MEMORY_MIGRATE = 1 << 4;
export const CS_SCHED_LOAD_BALANCE = 1 << 5;
export const CS_SPREAD_PAGE = 1 << 6;
export const CS_SPREAD_SLAB = 1 << 7;

/** partition_root_state: negative values are the invalid forms of the positive ones. */
export const PRS_MEMBER = 0;
export const PRS_ROOT = 1;
export const PRS_ISOLATED = 2;
export const PRS_INVALID_ROOT = -1;
export const PRS_INVALID_ISOLATED = -2;

/** enum prs_errcode: why a partition root is invalid. */
export const PERR_NONE = 0;
export const PERR_INVCPUS = 1;
export const PERR_INVPARENT = 2;
export const PERR_NOTPART = 3;
export const PERR_NOTEXCL = 4;
export const PERR_NOCPUS = 5;
export const PERR_HOTPLUG = 6;
export const PERR_CPUSEMPTY = 7;
export const PERR_HKEEPING = 8;
export const PERR_ACCESS = 9;
export const PERR_REMOTE = 10;

/** perr_strings[]: the reasons cpuset.cpus.partition shows in parentheses. */
export const PERR_STRINGS: readonly (string | null)[] = [
	null,
	"Invalid cpu list in cpuset.cpus.exclusive",
	"Parent is an invalid partition root",
	"Parent is not a partition root",
	"Cpu list in cpuset.cpus not exclusive",
	"Parent unable to distribute cpu downstream",
	"No cpu available due to hotplug",
	"cpuset.cpus and cpuset.cpus.exclusive are empty",
	"partition config conflicts with housekeeping setup",
	"Enable partition not permitted",
	"Have remote partition underneath",
];

/** The masks a change may touch: a cpuset or its trial copy (dup_or_alloc_cpuset()). */
export interface CpusetMasks {
	cpusAllowed: Cpumask;
	memsAllowed: Nodemask;
	exclusiveCpus: Cpumask;
	effectiveXcpus: Cpumask;
	csFlags: number;
}

/** struct cpuset. */
export class Cpuset extends CgroupSubsysState implements CpusetMasks {
	declare readonly parent: Cpuset | null;
	/** User-configured CPUs and nodes (cpuset.cpus, cpuset.mems). */
	cpusAllowed: Cpumask;
	memsAllowed: Nodemask;
	/** What the tasks get. */
	effectiveCpus: Cpumask;
	effectiveMems: Nodemask;
	/** cpuset.cpus.exclusive as written (cgroup2 only). */
	exclusiveCpus: Cpumask;
	/** The exclusive CPUs actually granted (cpuset.cpus.exclusive.effective). */
	effectiveXcpus: Cpumask;
	/** The nodes the tasks were last given (old_mems_allowed). */
	oldMemsAllowed: Nodemask;
	csFlags = 0;
	relaxDomainLevel = -1;
	/** Valid local child partitions. */
	nrSubparts = 0;
	partitionRootState = PRS_MEMBER;
	prsErr = PERR_NONE;
	/** On the remote_children list: a partition root whose parent is not one. */
	remote = false;
	/** CS_ONLINE: set by css_online, cleared by css_offline (is_cpuset_online()). */
	csOnline = false;

	constructor(cgroup: Cgroup, ss: Subsystem, parent: Cpuset | null, cpus: Cpumask, mems: Nodemask) {
		super(cgroup, ss, parent);
		this.cpusAllowed = cpus.copy();
		this.memsAllowed = mems.copy();
		this.effectiveCpus = cpus.copy();
		this.effectiveMems = mems.copy();
		this.exclusiveCpus = cpus.copy().clearAll();
		this.effectiveXcpus = cpus.copy().clearAll();
		this.oldMemsAllowed = mems.copy();
	}

	has(bit: number): boolean {
		return (this.csFlags & bit) !== 0;
	}
}

/** dup_or_alloc_cpuset(): a trial copy whose masks can change without touching `cs`. */
export function dupCpuset(cs: CpusetMasks): CpusetMasks {
	return {
		cpusAllowed: cs.cpusAllowed.copy(),
		memsAllowed: cs.memsAllowed.copy(),
		exclusiveCpus: cs.exclusiveCpus.copy(),
		effectiveXcpus: cs.effectiveXcpus.copy(),
		csFlags: cs.csFlags,
	};
}

export function isPrsInvalid(prs: number): boolean {
	return prs < 0;
}

export function isPartitionValid(cs: Cpuset): boolean {
	return cs.partitionRootState > 0;
}

export function isPartitionInvalid(cs: Cpuset): boolean {
	return cs.partitionRootState < 0;
}

/** is_local_partition(): a valid partition root whose parent is one too. */
export function isLocalPartition(cs: Cpuset): boolean {
	return isPartitionValid(cs) && !cs.remote;
}

/** make_partition_invalid(). */
export function makePartitionInvalid(cs: Cpuset): void {
	if (cs.partitionRootState > 0) cs.partitionRootState = -cs.partitionRootState;
}

/** user_xcpus(): the exclusive CPUs asked for, cpuset.cpus when cpuset.cpus.exclusive is empty. */
export function userXcpus(cs: CpusetMasks): Cpumask {
	return cs.exclusiveCpus.isEmpty() ? cs.cpusAllowed : cs.exclusiveCpus;
}

/** xcpus_empty(). */
export function xcpusEmpty(cs: CpusetMasks): boolean {
	return cs.cpusAllowed.isEmpty() && cs.exclusiveCpus.isEmpty();
}

/** cpusets_are_exclusive(). */
export function cpusetsAreExclusive(a: CpusetMasks, b: CpusetMasks): boolean {
	return !userXcpus(a).intersects(userXcpus(b));
}

/** struct tmpmasks: scratch masks shared by one operation's nested calls, as in the kernel. */
export class TmpMasks {
	readonly newCpus: Cpumask;
	readonly addmask: Cpumask;
	readonly delmask: Cpumask;

	constructor(empty: Cpumask) {
		this.newCpus = empty.copy().clearAll();
		this.addmask = empty.copy().clearAll();
		this.delmask = empty.copy().clearAll();
	}
}
