/**
 * The kernel's process events connector (NETLINK_CONNECTOR, CN_IDX_PROC) on
 * this machine. Node has no netlink sockets, so a small python3 process
 * opens the socket, binds it to its pid and the proc group, sends the
 * listen request the caller built (with that pid as the sender), and
 * forwards every datagram it receives, unchanged, on its stdout. The caller
 * decodes them as the emulated host's are decoded
 * (userland/lib/proc-events.ts). The helper dies with its parent
 * (PR_SET_PDEATHSIG).
 *
 * Records on the helper's stdout: int32 n, uint32 a, uint32 b, then n
 * bytes. Before the set-up record (n = 0) a negative n is a failed step
 * (-errno, a = 1 socket, 2 bind, 3 send); after it, a datagram (a = the
 * sender's nl_pid, b = its groups) or a failed receive (-errno).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { errnoName, KernelError } from "../kernel/errno.ts";

const HELPER = [
	"import ctypes, os, socket, struct, sys",
	"ctypes.CDLL(None).prctl(1, 9)",
	"out = sys.stdout.buffer",
	"def rec(n, a, b, data=b''):",
	"    out.write(struct.pack('<iII', n, a, b) + data)",
	"    out.flush()",
	"def fail(step, e):",
	"    rec(-e.errno, step, 0)",
	"    sys.exit(0)",
	"try:",
	"    s = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, 11)",
	"except OSError as e:",
	"    fail(1, e)",
	"try:",
	"    s.bind((os.getpid(), 1))",
	"except OSError as e:",
	"    fail(2, e)",
	"msg = sys.stdin.buffer.read(int(sys.argv[1]))",
	"try:",
	"    s.send(msg)",
	"except OSError as e:",
	"    fail(3, e)",
	"rec(0, 0, 0)",
	"while True:",
	"    try:",
	"        data, (pid, groups) = s.recvfrom(65536)",
	"    except OSError as e:",
	"        rec(-e.errno, 0, 0)",
	"        continue",
	"    rec(len(data), pid, groups, data)",
].join("\n");

/** Where setting up the connector failed. */
export type ConnectorStep = "netlink-socket" | "netlink-bind" | "netlink-send";

const STEPS: readonly ConnectorStep[] = ["netlink-socket", "netlink-bind", "netlink-send"];

export interface ConnectorHandlers {
	/** A datagram and its sender's address. */
	datagram(data: Uint8Array, from: { pid: number; groups: number }): void;
	/** A receive that failed (ENOBUFS when events were dropped). */
	receiveError(e: KernelError): void;
}

export type ConnectorStart =
	| { readonly ok: true; readonly connector: ProcConnector }
	| { readonly ok: false; readonly step: ConnectorStep | "spawn"; readonly error: KernelError };

/** A running connector helper. */
export class ProcConnector {
	private readonly child: ChildProcess;

	constructor(child: ChildProcess) {
		this.child = child;
	}

	/** The socket's nl_pid (the helper's pid). */
	get pid(): number {
		return this.child.pid ?? 0;
	}

	stop(): void {
		this.child.stdout?.removeAllListeners("data");
		this.child.kill("SIGKILL");
	}
}

function kernelError(errno: number): KernelError {
	return new KernelError(errnoName(errno) ?? "EINVAL");
}

/**
 * Open the connector. `listen(nlPid)` builds the request to send (the
 * daemon's PROC_CN_MCAST_LISTEN message from that sender). Resolves once
 * the request was sent, or with the step that failed.
 */
export function openProcConnector(
	listen: (nlPid: number) => Uint8Array,
	handlers: ConnectorHandlers,
	python = "/usr/bin/python3",
): Promise<ConnectorStart> {
	return new Promise((resolve) => {
		let child: ChildProcess;
		let settled = false;
		const settle = (r: ConnectorStart) => {
			if (settled) return;
			settled = true;
			resolve(r);
		};
		try {
			child = spawn(python, ["-c", HELPER, "40"], { stdio: ["pipe", "pipe", "ignore"] });
		} catch {
			settle({ ok: false, step: "spawn", error: new KernelError("ENOENT") });
			return;
		}
		child.on("error", (e: NodeJS.ErrnoException) => {
			const errno = typeof e.errno === "number" ? -e.errno : 2;
			settle({ ok: false, step: "spawn", error: kernelError(errno) });
		});
		child.on("exit", () => settle({ ok: false, step: "spawn", error: new KernelError("EPIPE") }));
		const pid = child.pid;
		if (pid === undefined) return;
		child.stdin?.end(Buffer.from(listen(pid)));
		let buf = new Uint8Array(0);
		let started = false;
		child.stdout?.on("data", (chunk: Uint8Array) => {
			const joined = new Uint8Array(buf.length + chunk.length);
			joined.set(buf);
			joined.set(chunk, buf.length);
			buf = joined;
			while (buf.length >= 12) {
				const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
				const n = v.getInt32(0, true);
				const a = v.getUint32(4, true);
				const b = v.getUint32(8, true);
				const len = n > 0 ? n : 0;
				if (buf.length < 12 + len) break;
				const data = buf.slice(12, 12 + len);
				buf = buf.subarray(12 + len);
				if (!started) {
					if (n === 0) {
						started = true;
						settle({ ok: true, connector: new ProcConnector(child) });
					} else {
						settle({ ok: false, step: STEPS[a - 1] ?? "netlink-socket", error: kernelError(-n) });
					}
				} else if (n < 0) handlers.receiveError(kernelError(-n));
				else handlers.datagram(data, { pid: a, groups: b });
			}
		});
	});
}
