/**
 * pthread_create(): a new thread of the calling process (clone() with the
 * flags glibc's create_thread() passes that the kernel models), running
 * `start` on the userland scheduler. A start routine that returns ends its
 * thread only (pthread_exit() is exit(), not exit_group()).
 */
import {
	CLONE_FILES,
	CLONE_FS,
	CLONE_SIGHAND,
	CLONE_SYSVSEM,
	CLONE_THREAD,
	CLONE_VM,
} from "../../kernel/fork.ts";
import { Sys } from "./sys.ts";
import { GONE, type Run } from "./types.ts";

const PTHREAD_CLONE_FLAGS =
	CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;

/** Start a thread running `start`; returns its thread id as the caller's pid namespace sees it. */
export function pthreadCreate(sys: Sys, start: (thread: Sys) => Run<void>): number {
	const t = sys.kernel.fork(sys.task, { flags: PTHREAD_CLONE_FLAGS });
	const thread = new Sys(sys.system, t);
	sys.system.sched.spawn(t, threadMain(thread, start));
	return t.pidIn(sys.task.pidNs);
}

function* threadMain(thread: Sys, start: (thread: Sys) => Run<void>): Run<number> {
	yield* start(thread);
	thread.kernel.exit(thread.task, 0);
	yield GONE;
	throw new Error("unreachable: an exited thread ran on");
}
