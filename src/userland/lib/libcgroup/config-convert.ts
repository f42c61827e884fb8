/**
 * libcgroup's abstraction layer (abstraction-common.c, abstraction-cpu.c,
 * abstraction-cpuset.c, abstraction-map.c): converting a cgroup's settings
 * between the cgroup v1 and v2 names of the cpu and cpuset controllers.
 * The config loader uses it (cgroup_convert_cgroup()) when a group of
 * cgconfig.conf written for the other version cannot be created as
 * written.
 */

import { cgroupCopyControllerValues } from "./api.ts";
import {
	type Cgroup,
	type CgroupController,
	type ControlValue,
	cgroupAddController,
	cgroupAddValueString,
	cgroupRemoveValue,
} from "./cgroup.ts";
import { ECGEOF, ECGFAIL, ECGINVAL, ECGNOVERSIONCONVERT } from "./errors.ts";
import {
	CGROUP_DISK,
	CGROUP_FILE_PREFIX,
	CGROUP_UNK,
	CGROUP_V1,
	CGROUP_V2,
	type CgVersion,
	type Libcg,
} from "./libcg.ts";
import { cgroupReadValueBegin, cgroupReadValueEnd } from "./walk.ts";

/** LL_MAX of abstraction-cpu.c: the line buffer of a setting read back. */
const LL_MAX = 8192;

type Convert = (
	lc: Libcg,
	dst: CgroupController,
	inValue: string,
	outSetting: string,
	inDflt: number,
	outDflt: number,
) => number;

/** struct cgroup_abstraction_map. */
interface AbstractionMap {
	readonly convert: Convert;
	readonly inSetting: string;
	readonly inDflt: number;
	readonly outSetting: string;
	readonly outDflt: number;
}

/** strtol(s, &end, 10): [value, characters consumed (0: no number), overflowed]. */
function strtol(s: string): [bigint, number, boolean] {
	const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
	if (m === null) return [0n, 0, false];
	let v = BigInt(m[2] as string);
	if (m[1] === "-") v = -v;
	const max = (1n << 63n) - 1n;
	if (v > max) return [max, m[0].length, true];
	if (v < -max - 1n) return [-max - 1n, m[0].length, true];
	return [v, m[0].length, false];
}

/** cgroup_strtol(): [code, value]. */
function cgroupStrtol(lc: Libcg, inStr: string): [number, bigint] {
	const [v, used, overflow] = strtol(inStr);
	if (overflow) {
		lc.err(`Failed to convert ${inStr} from strtol: Numerical result out of range\n`);
		return [ECGFAIL, v];
	}
	if (used === 0) {
		lc.err(`No long value found in ${inStr}\n`);
		return [ECGFAIL, v];
	}
	return [0, v];
}

/** cgroup_convert_int(): scale a number from the input's default to the output's ("" stays empty). */
const convertInt: Convert = (lc, dst, inValue, outSetting, inDflt, outDflt) => {
	let out: string | null = null;
	if (inValue.length > 0) {
		const [ret, v] = cgroupStrtol(lc, inValue);
		if (ret !== 0) return ret;
		const scaled = BigInt.asIntN(64, v * BigInt(outDflt)) / BigInt(inDflt);
		out = scaled.toString();
		if (out.length >= 20) {
			lc.err(`output value too large for string: ${Number(BigInt.asIntN(32, scaled))}\n`);
			return ECGFAIL;
		}
	}
	return cgroupAddValueString(lc, dst, outSetting, out);
};

/** cgroup_convert_name_only() and cgroup_convert_passthrough(): the value as it is under the new name. */
const convertNameOnly: Convert = (lc, dst, inValue, outSetting) =>
	cgroupAddValueString(lc, dst, outSetting, inValue);

/** cgroup_convert_unmappable(). */
const convertUnmappable: Convert = () => ECGNOVERSIONCONVERT;

/** read_setting(): the first line of a setting of the cgroup (null when the file is empty). */
function readSetting(
	lc: Libcg,
	cgroupName: string,
	controller: string,
	setting: string,
): [number, string | null] {
	const begin = cgroupReadValueBegin(lc, controller, cgroupName, setting, LL_MAX);
	if (begin.ret !== 0 && begin.ret !== ECGEOF) return [begin.ret, null];
	cgroupReadValueEnd(lc, begin.handle);
	return [0, begin.ret === ECGEOF ? null : begin.line];
}

/** get_max() and strtok_r(" ") of it: the quota (index 0) or the period (index 1) of cpu.max. */
function tokenOfMax(lc: Libcg, cgc: CgroupController, index: number): [number, string | null] {
	const [ret, max] = readSetting(lc, cgc.cgroup?.name ?? "", "cpu", "cpu.max");
	if (ret !== 0) return [ret, null];
	const tokens = (max ?? "").split(" ").filter((t) => t !== "");
	return [0, tokens[index] ?? null];
}

/** The last value added to a controller (values[index - 1]). */
function lastValue(cgc: CgroupController): ControlValue {
	return cgc.values[cgc.values.length - 1] as ControlValue;
}

