/**
 * inotifywait (inotify-tools 3.22): wait for a change of the files given.
 *
 *   inotifywait [-m] [-q] [-t SECONDS] [-e EVENT]... FILE...
 *
 * Prints "FILE EVENT " (the %w %e %f format with an empty %f, as for a
 * watched file) for the first change and exits 0; -m keeps printing every
 * change; -t ends with status 2 when nothing happened in time; status 1 on
 * errors. "Setting up watches." and "Watches established." go to stderr
 * unless -q.
 *
 * What the emulation can watch: the MODIFY events the kernel raises for
 * cgroup control files (cgroup_file_notify(), e.g. cgroup.events when a
 * cgroup's populated or frozen state changes, memory.events on a limit
 * hit). Other events (OPEN, ACCESS, CLOSE_*, ...) and other files are not
 * modelled: asking for them is refused rather than waited for in vain.
 */
import type { ModifyNotifier } from "../../fs/inode.ts";
import { isKernelError } from "../../kernel/errno.ts";
import { getopt, tryHelp } from "../lib/getopt.ts";
import { Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";
import { parseInterval } from "./sleep.ts";

const LONG = [
	{ name: "monitor", arg: "none" as const, key: "m" },
	{ name: "quiet", arg: "none" as const, key: "q" },
	{ name: "timeout", arg: "required" as const, key: "t" },
	{ name: "event", arg: "required" as const, key: "e" },
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "mqt:e:", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let monitor = false;
	let quiet = 0;
	let timeoutNs = -1;
	for (const o of parsed.opts) {
		if (o.key === "m") monitor = true;
		else if (o.key === "q") quiet++;
		else if (o.key === "t") {
			const s = parseInterval(o.arg!);
			if (s === null || !/^[0-9]+$/.test(o.arg!)) {
				yield* t.errText(`The timeout value you provided is not valid.\n`);
				return 1;
			}
			if (s > 0) timeoutNs = s * 1e9;
		} else if (o.key === "e") {
			for (const ev of o.arg!.split(",")) {
				if (ev.toLowerCase() !== "modify") {
					yield* t.errText(`${t.name}: cgkit models only the modify event\n`);
					return 1;
				}
			}
		}
	}
	if (parsed.operands.length === 0) {
		yield* t.errText("No files specified to watch!\n");
		return 1;
	}
	const sys = t.sys;
	if (quiet === 0) yield* t.errText("Setting up watches.\n");
	const watches: { path: string; n: ModifyNotifier; seen: number }[] = [];
	for (const path of parsed.operands) {
		let n: ModifyNotifier | null;
		try {
			n = sys.vfs.modifyNotifier(sys.task, path);
		} catch (e) {
			if (!isKernelError(e)) throw e;
			yield* t.errText(`Couldn't watch ${path}: ${e.strerror}\n`);
			return 1;
		}
		if (n === null) {
			yield* t.errText(`${t.name}: ${path}: cgkit models change events of cgroup files only\n`);
			return 1;
		}
		watches.push({ path, n, seen: n.notifySeq });
	}
	if (quiet === 0) yield* t.errText("Watches established.\n");
	const clock = sys.kernel.clock;
	const deadline = timeoutNs < 0 ? -1 : clock.now() + timeoutNs;
	for (;;) {
		let fired = false;
		for (const w of watches) {
			if (w.n.notifySeq === w.seen) continue;
			w.seen = w.n.notifySeq;
			fired = true;
			yield* t.print(`${w.path} MODIFY \n`);
		}
		if (fired) {
			yield* t.out.flush();
			if (!monitor) return yield* t.finish(0);
			continue;
		}
		if (deadline >= 0 && clock.now() >= deadline) return yield* t.finish(2);
		// Sleep on the first queue; the others wake it through a shared waiter.
		const queue = watches[0]!.n.notifyQueue;
		const wake = (): void => queue.wakeUp();
		for (const w of watches.slice(1)) w.n.notifyQueue.add(wake);
		const ok = yield* sys.sleepOn(queue, deadline);
		for (const w of watches.slice(1)) w.n.notifyQueue.remove(wake);
		if (!ok) return yield* t.finish(1);
	}
}
