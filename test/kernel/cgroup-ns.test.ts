/**
 * Cgroup namespaces (kernel/cgroup/namespace.c): unshare(CLONE_NEWCGROUP)
 * and clone(CLONE_NEWCGROUP), /proc/<pid>/cgroup relative to the reader's
 * namespace root on every hierarchy, /proc/<pid>/ns/cgroup, the root field
 * of mountinfo, the namespace's lifetime, and the nsdelegate checks the
 * cgroup2 core calls.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Cgroup } from "../../src/kernel/cgroup/cgroup.ts";
import {
	CFTYPE_NS_DELEGATABLE,
	CGRP_ROOT_NS_DELEGATE,
	PATH_MAX,
} from "../../src/kernel/cgroup/defs.ts";
import { cgroupAttachTask } from "../../src/kernel/cgroup/migrate.ts";
import {
	type CgroupNamespace,
	cgroupNsCssSetRefs,
	cgroupNsFileWritePermission,
	cgroupNsInum,
	cgroupNsProcsWritePermission,
	cgroupNsRoot,
	cgroupnsInstall,
	cgroupPathNs,
	kernfsPathFromNode,
	liveCgroupNamespaces,
	PROC_CGROUP_INIT_INO,
	taskCgroupNs,
} from "../../src/kernel/cgroup/namespace.ts";
import type { CgroupRoot } from "../../src/kernel/cgroup/root.ts";
import {
	CLONE_NEWCGROUP,
	CLONE_NEWNS,
	CLONE_NEWPID,
	CLONE_NEWUSER,
	CLONE_SIGHAND,
	CLONE_THREAD,
	CLONE_VM,
	ksysUnshare,
} from "../../src/kernel/fork.ts";
import { checkInvariants } from "../../src/kernel/invariants.ts";
import type { Kernel } from "../../src/kernel/kernel.ts";
import type { Task } from "../../src/kernel/task.ts";
import { errnoOf, TestHost } from "../support/host.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const CG = "/sys/fs/cgroup";

/**
 * The kernel's invariants, allowing exactly the css_set references live
 * cgroup namespaces hold (until the invariant check counts them itself).
 */
function check(k: Kernel): void {
	const refs = cgroupNsCssSetRefs(k.cgroup);
	const bad = checkInvariants(k).filter((line) => {
		const m = /^css_set (\d+): refcount (\d+), expected (\d+)$/.exec(line);
		if (m === null) return true;
		const cset = [...k.cgroup.cssSetTable].find((c) => c.id === Number(m[1]));
		return cset === undefined || Number(m[2]) - Number(m[3]) !== (refs.get(cset) ?? 0);
	});
	assert.deepEqual(bad, []);
}

function hierarchy(h: TestHost, name: string): CgroupRoot {
	const core = h.kernel.cgroup;
	if (name === "unified") return core.dflRoot;
	const ss = core.subsysByLegacyName(name);
	const root = ss?.root ?? core.roots.find((r) => r.name === name);
	assert.ok(root !== undefined, name);
	return root;
}

/** The cgroup at a path below a hierarchy's root ("" for the root). */
function cgroupAt(h: TestHost, name: string, path: string): Cgroup {
	let c = hierarchy(h, name).cgrp;
	for (const part of path.split("/").filter((p) => p !== "")) {
		const next = c.children.get(part);
		assert.ok(next !== undefined, `${name}:${path}`);
		c = next;
	}
	return c;
}

/** Move a process on the v1 hierarchies with a tasks write, on cgroup2 through the core. */
function moveTo(h: TestHost, t: Task, name: string, path: string): void {
	if (name === "unified") cgroupAttachTask(h.kernel.cgroup, cgroupAt(h, name, path), t, true);
	else h.write(`${CG}/${name}/${path}/cgroup.procs`, String(t.pid));
}

/** The lines of /proc/<pid>/cgroup for some hierarchies, as `reader` reads them. */
function lines(h: TestHost, t: Task, reader: Task, ids: readonly number[] = [9, 8, 0]): string[] {
	return h
		.read(`/proc/${t.pid}/cgroup`, reader)
		.split("\n")
		.filter((l) => ids.includes(Number(l.split(":")[0])) && l !== "");
}

