/**
 * The two sides a real-kernel comparison runs on: the real host (through a
 * HostCgroupSession, which enforces the host safety rules) and an emulated
 * cgkit host booted with boot(). A scenario is written once against `Side`
 * and run on both; both sides use the same paths and hierarchy names (the
 * emulated host gets the same scratch directory under its own /tmp), so the
 * results compare directly once pids and inode numbers are normalized.
 */
import * as fs from "node:fs";
import { O_CREAT, O_RDONLY, O_WRONLY } from "../../src/fs/constants.ts";
import {
	type HostCgroupSession,
	errnoOf as hostErrnoOf,
	mountPrivateHierarchy,
	readdirOrder,
	readText,
	sleepMs,
} from "../../src/host/safe-cgroup.ts";
import { bytesToBinary } from "../../src/kernel/bytes.ts";
import { isKernelError } from "../../src/kernel/errno.ts";
import { signalStatus } from "../../src/kernel/exit.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import type { Task } from "../../src/kernel/task.ts";
import { boot, type Host } from "../../src/userland/boot.ts";
import { errnoOf as emuErrnoOf } from "../support/host.ts";

export interface StatInfo {
	readonly mode: number;
	readonly size: number;
	readonly ino: bigint;
	readonly nlink: number;
	readonly uid: number;
	readonly gid: number;
}

/** The credentials of a sleeper: real uid (euid and suid default to it) and gid. */
export interface SleeperIds {
	readonly uid: number;
	readonly gid: number;
	readonly euid?: number;
	readonly suid?: number;
}

/** One run of the release agent, as the agent itself saw it. */
export interface AgentRun {
	readonly argc: number;
	readonly argv: string;
	/** The agent's parent pid in the initial pid namespace. */
	readonly ppid: number;
	/** The environment, sorted, each entry ';'-terminated (PWD, which the shell adds, left out). */
	readonly env: string;
}

/**
 * The inner shell of the pid-namespace scenario, pid 1 of a new pid
 * namespace; $1 is a cgroup of ours, $2 a pid of the outer namespace. Files
 * are read with the shell's own `read` (a `cat` would be one more process in
 * the cgroup once the shell moved itself there). Every pid it can write
 * names a process of the namespace: its own shell and sleeper.
 */
export const PIDNS_SCRIPT = [
	'show() { while read -r l; do echo "$l"; done < "$1"; }',
	"/usr/bin/sleep 1000 &",
	"P=$!",
	'echo "$P" > "$1/tasks" || echo attach-failed',
	'echo "sh=$$ sleeper=$P"',
	"echo tasks:",
	'show "$1/tasks"',
	"echo procs:",
	'show "$1/cgroup.procs"',
	'if echo "$2" 2>/dev/null > "$1/tasks"; then echo outer-pid-ok; else echo outer-pid-failed; fi',
	'echo 0 > "$1/cgroup.procs" || echo self-failed',
	"echo tasks after writing 0:",
	'show "$1/tasks"',
	"kill -9 $P",
].join("\n");

