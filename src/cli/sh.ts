/**
 * `cgkit sh` and bare `cgkit`: a shell on a freshly booted emulated host,
 * wired to this process's stdin, stdout and stderr. Interactive on a
 * terminal: Node's readline does the line editing and history, the partial
 * line the shell printed last (its prompt) becomes readline's prompt, and
 * Ctrl-C sends SIGINT to the shell's process group.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { binaryToUtf8, bytesToBinary } from "../kernel/bytes.ts";
import { SIGINT } from "../kernel/signal.ts";
import { DEFAULT_ENV, HostProcess, mkdirs } from "../userland/run.ts";
import { type SystemOptions, UserSystem } from "../userland/system.ts";

function immediate(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** Does `sh ARGS` read commands from stdin (no -c, no script file)? */
export function readsCommandsFromStdin(args: readonly string[]): boolean {
	for (const a of args) {
		if (a === "--" || a === "-") return true;
		if (!a.startsWith("-") && !a.startsWith("+")) return false;
		if (a.startsWith("-") && a.includes("c")) return false;
	}
	return true;
}

/** The script operand of `sh ARGS` (the first operand when there is no -c or -s), or null. */
export function scriptOperand(args: readonly string[]): string | null {
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a === "--") return args[i + 1] ?? null;
		if (a === "-" || (!a.startsWith("-") && !a.startsWith("+"))) return a === "-" ? null : a;
		if (a.startsWith("-") && (a.includes("c") || a.includes("s"))) return null;
	}
	return null;
}

/**
 * `cgkit sh FILE`: FILE is a file of this machine; it is copied into the
 * emulated host at the same path (relative paths below the shell's working
 * directory, /root) so that sh opens it there and $0 is what was typed.
 */
function importScript(system: UserSystem, file: string, home: string): void {
	let text: string;
	try {
		text = readFileSync(file, "latin1");
	} catch {
		return;
	}
	const target = file.startsWith("/") ? file : `${home}/${file}`;
	mkdirs(system, target.slice(0, target.lastIndexOf("/")) || "/");
	system.vfs.writeFile(system.kernel.init, target, text);
}

export async function runShellCli(opts: SystemOptions, args: string[]): Promise<number> {
	const system = new UserSystem(opts);
	const interactive =
		readsCommandsFromStdin(args) && process.stdin.isTTY === true && !args.includes("+i");
	const shArgs = interactive && !args.includes("-i") ? ["-i", ...args] : args;
	let partial = ["", ""];
	const emit = (stream: 0 | 1, bytes: Uint8Array): void => {
		const target = stream === 0 ? process.stdout : process.stderr;
		if (!interactive) {
			target.write(bytesToBinary(bytes), "latin1");
			return;
		}
		const text = partial[stream] + bytesToBinary(bytes);
		const nl = text.lastIndexOf("\n");
		partial[stream] = text.slice(nl + 1);
		if (nl >= 0) target.write(text.slice(0, nl + 1), "latin1");
	};
	const proc = new HostProcess(
		system,
		(b) => emit(0, b),
		(b) => emit(1, b),
	);
	const { kernel, vfs } = system;
	kernel.setsid(proc.task);
	const home = "/root";
	vfs.chdir(proc.task, home);
	const script = scriptOperand(args);
	if (script !== null) importScript(system, script, home);
	const envp = Object.entries({ ...DEFAULT_ENV, PWD: home, TERM: process.env.TERM ?? "dumb" }).map(
		([k, v]) => `${k}=${v}`,
	);
	const interrupt = (): void => {
		try {
			kernel.kill(kernel.init, -proc.task.tgid, SIGINT);
		} catch {}
		system.sched.notifyHost();
	};
	proc.exec("/bin/sh", ["sh", ...shArgs], envp);

	let onWaitHost: (() => void) | undefined;
	let cleanup = (): void => {};
	if (interactive) {
		const rl = createInterface({
			input: process.stdin,
			output: process.stdout,
			terminal: true,
			historySize: 1000,
		});
		rl.on("line", (line) => proc.write(new TextEncoder().encode(`${line}\n`)));
		rl.on("close", () => proc.closeInput());
		rl.on("SIGINT", () => {
			rl.write(null, { ctrl: true, name: "u" });
			interrupt();
		});
		onWaitHost = () => {
			if (partial[0] !== "") {
				process.stdout.write(partial[0]!, "latin1");
				partial[0] = "";
			}
			rl.setPrompt(binaryToUtf8(partial[1]!));
			partial[1] = "";
			rl.prompt(true);
		};
		cleanup = () => rl.close();
	} else {
		const onData = (chunk: Buffer): void =>
			proc.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
		const onEnd = (): void => proc.closeInput();
		if (readsCommandsFromStdin(args) || !process.stdin.isTTY) {
			process.stdin.on("data", onData);
			process.stdin.on("end", onEnd);
		} else {
			proc.closeInput();
		}
		process.on("SIGINT", interrupt);
		cleanup = () => {
			process.stdin.off("data", onData);
			process.stdin.off("end", onEnd);
			process.stdin.pause();
			process.off("SIGINT", interrupt);
		};
	}
	for (const s of [process.stdout, process.stderr]) s.on("error", () => {});
	try {
		const status = await proc.wait(immediate, onWaitHost);
		partial = partial.map((p, i) => {
			if (p !== "") (i === 0 ? process.stdout : process.stderr).write(p, "latin1");
			return "";
		});
		return status;
	} finally {
		cleanup();
	}
}
