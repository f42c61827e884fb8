/**
 * libcgroup's in-memory cgroup description (wrapper.c): struct cgroup with
 * its controllers and their name/value pairs, the accessors the tools and
 * the library use to build and compare them, and the ordered dictionary of
 * the configuration parser (api.c). Nothing here touches the system except
 * cgroup_add_controller(), which asks the mount table for the controller's
 * version, and cgroup_add_all_controllers(), which reads the controller
 * list.
 *
 * The C structures have fixed-size arrays; the limits that show in
 * behaviour are kept: names are cut at FILENAME_MAX - 1 and controller
 * names at CONTROL_NAMELEN_MAX - 1 characters, at most CG_CONTROLLER_MAX
 * controllers and CG_NV_MAX values, values shorter than
 * CG_CONTROL_VALUE_MAX.
 */

import {
	ECGCONFIGPARSEFAIL,
	ECGCONTROLLERNOTEQUAL,
	ECGEOF,
	ECGFAIL,
	ECGINVAL,
	ECGMAXVALUESEXCEEDED,
	ECGOTHER,
	ECGROUPNOTEQUAL,
	ECGROUPNOTEXIST,
	ECGROUPVALUENOTEXIST,
	ECGVALUEEXISTS,
} from "./errors.ts";
import {
	CG_CONTROL_VALUE_MAX,
	CG_CONTROLLER_MAX,
	CG_NV_MAX,
	CGROUP_FILE_PREFIX,
	CGROUP_MODE_UNIFIED,
	CGROUP_UNK,
	CGROUP_V2,
	CGV2_CONTROLLERS_FILE,
	type CgVersion,
	CONTROL_NAMELEN_MAX,
	FILENAME_MAX,
	type Libcg,
	NO_PERMS,
	NO_UID_GID,
} from "./libcg.ts";
import {
	cgroupGetAllControllerBegin,
	cgroupGetAllControllerEnd,
	cgroupGetAllControllerNext,
	newControllerData,
} from "./walk.ts";

/** struct control_value: one setting of a controller. */
export class ControlValue {
	/** The file name, e.g. "cpu.shares" (at most FILENAME_MAX - 1 characters). */
	name: string;
	/** The value (shorter than CG_CONTROL_VALUE_MAX). */
	value: string;
	/** cgget: a value read as several lines, joined with "\n\t". */
	multilineValue: string | null = null;
	/** The abstraction layer's name of the setting in the other cgroup version. */
	prevName: string | null = null;
	/** Set by the setters; only dirty values are written by cgroup_modify_cgroup(). */
	dirty: boolean;

	constructor(name: string, value: string, dirty: boolean) {
		this.name = name;
		this.value = value;
		this.dirty = dirty;
	}
}

/** struct cgroup_controller. */
export class CgroupController {
	name: string;
	values: ControlValue[] = [];
	/** The cgroup this controller was added to (null for a bare copy target). */
	readonly cgroup: Cgroup | null;
	version: CgVersion;

	constructor(name: string, cgroup: Cgroup | null, version: CgVersion) {
		this.name = name;
		this.cgroup = cgroup;
		this.version = version;
	}
}

/** struct cgroup: a cgroup's name, its controllers and the owners and modes to give it. */
export class Cgroup {
	/** The path relative to the hierarchy roots (at most FILENAME_MAX - 1 characters). */
	name: string;
	controllers: CgroupController[] = [];
	tasksUid = NO_UID_GID;
	tasksGid = NO_UID_GID;
	taskFperm = NO_PERMS;
	controlUid = NO_UID_GID;
	controlGid = NO_UID_GID;
	controlFperm = NO_PERMS;
	controlDperm = NO_PERMS;

	constructor(name: string) {
		this.name = name.slice(0, FILENAME_MAX - 1);
	}
}

/** A name/value pair as the tools collect them from -r options (struct control_value's two strings). */
export interface NameValue {
	readonly name: string;
	readonly value: string;
}

/** cgroup_new_cgroup(). */
export function cgroupNewCgroup(name: string): Cgroup {
	return new Cgroup(name);
}

/** init_cgroup_table(): `count` cgroups with no name, owners and modes unset. */
export function initCgroupTable(count: number): Cgroup[] {
	return Array.from({ length: count }, () => new Cgroup(""));
}

