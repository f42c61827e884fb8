/**
 * The memory controller on cgroup2 (mm/memcontrol.c memory_files[] and
 * swap_files[]): every file's mode, default and errnos, and the checks of
 * the kernel's tools/testing/selftests/cgroup/test_memcontrol.c (6.12),
 * reproduced on a v2-booted host with the selftest's own tolerances
 * (values_close(a, b, err): |a - b| <= (a + b) / 100 * err). The
 * selftest's helpers (alloc_anon(), alloc_pagecache(), ...) are emulated
 * programs here: anonymous memory touched a chunk at a time, page cache
 * read a page per read(2) from a file of the ext4 root, each return to
 * user space taking the memory.high work the kernel left it
 * (resume_user_mode_work()).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import { MS_REMOUNT, O_APPEND, O_CREAT, O_RDWR, O_WRONLY } from "../../src/fs/constants.ts";
import { sysBind, sysListen, sysSetsockopt, sysSocket } from "../../src/fs/socket.ts";
import { bytesToBinary } from "../../src/kernel/bytes.ts";
import { errnoNumber, isKernelError } from "../../src/kernel/errno.ts";
import { checkMemoryInvariants } from "../../src/kernel/mm/invariants.ts";
import type { MemCgroup } from "../../src/kernel/mm/memcontrol.ts";
import {
	calculateHighDelay,
	calculateOverage,
	HZ,
	MEMCG_MAX_HIGH_DELAY_JIFFIES,
} from "../../src/kernel/mm/memory.ts";
import { OOM_SCORE_ADJ_MIN } from "../../src/kernel/mm/oom-kill.ts";
import { PAGE_SIZE } from "../../src/kernel/mm/page.ts";
import { effectiveProtection, PageCounter } from "../../src/kernel/mm/page-counter.ts";
import { AF_INET6, SO_REUSEADDR, SOCK_STREAM, SOL_SOCKET } from "../../src/kernel/net/defs.ts";
import { EXIT_DEAD, EXIT_ZOMBIE, type Task } from "../../src/kernel/task.ts";
import { WouldBlock } from "../../src/kernel/wait.ts";
import { mmapAnon, munmap, touchPages } from "../../src/userland/proc/memory.ts";
import { Sys } from "../../src/userland/proc/sys.ts";
import type { Run } from "../../src/userland/proc/types.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";
import { newSystem } from "../support/userland.ts";

const R = "/sys/fs/cgroup";
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const MAX_BYTES = "9223372036854771712";

/** What the scenarios measured, printed with MEMCG_V2_REPORT=1 (the tolerances' margins). */
const measured: string[] = [];
function measure(what: string, value: number, target?: number): void {
	const rel =
		target === undefined
			? ""
			: ` (${(((value - target) / target) * 100).toFixed(2)}% off ${target})`;
	measured.push(`${what}: ${value}${rel}`);
}
after(() => {
	if (process.env.MEMCG_V2_REPORT) console.log(measured.join("\n"));
});

/** values_close() of the selftests' cgroup_util.h. */
function valuesClose(a: number, b: number, err: number): boolean {
	return Math.abs(a - b) <= Math.floor((a + b) / 100) * err;
}

function assertClose(a: number, b: number, err: number, what: string): void {
	assert.ok(valuesClose(a, b, err), `${what}: ${a} not within ${err}% of ${b}`);
}

function memcgOf(
	h: { vfs: TestHost["vfs"]; kernel: TestHost["kernel"]; init: Task },
	path: string,
): MemCgroup {
	const inode = h.vfs.resolve(h.init, path).inode;
	assert.ok(inode instanceof CgroupDirInode);
	const ss = h.kernel.cgroup.subsysByName("memory")!;
	return inode.cgroup.subsys(ss.id) as MemCgroup;
}

// ---------------------------------------------------------------- the selftest's world

/** An emulated program of the selftest binary: runs in `cg`, returns its exit status. */
type Fn = (sys: Sys, cg: string) => Run<number>;

/**
 * What a task does on its way back to user space: the memory.high work,
 * and the throttling sleep it owes, a memory stall for PSI.
 */
function* returnToUser(sys: Sys): Run<void> {
	const ns = sys.kernel.mm.resumeUserModeWork(sys.task);
	if (ns > 0) {
		const psi = sys.kernel.psi;
		psi.memstallEnter(sys.task);
		try {
			yield* sys.sleepOn(null, sys.kernel.clock.now() + ns, false);
		} finally {
			psi.memstallLeave(sys.task);
		}
	}
	yield* sys.checkSelf();
}

/** The pages of a buffer, touched a chunk (one return to user space) at a time. */
const CHUNK = 256;

/** malloc(size) and a write to each page, as alloc_anon() does; returns the region. */
function* touchAnon(sys: Sys, size: number, locked = false) {
	const r = mmapAnon(sys, size);
	r.locked = locked;
	for (let i = 0; i < r.nrPages; i += CHUNK) {
		yield* touchPages(sys, r, i, Math.min(r.nrPages, i + CHUNK));
		yield* returnToUser(sys);
	}
	return r;
}

/** alloc_anon(): touch `size` bytes of anonymous memory, free them, return 0. */
function allocAnon(size: number): Fn {
	return function* (sys) {
		const r = yield* touchAnon(sys, size);
		munmap(sys, r);
		return 0;
	};
}

/** alloc_anon_noexit(): touch `size` bytes and keep them while the parent lives. */
function allocAnonNoexit(size: number): Fn {
	return function* (sys) {
		yield* touchAnon(sys, size);
		for (;;) yield* sys.sleepOn(null, sys.kernel.clock.now() + 1e9, true);
	};
}

/** The few pages a running process of the selftest has of its own (stack, data). */
function* processPages(sys: Sys) {
	return yield* touchAnon(sys, 64 * KiB);
}

/**
 * alloc_pagecache(fd, size): grow the file by `size` and read it from the
 * shared offset a page per read(2), which brings its pages into the page
 * cache charged to the reader.
 */
function* allocPagecache(sys: Sys, fd: number, path: string, size: number): Run<number> {
	const total = sys.vfs.fstat(sys.task, fd).size + size;
	sys.vfs.truncate(sys.task, path, total);
	for (let i = 0; i < total; i += PAGE_SIZE) {
		try {
			sys.vfs.read(sys.task, fd, PAGE_SIZE);
		} catch (e) {
			// The selftest ignores what read() returns.
			if (!isKernelError(e)) throw e;
		}
		yield* returnToUser(sys);
	}
	return 0;
}

/** A temporary file of the ext4 root (get_temp_fd()'s O_TMPFILE in the test's directory). */
function tempFile(s: Selftest, task: Task = s.init): { fd: number; path: string } {
	const path = `/memcg-test-${s.files++}`;
	const fd = s.vfs.open(task, path, O_RDWR | O_CREAT, 0o600);
	return { fd, path };
}

/** alloc_pagecache_50M_noexit(). */
function pagecache50MNoexit(f: { fd: number; path: string }): Fn {
	return function* (sys) {
		yield* processPages(sys);
		yield* allocPagecache(sys, f.fd, f.path, 50 * MiB);
		for (;;) yield* sys.sleepOn(null, sys.kernel.clock.now() + 1e9, true);
	};
}

const selftests = new WeakMap<UserSystem, Selftest>();

/** The Selftest a program's system belongs to. */
function selftestOf(sys: Sys): Selftest {
	return selftests.get(sys.system as UserSystem)!;
}

/** A v2 host as the selftest finds it, with the ext4 root holding its files. */
class Selftest {
	readonly sys: UserSystem;
	files = 0;

	constructor(
		opts: { swap?: number; memory?: number; localEvents?: boolean; recursiveProt?: boolean } = {},
	) {
		this.sys = newSystem({
			layout: "v2",
			memory: opts.memory ?? 4 * GiB,
			swap: opts.swap ?? 0,
			rootFs: "ext4",
		});
		selftests.set(this.sys, this);
		if (opts.localEvents || opts.recursiveProt === false) {
			const options = ["nsdelegate"];
			if (opts.localEvents) options.push("memory_localevents");
			if (opts.recursiveProt !== false) options.push("memory_recursiveprot");
			this.vfs.mount(this.init, "cgroup2", R, "cgroup2", MS_REMOUNT, options.join(","));
		}
	}

	get vfs() {
		return this.sys.vfs;
	}

	get kernel() {
		return this.sys.kernel;
	}

	get init(): Task {
		return this.kernel.init;
	}

	cgCreate(cg: string): void {
		this.vfs.mkdir(this.init, `${R}/${cg}`, 0o755);
	}

	/** cg_write(): 0, or the errno's name. */
	cgWrite(cg: string, file: string, data: string): string | 0 {
		const e = errnoOf(() => this.vfs.writeFile(this.init, `${R}/${cg}/${file}`, data));
		return e === "OK" ? 0 : e;
	}

	cgRead(cg: string, file: string): string {
		return this.vfs.readFile(this.init, `${R}/${cg}/${file}`);
	}

