/**
 * The pieces of `cgkit diff` and the conformance corpus: normalisation, the
 * matching emulated host, the real-host sandbox (root and cgroupfs only),
 * the corpus verdicts and the command's exit codes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import type { HostFacts } from "../../src/host/facts.ts";
import { leftovers, uniquePrefix } from "../../src/host/safe-cgroup.ts";
import { PID_BASE, runOnHost, sandboxUnavailableReason } from "../../src/host/sandbox.ts";
import { judge, loadFacts, type Scenario } from "../../src/tools/conformance/corpus.ts";
import { HYBRID_FACTS, runEmulated } from "../../src/tools/conformance/emulated.ts";
import { normalise, observation, reduceErrorLine } from "../../src/tools/conformance/normalise.ts";
import {
	openEmulatedSession,
	openHostSession,
	type ShellSession,
} from "../../src/tools/conformance/session.ts";
import { shrinkLines } from "../../src/tools/conformance/stepper.ts";
import { fuzzHost } from "../../src/tools/fuzz/host.ts";

const SKIP = sandboxUnavailableReason();
if (SKIP !== null) console.log(`# real-host sandbox tests skipped: ${SKIP}`);

const CTX = { prefix: "cgkit-diff-0123abcd", pidBase: PID_BASE, maxHierarchyId: 9 };

describe("normalise", () => {
	it("replaces the prefix, and pids by registered names, $$ and first appearance", () => {
		const out = normalise(
			[
				"/tmp/cgkit-diff-0123abcd/x 30000",
				"30007 30003",
				"@pid sleeper 30003",
				"30007 29999 32700 130003 a30003 30003b",
				"",
			].join("\n"),
			CTX,
		);
		assert.equal(out, "/tmp/PREFIX/x $$\nPID1 sleeper\nPID1 29999 32700 130003 a30003 30003b\n");
	});

	it("renames hierarchy ids above the host's in cgroup lines and /proc/cgroups rows", () => {
		const out = normalise(
			"851:name=x:/a\n9:name=systemd:/\n850:net_cls:/\nnet_cls\t850\t2\t1\npids\t8\t1\t1\n851 is a number\n",
			CTX,
		);
		assert.equal(
			out,
			"H1:name=x:/a\n9:name=systemd:/\nH2:net_cls:/\nnet_cls\tH2\t2\t1\npids\t8\t1\t1\n851 is a number\n",
		);
	});

	it("reduces error messages to their strerror text", () => {
		assert.equal(reduceErrorLine("mkdir: cannot create directory 'a': File exists"), "File exists");
		assert.equal(reduceErrorLine("/bin/echo: write error: No such process"), "No such process");
		assert.equal(reduceErrorLine("sh: 3: echo: echo: I/O error"), "echo: write error");
		assert.equal(reduceErrorLine("sh: 3: echo: echo: Invalid argument"), "echo: write error");
		assert.equal(
			reduceErrorLine("sh: 1: cannot create /x/y: Directory nonexistent"),
			"sh: 1: cannot create /x/y: Directory nonexistent",
		);
		assert.equal(reduceErrorLine("Invalid argument"), "Invalid argument");
	});

	it("ends an observation with the exit status, marking a missing final newline", () => {
		assert.equal(observation({ output: "a\n", status: 3, timedOut: false }, CTX), "a\n[exit 3]\n");
		assert.equal(
			observation({ output: "a", status: 0, timedOut: false }, CTX),
			"a\n[no newline at end]\n[exit 0]\n",
		);
		assert.equal(observation({ output: "", status: 137, timedOut: true }, CTX), "[timed out]\n");
	});
});

/** Facts of a hybrid host with a gap in the hierarchy ids. */
const FACTS: HostFacts = {
	kernel: "6.18.0-test",
	cpus: 4,
	nodes: 1,
	pidMax: 32768,
	mounts: [
		{
			source: "tmpfs",
			target: "/sys/fs/cgroup",
			fstype: "tmpfs",
			options: "rw,nosuid,nodev,noexec,relatime,mode=755",
			hierarchyId: 0,
		},
		{
			source: "cgroup",
			target: "/sys/fs/cgroup/pids",
			fstype: "cgroup",
			options: "rw,nosuid,nodev,noexec,relatime,pids",
			hierarchyId: 3,
		},
		{
			source: "cgroup",
			target: "/sys/fs/cgroup/systemd",
			fstype: "cgroup",
			options: "rw,nosuid,nodev,noexec,relatime,xattr,name=systemd",
			hierarchyId: 7,
		},
		{
			source: "cgroup2",
			target: "/sys/fs/cgroup/unified",
			fstype: "cgroup2",
			options: "rw,nosuid,nodev,noexec,relatime",
			hierarchyId: 0,
		},
	],
};

