/**
 * memcgstat as a program of the emulated host (`cgkit sh`): it finds the
 * watched process's memory cgroup, samples it on the emulated clock, counts
 * the OOM kills of the cgroup, notices the process going, and writes its
 * plot into the emulated filesystem.
 *
 * Most tests run on a host whose memory controller is a stand-in: the same
 * v1 file names and formats, with values a script computes
 * from the emulated time, so the lines are known exactly whatever the real
 * memory model charges. The last test is the transcript on the real
 * memory controller: a 100M cgroup, a shell in it, a program growing its
 * heap until the OOM killer ends it, memcgstat on the shell.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { binaryToUtf8 } from "../../src/kernel/bytes.ts";
import { BUILTIN_SUBSYSTEMS } from "../../src/kernel/cgroup/builtin.ts";
import type { CfType } from "../../src/kernel/cgroup/cftype.ts";
import { CgroupSubsysState } from "../../src/kernel/cgroup/css.ts";
import type { SubsystemDef } from "../../src/kernel/cgroup/subsys.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const MiB = 1024 * 1024;
const UNLIMITED = 9223372036854771712n;

/** What a stand-in memory cgroup shows at a moment. */
interface FakeState {
	usage: number;
	/** max_usage_in_bytes, memory.peak. */
	maxUsage: number;
	failcnt: number;
	oomKill: number;
}

class FakeMemcg extends CgroupSubsysState {
	limit = UNLIMITED;
	/** Emulated time at css_alloc. */
	bornNs = 0;
}

/** Scripts by cgroup path: the state `s` seconds after the cgroup was made. */
type Scripts = Map<string, (s: number) => FakeState>;

/**
 * A memory controller stand-in whose v1 files read what `scripts` say (the
 * emulated cgroup2 has no controller files yet: issue 7).
 */
function fakeMemory(scripts: Scripts): SubsystemDef<FakeMemcg> {
	return {
		name: "memory",
		legacyName: "memory",
		create: (kernel) => {
			const state = (css: FakeMemcg): FakeState =>
				scripts.get(css.cgroup.path())?.((kernel.clock.now() - css.bornNs) / 1e9) ?? {
					usage: 0,
					maxUsage: 0,
					failcnt: 0,
					oomKill: 0,
				};
			const v1: CfType<FakeMemcg>[] = [
				{ name: "usage_in_bytes", readU64: (css) => BigInt(state(css).usage) },
				{
					name: "limit_in_bytes",
					readU64: (css) => css.limit,
					writeU64: (css, v) => {
						css.limit = v;
					},
				},
				{ name: "max_usage_in_bytes", readU64: (css) => BigInt(state(css).maxUsage) },
				{ name: "failcnt", readU64: (css) => BigInt(state(css).failcnt) },
				{
					name: "oom_control",
					seqShow: (of) => `oom_kill_disable 0\nunder_oom 0\noom_kill ${state(of.css).oomKill}\n`,
				},
			];
			return {
				legacyCftypes: v1,
				cssAlloc: (parent, cgroup, ss) => {
					const css = new FakeMemcg(cgroup, ss, parent);
					css.bornNs = kernel.clock.now();
					return css;
				},
			};
		},
	};
}

function fakeHost(scripts: Scripts, layout: "hybrid" | "bare" = "hybrid"): UserSystem {
	const subsystems = BUILTIN_SUBSYSTEMS.map((s) =>
		s.legacyName === "memory" ? (fakeMemory(scripts) as unknown as SubsystemDef) : s,
	);
	return newSystem({ layout, subsystems });
}

function sh(sys: UserSystem, script: string) {
	return runProgram(sys, ["/bin/sh", "-c", script]);
}

/** 25 MiB a second until the OOM killer ends the grower at 3.5 s (at 87.5 MiB); 1 MiB after. */
function growAndKill(s: number): FakeState {
	if (s >= 3.5) return { usage: MiB, maxUsage: 87.5 * MiB, failcnt: 20, oomKill: 1 };
	const usage = Math.floor(25 * MiB * s);
	return { usage, maxUsage: usage, failcnt: 0, oomKill: 0 };
}

