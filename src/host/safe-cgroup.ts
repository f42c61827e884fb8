/**
 * Safe sessions on the real host's cgroups (see /work/shared/HOST-SAFETY.md).
 *
 * Everything a session creates is registered and undone by cleanup(), which
 * callers run in `finally`:
 * - a private scratch directory /tmp/<prefix> (mode 0755, so helpers running
 *   as an unprivileged user can reach the mounts inside it), where the
 *   prefix is "cgkit-<tag>-<random>[-<n>]";
 * - private named v1 hierarchies (`none,name=<prefix>-...`) mounted below
 *   that directory; a hierarchy named by us is ours entirely, so cleanup may
 *   remove everything in it;
 * - cgroups made with mkdir() (inside those hierarchies, or a uniquely named
 *   cgroup of our own in an existing hierarchy: mkdirOwnIn());
 * - sleeper processes (`sleep 1000`, as another user through setpriv, a
 *   threaded python3 sleeper, a sleeper with a zombie child), killed by pid,
 *   never by name;
 * - descriptors it opened, and its working directory (chdir() for paths
 *   longer than PATH_MAX).
 * Every path a session writes, creates or removes must be inside its scratch
 * directory or a cgroup it created. A write to tasks, cgroup.procs or
 * cgroup.threads is refused unless the number it can name is one of our
 * sleepers (or no process at all): see assertSafeAttachData().
 *
 * Errors are captured exactly: Node's fs calls throw errors whose `.code` is
 * the errno name ("EINVAL"); those names are what the operations return.
 * Writes are one write(2) each (openSync + writeSync + closeSync).
 *
 * mount(2) and umount2(2): Node has no binding for them, and mount(8) turns
 * the kernel's errno into prose. So they go through a short python3 program
 * (/usr/bin/python3, ctypes calling libc's mount/umount2 directly, without
 * the mount helper's option rewriting) that prints "OK" or the errno name.
 * Operations under other credentials run in /usr/bin/python3 under
 * /usr/bin/setpriv (runAsUser()).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { posix } from "node:path";
import { kstrtoint, strstrip } from "../kernel/kstrto.ts";

/** Every name this library creates starts with this. */
export const HOST_PREFIX = "cgkit-";

const PYTHON = "/usr/bin/python3";
const SETPRIV = "/usr/bin/setpriv";
const SLEEP = "/usr/bin/sleep";
/** How long one helper program may run. */
const HELPER_TIMEOUT_MS = 10_000;
/** A clean, minimal environment for helper programs (no shims from $HOME). */
const HELPER_ENV = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/", LC_ALL: "C" };

const CAP_SYS_ADMIN = 21;
const MS_REMOUNT = 32;
/** Files that move the task a written number names. */
const ATTACH_FILES = new Set(["tasks", "cgroup.procs", "cgroup.threads"]);

// ------------------------------------------------------------ availability

/**
 * Why real-host cgroup tests cannot run here, or null when they can: Linux,
 * root with CAP_SYS_ADMIN, a mounted cgroupfs (v1 and the "cgroup" type),
 * and the helper programs this library uses.
 */
export function hostCgroupUnavailableReason(): string | null {
	if (process.platform !== "linux") return `not Linux (${process.platform})`;
	if (typeof process.getuid !== "function" || process.getuid() !== 0) {
		return `not root (uid ${process.getuid?.() ?? "unknown"})`;
	}
	let status: string;
	try {
		status = fs.readFileSync("/proc/self/status", "latin1");
	} catch {
		return "no /proc";
	}
	const capEff = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
	if (capEff === null || ((BigInt(`0x${capEff[1]}`) >> BigInt(CAP_SYS_ADMIN)) & 1n) === 0n) {
		return "no CAP_SYS_ADMIN (cannot mount private hierarchies)";
	}
	let mounts: string;
	try {
		mounts = fs.readFileSync("/proc/self/mounts", "latin1");
	} catch {
		return "cannot read /proc/self/mounts";
	}
	if (!mounts.split("\n").some((l) => l.split(" ")[2] === "cgroup")) {
		return "no cgroup v1 filesystem mounted";
	}
	if (!fs.existsSync("/proc/cgroups")) return "no /proc/cgroups (kernel without cgroup v1)";
	const fstypes = fs.readFileSync("/proc/filesystems", "latin1");
	if (!/\tcgroup\n/.test(fstypes)) return "kernel has no cgroup (v1) filesystem type";
	for (const tool of [PYTHON, SETPRIV, SLEEP, "/usr/bin/unshare", "/bin/sh"]) {
		if (!fs.existsSync(tool)) return `${tool} is missing`;
	}
	return null;
}

// ------------------------------------------------------------ errno capture

/** The errno name of a failed Node fs call, or rethrow anything else. */
function errCode(e: unknown): string {
	if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string") {
		return (e as NodeJS.ErrnoException).code!;
	}
	throw e;
}

/** "OK" when `fn` succeeds, else the errno name it failed with. */
export function errnoOf(fn: () => unknown): string {
	try {
		fn();
		return "OK";
	} catch (e) {
		return errCode(e);
	}
}

/**
 * Open O_WRONLY, one write(2), close. "OK:<bytes written>", "open:<errno>"
 * when the open fails, or the errno of the write.
 */
