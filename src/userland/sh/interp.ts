/**
 * The shell interpreter (dash's eval.c, jobs.c and redir.c as one walk of
 * the syntax tree). Every command that dash forks for is a forked emulated
 * process: pipelines, subshells, command substitutions, background lists
 * and external programs (fork + execve). Builtins and functions run in the
 * shell process itself, with redirections saved and restored around them.
 */

import {
	F_DUPFD_CLOEXEC,
	isReg,
	O_APPEND,
	O_CREAT,
	O_EXCL,
	O_RDONLY,
	O_RDWR,
	O_TRUNC,
	O_WRONLY,
} from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import {
	SIG_DFL,
	SIG_HANDLER,
	SIG_IGN,
	SIGFPE,
	SIGINT,
	SIGPIPE,
	SIGQUIT,
	SIGTERM,
} from "../../kernel/signal.ts";
import { WouldBlock } from "../../kernel/wait.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";
import { strsignal } from "../strsignal.ts";
import { ArithError, ArithTrap } from "./arith.ts";
import type {
	AndOr,
	Case,
	Command,
	For,
	If,
	List,
	Loop,
	Pipeline,
	Redir,
	SimpleCommand,
	Word,
} from "./ast.ts";
import { BUILTINS, type Builtin, SPECIAL_BUILTINS } from "./builtins.ts";
import { FunctionReturn, LoopControl, ShellError, ShellExit } from "./control.ts";
import { type ExpandEnv, Expander } from "./expand.ts";
import { Parser, ShSyntaxError } from "./parse.ts";
import { matchPattern, type PatPiece } from "./pattern.ts";
import type { Job, ShellState } from "./state.ts";

/** Commands run between two preemptions of a CPU-bound shell. */
const PREEMPT_EVERY = 256;
/** Where dash saves descriptors it redirects around builtins (above 10). */
const SAVE_FD_MIN = 10;

/** A descriptor a builtin's redirection replaced: restored afterwards. */
interface SavedFd {
	readonly fd: number;
	/** The saved copy, or -1 when `fd` was closed before. */
	readonly copy: number;
}

/** Error texts dash uses instead of strerror for failed redirections. */
function openErrorText(e: KernelError, creating: boolean): string {
	if (creating && (e.code === "ENOENT" || e.code === "ENOTDIR")) return "Directory nonexistent";
	if (e.code === "ENOENT") return "No such file";
	return e.strerror;
}

/** The exit status of a wait status. */
export function statusOf(waitStatus: number): number {
	const sig = waitStatus & 0x7f;
	if (sig === 0) return (waitStatus >> 8) & 0xff;
	if (sig === 0x7f) return 128 + ((waitStatus >> 8) & 0xff);
	return 128 + sig;
}

export class Shell implements ExpandEnv {
	readonly sys: Sys;
	state: ShellState;
	readonly expander: Expander;
	/** set -n: commands are read but not run (ignored by interactive shells). */
	get noExec(): boolean {
		return this.state.options.has("n") && !this.state.interactive;
	}

	/** Where the parser of the running command stopped (dash reports some run-time syntax errors there). */
	parserLine = 1;
	/** $LINENO: the line of the command being run. */
	lineno = 1;
	/** The builtin running now (dash's commandname), named in error messages. */
	commandName: string | null = null;
	/** >0 while running a condition (if/while test, && || left side, !): set -e does not apply. */
	private condDepth = 0;
	private sincePreempt = 0;
	/** Exit status of the last command substitution (for assignment-only commands). */
	private substStatus = -1;
	/** A child between fork and exec that still reads its parent's state (forkExec). */
	private sharedState = false;
	/** Nesting of `.` scripts (where `return` ends the script). */
	inDotScript = 0;
	/** getopts' position inside a cluster of options. */
	getoptsState = { optind: 1, sub: 1 };

	constructor(sys: Sys, state: ShellState) {
		this.sys = sys;
		this.state = state;
		this.expander = new Expander(this);
	}

	// ------------------------------------------------------------ errors

	/** "sh: 3: " */
	get prefix(): string {
		return `${this.state.arg0}: ${this.lineno}: `;
	}

