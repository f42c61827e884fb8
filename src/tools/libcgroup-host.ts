/**
 * libcgroup's tools against this machine: a CgOs (userland/lib/libcgroup/
 * os.ts) over node:fs, and the runner `cgkit <tool>` uses. Node's errors
 * become the KernelError of their errno, as the emulated host throws them.
 *
 * cgexec replaces itself with the command in C. Node cannot exec, so the
 * command is started first as a stub (python3) that waits on a pipe: the
 * tool's CgOs reports the stub's pid as getpid(), the tool moves it as
 * cgexec moves itself, and only then is the stub let go to execvp() the
 * command, which so starts inside its cgroups as it would under the C
 * cgexec. Its exit status becomes cgkit's.
 *
 * The library's optional capabilities are here too: mount(2)/umount(2)
 * (CgMountOs: the mount section of cgconfig.conf), kill(2) (CgKill: -r)
 * and the cgrulesengd client (CgredClient: cgexec, cgclassify --sticky).
 * Node has neither mount(2) nor synchronous sockets, so mount, umount and
 * the socket exchange run in a small python3 helper (HOST_HELPER) started
 * with spawnSync, which reports the errno or the outcome back; kill is
 * process.kill().
 *
 * Tests may give a `guard`: every call that changes the system (writes,
 * mkdir, rmdir, chown, chmod, unlink, mount, umount, kill) asks it first
 * and throws a plain Error (a test failure, not an errno) when it says no
 * (HOST-SAFETY).
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { constants as osConstants } from "node:os";
import { binaryToBytes } from "../kernel/bytes.ts";
import { ERRNO_NAMES, type ErrnoName, errnoName, KernelError } from "../kernel/errno.ts";
import type { CgMountOs } from "../userland/lib/libcgroup/config.ts";
import type { CgDirent, CgOs, CgStat } from "../userland/lib/libcgroup/os.ts";
import { CGRULE_CGRED_SOCKET_PATH, type CgredClient } from "../userland/lib/libcgroup/rules.ts";
import type { CgKill } from "../userland/lib/libcgroup/rules-scope.ts";
import type { ToolMain } from "../userland/lib/libcgroup/tools/env.ts";

/** What a test allows: the mutating call `op` on `path` (with `data` for writes). */
export type HostGuard = (op: string, path: string, data?: string) => boolean;

/** The KernelError of a failed node:fs call, by errno number (Node names 95 ENOTSUP, the kernel EOPNOTSUPP). */
function kerr(e: unknown): KernelError {
	const err = e as NodeJS.ErrnoException | null;
	const name = typeof err?.errno === "number" ? errnoName(-err.errno) : undefined;
	if (name !== undefined) return new KernelError(name);
	const code = err?.code;
	if (typeof code === "string" && (ERRNO_NAMES as readonly string[]).includes(code)) {
		return new KernelError(code as ErrnoName);
	}
	throw e;
}

function sys<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		throw kerr(e);
	}
}

function statOf(st: fs.Stats): CgStat {
	const type = st.isDirectory()
		? "dir"
		: st.isFile()
			? "file"
			: st.isSymbolicLink()
				? "link"
				: st.isSocket()
					? "socket"
					: "other";
	return { type, perm: st.mode & 0o7777, uid: st.uid, gid: st.gid };
}

export interface HostCgOsOptions {
	readonly guard?: HostGuard;
	/** getpid() as the tool sees it (cgexec: the stub's pid). */
	readonly pid?: number;
	readonly env?: NodeJS.ProcessEnv;
	/** Where stderr goes (default: the process's stderr, at once). */
	readonly stderr?: (text: string) => void;
	/** The cgrulesengd socket registrations go to (default CGRULE_CGRED_SOCKET_PATH, /var/run/cgred.socket). */
	readonly cgredSocket?: string;
}

/**
 * The helper that makes the calls Node cannot: `mount SOURCE TARGET FSTYPE
 * FLAGS DATA` and `umount TARGET` (through libc with ctypes) print the
 * errno they failed with, or 0; `cgred PATH PID FLAGS` is
 * cgroup_register_unchanged_process(): an AF_UNIX stream socket connected
 * to PATH (a failed connect: 0, no daemon), the pid and the flags written
 * as C ints, one read of 18 bytes, and 0 when they are SUCCESS_STORE_PID
 * and its NUL, else 1. Every argument comes hex-encoded (byte strings).
 */
