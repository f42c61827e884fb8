import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kstrtobool } from "../../src/kernel/kstrto.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const CPU = "/sys/devices/system/cpu";
const NODE = "/sys/devices/system/node";

describe("sysfs", () => {
	it("is mounted at /sys with the kernel's flags, and holds the directory cgroup mounts sit on", () => {
		const h = new TestHost();
		assert.ok(
			h
				.read("/proc/self/mounts")
				.includes("sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"),
		);
		assert.equal(h.vfs.stat(h.init, "/sys").mode & 0o7777, 0o555);
		assert.equal(h.vfs.stat(h.init, "/sys/fs").mode & 0o7777, 0o755);
		assert.ok(h.ls("/sys/fs/cgroup").includes("cpuset"));
		const bare = new TestHost({ layout: "bare" });
		assert.deepEqual(bare.ls("/sys/fs/cgroup"), []);
		assertErrno(() => bare.mkdir("/sys/fs/cgroup/x"), "EPERM");
		assertErrno(() => bare.write("/sys/newfile", "x"), "EACCES");
	});

	it("shows the CPU lists, kernel_max and the per-CPU online files", () => {
		const h = new TestHost({ cpus: 4, nodes: 2 });
		const expected: [string, string][] = [
			["online", "0-3\n"],
			["possible", "0-3\n"],
			["present", "0-3\n"],
			["offline", "\n"],
			["kernel_max", "255\n"],
		];
		for (const [f, content] of expected) {
			assert.equal(h.read(`${CPU}/${f}`), content, f);
			const st = h.vfs.stat(h.init, `${CPU}/${f}`);
			assert.equal(st.mode & 0o7777, 0o444, f);
			assert.equal(st.size, 4096);
			assert.equal(st.uid, 0);
		}
		assert.deepEqual(h.ls(`${CPU}/cpu0`), []);
		assert.deepEqual(h.ls(`${CPU}/cpu3`), ["online"]);
		assert.equal(h.vfs.stat(h.init, `${CPU}/cpu3/online`).mode & 0o7777, 0o644);
		assert.equal(h.read(`${CPU}/cpu3/online`), "1\n");
	});

	it("shows the node states and each node's online CPUs as a list and a mask", () => {
		const h = new TestHost({ cpus: 4, nodes: 2 });
		for (const f of ["online", "possible", "has_cpu", "has_memory"]) {
			assert.equal(h.read(`${NODE}/${f}`), "0-1\n", f);
		}
		assert.equal(h.read(`${NODE}/node1/cpulist`), "2-3\n");
		assert.equal(h.read(`${NODE}/node1/cpumap`), "c\n");
		h.write(`${CPU}/cpu3/online`, "0");
		assert.equal(h.read(`${NODE}/node1/cpulist`), "2\n");
		assert.equal(h.read(`${NODE}/node1/cpumap`), "4\n");
	});

	it("`online` takes kstrtobool values; others are EINVAL and change nothing", () => {
		const h = new TestHost({ cpus: 4 });
		for (const [v, online] of [
			["0", "0-2"],
			["0", "0-2"],
			["1", "0-3"],
			["off", "0-2"],
			["Y", "0-3"],
			["no", "0-2"],
			["t\n", "0-3"],
		] as const) {
			h.write(`${CPU}/cpu3/online`, v);
			assert.equal(h.read(`${CPU}/online`), `${online}\n`, v);
		}
		for (const v of ["2", "abc", "-1", " 1", "o", "\n"]) {
			assertErrno(() => h.write(`${CPU}/cpu3/online`, v), "EINVAL", v);
			assert.equal(h.read(`${CPU}/online`), "0-3\n");
		}
		h.write(`${CPU}/cpu2/online`, "0");
		assert.equal(h.read(`${CPU}/offline`), "2\n");
		assert.equal(h.read(`${CPU}/cpu2/online`), "0\n");
	});

	it("kstrtobool reads only the first one or two characters", () => {
		assert.equal(kstrtobool("10"), true);
		assert.equal(kstrtobool("on"), true);
		assert.equal(kstrtobool("OFF"), false);
		assert.equal(kstrtobool("yes"), true);
		assert.equal(kstrtobool("false"), false);
		assert.equal(
			errnoOf(() => kstrtobool("")),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => kstrtobool("ox")),
			"EINVAL",
		);
	});

	it("read-only attributes cannot be opened for writing, not even by root; online is root's", () => {
		const h = new TestHost({ cpus: 2 });
		assertErrno(() => h.write(`${CPU}/online`, "1"), "EACCES");
		const user = h.spawnAs(1000);
		assertErrno(() => h.write(`${CPU}/cpu1/online`, "0", user), "EACCES");
		assert.equal(h.read(`${CPU}/cpu1/online`, user), "1\n");
	});

	it("offlining from the shell moves the tasks of an emptied cpuset up", () => {
		const sys = newSystem({ cpus: 2 });
		const run = runProgram(sys, [
			"/bin/sh",
			"-c",
			`cd /sys/fs/cgroup/cpuset; mkdir a; echo 1 > a/cpuset.cpus; echo 0 > a/cpuset.mems; echo $$ > a/tasks
			echo 0 > ${CPU}/cpu1/online; cat /proc/self/cpuset ${CPU}/online ${CPU}/offline a/cpuset.cpus
			echo 1 > ${CPU}/cpu1/online; cat ${CPU}/online a/cpuset.cpus cpuset.cpus
			/bin/echo 2 > ${CPU}/cpu1/online`,
		]);
		assert.equal(run.stdout, "/\n0\n1\n\n0-1\n\n0-1\n");
		assert.equal(run.stderr, "/bin/echo: write error: Invalid argument\n");
	});
});
