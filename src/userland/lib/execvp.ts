/**
 * execvp() as glibc does it: a name without a slash is looked up along
 * PATH (default "/bin:/usr/bin"); ENOENT-like failures try the next
 * directory, EACCES is remembered; a file the kernel cannot execute
 * (ENOEXEC) is run by /bin/sh. Returns the error when nothing ran.
 */
import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";

/** getenv() over an envp array. */
export function getenv(envp: readonly string[], name: string): string | undefined {
	const prefix = `${name}=`;
	for (const e of envp) if (e.startsWith(prefix)) return e.slice(prefix.length);
	return undefined;
}

function* tryExec(
	sys: Sys,
	path: string,
	argv: readonly string[],
	envp: readonly string[],
): Run<KernelError> {
	try {
		return yield* sys.execve(path, argv, envp);
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
		if (e.code !== "ENOEXEC") return e;
		try {
			return yield* sys.execve("/bin/sh", ["/bin/sh", path, ...argv.slice(1)], envp);
		} catch (e2) {
			if (e2 instanceof KernelError) return e;
			throw e2;
		}
	}
}

/** Run `argv` in this process; only returns (with the error) when it could not. */
export function* execvp(
	sys: Sys,
	argv: readonly string[],
	envp: readonly string[],
): Run<KernelError> {
	const file = argv[0] ?? "";
	if (file === "") return new KernelError("ENOENT");
	if (file.includes("/")) return yield* tryExec(sys, file, argv, envp);
	const path = getenv(envp, "PATH") ?? "/bin:/usr/bin";
	let sawEacces = false;
	let last: KernelError = new KernelError("ENOENT");
	for (const dir of path.split(":")) {
		const full = dir === "" ? file : `${dir}/${file}`;
		const err = yield* tryExec(sys, full, argv, envp);
		if (err.code === "EACCES") sawEacces = true;
		else if (err.code !== "ENOENT" && err.code !== "ENOTDIR") return err;
		last = err;
	}
	return sawEacces ? new KernelError("EACCES") : last;
}
