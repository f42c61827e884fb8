/**
 * The /proc files that show memory (src/fs/proc-memory.ts): a process's
 * address space in status, statm and stat; oom_score, oom_score_adj and
 * oom_adj with the kernel's write rules; /proc/meminfo and /proc/vmstat;
 * and ps's memory columns, which read them.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { VMSTAT_NAMES } from "../../src/fs/proc-memory.ts";
import { CAP_SYS_RESOURCE } from "../../src/kernel/cred.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { FAULT_OK } from "../../src/kernel/mm/memory.ts";
import type { AnonRegion } from "../../src/kernel/mm/mm-struct.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const MiB = 1024 ** 2;
const MEM = "/sys/fs/cgroup/memory";
const THREAD = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;

/** A process with a region of `size` pages of which the first `touched` are faulted in. */
function withRss(h: TestHost, size: number, touched: number, parent?: Task): [Task, AnonRegion] {
	const p = h.spawn(parent);
	const r = h.kernel.mm.mmapAnon(p.mm!, size);
	for (let i = 0; i < touched; i++) assert.equal(h.kernel.mm.touch(p, r, i), FAULT_OK);
	return [p, r];
}

/** The fields of a stat line, numbered as proc(5) does (index 1 = pid). */
function statFields(line: string): string[] {
	const close = line.lastIndexOf(")");
	return [
		"",
		line.slice(0, line.indexOf(" (")),
		"",
		...line
			.slice(close + 2)
			.trim()
			.split(" "),
	];
}

/** The kB value of a "Name:   N kB" line. */
function kbOf(text: string, name: string): number {
	const m = new RegExp(`^${name.replace(/[()]/g, "\\$&")}:\\s+([0-9]+) kB$`, "m").exec(text);
	assert.ok(m !== null, `no ${name} line`);
	return Number(m[1]);
}

/** An unprivileged process (uid 1000, no capabilities). */
function user(h: TestHost): Task {
	return h.spawnAs(1000);
}

describe("/proc/<pid>/status: the address space (task_mem)", () => {
	it("prints the Vm and Rss lines after Kthread, '%8lu kB', then HugetlbPages, CoreDumping, THP_enabled, untag_mask", () => {
		const h = new TestHost();
		const [p] = withRss(h, 2048, 1000);
		const status = h.read(`/proc/${p.pid}/status`);
		const block = status.slice(status.indexOf("Kthread:\t0\n") + 11, status.indexOf("Threads:"));
		assert.equal(
			block,
			"VmPeak:\t    8192 kB\nVmSize:\t    8192 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\n" +
				"VmHWM:\t    4000 kB\nVmRSS:\t    4000 kB\nRssAnon:\t    4000 kB\nRssFile:\t       0 kB\n" +
				"RssShmem:\t       0 kB\nVmData:\t    8192 kB\nVmStk:\t       0 kB\nVmExe:\t       0 kB\n" +
				"VmLib:\t       0 kB\nVmPTE:\t       8 kB\nVmSwap:\t       0 kB\nHugetlbPages:\t       0 kB\n" +
				"CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n",
		);
	});

	it("counts mlocked regions in VmLck and swapped pages in VmSwap, and a number wider than 8 digits is not cut", () => {
		const h = new TestHost({ swap: 64 * MiB });
		h.mkdir(`${MEM}/a`);
		h.write(`${MEM}/a/memory.limit_in_bytes`, "1M");
		const p = h.spawn();
		h.write(`${MEM}/a/tasks`, String(p.pid));
		const r = h.kernel.mm.mmapAnon(p.mm!, 1024);
		for (let i = 0; i < 1024; i++) assert.equal(h.kernel.mm.touch(p, r, i), FAULT_OK);
		const locked = h.kernel.mm.mmapAnon(p.mm!, 16);
		locked.locked = true;
		const huge = h.kernel.mm.mmapAnon(p.mm!, 30_000_000);
		const status = h.read(`/proc/${p.pid}/status`);
		const rss = kbOf(status, "VmRSS");
		const swap = kbOf(status, "VmSwap");
		assert.ok(swap > 0 && rss <= 1024, `rss ${rss} swap ${swap}`);
		assert.equal(rss + swap, 4096, "every touched page is resident or in swap");
		assert.equal(swap, p.mm!.swapents * 4);
		assert.equal(kbOf(status, "VmLck"), 64);
		assert.match(status, /^VmSize:\t120004160 kB$/m);
		h.kernel.mm.munmap(huge);
		assert.equal(kbOf(h.read(`/proc/${p.pid}/status`), "VmSize"), 4160);
	});

	it("has no memory lines for kernel threads, zombies and a leader that exited before its threads", () => {
		const h = new TestHost();
		assert.doesNotMatch(h.read("/proc/2/status"), /Vm|Rss|THP_enabled/);
		const p = h.spawn();
		const th = h.kernel.fork(p, { flags: THREAD });
		h.kernel.exit(p, 0);
		assert.doesNotMatch(h.read(`/proc/${p.pid}/status`), /VmSize/, "the leader has no mm");
		assert.match(h.read(`/proc/${p.pid}/task/${th.pid}/status`), /^VmSize:/m);
		const z = h.spawn(h.spawn());
		h.kernel.exitGroup(z, 0);
		assert.doesNotMatch(h.read(`/proc/${z.pid}/status`), /VmSize/);
	});
});

