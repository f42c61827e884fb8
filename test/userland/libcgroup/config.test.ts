/**
 * cgconfig.conf at the library level (config.ts, config-parse.ts,
 * config-convert.ts): the scanner and grammar with their exact
 * diagnostics (checked against libcgroup 3.1.0's cgconfigparser), the
 * scanner state one parse leaves to the next, loading (mount, namespace,
 * systemd, default, groups, v1/v2 conversion), unloading and templates.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { EmulatedCgOs } from "../../../src/userland/bin/libcgroup-os.ts";
import {
	cgroupAddController,
	cgroupNewCgroup,
} from "../../../src/userland/lib/libcgroup/cgroup.ts";
import {
	CONFIG_TEMPLATES,
	cachedTemplates,
	cgroupConfigCreateTemplateGroup,
	cgroupConfigLoadConfig,
	cgroupConfigSetDefault,
	cgroupConfigUnloadConfig,
	cgroupInitTemplatesCache,
	cgroupLoadTemplatesCacheFromFiles,
	cgroupTemplatesCacheSetSourceFiles,
	MountConfEntry,
	mountCapability,
} from "../../../src/userland/lib/libcgroup/config.ts";
import {
	type ConfigActions,
	ScannerState,
	yyparse,
} from "../../../src/userland/lib/libcgroup/config-parse.ts";
import {
	ECGCONFIGPARSEFAIL,
	ECGINVAL,
	ECGMOUNTFAIL,
	ECGMOUNTNAMESPACE,
	ECGNAMESPACECONTROLLER,
	ECGNAMESPACEPATHS,
	ECGOTHER,
	ECGROUPPARSEFAIL,
} from "../../../src/userland/lib/libcgroup/errors.ts";
import { Libcg } from "../../../src/userland/lib/libcgroup/libcg.ts";
import { CGFLAG_USE_TEMPLATE_CACHE } from "../../../src/userland/lib/libcgroup/rules.ts";
import { Sys } from "../../../src/userland/proc/sys.ts";
import {
	exists,
	h4System,
	libcg,
	type MountingCgOs,
	mkdir,
	owner,
	printed,
	R,
	read,
	sh,
	write,
} from "./h4-support.ts";

/** Load `conf` from /tmp/t.conf: [code, stdout, stderr]. */
function load(lc: Libcg, conf: string, path = "/tmp/t.conf"): [number, string, string] {
	const s = (lc.os as MountingCgOs).sys.system;
	s.vfs.writeFile(s.kernel.init, path, conf);
	const ret = cgroupConfigLoadConfig(lc, path);
	return [ret, ...printed(lc)];
}

/** A parse-only run of the grammar with recording actions: [code, stderr, calls]. */
function parse(conf: string, st = new ScannerState()): [number, string, string[]] {
	const calls: string[] = [];
	const ok = (what: string) => {
		calls.push(what);
		return 1;
	};
	const actions: ConfigActions = {
		insertCgroup: (n, k) => ok(`insert ${k} ${n}`),
		parseControllerOptions: (c, v, k) =>
			ok(
				`ctrl ${k} ${c}${v === null ? "" : ` ${v.items.map((i) => `${i.name}=${i.value}`).join(",")}`}`,
			),
		groupTaskPerm: (n, v, k) => ok(`task ${k} ${n}=${v}`),
		groupAdminPerm: (n, v, k) => ok(`admin ${k} ${n}=${v}`),
		defineDefault: () => {
			calls.push("default");
		},
		insertIntoMountTable: (n, p) => ok(`mount ${n}=${p}`),
		cleanupMountTable: () => {
			calls.push("cleanup mount");
		},
		insertIntoNamespaceTable: (n, p) => ok(`ns ${n}=${p}`),
		cleanupNamespaceTable: () => {
			calls.push("cleanup ns");
		},
		allocSystemdOpts: (n, v) => ok(`systemd+ ${n}=${v}`),
		addSystemdOpts: (n, v) => ok(`systemd ${n}=${v}`),
		cleanupSystemdOpts: () => {
			calls.push("cleanup systemd");
		},
	};
	let err = "";
	const ret = yyparse(st, conf, actions, (t) => {
		err += t;
	});
	return [ret, err, calls];
}

