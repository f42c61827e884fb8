/**
 * procfs: the process directories of the pid namespace the filesystem was
 * mounted in, and the system-wide files cgkit models. Entries are built from
 * tables; every file is a seq_file produced from kernel state at read time.
 */
import { bytesToBinary } from "../kernel/bytes.ts";
import { cpusetTaskStatusAllowed, procCpusetShow } from "../kernel/cgroup/controllers/cpuset.ts";
import { cgroupNsInum, procCgroupShowNs } from "../kernel/cgroup/namespace.ts";
import { procCgListShow, procCgroupstatsShow } from "../kernel/cgroup/proc.ts";
import { procCommConnector } from "../kernel/cn-proc.ts";
import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { kstrtoint, strstrip } from "../kernel/kstrto.ts";
import { PID_MAX_LIMIT, type PidNamespace, RESERVED_PIDS } from "../kernel/pid.ts";
import {
	ALL_SIGNALS,
	RLIMIT_SIGPENDING_DEFAULT,
	renderSigset,
	sigqueueCount,
} from "../kernel/signal.ts";
import { PF_EXITING, PF_KTHREAD, SUID_DUMP_USER, type Task } from "../kernel/task.ts";
import { taskStateText } from "../kernel/task-state.ts";
import { PROC_SUPER_MAGIC, S_IFDIR, S_IFLNK, S_IFREG, type Stat } from "./constants.ts";
import { FdTable, FsStruct, OpenFile } from "./file.ts";
import {
	type DirEntry,
	DT_DIR,
	DT_LNK,
	DT_REG,
	type FileHandle,
	type FileSystemType,
	type FsContext,
	Inode,
	type SetAttr,
	SuperBlock,
} from "./inode.ts";
import {
	meminfoShow,
	oomAdjFile,
	oomScoreAdjFile,
	oomScoreFile,
	procPidStatm,
	taskMemStatus,
	vmstatShow,
} from "./proc-memory.ts";
import { showMountinfo, showVfsmnt } from "./proc-mounts.ts";
import { procPressureDir } from "./proc-pressure.ts";
import { procPidStat } from "./proc-stat.ts";
import { SeqReader } from "./seq.ts";
import type { Vfs } from "./vfs.ts";

/**
 * What a proc entry is: a directory, a generated file, or a symlink; `mode`
 * and `size` override the defaults (0555 directories, 0777 links, size 0).
 */
type ProcSpec = (
	| {
			kind: "dir";
			list(reader: Task): [string, ProcSpec][];
			find(name: string, reader: Task): ProcSpec | null;
	  }
	| {
			kind: "file";
			show(reader: Task): string;
			write?(data: string, reader: Task): void;
			/** Bytes one write(2) takes at most (the rest is a short write). */
			maxWrite?: number;
	  }
	| { kind: "link"; target(reader: Task): string }
) & { mode?: number; size?(): number };

interface ProcEntry {
	readonly spec: ProcSpec;
	readonly mode: number;
	/** The task whose entry this is (owner, liveness), null for system files. */
	readonly task: Task | null;
	readonly ino: number;
}

export class ProcSuperBlock extends SuperBlock {
	readonly fsType = "proc";
	readonly magic = PROC_SUPER_MAGIC;
	readonly pidNs: PidNamespace;
	readonly root: ProcInode;
	readonly kernel: Kernel;

	constructor(kernel: Kernel, vfs: Vfs, pidNs: PidNamespace) {
		super();
		// proc_fill_super(): SB_I_USERNS_VISIBLE | SB_I_NOEXEC | SB_I_NODEV.
		this.noexec = true;
		this.kernel = kernel;
		this.pidNs = pidNs;
		this.root = new ProcInode(this, null, "", {
			spec: procRoot(kernel, vfs, pidNs),
			mode: S_IFDIR | 0o555,
			task: null,
			ino: 1,
		});
	}
}

/** Stable inode numbers: system entries by table position, task entries by tid. */
function entryIno(task: Task | null, index: number, depth: number): number {
	if (task === null) return 0xf0000000 + depth * 256 + index;
	return task.pid * 256 + depth * 32 + index + 2;
}

