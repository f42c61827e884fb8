/**
 * TCP over loopback and its socket memory accounting: socket(2) and the
 * sockfs files, the port table (bind conflicts, SO_REUSEADDR, ephemeral
 * ports), connect/listen/accept, the byte stream with its buffer limits,
 * resets and orderly closes, and the memcg side: sockets of a non-root
 * memcg charge memory.current and memory.stat's sock on cgroup2 (the
 * accepting task's memcg for an accepted socket), the tcpmem counter on
 * cgroup v1 once its limit was written, and nothing stays charged once
 * the sockets are gone.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { S_IFMT, S_IFSOCK } from "../../src/fs/constants.ts";
import {
	socketOf,
	sysAccept4,
	sysBind,
	sysConnect,
	sysGetpeername,
	sysGetsockname,
	sysGetsockopt,
	sysListen,
	sysSetsockopt,
	sysShutdown,
	sysSocket,
} from "../../src/fs/socket.ts";
import { bytesToBinary } from "../../src/kernel/bytes.ts";
import { isKernelError } from "../../src/kernel/errno.ts";
import { checkMemoryInvariants } from "../../src/kernel/mm/invariants.ts";
import { MEMCG_SOCK } from "../../src/kernel/mm/memcontrol.ts";
import {
	AF_INET,
	AF_INET6,
	SHUT_RD,
	SHUT_WR,
	SO_ERROR,
	SO_RCVBUF,
	SO_REUSEADDR,
	SO_SNDBUF,
	SO_TYPE,
	SOCK_CLOEXEC,
	SOCK_NONBLOCK,
	SOCK_STREAM,
	SOL_SOCKET,
	TCP_CLOSING,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_SKB_HEAD_TRUESIZE,
} from "../../src/kernel/net/defs.ts";
import type { SockAddr } from "../../src/kernel/net/inet-addr.ts";
import type { Sock } from "../../src/kernel/net/sock.ts";
import { SIGPIPE } from "../../src/kernel/signal.ts";
import type { Task } from "../../src/kernel/task.ts";
import { WouldBlock } from "../../src/kernel/wait.ts";
import { Sys } from "../../src/userland/proc/sys.ts";
import type { Run } from "../../src/userland/proc/types.ts";
import { assertErrno, TestHost } from "../support/host.ts";
import { newSystem } from "../support/userland.ts";

const R = "/sys/fs/cgroup";
const PAGE = 4096;
const SOCK_DGRAM = 2;

const v4 = (addr: string, port: number): SockAddr => ({ family: AF_INET, addr, port });
const v6 = (addr: string, port: number): SockAddr => ({ family: AF_INET6, addr, port });

/** A cgroup2 host with memory enabled below the root and cgroups a and b. */
function v2Host(): TestHost {
	const h = new TestHost({ layout: "v2" });
	h.write(`${R}/cgroup.subtree_control`, "+memory");
	h.mkdir(`${R}/a`);
	h.mkdir(`${R}/b`);
	return h;
}

function procIn(h: TestHost, cgroupDir: string): Task {
	const p = h.spawn();
	h.write(`${cgroupDir}/cgroup.procs`, String(p.pid));
	return p;
}

function noDrift(h: TestHost): void {
	assert.deepEqual(checkMemoryInvariants(h.kernel.mm), []);
}

/** Whether the call would sleep (the kernel's WouldBlock). */
function blocks(fn: () => unknown): boolean {
	try {
		fn();
		return false;
	} catch (e) {
		if (e instanceof WouldBlock) return true;
		throw e;
	}
}

function tcp(h: TestHost, t: Task, family = AF_INET, flags = 0): number {
	return sysSocket(h.vfs, t, family, SOCK_STREAM | flags, 0);
}

function listener(h: TestHost, t: Task, sa: SockAddr, backlog = 16): number {
	const fd = tcp(h, t, sa.family);
	sysBind(h.vfs, t, fd, sa);
	sysListen(h.vfs, t, fd, backlog);
	return fd;
}

function sockOf(h: TestHost, t: Task, fd: number): Sock {
	return socketOf(h.vfs.files(t).get(fd))!;
}

/** An established connection: the client's fd and the server's accepted fd. */
function connection(
	h: TestHost,
	server: Task,
	client: Task,
	port: number,
	lfd?: number,
): { c: number; s: number; l: number } {
	const l = lfd ?? listener(h, server, v4("127.0.0.1", port));
	const c = tcp(h, client);
	sysConnect(h.vfs, client, c, v4("127.0.0.1", port));
	const s = sysAccept4(h.vfs, server, l).fd;
	return { c, s, l };
}