/** A hybrid host with /a, /a/b and /c on name=systemd, pids and cgroup2. */
function hybrid(): TestHost {
	const h = new TestHost({ layout: "hybrid" });
	for (const hier of ["systemd", "pids", "unified"]) {
		for (const d of ["a", "a/b", "c"]) h.mkdir(`${CG}/${hier}/${d}`);
	}
	return h;
}

function moveAll(h: TestHost, t: Task, path: string): void {
	for (const hier of ["systemd", "pids", "unified"]) moveTo(h, t, hier, path);
}

/** Does do_exit() drop the exiting task's cgroup namespace (exit_task_namespaces())? */
const EXIT_DROPS_NS = ((): boolean => {
	const h = new TestHost({ layout: "hybrid" });
	const t = h.spawn();
	ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
	const ns = taskCgroupNs(t)!;
	h.kernel.exitGroup(t, 0);
	return ns.count === 0;
})();
const NEEDS_EXIT_HOOK = EXIT_DROPS_NS ? false : "do_exit() does not call exitTaskNamespaces() yet";

describe("kernfs_path_from_node", () => {
	it("spells the way from one cgroup to another with /.. steps", () => {
		const h = hybrid();
		const at = (p: string) => cgroupAt(h, "systemd", p);
		assert.equal(kernfsPathFromNode(at("a/b"), at("a/b")), "/");
		assert.equal(kernfsPathFromNode(at("a/b"), at("a")), "/b");
		assert.equal(kernfsPathFromNode(at("a"), at("a/b")), "/..");
		assert.equal(kernfsPathFromNode(at(""), at("a/b")), "/../..");
		assert.equal(kernfsPathFromNode(at("c"), at("a/b")), "/../../c");
		assert.equal(kernfsPathFromNode(at("a/b"), at("c")), "/../a/b");
		assert.equal(kernfsPathFromNode(at("a/b"), at("")), "/a/b");
	});

	it("from the root is the cgroup's path; walking the result from `from` reaches `to`", () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 14 }),
				fc.nat(),
				fc.nat(),
				(parents, i, j) => {
					const h = new TestHost({ layout: "hybrid" });
					const nodes: Cgroup[] = [cgroupAt(h, "systemd", "")];
					const paths = [""];
					parents.forEach((p, n) => {
						const parent = Math.min(p, nodes.length - 1);
						const path = `${paths[parent]}/d${n}`;
						h.mkdir(`${CG}/systemd${path}`);
						paths.push(path);
						nodes.push(cgroupAt(h, "systemd", path));
					});
					const to = nodes[i % nodes.length]!;
					const from = nodes[j % nodes.length]!;
					assert.equal(kernfsPathFromNode(to, nodes[0]!), to.path());
					let c: Cgroup = from;
					const rel = kernfsPathFromNode(to, from)!;
					for (const part of rel.split("/").filter((x) => x !== "")) {
						c = part === ".." ? c.parent! : c.children.get(part)!;
					}
					assert.equal(c, to);
				},
			),
			{ numRuns: 60 },
		);
	});

	it("cuts a long path at PATH_MAX-1 bytes, and fails (E2BIG) when the /.. steps do not fit", () => {
		const h = new TestHost({ layout: "hybrid" });
		const core = h.kernel.cgroup;
		const root = cgroupAt(h, "systemd", "");
		const name = "x".repeat(255);
		let deep = root;
		for (let i = 0; i < 17; i++) deep = core.mkdir(deep, name, 0o755, h.init.cred);
		const cut = kernfsPathFromNode(deep, root)!;
		assert.equal(cut.length, PATH_MAX - 1);
		assert.equal(cut, deep.path().slice(0, PATH_MAX - 1));
		// 1366 levels of /.. need 4098 bytes with the NUL.
		let bottom = root;
		for (let i = 0; i < 1366; i++) bottom = core.mkdir(bottom, "u", 0o755, h.init.cred);
		assert.equal(kernfsPathFromNode(root, bottom), null);
		assert.equal(kernfsPathFromNode(root, bottom.parent!), "/..".repeat(1365));
	});
});