export interface Side {
	readonly kind: "real" | "emulated";
	/** The scratch directory (the same path on both sides). */
	readonly dir: string;
	newName(tag?: string): string;
	newDir(tag?: string): string;
	mountCgroup(target: string, options: string, flags?: number): string;
	mountPrivate(extraOptions?: string): { name: string; mnt: string };
	umount(target: string): string;
	mkdir(path: string, mode?: number): string;
	rmdir(path: string): string;
	/** chdir(2) of the acting process (relative paths then start there). */
	chdir(path: string): string;
	rename(from: string, to: string): string;
	unlink(path: string): string;
	createFile(path: string): string;
	chmod(path: string, mode: number): string;
	/** One write(2): "OK:<n>", "open:<errno>" or "<errno>". */
	write(path: string, data: string): string;
	/** write() by a process running as uid/gid. */
	writeAs(uid: number, gid: number, path: string, data: string): string;
	/** Opened by us (root), written by a process running as uid/gid that inherited the descriptor. */
	writeViaFdAs(uid: number, gid: number, path: string, data: string): string;
	mkdirAs(uid: number, gid: number, path: string, mode?: number): string;
	rmdirAs(uid: number, gid: number, path: string): string;
	/** open(2) O_RDONLY or O_WRONLY: a descriptor, or the errno name. */
	openFd(path: string, write: boolean): number | string;
	/** One read(2): "OK:<data>" or the errno. */
	readFd(fd: number, count?: number): string;
	/** One write(2): "OK:<n>" or the errno. */
	writeFd(fd: number, data: string): string;
	closeFd(fd: number): string;
	read(path: string): string;
	/** "OK" and the content, or the errno. */
	tryRead(path: string): string;
	readdir(path: string): string[];
	stat(path: string): StatInfo;
	/** statfs(2): type, bsize, blocks, bfree, bavail, files, ffree. */
	statfs(path: string): Record<string, number>;
	/** A sleeping process (with these ids when given); its pid in the initial namespace. */
	spawnSleeper(as?: SleeperIds): Promise<number>;
	/** A sleeping process with `threads` more threads: its pid and thread ids, leader first. */
	spawnThreadedSleeper(threads: number): Promise<{ pid: number; tids: number[] }>;
	/** The main thread of a threaded sleeper exits (pthread_exit); its other threads go on. */
	exitLeader(pid: number): Promise<void>;
	/** A sleeper (child) whose parent (another sleeper) never reaps it: killed, it stays a zombie. */
	spawnSleeperPair(): Promise<{ parent: number; child: number }>;
	kill(pid: number): Promise<void>;
	/** Replace the pids of our sleepers by S0, S1, ... (spawn order), thread ids by S<i>t<j>. */
	norm(text: string): string;
	/** The id of a named hierarchy in /proc/self/cgroup, null when it is gone. */
	hierarchyId(name: string): number | null;
	/** A release agent path to give at mount time. */
	prepareReleaseAgent(): string;
	/** Wait until the agent ran `count` times (or a timeout), then return the runs. */
	releaseAgentRuns(count: number): Promise<AgentRun[]>;
	/** PIDNS_SCRIPT run as pid 1 of a new pid namespace, with the cgroup dir and an outer pid. */
	pidNsView(cgroupDir: string, outerPid: number): string;
	/** What could not be cleaned up (the real side); [] when all is well. */
	cleanup(): Promise<string[]>;
}

/** Labels of our sleepers' pids and thread ids, for normPids. */
class PidLabels {
	private readonly labels = new Map<number, string>();
	private n = 0;

	add(pid: number, tids: readonly number[] = []): void {
		const label = `S${this.n++}`;
		this.labels.set(pid, label);
		tids.forEach((t, j) => {
			if (t !== pid) this.labels.set(t, `${label}t${j}`);
		});
	}

	norm(text: string): string {
		return text.replace(/\d+/g, (m) => this.labels.get(Number(m)) ?? m);
	}
}

function parseAgentLog(text: string): AgentRun[] {
	return text
		.split("\n")
		.filter((l) => l.length > 0)
		.map((l) => {
			const f = Object.fromEntries(
				l.split("|").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
			) as Record<string, string>;
			return {
				argc: Number(f.argc),
				argv: f.argv ?? "",
				ppid: Number(f.ppid),
				env: f.env ?? "",
			};
		});
}

// ------------------------------------------------------------ the real host

export class RealSide implements Side {
	readonly kind = "real";
	readonly s: HostCgroupSession;
	private readonly labels = new PidLabels();
	private agentLog: string | null = null;

	constructor(session: HostCgroupSession) {
		this.s = session;
	}

	get dir(): string {
		return this.s.dir;
	}

	newName(tag?: string): string {
		return this.s.newName(tag);
	}

	newDir(tag?: string): string {
		return this.s.newDir(tag);
	}

	mountCgroup(target: string, options: string, flags = 0): string {
		return this.s.mountCgroup(target, options, flags);
	}

	mountPrivate(extraOptions?: string): { name: string; mnt: string } {
		return this.s.mountPrivate(extraOptions);
	}

