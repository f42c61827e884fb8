/**
 * The cgroup2 core on a v2-booted host: controller distribution through
 * cgroup.subtree_control (effective csses, css_set migration, dependencies,
 * hiding and resetting), the no-internal-process and threaded rules, the
 * freezer, kill and the counters of cgroup.stat.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_SUBSYSTEMS } from "../../src/kernel/cgroup/builtin.ts";
import { CLONE_NEWCGROUP, ksysUnshare } from "../../src/kernel/fork.ts";
import type { Task } from "../../src/kernel/task.ts";
import { V2_ROOT_SUBTREE_CONTROL } from "../../src/userland/boot.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { newControl, type TestControl, testSubsystem } from "../support/test-subsys.ts";

const R = "/sys/fs/cgroup";

/** A v2 host with "testa" (threaded) and "testb" (depends on testa). */
function v2Host(): { h: TestHost; a: TestControl; b: TestControl } {
	const a = newControl();
	const b = newControl();
	const h = new TestHost({
		layout: "v2",
		subsystems: [
			...BUILTIN_SUBSYSTEMS,
			testSubsystem("testa", a, "testa", { threaded: true }),
			testSubsystem("testb", b, "testb", { dependsOn: ["testa"] }),
		],
	});
	return { h, a, b };
}

function cgroupOf(h: TestHost, t: Task): string {
	return h.read(`/proc/${t.pid}/cgroup`);
}

describe("cgroup2 boot", () => {
	it("the v2 layout enables what systemd enables in the root", () => {
		const h = new TestHost({ layout: "v2" });
		assert.equal(h.read(`${R}/cgroup.subtree_control`), "cpuset cpu io memory hugetlb pids\n");
		assert.equal(V2_ROOT_SUBTREE_CONTROL, "+cpuset +cpu +io +memory +hugetlb +pids");
		assert.equal(h.read(`${R}/cgroup.controllers`), "cpuset cpu io memory hugetlb pids\n");
		h.mkdir(`${R}/a`);
		assert.equal(h.read(`${R}/a/cgroup.controllers`), "cpuset cpu io memory hugetlb pids\n");
		assert.equal(h.read(`${R}/a/cgroup.subtree_control`), "");
		h.check();
	});
});