function bytes(n: number, seed = 1): Uint8Array {
	const b = new Uint8Array(n);
	for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
	return b;
}

/** Read until `n` bytes came or the read would block. */
function readAll(h: TestHost, t: Task, fd: number, n: number): Uint8Array {
	const out = new Uint8Array(n);
	let got = 0;
	while (got < n) {
		let chunk: Uint8Array;
		try {
			chunk = h.vfs.read(t, fd, n - got);
		} catch (e) {
			if (e instanceof WouldBlock) break;
			throw e;
		}
		if (chunk.length === 0) break;
		out.set(chunk, got);
		got += chunk.length;
	}
	return out.subarray(0, got);
}

/** Write as much as goes in without blocking. */
function writeSome(h: TestHost, t: Task, fd: number, data: Uint8Array): number {
	let done = 0;
	while (done < data.length) {
		try {
			done += h.vfs.write(t, fd, data.subarray(done));
		} catch (e) {
			if (e instanceof WouldBlock) break;
			throw e;
		}
	}
	return done;
}

function sockStat(h: TestHost, cg: string): number {
	const m = /^sock (\d+)$/m.exec(h.read(`${R}/${cg}/memory.stat`));
	return Number(m![1]);
}

describe("socket(2) and sockfs", () => {
	it("refuses families, types and protocols as the kernel does, leaving no descriptor behind", () => {
		const h = new TestHost();
		const t = h.spawn();
		const before = h.vfs.files(t).count;
		const cases: [number, number, number, string][] = [
			[46, SOCK_STREAM, 0, "EAFNOSUPPORT"],
			[-1, SOCK_STREAM, 0, "EAFNOSUPPORT"],
			// AF_AX25: a family this kernel is built without.
			[3, SOCK_STREAM, 0, "EAFNOSUPPORT"],
			[AF_INET, 11, 0, "EINVAL"],
			[AF_INET, SOCK_STREAM | 0x40, 0, "EINVAL"],
			[AF_INET, SOCK_DGRAM, 0, "ESOCKTNOSUPPORT"],
			[AF_INET, SOCK_STREAM, 17, "EPROTONOSUPPORT"],
			[AF_INET6, SOCK_STREAM, -1, "EINVAL"],
			[AF_INET6, SOCK_STREAM, 263, "EINVAL"],
		];
		for (const [d, ty, p, e] of cases) {
			assertErrno(() => sysSocket(h.vfs, t, d, ty, p), e, `socket(${d}, ${ty}, ${p})`);
		}
		assert.equal(h.vfs.files(t).count, before);
		assert.equal(h.kernel.net.socks.size, 0);
	});

	it("a socket is an S_IFSOCK 0777 file read as socket:[ino] in /proc; flags of socket(2) land on the file", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = sysSocket(h.vfs, t, AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 6);
		const st = h.vfs.fstat(t, fd);
		assert.equal(st.mode & S_IFMT, S_IFSOCK);
		assert.equal(st.mode & 0o7777, 0o777);
		assert.equal(h.vfs.readlink(h.init, `/proc/${t.pid}/fd/${fd}`), `socket:[${st.ino}]`);
		assert.ok(h.vfs.files(t).isCloexec(fd));
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
		// A read of a socket that never connected, a write to it, a nonblocking accept.
		assertErrno(() => h.vfs.read(t, fd, 10), "ENOTCONN");
		assertErrno(() => h.vfs.write(t, fd, "x"), "EPIPE");
		assertErrno(() => sysAccept4(h.vfs, t, fd), "EINVAL");
		const file = tcp(h, t);
		assertErrno(() => sysListen(h.vfs, t, 99, 1), "EBADF");
		const pipe = h.vfs.pipe2(t);
		assertErrno(() => sysListen(h.vfs, t, pipe[0], 1), "ENOTSOCK");
		h.vfs.close(t, fd);
		h.vfs.close(t, file);
		assert.equal(h.kernel.net.socks.size, 0, "the last close frees the socket");
	});
});

