/**
 * The devices controller (security/device_cgroup.c): files, the exception
 * list and its parser, the hierarchy rules, propagation to children, and the
 * checks on opening device nodes and on mknod.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	MAY_READ,
	MAY_WRITE,
	makedev,
	O_RDONLY,
	O_RDWR,
	O_WRONLY,
	S_IFBLK,
	S_IFCHR,
	S_IFIFO,
	S_IFREG,
} from "../../src/fs/constants.ts";
import {
	DEVCG_DEFAULT_ALLOW,
	DEVCG_DEFAULT_DENY,
	type DevCgroup,
	devcgroupCheckPermission,
} from "../../src/kernel/cgroup/controllers/devices.ts";
import {
	DEVCG_ACC_MASK,
	DEVCG_ACC_MKNOD,
	DEVCG_ACC_READ,
	DEVCG_ACC_WRITE,
	DEVCG_DEV_BLOCK,
	DEVCG_DEV_CHAR,
	devExceptionAdd,
	devExceptionRm,
	matchException,
	matchExceptionPartial,
	parseDevcgRequest,
} from "../../src/kernel/cgroup/controllers/devices-exception.ts";
import { CAP_SYS_ADMIN } from "../../src/kernel/cred.ts";
import { isKernelError } from "../../src/kernel/errno.ts";
import type { Task } from "../../src/kernel/task.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";

const D = "/sys/fs/cgroup/devices";

function host(): TestHost {
	return new TestHost();
}

const list = (h: TestHost, cg: string): string => h.read(`${D}/${cg}/devices.list`);

/** The devices css of a cgroup path below the hierarchy root. */
function devcg(h: TestHost, cg: string): DevCgroup {
	const ss = h.kernel.cgroup.subsys.find((s) => s.name === "devices")!;
	let c = ss.root.cgrp;
	for (const name of cg.split("/").filter((n) => n !== "")) c = c.children.get(name)!;
	return c.subsys(ss.id) as DevCgroup;
}

/** A task moved into `cg`. */
function taskIn(h: TestHost, cg: string): Task {
	const t = h.spawn();
	h.write(`${D}/${cg}/tasks`, String(t.pid));
	return t;
}

describe("devices: files", () => {
	it("a child has allow and deny (0200) and list (0444); list starts as a *:* rwm", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		const names = h.ls(`${D}/a`).filter((n) => n.startsWith("devices."));
		assert.deepEqual(names.sort(), ["devices.allow", "devices.deny", "devices.list"]);
		assert.equal(h.vfs.stat(h.init, `${D}/a/devices.allow`).mode & 0o777, 0o200);
		assert.equal(h.vfs.stat(h.init, `${D}/a/devices.deny`).mode & 0o777, 0o200);
		assert.equal(h.vfs.stat(h.init, `${D}/a/devices.list`).mode & 0o777, 0o444);
		assert.equal(list(h, "a"), "a *:* rwm\n");
		assert.equal(h.read(`${D}/devices.list`), "a *:* rwm\n");
	});

	it("the root has the files too", () => {
		const h = host();
		assert.ok(h.ls(D).includes("devices.allow"));
		assert.ok(h.ls(D).includes("devices.deny"));
	});

	it("reading allow/deny and writing list is EINVAL", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		assertErrno(() => h.read(`${D}/a/devices.allow`), "EINVAL");
		assertErrno(() => h.read(`${D}/a/devices.deny`), "EINVAL");
		assertErrno(() => h.write(`${D}/a/devices.list`, "a"), "EINVAL");
		assert.equal(list(h, "a"), "a *:* rwm\n");
	});
});

