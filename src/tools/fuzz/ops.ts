/**
 * The operation table: what the fuzzer does to the world. Each entry has a
 * weight, a generator of arguments (which may look at the world to aim at
 * existing cgroups, files and tasks), an executor that makes the syscalls
 * on the emulated host, and simplifications the shrinker tries.
 *
 * The executor also renders the step as sh through a Recorder: a command
 * run through one of the reproducer's wrappers (`r`, `w`, `wn`, which print
 * "N ok" or "N E <reason>"), plain lines, or nothing when sh cannot express
 * it (threads, tasks acting by themselves: such steps need emulation).
 * Arguments are plain data that address cgroups by slot and path and tasks
 * by world index, so a recorded sequence replays on a fresh world.
 *
 * Safety for the real host, where the lead's host mode runs the same lines:
 * no path leaves the prefix cgroups, no file of the runner's prefix cgroups
 * is written but tasks and cgroup.procs, no signal goes to anything but the
 * script's own processes or pids no process can have, and mount options only
 * name the script's own hierarchies ($CGKIT_PREFIX-1, -2) or controllers
 * bound to busy v1 hierarchies (EBUSY). Steps that could touch someone
 * else's process (a reaped pid, a number that is not the pid it was made
 * from) are marked unsafe.
 */
import {
	F_GETFL,
	MNT_DETACH,
	MS_REMOUNT,
	O_ACCMODE,
	O_CREAT,
	O_RDONLY,
	O_TRUNC,
	O_WRONLY,
} from "../../fs/constants.ts";
import { type ErrnoName, isKernelError, strerror } from "../../kernel/errno.ts";
import { CLONE_NEWPID, CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../kernel/fork.ts";
import { EXIT_ZOMBIE, type Task } from "../../kernel/task.ts";
import type { Random } from "./random.ts";
import { createReason, mountReason, printfFormat, shPath, umountReason } from "./sh.ts";
import {
	AGENT_VALUES,
	COMMON_NAMES,
	FLAG_VALUES,
	GENERIC_VALUES,
	IMPOSSIBLE_PIDS,
	ODD_NAMES,
	PID_JUNK,
	PID_SHAPES,
	type PidRef,
	type ValuePart,
	type ValueSpec,
	valueBytes,
} from "./values.ts";
import { PREFIX, SLOTS, type Slot, World } from "./world.ts";

export type Actor = "root" | "nobody";
/** A world task by index, or a literal pid. */
export type Target = { readonly task: number } | { readonly pid: string };

export type Op =
	| { readonly op: "spawn"; readonly nobody: boolean }
	| { readonly op: "pair"; readonly nobody: boolean }
	| {
			readonly op: "kill";
			readonly target: Target;
			readonly sig: number;
			/** root (the shell), nobody (a setpriv'd child) or a world task (needs emulation). */
			readonly by: Actor | number;
	  }
	| { readonly op: "mkdir"; readonly slot: number; readonly path: string; readonly by: Actor }
	| { readonly op: "rmdir"; readonly slot: number; readonly path: string; readonly by: Actor }
	| { readonly op: "rename"; readonly slot: number; readonly from: string; readonly to: string }
	| {
			readonly op: "write";
			readonly slot: number;
			readonly path: string;
			readonly file: string;
			readonly value: ValueSpec;
			readonly by: Actor | number;
	  }
	| { readonly op: "read"; readonly slot: number; readonly path: string; readonly file: string }
	| {
			readonly op: "proc";
			/** Whose /proc directory (a world task), or null for a file of /proc itself. */
			readonly task: number | null;
			readonly file: string;
			/** The reader: the shell, or a world task (in its own pid namespace, maybe). */
			readonly by: "root" | number;
	  }
	| {
			readonly op: "chmod";
			readonly slot: number;
			readonly path: string;
			readonly file: string | null;
			readonly mode: number;
	  }
	| {
			readonly op: "chown";
			readonly slot: number;
			readonly path: string;
			readonly file: string | null;
			readonly uid: number;
	  }
	| { readonly op: "mount"; readonly slot: number; readonly opts: string }
	| { readonly op: "umount"; readonly slot: number; readonly lazy: boolean }
	| {
			readonly op: "hold";
			readonly slot: number;
			readonly path: string;
			readonly file: string;
			readonly fd: number;
			readonly write: boolean;
	  }
	| { readonly op: "put"; readonly fd: number; readonly value: ValueSpec; readonly by: Actor }
	| { readonly op: "get"; readonly fd: number }
	| { readonly op: "drop"; readonly fd: number }
	| { readonly op: "remount"; readonly slot: number; readonly opts: string }
	| { readonly op: "clone"; readonly task: number; readonly how: "thread" | "fork" | "newpid" }
	| { readonly op: "exit"; readonly task: number; readonly group: boolean }
	| { readonly op: "reap"; readonly task: number }
	| { readonly op: "exec"; readonly task: number }
	| { readonly op: "setcred"; readonly task: number };

export type OpName = Op["op"];
export type OpOf<K extends OpName> = Extract<Op, { op: K }>;

/** How the reproducer runs a step's command: r (any command), w and wn (a write). */
export type Wrapper = "r" | "w" | "wn";

/** What an executor says about the sh rendering of its step. */
export class Recorder {
	/** The command after the wrapper and step number, or plain lines; null for none. */
	sh: string | null = null;
	wrapper: Wrapper | null = null;
	/** The reason line the wrapper prints for an errno (set before each syscall that may fail). */
	reason: (code: ErrnoName) => string = strerror;
	/** Why sh cannot express the step (it needs emulation). */
	emuWhy: string | null = null;
	/** Why the step must not run on a real host. */
	unsafeWhy: string | null = null;
	/** Why the step did nothing (not rendered at all). */
	skipped: string | null = null;

	cmd(wrapper: Wrapper, sh: string, reason: (code: ErrnoName) => string = strerror): void {
		this.wrapper = wrapper;
		this.sh = sh;
		this.reason = reason;
	}

	/** Lines run as they are; the reproducer prints the step's result line after them. */
	lines(sh: string): void {
		this.wrapper = null;
		this.sh = sh;
	}

	emu(why: string): void {
		this.emuWhy ??= why;
	}

	unsafe(why: string): void {
		this.unsafeWhy ??= why;
	}

	skip(why: string): void {
		this.skipped = why;
	}
}

export interface OpDef<O extends Op> {
	readonly weight: number;
	/** Arguments for the current world, or null when the operation makes no sense now. */
	gen(r: Random, w: World): O | null;
	/** Make the syscalls; throws a KernelError when the operation fails. */
	exec(w: World, op: O, rec: Recorder): void;
	/** Simpler variants, simplest first (for the shrinker). */
	simplify(op: O): O[];
	/** The operation with its world task indices renumbered (for the shrinker); none by default. */
	mapTasks?(op: O, f: (i: number) => number): O;
	/**
	 * A failed operation that may legitimately have changed the state (the
	 * kernel's own partial effects, or an operation made of several syscalls
	 * of which a later one failed).
	 */
	failureMayChange?(op: O, code: ErrnoName): boolean;
}

const THREAD_FLAGS = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const CLONE_KINDS: readonly (readonly [number, "thread" | "fork" | "newpid"])[] = [
	[6, "thread"],
	[3, "fork"],
	[1, "newpid"],
];
/** The descriptors the shell may hold open across steps. */
const HELD_FDS = [3, 4, 5];
const SETPRIV = "setpriv --reuid=65534 --regid=65534 --clear-groups";
const SLEEP = ["sleep", "1000"];

/** The signals kill sends, with weights. SIGINT and SIGQUIT are left out: dash makes background jobs ignore them. */
const SIGNALS: readonly (readonly [number, readonly [number, string]])[] = [
	[4, [9, "KILL"]],
	[3, [15, "TERM"]],
	[1, [1, "HUP"]],
	[1, [10, "USR1"]],
	[2, [19, "STOP"]],
	[2, [18, "CONT"]],
	[1, [17, "CHLD"]],
	[1, [0, "0"]],
];
const SIGNAL_NAMES = new Map<number, string>(SIGNALS.map(([, [n, name]]) => [n, name]));

/** The files a write by pid goes to; the only files of the runner's prefix cgroups ever written. */
const PID_FILES = new Set(["tasks", "cgroup.procs", "cgroup.threads"]);
const FLAG_FILES = new Set(["notify_on_release", "cgroup.clone_children"]);
/** Names tried as files besides what readdir lists. */
const EXTRA_FILES = [
	"tasks",
	"cgroup.procs",
	"notify_on_release",
	"release_agent",
	"cgroup.clone_children",
	"cgroup.sane_behavior",
	"nonexistent",
];

/**
 * Mount options of a private hierarchy; @P is $CGKIT_PREFIX. Only the
 * script's own names, or controllers of the world's busy v1 hierarchies.
 */
export const MOUNT_OPTS: readonly string[] = [
	"none,name=@P-1",
	"none,name=@P-1",
	"none,name=@P-2",
	"none,name=@P-2",
	"name=@P-1",
	"name=@P-2",
	"none,name=@P-1,xattr",
	"none,name=@P-2,noprefix",
	"none,name=@P-1,clone_children",
	"none,name=@P-1,release_agent=/bin/true",
	"none,name=@P-1,release_agent=/bin/true",
	"none,name=@P-1,release_agent=/bin/true",
	"none,name=@P-2,release_agent=/bin/true",
	"none,name=@P-2,release_agent=/bin/true",
	"none,name=@P-2,release_agent=/nonexistent",
	"none,name=@P-1,favordynmods",
	"none,name=@P-2,cpuset_v2_mode",
	"none,name=@P-1,xattr,noprefix,clone_children",
	"none,name=@P-1,cpu",
	"name=@P-2,memory,pids",
	"none,name=@P-1,all",
	"none",
	"none,name=",
	"name",
	"none,name=@P-1,name=@P-2",
	"none,name=@P/x",
	"none,name=@P-1,bogus",
	`none,name=@P-${"x".repeat(64)}`,
	"none,name=@P-1,release_agent",
	"none,name=@P-1,release_agent=/bin/true,release_agent=/bin/true",
	"none,name=@P-1,xattr=1",
	"none,,name=@P-2",
];

const MODES = [0o777, 0o755, 0o700, 0o666, 0o644, 0o000, 0o1777];

// ------------------------------------------------------------------ helpers

/**
 * A path below a slot with "." and ".." resolved lexically, or null when it
 * climbs out of the slot (which could reach cgroups the script does not own).
 */
export function normalize(rel: string): string | null {
	const out: string[] = [];
	for (const part of rel.split("/")) {
		if (part === "" || part === ".") continue;
		if (part === "..") {
			if (out.length === 0) return null;
			out.pop();
		} else out.push(part);
	}
	return out.join("/");
}

function join(dir: string, name: string): string {
	return dir === "" ? name : `${dir}/${name}`;
}

const DOTS = new Set([".", ".."]);

function basename(rel: string): string {
	return rel.slice(rel.lastIndexOf("/") + 1);
}

function dirname(rel: string): string {
	const i = rel.lastIndexOf("/");
	return i < 0 ? "" : rel.slice(0, i);
}

/** The slot, if something is there (a private slot may have nothing mounted). */
function mountedSlot(w: World, i: number, rec: Recorder): Slot | null {
	const slot = SLOTS[i];
	if (slot === undefined) {
		rec.skip("no such slot");
		return null;
	}
	if (slot.private && w.slotCgroup(slot) === null) {
		rec.skip("nothing mounted there");
		return null;
	}
	return slot;
}

/** A path of the slot the step may use: inside it, and not the runner's prefix cgroup itself. */
function ownPath(slot: Slot, rel: string, rec: Recorder, baseOk = false): boolean {
	const n = normalize(rel);
	if (n === null) {
		rec.skip("outside the slot");
		return false;
	}
	if (n === "" && !baseOk && !slot.private) {
		rec.skip("the runner's prefix cgroup");
		return false;
	}
	return true;
}

/** How often each slot is chosen (the unified slot is the one cgroup2 hierarchy). */
const SLOT_WEIGHTS = [3, 2, 2, 2, 1, 3, 3];

/** A slot with something mounted, by weight. */
function genSlot(r: Random, w: World): number {
	const items: [number, number][] = [];
	SLOTS.forEach((s, i) => {
		if (!s.private || w.slotCgroup(s) !== null) items.push([SLOT_WEIGHTS[i] ?? 1, i]);
	});
	return r.weighted(items);
}

function genName(r: Random): string {
	return r.chance(0.8) ? r.pick(COMMON_NAMES) : r.pick(ODD_NAMES);
}

/**
 * A world task index: mostly tasks that still hold their pid, sometimes
 * reaped ones (their pid is stale).
 */
function genTask(
	r: Random,
	w: World,
	exclude: (i: number) => boolean = () => false,
): number | null {
	const items: [number, number][] = [];
	w.tasks.forEach((wt, i) => {
		if (exclude(i)) return;
		items.push([wt.task.released ? 1 : w.zombie(i) ? 3 : 6, i]);
	});
	return items.length === 0 ? null : r.weighted(items);
}

function genLiveTask(
	r: Random,
	w: World,
	exclude: (i: number) => boolean = () => false,
): number | null {
	const live: number[] = [];
	for (let i = 0; i < w.tasks.length; i++) if (w.alive(i) && !exclude(i)) live.push(i);
	return live.length === 0 ? null : r.pick(live);
}

function genActor(r: Random, w: World, taskShare: number): Actor | number {
	if (r.chance(taskShare)) {
		const t = genLiveTask(r, w);
		if (t !== null) return t;
	}
	return r.chance(0.85) ? "root" : "nobody";
}

/** A cgroup path of a slot (existing most of the time). */
function genCgroupPath(r: Random, w: World, slot: number, baseOk: boolean): string {
	const s = SLOTS[slot]!;
	const paths = w.cgroupPaths(s).filter((p) => p !== "" || baseOk || s.private);
	if (paths.length === 0 || r.chance(0.08)) {
		const parent = paths.length === 0 ? "" : r.pick(paths);
		return join(parent, genName(r));
	}
	return r.pick(paths);
}

function genValue(r: Random, w: World, file: string): ValueSpec {
	const literal = (pool: readonly string[]): ValueSpec => ({ parts: [r.pick(pool)] });
	if (
		PID_FILES.has(file) ||
		(!FLAG_FILES.has(file) && file !== "release_agent" && r.chance(0.15))
	) {
		// "0": the writer itself, a transient that moves and then exits (a release agent's cue).
		if (r.chance(0.1)) return { parts: ["0"] };
		if (r.chance(0.25)) return literal(PID_JUNK);
		const t = genTask(r, w) ?? 0;
		const u = genTask(r, w) ?? 0;
		const shape = r.chance(0.5) ? PID_SHAPES[0]! : r.pick(PID_SHAPES);
		const parts: ValuePart[] = shape.parts.map((p): ValuePart => {
			if (p === "$t") return { task: t, base: 10 };
			if (p === "$u") return { task: u, base: 10 };
			if (p === "$tx") return { task: t, base: 16 };
			if (p === "$to") return { task: t, base: 8 };
			return p;
		});
		return shape.unsafe ? { parts, unsafe: true } : { parts };
	}
	// notify_on_release=1 in a hierarchy with a release agent is what runs agents: often valid.
	if (FLAG_FILES.has(file)) return literal(r.chance(0.5) ? ["1", "1\n", "0"] : FLAG_VALUES);
	if (file === "release_agent") return literal(AGENT_VALUES);
	return literal(r.chance(0.3) ? FLAG_VALUES : GENERIC_VALUES);
}

/** The sh word of a world task's pid; marks the step as needing emulation or unsafe as needed. */
function pidWord(w: World, i: number, rec: Recorder): string | null {
	const wt = w.tasks[i];
	if (wt === undefined) {
		rec.skip("no such task");
		return null;
	}
	if (wt.shPid === null) rec.emu("the pid of a task sh cannot name (a thread, a child of a task)");
	if (wt.task.released) {
		rec.unsafe("a reaped pid, which the real host may have given to someone else");
	}
	return wt.shPid ?? String(wt.task.pid);
}

/** The printf format and arguments that write a value. */
function valueSh(w: World, v: ValueSpec, rec: Recorder): string[] | null {
	let format = "";
	const args: string[] = [];
	for (const p of v.parts) {
		if (typeof p === "string") {
			format += printfFormat(p);
			continue;
		}
		const word = pidWord(w, p.task, rec);
		if (word === null) return null;
		format += p.base === 16 ? "0x%x" : p.base === 8 ? "0%o" : "%s";
		args.push(`"${word}"`);
	}
	if (v.unsafe) rec.unsafe("the number written is not the pid it was made from");
	return [`'${format}'`, ...args];
}

/** A world task the step uses as the actor, if it can act (is alive). */
function liveActor(w: World, i: number, rec: Recorder): Task | null {
	if (!w.alive(i)) {
		rec.skip("the task is not alive");
		return null;
	}
	rec.emu("a task acting by itself (not the shell or a child of it)");
	return w.tasks[i]!.task;
}

/** open(O_WRONLY|O_CREAT|O_TRUNC) and one write(2) of the whole value, as `cat < v > file` does. */
function writeAs(w: World, task: Task, path: string, bytes: string, rec: Recorder): void {
	const { vfs } = w;
	rec.reason = createReason;
	const fd = vfs.open(task, path, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
	try {
		rec.reason = strerror;
		if (bytes.length > 0) vfs.write(task, fd, bytes);
	} finally {
		vfs.close(task, fd);
	}
}

/** The shell's child the step's fatal signal killed is waited for, as the reproducer does. */
function reapKilled(w: World, target: Task | null): void {
	const leader = target?.groupLeader;
	if (leader === undefined || leader.exitState !== EXIT_ZOMBIE || leader.released) return;
	if (leader.realParent !== w.shell) return;
	w.kernel.waitReap(w.shell, leader.pid);
	w.reapedByShell.add(leader);
}

function byMapped<O extends Op & { by: Actor | number }>(op: O): O[] {
	return op.by === "root" ? [] : [{ ...op, by: "root" }];
}

// -------------------------------------------------------------- the table

const spawn: OpDef<OpOf<"spawn">> = {
	weight: 5,
	gen: (r) => ({ op: "spawn", nobody: r.chance(0.3) }),
	exec(w, op, rec) {
		if (w.liveTaskCount() >= w.opts.maxTasks) return rec.skip("task cap");
		const i = w.tasks.length;
		const v = World.shVar(i);
		rec.lines(`${op.nobody ? `${SETPRIV} ` : ""}sleep 1000 & ${v}=$!`);
		const k = w.kernel;
		const t = k.fork(w.shell);
		w.add(t, "proc", `$${v}`);
		if (op.nobody) w.becomeNobody(t);
		k.exec(t, "/usr/bin/sleep", SLEEP);
	},
	simplify: (op) => (op.nobody ? [{ ...op, nobody: false }] : []),
};

/** A process with a child it never waits for: killing the child leaves a zombie. */
const pair: OpDef<OpOf<"pair">> = {
	weight: 1.5,
	gen: (r) => ({ op: "pair", nobody: r.chance(0.3) }),
	exec(w, op, rec) {
		if (w.liveTaskCount() + 2 > w.opts.maxTasks) return rec.skip("task cap");
		const i = w.tasks.length;
		const outer = World.shVar(i);
		const inner = World.shVar(i + 1);
		rec.lines(
			`${op.nobody ? `${SETPRIV} ` : ""}sh -c 'sleep 1000 & exec sleep 1000' & ${outer}=$!; pair "$${outer}"; ${inner}=$c`,
		);
		const k = w.kernel;
		const o = k.fork(w.shell);
		w.add(o, "proc", `$${outer}`);
		if (op.nobody) w.becomeNobody(o);
		k.exec(o, "/bin/sh", ["sh", "-c", "sleep 1000 & exec sleep 1000"]);
		const c = k.fork(o);
		w.add(c, "inner", `$${inner}`);
		k.exec(c, "/usr/bin/sleep", SLEEP);
		k.exec(o, "/usr/bin/sleep", SLEEP);
	},
	simplify: (op) => (op.nobody ? [{ ...op, nobody: false }] : []),
	// Two forks: the second can fail (EAGAIN from alloc_pid() once pid numbers run out)
	// after the first made the outer process, as `sh -c 'sleep 1000 & …'` would.
	failureMayChange: () => true,
};

const kill: OpDef<OpOf<"kill">> = {
	weight: 4,
	gen(r, w) {
		const sig = r.weighted(SIGNALS)[0];
		let target: Target;
		if (r.chance(0.1)) target = { pid: r.pick(IMPOSSIBLE_PIDS) };
		else {
			const t = genTask(r, w, (i) => w.inShellGroup(i));
			if (t === null) return null;
			target = { task: t };
		}
		return { op: "kill", target, sig, by: genActor(r, w, 0.05) };
	},
	exec(w, op, rec) {
		const k = w.kernel;
		let word: string;
		let pid: number;
		if ("pid" in op.target) {
			word = op.target.pid;
			pid = Number(op.target.pid);
		} else {
			const got = pidWord(w, op.target.task, rec);
			if (got === null) return;
			word = got;
			pid = w.tasks[op.target.task]!.task.pid;
		}
		const target = k.findTask(pid);
		if (target !== null && target.signal === w.shell.signal) return rec.skip("the shell itself");
		const sigWord = SIGNAL_NAMES.get(op.sig) ?? String(op.sig);
		if (typeof op.by === "number") {
			const actor = liveActor(w, op.by, rec);
			if (actor === null) return;
			k.kill(actor, pid, op.sig);
		} else if (op.by === "nobody") {
			rec.cmd("r", `nobody kill -s ${sigWord} ${word}`);
			w.transient(true, (t) => k.kill(t, pid, op.sig));
		} else {
			rec.cmd("r", `kill -s ${sigWord} ${word}`);
			k.kill(w.shell, pid, op.sig);
		}
		reapKilled(w, target);
	},
	simplify: (op) => [...byMapped(op), ...(op.sig === 9 ? [] : [{ ...op, sig: 9 }])],
	mapTasks: (op, f) => ({
		...op,
		target: "task" in op.target ? { task: f(op.target.task) } : op.target,
		by: typeof op.by === "number" ? f(op.by) : op.by,
	}),
};

const mkdir: OpDef<OpOf<"mkdir">> = {
	weight: 10,
	gen(r, w) {
		const slot = genSlot(r, w);
		const parent = genCgroupPath(r, w, slot, true);
		const name = r.chance(0.04) ? `nonexistent/${genName(r)}` : genName(r);
		return { op: "mkdir", slot, path: join(parent, name), by: r.chance(0.1) ? "nobody" : "root" };
	},
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, op.path, rec)) return;
		if (w.countCgroups() >= w.opts.maxCgroups) return rec.skip("cgroup cap");
		const path = w.path(slot, op.path);
		const nobody = op.by === "nobody";
		rec.cmd("r", `${nobody ? "nobody " : ""}mkdir -- ${shPath(slot, op.path)}`);
		if (nobody) w.transient(true, (t) => w.vfs.mkdir(t, path, 0o777));
		else w.vfs.mkdir(w.shell, path, 0o777);
	},
	simplify(op) {
		const out: OpOf<"mkdir">[] = [...byMapped(op)];
		const base = op.path.slice(op.path.lastIndexOf("/") + 1);
		if (base !== "a") out.push({ ...op, path: join(dirname(op.path), "a") });
		if (op.path.includes("/")) out.push({ ...op, path: base });
		return out;
	},
};

