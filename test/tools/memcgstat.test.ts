/**
 * memcgstat's shared core (src/userland/lib/memcgstat*.ts), without any
 * host: finding the memory cgroup from /proc/PID/cgroup and mountinfo, the
 * file tables and what their texts say, the output formats, the SVG plot,
 * and the whole program run against an in-memory world answering its
 * requests (files, clock, sleeps, output, plot). Also the `cgkit
 * memcgstat` command's refusal without --host, and PNG rendering.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Command } from "commander";
import fc from "fast-check";
import { registerMemcgstat } from "../../src/cli/memcgstat.ts";
import { svgToPng } from "../../src/tools/memcgstat-png.ts";
import {
	type IoRequest,
	type MemcgstatOptions,
	memcgstat,
	parseCountArg,
	parseIntervalArg,
	parsePidArg,
	plotFormatOf,
} from "../../src/userland/lib/memcgstat.ts";
import {
	formatSize,
	formatTime,
	headerLine,
	layoutFor,
	percentOf,
	sampleJson,
	sampleLine,
	summaryJson,
	summaryText,
} from "../../src/userland/lib/memcgstat-format.ts";
import { memcgDir, memcgOfProcCgroup } from "../../src/userland/lib/memcgstat-locate.ts";
import { axisFor, niceStep, plotSvg, xmlEscape } from "../../src/userland/lib/memcgstat-plot.ts";
import { memcgFiles, readingOf, UNLIMITED_MIN } from "../../src/userland/lib/memcgstat-sample.ts";
import { type MemcgSample, MemcgWatch } from "../../src/userland/lib/memcgstat-watch.ts";
import { parseMountinfo } from "../../src/userland/lib/mountinfo.ts";

const MiB = 1024 * 1024;
const UNLIMITED = "9223372036854771712";

/** /proc/PID/cgroup of a process in /test1 of the memory hierarchy (hybrid layout). */
const HYBRID_CGROUP = [
	"9:name=systemd:/",
	"8:pids:/",
	"7:blkio:/",
	"6:freezer:/",
	"5:devices:/",
	"4:memory:/test1",
	"3:cpuset:/",
	"2:cpuacct:/",
	"1:cpu:/",
	"0::/",
	"",
].join("\n");

const HYBRID_MOUNTINFO = [
	"1 1 0:1 / / rw,relatime - tmpfs rootfs rw,mode=755",
	"3 1 0:3 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw",
	"5 2 0:5 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
	"6 5 0:6 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
	"9 5 0:9 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
	"14 5 0:14 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
	"15 5 0:15 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
	"",
].join("\n");

const V2_MOUNTINFO = [
	"1 1 0:1 / / rw,relatime - tmpfs rootfs rw,mode=755",
	"25 1 0:25 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot",
	"",
].join("\n");

describe("memcgstat: finding the memory cgroup", () => {
	it("takes the v1 line whose controller list has memory, before the cgroup2 line", () => {
		assert.deepEqual(memcgOfProcCgroup(HYBRID_CGROUP), { version: 1, path: "/test1" });
		assert.deepEqual(memcgOfProcCgroup("3:cpu,memory:/a/b\n0::/x\n"), {
			version: 1,
			path: "/a/b",
		});
	});

	it("falls back to the cgroup2 0:: line, and keeps colons in paths", () => {
		assert.deepEqual(memcgOfProcCgroup("0::/user.slice/a:b\n"), {
			version: 2,
			path: "/user.slice/a:b",
		});
		assert.deepEqual(memcgOfProcCgroup("2:memory:/x:y\n"), { version: 1, path: "/x:y" });
	});

	it("matches controller names exactly, and says null when there is none", () => {
		assert.equal(memcgOfProcCgroup("1:name=memory:/\n2:memoryx:/\n"), null);
		assert.equal(memcgOfProcCgroup("1:cpu:/\n"), null);
		assert.equal(memcgOfProcCgroup(""), null);
	});

	it("parses mountinfo, with optional fields and octal escapes", () => {
		const m = parseMountinfo(
			`${V2_MOUNTINFO}40 1 0:40 /a /mnt/my\\040cg rw - cgroup cgroup rw,memory,cpu\nbroken line\n`,
		);
		assert.equal(m.length, 3);
		assert.deepEqual(
			{ fstype: m[1]!.fstype, target: m[1]!.target, fsOptions: m[1]!.fsOptions },
			{
				fstype: "cgroup2",
				target: "/sys/fs/cgroup",
				fsOptions: "rw,nsdelegate,memory_recursiveprot",
			},
		);
		assert.deepEqual(
			{ root: m[2]!.root, target: m[2]!.target },
			{ root: "/a", target: "/mnt/my cg" },
		);
	});

	it("finds the directory below the hierarchy's mount, relative to the mount's root", () => {
		const hybrid = parseMountinfo(HYBRID_MOUNTINFO);
		assert.equal(memcgDir(hybrid, { version: 1, path: "/test1" }), "/sys/fs/cgroup/memory/test1");
		assert.equal(memcgDir(hybrid, { version: 1, path: "/" }), "/sys/fs/cgroup/memory");
		assert.equal(memcgDir(hybrid, { version: 2, path: "/a" }), "/sys/fs/cgroup/unified/a");
		const bind = parseMountinfo(
			"40 1 0:40 /a /mnt rw - cgroup cgroup rw,memory\n41 1 0:40 / /all rw - cgroup cgroup rw,memory\n",
		);
		assert.equal(memcgDir(bind, { version: 1, path: "/a/b" }), "/mnt/b");
		assert.equal(memcgDir(bind, { version: 1, path: "/a" }), "/mnt");
		// "/ab" is not below "/a": the next mount holds it.
		assert.equal(memcgDir(bind, { version: 1, path: "/ab" }), "/all/ab");
		assert.equal(memcgDir(bind.slice(0, 1), { version: 1, path: "/ab" }), null);
		assert.equal(memcgDir(parseMountinfo(V2_MOUNTINFO), { version: 1, path: "/" }), null);
	});
});