	cgReadLong(cg: string, file: string): number {
		return Number.parseInt(this.cgRead(cg, file), 10);
	}

	/** cg_read_key_long(): the number after the first "key" in the file. */
	cgReadKeyLong(cg: string, file: string, key: string): number {
		const text = this.cgRead(cg, file);
		const at = text.indexOf(key);
		return at < 0 ? -1 : Number.parseInt(text.slice(at + key.length), 10);
	}

	/** cg_run_nowait(): a child of the test that enters `cg` and runs `fn` (exit 1 when it cannot enter). */
	cgRunNowait(cg: string, fn: Fn): Task {
		const task = this.kernel.fork(this.init);
		const sys = new Sys(this.sys, task);
		const run = (function* (): Run<number> {
			const e = errnoOf(() => sys.vfs.writeFile(task, `${R}/${cg}/cgroup.procs`, String(task.pid)));
			if (e !== "OK") return 1;
			return (yield* fn(sys, cg)) & 0xff;
		})();
		this.sys.sched.spawn(task, run);
		return task;
	}

	/** cg_run(): run `fn` in `cg` and wait for it; its exit status, -1 when a signal ended it. */
	cgRun(cg: string, fn: Fn): number {
		const task = this.cgRunNowait(cg, fn);
		this.runUntil(() => task.exitState === EXIT_ZOMBIE || task.exitState === EXIT_DEAD);
		// init reaps its children itself.
		const status = task.exitCode;
		return status & 0x7f ? -1 : (status >> 8) & 0xff;
	}

	/** Let the emulated host run (emulated time goes by) until `done()`. */
	runUntil(done: () => boolean): void {
		const r = this.sys.sched.runSync(done);
		assert.equal(r, "done", "the host went idle before the condition held");
	}

	/** Let `ns` of emulated time pass. */
	sleep(ns: number): void {
		const until = this.kernel.clock.now() + ns;
		this.sys.sched.runSync(() => this.kernel.clock.now() >= until);
	}

	memcg(cg: string): MemCgroup {
		return memcgOf(this, `${R}/${cg}`);
	}

	/** open() of a control file, for the per-file peak tests. */
	cgOpen(cg: string, file: string, flags: number): number {
		return this.vfs.open(this.init, `${R}/${cg}/${file}`, flags);
	}

	/** cg_read_long_fd(): pread(fd, buf, 128, 0). */
	readLongFd(fd: number): number {
		this.vfs.lseek(this.init, fd, 0, 0);
		return Number.parseInt(bytesToBinary(this.vfs.read(this.init, fd, 128)), 10);
	}

	writeFd(fd: number, data: string): number {
		return this.vfs.write(this.init, fd, data);
	}

	procsEmpty(cg: string): boolean {
		return this.cgRead(cg, "cgroup.procs") === "";
	}

	noDrift(): void {
		assert.deepEqual(checkMemoryInvariants(this.kernel.mm), []);
	}
}

// ---------------------------------------------------------------- files

/** A v2 host with memory enabled below the root (as systemd does) and a cgroup a. */
function v2Host(opts: { swap?: number } = {}): TestHost {
	const h = new TestHost({ layout: "v2", swap: opts.swap ?? 0 });
	h.write(`${R}/cgroup.subtree_control`, "+memory");
	h.mkdir(`${R}/a`);
	return h;
}

const MODES: readonly [string, number, string][] = [
	["memory.current", 0o444, "0\n"],
	["memory.peak", 0o644, "0\n"],
	["memory.min", 0o644, "0\n"],
	["memory.low", 0o644, "0\n"],
	["memory.high", 0o644, "max\n"],
	["memory.max", 0o644, "max\n"],
	["memory.events", 0o444, "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"],
	["memory.events.local", 0o444, "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"],
	["memory.oom.group", 0o644, "0\n"],
	["memory.reclaim", 0o200, ""],
	["memory.swap.current", 0o444, "0\n"],
	["memory.swap.high", 0o644, "max\n"],
	["memory.swap.max", 0o644, "max\n"],
	["memory.swap.peak", 0o644, "0\n"],
	["memory.swap.events", 0o444, "high 0\nmax 0\nfail 0\n"],
	["memory.stat", 0o444, ""],
	["memory.numa_stat", 0o444, ""],
];

/** memory_stats[] and memcg_vm_event_stat[] of 6.12 with the reference kernel's configuration. */
const STAT_KEYS = [
	"anon",
	"file",
	"kernel",
	"kernel_stack",
	"pagetables",
	"sec_pagetables",
	"percpu",
	"sock",
	"vmalloc",
	"shmem",
	"zswap",
	"zswapped",
	"file_mapped",
	"file_dirty",
	"file_writeback",
	"swapcached",
	"anon_thp",
	"file_thp",
	"shmem_thp",
	"inactive_anon",
	"active_anon",
	"inactive_file",
	"active_file",
	"unevictable",
	"slab_reclaimable",
	"slab_unreclaimable",
	"slab",
	"workingset_refault_anon",
	"workingset_refault_file",
	"workingset_activate_anon",
	"workingset_activate_file",
	"workingset_restore_anon",
	"workingset_restore_file",
	"workingset_nodereclaim",
	"pgdemote_kswapd",
	"pgdemote_direct",
	"pgdemote_khugepaged",
	"pgpromote_success",
	"pgscan",
	"pgsteal",
	"pgscan_kswapd",
	"pgscan_direct",
	"pgscan_khugepaged",
	"pgsteal_kswapd",
	"pgsteal_direct",
	"pgsteal_khugepaged",
	"pgfault",
	"pgmajfault",
	"pgrefill",
	"pgactivate",
	"pgdeactivate",
	"pglazyfree",
	"pglazyfreed",
	"swpin_zero",
	"swpout_zero",
	"zswpin",
	"zswpout",
	"zswpwb",
	"thp_fault_alloc",
	"thp_collapse_alloc",
	"thp_swpout",
	"thp_swpout_fallback",
	"numa_pages_migrated",
	"numa_pte_updates",
	"numa_hint_faults",
];

/** The node stat items of memory_stats[]: memory.numa_stat's lines. */
const NUMA_KEYS = [
	"anon",
	"file",
	"kernel_stack",
	"pagetables",
	"sec_pagetables",
	"shmem",
	"file_mapped",
	"file_dirty",
	"file_writeback",
	"swapcached",
	"anon_thp",
	"file_thp",
	"shmem_thp",
	"inactive_anon",
	"active_anon",
	"inactive_file",
	"active_file",
	"unevictable",
	"slab_reclaimable",
	"slab_unreclaimable",
	"workingset_refault_anon",
	"workingset_refault_file",
	"workingset_activate_anon",
	"workingset_activate_file",
	"workingset_restore_anon",
	"workingset_restore_file",
	"workingset_nodereclaim",
	"pgdemote_kswapd",
	"pgdemote_direct",
	"pgdemote_khugepaged",
	"pgpromote_success",
];

