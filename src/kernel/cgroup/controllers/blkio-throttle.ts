/**
 * The files of the block throttling policy (block/blk-throttle.c): v1's
 * per-device read/write limits in bytes and I/Os per second and the I/O
 * each cgroup was serviced, and cgroup2's io.max holding the same four
 * limits. A queue activates the policy at its first limit write
 * (blk_throtl_init()). cgkit does no block I/O: limits are kept and shown,
 * statistics are zero.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { scanUnsigned, scanWord } from "../../scan.ts";
import type { CfType } from "../cftype.ts";
import { CFTYPE_NOT_ON_ROOT } from "../defs.ts";
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

/** tg_prfill_limit(): nothing for a blkg without limits, else all four, "max" for none. */
function prfillMax(blkg: Blkg): string {
	const { bps, iops } = blkg.tg;
	if (bps[READ] === U64_MAX && bps[WRITE] === U64_MAX && iops[READ] === UINT_MAX) {
		if (iops[WRITE] === UINT_MAX) return "";
	}
	const b = (v: bigint): string => (v === U64_MAX ? "max" : String(v));
	const i = (v: number): string => (v === UINT_MAX ? "max" : String(v));
	return (
		`${blkgDevName(blkg)} rbps=${b(bps[READ])} wbps=${b(bps[WRITE])}` +
		` riops=${i(iops[READ])} wiops=${i(iops[WRITE])}\n`
	);
}

/** io.max's keys: which limit each sets. */
const MAX_KEYS: Readonly<Record<string, readonly [typeof READ | typeof WRITE, boolean]>> = {
	rbps: [READ, true],
	wbps: [WRITE, true],
	riops: [READ, false],
	wiops: [WRITE, false],
};

/**
 * tg_set_limit(): "MAJ:MIN" then "key=value" tokens (rbps, wbps, riops,
 * wiops; a number or "max"). The blkgs exist before the tokens are read, so
 * a bad token still leaves the device in the statistics; a bad token
 * changes no limit. ERANGE for 0, EINVAL for anything else unknown.
 */
function setMax(kernel: Kernel, queues: BlockQueues, blkcg: Blkcg, buf: string): void {
	const conf = blkgConfOpenBdev(kernel, buf);
	queues.activate(conf.disk, "throttle");
	const blkg = blkgConfPrep(queues, blkcg, "throttle", conf);
	const bps: [bigint, bigint] = [blkg.tg.bps[READ], blkg.tg.bps[WRITE]];
	const iops: [number, number] = [blkg.tg.iops[READ], blkg.tg.iops[WRITE]];
	let pos = 0;
	for (;;) {
		// sscanf(body, "%26s%n", tok, &len)
		const tok = scanWord(conf.body, pos, 26);
		if (tok === null || tok.value === "") break;
		pos = tok.end;
		const eq = tok.value.indexOf("=");
		if (eq < 0) throw new KernelError("EINVAL");
		const key = tok.value.slice(0, eq);
		const text = tok.value.slice(eq + 1);
		const num = scanUnsigned(text, 0, 64);
		if (num === null && text !== "max") throw new KernelError("EINVAL");
		const val = num?.value ?? U64_MAX;
		if (val === 0n) throw new KernelError("ERANGE");
		const which = Object.hasOwn(MAX_KEYS, key) ? MAX_KEYS[key] : undefined;
		if (which === undefined) throw new KernelError("EINVAL");
		const [dir, isBps] = which;
		if (isBps) bps[dir] = val;
		else iops[dir] = Number(val < BigInt(UINT_MAX) ? val : BigInt(UINT_MAX));
	}
	blkg.tg.bps[READ] = bps[READ];
	blkg.tg.bps[WRITE] = bps[WRITE];
	blkg.tg.iops[READ] = iops[READ];
	blkg.tg.iops[WRITE] = iops[WRITE];
}

/** throtl_files[]: io.max, without the "io." prefix. */
export function throttleDflFiles(kernel: Kernel, queues: BlockQueues): CfType<Blkcg>[] {
	return [
		{
			name: "max",
			flags: CFTYPE_NOT_ON_ROOT,
			/** tg_print_limit(). */
			seqShow: (of) => blkcgPrintBlkgs(queues, of.css, "throttle", prfillMax, false),
			write: (of, buf, nbytes) => {
				setMax(kernel, queues, of.css, buf);
				return nbytes;
			},
		},
	];
}
