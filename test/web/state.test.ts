/**
 * The state the page is sent (src/web/state.ts) and what the page makes of
 * it (client/model/inflate.ts) agree with the kernel's files: after random
 * mkdirs, forks and moves, every cgroup of every hierarchy lists exactly
 * the pids its `cgroup.procs`/`tasks` file lists, and the css_set each
 * task is given links exactly the cgroups its /proc/PID/cgroup names.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { binaryToUtf8 } from "../../src/kernel/bytes.ts";
import { UserSystem } from "../../src/userland/system.ts";
import { inflateState } from "../../src/web/client/model/inflate.ts";
import type { CgroupView, StateView } from "../../src/web/protocol.ts";
import { captureState } from "../../src/web/state.ts";

const MOUNTS: Record<string, string> = {
	cpuset: "/sys/fs/cgroup/cpuset",
	memory: "/sys/fs/cgroup/memory",
	pids: "/sys/fs/cgroup/pids",
	"": "/sys/fs/cgroup/unified",
};

function walk(c: CgroupView, out: CgroupView[] = []): CgroupView[] {
	out.push(c);
	for (const k of c.children) walk(k, out);
	return out;
}

type Op =
	| { kind: "mkdir"; h: string; parent: number; name: string }
	| { kind: "fork"; parent: number }
	| { kind: "move"; h: string; task: number; cgroup: number };

const hier = fc.constantFrom("cpuset", "memory", "pids", "");
const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant("mkdir" as const),
		h: hier,
		parent: fc.nat(),
		name: fc.constantFrom("a", "b", "c"),
	}),
	fc.record({ kind: fc.constant("fork" as const), parent: fc.nat() }),
	fc.record({ kind: fc.constant("move" as const), h: hier, task: fc.nat(), cgroup: fc.nat() }),
);

describe("the state sent to the page", () => {
	it("lists each cgroup's tasks as its procs file does, after random mkdirs, forks and moves", () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
				const sys = new UserSystem({ cpus: 2 });
				const { kernel, vfs } = sys;
				const init = kernel.init;
				const dirs: Record<string, string[]> = {};
				for (const h of Object.keys(MOUNTS)) dirs[h] = [MOUNTS[h]!];
				const pids: number[] = [init.pid];
				for (const o of ops) {
					try {
						if (o.kind === "mkdir") {
							const list = dirs[o.h]!;
							const path = `${list[o.parent % list.length]}/${o.name}`;
							if (list.includes(path)) continue;
							vfs.mkdir(init, path, 0o755);
							list.push(path);
							if (o.h === "cpuset") {
								vfs.writeFile(init, `${path}/cpuset.cpus`, "0");
								vfs.writeFile(init, `${path}/cpuset.mems`, "0");
							}
						} else if (o.kind === "fork") {
							const parent = kernel.findTask(pids[o.parent % pids.length]!);
							if (parent !== null) pids.push(kernel.fork(parent).pid);
						} else {
							const list = dirs[o.h]!;
							const file = o.h === "" ? "cgroup.procs" : "tasks";
							vfs.writeFile(
								init,
								`${list[o.cgroup % list.length]}/${file}`,
								String(pids[o.task % pids.length]),
							);
						}
					} catch {
						// a refused move (a cgroup2 parent with controllers on, ...) changes nothing
					}
				}
				const state: StateView = inflateState(
					JSON.parse(JSON.stringify(captureState(kernel, vfs, 0))),
				);
				for (const [name, mount] of Object.entries(MOUNTS)) {
					const h = state.hierarchies.find((x) => x.name === name);
					assert.ok(h !== undefined, `hierarchy ${name}`);
					for (const c of walk(h.root)) {
						const file = name === "" ? "cgroup.procs" : "tasks";
						const listed = binaryToUtf8(
							vfs.readFile(init, `${mount}${c.path === "/" ? "" : c.path}/${file}`),
						)
							.split("\n")
							.filter(Boolean)
							.map(Number)
							.sort((a, b) => a - b);
						assert.deepEqual(c.tasks, listed, `${name}:${c.path}`);
					}
				}
				for (const t of state.tasks) {
					const cs = state.csets.find((c) => c.id === t.cset);
					assert.ok(cs !== undefined, `task ${t.pid}'s css_set`);
					const named = binaryToUtf8(vfs.readFile(init, `/proc/${t.pid}/cgroup`))
						.split("\n")
						.filter(Boolean)
						.map((l) => {
							const [id, , path] = l.split(":");
							return `${id}:${path}`;
						})
						.sort();
					assert.deepEqual(cs.links.map((l) => l.cgroup).sort(), named, `task ${t.pid}`);
				}
			}),
			{ numRuns: 60 },
		);
	});
});
