/**
 * Running a shell script as root on the real host, inside a sandbox that
 * enforces ../shared/HOST-SAFETY.md by construction (the `cgkit diff` and
 * conformance-corpus runner).
 *
 * The run:
 * 1. A unique prefix "cgkit-<tag>-<8 hex>" is chosen; /tmp/<prefix> is made
 *    (mode 0755, the script's working directory), and a cgroup <prefix> is
 *    made at the root of every mounted hierarchy (v1 and cgroup2). Setup
 *    writes go to those cgroups only: cpuset.cpus/mems copied from the
 *    parent (a new cpuset is empty), memory.limit_in_bytes 256M (rule 4).
 *    A script that mentions CGKIT_HELPERS gets the helper programs of
 *    src/host/helpers.ts compiled into /tmp/<prefix>-helpers.
 * 2. The script runs under `unshare --mount --pid --fork --propagation
 *    private --mount-proc`, below a small python3 init (pid 1 of the new pid
 *    namespace) that first makes, in the private mount namespace, every
 *    mount point of every hierarchy read-only except the <prefix> cgroups,
 *    /sys/fs/cgroup itself, the host-wide files and directories of /proc
 *    (/proc/sys, /proc/cgroups, ...: a chmod there would be global),
 *    /sys/devices and /sys/kernel read-only. So the script can change nothing but its own
 *    cgroups (rule 2: writing a root file gives EROFS), can only see and
 *    signal processes of its own namespace (rule 3: a pid of any other
 *    process does not resolve), and its mounts vanish with the namespace
 *    (rule 5).
 * 3. Pids: the init sets ns_last_pid so that the script's shell is pid
 *    PID_BASE and its children follow; that makes pids recognisable in the
 *    output (see src/tools/conformance/normalise.ts). The shell first moves
 *    itself into <prefix> in every hierarchy, then execs
 *    `/bin/sh -c SCRIPT` with stdout and stderr on one pipe, stdin /dev/null.
 * 4. When the shell exits (or the timeout kills it), the init thaws and
 *    kills every other process of the namespace by pid, removes every cgroup
 *    below <prefix> and every cgroup of the private hierarchies the script
 *    mounted under /tmp/<prefix> (only hierarchies named with the prefix or
 *    made of controllers no hierarchy had), and unmounts those (rule 6).
 *    Then this process removes the <prefix> cgroups and /tmp/<prefix>, and
 *    checks that nothing with the prefix is left.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import { type HostFacts, prefixParents, readHostFacts } from "./facts.ts";
import { HOST_HELPERS, helpersDir } from "./helpers.ts";
import { hostCgroupUnavailableReason, leftovers, readText, uniquePrefix } from "./safe-cgroup.ts";

/** The pid the script's shell gets; its children follow. */
export const PID_BASE = 30000;
/** Rule 4: the memory limit of the prefix cgroup. */
export const SANDBOX_MEMORY_LIMIT = "268435456";
/** How long a script may run. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const SANDBOX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The environment of a script: the same on the real and the emulated host. */
export function scriptEnv(prefix: string): Record<string, string> {
	return {
		HOME: "/root",
		LOGNAME: "root",
		USER: "root",
		SHELL: "/bin/sh",
		TERM: "dumb",
		LC_ALL: "C",
		PATH: SANDBOX_PATH,
		PWD: scratchDir(prefix),
		CGKIT_PREFIX: prefix,
		CGKIT_TMP: scratchDir(prefix),
		CGKIT_HELPERS: helpersDir(prefix),
	};
}

/** The libcgroup tools a scenario may run (the reference build on the real host, cgkit's on cgkit). */
export const LIBCGROUP_TOOL_RE =
	/\b(cgcreate|cgdelete|cgexec|cgclassify|cgget|cgset|lscgroup|lssubsys|cgsnapshot|cgconfigparser|cgrulesengd)\b/;

/**
 * The script environment on the real host for a script that runs
 * libcgroup's tools: the build named by $CGKIT_LIBCGROUP (a libcgroup
 * 3.1.0 `make install` prefix, see test/conformance/README.md) first on
 * PATH, its libraries found through LD_LIBRARY_PATH.
 */
