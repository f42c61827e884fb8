import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { CfType, CgroupOpenFile } from "../../src/kernel/cgroup/cftype.ts";
import { type Cgroup, CgroupFile } from "../../src/kernel/cgroup/cgroup.ts";
import { psiCftypes } from "../../src/kernel/cgroup/cgroup-psi.ts";
import {
	cgroupFileOpen,
	cgroupFileRelease,
	cgroupFileWrite,
} from "../../src/kernel/cgroup/file.ts";
import { Cpumask } from "../../src/kernel/cpumask.ts";
import type { Cred } from "../../src/kernel/cred.ts";
import {
	PSI_CPU,
	PSI_CPU_FULL,
	PSI_CPU_SOME,
	PSI_IO,
	PSI_MEM,
	type PsiGroup,
	type PsiRes,
} from "../../src/kernel/sched/psi.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";

const S = 1_000_000_000;
/** psi_period at HZ=250: PSI_FREQ = 2*HZ+1 jiffies of 4 ms. */
const PERIOD = 2_004_000_000;
const ZERO =
	"some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

// ------------------------------------------------------- the expected decay

/** calc_load() of include/linux/sched/loadavg.h, written out for the test. */
function calcLoad(load: number, exp: number, active: number): number {
	let n = load * exp + active * (2048 - exp);
	if (active >= load) n += 2047;
	return Math.floor(n / 2048);
}

/** fixed_power_int(x, 11, n) of kernel/sched/loadavg.c. */
function fixedPower(x: number, n: number): number {
	let result = 2048;
	let b = x;
	for (let k = n; k > 0; k = Math.floor(k / 2)) {
		if (k & 1) result = Math.floor((result * b + 1024) / 2048);
		if (k > 1) b = Math.floor((b * b + 1024) / 2048);
	}
	return result;
}

const EXPS = [1677, 1981, 2034];

/** The three averages after update_averages() steps: [missed periods, percent]. */
function averages(steps: readonly [number, number][]): string[] {
	const avg = [0, 0, 0];
	for (const [missed, pct] of steps) {
		for (let w = 0; w < 3; w++) {
			if (missed > 0) avg[w] = calcLoad(avg[w]!, fixedPower(EXPS[w]!, missed), 0);
			avg[w] = calcLoad(avg[w]!, EXPS[w]!, pct * 2048);
		}
	}
	return avg.map(
		(x) =>
			`${Math.floor(x / 2048)}.${String(Math.floor(((x % 2048) * 100) / 2048)).padStart(2, "0")}`,
	);
}

// -------------------------------------------------------------- the hosts

interface Line {
	avg10: string;
	avg60: string;
	avg300: string;
	total: number;
}

function parse(text: string): { some: Line; full: Line } {
	const lines = text.split("\n");
	assert.equal(lines.length, 3, text);
	const one = (line: string, kind: string): Line => {
		const m =
			/^(some|full) avg10=(\d+\.\d\d) avg60=(\d+\.\d\d) avg300=(\d+\.\d\d) total=(\d+)$/.exec(line);
		assert.ok(m !== null && m[1] === kind, `bad line ${JSON.stringify(line)}`);
		return { avg10: m[2]!, avg60: m[3]!, avg300: m[4]!, total: Number(m[5]) };
	};
	return { some: one(lines[0]!, "some"), full: one(lines[1]!, "full") };
}

function v2(cpus = 2): TestHost {
	return new TestHost({ layout: "v2", cpus });
}

/** A cgroup of the default hierarchy, made with mkdir -p. */
function cgroup(h: TestHost, path: string): Cgroup {
	let c = h.kernel.cgroup.dflRoot.cgrp;
	let p = "/sys/fs/cgroup";
	for (const name of path.split("/")) {
		p += `/${name}`;
		if (c.children.get(name) === undefined) h.mkdir(p);
		c = c.children.get(name)!;
	}
	return c;
}

/** A CPU-bound process in `where` (the root by default), pinned to `cpu` if given. */
function hog(h: TestHost, where?: Cgroup, cpu?: number): Task {
	const k = h.kernel;
	const t = k.fork(h.init);
	if (where !== undefined) k.attachTask(where, t, true);
	if (cpu !== undefined) t.cpusAllowed = Cpumask.of(k.machine.nrCpuIds, [cpu]);
	k.sched.setBusy(t, true);
	return t;
}

