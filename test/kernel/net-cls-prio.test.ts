import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertErrno, TestHost } from "../support/host.ts";

const NET = [
	{ name: "lo", ifindex: 1 },
	{ name: "ifb0", ifindex: 2 },
	{ name: "eth0", ifindex: 4 },
];

function mounted(opts: string): TestHost {
	const t = new TestHost({ layout: "bare", machine: { netDevices: NET } });
	t.mkdir("/tmp/h");
	t.vfs.mount(t.init, "cgroup", "/tmp/h", "cgroup", 0, opts);
	return t;
}

describe("net_cls", () => {
	it("starts at 0, keeps the low 32 bits of a u64, refuses what kstrtoull refuses", () => {
		const t = mounted("net_cls");
		t.mkdir("/tmp/h/a");
		const f = "/tmp/h/a/net_cls.classid";
		assert.equal(t.read(f), "0\n");
		for (const [v, want] of [
			["0x100001", "1048577\n"],
			["4294967296", "0\n"],
			["18446744073709551615", "4294967295\n"],
			["010\n", "8\n"],
		] as const) {
			t.write(f, v);
			assert.equal(t.read(f), want, v);
		}
		for (const [v, errno] of [
			["18446744073709551616", "ERANGE"],
			["-1", "EINVAL"],
			[" 5", "EINVAL"],
			["abc", "EINVAL"],
		] as const) {
			assertErrno(() => t.write(f, v), errno, v);
			assert.equal(t.read(f), "8\n");
		}
	});

	it("gives a new cgroup its parent's classid, and only at creation", () => {
		const t = mounted("net_cls");
		t.mkdir("/tmp/h/a");
		t.write("/tmp/h/a/net_cls.classid", "7");
		t.mkdir("/tmp/h/a/b");
		t.write("/tmp/h/a/net_cls.classid", "9");
		assert.equal(t.read("/tmp/h/a/b/net_cls.classid"), "7\n");
		assert.equal(t.read("/tmp/h/net_cls.classid"), "0\n");
	});
});

describe("net_prio", () => {
	it("shows the css id as prioidx and every interface in the priomap", () => {
		const t = mounted("net_cls,net_prio");
		t.mkdir("/tmp/h/a");
		t.mkdir("/tmp/h/b");
		assert.equal(t.read("/tmp/h/net_prio.prioidx"), "1\n");
		assert.equal(t.read("/tmp/h/b/net_prio.prioidx"), "3\n");
		assert.equal(t.read("/tmp/h/a/net_prio.ifpriomap"), "lo 0\nifb0 0\neth0 0\n");
		assertErrno(() => t.write("/tmp/h/a/net_prio.prioidx", "5"), "EINVAL");
	});

	it("parses IFNAME %u, wraps to 32 bits, and leaves the map alone on errors", () => {
		const t = mounted("net_prio");
		t.mkdir("/tmp/h/a");
		const f = "/tmp/h/a/net_prio.ifpriomap";
		t.write(f, "eth0 7\n");
		t.write(f, " lo   99999999999");
		t.write(f, "ifb0 0x10");
		assert.equal(t.read(f), "lo 1215752191\nifb0 0\neth0 7\n");
		for (const [v, errno] of [
			["nosuch 3", "ENODEV"],
			["eth0 -1", "EINVAL"],
			["eth0", "EINVAL"],
			["\n", "EINVAL"],
			["LO 1", "ENODEV"],
		] as const) {
			assertErrno(() => t.write(f, v), errno, v);
		}
		assert.equal(t.read(f), "lo 1215752191\nifb0 0\neth0 7\n");
	});

	it("copies the parent's priorities into a new cgroup", () => {
		const t = mounted("net_prio");
		t.mkdir("/tmp/h/a");
		t.write("/tmp/h/a/net_prio.ifpriomap", "lo 9");
		t.mkdir("/tmp/h/a/b");
		t.write("/tmp/h/a/net_prio.ifpriomap", "lo 1");
		t.mkdir("/tmp/h/a/b/c");
		assert.equal(t.read("/tmp/h/a/b/net_prio.ifpriomap"), "lo 9\nifb0 0\neth0 0\n");
		assert.equal(t.read("/tmp/h/a/b/c/net_prio.ifpriomap"), "lo 9\nifb0 0\neth0 0\n");
	});
});
