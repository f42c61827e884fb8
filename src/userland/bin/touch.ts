/**
 * touch (GNU coreutils): touch [-acmh] [-d DATE | -t STAMP | -r FILE] FILE...
 *
 * Creates missing files (not with -c) and sets their times with
 * utimensat(2): now, or the time given (see lib/datetime.ts for the -d
 * forms understood). With -a or -m only one time is meant to change; the
 * emulated utimensat has no UTIME_OMIT, so the other is passed as it is.
 */

import { O_CREAT, O_NOCTTY, O_NONBLOCK, O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { parseDate, parseStamp } from "../lib/datetime.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "time", arg: "required", key: "time" },
	{ name: "no-create", arg: "none", key: "c" },
	{ name: "date", arg: "required", key: "d" },
	{ name: "reference", arg: "required", key: "r" },
	{ name: "no-dereference", arg: "none", key: "h" },
	...HELP_VERSION,
];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "acd:fhmr:t:", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const vfs = t.sys.vfs;
	const task = t.sys.task;
	const now = t.sys.kernel.clock.realtime();
	let noCreate = false;
	let noDeref = false;
	let which = 0; // 1: atime, 2: mtime
	let atime: number | null = null;
	let mtime: number | null = null;
	let dateText: string | null = null;
	let reference: string | null = null;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... FILE...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "c") noCreate = true;
		else if (o.key === "h") noDeref = true;
		else if (o.key === "a") which |= 1;
		else if (o.key === "m") which |= 2;
		else if (o.key === "d") dateText = o.arg;
		else if (o.key === "r") reference = o.arg;
		else if (o.key === "time") {
			if (o.arg === "atime" || o.arg === "access" || o.arg === "use") which |= 1;
			else if (o.arg === "mtime" || o.arg === "modify") which |= 2;
			else {
				yield* t.warn(`invalid argument ${quoteAlways(o.arg!)} for '--time'`);
				yield* t.errText(
					"Valid arguments are:\n  - 'atime', 'access', 'use'\n  - 'mtime', 'modify'\n",
				);
				yield* t.errText(tryHelp(t.name));
				return 1;
			}
		} else if (o.key === "t") {
			const ns = parseStamp(o.arg!, now);
			if (ns === null) {
				yield* t.warn(`invalid date format ${quoteAlways(o.arg!)}`);
				return 1;
			}
			atime = mtime = ns;
		}
	}
	if (reference !== null) {
		const st = attempt(() => (noDeref ? vfs.lstat(task, reference) : vfs.stat(task, reference)));
		if (st instanceof KernelError) {
			yield* t.warn(`failed to get attributes of ${quoteAlways(reference)}: ${st.strerror}`);
			return 1;
		}
		atime = st.atimeNs;
		mtime = st.mtimeNs;
	}
	if (dateText !== null) {
		// -d is relative to -r's time when both are given.
		const ns = parseDate(dateText, reference === null ? now : (mtime ?? now));
		if (ns === null) {
			yield* t.warn(`invalid date format ${quoteAlways(dateText)}`);
			return 1;
		}
		atime = mtime = ns;
	}
	if (parsed.operands.length === 0) {
		yield* t.warn("missing file operand");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	let status = 0;
	for (const file of parsed.operands) {
		let openErr: KernelError | null = null;
		if (!noCreate && !noDeref) {
			const fd = attempt(() =>
				vfs.open(task, file, O_WRONLY | O_CREAT | O_NOCTTY | O_NONBLOCK, 0o666),
			);
			if (fd instanceof KernelError) openErr = fd;
			else vfs.close(task, fd);
		}
		let a = atime;
		let m = mtime;
		if (which === 1 || which === 2) {
			// Only one of the times: keep the other as it is (no UTIME_OMIT here).
			const st = attempt(() => (noDeref ? vfs.lstat(task, file) : vfs.stat(task, file)));
			if (!(st instanceof KernelError)) {
				if (which === 1) m = st.mtimeNs;
				else a = st.atimeNs;
				if (which === 1 && a === null) a = now;
				if (which === 2 && m === null) m = now;
			}
		}
		const r = attempt(() => vfs.utimensat(task, file, a, m, noDeref));
		if (!(r instanceof KernelError)) continue;
		if (openErr !== null && openErr.code !== "EISDIR") {
			yield* t.warn(`cannot touch ${quoteAlways(file)}: ${openErr.strerror}`);
		} else if (noCreate && r.code === "ENOENT") {
			continue;
		} else {
			yield* t.warn(`setting times of ${quoteAlways(file)}: ${r.strerror}`);
		}
		status = 1;
	}
	return yield* t.finish(status);
}
