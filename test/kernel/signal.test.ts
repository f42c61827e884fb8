/**
 * Signals, job control, wait4(), process groups, sessions and set*id, with
 * the errnos and resulting state the kernel gives (kernel/signal.c,
 * kernel/exit.c, kernel/sys.c).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CAP_FULL_SET } from "../../src/kernel/cred.ts";
import {
	__WALL,
	__WCLONE,
	exitStatus,
	WCONTINUED,
	WNOHANG,
	WUNTRACED,
} from "../../src/kernel/exit.ts";
import { CLONE_NEWPID, CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { assertInvariants } from "../../src/kernel/invariants.ts";
import { Kernel } from "../../src/kernel/kernel.ts";
import {
	SA_NOCLDSTOP,
	SA_NOCLDWAIT,
	SA_RESETHAND,
	SA_RESTART,
	SIG_BLOCK,
	SIG_DFL,
	SIG_DFL_ACTION,
	SIG_HANDLER,
	SIG_IGN,
	SIG_SETMASK,
	SIG_UNBLOCK,
	SIGABRT,
	SIGALRM,
	SIGCHLD,
	SIGCONT,
	SIGHUP,
	SIGINT,
	SIGKILL,
	SIGNAL_NAMES,
	SIGQUIT,
	SIGSEGV,
	SIGSTOP,
	SIGSYS,
	SIGTERM,
	SIGTSTP,
	SIGTTIN,
	SIGUSR1,
	SIGUSR2,
	SIGWINCH,
	sigmask,
	signalDefault,
	signalNumber,
} from "../../src/kernel/signal.ts";
import {
	EXIT_ZOMBIE,
	PF_EXITING,
	TASK_INTERRUPTIBLE,
	TASK_RUNNING,
	TASK_STOPPED,
	type Task,
} from "../../src/kernel/task.ts";
import { WouldBlock } from "../../src/kernel/wait.ts";
import { strsignal } from "../../src/userland/strsignal.ts";
import { errnoOf, TestHost } from "../support/host.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const STOPPED_BY = (sig: number): number => (sig << 8) | 0x7f;

/** A kernel whose signalWakeUp hook records the tids it is called for. */
function setup(): { k: Kernel; woken: number[] } {
	const k = new Kernel();
	const woken: number[] = [];
	k.signalWakeUp = (t) => woken.push(t.pid);
	return { k, woken };
}

/** A session leader ("the shell") with a child in a process group of its own ("a job"). */
function job(k: Kernel): { sh: Task; child: Task } {
	const sh = k.fork(k.init);
	k.setsid(sh);
	const child = k.fork(sh);
	k.setpgid(sh, child.pid, 0);
	return { sh, child };
}

function unprivileged(k: Kernel, uid: number, parent: Task = k.init): Task {
	const t = k.fork(parent);
	k.setresuid(t, uid, uid, uid);
	return t;
}

describe("the signal table", () => {
	it("has the x86-64 numbers, names and default actions", () => {
		assert.deepEqual(
			[SIGHUP, SIGINT, SIGKILL, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGSYS],
			[1, 2, 9, 15, 17, 18, 19, 20, 31],
		);
		assert.equal(SIGNAL_NAMES[0], undefined);
		assert.equal(SIGNAL_NAMES[1], "HUP");
		assert.equal(SIGNAL_NAMES[16], "STKFLT");
		assert.equal(SIGNAL_NAMES[29], "IO");
		assert.equal(SIGNAL_NAMES[31], "SYS");
		assert.equal(SIGNAL_NAMES.length, 32);
		assert.equal(signalNumber("TERM"), 15);
		assert.equal(signalNumber("sigterm"), 15);
		assert.equal(signalNumber("POLL"), 29);
		assert.equal(signalNumber("IOT"), 6);
		assert.equal(signalNumber("BOGUS"), 0);
		const defaults = Array.from({ length: 31 }, (_, i) => signalDefault(i + 1));
		assert.deepEqual(defaults, [
			"term",
			"term",
			"core",
			"core",
			"core",
			"core",
			"core",
			"core",
			"term",
			"term",
			"core",
			"term",
			"term",
			"term",
			"term",
			"term",
			"ignore",
			"continue",
			"stop",
			"stop",
			"stop",
			"stop",
			"ignore",
			"core",
			"core",
			"term",
			"term",
			"ignore",
			"term",
			"term",
			"core",
		]);
	});

	it("has glibc's strsignal texts", () => {
		assert.equal(strsignal(SIGHUP), "Hangup");
		assert.equal(strsignal(SIGINT), "Interrupt");
		assert.equal(strsignal(SIGKILL), "Killed");
		assert.equal(strsignal(SIGTERM), "Terminated");
		assert.equal(strsignal(SIGSTOP), "Stopped (signal)");
		assert.equal(strsignal(SIGTSTP), "Stopped");
		assert.equal(strsignal(SIGTTIN), "Stopped (tty input)");
		assert.equal(strsignal(SIGCHLD), "Child exited");
		assert.equal(strsignal(SIGSEGV), "Segmentation fault");
		assert.equal(strsignal(SIGSYS), "Bad system call");
		assert.equal(strsignal(0), "Unknown signal 0");
		assert.equal(strsignal(32), "Unknown signal 32");
		assert.equal(strsignal(34), "Real-time signal 0");
		assert.equal(strsignal(64), "Real-time signal 30");
		assert.equal(strsignal(65), "Unknown signal 65");
	});
});

