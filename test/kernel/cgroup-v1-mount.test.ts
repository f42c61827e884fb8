import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MS_REMOUNT } from "../../src/fs/constants.ts";
import { errnoOf, TestHost } from "../support/host.ts";

const MNT = "/tmp/h";

function setup(): TestHost {
	const h = new TestHost();
	h.mkdir(MNT);
	return h;
}

function mount(h: TestHost, opts: string, flags = 0, task = h.init): string {
	return errnoOf(() => h.vfs.mount(task, "cgroup", MNT, "cgroup", flags, opts));
}

function mountsLine(h: TestHost): string | undefined {
	return h
		.read("/proc/self/mounts")
		.split("\n")
		.find((l) => l.includes(` ${MNT} `));
}

/** The hierarchy id /proc/self/cgroup shows for a named hierarchy. */
function idOf(h: TestHost, name: string): number | undefined {
	const line = h
		.read("/proc/self/cgroup")
		.split("\n")
		.find((l) => l.includes(`name=${name}:`));
	return line === undefined ? undefined : Number(line.split(":")[0]);
}

describe("cgroup v1 mount options (cgroup1_parse_param, check_cgroupfs_options)", () => {
	it("replays the reference kernel's answers and hierarchy ids, in order", () => {
		const h = setup();
		const name = "cgkit-p1";
		const long63 = "x".repeat(63);
		// [options, errno, /proc/mounts options when mounted, new hierarchy id]
		const steps: [string, string, string?, number?][] = [
			["none", "EINVAL"],
			["none,cpu", "EINVAL"],
			["all,cpu", "EINVAL"],
			["bogus", "EINVAL"],
			["name=", "EINVAL"],
			[`name=${name},name=${name}x`, "EINVAL"],
			["name=a/b", "EINVAL"],
			[`name=${"x".repeat(64)}`, "EINVAL"],
			[`name=${long63}`, "EINVAL"],
			[`none,name=${name},noprefix`, "OK", `rw,relatime,noprefix,name=${name}`, 10],
			["cpu,noprefix", "EINVAL"],
			["cpuset,noprefix", "OK", "rw,relatime,cpuset"],
			[`name=${name}`, "EINVAL"],
			[
				`none,name=${name},clone_children,xattr`,
				"OK",
				`rw,relatime,xattr,clone_children,name=${name}`,
				11,
			],
			[`none,name=${name},release_agent=/x,release_agent=/y`, "EINVAL"],
			[`none,name=${name},cpuset_v2_mode`, "OK", `rw,relatime,cpuset_v2_mode,name=${name}`, 12],
			[`none,name=${name},favordynmods`, "OK", `rw,relatime,favordynmods,name=${name}`, 13],
			[`none,name=${name},foo=bar`, "EINVAL"],
			[`none,name=${name},cpu`, "EINVAL"],
			["cpu,cpuacct", "EBUSY"],
			["cpu", "OK", "rw,relatime,cpu"],
			[`cpu,name=${name}`, "EBUSY"],
			["", "EBUSY"],
			["all", "EBUSY"],
			[`none,none,name=${name}`, "OK", `rw,relatime,name=${name}`, 18],
			[`none,name=${name},all`, "EINVAL"],
			[`none,name=${long63}`, "OK", `rw,relatime,name=${long63}`, 19],
		];
		for (const [opts, errno, shown, id] of steps) {
			assert.equal(mount(h, opts), errno, `mount -o '${opts}'`);
			if (errno !== "OK") continue;
			const line = mountsLine(h);
			assert.equal(line, `cgroup ${MNT} cgroup ${shown} 0 0`, opts);
			if (id !== undefined) assert.equal(idOf(h, opts.includes(long63) ? long63 : name), id, opts);
			h.vfs.umount(h.init, MNT);
			h.check();
		}
		assert.equal(idOf(h, name), undefined, "childless named hierarchies die at umount");
	});

	it("logs why an option was refused, as the kernel does", () => {
		const h = setup();
		mount(h, "bogus");
		mount(h, "cpu,noprefix");
		const log = h.kernel.log.map((r) => r.text);
		assert.ok(log.includes("cgroup: Unknown subsys name 'bogus'"));
		assert.ok(log.includes("cgroup: noprefix used incorrectly"));
	});

	it("refuses a flag with a value and a name without one", () => {
		const h = setup();
		assert.equal(mount(h, "none=1,name=x"), "EINVAL");
		assert.equal(mount(h, "none,name"), "EINVAL");
		assert.equal(mount(h, "none,name=x,release_agent="), "EINVAL", "fs_param_is_string(): empty");
		assert.ok(h.kernel.log.some((r) => r.text === "cgroup: Bad value for 'release_agent'"));
		assert.equal(mount(h, "cpu=whatever"), "OK", "controller keys ignore a value");
	});

	it("takes Latin-1 letters in a name, as the kernel's isalnum() does", () => {
		const h = setup();
		assert.equal(mount(h, "none,name=a\xe9\xc0\xff"), "OK", "0xC0-0xFF are letters");
		h.vfs.umount(h.init, MNT);
		for (const bad of ["\xd7", "\xf7", "\xa0", "\x80", "\xc3\xa9"]) {
			assert.equal(mount(h, `none,name=a${bad}`), "EINVAL", JSON.stringify(bad));
		}
	});

	it("needs CAP_SYS_ADMIN", () => {
		const h = setup();
		const user = h.spawnAs(1000);
		assert.equal(mount(h, "none,name=x", 0, user), "EPERM");
	});
});