const rmdir: OpDef<OpOf<"rmdir">> = {
	weight: 5,
	gen(r, w) {
		const slot = genSlot(r, w);
		const s = SLOTS[slot]!;
		const paths = w.cgroupPaths(s).filter((p) => p !== "" || s.private);
		let path: string;
		if (paths.length > 0 && r.chance(0.85)) path = r.pick(paths);
		else path = join(paths.length > 0 && r.chance(0.5) ? r.pick(paths) : "", genName(r));
		return { op: "rmdir", slot, path, by: r.chance(0.1) ? "nobody" : "root" };
	},
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, op.path, rec)) return;
		const path = w.path(slot, op.path);
		const nobody = op.by === "nobody";
		rec.cmd("r", `${nobody ? "nobody " : ""}rmdir -- ${shPath(slot, op.path)}`);
		if (nobody) w.transient(true, (t) => w.vfs.rmdir(t, path));
		else w.vfs.rmdir(w.shell, path);
	},
	simplify: (op) => byMapped(op),
};

const rename: OpDef<OpOf<"rename">> = {
	weight: 3,
	gen(r, w) {
		const slot = genSlot(r, w);
		const s = SLOTS[slot]!;
		const dirs = w.cgroupPaths(s);
		const nonBase = dirs.filter((p) => p !== "");
		const from = nonBase.length > 0 && r.chance(0.9) ? r.pick(nonBase) : genName(r);
		const roll = r.int(100);
		let to: string;
		if (roll < 60) to = join(dirname(from), genName(r));
		else if (roll < 85) to = join(r.pick(dirs), genName(r));
		else to = nonBase.length > 0 ? r.pick(nonBase) : genName(r);
		return { op: "rename", slot, from, to };
	},
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null) return;
		const from = normalize(op.from);
		const to = normalize(op.to);
		if (from === null || to === null || from === "" || to === "")
			return rec.skip("outside the slot");
		// mv checks these itself and never calls rename(2).
		if (to === from || to.startsWith(`${from}/`)) return rec.skip("mv refuses");
		if (DOTS.has(basename(op.from)) || DOTS.has(basename(op.to))) {
			return rec.skip("mv treats . and .. itself");
		}
		// GNU mv reports EINVAL as "cannot move X to a subdirectory of itself, Y", naming the files.
		if (op.from.includes("\n") || op.to.includes("\n")) {
			rec.emu("mv's message for EINVAL quotes the names");
		}
		const src = w.path(slot, op.from);
		const dst = w.path(slot, op.to);
		const isDir = (p: string): boolean | null => {
			try {
				return (w.vfs.lstat(w.shell, p).mode & 0o170000) === 0o040000;
			} catch {
				return null;
			}
		};
		const srcDir = isDir(src);
		const dstDir = isDir(dst);
		if (dstDir !== null && srcDir !== null && dstDir !== srcDir) {
			rec.emu("mv refuses to replace a directory by a file or the reverse");
		}
		// When rename(2) fails, mv stats the source and reports that error if there is one.
		let statError: ErrnoName | null = null;
		try {
			w.vfs.lstat(w.shell, src);
		} catch (e) {
			if (isKernelError(e)) statError = e.code;
			else throw e;
		}
		rec.cmd("r", `mv -T -- ${shPath(slot, op.from)} ${shPath(slot, op.to)}`, (code) =>
			strerror(code !== "EEXIST" && statError !== null ? statError : code),
		);
		w.vfs.rename(w.shell, src, dst);
	},
	simplify(op) {
		const to = join(dirname(op.from), "z");
		return op.to === to ? [] : [{ ...op, to }];
	},
};