describe("devices: the parser", () => {
	const ok: [string, number, number, number, number][] = [
		["c 1:3 rwm", DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_MASK],
		["b *:* m", DEVCG_DEV_BLOCK, 0xffffffff, 0xffffffff, DEVCG_ACC_MKNOD],
		["c 1:3 rwmxyz", DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_MASK],
		["c 1:5 rr", DEVCG_DEV_CHAR, 1, 5, DEVCG_ACC_READ],
		["c 4294967295:4294967294 r", DEVCG_DEV_CHAR, 0xffffffff, 4294967294, DEVCG_ACC_READ],
		["c 00000000001:1 r", DEVCG_DEV_CHAR, 1, 1, DEVCG_ACC_READ],
		["c 1:3\tw", DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_WRITE],
		["c 1:3 r\nc 1:5 w", DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_READ],
		["c 1:3 \nx", DEVCG_DEV_CHAR, 1, 3, 0],
		["cx1:3 r", -1, 0, 0, 0],
	];
	for (const [text, type, major, minor, access] of ok) {
		it(`${JSON.stringify(text)}`, () => {
			if (type < 0) {
				assertErrno(() => parseDevcgRequest(text), "EINVAL");
				return;
			}
			const r = parseDevcgRequest(text);
			assert.ok(!r.all);
			assert.deepEqual(r.ex, { type, major, minor, access });
		});
	}
	const bad = [
		"",
		"c",
		"c 1:3",
		"c 1:3 x",
		"c1:3 r",
		"x 1:3 r",
		"c 4294967296:1 r",
		"c 000000000001:1 r",
		"c -1:1 r",
		"c 1:3  r",
		"c 1;3 r",
		"c 1: r",
		"c :3 r",
		"c *3 r",
		"C 1:3 r",
	];
	for (const text of bad) {
		it(`${JSON.stringify(text)} is EINVAL`, () => {
			assertErrno(() => parseDevcgRequest(text), "EINVAL");
		});
	}
	it("anything starting with a is a reset", () => {
		assert.deepEqual(parseDevcgRequest("a"), { all: true });
		assert.deepEqual(parseDevcgRequest("abc 1:2 x"), { all: true });
	});
});

describe("devices: exception list", () => {
	it("add merges the access of the same device, rm takes bits and drops empty entries", () => {
		const l = [{ type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_READ }];
		devExceptionAdd(l, { type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_WRITE });
		devExceptionAdd(l, { type: DEVCG_DEV_BLOCK, major: 1, minor: 3, access: DEVCG_ACC_WRITE });
		assert.equal(l.length, 2);
		assert.equal(l[0]!.access, DEVCG_ACC_READ | DEVCG_ACC_WRITE);
		devExceptionRm(l, { type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_READ });
		assert.equal(l[0]!.access, DEVCG_ACC_WRITE);
		devExceptionRm(l, { type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_MASK });
		assert.deepEqual(l, [{ type: DEVCG_DEV_BLOCK, major: 1, minor: 3, access: DEVCG_ACC_WRITE }]);
	});

	it("complete and partial matches", () => {
		const any = 0xffffffff;
		const l = [{ type: DEVCG_DEV_CHAR, major: 1, minor: any, access: DEVCG_ACC_READ }];
		assert.ok(matchException(l, DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_READ));
		assert.ok(!matchException(l, DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_READ | DEVCG_ACC_WRITE));
		assert.ok(!matchException(l, DEVCG_DEV_BLOCK, 1, 3, DEVCG_ACC_READ));
		assert.ok(!matchException(l, DEVCG_DEV_CHAR, any, 3, DEVCG_ACC_READ));
		assert.ok(matchExceptionPartial(l, DEVCG_DEV_CHAR, any, 3, DEVCG_ACC_READ | DEVCG_ACC_WRITE));
		assert.ok(!matchExceptionPartial(l, DEVCG_DEV_CHAR, 2, 3, DEVCG_ACC_READ));
		assert.ok(!matchExceptionPartial(l, DEVCG_DEV_CHAR, 1, 3, DEVCG_ACC_WRITE));
	});
});

