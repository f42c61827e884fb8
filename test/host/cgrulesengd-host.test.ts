/**
 * cgkit's cgrulesengd on the real kernel (src/tools/cgrulesengd-host.ts):
 * the transcript. A user's curl, started by this test, is moved by
 * a rule into a v1 cpuset without CPUs, which fails with libcgroup 3.1.0's
 * warnings, and a second one is moved once the cpuset is set up; both with
 * the kernel's process events connector and with /proc polling. The log
 * lines were checked against libcgroup 3.1.0's own cgrulesengd on this
 * machine with the same rule.
 *
 * HOST-SAFETY: the rule names a binary only this test runs (a copy of
 * sleep under /tmp/<prefix>), so the daemon moves only our processes; its
 * rules, templates and socket are private files under /tmp/<prefix>; its
 * CgOs refuses every change outside our cgroup and directory; the test
 * kills its processes by pid and removes its cgroups in `finally`. Without
 * root or a v1 cpuset hierarchy it skips with the reason.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import {
	hostCgroupUnavailableReason,
	leftovers,
	sleepMs,
	uniquePrefix,
} from "../../src/host/safe-cgroup.ts";
import { type HostDaemon, startHostCgrulesengd } from "../../src/tools/cgrulesengd-host.ts";

const CPUSET = "/sys/fs/cgroup/cpuset";
const CGEXEC_PROCESS = new URL("./cgexec-process.ts", import.meta.url).pathname;

function skipReason(): string | null {
	const why = hostCgroupUnavailableReason();
	if (why !== null) return why;
	if (!fs.existsSync(`${CPUSET}/cpuset.cpus`)) return `no cgroup v1 cpuset hierarchy at ${CPUSET}`;
	if (!fs.existsSync("/usr/bin/setpriv")) return "no /usr/bin/setpriv to start a user's process";
	return null;
}

const why = skipReason();
if (why !== null) console.log(`# cgrulesengd-host: skipped: ${why}`);

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
	for (const end = Date.now() + ms; Date.now() < end; await sleepMs(20)) if (cond()) return;
	assert.fail(`timed out waiting for ${what}`);
}

function cpusetOf(pid: number): string {
	const line = fs
		.readFileSync(`/proc/${pid}/cgroup`, "utf8")
		.split("\n")
		.find((l) => l.split(":")[1] === "cpuset");
	return line?.split(":")[2] ?? "?";
}

async function transcript(events: "auto" | "poll"): Promise<void> {
	const prefix = uniquePrefix("rd");
	const dir = `/tmp/${prefix}`;
	const top = `${CPUSET}/${prefix}`;
	const sandbag = `${top}/sandbag`;
	const curl = `${dir}/curl`;
	const log = `${dir}/log`;
	const children: ChildProcess[] = [];
	let daemon: HostDaemon | null = null;
	let out = "";
	let err = "";
	try {
		fs.mkdirSync(dir, { mode: 0o755 });
		fs.copyFileSync("/usr/bin/sleep", curl);
		fs.chmodSync(curl, 0o755);
		fs.mkdirSync(`${dir}/cgconfig.d`);
		fs.writeFileSync(`${dir}/cgconfig.conf`, "");
		fs.writeFileSync(`${dir}/cgrules.conf`, `*:${curl}\tcpuset\t${prefix}/sandbag/\n`);
		fs.mkdirSync(sandbag, { recursive: true });
		const ours = (path: string) => {
			const p = path.replace(/\/+/g, "/");
			return p.startsWith(`${top}/`) || p.startsWith(`${dir}/`);
		};
		daemon = startHostCgrulesengd(["cgrulesengd", "-n", "-vvv", "-f", log], {
			stdout: (t) => {
				out += t;
			},
			stderr: (t) => {
				err += t;
			},
			guard: (_op, path) => ours(path),
			paths: {
				rulesFile: `${dir}/cgrules.conf`,
				rulesDir: `${dir}/cgrules.d`,
				cgconfigFile: `${dir}/cgconfig.conf`,
				cgconfigDir: `${dir}/cgconfig.d`,
				socket: `${dir}/cgred.socket`,
			},
			events,
			pollMs: 50,
		});
		const d = daemon;
		const sock = `${dir}/cgred.socket`;
		await until("the daemon's socket, 0660", () => {
			try {
				return (fs.statSync(sock).mode & 0o777) === 0o660;
			} catch {
				return false;
			}
		});
		assert.equal(d.source(), events === "poll" ? "poll" : "connector");
		const user = () => {
			const c = spawn(
				"/usr/bin/setpriv",
				["--reuid", "1025", "--regid", "1000", "--clear-groups", curl, "60"],
				{ stdio: "ignore" },
			);
			children.push(c);
			assert.ok(c.pid !== undefined);
			return c.pid;
		};
		const readLog = () => fs.readFileSync(log, "latin1");

		// The cpuset has no CPUs: the move fails with ENOSPC, logged as 3.1.0 logs it.
		const c1 = user();
		const failed = `Warning: cannot write tid ${c1} to ${CPUSET}//${prefix}/sandbag/tasks:No space left on device\nWarning: cgroup_attach_task_pid failed: 50016\nWarning: failed to apply the rule. Error was: 50016\n`;
		await until("the failed move in the log", () => readLog().includes(failed));
		assert.equal(cpusetOf(c1), "/");
		assert.doesNotMatch(readLog(), new RegExp(`PID: ${c1}, .*FAILED`));

		// Set up, the next one is moved.
		for (const f of ["cpuset.cpus", "cpuset.mems"]) {
			const v = fs.readFileSync(`${CPUSET}/${f}`, "utf8");
			fs.writeFileSync(`${top}/${f}`, v);
			fs.writeFileSync(`${sandbag}/${f}`, v);
		}
		const c2 = user();
		await until("the second curl in the sandbag", () => cpusetOf(c2) === `/${prefix}/sandbag`);
		await until("its OK line", () =>
			readLog().includes(
				`Cgroup change for PID: ${c2}, UID: 1025, GID: 1000, PROCNAME: ${curl} OK\n`,
			),
		);

		// cgexec registers its process: with --sticky the children stay where cgexec put them.
		const chosen = `${top}/chosen`;
		fs.mkdirSync(chosen);
		for (const f of ["cpuset.cpus", "cpuset.mems"]) {
			fs.writeFileSync(`${chosen}/${f}`, fs.readFileSync(`${CPUSET}/${f}`, "utf8"));
		}
		for (const sticky of [true, false]) {
			const pidFile = `${dir}/pid-${sticky}`;
			const script = `${curl} 2 & echo $! > ${pidFile}; wait`;
			const argv = ["cgexec", ...(sticky ? ["--sticky"] : []), "-g", `cpuset:${prefix}/chosen`];
			const spec = {
				argv: [...argv, "/bin/sh", "-c", script],
				socket: sock,
				allow: [`${top}/`, `${dir}/`],
			};
			const tool = spawn(
				process.execPath,
				["--import", "tsx", CGEXEC_PROCESS, JSON.stringify(spec)],
				{ stdio: ["ignore", "ignore", "pipe"] },
			);
			children.push(tool);
			tool.stderr?.on("data", (b: Buffer) => {
				err += b.toString("latin1");
			});
			const ran = new Promise<number | null>((r) => tool.once("exit", (code) => r(code)));
			await until(
				"cgexec's command",
				() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8").endsWith("\n"),
			);
			const child = Number(fs.readFileSync(pidFile, "utf8"));
			const where = sticky ? `/${prefix}/chosen` : `/${prefix}/sandbag`;
			await until(`curl ${child} in ${where}`, () => cpusetOf(child) === where, 1500);
			assert.equal(await ran, 0);
		}
		assert.match(readLog(), /Store the unchanged process \(PID: \d+, FLAGS: 1\)\n/);
		assert.match(readLog(), /Store the unchanged process \(PID: \d+, FLAGS: 0\)\n/);

		d.signal("SIGUSR2");
		const reload = readLog().slice(readLog().indexOf("Reloading rules"));
		// In order, with libcgroup's debug lines between them.
		let at = 0;
		for (const line of [
			"Reloading rules configuration\n",
			`Reloading cached rules from ${dir}/cgrules.conf.\n`,
			`Warning: Failed to open directory ${dir}/cgrules.d: No such file or directory\n`,
			`Rule: *:${curl}\n`,
			`Parsing templates from ${dir}/cgconfig.conf.\n`,
		]) {
			const k = reload.indexOf(line, at);
			assert.ok(k >= at, `${JSON.stringify(line)} after ${at} in\n${reload}`);
			at = k + line.length;
		}
		d.signal("SIGTERM");
		assert.equal(await d.exited, 0);
		assert.match(
			readLog(),
			/Stopped CGroup Rules Engine Daemon at \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\n$/,
		);
		assert.match(
			readLog(),
			new RegExp(
				`^CGroup Rules Engine Daemon log started\nCurrent time: .*\n\nOpened log file: ${log}, log facility: 0,log level: 7\nProceeding with PID ${process.pid}\nRule: \\*:${curl}\n`,
			),
		);
		assert.equal(out, "");
		assert.equal(err, "");
	} finally {
		if (daemon !== null) daemon.signal("SIGTERM");
		for (const c of children) if (c.pid !== undefined && c.exitCode === null) c.kill("SIGKILL");
		await Promise.all(
			children.map((c) =>
				c.exitCode !== null || c.signalCode !== null
					? Promise.resolve()
					: new Promise((r) => c.once("exit", r)),
			),
		);
		for (const cg of [sandbag, `${top}/chosen`, top]) {
			for (let i = 0; i < 50 && fs.existsSync(cg); i++) {
				try {
					fs.rmdirSync(cg);
				} catch {
					await sleepMs(20);
				}
			}
		}
		fs.rmSync(dir, { recursive: true, force: true });
		assert.deepEqual(leftovers(prefix), []);
	}
}

describe("cgkit cgrulesengd on the real kernel", { skip: why ?? false }, () => {
	it("moves our user's curl by a full-path rule, with the process events connector", {
		timeout: 60_000,
	}, async () => {
		await transcript("auto");
	});
	it("does the same by polling /proc", { timeout: 60_000 }, async () => {
		await transcript("poll");
	});
});