	umount(target: string): string {
		return this.s.umount(target);
	}

	mkdir(path: string, mode = 0o755): string {
		return this.s.mkdir(path, mode);
	}

	rmdir(path: string): string {
		return this.s.rmdir(path);
	}

	chdir(path: string): string {
		return this.s.chdir(path);
	}

	rename(from: string, to: string): string {
		return this.s.rename(from, to);
	}

	unlink(path: string): string {
		return this.s.unlink(path);
	}

	createFile(path: string): string {
		return this.s.createFile(path);
	}

	chmod(path: string, mode: number): string {
		return this.s.chmod(path, mode);
	}

	write(path: string, data: string): string {
		return this.s.writeFile(path, data);
	}

	writeAs(uid: number, gid: number, path: string, data: string): string {
		return this.s.writeFileAs(uid, gid, path, data);
	}

	writeViaFdAs(uid: number, gid: number, path: string, data: string): string {
		return this.s.writeInheritedFdAs(uid, gid, path, data);
	}

	mkdirAs(uid: number, gid: number, path: string, mode = 0o755): string {
		return this.s.mkdirAs(uid, gid, path, mode);
	}

	rmdirAs(uid: number, gid: number, path: string): string {
		return this.s.rmdirAs(uid, gid, path);
	}

	openFd(path: string, write: boolean): number | string {
		return this.s.openFd(path, write);
	}

	readFd(fd: number, count?: number): string {
		return this.s.readFd(fd, count);
	}

	writeFd(fd: number, data: string): string {
		return this.s.writeFd(fd, data);
	}

	closeFd(fd: number): string {
		return this.s.closeFd(fd);
	}

	read(path: string): string {
		return readText(path);
	}

	tryRead(path: string): string {
		let out = "";
		const r = hostErrnoOf(() => {
			out = readText(path);
		});
		return r === "OK" ? `OK:${out}` : r;
	}

	readdir(path: string): string[] {
		return readdirOrder(path);
	}

	statfs(path: string): Record<string, number> {
		const f = fs.statfsSync(path);
		const { type, bsize, blocks, bfree, bavail, files, ffree } = f;
		return { type, bsize, blocks, bfree, bavail, files, ffree };
	}

	stat(path: string): StatInfo {
		const st = fs.statSync(path, { bigint: true });
		return {
			mode: Number(st.mode),
			size: Number(st.size),
			ino: st.ino,
			nlink: Number(st.nlink),
			uid: Number(st.uid),
			gid: Number(st.gid),
		};
	}

	async spawnSleeper(as?: SleeperIds): Promise<number> {
		const pid = await this.s.spawnSleeper(as);
		this.labels.add(pid);
		return pid;
	}

	async spawnThreadedSleeper(threads: number): Promise<{ pid: number; tids: number[] }> {
		const r = await this.s.spawnThreadedSleeper(threads);
		this.labels.add(r.pid, r.tids);
		return r;
	}

	exitLeader(pid: number): Promise<void> {
		return this.s.exitLeader(pid);
	}

	async spawnSleeperPair(): Promise<{ parent: number; child: number }> {
		const r = await this.s.spawnSleeperPair();
		this.labels.add(r.parent);
		this.labels.add(r.child);
		return r;
	}

	kill(pid: number): Promise<void> {
		return this.s.kill(pid);
	}

	norm(text: string): string {
		return this.labels.norm(text);
	}

	hierarchyId(name: string): number | null {
		const line = readText("/proc/self/cgroup")
			.split("\n")
			.find((l) => l.split(":")[1]?.split(",").includes(`name=${name}`));
		return line === undefined ? null : Number(line.split(":")[0]);
	}

	prepareReleaseAgent(): string {
		const { agent, log } = this.s.prepareReleaseAgent();
		this.agentLog = log;
		return agent;
	}