/** The texts of a v1 memory cgroup's files. */
function v1Texts(o: {
	usage: number;
	limit?: number;
	max?: number;
	failcnt?: number;
	oomKill?: number;
	memsw?: boolean;
}): Map<string, string> {
	const limit = o.limit === undefined ? UNLIMITED : String(o.limit);
	const m = new Map<string, string>([
		["memory.usage_in_bytes", `${o.usage}\n`],
		["memory.limit_in_bytes", `${limit}\n`],
		["memory.max_usage_in_bytes", `${o.max ?? o.usage}\n`],
		["memory.failcnt", `${o.failcnt ?? 0}\n`],
		["memory.oom_control", `oom_kill_disable 0\nunder_oom 0\noom_kill ${o.oomKill ?? 0}\n`],
	]);
	if (o.memsw !== false) {
		m.set("memory.memsw.usage_in_bytes", `${o.usage}\n`);
		m.set("memory.memsw.limit_in_bytes", `${UNLIMITED}\n`);
		m.set("memory.memsw.max_usage_in_bytes", `${o.max ?? o.usage}\n`);
		m.set("memory.memsw.failcnt", "0\n");
	}
	return m;
}

const lookup = (m: Map<string, string>) => (f: string) => m.get(f) ?? null;

describe("memcgstat: reading the files", () => {
	it("lists each file once per version", () => {
		assert.deepEqual(memcgFiles(1), [
			"memory.usage_in_bytes",
			"memory.limit_in_bytes",
			"memory.max_usage_in_bytes",
			"memory.failcnt",
			"memory.memsw.usage_in_bytes",
			"memory.memsw.limit_in_bytes",
			"memory.memsw.max_usage_in_bytes",
			"memory.memsw.failcnt",
			"memory.oom_control",
		]);
		assert.deepEqual(memcgFiles(2), [
			"memory.current",
			"memory.max",
			"memory.peak",
			"memory.events",
			"memory.swap.current",
			"memory.swap.max",
			"memory.swap.peak",
			"memory.swap.events",
		]);
	});

	it("reads v1 counters, memsw and oom_control; PAGE_COUNTER_MAX is unlimited", () => {
		const r = readingOf(
			1,
			lookup(v1Texts({ usage: 5 * MiB, limit: 100 * MiB, max: 7 * MiB, failcnt: 3, oomKill: 2 })),
		);
		assert.deepEqual(r, {
			usage: 5 * MiB,
			limit: 100 * MiB,
			maxUsage: 7 * MiB,
			failcnt: 3,
			swap: { usage: 5 * MiB, limit: null, maxUsage: 7 * MiB, failcnt: 0 },
			oomKill: 2,
			underOom: false,
		});
		assert.equal(BigInt(UNLIMITED) >= UNLIMITED_MIN, true);
		// 64 KiB pages print a smaller PAGE_COUNTER_MAX; still unlimited.
		const big = v1Texts({ usage: 0 });
		big.set("memory.limit_in_bytes", "9223372036854710272\n");
		assert.equal(readingOf(1, lookup(big))?.limit, null);
	});

	it("has no swap without the memsw files, and nothing without usage or limit", () => {
		assert.equal(readingOf(1, lookup(v1Texts({ usage: 1, memsw: false })))?.swap, null);
		const noUsage = v1Texts({ usage: 1 });
		noUsage.delete("memory.usage_in_bytes");
		assert.equal(readingOf(1, lookup(noUsage)), null);
		const badLimit = v1Texts({ usage: 1 });
		badLimit.set("memory.limit_in_bytes", "lots\n");
		assert.equal(readingOf(1, lookup(badLimit)), null);
	});

	it("reads cgroup2 files: max is unlimited, failcnt and oom_kill from memory.events", () => {
		const texts = new Map([
			["memory.current", "4096\n"],
			["memory.max", "max\n"],
			["memory.peak", "8192\n"],
			["memory.events", "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n"],
			["memory.swap.current", "0\n"],
			["memory.swap.max", "1048576\n"],
			["memory.swap.events", "high 0\nmax 4\nfail 0\n"],
		]);
		assert.deepEqual(readingOf(2, lookup(texts)), {
			usage: 4096,
			limit: null,
			maxUsage: 8192,
			failcnt: 12,
			swap: { usage: 0, limit: MiB, maxUsage: null, failcnt: 4 },
			oomKill: 1,
			underOom: null,
		});
	});
});

