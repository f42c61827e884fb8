/**
 * The semantic fuzzer (src/tools/fuzz): a bounded fixed-seed run finds
 * nothing, runs are deterministic, each check reports what it should, the
 * shrinker reduces an injected finding to its minimal sequence, and the sh
 * a reproducer renders prints on the emulated host exactly what the
 * fuzzer's own execution predicted.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Command } from "commander";
import { registerFuzz } from "../../src/cli/fuzz.ts";
import { buildProgram } from "../../src/cli/main.ts";
import { sandboxUnavailableReason } from "../../src/host/sandbox.ts";
import { KernelError } from "../../src/kernel/errno.ts";
import { checkInvariants } from "../../src/kernel/invariants.ts";
import { fuzz } from "../../src/tools/fuzz/driver.ts";
import { runScriptEmulated } from "../../src/tools/fuzz/emulated-run.ts";
import { Generator } from "../../src/tools/fuzz/generator.ts";
import type { Op } from "../../src/tools/fuzz/ops.ts";
import {
	expectedOutput,
	parseExpected,
	parseReproducer,
	reproducer,
} from "../../src/tools/fuzz/reproducer.ts";
import { replay, shrink } from "../../src/tools/fuzz/shrink.ts";
import { Runner } from "../../src/tools/fuzz/step.ts";
import { SLOTS, type World } from "../../src/tools/fuzz/world.ts";

/** Test-only finding: a cgroup a/b of the cpu slot holds a process other than the shell. */
function someoneInAB(w: World): string | null {
	const b = w.slotCgroup(SLOTS[0]!)?.children.get("a")?.children.get("b");
	if (b === undefined) return null;
	for (const link of b.csetLinks) {
		for (const t of link.cset.tasks) if (t.signal !== w.shell.signal) return `task ${t.pid} in a/b`;
	}
	return null;
}

/** What the sh of a sequence prints on the emulated host, and what the fuzzer predicted. */
async function renderedVersusPredicted(ops: readonly Op[]) {
	const r = replay(ops);
	const script = reproducer({
		foundBy: "test",
		finding: { kind: "invariant", step: ops.length - 1, message: "none", detail: "" },
		records: r.records,
	});
	const run = await runScriptEmulated(script);
	const got = run.output.split("\n").filter((l) => l !== "");
	return { got, expected: expectedOutput(r.records), status: run.status, script };
}

/** A random sequence of the steps sh can express and a real host could run. */
function renderableSequence(seed: number, length: number): Op[] {
	const gen = new Generator(seed);
	const runner = new Runner();
	const ops: Op[] = [];
	for (let i = 0; i < length; i++) {
		const op = gen.next(runner.world);
		runner.step(op, i);
		ops.push(op);
	}
	let cur = ops;
	for (let round = 0; round < 6; round++) {
		const r = replay(cur);
		const keep = cur.filter((_, i) => r.records[i]!.emu === null && r.records[i]!.unsafe === null);
		if (keep.length === cur.length) break;
		cur = keep;
	}
	return cur;
}