	async releaseAgentRuns(count: number): Promise<AgentRun[]> {
		const log = this.agentLog;
		if (log === null) throw new Error("no release agent prepared");
		let runs: AgentRun[] = [];
		for (let i = 0; i < 200; i++) {
			runs = fs.existsSync(log) ? parseAgentLog(readText(log)) : [];
			if (runs.length >= count) break;
			await sleepMs(25);
		}
		// A little longer, to see a run that should not happen.
		await sleepMs(200);
		return fs.existsSync(log) ? parseAgentLog(readText(log)) : [];
	}

	pidNsView(cgroupDir: string, outerPid: number): string {
		return this.s.runInNewPidNs(PIDNS_SCRIPT, [cgroupDir], [`${outerPid}`]);
	}

	cleanup(): Promise<string[]> {
		return this.s.cleanup();
	}
}

// --------------------------------------------------------- the emulated host

export class EmulatedSide implements Side {
	readonly kind = "emulated";
	readonly host: Host;
	readonly dir: string;
	private readonly prefix: string;
	private seq = 0;
	private readonly labels = new PidLabels();
	private readonly tasks = new Map<number, Task>();
	private agentPath: string | null = null;

	/** `prefix`: the real session's prefix, so names and paths are the same. */
	constructor(prefix: string) {
		this.host = boot();
		this.prefix = prefix;
		this.dir = `/tmp/${prefix}`;
		this.host.vfs.mkdir(this.host.init, this.dir, 0o755);
	}

	private get init(): Task {
		return this.host.init;
	}

	newName(tag = "h"): string {
		return `${this.prefix}-${tag}${this.seq++}`;
	}

	newDir(tag = "m"): string {
		const path = `${this.dir}/${tag}${this.seq++}`;
		this.host.vfs.mkdir(this.init, path, 0o755);
		return path;
	}

	mountCgroup(target: string, options: string, flags = 0): string {
		return emuErrnoOf(() =>
			this.host.vfs.mount(this.init, "cgroup", target, "cgroup", flags, options),
		);
	}

	mountPrivate(extraOptions = ""): { name: string; mnt: string } {
		return mountPrivateHierarchy(this, extraOptions);
	}

	umount(target: string): string {
		return emuErrnoOf(() => this.host.vfs.umount(this.init, target));
	}

	mkdir(path: string, mode = 0o755): string {
		return emuErrnoOf(() => this.host.vfs.mkdir(this.init, path, mode));
	}

	rmdir(path: string): string {
		return emuErrnoOf(() => this.host.vfs.rmdir(this.init, path));
	}

	chdir(path: string): string {
		return emuErrnoOf(() => this.host.vfs.chdir(this.init, path));
	}

	rename(from: string, to: string): string {
		return emuErrnoOf(() => this.host.vfs.rename(this.init, from, to));
	}

	unlink(path: string): string {
		return emuErrnoOf(() => this.host.vfs.unlink(this.init, path));
	}

	createFile(path: string): string {
		return emuErrnoOf(() => {
			const fd = this.host.vfs.open(this.init, path, O_WRONLY | O_CREAT, 0o644);
			this.host.vfs.close(this.init, fd);
		});
	}

	chmod(path: string, mode: number): string {
		return emuErrnoOf(() => this.host.vfs.chmod(this.init, path, mode));
	}

	private writeBy(task: Task, path: string, data: string): string {
		const vfs = this.host.vfs;
		let fd: number;
		try {
			fd = vfs.open(task, path, O_WRONLY);
		} catch (e) {
			if (isKernelError(e)) return `open:${e.code}`;
			throw e;
		}
		try {
			return `OK:${vfs.write(task, fd, data)}`;
		} catch (e) {
			if (isKernelError(e)) return e.code;
			throw e;
		} finally {
			vfs.close(task, fd);
		}
	}

	write(path: string, data: string): string {
		return this.writeBy(this.init, path, data);
	}

	writeAs(uid: number, gid: number, path: string, data: string): string {
		const t = this.forkAs(uid, gid);
		try {
			return this.writeBy(t, path, data);
		} finally {
			this.finish(t);
		}
	}

