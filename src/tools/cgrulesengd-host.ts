/**
 * cgrulesengd (libcgroup 3.1.0) on this machine: the daemon's logic
 * (userland/lib/libcgroup/daemon.ts) on a HostCgOs, fed by the kernel's
 * process events connector (proc-connector-host.ts) or, where that cannot
 * be set up, by polling /proc (proc-poller.ts, with a warning in the log
 * where the C daemon would exit), and listening on the AF_UNIX socket
 * where cgexec and cgclassify --sticky register processes (node:net).
 *
 * The order of the C main(): cgroup_init() and the rules and templates
 * caches, the log, the signal handlers, every running process classified,
 * then the netlink socket, the unix socket and the loop. Daemon mode
 * (without -n) is carried out by the caller (src/cli/libcgroup.ts), which
 * starts this in a new session with / as its directory and no standard
 * descriptors, as cgre_start_daemon() leaves the forked child.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import { binaryToBytes } from "../kernel/bytes.ts";
import { errnoName, KernelError } from "../kernel/errno.ts";
import {
	Cgrulesengd,
	type CgrulesengdOptions,
	cgrulesengdParseArgs,
	type DaemonEnv,
	type DaemonPaths,
	type SyslogSink,
} from "../userland/lib/libcgroup/daemon.ts";
import { asKernelError } from "../userland/lib/libcgroup/libcg.ts";
import { CN_IDX_PROC, encodeProcCnMcastOp } from "../userland/lib/proc-events.ts";
import { asctime } from "../userland/lib/timefmt.ts";
import { HostCgOs, type HostGuard } from "./libcgroup-host.ts";
import { openProcConnector, type ProcConnector } from "./proc-connector-host.ts";
import { ProcPoller } from "./proc-poller.ts";

/** The signals the daemon handles. */
export type DaemonSignal = "SIGUSR1" | "SIGUSR2" | "SIGINT" | "SIGTERM";

export interface HostDaemonOptions {
	/** stdout (the log with -f -) and stderr. */
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
	readonly guard?: HostGuard;
	readonly env?: NodeJS.ProcessEnv;
	/** Other paths than the build's (tests). */
	readonly paths?: DaemonPaths;
	/** "auto": the connector, else polling; "poll": polling only (tests). */
	readonly events?: "auto" | "poll";
	/** The polling interval (default 250 ms). */
	readonly pollMs?: number;
	/** This process is the child of daemon mode (the caller forked it). */
	readonly daemonChild?: boolean;
	/** syslog (default: logger(1), when it exists). */
	readonly syslog?: SyslogSink;
}

/** A running daemon. */
export interface HostDaemon {
	/** The exit status, once the daemon stops (a terminating signal, a failed set-up). */
	readonly exited: Promise<number>;
	/** Deliver a signal to the daemon's handlers. */
	signal(sig: DaemonSignal): void;
	/** The events source in use, once set up. */
	source(): "connector" | "poll" | null;
}

/** ctime(3) in the local time zone, with its newline. */
function ctimeLocal(t: number): string {
	const d = new Date(t * 1000);
	return asctime({
		year: d.getFullYear(),
		month: d.getMonth(),
		day: d.getDate(),
		hour: d.getHours(),
		minute: d.getMinutes(),
		second: d.getSeconds(),
		weekday: d.getDay(),
	});
}

/** syslog(3) through logger(1): one message per call, ident[pid] as openlog(LOG_PID) gives. */
export function loggerSyslog(): SyslogSink {
	let ident = "";
	let withPid = false;
	let facility = 0;
	return {
		openlog(id, option, fac) {
			ident = id;
			withPid = (option & 0x01) !== 0;
			facility = fac;
		},
		syslog(priority, text) {
			const pri = (priority & ~7) === 0 ? priority | facility : priority;
			const args = ["-t", ident, "-p", String(pri), "--", text.replace(/\n$/, "")];
			if (withPid) args.unshift(`--id=${process.pid}`);
			try {
				const c = spawn("logger", args, { stdio: "ignore" });
				c.on("error", () => {});
				c.unref();
			} catch {
				// no logger: the message is lost, as syslog() without a daemon listening
			}
		},
		closelog() {},
	};
}