describe("cgkit fuzz", () => {
	it("finds nothing in a bounded fixed-seed run", () => {
		const report = fuzz({ seed: 1, steps: 25_000 });
		const found = report.found;
		assert.equal(
			found,
			null,
			found === null ? "" : `${found.finding.kind}: ${found.finding.message}\n${found.script}`,
		);
		assert.equal(report.steps, 25_000);
		// Every operation of the table ran, and most of them both succeeded and failed.
		for (const name of [
			"spawn",
			"pair",
			"kill",
			"mkdir",
			"rmdir",
			"rename",
			"write",
			"read",
			"proc",
		]) {
			assert.ok((report.stats.get(name)?.ok ?? 0) > 0, `${name} never succeeded`);
		}
		for (const name of ["kill", "mkdir", "rmdir", "rename", "write", "mount", "umount"]) {
			assert.ok((report.stats.get(name)?.failed ?? 0) > 0, `${name} never failed`);
		}
	});

	it("is deterministic: the same seed gives the same trace", () => {
		const a = fuzz({ seed: 7, steps: 3000 });
		const b = fuzz({ seed: 7, steps: 3000 });
		const c = fuzz({ seed: 8, steps: 3000 });
		assert.equal(a.traceHash, b.traceHash);
		assert.notEqual(a.traceHash, c.traceHash);
	});

	it("reports a failed operation that changed the state", () => {
		const runner = new Runner();
		const { vfs } = runner.world;
		const mkdir = vfs.mkdir.bind(vfs);
		// A broken mkdir: creates the directory, then says EEXIST.
		vfs.mkdir = (task, path, mode) => {
			mkdir(task, path, mode);
			throw new KernelError("EEXIST");
		};
		const { record, finding } = runner.step({ op: "mkdir", slot: 0, path: "a", by: "root" }, 0);
		assert.equal(record.outcome, "EEXIST");
		assert.equal(finding?.kind, "side-effect");
		assert.match(finding?.detail ?? "", /^\+ +"\/cgkit-fuzz\/a"/m);
	});

	it("reports an exception that is not an errno, with its stack", () => {
		const runner = new Runner();
		runner.world.vfs.rmdir = () => {
			throw new TypeError("boom");
		};
		const { record, finding } = runner.step({ op: "rmdir", slot: 5, path: "", by: "root" }, 0);
		assert.equal(record.outcome, "skip", "nothing is mounted on h1 yet");
		assert.equal(finding, null);
		const r = runner.step({ op: "rmdir", slot: 0, path: "a", by: "root" }, 1);
		assert.equal(r.record.outcome, "crash");
		assert.equal(r.finding?.kind, "exception");
		assert.equal(r.finding?.message, "TypeError: boom");
		assert.match(r.finding?.detail ?? "", /at .*fuzz\.test\.ts/);
	});

	it("reaps a transient that killed itself (it was given its own pid number)", () => {
		const runner = new Runner();
		const w = runner.world;
		const k = w.kernel;
		let pid = 0;
		w.transient(true, (t) => {
			pid = t.pid;
			k.kill(t, t.pid, 9);
		});
		assert.equal(k.findTask(pid), null);
		assert.deepEqual(checkInvariants(k), []);
	});

	it("does not report a pair whose second fork failed after the first succeeded", () => {
		// pid_max 310: the world runs out of pid numbers after a few dozen tasks.
		const runner = new Runner({ pidMax: 310, maxTasks: 1000 });
		let i = 0;
		for (; i < 400; i++) {
			const { record, finding } = runner.step({ op: "spawn", nobody: false }, i);
			assert.equal(finding, null);
			if (record.outcome === "EAGAIN") break;
		}
		assert.ok(i < 400, "pid numbers never ran out");
		// Free one number (one above 300, where allocation wraps to): the pair gets its
		// outer process, then fails.
		const last = runner.world.tasks.length - 1;
		assert.ok(runner.world.tasks[last]!.task.pid >= 300);
		runner.step({ op: "kill", target: { task: last }, sig: 9, by: "root" }, i + 1);
		const before = runner.world.tasks.length;
		const { record, finding } = runner.step({ op: "pair", nobody: false }, i + 2);
		assert.equal(record.outcome, "EAGAIN");
		assert.equal(runner.world.tasks.length, before + 1);
		assert.equal(finding, null);
	});

	it("reports a broken invariant", () => {
		const runner = new Runner();
		runner.step({ op: "spawn", nobody: false }, 0);
		const t = runner.world.tasks[1]!.task;
		t.cgroups!.refcount++;
		const { finding } = runner.step({ op: "mkdir", slot: 0, path: "a", by: "root" }, 1);
		assert.equal(finding?.kind, "invariant");
		assert.match(finding?.message ?? "", /refcount/);
	});

	it("shrinks an injected finding to the minimal sequence", () => {
		const noise: Op[] = [
			{ op: "spawn", nobody: true },
			{ op: "mkdir", slot: 1, path: "x", by: "root" },
			{ op: "pair", nobody: false },
			{ op: "mkdir", slot: 0, path: "a", by: "root" },
			{ op: "clone", task: 1, how: "thread" },
			{ op: "mkdir", slot: 0, path: "c", by: "nobody" },
			{ op: "spawn", nobody: false },
			{ op: "mount", slot: 5, opts: "none,name=@P-1,xattr" },
			{
				op: "write",
				slot: 1,
				path: "x",
				file: "tasks",
				value: { parts: [{ task: 2, base: 10 }] },
				by: "root",
			},
			{ op: "mkdir", slot: 0, path: "a/b", by: "root" },
			{ op: "kill", target: { task: 2 }, sig: 9, by: "root" },
			{ op: "rmdir", slot: 0, path: "c", by: "root" },
			{
				op: "write",
				slot: 0,
				path: "a/b",
				file: "cgroup.procs",
				value: { parts: [" ", { task: 5, base: 16 }, "\n"] },
				by: "nobody",
			},
			{
				op: "write",
				slot: 0,
				path: "a/b",
				file: "tasks",
				value: { parts: [{ task: 5, base: 10 }] },
				by: "root",
			},
			{ op: "umount", slot: 5, lazy: false },
		];
		assert.equal(replay(noise, { extra: someoneInAB }).finding?.step, 13);
		const { ops } = shrink(noise, "invariant", { extra: someoneInAB });
		assert.deepEqual(ops, [
			{ op: "mkdir", slot: 0, path: "a", by: "root" },
			{ op: "spawn", nobody: false },
			{ op: "mkdir", slot: 0, path: "a/b", by: "root" },
			{
				op: "write",
				slot: 0,
				path: "a/b",
				file: "tasks",
				value: { parts: [{ task: 1, base: 10 }] },
				by: "root",
			},
		]);
	});

	it("finds, shrinks and writes a reproducer that prints on cgkit what its header says", async () => {
		const report = fuzz({ seed: 1, steps: 60_000, extra: someoneInAB });
		const found = report.found;
		assert.ok(found !== null, "the injected finding was not found");
		assert.equal(found.shrunkFinding.kind, "invariant");
		assert.ok(found.ops.length > 20, `found after only ${found.ops.length} steps`);
		assert.equal(found.shrunk.length, 4, JSON.stringify(found.shrunk));
		assert.deepEqual(parseReproducer(found.script).ops, found.shrunk);
		const expected = parseExpected(found.script);
		assert.deepEqual(expected, ["1 ok", "2 ok", "3 ok", "4 ok"]);
		const run = await runScriptEmulated(found.script);
		assert.equal(run.status, 0);
		assert.deepEqual(
			run.output.split("\n").filter((l) => l !== ""),
			expected,
		);
	});

	for (const seed of [1, 2, 3]) {
		it(`renders random steps as sh that prints what cgkit's execution predicted (seed ${seed})`, async () => {
			const ops = renderableSequence(seed, 160);
			assert.ok(ops.length > 100);
			const { got, expected, status, script } = await renderedVersusPredicted(ops);
			assert.equal(status, 0);
			assert.ok(expected.some((l) => / E /.test(l)) && expected.some((l) => / ok$/.test(l)));
			assert.deepEqual(got, expected, script);
		});
	}

	it("runs from the command line: a summary and exit 0, --replay and --host", async () => {
		assert.ok(buildProgram().commands.some((c) => c.name() === "fuzz"));
		let out = "";
		let err = "";
		const program = new Command();
		registerFuzz(
			program,
			(s) => {
				out += s;
			},
			(s) => {
				err += s;
			},
		);
		await program.parseAsync(["fuzz", "--steps", "300", "--quiet"], { from: "user" });
		assert.equal(process.exitCode, 0);
		assert.match(out, /^cgkit fuzz: seed 1, 300 steps .*: no finding\n$/);
		// --replay re-runs a reproducer's operations.
		const ops: Op[] = [
			{ op: "mkdir", slot: 3, path: "a", by: "root" },
			{ op: "mkdir", slot: 3, path: "a", by: "root" },
			{ op: "clone", task: 0, how: "thread" },
			{ op: "rmdir", slot: 3, path: "", by: "root" },
		];
		const dir = mkdtempSync(join(tmpdir(), "cgkit-fuzz-test-"));
		try {
			const file = join(dir, "r.sh");
			writeFileSync(
				file,
				reproducer({
					foundBy: "test",
					finding: { kind: "invariant", step: 3, message: "none", detail: "" },
					records: replay(ops).records,
				}),
			);
			out = "";
			await program.parseAsync(["fuzz", "--replay", file], { from: "user" });
			assert.equal(process.exitCode, 0);
			assert.equal(
				out,
				"1 ok\n2 E File exists\n3 ok (emulated)\n4 skip (skipped)\ncgkit fuzz: 4 steps replayed, no finding\n",
			);
		} finally {
			rmSync(dir, { recursive: true });
		}
		// --host needs root and a cgroupfs; without them it says why and exits 2.
		const why = sandboxUnavailableReason();
		if (why !== null) {
			await program.parseAsync(["fuzz", "--host"], { from: "user" });
			assert.equal(process.exitCode, 2);
			assert.equal(err, `cgkit fuzz: cannot run on the real kernel: ${why}\n`);
		} else {
			out = "";
			await program.parseAsync(["fuzz", "--host", "--steps", "40", "--quiet"], { from: "user" });
			assert.equal(process.exitCode, 0, out);
			assert.match(out, /^cgkit fuzz --host: seed 1, 40 steps in .*\nno divergence\n$/s);
		}
		process.exitCode = 0;
	});
});