function libcgroupEnv(script: string, env: Record<string, string>): Record<string, string> {
	if (!LIBCGROUP_TOOL_RE.test(script)) return env;
	const dir = process.env.CGKIT_LIBCGROUP;
	if (dir === undefined || !fs.existsSync(`${dir}/bin/cgget`)) {
		throw new Error(
			"this script runs libcgroup's tools: set CGKIT_LIBCGROUP to the install prefix of a libcgroup 3.1.0 build (test/conformance/README.md)",
		);
	}
	return { ...env, PATH: `${dir}/bin:${dir}/sbin:${env.PATH}`, LD_LIBRARY_PATH: `${dir}/lib` };
}

export function scratchDir(prefix: string): string {
	return `/tmp/${prefix}`;
}

/**
 * Setup writes in a fresh <prefix> cgroup, on both hosts, each made only
 * when the file exists: `value` is either a literal or "parent:<file>" (the
 * parent cgroup's value of that file).
 */
export const PREFIX_SETUP: readonly { readonly file: string; readonly value: string }[] = [
	{ file: "cpuset.cpus", value: "parent:cpuset.cpus" },
	{ file: "cpuset.mems", value: "parent:cpuset.mems" },
	{ file: "memory.limit_in_bytes", value: SANDBOX_MEMORY_LIMIT },
];

export interface ScriptRun {
	/** Everything the script wrote to stdout and stderr, as bytes in a latin1 string. */
	readonly output: string;
	/** The shell's exit status (128 + signal when killed). */
	readonly status: number;
	readonly timedOut: boolean;
}

export interface HostRunOptions {
	/** The prefix; a fresh unique one when absent. */
	readonly prefix?: string;
	readonly timeoutMs?: number;
	/**
	 * For a session: the script's stdin is a pipe handed to `onStart`, and
	 * output is passed to `onOutput` as it arrives (else stdin is empty).
	 */
	readonly interactive?: {
		onStart(stdin: ScriptInput): void;
		onOutput(chunk: string): void;
	};
}

/** The writing end of a running script's stdin. */
export interface ScriptInput {
	write(data: string): void;
	end(): void;
}

/**
 * Python: remove every cgroup below a directory, deepest first, by names
 * relative to an open directory (paths may be longer than PATH_MAX),
 * retrying while a dying task keeps one busy. Failures go to `errors`.
 */
const REMOVE_TREE_PY = `
sys.setrecursionlimit(100000)
def rmdir_retry(name, dir_fd, label):
    for attempt in range(100):
        try:
            os.rmdir(name, dir_fd=dir_fd)
            return
        except FileNotFoundError:
            return
        except OSError as e:
            if e.errno != errno.EBUSY:
                errors.append("cannot remove %s: %s" % (label[:200], e.strerror))
                return
            time.sleep(0.02)
    errors.append("cannot remove %s: busy" % label[:200])
def remove_children(fd, label):
    for e in list(os.scandir(fd)):
        if e.is_dir(follow_symlinks=False):
            try:
                sub = os.open(e.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as err:
                errors.append("cannot open %s: %s" % ((label + "/" + e.name)[:200], err.strerror))
                continue
            try:
                remove_children(sub, label + "/" + e.name)
            finally:
                os.close(sub)
            rmdir_retry(e.name, fd, label + "/" + e.name)
def remove_below(root, keep_root):
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        return
    try:
        remove_children(fd, root)
    finally:
        os.close(fd)
    if not keep_root:
        rmdir_retry(root, None, root)
`;

/** Python: remove the trees given as JSON in argv[1] (the prefix cgroups), print the failures. */
const CLEANUP_PY = `
import errno, json, os, sys, time
errors = []
${REMOVE_TREE_PY}
for root in json.loads(sys.argv[1]):
    remove_below(root, False)
print(json.dumps(errors))
`;

