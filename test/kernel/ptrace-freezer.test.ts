/**
 * ptrace(2) and the cgroup2 freezer: test_cgfreezer_ptrace and
 * test_cgfreezer_ptraced of tools/testing/selftests/cgroup/test_freezer.c,
 * the trace stop's wait reporting, and the errnos of the requests.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { __WALL, WNOHANG } from "../../src/kernel/exit.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import {
	CAP_SYS_PTRACE,
	PTRACE_CONT,
	PTRACE_DETACH,
	PTRACE_GETSIGINFO,
	PTRACE_INTERRUPT,
	PTRACE_KILL,
	PTRACE_LISTEN,
	PTRACE_O_EXITKILL,
	PTRACE_O_SUSPEND_SECCOMP,
	PTRACE_SEIZE,
	ptraceRequest,
} from "../../src/kernel/ptrace.ts";
import { SIGKILL, SIGTERM } from "../../src/kernel/signal.ts";
import {
	EXIT_ZOMBIE,
	SUID_DUMP_DISABLE,
	setDumpable,
	TASK_INTERRUPTIBLE,
	type Task,
} from "../../src/kernel/task.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const R = "/sys/fs/cgroup";
/** The wait status of a PTRACE_EVENT_STOP trap: (SIGTRAP | PTRACE_EVENT_STOP << 8) << 8 | 0x7f. */
const EVENT_STOP_STATUS = 0x80057f;

function setup(cg: string): { h: TestHost; parent: Task; child: Task } {
	const h = new TestHost({ layout: "v2" });
	h.mkdir(`${R}/${cg}`);
	const parent = h.spawn();
	const child = h.spawn(parent);
	// child_fn: a process sleeping in pause()/usleep().
	h.kernel.setState(child, TASK_INTERRUPTIBLE);
	h.write(`${R}/${cg}/cgroup.procs`, `${child.pid}`);
	return { h, parent, child };
}

const pt = (h: TestHost, tracer: Task, req: number, pid: number, addr = 0, data = 0) =>
	ptraceRequest(h.kernel, tracer, req, pid, addr, data);
const events = (h: TestHost, cg: string) => h.read(`${R}/${cg}/cgroup.events`);
const state = (h: TestHost, t: Task) => /State:\t(.*)\n/.exec(h.read(`/proc/${t.pid}/status`))?.[1];

describe("test_cgfreezer_ptrace: ptrace works on a task of a frozen cgroup", () => {
	it("seize and interrupt a frozen task: the cgroup stays frozen, before and after detach", () => {
		const { h, parent, child } = setup("cg_test_ptrace");
		h.write(`${R}/cg_test_ptrace/cgroup.freeze`, "1");
		assert.equal(events(h, "cg_test_ptrace"), "populated 1\nfrozen 1\n");
		assert.equal(pt(h, parent, PTRACE_SEIZE, child.pid), 0);
		assert.equal(state(h, child), "S (sleeping)", "SEIZE does not stop the tracee");
		assert.equal(pt(h, parent, PTRACE_INTERRUPT, child.pid), 0);
		assert.equal(state(h, child), "t (tracing stop)");
		assert.deepEqual(h.kernel.wait4(parent, child.pid, 0), {
			pid: child.pid,
			status: EVENT_STOP_STATUS,
		});
		assert.equal(h.kernel.wait4(parent, child.pid, WNOHANG), null, "reported once");
		assert.equal(events(h, "cg_test_ptrace"), "populated 1\nfrozen 1\n");
		assert.equal(child.cgFrozen, true);
		assert.deepEqual(pt(h, parent, PTRACE_GETSIGINFO, child.pid), {
			signo: 5,
			errno: 0,
			code: 0x8005,
			pid: child.pid,
			uid: 0,
		});
		h.check();
		assert.equal(pt(h, parent, PTRACE_DETACH, child.pid), 0);
		assert.equal(events(h, "cg_test_ptrace"), "populated 1\nfrozen 1\n");
		assert.equal(child.cgFrozen, true, "back in the freezer trap");
		assert.equal(state(h, child), "S (sleeping)");
		assert.equal(child.tracer, null);
		assert.equal(parent.ptraced?.size, 0);
		h.check();
		h.write(`${R}/cg_test_ptrace/cgroup.freeze`, "0");
		assert.equal(events(h, "cg_test_ptrace"), "populated 1\nfrozen 0\n");
		assert.equal(child.cgFrozen, false);
		h.check();
	});
});