describe("/proc/<pid>/statm and stat (vsize, rss)", () => {
	it("statm: size resident shared text lib data dt in pages; 0s without an mm", () => {
		const h = new TestHost();
		const [p] = withRss(h, 2048, 1000);
		assert.equal(h.read(`/proc/${p.pid}/statm`), "2048 1000 0 0 0 2048 0\n");
		assert.equal(h.read("/proc/2/statm"), "0 0 0 0 0 0 0\n");
		const th = h.kernel.fork(p, { flags: THREAD });
		assert.equal(h.read(`/proc/${p.pid}/task/${th.pid}/statm`), "2048 1000 0 0 0 2048 0\n");
	});

	it("stat: field 23 is vsize in bytes, field 24 rss in pages, for the process and each thread", () => {
		const h = new TestHost();
		const [p] = withRss(h, 300, 100);
		const th = h.kernel.fork(p, { flags: THREAD });
		for (const path of [`/proc/${p.pid}/stat`, `/proc/${p.pid}/task/${th.pid}/stat`]) {
			const f = statFields(h.read(path));
			assert.equal(f[23], String(300 * 4096));
			assert.equal(f[24], "100");
		}
		const k = statFields(h.read("/proc/2/stat"));
		assert.deepEqual([k[23], k[24]], ["0", "0"]);
	});

	it("agrees with status whatever the process maps, touches and unmaps", () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.record({ op: fc.constant("map" as const), pages: fc.integer({ min: 1, max: 600 }) }),
						fc.record({ op: fc.constant("touch" as const), at: fc.nat(), n: fc.nat({ max: 700 }) }),
						fc.record({ op: fc.constant("unmap" as const), at: fc.nat() }),
					),
					{ maxLength: 12 },
				),
				(ops) => {
					const h = new TestHost();
					const p = h.spawn();
					const q = h.spawn();
					const mm = h.kernel.mm;
					const regions: AnonRegion[] = [];
					for (const o of ops) {
						if (o.op === "map") regions.push(mm.mmapAnon(p.mm!, o.pages));
						else if (regions.length > 0) {
							const r = regions[o.at % regions.length]!;
							if (o.op === "unmap") {
								mm.munmap(r);
								regions.splice(regions.indexOf(r), 1);
							} else for (let i = 0; i < Math.min(o.n, r.nrPages); i++) mm.touch(p, r, i);
						}
					}
					const status = h.read(`/proc/${p.pid}/status`);
					const [size, resident, , , , data] = h
						.read(`/proc/${p.pid}/statm`)
						.split(" ")
						.map(Number);
					const f = statFields(h.read(`/proc/${p.pid}/stat`));
					assert.equal(size! * 4, kbOf(status, "VmSize"));
					assert.equal(resident! * 4, kbOf(status, "VmRSS"));
					assert.equal(data! * 4, kbOf(status, "VmData"));
					assert.equal(Number(f[23]), size! * 4096);
					assert.equal(Number(f[24]), resident);
					// Every anonymous page is mapped by exactly one address space.
					const anon = kbOf(status, "RssAnon") + kbOf(h.read(`/proc/${q.pid}/status`), "RssAnon");
					assert.equal(kbOf(h.read("/proc/meminfo"), "AnonPages"), anon);
				},
			),
			{ numRuns: 40 },
		);
	});
});

