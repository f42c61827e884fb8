/**
 * unshare (util-linux 2.38.1): run a program in new namespaces.
 *
 *   unshare [-m|-u|-i|-n|-p|-U|-C|-T] [-f] [--mount-proc[=DIR]]
 *           [--propagation MODE] [-w DIR] [-S UID] [-G GID] [PROGRAM [ARG]...]
 *
 * unshare(2) with the chosen flags ("unshare failed" and status 1 when it
 * fails), then with -f a fork: the parent blocks SIGINT and SIGTERM, waits,
 * and exits with the child's status, or kills itself with the signal that
 * ended the child (SIGKILL cannot be reset: "sigprocmask unblock failed",
 * status 1, as 2.38.1 does). The child (or, without -f, the process itself)
 * changes directory (-w), drops to -G/-S, and execs PROGRAM found on PATH
 * (status 127 when it is not found, 126 when it cannot run), or $SHELL
 * (/bin/sh) as a login shell ("-sh") without one.
 *
 * The emulated kernel models the cgroup and pid namespaces; the other
 * namespace options reach unshare(2), which fails with EINVAL for them.
 * Not modelled: binding namespaces to files (--ns=FILE), user-namespace
 * mappings, --kill-child, --root, time offsets.
 */

import { KernelError } from "../../kernel/errno.ts";
import {
	CLONE_NEWCGROUP,
	CLONE_NEWIPC,
	CLONE_NEWNET,
	CLONE_NEWNS,
	CLONE_NEWPID,
	CLONE_NEWTIME,
	CLONE_NEWUSER,
	CLONE_NEWUTS,
	ksysUnshare,
} from "../../kernel/fork.ts";
import {
	SIG_BLOCK,
	SIG_DFL,
	SIG_SETMASK,
	SIG_UNBLOCK,
	SIGINT,
	SIGKILL,
	SIGTERM,
	sigmask,
} from "../../kernel/signal.ts";
import { execvp, getenv } from "../lib/execvp.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { attempt, baseName, Tool, UTIL_LINUX } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

/** EX_EXEC_FAILED and EX_EXEC_ENOENT (util-linux's c.h). */
const EX_EXEC_FAILED = 126;
const EX_EXEC_ENOENT = 127;

/** The namespace options: short key, long name, clone flag. */
const NAMESPACES: readonly (readonly [string, string, number])[] = [
	["m", "mount", CLONE_NEWNS],
	["u", "uts", CLONE_NEWUTS],
	["i", "ipc", CLONE_NEWIPC],
	["n", "net", CLONE_NEWNET],
	["p", "pid", CLONE_NEWPID],
	["U", "user", CLONE_NEWUSER],
	["C", "cgroup", CLONE_NEWCGROUP],
	["T", "time", CLONE_NEWTIME],
];

const LONG: LongOpt[] = [
	{ name: "help", arg: "none", key: "h" },
	{ name: "version", arg: "none", key: "V" },
	...NAMESPACES.map(([key, name]): LongOpt => ({ name, arg: "optional", key })),
	{ name: "fork", arg: "none", key: "f" },
	{ name: "mount-proc", arg: "optional", key: "mount-proc" },
	{ name: "map-root-user", arg: "none", key: "r" },
	{ name: "map-current-user", arg: "none", key: "c" },
	{ name: "propagation", arg: "required", key: "propagation" },
	{ name: "setuid", arg: "required", key: "S" },
	{ name: "setgid", arg: "required", key: "G" },
	{ name: "wd", arg: "required", key: "w" },
];

const PROPAGATION_MODES = ["slave", "shared", "private", "unchanged"];

const USAGE = `
Usage:
 unshare [options] [<program> [<argument>...]]

Run a program with some namespaces unshared from the parent.

Options:
 -m, --mount[=<file>]      unshare mounts namespace
 -u, --uts[=<file>]        unshare UTS namespace (hostname etc)
 -i, --ipc[=<file>]        unshare System V IPC namespace
 -n, --net[=<file>]        unshare network namespace
 -p, --pid[=<file>]        unshare pid namespace
 -U, --user[=<file>]       unshare user namespace
 -C, --cgroup[=<file>]     unshare cgroup namespace
 -T, --time[=<file>]       unshare time namespace

 -f, --fork                fork before launching <program>
 --mount-proc[=<dir>]      mount proc filesystem first (implies --mount)
 -r, --map-root-user       map current user to root (implies --user)
 -c, --map-current-user    map current user to itself (implies --user)
 --propagation slave|shared|private|unchanged
                           modify mount propagation in mount namespace
 -w, --wd <dir>            change working directory to <dir>
 -S, --setuid <uid>        set uid in entered namespace
 -G, --setgid <gid>        set gid in entered namespace

 -h, --help                display this help
 -V, --version             display version
`;

interface Plan {
	flags: number;
	fork: boolean;
	wd: string | null;
	uid: number | null;
	gid: number | null;
	operands: string[];
}

