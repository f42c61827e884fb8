import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CgroupDirInode } from "../../src/fs/cgroupfs.ts";
import { MS_BIND, O_CREAT, O_DIRECTORY, O_RDONLY, O_WRONLY } from "../../src/fs/constants.ts";
import { CLONE_NEWPID, CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { assertErrno, TestHost } from "../support/host.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;

describe("/proc/cgroups", () => {
	it("lists every compiled-in controller in id order, as the reference host does", () => {
		const h = new TestHost();
		assert.equal(
			h.read("/proc/cgroups"),
			[
				"#subsys_name\thierarchy\tnum_cgroups\tenabled",
				"cpuset\t3\t1\t1",
				"cpu\t1\t1\t1",
				"cpuacct\t2\t1\t1",
				"blkio\t7\t1\t1",
				"memory\t4\t1\t1",
				"devices\t5\t1\t1",
				"freezer\t6\t1\t1",
				"net_cls\t0\t1\t1",
				"perf_event\t0\t1\t1",
				"net_prio\t0\t1\t1",
				"hugetlb\t0\t1\t1",
				"pids\t8\t1\t1",
				"",
			].join("\n"),
		);
	});

	it("counts cgroups per hierarchy and unbound controllers on cgroup2", () => {
		const h = new TestHost();
		h.mkdir("/sys/fs/cgroup/cpu/a");
		h.mkdir("/sys/fs/cgroup/cpu/a/b");
		h.mkdir("/sys/fs/cgroup/unified/u");
		const lines = h.read("/proc/cgroups").split("\n");
		assert.equal(lines[2], "cpu\t1\t3\t1");
		assert.equal(lines[8], "net_cls\t0\t2\t1");
	});
});

describe("/proc/<pid>/cgroup", () => {
	it("lists hierarchies newest first with controllers and name=, cgroup2 last", () => {
		const h = new TestHost();
		const t = h.spawn();
		h.mkdir("/sys/fs/cgroup/memory/m");
		h.mkdir("/sys/fs/cgroup/systemd/s");
		h.write("/sys/fs/cgroup/memory/m/tasks", String(t.pid));
		h.write("/sys/fs/cgroup/systemd/s/tasks", String(t.pid));
		assert.equal(
			h.read(`/proc/${t.pid}/cgroup`),
			"9:name=systemd:/s\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n4:memory:/m\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n",
		);
	});

	it("joins co-mounted controllers in id order and puts name= last", () => {
		const h = new TestHost({ layout: "bare" });
		h.mkdir("/tmp/x");
		h.vfs.mount(h.init, "cgroup", "/tmp/x", "cgroup", 0, "pids,cpu,cpuset,name=mix");
		assert.equal(h.read("/proc/self/cgroup"), "1:cpuset,cpu,pids,name=mix:/\n");
	});

	it("keeps a cgroup2 zombie's path, marked (deleted) once the cgroup is gone", () => {
		const h = new TestHost();
		h.mkdir("/sys/fs/cgroup/unified/u");
		const u = h.vfs.resolve(h.init, "/sys/fs/cgroup/unified/u").inode;
		assert.ok(u instanceof CgroupDirInode);
		const parent = h.spawn();
		const z = h.spawn(parent);
		h.kernel.attachTask(u.cgroup, z, true);
		h.kernel.exit(z, 0);
		const last = () => h.read(`/proc/${z.pid}/cgroup`).split("\n").at(-2);
		assert.equal(last(), "0::/u");
		h.rmdir("/sys/fs/cgroup/unified/u");
		assert.equal(last(), "0::/u (deleted)");
		assert.ok(
			h.read(`/proc/${z.pid}/cgroup`).includes("1:cpu:/\n"),
			"v1 lines show / for a zombie",
		);
	});

	it("shows a thread's own cgroup", () => {
		const h = new TestHost();
		const p = h.spawn();
		const t = h.kernel.fork(p, { flags: THREAD });
		h.mkdir("/sys/fs/cgroup/pids/x");
		h.write("/sys/fs/cgroup/pids/x/tasks", String(t.pid));
		assert.ok(h.read(`/proc/${p.pid}/task/${t.pid}/cgroup`).includes("8:pids:/x\n"));
		assert.ok(h.read(`/proc/${p.pid}/cgroup`).includes("8:pids:/\n"));
	});
});

describe("/proc/<pid>/status", () => {
	it("has the modelled lines in the kernel's order and format", () => {
		const h = new TestHost();
		const p = h.spawn();
		h.kernel.fork(p, { flags: THREAD });
		p.cred = p.cred.withUids(1000, 1001, 1002).withGids(100, 101, 102).withGroups([27, 4]);
		p.comm = "worker";
		assert.equal(
			h.read(`/proc/${p.pid}/status`),
			`Name:\tworker\nUmask:\t0022\nState:\tR (running)\nTgid:\t${p.pid}\nNgid:\t0\nPid:\t${p.pid}\nPPid:\t1\nTracerPid:\t0\n` +
				"Uid:\t1000\t1001\t1002\t1001\nGid:\t100\t101\t102\t101\nFDSize:\t64\nGroups:\t4 27 \n" +
				`NStgid:\t${p.pid}\nNSpid:\t${p.pid}\nNSpgid:\t1\nNSsid:\t1\nKthread:\t0\n` +
				"VmPeak:\t       0 kB\nVmSize:\t       0 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\nVmHWM:\t       0 kB\nVmRSS:\t       0 kB\nRssAnon:\t       0 kB\nRssFile:\t       0 kB\nRssShmem:\t       0 kB\nVmData:\t       0 kB\nVmStk:\t       0 kB\nVmExe:\t       0 kB\nVmLib:\t       0 kB\nVmPTE:\t       0 kB\nVmSwap:\t       0 kB\nHugetlbPages:\t       0 kB\nCoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n" +
				"Threads:\t2\n" +
				"SigQ:\t0/96365\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n" +
				"SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n" +
				"CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n" +
				"CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n" +
				"Cpus_allowed:\t3\nCpus_allowed_list:\t0-1\n" +
				`Mems_allowed:\t${"00000000,".repeat(31)}00000001\nMems_allowed_list:\t0\n`,
		);
	});

	it("shows zombies, kernel threads and namespaced ids", () => {
		const h = new TestHost();
		const parent = h.spawn();
		const child = h.spawn(parent);
		h.kernel.exit(child, 0);
		assert.match(h.read(`/proc/${child.pid}/status`), /\nState:\tZ \(zombie\)\n/);
		assert.doesNotMatch(h.read(`/proc/${child.pid}/status`), /Umask/, "no fs_struct any more");
		assert.match(
			h.read("/proc/2/status"),
			/^Name:\tkthreadd\n[\s\S]*\nPPid:\t0\n[\s\S]*\nNSpgid:\t0\nNSsid:\t0\nKthread:\t1\n/,
		);
		const nsInit = h.kernel.fork(h.spawn(), { flags: CLONE_NEWPID });
		const inner = h.kernel.fork(nsInit);
		assert.match(
			h.read(`/proc/${inner.pid}/status`),
			new RegExp(`\\nNSpid:\\t${inner.pid}\\t2\\n`),
		);
	});

	it("fails with ESRCH once the task is reaped", () => {
		const h = new TestHost();
		const parent = h.spawn();
		const child = h.spawn(parent);
		const fd = h.vfs.open(h.init, `/proc/${child.pid}/status`, O_RDONLY);
		h.kernel.exit(child, 0);
		h.kernel.waitReap(parent);
		assertErrno(() => h.vfs.read(h.init, fd, 100), "ESRCH");
		assertErrno(() => h.read(`/proc/${child.pid}/status`), "ENOENT");
	});

	it("refuses lookups in a reaped process's directory with ESRCH (proc_pid_permission)", () => {
		const h = new TestHost();
		const parent = h.spawn();
		const child = h.spawn(parent);
		const reader = h.spawn();
		h.vfs.chdir(reader, `/proc/${child.pid}`);
		const task = h.vfs.open(h.init, `/proc/${child.pid}/task`, O_RDONLY | O_DIRECTORY);
		h.kernel.exit(child, 0);
		h.kernel.waitReap(parent);
		assertErrno(() => h.vfs.open(reader, "status", O_RDONLY), "ESRCH");
		assertErrno(() => h.vfs.open(reader, ".", O_RDONLY | O_DIRECTORY), "ESRCH");
		assertErrno(() => h.vfs.stat(reader, "."), "ESRCH");
		assertErrno(() => h.vfs.fchdir(h.init, task), "ESRCH");
	});
});

describe("/proc/<pid>/mounts and mountinfo", () => {
	it("show every mount of the hybrid layout", () => {
		const h = new TestHost();
		const cg = (n: number, c: string) =>
			`cgroup /sys/fs/cgroup/${c} cgroup rw,relatime,${n === 9 ? "name=systemd" : c} 0 0`;
		const ctrls = ["cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids"];
		assert.equal(
			h.read("/proc/self/mounts"),
			[
				"rootfs / tmpfs rw,relatime,mode=755 0 0",
				"sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0",
				"proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
				"tmpfs /tmp tmpfs rw,relatime 0 0",
				"tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0",
				...ctrls.map((c, i) => cg(i + 1, c)),
				"cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0",
				"cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0",
				"",
			].join("\n"),
		);
		assert.equal(h.read("/proc/mounts"), h.read("/proc/self/mounts"));
		const mi = h.read("/proc/1/mountinfo").split("\n");
		assert.equal(mi[0], "1 1 0:1 / / rw,relatime - tmpfs rootfs rw,mode=755");
		assert.equal(mi[1], "2 1 0:2 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw");
		assert.equal(mi[5], "6 5 0:6 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu");
		assert.equal(mi[14], "15 5 0:15 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
	});

	it("escapes spaces and other specials in paths and sources", () => {
		const h = new TestHost({ layout: "bare" });
		h.mkdir("/tmp/a b");
		h.vfs.mount(h.init, "my\tsrc", "/tmp/a b", "tmpfs", 0, null);
		assert.ok(h.read("/proc/mounts").includes("my\\011src /tmp/a\\040b tmpfs rw,relatime 0 0\n"));
	});

	it("show file bind mounts with the file's path as root and mount point", () => {
		const h = new TestHost({ layout: "bare" });
		h.mkdir("/tmp/h");
		h.vfs.mount(h.init, "cgroup", "/tmp/h", "cgroup", 0, "none,name=t");
		h.mkdir("/tmp/h/a");
		for (const f of ["/tmp/f", "/tmp/g"])
			h.vfs.close(h.init, h.vfs.open(h.init, f, O_WRONLY | O_CREAT));
		h.vfs.mount(h.init, "/tmp/h/a/tasks", "/tmp/f", null, MS_BIND, null);
		h.vfs.mount(h.init, "/tmp/f", "/tmp/g", null, MS_BIND, null);
		assertErrno(() => h.vfs.mount(h.init, "/tmp/h", "/tmp/g", null, MS_BIND, null), "ENOTDIR");
		const lines = h
			.read("/proc/self/mountinfo")
			.split("\n")
			.filter((l) => l.includes(" /tmp/"))
			.map((l) => l.split(" ").slice(3, 5).join(" "));
		assert.deepEqual(lines, ["/ /tmp/h", "/a/tasks /tmp/f", "/a/tasks /tmp/g"]);
		assert.ok(h.read("/proc/mounts").includes("cgroup /tmp/g cgroup rw,relatime,name=t 0 0\n"));
		const fd = h.vfs.open(h.init, "/tmp/g", O_RDONLY);
		assert.equal(h.vfs.readlink(h.init, `/proc/self/fd/${fd}`), "/tmp/g");
	});
});

describe("the /proc root", () => {
	it("lists system entries, then the visible processes in pid order", () => {
		const h = new TestHost();
		const a = h.spawn();
		const t = h.kernel.fork(a, { flags: THREAD });
		assert.deepEqual(h.ls("/proc"), [
			"cgroups",
			"filesystems",
			"meminfo",
			"mounts",
			"pressure",
			"self",
			"sys",
			"thread-self",
			"vmstat",
			"1",
			"2",
			String(a.pid),
		]);
		assert.equal(h.vfs.readlink(a, "/proc/self"), String(a.pid));
		assert.equal(h.vfs.readlink(t, "/proc/thread-self"), `${a.pid}/task/${t.pid}`);
		assert.deepEqual(h.ls(`/proc/${a.pid}/task`), [String(a.pid), String(t.pid)]);
		assert.ok(
			h.read(`/proc/${t.pid}/status`).includes(`\nPid:\t${t.pid}\n`),
			"threads are reachable by tid",
		);
	});

	it("is owned by the task's effective ids with the kernel's modes", () => {
		const h = new TestHost();
		const u = h.spawnAs(1000, 1000);
		const st = h.vfs.stat(h.init, `/proc/${u.pid}`);
		assert.deepEqual([st.uid, st.gid, st.mode & 0o7777], [1000, 1000, 0o555]);
		assert.equal(h.vfs.stat(h.init, `/proc/${u.pid}/cgroup`).mode & 0o7777, 0o444);
		assert.equal(h.vfs.stat(h.init, `/proc/${u.pid}/comm`).mode & 0o7777, 0o644);
		assertErrno(() => h.vfs.chmod(h.init, `/proc/${u.pid}/status`, 0o666), "EPERM");
	});

	it("gives a non-dumpable task's files, but not its 0555 directories, to root (task_dump_owner)", () => {
		const h = new TestHost();
		const t = h.spawn();
		const fd = h.vfs.open(t, "/dev/null", O_RDONLY);
		const owner = (p: string) => {
			const st = h.vfs.stat(h.init, `/proc/${t.pid}${p}`);
			return [st.uid, st.gid];
		};
		h.kernel.setresgid(t, 3000, 4000, 4000);
		h.kernel.setresuid(t, 1000, 2000, 2000);
		assert.deepEqual(owner(""), [2000, 4000]);
		assert.deepEqual(owner("/task"), [2000, 4000]);
		assert.deepEqual(owner("/status"), [0, 0], "commit_creds() made it non-dumpable");
		assert.deepEqual(owner("/fd"), [0, 0]);
		// An exec keeps it non-dumpable while the ids differ, a matching one restores it.
		h.kernel.exec(t, "/bin/sleep");
		assert.deepEqual(owner("/cgroup"), [0, 0]);
		h.kernel.setresuid(t, 2000, 2000, 2000);
		h.kernel.setresgid(t, 4000, 4000, 4000);
		const peer = h.spawnAs(2000, 4000);
		assertErrno(() => h.vfs.readlink(peer, `/proc/${t.pid}/fd/${fd}`), "EACCES");
		h.kernel.exec(t, "/bin/sleep");
		assert.deepEqual(owner("/cgroup"), [2000, 4000]);
		assert.equal(h.vfs.readlink(peer, `/proc/${t.pid}/fd/${fd}`), "/dev/null");
	});

	it("shows only the pid namespace it was mounted from", () => {
		const h = new TestHost();
		const nsInit = h.kernel.fork(h.spawn(), { flags: CLONE_NEWPID });
		h.kernel.fork(nsInit);
		h.mkdir("/tmp/proc2");
		h.vfs.mount(nsInit, "proc", "/tmp/proc2", "proc", 0, null);
		assert.deepEqual(
			h.ls("/tmp/proc2").filter((n) => /^\d+$/.test(n)),
			["1", "2"],
		);
		assert.equal(h.vfs.readlink(nsInit, "/tmp/proc2/self"), "1");
		assertErrno(() => h.vfs.readlink(h.init, "/tmp/proc2/self"), "ENOENT");
	});

	it("has pid_max, settable within its bounds", () => {
		const h = new TestHost();
		assert.equal(h.read("/proc/sys/kernel/pid_max"), "32768\n");
		h.write("/proc/sys/kernel/pid_max", "4194304\n");
		assert.equal(h.read("/proc/sys/kernel/pid_max"), "4194304\n");
		assertErrno(() => h.write("/proc/sys/kernel/pid_max", "4194305"), "EINVAL");
		assertErrno(() => h.write("/proc/sys/kernel/pid_max", "300"), "EINVAL");
		assertErrno(() => h.write("/proc/sys/kernel/pid_max", "x"), "EINVAL");
	});

	it("lists the registered filesystems", () => {
		const h = new TestHost();
		assert.equal(
			h.read("/proc/filesystems"),
			"nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tcgroup\nnodev\tcgroup2\nnodev\tcpuset\n\text4\n",
		);
	});

	it("lets a process rename itself through comm, but not others", () => {
		const h = new TestHost();
		const a = h.spawn();
		const b = h.spawn();
		h.write(`/proc/${a.pid}/comm`, "a-new-name-longer-than-15", a);
		assert.equal(h.read(`/proc/${a.pid}/comm`), "a-new-name-long\n");
		assertErrno(() => h.write(`/proc/${a.pid}/comm`, "x", b), "EINVAL");
	});
});
