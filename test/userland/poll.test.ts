/**
 * poll(2) in Sys: readiness of pipes, TCP, AF_UNIX and netlink sockets,
 * sleeping until a descriptor is ready, the timeout passes on the emulated
 * clock, or a signal arrives (EINTR); POLLNVAL and negative descriptors.
 * Then cgrulesengd's loop as an emulated program: a proc connector socket
 * and an AF_UNIX listener polled together, a client registering a pid the
 * way cgroup_register_unchanged_process() does, and the events of a
 * process the test starts, decoded with proc-events.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { S_IFMT, S_IFSOCK } from "../../src/fs/constants.ts";
import { binaryToBytes, bytesToBinary } from "../../src/kernel/bytes.ts";
import { isKernelError } from "../../src/kernel/errno.ts";
import { exitStatus } from "../../src/kernel/exit.ts";
import {
	AF_INET,
	AF_NETLINK,
	AF_UNIX,
	MSG_NOSIGNAL,
	SOCK_DGRAM,
	SOCK_STREAM,
} from "../../src/kernel/net/defs.ts";
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT } from "../../src/kernel/poll.ts";
import { SIG_HANDLER } from "../../src/kernel/signal.ts";
import { EXIT_DEAD, EXIT_ZOMBIE, type Task } from "../../src/kernel/task.ts";
import {
	CN_IDX_PROC,
	decodeProcEvents,
	encodeProcCnMcastOp,
	NETLINK_CONNECTOR,
	PROC_CN_MCAST_LISTEN,
	type ProcEvent,
} from "../../src/userland/lib/proc-events.ts";
import { Sys } from "../../src/userland/proc/sys.ts";
import type { Run } from "../../src/userland/proc/types.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const SIGUSR1 = 10;
const SIGPIPE = 13;
const MS = 1_000_000;

/** Start `main` as a new process (a child of init). */
function start(system: UserSystem, main: (sys: Sys) => Run<number>): Task {
	const t = system.kernel.fork(system.kernel.init);
	system.sched.spawn(t, main(new Sys(system, t)));
	return t;
}

function gone(t: Task): boolean {
	return t.exitState === EXIT_ZOMBIE || t.exitState === EXIT_DEAD;
}

function runUntil(system: UserSystem, done: () => boolean): void {
	assert.equal(system.sched.runSync(done), "done");
}

