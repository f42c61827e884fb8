/**
 * dmesg (util-linux 2.38.1) over the emulated kernel's log: the record
 * format, -t, -c and -C, the dmesg_restrict permission rules of the
 * reference host, option errors, and the OOM killer's report.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CAP_SYS_ADMIN } from "../../src/kernel/cred.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const S = 1e9;

/** A system whose log holds exactly `records` ([time in ns, text]), printed at those times. */
function withLog(records: [number, string][]): UserSystem {
	const sys = newSystem();
	const k = sys.kernel;
	assert.deepEqual(k.log, [], "boot logs nothing");
	for (const [at, text] of records) {
		k.clock.advance(at - k.clock.now());
		k.printk(text);
	}
	return sys;
}

const dmesg = (sys: UserSystem, ...args: string[]) => runProgram(sys, ["/usr/bin/dmesg", ...args]);

describe("dmesg: reading the log", () => {
	it("prints each record as '[%5ld.%06ld] text', seconds and microseconds since boot", () => {
		const sys = withLog([
			[0, "first"],
			[1_500_000, "one and a half ms"],
			[12 * S + 345_678_999, "later"],
			[123_456 * S + 1000, "much later"],
		]);
		const r = dmesg(sys);
		assert.equal(r.status, 0);
		assert.equal(r.stderr, "");
		assert.equal(
			r.stdout,
			"[    0.000000] first\n[    0.001500] one and a half ms\n[   12.345678] later\n" +
				"[123456.000001] much later\n",
		);
	});

	it("-t and --notime leave the timestamps out; an empty log prints nothing", () => {
		const sys = withLog([
			[S, "a"],
			[2 * S, "b"],
		]);
		assert.equal(dmesg(sys, "-t").stdout, "a\nb\n");
		assert.equal(dmesg(sys, "--notime").stdout, "a\nb\n");
		const empty = dmesg(newSystem());
		assert.deepEqual([empty.status, empty.stdout, empty.stderr], [0, "", ""]);
	});

	it("-c prints, then clears: the next read starts after it, with what came since", () => {
		const sys = withLog([
			[S, "old 1"],
			[2 * S, "old 2"],
		]);
		assert.equal(dmesg(sys, "-c").stdout, "[    1.000000] old 1\n[    2.000000] old 2\n");
		assert.equal(dmesg(sys).stdout, "");
		sys.kernel.printk("new");
		assert.equal(dmesg(sys, "--read-clear", "-t").stdout, "new\n");
		assert.equal(dmesg(sys, "-t").stdout, "");
	});

	it("-C clears without printing; records the ring drops later do not matter", () => {
		const sys = withLog([[S, "old"]]);
		const r = dmesg(sys, "-C");
		assert.deepEqual([r.status, r.stdout, r.stderr], [0, "", ""]);
		assert.equal(dmesg(sys).stdout, "");
		for (let i = 0; i < 1100; i++) sys.kernel.printk(`line ${i}`);
		const out = dmesg(sys, "-t").stdout.split("\n");
		assert.equal(out[0], "line 76", "the ring keeps the last 1024 records");
		assert.equal(out.length, 1025);
	});
});

