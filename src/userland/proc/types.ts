/**
 * How an emulated program runs: as a generator on the userland scheduler.
 * A program yields only when its process cannot go on (it waits, execs,
 * exits or was killed); everything between two yields is one uninterrupted
 * stretch on the CPU. Nested calls delegate with `yield*`, so a wait deep in
 * a call chain parks the whole process, as a blocking syscall does.
 */
import type { WaitQueue } from "../../kernel/wait.ts";
import type { Sys } from "./sys.ts";

/** The process sleeps until `queue` is woken, `untilNs` passes, or (interruptible) a signal arrives. */
export interface WaitYield {
	readonly kind: "wait";
	readonly queue: WaitQueue | null;
	/** Absolute emulated time to wake at, or -1 for none. */
	readonly untilNs: number;
	/** TASK_INTERRUPTIBLE (a signal wakes it) rather than TASK_UNINTERRUPTIBLE. */
	readonly interruptible: boolean;
}

/** execve() succeeded: the process continues as `run`; the old image is dropped unfinished. */
export interface ExecYield {
	readonly kind: "exec";
	readonly run: Run<number>;
}

/** The process has exited (or was killed): drop it without running anything more. */
export interface GoneYield {
	readonly kind: "gone";
}

/** A CPU-bound stretch ends: let others run, and let emulated time pass. */
export interface PreemptYield {
	readonly kind: "preempt";
}

export type Yield = WaitYield | ExecYield | GoneYield | PreemptYield;

/** A running computation of a process that may block; returns T. */
export type Run<T> = Generator<Yield, T, void>;

/** What a program gets at exec time (main(argc, argv, envp)). */
export interface ProgramContext {
	readonly sys: Sys;
	readonly argv: readonly string[];
	/** "NAME=value" strings, as execve passes them. */
	readonly envp: readonly string[];
}

/** A program: returns its exit status (0-255). */
export type ProgramMain = (ctx: ProgramContext) => Run<number>;

export const GONE: GoneYield = Object.freeze({ kind: "gone" });
export const PREEMPT: PreemptYield = Object.freeze({ kind: "preempt" });
