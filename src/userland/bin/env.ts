/**
 * env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...] (GNU coreutils):
 * prints the environment, or runs COMMAND in a modified one by replacing
 * env's own process (execvp(): a PATH search with the new PATH, a file
 * the kernel cannot run goes to /bin/sh). -i/-, -u, -0, -C, -S (shebang
 * string splitting with quotes, escapes and ${VAR}), -v and the signal
 * options for the signals the emulated kernel models (1-31). Its own
 * errors exit 125, a command that cannot run 126, one not found 127.
 */

import { KernelError } from "../../kernel/errno.ts";
import {
	SIG_BLOCK,
	SIG_DFL,
	SIG_IGN,
	SIG_SETMASK,
	SIGNAL_MAX,
	SIGNAL_NAMES,
	sigmask,
} from "../../kernel/signal.ts";
import { getopt, type LongOpt, type ParsedOpt } from "../lib/getopt.ts";
import { quoteAlways } from "../lib/quote.ts";
import { quoteLocale } from "../lib/textio.ts";
import { COREUTILS, HELP_VERSION, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const EXIT_CANCELED = 125;
const EXIT_CANNOT_INVOKE = 126;
const EXIT_ENOENT = 127;

/** The isspace() bytes of the C locale: undocumented short options that catch "#!/usr/bin/env -i cmd". */
const C_SPACES = " \t\n\v\f\r";
const SHORTOPTS = `+C:iS:u:v0${C_SPACES}`;
/** glibc's SIGRTMIN and SIGRTMAX: the signal numbers sig2str() knows go up to 64. */
const SIGRTMIN = 34;
const SIGNUM_BOUND = 64;
/** confstr(_CS_PATH): execvp()'s search path when PATH is unset. */
const CS_PATH = "/bin:/usr/bin";

const LONGOPTS: readonly LongOpt[] = [
	{ name: "ignore-environment", arg: "none", key: "i" },
	{ name: "null", arg: "none", key: "0" },
	{ name: "unset", arg: "required", key: "u" },
	{ name: "chdir", arg: "required", key: "C" },
	{ name: "default-signal", arg: "optional", key: "--default-signal" },
	{ name: "ignore-signal", arg: "optional", key: "--ignore-signal" },
	{ name: "block-signal", arg: "optional", key: "--block-signal" },
	{ name: "list-signal-handling", arg: "none", key: "--list-signal-handling" },
	{ name: "debug", arg: "none", key: "v" },
	{ name: "split-string", arg: "required", key: "S" },
	...HELP_VERSION,
];

/** A fatal error: env prints `lines` (each after "env: ") and exits with `status`. */
class EnvExit extends Error {
	readonly lines: readonly string[];
	readonly status: number;
	readonly usage: boolean;
	constructor(lines: readonly string[], status = EXIT_CANCELED, usage = false) {
		super(lines.join("\n"));
		this.lines = lines;
		this.status = status;
		this.usage = usage;
	}
}

/** sig2str(): the name gnulib gives signal `n` (without "SIG"), or null. */
function sigName(n: number): string | null {
	if (n === 0) return "EXIT";
	if (n >= 1 && n <= SIGNAL_MAX) return n === 29 ? "POLL" : (SIGNAL_NAMES[n] ?? null);
	if (n >= SIGRTMIN && n <= SIGNUM_BOUND) {
		const half = SIGRTMIN + Math.floor((SIGNUM_BOUND - SIGRTMIN) / 2);
		if (n <= half) return n === SIGRTMIN ? "RTMIN" : `RTMIN+${n - SIGRTMIN}`;
		return n === SIGNUM_BOUND ? "RTMAX" : `RTMAX-${SIGNUM_BOUND - n}`;
	}
	return null;
}

/** str2sig(): a signal name (upper case, without "SIG") to its number, or -1. */
function sigByName(name: string): number {
	const aliases: Record<string, number> = { EXIT: 0, IOT: 6, CLD: 17, IO: 29, POLL: 29 };
	if (aliases[name] !== undefined) return aliases[name]!;
	for (let n = 1; n <= SIGNAL_MAX; n++) if (SIGNAL_NAMES[n] === name) return n;
	const rt = /^RTM(IN|AX)(?:([+-])([0-9]+))?$/.exec(name);
	if (rt === null) return -1;
	const base = rt[1] === "IN" ? SIGRTMIN : SIGNUM_BOUND;
	const delta = rt[2] === undefined ? 0 : Number(`${rt[2]}${rt[3]}`);
	const n = base + delta;
	return n >= SIGRTMIN && n <= SIGNUM_BOUND && (rt[1] === "IN" ? delta >= 0 : delta <= 0) ? n : -1;
}

/** operand2sig(): a signal number or name; -1 (after the caller's message) when invalid. */
function operandToSignal(text: string): number {
	let n: number;
	if (/^[0-9]/.test(text)) {
		if (!/^[0-9]+$/.test(text)) return -1;
		const v = Number(text);
		if (!Number.isSafeInteger(v) || v > 0x7fffffff) return -1;
		n = v & (v >= 0xff ? 0xff : 0x7f);
	} else {
		const up = text.replace(/[a-z]/g, (c) => c.toUpperCase());
		n = sigByName(up);
		if (n < 0 && up.startsWith("SIG")) n = sigByName(up.slice(3));
	}
	if (n < 0 || sigName(n) === null) return -1;
	return n;
}

type SignalMode = "default" | "defaultNoErr" | "ignore" | "ignoreNoErr";

interface EnvState {
	ignoreEnvironment: boolean;
	nulTerminate: boolean;
	debug: boolean;
	unset: string[];
	newdir: string | null;
	listSignals: boolean;
	signals: Map<number, SignalMode>;
	block: Set<number>;
	unblock: Set<number>;
	maskChanged: boolean;
	/** Diagnostics (-v) in the order they are made. */
	messages: string[];
}

/** The comma-separated signals of a signal option; null when it has no argument (all of them). */
function signalList(arg: string | null): number[] | null {
	if (arg === null) return null;
	const out: number[] = [];
	for (const part of arg.split(",")) {
		if (part === "") continue;
		const n = operandToSignal(part);
		if (n <= 0) throw new EnvExit([`${quoteLocale(part)}: invalid signal`], EXIT_CANCELED, true);
		out.push(n);
	}
	return out;
}

function signalAction(st: EnvState, arg: string | null, toDefault: boolean): void {
	const list = signalList(arg);
	if (list === null) {
		for (let n = 1; n <= SIGNUM_BOUND; n++) {
			if (sigName(n) !== null) st.signals.set(n, toDefault ? "defaultNoErr" : "ignoreNoErr");
		}
		return;
	}
	for (const n of list) st.signals.set(n, toDefault ? "default" : "ignore");
}

function blockSignals(st: EnvState, arg: string | null, block: boolean): void {
	const add = block ? st.block : st.unblock;
	const del = block ? st.unblock : st.block;
	if (arg === null) {
		for (let n = 1; n <= SIGNUM_BOUND; n++) {
			add.add(n);
			del.delete(n);
		}
	} else if (!st.maskChanged) {
		st.block.clear();
		st.unblock.clear();
	}
	st.maskChanged = true;
	const list = signalList(arg);
	if (list === null) return;
	for (const n of list) {
		add.add(n);
		del.delete(n);
	}
}

/** getenv() on an environment list. */
function getenv(env: readonly string[], name: string): string | undefined {
	const prefix = `${name}=`;
	for (const e of env) if (e.startsWith(prefix)) return e.slice(prefix.length);
	return undefined;
}

/**
 * build_argv(): split an -S string like a shebang line: whitespace between
 * arguments, '' and "" quoting, backslash escapes, ${VAR} from the
 * original environment, and "#" or \c ending it.
 */
function splitString(text: string, envp: readonly string[], st: EnvState): string[] {
	const args: string[] = [];
	let sep = true;
	let sq = false;
	let dq = false;
	const startArg = (): void => {
		if (sep) {
			args.push("");
			sep = false;
		}
	};
	const add = (c: string): void => {
		startArg();
		args[args.length - 1] += c;
	};
	let i = 0;
	scan: while (i < text.length) {
		const c = text[i]!;
		switch (c) {
			case "'":
				if (dq) break;
				sq = !sq;
				startArg();
				i++;
				continue;
			case '"':
				if (sq) break;
				dq = !dq;
				startArg();
				i++;
				continue;
			case " ":
			case "\t":
			case "\n":
			case "\v":
			case "\f":
			case "\r":
				if (sq || dq) break;
				sep = true;
				while (i < text.length && C_SPACES.includes(text[i]!)) i++;
				continue;
			case "#":
				if (!sep) break;
				break scan;
			case "\\": {
				const next = text[i + 1];
				if (sq && next !== "\\" && next !== "'") break;
				i++;
				let out: string;
				switch (next) {
					case '"':
					case "#":
					case "$":
					case "'":
					case "\\":
						out = next;
						break;
					case "_":
						if (!dq) {
							i++;
							sep = true;
							continue scan;
						}
						out = " ";
						break;
					case "c":
						if (dq) throw new EnvExit(["'\\c' must not appear in double-quoted -S string"]);
						break scan;
					case "f":
						out = "\f";
						break;
					case "n":
						out = "\n";
						break;
					case "r":
						out = "\r";
						break;
					case "t":
						out = "\t";
						break;
					case "v":
						out = "\v";
						break;
					case undefined:
						throw new EnvExit(["invalid backslash at end of string in -S"]);
					default:
						throw new EnvExit([`invalid sequence '\\${next}' in -S`]);
				}
				add(out);
				i++;
				continue;
			}
			case "$": {
				if (sq) break;
				const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i));
				if (m === null) {
					throw new EnvExit([
						`only \${VARNAME} expansion is supported, error at: ${text.slice(i)}`,
					]);
				}
				const name = m[1]!;
				const value = getenv(envp, name);
				if (value !== undefined) {
					startArg();
					if (st.debug) st.messages.push(`expanding \${${name}} into ${quoteLocale(value)}\n`);
					args[args.length - 1] += value;
				} else if (st.debug) {
					st.messages.push(`replacing \${${name}} with null string\n`);
				}
				i += m[0].length;
				continue;
			}
		}
		add(c);
		i++;
	}
	if (i >= text.length && (sq || dq)) throw new EnvExit(["no terminating quote in -S string"]);
	return args;
}

