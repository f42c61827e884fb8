/**
 * `cgkit <tool> ARGS...` for libcgroup's tools (cgcreate, cgget, ...):
 * the tool against this machine's cgroups (src/tools/libcgroup-host.ts),
 * its options parsed by the tool itself as libcgroup parses them, so
 * `cgkit cgget -h` is cgget's own help. Inside `cgkit sh` the same tools
 * are programs of the emulated host. `cgkit cgrulesengd` is the rules
 * daemon on this machine (src/tools/cgrulesengd-host.ts).
 */
import { spawn } from "node:child_process";
import type { Command } from "commander";
import {
	type DaemonSignal,
	prepareHostCgrulesengd,
	startHostCgrulesengd,
} from "../tools/cgrulesengd-host.ts";
import { PROCESS_TOOL_IO, runHostTool } from "../tools/libcgroup-host.ts";
import { main as cgclassify } from "../userland/lib/libcgroup/tools/cgclassify.ts";
import { main as cgconfigparser } from "../userland/lib/libcgroup/tools/cgconfigparser.ts";
import { main as cgcreate } from "../userland/lib/libcgroup/tools/cgcreate.ts";
import { main as cgdelete } from "../userland/lib/libcgroup/tools/cgdelete.ts";
import { main as cgexec } from "../userland/lib/libcgroup/tools/cgexec.ts";
import { main as cgget } from "../userland/lib/libcgroup/tools/cgget.ts";
import { main as cgset } from "../userland/lib/libcgroup/tools/cgset.ts";
import { main as cgsnapshot } from "../userland/lib/libcgroup/tools/cgsnapshot.ts";
import type { ToolMain } from "../userland/lib/libcgroup/tools/env.ts";
import { main as lscgroup } from "../userland/lib/libcgroup/tools/lscgroup.ts";
import { main as lssubsys } from "../userland/lib/libcgroup/tools/lssubsys.ts";

/** The tools `cgkit` runs on this machine, and what each does (for `cgkit --help`). */
export const LIBCGROUP_TOOLS: readonly {
	readonly name: string;
	readonly summary: string;
	readonly main: ToolMain;
}[] = [
	{ name: "cgcreate", summary: "create cgroups", main: cgcreate },
	{ name: "cgdelete", summary: "remove cgroups", main: cgdelete },
	{ name: "cgexec", summary: "run a command in given cgroups", main: cgexec },
	{ name: "cgclassify", summary: "move running processes to given cgroups", main: cgclassify },
	{ name: "cgget", summary: "print parameters of cgroups", main: cgget },
	{ name: "cgset", summary: "set parameters of cgroups", main: cgset },
	{ name: "lscgroup", summary: "list cgroups", main: lscgroup },
	{ name: "lssubsys", summary: "list hierarchies and their controllers", main: lssubsys },
	{ name: "cgsnapshot", summary: "print the current cgroups as cgconfig.conf", main: cgsnapshot },
	{ name: "cgconfigparser", summary: "set up cgroups from cgconfig.conf", main: cgconfigparser },
];

export function registerLibcgroupTools(program: Command): void {
	for (const tool of LIBCGROUP_TOOLS) {
		program
			.command(tool.name)
			.description(
				`libcgroup 3.1.0's ${tool.name} on this machine: ${tool.summary} (its own options; ${tool.name} -h)`,
			)
			.helpOption(false)
			.allowUnknownOption()
			.allowExcessArguments()
			.argument("[args...]", `arguments of ${tool.name}`)
			.passThroughOptions()
			.action(async (args: string[]) => {
				if (process.platform !== "linux") {
					process.stderr.write(`cgkit ${tool.name}: needs Linux (this is ${process.platform})\n`);
					process.exitCode = 1;
					return;
				}
				process.exitCode = await runHostTool(
					tool.main,
					[tool.name, ...args],
					PROCESS_TOOL_IO,
					tool.name === "cgexec",
				);
			});
	}
}

/** Set in the environment of the process daemon mode starts. */
const DAEMON_CHILD_ENV = "CGKIT_CGRULESENGD_CHILD";

/**
 * `cgkit cgrulesengd [options]`. Without -n, as cgre_start_daemon(): the
 * parent initializes (and exits with its error if that fails), starts the
 * daemon in a new session with / as its directory, stdin and stderr
 * closed and stdout kept only for a log to stdout (-f -), and exits 0.
 */
export function registerCgrulesengd(program: Command): void {
	program
		.command("cgrulesengd")
		.description(
			"libcgroup 3.1.0's cgrulesengd on this machine: move processes as /etc/cgrules.conf says (its own options; cgrulesengd -h)",
		)
		.helpOption(false)
		.allowUnknownOption()
		.allowExcessArguments()
		.argument("[args...]", "arguments of cgrulesengd")
		.passThroughOptions()
		.action(async (args: string[]) => {
			if (process.platform !== "linux") {
				process.stderr.write(`cgkit cgrulesengd: needs Linux (this is ${process.platform})\n`);
				process.exitCode = 1;
				return;
			}
			const argv = ["cgrulesengd", ...args];
			const child = process.env[DAEMON_CHILD_ENV] === "1";
			if (!child) {
				const prepared = prepareHostCgrulesengd(argv, PROCESS_TOOL_IO);
				if ("status" in prepared) {
					process.exitCode = prepared.status;
					return;
				}
				if (prepared.options.daemon) {
					const script = process.argv[1];
					const d = spawn(
						process.execPath,
						[...process.execArgv, ...(script ? [script] : []), "cgrulesengd", ...args],
						{
							detached: true,
							cwd: "/",
							env: { ...process.env, [DAEMON_CHILD_ENV]: "1" },
							stdio: ["ignore", prepared.options.logp === "-" ? "inherit" : "ignore", "ignore"],
						},
					);
					d.on("error", (e) => {
						process.stderr.write(`Failed to fork(), ${e.message}\n`);
						process.exitCode = 1;
					});
					d.unref();
					return;
				}
			}
			const daemon = startHostCgrulesengd(argv, { ...PROCESS_TOOL_IO, daemonChild: child });
			const signals: DaemonSignal[] = ["SIGUSR1", "SIGUSR2", "SIGINT", "SIGTERM"];
			for (const sig of signals) process.on(sig, () => daemon.signal(sig));
			const status = await daemon.exited;
			process.exit(status);
		});
}