function run(h: TestHost, ns: number): void {
	h.kernel.clock.advance(ns);
}

function show(h: TestHost, g: PsiGroup, res: PsiRes = PSI_CPU): { some: Line; full: Line } {
	return parse(h.kernel.psi.show(g, res));
}

function group(h: TestHost, c: Cgroup): PsiGroup {
	return h.kernel.psi.groupOf(c);
}

/** A cgroup file of psiCftypes() opened with `cred` (the core's open path, without the VFS). */
function openPsiFile(
	h: TestHost,
	c: Cgroup,
	name: string,
	cred: Cred = h.init.cred,
): CgroupOpenFile {
	const cft = psiCftypes(h.kernel.cgroup).find((f) => f.name === name) as CfType;
	const file = new CgroupFile(c, c.self, cft, name, {
		ino: 1,
		mode: 0o100644,
		uid: 0,
		gid: 0,
		time: h.kernel.clock.stamp(),
	});
	return cgroupFileOpen(file, cred, h.init);
}

function writeOf(of: CgroupOpenFile, data: string): number {
	const nul = data.indexOf("\0");
	return cgroupFileWrite(of, nul < 0 ? data : data.slice(0, nul), data.length);
}

// ------------------------------------------------------------------ tests

describe("PSI: /proc/pressure", () => {
	it("has cpu, io and memory, 0666 in a 0555 directory, all zero on an idle host", () => {
		const h = v2();
		assert.deepEqual(h.ls("/proc/pressure"), ["cpu", "io", "memory"]);
		assert.equal(h.vfs.stat(h.init, "/proc/pressure").mode, 0o40555);
		for (const f of ["cpu", "io", "memory"]) {
			assert.equal(h.vfs.stat(h.init, `/proc/pressure/${f}`).mode, 0o100666);
			assert.equal(h.read(`/proc/pressure/${f}`), ZERO);
		}
		assertErrno(() => h.read("/proc/pressure/irq"), "ENOENT");
	});

	it("parses triggers as psi_write(): 32 bytes with the last one cut, the kernel's EINVALs", () => {
		const h = v2();
		const user = h.spawnAs(1000);
		const w = (data: string, t: Task = user): string =>
			errnoOf(() => h.write("/proc/pressure/memory", data, t));
		assert.equal(w("some 150000 2000000\n"), "OK");
		// Without the newline the last digit is lost: a 200 ms window, not a multiple of 2 s.
		assert.equal(w("some 150000 2000000"), "EINVAL");
		assert.equal(w("some 150000 1000000\n"), "EINVAL");
		assert.equal(w("some 150000 1000000\n", h.init), "OK");
		assert.equal(w(`full 1 2000000${" ".repeat(20)}\n`), "OK");
		assert.equal(w("bogus\n"), "EINVAL");
		assert.equal(w(""), "EINVAL");
		// Writes consume everything, however long.
		assert.equal(h.write("/proc/pressure/cpu", `some 1 2000000\n${"x".repeat(100)}`, user), 115);
	});
});

