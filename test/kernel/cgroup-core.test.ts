import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";
import {
	newControl,
	type TestControl,
	TestCss,
	testSubsystem,
	withTestSubsystems,
} from "../support/test-subsys.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const H = "/tmp/h";

function named(opts = "none,name=t"): TestHost {
	const h = new TestHost();
	h.mkdir(H);
	h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, opts);
	return h;
}

describe("release agent", () => {
	function withAgent(): TestHost {
		const h = named("none,name=ra,release_agent=/sbin/agent");
		h.mkdir(`${H}/a`);
		h.mkdir(`${H}/a/b`);
		h.write(`${H}/a/notify_on_release`, "1");
		h.write(`${H}/a/b/notify_on_release`, "1");
		return h;
	}
	const calls = (h: TestHost) => h.kernel.usermodeHelperCalls.map((c) => c.argv.join(" "));

	it("runs with the cgroup path when the last task leaves, as a child of kthreadd in the root cgroups", () => {
		const h = withAgent();
		const t = h.spawn();
		h.write(`${H}/a/b/tasks`, String(t.pid));
		assert.deepEqual(calls(h), []);
		let seen = "";
		h.kernel.usermodeHelper = (call) => {
			seen = h.read(`/proc/${call.task.pid}/cgroup`);
			assert.equal(call.task.realParent, h.kernel.kthreadd);
			assert.equal(call.task.cred.euid, 0);
			h.kernel.exit(call.task, 0);
			return true;
		};
		h.kernel.exit(t, 0);
		h.kernel.runPendingWork();
		assert.deepEqual(calls(h), ["/sbin/agent /a/b"], "only /a/b: /a still has a child");
		assert.deepEqual(h.kernel.usermodeHelperCalls[0]!.envp, [
			"HOME=/",
			"PATH=/sbin:/bin:/usr/sbin:/usr/bin",
		]);
		assert.ok(
			seen
				.split("\n")
				.filter((l) => l.length > 0)
				.every((l) => l.endsWith(":/")),
			seen,
		);
		h.rmdir(`${H}/a/b`);
		assert.deepEqual(
			calls(h),
			["/sbin/agent /a/b", "/sbin/agent /a"],
			"rmdir re-checks the parent",
		);
		h.check();
	});

	it("runs after a move empties the cgroup, not while children or tasks remain", () => {
		const h = withAgent();
		const t1 = h.spawn();
		const t2 = h.spawn();
		h.write(`${H}/a/b/tasks`, String(t1.pid));
		h.write(`${H}/a/b/tasks`, String(t2.pid));
		h.write(`${H}/a/tasks`, String(t1.pid));
		assert.deepEqual(calls(h), []);
		h.write(`${H}/a/tasks`, String(t2.pid));
		assert.deepEqual(calls(h), ["/sbin/agent /a/b"]);
		h.write(`${H}/tasks`, String(t1.pid));
		h.write(`${H}/tasks`, String(t2.pid));
		assert.deepEqual(calls(h), ["/sbin/agent /a/b"], "/a has a child");
	});

	it("also runs for a never-populated cgroup when its last child goes", () => {
		const h = withAgent();
		h.mkdir(`${H}/c`);
		h.write(`${H}/c/notify_on_release`, "1");
		h.mkdir(`${H}/c/d`);
		h.rmdir(`${H}/c/d`);
		assert.deepEqual(calls(h), ["/sbin/agent /c"]);
	});

	it("does nothing without notify_on_release or without an agent", () => {
		const h = named("none,name=q");
		h.mkdir(`${H}/a`);
		h.write(`${H}/a/notify_on_release`, "1");
		const t = h.spawn();
		h.write(`${H}/a/tasks`, String(t.pid));
		h.kernel.exit(t, 0);
		h.kernel.runPendingWork();
		assert.deepEqual(calls(h), [], "empty release_agent");
		h.write(`${H}/release_agent`, "/bin/agent");
		h.mkdir(`${H}/b`);
		const u = h.spawn();
		h.write(`${H}/b/tasks`, String(u.pid));
		h.kernel.exit(u, 0);
		h.kernel.runPendingWork();
		assert.deepEqual(calls(h), [], "notify_on_release 0");
	});

	it("does not fail the syscall that emptied the cgroup when the agent cannot start", () => {
		// Found by cgkit fuzz: with every pid number in use, the helper's fork fails with
		// EAGAIN; cgroup1_release_agent() ignores what call_usermodehelper() returns.
		const h = new TestHost({ pidMax: 310 });
		h.mkdir(H);
		h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, "none,name=ra,release_agent=/sbin/agent");
		for (const c of ["a", "b"]) {
			h.mkdir(`${H}/${c}`);
			h.write(`${H}/${c}/notify_on_release`, "1");
		}
		const t = h.spawn();
		const u = h.spawn();
		h.write(`${H}/a/tasks`, String(t.pid));
		h.write(`${H}/b/tasks`, String(u.pid));
		let spawned = 0;
		while (errnoOf(() => h.spawn()) === "OK") spawned++;
		assert.ok(spawned > 0 && spawned < 310);
		// The write that empties a succeeds, its agent does not run.
		assert.equal(h.write(`${H}/tasks`, String(t.pid)), String(t.pid).length);
		// So does the exit that empties b.
		h.kernel.exit(u, 0);
		h.kernel.runPendingWork();
		assert.deepEqual(calls(h), [], "no agent started");
		h.check();
	});

	it("exits the helper task when no program runs it, leaving nothing behind", () => {
		const h = withAgent();
		const t = h.spawn();
		h.write(`${H}/a/b/tasks`, String(t.pid));
		h.kernel.exit(t, 0);
		h.kernel.runPendingWork();
		const helper = h.kernel.usermodeHelperCalls[0]!.task;
		assert.equal(h.kernel.findTask(helper.pid), null);
		h.check();
	});
});

