import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	F_DUPFD,
	F_DUPFD_CLOEXEC,
	F_DUPFD_QUERY,
	F_GETFD,
	F_GETFL,
	F_GETPIPE_SZ,
	F_SETFD,
	F_SETFL,
	F_SETPIPE_SZ,
	FD_CLOEXEC,
	major,
	O_APPEND,
	O_CLOEXEC,
	O_CREAT,
	O_DIRECT,
	O_DIRECTORY,
	O_EXCL,
	O_LARGEFILE,
	O_NOATIME,
	O_NOCTTY,
	O_NONBLOCK,
	O_PATH,
	O_RDONLY,
	O_RDWR,
	O_TRUNC,
	O_WRONLY,
	S_IFDIR,
	S_IFIFO,
	S_IFLNK,
	SEEK_CUR,
	SEEK_DATA,
	SEEK_END,
	SEEK_HOLE,
	SEEK_SET,
} from "../../src/fs/constants.ts";
import type { FdTable } from "../../src/fs/file.ts";
import { type PipeInodeInfo, pipeOf } from "../../src/fs/pipe.ts";
import { binaryToBytes, bytesToBinary } from "../../src/kernel/bytes.ts";
import { isKernelError } from "../../src/kernel/errno.ts";
import type { Task } from "../../src/kernel/task.ts";
import { type WaitQueue, WouldBlock } from "../../src/kernel/wait.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const text = (b: Uint8Array) => bytesToBinary(b);
const xs = (n: number) => "x".repeat(n);

function files(h: TestHost, t: Task): FdTable {
	return h.vfs.files(t);
}

function pipeAt(h: TestHost, t: Task, fd: number): PipeInodeInfo {
	return pipeOf(files(h, t).get(fd))!;
}

/** What the call threw when it would sleep (the queue to wait on), or null. */
function blocksOn(fn: () => unknown): WaitQueue | null {
	try {
		fn();
		return null;
	} catch (e) {
		if (e instanceof WouldBlock) return e.queue;
		throw e;
	}
}

/** Write `chunk`-byte writes to a non-blocking pipe until EAGAIN; the total taken. */
function fillWith(h: TestHost, t: Task, fd: number, chunk: number): number {
	let total = 0;
	for (;;) {
		let n: number;
		try {
			n = h.vfs.write(t, fd, xs(chunk));
		} catch (e) {
			assert.ok(isKernelError(e) && e.code === "EAGAIN", String(e));
			return total;
		}
		total += n;
	}
}

/** A counter of the times a waiter on `q` is woken (it re-arms itself). */
function watch(q: WaitQueue): { count: number } {
	const state = { count: 0 };
	const fn = (): void => {
		state.count++;
	};
	q.add(fn);
	return state;
}

