/**
 * The rules engine (rules.ts and its helpers) on the emulated host:
 * parsing cgrules.conf and cgrules.d with every warning and error,
 * matching (first match wins, "%" continuations, @group, user:process by
 * full path and basename, "*", wildcards, ignore), template expansion and
 * template groups, moving processes, and the procfs readers.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { KernelError } from "../../../src/kernel/errno.ts";
import {
	ECGFAIL,
	ECGOTHER,
	ECGROUPNOTEXIST,
	ECGROUPNOTMOUNTED,
	ECGROUPPARSEFAIL,
} from "../../../src/userland/lib/libcgroup/errors.ts";
import { Libcg } from "../../../src/userland/lib/libcgroup/libcg.ts";
import type { CgDirent, CgOs, CgStat } from "../../../src/userland/lib/libcgroup/os.ts";
import {
	CGRULE_INVALID,
	CGRULE_WILD,
	cgroupChangeAllCgroups,
	cgroupChangeCgroupFlags,
	cgroupChangeCgroupPath,
	cgroupCompareIgnoreRule,
	cgroupCompareWildcardProcname,
	cgroupFindMatchingDestination,
	cgroupFindMatchingRule,
	cgroupInitRulesCache,
	cgroupParseRules,
	cgroupPrintRulesConfig,
	cgroupRegisterUnchangedProcess,
	cgSkipUnusedCharactorsInRule,
	expandDestination,
	rulesOf,
	setCgredClient,
} from "../../../src/userland/lib/libcgroup/rules.ts";
import {
	cgGetCgroupsFromProcCgroups,
	cgroupGetProcnameFromProcfs,
	cgroupGetUidGidFromProcfs,
	posixBasename,
	realpath,
} from "../../../src/userland/lib/libcgroup/rules-procfs.ts";
import {
	getgrgid,
	getgrnam,
	getpwnam,
	getpwuid,
} from "../../../src/userland/lib/libcgroup/rules-userdb.ts";
import { cgroupOf, h3System, libcg, printed, R, read, sh, spawn, write } from "./h3-support.ts";

const WARN = ["CGROUP_LOGLEVEL=WARNING"];

describe("the user and group databases", () => {
	test("getpwnam, getpwuid, getgrnam, getgrgid read /etc/passwd and /etc/group at each call", () => {
		const sys = h3System();
		const lc = libcg(sys);
		assert.deepEqual(getpwnam(lc.os, "alice"), { name: "alice", uid: 1025, gid: 1000 });
		assert.deepEqual(getpwuid(lc.os, 1026), { name: "bob", uid: 1026, gid: 1001 });
		assert.deepEqual(getgrnam(lc.os, "users"), { name: "users", gid: 1001, members: ["carol"] });
		assert.equal(getgrgid(lc.os, 1000)?.name, "staff");
		assert.equal(getpwnam(lc.os, "zed"), null);
		write(sys, "/etc/passwd", "# users\n\nzed:x:7:7::/:/bin/sh\nbad:x:x:7::/:/bin/sh\nshort:x:8\n");
		assert.deepEqual(getpwnam(lc.os, "zed"), { name: "zed", uid: 7, gid: 7 });
		assert.equal(getpwnam(lc.os, "bad"), null);
		assert.equal(getpwnam(lc.os, "short"), null);
		sh(sys, "rm /etc/group");
		assert.equal(getgrnam(lc.os, "users"), null);
	});
});

describe("parsing the rules files", () => {
	test("cg_skip_unused_charactors_in_rule: comments, the newline, leading blanks", () => {
		assert.equal(cgSkipUnusedCharactorsInRule("  \talice cpu x/ # comment\n"), "alice cpu x/ ");
		assert.equal(cgSkipUnusedCharactorsInRule("   # only a comment\n"), null);
		assert.equal(cgSkipUnusedCharactorsInRule("\n"), null);
		assert.equal(cgSkipUnusedCharactorsInRule("\r\n"), "\r");
	});

	test("the cache: users, @groups, user:process, %, *, ignore; unknown entries skipped with their children", () => {
		const sys = h3System();
		write(
			sys,
			"/etc/cgrules.conf",
			"# the rules\n" +
				"alice\t\tcpu,cpuacct\tusers/alice/\n" +
				"@staff\t\tmemory\t\tstaff/\n" +
				"bob:/usr/bin/curl\tcpuset\tcurl/\n" +
				"%\t\tmemory\t\tcurl/\n" +
				"nosuchuser\tcpu\t\tx/\n" +
				"%\t\tcpu\t\ty/\n" +
				"*:sleep*\tfreezer\t\tsleepers/\tignore\n" +
				"  @nogrp cpu g/\n" +
				"\n",
		);
		const lc = libcg(sys, WARN);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.deepEqual(printed(lc), [
			"Warning: Entry for nosuchuser not found. Skipping rule on line 6.\n" +
				"Warning: skipped child of invalid rule, line 7.\n" +
				"Warning: Entry for nogrp not found. Skipping rule on line 9.\n" +
				"Warning: Failed to open directory /etc/cgrules.d: No such file or directory\n",
			"",
		]);
		const rl = rulesOf(lc).rl;
		assert.deepEqual(
			rl.map((r) => [
				r.username,
				r.procname,
				r.uid,
				r.gid,
				r.destination,
				r.controllers,
				r.isIgnore,
			]),
			[
				["alice", null, 1025, CGRULE_INVALID, "users/alice/", ["cpu", "cpuacct"], false],
				["@staff", null, CGRULE_INVALID, 1000, "staff/", ["memory"], false],
				["bob", "/usr/bin/curl", 1026, CGRULE_INVALID, "curl/", ["cpuset"], false],
				["%", null, 1026, CGRULE_INVALID, "curl/", ["memory"], false],
				["*", "sleep*", CGRULE_WILD, CGRULE_WILD, "sleepers/", ["freezer"], true],
			],
		);
		assert.equal(
			cgroupPrintRulesConfig(lc),
			"Rule: alice\n  UID: 1025\n  GID: N/A\n  DEST: users/alice/\n  CONTROLLERS:\n    cpu\n    cpuacct\n" +
				"  OPTIONS:\n    IS_IGNORE: False\n\n" +
				"Rule: @staff\n  UID: N/A\n  GID: 1000\n  DEST: staff/\n  CONTROLLERS:\n    memory\n" +
				"  OPTIONS:\n    IS_IGNORE: False\n\n" +
				"Rule: bob:/usr/bin/curl\n  UID: 1026\n  GID: N/A\n  DEST: curl/\n  CONTROLLERS:\n    cpuset\n" +
				"  OPTIONS:\n    IS_IGNORE: False\n\n" +
				"Rule: %\n  UID: 1026\n  GID: N/A\n  DEST: curl/\n  CONTROLLERS:\n    memory\n" +
				"  OPTIONS:\n    IS_IGNORE: False\n\n" +
				"Rule: *:sleep*\n  UID: any\n  GID: any\n  DEST: sleepers/\n  CONTROLLERS:\n    freezer\n" +
				"  OPTIONS:\n    IS_IGNORE: True\n\n",
		);
	});

	test("an empty rules table prints as such", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "# nothing\n");
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.equal(cgroupPrintRulesConfig(lc), "The rules table is empty.\n\n");
	});

	test("debug output names each rule added", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu,memory a/\n* cpu b/\n");
		sh(sys, "mkdir /etc/cgrules.d");
		const lc = libcg(sys, ["CGROUP_LOGLEVEL=DEBUG"]);
		printed(lc);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.deepEqual(printed(lc), [
			"Parsing configuration file /etc/cgrules.conf.\n" +
				"Added rule alice (UID: 1025, GID: -1) -> a/ for controllers: cpu memory\n" +
				"Added rule * (UID: -2, GID: -2) -> b/ for controllers: cpu\n" +
				"Parsing of configuration file complete.\n\n",
			"",
		]);
	});

	const errors: [string, string, string][] = [
		[
			"fewer than three fields",
			"alice cpu x/\nbob cpu\n",
			"Error: failed to parse configuration file on line 2\n",
		],
		[
			"a blank other than space or tab",
			"\r\n",
			"Error: failed to parse configuration file on line 1\n",
		],
		["an unsupported option", "alice cpu x/ bogus\n", "Error: Unsupported option: bogus\n"],
		["an option after ignore", "alice cpu x/ ignore,bogus\n", "Error: Unsupported option: bogus\n"],
		["an options field of commas", "alice cpu x/ ,,,\n", "Error: failed to parse options: ,,,\n"],
		[
			"a controllers field of commas",
			"alice ,,, x/\n",
			"Error: failed to parse controllers on line 1\n",
		],
		[
			"seventeen controllers",
			`alice ${Array.from({ length: 17 }, (_, i) => `c${i}`).join(",")} x/\n`,
			"Error: too many controllers listed on line 1\n",
		],
	];
	for (const [what, text, message] of errors) {
		test(`a parse error: ${what}`, () => {
			const sys = h3System();
			write(sys, "/etc/cgrules.conf", text);
			const lc = libcg(sys);
			assert.equal(cgroupInitRulesCache(lc), ECGROUPPARSEFAIL);
			assert.deepEqual(printed(lc), [message, ""]);
		});
	}

	test("rules parsed before an error stay in the cache", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu a/\nbob\n");
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), ECGROUPPARSEFAIL);
		assert.deepEqual(
			rulesOf(lc).rl.map((r) => r.destination),
			["a/"],
		);
	});

	test("a missing rules file is a parse failure; a missing cgrules.d is not", () => {
		const sys = h3System();
		const lc = libcg(sys, WARN);
		assert.equal(cgroupInitRulesCache(lc), ECGROUPPARSEFAIL);
		assert.deepEqual(printed(lc), [
			"Warning: failed to open configuration file /etc/cgrules.conf: No such file or directory\n",
			"",
		]);
	});

	test("the files of /etc/cgrules.d follow the main file, regular files and links only", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu main/\n");
		sh(
			sys,
			"mkdir -p /etc/cgrules.d/sub && echo 'bob cpu one/' > /etc/cgrules.d/one && " +
				"echo 'carol cpu two/' > /tmp/two && ln -s /tmp/two /etc/cgrules.d/two && " +
				"echo 'root cpu sub/' > /etc/cgrules.d/sub/x",
		);
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.deepEqual(
			rulesOf(lc)
				.rl.map((r) => r.destination)
				.sort(),
			["main/", "one/", "two/"],
		);
		assert.equal(rulesOf(lc).rl[0]?.destination, "main/");
	});

	test("an error in a file of /etc/cgrules.d stops the parse", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu main/\n");
		sh(sys, "mkdir /etc/cgrules.d && echo 'bob cpu' > /etc/cgrules.d/bad");
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), ECGROUPPARSEFAIL);
		assert.deepEqual(printed(lc), ["Error: failed to parse configuration file on line 1\n", ""]);
	});
});

describe("matching", () => {
	test("the cache: the first rule that matches wins", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpuset first/\n* cpuset second/\nalice cpuset third/\n");
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.equal(cgroupFindMatchingRule(lc, 1025, 1000, 1, "/usr/bin/curl"), 0);
		assert.equal(cgroupFindMatchingRule(lc, 1026, 1001, 1, "/usr/bin/curl"), 1);
	});

	test("the cache: a uid, a primary gid, a group member, no match", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "%\tcpu\tnever/\nbob cpu b/\n@staff cpu s/\n@users cpu u/\n");
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.equal(cgroupFindMatchingRule(lc, 1026, 1001, 1, null), 1);
		assert.equal(cgroupFindMatchingRule(lc, 4000, 1000, 1, null), 2);
		// carol (gid 1002) is listed as a member of users.
		assert.equal(cgroupFindMatchingRule(lc, 1027, 1002, 1, null), 3);
		assert.equal(cgroupFindMatchingRule(lc, 0, 0, 1, null), -1);
	});

	test("the cache: process names by full path, basename and trailing *", () => {
		const sys = h3System();
		write(
			sys,
			"/etc/cgrules.conf",
			"alice:/usr/bin/curl cpuset full/\nalice:wget cpuset base/\nalice:sle* cpuset wild/\nalice cpuset any/\n",
		);
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		const find = (p: string | null) => cgroupFindMatchingRule(lc, 1025, 1000, 1, p);
		assert.equal(find("/usr/bin/curl"), 0);
		assert.equal(find("curl"), 3);
		assert.equal(find("/usr/bin/wget"), 1);
		assert.equal(find("wget"), 1);
		assert.equal(find("sleep"), 2);
		// The wildcard is compared with the whole name only.
		assert.equal(find("/bin/sleep"), 3);
		// Without a name the first rule of the user matches.
		assert.equal(find(null), 0);
	});

	test("non-cache mode: the matching rule and its % children; the parse stops at the next rule", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "bob cpu a/\nalice cpu b/\n% memory c/\n* cpu d/\nbroken\n");
		const lc = libcg(sys);
		assert.equal(cgroupParseRules(lc, false, 1025, 1000, null), -1);
		assert.deepEqual(
			rulesOf(lc).trl.map((r) => [r.username, r.destination]),
			[
				["alice", "b/"],
				["%", "c/"],
			],
		);
		assert.equal(cgroupParseRules(lc, false, 1027, 1002, null), ECGROUPPARSEFAIL);
		assert.deepEqual(printed(lc), ["Error: failed to parse configuration file on line 5\n", ""]);
	});

	test("non-cache mode: names by full path or basename, never by wildcard; a group member", () => {
		const sys = h3System();
		write(
			sys,
			"/etc/cgrules.conf",
			"alice:sle* cpu wild/\nalice:/usr/bin/curl cpu full/\n@users:wget cpu grp/\nalice cpu any/\n",
		);
		const lc = libcg(sys);
		const dest = (uid: number, gid: number, p: string | null) => {
			const ret = cgroupParseRules(lc, false, uid, gid, p);
			return ret === -1 ? rulesOf(lc).trl.map((r) => r.destination) : ret;
		};
		assert.deepEqual(dest(1025, 1000, "sleep"), ["any/"]);
		assert.deepEqual(dest(1025, 1000, "/usr/bin/curl"), ["full/"]);
		assert.deepEqual(dest(1025, 1000, "curl"), ["any/"]);
		assert.deepEqual(dest(1025, 1000, null), ["any/"]);
		assert.deepEqual(dest(1027, 1002, "/usr/bin/wget"), ["grp/"]);
		assert.equal(dest(1027, 1002, "/usr/bin/curl"), 0);
	});

	test("cgroup_compare_wildcard_procname", () => {
		assert.equal(cgroupCompareWildcardProcname("sle*", "sleep"), true);
		assert.equal(cgroupCompareWildcardProcname("sle*", "sle"), true);
		assert.equal(cgroupCompareWildcardProcname("sle*", "sl"), false);
		assert.equal(cgroupCompareWildcardProcname("sleep", "sleep"), false);
		fc.assert(
			fc.property(fc.string(), fc.string(), (prefix, rest) => {
				assert.equal(cgroupCompareWildcardProcname(`${prefix}*`, prefix + rest), true);
				assert.equal(cgroupCompareWildcardProcname(`${prefix}*`, rest), rest.startsWith(prefix));
			}),
		);
	});

	test("cgroup_find_matching_destination, with the C code's shrinking length", () => {
		assert.equal(cgroupFindMatchingDestination(["/", "keep"], "keep/"), 1);
		assert.equal(cgroupFindMatchingDestination(["keep/x"], "keep/"), 0);
		assert.equal(cgroupFindMatchingDestination(["/", "keeper"], "keep/"), 1);
		// The first entry long enough is skipped when it has no "/" where the rule has.
		assert.equal(cgroupFindMatchingDestination(["keeper"], "keep/"), -1);
		assert.equal(cgroupFindMatchingDestination(["a", "b"], "c"), -1);
		assert.equal(cgroupFindMatchingDestination([], "c/"), -1);
	});

	test("an ignore rule: the process already in its destination stays; elsewhere the next rule applies", () => {
		const sys = h3System();
		write(
			sys,
			"/etc/cgrules.conf",
			"alice:/usr/bin/curl cpuset keep/ ignore\nalice cpuset other/\n",
		);
		sh(
			sys,
			`mkdir ${R}/cpuset/keep ${R}/cpuset/other && for d in keep other; do echo 0 > ${R}/cpuset/$d/cpuset.cpus; echo 0 > ${R}/cpuset/$d/cpuset.mems; done`,
		);
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		const rule = rulesOf(lc).rl[0];
		assert.ok(rule !== undefined);
		assert.equal(cgroupCompareIgnoreRule(lc, rule, pid, "/usr/bin/curl"), false);
		assert.equal(cgroupFindMatchingRule(lc, 1025, 1000, pid, "/usr/bin/curl"), 1);
		sh(sys, `echo ${pid} > ${R}/cpuset/keep/tasks`);
		assert.equal(cgroupCompareIgnoreRule(lc, rule, pid, "/usr/bin/curl"), true);
		assert.equal(cgroupCompareIgnoreRule(lc, rule, pid, "/usr/bin/wget"), false);
		assert.equal(cgroupFindMatchingRule(lc, 1025, 1000, pid, "/usr/bin/curl"), 0);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, "/usr/bin/curl", pid, 1), 0);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/keep");
		// Another name does not match the ignore rule: the next rule moves it.
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, "/usr/bin/wget", pid, 1), 0);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/other");
	});
});

describe("template variables", () => {
	test("%u %U %g %G %p %P, names falling back to numbers, \\ escapes, other % kept", () => {
		const sys = h3System();
		const lc = libcg(sys);
		const x = (d: string, uid = 1025, gid = 1000, p: string | null = "/usr/bin/curl") =>
			expandDestination(lc, d, uid, gid, 42, p);
		assert.equal(x("%u/%U/%g/%G/%p/%P"), "alice/1025/staff/1000//usr/bin/curl/42");
		assert.equal(x("%u-%g", 4242, 4343), "4242-4343");
		assert.equal(x("%p", 1025, 1000, null), "42");
		assert.equal(x("a\\%u"), "a%u");
		assert.equal(x("%x%%"), "%x%%");
		assert.equal(x("abc%"), "abc%");
		assert.equal(x("ab\\"), "ab");
		assert.equal(x("%U", 0xffffffff), "-1");
	});

	test("a destination without % or \\ is unchanged", () => {
		const sys = h3System();
		const lc = libcg(sys);
		fc.assert(
			fc.property(
				fc
					.string({ maxLength: 200 })
					.filter((s) => !s.includes("%") && !s.includes("\\") && !s.includes("\0")),
				(d) => {
					assert.equal(expandDestination(lc, d, 1, 2, 3, "p"), d);
				},
			),
			{ numRuns: 200 },
		);
	});

	test("the result is cut at FILENAME_MAX - 2 characters", () => {
		const sys = h3System();
		const lc = libcg(sys);
		assert.equal(expandDestination(lc, "a".repeat(5000), 1, 2, 3, null).length, 4094);
		assert.equal(
			expandDestination(lc, `${"a".repeat(4090)}%U`, 123456, 2, 3, null),
			`${"a".repeat(4090)}123`,
		);
	});
});

describe("moving processes", () => {
	test("the issue at the library level: a v1 cpuset with no CPUs refuses the task; after cpus and mems are set it moves", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice:/usr/bin/curl\tcpuset\tcurlers/\n");
		sh(sys, `mkdir ${R}/cpuset/curlers`);
		assert.equal(read(sys, `${R}/cpuset/curlers/cpuset.cpus`), "\n");
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys, WARN);
		printed(lc);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, "/usr/bin/curl", pid, 0), ECGOTHER);
		assert.deepEqual(printed(lc), [
			`Warning: cannot write tid ${pid} to ${R}/cpuset//curlers/tasks:No space left on device\n` +
				`Warning: cgroup_attach_task_pid failed: ${ECGOTHER}\n` +
				`Warning: failed to apply the rule. Error was: ${ECGOTHER}\n`,
			"",
		]);
		assert.equal(lc.lastErrno?.code, "ENOSPC");
		assert.equal(lc.strerror(ECGOTHER), "No space left on device");
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/");
		sh(sys, `echo 0 > ${R}/cpuset/curlers/cpuset.cpus && echo 0 > ${R}/cpuset/curlers/cpuset.mems`);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, "/usr/bin/curl", pid, 0), 0);
		assert.deepEqual(printed(lc), ["", ""]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/curlers");
	});

	test("a rule and its % continuations move the process in each hierarchy", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu a/\n% memory,pids b/\nbob freezer c/\n");
		sh(sys, `mkdir ${R}/cpu/a ${R}/memory/b ${R}/pids/b ${R}/freezer/c`);
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), 0);
		assert.deepEqual(
			["cpu", "memory", "pids", "freezer"].map((c) => cgroupOf(sys, pid, c)),
			["/a", "/b", "/b", "/"],
		);
	});

	test("* as the controllers: every mounted hierarchy, until a cgroup2 one is not in the parent's subtree_control", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice * all\n");
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		// The hybrid host's cgroup2 mount has hugetlb (not bound to a v1 hierarchy) and the "cgroup" pseudo-controller.
		assert.deepEqual(lc.mountTable.map((m) => m.name).slice(-3), [
			"name=systemd",
			"hugetlb",
			"cgroup",
		]);
		for (const m of lc.mountTable) sh(sys, `mkdir -p ${m.paths[0]}/all`);
		sh(sys, `echo 0 > ${R}/cpuset/all/cpuset.cpus; echo 0 > ${R}/cpuset/all/cpuset.mems`);
		// hugetlb is not in the root's cgroup.subtree_control: the v1 moves are done, then it stops.
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), ECGROUPNOTMOUNTED);
		for (const c of [
			"cpu",
			"cpuacct",
			"cpuset",
			"memory",
			"devices",
			"freezer",
			"blkio",
			"pids",
			"name=systemd",
		]) {
			assert.equal(cgroupOf(sys, pid, c), "/all", c);
		}
		assert.equal(cgroupOf(sys, pid, ""), "/");
		// With hugetlb enabled the process reaches the cgroup2 group; "cgroup" is never in subtree_control.
		sh(sys, `echo +hugetlb > ${R}/unified/cgroup.subtree_control`);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), ECGROUPNOTMOUNTED);
		assert.equal(cgroupOf(sys, pid, ""), "/all");
	});

	test("a missing destination fails with ECGROUPNOTEXIST and the warnings", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu nowhere/\n");
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys, WARN);
		printed(lc);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), ECGROUPNOTEXIST);
		assert.deepEqual(printed(lc), [
			`Warning: cannot write tid ${pid} to ${R}/cpu//nowhere/tasks:No such file or directory\n` +
				`Warning: cgroup_attach_task_pid failed: ${ECGROUPNOTEXIST}\n` +
				`Warning: failed to apply the rule. Error was: ${ECGROUPNOTEXIST}\n`,
			"",
		]);
	});

	test("no matching rule: nothing moves; no rules file: the parse error", () => {
		const sys = h3System();
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		printed(lc);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), ECGROUPPARSEFAIL);
		assert.deepEqual(printed(lc), ["Error: failed to parse the configuration rules\n", ""]);
		write(sys, "/etc/cgrules.conf", "bob cpu b/\n");
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), 0);
		assert.deepEqual(printed(lc), ["", ""]);
	});

	test("an uninitialized library refuses", () => {
		const sys = h3System();
		const lc = libcg(sys, WARN);
		const fresh = new Libcg(lc.os);
		fresh.setDefaultLogger(-1);
		assert.equal(cgroupChangeCgroupFlags(fresh, 0, 0, null, 1, 0), 50014);
		assert.equal(cgroupChangeCgroupPath(fresh, "x", 1, ["cpu"]), 50014);
		assert.deepEqual(printed(fresh), [
			"Warning: libcgroup is not initialized\nWarning: libcgroup is not initialized\n",
			"",
		]);
	});

	test("the cache is loaded when empty (with a warning)", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu a/\n");
		sh(sys, `mkdir ${R}/cpu/a /etc/cgrules.d`);
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys, WARN);
		printed(lc);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 1), 0);
		assert.deepEqual(printed(lc), [
			"Warning: no cached rules found, trying to reload from /etc/cgrules.conf.\n",
			"",
		]);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/a");
	});

	test("cgroup_change_all_cgroups classifies every process by the cache", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu a/\nbob cpu b/\n");
		sh(sys, `mkdir ${R}/cpu/a ${R}/cpu/b /etc/cgrules.d`);
		const p1 = spawn(sys, 1025, 1000);
		const p2 = spawn(sys, 1026, 1001);
		const p3 = spawn(sys, 1027, 1002);
		const lc = libcg(sys);
		assert.equal(cgroupInitRulesCache(lc), 0);
		assert.equal(cgroupChangeAllCgroups(lc), 0);
		assert.deepEqual(
			[p1, p2, p3, 1].map((p) => cgroupOf(sys, p, "cpu")),
			["/a", "/b", "/", "/"],
		);
	});

	test("cgroup_change_cgroup_path with no controllers on the hybrid host uses the cgroup2 mount", () => {
		const sys = h3System();
		sh(sys, `mkdir ${R}/unified/u`);
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		assert.equal(cgroupChangeCgroupPath(lc, "u", pid, []), 0);
		assert.equal(cgroupOf(sys, pid, ""), "/u");
		assert.equal(cgroupChangeCgroupPath(lc, "u", pid, null), 50011);
	});
});

describe("template groups", () => {
	test("a destination with %u creates the prefix group plainly and the user's group from the template", () => {
		const sys = h3System();
		write(
			sys,
			"/etc/cgconfig.conf",
			"template users/%u {\n\tcpu {\n\t\tcpu.shares = 512;\n\t}\n}\n",
		);
		write(sys, "/etc/cgrules.conf", "alice cpu users/%u/\n");
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys, WARN);
		printed(lc);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), 0);
		// Each group is created with its owner set: cg_chown_recursive() ends with this warning.
		assert.deepEqual(printed(lc), ["Warning: fts_read failed\nWarning: fts_read failed\n", ""]);
		assert.equal(read(sys, `${R}/cpu/users/alice/cpu.shares`), "512\n");
		assert.equal(read(sys, `${R}/cpu/users/cpu.shares`), "1024\n");
		assert.equal(cgroupOf(sys, pid, "cpu"), "/users/alice");
		// Existing groups are left as they are.
		sh(sys, `echo 100 > ${R}/cpu/users/alice/cpu.shares`);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), 0);
		assert.equal(read(sys, `${R}/cpu/users/alice/cpu.shares`), "100\n");
	});

	test("a template level without a template is created bare; %p and %g levels", () => {
		const sys = h3System();
		write(sys, "/etc/cgconfig.conf", "# no templates\n");
		write(sys, "/etc/cgrules.conf", "* memory %g/%p\n");
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, "curl", pid, 0), 0);
		assert.equal(cgroupOf(sys, pid, "memory"), "/staff/curl");
	});

	test("without /etc/cgconfig.conf the template group fails", () => {
		const sys = h3System();
		write(sys, "/etc/cgrules.conf", "alice cpu users/%u/\n");
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys, WARN);
		printed(lc);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, pid, 0), ECGOTHER);
		assert.deepEqual(printed(lc), [
			"Warning: fts_read failed\n" +
				"Error: failed to open file /etc/cgconfig.conf\n" +
				"Warning: failed to create cgroup based on template users/alice/\n",
			"",
		]);
		assert.equal(lc.lastErrno?.code, "ENOENT");
	});

	test("a controller listed twice cannot be added: ECGFAIL", () => {
		const sys = h3System();
		write(sys, "/etc/cgconfig.conf", "");
		write(sys, "/etc/cgrules.conf", "alice cpu,cpu t/%U\n");
		const lc = libcg(sys);
		assert.equal(cgroupChangeCgroupFlags(lc, 1025, 1000, null, 1, 0), ECGFAIL);
	});
});

describe("the sticky registration", () => {
	test("without a daemon it succeeds; a client's answer is passed on", () => {
		const sys = h3System();
		const lc = libcg(sys);
		assert.equal(cgroupRegisterUnchangedProcess(lc, 5, 1), 0);
		const calls: [number, number][] = [];
		setCgredClient(lc, {
			registerUnchanged(pid, flags) {
				calls.push([pid, flags]);
				return 1;
			},
		});
		assert.equal(cgroupRegisterUnchangedProcess(lc, 7, 2), 1);
		assert.deepEqual(calls, [[7, 2]]);
	});
});

describe("procfs", () => {
	test("ids and cgroups of a process", () => {
		const sys = h3System();
		const pid = spawn(sys, 1025, 1000);
		sh(sys, `mkdir ${R}/cpu/a && echo ${pid} > ${R}/cpu/a/tasks`);
		const lc = libcg(sys);
		assert.deepEqual(cgroupGetUidGidFromProcfs(lc, pid), [0, 1025, 1000]);
		assert.deepEqual(cgroupGetUidGidFromProcfs(lc, 99999), [ECGROUPNOTEXIST, 0, 0]);
		const pc = cgGetCgroupsFromProcCgroups(lc, pid);
		assert.equal(pc.ret, 0);
		assert.deepEqual(pc.controllers, [
			"name=systemd",
			"pids",
			"blkio",
			"freezer",
			"devices",
			"memory",
			"cpuset",
			"cpuacct",
			"cpu",
		]);
		assert.deepEqual(pc.cgroups, ["/", "/", "/", "/", "/", "/", "/", "/", "a"]);
		assert.equal(cgGetCgroupsFromProcCgroups(lc, 99999).ret, ECGROUPNOTEXIST);
	});

	test("the process name: the executable's path when /proc/PID/exe exists, else the status name", () => {
		const sys = h3System();
		const pid = spawn(sys, 1025, 1000);
		const lc = libcg(sys);
		assert.deepEqual(cgroupGetProcnameFromProcfs(lc, pid), [0, "/usr/bin/curl"]);
		assert.deepEqual(cgroupGetProcnameFromProcfs(lc, 99999), [ECGROUPNOTEXIST, null]);
	});

	test("posix basename", () => {
		assert.equal(posixBasename("/usr/bin/curl"), "curl");
		assert.equal(posixBasename("curl/"), "curl");
		assert.equal(posixBasename("///"), "/");
		assert.equal(posixBasename(""), ".");
	});
});

/** An in-memory CgOs for the procfs readers: files, symlinks and directories. */
class FakeOs implements CgOs {
	out = "";
	constructor(
		readonly files: Record<string, string>,
		readonly links: Record<string, string>,
		readonly dirs: readonly string[],
	) {}
	readFile(path: string): string {
		const f = this.files[path];
		if (f === undefined) throw new KernelError("ENOENT");
		return f;
	}
	readlink(path: string): string {
		const l = this.links[path];
		if (l === undefined) throw new KernelError("ENOENT");
		return l;
	}
	lstat(path: string): CgStat {
		const type =
			this.links[path] !== undefined
				? "link"
				: this.files[path] !== undefined
					? "file"
					: this.dirs.includes(path)
						? "dir"
						: null;
		if (type === null) throw new KernelError("ENOENT");
		return { type, perm: 0o755, uid: 0, gid: 0 };
	}
	stat(path: string): CgStat {
		return this.lstat(path);
	}
	writeFile(): void {
		throw new KernelError("EROFS");
	}
	createFile(): void {
		throw new KernelError("EROFS");
	}
	mkdir(): void {
		throw new KernelError("EROFS");
	}
	rmdir(): void {
		throw new KernelError("EROFS");
	}
	unlink(): void {
		throw new KernelError("EROFS");
	}
	readdir(): CgDirent[] {
		throw new KernelError("ENOTDIR");
	}
	chown(): void {}
	chmod(): void {}
	statfsType(): number {
		return 0;
	}
	umask(): number {
		return 0o22;
	}
	getpid(): number {
		return 1;
	}
	getuid(): number {
		return 0;
	}
	geteuid(): number {
		return 0;
	}
	getgid(): number {
		return 0;
	}
	getegid(): number {
		return 0;
	}
	env(): string | undefined {
		return undefined;
	}
	stdout(text: string): void {
		this.out += text;
	}
	stderr(): void {}
}