describe("kill(2)", () => {
	it("finds the target before checking the signal: ESRCH, then EINVAL", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		assert.equal(
			errnoOf(() => k.kill(p, 99999, 99)),
			"ESRCH",
		);
		assert.equal(
			errnoOf(() => k.kill(p, -99999, 99)),
			"ESRCH",
		);
		assert.equal(
			errnoOf(() => k.kill(p, -2147483648, SIGTERM)),
			"ESRCH",
		);
		assert.equal(
			errnoOf(() => k.kill(p, p.pid, 99)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.kill(p, p.pid, -1)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.kill(p, p.pid, 32)),
			"EINVAL",
			"real-time signals are not modelled",
		);
		assert.equal(
			errnoOf(() => k.kill(p, 0, 99)),
			"EINVAL",
		);
	});

	it("with signal 0 only checks existence and permission", () => {
		const { k } = setup();
		const a = k.fork(k.init);
		const user = unprivileged(k, 1000);
		assert.equal(
			errnoOf(() => k.kill(a, a.pid, 0)),
			"OK",
		);
		assert.equal(
			errnoOf(() => k.kill(user, a.pid, 0)),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.kill(user, 1, 0)),
			"EPERM",
		);
		assert.equal(a.signal.sharedPending, 0);
	});

	it("allows a matching real or effective uid against the target's real or saved uid", () => {
		const { k } = setup();
		const target = k.fork(k.init);
		k.setresuid(target, 1000, 2000, 3000);
		const cases: [number, number, number, string][] = [
			[1000, 1000, 1000, "OK"], // uid == uid
			[3000, 3000, 3000, "OK"], // uid == suid
			[4000, 1000, 4000, "OK"], // euid == uid
			[4000, 3000, 4000, "OK"], // euid == suid
			[2000, 2000, 2000, "EPERM"], // the target's euid does not count
			[4000, 4000, 4000, "EPERM"],
		];
		for (const [r, e, s, want] of cases) {
			const sender = k.fork(k.init);
			k.setresuid(sender, r, e, s);
			assert.equal(
				errnoOf(() => k.kill(sender, target.pid, 0)),
				want,
				`${r}/${e}/${s}`,
			);
		}
		const root = k.fork(k.init);
		assert.equal(
			errnoOf(() => k.kill(root, target.pid, 0)),
			"OK",
			"CAP_KILL",
		);
	});

	it("lets SIGCONT through within the session only", () => {
		const { k } = setup();
		const rootTask = k.fork(k.init);
		const user = unprivileged(k, 1000);
		assert.equal(
			errnoOf(() => k.kill(user, rootTask.pid, SIGTERM)),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.kill(user, rootTask.pid, SIGCONT)),
			"OK",
			"same session",
		);
		k.setsid(rootTask);
		assert.equal(
			errnoOf(() => k.kill(user, rootTask.pid, SIGCONT)),
			"EPERM",
		);
		assert.equal(rootTask.flags & PF_EXITING, 0);
	});

	it("signals a process through any of its thread ids", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		const t = k.fork(p, { flags: THREAD });
		k.kill(k.init, t.pid, SIGTERM);
		assert.equal(p.exitState, EXIT_ZOMBIE === p.exitState ? EXIT_ZOMBIE : p.exitState);
		assert.ok(p.flags & PF_EXITING && t.flags & PF_EXITING, "the whole process dies");
		assert.equal(k.findTask(p.pid), null, "init reaps it");
		assertInvariants(k);
	});

	it("signals the sender's process group with pid 0 and a group with -pgid", () => {
		const { k } = setup();
		const { sh, child } = job(k);
		const sibling = k.fork(sh);
		k.setpgid(sh, sibling.pid, child.pid);
		const outsider = k.fork(sh);
		k.sigaction(sh, SIGUSR1, SIG_HANDLER);
		for (const t of [child, sibling, outsider]) k.sigaction(t, SIGUSR1, SIG_HANDLER);
		k.kill(child, 0, SIGUSR1);
		assert.equal(child.signal.sharedPending, sigmask(SIGUSR1));
		assert.equal(sibling.signal.sharedPending, sigmask(SIGUSR1));
		assert.equal(outsider.signal.sharedPending, 0);
		assert.equal(sh.signal.sharedPending, 0);
		k.kill(sh, -child.pid, SIGTERM);
		assert.ok(child.flags & PF_EXITING && sibling.flags & PF_EXITING);
		assert.equal(outsider.flags & PF_EXITING, 0);
		assert.deepEqual(k.wait4(sh, child.pid, 0), { pid: child.pid, status: SIGTERM });
		assert.equal(
			errnoOf(() => k.kill(sh, -99999, SIGTERM)),
			"ESRCH",
		);
		assertInvariants(k);
	});

	it("to a process group: success if any delivery succeeded, else the last error", () => {
		const { k } = setup();
		const { sh, child } = job(k);
		const user = unprivileged(k, 1000, sh);
		k.setpgid(sh, user.pid, child.pid);
		const other = unprivileged(k, 2000, sh);
		assert.equal(
			errnoOf(() => k.kill(other, -child.pid, 0)),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.kill(user, -child.pid, 0)),
			"OK",
			"user may signal itself",
		);
	});

	it("kill(-1) reaches everyone it may signal but init and itself", () => {
		const { k } = setup();
		const killer = k.fork(k.init);
		const a = k.fork(k.init);
		const b = k.fork(a);
		k.kill(killer, -1, SIGKILL);
		assert.ok(a.flags & PF_EXITING && b.flags & PF_EXITING);
		assert.equal(killer.flags & PF_EXITING, 0);
		assert.equal(k.init.flags & PF_EXITING, 0);
		assert.equal(k.kthreadd.flags & PF_EXITING, 0, "kernel threads ignore signals");
		assertInvariants(k);
	});

	it("kill(-1) succeeds when every target refuses with EPERM, as Linux does", () => {
		const { k } = setup();
		const user = unprivileged(k, 65534);
		k.fork(k.init);
		assert.equal(
			errnoOf(() => k.kill(user, -1, 0)),
			"OK",
		);
		assert.equal(
			errnoOf(() => k.kill(user, -1, 99)),
			"EINVAL",
		);
	});

	it("is accepted silently by a zombie", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		k.exitGroup(child, exitStatus(3));
		assert.equal(
			errnoOf(() => k.kill(parent, child.pid, SIGKILL)),
			"OK",
		);
		assert.deepEqual(k.wait4(parent, -1, 0), { pid: child.pid, status: 3 << 8 });
	});
});

