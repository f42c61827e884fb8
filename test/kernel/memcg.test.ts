import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { checkMemoryInvariants } from "../../src/kernel/mm/invariants.ts";
import type { MemCgroup } from "../../src/kernel/mm/memcontrol.ts";
import { FAULT_OK, MEMCG_CHARGE_BATCH } from "../../src/kernel/mm/memory.ts";
import type { AnonRegion } from "../../src/kernel/mm/mm-struct.ts";
import type { Task } from "../../src/kernel/task.ts";
import type { BootOptions } from "../../src/userland/boot.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const MiB = 1024 ** 2;
const PAGES_PER_MIB = 256;
const MEM = "/sys/fs/cgroup/memory";

function host(opts: BootOptions = {}): TestHost {
	return new TestHost({ layout: "hybrid", ...opts });
}

function memcgOf(t: TestHost, path: string): MemCgroup {
	const inode = t.vfs.resolve(t.init, path).inode;
	assert.ok(inode instanceof CgroupDirInode);
	const ss = t.kernel.cgroup.subsysByName("memory")!;
	return inode.cgroup.subsys(ss.id) as MemCgroup;
}

/** A process in `cg` (a memory cgroup path) with an address space. */
function procIn(t: TestHost, cg: string): Task {
	const p = t.spawn();
	t.write(`${cg}/tasks`, String(p.pid));
	return p;
}

function touchAll(t: TestHost, p: Task, r: AnonRegion, from = 0, to = r.nrPages): number {
	let failed = 0;
	for (let i = from; i < to; i++) if (t.kernel.mm.touch(p, r, i) !== FAULT_OK) failed++;
	return failed;
}

function noDrift(t: TestHost): void {
	assert.deepEqual(checkMemoryInvariants(t.kernel.mm), []);
}

describe("memcg charging", () => {
	it("charges each touched page, a page-table page per 512, and a batch kept in the CPU's stock", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		const p = procIn(t, `${MEM}/a`);
		const r = t.kernel.mm.mmapAnon(p.mm!, 1000);
		assert.equal(t.read(`${MEM}/a/memory.usage_in_bytes`), "0\n");
		assert.equal(touchAll(t, p, r), 0);
		const m = memcgOf(t, `${MEM}/a`);
		// 1000 pages and 2 page-table pages; the rest of the last batch sits in the stock.
		assert.equal(m.stat[1], 1000);
		assert.equal(m.kmem.usage, 2);
		const stocked = t.kernel.mm.stockedPages(m);
		assert.ok(stocked >= 0 && stocked < MEMCG_CHARGE_BATCH);
		assert.equal(m.memory.usage, 1002 + stocked);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^rss 4096000$/m);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^pgfault 1000$/m);
		assert.match(t.read(`${MEM}/a/memory.numa_stat`), /^anon=1000 N0=1000$/m);
		// A second touch of present pages is no fault.
		touchAll(t, p, r);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^pgfault 1000$/m);
		noDrift(t);
	});

	it("counts a child's charges in every ancestor and the root's usage from its statistics", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.mkdir(`${MEM}/a/b`);
		const p = procIn(t, `${MEM}/a/b`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 3 * PAGES_PER_MIB));
		const a = memcgOf(t, `${MEM}/a`);
		const b = memcgOf(t, `${MEM}/a/b`);
		// a's own charges: b's structures (kmem) and the rest of that batch, in the stock.
		assert.equal(a.slabPages, 3);
		assert.equal(a.memory.usage, b.memory.usage + 3 + t.kernel.mm.stockedPages(a));
		assert.equal(t.read(`${MEM}/a/memory.kmem.usage_in_bytes`), `${(b.kmem.usage + 3) * 4096}\n`);
		assert.equal(a.stat[1], 0);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^total_rss 3145728$/m);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^rss 0$/m);
		const rootUsage = Number(t.read(`${MEM}/memory.usage_in_bytes`));
		assert.ok(rootUsage >= 3 * MiB);
		noDrift(t);
	});

	it("uncharges on munmap and exit, and an emptied cgroup can go", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		const p = procIn(t, `${MEM}/a`);
		const r = t.kernel.mm.mmapAnon(p.mm!, 300);
		touchAll(t, p, r);
		t.kernel.mm.munmap(r);
		const m = memcgOf(t, `${MEM}/a`);
		assert.equal(m.stat[1], 0);
		assert.equal(m.memory.usage, t.kernel.mm.stockedPages(m));
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 100));
		t.kernel.exit(p, 0);
		noDrift(t);
		assert.equal(m.stat[1], 0);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^pgpgout 400$/m);
		t.rmdir(`${MEM}/a`);
		noDrift(t);
	});
});

