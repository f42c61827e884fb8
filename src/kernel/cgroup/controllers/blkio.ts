/**
 * The io controller as cgroup v1's blkio (block/blk-cgroup.c): the blkcg
 * core's reset_stats and the files of the policies the reference kernel
 * has built in, block throttling (blkio-throttle.ts) and BFQ
 * (blkio-bfq.ts). A disk's root blkg exists from boot.
 */
import type { Cgroup } from "../cgroup.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";
import { bfqLegacyFiles } from "./blkio-bfq.ts";
import { Blkcg, BlockQueues } from "./blkio-blkg.ts";
import { throttleLegacyFiles } from "./blkio-throttle.ts";

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
		};
	},
};