describe("PSI: CPU pressure from the fluid CPU model", () => {
	it("two hogs on one CPU: some is all the time, full is 0 system-wide; avg10 follows calc_load", () => {
		const h = v2(2);
		assert.equal(h.kernel.clock.now(), 0);
		hog(h, undefined, 0);
		hog(h, undefined, 0);
		run(h, 10 * S);
		// The averaging work runs at 2.004 s, 4.008 s, 6.012 s and 8.016 s, each sample 100%.
		const [a10, a60, a300] = averages([
			[0, 100],
			[0, 100],
			[0, 100],
			[0, 100],
		]);
		assert.equal(a10, "55.04");
		assert.equal(
			h.read("/proc/pressure/cpu"),
			`some avg10=${a10} avg60=${a60} avg300=${a300} total=10000000\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n`,
		);
		// The root cgroup's group is the system's, full undefined there too.
		assert.equal(show(h, h.kernel.psi.system).some.total, 10_000_000);
		// Internally full is 0 as well: one of the two always runs.
		assert.equal(h.kernel.psi.system.total[PSI_CPU_FULL], 0);
	});

	it("avg10 converges to 100 as calc_load predicts, and decays once the stall ends", () => {
		const h = v2(1);
		const a = hog(h);
		const b = hog(h);
		run(h, 300 * S);
		// The work first runs PSI_FREQ after the first change, at 2.004 s, then re-arms one jiffy
		// past each avg_next_update (nsecs_to_jiffies(next - now) + 1): updates at 2.004 s,
		// 4.012 s, 6.016 s, ..., 298.6 s, 149 samples of 100%.
		const full = Array.from({ length: 149 }, (): [number, number] => [0, 100]);
		const at300 = averages(full);
		assert.deepEqual(at300[0], "100.00");
		const p = show(h, h.kernel.psi.system);
		assert.deepEqual([p.some.avg10, p.some.avg60, p.some.avg300], at300);
		assert.equal(p.some.total, 300_000_000);
		// Stop at 300 s. The update at 300.604 s takes the 1.4 s stalled since 298.6 s (69% of
		// 2.004 s); the read at 300 s already collected that time, so the work sees no new
		// non-idle time and stops. A read at 320 s catches up from avg_next_update = 302.604 s:
		// 8 missed periods, then a sample of 0.
		h.kernel.sched.setBusy(a, false);
		h.kernel.sched.setBusy(b, false);
		run(h, 20 * S);
		const last = Math.floor((1.4 * S * 100) / PERIOD);
		assert.equal(last, 69);
		const expected = averages([...full, [0, last], [8, 0]]);
		const q = show(h, h.kernel.psi.system);
		assert.deepEqual([q.some.avg10, q.some.avg60, q.some.avg300], expected);
		assert.equal(q.some.total, 300_000_000);
		// Without the read at the stop the work runs once more, at 302.608 s, with a 0 sample.
		const h2 = v2(1);
		const c = hog(h2);
		const d = hog(h2);
		run(h2, 300 * S);
		h2.kernel.sched.setBusy(c, false);
		h2.kernel.sched.setBusy(d, false);
		run(h2, 20 * S);
		const r = show(h2, h2.kernel.psi.system);
		assert.deepEqual(
			[r.some.avg10, r.some.avg60, r.some.avg300],
			averages([...full, [0, last], [0, 0], [7, 0]]),
		);
	});

	it("one hog per CPU stalls nothing, pinned or placed", () => {
		const h = v2(4);
		const c = cgroup(h, "a");
		hog(h, c, 0);
		hog(h, c, 1);
		hog(h, undefined, 2);
		hog(h, undefined, 3);
		run(h, 10 * S);
		assert.equal(h.read("/proc/pressure/cpu"), ZERO);
		assert.equal(h.kernel.psi.show(group(h, c), PSI_CPU), ZERO);
		const p = v2(2);
		hog(p);
		hog(p);
		run(p, 10 * S);
		assert.equal(p.read("/proc/pressure/cpu"), ZERO);
	});

	it("weighs each CPU by its non-idle time: three hogs on two CPUs stall half the time", () => {
		const h = v2(2);
		hog(h);
		hog(h);
		hog(h);
		run(h, 10 * S);
		assert.equal(show(h, h.kernel.psi.system).some.total, 5_000_000);
	});

	it("nested cgroups aggregate: a task counts in its cgroup and every ancestor", () => {
		const h = v2(2);
		const b = cgroup(h, "a/b");
		const c = cgroup(h, "a/c");
		const a = cgroup(h, "a");
		hog(h, b, 0);
		hog(h, c, 0);
		run(h, 10 * S);
		// b and c each get half of CPU 0: each waits half the time, with nothing of theirs running.
		for (const leaf of [b, c]) {
			const p = show(h, group(h, leaf));
			assert.equal(p.some.total, 5_000_000);
			assert.equal(p.full.total, 5_000_000);
		}
		// a has both: one always waits (some), one always runs (no full).
		const pa = show(h, group(h, a));
		assert.equal(pa.some.total, 10_000_000);
		assert.equal(pa.full.total, 0);
		assert.equal(show(h, h.kernel.psi.system).some.total, 10_000_000);
		// A sibling tree that is idle stays at zero.
		assert.equal(h.kernel.psi.show(group(h, cgroup(h, "x/y")), PSI_CPU), ZERO);
	});

	it("a cgroup competing with the root's tasks is fully stalled while they run", () => {
		const h = v2(1);
		const a = cgroup(h, "a");
		hog(h, a);
		hog(h);
		hog(h);
		run(h, 6 * S);
		// On one CPU three equal tasks: a's task runs a third of the time.
		const p = show(h, group(h, a));
		assert.equal(p.some.total, 4_000_000);
		assert.equal(p.full.total, 4_000_000);
	});

	it("a task moved between cgroups takes its stall along (cgroup_move_task)", () => {
		const h = v2(1);
		const a = cgroup(h, "a");
		const b = cgroup(h, "b");
		const t = hog(h, a);
		hog(h);
		run(h, 4 * S);
		h.kernel.attachTask(b, t, true);
		h.kernel.psi.cgroupMoveTask(t);
		run(h, 6 * S);
		assert.equal(show(h, group(h, a)).full.total, 2_000_000);
		assert.equal(show(h, group(h, b)).full.total, 3_000_000);
	});

	it("a throttled group's tasks stall: cpu.cfs_quota_us of half a CPU", () => {
		// The v1 cpu controller throttles; the tasks' default-hierarchy cgroup sees the stall.
		const h = new TestHost({ layout: "hybrid", cpus: 1 });
		h.mkdir("/sys/fs/cgroup/cpu/q");
		h.write("/sys/fs/cgroup/cpu/q/cpu.cfs_quota_us", "50000");
		h.mkdir("/sys/fs/cgroup/unified/u");
		const u = h.kernel.cgroup.dflRoot.cgrp.children.get("u")!;
		const t = h.kernel.fork(h.init);
		h.write("/sys/fs/cgroup/cpu/q/tasks", String(t.pid));
		h.kernel.attachTask(u, t, true);
		h.kernel.sched.setBusy(t, true);
		run(h, 10 * S);
		const p = show(h, group(h, u));
		// 50 ms of every 100 ms period runs, the rest waits for the refill.
		assert.equal(p.some.total, 5_000_000);
		assert.equal(p.full.total, 5_000_000);
		const sys = parse(h.read("/proc/pressure/cpu"));
		assert.equal(sys.some.total, 5_000_000);
		assert.equal(sys.full.total, 0);
	});
});