/**
 * cgroup_add_controller(): add controller `name` (cut at 31 characters) to
 * `cgroup`; null when the cgroup is full, already has it, or the
 * controller is not mounted ("cgroup", the pseudo-controller of the v2
 * core files, is always v2).
 */
export function cgroupAddController(
	lc: Libcg,
	cgroup: Cgroup,
	name: string,
): CgroupController | null {
	if (cgroup.controllers.length >= CG_CONTROLLER_MAX) return null;
	const cut = name.slice(0, CONTROL_NAMELEN_MAX - 1);
	for (const c of cgroup.controllers) {
		if (c.name === cut) return null;
	}
	let version: CgVersion;
	if (cut === CGROUP_FILE_PREFIX) version = CGROUP_V2;
	else {
		const [ret, v] = lc.controllerVersion(cut);
		if (ret !== 0) {
			lc.dbg(`failed to get cgroup version for controller ${cut}\n`);
			return null;
		}
		version = v;
	}
	const ctrl = new CgroupController(cut, cgroup, version);
	cgroup.controllers.push(ctrl);
	return ctrl;
}

/**
 * cgroup_add_all_controllers(): every controller the cgroup can have: on a
 * unified system the ones in its cgroup.controllers, otherwise every
 * controller of /proc/cgroups bound to a hierarchy. Failures are printed
 * on stderr as the C function does.
 */
export function cgroupAddAllControllers(lc: Libcg, cgroup: Cgroup): number {
	if (lc.setupMode() === CGROUP_MODE_UNIFIED) {
		if (lc.v2MountPath === "") return ECGOTHER;
		let text: string;
		try {
			text = lc.os.readFile(`${lc.v2MountPath}/${cgroup.name}/${CGV2_CONTROLLERS_FILE}`);
		} catch {
			return ECGOTHER;
		}
		if (text === "") return 0;
		// fgets() of at most 99 characters, whose last character is dropped.
		const line = text.slice(0, 99);
		const nl = line.indexOf("\n");
		const first = nl < 0 ? line.slice(0, -1) : line.slice(0, nl);
		const names = first.split(" ").filter((s) => s !== "");
		// strtok_r() of an empty line gives NULL, which cgroup_add_controller() refuses.
		if (names.length === 0) names.push("");
		for (const n of names) {
			if (n === "" || cgroupAddController(lc, cgroup, n) === null) {
				lc.os.stderr(`controller ${n === "" ? "(null)" : n} can't be added\n`);
				return ECGINVAL;
			}
		}
		return 0;
	}
	const info = newControllerData();
	let { ret, handle } = cgroupGetAllControllerBegin(lc, info);
	if (ret !== 0 && ret !== ECGEOF) {
		lc.os.stderr(`cannot read controller data: ${lc.strerror(ret)}\n`);
		return ret;
	}
	while (ret === 0) {
		if (info.hierarchy !== 0 && cgroupAddController(lc, cgroup, info.name) === null) {
			lc.os.stderr(`controller ${info.name} can't be added\n`);
			ret = ECGINVAL;
			break;
		}
		ret = cgroupGetAllControllerNext(handle, info);
	}
	cgroupGetAllControllerEnd(handle);
	if (ret === ECGEOF) ret = 0;
	if (ret !== 0) lc.os.stderr(`cgroup_get_controller_begin/next failed (${lc.strerror(ret)})\n`);
	return ret;
}

/** cgroup_free_controllers(). */
export function cgroupFreeControllers(cgroup: Cgroup): void {
	cgroup.controllers = [];
}

/**
 * cgroup_add_value_string(): a new setting; a null value is an empty,
 * clean one (what cgget -r asks for), any other value is dirty.
 */
export function cgroupAddValueString(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: string | null,
): number {
	if (controller.values.length >= CG_NV_MAX) return ECGMAXVALUESEXCEEDED;
	for (const v of controller.values) {
		if (v.name === name) return ECGVALUEEXISTS;
	}
	if (value !== null && value.length >= CG_CONTROL_VALUE_MAX) {
		lc.os.stderr(`value exceeds the maximum of ${CG_CONTROL_VALUE_MAX - 1} characters\n`);
		return ECGCONFIGPARSEFAIL;
	}
	controller.values.push(
		new ControlValue(name.slice(0, FILENAME_MAX - 1), value ?? "", value !== null),
	);
	return 0;
}

