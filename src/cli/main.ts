/**
 * The cgkit command line. Each subcommand boots or attaches to a host and
 * runs one tool.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { formatTree } from "../tools/tree.ts";
import { type BootOptions, boot, LAYOUTS, type Layout, parseSize } from "../userland/boot.ts";
import { registerDiffCommand } from "./diff.ts";
import { registerFuzz } from "./fuzz.ts";
import { registerCgrulesengd, registerLibcgroupTools } from "./libcgroup.ts";
import { registerMemcgstat } from "./memcgstat.ts";
import { runShellCli } from "./sh.ts";
import { runWebCli, type WebFlags } from "./web.ts";

function positiveInt(value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
	return n;
}

function size(value: string): number {
	try {
		return parseSize(value);
	} catch {
		throw new InvalidArgumentError("must be a size such as 4G or 512M");
	}
}

interface HostFlags {
	layout: Layout;
	cpus: number;
	nodes: number;
	memory: number;
	swap: number;
	seed: number;
	memcgMoveCharge?: boolean;
}

function addHostOptions(cmd: Command): Command {
	return cmd
		.addOption(
			new Option("--layout <layout>", "cgroup layout of the emulated host")
				.choices(LAYOUTS)
				.default("hybrid"),
		)
		.option("--cpus <n>", "number of CPUs", positiveInt, 2)
		.option("--nodes <n>", "number of NUMA nodes", positiveInt, 1)
		.option("--memory <size>", "RAM of the emulated host", size, 4 * 1024 ** 3)
		.option("--swap <size>", "swap of the emulated host", size, 0)
		.option("--seed <n>", "seed of every random choice", (v) => Number.parseInt(v, 10), 0)
		.option(
			"--memcg-move-charge",
			"memory.move_charge_at_immigrate moves charges, as on kernels before 6.13 (the reference 6.18 takes only 0)",
		);
}

function bootFrom(flags: HostFlags) {
	return boot(bootOptions(flags));
}

function bootOptions(flags: HostFlags): BootOptions {
	return {
		layout: flags.layout,
		cpus: flags.cpus,
		nodes: flags.nodes,
		memory: flags.memory,
		swap: flags.swap,
		seed: flags.seed,
		...(flags.memcgMoveCharge === true ? { memcgMoveCharge: true } : {}),
	};
}

function parseSpeed(v: string): number {
	if (v === "max") return Number.POSITIVE_INFINITY;
	const n = Number(v);
	if (v.trim() === "" || !Number.isFinite(n) || n <= 0) {
		throw new InvalidArgumentError("a positive number, or max");
	}
	return n;
}

export function buildProgram(out: (s: string) => void = (s) => process.stdout.write(s)): Command {
	const program = new Command()
		.name("cgkit")
		.description(
			"Linux control groups as a userspace kernel: an emulated host and tools.\nWithout a command: an interactive shell on a fresh emulated host.",
		)
		.enablePositionalOptions()
		.showHelpAfterError();
	addHostOptions(program).action(async (flags: HostFlags) => {
		process.exitCode = await runShellCli(bootOptions(flags), []);
	});
	addHostOptions(
		program
			.command("sh")
			.description(
				"run a shell (dash-compatible) on a freshly booted emulated host: sh [-c CMD | FILE] [ARGS]",
			)
			.argument("[args...]", "arguments of sh")
			.allowUnknownOption()
			.passThroughOptions(),
	).action(async (args: string[], flags: HostFlags) => {
		process.exitCode = await runShellCli(bootOptions(flags), args);
	});
	addHostOptions(
		program
			.command("tree")
			.description("boot an emulated host and print its cgroup hierarchies, tasks and css_sets"),
	).action((flags: HostFlags) => {
		out(formatTree(bootFrom(flags)));
	});
	addHostOptions(
		program
			.command("web")
			.description(
				"serve a live view of a freshly booted emulated host (hierarchies, css_sets, kernel events, charts) with a terminal, on 127.0.0.1",
			)
			.option("--port <n>", "the port (0: any free one)", (v) => Number.parseInt(v, 10), 8086)
			.option("--open", "open the page in the desktop's browser")
			.option("--script <file>", "type the lines of FILE into the page's terminal")
			.option(
				"--speed <x>",
				"emulated seconds per real second, or max: as fast as the host computes",
				parseSpeed,
				1,
			),
	).action(async (flags: HostFlags & WebFlags) => {
		process.exitCode = await runWebCli(bootOptions(flags), flags);
	});
	registerDiffCommand(program);
	registerFuzz(program, out);
	registerMemcgstat(program);
	registerLibcgroupTools(program);
	registerCgrulesengd(program);
	return program;
}

export async function main(argv: string[]): Promise<void> {
	await buildProgram().parseAsync(argv, { from: "user" });
}
