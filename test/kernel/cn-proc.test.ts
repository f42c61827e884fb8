/**
 * The process events connector over NETLINK_CONNECTOR sockets: the bytes
 * of every event as Linux 6.12 lays them out on x86-64 (built here from
 * the uapi headers, independently of the implementation), who may bind
 * and send, the listener count with its LISTEN/IGNORE rules and filters,
 * the acks, and the receive buffer: overruns that drop messages and
 * report ENOBUFS once, truncating reads, MSG_PEEK and MSG_TRUNC.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	netlinkSockOf,
	socketOfFile,
	sysBind,
	sysGetname,
	sysGetsockopt,
	sysListen,
	sysRecvfrom,
	sysSendto,
	sysSetsockopt,
	sysShutdown,
	sysSocket,
} from "../../src/fs/socket.ts";
import {
	PROC_CN_MCAST_IGNORE,
	PROC_CN_MCAST_LISTEN,
	PROC_EVENT_ALL,
	PROC_EVENT_EXEC,
	PROC_EVENT_EXIT,
	PROC_EVENT_FORK,
	PROC_EVENT_GID,
	PROC_EVENT_NONE,
	PROC_EVENT_NONZERO_EXIT,
	PROC_EVENT_SID,
	PROC_EVENT_UID,
	procCommConnector,
	procPtraceConnector,
} from "../../src/kernel/cn-proc.ts";
import { exitStatus } from "../../src/kernel/exit.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import {
	AF_INET,
	AF_NETLINK,
	MSG_DONTWAIT,
	MSG_OOB,
	MSG_PEEK,
	MSG_TRUNC,
	SO_RCVBUF,
	SOCK_DGRAM,
	SOCK_NONBLOCK,
	SOCK_RAW,
	SOCK_STREAM,
	SOL_SOCKET,
} from "../../src/kernel/net/defs.ts";
import { NETLINK_NO_ENOBUFS, type NetlinkAddr, SOL_NETLINK } from "../../src/kernel/net/netlink.ts";
import {
	POLLERR,
	POLLIN,
	POLLOUT,
	POLLRDNORM,
	POLLWRBAND,
	POLLWRNORM,
} from "../../src/kernel/poll.ts";
import type { Task } from "../../src/kernel/task.ts";
import { WouldBlock } from "../../src/kernel/wait.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const NETLINK_CONNECTOR = 11;
/** The truesize of one connector skb on the reference machine (SO_MEMINFO). */
const EVENT_TRUESIZE = 832;

const nl = (pid: number, groups: number, len?: number): NetlinkAddr =>
	len === undefined
		? { family: AF_NETLINK, pid, groups }
		: { family: AF_NETLINK, pid, groups, len };

/** struct nlmsghdr + cn_msg + proc_event as the uapi headers lay them out. */
interface Expected {
	seq: number;
	ack?: number;
	what: number;
	cpu: number;
	ts: number;
	data: number[];
}

function expectedDatagram(e: Expected): Uint8Array {
	const b = new Uint8Array(76);
	const v = new DataView(b.buffer);
	v.setUint32(0, 76, true); // nlmsg_len = NLMSG_LENGTH(sizeof(cn_msg) + sizeof(proc_event))
	v.setUint16(4, 3, true); // NLMSG_DONE
	v.setUint16(6, 0, true);
	v.setUint32(8, e.seq, true);
	v.setUint32(12, 0, true); // from the kernel
	v.setUint32(16, 1, true); // CN_IDX_PROC
	v.setUint32(20, 1, true); // CN_VAL_PROC
	v.setUint32(24, e.seq, true);
	v.setUint32(28, e.ack ?? 0, true);
	v.setUint16(32, 40, true); // sizeof(struct proc_event)
	v.setUint16(34, 0, true);
	v.setUint32(36, e.what, true);
	v.setUint32(40, e.cpu, true);
	v.setBigUint64(44, BigInt(e.ts), true);
	for (const [i, x] of e.data.entries()) v.setUint32(52 + 4 * i, x >>> 0, true);
	return b;
}