describe("/proc/<pid>/oom_score", () => {
	it("is (1000 + badness * 1000 / totalpages) * 2 / 3 with C's truncating division", () => {
		// 4 GiB, no swap: totalpages 1048576, oom_score_adj counts in steps of 1048 pages.
		const h = new TestHost();
		const [p] = withRss(h, 1000, 1000); // rss 1000 + 2 page-table pages
		const score = (): string => h.read(`/proc/${p.pid}/oom_score`);
		assert.equal(score(), "666\n");
		p.signal.oomScoreAdj = 500; // 1002 + 524000 -> 500 -> 1000
		assert.equal(score(), "1000\n");
		p.signal.oomScoreAdj = -400; // 1002 - 419200 = -418198 -> -398 (not -399) -> 401
		assert.equal(score(), "401\n");
		p.signal.oomScoreAdj = 1000;
		assert.equal(score(), "1333\n");
		p.signal.oomScoreAdj = -1000;
		assert.equal(score(), "0\n", "OOM_SCORE_ADJ_MIN: never chosen");
	});

	it("is 0 for init and kernel threads, and counts swap in totalpages", () => {
		const h = new TestHost({ swap: 4096 * MiB });
		assert.equal(h.read("/proc/1/oom_score"), "0\n");
		assert.equal(h.read("/proc/2/oom_score"), "0\n");
		const [p] = withRss(h, 1, 1);
		p.signal.oomScoreAdj = 1000; // 3 + 1000 * 2097 = 2097003 of 2097152 -> 999 -> 1332
		assert.equal(h.read(`/proc/${p.pid}/oom_score`), "1332\n");
	});

	it("uses a live thread's address space when the leader has exited (find_lock_task_mm)", () => {
		const h = new TestHost();
		const [p] = withRss(h, 1000, 1000);
		p.signal.oomScoreAdj = 500;
		h.kernel.fork(p, { flags: THREAD });
		h.kernel.exit(p, 0);
		assert.equal(h.read(`/proc/${p.pid}/oom_score`), "1000\n");
	});

	it("is never negative and never falls as oom_score_adj rises (rss can push it past 1333)", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 3000 }),
				fc.integer({ min: -1000, max: 1000 }),
				fc.integer({ min: -1000, max: 1000 }),
				(rss, a, b) => {
					const h = new TestHost({ memory: 64 * MiB });
					const [p] = withRss(h, Math.max(rss, 1), rss);
					const at = (adj: number): number => {
						p.signal.oomScoreAdj = adj;
						return Number(h.read(`/proc/${p.pid}/oom_score`));
					};
					const [lo, hi] = a <= b ? [a, b] : [b, a];
					const sLo = at(lo);
					const sHi = at(hi);
					assert.ok(sLo <= sHi, `${lo}:${sLo} ${hi}:${sHi}`);
					assert.ok(sLo >= 0);
				},
			),
			{ numRuns: 60 },
		);
	});
});