describe("test_cgfreezer_ptraced: a cgroup with a task in a trace stop can be frozen", () => {
	it("the traced task counts as frozen only while the cgroup freezes, and stays traced when thawed", () => {
		const { h, parent, child } = setup("cg_test_ptraced");
		pt(h, parent, PTRACE_SEIZE, child.pid);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		assert.equal(h.kernel.wait4(parent, child.pid, 0)?.status, EVENT_STOP_STATUS);
		assert.equal(events(h, "cg_test_ptraced"), "populated 1\nfrozen 0\n");
		assert.equal(child.cgFrozen, true, "ptrace_stop() enters the frozen state");
		h.write(`${R}/cg_test_ptraced/cgroup.freeze`, "1");
		assert.equal(events(h, "cg_test_ptraced"), "populated 1\nfrozen 1\n");
		h.write(`${R}/cg_test_ptraced/cgroup.freeze`, "0");
		assert.equal(events(h, "cg_test_ptraced"), "populated 1\nfrozen 0\n");
		assert.equal(state(h, child), "t (tracing stop)", "the thaw does not wake TASK_TRACED");
		assert.equal(child.cgFrozen, true);
		assert.equal(pt(h, parent, PTRACE_GETSIGINFO, child.pid) !== 0, true);
		h.check();
		pt(h, parent, PTRACE_DETACH, child.pid);
		assert.equal(child.cgFrozen, false);
		assert.equal(state(h, child), "S (sleeping)", "back to its sleep");
		assert.equal(events(h, "cg_test_ptraced"), "populated 1\nfrozen 0\n");
		h.check();
	});

	it("a traced task resumed in a freezing cgroup goes into the freezer trap; a thaw then releases it", () => {
		const { h, parent, child } = setup("f");
		pt(h, parent, PTRACE_SEIZE, child.pid);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		h.write(`${R}/f/cgroup.freeze`, "1");
		assert.equal(pt(h, parent, PTRACE_CONT, child.pid), 0);
		assert.equal(state(h, child), "S (sleeping)");
		assert.equal(child.cgFrozen, true);
		assert.equal(events(h, "f"), "populated 1\nfrozen 1\n");
		h.write(`${R}/f/cgroup.freeze`, "0");
		assert.equal(child.cgFrozen, false);
		assert.equal(events(h, "f"), "populated 1\nfrozen 0\n");
		h.check();
	});

	it("a traced task moved into a frozen cgroup keeps it frozen; moved out, it stays in its trace stop", () => {
		const { h, parent, child } = setup("a");
		h.mkdir(`${R}/b`);
		h.write(`${R}/b/cgroup.freeze`, "1");
		pt(h, parent, PTRACE_SEIZE, child.pid);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		h.write(`${R}/b/cgroup.procs`, `${child.pid}`);
		assert.equal(events(h, "b"), "populated 1\nfrozen 1\n");
		h.write(`${R}/a/cgroup.procs`, `${child.pid}`);
		assert.equal(events(h, "b"), "populated 0\nfrozen 1\n");
		assert.equal(events(h, "a"), "populated 1\nfrozen 0\n");
		assert.equal(state(h, child), "t (tracing stop)");
		assert.equal(child.cgFrozen, true);
		h.check();
	});
});