describe("memcg limits", () => {
	it("keeps limit <= memsw.limit (EINVAL), refuses the root (EINVAL) and rounds down to pages", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.limit_in_bytes`, "10M");
		assertErrno(() => t.write(`${MEM}/a/memory.memsw.limit_in_bytes`, "5M"), "EINVAL");
		t.write(`${MEM}/a/memory.memsw.limit_in_bytes`, "20M");
		assertErrno(() => t.write(`${MEM}/a/memory.limit_in_bytes`, "30M"), "EINVAL");
		assert.equal(t.read(`${MEM}/a/memory.limit_in_bytes`), "10485760\n");
		t.write(`${MEM}/a/memory.limit_in_bytes`, "4097");
		assert.equal(t.read(`${MEM}/a/memory.limit_in_bytes`), "4096\n");
		assertErrno(() => t.write(`${MEM}/memory.limit_in_bytes`, "1G"), "EINVAL");
		assertErrno(() => t.write(`${MEM}/a/memory.limit_in_bytes`, "1.5M"), "EINVAL");
		t.write(`${MEM}/a/memory.memsw.limit_in_bytes`, "-1");
		t.write(`${MEM}/a/memory.limit_in_bytes`, "-1");
		assert.equal(t.read(`${MEM}/a/memory.limit_in_bytes`), "9223372036854771712\n");
	});

	it("EBUSY for a limit below anon usage that cannot be swapped, nothing changed", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		const p = procIn(t, `${MEM}/a`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 5 * PAGES_PER_MIB));
		assertErrno(() => t.write(`${MEM}/a/memory.limit_in_bytes`, "2M"), "EBUSY");
		assert.equal(t.read(`${MEM}/a/memory.limit_in_bytes`), "9223372036854771712\n");
		assert.equal(t.read(`${MEM}/a/memory.failcnt`), "0\n");
		noDrift(t);
	});

	it("reclaims to swap at the limit: usage stays under it, memsw counts the swapped pages", () => {
		const t = host({ swap: 256 * MiB });
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.limit_in_bytes`, "10M");
		const p = procIn(t, `${MEM}/a`);
		const r = t.kernel.mm.mmapAnon(p.mm!, 40 * PAGES_PER_MIB);
		assert.equal(touchAll(t, p, r), 0);
		const m = memcgOf(t, `${MEM}/a`);
		assert.ok(m.memory.usage <= 10 * PAGES_PER_MIB);
		assert.equal(m.memory.watermark, 10 * PAGES_PER_MIB);
		assert.ok(m.memory.failcnt > 0);
		const swapped = m.stat[6]!;
		assert.ok(swapped >= 30 * PAGES_PER_MIB - 64, `swapped ${swapped}`);
		assert.equal(m.memsw.usage, m.memory.usage + swapped);
		assert.equal(p.mm!.swapents, swapped);
		// Touching it all again reads pages back from swap (major faults).
		assert.equal(touchAll(t, p, r), 0);
		assert.ok(m.events[3]! > 0);
		assert.ok(t.kernel.mm.pswpin > 0);
		noDrift(t);
		t.kernel.exit(p, 0);
		assert.equal(t.kernel.mm.swap.inuse, 0);
		noDrift(t);
	});

	it("with swappiness 0 a memcg reclaims no anon: the limit ends in an OOM kill", () => {
		const t = host({ swap: 256 * MiB });
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.limit_in_bytes`, "4M");
		t.write(`${MEM}/a/memory.swappiness`, "0");
		const p = procIn(t, `${MEM}/a`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 8 * PAGES_PER_MIB));
		assert.equal(t.kernel.mm.swap.inuse, 0);
		assert.match(t.read(`${MEM}/a/memory.oom_control`), /^oom_kill 1$/m);
		noDrift(t);
	});

	it("force_empty reclaims what it can; resets take any write", () => {
		const t = host({ swap: 64 * MiB });
		t.mkdir(`${MEM}/a`);
		const p = procIn(t, `${MEM}/a`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 2 * PAGES_PER_MIB));
		t.write(`${MEM}/a/memory.force_empty`, "whatever");
		const m = memcgOf(t, `${MEM}/a`);
		assert.equal(m.stat[1], 0);
		assert.equal(m.stat[6], 2 * PAGES_PER_MIB);
		t.write(`${MEM}/a/memory.max_usage_in_bytes`, "x");
		assert.equal(m.memory.watermark, m.memory.usage);
		assertErrno(() => t.write(`${MEM}/memory.force_empty`, "1"), "EINVAL");
		noDrift(t);
	});
});

describe("memcg OOM", () => {
	it("kills the task with the most memory in the memcg; oom_score_adj -1000 is never chosen", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.limit_in_bytes`, "8M");
		const small = procIn(t, `${MEM}/a`);
		const big = procIn(t, `${MEM}/a`);
		const guard = procIn(t, `${MEM}/a`);
		guard.signal.oomScoreAdj = -1000;
		touchAll(t, guard, t.kernel.mm.mmapAnon(guard.mm!, 3 * PAGES_PER_MIB));
		touchAll(t, small, t.kernel.mm.mmapAnon(small.mm!, 1 * PAGES_PER_MIB));
		const failed = touchAll(t, big, t.kernel.mm.mmapAnon(big.mm!, 6 * PAGES_PER_MIB));
		assert.ok(failed > 0);
		assert.equal(big.state & 0, 0);
		assert.ok(big.signal.groupExit, "the biggest was killed");
		assert.ok(!small.signal.groupExit);
		assert.ok(!guard.signal.groupExit);
		assert.match(t.read(`${MEM}/a/memory.oom_control`), /^oom_kill 1$/m);
		// v1: the kill counts in the victim's memcg only.
		assert.match(t.read(`${MEM}/memory.oom_control`), /^oom_kill 0$/m);
		const log = t.kernel.log.map((l) => l.text).join("\n");
		assert.match(log, new RegExp(`Memory cgroup out of memory: Killed process ${big.pid} \\(`));
		assert.match(log, /oom-kill:constraint=CONSTRAINT_MEMCG,.*oom_memcg=\/a,task_memcg=\/a/);
		noDrift(t);
	});

	it("with oom_kill_disable the fault waits (under_oom 1) until the limit rises", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.limit_in_bytes`, "2M");
		t.write(`${MEM}/a/memory.oom_control`, "1");
		const p = procIn(t, `${MEM}/a`);
		const r = t.kernel.mm.mmapAnon(p.mm!, 4 * PAGES_PER_MIB);
		let i = 0;
		while (i < r.nrPages && t.kernel.mm.touch(p, r, i) === FAULT_OK) i++;
		assert.ok(i < r.nrPages);
		const waitq = t.kernel.mm.oomSynchronizeBegin(p);
		assert.ok(waitq !== null);
		assert.equal(
			t.read(`${MEM}/a/memory.oom_control`),
			"oom_kill_disable 1\nunder_oom 1\noom_kill 0\n",
		);
		let woken = false;
		waitq.oomWaitq.add(() => {
			woken = true;
		});
		t.write(`${MEM}/a/memory.limit_in_bytes`, "8M");
		assert.ok(woken);
		t.kernel.mm.oomSynchronizeEnd(p);
		assert.match(t.read(`${MEM}/a/memory.oom_control`), /^under_oom 0$/m);
		assert.equal(touchAll(t, p, r, i), 0);
		assert.ok(!p.signal.groupExit);
		noDrift(t);
	});
});

describe("memcg knobs", () => {
	it("children inherit swappiness and oom_kill_disable, not limits", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.swappiness`, "30");
		t.write(`${MEM}/a/memory.oom_control`, "1");
		t.write(`${MEM}/a/memory.limit_in_bytes`, "100M");
		t.mkdir(`${MEM}/a/b`);
		assert.equal(t.read(`${MEM}/a/b/memory.swappiness`), "30\n");
		assert.match(t.read(`${MEM}/a/b/memory.oom_control`), /^oom_kill_disable 1$/m);
		assert.equal(t.read(`${MEM}/a/b/memory.limit_in_bytes`), "9223372036854771712\n");
		assert.match(t.read(`${MEM}/a/b/memory.stat`), /^hierarchical_memory_limit 104857600$/m);
	});

	it("move_charge_at_immigrate takes only 0 on the reference kernel", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.write(`${MEM}/a/memory.move_charge_at_immigrate`, "0");
		for (const v of ["1", "2", "3", "-1", "x"]) {
			assertErrno(() => t.write(`${MEM}/a/memory.move_charge_at_immigrate`, v), "EINVAL");
		}
		assert.equal(t.read(`${MEM}/a/memory.move_charge_at_immigrate`), "0\n");
	});

	it("charges stay where they were made when a task moves (no charge moving)", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.mkdir(`${MEM}/b`);
		const p = procIn(t, `${MEM}/a`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, PAGES_PER_MIB));
		t.write(`${MEM}/b/tasks`, String(p.pid));
		assert.equal(memcgOf(t, `${MEM}/a`).stat[1], PAGES_PER_MIB);
		assert.equal(memcgOf(t, `${MEM}/b`).stat[1], 0);
		// rmdir leaves a dying memcg that still holds the charges in the parent's total.
		t.write(`${MEM}/tasks`, String(p.pid));
		t.rmdir(`${MEM}/a`);
		noDrift(t);
		t.kernel.exit(p, 0);
		noDrift(t);
	});
});

