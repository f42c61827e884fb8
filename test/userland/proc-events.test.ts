/**
 * proc-events.ts against datagrams captured from the real kernel (Linux
 * 6.18, x86-64, a NETLINK_CONNECTOR socket bound to CN_IDX_PROC while a
 * child forked, exec'd, changed ids, wrote its comm, started a thread and
 * exited), against layouts built from the uapi headers, and against what
 * the emulated kernel sends.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { sysBind, sysRecvfrom, sysSendto, sysSocket } from "../../src/fs/socket.ts";
import { AF_NETLINK, MSG_DONTWAIT, SOCK_DGRAM } from "../../src/kernel/net/defs.ts";
import {
	decodeProcEvent,
	decodeProcEvents,
	encodeProcCnMcastOp,
	NETLINK_CONNECTOR,
	PROC_CN_MCAST_IGNORE,
	PROC_CN_MCAST_LISTEN,
	PROC_EVENT_EXIT,
	type ProcEvent,
} from "../../src/userland/lib/proc-events.ts";
import { TestHost } from "../support/host.ts";

const hex = (s: string): Uint8Array =>
	Uint8Array.from(s.match(/../g)!.map((x) => Number.parseInt(x, 16)));

/** Whole datagrams as recv() returned them. */
const REAL = {
	ack: "4c0000000300000000000000000000000100000001000000000000000400000028000000000000000100000088fa1c3e58230000000000000000000000000000000000000000000000000000",
	ackEinval:
		"4c00000003000000372c0000000000000100000001000000372c00000a0000002800000000000000000000006edbb44ba9230000160000000000000000000000000000000000000000000000",
	fork: "4c00000003000000010000000000000001000000010000000100000000000000280000000100000001000000992e243e58230000f6790000f67900001f7a00001f7a00000000000000000000",
	exec: "4c00000003000000000000000000000001000000010000000000000000000000280000000200000000000000fe4a363e582300001f7a00001f7a000000000000000000000000000000000000",
	exit: "4c00000003000000010000000000000001000000010000000100000000000000280000000000008000000000fab23e3e582300001f7a00001f7a00000000000011000000f6790000f6790000",
	comm: "4c00000003000000e2890000000000000100000001000000e289000000000000280000000002000001000000f9d8b53a72240000816300008163000063676b69742d636f6d6d2d7465737400",
	threadFork:
		"4c00000003000000e3890000000000000100000001000000e38900000000000028000000010000000100000004e8b93a72240000586300005863000082630000816300000000000000000000",
	threadExit:
		"4c00000003000000828a0000000000000100000001000000828a00000000000028000000000000800000000064ac5a3b72240000826300008163000000000000ffffffff0000000000000000",
};

/** struct proc_event alone (the datagram from byte 36). */
const REAL_EVENTS = {
	sid: "8000000001000000b68eda44a9230000011f0000011f000000000000000000000000000000000000",
	gid: "4000000001000000ef14db44a9230000011f0000011f0000e8030000e90300000000000000000000",
	uid: "04000000010000000a42db44a9230000011f0000011f0000e8030000e90300000000000000000000",
	exit: "0000008001000000482f8045a9230000011f0000011f00000001000011000000d81e0000d81e0000",
};