describe("default actions", () => {
	it("terminate at once with the signal as the status; the signal stays queued", () => {
		const { k, woken } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		k.kill(parent, child.pid, SIGTERM);
		assert.equal(child.exitState, EXIT_ZOMBIE);
		assert.equal(child.signal.sharedPending, sigmask(SIGTERM), "as /proc shows for such a zombie");
		assert.ok(woken.includes(child.pid), "the scheduler hears of it");
		assert.deepEqual(k.wait4(parent, -1, 0), { pid: child.pid, status: SIGTERM });
		assertInvariants(k);
	});

	it("dump no core: core signals die without the 0x80 bit", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		for (const sig of [SIGSEGV, SIGQUIT, SIGABRT]) {
			const child = k.fork(parent);
			k.kill(parent, child.pid, sig);
			assert.equal(child.signal.sharedPending, 0, "taken off the queue by get_signal()");
			assert.deepEqual(k.wait4(parent, child.pid, 0), { pid: child.pid, status: sig });
		}
	});

	it("ignore SIGCHLD, SIGWINCH and SIGCONT without queueing them", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		for (const sig of [SIGCHLD, SIGWINCH, SIGCONT]) k.kill(k.init, p.pid, sig);
		assert.equal(p.signal.sharedPending, 0);
		assert.equal(p.flags & PF_EXITING, 0);
	});

	it("drop signals set to SIG_IGN, but keep blocked ones pending", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.sigaction(p, SIGTERM, SIG_IGN);
		k.kill(k.init, p.pid, SIGTERM);
		assert.equal(p.signal.sharedPending, 0);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGTERM));
		k.kill(k.init, p.pid, SIGTERM);
		assert.equal(p.signal.sharedPending, sigmask(SIGTERM));
		k.sigprocmask(p, SIG_UNBLOCK, sigmask(SIGTERM));
		assert.equal(p.signal.sharedPending, 0, "unblocked: dequeued and ignored");
		assert.equal(p.flags & PF_EXITING, 0);
		assertInvariants(k);
	});

	it("take effect when a blocked fatal signal is unblocked", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const p = k.fork(parent);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGINT) | sigmask(SIGTERM));
		k.kill(parent, p.pid, SIGTERM);
		k.kill(parent, p.pid, SIGINT);
		assert.equal(p.flags & PF_EXITING, 0);
		assert.equal(p.signal.sharedPending, sigmask(SIGINT) | sigmask(SIGTERM));
		k.sigprocmask(p, SIG_SETMASK, 0);
		assert.deepEqual(k.wait4(parent, -1, 0), { pid: p.pid, status: SIGINT }, "lowest first");
		assertInvariants(k);
	});
});

describe("sigprocmask()", () => {
	it("returns the old mask, never blocks SIGKILL or SIGSTOP, and refuses a bad how", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		assert.equal(
			k.sigprocmask(p, SIG_BLOCK, sigmask(SIGINT) | sigmask(SIGKILL) | sigmask(SIGSTOP)),
			0,
		);
		assert.equal(p.blocked, sigmask(SIGINT));
		assert.equal(k.sigprocmask(p, SIG_BLOCK, sigmask(SIGTERM)), sigmask(SIGINT));
		assert.equal(
			k.sigprocmask(p, SIG_UNBLOCK, sigmask(SIGINT)),
			sigmask(SIGINT) | sigmask(SIGTERM),
		);
		assert.equal(p.blocked, sigmask(SIGTERM));
		assert.equal(
			errnoOf(() => k.sigprocmask(p, 3, 0)),
			"EINVAL",
		);
		assert.equal(k.sigprocmask(p, SIG_SETMASK, -1), sigmask(SIGTERM));
		assert.equal(p.blocked, 0x7fffffff & ~sigmask(SIGKILL) & ~sigmask(SIGSTOP));
		k.kill(k.init, p.pid, SIGKILL);
		assert.ok(p.flags & PF_EXITING, "SIGKILL is never blocked");
	});
});

describe("sigaction()", () => {
	it("refuses SIGKILL, SIGSTOP and numbers out of range, and returns the old action", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		for (const sig of [SIGKILL, SIGSTOP, 0, 32, -1]) {
			assert.equal(
				errnoOf(() => k.sigaction(p, sig, SIG_IGN)),
				"EINVAL",
				`signal ${sig}`,
			);
		}
		assert.equal(k.sigaction(p, SIGKILL, null), SIG_DFL_ACTION, "reading is allowed");
		assert.equal(
			k.sigaction(p, SIGINT, { handler: SIG_HANDLER, flags: SA_RESTART }),
			SIG_DFL_ACTION,
		);
		const old = k.sigaction(p, SIGINT, SIG_IGN);
		assert.equal(old.handler, SIG_HANDLER);
		assert.equal(old.flags, SA_RESTART);
		assert.equal(k.sigaction(p, SIGINT, null).handler, SIG_IGN);
		const masked = k.sigaction(p, SIGUSR1, {
			handler: SIG_HANDLER,
			mask: sigmask(SIGKILL) | sigmask(SIGTERM),
			flags: 0x100,
		});
		assert.equal(masked, SIG_DFL_ACTION);
		const now = k.sigaction(p, SIGUSR1, null);
		assert.equal(now.mask, sigmask(SIGTERM), "SIGKILL is dropped from sa_mask");
		assert.equal(now.flags, 0, "unknown flags are cleared");
	});

	it("discards pending instances when set to SIG_IGN, or SIG_DFL of a default-ignore signal", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		const t = k.fork(p, { flags: THREAD });
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGTERM) | sigmask(SIGCHLD));
		k.sigprocmask(t, SIG_BLOCK, sigmask(SIGTERM) | sigmask(SIGCHLD));
		k.kill(k.init, p.pid, SIGTERM);
		k.sendSignal(t, SIGTERM);
		k.kill(k.init, p.pid, SIGCHLD);
		assert.equal(p.signal.sharedPending, sigmask(SIGTERM) | sigmask(SIGCHLD));
		assert.equal(t.pending, sigmask(SIGTERM));
		k.sigaction(p, SIGTERM, SIG_IGN);
		assert.equal(p.signal.sharedPending, sigmask(SIGCHLD));
		assert.equal(t.pending, 0, "every thread's queue");
		k.sigaction(p, SIGCHLD, SIG_DFL);
		assert.equal(p.signal.sharedPending, 0);
		assertInvariants(k);
	});

	it("makes a handled signal pending and wakes a thread; dequeueSignal hands it out", () => {
		const { k, woken } = setup();
		const p = k.fork(k.init);
		k.sigaction(p, SIGUSR1, SIG_HANDLER);
		k.sigaction(p, SIGHUP, SIG_HANDLER);
		k.sigaction(p, SIGSEGV, { handler: SIG_HANDLER, flags: SA_RESETHAND });
		k.kill(k.init, p.pid, SIGUSR1);
		k.kill(k.init, p.pid, SIGUSR1);
		assert.ok(woken.includes(p.pid));
		assert.ok(k.signalPending(p));
		k.kill(k.init, p.pid, SIGHUP);
		k.sendSignal(p, SIGSEGV);
		assert.equal(k.dequeueSignal(p), SIGSEGV, "synchronous signals first");
		assert.equal(k.sigaction(p, SIGSEGV, null).handler, SIG_DFL, "SA_RESETHAND");
		assert.equal(k.dequeueSignal(p), SIGHUP);
		assert.equal(k.dequeueSignal(p), SIGUSR1, "a standard signal is queued once");
		assert.equal(k.dequeueSignal(p), 0);
		assert.equal(k.signalPending(p), false);
		assertInvariants(k);
	});

	it("applies the default action to a pending signal once its handler is removed", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const p = k.fork(parent);
		k.sigaction(p, SIGTERM, SIG_HANDLER);
		k.kill(parent, p.pid, SIGTERM);
		assert.equal(p.flags & PF_EXITING, 0);
		k.sigaction(p, SIGTERM, SIG_DFL);
		assert.deepEqual(k.wait4(parent, -1, 0), { pid: p.pid, status: SIGTERM });
	});
});

