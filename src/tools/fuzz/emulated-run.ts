/**
 * Running a reproducer on the emulated host the way `cgkit diff` runs a
 * script on a real one: a fresh hybrid host, CGKIT_TMP created, a prefix
 * cgroup in every mounted hierarchy, and `/bin/sh -c SCRIPT` started in
 * all of them with cwd CGKIT_TMP and CGKIT_PREFIX, CGKIT_TMP in its
 * environment.
 * stdout and stderr are one pipe, as the runner makes them.
 */
import { CgroupDirInode } from "../../fs/cgroupfs.ts";
import { binaryToUtf8, bytesToBinary, utf8ToBinary } from "../../kernel/bytes.ts";
import { DEFAULT_ENV, HostProcess } from "../../userland/run.ts";
import { UserSystem } from "../../userland/system.ts";
import { PREFIX, TMP } from "./world.ts";

export interface ScriptRun {
	readonly status: number;
	/** stdout and stderr (one pipe). */
	readonly output: string;
}

function immediate(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

export async function runScriptEmulated(script: string): Promise<ScriptRun> {
	const system = new UserSystem({ layout: "hybrid" });
	const { kernel, vfs } = system;
	const init = kernel.init;
	const chunks: string[] = [];
	const proc = new HostProcess(
		system,
		(b) => chunks.push(bytesToBinary(b)),
		(b) => chunks.push(bytesToBinary(b)),
	);
	// One pipe for stdout and stderr, as the runner has: the order of their lines is kept.
	vfs.dup3(proc.task, 1, 2, 0);
	vfs.mkdir(init, TMP, 0o700);
	for (const m of vfs.visibleMounts(init)) {
		const root = m.root;
		if (!(root instanceof CgroupDirInode) || root.cgroup.parent !== null) continue;
		const dir = `${vfs.pathOf({ mnt: m, inode: root }, vfs.resolve(init, "/")) ?? ""}/${PREFIX}`;
		vfs.mkdir(init, dir, 0o755);
		const ref = vfs.resolve(init, dir);
		if (ref.inode instanceof CgroupDirInode) kernel.attachTask(ref.inode.cgroup, proc.task, true);
	}
	kernel.runPendingWork();
	vfs.chdir(proc.task, TMP);
	const env = { ...DEFAULT_ENV, PWD: TMP, CGKIT_PREFIX: PREFIX, CGKIT_TMP: TMP };
	proc.closeInput();
	proc.exec(
		"/bin/sh",
		["sh", "-c", utf8ToBinary(script)],
		Object.entries(env).map(([k, v]) => `${k}=${v}`),
	);
	const status = await proc.wait(immediate);
	return { status, output: binaryToUtf8(chunks.join("")) };
}
