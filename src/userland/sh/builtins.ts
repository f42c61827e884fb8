/**
 * dash's builtin commands. Special builtins (XCU 2.14) are looked up before
 * functions, their variable assignments persist and their errors are fatal
 * in a non-interactive shell; regular builtins behave like programs that
 * happen to run inside the shell. Each builtin's standard output is
 * buffered and written once when it finishes, as dash's output layer does
 * (one `echo` is one write(2)).
 */
import { KernelError } from "../../kernel/errno.ts";
import { SIGNAL_NAMES, signalNumber } from "../../kernel/signal.ts";
import { C_ESCAPES } from "../lib/escapes.ts";
import { DASH_PRINTF, formatPrintf, type PrintfDiag } from "../lib/printf-format.ts";
import { Output } from "../lib/stdio.ts";
import { dashTestMessage, evaluateTest, sysTestFiles } from "../lib/test-expr.ts";
import type { Run } from "../proc/types.ts";
import { strsignal } from "../strsignal.ts";
import { FunctionReturn, LoopControl, ShellExit } from "./control.ts";
import type { Shell } from "./interp.ts";
import { KEYWORDS } from "./lex.ts";
import { isName } from "./state.ts";

export type Builtin = (sh: Shell, argv: string[]) => Run<number>;

/** Run `body` with a buffered stdout; a failed flush is reported as dash does and gives status 1. */
function* withStdout(sh: Shell, name: string, body: (out: Output) => Run<number>): Run<number> {
	const out = new Output(sh.sys, 1, "full");
	let status = yield* body(out);
	if (!(yield* out.flush()) && out.error !== null) {
		yield* sh.report(`${name}: ${name}: ${out.error.strerror}`);
		status = 1;
	}
	return status;
}

/** dash's option table: long names in the order `set -o` lists them, with their letters. */
const SET_OPTIONS: Readonly<Record<string, string>> = {
	errexit: "e",
	noglob: "f",
	ignoreeof: "I",
	interactive: "i",
	monitor: "m",
	noexec: "n",
	stdin: "s",
	xtrace: "x",
	verbose: "v",
	vi: "V",
	emacs: "E",
	noclobber: "C",
	allexport: "a",
	notify: "b",
	nounset: "u",
	privileged: "p",
	nolog: "\u0001",
	debug: "\u0002",
};

/** A decimal argument, or a fatal "Illegal number". */
function* number(sh: Shell, name: string, text: string): Run<number> {
	if (!/^\d+$/.test(text)) yield* sh.fatal(`${name}: Illegal number: ${text}`);
	return Number(text);
}

/**
 * dash's single_quote() for `export -p`, `set`, `trap`: runs of ordinary
 * characters in '...', runs of single quotes in "...".
 */
export function shellQuote(s: string): string {
	if (s === "") return "''";
	let out = "";
	for (const run of s.match(/'+|[^']+/g) ?? []) out += run[0] === "'" ? `"${run}"` : `'${run}'`;
	return out;
}

/** echo: -n as the first argument, escapes always (dash's echo). */
function echoText(args: string[]): string {
	let i = 0;
	let newline = true;
	if (args[0] === "-n") {
		newline = false;
		i = 1;
	}
	let out = "";
	for (; i < args.length; i++) {
		if (i > (newline ? 0 : 1)) out += " ";
		const s = args[i]!;
		for (let k = 0; k < s.length; k++) {
			const c = s[k]!;
			if (c !== "\\" || k + 1 >= s.length) {
				out += c;
				continue;
			}
			const n = s[++k]!;
			const simple = C_ESCAPES[n];
			if (simple !== undefined) {
				out += simple;
				continue;
			}
			switch (n) {
				case "c":
					return out;
				case "0": {
					let v = 0;
					let d = 0;
					while (d < 3 && k + 1 < s.length && s[k + 1]! >= "0" && s[k + 1]! <= "7") {
						v = v * 8 + Number(s[++k]);
						d++;
					}
					out += String.fromCharCode(v & 0xff);
					break;
				}
				default:
					out += `\\${n}`;
			}
		}
	}
	return newline ? `${out}\n` : out;
}

function* echo(sh: Shell, argv: string[]): Run<number> {
	const text = echoText(argv.slice(1));
	return yield* withStdout(sh, "echo", function* (out) {
		yield* out.put(text);
		return 0;
	});
}