describe("scanner and grammar", () => {
	test("every section, quoted strings, comments, actions in bottom-up order", () => {
		const conf = [
			"# comment",
			"  \t# indented comment",
			"*star comment",
			'mount { cpu = /a; "name=x" = /b; }',
			"namespace { cpu = /ns; }",
			"default { perm { admin { uid = root; } task { gid = 0; } } }",
			'group default { perm { task { uid = a; fperm = 600; } admin { dperm = 755; } } cpu { cpu.shares = "512"; } "memory" { } }',
			"template t/%u { cpuset { cpuset.cpus = 0-1,3; } }",
			"systemd { slice = a.slice; scope = b.scope; }",
			"",
		].join("\n");
		const [ret, err, calls] = parse(conf);
		assert.equal(err, "");
		assert.equal(ret, 0);
		assert.deepEqual(calls, [
			"mount cpu=/a",
			"mount name=x=/b",
			"ns cpu=/ns",
			"admin cgroup uid=root",
			"task cgroup gid=0",
			"default",
			"task cgroup uid=a",
			"task cgroup fperm=600",
			"admin cgroup dperm=755",
			"ctrl cgroup cpu cpu.shares=512",
			"ctrl cgroup memory",
			"insert cgroup default",
			"ctrl template cpuset cpuset.cpus=0-1,3",
			"insert template t/%u",
			"systemd+ slice=a.slice",
			"systemd scope=b.scope",
		]);
	});

	/** Syntax errors as libcgroup 3.1.0 reports them (each checked with the reference build). */
	const errors: [string, string][] = [
		["group x {", "error at line number 1 at :syntax error\n"],
		["group x {\n", "error at line number 2 at :syntax error\n"],
		["\n  # c\ngroup x { cpu { a = b; } # x\n}", "error at line number 3 at #:syntax error\n"],
		[
			'*comment\n group x {\n cpu {\n a=b;\n c = "d\ne";\n }\n}\nfoo',
			"error at line number 8 at foo:syntax error\n",
		],
		["group x {\r\n", "error at line number 1 at \r:syntax error\n"],
		["group x { cpu { a = task; } }", "error at line number 1 at task:syntax error\n"],
		["group x { perm { task { uid = root; } } }", "error at line number 1 at }:syntax error\n"],
		[
			"group x { cpu { } perm { task { uid = root; } admin { uid = root; } } }",
			"error at line number 1 at perm:syntax error\n",
		],
		["group x { }", "error at line number 1 at }:syntax error\n"],
		['group "x" { "cpu" { a = b; } } group', "error at line number 1 at :syntax error\n"],
		['"unterminated', 'error at line number 1 at ":syntax error\n'],
		["mount cpu\n", "error at line number 1 at cpu:syntax error\n"],
		["group x { \0 }", "error at line number 1 at :syntax error\n"],
		["template default { cpu { } }", "error at line number 1 at default:syntax error\n"],
		["mount { }", "error at line number 1 at }:syntax error\n"],
		["group x { cpu { a: = b; } }", "error at line number 1 at ::syntax error\n"],
	];
	for (const [conf, want] of errors) {
		test(`syntax error: ${JSON.stringify(conf)}`, () => {
			const [ret, err] = parse(conf);
			assert.equal(ret, 1);
			assert.equal(err, want);
		});
	}

	test("a NUL or a byte from 0x80 is the end of input to bison", () => {
		assert.deepEqual(parse("\xc3"), [0, "", []]);
		const st = new ScannerState();
		const [ret, , calls] = parse("mount { a = b; } \xc3 garbage", st);
		assert.equal(ret, 0);
		assert.deepEqual(calls, ["mount a=b"]);
		// flex still holds what followed: the next parse reads it first.
		assert.equal(st.pending, " garbage");
		assert.deepEqual(parse("", st), [1, "error at line number 1 at garbage:syntax error\n", []]);
	});

	test("the line counter and an interrupted parse's unread text carry over to the next parse", () => {
		const bad1 = "\n\ngroup x {\n  cpu {\n   a = b\n  }\n}\n";
		const st = new ScannerState();
		assert.deepEqual(parse("# empty\n\n", st), [0, "", []]);
		assert.deepEqual(parse(bad1, st), [1, "error at line number 8 at }:syntax error\n", []]);
		// The rest of bad1 ("\n}\n") comes before the next file's text.
		assert.deepEqual(parse("# empty\n\n", st), [
			1,
			"error at line number 9 at }:syntax error\n",
			[],
		]);
		assert.deepEqual(parse("group y { cpu { } }", st), [
			0,
			"",
			["ctrl cgroup cpu", "insert cgroup y"],
		]);
	});

	test("property: any text either parses or fails with one yyerror line; a parse resumes after a complete one", () => {
		const alphabet = fc.constantFrom(
			...'group mount perm task admin default template namespace systemd { } = ; x "a b" # \n*'.split(
				" ",
			),
		);
		fc.assert(
			fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
				const text = parts.join(" ");
				const [ret, err] = parse(text);
				if (ret === 0) assert.equal(err, "");
				else {
					assert.equal(ret, 1);
					assert.match(err, /^error at line number \d+ at [\s\S]*:syntax error\n$/);
				}
				// After a clean parse the state is fresh apart from the line counter.
				const st = new ScannerState();
				if (parse(text, st)[0] === 0) assert.equal(st.pending, "");
			}),
			{ numRuns: 300 },
		);
	});
});