/** cgroup_convert_cpu_quota_to_max(): cfs_quota_us with the period cpu.max has now. */
const convertCpuQuotaToMax: Convert = (lc, dst, inValue, outSetting) => {
	let ret: number;
	if (inValue.length === 0) {
		ret = cgroupAddValueString(lc, dst, outSetting, null);
		if (ret !== 0) return ret;
	} else {
		const [r, period] = tokenOfMax(lc, dst, 1);
		if (r !== 0) return r;
		const line = `${inValue === "-1" ? "max" : inValue} ${period ?? "(null)"}`.slice(0, LL_MAX - 1);
		ret = cgroupAddValueString(lc, dst, outSetting, line);
		if (ret !== 0) return ret;
	}
	lastValue(dst).prevName = "cpu.cfs_quota_us";
	return 0;
};

/** cgroup_convert_cpu_period_to_max(): cfs_period_us with the quota cpu.max has now. */
const convertCpuPeriodToMax: Convert = (lc, dst, inValue, outSetting) => {
	let ret: number;
	if (inValue.length === 0) {
		ret = cgroupAddValueString(lc, dst, outSetting, null);
		if (ret !== 0) return ret;
	} else {
		const [r, quota] = tokenOfMax(lc, dst, 0);
		if (r !== 0) return r;
		const line = `${quota ?? "(null)"} ${inValue === "-1" ? "max" : inValue}`.slice(0, LL_MAX - 1);
		ret = cgroupAddValueString(lc, dst, outSetting, line);
		if (ret !== 0) return ret;
	}
	lastValue(dst).prevName = "cpu.cfs_period_us";
	return 0;
};

/** cgroup_convert_cpu_max_to_quota(): the first field of cpu.max, "max" as -1. */
const convertCpuMaxToQuota: Convert = (lc, dst, inValue, outSetting) => {
	if (inValue.length === 0) return cgroupAddValueString(lc, dst, outSetting, null);
	const token = inValue.split(" ").filter((t) => t !== "")[0] ?? null;
	return cgroupAddValueString(lc, dst, outSetting, token === "max" ? "-1" : token);
};

/** cgroup_convert_cpu_max_to_period(): the second field of cpu.max. */
const convertCpuMaxToPeriod: Convert = (lc, dst, inValue, outSetting) => {
	if (inValue.length === 0) return cgroupAddValueString(lc, dst, outSetting, null);
	const token = inValue.split(" ").filter((t) => t !== "")[1] ?? null;
	return cgroupAddValueString(lc, dst, outSetting, token);
};

/** cgroup_convert_cpuset_to_exclusive(): "root" is 1, anything else 0. */
const convertCpusetToExclusive: Convert = (lc, dst, inValue, outSetting) =>
	cgroupAddValueString(lc, dst, outSetting, inValue === "root" ? "1" : "0");

/** cgroup_convert_cpuset_to_partition(): "1" is "root", anything else "member". */
const convertCpusetToPartition: Convert = (lc, dst, inValue, outSetting) =>
	cgroupAddValueString(lc, dst, outSetting, inValue === "1" ? "root" : "member");

function entry(
	convert: Convert,
	inSetting: string,
	inDflt: number,
	outSetting: string,
	outDflt: number,
): AbstractionMap {
	return { convert, inSetting, inDflt, outSetting, outDflt };
}

/** cgroup_v1_to_v2_map[]. */
const V1_TO_V2: readonly AbstractionMap[] = [
	entry(convertInt, "cpu.shares", 1024, "cpu.weight", 100),
	entry(convertCpuQuotaToMax, "cpu.cfs_quota_us", 0, "cpu.max", 0),
	entry(convertCpuPeriodToMax, "cpu.cfs_period_us", 0, "cpu.max", 0),
	entry(convertUnmappable, "cpu.stat", 0, "cpu.stat", 0),
	entry(convertNameOnly, "cpuset.effective_cpus", 0, "cpuset.cpus.effective", 0),
	entry(convertNameOnly, "cpuset.effective_mems", 0, "cpuset.mems.effective", 0),
	entry(convertNameOnly, "cpuset.cpus", 0, "cpuset.cpus", 0),
	entry(convertNameOnly, "cpuset.mems", 0, "cpuset.mems", 0),
	entry(convertCpusetToPartition, "cpuset.cpu_exclusive", 0, "cpuset.cpus.partition", 0),
	...[
		"cpuset.mem_exclusive",
		"cpuset.mem_hardwall",
		"cpuset.memory_migrate",
		"cpuset.memory_pressure",
		"cpuset.mem_pressure_enabled",
		"cpuset.memory_spread_page",
		"cpuset.memory_spread_slab",
		"cpuset.sched_load_balance",
		"cpuset.sched_relax_domain_level",
	].map((s) => entry(convertUnmappable, s, 0, "", 0)),
];

