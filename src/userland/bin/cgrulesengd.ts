/**
 * cgrulesengd (libcgroup 3.1.0) as a program of the emulated host: the
 * daemon's logic (lib/libcgroup/daemon.ts) around the loop of
 * cgre_create_netlink_socket_process_msg(): a NETLINK_CONNECTOR socket
 * listening to the kernel's process events (the emulated kernel's
 * cn_proc), the AF_UNIX socket /var/run/cgred.socket where cgexec and
 * cgclassify --sticky register processes, and poll(2) over both (the C
 * uses select()). Without -n it forks, the child calls setsid() and
 * chdir("/"), and the parent exits 0, as cgre_start_daemon() does.
 *
 * Signals are caught as the C daemon catches them (no SA_RESTART): a
 * blocked call fails with EINTR and the loop then takes each pending
 * signal: SIGUSR2 reloads the rules and templates, SIGUSR1 the templates,
 * SIGINT and SIGTERM log the last line and end the daemon with status 0.
 *
 * Not here: syslog (-s logs nothing).
 */

import { KernelError } from "../../kernel/errno.ts";
import { AF_NETLINK, AF_UNIX, SOCK_DGRAM, SOCK_STREAM } from "../../kernel/net/defs.ts";
import { POLLERR, POLLHUP, POLLIN } from "../../kernel/poll.ts";
import { SIG_HANDLER, SIGINT, SIGTERM, SIGUSR1, SIGUSR2 } from "../../kernel/signal.ts";
import {
	Cgrulesengd,
	type CgrulesengdOptions,
	cgrulesengdParseArgs,
	type DaemonEnv,
} from "../lib/libcgroup/daemon.ts";
import { CN_IDX_PROC, encodeProcCnMcastOp, NETLINK_CONNECTOR } from "../lib/proc-events.ts";
import { Output } from "../lib/stdio.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";
import { EmulatedCgOs } from "./libcgroup-os.ts";

function envOf(sys: Sys): DaemonEnv {
	const clock = sys.kernel.clock;
	return {
		monotonicNs: () => BigInt(clock.now()),
		time: () => Math.floor(clock.realtime() / 1e9),
	};
}

/**
 * Write what the daemon printed so far (its log with -f -, and stderr).
 * Text for a descriptor the daemon closed is dropped, as C's writes to a
 * closed stream fail.
 */
function* flush(sys: Sys, os: EmulatedCgOs): Run<void> {
	const open = (fd: number) => sys.files.has(fd);
	if (!open(2)) os.err = "";
	if (!open(1)) os.out = "";
	if (os.err !== "") {
		const err = new Output(sys, 2);
		yield* err.put(os.err);
		yield* err.flush();
		os.err = "";
	}
	if (os.out !== "") {
		const out = new Output(sys, 1);
		yield* out.put(os.out);
		yield* out.flush();
		os.out = "";
	}
}

const int32 = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);

/** Read exactly 4 bytes (a C int) from a stream, or the error text ("Success" at EOF). */
function* readInt(sys: Sys, fd: number): Run<number | string> {
	try {
		const b = yield* sys.read(fd, 4);
		return b.length === 4 ? int32(b) : "Success";
	} catch (e) {
		if (e instanceof KernelError) return e.strerror;
		throw e;
	}
}

