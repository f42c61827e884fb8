/**
 * The differential runs' helper programs (src/userland/helpers/) and
 * pthread_create() (src/userland/proc/thread.ts). Their output is checked
 * against the C originals by the conformance scenarios that use them
 * (test/conformance/selftests/cgcore-proc-migration, cgfreezer-ptrace*);
 * these tests cover what those do not reach: usage errors, failing
 * requests, a refused thread, and a thread whose start routine returns.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HELPER_PROGRAMS } from "../../src/userland/helpers/index.ts";
import { pthreadCreate } from "../../src/userland/proc/thread.ts";
import type { ProgramContext, Run } from "../../src/userland/proc/types.ts";
import { newSystem, runProgram } from "../support/userland.ts";

/** A program that starts a thread returning at once, then lists its own threads. */
function* shortThread(ctx: ProgramContext): Run<number> {
	const { sys } = ctx;
	const tid = pthreadCreate(sys, function* () {});
	const before = sys.vfs.readdir(sys.task, "/proc/self/task").length;
	yield* sys.sleep(1e6);
	const after = sys.vfs.readdir(sys.task, "/proc/self/task").length;
	yield* sys.write(
		1,
		`tid ${tid > sys.pid ? "after" : "before"} pid; tasks ${before} then ${after}\n`,
	);
	return 0;
}

function system() {
	return newSystem({
		programs: [
			...HELPER_PROGRAMS.map((p) => ({ ...p, dir: "/usr/bin" as const })),
			{ name: "short-thread", dir: "/usr/bin", main: shortThread },
		],
	});
}

function sh(script: string) {
	return runProgram(system(), ["/bin/sh", "-c", script]);
}

describe("threads", () => {
	it("starts N more threads that sleep until the process is killed", () => {
		const r = sh(`threads 5 & p=$!
sleep 0.1
echo "tasks $(ls /proc/$p/task | wc -l), states $(cat /proc/$p/task/*/stat | cut -d' ' -f3 | sort -u)"
echo "comm $(cat /proc/$p/task/*/comm | sort -u)"
kill $p; wait $p 2>/dev/null; echo "wait=$?"
[ -d /proc/$p ] || echo gone`);
		assert.equal(r.stdout, "tasks 6, states S\ncomm threads\nwait=143\ngone\n");
		assert.equal(r.stderr, "");
	});

	it("takes exactly one non-negative number", () => {
		for (const args of ["", "x", "-1", "1 2"]) {
			const r = sh(`threads ${args}; echo "status $?"`);
			assert.equal(r.stdout, "status 2\n", args);
			assert.equal(r.stderr, "usage: threads N\n", args);
		}
		assert.equal(
			sh("threads 0 & p=$!; sleep 0.1; ls /proc/$p/task | wc -l; kill $p").stdout,
			"1\n",
		);
	});

	it("reports a thread the pids controller refuses, as glibc's pthread_create() returns EAGAIN", () => {
		const r = sh(`mkdir /sys/fs/cgroup/pids/p
echo 3 > /sys/fs/cgroup/pids/p/pids.max
sh -c 'echo $$ > /sys/fs/cgroup/pids/p/cgroup.procs; exec threads 5'; echo "status $?"
cat /sys/fs/cgroup/pids/p/pids.current`);
		assert.equal(r.stderr, "threads: pthread_create: Resource temporarily unavailable\n");
		assert.equal(r.stdout, "status 1\n0\n");
	});
});

describe("pthread_create()", () => {
	it("a start routine that returns ends its thread only", () => {
		const r = sh("short-thread; echo status $?");
		assert.equal(r.stdout, "tid after pid; tasks 2 then 1\nstatus 0\n");
	});
});

describe("ptrace-steps", () => {
	it("prints each request's error and ends at an unknown step with status 2", () => {
		const r = sh(`sleep 1000 & p=$!
ptrace-steps $p interrupt listen getsiginfo wait "!echo from a command" bogus seize; echo "status $?"
ptrace-steps 32000 seize; ptrace-steps; echo "status $?"; ptrace-steps 0 wait; echo "status $?"
kill $p`);
		assert.equal(
			r.stdout,
			[
				"PTRACE_INTERRUPT -> No such process",
				"PTRACE_LISTEN -> No such process",
				"PTRACE_GETSIGINFO -> No such process",
				"waitpid -> No child processes",
				"from a command",
				"status 2",
				"PTRACE_SEIZE -> No such process",
				"status 2",
				"status 2",
				"",
			].join("\n"),
		);
		assert.equal(
			r.stderr,
			"ptrace-steps: unknown step 'bogus'\nusage: ptrace-steps PID STEP...\nusage: ptrace-steps PID STEP...\n",
		);
	});

	it("seizes (once), interrupts, waits for the trap stop, resumes, and detaches a sleeping process", () => {
		const r = sh(`sleep 1000 & p=$!
st="!cut -d' ' -f3 /proc/$p/stat"
ptrace-steps $p seize seize interrupt wait "$st" getsiginfo cont "$st" interrupt wait detach "$st" detach
kill $p; wait $p 2>/dev/null; echo "wait=$?"`);
		assert.equal(
			r.stdout,
			[
				"PTRACE_SEIZE -> ok",
				"PTRACE_SEIZE -> Operation not permitted",
				"PTRACE_INTERRUPT -> ok",
				"waitpid -> stopped, signal 5, event 128",
				"t",
				"PTRACE_GETSIGINFO -> ok, si_signo 5, si_code 0x8005",
				"PTRACE_CONT -> ok",
				"S",
				"PTRACE_INTERRUPT -> ok",
				"waitpid -> stopped, signal 5, event 128",
				"PTRACE_DETACH -> ok",
				"S",
				"PTRACE_DETACH -> No such process",
				"wait=143",
				"",
			].join("\n"),
		);
	});
});
