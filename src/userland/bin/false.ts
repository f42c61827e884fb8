/** false: do nothing, unsuccessfully (any arguments are ignored). */
import type { ProgramContext, Run } from "../proc/types.ts";

// biome-ignore lint/correctness/useYield: a program is a generator even when it never blocks
export function* main(_ctx: ProgramContext): Run<number> {
	return 1;
}