describe("threads", () => {
	it("a process-directed signal goes to a thread that does not block it", () => {
		const { k, woken } = setup();
		const p = k.fork(k.init);
		const t = k.fork(p, { flags: THREAD });
		k.sigaction(p, SIGUSR1, SIG_HANDLER);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGUSR1));
		woken.length = 0;
		k.kill(k.init, p.pid, SIGUSR1);
		assert.deepEqual(woken, [t.pid]);
		assert.equal(k.signalPending(p), false);
		assert.equal(k.signalPending(t), true);
		assert.equal(k.dequeueSignal(p), 0);
		assert.equal(k.dequeueSignal(t), SIGUSR1);
	});

	it("a thread-directed signal waits for its thread; blocking retargets shared ones", () => {
		const { k, woken } = setup();
		const p = k.fork(k.init);
		const t = k.fork(p, { flags: THREAD });
		k.sigaction(p, SIGUSR2, SIG_HANDLER);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGTERM));
		k.sendSignal(p, SIGTERM);
		assert.equal(p.pending, sigmask(SIGTERM), "not taken by the other thread");
		assert.equal(p.flags & PF_EXITING, 0);
		woken.length = 0;
		k.kill(k.init, p.pid, SIGUSR2);
		assert.deepEqual(woken, [p.pid]);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGUSR2));
		assert.deepEqual(woken, [p.pid, t.pid], "retarget_shared_pending()");
		assert.equal(k.dequeueSignal(t), SIGUSR2);
		k.sigprocmask(p, SIG_UNBLOCK, sigmask(SIGTERM));
		assert.ok(p.flags & PF_EXITING && t.flags & PF_EXITING);
		assertInvariants(k);
	});
});