/** The init of the sandbox's pid namespace (see the file comment). */
const NS_INIT_PY = `
import ctypes, errno, json, os, signal, sys, time
cfg = json.loads(sys.argv[1])
report = os.fdopen(3, "w")
errors = []
def finish(obj, code=0):
    obj["errors"] = errors
    report.write(json.dumps(obj))
    report.flush()
    os._exit(code)
if os.getpid() != 1:
    finish({"fatal": "the sandbox init is not pid 1 of a new pid namespace"}, 125)
libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MNT_DETACH = 1, 32, 4096, 16384, 2
def mount(src, tgt, flags):
    if libc.mount(src.encode("latin-1"), tgt.encode("latin-1"), None, flags, None) != 0:
        finish({"fatal": "mount %s: %s" % (tgt, os.strerror(ctypes.get_errno()))}, 125)
def read_only(path, rec=False):
    mount(path, path, MS_BIND | (MS_REC if rec else 0))
    mount("none", path, MS_REMOUNT | MS_BIND | MS_RDONLY)
def writable(path):
    mount(path, path, MS_BIND)
    mount("none", path, MS_REMOUNT | MS_BIND)
if cfg["cgroupTmpfs"]:
    read_only("/sys/fs/cgroup", True)
for m in cfg["cgroupMounts"]:
    read_only(m)
    if os.path.isdir(m + "/" + cfg["prefix"]):
        writable(m + "/" + cfg["prefix"])
for p in ("/sys/devices", "/sys/kernel"):
    if os.path.isdir(p):
        read_only(p)
with open("/proc/sys/kernel/ns_last_pid", "w") as f:
    f.write(str(cfg["pidBase"] - 1))
# Every host-wide file and directory of /proc (a chmod of /proc/cgroups
# would change it for the whole host); the per-process directories stay.
for e in sorted(os.listdir("/proc")):
    p = "/proc/" + e
    if not e.isdigit() and not os.path.islink(p) and (os.path.isdir(p) or os.path.isfile(p)):
        read_only(p)
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGCHLD])
child = os.fork()
if child == 0:
    try:
        for s in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
            signal.signal(s, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        for path in cfg["attach"]:
            fd = os.open(path, os.O_WRONLY)
            os.write(fd, b"0")
            os.close(fd)
        os.chdir(cfg["scratch"])
        os.closerange(3, 256)
        os.dup2(1, 2)
        os.execve("/bin/sh", ["sh", "-c", cfg["script"]], cfg["env"])
    except BaseException as e:
        os.write(2, ("sandbox: %s\\n" % e).encode())
    os._exit(126)
status = None
timed_out = False
deadline = time.monotonic() + cfg["timeout"]
def reap():
    global status
    while True:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid == child:
            status = st
def ns_pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit() and int(d) != 1]
def mountinfo():
    out = []
    with open("/proc/self/mountinfo", encoding="latin-1") as f:
        for line in f:
            a, b = line.split(" - ", 1)
            fa, fb = a.split(" "), b.split(" ")
            target = fa[4].encode("latin-1").decode("unicode_escape")
            out.append((target, fb[0], fb[2].strip()))
    return out
def our_mounts():
    # Private cgroup mounts below the scratch directory: (mount point, everything ours?).
    out = []
    for target, fstype, opts in mountinfo():
        if fstype not in ("cgroup", "cgroup2"):
            continue
        if not target.startswith(cfg["scratch"] + "/"):
            continue
        names = [o for o in opts.split(",") if o.startswith("name=")]
        ctrls = [o for o in opts.split(",") if o in cfg["controllers"]]
        ours = fstype == "cgroup" and (
            any(n[5:].startswith(cfg["prefix"]) for n in names)
            or (not names and ctrls and all(c in cfg["unbound"] for c in ctrls)))
        # What mounts the hierarchy again: its controllers and name.
        key = ",".join(ctrls + names) if ctrls else ",".join(["none"] + names)
        out.append((target, ours, key))
    return out
def subtrees():
    roots = [m + "/" + cfg["prefix"] for m in cfg["cgroupMounts"]]
    for target, ours, _ in our_mounts():
        roots.append(target if ours else target + "/" + cfg["prefix"])
    return [r for r in roots if os.path.isdir(r)]
def thaw():
    for root in subtrees():
        for d, dirs, files in os.walk(root):
            for name, value in (("freezer.state", b"THAWED"), ("cgroup.freeze", b"0")):
                if name in files:
                    try:
                        fd = os.open(d + "/" + name, os.O_WRONLY)
                        try:
                            os.write(fd, value)
                        finally:
                            os.close(fd)
                    except OSError:
                        pass
def kill_all():
    for attempt in range(250):
        reap()
        pids = ns_pids()
        if not pids:
            return
        if attempt % 10 == 0:
            thaw()
        for p in pids:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.02)
    errors.append("processes left: %s" % ns_pids())
while status is None:
    left = deadline - time.monotonic()
    if left <= 0:
        timed_out = True
        kill_all()
        break
    signal.sigtimedwait([signal.SIGCHLD], min(left, 1.0))
    reap()
kill_all()
${REMOVE_TREE_PY}def hierarchy_alive(key):
    # Does a hierarchy of ours still exist once unmounted? Named ones show in
    # /proc/self/cgroup, controller ones in /proc/cgroups.
    opts = key.split(",")
    names = [o for o in opts if o.startswith("name=")]
    if names:
        with open("/proc/self/cgroup", encoding="latin-1") as f:
            return any(names[0] in l.split(":")[1].split(",") for l in f if l.count(":") >= 2)
    with open("/proc/cgroups", encoding="latin-1") as f:
        rows = [l.split("\t") for l in f if not l.startswith("#")]
    return any(r[0] in opts and r[1] != "0" for r in rows)
def wait_gone(key, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not hierarchy_alive(key):
            return True
        time.sleep(0.02)
    return not hierarchy_alive(key)
def release(target, key):
    # A removed cgroup stays on its parent's list until its last reference
    # drops, and an umount then leaves the hierarchy alive: once the dying
    # children are gone, mount it again and unmount.
    for attempt in range(6):
        if wait_gone(key, 0.5):
            return
        if libc.mount(b"cgroup", target.encode("latin-1"), b"cgroup", 0, key.encode("latin-1")) == 0:
            time.sleep(0.1)
            libc.umount2(target.encode("latin-1"), MNT_DETACH)
    errors.append("hierarchy %s still exists" % key)
for target, ours, key in sorted(our_mounts(), key=lambda x: -len(x[0])):
    # The root of a hierarchy, and a prefix cgroup (a bind mount point
    # here), stay: the first goes with the hierarchy, the second is removed
    # from outside.
    remove_below(target if ours else target + "/" + cfg["prefix"], True)
    time.sleep(0.1)
    if libc.umount2(target.encode("latin-1"), MNT_DETACH) != 0:
        errors.append("umount %s: %s" % (target, os.strerror(ctypes.get_errno())))
    elif ours and not any(k == key for _, _, k in our_mounts()):
        release(target, key)
def mounts_in_prefixes():
    # Anything the script mounted on a directory below a prefix cgroup
    # (a cgroup directory can be a mount point): deepest first.
    roots = tuple(m + "/" + cfg["prefix"] + "/" for m in cfg["cgroupMounts"])
    return sorted((t for t, _, _ in mountinfo() if t.startswith(roots)), key=lambda t: -len(t))
for target in mounts_in_prefixes():
    if libc.umount2(target.encode("latin-1"), MNT_DETACH) != 0:
        errors.append("umount %s: %s" % (target[:200], os.strerror(ctypes.get_errno())))
for m in cfg["cgroupMounts"]:
    if os.path.isdir(m + "/" + cfg["prefix"]):
        remove_below(m + "/" + cfg["prefix"], True)
def orphans():
    # Hierarchies named with the prefix that nothing mounts any more (the
    # script unmounted them while they had cgroups): they would live on.
    out = set()
    with open("/proc/self/cgroup", encoding="latin-1") as f:
        for l in f:
            parts = l.split(":")
            if len(parts) < 3:
                continue
            opts = parts[1].split(",")
            if any(o.startswith("name=" + cfg["prefix"]) for o in opts):
                out.add(",".join(o for o in opts) if any(not o.startswith("name=") for o in opts) else "none," + parts[1])
    return sorted(out)
spare = cfg["scratch"] + "/.cgkit-orphan"
for key in orphans():
    os.makedirs(spare, exist_ok=True)
    if libc.mount(b"cgroup", spare.encode("latin-1"), b"cgroup", 0, key.encode("latin-1")) != 0:
        errors.append("cannot mount orphan hierarchy %s: %s" % (key, os.strerror(ctypes.get_errno())))
        continue
    remove_below(spare, True)
    time.sleep(0.1)
    libc.umount2(spare.encode("latin-1"), MNT_DETACH)
    release(spare, key)
# The prefix cgroups themselves: uncover them (their bind mount, then the
# read-only bind over the hierarchy) and remove them here too, so that
# nothing stays behind even if the process that started the sandbox died.
for m in cfg["cgroupMounts"]:
    libc.umount2((m + "/" + cfg["prefix"]).encode("latin-1"), MNT_DETACH)
    libc.umount2(m.encode("latin-1"), MNT_DETACH)
    rmdir_retry(m + "/" + cfg["prefix"], None, m + "/" + cfg["prefix"])
finish({"status": status, "timedOut": timed_out})
`;