const STATUS = (name: string) =>
	`Name:\t${name}\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n`;

describe("the process name rules match (cgroup_get_procname_from_procfs)", () => {
	test("a script run by an interpreter: its path from cmdline, made absolute with cwd and realpath", () => {
		const os = new FakeOs(
			{
				"/proc/9/status": STATUS("myscript.py"),
				"/proc/9/cmdline": "python3\0./sub/../myscript.py\0-v\0",
				"/home/x/myscript.py": "",
				"/usr/bin/python3.11": "",
			},
			{ "/proc/9/exe": "/usr/bin/python3.11", "/proc/9/cwd": "/home/x" },
			["/home", "/home/x", "/home/x/sub"],
		);
		assert.deepEqual(cgroupGetProcnameFromProcfs(new Libcg(os), 9), [0, "/home/x/myscript.py"]);
	});

	test("an absolute script path is taken as it is", () => {
		const os = new FakeOs(
			{ "/proc/9/status": STATUS("run.sh"), "/proc/9/cmdline": "/bin/sh\0/opt/run.sh\0" },
			{ "/proc/9/exe": "/usr/bin/dash", "/proc/9/cwd": "/" },
			[],
		);
		assert.deepEqual(cgroupGetProcnameFromProcfs(new Libcg(os), 9), [0, "/opt/run.sh"]);
	});

	test("a name longer than 15 characters matches the exe by its first 15", () => {
		const os = new FakeOs(
			{ "/proc/9/status": STATUS("averyveryverylo") },
			{ "/proc/9/exe": "/opt/averyveryverylongname" },
			[],
		);
		assert.deepEqual(cgroupGetProcnameFromProcfs(new Libcg(os), 9), [
			0,
			"/opt/averyveryverylongname",
		]);
	});

	test("a program run through a symlink: the exe path when the cmdline name does not resolve", () => {
		const os = new FakeOs(
			{ "/proc/9/status": STATUS("vi"), "/proc/9/cmdline": "vi\0notes\0" },
			{ "/proc/9/exe": "/usr/bin/vim.basic", "/proc/9/cwd": "/tmp" },
			["/tmp"],
		);
		const lc = new Libcg(os);
		assert.deepEqual(cgroupGetProcnameFromProcfs(lc, 9), [0, "/usr/bin/vim.basic"]);
		assert.equal(lc.lastErrno?.code, "ENOENT");
	});

	test("a kernel thread (no exe): the status name", () => {
		const os = new FakeOs({ "/proc/2/status": STATUS("kthreadd") }, {}, []);
		assert.deepEqual(cgroupGetProcnameFromProcfs(new Libcg(os), 2), [0, "kthreadd"]);
	});

	test("a status file without Name:, Uid: or Gid:", () => {
		const os = new FakeOs({ "/proc/3/status": "State:\tS\nUid:\t1\t2\t3\t4\n" }, {}, []);
		const lc = new Libcg(os);
		lc.setDefaultLogger(2);
		assert.deepEqual(cgroupGetProcnameFromProcfs(lc, 3), [ECGFAIL, null]);
		assert.deepEqual(cgroupGetUidGidFromProcfs(lc, 3), [ECGFAIL, 0, 0]);
		assert.equal(os.out, "Warning: invalid file format of /proc/3/status\n");
	});

	test("realpath: links, . and .., missing files, loops", () => {
		const os = new FakeOs({ "/a/f": "" }, { "/a/l": "f", "/a/abs": "/a/l", "/loop": "/loop" }, [
			"/a",
		]);
		assert.equal(realpath(os, "/a/./abs"), "/a/f");
		assert.equal(realpath(os, "/a/../a/l"), "/a/f");
		assert.throws(() => realpath(os, "/a/none"), { code: "ENOENT" });
		assert.throws(() => realpath(os, "/loop"), { code: "ELOOP" });
		assert.throws(() => realpath(os, "/a/f/x"), { code: "ENOTDIR" });
	});
});

