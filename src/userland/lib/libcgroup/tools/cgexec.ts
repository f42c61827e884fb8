/**
 * cgexec (tools/cgexec.c of libcgroup 3.1.0, built with systemd support):
 * move the calling process (getpid()) into the cgroups of -g options, or
 * where the rules of /etc/cgrules.conf send a process of its real uid and
 * gid named as the command, then exec the command (an ExecRequest that
 * the caller carries out). --sticky registers the process with
 * cgrulesengd; -r replaces the idle thread of a systemd scope.
 *
 * The C program drops set-user-ID privileges with setresuid()/setresgid()
 * before moving; a CgOs without that capability (CgSetId) skips the step,
 * which changes nothing for a tool that is not installed set-user-ID.
 */

import type { KernelError } from "../../../../kernel/errno.ts";
import { CONFIG_TEMPLATES } from "../config.ts";
import { asKernelError, CG_CONTROLLER_MAX, Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import {
	CGROUP_DAEMON_UNCHANGE_CHILDREN,
	cgroupChangeCgroupFlags,
	cgroupChangeCgroupPath,
	cgroupRegisterUnchangedProcess,
	setTemplateSource,
} from "../rules.ts";
import { cgKill, findScopePid, ParsedScopes, SIGTERM } from "../rules-scope.ts";
import {
	type CgroupGroupSpec,
	GetoptLong,
	type LongOption,
	parseCgroupSpec,
	ToolExit,
} from "../tools-common.ts";
import { EXIT_BADARGS, type ToolMain, type ToolOutcome } from "./env.ts";

/** CG_HIER_MAX. */
const CG_HIER_MAX = CG_CONTROLLER_MAX;

/** setresuid(2)/setresgid(2), a capability the platform's CgOs may have; they throw the KernelError of a failure. */
export interface CgSetId {
	setresuid(ruid: number, euid: number, suid: number): void;
	setresgid(rgid: number, egid: number, sgid: number): void;
}

function setIdOf(os: CgOs): CgSetId | null {
	const s = os as CgOs & Partial<CgSetId>;
	return typeof s.setresuid === "function" && typeof s.setresgid === "function"
		? (s as CgOs & CgSetId)
		: null;
}

const LONG_OPTS: readonly LongOption[] = [
	{ name: "sticky", hasArg: 0, val: "s" },
	{ name: "help", hasArg: 0, val: "h" },
];

/** usage(). */
function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} --help for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-h] [-g <controllers>:<path>] [--sticky] ` +
			"command [arguments] ...\n" +
			"Run the task in given control group(s)\n" +
			"  -g <controllers>:<path>\tControl group which should be added\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  --sticky\t\t\tcgred daemon does not " +
			"change pidlist and children tasks\n" +
			"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
			"  -r\t\t\t\tReplace the default idle_thread spawned " +
			"for the systemd scope\n",
	);
}

function run(os: CgOs, argv: readonly string[]): ToolOutcome {
	const prog = argv[0] ?? "";
	const lc = new Libcg(os);
	setTemplateSource(lc, CONFIG_TEMPLATES);
	const specs: CgroupGroupSpec[] = [];
	let ignoreDefaultSystemd = false;
	let replaceIdle = false;
	let cgSpecified = false;
	let flagChild = 0;
	const g = new GetoptLong(os, argv, "+g:shbr", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "b":
				ignoreDefaultSystemd = true;
				break;
			case "r":
				replaceIdle = true;
				break;
			case "g":
				if (parseCgroupSpec(lc, specs, g.optarg ?? "", CG_HIER_MAX).ret !== 0) {
					os.stderr("cgroup controller and path parsing failed\n");
					throw new ToolExit(EXIT_BADARGS);
				}
				cgSpecified = true;
				break;
			case "s":
				flagChild |= CGROUP_DAEMON_UNCHANGE_CHILDREN;
				break;
			case "h":
				usage(os, 0, prog);
				throw new ToolExit(0);
			default:
				usage(os, 1, prog);
				throw new ToolExit(EXIT_BADARGS);
		}
	}
	const command = g.argv.slice(g.optind);
	if (command.length === 0) {
		usage(os, 1, prog);
		throw new ToolExit(EXIT_BADARGS);
	}
	let ret = lc.init();
	if (ret !== 0) {
		os.stderr(`libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	if (!ignoreDefaultSystemd) lc.setDefaultSystemdCgroup();
	lc.dbg(`My euid and egid is: ${os.geteuid() | 0},${os.getegid() | 0}\n`);
	const uid = os.getuid();
	const gid = os.getgid();
	const pid = os.getpid();

	ret = cgroupRegisterUnchangedProcess(lc, pid, flagChild);
	if (ret !== 0) {
		os.stderr("registration of process failed\n");
		return ret;
	}
	const setid = setIdOf(os);
	if (setid !== null) {
		for (const step of [
			() => setid.setresuid(uid, uid, uid),
			() => setid.setresgid(gid, gid, gid),
		]) {
			try {
				step();
			} catch (e) {
				os.stderr(asKernelError(e).strerror);
				return -1;
			}
		}
	}
	if (cgSpecified) {
		for (const spec of specs) {
			ret = cgroupChangeCgroupPath(lc, spec.path, pid, spec.controllers);
			if (ret !== 0) {
				os.stderr("cgroup change of group failed\n");
				return ret;
			}
		}
	} else {
		ret = cgroupChangeCgroupFlags(lc, uid, gid, command[0] as string, pid, 0);
		if (ret !== 0) {
			os.stderr("cgroup change of group failed\n");
			return ret;
		}
	}
	if (!replaceIdle) return { exec: command };

	const scopePid = findScopePid(lc, pid, "cgexec", { parsed: new ParsedScopes(), captured: [] });
	if (scopePid === -1) return -1;
	// The C program forks a child that sends SIGTERM and waits for it.
	const e: KernelError | null = cgKill(os, scopePid, SIGTERM);
	if (e !== null) {
		os.stderr(`Failed to kill pid ${scopePid >>> 0}:${e.strerror}\n`);
		return -1;
	}
	return { exec: command };
}

/** cgexec's main(). */
export const main: ToolMain = (os, argv) => {
	try {
		return run(os, argv);
	} catch (e) {
		if (e instanceof ToolExit) return e.status;
		throw e;
	}
};