describe("memory files on cgroup2", () => {
	it("a child has every file with the kernel's mode and default; the root only stat, numa_stat, reclaim", () => {
		const h = v2Host();
		// memory.pressure is the core's PSI file, there whatever the controllers.
		const ours = (n: string): boolean => n.startsWith("memory.") && n !== "memory.pressure";
		const names = h.ls(`${R}/a`).filter(ours);
		assert.deepEqual([...names].sort(), MODES.map(([n]) => n).sort());
		for (const [name, mode, content] of MODES) {
			assert.equal(h.vfs.stat(h.init, `${R}/a/${name}`).mode & 0o777, mode, name);
			if (content !== "") assert.equal(h.read(`${R}/a/${name}`), content, name);
		}
		assertErrno(() => h.read(`${R}/a/memory.reclaim`), "EINVAL");
		assert.deepEqual(h.ls(R).filter(ours).sort(), [
			"memory.numa_stat",
			"memory.reclaim",
			"memory.stat",
		]);
	});

	it("memory.stat lists 6.12's keys in order, all 0 in a new cgroup; numa_stat the node items per node", () => {
		const h = v2Host();
		const stat = h.read(`${R}/a/memory.stat`);
		assert.equal(stat, STAT_KEYS.map((k) => `${k} 0\n`).join(""));
		assert.equal(h.read(`${R}/a/memory.numa_stat`), NUMA_KEYS.map((k) => `${k} N0=0\n`).join(""));
		const h2 = new TestHost({ layout: "v2", nodes: 2 });
		h2.mkdir(`${R}/a`);
		assert.match(h2.read(`${R}/a/memory.numa_stat`), /^anon N0=0 N1=0$/m);
	});

	it("limits and protections parse like page_counter_memparse(): max, suffixes, pages rounded down", () => {
		const h = v2Host({ swap: 64 * MiB });
		const cases: [string, string][] = [
			["1M", "1048576\n"],
			["4097", "4096\n"],
			["4095", "0\n"],
			[" 8192 \n", "8192\n"],
			["1k", "0\n"],
			["1G", "1073741824\n"],
			["0x2000", "8192\n"],
			["max", "max\n"],
			["\n", "0\n"],
			["9223372036854775807", `${MAX_BYTES}\n`],
		];
		for (const file of ["min", "low", "high", "max", "swap.high", "swap.max"]) {
			const path = `${R}/a/memory.${file}`;
			for (const [input, want] of cases) {
				h.write(path, input);
				assert.equal(
					h.read(path),
					want === `${MAX_BYTES}\n` ? "max\n" : want,
					`${file} <- ${JSON.stringify(input)}`,
				);
			}
			h.write(path, "12M");
			for (const bad of ["-1", "1.5M", "MAX", "abc", "1 2", "1x", "+4096", "-1\n"]) {
				assertErrno(() => h.write(path, bad), "EINVAL", `${file} <- ${bad}`);
			}
			assert.equal(h.read(path), "12582912\n", `${file} unchanged`);
		}
	});

	it("read-only files refuse writes (EINVAL); memory.peak takes any write", () => {
		const h = v2Host({ swap: 64 * MiB });
		for (const f of [
			"current",
			"events",
			"events.local",
			"stat",
			"numa_stat",
			"swap.current",
			"swap.events",
		]) {
			assertErrno(() => h.write(`${R}/a/memory.${f}`, "0"), "EINVAL", f);
		}
		for (const v of ["reset", "0", "x", "\n"]) {
			assert.equal(h.write(`${R}/a/memory.peak`, v), v.length);
			assert.equal(h.write(`${R}/a/memory.swap.peak`, v), v.length);
		}
	});

	it("memory.oom.group takes 0 or 1 as kstrtoint() reads them", () => {
		const h = v2Host();
		const f = `${R}/a/memory.oom.group`;
		for (const [v, want] of [
			["1", "1"],
			["0", "0"],
			[" 1 ", "1"],
			["0x0", "0"],
			["01", "1"],
			["+0", "0"],
			["1\n", "1"],
		] as const) {
			h.write(f, v);
			assert.equal(h.read(f), `${want}\n`, v);
		}
		for (const [v, e] of [
			["2", "EINVAL"],
			["-1", "EINVAL"],
			["abc", "EINVAL"],
			["\n", "EINVAL"],
			["1 1", "EINVAL"],
			["4294967297", "ERANGE"],
		] as const) {
			assertErrno(() => h.write(f, v), e, v);
		}
		assert.equal(h.read(f), "1\n");
	});

	it("memory.reclaim: a size and swappiness=N|max; EINVAL for anything else, EAGAIN with nothing to take", () => {
		const h = v2Host();
		const f = `${R}/a/memory.reclaim`;
		for (const ok of [
			"0",
			"4095",
			"0\tswappiness=5",
			"0 swappiness=0",
			"0 swappiness=200",
			"0 swappiness=max",
			"0  swappiness=60 ",
			"0 swappiness=0x10",
			"0 swappiness=-",
			"k",
		]) {
			assert.equal(h.write(f, ok), ok.length, ok);
		}
		for (const bad of [
			"\n",
			" ",
			"abc",
			"1M swappiness=201",
			"0 swappiness=-1",
			"0 swappiness=abc",
			"0 swappiness=",
			"0 foo",
			"0 swappiness=1x",
			"0 swappiness=5\tx",
			"0 swappiness=000000000000000000000005",
			"0 swappiness=MAX",
		]) {
			assertErrno(() => h.write(f, bad), "EINVAL", JSON.stringify(bad));
		}
		assertErrno(() => h.write(f, "1M"), "EAGAIN");
		assertErrno(() => h.write(f, "1M swappiness=max"), "EAGAIN");
		// The root takes it too.
		assert.equal(h.write(`${R}/memory.reclaim`, "0"), 1);
	});

	it("a css kept only for a dependency (io needs memory) is reset to the defaults", () => {
		const h = v2Host({ swap: 64 * MiB });
		h.write(`${R}/a/cgroup.subtree_control`, "+memory +io");
		h.mkdir(`${R}/a/b`);
		const b = `${R}/a/b`;
		for (const [f, v] of [
			["max", "10M"],
			["high", "8M"],
			["low", "4M"],
			["min", "2M"],
			["swap.max", "1M"],
			["swap.high", "1M"],
		]) {
			h.write(`${b}/memory.${f}`, v!);
		}
		const m = memcgOf(h, b);
		h.write(`${R}/a/cgroup.subtree_control`, "-memory");
		assert.deepEqual(
			h.ls(b).filter((n) => n.startsWith("memory.")),
			["memory.pressure"],
			"only the core's PSI file",
		);
		assert.equal(memcgOf(h, b), m, "the css stays for io");
		assert.equal(m.memory.max, new PageCounter(null).max);
		h.write(`${R}/a/cgroup.subtree_control`, "+memory");
		for (const f of ["max", "high", "swap.max", "swap.high"])
			assert.equal(h.read(`${b}/memory.${f}`), "max\n", f);
		for (const f of ["low", "min"]) assert.equal(h.read(`${b}/memory.${f}`), "0\n", f);
	});
});

// ---------------------------------------------------------------- test_memcontrol.c

/** alloc_anon_50M_check(): 50M of anon; current within 3% of it and anon within 3% of current. */
const allocAnon50MCheck: Fn = function* (sys, cg) {
	const size = 50 * MiB;
	const r = yield* touchAnon(sys, size);
	const s = selftestOf(sys);
	const current = s.cgReadLong(cg, "memory.current");
	const anon = s.cgReadKeyLong(cg, "memory.stat", "anon ");
	munmap(sys, r);
	measure("current_peak: anon 50M, memory.current", current, size);
	measure("current_peak: memory.stat anon vs current", anon, current);
	if (current < size || !valuesClose(size, current, 3)) return 255;
	if (anon < 0 || !valuesClose(anon, current, 3)) return 255;
	return 0;
};

/** alloc_pagecache_50M_check(): 50M of page cache; current at least that, file within 10% of it. */
const allocPagecache50MCheck: Fn = function* (sys, cg) {
	const s = selftestOf(sys);
	const f = tempFile(s, sys.task);
	const size = 50 * MiB;
	yield* allocPagecache(sys, f.fd, f.path, size);
	const current = s.cgReadLong(cg, "memory.current");
	const file = s.cgReadKeyLong(cg, "memory.stat", "file ");
	measure(`${cg}: page cache 50M, memory.current`, current, size);
	measure(`${cg}: memory.stat file vs current`, file, current);
	if (current < size || file < 0 || !valuesClose(file, current, 10)) return 255;
	return 0;
};

/** alloc_pagecache_max_30M(): 50M of page cache under a 30M high or max; current within 5% of 30M. */
const allocPagecacheMax30M: Fn = function* (sys, cg) {
	const s = selftestOf(sys);
	const high = s.cgRead(cg, "memory.high");
	const max = s.cgRead(cg, "memory.max");
	if (high !== `${30 * MiB}\n` && max !== `${30 * MiB}\n`) return 255;
	const f = tempFile(s, sys.task);
	yield* allocPagecache(sys, f.fd, f.path, 50 * MiB);
	const current = s.cgReadLong(cg, "memory.current");
	measure(
		`${cg}: page cache 50M under a 30M ${high === "max\n" ? "max" : "high"}, memory.current`,
		current,
		30 * MiB,
	);
	return valuesClose(current, 30 * MiB, 5) ? 0 : 255;
};

/** An int as the selftest passes it through its control pipe (little-endian). */
function intBytes(n: number): Uint8Array {
	const b = new Uint8Array(4);
	new DataView(b.buffer).setInt32(0, n, true);
	return b;
}

/**
 * tcp_server(): in its memcg, listen on [::]:port (SO_REUSEADDR, backlog 1),
 * report 0 or bind()'s errno through the control pipe, accept one client
 * and write 1 MiB at a time until a write fails; 0 when it failed with
 * ECONNRESET.
 */
function tcpServer(port: number, ctl: readonly [number, number]): Fn {
	return function* (sys) {
		const { vfs, task } = sys;
		vfs.close(task, ctl[0]);
		const fail = function* (e: unknown): Run<number> {
			if (!isKernelError(e)) throw e;
			yield* sys.write(ctl[1], intBytes(errnoNumber(e.code)));
			return -1;
		};
		let sk: number;
		try {
			sk = sysSocket(vfs, task, AF_INET6, SOCK_STREAM, 0);
		} catch (e) {
			return yield* fail(e);
		}
		sysSetsockopt(vfs, task, sk, SOL_SOCKET, SO_REUSEADDR, 1);
		try {
			sysBind(vfs, task, sk, { family: AF_INET6, addr: "::", port });
		} catch (e) {
			return yield* fail(e);
		}
		sysListen(vfs, task, sk, 1);
		yield* sys.write(ctl[1], intBytes(0));
		const client = (yield* sys.accept(sk)).fd;
		let ret = -1;
		const buf = new Uint8Array(MiB);
		for (;;) {
			try {
				yield* sys.write(client, buf);
			} catch (e) {
				if (!isKernelError(e)) throw e;
				if (e.code === "ECONNRESET") ret = 0;
				break;
			}
		}
		vfs.close(task, client);
		vfs.close(task, sk);
		return ret;
	};
}