// biome-ignore lint/correctness/useYield: a builtin that completes at once is still a Run.
function* colon(): Run<number> {
	return 0;
}

// biome-ignore lint/correctness/useYield: a builtin that completes at once is still a Run.
function* falseBuiltin(): Run<number> {
	return 1;
}

function* exitBuiltin(sh: Shell, argv: string[]): Run<number> {
	const status = argv.length > 1 ? yield* number(sh, "exit", argv[1]!) : sh.state.lastStatus;
	throw new ShellExit(status & 0xff);
}

function* returnBuiltin(sh: Shell, argv: string[]): Run<number> {
	const status = argv.length > 1 ? yield* number(sh, "return", argv[1]!) : sh.state.lastStatus;
	if (sh.state.funcDepth === 0 && !sh.inDotScript) throw new ShellExit(status & 0xff);
	throw new FunctionReturn(status & 0xff);
}

function loopControl(isContinue: boolean): Builtin {
	const name = isContinue ? "continue" : "break";
	return function* (sh, argv) {
		const n = argv.length > 1 ? yield* number(sh, name, argv[1]!) : 1;
		if (n === 0) yield* sh.fatal(`${name}: Illegal number: ${argv[1]}`);
		if (sh.state.loopDepth === 0) return 0;
		throw new LoopControl(Math.min(n, sh.state.loopDepth), isContinue);
	};
}

function* shift(sh: Shell, argv: string[]): Run<number> {
	const n = argv.length > 1 ? yield* number(sh, "shift", argv[1]!) : 1;
	if (n > sh.state.positional.length) yield* sh.fatal("shift: can't shift that many");
	sh.state.positional = sh.state.positional.slice(n);
	return 0;
}

/** export and readonly share their syntax. */
function attribute(kind: "export" | "readonly"): Builtin {
	return function* (sh, argv) {
		const st = sh.state;
		const args = argv.slice(1);
		if (args[0] === "-p" || args.length === 0) {
			return yield* withStdout(sh, kind, function* (out) {
				const names = [...st.vars.keys()].sort();
				for (const n of names) {
					const v = st.vars.get(n)!;
					if (kind === "export" ? !v.exported : !v.readonly) continue;
					yield* out.put(
						v.value === null ? `${kind} ${n}\n` : `${kind} ${n}=${shellQuote(v.value)}\n`,
					);
				}
				return 0;
			});
		}
		for (const a of args) {
			const eq = a.indexOf("=");
			const name = eq < 0 ? a : a.slice(0, eq);
			if (!isName(name)) yield* sh.fatal(`${kind}: ${name}: bad variable name`);
			if (eq >= 0 && !st.set(name, a.slice(eq + 1))) yield* sh.fatal(`${name}: is read only`);
			st.mark(name, kind === "export" ? "exported" : "readonly");
		}
		return 0;
	};
}

function* unset(sh: Shell, argv: string[]): Run<number> {
	let fn = false;
	let i = 1;
	for (; i < argv.length && argv[i]!.startsWith("-"); i++) {
		if (argv[i] === "-f") fn = true;
		else if (argv[i] === "-v") fn = false;
		else if (argv[i] === "--") {
			i++;
			break;
		} else yield* sh.fatal(`unset: Illegal option ${argv[i]}`);
	}
	for (; i < argv.length; i++) {
		const name = argv[i]!;
		if (fn) {
			sh.state.functions.delete(name);
			continue;
		}
		const v = sh.state.vars.get(name);
		if (v?.readonly) yield* sh.fatal(`unset: ${name}: is read only`);
		sh.state.putVar(name, undefined);
	}
	return 0;
}

function* local(sh: Shell, argv: string[]): Run<number> {
	const st = sh.state;
	const frame = st.localFrames[st.localFrames.length - 1];
	if (frame === undefined || st.funcDepth === 0) yield* sh.fatal("local: not in a function");
	for (const a of argv.slice(1)) {
		const eq = a.indexOf("=");
		const name = eq < 0 ? a : a.slice(0, eq);
		if (!isName(name) && name !== "-") yield* sh.fatal(`local: ${name}: bad variable name`);
		const cur = st.vars.get(name);
		if (!frame!.has(name)) frame!.set(name, cur === undefined ? undefined : { ...cur });
		if (eq >= 0 && !st.set(name, a.slice(eq + 1))) yield* sh.fatal(`${name}: is read only`);
	}
	return 0;
}

