/**
 * The sh program (/usr/bin/dash, /bin/sh): options, the script source
 * (-c string, a file, or standard input read a line at a time so that
 * commands reading stdin see the rest), the command loop, and exit with the
 * EXIT trap. An interactive shell prompts on stderr and survives errors.
 */
import { CAP_SETGID, CAP_SETUID } from "../../kernel/cred.ts";
import { KernelError } from "../../kernel/errno.ts";
import { SIG_HANDLER, SIG_IGN, SIGINT, SIGQUIT, SIGTERM } from "../../kernel/signal.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";
import type { List } from "./ast.ts";
import { ShellError, ShellExit } from "./control.ts";
import { Shell } from "./interp.ts";
import { NeedMoreInput, Parser, ShSyntaxError } from "./parse.ts";
import { DASH_FIXED_VARS, ShellState } from "./state.ts";

/** The prompt of cgkit's interactive shell (dash expands parameters in PS1). */
export const CGKIT_PS1 = "root@cgkit:$PWD# ";

interface Invocation {
	arg0: string;
	command: string | null;
	file: string | null;
	positional: string[];
	options: Set<string>;
	interactive: boolean | null;
	error: string | null;
}

/**
 * dash's setprivileged(0): without -p, a shell whose effective ids differ
 * from its real ones returns to the real ones, setuid(getuid()) then
 * setgid(getgid()) (their failures ignored), as __sys_setuid() and
 * __sys_setgid() do them: every id with CAP_SETUID (CAP_SETGID), else the
 * effective one.
 */
