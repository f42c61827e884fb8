/**
 * The cgroup2 pressure files (cgroup_psi_files[] of kernel/cgroup/cgroup.c),
 * in every cgroup of the default hierarchy, the root included (whose group
 * is the system's, /proc/pressure's):
 *
 * - io.pressure, memory.pressure, cpu.pressure: psi_show() of the cgroup's
 *   group; a write registers a trigger (pressure_write(): one per open
 *   file, EBUSY for a second; psi_trigger_create()'s EINVALs), dropped when
 *   the file is closed. irq.pressure needs CONFIG_IRQ_TIME_ACCOUNTING, which
 *   the reference host lacks.
 * - cgroup.pressure: "1" or "0"; writing 0 stops the group's accounting and
 *   hides the three files (cgroup_file_show()), 1 shows them and restarts
 *   it. kstrtoint() errors, ERANGE outside 0..1.
 *
 * Hiding is kernfs_show(): the core asks `shown(cgrp)` of a file with that
 * member when it lists or looks up the cgroup's files; a file opened before
 * it was hidden fails with ENODEV from then on.
 */
import { CAP_SYS_RESOURCE } from "../cred.ts";
import { KernelError } from "../errno.ts";
import { kstrtoint, strstrip } from "../kstrto.ts";
import {
	PSI_CPU,
	PSI_IO,
	PSI_MEM,
	PSI_RES_NAMES,
	type PsiRes,
	type PsiTrigger,
} from "../sched/psi.ts";
import type { CfType, CgroupOpenFile } from "./cftype.ts";
import type { Cgroup } from "./cgroup.ts";
import type { CgroupCore } from "./core.ts";

/** An open pressure file: the group's drain count at open, and its trigger (ctx->psi.trigger). */
class PressureOpenFile {
	readonly drains: number;
	trigger: PsiTrigger | null = null;

	constructor(drains: number) {
		this.drains = drains;
	}
}

/** cgroup_psi_files[]: io, memory and cpu pressure, then cgroup.pressure. */
export function psiCftypes(core: CgroupCore): CfType[] {
	const psi = core.kernel.psi;
	const shown = (cgrp: Cgroup): boolean => psi.groupOf(cgrp).enabled;

	const pressureFile = (res: PsiRes): CfType => {
		const name = `${PSI_RES_NAMES[res]}.pressure`;
		/**
		 * kernfs_get_active(): a hidden node is deactivated, and hiding it
		 * released the files open on it for good.
		 */
		const ctx = (of: CgroupOpenFile): PressureOpenFile => {
			const g = psi.groupOf(of.cgroup);
			const priv = of.priv;
			if (!g.enabled || !(priv instanceof PressureOpenFile) || priv.drains !== g.drains)
				throw new KernelError("ENODEV");
			return priv;
		};
		return {
			name,
			shown,
			open(of) {
				of.priv = new PressureOpenFile(psi.groupOf(of.cgroup).drains);
			},
			seqShow(of) {
				ctx(of);
				return psi.show(psi.groupOf(of.cgroup), res);
			},
			/** pressure_write(). */
			write(of, buf, nbytes) {
				const file = ctx(of);
				if (!of.cgroup.online) throw new KernelError("ENODEV");
				if (file.trigger !== null) throw new KernelError("EBUSY");
				const cgrp = of.cgroup;
				file.trigger = psi.triggerCreate(
					psi.groupOf(cgrp),
					buf,
					res,
					of.cred.capable(CAP_SYS_RESOURCE),
					() => core.fileNotify(cgrp, name),
				);
				return nbytes;
			},
			/** cgroup_pressure_release(). */
			release(of) {
				const priv = of.priv;
				if (priv instanceof PressureOpenFile && priv.trigger !== null) {
					psi.triggerDestroy(priv.trigger);
					priv.trigger = null;
				}
			},
		};
	};

	return [
		pressureFile(PSI_IO),
		pressureFile(PSI_MEM),
		pressureFile(PSI_CPU),
		{
			name: "cgroup.pressure",
			/** cgroup_pressure_show(). */
			seqShow(of) {
				return `${psi.groupOf(of.cgroup).enabled ? 1 : 0}\n`;
			},
			/** cgroup_pressure_write(). */
			write(of, buf, nbytes) {
				const enable = kstrtoint(strstrip(buf), 0);
				if (enable < 0 || enable > 1) throw new KernelError("ERANGE");
				if (!of.cgroup.online) throw new KernelError("ENOENT");
				psi.setEnabled(psi.groupOf(of.cgroup), enable === 1);
				return nbytes;
			},
		},
	];
}