function* set(sh: Shell, argv: string[]): Run<number> {
	const st = sh.state;
	if (argv.length === 1) {
		return yield* withStdout(sh, "set", function* (out) {
			for (const n of [...st.vars.keys()].sort()) {
				const v = st.vars.get(n)!;
				if (v.value !== null) yield* out.put(`${n}=${shellQuote(v.value)}\n`);
			}
			return 0;
		});
	}
	const LONG = SET_OPTIONS;
	let i = 1;
	for (; i < argv.length; i++) {
		const a = argv[i]!;
		if (a === "--") {
			i++;
			st.positional = argv.slice(i);
			return 0;
		}
		if (a === "-" || a === "+") {
			i++;
			break;
		}
		if (a[0] !== "-" && a[0] !== "+") break;
		const on = a[0] === "-";
		for (let k = 1; k < a.length; k++) {
			const c = a[k]!;
			if (c === "o") {
				const name = argv[++i];
				if (name === undefined) {
					return yield* withStdout(sh, "set", function* (out) {
						yield* out.put("Current option settings\n");
						for (const [long, letter] of Object.entries(LONG)) {
							yield* out.put(`${long.padEnd(16)}${st.options.has(letter) ? "on" : "off"}\n`);
						}
						return 0;
					});
				}
				const letter = LONG[name];
				if (letter === undefined) yield* sh.fatal(`set: Illegal option -o ${name}`);
				if (on) st.options.add(letter!);
				else st.options.delete(letter!);
				continue;
			}
			if (!"efuxvCanm".includes(c)) yield* sh.fatal(`set: Illegal option ${a[0]}${c}`);
			if (on) st.options.add(c);
			else st.options.delete(c);
		}
	}
	if (i < argv.length) st.positional = argv.slice(i);
	return 0;
}

function* evalBuiltin(sh: Shell, argv: string[]): Run<number> {
	const text = argv.slice(1).join(" ");
	if (text === "") return 0;
	return yield* sh.evalString(text, 1, "eval");
}

function* dot(sh: Shell, argv: string[]): Run<number> {
	const name = argv[1];
	if (name === undefined) return 0;
	// dash looks a name without a slash up in PATH only, not in the current directory.
	const paths = name.includes("/") ? [name] : sh.pathSearch(name);
	if (paths.length === 0) yield* sh.fatal(`.: ${name}: not found`);
	let text: string | null = null;
	let err: KernelError | null = null;
	let found = name;
	for (const p of paths) {
		try {
			text = sh.sys.vfs.readFile(sh.sys.task, p);
			found = p;
			break;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			err ??= e;
		}
	}
	if (text === null) {
		const why = err?.code === "ENOENT" ? "No such file" : (err?.strerror ?? "No such file");
		yield* sh.fatal(`.: cannot open ${name}: ${why}`);
	}
	const st = sh.state;
	const savedPos = st.positional;
	if (argv.length > 2) st.positional = argv.slice(2);
	const savedLine = sh.lineno;
	// dotcmd(): while the file runs, commandname is its path.
	sh.commandName = found;
	sh.inDotScript++;
	try {
		return yield* sh.evalString(text!, 1, name);
	} catch (e) {
		if (e instanceof FunctionReturn && st.funcDepth === 0) return e.status;
		throw e;
	} finally {
		sh.inDotScript--;
		sh.lineno = savedLine;
		if (argv.length > 2) st.positional = savedPos;
	}
}

/** Lexically resolve `.` and `..` (cd -L). */
function normalizePath(path: string): string {
	const parts: string[] = [];
	for (const p of path.split("/")) {
		if (p === "" || p === ".") continue;
		if (p === "..") parts.pop();
		else parts.push(p);
	}
	return `/${parts.join("/")}`;
}

