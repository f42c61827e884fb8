import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import type { Cgroup } from "../../src/kernel/cgroup/cgroup.ts";
import type { CssSet } from "../../src/kernel/cgroup/css-set.ts";
import { exitStatus } from "../../src/kernel/exit.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { FAULT_OK } from "../../src/kernel/mm/memory.ts";
import type { AnonRegion } from "../../src/kernel/mm/mm-struct.ts";
import type { Task } from "../../src/kernel/task.ts";
import { TraceBus, type TraceEvent } from "../../src/kernel/trace.ts";
import type { BootOptions } from "../../src/userland/boot.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { newControl, withTestSubsystems } from "../support/test-subsys.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const CG = "/sys/fs/cgroup";
const MiB = 1024 ** 2;
const PAGES_PER_MIB = 256;

/** A cgroup as "hierarchy-id:path". */
const cg = (c: Cgroup | null): string =>
	c === null ? "global" : `${c.root.hierarchyId}:${c.path()}`;

/**
 * One line per event. css_sets are named in order of first appearance in the
 * trace (S1, S2, ...), so a line says which css_set it is without depending
 * on the ids the kernel gave out before.
 */
function recorder(h: TestHost): { lines: string[]; events: TraceEvent[]; stop: () => void } {
	const lines: string[] = [];
	const events: TraceEvent[] = [];
	const names = new Map<CssSet, string>();
	const cs = (c: CssSet): string => {
		let n = names.get(c);
		if (n === undefined) {
			n = `S${names.size + 1}`;
			names.set(c, n);
		}
		return n;
	};
	const stop = h.kernel.trace.subscribe((ev) => {
		events.push(ev);
		lines.push(format(ev, cs));
	});
	return { lines, events, stop };
}

function format(ev: TraceEvent, cs: (c: CssSet) => string): string {
	switch (ev.kind) {
		case "fork":
			return `fork ${ev.parent.pid} -> ${ev.child.pid}`;
		case "exit":
			return `exit ${ev.task.pid} ${ev.code}`;
		case "attach":
			return `attach m${ev.migration} ${ev.task.pid} h${ev.root.hierarchyId} ${cg(ev.src)} -> ${cg(ev.dst)}`;
		case "mkdir":
		case "rmdir":
			return `${ev.kind} ${cg(ev.cgroup)}`;
		case "charge-fail":
			return `charge-fail ${cg(ev.memcg)} ${ev.counter} ${ev.nrPages} ${ev.action}`;
		case "reclaim":
			return `reclaim ${cg(ev.memcg)} ${ev.nrRequested} ${ev.nrReclaimed > 0 ? "some" : "none"}`;
		case "oom-kill":
			return `oom-kill ${ev.victim.pid} ${cg(ev.memcg)}`;
		case "release-agent":
			return `release-agent ${cg(ev.cgroup)} ${ev.agent} ${ev.path}`;
		case "migrate": {
			const p = `m${ev.id} ${ev.phase}`;
			switch (ev.phase) {
				case "prepare":
					return `${p} [${ev.srcCsets.map(cs).join(",")}] -> [${ev.dstCsets.map(cs).join(",")}]`;
				case "cset-found":
				case "cset-created":
					return `${p} ${cs(ev.src)} ${cg(ev.dstCgroup)} ${cs(ev.cset)}`;
				case "can-attach":
					return `${p} ${ev.subsys} ${ev.error ?? "ok"}`;
				case "cancel-attach":
				case "attach":
					return `${p} ${ev.subsys}`;
				case "commit":
					return `${p} ${ev.tasks.map((t) => t.pid).join(",")}`;
				case "abort":
					return `${p} ${ev.error}`;
			}
		}
	}
}

function cgroupAt(h: TestHost, path: string): Cgroup {
	const inode = h.vfs.resolve(h.init, path).inode;
	assert.ok(inode instanceof CgroupDirInode);
	return inode.cgroup;
}

const hid = (h: TestHost, path: string): number => cgroupAt(h, path).root.hierarchyId;

