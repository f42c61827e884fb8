/**
 * cgroup v1 core rules, compared between the real kernel of this machine and
 * cgkit's emulated kernel. Each scenario runs once on the real host (in
 * private named hierarchies of its own under /tmp, following
 * /work/shared/HOST-SAFETY.md: see src/host/safe-cgroup.ts) and once on an
 * emulated host booted with boot(), with the same paths and names; the
 * normalized results (file contents, errno codes, listings) must be equal.
 *
 * Without root, CAP_SYS_ADMIN or a cgroup v1 filesystem every test skips
 * with the reason. A case where the emulation disagrees with the kernel is
 * marked `todo` with the disagreement, and stays visible without failing.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
	HostCgroupSession,
	hostCgroupUnavailableReason,
	leftovers,
	readText,
	uniquePrefix,
} from "../../src/host/safe-cgroup.ts";
import { EmulatedSide, RealSide, type Side } from "./sides.ts";

const MS_RDONLY = 1;
const MS_REMOUNT = 32;
const MS_BIND = 4096;
const SKIP = hostCgroupUnavailableReason();
if (SKIP !== null) console.log(`# real-kernel comparison skipped: ${SKIP}`);
const RUN_PREFIX = uniquePrefix("rk");
let sessionSeq = 0;

/** Facts about the real host that decide which steps are safe to run (same steps on both sides). */
interface HostFacts {
	/** pid_max of the real host. */
	readonly pidMax: number;
	/**
	 * cpu and cpuacct are bound to two different v1 hierarchies, so mounting
	 * "cpu,cpuacct" or "cpu,name=X" can only fail (EBUSY) and never binds a
	 * real controller to a new hierarchy.
	 */
	readonly cpuBoundApart: boolean;
}

function hostFacts(): HostFacts {
	if (SKIP !== null) return { pidMax: 32768, cpuBoundApart: false };
	const hier = new Map<string, number>();
	for (const line of readText("/proc/cgroups").split("\n").slice(1)) {
		const [name, h] = line.split("\t");
		if (name !== undefined && h !== undefined) hier.set(name, Number(h));
	}
	const cpu = hier.get("cpu") ?? 0;
	const cpuacct = hier.get("cpuacct") ?? 0;
	return {
		pidMax: Number(readText("/proc/sys/kernel/pid_max").trim()),
		cpuBoundApart: cpu > 0 && cpuacct > 0 && cpu !== cpuacct,
	};
}

const FACTS = hostFacts();

type Scenario = (s: Side) => Promise<unknown>;

/** Run a scenario on the real host (cleaned up whatever happens), then on an emulated host. */
async function runBoth(scenario: Scenario): Promise<{ real: unknown; emulated: unknown }> {
	const prefix = `${RUN_PREFIX}-${sessionSeq++}`;
	const real = new RealSide(new HostCgroupSession(prefix));
	let realResult: unknown;
	let problems: string[] = [];
	try {
		realResult = await scenario(real);
	} finally {
		problems = await real.cleanup();
		if (problems.length > 0) console.log(`# cleanup problems: ${problems.join("; ")}`);
	}
	assert.deepEqual(problems, [], "the real host is left clean");
	const emulated = await scenario(new EmulatedSide(prefix));
	return { real: realResult, emulated };
}

/** One comparison case: equal results expected; `todo` names a known disagreement. */
function compare(name: string, scenario: Scenario, todo?: string): void {
	const opts = SKIP !== null ? { skip: SKIP } : todo !== undefined ? { todo } : {};
	it(name, opts, async (t) => {
		const { real, emulated } = await runBoth(scenario);
		if (process.env.CGKIT_HOST_DUMP) t.diagnostic(`real: ${JSON.stringify(real, null, 1)}`);
		assert.deepEqual(emulated, real, "emulated (actual) vs real kernel (expected)");
	});
}

/** "OK:<n>" of a write with "all" for a complete one: the length of written pids differs between the sides. */
function normWrite(r: string, data: string): string {
	return data.length > 0 && r === `OK:${data.length}` ? "OK:all" : r;
}

function put(s: Side, path: string, data: string): string {
	return normWrite(s.write(path, data), data);
}

function putAs(s: Side, uid: number, gid: number, path: string, data: string): string {
	return normWrite(s.writeAs(uid, gid, path, data), data);
}

function info(s: Side, path: string): string {
	const st = s.stat(path);
	return `type=${(st.mode & 0o170000).toString(8)} mode=${(st.mode & 0o7777).toString(8)} size=${st.size}`;
}

function listing(s: Side, dir: string): Record<string, string> {
	const out: Record<string, string> = { ".": info(s, dir) };
	for (const n of [...s.readdir(dir)].sort()) out[n] = info(s, `${dir}/${n}`);
	return out;
}

/** The /proc/<pid>/cgroup line of a named hierarchy, with the hierarchy id replaced by N. */
function namedLine(s: Side, name: string, pid: number | string = "self"): string | null {
	const line = s
		.read(`/proc/${pid}/cgroup`)
		.split("\n")
		.find((l) => l.split(":")[1]?.split(",").includes(`name=${name}`));
	return line === undefined ? null : line.replace(/^\d+:/, "N:");
}

/** "tasks=[..] procs=[..]" of a cgroup below `mnt`, pids normalized. */
function pidLists(s: Side, mnt: string): (dir: string) => string {
	const one = (file: string): string => s.norm(s.read(file)).trim().split("\n").join(",");
	return (d) => `tasks=[${one(`${mnt}/${d}/tasks`)}] procs=[${one(`${mnt}/${d}/cgroup.procs`)}]`;
}

/** The /proc/self/mounts line of a mount point. */
function mountsLine(s: Side, target: string): string | null {
	return (
		s
			.read("/proc/self/mounts")
			.split("\n")
			.find((l) => l.split(" ")[1] === target) ?? null
	);
}