/** Decode the option at args[i] (with args[i+1] when it takes that as its argument). */
function decodeOption(
	prog: string,
	args: readonly string[],
	i: number,
): { opts: ParsedOpt[]; used: number } | { message: string } {
	const a = args[i]!;
	if (!a.startsWith("--")) {
		// getopt() hands back a whitespace "option" before looking at the rest of the cluster.
		for (let j = 1; j < a.length; j++) {
			if ("CSu".includes(a[j]!)) break;
			if (C_SPACES.includes(a[j]!)) {
				const before = j > 1 ? getopt(prog, [a.slice(0, j)], SHORTOPTS, LONGOPTS) : null;
				if (before !== null && !before.ok) return { message: before.message };
				return { opts: [...(before?.opts ?? []), { key: a[j]!, arg: null }], used: 1 };
			}
		}
	}
	const alone = getopt(prog, [a], SHORTOPTS, LONGOPTS);
	if (alone.ok) return { opts: alone.opts, used: 1 };
	const next = args[i + 1];
	if (next !== undefined && /requires an argument/.test(alone.message)) {
		const pair = getopt(prog, [args[i]!, next], SHORTOPTS, LONGOPTS);
		if (pair.ok) return { opts: pair.opts, used: 2 };
		return { message: pair.message };
	}
	return { message: alone.message };
}