const HOST_HELPER = [
	"import ctypes, os, socket, struct, sys",
	"op = sys.argv[1]",
	"a = [bytes.fromhex(x) for x in sys.argv[2:]]",
	"def done(n):",
	"    sys.stdout.write(str(n))",
	"    sys.exit(0)",
	"if op in ('mount', 'umount'):",
	"    libc = ctypes.CDLL(None, use_errno=True)",
	"    p = ctypes.c_char_p",
	"    if op == 'mount':",
	"        libc.mount.argtypes = [p, p, p, ctypes.c_ulong, p]",
	"        r = libc.mount(a[0], a[1], a[2], int(a[3]), a[4])",
	"    else:",
	"        libc.umount.argtypes = [p]",
	"        r = libc.umount(a[0])",
	"    done(ctypes.get_errno() if r != 0 else 0)",
	"try:",
	"    sk = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, 0)",
	"except OSError:",
	"    done(1)",
	"ret = 1",
	"try:",
	"    try:",
	"        sk.connect(a[0])",
	"    except OSError:",
	"        ret = 0",
	"    else:",
	"        os.write(sk.fileno(), struct.pack('=i', int(a[1])))",
	"        os.write(sk.fileno(), struct.pack('=i', int(a[2])))",
	"        reply = os.read(sk.fileno(), 18)",
	"        ret = 0 if reply == b'SUCCESS_STORE_PID\\0' else 1",
	"except OSError:",
	"    ret = 1",
	"finally:",
	"    sk.close()",
	"done(ret)",
].join("\n");

