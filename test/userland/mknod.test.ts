/**
 * mknod (GNU coreutils 9.1) and the devices controller seen from the shell:
 * the messages of cat, dash and mknod when a device cgroup refuses.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UserSystem } from "../../src/userland/system.ts";
import { newSystem, runProgram } from "../support/userland.ts";

function sh(sys: UserSystem, script: string) {
	return runProgram(sys, ["/bin/sh", "-c", script], { cwd: "/tmp" });
}

const TRY = "Try 'mknod --help' for more information.\n";

describe("mknod: usage", () => {
	const cases: [string, string, number][] = [
		["mknod", `mknod: missing operand\n${TRY}`, 1],
		["mknod n", `mknod: missing operand after 'n'\n${TRY}`, 1],
		[
			"mknod n c",
			`mknod: missing operand after 'c'\nSpecial files require major and minor device numbers.\n${TRY}`,
			1,
		],
		["mknod n c 1", `mknod: missing operand after '1'\n${TRY}`, 1],
		["mknod n p 1", `mknod: extra operand '1'\n${TRY}`, 1],
		[
			"mknod n p 1 2",
			`mknod: extra operand '1'\nFifos do not have major and minor device numbers.\n${TRY}`,
			1,
		],
		["mknod n c 1 2 3", `mknod: extra operand '3'\n${TRY}`, 1],
		["mknod n x 1 2", `mknod: invalid device type 'x'\n${TRY}`, 1],
		["mknod n c x 1", "mknod: invalid major device number 'x'\n", 1],
		["mknod n c 1 x", "mknod: invalid minor device number 'x'\n", 1],
		["mknod n c -1 1", `mknod: invalid option -- '1'\n${TRY}`, 1],
		["mknod n c 4294967296 1", "mknod: invalid major device number '4294967296'\n", 1],
		["mknod n c 1 4294967296", "mknod: invalid minor device number '4294967296'\n", 1],
		["mknod n c 4294967295 4294967295", "mknod: invalid device 4294967295 4294967295\n", 1],
		["mknod -m zz n c 1 3", "mknod: invalid mode\n", 1],
		["mknod -m 4755 n c 1 3", "mknod: mode must specify only file permission bits\n", 1],
		["mknod nodir/x p", "mknod: nodir/x: No such file or directory\n", 1],
	];
	for (const [cmd, stderr, status] of cases) {
		it(cmd, () => {
			const r = sh(newSystem(), cmd);
			assert.equal(r.stderr, stderr);
			assert.equal(r.stdout, "");
			assert.equal(r.status, status);
		});
	}

	it("makes b, c, u and p nodes with the umask or the exact -m mode", () => {
		const sys = newSystem();
		const r = sh(
			sys,
			[
				"mknod a c 0x1 010",
				"mknod -m 0640 b b 7 0",
				"mknod c character 1 3",
				"mknod d u 1 5",
				"umask 077; mknod e p",
				"umask 077; mknod -m a=rw f pipe",
				"mknod a c 1 3",
				"stat -c '%A %t:%T %n' a b c d e f",
			].join("\n"),
		);
		assert.equal(
			r.stdout,
			[
				"crw-r--r-- 1:8 a",
				"brw-r----- 7:0 b",
				"crw-r--r-- 1:3 c",
				"crw-r--r-- 1:5 d",
				"prw------- 0:0 e",
				"prw-rw-rw- 0:0 f",
				"",
			].join("\n"),
		);
		assert.equal(r.stderr, "mknod: a: File exists\n");
	});

	it("a name that needs quoting is quoted in the error", () => {
		const r = sh(newSystem(), "mknod 'a b/c' p");
		assert.equal(r.stderr, "mknod: 'a b/c': No such file or directory\n");
	});

	it("--context=X warns and goes on; -Z alone is silent", () => {
		const r = sh(newSystem(), "mknod --context=x n p && mknod -Z m p && echo ok");
		assert.equal(
			r.stderr,
			"mknod: warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel\n",
		);
		assert.equal(r.stdout, "ok\n");
	});

	it("an unprivileged user may not make device nodes (EPERM) but may make FIFOs", () => {
		const r = sh(newSystem(), "setpriv --reuid 1000 mknod n c 1 3; echo $?");
		assert.equal(r.stderr, "mknod: n: Operation not permitted\n");
		assert.equal(r.stdout, "1\n");
	});
});

describe("devices cgroup from the shell", () => {
	const D = "/sys/fs/cgroup/devices";

	it("cat, dash redirections and mknod report EPERM", () => {
		const r = sh(
			newSystem(),
			[
				`mkdir ${D}/a`,
				`echo 'c 1:3 rwm' > ${D}/a/devices.deny`,
				`echo $$ > ${D}/a/tasks`,
				"cat /dev/null; echo cat=$?",
				"echo x > /dev/null; echo redirect=$?",
				"mknod /tmp/n c 1 3; echo mknod=$?",
				"mknod /tmp/z c 1 5; echo mknod-other=$?",
				"cat /dev/zero | head -c 2 | od -An -c",
				`echo $$ > ${D}/tasks`,
				"echo x > /dev/null && echo back",
			].join("\n"),
		);
		assert.equal(
			r.stderr,
			[
				"cat: /dev/null: Operation not permitted",
				"/bin/sh: 5: cannot create /dev/null: Operation not permitted",
				"mknod: /tmp/n: Operation not permitted",
				"",
			].join("\n"),
		);
		assert.equal(r.stdout, "cat=1\nredirect=2\nmknod=1\nmknod-other=0\n  \\0  \\0\nback\n");
	});

	it("devices.list and devices.allow from the shell", () => {
		const r = sh(
			newSystem(),
			[
				`mkdir ${D}/a`,
				`echo a > ${D}/a/devices.deny`,
				`echo 'c 1:3 rw' > ${D}/a/devices.allow`,
				`echo 'b *:* m' > ${D}/a/devices.allow`,
				`cat ${D}/a/devices.list`,
				`cat ${D}/a/devices.allow`,
				`/bin/echo 'c 1:3' > ${D}/a/devices.allow`,
				`mkdir ${D}/a/b`,
				`/bin/echo 'c 1:5 r' > ${D}/a/b/devices.allow`,
			].join("\n"),
		);
		assert.equal(r.stdout, "c 1:3 rw\nb *:* m\n");
		assert.equal(
			r.stderr,
			[
				`cat: ${D}/a/devices.allow: Invalid argument`,
				"/bin/echo: write error: Invalid argument",
				"/bin/echo: write error: Operation not permitted",
				"",
			].join("\n"),
		);
	});
});
