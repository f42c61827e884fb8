/**
 * AF_UNIX stream sockets bound to filesystem names: the socket file bind()
 * makes (type, mode from the umask, owner, EADDRINUSE), the sockaddr_un
 * length rules, connect() by path with its errors (ENOENT, ECONNREFUSED,
 * EACCES), the backlog, the byte stream with its send-buffer accounting
 * (checked against what Linux does: 64 KiB nonblocking writes stop after
 * 233152 bytes with 238336 charged), close and shutdown semantics, poll
 * masks, and names removed with unlink.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { S_IFMT, S_IFSOCK } from "../../src/fs/constants.ts";
import {
	socketOfFile,
	sysAccept,
	sysBind,
	sysConnect,
	sysGetname,
	sysGetsockopt,
	sysListen,
	sysRecvfrom,
	sysSendto,
	sysSetsockopt,
	sysShutdown,
	sysSocket,
	unixSockOf,
} from "../../src/fs/socket.ts";
import { binaryToBytes, bytesToBinary } from "../../src/kernel/bytes.ts";
import type { UnixAddr } from "../../src/kernel/net/af-unix.ts";
import {
	AF_INET,
	AF_UNIX,
	MSG_DONTWAIT,
	MSG_OOB,
	MSG_PEEK,
	MSG_WAITALL,
	SHUT_WR,
	SO_SNDBUF,
	SO_TYPE,
	SOCK_DGRAM,
	SOCK_NONBLOCK,
	SOCK_SEQPACKET,
	SOCK_STREAM,
	SOL_SOCKET,
} from "../../src/kernel/net/defs.ts";
import {
	POLLERR,
	POLLHUP,
	POLLIN,
	POLLOUT,
	POLLRDHUP,
	POLLRDNORM,
	POLLWRBAND,
	POLLWRNORM,
} from "../../src/kernel/poll.ts";
import type { Task } from "../../src/kernel/task.ts";
import { WouldBlock } from "../../src/kernel/wait.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";

const un = (path: string, len?: number): UnixAddr =>
	len === undefined ? { family: AF_UNIX, path } : { family: AF_UNIX, path, len };

function stream(h: TestHost, t: Task, flags = 0): number {
	return sysSocket(h.vfs, t, AF_UNIX, SOCK_STREAM | flags, 0);
}

function listener(h: TestHost, t: Task, path: string, backlog = 5): number {
	const fd = stream(h, t);
	sysBind(h.vfs, t, fd, un(path));
	sysListen(h.vfs, t, fd, backlog);
	return fd;
}

/** A connected pair: the client's descriptor and the accepted one. */
function pair(
	h: TestHost,
	t: Task,
	path = "/tmp/s",
	flags = 0,
): { c: number; s: number; l: number } {
	const l = listener(h, t, path);
	const c = stream(h, t, flags);
	sysConnect(h.vfs, t, c, un(path));
	const s = sysAccept(h.vfs, t, l, flags).fd;
	return { c, s, l };
}

function blocks(fn: () => unknown): boolean {
	try {
		fn();
		return false;
	} catch (e) {
		if (e instanceof WouldBlock) return true;
		throw e;
	}
}

const text = (b: Uint8Array): string => bytesToBinary(b);
const bytes = (s: string): Uint8Array => binaryToBytes(s);

function pollOf(h: TestHost, t: Task, fd: number): number {
	return socketOfFile(h.vfs.files(t).get(fd))!.poll(h.vfs.files(t).get(fd), null);
}