describe("ptrace traps and wait", () => {
	it("INTERRUPT during a trap re-traps after CONT; CONT resumes; each trap is reported once", () => {
		const { h, parent, child } = setup("c");
		pt(h, parent, PTRACE_SEIZE, child.pid);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		assert.equal(h.kernel.wait4(parent, -1, 0)?.status, EVENT_STOP_STATUS);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		assert.equal(h.kernel.wait4(parent, -1, WNOHANG), null, "the current trap is not disturbed");
		pt(h, parent, PTRACE_CONT, child.pid);
		assert.equal(state(h, child), "t (tracing stop)", "the pending trap is taken");
		assert.equal(h.kernel.wait4(parent, -1, WNOHANG)?.status, EVENT_STOP_STATUS);
		pt(h, parent, PTRACE_CONT, child.pid);
		assert.equal(state(h, child), "S (sleeping)");
		assert.equal(child.cgFrozen, false);
		assert.equal(h.kernel.wait4(parent, -1, WNOHANG), null);
		assertErrno(() => pt(h, parent, PTRACE_CONT, child.pid), "ESRCH", "not stopped");
		assertErrno(() => pt(h, parent, PTRACE_GETSIGINFO, child.pid), "ESRCH");
		h.check();
	});

	it("LISTEN hides the trap from wait and ptrace until INTERRUPT re-traps", () => {
		const { h, parent, child } = setup("l");
		assertErrno(() => pt(h, parent, PTRACE_LISTEN, child.pid), "ESRCH", "not traced");
		pt(h, parent, PTRACE_SEIZE, child.pid);
		assertErrno(() => pt(h, parent, PTRACE_LISTEN, child.pid), "ESRCH", "not stopped");
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		assert.equal(pt(h, parent, PTRACE_LISTEN, child.pid), 0);
		assert.equal(h.kernel.wait4(parent, child.pid, WNOHANG), null, "not reported while listening");
		assertErrno(() => pt(h, parent, PTRACE_CONT, child.pid), "ESRCH");
		assert.equal(state(h, child), "t (tracing stop)");
		assert.equal(child.cgFrozen, true);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		assert.equal(h.kernel.wait4(parent, child.pid, WNOHANG)?.status, EVENT_STOP_STATUS);
		assert.equal(pt(h, parent, PTRACE_CONT, child.pid), 0);
		h.check();
	});

	it("a tracer that is not the parent gets the trap; the parent does not", () => {
		const { h, parent, child } = setup("n");
		const tracer = h.spawn();
		pt(h, tracer, PTRACE_SEIZE, child.pid);
		pt(h, tracer, PTRACE_INTERRUPT, child.pid);
		assert.equal(h.kernel.wait4(parent, -1, WNOHANG), null, "the real parent sees no trace stop");
		assert.deepEqual(h.kernel.wait4(tracer, -1, 0), {
			pid: child.pid,
			status: EVENT_STOP_STATUS,
		});
		pt(h, tracer, PTRACE_DETACH, child.pid);
		assertErrno(() => h.kernel.wait4(tracer, -1, WNOHANG), "ECHILD", "no tracee left");
		h.check();
	});

	it("an exiting tracer detaches its tracees, which run again (EXITKILL kills them)", () => {
		const { h, parent, child } = setup("x");
		const tracer = h.spawn();
		pt(h, tracer, PTRACE_SEIZE, child.pid);
		pt(h, tracer, PTRACE_INTERRUPT, child.pid);
		h.kernel.exit(tracer, 0);
		assert.equal(child.tracer, null);
		assert.equal(child.ptrace, 0);
		assert.equal(state(h, child), "S (sleeping)");
		assert.equal(child.cgFrozen, false);
		h.check();

		const t2 = h.spawn();
		pt(h, t2, PTRACE_SEIZE, child.pid, 0, PTRACE_O_EXITKILL);
		h.kernel.exit(t2, 0);
		assert.deepEqual(h.kernel.waitReap(parent, child.pid), { pid: child.pid, status: SIGKILL });
		h.check();
	});

	it("SIGKILL ends a trace stop; other signals wait until the tracee resumes", () => {
		const { h, parent, child } = setup("k");
		h.write(`${R}/k/cgroup.freeze`, "1");
		pt(h, parent, PTRACE_SEIZE, child.pid);
		pt(h, parent, PTRACE_INTERRUPT, child.pid);
		h.kernel.kill(h.init, child.pid, SIGKILL);
		assert.equal(child.signal.live, 0);
		assert.deepEqual(h.kernel.waitReap(parent, child.pid), { pid: child.pid, status: SIGKILL });
		assert.equal(events(h, "k"), "populated 0\nfrozen 1\n");
		assert.equal(parent.ptraced?.size, 0);
		h.check();

		const c2 = h.spawn(parent);
		pt(h, parent, PTRACE_SEIZE, c2.pid);
		pt(h, parent, PTRACE_INTERRUPT, c2.pid);
		h.kernel.kill(h.init, c2.pid, SIGTERM);
		assert.equal(state(h, c2), "t (tracing stop)", "SIGTERM does not wake TASK_TRACED");
		assert.equal(c2.signal.live, 1);
		pt(h, parent, PTRACE_CONT, c2.pid);
		assert.equal(c2.signal.live, 0, "acted on when resumed");
		assert.deepEqual(h.kernel.waitReap(parent, c2.pid), { pid: c2.pid, status: SIGTERM });

		const c3 = h.spawn(parent);
		pt(h, parent, PTRACE_SEIZE, c3.pid);
		pt(h, parent, PTRACE_INTERRUPT, c3.pid);
		assert.equal(pt(h, parent, PTRACE_KILL, c3.pid), 0);
		assert.deepEqual(h.kernel.waitReap(parent, c3.pid), { pid: c3.pid, status: SIGKILL });
		h.check();
	});
});