describe("css_sets", () => {
	it("are shared by tasks in the same cgroups and freed with their last task", () => {
		const h = new TestHost();
		const k = h.kernel;
		const before = k.cgroup.nrCssSets;
		const a = h.spawn();
		const b = h.spawn();
		assert.equal(a.cgroups, b.cgroups, "children share the parent's css_set");
		h.mkdir("/sys/fs/cgroup/cpu/x");
		h.write("/sys/fs/cgroup/cpu/x/tasks", String(a.pid));
		assert.notEqual(a.cgroups, b.cgroups);
		assert.equal(k.cgroup.nrCssSets, before + 1);
		h.write("/sys/fs/cgroup/cpu/x/tasks", String(b.pid));
		assert.equal(a.cgroups, b.cgroups, "found again through the hash table");
		h.write("/sys/fs/cgroup/cpu/tasks", String(a.pid));
		h.write("/sys/fs/cgroup/cpu/tasks", String(b.pid));
		assert.equal(a.cgroups, k.init.cgroups);
		assert.equal(k.cgroup.nrCssSets, before, "the unused css_set is gone");
		h.check();
	});

	it("show in /proc/<pid>/cg_list with their refcount and cgroups", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.mkdir("/sys/fs/cgroup/pids/p");
		h.write("/sys/fs/cgroup/pids/p/tasks", String(t.pid));
		const text = h.read(`/proc/${t.pid}/cg_list`);
		assert.match(text, /^css_set \d+ refcount 1 tasks 1\n9:name=systemd:\/\n8:pids:\/p\n/);
		assert.ok(text.endsWith("1:cpu:/\n0::/\n"));
	});

	it("keep a removed cgroup dying while a zombie references it", () => {
		const h = new TestHost();
		const parent = h.spawn();
		const child = h.spawn(parent);
		h.mkdir("/sys/fs/cgroup/memory/z");
		h.write("/sys/fs/cgroup/memory/z/tasks", String(child.pid));
		h.kernel.exit(child, 0);
		h.rmdir("/sys/fs/cgroup/memory/z");
		const root = h.kernel.cgroup.subsysByLegacyName("memory")!.root;
		assert.equal(root.cgrp.nrDyingDescendants, 1);
		assert.match(h.read("/proc/cgroups"), /\nmemory\t4\t2\t1\n/);
		assert.equal(
			h
				.read(`/proc/${child.pid}/cgroup`)
				.split("\n")
				.find((l) => l.startsWith("4:")),
			"4:memory:/",
			"a v1 zombie shows /",
		);
		h.check();
		h.kernel.waitReap(parent);
		assert.equal(root.cgrp.nrDyingDescendants, 0);
		assert.match(h.read("/proc/cgroups"), /\nmemory\t4\t1\t1\n/);
		h.check();
	});
});