function* cd(sh: Shell, argv: string[]): Run<number> {
	const st = sh.state;
	let args = argv.slice(1);
	let physical = false;
	while (args[0] === "-L" || args[0] === "-P") {
		physical = args[0] === "-P";
		args = args.slice(1);
	}
	if (args[0] === "--") args = args.slice(1);
	let dir = args[0];
	let print = false;
	if (dir === undefined) {
		dir = st.get("HOME") ?? "";
		if (dir === "") return 0;
	} else if (dir === "-") {
		dir = st.get("OLDPWD") ?? "";
		print = true;
	}
	const { vfs, task } = sh.sys;
	const oldPwd = st.curdir;
	// docd(): updatepwd() makes the logical path from dash's curdir (not
	// $PWD) and chdir()s to it, with no second try: after the directory
	// was renamed or removed, "cd .." fails. An unknown curdir means a
	// physical cd.
	const logical =
		physical || (oldPwd === null && !dir.startsWith("/"))
			? null
			: normalizePath(dir.startsWith("/") ? dir : `${oldPwd}/${dir}`);
	try {
		vfs.chdir(task, logical ?? dir);
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
		yield* sh.report(`cd: can't cd to ${args[0] ?? dir}`);
		return 2;
	}
	const now = logical ?? vfs.getcwd(task);
	st.curdir = now;
	// setpwd(): dash exports both.
	st.set("OLDPWD", oldPwd ?? "");
	st.mark("OLDPWD", "exported");
	st.set("PWD", now);
	st.mark("PWD", "exported");
	if (print) {
		return yield* withStdout(sh, "cd", function* (out) {
			yield* out.put(`${now}\n`);
			return 0;
		});
	}
	return 0;
}

function* pwd(sh: Shell, argv: string[]): Run<number> {
	const physical = argv.includes("-P");
	const { vfs, task } = sh.sys;
	const text = physical ? vfs.getcwd(task) : (sh.state.curdir ?? vfs.getcwd(task));
	return yield* withStdout(sh, "pwd", function* (out) {
		yield* out.put(`${text}\n`);
		return 0;
	});
}

/** read: one byte at a time (never consuming past the line), backslash processing unless -r. */
function* read(sh: Shell, argv: string[]): Run<number> {
	let raw = false;
	let i = 1;
	let prompt = "";
	for (; i < argv.length && argv[i]!.startsWith("-"); i++) {
		const a = argv[i]!;
		if (a === "--") {
			i++;
			break;
		}
		if (a === "-r") raw = true;
		else if (a === "-p") prompt = argv[++i] ?? "";
		else yield* sh.fatal(`read: Illegal option ${a.slice(0, 2)}`);
	}
	const names = argv.slice(i);
	if (names.length === 0) yield* sh.fatal("read: arg count");
	for (const n of names) if (!isName(n)) yield* sh.fatal(`read: ${n}: bad variable name`);
	if (prompt !== "" && sh.state.interactive) yield* sh.warn(prompt);
	let line = "";
	/** Which characters of `line` came escaped (not subject to IFS). */
	const escaped: boolean[] = [];
	let eof = false;
	for (;;) {
		let b: Uint8Array;
		try {
			b = yield* sh.sys.read(0, 1);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			if (e.code === "EINTR") return 128 + 2;
			// dash's readcmd(): a failed read(2) (EISDIR, EIO, ...) ends the
			// line silently, as end of file does.
			eof = true;
			break;
		}
		if (b.length === 0) {
			eof = true;
			break;
		}
		const c = String.fromCharCode(b[0]!);
		if (c === "\n") break;
		if (c === "\\" && !raw) {
			const n = yield* sh.sys.read(0, 1);
			if (n.length === 0) {
				eof = true;
				break;
			}
			const nc = String.fromCharCode(n[0]!);
			if (nc === "\n") continue;
			line += nc;
			escaped.push(true);
			continue;
		}
		line += c;
		escaped.push(false);
	}
	const ifs = sh.state.get("IFS") ?? " \t\n";
	const isWs = (c: string): boolean => ifs.includes(c) && (c === " " || c === "\t" || c === "\n");
	const isIfs = (c: string, k: number): boolean => ifs.includes(c) && !escaped[k];
	let pos = 0;
	const skipWs = (): void => {
		while (pos < line.length && isWs(line[pos]!) && !escaped[pos]) pos++;
	};
	skipWs();
	for (let n = 0; n < names.length; n++) {
		const name = names[n]!;
		let value = "";
		if (n === names.length - 1) {
			value = line.slice(pos);
			// Trailing IFS white space is removed from the last field.
			let end = value.length;
			while (end > 0 && isWs(value[end - 1]!) && !escaped[pos + end - 1]) end--;
			value = value.slice(0, end);
			pos = line.length;
		} else {
			while (pos < line.length && !isIfs(line[pos]!, pos)) value += line[pos++];
			skipWs();
			if (pos < line.length && isIfs(line[pos]!, pos) && !isWs(line[pos]!)) {
				pos++;
				skipWs();
			}
		}
		if (!sh.state.set(name, value)) yield* sh.fatal(`read: ${name}: is read only`);
	}
	return eof && line.length === 0 ? 1 : eof ? 1 : 0;
}

