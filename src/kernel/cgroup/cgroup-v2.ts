/**
 * The cgroup2 filesystem's mount side (cgroup2_parse_param,
 * apply_cgroup_root_flags, cgroup_show_options). The interface files are in
 * base-files-v2.ts.
 */
import { KernelError } from "../errno.ts";
import type { CgroupCore } from "./core.ts";
import {
	CGRP_ROOT_FAVOR_DYNMODS,
	CGRP_ROOT_MEMORY_HUGETLB_ACCOUNTING,
	CGRP_ROOT_MEMORY_LOCAL_EVENTS,
	CGRP_ROOT_MEMORY_RECURSIVE_PROT,
	CGRP_ROOT_NS_DELEGATE,
	CGRP_ROOT_PIDS_LOCAL_EVENTS,
} from "./defs.ts";

/** cgroup2_fs_parameters, in the order cgroup_show_options() prints them. */
const CGROUP2_FLAGS: readonly (readonly [string, number])[] = [
	["nsdelegate", CGRP_ROOT_NS_DELEGATE],
	["favordynmods", CGRP_ROOT_FAVOR_DYNMODS],
	["memory_localevents", CGRP_ROOT_MEMORY_LOCAL_EVENTS],
	["memory_recursiveprot", CGRP_ROOT_MEMORY_RECURSIVE_PROT],
	["memory_hugetlb_accounting", CGRP_ROOT_MEMORY_HUGETLB_ACCOUNTING],
	["pids_localevents", CGRP_ROOT_PIDS_LOCAL_EVENTS],
];
const CGROUP2_FLAG_MASK = CGROUP2_FLAGS.reduce((m, [, bit]) => m | bit, 0);

/** cgroup2_parse_param(): returns the flags with `key` applied. */
export function cgroup2ParseParam(
	core: CgroupCore,
	flags: number,
	key: string,
	value: string | null,
): number {
	const entry = CGROUP2_FLAGS.find(([name]) => name === key);
	if (entry === undefined) {
		core.kernel.printk(`cgroup2: Unknown parameter '${key}'`);
		throw new KernelError("EINVAL");
	}
	if (value !== null) {
		core.kernel.printk(`cgroup2: Unexpected value for '${key}'`);
		throw new KernelError("EINVAL");
	}
	return flags | entry[1];
}

/**
 * cgroup_get_tree() for cgroup2: every mount shares the default hierarchy and
 * makes it visible in /proc/<pid>/cgroup; the mount's options replace the
 * root flags (apply_cgroup_root_flags()).
 */
export function cgroup2GetTree(core: CgroupCore, flags: number): void {
	core.dflVisible = true;
	applyCgroupRootFlags(core, flags);
}

export function applyCgroupRootFlags(core: CgroupCore, flags: number): void {
	const root = core.dflRoot;
	root.flags = (root.flags & ~CGROUP2_FLAG_MASK) | (flags & CGROUP2_FLAG_MASK);
}

/** cgroup_show_options(). */
export function cgroup2ShowOptions(core: CgroupCore): string {
	let out = "";
	for (const [name, bit] of CGROUP2_FLAGS) if (core.dflRoot.flags & bit) out += `,${name}`;
	return out;
}
