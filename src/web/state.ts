/**
 * The emulated host's cgroup state as the page is sent it (protocol.ts's
 * StateWire), read from the kernel's own structures: every hierarchy
 * (the default one and each v1 root) with its cgroup tree, the css_sets
 * with their cgrp_cset_links, and the tasks. Values are read through the
 * cgroup files' own show handlers, as a read(2) of them would give them.
 */

import { CgroupSuperBlock } from "../fs/cgroupfs.ts";
import { FsStruct } from "../fs/file.ts";
import type { Vfs } from "../fs/vfs.ts";
import type { Cgroup } from "../kernel/cgroup/cgroup.ts";
import { cgroupFileOpen, cgroupFileRelease, cgroupSeqShow } from "../kernel/cgroup/file.ts";
import { rootControllerList } from "../kernel/cgroup/proc.ts";
import type { CgroupRoot } from "../kernel/cgroup/root.ts";
import type { Kernel } from "../kernel/kernel.ts";
import type { Task } from "../kernel/task.ts";
import type { CgroupWire, CssSetWire, HierarchyWire, StateWire } from "./protocol.ts";

/** The files whose values a cgroup row shows, in this order (only those the cgroup has). */
export const SHOWN_FILES = [
	"cpuset.cpus",
	"cpuset.mems",
	"memory.usage_in_bytes",
	"memory.limit_in_bytes",
	"memory.current",
	"memory.max",
	"pids.current",
	"pids.max",
	"freezer.state",
	"cgroup.freeze",
] as const;

/** A cgroup's id on the page: its hierarchy id and its path. */
export function cgroupId(cgrp: Cgroup): string {
	return `${cgrp.root.hierarchyId}:${cgrp.path()}`;
}

/** The file's content as init reads it, without its trailing newline; null when unreadable. */
export function readCgroupValue(k: Kernel, cgrp: Cgroup, name: string): string | null {
	const file = cgrp.file(name);
	if (file === undefined) return null;
	try {
		const of = cgroupFileOpen(file, k.init.cred, k.init);
		try {
			return cgroupSeqShow(of).replace(/\n$/, "");
		} finally {
			cgroupFileRelease(of);
		}
	} catch {
		return null;
	}
}

/** The hierarchies in /proc/cgroups order: the v1 roots by id, then the default one. */
export function hierarchies(k: Kernel): CgroupRoot[] {
	const core = k.cgroup;
	const v1 = [...core.hierarchyIdr.values()].filter((r) => !r.isDfl && !r.destroyed);
	v1.sort((a, b) => a.hierarchyId - b.hierarchyId);
	return [...v1, core.dflRoot];
}

function cgroupWire(k: Kernel, cgrp: Cgroup): CgroupWire {
	const values: Record<string, string> = {};
	for (const name of SHOWN_FILES) {
		const v = readCgroupValue(k, cgrp, name);
		if (v !== null) values[name] = v;
	}
	const children = [...cgrp.children.values()]
		.filter((c) => c.online)
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map((c) => cgroupWire(k, c));
	return { id: cgroupId(cgrp), path: cgrp.path(), values, children };
}

/** Where each hierarchy is mounted, as init sees the mount table. */
function mountsOf(k: Kernel, vfs: Vfs): Map<CgroupRoot, string[]> {
	const out = new Map<CgroupRoot, string[]>();
	const init = k.init;
	if (!(init.fs instanceof FsStruct)) return out;
	const root = init.fs.root;
	for (const m of vfs.visibleMounts(init)) {
		const sb = m.sb;
		if (!(sb instanceof CgroupSuperBlock)) continue;
		const path = vfs.pathOf({ mnt: m, inode: m.root }, root);
		if (path === null) continue;
		const list = out.get(sb.cgroupRoot) ?? [];
		list.push(path);
		out.set(sb.cgroupRoot, list);
	}
	return out;
}

/** The whole state: hierarchies, css_sets, tasks. `seq` is the last kernel event included. */
export function captureState(k: Kernel, vfs: Vfs, seq: number): StateWire {
	const core = k.cgroup;
	const csets: CssSetWire[] = [];
	const comms = new Map<string, number[]>();
	for (const cset of core.cssSetTable) {
		const pids: number[] = [];
		for (const t of cset.tasks) {
			const task = t as Task;
			pids.push(task.pid);
			const same = comms.get(task.comm);
			if (same === undefined) comms.set(task.comm, [task.pid]);
			else same.push(task.pid);
		}
		pids.sort((a, b) => a - b);
		csets.push({
			id: cset.id,
			refcount: cset.refcount,
			cgroups: cset.cgrpLinks.map((l) => cgroupId(l.cgrp)),
			tasks: pids,
		});
	}
	const mounts = mountsOf(k, vfs);
	const views: HierarchyWire[] = hierarchies(k).map((root) => ({
		id: root.hierarchyId,
		name: root.isDfl ? "" : rootControllerList(core, root),
		controllers: root.isDfl
			? (readCgroupValue(k, root.cgrp, "cgroup.subtree_control") ?? "").split(" ").filter(Boolean)
			: core.subsys.filter((ss) => root.subsysMask & ss.mask).map((ss) => ss.legacyName),
		mounts: mounts.get(root) ?? [],
		root: cgroupWire(k, root.cgrp),
	}));
	const byComm = [...comms]
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.map(([comm, pids]) => [comm, pids.sort((a, b) => a - b)] as const);
	return { seq, timeNs: k.clock.now(), hierarchies: views, csets, comms: byComm };
}