/**
 * tcp_client(): connect to the server ("localhost" resolves to ::1), then
 * up to 16 reads of 1 MiB, after each comparing what the memcg gained
 * since the start with its sock stat; 0 (KSFT_PASS) once they are within
 * 10%, 1 (KSFT_FAIL) otherwise.
 */
function* tcpClient(s: Selftest, sys: Sys, cg: string, port: number): Run<number> {
	const { vfs, task } = sys;
	const allocated = s.cgReadLong(cg, "memory.current");
	const sk = sysSocket(vfs, task, AF_INET6, SOCK_STREAM, 0);
	yield* sys.connect(sk, { family: AF_INET6, addr: "::1", port });
	let ret = 1;
	for (let retries = 0x10; retries > 0; retries--) {
		const data = yield* sys.read(sk, MiB);
		if (data.length === 0) break;
		const current = s.cgReadLong(cg, "memory.current");
		const sock = s.cgReadKeyLong(cg, "memory.stat", "sock ");
		if (valuesClose(current - allocated, sock, 10)) {
			measure("sock: memory.current - allocated at the passing read", current - allocated, sock);
			measure("sock: memory.stat sock at the passing read", sock);
			measure("sock: reads until it passed", 0x11 - retries);
			ret = 0;
			break;
		}
	}
	vfs.close(task, sk);
	return ret;
}