describe("/proc/<pid>/oom_score_adj (oom_score_adj_write)", () => {
	it("is 0644 for oom_score_adj and oom_adj, 0444 for oom_score, also under task/", () => {
		const h = new TestHost();
		const p = h.spawn();
		const th = h.kernel.fork(p, { flags: THREAD });
		for (const dir of [`/proc/${p.pid}`, `/proc/${p.pid}/task/${th.pid}`]) {
			assert.equal(h.vfs.stat(h.init, `${dir}/oom_score_adj`).mode & 0o7777, 0o644);
			assert.equal(h.vfs.stat(h.init, `${dir}/oom_adj`).mode & 0o7777, 0o644);
			assert.equal(h.vfs.stat(h.init, `${dir}/oom_score`).mode & 0o7777, 0o444);
		}
		h.write(`/proc/${p.pid}/task/${th.pid}/oom_score_adj`, "7");
		assert.equal(h.read(`/proc/${p.pid}/oom_score_adj`), "7\n", "the thread group shares it");
	});

	it("takes kstrtoint base 0 after strstrip, in -1000..1000; the rest is EINVAL or ERANGE and changes nothing", () => {
		const h = new TestHost();
		const p = h.spawn();
		const f = `/proc/${p.pid}/oom_score_adj`;
		const cases: [string, string | number][] = [
			["500", 500],
			[" \t-3 \n", -3],
			["0x10", 16],
			["010", 8],
			["+9", 9],
			["1000\n", 1000],
			["-1000", -1000],
			["12\0junk", 12],
			["1001", "EINVAL"],
			["-1001", "EINVAL"],
			["abc", "EINVAL"],
			["", "EINVAL"],
			["5 6", "EINVAL"],
			["0x", "EINVAL"],
			["99999999999", "ERANGE"],
			["-9999999999", "ERANGE"],
		];
		for (const [input, want] of cases) {
			const before = h.read(f);
			if (typeof want === "number") {
				assert.equal(h.write(f, input), input.length, JSON.stringify(input));
				assert.equal(h.read(f), `${want}\n`, JSON.stringify(input));
			} else {
				assertErrno(() => h.write(f, input), want, JSON.stringify(input));
				assert.equal(h.read(f), before);
			}
		}
	});

	it("takes at most 12 bytes of a write: the rest is a short write", () => {
		const h = new TestHost();
		const p = h.spawn();
		const f = `/proc/${p.pid}/oom_score_adj`;
		assert.equal(h.write(f, "0000000000000500"), 12);
		assert.equal(h.read(f), "0\n");
		assert.equal(h.write(f, "           42"), 12, "all blanks: EINVAL would be wrong only past 12");
		assert.equal(h.read(f), "4\n");
	});

	it("refuses to go below oom_score_adj_min without CAP_SYS_RESOURCE; a privileged writer moves the floor", () => {
		const h = new TestHost();
		const u = user(h);
		const f = `/proc/${u.pid}/oom_score_adj`;
		assertErrno(() => h.write(f, "-1", u), "EACCES");
		h.write(f, "300", u);
		h.write(f, "0", u); // down to the floor (0) is allowed
		assert.equal(h.read(f), "0\n");
		h.write(f, "-500"); // root: oom_score_adj_min = -500 too
		assert.equal(u.signal.oomScoreAdjMin, -500);
		h.write(f, "200", u);
		h.write(f, "-500", u);
		assertErrno(() => h.write(f, "-501", u), "EACCES");
		assert.equal(h.read(f), "-500\n");
		// CAP_SYS_RESOURCE, not uid 0, is what counts.
		u.cred = u.cred.withCaps({ effective: 1n << BigInt(CAP_SYS_RESOURCE) });
		h.write(f, "-900", u);
		assert.equal(u.signal.oomScoreAdjMin, -900);
	});

	it("cannot be opened for writing by another unprivileged user", () => {
		const h = new TestHost();
		const a = user(h);
		const b = h.spawnAs(2000);
		assertErrno(() => h.write(`/proc/${a.pid}/oom_score_adj`, "5", b), "EACCES");
		assert.equal(h.read(`/proc/${a.pid}/oom_score_adj`, b), "0\n");
	});

	it("fails with ESRCH once the process is reaped", () => {
		const h = new TestHost();
		const parent = h.spawn();
		const p = h.spawn(parent);
		const fd = h.vfs.open(h.init, `/proc/${p.pid}/oom_score_adj`, 1 /* O_WRONLY */);
		h.kernel.exitGroup(p, 0);
		h.kernel.waitReap(parent, p.pid);
		assertErrno(() => h.vfs.write(h.init, fd, new TextEncoder().encode("5")), "ESRCH");
	});
});