/** The control message: nlmsghdr + cn_msg + op (+ event mask). */
function mcastMsg(
	op: number,
	opts: { seq?: number; ack?: number; mask?: number; cnLen?: number } = {},
): Uint8Array {
	const dataLen = opts.mask === undefined ? 4 : 8;
	const b = new Uint8Array(36 + dataLen);
	const v = new DataView(b.buffer);
	v.setUint32(0, b.length, true);
	v.setUint16(4, 3, true);
	v.setUint32(16, 1, true);
	v.setUint32(20, 1, true);
	v.setUint32(24, opts.seq ?? 0, true);
	v.setUint32(28, opts.ack ?? 0, true);
	v.setUint16(32, opts.cnLen ?? dataLen, true);
	v.setUint32(36, op, true);
	if (opts.mask !== undefined) v.setUint32(40, opts.mask, true);
	return b;
}

function cnSocket(h: TestHost, t: Task, groups = 1, flags = SOCK_NONBLOCK): number {
	const fd = sysSocket(h.vfs, t, AF_NETLINK, SOCK_DGRAM | flags, NETLINK_CONNECTOR);
	sysBind(h.vfs, t, fd, nl(0, groups));
	return fd;
}

function listen(h: TestHost, t: Task, fd: number, op = PROC_CN_MCAST_LISTEN, mask?: number): void {
	const msg = mask === undefined ? mcastMsg(op) : mcastMsg(op, { mask });
	assert.equal(sysSendto(h.vfs, t, fd, msg), msg.length);
}

/** Every datagram queued, until EAGAIN. */
function drain(h: TestHost, t: Task, fd: number): Uint8Array[] {
	const out: Uint8Array[] = [];
	for (;;) {
		try {
			out.push(sysRecvfrom(h.vfs, t, fd, 4096, MSG_DONTWAIT).data);
		} catch (e) {
			if (e instanceof Error && "code" in e && e.code === "EAGAIN") return out;
			throw e;
		}
	}
}

const whatOf = (d: Uint8Array): number => new DataView(d.buffer, d.byteOffset).getUint32(36, true);

