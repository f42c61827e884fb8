/**
 * cgkit tree: every mounted cgroup hierarchy of an emulated host as a tree,
 * with the tasks of each cgroup and the css_sets linking them, then the
 * css_sets themselves (task -> css_set -> cgrp_cset_link -> cgroup).
 */
import { CgroupSuperBlock } from "../fs/cgroupfs.ts";
import type { Cgroup } from "../kernel/cgroup/cgroup.ts";
import { cgroupPidlist } from "../kernel/cgroup/cgroup-v1.ts";
import type { CssSet } from "../kernel/cgroup/css-set.ts";
import { rootControllerList } from "../kernel/cgroup/proc.ts";
import type { CgroupRoot } from "../kernel/cgroup/root.ts";
import type { Host } from "../userland/boot.ts";

function hierarchyLabel(host: Host, root: CgroupRoot): string {
	if (root.isDfl) return `cgroup2 (hierarchy 0)`;
	const list = rootControllerList(host.kernel.cgroup, root);
	return `${list} (hierarchy ${root.hierarchyId}, cgroup v1)`;
}

function csetsOf(cgrp: Cgroup): CssSet[] {
	return [...cgrp.csetLinks].map((l) => l.cset);
}

function cgroupLine(host: Host, cgrp: Cgroup, label: string, width: number): string {
	const tids = cgroupPidlist(cgrp, host.init, false);
	const csets = csetsOf(cgrp).filter((c) => c.refcount > 0);
	const tasks = tids.length === 0 ? "-" : tids.join(" ");
	const sets = csets.length === 0 ? "-" : csets.map((c) => `#${c.id}`).join(" ");
	return `${label.padEnd(width)}  tasks: ${tasks}  css_sets: ${sets}`;
}

function walk(host: Host, cgrp: Cgroup, prefix: string, out: string[], width: number): void {
	const children = [...cgrp.children.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
	children.forEach((child, i) => {
		const last = i === children.length - 1;
		const label = `${prefix}${last ? "└── " : "├── "}${child.name}`;
		out.push(cgroupLine(host, child, label, width));
		walk(host, child, `${prefix}${last ? "    " : "│   "}`, out, width);
	});
}

function labelWidth(cgrp: Cgroup, depth: number): number {
	let w = depth * 4 + cgrp.name.length;
	for (const c of cgrp.children.values()) w = Math.max(w, labelWidth(c, depth + 1));
	return Math.max(w, 1);
}

export function formatTree(host: Host): string {
	const { vfs, kernel, init } = host;
	const out: string[] = [];
	const roots: CgroupRoot[] = [];
	const mountpoints = new Map<CgroupRoot, string[]>();
	for (const mnt of vfs.visibleMounts(init)) {
		if (!(mnt.sb instanceof CgroupSuperBlock)) continue;
		const root = mnt.sb.cgroupRoot;
		const where = vfs.pathOf({ mnt, inode: mnt.root }, vfs.resolve(init, "/")) ?? "?";
		if (!mountpoints.has(root)) {
			roots.push(root);
			mountpoints.set(root, []);
		}
		mountpoints.get(root)!.push(where);
	}
	if (roots.length === 0) out.push("no cgroup hierarchy is mounted");
	for (const root of roots) {
		out.push(`${hierarchyLabel(host, root)} on ${mountpoints.get(root)!.join(", ")}`);
		const width = labelWidth(root.cgrp, 0) + 4;
		out.push(cgroupLine(host, root.cgrp, "/", width));
		walk(host, root.cgrp, "", out, width);
		out.push("");
	}
	const csets = [...kernel.cgroup.cssSetTable.values()]
		.filter((c) => c.refcount > 0)
		.sort((a, b) => a.id - b.id);
	out.push(`css_sets: ${csets.length}`);
	for (const cset of csets) {
		const tids = [...cset.tasks].map((t) => t.pidIn(init.pidNs)).sort((a, b) => a - b);
		out.push(
			`#${cset.id}  refcount ${cset.refcount}  tasks: ${tids.length === 0 ? "-" : tids.join(" ")}`,
		);
		const links = cset.cgrpLinks.map((l) => {
			const list = rootControllerList(kernel.cgroup, l.cgrp.root);
			return `${l.cgrp.root.hierarchyId}:${list}:${l.cgrp.path()}`;
		});
		out.push(`    ${links.join("  ")}`);
	}
	return `${out.join("\n")}\n`;
}