describe("ptrace errnos", () => {
	it("ESRCH, EPERM, EIO as the kernel gives them", () => {
		const { h, parent, child } = setup("e");
		assertErrno(() => pt(h, parent, PTRACE_INTERRUPT, 99999), "ESRCH", "no such pid");
		assertErrno(() => pt(h, parent, PTRACE_SEIZE, 99999), "ESRCH");
		for (const req of [PTRACE_INTERRUPT, PTRACE_CONT, PTRACE_DETACH, PTRACE_GETSIGINFO, 3, 0x4299])
			assertErrno(() => pt(h, parent, req, child.pid), "ESRCH", `untraced, request ${req}`);
		assertErrno(() => pt(h, parent, PTRACE_SEIZE, parent.pid), "EPERM", "itself");
		assertErrno(() => pt(h, parent, PTRACE_SEIZE, h.kernel.kthreadd.pid), "EPERM", "kthread");
		assertErrno(() => pt(h, parent, PTRACE_SEIZE, child.pid, 1), "EIO", "addr");
		assertErrno(() => pt(h, parent, PTRACE_SEIZE, child.pid, 0, 1 << 8), "EIO", "options");
		const user = h.spawnAs(1000);
		assertErrno(
			() => pt(h, user, PTRACE_SEIZE, child.pid, 0, PTRACE_O_SUSPEND_SECCOMP),
			"EPERM",
			"SUSPEND_SECCOMP needs CAP_SYS_ADMIN",
		);
		assertErrno(() => pt(h, user, PTRACE_SEIZE, child.pid), "EPERM", "foreign uid");
		assert.equal(child.ptrace, 0, "a refused seize leaves it untraced");

		assert.equal(pt(h, parent, PTRACE_SEIZE, child.pid), 0);
		assertErrno(() => pt(h, parent, PTRACE_SEIZE, child.pid), "EPERM", "already traced");
		const other = h.spawn();
		assertErrno(() => pt(h, other, PTRACE_SEIZE, child.pid), "EPERM", "a second tracer");
		assertErrno(() => pt(h, other, PTRACE_INTERRUPT, child.pid), "ESRCH", "not its tracee");
		assertErrno(() => pt(h, parent, PTRACE_CONT, child.pid), "ESRCH", "running");
		assert.equal(pt(h, parent, PTRACE_INTERRUPT, child.pid), 0, "INTERRUPT ignores the state");
		assertErrno(() => pt(h, parent, 3, child.pid), "EIO", "PTRACE_PEEKUSR is not modelled");
		assertErrno(() => pt(h, parent, 0x4299, child.pid), "EIO", "unknown request");
		assertErrno(() => pt(h, parent, PTRACE_CONT, child.pid, 0, 64 + 1), "EIO", "bad signal");
		assertErrno(() => pt(h, parent, PTRACE_DETACH, child.pid, 0, -1), "EIO", "bad signal");
		assertErrno(() => pt(h, other, PTRACE_DETACH, child.pid), "ESRCH", "not its tracee");
		assert.equal(child.tracer, parent, "refused requests change nothing");
		assert.equal(pt(h, parent, PTRACE_DETACH, child.pid), 0);
		h.check();
	});

	it("same ids or CAP_SYS_PTRACE; a non-dumpable target needs CAP_SYS_PTRACE", () => {
		const h = new TestHost({ layout: "v2" });
		const a = h.spawnAs(1000);
		const b = h.spawnAs(1000);
		const c = h.spawnAs(1001);
		assert.equal(pt(h, a, PTRACE_SEIZE, b.pid), 0, "same uid and gid");
		assertErrno(() => pt(h, a, PTRACE_SEIZE, c.pid), "EPERM");
		const d = h.spawnAs(1000, 1001);
		assertErrno(() => pt(h, a, PTRACE_SEIZE, d.pid), "EPERM", "another gid");
		const capped = h.spawnAs(1000);
		capped.cred = capped.cred.withCaps({ effective: 1n << BigInt(CAP_SYS_PTRACE) });
		assert.equal(pt(h, capped, PTRACE_SEIZE, c.pid), 0, "CAP_SYS_PTRACE");
		const e = h.spawnAs(1000);
		setDumpable(e, SUID_DUMP_DISABLE);
		assertErrno(() => pt(h, a, PTRACE_SEIZE, e.pid), "EPERM", "not dumpable");
		assert.equal(pt(h, capped, PTRACE_SEIZE, e.pid), 0, "not dumpable, CAP_SYS_PTRACE");
		assert.equal(pt(h, h.init, PTRACE_SEIZE, d.pid), 0, "root");
		h.check();
	});
});

