import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from "../../src/fs/constants.ts";
import { checkMemoryInvariants } from "../../src/kernel/mm/invariants.ts";
import type { MemCgroup } from "../../src/kernel/mm/memcontrol.ts";
import type { Task } from "../../src/kernel/task.ts";
import type { BootOptions } from "../../src/userland/boot.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const MiB = 1024 ** 2;
const MEM = "/sys/fs/cgroup/memory";

function memcgOf(t: TestHost, path: string): MemCgroup {
	const inode = t.vfs.resolve(t.init, path).inode;
	assert.ok(inode instanceof CgroupDirInode);
	return inode.cgroup.subsys(t.kernel.cgroup.subsysByName("memory")!.id) as MemCgroup;
}

function setup(opts: BootOptions = {}): { t: TestHost; p: Task; m: MemCgroup } {
	const t = new TestHost({ layout: "hybrid", ...opts });
	t.mkdir(`${MEM}/a`);
	const p = t.spawn();
	t.write(`${MEM}/a/tasks`, String(p.pid));
	return { t, p, m: memcgOf(t, `${MEM}/a`) };
}

/** write(2) `bytes` zero bytes to `path` as `p`, in 64 KiB writes; returns what was written. */
function writeFile(t: TestHost, p: Task, path: string, bytes: number): number {
	const fd = t.vfs.open(p, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
	let done = 0;
	try {
		while (done < bytes) done += t.vfs.write(p, fd, "\0".repeat(Math.min(65536, bytes - done)));
	} finally {
		t.vfs.close(p, fd);
	}
	return done;
}

const noDrift = (t: TestHost): void => assert.deepEqual(checkMemoryInvariants(t.kernel.mm), []);

describe("page cache of tmpfs (shmem)", () => {
	it("charges a file's pages to the writer's memcg as cache and shmem; unlink uncharges them", () => {
		const { t, p, m } = setup();
		assert.equal(writeFile(t, p, "/tmp/f", 3 * MiB), 3 * MiB);
		assert.equal(m.stat[0], 768);
		assert.match(
			t.read(`${MEM}/a/memory.stat`),
			/^cache 3145728\nrss 0\nrss_huge 0\nshmem 3145728$/m,
		);
		// shmem lives on the anon lists.
		assert.match(t.read(`${MEM}/a/memory.numa_stat`), /^anon=768 N0=768$/m);
		// Reading it from another cgroup charges nothing more.
		const fd = t.vfs.open(t.init, "/tmp/f", O_RDONLY);
		t.vfs.read(t.init, fd, 1 << 20);
		t.vfs.close(t.init, fd);
		assert.equal(m.stat[0], 768);
		noDrift(t);
		t.vfs.unlink(p, "/tmp/f");
		assert.equal(m.stat[0], 0);
		noDrift(t);
	});

	it("truncation frees the pages past the new size", () => {
		const { t, p, m } = setup();
		writeFile(t, p, "/tmp/f", MiB);
		t.vfs.truncate(p, "/tmp/f", 4096 * 10);
		assert.equal(m.stat[0], 10);
		noDrift(t);
	});

	it("at a limit without swap, a write gets what fits; then the OOM killer ends the writer and the write fails with ENOMEM", () => {
		const { t, p, m } = setup();
		t.write(`${MEM}/a/memory.limit_in_bytes`, "1M");
		const fd = t.vfs.open(p, "/tmp/f", O_WRONLY | O_CREAT, 0o644);
		let written = 0;
		try {
			for (;;) written += t.vfs.write(p, fd, "\0".repeat(65536));
		} catch (e) {
			assert.equal((e as { code?: string }).code, "ENOMEM");
		}
		assert.ok(written <= MiB && written > MiB / 2, `wrote ${written}`);
		assert.ok(m.memory.failcnt > 0);
		assert.ok(p.signal.groupExit, "the writer, the memcg's only task, was the victim");
		assert.match(t.read(`${MEM}/a/memory.oom_control`), /^oom_kill 1$/m);
		noDrift(t);
	});

	it("with swap, shmem pages go to swap at the limit and come back when read", () => {
		const { t, p, m } = setup({ swap: 64 * MiB });
		t.write(`${MEM}/a/memory.limit_in_bytes`, "2M");
		assert.equal(writeFile(t, p, "/tmp/f", 8 * MiB), 8 * MiB);
		assert.ok(m.stat[6]! > 0, "swapped");
		assert.ok(m.memory.usage <= 512);
		const fd = t.vfs.open(p, "/tmp/f", O_RDONLY);
		let n = 0;
		for (let b = t.vfs.read(p, fd, 65536); b.length > 0; b = t.vfs.read(p, fd, 65536))
			n += b.length;
		t.vfs.close(p, fd);
		assert.equal(n, 8 * MiB);
		assert.ok(t.kernel.mm.pswpin > 0);
		noDrift(t);
	});
});

describe("page cache of the disk file system (ext4)", () => {
	it("is file LRU, not shmem, and reclaim drops it at a limit with no swap and no OOM", () => {
		const { t, p, m } = setup({ rootFs: "ext4", tmpTmpfs: false });
		t.write(`${MEM}/a/memory.limit_in_bytes`, "2M");
		assert.equal(writeFile(t, p, "/tmp/f", 10 * MiB), 10 * MiB);
		assert.ok(m.memory.usage <= 512);
		assert.ok(m.memory.failcnt > 0);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^shmem 0$/m);
		assert.match(t.read(`${MEM}/a/memory.oom_control`), /^oom_kill 0$/m);
		assert.equal(t.kernel.mm.swap.inuse, 0);
		// The data is all there: evicted pages are read back from the disk.
		assert.equal(t.vfs.stat(p, "/tmp/f").size, 10 * MiB);
		t.write(`${MEM}/a/memory.force_empty`, "1");
		assert.match(t.read(`${MEM}/a/memory.stat`), /^cache 0$/m);
		noDrift(t);
	});

	it("a second read activates a page (mark_page_accessed)", () => {
		const { t, p, m } = setup({ rootFs: "ext4", tmpTmpfs: false });
		writeFile(t, p, "/tmp/f", 4096);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^inactive_file 4096$/m);
		const fd = t.vfs.open(p, "/tmp/f", O_RDONLY);
		t.vfs.read(p, fd, 4096);
		t.vfs.close(p, fd);
		assert.match(t.read(`${MEM}/a/memory.stat`), /^active_file 4096$/m);
		assert.equal(m.stat[0], 1);
		assertErrno(() => t.vfs.open(p, "/nonexistent", O_RDONLY), "ENOENT");
		noDrift(t);
	});
});

