/**
 * /proc/<pid>/exe: mm->exe_file as execve() sets it, fork shares it and the
 * address space drops it; readlink() shows d_path() of the file, checked on
 * Linux 6.18 with the same commands.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXIT_ZOMBIE } from "../../src/kernel/task.ts";
import { assertErrno } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

function sh(script: string) {
	const system = newSystem();
	return { system, run: runProgram(system, ["/bin/sh", "-c", script]) };
}

describe("/proc/<pid>/exe", () => {
	it("names the program file, the interpreter for a script, and a kernel thread has none", () => {
		const { run } = sh(
			[
				"readlink /proc/self/exe",
				"printf '#!/bin/sh\\nreadlink /proc/$$/exe\\n' > /tmp/x.sh",
				"chmod +x /tmp/x.sh",
				"/tmp/x.sh",
				// /bin/sh is a symlink to dash: the link is followed, as do_open_execat() does.
				"readlink /proc/$$/exe",
				"ls -l /proc/self/exe | cut -c1-10",
				"readlink /proc/2/exe; echo rc=$?",
			].join("\n"),
		);
		assert.equal(run.stdout, "/usr/bin/readlink\n/usr/bin/dash\n/usr/bin/dash\nlrwxrwxrwx\nrc=1\n");
		assert.equal(run.stderr, "");
	});

	it('shows " (deleted)" once the file is unlinked, and the new name after a rename', () => {
		const { run } = sh(
			[
				"cp /usr/bin/sleep /tmp/a",
				"/tmp/a 5 & p=$!",
				"mv /tmp/a /tmp/b",
				"readlink /proc/$p/exe",
				"rm /tmp/b",
				"readlink /proc/$p/exe",
				"kill $p",
			].join("\n"),
		);
		assert.equal(run.stdout, "/tmp/b\n/tmp/b (deleted)\n");
	});

	it("keeps the mount of a running program busy until the process is gone", () => {
		const { run } = sh(
			[
				"mkdir /tmp/m",
				"mount -t tmpfs none /tmp/m",
				"cp /usr/bin/sleep /tmp/m/s",
				"/tmp/m/s 5 & q=$!",
				"umount /tmp/m; echo rc=$?",
				"kill $q; wait $q",
				"umount /tmp/m; echo rc=$?",
			].join("\n"),
		);
		assert.equal(run.stdout, "rc=32\nrc=0\n");
		// dash reports the killed job as it waits for it.
		assert.equal(run.stderr, "umount: /tmp/m: target is busy.\nTerminated\n");
	});

	it("is shared by fork, dropped at exit, and needs ptrace read access", () => {
		const system = newSystem();
		const { kernel, vfs } = system;
		runProgram(system, ["/bin/sh", "-c", "cp /usr/bin/sleep /tmp/s"]);
		const t = kernel.fork(kernel.init);
		kernel.exec(t, "/tmp/s", ["s"], vfs.openKernelFile(t, "/tmp/s", 0));
		assert.equal(vfs.readlink(kernel.init, `/proc/${t.pid}/exe`), "/tmp/s");
		const child = kernel.fork(t);
		assert.equal(vfs.readlink(kernel.init, `/proc/${child.pid}/exe`), "/tmp/s");
		// Another user may not look (proc_fd_access_allowed()).
		const peer = kernel.fork(kernel.init);
		kernel.setresuid(peer, 1000, 1000, 1000);
		assertErrno(() => vfs.readlink(peer, `/proc/${t.pid}/exe`), "EACCES");
		// The same user may, once the target runs as that user too.
		kernel.setresuid(t, 1000, 1000, 1000);
		kernel.exec(t, "/tmp/s", ["s"], vfs.openKernelFile(t, "/tmp/s", 0));
		assert.equal(vfs.readlink(peer, `/proc/${t.pid}/exe`), "/tmp/s");
		// A zombie has no address space: ENOENT.
		kernel.exitGroup(child, 0);
		assert.equal(child.exitState, EXIT_ZOMBIE);
		assertErrno(() => vfs.readlink(kernel.init, `/proc/${child.pid}/exe`), "ENOENT");
		assert.equal(vfs.readlink(kernel.init, `/proc/${t.pid}/exe`), "/tmp/s");
	});
});