/** cgroup_v2_to_v1_map[]. */
const V2_TO_V1: readonly AbstractionMap[] = [
	entry(convertInt, "cpu.weight", 100, "cpu.shares", 1024),
	entry(convertCpuMaxToQuota, "cpu.max", 0, "cpu.cfs_quota_us", 0),
	entry(convertCpuMaxToPeriod, "cpu.max", 0, "cpu.cfs_period_us", 0),
	entry(convertUnmappable, "cpu.stat", 0, "cpu.stat", 0),
	entry(convertNameOnly, "cpuset.cpus.effective", 0, "cpuset.effective_cpus", 0),
	entry(convertNameOnly, "cpuset.mems.effective", 0, "cpuset.effective_mems", 0),
	entry(convertNameOnly, "cpuset.cpus", 0, "cpuset.cpus", 0),
	entry(convertNameOnly, "cpuset.mems", 0, "cpuset.mems", 0),
	entry(convertCpusetToExclusive, "cpuset.cpus.partition", 0, "cpuset.cpu_exclusive", 0),
];

/**
 * convert_setting(): every map entry of the setting (guided by its
 * prev_name when it has one); ECGINVAL when none applies.
 */
function convertSetting(lc: Libcg, out: CgroupController, inVal: ControlValue): number {
	let table: readonly AbstractionMap[];
	if (out.version === CGROUP_V1) table = V2_TO_V1;
	else if (out.version === CGROUP_V2) table = V1_TO_V2;
	else return ECGFAIL;
	let ret = ECGINVAL;
	for (const m of table) {
		if (m.inSetting !== inVal.name) continue;
		if (inVal.prevName !== null && inVal.prevName !== m.outSetting) continue;
		ret = m.convert(lc, out, inVal.value, m.outSetting, m.inDflt, m.outDflt);
		if (ret !== 0) return ret;
	}
	return ret;
}

/**
 * cgroup_convert_cpu_nto1(): cfs_quota_us and cfs_period_us together make
 * cpu.max (and leave the input controller).
 */
function convertCpuNto1(lc: Libcg, out: CgroupController, inCgc: CgroupController): number {
	let quota: string | null = null;
	let period: string | null = null;
	for (const v of inCgc.values) {
		if (v.name === "cpu.cfs_quota_us") quota = v.value;
		else if (v.name === "cpu.cfs_period_us") period = v.value;
	}
	if (quota === null || period === null) return 0;
	const line = `${quota === "-1" ? "max" : quota} ${period}`.slice(0, LL_MAX - 1);
	let ret = cgroupAddValueString(lc, out, "cpu.max", line);
	if (ret !== 0) return ret;
	ret = cgroupRemoveValue(inCgc, "cpu.cfs_quota_us");
	if (ret !== 0) return ret;
	return cgroupRemoveValue(inCgc, "cpu.cfs_period_us");
}

/**
 * convert_controller(): copy or convert each setting; an unmappable one
 * is skipped and reported at the end (ECGNOVERSIONCONVERT), the output
 * controller then dropped when nothing converted. Returns [code, keep].
 */
function convertController(
	lc: Libcg,
	out: CgroupController,
	inCgc: CgroupController,
): [number, boolean] {
	if (inCgc.version === out.version) return [cgroupCopyControllerValues(out, inCgc), true];
	let ret = 0;
	let unmappable = false;
	if (inCgc.name === "cpu") {
		ret = convertCpuNto1(lc, out, inCgc);
		if (ret !== 0) return [ret, true];
	}
	for (const v of [...inCgc.values]) {
		ret = convertSetting(lc, out, v);
		if (ret === ECGNOVERSIONCONVERT) {
			unmappable = true;
			ret = 0;
		} else if (ret !== 0) return [ret, true];
	}
	if (unmappable) return [ECGNOVERSIONCONVERT, out.values.length > 0];
	return [0, true];
}

/**
 * cgroup_convert_cgroup(): fill `outCgroup` with `inCgroup`'s controllers
 * converted to `outVersion` (the input taken as `inVersion` when that is
 * V1 or V2). ECGNOVERSIONCONVERT when some setting has no counterpart.
 */
export function cgroupConvertCgroup(
	lc: Libcg,
	outCgroup: Cgroup,
	outVersion: CgVersion,
	inCgroup: Cgroup,
	inVersion: CgVersion,
): number {
	let unmappable = false;
	for (const inCgc of inCgroup.controllers) {
		const cgc = cgroupAddController(lc, outCgroup, inCgc.name);
		if (cgc === null) return ECGFAIL;
		if (inVersion === CGROUP_V1 || inVersion === CGROUP_V2) inCgc.version = inVersion;
		cgc.version = cgc.name === CGROUP_FILE_PREFIX ? CGROUP_V2 : outVersion;
		if (cgc.version === CGROUP_UNK || cgc.version === CGROUP_DISK) {
			const [ret, v] = lc.controllerVersion(cgc.name);
			if (ret !== 0) return ret;
			cgc.version = v;
		}
		const [ret, keep] = convertController(lc, cgc, inCgc);
		if (ret === ECGNOVERSIONCONVERT) {
			unmappable = true;
			if (!keep) outCgroup.controllers.splice(outCgroup.controllers.indexOf(cgc), 1);
		} else if (ret !== 0) return ret;
	}
	return unmappable ? ECGNOVERSIONCONVERT : 0;
}
