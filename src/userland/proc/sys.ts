/**
 * The system-call side of an emulated process: the calls that may sleep or
 * end the process (read, write, wait, sleep, kill, fork, execve, exit) as
 * generators that park on the scheduler, and `vfs`/`kernel` with `task` for
 * everything that completes at once (vfs.mkdir(sys.task, ...)).
 */

import type { FdTable, OpenFile } from "../../fs/file.ts";
import {
	type AnySockAddr,
	type RecvResult,
	sysAccept,
	sysBind,
	sysConnect,
	sysGetname,
	sysGetsockopt,
	sysListen,
	sysRecvfrom,
	sysSendto,
	sysSetsockopt,
	sysShutdown,
	sysSocket,
} from "../../fs/socket.ts";
import type { Vfs } from "../../fs/vfs.ts";
import { KernelError } from "../../kernel/errno.ts";
import { exitStatus } from "../../kernel/exit.ts";
import type { Kernel } from "../../kernel/kernel.ts";
import { MSG_NOSIGNAL } from "../../kernel/net/defs.ts";
import {
	DEFAULT_POLLMASK,
	hasPoll,
	POLLERR,
	POLLHUP,
	POLLNVAL,
	PollTable,
} from "../../kernel/poll.ts";
import { setOnePrio } from "../../kernel/sched/prio.ts";
import { SIGPIPE } from "../../kernel/signal.ts";
import { PF_EXITING, TASK_STOPPED, TASK_TRACED, type Task, taskFrozen } from "../../kernel/task.ts";
import { WaitQueue, WouldBlock } from "../../kernel/wait.ts";
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
		this.enterProgram(r.filename, r.argv, r.exe);
		yield { kind: "exec", run: r.main({ sys: this, argv: r.argv, envp }) };
		throw new Error("unreachable: execve returned");
	}

	/** The point of no return of execve(): the process becomes the new program. */
	private enterProgram(filename: string, argv: readonly string[], exe: OpenFile): void {
		this.kernel.exec(this.task, filename, argv, exe);
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
	*accept(fd: number, flags = 0): Run<{ fd: number; addr: AnySockAddr }> {
		for (;;) {
			try {
				return sysAccept(this.vfs, this.task, fd, flags);
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				if (!(yield* this.sleepOn(e.queue))) throw new KernelError("EINTR");
			}
		}
	}

	/**
	 * connect(2), sleeping while the handshake waits (the listener's accept
	 * queue is full). A signal ends the wait with EINTR; a TCP connection
	 * goes on, and a later connect() reports EALREADY, then 0 once it is
	 * there. An AF_UNIX address is { family: AF_UNIX, path } (addrlen
	 * offsetof(sun_path) + the path's length unless `len` says otherwise).
	 */
	*connect(fd: number, addr: AnySockAddr): Run<void> {
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

	/** socket(2): the new descriptor (AF_INET/AF_INET6 TCP, AF_UNIX SOCK_STREAM, AF_NETLINK NETLINK_CONNECTOR). */
	socket(domain: number, type: number, protocol = 0): number {
		return sysSocket(this.vfs, this.task, domain, type, protocol);
	}

	/**
	 * bind(2). AF_UNIX: { family: AF_UNIX, path } creates the socket file
	 * (mode 0777 less the umask); AF_NETLINK: { family: AF_NETLINK, pid,
	 * groups } (pid 0: the kernel picks the caller's tgid).
	 */
	bind(fd: number, addr: AnySockAddr): void {
		sysBind(this.vfs, this.task, fd, addr);
	}

	/** listen(2). */
	listen(fd: number, backlog: number): void {
		sysListen(this.vfs, this.task, fd, backlog);
	}

	/** getsockname(2). */
	getsockname(fd: number): AnySockAddr {
		return sysGetname(this.vfs, this.task, fd, false);
	}

	/** getpeername(2). */
	getpeername(fd: number): AnySockAddr {
		return sysGetname(this.vfs, this.task, fd, true);
	}

	/** setsockopt(2) of an int option. */
	setsockopt(fd: number, level: number, optname: number, val: number, optlen = 4): void {
		sysSetsockopt(this.vfs, this.task, fd, level, optname, val, optlen);
	}

	/** getsockopt(2) of an int option. */
	getsockopt(fd: number, level: number, optname: number): number {
		return sysGetsockopt(this.vfs, this.task, fd, level, optname);
	}

	/** shutdown(2). */
	shutdown(fd: number, how: number): void {
		sysShutdown(this.vfs, this.task, fd, how);
	}

	/**
	 * sendto(2) (send(2) with `addr` null): a datagram goes whole; a stream
	 * socket that blocks takes everything, sleeping for buffer space, unless
	 * a signal comes after part was sent (then that part's length).
	 * EPIPE raises SIGPIPE first unless MSG_NOSIGNAL.
	 */
	*send(fd: number, data: Uint8Array, flags = 0, addr: AnySockAddr | null = null): Run<number> {
		let done = 0;
		const total = data.length;
		for (;;) {
			try {
				const chunk = done === 0 ? data : data.subarray(done);
				done += sysSendto(this.vfs, this.task, fd, chunk, flags, addr);
				yield* this.resumeUserMode();
				if (done >= total) return done;
			} catch (e) {
				if (e instanceof WouldBlock) {
					if (!(yield* this.sleepOn(e.queue))) {
						if (done > 0) return done;
						throw new KernelError("EINTR");
					}
					continue;
				}
				if (done > 0 && e instanceof KernelError) return done;
				if (e instanceof KernelError && e.code === "EPIPE" && !(flags & MSG_NOSIGNAL)) {
					this.kernel.sendSignal(this.task, SIGPIPE);
					yield* this.checkSelf();
				}
				throw e;
			}
		}
	}

	/**
	 * recvfrom(2), sleeping while there is nothing to receive; EINTR when a
	 * signal arrives. `size` is what the call returns (a datagram's whole
	 * length with MSG_TRUNC), `flags` msg_flags (MSG_TRUNC when a datagram
	 * was cut), `addr` the sender (a netlink message: { pid, groups }).
	 */
	*recvfrom(fd: number, count: number, flags = 0): Run<RecvResult> {
		for (;;) {
			try {
				const r = sysRecvfrom(this.vfs, this.task, fd, count, flags);
				yield* this.resumeUserMode();
				return r;
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				if (!(yield* this.sleepOn(e.queue))) throw new KernelError("EINTR");
			}
		}
	}

	/**
	 * poll(2) (do_sys_poll()): each entry's revents, the events asked for
	 * plus POLLERR and POLLHUP, POLLNVAL for a descriptor that is not open,
	 * nothing for a negative one. Sleeps until an entry is ready, the
	 * timeout passes (`timeoutNs` < 0: none; 0: just look) or a signal
	 * comes (EINTR, when nothing is ready). A file without ->poll is always
	 * ready for reading and writing. Waiting on a pipe the host feeds does
	 * not count as waiting for the host.
	 */
	*poll(fds: readonly PollFd[], timeoutNs: number): Run<PollResult[]> {
		const deadline =
			timeoutNs < 0 ? -1 : this.kernel.clock.now() + Math.max(0, Math.round(timeoutNs));
		const wakeup = new WaitQueue();
		const relay = (): void => wakeup.wakeUp();
		for (;;) {
			const pt = new PollTable();
			const out: PollResult[] = [];
			let count = 0;
			for (const p of fds) {
				const revents = this.pollFd(p, pt);
				if (revents !== 0) count++;
				out.push({ fd: p.fd, events: p.events, revents });
			}
			if (count > 0) return out;
			if (this.kernel.signalPending(this.task)) throw new KernelError("EINTR");
			if (deadline >= 0 && this.kernel.clock.now() >= deadline) return out;
			for (const q of pt.queues) q.add(relay);
			try {
				yield* this.sleepOn(wakeup, deadline);
			} finally {
				for (const q of pt.queues) q.remove(relay);
			}
		}
	}

	/** do_pollfd(). */
	private pollFd(p: PollFd, pt: PollTable): number {
		if (p.fd < 0) return 0;
		const files = this.files;
		if (!files.has(p.fd)) return POLLNVAL;
		const file = files.get(p.fd);
		const filter = (p.events & 0xffff) | POLLERR | POLLHUP;
		return vfsPoll(file, pt) & filter;
	}
}

/** One entry of poll(2)'s array. */
export interface PollFd {
	readonly fd: number;
	/** POLLIN, POLLOUT, ... (kernel/poll.ts). */
	readonly events: number;
}

export interface PollResult extends PollFd {
	readonly revents: number;
}

/** vfs_poll(): the file's ->poll, or DEFAULT_POLLMASK when it has none. */
export function vfsPoll(file: OpenFile, pt: PollTable | null): number {
	const h = file.handle;
	if (h === null || !hasPoll<OpenFile>(h)) return DEFAULT_POLLMASK;
	return h.poll(file, pt);
}
