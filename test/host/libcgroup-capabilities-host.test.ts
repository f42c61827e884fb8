/**
 * The optional CgOs capabilities of HostCgOs (src/tools/libcgroup-host.ts)
 * on the real kernel: mount(2)/umount(2) through cgconfigparser's mount
 * section, kill(2), and the cgrulesengd client (cgroup_register_unchanged_
 * process()) against fake daemons on a private socket. The cgconfigparser
 * messages and statuses are those libcgroup 3.1.0's own build printed for
 * the same files on this machine.
 *
 * HOST-SAFETY: everything lives under /tmp/cgkit-caps-<random>: private
 * named hierarchies mounted there (unmounted in `finally`, and checked
 * gone), sockets there, and only processes this test starts are signalled
 * or moved (cgexec's stub, into the root of a private hierarchy). A guard
 * refuses every change outside that directory. Without root, Linux or
 * python3 the tests skip with the reason. Run serialized with the other
 * real-host users:
 *   flock /tmp/cgkit-record.lock node --import tsx --test test/host/libcgroup-capabilities-host.test.ts
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { uniquePrefix } from "../../src/host/safe-cgroup.ts";
import { KernelError } from "../../src/kernel/errno.ts";
import { HostCgOs, type HostGuard, runHostTool } from "../../src/tools/libcgroup-host.ts";
import { main as cgclassify } from "../../src/userland/lib/libcgroup/tools/cgclassify.ts";
import { main as cgconfigparser } from "../../src/userland/lib/libcgroup/tools/cgconfigparser.ts";
import { main as cgexec } from "../../src/userland/lib/libcgroup/tools/cgexec.ts";

function unavailable(): string | null {
	if (process.platform !== "linux") return `needs Linux (this is ${process.platform})`;
	if (process.getuid?.() !== 0) return "needs root (mount(2) of a private cgroup hierarchy)";
	if (!fs.existsSync("/usr/bin/python3")) return "needs /usr/bin/python3 (the host helper)";
	let mounts = "";
	try {
		mounts = fs.readFileSync("/proc/self/mounts", "latin1");
	} catch {
		return "no /proc/self/mounts";
	}
	if (!/ cgroup2? /.test(mounts)) return "no cgroup filesystem mounted";
	return null;
}

const why = unavailable();
if (why !== null) console.log(`# libcgroup-capabilities-host: skipped: ${why}`);

/** Our directory (also the name of our named hierarchies, with a suffix: the C table keeps names short). */
let dir = "";
let tag = "";

/** Mount points under our directory, from /proc/self/mountinfo. */
function ourMounts(): string[] {
	return fs
		.readFileSync("/proc/self/mountinfo", "latin1")
		.split("\n")
		.filter((l) => l.split(" ")[4]?.startsWith(`${dir}/`))
		.map((l) => l.split(" ")[4] as string);
}

/**
 * A guard that allows changes below our directory only, and logs them.
 * Calls that change nothing pass unlogged wherever they are: cg_mkdir_p()
 * makes every prefix of a path (mkdir of a directory that exists is
 * EEXIST), and cgconfigparser unlinks /var/run/libcgroup/systemd (a
 * missing file is ENOENT); an existing file there is refused.
 */
function guard(log: string[]): HostGuard {
	return (op, path) => {
		const st = op === "kill" ? undefined : fs.lstatSync(path, { throwIfNoEntry: false });
		if (op === "mkdir" && st?.isDirectory()) return true;
		if (op === "unlink" && st === undefined) return true;
		const ours = path === dir || path.startsWith(`${dir}/`);
		const ok = op !== "kill" && ours;
		log.push(`${op} ${ours ? path.slice(dir.length) : path}${ok ? "" : " REFUSED"}`);
		return ok;
	};
}

interface ToolRun {
	status: number;
	stdout: string;
	stderr: string;
}

