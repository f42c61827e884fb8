/**
 * Random sequences of signals, job control, process-group and session
 * changes, forks, exits, waits and execs. After every step the kernel's
 * bookkeeping must be consistent (checkInvariants: pid attachment counts,
 * process-group lists, stop state, nothing deliverable left pending), and a
 * step that fails (an errno, or a wait that would block) must change nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isKernelError } from "../../src/kernel/errno.ts";
import { WCONTINUED, WNOHANG, WUNTRACED } from "../../src/kernel/exit.ts";
import { CLONE_NEWPID, CLONE_SIGHAND, CLONE_THREAD, CLONE_VM } from "../../src/kernel/fork.ts";
import { checkInvariants } from "../../src/kernel/invariants.ts";
import { Kernel } from "../../src/kernel/kernel.ts";
import {
	SIG_DFL,
	SIG_HANDLER,
	SIG_IGN,
	SIGCHLD,
	SIGCONT,
	SIGHUP,
	SIGINT,
	SIGKILL,
	SIGSEGV,
	SIGSTOP,
	SIGTERM,
	SIGTSTP,
	SIGTTIN,
	SIGUSR1,
	sigmask,
} from "../../src/kernel/signal.ts";
import { PF_EXITING, type Task } from "../../src/kernel/task.ts";
import { WouldBlock } from "../../src/kernel/wait.ts";

const THREAD = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
const SIGNALS = [
	0,
	SIGHUP,
	SIGINT,
	SIGKILL,
	SIGUSR1,
	SIGSEGV,
	SIGTERM,
	SIGCHLD,
	SIGCONT,
	SIGSTOP,
	SIGTSTP,
	SIGTTIN,
	99,
];
const sig = fc.constantFrom(...SIGNALS);
const idx = fc.nat({ max: 1000 });
const maskArb = fc
	.subarray(SIGNALS.filter((s) => s > 0 && s < 32))
	.map((l) => l.reduce((m, s) => m | sigmask(s), 0));

type Op =
	| { op: "fork"; who: number; kind: "process" | "thread" | "newns" }
	| { op: "exit"; who: number; group: boolean; code: number }
	| {
			op: "kill";
			who: number;
			target: "pid" | "self" | "group" | "all" | "pgrp" | "bogus";
			of: number;
			sig: number;
	  }
	| { op: "sendSignal"; who: number; sig: number }
	| { op: "sigaction"; who: number; sig: number; handler: 0 | 1 | 2 }
	| { op: "sigprocmask"; who: number; how: number; set: number }
	| { op: "setpgid"; who: number; of: number; pgid: "zero" | "other" | "bogus" }
	| { op: "setsid"; who: number }
	| { op: "wait"; who: number; pid: "any" | "child" | "group"; options: number }
	| { op: "dequeue"; who: number }
	| { op: "exec"; who: number }
	| { op: "setuid"; who: number; uid: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			op: fc.constant("fork" as const),
			who: idx,
			kind: fc.constantFrom(
				"process" as const,
				"process" as const,
				"thread" as const,
				"newns" as const,
			),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			op: fc.constant("exit" as const),
			who: idx,
			group: fc.boolean(),
			code: fc.nat(255),
		}),
	},
	{
		weight: 6,
		arbitrary: fc.record({
			op: fc.constant("kill" as const),
			who: idx,
			target: fc.constantFrom(
				"pid" as const,
				"pid" as const,
				"self" as const,
				"group" as const,
				"all" as const,
				"pgrp" as const,
				"bogus" as const,
			),
			of: idx,
			sig,
		}),
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("sendSignal" as const), who: idx, sig }) },
	{
		weight: 3,
		arbitrary: fc.record({
			op: fc.constant("sigaction" as const),
			who: idx,
			sig,
			handler: fc.constantFrom(SIG_DFL, SIG_IGN, SIG_HANDLER),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			op: fc.constant("sigprocmask" as const),
			who: idx,
			how: fc.constantFrom(0, 1, 2, 7),
			set: maskArb,
		}),
	},
	{
		weight: 3,
		arbitrary: fc.record({
			op: fc.constant("setpgid" as const),
			who: idx,
			of: idx,
			pgid: fc.constantFrom("zero" as const, "other" as const, "bogus" as const),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("setsid" as const), who: idx }) },
	{
		weight: 3,
		arbitrary: fc.record({
			op: fc.constant("wait" as const),
			who: idx,
			pid: fc.constantFrom("any" as const, "child" as const, "group" as const),
			options: fc.constantFrom(0, WNOHANG, WUNTRACED, WUNTRACED | WCONTINUED | WNOHANG, WCONTINUED),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("dequeue" as const), who: idx }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant("exec" as const), who: idx }) },
	{
		weight: 1,
		arbitrary: fc.record({
			op: fc.constant("setuid" as const),
			who: idx,
			uid: fc.constantFrom(0, 1000, 2000),
		}),
	},
);

/** The live tasks, in pid order. */
function live(k: Kernel): Task[] {
	const out: Task[] = [];
	for (const p of k.processes)
		for (const t of p.signal.threads) if (!(t.flags & PF_EXITING)) out.push(t);
	return out.sort((a, b) => a.pid - b.pid);
}