describe("memcgstat in cgkit sh (stand-in memory controller)", () => {
	it("follows a shell in a 100M cgroup until it goes, counting the kill of its child, and plots", () => {
		const sys = fakeHost(new Map([["/test1", growAndKill]]));
		const r = sh(
			sys,
			`mkdir /sys/fs/cgroup/memory/test1
echo 104857600 > /sys/fs/cgroup/memory/test1/memory.limit_in_bytes
sh -c 'sleep 2; sleep 2.5' &
echo $! > /sys/fs/cgroup/memory/test1/tasks
memcgstat -p $! -i 1 --plot /tmp/usage.svg
echo "status $?"`,
		);
		assert.equal(r.stderr, "");
		assert.equal(
			r.stdout,
			[
				"    TIME CGROUP     USAGE     LIMIT   USE% MAX-USAGE  FAILCNT   OOM",
				"    0.0s /test1        0B    100.0M   0.0%        0B        0     0",
				"    1.0s /test1     25.0M    100.0M  25.0%     25.0M        0     0",
				"    2.0s /test1     50.0M    100.0M  50.0%     50.0M        0     0",
				"    3.0s /test1     75.0M    100.0M  75.0%     75.0M        0     0",
				"    4.0s /test1      1.0M    100.0M   1.0%     87.5M       20     1",
				"    5.0s /test1      1.0M    100.0M   1.0%     87.5M       20     1",
				"--- pid 5 gone after 5.0s, 6 samples",
				"cgroup     /test1",
				"usage      last 1.0M, peak 75.0M, max usage 87.5M, limit 100.0M",
				"failcnt    20 (+20 while watching)",
				"oom kills  1 while watching (at 4.0s)",
				"status 0",
				"",
			].join("\n"),
		);
		const svg = binaryToUtf8(sys.vfs.readFile(sys.kernel.init, "/tmp/usage.svg"));
		assert.ok(svg.startsWith("<svg "));
		assert.ok(svg.includes(">memcgstat: memory cgroup /test1 (pid 5)</text>"));
		assert.equal([...svg.matchAll(/<g class="oom"/g)].length, 1);
		assert.match(svg, /<path class="limit" d="M80\.0,[0-9.]+H770\.0"/);
		assert.equal(sys.vfs.stat(sys.kernel.init, "/tmp/usage.svg").mode & 0o777, 0o644);
	});

	it("keeps sampling a shell that lives on, for COUNT samples, in JSON", () => {
		const sys = fakeHost(new Map([["/test1", growAndKill]]));
		const r = sh(
			sys,
			`mkdir /sys/fs/cgroup/memory/test1
echo $$ > /sys/fs/cgroup/memory/test1/tasks
memcgstat -p $$ -c 6 -i 0.5 --json`,
		);
		assert.equal(r.stderr, "");
		const recs = r.stdout
			.trimEnd()
			.split("\n")
			.map((l) => JSON.parse(l));
		assert.equal(recs.length, 7);
		assert.deepEqual(
			recs.slice(0, 6).map((x) => [x.time, x.cgroup, x.usage, x.limit, x.alive]),
			[0, 0.5, 1, 1.5, 2, 2.5].map((t) => [t, "/test1", Math.floor(25 * MiB * t), null, true]),
		);
		assert.equal(recs[6].type, "summary");
		assert.equal(recs[6].end, "count");
		assert.equal(recs[6].samples, 6);
	});

	it("reports bad arguments, a missing process and a host without the hierarchy", () => {
		const sys = fakeHost(new Map());
		const cases: [string, string][] = [
			["memcgstat -p 999", "memcgstat: no such process: 999\n"],
			[
				"memcgstat",
				"memcgstat: missing -p PID\nUsage: memcgstat -p PID [-c COUNT] [-i SECONDS] [--plot FILE.svg|FILE.png] [--json]\n",
			],
			["memcgstat -p 1 -i 0 2>&1 | head -1 >&2", "memcgstat: invalid interval '0'\n"],
			["memcgstat -p 1 -c x 2>&1 | head -1 >&2", "memcgstat: invalid count 'x'\n"],
			[
				"memcgstat -p 1 --plot /tmp/a.png 2>&1 | head -1 >&2",
				"memcgstat: --plot: '/tmp/a.png': PNG is rendered by the host side only (cgkit memcgstat --host); use an .svg file\n",
			],
			["memcgstat -p 1 -z 2>&1 | head -1 >&2", "memcgstat: invalid option -- 'z'\n"],
		];
		for (const [cmd, err] of cases) {
			const r = sh(sys, cmd);
			assert.equal(r.stderr, err, cmd);
			assert.equal(r.stdout, "", cmd);
		}
		assert.equal(sh(sys, "memcgstat -p 999").status, 1);
		const bare = sh(fakeHost(new Map(), "bare"), "memcgstat -p $$");
		assert.equal(bare.status, 1);
		assert.equal(bare.stderr, "memcgstat: process 3 has no memory cgroup\n");
		const help = sh(sys, "memcgstat --help");
		assert.equal(
			help.stdout,
			"Usage: memcgstat -p PID [-c COUNT] [-i SECONDS] [--plot FILE.svg|FILE.png] [--json]\n",
		);
	});

	it("ends with the summary on SIGINT", () => {
		const sys = fakeHost(new Map([["/", growAndKill]]));
		const r = sh(
			sys,
			`memcgstat -p $$ --plot /tmp/p.svg & m=$!
sleep 2.5
kill -INT $m
wait $m
echo "status $?"
head -c 5 /tmp/p.svg`,
		);
		assert.equal(r.stderr, "");
		assert.match(
			r.stdout,
			/\n--- interrupted after 2\.0s, 3 samples; pid 3 still running\n(.*\n)*status 0\n<svg $/,
		);
	});

	it("says when a plot cannot be written", () => {
		const sys = fakeHost(new Map());
		const r = sh(sys, "memcgstat -p $$ -c 1 --plot /nodir/p.svg");
		assert.equal(r.status, 1);
		assert.equal(r.stderr, "memcgstat: /nodir/p.svg: No such file or directory\n");
		assert.match(r.stdout, /\n--- pid 3 still running after 0\.0s, 1 sample\n/);
	});
});