describe("proc connector events", () => {
	it("LISTEN is acked to the group; fork, exec, uid, gid, sid, exit are the kernel's bytes", () => {
		const h = new TestHost();
		const k = h.kernel;
		const d = h.spawn();
		const fd = cnSocket(h, d);
		const msg = mcastMsg(PROC_CN_MCAST_LISTEN, { seq: 7, ack: 3 });
		assert.equal(sysSendto(h.vfs, d, fd, msg), 40);
		const ack = sysRecvfrom(h.vfs, d, fd, 4096);
		// The ack: seq and cpu are send_msg()'s (the request's seq is lost), ack is 3 + 1.
		assert.deepEqual(
			ack.data,
			expectedDatagram({
				seq: 0,
				ack: 4,
				what: PROC_EVENT_NONE,
				cpu: d.se.cpu,
				ts: k.clock.now(),
				data: [0],
			}),
		);
		assert.equal(ack.size, 76);
		assert.equal(ack.flags, 0);
		assert.deepEqual(ack.addr, { family: AF_NETLINK, pid: 0, groups: 1, len: 12 });

		k.clock.advance(1_000_000_007);
		const p = h.spawn();
		assert.equal(drain(h, d, fd).length, 1, "p's own fork");
		const child = k.fork(p);
		const fork = sysRecvfrom(h.vfs, d, fd, 4096).data;
		assert.deepEqual(
			fork,
			expectedDatagram({
				seq: 2,
				what: PROC_EVENT_FORK,
				cpu: p.se.cpu,
				ts: k.clock.now(),
				data: [p.pid, p.tgid, child.pid, child.tgid],
			}),
		);
		k.exec(child, "/usr/bin/true", ["true"]);
		k.setresgid(child, 1000, 1001, 1002);
		k.setresuid(child, 1000, 1001, 1002);
		k.setsid(child);
		k.exit(child, exitStatus(3));
		const got = drain(h, d, fd);
		const ts = k.clock.now();
		const cpu = child.se.cpu;
		assert.deepEqual(got, [
			expectedDatagram({ seq: 3, what: PROC_EVENT_EXEC, cpu, ts, data: [child.pid, child.tgid] }),
			expectedDatagram({
				seq: 4,
				what: PROC_EVENT_GID,
				cpu,
				ts,
				data: [child.pid, child.tgid, 1000, 1001],
			}),
			expectedDatagram({
				seq: 5,
				what: PROC_EVENT_UID,
				cpu,
				ts,
				data: [child.pid, child.tgid, 1000, 1001],
			}),
			expectedDatagram({ seq: 6, what: PROC_EVENT_SID, cpu, ts, data: [child.pid, child.tgid] }),
			expectedDatagram({
				seq: 7,
				what: PROC_EVENT_EXIT,
				cpu,
				ts,
				data: [child.pid, child.tgid, 0x300, 17, p.pid, p.tgid],
			}),
		]);
	});

	it("set*id calls that change nothing raise nothing; a change of the saved id alone is an event", () => {
		const h = new TestHost();
		const d = h.spawn();
		const fd = cnSocket(h, d);
		listen(h, d, fd);
		drain(h, d, fd);
		const t = h.spawn();
		drain(h, d, fd);
		h.kernel.setresuid(t, -1, -1, -1);
		h.kernel.setresuid(t, 0, 0, 0);
		assert.equal(drain(h, d, fd).length, 0);
		h.kernel.setresuid(t, -1, -1, 5);
		const [ev] = drain(h, d, fd);
		assert.equal(whatOf(ev!), PROC_EVENT_UID);
		// ruid and euid are reported, not the saved id.
		assert.deepEqual([...ev!.subarray(60, 68)], [0, 0, 0, 0, 0, 0, 0, 0]);
	});

	it("a thread's exit has exit_signal -1 and no parent (released in exit_notify); a child of init keeps its parent", () => {
		const h = new TestHost();
		const k = h.kernel;
		const d = h.spawn();
		const fd = cnSocket(h, d);
		listen(h, d, fd);
		const p = h.spawn();
		const thr = k.fork(p, { flags: CLONE_THREAD | CLONE_SIGHAND | CLONE_VM });
		drain(h, d, fd);
		k.exit(thr, exitStatus(0));
		const [ev] = drain(h, d, fd);
		const v = new DataView(ev!.buffer, ev!.byteOffset);
		assert.deepEqual(
			[0, 1, 2, 3, 4, 5].map((i) => v.getUint32(52 + 4 * i, true)),
			[thr.pid, p.tgid, 0, 0xffffffff, 0, 0],
		);
		k.exitGroup(p, exitStatus(1));
		const [ev2] = drain(h, d, fd);
		const v2 = new DataView(ev2!.buffer, ev2!.byteOffset);
		assert.deepEqual(
			[0, 1, 2, 3, 4, 5].map((i) => v2.getUint32(52 + 4 * i, true)),
			[p.pid, p.tgid, 0x100, 17, 1, 1],
		);
	});

	it("comm and ptrace events when their callers raise them", () => {
		const h = new TestHost();
		const k = h.kernel;
		const d = h.spawn();
		const fd = cnSocket(h, d);
		listen(h, d, fd);
		const t = h.spawn();
		drain(h, d, fd);
		t.comm = "a-rather-long-n";
		procCommConnector(k, t, t);
		procPtraceConnector(k, t, 16, d);
		procPtraceConnector(k, t, 17, d);
		procPtraceConnector(k, t, 0, d);
		const got = drain(h, d, fd);
		const ts = k.clock.now();
		const comm = [0, 4, 8, 12].map((o) =>
			new DataView(new TextEncoder().encode("a-rather-long-n\0").buffer).getUint32(o, true),
		);
		assert.equal(t.se.cpu, d.se.cpu, "one CPU's sequence");
		const cpu = t.se.cpu;
		assert.deepEqual(got, [
			expectedDatagram({ seq: 2, what: 0x200, cpu, ts, data: [t.pid, t.tgid, ...comm] }),
			expectedDatagram({ seq: 3, what: 0x100, cpu, ts, data: [t.pid, t.tgid, d.pid, d.tgid] }),
			expectedDatagram({ seq: 4, what: 0x100, cpu, ts, data: [t.pid, t.tgid, 0, 0] }),
		]);
	});

	it("the sequence number is per CPU", () => {
		const h = new TestHost({ cpus: 4 });
		const k = h.kernel;
		const d = h.spawn();
		const fd = cnSocket(h, d);
		listen(h, d, fd);
		const a = h.spawn();
		const b = h.spawn();
		drain(h, d, fd);
		a.se.cpu = 2;
		b.se.cpu = 3;
		k.exec(a, "/bin/a");
		k.exec(b, "/bin/b");
		k.exec(a, "/bin/a");
		const got = drain(h, d, fd).map((x) => {
			const v = new DataView(x.buffer, x.byteOffset);
			return [v.getUint32(24, true), v.getUint32(40, true)];
		});
		assert.deepEqual(got, [
			[0, 2],
			[0, 3],
			[1, 2],
		]);
	});
});

