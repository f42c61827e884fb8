/**
 * The CPU scheduler model (kernel/sched/core.c and fair.c, as a fluid
 * model). Filled in by the scheduler work; the API other subsystems use:
 * - setBusy(task, busy): the task's program starts or stops a CPU-bound load.
 * - taskChanged(task): something that decides whether or where the task can
 *   run changed (frozen, stopped, exiting, cpus allowed, cgroup).
 */
import type { Kernel } from "../kernel.ts";
import type { Task } from "../task.ts";

export class CpuScheduler {
	readonly kernel: Kernel;
	/** Tasks whose program is CPU-bound. */
	readonly busy = new Set<Task>();
	/** Something changed since rates were last computed. */
	dirty = true;

	constructor(kernel: Kernel) {
		this.kernel = kernel;
	}

	setBusy(task: Task, busy: boolean): void {
		if (task.se.busy === busy) return;
		task.se.busy = busy;
		if (busy) this.busy.add(task);
		else this.busy.delete(task);
		this.dirty = true;
	}

	taskChanged(_task: Task): void {
		this.dirty = true;
	}
}