describe("stop and continue", () => {
	it("SIGSTOP stops every thread; wait(WUNTRACED) reports it once; the parent is woken", () => {
		const { k, woken } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		const thread = k.fork(child, { flags: THREAD });
		let waits = 0;
		parent.signal.waitChldExit.add(() => waits++);
		k.kill(parent, child.pid, SIGSTOP);
		assert.equal(child.state, TASK_STOPPED);
		assert.equal(thread.state, TASK_STOPPED);
		assert.equal(waits, 1);
		assert.ok(woken.includes(child.pid) && woken.includes(thread.pid));
		assert.equal(k.wait4(parent, -1, WNOHANG), null, "not without WUNTRACED");
		assert.deepEqual(k.wait4(parent, -1, WUNTRACED | WNOHANG), {
			pid: child.pid,
			status: STOPPED_BY(SIGSTOP),
		});
		assert.equal(k.wait4(parent, -1, WUNTRACED | WNOHANG), null, "reported once");
		k.kill(parent, child.pid, SIGSTOP);
		assert.equal(child.signal.sharedPending, sigmask(SIGSTOP), "a stopped process queues it");
		assertInvariants(k);
	});

	it("SIGCONT resumes, discards pending stops, and wait(WCONTINUED) reports it once", () => {
		const { k, woken } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		k.kill(parent, child.pid, SIGSTOP);
		k.kill(parent, child.pid, SIGSTOP);
		woken.length = 0;
		k.kill(parent, child.pid, SIGCONT);
		assert.equal(child.state, TASK_RUNNING);
		assert.equal(child.signal.sharedPending, 0);
		assert.deepEqual(woken, [child.pid]);
		assert.equal(k.wait4(parent, -1, WUNTRACED | WNOHANG), null, "the stop was superseded");
		assert.deepEqual(k.wait4(parent, -1, WCONTINUED | WNOHANG), { pid: child.pid, status: 0xffff });
		assert.equal(k.wait4(parent, -1, WCONTINUED | WNOHANG), null);
		assertInvariants(k);
	});

	it("a stop signal discards a pending SIGCONT, even when it is itself ignored", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGCONT));
		k.kill(k.init, p.pid, SIGCONT);
		assert.equal(p.signal.sharedPending, sigmask(SIGCONT));
		k.sigaction(p, SIGTSTP, SIG_IGN);
		k.kill(k.init, p.pid, SIGTSTP);
		assert.equal(p.signal.sharedPending, 0);
		assert.equal(p.state, TASK_RUNNING);
	});

	it("SIGCONT resumes even when ignored, blocked or handled", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		for (const how of ["ignored", "blocked", "handled"] as const) {
			const c = k.fork(parent);
			if (how === "ignored") k.sigaction(c, SIGCONT, SIG_IGN);
			if (how === "blocked") k.sigprocmask(c, SIG_BLOCK, sigmask(SIGCONT));
			if (how === "handled") k.sigaction(c, SIGCONT, SIG_HANDLER);
			k.kill(parent, c.pid, SIGSTOP);
			k.kill(parent, c.pid, SIGCONT);
			assert.equal(c.state, TASK_RUNNING, how);
			assert.equal(
				c.signal.sharedPending,
				how === "ignored" ? 0 : sigmask(SIGCONT),
				`${how}: queued unless ignored`,
			);
		}
		assertInvariants(k);
	});

	it("SIGKILL ends a stopped process; other fatal signals wait for SIGCONT", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const a = k.fork(parent);
		k.kill(parent, a.pid, SIGSTOP);
		k.kill(parent, a.pid, SIGKILL);
		assert.deepEqual(k.wait4(parent, a.pid, WUNTRACED), { pid: a.pid, status: SIGKILL });
		const b = k.fork(parent);
		k.kill(parent, b.pid, SIGSTOP);
		k.kill(parent, b.pid, SIGTERM);
		assert.equal(b.state, TASK_STOPPED);
		assert.equal(b.signal.sharedPending, sigmask(SIGTERM));
		k.kill(parent, b.pid, SIGSTOP);
		k.kill(parent, b.pid, SIGCONT);
		assert.equal(b.exitState, EXIT_ZOMBIE);
		assert.equal(b.signal.sharedPending, 0, "dequeued by the woken thread");
		assert.deepEqual(k.wait4(parent, b.pid, WCONTINUED), { pid: b.pid, status: SIGTERM });
		assertInvariants(k);
	});

	it("SIGTSTP with a handler is only made pending; with SIG_DFL it stops", () => {
		const { k } = setup();
		const { sh, child } = job(k);
		k.sigaction(child, SIGTSTP, SIG_HANDLER);
		k.kill(sh, child.pid, SIGTSTP);
		assert.equal(child.state, TASK_RUNNING);
		assert.equal(k.dequeueSignal(child), SIGTSTP);
		k.sigaction(child, SIGTSTP, SIG_DFL);
		k.kill(sh, child.pid, SIGTSTP);
		assert.equal(child.state, TASK_STOPPED);
		assert.deepEqual(k.wait4(sh, -1, WUNTRACED), { pid: child.pid, status: STOPPED_BY(SIGTSTP) });
	});

	it("SIGTSTP, SIGTTIN and SIGTTOU do nothing in an orphaned process group; SIGSTOP stops", () => {
		const { k } = setup();
		const p = k.fork(k.init); // in init's group, whose parents are all init: orphaned
		assert.equal(k.isPgrpOrphaned(p.signal.pgrp), true);
		k.kill(k.init, p.pid, SIGTSTP);
		k.kill(k.init, p.pid, SIGTTIN);
		assert.equal(p.state, TASK_RUNNING);
		assert.equal(p.signal.sharedPending, 0, "dequeued and dropped");
		k.kill(k.init, p.pid, SIGSTOP);
		assert.equal(p.state, TASK_STOPPED);
		const { child } = job(k);
		assert.equal(k.isPgrpOrphaned(child.signal.pgrp), false, "its parent is in the session");
	});

	it("SIGCHLD goes to the parent for a stop and a continue unless SA_NOCLDSTOP", () => {
		const { k, woken } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		k.sigaction(parent, SIGCHLD, SIG_HANDLER);
		woken.length = 0;
		k.kill(parent, child.pid, SIGSTOP);
		assert.equal(parent.signal.sharedPending, sigmask(SIGCHLD));
		assert.ok(woken.includes(parent.pid));
		assert.equal(k.dequeueSignal(parent), SIGCHLD);
		k.kill(parent, child.pid, SIGCONT);
		assert.equal(k.dequeueSignal(parent), SIGCHLD);
		k.sigaction(parent, SIGCHLD, { handler: SIG_HANDLER, flags: SA_NOCLDSTOP });
		k.kill(parent, child.pid, SIGSTOP);
		k.kill(parent, child.pid, SIGCONT);
		assert.equal(parent.signal.sharedPending, 0);
		k.exitGroup(child, 0);
		assert.equal(parent.signal.sharedPending, sigmask(SIGCHLD), "exits still are");
	});

	it("a stopped task is continued by the scheduler's view: TASK_RUNNING, then hooks", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		child.state = TASK_INTERRUPTIBLE; // sleeping in a syscall
		const seen: number[] = [];
		k.signalWakeUp = (t) => seen.push(t.state);
		k.kill(parent, child.pid, SIGSTOP);
		k.kill(parent, child.pid, SIGCONT);
		assert.deepEqual(seen, [TASK_STOPPED, TASK_RUNNING]);
	});
});

describe("init and pid namespaces", () => {
	it("the global init ignores SIGKILL, SIGSTOP and SIG_DFL signals", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		for (const sig of [SIGKILL, SIGSTOP, SIGTERM, SIGINT, SIGTSTP]) {
			assert.equal(
				errnoOf(() => k.kill(p, 1, sig)),
				"OK",
			);
		}
		assert.equal(k.init.state, TASK_RUNNING);
		assert.equal(k.init.signal.sharedPending, 0);
		k.sigaction(k.init, SIGTERM, SIG_HANDLER);
		k.kill(p, 1, SIGTERM);
		assert.equal(k.dequeueSignal(k.init), SIGTERM, "a handled signal is delivered");
		k.sigprocmask(k.init, SIG_BLOCK, sigmask(SIGHUP));
		k.kill(p, 1, SIGHUP);
		assert.equal(k.init.signal.sharedPending, sigmask(SIGHUP), "blocked: kept");
		k.sigprocmask(k.init, SIG_UNBLOCK, sigmask(SIGHUP));
		assert.equal(k.init.signal.sharedPending, 0, "and dropped when unblocked");
		assert.equal(k.init.flags & PF_EXITING, 0);
		assertInvariants(k);
	});

	it("a namespace's init ignores SIG_DFL signals from inside, SIGKILL included", () => {
		const { k } = setup();
		const outer = k.fork(k.init);
		const nsInit = k.fork(outer, { flags: CLONE_NEWPID });
		const inner = k.fork(nsInit);
		for (const sig of [SIGKILL, SIGTERM, SIGSTOP]) k.kill(inner, 1, sig);
		k.sendSignal(nsInit, SIGTERM);
		assert.equal(nsInit.flags & PF_EXITING, 0);
		assert.equal(nsInit.state, TASK_RUNNING);
		k.sigaction(nsInit, SIGUSR1, SIG_HANDLER);
		k.kill(inner, 1, SIGUSR1);
		assert.equal(k.dequeueSignal(nsInit), SIGUSR1);
		k.kill(outer, nsInit.pid, SIGTERM);
		assert.equal(nsInit.flags & PF_EXITING, 0, "SIG_DFL non-kill signals: from outside too");
		k.kill(outer, nsInit.pid, SIGSTOP);
		assert.equal(nsInit.state, TASK_STOPPED, "SIGSTOP from an ancestor namespace");
		k.kill(outer, nsInit.pid, SIGKILL);
		assert.ok(nsInit.flags & PF_EXITING, "SIGKILL from an ancestor namespace");
		assert.ok(inner.flags & PF_EXITING, "and the namespace goes with it");
		assert.deepEqual(k.wait4(outer, -1, 0), { pid: nsInit.pid, status: SIGKILL });
		assertInvariants(k);
	});
});

