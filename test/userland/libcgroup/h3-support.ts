/**
 * Shared setup of the tests of the rules engine (rules*.ts), cgexec,
 * cgclassify and cgrulesengd's logic: an emulated host with the tools, a
 * "curl" that only sleeps, users and groups in /etc/passwd and
 * /etc/group, background processes to classify, and a Libcg of an
 * emulated process for library calls.
 */

import { binaryToUtf8 } from "../../../src/kernel/bytes.ts";
import { EmulatedCgOs, libcgroupProgram } from "../../../src/userland/bin/libcgroup-os.ts";
import { main as sleep } from "../../../src/userland/bin/sleep.ts";
import { CONFIG_TEMPLATES } from "../../../src/userland/lib/libcgroup/config.ts";
import { Libcg } from "../../../src/userland/lib/libcgroup/libcg.ts";
import { setTemplateSource } from "../../../src/userland/lib/libcgroup/rules.ts";
import { main as cgclassify } from "../../../src/userland/lib/libcgroup/tools/cgclassify.ts";
import { main as cgexec } from "../../../src/userland/lib/libcgroup/tools/cgexec.ts";
import { Sys } from "../../../src/userland/proc/sys.ts";
import type { SystemOptions, UserSystem } from "../../../src/userland/system.ts";
import { newSystem, type ProgramRun, runProgram } from "../../support/userland.ts";

export const R = "/sys/fs/cgroup";

export const PASSWD =
	"root:x:0:0:root:/root:/bin/sh\n" +
	"alice:x:1025:1000:Alice:/home/alice:/bin/sh\n" +
	"bob:x:1026:1001:Bob:/home/bob:/bin/sh\n" +
	"carol:x:1027:1002:Carol:/home/carol:/bin/sh\n" +
	"nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
export const GROUP =
	"root:x:0:\nstaff:x:1000:\nusers:x:1001:carol\ndev:x:1002:\nnogroup:x:65534:\n";

/** A host (hybrid unless told) with cgexec, cgclassify and /usr/bin/curl (a sleep), and the users above. */
export function h3System(opts: SystemOptions = {}): UserSystem {
	const system = newSystem({
		...opts,
		programs: [
			{ name: "cgexec", dir: "/usr/bin", main: libcgroupProgram(cgexec) },
			{ name: "cgclassify", dir: "/usr/sbin", main: libcgroupProgram(cgclassify) },
			{ name: "curl", dir: "/usr/bin", main: sleep },
			...(opts.programs ?? []),
		],
	});
	system.writeFile("/etc/passwd", PASSWD, 0o644);
	system.writeFile("/etc/group", GROUP, 0o644);
	return system;
}

/** Run a program as root with `env` (PATH set). */
export function run(system: UserSystem, argv: string[], env: string[] = []): ProgramRun {
	return runProgram(system, argv, { env: ["PATH=/usr/sbin:/usr/bin:/bin", ...env] });
}

/** Run a shell script as root. */
export function sh(system: UserSystem, script: string): ProgramRun {
	return runProgram(system, ["/bin/sh", "-c", script]);
}

/** Start `/usr/bin/curl 100000` (or `argv`) in the background as uid/gid, and return its pid. */
export function spawn(
	system: UserSystem,
	uid: number,
	gid: number,
	argv = ["/usr/bin/curl", "100000"],
): number {
	const r = sh(
		system,
		`setpriv --reuid ${uid} --regid ${gid} --clear-groups ${argv.join(" ")} & echo $!`,
	);
	if (r.status !== 0) throw new Error(`spawn: ${r.stderr}`);
	return Number(r.stdout.trim());
}

export function read(system: UserSystem, path: string): string {
	return binaryToUtf8(system.vfs.readFile(system.kernel.init, path));
}

export function write(system: UserSystem, path: string, text: string): void {
	system.writeFile(path, text, 0o644);
}

/** The cgroup of `pid` in the hierarchy whose /proc/PID/cgroup controller field is `ctrl`. */
export function cgroupOf(system: UserSystem, pid: number, ctrl: string): string {
	for (const line of read(system, `/proc/${pid}/cgroup`).split("\n")) {
		const f = line.split(":");
		if (f[1] === ctrl) return f.slice(2).join(":");
	}
	throw new Error(`no ${ctrl} line for ${pid}`);
}

/** Whether /proc/PID/exe exists on the emulated host (the full process path for rules). */
/** A Libcg (initialized, templates from cgconfig.conf) of a new root process, with `env`. */
export function libcg(system: UserSystem, env: string[] = []): Libcg {
	const t = system.kernel.fork(system.kernel.init);
	const os = new EmulatedCgOs(new Sys(system, t), ["PATH=/usr/bin:/bin", ...env]);
	const lc = new Libcg(os);
	setTemplateSource(lc, CONFIG_TEMPLATES);
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

/** [status, stdout, stderr] of a run. */
export function out(r: ProgramRun): [number, string, string] {
	return [r.status, r.stdout, r.stderr];
}