describe("/proc/<pid>/oom_adj (legacy)", () => {
	it("maps -16..15 (and -17) linearly onto oom_score_adj and back, truncating", () => {
		const h = new TestHost();
		const p = h.spawn();
		const adj = `/proc/${p.pid}/oom_adj`;
		const score = `/proc/${p.pid}/oom_score_adj`;
		const cases: [string, string, string][] = [
			["15", "1000", "15"],
			["-17", "-1000", "-17"],
			["-16", "-941", "-15"],
			["8", "470", "7"],
			["0", "0", "0"],
		];
		for (const [write, adjusted, readBack] of cases) {
			h.write(adj, write);
			assert.equal(h.read(score), `${adjusted}\n`, write);
			assert.equal(h.read(adj), `${readBack}\n`, write);
		}
		h.write(score, "999");
		assert.equal(h.read(adj), "15\n", "999 * 17 / 1000 = 16, at most 15");
		for (const bad of ["16", "-18", "x"]) assertErrno(() => h.write(adj, bad), "EINVAL", bad);
		assert.equal(h.read(score), "999\n");
	});

	it("refuses an unprivileged lowering below the current value, leaves the floor alone, and warns once", () => {
		const h = new TestHost();
		const u = user(h);
		const adj = `/proc/${u.pid}/oom_adj`;
		h.write(adj, "10", u);
		assertErrno(() => h.write(adj, "9", u), "EACCES");
		h.write(adj, "-17");
		assert.equal(u.signal.oomScoreAdjMin, 0, "oom_adj does not set oom_score_adj_min");
		const v = h.spawn();
		h.write(`/proc/${v.pid}/oom_adj`, "3");
		const warnings = h.kernel.log.filter((r) => r.text.includes("oom_adj is deprecated"));
		assert.deepEqual(
			warnings.map((r) => r.text),
			[
				`init (${u.pid}): /proc/${u.pid}/oom_adj is deprecated, please use /proc/${u.pid}/oom_score_adj instead.`,
			],
		);
	});
});