function writeOnce(path: string, data: string | Uint8Array): string {
	const buf = new Uint8Array(typeof data === "string" ? Buffer.from(data, "latin1") : data);
	return withWriteFd(path, (fd) => {
		try {
			return `OK:${fs.writeSync(fd, buf, 0, buf.length)}`;
		} catch (e) {
			return errCode(e);
		}
	});
}

/**
 * Open O_WRONLY, run `use` on the descriptor, close it; "open:<errno>" when
 * the open fails.
 */
function withWriteFd(path: string, use: (fd: number) => string): string {
	let fd: number;
	try {
		fd = fs.openSync(path, fs.constants.O_WRONLY);
	} catch (e) {
		return `open:${errCode(e)}`;
	}
	try {
		return use(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/** The whole file as a byte string. */
export function readText(path: string): string {
	return fs.readFileSync(path, "latin1");
}

/**
 * Directory entries in getdents(2) order. fs.readdirSync() sorts (libuv's
 * scandir sorts by name); fs.opendirSync() reads with readdir(3), which keeps
 * the kernel's order. "." and ".." are left out.
 */
export function readdirOrder(path: string): string[] {
	const dir = fs.opendirSync(path);
	const out: string[] = [];
	try {
		for (let e = dir.readSync(); e !== null; e = dir.readSync()) {
			if (e.name !== "." && e.name !== "..") out.push(e.name);
		}
	} finally {
		dir.closeSync();
	}
	return out;
}

// ------------------------------------------------------------ mount(2)

const SYSCALL_PY = `
import ctypes, errno, json, sys
a = json.loads(sys.argv[1])
libc = ctypes.CDLL("libc.so.6", use_errno=True)
def b(s):
    return None if s is None else s.encode("latin-1")
if a["op"] == "mount":
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    r = libc.mount(b(a["source"]), b(a["target"]), b(a["fstype"]), a["flags"], b(a["data"]))
else:
    libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
    r = libc.umount2(b(a["target"]), a["flags"])
e = ctypes.get_errno()
print("OK" if r == 0 else errno.errorcode.get(e, "E%d" % e))
`;

function runSyscallHelper(args: Record<string, string | number | null>): string {
	return execFileSync(PYTHON, ["-I", "-c", SYSCALL_PY, JSON.stringify(args)], {
		encoding: "latin1",
		timeout: HELPER_TIMEOUT_MS,
		env: HELPER_ENV,
		cwd: "/",
	}).trim();
}

/** mount(2) as is: "OK" or the errno name. */
function sysMount(
	source: string | null,
	target: string,
	fstype: string | null,
	flags: number,
	data: string | null,
): string {
	return runSyscallHelper({ op: "mount", source, target, fstype, flags, data });
}

/** umount2(2): "OK" or the errno name. */
function sysUmount(target: string, flags = 0): string {
	return runSyscallHelper({ op: "umount", target, flags });
}

// ------------------------------------------------------- other credentials

/**
 * The operations a helper running under other credentials performs, one
 * per run, printing "OK", "OK:<bytes written>", "open:<errno>" or the errno:
 * - write: open(path, O_WRONLY), one write(2), close;
 * - fdwrite: one write(2) to its stdin, a file the caller opened (so the
 *   opener's credentials are the caller's, the writer's the helper's);
 * - mkdir / rmdir.
 */
export type UserOp =
	| { readonly op: "write"; readonly path: string; readonly data: string }
	| { readonly op: "fdwrite"; readonly data: string }
	| { readonly op: "mkdir"; readonly path: string; readonly mode: number }
	| { readonly op: "rmdir"; readonly path: string };

const USER_OP_PY = `
import errno, json, os, sys
a = json.loads(sys.argv[1])
def name(e):
    return errno.errorcode.get(e.errno, str(e.errno))
op = a["op"]
if op in ("mkdir", "rmdir"):
    try:
        os.mkdir(a["path"], a["mode"]) if op == "mkdir" else os.rmdir(a["path"])
        print("OK")
    except OSError as e:
        print(name(e))
    sys.exit(0)
data = bytes.fromhex(a["data"])
if op == "fdwrite":
    fd = 0
else:
    try:
        fd = os.open(a["path"], os.O_WRONLY)
    except OSError as e:
        print("open:" + name(e))
        sys.exit(0)
try:
    print("OK:%d" % os.write(fd, data))
except OSError as e:
    print(name(e))
finally:
    if fd != 0:
        os.close(fd)
`;

/** The setpriv arguments that run a program as uid/gid without supplementary groups. */
function asUser(uid: number, gid: number): string[] {
	return [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups"];
}

/**
 * Run one UserOp in a helper process (/usr/bin/python3 under setpriv) as
 * uid/gid. `stdinFd`, for fdwrite, is a descriptor of ours the helper gets
 * as its stdin.
 */
function runAsUser(uid: number, gid: number, op: UserOp, stdinFd?: number): string {
	const arg =
		op.op === "write" || op.op === "fdwrite"
			? { ...op, data: Buffer.from(op.data, "latin1").toString("hex") }
			: op;
	const r = spawnSync(
		SETPRIV,
		[...asUser(uid, gid), PYTHON, "-I", "-c", USER_OP_PY, JSON.stringify(arg)],
		{
			encoding: "latin1",
			timeout: HELPER_TIMEOUT_MS,
			env: HELPER_ENV,
			cwd: "/",
			stdio: [stdinFd ?? "ignore", "pipe", "pipe"],
		},
	);
	if (r.status !== 0) {
		throw new Error(`helper as uid ${uid} failed (${r.status ?? r.signal}): ${r.stderr}`);
	}
	return r.stdout.trim();
}

/** writeOnce() performed by a helper running as uid/gid (opener and writer). */
function writeOnceAs(uid: number, gid: number, path: string, data: string): string {
	return runAsUser(uid, gid, { op: "write", path, data });
}

// ------------------------------------------------------------ small helpers

export function sleepMs(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** /proc/self/cgroup lines of the hierarchy named `name`. */
export function namedHierarchyLine(name: string, pid: number | "self" = "self"): string | null {
	const lines = readText(`/proc/${pid}/cgroup`).split("\n");
	return lines.find((l) => l.split(":")[1]?.split(",").includes(`name=${name}`)) ?? null;
}

/** The hierarchy id of a named hierarchy, from /proc/self/cgroup; null if it is gone. */
export function namedHierarchyId(name: string): number | null {
	const line = namedHierarchyLine(name);
	return line === null ? null : Number(line.split(":")[0]);
}

/**
 * What is left on the host whose name starts with `prefix`: hierarchies in
 * /proc/self/cgroup, mounts, entries of /tmp, and cgroups at the top of
 * every hierarchy mounted under /sys/fs/cgroup.
 */
export function leftovers(prefix: string): string[] {
	const out: string[] = [];
	for (const line of readText("/proc/self/cgroup").split("\n")) {
		if (line.includes(`name=${prefix}`)) out.push(`/proc/self/cgroup: ${line}`);
	}
	for (const line of readText("/proc/self/mounts").split("\n")) {
		if (line.includes(prefix)) out.push(`/proc/self/mounts: ${line}`);
	}
	for (const e of fs.readdirSync("/tmp")) if (e.startsWith(prefix)) out.push(`/tmp/${e}`);
	let hierarchies: string[] = [];
	try {
		hierarchies = fs.readdirSync("/sys/fs/cgroup").map((d) => `/sys/fs/cgroup/${d}`);
	} catch {
		// no /sys/fs/cgroup
	}
	for (const dir of ["/sys/fs/cgroup", ...hierarchies]) {
		let entries: string[] = [];
		try {
			entries = fs.readdirSync(dir);
		} catch {
			continue;
		}
		for (const e of entries) if (e.startsWith(prefix)) out.push(`${dir}/${e}`);
	}
	return out;
}

// ------------------------------------------------------------ the session

/** A unique prefix for one run: "cgkit-<tag>-<8 hex>". */
export function uniquePrefix(tag: string): string {
	return `${HOST_PREFIX}${tag}-${randomBytes(4).toString("hex")}`;
}

interface Sleeper {
	/** Our direct child's handle; null for a grandchild (see spawnSleeperPair). */
	readonly child: ChildProcess | null;
	/** Resolves when a direct child was reaped; null for a grandchild. */
	readonly exited: Promise<void> | null;
}

/** The state letter of /proc/<pid>/stat, or null when the task is gone. */
function taskState(path: string): string | null {
	try {
		const stat = readText(path);
		return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
	} catch {
		return null;
	}
}

/** Sleepers of every session, killed when the Node process exits for any reason. */
const liveSleepers = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on("exit", () => {
		for (const pid of liveSleepers) {
			try {
				process.kill(pid, "SIGKILL");
			} catch {
				// already gone
			}
		}
	});
}

export interface MountRecord {
	readonly target: string;
	/** The hierarchy name when it is one of our named hierarchies. */
	readonly name: string | null;
}

/** What mounting a private named hierarchy takes: a session, or anything shaped like one. */
export interface PrivateMounter {
	newName(tag?: string): string;
	newDir(tag?: string): string;
	mountCgroup(target: string, options: string): string;
}

/**
 * Mount a new named hierarchy with no controllers (`none,name=<unique>`)
 * on a new directory; returns its name and mount point.
 */
export function mountPrivateHierarchy(
	m: PrivateMounter,
	extraOptions = "",
): { name: string; mnt: string } {
	const name = m.newName("h");
	const mnt = m.newDir("m");
	const opts = `none,name=${name}${extraOptions.length > 0 ? `,${extraOptions}` : ""}`;
	const r = m.mountCgroup(mnt, opts);
	if (r !== "OK") throw new Error(`mount -o ${opts}: ${r}`);
	return { name, mnt };
}

/**
 * One session: a scratch directory /tmp/<prefix>, and the registry of what
 * it created, undone by cleanup().
 */
export class HostCgroupSession {
	/** Unique; every name the session creates starts with it. */
	readonly prefix: string;
	/** /tmp/<prefix>: mount points, scripts and logs live here. */
	readonly dir: string;
	private readonly sleepers = new Map<number, Sleeper>();
	/** Thread ids of our threaded sleepers (thread id -> process id). */
	private readonly threadIds = new Map<number, number>();
	/** Cgroup directories made by mkdir(), in creation order. */
	private readonly cgroups: string[] = [];
	/** Live mounts, in mount order. */
	private readonly mounts: MountRecord[] = [];
	/** Every named hierarchy we mounted (it may outlive its mounts). */
	private readonly names = new Set<string>();
	/** The working directory when the session started (restored by cleanup). */
	private readonly originalCwd = process.cwd();
	/**
	 * The working directory after chdir(), as a path string (getcwd(2) fails
	 * once it is longer than PATH_MAX); null while it is the original one.
	 */
	private logicalCwd: string | null = null;
	/** Open descriptors (closed by cleanup before anything is removed). */
	private readonly fds = new Map<number, string>();
	private seq = 0;

	constructor(prefix: string) {
		if (!prefix.startsWith(HOST_PREFIX) || !/^[\w.-]+$/.test(prefix)) {
			throw new Error(`bad session prefix ${prefix}`);
		}
		installExitHook();
		this.prefix = prefix;
		this.dir = `/tmp/${prefix}`;
		fs.mkdirSync(this.dir, { mode: 0o755 });
		fs.chmodSync(this.dir, 0o755);
	}

	/** A fresh name below the prefix (for hierarchies, directories, files). */
	newName(tag = "h"): string {
		return `${this.prefix}-${tag}${this.seq++}`;
	}

	/** A new empty directory in the scratch directory. */
	newDir(tag = "m"): string {
		const path = `${this.dir}/${tag}${this.seq++}`;
		fs.mkdirSync(path, { mode: 0o755 });
		return path;
	}

	// ---------------------------------------------------------- mounts

	/**
	 * mount(2) of a cgroup v1 filesystem at `target` (inside the scratch
	 * directory). Registered when it succeeds. `name` is the hierarchy name
	 * the options carry, when it is ours, so cleanup can make sure the
	 * hierarchy is gone.
	 */
	mountCgroup(target: string, options: string, flags = 0): string {
		this.checkOwnPath(target);
		const names = [...options.matchAll(/(?:^|,)name=([^,]*)/g)].map((m) => m[1]!);
		for (const n of names) {
			// An empty name is refused by the kernel; any other must be ours.
			if (n.length > 0 && !n.startsWith(this.prefix)) {
				throw new Error(`refusing a hierarchy not named by us: ${n}`);
			}
		}
		const r = sysMount("cgroup", target, "cgroup", flags, options);
		if (names.length === 1) this.names.add(names[0]!);
		if (r === "OK" && (flags & MS_REMOUNT) === 0) {
			this.mounts.push({ target, name: names.length === 1 ? names[0]! : null });
		}
		return r;
	}

	/** Mount a new private named hierarchy; returns its name and mount point. */
	mountPrivate(extraOptions = ""): { name: string; mnt: string } {
		return mountPrivateHierarchy(this, extraOptions);
	}

	/** umount2(2) of one of our mounts; unregistered when it succeeds. */
	umount(target: string): string {
		this.checkOwnPath(target);
		const r = sysUmount(target);
		if (r === "OK") {
			for (let i = this.mounts.length - 1; i >= 0; i--) {
				if (this.mounts[i]!.target !== target) continue;
				this.mounts.splice(i, 1);
				break;
			}
		}
		return r;
	}

	// --------------------------------------------------------- cgroups

	/** mkdir(2) of a cgroup of ours: "OK" or the errno name; registered on success. */
	mkdir(path: string, mode = 0o755): string {
		this.checkOwnPath(path);
		const r = errnoOf(() => fs.mkdirSync(path, mode));
		if (r === "OK") this.cgroups.push(this.abs(path));
		return r;
	}

	/**
	 * mkdir of a uniquely named cgroup of our own at the top of an existing
	 * hierarchy (for tests that need a real controller).
	 */
	mkdirOwnIn(hierarchyRoot: string): string {
		const type = readText("/proc/self/mounts")
			.split("\n")
			.find((l) => unescapeMountField(l.split(" ")[1] ?? "") === hierarchyRoot)
			?.split(" ")[2];
		if (type !== "cgroup" && type !== "cgroup2") {
			throw new Error(`${hierarchyRoot} is not the root of a mounted cgroup hierarchy`);
		}
		const path = `${hierarchyRoot}/${this.newName("cg")}`;
		const r = errnoOf(() => fs.mkdirSync(path, 0o755));
		if (r !== "OK") throw new Error(`mkdir ${path}: ${r}`);
		this.cgroups.push(path);
		return path;
	}

	/** rmdir(2) of a cgroup of ours; unregistered on success. */
	rmdir(path: string): string {
		this.checkOwnPath(path);
		const r = errnoOf(() => fs.rmdirSync(path));
		if (r === "OK") this.forgetCgroup(this.abs(path));
		return r;
	}

	/** rename(2) inside our hierarchies; the registry follows a moved directory. */
	rename(from: string, to: string): string {
		this.checkOwnPath(from);
		this.checkOwnPath(to);
		const r = errnoOf(() => fs.renameSync(from, to));
		if (r === "OK") {
			const a = this.abs(from);
			const b = this.abs(to);
			for (let i = 0; i < this.cgroups.length; i++) {
				const p = this.cgroups[i]!;
				if (p === a || p.startsWith(`${a}/`)) this.cgroups[i] = b + p.slice(a.length);
			}
		}
		return r;
	}

	private forgetCgroup(path: string): void {
		const i = this.cgroups.lastIndexOf(path);
		if (i >= 0) this.cgroups.splice(i, 1);
	}

	/**
	 * Write a pid into a tasks or cgroup.procs file of ours. Only pids of our
	 * own sleepers are accepted.
	 */
	attach(file: string, pid: number): string {
		if (!this.sleepers.has(pid) && !this.threadIds.has(pid)) {
			throw new Error(`refusing to move pid ${pid}: not ours`);
		}
		this.checkOwnPath(file);
		return writeOnce(file, `${pid}`);
	}

	/**
	 * One write(2) to a file of ours ("OK:<n>", "open:<errno>" or the
	 * errno). Data for tasks, cgroup.procs or cgroup.threads is checked first
	 * (assertSafeAttachData).
	 */
	writeFile(path: string, data: string): string {
		this.checkOwnPath(path);
		this.assertSafeAttachData(path, data);
		return writeOnce(path, data);
	}

	/** writeFile() performed by a helper running as uid/gid (opener and writer). */
	writeFileAs(uid: number, gid: number, path: string, data: string): string {
		this.checkOwnPath(path);
		this.assertSafeAttachData(path, data);
		return writeOnceAs(uid, gid, this.abs(path), data);
	}

	/**
	 * Refuse a write to an attach file unless it cannot name any process but
	 * our own sleepers. The kernel reads the pid with
	 * kstrtoint(strstrip(buf), 0) and rejects negative numbers; a pid of 0
	 * means the writer itself (this test process!). When the data parses, the
	 * number must be negative, one of our sleepers, or at least pid_max (no
	 * process can have it). When it does not parse, every decimal number in
	 * it must be one of those too, in case this replica of the parser were
	 * wrong.
	 */
	private assertSafeAttachData(path: string, data: string): void {
		const base = path.slice(path.lastIndexOf("/") + 1);
		if (!ATTACH_FILES.has(base)) return;
		const pidMax = Number(readText("/proc/sys/kernel/pid_max").trim());
		const safe = (n: number): boolean =>
			n !== 0 &&
			(this.sleepers.has(n) || this.threadIds.has(n) || n >= pidMax || this.isOurZombie(n));
		let parsed: number | null = null;
		try {
			parsed = kstrtoint(strstrip(data.split("\0")[0]!), 0);
		} catch {
			parsed = null;
		}
		if (parsed !== null) {
			if (parsed < 0 || safe(parsed)) return;
			throw new Error(
				`refusing to write ${JSON.stringify(data)} to ${path}: pid ${parsed} is not ours`,
			);
		}
		for (const run of data.match(/\d+/g) ?? []) {
			if (!safe(Number(run))) {
				throw new Error(
					`refusing to write ${JSON.stringify(data)} to ${path}: ${run} may be a pid`,
				);
			}
		}
	}

	/**
	 * Open a file of ours as this process (root) and let a helper running as
	 * uid/gid do the one write(2) through the inherited descriptor.
	 */
	writeInheritedFdAs(uid: number, gid: number, path: string, data: string): string {
		this.checkOwnPath(path);
		this.assertSafeAttachData(path, data);
		return withWriteFd(path, (fd) => runAsUser(uid, gid, { op: "fdwrite", data }, fd));
	}

	/** mkdir(2) of a cgroup of ours by a helper running as uid/gid; registered on success. */
	mkdirAs(uid: number, gid: number, path: string, mode = 0o755): string {
		this.checkOwnPath(path);
		const r = runAsUser(uid, gid, { op: "mkdir", path: this.abs(path), mode });
		if (r === "OK") this.cgroups.push(this.abs(path));
		return r;
	}

	/** rmdir(2) of a cgroup of ours by a helper running as uid/gid. */
	rmdirAs(uid: number, gid: number, path: string): string {
		this.checkOwnPath(path);
		const r = runAsUser(uid, gid, { op: "rmdir", path: this.abs(path) });
		if (r === "OK") this.forgetCgroup(this.abs(path));
		return r;
	}

	/** open(2) of a file of ours, O_RDONLY or O_WRONLY: the descriptor, or the errno name. */
	openFd(path: string, write: boolean): number | string {
		this.checkOwnPath(path);
		try {
			const fd = fs.openSync(path, write ? fs.constants.O_WRONLY : fs.constants.O_RDONLY);
			this.fds.set(fd, path);
			return fd;
		} catch (e) {
			return errCode(e);
		}
	}

	/** One read(2) of up to `count` bytes from a descriptor of ours: "OK:<data>" or the errno. */
	readFd(fd: number, count = 65536): string {
		if (!this.fds.has(fd)) throw new Error(`fd ${fd} is not ours`);
		const buf = new Uint8Array(count);
		try {
			const n = fs.readSync(fd, buf, 0, count, null);
			return `OK:${Buffer.from(buf.subarray(0, n)).toString("latin1")}`;
		} catch (e) {
			return errCode(e);
		}
	}

	/** One write(2) to a descriptor of ours (attach data checked): "OK:<n>" or the errno. */
	writeFd(fd: number, data: string): string {
		const path = this.fds.get(fd);
		if (path === undefined) throw new Error(`fd ${fd} is not ours`);
		this.assertSafeAttachData(path, data);
		const buf = new Uint8Array(Buffer.from(data, "latin1"));
		try {
			return `OK:${fs.writeSync(fd, buf, 0, buf.length)}`;
		} catch (e) {
			return errCode(e);
		}
	}

	closeFd(fd: number): string {
		if (!this.fds.delete(fd)) throw new Error(`fd ${fd} is not ours`);
		return errnoOf(() => fs.closeSync(fd));
	}

	/**
	 * A zombie child of one of our live sleepers (the killed half of a
	 * spawnSleeperPair): its pid cannot be reused while that parent, which
	 * never reaps, lives.
	 */
	private isOurZombie(pid: number): boolean {
		let stat: string;
		try {
			stat = readText(`/proc/${pid}/stat`);
		} catch {
			return false;
		}
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return fields[0] === "Z" && this.sleepers.has(Number(fields[1]));
	}

	/** chmod(2) of a file or cgroup of ours. */
	chmod(path: string, mode: number): string {
		this.checkOwnPath(path);
		return errnoOf(() => fs.chmodSync(path, mode));
	}

	/** unlink(2) in our hierarchies. */
	unlink(path: string): string {
		this.checkOwnPath(path);
		return errnoOf(() => fs.unlinkSync(path));
	}

	/** open(O_WRONLY|O_CREAT, 0644) + close in our hierarchies. */
	createFile(path: string): string {
		this.checkOwnPath(path);
		return errnoOf(() => {
			fs.closeSync(fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o644));
		});
	}

	/**
	 * A release agent script in the scratch directory. Each run appends one
	 * line to `log`: "argc=<$#>|argv=<$*>|ppid=<$PPID>|env=<environment
	 * without the PWD the shell adds, sorted, ';'-terminated>".
	 */
	prepareReleaseAgent(): { agent: string; log: string } {
		const agent = `${this.dir}/release-agent.sh`;
		const log = `${this.dir}/release-agent.log`;
		const script = [
			"#!/bin/sh",
			"env=$(/usr/bin/env | /usr/bin/grep -v '^PWD=' | /usr/bin/sort | /usr/bin/tr '\\n' ';')",
			`echo "argc=$#|argv=$*|ppid=$PPID|env=$env" >> ${log}`,
			"",
		].join("\n");
		fs.writeFileSync(agent, script, { mode: 0o755 });
		fs.chmodSync(agent, 0o755);
		return { agent, log };
	}

	/**
	 * Run `/bin/sh -c script` as pid 1 of a new pid namespace (`unshare
	 * --pid --fork --kill-child`), with `paths` (of ours) and then `more` as
	 * $1...; returns its stdout. Everything in the namespace dies with its
	 * pid 1. Any pid the script writes to an attach file is looked up in the
	 * new namespace, where every process is one the script started.
	 */
	runInNewPidNs(script: string, paths: readonly string[], more: readonly string[] = []): string {
		for (const a of paths) this.checkOwnPath(a);
		const absPaths = paths.map((a) => this.abs(a));
		return execFileSync(
			"/usr/bin/unshare",
			["--pid", "--fork", "--kill-child", "/bin/sh", "-c", script, "sh", ...absPaths, ...more],
			{ encoding: "latin1", timeout: HELPER_TIMEOUT_MS, env: HELPER_ENV, cwd: "/" },
		);
	}

	/** A path made absolute against the (logical) working directory, by string operations only. */
	private abs(path: string): string {
		return posix.resolve(this.logicalCwd ?? this.originalCwd, path);
	}

	/** Is this path inside our scratch directory or one of our own cgroups? */
	private checkOwnPath(path: string): void {
		const a = this.abs(path);
		if (a === this.dir || a.startsWith(`${this.dir}/`)) return;
		for (const c of this.cgroups) if (a === c || a.startsWith(`${c}/`)) return;
		throw new Error(`refusing to touch ${a}: not created by this session`);
	}

	/**
	 * chdir(2) of this process into a directory of ours (to reach cgroups
	 * whose paths are longer than PATH_MAX with relative paths); cleanup
	 * goes back to the original working directory.
	 */
	chdir(path: string): string {
		this.checkOwnPath(path);
		const r = errnoOf(() => process.chdir(path));
		if (r === "OK") this.logicalCwd = this.abs(path);
		return r;
	}

	// -------------------------------------------------------- sleepers

	/**
	 * Start `sleep 1000`, as uid/gid through setpriv when given; resolves to
	 * its pid once it exec'd. With `euid` or `suid` (which setpriv cannot set
	 * apart), a python3 sleeper calls setresuid(uid, euid, suid) instead.
	 */
	async spawnSleeper(as?: {
		uid: number;
		gid: number;
		euid?: number;
		suid?: number;
	}): Promise<number> {
		if (as !== undefined && (as.euid !== undefined || as.suid !== undefined)) {
			const euid = as.euid ?? as.uid;
			const suid = as.suid ?? as.uid;
			const code = [
				"import os, time",
				"os.setgroups([])",
				`os.setresgid(${as.gid}, ${as.gid}, ${as.gid})`,
				`os.setresuid(${as.uid}, ${euid}, ${suid})`,
				"time.sleep(1000)",
			].join("\n");
			const pid = this.track(
				spawn(PYTHON, ["-I", "-c", code], { stdio: "ignore", cwd: "/", env: HELPER_ENV }),
			);
			const want = `Uid:\t${as.uid}\t${euid}\t${suid}\t`;
			for (let i = 0; i < 500; i++) {
				let status = "";
				try {
					status = readText(`/proc/${pid}/status`);
				} catch {
					break;
				}
				if (status.includes(want)) return pid;
				await sleepMs(10);
			}
			throw new Error(`sleeper ${pid} did not change its ids`);
		}
		const child =
			as === undefined
				? spawn(SLEEP, ["1000"], { stdio: "ignore", cwd: "/", env: HELPER_ENV })
				: spawn(SETPRIV, [...asUser(as.uid, as.gid), SLEEP, "1000"], {
						stdio: "ignore",
						cwd: "/",
						env: HELPER_ENV,
					});
		const pid = this.track(child);
		// Wait for the exec (and, through setpriv, the credential change).
		for (let i = 0; i < 500; i++) {
			let comm = "";
			try {
				comm = readText(`/proc/${pid}/comm`).trim();
			} catch {
				break;
			}
			if (comm === "sleep") return pid;
			await sleepMs(10);
		}
		throw new Error(`sleeper ${pid} did not start`);
	}

	/**
	 * A sleeping process with `threads` more sleeping threads (python3).
	 * Resolves to its pid and every thread id, leader first, once all the
	 * threads exist. Its main thread waits for exitLeader(), which makes it
	 * call pthread_exit(): the leader becomes a zombie while its threads run.
	 */
	async spawnThreadedSleeper(threads: number): Promise<{ pid: number; tids: number[] }> {
		const code = [
			"import ctypes, os, threading, time",
			`for _ in range(${threads}):`,
			"    threading.Thread(target=time.sleep, args=(1000,)).start()",
			"os.read(0, 1)",
			'ctypes.CDLL("libc.so.6").pthread_exit(None)',
		].join("\n");
		const child = spawn(PYTHON, ["-I", "-c", code], {
			stdio: ["pipe", "ignore", "ignore"],
			cwd: "/",
			env: HELPER_ENV,
		});
		const pid = this.track(child);
		for (let i = 0; i < 500; i++) {
			let tids: number[] = [];
			try {
				tids = fs.readdirSync(`/proc/${pid}/task`).map(Number);
			} catch {
				break;
			}
			if (tids.length === threads + 1) {
				tids.sort((a, b) => a - b);
				const rest = tids.filter((t) => t !== pid);
				for (const t of rest) this.threadIds.set(t, pid);
				return { pid, tids: [pid, ...rest] };
			}
			await sleepMs(10);
		}
		throw new Error(`threaded sleeper ${pid} did not start its threads`);
	}

	/** Make the main thread of a threaded sleeper exit (pthread_exit); resolves once it is a zombie. */
	async exitLeader(pid: number): Promise<void> {
		const stdin = this.sleepers.get(pid)?.child?.stdin;
		if (stdin === undefined || stdin === null)
			throw new Error(`${pid} is not a threaded sleeper of ours`);
		stdin.write("x");
		for (let i = 0; i < 500; i++) {
			if (taskState(`/proc/${pid}/task/${pid}/stat`) === "Z") return;
			await sleepMs(10);
		}
		throw new Error(`the leader of ${pid} did not exit`);
	}

	/**
	 * A sleeper whose parent (also a sleeper: `sh` that forks `sleep` and then
	 * execs `sleep`) never reaps it: killed, it stays a zombie. Resolves to
	 * both pids once both have exec'd sleep.
	 */
	async spawnSleeperPair(): Promise<{ parent: number; child: number }> {
		const proc = spawn("/bin/sh", ["-c", `${SLEEP} 1000 & echo $!; exec ${SLEEP} 1000`], {
			stdio: ["ignore", "pipe", "ignore"],
			cwd: "/",
			env: HELPER_ENV,
		});
		const parent = this.track(proc);
		const line = await new Promise<string>((resolve, reject) => {
			let buf = "";
			const timer = setTimeout(() => reject(new Error("no pid from the sleeper pair")), 5000);
			proc.stdout?.on("data", (d: Buffer) => {
				buf += d.toString("latin1");
				if (buf.includes("\n")) {
					clearTimeout(timer);
					resolve(buf.slice(0, buf.indexOf("\n")));
				}
			});
		});
		const child = Number(line);
		if (!Number.isInteger(child) || child <= 1) throw new Error(`bad pid ${line}`);
		this.sleepers.set(child, { child: null, exited: null });
		liveSleepers.add(child);
		for (let i = 0; i < 500; i++) {
			const comms = [parent, child].map((p) => {
				try {
					return readText(`/proc/${p}/comm`).trim();
				} catch {
					return "";
				}
			});
			if (comms.every((c) => c === "sleep")) return { parent, child };
			await sleepMs(10);
		}
		throw new Error("the sleeper pair did not start");
	}

	private track(child: ChildProcess): number {
		const pid = child.pid;
		if (pid === undefined) throw new Error("spawn failed");
		const exited = new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) resolve();
			else child.once("exit", () => resolve());
		});
		this.sleepers.set(pid, { child, exited });
		liveSleepers.add(pid);
		return pid;
	}

	/** Our sleepers' pids. */
	get sleeperPids(): number[] {
		return [...this.sleepers.keys()];
	}

	/** SIGKILL one of our sleepers by pid and wait until it is reaped. */
	async kill(pid: number): Promise<void> {
		const s = this.sleepers.get(pid);
		if (s === undefined) throw new Error(`refusing to kill pid ${pid}: not ours`);
		try {
			process.kill(pid, "SIGKILL");
		} catch {
			// already gone
		}
		if (s.exited !== null) {
			await Promise.race([s.exited, sleepMs(5000)]);
		} else {
			// A grandchild: it stays a zombie until its parent dies; wait until it is one.
			for (let i = 0; i < 500; i++) {
				const st = taskState(`/proc/${pid}/stat`);
				if (st === null || st === "Z" || st === "X") break;
				await sleepMs(10);
			}
		}
		this.sleepers.delete(pid);
		liveSleepers.delete(pid);
		for (const [tid, owner] of this.threadIds) if (owner === pid) this.threadIds.delete(tid);
	}

	// --------------------------------------------------------- cleanup

	/**
	 * Undo everything: kill sleepers, remove cgroups deepest first (retrying
	 * EBUSY while exiting tasks drain), unmount, make sure our named
	 * hierarchies are gone (a hierarchy whose child died just before the
	 * umount survives it: mount it again and unmount until it goes), remove
	 * the scratch directory. Returns what could not be undone.
	 */
	async cleanup(): Promise<string[]> {
		const problems: string[] = [];
		process.chdir(this.originalCwd);
		this.logicalCwd = null;
		for (const pid of [...this.sleepers.keys()]) await this.kill(pid);
		for (const fd of [...this.fds.keys()]) this.closeFd(fd);

		// Cgroups: deepest first (those with paths too long for one syscall
		// are left to the tree removal below).
		const byDepth = [...this.cgroups].sort((a, b) => b.split("/").length - a.split("/").length);
		const remaining: string[] = [];
		for (const path of byDepth) {
			this.forgetCgroup(path);
			if (path.length >= 4000) continue;
			if (hasSubdirs(path)) {
				remaining.push(path);
				continue;
			}
			const r = await this.rmdirRetry(path);
			if (r !== "OK" && r !== "ENOENT") remaining.push(path);
		}
		// Mounts: newest first. Whatever is left in a hierarchy named by us
		// (so created by us, and private) is ours: remove it all.
		for (const m of [...this.mounts].reverse()) {
			if (m.name !== null && isMountPoint(m.target)) {
				problems.push(...(await this.removeTreeRelative(m.target)));
			}
			const r = await this.umountAll(m.target);
			if (r !== "OK") problems.push(`umount ${m.target}: ${r}`);
		}
		this.mounts.length = 0;
		for (const path of remaining) {
			if (fs.existsSync(path)) problems.push(`cgroup left: ${path.slice(0, 200)}`);
		}
		// Named hierarchies that outlived their mounts.
		for (const name of this.names) {
			const r = await this.destroyHierarchy(name);
			if (r !== null) problems.push(r);
		}
		try {
			fs.rmSync(this.dir, { recursive: true, force: true });
		} catch (e) {
			problems.push(`rm -r ${this.dir}: ${errCode(e)}`);
		}
		problems.push(...leftovers(this.prefix));
		return problems;
	}

	/**
	 * Remove every directory below `root` (a private hierarchy of ours),
	 * deepest first, walking with chdir and relative names so no path is
	 * ever longer than one component.
	 */
	private async removeTreeRelative(root: string): Promise<string[]> {
		const problems: string[] = [];
		const walk = async (where: string): Promise<void> => {
			for (const e of fs.readdirSync(".", { withFileTypes: true })) {
				if (!e.isDirectory()) continue;
				process.chdir(e.name);
				try {
					await walk(`${where}/${e.name}`);
				} finally {
					process.chdir("..");
				}
				const r = await this.rmdirRetry(e.name);
				if (r !== "OK" && r !== "ENOENT") {
					problems.push(`rmdir ${where.slice(0, 100)}.../${e.name.slice(0, 20)}: ${r}`);
				}
			}
		};
		process.chdir(root);
		try {
			await walk(root);
		} finally {
			process.chdir(this.originalCwd);
		}
		return problems;
	}

	private async rmdirRetry(path: string): Promise<string> {
		let r = "";
		for (let i = 0; i < 50; i++) {
			r = errnoOf(() => fs.rmdirSync(path));
			if (r !== "EBUSY") return r;
			await sleepMs(20);
		}
		return r;
	}

	/** Unmount `target` completely (it may be stacked). */
	private async umountAll(target: string): Promise<string> {
		for (let i = 0; i < 20; i++) {
			if (!isMountPoint(target)) return "OK";
			const r = sysUmount(target);
			if (r === "EINVAL" && !isMountPoint(target)) return "OK";
			if (r !== "OK" && r !== "EBUSY") return r;
			if (r === "EBUSY") await sleepMs(50);
		}
		return isMountPoint(target) ? "EBUSY" : "OK";
	}

	/**
	 * Make sure the named hierarchy is gone: while /proc/self/cgroup still
	 * lists it, mount it again by name, remove every cgroup in it (all ours:
	 * the hierarchy is private), and unmount.
	 */
	private async destroyHierarchy(name: string): Promise<string | null> {
		for (let attempt = 0; attempt < 30; attempt++) {
			if (namedHierarchyId(name) === null) return null;
			if (attempt > 0) await sleepMs(100);
			if (namedHierarchyId(name) === null) return null;
			const mnt = `${this.dir}/cleanup${this.seq++}`;
			fs.mkdirSync(mnt, { recursive: true, mode: 0o755 });
			const r = sysMount("cgroup", mnt, "cgroup", 0, `none,name=${name}`);
			if (r !== "OK") {
				fs.rmdirSync(mnt);
				continue;
			}
			await this.removeTreeRelative(mnt);
			await this.umountAll(mnt);
			fs.rmdirSync(mnt);
		}
		return namedHierarchyId(name) === null ? null : `hierarchy name=${name} is still there`;
	}
}

/** Is `path` a mount point (in /proc/self/mounts, octal escapes decoded)? */
export function isMountPoint(path: string): boolean {
	return readText("/proc/self/mounts")
		.split("\n")
		.some((l) => unescapeMountField(l.split(" ")[1] ?? "") === path);
}

function unescapeMountField(s: string): string {
	return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** Does the directory have subdirectories (false when it cannot be read)? */
function hasSubdirs(path: string): boolean {
	try {
		return fs.readdirSync(path, { withFileTypes: true }).some((e) => e.isDirectory());
	} catch {
		return false;
	}
}
