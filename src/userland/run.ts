/**
 * Running a program of the emulated host from the outside, as a test
 * harness or a terminal runs one: a fresh host is booted, the program is a
 * child of init whose stdin, stdout and stderr are pipes to the host, and
 * the scheduler runs until it exits. Host-independent (no Node APIs): the
 * caller supplies how to give its event loop a turn.
 */
import type { HostPipeReader, HostPipeWriter } from "../fs/pipe.ts";
import { binaryToBytes, binaryToUtf8, bytesToBinary, utf8ToBinary } from "../kernel/bytes.ts";
import { EXIT_DEAD, EXIT_ZOMBIE, type Task } from "../kernel/task.ts";
import { Sys } from "./proc/sys.ts";
import type { Run } from "./proc/types.ts";
import { DEFAULT_PATH, type SystemOptions, UserSystem } from "./system.ts";

export interface RunOptions extends SystemOptions {
	/** Arguments of sh (argv[1...]), e.g. ["-c", "echo hi"]. */
	args: string[];
	/** Everything the program will read on stdin (then EOF). */
	stdin?: string | Uint8Array;
	/** The working directory (created with its parents when missing). */
	cwd?: string;
	/** The environment; a login-like default when absent. */
	env?: Record<string, string>;
	/** The program to run; /bin/sh by default. */
	program?: string;
}

export interface RunResult {
	readonly status: number;
	readonly stdout: string;
	readonly stderr: string;
}

export const DEFAULT_ENV: Readonly<Record<string, string>> = {
	HOME: "/root",
	LOGNAME: "root",
	PATH: DEFAULT_PATH,
	SHELL: "/bin/sh",
	TERM: "dumb",
	USER: "root",
};

/** The exit status a shell reports for a wait status. */
export function exitStatusOf(waitStatus: number): number {
	const sig = waitStatus & 0x7f;
	return sig === 0 ? (waitStatus >> 8) & 0xff : 128 + sig;
}

/** A process of the emulated host wired to the host through pipes. */
export class HostProcess {
	readonly system: UserSystem;
	readonly task: Task;
	private readonly stdin: HostPipeWriter;
	private readonly outputs: [HostPipeReader, (bytes: Uint8Array) => void][];
	private pendingInput: Uint8Array[] = [];
	private inputClosed = false;

	constructor(
		system: UserSystem,
		onStdout: (bytes: Uint8Array) => void,
		onStderr: (bytes: Uint8Array) => void,
		parent: Task = system.kernel.init,
	) {
		this.system = system;
		const { vfs, kernel } = system;
		this.task = kernel.fork(parent);
		this.stdin = vfs.hostPipe(this.task, 0, "in");
		this.outputs = [
			[vfs.hostPipe(this.task, 1, "out"), onStdout],
			[vfs.hostPipe(this.task, 2, "out"), onStderr],
		];
		system.sched.hooks.afterStep = () => this.pump();
		system.sched.addHostQueue(this.stdin.readersWait);
	}

	/** Queue input for the process's stdin. */
	write(data: Uint8Array): void {
		if (data.length > 0) this.pendingInput.push(data);
		this.pump();
		this.system.sched.notifyHost();
	}

	/** End of input. */
	closeInput(): void {
		this.inputClosed = true;
		this.pump();
		this.system.sched.notifyHost();
	}

	/** Move input into the stdin pipe as space allows; drain stdout and stderr. */
	pump(): void {
		while (this.pendingInput.length > 0 && !this.stdin.closed && !this.stdin.broken) {
			const chunk = this.pendingInput[0]!;
			const n = this.stdin.write(chunk);
			if (n === 0) break;
			if (n < chunk.length) this.pendingInput[0] = chunk.subarray(n);
			else this.pendingInput.shift();
		}
		if (this.stdin.broken) this.pendingInput = [];
		if (this.inputClosed && this.pendingInput.length === 0 && !this.stdin.closed)
			this.stdin.close();
		for (const [reader, sink] of this.outputs) {
			if (reader.closed) continue;
			for (let b = reader.read(); b.length > 0; b = reader.read()) sink(b);
		}
	}

	/** Has the process exited? */
	get exited(): boolean {
		return this.task.exitState === EXIT_ZOMBIE || this.task.exitState === EXIT_DEAD;
	}

	/** Start `path` with `argv` in the process. */
	exec(path: string, argv: string[], envp: string[]): void {
		const sys = new Sys(this.system, this.task);
		const run = (function* (): Run<number> {
			return yield* sys.execve(path, argv, envp);
		})();
		this.system.sched.spawn(this.task, run);
	}

	/** Run until the process exits; its exit status. */
	async wait(yieldToHost: () => Promise<void>, onWaitHost?: () => void): Promise<number> {
		await this.system.sched.run(() => this.exited, yieldToHost, 2048, onWaitHost);
		this.pump();
		for (const [reader] of this.outputs) reader.close();
		return exitStatusOf(this.task.exitCode);
	}
}

function immediate(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Boot a fresh host and run `sh ARGS` (or `program`) on it to the end. */
export async function runShell(
	opts: RunOptions,
	yieldToHost: () => Promise<void> = immediate,
): Promise<RunResult> {
	const system = new UserSystem(opts);
	const out: string[] = [];
	const err: string[] = [];
	const proc = new HostProcess(
		system,
		(b) => out.push(bytesToBinary(b)),
		(b) => err.push(bytesToBinary(b)),
	);
	const { vfs } = system;
	if (opts.cwd !== undefined) {
		mkdirs(system, opts.cwd);
		vfs.chdir(proc.task, opts.cwd);
	}
	const env = { ...(opts.env ?? DEFAULT_ENV) };
	if (opts.env === undefined && opts.cwd !== undefined) env.PWD = opts.cwd;
	const envp = Object.entries(env).map(([k, v]) => `${k}=${v}`);
	const program = opts.program ?? "/bin/sh";
	const arg0 = program.slice(program.lastIndexOf("/") + 1);
	const stdin = opts.stdin ?? "";
	proc.write(typeof stdin === "string" ? binaryToBytes(utf8ToBinary(stdin)) : stdin);
	proc.closeInput();
	proc.exec(program, [arg0, ...opts.args.map(utf8ToBinary)], envp);
	const status = await proc.wait(yieldToHost);
	return { status, stdout: binaryToUtf8(out.join("")), stderr: binaryToUtf8(err.join("")) };
}

/** mkdir -p as init. */
export function mkdirs(system: UserSystem, path: string): void {
	const init = system.kernel.init;
	let cur = "";
	for (const part of path.split("/").filter((p) => p !== "")) {
		cur += `/${part}`;
		try {
			system.vfs.mkdir(init, cur, 0o755);
		} catch (e) {
			if (!(e instanceof Error) || !("code" in e) || e.code !== "EEXIST") throw e;
		}
	}
}