/** Run HOST_HELPER: its number (an errno or an outcome); a plain Error when it could not run. */
function hostHelper(op: string, args: readonly string[]): number {
	const r = spawnSync(
		"/usr/bin/python3",
		["-c", HOST_HELPER, op, ...args.map((a) => Buffer.from(a, "latin1").toString("hex"))],
		{ encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
	);
	const n = Number(r.stdout);
	if (r.error !== undefined || r.status !== 0 || r.stdout === "" || !Number.isInteger(n)) {
		throw new Error(`libcgroup host helper ${op} failed: ${r.error?.message ?? r.stderr}`);
	}
	return n;
}

/** The KernelError of an errno the helper reported (0: none). */
function helperErrno(n: number): void {
	if (n === 0) return;
	const name = errnoName(n);
	if (name === undefined) throw new Error(`libcgroup host helper: unknown errno ${n}`);
	throw new KernelError(name);
}

/** A CgOs over node:fs on this machine, with mount, kill and the cgred client. stdout is collected in `out`. */
export class HostCgOs implements CgOs, CgMountOs, CgKill, CgredClient {
	out = "";
	private readonly opts: HostCgOsOptions;

	constructor(opts: HostCgOsOptions = {}) {
		this.opts = opts;
	}

	private check(op: string, path: string, data?: string): void {
		const g = this.opts.guard;
		if (g !== undefined && !g(op, path, data)) {
			throw new Error(
				`host safety: ${op} ${path}${data === undefined ? "" : ` <- ${JSON.stringify(data)}`} refused`,
			);
		}
	}

	readFile(path: string): string {
		return sys(() => fs.readFileSync(path)).toString("latin1");
	}

	writeFile(path: string, data: string, how: "w" | "rw" = "w"): void {
		this.check("write", path, data);
		const c = fs.constants;
		this.writeOnce(path, how === "rw" ? c.O_RDWR : c.O_WRONLY | c.O_CREAT | c.O_TRUNC, data);
	}

	createFile(path: string, data: string, append: boolean): void {
		this.check("create", path);
		const c = fs.constants;
		this.writeOnce(path, c.O_WRONLY | c.O_CREAT | (append ? c.O_APPEND : c.O_TRUNC), data);
	}

	private writeOnce(path: string, flags: number, data: string): void {
		const fd = sys(() => fs.openSync(path, flags, 0o666));
		try {
			const buf = binaryToBytes(data);
			sys(() => fs.writeSync(fd, buf, 0, buf.length));
		} finally {
			fs.closeSync(fd);
		}
	}

	mkdir(path: string, mode: number): void {
		this.check("mkdir", path);
		sys(() => fs.mkdirSync(path, { mode }));
	}
	rmdir(path: string): void {
		this.check("rmdir", path);
		sys(() => fs.rmdirSync(path));
	}
	unlink(path: string): void {
		this.check("unlink", path);
		sys(() => fs.unlinkSync(path));
	}

	/** opendir/readdir: the filesystem's own order (fs.readdirSync sorts by name). */
	readdir(path: string): CgDirent[] {
		const dir = sys(() => fs.opendirSync(path));
		const out: CgDirent[] = [];
		try {
			for (let d = dir.readSync(); d !== null; d = dir.readSync()) {
				const type = d.isDirectory()
					? "dir"
					: d.isFile()
						? "file"
						: d.isSymbolicLink()
							? "link"
							: d.isSocket()
								? "socket"
								: "other";
				out.push({ name: d.name, type });
			}
		} finally {
			dir.closeSync();
		}
		return out;
	}

	stat(path: string): CgStat {
		return statOf(sys(() => fs.statSync(path)));
	}
	lstat(path: string): CgStat {
		return statOf(sys(() => fs.lstatSync(path)));
	}
	readlink(path: string): string {
		return sys(() => fs.readlinkSync(path, { encoding: "latin1" }));
	}
	chown(path: string, uid: number, gid: number): void {
		this.check("chown", path);
		sys(() => fs.chownSync(path, uid, gid));
	}
	chmod(path: string, mode: number): void {
		this.check("chmod", path);
		sys(() => fs.chmodSync(path, mode));
	}
	statfsType(path: string): number {
		return sys(() => fs.statfsSync(path)).type;
	}
	umask(mask: number): number {
		return process.umask(mask);
	}

	getpid(): number {
		return this.opts.pid ?? process.pid;
	}
	getuid(): number {
		return process.getuid?.() ?? 0;
	}
	geteuid(): number {
		return process.geteuid?.() ?? 0;
	}
	getgid(): number {
		return process.getgid?.() ?? 0;
	}
	getegid(): number {
		return process.getegid?.() ?? 0;
	}

	env(name: string): string | undefined {
		return (this.opts.env ?? process.env)[name];
	}
	stdout(text: string): void {
		this.out += text;
	}
	stderr(text: string): void {
		if (this.opts.stderr !== undefined) this.opts.stderr(text);
		else process.stderr.write(binaryToBytes(text));
	}

	/** mount(2), through the helper. */
	mount(source: string, target: string, fstype: string, flags: number, data: string): void {
		this.check("mount", target, data);
		helperErrno(hostHelper("mount", [source, target, fstype, String(flags >>> 0), data]));
	}

	/** umount(2), through the helper. */
	umount(target: string): void {
		this.check("umount", target);
		helperErrno(hostHelper("umount", [target]));
	}

	/** kill(2). */
	kill(pid: number, signal: number): void {
		this.check("kill", String(pid));
		sys(() => process.kill(pid, signal));
	}

	/** cgroup_register_unchanged_process(), through the helper: 0 or 1. */
	registerUnchanged(pid: number, flags: number): number {
		const path = this.opts.cgredSocket ?? CGRULE_CGRED_SOCKET_PATH;
		return hostHelper("cgred", [path, String(pid | 0), String(flags | 0)]);
	}
}

/**
 * The stub cgexec's command starts as: it reads the command from fd 3
 * (NUL-separated, until EOF), then execvp()s it, or prints cgexec's
 * "exec failed:" and exits 255 as cgexec does when execvp() fails. An
 * empty read (the tool failed) ends it quietly.
 */
const EXEC_STUB = [
	"import os, sys",
	"data = b''",
	"while True:",
	"    chunk = os.read(3, 65536)",
	"    if not chunk:",
	"        break",
	"    data += chunk",
	"os.close(3)",
	"if not data:",
	"    sys.exit(0)",
	"args = [a for a in data.split(b'\\0')[:-1]]",
	"try:",
	"    os.execvp(args[0], args)",
	"except OSError as e:",
	"    sys.stderr.write('exec failed:' + os.strerror(e.errno))",
	"    sys.exit(255)",
].join("\n");

export interface HostToolIo {
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
	readonly guard?: HostGuard;
	readonly env?: NodeJS.ProcessEnv;
	/** HostCgOsOptions.cgredSocket. */
	readonly cgredSocket?: string;
}

export const PROCESS_TOOL_IO: HostToolIo = {
	stdout: (t) => process.stdout.write(binaryToBytes(t)),
	stderr: (t) => process.stderr.write(binaryToBytes(t)),
};

/**
 * Run a tool on this machine; resolves to the exit status (0-255).
 * `execs`: the tool is cgexec (its command runs in a stub started first).
 */
export async function runHostTool(
	main: ToolMain,
	argv: readonly string[],
	io: HostToolIo = PROCESS_TOOL_IO,
	execs = false,
): Promise<number> {
	const base = {
		stderr: io.stderr,
		...(io.guard ? { guard: io.guard } : {}),
		...(io.env ? { env: io.env } : {}),
		...(io.cgredSocket !== undefined ? { cgredSocket: io.cgredSocket } : {}),
	};
	if (!execs) {
		const os = new HostCgOs(base);
		const outcome = main(os, argv);
		io.stdout(os.out);
		if (typeof outcome !== "number") throw new Error("only cgexec execs");
		return outcome & 0xff;
	}
	const child = spawn("/usr/bin/python3", ["-c", EXEC_STUB], {
		stdio: ["inherit", "inherit", "inherit", "pipe"],
		env: io.env ?? process.env,
	});
	const exited = new Promise<number>((resolve) => {
		child.on("exit", (code, signal) =>
			resolve(signal !== null ? 128 + (osConstants.signals[signal] ?? 0) : (code ?? 0)),
		);
	});
	const gate = child.stdio[3] as NodeJS.WritableStream | null;
	const pid = child.pid;
	if (pid === undefined || gate === null) {
		io.stderr("exec failed:No such file or directory");
		return 255;
	}
	const os = new HostCgOs({ ...base, pid });
	let outcome: ReturnType<ToolMain> = 1;
	try {
		outcome = main(os, argv);
	} finally {
		io.stdout(os.out);
		if (typeof outcome === "number") gate.end();
		else gate.end(binaryToBytes(outcome.exec.map((a) => `${a}\0`).join("")));
	}
	const status = await exited;
	return typeof outcome === "number" ? outcome & 0xff : status;
}