async function tool(
	main: typeof cgconfigparser,
	argv: string[],
	log: string[],
	extra: { cgredSocket?: string; execs?: boolean; guard?: HostGuard } = {},
): Promise<ToolRun> {
	let stdout = "";
	let stderr = "";
	const status = await runHostTool(
		main,
		argv,
		{
			stdout: (t) => {
				stdout += t;
			},
			stderr: (t) => {
				stderr += t;
			},
			guard: extra.guard ?? guard(log),
			env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
			...(extra.cgredSocket !== undefined ? { cgredSocket: extra.cgredSocket } : {}),
		},
		extra.execs ?? false,
	);
	return { status, stdout, stderr };
}

/** Unmount everything under our directory (deepest and last first), then check nothing is left. */
function unmountAll(): void {
	const os = new HostCgOs();
	for (let round = 0; round < 5 && ourMounts().length > 0; round++) {
		for (const m of ourMounts().reverse()) {
			try {
				os.umount(m);
			} catch {
				// retried next round
			}
		}
	}
}

/** A fake cgrulesengd in a worker thread (this thread blocks in spawnSync while the helper talks to it). */
class FakeCgred {
	readonly got: { pid: number; flags: number }[] = [];
	private readonly worker: Worker;
	private readonly waiters: (() => void)[] = [];
	readonly ready: Promise<void>;

	constructor(path: string, mode: "ok" | "garbage" | "short" | "none") {
		this.worker = new Worker(
			`
const { parentPort, workerData } = require("node:worker_threads");
const net = require("node:net");
const server = net.createServer((c) => {
	let buf = Buffer.alloc(0);
	let done = false;
	c.on("data", (d) => {
		buf = Buffer.concat([buf, d]);
		if (done || buf.length < 8) return;
		done = true;
		parentPort.postMessage({ pid: buf.readInt32LE(0), flags: buf.readInt32LE(4) });
		const m = workerData.mode;
		if (m === "ok") c.end(Buffer.from("SUCCESS_STORE_PID\\0", "latin1"));
		else if (m === "garbage") c.end(Buffer.from("FAILURE_STORE_PID\\0", "latin1"));
		else if (m === "short") c.end(Buffer.from("SUCCESS_STORE_PID", "latin1"));
		else c.end();
	});
	c.on("error", () => {});
});
server.listen(workerData.path, () => parentPort.postMessage("listening"));
`,
			{ eval: true, workerData: { path, mode } },
		);
		this.ready = new Promise((resolve, reject) => {
			this.worker.once("error", reject);
			this.worker.on("message", (m: unknown) => {
				if (m === "listening") resolve();
				else {
					this.got.push(m as { pid: number; flags: number });
					for (const w of this.waiters.splice(0)) w();
				}
			});
		});
	}

	/** Wait until `n` clients were seen (their messages arrive once this thread runs again). */
	async seen(n: number): Promise<void> {
		const deadline = Date.now() + 10_000;
		while (this.got.length < n && Date.now() < deadline) {
			await new Promise<void>((resolve) => {
				this.waiters.push(resolve);
				setTimeout(resolve, 100);
			});
		}
	}

	async stop(): Promise<void> {
		await this.worker.terminate();
	}
}