const write: OpDef<OpOf<"write">> = {
	weight: 22,
	gen(r, w) {
		const slot = genSlot(r, w);
		const path = genCgroupPath(r, w, slot, true);
		const listed = w.files(w.path(SLOTS[slot]!, path));
		let file = listed.length > 0 && r.chance(0.85) ? r.pick(listed) : r.pick(EXTRA_FILES);
		// Mostly the pid files: moving tasks is what most of cgroup v1 is about.
		const pidFiles = listed.filter((f) => PID_FILES.has(f));
		if (pidFiles.length > 0 && r.chance(0.35)) file = r.pick(pidFiles);
		return {
			op: "write",
			slot,
			path,
			file,
			value: genValue(r, w, file),
			by: genActor(r, w, 0.12),
		};
	},
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, op.path, rec, PID_FILES.has(op.file))) return;
		if (op.file.includes("/") || op.file === "." || op.file === "..") return rec.skip("not a file");
		for (const p of op.value.parts) {
			if (typeof p !== "string" && w.tasks[p.task] === undefined) return rec.skip("no such task");
		}
		const path = w.path(slot, join(op.path, op.file));
		const args = valueSh(w, op.value, rec);
		if (args === null) return;
		const bytes = valueBytes(op.value, (i) => w.tasks[i]!.task.pid);
		const where = shPath(slot, join(op.path, op.file));
		if (typeof op.by === "number") {
			const actor = liveActor(w, op.by, rec);
			if (actor === null) return;
			writeAs(w, actor, path, bytes, rec);
		} else {
			const nobody = op.by === "nobody";
			rec.cmd(nobody ? "wn" : "w", `${where} ${args.join(" ")}`);
			w.transient(nobody, (t) => writeAs(w, t, path, bytes, rec));
		}
	},
	simplify(op) {
		const out: OpOf<"write">[] = [...byMapped(op)];
		const pid = op.value.parts.find((p): p is PidRef => typeof p !== "string");
		const plain: ValueSpec =
			pid !== undefined ? { parts: [{ task: pid.task, base: 10 }] } : { parts: ["1"] };
		if (JSON.stringify(plain) !== JSON.stringify(op.value)) out.push({ ...op, value: plain });
		if (op.path.includes("/")) out.push({ ...op, path: dirname(op.path) });
		return out;
	},
	mapTasks: (op, f) => ({
		...op,
		value: {
			...op.value,
			parts: op.value.parts.map((p) => (typeof p === "string" ? p : { ...p, task: f(p.task) })),
		},
		by: typeof op.by === "number" ? f(op.by) : op.by,
	}),
};