	/** A child of init running as uid/gid (it inherits init's descriptors). */
	private forkAs(uid: number, gid: number): Task {
		const t = this.host.kernel.fork(this.init);
		t.cred = t.cred.withUids(uid, uid, uid).withGids(gid, gid, gid).withGroups([]);
		return t;
	}

	private finish(t: Task): void {
		this.host.kernel.exitGroup(t, 0);
		this.host.kernel.runPendingWork();
	}

	writeViaFdAs(uid: number, gid: number, path: string, data: string): string {
		const vfs = this.host.vfs;
		let fd: number;
		try {
			fd = vfs.open(this.init, path, O_WRONLY);
		} catch (e) {
			if (isKernelError(e)) return `open:${e.code}`;
			throw e;
		}
		const t = this.forkAs(uid, gid);
		try {
			return `OK:${vfs.write(t, fd, data)}`;
		} catch (e) {
			if (isKernelError(e)) return e.code;
			throw e;
		} finally {
			this.finish(t);
			vfs.close(this.init, fd);
		}
	}

	mkdirAs(uid: number, gid: number, path: string, mode = 0o755): string {
		const t = this.forkAs(uid, gid);
		try {
			return emuErrnoOf(() => this.host.vfs.mkdir(t, path, mode));
		} finally {
			this.finish(t);
		}
	}

	rmdirAs(uid: number, gid: number, path: string): string {
		const t = this.forkAs(uid, gid);
		try {
			return emuErrnoOf(() => this.host.vfs.rmdir(t, path));
		} finally {
			this.finish(t);
		}
	}

	openFd(path: string, write: boolean): number | string {
		try {
			return this.host.vfs.open(this.init, path, write ? O_WRONLY : O_RDONLY);
		} catch (e) {
			if (isKernelError(e)) return e.code;
			throw e;
		}
	}

	readFd(fd: number, count = 65536): string {
		let out = "";
		const r = emuErrnoOf(() => {
			out = bytesToBinary(this.host.vfs.read(this.init, fd, count));
		});
		return r === "OK" ? `OK:${out}` : r;
	}

	writeFd(fd: number, data: string): string {
		let n = 0;
		const r = emuErrnoOf(() => {
			n = this.host.vfs.write(this.init, fd, data);
		});
		return r === "OK" ? `OK:${n}` : r;
	}

	closeFd(fd: number): string {
		return emuErrnoOf(() => this.host.vfs.close(this.init, fd));
	}

	read(path: string): string {
		return this.host.vfs.readFile(this.init, path);
	}

	tryRead(path: string): string {
		let out = "";
		const r = emuErrnoOf(() => {
			out = this.read(path);
		});
		return r === "OK" ? `OK:${out}` : r;
	}

	readdir(path: string): string[] {
		return this.host.vfs.readdir(this.init, path);
	}

	statfs(path: string): Record<string, number> {
		const f = this.host.vfs.statfs(this.init, path);
		const { type, bsize, blocks, bfree, bavail, files, ffree } = f;
		return { type, bsize, blocks, bfree, bavail, files, ffree };
	}

	stat(path: string): StatInfo {
		const st = this.host.vfs.stat(this.init, path);
		return {
			mode: st.mode,
			size: st.size,
			ino: BigInt(st.ino),
			nlink: st.nlink,
			uid: st.uid,
			gid: st.gid,
		};
	}

	async spawnSleeper(as?: SleeperIds): Promise<number> {
		const t = this.host.kernel.fork(this.init);
		if (as !== undefined) {
			t.cred = t.cred
				.withUids(as.uid, as.euid ?? as.uid, as.suid ?? as.uid)
				.withGids(as.gid, as.gid, as.gid)
				.withGroups([]);
		}
		t.comm = "sleep";
		this.labels.add(t.pid);
		this.tasks.set(t.pid, t);
		return t.pid;
	}

	async spawnThreadedSleeper(threads: number): Promise<{ pid: number; tids: number[] }> {
		const k = this.host.kernel;
		const t = k.fork(this.init);
		const tids = [t.pid];
		for (let i = 0; i < threads; i++) {
			tids.push(k.fork(t, { flags: CLONE_VM | CLONE_SIGHAND | CLONE_THREAD }).pid);
		}
		this.labels.add(t.pid, tids);
		this.tasks.set(t.pid, t);
		return { pid: t.pid, tids };
	}