/** cgroup_add_value_int64(). */
export function cgroupAddValueInt64(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: bigint | number,
): number {
	return cgroupAddValueString(lc, controller, name, BigInt.asIntN(64, BigInt(value)).toString());
}

/** cgroup_add_value_uint64(). */
export function cgroupAddValueUint64(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: bigint | number,
): number {
	return cgroupAddValueString(lc, controller, name, BigInt.asUintN(64, BigInt(value)).toString());
}

/** cgroup_add_value_bool(). */
export function cgroupAddValueBool(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: boolean,
): number {
	return cgroupAddValueString(lc, controller, name, value ? "1" : "0");
}

/** cgroup_remove_value(). */
export function cgroupRemoveValue(controller: CgroupController, name: string): number {
	const i = controller.values.findIndex((v) => v.name === name);
	if (i < 0) return ECGROUPNOTEXIST;
	controller.values.splice(i, 1);
	return 0;
}

/** cgroup_compare_controllers(): same name and the same settings in the same order. */
export function cgroupCompareControllers(a: CgroupController, b: CgroupController): number {
	if (a.name !== b.name) return ECGCONTROLLERNOTEQUAL;
	if (a.values.length !== b.values.length) return ECGCONTROLLERNOTEQUAL;
	for (let i = 0; i < a.values.length; i++) {
		const va = a.values[i] as ControlValue;
		const vb = b.values[i] as ControlValue;
		if (va.name !== vb.name || va.value !== vb.value) return ECGCONTROLLERNOTEQUAL;
	}
	return 0;
}

/** cgroup_compare_cgroup(): name, owners, and every controller of `a` found in `b` in any order. */
export function cgroupCompareCgroup(a: Cgroup, b: Cgroup): number {
	if (a.name !== b.name) return ECGROUPNOTEQUAL;
	if (a.tasksUid !== b.tasksUid || a.tasksGid !== b.tasksGid) return ECGROUPNOTEQUAL;
	if (a.controlUid !== b.controlUid || a.controlGid !== b.controlGid) return ECGROUPNOTEQUAL;
	if (a.controllers.length !== b.controllers.length) return ECGROUPNOTEQUAL;
	for (const ca of a.controllers) {
		if (!b.controllers.some((cb) => cgroupCompareControllers(ca, cb) === 0))
			return ECGCONTROLLERNOTEQUAL;
	}
	return 0;
}

/** cgroup_set_uid_gid(). */
export function cgroupSetUidGid(
	cgroup: Cgroup,
	tasksUid: number,
	tasksGid: number,
	controlUid: number,
	controlGid: number,
): number {
	cgroup.tasksUid = tasksUid >>> 0;
	cgroup.tasksGid = tasksGid >>> 0;
	cgroup.controlUid = controlUid >>> 0;
	cgroup.controlGid = controlGid >>> 0;
	return 0;
}

/** cgroup_get_uid_gid(). */
export function cgroupGetUidGid(cgroup: Cgroup): {
	tasksUid: number;
	tasksGid: number;
	controlUid: number;
	controlGid: number;
} {
	return {
		tasksUid: cgroup.tasksUid,
		tasksGid: cgroup.tasksGid,
		controlUid: cgroup.controlUid,
		controlGid: cgroup.controlGid,
	};
}

/** cgroup_get_controller(). */
export function cgroupGetController(cgroup: Cgroup, name: string): CgroupController | null {
	return cgroup.controllers.find((c) => c.name === name) ?? null;
}

function findValue(controller: CgroupController, name: string): ControlValue | undefined {
	return controller.values.find((v) => v.name === name);
}

/** cgroup_get_value_string(): [code, value]. */
export function cgroupGetValueString(
	controller: CgroupController,
	name: string,
): [number, string | null] {
	const v = findValue(controller, name);
	return v === undefined ? [ECGROUPVALUENOTEXIST, null] : [0, v.value];
}

