/**
 * cgclassify (tools/cgclassify.c of libcgroup 3.1.0, built with systemd
 * support): move running processes into the cgroups of -g options, or
 * where the rules of /etc/cgrules.conf send them; --sticky and
 * --cancel-sticky register the pids with cgrulesengd; -r replaces the
 * idle thread of a systemd scope.
 */

import { CONFIG_TEMPLATES } from "../config.ts";
import { CG_CONTROLLER_MAX, Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import {
	CGROUP_DAEMON_CANCEL_UNCHANGE_PROCESS,
	CGROUP_DAEMON_UNCHANGE_CHILDREN,
	cgroupChangeCgroupFlags,
	cgroupChangeCgroupPath,
	cgroupRegisterUnchangedProcess,
	setTemplateSource,
} from "../rules.ts";
import { cgroupGetProcnameFromProcfs, cgroupGetUidGidFromProcfs } from "../rules-procfs.ts";
import {
	cgKill,
	findScopePid,
	ParsedScopes,
	rollbackPidCgroups,
	type ScopeSearch,
	SIGTERM,
} from "../rules-scope.ts";
import {
	type CgroupGroupSpec,
	GetoptLong,
	type LongOption,
	parseCgroupSpec,
	runTool,
	ToolExit,
} from "../tools-common.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

/** CG_HIER_MAX. */
const CG_HIER_MAX = CG_CONTROLLER_MAX;

const LONG_OPTS: readonly LongOption[] = [
	{ name: "sticky", hasArg: 0, val: "s" },
	{ name: "cancel-sticky", hasArg: 0, val: "u" },
	{ name: "help", hasArg: 0, val: "h" },
];

/** usage(). */
function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} '-h' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [[-g] <controllers>:<path>] ` +
			"[--sticky | --cancel-sticky] <list of pids>\n" +
			"Move running task(s) to given cgroups\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -g <controllers>:<path>\tControl group to be used as target\n" +
			"  --cancel-sticky\t\tcgred daemon change pidlist and children tasks\n" +
			"  --sticky\t\t\tcgred daemon does not change " +
			"pidlist and children tasks\n" +
			"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
			"  -r\t\t\t\tReplace the default idle_thread spawned " +
			"for the systemd scope\n",
	);
}

/** change_group_path(): move `pid` into each -g cgroup; -1 after the first failure (printed). */
function changeGroupPath(lc: Libcg, pid: number, specs: readonly CgroupGroupSpec[]): number {
	for (const spec of specs) {
		const ret = cgroupChangeCgroupPath(lc, spec.path, pid, spec.controllers);
		if (ret !== 0) {
			lc.os.stderr(`Error changing group of pid ${pid}: ${lc.strerror(ret)}\n`);
			return -1;
		}
	}
	return 0;
}

/** change_group_based_on_rule(): classify `pid` by the rules files. */
function changeGroupBasedOnRule(lc: Libcg, pid: number): number {
	const [r1, euid, egid] = cgroupGetUidGidFromProcfs(lc, pid);
	if (r1 !== 0) {
		lc.os.stderr(`Error in determining euid/egid of pid ${pid}\n`);
		return -1;
	}
	const [r2, procname] = cgroupGetProcnameFromProcfs(lc, pid);
	if (r2 !== 0) {
		lc.os.stderr(`Error in determining process name of pid ${pid}\n`);
		return r2;
	}
	const ret = cgroupChangeCgroupFlags(lc, euid, egid, procname, pid, 0);
	if (ret !== 0) {
		lc.os.stderr(`Error: change of cgroup failed for pid ${pid}: ${lc.strerror(ret)}\n`);
		return ret;
	}
	return 0;
}

/** strtol(s, &end, 10) cast to pid_t: [value, whether the whole string was the number]. */
export function strtolPid(s: string): [number, boolean] {
	const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
	if (m === null) return [0, s === ""];
	let v = BigInt(m[2] as string);
	if (m[1] === "-") v = -v;
	const lmax = (1n << 63n) - 1n;
	if (v > lmax) v = lmax;
	if (v < -lmax - 1n) v = -lmax - 1n;
	return [Number(BigInt.asIntN(32, v)), m[0].length === s.length];
}

function run(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	if (argv.length < 2) {
		usage(os, 1, prog);
		throw new ToolExit(EXIT_BADARGS);
	}
	const lc = new Libcg(os);
	setTemplateSource(lc, CONFIG_TEMPLATES);
	const specs: CgroupGroupSpec[] = [];
	let ignoreDefaultSystemd = false;
	let replaceIdle = false;
	let cgSpecified = false;
	let flag = 0;
	const g = new GetoptLong(os, argv, "+g:shbr", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "b":
				ignoreDefaultSystemd = true;
				break;
			case "r":
				replaceIdle = true;
				break;
			case "h":
				usage(os, 0, prog);
				throw new ToolExit(0);
			case "g":
				if (parseCgroupSpec(lc, specs, g.optarg ?? "", CG_HIER_MAX).ret !== 0) {
					os.stderr("cgroup controller and path parsing failed\n");
					throw new ToolExit(EXIT_BADARGS);
				}
				cgSpecified = true;
				break;
			case "s":
				flag |= CGROUP_DAEMON_UNCHANGE_CHILDREN;
				break;
			case "u":
				flag |= CGROUP_DAEMON_CANCEL_UNCHANGE_PROCESS;
				break;
			default:
				usage(os, 1, prog);
				throw new ToolExit(EXIT_BADARGS);
		}
	}
	let ret = lc.init();
	if (ret !== 0) {
		os.stderr(`${prog}: libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	if (!ignoreDefaultSystemd) lc.setDefaultSystemdCgroup();

	let exitCode = 0;
	let skipReplaceIdle = false;
	const search: ScopeSearch = { parsed: new ParsedScopes(), captured: [] };
	let pid = 0;
	for (let i = g.optind; i < g.argv.length; i++) {
		const arg = g.argv[i] as string;
		const [value, whole] = strtolPid(arg);
		if (!whole) {
			os.stderr(`Error: ${arg} is not valid pid.\n`);
			exitCode = 2;
			continue;
		}
		pid = value;
		if (flag !== 0) ret = cgroupRegisterUnchangedProcess(lc, pid, flag);
		if (ret !== 0) exitCode = 1;
		if (replaceIdle && !skipReplaceIdle) {
			if (findScopePid(lc, pid, "cgclassify", search, true) !== 0) {
				os.stderr(`Failed to read /proc/${pid >>> 0}/cgroups\n`);
				return 1;
			}
		}
		ret = cgSpecified ? changeGroupPath(lc, pid, specs) : changeGroupBasedOnRule(lc, pid);
		if (ret !== 0) exitCode = 1;
		if (!replaceIdle || skipReplaceIdle) continue;
		const scopePid = findScopePid(lc, pid, "cgclassify", search);
		if (scopePid === -1) return rollbackPidCgroups(lc, pid, search.captured);
		skipReplaceIdle = true;
		const e = cgKill(os, scopePid, SIGTERM);
		if (e !== null) {
			os.stderr(`Failed to kill pid ${scopePid >>> 0}:${e.strerror}\n`);
			return rollbackPidCgroups(lc, pid, search.captured);
		}
	}
	return exitCode;
}

/** cgclassify's main(). */
export const main: ToolMain = (os, argv) => runTool(() => run(os, argv));
