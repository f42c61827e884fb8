/**
 * get_task_state() of fs/proc/array.c: the state letter and word that
 * /proc/<pid>/stat and status (and so ps) show for a task.
 */
import {
	EXIT_DEAD,
	EXIT_ZOMBIE,
	PF_EXITING,
	TASK_IDLE,
	TASK_INTERRUPTIBLE,
	TASK_PARKED,
	TASK_STOPPED,
	TASK_TRACED,
	TASK_UNINTERRUPTIBLE,
	type Task,
} from "./task.ts";

/** get_task_state(): the letter and word /proc shows. */
export function taskStateText(t: Task): string {
	// In the refrigerator (TASK_FROZEN, whatever state it froze in) it shows as
	// TASK_UNINTERRUPTIBLE (__task_state_index()).
	if (t.frozen) return "D (disk sleep)";
	if ((t.state & TASK_IDLE) === TASK_IDLE) return "I (idle)";
	const s = (t.state | t.exitState) & 0x7f;
	if (s & TASK_PARKED) return "P (parked)";
	if (s & EXIT_ZOMBIE) return "Z (zombie)";
	if (s & EXIT_DEAD) return "X (dead)";
	if (s & TASK_TRACED) return "t (tracing stop)";
	if (s & TASK_STOPPED) return "T (stopped)";
	// In the cgroup2 freezer trap it sleeps interruptibly (do_freezer_trap()).
	if (t.cgFrozen) return "S (sleeping)";
	// A CPU-bound program (busy in the CPU model) is TASK_RUNNING, on a CPU or queued for one.
	if (t.se.busy && (t.flags & PF_EXITING) === 0) return "R (running)";
	if (s & TASK_UNINTERRUPTIBLE) return "D (disk sleep)";
	if (s & TASK_INTERRUPTIBLE) return "S (sleeping)";
	return "R (running)";
}