describe("listeners, filters and acks", () => {
	it("no event is raised before a LISTEN; a bound socket that never sent one gets the events others asked for", () => {
		const h = new TestHost();
		const d = h.spawn();
		const passive = cnSocket(h, d);
		h.spawn();
		assert.equal(drain(h, d, passive).length, 0);
		assert.equal(h.kernel.cnProc.listeners, 0);
		const active = cnSocket(h, d);
		listen(h, d, active);
		assert.equal(h.kernel.cnProc.listeners, 1);
		// The ack goes to the whole group.
		assert.deepEqual(drain(h, d, passive).map(whatOf), [PROC_EVENT_NONE]);
		assert.deepEqual(drain(h, d, active).map(whatOf), [PROC_EVENT_NONE]);
		h.spawn();
		assert.deepEqual(drain(h, d, passive).map(whatOf), [PROC_EVENT_FORK]);
		assert.deepEqual(drain(h, d, active).map(whatOf), [PROC_EVENT_FORK]);
	});

	it("LISTEN twice counts once; IGNORE uncounts, silences that socket, and is acked to the others", () => {
		const h = new TestHost();
		const d = h.spawn();
		const a = cnSocket(h, d);
		const b = cnSocket(h, d);
		listen(h, d, a);
		listen(h, d, a);
		assert.equal(h.kernel.cnProc.listeners, 1);
		listen(h, d, b);
		assert.equal(h.kernel.cnProc.listeners, 2);
		drain(h, d, a);
		drain(h, d, b);
		listen(h, d, a, PROC_CN_MCAST_IGNORE);
		assert.equal(h.kernel.cnProc.listeners, 1);
		assert.deepEqual(drain(h, d, a).map(whatOf), []);
		assert.deepEqual(drain(h, d, b).map(whatOf), [PROC_EVENT_NONE]);
		h.spawn();
		assert.equal(drain(h, d, a).length, 0);
		assert.equal(drain(h, d, b).length, 1);
		// An IGNORE from a socket that never listened uncounts nothing.
		const c = cnSocket(h, d);
		listen(h, d, c, PROC_CN_MCAST_IGNORE);
		assert.equal(h.kernel.cnProc.listeners, 1);
		assert.deepEqual(drain(h, d, b).map(whatOf), [PROC_EVENT_NONE], "still acked");
		// The last IGNORE: no listener left, so not even an ack.
		listen(h, d, b, PROC_CN_MCAST_IGNORE);
		assert.equal(h.kernel.cnProc.listeners, 0);
		assert.equal(drain(h, d, b).length, 0);
		h.spawn();
		assert.equal(drain(h, d, b).length, 0);
	});

	it("an event mask filters, acks included; NONZERO_EXIT passes only failing exits", () => {
		const h = new TestHost();
		const k = h.kernel;
		const d = h.spawn();
		const all = cnSocket(h, d);
		listen(h, d, all);
		const exits = cnSocket(h, d);
		listen(h, d, exits, PROC_CN_MCAST_LISTEN, PROC_EVENT_EXIT);
		const failing = cnSocket(h, d);
		listen(h, d, failing, PROC_CN_MCAST_LISTEN, PROC_EVENT_NONZERO_EXIT | PROC_EVENT_FORK);
		drain(h, d, all);
		assert.equal(drain(h, d, exits).length, 0, "the ack of a masked LISTEN is filtered out");
		assert.equal(drain(h, d, failing).length, 0);
		const ok = h.spawn();
		const bad = h.spawn();
		k.exit(ok, exitStatus(0));
		k.exit(bad, exitStatus(2));
		assert.deepEqual(drain(h, d, all).map(whatOf), [1, 1, 0x80000000, 0x80000000]);
		assert.deepEqual(drain(h, d, exits).map(whatOf), [0x80000000, 0x80000000]);
		assert.deepEqual(drain(h, d, failing).map(whatOf), [1, 1, 0x80000000]);
		// A mask of no known event means all of them.
		const none = cnSocket(h, d);
		listen(h, d, none, PROC_CN_MCAST_LISTEN, 0x400);
		assert.deepEqual(drain(h, d, none).map(whatOf), [PROC_EVENT_NONE]);
		assert.equal(PROC_EVENT_ALL, 0xe00003c7);
	});

	it("an unknown op is stored and acked with EINVAL; a malformed message is dropped without an answer", () => {
		const h = new TestHost();
		const d = h.spawn();
		const a = cnSocket(h, d);
		listen(h, d, a);
		drain(h, d, a);
		sysSendto(h.vfs, d, a, mcastMsg(3, { seq: 5, ack: 9 }));
		const [ack] = drain(h, d, a);
		const v = new DataView(ack!.buffer, ack!.byteOffset);
		assert.equal(v.getUint32(28, true), 10);
		assert.equal(v.getUint32(52, true), 22);
		assert.equal(h.kernel.cnProc.listeners, 1);
		// cn_msg len neither 4 nor 8; a cn_msg claiming more than was sent; a short datagram;
		// nlmsg_len beyond the datagram; another connector id.
		const bad = [
			mcastMsg(1, { cnLen: 5 }),
			mcastMsg(1, { cnLen: 200 }),
			new Uint8Array(20),
			(() => {
				const m = mcastMsg(1);
				new DataView(m.buffer).setUint32(0, 41, true);
				return m;
			})(),
			(() => {
				const m = mcastMsg(1);
				new DataView(m.buffer).setUint32(16, 2, true);
				return m;
			})(),
		];
		for (const m of bad) assert.equal(sysSendto(h.vfs, d, a, m), m.length);
		assert.equal(drain(h, d, a).length, 0);
		assert.equal(h.kernel.cnProc.listeners, 1);
	});

	it("a task outside the initial pid namespace is ignored, unanswered", () => {
		const h = new TestHost();
		const k = h.kernel;
		const p = h.spawn();
		k.unsharePidNs(p);
		const inner = k.fork(p);
		const fd = cnSocket(h, inner);
		listen(h, inner, fd);
		assert.equal(k.cnProc.listeners, 0);
		assert.equal(drain(h, inner, fd).length, 0);
	});

	it("closing a listening socket does not uncount it (cn_release() frees only its proc_input)", () => {
		const h = new TestHost();
		const d = h.spawn();
		const a = cnSocket(h, d);
		listen(h, d, a);
		h.vfs.close(d, a);
		assert.equal(h.kernel.cnProc.listeners, 1);
		const b = cnSocket(h, d);
		h.spawn();
		assert.deepEqual(drain(h, d, b).map(whatOf), [PROC_EVENT_FORK]);
	});
});