describe("PSI: memory and IO stalls reported by callers", () => {
	it("memstallEnter/Leave: some and full while no productive task runs in the group", () => {
		const h = v2(1);
		const a = cgroup(h, "a");
		const t = h.kernel.fork(h.init);
		h.kernel.attachTask(a, t, true);
		const psi = h.kernel.psi;
		psi.memstallEnter(t);
		psi.memstallEnter(t); // nested: only the outer section counts
		run(h, 3 * S);
		psi.memstallLeave(t);
		assert.ok(psi.inMemstall(t));
		run(h, S);
		psi.memstallLeave(t);
		assert.ok(!psi.inMemstall(t));
		run(h, 2 * S);
		for (const g of [group(h, a), psi.system]) {
			const p = show(h, g, PSI_MEM);
			assert.equal(p.some.total, 4_000_000);
			assert.equal(p.full.total, 4_000_000);
			assert.equal(h.kernel.psi.show(g, PSI_IO), ZERO);
		}
		assert.equal(h.read("/proc/pressure/memory").split("\n")[0]!.endsWith("total=4000000"), true);
	});

	it("a memstalled task beside a running one is some but not full; a reclaimer on the CPU is full", () => {
		const h = v2(1);
		const psi = h.kernel.psi;
		const sleeper = h.kernel.fork(h.init);
		const runner = hog(h);
		psi.memstallEnter(sleeper);
		run(h, 2 * S);
		psi.memstallLeave(sleeper);
		let p = show(h, psi.system, PSI_MEM);
		assert.equal(p.some.total, 2_000_000);
		assert.equal(p.full.total, 0);
		// The running task itself reclaims: nothing productive runs.
		psi.memstallEnter(runner);
		run(h, 3 * S);
		psi.memstallLeave(runner);
		p = show(h, psi.system, PSI_MEM);
		assert.equal(p.some.total, 5_000_000);
		assert.equal(p.full.total, 3_000_000);
	});

	it("a reclaimer sharing its CPU with a productive task is full only while it is on the CPU", () => {
		const h = v2(1);
		const psi = h.kernel.psi;
		const reclaimer = hog(h);
		hog(h);
		psi.memstallEnter(reclaimer);
		run(h, 4 * S);
		psi.memstallLeave(reclaimer);
		const p = show(h, psi.system, PSI_MEM);
		assert.equal(p.some.total, 4_000_000);
		assert.equal(p.full.total, 2_000_000);
	});

	it("iowaitEnter/Leave: io some, and full while nothing of the group is runnable", () => {
		const h = v2(1);
		const psi = h.kernel.psi;
		const a = cgroup(h, "a");
		const t = h.kernel.fork(h.init);
		h.kernel.attachTask(a, t, true);
		psi.iowaitEnter(t);
		run(h, 2 * S);
		const other = hog(h, a);
		run(h, 3 * S);
		h.kernel.sched.setBusy(other, false);
		psi.iowaitLeave(t);
		run(h, S);
		const p = show(h, group(h, a), PSI_IO);
		assert.equal(p.some.total, 5_000_000);
		assert.equal(p.full.total, 2_000_000);
	});

	it("a memstall leave without an enter is logged once and changes nothing", () => {
		const h = v2(1);
		const t = h.kernel.fork(h.init);
		h.kernel.psi.memstallLeave(t);
		h.kernel.psi.memstallLeave(t);
		assert.equal(h.kernel.log.filter((r) => r.text.startsWith("psi: inconsistent")).length, 1);
		run(h, S);
		assert.equal(h.read("/proc/pressure/memory"), ZERO);
	});
});