describe("memcgstat: formats", () => {
	it("prints sizes in binary units with one decimal", () => {
		const cases: [number, string][] = [
			[0, "0B"],
			[1023, "1023B"],
			[1024, "1.0K"],
			[1536, "1.5K"],
			[1048575, "1.0M"],
			[12.3 * MiB, "12.3M"],
			[100 * MiB, "100.0M"],
			[1024 * MiB, "1.0G"],
			[2 ** 60, "1.0E"],
			[2 ** 70, "1024.0E"],
		];
		for (const [n, s] of cases) assert.equal(formatSize(n), s, String(n));
	});

	it("keeps sizes within a twentieth of a unit, never showing 1024.0 below E", () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
				const s = formatSize(n);
				if (n < 1024) return s === `${n}B`;
				const m = /^(\d+\.\d)([KMGTPE])$/.exec(s);
				if (m === null) return false;
				const unit = 1024 ** ("KMGTPE".indexOf(m[2]!) + 1);
				return Math.abs(Number(m[1]) * unit - n) <= 0.05 * unit && Number(m[1]) < 1024;
			}),
		);
	});

	it("prints times and percentages", () => {
		assert.equal(formatTime(0), "0.0s");
		assert.equal(formatTime(12.34), "12.3s");
		assert.equal(percentOf(50, 100), 50);
		assert.equal(percentOf(1, 3), 33.3);
		assert.equal(percentOf(1, null), null);
		assert.equal(percentOf(0, 0), 0);
	});

	const sample = (o: Partial<MemcgSample> = {}): MemcgSample => ({
		t: 1.5,
		version: 1,
		cgroup: "/test1",
		alive: true,
		usage: 12.3 * MiB,
		limit: 100 * MiB,
		maxUsage: 50 * MiB,
		failcnt: 7,
		swap: { usage: 12.3 * MiB, limit: null, maxUsage: 50 * MiB, failcnt: 0 },
		oomKill: 1,
		underOom: false,
		...o,
	});

	it("prints fixed-width lines with memsw columns on v1", () => {
		const s = sample();
		const layout = layoutFor(s);
		assert.equal(
			headerLine(layout),
			"    TIME CGROUP     USAGE     LIMIT   USE% MAX-USAGE  FAILCNT     MEMSW MEMSW-LIM MEMSW-MAX MEMSW-FC   OOM\n",
		);
		assert.equal(
			sampleLine(layout, s),
			"    1.5s /test1     12.3M    100.0M  12.3%     50.0M        7     12.3M unlimited     50.0M        0     1\n",
		);
		assert.equal(headerLine(layout).length, sampleLine(layout, s).length);
	});

	it("prints cgroup2 lines without swap, unlimited, missing values as -", () => {
		const s = sample({
			version: 2,
			cgroup: "/a/long/path",
			limit: null,
			maxUsage: null,
			failcnt: null,
			swap: null,
			oomKill: null,
		});
		const layout = layoutFor(s);
		assert.equal(
			headerLine(layout),
			"    TIME CGROUP           USAGE     LIMIT   USE% MAX-USAGE  FAILCNT   OOM\n",
		);
		assert.equal(
			sampleLine(layout, s),
			"    1.5s /a/long/path     12.3M unlimited      -         -        -     -\n",
		);
		const withSwap = layoutFor(sample({ version: 2 }));
		assert.ok(
			headerLine(withSwap).endsWith(" FAILCNT      SWAP  SWAP-LIM  SWAP-MAX  SWAP-FC   OOM\n"),
		);
	});

	it("writes JSON Lines records", () => {
		const rec = JSON.parse(sampleJson(42, sample({ t: 1.23456 })));
		assert.deepEqual(rec, {
			type: "sample",
			time: 1.235,
			pid: 42,
			cgroup: "/test1",
			cgroup_version: 1,
			usage: 12.3 * MiB,
			limit: 100 * MiB,
			percent: 12.3,
			max_usage: 50 * MiB,
			failcnt: 7,
			memsw: { usage: 12.3 * MiB, limit: null, max_usage: 50 * MiB, failcnt: 0 },
			oom_kill: 1,
			under_oom: false,
			alive: true,
		});
		assert.equal(JSON.parse(sampleJson(1, sample({ version: 2, swap: null }))).swap, null);
		assert.ok(sampleJson(1, sample()).endsWith("}\n"));
	});
});