/**
 * main() up to cgre_start_daemon(), for the parent of daemon mode: the
 * options parsed and libcgroup, the rules and the templates initialized
 * (a failure is printed). The options to go on with, or the exit status.
 */
export function prepareHostCgrulesengd(
	argv: readonly string[],
	o: Pick<HostDaemonOptions, "stdout" | "stderr" | "env" | "paths">,
): { readonly options: CgrulesengdOptions } | { readonly status: number } {
	const os = new HostCgOs({ stderr: o.stderr, ...(o.env ? { env: o.env } : {}) });
	try {
		const parsed = cgrulesengdParseArgs(os, argv);
		if (!parsed.ok) return { status: parsed.status & 0xff };
		const env: DaemonEnv = {
			monotonicNs: () => process.hrtime.bigint(),
			time: () => Math.floor(Date.now() / 1000),
			...(o.paths ? { paths: o.paths } : {}),
		};
		const ret = new Cgrulesengd(os, parsed.options, env, argv[0]).init();
		return ret !== 0 ? { status: ret & 0xff } : { options: parsed.options };
	} finally {
		if (os.out !== "") o.stdout(os.out);
	}
}

/** Start the daemon with cgrulesengd's argv (argv[0] included). */
export function startHostCgrulesengd(argv: readonly string[], o: HostDaemonOptions): HostDaemon {
	let resolveExit: (status: number) => void = () => {};
	const exited = new Promise<number>((r) => {
		resolveExit = r;
	});
	let source: "connector" | "poll" | null = null;
	let connector: ProcConnector | null = null;
	let server: net.Server | null = null;
	let timer: NodeJS.Timeout | null = null;
	let done = false;
	const os = new HostCgOs({
		stderr: o.stderr,
		...(o.guard ? { guard: o.guard } : {}),
		...(o.env ? { env: o.env } : {}),
	});
	const flush = () => {
		if (os.out !== "") o.stdout(os.out);
		os.out = "";
	};
	const stop = (status: number) => {
		if (done) return;
		done = true;
		flush();
		connector?.stop();
		if (timer !== null) clearInterval(timer);
		server?.close();
		resolveExit(status & 0xff);
	};
	const env: DaemonEnv = {
		monotonicNs: () => process.hrtime.bigint(),
		time: () => Math.floor(Date.now() / 1000),
		ctime: ctimeLocal,
		syslog: o.syslog ?? loggerSyslog(),
		...(o.paths ? { paths: o.paths } : {}),
	};
	const parsed = cgrulesengdParseArgs(os, argv);
	let d: Cgrulesengd | null = null;
	if (!parsed.ok) stop(parsed.status);
	else {
		const options: CgrulesengdOptions = parsed.options;
		d = new Cgrulesengd(os, options, env, argv[0]);
		const ret = d.init();
		if (ret !== 0) stop(ret);
		else {
			if (o.daemonChild) {
				d.startLog();
				d.logProceeding();
			} else d.startDaemon();
			d.classifyRunning();
			flush();
			void serve(d);
		}
	}

	async function serve(dm: Cgrulesengd): Promise<void> {
		const fail = (step: Parameters<Cgrulesengd["logSetupError"]>[0], e: KernelError) => {
			dm.logSetupError(step, e.strerror);
			stop(1);
		};
		// The connector, or polling where it cannot be had.
		if (o.events !== "poll") {
			const op = dm.logSendingListen();
			const started = await openProcConnector((nlPid) => encodeProcCnMcastOp(op, { nlPid }), {
				datagram(data, from) {
					if (done) return;
					if (from.pid === 0 && from.groups === CN_IDX_PROC) dm.handleDatagram(data);
					else dm.logBadAddress();
					flush();
				},
				receiveError(e) {
					if (e.code === "ENOBUFS") dm.logBufferFull();
					flush();
				},
			});
			if (done) {
				if (started.ok) started.connector.stop();
				return;
			}
			if (started.ok) {
				connector = started.connector;
				source = "connector";
				dm.logMessageSent();
			} else {
				const reason =
					started.step === "spawn"
						? `cannot run python3: ${started.error.strerror}`
						: dm.setupErrorText(started.step, started.error.strerror).replace(/^Error: |\n$/g, "");
				startPolling(dm, reason);
			}
		} else startPolling(dm, "polling requested");
		flush();
		// The unix socket: unlink the old one, bind, listen, chown, chmod 0660.
		const path = dm.socketPath;
		try {
			fs.unlinkSync(path);
		} catch {
			// none there
		}
		const srv = net.createServer((conn) => unixClient(dm, conn));
		server = srv;
		const listening = await new Promise<KernelError | null>((resolve) => {
			srv.once("error", (e) => resolve(hostError(e)));
			srv.listen({ path, backlog: 1 }, () => resolve(null));
		});
		if (done) return;
		if (listening !== null) return fail("unix-bind", listening);
		const opts = dm.options;
		try {
			os.chown(path, opts.socketUser | 0, opts.socketGroup | 0);
		} catch (e) {
			return fail("chown", asKernelError(e));
		}
		dm.logSocketOwner();
		try {
			os.chmod(path, 0o660);
		} catch (e) {
			return fail("chmod", asKernelError(e));
		}
		flush();
	}

	function startPolling(dm: Cgrulesengd, reason: string): void {
		const ms = o.pollMs ?? 250;
		dm.logPollingFallback(reason, ms);
		source = "poll";
		const poller = new ProcPoller();
		poller.poll();
		timer = setInterval(() => {
			if (done) return;
			for (const ev of poller.poll()) dm.handleEvent(ev);
			flush();
		}, ms);
	}

	/** cgre_receive_unix_domain_msg(): the pid, then the flags, then the reply. */
	function unixClient(dm: Cgrulesengd, conn: net.Socket): void {
		let buf = new Uint8Array(0);
		let pid: number | null = null;
		let finished = false;
		const finish = () => {
			finished = true;
			conn.end();
			flush();
		};
		const int32 = (off: number) =>
			new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getInt32(off, true);
		conn.on("data", (chunk: Uint8Array) => {
			if (finished) return;
			const joined = new Uint8Array(buf.length + chunk.length);
			joined.set(buf);
			joined.set(chunk, buf.length);
			buf = joined;
			if (pid === null && buf.length >= 4) {
				pid = int32(0);
				if (!dm.unixClientPid(pid)) return finish();
			}
			if (pid !== null && buf.length >= 8) {
				const reply = dm.unixClientFlags(pid, int32(4));
				if (reply !== null) conn.write(binaryToBytes(reply));
				finish();
			}
		});
		conn.on("end", () => {
			if (finished) return;
			if (pid === null) dm.logReadPidError("Success");
			else dm.logReadFlagsError("Success");
			finish();
		});
		conn.on("error", (e) => {
			if (finished) return;
			dm.logWriteReplyError(hostError(e).strerror);
			finish();
		});
	}

	return {
		exited,
		signal(sig) {
			if (done || d === null) return;
			if (sig === "SIGUSR2") d.reload();
			else if (sig === "SIGUSR1") d.reloadTemplates();
			else stop(d.terminate());
			flush();
		},
		source: () => source,
	};
}

/** A node:net error as the KernelError of its errno (EIO when it has none). */
function hostError(e: unknown): KernelError {
	const errno = (e as NodeJS.ErrnoException).errno;
	return new KernelError((typeof errno === "number" ? errnoName(-errno) : undefined) ?? "EIO");
}
