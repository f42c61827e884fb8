/**
 * /proc/pressure/{cpu,io,memory} (psi_proc_init() and the proc_ops of
 * kernel/sched/psi.c): the system-wide pressure, psi_system, which is the
 * default hierarchy's root cgroup's group. Files are 0666 in a 0555
 * directory; "full" of cpu prints zeros (undefined for the whole system).
 * irq needs CONFIG_IRQ_TIME_ACCOUNTING, which the reference host lacks.
 *
 * A write is a trigger (psi_write()): at most 32 bytes are taken, the last
 * of them replaced by the string's end, then psi_trigger_create()'s parsing
 * and checks give their EINVAL; an empty write is EINVAL; the whole write is
 * consumed. procfs has no per-open state for these files, so a valid
 * trigger is checked but not kept: the kernel's EBUSY for a second trigger
 * on one descriptor, and the wakeups of pollers, are not modelled.
 */
import { CAP_SYS_RESOURCE } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { PSI_CPU, PSI_IO, PSI_MEM, type PsiRes, parseTrigger } from "../kernel/sched/psi.ts";
import type { Task } from "../kernel/task.ts";
import { S_IFREG } from "./constants.ts";

/** psi_write()'s buffer: char buf[32]. */
const PSI_WRITE_BUF = 32;

/** A proc file as procfs builds it (its ProcSpec "file"). */
export interface ProcPressureFile {
	readonly kind: "file";
	readonly mode: number;
	show(reader: Task): string;
	write(data: string, reader: Task): void;
}

/** A proc directory as procfs builds it (its ProcSpec "dir"). */
export interface ProcPressureDir {
	readonly kind: "dir";
	list(reader: Task): [string, ProcPressureFile][];
	find(name: string, reader: Task): ProcPressureFile | null;
}

/** psi_{cpu,io,memory}_proc_ops. */
function pressureFile(k: Kernel, res: PsiRes): ProcPressureFile {
	return {
		kind: "file",
		mode: S_IFREG | 0o666,
		show: () => k.psi.show(k.psi.system, res),
		write(data, reader) {
			if (data.length === 0) throw new KernelError("EINVAL");
			const size = Math.min(data.length, PSI_WRITE_BUF);
			parseTrigger(data.slice(0, size - 1), res, reader.cred.capable(CAP_SYS_RESOURCE));
		},
	};
}

/** /proc/pressure, its entries in name order (proc_dir_entry's rbtree). */
export function procPressureDir(k: Kernel): ProcPressureDir {
	const entries: [string, ProcPressureFile][] = [
		["cpu", pressureFile(k, PSI_CPU)],
		["io", pressureFile(k, PSI_IO)],
		["memory", pressureFile(k, PSI_MEM)],
	];
	return {
		kind: "dir",
		list: () => entries,
		find: (name) => entries.find(([n]) => n === name)?.[1] ?? null,
	};
}
