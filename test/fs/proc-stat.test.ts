import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { TestHost } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const S = 1e9;

/** The fields of a stat line, numbered as proc(5) does (index 1 = pid). */
function fields(line: string): string[] {
	const close = line.lastIndexOf(")");
	const head = line.slice(0, line.indexOf(" ("));
	return [
		"",
		head,
		line.slice(line.indexOf("(") + 1, close),
		...line
			.slice(close + 2)
			.trim()
			.split(" "),
	];
}

describe("/proc/<pid>/stat (do_task_stat)", () => {
	it("has the 52 fields of proc(5), one line, with the task's identity and state", () => {
		const h = new TestHost();
		const t = h.kernel.fork(h.init);
		const line = h.read(`/proc/${t.pid}/stat`);
		assert.ok(line.endsWith("\n") && line.indexOf("\n") === line.length - 1);
		const f = fields(line);
		assert.equal(f.length, 53);
		assert.equal(f[1], String(t.pid));
		assert.equal(f[2], "init");
		assert.equal(f[3], "R");
		assert.equal(f[4], "1");
		assert.equal(f[18], "20"); // priority
		assert.equal(f[20], "1"); // num_threads
		assert.equal(f[25], "18446744073709551615"); // rsslim
		assert.equal(f[38], "17"); // exit_signal
	});

	it("counts CPU time in clock ticks: the process's threads together, each thread alone in task/", () => {
		const h = new TestHost({ cpus: 2 });
		const p = h.kernel.fork(h.init);
		const th = h.kernel.fork(p, { flags: CLONE_VM | CLONE_SIGHAND | CLONE_THREAD });
		h.kernel.sched.setBusy(p, true);
		h.kernel.sched.setBusy(th, true);
		h.kernel.clock.advance(3 * S);
		assert.equal(fields(h.read(`/proc/${p.pid}/stat`))[14], "600");
		assert.equal(fields(h.read(`/proc/${p.pid}/task/${th.pid}/stat`))[14], "300");
		assert.equal(fields(h.read(`/proc/${p.pid}/stat`))[3], "R");
		assert.equal(fields(h.read(`/proc/${p.pid}/stat`))[15], "0");
		// A released thread's time stays with the process.
		h.kernel.exit(th, 0);
		h.kernel.clock.advance(S);
		assert.equal(fields(h.read(`/proc/${p.pid}/stat`))[14], "700");
	});

	it("gives the reaper its reaped children's time (cutime) and ps their TIME", () => {
		const sys = newSystem({ cpus: 1 });
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			"stress-ng -q --cpu 1 --timeout 5 & sleep 3; ps -o stat=,time=,comm= | grep cpu; wait; cut -d' ' -f16 /proc/$$/stat",
		]);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "R    00:00:03 stress-ng-cpu\n500\n");
	});
});
