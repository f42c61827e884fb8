/**
 * The real kernel's cgroup files, handled as ../shared/HOST-SAFETY.md
 * requires: checks before anything is touched, a run directory with a unique
 * name at the root of the cpu v1 hierarchy, removal deepest first with
 * retries on EBUSY, and a check that nothing with the run's prefix is left.
 * Every function that changes something refuses paths outside a run
 * directory.
 */
import { type Dirent, existsSync, readdirSync, readFileSync, rmdirSync } from "node:fs";

/** The v1 hierarchy the benchmark uses. */
export const HOST_HIERARCHY = "/sys/fs/cgroup/cpu";
export const RUN_PREFIX = "cgkit-bench-";
const RUN_DIR_RE = /^\/sys\/fs\/cgroup\/cpu\/cgkit-bench-[0-9a-f]{12}$/;

/** Is `path` a run directory name this benchmark may create and remove? */
export function isRunDir(path: string): boolean {
	return RUN_DIR_RE.test(path);
}

export function assertRunDir(path: string): void {
	if (!isRunDir(path))
		throw new Error(`refusing to touch ${path}: not a cgkit-bench run directory`);
}

/** Is `path` the run directory or below it? */
export function insideRunDir(runDir: string, path: string): boolean {
	assertRunDir(runDir);
	return path === runDir || (path.startsWith(`${runDir}/`) && !path.includes("/../"));
}

/**
 * Why the real kernel's files cannot be used, or null when they can: Linux,
 * root, and /sys/fs/cgroup/cpu a cgroup v1 mount with the cpu controller.
 */
export function hostSkipReason(): string | null {
	if (process.platform !== "linux") return `not Linux (${process.platform})`;
	if (process.getuid === undefined || process.getuid() !== 0) return "not running as root";
	let mountinfo: string;
	try {
		mountinfo = readFileSync("/proc/self/mountinfo", "utf8");
	} catch (e) {
		return `cannot read /proc/self/mountinfo (${(e as Error).message})`;
	}
	for (const line of mountinfo.split("\n")) {
		// id parent major:minor root mountpoint options [optional...] - fstype source superoptions
		const sep = line.indexOf(" - ");
		if (sep < 0) continue;
		const left = line.slice(0, sep).split(" ");
		const right = line.slice(sep + 3).split(" ");
		if (left[4] !== HOST_HIERARCHY) continue;
		if (right[0] !== "cgroup") return `${HOST_HIERARCHY} is a ${right[0]} mount, not cgroup v1`;
		const opts = (right[2] ?? "").split(",");
		if (!opts.includes("cpu"))
			return `${HOST_HIERARCHY} is a v1 hierarchy without the cpu controller`;
		if (left[3] !== "/") return `${HOST_HIERARCHY} mounts a subdirectory of its hierarchy`;
		return null;
	}
	return `${HOST_HIERARCHY} is not mounted`;
}

/** Sleep without an event loop (the cleanup paths are synchronous). */
export function sleepMs(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errCode(e: unknown): string | undefined {
	return (e as NodeJS.ErrnoException).code;
}

/** Every directory of the tree at `runDir`, deepest first. */
function dirsDeepestFirst(runDir: string): string[] {
	const out: { path: string; depth: number }[] = [];
	const walk = (dir: string, depth: number): void => {
		out.push({ path: dir, depth });
		let entries: Dirent[];
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch (e) {
			if (errCode(e) === "ENOENT") return;
			throw e;
		}
		for (const ent of entries) if (ent.isDirectory()) walk(`${dir}/${ent.name}`, depth + 1);
	};
	walk(runDir, 0);
	return out.sort((a, b) => b.depth - a.depth).map((d) => d.path);
}

/**
 * Remove the run directory and everything below it, deepest first, retrying
 * each rmdir on EBUSY (tasks that were killed may still be exiting).
 * Returns the errors of directories that could not be removed.
 */
export function removeRunDir(runDir: string, attempts = 40, waitMs = 50): string[] {
	assertRunDir(runDir);
	if (!existsSync(runDir)) return [];
	const errors: string[] = [];
	for (const dir of dirsDeepestFirst(runDir)) {
		if (!insideRunDir(runDir, dir)) throw new Error(`refusing to remove ${dir}`);
		for (let attempt = 1; ; attempt++) {
			try {
				rmdirSync(dir);
				break;
			} catch (e) {
				const code = errCode(e);
				if (code === "ENOENT") break;
				if (code === "EBUSY" && attempt < attempts) {
					sleepMs(waitMs);
					continue;
				}
				errors.push(`${dir}: ${code ?? (e as Error).message}`);
				break;
			}
		}
	}
	return errors;
}

/** Entries of the hierarchy's root starting with `prefix`. */
export function entriesWithPrefix(prefix: string): string[] {
	try {
		return readdirSync(HOST_HIERARCHY)
			.filter((n) => n.startsWith(prefix))
			.map((n) => `${HOST_HIERARCHY}/${n}`);
	} catch {
		return [];
	}
}