describe("AF_UNIX names", () => {
	it("bind() makes an S_IFSOCK file with 0777 less the umask, owned by the caller's fsuid and fsgid", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.vfs.umask(t, 0o022);
		const fd = stream(h, t);
		sysBind(h.vfs, t, fd, un("/tmp/a.sock"));
		const st = h.vfs.stat(t, "/tmp/a.sock");
		assert.equal(st.mode & S_IFMT, S_IFSOCK);
		assert.equal(st.mode & 0o7777, 0o755);
		assert.equal(st.size, 0);
		h.vfs.umask(t, 0);
		const u = h.spawnAs(1000, 1001);
		h.vfs.umask(u, 0o007);
		h.vfs.chmod(h.init, "/tmp", 0o1777);
		const fd2 = stream(h, u);
		sysBind(h.vfs, u, fd2, un("/tmp/b.sock"));
		const st2 = h.vfs.stat(u, "/tmp/b.sock");
		assert.deepEqual([st2.mode & 0o7777, st2.uid, st2.gid], [0o770, 1000, 1001]);
		assert.deepEqual(sysGetname(h.vfs, t, fd, false), {
			family: AF_UNIX,
			path: "/tmp/a.sock",
			len: 14,
		});
		// chown and chmod work on it as on any inode; open() is ENXIO.
		h.vfs.chown(h.init, "/tmp/a.sock", 5, 6);
		h.vfs.chmod(h.init, "/tmp/a.sock", 0o660);
		const st3 = h.vfs.stat(t, "/tmp/a.sock");
		assert.deepEqual([st3.mode, st3.uid, st3.gid], [S_IFSOCK | 0o660, 5, 6]);
		assertErrno(() => h.vfs.open(h.init, "/tmp/a.sock", 0), "ENXIO");
	});

	it("bind() errors: EADDRINUSE for an existing name, EINVAL when bound (nothing left behind), the VFS's errors", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.write("/tmp/file", "x");
		assertErrno(() => sysBind(h.vfs, t, stream(h, t), un("/tmp/file")), "EADDRINUSE");
		const a = stream(h, t);
		sysBind(h.vfs, t, a, un("/tmp/s"));
		assertErrno(() => sysBind(h.vfs, t, stream(h, t), un("/tmp/s")), "EADDRINUSE");
		assertErrno(() => sysBind(h.vfs, t, a, un("/tmp/s2")), "EINVAL");
		assertErrno(() => h.vfs.stat(t, "/tmp/s2"), "ENOENT");
		assertErrno(() => sysBind(h.vfs, t, stream(h, t), un("/nonexistent/s")), "ENOENT");
		h.mkdir("/tmp/ro", 0o755);
		const u = h.spawnAs(1000);
		assertErrno(() => sysBind(h.vfs, u, stream(h, u), un("/tmp/ro/s")), "EACCES");
		// A dangling symlink is a name that exists.
		h.vfs.symlink(h.init, "/tmp/nowhere", "/tmp/link");
		assertErrno(() => sysBind(h.vfs, t, stream(h, t), un("/tmp/link")), "EADDRINUSE");
	});

	it("sockaddr_un lengths: the path up to addrlen, cut at a NUL; autobind and abstract names are not modelled", () => {
		const h = new TestHost();
		const t = h.spawn();
		const cases: [UnixAddr, string][] = [
			[un("/tmp/x", 1), "EINVAL"],
			[un("/tmp/x", 111), "EINVAL"],
			[{ family: AF_INET, path: "/tmp/x" }, "EINVAL"],
			[un("", 2), "EOPNOTSUPP"],
			[un("\0abstract"), "EOPNOTSUPP"],
			[un("", 3), "EOPNOTSUPP"],
		];
		for (const [sa, e] of cases)
			assertErrno(() => sysBind(h.vfs, t, stream(h, t), sa), e, JSON.stringify(sa));
		// libcgroup's addrlen: sizeof(sun_family) + strlen(path), no NUL.
		const a = stream(h, t);
		sysBind(h.vfs, t, a, un("/tmp/cgred.socket", 2 + 17));
		assert.deepEqual(sysGetname(h.vfs, t, a, false), un("/tmp/cgred.socket", 20));
		// A shorter addrlen cuts the path; a NUL ends it; sizeof(struct sockaddr_un) is fine.
		const b = stream(h, t);
		sysBind(h.vfs, t, b, un("/tmp/abcdef", 2 + 8));
		assert.equal(h.vfs.stat(t, "/tmp/abc").mode & S_IFMT, S_IFSOCK);
		const c = stream(h, t);
		sysBind(h.vfs, t, c, un("/tmp/n\0junk", 110));
		assert.equal(h.vfs.stat(t, "/tmp/n").mode & S_IFMT, S_IFSOCK);
		assertErrno(() => sysConnect(h.vfs, t, stream(h, t), un("\0abstract")), "ECONNREFUSED");
		assertErrno(() => sysConnect(h.vfs, t, stream(h, t), un("/tmp/n", 2)), "EINVAL");
	});

	it("socket(): only SOCK_STREAM is modelled; protocol 0 or PF_UNIX", () => {
		const h = new TestHost();
		const t = h.spawn();
		assertErrno(() => sysSocket(h.vfs, t, AF_UNIX, SOCK_DGRAM, 0), "ESOCKTNOSUPPORT");
		assertErrno(() => sysSocket(h.vfs, t, AF_UNIX, SOCK_SEQPACKET, 0), "ESOCKTNOSUPPORT");
		assertErrno(() => sysSocket(h.vfs, t, AF_UNIX, SOCK_STREAM, 2), "EPROTONOSUPPORT");
		const fd = sysSocket(h.vfs, t, AF_UNIX, SOCK_STREAM, AF_UNIX);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
		assertErrno(() => sysSetsockopt(h.vfs, t, fd, 6, 1, 1), "EOPNOTSUPP");
		assert.equal(
			h.vfs.readlink(h.init, `/proc/${t.pid}/fd/${fd}`),
			`socket:[${h.vfs.fstat(t, fd).ino}]`,
		);
	});
});