describe("bind(2) and the port table", () => {
	it("checks length, family, locality, privilege; EINVAL once bound; state unchanged by a failure", () => {
		const h = new TestHost();
		const t = h.spawn();
		const user = h.spawnAs(1000);
		const fd = tcp(h, t);
		assertErrno(() => sysBind(h.vfs, t, fd, { ...v4("127.0.0.1", 5000), len: 8 }), "EINVAL");
		assertErrno(() => sysBind(h.vfs, t, fd, v6("::1", 5000)), "EAFNOSUPPORT");
		assertErrno(() => sysBind(h.vfs, t, fd, v4("10.1.2.3", 5000)), "EADDRNOTAVAIL");
		const ufd = tcp(h, user);
		assertErrno(() => sysBind(h.vfs, user, ufd, v4("127.0.0.1", 80)), "EACCES");
		sysBind(h.vfs, user, ufd, v4("127.0.0.1", 1024));
		assert.deepEqual(sysGetsockname(h.vfs, t, fd), v4("0.0.0.0", 0));
		sysBind(h.vfs, t, fd, v4("127.0.0.2", 80));
		assert.deepEqual(sysGetsockname(h.vfs, t, fd), v4("127.0.0.2", 80));
		assertErrno(() => sysBind(h.vfs, t, fd, v4("127.0.0.2", 81)), "EINVAL");
		const six = tcp(h, t, AF_INET6);
		assertErrno(() => sysBind(h.vfs, t, six, { ...v6("::1", 5000), len: 16 }), "EINVAL");
		assertErrno(() => sysBind(h.vfs, t, six, v4("127.0.0.1", 5000)), "EINVAL", "too short first");
		assertErrno(
			() => sysBind(h.vfs, t, six, { ...v4("127.0.0.1", 5000), len: 28 }),
			"EAFNOSUPPORT",
		);
		sysBind(h.vfs, t, six, v6("::ffff:127.0.0.1", 5000));
		assert.deepEqual(sysGetsockname(h.vfs, t, six), v6("::ffff:127.0.0.1", 5000));
	});

	it("overlapping addresses conflict; SO_REUSEADDR on both lets them share until one listens", () => {
		const h = new TestHost();
		const t = h.spawn();
		const a = tcp(h, t);
		sysBind(h.vfs, t, a, v4("127.0.0.1", 6000));
		const b = tcp(h, t);
		assertErrno(() => sysBind(h.vfs, t, b, v4("0.0.0.0", 6000)), "EADDRINUSE");
		assertErrno(() => sysBind(h.vfs, t, b, v4("127.0.0.1", 6000)), "EADDRINUSE");
		sysBind(h.vfs, t, b, v4("127.0.0.2", 6000));
		// IPv6 :: covers IPv4; ::1 and 127.0.0.1 are different addresses.
		const c = tcp(h, t, AF_INET6);
		assertErrno(() => sysBind(h.vfs, t, c, v6("::", 6000)), "EADDRINUSE");
		sysBind(h.vfs, t, c, v6("::1", 6000));
		// SO_REUSEADDR: both bound, neither listening.
		const d = tcp(h, t);
		const e = tcp(h, t);
		for (const fd of [d, e]) sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_REUSEADDR, 1);
		assert.equal(sysGetsockopt(h.vfs, t, d, SOL_SOCKET, SO_REUSEADDR), 1);
		sysBind(h.vfs, t, d, v4("127.0.0.1", 7000));
		sysBind(h.vfs, t, e, v4("127.0.0.1", 7000));
		sysListen(h.vfs, t, d, 1);
		assertErrno(() => sysListen(h.vfs, t, e, 1), "EADDRINUSE");
		const f = tcp(h, t);
		sysSetsockopt(h.vfs, t, f, SOL_SOCKET, SO_REUSEADDR, 1);
		assertErrno(
			() => sysBind(h.vfs, t, f, v4("127.0.0.1", 7000)),
			"EADDRINUSE",
			"a listener is never shared",
		);
		// The one that failed to listen may still bind elsewhere? No: it stays bound, unconnected.
		assert.deepEqual(sysGetsockname(h.vfs, t, e), v4("127.0.0.1", 7000));
	});

	it("ephemeral ports: bind(0) takes an odd port, connect() an even one, from ip_local_port_range, by the seed", () => {
		const ports = (seed: number) => {
			const h = new TestHost({ seed });
			const t = h.spawn();
			const b = tcp(h, t);
			sysBind(h.vfs, t, b, v4("127.0.0.1", 0));
			const l = listener(h, t, v4("127.0.0.1", 9000));
			const c = tcp(h, t);
			sysConnect(h.vfs, t, c, v4("127.0.0.1", 9000));
			sysAccept4(h.vfs, t, l);
			return [sysGetsockname(h.vfs, t, b).port, sysGetsockname(h.vfs, t, c).port];
		};
		for (const seed of [1, 2, 3]) {
			const [b, c] = ports(seed);
			assert.ok(b! >= 32768 && b! <= 60999 && b! % 2 === 1, `bind(0) port ${b}`);
			assert.ok(c! >= 32768 && c! <= 60999 && c! % 2 === 0, `connect port ${c}`);
			assert.deepEqual(ports(seed), [b, c], "deterministic");
		}
	});
});

