import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exitStatus, signalStatus } from "../../src/kernel/exit.ts";
import {
	CLONE_NEWPID,
	CLONE_PARENT,
	CLONE_SIGHAND,
	CLONE_THREAD,
	CLONE_VM,
} from "../../src/kernel/fork.ts";
import { assertInvariants } from "../../src/kernel/invariants.ts";
import { Kernel } from "../../src/kernel/kernel.ts";
import { RESERVED_PIDS } from "../../src/kernel/pid.ts";
import { SIG_IGN, SIGCHLD } from "../../src/kernel/signal.ts";
import {
	EXIT_ZOMBIE,
	PF_EXITING,
	SIGKILL,
	TASK_INTERRUPTIBLE,
	TASK_RUNNING,
	TASK_STOPPED,
	TASK_UNINTERRUPTIBLE,
} from "../../src/kernel/task.ts";
import { errnoOf } from "../support/host.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;

describe("boot tasks", () => {
	it("has init as pid 1 and kthreadd as pid 2, both root, no parent", () => {
		const k = new Kernel();
		assert.equal(k.init.pid, 1);
		assert.equal(k.kthreadd.pid, 2);
		assert.equal(k.init.comm, "init");
		assert.equal(k.kthreadd.comm, "kthreadd");
		assert.equal(k.init.realParent, null);
		assert.equal(k.kthreadd.isKthread(), true);
		assert.equal(k.kthreadd.noCgroupMigration, true);
		assertInvariants(k);
	});
});

describe("init", () => {
	it("cannot exit: the kernel would panic, and nothing changes", () => {
		const k = new Kernel();
		const t = k.fork(k.init, { flags: THREAD });
		assert.throws(() => k.exitGroup(t, 0), /Attempted to kill init!/);
		assert.equal(k.init.flags & PF_EXITING, 0);
		k.exit(t, 0);
		assert.throws(() => k.exit(k.init, 0), /Attempted to kill init!/);
		assert.equal(k.init.flags & PF_EXITING, 0);
		assertInvariants(k);
	});

	it("may be replaced by one of its threads through exec", () => {
		const k = new Kernel();
		const old = k.init;
		const t = k.fork(old, { flags: THREAD });
		k.exec(t, "/sbin/init");
		assert.equal(k.init, t);
		assert.equal(t.pid, 1);
		assert.equal(k.initPidNs.childReaper, t);
		assert.equal(t.comm, "init");
		assertInvariants(k);
	});
});

describe("pid allocation", () => {
	it("increases, wraps at pid_max back to RESERVED_PIDS and skips used numbers", () => {
		const k = new Kernel({ pidMax: 400 });
		const kept = [];
		for (let i = 3; i < 400; i++) {
			const t = k.fork(k.init);
			assert.equal(t.pid, i);
			if (i % 10 === 0) kept.push(t);
			else k.exit(t, 0);
		}
		// The next search starts at pid_max and wraps to 300, skipping survivors.
		const a = k.fork(k.init);
		assert.equal(a.pid, RESERVED_PIDS + 1, "300 is kept, so 301 comes next");
		const b = k.fork(k.init);
		assert.equal(b.pid, 302);
		assert.ok(kept.some((t) => t.pid === 300));
		assertInvariants(k);
	});

	it("fails with EAGAIN when every number is taken, and a failed fork consumes the cursor", () => {
		const k = new Kernel({ pidMax: 310 });
		const live = [];
		for (;;) {
			try {
				live.push(k.fork(k.init));
			} catch (e) {
				assert.equal((e as { code: string }).code, "EAGAIN");
				break;
			}
		}
		assert.equal(live.length, 310 - 3);
		// Numbers below RESERVED_PIDS are not handed out again once the cursor passed them.
		k.exit(live[5]!, 0);
		assert.equal(
			errnoOf(() => k.fork(k.init)),
			"EAGAIN",
		);
		const last = live[live.length - 1]!;
		assert.equal(last.pid, 309);
		k.exit(last, 0);
		assert.equal(k.fork(k.init).pid, 309);
		assertInvariants(k);
	});

	it("keeps a process-group id allocated while the group lives", () => {
		const k = new Kernel();
		const leader = k.fork(k.init);
		const member = k.fork(leader);
		// The member joins the leader's group (as setpgid would have made it).
		member.signal.pgrp.attached--;
		member.signal.pgrp = leader.threadPid;
		leader.threadPid.attached++;
		k.exit(leader, 0);
		assert.equal(k.initPidNs.findPid(leader.pid)?.nr, leader.pid, "still allocated");
		assert.equal(k.findTask(leader.pid), null, "but no task has it");
		k.exit(member, 0);
		assert.equal(k.initPidNs.findPid(leader.pid), undefined);
	});
});

