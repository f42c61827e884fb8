/**
 * cgroup v1 (kernel/cgroup/cgroup-v1.c): mount option parsing and hierarchy
 * selection, remount, the options shown in /proc/mounts, and the v1 core
 * files with their pid lists and attach rules.
 */
import { CAP_SYS_ADMIN, type Cred } from "../cred.ts";
import { KernelError } from "../errno.ts";
import { kstrtoint, strstrip } from "../kstrto.ts";
import { PF_NO_SETAFFINITY, type Task } from "../task.ts";
import type { CfType, CgroupOpenFile } from "./cftype.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore, FsIds } from "./core.ts";
import {
	CFTYPE_ONLY_ON_ROOT,
	CGRP_CPUSET_CLONE_CHILDREN,
	CGRP_NOTIFY_ON_RELEASE,
	CGRP_ROOT_CPUSET_V2_MODE,
	CGRP_ROOT_FAVOR_DYNMODS,
	CGRP_ROOT_NOPREFIX,
	CGRP_ROOT_XATTR,
	MAX_CGROUP_ROOT_NAMELEN,
	PATH_MAX,
} from "./defs.ts";
import { cgroupAttachTask, cgroupPostAttach } from "./migrate.ts";
import { CgroupRoot } from "./root.ts";

/** struct cgroup_fs_context, the v1 part. */
export interface Cgroup1FsContext {
	subsysMask: number;
	none: boolean;
	allSs: boolean;
	flags: number;
	name: string | null;
	releaseAgent: string | null;
	cpusetCloneChildren: boolean;
}

export function newCgroup1FsContext(): Cgroup1FsContext {
	return {
		subsysMask: 0,
		none: false,
		allSs: false,
		flags: 0,
		name: null,
		releaseAgent: null,
		cpusetCloneChildren: false,
	};
}

/** invalfc(): the error, with the message the kernel logs. */
function invalfc(core: CgroupCore, msg: string): KernelError {
	core.kernel.printk(`cgroup: ${msg}`);
	return new KernelError("EINVAL", msg);
}

const FLAG_PARAMS: Record<string, (ctx: Cgroup1FsContext) => void> = {
	all: (ctx) => {
		ctx.allSs = true;
	},
	none: (ctx) => {
		ctx.none = true;
	},
	noprefix: (ctx) => {
		ctx.flags |= CGRP_ROOT_NOPREFIX;
	},
	clone_children: (ctx) => {
		ctx.cpusetCloneChildren = true;
	},
	cpuset_v2_mode: (ctx) => {
		ctx.flags |= CGRP_ROOT_CPUSET_V2_MODE;
	},
	xattr: (ctx) => {
		ctx.flags |= CGRP_ROOT_XATTR;
	},
	favordynmods: (ctx) => {
		ctx.flags |= CGRP_ROOT_FAVOR_DYNMODS;
	},
	nofavordynmods: (ctx) => {
		ctx.flags &= ~CGRP_ROOT_FAVOR_DYNMODS;
	},
};

/**
 * A byte of a hierarchy name: isalnum() of the kernel's Latin-1 ctype
 * (lib/ctype.c: 0xC0-0xFF are letters but 0xD7 and 0xF7), '.', '-', '_'.
 */
function isNameChar(c: number): boolean {
	return (
		(c >= 0x30 && c <= 0x39) ||
		(c >= 0x41 && c <= 0x5a) ||
		(c >= 0x61 && c <= 0x7a) ||
		(c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) ||
		c === 0x2e ||
		c === 0x2d ||
		c === 0x5f
	);
}

/**
 * cgroup1_parse_param(): one `key` or `key=value` mount option. `value` is
 * null for a bare key. `cred` is the mounter's.
 */