describe("unshare(CLONE_NEWCGROUP)", () => {
	it("roots a new namespace at the caller's cgroups: its own lines read /", () => {
		const h = hybrid();
		const t = h.spawn();
		moveAll(h, t, "a/b");
		assert.deepEqual(lines(h, t, t), ["9:name=systemd:/a/b", "8:pids:/a/b", "0::/a/b"]);
		ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
		assert.deepEqual(lines(h, t, t), ["9:name=systemd:/", "8:pids:/", "0::/"]);
		// Every hierarchy, including the ones the task is at the root of.
		for (const l of h.read(`/proc/${t.pid}/cgroup`, t).trimEnd().split("\n")) {
			assert.match(l, /:\/$/);
		}
		// init, in the initial namespace, still reads the full paths.
		assert.deepEqual(lines(h, t, h.init), ["9:name=systemd:/a/b", "8:pids:/a/b", "0::/a/b"]);
		check(h.kernel);
	});

	it("shows other tasks' cgroups relative to the reader's root: /.. for outside it", () => {
		const h = hybrid();
		const reader = h.spawn();
		moveAll(h, reader, "a/b");
		ksysUnshare(h.kernel, reader, CLONE_NEWCGROUP);
		const other = h.spawn();
		const cases: [string, string][] = [
			["a/b", "/"],
			["a", "/.."],
			["", "/../.."],
			["c", "/../../c"],
		];
		for (const [where, seen] of cases) {
			moveAll(h, other, where);
			assert.deepEqual(lines(h, other, reader), [
				`9:name=systemd:${seen}`,
				`8:pids:${seen}`,
				`0::${seen}`,
			]);
		}
		// Moving the reader itself out of its namespace root.
		moveAll(h, reader, "c");
		assert.deepEqual(lines(h, reader, reader), [
			"9:name=systemd:/../../c",
			"8:pids:/../../c",
			"0::/../../c",
		]);
		check(h.kernel);
	});

	it("nests: a namespace made inside another is rooted at the caller's cgroups then", () => {
		const h = hybrid();
		const outer = h.spawn();
		moveAll(h, outer, "a");
		ksysUnshare(h.kernel, outer, CLONE_NEWCGROUP);
		const inner = h.kernel.fork(outer);
		moveAll(h, inner, "a/b");
		assert.deepEqual(lines(h, inner, inner), ["9:name=systemd:/b", "8:pids:/b", "0::/b"]);
		ksysUnshare(h.kernel, inner, CLONE_NEWCGROUP);
		assert.deepEqual(lines(h, inner, inner), ["9:name=systemd:/", "8:pids:/", "0::/"]);
		assert.deepEqual(lines(h, outer, inner), ["9:name=systemd:/..", "8:pids:/..", "0::/.."]);
		assert.deepEqual(lines(h, inner, outer), ["9:name=systemd:/b", "8:pids:/b", "0::/b"]);
		assert.notEqual(taskCgroupNs(inner), taskCgroupNs(outer));
		assert.equal(liveCgroupNamespaces(h.kernel.cgroup).length, 2);
		check(h.kernel);
	});

	it("needs CAP_SYS_ADMIN (EPERM), and a refusal changes nothing", () => {
		const h = hybrid();
		const t = h.spawnAs(1000);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, t, CLONE_NEWCGROUP)),
			"EPERM",
		);
		assert.equal(taskCgroupNs(t), null);
		assert.equal(liveCgroupNamespaces(h.kernel.cgroup).length, 0);
		check(h.kernel);
	});

	it("is per thread; other threads keep their namespace", () => {
		const h = hybrid();
		const p = h.spawn();
		const th = h.kernel.fork(p, { flags: THREAD });
		moveAll(h, p, "a");
		ksysUnshare(h.kernel, th, CLONE_NEWCGROUP);
		assert.deepEqual(lines(h, p, th), ["9:name=systemd:/", "8:pids:/", "0::/"]);
		assert.deepEqual(lines(h, p, p), ["9:name=systemd:/a", "8:pids:/a", "0::/a"]);
		check(h.kernel);
	});

	it("checks flags in the kernel's order: unknown flags, then EPERM, then what is not modelled", () => {
		const h = hybrid();
		const root = h.spawn();
		const user = h.spawnAs(1000);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, root, 0x1)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, user, CLONE_NEWNS)),
			"EPERM",
		);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, root, CLONE_NEWNS)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, root, CLONE_NEWUSER)),
			"EINVAL",
		);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, root, CLONE_NEWNS | CLONE_NEWCGROUP)),
			"EINVAL",
		);
		assert.equal(taskCgroupNs(root), null);
		assert.equal(
			errnoOf(() => ksysUnshare(h.kernel, root, 0)),
			"OK",
		);
		// Both modelled namespaces at once.
		ksysUnshare(h.kernel, root, CLONE_NEWCGROUP | CLONE_NEWPID);
		assert.notEqual(taskCgroupNs(root), null);
		assert.notEqual(root.nsproxy.pidNsForChildren, root.pidNs);
		check(h.kernel);
	});
});