describe("devices: writes", () => {
	it("deny in an allowing cgroup adds exceptions (shown only once it denies by default)", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "c 1:3 rwm");
		assert.equal(list(h, "a"), "a *:* rwm\n");
		assert.deepEqual(devcg(h, "a").exceptions, [
			{ type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_MASK },
		]);
		// allow in an allowing cgroup takes bits away from the exception
		h.write(`${D}/a/devices.allow`, "c 1:3 w");
		assert.equal(devcg(h, "a").exceptions[0]!.access, DEVCG_ACC_READ | DEVCG_ACC_MKNOD);
	});

	it("a resets: deny gives an empty deny list, allow gives allow-all", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "c 1:3 rwm");
		h.write(`${D}/a/devices.deny`, "a");
		assert.equal(devcg(h, "a").behavior, DEVCG_DEFAULT_DENY);
		assert.equal(list(h, "a"), "");
		h.write(`${D}/a/devices.allow`, "c 1:3 r");
		h.write(`${D}/a/devices.allow`, "c 1:3 w");
		h.write(`${D}/a/devices.allow`, "b *:* m");
		h.write(`${D}/a/devices.allow`, "c 4294967295:7 r");
		assert.equal(list(h, "a"), "c 1:3 rw\nb *:* m\nc *:7 r\n");
		h.write(`${D}/a/devices.deny`, "c 1:3 r");
		h.write(`${D}/a/devices.deny`, "b *:* m");
		assert.equal(list(h, "a"), "c 1:3 w\nc *:7 r\n");
		h.write(`${D}/a/devices.allow`, "a");
		assert.equal(devcg(h, "a").behavior, DEVCG_DEFAULT_ALLOW);
		assert.deepEqual(devcg(h, "a").exceptions, []);
		assert.equal(list(h, "a"), "a *:* rwm\n");
	});

	it("an exception with no access bits is kept and shown", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:3 \nx");
		assert.equal(list(h, "a"), "c 1:3 \n");
	});

	it("rejected writes are EINVAL and change nothing", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:3 r");
		for (const text of ["c 1:3", "c 1:3 x", "x 1:3 r", "c 99999999999:1 r", "c1:3 r", " "]) {
			assertErrno(() => h.write(`${D}/a/devices.allow`, text), "EINVAL", text);
			assertErrno(() => h.write(`${D}/a/devices.deny`, text), "EINVAL", text);
		}
		assert.equal(list(h, "a"), "c 1:3 r\n");
	});

	it("leading and trailing whitespace is stripped", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a\n");
		h.write(`${D}/a/devices.allow`, "  c 1:3 r  \n");
		assert.equal(list(h, "a"), "c 1:3 r\n");
	});

	it("writes need CAP_SYS_ADMIN (EPERM before parsing)", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		const t = h.spawn();
		t.cred = t.cred.withCaps({ effective: t.cred.capEffective & ~(1n << BigInt(CAP_SYS_ADMIN)) });
		assertErrno(() => h.write(`${D}/a/devices.deny`, "a", t), "EPERM");
		assertErrno(() => h.write(`${D}/a/devices.allow`, "garbage", t), "EPERM");
		assert.equal(list(h, "a"), "a *:* rwm\n");
		// An unprivileged user does not get past the 0200 mode.
		const u = h.spawnAs(1000);
		assertErrno(() => h.write(`${D}/a/devices.deny`, "a", u), "EACCES");
	});
});

