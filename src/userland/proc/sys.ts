/**
 * The system-call side of an emulated process: the calls that may sleep or
 * end the process (read, write, wait, sleep, kill, fork, execve, exit) as
 * generators that park on the scheduler, and `vfs`/`kernel` with `task` for
 * everything that completes at once (vfs.mkdir(sys.task, ...)).
 */

import type { FdTable } from "../../fs/file.ts";
import { sysAccept4, sysConnect } from "../../fs/socket.ts";
import type { Vfs } from "../../fs/vfs.ts";
import { KernelError } from "../../kernel/errno.ts";
import { exitStatus } from "../../kernel/exit.ts";
import type { Kernel } from "../../kernel/kernel.ts";
import type { SockAddr } from "../../kernel/net/inet-addr.ts";
import { setOnePrio } from "../../kernel/sched/prio.ts";
import { SIGPIPE } from "../../kernel/signal.ts";
import { PF_EXITING, TASK_STOPPED, TASK_TRACED, type Task, taskFrozen } from "../../kernel/task.ts";
import { type WaitQueue, WouldBlock } from "../../kernel/wait.ts";
import { type ProgramTable, resolveExec } from "./binfmt.ts";
import type { Scheduler } from "./scheduler.ts";
import { GONE, PREEMPT, type ProgramMain, type Run, type WaitYield } from "./types.ts";

/** The parts of the emulated host a process's system calls reach. */
export interface System {
	readonly kernel: Kernel;
	readonly vfs: Vfs;
	readonly sched: Scheduler;
	readonly programs: ProgramTable;
}

export class Sys {
	readonly system: System;
	readonly kernel: Kernel;
	readonly vfs: Vfs;
	readonly task: Task;

	constructor(system: System, task: Task) {
		this.system = system;
		this.kernel = system.kernel;
		this.vfs = system.vfs;
		this.task = task;
	}

	/** getpid() as the process's own pid namespace sees it. */
	get pid(): number {
		return this.task.tgidIn(this.task.pidNs);
	}

	get ppid(): number {
		return this.task.ppidIn(this.task.pidNs);
	}

	get files(): FdTable {
		return this.vfs.files(this.task);
	}

	/** Sleep on `queue` (and/or until `untilNs`); false when a signal cut it short. */
	*sleepOn(queue: WaitQueue | null, untilNs = -1, interruptible = true): Run<boolean> {
		const y: WaitYield = { kind: "wait", queue, untilNs, interruptible };
		yield y;
		yield* this.checkSelf();
		return !(interruptible && this.kernel.signalPending(this.task));
	}

	/**
	 * After anything that may have ended or stopped this process (a signal
	 * to itself, SIGPIPE): never return if it is gone, wait while stopped.
	 */
	*checkSelf(): Run<void> {
		const task = this.task;
		if (task.flags & PF_EXITING) {
			yield GONE;
			throw new Error("unreachable: a dead process ran on");
		}
		while (task.state & (TASK_STOPPED | TASK_TRACED)) yield PREEMPT;
	}

	/**
	 * exit_to_user_mode(): on its way back to user space a task does the
	 * memory.high reclaim its charges left it and sleeps (killable) the
	 * throttling delay it owes, a memory stall for PSI
	 * (mem_cgroup_handle_over_high()); then it stops if it must.
	 */
	*resumeUserMode(): Run<void> {
		const ns = this.kernel.mm.resumeUserModeWork(this.task);
		if (ns > 0) {
			const psi = this.kernel.psi;
			psi.memstallEnter(this.task);
			try {
				yield* this.sleepOn(null, this.kernel.clock.now() + ns, false);
			} finally {
				psi.memstallLeave(this.task);
			}
		}
		yield* this.checkSelf();
	}

	/** __refrigerator(): wait until thawed (the scheduler sets a frozen process aside). */
	*refrigerator(): Run<void> {
		while (taskFrozen(this.task)) yield PREEMPT;
		yield* this.checkSelf();
	}

	/** Give other processes a turn (a CPU-bound stretch ends). */
	*preempt(): Run<void> {
		yield PREEMPT;
		yield* this.checkSelf();
	}

	/** read(2), sleeping while the file has nothing yet; EINTR when a signal arrives. */
	*read(fd: number, count: number): Run<Uint8Array> {
		for (;;) {
			try {
				const data = this.vfs.read(this.task, fd, count);
				yield* this.resumeUserMode();
				return data;
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				if (!(yield* this.sleepOn(e.queue))) throw new KernelError("EINTR");
			}
		}
	}