export function cgroup1ParseParam(
	core: CgroupCore,
	ctx: Cgroup1FsContext,
	key: string,
	value: string | null,
	cred: Cred,
): void {
	const flag = Object.hasOwn(FLAG_PARAMS, key) ? FLAG_PARAMS[key] : undefined;
	if (flag !== undefined) {
		if (value !== null) throw invalfc(core, `Unexpected value for '${key}'`);
		flag(ctx);
		return;
	}
	if (key === "release_agent" || key === "name") {
		// fs_param_is_string(): a string parameter needs a non-empty value.
		if (value === null || value.length === 0) throw invalfc(core, `Bad value for '${key}'`);
		if (key === "release_agent") {
			if (ctx.releaseAgent !== null) throw invalfc(core, "release_agent respecified");
			if (!cred.capable(CAP_SYS_ADMIN)) throw invalfc(core, "Setting release_agent not allowed");
			ctx.releaseAgent = value;
			return;
		}
		if (value.length > MAX_CGROUP_ROOT_NAMELEN - 1) throw invalfc(core, "Name too long");
		for (let i = 0; i < value.length; i++) {
			if (!isNameChar(value.charCodeAt(i))) throw invalfc(core, "Invalid name");
		}
		if (ctx.name !== null) throw invalfc(core, "name respecified");
		ctx.name = value;
		return;
	}
	const ss = core.subsysByLegacyName(key);
	if (ss === undefined) throw invalfc(core, `Unknown subsys name '${key}'`);
	if (!ss.enabled) throw invalfc(core, `Disabled controller '${key}'`);
	ctx.subsysMask |= ss.mask;
}

/** check_cgroupfs_options(): settle the controller set. */
export function checkCgroupfsOptions(core: CgroupCore, ctx: Cgroup1FsContext): void {
	let enabled = 0;
	for (const ss of core.subsys) if (ss.enabled) enabled |= ss.mask;
	const cpuset = core.subsysByLegacyName("cpuset");
	const notCpuset = cpuset === undefined ? enabled : enabled & ~cpuset.mask;

	ctx.subsysMask &= enabled;
	if (!ctx.subsysMask && !ctx.none && ctx.name === null) ctx.allSs = true;
	if (ctx.allSs) {
		if (ctx.subsysMask) throw invalfc(core, "subsys name conflicts with all");
		ctx.subsysMask = enabled;
	}
	if (!ctx.subsysMask && ctx.name === null) throw invalfc(core, "Need name or subsystem set");
	if (ctx.flags & CGRP_ROOT_NOPREFIX && ctx.subsysMask & notCpuset) {
		throw invalfc(core, "noprefix used incorrectly");
	}
	if (ctx.subsysMask && ctx.none) throw invalfc(core, "none used incorrectly");
}

/**
 * cgroup1_root_to_use(): reuse the hierarchy the options describe, or
 * create it. EBUSY when a named hierarchy exists with other controllers or a
 * controller is bound elsewhere.
 */