function* umask(sh: Shell, argv: string[]): Run<number> {
	const { vfs, task } = sh.sys;
	const args = argv.slice(1);
	const symbolic = args[0] === "-S";
	if (symbolic) args.shift();
	if (args.length === 0) {
		const cur = vfs.umask(task, 0);
		vfs.umask(task, cur);
		return yield* withStdout(sh, "umask", function* (out) {
			if (symbolic) {
				const perm = (m: number): string =>
					`${m & 4 ? "r" : ""}${m & 2 ? "w" : ""}${m & 1 ? "x" : ""}`;
				const a = ~cur & 0o777;
				yield* out.put(`u=${perm(a >> 6)},g=${perm((a >> 3) & 7)},o=${perm(a & 7)}\n`);
			} else {
				yield* out.put(`${cur.toString(8).padStart(4, "0")}\n`);
			}
			return 0;
		});
	}
	if (!/^[0-7]+$/.test(args[0]!)) yield* sh.fatal(`umask: Illegal number: ${args[0]}`);
	vfs.umask(task, Number.parseInt(args[0]!, 8) & 0o777);
	return 0;
}

function signalNameOf(sig: number): string {
	return sig === 0 ? "EXIT" : (SIGNAL_NAMES[sig] ?? String(sig));
}

function* trap(sh: Shell, argv: string[]): Run<number> {
	const st = sh.state;
	const args = argv.slice(1);
	if (args.length === 0 || (args.length === 1 && args[0] === "-p")) {
		return yield* withStdout(sh, "trap", function* (out) {
			for (const sig of [...st.traps.keys()].sort((a, b) => a - b)) {
				const t = st.traps.get(sig)!;
				const text = t.kind === "ignore" ? "" : t.text;
				yield* out.put(`trap -- ${shellQuote(text)} ${signalNameOf(sig)}\n`);
			}
			return 0;
		});
	}
	if (args[0] === "--") args.shift();
	let action: string | null = null;
	let sigs = args;
	// A first argument that is a signal number means "reset these".
	if (!/^\d+$/.test(args[0]!)) {
		action = args[0]!;
		sigs = args.slice(1);
	}
	let status = 0;
	for (const s of sigs) {
		const sig = parseTrapSignal(s);
		if (sig === null) {
			yield* sh.warn(`trap: ${s}: bad trap\n`);
			status = 1;
			continue;
		}
		if (action === null || action === "-") sh.setTrap(sig, null);
		else if (action === "") sh.setTrap(sig, { kind: "ignore" });
		else sh.setTrap(sig, { kind: "command", text: action });
	}
	return status;
}

function parseTrapSignal(s: string): number | null {
	if (/^\d+$/.test(s)) {
		const n = Number(s);
		return n >= 0 && n < 32 ? n : null;
	}
	const up = s.toUpperCase();
	if (up === "EXIT") return 0;
	const n = signalNumber(up.startsWith("SIG") ? up.slice(3) : up);
	return n === 0 || n === 9 || n === 19 ? (n === 0 ? null : n) : n;
}

