import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEV_NULL } from "../../src/fs/chrdev.ts";
import {
	CGROUP_SUPER_MAGIC,
	CGROUP2_SUPER_MAGIC,
	MNT_DETACH,
	MS_NODEV,
	MS_RDONLY,
	O_APPEND,
	O_CREAT,
	O_DIRECTORY,
	O_EXCL,
	O_NOFOLLOW,
	O_RDONLY,
	O_RDWR,
	O_TRUNC,
	O_WRONLY,
	PROC_SUPER_MAGIC,
	S_IFCHR,
	SEEK_END,
	TMPFS_MAGIC,
} from "../../src/fs/constants.ts";
import { bytesToBinary } from "../../src/kernel/bytes.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";

const text = (b: Uint8Array) => bytesToBinary(b);

describe("tmpfs files", () => {
	it("creates, writes, appends, truncates and seeks", () => {
		const h = new TestHost();
		const { vfs, init } = h;
		const fd = vfs.open(init, "/tmp/f", O_RDWR | O_CREAT, 0o644);
		assert.equal(vfs.write(init, fd, "hello"), 5);
		vfs.lseek(init, fd, 0, 0);
		assert.equal(text(vfs.read(init, fd, 100)), "hello");
		assert.equal(vfs.lseek(init, fd, 0, SEEK_END), 5);
		vfs.close(init, fd);
		const ap = vfs.open(init, "/tmp/f", O_WRONLY | O_APPEND);
		vfs.write(init, ap, " world");
		vfs.close(init, ap);
		assert.equal(h.read("/tmp/f"), "hello world");
		h.write("/tmp/f", "x");
		assert.equal(h.read("/tmp/f"), "x", "O_TRUNC");
		vfs.truncate(init, "/tmp/f", 3);
		assert.equal(h.read("/tmp/f"), "x\0\0");
		const st = vfs.stat(init, "/tmp/f");
		assert.deepEqual([st.size, st.mode & 0o7777, st.nlink], [3, 0o644, 1]);
		assertErrno(() => vfs.open(init, "/tmp/f", O_CREAT | O_EXCL | O_WRONLY), "EEXIST");
		assertErrno(() => vfs.open(init, "/tmp/f", O_DIRECTORY), "ENOTDIR");
		assertErrno(() => vfs.open(init, "/tmp", O_WRONLY), "EISDIR");
	});

	it("checks the access mode of descriptors", () => {
		const h = new TestHost();
		h.write("/tmp/f", "data");
		const ro = h.vfs.open(h.init, "/tmp/f", O_RDONLY);
		assertErrno(() => h.vfs.write(h.init, ro, "x"), "EBADF");
		const wo = h.vfs.open(h.init, "/tmp/f", O_WRONLY);
		assertErrno(() => h.vfs.read(h.init, wo, 1), "EBADF");
		h.vfs.close(h.init, wo);
		assertErrno(() => h.vfs.close(h.init, wo), "EBADF");
		const d = h.vfs.open(h.init, "/tmp", O_RDONLY);
		assertErrno(() => h.vfs.read(h.init, d, 1), "EISDIR");
		assert.deepEqual([ro, d], [0, 1], "lowest free descriptors (init has no stdio)");
		assert.equal(h.vfs.dup(h.init, ro), 2);
		assert.equal(h.vfs.dup2(h.init, ro, 9), 9);
		assert.equal(text(h.vfs.read(h.init, 9, 4)), "data");
		assert.equal(text(h.vfs.read(h.init, ro, 4)), "", "dup shares the position");
	});

	it("sizes directories by BOGO_DIRENT_SIZE and lists the newest entry first", () => {
		const h = new TestHost();
		h.mkdir("/tmp/d");
		for (const n of ["a", "b", "c", "d"]) h.write(`/tmp/d/${n}`, "");
		h.vfs.rename(h.init, "/tmp/d/b", "/tmp/d/bb");
		h.vfs.unlink(h.init, "/tmp/d/c");
		h.write("/tmp/d/e", "");
		assert.deepEqual(h.ls("/tmp/d"), ["e", "bb", "d", "a"]);
		assert.equal(h.vfs.stat(h.init, "/tmp/d").size, 40 + 4 * 20);
		h.mkdir("/tmp/d/sub");
		assert.equal(h.vfs.stat(h.init, "/tmp/d").nlink, 3);
	});

	it("renames over files and empty directories, refuses non-empty ones", () => {
		const h = new TestHost();
		h.write("/tmp/a", "A");
		h.write("/tmp/b", "B");
		h.vfs.rename(h.init, "/tmp/a", "/tmp/b");
		assert.equal(h.read("/tmp/b"), "A");
		h.mkdir("/tmp/x");
		h.mkdir("/tmp/y");
		h.mkdir("/tmp/z");
		h.write("/tmp/z/f", "");
		h.vfs.rename(h.init, "/tmp/x", "/tmp/y");
		assertErrno(() => h.vfs.rename(h.init, "/tmp/y", "/tmp/z"), "ENOTEMPTY");
		assertErrno(() => h.vfs.rename(h.init, "/tmp/y", "/tmp/y/inner"), "EINVAL");
		assertErrno(() => h.vfs.rename(h.init, "/tmp/b", "/tmp/z"), "EISDIR");
		assertErrno(() => h.vfs.rename(h.init, "/tmp/z", "/tmp/b"), "ENOTDIR");
		assertErrno(() => h.rmdir("/tmp/z"), "ENOTEMPTY");
		assertErrno(() => h.vfs.unlink(h.init, "/tmp/z"), "EISDIR");
		assertErrno(() => h.vfs.rename(h.init, "/tmp/b", "/proc/b"), "EXDEV");
	});

	it("keeps hard links and symlinks", () => {
		const h = new TestHost();
		h.write("/tmp/f", "x");
		h.vfs.link(h.init, "/tmp/f", "/tmp/g");
		assert.equal(h.vfs.stat(h.init, "/tmp/f").nlink, 2);
		h.vfs.unlink(h.init, "/tmp/f");
		assert.equal(h.read("/tmp/g"), "x");
		h.vfs.symlink(h.init, "g", "/tmp/rel");
		h.vfs.symlink(h.init, "/tmp/g", "/tmp/abs");
		assert.equal(h.read("/tmp/rel"), "x");
		assert.equal(h.read("/tmp/abs"), "x");
		assert.equal(h.vfs.readlink(h.init, "/tmp/rel"), "g");
		assertErrno(() => h.vfs.open(h.init, "/tmp/rel", O_RDONLY | O_NOFOLLOW), "ELOOP");
		h.vfs.symlink(h.init, "loop2", "/tmp/loop1");
		h.vfs.symlink(h.init, "loop1", "/tmp/loop2");
		assertErrno(() => h.read("/tmp/loop1"), "ELOOP");
		h.vfs.symlink(h.init, "/nowhere", "/tmp/dangling");
		assertErrno(() => h.read("/tmp/dangling"), "ENOENT");
		assert.equal((h.vfs.lstat(h.init, "/tmp/dangling").mode & 0o170000) === 0o120000, true);
	});

	it("gives new files the setgid directory's group, and subdirectories its bit", () => {
		const h = new TestHost();
		h.mkdir("/tmp/g");
		h.vfs.chown(h.init, "/tmp/g", 0, 50);
		h.vfs.chmod(h.init, "/tmp/g", 0o2775);
		h.write("/tmp/g/f", "");
		h.mkdir("/tmp/g/d");
		assert.equal(h.vfs.stat(h.init, "/tmp/g/f").gid, 50);
		assert.equal(h.vfs.stat(h.init, "/tmp/g/d").mode & 0o7777, 0o2755);
	});

	it("chown clears setuid, and setgid when group-executable, on non-directories even for root", () => {
		const h = new TestHost();
		h.write("/tmp/f", "");
		h.write("/tmp/g", "");
		h.mkdir("/tmp/d");
		h.vfs.chmod(h.init, "/tmp/f", 0o6755);
		h.vfs.chmod(h.init, "/tmp/g", 0o2745);
		h.vfs.chmod(h.init, "/tmp/d", 0o6755);
		for (const p of ["/tmp/f", "/tmp/g", "/tmp/d"]) h.vfs.chown(h.init, p, -1, 55);
		assert.equal(h.vfs.stat(h.init, "/tmp/f").mode & 0o7777, 0o755);
		assert.equal(h.vfs.stat(h.init, "/tmp/g").mode & 0o7777, 0o2745);
		assert.equal(h.vfs.stat(h.init, "/tmp/d").mode & 0o7777, 0o6755);
	});

	it("enforces size= with ENOSPC", () => {
		const h = new TestHost();
		h.mkdir("/tmp/small");
		h.vfs.mount(h.init, "tmpfs", "/tmp/small", "tmpfs", 0, "size=8k");
		h.write("/tmp/small/a", "x".repeat(8192));
		assertErrno(() => h.write("/tmp/small/b", "y"), "ENOSPC");
		assert.ok(h.read("/proc/mounts").includes("tmpfs /tmp/small tmpfs rw,relatime,size=8k 0 0"));
	});
});