/**
 * The transcript, on the memory controller: a cgroup test1 limited
 * to 100M, the shell in it, a program growing its heap by 1 MiB at a time
 * (every 0.1 s), memcgstat on the shell's pid. The emulation is
 * deterministic, so the output is exact (what is left after the kill, 4K,
 * is the page cache of the shell's output file, which runProgram keeps in
 * /tmp); the plot it draws is the one in
 * docs/memcgstat.md (docs/img/memcgstat-transcript.svg).
 */
const TRANSCRIPT = `mkdir /sys/fs/cgroup/memory/test1
echo 100M > /sys/fs/cgroup/memory/test1/memory.limit_in_bytes
echo $$ > /sys/fs/cgroup/memory/test1/tasks
growheap -i 0.1 &
memcgstat -p $$ -i 1 -c 14 --plot /tmp/memcgstat.svg`;

const TRANSCRIPT_OUT = `    TIME CGROUP     USAGE     LIMIT   USE% MAX-USAGE  FAILCNT     MEMSW MEMSW-LIM MEMSW-MAX MEMSW-FC   OOM
    0.0s /test1      1.3M    100.0M   1.3%      1.3M        0      1.3M unlimited      1.3M        0     0
    1.0s /test1     10.3M    100.0M  10.3%     10.3M        0     10.3M unlimited     10.3M        0     0
    2.0s /test1     20.3M    100.0M  20.3%     20.3M        0     20.3M unlimited     20.3M        0     0
    3.0s /test1     30.3M    100.0M  30.3%     30.3M        0     30.3M unlimited     30.3M        0     0
    4.0s /test1     40.3M    100.0M  40.3%     40.3M        0     40.3M unlimited     40.3M        0     0
    5.0s /test1     50.3M    100.0M  50.2%     50.3M        0     50.3M unlimited     50.3M        0     0
    6.0s /test1     60.3M    100.0M  60.3%     60.3M        0     60.3M unlimited     60.3M        0     0
    7.0s /test1     70.3M    100.0M  70.3%     70.3M        0     70.3M unlimited     70.3M        0     0
    8.0s /test1     80.3M    100.0M  80.3%     80.3M        0     80.3M unlimited     80.3M        0     0
    9.0s /test1     90.3M    100.0M  90.3%     90.3M        0     90.3M unlimited     90.3M        0     0
   10.0s /test1      4.0K    100.0M   0.0%    100.0M       19      4.0K unlimited    100.3M        0     1
   11.0s /test1      4.0K    100.0M   0.0%    100.0M       19      4.0K unlimited    100.3M        0     1
   12.0s /test1      4.0K    100.0M   0.0%    100.0M       19      4.0K unlimited    100.3M        0     1
   13.0s /test1      4.0K    100.0M   0.0%    100.0M       19      4.0K unlimited    100.3M        0     1
--- pid 3 still running after 13.0s, 14 samples
cgroup     /test1
usage      last 4.0K, peak 90.3M, max usage 100.0M, limit 100.0M
memsw      last 4.0K, peak 90.3M, max usage 100.3M, limit unlimited
failcnt    19 (+19 while watching)
oom kills  1 while watching (at 10.0s)
`;

describe("memcgstat in cgkit sh (the memory controller)", () => {
	it("shows the shell's cgroup climbing to its 100M limit and falling at the OOM kill of its heap grower", () => {
		const sys = newSystem();
		const r = sh(sys, TRANSCRIPT);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, TRANSCRIPT_OUT);
		assert.match(
			sys.kernel.log.map((l) => l.text).join("\n"),
			/Memory cgroup out of memory: Killed process [0-9]+ \(growheap\)/,
		);
		const svg = binaryToUtf8(sys.vfs.readFile(sys.kernel.init, "/tmp/memcgstat.svg"));
		assert.equal([...svg.matchAll(/<g class="oom"/g)].length, 1);
		const docs = readFileSync(
			new URL("../../docs/img/memcgstat-transcript.svg", import.meta.url),
			"utf8",
		);
		assert.equal(svg, docs, "docs/img/memcgstat-transcript.svg is this run's plot (regenerate it)");
	});
});