function touchAll(h: TestHost, p: Task, r: AnonRegion): number {
	let failed = 0;
	for (let i = 0; i < r.nrPages; i++) if (h.kernel.mm.touch(p, r, i) !== FAULT_OK) failed++;
	return failed;
}

describe("TraceBus", () => {
	it("is active while someone listens and hands events out in subscription order", () => {
		const bus = new TraceBus();
		assert.equal(bus.active, false);
		const seen: string[] = [];
		const offA = bus.subscribe((ev) => seen.push(`a:${ev.kind}`));
		const offB = bus.subscribe((ev) => seen.push(`b:${ev.kind}`));
		assert.equal(bus.active, true);
		const h = new TestHost();
		const ev: TraceEvent = { kind: "exit", task: h.init, code: 0 };
		bus.emit(ev);
		offA();
		offA();
		assert.equal(bus.active, true, "unsubscribing twice removes one listener only");
		bus.emit(ev);
		offB();
		assert.equal(bus.active, false);
		bus.emit(ev);
		assert.deepEqual(seen, ["a:exit", "b:exit", "b:exit"]);
	});

	it("a listener that unsubscribes while an event is handed out does not make another miss it", () => {
		const bus = new TraceBus();
		const seen: string[] = [];
		const off: (() => void)[] = [];
		off.push(
			bus.subscribe(() => {
				seen.push("a");
				off[0]!();
			}),
		);
		bus.subscribe(() => seen.push("b"));
		const h = new TestHost();
		bus.emit({ kind: "exit", task: h.init, code: 0 });
		bus.emit({ kind: "exit", task: h.init, code: 0 });
		assert.deepEqual(seen, ["a", "b", "b"]);
	});

	it("migration ids increase from 1", () => {
		const bus = new TraceBus();
		assert.deepEqual([bus.newMigrationId(), bus.newMigrationId()], [1, 2]);
	});
});

describe("tracepoints: processes", () => {
	it("fork then exit, with the wait status, for a process and a thread", () => {
		const h = new TestHost();
		const r = recorder(h);
		const p = h.spawn();
		const t = h.kernel.fork(p, { flags: THREAD });
		h.kernel.exit(t, exitStatus(0));
		h.kernel.exitGroup(p, exitStatus(3));
		r.stop();
		assert.deepEqual(r.lines, [
			`fork 1 -> ${p.pid}`,
			`fork ${p.pid} -> ${t.pid}`,
			`exit ${t.pid} 0`,
			`exit ${p.pid} ${3 << 8}`,
		]);
		const fork = r.events[0]!;
		assert.ok(fork.kind === "fork" && fork.parent === h.init && fork.child === p);
	});
});

describe("tracepoints: mkdir and rmdir", () => {
	it("on a v1 hierarchy and on cgroup2 (hybrid), nothing for a refused rmdir", () => {
		const h = new TestHost({ layout: "hybrid" });
		const r = recorder(h);
		h.mkdir(`${CG}/pids/a`);
		h.mkdir(`${CG}/pids/a/b`);
		h.mkdir(`${CG}/unified/u`);
		assertErrno(() => h.rmdir(`${CG}/pids/a`), "EBUSY");
		const b = cgroupAt(h, `${CG}/pids/a/b`);
		h.rmdir(`${CG}/pids/a/b`);
		h.rmdir(`${CG}/pids/a`);
		h.rmdir(`${CG}/unified/u`);
		r.stop();
		const p = hid(h, `${CG}/pids`);
		assert.notEqual(p, 0);
		assert.deepEqual(r.lines, [
			`mkdir ${p}:/a`,
			`mkdir ${p}:/a/b`,
			"mkdir 0:/u",
			`rmdir ${p}:/a/b`,
			`rmdir ${p}:/a`,
			"rmdir 0:/u",
		]);
		const rm = r.events[3]!;
		assert.ok(rm.kind === "rmdir" && rm.cgroup === b);
	});

	it("on cgroup2 with controllers enabled (v2 layout)", () => {
		const h = new TestHost({ layout: "v2" });
		const r = recorder(h);
		h.mkdir(`${CG}/x`);
		h.write(`${CG}/x/cgroup.subtree_control`, "+pids");
		h.mkdir(`${CG}/x/y`);
		h.rmdir(`${CG}/x/y`);
		r.stop();
		assert.deepEqual(r.lines, ["mkdir 0:/x", "mkdir 0:/x/y", "rmdir 0:/x/y"]);
	});
});