describe("test_memcontrol.c on a v2 host", () => {
	it("test_memcg_subtree_control: memory reaches a child only through subtree_control", () => {
		const s = new Selftest();
		s.cgCreate("memcg_test_0");
		assert.equal(s.cgWrite("memcg_test_0", "cgroup.subtree_control", "+memory"), 0);
		s.cgCreate("memcg_test_0/memcg_test_1");
		assert.match(s.cgRead("memcg_test_0/memcg_test_1", "cgroup.controllers"), /\bmemory\b/);
		s.cgCreate("memcg_test_1");
		s.cgCreate("memcg_test_1/memcg_test_1");
		assert.doesNotMatch(s.cgRead("memcg_test_1/memcg_test_1", "cgroup.controllers"), /\bmemory\b/);
	});

	it("test_memcg_current_peak: current and peak for 50M of anon and of page cache; per-file peak resets", () => {
		const s = new Selftest();
		const cg = "memcg_test";
		s.cgCreate(cg);
		assert.equal(s.cgReadLong(cg, "memory.current"), 0);
		assert.equal(s.cgReadLong(cg, "memory.peak"), 0);
		assert.equal(s.cgRun(cg, allocAnon50MCheck), 0);
		assert.ok(s.cgReadLong(cg, "memory.peak") >= 50 * MiB);
		const flags = O_RDWR | O_APPEND;
		const fd1 = s.cgOpen(cg, "memory.peak", flags);
		assert.ok(s.vfs.fstat(s.init, fd1).mode & 0o200, "memory.peak is writable");
		const fd2 = s.cgOpen(cg, "memory.peak", flags);
		const fd3 = s.cgOpen(cg, "memory.peak", flags);
		const reset = "reset\n\0";
		for (const fd of [fd1, fd2, fd3]) assert.equal(s.writeFd(fd, reset), reset.length);
		// An independent read still sees the all-time peak.
		assert.ok(s.cgReadLong(cg, "memory.peak") >= 50 * MiB);
		s.vfs.close(s.init, fd2);
		const fd4 = s.cgOpen(cg, "memory.peak", flags);
		assert.equal(s.writeFd(fd4, reset), reset.length);
		const local = s.readLongFd(fd1);
		assert.ok(local >= 0 && local <= 30 * MiB, `fd peak after reset ${local}`);
		assert.equal(s.cgRun(cg, allocPagecache50MCheck), 0);
		assert.ok(s.cgReadLong(cg, "memory.peak") >= 50 * MiB);
		assert.ok(s.readLongFd(fd1) >= 50 * MiB);
		assert.ok(s.readLongFd(fd4) >= 50 * MiB);
		s.vfs.close(s.init, fd3);
		s.vfs.close(s.init, fd4);
		s.vfs.close(s.init, fd1);
		assert.equal(s.memcg(cg).memoryPeaks.size, 0, "closed files leave the watchers");
		s.noDrift();
	});

	it("test_memcg_high: memory.high holds page cache near 30M and counts high events; anon just over it still gets through", () => {
		const s = new Selftest();
		const cg = "memcg_test";
		s.cgCreate(cg);
		assert.equal(s.cgRead(cg, "memory.high"), "max\n");
		assert.equal(s.cgWrite(cg, "memory.swap.max", "0"), 0);
		assert.equal(s.cgWrite(cg, "memory.high", "30M"), 0);
		const t0 = s.kernel.clock.now();
		assert.equal(s.cgRun(cg, allocAnon(31 * MiB)), 0);
		measure("high: emulated ns for 31M of anon over a 30M memory.high", s.kernel.clock.now() - t0);
		assert.notEqual(s.cgRun(cg, allocPagecache50MCheck), 0, "page cache is held below 50M");
		assert.equal(s.cgRun(cg, allocPagecacheMax30M), 0);
		assert.ok(s.cgReadKeyLong(cg, "memory.events", "high ") > 0);
		s.noDrift();
	});

	it("test_memcg_high_sync: one big mlocked allocation is throttled at memory.high, far from memory.max", () => {
		const s = new Selftest();
		const cg = "memcg_test";
		s.cgCreate(cg);
		const preHigh = s.cgReadKeyLong(cg, "memory.events", "high ");
		const preMax = s.cgReadKeyLong(cg, "memory.events", "max ");
		assert.ok(preHigh >= 0 && preMax >= 0);
		assert.equal(s.cgWrite(cg, "memory.swap.max", "0"), 0);
		assert.equal(s.cgWrite(cg, "memory.high", "30M"), 0);
		assert.equal(s.cgWrite(cg, "memory.max", "140M"), 0);
		let modified = false;
		const memcgDir = s.memcg(cg).cgroup;
		const off = s.kernel.cgroup.onFileNotify((c, name) => {
			if (c === memcgDir && name === "memory.events") modified = true;
		});
		// alloc_anon_mlock(): mmap and mlock 200M in one go.
		const pid = s.cgRunNowait(cg, function* (sys) {
			const r = yield* touchAnon(sys, 200 * MiB, true);
			munmap(sys, r);
			return 0;
		});
		s.runUntil(() => modified);
		off();
		const postHigh = s.cgReadKeyLong(cg, "memory.events", "high ");
		const postMax = s.cgReadKeyLong(cg, "memory.events", "max ");
		assert.notEqual(postHigh, preHigh);
		assert.equal(postMax, preMax);
		// The throttling is real: ten emulated seconds later the task is still far below memory.max.
		const t0 = s.kernel.clock.now();
		s.sleep(10e9);
		assert.ok(s.kernel.clock.now() - t0 >= 10e9);
		const held = s.cgReadLong(cg, "memory.current");
		measure("high_sync: memory.current 10 s after the first high event", held);
		assert.ok(held < 100 * MiB, "held back by the penalty sleeps");
		assert.equal(s.cgReadKeyLong(cg, "memory.events", "max "), preMax);
		assert.ok(pid.exitState === 0, "still allocating");
		// The throttling sleeps are memory stalls: the task stalled most of those ten seconds.
		const stalled = s.cgReadKeyLong(cg, "memory.pressure", "total=");
		measure("high_sync: memory.pressure some total (µs) over the run", stalled);
		assert.ok(stalled >= 5e6, `some total ${stalled} µs`);
	});

	it("test_memcg_max: memory.max OOM-kills 100M of anon, holds page cache at 30M, counts max events", () => {
		const s = new Selftest();
		const cg = "memcg_test";
		s.cgCreate(cg);
		assert.equal(s.cgRead(cg, "memory.max"), "max\n");
		assert.equal(s.cgWrite(cg, "memory.swap.max", "0"), 0);
		assert.equal(s.cgWrite(cg, "memory.max", "30M"), 0);
		assert.notEqual(s.cgRun(cg, allocAnon(100 * MiB)), 0, "killed by the OOM killer");
		assert.equal(s.cgRun(cg, allocPagecacheMax30M), 0);
		const current = s.cgReadLong(cg, "memory.current");
		assert.ok(current <= 30 * MiB && current > 0, `current ${current}`);
		assert.ok(s.cgReadKeyLong(cg, "memory.events", "max ") > 0);
		s.noDrift();
	});

	it("test_memcg_reclaim: memory.reclaim takes 50M of page cache and 50M of anon down to 30M", () => {
		const s = new Selftest({ swap: 1 * GiB });
		const cg = "memcg_test";
		s.cgCreate(cg);
		assert.equal(s.cgReadLong(cg, "memory.current"), 0);
		const f = tempFile(s);
		s.cgRunNowait(cg, pagecache50MNoexit(f));
		s.cgRunNowait(cg, allocAnonNoexit(50 * MiB));
		s.runUntil(() => valuesClose(s.cgReadLong(cg, "memory.current"), 100 * MiB, 10));
		assert.ok(reclaimUntil(s, cg, 30 * MiB));
		const stat = s.cgRead(cg, "memory.stat");
		assert.ok(Number(/^pgsteal (\d+)$/m.exec(stat)![1]) > 0);
		s.noDrift();
	});

	it("test_memcg_swap_max_peak: swap.max limits what is swapped out; swap.peak and memory.peak per file", () => {
		const s = new Selftest({ swap: 1 * GiB });
		const cg = "memcg_test";
		s.cgCreate(cg);
		assert.equal(s.cgReadLong(cg, "memory.swap.current"), 0);
		const flags = O_RDWR | O_APPEND;
		const swapFd = s.cgOpen(cg, "memory.swap.peak", flags);
		assert.ok(s.vfs.fstat(s.init, swapFd).mode & 0o200);
		const memFd = s.cgOpen(cg, "memory.peak", flags);
		const reset = "foobarbaz\0";
		assert.equal(s.cgReadLong(cg, "memory.swap.peak"), 0);
		assert.equal(s.readLongFd(swapFd), 0);
		assert.equal(s.writeFd(swapFd, reset), reset.length);
		assert.equal(s.readLongFd(swapFd), 0);
		assert.equal(s.cgReadLong(cg, "memory.peak"), 0);
		assert.equal(s.readLongFd(memFd), 0);
		assert.equal(s.writeFd(memFd, reset), reset.length);
		assert.equal(s.readLongFd(memFd), 0);
		assert.equal(s.cgRead(cg, "memory.max"), "max\n");
		assert.equal(s.cgRead(cg, "memory.swap.max"), "max\n");
		assert.equal(s.cgWrite(cg, "memory.swap.max", "30M"), 0);
		assert.equal(s.cgWrite(cg, "memory.max", "30M"), 0);
		assert.notEqual(s.cgRun(cg, allocAnon(100 * MiB)), 0, "killed by the OOM killer");
		assert.equal(s.cgReadKeyLong(cg, "memory.events", "oom "), 1);
		assert.equal(s.cgReadKeyLong(cg, "memory.events", "oom_kill "), 1);
		for (const v of [
			s.cgReadLong(cg, "memory.peak"),
			s.cgReadLong(cg, "memory.swap.peak"),
			s.readLongFd(memFd),
			s.readLongFd(swapFd),
		]) {
			assert.ok(v >= 29 * MiB, `peak ${v}`);
		}
		// Reset through other files, then through these.
		assert.equal(s.cgWrite(cg, "memory.swap.peak", "foobarbaz"), 0);
		assert.equal(s.cgWrite(cg, "memory.peak", "foobarbaz"), 0);
		assert.equal(s.writeFd(swapFd, reset), reset.length);
		assert.equal(s.writeFd(memFd, reset), reset.length);
		assert.ok(s.readLongFd(swapFd) <= 10 * MiB);
		assert.ok(s.readLongFd(memFd) <= 1 * MiB);
		assert.ok(s.cgReadLong(cg, "memory.peak") >= 29 * MiB);
		assert.ok(s.cgReadLong(cg, "memory.swap.peak") >= 29 * MiB);
		// alloc_anon_50M_check_swap(30M)
		assert.equal(
			s.cgRun(cg, function* (sys) {
				const r = yield* touchAnon(sys, 50 * MiB);
				const mem = s.cgReadLong(cg, "memory.current");
				const swap = s.cgReadLong(cg, "memory.swap.current");
				munmap(sys, r);
				measure("swap_max_peak: 50M anon, memory.current", mem, 30 * MiB);
				measure("swap_max_peak: memory.current + swap.current", mem + swap, 50 * MiB);
				if (!mem || !valuesClose(mem, 30 * MiB, 3)) return 255;
				if (!swap || !valuesClose(mem + swap, 50 * MiB, 3)) return 254;
				return 0;
			}),
			0,
		);
		assert.ok(s.cgReadKeyLong(cg, "memory.events", "max ") > 0);
		assert.ok(s.cgReadLong(cg, "memory.peak") >= 29 * MiB);
		assert.ok(s.cgReadLong(cg, "memory.swap.peak") >= 29 * MiB);
		assert.ok(s.readLongFd(memFd) >= 29 * MiB);
		assert.ok(s.readLongFd(swapFd) >= 19 * MiB);
		s.vfs.close(s.init, memFd);
		s.vfs.close(s.init, swapFd);
		s.noDrift();
	});

	it("test_memcg_oom_events: 100M of anon under a 30M memory.max without swap: one oom, one oom_kill", () => {
		const s = new Selftest({ swap: 1 * GiB });
		const cg = "memcg_test";
		s.cgCreate(cg);
		assert.equal(s.cgWrite(cg, "memory.max", "30M"), 0);
		assert.equal(s.cgWrite(cg, "memory.swap.max", "0"), 0);
		assert.notEqual(s.cgRun(cg, allocAnon(100 * MiB)), 0);
		assert.equal(s.cgRead(cg, "cgroup.procs"), "");
		assert.equal(s.cgReadKeyLong(cg, "memory.events", "oom "), 1);
		assert.equal(s.cgReadKeyLong(cg, "memory.events", "oom_kill "), 1);
		s.noDrift();
	});

	for (const [min, recursiveProt] of [
		[true, true],
		[false, true],
		[true, false],
		[false, false],
	] as const) {
		const attribute = min ? "memory.min" : "memory.low";
		const mount = recursiveProt ? "memory_recursiveprot" : "without memory_recursiveprot";
		it(`test_memcg_${min ? "min" : "low"} (${mount}): ${attribute} protects B 50M with C 75M, D 25M, E 0, F 500M as the kernel's model distributes it`, () => {
			const s = new Selftest({ swap: 1 * GiB, recursiveProt });
			const f = tempFile(s);
			const p0 = "memcg_test_0";
			const p1 = `${p0}/memcg_test_1`;
			const p2 = `${p0}/memcg_test_2`;
			s.cgCreate(p0);
			assert.equal(s.cgReadLong(p0, attribute), 0);
			assert.equal(s.cgWrite(p0, "cgroup.subtree_control", "+memory"), 0);
			assert.equal(s.cgWrite(p0, "memory.max", "200M"), 0);
			assert.equal(s.cgWrite(p0, "memory.swap.max", "0"), 0);
			s.cgCreate(p1);
			assert.equal(s.cgWrite(p1, "cgroup.subtree_control", "+memory"), 0);
			s.cgCreate(p2);
			const children = [0, 1, 2, 3].map((i) => `${p1}/child_memcg_${i}`);
			for (const [i, c] of children.entries()) {
				s.cgCreate(c);
				if (i <= 2) s.cgRunNowait(c, pagecache50MNoexit(f));
			}
			for (const [cg, v] of [
				[p1, "50M"],
				[children[0]!, "75M"],
				[children[1]!, "25M"],
				[children[2]!, "0"],
				[children[3]!, "500M"],
			] as const) {
				assert.equal(s.cgWrite(cg, attribute, v), 0);
			}
			for (
				let attempts = 0;
				!valuesClose(s.cgReadLong(p1, "memory.current"), 150 * MiB, 3);
				attempts++
			) {
				if (attempts > 5) break;
				s.sleep(1e9);
			}
			measure(
				`${attribute} (${mount}): B before the pressure`,
				s.cgReadLong(p1, "memory.current"),
				150 * MiB,
			);
			assert.equal(s.cgRun(p2, allocAnon(148 * MiB)), 0);
			const b = s.cgReadLong(p1, "memory.current");
			const c = children.map((cg) => s.cgReadLong(cg, "memory.current"));
			measure(`${attribute} (${mount}): B after 148M in G`, b, 50 * MiB);
			measure(`${attribute} (${mount}): C`, c[0]!, 29 * MiB);
			measure(`${attribute} (${mount}): D`, c[1]!, 21 * MiB);
			measure(`${attribute} (${mount}): E`, c[2]!);
			measure(`${attribute} (${mount}): F`, c[3]!);
			assertClose(b, 50 * MiB, 3, "B");
			assertClose(c[0]!, 29 * MiB, 10, "C");
			assertClose(c[1]!, 21 * MiB, 10, "D");
			assert.equal(c[3], 0, "F");
			const rc = s.cgRun(p2, allocAnon(170 * MiB));
			if (min) assert.notEqual(rc, 0, "memory.min leaves too little for 170M: OOM");
			else assert.equal(rc, 0, "memory.low gives way");
			const b2 = s.cgReadLong(p1, "memory.current");
			measure(`${attribute} (${mount}): B after 170M in G`, b2, (min ? 50 : 30) * MiB);
			assertClose(b2, (min ? 50 : 30) * MiB, 3, "B after 170M");
			assert.ok(
				reclaimUntil(s, children[0]!, 10 * MiB),
				"memory.reclaim ignores C's own protection",
			);
			if (!min) {
				const low = children.map((cg) => s.cgReadKeyLong(cg, "memory.events", "low "));
				for (const [i, cg] of children.entries()) {
					assert.equal(s.cgReadKeyLong(cg, "memory.events", "oom "), 0, cg);
					measure(`memory.low (${mount}): low events of child ${i}`, low[i]!);
				}
				assert.ok(low[0]! > 0 && low[1]! > 0, "C and D were reclaimed below memory.low");
				// E sets no memory.low, but with memory_recursiveprot it gets a share of
				// B's unclaimed protection, so it is reclaimed below its effective low
				// too. 6.12's selftest expects no event there and fails on the kernel
				// with that mount option (LTP memcontrol04 on RHEL 9 and 6.6; later
				// selftests expect events up to child 2 when the option is on).
				if (recursiveProt) assert.ok(low[2]! > 0, "E, with recursive protection");
				else assert.equal(low[2], 0, "E has no protection");
				// F is empty: below its (zero) min, it is skipped before the low check.
				assert.equal(low[3], 0, "F");
			}
			s.noDrift();
		});
	}

	for (const localEvents of [false, true]) {
		it(`test_memcg_oom_group_leaf_events${localEvents ? " (memory_localevents)" : ""}: the leaf's processes all go; the parent ${localEvents ? "does not count" : "counts"} the kills`, () => {
			const s = new Selftest({ swap: 1 * GiB, localEvents });
			const parent = "memcg_test_0";
			const child = "memcg_test_0/memcg_test_1";
			s.cgCreate(parent);
			s.cgCreate(child);
			assert.equal(s.cgWrite(parent, "cgroup.subtree_control", "+memory"), 0);
			assert.equal(s.cgWrite(child, "memory.max", "50M"), 0);
			assert.equal(s.cgWrite(child, "memory.swap.max", "0"), 0);
			assert.equal(s.cgWrite(child, "memory.oom.group", "1"), 0);
			// The parent enables memory for its children, so no process may join it (EBUSY).
			const inParent = s.cgRunNowait(parent, allocAnonNoexit(60 * MiB));
			s.cgRunNowait(child, allocAnonNoexit(1 * MiB));
			s.cgRunNowait(child, allocAnonNoexit(1 * MiB));
			assert.notEqual(s.cgRun(child, allocAnon(100 * MiB)), 0);
			assert.ok(inParent.exitState !== 0, "could not join the parent");
			s.runUntil(() => s.procsEmpty(child));
			assert.ok(s.cgReadKeyLong(child, "memory.events", "oom_kill ") > 0);
			assert.equal(s.cgReadKeyLong(child, "memory.events", "oom_group_kill "), 1);
			const parentKills = s.cgReadKeyLong(parent, "memory.events", "oom_kill ");
			if (localEvents) assert.equal(parentKills, 0);
			else assert.ok(parentKills > 0);
			assert.equal(s.cgReadKeyLong(parent, "memory.events.local", "oom_kill "), 0);
			s.noDrift();
		});
	}

	it("test_memcg_oom_group_parent_events: oom.group on the parent takes its and its child's processes", () => {
		const s = new Selftest({ swap: 1 * GiB });
		const parent = "memcg_test_0";
		const child = "memcg_test_0/memcg_test_1";
		s.cgCreate(parent);
		s.cgCreate(child);
		assert.equal(s.cgWrite(parent, "memory.max", "80M"), 0);
		assert.equal(s.cgWrite(parent, "memory.swap.max", "0"), 0);
		assert.equal(s.cgWrite(parent, "memory.oom.group", "1"), 0);
		s.cgRunNowait(parent, allocAnonNoexit(60 * MiB));
		s.cgRunNowait(child, allocAnonNoexit(1 * MiB));
		s.cgRunNowait(child, allocAnonNoexit(1 * MiB));
		assert.notEqual(s.cgRun(child, allocAnon(100 * MiB)), 0);
		s.runUntil(() => s.procsEmpty(child) && s.procsEmpty(parent));
		s.noDrift();
	});

	it("test_memcg_oom_group_score_events: every process but the one with oom_score_adj -1000: oom_kill 3", () => {
		const s = new Selftest({ swap: 1 * GiB });
		const cg = "memcg_test_0";
		s.cgCreate(cg);
		assert.equal(s.cgWrite(cg, "memory.max", "50M"), 0);
		assert.equal(s.cgWrite(cg, "memory.swap.max", "0"), 0);
		assert.equal(s.cgWrite(cg, "memory.oom.group", "1"), 0);
		const safe = s.cgRunNowait(cg, allocAnonNoexit(1 * MiB));
		s.vfs.writeFile(s.init, `/proc/${safe.pid}/oom_score_adj`, String(OOM_SCORE_ADJ_MIN));
		s.cgRunNowait(cg, allocAnonNoexit(1 * MiB));
		assert.notEqual(s.cgRun(cg, allocAnon(100 * MiB)), 0);
		assert.equal(s.cgReadKeyLong(cg, "memory.events", "oom_kill "), 3);
		assert.equal(safe.exitState, 0, "the protected process lives");
		s.noDrift();
	});

	it("test_memcg_sock: the server's socket buffers are its memcg's memory.current and sock; none once it exits", () => {
		const s = new Selftest();
		const cg = "memcg_test";
		s.cgCreate(cg);
		let server: Task | null = null;
		let port = 0;
		let err = -1;
		for (let bindRetries = 5; bindRetries > 0; bindRetries--) {
			const ctl = s.vfs.pipe2(s.init);
			port = 1000 + s.kernel.rng.below(60000);
			server = s.cgRunNowait(cg, tcpServer(port, ctl));
			s.vfs.close(s.init, ctl[1]);
			let reply: Uint8Array = new Uint8Array(0);
			s.runUntil(() => {
				try {
					reply = s.vfs.read(s.init, ctl[0], 4);
					return true;
				} catch (e) {
					if (e instanceof WouldBlock) return false;
					throw e;
				}
			});
			s.vfs.close(s.init, ctl[0]);
			assert.equal(reply.length, 4);
			err = new DataView(reply.buffer, reply.byteOffset).getInt32(0, true);
			if (err === 0) break;
			assert.equal(err, errnoNumber("EADDRINUSE"));
			const t = server;
			s.runUntil(() => t.exitState !== 0);
		}
		assert.equal(err, 0, "the server listens");
		// The client is the test itself, outside the memcg.
		const clientTask = s.kernel.fork(s.init);
		let clientRet = -1;
		s.sys.sched.spawn(
			clientTask,
			(function* (): Run<number> {
				clientRet = yield* tcpClient(s, new Sys(s.sys, clientTask), cg, port);
				return 0;
			})(),
		);
		s.runUntil(() => clientTask.exitState !== 0);
		assert.equal(clientRet, 0, "memory.current - allocated within 10% of sock");
		const srv = server!;
		s.runUntil(() => srv.exitState === EXIT_ZOMBIE || srv.exitState === EXIT_DEAD);
		assert.equal(srv.exitCode, 0, "the server saw ECONNRESET and exited 0");
		assert.ok(s.cgReadLong(cg, "memory.current") >= 0);
		assert.equal(s.cgReadKeyLong(cg, "memory.stat", "sock "), 0);
		s.noDrift();
	});
});