/** unsetenv(): every NAME=... goes; EINVAL for an empty name or one with "=". */
function unsetenv(env: string[], name: string): boolean {
	if (name === "" || name.includes("=")) return false;
	const prefix = `${name}=`;
	for (let k = env.length - 1; k >= 0; k--) if (env[k]!.startsWith(prefix)) env.splice(k, 1);
	return true;
}

/** putenv("NAME=value"): replaces the first NAME=..., else appends. */
function putenv(env: string[], assignment: string): void {
	const prefix = assignment.slice(0, assignment.indexOf("=") + 1);
	const at = env.findIndex((e) => e.startsWith(prefix));
	if (at >= 0) env[at] = assignment;
	else env.push(assignment);
}

export function* main(ctx: ProgramContext): Run<number> {
	const tool = new Tool(ctx);
	tool.writeErrorStatus = EXIT_CANCELED;
	const sys = tool.sys;
	const st: EnvState = {
		ignoreEnvironment: false,
		nulTerminate: false,
		debug: false,
		unset: [],
		newdir: null,
		listSignals: false,
		signals: new Map(),
		block: new Set(),
		unblock: new Set(),
		maskChanged: false,
		messages: [],
	};
	const flushMessages = function* (): Run<void> {
		for (const m of st.messages) yield* tool.errText(m);
		st.messages = [];
	};
	const tryHelp = `Try '${tool.name} --help' for more information.\n`;
	let args: readonly string[] = tool.args;
	let optind = 0;
	try {
		options: while (optind < args.length) {
			const a = args[optind]!;
			if (a === "--") {
				optind++;
				break;
			}
			if (a === "-" || !a.startsWith("-")) break;
			const decoded = decodeOption(tool.name, args, optind);
			if ("message" in decoded) {
				yield* flushMessages();
				yield* tool.errText(`${decoded.message}\n${tryHelp}`);
				return EXIT_CANCELED;
			}
			for (const o of decoded.opts) {
				switch (o.key) {
					case "i":
						st.ignoreEnvironment = true;
						break;
					case "0":
						st.nulTerminate = true;
						break;
					case "u":
						st.unset.push(o.arg!);
						break;
					case "v":
						st.debug = true;
						break;
					case "C":
						st.newdir = o.arg!;
						break;
					case "--default-signal":
						signalAction(st, o.arg, true);
						blockSignals(st, o.arg, false);
						break;
					case "--ignore-signal":
						signalAction(st, o.arg, false);
						break;
					case "--block-signal":
						blockSignals(st, o.arg, true);
						break;
					case "--list-signal-handling":
						st.listSignals = true;
						break;
					case "S": {
						const text = o.arg!;
						const split = splitString(text, tool.envp, st);
						if (st.debug && split.length > 0) {
							st.messages.push(`split -S:  ${quoteLocale(text)}\n`);
							st.messages.push(` into:    ${quoteLocale(split[0]!)}\n`);
							for (const s of split.slice(1)) st.messages.push(`     &    ${quoteLocale(s)}\n`);
						}
						args = [...split, ...args.slice(optind + decoded.used)];
						optind = 0;
						continue options;
					}
					case "--help":
					case "--version": {
						yield* flushMessages();
						const done = yield* tool.standardOption(
							o.key,
							"[OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]",
							COREUTILS,
						);
						if (done !== null) return done;
						break;
					}
					default:
						// The whitespace "options".
						throw new EnvExit(
							[`invalid option -- '${o.key}'`, "use -[v]S to pass options in shebang lines"],
							EXIT_CANCELED,
							true,
						);
				}
			}
			optind += decoded.used;
		}
		if (optind < args.length && args[optind] === "-") {
			st.ignoreEnvironment = true;
			optind++;
		}
		const env: string[] = [];
		if (st.ignoreEnvironment) {
			if (st.debug) st.messages.push("cleaning environ\n");
		} else {
			env.push(...tool.envp);
			for (const name of st.unset) {
				if (st.debug) st.messages.push(`unset:    ${name}\n`);
				if (!unsetenv(env, name))
					throw new EnvExit([`cannot unset ${quoteLocale(name)}: Invalid argument`]);
			}
		}
		while (optind < args.length && args[optind]!.includes("=")) {
			if (st.debug) st.messages.push(`setenv:   ${args[optind]}\n`);
			putenv(env, args[optind]!);
			optind++;
		}
		const command = args.slice(optind);
		if (st.nulTerminate && command.length > 0) {
			throw new EnvExit(["cannot specify --null (-0) with command"], EXIT_CANCELED, true);
		}
		if (st.newdir !== null && command.length === 0) {
			throw new EnvExit(["must specify command with --chdir (-C)"], EXIT_CANCELED, true);
		}
		yield* flushMessages();
		if (command.length === 0) {
			const end = st.nulTerminate ? "\0" : "\n";
			for (const e of env) yield* tool.print(`${e}${end}`);
			return yield* tool.finish(0);
		}
		yield* applySignals(tool, st);
		if (st.newdir !== null) {
			if (st.debug) yield* tool.errText(`chdir:    ${quoteAlways(st.newdir)}\n`);
			try {
				sys.vfs.chdir(sys.task, st.newdir);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				throw new EnvExit([`cannot change directory to ${quoteAlways(st.newdir)}: ${e.strerror}`]);
			}
		}
		if (st.debug) {
			yield* tool.errText(`executing: ${command[0]}\n`);
			for (let k = 0; k < command.length; k++)
				yield* tool.errText(`   arg[${k}]= ${quoteLocale(command[k]!)}\n`);
		}
		const err = yield* execvp(tool, command, env);
		yield* tool.warn(`${quoteLocale(command[0]!)}: ${err.strerror}`);
		const status = err.code === "ENOENT" ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
		if (status === EXIT_ENOENT && /[ \t\n\v\f\r]/.test(command[0]!)) {
			yield* tool.warn("use -[v]S to pass options in shebang lines");
		}
		return status;
	} catch (e) {
		if (!(e instanceof EnvExit)) throw e;
		yield* flushMessages();
		for (const line of e.lines) yield* tool.warn(line);
		if (e.usage) yield* tool.errText(tryHelp);
		return e.status;
	}
}

