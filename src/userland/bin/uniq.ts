/**
 * uniq [-cdDiuz] [-f N] [-s N] [-w N] [INPUT [OUTPUT]] (GNU coreutils):
 * one line of each run of adjacent equal lines; -c counts them, -d keeps
 * only repeated runs, -u only unrepeated ones, -D every line of repeated
 * runs. Comparison skips -f fields and -s bytes and looks at -w bytes.
 */
import { O_CREAT, O_TRUNC, O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText, Output } from "../lib/stdio.ts";
import {
	closeInput,
	countToNumber,
	openInput,
	PREEMPT_EVERY,
	parseCount,
	quoteLocale,
} from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "count", arg: "none", key: "c" },
	{ name: "repeated", arg: "none", key: "d" },
	{ name: "all-repeated", arg: "optional", key: "D" },
	{ name: "group", arg: "optional", key: "--group" },
	{ name: "ignore-case", arg: "none", key: "i" },
	{ name: "skip-fields", arg: "required", key: "f" },
	{ name: "skip-chars", arg: "required", key: "s" },
	{ name: "check-chars", arg: "required", key: "w" },
	{ name: "unique", arg: "none", key: "u" },
	{ name: "zero-terminated", arg: "none", key: "z" },
	...HELP_VERSION,
];

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "cdDf:is:uw:z", LONGOPTS);
	const usage = function* (msg: string): Run<number> {
		yield* tool.errText(`${msg}\n${tryHelp(tool.name)}`);
		return 1;
	};
	if (!parsed.ok) return yield* usage(parsed.message);
	let count = false;
	let repeated = false;
	let uniqueOnly = false;
	let allRepeated: "none" | "prepend" | "separate" | null = null;
	let ignoreCase = false;
	let skipFields = 0;
	let skipChars = 0;
	let checkChars = Number.POSITIVE_INFINITY;
	let eol = "\n";
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [INPUT [OUTPUT]]", COREUTILS);
		if (done !== null) return done;
		switch (o.key) {
			case "c":
				count = true;
				break;
			case "d":
				repeated = true;
				break;
			case "u":
				uniqueOnly = true;
				break;
			case "i":
				ignoreCase = true;
				break;
			case "z":
				eol = "\0";
				break;
			case "D": {
				const a = o.arg ?? "none";
				const method = ["none", "prepend", "separate"].find((m) => m.startsWith(a) && a !== "");
				if (method === undefined) {
					yield* tool.warn(`invalid argument ${quoteLocale(a)} for '--all-repeated'`);
					yield* tool.errText(
						"Valid arguments are:\n  - 'none'\n  - 'prepend'\n  - 'separate'\n" +
							tryHelp(tool.name),
					);
					return 1;
				}
				allRepeated = method as "none" | "prepend" | "separate";
				break;
			}
			case "f":
			case "s":
			case "w": {
				const r = parseCount(o.arg!, false);
				if (!r.ok) {
					const what =
						o.key === "f"
							? "number of fields to skip"
							: o.key === "s"
								? "number of bytes to skip"
								: "number of bytes to compare";
					yield* tool.warn(`${o.arg}: invalid ${what}`);
					return 1;
				}
				const n = countToNumber(r.value);
				if (o.key === "f") skipFields = n;
				else if (o.key === "s") skipChars = n;
				else checkChars = n;
				break;
			}
			case "--group":
				yield* tool.warn("--group is not supported");
				return 1;
		}
	}
	if (allRepeated !== null && count) {
		return yield* usage(
			`${tool.name}: printing all duplicated lines and repeat counts is meaningless`,
		);
	}
	const ops = parsed.operands;
	if (ops.length > 2) return yield* usage(`${tool.name}: extra operand ${quoteLocale(ops[2]!)}`);
	const sys = tool.sys;
	const opened = openInput(sys, ops[0] ?? "-");
	if (opened instanceof KernelError) {
		yield* tool.warn(`${ops[0]}: ${opened.strerror}`);
		return 1;
	}
	let out = tool.out;
	let outFd = -1;
	if (ops[1] !== undefined && ops[1] !== "-") {
		try {
			outFd = sys.vfs.open(sys.task, ops[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666);
		} catch (e) {
			closeInput(sys, opened);
			yield* tool.warn(`${ops[1]}: ${errText(e)}`);
			return 1;
		}
		out = new Output(sys, outFd);
	}
	const keyOf = (line: string): string => {
		let p = 0;
		for (let f = 0; f < skipFields && p < line.length; f++) {
			while (p < line.length && isBlank(line[p])) p++;
			while (p < line.length && !isBlank(line[p])) p++;
		}
		p = Math.min(line.length, p + skipChars);
		let k = checkChars === Number.POSITIVE_INFINITY ? line.slice(p) : line.slice(p, p + checkChars);
		if (ignoreCase) k = k.replace(/[a-z]+/g, (m) => m.toUpperCase());
		return k;
	};
	// -d drops unique lines, -u repeated ones (with -D: each group's last
	// line), -D prints every line of a repeated group.
	const outputUnique = !repeated && allRepeated === null;
	const outputFirst = !uniqueOnly;
	const outputLater = allRepeated !== null;
	const showGroup = function* (lines: string[], firstGroup: boolean): Run<boolean> {
		const n = lines.length;
		if (n === 1) {
			if (!outputUnique) return false;
			yield* out.put(count ? `${"1".padStart(7, " ")} ${lines[0]}${eol}` : lines[0] + eol);
			return true;
		}
		// -D -u prints a repeated group without its last line.
		const shown = outputLater
			? outputFirst
				? lines
				: lines.slice(0, -1)
			: outputFirst
				? lines.slice(0, 1)
				: [];
		if (shown.length === 0) return false;
		if (allRepeated === "prepend" || (allRepeated === "separate" && !firstGroup))
			yield* out.put(eol);
		if (count) yield* out.put(`${String(n).padStart(7, " ")} ${shown[0]}${eol}`);
		else for (const l of shown) yield* out.put(l + eol);
		return true;
	};
	let status = 0;
	let group: string[] = [];
	let groupKey = "";
	let printedGroups = 0;
	let n = 0;
	const flushGroup = function* (): Run<void> {
		if (group.length === 0) return;
		if ((yield* showGroup(group, printedGroups === 0)) && group.length > 1) printedGroups++;
	};
	try {
		for (;;) {
			const raw = yield* opened.input.line(eol);
			if (raw === null) break;
			const line = raw.endsWith(eol) ? raw.slice(0, -1) : raw;
			const key = keyOf(line);
			if (group.length > 0 && key === groupKey) {
				// Without -D only the first line and the count matter.
				group.push(allRepeated !== null ? line : "");
			} else {
				yield* flushGroup();
				group = [line];
				groupKey = key;
			}
			if (out.error !== null) break;
			if (++n % PREEMPT_EVERY === 0) yield* sys.preempt();
		}
		yield* flushGroup();
	} catch (e) {
		// GNU names the file without the reason here.
		errText(e);
		yield* tool.warn(`error reading ${quoteLocale(ops[0] ?? "-")}`);
		status = 1;
	} finally {
		closeInput(sys, opened);
	}
	if (outFd >= 0) {
		const ok = yield* out.flush();
		sys.vfs.close(sys.task, outFd);
		if (!ok) {
			yield* tool.warn(`write error: ${out.error?.strerror ?? ""}`);
			return 1;
		}
		return status;
	}
	return yield* tool.finish(status);
}
