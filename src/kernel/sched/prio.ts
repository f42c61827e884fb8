/**
 * Task priorities (kernel/sched/core.c): nice values and their load
 * weights, and setpriority(PRIO_PROCESS) on one thread.
 */
import { CAP_SYS_NICE } from "../cred.ts";
import { KernelError } from "../errno.ts";
import type { Task } from "../task.ts";

/** MIN_NICE, MAX_NICE. */
export const MIN_NICE = -20;
export const MAX_NICE = 19;

/** sched_prio_to_weight[]: the load weight of nice -20 .. 19. */
export const SCHED_PRIO_TO_WEIGHT: readonly number[] = [
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904,
	3906, 3121, 2501, 1991, 1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87,
	70, 56, 45, 36, 29, 23, 18, 15,
];

/** set_user_nice(): the nice value and the load weight that follows from it. */
export function setUserNice(task: Task, nice: number): void {
	task.nice = nice;
	task.se.weight = SCHED_PRIO_TO_WEIGHT[nice - MIN_NICE]!;
}

/**
 * set_one_prio() for setpriority(PRIO_PROCESS, who, niceval) by `caller`:
 * the value is clamped to MIN_NICE..MAX_NICE; changing another user's task
 * is EPERM, raising the priority without CAP_SYS_NICE is EACCES.
 */
export function setOnePrio(caller: Task, p: Task, niceval: number): void {
	const nice = Math.min(MAX_NICE, Math.max(MIN_NICE, niceval));
	const c = caller.cred;
	const t = p.cred;
	if (t.uid !== c.euid && t.euid !== c.euid && !c.capable(CAP_SYS_NICE)) {
		throw new KernelError("EPERM");
	}
	// can_nice(): lowering nice needs CAP_SYS_NICE (RLIMIT_NICE is 0).
	if (nice < p.nice && !c.capable(CAP_SYS_NICE)) throw new KernelError("EACCES");
	setUserNice(p, nice);
}