describe("tracepoints: migration", () => {
	it("a process with two threads across a v1 hierarchy: the phases in order, css_set created, then found", () => {
		const h = new TestHost({ layout: "hybrid" });
		h.mkdir(`${CG}/pids/a`);
		const p = h.spawn();
		const t = h.kernel.fork(p, { flags: THREAD });
		const q = h.spawn();
		const ph = hid(h, `${CG}/pids`);
		const r = recorder(h);
		h.write(`${CG}/pids/a/cgroup.procs`, String(p.pid));
		h.write(`${CG}/pids/a/cgroup.procs`, String(q.pid));
		r.stop();
		assert.deepEqual(r.lines, [
			`m1 cset-created S1 ${ph}:/a S2`,
			"m1 prepare [S1] -> [S2]",
			"m1 can-attach pids ok",
			`m1 commit ${p.pid},${t.pid}`,
			`attach m1 ${p.pid} h${ph} ${ph}:/ -> ${ph}:/a`,
			`attach m1 ${t.pid} h${ph} ${ph}:/ -> ${ph}:/a`,
			`m2 cset-found S1 ${ph}:/a S2`,
			"m2 prepare [S1] -> [S2]",
			"m2 can-attach pids ok",
			`m2 commit ${q.pid}`,
			`attach m2 ${q.pid} h${ph} ${ph}:/ -> ${ph}:/a`,
		]);
		const created = r.events[0]!;
		assert.ok(created.kind === "migrate" && created.phase === "cset-created");
		assert.equal(created.cset, p.cgroups, "the css_set created is the one the process ends in");
		assert.equal(created.src, h.init.cgroups);
		assert.equal(q.cgroups, p.cgroups);
		const attach = r.events[4]!;
		assert.ok(attach.kind === "attach");
		assert.equal(attach.dst, cgroupAt(h, `${CG}/pids/a`));
		assert.equal(attach.root, attach.dst.root);
		h.check();
	});

	it("a move to where the task already is: found itself, nothing prepared or committed", () => {
		const h = new TestHost({ layout: "hybrid" });
		const p = h.spawn();
		const r = recorder(h);
		h.write(`${CG}/pids/cgroup.procs`, String(p.pid));
		r.stop();
		const ph = hid(h, `${CG}/pids`);
		assert.deepEqual(r.lines, [`m1 cset-found S1 ${ph}:/ S1`, "m1 prepare [] -> []"]);
	});

	it("the cgroup.subtree_control change of cgroup2 migrates through the same phases", () => {
		const h = new TestHost({ layout: "v2" });
		h.mkdir(`${CG}/x`);
		h.mkdir(`${CG}/x/y`);
		const p = h.spawn();
		h.write(`${CG}/x/y/cgroup.procs`, String(p.pid));
		const r = recorder(h);
		h.write(`${CG}/x/cgroup.subtree_control`, "+pids");
		r.stop();
		assert.deepEqual(r.lines, [
			"m1 cset-created S1 0:/x/y S2",
			"m1 prepare [S1] -> [S2]",
			"m1 can-attach pids ok",
			`m1 commit ${p.pid}`,
			`attach m1 ${p.pid} h0 0:/x/y -> 0:/x/y`,
		]);
	});

	it("cpuset without CPUs refuses (ENOSPC): can-attach fails, the migration aborts, nothing moves", () => {
		const h = new TestHost({ layout: "hybrid" });
		h.mkdir(`${CG}/cpuset/e`);
		const p = h.spawn();
		const before = p.cgroups;
		const cs = hid(h, `${CG}/cpuset`);
		const r = recorder(h);
		assertErrno(() => h.write(`${CG}/cpuset/e/tasks`, String(p.pid)), "ENOSPC");
		r.stop();
		assert.deepEqual(r.lines, [
			`m1 cset-created S1 ${cs}:/e S2`,
			"m1 prepare [S1] -> [S2]",
			"m1 can-attach cpuset ENOSPC",
			"m1 abort ENOSPC",
		]);
		assert.equal(p.cgroups, before);
		h.check();
	});

	it("a later controller's veto cancels the earlier one's preparation, in reverse order", () => {
		const a = newControl();
		const b = newControl();
		const h = new TestHost({ subsystems: withTestSubsystems(a, b) });
		h.mkdir("/tmp/h");
		h.vfs.mount(h.init, "cgroup", "/tmp/h", "cgroup", 0, "testa,testb");
		h.mkdir("/tmp/h/d");
		const p = h.spawn();
		b.vetoAttach = "EBUSY";
		const th = hid(h, "/tmp/h");
		const r = recorder(h);
		assertErrno(() => h.write("/tmp/h/d/tasks", String(p.pid)), "EBUSY");
		b.vetoAttach = null;
		h.write("/tmp/h/d/tasks", String(p.pid));
		r.stop();
		assert.deepEqual(r.lines, [
			`m1 cset-created S1 ${th}:/d S2`,
			"m1 prepare [S1] -> [S2]",
			"m1 can-attach testa ok",
			"m1 can-attach testb EBUSY",
			"m1 cancel-attach testa",
			"m1 abort EBUSY",
			// The css_set m1 made was freed but is kept for reuse.
			`m2 cset-found S1 ${th}:/d S2`,
			"m2 prepare [S1] -> [S2]",
			"m2 can-attach testa ok",
			"m2 can-attach testb ok",
			`m2 commit ${p.pid}`,
			`attach m2 ${p.pid} h${th} ${th}:/ -> ${th}:/d`,
			"m2 attach testa",
			"m2 attach testb",
		]);
	});
});