const read: OpDef<OpOf<"read">> = {
	weight: 3,
	gen(r, w) {
		const slot = genSlot(r, w);
		const path = genCgroupPath(r, w, slot, true);
		const listed = w.files(w.path(SLOTS[slot]!, path));
		const file = listed.length > 0 && r.chance(0.9) ? r.pick(listed) : r.pick(EXTRA_FILES);
		return { op: "read", slot, path, file };
	},
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, join(op.path, op.file), rec)) return;
		const { vfs } = w;
		const shell = w.shell;
		rec.cmd("r", `cat -- ${shPath(slot, join(op.path, op.file))}`);
		const fd = vfs.open(shell, w.path(slot, join(op.path, op.file)), O_RDONLY);
		try {
			while (vfs.read(shell, fd, 65536).length > 0);
		} finally {
			vfs.close(shell, fd);
		}
	},
	simplify: () => [],
};

/** Files of /proc/<pid> (and of /proc itself) that show cgroups, mounts and task state. */
const PROC_PID_FILES = [
	"cgroup",
	"cgroup",
	"status",
	"mountinfo",
	"mounts",
	"cg_list",
	"task/cgroup",
];
const PROC_FILES = ["cgroups", "self/cgroup", "thread-self/cgroup", "self/mountinfo"];

