/**
 * cgroup2 controller distribution (kernel/cgroup/cgroup.c): which cgroups
 * have a css of each controller, cgroup.subtree_control writes, threaded
 * mode, and the no-internal-process rules.
 *
 * A change follows the kernel's steps: cgroup_save_control() keeps the old
 * masks, the new subtree_control is propagated down (cgroup_propagate_control),
 * cgroup_apply_control_enable() creates and shows the csses that are now
 * needed, cgroup_update_dfl_csses() migrates every css_set of the subtree to
 * its new effective csses, and cgroup_finalize_control() restores the old
 * masks on failure, then kills the csses no longer needed and hides (and
 * resets) those only a dependency keeps.
 */
import type { Cred } from "../cred.ts";
import { KernelError } from "../errno.ts";
import { strstrip } from "../kstrto.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";
import { MigrateContext } from "./migrate.ts";

// ------------------------------------------------------------ types

/** cgroup_is_mixable(): only the root may mix tasks and threaded children. */
export function isMixable(cgrp: Cgroup): boolean {
	return cgrp.parent === null;
}

/** cgroup_is_valid_domain(): can host domain resources. */
export function isValidDomain(core: CgroupCore, cgrp: Cgroup): boolean {
	if (cgrp.threaded) return false;
	for (let c = cgrp.parent; c !== null; c = c.parent) {
		if (!isMixable(c) && isThreadRoot(core, c)) return false;
		if (c.threaded) return false;
	}
	return true;
}

/** cgroup_is_thread_root(). */
export function isThreadRoot(core: CgroupCore, cgrp: Cgroup): boolean {
	if (cgrp.threaded) return false;
	if (cgrp.nrThreadedChildren > 0) return true;
	return cgrp.hasTasks && (cgrp.subtreeControl & core.dflThreadedSsMask) !== 0;
}

/** cgroup_can_be_thread_root(). */
export function canBeThreadRoot(core: CgroupCore, cgrp: Cgroup): boolean {
	if (isMixable(cgrp)) return true;
	if (cgrp.threaded) return false;
	if (cgrp.nrPopulatedDomainChildren > 0) return false;
	return (cgrp.subtreeControl & ~core.dflThreadedSsMask) === 0;
}

/** cgroup_type_show(). */
export function cgroupTypeName(core: CgroupCore, cgrp: Cgroup): string {
	if (cgrp.threaded) return "threaded";
	if (!isValidDomain(core, cgrp)) return "domain invalid";
	if (isThreadRoot(core, cgrp)) return "domain threaded";
	return "domain";
}

/** cgroup_migrate_vet_dst(): may tasks be moved into `dst`? */
export function migrateVetDst(core: CgroupCore, dst: Cgroup): void {
	if (!dst.root.isDfl) return;
	if (!isValidDomain(core, dst.domCgrp)) throw new KernelError("EOPNOTSUPP");
	if (isMixable(dst)) return;
	if (canBeThreadRoot(core, dst) || dst.threaded) return;
	// The no-internal-process constraint.
	if (dst.subtreeControl) throw new KernelError("EBUSY");
}

/** cgroup_vet_subtree_control_enable(). */
function vetSubtreeControlEnable(core: CgroupCore, cgrp: Cgroup, enable: number): void {
	if (!enable) return;
	if (!isValidDomain(core, cgrp.domCgrp)) throw new KernelError("EOPNOTSUPP");
	if (isMixable(cgrp)) return;
	if (enable & ~core.dflThreadedSsMask) {
		// No domain controllers inside a thread subtree.
		if (isThreadRoot(core, cgrp) || cgrp.threaded) throw new KernelError("EOPNOTSUPP");
	} else if (canBeThreadRoot(core, cgrp) || cgrp.threaded) {
		// Threaded controllers handle internal competition: a cgroup with
		// processes may enable them and becomes a thread root.
		return;
	}
	if (cgrp.hasTasks) throw new KernelError("EBUSY");
}

// ---------------------------------------------------- applying control

/** cgroup_save_control(). */
function saveControl(cgrp: Cgroup): void {
	for (const d of cgrp.descendantsPre()) {
		d.oldSubtreeControl = d.subtreeControl;
		d.oldSubtreeSsMask = d.subtreeSsMask;
		d.oldDomCgrp = d.domCgrp;
	}
}

/** cgroup_restore_control(). */
function restoreControl(cgrp: Cgroup): void {
	for (const d of cgrp.descendantsPost()) {
		d.subtreeControl = d.oldSubtreeControl;
		d.subtreeSsMask = d.oldSubtreeSsMask;
		d.domCgrp = d.oldDomCgrp;
	}
}

/** cgroup_apply_control_enable(): create and show the csses the masks now ask for. */
function applyControlEnable(core: CgroupCore, cgrp: Cgroup, cred: Cred): void {
	for (const d of cgrp.descendantsPre()) {
		const mask = core.cgroupSsMask(d);
		for (const ss of core.subsys) {
			if (!(mask & ss.mask)) continue;
			let css = d.subsys(ss.id);
			if (css === null) css = core.createCss(d, ss);
			core.populateIfVisible(css, cred);
		}
	}
}