describe("poll(2)", () => {
	it("sleeps until a pipe has data, on the emulated clock; POLLHUP after the writer closes", () => {
		const system = newSystem();
		const log: string[] = [];
		let fds: [number, number] = [0, 0];
		const poller = start(system, function* (sys) {
			fds = sys.vfs.pipe2(sys.task);
			sys.fork(function* (child) {
				child.vfs.close(child.task, fds[0]);
				yield* child.sleep(5 * MS);
				yield* child.write(fds[1], "x");
				yield* child.sleep(5 * MS);
				return 0;
			});
			sys.vfs.close(sys.task, fds[1]);
			const r = yield* sys.poll([{ fd: fds[0], events: POLLIN }], -1);
			log.push(`${sys.kernel.clock.now() / MS} ${r[0]!.revents}`);
			yield* sys.read(fds[0], 10);
			const r2 = yield* sys.poll([{ fd: fds[0], events: POLLIN }], -1);
			log.push(`${sys.kernel.clock.now() / MS} ${r2[0]!.revents}`);
			return 0;
		});
		runUntil(system, () => gone(poller));
		// POLLRDNORM is not asked for, so not reported.
		assert.deepEqual(log, [`5 ${POLLIN}`, `10 ${POLLHUP}`]);
	});

	it("the timeout: none ready after it, the clock moved by it; 0 only looks; POLLNVAL and negative descriptors", () => {
		const system = newSystem();
		const log: unknown[] = [];
		let r = -1;
		let w = -1;
		const p = start(system, function* (sys) {
			[r, w] = sys.vfs.pipe2(sys.task);
			const t0 = sys.kernel.clock.now();
			log.push(yield* sys.poll([{ fd: r, events: POLLIN }], 7 * MS));
			log.push((sys.kernel.clock.now() - t0) / MS);
			log.push(
				yield* sys.poll(
					[
						{ fd: r, events: POLLIN },
						{ fd: w, events: POLLOUT | POLLIN },
					],
					0,
				),
			);
			log.push(
				yield* sys.poll(
					[
						{ fd: -1, events: POLLIN },
						{ fd: 99, events: 0 },
						{ fd: w, events: 0 },
					],
					0,
				),
			);
			sys.vfs.close(sys.task, r);
			log.push(yield* sys.poll([{ fd: w, events: POLLOUT }], 0));
			return 0;
		});
		runUntil(system, () => gone(p));
		assert.deepEqual(log, [
			[{ fd: r, events: POLLIN, revents: 0 }],
			7,
			[
				{ fd: r, events: POLLIN, revents: 0 },
				{ fd: w, events: POLLOUT | POLLIN, revents: POLLOUT },
			],
			[
				{ fd: -1, events: POLLIN, revents: 0 },
				{ fd: 99, events: 0, revents: POLLNVAL },
				{ fd: w, events: 0, revents: 0 },
			],
			[{ fd: w, events: POLLOUT, revents: POLLOUT | POLLERR }],
		]);
	});

	it("a caught signal ends the wait with EINTR; a regular file is always ready", () => {
		const system = newSystem();
		let result = "";
		const p = start(system, function* (sys) {
			sys.kernel.sigaction(sys.task, SIGUSR1, SIG_HANDLER);
			const [r] = sys.vfs.pipe2(sys.task);
			try {
				yield* sys.poll([{ fd: r, events: POLLIN }], -1);
				result = "returned";
			} catch (e) {
				result = isKernelError(e) ? e.code : String(e);
			}
			const f = sys.vfs.open(sys.task, "/etc/passwd", 0);
			const rr = yield* sys.poll([{ fd: f, events: POLLIN | POLLOUT }], -1);
			result += ` ${rr[0]!.revents === (POLLIN | POLLOUT) ? "ready" : rr[0]!.revents}`;
			return 0;
		});
		system.sched.runSync(() => false, 50);
		system.kernel.kill(system.kernel.init, p.pid, SIGUSR1);
		runUntil(system, () => gone(p));
		assert.equal(result, "EINTR ready");
	});

	it("TCP: a listener becomes readable when a client connects, the client readable when the server writes", () => {
		const system = newSystem();
		const log: Record<string, number> = {};
		const server = start(system, function* (sys) {
			const l = sys.socket(AF_INET, SOCK_STREAM);
			sys.bind(l, { family: AF_INET, addr: "127.0.0.1", port: 7000 });
			sys.listen(l, 4);
			const r = yield* sys.poll([{ fd: l, events: POLLIN }], -1);
			log.listener = r[0]!.revents;
			const { fd } = yield* sys.accept(l);
			yield* sys.sleep(MS);
			yield* sys.write(fd, "hi");
			return 0;
		});
		const client = start(system, function* (sys) {
			yield* sys.sleep(MS);
			const c = sys.socket(AF_INET, SOCK_STREAM);
			yield* sys.connect(c, { family: AF_INET, addr: "127.0.0.1", port: 7000 });
			const r = yield* sys.poll([{ fd: c, events: POLLIN | POLLOUT }], -1);
			log.connected = r[0]!.revents;
			const r2 = yield* sys.poll([{ fd: c, events: POLLIN }], -1);
			log.written = r2[0]!.revents;
			return 0;
		});
		runUntil(system, () => gone(server) && gone(client));
		assert.deepEqual(log, { listener: POLLIN, connected: POLLOUT, written: POLLIN });
	});

	it("send(): EPIPE raises SIGPIPE unless MSG_NOSIGNAL", () => {
		const system = newSystem();
		let code = "";
		const p = start(system, function* (sys) {
			const l = sys.socket(AF_UNIX, SOCK_STREAM);
			sys.bind(l, { family: AF_UNIX, path: "/tmp/s" });
			sys.listen(l, 1);
			const c = sys.socket(AF_UNIX, SOCK_STREAM);
			yield* sys.connect(c, { family: AF_UNIX, path: "/tmp/s" });
			sys.vfs.close(sys.task, l);
			try {
				yield* sys.send(c, binaryToBytes("x"), MSG_NOSIGNAL);
			} catch (e) {
				code = isKernelError(e) ? e.code : String(e);
			}
			yield* sys.send(c, binaryToBytes("x"));
			return 0;
		});
		runUntil(system, () => gone(p));
		assert.equal(code, "EPIPE");
		assert.equal(p.exitCode, SIGPIPE);
	});
});

const SOCKET_PATH = "/run/cgred.socket";
const SUCCESS = "SUCCESS_STORE_PID\0";

