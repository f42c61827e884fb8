/**
 * The block cgroup core (block/blk-cgroup.c): a blkcg per cgroup, and a
 * blkg per (cgroup, disk) pair that exists once something configured or did
 * I/O for that cgroup on that disk. The per-device files print one entry
 * per blkg, newest first (blkcg->blkg_list), for the disks whose queue has
 * the file's policy enabled. cgkit does no block I/O, so every statistic
 * is zero and blkgs come only from configuration writes.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { isKernelSpace } from "../../kstrto.ts";
import type { BlockDevice } from "../../machine.ts";
import { scanUnsigned, skipSpaces } from "../../scan.ts";
import { CgroupSubsysState } from "../css.ts";

export const U64_MAX = (1n << 64n) - 1n;
export const UINT_MAX = 0xffffffff;
/** MINORBITS. */
const MINORBITS = 20;

/** The throttle policy's part of a blkg (struct throtl_grp): limits; U64_MAX/UINT_MAX mean none. */
export interface ThrotlGrp {
	/** bps[READ], bps[WRITE]. */
	readonly bps: [bigint, bigint];
	/** iops[READ], iops[WRITE]. */
	readonly iops: [number, number];
}

/** struct blkcg_gq: one cgroup on one disk. */
export interface Blkg {
	readonly disk: BlockDevice;
	readonly tg: ThrotlGrp;
}

/** struct blkcg. */
export class Blkcg extends CgroupSubsysState {
	/** blkg_list: newest first. */
	readonly blkgs: Blkg[] = [];
	/** The bfq policy's cgroup data (bfq_group_data): the default weight. */
	bfqWeight = 100;
	/** The iocost policy's cgroup data (ioc_cgrp->dfl_weight / WEIGHT_ONE): io.weight's default. */
	iocWeight = 100;

	get parentBlkcg(): Blkcg | null {
		return this.parent as Blkcg | null;
	}

	/** blkg_lookup(). */
	lookup(disk: BlockDevice): Blkg | undefined {
		return this.blkgs.find((b) => b.disk === disk);
	}

	/** blkg_create(): a new blkg goes to the head of the list. */
	create(disk: BlockDevice): Blkg {
		const blkg: Blkg = { disk, tg: { bps: [U64_MAX, U64_MAX], iops: [UINT_MAX, UINT_MAX] } };
		this.blkgs.unshift(blkg);
		return blkg;
	}
}

/** The block policies (struct blkcg_policy) and which disks' queues have each enabled. */
export type BlkcgPolicy = "throttle" | "iocost" | "bfq";

/** Per-kernel block layer state: the policies each queue has activated. */
export class BlockQueues {
	private readonly enabled = new Map<BlockDevice, Set<BlkcgPolicy>>();

	/** blkcg_policy_enabled(). */
	policyEnabled(disk: BlockDevice, pol: BlkcgPolicy): boolean {
		return this.enabled.get(disk)?.has(pol) ?? false;
	}

	/** blkcg_activate_policy(). */
	activate(disk: BlockDevice, pol: BlkcgPolicy): void {
		let s = this.enabled.get(disk);
		if (s === undefined) {
			s = new Set();
			this.enabled.set(disk, s);
		}
		s.add(pol);
	}
}

/** struct blkg_conf_ctx after blkg_conf_open_bdev(): the disk and the text after "MAJ:MIN ". */
export interface BlkgConf {
	readonly disk: BlockDevice;
	readonly body: string;
}

/**
 * blkg_conf_open_bdev(): "MAJ:MIN" (sscanf "%u:%u"), whitespace, then the
 * body. EINVAL for bad syntax, ENODEV for a device that is not a disk.
 */
export function blkgConfOpenBdev(kernel: Kernel, input: string): BlkgConf {
	const major = scanUnsigned(input, 0, 32);
	if (major === null || input[major.end] !== ":") throw new KernelError("EINVAL");
	const minor = scanUnsigned(input, major.end + 1, 32);
	if (minor === null) throw new KernelError("EINVAL");
	if (!isKernelSpace(input.charCodeAt(minor.end))) throw new KernelError("EINVAL");
	// MKDEV(): the minor's high bits spill into the major's, as in a dev_t.
	const devt = ((Number(major.value) << MINORBITS) | Number(minor.value)) >>> 0;
	const disk = kernel.machine.blockDevices.find(
		(d) => ((d.major << MINORBITS) | d.minor) >>> 0 === devt,
	);
	if (disk === undefined) throw new KernelError("ENODEV");
	return { disk, body: input.slice(skipSpaces(input, minor.end)) };
}

/**
 * blkg_conf_prep(): the blkg of `blkcg` on the disk, creating the missing
 * ones from the top of the hierarchy down. EOPNOTSUPP when the disk's queue
 * does not have the policy enabled.
 */
export function blkgConfPrep(
	queues: BlockQueues,
	blkcg: Blkcg,
	pol: BlkcgPolicy,
	conf: BlkgConf,
): Blkg {
	if (!queues.policyEnabled(conf.disk, pol)) throw new KernelError("EOPNOTSUPP");
	const missing: Blkcg[] = [];
	for (
		let b: Blkcg | null = blkcg;
		b !== null && b.lookup(conf.disk) === undefined;
		b = b.parentBlkcg
	) {
		missing.push(b);
	}
	for (let i = missing.length - 1; i >= 0; i--) missing[i]!.create(conf.disk);
	return blkcg.lookup(conf.disk)!;
}

/** blkg_dev_name(): the disk as "MAJ:MIN". */
export function blkgDevName(blkg: Blkg): string {
	return `${blkg.disk.major}:${blkg.disk.minor}`;
}

/**
 * blkcg_print_blkgs(): `prfill` for every blkg on a queue with the policy
 * enabled, newest first, then "Total N" when `showTotal`.
 */
export function blkcgPrintBlkgs(
	queues: BlockQueues,
	blkcg: Blkcg,
	pol: BlkcgPolicy,
	prfill: (blkg: Blkg) => string,
	showTotal: boolean,
): string {
	let out = "";
	for (const blkg of blkcg.blkgs) {
		if (queues.policyEnabled(blkg.disk, pol)) out += prfill(blkg);
	}
	// Every statistic is zero without block I/O, so the total is too.
	if (showTotal) out += "Total 0\n";
	return out;
}

/**
 * blkcg_print_stat() (io.stat): a line per blkg, "MAJ:MIN " followed by
 * the byte and I/O counts only when some are non-zero, then what the
 * policies add (iocost, only on disks where it is enabled). cgkit does no
 * block I/O, so a line is the device alone.
 */
export function blkcgPrintStat(blkcg: Blkcg): string {
	let out = "";
	for (const blkg of blkcg.blkgs) out += `${blkgDevName(blkg)} \n`;
	return out;
}

/** __blkg_prfill_rwstat() of an all-zero sample. */
export function prfillZeroRwstat(blkg: Blkg): string {
	const dname = blkgDevName(blkg);
	let out = "";
	for (const op of ["Read", "Write", "Sync", "Async", "Discard", "Total"])
		out += `${dname} ${op} 0\n`;
	return out;
}