describe("pipe2", () => {
	it("returns the two lowest free descriptors, read end first", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = h.vfs.open(t, "/dev/null", O_RDONLY);
		assert.equal(fd, 0);
		h.vfs.open(t, "/dev/null", O_RDONLY);
		h.vfs.open(t, "/dev/null", O_RDONLY);
		h.vfs.close(t, 1);
		assert.deepEqual(h.vfs.pipe2(t), [1, 3]);
		assert.equal(h.vfs.write(t, 3, "ping"), 4);
		assert.equal(text(h.vfs.read(t, 1, 100)), "ping");
		assertErrno(() => h.vfs.read(t, 3, 1), "EBADF", "the write end is not readable");
		assertErrno(() => h.vfs.write(t, 1, "x"), "EBADF", "the read end is not writable");
	});

	it("makes a FIFO inode on pipefs owned by the creator's fsuid/fsgid", () => {
		const h = new TestHost();
		const u = h.spawnAs(1000, 1001);
		const [r, w] = h.vfs.pipe2(u);
		const a = h.vfs.fstat(u, r);
		const b = h.vfs.fstat(u, w);
		assert.deepEqual(a, b, "both ends are one inode");
		assert.equal(a.mode, S_IFIFO | 0o600);
		assert.deepEqual(
			[a.uid, a.gid, a.nlink, a.size, a.blksize, a.blocks],
			[1000, 1001, 1, 0, 4096, 0],
		);
		assert.equal(major(a.dev), 0, "an anonymous device");
		const [r2] = h.vfs.pipe2(u);
		const c = h.vfs.fstat(u, r2);
		assert.equal(c.dev, a.dev, "one pipefs superblock");
		assert.notEqual(c.ino, a.ino, "a fresh inode number per pipe");
		h.vfs.write(u, w, "data");
		assert.equal(h.vfs.fstat(u, r).size, 0, "st_size stays 0 with data buffered");
		h.vfs.fchmod(u, r, 0o640);
		assert.equal(h.vfs.fstat(u, w).mode, S_IFIFO | 0o640, "fchmod works on a pipe");
	});

	it("takes O_CLOEXEC and O_NONBLOCK (and O_DIRECT) and nothing else", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		assert.equal(h.vfs.fcntl(t, r, F_GETFL), O_RDONLY);
		assert.equal(h.vfs.fcntl(t, w, F_GETFL), O_WRONLY);
		assert.equal(h.vfs.fcntl(t, r, F_GETFD), 0);
		const [r2, w2] = h.vfs.pipe2(t, O_NONBLOCK | O_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, r2, F_GETFL), O_RDONLY | O_NONBLOCK);
		assert.equal(h.vfs.fcntl(t, w2, F_GETFL), O_WRONLY | O_NONBLOCK);
		assert.equal(h.vfs.fcntl(t, r2, F_GETFD), FD_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, w2, F_GETFD), FD_CLOEXEC);
		const [r3, w3] = h.vfs.pipe2(t, O_DIRECT);
		assert.equal(h.vfs.fcntl(t, r3, F_GETFL), O_RDONLY, "O_DIRECT only on the write end");
		assert.equal(h.vfs.fcntl(t, w3, F_GETFL), O_WRONLY | O_DIRECT);
		for (const bad of [O_APPEND, O_EXCL, O_RDWR, O_WRONLY, O_TRUNC, 1 << 30]) {
			assertErrno(() => h.vfs.pipe2(t, bad), "EINVAL", `flags ${bad.toString(8)}`);
		}
	});

	it("fails with EMFILE without leaking a file when the second descriptor is missing", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r0] = h.vfs.pipe2(t);
		const mnt = files(h, t).get(r0).path.mnt;
		const refs = mnt.refcount;
		const ino = h.vfs.fstat(t, r0).ino;
		files(h, t).limit = 3;
		assertErrno(() => h.vfs.pipe2(t), "EMFILE");
		assert.equal(mnt.refcount, refs, "both files were released");
		assert.equal(files(h, t).has(2), false, "the free descriptor stays free");
		assert.equal(h.vfs.dup(t, r0), 2);
		files(h, t).limit = 1024;
		const [r] = h.vfs.pipe2(t);
		assert.equal(h.vfs.fstat(t, r).ino, ino + 2, "the failed pipe used an inode number");
	});
});

