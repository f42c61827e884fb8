/**
 * growheap: cgkit's stand-in for the small C program memory-cgroup
 * tutorials run ("malloc 1 MiB, write to it, sleep, repeat"):
 *
 *   growheap [-s SIZE] [-i SECONDS] [-n COUNT] [-v]
 *
 * Every SECONDS (default 1, fractions allowed) the heap grows by SIZE
 * (default 1M; K, M, G suffixes) and every new page is written, so the
 * process's memory cgroup is charged page by page, reclaims, and may
 * OOM-kill it. -n stops growing after COUNT steps (the process then sleeps
 * until killed); -v prints the heap size after each step. Not a program of
 * real distributions: it exists so the classic tutorials run verbatim.
 */
import { getopt, tryHelp } from "../lib/getopt.ts";
import { Tool } from "../lib/tool.ts";
import { growAnon, mmapAnon, touchPages } from "../proc/memory.ts";
import type { ProgramContext, Run } from "../proc/types.ts";
import { parseInterval } from "./sleep.ts";

/** SIZE with an optional K, M or G (powers of 1024), or null. */
export function parseSize(text: string): number | null {
	const m = /^([0-9]+)([KMG]?)$/i.exec(text);
	if (m === null) return null;
	const mult = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase()]!;
	const n = Number(m[1]) * mult;
	return n > 0 ? n : null;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "s:i:n:v");
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let step = 1024 ** 2;
	let interval = 1;
	let count = Number.POSITIVE_INFINITY;
	let verbose = false;
	for (const o of parsed.opts) {
		const v = o.arg ?? "";
		if (o.key === "s") {
			const s = parseSize(v);
			if (s === null) return yield* usage(t, `invalid size '${v}'`);
			step = s;
		} else if (o.key === "i") {
			const s = parseInterval(v);
			if (s === null) return yield* usage(t, `invalid interval '${v}'`);
			interval = s;
		} else if (o.key === "n") {
			if (!/^[0-9]+$/.test(v)) return yield* usage(t, `invalid count '${v}'`);
			count = Number(v);
		} else verbose = true;
	}
	const sys = t.sys;
	let total = 0;
	const heap = mmapAnon(sys, 0);
	for (let i = 0; i < count; i++) {
		const from = heap.nrPages;
		growAnon(sys, heap, total + step);
		yield* touchPages(sys, heap, from);
		total += step;
		if (verbose) yield* t.print(`growheap: ${total} bytes\n`);
		yield* t.out.flush();
		if (!(yield* sys.sleepOn(null, sys.kernel.clock.now() + interval * 1e9, true))) break;
	}
	// Done growing: hold the memory until a signal ends the process.
	while (yield* sys.sleepOn(null, -1, true)) {}
	return 0;
}

function* usage(t: Tool, msg: string): Run<number> {
	yield* t.errText(`${t.name}: ${msg}\n${tryHelp(t.name)}`);
	return 1;
}
