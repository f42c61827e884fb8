/**
 * tee [-ai] [-p] [FILE]... (GNU coreutils): copy standard input to
 * standard output and to each FILE as it arrives; -a appends. A file
 * that fails is reported and dropped; the others go on.
 */

import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { errText, Input } from "../lib/stdio.ts";
import { quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "append", arg: "none", key: "a" },
	{ name: "ignore-interrupts", arg: "none", key: "i" },
	{ name: "output-error", arg: "optional", key: "--output-error" },
	...HELP_VERSION,
];

interface Sink {
	readonly fd: number;
	readonly name: string;
	open: boolean;
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	const parsed = getopt(tool.name, tool.args, "aip", LONGOPTS);
	if (!parsed.ok) {
		yield* tool.errText(`${parsed.message}\n${tryHelp(tool.name)}`);
		return 1;
	}
	let append = false;
	for (const o of parsed.opts) {
		const done = yield* tool.standardOption(o.key, "[OPTION]... [FILE]...", COREUTILS);
		if (done !== null) return done;
		if (o.key === "a") append = true;
	}
	const sys = tool.sys;
	let status = 0;
	const sinks: Sink[] = [{ fd: 1, name: quoteLocale("standard output"), open: true }];
	for (const name of parsed.operands) {
		try {
			const flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
			sinks.push({ fd: sys.vfs.open(sys.task, name, flags, 0o666), name, open: true });
		} catch (e) {
			yield* tool.warn(`${name}: ${errText(e)}`);
			status = 1;
		}
	}
	const input = new Input(sys, 0);
	let chunks = 0;
	for (;;) {
		let chunk: string | null;
		try {
			chunk = yield* input.chunk();
		} catch (e) {
			yield* tool.warn(`read error: ${errText(e)}`);
			status = 1;
			break;
		}
		if (chunk === null) break;
		if (++chunks % 16 === 0) yield* sys.preempt();
		let any = false;
		for (const s of sinks) {
			if (!s.open) continue;
			try {
				yield* sys.write(s.fd, chunk);
				any = true;
			} catch (e) {
				yield* tool.warn(`${s.name}: ${errText(e)}`);
				s.open = false;
				status = 1;
			}
		}
		if (!any) break;
	}
	for (const s of sinks) {
		if (s.fd === 1) continue;
		try {
			sys.vfs.close(sys.task, s.fd);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}
	return status;
}