describe("/proc/meminfo", () => {
	it("prints the reference kernel's lines in its order, '%-16s%8lu kB' and the hugetlb lines", () => {
		const h = new TestHost();
		const text = h.read("/proc/meminfo");
		const names = text
			.split("\n")
			.slice(0, -1)
			.map((l) => l.slice(0, l.indexOf(":")));
		assert.deepEqual(
			names,
			(
				"MemTotal MemFree MemAvailable Buffers Cached SwapCached Active Inactive Active(anon) " +
				"Inactive(anon) Active(file) Inactive(file) Unevictable Mlocked SwapTotal SwapFree Zswap " +
				"Zswapped Dirty Writeback AnonPages Mapped Shmem KReclaimable Slab SReclaimable SUnreclaim " +
				"KernelStack PageTables SecPageTables NFS_Unstable Bounce WritebackTmp CommitLimit " +
				"Committed_AS VmallocTotal VmallocUsed VmallocChunk Percpu AnonHugePages ShmemHugePages " +
				"ShmemPmdMapped FileHugePages FilePmdMapped Balloon HugePages_Total HugePages_Free " +
				"HugePages_Rsvd HugePages_Surp Hugepagesize Hugetlb DirectMap4k DirectMap2M DirectMap1G"
			).split(" "),
		);
		for (const line of text.split("\n").slice(0, -1)) {
			if (line.startsWith("HugePages_")) assert.match(line, /^HugePages_\w+: +[0-9]+$/);
			else assert.match(line, /^.{16}[ 0-9]{7}[0-9]+ kB$/, line);
			if (!line.startsWith("VmallocTotal")) {
				assert.equal(line.length, line.endsWith(" kB") ? 27 : 24, line);
			}
		}
		assert.match(text, /^MemTotal: {8}4194304 kB$/m);
		assert.match(text, /^VmallocTotal: {3}34359738367 kB$/m);
		assert.match(text, /^HugePages_Total: {7}0$/m);
		assert.match(text, /^Hugepagesize: {7}2048 kB$/m);
		// stress-ng's reading of it.
		assert.equal(/^MemTotal:\s+([0-9]+) kB$/m.exec(text)?.[1], "4194304");
	});

	it("follows anonymous memory, swap, page tables and the huge page pools", () => {
		const h = new TestHost({
			memory: 1024 * MiB,
			swap: 64 * MiB,
			machine: { nrHugepages: [3, 0] },
		});
		const before = h.read("/proc/meminfo");
		const [p] = withRss(h, 2048, 1000);
		const after = h.read("/proc/meminfo");
		assert.equal(kbOf(after, "MemTotal"), 1024 * 1024);
		assert.equal(kbOf(before, "MemFree") - kbOf(after, "MemFree"), 4000);
		assert.equal(kbOf(after, "AnonPages") - kbOf(before, "AnonPages"), 4000);
		assert.equal(
			kbOf(after, "Inactive(anon)") + kbOf(after, "Active(anon)"),
			kbOf(after, "AnonPages"),
		);
		assert.equal(
			kbOf(after, "Active") + kbOf(after, "Inactive"),
			kbOf(after, "AnonPages") + kbOf(after, "Active(file)") + kbOf(after, "Inactive(file)"),
		);
		assert.equal(kbOf(after, "PageTables") - kbOf(before, "PageTables"), 8);
		assert.equal(kbOf(after, "SwapTotal"), 65536);
		assert.equal(kbOf(after, "SwapFree"), 65536);
		assert.equal(
			kbOf(after, "MemAvailable"),
			kbOf(after, "MemFree") + kbOf(after, "Active(file)") + kbOf(after, "Inactive(file)"),
		);
		assert.equal(kbOf(after, "Committed_AS") - kbOf(before, "Committed_AS"), 8192);
		// (RAM - 3 huge pages) / 2 + swap
		assert.equal(kbOf(after, "CommitLimit"), (1024 * 1024 - 3 * 2048) / 2 + 65536);
		assert.match(after, /^HugePages_Total: {7}3\nHugePages_Free: {8}3\n/m);
		assert.equal(kbOf(after, "Hugetlb"), 6144);
		h.kernel.exitGroup(p, 0);
		assert.equal(kbOf(h.read("/proc/meminfo"), "MemFree"), kbOf(before, "MemFree"));
	});

	it("counts tmpfs pages as Cached and Shmem, on the anon lists, and committed", () => {
		const h = new TestHost();
		const before = h.read("/proc/meminfo");
		h.write("/tmp/f", "x".repeat(10 * 4096));
		const after = h.read("/proc/meminfo");
		for (const [name, delta] of [
			["MemFree", -40],
			["Cached", 40],
			["Shmem", 40],
			["Committed_AS", 40],
			["AnonPages", 0],
		] as const) {
			assert.equal(kbOf(after, name) - kbOf(before, name), delta, name);
		}
		assert.equal(
			kbOf(after, "Active(anon)") + kbOf(after, "Inactive(anon)"),
			kbOf(after, "AnonPages") + kbOf(after, "Shmem"),
		);
		h.vfs.unlink(h.init, "/tmp/f");
		assert.equal(kbOf(h.read("/proc/meminfo"), "Shmem"), kbOf(before, "Shmem"));
	});

	it("Mlocked and Unevictable count the pages of mlocked regions", () => {
		const h = new TestHost();
		const p = h.spawn();
		const r = h.kernel.mm.mmapAnon(p.mm!, 10);
		r.locked = true;
		for (let i = 0; i < 10; i++) h.kernel.mm.touch(p, r, i);
		const text = h.read("/proc/meminfo");
		assert.equal(kbOf(text, "Unevictable"), 40);
		assert.equal(kbOf(text, "Mlocked"), 40);
	});
});