function* wait(sh: Shell, argv: string[]): Run<number> {
	const st = sh.state;
	if (argv.length === 1) {
		for (;;) {
			if (!st.jobs.some((j) => j.statuses.includes(-1))) break;
			const r = yield* sh.reapOne(true);
			if (r === "interrupted") return yield* interruptedWait(sh);
			if (r === false) break;
		}
		st.jobs = st.jobs.filter((j) => j.statuses.includes(-1));
		return 0;
	}
	let args = argv.slice(1);
	// nextopt(): wait takes no options.
	if (args[0] === "--") args = args.slice(1);
	else if (args[0] !== undefined && args[0].length > 1 && args[0].startsWith("-")) {
		yield* sh.fatal(`wait: Illegal option -${args[0][1]}`);
	}
	let status = 0;
	for (const a of args) {
		// Job specs are not kept by cgkit sh: none exists.
		if (a.startsWith("%")) yield* sh.fatal(`wait: No such job: ${a}`);
		// number(): strtoimax() of the whole argument, 0 to INT_MAX.
		const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(a);
		const pid = m === null ? Number.NaN : Number(m[1]);
		if (!(pid <= 0x7fffffff)) yield* sh.fatal(`wait: Illegal number: ${a}`);
		const job = st.jobs.find((j) => j.pids.includes(pid));
		if (job === undefined) {
			status = 127;
			continue;
		}
		// dash's dowait() reports a signal only when it is the one that
		// reaps the job it waits for: a job already reaped while the shell
		// waited for another child ends silently.
		const running = job.statuses.includes(-1);
		while (job.statuses.includes(-1)) {
			const r = yield* sh.reapOne(true);
			if (r === "interrupted") return yield* interruptedWait(sh);
			if (r === false) break;
		}
		const ws = job.statuses[job.statuses.length - 1]!;
		const sig = ws & 0x7f;
		status = ws < 0 ? 127 : sig === 0 ? (ws >> 8) & 0xff : 128 + sig;
		if (running && sig !== 0 && sig !== 0x7f && sig !== 2 && sig !== 13) {
			yield* sh.warn(`${strsignal(sig)}\n`);
		}
		st.jobs.splice(st.jobs.indexOf(job), 1);
	}
	return status;
}

/** A trapped signal ended `wait`: its status is 128 + the signal. */
function* interruptedWait(sh: Shell): Run<number> {
	const { kernel, task } = sh.sys;
	const sig = kernel.dequeueSignal(task);
	if (sig !== 0) yield* sh.runTrap(sig);
	return 128 + sig;
}

function* killBuiltin(sh: Shell, argv: string[]): Run<number> {
	let args = argv.slice(1);
	let sig = 15;
	const usage =
		"kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]";
	if (args.length === 0) yield* sh.fatal(usage);
	if (args[0] === "-l" || args[0] === "-L") {
		return yield* withStdout(sh, "kill", function* (out) {
			if (args.length > 1) {
				for (const a of args.slice(1)) {
					const n = Number(a) > 128 ? Number(a) - 128 : Number(a);
					yield* out.put(`${SIGNAL_NAMES[n] ?? n}\n`);
				}
			} else {
				for (let n = 1; n < 32; n++)
					if (SIGNAL_NAMES[n] !== undefined) yield* out.put(`${SIGNAL_NAMES[n]}\n`);
			}
			return 0;
		});
	}
	if (args[0] === "-s") {
		const n = parseTrapSignal(args[1] ?? "");
		if (n === null) yield* sh.fatal(`kill: invalid signal number or name: ${args[1]}`);
		sig = n!;
		args = args.slice(2);
	} else if (args[0]!.startsWith("-") && args[0] !== "--") {
		const spec = args[0]!.slice(1);
		const n = /^\d+$/.test(spec) ? Number(spec) : parseTrapSignal(spec);
		if (n === null || n > 64) yield* sh.fatal(`kill: Illegal option -${spec.slice(0, 1)}`);
		sig = n!;
		args = args.slice(1);
	}
	if (args[0] === "--") args = args.slice(1);
	if (args.length === 0) yield* sh.fatal(usage);
	let status = 0;
	for (const a of args) {
		if (!/^-?\d+$/.test(a)) {
			yield* sh.fatal(`kill: Illegal number: ${a}`);
		}
		try {
			yield* sh.sys.kill(Number(a), sig);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			yield* sh.report(`kill: ${e.strerror}\n`);
			status = 1;
		}
	}
	return status;
}