/**
 * reclaim_until(): write memory.reclaim until memory.current is within 3%
 * of (or below) the goal; false when memory.reclaim claimed success but the
 * usage did not come down, or failed with anything but EAGAIN.
 */
function reclaimUntil(s: Selftest, cg: string, goal: number): boolean {
	let reclaimed = false;
	for (let retries = 5; retries > 0; retries--) {
		const current = s.cgReadLong(cg, "memory.current");
		if (current < goal || valuesClose(current, goal, 3)) break;
		if (reclaimed) return false;
		const err = s.cgWrite(cg, "memory.reclaim", String(current - goal));
		if (err === 0) reclaimed = true;
		else if (err !== "EAGAIN") return false;
	}
	return reclaimed;
}

// ---------------------------------------------------------------- rules beyond the selftest

/** A process in `cg` of a TestHost, with an address space. */
function procIn(h: TestHost, cg: string): Task {
	const p = h.spawn();
	h.write(`${R}/${cg}/cgroup.procs`, String(p.pid));
	return p;
}

/** Touch `pages` new anonymous pages of `p` from the kernel side; how many faults failed. */
function touch(h: TestHost, p: Task, pages: number): number {
	const r = h.kernel.mm.mmapAnon(p.mm!, pages);
	let failed = 0;
	for (let i = 0; i < pages; i++) if (h.kernel.mm.touch(p, r, i) !== 0) failed++;
	return failed;
}

function events(h: TestHost, cg: string, file = "memory.events"): Record<string, number> {
	const out: Record<string, number> = {};
	for (const line of h.read(`${R}/${cg}/${file}`).trim().split("\n")) {
		const [k, v] = line.split(" ");
		out[k!] = Number(v);
	}
	return out;
}