describe("connect(2), listen(2), accept(2)", () => {
	it("ECONNREFUSED with nobody listening; the socket may connect again; ENETUNREACH off loopback", () => {
		const h = new TestHost();
		const t = h.spawn();
		const c = tcp(h, t);
		assertErrno(() => sysConnect(h.vfs, t, c, v4("127.0.0.1", 4242)), "ECONNREFUSED");
		assert.deepEqual(sysGetsockname(h.vfs, t, c), v4("0.0.0.0", 0), "the port went back");
		assertErrno(() => sysConnect(h.vfs, t, c, v4("192.0.2.1", 80)), "ENETUNREACH");
		const l = listener(h, t, v4("0.0.0.0", 4242));
		sysConnect(h.vfs, t, c, v4("0.0.0.0", 4242));
		assertErrno(() => sysConnect(h.vfs, t, c, v4("127.0.0.1", 4242)), "EISCONN");
		const { fd, addr } = sysAccept4(h.vfs, t, l);
		assert.deepEqual(addr, sysGetsockname(h.vfs, t, c));
		assert.deepEqual(sysGetpeername(h.vfs, t, c), v4("127.0.0.1", 4242));
		assert.deepEqual(sysGetsockname(h.vfs, t, fd), v4("127.0.0.1", 4242));
		assertErrno(() => sysGetpeername(h.vfs, t, l), "ENOTCONN");
		assertErrno(() => sysConnect(h.vfs, t, l, v4("127.0.0.1", 4242)), "EISCONN");
		assertErrno(() => sysListen(h.vfs, t, c, 1), "EINVAL");
	});

	it("a dual-stack [::] listener takes IPv4 and IPv6 clients; a 127.0.0.1 listener not ::1", () => {
		const h = new TestHost();
		const t = h.spawn();
		const l6 = listener(h, t, v6("::", 5555));
		const c4 = tcp(h, t);
		sysConnect(h.vfs, t, c4, v4("127.0.0.1", 5555));
		assert.equal(sysAccept4(h.vfs, t, l6).addr.addr, "::ffff:127.0.0.1");
		const c6 = tcp(h, t, AF_INET6);
		sysConnect(h.vfs, t, c6, v6("::1", 5555));
		assert.equal(sysAccept4(h.vfs, t, l6).addr.addr, "::1");
		listener(h, t, v4("127.0.0.1", 5556));
		const c = tcp(h, t, AF_INET6);
		assertErrno(() => sysConnect(h.vfs, t, c, v6("::1", 5556)), "ECONNREFUSED");
	});

	it("nonblocking: EINPROGRESS, then 0, then EISCONN; accept EAGAIN; a full backlog holds the SYN", () => {
		const h = new TestHost();
		const t = h.spawn();
		const l = tcp(h, t, AF_INET, SOCK_NONBLOCK);
		sysBind(h.vfs, t, l, v4("127.0.0.1", 7777));
		sysListen(h.vfs, t, l, 1);
		assertErrno(() => sysAccept4(h.vfs, t, l), "EAGAIN");
		assertErrno(() => sysAccept4(h.vfs, t, l, 0x10), "EINVAL");
		const cs = [0, 1, 2].map(() => tcp(h, t, AF_INET, SOCK_NONBLOCK));
		for (const c of cs)
			assertErrno(() => sysConnect(h.vfs, t, c, v4("127.0.0.1", 7777)), "EINPROGRESS");
		// backlog 1 holds two connections; the third waits in SYN_SENT.
		assertErrno(() => sysConnect(h.vfs, t, cs[0]!, v4("127.0.0.1", 7777)), "OK");
		assertErrno(() => sysConnect(h.vfs, t, cs[0]!, v4("127.0.0.1", 7777)), "EISCONN");
		assertErrno(() => sysConnect(h.vfs, t, cs[2]!, v4("127.0.0.1", 7777)), "EALREADY");
		assertErrno(() => h.vfs.write(t, cs[2]!, "x"), "EAGAIN");
		const blockingClient = tcp(h, t);
		assert.ok(blocks(() => sysConnect(h.vfs, t, blockingClient, v4("127.0.0.1", 7777))));
		sysAccept4(h.vfs, t, l);
		assertErrno(() => sysConnect(h.vfs, t, cs[2]!, v4("127.0.0.1", 7777)), "OK");
		// Closing the listener resets what it never accepted and refuses the waiting SYN.
		h.vfs.close(t, l);
		assertErrno(() => sysConnect(h.vfs, t, blockingClient, v4("127.0.0.1", 7777)), "ECONNREFUSED");
		assertErrno(() => h.vfs.read(t, cs[1]!, 10), "ECONNRESET");
		assert.equal(h.vfs.read(t, cs[1]!, 10).length, 0, "then end of file");
	});
});

