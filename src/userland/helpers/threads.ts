/**
 * threads N: the differential runs' helper (src/host/helpers.ts has the C
 * original): the process starts N more threads, and every thread, the
 * first included, sleeps in pause() until the process is killed.
 */
import { KernelError } from "../../kernel/errno.ts";
import { Tool } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import { pthreadCreate } from "../proc/thread.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

/** pause(): sleep until a signal's handler ran; nothing here has one, so until killed. */
function* pause(sys: Sys): Run<void> {
	for (;;) yield* sys.sleepOn(null);
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const arg = t.args[0] ?? "";
	if (t.args.length !== 1 || !/^\s*[+-]?[0-9]+$/.test(arg) || Number(arg) < 0) {
		yield* t.errText("usage: threads N\n");
		return 2;
	}
	const n = Number(arg);
	for (let i = 0; i < n; i++) {
		try {
			pthreadCreate(ctx.sys, pause);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			yield* t.errText(`threads: pthread_create: ${e.strerror}\n`);
			return 1;
		}
	}
	yield* pause(ctx.sys);
	return 0;
}