	/**
	 * write(2) of the whole buffer, sleeping while a pipe is full (pipe_write
	 * loops until everything is written). EPIPE raises SIGPIPE first.
	 */
	*write(fd: number, data: Uint8Array | string): Run<number> {
		let done = 0;
		const total = data.length;
		for (;;) {
			try {
				const chunk = done === 0 ? data : data.slice(done);
				done += this.vfs.write(this.task, fd, chunk);
				// Page cache charged by the write may leave memory.high work.
				yield* this.resumeUserMode();
				// A write that froze the writer (its own freezer.state, or a move into a
				// frozen cgroup): it stops on the way back to user space.
				if (taskFrozen(this.task)) yield* this.refrigerator();
				if (done >= total) return done;
			} catch (e) {
				if (e instanceof WouldBlock) {
					if (!(yield* this.sleepOn(e.queue))) {
						if (done > 0) return done;
						throw new KernelError("EINTR");
					}
					continue;
				}
				if (e instanceof KernelError && e.code === "EPIPE") {
					this.kernel.sendSignal(this.task, SIGPIPE);
					yield* this.checkSelf();
				}
				throw e;
			}
		}
	}

	/** nanosleep(): false when a caught signal ends it early. */
	*sleep(ns: number): Run<boolean> {
		const until = this.kernel.clock.now() + Math.max(0, Math.round(ns));
		while (this.kernel.clock.now() < until) {
			if (!(yield* this.sleepOn(null, until))) return false;
		}
		return true;
	}

	/** wait4(), sleeping unless WNOHANG. */
	*wait4(pid: number, options: number): Run<{ pid: number; status: number } | null> {
		for (;;) {
			try {
				return this.kernel.wait4(this.task, pid, options);
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				if (!(yield* this.sleepOn(e.queue))) throw new KernelError("EINTR");
			}
		}
	}

	/** setpriority(PRIO_PROCESS, who, nice): one thread (0: the caller); ESRCH, EPERM, EACCES. */
	setpriority(who: number, nice: number): void {
		const p = who === 0 ? this.task : this.task.pidNs.findTask(who);
		if (p === null) throw new KernelError("ESRCH");
		setOnePrio(this.task, p, nice);
	}

	/** getpriority(PRIO_PROCESS, 0) as glibc returns it: the caller's nice value. */
	get nice(): number {
		return this.task.nice;
	}

	/** kill(2); the caller may have signalled itself. */
	*kill(pid: number, sig: number): Run<void> {
		this.kernel.kill(this.task, pid, sig);
		yield* this.checkSelf();
	}

	/**
	 * fork(): a child process running `child` with its own Sys; returns the
	 * child's pid. The child's copy of the caller's memory is whatever
	 * `child` closes over.
	 */
	fork(child: (sys: Sys) => Run<number>): number {
		const t = this.kernel.fork(this.task);
		const sys = new Sys(this.system, t);
		this.system.sched.spawn(t, child(sys));
		return t.tgidIn(this.task.pidNs);
	}

	/** execve(): on success the process runs the new program and this never returns. */
	*execve(path: string, argv: readonly string[], envp: readonly string[]): Run<never> {
		const { vfs, programs } = this.system;
		const r = resolveExec(vfs, programs, this.task, path, argv);
		this.enterProgram(r.filename, r.argv);
		yield { kind: "exec", run: r.main({ sys: this, argv: r.argv, envp }) };
		throw new Error("unreachable: execve returned");
	}

	/** The point of no return of execve(): the process becomes the new program. */
	private enterProgram(filename: string, argv: readonly string[]): void {
		this.kernel.exec(this.task, filename, argv);
		this.files.closeOnExec();
	}

	/** Start `main` in this (fresh) process as if exec'd, with no file behind it. */
	static start(
		system: System,
		task: Task,
		main: ProgramMain,
		argv: string[],
		envp: string[],
	): void {
		const sys = new Sys(system, task);
		system.sched.spawn(task, main({ sys, argv, envp }));
	}

	/** exit_group(). */
	*exit(code: number): Run<never> {
		this.kernel.exitGroup(this.task, exitStatus(code));
		yield GONE;
		throw new Error("unreachable: exit returned");
	}

	/** accept4(2), sleeping until a connection arrives; EINTR when a signal arrives. */
	*accept(fd: number, flags = 0): Run<{ fd: number; addr: SockAddr }> {
		for (;;) {
			try {
				return sysAccept4(this.vfs, this.task, fd, flags);
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				if (!(yield* this.sleepOn(e.queue))) throw new KernelError("EINTR");
			}
		}
	}

	/**
	 * connect(2), sleeping while the handshake waits (the listener's accept
	 * queue is full). A signal ends the wait with EINTR; the connection goes
	 * on, and a later connect() reports EALREADY, then 0 once it is there.
	 */
	*connect(fd: number, addr: SockAddr): Run<void> {
		for (;;) {
			try {
				sysConnect(this.vfs, this.task, fd, addr);
				return;
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				if (!(yield* this.sleepOn(e.queue))) throw new KernelError("EINTR");
			}
		}
	}
}
