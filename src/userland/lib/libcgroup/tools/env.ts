/**
 * How a libcgroup tool is run on either host: `main(os, argv)` does the
 * tool's work through `os` and returns its exit status (the C main()'s
 * return value; the caller keeps its low 8 bits), or, for cgexec, the
 * program to execvp() in its place once the cgroup change is done.
 */
import type { CgOs } from "../os.ts";

/** execvp(argv[0], argv) in place of the tool; when it fails the caller prints "exec failed:<strerror>" and exits 255. */
export interface ExecRequest {
	readonly exec: readonly string[];
}

export type ToolOutcome = number | ExecRequest;

export type ToolMain = (os: CgOs, argv: readonly string[]) => ToolOutcome;

/** EXIT_BADARGS of tools-common.h. */
export const EXIT_BADARGS = 129;