describe("dmesg: kernel.dmesg_restrict = 1", () => {
	it("refuses a user without CAP_SYSLOG: 'read kernel buffer failed', status 1, nothing cleared", () => {
		const sys = withLog([[S, "secret"]]);
		for (const opts of [[], ["-c"], ["-t"]]) {
			const r = runProgram(sys, [
				"/bin/sh",
				"-c",
				`setpriv --reuid=1000 --regid=1000 --clear-groups dmesg ${opts.join(" ")}`,
			]);
			assert.deepEqual(
				[r.status, r.stdout, r.stderr],
				[1, "", "dmesg: read kernel buffer failed: Operation not permitted\n"],
				opts.join(" "),
			);
		}
		const c = runProgram(sys, [
			"/bin/sh",
			"-c",
			"setpriv --reuid=1000 --regid=1000 --clear-groups dmesg -C",
		]);
		assert.deepEqual(
			[c.status, c.stderr],
			[1, "dmesg: clear kernel buffer failed: Operation not permitted\n"],
		);
		assert.equal(dmesg(sys, "-t").stdout, "secret\n");
	});

	it("lets CAP_SYS_ADMIN without CAP_SYSLOG read, with a one-time deprecation warning", () => {
		const sys = withLog([[S, "x"]]);
		const admin = sys.kernel.fork(sys.kernel.init);
		admin.cred = admin.cred
			.withUids(1000, 1000, 1000)
			.withCaps({ effective: 1n << BigInt(CAP_SYS_ADMIN) });
		const first = runProgram(sys, ["/usr/bin/dmesg", "-t"], { parent: admin });
		assert.equal(first.status, 0);
		assert.equal(
			first.stdout,
			`x\ndmesg (${admin.pid + 1}): Attempt to access syslog with CAP_SYS_ADMIN but no CAP_SYSLOG (deprecated).\n`,
		);
		runProgram(sys, ["/usr/bin/dmesg"], { parent: admin });
		const warnings = sys.kernel.log.filter((r) => r.text.includes("CAP_SYS_ADMIN"));
		assert.equal(warnings.length, 1);
	});
});

describe("dmesg: options", () => {
	it("rejects -c with -C, operands and unknown options as util-linux does", () => {
		const sys = withLog([[S, "kept"]]);
		const excl = dmesg(sys, "-c", "-C");
		assert.deepEqual(
			[excl.status, excl.stdout, excl.stderr],
			[
				1,
				"",
				"dmesg: mutually exclusive arguments: --clear --console-off --console-on --read-clear --console-level --raw\n",
			],
		);
		assert.equal(dmesg(sys, "-C", "--clear").status, 0, "the same option twice is fine");
		sys.kernel.printk("again");
		const bad = dmesg(sys, "foo");
		assert.deepEqual(
			[bad.status, bad.stdout, bad.stderr],
			[1, "", "dmesg: bad usage\nTry 'dmesg --help' for more information.\n"],
		);
		const opt = dmesg(sys, "-z");
		assert.deepEqual(
			[opt.status, opt.stderr],
			[1, "dmesg: invalid option -- 'z'\nTry 'dmesg --help' for more information.\n"],
		);
		assert.equal(dmesg(sys, "-t").stdout, "again\n", "nothing was cleared by the failures");
		assert.equal(dmesg(sys, "-V").stdout, "dmesg from util-linux 2.38.1\n");
		assert.match(dmesg(sys, "--help").stdout, /^\nUsage:\n dmesg \[options\]\n/);
	});
});

describe("dmesg after an OOM kill", () => {
	it("shows the memory cgroup OOM report of stress-ng's oomable worker", () => {
		const sys = newSystem({ memory: 1024 * 1024 ** 2 });
		const r = runProgram(sys, [
			"/bin/sh",
			"-c",
			"cd /sys/fs/cgroup/memory; mkdir a; echo 16M > a/memory.limit_in_bytes; " +
				"sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 64M --vm-keep --oomable -t 3' >/dev/null 2>&1; " +
				"dmesg > /tmp/log; dmesg -t | grep -e 'invoked oom-killer' -e '^Memory cgroup out of memory' -e '^memory:' " +
				"| sed 's/process [0-9]* /process N /; s/failcnt [0-9]*/failcnt N/; s/anon-rss:[0-9]*kB/anon-rss:NkB/; s/pgtables:[0-9]*kB/pgtables:NkB/'; " +
				"grep -c oom /proc/vmstat; grep oom_kill /proc/vmstat; grep -vc '^\\[ *[0-9]*\\.[0-9]\\{6\\}\\] ' /tmp/log",
		]);
		assert.equal(r.stderr, "");
		assert.equal(
			r.stdout,
			"stress-ng-vm invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=1000\n" +
				"memory: usage 16384kB, limit 16384kB, failcnt N\n" +
				"Memory cgroup out of memory: Killed process N (stress-ng-vm) total-vm:65536kB, anon-rss:NkB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:NkB oom_score_adj:1000\n" +
				"1\noom_kill 1\n0\n",
		);
	});
});