	/** Write to the shell's stderr, ignoring failures. */
	*warn(text: string): Run<void> {
		try {
			yield* this.sys.write(2, text);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}

	/**
	 * An error message with the shell prefix. While a builtin runs (eval, a
	 * dot script...), dash's prefix also names it (commandname), unless the
	 * message is the builtin's own and already starts with its name.
	 */
	*report(message: string): Run<void> {
		const cn = this.commandName;
		const inner = cn !== null && !message.startsWith(`${cn}: `) ? `${cn}: ` : "";
		yield* this.warn(`${this.prefix}${inner}${message}\n`);
	}

	/**
	 * A shell error (bad expansion, builtin failure): reported, then thrown
	 * as a ShellError that ends the shell unless a regular builtin or an
	 * interactive prompt catches it.
	 */
	*fatal(message: string, status = 2): Run<never> {
		yield* this.report(message);
		throw new ShellError(status);
	}

	/** ExpandEnv.fail: expansion errors are reported and fatal. */
	fail(message: string): never {
		throw new ExpansionFailure(message);
	}

	// --------------------------------------------------------- ExpandEnv

	*commandSubst(body: List): Run<string> {
		const [r, w] = this.sys.vfs.pipe2(this.sys.task, 0);
		let pid: number;
		try {
			pid = this.forkShell((sh) => {
				const vfs = sh.sys.vfs;
				const task = sh.sys.task;
				vfs.close(task, r);
				if (w !== 1) {
					vfs.dup2(task, w, 1);
					vfs.close(task, w);
				}
				return sh.list(body, true);
			});
		} finally {
			this.sys.vfs.close(this.sys.task, w);
		}
		let out = "";
		try {
			for (;;) {
				let chunk: Uint8Array;
				try {
					chunk = yield* this.sys.read(r, 65536);
				} catch (e) {
					if (e instanceof KernelError && e.code === "EINTR") continue;
					throw e;
				}
				if (chunk.length === 0) break;
				// dash drops NUL bytes from a command substitution's output.
				for (let i = 0; i < chunk.length; i++)
					if (chunk[i] !== 0) out += String.fromCharCode(chunk[i]!);
			}
		} finally {
			this.sys.vfs.close(this.sys.task, r);
		}
		const job = this.newJob([pid], "", false);
		const status = yield* this.waitJob(job);
		this.state.lastStatus = status;
		this.substStatus = status;
		return out;
	}

	listDir(path: string): string[] | null {
		try {
			return [".", "..", ...this.sys.vfs.readdir(this.sys.task, path)];
		} catch (e) {
			if (e instanceof KernelError) return null;
			throw e;
		}
	}

	exists(path: string): boolean {
		try {
			this.sys.vfs.lstat(this.sys.task, path);
			return true;
		} catch (e) {
			if (e instanceof KernelError) return false;
			throw e;
		}
	}

	homeOf(user: string): string | null {
		let passwd: string;
		try {
			passwd = this.sys.vfs.readFile(this.sys.task, "/etc/passwd");
		} catch {
			return null;
		}
		for (const line of passwd.split("\n")) {
			const f = line.split(":");
			if (f[0] === user && f.length >= 6) return f[5]!;
		}
		return null;
	}

	// ------------------------------------------------------- evaluation

	/**
	 * Run the commands of a string (eval, ., sh -c) one complete command at
	 * a time. `origin` names eval or the sourced file in syntax errors.
	 */
	*evalString(source: string, startLine = 1, origin: string | null = null): Run<number> {
		const parser = new Parser(source, { startLine });
		let status = 0;
		for (;;) {
			let cmd: List | null;
			try {
				cmd = parser.next();
			} catch (e) {
				if (e instanceof ShSyntaxError) {
					this.lineno = e.line;
					yield* this.fatal(`${origin === null ? "" : `${origin}: `}Syntax error: ${e.detail}`);
				}
				throw e;
			}
			if (cmd === null) break;
			this.parserLine = parser.line;
			if (this.noExec) continue;
			status = yield* this.list(cmd, false);
			yield* this.runPendingTraps();
		}
		return status;
	}

	/** A command list. `exitAfter`: this process ends after it (a forked child), so the last external command may exec directly. */
	*list(list: List, exitAfter: boolean): Run<number> {
		const items = list.items;
		let status = this.state.lastStatus;
		for (let i = 0; i < items.length; i++) {
			const item = items[i]!;
			if (item.background) {
				status = yield* this.background(item.andor);
			} else {
				status = yield* this.andOr(item.andor, exitAfter && i === items.length - 1);
			}
			if (i < items.length - 1) yield* this.runPendingTraps();
		}
		return status;
	}

	private *andOr(ao: AndOr, exitAfter: boolean): Run<number> {
		const rest = ao.rest;
		if (rest.length === 0) return yield* this.pipeline(ao.first, exitAfter);
		this.condDepth++;
		let status: number;
		try {
			status = yield* this.pipeline(ao.first, false);
		} finally {
			this.condDepth--;
		}
		for (let i = 0; i < rest.length; i++) {
			const { op, pipeline } = rest[i]!;
			if ((op === "&&") !== (status === 0)) continue;
			const last = i === rest.length - 1;
			if (!last) this.condDepth++;
			try {
				status = yield* this.pipeline(pipeline, exitAfter && last);
			} finally {
				if (!last) this.condDepth--;
			}
		}
		return status;
	}

	private *background(ao: AndOr): Run<number> {
		const interactive = this.state.interactive;
		const pid = this.forkShell((sh) => {
			// dash's forkchild() without job control (cgkit has none): a
			// background command ignores SIGINT and SIGQUIT.
			for (const sig of [SIGINT, SIGQUIT]) sh.sys.kernel.sigaction(sh.sys.task, sig, SIG_IGN);
			if (!interactive) sh.stdinFromDevNull(ao);
			return sh.andOr(ao, true);
		});
		this.state.lastBgPid = pid;
		this.newJob([pid], "", true);
		this.state.lastStatus = 0;
		return 0;
	}

	/** A background command's stdin is /dev/null unless it redirects it itself. */
	private stdinFromDevNull(ao: AndOr): void {
		const first = ao.first.commands[0];
		if (first !== undefined && "redirs" in first) {
			for (const r of first.redirs) {
				if ((r.fd ?? (r.op.startsWith("<") ? 0 : 1)) === 0) return;
			}
		}
		const { vfs, task } = this.sys;
		try {
			vfs.close(task, 0);
		} catch {}
		try {
			const fd = vfs.open(task, "/dev/null", O_RDONLY);
			if (fd !== 0) {
				vfs.dup2(task, fd, 0);
				vfs.close(task, fd);
			}
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}

	private *pipeline(pl: Pipeline, exitAfter: boolean): Run<number> {
		const cmds = pl.commands;
		if (pl.bang) this.condDepth++;
		let status: number;
		try {
			if (cmds.length === 1) {
				status = yield* this.command(cmds[0]!, exitAfter && !pl.bang);
			} else {
				status = yield* this.runPipeline(cmds);
			}
		} finally {
			if (pl.bang) this.condDepth--;
		}
		if (pl.bang) status = status === 0 ? 1 : 0;
		this.state.lastStatus = status;
		if (status !== 0 && !pl.bang) this.checkErrexit(status);
		return status;
	}

	/** set -e: a failed command ends the shell outside conditions. */
	private checkErrexit(status: number): void {
		if (this.state.options.has("e") && this.condDepth === 0) throw new ShellExit(status);
	}

	private *runPipeline(cmds: readonly Command[]): Run<number> {
		const { vfs, task } = this.sys;
		const pids: number[] = [];
		let prevRead = -1;
		for (let i = 0; i < cmds.length; i++) {
			const last = i === cmds.length - 1;
			let r = -1;
			let w = -1;
			if (!last) [r, w] = vfs.pipe2(task, 0);
			const inFd = prevRead;
			const cmd = cmds[i]!;
			pids.push(
				this.forkShell((sh) => {
					const v = sh.sys.vfs;
					const t = sh.sys.task;
					if (r >= 0) v.close(t, r);
					if (inFd >= 0 && inFd !== 0) {
						v.dup2(t, inFd, 0);
						v.close(t, inFd);
					}
					if (w >= 0 && w !== 1) {
						v.dup2(t, w, 1);
						v.close(t, w);
					}
					return sh.command(cmd, true);
				}),
			);
			if (inFd >= 0) vfs.close(task, inFd);
			if (w >= 0) vfs.close(task, w);
			prevRead = r;
		}
		const job = this.newJob(pids, "", false);
		return yield* this.waitJob(job);
	}

	/** One command of a pipeline. */
	*command(cmd: Command, exitAfter: boolean): Run<number> {
		this.lineno = cmd.line;
		if (++this.sincePreempt >= PREEMPT_EVERY) {
			this.sincePreempt = 0;
			yield* this.sys.preempt();
		}
		switch (cmd.type) {
			case "simple":
				return yield* this.simple(cmd, exitAfter);
			case "funcdef":
				this.state.functions.set(cmd.name, cmd.body);
				return 0;
			case "subshell": {
				if (exitAfter)
					return yield* this.withRedirs(cmd.redirs, false, () => this.list(cmd.body, true));
				const body = cmd.body;
				const redirs = cmd.redirs;
				const pid = this.forkShell((sh) => sh.withRedirs(redirs, false, () => sh.list(body, true)));
				return yield* this.waitJob(this.newJob([pid], "", false));
			}
			case "group":
				return yield* this.withRedirs(cmd.redirs, false, () => this.list(cmd.body, exitAfter));
			case "if":
				return yield* this.withRedirs(cmd.redirs, false, () => this.ifCommand(cmd));
			case "for":
				return yield* this.withRedirs(cmd.redirs, false, () => this.forCommand(cmd));
			case "while":
			case "until":
				return yield* this.withRedirs(cmd.redirs, false, () => this.loop(cmd));
			case "case":
				return yield* this.withRedirs(cmd.redirs, false, () => this.caseCommand(cmd));
		}
	}

	private *cond(list: List): Run<number> {
		this.condDepth++;
		try {
			return yield* this.list(list, false);
		} finally {
			this.condDepth--;
		}
	}

	private *ifCommand(cmd: If): Run<number> {
		for (const clause of cmd.clauses) {
			if ((yield* this.cond(clause.cond)) === 0) return yield* this.list(clause.body, false);
		}
		if (cmd.orElse !== null) return yield* this.list(cmd.orElse, false);
		return 0;
	}

	/** Run a loop body, handling break/continue aimed at this loop. */
	private *loopBody(body: List): Run<"break" | "continue" | number> {
		try {
			return yield* this.list(body, false);
		} catch (e) {
			if (!(e instanceof LoopControl)) throw e;
			if (e.levels > 1) throw new LoopControl(e.levels - 1, e.isContinue);
			return e.isContinue ? "continue" : "break";
		}
	}

	private *forCommand(cmd: For): Run<number> {
		const values =
			cmd.words === null ? [...this.state.positional] : yield* this.expandFields(cmd.words);
		let status = 0;
		this.state.loopDepth++;
		try {
			for (const v of values) {
				if (!this.state.set(cmd.name, v)) yield* this.fatal(`${cmd.name}: is read only`);
				const r = yield* this.loopBody(cmd.body);
				if (r === "break") break;
				if (r !== "continue") status = r;
			}
		} finally {
			this.state.loopDepth--;
		}
		return status;
	}

	private *loop(cmd: Loop): Run<number> {
		let status = 0;
		this.state.loopDepth++;
		try {
			for (;;) {
				const c = yield* this.cond(cmd.cond);
				if ((c === 0) !== (cmd.type === "while")) break;
				const r = yield* this.loopBody(cmd.body);
				if (r === "break") break;
				if (r !== "continue") status = r;
			}
		} finally {
			this.state.loopDepth--;
		}
		return status;
	}

	private *caseCommand(cmd: Case): Run<number> {
		const word = yield* this.expandString(cmd.word);
		const items = cmd.items;
		for (let i = 0; i < items.length; i++) {
			let hit = false;
			for (const p of items[i]!.patterns) {
				const pat = yield* this.expandPattern(p);
				if (matchPattern(pat, word)) {
					hit = true;
					break;
				}
			}
			if (!hit) continue;
			let status = 0;
			for (let k = i; k < items.length; k++) {
				const body = items[k]!.body;
				status = body === null ? 0 : yield* this.list(body, false);
				if (!items[k]!.fallthrough) break;
			}
			return status;
		}
		return 0;
	}

	// ------------------------------------------------------- expansion

	private *guard<T>(run: Run<T>): Run<T> {
		try {
			return yield* run;
		} catch (e) {
			if (e instanceof ExpansionFailure) yield* this.fatal(e.message);
			if (e instanceof ArithError) yield* this.fatal(e.message);
			if (e instanceof ArithTrap) {
				// dash divides INTMAX_MIN by -1 in C: the shell dies of SIGFPE.
				this.sys.kernel.sendSignal(this.sys.task, SIGFPE);
				yield* this.sys.checkSelf();
			}
			throw e;
		}
	}

	*expandFields(words: readonly Word[]): Run<string[]> {
		return yield* this.guard(this.expander.fields(words));
	}

	*expandString(word: Word): Run<string> {
		return yield* this.guard(this.expander.string(word));
	}

	private *expandPattern(word: Word): Run<PatPiece[]> {
		return yield* this.guard(this.expander.pattern(word));
	}

	// ------------------------------------------------- simple commands

	private *simple(cmd: SimpleCommand, exitAfter: boolean): Run<number> {
		this.substStatus = -1;
		const argv = yield* this.expandFields(cmd.words);
		const assigns: [string, string][] = [];
		if (argv.length > 0) {
			for (const a of cmd.assigns) assigns.push([a.name, yield* this.expandString(a.value)]);
		}
		if (argv.length > 0 && this.state.options.has("x")) yield* this.xtrace(assigns, argv);

		if (argv.length === 0) {
			// Assignments alone take effect left to right: a=1 b=$a sets b to 1.
			for (const a of cmd.assigns) {
				const value = yield* this.expandString(a.value);
				assigns.push([a.name, value]);
				if (!this.state.set(a.name, value)) yield* this.fatal(`${a.name}: is read only`);
			}
			if (assigns.length > 0 && this.state.options.has("x")) yield* this.xtrace(assigns, argv);
			const status = this.substStatus >= 0 ? this.substStatus : 0;
			if (cmd.redirs.length === 0) return status;
			// biome-ignore lint/correctness/useYield: a body that completes at once is still a Run.
			return yield* this.withRedirs(cmd.redirs, false, function* () {
				return status;
			});
		}

		const name = argv[0]!;
		if (!name.includes("/")) {
			const special = SPECIAL_BUILTINS.get(name);
			if (name === "exec" && argv.length === 1) {
				// exec without a command: the redirections stay.
				return (yield* this.applyRedirs(cmd.redirs, null)) ? 0 : this.redirFailed(true);
			}
			if (special !== undefined) {
				for (const [n, v] of assigns) {
					if (!this.state.set(n, v)) yield* this.fatal(`${n}: is read only`);
				}
				return yield* this.withRedirs(cmd.redirs, true, () => this.runBuiltin(special, argv, true));
			}
			const fn = this.state.functions.get(name);
			if (fn !== undefined) {
				return yield* this.withTempVars(assigns, () =>
					this.withRedirs(cmd.redirs, false, () => this.callFunction(fn, argv)),
				);
			}
			const builtin = BUILTINS.get(name);
			if (builtin !== undefined) {
				return yield* this.withTempVars(assigns, () =>
					this.withRedirs(cmd.redirs, false, () => this.runBuiltin(builtin, argv, false)),
				);
			}
		}
		const env = this.state.environ(new Map(assigns));
		if (!name.includes("/")) this.lookupPath(name);
		if (exitAfter) {
			return yield* this.withRedirs(cmd.redirs, false, () => this.execCommand(argv, env));
		}
		const redirs = cmd.redirs;
		const pid =
			redirs.length === 0
				? this.forkExec(argv, env)
				: this.forkShell((sh) => sh.withRedirs(redirs, false, () => sh.execCommand(argv, env)));
		return yield* this.waitJob(this.newJob([pid], "", false));
	}

	private *xtrace(assigns: [string, string][], argv: string[]): Run<void> {
		const ps4 = this.state.get("PS4") ?? "+ ";
		const words = [...assigns.map(([n, v]) => `${n}=${v}`), ...argv];
		yield* this.warn(`${ps4}${words.join(" ")}\n`);
	}

	/** Variable assignments in effect for one builtin or function call only. */
	private *withTempVars(assigns: [string, string][], body: () => Run<number>): Run<number> {
		if (assigns.length === 0) return yield* body();
		const saved: [string, ReturnType<ShellState["vars"]["get"]>][] = [];
		for (const [n, v] of assigns) {
			const old = this.state.vars.get(n);
			if (old?.readonly) yield* this.fatal(`${n}: is read only`);
			saved.push([n, old === undefined ? undefined : { ...old }]);
			this.state.putVar(n, { value: v, exported: true, readonly: false });
		}
		try {
			return yield* body();
		} finally {
			for (const [n, old] of saved.reverse()) {
				this.state.putVar(n, old);
			}
		}
	}

	/** A builtin's errors end the shell only for special builtins (XCU 2.8.1). */
	*runBuiltin(b: Builtin, argv: string[], special: boolean): Run<number> {
		// evalbltin(): commandname is the builtin's name while it runs;
		// `command` is no builtin of its own there (evalcommand() reads it
		// as a prefix), so it leaves the name alone.
		const saved = this.commandName;
		if (argv[0] !== "command") this.commandName = argv[0] ?? null;
		try {
			return yield* b(this, argv);
		} catch (e) {
			if (!(e instanceof ShellError) || special) throw e;
			return e.status;
		} finally {
			this.commandName = saved;
		}
	}

	*callFunction(body: Command, argv: string[]): Run<number> {
		const st = this.state;
		const savedPositional = st.positional;
		st.positional = argv.slice(1);
		st.funcDepth++;
		st.localFrames.push(new Map());
		const savedLoop = st.loopDepth;
		st.loopDepth = 0;
		try {
			return yield* this.command(body, false);
		} catch (e) {
			if (e instanceof FunctionReturn) return e.status;
			throw e;
		} finally {
			st.loopDepth = savedLoop;
			const frame = st.localFrames.pop()!;
			for (const [n, old] of frame) {
				st.putVar(n, old);
			}
			st.funcDepth--;
			st.positional = savedPositional;
		}
	}

	/**
	 * Execute an external command in this process (which ends here): PATH
	 * search, execve, and dash's messages when that fails.
	 */
	*execCommand(argv: string[], env: string[], what = ""): Run<number> {
		const name = argv[0]!;
		const hashed = name.includes("/") ? undefined : this.state.hash.get(name);
		let candidates = name.includes("/")
			? [name]
			: hashed !== undefined
				? [hashed]
				: this.pathSearch(name);
		let err: KernelError | null = null;
		let researched = false;
		for (let i = 0; i < candidates.length; i++) {
			const path = candidates[i]!;
			try {
				try {
					return yield* this.sys.execve(path, argv, env);
				} catch (e) {
					// tryexec(): a file the kernel cannot run is run by /bin/sh,
					// as ["/bin/sh", path, args...].
					if (!(e instanceof KernelError) || e.code !== "ENOEXEC") throw e;
					return yield* this.sys.execve("/bin/sh", ["/bin/sh", path, ...argv.slice(1)], env);
				}
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				// dash remembers the first error other than ENOENT/ENOTDIR.
				if (err === null || (err.code === "ENOENT" && e.code !== "ENOTDIR")) err = e;
				if (hashed !== undefined && path === hashed && e.code === "ENOENT" && !researched) {
					// The remembered file is gone: forget it and search again, once.
					researched = true;
					if (!this.sharedState) this.state.hash.delete(name);
					candidates = this.pathSearch(name);
					i = -1;
					err = null;
				}
			}
		}
		if (err === null || err.code === "ENOENT" || err.code === "ENOTDIR") {
			yield* this.report(`${what}${name}: not found`);
			return 127;
		}
		yield* this.report(`${what}${name}: ${err.strerror}`);
		return 126;
	}

	/** Run an external command (no function or builtin lookup), waiting for it. */
	*runExternal(argv: string[]): Run<number> {
		const env = this.state.environ();
		const pid = this.forkShell((sh) => sh.execCommand(argv, env));
		return yield* this.waitJob(this.newJob([pid], "", false));
	}

	/** find_command(): the file a command name runs, remembered in the hash table. */
	lookupPath(name: string): string | null {
		const cached = this.state.hash.get(name);
		if (cached !== undefined) return cached;
		const found = this.pathSearch(name)[0];
		if (found !== undefined) this.state.hash.set(name, found);
		return found ?? null;
	}

	/** Candidate paths for a command name along $PATH. */
	pathSearch(name: string): string[] {
		const path =
			this.state.get("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
		const out: string[] = [];
		for (const dir of path.split(":")) {
			const full = dir === "" ? name : `${dir}/${name}`;
			try {
				const st = this.sys.vfs.stat(this.sys.task, full);
				if (isReg(st.mode)) out.push(full);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
			}
		}
		return out;
	}

	// ---------------------------------------------------- redirections

	/**
	 * Run `body` with redirections applied. Around a command that runs in
	 * this shell, the replaced descriptors are saved and restored. A failed
	 * redirection makes the command fail with status 2 (fatal for special
	 * builtins).
	 */
	*withRedirs(redirs: readonly Redir[], special: boolean, body: () => Run<number>): Run<number> {
		if (redirs.length === 0) return yield* body();
		const saved: SavedFd[] = [];
		try {
			const ok = yield* this.applyRedirs(redirs, saved);
			if (!ok) return this.redirFailed(special);
			return yield* body();
		} finally {
			this.restoreFds(saved);
		}
	}

	/** A redirection failed: status 2, or the end of a non-interactive shell for special builtins. */
	private redirFailed(special: boolean): number {
		if (special) throw new ShellError(2);
		return 2;
	}

	private saveFd(fd: number, saved: SavedFd[] | null): void {
		if (saved === null || saved.some((s) => s.fd === fd)) return;
		const { vfs, task } = this.sys;
		let copy = -1;
		try {
			copy = vfs.fcntl(task, fd, F_DUPFD_CLOEXEC, SAVE_FD_MIN);
		} catch (e) {
			if (!(e instanceof KernelError) || e.code !== "EBADF") throw e;
		}
		saved.push({ fd, copy });
	}

	private restoreFds(saved: SavedFd[]): void {
		const { vfs, task } = this.sys;
		for (let i = saved.length - 1; i >= 0; i--) {
			const s = saved[i]!;
			try {
				if (s.copy >= 0) {
					vfs.dup2(task, s.copy, s.fd);
					vfs.close(task, s.copy);
				} else {
					vfs.close(task, s.fd);
				}
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
			}
		}
	}

	/** Apply redirections in order; false (after the message) when one fails. */
	private *applyRedirs(redirs: readonly Redir[], saved: SavedFd[] | null): Run<boolean> {
		const { vfs, task } = this.sys;
		for (const r of redirs) {
			const fd =
				r.fd ?? (r.op === "<" || r.op === "<&" || r.op === "<>" || r.op.startsWith("<<") ? 0 : 1);
			if (r.heredoc !== undefined) {
				const body = r.heredoc.quoted
					? r.heredoc.body.parts.map((p) => ("text" in p ? p.text : "")).join("")
					: yield* this.expandString(r.heredoc.body);
				this.saveFd(fd, saved);
				yield* this.heredocInput(fd, body);
				continue;
			}
			const target = yield* this.expandString(r.target);
			if (r.op === ">&" || r.op === "<&") {
				this.saveFd(fd, saved);
				if (target === "-") {
					try {
						vfs.close(task, fd);
					} catch {}
					continue;
				}
				if (!/^\d$/.test(target)) {
					// dash raises this as a syntax error at the parser's position.
					this.lineno = this.parserLine;
					yield* this.fatal("Syntax error: Bad fd number");
				}
				const src = Number(target);
				if (src === fd) {
					try {
						vfs.fcntl(task, fd, 1);
					} catch {
						yield* this.report(`${target}: Bad file descriptor`);
						return false;
					}
					continue;
				}
				try {
					vfs.dup2(task, src, fd);
				} catch (e) {
					if (!(e instanceof KernelError)) throw e;
					yield* this.report(`${target}: ${e.strerror}`);
					return false;
				}
				continue;
			}
			let flags: number;
			const creating = r.op !== "<";
			switch (r.op) {
				case "<":
					flags = O_RDONLY;
					break;
				case "<>":
					flags = O_RDWR | O_CREAT;
					break;
				case ">>":
					flags = O_WRONLY | O_CREAT | O_APPEND;
					break;
				case ">":
					flags = this.state.options.has("C")
						? O_WRONLY | O_CREAT | O_EXCL
						: O_WRONLY | O_CREAT | O_TRUNC;
					break;
				default:
					flags = O_WRONLY | O_CREAT | O_TRUNC;
			}
			let opened: number;
			try {
				opened = vfs.open(task, target, flags, 0o666);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				const verb = creating ? "create" : "open";
				yield* this.report(`cannot ${verb} ${target}: ${openErrorText(e, creating)}`);
				return false;
			}
			if (opened !== fd) {
				this.saveFd(fd, saved);
				vfs.dup2(task, opened, fd);
				vfs.close(task, opened);
			} else {
				// The descriptor was free: closing it restores the state.
				if (saved !== null && !saved.some((s) => s.fd === fd)) saved.push({ fd, copy: -1 });
			}
		}
		return true;
	}

	/** A here-document: its body through a pipe on `fd` (a writer child when it does not fit). */
	private *heredocInput(fd: number, body: string): Run<void> {
		const { vfs, task } = this.sys;
		const [r, w] = vfs.pipe2(task, 0);
		if (body.length <= 4096) {
			if (body.length > 0) yield* this.sys.write(w, body);
			vfs.close(task, w);
		} else {
			this.forkShell(function* (sh) {
				sh.sys.vfs.close(sh.sys.task, r);
				yield* sh.sys.write(w, body);
				return 0;
			});
			vfs.close(task, w);
		}
		if (r !== fd) {
			vfs.dup2(task, r, fd);
			vfs.close(task, r);
		}
	}

	// ------------------------------------------------------ processes

	/** fork() a subshell running `body`; returns the child's pid. */
	forkShell(body: (sh: Shell) => Run<number>): number {
		const parentState = this.state;
		return this.forkOrFail((csys) => {
			const child = new Shell(csys, parentState.fork());
			child.lineno = this.lineno;
			child.commandName = this.commandName;
			child.condDepth = this.condDepth;
			child.resetTrapsForSubshell(parentState.interactive);
			return child.subshellMain(body);
		});
	}

	/**
	 * fork() + execve() of an external command without redirections: the
	 * child execs at once, so it reads the parent's memory without copying
	 * it (the parent is waiting for it meanwhile).
	 */
	private forkExec(argv: string[], env: string[]): number {
		const state = this.state;
		const lineno = this.lineno;
		const commandName = this.commandName;
		return this.forkOrFail((csys) => {
			const child = new Shell(csys, state);
			child.sharedState = true;
			child.lineno = lineno;
			child.commandName = commandName;
			if (state.interactive) {
				for (const sig of [SIGINT, SIGTERM, SIGQUIT])
					csys.kernel.sigaction(csys.task, sig, SIG_DFL);
			}
			return child.execCommand(argv, env);
		});
	}

	/** forkshell(): a failed fork() is a shell error ("Cannot fork"). */
	private forkOrFail(child: (sys: Sys) => Run<number>): number {
		try {
			return this.sys.fork(child);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			try {
				this.sys.vfs.write(this.sys.task, 2, `${this.prefix}Cannot fork\n`);
			} catch (w) {
				if (!(w instanceof KernelError) && !(w instanceof WouldBlock)) throw w;
			}
			throw new ShellError(2);
		}
	}

	/** Traps that run commands are reset in a subshell; ignored signals stay ignored. */
	private resetTrapsForSubshell(interactiveParent: boolean): void {
		const st = this.state;
		if (interactiveParent) {
			// What the interactive shell ignored for itself, its children do not.
			for (const sig of [SIGINT, SIGTERM, SIGQUIT]) {
				if (!st.traps.has(sig)) this.sys.kernel.sigaction(this.sys.task, sig, SIG_DFL);
			}
		}
		for (const [sig, action] of [...st.traps]) {
			if (action.kind === "ignore") continue;
			st.traps.delete(sig);
			if (sig !== 0) this.sys.kernel.sigaction(this.sys.task, sig, SIG_DFL);
		}
	}

	private *subshellMain(body: (sh: Shell) => Run<number>): Run<number> {
		let status: number;
		try {
			status = yield* body(this);
		} catch (e) {
			if (e instanceof ShellExit || e instanceof ShellError) status = e.status;
			else if (e instanceof FunctionReturn) status = e.status;
			else if (e instanceof LoopControl) status = 0;
			else throw e;
		}
		return yield* this.exitShell(status);
	}

	/** The end of a (sub)shell: the EXIT trap runs, then the process exits. */
	*exitShell(status: number): Run<number> {
		const trap = this.state.traps.get(0);
		if (trap !== undefined && trap.kind === "command") {
			this.state.traps.delete(0);
			this.state.lastStatus = status;
			try {
				yield* this.evalString(trap.text);
			} catch (e) {
				if (e instanceof ShellExit || e instanceof ShellError) return e.status;
				throw e;
			}
		}
		return status;
	}

	newJob(pids: number[], command: string, background: boolean): Job {
		const job: Job = {
			pids,
			statuses: pids.map(() => -1),
			command,
			background,
			stopped: false,
		};
		this.state.jobs.push(job);
		return job;
	}

	/** Record a reaped child's status in its job. */
	private record(pid: number, status: number): void {
		for (const job of this.state.jobs) {
			const i = job.pids.indexOf(pid);
			if (i >= 0) {
				job.statuses[i] = status;
				return;
			}
		}
	}

	/** Reap one child (blocking); false when there are none. Interrupted by caught signals when `interruptible`. */
	*reapOne(interruptible: boolean): Run<boolean | "interrupted"> {
		for (;;) {
			let r: { pid: number; status: number } | null;
			try {
				r = yield* this.sys.wait4(-1, 0);
			} catch (e) {
				if (!(e instanceof KernelError)) throw e;
				if (e.code === "ECHILD") return false;
				if (e.code === "EINTR") {
					if (interruptible) return "interrupted";
					continue;
				}
				throw e;
			}
			if (r !== null) {
				this.record(r.pid, r.status);
				return true;
			}
		}
	}

	/** waitforjob(): wait for every process of a foreground job; its status. */
	*waitJob(job: Job): Run<number> {
		while (job.statuses.includes(-1)) {
			const r = yield* this.reapOne(false);
			if (r === false) break;
		}
		this.state.jobs.splice(this.state.jobs.indexOf(job), 1);
		const ws = job.statuses[job.statuses.length - 1]!;
		const sig = ws & 0x7f;
		if (sig !== 0 && sig !== 0x7f && sig !== SIGINT && sig !== SIGPIPE) {
			yield* this.warn(`${strsignal(sig)}\n`);
		}
		return ws < 0 ? 127 : statusOf(ws);
	}

	// ----------------------------------------------------------- traps

	/** Set a trap (or reset with null). */
	setTrap(
		sig: number,
		action: { kind: "ignore" } | { kind: "command"; text: string } | null,
	): void {
		const st = this.state;
		if (action === null) st.traps.delete(sig);
		else st.traps.set(sig, action);
		if (sig === 0) return;
		const { kernel, task } = this.sys;
		kernel.sigaction(
			task,
			sig,
			action === null ? SIG_DFL : action.kind === "ignore" ? SIG_IGN : SIG_HANDLER,
		);
	}

	/** dotrap(): run the commands of signals that arrived. */
	*runPendingTraps(): Run<void> {
		const { kernel, task } = this.sys;
		for (let sig = kernel.dequeueSignal(task); sig !== 0; sig = kernel.dequeueSignal(task)) {
			yield* this.runTrap(sig);
		}
	}

	/** Run the trap command of a signal that arrived (if it has one). */
	*runTrap(sig: number): Run<void> {
		const trap = this.state.traps.get(sig);
		if (trap === undefined || trap.kind !== "command") return;
		const saved = this.state.lastStatus;
		yield* this.evalString(trap.text);
		this.state.lastStatus = saved;
	}
}

/** Thrown by expansion (through ExpandEnv.fail); reported as a fatal error. */
export class ExpansionFailure {
	readonly message: string;
	constructor(message: string) {
		this.message = message;
	}
}