describe("hierarchy reuse and lifetime", () => {
	it("shares one hierarchy between mounts with the same controllers", () => {
		const h = setup();
		h.mkdir("/tmp/h2");
		assert.equal(mount(h, "none,name=shared"), "OK");
		h.vfs.mount(h.init, "cgroup", "/tmp/h2", "cgroup", 0, "none,name=shared");
		h.mkdir(`${MNT}/a`);
		assert.deepEqual(h.ls("/tmp/h2").includes("a"), true);
		const a = h.vfs.stat(h.init, `${MNT}/a`);
		const b = h.vfs.stat(h.init, "/tmp/h2/a");
		assert.equal(a.dev, b.dev, "one superblock");
		assert.equal(a.ino, b.ino);
	});

	it("refuses the same hierarchy twice on one mount point (EBUSY), stacks another", () => {
		const h = setup();
		assert.equal(mount(h, "none,name=once"), "OK");
		assert.equal(mount(h, "none,name=once"), "EBUSY", "do_add_mount(): same superblock");
		assert.equal(mount(h, "none,name=other"), "OK", "another hierarchy stacks");
		assert.equal(mount(h, "none,name=once"), "OK", "the top mount is another superblock now");
		const lines = h
			.read("/proc/self/mounts")
			.split("\n")
			.filter((l) => l.includes(` ${MNT} `));
		assert.equal(lines.length, 3);
	});

	it("keeps a hierarchy with children after its last umount and finds it again by name", () => {
		const h = setup();
		assert.equal(mount(h, "none,name=keep"), "OK");
		h.mkdir(`${MNT}/child`);
		const id = idOf(h, "keep");
		h.vfs.umount(h.init, MNT);
		assert.equal(idOf(h, "keep"), id, "still listed in /proc/self/cgroup");
		assert.equal(mount(h, "name=keep"), "OK", "name= alone finds it");
		assert.ok(h.ls(MNT).includes("child"));
		h.vfs.umount(h.init, MNT);
		assert.equal(mount(h, "none,name=keep"), "OK", "so does the identical option set");
		assert.equal(mount(h, "none,name=keep,cpu"), "EINVAL");
		h.vfs.umount(h.init, MNT);
		assert.equal(mount(h, "freezer,name=keep"), "EBUSY", "same name, other controllers");
		h.check();
	});

	it("keeps controllers bound while the hierarchy survives", () => {
		const h = setup();
		// hugetlb is unbound in the hybrid layout.
		assert.equal(mount(h, "hugetlb"), "OK");
		h.mkdir(`${MNT}/c`);
		h.vfs.umount(h.init, MNT);
		assert.match(h.read("/proc/cgroups"), /\nhugetlb\t10\t2\t1\n/);
		h.mkdir("/tmp/other");
		assert.equal(
			errnoOf(() => h.vfs.mount(h.init, "cgroup", "/tmp/other", "cgroup", 0, "hugetlb,name=n")),
			"EBUSY",
		);
		assert.equal(mount(h, "hugetlb"), "OK");
		h.rmdir(`${MNT}/c`);
		h.vfs.umount(h.init, MNT);
		assert.match(h.read("/proc/cgroups"), /\nhugetlb\t0\t1\t1\n/, "back on cgroup2");
		h.check();
	});

	it("refuses a remount of a hierarchy with children (EBUSY) and a changed name or flags (EINVAL)", () => {
		const h = setup();
		assert.equal(mount(h, "none,name=r"), "OK");
		assert.equal(mount(h, "none,name=r,noprefix", MS_REMOUNT), "EINVAL");
		assert.equal(mount(h, "none,name=other", MS_REMOUNT), "EINVAL");
		h.mkdir(`${MNT}/c`);
		assert.equal(mount(h, "none,name=r", MS_REMOUNT), "EBUSY");
		assert.equal(mount(h, "none,name=r,release_agent=/bin/x", MS_REMOUNT), "EBUSY");
		h.rmdir(`${MNT}/c`);
		assert.equal(mount(h, "none,name=r,release_agent=/bin/x", MS_REMOUNT), "OK");
		assert.equal(h.read(`${MNT}/release_agent`), "/bin/x\n");
		assert.equal(mount(h, "hugetlb,name=r", MS_REMOUNT), "OK", "controllers can be added");
		assert.ok(h.read("/proc/self/cgroup").includes(":hugetlb,name=r:/"));
		h.check();
	});

	it("ignores mismatched flags when reusing, with a warning", () => {
		const h = setup();
		assert.equal(mount(h, "cpuset,noprefix,clone_children"), "OK");
		assert.equal(mountsLine(h), `cgroup ${MNT} cgroup rw,relatime,cpuset 0 0`);
		assert.ok(h.ls(MNT).includes("cgroup.procs"));
		assert.ok(
			h.kernel.log.some((r) =>
				r.text.includes("new mount options do not match the existing superblock"),
			),
		);
	});

	it("puts every live task into the root of a new hierarchy", () => {
		const h = setup();
		const t = h.spawn();
		const th = h.kernel.fork(t, { flags: 0x10000 | 0x800 | 0x100 });
		assert.equal(mount(h, "none,name=all"), "OK");
		assert.equal(h.read(`${MNT}/tasks`), `1\n2\n${t.pid}\n${th.pid}\n`);
		assert.equal(h.read(`${MNT}/cgroup.procs`), `1\n2\n${t.pid}\n`);
		h.check();
	});

	it("applies clone_children and release_agent given at mount time", () => {
		const h = setup();
		assert.equal(mount(h, "none,name=x,clone_children,release_agent=/sbin/agent"), "OK");
		assert.equal(h.read(`${MNT}/cgroup.clone_children`), "1\n");
		assert.equal(h.read(`${MNT}/release_agent`), "/sbin/agent\n");
		h.mkdir(`${MNT}/c`);
		assert.equal(h.read(`${MNT}/c/cgroup.clone_children`), "1\n");
		assert.equal(
			mountsLine(h),
			`cgroup ${MNT} cgroup rw,relatime,release_agent=/sbin/agent,clone_children,name=x 0 0`,
		);
		h.write(`${MNT}/cgroup.clone_children`, "0");
		assert.equal(
			mountsLine(h),
			`cgroup ${MNT} cgroup rw,relatime,release_agent=/sbin/agent,name=x 0 0`,
		);
	});

	it("mount -t cpuset is cgroup with cpuset,noprefix and the cpuset release agent", () => {
		const h = new TestHost({ layout: "bare" });
		h.mkdir("/dev/cpuset");
		h.vfs.mount(h.init, "cpuset", "/dev/cpuset", "cpuset", 0, null);
		const line = h
			.read("/proc/mounts")
			.split("\n")
			.find((l) => l.includes("/dev/cpuset"));
		assert.equal(
			line,
			"cpuset /dev/cpuset cgroup rw,relatime,cpuset,noprefix,release_agent=/sbin/cpuset_release_agent 0 0",
		);
		h.mkdir("/tmp/c");
		assert.equal(
			errnoOf(() => h.vfs.mount(h.init, "cpuset", "/tmp/c", "cpuset", 0, "x")),
			"EINVAL",
		);
	});

	it("cgroup2 takes only its own options, and each mount sets the root flags", () => {
		const h = new TestHost({ layout: "bare" });
		h.mkdir("/tmp/u");
		const m = (opts: string | null) =>
			errnoOf(() => h.vfs.mount(h.init, "cgroup2", "/tmp/u", "cgroup2", 0, opts));
		assert.equal(m("bogus"), "EINVAL");
		assert.equal(m("nsdelegate=1"), "EINVAL");
		assert.equal(m("nsdelegate,memory_recursiveprot"), "OK");
		const line = () =>
			h
				.read("/proc/mounts")
				.split("\n")
				.find((l) => l.includes("/tmp/u"));
		assert.equal(line(), "cgroup2 /tmp/u cgroup2 rw,relatime,nsdelegate,memory_recursiveprot 0 0");
		h.mkdir("/tmp/u2");
		h.vfs.mount(h.init, "cgroup2", "/tmp/u2", "cgroup2", 0, null);
		assert.equal(
			line(),
			"cgroup2 /tmp/u cgroup2 rw,relatime 0 0",
			"flags are global to the hierarchy",
		);
	});

	it("shows the cgroup2 line in /proc/<pid>/cgroup only once cgroup2 was mounted", () => {
		const h = new TestHost({ layout: "bare" });
		assert.equal(h.read("/proc/self/cgroup"), "");
		h.mkdir("/tmp/u");
		h.vfs.mount(h.init, "cgroup2", "/tmp/u", "cgroup2", 0, null);
		h.vfs.umount(h.init, "/tmp/u");
		assert.equal(h.read("/proc/self/cgroup"), "0::/\n", "and it stays after umount");
	});
});