describe("fork, exit and wait", () => {
	it("makes a zombie that the parent reaps with its status", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		assert.equal(child.realParent, parent);
		k.exit(child, exitStatus(3));
		assert.equal(child.exitState, EXIT_ZOMBIE);
		assert.ok(child.flags & PF_EXITING);
		assert.equal(k.findTask(child.pid), child, "a zombie keeps its pid");
		assertInvariants(k);
		assert.deepEqual(k.waitReap(parent), { pid: child.pid, status: 3 << 8 });
		assert.equal(k.findTask(child.pid), null);
		assert.equal(
			errnoOf(() => k.waitReap(parent)),
			"ECHILD",
		);
		assertInvariants(k);
	});

	it("returns null while children run, ECHILD with no matching child", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		assert.equal(k.waitReap(parent), null);
		assert.equal(
			errnoOf(() => k.waitReap(parent, child.pid + 1)),
			"ECHILD",
		);
	});

	it("reparents orphans to init, which reaps them at once", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		const grandchild = k.fork(child);
		k.exit(child, 0);
		k.exit(grandchild, 0);
		k.exit(parent, 0);
		assert.equal(k.findTask(child.pid), null);
		assert.equal(k.findTask(grandchild.pid), null);
		assert.equal(k.processes.size, 2);
		assertInvariants(k);
	});

	it("reparents a zombie child to init, which reaps it", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const child = k.fork(parent);
		k.exit(child, 0);
		assert.equal(child.exitState, EXIT_ZOMBIE);
		k.exit(parent, 0);
		assert.equal(k.findTask(child.pid), null);
		assertInvariants(k);
	});

	it("autoreaps children of a parent that ignores SIGCHLD", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		k.sigaction(parent, SIGCHLD, SIG_IGN);
		const child = k.fork(parent);
		k.exit(child, 0);
		assert.equal(k.findTask(child.pid), null);
		assert.equal(
			errnoOf(() => k.waitReap(parent)),
			"ECHILD",
		);
	});

	it("with CLONE_PARENT makes a sibling", () => {
		const k = new Kernel();
		const a = k.fork(k.init);
		const b = k.fork(a, { flags: CLONE_PARENT });
		assert.equal(b.realParent, k.init);
		assert.equal(
			errnoOf(() => k.fork(k.init, { flags: CLONE_PARENT })),
			"EINVAL",
		);
	});
});

describe("task states", () => {
	it("move between running, sleeping, disk sleep and stopped, shown in /proc", async () => {
		const { TestHost } = await import("../support/host.ts");
		const h = new TestHost();
		const t = h.spawn();
		const state = () => h.read(`/proc/${t.pid}/status`).split("\n")[2];
		assert.equal(state(), "State:\tR (running)");
		h.kernel.setState(t, TASK_INTERRUPTIBLE);
		assert.equal(state(), "State:\tS (sleeping)");
		h.kernel.setState(t, TASK_UNINTERRUPTIBLE);
		assert.equal(state(), "State:\tD (disk sleep)");
		h.kernel.setState(t, TASK_STOPPED);
		assert.equal(state(), "State:\tT (stopped)");
		h.kernel.setState(t, TASK_RUNNING);
		assert.equal(state(), "State:\tR (running)");
		const parent = h.spawn();
		const z = h.spawn(parent);
		h.kernel.exit(z, 0);
		assert.equal(
			errnoOf(() => h.kernel.setState(z, TASK_RUNNING)),
			"EINVAL",
			"a zombie stays one",
		);
	});
});

