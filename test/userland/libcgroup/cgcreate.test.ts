/**
 * cgcreate on the emulated host. The expected texts, exit codes and file
 * owners and modes were taken from libcgroup 3.1.0's cgcreate run on a
 * Linux 6.18 host with the same hybrid layout.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cgSystem, exists, out, owner, R, read, run, runAs, sh } from "./h2-support.ts";

const USAGE =
	"Usage: /usr/bin/cgcreate [-h] [-f mode] [-d mode] [-s mode] [-t <tuid>:<tgid>] [-a <agid>:<auid>] -g <controllers>:<path> [-g ...]\n" +
	"Create control group(s)\n" +
	"  -a <tuid>:<tgid>\t\tOwner of the group and all its files\n" +
	"  -d, --dperm=mode\t\tGroup directory permissions\n" +
	"  -f, --fperm=mode\t\tGroup file permissions\n" +
	"  -g <controllers>:<path>\tControl group which should be added\n" +
	"  -h, --help\t\t\tDisplay this help\n" +
	"  -s, --tperm=mode\t\tTasks file permissions\n" +
	"  -t <tuid>:<tgid>\t\tOwner of the tasks file\n" +
	"  -b\t\t\t\tIgnore default systemddelegate hierarchy\n" +
	"  -c, --scope\t\t\tCreate a delegated systemd scope\n" +
	"  -p, --pid=pid\t\t\tTask pid to use to create systemd scope\n" +
	"  -S, --setdefault\t\tSet this scope as the default scope delegate hierarchy\n";
const WRONG = "Wrong input parameters, try /usr/bin/cgcreate -h for more information.\n";

describe("cgcreate: arguments", () => {
	const sys = cgSystem();
	const cases: [string[], number, string, string][] = [
		[[], 129, "", WRONG],
		[["-h"], 0, USAGE, ""],
		[["--hel"], 0, USAGE, ""],
		[["--foo=bar"], 129, "", `/usr/bin/cgcreate: unrecognized option '--foo=bar'\n${WRONG}`],
		[["-z"], 129, "", `/usr/bin/cgcreate: invalid option -- 'z'\n${WRONG}`],
		[["-g"], 129, "", `/usr/bin/cgcreate: option requires an argument -- 'g'\n${WRONG}`],
		[["--dperm"], 129, "", `/usr/bin/cgcreate: option '--dperm' requires an argument\n${WRONG}`],
		[
			["-g", "cpu"],
			129,
			"",
			"/usr/bin/cgcreate: cgroup controller and path parsing failed ((null))\n",
		],
		[
			["-t", ":", "-g", "cpu"],
			129,
			"",
			"/usr/bin/cgcreate: cgroup controller and path parsing failed ((null))\n",
		],
		[
			["-g", "cpu", "x"],
			129,
			"",
			"/usr/bin/cgcreate: cgroup controller and path parsing failed (x)\n",
		],
		[["x"], 129, "", "/usr/bin/cgcreate: wrong arguments (x)\n"],
		[["-g", "cpu:x", "extra"], 129, "", "/usr/bin/cgcreate: wrong arguments (extra)\n"],
		[["-d", "9999", "-z"], 255, "/usr/bin/cgcreate wrong mode format 9999\n", ""],
		[
			["-d", "7777", "-f", "75", "-g", "cpu:x"],
			255,
			"/usr/bin/cgcreate wrong mode format 75\n",
			"",
		],
		[["-s", "888"], 255, "/usr/bin/cgcreate wrong mode format 888\n", ""],
		[
			["-t", "nosuchuser:root", "-g", "cpu:x"],
			0,
			"",
			"/usr/bin/cgcreate: can't find uid of user nosuchuser.\n",
		],
		[
			["-a", ":nosuchgroup", "-g", "cpu:x"],
			0,
			"",
			"/usr/bin/cgcreate: can't find gid of group nosuchgroup.\n",
		],
		[
			["-g", "cpu:x", "-b", "-c"],
			129,
			"",
			'/usr/bin/cgcreate: "-b" and "-c" are mutually exclusive\n',
		],
		[["-S", "-g", "cpu:x"], 129, "", '/usr/bin/cgcreate: "-S" requires "-c" to be provided\n'],
		[["-p", "5", "-g", "cpu:x"], 129, "", '/usr/bin/cgcreate: "-p" requires "-c" to be provided\n'],
		[["-c", "-p", "1", "-g", "cpu:x"], 129, "", "/usr/bin/cgcreate: Invalid pid 1\n"],
		[
			["--dp=755", "-g", "cpu"],
			129,
			"",
			"/usr/bin/cgcreate: cgroup controller and path parsing failed ((null))\n",
		],
		[["-g", "nosuch:x"], 91, "", "/usr/bin/cgcreate: controller nosuch can't be add\n"],
		// net_cls is compiled in but bound to no hierarchy.
		[["-g", "net_cls:x"], 91, "", "/usr/bin/cgcreate: controller net_cls can't be add\n"],
	];
	for (const [args, status, stdout, stderr] of cases) {
		it(`cgcreate ${args.join(" ")}`, () => {
			assert.deepEqual(out(run(sys, "cgcreate", ...args)), [status, stdout, stderr]);
			assert.equal(exists(sys, `${R}/cpu/x`), false);
		});
	}

	it("-c fails without a system bus, after checking the scope name", () => {
		assert.deepEqual(out(run(sys, "cgcreate", "-c", "-g", "cpu:x")), [
			91,
			"Error: cgroup name does not contain a slash: x\n",
			"/usr/bin/cgcreate: can't create cgroup x: Cgroup invalid operation\n",
		]);
		assert.deepEqual(out(run(sys, "cgcreate", "-c", "-p", "2", "-g", "cpu:a/b/c")), [
			91,
			"Error: cgroup name contains more than one slash: a/b/c\n",
			"/usr/bin/cgcreate: can't create cgroup a/b/c: Cgroup invalid operation\n",
		]);
		assert.deepEqual(out(run(sys, "cgcreate", "-c", "-g", "cpu:a.slice/b.scope")), [
			93,
			"Error: failed to open the system bus: 2\n",
			"/usr/bin/cgcreate: can't create cgroup a.slice/b.scope: Cgroup operation failed\n",
		]);
		assert.equal(exists(sys, `${R}/cpu/a.slice`), false);
	});
});

describe("cgcreate: creating groups", () => {
	it("creates the group in every hierarchy named, parents included", () => {
		const sys = cgSystem();
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "cpu,memory:a/b", "-g", "freezer:c")), [
			0,
			"",
			"",
		]);
		for (const p of ["cpu/a", "cpu/a/b", "memory/a/b", "freezer/c"])
			assert.ok(exists(sys, `${R}/${p}`), p);
		assert.equal(exists(sys, `${R}/freezer/a`), false);
		assert.equal(exists(sys, `${R}/cpu/c`), false);
		// Without -a/-t everything belongs to the caller; directories 0775 less the umask.
		assert.equal(owner(sys, `${R}/cpu/a/b`), "755 0 0");
		assert.equal(owner(sys, `${R}/cpu/a/b/tasks`), "644 0 0");
		// An existing group is fine.
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "cpu:a/b")), [0, "", ""]);
	});

	it("-a, -t, -d, -f and -s set owners and modes; -f and -d keep within the owner's bits", () => {
		const sys = cgSystem();
		const r = run(
			sys,
			"cgcreate",
			"-d",
			"750",
			"-f",
			"640",
			"-s",
			"600",
			"-a",
			"nobody:nogroup",
			"-t",
			"nobody:nogroup",
			"-g",
			"cpu:n",
		);
		assert.deepEqual(out(r), [0, "", ""]);
		const d = `${R}/cpu/n`;
		assert.deepEqual(
			[
				d,
				`${d}/tasks`,
				`${d}/cpu.shares`,
				`${d}/cpu.stat`,
				`${d}/cgroup.procs`,
				`${d}/notify_on_release`,
			].map((p) => owner(sys, p)),
			[
				"750 65534 65534",
				"600 65534 65534",
				"640 65534 65534",
				"440 65534 65534",
				"640 65534 65534",
				"640 65534 65534",
			],
		);
		// -a without a group: the group stays the caller's; the tasks file is not touched by -a.
		assert.deepEqual(out(run(sys, "cgcreate", "-a", "nobody", "-g", "cpu:n/b")), [0, "", ""]);
		assert.deepEqual(
			[`${d}/b`, `${d}/b/tasks`, `${d}/b/cpu.shares`].map((p) => owner(sys, p)),
			["755 65534 0", "644 0 0", "644 65534 0"],
		);
		// Write-only files keep only their write bit.
		assert.deepEqual(out(run(sys, "cgcreate", "-f", "600", "-d", "700", "-g", "memory:m")), [
			0,
			"",
			"",
		]);
		assert.deepEqual(
			[
				"m",
				"m/tasks",
				"m/memory.force_empty",
				"m/memory.stat",
				"m/cgroup.event_control",
				"m/memory.limit_in_bytes",
			].map((p) => owner(sys, `${R}/memory/${p}`)),
			["700 0 0", "644 0 0", "200 0 0", "400 0 0", "200 0 0", "600 0 0"],
		);
	});

	it("'*' creates the group in every hierarchy of /proc/cgroups", () => {
		const sys = cgSystem();
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "*:all")), [0, "", ""]);
		const made = [
			"cpu",
			"cpuacct",
			"cpuset",
			"memory",
			"devices",
			"freezer",
			"blkio",
			"pids",
		].filter((c) => exists(sys, `${R}/${c}/all`));
		assert.equal(made.length, 8);
		// hugetlb is on cgroup2 here: hierarchy 0 in /proc/cgroups.
		assert.equal(exists(sys, `${R}/unified/all`), false);
	});

	it("a group without controllers is a cgroup v2 group", () => {
		const sys = cgSystem();
		assert.deepEqual(out(run(sys, "cgcreate", "-g", ":v/w")), [0, "", ""]);
		assert.ok(exists(sys, `${R}/unified/v/w`));
		assert.equal(read(sys, `${R}/unified/cgroup.subtree_control`), "");
	});

	it("on cgroup v2 enables the controller in each parent on the way", () => {
		const sys = cgSystem({ layout: "v2" });
		sh(sys, `echo -pids > ${R}/cgroup.subtree_control`);
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "pids:a")), [0, "", ""]);
		assert.equal(read(sys, `${R}/cgroup.subtree_control`), "cpuset cpu io memory hugetlb pids\n");
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "pids,cpu:a/b/c")), [0, "", ""]);
		// The root's subtree_control is only written for a first-level group.
		assert.equal(read(sys, `${R}/a/cgroup.subtree_control`), "cpu pids\n");
		assert.equal(read(sys, `${R}/a/b/cgroup.subtree_control`), "cpu pids\n");
		assert.equal(read(sys, `${R}/a/b/c/cgroup.controllers`), "cpu pids\n");
	});

	it("undoes the directories made when a controller fails, not the parents", () => {
		const sys = cgSystem();
		// hugetlb is not enabled in the cgroup2 root's subtree_control: "+hugetlb" in x fails with ENOENT.
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "cpu,hugetlb:x/a")), [
			96,
			"Error: Failed to delete x/a: No such file or directory\n",
			"/usr/bin/cgcreate: can't create cgroup x/a: No such file or directory\n",
		]);
		assert.equal(exists(sys, `${R}/cpu/x/a`), false);
		assert.ok(exists(sys, `${R}/cpu/x`));
		assert.ok(exists(sys, `${R}/unified/x`));
	});

	it("as a user: refused where it may not create, allowed in a delegated group", () => {
		const sys = cgSystem();
		assert.deepEqual(out(runAs(sys, 65534, "cgcreate", "-g", "cpu:u")), [
			87,
			"Error: Failed to delete u: No such file or directory\n",
			"/usr/bin/cgcreate: can't create cgroup u: Cgroup, operation not allowed\n",
		]);
		assert.deepEqual(out(run(sys, "cgcreate", "-a", "nobody:nogroup", "-g", "cpu:d")), [0, "", ""]);
		assert.deepEqual(out(runAs(sys, 65534, "cgcreate", "-g", "cpu:d/b/c", "-g", "cpu:d/e")), [
			0,
			"",
			"",
		]);
		assert.equal(owner(sys, `${R}/cpu/d/b/c/tasks`), "644 65534 65534");
		// Giving the tasks file to root is not the user's to do: the group is removed again.
		assert.deepEqual(out(runAs(sys, 65534, "cgcreate", "-t", "root", "-g", "cpu:d/g")), [
			96,
			"Error: Failed to delete d/g: Permission denied\n",
			"/usr/bin/cgcreate: can't create cgroup d/g: Permission denied\n",
		]);
		assert.ok(exists(sys, `${R}/cpu/d/g`));
	});

	it("puts groups under systemd's default cgroup when /var/run/libcgroup/systemd names one, unless -b", () => {
		const sys = cgSystem();
		sh(
			sys,
			`mkdir -p /var/run/libcgroup ${R}/unified/cgkit.slice/t.scope && printf cgkit.slice/t.scope > /var/run/libcgroup/systemd`,
		);
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "cpu:x", "-g", "cpu:/z")), [0, "", ""]);
		assert.deepEqual(out(run(sys, "cgcreate", "-b", "-g", "cpu:y")), [0, "", ""]);
		assert.deepEqual(
			["cgkit.slice/t.scope/x", "x", "z", "y", "cgkit.slice/t.scope/y"].map((p) =>
				exists(sys, `${R}/cpu/${p}`),
			),
			[true, false, true, true, false],
		);
		assert.deepEqual(out(run(sys, "cgget", "-r", "cpu.shares", "x")), [
			0,
			"x:\ncpu.shares: 1024\n\n",
			"",
		]);
		assert.deepEqual(out(run(sys, "cgget", "-r", "cpu.shares", "y")), [
			96,
			"",
			"variable file read failed No such file or directory\n",
		]);
		assert.deepEqual(out(run(sys, "cgget", "-b", "-n", "-r", "cpu.shares", "y")), [
			0,
			"cpu.shares: 1024\n",
			"",
		]);
		assert.ok(run(sys, "cgget", "-g", "cpu", "/z").stdout.startsWith("/z:\ncpu.cfs_burst_us: 0\n"));
		assert.deepEqual(out(run(sys, "cgdelete", "cpu:x")), [0, "", ""]);
		assert.equal(exists(sys, `${R}/cpu/cgkit.slice/t.scope/x`), false);
	});

	it("'*' on cgroup v2 takes the controllers of the group's own cgroup.controllers", () => {
		const sys = cgSystem({ layout: "v2" });
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "*:x")), [
			91,
			"",
			"/usr/bin/cgcreate: can't add all controllers\n",
		]);
		assert.equal(exists(sys, `${R}/x`), false);
		run(sys, "cgcreate", "-g", ":x");
		assert.deepEqual(out(run(sys, "cgcreate", "-g", "*:x")), [0, "", ""]);
	});
});
