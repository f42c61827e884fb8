/**
 * struct sched_entity of a task, trimmed to what the CPU model needs: whether
 * the task wants a CPU, where it runs, its load weight, and the CPU time it
 * has had (se.sum_exec_runtime, p->utime, p->stime), in nanoseconds.
 */

/** NICE_0_LOAD, the weight of a nice-0 task (scale_load_down'ed). */
export const NICE_0_LOAD = 1024;

export class SchedEntity {
	/** The task's program keeps a CPU busy (a CPU-bound loop) while it is runnable. */
	busy = false;
	/** task_cpu(): the CPU it last ran on. */
	cpu = 0;
	/** se.load.weight. */
	weight = NICE_0_LOAD;
	/** se.sum_exec_runtime, ns. */
	sumExecRuntime = 0;
	/** p->utime and p->stime, ns. */
	utime = 0;
	stime = 0;
	/** The share of a CPU it gets now (0 when not running); set by the CPU model. */
	rate = 0;
	/** The model's exact (fractional) runtime; sumExecRuntime is its integer part. */
	exact = 0;
}