function dropPrivileges(sys: Sys): void {
	const { kernel, task } = sys;
	const { uid, gid } = task.cred;
	if (uid === task.cred.euid && gid === task.cred.egid) return;
	const set = (
		id: number,
		cap: number,
		setres: (r: number, e: number, s: number) => void,
	): void => {
		try {
			if (task.cred.capable(cap)) setres(id, id, id);
			else setres(-1, id, -1);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	};
	set(uid, CAP_SETUID, (r, e, s) => kernel.setresuid(task, r, e, s));
	set(gid, CAP_SETGID, (r, e, s) => kernel.setresgid(task, r, e, s));
}

function parseArgs(argv: readonly string[]): Invocation {
	const inv: Invocation = {
		arg0: argv[0] ?? "sh",
		command: null,
		file: null,
		positional: [],
		options: new Set(),
		interactive: null,
		error: null,
	};
	let i = 1;
	let wantCommand = false;
	let stdin = false;
	for (; i < argv.length; i++) {
		const a = argv[i]!;
		if (a === "--" || a === "-") {
			i++;
			break;
		}
		if ((a[0] !== "-" && a[0] !== "+") || a.length < 2) break;
		const on = a[0] === "-";
		for (const c of a.slice(1)) {
			if (c === "c") wantCommand = true;
			else if (c === "s") stdin = true;
			else if (c === "i") inv.interactive = on;
			else if ("efuxvCanmp".includes(c)) {
				if (on) inv.options.add(c);
				else inv.options.delete(c);
			} else {
				inv.error = `Illegal option ${a[0]}${c}`;
				return inv;
			}
		}
	}
	const rest = argv.slice(i);
	if (wantCommand) {
		if (rest.length === 0) {
			inv.error = "-c requires an argument";
			return inv;
		}
		inv.command = rest[0]!;
		if (rest.length > 1) inv.arg0 = rest[1]!;
		inv.positional = rest.slice(2);
	} else if (!stdin && rest.length > 0) {
		inv.file = rest[0]!;
		inv.arg0 = rest[0]!;
		inv.positional = rest.slice(1);
	} else {
		inv.positional = rest;
	}
	return inv;
}

export function* shMain(ctx: ProgramContext): Run<number> {
	const { sys, argv, envp } = ctx;
	const inv = parseArgs(argv);
	const state = new ShellState(inv.arg0, sys.pid);
	const sh = new Shell(sys, state);
	if (inv.error !== null) {
		sh.lineno = 0;
		yield* sh.report(inv.error);
		return 2;
	}
	if (!inv.options.has("p")) dropPrivileges(sys);
	// Their slots come first (see DASH_FIXED_VARS), still unset.
	for (const name of DASH_FIXED_VARS)
		state.putVar(name, { value: null, exported: false, readonly: false });
	for (const e of envp) {
		const eq = e.indexOf("=");
		if (eq > 0)
			state.putVar(e.slice(0, eq), { value: e.slice(eq + 1), exported: true, readonly: false });
	}
	state.positional = inv.positional;
	for (const o of inv.options) state.options.add(o);
	// dash resets IFS from the environment to the default (it stays exported).
	state.set("IFS", " \t\n");
	state.set("PS1", "# ");
	state.set("PS2", "> ");
	state.set("PS4", "+ ");
	state.set("OPTIND", "1");
	state.set("PPID", String(sys.ppid));
	initPwd(sh);
	const interactive = inv.interactive ?? false;
	state.interactive = interactive;
	if (interactive) {
		state.options.add("i");
		state.set("PS1", CGKIT_PS1);
		// An interactive shell catches SIGINT (a new prompt) and ignores SIGTERM and SIGQUIT.
		sys.kernel.sigaction(sys.task, SIGINT, SIG_HANDLER);
		for (const sig of [SIGTERM, SIGQUIT]) sys.kernel.sigaction(sys.task, sig, SIG_IGN);
	}

	let status = 0;
	try {
		if (inv.command !== null) {
			status = yield* sh.evalString(inv.command);
		} else if (inv.file !== null) {
			let text: string;
			try {
				text = sys.vfs.readFile(sys.task, inv.file);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				sh.lineno = 0;
				state.arg0 = argv[0] ?? "sh";
				const why = e.code === "ENOENT" ? "No such file" : e.strerror;
				yield* sh.report(`cannot open ${inv.file}: ${why}`);
				return 2;
			}
			status = yield* sh.evalString(text);
		} else {
			status = yield* commandLoop(sh, interactive);
		}
	} catch (e) {
		if (!(e instanceof ShellExit || e instanceof ShellError)) throw e;
		status = e.status;
	}
	return yield* sh.exitShell(status);
}

/** PWD from the environment when it names the current directory, else getcwd(). */
function initPwd(sh: Shell): void {
	const { vfs, task } = sh.sys;
	const cwd = vfs.getcwd(task);
	const env = sh.state.get("PWD");
	if (env?.startsWith("/")) {
		try {
			const a = vfs.stat(task, env!);
			const b = vfs.stat(task, ".");
			if (a.ino === b.ino && a.dev === b.dev) {
				sh.state.mark("PWD", "exported");
				sh.state.curdir = env!;
				return;
			}
		} catch {}
	}
	// setpwd() at startup: PWD is always exported.
	sh.state.curdir = cwd;
	sh.state.set("PWD", cwd);
	sh.state.mark("PWD", "exported");
}

/**
 * Read commands from standard input a line at a time (never reading past
 * the line, as dash reads a non-seekable input), run each complete command.
 */
function* commandLoop(sh: Shell, interactive: boolean): Run<number> {
	let status = 0;
	let pending = "";
	let startLine = 1;
	let eof = false;
	while (!eof) {
		if (interactive) {
			const ps = pending === "" ? (sh.state.get("PS1") ?? "") : (sh.state.get("PS2") ?? "");
			const prompt = yield* sh.expandString({ parts: [{ type: "dq", parts: parsePrompt(ps) }] });
			yield* sh.warn(prompt);
		}
		const line = yield* readLine(sh, interactive);
		if (line === "\x03") {
			// Ctrl-C at the prompt: the line is dropped, a fresh prompt follows.
			yield* sh.warn("\n");
			pending = "";
			continue;
		}
		if (line === null) {
			eof = true;
			if (pending === "") break;
		} else {
			pending += line;
		}
		let commands: List[];
		try {
			const parser = new Parser(pending, { startLine, interactive: !eof });
			commands = [];
			for (let c = parser.next(); c !== null; c = parser.next()) commands.push(c);
			sh.parserLine = parser.line;
		} catch (e) {
			if (e instanceof NeedMoreInput) continue;
			if (!(e instanceof ShSyntaxError)) throw e;
			startLine += countLines(pending);
			pending = "";
			sh.lineno = e.line;
			if (!interactive) {
				yield* sh.report(`Syntax error: ${e.detail}`);
				throw new ShellExit(2);
			}
			yield* sh.report(`Syntax error: ${e.detail}`);
			sh.state.lastStatus = 2;
			continue;
		}
		startLine += countLines(pending);
		pending = "";
		for (const cmd of commands) {
			if (sh.noExec) continue;
			try {
				status = yield* sh.list(cmd, false);
			} catch (e) {
				if (!(e instanceof ShellError)) throw e;
				status = e.status;
				sh.state.lastStatus = status;
			}
			yield* sh.runPendingTraps();
		}
	}
	return interactive ? sh.state.lastStatus : status;
}

function countLines(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
	return n;
}

/** A prompt string parsed as the inside of double quotes. */
function parsePrompt(ps: string): import("./ast.ts").WordPart[] {
	try {
		const parsed = new Parser(`: "${ps.replace(/["\\`]/g, "\\$&")}"`).next();
		const cmd = parsed?.items[0]?.andor.first.commands[0];
		if (cmd?.type === "simple") {
			const w = cmd.words[1]?.parts[0];
			if (w?.type === "dq") return [...w.parts];
		}
	} catch {}
	return [{ type: "lit", text: ps }];
}

/** One line from fd 0 including its newline, read byte by byte; null at EOF; "\x03" when SIGINT cut an interactive read. */
function* readLine(sh: Shell, interactive: boolean): Run<string | null> {
	let line = "";
	for (;;) {
		let b: Uint8Array;
		try {
			b = yield* sh.sys.read(0, 1);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			if (e.code === "EINTR") {
				const sig = sh.sys.kernel.dequeueSignal(sh.sys.task);
				if (interactive && sig === SIGINT && !sh.state.traps.has(SIGINT)) return "\x03";
				if (sig !== 0) yield* sh.runTrap(sig);
				yield* sh.runPendingTraps();
				continue;
			}
			return line === "" ? null : line;
		}
		if (b.length === 0) return line === "" ? null : line;
		const c = String.fromCharCode(b[0]!);
		line += c;
		if (c === "\n") return line;
	}
}