interface InitReport {
	readonly status?: number | null;
	readonly timedOut?: boolean;
	readonly fatal?: string;
	readonly errors: readonly string[];
}

/** Why a script cannot run on the real host here, or null. */
export function sandboxUnavailableReason(): string | null {
	const why = hostCgroupUnavailableReason();
	if (why !== null) return why;
	if (!fs.existsSync("/proc/sys/kernel/ns_last_pid")) return "no /proc/sys/kernel/ns_last_pid";
	return null;
}

/** Controllers by name, with the hierarchy /proc/cgroups says each is bound to (0: none). */
function controllerHierarchies(): Map<string, number> {
	const out = new Map<string, number>();
	for (const line of readText("/proc/cgroups").split("\n")) {
		const f = line.split("\t");
		if (f.length === 4 && !line.startsWith("#")) out.set(f[0]!, Number(f[1]));
	}
	return out;
}

/** Remove the prefix cgroups and everything below them; the failures. */
function removeTrees(roots: readonly string[]): string[] {
	const out = execFileSync("/usr/bin/python3", ["-I", "-c", CLEANUP_PY, JSON.stringify(roots)], {
		encoding: "latin1",
		timeout: 120_000,
		env: { PATH: SANDBOX_PATH },
		cwd: "/",
	});
	return JSON.parse(out) as string[];
}