function* typeBuiltin(sh: Shell, argv: string[]): Run<number> {
	let status = 0;
	const code = yield* withStdout(sh, "type", function* (out) {
		for (const name of argv.slice(1)) {
			const d = describe(sh, name);
			if (d === null) {
				// dash prints this one on stdout.
				yield* out.put(`${name}: not found\n`);
				status = 127;
			} else yield* out.put(`${name} is ${d}\n`);
		}
		return 0;
	});
	return code !== 0 ? code : status;
}

function describe(sh: Shell, name: string): string | null {
	if (KEYWORDS.has(name)) return "a shell keyword";
	if (SPECIAL_BUILTINS.has(name)) return "a special shell builtin";
	if (sh.state.functions.has(name)) return "a shell function";
	if (BUILTINS.has(name)) return "a shell builtin";
	if (name.includes("/")) return sh.exists(name) ? name : null;
	const p = sh.pathSearch(name)[0];
	return p === undefined ? null : p;
}

function* command(sh: Shell, argv: string[]): Run<number> {
	let args = argv.slice(1);
	let mode: "" | "v" | "V" = "";
	while (args[0]?.startsWith("-") && args[0] !== "-") {
		const a = args[0]!;
		if (a === "--") {
			args = args.slice(1);
			break;
		}
		if (a === "-v") mode = "v";
		else if (a === "-V") mode = "V";
		else if (a !== "-p") yield* sh.fatal(`command: Illegal option ${a}`);
		args = args.slice(1);
	}
	if (args.length === 0) return 0;
	if (mode === "v") {
		let status = 0;
		return yield* withStdout(sh, "command", function* (out) {
			for (const name of args) {
				if (
					KEYWORDS.has(name) ||
					SPECIAL_BUILTINS.has(name) ||
					BUILTINS.has(name) ||
					sh.state.functions.has(name)
				) {
					yield* out.put(`${name}\n`);
				} else {
					const p = name.includes("/")
						? sh.exists(name)
							? name
							: undefined
						: sh.pathSearch(name)[0];
					if (p === undefined) status = 127;
					else yield* out.put(`${p}\n`);
				}
			}
			return status;
		});
	}
	if (mode === "V") return yield* typeBuiltin(sh, ["type", ...args]);
	const name = args[0]!;
	const b = SPECIAL_BUILTINS.get(name) ?? BUILTINS.get(name);
	// command makes a special builtin an ordinary one: its errors do not end the shell.
	if (b !== undefined) return yield* sh.runBuiltin(b, args, false);
	return yield* sh.runExternal(args);
}

function* execBuiltin(sh: Shell, argv: string[]): Run<number> {
	const args = argv.slice(1);
	if (args[0] === "--") args.shift();
	if (args.length === 0) return 0;
	const status = yield* sh.execCommand(args, sh.state.environ(), "exec: ");
	throw new ShellExit(status);
}

function* getopts(sh: Shell, argv: string[]): Run<number> {
	const st = sh.state;
	if (argv.length < 3) yield* sh.fatal("getopts: Usage: getopts optstring var [arg...]");
	const optstring = argv[1]!;
	const varName = argv[2]!;
	const args = argv.length > 3 ? argv.slice(3) : st.positional;
	let optind = Number(st.get("OPTIND") ?? "1");
	if (!Number.isInteger(optind) || optind < 1) optind = 1;
	let sub = sh.getoptsState.optind === optind ? sh.getoptsState.sub : 1;
	const silent = optstring.startsWith(":");
	const spec = silent ? optstring.slice(1) : optstring;
	const done = (): number => {
		st.set(varName, "?");
		st.set("OPTIND", String(optind));
		st.putVar("OPTARG", undefined);
		sh.getoptsState = { optind, sub: 1 };
		return 1;
	};
	const arg = args[optind - 1];
	if (arg === undefined || arg === "-" || !arg.startsWith("-")) return done();
	if (arg === "--" && sub === 1) {
		optind++;
		return done();
	}
	const c = arg[sub]!;
	sub++;
	const at = spec.indexOf(c);
	const status = 0;
	if (at < 0 || c === ":") {
		if (silent) {
			st.set("OPTARG", c);
		} else {
			yield* sh.warn(`Illegal option -${c}\n`);
			st.putVar("OPTARG", undefined);
		}
		st.set(varName, "?");
	} else if (spec[at + 1] === ":") {
		let optarg: string | undefined;
		if (sub < arg.length) {
			optarg = arg.slice(sub);
		} else {
			optarg = args[optind];
			optind++;
		}
		sub = arg.length;
		if (optarg === undefined) {
			if (silent) {
				st.set("OPTARG", c);
				st.set(varName, ":");
			} else {
				yield* sh.warn(`No arg for -${c} option\n`);
				st.putVar("OPTARG", undefined);
				st.set(varName, "?");
			}
		} else {
			st.set("OPTARG", optarg);
			st.set(varName, c);
		}
	} else {
		st.set(varName, c);
		st.putVar("OPTARG", undefined);
	}
	if (sub >= arg.length) {
		optind++;
		sub = 1;
	}
	st.set("OPTIND", String(optind));
	sh.getoptsState = { optind, sub };
	return status;
}