describe("fork and exec", () => {
	it("fork copies the actions and the mask and clears pending signals", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.sigaction(p, SIGINT, SIG_IGN);
		k.sigaction(p, SIGUSR1, SIG_HANDLER);
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGUSR2));
		k.kill(k.init, p.pid, SIGUSR2);
		k.sendSignal(p, SIGUSR2);
		const c = k.fork(p);
		assert.equal(c.sighand.action(SIGINT).handler, SIG_IGN);
		assert.equal(c.sighand.action(SIGUSR1).handler, SIG_HANDLER);
		assert.equal(c.blocked, sigmask(SIGUSR2));
		assert.equal(c.pending, 0);
		assert.equal(c.signal.sharedPending, 0);
		k.sigaction(c, SIGINT, SIG_DFL);
		assert.equal(p.sighand.action(SIGINT).handler, SIG_IGN, "copy-on-write");
		k.sigaction(p, SIGUSR1, SIG_DFL);
		assert.equal(c.sighand.action(SIGUSR1).handler, SIG_HANDLER);
		const shared = k.fork(p, { flags: CLONE_SIGHAND | CLONE_VM });
		k.sigaction(shared, SIGQUIT, SIG_IGN);
		assert.equal(p.sighand.action(SIGQUIT).handler, SIG_IGN, "CLONE_SIGHAND shares");
		assertInvariants(k);
	});

	it("exec resets handled signals, keeps ignored ones and the mask, and clears flags", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.sigaction(p, SIGINT, SIG_IGN);
		k.sigaction(p, SIGUSR1, SIG_HANDLER);
		k.sigaction(p, SIGCHLD, { handler: SIG_IGN, flags: SA_NOCLDWAIT });
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGALRM));
		const shared = k.fork(p, { flags: CLONE_SIGHAND | CLONE_VM });
		k.exec(p, "/bin/prog");
		assert.equal(p.sighand.action(SIGINT).handler, SIG_IGN);
		assert.equal(p.sighand.action(SIGUSR1).handler, SIG_DFL);
		assert.equal(p.sighand.action(SIGCHLD).flags, 0);
		assert.equal(p.blocked, sigmask(SIGALRM));
		assert.equal(shared.sighand.action(SIGUSR1).handler, SIG_HANDLER, "unshared first");
		assertInvariants(k);
	});
});

describe("wait4()", () => {
	it("selects children by pid, process group (0: the caller's) or any", () => {
		const { k } = setup();
		const { sh, child } = job(k);
		const other = k.fork(sh);
		for (const t of [child, other]) k.exitGroup(t, 0);
		assert.equal(
			errnoOf(() => k.wait4(sh, 99999, 0)),
			"ECHILD",
		);
		assert.equal(
			errnoOf(() => k.wait4(sh, -99999, 0)),
			"ECHILD",
		);
		assert.equal(
			errnoOf(() => k.wait4(sh, 0, 0)),
			"OK",
			"`other` is in sh's group",
		);
		assert.equal(
			errnoOf(() => k.wait4(sh, 0, 0)),
			"ECHILD",
		);
		assert.deepEqual(k.wait4(sh, -child.pid, 0), { pid: child.pid, status: 0 });
		assert.equal(
			errnoOf(() => k.wait4(sh, -1, 0)),
			"ECHILD",
		);
		assert.equal(
			errnoOf(() => k.wait4(sh, -1, 0x4)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.wait4(sh, -2147483648, 0)),
			"ESRCH",
		);
	});

	it("refuses a grandchild or a thread's id, and reaps a thread's children", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		const t = k.fork(p, { flags: THREAD });
		const c = k.fork(p);
		const gc = k.fork(c);
		const tc = k.fork(t);
		assert.equal(
			errnoOf(() => k.wait4(p, gc.pid, WNOHANG)),
			"ECHILD",
		);
		assert.equal(
			errnoOf(() => k.wait4(p, t.pid, WNOHANG)),
			"ECHILD",
		);
		k.exitGroup(tc, 0);
		assert.deepEqual(k.wait4(p, -1, WNOHANG), { pid: tc.pid, status: 0 }, "another thread's child");
		assert.equal(
			errnoOf(() => k.wait4(p, tc.pid, WNOHANG)),
			"ECHILD",
		);
		k.exitGroup(c, 0);
		assert.equal(
			errnoOf(() => k.wait4(t, c.pid, WNOHANG | 0x20000000)),
			"ECHILD",
			"__WNOTHREAD",
		);
		assert.deepEqual(k.wait4(t, c.pid, WNOHANG), { pid: c.pid, status: 0 });
	});

	it("sleeps on wait_chldexit, woken when a child exits", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		let thrown: unknown = null;
		try {
			k.wait4(parent, -1, 0);
		} catch (e) {
			thrown = e;
		}
		assert.ok(thrown instanceof WouldBlock);
		assert.equal(thrown.queue, parent.signal.waitChldExit);
		let woke = 0;
		thrown.queue.add(() => woke++);
		k.exitGroup(child, exitStatus(4));
		assert.equal(woke, 1);
		assert.deepEqual(k.wait4(parent, -1, 0), { pid: child.pid, status: 4 << 8 });
	});

	it("does not reap a leader whose threads run, and only waits for clone children with __WCLONE", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const p = k.fork(parent);
		const t = k.fork(p, { flags: THREAD });
		k.exit(p, exitStatus(1));
		assert.equal(k.wait4(parent, -1, WNOHANG), null);
		k.exit(t, exitStatus(2));
		assert.deepEqual(k.wait4(parent, -1, WNOHANG), { pid: p.pid, status: 1 << 8 });
		const clone = k.fork(parent, { exitSignal: SIGUSR1 });
		k.sigaction(parent, SIGUSR1, SIG_IGN);
		k.exitGroup(clone, 0);
		assert.equal(
			errnoOf(() => k.wait4(parent, -1, WNOHANG)),
			"ECHILD",
		);
		assert.deepEqual(k.wait4(parent, -1, WNOHANG | __WCLONE), { pid: clone.pid, status: 0 });
		const c2 = k.fork(parent);
		k.exitGroup(c2, 0);
		assert.equal(
			errnoOf(() => k.wait4(parent, -1, WNOHANG | __WCLONE)),
			"ECHILD",
		);
		assert.deepEqual(k.wait4(parent, -1, __WALL), { pid: c2.pid, status: 0 });
	});

	it("sees children in its own namespace's numbers", () => {
		const { k } = setup();
		const outer = k.fork(k.init);
		const nsInit = k.fork(outer, { flags: CLONE_NEWPID });
		const inner = k.fork(nsInit);
		k.exitGroup(inner, 0);
		assert.deepEqual(k.wait4(nsInit, 2, 0), { pid: 2, status: 0 });
	});
});

