/**
 * The files of the BFQ I/O scheduler's policy (block/bfq-cgroup.c): v1's
 * default weight, per-device weights and I/O statistics, and cgroup2's
 * io.bfq.weight (the default and per-device weights in one file). The
 * files exist because BFQ is built in, whether or not a disk uses it; a
 * per-device weight needs a disk scheduled by BFQ (EOPNOTSUPP otherwise).
 * cgkit's disks are scheduled by other schedulers, as the reference
 * machine's are, so only the default weight can be set.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { strstrip } from "../../kstrto.ts";
import { scanUnsigned, simpleStrtoull } from "../../scan.ts";
import type { CfType } from "../cftype.ts";
import { CFTYPE_NOT_ON_ROOT } from "../defs.ts";
import {
	type Blkcg,
	type BlockQueues,
	blkcgPrintBlkgs,
	blkgConfOpenBdev,
	blkgConfPrep,
	prfillZeroRwstat,
} from "./blkio-blkg.ts";

/** BFQ_MIN_WEIGHT, BFQ_MAX_WEIGHT. */
const BFQ_MIN_WEIGHT = 1n;
const BFQ_MAX_WEIGHT = 1000n;

/** bfq_io_set_weight_legacy(): ERANGE outside 1..1000. */
function setWeightLegacy(blkcg: Blkcg, value: bigint): void {
	if (value < BFQ_MIN_WEIGHT || value > BFQ_MAX_WEIGHT) throw new KernelError("ERANGE");
	blkcg.bfqWeight = Number(value);
}

/** "default %llu" of sscanf(): the literal, any whitespace, a number. */
function scanDefault(s: string): bigint | null {
	if (!s.startsWith("default")) return null;
	return scanUnsigned(s, "default".length, 64)?.value ?? null;
}

/**
 * bfq_io_set_weight(): "WEIGHT" or "default WEIGHT" sets the default
 * weight; anything else is "MAJ:MIN WEIGHT|default" for one device.
 */
function setWeight(kernel: Kernel, queues: BlockQueues, blkcg: Blkcg, buf: string): void {
	const s = strstrip(buf);
	const plain = simpleStrtoull(s, 0, 0);
	if (plain.end === s.length) {
		setWeightLegacy(blkcg, plain.value);
		return;
	}
	const dflt = scanDefault(s);
	if (dflt !== null) {
		setWeightLegacy(blkcg, dflt);
		return;
	}
	// bfq_io_set_device_weight(): no disk here has BFQ enabled, so a valid
	// device gets EOPNOTSUPP from blkg_conf_prep() before the weight is read.
	blkgConfPrep(queues, blkcg, "bfq", blkgConfOpenBdev(kernel, s));
}

/** bfq_io_show_weight(): the default, then per-device weights (none without BFQ disks). */
function showWeight(blkcg: Blkcg): string {
	return `default ${blkcg.bfqWeight}\n`;
}

/** bfq_blkg_files[]: io.bfq.weight, without the "io." prefix. */
export function bfqDflFiles(kernel: Kernel, queues: BlockQueues): CfType<Blkcg>[] {
	return [
		{
			name: "bfq.weight",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => showWeight(of.css),
			write: (of, buf, nbytes) => {
				setWeight(kernel, queues, of.css, buf);
				return nbytes;
			},
		},
	];
}

/** bfq_blkcg_legacy_files[] (without the debug statistics), without the "blkio." prefix. */
export function bfqLegacyFiles(kernel: Kernel, queues: BlockQueues): CfType<Blkcg>[] {
	const stat = (name: string): CfType<Blkcg> => ({
		name,
		/** bfqg_print_rwstat() and bfqg_print_rwstat_recursive(). */
		seqShow: (of) => blkcgPrintBlkgs(queues, of.css, "bfq", prfillZeroRwstat, true),
	});
	return [
		{
			name: "bfq.weight",
			flags: CFTYPE_NOT_ON_ROOT,
			/** bfq_io_show_weight_legacy(). */
			seqShow: (of) => `${of.css.bfqWeight}\n`,
			writeU64: (css, value) => setWeightLegacy(css, value),
		},
		{
			name: "bfq.weight_device",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => showWeight(of.css),
			write: (of, buf, nbytes) => {
				setWeight(kernel, queues, of.css, buf);
				return nbytes;
			},
		},
		stat("bfq.io_service_bytes"),
		stat("bfq.io_serviced"),
		stat("bfq.io_service_bytes_recursive"),
		stat("bfq.io_serviced_recursive"),
	];
}