describe("cgroup.subtree_control", () => {
	it("enabling creates child csses, shows their files and moves the tasks to them", () => {
		const { h, a } = v2Host();
		h.mkdir(`${R}/p`);
		h.mkdir(`${R}/p/c`);
		const t = h.spawn();
		h.write(`${R}/p/c/cgroup.procs`, `${t.pid}`);
		assert.equal(h.ls(`${R}/p/c`).includes("testa.value"), false);
		const ss = h.kernel.cgroup.subsysByName("testa")!;
		const rootCss = h.kernel.cgroup.dflRoot.cgrp.subsys(ss.id);
		assert.equal(t.cgroups!.subsys[ss.id], rootCss);

		h.write(`${R}/cgroup.subtree_control`, "+testa");
		assert.equal(h.ls(`${R}/p`).includes("testa.value"), true);
		assert.equal(h.ls(`${R}/p/c`).includes("testa.value"), false);
		const p = h.kernel.cgroup.dflRoot.cgrp.children.get("p")!;
		assert.equal(t.cgroups!.subsys[ss.id], p.subsys(ss.id), "effective css of p serves c");

		a.log.length = 0;
		h.write(`${R}/p/cgroup.subtree_control`, "+testa");
		const c = p.children.get("c")!;
		assert.equal(t.cgroups!.subsys[ss.id], c.subsys(ss.id));
		assert.deepEqual(
			a.log.filter((l) => !l.endsWith("post_attach")),
			[
				"testa.css_alloc /p/c",
				"testa.css_online 0:/p/c",
				`testa.can_attach ${t.pid} -> 0:/p/c`,
				`testa.attach ${t.pid} -> 0:/p/c`,
			],
		);
		h.write(`${R}/p/c/testa.value`, "7");
		assert.equal(h.read(`${R}/p/c/testa.value`), "7\n");

		a.log.length = 0;
		h.write(`${R}/p/cgroup.subtree_control`, "-testa");
		assert.equal(h.ls(`${R}/p/c`).includes("testa.value"), false);
		assert.equal(t.cgroups!.subsys[ss.id], p.subsys(ss.id));
		assert.ok(a.log.includes("testa.css_offline 0:/p/c"));
		assert.ok(a.log.includes(`testa.attach ${t.pid} -> 0:/p`));
		h.check();
	});

	it("a dependency is enabled hidden, and reset when it stops being enabled", () => {
		const { h, a } = v2Host();
		h.mkdir(`${R}/p`);
		h.write(`${R}/cgroup.subtree_control`, "+testb");
		assert.equal(
			h.read(`${R}/cgroup.subtree_control`),
			"cpuset cpu io memory hugetlb pids testb\n",
		);
		const files = h.ls(`${R}/p`);
		assert.ok(files.includes("testb.value"));
		assert.equal(files.includes("testa.value"), false, "testa is there only as a dependency");
		const p = h.kernel.cgroup.dflRoot.cgrp.children.get("p")!;
		assert.notEqual(p.subsys(h.kernel.cgroup.subsysByName("testa")!.id), null);

		h.write(`${R}/cgroup.subtree_control`, "+testa");
		h.write(`${R}/p/testa.value`, "9");
		a.log.length = 0;
		h.write(`${R}/cgroup.subtree_control`, "-testa");
		assert.deepEqual(a.log, ["testa.css_reset 0:/p"]);
		assert.equal(h.ls(`${R}/p`).includes("testa.value"), false);
		h.write(`${R}/cgroup.subtree_control`, "+testa");
		assert.equal(h.read(`${R}/p/testa.value`), "0\n", "reset restored the default");
		h.check();
	});

	it("refuses to disable what a child still enables, and to enable where tasks live", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/p`);
		h.mkdir(`${R}/p/c`);
		h.write(`${R}/cgroup.subtree_control`, "+pids");
		h.write(`${R}/p/cgroup.subtree_control`, "+pids +memory");
		assertErrno(() => h.write(`${R}/cgroup.subtree_control`, "-pids"), "EBUSY");
		assertErrno(() => h.write(`${R}/p/cgroup.subtree_control`, "+testa"), "ENOENT");
		const t = h.spawn();
		h.write(`${R}/p/c/cgroup.procs`, `${t.pid}`);
		// The no-internal-process rule, both ways round (for domain controllers).
		assertErrno(() => h.write(`${R}/p/c/cgroup.subtree_control`, "+memory"), "EBUSY");
		assertErrno(() => h.write(`${R}/p/cgroup.procs`, `${t.pid}`), "EBUSY");
		assert.equal(cgroupOf(h, t), "0::/p/c\n");
		// The root is exempt.
		h.write(`${R}/cgroup.procs`, `${t.pid}`);
		assert.equal(cgroupOf(h, t), "0::/\n");
		h.check();
	});

	it("rejects bad tokens before anything changes", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/p`);
		for (const bad of ["testa", "+testa +nosuch", "+freezer", "+ testa", "*testa"]) {
			assertErrno(() => h.write(`${R}/cgroup.subtree_control`, bad), "EINVAL", bad);
		}
		assert.equal(
			h.read(`${R}/cgroup.subtree_control`),
			V2_ROOT_SUBTREE_CONTROL.replace(/\+/g, "").concat("\n"),
		);
		h.check();
	});
});

