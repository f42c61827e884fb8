/**
 * What head and tail share: the walk over FILE operands with GNU's
 * "==> name <==" headers and messages.
 */
import { KernelError } from "../../kernel/errno.ts";
import type { Run } from "../proc/types.ts";
import { errText, type Input } from "./stdio.ts";
import { closeInput, openInput, quoteLocale } from "./textio.ts";
import type { Tool } from "./tool.ts";

/**
 * Copy each file with `copy`, headers when `showHeaders`; returns the exit
 * status. After a read error the walk stops when `stopAfterReadError`.
 */
export function* eachInputFile(
	tool: Tool,
	files: readonly string[],
	showHeaders: boolean,
	copy: (input: Input) => Run<void>,
	stopAfterReadError: boolean,
): Run<number> {
	const sys = tool.sys;
	let status = 0;
	let first = true;
	for (const name of files) {
		const opened = openInput(sys, name);
		const shown = name === "-" ? "standard input" : name;
		if (opened instanceof KernelError) {
			yield* tool.warn(`cannot open ${quoteLocale(name)} for reading: ${opened.strerror}`);
			status = 1;
			continue;
		}
		if (showHeaders) yield* tool.print(`${first ? "" : "\n"}==> ${shown} <==\n`);
		first = false;
		let failed = false;
		try {
			yield* copy(opened.input);
		} catch (e) {
			yield* tool.warn(`error reading ${quoteLocale(shown)}: ${errText(e)}`);
			status = 1;
			failed = true;
		} finally {
			closeInput(sys, opened);
		}
		if ((failed && stopAfterReadError) || tool.out.error !== null) break;
	}
	return status;
}