describe("the subsystem interface and the migration transaction", () => {
	function twoControllers(together: boolean): { h: TestHost; a: TestControl; b: TestControl } {
		const a = newControl();
		const b = newControl();
		const h = new TestHost({ subsystems: withTestSubsystems(a, b) });
		h.mkdir(H);
		h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, together ? "testa,testb" : "testa");
		if (!together) {
			h.mkdir("/tmp/hb");
			h.vfs.mount(h.init, "cgroup", "/tmp/hb", "cgroup", 0, "testb");
		}
		a.log.length = 0;
		b.log.length = 0;
		return { h, a, b };
	}

	it("binds on mount, makes and onlines csses at mkdir, offlines at rmdir, frees at release", () => {
		const a = newControl();
		const b = newControl();
		const h = new TestHost({ subsystems: withTestSubsystems(a, b) });
		assert.deepEqual(a.log, [
			"testa.css_alloc /",
			"testa.css_online 0:/",
			"testa.bind 0",
			"testa.fork 1",
			"testa.fork 2",
		]);
		a.log.length = 0;
		h.mkdir(H);
		h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, "testa");
		assert.deepEqual(a.log, ["testa.css_reset 0:/", "testa.bind 10"]);
		a.log.length = 0;
		h.mkdir(`${H}/x`);
		assert.deepEqual(a.log, ["testa.css_alloc /x", "testa.css_online 10:/x"]);
		assert.ok(h.ls(`${H}/x`).includes("testa.value"));
		const parent = h.spawn();
		const t = h.spawn(parent);
		h.write(`${H}/x/tasks`, String(t.pid));
		h.kernel.exit(t, 0);
		a.log.length = 0;
		h.rmdir(`${H}/x`);
		assert.deepEqual(a.log, ["testa.css_offline 10:/x"], "still referenced by the zombie");
		a.log.length = 0;
		h.kernel.waitReap(parent);
		assert.deepEqual(a.log, [
			`testa.release ${t.pid}`,
			`testa.free ${t.pid}`,
			"testa.css_released /x",
			"testa.css_free /x",
		]);
		a.log.length = 0;
		h.vfs.umount(h.init, H);
		assert.deepEqual(a.log, ["testa.css_reset 10:/", "testa.bind 0"], "back to cgroup2");
		h.check();
	});

	it("fails mkdir cleanly when css_online refuses", () => {
		const { h, a } = twoControllers(true);
		a.vetoOnline = "ENOMEM";
		assertErrno(() => h.mkdir(`${H}/x`), "ENOMEM");
		assert.ok(!h.ls(H).includes("x"));
		a.vetoOnline = null;
		h.mkdir(`${H}/x`);
		h.check();
	});

	it("copies configuration with clone_children through css_alloc", () => {
		const { h } = twoControllers(true);
		h.write(`${H}/testa.value`, "42");
		h.mkdir(`${H}/plain`);
		h.write(`${H}/cgroup.clone_children`, "1");
		h.mkdir(`${H}/cloned`);
		assert.equal(h.read(`${H}/plain/testa.value`), "0\n");
		assert.equal(h.read(`${H}/cloned/testa.value`), "42\n");
	});

	it("prepares every involved controller, then commits them all", () => {
		const { h, a, b } = twoControllers(true);
		h.mkdir(`${H}/x`);
		const p = h.spawn();
		const t = h.kernel.fork(p, { flags: THREAD });
		a.log.length = 0;
		b.log.length = 0;
		h.write(`${H}/x/cgroup.procs`, String(p.pid));
		assert.deepEqual(a.log, [
			`testa.can_attach ${p.pid} -> 10:/x`,
			`testa.can_attach ${t.pid} -> 10:/x`,
			`testa.attach ${p.pid} -> 10:/x`,
			`testa.attach ${t.pid} -> 10:/x`,
			"testa.post_attach",
		]);
		assert.equal(b.log.length, 5);
		const css = a.lastPrepared[0]!;
		assert.ok(css instanceof TestCss);
		assert.deepEqual([css.reserved, css.attached], [0, 2]);
		h.check();
	});

	it("aborts the prepared controllers in reverse order and moves nothing on a veto", () => {
		const { h, a, b } = twoControllers(true);
		h.mkdir(`${H}/x`);
		const p = h.spawn();
		h.kernel.fork(p, { flags: THREAD });
		const csets = h.kernel.cgroup.nrCssSets;
		const order: string[] = [];
		const record = (c: TestControl) => {
			const push = c.log.push.bind(c.log);
			c.log.push = (...items: string[]) => {
				for (const i of items) order.push(i.split(" ")[0]!);
				return push(...items);
			};
		};
		record(a);
		record(b);
		b.vetoAttach = "ENOSPC";
		assertErrno(() => h.write(`${H}/x/cgroup.procs`, String(p.pid)), "ENOSPC");
		assert.deepEqual(order, [
			"testa.can_attach",
			"testa.can_attach",
			"testb.can_attach",
			"testb.can_attach",
			"testa.cancel_attach",
			"testa.cancel_attach",
			"testa.post_attach",
			"testb.post_attach",
		]);
		assert.equal(h.read(`${H}/x/tasks`), "", "nothing moved");
		assert.equal(
			order.filter((o) => o !== "testa.post_attach" && o !== "testb.post_attach").length,
			6,
		);
		assert.equal(h.kernel.cgroup.nrCssSets, csets, "no css_set left behind");
		assert.equal(a.lastPrepared[0]!.reserved, 0, "reservations given back");
		h.check();
		a.vetoAttach = "EPERM";
		b.vetoAttach = null;
		order.length = 0;
		assertErrno(() => h.write(`${H}/x/tasks`, String(p.pid)), "EPERM");
		assert.deepEqual(
			order,
			["testa.can_attach", "testa.post_attach", "testb.post_attach"],
			"testb is never asked to prepare",
		);
	});

	it("involves only controllers whose css changes", () => {
		const { h, a, b } = twoControllers(false);
		h.mkdir(`${H}/x`);
		const t = h.spawn();
		a.log.length = 0;
		b.log.length = 0;
		h.write(`${H}/x/tasks`, String(t.pid));
		assert.deepEqual(a.log.slice(0, 2), [
			`testa.can_attach ${t.pid} -> 10:/x`,
			`testa.attach ${t.pid} -> 10:/x`,
		]);
		assert.deepEqual(b.log, ["testb.post_attach"], "only post_attach, as every controller gets it");
		a.log.length = 0;
		h.write(`${H}/x/tasks`, String(t.pid));
		assert.deepEqual(a.log, ["testa.post_attach"], "already there: a no-op");
	});

	it("lets can_fork veto a fork; earlier controllers cancel, the pid is consumed", () => {
		const { h, a, b } = twoControllers(true);
		const next = h.spawn().pid + 1;
		const before = h.kernel.processes.size;
		b.vetoFork = "EAGAIN";
		a.log.length = 0;
		assertErrno(() => h.spawn(), "EAGAIN");
		assert.deepEqual(a.log, [`testa.can_fork ${next}`, `testa.cancel_fork ${next}`]);
		assert.equal(h.kernel.processes.size, before);
		b.vetoFork = null;
		assert.equal(h.spawn().pid, next + 1);
		h.check();
	});

	it("calls fork, exit and release for every task", () => {
		const { h, a } = twoControllers(true);
		const parent = h.spawn();
		a.log.length = 0;
		const t = h.spawn(parent);
		h.kernel.exit(t, 0);
		h.kernel.waitReap(parent);
		assert.deepEqual(a.log, [
			`testa.can_fork ${t.pid}`,
			`testa.fork ${t.pid}`,
			`testa.exit ${t.pid}`,
			`testa.release ${t.pid}`,
			`testa.free ${t.pid}`,
		]);
	});

	it("drops the prefix with noprefix, which only cpuset may use", () => {
		const a = newControl();
		const subsystems = withTestSubsystems(a, newControl()).map((d) =>
			d.legacyName === "cpuset" ? testSubsystem("cpuset", a) : d,
		);
		const h = new TestHost({ layout: "bare", subsystems });
		h.mkdir(H);
		h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, "cpuset,noprefix");
		assert.ok(h.ls(H).includes("value") && !h.ls(H).includes("cpuset.value"));
		h.vfs.umount(h.init, H);
		h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, "cpuset");
		assert.ok(h.ls(H).includes("cpuset.value"));
		h.vfs.umount(h.init, H);
		assert.equal(
			errnoOf(() => h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, "testa,noprefix")),
			"EINVAL",
		);
	});

	it("prefixes controller files with the legacy name", () => {
		const { h } = twoControllers(true);
		assert.ok(h.ls(H).includes("testa.value") && h.ls(H).includes("testb.value"));
		assert.equal(
			errnoOf(() => h.write(`${H}/testa.value`, "x")),
			"EINVAL",
		);
		assert.equal(h.vfs.stat(h.init, `${H}/testa.value`).mode & 0o777, 0o644);
	});
});