/** The root field and everything after " - " of a mount point's /proc/self/mountinfo line. */
function mountinfoTail(s: Side, target: string): string | null {
	const line = s
		.read("/proc/self/mountinfo")
		.split("\n")
		.find((l) => l.split(" ")[4] === target);
	if (line === undefined) return null;
	return `root=${line.split(" ")[3]} ${line.slice(line.indexOf(" - ") + 3)}`;
}

describe("cgroup v1 core: real kernel vs cgkit", () => {
	let oldUmask = 0o022;
	before(() => {
		oldUmask = process.umask(0o022);
	});
	after(() => {
		process.umask(oldUmask);
		if (SKIP === null) {
			assert.deepEqual(leftovers(RUN_PREFIX), [], `nothing named ${RUN_PREFIX}* is left`);
		}
	});

	compare(
		"a fresh hierarchy: file list, types, modes and sizes of the root and a child",
		async (s) => {
			const { mnt } = s.mountPrivate();
			const root = listing(s, mnt);
			const mk = s.mkdir(`${mnt}/child`);
			return { root, mk, child: listing(s, `${mnt}/child`), statfs: s.statfs(mnt) };
		},
	);

	compare("inode numbers: root files, a new child's dir and files, no reuse", async (s) => {
		const { mnt } = s.mountPrivate();
		const rootIno = s.stat(mnt).ino;
		const rel = (dir: string, base: bigint): Record<string, number> =>
			Object.fromEntries(
				[...s.readdir(dir)].sort().map((n) => [n, Number(s.stat(`${dir}/${n}`).ino - base)]),
			);
		const rootFiles = rel(mnt, rootIno);
		s.mkdir(`${mnt}/c1`);
		const c1 = s.stat(`${mnt}/c1`).ino;
		const c1Files = rel(`${mnt}/c1`, c1);
		s.mkdir(`${mnt}/c2`);
		const c2 = s.stat(`${mnt}/c2`).ino;
		s.rmdir(`${mnt}/c2`);
		s.mkdir(`${mnt}/c3`);
		const c3 = s.stat(`${mnt}/c3`).ino;
		return {
			rootFiles,
			c1MinusRoot: Number(c1 - rootIno),
			c1Files,
			c2MinusC1: Number(c2 - c1),
			c3MinusC2: Number(c3 - c2),
		};
	});

	compare("readdir (getdents) order with children zeta, alpha, mid, b, a, aa", async (s) => {
		const { mnt } = s.mountPrivate();
		const names = ["zeta", "alpha", "mid", "b", "a", "aa"];
		for (const n of names) s.mkdir(`${mnt}/${n}`);
		s.mkdir(`${mnt}/zeta/inner`);
		for (const n of names) s.mkdir(`${mnt}/zeta/inner/${n}`);
		return {
			root: s.readdir(mnt),
			zeta: s.readdir(`${mnt}/zeta`),
			inner: s.readdir(`${mnt}/zeta/inner`),
		};
	});

	compare("contents of the core files, with two sleepers in a child", async (s) => {
		const { mnt } = s.mountPrivate();
		const rootFiles = ["cgroup.clone_children", "notify_on_release", "release_agent"];
		const root: Record<string, string> = {};
		for (const f of [...rootFiles, "cgroup.sane_behavior"]) root[f] = s.read(`${mnt}/${f}`);
		s.mkdir(`${mnt}/a`);
		s.mkdir(`${mnt}/empty`);
		const p0 = await s.spawnSleeper();
		const p1 = await s.spawnSleeper();
		const saneWrites = ["1", "0", ""].map((d) => put(s, `${mnt}/cgroup.sane_behavior`, d));
		const inRootBefore = s
			.norm(s.read(`${mnt}/tasks`))
			.split("\n")
			.includes("S0");
		const w0 = put(s, `${mnt}/a/tasks`, `${p0}`);
		const w1 = put(s, `${mnt}/a/cgroup.procs`, `${p1}`);
		const child: Record<string, string> = {};
		for (const f of ["tasks", "cgroup.procs", "cgroup.clone_children", "notify_on_release"]) {
			child[f] = s.norm(s.read(`${mnt}/a/${f}`));
		}
		const rootTasks = s.norm(s.read(`${mnt}/tasks`)).split("\n");
		const rootProcs = s.norm(s.read(`${mnt}/cgroup.procs`)).split("\n");
		return {
			root,
			saneWrites,
			inRootBefore,
			w0,
			w1,
			child,
			empty: { tasks: s.read(`${mnt}/empty/tasks`), procs: s.read(`${mnt}/empty/cgroup.procs`) },
			childOnlyFiles: ["release_agent", "cgroup.sane_behavior"].map((f) =>
				s.tryRead(`${mnt}/a/${f}`),
			),
			sleepersLeftRoot:
				!rootTasks.includes("S0") &&
				!rootTasks.includes("S1") &&
				!rootProcs.includes("S0") &&
				!rootProcs.includes("S1"),
			rootTasksSorted: rootTasks
				.filter((v) => v !== "")
				.map(Number)
				.every((v, i, a) => i === 0 || v > a[i - 1]!),
		};
	});

	compare("tasks: how a written pid is parsed (one write(2) each)", async (s) => {
		const { mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/a`);
		const pid = await s.spawnSleeper();
		const inputs: [string, string][] = [
			["decimal", `${pid}`],
			["leading space", ` ${pid}`],
			["trailing space", `${pid} `],
			["hex", `0x${pid.toString(16)}`],
			["octal", `0${pid.toString(8)}`],
			["plus sign", `+${pid}`],
			["two newlines", `${pid}\n\n`],
			["tab and newline", `\t${pid}\n`],
			["abc", "abc"],
			["-1", "-1"],
			["empty", ""],
			["newline", "\n"],
			// Instead of the classic "1 2" (pid 1 is not ours): the same shape with our own pid.
			["two numbers", `${pid} ${pid}`],
			["2^32", "4294967296"],
			["above PID_MAX_LIMIT", "99999999"],
			["trailing junk", `${pid}x`],
		];
		// 4194303 can be a live pid only when pid_max is 4194304.
		if (FACTS.pidMax <= 4194303) inputs.push(["above pid_max", "4194303"]);
		const out: string[] = [];
		for (const [label, data] of inputs) {
			put(s, `${mnt}/tasks`, `${pid}`);
			const r = put(s, `${mnt}/a/tasks`, data);
			const moved = s.norm(s.read(`${mnt}/a/tasks`)) === "S0\n";
			out.push(`${label}: ${r}${moved ? " (moved)" : ""}`);
		}
		return out;
	});

	compare("notify_on_release: how a written value is parsed", async (s) => {
		const { mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/a`);
		const f = `${mnt}/a/notify_on_release`;
		const inputs = [
			"1",
			"2",
			"-1",
			"abc",
			" 1",
			"0x10",
			"18446744073709551616",
			"1\n\n",
			"",
			"0\n",
		];
		return inputs.map((data) => {
			put(s, f, "0");
			const r = put(s, f, data);
			return `${JSON.stringify(data)}: ${r} -> ${JSON.stringify(s.read(f))}`;
		});
	});

	compare(
		"write size limits: E2BIG above 4096 bytes, release_agent above PATH_MAX-1",
		async (s) => {
			const { mnt } = s.mountPrivate();
			s.mkdir(`${mnt}/a`);
			const pid = await s.spawnSleeper();
			// Leading spaces (strstrip removes them): leading zeros would make it octal,
			// and a run of zeros alone would be pid 0, the writer itself.
			const pad = (n: number): string => " ".repeat(n - `${pid}`.length) + pid;
			const tasks = `${mnt}/a/tasks`;
			const out: Record<string, string> = {};
			for (const n of [4095, 4096, 4097, 8192]) {
				put(s, `${mnt}/tasks`, `${pid}`);
				out[`tasks ${n}`] = `${put(s, tasks, pad(n))} ${s.norm(s.read(tasks)).trim()}`;
			}
			const nor = `${mnt}/a/notify_on_release`;
			for (const n of [4096, 4097]) {
				put(s, nor, "0");
				out[`notify_on_release ${n}`] =
					`${put(s, nor, `${"0".repeat(n - 1)}1`)} ${s.read(nor).trim()}`;
			}
			const ra = `${mnt}/release_agent`;
			for (const n of [4094, 4095, 4096, 4097]) {
				put(s, ra, "");
				put(s, ra, " ");
				const r = put(s, ra, `/${"x".repeat(n - 1)}`);
				out[`release_agent ${n}`] = `${r} length ${s.read(ra).length}`;
			}
			out["release_agent strip"] = `${put(s, ra, "  /bin/true \n")} ${JSON.stringify(s.read(ra))}`;
			return out;
		},
	);

	compare("mkdir, rmdir, rename, unlink and create in a hierarchy", async (s) => {
		const { mnt } = s.mountPrivate();
		const p = (x: string): string => `${mnt}/${x}`;
		const out: Record<string, string> = {};
		for (const d of ["a", "a/child", "b", "t"]) out[`mkdir ${d}`] = s.mkdir(p(d));
		out["mkdir existing a"] = s.mkdir(p("a"));
		out["mkdir a/x\\ny"] = s.mkdir(p("a/x\ny"));
		out["mkdir a/tasks"] = s.mkdir(p("a/tasks"));
		out["mkdir a/notify_on_release"] = s.mkdir(p("a/notify_on_release"));
		out["mkdir missing/x"] = s.mkdir(p("missing/x"));
		out["rmdir a (has a child)"] = s.rmdir(p("a"));
		const pid = await s.spawnSleeper();
		out["attach to t"] = put(s, p("t/tasks"), `${pid}`);
		out["rmdir t (has a task)"] = s.rmdir(p("t"));
		out["rmdir a/tasks"] = s.rmdir(p("a/tasks"));
		out["rmdir missing"] = s.rmdir(p("missing"));
		out["rename a/child a/child2"] = s.rename(p("a/child"), p("a/child2"));
		out["rename a/child2 a/child2"] = s.rename(p("a/child2"), p("a/child2"));
		out["rename across parents a/child2 b/child2"] = s.rename(p("a/child2"), p("b/child2"));
		out["rename onto existing dir a b"] = s.rename(p("a"), p("b"));
		out["rename a file a/tasks a/foo"] = s.rename(p("a/tasks"), p("a/foo"));
		out["rename dir onto a file a/child2 a/tasks"] = s.rename(p("a/child2"), p("a/tasks"));
		out["rename file onto a dir a/tasks a/child2"] = s.rename(p("a/tasks"), p("a/child2"));
		out["rename into own subtree a a/child2/x"] = s.rename(p("a"), p("a/child2/x"));
		out["rename to a name with newline"] = s.rename(p("a/child2"), p("a/bad\nname"));
		out["rename a top-level b c"] = s.rename(p("b"), p("c"));
		out["unlink a/tasks"] = s.unlink(p("a/tasks"));
		out["unlink a/child2"] = s.unlink(p("a/child2"));
		out["create a/newfile"] = s.createFile(p("a/newfile"));
		out["create existing a/notify_on_release"] = s.createFile(p("a/notify_on_release"));
		for (const [name, mode] of [
			["m700", 0o700],
			["m0", 0],
			["m777", 0o777],
			["m1777", 0o1777],
		] as const) {
			const r = s.mkdir(p(name), mode);
			out[`mkdir ${name}`] = `${r} ${info(s, p(name))}`;
		}
		out["mkdir a 255-char name"] = s.mkdir(p(`a/${"n".repeat(255)}`));
		out["mkdir a 256-char name"] = s.mkdir(p(`a/${"l".repeat(256)}`));
		out["rmdir a 255-char name"] = s.rmdir(p(`a/${"n".repeat(255)}`));
		out["rmdir a 256-char name"] = s.rmdir(p(`a/${"l".repeat(256)}`));
		out["mkdir a/."] = s.mkdir(p("a/."));
		out["mkdir a/.."] = s.mkdir(p("a/.."));
		out["rmdir a/."] = s.rmdir(p("a/."));
		out["rmdir a/.."] = s.rmdir(p("a/.."));
		out["rmdir the mount point"] = s.rmdir(mnt);
		out["ls /"] = [...s.readdir(mnt)].sort().join(" ");
		out["ls a"] = [...s.readdir(p("a"))].sort().join(" ");
		return out;
	});

	compare("notify_on_release and cgroup.clone_children are inherited at mkdir", async (s) => {
		const { mnt } = s.mountPrivate();
		const vals = (d: string): string =>
			`notify=${s.read(`${d}/notify_on_release`).trim()} clone=${s.read(`${d}/cgroup.clone_children`).trim()}`;
		s.mkdir(`${mnt}/a`);
		const w1 = put(s, `${mnt}/a/notify_on_release`, "1");
		const w2 = put(s, `${mnt}/a/cgroup.clone_children`, "1");
		s.mkdir(`${mnt}/a/b`);
		s.mkdir(`${mnt}/a/b/deep`);
		put(s, `${mnt}/a/notify_on_release`, "0");
		s.mkdir(`${mnt}/a/c`);
		const { mnt: m2 } = s.mountPrivate("clone_children");
		s.mkdir(`${m2}/x`);
		return {
			w1,
			w2,
			root: vals(mnt),
			a: vals(`${mnt}/a`),
			b: vals(`${mnt}/a/b`),
			deep: vals(`${mnt}/a/b/deep`),
			c: vals(`${mnt}/a/c`),
			cloneChildrenMountRoot: vals(m2),
			cloneChildrenMountChild: vals(`${m2}/x`),
		};
	});

	compare("attach permission with an unprivileged opener (uid 1000)", async (s) => {
		const { mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/a`);
		const rootSleeper = await s.spawnSleeper();
		const userSleeper = await s.spawnSleeper({ uid: 1000, gid: 1000 });
		const out: Record<string, string> = {};
		out["open tasks 0644"] = putAs(s, 1000, 1000, `${mnt}/a/tasks`, `${userSleeper}`);
		s.chmod(`${mnt}/a/tasks`, 0o666);
		s.chmod(`${mnt}/a/cgroup.procs`, 0o666);
		out["root's sleeper via tasks"] = putAs(s, 1000, 1000, `${mnt}/a/tasks`, `${rootSleeper}`);
		out["root's sleeper via cgroup.procs"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/a/cgroup.procs`,
			`${rootSleeper}`,
		);
		out["own sleeper via tasks"] = putAs(s, 1000, 1000, `${mnt}/a/tasks`, `${userSleeper}`);
		out["a/tasks after"] = s.norm(s.read(`${mnt}/a/tasks`));
		out["own sleeper back via cgroup.procs"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/cgroup.procs`,
			`${userSleeper}`,
		);
		out["a/tasks after the move-back attempt"] = s.norm(s.read(`${mnt}/a/tasks`));
		out["release_agent 0644"] = putAs(s, 1000, 1000, `${mnt}/release_agent`, "/x");
		s.chmod(`${mnt}/release_agent`, 0o666);
		out["release_agent 0666"] = putAs(s, 1000, 1000, `${mnt}/release_agent`, "/x");
		s.chmod(`${mnt}/release_agent`, 0o644);
		out["release_agent value"] = s.read(`${mnt}/release_agent`);
		out["notify_on_release 0644"] = putAs(s, 1000, 1000, `${mnt}/a/notify_on_release`, "1");
		return out;
	});

	compare("mount option grammar and /proc/self/mounts options", async (s) => {
		const g = s.newDir("g");
		const n = s.newName("g");
		const steps: string[] = [
			"none",
			"none,cpu",
			"all,cpu",
			"bogus",
			"name=",
			`none,name=${n}a,name=${n}b`,
			`none,name=${n}/b`,
			`none,name=${n}-${"x".repeat(63 - n.length)}`,
			`none,name=${n}-${"x".repeat(62 - n.length)}`,
			`none,name=${n}c,noprefix`,
			"cpu,noprefix",
			`name=${n}d`,
			`none,name=${n}e,release_agent=/x,release_agent=/y`,
			`none,name=${n}f,foo=bar`,
			`none,name=${n}g,cpu`,
			`none,name=${n}h,release_agent=/bin/true,clone_children,xattr`,
			`none,none,name=${n}i`,
			`none,name=${n}j,none=1`,
			`none,name=${n}k,release_agent=/a b\\c\td=e,f`,
			`none,name=${n}l,release_agent=/a b\\c\td=e`,
		];
		if (FACTS.cpuBoundApart) steps.push("cpu,cpuacct");
		const out: string[] = [];
		for (const opts of steps) {
			const r = s.mountCgroup(g, opts);
			let line = "";
			if (r === "OK") {
				line = ` ${mountsLine(s, g)} | ${mountinfoTail(s, g)}`;
				s.umount(g);
			}
			out.push(`${opts}: ${r}${line}`);
		}
		return out;
	});

	compare(
		"hierarchy ids: failed creations consume ids (differences of successive ids)",
		async (s) => {
			const g = s.newDir("g");
			const steps: [string, string][] = [
				["ok", `none,name=${s.newName("i")}`],
				["fail", "none,cpu"],
				["ok", `none,name=${s.newName("i")}`],
				["fail", `name=${s.newName("i")}`],
				["ok", `none,name=${s.newName("i")}`],
			];
			if (FACTS.cpuBoundApart) {
				steps.push(["fail", "cpu,cpuacct"], ["ok", `none,name=${s.newName("i")}`]);
				steps.push(["fail", `cpu,name=${s.newName("i")}`], ["ok", `none,name=${s.newName("i")}`]);
			}
			const out: string[] = [];
			let last: number | null = null;
			for (const [, opts] of steps) {
				const r = s.mountCgroup(g, opts);
				if (r !== "OK") {
					out.push(`${opts}: ${r}`);
					continue;
				}
				const name = /name=([^,]+)/.exec(opts)![1]!;
				const id = s.hierarchyId(name);
				out.push(`${opts}: OK +${id !== null && last !== null ? id - last : "first"}`);
				last = id;
				s.umount(g);
			}
			return out;
		},
	);

	compare("hierarchy reuse: persistence after umount, name= alone, remount EBUSY", async (s) => {
		const { name, mnt } = s.mountPrivate();
		const out: Record<string, string> = {};
		out["mkdir child"] = s.mkdir(`${mnt}/child`);
		const id = s.hierarchyId(name);
		out.umount = s.umount(mnt);
		out["listed after umount"] = String(s.hierarchyId(name) === id && id !== null);
		const m2 = s.newDir("m");
		out["mount name= alone"] = s.mountCgroup(m2, `name=${name}`);
		out["same id"] = String(s.hierarchyId(name) === id);
		out["ls after remount"] = s.readdir(m2).includes("child") ? "has child" : "no child";
		out["remount with children"] = s.mountCgroup(m2, `none,name=${name}`, MS_REMOUNT);
		out["remount with another name"] = s.mountCgroup(m2, `none,name=${name}x`, MS_REMOUNT);
		const m3 = s.newDir("m");
		out["second mount point"] = s.mountCgroup(m3, `none,name=${name}`);
		out["second mount sees child"] = String(s.readdir(m3).includes("child"));
		out["same inode"] = String(s.stat(`${m2}/child`).ino === s.stat(`${m3}/child`).ino);
		out["umount second"] = s.umount(m3);
		out["reuse with noprefix"] = s.mountCgroup(m3, `none,name=${name},noprefix`);
		out["reuse with noprefix: options"] = (mountsLine(s, m3) ?? "").replace(m3, "M");
		out["reuse with noprefix: files"] = s.readdir(m3).includes("tasks") ? "tasks" : "no tasks";
		out["umount third"] = s.umount(m3);
		out["reuse with release_agent"] = s.mountCgroup(m3, `none,name=${name},release_agent=/bin/x`);
		out["reuse with release_agent: file"] = s.read(`${m3}/release_agent`);
		out["umount fourth"] = s.umount(m3);
		out["none,name,cpu"] = s.mountCgroup(m3, `none,name=${name},cpu`);
		if (FACTS.cpuBoundApart)
			out["cpu,name= (other controllers)"] = s.mountCgroup(m3, `cpu,name=${name}`);
		out["/proc/self/cgroup"] = namedLine(s, name) ?? "none";
		out["rmdir child"] = s.rmdir(`${m2}/child`);
		return out;
	});

	compare(
		"release agent: runs with the cgroup path, from kthreadd, with the fixed environment",
		async (s) => {
			const agent = s.prepareReleaseAgent();
			const { mnt } = s.mountPrivate(`release_agent=${agent}`);
			const out: Record<string, unknown> = {};
			out.releaseAgentFile = s.read(`${mnt}/release_agent`) === `${agent}\n`;
			out.mountShowsAgent = (mountsLine(s, mnt) ?? "").includes(`release_agent=${agent},`);
			s.mkdir(`${mnt}/a`);
			out.setNotify = put(s, `${mnt}/a/notify_on_release`, "1");
			s.mkdir(`${mnt}/a/b`);
			out.bNotify = s.read(`${mnt}/a/b/notify_on_release`);
			const pid = await s.spawnSleeper();
			out.attach = put(s, `${mnt}/a/b/tasks`, `${pid}`);
			out.runsBeforeKill = (await s.releaseAgentRuns(0)).length;
			await s.kill(pid);
			out.afterKill = await s.releaseAgentRuns(1);
			out.rmdir = s.rmdir(`${mnt}/a/b`);
			out.afterRmdir = await s.releaseAgentRuns(2);
			s.mkdir(`${mnt}/a/m`);
			const pid2 = await s.spawnSleeper();
			out.attach2 = put(s, `${mnt}/a/m/tasks`, `${pid2}`);
			out.moveOut = put(s, `${mnt}/tasks`, `${pid2}`);
			out.afterMoveOut = (await s.releaseAgentRuns(3)).map((r) => r.argv);
			return out;
		},
	);

	compare(
		"/proc/<pid>/cgroup line format for a named hierarchy; /proc/cgroups format",
		async (s) => {
			const { name, mnt } = s.mountPrivate();
			s.mkdir(`${mnt}/a`);
			s.mkdir(`${mnt}/a/b`);
			const pid = await s.spawnSleeper();
			put(s, `${mnt}/a/b/tasks`, `${pid}`);
			const selfLines = s.read("/proc/self/cgroup").split("\n");
			const sleeperLines = s.read(`/proc/${pid}/cgroup`).split("\n");
			const cgroups = s.read("/proc/cgroups");
			const rows = cgroups.split("\n").slice(1, -1);
			const renamed = s.rename(`${mnt}/a/b`, `${mnt}/a/renamed`);
			const sleeperAfterRename = namedLine(s, name, pid);
			s.mkdir(`${mnt}/a/sp ace`);
			put(s, `${mnt}/a/sp ace/tasks`, `${pid}`);
			const sleeperInSpace = namedLine(s, name, pid);
			return {
				renamed,
				sleeperAfterRename,
				sleeperInSpace,
				self: namedLine(s, name),
				sleeper: namedLine(s, name, pid),
				selfIndex: selfLines.findIndex((l) => l.includes(`name=${name}`)),
				sleeperIndex: sleeperLines.findIndex((l) => l.includes(`name=${name}:`)),
				lastLineIsCgroup2: selfLines.at(-2)?.startsWith("0::") ?? false,
				endsWithNewline: s.read("/proc/self/cgroup").endsWith("\n"),
				procCgroupsHeader: cgroups.split("\n")[0],
				procCgroupsControllers: rows.map((r) => r.split("\t")[0]),
				procCgroupsEnabled: rows.map((r) => r.split("\t")[3]),
				procCgroupsColumns: [...new Set(rows.map((r) => r.split("\t").length))],
				procCgroupsNamedNotListed: !cgroups.includes(name),
			};
		},
	);

	compare("pid namespace view of tasks and cgroup.procs", async (s) => {
		const { mnt } = s.mountPrivate();
		const c = `${mnt}/c`;
		s.mkdir(c);
		const outer = await s.spawnSleeper();
		const w = put(s, `${c}/tasks`, `${outer}`);
		const view = s.pidNsView(c, outer);
		return { w, view, afterFromOutside: s.norm(s.read(`${c}/tasks`)) };
	});

	compare("open descriptors of a removed cgroup fail with ENODEV; small reads", async (s) => {
		const { mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/a`);
		const pid = await s.spawnSleeper();
		put(s, `${mnt}/a/tasks`, `${pid}`);
		const out: Record<string, string | number> = {};
		const nor = s.openFd(`${mnt}/a/notify_on_release`, false);
		let bytes = "";
		for (let i = 0; i < 4 && typeof nor === "number"; i++) bytes += `[${s.readFd(nor, 1)}]`;
		out["1-byte reads"] = bytes;
		const r = s.openFd(`${mnt}/a/tasks`, false);
		const w = s.openFd(`${mnt}/a/notify_on_release`, true);
		const p = s.openFd(`${mnt}/a/cgroup.procs`, false);
		if (typeof r !== "number" || typeof w !== "number" || typeof p !== "number") {
			return { open: [r, w, p] };
		}
		out["read tasks while populated"] = s.norm(s.readFd(r));
		out["rmdir populated"] = s.rmdir(`${mnt}/a`);
		put(s, `${mnt}/tasks`, `${pid}`);
		out["rmdir a"] = s.rmdir(`${mnt}/a`);
		out["read procs after rmdir"] = s.readFd(p);
		out["write after rmdir"] = s.writeFd(w, "1");
		out["tasks fd again"] = s.readFd(r);
		out["path after rmdir"] = s.tryRead(`${mnt}/a/tasks`);
		out["mkdir a again"] = s.mkdir(`${mnt}/a`);
		out["old fd on new a"] = s.readFd(p);
		out.close = [r, w, p, nor].map((fd) => (typeof fd === "number" ? s.closeFd(fd) : fd)).join(" ");
		return out;
	});

	compare("read-only mounts: the ro option (superblock) and MS_RDONLY (mount)", async (s) => {
		const out: Record<string, string> = {};
		const { mnt } = s.mountPrivate("ro");
		out["ro option: mounts"] = (mountsLine(s, mnt) ?? "")
			.replace(mnt, "M")
			.replace(/name=\S+/, "name=X");
		out["ro option: mkdir"] = s.mkdir(`${mnt}/x`);
		out["ro option: write"] = put(s, `${mnt}/notify_on_release`, "1");
		const { name, mnt: rw } = s.mountPrivate();
		s.mkdir(`${rw}/a`);
		const ro = s.newDir("m");
		out["MS_RDONLY second mount"] = s.mountCgroup(ro, `none,name=${name}`, MS_RDONLY);
		out["MS_RDONLY: mounts"] = (mountsLine(s, ro) ?? "")
			.replace(ro, "M")
			.replace(/name=\S+/, "name=X");
		out["MS_RDONLY: first mount"] = (mountsLine(s, rw) ?? "")
			.replace(rw, "M")
			.replace(/name=\S+/, "name=X");
		out["MS_RDONLY: mkdir"] = s.mkdir(`${ro}/b`);
		out["MS_RDONLY: write"] = put(s, `${ro}/a/notify_on_release`, "1");
		out["MS_RDONLY: rmdir"] = s.rmdir(`${ro}/a`);
		out["rw mount: mkdir"] = s.mkdir(`${rw}/b`);
		out["rw mount: write"] = put(s, `${rw}/a/notify_on_release`, "1");
		out["ro mount sees it"] = s.read(`${ro}/a/notify_on_release`);
		const { name: n3, mnt: m3 } = s.mountPrivate();
		const show = (m: string): string =>
			(mountsLine(s, m) ?? "none").replace(m, "M").replace(/name=\S+/, "name=X");
		out["remount ro, no children"] = s.mountCgroup(m3, `none,name=${n3}`, MS_REMOUNT | MS_RDONLY);
		out["after remount ro"] = show(m3);
		out["after remount ro: mkdir"] = s.mkdir(`${m3}/q`);
		out["remount rw"] = s.mountCgroup(m3, `none,name=${n3}`, MS_REMOUNT);
		out["after remount rw"] = show(m3);
		out["after remount rw: mkdir"] = s.mkdir(`${m3}/q`);
		out["remount ro, with children"] = s.mountCgroup(m3, `none,name=${n3}`, MS_REMOUNT | MS_RDONLY);
		out["after remount ro, with children"] = show(m3);
		out["bind remount ro"] = s.mountCgroup(m3, "", MS_REMOUNT | MS_BIND | MS_RDONLY);
		out["after bind remount ro"] = show(m3);
		out["after bind remount ro: mkdir"] = s.mkdir(`${m3}/q2`);
		out["bind remount rw"] = s.mountCgroup(m3, "", MS_REMOUNT | MS_BIND);
		out["after bind remount rw"] = show(m3);
		return out;
	});

	compare(
		"attach permission: the opener's euid against the target's real and saved uid",
		async (s) => {
			const { mnt } = s.mountPrivate();
			s.mkdir(`${mnt}/a`);
			s.chmod(`${mnt}/a/tasks`, 0o666);
			const targets: [string, number][] = [
				[
					"uid=1001 euid=1001 suid=1000",
					await s.spawnSleeper({ uid: 1001, gid: 1001, suid: 1000 }),
				],
				[
					"uid=1001 euid=1000 suid=1001",
					await s.spawnSleeper({ uid: 1001, gid: 1001, euid: 1000 }),
				],
				["uid=1002", await s.spawnSleeper({ uid: 1002, gid: 1002 })],
			];
			const out: string[] = [];
			for (const opener of [1000, 1001, 1002]) {
				for (const [label, pid] of targets) {
					const r = putAs(s, opener, opener, `${mnt}/a/tasks`, `${pid}`);
					out.push(`opener ${opener}, target ${label}: ${r}`);
					put(s, `${mnt}/tasks`, `${pid}`);
				}
			}
			return out;
		},
	);

	compare("ownership: mkdir by uid 1000 in a 0777 cgroup, then delegation", async (s) => {
		const { mnt } = s.mountPrivate();
		const own = (p: string): string => {
			const st = s.stat(p);
			return `${st.uid}:${st.gid} ${(st.mode & 0o7777).toString(8)} nlink=${st.nlink}`;
		};
		const out: Record<string, string> = {};
		out["mkdir as 1000 under the root (0555)"] = s.mkdirAs(1000, 1000, `${mnt}/x`);
		s.mkdir(`${mnt}/d`);
		out["mkdir as 1000 under d (0755)"] = s.mkdirAs(1000, 1000, `${mnt}/d/u`);
		out["chmod d 0777"] = s.chmod(`${mnt}/d`, 0o777);
		out["mkdir as 1000 under d (0777)"] = s.mkdirAs(1000, 1000, `${mnt}/d/u`);
		for (const f of [
			"",
			"/tasks",
			"/cgroup.procs",
			"/notify_on_release",
			"/cgroup.clone_children",
		]) {
			out[`d/u${f}`] = own(`${mnt}/d/u${f}`);
		}
		out.d = own(`${mnt}/d`);
		out["d/tasks"] = own(`${mnt}/d/tasks`);
		const userSleeper = await s.spawnSleeper({ uid: 1000, gid: 1000 });
		const rootSleeper = await s.spawnSleeper();
		out["1000 moves own sleeper into d/u"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/d/u/tasks`,
			`${userSleeper}`,
		);
		out["1000 moves root's sleeper into d/u"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/d/u/tasks`,
			`${rootSleeper}`,
		);
		out["1000 sets d/u/notify_on_release"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/d/u/notify_on_release`,
			"1",
		);
		out["1000 mkdir d/u/sub"] = s.mkdirAs(1000, 1000, `${mnt}/d/u/sub`);
		out["d/u nlink with sub"] = own(`${mnt}/d/u`);
		out["1000 moves own sleeper into d/u/sub"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/d/u/sub/tasks`,
			`${userSleeper}`,
		);
		out["1000 rmdir d/u (has a child)"] = s.rmdirAs(1000, 1000, `${mnt}/d/u`);
		out["1000 rmdir d/u/sub (has a task)"] = s.rmdirAs(1000, 1000, `${mnt}/d/u/sub`);
		out["1000 moves own sleeper back to d/u"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/d/u/tasks`,
			`${userSleeper}`,
		);
		out["1000 rmdir d/u/sub"] = s.rmdirAs(1000, 1000, `${mnt}/d/u/sub`);
		out["d/u/tasks content"] = s.norm(s.read(`${mnt}/d/u/tasks`));
		return out;
	});

	compare("an inherited descriptor: the attach check uses the opener's credentials", async (s) => {
		const { mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/a`);
		s.mkdir(`${mnt}/b`);
		const rootSleeper = await s.spawnSleeper();
		const out: Record<string, string> = {};
		const via = (path: string, data: string): string =>
			normWrite(s.writeViaFdAs(1000, 1000, path, data), data);
		out["opened by root, written by 1000: root's sleeper"] = via(
			`${mnt}/a/tasks`,
			`${rootSleeper}`,
		);
		out["a/tasks"] = s.norm(s.read(`${mnt}/a/tasks`));
		s.chmod(`${mnt}/b/tasks`, 0o666);
		out["opened and written by 1000: root's sleeper"] = putAs(
			s,
			1000,
			1000,
			`${mnt}/b/tasks`,
			`${rootSleeper}`,
		);
		out["opened by root, written by 1000: release_agent"] = via(
			`${mnt}/release_agent`,
			"/bin/true",
		);
		out.release_agent = s.read(`${mnt}/release_agent`);
		out["opened by root, written by 1000: notify_on_release"] = via(
			`${mnt}/a/notify_on_release`,
			"1",
		);
		out.notify = s.read(`${mnt}/a/notify_on_release`);
		return out;
	});

	compare("threads: tasks moves one thread, cgroup.procs the whole process", async (s) => {
		const { name, mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/a`);
		s.mkdir(`${mnt}/b`);
		const { pid, tids } = await s.spawnThreadedSleeper(2);
		const t1 = tids[1]!;
		const t2 = tids[2]!;
		const list = pidLists(s, mnt);
		const view = (): string => `a: ${list("a")} b: ${list("b")}`;
		const out: Record<string, string | null> = {};
		out["tasks <- t1"] = put(s, `${mnt}/a/tasks`, `${t1}`);
		out["after tasks <- t1"] = view();
		out["/proc/pid/task/t1/cgroup"] = namedLine(s, name, `${pid}/task/${t1}`);
		out["/proc/pid/cgroup"] = namedLine(s, name, pid);
		out["cgroup.procs <- t2"] = put(s, `${mnt}/b/cgroup.procs`, `${t2}`);
		out["after cgroup.procs <- t2"] = view();
		out["tasks <- leader"] = put(s, `${mnt}/a/tasks`, `${pid}`);
		out["after tasks <- leader"] = view();
		out["rmdir b (threads only)"] = s.rmdir(`${mnt}/b`);
		out["cgroup.procs <- leader"] = put(s, `${mnt}/a/cgroup.procs`, `${pid}`);
		out["after cgroup.procs <- leader"] = view();
		out["rmdir b"] = s.rmdir(`${mnt}/b`);
		return out;
	});

	compare("exiting tasks: a zombie child (killed, not reaped)", async (s) => {
		const { name, mnt } = s.mountPrivate();
		s.mkdir(`${mnt}/z`);
		const list = pidLists(s, mnt);
		const out: Record<string, string | null> = {};
		const pair = await s.spawnSleeperPair();
		out["z <- child"] = put(s, `${mnt}/z/tasks`, `${pair.child}`);
		out["z with child"] = list("z");
		await s.kill(pair.child);
		out["z with the zombie"] = list("z");
		out["zombie /proc/pid/cgroup"] = namedLine(s, name, pair.child);
		out["zombie /proc/pid/status State"] =
			s
				.read(`/proc/${pair.child}/status`)
				.split("\n")
				.find((l) => l.startsWith("State:")) ?? "none";
		out["z <- zombie"] = put(s, `${mnt}/z/tasks`, `${pair.child}`);
		out["z after writing the zombie"] = list("z");
		out["rmdir z"] = s.rmdir(`${mnt}/z`);
		return out;
	});

	compare("exiting tasks: a dead thread-group leader whose threads live on", async (s) => {
		const { name, mnt } = s.mountPrivate();
		for (const d of ["d", "e"]) s.mkdir(`${mnt}/${d}`);
		const list = pidLists(s, mnt);
		const out: Record<string, string | null> = {};
		const { pid, tids } = await s.spawnThreadedSleeper(2);
		out["d <- process"] = put(s, `${mnt}/d/cgroup.procs`, `${pid}`);
		await s.exitLeader(pid);
		out["d after the leader exited"] = list("d");
		out["dead leader /proc/pid/cgroup"] = namedLine(s, name, pid);
		out["thread /proc/pid/task/t1/cgroup"] = namedLine(s, name, `${pid}/task/${tids[1]}`);
		out["e/tasks <- dead leader"] = put(s, `${mnt}/e/tasks`, `${pid}`);
		out["after e/tasks <- dead leader"] = `d: ${list("d")} e: ${list("e")}`;
		out["e/cgroup.procs <- dead leader"] = put(s, `${mnt}/e/cgroup.procs`, `${pid}`);
		out["after e/cgroup.procs <- dead leader"] = `d: ${list("d")} e: ${list("e")}`;
		out["rmdir d"] = s.rmdir(`${mnt}/d`);
		out["d/tasks <- thread"] =
			s.mkdir(`${mnt}/d`) === "OK" ? put(s, `${mnt}/d/tasks`, `${tids[1]}`) : "no d";
		out["after d/tasks <- thread"] = `d: ${list("d")} e: ${list("e")}`;
		return out;
	});

	compare(
		"cgroup paths of PATH_MAX and more: /proc/<pid>/cgroup and the release agent",
		async (s) => {
			const agent = s.prepareReleaseAgent();
			const { name, mnt } = s.mountPrivate(`release_agent=${agent}`);
			/** A path with each component shown as its first letter and length. */
			const short = (line: string | null): string | null =>
				line === null ? null : line.replace(/[a-z]{20,}/g, (c) => `${c[0]}${c.length}`);
			const out: Record<string, unknown> = {};
			out.chdir = s.chdir(mnt);
			// 15 levels of 255-character names: the cgroup path is 15 * 256 = 3840 long.
			for (let i = 0; i < 15; i++) {
				const c = String.fromCharCode(97 + i).repeat(255);
				const r = s.mkdir(c);
				if (r !== "OK") return { ...out, [`mkdir level ${i}`]: r };
				if (i === 0) put(s, `${c}/notify_on_release`, "1");
				s.chdir(c);
			}
			// Leaves whose paths are 4094, 4095, 4096 and 4195 characters long.
			const leaves = [253, 254, 255].map((n) => "xyz"[n - 253]!.repeat(n));
			leaves.push(`${leaves[0]}/${"w".repeat(100)}`);
			const pids: number[] = [];
			for (const leaf of leaves) {
				out[`mkdir ${3841 + leaf.length}`] = s.mkdir(leaf);
				const pid = await s.spawnSleeper();
				pids.push(pid);
				out[`attach ${3841 + leaf.length}`] = put(s, `${leaf}/tasks`, `${pid}`);
			}
			for (const [i, pid] of pids.entries()) {
				const r = s.tryRead(`/proc/${pid}/cgroup`);
				const line = r.startsWith("OK:")
					? (r
							.slice(3)
							.split("\n")
							.find((l) => l.includes(`name=${name}:`)) ?? "no line")
					: r;
				out[`/proc/pid/cgroup, path ${3841 + leaves[i]!.length}`] = short(
					line.replace(/^\d+:/, "N:"),
				);
			}
			for (const pid of pids) await s.kill(pid);
			// The agents of cgroups emptied in quick succession run concurrently: sort.
			out.agentRuns = (await s.releaseAgentRuns(3))
				.map((r) => `argc=${r.argc} length=${r.argv.length} ${short(r.argv)}`)
				.sort();
			return out;
		},
	);
});