/** The daemon's loop; returns only when a socket cannot be set up (the exit status). */
function* serve(sys: Sys, os: EmulatedCgOs, d: Cgrulesengd): Run<number> {
	const fail = function* (
		step: Parameters<Cgrulesengd["logSetupError"]>[0],
		e: unknown,
	): Run<number> {
		if (!(e instanceof KernelError)) throw e;
		d.logSetupError(step, e.strerror);
		yield* flush(sys, os);
		return 1;
	};
	let nl: number;
	try {
		nl = sys.socket(AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
	} catch (e) {
		return yield* fail("netlink-socket", e);
	}
	try {
		sys.bind(nl, { family: AF_NETLINK, pid: sys.pid, groups: CN_IDX_PROC });
	} catch (e) {
		return yield* fail("netlink-bind", e);
	}
	const op = d.logSendingListen();
	try {
		yield* sys.send(nl, encodeProcCnMcastOp(op, { nlPid: sys.pid }));
	} catch (e) {
		return yield* fail("netlink-send", e);
	}
	d.logMessageSent();
	const path = d.socketPath;
	let un: number;
	try {
		un = sys.socket(AF_UNIX, SOCK_STREAM, 0);
	} catch (e) {
		return yield* fail("unix-socket", e);
	}
	try {
		sys.vfs.unlink(sys.task, path);
	} catch {
		// no old socket: fine, as unlink() in C
	}
	try {
		sys.bind(un, { family: AF_UNIX, path, len: 2 + path.length });
	} catch (e) {
		return yield* fail("unix-bind", e);
	}
	try {
		sys.listen(un, 1);
	} catch (e) {
		return yield* fail("unix-listen", e);
	}
	const o = d.options;
	try {
		sys.vfs.chown(sys.task, path, o.socketUser | 0, o.socketGroup | 0);
	} catch (e) {
		return yield* fail("chown", e);
	}
	d.logSocketOwner();
	try {
		sys.vfs.chmod(sys.task, path, 0o660);
	} catch (e) {
		return yield* fail("chmod", e);
	}
	yield* flush(sys, os);
	for (;;) {
		let ready: { fd: number; revents: number }[];
		try {
			ready = yield* sys.poll(
				[
					{ fd: nl, events: POLLIN },
					{ fd: un, events: POLLIN },
				],
				-1,
			);
		} catch (e) {
			if (e instanceof KernelError && e.code === "EINTR") {
				const status = takeSignals(sys, d);
				yield* flush(sys, os);
				if (status !== null) return status;
				continue;
			}
			return yield* fail("select", e);
		}
		const readable = (fd: number) =>
			ready.some((r) => r.fd === fd && (r.revents & (POLLIN | POLLERR | POLLHUP)) !== 0);
		if (readable(nl)) {
			try {
				const r = yield* sys.recvfrom(nl, 4096);
				const from = r.addr;
				if (from !== null && "groups" in from && from.pid === 0 && from.groups === CN_IDX_PROC) {
					d.handleDatagram(r.data.subarray(0, r.size));
				} else d.logBadAddress();
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				if (e.code === "ENOBUFS") d.logBufferFull();
			}
		}
		if (readable(un)) yield* unixClient(sys, d, un);
		const status = takeSignals(sys, d);
		yield* flush(sys, os);
		if (status !== null) return status;
	}
}

/** The signals main() installs handlers for (sigaction() without SA_RESTART). */
const CAUGHT = [SIGUSR2, SIGUSR1, SIGINT, SIGTERM] as const;

function catchSignals(sys: Sys): void {
	for (const sig of CAUGHT) sys.kernel.sigaction(sys.task, sig, SIG_HANDLER);
}

/**
 * Run the handlers of the pending signals: cgre_flash_rules() (SIGUSR2),
 * cgre_flash_templates() (SIGUSR1), cgre_catch_term() (SIGINT, SIGTERM).
 * The exit status once a terminating one ran, else null.
 */
function takeSignals(sys: Sys, d: Cgrulesengd): number | null {
	for (let sig = sys.kernel.dequeueSignal(sys.task); sig !== 0; ) {
		if (sig === SIGUSR2) d.reload();
		else if (sig === SIGUSR1) d.reloadTemplates();
		else if (sig === SIGINT || sig === SIGTERM) return d.terminate();
		sig = sys.kernel.dequeueSignal(sys.task);
	}
	return null;
}

/** cgre_receive_unix_domain_msg(): one client's pid and flags, and the reply. */
function* unixClient(sys: Sys, d: Cgrulesengd, un: number): Run<void> {
	let fd: number;
	try {
		fd = (yield* sys.accept(un)).fd;
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
		d.logAcceptError(e.strerror);
		return;
	}
	try {
		const pid = yield* readInt(sys, fd);
		if (typeof pid === "string") {
			d.logReadPidError(pid);
			return;
		}
		if (!d.unixClientPid(pid)) return;
		const flags = yield* readInt(sys, fd);
		if (typeof flags === "string") {
			d.logReadFlagsError(flags);
			return;
		}
		const reply = d.unixClientFlags(pid, flags);
		if (reply === null) return;
		try {
			yield* sys.write(fd, reply);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			d.logWriteReplyError(e.strerror);
		}
	} finally {
		sys.vfs.close(sys.task, fd);
	}
}

export function* main(ctx: ProgramContext): Run<number> {
	const sys = ctx.sys;
	const os = new EmulatedCgOs(sys, ctx.envp);
	const parsed = cgrulesengdParseArgs(os, ctx.argv);
	if (!parsed.ok) {
		yield* flush(sys, os);
		return parsed.status & 0xff;
	}
	const options: CgrulesengdOptions = parsed.options;
	const d = new Cgrulesengd(os, options, envOf(sys), ctx.argv[0]);
	const ret = d.init();
	if (ret !== 0) {
		yield* flush(sys, os);
		return ret & 0xff;
	}
	yield* flush(sys, os);
	if (!options.daemon) {
		d.startDaemon();
		catchSignals(sys);
		d.classifyRunning();
		yield* flush(sys, os);
		return yield* serve(sys, os, d);
	}
	// cgre_start_daemon(): the parent exits at once, the child goes on.
	sys.fork(function* (child: Sys): Run<number> {
		const cos = new EmulatedCgOs(child, ctx.envp);
		const cd = new Cgrulesengd(cos, options, envOf(child), ctx.argv[0]);
		if (cd.init() !== 0) return 1;
		cd.startLog();
		try {
			child.kernel.setsid(child.task);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			return cd.daemonStepFailed("setsid", e.strerror);
		}
		child.vfs.chdir(child.task, "/");
		// The standard descriptors are closed (stdout stays when it is the log).
		for (const fd of [0, 1, 2]) {
			if (fd === 1 && cd.logfile?.kind === "stdout") continue;
			if (child.files.has(fd)) child.vfs.close(child.task, fd);
		}
		cd.logProceeding();
		catchSignals(child);
		cd.classifyRunning();
		yield* flush(child, cos);
		return yield* serve(child, cos, cd);
	});
	return 0;
}
