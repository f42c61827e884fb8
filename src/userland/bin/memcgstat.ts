/**
 * memcgstat -p PID [-c COUNT] [-i SECONDS] [--plot FILE.svg] [--json]
 * (long forms --pid, --count, --interval): the memory usage of a process's
 * memory cgroup, one line per interval and a summary at the end. The logic
 * and the output format are src/userland/lib/memcgstat*.ts, shared with
 * `cgkit memcgstat --host`; this program answers its requests with the
 * emulated system calls: files read through the VFS, time from the
 * emulated clock (sleeping advances it), each output line written at once,
 * the plot written as an SVG file. PNG plots need the host's renderer, so
 * here --plot takes .svg files only. SIGINT (^C) is caught: it ends the
 * sampling with the summary and the plot, as on the host.
 */

import { O_CREAT, O_TRUNC, O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { SIG_HANDLER, SIGINT } from "../../kernel/signal.ts";
import { getopt, type LongOpt } from "../lib/getopt.ts";
import {
	DEFAULT_INTERVAL_NS,
	type IoRequest,
	MEMCGSTAT_USAGE,
	type MemcgstatOptions,
	memcgstat,
	parseCountArg,
	parseIntervalArg,
	parsePidArg,
	plotFormatOf,
	type ReadResult,
} from "../lib/memcgstat.ts";
import { readFile } from "../lib/stdio.ts";
import { HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "pid", arg: "required", key: "p" },
	{ name: "count", arg: "required", key: "c" },
	{ name: "interval", arg: "required", key: "i" },
	{ name: "plot", arg: "required", key: "plot" },
	{ name: "json", arg: "none", key: "json" },
	...HELP_VERSION,
];

type Parsed =
	| { readonly kind: "run"; readonly opts: MemcgstatOptions }
	| { readonly kind: "help" | "version" }
	| { readonly kind: "error"; readonly message: string };

/** The options, --help or --version, or the message of the first bad option. */
function options(args: readonly string[], name: string): Parsed {
	const bad = (message: string): Parsed => ({ kind: "error", message });
	const parsed = getopt(name, args, "p:c:i:", LONGOPTS);
	if (!parsed.ok) return bad(parsed.message.replace(/^[^:]*: /, ""));
	let pid: number | null = null;
	let count: number | null = null;
	let intervalNs = DEFAULT_INTERVAL_NS;
	let plot: MemcgstatOptions["plot"] = null;
	let json = false;
	for (const o of parsed.opts) {
		const arg = o.arg ?? "";
		switch (o.key) {
			case "--help":
				return { kind: "help" };
			case "--version":
				return { kind: "version" };
			case "p":
				pid = parsePidArg(arg);
				if (pid === null) return bad(`invalid process id '${arg}'`);
				break;
			case "c":
				count = parseCountArg(arg);
				if (count === null) return bad(`invalid count '${arg}'`);
				break;
			case "i": {
				const ns = parseIntervalArg(arg);
				if (ns === null) return bad(`invalid interval '${arg}'`);
				intervalNs = ns;
				break;
			}
			case "plot": {
				const format = plotFormatOf(arg);
				if (format === null) return bad(`--plot: '${arg}' must end in .svg`);
				if (format === "png") {
					return bad(
						`--plot: '${arg}': PNG is rendered by the host side only (cgkit memcgstat --host); use an .svg file`,
					);
				}
				plot = { path: arg, format };
				break;
			}
			case "json":
				json = true;
				break;
		}
	}
	if (parsed.operands.length > 0) return bad(`unexpected argument '${parsed.operands[0]}'`);
	if (pid === null) return bad("missing -p PID");
	return { kind: "run", opts: { pid, count, intervalNs, plot, json } };
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx, "memcgstat");
	const sys = tool.sys;
	const parsed = options(tool.args, tool.name);
	switch (parsed.kind) {
		case "help":
			yield* tool.print(`Usage: ${MEMCGSTAT_USAGE}\n`);
			return yield* tool.finish(0);
		case "version":
			yield* tool.print("memcgstat (cgkit)\n");
			return yield* tool.finish(0);
		case "error":
			yield* tool.warn(parsed.message);
			yield* tool.errText(`Usage: ${MEMCGSTAT_USAGE}\n`);
			return 1;
	}
	const opts = parsed.opts;

	const clock = sys.kernel.clock;
	sys.kernel.sigaction(sys.task, SIGINT, SIG_HANDLER);
	const run = memcgstat(opts);
	for (let step = run.next(); ; step = run.next()) {
		if (step.done) return yield* tool.finish(step.value);
		yield* answer(tool, step.value);
		if (tool.out.error !== null) return yield* tool.finish(1);
	}

	function* answer(t: Tool, req: IoRequest): Run<void> {
		switch (req.op) {
			case "read":
				req.result = yield* readResult(req.path);
				return;
			case "now":
				req.result = clock.now();
				return;
			case "sleep":
				// TASK_INTERRUPTIBLE: a fatal signal ends the process inside sleepOn;
				// the caught SIGINT cuts the sleep short and ends the run.
				req.result = true;
				while (clock.now() < req.untilNs) {
					if (!(yield* sys.sleepOn(null, req.untilNs, true))) {
						sys.kernel.dequeueSignal(sys.task);
						req.result = false;
						return;
					}
				}
				return;
			case "write":
				if (req.fd === 1) {
					yield* t.out.put(req.text);
					yield* t.out.flush();
				} else {
					yield* t.err.put(req.text);
				}
				return;
			case "plot":
				req.result = yield* writeFile(req.path, req.svg);
				return;
		}
	}

	function* readResult(path: string): Run<ReadResult> {
		try {
			return { ok: true, text: yield* readFile(sys, path) };
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			return { ok: false, errno: e.code, message: e.strerror };
		}
	}

	/** open(O_WRONLY|O_CREAT|O_TRUNC, 0666) and write; the strerror text on failure. */
	function* writeFile(path: string, data: string): Run<string | null> {
		let fd: number;
		try {
			fd = sys.vfs.open(sys.task, path, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
		} catch (e) {
			if (e instanceof KernelError) return e.strerror;
			throw e;
		}
		try {
			yield* sys.write(fd, data);
			return null;
		} catch (e) {
			if (e instanceof KernelError) return e.strerror;
			throw e;
		} finally {
			sys.vfs.close(sys.task, fd);
		}
	}
}
