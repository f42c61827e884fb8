/**
 * What every system program shares: its name for diagnostics, buffered
 * stdout and unbuffered stderr, the exit-time flush of stdout (GNU
 * close_stdout: "write error" and status 1 when it fails), environment
 * lookups, and the path helpers the file tools use.
 */

import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";
import type { LongOpt } from "./getopt.ts";
import { Output } from "./stdio.ts";

/** --help and --version, which every GNU tool takes (keys that no short option uses). */
export const HELP_VERSION: readonly LongOpt[] = [
	{ name: "help", arg: "none", key: "--help" },
	{ name: "version", arg: "none", key: "--version" },
];

/** What --version prints after the program name, per package. */
export const COREUTILS = "(GNU coreutils) 9.1";
export const PROCPS = "from procps-ng 4.0.2";
export const UTIL_LINUX = "from util-linux 2.38.1";

export class Tool {
	readonly sys: Sys;
	readonly argv: readonly string[];
	readonly envp: readonly string[];
	/** The name diagnostics start with. */
	readonly name: string;
	readonly out: Output;
	readonly err: Output;
	/** The exit status when stdout cannot be flushed at exit; null: ignore it (procps kill). */
	writeErrorStatus: number | null = 1;
	/** The name the write error is reported under, when not `name`. */
	writeErrorName: string | null = null;

	/** `name`: the diagnostic prefix; GNU tools use argv[0] as invoked (the default). */
	constructor(ctx: ProgramContext, name?: string) {
		this.sys = ctx.sys;
		this.argv = ctx.argv;
		this.envp = ctx.envp;
		this.name = name ?? ctx.argv[0] ?? "";
		this.out = new Output(ctx.sys, 1);
		this.err = new Output(ctx.sys, 2);
	}

	/** The arguments after argv[0]. */
	get args(): readonly string[] {
		return this.argv.slice(1);
	}

	/** getenv(). */
	env(name: string): string | undefined {
		const prefix = `${name}=`;
		for (const e of this.envp) if (e.startsWith(prefix)) return e.slice(prefix.length);
		return undefined;
	}

	/** "NAME: message\n" on stderr. */
	*warn(message: string): Run<void> {
		yield* this.err.put(`${this.name}: ${message}\n`);
	}

	/** Raw text on stderr. */
	*errText(text: string): Run<void> {
		yield* this.err.put(text);
	}

	*print(text: string): Run<void> {
		yield* this.out.put(text);
	}

	/**
	 * --help (a one-line synopsis; the full texts are not reproduced) or
	 * --version: prints and returns the exit status, null for other keys.
	 */
	*standardOption(key: string, synopsis: string, pkg: string): Run<number | null> {
		if (key === "--help") {
			yield* this.print(`Usage: ${this.name} ${synopsis}\n`);
			return yield* this.finish(0);
		}
		if (key === "--version") {
			yield* this.print(`${baseName(this.name)} ${pkg}\n`);
			return yield* this.finish(0);
		}
		return null;
	}

	/** Flush stdout at exit; a failed flush is reported and sets the status (writeErrorStatus). */
	*finish(status: number): Run<number> {
		if (yield* this.out.flush()) return status;
		if (this.writeErrorStatus === null) return status;
		const e = this.out.error;
		yield* this.err.put(
			`${this.writeErrorName ?? this.name}: write error${e === null ? "" : `: ${e.strerror}`}\n`,
		);
		return this.writeErrorStatus;
	}
}

/** The strerror text of a thrown KernelError; anything else is a bug and is rethrown. */
export function strerr(e: unknown): string {
	if (e instanceof KernelError) return e.strerror;
	throw e;
}

/** The errno name of a thrown KernelError; anything else is rethrown. */
export function errnoOf(e: unknown): KernelError {
	if (e instanceof KernelError) return e;
	throw e;
}

/** Run a syscall, returning its KernelError instead of throwing it. */
export function attempt<T>(fn: () => T): T | KernelError {
	try {
		return fn();
	} catch (e) {
		if (e instanceof KernelError) return e;
		throw e;
	}
}

/** base_name(): the last component, trailing slashes ignored ("/" for "/"). */
export function baseName(path: string): string {
	const s = path.replace(/\/+$/, "");
	if (s === "") return path.startsWith("/") ? "/" : "";
	const i = s.lastIndexOf("/");
	return i < 0 ? s : s.slice(i + 1);
}

/** dir_name(): everything before the last component ("." when there is none). */
export function dirName(path: string): string {
	const s = path.replace(/\/+$/, "");
	if (s === "") return path.startsWith("/") ? "/" : ".";
	const i = s.lastIndexOf("/");
	if (i < 0) return ".";
	const d = s.slice(0, i).replace(/\/+$/, "");
	return d === "" ? "/" : d;
}

/** file_name_concat() as cp/mv/ln build "DIR/NAME": one slash between them. */
export function joinPath(dir: string, name: string): string {
	return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}