const proc: OpDef<OpOf<"proc">> = {
	weight: 3,
	gen(r, w) {
		const by = r.chance(0.15) ? (genLiveTask(r, w) ?? "root") : "root";
		if (r.chance(0.2)) return { op: "proc", task: null, file: r.pick(PROC_FILES), by };
		return { op: "proc", task: genTask(r, w), file: r.pick(PROC_PID_FILES), by };
	},
	exec(w, op, rec) {
		const { vfs } = w;
		let path: string;
		let sh: string;
		if (op.task === null) {
			path = `/proc/${op.file}`;
			sh = path;
		} else {
			const word = pidWord(w, op.task, rec);
			if (word === null) return;
			const t = w.tasks[op.task]!.task;
			// The task's number as the reader sees it: the shell is in the initial pid namespace.
			const reader = typeof op.by === "number" ? w.tasks[op.by]?.task : w.shell;
			const nr = reader === undefined ? t.pid : t.pidIn(reader.pidNs);
			const rel = op.file === "task/cgroup" ? `task/${nr}/cgroup` : op.file;
			path = `/proc/${nr}/${rel}`;
			sh = `/proc/"${word}"/${op.file === "task/cgroup" ? `task/"${word}"/cgroup` : rel}`;
		}
		if (op.file === "cg_list") rec.emu("cgkit's own debug file");
		let reader = w.shell;
		if (typeof op.by === "number") {
			const actor = liveActor(w, op.by, rec);
			if (actor === null) return;
			reader = actor;
		}
		rec.cmd("r", `cat -- ${sh}`);
		const fd = vfs.open(reader, path, O_RDONLY);
		try {
			while (vfs.read(reader, fd, 65536).length > 0);
		} finally {
			vfs.close(reader, fd);
		}
	},
	simplify: (op) => (op.by === "root" ? [] : [{ ...op, by: "root" }]),
	mapTasks: (op, f) => ({
		...op,
		task: op.task === null ? null : f(op.task),
		by: typeof op.by === "number" ? f(op.by) : op.by,
	}),
};

