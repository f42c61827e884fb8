/**
 * The io controller (block/blk-cgroup.c), blkio on cgroup v1: the blkcg
 * core's files (v1's reset_stats, cgroup2's io.stat) and those of the
 * policies the reference kernel has built in, in the order they register:
 * block throttling (blkio-throttle.ts), iocost (cgroup2's io.weight,
 * blkio-iocost.ts) and BFQ (blkio-bfq.ts). A disk's root blkg exists from
 * boot.
 */
import type { Cgroup } from "../cgroup.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";
import { bfqDflFiles, bfqLegacyFiles } from "./blkio-bfq.ts";
import { Blkcg, BlockQueues, blkcgPrintStat } from "./blkio-blkg.ts";
import { iocostDflFiles } from "./blkio-iocost.ts";
import { throttleDflFiles, throttleLegacyFiles } from "./blkio-throttle.ts";

export const IO_SUBSYS: SubsystemDef<Blkcg> = {
	name: "io",
	legacyName: "blkio",
	dependsOn: ["memory"],
	create: (kernel) => {
		const queues = new BlockQueues();
		return {
			/** blkcg_css_alloc(); the root gets each disk's root blkg (blkcg_init_disk()). */
			cssAlloc: (parent: Blkcg | null, cgroup: Cgroup, ss: Subsystem<Blkcg>) => {
				const blkcg = new Blkcg(cgroup, ss, parent);
				if (parent === null) for (const disk of kernel.machine.blockDevices) blkcg.create(disk);
				return blkcg;
			},
			legacyCftypes: [
				{
					name: "reset_stats",
					/** blkcg_reset_stats(): any number; the statistics are zero already. */
					writeU64: () => {},
				},
				...throttleLegacyFiles(kernel, queues),
				...bfqLegacyFiles(kernel, queues),
			],
			dflCftypes: [
				/** blkcg_files[]: io.stat, on the root too. */
				{ name: "stat", seqShow: (of) => blkcgPrintStat(of.css) },
				...throttleDflFiles(kernel, queues),
				...iocostDflFiles(kernel, queues),
				...bfqDflFiles(kernel, queues),
			],
		};
	},
};