export function cgroup1GetTree(
	core: CgroupCore,
	ctx: Cgroup1FsContext,
	cred: Cred,
	initCgroupNs = true,
): CgroupRoot {
	if (!cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
	checkCgroupfsOptions(core, ctx);
	for (const root of core.v1Roots()) {
		let nameMatch = false;
		if (ctx.name !== null) {
			if (ctx.name !== root.name) continue;
			nameMatch = true;
		}
		if ((ctx.subsysMask || ctx.none) && ctx.subsysMask !== root.subsysMask) {
			if (!nameMatch) continue;
			throw new KernelError("EBUSY");
		}
		if (root.flags !== ctx.flags) {
			core.kernel.printk(
				"cgroup: new mount options do not match the existing superblock, will be ignored",
			);
		}
		return root;
	}
	if (!ctx.subsysMask && !ctx.none) throw invalfc(core, "No subsys list or none specified");
	// Hierarchies are only created in the initial cgroup namespace.
	if (!initCgroupNs) throw new KernelError("EPERM");

	// init_cgroup_root() + cgroup_setup_root()
	const root = new CgroupRoot({
		isDfl: false,
		flags: ctx.flags,
		name: ctx.name ?? "",
		releaseAgentPath: ctx.releaseAgent ?? "",
	});
	core.setupRoot(root, ctx.subsysMask, cred);
	if (ctx.cpusetCloneChildren) root.cgrp.flags |= CGRP_CPUSET_CLONE_CHILDREN;
	return root;
}

/** cgroup1_reconfigure(): remount of a v1 hierarchy. */
export function cgroup1Reconfigure(
	core: CgroupCore,
	root: CgroupRoot,
	ctx: Cgroup1FsContext,
	cred: FsIds,
): void {
	checkCgroupfsOptions(core, ctx);
	if (ctx.subsysMask !== root.subsysMask || ctx.releaseAgent !== null) {
		core.kernel.printk("cgroup1: option changes via remount are deprecated");
	}
	const added = ctx.subsysMask & ~root.subsysMask;
	const removed = root.subsysMask & ~ctx.subsysMask;
	if (ctx.flags !== root.flags || (ctx.name !== null && ctx.name !== root.name)) {
		throw invalfc(core, "option or name mismatch");
	}
	if (root.cgrp.self.nrChildren > 0) throw new KernelError("EBUSY");
	core.rebindSubsystems(root, added, cred);
	core.rebindSubsystems(core.dflRoot, removed, cred);
	if (ctx.releaseAgent !== null) root.releaseAgentPath = ctx.releaseAgent.slice(0, PATH_MAX - 1);
}

/** seq_show_option() escaping: ",= \t\n\\" become octal escapes. */
export function escapeMountOption(s: string, special: string): string {
	let out = "";
	for (const ch of s) {
		out += special.includes(ch) ? `\\${ch.charCodeAt(0).toString(8).padStart(3, "0")}` : ch;
	}
	return out;
}

/** cgroup1_show_options(): the tail of the superblock options, each with a leading comma. */
export function cgroup1ShowOptions(core: CgroupCore, root: CgroupRoot): string {
	let out = "";
	for (const ss of core.subsys) {
		if (root.subsysMask & ss.mask) out += `,${escapeMountOption(ss.legacyName, ",= \t\n\\")}`;
	}
	if (root.flags & CGRP_ROOT_NOPREFIX) out += ",noprefix";
	if (root.flags & CGRP_ROOT_XATTR) out += ",xattr";
	if (root.flags & CGRP_ROOT_CPUSET_V2_MODE) out += ",cpuset_v2_mode";
	if (root.flags & CGRP_ROOT_FAVOR_DYNMODS) out += ",favordynmods";
	if (root.releaseAgentPath.length > 0) {
		out += `,release_agent=${escapeMountOption(root.releaseAgentPath, ", \t\n\\")}`;
	}
	if (root.cgrp.flags & CGRP_CPUSET_CLONE_CHILDREN) out += ",clone_children";
	if (root.name.length > 0) out += `,name=${escapeMountOption(root.name, ", \t\n\\")}`;
	return out;
}

// ------------------------------------------------------------- pid lists

const PIDLIST_TASKS = 0;
const PIDLIST_PROCS = 1;

/**
 * pidlist_array_load(): every live task of the cgroup (css_task_iter over
 * its css_sets without CSS_TASK_ITER_PROCS, which skips every dying task),
 * as seen from the reader's pid namespace, sorted; unique process ids for
 * cgroup.procs.
 */
export function cgroupPidlist(cgrp: Cgroup, reader: Task, procs: boolean): number[] {
	const ns = reader.pidNs;
	const out: number[] = [];
	const add = (t: Task): void => {
		const id = procs ? t.tgidIn(ns) : t.pidIn(ns);
		if (id > 0) out.push(id);
	};
	for (const link of cgrp.csetLinks) {
		const cset = link.cset;
		for (const t of cset.tasks) add(t);
		for (const t of cset.mgTasks) add(t);
	}
	out.sort((a, b) => a - b);
	if (!procs) return out;
	let n = 0;
	for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
	out.length = n;
	return out;
}

function formatPidlist(pids: readonly number[]): string {
	let s = "";
	for (const p of pids) s += `${p}\n`;
	return s;
}

// ------------------------------------------------------------- attach

/**
 * cgroup_procs_write_start(): parse the pid, find the task in the writer's
 * pid namespace (0 means the writer), and refuse pinned kernel threads.
 */
export function procsWriteStart(buf: string, threadgroup: boolean, current: Task): Task {
	let pid: number;
	try {
		pid = kstrtoint(strstrip(buf), 0);
	} catch {
		throw new KernelError("EINVAL");
	}
	if (pid < 0) throw new KernelError("EINVAL");
	let task = pid === 0 ? current : current.pidNs.findTask(pid);
	if (task === null) throw new KernelError("ESRCH");
	if (threadgroup) task = task.groupLeader;
	if (task.noCgroupMigration || task.flags & PF_NO_SETAFFINITY) throw new KernelError("EINVAL");
	return task;
}

/**
 * The frame of every write to a pid file (__cgroup_procs_write() and
 * __cgroup1_procs_write()): the destination must be live, the pid is
 * parsed and looked up, `permit` applies the hierarchy's rule (throwing
 * its errno), the task moves, and the post_attach callbacks run whatever
 * happened.
 */
export function cgroupProcsWrite(
	core: CgroupCore,
	of: CgroupOpenFile,
	buf: string,
	nbytes: number,
	threadgroup: boolean,
	permit: (task: Task) => void,
): number {
	const cgrp = of.cgroup;
	if (!cgrp.online) throw new KernelError("ENODEV");
	const task = procsWriteStart(buf, threadgroup, of.current);
	try {
		permit(task);
		cgroupAttachTask(core, cgrp, task, threadgroup);
	} finally {
		cgroupPostAttach(core);
	}
	return nbytes;
}

/**
 * __cgroup1_procs_write(): the v1 attach rule. The opener (f_cred) must be
 * root by euid or own the target by uid or suid.
 */
export function cgroup1ProcsWrite(
	core: CgroupCore,
	of: CgroupOpenFile,
	buf: string,
	nbytes: number,
	threadgroup: boolean,
): number {
	return cgroupProcsWrite(core, of, buf, nbytes, threadgroup, (task) => {
		const cred = of.cred;
		const tcred = task.cred;
		if (cred.euid !== 0 && cred.euid !== tcred.uid && cred.euid !== tcred.suid) {
			throw new KernelError("EACCES");
		}
	});
}

// ------------------------------------------------------------ the files

function flagFile(name: string, bit: number): CfType {
	return {
		name,
		readU64: (css) => ((css.cgroup.flags & bit) !== 0 ? 1 : 0),
		writeU64: (css, value) => {
			if (value !== 0n) css.cgroup.flags |= bit;
			else css.cgroup.flags &= ~bit;
		},
	};
}

/** `cgroup.procs` (threadgroup) or `tasks`: a pid list to read, one pid to write. */
function pidlistFile(core: CgroupCore, name: string, threadgroup: boolean): CfType {
	return {
		name,
		seqShow: (of) => formatPidlist(cgroupPidlist(of.cgroup, of.current, threadgroup)),
		write: (of, buf, nbytes) => cgroup1ProcsWrite(core, of, buf, nbytes, threadgroup),
		private: threadgroup ? PIDLIST_PROCS : PIDLIST_TASKS,
	};
}

/** cgroup1_base_files[], in the kernel's order (it fixes inode numbers). */
export function cgroup1BaseFiles(core: CgroupCore): CfType[] {
	return [
		pidlistFile(core, "cgroup.procs", true),
		flagFile("cgroup.clone_children", CGRP_CPUSET_CLONE_CHILDREN),
		{
			name: "cgroup.sane_behavior",
			flags: CFTYPE_ONLY_ON_ROOT,
			seqShow: () => "0\n",
		},
		pidlistFile(core, "tasks", false),
		flagFile("notify_on_release", CGRP_NOTIFY_ON_RELEASE),
		{
			name: "release_agent",
			flags: CFTYPE_ONLY_ON_ROOT,
			maxWriteLen: PATH_MAX - 1,
			seqShow: (of) => `${of.cgroup.root.releaseAgentPath}\n`,
			write: (of, buf, nbytes) => {
				if (!of.cred.capable(CAP_SYS_ADMIN)) throw new KernelError("EPERM");
				if (!of.cgroup.online) throw new KernelError("ENODEV");
				of.cgroup.root.releaseAgentPath = strstrip(buf).slice(0, PATH_MAX - 1);
				return nbytes;
			},
		},
	];
}
