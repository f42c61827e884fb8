/**
 * A shell's memory: variables, positional parameters, functions, options,
 * traps and jobs. A subshell (fork) gets a copy; the copy is made lazily
 * where it is cheap to share (functions are immutable trees).
 */
import type { Command } from "./ast.ts";

/** A variable; immutable, so a forked shell can share the objects. */
export interface Var {
	readonly value: string | null;
	readonly exported: boolean;
	readonly readonly: boolean;
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
	private varMap: Map<string, Var>;
	/** environ() without overrides, until a variable changes. */
	private envCache: string[] | null = null;
	/** dash's command hash: command name to the path PATH search found. */
	hash: Map<string, string>;
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
	/**
	 * dash's curdir: the logical working directory cd and pwd use, set by
	 * cd (and at startup), not by assignments to PWD; null when unknown.
	 */
	curdir: string | null = null;

	constructor(arg0: string, rootPid: number) {
		this.varMap = new Map();
		this.hash = new Map();
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
		s.varMap = new Map(this.varMap);
		s.envCache = this.envCache;
		s.hash = new Map(this.hash);
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
		s.curdir = this.curdir;
		return s;
	}

	get vars(): ReadonlyMap<string, Var> {
		return this.varMap;
	}

	get(name: string): string | null {
		return this.varMap.get(name)?.value ?? null;
	}

	/** Replace (or with undefined remove) a variable as a whole. */
	putVar(name: string, v: Var | undefined): void {
		if (v === undefined) this.varMap.delete(name);
		else this.varMap.set(name, v);
		this.envCache = null;
		if (name === "PATH") this.hash.clear();
	}

	/** Set a variable; false when it is readonly. */
	set(name: string, value: string): boolean {
		const v = this.varMap.get(name);
		if (v?.readonly) return false;
		const exported = (v?.exported ?? false) || this.options.has("a");
		this.putVar(name, { value, exported, readonly: false });
		return true;
	}

	/** export / readonly: mark a variable (creating it unset when needed). */
	mark(name: string, attr: "exported" | "readonly"): void {
		const v = this.varMap.get(name) ?? { value: null, exported: false, readonly: false };
		this.putVar(name, { ...v, [attr]: true });
	}

	/**
	 * "NAME=value" for every exported variable with a value, in dash's
	 * order: listvars() walks its variable hash table bucket by bucket, each
	 * bucket in the order its variables were created.
	 */
	environ(overrides?: ReadonlyMap<string, string>): string[] {
		if (overrides === undefined || overrides.size === 0) {
			if (this.envCache === null) {
				const out: [string, string][] = [];
				for (const [k, v] of this.varMap)
					if (v.exported && v.value !== null) out.push([k, v.value]);
				this.envCache = inDashOrder(out);
			}
			return this.envCache;
		}
		const out = new Map<string, string>();
		for (const [k, v] of this.varMap) if (v.exported && v.value !== null) out.set(k, v.value);
		for (const [k, v] of overrides) out.set(k, v);
		return inDashOrder([...out]);
	}

	/** $- */
	get flags(): string {
		let out = "";
		for (const c of OPTION_LETTERS) if (this.options.has(c)) out += c;
		return out;
	}
}

/** The size of dash's variable hash table (VTABSIZE). */
const VTABSIZE = 39;

/** hashvar(): the bucket of a variable name in dash's table. */
export function dashBucket(name: string): number {
	let h = name.charCodeAt(0) << 4;
	for (let i = 0; i < name.length; i++) h += name.charCodeAt(i);
	return h % VTABSIZE;
}

/**
 * The variables dash creates before importing the environment (varinit[] of
 * a build without line editing), so that each comes first in its bucket.
 */
export const DASH_FIXED_VARS = ["IFS", "MAIL", "MAILPATH", "PATH", "PS1", "PS2", "PS4", "OPTIND"];

function inDashOrder(vars: [string, string][]): string[] {
	const buckets: [string, string][][] = Array.from({ length: VTABSIZE }, () => []);
	for (const kv of vars) buckets[dashBucket(kv[0])]!.push(kv);
	const out: string[] = [];
	for (const b of buckets) for (const [k, v] of b) out.push(`${k}=${v}`);
	return out;
}

export function isName(s: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}