describe("netlink sockets", () => {
	it("socket(): types, protocols; bind() permissions of the connector's groups for an unprivileged user", () => {
		const h = new TestHost();
		const u = h.spawnAs(65534);
		assertErrno(
			() => sysSocket(h.vfs, u, AF_NETLINK, SOCK_STREAM, NETLINK_CONNECTOR),
			"ESOCKTNOSUPPORT",
		);
		assertErrno(() => sysSocket(h.vfs, u, AF_NETLINK, SOCK_DGRAM, 31), "EPROTONOSUPPORT");
		assertErrno(() => sysSocket(h.vfs, u, AF_NETLINK, SOCK_DGRAM, 32), "EPROTONOSUPPORT");
		assertErrno(() => sysSocket(h.vfs, u, AF_NETLINK, SOCK_DGRAM, 0), "EPROTONOSUPPORT");
		const raw = sysSocket(h.vfs, u, AF_NETLINK, SOCK_RAW, NETLINK_CONNECTOR);
		// cn_bind() tests bit 0 of the group number: odd groups pass.
		const results = [1, 2, 4, 3, 1 << 25, 1 << 26].map((g) => {
			const fd = sysSocket(h.vfs, u, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
			try {
				sysBind(h.vfs, u, fd, nl(0, g));
				return (sysGetname(h.vfs, u, fd, false) as NetlinkAddr).groups;
			} catch (e) {
				return (e as { code: string }).code;
			}
		});
		// Group 26 is the last (CN_NETLINK_USERS + 0xf); bit 26 is masked away.
		assert.deepEqual(results, [1, "EPERM", 4, "EPERM", "EPERM", 0]);
		assertErrno(() => sysSendto(h.vfs, u, raw, new Uint8Array(40), 0, nl(0, 1)), "EPERM");
		assertErrno(() => sysSendto(h.vfs, u, raw, new Uint8Array(40), 0, nl(7, 0)), "EPERM");
		assert.equal(sysSendto(h.vfs, u, raw, new Uint8Array(40), 0, nl(0, 0)), 40);
		assertErrno(() => sysSendto(h.vfs, u, raw, new Uint8Array(0)), "ENODATA");
		assertErrno(() => sysSendto(h.vfs, u, raw, new Uint8Array(4), MSG_OOB), "EOPNOTSUPP");
		assertErrno(() => sysSendto(h.vfs, u, raw, new Uint8Array(4), 0, nl(0, 0, 11)), "EINVAL");
		assertErrno(
			() => sysSendto(h.vfs, u, raw, new Uint8Array(4), 0, { family: AF_INET, pid: 0, groups: 0 }),
			"EINVAL",
		);
		assertErrno(() => sysListen(h.vfs, u, raw, 1), "EOPNOTSUPP");
		assertErrno(() => sysShutdown(h.vfs, u, raw, 1), "EOPNOTSUPP");
		// root (CAP_NET_ADMIN) joins any group.
		const r = sysSocket(h.vfs, h.init, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
		sysBind(h.vfs, h.init, r, nl(0, 2));
	});

	it("port ids: the tgid by default, then negative ones; a taken one is EADDRINUSE; a bound socket keeps its own", () => {
		const h = new TestHost();
		const t = h.spawn();
		const a = sysSocket(h.vfs, t, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
		sysBind(h.vfs, t, a, nl(0, 0));
		assert.deepEqual(sysGetname(h.vfs, t, a, false), {
			family: AF_NETLINK,
			pid: t.pid,
			groups: 0,
			len: 12,
		});
		const b = sysSocket(h.vfs, t, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
		assertErrno(() => sysBind(h.vfs, t, b, nl(t.pid, 0)), "EADDRINUSE");
		const c = sysSocket(h.vfs, t, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
		sysBind(h.vfs, t, c, nl(0, 1));
		const pid = (sysGetname(h.vfs, t, c, false) as NetlinkAddr).pid;
		assert.ok(
			pid | 0 && (pid | 0) < -4096,
			`autobind after a collision picks a negative port id, got ${pid | 0}`,
		);
		assertErrno(() => sysBind(h.vfs, t, c, nl(123, 1)), "EINVAL");
		sysBind(h.vfs, t, c, nl(pid, 0));
		assert.equal(
			(sysGetname(h.vfs, t, c, false) as NetlinkAddr).groups,
			0,
			"bind with no groups drops them",
		);
		assertErrno(() => sysBind(h.vfs, t, a, nl(0, 0, 8)), "EINVAL");
		// Closing frees the port id.
		h.vfs.close(t, a);
		sysBind(h.vfs, t, b, nl(t.pid, 0));
	});

	it("a short read truncates and drops the rest; MSG_TRUNC returns the real length; MSG_PEEK leaves it queued", () => {
		const h = new TestHost();
		const d = h.spawn();
		const fd = cnSocket(h, d);
		listen(h, d, fd);
		drain(h, d, fd);
		h.spawn();
		h.spawn();
		h.spawn();
		const peek = sysRecvfrom(h.vfs, d, fd, 10, MSG_PEEK);
		assert.equal(peek.data.length, 10);
		assert.equal(peek.flags, MSG_TRUNC);
		const short = h.vfs.read(d, fd, 20);
		assert.equal(short.length, 20);
		assert.deepEqual(short.subarray(0, 10), peek.data);
		const t = sysRecvfrom(h.vfs, d, fd, 8, MSG_TRUNC);
		assert.equal(t.size, 76);
		assert.equal(t.data.length, 8);
		assert.equal(drain(h, d, fd).length, 1);
		assert.equal(netlinkSockOf(h.vfs.files(d).get(fd))!.rmemAlloc, 0);
	});

	it("an overrun drops messages, reports ENOBUFS once, then the queued ones; it stays congested until read empty", () => {
		const h = new TestHost();
		const d = h.spawn();
		const fd = cnSocket(h, d);
		sysSetsockopt(h.vfs, d, fd, SOL_SOCKET, SO_RCVBUF, 1);
		assert.equal(sysGetsockopt(h.vfs, d, fd, SOL_SOCKET, SO_RCVBUF), 2304);
		listen(h, d, fd);
		for (let i = 0; i < 9; i++) h.spawn();
		const sk = netlinkSockOf(h.vfs.files(d).get(fd))!;
		assert.equal(sk.rmemAlloc, 2 * EVENT_TRUESIZE);
		assert.equal(sk.drops, 8);
		const file = h.vfs.files(d).get(fd);
		assert.equal(
			socketOfFile(file)!.poll(file, null),
			POLLERR | POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND,
		);
		const seen: string[] = [];
		for (let i = 0; i < 4; i++) {
			try {
				seen.push(String(sysRecvfrom(h.vfs, d, fd, 4096).data.length));
			} catch (e) {
				seen.push((e as { code: string }).code);
			}
		}
		assert.deepEqual(seen, ["ENOBUFS", "76", "76", "EAGAIN"]);
		h.spawn();
		assert.equal(drain(h, d, fd).length, 1, "read empty: no longer congested");
		// NETLINK_NO_ENOBUFS: drops without the error.
		sysSetsockopt(h.vfs, d, fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, 1);
		for (let i = 0; i < 5; i++) h.spawn();
		assert.deepEqual(
			drain(h, d, fd).map((x) => x.length),
			[76, 76],
		);
	});

	it("a blocking receive waits on the socket's queue; a nonblocking one is EAGAIN", () => {
		const h = new TestHost();
		const d = h.spawn();
		const fd = cnSocket(h, d, 1, 0);
		listen(h, d, fd);
		drain(h, d, fd);
		let queue = null;
		try {
			sysRecvfrom(h.vfs, d, fd, 100);
		} catch (e) {
			assert.ok(e instanceof WouldBlock);
			queue = e.queue;
		}
		let woken = false;
		queue!.add(() => {
			woken = true;
		});
		h.spawn();
		assert.ok(woken);
		assertErrno(() => {
			sysRecvfrom(h.vfs, d, fd, 100);
			sysRecvfrom(h.vfs, d, fd, 100, MSG_DONTWAIT);
		}, "EAGAIN");
	});

	it("random events and reads: rmem is the queue's truesize, within rcvbuf, and nothing is lost unaccounted", () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom("fork", "read", "short", "small", "big"), { maxLength: 60 }),
				(ops) => {
					const h = new TestHost();
					const d = h.spawn();
					const fd = cnSocket(h, d);
					listen(h, d, fd);
					const sk = netlinkSockOf(h.vfs.files(d).get(fd))!;
					let raised = 1;
					let received = 0;
					let enobufs = 0;
					let cap = sk.rcvbuf;
					for (const op of ops) {
						if (op === "fork") {
							h.spawn();
							raised++;
						} else if (op === "small" || op === "big") {
							sysSetsockopt(h.vfs, d, fd, SOL_SOCKET, SO_RCVBUF, op === "small" ? 1 : 4000);
							cap = Math.max(cap, sk.rcvbuf);
						} else {
							try {
								sysRecvfrom(h.vfs, d, fd, op === "short" ? 10 : 4096);
								received++;
							} catch (e) {
								const code = (e as { code: string }).code;
								if (code === "ENOBUFS") enobufs++;
								else assert.equal(code, "EAGAIN");
							}
						}
						assert.equal(sk.rmemAlloc, sk.receiveQueue.length * EVENT_TRUESIZE);
						assert.ok(sk.rmemAlloc <= Math.max(cap, EVENT_TRUESIZE));
						assert.equal(raised, received + sk.receiveQueue.length + sk.drops);
						assert.ok(enobufs <= sk.drops);
					}
				},
			),
			{ numRuns: 60 },
		);
	});
});