describe("tmpfs inode lifetime and space", () => {
	it("an unlinked file keeps its pages charged while open and gives them back at the last close", () => {
		const { t, p, m } = setup();
		const fd = t.vfs.open(p, "/tmp/f", O_WRONLY | O_CREAT, 0o644);
		t.vfs.write(p, fd, "\0".repeat(65536));
		t.vfs.unlink(p, "/tmp/f");
		assert.equal(m.stat[0], 16);
		t.vfs.write(p, fd, "\0".repeat(65536));
		assert.equal(m.stat[0], 32);
		noDrift(t);
		t.vfs.close(p, fd);
		assert.equal(m.stat[0], 0);
		noDrift(t);
	});

	it("a write past the file system's size gets what fits, then ENOSPC, with nothing charged beyond the file", () => {
		const { t, p, m } = setup();
		t.mkdir("/tmp/small");
		t.vfs.mount(t.init, "tmpfs", "/tmp/small", "tmpfs", 0, "size=64k");
		const fd = t.vfs.open(p, "/tmp/small/f", O_WRONLY | O_CREAT, 0o644);
		assert.equal(t.vfs.write(p, fd, "\0".repeat(1024 * 1024)), 65536);
		assertErrno(() => t.vfs.write(p, fd, "\0"), "ENOSPC");
		t.vfs.close(p, fd);
		assert.equal(m.stat[0], 16);
		noDrift(t);
	});
});

describe("statistics of removed children", () => {
	it("stay in the parent's total_ lines, never in its own", () => {
		const { t } = setup();
		t.mkdir(`${MEM}/a/b`);
		const q = t.spawn();
		t.write(`${MEM}/a/b/tasks`, String(q.pid));
		writeFile(t, q, "/tmp/g", 400 * 1024);
		t.vfs.unlink(q, "/tmp/g");
		t.write(`${MEM}/tasks`, String(q.pid));
		t.rmdir(`${MEM}/a/b`);
		const stat = t.read(`${MEM}/a/memory.stat`);
		assert.match(stat, /^pgpgin 0$/m);
		assert.match(stat, /^total_pgpgin 100$/m);
		noDrift(t);
	});
});