describe("the emulated side", () => {
	it("boots the facts' mounts with their hierarchy ids and runs the script as the sandbox does", async () => {
		const r = await runEmulated(
			"echo $$ $PWD; grep cgroup /proc/self/mounts; cat /proc/self/cgroup; echo a; echo b >&2; echo c; /bin/echo x > /sys/fs/cgroup/pids/tasks; exit 3",
			FACTS,
			"cgkit-diff-0123abcd",
		);
		assert.equal(r.status, 3);
		assert.equal(r.timedOut, false);
		assert.equal(
			r.output,
			[
				`${PID_BASE} /tmp/cgkit-diff-0123abcd`,
				"tmpfs /sys/fs/cgroup tmpfs rw,nosuid,nodev,noexec,relatime,mode=755 0 0",
				"cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0",
				"cgroup /sys/fs/cgroup/systemd cgroup rw,nosuid,nodev,noexec,relatime,xattr,name=systemd 0 0",
				"cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid,nodev,noexec,relatime 0 0",
				"7:name=systemd:/cgkit-diff-0123abcd",
				"3:pids:/cgkit-diff-0123abcd",
				"0::/cgkit-diff-0123abcd",
				"a",
				"b",
				"c",
				"/bin/echo: write error: Invalid argument",
				"",
			].join("\n"),
		);
	});

	it("knows the hybrid layout's facts as the reference machine recorded them", () => {
		const recorded = loadFacts(new URL("../conformance/", import.meta.url).pathname);
		assert.deepEqual(HYBRID_FACTS.mounts, recorded.mounts);
		assert.equal(HYBRID_FACTS.pidMax, recorded.pidMax);
		assert.deepEqual(HYBRID_FACTS.blockDevices, recorded.blockDevices);
		assert.deepEqual(HYBRID_FACTS.netDevices, recorded.netDevices);
		assert.deepEqual(HYBRID_FACTS.hugepageSizes, recorded.hugepageSizes);
	});

	it("kills a script that runs past its time", async () => {
		const r = await runEmulated("while :; do :; done", FACTS, "cgkit-diff-0123abcd", {
			timeoutMs: 200,
		});
		assert.equal(r.timedOut, true);
		assert.equal(r.status, 137);
	});
});

const SESSION_STEPS: readonly [string, string, number][] = [
	["echo $$", "30000\n", 0],
	["cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a", "", 0],
	["mkdir a", "mkdir: cannot create directory 'a': File exists\n", 1],
	["sleep 1000 & echo $!", "30003\n", 0],
	["/bin/echo $! > a/tasks; cat a/tasks", "30003\n", 0],
	["cat", "", 0],
];

async function checkSession(session: ShellSession): Promise<void> {
	for (const [line, output, status] of SESSION_STEPS) {
		assert.deepEqual(await session.run(line), { output, status }, line);
	}
	const end = await session.close();
	assert.equal(end.status, 0);
}

describe("shell sessions", () => {
	it("run one command line at a time on the emulated host", async () => {
		const session = openEmulatedSession(FACTS, "cgkit-fuzz-0123abcd", 10_000);
		await checkSession(session);
	});
	it("run one command line at a time on the real host", { skip: SKIP ?? false }, async () => {
		const prefix = uniquePrefix("test");
		await checkSession(openHostSession(prefix, 10_000));
		assert.deepEqual(leftovers(prefix), []);
	});
});

describe("shrinking command lines", () => {
	it("finds a 1-minimal subsequence that still fails", async () => {
		const lines = ["a", "b", "c", "d", "e", "f", "g", "h"];
		let runs = 0;
		// Fails when both "c" and "g" are there, in that order.
		const min = await shrinkLines(lines, async (cand) => {
			runs++;
			const i = cand.indexOf("c");
			return i >= 0 && cand.indexOf("g") > i;
		});
		assert.deepEqual(min, ["c", "g"]);
		assert.ok(runs < 40, `${runs} runs`);
	});
});

describe("corpus verdicts", () => {
	const base: Scenario = {
		area: "a",
		name: "n",
		base: "/nonexistent/a/n",
		script: "",
		title: "t",
		recorded: "x\n[exit 0]\n",
		divergence: null,
	};
	it("passes a match, fails a difference with a diff, and pins known divergences", () => {
		assert.deepEqual(judge(base, "x\n[exit 0]\n"), { kind: "pass" });
		const fail = judge(base, "y\n[exit 0]\n");
		assert.equal(fail.kind, "fail");
		assert.match(fail.kind === "fail" ? fail.diff : "", /^-x$\n^\+y$/m);
		const known = { ...base, divergence: { reason: "r", cgkit: "y\n[exit 0]\n" } };
		assert.deepEqual(judge(known, "y\n[exit 0]\n"), { kind: "known", reason: "r" });
		assert.equal(judge(known, "z\n[exit 0]\n").kind, "fail");
		assert.equal(judge(known, "x\n[exit 0]\n").kind, "fail", "a fixed divergence must be deleted");
		assert.deepEqual(judge({ ...base, recorded: null }, "x"), { kind: "unrecorded" });
	});
});