/** dash's printf diagnostics (after "printf: "). */
function dashPrintfMessage(d: PrintfDiag): string | null {
	switch (d.kind) {
		case "not-numeric":
			return `${d.arg}: expected numeric value`;
		case "not-converted":
			return `${d.arg}: not completely converted`;
		case "range":
			return `${d.arg}: Numerical result out of range`;
		case "bad-directive":
			return `${d.spec}: invalid directive`;
		case "bad-width":
		case "bad-precision":
			return `${d.arg}: expected numeric value`;
		default:
			return null;
	}
}

function* printf(sh: Shell, argv: string[]): Run<number> {
	let args = argv.slice(1);
	if (args[0] === "--") args = args.slice(1);
	if (args.length === 0) {
		yield* sh.report("printf: usage: printf format [arg ...]");
		return 2;
	}
	const messages: string[] = [];
	const r = formatPrintf(args[0]!, args.slice(1), DASH_PRINTF, (d) => {
		const m = dashPrintfMessage(d);
		if (m !== null) messages.push(m);
	});
	for (const m of messages) yield* sh.report(`printf: ${m}`);
	const status = yield* withStdout(sh, "printf", function* (out) {
		yield* out.put(r.output);
		return 0;
	});
	if (status !== 0) return status;
	return r.fatal ? 2 : r.failed ? 1 : 0;
}

/** test and [ with dash's messages. */
function testBuiltin(bracket: boolean): Builtin {
	const name = bracket ? "[" : "test";
	return function* (sh, argv) {
		let args = argv.slice(1);
		if (bracket) {
			if (args[args.length - 1] !== "]") {
				yield* sh.report("[: missing ]");
				return 2;
			}
			args = args.slice(0, -1);
		}
		const r = evaluateTest(args, sysTestFiles(sh.sys), "dash");
		if (!r.ok) {
			yield* sh.report(`${name}: ${dashTestMessage(r.error)}`);
			return 2;
		}
		return r.value ? 0 : 1;
	};
}

/** hash: dash remembers command locations; cgkit searches PATH every time, so there is nothing to list. */
// biome-ignore lint/correctness/useYield: a builtin that completes at once is still a Run.
function* hash(): Run<number> {
	return 0;
}

/** times: user and system CPU time of the shell and its children (no CPU accounting yet: zero). */
function* times(sh: Shell): Run<number> {
	return yield* withStdout(sh, "times", function* (out) {
		yield* out.put("0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n");
		return 0;
	});
}

export const SPECIAL_BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
	[".", dot],
	[":", colon],
	["break", loopControl(false)],
	["continue", loopControl(true)],
	["eval", evalBuiltin],
	["local", local],
	["exec", execBuiltin],
	["exit", exitBuiltin],
	["export", attribute("export")],
	["readonly", attribute("readonly")],
	["return", returnBuiltin],
	["set", set],
	["shift", shift],
	["times", times],
	["trap", trap],
	["unset", unset],
]);

export const BUILTINS: Map<string, Builtin> = new Map<string, Builtin>([
	["cd", cd],
	["chdir", cd],
	["command", command],
	["echo", echo],
	["false", falseBuiltin],
	["getopts", getopts],
	["hash", hash],
	["kill", killBuiltin],
	["printf", printf],
	["pwd", pwd],
	["read", read],
	["test", testBuiltin(false)],
	["[", testBuiltin(true)],
	["true", colon],
	["type", typeBuiltin],
	["umask", umask],
	["wait", wait],
]);