describe("pipe read and write", () => {
	it("passes exact bytes and returns what is there, up to the count", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		const all = new Uint8Array(256).map((_, i) => i);
		assert.equal(h.vfs.write(t, w, all), 256);
		assert.equal(h.vfs.write(t, w, "tail"), 4);
		assert.deepEqual(h.vfs.read(t, r, 10), all.subarray(0, 10));
		assert.deepEqual(h.vfs.read(t, r, 246), all.subarray(10));
		assert.equal(text(h.vfs.read(t, r, 100)), "tail", "a short read returns what is there");
	});

	it("reads across buffers in one call", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t, O_NONBLOCK);
		h.vfs.write(t, w, "a".repeat(4096));
		h.vfs.write(t, w, "b".repeat(4096));
		h.vfs.write(t, w, "ccccc");
		const got = h.vfs.read(t, r, 10000);
		assert.equal(got.length, 8197);
		assert.equal(text(got), `${"a".repeat(4096)}${"b".repeat(4096)}ccccc`);
		assertErrno(() => h.vfs.read(t, r, 1), "EAGAIN");
	});

	it("returns EOF once the last writer is gone and the pipe is drained", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		const w2 = h.vfs.dup(t, w);
		h.vfs.write(t, w, "abc");
		h.vfs.close(t, w);
		assert.equal(text(h.vfs.read(t, r, 2)), "ab");
		assert.equal(text(h.vfs.read(t, r, 2)), "c");
		assert.ok(
			blocksOn(() => h.vfs.read(t, r, 2)),
			"a dup'ed writer is still open",
		);
		h.vfs.close(t, w2);
		assert.equal(h.vfs.read(t, r, 2).length, 0, "EOF");
		assert.equal(h.vfs.read(t, r, 2).length, 0, "and again");
	});

	it("blocks or fails with EAGAIN on an empty pipe with writers", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r] = h.vfs.pipe2(t);
		const q = blocksOn(() => h.vfs.read(t, r, 10));
		assert.equal(q, pipeAt(h, t, r).readWait, "waits on rd_wait");
		const [nr] = h.vfs.pipe2(t, O_NONBLOCK);
		assertErrno(() => h.vfs.read(t, nr, 10), "EAGAIN");
		assert.equal(h.vfs.read(t, r, 0).length, 0, "a null read succeeds at once");
		assert.equal(h.vfs.read(t, nr, 0).length, 0);
	});

	it("fails with EPIPE without readers, except for empty writes", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		h.vfs.close(t, r);
		assertErrno(() => h.vfs.write(t, w, "x"), "EPIPE");
		assert.equal(h.vfs.write(t, w, ""), 0, "a null write succeeds");
		const [r2, w2] = h.vfs.pipe2(t, O_NONBLOCK);
		h.vfs.close(t, r2);
		assertErrno(() => h.vfs.write(t, w2, "x"), "EPIPE", "before EAGAIN");
	});

	it("holds 16 pages, filled the way the kernel's ring fills", () => {
		// The totals are those of the reference machine for the same writes.
		const cases: [number, number][] = [
			[1, 65536],
			[100, 64000],
			[3000, 48000],
			[4096, 65536],
			[4097, 45066],
		];
		for (const [chunk, total] of cases) {
			const h = new TestHost();
			const t = h.spawn();
			const [, w] = h.vfs.pipe2(t, O_NONBLOCK);
			assert.equal(fillWith(h, t, w, chunk), total, `${chunk}-byte writes`);
		}
		const h = new TestHost();
		const t = h.spawn();
		const [, w] = h.vfs.pipe2(t, O_NONBLOCK);
		h.vfs.write(t, w, "x");
		assert.equal(h.vfs.write(t, w, xs(65536)), 61440, "one byte takes a whole slot");
		const [, w2] = h.vfs.pipe2(t, O_NONBLOCK);
		assert.equal(h.vfs.write(t, w2, xs(70000)), 65536, "a large write takes what fits");
		assertErrno(() => h.vfs.write(t, w2, "x"), "EAGAIN");
	});

	it("writes at most PIPE_BUF bytes atomically and larger writes in part", () => {
		const h = new TestHost();
		const t = h.spawn();
		const setup = (): [number, number] => {
			const [r, w] = h.vfs.pipe2(t, O_NONBLOCK);
			for (let i = 0; i < 15; i++) h.vfs.write(t, w, xs(4096));
			h.vfs.write(t, w, xs(100));
			return [r, w];
		};
		let [r, w] = setup();
		assertErrno(() => h.vfs.write(t, w, xs(4000)), "EAGAIN", "does not fit the last page");
		assert.equal(pipeAt(h, t, r).buffered, 15 * 4096 + 100, "nothing was written");
		assert.equal(h.vfs.write(t, w, xs(3996)), 3996, "fits the last page exactly");
		assertErrno(() => h.vfs.write(t, w, "x"), "EAGAIN");
		[r, w] = setup();
		assert.equal(h.vfs.write(t, w, xs(5000)), 904, "a large write merges its head");
		// A blocking writer waits instead; a large one returns what it wrote.
		const [br, bw] = h.vfs.pipe2(t);
		assert.equal(h.vfs.write(t, bw, xs(70000)), 65536);
		assert.equal(
			blocksOn(() => h.vfs.write(t, bw, "x")),
			pipeAt(h, t, br).writeWait,
		);
		// Reading part of a page frees no slot.
		assert.equal(h.vfs.read(t, br, 100).length, 100);
		assert.ok(blocksOn(() => h.vfs.write(t, bw, "x")));
		assert.equal(h.vfs.read(t, br, 3996).length, 3996);
		assert.equal(h.vfs.write(t, bw, xs(4096)), 4096, "a freed slot takes a whole page");
	});

	it("wakes readers on data and writers when a slot comes free", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		const pipe = pipeAt(h, t, r);
		const readers = watch(pipe.readWait);
		assert.equal(h.vfs.write(t, w, ""), 0);
		assert.equal(readers.count, 0, "a null write wakes nobody");
		h.vfs.write(t, w, "hi");
		assert.equal(readers.count, 1);
		assert.equal(pipe.readWait.active, false, "the waiter was taken off the queue");
		h.vfs.write(t, w, xs(65534));
		const writers = watch(pipe.writeWait);
		h.vfs.read(t, r, 100);
		assert.equal(writers.count, 0, "no slot came free");
		h.vfs.read(t, r, 4000);
		assert.equal(writers.count, 1);
	});

	it("wakes the other side when the last reader or writer goes", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		const pipe = pipeAt(h, t, r);
		const w2 = h.vfs.dup(t, w);
		const readers = watch(pipe.readWait);
		h.vfs.close(t, w);
		assert.equal(readers.count, 0, "a writer is left");
		h.vfs.close(t, w2);
		assert.equal(readers.count, 1, "EOF wakes readers");
		const [r3, w3] = h.vfs.pipe2(t);
		const pipe3 = pipeAt(h, t, r3);
		const writers = watch(pipe3.writeWait);
		h.vfs.close(t, r3);
		assert.equal(writers.count, 1, "a broken pipe wakes writers");
		assertErrno(() => h.vfs.write(t, w3, "x"), "EPIPE");
	});

	it("lets a parked reader retry when woken (the WouldBlock protocol)", () => {
		const h = new TestHost();
		const reader = h.spawn();
		const [r, w] = h.vfs.pipe2(reader);
		const writer = h.kernel.fork(reader);
		h.vfs.close(reader, w);
		h.vfs.close(writer, r);
		const got: string[] = [];
		const attempt = (): void => {
			try {
				const b = h.vfs.read(reader, r, 100);
				got.push(b.length === 0 ? "EOF" : text(b));
			} catch (e) {
				if (!(e instanceof WouldBlock)) throw e;
				e.queue.add(attempt);
			}
		};
		attempt();
		assert.deepEqual(got, []);
		h.vfs.write(writer, w, "one");
		assert.deepEqual(got, ["one"]);
		attempt();
		h.vfs.close(writer, w);
		assert.deepEqual(got, ["one", "EOF"]);
	});

	it("keeps message boundaries in packet mode (O_DIRECT)", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t, O_NONBLOCK | O_DIRECT);
		h.vfs.write(t, w, "abc");
		h.vfs.write(t, w, "defg");
		assert.equal(text(h.vfs.read(t, r, 100)), "abc", "one packet per read");
		assert.equal(text(h.vfs.read(t, r, 2)), "de", "the rest of a packet is dropped");
		assertErrno(() => h.vfs.read(t, r, 100), "EAGAIN");
		assert.equal(fillWith(h, t, w, 1), 16, "one slot per packet");
	});

	it("refuses lseek with ESPIPE on both ends", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		h.vfs.write(t, w, "abc");
		for (const fd of [r, w]) {
			for (const whence of [SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE]) {
				assertErrno(() => h.vfs.lseek(t, fd, 0, whence), "ESPIPE", `whence ${whence}`);
			}
			assertErrno(() => h.vfs.lseek(t, fd, 0, 5), "EINVAL", "a bad whence is checked first");
		}
		h.vfs.read(t, r, 1);
		assert.equal(files(h, t).get(r).pos, 0, "streams have no position");
		const p = h.vfs.open(t, "/tmp", O_PATH);
		assertErrno(() => h.vfs.lseek(t, p, 0, SEEK_SET), "EBADF", "O_PATH");
	});
});