describe("threaded mode", () => {
	it("a cgroup with processes may enable threaded controllers and becomes a thread root", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir(`${R}/a/b`);
		const t = h.spawn();
		h.write(`${R}/a/cgroup.procs`, `${t.pid}`);
		h.write(`${R}/a/cgroup.subtree_control`, "+pids");
		assert.equal(h.read(`${R}/a/cgroup.type`), "domain threaded\n");
		assert.equal(h.read(`${R}/a/b/cgroup.type`), "domain invalid\n");
		assertErrno(() => h.write(`${R}/a/cgroup.subtree_control`, "+memory"), "EOPNOTSUPP");
		h.check();
	});

	it("a css_set is not reused once its thread root changed: a process back in a threaded cgroup shows in the new root's cgroup.procs (compare_css_sets())", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir(`${R}/a/b`);
		h.mkdir(`${R}/a/b/c`);
		h.write(`${R}/a/b/c/cgroup.type`, "threaded");
		const t = h.spawn();
		h.write(`${R}/a/b/c/cgroup.procs`, `${t.pid}`);
		assert.equal(h.read(`${R}/a/b/cgroup.procs`), `${t.pid}\n`);
		h.write(`${R}/cgroup.procs`, `${t.pid}`);
		h.write(`${R}/a/b/cgroup.type`, "threaded");
		h.write(`${R}/a/b/c/cgroup.procs`, `${t.pid}`);
		assert.equal(h.read(`${R}/a/cgroup.procs`), `${t.pid}\n`, "a is c's thread root now");
		assert.equal(t.cgroups!.domCset.dflCgrp, t.cgroups!.dflCgrp.domCgrp);
		h.check();
	});

	it("a css_set a namespace kept from before its cgroup turned threaded takes no task: a new one links to the thread root", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir(`${R}/a/x`);
		const t = h.spawn();
		h.write(`${R}/a/x/cgroup.procs`, `${t.pid}`);
		const held = t.cgroups!;
		ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
		h.write(`${R}/cgroup.procs`, `${t.pid}`);
		h.write(`${R}/a/x/cgroup.type`, "threaded");
		h.write(`${R}/a/x/cgroup.procs`, `${t.pid}`);
		assert.notEqual(t.cgroups, held);
		assert.equal(t.cgroups!.domCset.dflCgrp, h.kernel.cgroup.dflRoot.cgrp.children.get("a"));
		assert.equal(h.read(`${R}/a/cgroup.procs`), `${t.pid}\n`);
		h.check();
	});

	it("cgroup.kill reaches a process whose leader has exited through its live threads", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/k`);
		const p = h.spawn();
		h.write(`${R}/k/cgroup.procs`, `${p.pid}`);
		const th = h.kernel.fork(p, { flags: 0x00010000 | 0x00000800 | 0x00000100 });
		h.kernel.exit(p, 0);
		assert.equal(h.read(`${R}/k/cgroup.events`), "populated 1\nfrozen 0\n");
		h.write(`${R}/k/cgroup.kill`, "1");
		assert.equal(h.read(`${R}/k/cgroup.events`), "populated 0\nfrozen 0\n");
		assert.notEqual(th.exitState, 0);
		h.check();
	});

	it("threaded controllers work inside a thread subtree, domain ones are EOPNOTSUPP", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/d`);
		h.mkdir(`${R}/d/t`);
		h.write(`${R}/d/t/cgroup.type`, "threaded");
		assert.equal(h.read(`${R}/d/cgroup.type`), "domain threaded\n");
		assert.equal(h.read(`${R}/d/t/cgroup.type`), "threaded\n");
		h.write(`${R}/cgroup.subtree_control`, "+testa");
		h.write(`${R}/d/cgroup.subtree_control`, "+testa");
		assertErrno(() => h.write(`${R}/d/cgroup.subtree_control`, "+memory"), "EOPNOTSUPP");
		assert.equal(h.read(`${R}/d/t/cgroup.controllers`), "testa\n");
		// A process's threads spread over the thread subtree; the process stays in the domain.
		const t = h.spawn();
		h.write(`${R}/d/cgroup.procs`, `${t.pid}`);
		const th = h.kernel.fork(t, { flags: 0x00010000 | 0x00000800 | 0x00000100 });
		h.write(`${R}/d/t/cgroup.threads`, `${th.pid}`);
		assert.equal(h.read(`${R}/d/cgroup.procs`), `${t.pid}\n`);
		assert.equal(h.read(`${R}/d/cgroup.threads`), `${t.pid}\n`);
		assert.equal(h.read(`${R}/d/t/cgroup.threads`), `${th.pid}\n`);
		assertErrno(() => h.read(`${R}/d/t/cgroup.procs`), "EOPNOTSUPP");
		const ss = h.kernel.cgroup.subsysByName("testa")!;
		const tCgrp = h.kernel.cgroup.dflRoot.cgrp.children.get("d")!.children.get("t")!;
		assert.equal(th.cgroups!.subsys[ss.id], tCgrp.subsys(ss.id));
		const mem = h.kernel.cgroup.subsysByName("memory")!;
		assert.equal(th.cgroups!.subsys[mem.id], t.cgroups!.subsys[mem.id], "one memory domain");
		h.check();
	});
});