describe("cgroup_config_load_config", () => {
	test("a file that cannot be opened; a directory fails in flex and breaks the scanner for good", () => {
		const s = h4System();
		const lc = libcg(s);
		assert.deepEqual(load(lc, "", "/tmp/ok.conf"), [0, "", ""]);
		assert.equal(cgroupConfigLoadConfig(lc, "/nonexist"), ECGOTHER);
		assert.deepEqual(printed(lc), ["Error: failed to open file /nonexist\n", ""]);
		assert.equal(lc.strerror(ECGOTHER), "No such file or directory");
		mkdir(s, "/tmp/d");
		assert.equal(cgroupConfigLoadConfig(lc, "/tmp/d"), ECGCONFIGPARSEFAIL);
		assert.deepEqual(printed(lc), [
			"Error: failed to parse file /tmp/d\n",
			"input in flex scanner failed\n",
		]);
		assert.deepEqual(load(lc, ""), [
			ECGCONFIGPARSEFAIL,
			"Error: failed to parse file /tmp/t.conf\n",
			"fatal flex scanner internal error--end of buffer missed\n",
		]);
	});

	test("groups with perm, controllers and values; owners and modes applied", () => {
		const s = h4System();
		const lc = libcg(s);
		const conf = `group g {
  perm {
    task { uid = nobody; gid = root; fperm = 660; }
    admin { uid = root; gid = nogroup; dperm = 750; fperm = 640; }
  }
  cpu { cpu.shares = 512; }
  memory { memory.limit_in_bytes = 64M; }
}
group g/sub { cpu { } }
`;
		assert.deepEqual(load(lc, conf), [0, "", ""]);
		assert.equal(owner(s, `${R}/cpu/g`), "750 0 65534");
		assert.equal(owner(s, `${R}/memory/g/tasks`), "660 65534 0");
		assert.equal(owner(s, `${R}/memory/g/memory.limit_in_bytes`), "640 0 65534");
		assert.equal(owner(s, `${R}/cpu/g/sub`), "755 0 0");
		assert.equal(read(s, `${R}/cpu/g/cpu.shares`), "512\n");
		assert.equal(read(s, `${R}/memory/g/memory.limit_in_bytes`), "67108864\n");
	});

	test("parser callbacks that fail: duplicate value, unmounted controller, uid 0, bad fperm, unknown user", () => {
		const fail = (conf: string) => {
			const lc = libcg(h4System());
			assert.deepEqual(load(lc, `${conf}\n`), [
				ECGCONFIGPARSEFAIL,
				"Error: failed to parse file /tmp/t.conf\n",
				"parsing failed at line number 1\n",
			]);
		};
		fail("group x { cpu { a = b; a = c; } }");
		fail("group x { net_cls { } }");
		fail("group x { perm { task { uid = 0; } admin { uid = root; } } cpu { } }");
		fail("group x { perm { task { fperm = 8; } admin { uid = root; } } cpu { } }");
		fail("group x { perm { task { uid = nosuchuser; } admin { uid = root; } } cpu { } }");
	});

	test("unknown perm keys are ignored (cgsnapshot's tuid/tgid); a failed action leaves the rest of its file to the next parse", () => {
		const s = h4System();
		const lc = libcg(s);
		assert.deepEqual(
			load(lc, "group y { perm { task { tuid = nobody; } admin { uid = 65534; } } cpu { } }\n"),
			[0, "", ""],
		);
		assert.equal(owner(s, `${R}/cpu/y/tasks`), "644 0 0");
		assert.equal(owner(s, `${R}/cpu/y`), "755 65534 0");
		assert.deepEqual(load(lc, "group x { cpu { a = b; a = c; } }\n"), [
			ECGCONFIGPARSEFAIL,
			"Error: failed to parse file /tmp/t.conf\n",
			"parsing failed at line number 2\n",
		]);
		assert.deepEqual(load(lc, "group z { cpu { } }\n"), [
			ECGCONFIGPARSEFAIL,
			"Error: failed to parse file /tmp/t.conf\n",
			"error at line number 2 at }:syntax error\n",
		]);
		assert.ok(!exists(s, `${R}/cpu/x`));
		assert.ok(!exists(s, `${R}/cpu/z`));
	});

	test("the default section and cgroup_config_set_default()", () => {
		const s = h4System();
		const lc = libcg(s);
		const d = cgroupNewCgroup("default");
		d.tasksUid = 0;
		d.tasksGid = 0;
		d.controlFperm = 0o600;
		assert.equal(cgroupConfigSetDefault(lc, d), 0);
		assert.equal(cgroupConfigSetDefault(lc, null), ECGINVAL);
		// The section replaces every default, so fperm 600 is gone.
		const conf =
			"default { perm { task { uid = nobody; } admin { gid = nogroup; dperm = 711; } } }\ngroup g { cpu { } }\n";
		assert.deepEqual(load(lc, conf), [0, "", ""]);
		assert.equal(owner(s, `${R}/cpu/g`), "711 0 65534");
		assert.equal(owner(s, `${R}/cpu/g/tasks`), "644 65534 0");
		assert.equal(owner(s, `${R}/cpu/g/cpu.shares`), "644 0 65534");
		// ... and stays for the next file, since cgroup_config_set_default() was called.
		assert.deepEqual(load(lc, "group h { cpu { } }\n"), [0, "", ""]);
		assert.equal(owner(s, `${R}/cpu/h`), "711 0 65534");
	});

	test("a group that cannot be created is converted to the other version, else everything is removed again", () => {
		const s = h4System();
		const lc = libcg(s);
		assert.deepEqual(load(lc, 'group c { cpu { cpu.weight = 50; cpu.max = "50000 100000"; } }\n'), [
			0,
			"",
			"",
		]);
		assert.equal(read(s, `${R}/cpu/c/cpu.shares`), "512\n");
		assert.equal(read(s, `${R}/cpu/c/cpu.cfs_quota_us`), "50000\n");
		assert.equal(read(s, `${R}/cpu/c/cpu.cfs_period_us`), "100000\n");
		assert.deepEqual(
			load(lc, "group p { cpu { cpu.shares = 512; } }\ngroup p/a { cpu { cpu.shares = abc; } }\n"),
			[ECGINVAL, "Error: Conversion of controller failed.\n", ""],
		);
		assert.ok(!exists(s, `${R}/cpu/p`));
		assert.deepEqual(load(lc, "group q { cpu { cpu.nonexist = 5; } }\n"), [
			ECGINVAL,
			"Error: Conversion of controller failed.\n",
			"",
		]);
	});

	test("v1 settings on a cgroup v2 hierarchy; a second controller's retry removes the first's settings", () => {
		const s = h4System({ layout: "v2" });
		const lc = libcg(s);
		sh(s, `echo +cpu +cpuset > ${R}/cgroup.subtree_control`);
		assert.deepEqual(
			load(
				lc,
				"group v { cpu { cpu.shares = 2048; cpu.cfs_quota_us = 50000; cpu.cfs_period_us = 100000; } }\n",
			),
			[0, "", ""],
		);
		assert.equal(read(s, `${R}/v/cpu.weight`), "200\n");
		assert.equal(read(s, `${R}/v/cpu.max`), "50000 100000\n");
		// Each controller is retried alone; on v2 the failed try of cpuset deletes the one directory.
		assert.deepEqual(
			load(lc, "group w { cpu { cpu.shares = 2048; } cpuset { cpuset.cpu_exclusive = 0; } }\n"),
			[0, "", ""],
		);
		assert.equal(read(s, `${R}/w/cpu.weight`), "100\n");
		assert.equal(read(s, `${R}/w/cpuset.cpus.partition`), "member\n");
	});

	test("mount section: directories made, controllers merged by mount point, name= only mounted with none", () => {
		const s = h4System();
		const lc = libcg(s);
		const os = lc.os as MountingCgOs;
		assert.ok(mountCapability(os) !== null);
		assert.deepEqual(
			load(
				lc,
				'mount { "name=foo" = /tmp/m/sub; cpu = /tmp/c; cpuacct = /tmp/c; net_cls = /tmp/n; "name=q" = /tmp/n; }\n',
			),
			[0, "", ""],
		);
		assert.deepEqual(os.mounts, [
			"cgroup /tmp/m/sub cgroup 0 name=foo,none",
			// Only the first controller of a shared mount point is mounted (as libcgroup 3.1.0 does).
			"cgroup /tmp/c cgroup 0 cpu",
			"cgroup /tmp/n cgroup 0 net_cls,name=q",
		]);
		assert.deepEqual(
			read(s, "/proc/self/mounts")
				.split("\n")
				.filter((l) => l.includes(" /tmp/")),
			[
				"cgroup /tmp/m/sub cgroup rw,relatime,name=foo 0 0",
				"cgroup /tmp/c cgroup rw,relatime,cpu 0 0",
				"cgroup /tmp/n cgroup rw,relatime,net_cls,name=q 0 0",
			],
		);
		// The library was initialized again after the mounts: net_cls is in the mount table now.
		assert.equal(lc.mountOf("net_cls")?.paths[0], "/tmp/n");
	});

	test("mount section failures: not a directory, a busy hierarchy (earlier entries unmounted), mount with namespace", () => {
		const s = h4System();
		const lc = libcg(s);
		const os = lc.os as MountingCgOs;
		write(s, "/tmp/file", "");
		assert.deepEqual(load(lc, 'mount { "name=bar" = /tmp/file; }\n'), [
			ECGOTHER,
			"Error: /tmp/file already exists but it is not a directory\n",
			"",
		]);
		assert.equal(lc.strerror(ECGOTHER), "Not a directory");
		assert.deepEqual(
			load(lc, 'mount { "name=ok" = /tmp/ok; cpu = /tmp/m6; "name=q" = /tmp/m6; }\n'),
			[ECGMOUNTFAIL, "Error: cannot mount cpu,name=q to /tmp/m6: Device or resource busy\n", ""],
		);
		assert.deepEqual(os.mounts, [
			"cgroup /tmp/ok cgroup 0 name=ok,none",
			"cgroup /tmp/m6 cgroup 0 cpu,name=q",
			"umount /tmp/ok",
		]);
		assert.ok(!exists(s, "/tmp/ok"));
		assert.ok(exists(s, "/tmp/m6"));
		assert.deepEqual(load(lc, 'mount { "name=bar" = /tmp/m2; }\nnamespace { cpu = /x; }\n'), [
			ECGMOUNTNAMESPACE,
			"",
			"",
		]);
		assert.ok(!exists(s, "/tmp/m2"));
	});

	test("a mount section without the mount capability: mount(2) fails with ENOSYS", () => {
		const s = h4System();
		const os = new EmulatedCgOs(new Sys(s, s.kernel.fork(s.kernel.init)), []);
		assert.equal(mountCapability(os), null);
		const lc = new Libcg(os);
		assert.equal(lc.init(), 0);
		write(s, "/tmp/t.conf", 'mount { "name=x" = /tmp/x; }\n');
		assert.equal(cgroupConfigLoadConfig(lc, "/tmp/t.conf"), ECGMOUNTFAIL);
		assert.equal(os.out, "Error: cannot mount name=x,none to /tmp/x: Function not implemented\n");
		assert.ok(exists(s, "/tmp/x"));
	});

	test("a long list of controllers on one mount point runs over into the path, as the C struct does", () => {
		const m = new MountConfEntry();
		m.setName("cpu", 31);
		m.setPath("/x");
		for (const c of ["cpuacct", "memory", "devices", "freezer"]) {
			m.appendName(",");
			m.appendName(c);
		}
		assert.equal(m.name, "cpu,cpuacct,memory,devices,freezer");
		assert.equal(m.path, "er");
	});

	test("namespace section: paths under the namespace, unknown controller, two paths", () => {
		const s = h4System();
		const lc = libcg(s);
		assert.deepEqual(load(lc, "namespace { cpu = /ns; }\ngroup g { cpu { } cpuacct { } }\n"), [
			0,
			"",
			"",
		]);
		assert.ok(exists(s, `${R}/cpu/ns/g`));
		assert.ok(exists(s, `${R}/cpuacct/g`));
		assert.deepEqual(load(lc, "namespace { nonexist = /ns; }\n"), [ECGNAMESPACECONTROLLER, "", ""]);
		assert.deepEqual(load(lc, "namespace { cpu = /ns; cpu = /ns2; }\n"), [
			ECGNAMESPACEPATHS,
			"",
			"",
		]);
	});

	test("systemd section: settings checked while parsing; scopes cannot be made without D-Bus; the default file removed", () => {
		const s = h4System();
		const lc = libcg(s);
		mkdir(s, "/var");
		mkdir(s, "/var/run");
		mkdir(s, "/var/run/libcgroup");
		write(s, "/var/run/libcgroup/systemd", "a.slice/b.scope");
		assert.deepEqual(load(lc, "group g { cpu { } }\n"), [0, "", ""]);
		assert.ok(!exists(s, "/var/run/libcgroup/systemd"));
		assert.deepEqual(
			load(lc, "systemd { slice = a.slice; scope = b.scope; setdefault = yes; pid = 5; }\n"),
			[ECGROUPPARSEFAIL, "Error: failed to open the system bus: 2\n", ""],
		);
		assert.deepEqual(load(lc, "systemd { scope = b.scope; }\n"), [
			ECGROUPPARSEFAIL,
			"Error: Invalid systemd setting, missing slice name.\n",
			"",
		]);
		assert.deepEqual(load(lc, "systemd { slice = a.slic; }\n"), [
			ECGCONFIGPARSEFAIL,
			"Error: Invalid systemd configuration slice value a.slic\nError: failed to parse file /tmp/t.conf\n",
			"",
		]);
		// The failed action left " }\n" unread: the next parse starts with it.
		assert.deepEqual(load(lc, "systemd { pid = 1; }\n"), [
			ECGCONFIGPARSEFAIL,
			"Error: failed to parse file /tmp/t.conf\n",
			"error at line number 4 at }:syntax error\n",
		]);
		assert.deepEqual(load(lc, "systemd { foo = 1; }\n"), [
			ECGCONFIGPARSEFAIL,
			"Error: Invalid systemd configuration foo\nError: failed to parse file /tmp/t.conf\n",
			"",
		]);
	});
});