describe("fcntl", () => {
	it("duplicates to the lowest free descriptor at or above arg", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		assert.equal(h.vfs.fcntl(t, r, F_DUPFD, 0), 2);
		assert.equal(h.vfs.fcntl(t, r, F_DUPFD, 10), 10);
		assert.equal(h.vfs.fcntl(t, r, F_DUPFD, 10), 11);
		assert.equal(h.vfs.fcntl(t, 10, F_GETFD), 0);
		assert.equal(h.vfs.fcntl(t, w, F_DUPFD_CLOEXEC, 5), 5);
		assert.equal(h.vfs.fcntl(t, 5, F_GETFD), FD_CLOEXEC);
		assert.equal(h.vfs.write(t, 5, "via dup"), 7);
		assert.equal(text(h.vfs.read(t, 11, 100)), "via dup");
		assertErrno(() => h.vfs.fcntl(t, r, F_DUPFD, 1024), "EINVAL", "arg >= RLIMIT_NOFILE");
		assertErrno(() => h.vfs.fcntl(t, r, F_DUPFD, -1), "EINVAL", "arg is unsigned");
		assertErrno(() => h.vfs.fcntl(t, r, F_DUPFD_CLOEXEC, 4096), "EINVAL");
		files(h, t).limit = 12;
		assertErrno(() => h.vfs.fcntl(t, r, F_DUPFD, 10), "EMFILE");
		for (let fd = 0; fd < 12; fd++) if (!files(h, t).has(fd)) h.vfs.fcntl(t, r, F_DUPFD, fd);
		assertErrno(() => h.vfs.dup(t, r), "EMFILE");
		assertErrno(() => h.vfs.fcntl(t, r, F_DUPFD, 0), "EMFILE");
		// A failed dup took no reference: closing every copy releases the read end.
		const pipe = pipeAt(h, t, r);
		for (const [fd, f] of [...files(h, t).descriptors()]) {
			if (pipeOf(f) === pipe && f.readable) h.vfs.close(t, fd);
		}
		assert.equal(pipe.readers, 0);
		assertErrno(() => h.vfs.fcntl(t, 99, F_DUPFD, 0), "EBADF");
	});

	it("reads and sets FD_CLOEXEC only", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = h.vfs.open(t, "/dev/null", O_RDONLY | O_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, fd, F_GETFD), FD_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, fd, F_SETFD, 0), 0);
		assert.equal(h.vfs.fcntl(t, fd, F_GETFD), 0);
		assert.equal(h.vfs.fcntl(t, fd, F_SETFD, 3), 0);
		assert.equal(h.vfs.fcntl(t, fd, F_GETFD), FD_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, fd, F_SETFD, 2), 0);
		assert.equal(h.vfs.fcntl(t, fd, F_GETFD), 0);
		const d = h.vfs.dup(t, fd);
		h.vfs.fcntl(t, fd, F_SETFD, FD_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, d, F_GETFD), 0, "a descriptor flag, not a file flag");
		assertErrno(() => h.vfs.fcntl(t, 42, F_GETFD), "EBADF");
		assertErrno(() => h.vfs.fcntl(t, 42, F_SETFD, 1), "EBADF");
		assertErrno(() => h.vfs.fcntl(t, fd, 9999), "EINVAL", "unknown command");
	});

	it("shows the file's flags as open() leaves them", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = h.vfs.open(
			t,
			"/tmp/f",
			O_RDWR | O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC | O_APPEND,
		);
		assert.equal(h.vfs.fcntl(t, fd, F_GETFL), O_RDWR | O_APPEND | O_LARGEFILE);
		const d = h.vfs.open(t, "/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, d, F_GETFL), O_DIRECTORY | O_LARGEFILE);
		const p = h.vfs.open(t, "/tmp", O_PATH | O_DIRECTORY | O_APPEND | O_CLOEXEC);
		assert.equal(h.vfs.fcntl(t, p, F_GETFL), O_PATH | O_DIRECTORY);
	});

	it("changes only O_APPEND, O_NONBLOCK, O_DIRECT and O_NOATIME with F_SETFL", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		const d = h.vfs.dup(t, r);
		assert.equal(h.vfs.fcntl(t, r, F_SETFL, O_NONBLOCK | O_APPEND | O_WRONLY | O_CREAT), 0);
		assert.equal(h.vfs.fcntl(t, r, F_GETFL), O_RDONLY | O_NONBLOCK | O_APPEND);
		assert.equal(h.vfs.fcntl(t, d, F_GETFL), O_NONBLOCK | O_APPEND, "shared by dups");
		assertErrno(() => h.vfs.read(t, d, 1), "EAGAIN", "a blocking read now fails");
		h.vfs.fcntl(t, r, F_SETFL, 0);
		assert.ok(blocksOn(() => h.vfs.read(t, r, 1)));
		h.vfs.fcntl(t, w, F_SETFL, O_DIRECT);
		assert.equal(h.vfs.fcntl(t, w, F_GETFL), O_WRONLY | O_DIRECT, "packet mode on a pipe");
		const f = h.vfs.open(t, "/proc/self/status", O_RDONLY);
		assertErrno(() => h.vfs.fcntl(t, f, F_SETFL, O_DIRECT), "EINVAL", "no direct I/O on proc");
		// O_NOATIME needs ownership.
		h.write("/tmp/root-file", "");
		const u = h.spawnAs(1000);
		const rf = h.vfs.open(u, "/tmp/root-file", O_RDONLY);
		assertErrno(() => h.vfs.fcntl(u, rf, F_SETFL, O_NOATIME), "EPERM");
		const own = h.vfs.open(u, "/tmp/mine", O_RDWR | O_CREAT);
		h.vfs.fcntl(u, own, F_SETFL, O_NOATIME);
		assert.equal(h.vfs.fcntl(u, own, F_GETFL), O_RDWR | O_LARGEFILE | O_NOATIME);
	});

	it("allows only the descriptor commands and F_GETFL on O_PATH files", () => {
		const h = new TestHost();
		const t = h.spawn();
		const p = h.vfs.open(t, "/tmp", O_PATH);
		assert.equal(h.vfs.fcntl(t, p, F_GETFL), O_PATH);
		assert.equal(h.vfs.fcntl(t, p, F_SETFD, FD_CLOEXEC), 0);
		assert.equal(h.vfs.fcntl(t, p, F_GETFD), FD_CLOEXEC);
		const d = h.vfs.fcntl(t, p, F_DUPFD, 0);
		assert.equal(h.vfs.fcntl(t, d, F_DUPFD_QUERY, p), 1);
		assertErrno(() => h.vfs.fcntl(t, p, F_SETFL, 0), "EBADF");
		assertErrno(() => h.vfs.fcntl(t, p, F_GETPIPE_SZ), "EBADF");
		assertErrno(() => h.vfs.fcntl(t, p, 9999), "EBADF", "before EINVAL");
	});

	it("answers F_DUPFD_QUERY", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		const d = h.vfs.dup(t, r);
		assert.equal(h.vfs.fcntl(t, r, F_DUPFD_QUERY, d), 1);
		assert.equal(h.vfs.fcntl(t, r, F_DUPFD_QUERY, w), 0, "same pipe, another file");
		assertErrno(() => h.vfs.fcntl(t, r, F_DUPFD_QUERY, 77), "EBADF");
	});

	it("reads and resizes pipe buffers", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t, O_NONBLOCK);
		assert.equal(h.vfs.fcntl(t, r, F_GETPIPE_SZ), 65536);
		assert.equal(h.vfs.fcntl(t, w, F_SETPIPE_SZ, 1), 4096, "at least a page");
		assert.equal(h.vfs.fcntl(t, r, F_SETPIPE_SZ, 70000), 131072, "a power of two");
		assert.equal(fillWith(h, t, w, 4096), 131072);
		assertErrno(() => h.vfs.fcntl(t, r, F_SETPIPE_SZ, 8192), "EBUSY");
		assert.equal(h.vfs.read(t, r, 131072 - 8192).length, 131072 - 8192);
		assert.equal(h.vfs.fcntl(t, r, F_SETPIPE_SZ, 8192), 8192, "the buffers move over");
		assert.equal(text(h.vfs.read(t, r, 100000)), xs(8192));
		assertErrno(() => h.vfs.fcntl(t, r, F_SETPIPE_SZ, 2 ** 31 + 1), "EINVAL");
		assert.equal(h.vfs.fcntl(t, r, F_SETPIPE_SZ, 2 ** 20 + 1), 2 ** 21, "root may exceed the max");
		const u = h.spawnAs(1000);
		const [ur] = h.vfs.pipe2(u);
		assert.equal(h.vfs.fcntl(u, ur, F_SETPIPE_SZ, 2 ** 20), 2 ** 20);
		assertErrno(() => h.vfs.fcntl(u, ur, F_SETPIPE_SZ, 2 ** 20 + 1), "EPERM");
		const f = h.vfs.open(t, "/dev/null", O_RDONLY);
		assertErrno(() => h.vfs.fcntl(t, f, F_GETPIPE_SZ), "EBADF", "not a pipe");
	});
});

