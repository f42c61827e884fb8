/**
 * A world for random operation sequences: an emulated host with two extra
 * test controllers, the operations the property tests draw, and the
 * file-level checks they make after each step.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import { CLONE_NEWPID, CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { PF_EXITING, type Task } from "../../src/kernel/task.ts";
import { TestHost } from "./host.ts";
import { newControl, withTestSubsystems } from "./test-subsys.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const NAMES = ["a", "b", "c"];
const HIERARCHY_DIRS = [
	"/sys/fs/cgroup/cpu",
	"/sys/fs/cgroup/pids",
	"/sys/fs/cgroup/systemd",
	"/tmp/h",
];

export type Op =
	| { op: "fork"; who: number; thread: boolean; newns: boolean }
	| { op: "exit"; who: number; group: boolean }
	| { op: "reap"; who: number }
	| { op: "exec"; who: number }
	| { op: "mkdir" | "rmdir" | "notify"; root: number; where: number; name: number }
	| { op: "rename"; root: number; where: number; name: number; to: number }
	| {
			op: "attach";
			who: number;
			root: number;
			where: number;
			file: "tasks" | "cgroup.procs" | "zero";
	  }
	| { op: "mountNamed" | "umountNamed" }
	| { op: "veto"; on: boolean };

const idx = fc.nat({ max: 1000 });
export const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			op: fc.constant("fork" as const),
			who: idx,
			thread: fc.boolean(),
			newns: fc.boolean(),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constant("exit" as const), who: idx, group: fc.boolean() }),
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("reap" as const), who: idx }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("exec" as const), who: idx }) },
	{
		weight: 4,
		arbitrary: fc.record({ op: fc.constant("mkdir" as const), root: idx, where: idx, name: idx }),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			op: fc.constantFrom("rmdir" as const, "notify" as const),
			root: idx,
			where: idx,
			name: idx,
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			op: fc.constant("rename" as const),
			root: idx,
			where: idx,
			name: idx,
			to: idx,
		}),
	},
	{
		weight: 6,
		arbitrary: fc.record({
			op: fc.constant("attach" as const),
			who: idx,
			root: idx,
			where: idx,
			file: fc.constantFrom("tasks" as const, "cgroup.procs" as const, "zero" as const),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({ op: fc.constantFrom("mountNamed" as const, "umountNamed" as const) }),
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("veto" as const), on: fc.boolean() }) },
);

export class World {
	readonly h: TestHost;
	readonly control = newControl();
	named = false;

	constructor() {
		this.h = new TestHost({ subsystems: withTestSubsystems(this.control, newControl()) });
		this.h.mkdir("/tmp/h");
		this.h.mkdir("/tmp/t");
		this.h.vfs.mount(this.h.init, "cgroup", "/tmp/t", "cgroup", 0, "testa");
	}

	/** Live tasks other than kthreadd, in pid order. */
	tasks(): Task[] {
		const out: Task[] = [];
		for (const pid of this.h.kernel.initPidNs.idr.values()) {
			const t = pid.task;
			if (t !== null && t !== this.h.kernel.kthreadd && !(t.flags & PF_EXITING)) out.push(t);
		}
		return out.sort((a, b) => a.pid - b.pid);
	}

	pick<T>(list: readonly T[], i: number): T | undefined {
		return list.length === 0 ? undefined : list[i % list.length];
	}

	/** The cgroup directories of each mounted hierarchy we drive. */
	hierarchies(): string[][] {
		const roots = [...HIERARCHY_DIRS.slice(0, 3), ...(this.named ? ["/tmp/h"] : []), "/tmp/t"];
		return roots.map((root) => {
			const out: string[] = [];
			const walk = (p: string) => {
				out.push(p);
				for (const name of NAMES) {
					try {
						if (this.h.vfs.stat(this.h.init, `${p}/${name}`).mode & 0o040000) walk(`${p}/${name}`);
					} catch {}
				}
			};
			walk(root);
			return out;
		});
	}

	dirs(): string[] {
		return this.hierarchies().flat();
	}

	/** A cgroup directory: first a hierarchy, then a cgroup in it. */
	dir(root: number, where: number): string {
		const h = this.hierarchies();
		return this.pick(this.pick(h, root)!, where)!;
	}

	/** Each task's /proc/<pid>/cgroup, to compare before and after a failed step. */
	snapshot(): Map<number, string> {
		const m = new Map<number, string>();
		for (const t of this.tasks()) m.set(t.pid, this.h.read(`/proc/${t.pid}/cgroup`));
		return m;
	}

	apply(o: Op): void {
		const { h } = this;
		const k = h.kernel;
		const tasks = this.tasks();
		switch (o.op) {
			case "fork": {
				const parent = this.pick(tasks, o.who);
				if (parent === undefined) return;
				k.fork(parent, { flags: o.thread ? THREAD : o.newns ? CLONE_NEWPID : 0 });
				return;
			}
			case "exit": {
				// Exiting init's last thread would panic the kernel: never asked for.
				const candidates = tasks.filter(
					(x) => x !== h.init && !(o.group && x.signal === h.init.signal),
				);
				const t = this.pick(candidates, o.who);
				if (t === undefined) return;
				if (o.group) k.exitGroup(t, 0);
				else k.exit(t, 0);
				return;
			}
			case "reap": {
				const t = this.pick(tasks, o.who);
				if (t !== undefined) k.waitReap(t);
				return;
			}
			case "exec": {
				const t = this.pick(
					tasks.filter((x) => x !== h.init),
					o.who,
				);
				if (t !== undefined) k.exec(t, "/bin/prog");
				return;
			}
			case "mkdir":
				h.mkdir(`${this.dir(o.root, o.where)}/${NAMES[o.name % NAMES.length]}`);
				return;
			case "rmdir": {
				// Remove an existing child most of the time.
				const dir = this.dir(o.root, o.where);
				const kids = NAMES.filter((n) => h.ls(dir).includes(n));
				h.rmdir(
					`${dir}/${kids.length > 0 ? this.pick(kids, o.name) : NAMES[o.name % NAMES.length]}`,
				);
				return;
			}
			case "notify":
				h.write(`${this.dir(o.root, o.where)}/notify_on_release`, String(o.name % 2));
				return;
			case "rename": {
				const dir = this.dir(o.root, o.where);
				h.vfs.rename(h.init, `${dir}/${NAMES[o.name % 3]}`, `${dir}/${NAMES[o.to % 3]}`);
				return;
			}
			case "attach": {
				const t = this.pick(tasks, o.who);
				const dir = this.dir(o.root, o.where);
				if (t === undefined) return;
				if (o.file === "zero") h.write(`${dir}/tasks`, "0", t);
				else h.write(`${dir}/${o.file}`, String(t.pid));
				return;
			}
			case "mountNamed":
				h.vfs.mount(
					h.init,
					"cgroup",
					"/tmp/h",
					"cgroup",
					0,
					"none,name=prop,release_agent=/sbin/x",
				);
				this.named = true;
				return;
			case "umountNamed":
				h.vfs.umount(h.init, "/tmp/h");
				this.named = false;
				return;
			case "veto":
				this.control.vetoAttach = o.on ? "ENOSPC" : null;
				return;
		}
	}

	/**
	 * Every live task exactly once per hierarchy, across the `tasks` files
	 * (which leave out exited tasks, leaders with live threads included).
	 */
	checkTaskFiles(): void {
		const live = this.tasks().map((t) => t.pid);
		live.push(2);
		live.sort((a, b) => a - b);
		const roots = new Map<string, number[]>();
		for (const dir of this.dirs()) {
			const inode = this.h.vfs.resolve(this.h.init, dir).inode;
			assert.ok(inode instanceof CgroupDirInode);
			const key = String(inode.cgroup.root.hierarchyId);
			const listed = this.h
				.read(`${dir}/tasks`)
				.split("\n")
				.filter((s) => s.length > 0)
				.map(Number);
			roots.set(key, [...(roots.get(key) ?? []), ...listed]);
		}
		for (const [root, pids] of roots) {
			pids.sort((a, b) => a - b);
			assert.deepEqual(pids, live, `hierarchy ${root}`);
		}
	}
}
