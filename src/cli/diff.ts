/**
 * `cgkit diff SCRIPT.sh`: run a script on the real kernel and on cgkit and
 * print the unified diff of what each observed. Exit 0 when identical, 1 on
 * any difference, 2 when the real kernel cannot be used here.
 */
import * as fs from "node:fs";
import { basename } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { sandboxUnavailableReason } from "../host/sandbox.ts";
import { diffScript } from "../tools/conformance/differ.ts";

function milliseconds(value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
	return n;
}

export function registerDiffCommand(program: Command): void {
	program
		.command("diff")
		.description(
			"run a sh script on the real kernel (as root, sandboxed in private cgroups) and on a matching cgkit host; print the unified diff of the normalised outputs (exit 0 same, 1 different, 2 no real kernel)",
		)
		.argument("<script>", "the POSIX sh script")
		.option("--timeout <ms>", "how long each run may take", milliseconds, 30_000)
		.option("--show", "also print both normalised observations")
		.action(async (script: string, flags: { timeout: number; show?: boolean }) => {
			let text: string;
			try {
				text = fs.readFileSync(script, "utf8");
			} catch (e) {
				process.stderr.write(`cgkit diff: cannot read ${script}: ${(e as Error).message}\n`);
				process.exitCode = 2;
				return;
			}
			const why = sandboxUnavailableReason();
			if (why !== null) {
				process.stderr.write(`cgkit diff: cannot run on the real kernel: ${why}\n`);
				process.exitCode = 2;
				return;
			}
			const r = await diffScript(text, basename(script), { timeoutMs: flags.timeout });
			if (flags.show === true) {
				process.stdout.write(`==== kernel\n${r.kernel}==== cgkit\n${r.cgkit}`);
			}
			process.stdout.write(r.patch);
			process.exitCode = r.patch === "" ? 0 : 1;
		});
}
