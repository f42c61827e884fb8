/**
 * `cgkit memcgstat --host -p PID [-c COUNT] [-i SECONDS] [--plot FILE.svg|FILE.png] [--json]`:
 * memcgstat against this machine's memory cgroups (src/tools/memcgstat.ts).
 * On an emulated host memcgstat is a program of `cgkit sh`; without --host
 * this command says so. SIGINT ends the sampling with the summary (and the
 * plot). Exit status: memcgstat's (0, or 1 with a message).
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { type HostIo, memcgstatHost, PROCESS_IO } from "../tools/memcgstat.ts";
import {
	DEFAULT_INTERVAL_NS,
	MEMCGSTAT_USAGE,
	parseCountArg,
	parseIntervalArg,
	parsePidArg,
	plotFormatOf,
} from "../userland/lib/memcgstat.ts";

interface MemcgstatFlags {
	host?: boolean;
	pid?: number;
	count?: number;
	interval: number;
	plot?: string;
	json?: boolean;
}

function checked(parse: (s: string) => number | null, what: string) {
	return (value: string): number => {
		const n = parse(value);
		if (n === null) throw new InvalidArgumentError(`must be ${what}`);
		return n;
	};
}

function plotFile(value: string): string {
	if (plotFormatOf(value) === null) throw new InvalidArgumentError("must end in .svg or .png");
	return value;
}

export function registerMemcgstat(program: Command, io: HostIo = PROCESS_IO): void {
	program
		.command("memcgstat")
		.description(
			"show the memory usage of a process's memory cgroup over time, one line per interval and a summary when it is gone; on this machine with --host (inside `cgkit sh`, memcgstat is a program of the emulated host)",
		)
		.option("--host", "watch a process of this machine (reads its cgroupfs; never writes)")
		.option("-p, --pid <pid>", "the process to watch", checked(parsePidArg, "a process id"))
		.option(
			"-c, --count <n>",
			"stop after N samples (default: when the process is gone)",
			checked(parseCountArg, "a positive integer"),
		)
		.addOption(
			new Option("-i, --interval <seconds>", "seconds between samples")
				.argParser(checked(parseIntervalArg, "a positive number of seconds"))
				.default(DEFAULT_INTERVAL_NS, "1"),
		)
		.option("--plot <file>", "at the end, plot usage over time to FILE.svg or FILE.png", plotFile)
		.option("--json", "JSON Lines: one object per sample, then the summary")
		.action(async (flags: MemcgstatFlags) => {
			if (flags.host !== true) {
				io.stderr(
					"cgkit memcgstat: memcgstat runs inside `cgkit sh` (as the memcgstat program of the emulated host) or against this machine with --host\n",
				);
				io.stderr(`usage: cgkit memcgstat --host ${MEMCGSTAT_USAGE.replace(/^memcgstat /, "")}\n`);
				process.exitCode = 1;
				return;
			}
			if (flags.pid === undefined) {
				io.stderr("cgkit memcgstat: missing -p PID\n");
				process.exitCode = 1;
				return;
			}
			if (process.platform !== "linux") {
				io.stderr(`cgkit memcgstat: --host needs Linux (this is ${process.platform})\n`);
				process.exitCode = 1;
				return;
			}
			const plotPath = flags.plot;
			const plotFormat = plotPath === undefined ? null : plotFormatOf(plotPath);
			const interrupt = new AbortController();
			const onSigint = () => interrupt.abort();
			process.on("SIGINT", onSigint);
			try {
				process.exitCode = await memcgstatHost(
					{
						pid: flags.pid,
						count: flags.count ?? null,
						intervalNs: flags.interval,
						plot:
							plotPath === undefined || plotFormat === null
								? null
								: { path: plotPath, format: plotFormat },
						json: flags.json === true,
					},
					{ ...io, signal: interrupt.signal },
				);
			} finally {
				process.off("SIGINT", onSigint);
			}
		});
}
