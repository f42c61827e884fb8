/**
 * Running emulated programs in tests without the host bridge: stdin, stdout
 * and stderr are tmpfs files of the emulated host, the scheduler runs
 * synchronously until the process has exited, and the files are read back.
 */
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from "../../src/fs/constants.ts";
import { binaryToUtf8, utf8ToBinary } from "../../src/kernel/bytes.ts";
import { EXIT_DEAD, EXIT_ZOMBIE, type Task } from "../../src/kernel/task.ts";
import { Sys } from "../../src/userland/proc/sys.ts";
import type { Run } from "../../src/userland/proc/types.ts";
import { type SystemOptions, UserSystem } from "../../src/userland/system.ts";

export interface ProgramRun {
	readonly status: number;
	readonly stdout: string;
	readonly stderr: string;
	/** The wait status (exit code << 8, or the signal). */
	readonly waitStatus: number;
}

export interface ProgramRunOptions {
	stdin?: string;
	cwd?: string;
	env?: readonly string[];
	/** Run as this process (e.g. a shell started earlier); by default a new child of init. */
	parent?: Task;
}

let seq = 0;

/** Run `argv` (argv[0] is the path to exec) as a child of init and wait for it. */
export function runProgram(
	system: UserSystem,
	argv: string[],
	opts: ProgramRunOptions = {},
): ProgramRun {
	const { vfs, kernel } = system;
	const init = kernel.init;
	const id = seq++;
	const files = [`/tmp/.stdin${id}`, `/tmp/.stdout${id}`, `/tmp/.stderr${id}`];
	vfs.writeFile(init, files[0]!, utf8ToBinary(opts.stdin ?? ""));
	const task = kernel.fork(opts.parent ?? init);
	for (let fd = 0; fd < 3; fd++) {
		const flags = fd === 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC;
		const got = vfs.open(task, files[fd]!, flags, 0o600);
		if (got !== fd) {
			vfs.dup2(task, got, fd);
			vfs.close(task, got);
		}
	}
	if (opts.cwd !== undefined) vfs.chdir(task, opts.cwd);
	const sys = new Sys(system, task);
	const env = opts.env ?? ["PATH=/usr/bin:/bin", "HOME=/root", "LC_ALL=C"];
	const run = (function* (): Run<number> {
		return yield* sys.execve(argv[0]!, argv, env);
	})();
	system.sched.spawn(task, run);
	system.sched.runSync(() => task.exitState === EXIT_ZOMBIE || task.exitState === EXIT_DEAD);
	// init reaps its children itself; another parent reaps here.
	const parent = opts.parent ?? init;
	const reaped = parent.reapsChildren ? null : kernel.waitReap(parent, task.pid);
	const waitStatus = reaped?.status ?? task.exitCode;
	const read = (p: string): string => binaryToUtf8(vfs.readFile(init, p));
	const out = { stdout: read(files[1]!), stderr: read(files[2]!) };
	for (const f of files) vfs.unlink(init, f);
	const status = waitStatus & 0x7f ? 128 + (waitStatus & 0x7f) : (waitStatus >> 8) & 0xff;
	return { status, waitStatus, ...out };
}

export function newSystem(opts: SystemOptions = {}): UserSystem {
	return new UserSystem(opts);
}