describe("cgroup2 freezer and kill", () => {
	it("freezes running and new tasks, counts frozen time, and a kill gets through", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir(`${R}/a/b`);
		const t = h.spawn();
		h.write(`${R}/a/b/cgroup.procs`, `${t.pid}`);
		h.write(`${R}/a/cgroup.freeze`, "1");
		assert.equal(t.cgFrozen, true);
		assert.equal(h.read(`${R}/a/cgroup.events`), "populated 1\nfrozen 1\n");
		assert.equal(h.read(`${R}/a/b/cgroup.events`), "populated 1\nfrozen 1\n");
		assert.equal(h.read(`${R}/a/b/cgroup.freeze`), "0\n");
		assert.match(h.read(`/proc/${t.pid}/status`), /State:\tS \(sleeping\)/);
		const child = h.kernel.fork(t);
		assert.equal(child.cgFrozen, true, "forked into a freezing cgroup");
		h.kernel.clock.advance(1_500_000_000);
		assert.equal(h.read(`${R}/a/cgroup.stat.local`), "frozen_usec 1500000\n");
		h.check();
		h.write(`${R}/a/cgroup.kill`, "1");
		assert.equal(h.read(`${R}/a/cgroup.events`), "populated 0\nfrozen 1\n");
		h.write(`${R}/a/cgroup.freeze`, "0");
		assert.equal(h.read(`${R}/a/cgroup.events`), "populated 0\nfrozen 0\n");
		h.kernel.clock.advance(1_000_000_000);
		assert.equal(h.read(`${R}/a/cgroup.stat.local`), "frozen_usec 1500000\n");
		h.check();
	});

	it("a task moved out of a frozen cgroup thaws, moved in freezes", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/f`);
		h.mkdir(`${R}/g`);
		h.write(`${R}/f/cgroup.freeze`, "1");
		const t = h.spawn();
		h.write(`${R}/f/cgroup.procs`, `${t.pid}`);
		assert.equal(t.cgFrozen, true);
		h.write(`${R}/g/cgroup.procs`, `${t.pid}`);
		assert.equal(t.cgFrozen, false);
		assert.equal(h.read(`${R}/f/cgroup.events`), "populated 0\nfrozen 1\n");
		h.check();
	});
});

describe("cgroup2 freezer and stopped tasks", () => {
	it("a stopped task counts as frozen, stays stopped when thawed, and is frozen again if continued while freezing", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/s`);
		const t = h.spawn();
		h.write(`${R}/s/cgroup.procs`, `${t.pid}`);
		h.kernel.sendSignal(t, 19);
		assert.equal(t.cgFrozen, true, "do_signal_stop() enters the frozen state");
		assert.equal(h.read(`${R}/s/cgroup.events`), "populated 1\nfrozen 0\n");
		h.write(`${R}/s/cgroup.freeze`, "1");
		assert.equal(h.read(`${R}/s/cgroup.events`), "populated 1\nfrozen 1\n");
		h.write(`${R}/s/cgroup.freeze`, "0");
		assert.equal(h.read(`${R}/s/cgroup.events`), "populated 1\nfrozen 0\n");
		assert.match(h.read(`/proc/${t.pid}/status`), /State:\tT \(stopped\)/);
		h.write(`${R}/s/cgroup.freeze`, "1");
		h.kernel.sendSignal(t, 18);
		assert.equal(t.cgFrozen, true, "continued into the freezer trap");
		assert.match(h.read(`/proc/${t.pid}/status`), /State:\tS \(sleeping\)/);
		h.write(`${R}/s/cgroup.freeze`, "0");
		assert.equal(t.cgFrozen, false);
		h.check();
	});
});

describe("cgroup.stat", () => {
	it("counts controller csses, live and dying, per subtree", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir(`${R}/a/b`);
		h.write(`${R}/a/cgroup.subtree_control`, "+pids");
		h.mkdir(`${R}/a/c`);
		const stat = (p: string) => h.read(`${R}/${p}/cgroup.stat`);
		assert.match(stat("a"), /^nr_descendants 2\n/);
		assert.match(stat("a"), /\nnr_subsys_pids 3\n/);
		assert.match(stat("a"), /\nnr_subsys_memory 1\n/);
		const t = h.spawn();
		h.write(`${R}/a/b/cgroup.procs`, `${t.pid}`);
		h.write(`${R}/cgroup.procs`, `${t.pid}`);
		h.rmdir(`${R}/a/b`);
		h.check();
		assert.match(stat("a"), /\nnr_subsys_pids 2\n/);
		h.write(`${R}/a/cgroup.subtree_control`, "-pids");
		assert.match(stat("a"), /\nnr_subsys_pids 1\n/);
		h.check();
	});
});

describe("controllers between v1 and v2", () => {
	it("a controller with csses below the cgroup2 root cannot be taken by a v1 mount; an unused one can", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir("/tmp/m");
		assertErrno(
			() => h.vfs.mount(h.init, "cgroup", "/tmp/m", "cgroup", 0, "memory"),
			"EBUSY",
			"memory has a css in /a",
		);
		// testa is offered but enabled nowhere: v1 may take it, and cgroup2 stops offering it.
		h.vfs.mount(h.init, "cgroup", "/tmp/m", "cgroup", 0, "testa");
		assert.equal(h.read(`${R}/cgroup.controllers`).includes("testa"), false);
		assertErrno(() => h.write(`${R}/cgroup.subtree_control`, "+testa"), "ENOENT");
		h.vfs.umount(h.init, "/tmp/m", 0);
		assert.equal(h.read(`${R}/cgroup.controllers`).includes("testa"), true);
		h.write(`${R}/cgroup.subtree_control`, "+testa");
		h.check();
	});
});