/** Samples of a cgroup whose usage climbs by `step` MiB per second to `limit`, then an OOM kill. */
function climb(n: number, opts: { oomAt?: number; limit?: number | null } = {}): MemcgSample[] {
	const limit = opts.limit === undefined ? 100 * MiB : opts.limit;
	const out: MemcgSample[] = [];
	let usage = 0;
	let oom = 0;
	for (let i = 0; i < n; i++) {
		if (opts.oomAt === i) {
			oom++;
			usage = MiB;
		} else {
			usage = Math.min(limit ?? Number.MAX_SAFE_INTEGER, usage + 20 * MiB);
		}
		out.push({
			t: i,
			version: 1,
			cgroup: "/test1",
			alive: true,
			usage,
			limit,
			maxUsage: usage,
			failcnt: i,
			swap: null,
			oomKill: oom,
			underOom: false,
		});
	}
	return out;
}

describe("memcgstat: the watch and its summary", () => {
	it("counts oom_kill rises and failcnt rises within one cgroup", () => {
		const w = new MemcgWatch();
		for (const s of climb(8, { oomAt: 6 })) w.add(s);
		const sum = w.summary(42, "count");
		assert.equal(sum.oomKills, 1);
		assert.deepEqual(sum.oomEvents, [{ index: 6, t: 6, kills: 1 }]);
		assert.equal(sum.failcntRise, 7);
		assert.equal(sum.peakUsage, 100 * MiB);
		assert.equal(sum.lastUsage, 21 * MiB);
		assert.equal(sum.oomAtEnd, false);
		assert.equal(
			summaryText(sum),
			[
				"--- pid 42 still running after 7.0s, 8 samples",
				"cgroup     /test1",
				"usage      last 21.0M, peak 100.0M, max usage 21.0M, limit 100.0M",
				"failcnt    7 (+7 while watching)",
				"oom kills  1 while watching (at 6.0s)",
				"",
			].join("\n"),
		);
		const j = JSON.parse(summaryJson(sum));
		assert.equal(j.type, "summary");
		assert.equal(j.oom_kills, 1);
		assert.deepEqual(j.oom_kill_times, [6]);
		assert.equal(j.end, "count");
		assert.equal(j.memsw, null);
	});

	it("does not count a move to another cgroup or a failcnt reset as a rise", () => {
		const w = new MemcgWatch();
		const [a, b, c] = climb(3);
		w.add({ ...a!, failcnt: 5, oomKill: 0 });
		w.add({ ...b!, cgroup: "/other", failcnt: 100, oomKill: 9 });
		w.add({ ...c!, cgroup: "/other", failcnt: 0, oomKill: 9 });
		const sum = w.summary(1, "interrupted");
		assert.equal(sum.oomKills, 0);
		assert.equal(sum.failcntRise, 0);
		assert.deepEqual(sum.cgroups, ["/test1", "/other"]);
		assert.match(
			summaryText(sum),
			/^--- interrupted after 2\.0s, 3 samples; pid 1 still running\ncgroup {5}\/test1 -> \/other\n/,
		);
	});

	it("says probably OOM-killed when oom_kill rose in the interval the process went", () => {
		const w = new MemcgWatch();
		const s = climb(3, { oomAt: 2 });
		w.add(s[0]!);
		w.add(s[1]!);
		w.add({ ...s[2]!, alive: false });
		const sum = w.summary(7, "gone");
		assert.equal(sum.oomAtEnd, true);
		assert.match(
			summaryText(sum),
			/^--- pid 7 gone after 2\.0s, 3 samples; oom_kill rose as it went: probably OOM-killed\n/,
		);
		assert.equal(JSON.parse(summaryJson(sum)).oom_killed, true);
	});

	it("reports a missing oom_kill counter", () => {
		const w = new MemcgWatch();
		w.add({ ...climb(1)[0]!, oomKill: null });
		assert.match(summaryText(w.summary(1, "count")), /oom kills {2}- \(no oom_kill counter\)\n$/);
	});
});