describe("decoding proc connector datagrams", () => {
	it("the real kernel's ack, fork, exec, exit, comm and a thread's fork and exit", () => {
		const one = (h: string): { seq: number; ack: number; event: ProcEvent } => {
			const msgs = decodeProcEvents(hex(h));
			assert.equal(msgs.length, 1);
			const { seq, ack, event, nlmsgSeq } = msgs[0]!;
			assert.equal(nlmsgSeq, seq);
			return { seq, ack, event };
		};
		assert.deepEqual(one(REAL.ack), {
			seq: 0,
			ack: 4,
			event: { what: "none", cpu: 1, timestampNs: 0x2358_3e1c_fa88n, err: 0 },
		});
		assert.deepEqual(one(REAL.ackEinval).event, {
			what: "none",
			cpu: 0,
			timestampNs: 0x23a9_4bb4_db6en,
			err: 22,
		});
		assert.equal(one(REAL.ackEinval).ack, 10);
		assert.deepEqual(one(REAL.fork).event, {
			what: "fork",
			cpu: 1,
			timestampNs: 0x2358_3e24_2e99n,
			parentPid: 0x79f6,
			parentTgid: 0x79f6,
			childPid: 0x7a1f,
			childTgid: 0x7a1f,
		});
		assert.deepEqual(one(REAL.exec).event, {
			what: "exec",
			cpu: 0,
			timestampNs: 0x2358_3e36_4afen,
			pid: 0x7a1f,
			tgid: 0x7a1f,
		});
		assert.deepEqual(one(REAL.exit).event, {
			what: "exit",
			cpu: 0,
			timestampNs: 0x2358_3e3e_b2fan,
			pid: 0x7a1f,
			tgid: 0x7a1f,
			exitCode: 0,
			exitSignal: 17,
			parentPid: 0x79f6,
			parentTgid: 0x79f6,
		});
		assert.deepEqual(one(REAL.comm).event, {
			what: "comm",
			cpu: 1,
			timestampNs: 0x2472_3ab5_d8f9n,
			pid: 0x6381,
			tgid: 0x6381,
			comm: "cgkit-comm-test",
		});
		const tf = one(REAL.threadFork).event;
		assert.ok(tf.what === "fork");
		assert.deepEqual(
			[tf.parentPid, tf.parentTgid, tf.childPid, tf.childTgid],
			[0x6358, 0x6358, 0x6382, 0x6381],
		);
		const te = one(REAL.threadExit).event;
		assert.ok(te.what === "exit");
		assert.deepEqual(
			[te.pid, te.tgid, te.exitCode, te.exitSignal, te.parentPid, te.parentTgid],
			[0x6382, 0x6381, 0, 0xffffffff, 0, 0],
		);
	});

	it("id and session events, and an exit with status 1", () => {
		const ev = (h: string): ProcEvent => decodeProcEvent(hex(h));
		assert.deepEqual(ev(REAL_EVENTS.sid), {
			what: "sid",
			cpu: 1,
			timestampNs: 0x23a9_44da_8eb6n,
			pid: 0x1f01,
			tgid: 0x1f01,
		});
		assert.deepEqual(ev(REAL_EVENTS.gid), {
			what: "gid",
			cpu: 1,
			timestampNs: 0x23a9_44db_14efn,
			pid: 0x1f01,
			tgid: 0x1f01,
			rgid: 1000,
			egid: 1001,
		});
		const uid = ev(REAL_EVENTS.uid);
		assert.ok(uid.what === "uid" && uid.ruid === 1000 && uid.euid === 1001);
		const exit = ev(REAL_EVENTS.exit);
		assert.ok(exit.what === "exit" && exit.exitCode === 0x100 && exit.parentPid === 0x1ed8);
	});

	it("the walk: NOOP skipped, ERROR and OVERRUN stop, DONE ends after its message, other ids and short ones left out", () => {
		const fork = hex(REAL.fork);
		const exec = hex(REAL.exec);
		const withType = (b: Uint8Array, type: number): Uint8Array => {
			const c = b.slice();
			new DataView(c.buffer).setUint16(4, type, true);
			return c;
		};
		const cat = (...parts: Uint8Array[]): Uint8Array => {
			const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
			let off = 0;
			for (const p of parts) {
				out.set(p, off);
				off += p.length;
			}
			return out;
		};
		const noop = new Uint8Array(16);
		new DataView(noop.buffer).setUint32(0, 16, true);
		new DataView(noop.buffer).setUint16(4, 1, true);
		const multi = withType(fork, 0x10);
		assert.deepEqual(
			decodeProcEvents(cat(noop, multi, exec, fork)).map((m) => m.event.what),
			["fork", "exec"],
		);
		assert.deepEqual(decodeProcEvents(cat(withType(fork, 2), exec)), []);
		assert.deepEqual(decodeProcEvents(cat(multi, withType(exec, 4), fork)).length, 1);
		const other = fork.slice();
		new DataView(other.buffer).setUint32(16, 2, true);
		assert.deepEqual(decodeProcEvents(other), []);
		// A short read (the daemon's buffer too small): nothing half-decoded.
		assert.deepEqual(decodeProcEvents(fork.subarray(0, 60)), []);
		assert.deepEqual(decodeProcEvents(new Uint8Array(0)), []);
	});

	it("never throws on arbitrary bytes", () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
				decodeProcEvents(b);
			}),
		);
	});
});

describe("encoding the control message", () => {
	it("cgrulesengd's PROC_CN_MCAST_LISTEN: 40 bytes, NLMSG_DONE, its pid, cn_msg {1,1} with the op", () => {
		const m = encodeProcCnMcastOp(PROC_CN_MCAST_LISTEN, { nlPid: 0x1234 });
		assert.equal(
			Buffer.from(m).toString("hex"),
			"28000000030000000000000034120000010000000100000000000000000000000400000001000000",
		);
		const p = encodeProcCnMcastOp(PROC_CN_MCAST_IGNORE, {
			seq: 5,
			ack: 9,
			eventType: PROC_EVENT_EXIT,
		});
		assert.equal(
			Buffer.from(p).toString("hex"),
			"2c00000003000000000000000000000001000000010000000500000009000000080000000200000000000080",
		);
	});

	it("the emulated kernel answers it, and what it sends decodes to the events raised", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = sysSocket(h.vfs, t, AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
		sysBind(h.vfs, t, fd, { family: AF_NETLINK, pid: t.pid, groups: 1 });
		sysSendto(h.vfs, t, fd, encodeProcCnMcastOp(PROC_CN_MCAST_LISTEN, { nlPid: t.pid, ack: 41 }));
		const child = h.spawn(t);
		h.kernel.exec(child, "/bin/x");
		const got: ProcEvent[] = [];
		let ack = -1;
		for (let i = 0; i < 3; i++) {
			const [m] = decodeProcEvents(sysRecvfrom(h.vfs, t, fd, 4096, MSG_DONTWAIT).data);
			got.push(m!.event);
			if (m!.event.what === "none") ack = m!.ack;
		}
		assert.equal(ack, 42);
		assert.deepEqual(
			got.map((e) => e.what),
			["none", "fork", "exec"],
		);
		const f = got[1]!;
		assert.ok(f.what === "fork" && f.parentTgid === t.tgid && f.childPid === child.pid);
	});
});