describe("/proc/vmstat", () => {
	it("prints the reference kernel's 192 items once each, 'name value', in vmstat_text order", () => {
		const h = new TestHost();
		const lines = h.read("/proc/vmstat").split("\n");
		assert.equal(lines.pop(), "");
		assert.equal(lines.length, 192);
		assert.equal(new Set(VMSTAT_NAMES).size, 192);
		assert.deepEqual(
			lines.map((l) => l.split(" ")[0]),
			VMSTAT_NAMES,
		);
		for (const l of lines) assert.match(l, /^[a-z0-9_]+ [0-9]+$/);
		assert.equal(lines[0]!.split(" ")[0], "nr_free_pages");
		assert.equal(lines.at(-1), "nr_unstable 0");
	});

	it("counts faults, swap traffic (pgpgin/pgpgout in kB) and OOM kills", () => {
		const h = new TestHost({ swap: 64 * MiB });
		const value = (name: string): number =>
			Number(new RegExp(`^${name} ([0-9]+)$`, "m").exec(h.read("/proc/vmstat"))![1]);
		const faults = value("pgfault");
		const free = value("nr_free_pages");
		h.mkdir(`${MEM}/a`);
		h.write(`${MEM}/a/memory.limit_in_bytes`, "1M");
		const p = h.spawn();
		h.write(`${MEM}/a/tasks`, String(p.pid));
		const r = h.kernel.mm.mmapAnon(p.mm!, 512);
		for (let i = 0; i < 512; i++) assert.equal(h.kernel.mm.touch(p, r, i), FAULT_OK);
		assert.equal(value("pgfault") - faults, 512);
		assert.equal(value("nr_free_pages"), free - p.mm!.anonRss);
		const out = value("pswpout");
		assert.ok(out >= p.mm!.swapents && out > 0);
		assert.equal(value("pgpgout"), out * 4);
		assert.equal(value("nr_anon_pages"), p.mm!.anonRss);
		const major = value("pgmajfault");
		for (let i = 0; i < 512; i++) assert.equal(h.kernel.mm.touch(p, r, i), FAULT_OK);
		assert.ok(value("pgmajfault") > major);
		assert.equal(value("pgpgin"), value("pswpin") * 4);
		assert.equal(value("oom_kill"), 0);
		h.mkdir(`${MEM}/b`);
		h.write(`${MEM}/b/memory.limit_in_bytes`, "1M");
		h.write(`${MEM}/b/memory.memsw.limit_in_bytes`, "1M");
		const q = h.spawn();
		h.write(`${MEM}/b/tasks`, String(q.pid));
		const big = h.kernel.mm.mmapAnon(q.mm!, 1024);
		for (let i = 0; i < 1024; i++) if (h.kernel.mm.touch(q, big, i) !== FAULT_OK) break;
		assert.ok(value("oom_kill") >= 1);
	});

	it("derives the dirty limits from free and file pages (20% and 10% in 1/4096 steps)", () => {
		const h = new TestHost({ memory: 1024 * MiB });
		const text = h.read("/proc/vmstat");
		const free = Number(/^nr_free_pages ([0-9]+)$/m.exec(text)![1]);
		const file = ["nr_inactive_file", "nr_active_file"]
			.map((n) => Number(new RegExp(`^${n} ([0-9]+)$`, "m").exec(text)![1]))
			.reduce((a, b) => a + b);
		const avail = free + file + 1;
		assert.match(text, new RegExp(`^nr_dirty_threshold ${Math.floor((819 * avail) / 4096)}$`, "m"));
		assert.match(
			text,
			new RegExp(`^nr_dirty_background_threshold ${Math.floor((409 * avail) / 4096)}$`, "m"),
		);
	});
});