function genAttrTarget(r: Random, w: World): { slot: number; path: string; file: string | null } {
	const slot = genSlot(r, w);
	const path = genCgroupPath(r, w, slot, false);
	if (r.chance(0.5)) return { slot, path, file: null };
	const listed = w.files(w.path(SLOTS[slot]!, path));
	return { slot, path, file: listed.length > 0 ? r.pick(listed) : "tasks" };
}

const chmod: OpDef<OpOf<"chmod">> = {
	weight: 1,
	gen: (r, w) => ({ op: "chmod", ...genAttrTarget(r, w), mode: r.pick(MODES) }),
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, op.path, rec)) return;
		const rel = op.file === null ? op.path : join(op.path, op.file);
		rec.cmd("r", `chmod ${op.mode.toString(8).padStart(3, "0")} -- ${shPath(slot, rel)}`);
		w.vfs.chmod(w.shell, w.path(slot, rel), op.mode);
	},
	simplify: () => [],
};

const chown: OpDef<OpOf<"chown">> = {
	weight: 2,
	gen: (r, w) => ({ op: "chown", ...genAttrTarget(r, w), uid: r.chance(0.8) ? 65534 : 0 }),
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, op.path, rec)) return;
		const rel = op.file === null ? op.path : join(op.path, op.file);
		rec.cmd("r", `chown ${op.uid}:${op.uid} -- ${shPath(slot, rel)}`);
		w.vfs.chown(w.shell, w.path(slot, rel), op.uid, op.uid);
	},
	simplify: () => [],
};

const PRIVATE_SLOTS = SLOTS.flatMap((s, i) => (s.private ? [i] : []));

const mount: OpDef<OpOf<"mount">> = {
	weight: 2,
	gen(r, w) {
		const free = PRIVATE_SLOTS.filter((i) => w.slotCgroup(SLOTS[i]!) === null);
		if (free.length === 0) return null;
		return { op: "mount", slot: r.pick(free), opts: r.pick(MOUNT_OPTS) };
	},
	exec(w, op, rec) {
		const slot = SLOTS[op.slot];
		if (slot === undefined || !slot.private) return rec.skip("not a private slot");
		if (w.slotCgroup(slot) !== null) return rec.skip("already mounted");
		rec.cmd(
			"r",
			`mount -t cgroup -o "${op.opts.replaceAll("@P", "$CGKIT_PREFIX")}" cgroup "$${slot.shVar}"`,
			mountReason,
		);
		w.vfs.mount(w.shell, "cgroup", slot.base, "cgroup", 0, op.opts.replaceAll("@P", PREFIX));
	},
	simplify(op) {
		const plain = `none,name=@P-${op.slot === PRIVATE_SLOTS[0] ? 1 : 2}`;
		return op.opts === plain ? [] : [{ ...op, opts: plain }];
	},
};

