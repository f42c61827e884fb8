/**
 * dfl_files[] (kernel/cgroup/cpuset.c): the cgroup2 control files of the
 * cpuset controller, in the kernel's order. The CPU and node lists are
 * cpuset_common_seq_show() and cpuset_write_resmask() as on v1; the root has
 * only the effective lists and cpuset.cpus.isolated. (The debug-only
 * cpus.subpartitions, shown with the cgroup_debug boot option, is left out.)
 */
import { MAX_NUMNODES, NR_CPUS } from "../../cpulist.ts";
import { KernelError } from "../../errno.ts";
import { strstrip } from "../../kstrto.ts";
import type { CfType } from "../cftype.ts";
import { CFTYPE_NOT_ON_ROOT, CFTYPE_ONLY_ON_ROOT } from "../defs.ts";
import type { CpusetController } from "./cpuset-core.ts";
import { checkOnline, listFile } from "./cpuset-files.ts";
import {
	type Cpuset,
	PERR_STRINGS,
	PRS_INVALID_ISOLATED,
	PRS_INVALID_ROOT,
	PRS_ISOLATED,
	PRS_MEMBER,
	PRS_ROOT,
} from "./cpuset-struct.ts";

/** The words cpuset.cpus.partition takes and shows for the valid states. */
const PARTITION_TYPES: readonly (readonly [string, number])[] = [
	["root", PRS_ROOT],
	["member", PRS_MEMBER],
	["isolated", PRS_ISOLATED],
];

/** sched_partition_show(): the state; an invalid one with its reason, when there is one. */
function schedPartitionShow(cs: Cpuset): string {
	const prs = cs.partitionRootState;
	if (prs >= 0) return `${PARTITION_TYPES.find(([, v]) => v === prs)![0]}\n`;
	const type = prs === PRS_INVALID_ROOT ? "root" : prs === PRS_INVALID_ISOLATED ? "isolated" : "";
	const err = PERR_STRINGS[cs.prsErr] ?? null;
	return err === null ? `${type} invalid\n` : `${type} invalid (${err})\n`;
}

export function cpusetDflFiles(ctl: CpusetController): CfType<Cpuset>[] {
	const cpusLen = 100 + 6 * NR_CPUS;
	return [
		listFile(
			ctl,
			"cpus",
			(cs) => cs.cpusAllowed,
			{ maxWriteLen: cpusLen, update: (cs, buf) => ctl.updateCpumask(cs, buf) },
			CFTYPE_NOT_ON_ROOT,
		),
		listFile(
			ctl,
			"mems",
			(cs) => cs.memsAllowed,
			{ maxWriteLen: 100 + 6 * MAX_NUMNODES, update: (cs, buf) => ctl.updateNodemask(cs, buf) },
			CFTYPE_NOT_ON_ROOT,
		),
		listFile(ctl, "cpus.effective", (cs) => cs.effectiveCpus),
		listFile(ctl, "mems.effective", (cs) => cs.effectiveMems),
		{
			name: "cpus.partition",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => schedPartitionShow(of.css),
			// sched_partition_write(): the word first, then whether the cpuset is still there.
			write: (of, buf, nbytes) => {
				const word = strstrip(buf);
				const type = PARTITION_TYPES.find(([name]) => name === word);
				if (type === undefined) throw new KernelError("EINVAL");
				checkOnline(of.css);
				ctl.asWriter(of.current.cred, () => ctl.part.updatePrstate(of.css, type[1]));
				return nbytes;
			},
		},
		listFile(
			ctl,
			"cpus.exclusive",
			(cs) => cs.exclusiveCpus,
			{ maxWriteLen: cpusLen, update: (cs, buf) => ctl.part.updateExclusiveCpumask(cs, buf) },
			CFTYPE_NOT_ON_ROOT,
		),
		listFile(
			ctl,
			"cpus.exclusive.effective",
			(cs) => cs.effectiveXcpus,
			undefined,
			CFTYPE_NOT_ON_ROOT,
		),
		listFile(ctl, "cpus.isolated", () => ctl.part.isolatedCpus, undefined, CFTYPE_ONLY_ON_ROOT),
	];
}
