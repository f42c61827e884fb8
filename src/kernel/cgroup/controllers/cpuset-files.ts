/**
 * cpuset1_files[] (kernel/cgroup/cpuset-v1.c): the v1 control files of the
 * cpuset controller, in the kernel's order (it fixes inode numbers).
 * cpus/mems are lists (cpuset_write_resmask(), cpuset_common_seq_show()),
 * the flags are u64 files where any non-zero value sets the flag
 * (cpuset_write_u64()), sched_relax_domain_level an s64.
 */
import { bitmapListString, MAX_NUMNODES, NR_CPUS } from "../../cpulist.ts";
import type { Cpumask } from "../../cpumask.ts";
import { KernelError } from "../../errno.ts";
import { strstrip } from "../../kstrto.ts";
import type { CfType } from "../cftype.ts";
import { CFTYPE_ONLY_ON_ROOT } from "../defs.ts";
import type { CpusetController } from "./cpuset-core.ts";
import {
	type Cpuset,
	CS_CPU_EXCLUSIVE,
	CS_MEM_EXCLUSIVE,
	CS_MEM_HARDWALL,
	CS_MEMORY_MIGRATE,
	CS_SCHED_LOAD_BALANCE,
	CS_SPREAD_PAGE,
	CS_SPREAD_SLAB,
} from "./cpuset-struct.ts";

/** is_cpuset_online(): writes to a cpuset being removed fail with ENODEV. */
export function checkOnline(cs: Cpuset): void {
	if (!cs.csOnline) throw new KernelError("ENODEV");
}

/**
 * A list file: cpuset_common_seq_show(), and cpuset_write_resmask() when
 * writable (the update runs with the writer's credentials for capable()).
 */
export function listFile(
	ctl: CpusetController,
	name: string,
	mask: (cs: Cpuset) => Cpumask,
	write?: { maxWriteLen: number; update: (cs: Cpuset, buf: string) => void },
	flags = 0,
): CfType<Cpuset> {
	const show = (of: { css: Cpuset }): string => `${bitmapListString(mask(of.css))}\n`;
	if (write === undefined) return { name, flags, seqShow: show };
	return {
		name,
		flags,
		maxWriteLen: write.maxWriteLen,
		seqShow: show,
		write: (of, buf, nbytes) => {
			const text = strstrip(buf);
			checkOnline(of.css);
			ctl.asWriter(of.current.cred, () => write.update(of.css, text));
			return nbytes;
		},
	};
}

/** A flag file: cpuset_read_u64() and cpuset_update_flag(). */
function flagFile(ctl: CpusetController, name: string, bit: number): CfType<Cpuset> {
	return {
		name,
		readU64: (cs) => (cs.has(bit) ? 1 : 0),
		writeU64: (cs, value) => {
			checkOnline(cs);
			ctl.updateFlag(bit, cs, value !== 0n);
		},
	};
}

export function cpuset1Files(ctl: CpusetController): CfType<Cpuset>[] {
	return [
		listFile(ctl, "cpus", (cs) => cs.cpusAllowed, {
			maxWriteLen: 100 + 6 * NR_CPUS,
			update: (cs, buf) => ctl.updateCpumask(cs, buf),
		}),
		listFile(ctl, "mems", (cs) => cs.memsAllowed, {
			maxWriteLen: 100 + 6 * MAX_NUMNODES,
			update: (cs, buf) => ctl.updateNodemask(cs, buf),
		}),
		listFile(ctl, "effective_cpus", (cs) => cs.effectiveCpus),
		listFile(ctl, "effective_mems", (cs) => cs.effectiveMems),
		flagFile(ctl, "cpu_exclusive", CS_CPU_EXCLUSIVE),
		flagFile(ctl, "mem_exclusive", CS_MEM_EXCLUSIVE),
		flagFile(ctl, "mem_hardwall", CS_MEM_HARDWALL),
		flagFile(ctl, "sched_load_balance", CS_SCHED_LOAD_BALANCE),
		{
			name: "sched_relax_domain_level",
			readS64: (cs) => cs.relaxDomainLevel,
			writeS64: (cs, value) => {
				checkOnline(cs);
				ctl.updateRelaxDomainLevel(cs, value);
			},
		},
		flagFile(ctl, "memory_migrate", CS_MEMORY_MIGRATE),
		// fmeter_getrate(): no memory pressure is ever recorded here.
		{ name: "memory_pressure", readU64: () => 0 },
		flagFile(ctl, "memory_spread_page", CS_SPREAD_PAGE),
		flagFile(ctl, "memory_spread_slab", CS_SPREAD_SLAB),
		{
			name: "memory_pressure_enabled",
			flags: CFTYPE_ONLY_ON_ROOT,
			readU64: () => (ctl.memoryPressureEnabled ? 1 : 0),
			writeU64: (cs, value) => {
				checkOnline(cs);
				ctl.memoryPressureEnabled = value !== 0n;
			},
		},
	];
}