function i32(n: number): Uint8Array {
	const b = new Uint8Array(4);
	new DataView(b.buffer).setInt32(0, n, true);
	return b;
}

describe("cgrulesengd's loop over the emulated kernel", () => {
	it("polls the proc connector and its AF_UNIX socket; a client registers a pid; events are decoded", () => {
		const system = newSystem();
		const { vfs, kernel } = system;
		vfs.mkdir(kernel.init, "/run", 0o755);
		const events: ProcEvent[] = [];
		const stored: [number, number][] = [];
		let from = "";
		let ready = false;
		let stop = false;
		const daemon = start(system, function* (sys) {
			const nl = sys.socket(AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
			sys.bind(nl, { family: AF_NETLINK, pid: sys.pid, groups: CN_IDX_PROC });
			const msg = encodeProcCnMcastOp(PROC_CN_MCAST_LISTEN, { nlPid: sys.pid });
			assert.equal(yield* sys.send(nl, msg), 40);
			const un = sys.socket(AF_UNIX, SOCK_STREAM);
			try {
				sys.vfs.unlink(sys.task, SOCKET_PATH);
			} catch {}
			sys.bind(un, { family: AF_UNIX, path: SOCKET_PATH, len: 2 + SOCKET_PATH.length });
			sys.listen(un, 1);
			sys.vfs.chown(sys.task, SOCKET_PATH, 0, 0);
			sys.vfs.chmod(sys.task, SOCKET_PATH, 0o660);
			ready = true;
			while (!stop) {
				const r = yield* sys.poll(
					[
						{ fd: nl, events: POLLIN },
						{ fd: un, events: POLLIN },
					],
					-1,
				);
				if (r[0]!.revents & (POLLIN | POLLERR)) {
					const got = yield* sys.recvfrom(nl, 4096);
					const a = got.addr;
					if (a !== null && "pid" in a && a.pid === 0 && a.groups === CN_IDX_PROC) {
						for (const m of decodeProcEvents(got.data)) events.push(m.event);
					}
				}
				if (r[1]!.revents & POLLIN) {
					const { fd, addr } = yield* sys.accept(un);
					from = JSON.stringify(addr);
					const pid = new DataView((yield* sys.read(fd, 4)).buffer).getInt32(0, true);
					const flags = new DataView((yield* sys.read(fd, 4)).buffer).getInt32(0, true);
					stored.push([pid, flags]);
					yield* sys.write(fd, SUCCESS);
					sys.vfs.close(sys.task, fd);
				}
			}
			return 0;
		});
		runUntil(system, () => ready);
		const st = vfs.stat(kernel.init, SOCKET_PATH);
		assert.deepEqual([st.mode & S_IFMT, st.mode & 0o777], [S_IFSOCK, 0o660]);
		// ls -l shows it as a socket.
		assert.match(runProgram(system, ["/bin/ls", "-l", SOCKET_PATH]).stdout, /^srw-rw---- /);

		let reply = "";
		let clientPid = 0;
		const client = start(system, function* (sys) {
			clientPid = sys.pid;
			const sk = sys.socket(AF_UNIX, SOCK_STREAM);
			yield* sys.connect(sk, { family: AF_UNIX, path: SOCKET_PATH, len: 2 + SOCKET_PATH.length });
			yield* sys.write(sk, i32(sys.pid));
			yield* sys.write(sk, i32(1));
			reply = bytesToBinary(yield* sys.read(sk, SUCCESS.length));
			sys.vfs.close(sys.task, sk);
			yield* sys.execve("/bin/true", ["true"], []);
			return 0;
		});
		runUntil(system, () => gone(client));
		assert.equal(reply, SUCCESS);
		assert.deepEqual(stored, [[clientPid, 1]]);
		assert.equal(from, JSON.stringify({ family: AF_UNIX, path: "", len: 2 }));
		runUntil(system, () => events.some((e) => e.what === "exit" && e.pid === clientPid));
		const mine = events.filter((e) => {
			if (e.what === "fork") return e.childPid === clientPid;
			if (e.what === "exec" || e.what === "exit") return e.pid === clientPid;
			return e.what === "none";
		});
		assert.deepEqual(
			mine.map((e) => e.what),
			["none", "fork", "exec", "exit"],
		);
		const exit = mine[3]!;
		assert.ok(exit.what === "exit" && exit.exitCode === exitStatus(0) && exit.exitSignal === 17);
		stop = true;
		kernel.kill(kernel.init, daemon.pid, 9);
		runUntil(system, () => gone(daemon));
	});
});