describe("the byte stream", () => {
	it("carries bytes in order; the sender queues what the receiver's buffer cannot take", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = connection(h, t, t, 8080);
		sysSetsockopt(h.vfs, t, c, SOL_SOCKET, SO_RCVBUF, 16384);
		assert.equal(sysGetsockopt(h.vfs, t, c, SOL_SOCKET, SO_RCVBUF), 32768, "doubled");
		const data = bytes(4_000_000);
		const sent = writeSome(h, t, s, data);
		const server = sockOf(h, t, s);
		const client = sockOf(h, t, c);
		assert.ok(sent < data.length, "the writer filled its buffers");
		assert.ok(server.wmemQueued >= server.sndbuf, "the send queue reached sk_sndbuf");
		assert.ok(server.wmemQueued < server.sndbuf + server.mss + TCP_SKB_HEAD_TRUESIZE);
		assert.ok(client.rmemAlloc <= client.rcvbuf + server.mss + TCP_SKB_HEAD_TRUESIZE);
		assert.ok(
			blocks(() => h.vfs.write(t, s, data.subarray(sent))),
			"a full send buffer waits",
		);
		assert.ok(client.rmemAlloc > 0 && server.wmemQueued > 0);
		const got = readAll(h, t, c, sent);
		assert.equal(got.length, sent);
		assert.deepEqual(got, data.subarray(0, sent));
		assert.equal(server.wmemQueued, 0, "everything reached the reader");
		assert.ok(
			blocks(() => h.vfs.read(t, c, 10)),
			"an empty socket waits",
		);
		noDrift(h);
	});

	it("an orderly close is end of file after the data; the closer's port goes with it", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = connection(h, t, t, 8081);
		assert.equal(h.vfs.write(t, c, "hello"), 5);
		h.vfs.close(t, c);
		assert.equal(bytesToBinary(h.vfs.read(t, s, 100)), "hello");
		assert.equal(h.vfs.read(t, s, 100).length, 0);
		assert.equal(h.vfs.read(t, s, 100).length, 0);
		// Writing to the closed peer: accepted once, the reset makes the next EPIPE.
		assert.equal(h.vfs.write(t, s, "late"), 4);
		assertErrno(() => h.vfs.write(t, s, "again"), "EPIPE");
	});

	it("a simultaneous close with data still queued: the orphan is CLOSING, the peer FIN_WAIT2, and the peer's reset frees it", () => {
		// As on the reference kernel (ss -tan): CLOSING with its Send-Q, the peer in FIN-WAIT-2.
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = connection(h, t, t, 8084);
		const server = sockOf(h, t, s);
		const client = sockOf(h, t, c);
		writeSome(h, t, s, bytes(400_000));
		assert.ok(server.writeQueue.length > 0, "data left queued");
		h.vfs.close(t, s);
		assert.equal(server.state, TCP_FIN_WAIT1);
		sysShutdown(h.vfs, t, c, SHUT_WR);
		assert.equal(server.state, TCP_CLOSING);
		assert.equal(client.state, TCP_FIN_WAIT2);
		// The client goes with unread data: its reset ends the orphan.
		h.vfs.close(t, c);
		assert.equal(server.freed, true);
		assert.equal(client.freed, true);
	});

	it("close with unread data resets: the peer reads what it had, then ECONNRESET once, then EOF; writes ECONNRESET then EPIPE", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = connection(h, t, t, 8082);
		h.vfs.write(t, s, "unread");
		h.vfs.write(t, c, "for the server");
		h.vfs.close(t, c);
		assert.equal(bytesToBinary(h.vfs.read(t, s, 100)), "for the server");
		assertErrno(() => h.vfs.write(t, s, "x"), "ECONNRESET");
		assertErrno(() => h.vfs.write(t, s, "x"), "EPIPE");
		assert.equal(h.vfs.read(t, s, 100).length, 0);
		const { c: c2, s: s2 } = connection(h, t, t, 8083);
		h.vfs.write(t, s2, "unread");
		h.vfs.close(t, c2);
		assertErrno(() => h.vfs.read(t, s2, 10), "ECONNRESET");
		assert.equal(h.vfs.read(t, s2, 10).length, 0);
		assert.equal(sysGetsockopt(h.vfs, t, s2, SOL_SOCKET, SO_ERROR), 0);
	});

	it("shutdown(): SHUT_WR is EOF for the peer and EPIPE for the writer; EINVAL for a bad how, ENOTCONN unconnected", () => {
		const h = new TestHost();
		const t = h.spawn();
		const { c, s } = connection(h, t, t, 8084);
		assertErrno(() => sysShutdown(h.vfs, t, c, 3), "EINVAL");
		assertErrno(() => sysShutdown(h.vfs, t, c, -1), "EINVAL");
		h.vfs.write(t, c, "bye");
		sysShutdown(h.vfs, t, c, SHUT_WR);
		assertErrno(() => h.vfs.write(t, c, "more"), "EPIPE");
		assert.equal(bytesToBinary(h.vfs.read(t, s, 10)), "bye");
		assert.equal(h.vfs.read(t, s, 10).length, 0);
		// The other direction still works.
		h.vfs.write(t, s, "reply");
		assert.equal(bytesToBinary(h.vfs.read(t, c, 10)), "reply");
		sysShutdown(h.vfs, t, c, SHUT_RD);
		assert.equal(h.vfs.read(t, c, 10).length, 0);
		const u = tcp(h, t);
		assertErrno(() => sysShutdown(h.vfs, t, u, SHUT_WR), "ENOTCONN");
	});

	it("a write to a reset connection raises SIGPIPE on EPIPE, not on ECONNRESET", () => {
		const sys = newSystem({});
		const h = { kernel: sys.kernel, vfs: sys.vfs, init: sys.kernel.init } as unknown as TestHost;
		const t = sys.kernel.fork(sys.kernel.init);
		const { c, s } = connection(h, t, sys.kernel.init, 8085);
		h.vfs.write(t, s, "unread");
		const errors: string[] = [];
		sys.sched.spawn(
			t,
			(function* (): Run<number> {
				const me = new Sys(sys, t);
				h.vfs.close(sys.kernel.init, c);
				for (;;) {
					try {
						yield* me.write(s, "x");
					} catch (e) {
						if (!isKernelError(e)) throw e;
						errors.push(e.code);
					}
				}
			})(),
		);
		sys.sched.runSync(() => t.exitState !== 0);
		assert.deepEqual(errors, ["ECONNRESET"]);
		assert.equal(t.exitCode & 0x7f, SIGPIPE);
	});

	it("SO_SNDBUF and SO_RCVBUF: doubled, capped by wmem_max/rmem_max, at least the minimum; ENOPROTOOPT, EINVAL", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = tcp(h, t);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF), 16384);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_RCVBUF), 131072);
		sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF, 10000);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF), 20000);
		sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF, 1);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF), 4608);
		sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF, 1 << 30);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF), 425984);
		sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_RCVBUF, -1);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_RCVBUF), 425984);
		sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_RCVBUF, 0);
		assert.equal(sysGetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_RCVBUF), 2304);
		assertErrno(() => sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, 9999, 1), "ENOPROTOOPT");
		assertErrno(() => sysSetsockopt(h.vfs, t, fd, 6, 1, 1), "ENOPROTOOPT");
		assertErrno(() => sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_SNDBUF, 1, 2), "EINVAL");
		assertErrno(() => sysSetsockopt(h.vfs, t, fd, SOL_SOCKET, SO_TYPE, 1), "ENOPROTOOPT");
	});
});