describe("threads", () => {
	it("share the process id and count in Threads", () => {
		const k = new Kernel();
		const p = k.fork(k.init);
		const t1 = k.fork(p, { flags: THREAD });
		const t2 = k.fork(t1, { flags: THREAD });
		assert.equal(t1.tgid, p.pid);
		assert.equal(t2.groupLeader, p);
		assert.equal(p.signal.nrThreads, 3);
		assert.equal(t1.exitSignal, -1);
		assert.equal(
			errnoOf(() => k.fork(p, { flags: CLONE_THREAD })),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => k.fork(p, { flags: CLONE_SIGHAND })),
			"EINVAL",
		);
		assertInvariants(k);
	});

	it("are released at once; the leader stays a zombie until the last one exits", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const p = k.fork(parent);
		const t = k.fork(p, { flags: THREAD });
		k.exit(p, exitStatus(7));
		assert.equal(p.exitState, EXIT_ZOMBIE);
		assert.equal(k.waitReap(parent), null, "not reapable while a thread runs");
		assertInvariants(k);
		k.exit(t, exitStatus(9));
		assert.equal(k.findTask(t.pid), null, "a thread reaps itself");
		assert.deepEqual(k.waitReap(parent), { pid: p.pid, status: 7 << 8 }, "the leader's code");
		assertInvariants(k);
	});

	it("exit_group reports the group exit code", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const p = k.fork(parent);
		k.fork(p, { flags: THREAD });
		k.exitGroup(p, signalStatus(SIGKILL));
		assert.deepEqual(k.waitReap(parent), { pid: p.pid, status: SIGKILL });
		assertInvariants(k);
	});

	it("exec from a non-leader thread takes over the process id", () => {
		const k = new Kernel();
		const parent = k.fork(k.init);
		const p = k.fork(parent);
		const t = k.fork(p, { flags: THREAD });
		const pid = p.pid;
		k.exec(t, "/usr/bin/some-very-long-program-name");
		assert.equal(t.pid, pid);
		assert.equal(t.tgid, pid);
		assert.equal(t.isGroupLeader(), true);
		assert.equal(t.comm, "some-very-long-");
		assert.equal(k.findTask(pid), t);
		assert.equal(t.signal.nrThreads, 1);
		assert.equal(t.realParent, parent);
		assertInvariants(k);
	});
});

describe("pid namespaces", () => {
	it("numbers tasks from 1 inside and keeps global numbers outside", () => {
		const k = new Kernel();
		const outer = k.fork(k.init);
		const init2 = k.fork(outer, { flags: CLONE_NEWPID });
		const inner = k.fork(init2);
		assert.equal(init2.pidIn(init2.pidNs), 1);
		assert.equal(inner.pidIn(init2.pidNs), 2);
		assert.equal(init2.pidNs.level, 1);
		assert.equal(outer.pidIn(init2.pidNs), 0, "the parent is invisible inside");
		assert.equal(inner.pidIn(k.initPidNs), inner.pid);
		assert.equal(init2.pidNs.childReaper, init2);
		assertInvariants(k);
	});

	it("unshare makes the next child the new namespace's init", () => {
		const k = new Kernel();
		const p = k.fork(k.init);
		k.unsharePidNs(p);
		assert.equal(
			errnoOf(() => k.unsharePidNs(p)),
			"EINVAL",
		);
		const c = k.fork(p);
		assert.equal(c.pidIn(c.pidNs), 1);
		assert.equal(p.pidNs, k.initPidNs, "the caller itself stays outside");
	});

	it("needs CAP_SYS_ADMIN", () => {
		const k = new Kernel();
		const p = k.fork(k.init);
		p.cred = p.cred.withUids(1000, 1000, 1000);
		assert.equal(
			errnoOf(() => k.fork(p, { flags: CLONE_NEWPID })),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => k.unsharePidNs(p)),
			"EPERM",
		);
	});

	it("kills and reaps every task inside when its init dies", () => {
		const k = new Kernel();
		const outer = k.fork(k.init);
		const init2 = k.fork(outer, { flags: CLONE_NEWPID });
		const a = k.fork(init2);
		const b = k.fork(a);
		k.exit(init2, 0);
		assert.equal(k.findTask(a.pid), null);
		assert.equal(k.findTask(b.pid), null);
		assert.equal(
			errnoOf(() => k.fork(init2)),
			"ENOMEM",
		);
		assert.deepEqual(k.waitReap(outer), { pid: init2.pid, status: 0 });
		assertInvariants(k);
	});
});
