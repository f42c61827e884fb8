import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertInvariants } from "../../src/kernel/invariants.ts";
import { boot, parseSize } from "../../src/userland/boot.ts";
import { TestHost } from "../support/host.ts";

describe("boot layouts", () => {
	it("hybrid: one v1 hierarchy per controller with the reference host's ids, systemd and cgroup2", () => {
		const h = new TestHost();
		assert.deepEqual(h.ls("/sys/fs/cgroup"), [
			"unified",
			"systemd",
			"pids",
			"blkio",
			"freezer",
			"devices",
			"memory",
			"cpuset",
			"cpuacct",
			"cpu",
		]);
		assert.equal(
			h.read("/proc/1/cgroup"),
			"9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n4:memory:/\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n",
		);
		// The reference host's unified root: the root's core files and the pressure files.
		assert.deepEqual(h.ls("/sys/fs/cgroup/unified").sort(), [
			"cgroup.controllers",
			"cgroup.max.depth",
			"cgroup.max.descendants",
			"cgroup.pressure",
			"cgroup.procs",
			"cgroup.stat",
			"cgroup.subtree_control",
			"cgroup.threads",
			"cpu.pressure",
			"cpu.stat",
			"cpu.stat.local",
			"io.pressure",
			"memory.pressure",
		]);
		assert.equal(h.read("/sys/fs/cgroup/unified/cgroup.controllers"), "hugetlb\n");
		assertInvariants(h.kernel);
	});

	it("v2: cgroup2 alone at /sys/fs/cgroup, mounted as systemd does", () => {
		const h = new TestHost({ layout: "v2" });
		assert.equal(h.read("/proc/1/cgroup"), "0::/\n");
		assert.ok(
			h
				.read("/proc/mounts")
				.includes(
					"cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0",
				),
		);
		assert.match(h.read("/proc/cgroups"), /\ncpu\t0\t1\t1\n/);
	});

	it("bare: nothing mounted under /sys/fs/cgroup", () => {
		const h = new TestHost({ layout: "bare" });
		assert.equal(h.read("/proc/1/cgroup"), "");
		assert.deepEqual(h.ls("/sys/fs/cgroup"), []);
	});

	it("has the standard directories and devices", () => {
		const h = new TestHost();
		for (const d of ["/proc", "/sys/fs/cgroup", "/tmp", "/dev", "/root"]) {
			assert.ok(h.vfs.stat(h.init, d).mode & 0o040000, d);
		}
		assert.equal(h.vfs.stat(h.init, "/tmp").mode & 0o7777, 0o1777);
		assert.equal(h.vfs.stat(h.init, "/root").mode & 0o7777, 0o700);
		assert.deepEqual(h.ls("/dev").sort(), ["full", "null", "random", "urandom", "zero"]);
	});

	it("is deterministic for a seed", () => {
		const a = boot({ seed: 7 });
		const b = boot({ seed: 7 });
		const bytes = (h: typeof a) => {
			const fd = h.vfs.open(h.init, "/dev/urandom", 0);
			return [...h.vfs.read(h.init, fd, 16)];
		};
		assert.deepEqual(bytes(a), bytes(b));
		assert.notDeepEqual(bytes(boot({ seed: 8 })), bytes(boot({ seed: 7 })));
		assert.equal(
			a.vfs.readFile(a.init, "/proc/self/mountinfo"),
			b.vfs.readFile(b.init, "/proc/self/mountinfo"),
		);
	});

	it("parses sizes", () => {
		assert.equal(parseSize("4G"), 4 * 1024 ** 3);
		assert.equal(parseSize("512M"), 512 * 1024 ** 2);
		assert.equal(parseSize("1.5k"), 1536);
		assert.equal(parseSize("100"), 100);
		assert.equal(parseSize("2GiB"), 2 * 1024 ** 3);
		assert.throws(() => parseSize("lots"));
	});
});
