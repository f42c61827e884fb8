/**
 * mknod (GNU coreutils 9.1): mknod [-m MODE] NAME TYPE [MAJOR MINOR]
 *
 * TYPE is read by its first letter: b (block), c or u (character) need
 * MAJOR and MINOR, p (FIFO) takes none. MAJOR and MINOR are unsigned
 * numbers as strtoumax() reads them (0x hex, 0 octal) that fit in 32 bits;
 * the node gets the 32-bit device number the mknod(2) system call takes.
 * Without -m the mode is a=rw less the umask; with -m it is exact (set
 * again with chmod after the node is made) and may only have permission
 * bits. -Z/--context are accepted; the kernel has no SELinux, so a given
 * context is ignored with a warning.
 */

import { makedev, S_IFBLK, S_IFCHR, S_IFIFO } from "../../fs/constants.ts";
import { parseCInt } from "../lib/cint.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { adjustMode, compileMode } from "../lib/mode.ts";
import { quoteAlways, quoteIfNeeded } from "../lib/quote.ts";
import { attempt, COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "mode", arg: "required", key: "m" },
	{ name: "context", arg: "optional", key: "Z" },
	...HELP_VERSION,
];

const MODE_RW_UGO = 0o666;
const S_IRWXUGO = 0o777;
const U32_MAX = 0xffffffffn;

/** The node type of TYPE's first letter. */
const NODE_TYPES: Readonly<Record<string, number>> = {
	b: S_IFBLK,
	c: S_IFCHR,
	u: S_IFCHR,
	p: S_IFIFO,
};

/** xstrtoumax(s, NULL, 0, &n, ""): the whole string, no sign, no overflow; null when invalid. */
function deviceNumber(s: string): bigint | null {
	if (/^[ \t\n\v\f\r]*-/.test(s)) return null;
	const r = parseCInt(s, false, 0);
	if (r.end === 0 || r.end !== s.length || r.range || r.value > U32_MAX) return null;
	return r.value;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const parsed = getopt(t.name, t.args, "m:Z", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	let modeText: string | null = null;
	for (const o of parsed.opts) {
		const done = yield* t.standardOption(o.key, "[OPTION]... NAME TYPE [MAJOR MINOR]", COREUTILS);
		if (done !== null) return done;
		if (o.key === "m") modeText = o.arg;
		else if (o.key === "Z" && o.arg !== null) {
			yield* t.warn("warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel");
		}
	}
	const { vfs, task } = t.sys;

	let mode = MODE_RW_UGO;
	if (modeText !== null) {
		const change = compileMode(modeText);
		if (change === null) {
			yield* t.warn("invalid mode");
			return 1;
		}
		const umask = vfs.umask(task, 0);
		vfs.umask(task, umask);
		mode = adjustMode(MODE_RW_UGO, false, umask, change).mode;
		if (mode & ~S_IRWXUGO) {
			yield* t.warn("mode must specify only file permission bits");
			return 1;
		}
	}

	// Two operands for a FIFO (or when there are too few to tell), else four.
	const ops = parsed.operands;
	const expected = ops.length === 0 || (ops.length > 1 && ops[1]!.startsWith("p")) ? 2 : 4;
	if (ops.length < expected) {
		yield* t.warn(
			ops.length === 0 ? "missing operand" : `missing operand after ${quoteAlways(ops.at(-1)!)}`,
		);
		if (expected === 4 && ops.length === 2) {
			yield* t.errText("Special files require major and minor device numbers.\n");
		}
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	if (ops.length > expected) {
		yield* t.warn(`extra operand ${quoteAlways(ops[expected]!)}`);
		if (expected === 2 && ops.length === 4) {
			yield* t.errText("Fifos do not have major and minor device numbers.\n");
		}
		yield* t.errText(tryHelp(t.name));
		return 1;
	}

	const name = ops[0]!;
	const typeText = ops[1]!;
	const type = NODE_TYPES[typeText[0] ?? ""];
	if (type === undefined) {
		yield* t.warn(`invalid device type ${quoteAlways(typeText)}`);
		yield* t.errText(tryHelp(t.name));
		return 1;
	}
	let rdev = 0;
	if (type !== S_IFIFO) {
		const [majorText, minorText] = [ops[2]!, ops[3]!];
		const maj = deviceNumber(majorText);
		if (maj === null) {
			yield* t.warn(`invalid major device number ${quoteAlways(majorText)}`);
			return 1;
		}
		const min = deviceNumber(minorText);
		if (min === null) {
			yield* t.warn(`invalid minor device number ${quoteAlways(minorText)}`);
			return 1;
		}
		// glibc's makedev() of both all-ones numbers is NODEV.
		if (maj === U32_MAX && min === U32_MAX) {
			yield* t.warn(`invalid device ${majorText} ${minorText}`);
			return 1;
		}
		// The system call takes the low 32 bits of glibc's 64-bit dev_t.
		rdev = makedev(Number(maj & 0xfffn), Number(min & 0xfffffn)) >>> 0;
	}

	const made = attempt(() => vfs.mknod(task, name, type | mode, rdev));
	if (made instanceof Error) {
		yield* t.warn(`${quoteIfNeeded(name, true)}: ${made.strerror}`);
		return 1;
	}
	if (modeText !== null) {
		const set = attempt(() => vfs.chmod(task, name, mode));
		if (set instanceof Error) {
			yield* t.warn(`cannot set permissions of ${quoteAlways(name)}: ${set.strerror}`);
			return 1;
		}
	}
	return yield* t.finish(0);
}