describe("permissions", () => {
	it("apply owner, group and other bits, with root's overrides", () => {
		const h = new TestHost();
		h.write("/tmp/f", "secret");
		h.vfs.chmod(h.init, "/tmp/f", 0);
		assert.equal(h.read("/tmp/f"), "secret", "root reads a 0000 file");
		const u = h.spawnAs(1000, 1000);
		assertErrno(() => h.read("/tmp/f", u), "EACCES");
		h.vfs.chown(h.init, "/tmp/f", 0, 1000);
		h.vfs.chmod(h.init, "/tmp/f", 0o040);
		assert.equal(h.read("/tmp/f", u), "secret", "group read");
		h.vfs.chmod(h.init, "/tmp/f", 0o404);
		assertErrno(() => h.read("/tmp/f", u), "EACCES", "group bits apply, not other");
		h.mkdir("/tmp/locked", 0o700);
		h.write("/tmp/locked/x", "");
		assertErrno(() => h.read("/tmp/locked/x", u), "EACCES", "no search permission");
		assert.equal(
			errnoOf(() => h.vfs.access(h.init, "/tmp/f", 1)),
			"EACCES",
			"root needs an x bit to exec",
		);
	});

	it("let only owners remove entries of a sticky directory", () => {
		const h = new TestHost();
		const a = h.spawnAs(1000);
		const b = h.spawnAs(1001);
		h.write("/tmp/mine", "", a);
		assertErrno(() => h.vfs.unlink(b, "/tmp/mine"), "EPERM");
		h.vfs.unlink(a, "/tmp/mine");
	});

	it("refuse writes on read-only mounts", () => {
		const h = new TestHost();
		h.mkdir("/tmp/ro");
		h.vfs.mount(h.init, "tmpfs", "/tmp/ro", "tmpfs", MS_RDONLY, null);
		assertErrno(() => h.write("/tmp/ro/f", "x"), "EROFS");
		assertErrno(() => h.mkdir("/tmp/ro/d"), "EROFS");
	});
});