describe("the exit of a traced task (exit_notify(), wait_task_zombie(), __ptrace_detach())", () => {
	/** Whom do_notify_parent() tells of each exit, in order. */
	function toldOf(h: TestHost): Task[] {
		const told: Task[] = [];
		h.kernel.onChildExit((parent) => told.push(parent));
		return told;
	}

	it("a tracer that is not the parent collects the exit first; then the parent is told and reaps it", () => {
		const { h, parent, child } = setup("z");
		const tracer = h.spawn();
		const told = toldOf(h);
		pt(h, tracer, PTRACE_SEIZE, child.pid);
		h.kernel.kill(h.init, child.pid, SIGKILL);
		assert.equal(child.exitState, EXIT_ZOMBIE);
		assert.equal(child.tracer, tracer, "still traced as a zombie");
		assert.deepEqual(told, [tracer], "the tracer is told, the parent not yet");
		assert.equal(h.kernel.wait4(parent, child.pid, WNOHANG), null, "not reapable, not ECHILD");
		assert.deepEqual(h.kernel.wait4(tracer, -1, __WALL), { pid: child.pid, status: SIGKILL });
		assert.equal(child.tracer, null);
		assert.equal(tracer.ptraced?.size, 0);
		assert.equal(child.exitState, EXIT_ZOMBIE, "the tracer does not reap it");
		assert.deepEqual(told, [tracer, parent], "now the parent is told");
		assertErrno(() => h.kernel.wait4(tracer, -1, WNOHANG), "ECHILD");
		assert.deepEqual(h.kernel.wait4(parent, child.pid, 0), { pid: child.pid, status: SIGKILL });
		h.check();
	});

	it("a tracer that exits without collecting hands the zombie back to its parent", () => {
		const { h, parent, child } = setup("y");
		const tracer = h.spawn();
		pt(h, tracer, PTRACE_SEIZE, child.pid);
		h.kernel.kill(h.init, child.pid, SIGTERM);
		assert.equal(h.kernel.wait4(parent, -1, WNOHANG), null);
		h.kernel.exit(tracer, 0);
		assert.equal(child.tracer, null);
		assert.deepEqual(h.kernel.wait4(parent, -1, WNOHANG), { pid: child.pid, status: SIGTERM });
		h.check();
	});

	it("init, which reaps everything itself, hands a dead tracee back to its real parent at once", () => {
		const { h, parent, child } = setup("v");
		pt(h, h.init, PTRACE_SEIZE, child.pid);
		h.kernel.kill(h.init, child.pid, SIGKILL);
		assert.equal(child.tracer, null);
		assert.deepEqual(h.kernel.wait4(parent, child.pid, WNOHANG), {
			pid: child.pid,
			status: SIGKILL,
		});
		h.check();
	});

	it("a traced thread's exit is its tracer's to collect; the thread is released then", () => {
		const { h, child } = setup("w");
		const thread = h.kernel.fork(child, { flags: CLONE_VM | CLONE_SIGHAND | CLONE_THREAD });
		const tracer = h.spawn();
		pt(h, tracer, PTRACE_SEIZE, thread.pid);
		h.kernel.exit(thread, 0);
		assert.equal(thread.exitState, EXIT_ZOMBIE);
		assert.equal(thread.released, false);
		const threads = () => h.read(`/proc/${child.pid}/status`).match(/Threads:\t(\d+)/)?.[1];
		assert.equal(threads(), "2", "a zombie thread counts until released (__exit_signal())");
		assert.deepEqual(h.kernel.wait4(tracer, thread.pid, __WALL), { pid: thread.pid, status: 0 });
		assert.equal(thread.released, true);
		assert.equal(threads(), "1");
		assert.equal(child.signal.live, 1, "the process goes on");
		h.check();
	});
});