describe("clone(CLONE_NEWCGROUP) and fork", () => {
	it("a child shares its parent's namespace; CLONE_NEWCGROUP gives it a new one at its cgroups", () => {
		const h = hybrid();
		const p = h.spawn();
		moveAll(h, p, "a");
		ksysUnshare(h.kernel, p, CLONE_NEWCGROUP);
		const ns = taskCgroupNs(p)!;
		const c = h.kernel.fork(p);
		assert.equal(taskCgroupNs(c), ns);
		assert.equal(ns.count, 2);
		const c2 = h.kernel.fork(p, { flags: CLONE_NEWCGROUP });
		assert.notEqual(taskCgroupNs(c2), ns);
		assert.equal(taskCgroupNs(c2)!.rootCset, c2.cgroups);
		assert.deepEqual(lines(h, c2, c2), ["9:name=systemd:/", "8:pids:/", "0::/"]);
		check(h.kernel);
	});

	it("without CAP_SYS_ADMIN fails with EPERM and leaves no task or namespace", () => {
		const h = hybrid();
		const u = h.spawnAs(1000);
		const before = h.kernel.processes.size;
		assert.equal(
			errnoOf(() => h.kernel.fork(u, { flags: CLONE_NEWCGROUP })),
			"EPERM",
		);
		assert.equal(h.kernel.processes.size, before);
		assert.equal(liveCgroupNamespaces(h.kernel.cgroup).length, 0);
		check(h.kernel);
	});
});

describe("/proc/<pid>/ns/cgroup", () => {
	it("reads cgroup:[inum]: the initial namespace's number, a new one after unshare", () => {
		const h = hybrid();
		const t = h.spawn();
		const link = () => h.vfs.readlink(h.init, `/proc/${t.pid}/ns/cgroup`);
		assert.equal(link(), `cgroup:[${PROC_CGROUP_INIT_INO}]`);
		assert.equal(PROC_CGROUP_INIT_INO, 4026531835);
		ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
		const ns = taskCgroupNs(t);
		assert.equal(link(), `cgroup:[${cgroupNsInum(ns)}]`);
		assert.notEqual(cgroupNsInum(ns), PROC_CGROUP_INIT_INO);
		const c = h.kernel.fork(t);
		assert.equal(h.vfs.readlink(h.init, `/proc/${c.pid}/ns/cgroup`), link());
		assert.deepEqual(h.ls(`/proc/${t.pid}/ns`), ["cgroup"]);
		assert.equal(h.vfs.stat(h.init, `/proc/${t.pid}/ns`).mode & 0o7777, 0o511);
	});

	it("EACCES without ptrace access to the task; ENOENT once it has exited", () => {
		const h = hybrid();
		const t = h.spawn();
		const u = h.spawnAs(1000);
		assert.equal(
			errnoOf(() => h.vfs.readlink(u, `/proc/${t.pid}/ns/cgroup`)),
			"EACCES",
		);
		assert.equal(h.vfs.readlink(u, `/proc/${u.pid}/ns/cgroup`), `cgroup:[${PROC_CGROUP_INIT_INO}]`);
		const p = h.spawn();
		const z = h.kernel.fork(p);
		h.kernel.exitGroup(z, 0);
		assert.equal(
			errnoOf(() => h.vfs.readlink(h.init, `/proc/${z.pid}/ns/cgroup`)),
			"ENOENT",
		);
	});
});

