import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from "../../src/fs/constants.ts";
import { binaryToBytes } from "../../src/kernel/bytes.ts";
import { CLONE_NEWPID, CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { assertErrno, errnoOf, TestHost } from "../support/host.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const H = "/tmp/h";

/** A host with a private named hierarchy mounted at /tmp/h. */
function named(): TestHost {
	const h = new TestHost();
	h.mkdir(H);
	h.vfs.mount(h.init, "cgroup", H, "cgroup", 0, "none,name=t");
	return h;
}

const mode = (h: TestHost, p: string) => h.vfs.stat(h.init, p).mode & 0o7777;

describe("cgroupfs files", () => {
	it("gives a hierarchy root and a child the kernel's files, modes and owners", () => {
		const h = named();
		const rootFiles = [
			"cgroup.clone_children",
			"cgroup.procs",
			"cgroup.sane_behavior",
			"notify_on_release",
			"release_agent",
			"tasks",
		];
		assert.deepEqual([...h.ls(H)].sort(), rootFiles);
		assert.equal(mode(h, H), 0o555);
		for (const f of rootFiles) {
			assert.equal(mode(h, `${H}/${f}`), f === "cgroup.sane_behavior" ? 0o444 : 0o644, f);
		}
		h.mkdir(`${H}/a`);
		assert.deepEqual([...h.ls(`${H}/a`)].sort(), [
			"cgroup.clone_children",
			"cgroup.procs",
			"notify_on_release",
			"tasks",
		]);
		assert.equal(mode(h, `${H}/a`), 0o755);
		const st = h.vfs.stat(h.init, `${H}/a/tasks`);
		assert.equal(st.size, 0);
		assert.equal(st.nlink, 1);
		assert.equal(h.vfs.stat(h.init, H).nlink, 3, "2 + one subdirectory");
	});

	it("numbers inodes like kernfs: the directory, then its files in table order", () => {
		const h = named();
		const ino = (p: string) => h.vfs.stat(h.init, p).ino;
		assert.equal(ino(H), 1);
		assert.deepEqual(
			[
				"cgroup.procs",
				"cgroup.clone_children",
				"cgroup.sane_behavior",
				"tasks",
				"notify_on_release",
				"release_agent",
			].map((f) => ino(`${H}/${f}`)),
			[2, 3, 4, 5, 6, 7],
		);
		h.mkdir(`${H}/zeta`);
		h.mkdir(`${H}/alpha`);
		assert.equal(ino(`${H}/zeta`), 8);
		assert.deepEqual(
			["cgroup.procs", "cgroup.clone_children", "tasks", "notify_on_release"].map((f) =>
				ino(`${H}/zeta/${f}`),
			),
			[9, 10, 11, 12],
		);
		assert.equal(ino(`${H}/alpha`), 13);
		h.rmdir(`${H}/zeta`);
		h.mkdir(`${H}/zeta`);
		assert.equal(ino(`${H}/zeta`), 18, "numbers are not reused");
	});

	it("lists entries in kernfs name-hash order, as getdents on the reference kernel", () => {
		const h = named();
		for (const d of ["zeta", "alpha", "mid", "b", "a", "aa"]) h.mkdir(`${H}/${d}`);
		assert.deepEqual(h.ls(H), [
			"mid",
			"cgroup.procs",
			"cgroup.sane_behavior",
			"aa",
			"a",
			"alpha",
			"tasks",
			"b",
			"notify_on_release",
			"release_agent",
			"zeta",
			"cgroup.clone_children",
		]);
	});

	it("reads the core files", () => {
		const h = named();
		assert.equal(h.read(`${H}/cgroup.clone_children`), "0\n");
		assert.equal(h.read(`${H}/notify_on_release`), "0\n");
		assert.equal(h.read(`${H}/release_agent`), "\n");
		assert.equal(h.read(`${H}/cgroup.sane_behavior`), "0\n");
		assert.equal(h.read(`${H}/tasks`), "1\n2\n");
	});

	it("parses flag writes like kstrtoull, keeping the old value on error", () => {
		const h = named();
		const f = `${H}/notify_on_release`;
		const cases: [string, string, string][] = [
			["2", "OK", "1\n"],
			["-1", "EINVAL", "1\n"],
			["abc", "EINVAL", "1\n"],
			[" 1", "EINVAL", "1\n"],
			["1 ", "EINVAL", "1\n"],
			["0", "OK", "0\n"],
			["0x10", "OK", "1\n"],
			["", "OK", "1\n"],
			["18446744073709551616", "ERANGE", "1\n"],
			["1\n", "OK", "1\n"],
			["0\n\n", "EINVAL", "1\n"],
			["0\x00junk", "OK", "0\n"],
		];
		for (const [data, errno, after] of cases) {
			assert.equal(
				errnoOf(() => h.write(f, data)),
				errno,
				JSON.stringify(data),
			);
			assert.equal(h.read(f), after, JSON.stringify(data));
		}
	});

	it("answers a zero-length write with 0 and an over-long one with E2BIG", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		assert.equal(h.write(`${H}/a/tasks`, ""), 0);
		const t = h.spawn();
		assert.equal(
			h.write(`${H}/a/tasks`, `${" ".repeat(4096 - String(t.pid).length)}${t.pid}`),
			4096,
		);
		assert.equal(h.read(`${H}/a/tasks`), `${t.pid}\n`);
		assertErrno(() => h.write(`${H}/a/tasks`, " ".repeat(4097)), "E2BIG");
		assertErrno(() => h.write(`${H}/release_agent`, "a".repeat(4096)), "E2BIG");
		assert.equal(h.write(`${H}/release_agent`, "a".repeat(4095)), 4095);
	});

	it("refuses reads of write-only handlers and writes of read-only ones with EINVAL", () => {
		const h = named();
		assertErrno(() => h.write(`${H}/cgroup.sane_behavior`, "1"), "EINVAL");
	});

	it("stores release_agent stripped and needs CAP_SYS_ADMIN of the opener", () => {
		const h = named();
		assert.equal(h.write(`${H}/release_agent`, "  /bin/foo bar  \n"), 17);
		assert.equal(h.read(`${H}/release_agent`), "/bin/foo bar\n");
		h.vfs.chmod(h.init, `${H}/release_agent`, 0o666);
		const user = h.spawnAs(1000);
		assertErrno(() => h.write(`${H}/release_agent`, "/x", user), "EPERM");
		// An fd opened by root keeps root's capability even when written by the user.
		const fd = h.vfs.open(h.init, `${H}/release_agent`, O_WRONLY);
		h.vfs.dup2(h.init, fd, 10);
		assert.equal(h.vfs.read(h.init, h.vfs.open(h.init, `${H}/tasks`, O_RDONLY), 2).length, 2);
		assert.equal(h.vfs.write(h.init, 10, "/y"), 2);
		assert.equal(h.read(`${H}/release_agent`), "/y\n");
	});

	it("gives reads through a small buffer one consistent snapshot", () => {
		const h = named();
		const kids = Array.from({ length: 5 }, () => h.spawn());
		assert.equal(h.readInChunks(`${H}/tasks`, 3), `1\n2\n${kids.map((k) => k.pid).join("\n")}\n`);
		const fd = h.vfs.open(h.init, `${H}/tasks`, O_RDONLY);
		const first = h.vfs.read(h.init, fd, 2);
		assert.deepEqual(first, binaryToBytes("1\n"));
		h.spawn();
		const rest = h.vfs.read(h.init, fd, 4096);
		assert.ok(!new TextDecoder().decode(rest).includes(String(kids[4]!.pid + 1)), "snapshot");
		h.vfs.lseek(h.init, fd, 0, 0);
		assert.ok(
			new TextDecoder().decode(h.vfs.read(h.init, fd, 4096)).includes(String(kids[4]!.pid + 1)),
		);
	});

	it("fails I/O on files of a removed cgroup with ENODEV", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		const fd = h.vfs.open(h.init, `${H}/a/tasks`, 2);
		h.rmdir(`${H}/a`);
		assertErrno(() => h.vfs.read(h.init, fd, 100), "ENODEV");
		assertErrno(() => h.vfs.write(h.init, fd, "1"), "ENODEV");
		assertErrno(() => h.vfs.open(h.init, `${H}/a/tasks`, O_RDONLY), "ENOENT");
	});
});