const umount: OpDef<OpOf<"umount">> = {
	weight: 1,
	gen: (r) => ({ op: "umount", slot: r.pick(PRIVATE_SLOTS), lazy: r.chance(0.2) }),
	exec(w, op, rec) {
		const slot = SLOTS[op.slot];
		if (slot === undefined || !slot.private) return rec.skip("not a private slot");
		rec.cmd("r", `umount ${op.lazy ? "-l " : ""}"$${slot.shVar}"`, umountReason);
		w.vfs.umount(w.shell, slot.base, op.lazy ? MNT_DETACH : 0);
	},
	simplify: (op) => (op.lazy ? [{ ...op, lazy: false }] : []),
};

// ------------------------------------------- steps that need emulation

const clone: OpDef<OpOf<"clone">> = {
	weight: 4,
	gen(r, w) {
		const task = genLiveTask(r, w);
		if (task === null) return null;
		return { op: "clone", task, how: r.weighted(CLONE_KINDS) };
	},
	exec(w, op, rec) {
		const parent = liveActor(w, op.task, rec);
		if (parent === null) return;
		if (w.liveTaskCount() >= w.opts.maxTasks) return rec.skip("task cap");
		const thread = op.how === "thread";
		rec.emu(thread ? "thread creation" : "fork of a task other than the shell");
		const flags = thread ? THREAD_FLAGS : op.how === "newpid" ? CLONE_NEWPID : 0;
		const child = w.kernel.fork(parent, { flags });
		w.add(child, thread ? "thread" : "child", null);
	},
	simplify: (op) => (op.how === "fork" ? [] : [{ ...op, how: "fork" }]),
	mapTasks: (op, f) => ({ ...op, task: f(op.task) }),
};

const exit: OpDef<OpOf<"exit">> = {
	weight: 3,
	gen(r, w) {
		const group = r.chance(0.4);
		const task = genLiveTask(
			r,
			w,
			(i) => i === 0 || (group && w.inShellGroup(i)) || w.tasks[i]!.task === w.shell,
		);
		return task === null ? null : { op: "exit", task, group };
	},
	exec(w, op, rec) {
		const t = liveActor(w, op.task, rec);
		if (t === null) return;
		if (t === w.shell || (op.group && t.signal === w.shell.signal)) return rec.skip("the shell");
		rec.emu(op.group ? "exit_group() of a task" : "exit() of one thread");
		if (op.group) w.kernel.exitGroup(t, 0);
		else w.kernel.exit(t, 0);
	},
	simplify: () => [],
	mapTasks: (op, f) => ({ ...op, task: f(op.task) }),
};

const reap: OpDef<OpOf<"reap">> = {
	weight: 1,
	gen(r, w) {
		const zombies: number[] = [];
		for (let i = 0; i < w.tasks.length; i++) if (w.zombie(i)) zombies.push(i);
		return zombies.length === 0 ? null : { op: "reap", task: r.pick(zombies) };
	},
	exec(w, op, rec) {
		if (!w.zombie(op.task)) return rec.skip("not a zombie");
		const t = w.tasks[op.task]!.task;
		const parent = t.realParent;
		if (parent === null || parent.released || parent.exitState !== 0) return rec.skip("no parent");
		rec.emu("wait4() by a task other than the shell");
		w.kernel.waitReap(parent, t.tgidIn(parent.pidNs));
	},
	simplify: () => [],
	mapTasks: (op, f) => ({ ...op, task: f(op.task) }),
};

const exec: OpDef<OpOf<"exec">> = {
	weight: 1,
	gen(r, w) {
		const task = genLiveTask(r, w, (i) => w.inShellGroup(i));
		return task === null ? null : { op: "exec", task };
	},
	exec(w, op, rec) {
		const t = liveActor(w, op.task, rec);
		if (t === null) return;
		if (t.signal === w.shell.signal) return rec.skip("the shell");
		rec.emu("execve() by a task");
		w.kernel.exec(t, "/usr/bin/sleep", SLEEP);
	},
	simplify: () => [],
	mapTasks: (op, f) => ({ ...op, task: f(op.task) }),
};

const setcred: OpDef<OpOf<"setcred">> = {
	weight: 0.5,
	gen(r, w) {
		const task = genLiveTask(r, w, (i) => w.inShellGroup(i));
		return task === null ? null : { op: "setcred", task };
	},
	exec(w, op, rec) {
		const t = liveActor(w, op.task, rec);
		if (t === null) return;
		if (t.signal === w.shell.signal) return rec.skip("the shell");
		rec.emu("a task changing its own credentials");
		w.becomeNobody(t);
	},
	simplify: () => [],
	mapTasks: (op, f) => ({ ...op, task: f(op.task) }),
};

// --------------------------------- files the shell keeps open across steps
// (emulated only for now: cgkit's dash does not keep the redirections of
// `command exec 3>FILE`, the only way sh can open a descriptor and survive
// the failure.)