export class ProcInode extends Inode {
	readonly sb: ProcSuperBlock;
	private readonly up: ProcInode | null;
	private readonly name: string;
	private readonly entry: ProcEntry;

	constructor(sb: ProcSuperBlock, parent: ProcInode | null, name: string, entry: ProcEntry) {
		super();
		this.sb = sb;
		this.up = parent;
		this.name = name;
		this.entry = entry;
	}

	get ino(): number {
		return this.entry.ino;
	}

	get mode(): number {
		return this.entry.mode;
	}

	/**
	 * task_dump_owner(): the task's effective ids; root for system entries
	 * and kernel threads, and, but for the 0555 directories, for a task
	 * without an mm (a zombie) or one that is not dumpable.
	 */
	private rootOwned(): boolean {
		const t = this.entry.task;
		if (t === null || t.flags & PF_KTHREAD) return true;
		if (this.entry.mode === (S_IFDIR | 0o555)) return false;
		return t.exitState !== 0 || t.dumpable !== SUID_DUMP_USER;
	}

	get uid(): number {
		return this.rootOwned() ? 0 : this.entry.task!.cred.euid;
	}

	get gid(): number {
		return this.rootOwned() ? 0 : this.entry.task!.cred.egid;
	}

	override get dead(): boolean {
		return this.entry.task?.released ?? false;
	}

	stat(): Stat {
		const t = this.entry.task;
		const time = t === null ? this.sb.kernel.clock.bootEpochNs : this.sb.kernel.clock.realtime();
		return {
			dev: this.sb.dev,
			ino: this.ino,
			mode: this.mode,
			nlink: this.entry.spec.kind === "dir" ? 2 : 1,
			uid: this.uid,
			gid: this.gid,
			rdev: 0,
			size: this.entry.spec.size?.() ?? 0,
			blksize: 1024,
			blocks: 0,
			atimeNs: time,
			mtimeNs: time,
			ctimeNs: time,
		};
	}

	private child(name: string, spec: ProcSpec, index: number): ProcInode {
		const task = taskOf(spec) ?? this.entry.task;
		const mode =
			spec.mode ??
			(spec.kind === "dir"
				? S_IFDIR | 0o555
				: spec.kind === "link"
					? S_IFLNK | 0o777
					: S_IFREG | (spec.write ? 0o644 : 0o444));
		const depth = this.depth() + 1;
		return new ProcInode(this.sb, this, name, {
			spec,
			mode,
			task,
			ino: entryIno(task, index, depth),
		});
	}

	private depth(): number {
		return this.up === null ? 0 : this.up.depth() + 1;
	}

	override lookup(name: string, reader: Task): Inode | null {
		const spec = this.entry.spec;
		if (spec.kind !== "dir") throw new KernelError("ENOTDIR");
		this.checkAlive();
		const found = spec.find(name, reader);
		if (found === null) return null;
		const index = spec.list(reader).findIndex(([n]) => n === name);
		return this.child(name, found, index < 0 ? 31 : index);
	}

	override parent(): Inode {
		return this.up ?? this;
	}

	override nameInParent(): string {
		return this.name;
	}

	override readdir(reader: Task): DirEntry[] {
		const spec = this.entry.spec;
		if (spec.kind !== "dir") throw new KernelError("ENOTDIR");
		this.checkAlive();
		return spec.list(reader).map(([name, s], i) => ({
			name,
			ino: this.child(name, s, i).ino,
			type: s.kind === "dir" ? DT_DIR : s.kind === "link" ? DT_LNK : DT_REG,
		}));
	}

	override readlink(reader: Task): string {
		const spec = this.entry.spec;
		if (spec.kind !== "link") throw new KernelError("EINVAL");
		return spec.target(reader);
	}

	/** proc_setattr(): mode changes are refused, the rest is ignored. */
	override setattr(attr: SetAttr): void {
		if (attr.mode !== undefined) throw new KernelError("EPERM");
	}

	/**
	 * proc_pid_permission() of /proc/<pid>, its task/ and task/<tid>: once
	 * the task is reaped, every access through them fails with ESRCH.
	 */
	override permissionPrecheck(): void {
		if (this.entry.task?.released && taskOf(this.entry.spec) !== null)
			throw new KernelError("ESRCH");
	}