/** reset_signal_handlers(), set_signal_proc_mask() and list_signal_handling() before the exec. */
function* applySignals(tool: Tool, st: EnvState): Run<void> {
	const { kernel, task } = tool.sys;
	for (let n = 1; n <= SIGNUM_BOUND; n++) {
		const mode = st.signals.get(n);
		if (mode === undefined) continue;
		const toDefault = mode === "default" || mode === "defaultNoErr";
		const noErr = mode === "defaultNoErr" || mode === "ignoreNoErr";
		let failed = false;
		if (n <= SIGNAL_MAX) {
			try {
				kernel.sigaction(task, n, toDefault ? SIG_DFL : SIG_IGN);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				if (!noErr)
					throw new EnvExit([`failed to set signal action for signal ${n}: ${e.strerror}`]);
				failed = true;
			}
		}
		if (st.debug) {
			const what = toDefault ? "DEFAULT" : "IGNORE";
			yield* tool.errText(
				`Reset signal ${sigName(n)} (${n}) to ${what}${failed ? " (failure ignored)" : ""}\n`,
			);
		}
	}
	if (st.maskChanged) {
		let mask = kernel.sigprocmask(task, SIG_BLOCK, 0);
		for (let n = 1; n <= SIGNUM_BOUND; n++) {
			let what: string | null = null;
			if (st.block.has(n)) {
				if (n <= SIGNAL_MAX) mask |= sigmask(n);
				what = "BLOCK";
			} else if (st.unblock.has(n)) {
				if (n <= SIGNAL_MAX) mask &= ~sigmask(n);
				what = "UNBLOCK";
			}
			if (st.debug && what !== null && sigName(n) !== null) {
				yield* tool.errText(`signal ${sigName(n)} (${n}) mask set to ${what}\n`);
			}
		}
		kernel.sigprocmask(task, SIG_SETMASK, mask);
	}
	if (st.listSignals) {
		const blocked = kernel.sigprocmask(task, SIG_BLOCK, 0);
		for (let n = 1; n <= SIGNAL_MAX; n++) {
			const ignored = kernel.sigaction(task, n, null).handler === SIG_IGN ? "IGNORE" : "";
			const isBlocked = blocked & sigmask(n) ? "BLOCK" : "";
			if (ignored === "" && isBlocked === "") continue;
			const sep = ignored !== "" && isBlocked !== "" ? "," : "";
			const name = sigName(n)!.padEnd(10, " ");
			yield* tool.errText(
				`${name} (${String(n).padStart(2, " ")}): ${isBlocked}${sep}${ignored}\n`,
			);
		}
	}
}