const hold: OpDef<OpOf<"hold">> = {
	weight: 2,
	gen(r, w) {
		const slot = genSlot(r, w);
		const path = genCgroupPath(r, w, slot, true);
		const listed = w.files(w.path(SLOTS[slot]!, path));
		const file = listed.length > 0 && r.chance(0.9) ? r.pick(listed) : r.pick(EXTRA_FILES);
		return { op: "hold", slot, path, file, fd: r.pick(HELD_FDS), write: r.chance(0.7) };
	},
	exec(w, op, rec) {
		const slot = mountedSlot(w, op.slot, rec);
		if (slot === null || !ownPath(slot, op.path, rec, true)) return;
		if (!HELD_FDS.includes(op.fd)) return rec.skip("not a descriptor the world holds");
		if (op.file.includes("/") || op.file === "." || op.file === "..") return rec.skip("not a file");
		if (op.write && !slot.private && normalize(op.path) === "" && !PID_FILES.has(op.file)) {
			return rec.skip("a file of the runner's prefix cgroup");
		}
		rec.emu("a descriptor the shell keeps open (exec 3>FILE)");
		const { vfs } = w;
		const shell = w.shell;
		const flags = op.write ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY;
		const fd = vfs.open(shell, w.path(slot, join(op.path, op.file)), flags, 0o666);
		if (fd !== op.fd) {
			vfs.dup2(shell, fd, op.fd);
			vfs.close(shell, fd);
		}
	},
	simplify: () => [],
};

/**
 * One of the descriptors the shell holds: mostly one open for the access
 * wanted; null (nothing to do) most of the time there is none.
 */
function genFd(r: Random, w: World, access: number | null): number | null {
	const open = HELD_FDS.filter((fd) => {
		try {
			const flags = w.vfs.fcntl(w.shell, fd, F_GETFL);
			return access === null || (flags & O_ACCMODE) === access;
		} catch {
			return false;
		}
	});
	if (open.length === 0) return r.chance(0.2) ? r.pick(HELD_FDS) : null;
	return r.chance(0.95) ? r.pick(open) : r.pick(HELD_FDS);
}

const put: OpDef<OpOf<"put">> = {
	weight: 3,
	gen(r, w) {
		const fd = genFd(r, w, O_WRONLY);
		if (fd === null) return null;
		return { op: "put", fd, value: genValue(r, w, "tasks"), by: r.chance(0.3) ? "nobody" : "root" };
	},
	exec(w, op, rec) {
		for (const p of op.value.parts) {
			if (typeof p !== "string" && w.tasks[p.task] === undefined) return rec.skip("no such task");
		}
		rec.emu("a write through a descriptor the shell holds (cat <v >&3)");
		const bytes = valueBytes(op.value, (i) => w.tasks[i]!.task.pid);
		// The child inherits the descriptor: the open file's credentials are the shell's.
		w.transient(op.by === "nobody", (t) => {
			if (bytes.length > 0) w.vfs.write(t, op.fd, bytes);
		});
	},
	simplify: (op) => byMapped(op),
	mapTasks: (op, f) => ({
		...op,
		value: {
			...op.value,
			parts: op.value.parts.map((p) => (typeof p === "string" ? p : { ...p, task: f(p.task) })),
		},
	}),
};

const get: OpDef<OpOf<"get">> = {
	weight: 1.5,
	gen(r, w) {
		const fd = genFd(r, w, O_RDONLY);
		return fd === null ? null : { op: "get", fd };
	},
	exec(w, op, rec) {
		rec.emu("a read through a descriptor the shell holds (cat <&3)");
		while (w.vfs.read(w.shell, op.fd, 4096).length > 0);
	},
	simplify: () => [],
};

const drop: OpDef<OpOf<"drop">> = {
	weight: 1,
	gen(r, w) {
		const fd = genFd(r, w, null);
		return fd === null ? null : { op: "drop", fd };
	},
	exec(w, op, rec) {
		rec.emu("closing a descriptor the shell holds (exec 3>&-)");
		w.vfs.close(w.shell, op.fd);
	},
	simplify: () => [],
};

const remount: OpDef<OpOf<"remount">> = {
	weight: 1,
	gen(r, w) {
		const mounted = PRIVATE_SLOTS.filter((i) => w.slotCgroup(SLOTS[i]!) !== null);
		return mounted.length === 0
			? null
			: { op: "remount", slot: r.pick(mounted), opts: r.pick(MOUNT_OPTS) };
	},
	exec(w, op, rec) {
		const slot = SLOTS[op.slot];
		if (slot === undefined || !slot.private) return rec.skip("not a private slot");
		rec.emu("mount -o remount (libmount merges the options with the mount's own)");
		w.vfs.mount(w.shell, null, slot.base, null, MS_REMOUNT, op.opts.replaceAll("@P", PREFIX));
	},
	simplify: () => [],
};

export const OPS: { readonly [K in OpName]: OpDef<OpOf<K>> } = {
	spawn,
	pair,
	kill,
	mkdir,
	rmdir,
	rename,
	write,
	read,
	proc,
	chmod,
	chown,
	mount,
	umount,
	hold,
	put,
	get,
	drop,
	remount,
	clone,
	exit,
	reap,
	exec,
	setcred,
};

export const OP_NAMES = Object.keys(OPS) as OpName[];

/** The table entry of an operation. */
export function opDef(op: Op): OpDef<Op> {
	return OPS[op.op] as OpDef<Op>;
}

/**
 * The operation with every name in its cgroup paths passed through `f`
 * (the shrinker renames a cgroup everywhere at once).
 */
export function mapNames(op: Op, f: (name: string) => string): Op {
	const p = (path: string): string => path.split("/").map(f).join("/");
	switch (op.op) {
		case "mkdir":
		case "rmdir":
		case "write":
		case "read":
		case "chmod":
		case "chown":
			return { ...op, path: p(op.path) };
		case "rename":
			return { ...op, from: p(op.from), to: p(op.to) };
		default:
			return op;
	}
}

/** The names in an operation's cgroup paths. */
export function namesOf(op: Op): string[] {
	const names: string[] = [];
	mapNames(op, (n) => {
		names.push(n);
		return n;
	});
	return names;
}

/** Is this parsed JSON an operation of the table? (Replays read them from reproducers.) */
export function isOp(x: unknown): x is Op {
	return (
		typeof x === "object" &&
		x !== null &&
		"op" in x &&
		typeof x.op === "string" &&
		Object.hasOwn(OPS, x.op)
	);
}