describe("memcg on cgroup2: events, limits, swap, reclaim", () => {
	it("memory.events counts up to the root's child; memory.events.local only where it happened", () => {
		const h = v2Host();
		h.write(`${R}/a/cgroup.subtree_control`, "+memory");
		h.mkdir(`${R}/a/b`);
		h.write(`${R}/a/b/memory.max`, "2M");
		const p = procIn(h, "a/b");
		assert.ok(touch(h, p, 1024) > 0, "the OOM killer ended it");
		const b = events(h, "a/b");
		assert.ok(b.max! > 0);
		assert.equal(b.oom, 1);
		assert.equal(b.oom_kill, 1);
		assert.deepEqual(events(h, "a/b", "memory.events.local"), b);
		assert.deepEqual(events(h, "a"), b, "the parent counts its child's events");
		assert.deepEqual(Object.values(events(h, "a", "memory.events.local")), [0, 0, 0, 0, 0, 0]);
		h.check();
	});

	it("memory_localevents keeps memory.events to the cgroup's own events", () => {
		const h = v2Host();
		h.vfs.mount(
			h.init,
			"cgroup2",
			R,
			"cgroup2",
			MS_REMOUNT,
			"nsdelegate,memory_localevents,memory_recursiveprot",
		);
		h.write(`${R}/a/cgroup.subtree_control`, "+memory");
		h.mkdir(`${R}/a/b`);
		h.write(`${R}/a/b/memory.max`, "2M");
		touch(h, procIn(h, "a/b"), 1024);
		assert.equal(events(h, "a/b").oom_kill, 1);
		assert.equal(events(h, "a").oom_kill, 0);
		assert.equal(events(h, "a").max, 0);
	});

	it("lowering memory.max reclaims, then OOM-kills what cannot be reclaimed; the write succeeds", () => {
		const h = v2Host({ swap: 64 * MiB });
		const p = procIn(h, "a");
		assert.equal(touch(h, p, 2048), 0);
		h.write(`${R}/a/memory.max`, "4M");
		assert.ok(Number(h.read(`${R}/a/memory.current`)) <= 4 * MiB);
		assert.ok(Number(h.read(`${R}/a/memory.swap.current`)) >= 4 * MiB, "swapped out");
		assert.equal(events(h, "a").oom, 0);
		h.write(`${R}/a/memory.swap.max`, "0");
		const q = procIn(h, "a");
		touch(h, q, 512);
		assert.equal(h.write(`${R}/a/memory.max`, "1M"), 2);
		assert.ok(events(h, "a").oom > 0);
		assert.ok(events(h, "a").oom_kill > 0);
		assert.ok(Number(h.read(`${R}/a/memory.current`)) <= 1 * MiB);
		assert.match(
			h.kernel.log.map((l) => l.text).join("\n"),
			/^swap: usage \d+kB, limit 0kB, failcnt \d+$/m,
		);
		h.check();
	});

	it("writing memory.high reclaims down to it at once; charges over it count high events", () => {
		const h = v2Host({ swap: 64 * MiB });
		const p = procIn(h, "a");
		touch(h, p, 2048);
		h.write(`${R}/a/memory.high`, "2M");
		assert.ok(Number(h.read(`${R}/a/memory.current`)) <= 2 * MiB);
		assert.equal(events(h, "a").high, 0, "the write's own reclaim is no high event");
		touch(h, p, 1024);
		assert.ok(events(h, "a").high > 0);
		// The charging task reclaims down to high itself (in the kernel, batch by batch).
		assert.ok(Number(h.read(`${R}/a/memory.current`)) <= 2 * MiB + 64 * PAGE_SIZE * 2);
		h.check();
	});

	it("swap.max bounds what a memcg swaps: swap.events max and fail, then the OOM killer", () => {
		const h = v2Host({ swap: 64 * MiB });
		h.write(`${R}/a/memory.max`, "2M");
		h.write(`${R}/a/memory.swap.max`, "1M");
		const p = procIn(h, "a");
		assert.ok(touch(h, p, 1024) > 0);
		const sw = events(h, "a", "memory.swap.events");
		assert.ok(sw.max! > 0 && sw.fail! >= sw.max!, JSON.stringify(sw));
		assert.equal(sw.high, 0);
		assert.equal(events(h, "a").oom_kill, 1);
		h.check();
		// The kill freed the entries; swap.peak remembers them, up to swap.max.
		assert.equal(h.read(`${R}/a/memory.swap.current`), "0\n");
		assert.equal(h.read(`${R}/a/memory.swap.peak`), `${1 * MiB}\n`);
	});

	it("swap.high: usage past it counts swap high events and throttles the charging task", () => {
		const h = v2Host({ swap: 64 * MiB });
		h.write(`${R}/a/memory.max`, "2M");
		h.write(`${R}/a/memory.swap.high`, "1M");
		const p = procIn(h, "a");
		assert.equal(touch(h, p, 2048), 0);
		assert.ok(events(h, "a", "memory.swap.events").high > 0);
		const owed = h.kernel.mm.resumeUserModeWork(p);
		assert.ok(owed > 0, "a throttling sleep is owed");
		assert.ok(owed <= ((MEMCG_MAX_HIGH_DELAY_JIFFIES * 1e9) / HZ) * 64, `${owed}`);
		assert.equal(h.kernel.mm.resumeUserModeWork(p), 0, "and paid once");
		h.check();
	});

	it("memory.reclaim swappiness=max takes anon only, swappiness=0 page cache only", () => {
		const t = new Selftest({ swap: 256 * MiB });
		const cg = "memcg_test";
		t.cgCreate(cg);
		const f = tempFile(t);
		t.cgRunNowait(cg, pagecache50MNoexit(f));
		t.cgRunNowait(cg, allocAnonNoexit(20 * MiB));
		t.runUntil(() => t.cgReadLong(cg, "memory.current") >= 70 * MiB);
		const stat = (k: string): number =>
			Number(new RegExp(`^${k} (\\d+)$`, "m").exec(t.cgRead(cg, "memory.stat"))![1]);
		const anon0 = stat("anon");
		const file0 = stat("file");
		assert.equal(t.cgWrite(cg, "memory.reclaim", "8M swappiness=max"), 0);
		assert.equal(stat("file"), file0, "no page cache taken");
		assert.ok(anon0 - stat("anon") >= 8 * MiB);
		const anon1 = stat("anon");
		assert.equal(t.cgWrite(cg, "memory.reclaim", "8M swappiness=0"), 0);
		assert.equal(stat("anon"), anon1, "no anon taken");
		assert.ok(file0 - stat("file") >= 8 * MiB);
		// Only anon is left to take with swap.max 0: EAGAIN for swappiness=max, success otherwise.
		assert.equal(t.cgWrite(cg, "memory.swap.max", "0"), 0);
		assert.equal(
			t.cgWrite(cg, "memory.reclaim", "1M swappiness=max"),
			0,
			"falls back to page cache: no swap",
		);
		t.noDrift();
	});

	it("memory.stat and numa_stat show the model's pages: anon, file, shmem, page tables, kernel, faults, swap", () => {
		const t = new Selftest({ swap: 256 * MiB });
		const cg = "memcg_test";
		t.cgCreate(cg);
		t.cgWrite(cg, "memory.max", "8M");
		assert.equal(
			t.cgRun(cg, function* (sys) {
				const r = yield* touchAnon(sys, 12 * MiB);
				const fd = sys.vfs.open(sys.task, "/tmp/shm", O_WRONLY | O_CREAT, 0o600);
				sys.vfs.write(sys.task, fd, "x".repeat(64 * KiB));
				sys.vfs.close(sys.task, fd);
				const st = t.cgRead(cg, "memory.stat");
				const key = (k: string): number => Number(new RegExp(`^${k} (\\d+)$`, "m").exec(st)![1]);
				const m = t.memcg(cg);
				assert.equal(key("anon"), m.statTotal(1) * PAGE_SIZE);
				assert.equal(key("shmem"), 64 * KiB);
				assert.equal(key("file"), 64 * KiB);
				assert.equal(key("pagetables"), m.statTotal(12) * PAGE_SIZE);
				assert.equal(key("kernel"), key("pagetables"));
				assert.ok(key("pgfault") >= 3072);
				assert.ok(key("pgscan") > 0 && key("pgsteal") > 0);
				assert.equal(key("pgscan"), key("pgscan_direct"));
				assert.equal(key("inactive_anon") + key("active_anon"), key("anon") + key("shmem"));
				const numa = t.cgRead(cg, "memory.numa_stat");
				assert.match(numa, new RegExp(`^anon N0=${key("anon")}$`, "m"));
				assert.match(numa, new RegExp(`^shmem N0=${key("shmem")}$`, "m"));
				assert.equal(
					Number(t.cgRead(cg, "memory.swap.current")),
					t.memcg(cg).statTotal(6) * PAGE_SIZE,
				);
				munmap(sys, r);
				return 0;
			}),
			0,
		);
	});

	it("memory.peak per file: a write starts the file's own peak; other files' writes raise it to their usage", () => {
		const h = v2Host();
		const p = procIn(h, "a");
		const m = memcgOf(h, `${R}/a`);
		const fa = h.vfs.open(h.init, `${R}/a/memory.peak`, O_RDWR);
		const fb = h.vfs.open(h.init, `${R}/a/memory.peak`, O_RDWR);
		const read = (fd: number): number => {
			h.vfs.lseek(h.init, fd, 0, 0);
			return Number(bytesToBinary(h.vfs.read(h.init, fd, 64)));
		};
		touch(h, p, 512);
		const u1 = m.memory.usage * PAGE_SIZE;
		assert.equal(read(fa), m.memory.watermark * PAGE_SIZE, "unwritten: the all-time peak");
		h.vfs.write(h.init, fa, "x");
		assert.equal(read(fa), u1);
		const r = h.kernel.mm.mmapAnon(p.mm!, 1024);
		for (let i = 0; i < 1024; i++) h.kernel.mm.touch(p, r, i);
		const u2 = m.memory.usage * PAGE_SIZE;
		assert.equal(read(fa), u2);
		h.kernel.mm.munmap(r);
		const u3 = m.memory.usage * PAGE_SIZE;
		h.vfs.write(h.init, fb, "x");
		assert.equal(read(fb), u3);
		// The kernel's peak_write() raises the other files to the usage at the reset,
		// so fa's peak since its own write (u2) is lost: it reads the larger of u1 and u3.
		assert.equal(read(fa), Math.max(u1, u3));
		assert.equal(Number(h.read(`${R}/a/memory.peak`)), m.memory.watermark * PAGE_SIZE);
		h.vfs.close(h.init, fa);
		assert.equal(m.memoryPeaks.size, 1);
		h.vfs.close(h.init, fb);
		assert.equal(m.memoryPeaks.size, 0);
	});

	it("calculate_high_delay(): the kernel's table for a 100M high (HZ 250), clamped at 2 s", () => {
		const high = 100 * 256;
		const table: [number, number][] = [
			[101, 6],
			[102, 25],
			[103, 57],
			[104, 102],
			[105, 159],
			[110, 639],
			[117, 1849],
		];
		for (const [mb, ms] of table) {
			const jiffies = calculateHighDelay(64, calculateOverage(mb * 256, high));
			assert.ok(
				Math.abs((jiffies * 1000) / HZ - ms) <= 1000 / HZ,
				`${mb}M: ${jiffies} jiffies, ${ms} ms`,
			);
		}
		assert.ok(
			calculateHighDelay(64, calculateOverage(118 * 256, high)) >= MEMCG_MAX_HIGH_DELAY_JIFFIES,
		);
		assert.equal(calculateOverage(100, 100), 0);
		assert.equal(calculateHighDelay(64, 0), 0);
	});
});

