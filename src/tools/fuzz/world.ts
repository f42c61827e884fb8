/**
 * The fuzz world: an emulated hybrid host set up the way `cgkit diff` sets
 * up a real one for a script, and the handles the operations use.
 *
 * - A private directory CGKIT_TMP = /tmp/$CGKIT_PREFIX with the mountpoints
 *   h1 and h2 of the private named hierarchies the script may mount.
 * - A prefix cgroup $CGKIT_PREFIX in every mounted hierarchy.
 * - The shell: a child of init in the prefix cgroup of every hierarchy, its
 *   working directory CGKIT_TMP. Every operation is made by the shell, by a
 *   short-lived child of it (a transient: what `cat > file` or a setpriv'd
 *   command is), or, for steps that need emulation, by a world task itself.
 *
 * Cgroups are addressed by slot (a hierarchy's directory) and a path below
 * it, tasks by their index in `tasks` (creation order, never reused), so a
 * recorded operation can be replayed on a fresh world.
 */
import { CgroupDirInode } from "../../fs/cgroupfs.ts";
import { O_DIRECTORY, O_RDONLY } from "../../fs/constants.ts";
import { DT_REG } from "../../fs/inode.ts";
import { binaryToUtf8, utf8ToBinary } from "../../kernel/bytes.ts";
import type { Cgroup } from "../../kernel/cgroup/cgroup.ts";
import { isKernelError } from "../../kernel/errno.ts";
import type { Kernel } from "../../kernel/kernel.ts";
import { EXIT_ZOMBIE, PF_EXITING, type Task } from "../../kernel/task.ts";
import { boot, type Host, HYBRID_CONTROLLERS } from "../../userland/boot.ts";

/** The CGKIT_PREFIX of the fuzz world (the real host's runner picks its own). */
export const PREFIX = "cgkit-fuzz";
/** CGKIT_TMP. */
export const TMP = `/tmp/${PREFIX}`;
/** The uid and gid of the unprivileged user (nobody/nogroup). */
export const NOBODY = 65534;

export interface Slot {
	/** Short name used in descriptions. */
	readonly label: string;
	/** The directory in the emulated world. */
	readonly base: string;
	/** The same directory as a sh word (inside double quotes). */
	readonly shBase: string;
	/** The sh variable the reproducer keeps it in. */
	readonly shVar: string;
	/** A named hierarchy the script mounts itself under CGKIT_TMP. */
	readonly private: boolean;
}

function hostSlot(i: number, dir: string): Slot {
	return {
		label: dir,
		base: `/sys/fs/cgroup/${dir}/${PREFIX}`,
		shBase: `/sys/fs/cgroup/${dir}/$CGKIT_PREFIX`,
		shVar: `C${i}`,
		private: false,
	};
}

function privateSlot(i: number, name: string): Slot {
	return {
		label: name,
		base: `${TMP}/${name}`,
		shBase: `$CGKIT_TMP/${name}`,
		shVar: `C${i}`,
		private: true,
	};
}

/**
 * The hierarchies the world lives in: controllers whose attach rules cgkit
 * has in full (cpuset, whose empty cpus/mems refuse tasks on Linux, is left
 * out), the named systemd hierarchy, cgroup2, and two private mountpoints.
 */
export const SLOTS: readonly Slot[] = [
	hostSlot(0, "cpu"),
	hostSlot(1, "memory"),
	hostSlot(2, "pids"),
	hostSlot(3, "systemd"),
	hostSlot(4, "unified"),
	privateSlot(5, "h1"),
	privateSlot(6, "h2"),
];

/** The mounted hierarchies of the hybrid layout the runner makes prefix cgroups in. */
const HOST_MOUNTS = [...HYBRID_CONTROLLERS, "systemd", "unified"];

export type TaskKind = "shell" | "proc" | "inner" | "thread" | "child";