/** The elements of one class in an SVG text. */
function elements(svg: string, cls: string): string[] {
	return [...svg.matchAll(new RegExp(`<[a-z]+ class="${cls}"[^>]*>(?:[^<]*</[a-z]+>)?`, "g"))].map(
		(m) => m[0],
	);
}

function texts(svg: string, cls: string): string[] {
	return elements(svg, cls).map((e) => /<text[^>]*>([^<]*)<\/text>/.exec(e)?.[1] ?? "");
}

describe("memcgstat: the plot", () => {
	it("chooses steps of 1, 2 or 5 times a power of ten, covering the data", () => {
		assert.equal(niceStep(0.7), 1);
		assert.equal(niceStep(1.5), 2);
		assert.equal(niceStep(3), 5);
		assert.equal(niceStep(21), 50);
		assert.equal(niceStep(0.13), 0.2);
		assert.deepEqual(axisFor(7, 8), { step: 1, max: 7 });
		assert.deepEqual(axisFor(105, 5), { step: 50, max: 150 });
		fc.assert(
			fc.property(
				fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
				fc.integer({ min: 1, max: 10 }),
				(top, n) => {
					const a = axisFor(top, n);
					const mant = a.step / 10 ** Math.floor(Math.log10(a.step) + 1e-12);
					const steps = a.max / a.step;
					return (
						a.max >= top * (1 - 1e-9) &&
						[1, 2, 5].some((m) => Math.abs(mant - m) < 1e-6) &&
						Math.abs(steps - Math.round(steps)) < 1e-6 &&
						steps <= 2 * n + 1
					);
				},
			),
		);
	});

	it("draws axes with labelled ticks, the usage, a dashed limit and the OOM kills", () => {
		const samples = climb(8, { oomAt: 6 });
		const w = new MemcgWatch();
		for (const s of samples) w.add(s);
		const svg = plotSvg({ pid: 42, samples, oomEvents: w.oomEvents });
		assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="420"'));
		assert.ok(svg.endsWith("</svg>\n"));
		assert.deepEqual(texts(svg, "title"), ["memcgstat: memory cgroup /test1 (pid 42)"]);
		assert.deepEqual(texts(svg, "tick-x"), ["0", "1", "2", "3", "4", "5", "6", "7"]);
		assert.deepEqual(texts(svg, "tick-y"), ["0", "50", "100", "150"]);
		assert.deepEqual(texts(svg, "axis-label"), ["time (s)", "memory (MiB)"]);
		const usage = elements(svg, "usage");
		assert.equal(usage.length, 1);
		const points = /points="([^"]*)"/.exec(usage[0]!)![1]!.split(" ");
		assert.equal(points.length, 8);
		// Plot area: x 80..770 for 0..7 s, y 360..50 for 0..150 MiB.
		assert.equal(points[0], "80.0,318.7");
		assert.equal(points[7], "770.0,316.6");
		const limit = elements(svg, "limit");
		assert.equal(limit.length, 1);
		assert.match(limit[0]!, /stroke-dasharray="6 4"/);
		// 100 MiB of 150 is y = 360 - 310 * 2/3, held over the whole run.
		assert.match(limit[0]!, / d="M80\.0,153\.3H770\.0"/);
		assert.deepEqual(texts(svg, "limit-label"), ["limit 100.0M"]);
		const groups = [...svg.matchAll(/<g class="oom"[^>]*>(.*?)<\/g>/g)];
		assert.equal(groups.length, 1);
		assert.match(groups[0]![1]!, /<line x1="671\.4" y1="50" x2="671\.4" y2="360\.0"/);
		assert.match(groups[0]![1]!, /<text[^>]*>OOM kill<\/text>/);
		assert.equal(plotSvg({ pid: 42, samples, oomEvents: w.oomEvents }), svg, "deterministic");
	});

	it("has no limit line when unlimited, breaks it where the limit went, and escapes the title", () => {
		const unlimited = climb(3, { limit: null }).map((s) => ({ ...s, cgroup: '/a&b<"c">' }));
		const svg = plotSvg({ pid: 1, samples: unlimited, oomEvents: [] });
		assert.equal(elements(svg, "limit").length, 0);
		assert.equal(elements(svg, "limit-label").length, 0);
		assert.ok(svg.includes("memory cgroup /a&amp;b&lt;&quot;c&quot;&gt; (pid 1)"));
		assert.equal(xmlEscape("<&>"), "&lt;&amp;&gt;");
		const mixed = climb(4).map((s, i) => (i === 2 ? { ...s, limit: null } : s));
		const d = / d="([^"]*)"/.exec(
			elements(plotSvg({ pid: 1, samples: mixed, oomEvents: [] }), "limit")[0]!,
		)![1]!;
		assert.equal(d.split("M").length - 1, 2, "two runs of a limit");
		assert.equal(
			[...plotSvg({ pid: 1, samples: climb(1), oomEvents: [] }).matchAll(/class="usage-point"/g)]
				.length,
			1,
			"a single sample shows as a point",
		);
	});

	it("labels several kills at once", () => {
		const samples = climb(3, { oomAt: 2 });
		const svg = plotSvg({ pid: 1, samples, oomEvents: [{ index: 2, t: 2, kills: 3 }] });
		assert.match(svg, /<g class="oom"[^>]*>.*<text[^>]*>3 OOM kills<\/text><\/g>/);
	});

	it("renders the SVG to PNG", async () => {
		const png = await svgToPng(plotSvg({ pid: 1, samples: climb(5), oomEvents: [] }));
		assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const view = new DataView(png.buffer, png.byteOffset);
		assert.deepEqual([view.getUint32(16), view.getUint32(20)], [800, 420], "IHDR width, height");
	});
});