describe("tracepoints: memory", () => {
	function host(opts: BootOptions = {}): TestHost {
		return new TestHost({ layout: "hybrid", ...opts });
	}

	it("a memcg limit without swap: refused charges reclaim in vain, then the OOM killer takes the task", () => {
		const h = host();
		const M = `${CG}/memory`;
		h.mkdir(`${M}/a`);
		h.write(`${M}/a/memory.limit_in_bytes`, "4M");
		const p = h.spawn();
		h.write(`${M}/a/tasks`, String(p.pid));
		const mh = hid(h, M);
		const r = recorder(h);
		const failed = touchAll(h, p, h.kernel.mm.mmapAnon(p.mm!, 8 * PAGES_PER_MIB));
		r.stop();
		assert.ok(failed > 0);
		const first = r.lines.findIndex((l) => l.startsWith("charge-fail"));
		assert.ok(first >= 0);
		const head = r.lines.slice(first);
		const oomAt = head.findIndex((l) => l.includes(" oom"));
		// Each refusal reclaims (nothing: no swap, anon only) until the retries
		// are used up: one drain, then MAX_RECLAIM_RETRIES (16) more, then OOM.
		const rounds = [];
		for (let i = 0; i < 18; i++)
			rounds.push(`charge-fail ${mh}:/a memory 1 reclaim`, `reclaim ${mh}:/a 32 none`);
		assert.deepEqual(head.slice(0, oomAt), rounds);
		assert.deepEqual(head.slice(oomAt, oomAt + 2), [
			`charge-fail ${mh}:/a memory 1 oom`,
			`oom-kill ${p.pid} ${mh}:/a`,
		]);
		const kill = r.events[first + oomAt + 1]!;
		assert.ok(
			kill.kind === "oom-kill" && kill.victim === p && kill.points > 4 * PAGES_PER_MIB - 64,
		);
	});

	it("with swap, reclaim frees pages and the charge succeeds: no OOM", () => {
		const h = host({ swap: 64 * MiB });
		const M = `${CG}/memory`;
		h.mkdir(`${M}/a`);
		h.write(`${M}/a/memory.limit_in_bytes`, "4M");
		const p = h.spawn();
		h.write(`${M}/a/tasks`, String(p.pid));
		const mh = hid(h, M);
		const r = recorder(h);
		assert.equal(touchAll(h, p, h.kernel.mm.mmapAnon(p.mm!, 8 * PAGES_PER_MIB)), 0);
		r.stop();
		assert.ok(r.lines.length > 0);
		assert.ok(!r.lines.some((l) => l.startsWith("oom-kill") || l.endsWith(" oom")));
		// Every refusal is followed by its reclaim, which got something.
		for (let i = 0; i < r.lines.length; i += 2) {
			assert.equal(r.lines[i], `charge-fail ${mh}:/a memory 1 reclaim`);
			assert.equal(r.lines[i + 1], `reclaim ${mh}:/a 32 some`);
		}
	});

	it("writing memory.force_empty traces its reclaim", () => {
		const h = host({ swap: 64 * MiB });
		const M = `${CG}/memory`;
		h.mkdir(`${M}/a`);
		const p = h.spawn();
		h.write(`${M}/a/tasks`, String(p.pid));
		touchAll(h, p, h.kernel.mm.mmapAnon(p.mm!, PAGES_PER_MIB));
		const r = recorder(h);
		h.write(`${M}/a/memory.force_empty`, "1");
		r.stop();
		const mh = hid(h, M);
		assert.ok(r.lines.length > 0);
		assert.ok(
			r.lines.every((l) => l.startsWith(`reclaim ${mh}:/a 32 `)),
			r.lines.join("\n"),
		);
	});
});