describe("the real-host sandbox", { skip: SKIP ?? false }, () => {
	it("starts the shell as PID_BASE inside the prefix and keeps everything else read-only", async () => {
		const prefix = uniquePrefix("test");
		const r = await runOnHost(
			[
				"echo $$",
				"grep systemd /proc/self/cgroup",
				"/bin/echo 1 > /sys/fs/cgroup/systemd/notify_on_release",
				"mkdir /sys/fs/cgroup/systemd/x-$CGKIT_PREFIX",
				"/bin/echo 5 > /proc/sys/kernel/pid_max",
				"mkdir /sys/fs/cgroup/systemd/$CGKIT_PREFIX/a && echo made",
				"kill -9 1; echo alive",
				"mkdir h && mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h && mkdir h/a && echo $$ > h/a/tasks && echo mounted",
				"sleep 1000 &",
			].join("\n"),
			{ prefix },
		);
		assert.equal(r.status, 0);
		const lines = r.output.replaceAll(prefix, "P").split("\n");
		assert.equal(lines[0], String(PID_BASE));
		assert.match(lines[1]!, /^\d+:name=systemd:\/P$/);
		assert.match(lines[2]!, /Read-only file system$/);
		assert.match(lines[3]!, /Read-only file system$/);
		assert.match(lines[4]!, /Read-only file system$/);
		assert.deepEqual(lines.slice(5), ["made", "alive", "mounted", ""]);
		assert.deepEqual(leftovers(prefix), []);
		assert.equal(fs.existsSync(`/sys/fs/cgroup/systemd/${prefix}`), false);
		assert.equal(fs.existsSync(`/sys/fs/cgroup/systemd/x-${prefix}`), false);
	});

	it("removes the private hierarchies a script unmounted while they had cgroups", async () => {
		const prefix = uniquePrefix("test");
		const r = await runOnHost(
			"mkdir h && mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h && mkdir h/a h/a/b && umount h && grep -c name=$CGKIT_PREFIX-1 /proc/self/cgroup",
			{ prefix },
		);
		assert.equal(r.output, "1\n");
		assert.deepEqual(leftovers(prefix), []);
	});

	it("times a script out and still cleans up", async () => {
		const prefix = uniquePrefix("test");
		const r = await runOnHost(
			"mkdir /sys/fs/cgroup/systemd/$CGKIT_PREFIX/a; echo $$ > /sys/fs/cgroup/systemd/$CGKIT_PREFIX/a/tasks; sleep 100",
			{
				prefix,
				timeoutMs: 500,
			},
		);
		assert.equal(r.timedOut, true);
		assert.deepEqual(leftovers(prefix), []);
	});

	it("cgkit diff exits 0 for the same observation and 1 with a unified diff for a different one", () => {
		const dir = fs.mkdtempSync("/tmp/cgkit-difftest-");
		try {
			fs.writeFileSync(
				`${dir}/same.sh`,
				"cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a && /bin/echo x > a/tasks; cat a/tasks\n",
			);
			fs.writeFileSync(`${dir}/differs.sh`, "tr '\\0' ' ' < /proc/1/cmdline | cut -c1-5; echo\n");
			const same = spawnSync("node", ["bin/cgkit.js", "diff", `${dir}/same.sh`], {
				encoding: "utf8",
			});
			assert.equal(same.stdout, "");
			assert.equal(same.status, 0, same.stderr);
			const differs = spawnSync("node", ["bin/cgkit.js", "diff", `${dir}/differs.sh`], {
				encoding: "utf8",
			});
			assert.equal(differs.status, 1, differs.stderr);
			assert.match(differs.stdout, /^--- kernel\/differs\.sh$/m);
			assert.match(differs.stdout, /^\+\/sbin$/m);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it("cgkit fuzz --host steps both kernels in lockstep without a divergence", async () => {
		const r = await fuzzHost({ seed: 3, steps: 120, episode: 60 });
		assert.equal(r.divergence, null, r.divergence?.script);
		assert.equal(r.finding, null);
		assert.equal(r.episodes, 2);
		assert.ok(r.compared > 50, `${r.compared} steps compared`);
	});

	it("cgkit diff exits 2 without root", () => {
		const r = spawnSync(
			"/usr/bin/setpriv",
			[
				"--reuid=65534",
				"--regid=65534",
				"--clear-groups",
				process.execPath,
				"bin/cgkit.js",
				"diff",
				"/dev/null",
			],
			{ encoding: "utf8" },
		);
		assert.equal(r.status, 2, r.stderr);
		assert.match(r.stderr, /^cgkit diff: cannot run on the real kernel: not root/);
	});
});
