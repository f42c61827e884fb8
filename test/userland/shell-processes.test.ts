/**
 * The shell's commands are processes of the emulated kernel: $$, $!,
 * /proc/self, cgroup membership inherited by pipelines and subshells,
 * sleeping on the emulated clock, signals with their default actions,
 * zombies until reaped, and release agents run as real programs.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runShell } from "../../src/userland/run.ts";

async function sh(script: string, layout: "hybrid" | "v2" | "bare" = "hybrid") {
	return runShell({ args: ["-c", script], layout });
}

describe("shell processes", () => {
	test("$$ is the shell's pid; subshells and pipelines are child processes", async () => {
		const r = await sh(
			"echo $$; (echo $$); sh -c 'echo $PPID'; echo x | grep PPid /proc/self/status | cut -f2",
		);
		const [pid, sub, ppid, pipePpid] = r.stdout.trim().split("\n");
		assert.equal(r.stderr, "");
		assert.equal(sub, pid, "$$ in a subshell is the parent's");
		assert.equal(ppid, pid, "a child's parent is the shell");
		assert.equal(pipePpid, pid, "pipeline elements are children of the shell");
	});

	test("echo $$ > tasks moves the shell, and its children inherit the cgroup", async () => {
		const r = await sh(
			[
				"mkdir /sys/fs/cgroup/pids/g",
				"echo $$ > /sys/fs/cgroup/pids/g/tasks",
				"grep pids /proc/self/cgroup",
				"(grep pids /proc/self/cgroup)",
				"echo x | grep pids /proc/self/cgroup",
				"cat /sys/fs/cgroup/pids/g/tasks | wc -l",
				"echo 0 > /sys/fs/cgroup/pids/tasks",
				"grep pids /proc/self/cgroup",
				"rmdir /sys/fs/cgroup/pids/g && echo removed",
			].join("\n"),
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "8:pids:/g\n8:pids:/g\n8:pids:/g\n3\n8:pids:/\nremoved\n");
		assert.equal(r.status, 0);
	});

	test("a failing write reports the kernel's errno: builtin echo and /bin/echo", async () => {
		const r = await sh(
			"echo abc > /sys/fs/cgroup/pids/tasks; echo $?; /bin/echo abc > /sys/fs/cgroup/pids/tasks; echo $?",
		);
		assert.equal(r.stdout, "1\n1\n");
		assert.equal(
			r.stderr,
			"sh: 1: echo: echo: Invalid argument\n/bin/echo: write error: Invalid argument\n",
		);
	});

	test("sleep runs on the emulated clock; a background job lives until its time is up", async () => {
		// The shell reaps any child while it waits for a foreground one, as dash does.
		const r = await sh(
			"sleep 300 & p=$!; sleep 299; kill -0 $p && echo alive; sleep 2; kill -0 $p 2>/dev/null || echo reaped",
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "alive\nreaped\n");
	});

	test("a zombie stays visible until its parent reaps it", async () => {
		// The inner sh execs sleep 5, which never waits for the sleep 1 it inherited.
		const r = await sh(
			"sh -c 'sleep 1 & exec sleep 5' & sleep 3; ps -o stat=,comm= | grep ^Z; wait; ps -o stat= | grep -c ^Z",
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "Z    sleep\n0\n");
	});

	test("kill -STOP shows state T, -CONT resumes, -TERM ends it with status 143", async () => {
		const r = await sh(
			"sleep 100 & p=$!; kill -STOP $p; grep State /proc/$p/status; kill -CONT $p; grep State /proc/$p/status; kill $p; wait $p; echo $?",
		);
		assert.equal(r.stdout, "State:\tT (stopped)\nState:\tS (sleeping)\n143\n");
		assert.equal(r.stderr, "Terminated\n");
	});

	test("a trap runs when the shell gets a signal it catches", async () => {
		const r = await sh('trap "echo got USR1" USR1; kill -USR1 $$; echo after');
		assert.equal(r.stdout, "got USR1\nafter\n");
	});

	test("a background command ignores SIGINT and SIGQUIT (dash's forkchild without job control)", async () => {
		const r = await sh(
			"grep SigIgn /proc/self/status & wait; grep SigIgn /proc/self/status; sleep 5 & p=$!; kill -INT $p; kill -QUIT $p; kill -0 $p && echo alive; kill $p",
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "SigIgn:\t0000000000000006\nSigIgn:\t0000000000000000\nalive\n");
	});

	test("without -p a shell whose effective ids differ from its real ones drops to the real ones", async () => {
		const r = await sh(
			[
				"setpriv --ruid=65534 sh -c 'grep Uid /proc/$$/status'",
				"setpriv --euid=65534 sh -c 'grep Uid /proc/$$/status'",
				"setpriv --euid=65534 sh -pc 'grep Uid /proc/$$/status; echo $-'",
				"setpriv --egid=65534 --keep-groups sh -c 'grep Gid /proc/$$/status'",
			].join("\n"),
		);
		assert.equal(r.stderr, "");
		assert.equal(
			r.stdout,
			"Uid:\t65534\t65534\t65534\t65534\nUid:\t0\t0\t65534\t0\nUid:\t0\t65534\t65534\t65534\np\nGid:\t0\t0\t0\t0\n",
		);
	});

	test("a file without #! is run by re-executing /bin/sh with its path (dash's tryexec)", async () => {
		const r = await sh(
			[
				'printf \'x=1\\ncat /proc/$$/comm\\ntr "\\\\0" " " < /proc/$$/cmdline; echo; echo "$0 $1 $x"\\n\' > /tmp/noshebang',
				"chmod +x /tmp/noshebang",
				"y=2 /tmp/noshebang arg",
			].join("\n"),
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "sh\n/bin/sh /tmp/noshebang arg \n/tmp/noshebang arg 1\n");
	});

	test("SIGPIPE ends the writer of a pipe whose reader is gone", async () => {
		const r = await sh("seq 1 100000 | head -n 2; echo $?");
		assert.equal(r.stdout, "1\n2\n0\n");
		assert.equal(r.stderr, "");
	});

	test("the release agent is a real program: a script in /tmp runs when a cgroup empties", async () => {
		const r = await sh(
			[
				"mkdir -p /tmp/rel",
				"mount -t cgroup -o none,name=rel none /tmp/rel",
				"printf '#!/bin/sh\\necho \"released $1\" >> /tmp/agent.log\\n' > /tmp/agent.sh",
				"chmod +x /tmp/agent.sh",
				"echo /tmp/agent.sh > /tmp/rel/release_agent",
				"mkdir /tmp/rel/a",
				"echo 1 > /tmp/rel/a/notify_on_release",
				"sh -c 'echo $$ > /tmp/rel/a/tasks; exit 0'",
				"sleep 1",
				"cat /tmp/agent.log",
			].join("\n"),
			"bare",
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "released /a\n");
	});
});