describe("path walk", () => {
	it("reports ENOENT, ENOTDIR and ENAMETOOLONG like the kernel", () => {
		const h = new TestHost();
		h.write("/tmp/file", "");
		assertErrno(() => h.read("/tmp/missing"), "ENOENT");
		assertErrno(() => h.read("/tmp/file/x"), "ENOTDIR");
		assertErrno(() => h.read("/tmp/file/"), "ENOTDIR");
		assertErrno(() => h.read(""), "ENOENT");
		assertErrno(() => h.read(`/${"a/".repeat(2048)}`), "ENAMETOOLONG");
		assertErrno(() => h.read(`/tmp/${"n".repeat(256)}`), "ENAMETOOLONG");
		assert.equal(h.vfs.stat(h.init, "/tmp/../tmp/./file").size, 0);
		assert.equal(h.vfs.stat(h.init, "/..").ino, h.vfs.stat(h.init, "/").ino);
	});

	it("crosses mount points in both directions and tracks the working directory", () => {
		const h = new TestHost();
		h.vfs.chdir(h.init, "/sys/fs/cgroup/cpu");
		assert.equal(h.vfs.getcwd(h.init), "/sys/fs/cgroup/cpu");
		h.mkdir("a");
		h.vfs.chdir(h.init, "a");
		assert.equal(h.vfs.getcwd(h.init), "/sys/fs/cgroup/cpu/a");
		assert.equal(
			h.vfs.stat(h.init, "../../memory").dev,
			h.vfs.stat(h.init, "/sys/fs/cgroup/memory").dev,
		);
		h.vfs.chdir(h.init, "..");
		h.rmdir("a");
		h.vfs.chdir(h.init, "/");
	});

	it("fails lookups and getcwd inside a removed directory", () => {
		const h = new TestHost();
		h.mkdir("/sys/fs/cgroup/cpu/gone");
		const t = h.spawn();
		h.vfs.chdir(t, "/sys/fs/cgroup/cpu/gone");
		h.rmdir("/sys/fs/cgroup/cpu/gone");
		assertErrno(() => h.vfs.getcwd(t), "ENOENT");
		assertErrno(() => h.vfs.mkdir(t, "sub"), "ENOENT");
		assertErrno(() => h.read("tasks", t), "ENOENT");
	});
});

