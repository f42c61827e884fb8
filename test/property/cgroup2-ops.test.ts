/**
 * Random operation sequences on a v2-booted host: mkdir, rmdir, moves
 * through cgroup.procs and cgroup.threads, controllers switched on and off in
 * cgroup.subtree_control (a threaded test controller and one that depends on
 * it among the built-in ones), threaded mode, freezing, kills, forks and
 * exits. After every step the kernel's invariants hold (css_sets use the
 * effective csses, populated, threaded and frozen counters, css counts), a
 * refused write left the files it touched as they were, and every errno is
 * one the kernel gives for that write.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import fc from "fast-check";
import { BUILTIN_SUBSYSTEMS } from "../../src/kernel/cgroup/builtin.ts";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { PF_EXITING, type Task } from "../../src/kernel/task.ts";
import { errnoOf, TestHost } from "../support/host.ts";
import { newControl, testSubsystem } from "../support/test-subsys.ts";

const R = "/sys/fs/cgroup";
const NAMES = ["a", "b", "c"];
const CTRLS = ["testa", "testb", "pids", "memory", "cpu", "cpuset", "io", "hugetlb"];

type Op =
	| { op: "mkdir" | "rmdir" | "threaded" | "freeze" | "thaw" | "kill"; at: number; name: number }
	| { op: "enable" | "disable"; at: number; ctrl: number }
	| { op: "procs" | "threads"; who: number; at: number }
	| { op: "fork"; who: number; thread: boolean }
	| { op: "exit"; who: number };

const n = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			op: fc.constantFrom(
				"mkdir" as const,
				"rmdir" as const,
				"threaded" as const,
				"freeze" as const,
				"thaw" as const,
				"kill" as const,
			),
			at: n,
			name: n,
		}),
	},
	{
		weight: 4,
		arbitrary: fc.record({
			op: fc.constantFrom("enable" as const, "disable" as const),
			at: n,
			ctrl: n,
		}),
	},
	{
		weight: 5,
		arbitrary: fc.record({
			op: fc.constantFrom("procs" as const, "threads" as const),
			who: n,
			at: n,
		}),
	},
	{
		weight: 3,
		arbitrary: fc.record({ op: fc.constant("fork" as const), who: n, thread: fc.boolean() }),
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("exit" as const), who: n }) },
);

/** Errnos each kind of write may fail with on Linux. */
const ALLOWED: Record<string, readonly string[]> = {
	mkdir: ["EEXIST", "ENOENT"],
	rmdir: ["EBUSY", "ENOENT"],
	threaded: ["EOPNOTSUPP", "ENOENT"],
	freeze: ["ENOENT"],
	thaw: ["ENOENT"],
	kill: ["EOPNOTSUPP", "ENOENT"],
	enable: ["ENOENT", "EBUSY", "EOPNOTSUPP"],
	disable: ["EBUSY"],
	procs: ["EBUSY", "EOPNOTSUPP", "ESRCH"],
	threads: ["EBUSY", "EOPNOTSUPP", "ESRCH"],
};

class World {
	readonly h: TestHost;
	readonly tasks: Task[] = [];

	constructor() {
		const a = newControl();
		const b = newControl();
		this.h = new TestHost({
			layout: "v2",
			subsystems: [
				...BUILTIN_SUBSYSTEMS,
				testSubsystem("testa", a, "testa", { threaded: true }),
				testSubsystem("testb", b, "testb", { dependsOn: ["testa"] }),
			],
		});
		// A small tree and a few processes to start from.
		for (const d of ["a", "a/b", "a/c", "b", "b/a"]) this.h.mkdir(`${R}/${d}`);
		for (let i = 0; i < 4; i++) this.tasks.push(this.h.spawn());
	}

	/** Every cgroup directory, root first. */
	dirs(): string[] {
		const out: string[] = [];
		const walk = (p: string, depth: number): void => {
			out.push(p);
			if (depth >= 3) return;
			for (const name of NAMES) {
				const c = `${p}/${name}`;
				if (this.h.ls(p).includes(name)) walk(c, depth + 1);
			}
		};
		walk(R, 0);
		return out;
	}

	live(): Task[] {
		return this.tasks.filter((t) => !(t.flags & PF_EXITING));
	}

	snapshot(dir: string): string {
		const read = (f: string): string => {
			try {
				return this.h.read(`${dir}/${f}`);
			} catch {
				return "-";
			}
		};
		return ["cgroup.subtree_control", "cgroup.type", "cgroup.freeze", "cgroup.procs"]
			.map(read)
			.join("|");
	}

	step(op: Op): void {
		const h = this.h;
		const dirs = this.dirs();
		const pick = <T>(xs: readonly T[], i: number): T | undefined =>
			xs.length === 0 ? undefined : xs[i % xs.length];
		if (op.op === "fork") {
			const parent = pick(this.live(), op.who) ?? h.init;
			const flags = op.thread && parent !== h.init ? CLONE_THREAD | CLONE_SIGHAND | CLONE_VM : 0;
			try {
				this.tasks.push(h.kernel.fork(parent, { flags }));
			} catch {
				// A pids limit may refuse.
			}
			return;
		}
		if (op.op === "exit") {
			const t = pick(this.live(), op.who);
			if (t !== undefined) h.kernel.exit(t, 0);
			return;
		}
		const dir = pick(dirs, op.at)!;
		let path: string;
		let data = "";
		switch (op.op) {
			case "mkdir":
			case "rmdir": {
				const target = `${dir}/${NAMES[op.name % NAMES.length]}`;
				const e = errnoOf(() => (op.op === "mkdir" ? h.mkdir(target) : h.rmdir(target)));
				if (e !== "OK") assert.ok(ALLOWED[op.op]!.includes(e), `${op.op} ${target}: ${e}`);
				return;
			}
			case "threaded":
				[path, data] = ["cgroup.type", "threaded"];
				break;
			case "freeze":
			case "thaw":
				[path, data] = ["cgroup.freeze", op.op === "freeze" ? "1" : "0"];
				break;
			case "kill":
				[path, data] = ["cgroup.kill", "1"];
				break;
			case "enable":
			case "disable":
				path = "cgroup.subtree_control";
				data = `${op.op === "enable" ? "+" : "-"}${CTRLS[op.ctrl % CTRLS.length]}`;
				break;
			case "procs":
			case "threads": {
				const t = pick(this.live(), op.who);
				if (t === undefined) return;
				[path, data] = [op.op === "procs" ? "cgroup.procs" : "cgroup.threads", `${t.pid}`];
				break;
			}
		}
		if (dir === R && !["cgroup.subtree_control", "cgroup.procs", "cgroup.threads"].includes(path)) {
			return; // the root has no type, freeze or kill file
		}
		const before = this.snapshot(dir);
		const e = errnoOf(() => h.write(`${dir}/${path}`, data));
		if (e !== "OK") {
			assert.ok(ALLOWED[op.op]!.includes(e), `${op.op} ${dir} ${data}: ${e}`);
			assert.equal(this.snapshot(dir), before, `${op.op} ${dir} ${data} failed but changed state`);
		}
	}
}

it("random cgroup2 operation sequences keep the kernel's invariants", () => {
	fc.assert(
		fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
			const w = new World();
			for (const op of ops) {
				w.step(op);
				w.h.check();
			}
		}),
		{ numRuns: 150, seed: 7 },
	);
});