describe("dup, dup2, dup3", () => {
	it("keep their corner cases", () => {
		const h = new TestHost();
		const t = h.spawn();
		const [r, w] = h.vfs.pipe2(t);
		assert.equal(h.vfs.dup2(t, r, r), r, "dup2 to itself");
		assertErrno(() => h.vfs.dup2(t, 50, 50), "EBADF", "dup2 of a closed descriptor to itself");
		assertErrno(() => h.vfs.dup2(t, r, 1024), "EBADF", "newfd >= RLIMIT_NOFILE");
		assertErrno(() => h.vfs.dup2(t, r, -1), "EBADF");
		assertErrno(() => h.vfs.dup2(t, 50, 7), "EBADF");
		assert.equal(files(h, t).has(7), false);
		assertErrno(() => h.vfs.dup3(t, r, r, 0), "EINVAL");
		assertErrno(() => h.vfs.dup3(t, r, 9, O_NONBLOCK), "EINVAL");
		assert.equal(h.vfs.dup3(t, w, 9, O_CLOEXEC), 9);
		assert.equal(h.vfs.fcntl(t, 9, F_GETFD), FD_CLOEXEC);
		assert.equal(h.vfs.dup2(t, w, 9), 9);
		assert.equal(h.vfs.fcntl(t, 9, F_GETFD), 0, "dup2 clears close-on-exec");
		// Replacing the last write end closes it.
		h.vfs.dup2(t, r, w);
		h.vfs.dup2(t, r, 9);
		assert.equal(h.vfs.read(t, r, 1).length, 0, "EOF: no writer is left");
	});
});