describe("mounting", () => {
	it("refuses to unmount busy mounts unless lazily, and non-mounts", () => {
		const h = new TestHost();
		h.mkdir("/tmp/m");
		h.vfs.mount(h.init, "tmpfs", "/tmp/m", "tmpfs", 0, null);
		const fd = h.vfs.open(h.init, "/tmp/m", O_RDONLY);
		assertErrno(() => h.vfs.umount(h.init, "/tmp/m"), "EBUSY");
		h.vfs.close(h.init, fd);
		h.mkdir("/tmp/m/inner");
		h.vfs.mount(h.init, "tmpfs", "/tmp/m/inner", "tmpfs", 0, null);
		assertErrno(() => h.vfs.umount(h.init, "/tmp/m"), "EBUSY");
		h.vfs.umount(h.init, "/tmp/m", MNT_DETACH);
		assert.ok(!h.read("/proc/mounts").includes("/tmp/m"));
		assert.equal(
			errnoOf(() => h.vfs.umount(h.init, "/tmp/")),
			"OK",
			"a trailing slash names the root",
		);
	});

	it("checks the mount point, the type and the caller", () => {
		const h = new TestHost();
		h.write("/tmp/file", "");
		assertErrno(() => h.vfs.mount(h.init, "x", "/tmp/file", "tmpfs", 0, null), "ENOTDIR");
		assertErrno(() => h.vfs.mount(h.init, "x", "/tmp", "nosuchfs", 0, null), "ENODEV");
		assertErrno(() => h.vfs.mount(h.init, "x", "/nowhere", "tmpfs", 0, null), "ENOENT");
		assertErrno(() => h.vfs.umount(h.init, "/sys/fs"), "EINVAL");
		assertErrno(() => h.vfs.mount(h.spawnAs(1000), "x", "/tmp", "tmpfs", 0, null), "EPERM");
		assertErrno(() => h.vfs.umount(h.spawnAs(1000), "/tmp"), "EPERM");
		assertErrno(() => h.vfs.mount(h.init, "x", "/tmp", "tmpfs", 0, "source=y"), "EINVAL");
	});

	it("stacks mounts on one point and reveals the one below at umount", () => {
		const h = new TestHost({ layout: "bare" });
		h.mkdir("/tmp/s");
		h.vfs.mount(h.init, "one", "/tmp/s", "tmpfs", 0, null);
		h.write("/tmp/s/f", "1");
		h.vfs.mount(h.init, "two", "/tmp/s", "tmpfs", 0, null);
		assertErrno(() => h.read("/tmp/s/f"), "ENOENT");
		h.vfs.umount(h.init, "/tmp/s");
		assert.equal(h.read("/tmp/s/f"), "1");
	});

	it("reports each filesystem's magic number through statfs", () => {
		const h = new TestHost();
		assert.equal(h.vfs.statfs(h.init, "/tmp").type, TMPFS_MAGIC);
		assert.equal(h.vfs.statfs(h.init, "/proc").type, PROC_SUPER_MAGIC);
		assert.equal(h.vfs.statfs(h.init, "/sys/fs/cgroup/cpu/tasks").type, CGROUP_SUPER_MAGIC);
		assert.equal(h.vfs.statfs(h.init, "/sys/fs/cgroup/unified").type, CGROUP2_SUPER_MAGIC);
		assert.equal(h.vfs.statfs(h.init, "/sys/fs/cgroup").type, TMPFS_MAGIC);
	});
});

describe("devices", () => {
	it("null, zero and full behave as in drivers/char/mem.c", () => {
		const h = new TestHost();
		assert.equal(h.read("/dev/null"), "");
		assert.equal(h.write("/dev/null", "discarded"), 9);
		const z = h.vfs.open(h.init, "/dev/zero", O_RDONLY);
		assert.deepEqual([...h.vfs.read(h.init, z, 4)], [0, 0, 0, 0]);
		assertErrno(() => h.write("/dev/full", "x"), "ENOSPC");
		const st = h.vfs.stat(h.init, "/dev/null");
		assert.deepEqual([st.mode, st.rdev], [S_IFCHR | 0o666, DEV_NULL]);
	});

	it("cannot be opened from a nodev mount; mknod needs CAP_MKNOD", () => {
		const h = new TestHost();
		h.mkdir("/tmp/nd");
		h.vfs.mount(h.init, "tmpfs", "/tmp/nd", "tmpfs", MS_NODEV, null);
		h.vfs.mknod(h.init, "/tmp/nd/null", S_IFCHR | 0o666, DEV_NULL);
		assertErrno(() => h.read("/tmp/nd/null"), "EACCES");
		assertErrno(() => h.vfs.mknod(h.spawnAs(1000), "/tmp/x", S_IFCHR | 0o666, DEV_NULL), "EPERM");
		h.vfs.mknod(h.init, "/tmp/nodev", S_IFCHR | 0o666, 0xfff);
		assertErrno(() => h.read("/tmp/nodev"), "ENXIO");
	});
});

describe("write semantics", () => {
	it("opens with O_TRUNC on cgroup and proc files without error", () => {
		const h = new TestHost();
		h.mkdir("/sys/fs/cgroup/cpu/t");
		const fd = h.vfs.open(h.init, "/sys/fs/cgroup/cpu/t/notify_on_release", O_WRONLY | O_TRUNC);
		h.vfs.write(h.init, fd, "1");
		h.vfs.close(h.init, fd);
		assert.equal(h.read("/sys/fs/cgroup/cpu/t/notify_on_release"), "1\n");
	});
});