describe("memcgstat: arguments", () => {
	it("parses pids, counts, intervals and plot names", () => {
		assert.equal(parsePidArg("42"), 42);
		for (const bad of ["0", "-1", "4x", "", "01", "1e3"]) assert.equal(parsePidArg(bad), null, bad);
		assert.equal(parseCountArg("3"), 3);
		assert.equal(parseIntervalArg("1"), 1e9);
		assert.equal(parseIntervalArg("0.2"), 2e8);
		assert.equal(parseIntervalArg(".5"), 5e8);
		for (const bad of ["0", "0.0", "-1", "1s", "", "."])
			assert.equal(parseIntervalArg(bad), null, bad);
		assert.equal(plotFormatOf("a.svg"), "svg");
		assert.equal(plotFormatOf("A.PNG"), "png");
		assert.equal(plotFormatOf("a.pdf"), null);
	});
});

// ------------------------------------------------------------ whole runs

/** An in-memory world answering memcgstat's requests. */
class World {
	files = new Map<string, string>();
	nowNs = 0;
	out = "";
	err = "";
	plots = new Map<string, { format: string; svg: string }>();
	plotError: string | null = null;
	/** Called after each sleep with the number of sleeps so far; false interrupts it. */
	onSleep: (n: number) => boolean | undefined = () => true;
	private sleeps = 0;

	setCgroup(dir: string, texts: Map<string, string>): void {
		for (const [f, t] of texts) this.files.set(`${dir}/${f}`, t);
	}

	process(pid: number, cgroup: string, state = "S (sleeping)"): void {
		this.files.set(
			`/proc/${pid}/status`,
			`Name:\tsh\nUmask:\t0022\nState:\t${state}\nTgid:\t${pid}\n`,
		);
		this.files.set(`/proc/${pid}/cgroup`, cgroup);
	}

	kill(pid: number): void {
		this.files.delete(`/proc/${pid}/status`);
		this.files.delete(`/proc/${pid}/cgroup`);
	}

	answer(req: IoRequest): void {
		switch (req.op) {
			case "read": {
				const text = this.files.get(req.path);
				req.result =
					text === undefined
						? { ok: false, errno: "ENOENT", message: "No such file or directory" }
						: { ok: true, text };
				return;
			}
			case "now":
				req.result = this.nowNs;
				return;
			case "sleep":
				assert.ok(req.untilNs >= this.nowNs, "sleeps go forward");
				this.nowNs = req.untilNs;
				req.result = this.onSleep(++this.sleeps) !== false;
				return;
			case "write":
				if (req.fd === 1) this.out += req.text;
				else this.err += req.text;
				return;
			case "plot":
				this.plots.set(req.path, { format: req.format, svg: req.svg });
				req.result = this.plotError;
				return;
		}
	}