describe("SIGCHLD", () => {
	it("is made pending for a parent with a handler", () => {
		const { k, woken } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		k.sigaction(parent, SIGCHLD, SIG_HANDLER);
		woken.length = 0;
		k.exitGroup(child, 0);
		assert.deepEqual(woken, [parent.pid]);
		assert.equal(k.dequeueSignal(parent), SIGCHLD);
		assert.equal(child.exitState, EXIT_ZOMBIE);
	});

	it("SIG_IGN reaps children at once; SA_NOCLDWAIT too but still sends SIGCHLD", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		k.sigaction(parent, SIGCHLD, SIG_IGN);
		const a = k.fork(parent);
		k.exitGroup(a, 0);
		assert.equal(k.findTask(a.pid), null);
		k.sigaction(parent, SIGCHLD, { handler: SIG_HANDLER, flags: SA_NOCLDWAIT });
		const b = k.fork(parent);
		k.exitGroup(b, 0);
		assert.equal(k.findTask(b.pid), null);
		assert.equal(parent.signal.sharedPending, sigmask(SIGCHLD));
		assert.equal(
			errnoOf(() => k.wait4(parent, -1, 0)),
			"ECHILD",
		);
	});

	it("an exit signal that kills the parent takes effect once the child's exit is done", () => {
		const { k } = setup();
		const parent = k.fork(k.init);
		const child = k.fork(parent, { exitSignal: SIGUSR1 });
		k.exitGroup(child, 0);
		assert.ok(parent.flags & PF_EXITING);
		assert.equal(parent.signal.groupExitCode, SIGUSR1);
		assert.equal(k.findTask(child.pid), null, "reaped by init after reparenting");
		assert.equal(k.findTask(parent.pid), null);
		assertInvariants(k);
	});
});

describe("orphaned process groups", () => {
	it("get SIGHUP and SIGCONT when they become orphaned with a stopped process", () => {
		const { k } = setup();
		const { sh, child } = job(k);
		const survivor = k.fork(sh);
		k.setpgid(sh, survivor.pid, 0);
		k.sigaction(survivor, SIGHUP, SIG_IGN);
		k.kill(sh, child.pid, SIGSTOP);
		k.kill(sh, survivor.pid, SIGSTOP);
		const untouched = k.fork(sh);
		k.setpgid(sh, untouched.pid, 0);
		k.exitGroup(sh, 0);
		assert.ok(child.flags & PF_EXITING, "SIGHUP killed it once continued");
		assert.equal(child.signal.groupExitCode, SIGHUP);
		assert.equal(survivor.state, TASK_RUNNING, "ignores SIGHUP, continued");
		assert.equal(untouched.flags & PF_EXITING, 0, "running: not signalled");
		assert.equal(untouched.signal.sharedPending, 0);
		assertInvariants(k);
	});
});

describe("process groups and sessions", () => {
	it("setsid() makes a new session and group; EPERM for a group leader", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		assert.equal(k.getsid(p, 0), 1);
		assert.equal(k.setsid(p), p.pid);
		assert.equal(k.getsid(p, 0), p.pid);
		assert.equal(k.getpgid(p, 0), p.pid);
		assert.equal(k.getsid(k.init, p.pid), p.pid);
		assert.equal(p.signal.leader, true);
		assert.equal(
			errnoOf(() => k.setsid(p)),
			"EPERM",
			"session leader",
		);
		const c = k.fork(p);
		k.setpgid(p, c.pid, 0);
		assert.equal(
			errnoOf(() => k.setsid(c)),
			"EPERM",
			"process group leader",
		);
		const d = k.fork(p);
		assert.equal(k.setsid(d), d.pid);
		assert.equal(
			errnoOf(() => k.getsid(p, 99999)),
			"ESRCH",
		);
		assert.equal(
			errnoOf(() => k.getpgid(p, 99999)),
			"ESRCH",
		);
		assert.equal(k.getpgid(k.init, 2), 0, "kthreadd is in the idle task's group");
		assertInvariants(k);
	});

	it("setpgid() moves the caller or a child within the session", () => {
		const { k } = setup();
		const sh = k.fork(k.init);
		k.setsid(sh);
		const a = k.fork(sh);
		const b = k.fork(sh);
		k.setpgid(sh, a.pid, 0);
		assert.equal(k.getpgid(sh, a.pid), a.pid);
		k.setpgid(sh, b.pid, a.pid);
		assert.equal(k.getpgid(b, 0), a.pid);
		k.setpgid(b, 0, 0);
		assert.equal(k.getpgid(b, 0), b.pid, "the caller itself");
		k.setpgid(b, b.pid, sh.pid);
		assert.equal(k.getpgid(b, 0), sh.pid, "back to an existing group");
		assertInvariants(k);
	});

	it("setpgid() refuses with the kernel's errnos", () => {
		const { k } = setup();
		const sh = k.fork(k.init);
		k.setsid(sh);
		const a = k.fork(sh);
		const gc = k.fork(a);
		const thread = k.fork(a, { flags: THREAD });
		assert.equal(
			errnoOf(() => k.setpgid(sh, a.pid, -1)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.setpgid(sh, 99999, 0)),
			"ESRCH",
		);
		assert.equal(
			errnoOf(() => k.setpgid(sh, gc.pid, 0)),
			"ESRCH",
			"not a child",
		);
		assert.equal(
			errnoOf(() => k.setpgid(a, sh.pid, 0)),
			"ESRCH",
			"the parent",
		);
		assert.equal(
			errnoOf(() => k.setpgid(sh, thread.pid, 0)),
			"EINVAL",
			"not a leader",
		);
		assert.equal(
			errnoOf(() => k.setpgid(sh, 0, 0)),
			"EPERM",
			"a session leader",
		);
		assert.equal(
			errnoOf(() => k.setpgid(sh, a.pid, 99999)),
			"EPERM",
			"no such group",
		);
		assert.equal(
			errnoOf(() => k.setpgid(sh, a.pid, 1)),
			"EPERM",
			"a group of another session",
		);
		const other = k.fork(sh);
		k.setsid(other);
		assert.equal(
			errnoOf(() => k.setpgid(sh, other.pid, 0)),
			"EPERM",
			"a child in another session",
		);
		const execd = k.fork(sh);
		k.exec(execd, "/bin/sleep");
		assert.equal(
			errnoOf(() => k.setpgid(sh, execd.pid, 0)),
			"EACCES",
		);
		assert.equal(
			errnoOf(() => k.setpgid(execd, 0, 0)),
			"OK",
			"itself, after exec",
		);
		assertInvariants(k);
	});

	it("frees a group's number when its last process is reaped, keeping counts exact", () => {
		const { k } = setup();
		const sh = k.fork(k.init);
		k.setsid(sh);
		const a = k.fork(sh);
		k.setpgid(sh, a.pid, 0);
		const b = k.fork(sh);
		k.setpgid(sh, b.pid, a.pid);
		k.exitGroup(a, 0);
		k.wait4(sh, a.pid, 0);
		assert.equal(k.findTask(a.pid), null);
		assert.equal(k.initPidNs.findPid(a.pid)?.attached, 1, "b still uses it as its group");
		k.exitGroup(b, 0);
		k.wait4(sh, b.pid, 0);
		assert.equal(k.initPidNs.findPid(a.pid), undefined);
		assertInvariants(k);
	});

	it("exec by a thread keeps the process in its group", () => {
		const { k } = setup();
		const { sh, child } = job(k);
		const pid = child.pid;
		const t = k.fork(child, { flags: THREAD });
		k.exec(t, "/bin/x");
		assert.equal(t.pid, pid, "the thread took the leader's pid");
		assert.equal(k.getpgid(sh, pid), pid);
		assert.equal(k.getsid(sh, pid), sh.pid);
		assertInvariants(k);
	});
});