describe("memcg charge moving (kernels before 6.13)", () => {
	it("moves anon charges and swap entries with the leader when the destination asks for it", () => {
		const t = host({ memcgMoveCharge: true, swap: 64 * MiB });
		t.mkdir(`${MEM}/a`);
		t.mkdir(`${MEM}/b`);
		t.write(`${MEM}/b/memory.move_charge_at_immigrate`, "1");
		t.write(`${MEM}/a/memory.limit_in_bytes`, "1M");
		const p = procIn(t, `${MEM}/a`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 2 * PAGES_PER_MIB));
		const a = memcgOf(t, `${MEM}/a`);
		const b = memcgOf(t, `${MEM}/b`);
		const swapped = a.stat[6]!;
		assert.ok(swapped > 0);
		t.write(`${MEM}/b/tasks`, String(p.pid));
		assert.equal(a.stat[1], 0);
		assert.equal(a.stat[6], 0);
		assert.equal(b.stat[6], swapped);
		assert.equal(b.stat[1]! + b.stat[6]!, 2 * PAGES_PER_MIB);
		noDrift(t);
	});

	it("a destination without room vetoes the migration (ENOMEM) and nothing moves", () => {
		const t = host({ memcgMoveCharge: true });
		t.mkdir(`${MEM}/a`);
		t.mkdir(`${MEM}/b`);
		t.write(`${MEM}/b/memory.move_charge_at_immigrate`, "3");
		t.write(`${MEM}/b/memory.limit_in_bytes`, "1M");
		const p = procIn(t, `${MEM}/a`);
		touchAll(t, p, t.kernel.mm.mmapAnon(p.mm!, 2 * PAGES_PER_MIB));
		assertErrno(() => t.write(`${MEM}/b/tasks`, String(p.pid)), "ENOMEM");
		assert.match(t.read(`/proc/${p.pid}/cgroup`), /memory:\/a$/m);
		assert.equal(memcgOf(t, `${MEM}/a`).stat[1], 2 * PAGES_PER_MIB);
		assert.equal(memcgOf(t, `${MEM}/b`).memory.usage, 0);
		noDrift(t);
	});
});