describe("pipes across fork and exit", () => {
	it("stay open until every process has closed its copy", () => {
		const h = new TestHost();
		const parent = h.spawn();
		const [r, w] = h.vfs.pipe2(parent);
		const child = h.kernel.fork(parent);
		assert.deepEqual(
			[...files(h, child).descriptors()].map(([fd]) => fd),
			[r, w],
		);
		h.vfs.close(parent, w);
		assert.ok(
			blocksOn(() => h.vfs.read(parent, r, 10)),
			"the child still writes",
		);
		h.vfs.write(child, w, "from child");
		assert.equal(text(h.vfs.read(parent, r, 100)), "from child");
		h.vfs.close(child, r);
		h.vfs.write(child, w, "still read by the parent");
		h.vfs.read(parent, r, 100);
		h.kernel.exit(child, 0);
		assert.equal(h.vfs.read(parent, r, 10).length, 0, "the child's exit closed the last writer");
		const [r2, w2] = h.vfs.pipe2(parent);
		const c2 = h.kernel.fork(parent);
		h.vfs.close(parent, r2);
		assert.equal(h.vfs.write(parent, w2, "x"), 1, "the child holds a reader");
		h.kernel.exit(c2, 0);
		assertErrno(() => h.vfs.write(parent, w2, "x"), "EPIPE");
	});
});