describe("cgroupfs namespace operations (errnos measured on the reference kernel)", () => {
	it("mkdir, rmdir, rename, unlink and create", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.mkdir(`${H}/a/b`);
		h.mkdir(`${H}/c`);
		const v = h.vfs;
		const i = h.init;
		const cases: [string, () => unknown, string][] = [
			["mkdir existing", () => v.mkdir(i, `${H}/a`), "EEXIST"],
			["mkdir newline", () => v.mkdir(i, `${H}/x\ny`), "EINVAL"],
			["mkdir over a file", () => v.mkdir(i, `${H}/tasks`), "EEXIST"],
			["mkdir a/.", () => v.mkdir(i, `${H}/a/.`), "EEXIST"],
			["mkdir tasks/x", () => v.mkdir(i, `${H}/tasks/x`), "ENOTDIR"],
			["rmdir with a child", () => v.rmdir(i, `${H}/a`), "EBUSY"],
			["rmdir the root", () => v.rmdir(i, H), "EBUSY"],
			["rmdir a file", () => v.rmdir(i, `${H}/tasks`), "ENOTDIR"],
			["rmdir a/.", () => v.rmdir(i, `${H}/a/.`), "EINVAL"],
			["rmdir a/..", () => v.rmdir(i, `${H}/a/..`), "ENOTEMPTY"],
			["rename across parents", () => v.rename(i, `${H}/a/b`, `${H}/c/b`), "EIO"],
			["rename onto a dir", () => v.rename(i, `${H}/a`, `${H}/c`), "EEXIST"],
			["rename a file", () => v.rename(i, `${H}/a/tasks`, `${H}/a/foo`), "ENOTDIR"],
			["rename a dir onto a file", () => v.rename(i, `${H}/a`, `${H}/tasks`), "ENOTDIR"],
			["rename a file onto a dir", () => v.rename(i, `${H}/tasks`, `${H}/a`), "EISDIR"],
			["rename into its own child", () => v.rename(i, `${H}/a`, `${H}/a/x`), "EINVAL"],
			["rename onto its own parent", () => v.rename(i, `${H}/a/b`, `${H}/a`), "ENOTEMPTY"],
			["rename the mount root", () => v.rename(i, H, "/tmp/zz"), "EBUSY"],
			["rename .", () => v.rename(i, `${H}/a/.`, `${H}/z`), "EBUSY"],
			["rename with newline", () => v.rename(i, `${H}/c`, `${H}/c\nd`), "EINVAL"],
			["rename out of cgroupfs", () => v.rename(i, `${H}/c`, "/tmp/c"), "EXDEV"],
			["rename onto itself", () => v.rename(i, `${H}/a`, `${H}/a`), "OK"],
			["unlink a file", () => v.unlink(i, `${H}/tasks`), "EPERM"],
			["unlink a dir", () => v.unlink(i, `${H}/a`), "EISDIR"],
			["create a file", () => v.open(i, `${H}/newfile`, O_CREAT | O_WRONLY), "EACCES"],
			["rename within the parent", () => v.rename(i, `${H}/c`, `${H}/d`), "OK"],
		];
		for (const [what, fn, errno] of cases) assert.equal(errnoOf(fn), errno, what);
		assert.ok(h.ls(H).includes("d") && !h.ls(H).includes("c"));
		h.check();
	});

	it("is SB_I_NOEXEC: X_OK on a file with x bits is EACCES even for root, directories search", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.vfs.chmod(h.init, `${H}/a/tasks`, 0o755);
		assertErrno(() => h.vfs.access(h.init, `${H}/a/tasks`, 1), "EACCES");
		h.vfs.access(h.init, `${H}/a/tasks`, 6);
		h.vfs.chmod(h.init, `${H}/a`, 0);
		h.vfs.access(h.init, `${H}/a`, 1);
	});

	it("updates times: O_TRUNC opens touch the file, mkdir and rmdir a parent that has iattrs", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		const old = 1e18;
		const mtime = (p: string): number => h.vfs.stat(h.init, p).mtimeNs;
		h.vfs.utimensat(h.init, `${H}/a`, old, old);
		h.vfs.utimensat(h.init, `${H}/a/tasks`, old, old);
		h.vfs.utimensat(h.init, `${H}/a/notify_on_release`, old, old);
		h.kernel.clock.advance(1e9);
		h.vfs.close(h.init, h.vfs.open(h.init, `${H}/a/tasks`, O_WRONLY | O_TRUNC));
		h.vfs.close(h.init, h.vfs.open(h.init, `${H}/a/notify_on_release`, O_WRONLY));
		assert.notEqual(mtime(`${H}/a/tasks`), old);
		assert.equal(mtime(`${H}/a/notify_on_release`), old);
		h.mkdir(`${H}/a/b`);
		assert.notEqual(mtime(`${H}/a`), old);
		h.vfs.utimensat(h.init, `${H}/a`, old, old);
		h.rmdir(`${H}/a/b`);
		assert.notEqual(mtime(`${H}/a`), old);
	});

	it("lists entries in kernfs_name_hash order, bytes above 0x7f hashed unsigned (-funsigned-char)", () => {
		const h = named();
		// The order the reference kernel gives these names (UTF-8 bytes).
		const names = [
			"c26",
			"\xc3\xbc",
			"a",
			"\xc3\xa9",
			"c16",
			"c12",
			"notify",
			"\xe6\x97\xa5\xe6\x9c\xac",
		];
		h.mkdir(`${H}/d`);
		for (const n of [...names].reverse()) h.mkdir(`${H}/d/${n}`);
		assert.deepEqual(
			h.ls(`${H}/d`).filter((n) => names.includes(n)),
			names,
		);
	});

	it("accepts names longer than NAME_MAX (kernfs has no such check; tmpfs has)", () => {
		const h = named();
		h.mkdir(`${H}/${"x".repeat(256)}`);
		assertErrno(() => h.mkdir(`/tmp/${"y".repeat(256)}`), "ENAMETOOLONG");
	});

	it("applies the umask and the mkdir mode to new cgroups, owned by the creator", () => {
		const h = named();
		h.mkdir(`${H}/a`, 0o777);
		assert.equal(mode(h, `${H}/a`), 0o755);
		h.mkdir(`${H}/b`, 0o700);
		assert.equal(mode(h, `${H}/b`), 0o700);
		h.mkdir(`${H}/z`, 0);
		assert.equal(mode(h, `${H}/z`), 0);
		h.vfs.chmod(h.init, H, 0o777);
		const user = h.spawnAs(1000, 1000);
		h.mkdir(`${H}/u`, 0o755, user);
		const st = h.vfs.stat(h.init, `${H}/u/tasks`);
		assert.deepEqual([st.uid, st.gid], [1000, 1000]);
		const dir = h.vfs.stat(h.init, `${H}/u`);
		assert.deepEqual([dir.uid, dir.gid], [1000, 1000]);
	});

	it("in a setgid directory gives children its group and a new directory the setgid bit, once it has iattrs", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.vfs.chown(h.init, `${H}/a`, 1000, 1000);
		h.vfs.chmod(h.init, `${H}/a`, 0o2777);
		const user = h.spawnAs(3000, 2000);
		h.mkdir(`${H}/a/w`, 0o755, user);
		const w = h.vfs.stat(h.init, `${H}/a/w`);
		assert.deepEqual([w.uid, w.gid, w.mode & 0o7777], [3000, 1000, 0o2755]);
		const tasks = h.vfs.stat(h.init, `${H}/a/w/tasks`);
		assert.deepEqual([tasks.uid, tasks.gid, tasks.mode & 0o7777], [3000, 1000, 0o644]);
		// kernfs_new_node() takes the parent's group only from its iattrs: a
		// root-made setgid child has none until a setattr gives it some.
		h.mkdir(`${H}/b`);
		h.vfs.chmod(h.init, `${H}/b`, 0o2755);
		const umask = h.vfs.umask(h.init, 0);
		h.mkdir(`${H}/b/c`, 0o777);
		h.vfs.umask(h.init, umask);
		assert.equal(mode(h, `${H}/b/c`), 0o2777);
		h.mkdir(`${H}/b/c/d`, 0o755, user);
		assert.equal(h.vfs.stat(h.init, `${H}/b/c/d`).gid, 2000);
		h.vfs.chown(h.init, `${H}/b/c`, 0, 0);
		h.mkdir(`${H}/b/c/e`, 0o755, user);
		assert.equal(h.vfs.stat(h.init, `${H}/b/c/e`).gid, 0);
	});

	it("needs write permission on the parent directory", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		const user = h.spawnAs(1000);
		assertErrno(() => h.mkdir(`${H}/a/b`, 0o755, user), "EACCES");
		assertErrno(() => h.rmdir(`${H}/a`, user), "EACCES");
	});

	it("keeps chmod and chown of control files", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.vfs.chown(h.init, `${H}/a/tasks`, 1000, 100);
		h.vfs.chmod(h.init, `${H}/a/tasks`, 0o600);
		const st = h.vfs.stat(h.init, `${H}/a/tasks`);
		assert.deepEqual([st.uid, st.gid, st.mode & 0o7777], [1000, 100, 0o600]);
		const user = h.spawnAs(1001);
		assertErrno(() => h.vfs.chmod(user, `${H}/a/tasks`, 0o666), "EPERM");
		assertErrno(() => h.vfs.chown(user, `${H}/a/tasks`, 1001, -1), "EPERM");
	});

	it("inherits notify_on_release and clone_children at mkdir only", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.write(`${H}/notify_on_release`, "1");
		h.write(`${H}/cgroup.clone_children`, "1");
		h.mkdir(`${H}/b`);
		assert.equal(h.read(`${H}/a/notify_on_release`), "0\n");
		assert.equal(h.read(`${H}/a/cgroup.clone_children`), "0\n");
		assert.equal(h.read(`${H}/b/notify_on_release`), "1\n");
		assert.equal(h.read(`${H}/b/cgroup.clone_children`), "1\n");
	});
});