describe("AF_UNIX connections", () => {
	it("connect() by path: ENOENT, ECONNREFUSED (not a socket, nobody listening, closed), EACCES without write permission", () => {
		const h = new TestHost();
		const t = h.spawn();
		const c = stream(h, t);
		assertErrno(() => sysConnect(h.vfs, t, c, un("/tmp/none")), "ENOENT");
		h.write("/tmp/file", "");
		assertErrno(() => sysConnect(h.vfs, t, c, un("/tmp/file")), "ECONNREFUSED");
		const bound = stream(h, t);
		sysBind(h.vfs, t, bound, un("/tmp/bound"));
		assertErrno(() => sysConnect(h.vfs, t, c, un("/tmp/bound")), "ECONNREFUSED");
		const l = listener(h, t, "/tmp/l");
		h.vfs.close(t, l);
		assertErrno(() => sysConnect(h.vfs, t, c, un("/tmp/l")), "ECONNREFUSED");
		h.vfs.unlink(t, "/tmp/l");
		// A daemon's socket: root's, 0660 group 1001.
		listener(h, t, "/tmp/d");
		h.vfs.chown(h.init, "/tmp/d", 0, 1001);
		h.vfs.chmod(h.init, "/tmp/d", 0o660);
		const other = h.spawnAs(1000, 1000);
		assertErrno(() => sysConnect(h.vfs, other, stream(h, other), un("/tmp/d")), "EACCES");
		const member = h.spawnAs(1000, 1001);
		sysConnect(h.vfs, member, stream(h, member), un("/tmp/d"));
		// Through a symlink.
		h.vfs.symlink(h.init, "/tmp/d", "/tmp/dlink");
		sysConnect(h.vfs, t, c, un("/tmp/dlink"));
		assertErrno(() => sysConnect(h.vfs, t, c, un("/tmp/d")), "EISCONN");
	});

	it("names: accept() reports the client's (none), both ends know the listener's path; ENOTCONN unconnected", () => {
		const h = new TestHost();
		const t = h.spawn();
		const l = listener(h, t, "/tmp/s");
		const c = stream(h, t);
		assertErrno(() => sysGetname(h.vfs, t, c, true), "ENOTCONN");
		assert.deepEqual(sysGetname(h.vfs, t, c, false), un("", 2));
		sysConnect(h.vfs, t, c, un("/tmp/s"));
		const { fd, addr } = sysAccept(h.vfs, t, l);
		assert.deepEqual(addr, un("", 2));
		assert.deepEqual(sysGetname(h.vfs, t, fd, false), un("/tmp/s", 9));
		assert.deepEqual(sysGetname(h.vfs, t, c, true), un("/tmp/s", 9));
		assert.deepEqual(sysGetname(h.vfs, t, fd, true), un("", 2));
	});

	it("listen() needs a name; the backlog admits backlog + 1 connections, then EAGAIN or a wait until accept()", () => {
		const h = new TestHost();
		const t = h.spawn();
		assertErrno(() => sysListen(h.vfs, t, stream(h, t), 1), "EINVAL");
		const l = listener(h, t, "/tmp/s", 1);
		const conns = [0, 1, 2].map(() => {
			const fd = stream(h, t, SOCK_NONBLOCK);
			return errnoOf(() => sysConnect(h.vfs, t, fd, un("/tmp/s")));
		});
		assert.deepEqual(conns, ["OK", "OK", "EAGAIN"]);
		const waiting = stream(h, t);
		assert.ok(blocks(() => sysConnect(h.vfs, t, waiting, un("/tmp/s"))));
		sysAccept(h.vfs, t, l);
		sysConnect(h.vfs, t, waiting, un("/tmp/s"));
		assertErrno(() => sysAccept(h.vfs, t, stream(h, t)), "EINVAL");
		const ls = h.vfs.files(t).get(l);
		assert.equal(unixSockOf(ls)!.acceptQueue.length, 2);
		assertErrno(() => sysRecvfrom(h.vfs, t, l, 10), "EINVAL");
		// A larger backlog lets a waiting connector in.
		const w2 = stream(h, t);
		assert.ok(blocks(() => sysConnect(h.vfs, t, w2, un("/tmp/s"))));
		sysListen(h.vfs, t, l, 5);
		sysConnect(h.vfs, t, w2, un("/tmp/s"));
	});

	it("a stream: writes before accept() are kept; reads take what is there, up to the count; MSG_PEEK and MSG_WAITALL", () => {
		const h = new TestHost();
		const t = h.spawn();
		const l = listener(h, t, "/tmp/s");
		const c = stream(h, t);
		sysConnect(h.vfs, t, c, un("/tmp/s"));
		assert.equal(h.vfs.write(t, c, "hello "), 6);
		assert.equal(h.vfs.write(t, c, "world"), 5);
		const s = sysAccept(h.vfs, t, l).fd;
		assert.equal(text(sysRecvfrom(h.vfs, t, s, 3, MSG_PEEK).data), "hel");
		assert.equal(text(sysRecvfrom(h.vfs, t, s, 100, MSG_PEEK).data), "hello world");
		assert.equal(text(h.vfs.read(t, s, 4)), "hell");
		assert.equal(text(h.vfs.read(t, s, 100)), "o world");
		assert.ok(blocks(() => h.vfs.read(t, s, 1)));
		assertErrno(() => sysRecvfrom(h.vfs, t, s, 1, MSG_DONTWAIT), "EAGAIN");
		assert.equal(h.vfs.read(t, s, 0).length, 0);
		h.vfs.write(t, s, "ab");
		assert.ok(blocks(() => sysRecvfrom(h.vfs, t, c, 4, MSG_WAITALL)));
		h.vfs.write(t, s, "cd");
		assert.equal(text(sysRecvfrom(h.vfs, t, c, 4, MSG_WAITALL).data), "abcd");
		assertErrno(() => sysSendto(h.vfs, t, c, bytes("x"), MSG_OOB), "EOPNOTSUPP");
		assertErrno(() => sysSendto(h.vfs, t, c, bytes("x"), 0, un("/tmp/s")), "EISCONN");
		const lone = stream(h, t);
		assertErrno(() => sysSendto(h.vfs, t, lone, bytes("x"), 0, un("/tmp/s")), "EOPNOTSUPP");
		assertErrno(() => h.vfs.write(t, lone, "x"), "ENOTCONN");
		assertErrno(() => h.vfs.read(t, lone, 1), "EINVAL");
	});

	it("the send buffer: 64 KiB nonblocking writes stop where Linux's do; reading to a quarter wakes the writer", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = pair(h, t, "/tmp/s", SOCK_NONBLOCK);
		const ck = unixSockOf(h.vfs.files(t).get(c))!;
		let total = 0;
		for (;;) {
			const e = errnoOf(() => {
				total += h.vfs.write(t, c, new Uint8Array(65536));
			});
			if (e !== "OK") {
				assert.equal(e, "EAGAIN");
				break;
			}
		}
		assert.equal(total, 233152);
		assert.equal(ck.wmemAlloc, 238336);
		assert.equal(pollOf(h, t, c) & POLLOUT, 0);
		// A small write's skb: a 512-byte kmalloc head (GFP_KERNEL_ACCOUNT).
		let woken = false;
		ck.wq.add(() => {
			woken = true;
		});
		let got = 0;
		while (!woken) got += h.vfs.read(t, s, 36544).length;
		assert.ok(ck.wmemAlloc * 4 <= ck.sndbuf);
		assert.equal(pollOf(h, t, c) & POLLOUT, POLLOUT);
		while (got < total) got += h.vfs.read(t, s, 1 << 20).length;
		assert.equal(ck.wmemAlloc, 0);
		h.vfs.write(t, c, "x");
		assert.equal(ck.wmemAlloc, 768);
		h.vfs.write(t, c, new Uint8Array(1000));
		assert.equal(ck.wmemAlloc, 768 + 2304);
		// SO_SNDBUF: doubled, at least SOCK_MIN_SNDBUF.
		sysSetsockopt(h.vfs, t, c, SOL_SOCKET, SO_SNDBUF, 1);
		assert.equal(sysGetsockopt(h.vfs, t, c, SOL_SOCKET, SO_SNDBUF), 4608);
		// A write goes while less than sk_sndbuf is in flight, however much that makes.
		h.vfs.write(t, c, "y");
		h.vfs.write(t, c, "z");
		assert.equal(ck.wmemAlloc, 4608);
		assertErrno(() => h.vfs.write(t, c, "!"), "EAGAIN");
	});

	it("close: the peer reads what is left then end of file, and cannot write (EPIPE); unread data makes it ECONNRESET", () => {
		const h = new TestHost();
		const t = h.spawn();
		const a = pair(h, t, "/tmp/a");
		h.vfs.write(t, a.c, "bye");
		h.vfs.close(t, a.c);
		assert.equal(
			pollOf(h, t, a.s),
			POLLIN | POLLRDNORM | POLLRDHUP | POLLHUP | POLLOUT | POLLWRNORM | POLLWRBAND,
		);
		assert.equal(text(h.vfs.read(t, a.s, 10)), "bye");
		assert.equal(h.vfs.read(t, a.s, 10).length, 0);
		assertErrno(() => h.vfs.write(t, a.s, "x"), "EPIPE");

		const b = pair(h, t, "/tmp/b");
		h.vfs.write(t, b.s, "unread");
		h.vfs.write(t, b.c, "for s");
		h.vfs.close(t, b.c);
		assert.equal(pollOf(h, t, b.s) & POLLERR, POLLERR);
		assert.equal(text(h.vfs.read(t, b.s, 10)), "for s");
		assertErrno(() => h.vfs.read(t, b.s, 10), "ECONNRESET");
		assert.equal(h.vfs.read(t, b.s, 10).length, 0);
		// The closed side's unread data was freed: the writer's memory came back.
		assert.equal(unixSockOf(h.vfs.files(t).get(b.s))!.wmemAlloc, 0);
	});

	it("a listener closed with connections not accepted resets them", () => {
		const h = new TestHost();
		const t = h.spawn();
		const l = listener(h, t, "/tmp/s");
		const c = stream(h, t);
		sysConnect(h.vfs, t, c, un("/tmp/s"));
		h.vfs.write(t, c, "lost");
		h.vfs.close(t, l);
		assertErrno(() => h.vfs.read(t, c, 10), "ECONNRESET");
		assert.equal(h.vfs.read(t, c, 10).length, 0);
		assertErrno(() => h.vfs.write(t, c, "x"), "EPIPE");
		assert.equal(unixSockOf(h.vfs.files(t).get(c))!.wmemAlloc, 0);
	});

	it("shutdown(SHUT_WR): the peer reads end of file; this side can still read but not write", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = pair(h, t);
		h.vfs.write(t, c, "last");
		sysShutdown(h.vfs, t, c, SHUT_WR);
		assertErrno(() => sysShutdown(h.vfs, t, c, 3), "EINVAL");
		assertErrno(() => h.vfs.write(t, c, "x"), "EPIPE");
		assert.equal(text(h.vfs.read(t, s, 10)), "last");
		assert.equal(h.vfs.read(t, s, 10).length, 0);
		assert.equal(pollOf(h, t, s) & (POLLIN | POLLRDHUP | POLLHUP), POLLIN | POLLRDHUP);
		h.vfs.write(t, s, "reply");
		assert.equal(text(h.vfs.read(t, c, 10)), "reply");
	});

	it("poll masks: a listener is readable with a connection pending; an unconnected socket is POLLOUT|POLLHUP", () => {
		const h = new TestHost();
		const t = h.spawn();
		const l = listener(h, t, "/tmp/s");
		assert.equal(pollOf(h, t, l), 0);
		const c = stream(h, t);
		assert.equal(pollOf(h, t, c), POLLOUT | POLLWRNORM | POLLWRBAND | POLLHUP);
		sysConnect(h.vfs, t, c, un("/tmp/s"));
		assert.equal(pollOf(h, t, l), POLLIN | POLLRDNORM);
		assert.equal(pollOf(h, t, c), POLLOUT | POLLWRNORM | POLLWRBAND);
		const s = sysAccept(h.vfs, t, l).fd;
		h.vfs.write(t, s, "x");
		assert.equal(pollOf(h, t, c), POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND);
	});

	it("unlink removes the name: the socket stays bound but unreachable; the path can be bound anew", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = pair(h, t, "/tmp/s");
		h.vfs.unlink(t, "/tmp/s");
		assertErrno(() => sysConnect(h.vfs, t, stream(h, t), un("/tmp/s")), "ENOENT");
		h.vfs.write(t, c, "still");
		assert.equal(text(h.vfs.read(t, s, 10)), "still");
		const l2 = listener(h, t, "/tmp/s");
		const c2 = stream(h, t);
		sysConnect(h.vfs, t, c2, un("/tmp/s"));
		assert.equal(unixSockOf(h.vfs.files(t).get(l2))!.acceptQueue.length, 1);
	});

	it("random writes and reads keep the stream in order and the writer's memory equal to what is queued", () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.record({ w: fc.integer({ min: 0, max: 50000 }) }),
						fc.record({ r: fc.integer({ min: 1, max: 80000 }) }),
					),
					{ maxLength: 40 },
				),
				(ops) => {
					const h = new TestHost();
					const t = h.spawn();
					const { c, s } = pair(h, t, "/tmp/s", SOCK_NONBLOCK);
					const ck = unixSockOf(h.vfs.files(t).get(c))!;
					const sk = unixSockOf(h.vfs.files(t).get(s))!;
					let sent = 0;
					let recvd = 0;
					for (const op of ops) {
						if ("w" in op) {
							const buf = new Uint8Array(op.w);
							for (let i = 0; i < buf.length; i++) buf[i] = (sent + i) & 0xff;
							const e = errnoOf(() => {
								sent += sysSendto(h.vfs, t, c, buf);
							});
							assert.ok(e === "OK" || e === "EAGAIN");
						} else {
							const e = errnoOf(() => {
								const d = h.vfs.read(t, s, op.r);
								for (let i = 0; i < d.length; i++) assert.equal(d[i], (recvd + i) & 0xff);
								recvd += d.length;
							});
							assert.ok(e === "OK" || e === "EAGAIN");
						}
						assert.equal(sent - recvd, sk.rcvBytes);
						let truesize = 0;
						for (const skb of sk.receiveQueue) truesize += skb.truesize;
						assert.equal(ck.wmemAlloc, truesize);
					}
				},
			),
			{ numRuns: 40 },
		);
	});
});