describe("CLONE_INTO_CGROUP", () => {
	const cgroupAt = (h: TestHost, path: string) => {
		let c = h.kernel.cgroup.dflRoot.cgrp;
		for (const part of path.split("/").filter((p) => p !== "")) c = c.children.get(part)!;
		return c;
	};

	it("test_cgcore_populated: a child cloned into a cgroup populates it; a removed cgroup is ENOENT", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/d`);
		const d = cgroupAt(h, "d");
		const child = h.kernel.fork(h.init, { intoCgroup: d });
		assert.equal(cgroupOf(h, child), "0::/d\n");
		assert.equal(h.read(`${R}/d/cgroup.events`), "populated 1\nfrozen 0\n");
		assert.equal(cgroupOf(h, h.init), "0::/\n", "the parent stays where it is");
		h.kernel.exit(child, 0);
		assert.equal(h.read(`${R}/d/cgroup.events`), "populated 0\nfrozen 0\n");
		h.rmdir(`${R}/d`);
		assertErrno(() => h.kernel.fork(h.init, { intoCgroup: d }), "ENOENT");
		h.check();
	});

	it("test_cgcore_invalid_domain: cloning into a domain invalid cgroup is EOPNOTSUPP", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/p`);
		h.mkdir(`${R}/p/t`);
		h.mkdir(`${R}/p/t/c`);
		h.write(`${R}/p/t/cgroup.type`, "threaded");
		assert.equal(h.read(`${R}/p/t/c/cgroup.type`), "domain invalid\n");
		assertErrno(() => h.kernel.fork(h.init, { intoCgroup: cgroupAt(h, "p/t/c") }), "EOPNOTSUPP");
		h.check();
	});

	it("follows the rules of a write to cgroup.procs, with the forking task's credentials", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/a`);
		h.mkdir(`${R}/b`);
		h.mkdir(`${R}/b/c`);
		// memory is a domain controller: b may hold no processes (pids alone would allow it).
		h.write(`${R}/b/cgroup.subtree_control`, "+memory +pids");
		const user = h.spawnAs(1000);
		assertErrno(() => h.kernel.fork(user, { intoCgroup: cgroupAt(h, "a") }), "EACCES");
		assertErrno(() => h.kernel.fork(h.init, { intoCgroup: cgroupAt(h, "b") }), "EBUSY");
		h.write(`${R}/b/c/pids.max`, "0");
		assertErrno(() => h.kernel.fork(h.init, { intoCgroup: cgroupAt(h, "b/c") }), "EAGAIN");
		h.mkdir("/tmp/v1");
		h.vfs.mount(h.init, "cgroup", "/tmp/v1", "cgroup", 0, "none,name=x");
		h.mkdir("/tmp/v1/g");
		const v1 = h.kernel.cgroup.roots.find((r) => r.name === "x")!.cgrp.children.get("g")!;
		assertErrno(() => h.kernel.fork(h.init, { intoCgroup: v1 }), "EBADF");
		h.check();
	});
});

describe("signals and the cgroup2 freezer", () => {
	it("SIGSTOP to a frozen task stays pending until the thaw; SIGKILL acts at once", () => {
		const { h } = v2Host();
		h.mkdir(`${R}/f`);
		const t = h.spawn();
		h.write(`${R}/f/cgroup.procs`, `${t.pid}`);
		h.write(`${R}/f/cgroup.freeze`, "1");
		h.kernel.sendSignal(t, 19);
		assert.match(h.read(`/proc/${t.pid}/status`), /State:\tS \(sleeping\)/);
		assert.equal(h.read(`${R}/f/cgroup.events`), "populated 1\nfrozen 1\n");
		h.check();
		h.write(`${R}/f/cgroup.freeze`, "0");
		assert.match(h.read(`/proc/${t.pid}/status`), /State:\tT \(stopped\)/);
		h.check();
		h.write(`${R}/f/cgroup.freeze`, "1");
		h.kernel.sendSignal(t, 9);
		assert.equal(h.read(`${R}/f/cgroup.events`), "populated 0\nfrozen 1\n");
		h.check();
	});
});