describe("mountinfo", () => {
	it("shows a cgroup mount's root relative to the reader's namespace root", () => {
		const h = hybrid();
		const t = h.spawn();
		moveAll(h, t, "a/b");
		const rootOf = (reader: Task, target: string): string => {
			const line = h
				.read("/proc/self/mountinfo", reader)
				.split("\n")
				.find((l) => l.split(" ")[4] === target);
			assert.ok(line !== undefined, target);
			return line.split(" ")[3]!;
		};
		assert.equal(rootOf(t, `${CG}/systemd`), "/");
		ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
		assert.equal(rootOf(t, `${CG}/systemd`), "/../..");
		assert.equal(rootOf(t, `${CG}/unified`), "/../..");
		assert.equal(rootOf(t, "/sys/fs/cgroup"), "/");
		// The reader decides, not the task whose mountinfo it is.
		assert.equal(
			h
				.read(`/proc/${t.pid}/mountinfo`, h.init)
				.split("\n")
				.find((l) => l.split(" ")[4] === `${CG}/systemd`)!
				.split(" ")[3],
			"/",
		);
		// A bind mount of a cgroup directory.
		h.mkdir("/tmp/bind");
		h.vfs.mount(h.init, `${CG}/systemd/c`, "/tmp/bind", null, 0x1000, null);
		assert.equal(rootOf(h.init, "/tmp/bind"), "/c");
		assert.equal(rootOf(t, "/tmp/bind"), "/../../c");
	});
});

describe("namespace lifetime", () => {
	it("outlives its creator while a task uses it, holding the creator's css_set", () => {
		const h = hybrid();
		const creator = h.spawn();
		moveAll(h, creator, "a/b");
		ksysUnshare(h.kernel, creator, CLONE_NEWCGROUP);
		const ns = taskCgroupNs(creator)!;
		const rootCset = ns.rootCset;
		const child = h.kernel.fork(creator);
		h.kernel.exitGroup(creator, 0);
		assert.equal(liveCgroupNamespaces(h.kernel.cgroup).includes(ns), true);
		assert.equal(ns.rootCset, rootCset);
		// The child moves away: the namespace still roots it at a/b.
		moveAll(h, child, "c");
		assert.deepEqual(lines(h, child, child), [
			"9:name=systemd:/../../c",
			"8:pids:/../../c",
			"0::/../../c",
		]);
		// Its root cgroup can be removed: it stays, dying, and paths still go through it.
		h.rmdir(`${CG}/systemd/a/b`);
		const b = cgroupAt(h, "systemd", "a");
		assert.equal(b.children.get("b"), undefined);
		assert.equal(lines(h, child, child)[0], "9:name=systemd:/../../c");
		assert.equal(cgroupNsRoot(child, hierarchy(h, "systemd")).online, false);
		check(h.kernel);
	});

	it("frees the namespace and its css_set reference when the last task exits", {
		todo: NEEDS_EXIT_HOOK,
	}, () => {
		const h = hybrid();
		const t = h.spawn();
		moveAll(h, t, "a/b");
		ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
		const ns = taskCgroupNs(t)!;
		h.kernel.fork(t, { flags: THREAD });
		const c = h.kernel.fork(t);
		moveAll(h, t, "c");
		moveAll(h, c, "c");
		h.rmdir(`${CG}/systemd/a/b`);
		const a = cgroupAt(h, "systemd", "a");
		assert.equal(a.nrDyingDescendants, 1, "the namespace keeps a/b");
		h.kernel.exitGroup(t, 0);
		assert.equal(ns.count, 1, "the other process still uses it");
		h.kernel.exitGroup(c, 0);
		assert.equal(ns.count, 0);
		assert.equal(liveCgroupNamespaces(h.kernel.cgroup).length, 0);
		assert.equal(a.nrDyingDescendants, 0);
		check(h.kernel);
	});

	it("setns(CLONE_NEWCGROUP) switches namespaces with CAP_SYS_ADMIN (EPERM without)", () => {
		const h = hybrid();
		const a = h.spawn();
		moveAll(h, a, "a");
		ksysUnshare(h.kernel, a, CLONE_NEWCGROUP);
		const ns = taskCgroupNs(a)!;
		const b = h.spawn();
		moveAll(h, b, "a/b");
		const u = h.spawnAs(1000);
		assert.equal(
			errnoOf(() => cgroupnsInstall(u, ns)),
			"EPERM",
		);
		assert.equal(taskCgroupNs(u), null);
		cgroupnsInstall(b, ns);
		assert.equal(ns.count, 2);
		assert.deepEqual(lines(h, b, b), ["9:name=systemd:/b", "8:pids:/b", "0::/b"]);
		cgroupnsInstall(b, null);
		assert.equal(ns.count, 1);
		assert.deepEqual(lines(h, b, b), ["9:name=systemd:/a/b", "8:pids:/a/b", "0::/a/b"]);
		check(h.kernel);
	});

	it("keeps its root on a hierarchy mounted after it was made: that hierarchy's root", () => {
		const h = hybrid();
		const t = h.spawn();
		moveAll(h, t, "a");
		ksysUnshare(h.kernel, t, CLONE_NEWCGROUP);
		h.mkdir("/tmp/h");
		h.vfs.mount(h.init, "cgroup", "/tmp/h", "cgroup", 0, "none,name=late");
		h.mkdir("/tmp/h/x");
		h.write("/tmp/h/x/tasks", String(t.pid));
		const late = hierarchy(h, "late");
		assert.equal(cgroupNsRoot(t, late), late.cgrp);
		assert.equal(
			h.read(`/proc/${t.pid}/cgroup`, t).split("\n")[0],
			`${late.hierarchyId}:name=late:/x`,
		);
		check(h.kernel);
	});
});