describe("PSI: the cgroup files", () => {
	it("psiCftypes: io, memory, cpu pressure and cgroup.pressure, 0644, also on the root", () => {
		const h = v2();
		const cfts = psiCftypes(h.kernel.cgroup);
		assert.deepEqual(
			cfts.map((c) => c.name),
			["io.pressure", "memory.pressure", "cpu.pressure", "cgroup.pressure"],
		);
		for (const c of cfts) {
			assert.equal(c.flags ?? 0, 0);
			assert.ok(c.seqShow !== undefined && c.write !== undefined);
		}
		const a = cgroup(h, "a");
		for (const name of ["io.pressure", "memory.pressure", "cpu.pressure"]) {
			const of = openPsiFile(h, a, name);
			assert.equal(of.file.cft.seqShow!(of), ZERO);
		}
		assert.equal(
			openPsiFile(h, a, "cgroup.pressure").file.cft.seqShow!(openPsiFile(h, a, "cgroup.pressure")),
			"1\n",
		);
		// The root's cpu.pressure is /proc/pressure/cpu.
		const root = h.kernel.cgroup.dflRoot.cgrp;
		hog(h, undefined, 0);
		hog(h, undefined, 0);
		run(h, 3 * S);
		const rof = openPsiFile(h, root, "cpu.pressure");
		assert.equal(rof.file.cft.seqShow!(rof), h.read("/proc/pressure/cpu"));
	});

	it("cgroup.pressure: kstrtoint errors, ERANGE outside 0..1; 0 hides the files and stops accounting", () => {
		const h = v2(1);
		const a = cgroup(h, "a");
		const cfts = psiCftypes(h.kernel.cgroup);
		const cpuPressure = cfts.find((c) => c.name === "cpu.pressure")!;
		const pf = openPsiFile(h, a, "cgroup.pressure");
		const w = (v: string): string => errnoOf(() => writeOf(pf, v));
		const read = (): string => pf.file.cft.seqShow!(pf);
		assert.equal(w("2\n"), "ERANGE");
		assert.equal(w("-1\n"), "ERANGE");
		assert.equal(w("abc\n"), "EINVAL");
		assert.equal(w("\n"), "EINVAL");
		assert.equal(w("1x\n"), "EINVAL");
		for (const ok of [" 1 \n", "0x1\n", "01\n", "+1\n"]) assert.equal(w(ok), "OK");
		assert.equal(read(), "1\n");
		const open = openPsiFile(h, a, "cpu.pressure");
		hog(h, a);
		hog(h, a);
		run(h, 2 * S);
		assert.equal(w(" 0\n"), "OK");
		assert.equal(read(), "0\n");
		assert.equal(cpuPressure.shown?.(a), false);
		// The file open before it was hidden is dead for good, even once shown again.
		assertErrno(() => open.file.cft.seqShow!(open), "ENODEV");
		run(h, 2 * S);
		assert.equal(w("1\n"), "OK");
		assert.equal(cpuPressure.shown?.(a), true);
		assertErrno(() => open.file.cft.seqShow!(open), "ENODEV");
		run(h, 2 * S);
		const again = openPsiFile(h, a, "cpu.pressure");
		// Accounted: 0-2 s and 4-6 s, not the 2 s while disabled.
		assert.equal(parse(again.file.cft.seqShow!(again)).some.total, 4_000_000);
		// The system group went on counting.
		assert.equal(show(h, h.kernel.psi.system).some.total, 6_000_000);
	});

	it("the root's cgroup.pressure switches psi_system, /proc/pressure included", () => {
		const h = v2(1);
		const root = h.kernel.cgroup.dflRoot.cgrp;
		const pf = openPsiFile(h, root, "cgroup.pressure");
		hog(h);
		hog(h);
		run(h, S);
		writeOf(pf, "0\n");
		run(h, S);
		assert.equal(parse(h.read("/proc/pressure/cpu")).some.total, 1_000_000);
		writeOf(pf, "1\n");
		run(h, S);
		assert.equal(parse(h.read("/proc/pressure/cpu")).some.total, 2_000_000);
	});

	it("trigger writes: psi_trigger_create()'s EINVALs as recorded on 6.18 (writer without CAP_SYS_RESOURCE)", () => {
		const h = v2();
		const a = cgroup(h, "a");
		const user = h.init.cred.withCaps({ effective: h.init.cred.capEffective & ~(1n << 24n) });
		const cases: [string, string][] = [
			["some 150000 1000000\n", "EINVAL"],
			["some 1 1\n", "EINVAL"],
			["some 1000 10000000\n", "OK"],
			["some 1000 10000001\n", "EINVAL"],
			["some 0 2000000\n", "EINVAL"],
			["some 1000 0\n", "EINVAL"],
			["full 2000000 1000000\n", "EINVAL"],
			["foo\n", "EINVAL"],
			["some150000 2000000\n", "OK"],
			["some 150000 2000000 junk\n", "OK"],
			["some 4294967296 2000000\n", "EINVAL"],
			["some 4294967297 2000000\n", "OK"],
			["some 1000 4294967296\n", "EINVAL"],
			["some 1000 4296967296\n", "OK"],
			["some 2000000 2000000\n", "OK"],
			["some 2000001 2000000\n", "EINVAL"],
			["some 1000 12000000\n", "EINVAL"],
			["some 0x10 2000000\n", "EINVAL"],
			["some 010 2000000\n", "OK"],
			["some +5 2000000\n", "EINVAL"],
			["some -1 2000000\n", "EINVAL"],
			["some\t1000\t2000000\n", "OK"],
			["full1000 2000000\n", "OK"],
			["fullx 1000 2000000\n", "EINVAL"],
			["Some 1000 2000000\n", "EINVAL"],
			[" some 1000 2000000\n", "EINVAL"],
			["some 1000\n", "EINVAL"],
			["some 18446744073709551617 2000000\n", "OK"],
			["some 18446744073709551616 2000000\n", "EINVAL"],
			["some 1000 2000000\0junk", "OK"],
			["full 1000 2000000x9\n", "OK"],
		];
		for (const res of ["cpu", "memory", "io"]) {
			for (const [data, want] of cases) {
				const of = openPsiFile(h, a, `${res}.pressure`, user);
				assert.equal(
					errnoOf(() => writeOf(of, data)),
					want,
					`${res}: ${JSON.stringify(data)}`,
				);
				cgroupFileRelease(of);
			}
		}
		// A privileged writer may use any window up to 10 s.
		const of = openPsiFile(h, a, "cpu.pressure");
		assert.equal(writeOf(of, "some 150000 1000000\n"), 20);
		// One trigger per open file; a failed write leaves room for a good one.
		assertErrno(() => writeOf(of, "some 150000 1000000\n"), "EBUSY");
		assertErrno(() => writeOf(of, "bad\n"), "EBUSY");
		cgroupFileRelease(of);
		assert.equal(group(h, a).rtpollTriggers.length, 0);
		const m = openPsiFile(h, a, "memory.pressure", user);
		assertErrno(() => writeOf(m, "bad\n"), "EINVAL");
		assert.equal(writeOf(m, "some 150000 2000000\n"), 20);
		assert.equal(group(h, a).avgTriggers.length, 1);
		cgroupFileRelease(m);
		assert.equal(group(h, a).avgTriggers.length, 0);
	});

	it("an unprivileged trigger fires at the averaging update once its threshold is crossed", () => {
		const h = v2(1);
		const a = cgroup(h, "a");
		const user = h.init.cred.withCaps({ effective: h.init.cred.capEffective & ~(1n << 24n) });
		const of = openPsiFile(h, a, "cpu.pressure", user);
		writeOf(of, "full 500000 2000000\n");
		const t = group(h, a).avgTriggers[0]!;
		run(h, 3 * S);
		assert.equal(t.event, false);
		hog(h, a);
		hog(h);
		run(h, 4 * S);
		// From 3 s a's task waits half the time: by the 6.012 s update 1.5 s of full stall.
		assert.equal(t.event, true);
		cgroupFileRelease(of);
	});
});