/** Make the prefix cgroups and apply PREFIX_SETUP; returns the cgroups made. */
function makePrefixCgroups(facts: HostFacts, prefix: string): string[] {
	const made: string[] = [];
	for (const parent of prefixParents(facts)) {
		const dir = `${parent}/${prefix}`;
		fs.mkdirSync(dir, 0o755);
		made.push(dir);
		for (const { file, value } of PREFIX_SETUP) {
			if (!fs.existsSync(`${dir}/${file}`)) continue;
			const v = value.startsWith("parent:")
				? readText(`${parent}/${value.slice(7)}`).trim()
				: value;
			fs.writeFileSync(`${dir}/${file}`, v);
		}
	}
	return made;
}

/** Compile the helper programs (src/host/helpers.ts) into `dir` with gcc. */
function buildHelpers(dir: string): void {
	fs.mkdirSync(dir, 0o755);
	for (const h of HOST_HELPERS) {
		execFileSync(
			"gcc",
			["-O2", "-Wall", "-Werror", "-x", "c", "-o", `${dir}/${h.name}`, "-", ...h.cflags],
			{ input: h.source, stdio: ["pipe", "inherit", "inherit"], env: { PATH: SANDBOX_PATH } },
		);
	}
}

/**
 * Run `script` on the real host in the sandbox. Throws when the sandbox
 * cannot be set up or cleaned up; the script's own failures are its output.
 */