describe("attaching through tasks and cgroup.procs", () => {
	it("parses the pid like kstrtoint after strstrip, one number per write", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		const t = h.spawn();
		const p = t.pid;
		const cases: [string, string][] = [
			["abc", "EINVAL"],
			["-1", "EINVAL"],
			["99999", "ESRCH"],
			[`${p} ${p}`, "EINVAL"],
			["\n", "EINVAL"],
			["4294967296", "EINVAL"],
			["2147483648", "EINVAL"],
			[`0x${p.toString(16)}`, "OK"],
			[`0${p.toString(8)}`, "OK"],
			[` ${p}`, "OK"],
			[`${p} `, "OK"],
			[`${p}\n\n`, "OK"],
			["08", "EINVAL"],
			["", "OK"],
		];
		for (const [data, errno] of cases) {
			assert.equal(
				errnoOf(() => h.write(`${H}/a/tasks`, data)),
				errno,
				JSON.stringify(data),
			);
		}
		assert.equal(h.read(`${H}/a/tasks`), `${p}\n`);
		assertErrno(() => h.write(`${H}/a/tasks`, "2"), "EINVAL", "kthreadd may not move");
		h.check();
	});

	it("moves the writer on 0, one thread through tasks, the process through cgroup.procs", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.mkdir(`${H}/b`);
		const p = h.spawn();
		const t1 = h.kernel.fork(p, { flags: THREAD });
		const t2 = h.kernel.fork(p, { flags: THREAD });
		h.write(`${H}/a/tasks`, "0", t1);
		assert.equal(h.read(`${H}/a/tasks`), `${t1.pid}\n`);
		assert.equal(h.read(`${H}/a/cgroup.procs`), `${p.pid}\n`);
		h.write(`${H}/b/cgroup.procs`, String(t2.pid));
		assert.equal(h.read(`${H}/b/tasks`), `${p.pid}\n${t1.pid}\n${t2.pid}\n`);
		assert.equal(h.read(`${H}/a/tasks`), "");
		h.check();
	});

	it("checks the opener's euid against the target's uid and suid (EACCES)", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.vfs.chmod(h.init, `${H}/a/tasks`, 0o666);
		const user = h.spawnAs(1000);
		const rootTask = h.spawn();
		const own = h.spawnAs(1000);
		assertErrno(() => h.write(`${H}/a/tasks`, String(rootTask.pid), user), "EACCES");
		assert.equal(h.write(`${H}/a/tasks`, String(own.pid), user), String(own.pid).length);
		assert.equal(h.write(`${H}/a/tasks`, "0", user), 1);
		const other = h.spawnAs(1001);
		assertErrno(() => h.write(`${H}/a/tasks`, String(other.pid), user), "EACCES");
		other.cred = other.cred.withUids(1001, 1001, 1000);
		assert.equal(
			errnoOf(() => h.write(`${H}/a/tasks`, String(other.pid), user)),
			"OK",
			"suid",
		);
		assertErrno(() => h.write(`${H}/a/tasks`, String(rootTask.pid), h.spawnAs(1000)), "EACCES");
		h.vfs.chmod(h.init, `${H}/a/tasks`, 0o644);
		assertErrno(() => h.vfs.open(user, `${H}/a/tasks`, O_WRONLY), "EACCES");
	});

	it("uses the credentials the file was opened with, not the writer's (CVE-2021-4197)", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.vfs.chmod(h.init, `${H}/a/tasks`, 0o666);
		const task = h.spawnAs(1000);
		const victim = h.spawn();
		const fd = h.vfs.open(task, `${H}/a/tasks`, O_WRONLY);
		task.cred = h.init.cred; // seteuid(0) after the open
		assertErrno(() => h.vfs.write(task, fd, String(victim.pid)), "EACCES");
	});

	it("accepts a zombie's pid without moving it", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		const parent = h.spawn();
		const child = h.spawn(parent);
		h.kernel.exit(child, 0);
		assert.equal(h.write(`${H}/a/tasks`, String(child.pid)), String(child.pid).length);
		assert.equal(h.read(`${H}/a/tasks`), "");
		h.check();
	});

	it("translates pids for readers and writers in a child pid namespace", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		const outsider = h.spawn();
		h.write(`${H}/a/tasks`, String(outsider.pid));
		const nsInit = h.kernel.fork(h.spawn(), { flags: CLONE_NEWPID });
		const sleeper = h.kernel.fork(nsInit);
		assert.equal(sleeper.pidIn(nsInit.pidNs), 2);
		h.write(`${H}/a/tasks`, "2", nsInit);
		h.write(`${H}/a/tasks`, "0", nsInit);
		assert.equal(h.read(`${H}/a/tasks`, nsInit), "1\n2\n", "the outsider is invisible inside");
		assert.equal(h.read(`${H}/a/tasks`), `${outsider.pid}\n${nsInit.pid}\n${sleeper.pid}\n`);
		assertErrno(() => h.write(`${H}/a/tasks`, String(outsider.pid), nsInit), "ESRCH");
	});

	it("leaves an exited leader out of tasks while its threads run (measured on 6.18)", () => {
		const h = named();
		h.mkdir(`${H}/a`);
		h.mkdir(`${H}/e`);
		const p = h.spawn();
		const t = h.kernel.fork(p, { flags: THREAD });
		h.write(`${H}/a/cgroup.procs`, String(p.pid));
		h.kernel.exit(p, 0);
		assert.equal(h.read(`${H}/a/tasks`), `${t.pid}\n`);
		assert.equal(h.read(`${H}/a/cgroup.procs`), `${p.pid}\n`, "from the live thread's tgid");
		h.write(`${H}/e/tasks`, String(p.pid));
		assert.equal(h.read(`${H}/a/tasks`), `${t.pid}\n`, "the exited leader is not moved");
		h.write(`${H}/e/cgroup.procs`, String(p.pid));
		assert.equal(h.read(`${H}/a/cgroup.procs`), "");
		assert.equal(h.read(`${H}/e/tasks`), `${t.pid}\n`);
		h.kernel.exit(t, 0);
		assert.equal(h.read(`${H}/e/tasks`), "");
		h.check();
	});

	it("cuts paths longer than PATH_MAX-1 in /proc/<pid>/cgroup and the release agent's argument", () => {
		const h = named();
		h.write(`${H}/release_agent`, "/sbin/agent");
		// Deeper than a path string may be: walk down with relative names.
		const walker = h.spawn();
		h.vfs.chdir(walker, H);
		let rel = "";
		for (let i = 0; rel.length < 4100; i++) {
			const name = `d${i}`.padEnd(200, "x");
			rel += `/${name}`;
			h.mkdir(name, 0o755, walker);
			h.vfs.chdir(walker, name);
		}
		h.write("notify_on_release", "1", walker);
		const t = h.spawn();
		h.write("tasks", String(t.pid), walker);
		h.vfs.chdir(walker, "/");
		const line = h.read(`/proc/${t.pid}/cgroup`).split("\n")[0]!;
		assert.equal(line, `10:name=t:${rel.slice(0, 4095)}`);
		h.kernel.exit(t, 0);
		h.kernel.runPendingWork();
		assert.equal(h.kernel.usermodeHelperCalls[0]!.argv[1], rel.slice(0, 4095));
	});
});