	private checkAlive(): void {
		if (this.entry.task?.released) throw new KernelError("ESRCH");
	}

	override open(_file: OpenFile, task: Task): FileHandle {
		const spec = this.entry.spec;
		if (spec.kind !== "file") throw new KernelError("EINVAL");
		this.checkAlive();
		let reader = task;
		const seq = new SeqReader(() => {
			this.checkAlive();
			return spec.show(reader);
		});
		const write = spec.write;
		const maxWrite = spec.maxWrite ?? Number.POSITIVE_INFINITY;
		return {
			read: (_f, pos, count, t) => {
				reader = t;
				return seq.read(pos, count);
			},
			write: write
				? (_f, data, _pos, t) => {
						this.checkAlive();
						const n = Math.min(data.length, maxWrite);
						write(bytesToBinary(data.subarray(0, n)), t);
						return n;
					}
				: undefined,
		};
	}
}

/** The task a pid directory belongs to (tracked on its specs). */
const SPEC_TASK = new WeakMap<ProcSpec, Task>();

function taskOf(spec: ProcSpec): Task | null {
	return SPEC_TASK.get(spec) ?? null;
}

function file(
	show: (reader: Task) => string,
	write?: (data: string, reader: Task) => void,
): ProcSpec {
	return write ? { kind: "file", show, write } : { kind: "file", show };
}

function staticDir(entries: () => [string, ProcSpec][]): ProcSpec {
	return {
		kind: "dir",
		list: () => entries(),
		find: (name) => entries().find(([n]) => n === name)?.[1] ?? null,
	};
}

/** The numbers of a pid from the reader's namespace down (NStgid, NSpid...). */
function nsNumbers(numbers: readonly number[], fromLevel: number): string {
	return numbers.slice(fromLevel).join("\t");
}

