/**
 * A shell session that runs one command line at a time, on the real host's
 * sandbox or on an emulated host prepared the same way: what `cgkit fuzz
 * --host` steps both sides with. The session's script is a read-eval loop
 * that ends each command's output with a marker line carrying its status.
 */
import type { HostFacts } from "../../host/facts.ts";
import { runOnHost, type ScriptInput, type ScriptRun } from "../../host/sandbox.ts";
import { runEmulated } from "./emulated.ts";

const MARKER = "@@cgkit-done ";

/** Reads a line, evaluates it with stdin from /dev/null, prints the marker. */
export const SESSION_SCRIPT = `while IFS= read -r cgkit_line; do eval "$cgkit_line" </dev/null; echo "${MARKER}$?"; done`;

export interface StepResult {
	/** What the command printed (stdout and stderr), as bytes in a latin1 string. */
	readonly output: string;
	readonly status: number;
}

/** `s` as a printf %b argument inside single quotes: newline, backslash and quote as \0ooo. */
function escapeForPrintfB(s: string): string {
	return s.replace(/[\n\\']/g, (c) => `\\0${c.charCodeAt(0).toString(8).padStart(3, "0")}`);
}

export class ShellSession {
	private buffer = "";
	private stdin: ScriptInput | null = null;
	private waiting: { resolve(r: StepResult): void; reject(e: Error): void } | null = null;
	private ended: Promise<ScriptRun> | null = null;
	/** Why the session is over, once it is. */
	private endedWith: Error | null = null;

	/** Start a session with `start`, which runs SESSION_SCRIPT with interactive I/O. */
	static open(
		start: (io: {
			onStart(stdin: ScriptInput): void;
			onOutput(chunk: string): void;
		}) => Promise<ScriptRun>,
	): ShellSession {
		const s = new ShellSession();
		s.ended = start({
			onStart: (stdin) => {
				s.stdin = stdin;
			},
			onOutput: (chunk) => s.feed(chunk),
		});
		// One handler for the session's end: it fails the command waiting then.
		const fail = (e: Error): void => {
			s.endedWith = e;
			const w = s.waiting;
			s.waiting = null;
			w?.reject(e);
		};
		s.ended.then(
			(r) =>
				fail(new Error(`the session ended (${r.timedOut ? "timed out" : `exit ${r.status}`})`)),
			fail,
		);
		return s;
	}

	private feed(chunk: string): void {
		this.buffer += chunk;
		const at = this.buffer.indexOf(`\n${MARKER}`);
		const start = this.buffer.startsWith(MARKER) ? 0 : at < 0 ? -1 : at + 1;
		if (start < 0) return;
		const end = this.buffer.indexOf("\n", start);
		if (end < 0 || this.waiting === null) return;
		const output = this.buffer.slice(0, start);
		const status = Number(this.buffer.slice(start + MARKER.length, end));
		this.buffer = this.buffer.slice(end + 1);
		const w = this.waiting;
		this.waiting = null;
		w.resolve({ output, status });
	}

	/**
	 * Run one command and wait for its output and status. The session reads
	 * a line at a time: a command with a newline inside travels as printf
	 * %b octal escapes, evaluated once more.
	 */
	run(command: string): Promise<StepResult> {
		if (this.stdin === null) throw new Error("the session has not started");
		if (this.endedWith !== null) return Promise.reject(this.endedWith);
		const line = command.includes("\n")
			? `eval "$(printf '%b' '${escapeForPrintfB(command)}')"`
			: command;
		return new Promise((resolve, reject) => {
			this.waiting = { resolve, reject };
			this.stdin!.write(`${line}\n`);
			this.feed("");
		});
	}

	/** End the session's input and wait for the whole run (and its cleanup). */
	close(): Promise<ScriptRun> {
		this.stdin?.end();
		return this.ended!;
	}
}

/** A session on the real kernel, in the sandbox (run as root only). */
export function openHostSession(prefix: string, timeoutMs: number): ShellSession {
	return ShellSession.open((interactive) =>
		runOnHost(SESSION_SCRIPT, { prefix, timeoutMs, interactive }),
	);
}

/** A session on an emulated host matching `facts`. */
export function openEmulatedSession(
	facts: HostFacts,
	prefix: string,
	timeoutMs: number,
): ShellSession {
	return ShellSession.open((interactive) =>
		runEmulated(SESSION_SCRIPT, facts, prefix, { timeoutMs, interactive }),
	);
}