describe("devices: hierarchy", () => {
	it("a new child copies its parent's behaviour and exceptions", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:3 rw");
		h.write(`${D}/a/devices.allow`, "c 1:5 r");
		h.mkdir(`${D}/a/b`);
		assert.equal(list(h, "a/b"), "c 1:3 rw\nc 1:5 r\n");
		// copies, not shared entries
		h.write(`${D}/a/b/devices.deny`, "c 1:3 w");
		assert.equal(list(h, "a"), "c 1:3 rw\nc 1:5 r\n");
	});

	it("a child may not gain what its parent denies (EPERM), nothing changes", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:3 r");
		h.write(`${D}/a/devices.allow`, "c 1:* w");
		h.mkdir(`${D}/a/b`);
		h.write(`${D}/a/b/devices.deny`, "a");
		assertErrno(() => h.write(`${D}/a/b/devices.allow`, "c 1:3 rw"), "EPERM");
		assertErrno(() => h.write(`${D}/a/b/devices.allow`, "c *:* w"), "EPERM");
		assertErrno(() => h.write(`${D}/a/b/devices.allow`, "b 1:3 r"), "EPERM");
		assert.equal(list(h, "a/b"), "");
		h.write(`${D}/a/b/devices.allow`, "c 1:3 r");
		h.write(`${D}/a/b/devices.allow`, "c 1:9 w");
		h.write(`${D}/a/b/devices.allow`, "c 1:* w");
		assert.equal(list(h, "a/b"), "c 1:3 r\nc 1:9 w\nc 1:* w\n");
		// allowing everything again needs a parent that allows everything
		assertErrno(() => h.write(`${D}/a/b/devices.allow`, "a"), "EPERM");
		assert.equal(list(h, "a/b"), "c 1:3 r\nc 1:9 w\nc 1:* w\n");
	});

	it("a under a parent allowing by default copies the parent's exceptions", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.mkdir(`${D}/a/b`);
		h.write(`${D}/a/b/devices.deny`, "a");
		h.write(`${D}/a/devices.deny`, "c 1:3 w");
		h.write(`${D}/a/b/devices.allow`, "a");
		assert.deepEqual(devcg(h, "a/b").exceptions, [
			{ type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_WRITE },
		]);
	});

	it("a child of a default-allow parent with exceptions: allow checks partial overlap", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "c 1:3 w");
		h.mkdir(`${D}/a/b`);
		h.write(`${D}/a/b/devices.deny`, "a");
		assertErrno(() => h.write(`${D}/a/b/devices.allow`, "c 1:* rw"), "EPERM");
		h.write(`${D}/a/b/devices.allow`, "c 1:* r");
		h.write(`${D}/a/b/devices.allow`, "c 1:5 w");
		assert.equal(list(h, "a/b"), "c 1:* r\nc 1:5 w\n");
		// an allowing child may not lift the parent's exception
		h.mkdir(`${D}/a/c`);
		assertErrno(() => h.write(`${D}/a/c/devices.allow`, "c 1:3 rw"), "EPERM");
		h.write(`${D}/a/c/devices.deny`, "c 1:5 r");
		h.write(`${D}/a/c/devices.allow`, "c 1:5 r");
		assert.deepEqual(devcg(h, "a/c").exceptions, [
			{ type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_WRITE },
		]);
	});

	it("a with online children is EINVAL", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.mkdir(`${D}/a/b`);
		assertErrno(() => h.write(`${D}/a/devices.deny`, "a"), "EINVAL");
		assertErrno(() => h.write(`${D}/a/devices.allow`, "a"), "EINVAL");
		h.rmdir(`${D}/a/b`);
		h.write(`${D}/a/devices.deny`, "a");
		assert.equal(list(h, "a"), "");
	});

	it("a new restriction propagates to allowing descendants and is removed from denying ones", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.mkdir(`${D}/a/allow`);
		h.mkdir(`${D}/a/allow/deep`);
		h.mkdir(`${D}/a/deny`);
		h.write(`${D}/a/deny/devices.deny`, "a");
		h.write(`${D}/a/deny/devices.allow`, "c 1:3 rwm");
		h.write(`${D}/a/deny/devices.allow`, "c 1:5 r");
		h.write(`${D}/a/devices.deny`, "c 1:3 w");
		const w = { type: DEVCG_DEV_CHAR, major: 1, minor: 3, access: DEVCG_ACC_WRITE };
		assert.deepEqual(devcg(h, "a/allow").exceptions, [w]);
		assert.deepEqual(devcg(h, "a/allow/deep").exceptions, [w]);
		assert.equal(list(h, "a/deny"), "c 1:3 rm\nc 1:5 r\n");
	});

	it("removing an allowance from a denying parent revalidates the children", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:* rw");
		h.write(`${D}/a/devices.allow`, "c 1:5 rw");
		h.mkdir(`${D}/a/b`);
		h.mkdir(`${D}/a/b/c`);
		h.write(`${D}/a/b/devices.allow`, "c 1:9 r");
		assert.equal(list(h, "a/b"), "c 1:* rw\nc 1:5 rw\nc 1:9 r\n");
		// `c 1:* rw` goes: the child's own 1:* entry goes with it, and the
		// 1:9 entry is no longer backed by anything, so it goes too.
		h.write(`${D}/a/devices.deny`, "c 1:* rw");
		assert.equal(list(h, "a"), "c 1:5 rw\n");
		assert.equal(list(h, "a/b"), "c 1:5 rw\n");
		assert.equal(list(h, "a/b/c"), "c 1:5 rw\n");
		// narrowing an entry in the parent takes the bits the child no longer has
		h.write(`${D}/a/devices.deny`, "c 1:5 w");
		assert.equal(list(h, "a/b"), "c 1:5 r\n");
		assert.equal(list(h, "a/b/c"), "c 1:5 r\n");
	});

	it("revalidation drops an entry the parent covers only in part", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:3 rw");
		h.mkdir(`${D}/a/b`);
		h.write(`${D}/a/devices.allow`, "c 1:4 r");
		h.write(`${D}/a/b/devices.allow`, "c 1:4 r");
		// deny 1:3 r in a: b loses r of 1:3 (propagated), its 1:4 stays
		h.write(`${D}/a/devices.deny`, "c 1:3 r");
		assert.equal(list(h, "a/b"), "c 1:3 w\nc 1:4 r\n");
	});

	it("offline cgroups are skipped and do not count as children", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.mkdir(`${D}/a/b`);
		const t = taskIn(h, "a/b");
		h.kernel.exit(t, 0);
		h.rmdir(`${D}/a/b`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.deny`, "c 1:3 r");
		assert.equal(list(h, "a"), "");
	});
});

describe("devices: enforcement", () => {
	const devNull = "/dev/null";

	it("opening a device checks r and w of the opener's cgroup", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:3 r");
		h.write(`${D}/a/devices.allow`, "c 1:5 rw");
		const t = taskIn(h, "a");
		const open = (p: string, flags: number) => errnoOf(() => h.vfs.open(t, p, flags));
		assert.equal(open(devNull, O_RDONLY), "OK");
		assert.equal(open(devNull, O_WRONLY), "EPERM");
		assert.equal(open(devNull, O_RDWR), "EPERM");
		assert.equal(open("/dev/zero", O_RDWR), "OK");
		assert.equal(open("/dev/full", O_RDONLY), "EPERM");
		// regular files, directories and the init task are not affected
		assert.equal(open("/tmp", O_RDONLY), "OK");
		assert.equal(open(devNull, O_WRONLY | 0), "EPERM");
		assert.equal(
			errnoOf(() => h.vfs.open(h.init, devNull, O_RDWR)),
			"OK",
		);
	});

	it("exceptions of an allowing cgroup deny the access they name", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "c 1:3 w");
		const t = taskIn(h, "a");
		assert.equal(
			errnoOf(() => h.vfs.open(t, devNull, O_RDONLY)),
			"OK",
		);
		assertErrno(() => h.vfs.open(t, devNull, O_WRONLY), "EPERM");
		// moving back to the root lifts it
		h.write(`${D}/tasks`, String(t.pid));
		assert.equal(
			errnoOf(() => h.vfs.open(t, devNull, O_WRONLY)),
			"OK",
		);
	});

	it("access(2) goes through the same check", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "c 1:3 w");
		const t = taskIn(h, "a");
		assert.equal(
			errnoOf(() => h.vfs.access(t, devNull, MAY_READ)),
			"OK",
		);
		assertErrno(() => h.vfs.access(t, devNull, MAY_WRITE), "EPERM");
		assert.equal(
			errnoOf(() => h.vfs.access(t, devNull, 0)),
			"OK",
		);
	});

	it("a DAC refusal comes first (EACCES), nodev mounts are EACCES", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.vfs.mknod(h.init, "/tmp/priv", S_IFCHR | 0o600, makedev(1, 3));
		const u = h.spawnAs(1000);
		h.write(`${D}/a/tasks`, String(u.pid));
		assertErrno(() => h.vfs.open(u, "/tmp/priv", O_RDONLY), "EACCES");
		assertErrno(() => h.vfs.open(u, devNull, O_RDONLY), "EPERM");
	});

	it("a block device node is checked as b, then fails ENXIO (no driver)", () => {
		const h = host();
		h.vfs.mknod(h.init, "/tmp/vda", S_IFBLK | 0o600, makedev(254, 0));
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 254:0 rwm");
		const t = taskIn(h, "a");
		assertErrno(() => h.vfs.open(t, "/tmp/vda", O_RDONLY), "EPERM");
		h.write(`${D}/a/devices.allow`, "b 254:0 r");
		assertErrno(() => h.vfs.open(t, "/tmp/vda", O_RDONLY), "ENXIO");
	});

	it("mknod of a char or block node needs m; FIFOs, regular files and 0:0 are exempt", () => {
		const h = host();
		h.mkdir(`${D}/a`);
		h.write(`${D}/a/devices.deny`, "a");
		h.write(`${D}/a/devices.allow`, "c 1:5 m");
		const t = taskIn(h, "a");
		assertErrno(() => h.vfs.mknod(t, "/tmp/n", S_IFCHR | 0o644, makedev(1, 3)), "EPERM");
		assertErrno(() => h.vfs.mknod(t, "/tmp/b", S_IFBLK | 0o644, makedev(1, 5)), "EPERM");
		assert.equal(
			errnoOf(() => h.vfs.mknod(t, "/tmp/z", S_IFCHR | 0o644, makedev(1, 5))),
			"OK",
		);
		assert.equal(
			errnoOf(() => h.vfs.mknod(t, "/tmp/w", S_IFCHR | 0o644, 0)),
			"OK",
		);
		assert.equal(
			errnoOf(() => h.vfs.mknod(t, "/tmp/p", S_IFIFO | 0o644, 0)),
			"OK",
		);
		assert.equal(
			errnoOf(() => h.vfs.mknod(t, "/tmp/r", S_IFREG | 0o644, 0)),
			"OK",
		);
		assertErrno(() => h.vfs.stat(t, "/tmp/n"), "ENOENT");
		// The node it could make still needs r to be opened.
		assertErrno(() => h.vfs.open(t, "/tmp/z", O_RDONLY), "EPERM");
		// Block 0:0 is not the whiteout: it is checked.
		assertErrno(() => h.vfs.mknod(t, "/tmp/b0", S_IFBLK | 0o644, 0), "EPERM");
	});

	it("with devices unmounted (cgroup2 layout) nothing is restricted", () => {
		const h = new TestHost({ layout: "v2" });
		const t = h.spawn();
		assert.equal(
			errnoOf(() => h.vfs.open(t, devNull, O_RDWR)),
			"OK",
		);
		assert.equal(
			errnoOf(() => h.vfs.mknod(t, "/tmp/n", S_IFCHR | 0o644, makedev(1, 3))),
			"OK",
		);
	});
});

// ------------------------------------------------------------------ property

const CGROUPS = ["a", "a/b", "a/b/c", "a/d"];
const DEVICES: [number, number, number][] = [
	[DEVCG_DEV_CHAR, 1, 3],
	[DEVCG_DEV_CHAR, 1, 5],
	[DEVCG_DEV_CHAR, 2, 3],
	[DEVCG_DEV_BLOCK, 1, 3],
	[DEVCG_DEV_BLOCK, 8, 0],
];
const ACCESSES = [DEVCG_ACC_READ, DEVCG_ACC_WRITE, DEVCG_ACC_MKNOD];

/** May `task` have `access` to the device? */
function allowed(task: Task, dev: [number, number, number], access: number): boolean {
	try {
		devcgroupCheckPermission(task, dev[0], dev[1], dev[2], access);
		return true;
	} catch (e) {
		if (isKernelError(e) && e.code === "EPERM") return false;
		throw e;
	}
}

const entryArb = fc
	.tuple(
		fc.constantFrom("a", "c", "b"),
		fc.constantFrom("1", "1", "8", "*"),
		fc.constantFrom("3", "3", "5", "*"),
		fc.subarray(["r", "w", "m"], { minLength: 1 }),
	)
	.map(([t, ma, mi, acc]) => (t === "a" ? "a" : `${t} ${ma}:${mi} ${acc.join("")}`));

const writeArb = fc.record({
	cg: fc.constantFrom(...CGROUPS),
	file: fc.constantFrom("devices.allow", "devices.deny"),
	text: fc.oneof(
		{ arbitrary: entryArb, weight: 8 },
		{ arbitrary: fc.constantFrom("c 1:3", "x", "c 1:3 q"), weight: 1 },
	),
});

describe("devices: property", () => {
	it("children never have more than their parents; failed writes change nothing", () => {
		fc.assert(
			fc.property(fc.array(writeArb, { minLength: 5, maxLength: 30, size: "max" }), (writes) => {
				const h = host();
				for (const cg of CGROUPS) h.mkdir(`${D}/${cg}`);
				for (const w of writes) {
					const before = CGROUPS.map((cg) => JSON.stringify(devcg(h, cg).exceptions));
					const behaviors = CGROUPS.map((cg) => devcg(h, cg).behavior);
					const r = errnoOf(() => h.write(`${D}/${w.cg}/${w.file}`, w.text));
					if (r !== "OK") {
						assert.ok(["EINVAL", "EPERM"].includes(r), r);
						assert.deepEqual(
							CGROUPS.map((cg) => JSON.stringify(devcg(h, cg).exceptions)),
							before,
						);
						assert.deepEqual(
							CGROUPS.map((cg) => devcg(h, cg).behavior),
							behaviors,
						);
					}
				}
				const tasks = new Map(CGROUPS.map((cg) => [cg, taskIn(h, cg)]));
				for (const cg of CGROUPS) {
					const parent = cg.slice(0, cg.lastIndexOf("/"));
					if (parent === "") continue;
					for (const dev of DEVICES) {
						for (const acc of ACCESSES) {
							if (allowed(tasks.get(cg)!, dev, acc)) {
								assert.ok(
									allowed(tasks.get(parent)!, dev, acc),
									`${cg} has ${dev}/${acc} that ${parent} lacks after ${JSON.stringify(writes)}`,
								);
							}
						}
					}
				}
			}),
			{ numRuns: 300 },
		);
	});
});
