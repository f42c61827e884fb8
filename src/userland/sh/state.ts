/**
 * A shell's memory: variables, positional parameters, functions, options,
 * traps and jobs. A subshell (fork) gets a copy; the copy is made lazily
 * where it is cheap to share (functions are immutable trees).
 */
import type { Command } from "./ast.ts";

export interface Var {
	value: string | null;
	exported: boolean;
	readonly: boolean;
}

/** Single-letter options of `set` in the order dash lists them in $- (its option table, last first). */
export const OPTION_LETTERS = "pubaCEVvxsnmiIfe";

export interface Job {
	/** Process ids of the job's processes (a pipeline has several); the last is the job's status. */
	readonly pids: number[];
	/** Wait status per pid once reaped, else -1. */
	readonly statuses: number[];
	readonly command: string;
	readonly background: boolean;
	/** Stopped (WUNTRACED). */
	stopped: boolean;
}

/** What `trap` set for a signal (or EXIT = 0). */
export type TrapAction =
	| { readonly kind: "ignore" }
	| { readonly kind: "command"; readonly text: string };

export class ShellState {
	vars: Map<string, Var>;
	/** $1... */
	positional: string[];
	/** $0 */
	arg0: string;
	functions: Map<string, Command>;
	/** set -e, -x, ... by letter. */
	options: Set<string>;
	traps: Map<number, TrapAction>;
	/** Signals that were ignored when the shell started (cannot be trapped in a non-interactive shell). */
	ignoredAtEntry: Set<number>;
	lastStatus = 0;
	/** $! (0 when none). */
	lastBgPid = 0;
	/** $$: the pid of the top-level shell, the same in subshells. */
	rootPid: number;
	jobs: Job[] = [];
	/** Inside a function: its local variables' saved values, innermost last. */
	localFrames: Map<string, Var | undefined>[] = [];
	/** Depth of function calls (for return) and loops (for break/continue). */
	funcDepth = 0;
	loopDepth = 0;
	/** A subshell of the top-level shell. */
	subshell = false;
	interactive = false;

	constructor(arg0: string, rootPid: number) {
		this.vars = new Map();
		this.positional = [];
		this.arg0 = arg0;
		this.functions = new Map();
		this.options = new Set();
		this.traps = new Map();
		this.ignoredAtEntry = new Set();
		this.rootPid = rootPid;
	}

	/** The copy a forked subshell works on. */
	fork(): ShellState {
		const s = new ShellState(this.arg0, this.rootPid);
		s.vars = new Map();
		for (const [k, v] of this.vars) s.vars.set(k, { ...v });
		s.positional = [...this.positional];
		s.functions = new Map(this.functions);
		s.options = new Set(this.options);
		s.options.delete("i");
		s.traps = new Map(this.traps);
		s.ignoredAtEntry = this.ignoredAtEntry;
		s.lastStatus = this.lastStatus;
		s.lastBgPid = this.lastBgPid;
		s.jobs = [];
		s.localFrames = this.localFrames.map((f) => new Map(f));
		s.funcDepth = this.funcDepth;
		s.loopDepth = this.loopDepth;
		s.subshell = true;
		s.interactive = false;
		return s;
	}

	get(name: string): string | null {
		return this.vars.get(name)?.value ?? null;
	}

	/** Set a variable; false when it is readonly. */
	set(name: string, value: string): boolean {
		const v = this.vars.get(name);
		if (v === undefined) {
			this.vars.set(name, {
				value,
				exported: this.options.has("a"),
				readonly: false,
			});
			return true;
		}
		if (v.readonly) return false;
		v.value = value;
		if (this.options.has("a")) v.exported = true;
		return true;
	}

	/** "NAME=value" for every exported variable with a value, sorted as dash passes them. */
	environ(overrides?: ReadonlyMap<string, string>): string[] {
		const out = new Map<string, string>();
		for (const [k, v] of this.vars) if (v.exported && v.value !== null) out.set(k, v.value);
		if (overrides !== undefined) for (const [k, v] of overrides) out.set(k, v);
		return [...out].map(([k, v]) => `${k}=${v}`);
	}

	/** $- */
	get flags(): string {
		let out = "";
		for (const c of OPTION_LETTERS) if (this.options.has(c)) out += c;
		return out;
	}
}

export function isName(s: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}