export interface WorldTask {
	readonly task: Task;
	readonly kind: TaskKind;
	/** The sh word that names its pid in a reproducer ("$p3", "$$"), null when sh cannot know it. */
	readonly shPid: string | null;
}

export interface WorldOptions {
	/** pid_max of the emulated kernel: small, so that pid numbers wrap within a run. */
	pidMax?: number;
	/** Live tasks (threads included) the world grows to at most. */
	maxTasks?: number;
	/** Cgroups below the slots the world grows to at most. */
	maxCgroups?: number;
	/** Where pid allocation goes on after the setup (0: right after the shell). */
	nextPid?: number;
}

export const DEFAULT_WORLD: Required<WorldOptions> = {
	pidMax: 1024,
	maxTasks: 24,
	maxCgroups: 40,
	nextPid: 0,
};

export class World {
	readonly host: Host;
	readonly kernel: Kernel;
	readonly opts: Required<WorldOptions>;
	readonly tasks: WorldTask[] = [];
	/** Usermode helpers (release agents) started so far. */
	helperCalls = 0;
	/** Processes the shell reaped in the current step (kill of a child, then wait). */
	readonly reapedByShell = new Set<Task>();

	constructor(opts: WorldOptions = {}) {
		this.opts = { ...DEFAULT_WORLD, ...opts };
		this.host = boot({ layout: "hybrid", pidMax: this.opts.pidMax });
		this.kernel = this.host.kernel;
		this.kernel.usermodeHelper = () => {
			this.helperCalls++;
			return false;
		};
		const { vfs } = this.host;
		const init = this.kernel.init;
		vfs.mkdir(init, TMP, 0o755);
		for (const s of SLOTS) if (s.private) vfs.mkdir(init, s.base, 0o755);
		const prefixes: Cgroup[] = [];
		for (const m of HOST_MOUNTS) {
			const dir = `/sys/fs/cgroup/${m}/${PREFIX}`;
			vfs.mkdir(init, dir, 0o755);
			// As the sandbox does: a cpuset needs CPUs and nodes before a task may join it.
			if (m === "cpuset") {
				for (const f of ["cpuset.cpus", "cpuset.mems"]) {
					vfs.writeFile(init, `${dir}/${f}`, vfs.readFile(init, `/sys/fs/cgroup/cpuset/${f}`));
				}
			}
			prefixes.push(this.cgroupAt(init, dir)!);
		}
		const shell = this.kernel.fork(init);
		this.kernel.exec(shell, "/bin/sh", ["sh"]);
		for (const c of prefixes) this.kernel.attachTask(c, shell, true);
		vfs.chdir(shell, TMP);
		this.kernel.runPendingWork();
		if (this.opts.nextPid > 0) this.kernel.initPidNs.idr.cursor = this.opts.nextPid;
		this.tasks.push({ task: shell, kind: "shell", shPid: "$$" });
	}

	get vfs() {
		return this.host.vfs;
	}

	get shell(): Task {
		return this.tasks[0]!.task;
	}

	/** The emulated path (a byte string) of `rel` below a slot. */
	path(slot: Slot, rel: string): string {
		return rel === "" ? slot.base : `${slot.base}/${utf8ToBinary(rel)}`;
	}

	/** The cgroup a directory is, if it is one. */
	cgroupAt(task: Task, path: string): Cgroup | null {
		try {
			const ref = this.vfs.resolve(task, path);
			return ref.inode instanceof CgroupDirInode ? ref.inode.cgroup : null;
		} catch (e) {
			if (isKernelError(e)) return null;
			throw e;
		}
	}

	/** The cgroup at a slot's directory: null for a private slot with nothing mounted. */
	slotCgroup(slot: Slot): Cgroup | null {
		return this.cgroupAt(this.shell, slot.base);
	}