describe("tracepoints: release agent", () => {
	it("the last task leaving a notify_on_release cgroup: exit, then the agent run with its path", () => {
		const h = new TestHost();
		h.mkdir("/tmp/h");
		h.vfs.mount(h.init, "cgroup", "/tmp/h", "cgroup", 0, "none,name=ra,release_agent=/sbin/agent");
		h.mkdir("/tmp/h/a");
		h.write("/tmp/h/a/notify_on_release", "1");
		const t = h.spawn();
		h.write("/tmp/h/a/tasks", String(t.pid));
		const ra = hid(h, "/tmp/h");
		const r = recorder(h);
		h.kernel.exit(t, 0);
		h.kernel.runPendingWork();
		r.stop();
		const helper = h.kernel.usermodeHelperCalls.at(-1)!.task;
		assert.deepEqual(r.lines, [
			`exit ${t.pid} 0`,
			`release-agent ${ra}:/a /sbin/agent /a`,
			`fork ${h.kernel.kthreadd.pid} -> ${helper.pid}`,
			`exit ${helper.pid} 0`,
		]);
	});
});

describe("tracepoints: nobody listening", () => {
	it("with the only listener gone, no event is built or handed out and no migration id is taken", () => {
		const h = new TestHost({ layout: "hybrid", swap: 0 });
		let calls = 0;
		const off = h.kernel.trace.subscribe(() => calls++);
		off();
		assert.equal(h.kernel.trace.active, false);
		const bus = h.kernel.trace as {
			emit: TraceBus["emit"];
			newMigrationId: TraceBus["newMigrationId"];
		};
		bus.emit = () => assert.fail("emit called with nobody subscribed");
		bus.newMigrationId = () => assert.fail("a migration id taken with nobody subscribed");
		// Every tracepoint: fork, exit, mkdir, rmdir, attach, a veto, charge
		// failures, reclaim, an OOM kill, the release agent.
		const M = `${CG}/memory`;
		h.mkdir(`${M}/a`);
		h.write(`${M}/a/memory.limit_in_bytes`, "4M");
		h.write(`${M}/a/notify_on_release`, "1");
		h.write(`${M}/release_agent`, "/sbin/agent");
		const p = h.spawn();
		h.write(`${M}/a/tasks`, String(p.pid));
		h.mkdir(`${CG}/cpuset/e`);
		assertErrno(() => h.write(`${CG}/cpuset/e/tasks`, String(p.pid)), "ENOSPC");
		touchAll(h, p, h.kernel.mm.mmapAnon(p.mm!, 8 * PAGES_PER_MIB));
		assert.ok(p.signal.oomVictim);
		h.kernel.exitGroup(p, exitStatus(1));
		h.kernel.runPendingWork();
		assert.equal(h.kernel.usermodeHelperCalls.length, 1, "the release agent ran");
		h.rmdir(`${CG}/cpuset/e`);
		assert.equal(calls, 0);
	});
});