	run(opts: Partial<MemcgstatOptions> & { pid: number }): number {
		const r = memcgstat({ count: null, intervalNs: 1e9, plot: null, json: false, ...opts });
		for (let step = r.next(); ; step = r.next()) {
			if (step.done) return step.value;
			this.answer(step.value);
		}
	}
}

const DIR = "/sys/fs/cgroup/memory/test1";

function hybridWorld(): World {
	const w = new World();
	w.files.set("/proc/self/mountinfo", HYBRID_MOUNTINFO);
	w.process(42, HYBRID_CGROUP);
	w.setCgroup(DIR, v1Texts({ usage: MiB, limit: 100 * MiB, memsw: false }));
	return w;
}

describe("memcgstat: runs", () => {
	it("samples every interval while the process lives, counting the kill of a child", () => {
		const w = hybridWorld();
		let usage = MiB;
		let oom = 0;
		let failcnt = 0;
		w.onSleep = (n) => {
			if (n === 5) {
				oom++;
				usage = 2 * MiB;
			} else {
				usage = Math.min(100 * MiB, usage + 25 * MiB);
				if (usage === 100 * MiB) failcnt += 10;
			}
			w.setCgroup(
				DIR,
				v1Texts({ usage, limit: 100 * MiB, failcnt, oomKill: oom, memsw: false, max: 100 * MiB }),
			);
			return true;
		};
		assert.equal(w.run({ pid: 42, count: 7, plot: { path: "/tmp/p.svg", format: "svg" } }), 0);
		assert.equal(
			w.out,
			[
				"    TIME CGROUP     USAGE     LIMIT   USE% MAX-USAGE  FAILCNT   OOM",
				"    0.0s /test1      1.0M    100.0M   1.0%      1.0M        0     0",
				"    1.0s /test1     26.0M    100.0M  26.0%    100.0M        0     0",
				"    2.0s /test1     51.0M    100.0M  51.0%    100.0M        0     0",
				"    3.0s /test1     76.0M    100.0M  76.0%    100.0M        0     0",
				"    4.0s /test1    100.0M    100.0M 100.0%    100.0M       10     0",
				"    5.0s /test1      2.0M    100.0M   2.0%    100.0M       10     1",
				"    6.0s /test1     27.0M    100.0M  27.0%    100.0M       10     1",
				"--- pid 42 still running after 6.0s, 7 samples",
				"cgroup     /test1",
				"usage      last 27.0M, peak 100.0M, max usage 100.0M, limit 100.0M",
				"failcnt    10 (+10 while watching)",
				"oom kills  1 while watching (at 5.0s)",
				"",
			].join("\n"),
		);
		assert.equal(w.err, "");
		const plot = w.plots.get("/tmp/p.svg");
		assert.equal(plot?.format, "svg");
		assert.equal([...plot!.svg.matchAll(/<g class="oom"/g)].length, 1);
	});

	it("ends with the summary when the process goes, sampling its cgroup once more", () => {
		const w = hybridWorld();
		w.onSleep = (n) => {
			if (n === 2) {
				w.kill(42);
				w.setCgroup(DIR, v1Texts({ usage: 0, limit: 100 * MiB, oomKill: 1, memsw: false }));
			}
			return true;
		};
		assert.equal(w.run({ pid: 42, json: true }), 0);
		const recs = w.out
			.trimEnd()
			.split("\n")
			.map((l) => JSON.parse(l));
		assert.deepEqual(
			recs.map((r) => [r.type, r.time, r.alive]),
			[
				["sample", 0, true],
				["sample", 1, true],
				["sample", 2, false],
				["summary", undefined, undefined],
			],
		);
		assert.equal(recs[3].end, "gone");
		assert.equal(recs[3].oom_killed, true);
		assert.equal(recs[3].oom_kills, 1);
		assert.equal(recs[3].elapsed, 2);
	});

	it("takes a zombie for gone", () => {
		const w = hybridWorld();
		w.onSleep = () => {
			w.process(42, HYBRID_CGROUP, "Z (zombie)");
			return true;
		};
		assert.equal(w.run({ pid: 42 }), 0);
		assert.match(w.out, /\n--- pid 42 gone after 1\.0s, 2 samples\n/);
	});

	it("follows the process into another cgroup", () => {
		const w = hybridWorld();
		w.setCgroup(
			"/sys/fs/cgroup/memory/test2",
			v1Texts({ usage: 3 * MiB, oomKill: 5, memsw: false }),
		);
		w.onSleep = () => {
			w.process(42, HYBRID_CGROUP.replace("/test1", "/test2"));
			return true;
		};
		assert.equal(w.run({ pid: 42, count: 2 }), 0);
		assert.ok(
			w.out.includes("\n    1.0s /test2      3.0M unlimited      -      3.0M        0     5\n"),
		);
		assert.match(w.out, /\ncgroup {5}\/test1 -> \/test2\n/);
		assert.match(w.out, /\noom kills {2}0 while watching\n/);
	});

	it("stops at an interrupted sleep with the summary", () => {
		const w = hybridWorld();
		w.onSleep = (n) => n < 3;
		assert.equal(w.run({ pid: 42 }), 0);
		assert.match(w.out, /\n--- interrupted after 2\.0s, 3 samples; pid 42 still running\n/);
	});

	it("reads cgroup2 files on a cgroup2-only host", () => {
		const w = new World();
		w.files.set("/proc/self/mountinfo", V2_MOUNTINFO);
		w.process(7, "0::/app\n");
		w.setCgroup(
			"/sys/fs/cgroup/app",
			new Map([
				["memory.current", `${10 * MiB}\n`],
				["memory.max", `${40 * MiB}\n`],
				["memory.peak", `${20 * MiB}\n`],
				["memory.events", "low 0\nhigh 0\nmax 3\noom 0\noom_kill 0\noom_group_kill 0\n"],
			]),
		);
		assert.equal(w.run({ pid: 7, count: 1 }), 0);
		assert.equal(
			w.out.split("\n").slice(0, 2).join("\n"),
			[
				"    TIME CGROUP     USAGE     LIMIT   USE% MAX-USAGE  FAILCNT   OOM",
				"    0.0s /app       10.0M     40.0M  25.0%     20.0M        3     0",
			].join("\n"),
		);
	});

	it("fails with a message for a missing process, no memory cgroup, or no memory files", () => {
		const cases: [(w: World) => void, string][] = [
			[(w) => w.kill(42), "memcgstat: no such process: 42\n"],
			[(w) => w.process(42, "1:cpu:/\n"), "memcgstat: process 42 has no memory cgroup\n"],
			[
				(w) => w.files.set("/proc/self/mountinfo", V2_MOUNTINFO),
				"memcgstat: process 42: no mount of the cgroup v1 memory hierarchy holds its cgroup /test1\n",
			],
			[
				(w) => w.files.delete(`${DIR}/memory.usage_in_bytes`),
				`memcgstat: process 42 has no memory cgroup: ${DIR}/memory.usage_in_bytes: No such file or directory\n`,
			],
		];
		for (const [breakIt, message] of cases) {
			const w = hybridWorld();
			breakIt(w);
			assert.equal(w.run({ pid: 42, plot: { path: "/p.svg", format: "svg" } }), 1, message);
			assert.equal(w.err, message);
			assert.equal(w.out, "");
			assert.equal(w.plots.size, 0);
		}
	});

	it("fails when the plot cannot be written, after the summary", () => {
		const w = hybridWorld();
		w.plotError = "Permission denied";
		assert.equal(w.run({ pid: 42, count: 1, plot: { path: "/ro/p.png", format: "png" } }), 1);
		assert.match(w.out, /--- pid 42 still running/);
		assert.equal(w.err, "memcgstat: /ro/p.png: Permission denied\n");
		assert.equal(w.plots.get("/ro/p.png")?.format, "png");
	});
});

describe("cgkit memcgstat", () => {
	it("refuses to run without --host, pointing at cgkit sh", async () => {
		let err = "";
		const program = new Command().exitOverride();
		registerMemcgstat(program, { stdout: () => {}, stderr: (s) => (err += s) });
		const saved = process.exitCode;
		try {
			await program.parseAsync(["memcgstat", "-p", "1"], { from: "user" });
			assert.equal(process.exitCode, 1);
		} finally {
			process.exitCode = saved;
		}
		assert.match(
			err,
			/^cgkit memcgstat: memcgstat runs inside `cgkit sh`.* or against this machine with --host\n/,
		);
	});

	it("runs on this machine with --host (a missing process)", async () => {
		if (process.platform !== "linux") return;
		let err = "";
		const program = new Command().exitOverride();
		registerMemcgstat(program, { stdout: () => {}, stderr: (s) => (err += s) });
		const saved = process.exitCode;
		try {
			// Above PID_MAX_LIMIT (4194304): no process has it.
			await program.parseAsync(["memcgstat", "--host", "-p", "4194305"], { from: "user" });
			assert.equal(process.exitCode, 1);
		} finally {
			process.exitCode = saved;
		}
		assert.equal(err, "memcgstat: no such process: 4194305\n");
	});
});