describe("HostCgOs's capabilities on the real kernel", { skip: why ?? false }, () => {
	before(() => {
		tag = uniquePrefix("caps");
		dir = `/tmp/${tag}`;
		fs.mkdirSync(dir, { mode: 0o755 });
	});

	after(() => {
		try {
			unmountAll();
		} finally {
			const left = ourMounts();
			// Never recurse into a hierarchy still mounted there.
			if (left.length === 0) fs.rmSync(dir, { recursive: true, force: true });
			assert.deepEqual(left, [], "mounts left behind");
		}
	});

	describe("mount(2) and umount(2): cgconfigparser's mount section", () => {
		it("mounts a private named hierarchy (directory made); again is EBUSY", async () => {
			const name = `${tag}a`;
			const conf = `${dir}/named.conf`;
			fs.writeFileSync(conf, `mount {\n\t"name=${name}" = ${dir}/h;\n}\n`);
			const log: string[] = [];
			try {
				assert.deepEqual(await tool(cgconfigparser, ["cgconfigparser", "-l", conf], log), {
					status: 0,
					stdout: "",
					stderr: "",
				});
				assert.deepEqual(log, ["mkdir /h", "mount /h"]);
				const line = fs
					.readFileSync("/proc/self/mountinfo", "latin1")
					.split("\n")
					.find((l) => l.split(" ")[4] === `${dir}/h`);
				assert.ok(line, "mounted");
				assert.match(line, new RegExp(` - cgroup cgroup rw,name=${name}$`));
				assert.deepEqual(await tool(cgconfigparser, ["cgconfigparser", "-l", conf], log), {
					status: 101,
					stdout: `Error: cannot mount name=${name},none to ${dir}/h: Device or resource busy\n`,
					stderr: `cgconfigparser; error loading ${conf}: Cgroup mounting failed\n`,
				});
				assert.deepEqual(ourMounts(), [`${dir}/h`]);
			} finally {
				unmountAll();
			}
			assert.deepEqual(ourMounts(), []);
		});

		it("a failure unmounts and removes the entries mounted before it", async () => {
			const conf = `${dir}/two.conf`;
			fs.writeFileSync(`${dir}/f`, "");
			fs.writeFileSync(
				conf,
				`mount {\n\t"name=${tag}b" = ${dir}/b;\n\t"name=${tag}c" = ${dir}/f;\n}\n`,
			);
			const log: string[] = [];
			try {
				assert.deepEqual(await tool(cgconfigparser, ["cgconfigparser", "-l", conf], log), {
					status: 96,
					stdout: `Error: ${dir}/f already exists but it is not a directory\n`,
					stderr: `cgconfigparser; error loading ${conf}: Not a directory\n`,
				});
				assert.deepEqual(log, ["mkdir /b", "mount /b", "umount /b", "rmdir /b"]);
				assert.equal(fs.existsSync(`${dir}/b`), false);
				assert.deepEqual(ourMounts(), []);
			} finally {
				unmountAll();
			}
		});

		it("errors are the kernel's errno: umount of a directory that is no mount point is EINVAL", () => {
			fs.mkdirSync(`${dir}/plain`, { recursive: true });
			const os = new HostCgOs({ guard: guard([]) });
			assert.throws(
				() => os.umount(`${dir}/plain`),
				(e: unknown) => e instanceof KernelError && e.code === "EINVAL",
			);
			assert.throws(
				() => os.mount("cgroup", `${dir}/missing/x`, "cgroup", 0, `none,name=${tag}d`),
				(e: unknown) => e instanceof KernelError && e.code === "ENOENT",
			);
			assert.throws(
				() => os.umount("/sys/fs/cgroup"),
				/host safety: umount \/sys\/fs\/cgroup refused/,
			);
		});
	});

	describe("kill(2)", () => {
		it("signals a child of ours; ESRCH past pid_max; a refusing guard stops it", async () => {
			const child = spawn("/bin/sleep", ["100"], { stdio: "ignore" });
			const exited = new Promise<string | null>((resolve) =>
				child.on("exit", (_c, s) => resolve(s)),
			);
			const pid = child.pid as number;
			try {
				const refusing = new HostCgOs({ guard: guard([]) });
				assert.throws(() => refusing.kill(pid, 15), new RegExp(`host safety: kill ${pid} refused`));
				const os = new HostCgOs({ guard: (op, p) => op === "kill" && p === String(pid) });
				os.kill(pid, 15);
				assert.equal(await exited, "SIGTERM");
				const pidMax = Number(fs.readFileSync("/proc/sys/kernel/pid_max", "latin1"));
				const any = new HostCgOs({ guard: (op, p) => op === "kill" && p === String(pidMax + 1) });
				assert.throws(
					() => any.kill(pidMax + 1, 0),
					(e: unknown) => e instanceof KernelError && e.code === "ESRCH",
				);
			} finally {
				if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
			}
		});
	});

	describe("the cgrulesengd client", () => {
		it("sends the pid and the flags; SUCCESS_STORE_PID and its NUL is 0", async () => {
			const sock = `${dir}/ok.sock`;
			const srv = new FakeCgred(sock, "ok");
			try {
				await srv.ready;
				const os = new HostCgOs({ cgredSocket: sock });
				assert.equal(os.registerUnchanged(4321, 1), 0);
				assert.equal(os.registerUnchanged(-7, 2), 0);
				await srv.seen(2);
				assert.deepEqual(srv.got, [
					{ pid: 4321, flags: 1 },
					{ pid: -7, flags: 2 },
				]);
			} finally {
				await srv.stop();
			}
		});

		for (const mode of ["garbage", "short", "none"] as const) {
			it(`a ${mode} reply is 1`, async () => {
				const sock = `${dir}/${mode}.sock`;
				const srv = new FakeCgred(sock, mode);
				try {
					await srv.ready;
					assert.equal(new HostCgOs({ cgredSocket: sock }).registerUnchanged(99, 0), 1);
					await srv.seen(1);
					assert.deepEqual(srv.got, [{ pid: 99, flags: 0 }]);
				} finally {
					await srv.stop();
				}
			});
		}

		it("no daemon is 0: no socket file, or one nobody listens on", () => {
			const missing = new HostCgOs({ cgredSocket: `${dir}/missing.sock` });
			assert.equal(missing.registerUnchanged(1, 0), 0);
			const stale = `${dir}/stale.sock`;
			const r = spawnSync("/usr/bin/python3", [
				"-c",
				"import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).bind(sys.argv[1])",
				stale,
			]);
			assert.equal(r.status, 0, String(r.stderr));
			assert.ok(fs.statSync(stale).isSocket());
			assert.equal(new HostCgOs({ cgredSocket: stale }).registerUnchanged(1, 0), 0);
		});

		it("cgexec --sticky registers the command's pid before it runs; a bad reply stops it", async () => {
			const name = `${tag}e`;
			const h = `${dir}/e`;
			fs.mkdirSync(h);
			new HostCgOs({ guard: guard([]) }).mount("cgroup", h, "cgroup", 0, `none,name=${name}`);
			const ok = new FakeCgred(`${dir}/e-ok.sock`, "ok");
			const bad = new FakeCgred(`${dir}/e-bad.sock`, "garbage");
			try {
				await Promise.all([ok.ready, bad.ready]);
				const log: string[] = [];
				const argv = ["cgexec", "--sticky", "-g", `name=${name}:/`];
				const cmd = ["/bin/sh", "-c", `echo $$ > ${dir}/e-pid`];
				const good = await tool(cgexec, [...argv, ...cmd], log, {
					cgredSocket: `${dir}/e-ok.sock`,
					execs: true,
				});
				assert.deepEqual(good, { status: 0, stdout: "", stderr: "" });
				await ok.seen(1);
				const pid = Number(fs.readFileSync(`${dir}/e-pid`, "latin1"));
				assert.deepEqual(ok.got, [{ pid, flags: 1 }]);
				// The stub (the command's pid) was moved into the root of our hierarchy.
				assert.deepEqual(log, ["write /e//tasks"]);
				fs.rmSync(`${dir}/e-pid`);
				const failed = await tool(cgexec, [...argv, ...cmd], log, {
					cgredSocket: `${dir}/e-bad.sock`,
					execs: true,
				});
				assert.deepEqual(failed, {
					status: 1,
					stdout: "",
					stderr: "registration of process failed\n",
				});
				assert.equal(fs.existsSync(`${dir}/e-pid`), false, "the command did not run");
				assert.deepEqual(log, ["write /e//tasks"], "registered before moving, as in C: no move");
				await bad.seen(1);
				assert.equal(bad.got[0]?.flags, 1);
				// cgclassify --cancel-sticky of a pid of ours: flags 2, the outcome 0.
				const sleeper = spawn("/bin/sleep", ["100"], { stdio: "ignore" });
				try {
					const spid = sleeper.pid as number;
					const c = await tool(
						cgclassify,
						["cgclassify", "-g", `name=${name}:/`, "--cancel-sticky", String(spid)],
						log,
						{ cgredSocket: `${dir}/e-ok.sock` },
					);
					assert.deepEqual(c, { status: 0, stdout: "", stderr: "" });
					assert.deepEqual(log, ["write /e//tasks", "write /e//tasks"]);
					await ok.seen(2);
					assert.deepEqual(ok.got[1], { pid: spid, flags: 2 });
				} finally {
					sleeper.kill("SIGKILL");
				}
			} finally {
				await ok.stop();
				await bad.stop();
				unmountAll();
			}
		});
	});
});