describe("the rules as parsed, for any rules file", () => {
	test("each valid line becomes one rule with its fields, in order", () => {
		const sys = h3System();
		const lc = libcg(sys);
		const user = fc.constantFrom("alice", "bob", "*", "@staff", "%");
		const word = fc.stringMatching(/^[a-z0-9/_.-]{1,12}$/);
		const line = fc.record({
			user,
			proc: fc.option(word, { nil: null }),
			ctrls: fc.uniqueArray(fc.constantFrom("cpu", "memory", "pids", "cpuset"), {
				minLength: 1,
				maxLength: 4,
			}),
			dest: word,
			ignore: fc.boolean(),
			blank: fc.constantFrom(" ", "\t", "  \t"),
		});
		fc.assert(
			fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
				const text = lines
					.map(
						(l) =>
							`${l.user}${l.proc === null ? "" : `:${l.proc}`}${l.blank}${l.ctrls.join(",")}${l.blank}${l.dest}` +
							`${l.ignore ? " ignore" : ""} # c\n`,
					)
					.join("");
				write(sys, "/etc/cgrules.conf", text);
				assert.equal(cgroupInitRulesCache(lc), 0);
				assert.deepEqual(
					rulesOf(lc).rl.map((r) => [
						r.username,
						r.procname,
						r.controllers,
						r.destination,
						r.isIgnore,
					]),
					lines.map((l) => [l.user, l.proc, l.ctrls, l.dest, l.ignore]),
				);
			}),
			{ numRuns: 60 },
		);
	});
});