describe("nsdelegate checks for the cgroup2 core", () => {
	function v2(): { h: TestHost; inside: Task; at: (p: string) => Cgroup } {
		const h = new TestHost({ layout: "v2" });
		for (const d of ["ns", "ns/x", "out"]) h.mkdir(`${CG}/${d}`);
		const inside = h.spawn();
		const at = (p: string) => cgroupAt(h, "unified", p);
		cgroupAttachTask(h.kernel.cgroup, at("ns"), inside, true);
		ksysUnshare(h.kernel, inside, CLONE_NEWCGROUP);
		return { h, inside, at };
	}

	it("cgroup_procs_write_permission: ENOENT when source or destination is outside the writer's namespace", () => {
		const { h, inside, at } = v2();
		const flags = h.kernel.cgroup.dflRoot.flags;
		assert.ok(flags & CGRP_ROOT_NS_DELEGATE, "v2 boots with nsdelegate");
		const perm = (
			src: string,
			dst: string,
			who: Task | CgroupNamespace | null = inside,
			f = flags,
		) => errnoOf(() => cgroupNsProcsWritePermission(at(src), at(dst), who, f));
		assert.equal(perm("ns", "ns/x"), "OK");
		assert.equal(perm("ns/x", "ns"), "OK");
		assert.equal(perm("ns", "out"), "ENOENT");
		assert.equal(perm("out", "ns/x"), "ENOENT");
		assert.equal(perm("", "ns"), "ENOENT");
		// Not a boundary without nsdelegate, nor for the initial namespace.
		assert.equal(perm("ns", "out", inside, flags & ~CGRP_ROOT_NS_DELEGATE), "OK");
		assert.equal(perm("ns", "out", h.init), "OK");
		assert.equal(perm("ns", "out", null), "OK");
		// The namespace an open file recorded counts, not the task's current one.
		assert.equal(perm("ns", "out", taskCgroupNs(inside)), "ENOENT");
	});

	it("cgroup_file_write: EPERM for the namespace root's files but the delegatable ones", () => {
		const { h, inside, at } = v2();
		const plain = { name: "cgroup.max.depth" };
		const delegatable = { name: "cgroup.procs", flags: CFTYPE_NS_DELEGATABLE };
		const w = (p: string, cft: { name: string; flags?: number }, who: Task | null = inside) =>
			errnoOf(() => cgroupNsFileWritePermission(at(p), cft, who));
		assert.equal(w("ns", plain), "EPERM");
		assert.equal(w("ns", delegatable), "OK");
		assert.equal(w("ns/x", plain), "OK");
		assert.equal(w("out", plain), "OK");
		assert.equal(w("ns", plain, h.init), "OK");
		h.kernel.cgroup.dflRoot.flags &= ~CGRP_ROOT_NS_DELEGATE;
		assert.equal(w("ns", plain), "OK");
	});

	it("cgroupNsRoot: the namespace root on each hierarchy; the hierarchy root for the initial namespace", () => {
		const { h, inside, at } = v2();
		const dfl = h.kernel.cgroup.dflRoot;
		assert.equal(cgroupNsRoot(inside, dfl), at("ns"));
		assert.equal(cgroupNsRoot(h.init, dfl), dfl.cgrp);
		assert.equal(cgroupPathNs(at("ns/x"), inside), "/x");
		assert.equal(cgroupPathNs(at("out"), inside), "/../out");
		assert.equal(h.read(`/proc/${inside.pid}/cgroup`, inside), "0::/\n");
		check(h.kernel);
	});
});