export async function runOnHost(script: string, opts: HostRunOptions = {}): Promise<ScriptRun> {
	const why = sandboxUnavailableReason();
	if (why !== null) throw new Error(`cannot run on the real host: ${why}`);
	const facts = readHostFacts();
	const prefix = opts.prefix ?? uniquePrefix("diff");
	const scratch = scratchDir(prefix);
	const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const problems: string[] = [];
	let made: string[] = [];
	fs.mkdirSync(scratch, 0o755);
	fs.chmodSync(scratch, 0o755);
	try {
		if (script.includes("CGKIT_HELPERS")) buildHelpers(helpersDir(prefix));
		made = makePrefixCgroups(facts, prefix);
		const ctrls = controllerHierarchies();
		const cfg = {
			prefix,
			scratch,
			script,
			pidBase: PID_BASE,
			timeout: timeoutMs / 1000,
			env: libcgroupEnv(script, scriptEnv(prefix)),
			cgroupTmpfs: facts.mounts.some((m) => m.fstype === "tmpfs"),
			cgroupMounts: facts.mounts.filter((m) => m.fstype !== "tmpfs").map((m) => m.target),
			attach: made.map((d) => `${d}/cgroup.procs`),
			controllers: [...ctrls.keys()],
			unbound: [...ctrls].filter(([, h]) => h === 0).map(([c]) => c),
		};
		const result = await spawnSandbox(cfg, timeoutMs + 180_000, opts.interactive);
		if (result.report.fatal !== undefined) {
			throw new Error(`sandbox: ${result.report.fatal}\n${result.stderr}`);
		}
		problems.push(...result.report.errors);
		if (result.stderr !== "") problems.push(`sandbox stderr: ${result.stderr.trim()}`);
		const st = result.report.status ?? 0x7f00;
		const status = (st & 0x7f) === 0 ? (st >> 8) & 0xff : 128 + (st & 0x7f);
		return { output: result.output, status, timedOut: result.report.timedOut === true };
	} finally {
		if (made.length > 0) problems.push(...removeTrees(made));
		const mounted = readText("/proc/self/mounts")
			.split("\n")
			.filter((l) => l.includes(scratch));
		if (mounted.length === 0) fs.rmSync(scratch, { recursive: true, force: true });
		else problems.push(`mounts left: ${mounted.join("; ")}`);
		fs.rmSync(helpersDir(prefix), { recursive: true, force: true });
		// A hierarchy unmounted just now may still be on its way out.
		let left = leftovers(prefix);
		for (let i = 0; i < 40 && left.length > 0; i++) {
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
			left = leftovers(prefix);
		}
		problems.push(...left);
		if (problems.length > 0) {
			// Nothing of ours may stay behind unnoticed.
			process.stderr.write(`cgkit sandbox: cleanup problems:\n  ${problems.join("\n  ")}\n`);
		}
	}
}

interface SpawnResult {
	readonly output: string;
	readonly stderr: string;
	readonly report: InitReport;
}

function spawnSandbox(
	cfg: object,
	killAfterMs: number,
	interactive: HostRunOptions["interactive"],
): Promise<SpawnResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			"/usr/bin/unshare",
			[
				"--mount",
				"--pid",
				"--fork",
				"--propagation",
				"private",
				"--mount-proc",
				"--kill-child=SIGKILL",
				"/usr/bin/python3",
				"-I",
				"-c",
				NS_INIT_PY,
				JSON.stringify(cfg),
			],
			{
				stdio: [interactive === undefined ? "ignore" : "pipe", "pipe", "pipe", "pipe"],
				cwd: "/",
				env: { PATH: SANDBOX_PATH },
			},
		);
		// Chunks as latin1 strings: one byte a character, so they join losslessly.
		const out: string[] = [];
		const err: string[] = [];
		const rep: string[] = [];
		child.stdout!.on("data", (b: Buffer) => {
			const chunk = b.toString("latin1");
			out.push(chunk);
			interactive?.onOutput(chunk);
		});
		if (interactive !== undefined) {
			const stdin = child.stdin!;
			stdin.on("error", () => {});
			interactive.onStart({
				write: (data) => void stdin.write(Buffer.from(data, "latin1")),
				end: () => stdin.end(),
			});
		}
		child.stderr!.on("data", (b: Buffer) => err.push(b.toString("latin1")));
		(child.stdio[3] as NodeJS.ReadableStream).on("data", (b: Buffer) =>
			rep.push(b.toString("latin1")),
		);
		const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
		child.on("error", (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on("close", () => {
			clearTimeout(timer);
			const text = Buffer.from(rep.join(""), "latin1").toString("utf8");
			let report: InitReport;
			try {
				report = JSON.parse(text) as InitReport;
			} catch {
				report = { fatal: `no report from the sandbox init (${text})`, errors: [] };
			}
			resolve({
				output: out.join(""),
				stderr: err.join(""),
				report,
			});
		});
	});
}
