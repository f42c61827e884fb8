/**
 * cgget on the emulated host. The expected texts and exit codes were
 * taken from libcgroup 3.1.0's cgget on a Linux 6.18 host with the same
 * hybrid layout (cgroup2 at /sys/fs/cgroup/unified with hugetlb).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cgSystem, out, run, runAs, sh } from "./h2-support.ts";

const WRONG = "Wrong input parameters, try /usr/bin/cgget -h' for more information.\n";
const USAGE =
	"Usage: /usr/bin/cgget [-nv] [-r <name>] [-g <controllers>] [-a] <path> ...\n" +
	"Print parameter(s) of given group(s).\n" +
	"  -a, --all\t\t\tPrint info about all relevant controllers\n" +
	"  -g <controllers>\t\tController which info should be displayed\n" +
	"  -g <controllers>:<path>\tControl group which info should be displayed\n" +
	"  -h, --help\t\t\tDisplay this help\n" +
	"  -n\t\t\t\tDo not print headers\n" +
	"  -r, --variable <name>\t\tDefine parameter to display\n" +
	"  -v, --values-only\t\tPrint only values, not parameter names\n" +
	"  -m\t\t\t\tDisplay the cgroup mode\n" +
	"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
	"  -c\t\t\t\tDisplay controller version\n";
const VERSIONS =
	"#Controller\tVersion\n" +
	"cpu        \t1\ncpuacct    \t1\ncpuset     \t1\nmemory     \t1\ndevices    \t1\n" +
	"freezer    \t1\nblkio      \t1\npids       \t1\nname=systemd\t1\nhugetlb    \t2\n";
const CPU =
	"cpu.cfs_burst_us: 0\ncpu.cfs_period_us: 100000\n" +
	"cpu.stat: nr_periods 0\n\tnr_throttled 0\n\tthrottled_time 0\n\tnr_bursts 0\n\tburst_time 0\n" +
	"cpu.shares: 1024\ncpu.idle: 0\ncpu.stat.local: throttled_time 0\ncpu.cfs_quota_us: -1\n" +
	"cpu.rt_runtime_us: 0\ncpu.rt_period_us: 1000000\n";
const PIDS = "pids.current: 0\npids.events: max 0\npids.max: max\npids.peak: 0\n";
const FREEZER = "freezer.self_freezing: 0\nfreezer.parent_freezing: 0\nfreezer.state: THAWED\n";

describe("cgget: arguments", () => {
	const sys = cgSystem();
	run(sys, "cgcreate", "-g", "cpu:x");
	const cases: [string[], number, string, string][] = [
		[[], 129, "", WRONG],
		[["-h"], 0, USAGE, ""],
		[["-c"], 103, VERSIONS, ""],
		[["-m"], 0, "Hybrid mode (Cgroup v1/v2).\n", ""],
		[["-m", "-c"], 103, `Hybrid mode (Cgroup v1/v2).\n${VERSIONS}`, ""],
		[["-r", "cpu.shares"], 129, "", WRONG],
		[["-g", "cpu"], 129, "", WRONG],
		[["-r", "cpu.shares", "-g", "cpu", "x"], 129, "", WRONG],
		[["-m", "-r", "cpu.shares", "x"], 129, "", WRONG],
		[["-g", "cpu:x", "x"], 129, "", WRONG],
		[
			["--v", "x"],
			129,
			"",
			`/usr/bin/cgget: option '--v' is ambiguous; possibilities: '--variable' '--values-only'\n${WRONG}`,
		],
		[["-r", "foo", "x"], 91, "", "cgget: error parsing parameter name 'foo'"],
		[["-r", "nosuch.x", "x"], 96, "", "cgget: cannot find controller 'nosuch'\n"],
		[["-g", "nosuch", "x"], 96, "", "cgget: cannot find controller 'nosuch'\n"],
		[["-g", "net_cls", "/"], 96, "", "cgget: cannot find controller 'net_cls'\n"],
		[["-r", "cpu.foo", "x"], 96, "", "variable file read failed No such file or directory\n"],
		[
			["-r", "cpu.shares", "nosuch"],
			96,
			"",
			"variable file read failed No such file or directory\n",
		],
		// "cgroup" is the cgroup2 mount here (hugetlb is there), where x does not exist.
		[["-r", "cgroup.procs", "x"], 96, "", "variable file read failed No such file or directory\n"],
		[["-r", "cpu.shares", "-r", "cpu.shares", "x"], 90, "", ""],
		[["-g", "cpu:x", "-g", "cpu:x", "-g", "pids"], 88, "", ""],
		[["-g", "cpu", "nosuch"], 0, "nosuch:\n\n", ""],
	];
	for (const [args, status, stdout, stderr] of cases) {
		it(`cgget ${args.join(" ")}`, () => {
			assert.deepEqual(out(run(sys, "cgget", ...args)), [status, stdout, stderr]);
		});
	}
});

describe("cgget: values", () => {
	const sys = cgSystem();
	run(sys, "cgcreate", "-g", "cpu,memory:x", "-g", "cpu:x/a", "-g", "freezer,pids:y");
	run(sys, "cgset", "-r", "cpu.shares=512", "x");

	it("-r: named settings, with headers and names unless -n / -v", () => {
		assert.deepEqual(out(run(sys, "cgget", "-r", "cpu.shares", "x")), [
			0,
			"x:\ncpu.shares: 512\n\n",
			"",
		]);
		assert.deepEqual(
			out(run(sys, "cgget", "-n", "-v", "-r", "cpu.shares", "-r", "cpu.cfs_quota_us", "x")),
			[0, "512\n-1\n", ""],
		);
		assert.deepEqual(out(run(sys, "cgget", "-n", "--variable", "cpu.shares", "x", "x/a")), [
			0,
			"cpu.shares: 512\ncpu.shares: 1024\n",
			"",
		]);
		assert.deepEqual(
			out(
				run(sys, "cgget", "--values-only", "-r", "memory.limit_in_bytes", "-r", "cpu.shares", "x"),
			),
			[0, "x:\n9223372036854771712\n512\n\n", ""],
		);
		// A multi-line value: the following lines indented with a tab.
		assert.deepEqual(out(run(sys, "cgget", "-r", "cpu.stat", "x/a")), [
			0,
			"x/a:\ncpu.stat: nr_periods 0\n\tnr_throttled 0\n\tthrottled_time 0\n\tnr_bursts 0\n\tburst_time 0\n\n",
			"",
		]);
		// An empty file has an empty value.
		run(sys, "cgcreate", "-g", ":u");
		assert.deepEqual(out(run(sys, "cgget", "-v", "-r", "cgroup.procs", "-r", "cgroup.type", "u")), [
			0,
			"u:\n\ndomain\n\n",
			"",
		]);
	});

	it("-g: whole controllers, of the operands or of the -g cgroup", () => {
		assert.deepEqual(out(run(sys, "cgget", "-g", "cpu", "x/a")), [0, `x/a:\n${CPU}\n`, ""]);
		assert.deepEqual(out(run(sys, "cgget", "-g", "freezer,pids:y")), [
			0,
			`y:\n${FREEZER}${PIDS}\n`,
			"",
		]);
		assert.deepEqual(out(run(sys, "cgget", "-g", "pids", "-g", "freezer", "y")), [
			0,
			`y:\n${PIDS}${FREEZER}\n`,
			"",
		]);
		assert.deepEqual(out(run(sys, "cgget", "-g", "pids", "y", "x")), [
			0,
			`y:\n${PIDS}\nx:\n\n`,
			"",
		]);
		assert.deepEqual(out(run(sys, "cgget", "-n", "-g", "cpu:x/a", "-g", "freezer:y")), [
			0,
			`${CPU}${FREEZER}`,
			"",
		]);
	});

	it("-a and no option: every controller the group has", () => {
		assert.deepEqual(out(run(sys, "cgget", "-a", "y")), [0, `y:\n${FREEZER}${PIDS}\n`, ""]);
		assert.deepEqual(out(run(sys, "cgget", "y")), [0, `y:\n${FREEZER}${PIDS}\n`, ""]);
		assert.deepEqual(out(run(sys, "cgget", "--all", "x/a")), [0, `x/a:\n${CPU}\n`, ""]);
	});

	it("a whole memory controller: files that cannot be read have empty values", () => {
		const r = run(sys, "cgget", "-g", "memory", "x");
		assert.equal(r.status, 0);
		const lines = r.stdout.split("\n");
		assert.deepEqual(lines.slice(0, 7), [
			"x:",
			"memory.use_hierarchy: 1",
			"memory.kmem.tcp.usage_in_bytes: 0",
			"memory.soft_limit_in_bytes: 9223372036854771712",
			"memory.force_empty: ",
			"memory.pressure_level: ",
			"memory.move_charge_at_immigrate: 0",
		]);
		assert.ok(lines.includes("memory.oom_control: oom_kill_disable 0"));
		assert.ok(lines.includes("\tunder_oom 0"));
	});

	it("a value longer than 99 characters comes in chunks", () => {
		const big = cgSystem({ cpus: 64 });
		run(big, "cgcreate", "-g", "cpuacct:x");
		const zeros = "0 ".repeat(64);
		assert.deepEqual(out(run(big, "cgget", "-r", "cpuacct.usage_percpu", "x")), [
			0,
			`x:\ncpuacct.usage_percpu: ${zeros.slice(0, 99)}\n\t${zeros.slice(99)}\n\n`,
			"",
		]);
	});

	it("as a user, a file that cannot be opened fails -r but is skipped by -g", () => {
		const r = runAs(sys, 65534, "cgget", "-r", "memory.force_empty", "x");
		assert.deepEqual(out(r), [96, "", "variable file read failed Permission denied\n"]);
		const g = runAs(sys, 65534, "cgget", "-g", "memory", "x");
		assert.equal(g.status, 0);
		assert.equal(g.stdout.includes("memory.force_empty"), false);
		assert.ok(g.stdout.includes("memory.use_hierarchy: 1\n"));
	});

	it('cgroup v2: the "cgroup" pseudo-controller, unified mode, hidden controllers', () => {
		const v2 = cgSystem({ layout: "v2" });
		run(v2, "cgcreate", "-g", "cpu:a/b");
		assert.deepEqual(out(run(v2, "cgget", "-m")), [0, "Unified Mode (Cgroup v2 only).\n", ""]);
		assert.deepEqual(out(run(v2, "cgget", "-c")), [
			103,
			"#Controller\tVersion\ncpuset     \t2\ncpu        \t2\nio         \t2\nmemory     \t2\nhugetlb    \t2\npids       \t2\n",
			"",
		]);
		assert.deepEqual(
			out(
				run(
					v2,
					"cgget",
					"-r",
					"cgroup.type",
					"-r",
					"cpu.weight",
					"-r",
					"cgroup.controllers",
					"a/b",
				),
			),
			[
				0,
				// Grouped by controller, in the order the controllers were first named.
				"a/b:\ncgroup.type: domain\ncgroup.controllers: cpu\ncpu.weight: 100\n\n",
				"",
			],
		);
		// A full listing takes every controller's files in the directory: of io and memory, their pressure files only.
		const all = run(v2, "cgget", "a/b");
		assert.equal(all.status, 0);
		assert.deepEqual(
			all.stdout
				.split("\n")
				.filter((l) => /^[a-z]+\./.test(l))
				.map((l) => l.split(":")[0]),
			[
				"cpu.weight",
				"cpu.stat",
				"cpu.weight.nice",
				"cpu.pressure",
				"cpu.idle",
				"cpu.stat.local",
				"cpu.max.burst",
				"cpu.max",
				"io.pressure",
				"memory.pressure",
			],
		);
		const cg = run(v2, "cgget", "-g", "cgroup", "a/b");
		assert.ok(cg.stdout.includes("cgroup.type: domain\n"));
		assert.ok(cg.stdout.includes("cgroup.events: populated 0\n\tfrozen 0\n"));
	});

	it("-m on a host without cgroup v1", () => {
		const bare = cgSystem({ layout: "bare" });
		sh(bare, "mkdir -p /tmp/cg && mount -t cgroup2 none /tmp/cg");
		assert.deepEqual(out(run(bare, "cgget", "-m")), [0, "Unified Mode (Cgroup v2 only).\n", ""]);
	});
});