describe("memcg invariants (property)", () => {
	it("hold after random touches, unmaps, limit changes, moves, mkdir/rmdir and exits", () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(6), fc.nat(3), fc.nat(2000)), { minLength: 5, maxLength: 40 }),
				(ops) => {
					const t = host({ swap: 8 * MiB });
					const cgs = [`${MEM}/a`, `${MEM}/a/b`, `${MEM}/c`];
					for (const c of cgs) t.mkdir(c);
					t.write(`${MEM}/a/memory.limit_in_bytes`, "6M");
					t.write(`${MEM}/c/memory.limit_in_bytes`, "3M");
					const procs = cgs.map((c) => procIn(t, c));
					const regions: AnonRegion[] = [];
					for (const [op, which, n] of ops) {
						const p = procs[which % procs.length]!;
						if (p.signal.groupExit || p.mm === null) continue;
						switch (op) {
							case 0: {
								const r = t.kernel.mm.mmapAnon(p.mm, 1 + (n % 1500));
								regions.push(r);
								touchAll(t, p, r);
								break;
							}
							case 1: {
								const r = regions[n % Math.max(1, regions.length)];
								if (r !== undefined && !r.mm.dead && r.mm.regions.has(r)) t.kernel.mm.munmap(r);
								break;
							}
							case 2:
								try {
									t.write(`${cgs[n % 3]}/memory.limit_in_bytes`, String((1 + (n % 8)) * MiB));
								} catch {}
								break;
							case 3:
								t.write(`${cgs[n % 3]}/tasks`, String(p.pid));
								break;
							case 4: {
								const r = regions[n % Math.max(1, regions.length)];
								if (r !== undefined && r.mm === p.mm && r.mm.regions.has(r)) touchAll(t, p, r);
								break;
							}
							case 5: {
								// mkdir and rmdir below a cgroup: its memcg's structures come and go.
								const dir = `${cgs[n % 3]}/x`;
								try {
									t.mkdir(dir);
									if (n % 2 === 0) t.rmdir(dir);
								} catch {}
								break;
							}
							default:
								t.kernel.exit(p, 0);
						}
						const bad = checkMemoryInvariants(t.kernel.mm);
						if (bad.length > 0) throw new Error(bad.join("\n"));
					}
				},
			),
			{ numRuns: 40, seed: 6 },
		);
	});
});

describe("mm owner", () => {
	it("passes to a remaining thread when the leader exits, so charges follow that thread's memcg", () => {
		const t = host();
		t.mkdir(`${MEM}/a`);
		t.mkdir(`${MEM}/b`);
		const leader = procIn(t, `${MEM}/a`);
		const thread = t.kernel.fork(leader, { flags: CLONE_THREAD | CLONE_SIGHAND | CLONE_VM });
		assert.equal(thread.mm, leader.mm);
		t.write(`${MEM}/b/tasks`, String(thread.pid));
		const vm = leader.mm!;
		t.kernel.exit(leader, 0);
		assert.equal(vm.owner, thread);
		const r = t.kernel.mm.mmapAnon(vm, 10);
		touchAll(t, thread, r);
		assert.equal(memcgOf(t, `${MEM}/b`).stat[1], 10);
		assert.equal(memcgOf(t, `${MEM}/a`).stat[1], 0);
		noDrift(t);
	});
});
