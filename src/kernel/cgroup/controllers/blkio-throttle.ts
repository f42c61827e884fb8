/**
 * The v1 files of the block throttling policy (block/blk-throttle.c):
 * per-device read/write limits in bytes and I/Os per second, and the I/O
 * each cgroup was serviced. A queue activates the policy at its first limit
 * write (blk_throtl_init()). cgkit does no block I/O: limits are kept and
 * shown, statistics are zero.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { scanUnsigned } from "../../scan.ts";
import type { CfType } from "../cftype.ts";
import {
	type Blkcg,
	type Blkg,
	type BlockQueues,
	blkcgPrintBlkgs,
	blkgConfOpenBdev,
	blkgConfPrep,
	blkgDevName,
	prfillZeroRwstat,
	U64_MAX,
	UINT_MAX,
} from "./blkio-blkg.ts";

const READ = 0;
const WRITE = 1;

/** One limit of struct throtl_grp: bps[dir] (u64) or iops[dir] (unsigned int). */
interface Limit {
	readonly name: string;
	readonly dir: typeof READ | typeof WRITE;
	readonly isU64: boolean;
}

const LIMITS: readonly Limit[] = [
	{ name: "throttle.read_bps_device", dir: READ, isU64: true },
	{ name: "throttle.write_bps_device", dir: WRITE, isU64: true },
	{ name: "throttle.read_iops_device", dir: READ, isU64: false },
	{ name: "throttle.write_iops_device", dir: WRITE, isU64: false },
];

/** tg_prfill_conf_u64() / tg_prfill_conf_uint(): nothing for an unlimited blkg. */
function prfillLimit(limit: Limit, blkg: Blkg): string {
	const v = limit.isU64 ? blkg.tg.bps[limit.dir] : blkg.tg.iops[limit.dir];
	if (v === (limit.isU64 ? U64_MAX : UINT_MAX)) return "";
	return `${blkgDevName(blkg)} ${v}\n`;
}

/**
 * tg_set_conf(): "MAJ:MIN VALUE" (sscanf "%llu"); 0 removes the limit. The
 * blkgs are created before the value is parsed, so a bad value still adds
 * the device to the statistics.
 */
function setLimit(
	kernel: Kernel,
	queues: BlockQueues,
	blkcg: Blkcg,
	limit: Limit,
	buf: string,
): void {
	const conf = blkgConfOpenBdev(kernel, buf);
	queues.activate(conf.disk, "throttle");
	const blkg = blkgConfPrep(queues, blkcg, "throttle", conf);
	const v = scanUnsigned(conf.body, 0, 64);
	if (v === null) throw new KernelError("EINVAL");
	const value = v.value === 0n ? U64_MAX : v.value;
	if (limit.isU64) blkg.tg.bps[limit.dir] = value;
	else blkg.tg.iops[limit.dir] = Number(BigInt.asUintN(32, value));
}

/** throtl_legacy_files[], without the "blkio." prefix. */
export function throttleLegacyFiles(kernel: Kernel, queues: BlockQueues): CfType<Blkcg>[] {
	const stat = (name: string): CfType<Blkcg> => ({
		name,
		/** tg_print_rwstat() and tg_print_rwstat_recursive(): zeros for each blkg. */
		seqShow: (of) => blkcgPrintBlkgs(queues, of.css, "throttle", prfillZeroRwstat, true),
	});
	return [
		...LIMITS.map(
			(limit): CfType<Blkcg> => ({
				name: limit.name,
				seqShow: (of) =>
					blkcgPrintBlkgs(queues, of.css, "throttle", (b) => prfillLimit(limit, b), false),
				write: (of, buf, nbytes) => {
					setLimit(kernel, queues, of.css, limit, buf);
					return nbytes;
				},
			}),
		),
		stat("throttle.io_service_bytes"),
		stat("throttle.io_service_bytes_recursive"),
		stat("throttle.io_serviced"),
		stat("throttle.io_serviced_recursive"),
	];
}