/** cgroup_apply_control_disable(): kill unneeded csses, hide and reset invisible ones. */
function applyControlDisable(core: CgroupCore, cgrp: Cgroup): void {
	for (const d of cgrp.descendantsPost()) {
		const mask = core.cgroupSsMask(d);
		for (const ss of core.subsys) {
			const css = d.subsys(ss.id);
			if (css === null) continue;
			if (css.parent !== null && !(mask & ss.mask)) core.killCss(css);
			else if (!core.cssVisible(css)) {
				core.clearDir(css);
				ss.ops.cssReset?.(css);
			}
		}
	}
}

/** cgroup_update_dfl_csses(): move every css_set of the subtree to its new effective csses. */
function updateDflCsses(core: CgroupCore, cgrp: Cgroup): void {
	core.kernel.sched.sync();
	const mg = new MigrateContext(core);
	try {
		for (const d of cgrp.descendantsPre()) {
			for (const link of [...d.csetLinks]) mg.addSrc(link.cset, d);
		}
		mg.prepareDst();
		mg.addAllTasks();
		mg.execute();
	} finally {
		mg.finish();
	}
}

/** cgroup_apply_control(). */
function applyControl(core: CgroupCore, cgrp: Cgroup, cred: Cred): void {
	core.propagateControl(cgrp);
	applyControlEnable(core, cgrp, cred);
	updateDflCsses(core, cgrp);
}

/** cgroup_finalize_control(). */
function finalizeControl(core: CgroupCore, cgrp: Cgroup, failed: boolean): void {
	if (failed) {
		restoreControl(cgrp);
		core.propagateControl(cgrp);
	}
	applyControlDisable(core, cgrp);
}

/** Save, change, apply, finalize: the transaction every control change runs. */
function changeControl(core: CgroupCore, cgrp: Cgroup, cred: Cred, change: () => void): void {
	saveControl(cgrp);
	change();
	try {
		applyControl(core, cgrp, cred);
	} catch (e) {
		finalizeControl(core, cgrp, true);
		throw e;
	}
	finalizeControl(core, cgrp, false);
}

// ------------------------------------------------------ the writes

/** cgroup_print_ss_mask(): names separated by spaces, a newline only when any. */
export function printSsMask(core: CgroupCore, mask: number): string {
	const names: string[] = [];
	for (const ss of core.subsys) if (mask & ss.mask) names.push(ss.name);
	return names.length > 0 ? `${names.join(" ")}\n` : "";
}

/** cgroup_subtree_control_write(). */
export function subtreeControlWrite(core: CgroupCore, cgrp: Cgroup, buf: string, cred: Cred): void {
	let enable = 0;
	let disable = 0;
	for (const tok of strstrip(buf).split(" ")) {
		if (tok === "") continue;
		const ss = core.subsys.find(
			(s) => !(s.mask & core.dflInhibitSsMask) && s.enabled && s.name === tok.slice(1),
		);
		if (ss === undefined) throw new KernelError("EINVAL");
		if (tok[0] === "+") {
			enable |= ss.mask;
			disable &= ~ss.mask;
		} else if (tok[0] === "-") {
			disable |= ss.mask;
			enable &= ~ss.mask;
		} else throw new KernelError("EINVAL");
	}
	if (!cgrp.online) throw new KernelError("ENODEV");
	for (const ss of core.subsys) {
		if (enable & ss.mask) {
			if (cgrp.subtreeControl & ss.mask) {
				enable &= ~ss.mask;
				continue;
			}
			if (!(core.cgroupControl(cgrp) & ss.mask)) throw new KernelError("ENOENT");
		} else if (disable & ss.mask) {
			if (!(cgrp.subtreeControl & ss.mask)) {
				disable &= ~ss.mask;
				continue;
			}
			for (const child of cgrp.children.values()) {
				if (child.subtreeControl & ss.mask) throw new KernelError("EBUSY");
			}
		}
	}
	if (!enable && !disable) return;
	vetSubtreeControlEnable(core, cgrp, enable);
	changeControl(core, cgrp, cred, () => {
		cgrp.subtreeControl = (cgrp.subtreeControl | enable) & ~disable;
	});
}

/** cgroup_enable_threaded(): a write of "threaded" to cgroup.type. */
export function enableThreaded(core: CgroupCore, cgrp: Cgroup, cred: Cred): void {
	const parent = cgrp.parent!;
	const domCgrp = parent.domCgrp;
	if (cgrp.threaded) return;
	if (cgrp.isPopulated() || cgrp.subtreeControl & ~core.dflThreadedSsMask) {
		throw new KernelError("EOPNOTSUPP");
	}
	if (!isValidDomain(core, domCgrp) || !canBeThreadRoot(core, domCgrp)) {
		throw new KernelError("EOPNOTSUPP");
	}
	changeControl(core, cgrp, cred, () => {
		for (const d of cgrp.descendantsPre()) if (d === cgrp || d.threaded) d.domCgrp = domCgrp;
	});
	parent.nrThreadedChildren++;
}

/** cgroup_type_write(). */
export function cgroupTypeWrite(core: CgroupCore, cgrp: Cgroup, buf: string, cred: Cred): void {
	if (strstrip(buf) !== "threaded") throw new KernelError("EINVAL");
	if (!cgrp.online) throw new KernelError("ENOENT");
	enableThreaded(core, cgrp, cred);
}