/** cgroup_set_value_string(): change a setting (cut to CG_CONTROL_VALUE_MAX - 1), or add it. */
export function cgroupSetValueString(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: string,
): number {
	const v = findValue(controller, name);
	if (v === undefined) return cgroupAddValueString(lc, controller, name, value);
	v.value = value.slice(0, CG_CONTROL_VALUE_MAX - 1);
	v.dirty = true;
	return 0;
}

/**
 * sscanf("%lld"/"%llu"/"%d") of a value: leading blanks, an optional sign,
 * decimal digits; strtol's saturation on overflow for the 64-bit forms.
 * null when no digit matches.
 */
function scanInteger(text: string, kind: "s64" | "u64" | "int"): bigint | null {
	const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(text);
	if (m === null) return null;
	const neg = m[1] === "-";
	const mag = BigInt(m[2] as string);
	if (kind === "s64") {
		const max = (1n << 63n) - 1n;
		if (neg) return mag > max + 1n ? -(max + 1n) : -mag;
		return mag > max ? max : mag;
	}
	if (kind === "u64") {
		const max = (1n << 64n) - 1n;
		if (mag > max) return max;
		return neg ? BigInt.asUintN(64, -mag) : mag;
	}
	// %d: glibc converts with strtol (64-bit long, saturating) and stores an int.
	const lmax = (1n << 63n) - 1n;
	let l = neg ? -mag : mag;
	if (l > lmax) l = lmax;
	if (l < -lmax - 1n) l = -lmax - 1n;
	return BigInt.asIntN(32, l);
}

/** The sscanf() of the typed getters: [0, value], ECGROUPVALUENOTEXIST, or ECGINVAL when it does not scan. */
function scannedValue(
	controller: CgroupController,
	name: string,
	kind: "s64" | "u64" | "int",
): [number, bigint | null] {
	const v = findValue(controller, name);
	if (v === undefined) return [ECGROUPVALUENOTEXIST, null];
	const n = scanInteger(v.value, kind);
	return n === null ? [ECGINVAL, null] : [0, n];
}

/** cgroup_get_value_int64(): [code, value]. */
export function cgroupGetValueInt64(
	controller: CgroupController,
	name: string,
): [number, bigint | null] {
	return scannedValue(controller, name, "s64");
}

/** cgroup_set_value_int64(). */
export function cgroupSetValueInt64(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: bigint | number,
): number {
	return cgroupSetValueString(lc, controller, name, BigInt.asIntN(64, BigInt(value)).toString());
}

/** cgroup_get_value_uint64(): [code, value]. */
export function cgroupGetValueUint64(
	controller: CgroupController,
	name: string,
): [number, bigint | null] {
	return scannedValue(controller, name, "u64");
}

/** cgroup_set_value_uint64(). */
export function cgroupSetValueUint64(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: bigint | number,
): number {
	return cgroupSetValueString(lc, controller, name, BigInt.asUintN(64, BigInt(value)).toString());
}

/** cgroup_get_value_bool(): [code, value]; any nonzero integer is true. */
export function cgroupGetValueBool(
	controller: CgroupController,
	name: string,
): [number, boolean | null] {
	const [code, n] = scannedValue(controller, name, "int");
	if (n === null) return [code, null];
	return [0, n !== 0n];
}

/** cgroup_set_value_bool(). */
export function cgroupSetValueBool(
	lc: Libcg,
	controller: CgroupController,
	name: string,
	value: boolean,
): number {
	return cgroupSetValueString(lc, controller, name, value ? "1" : "0");
}

/**
 * create_cgroup_from_name_value_pairs(): a cgroup `name` holding the -r
 * settings, each under the controller named before the first "." of its
 * name. Errors are printed on stderr and give null.
 */
