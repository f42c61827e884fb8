/**
 * Shared setup of the tests of libcgroup's core (cgroup.ts, api.ts,
 * tools-common.ts) and of cgcreate, cgdelete, cgset and cgget: an
 * emulated host with the four tools installed in /usr/bin, a shell to run
 * scripts on it, and a Libcg of an emulated process for library calls.
 */

import { binaryToUtf8 } from "../../../src/kernel/bytes.ts";
import type { Task } from "../../../src/kernel/task.ts";
import { EmulatedCgOs, libcgroupProgram } from "../../../src/userland/bin/libcgroup-os.ts";
import { Libcg } from "../../../src/userland/lib/libcgroup/libcg.ts";
import { main as cgcreate } from "../../../src/userland/lib/libcgroup/tools/cgcreate.ts";
import { main as cgdelete } from "../../../src/userland/lib/libcgroup/tools/cgdelete.ts";
import { main as cgget } from "../../../src/userland/lib/libcgroup/tools/cgget.ts";
import { main as cgset } from "../../../src/userland/lib/libcgroup/tools/cgset.ts";
import { Sys } from "../../../src/userland/proc/sys.ts";
import type { SystemOptions, UserSystem } from "../../../src/userland/system.ts";
import { newSystem, type ProgramRun, runProgram } from "../../support/userland.ts";

export const R = "/sys/fs/cgroup";

/** A host (hybrid unless told) with cgcreate, cgdelete, cgset and cgget in /usr/bin. */
export function cgSystem(opts: SystemOptions = {}): UserSystem {
	return newSystem({
		...opts,
		programs: [
			{ name: "cgcreate", dir: "/usr/bin", main: libcgroupProgram(cgcreate) },
			{ name: "cgdelete", dir: "/usr/bin", main: libcgroupProgram(cgdelete) },
			{ name: "cgset", dir: "/usr/bin", main: libcgroupProgram(cgset) },
			{ name: "cgget", dir: "/usr/bin", main: libcgroupProgram(cgget) },
			...(opts.programs ?? []),
		],
	});
}

/** Run a tool: `run(sys, "cgcreate", "-g", "cpu:x")` runs /usr/bin/cgcreate as root. */
export function run(system: UserSystem, tool: string, ...args: string[]): ProgramRun {
	return runProgram(system, [`/usr/bin/${tool}`, ...args]);
}

/** Run a shell script as root. */
export function sh(system: UserSystem, script: string): ProgramRun {
	return runProgram(system, ["/bin/sh", "-c", script]);
}

/** Run a tool as uid/gid `id` (no supplementary groups) through setpriv. */
export function runAs(system: UserSystem, id: number, tool: string, ...args: string[]): ProgramRun {
	return runProgram(system, [
		"/usr/bin/setpriv",
		`--reuid=${id}`,
		`--regid=${id}`,
		"--clear-groups",
		`/usr/bin/${tool}`,
		...args,
	]);
}

/** [status, stdout, stderr] of a run, for one deepEqual. */
export function out(r: ProgramRun): [number, string, string] {
	return [r.status, r.stdout, r.stderr];
}

export function exists(system: UserSystem, path: string): boolean {
	try {
		system.vfs.stat(system.kernel.init, path);
		return true;
	} catch {
		return false;
	}
}

export function read(system: UserSystem, path: string): string {
	return binaryToUtf8(system.vfs.readFile(system.kernel.init, path));
}

/** "mode uid gid" of a file, as stat -c '%a %u %g' prints it. */
export function owner(system: UserSystem, path: string): string {
	const st = system.vfs.stat(system.kernel.init, path);
	return `${(st.mode & 0o7777).toString(8)} ${st.uid} ${st.gid}`;
}

/** A Libcg, initialized, for a new process of the host (a child of init, root unless changed). */
export function libcg(system: UserSystem, task?: Task): Libcg {
	const t = task ?? system.kernel.fork(system.kernel.init);
	const os = new EmulatedCgOs(new Sys(system, t), ["PATH=/usr/bin:/bin"]);
	const lc = new Libcg(os);
	const ret = lc.init();
	if (ret !== 0) throw new Error(`cgroup_init: ${ret}`);
	return lc;
}

/** What a Libcg's process printed so far (stdout, stderr), cleared. */
export function printed(lc: Libcg): [string, string] {
	const os = lc.os as EmulatedCgOs;
	const r: [string, string] = [os.out, os.err];
	os.out = "";
	os.err = "";
	return r;
}