describe("effective protection (page_counter_calculate_protection)", () => {
	it("overcommitted siblings share the parent's protection in proportion to what they use of their own", () => {
		// B: emin 50M; C uses 50M of 75M, D 50M of 25M, E 50M of 0: claims 75M > 50M.
		assert.equal(effectiveProtection(50, 150, 75, 50, 75, false), 33);
		assert.equal(effectiveProtection(50, 150, 25, 50, 75, false), 16);
		assert.equal(effectiveProtection(50, 150, 0, 50, 75, true), 0);
		// Undercommitted: each keeps its own; with recursive protection the rest goes by unprotected usage.
		assert.equal(effectiveProtection(10, 40, 10, 50, 20, false), 10);
		assert.equal(effectiveProtection(20, 40, 0, 50, 20, false), 0);
		assert.equal(effectiveProtection(20, 40, 0, 50, 20, true), 30);
		assert.equal(effectiveProtection(20, 60, 0, 30, 20, true), 5);
	});

	it("propagates protected usage up the counters and computes top-down from the reclaim root", () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(3), fc.nat(5000), fc.nat(2)), { minLength: 1, maxLength: 60 }),
				(ops) => {
					const root = new PageCounter(null, true);
					const a = new PageCounter(root, true);
					const kids = [
						new PageCounter(a, true),
						new PageCounter(a, true),
						new PageCounter(a, true),
					];
					const all = [a, ...kids];
					for (const [which, n, op] of ops) {
						const c = all[which]!;
						if (op === 0) c.charge(n % 300);
						else if (op === 1)
							c.uncharge(
								Math.min(
									c.usage - kids.filter((k) => k.parent === c).reduce((x, k) => x + k.usage, 0),
									n % 300,
								),
							);
						else if (n % 2) c.setMin(n);
						else c.setLow(n);
					}
					const sum = (f: (k: PageCounter) => number): number => kids.reduce((x, k) => x + f(k), 0);
					assert.equal(
						a.childrenMinUsage,
						sum((k) => Math.min(k.usage, k.min)),
					);
					assert.equal(
						a.childrenLowUsage,
						sum((k) => Math.min(k.usage, k.low)),
					);
					a.calculateProtection(root, true);
					for (const k of kids) k.calculateProtection(root, true);
					if (a.usage > 0) assert.equal(a.emin, a.min);
					// The children never get more than their parent has, nor more than they use.
					for (const k of kids) {
						if (k.usage === 0) continue;
						assert.ok(k.emin <= Math.max(a.emin, 0) + 1e-9 || k.emin <= k.usage);
						assert.ok(k.emin <= k.usage || k.emin <= a.emin);
					}
					assert.ok(
						sum((k) => (k.usage > 0 ? k.emin : 0)) <=
							Math.max(
								a.emin,
								sum((k) => Math.min(k.usage, k.min)),
							) +
								kids.length,
					);
				},
			),
			{ numRuns: 200, seed: 7 },
		);
	});
});

describe("memcg on cgroup2: invariants (property)", () => {
	it("hold after random touches, unmaps, knob writes, memory.reclaim, moves, mkdir/rmdir and exits", () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(8), fc.nat(3), fc.nat(3000)), { minLength: 5, maxLength: 40 }),
				(ops) => {
					const h = new TestHost({ layout: "v2", swap: 8 * MiB });
					h.write(`${R}/cgroup.subtree_control`, "+memory");
					h.mkdir(`${R}/a`);
					h.write(`${R}/a/cgroup.subtree_control`, "+memory");
					const cgs = ["a/b", "a/c", "d"];
					for (const c of cgs) h.mkdir(`${R}/${c}`);
					h.write(`${R}/a/memory.max`, "6M");
					h.write(`${R}/d/memory.max`, "3M");
					h.write(`${R}/a/b/memory.low`, "2M");
					const procs = cgs.map((c) => procIn(h, c));
					const regions: ReturnType<typeof h.kernel.mm.mmapAnon>[] = [];
					const knobs = [
						"memory.max",
						"memory.high",
						"memory.low",
						"memory.min",
						"memory.swap.max",
						"memory.swap.high",
					];
					for (const [op, which, n] of ops) {
						const p = procs[which % procs.length]!;
						const cg = cgs[n % cgs.length]!;
						if (p.signal.groupExit || p.mm === null) continue;
						switch (op) {
							case 0: {
								const r = h.kernel.mm.mmapAnon(p.mm, 1 + (n % 1500));
								regions.push(r);
								for (let i = 0; i < r.nrPages; i++) if (h.kernel.mm.touch(p, r, i) !== 0) break;
								break;
							}
							case 1: {
								const r = regions[n % Math.max(1, regions.length)];
								if (r !== undefined && !r.mm.dead && r.mm.regions.has(r)) h.kernel.mm.munmap(r);
								break;
							}
							case 2:
								h.write(`${R}/${cg}/${knobs[n % knobs.length]}`, `${1 + (n % 7)}M`);
								break;
							case 3:
								errnoOf(() => h.write(`${R}/${cg}/memory.reclaim`, `${n % 4}M`));
								break;
							case 4:
								errnoOf(() => h.write(`${R}/${cg}/cgroup.procs`, String(p.pid)));
								break;
							case 5:
								h.kernel.mm.resumeUserModeWork(p);
								break;
							case 6: {
								const dir = `${R}/${cg}/x${n}`;
								if (errnoOf(() => h.mkdir(dir)) === "OK" && n % 2 === 0) h.rmdir(dir);
								break;
							}
							case 7:
								h.write(`${R}/${cg}/memory.oom.group`, String(n % 2));
								break;
							default:
								h.kernel.exit(p, 0);
						}
						const bad = checkMemoryInvariants(h.kernel.mm);
						if (bad.length > 0) throw new Error(bad.join("\n"));
					}
				},
			),
			{ numRuns: 40, seed: 11 },
		);
	});
});

describe("smoke", () => {
	it("boots", () => {
		const s = new Selftest();
		s.cgCreate("a");
		assert.equal(s.cgRead("a", "memory.current"), "0\n");
	});
});
