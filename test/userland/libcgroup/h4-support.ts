/**
 * Shared setup of the tests of the iterators (walk.ts), the cgconfig.conf
 * code (config*.ts) and cgconfigparser, cgsnapshot, lscgroup, lssubsys:
 * an emulated host with the four tools installed, a Libcg of an emulated
 * process for library calls, and a CgOs that can also mount (the optional
 * capability of config.ts), with a program wrapper that uses it.
 */

import { binaryToUtf8 } from "../../../src/kernel/bytes.ts";
import { EmulatedCgOs, libcgroupProgram } from "../../../src/userland/bin/libcgroup-os.ts";
import type { CgMountOs } from "../../../src/userland/lib/libcgroup/config.ts";
import { Libcg } from "../../../src/userland/lib/libcgroup/libcg.ts";
import { main as cgconfigparser } from "../../../src/userland/lib/libcgroup/tools/cgconfigparser.ts";
import { main as cgsnapshot } from "../../../src/userland/lib/libcgroup/tools/cgsnapshot.ts";
import type { ToolMain } from "../../../src/userland/lib/libcgroup/tools/env.ts";
import { main as lscgroup } from "../../../src/userland/lib/libcgroup/tools/lscgroup.ts";
import { main as lssubsys } from "../../../src/userland/lib/libcgroup/tools/lssubsys.ts";
import { Output } from "../../../src/userland/lib/stdio.ts";
import { Sys } from "../../../src/userland/proc/sys.ts";
import type { ProgramContext, ProgramMain, Run } from "../../../src/userland/proc/types.ts";
import type { SystemOptions, UserSystem } from "../../../src/userland/system.ts";
import { newSystem, type ProgramRun, runProgram } from "../../support/userland.ts";

export const R = "/sys/fs/cgroup";

/** An EmulatedCgOs with mount(2) and umount(2) of the process. */
export class MountingCgOs extends EmulatedCgOs implements CgMountOs {
	mounts: string[] = [];
	mount(source: string, target: string, fstype: string, flags: number, data: string): void {
		this.mounts.push(`${source} ${target} ${fstype} ${flags} ${data}`);
		this.sys.vfs.mount(this.sys.task, source, target, fstype, flags, data);
	}
	umount(target: string): void {
		this.mounts.push(`umount ${target}`);
		this.sys.vfs.umount(this.sys.task, target);
	}
}

/** libcgroupProgram() with a MountingCgOs. */
export function mountingProgram(main: ToolMain): ProgramMain {
	return function* (ctx: ProgramContext): Run<number> {
		const os = new MountingCgOs(ctx.sys, ctx.envp);
		const status = main(os, ctx.argv);
		const err = new Output(ctx.sys, 2);
		const out = new Output(ctx.sys, 1);
		if (os.err !== "") yield* err.put(os.err);
		if (os.out !== "") yield* out.put(os.out);
		yield* out.flush();
		yield* err.flush();
		return typeof status === "number" ? status & 0xff : 255;
	};
}

/** A host (hybrid unless told) with lssubsys, lscgroup, cgsnapshot in /usr/bin and cgconfigparser in /usr/sbin. */
export function h4System(opts: SystemOptions = {}): UserSystem {
	return newSystem({
		...opts,
		programs: [
			{ name: "lssubsys", dir: "/usr/bin", main: libcgroupProgram(lssubsys) },
			{ name: "lscgroup", dir: "/usr/bin", main: libcgroupProgram(lscgroup) },
			{ name: "cgsnapshot", dir: "/usr/bin", main: libcgroupProgram(cgsnapshot) },
			{ name: "cgconfigparser", dir: "/usr/sbin", main: libcgroupProgram(cgconfigparser) },
			{ name: "cgconfigparser-m", dir: "/usr/sbin", main: mountingProgram(cgconfigparser) },
			...(opts.programs ?? []),
		],
	});
}

/** Run a program by path with its arguments, as root. */
export function run(system: UserSystem, path: string, ...args: string[]): ProgramRun {
	return runProgram(system, [path, ...args]);
}

/** Run a shell script as root. */
export function sh(system: UserSystem, script: string): ProgramRun {
	return runProgram(system, ["/bin/sh", "-c", script]);
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

export function write(system: UserSystem, path: string, text: string): void {
	system.vfs.writeFile(system.kernel.init, path, text);
}

export function mkdir(system: UserSystem, path: string, mode = 0o755): void {
	system.vfs.mkdir(system.kernel.init, path, mode);
}

/** "mode uid gid" of a file, as stat -c '%a %u %g' prints it. */
export function owner(system: UserSystem, path: string): string {
	const st = system.vfs.stat(system.kernel.init, path);
	return `${(st.mode & 0o7777).toString(8)} ${st.uid} ${st.gid}`;
}

/** A Libcg of a new root process of the host (initialized unless told), its CgOs able to mount. */
export function libcg(system: UserSystem, init = true): Libcg {
	const t = system.kernel.fork(system.kernel.init);
	const os = new MountingCgOs(new Sys(system, t), ["PATH=/usr/bin:/bin"]);
	const lc = new Libcg(os);
	if (init) {
		const ret = lc.init();
		if (ret !== 0) throw new Error(`cgroup_init: ${ret}`);
	}
	return lc;
}

/** What a Libcg's process printed so far [stdout, stderr], cleared. */
export function printed(lc: Libcg): [string, string] {
	const os = lc.os as EmulatedCgOs;
	const r: [string, string] = [os.out, os.err];
	os.out = "";
	os.err = "";
	return r;
}
