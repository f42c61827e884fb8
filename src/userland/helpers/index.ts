/**
 * The helper programs of the differential runs, installed in
 * $CGKIT_HELPERS on an emulated host (src/host/helpers.ts compiles their C
 * originals on the real one).
 */
import type { ProgramMain } from "../proc/types.ts";
import { main as ptraceSteps } from "./ptrace-steps.ts";
import { main as threads } from "./threads.ts";

export const HELPER_PROGRAMS: readonly { readonly name: string; readonly main: ProgramMain }[] = [
	{ name: "threads", main: threads },
	{ name: "ptrace-steps", main: ptraceSteps },
];