/** proc_task_name() with the escaping task_state() applies. */
function escapeComm(comm: string): string {
	return comm.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A capability set as task_cap() shows it. */
function renderCap(caps: bigint): string {
	return caps.toString(16).padStart(16, "0");
}

/** /proc/<pid>/status: the lines cgkit models, in the kernel's order. */
function procStatus(k: Kernel, t: Task, ns: PidNamespace): string {
	const c = t.cred;
	const level = ns.level;
	const leader = t.groupLeader;
	const ppid = t.realParent === null ? 0 : t.realParent.tgidIn(ns);
	let out = `Name:\t${escapeComm(t.comm)}\n`;
	if (t.fs instanceof FsStruct) out += `Umask:\t${`0${t.fs.umask.toString(8).padStart(3, "0")}`}\n`;
	out += `State:\t${taskStateText(t)}\n`;
	out += `Tgid:\t${t.tgidIn(ns)}\nNgid:\t0\nPid:\t${t.pidIn(ns)}\nPPid:\t${ppid}\nTracerPid:\t0\n`;
	out += `Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}\n`;
	out += `Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}\n`;
	const fdSize = t.files instanceof FdTable ? t.files.maxFds : 0;
	out += `FDSize:\t${fdSize}\nGroups:\t${c.groups.join(" ")} \n`;
	out += `NStgid:\t${nsNumbers(leader.threadPid.numbers, level)}\n`;
	out += `NSpid:\t${nsNumbers(t.threadPid.numbers, level)}\n`;
	out += `NSpgid:\t${t.signal.pgrp.nrIn(ns)}\n`;
	out += `NSsid:\t${t.signal.session.nrIn(ns)}\n`;
	out += `Kthread:\t${t.flags & PF_KTHREAD ? 1 : 0}\n`;
	out += taskMemStatus(t);
	out += `Threads:\t${t.signal.nrThreads}\n`;
	// task_sig(): a kernel thread's ignore_signals() covers all 64 signals.
	const sighand = t.sighand;
	const ign = sighand.ignored === ALL_SIGNALS ? "ffffffffffffffff" : renderSigset(sighand.ignored);
	out += `SigQ:\t${sigqueueCount(k, c.uid)}/${RLIMIT_SIGPENDING_DEFAULT}\n`;
	out += `SigPnd:\t${renderSigset(t.pending)}\nShdPnd:\t${renderSigset(t.signal.sharedPending)}\n`;
	out += `SigBlk:\t${renderSigset(t.blocked)}\nSigIgn:\t${ign}\nSigCgt:\t${renderSigset(sighand.caught)}\n`;
	// task_cap()
	out += `CapInh:\t${renderCap(c.capInheritable)}\nCapPrm:\t${renderCap(c.capPermitted)}\n`;
	out += `CapEff:\t${renderCap(c.capEffective)}\nCapBnd:\t${renderCap(c.capBounding)}\n`;
	out += `CapAmb:\t${renderCap(c.capAmbient)}\n`;
	// task_cpus_allowed() and cpuset_task_status_allowed() follow task_seccomp().
	out += cpusetTaskStatusAllowed(t);
	return out;
}

/** A process or thread directory (/proc/<pid>, /proc/<pid>/task/<tid>). */
function pidDir(k: Kernel, vfs: Vfs, ns: PidNamespace, t: Task, withTasks: boolean): ProcSpec {
	const mountsOf =
		(show: typeof showMountinfo) =>
		(reader: Task): string => {
			// mounts_open_common(): a task past exit_task_namespaces() (a
			// zombie) has no nsproxy: EINVAL; one past exit_fs() only: ENOENT.
			if (t.exitState !== 0) throw new KernelError("EINVAL");
			if (!(t.fs instanceof FsStruct)) throw new KernelError("ENOENT");
			const root = t.fs.root;
			let out = "";
			for (const m of vfs.visibleMounts(t))
				out += show(m, root, (p, r) => vfs.pathOf(p, r), reader);
			return out;
		};
	const entries = (): [string, ProcSpec][] => {
		const list: [string, ProcSpec][] = [
			["cg_list", file(() => procCgListShow(k.cgroup, t))],
			["cgroup", file((reader) => procCgroupShowNs(k.cgroup, t, reader))],
			// proc_pid_cmdline_read(): the arguments, each NUL-terminated; empty for kernel threads and zombies.
			[
				"cmdline",
				file(() => (t.cmdline === null || t.exitState !== 0 ? "" : `${t.cmdline.join("\0")}\0`)),
			],
			[
				"comm",
				file(
					() => `${t.comm}\n`,
					(data, reader) => {
						if (reader.signal !== t.signal) throw new KernelError("EINVAL");
						t.comm = data.slice(0, 15);
						// comm_write(): a thread of the writer's own process was renamed.
						procCommConnector(k, t, reader);
					},
				),
			],
		];
		// CONFIG_PROC_PID_CPUSET: /proc/<pid>/cpuset when the kernel has the controller.
		if (procCpusetShow(k, t) !== null) {
			list.push(["cpuset", file(() => procCpusetShow(k, t) ?? "")]);
		}
		list.push(
			["exe", exeLink(vfs, t)],
			["fd", new FdDirSpec(vfs, t)],
			["mountinfo", file(mountsOf(showMountinfo))],
			["mounts", file(mountsOf(showVfsmnt))],
			["ns", nsDir(t)],
			["oom_adj", oomAdjFile(k, t)],
			["oom_score", oomScoreFile(k, t)],
			["oom_score_adj", oomScoreAdjFile(k, t)],
			["stat", file(() => procPidStat(k, t, ns, withTasks))],
			["statm", file(() => procPidStatm(t))],
			["status", file(() => procStatus(k, t, ns))],
		);
		if (withTasks) list.push(["task", taskDir(k, vfs, ns, t)]);
		return list;
	};
	const spec = staticDir(entries);
	SPEC_TASK.set(spec, t);
	return spec;
}

/**
 * /proc/<pid>/ns (proc_ns_dir_operations): dr-x--x--x, a link per namespace
 * type the kernel models, reading "<type>:[<inum>]" (proc_ns_readlink():
 * EACCES without ptrace read access; ENOENT once the task has dropped its
 * namespaces, past exit_task_namespaces()). Only the cgroup namespace for
 * now. The links are not magic: following one does not open the nsfs file.
 */
function nsDir(t: Task): ProcSpec {
	const nsLink = (show: () => string): ProcSpec => ({
		kind: "link",
		target: (reader) => {
			if (!fdAccessAllowed(reader, t)) throw new KernelError("EACCES");
			if (t.flags & PF_EXITING) throw new KernelError("ENOENT");
			return show();
		},
	});
	const entries: [string, ProcSpec][] = [
		["cgroup", nsLink(() => `cgroup:[${cgroupNsInum(t.nsproxy.cgroupNs)}]`)],
	];
	return { ...staticDir(() => entries), mode: S_IFDIR | 0o511 };
}

/** CAP_SYS_PTRACE (include/uapi/linux/capability.h). */
const CAP_SYS_PTRACE = 19;

/**
 * proc_fd_access_allowed(): ptrace_may_access(PTRACE_MODE_READ_FSCREDS)
 * without the LSM part: the same process, or a caller whose fsuid and
 * fsgid match every id of a dumpable target (one without an mm counts as
 * dumpable), or CAP_SYS_PTRACE.
 */
function fdAccessAllowed(reader: Task, t: Task): boolean {
	if (reader.signal === t.signal) return true;
	const c = reader.cred;
	const tc = t.cred;
	const ids =
		c.fsuid === tc.uid &&
		c.fsuid === tc.euid &&
		c.fsuid === tc.suid &&
		c.fsgid === tc.gid &&
		c.fsgid === tc.egid &&
		c.fsgid === tc.sgid;
	if (!ids && !c.capable(CAP_SYS_PTRACE)) return false;
	const hasMm = t.exitState === 0 && !(t.flags & PF_KTHREAD);
	return !hasMm || t.dumpable === SUID_DUMP_USER || c.capable(CAP_SYS_PTRACE);
}

/**
 * /proc/<pid>/exe (proc_exe_link() through proc_pid_readlink()): the file
 * the process runs, as d_path() shows it to the reader; EACCES without
 * ptrace read access, ENOENT for a kernel thread or once the address space
 * is gone (a zombie).
 */
function exeLink(vfs: Vfs, t: Task): ProcSpec {
	return {
		kind: "link",
		target: (reader) => {
			if (!fdAccessAllowed(reader, t)) throw new KernelError("EACCES");
			const exe = t.flags & PF_KTHREAD ? null : (t.mm?.exeFile ?? null);
			if (!(exe instanceof OpenFile)) throw new KernelError("ENOENT");
			return vfs.filePath(exe, reader);
		},
	};
}

/**
 * /proc/<pid>/fd (fs/proc/fd.c): one symlink per open descriptor, named by
 * its number, whose mode shows the file's access (r-x for reading, -wx for
 * writing, owner only) and whose target is the file's d_path(). The
 * directory is dr-x------ and its size is the number of open descriptors
 * (proc_fd_getattr()). The same-process exception of proc_fd_permission()
 * is not modelled: the owner bits decide. A class, so that the entry costs
 * one object in every listing of a pid directory; its task is its parent's.
 */
class FdDirSpec {
	readonly kind = "dir";
	readonly mode = S_IFDIR | 0o500;
	private readonly vfs: Vfs;
	private readonly task: Task;

	constructor(vfs: Vfs, task: Task) {
		this.vfs = vfs;
		this.task = task;
	}

	private table(): FdTable | null {
		const files = this.task.files;
		return files instanceof FdTable ? files : null;
	}

	size(): number {
		return this.table()?.count ?? 0;
	}

	list(): [string, ProcSpec][] {
		const files = this.table();
		if (files === null) return [];
		const out: [string, ProcSpec][] = [];
		for (const [fd, f] of files.descriptors()) out.push([String(fd), this.link(fd, f)]);
		return out;
	}

	/** proc_lookupfd_common(): a decimal number without leading zeros. */
	find(name: string): ProcSpec | null {
		if (!/^(0|[1-9][0-9]{0,9})$/.test(name)) return null;
		const fd = Number(name);
		const files = this.table();
		if (files === null || !files.has(fd)) return null;
		return this.link(fd, files.get(fd));
	}

	/** proc_fd_instantiate() + tid_fd_update_inode(). */
	private link(fd: number, f: OpenFile): ProcSpec {
		return {
			kind: "link",
			mode: S_IFLNK | (f.readable ? 0o500 : 0) | (f.writable ? 0o300 : 0),
			size: () => 64,
			// proc_pid_readlink() through proc_fd_link(): the file now at fd.
			target: (reader) => {
				if (!fdAccessAllowed(reader, this.task)) throw new KernelError("EACCES");
				const files = this.table();
				if (files === null || !files.has(fd)) throw new KernelError("ENOENT");
				return this.vfs.filePath(files.get(fd), reader);
			},
		};
	}
}

function taskDir(k: Kernel, vfs: Vfs, ns: PidNamespace, t: Task): ProcSpec {
	const threads = (): Task[] => [...t.signal.threads].filter((th) => th.pidIn(ns) > 0);
	const spec: ProcSpec = {
		kind: "dir",
		list: () => threads().map((th) => [String(th.pidIn(ns)), pidDir(k, vfs, ns, th, false)]),
		find: (name) => {
			const th = threads().find((x) => String(x.pidIn(ns)) === name);
			return th === undefined ? null : pidDir(k, vfs, ns, th, false);
		},
	};
	SPEC_TASK.set(spec, t);
	return spec;
}

/** The /proc root: system files, then one directory per visible process. */
function procRoot(k: Kernel, vfs: Vfs, ns: PidNamespace): ProcSpec {
	const pidMax = file(
		() => `${ns.pidMax}\n`,
		(data) => {
			let v: number;
			try {
				v = kstrtoint(strstrip(data), 0);
			} catch {
				throw new KernelError("EINVAL");
			}
			if (v < RESERVED_PIDS + 1 || v > PID_MAX_LIMIT) throw new KernelError("EINVAL");
			ns.pidMax = v;
		},
	);
	const sys = staticDir(() => [["kernel", staticDir(() => [["pid_max", pidMax]])]]);
	const system: [string, ProcSpec][] = [
		["cgroups", file(() => procCgroupstatsShow(k.cgroup))],
		[
			"filesystems",
			file(() => {
				let out = "";
				for (const t of vfs.fsTypes.values()) out += `${t.nodev ? "nodev" : ""}\t${t.name}\n`;
				return out;
			}),
		],
		["meminfo", file(() => meminfoShow(k))],
		["mounts", { kind: "link", target: () => "self/mounts" }],
		["pressure", procPressureDir(k)],
		[
			"self",
			{
				kind: "link",
				target: (reader) => {
					const tgid = reader.tgidIn(ns);
					if (tgid === 0) throw new KernelError("ENOENT");
					return String(tgid);
				},
			},
		],
		["sys", sys],
		[
			"thread-self",
			{
				kind: "link",
				target: (reader) => {
					const tgid = reader.tgidIn(ns);
					if (tgid === 0) throw new KernelError("ENOENT");
					return `${tgid}/task/${reader.pidIn(ns)}`;
				},
			},
		],
		["vmstat", file(() => vmstatShow(k))],
	];
	return {
		kind: "dir",
		list: () => {
			const pids: [number, Task][] = [];
			for (const p of k.processes) {
				const nr = p.tgidIn(ns);
				if (nr > 0) pids.push([nr, p]);
			}
			pids.sort((a, b) => a[0] - b[0]);
			return [
				...system,
				...pids.map(([nr, p]): [string, ProcSpec] => [String(nr), pidDir(k, vfs, ns, p, true)]),
			];
		},
		find: (name) => {
			const sysEntry = system.find(([n]) => n === name);
			if (sysEntry !== undefined) return sysEntry[1];
			if (!/^[1-9][0-9]*$/.test(name)) return null;
			const t = ns.findTask(Number(name));
			if (t === null || t.released) return null;
			return pidDir(k, vfs, ns, t, true);
		},
	};
}

/** The "proc" filesystem type; each mount shows the mounter's pid namespace. */
export function procFsType(k: Kernel, vfs: Vfs): FileSystemType {
	return {
		name: "proc",
		nodev: true,
		initFsContext(task: Task): FsContext {
			return {
				parseParam(key) {
					k.printk(`proc: Unknown parameter '${key}'`);
					throw new KernelError("EINVAL");
				},
				getTree() {
					return new ProcSuperBlock(k, vfs, task.pidNs);
				},
				reconfigure() {},
			};
		},
	};
}