describe("PSI: invariants under random load", () => {
	it("some >= full, totals within the time elapsed and never shrinking, one task per CPU never stalls", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 4 }),
				fc.array(
					fc.record({
						op: fc.constantFrom("hog", "stop", "run", "memstall", "move"),
						cg: fc.constantFrom("", "a", "a/b", "c"),
						cpu: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
						ns: fc.integer({ min: 1, max: 3 * S }),
					}),
					{ maxLength: 25 },
				),
				(cpus, ops) => {
					const h = v2(cpus);
					const k = h.kernel;
					const groups = ["a", "a/b", "c"].map((p) => cgroup(h, p));
					const byName = (n: string): Cgroup | undefined =>
						n === "" ? undefined : groups[["a", "a/b", "c"].indexOf(n)];
					const hogs: Task[] = [];
					const stalled = new Set<Task>();
					const last = new Map<PsiGroup, number[]>();
					const check = (): void => {
						const now = k.clock.now();
						for (const g of [k.psi.system, ...groups.map((c) => group(h, c))]) {
							for (const res of [PSI_IO, PSI_MEM, PSI_CPU] as const) {
								const p = show(h, g, res);
								assert.ok(p.some.total >= p.full.total);
								assert.ok(p.some.total * 1000 <= now);
								for (const l of [p.some, p.full])
									for (const v of [l.avg10, l.avg60, l.avg300]) assert.ok(Number(v) <= 100);
							}
							const prev = last.get(g) ?? [];
							const cur = [...g.total];
							for (const [i, v] of cur.entries()) assert.ok(v >= (prev[i] ?? 0));
							last.set(g, cur);
						}
						assert.equal(parse(h.read("/proc/pressure/cpu")).full.total, 0);
					};
					for (const o of ops) {
						if (o.op === "hog")
							hogs.push(hog(h, byName(o.cg), o.cpu === undefined ? undefined : o.cpu % cpus));
						else if (o.op === "stop" && hogs.length > 0) k.sched.setBusy(hogs.shift()!, false);
						else if (o.op === "memstall" && hogs.length > 0) {
							const t = hogs[0]!;
							if (stalled.delete(t)) k.psi.memstallLeave(t);
							else {
								stalled.add(t);
								k.psi.memstallEnter(t);
							}
						} else if (o.op === "move" && hogs.length > 0) {
							const dst = byName(o.cg) ?? k.cgroup.dflRoot.cgrp;
							k.attachTask(dst, hogs[hogs.length - 1]!, true);
							k.psi.cgroupMoveTask(hogs[hogs.length - 1]!);
						} else run(h, o.ns);
						check();
					}
				},
			),
			{ numRuns: 60 },
		);
	});

	it("as many hogs as CPUs, placed by the model, never stall whatever their cgroups", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6 }),
				fc.array(fc.constantFrom("", "a", "a/b", "c"), { minLength: 1, maxLength: 6 }),
				(cpus, where) => {
					const h = v2(cpus);
					for (const w of where.slice(0, cpus)) hog(h, w === "" ? undefined : cgroup(h, w));
					run(h, 7 * S);
					assert.equal(h.read("/proc/pressure/cpu"), ZERO);
					assert.equal(h.kernel.psi.system.total[PSI_CPU_SOME], 0);
				},
			),
			{ numRuns: 30 },
		);
	});
});