describe("unload and templates", () => {
	test("cgroup_config_unload_config removes the groups deepest first and unmounts empty mount section hierarchies", () => {
		const s = h4System();
		const lc = libcg(s);
		const conf = 'mount { "name=u" = /tmp/u; }\n';
		assert.deepEqual(load(lc, conf, "/tmp/m.conf"), [0, "", ""]);
		write(
			s,
			"/tmp/g.conf",
			"group a { cpu { } }\ngroup a/b { cpu { } }\ngroup a/b/c { cpu { } }\n",
		);
		assert.equal(cgroupConfigLoadConfig(lc, "/tmp/g.conf"), 0);
		assert.ok(exists(s, `${R}/cpu/a/b/c`));
		assert.equal(cgroupConfigUnloadConfig(lc, "/tmp/g.conf", 0), 0);
		assert.ok(!exists(s, `${R}/cpu/a`));
		mkdir(s, "/tmp/u/keep");
		assert.equal(cgroupConfigUnloadConfig(lc, "/tmp/m.conf", 0), 0);
		assert.ok(read(s, "/proc/self/mounts").includes(" /tmp/u "));
		sh(s, "rmdir /tmp/u/keep");
		assert.equal(cgroupConfigUnloadConfig(lc, "/tmp/m.conf", 0), 0);
		assert.ok(!read(s, "/proc/self/mounts").includes(" /tmp/u "));
	});

	test("templates: the cache from files, and a group made from its template or bare", () => {
		const s = h4System();
		const lc = libcg(s);
		write(
			s,
			"/tmp/t1.conf",
			"template users/%u { perm { task { uid = nobody; } admin { uid = nobody; } } cpu { cpu.shares = 100; } memory { } }\ngroup g { cpu { } }\n",
		);
		write(s, "/tmp/t2.conf", "template other { pids { } }\n");
		assert.equal(cgroupInitTemplatesCache(lc, "/tmp/t1.conf"), 0);
		assert.deepEqual(
			cachedTemplates(lc).map((t) => t.name),
			["users/%u"],
		);
		assert.ok(!exists(s, `${R}/cpu/g`), "templates are parsed, not loaded");
		cgroupTemplatesCacheSetSourceFiles(lc, ["/tmp/t1.conf", "/tmp/t2.conf", "/tmp/none.conf"]);
		assert.deepEqual(cgroupLoadTemplatesCacheFromFiles(lc), [ECGOTHER, 2]);
		printed(lc);
		cgroupTemplatesCacheSetSourceFiles(lc, ["/tmp/t1.conf", "/tmp/t2.conf"]);
		assert.deepEqual(cgroupLoadTemplatesCacheFromFiles(lc), [0, -1]);
		assert.deepEqual(
			cachedTemplates(lc).map((t) => t.name),
			["users/%u", "other"],
		);
		mkdir(s, `${R}/cpu/users`);
		mkdir(s, `${R}/pids/users`);
		const cg = cgroupNewCgroup("users/alice");
		cgroupAddController(lc, cg, "cpu");
		cgroupAddController(lc, cg, "pids");
		assert.equal(cgroupConfigCreateTemplateGroup(lc, cg, "users/%u", CGFLAG_USE_TEMPLATE_CACHE), 0);
		// cpu from the template (with its memory controller and owners), pids bare.
		assert.equal(read(s, `${R}/cpu/users/alice/cpu.shares`), "100\n");
		// CGFLAG_USE_TEMPLATE_CACHE is passed on as ignore_ownership: the template's owners are not applied.
		assert.equal(owner(s, `${R}/cpu/users/alice`), "755 0 0");
		assert.ok(exists(s, `${R}/memory/users/alice`));
		assert.equal(owner(s, `${R}/pids/users/alice`), "755 0 0");
		assert.deepEqual(printed(lc), ["", ""]);
		// Through the TemplateSource, loading the files first.
		const cg2 = cgroupNewCgroup("users/bob");
		cgroupAddController(lc, cg2, "cpu");
		assert.equal(CONFIG_TEMPLATES.createTemplateGroup(lc, cg2, "users/%u", 0), 0);
		assert.equal(read(s, `${R}/cpu/users/bob/cpu.shares`), "100\n");
		// A bare group that cannot be made.
		const cg3 = cgroupNewCgroup("tasks/x");
		cgroupAddController(lc, cg3, "pids");
		assert.equal(
			cgroupConfigCreateTemplateGroup(lc, cg3, "nope/%u", CGFLAG_USE_TEMPLATE_CACHE),
			ECGINVAL,
		);
		assert.equal(printed(lc)[1], "cgroup tasks/x can't be created\n");
	});
});