	/** The live cgroups of a slot as paths relative to it ("" first), pre-order. */
	cgroupPaths(slot: Slot): string[] {
		const top = this.slotCgroup(slot);
		if (top === null) return [];
		const out: string[] = [];
		const walk = (c: Cgroup, rel: string): void => {
			out.push(rel);
			for (const child of c.children.values()) {
				const name = binaryToUtf8(child.name);
				walk(child, rel === "" ? name : `${rel}/${name}`);
			}
		};
		walk(top, "");
		return out;
	}

	/** How many cgroups live below the slots (each hierarchy counted once). */
	countCgroups(): number {
		const seen = new Set<Cgroup>();
		let n = 0;
		for (const s of SLOTS) {
			const top = this.slotCgroup(s);
			if (top === null || seen.has(top)) continue;
			seen.add(top);
			n += top.nrDescendants;
		}
		return n;
	}

	/** The regular files of a directory, by readdir (so files added later are found too). */
	files(path: string): string[] {
		const { vfs } = this;
		const shell = this.shell;
		let fd: number;
		try {
			fd = vfs.open(shell, path, O_RDONLY | O_DIRECTORY);
		} catch (e) {
			if (isKernelError(e)) return [];
			throw e;
		}
		try {
			return vfs
				.getdents(shell, fd)
				.filter((e) => e.type === DT_REG)
				.map((e) => binaryToUtf8(e.name));
		} finally {
			vfs.close(shell, fd);
		}
	}

	/** A task that has not started exiting. */
	alive(i: number): boolean {
		const t = this.tasks[i]?.task;
		return t !== undefined && !t.released && (t.flags & PF_EXITING) === 0;
	}

	/** A process that is a zombie (exited, not reaped). */
	zombie(i: number): boolean {
		const t = this.tasks[i]?.task;
		return t !== undefined && !t.released && t.exitState === EXIT_ZOMBIE;
	}

	/** Is the task one of the shell's threads (which operations must not end)? */
	inShellGroup(i: number): boolean {
		const t = this.tasks[i]?.task;
		return t !== undefined && t.signal === this.shell.signal;
	}

	liveTaskCount(): number {
		let n = 0;
		for (let i = 0; i < this.tasks.length; i++) if (this.alive(i)) n++;
		return n;
	}

	/** Tasks still holding a pid (alive or zombie). */
	presentTaskCount(): number {
		let n = 0;
		for (const wt of this.tasks) if (!wt.task.released) n++;
		return n;
	}

	/** A new world task. */
	add(task: Task, kind: TaskKind, shPid: string | null): number {
		this.tasks.push({ task, kind, shPid });
		return this.tasks.length - 1;
	}

	/** The sh variable a process created at index `i` is kept in. */
	static shVar(i: number): string {
		return `p${i}`;
	}

	/** setpriv --reuid=65534 --regid=65534 --clear-groups, done by the task itself. */
	becomeNobody(task: Task): void {
		const k = this.kernel;
		k.setgroups(task, []);
		k.setresgid(task, NOBODY, NOBODY, NOBODY);
		k.setresuid(task, NOBODY, NOBODY, NOBODY);
	}

	/**
	 * Run `fn` as a short-lived child of the shell (root, or nobody as
	 * setpriv makes it), which then exits and is reaped by the shell.
	 */
	transient<T>(nobody: boolean, fn: (task: Task) => T): T {
		const t = this.kernel.fork(this.shell);
		let result: T;
		try {
			if (nobody) this.becomeNobody(t);
			result = fn(t);
		} catch (e) {
			// A kernel that fails to end it is a finding of its own: report the first error.
			this.endTransient(t, true);
			throw e;
		}
		this.endTransient(t, false);
		return result;
	}

	private endTransient(t: Task, quiet: boolean): void {
		const k = this.kernel;
		try {
			// It may have ended itself already (a kill of a pid number it was given).
			if ((t.flags & PF_EXITING) === 0) k.exit(t, 0);
			k.waitReap(this.shell, t.pid);
			k.runPendingWork();
		} catch (e) {
			if (!quiet) throw e;
		}
	}
}