describe("set*id", () => {
	it("setresuid() as root changes every id and drops capabilities leaving uid 0", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.setresuid(p, -1, 1000, -1);
		assert.deepEqual([p.cred.uid, p.cred.euid, p.cred.suid, p.cred.fsuid], [0, 1000, 0, 1000]);
		assert.equal(p.cred.capEffective, 0n, "euid left 0: effective cleared");
		assert.equal(p.cred.capPermitted, CAP_FULL_SET, "saved uid 0 keeps permitted");
		k.setresuid(p, -1, 0, -1);
		assert.equal(p.cred.capEffective, CAP_FULL_SET, "back to euid 0: effective = permitted");
		k.setresuid(p, 1000, 1000, 1000);
		assert.equal(p.cred.capPermitted, 0n);
		assert.equal(
			errnoOf(() => k.setresuid(p, 0, -1, -1)),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.setresuid(p, -1, 1000, 0xffffffff)),
			"OK",
		);
	});

	it("setresuid() without CAP_SETUID only permutes the current ids", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.setresuid(p, 1000, 2000, 3000);
		k.setresuid(p, 3000, 1000, 2000);
		assert.deepEqual([p.cred.uid, p.cred.euid, p.cred.suid], [3000, 1000, 2000]);
		assert.equal(
			errnoOf(() => k.setresuid(p, 4000, -1, -1)),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.setresuid(p, -2, -1, -1)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.setresuid(p, 1.5, -1, -1)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.setresuid(p, 2 ** 32, -1, -1)),
			"EINVAL",
		);
	});

	it("setresgid() and setgroups() need CAP_SETGID for new ids", () => {
		const { k } = setup();
		const p = k.fork(k.init);
		k.setgroups(p, [27, 4, 100]);
		assert.deepEqual(p.cred.groups, [4, 27, 100]);
		k.setresgid(p, 100, 101, 102);
		assert.deepEqual([p.cred.gid, p.cred.egid, p.cred.sgid, p.cred.fsgid], [100, 101, 102, 101]);
		assert.equal(
			errnoOf(() => k.setgroups(p, new Array(65537).fill(1))),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.setgroups(p, [-5])),
			"EINVAL",
		);
		k.setresuid(p, 1000, 1000, 1000);
		assert.equal(
			errnoOf(() => k.setgroups(p, [])),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.setresgid(p, 5, -1, -1)),
			"EPERM",
		);
		k.setresgid(p, 102, 100, 101);
		assert.deepEqual([p.cred.gid, p.cred.egid, p.cred.sgid], [102, 100, 101]);
	});
});

describe("/proc/<pid>/status", () => {
	it("shows the queues, mask and dispositions, as for a real process", () => {
		const h = new TestHost();
		const k = h.kernel;
		const p = h.spawn(h.spawn());
		k.sigprocmask(p, SIG_BLOCK, sigmask(SIGTERM) | sigmask(SIGUSR1));
		k.sigaction(p, SIGINT, SIG_IGN);
		k.sigaction(p, SIGUSR2, SIG_HANDLER);
		k.kill(h.init, p.pid, SIGTERM);
		k.kill(h.init, p.pid, SIGINT);
		const sig = (): string =>
			h
				.read(`/proc/${p.pid}/status`)
				.split("\n")
				.filter((l) => /^(State|SigQ|SigPnd|ShdPnd|SigBlk|SigIgn|SigCgt)/.test(l))
				.join("\n");
		assert.equal(
			sig(),
			"State:\tR (running)\nSigQ:\t1/96365\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000004000\n" +
				"SigBlk:\t0000000000004200\nSigIgn:\t0000000000000002\nSigCgt:\t0000000000000800",
		);
		k.kill(h.init, p.pid, SIGKILL);
		assert.match(sig(), /^State:\tZ \(zombie\)\nSigQ:\t1\/96365\n.*\nShdPnd:\t0000000000004100\n/);
		const q = h.spawn();
		const { child } = job(k);
		k.kill(h.init, q.pid, SIGSTOP);
		assert.match(h.read(`/proc/${q.pid}/status`), /\nState:\tT \(stopped\)\n/);
		assert.match(h.read("/proc/2/status"), /\nSigIgn:\tffffffffffffffff\n/);
		assert.match(h.read(`/proc/${child.pid}/status`), /\nSigIgn:\t0000000000000000\n/);
		h.check();
	});
});