/**
 * execvp(): run `argv` with `env` (never returns when it works). A name
 * with a slash is run as it is; otherwise each PATH directory is tried,
 * going on past missing files and permission problems. Returns the error.
 */
function* execvp(tool: Tool, argv: readonly string[], env: readonly string[]): Run<KernelError> {
	const sys = tool.sys;
	const file = argv[0]!;
	yield* tool.out.flush();
	const attempt = function* (path: string): Run<KernelError> {
		try {
			return yield* sys.execve(path, argv, env);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			if (e.code !== "ENOEXEC") return e;
		}
		// A file the kernel cannot run is a shell script to execvp().
		try {
			return yield* sys.execve("/bin/sh", ["/bin/sh", path, ...argv.slice(1)], env);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			return e;
		}
	};
	if (file === "") return new KernelError("ENOENT");
	if (file.includes("/")) return yield* attempt(file);
	const path = getenv(env, "PATH") ?? CS_PATH;
	let gotEacces = false;
	let last = new KernelError("ENOENT");
	for (const dir of path.split(":")) {
		const err = yield* attempt(dir === "" ? file : `${dir}/${file}`);
		last = err;
		switch (err.code) {
			case "EACCES":
				gotEacces = true;
				break;
			case "ENOENT":
			case "ENOTDIR":
			case "ENODEV":
			case "ETIMEDOUT":
				break;
			default:
				return err;
		}
	}
	return gotEacces ? new KernelError("EACCES") : last;
}
