/**
 * sleep (GNU coreutils): pause for the sum of the intervals given, each a
 * floating-point number with an optional unit (s, m, h, d). Time is the
 * emulated clock's; "inf" sleeps until a signal ends the process.
 */

import { getopt, tryHelp } from "../lib/getopt.ts";
import { strtod } from "../lib/numparse.ts";
import { quoteAlways } from "../lib/quote.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const UNIT: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** An interval in seconds, or null when it is not one. */
export function parseInterval(arg: string): number | null {
	const { value, end } = strtod(arg);
	if (end === 0) return null;
	const unit = UNIT[arg.slice(end)];
	if (unit === undefined || Number.isNaN(value) || value < 0) return null;
	return value * unit;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "", HELP_VERSION);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "NUMBER[SUFFIX]...", COREUTILS);
		if (done !== null) return done;
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("missing operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	let seconds = 0;
	let ok = true;
	for (const arg of parsed.operands) {
		const s = parseInterval(arg);
		if (s === null) {
			yield* t.warn(`invalid time interval ${quoteAlways(arg)}`);
			ok = false;
			continue;
		}
		seconds += s;
	}
	if (!ok) {
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const sys = t.sys;
	const ns = seconds * 1e9;
	if (!Number.isFinite(ns) || ns > Number.MAX_SAFE_INTEGER) {
		// Longer than the clock can count: wait for a signal to end it.
		for (;;) yield* sys.sleepOn(null, -1, true);
	}
	// nanosleep() restarted after signals that did not end the process.
	const until = sys.kernel.clock.now() + Math.round(ns);
	while (sys.kernel.clock.now() < until) {
		yield* sys.sleep(until - sys.kernel.clock.now());
	}
	return yield* t.finish(0);
}
