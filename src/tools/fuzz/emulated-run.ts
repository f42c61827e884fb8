/**
 * Running a reproducer on the emulated host the way `cgkit diff` runs a
 * script on a real one (src/tools/conformance/emulated.ts), on a host in
 * the hybrid layout and with the fuzz world's prefix.
 */
import { binaryToUtf8 } from "../../kernel/bytes.ts";
import { HYBRID_FACTS, runEmulated } from "../conformance/emulated.ts";
import { PREFIX } from "./world.ts";

export interface ScriptRun {
	readonly status: number;
	/** stdout and stderr (one pipe). */
	readonly output: string;
}

export async function runScriptEmulated(script: string): Promise<ScriptRun> {
	const run = await runEmulated(script, HYBRID_FACTS, PREFIX);
	return { status: run.status, output: binaryToUtf8(run.output) };
}