function pick<T>(list: T[], i: number): T | undefined {
	return list.length === 0 ? undefined : list[i % list.length];
}

/** Everything a failed step must leave alone. */
function snapshot(k: Kernel): string {
	const rows: unknown[] = [];
	for (const pid of k.initPidNs.idr.values()) {
		const t = pid.task;
		if (t === null) continue;
		const s = t.signal;
		rows.push([
			t.pid,
			t.state,
			t.exitState,
			t.flags,
			t.pending,
			t.blocked,
			s.sharedPending,
			s.flags,
			s.groupExitCode,
			s.groupExit,
			s.pgrp.nr,
			s.session.nr,
			s.leader,
			t.sighand.ignored,
			t.sighand.caught,
			t.cred.uid,
		]);
	}
	return JSON.stringify(rows);
}

function apply(k: Kernel, o: Op): void {
	const tasks = live(k);
	const who = pick(tasks, o.who);
	if (who === undefined) return;
	const ns = who.pidNs;
	switch (o.op) {
		case "fork":
			k.fork(who, { flags: o.kind === "thread" ? THREAD : o.kind === "newns" ? CLONE_NEWPID : 0 });
			return;
		case "exit":
			if (who.signal === k.init.signal) return; // the kernel would panic
			if (o.group) k.exitGroup(who, o.code << 8);
			else k.exit(who, o.code << 8);
			return;
		case "kill": {
			const other = pick(tasks, o.of) ?? who;
			const pid =
				o.target === "pid"
					? other.tgidIn(ns) || 99999
					: o.target === "self"
						? who.tgidIn(ns)
						: o.target === "group"
							? 0
							: o.target === "all"
								? -1
								: o.target === "pgrp"
									? -(other.signal.pgrp.nrIn(ns) || 99999)
									: 99999;
			k.kill(who, pid, o.sig);
			return;
		}
		case "sendSignal":
			k.sendSignal(who, o.sig);
			return;
		case "sigaction":
			k.sigaction(who, o.sig, o.handler);
			return;
		case "sigprocmask":
			k.sigprocmask(who, o.how, o.set);
			return;
		case "setpgid": {
			const other = pick(tasks, o.of) ?? who;
			const target = other.tgidIn(ns);
			const pgid = o.pgid === "zero" ? 0 : o.pgid === "other" ? who.signal.pgrp.nrIn(ns) : 99999;
			k.setpgid(who, target === 0 ? 99999 : target, pgid);
			return;
		}
		case "setsid":
			k.setsid(who);
			return;
		case "wait": {
			const child = who.hasChildren ? ([...who.children][0] ?? null) : null;
			const pid = o.pid === "any" ? -1 : o.pid === "child" ? (child?.tgidIn(ns) ?? 99999) : 0;
			k.wait4(who, pid, o.options);
			return;
		}
		case "dequeue":
			k.dequeueSignal(who);
			return;
		case "exec":
			k.exec(who, "/bin/prog");
			return;
		case "setuid":
			k.setresuid(who, o.uid, o.uid, o.uid);
			return;
	}
}

describe("random signal and job-control sequences", () => {
	it("keep the kernel consistent and failed steps side-effect free", () => {
		fc.assert(
			fc.property(fc.array(opArb, { minLength: 20, maxLength: 100, size: "max" }), (ops) => {
				const k = new Kernel({ seed: 7 });
				const woken: Task[] = [];
				k.signalWakeUp = (t) => woken.push(t);
				for (const o of ops) {
					const before = snapshot(k);
					let failed = false;
					try {
						apply(k, o);
					} catch (e) {
						if (!isKernelError(e) && !(e instanceof WouldBlock)) throw e;
						failed = true;
					}
					assert.deepEqual(checkInvariants(k), [], `after ${JSON.stringify(o)}`);
					if (failed)
						assert.equal(snapshot(k), before, `failed ${JSON.stringify(o)} changed state`);
				}
			}),
			{
				numRuns: Number(process.env.CGKIT_PROPERTY_RUNS ?? 200),
				seed: Number(process.env.CGKIT_PROPERTY_SEED ?? 0x5197),
			},
		);
	});
});
