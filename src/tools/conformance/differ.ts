/**
 * `cgkit diff`: one script on the real kernel (in the sandbox of
 * src/host/sandbox.ts) and on a cgkit host booted to match it, both
 * observations normalised the same way, and a unified diff between them.
 */
import { createTwoFilesPatch } from "diff";
import { maxHierarchyId, readHostFacts } from "../../host/facts.ts";
import { uniquePrefix } from "../../host/safe-cgroup.ts";
import { PID_BASE, runOnHost } from "../../host/sandbox.ts";
import { runEmulated } from "./emulated.ts";
import { type NormaliseContext, observation } from "./normalise.ts";

export interface DiffResult {
	readonly kernel: string;
	readonly cgkit: string;
	/** A unified diff, "" when the observations are identical. */
	readonly patch: string;
}

/** A unified diff from the kernel's observation to cgkit's, or "" when equal. */
export function unifiedDiff(kernel: string, cgkit: string, label = "script"): string {
	if (kernel === cgkit) return "";
	return createTwoFilesPatch(`kernel/${label}`, `cgkit/${label}`, kernel, cgkit, "", "", {
		context: 3,
	});
}

export async function diffScript(
	script: string,
	label: string,
	opts: { timeoutMs?: number } = {},
): Promise<DiffResult> {
	const facts = readHostFacts();
	const prefix = uniquePrefix("diff");
	const ctx: NormaliseContext = {
		prefix,
		pidBase: PID_BASE,
		maxHierarchyId: maxHierarchyId(facts),
	};
	const timing = opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs };
	const real = await runOnHost(script, { prefix, ...timing });
	const emu = await runEmulated(script, facts, prefix, timing);
	const kernel = observation(real, ctx);
	const cgkit = observation(emu, ctx);
	return { kernel, cgkit, patch: unifiedDiff(kernel, cgkit, label) };
}