export function createCgroupFromNameValuePairs(
	lc: Libcg,
	name: string,
	pairs: readonly NameValue[],
): Cgroup | null {
	const cg = cgroupNewCgroup(name);
	for (const nv of pairs) {
		if (!nv.name.includes(".")) {
			lc.os.stderr(`wrong -r  parameter (${nv.name}=${nv.value})\n`);
			return null;
		}
		// strtok(name, "."): the first run of characters other than ".".
		const con = nv.name
			.slice(0, FILENAME_MAX - 1)
			.replace(/^\.+/, "")
			.split(".")[0] as string;
		let cgc = cgroupGetController(cg, con);
		if (cgc === null) {
			cgc = cgroupAddController(lc, cg, con);
			if (cgc === null) {
				lc.os.stderr(`controller ${con} can't be add\n`);
				return null;
			}
		}
		if (cgroupAddValueString(lc, cgc, nv.name, nv.value) !== 0) {
			lc.os.stderr(`name-value pair ${nv.name}=${nv.value} can't be set\n`);
			return null;
		}
	}
	return cg;
}

/** cgroup_get_value_name_count(). */
export function cgroupGetValueNameCount(controller: CgroupController): number {
	return controller.values.length;
}

/** cgroup_get_value_name(). */
export function cgroupGetValueName(controller: CgroupController, index: number): string | null {
	return controller.values[index]?.name ?? null;
}

/** cgroup_get_cgroup_name(). */
export function cgroupGetCgroupName(cgroup: Cgroup): string {
	return cgroup.name;
}

/** cgroup_get_controller_count(). */
export function cgroupGetControllerCount(cgroup: Cgroup): number {
	return cgroup.controllers.length;
}

/** cgroup_get_controller_by_index(). */
export function cgroupGetControllerByIndex(cgroup: Cgroup, index: number): CgroupController | null {
	return cgroup.controllers[index] ?? null;
}

/** cgroup_get_controller_name(). */
export function cgroupGetControllerName(controller: CgroupController): string {
	return controller.name;
}

/** cgroup_copy_controller_values(): `src`'s name and settings into `dst`, all marked dirty. */
export function cgroupCopyControllerValues(dst: CgroupController, src: CgroupController): number {
	dst.name = src.name;
	for (const v of src.values) {
		const c = new ControlValue(v.name, v.value, true);
		c.multilineValue = v.multilineValue;
		c.prevName = v.prevName;
		dst.values.push(c);
	}
	return 0;
}

/**
 * cgroup_copy_cgroup(): replace `dst`'s controllers by copies of `src`'s
 * (the name and owners of dst stay). The copies have no version, as the C
 * code leaves the field zeroed.
 */
export function cgroupCopyCgroup(dst: Cgroup, src: Cgroup): number {
	if (dst === src) return ECGFAIL;
	cgroupFreeControllers(dst);
	for (const s of src.controllers) {
		const d = new CgroupController("", dst, CGROUP_UNK);
		dst.controllers.push(d);
		cgroupCopyControllerValues(d, s);
	}
	return 0;
}

/** CG_DICT_DONT_FREE_ITEMS: meaningless without manual memory, kept for the flag's value. */
export const CG_DICT_DONT_FREE_ITEMS = 1;

/**
 * struct cgroup_dictionary (api.c): name/value pairs kept in the order
 * they were added, duplicates allowed; iterated with begin/next/end.
 */
export class CgroupDictionary {
	readonly flags: number;
	readonly items: NameValue[] = [];

	constructor(flags = 0) {
		this.flags = flags;
	}

	/** cgroup_dictionary_add(). */
	add(name: string, value: string): number {
		this.items.push({ name, value });
		return 0;
	}

	[Symbol.iterator](): Iterator<NameValue> {
		return this.items[Symbol.iterator]();
	}
}

/** The iterator handle of cgroup_dictionary_iterator_begin(). */
export interface DictionaryIterator {
	readonly dict: CgroupDictionary;
	pos: number;
}

/** cgroup_dictionary_iterator_begin(): [code, handle, first item]; ECGEOF when empty. */
export function cgroupDictionaryIteratorBegin(
	dict: CgroupDictionary,
): [number, DictionaryIterator, NameValue | null] {
	const it: DictionaryIterator = { dict, pos: 0 };
	const [ret, item] = cgroupDictionaryIteratorNext(it);
	return [ret, it, item];
}

/** cgroup_dictionary_iterator_next(): [code, item]; ECGEOF at the end. */
export function cgroupDictionaryIteratorNext(it: DictionaryIterator): [number, NameValue | null] {
	const item = it.dict.items[it.pos];
	if (item === undefined) return [ECGEOF, null];
	it.pos++;
	return [0, item];
}