describe("host pipe ends", () => {
	it("feeds a task's stdin from the host", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.vfs.open(t, "/dev/null", O_RDONLY);
		const nullMnt = files(h, t).get(0).path.mnt;
		const refs = nullMnt.refcount;
		const stdin = h.vfs.hostPipe(t, 0, "in");
		assert.equal(nullMnt.refcount, refs - 1, "what fd 0 held was closed");
		assert.equal(h.vfs.fcntl(t, 0, F_GETFL), O_RDONLY);
		assert.equal(h.vfs.fstat(t, 0).ino, stdin.ino);
		const pipe = pipeAt(h, t, 0);
		assert.deepEqual([pipe.readers, pipe.writers], [1, 1], "the host end is a writer");
		assert.ok(blocksOn(() => h.vfs.read(t, 0, 10)));
		assert.equal(stdin.write(binaryToBytes("line 1\n")), 7);
		assert.equal(text(h.vfs.read(t, 0, 100)), "line 1\n");
		// Never WouldBlock at the host: 0 when full, then wait for `writable`.
		assert.equal(stdin.write(new Uint8Array(70000)), 65536);
		assert.equal(stdin.write(new Uint8Array(10)), 0);
		assert.equal(stdin.buffered, 65536);
		let woken = 0;
		stdin.writable.add(() => woken++);
		h.vfs.read(t, 0, 4096);
		assert.equal(woken, 1);
		assert.equal(stdin.write(new Uint8Array(10)), 10);
		h.vfs.read(t, 0, 100000);
		stdin.close();
		assert.equal(stdin.closed, true);
		stdin.close();
		assert.equal(text(h.vfs.read(t, 0, 100)), "", "EOF after the host closes");
		assertErrno(() => stdin.write(new Uint8Array(1)), "EBADF");
	});

	it("reports a task that stopped reading with EPIPE", () => {
		const h = new TestHost();
		const t = h.spawn();
		const stdin = h.vfs.hostPipe(t, 0, "in");
		let woken = 0;
		stdin.writable.add(() => woken++);
		assert.equal(stdin.broken, false);
		h.vfs.close(t, 0);
		assert.equal(woken, 1);
		assert.equal(stdin.broken, true);
		assertErrno(() => stdin.write(new Uint8Array(1)), "EPIPE");
	});

	it("collects a task's stdout and stderr on the host", () => {
		const h = new TestHost();
		const t = h.spawn();
		const stdout = h.vfs.hostPipe(t, 1, "out");
		const stderr = h.vfs.hostPipe(t, 2, "out");
		assert.deepEqual(files(h, t).has(0), false, "fd 0 untouched");
		assert.equal(h.vfs.fcntl(t, 1, F_GETFL), O_WRONLY);
		assert.equal(stdout.read().length, 0, "empty, not blocking");
		let arrived = 0;
		stdout.readable.add(() => arrived++);
		h.vfs.write(t, 1, "out\n");
		h.vfs.write(t, 2, "err\n");
		assert.equal(arrived, 1);
		assert.equal(text(stdout.read(2)), "ou");
		assert.equal(text(stdout.read()), "t\n");
		assert.equal(text(stderr.read()), "err\n");
		// The child of a fork inherits fd 1: the pipe hangs up when both close.
		const child = h.kernel.fork(t);
		h.vfs.write(child, 1, "child\n");
		h.kernel.exit(t, 0);
		assert.equal(stdout.hungUp, false);
		let hangup = 0;
		stdout.readable.add(() => hangup++);
		h.kernel.exit(child, 0);
		assert.equal(hangup, 1, "woken by the last writer going");
		assert.equal(stdout.hungUp, true);
		assert.equal(stdout.eof, false, "data is left");
		assert.equal(text(stdout.read()), "child\n");
		assert.equal(stdout.eof, true);
		stdout.close();
		assertErrno(() => stdout.read(), "EBADF");
	});

	it("gives later task writes EPIPE once the host closes its reader", () => {
		const h = new TestHost();
		const t = h.spawn();
		const stdout = h.vfs.hostPipe(t, 1, "out");
		h.vfs.write(t, 1, xs(65536));
		assert.ok(blocksOn(() => h.vfs.write(t, 1, "x")));
		let woken = 0;
		pipeAt(h, t, 1).writeWait.add(() => woken++);
		stdout.close();
		assert.equal(woken, 1, "a blocked writer is woken to see EPIPE");
		assertErrno(() => h.vfs.write(t, 1, "x"), "EPIPE");
		assertErrno(() => h.vfs.hostPipe(t, 1024, "out"), "EBADF");
		assertErrno(() => h.vfs.hostPipe(t, -1, "in"), "EBADF");
	});
});