	async exitLeader(pid: number): Promise<void> {
		const t = this.tasks.get(pid);
		if (t === undefined) throw new Error(`no emulated sleeper ${pid}`);
		this.host.kernel.exit(t, 0);
		this.host.kernel.runPendingWork();
	}

	async spawnSleeperPair(): Promise<{ parent: number; child: number }> {
		const k = this.host.kernel;
		const parent = k.fork(this.init);
		const child = k.fork(parent);
		for (const t of [parent, child]) {
			t.comm = "sleep";
			this.labels.add(t.pid);
			this.tasks.set(t.pid, t);
		}
		return { parent: parent.pid, child: child.pid };
	}

	async kill(pid: number): Promise<void> {
		const t = this.tasks.get(pid);
		if (t === undefined) throw new Error(`no emulated sleeper ${pid}`);
		this.host.kernel.exitGroup(t, signalStatus(9));
		this.host.kernel.runPendingWork();
		this.tasks.delete(pid);
	}

	norm(text: string): string {
		return this.labels.norm(text);
	}

	hierarchyId(name: string): number | null {
		const line = this.read("/proc/self/cgroup")
			.split("\n")
			.find((l) => l.split(":")[1]?.split(",").includes(`name=${name}`));
		return line === undefined ? null : Number(line.split(":")[0]);
	}

	prepareReleaseAgent(): string {
		this.agentPath = `${this.dir}/release-agent.sh`;
		return this.agentPath;
	}

	async releaseAgentRuns(_count: number): Promise<AgentRun[]> {
		const k = this.host.kernel;
		k.runPendingWork();
		return k.usermodeHelperCalls
			.filter((c) => c.path === this.agentPath)
			.map((c) => ({
				argc: c.argv.length - 1,
				argv: c.argv.slice(1).join(" "),
				ppid: c.task.realParent?.tgidIn(k.initPidNs) ?? 0,
				env: c.envp
					.filter((e) => !e.startsWith("PWD="))
					.sort()
					.map((e) => `${e};`)
					.join(""),
			}));
	}

	/**
	 * The emulated equivalent of `unshare --pid --fork --kill-child sh -c
	 * PIDNS_SCRIPT`: a task unshares its pid namespace, its child is pid 1
	 * there and forks the sleeper (pid 2), and does what the script does.
	 */
	pidNsView(cgroupDir: string, outerPid: number): string {
		const k = this.host.kernel;
		const vfs = this.host.vfs;
		const unsharer = k.fork(this.init);
		k.unsharePidNs(unsharer);
		const sh = k.fork(unsharer);
		const ns = sh.pidNs;
		const sleeper = k.fork(sh);
		const p = sleeper.pidIn(ns);
		const echo = (file: string, text: string): string =>
			emuErrnoOf(() => vfs.writeFile(sh, `${cgroupDir}/${file}`, `${text}\n`));
		const show = (file: string): string => vfs.readFile(sh, `${cgroupDir}/${file}`);
		let out = "";
		if (echo("tasks", `${p}`) !== "OK") out += "attach-failed\n";
		out += `sh=${sh.pidIn(ns)} sleeper=${p}\n`;
		out += `tasks:\n${show("tasks")}`;
		out += `procs:\n${show("cgroup.procs")}`;
		out += echo("tasks", `${outerPid}`) === "OK" ? "outer-pid-ok\n" : "outer-pid-failed\n";
		if (echo("cgroup.procs", "0") !== "OK") out += "self-failed\n";
		out += `tasks after writing 0:\n${show("tasks")}`;
		k.exitGroup(sleeper, signalStatus(9));
		k.exitGroup(sh, 0);
		k.exitGroup(unsharer, 0);
		k.runPendingWork();
		return out;
	}

	async cleanup(): Promise<string[]> {
		return [];
	}
}