describe("socket memory in the memory cgroup", () => {
	it("cgroup2: the writer's queue is charged to its memcg, memory.current and sock agree, all goes at close", () => {
		const h = v2Host();
		const srv = procIn(h, `${R}/a`);
		const cli = h.spawn();
		const current0 = Number(h.read(`${R}/a/memory.current`));
		const { c, s } = connection(h, srv, cli, 9090);
		const sk = sockOf(h, srv, s);
		assert.equal(sk.memcg?.cgroup.path(), "/a");
		assert.equal(sockOf(h, cli, c).memcg, null, "the root memcg's sockets are not charged");
		writeSome(h, srv, s, bytes(4_000_000));
		const sock = sockStat(h, "a");
		assert.ok(sock > 2_000_000, `sock ${sock}`);
		assert.equal(sock, sk.memcgPages * PAGE);
		assert.equal(h.kernel.mm.memcgOf(srv)!.stat[MEMCG_SOCK]! * PAGE, sock);
		const current = Number(h.read(`${R}/a/memory.current`));
		assert.ok(current - current0 >= sock && current - current0 <= sock + 64 * PAGE);
		noDrift(h);
		readAll(h, cli, c, 100_000);
		assert.ok(sockStat(h, "a") < sock, "the reader freed some");
		noDrift(h);
		h.vfs.close(cli, c);
		assert.equal(sockStat(h, "a"), 0, "the reset dropped the queue");
		h.vfs.close(srv, s);
		assert.equal(h.kernel.net.tcpMemoryAllocated, 0);
		noDrift(h);
	});

	it("an accepted socket belongs to the accepting task's memcg, charged what arrived before accept()", () => {
		const h = v2Host();
		const lt = procIn(h, `${R}/a`);
		const acceptor = procIn(h, `${R}/b`);
		const cli = h.spawn();
		const l = listener(h, lt, v4("127.0.0.1", 9191));
		const lsk = sockOf(h, lt, l);
		assert.equal(lsk.memcg?.cgroup.path(), "/a");
		const c = tcp(h, cli);
		sysConnect(h.vfs, cli, c, v4("127.0.0.1", 9191));
		h.vfs.write(cli, c, bytes(50_000));
		assert.equal(sockStat(h, "b"), 0);
		// The accept happens in b through a descriptor passed over (the same open file).
		h.vfs.files(acceptor).installAt(7, h.vfs.files(lt).get(l).get(), false);
		const s = sysAccept4(h.vfs, acceptor, 7).fd;
		const sk = sockOf(h, acceptor, s);
		assert.equal(sk.memcg?.cgroup.path(), "/b");
		assert.equal(sockStat(h, "b"), sk.allocatedPages * PAGE);
		assert.ok(sockStat(h, "b") >= 50_000);
		assert.equal(sockStat(h, "a"), 0);
		noDrift(h);
		readAll(h, acceptor, s, 50_000);
		assert.equal(sockStat(h, "b"), 0);
		noDrift(h);
	});

	it("sock is hierarchical; a removed memcg stays dying while an orphan's queue is charged to it", () => {
		const h = v2Host();
		h.write(`${R}/a/cgroup.subtree_control`, "+memory");
		h.mkdir(`${R}/a/x`);
		const srv = procIn(h, `${R}/a/x`);
		const cli = h.spawn();
		const { c, s } = connection(h, srv, cli, 9292);
		const written = writeSome(h, srv, s, bytes(3_000_000));
		const sock = sockStat(h, "a/x");
		assert.ok(sock > 0);
		assert.equal(sockStat(h, "a"), sock);
		// The server closes (an orderly close with unsent data) and leaves; its memcg goes.
		h.vfs.close(srv, s);
		h.kernel.exitGroup(srv, 0);
		h.rmdir(`${R}/a/x`);
		assert.match(h.read(`${R}/a/cgroup.stat`), /nr_dying_descendants 1/);
		assert.equal(sockStat(h, "a"), sock, "the orphan's queue is still charged, below a");
		noDrift(h);
		let got = 0;
		for (;;) {
			const n = readAll(h, cli, c, 1 << 20).length;
			if (n === 0) break;
			got += n;
		}
		assert.equal(got, written, "the orphan delivered everything");
		assert.equal(sockStat(h, "a"), 0);
		h.kernel.mm.drainAllStock(h.kernel.mm.rootMemcg!);
		assert.match(h.read(`${R}/a/cgroup.stat`), /nr_dying_descendants 0/);
		noDrift(h);
	});

	it("cgroup v1: no charge until memory.kmem.tcp.limit_in_bytes is written; then tcpmem only, within its limit", () => {
		const h = new TestHost();
		const M = "/sys/fs/cgroup/memory";
		h.mkdir(`${M}/t`);
		const srv = procIn(h, `${M}/t`);
		const cli = h.spawn();
		const a = connection(h, srv, cli, 9393);
		writeSome(h, srv, a.s, bytes(1_000_000));
		assert.equal(sockOf(h, srv, a.s).memcg, null);
		assert.equal(h.read(`${M}/t/memory.kmem.tcp.usage_in_bytes`), "0\n");
		h.write(`${M}/t/memory.kmem.tcp.limit_in_bytes`, String(256 * 1024));
		const usage0 = h.read(`${M}/t/memory.usage_in_bytes`);
		const b = connection(h, srv, cli, 9394);
		writeSome(h, srv, b.s, bytes(2_000_000));
		const sk = sockOf(h, srv, b.s);
		assert.equal(sk.memcg?.cgroup.path(), "/t");
		const tcpUsage = Number(h.read(`${M}/t/memory.kmem.tcp.usage_in_bytes`));
		assert.equal(tcpUsage, sk.memcgPages * PAGE);
		assert.ok(tcpUsage > 0 && tcpUsage <= 256 * 1024 + 64 * 1024, `tcp usage ${tcpUsage}`);
		assert.ok(sk.sndbuf < 2_000_000, "the refused charges moderated the send buffer");
		assert.equal(h.read(`${M}/t/memory.usage_in_bytes`), usage0, "memory itself is not charged");
		assert.match(h.read(`${M}/t/memory.stat`), /^cache /);
		noDrift(h);
		readAll(h, cli, b.c, 3_000_000);
		h.vfs.close(srv, b.s);
		assert.equal(h.read(`${M}/t/memory.kmem.tcp.usage_in_bytes`), "0\n");
		noDrift(h);
	});

	it("random socket operations keep the memcg invariants and leave nothing charged", () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant("connect" as const), who: fc.nat(), to: fc.nat() }),
			fc.record({
				kind: fc.constant("write" as const),
				sock: fc.nat(),
				size: fc.integer({ min: 1, max: 400_000 }),
			}),
			fc.record({
				kind: fc.constant("read" as const),
				sock: fc.nat(),
				size: fc.integer({ min: 1, max: 400_000 }),
			}),
			fc.record({ kind: fc.constant("close" as const), sock: fc.nat() }),
			fc.record({
				kind: fc.constant("shutdown" as const),
				sock: fc.nat(),
				how: fc.integer({ min: 0, max: 2 }),
			}),
			fc.record({ kind: fc.constant("exit" as const), who: fc.nat() }),
			fc.record({
				kind: fc.constant("rcvbuf" as const),
				sock: fc.nat(),
				size: fc.integer({ min: 0, max: 300_000 }),
			}),
		);
		fc.assert(
			fc.property(
				fc.array(op, { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 1, max: 1000 }),
				(ops, seed) => {
					const h = new TestHost({ layout: "v2", seed });
					h.write(`${R}/cgroup.subtree_control`, "+memory");
					h.mkdir(`${R}/a`);
					h.mkdir(`${R}/b`);
					const procs = [procIn(h, `${R}/a`), procIn(h, `${R}/b`), h.spawn()];
					const ports = [20001, 20002, 20003];
					const listeners = procs.map((p, i) => {
						const fd = tcp(h, p, AF_INET, SOCK_NONBLOCK);
						sysBind(h.vfs, p, fd, v4("127.0.0.1", ports[i]!));
						sysListen(h.vfs, p, fd, 2);
						return fd;
					});
					const socks: { p: Task; fd: number }[] = [];
					const live = () => socks.filter((x) => x.p.exitState === 0 && h.vfs.files(x.p).has(x.fd));
					const tolerate = (fn: () => unknown) => {
						try {
							fn();
						} catch (e) {
							if (!(e instanceof WouldBlock) && !isKernelError(e)) throw e;
						}
					};
					for (const o of ops) {
						const alive = procs.filter((p) => p.exitState === 0);
						const ls = live();
						switch (o.kind) {
							case "connect": {
								if (alive.length === 0) break;
								const p = alive[o.who % alive.length]!;
								const to = o.to % procs.length;
								const fd = tcp(h, p, AF_INET, SOCK_NONBLOCK);
								socks.push({ p, fd });
								tolerate(() => sysConnect(h.vfs, p, fd, v4("127.0.0.1", ports[to]!)));
								const lp = procs[to]!;
								if (lp.exitState === 0) {
									tolerate(() =>
										socks.push({
											p: lp,
											fd: sysAccept4(h.vfs, lp, listeners[to]!, SOCK_NONBLOCK).fd,
										}),
									);
								}
								break;
							}
							case "write":
							case "read":
							case "close":
							case "shutdown":
							case "rcvbuf": {
								if (ls.length === 0) break;
								const x = ls[o.sock % ls.length]!;
								if (o.kind === "write") tolerate(() => h.vfs.write(x.p, x.fd, bytes(o.size)));
								else if (o.kind === "read") tolerate(() => h.vfs.read(x.p, x.fd, o.size));
								else if (o.kind === "close") h.vfs.close(x.p, x.fd);
								else if (o.kind === "shutdown")
									tolerate(() => sysShutdown(h.vfs, x.p, x.fd, o.how));
								else sysSetsockopt(h.vfs, x.p, x.fd, SOL_SOCKET, SO_RCVBUF, o.size);
								break;
							}
							case "exit": {
								if (alive.length === 0) break;
								h.kernel.exitGroup(alive[o.who % alive.length]!, 0);
								break;
							}
						}
						noDrift(h);
					}
					for (const p of procs) if (p.exitState === 0) h.kernel.exitGroup(p, 0);
					noDrift(h);
					assert.equal(h.kernel.net.socks.size, 0, "every socket freed");
					assert.equal(h.kernel.net.tcpMemoryAllocated, 0);
					assert.equal(sockStat(h, "a"), 0);
					assert.equal(sockStat(h, "b"), 0);
				},
			),
			{ numRuns: 60 },
		);
	});
});
