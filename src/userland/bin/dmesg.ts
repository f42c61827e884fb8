/**
 * dmesg (util-linux 2.38.1): print or clear the kernel log.
 *
 *   dmesg [-t|--notime] [-c|--read-clear]
 *   dmesg -C|--clear
 *
 * Each record is "[%5ld.%06ld] text", its time since boot in seconds and
 * microseconds; -t leaves the time out. -c prints, then clears: later
 * reads start after the last record there was (SYSLOG_ACTION_CLEAR). The
 * reference host has kernel.dmesg_restrict = 1, so reading and clearing
 * need CAP_SYSLOG (or, deprecated, CAP_SYS_ADMIN): others get "read kernel
 * buffer failed" (the /dev/kmsg open and the syslog(2) fallback both fail
 * with EPERM) or "clear kernel buffer failed", status 1.
 *
 * The kernel side (do_syslog(): the permission check and clear_seq) is
 * here too, over kernel.log, as the emulated kernel has no syslog(2) and
 * no /dev/kmsg. Records carry no level or facility, so the filters and
 * decoding options (-l, -f, -x, -k, -u), the other time formats, colours,
 * the pager, --follow and the console controls are not supported.
 */

import type { Kernel, LogRecord } from "../../kernel/kernel.ts";
import type { Task } from "../../kernel/task.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { baseName, Tool, UTIL_LINUX } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

/** CAP_SYS_ADMIN and CAP_SYSLOG (include/uapi/linux/capability.h). */
const CAP_SYS_ADMIN = 21;
const CAP_SYSLOG = 34;

/** clear_seq: the last record there was at the last SYSLOG_ACTION_CLEAR (null: none, or before any). */
const CLEAR_SEQ = new WeakMap<Kernel, LogRecord | null>();
/** The CAP_SYS_ADMIN deprecation warning is printed once per boot. */
const SYS_ADMIN_WARNED = new WeakSet<Kernel>();

/**
 * check_syslog_permissions() with dmesg_restrict set (the reference host's
 * kernel.dmesg_restrict = 1): reading and clearing both need CAP_SYSLOG;
 * CAP_SYS_ADMIN still passes, with a warning.
 */
function syslogPermitted(k: Kernel, task: Task): boolean {
	const c = task.cred;
	if (c.capable(CAP_SYSLOG)) return true;
	if (c.capable(CAP_SYS_ADMIN)) {
		if (!SYS_ADMIN_WARNED.has(k)) {
			SYS_ADMIN_WARNED.add(k);
			k.printk(
				`${task.comm} (${task.pid}): Attempt to access syslog with CAP_SYS_ADMIN but no CAP_SYSLOG (deprecated).`,
			);
		}
		return true;
	}
	return false;
}

/** The records after clear_seq (SYSLOG_ACTION_READ_ALL, or /dev/kmsg after SEEK_DATA). */
function syslogRecords(k: Kernel): readonly LogRecord[] {
	const mark = CLEAR_SEQ.get(k) ?? null;
	if (mark === null) return k.log;
	// A mark the ring has dropped since is older than every record left.
	return k.log.slice(k.log.lastIndexOf(mark) + 1);
}

/** SYSLOG_ACTION_CLEAR. */
function syslogClear(k: Kernel): void {
	CLEAR_SEQ.set(k, k.log[k.log.length - 1] ?? null);
}

const LONG: LongOpt[] = [
	{ name: "clear", arg: "none", key: "C" },
	{ name: "read-clear", arg: "none", key: "c" },
	{ name: "notime", arg: "none", key: "t" },
	{ name: "help", arg: "none", key: "h" },
	{ name: "version", arg: "none", key: "V" },
];

/** "[%5ld.%06ld] ": seconds and microseconds since boot. */
function timestamp(ns: number): string {
	const us = Math.floor(ns / 1000);
	const sec = Math.floor(us / 1e6);
	return `[${String(sec).padStart(5)}.${String(us % 1e6).padStart(6, "0")}] `;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, baseName(ctx.argv[0] ?? "dmesg"));
	const parsed = getopt(t.name, t.args, "CchtV", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let action: "read" | "read-clear" | "clear" = "read";
	let firstExclusive: string | null = null;
	let notime = false;
	for (const o of parsed.opts) {
		switch (o.key) {
			case "C":
			case "c":
				// err_exclusive_options(): -C, -c (and the console controls, --raw) exclude each other.
				if (firstExclusive !== null && firstExclusive !== o.key) {
					yield* t.warn(
						"mutually exclusive arguments: --clear --console-off --console-on --read-clear --console-level --raw",
					);
					return 1;
				}
				firstExclusive = o.key;
				action = o.key === "C" ? "clear" : "read-clear";
				break;
			case "t":
				notime = true;
				break;
			case "h":
				yield* t.print(
					`\nUsage:\n ${t.name} [options]\n\nDisplay or control the kernel ring buffer.\n`,
				);
				return yield* t.finish(0);
			case "V":
				yield* t.print(`${t.name} ${UTIL_LINUX}\n`);
				return yield* t.finish(0);
		}
	}
	if (parsed.operands.length > 0) {
		yield* t.warn("bad usage");
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	const k = t.sys.kernel;
	const task = t.sys.task;
	if (action === "clear") {
		if (!syslogPermitted(k, task)) {
			yield* t.warn("clear kernel buffer failed: Operation not permitted");
			return 1;
		}
		syslogClear(k);
		return yield* t.finish(0);
	}
	if (!syslogPermitted(k, task)) {
		yield* t.warn("read kernel buffer failed: Operation not permitted");
		return 1;
	}
	const records = syslogRecords(k);
	let out = "";
	for (const r of records) out += `${notime ? "" : timestamp(r.timeNs)}${r.text}\n`;
	// -c: the records are read, then the buffer is cleared (klogctl(SYSLOG_ACTION_CLEAR),
	// allowed to whoever could read under dmesg_restrict).
	if (action === "read-clear") syslogClear(k);
	yield* t.print(out);
	return yield* t.finish(0);
}
