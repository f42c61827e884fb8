/**
 * ptrace-steps PID STEP...: the differential runs' helper (src/host/helpers.ts
 * has the C original, whose output this matches): ptrace(2) requests on PID,
 * one step after the other, each printing its result.
 *   seize interrupt listen cont detach kill   the PTRACE_* request, addr and data 0
 *   getsiginfo                                 PTRACE_GETSIGINFO, with si_signo and si_code
 *   wait                                       waitpid(PID, __WALL) and how the task stopped or ended
 *   !COMMAND                                   /bin/sh -c COMMAND, as system(3) runs it
 */
import { KernelError, strerror } from "../../kernel/errno.ts";
import { __WALL } from "../../kernel/exit.ts";
import {
	PTRACE_CONT,
	PTRACE_DETACH,
	PTRACE_GETSIGINFO,
	PTRACE_INTERRUPT,
	PTRACE_KILL,
	PTRACE_LISTEN,
	PTRACE_SEIZE,
	ptraceRequest,
} from "../../kernel/ptrace.ts";
import { Tool } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const REQUESTS: Readonly<Record<string, readonly [string, number]>> = {
	seize: ["PTRACE_SEIZE", PTRACE_SEIZE],
	interrupt: ["PTRACE_INTERRUPT", PTRACE_INTERRUPT],
	listen: ["PTRACE_LISTEN", PTRACE_LISTEN],
	cont: ["PTRACE_CONT", PTRACE_CONT],
	detach: ["PTRACE_DETACH", PTRACE_DETACH],
	kill: ["PTRACE_KILL", PTRACE_KILL],
};

/** printf's %#x of an int. */
function altHex(n: number): string {
	return n === 0 ? "0" : `0x${(n >>> 0).toString(16)}`;
}

/** How waitpid()'s status reads (the W* macros). */
function waitText(status: number): string {
	if ((status & 0xff) === 0x7f)
		return `stopped, signal ${(status >> 8) & 0xff}, event ${status >> 16}`;
	if ((status & 0x7f) === 0) return `exited ${(status >> 8) & 0xff}`;
	return `killed by signal ${status & 0x7f}`;
}

/** system(3): /bin/sh -c `command` in a child, waited for. */
function* system(sys: Sys, command: string, envp: readonly string[]): Run<void> {
	const pid = sys.fork(function* (child: Sys): Run<number> {
		yield* child.execve("/bin/sh", ["sh", "-c", command], envp);
		return 127;
	});
	for (;;) {
		try {
			yield* sys.wait4(pid, 0);
			return;
		} catch (e) {
			if (!(e instanceof KernelError) || e.code !== "EINTR") throw e;
		}
	}
}

/** One step: its output line, or null after a command ran. */
function* step(t: Tool, pid: number, s: string): Run<string | null> {
	const { sys } = t;
	if (s.startsWith("!")) {
		yield* system(sys, s.slice(1), t.envp);
		return null;
	}
	if (s === "wait") {
		try {
			const r = yield* sys.wait4(pid, __WALL);
			return `waitpid -> ${r === null ? "no child" : waitText(r.status)}`;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			return `waitpid -> ${e.strerror}`;
		}
	}
	const req =
		s === "getsiginfo" ? (["PTRACE_GETSIGINFO", PTRACE_GETSIGINFO] as const) : REQUESTS[s];
	if (req === undefined) throw new UnknownStep(s);
	try {
		const r = ptraceRequest(sys.kernel, sys.task, req[1], pid);
		return r === 0
			? `${req[0]} -> ok`
			: `${req[0]} -> ok, si_signo ${r.signo}, si_code ${altHex(r.code)}`;
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
		return `${req[0]} -> ${strerror(e.code)}`;
	}
}

class UnknownStep extends Error {}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const [pidArg = "", ...steps] = t.args;
	if (!/^\s*[+-]?[0-9]+$/.test(pidArg) || Number(pidArg) <= 0) {
		yield* t.errText("usage: ptrace-steps PID STEP...\n");
		return 2;
	}
	const pid = Number(pidArg);
	for (const s of steps) {
		let line: string | null;
		try {
			line = yield* step(t, pid, s);
		} catch (e) {
			if (!(e instanceof UnknownStep)) throw e;
			yield* t.errText(`ptrace-steps: unknown step '${s}'\n`);
			return 2;
		}
		if (line !== null) {
			yield* t.print(`${line}\n`);
			yield* t.out.flush();
		}
	}
	return 0;
}