describe("ps memory columns", () => {
	it("show VmSize and VmRSS (kB), SZ in pages and %MEM of MemTotal; kernel threads 0", () => {
		const sys = newSystem({ memory: 1024 * MiB });
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			"stress-ng -q --vm 1 --vm-bytes 8M --vm-keep -t 2 & sleep 1; " +
				"ps -e -o rss,vsz,sz,%mem,rsz,vsize,comm | grep -e stress-ng-vm -e kthreadd -e RSS; wait",
		]);
		assert.equal(r.stderr, "");
		assert.equal(
			r.stdout,
			"  RSS    VSZ    SZ %MEM   RSZ    VSZ COMMAND\n" +
				"    0      0     0  0.0     0      0 kthreadd\n" +
				"    0      0     0  0.0     0      0 stress-ng-vm\n" +
				" 8192   8192  2048  0.7  8192   8192 stress-ng-vm\n",
		);
	});

	it("read the same numbers as /proc/<pid>/status", () => {
		const sys = newSystem();
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			"stress-ng -q --vm 1 --vm-bytes 4M --vm-keep -t 2 & sleep 1; " +
				"for p in $(pgrep stress-ng-vm); do ps -o rss=,vsz= -p $p; grep -e VmRSS -e VmSize /proc/$p/status; done; wait",
		]);
		assert.equal(
			r.stdout,
			"    0      0\nVmSize:\t       0 kB\nVmRSS:\t       0 kB\n" +
				" 4096   4096\nVmSize:\t    4096 kB\nVmRSS:\t    4096 kB\n",
		);
	});
});

describe("high-water marks and fault counts", () => {
	it("keeps VmPeak and VmHWM after an unmap; counts minor and major faults per task and for reaped children", () => {
		const h = new TestHost({ layout: "hybrid", swap: 64 * 1024 ** 2 });
		h.mkdir("/sys/fs/cgroup/memory/a");
		const [p, r] = withRss(h, 300, 200);
		h.kernel.mm.munmap(r);
		const status = h.read(`/proc/${p.pid}/status`);
		assert.match(status, /^VmPeak:\t {4}1200 kB$/m);
		assert.match(status, /^VmSize:\t {7}0 kB$/m);
		assert.match(status, /^VmHWM:\t {5}800 kB$/m);
		assert.match(status, /^VmRSS:\t {7}0 kB$/m);
		assert.equal(statFields(h.read(`/proc/${p.pid}/stat`))[10], "200");
		// Swapped out under a limit, then read back: major faults.
		h.write("/sys/fs/cgroup/memory/a/tasks", String(p.pid));
		h.write("/sys/fs/cgroup/memory/a/memory.limit_in_bytes", "512K");
		const r2 = h.kernel.mm.mmapAnon(p.mm!, 256);
		for (let i = 0; i < 256; i++) assert.equal(h.kernel.mm.touch(p, r2, i), FAULT_OK);
		for (let i = 0; i < 256; i++) assert.equal(h.kernel.mm.touch(p, r2, i), FAULT_OK);
		const f = statFields(h.read(`/proc/${p.pid}/stat`));
		assert.equal(f[10], "456");
		assert.ok(Number(f[12]) > 0, `majflt ${f[12]}`);
		// The parent (init) collects the faults of a reaped child in cminflt.
		const parent = h.spawn();
		const child = h.kernel.fork(parent);
		const r3 = h.kernel.mm.mmapAnon(child.mm!, 10);
		for (let i = 0; i < 10; i++) h.kernel.mm.touch(child, r3, i);
		h.kernel.exit(child, 0);
		h.kernel.waitReap(parent, child.pid);
		assert.equal(statFields(h.read(`/proc/${parent.pid}/stat`))[11], "10");
	});
});