describe("/proc/<pid>/fd", () => {
	it("lists descriptors as symlinks to pipes and paths", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.vfs.open(t, "/dev/null", O_RDONLY);
		const [r, w] = h.vfs.pipe2(t);
		h.vfs.open(t, "/tmp/f", O_RDWR | O_CREAT);
		h.vfs.open(t, "/tmp", O_PATH);
		h.mkdir("/tmp/d");
		h.vfs.open(t, "/tmp/d/gone", O_WRONLY | O_CREAT);
		h.vfs.unlink(t, "/tmp/d/gone");
		const ino = h.vfs.fstat(t, r).ino;
		const dir = `/proc/${t.pid}/fd`;
		assert.deepEqual(h.ls(dir), ["0", "1", "2", "3", "4", "5"]);
		const links = h.ls(dir).map((n) => {
			const st = h.vfs.lstat(h.init, `${dir}/${n}`);
			return [n, (st.mode & 0o7777).toString(8), h.vfs.readlink(h.init, `${dir}/${n}`)];
		});
		assert.deepEqual(links, [
			["0", "500", "/dev/null"],
			[String(r), "500", `pipe:[${ino}]`],
			[String(w), "300", `pipe:[${ino}]`],
			["3", "700", "/tmp/f"],
			["4", "0", "/tmp"],
			["5", "300", "/tmp/d/gone (deleted)"],
		]);
		const lst = h.vfs.lstat(h.init, `${dir}/0`);
		assert.deepEqual([lst.mode & ~0o7777, lst.size, lst.uid], [S_IFLNK, 64, 0]);
		const st = h.vfs.stat(h.init, dir);
		assert.deepEqual([st.mode, st.size], [S_IFDIR | 0o500, 6], "size: open descriptors");
		h.vfs.close(t, 3);
		assertErrno(() => h.vfs.readlink(h.init, `${dir}/3`), "ENOENT");
		assertErrno(() => h.vfs.readlink(h.init, `${dir}/03`), "ENOENT", "no leading zeros");
		assert.equal(h.read(`${dir}/0`), "", "a path link can be followed");
	});

	it("follows the dentry: renames move the link's target, unlinking the opened name shows (deleted)", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.mkdir("/tmp/d");
		const a = h.vfs.open(t, "/tmp/a", O_RDWR | O_CREAT);
		const b = h.vfs.open(t, "/tmp/a", O_RDONLY);
		h.vfs.rename(t, "/tmp/a", "/tmp/d/b");
		const link = (fd: number) => h.vfs.readlink(h.init, `/proc/${t.pid}/fd/${fd}`);
		assert.equal(link(a), "/tmp/d/b");
		assert.equal(link(b), "/tmp/d/b", "opens of one name share the dentry");
		// A hard link keeps the inode, but the name the file was opened by is gone.
		h.vfs.link(t, "/tmp/d/b", "/tmp/k");
		const k = h.vfs.open(t, "/tmp/k", O_RDONLY);
		h.vfs.unlink(t, "/tmp/k");
		assert.equal(link(k), "/tmp/k (deleted)");
		assert.equal(link(a), "/tmp/d/b");
		// A rename over an open file's name unhashes that file's dentry.
		const c = h.vfs.open(t, "/tmp/c", O_WRONLY | O_CREAT);
		h.vfs.rename(t, "/tmp/d/b", "/tmp/c");
		assert.equal(link(c), "/tmp/c (deleted)");
		assert.equal(link(a), "/tmp/c");
	});

	it("is owner-only", () => {
		const h = new TestHost();
		const t = h.spawnAs(1000);
		h.vfs.pipe2(t);
		const other = h.spawnAs(1001);
		assert.deepEqual(h.ls("/proc/self/fd", t), ["0", "1", "2"], "a process lists its own");
		assertErrno(() => h.ls(`/proc/${t.pid}/fd`, other), "EACCES");
		assertErrno(() => h.vfs.readlink(other, `/proc/${t.pid}/fd/0`), "EACCES");
		assert.equal(h.vfs.readlink(h.init, `/proc/${t.pid}/fd/0`).startsWith("pipe:["), true);
		assert.equal(h.vfs.stat(t, `/proc/${t.pid}/fd`).uid, 1000);
	});
});
