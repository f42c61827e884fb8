/**
 * cgroup_base_files[] (kernel/cgroup/cgroup.c): the cgroup2 core interface
 * files every cgroup has, in the kernel's order (it fixes inode numbers).
 */
import { KernelError } from "../errno.ts";
import { kstrtoint, strstrip } from "../kstrto.ts";
import { PF_KTHREAD } from "../task.ts";
import type { CfType, CgroupOpenFile } from "./cftype.ts";
import type { Cgroup } from "./cgroup.ts";
import { psiCftypes } from "./cgroup-psi.ts";
import { cgroupTypeName, cgroupTypeWrite, printSsMask, subtreeControlWrite } from "./control.ts";
import type { CgroupCore } from "./core.ts";
import {
	CFTYPE_NOT_ON_ROOT,
	CFTYPE_NS_DELEGATABLE,
	CGRP_FROZEN,
	CGRP_KILL,
	INT_MAX,
} from "./defs.ts";
import { cgroupFreeze, cgroupFrozenUsec } from "./freezer-v2.ts";
import { cssTaskIter, procsShow, procsWrite } from "./procs-v2.ts";
import { cgroupBaseStat } from "./rstat.ts";

/** A live cgroup for a write (cgroup_kn_lock_live()), ENOENT once removed. */
function live(of: CgroupOpenFile): Cgroup {
	if (!of.cgroup.online) throw new KernelError("ENOENT");
	return of.cgroup;
}

/** kstrtoint(strstrip(buf), 0) with kstrto*'s errnos. */
function parseInt0(buf: string): number {
	return kstrtoint(strstrip(buf), 0);
}

/** cgroup.max.descendants / cgroup.max.depth: "max" or a non-negative int. */
function limitFile(name: string, key: "maxDescendants" | "maxDepth"): CfType {
	return {
		name,
		seqShow: (of) => {
			const v = of.cgroup[key];
			return v === INT_MAX ? "max\n" : `${v}\n`;
		},
		write: (of, buf, nbytes) => {
			const s = strstrip(buf);
			const v = s === "max" ? INT_MAX : kstrtoint(s, 0);
			if (v < 0) throw new KernelError("ERANGE");
			live(of)[key] = v;
			return nbytes;
		},
	};
}

/** cgroup_stat_show(). */
function statShow(core: CgroupCore, cgrp: Cgroup): string {
	let s = `nr_descendants ${cgrp.nrDescendants}\n`;
	const shown = core.subsys.filter(
		(ss) => !(ss.mask & core.dflInhibitSsMask) && ss.root === core.dflRoot,
	);
	for (const ss of shown) {
		const css = cgrp.subsys(ss.id);
		s += `nr_subsys_${ss.name} ${css === null ? 0 : css.nrDescendants + 1}\n`;
	}
	s += `nr_dying_descendants ${cgrp.nrDyingDescendants}\n`;
	for (const ss of shown) s += `nr_dying_subsys_${ss.name} ${cgrp.nrDyingSubsys[ss.id] ?? 0}\n`;
	return s;
}

/**
 * cgroup_kill(): SIGKILL to every live thread of the subtree (__cgroup_kill()
 * iterates threads, not processes, so a process whose leader has exited is
 * reached through its threads), skipping those already dying.
 */
function cgroupKill(core: CgroupCore, cgrp: Cgroup): void {
	for (const d of cgrp.descendantsPre()) {
		d.flags |= CGRP_KILL;
		for (const t of cssTaskIter(d, false, true)) {
			if (t.flags & PF_KTHREAD || t.signal.groupExit) continue;
			core.kernel.sendSignal(t, 9);
		}
		d.flags &= ~CGRP_KILL;
	}
}

const usec = (ns: number): number => Math.floor(ns / 1000);

/** cgroup_base_files[] plus the pressure files. */
export function cgroup2BaseFiles(core: CgroupCore): CfType[] {
	return [
		{
			name: "cgroup.type",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => `${cgroupTypeName(core, of.cgroup)}\n`,
			write: (of, buf, nbytes) => {
				cgroupTypeWrite(core, of.cgroup, buf, of.cred);
				return nbytes;
			},
		},
		{
			name: "cgroup.procs",
			flags: CFTYPE_NS_DELEGATABLE,
			seqShow: (of) => procsShow(of, true),
			write: (of, buf, nbytes) => procsWrite(core, of, buf, nbytes, true),
		},
		{
			name: "cgroup.threads",
			flags: CFTYPE_NS_DELEGATABLE,
			seqShow: (of) => procsShow(of, false),
			write: (of, buf, nbytes) => procsWrite(core, of, buf, nbytes, false),
		},
		{
			name: "cgroup.controllers",
			seqShow: (of) => printSsMask(core, core.cgroupControl(of.cgroup)),
		},
		{
			name: "cgroup.subtree_control",
			flags: CFTYPE_NS_DELEGATABLE,
			seqShow: (of) => printSsMask(core, of.cgroup.subtreeControl),
			write: (of, buf, nbytes) => {
				subtreeControlWrite(core, of.cgroup, buf, of.cred);
				return nbytes;
			},
		},
		{
			name: "cgroup.events",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) =>
				`populated ${of.cgroup.isPopulated() ? 1 : 0}\nfrozen ${of.cgroup.flags & CGRP_FROZEN ? 1 : 0}\n`,
		},
		limitFile("cgroup.max.descendants", "maxDescendants"),
		limitFile("cgroup.max.depth", "maxDepth"),
		{ name: "cgroup.stat", seqShow: (of) => statShow(core, of.cgroup) },
		{
			name: "cgroup.stat.local",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => `frozen_usec ${cgroupFrozenUsec(core, of.cgroup)}\n`,
		},
		{
			name: "cgroup.freeze",
			flags: CFTYPE_NOT_ON_ROOT,
			seqShow: (of) => (of.cgroup.freezer.freeze ? "1\n" : "0\n"),
			write: (of, buf, nbytes) => {
				const v = parseInt0(buf);
				if (v < 0 || v > 1) throw new KernelError("ERANGE");
				cgroupFreeze(core, live(of), v === 1);
				return nbytes;
			},
		},
		{
			name: "cgroup.kill",
			flags: CFTYPE_NOT_ON_ROOT,
			write: (of, buf, nbytes) => {
				if (parseInt0(buf) !== 1) throw new KernelError("ERANGE");
				const cgrp = live(of);
				// Threaded cgroups can't be killed.
				if (cgrp.threaded) throw new KernelError("EOPNOTSUPP");
				cgroupKill(core, cgrp);
				return nbytes;
			},
		},
		{
			name: "cpu.stat",
			seqShow: (of) => {
				// CPU time run so far is charged before it is read.
				core.kernel.sched.sync();
				const st = cgroupBaseStat(core, of.cgroup);
				let s = `usage_usec ${usec(st.usage)}\nuser_usec ${usec(st.user)}\nsystem_usec ${usec(st.system)}\nnice_usec ${usec(st.nice)}\n`;
				for (const ss of core.subsys) {
					const css = of.cgroup.subsys(ss.id);
					if (css !== null && ss.ops.cssExtraStatShow) s += ss.ops.cssExtraStatShow(css);
				}
				return s;
			},
		},
		{
			name: "cpu.stat.local",
			seqShow: (of) => {
				let s = "";
				for (const ss of core.subsys) {
					const css = of.cgroup.subsys(ss.id);
					if (css !== null && ss.ops.cssLocalStatShow) s += ss.ops.cssLocalStatShow(css);
				}
				return s;
			},
		},
		...psiCftypes(core),
	];
}