/** strtoul_or_err(): a whole unsigned number. */
function parseId(text: string): number | null {
	return /^[0-9]+$/.test(text) && Number(text) <= 0xffffffff ? Number(text) : null;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, "unshare");
	const parsed = getopt(t.name, t.args, "+fhVmuinpCTUrcw:S:G:", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const plan: Plan = { flags: 0, fork: false, wd: null, uid: null, gid: null, operands: [] };
	for (const o of parsed.opts) {
		const ns = NAMESPACES.find(([key]) => key === o.key);
		if (ns !== undefined) {
			plan.flags |= ns[2];
			if (o.arg !== null) {
				yield* t.warn(`binding the ${ns[1]} namespace to ${o.arg} is not supported`);
				return 1;
			}
			continue;
		}
		switch (o.key) {
			case "h":
				yield* t.print(USAGE);
				return yield* t.finish(0);
			case "V":
				yield* t.print(`unshare ${UTIL_LINUX}\n`);
				return yield* t.finish(0);
			case "f":
				plan.fork = true;
				break;
			case "mount-proc":
				plan.flags |= CLONE_NEWNS;
				break;
			case "r":
			case "c":
				plan.flags |= CLONE_NEWUSER;
				break;
			case "propagation":
				if (!PROPAGATION_MODES.includes(o.arg!)) {
					yield* t.warn(`unsupported propagation mode: ${o.arg}`);
					return 1;
				}
				break;
			case "w":
				plan.wd = o.arg;
				break;
			case "S":
			case "G": {
				const v = parseId(o.arg!);
				if (v === null) {
					yield* t.warn(`failed to parse ${o.key === "S" ? "uid" : "gid"}: '${o.arg}'`);
					return 1;
				}
				if (o.key === "S") plan.uid = v;
				else plan.gid = v;
				break;
			}
		}
	}
	plan.operands = parsed.operands;
	const { sys } = t;
	const failed = attempt(() => ksysUnshare(sys.kernel, sys.task, plan.flags));
	if (failed instanceof KernelError) {
		yield* t.warn(`unshare failed: ${failed.strerror}`);
		return 1;
	}
	if (!plan.fork) return yield* launch(t, plan);

	// Block SIGINT and SIGTERM so that the parent outlives its child.
	const k = sys.kernel;
	const oldMask = k.sigprocmask(sys.task, SIG_BLOCK, sigmask(SIGINT) | sigmask(SIGTERM));
	let pid: number;
	try {
		pid = sys.fork(function* (child: Sys): Run<number> {
			child.kernel.sigprocmask(child.task, SIG_SETMASK, oldMask);
			return yield* launch(new Tool({ ...ctx, sys: child }, "unshare"), plan);
		});
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
		yield* t.warn(`fork failed: ${e.strerror}`);
		return 1;
	}
	let status: number;
	for (;;) {
		try {
			status = (yield* sys.wait4(pid, 0))?.status ?? 0;
			break;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			if (e.code === "EINTR") continue;
			yield* t.warn(`waitpid failed: ${e.strerror}`);
			return 1;
		}
	}
	const termsig = status & 0x7f;
	if (termsig === 0) return (status >> 8) & 0xff;
	// The signal that ended the child ends the parent too.
	if (termsig === SIGKILL) {
		yield* t.warn("sigprocmask unblock failed: Invalid argument");
		return 1;
	}
	k.sigaction(sys.task, termsig, SIG_DFL);
	k.sigprocmask(sys.task, SIG_UNBLOCK, sigmask(termsig));
	yield* sys.kill(sys.pid, termsig);
	yield* t.warn("child exit failed: Success");
	return 1;
}

/** What runs in the new namespaces: -w, -G, -S, then the program or a shell. */
function* launch(t: Tool, plan: Plan): Run<number> {
	const { sys } = t;
	const k = sys.kernel;
	if (plan.wd !== null) {
		const r = attempt(() => sys.vfs.chdir(sys.task, plan.wd!));
		if (r instanceof KernelError) {
			yield* t.warn(`cannot chdir to '${plan.wd}': ${r.strerror}`);
			return 1;
		}
	}
	if (plan.gid !== null) {
		let r = attempt(() => k.setgroups(sys.task, []));
		if (r instanceof KernelError) {
			yield* t.warn(`setgroups failed: ${r.strerror}`);
			return 1;
		}
		r = attempt(() => k.setresgid(sys.task, plan.gid!, plan.gid!, plan.gid!));
		if (r instanceof KernelError) {
			yield* t.warn(`setgid failed: ${r.strerror}`);
			return 1;
		}
	}
	if (plan.uid !== null) {
		const r = attempt(() => k.setresuid(sys.task, plan.uid!, plan.uid!, plan.uid!));
		if (r instanceof KernelError) {
			yield* t.warn(`setuid failed: ${r.strerror}`);
			return 1;
		}
	}
	const argv = plan.operands;
	if (argv.length === 0) {
		const shell = getenv(t.envp, "SHELL") || "/bin/sh";
		const e = yield* execShell(sys, shell, t.envp);
		yield* t.warn(`failed to execute ${shell}: ${e.strerror}`);
		return e.code === "ENOENT" ? EX_EXEC_ENOENT : EX_EXEC_FAILED;
	}
	const e = yield* execvp(sys, argv, t.envp);
	yield* t.warn(`failed to execute ${argv[0]}: ${e.strerror}`);
	return e.code === "ENOENT" ? EX_EXEC_ENOENT : EX_EXEC_FAILED;
}

/** exec_shell(): execl(shell, "-" + basename(shell)). */
function* execShell(sys: Sys, shell: string, envp: readonly string[]): Run<KernelError> {
	try {
		return yield* sys.execve(shell, [`-${baseName(shell)}`], envp);
	} catch (e) {
		if (e instanceof KernelError) return e;
		throw e;
	}
}
