/**
 * cgroup2's io.weight, the weight file of the iocost policy
 * (block/blk-iocost.c): the cgroup's default weight on the common cgroup
 * scale 1..10000, and per-device weights on disks where iocost is enabled.
 * iocost is enabled on a disk by configuring its QoS or cost model on the
 * root (io.cost.qos, io.cost.model), which cgkit does not offer, so no
 * disk has it and per-device weights get EOPNOTSUPP.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { scanUnsigned } from "../../scan.ts";
import type { CfType } from "../cftype.ts";
import { CFTYPE_NOT_ON_ROOT } from "../defs.ts";
import { type Blkcg, type BlockQueues, blkgConfOpenBdev, blkgConfPrep } from "./blkio-blkg.ts";

/** CGROUP_WEIGHT_MIN, CGROUP_WEIGHT_MAX. */
const WEIGHT_MIN = 1n;
const WEIGHT_MAX = 10000n;

/** sscanf(s, "default %u"): the literal, any whitespace, a 32-bit number; null when it does not match. */
function scanDefault(s: string): bigint | null {
	if (!s.startsWith("default")) return null;
	return scanUnsigned(s, "default".length, 32)?.value ?? null;
}

/**
 * ioc_weight_write(): without a ':' the input is "default N" or "N", the
 * cgroup's default weight (EINVAL outside 1..10000); otherwise "MAJ:MIN N"
 * or "MAJ:MIN default" for one device, which needs iocost on its queue.
 */
function writeWeight(kernel: Kernel, queues: BlockQueues, blkcg: Blkcg, buf: string): void {
	if (!buf.includes(":")) {
		const v = scanDefault(buf) ?? scanUnsigned(buf, 0, 32)?.value ?? null;
		if (v === null) throw new KernelError("EINVAL");
		if (v < WEIGHT_MIN || v > WEIGHT_MAX) throw new KernelError("EINVAL");
		blkcg.iocWeight = Number(v);
		return;
	}
	const conf = blkgConfOpenBdev(kernel, buf);
	// No queue has the policy (see above): blkg_conf_prep() refuses with EOPNOTSUPP.
	blkgConfPrep(queues, blkcg, "iocost", conf);
}

/** ioc_files[] for cgroups below the root: io.weight, without the "io." prefix. */
export function iocostDflFiles(kernel: Kernel, queues: BlockQueues): CfType<Blkcg>[] {
	return [
		{
			name: "weight",
			flags: CFTYPE_NOT_ON_ROOT,
			/** ioc_weight_show(): the default, then the devices' weights (none: no disk has iocost). */
			seqShow: (of) => `default ${of.css.iocWeight}\n`,
			write: (of, buf, nbytes) => {
				writeWeight(kernel, queues, of.css, buf);
				return nbytes;
			},
		},
	];
}
