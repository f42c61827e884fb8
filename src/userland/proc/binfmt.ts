/**
 * Executable formats (the kernel's binfmt handlers, search_binary_handler()):
 * - cgkit programs: a file starting with PROGRAM_MAGIC names a program of the
 *   emulated userland (what ELF is to Linux). /bin/cat is such a file, so it
 *   can be copied, renamed, symlinked and chmodded like a real binary.
 * - scripts: "#!interpreter [arg]" (binfmt_script), nested at most
 *   BINPRM_MAX_RECURSION times.
 * Anything else fails with ENOEXEC, which the shell answers by running the
 * file as a shell script, as dash does.
 */
import { openExec } from "../../fs/exec.ts";
import type { OpenFile } from "../../fs/file.ts";
import type { Vfs } from "../../fs/vfs.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Task } from "../../kernel/task.ts";
import type { ProgramMain } from "./types.ts";

/** The first bytes of a cgkit program file ("\x7fELF" for cgkit). */
export const PROGRAM_MAGIC = "\x7fCGK ";
/** BINPRM_MAX_RECURSION: interpreters of interpreters. */
const BINPRM_MAX_RECURSION = 4;

/** The file content of the program `name`. */
export function programImage(name: string): string {
	return `${PROGRAM_MAGIC}${name}\n`;
}

export class ProgramTable {
	private readonly programs = new Map<string, ProgramMain>();

	register(name: string, main: ProgramMain): void {
		this.programs.set(name, main);
	}

	get(name: string): ProgramMain | undefined {
		return this.programs.get(name);
	}

	names(): string[] {
		return [...this.programs.keys()];
	}
}

export interface ResolvedExec {
	readonly main: ProgramMain;
	readonly argv: readonly string[];
	/** The file whose base name becomes comm (the script for scripts: bprm->filename). */
	readonly filename: string;
	/**
	 * The program file itself, the last interpreter for scripts: a file
	 * reference the caller keeps as mm->exe_file (or puts).
	 */
	readonly exe: OpenFile;
}

/**
 * Find what executing `path` with `argv` runs: the checks of
 * do_open_execat(), then the binfmt handlers in turn.
 */
export function resolveExec(
	vfs: Vfs,
	programs: ProgramTable,
	task: Task,
	path: string,
	argv: readonly string[],
): ResolvedExec {
	let file = path;
	let args = argv;
	for (let depth = 0; ; depth++) {
		const { header, file: exe } = openExec(vfs, task, file);
		if (header.startsWith(PROGRAM_MAGIC)) {
			const end = header.indexOf("\n", PROGRAM_MAGIC.length);
			const name = header.slice(PROGRAM_MAGIC.length, end < 0 ? header.length : end);
			const main = programs.get(name);
			if (main === undefined) {
				exe.put();
				throw new KernelError("ENOEXEC");
			}
			return { main, argv: args, filename: path, exe };
		}
		// A script: the interpreter's file is what runs (bprm->file is replaced).
		exe.put();
		if (!header.startsWith("#!")) throw new KernelError("ENOEXEC");
		if (depth >= BINPRM_MAX_RECURSION) throw new KernelError("ELOOP");
		// load_script(): the interpreter and at most one argument, on the first line.
		const nl = header.indexOf("\n");
		const line = header.slice(2, nl < 0 ? header.length : nl).replace(/^[ \t]+|[ \t]+$/g, "");
		if (nl < 0 && header.length >= 256) throw new KernelError("ENOEXEC");
		if (line === "") throw new KernelError("ENOEXEC");
		const m = /^(\S+)(?:[ \t]+(.*))?$/.exec(line)!;
		const interp = m[1]!;
		const arg = m[2];
		args =
			arg === undefined ? [interp, file, ...args.slice(1)] : [interp, arg, file, ...args.slice(1)];
		file = interp;
	}
}
