/**
 * cgconfigparser on the emulated host. Messages, exit codes and the
 * resulting owners and modes are those of libcgroup 3.1.0's cgconfigparser
 * on this machine for the same files (groups under cgkit-h4-*, a private
 * named hierarchy for the mount section).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { exists, h4System, mkdir, out, owner, R, read, run, write } from "./h4-support.ts";

const P = "/usr/sbin/cgconfigparser";
const PM = "/usr/sbin/cgconfigparser-m";
const BAD = (p: string) => `Wrong input parameters, try ${p} '-h' for more information.\n`;

const HELP = `Usage: ${P} [-h] [-f mode] [-d mode] [-s mode] [-t <tuid>:<tgid>] [-a <agid>:<auid>] [-l FILE] [-L DIR] ...
Parse and load the specified cgroups configuration file
  -a <tuid>:<tgid>\t\tDefault owner of groups files and directories
  -d, --dperm=mode\t\tDefault group directory permissions
  -f, --fperm=mode\t\tDefault group file permissions
  -h, --help\t\t\tDisplay this help
  -l, --load=FILE\t\tParse and load the cgroups configuration file
  -L, --load-directory=DIR\tParse and load the cgroups configuration files from a directory
  -s, --tperm=mode\t\tDefault tasks file permissions
  -t <tuid>:<tgid>\t\tDefault owner of the tasks file
`;

describe("cgconfigparser: arguments", () => {
	const s = h4System();
	write(s, "/tmp/empty.conf", "# empty\n\n");

	test("usage, bad options, operands", () => {
		assert.deepEqual(out(run(s, P)), [129, "", BAD(P)]);
		assert.deepEqual(out(run(s, P, "-h")), [0, HELP, ""]);
		assert.deepEqual(out(run(s, P, "-x")), [129, "", `${P}: invalid option -- 'x'\n${BAD(P)}`]);
		assert.deepEqual(out(run(s, P, "-l")), [
			129,
			"",
			`${P}: option requires an argument -- 'l'\n${BAD(P)}`,
		]);
		assert.deepEqual(out(run(s, P, "extra")), [129, "", BAD(P)]);
		assert.deepEqual(out(run(s, P, "-l", "/tmp/empty.conf", "extra")), [129, "", BAD(P)]);
		assert.deepEqual(out(run(s, P, "--load=/tmp/empty.conf", "--dperm=755")), [0, "", ""]);
	});

	test("owners and modes that do not parse", () => {
		assert.deepEqual(out(run(s, P, "-a", "nosuch:root", "-l", "/tmp/empty.conf")), [
			255,
			"",
			`${P}: can't find uid of user nosuch.\n`,
		]);
		assert.deepEqual(out(run(s, P, "-t", "root:nosuch", "-l", "/tmp/empty.conf")), [
			255,
			"",
			`${P}: can't find gid of group nosuch.\n`,
		]);
		assert.deepEqual(out(run(s, P, "-d", "9", "-l", "/tmp/empty.conf")), [
			255,
			`${P} wrong mode format 9\n`,
			"",
		]);
		assert.deepEqual(out(run(s, P, "-f", "12345")), [255, `${P} wrong mode format 12345\n`, ""]);
		assert.deepEqual(out(run(s, P, "-s", "abc")), [255, `${P} wrong mode format abc\n`, ""]);
	});

	test("files that cannot be read or parsed: reported, the others still loaded, the first error is the status", () => {
		write(s, "/tmp/bad1.conf", "\n\ngroup x {\n  cpu {\n   a = b\n  }\n}\n");
		write(s, "/tmp/good.conf", "group cgkit-h4-good { cpu { } }\n");
		assert.deepEqual(out(run(s, P, "-l", "/nonexist", "-l", "/tmp/good.conf")), [
			96,
			"Error: failed to open file /nonexist\n",
			`${P}; error loading /nonexist: No such file or directory\n`,
		]);
		assert.ok(exists(s, `${R}/cpu/cgkit-h4-good`));
		assert.deepEqual(out(run(s, P, "-l", "/tmp/empty.conf", "-l", "/tmp/bad1.conf")), [
			104,
			"Error: failed to parse file /tmp/bad1.conf\n",
			`error at line number 8 at }:syntax error\n${P}; error loading /tmp/bad1.conf: Failed to parse config file\n`,
		]);
		// The rest of bad1 (after the "}" of line 6) is what the second parse reads first.
		assert.deepEqual(out(run(s, P, "-l", "/tmp/bad1.conf", "-l", "/tmp/empty.conf")), [
			104,
			"Error: failed to parse file /tmp/bad1.conf\nError: failed to parse file /tmp/empty.conf\n",
			`error at line number 6 at }:syntax error\n${P}; error loading /tmp/bad1.conf: Failed to parse config file\n` +
				`error at line number 7 at }:syntax error\n${P}; error loading /tmp/empty.conf: Failed to parse config file\n`,
		]);
	});

	test("-L: the directory's *.conf files (regular files and links) in name order", () => {
		mkdir(s, "/tmp/L");
		write(s, "/tmp/L/b.conf", "group x {\n");
		write(s, "/tmp/L/a.conf", "# a\n");
		write(s, "/tmp/L/c.txt", "junk");
		write(s, "/tmp/L/.conf", "junk");
		mkdir(s, "/tmp/L/d.conf");
		assert.deepEqual(out(run(s, P, "-L", "/tmp/L")), [
			104,
			"Error: failed to parse file /tmp/L/b.conf\n",
			`error at line number 3 at :syntax error\n${P}; error loading /tmp/L/b.conf: Failed to parse config file\n`,
		]);
		assert.deepEqual(out(run(s, P, "-L", "/nonexist", "-l", "/tmp/empty.conf")), [
			1,
			"",
			`${P}: cannot open /nonexist: No such file or directory\n`,
		]);
	});
});

describe("cgconfigparser: loading", () => {
	test("group with perm and controllers; a subgroup with the defaults", () => {
		const s = h4System();
		const N = "cgkit-h4-208358698";
		write(
			s,
			"/tmp/real.conf",
			`# test
group ${N} {
  perm {
    task { uid = nobody; gid = root; fperm = 660; }
    admin { uid = root; gid = nogroup; dperm = 750; fperm = 640; }
  }
  cpu { cpu.shares = 512; }
  memory { memory.limit_in_bytes = 64M; }
}
group ${N}/sub { cpu { } }
template ${N}/%u { cpu { cpu.shares = 100; } }
`,
		);
		assert.deepEqual(out(run(s, P, "-l", "/tmp/real.conf")), [0, "", ""]);
		assert.equal(owner(s, `${R}/cpu/${N}`), "750 0 65534");
		assert.equal(owner(s, `${R}/memory/${N}`), "750 0 65534");
		assert.equal(owner(s, `${R}/memory/${N}/tasks`), "660 65534 0");
		assert.equal(owner(s, `${R}/memory/${N}/cgroup.procs`), "640 0 65534");
		assert.equal(owner(s, `${R}/memory/${N}/memory.limit_in_bytes`), "640 0 65534");
		assert.equal(owner(s, `${R}/cpu/${N}/sub`), "755 0 0");
		assert.equal(read(s, `${R}/cpu/${N}/cpu.shares`), "512\n");
		assert.equal(read(s, `${R}/memory/${N}/memory.limit_in_bytes`), "67108864\n");
		// Templates are not created.
		assert.ok(!exists(s, `${R}/cpu/${N}/%u`));
	});

	test("-t -a -d -f -s give the owners and modes of groups that set none", () => {
		const s = h4System();
		write(s, "/tmp/c1.conf", "group cgkit-h4-d { cpu { cpu.shares = 256; } }\n");
		assert.deepEqual(
			out(
				run(
					s,
					P,
					"-t",
					"nobody:nogroup",
					"-a",
					"nobody:root",
					"-d",
					"700",
					"-f",
					"600",
					"-s",
					"640",
					"-l",
					"/tmp/c1.conf",
				),
			),
			[0, "", ""],
		);
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-d`), "700 65534 0");
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-d/tasks`), "640 65534 65534");
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-d/cpu.shares`), "600 65534 0");
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-d/cgroup.procs`), "600 65534 0");
	});

	test("a default section replaces the command line's defaults", () => {
		const s = h4System();
		write(
			s,
			"/tmp/c2.conf",
			"default { perm { task { uid = nobody; } admin { gid = nogroup; dperm = 711; } } }\ngroup cgkit-h4-e { cpu { } }\n",
		);
		assert.deepEqual(out(run(s, P, "-t", "root:root", "-f", "600", "-l", "/tmp/c2.conf")), [
			0,
			"",
			"",
		]);
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-e`), "711 0 65534");
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-e/tasks`), "644 65534 0");
		assert.equal(owner(s, `${R}/cpu/cgkit-h4-e/cpu.shares`), "644 0 65534");
	});

	test("a group that cannot be made undoes the file's groups; v2 names are converted on a v1 hierarchy", () => {
		const s = h4System();
		write(
			s,
			"/tmp/c3.conf",
			"group cgkit-h4-f { cpu { cpu.shares = 512; } }\ngroup cgkit-h4-f/a { cpu { cpu.shares = abc; } }\n",
		);
		assert.deepEqual(out(run(s, P, "-l", "/tmp/c3.conf")), [
			91,
			"Error: Conversion of controller failed.\n",
			`${P}; error loading /tmp/c3.conf: Cgroup invalid operation\n`,
		]);
		assert.ok(!exists(s, `${R}/cpu/cgkit-h4-f`));
		write(
			s,
			"/tmp/c4.conf",
			'group cgkit-h4-g { cpu { cpu.weight = 50; cpu.max = "50000 100000"; } }\n',
		);
		assert.deepEqual(out(run(s, P, "-l", "/tmp/c4.conf")), [0, "", ""]);
		assert.equal(read(s, `${R}/cpu/cgkit-h4-g/cpu.shares`), "512\n");
		assert.equal(read(s, `${R}/cpu/cgkit-h4-g/cpu.cfs_quota_us`), "50000\n");
		assert.equal(read(s, `${R}/cpu/cgkit-h4-g/cpu.cfs_period_us`), "100000\n");
	});

	test("parse-time failures: uid 0 (looked up as a name), a controller that is not mounted", () => {
		const s = h4System();
		write(
			s,
			"/tmp/c6.conf",
			"group cgkit-h4-h { perm { task { uid = 0; } admin { uid = root; } } cpu { } }\n",
		);
		assert.deepEqual(out(run(s, P, "-l", "/tmp/c6.conf")), [
			104,
			"Error: failed to parse file /tmp/c6.conf\n",
			`parsing failed at line number 1\n${P}; error loading /tmp/c6.conf: Failed to parse config file\n`,
		]);
	});

	test("mount section: a private named hierarchy is mounted (directory made), a file in the way, mount and namespace together", () => {
		const s = h4System();
		write(s, "/tmp/m1.conf", 'mount {\n "name=cgkit-h4-45411381" = /tmp/h4mnt/sub;\n}\n');
		assert.deepEqual(out(run(s, PM, "-l", "/tmp/m1.conf")), [0, "", ""]);
		assert.ok(
			read(s, "/proc/self/mounts").includes(
				"cgroup /tmp/h4mnt/sub cgroup rw,relatime,name=cgkit-h4-45411381 0 0\n",
			),
		);
		write(s, "/tmp/file", "");
		write(s, "/tmp/m2.conf", 'mount { "name=cgkit-h4-x" = /tmp/file; }\n');
		assert.deepEqual(out(run(s, PM, "-l", "/tmp/m2.conf")), [
			96,
			"Error: /tmp/file already exists but it is not a directory\n",
			`${PM}; error loading /tmp/m2.conf: Not a directory\n`,
		]);
		write(s, "/tmp/m3.conf", 'mount { "name=cgkit-h4-x" = /tmp/m3; }\nnamespace { cpu = /x; }\n');
		assert.deepEqual(out(run(s, PM, "-l", "/tmp/m3.conf")), [
			107,
			"",
			`${PM}; error loading /tmp/m3.conf: Either mount or namespace keyword has to be specified in the configuration file\n`,
		]);
		// cpu is bound already: cpu with another name is EBUSY.
		write(s, "/tmp/m6.conf", 'mount { cpu = /tmp/m6; "name=cgkit-h4-x" = /tmp/m6; }\n');
		assert.deepEqual(out(run(s, PM, "-l", "/tmp/m6.conf")), [
			101,
			"Error: cannot mount cpu,name=cgkit-h4-x to /tmp/m6: Device or resource busy\n",
			`${PM}; error loading /tmp/m6.conf: Cgroup mounting failed\n`,
		]);
		// Two controllers on one mount point: only the first is mounted (another mount point of cpu here).
		write(s, "/tmp/m5.conf", "mount { cpu = /tmp/m5; cpuacct = /tmp/m5; }\n");
		assert.deepEqual(out(run(s, PM, "-l", "/tmp/m5.conf")), [0, "", ""]);
		assert.ok(read(s, "/proc/self/mounts").includes("cgroup /tmp/m5 cgroup rw,relatime,cpu 0 0\n"));
	});

	test("systemd section: no D-Bus to create the scope", () => {
		const s = h4System();
		write(
			s,
			"/tmp/s.conf",
			"systemd { slice = cgkit.slice; scope = h4.scope; setdefault = yes; }\ngroup cgkit-h4-s { cpu { } }\n",
		);
		assert.deepEqual(out(run(s, P, "-l", "/tmp/s.conf")), [
			99,
			"Error: failed to open the system bus: 2\n",
			`${P}; error loading /tmp/s.conf: Cgroup parsing failed\n`,
		]);
		assert.ok(!exists(s, `${R}/cpu/cgkit-h4-s`));
	});

	test("libcgroup initialization failing is reported, with status 0 as the C code returns", () => {
		const s = h4System({ layout: "bare" });
		write(s, "/tmp/empty.conf", "");
		assert.deepEqual(out(run(s, P, "-l", "/tmp/empty.conf")), [
			0,
			"",
			`${P}: libcgroup initialization failed: Cgroup is not mounted\n`,
		]);
	});
});
