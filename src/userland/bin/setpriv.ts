/**
 * setpriv (util-linux 2.38): run a program with other credentials.
 *
 *   setpriv [--reuid|--ruid|--euid ID] [--regid|--rgid|--egid ID]
 *           [--clear-groups|--keep-groups|--init-groups|--groups LIST]
 *           [--reset-env] [--nnp] PROGRAM [ARG]...
 *   setpriv -d
 *
 * Ids by number or name. Groups are set first, then the gids, then the
 * uids (setgroups, setresgid, setresuid), and PROGRAM is found on PATH as
 * execvp() does. Failures of those calls exit with 127; an exec failure
 * with 126 (found but not runnable) or 127.
 *
 * Not modelled: capability options (--inh-caps, --ambient-caps,
 * --bounding-set), securebits, --pdeathsig, and --nnp has no effect (the
 * emulated kernel has no no_new_privs).
 */

import { KernelError } from "../../kernel/errno.ts";
import { getopt, type LongOpt, tryHelp } from "../lib/getopt.ts";
import { UserDb } from "../lib/passwd.ts";
import { quoteAlways } from "../lib/quote.ts";
import { baseName, Tool, UTIL_LINUX } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const SETPRIV_EXIT_PRIVERR = 127;

const LONG: LongOpt[] = [
	{ name: "dump", arg: "none", key: "d" },
	{ name: "nnp", arg: "none", key: "nnp" },
	{ name: "no-new-privs", arg: "none", key: "nnp" },
	{ name: "ruid", arg: "required", key: "ruid" },
	{ name: "euid", arg: "required", key: "euid" },
	{ name: "rgid", arg: "required", key: "rgid" },
	{ name: "egid", arg: "required", key: "egid" },
	{ name: "reuid", arg: "required", key: "reuid" },
	{ name: "regid", arg: "required", key: "regid" },
	{ name: "clear-groups", arg: "none", key: "clear-groups" },
	{ name: "keep-groups", arg: "none", key: "keep-groups" },
	{ name: "init-groups", arg: "none", key: "init-groups" },
	{ name: "groups", arg: "required", key: "groups" },
	{ name: "reset-env", arg: "none", key: "reset-env" },
	{ name: "help", arg: "none", key: "h" },
	{ name: "version", arg: "none", key: "V" },
];

/** Linux capability names by number (include/uapi/linux/capability.h). */
const CAP_NAMES = [
	"chown",
	"dac_override",
	"dac_read_search",
	"fowner",
	"fsetid",
	"kill",
	"setgid",
	"setuid",
	"setpcap",
	"linux_immutable",
	"net_bind_service",
	"net_broadcast",
	"net_admin",
	"net_raw",
	"ipc_lock",
	"ipc_owner",
	"sys_module",
	"sys_rawio",
	"sys_chroot",
	"sys_ptrace",
	"sys_pacct",
	"sys_admin",
	"sys_boot",
	"sys_nice",
	"sys_time",
	"sys_tty_config",
	"mknod",
	"lease",
	"audit_write",
	"audit_control",
	"setfcap",
	"mac_override",
	"mac_admin",
	"syslog",
	"wake_alarm",
	"block_suspend",
	"audit_read",
	"perfmon",
	"bpf",
	"checkpoint_restore",
];

function capList(set: bigint): string {
	const names: string[] = [];
	for (let i = 0; i < CAP_NAMES.length; i++) if (set & (1n << BigInt(i))) names.push(CAP_NAMES[i]!);
	return names.length === 0 ? "[none]" : names.join(",");
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, baseName(ctx.argv[0] ?? "setpriv"));
	// Options end at the program (a "+" getopt).
	const parsed = getopt(t.name, t.args, "+dhV", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${tryHelp(t.name)}`);
		return 1;
	}
	const db = yield* UserDb.load(t.sys);
	const ids: Record<string, number> = {};
	let groupMode: "clear" | "keep" | "init" | "list" | null = null;
	let groupModes = 0;
	let groups: number[] = [];
	let dump = false;
	let others = 0;
	let resetEnv = false;
	const fail = function* (msg: string): Run<number> {
		yield* t.warn(msg);
		return 1;
	};
	for (const o of parsed.opts) {
		if (o.key !== "d") others++;
		switch (o.key) {
			case "d":
				dump = true;
				break;
			case "h":
				yield* t.print("\nUsage:\n setpriv [options] <program> [<argument>...]\n");
				return yield* t.finish(0);
			case "V":
				yield* t.print(`setpriv ${UTIL_LINUX}\n`);
				return yield* t.finish(0);
			case "ruid":
			case "euid":
			case "reuid": {
				const v = parseUser(db, o.arg!);
				if (v === null) return yield* fail(`failed to parse ${o.key}: ${quoteAlways(o.arg!)}`);
				for (const k of o.key === "reuid" ? ["ruid", "euid"] : [o.key]) {
					if (k in ids) return yield* fail(`duplicate ${k}`);
					ids[k] = v;
				}
				break;
			}
			case "rgid":
			case "egid":
			case "regid": {
				const v = parseGroup(db, o.arg!);
				if (v === null) return yield* fail(`failed to parse ${o.key}: ${quoteAlways(o.arg!)}`);
				for (const k of o.key === "regid" ? ["rgid", "egid"] : [o.key]) {
					if (k in ids) return yield* fail(`duplicate ${k}`);
					ids[k] = v;
				}
				break;
			}
			case "clear-groups":
			case "keep-groups":
			case "init-groups":
			case "groups": {
				groupModes++;
				if (groupModes > 1) {
					return yield* fail(
						"mutually exclusive arguments: --clear-groups --keep-groups --init-groups --groups",
					);
				}
				groupMode = o.key === "groups" ? "list" : (o.key.slice(0, -7) as "clear" | "keep" | "init");
				if (o.key === "groups") {
					for (const g of o.arg!.split(",")) {
						const v = parseGroup(db, g);
						if (v === null) return yield* fail(`Invalid supplementary group id: ${quoteAlways(g)}`);
						groups.push(v);
					}
				}
				break;
			}
			case "reset-env":
				resetEnv = true;
				break;
		}
	}
	const { sys } = t;
	const cred = sys.task.cred;
	if (dump) {
		if (others > 0) return yield* fail("--dump is incompatible with all other options");
		let out = `uid: ${cred.uid}\neuid: ${cred.euid}\ngid: ${cred.gid}\negid: ${cred.egid}\n`;
		out += `Supplementary groups: ${cred.groups.length === 0 ? "[none]" : cred.groups.join(",")}\n`;
		out += "no_new_privs: 0\n";
		out += `Inheritable capabilities: ${capList(cred.capInheritable)}\n`;
		out += `Ambient capabilities: ${capList(cred.capAmbient)}\n`;
		out += `Capability bounding set: ${capList(cred.capBounding)}\n`;
		out += "Securebits: [none]\nParent death signal: [none]\n";
		yield* t.print(out);
		return yield* t.finish(0);
	}
	if (parsed.operands.length === 0) return yield* fail("No program specified");
	if (("rgid" in ids || "egid" in ids) && groupMode === null) {
		return yield* fail(
			"--[re]gid requires --keep-groups, --clear-groups, --init-groups, or --groups",
		);
	}
	if (groupMode === "init" && !("ruid" in ids)) {
		return yield* fail("--init-groups requires --ruid or --reuid");
	}
	const k = sys.kernel;
	const task = sys.task;
	const privErr = function* (call: string, e: unknown): Run<number> {
		if (!(e instanceof KernelError)) throw e;
		yield* t.warn(`${call} failed: ${e.strerror}`);
		return SETPRIV_EXIT_PRIVERR;
	};
	if (groupMode === "init") {
		const u = db.userById(ids.ruid!);
		if (u === null) {
			yield* t.warn(
				`uid ${ids.ruid} not found, --init-groups requires an user that can be found on the system`,
			);
			return SETPRIV_EXIT_PRIVERR;
		}
		groups = db.groupList(u.name, u.gid);
	}
	if (groupMode === "clear" || groupMode === "init" || groupMode === "list") {
		try {
			k.setgroups(task, groupMode === "clear" ? [] : groups);
		} catch (e) {
			return yield* privErr("setgroups", e);
		}
	}
	if ("rgid" in ids || "egid" in ids) {
		try {
			// The saved id follows the effective one, as util-linux does "for paranoia".
			const egid = ids.egid ?? task.cred.egid;
			k.setresgid(task, ids.rgid ?? -1, egid, egid);
		} catch (e) {
			return yield* privErr("setresgid", e);
		}
	}
	if ("ruid" in ids || "euid" in ids) {
		try {
			const euid = ids.euid ?? task.cred.euid;
			k.setresuid(task, ids.ruid ?? -1, euid, euid);
		} catch (e) {
			return yield* privErr("setresuid", e);
		}
	}
	let envp = [...t.envp];
	if (resetEnv) {
		const u = db.userById(task.cred.uid);
		const term = t.env("TERM");
		envp = [];
		if (term !== undefined) envp.push(`TERM=${term}`);
		envp.push(`SHELL=${u?.shell || "/bin/sh"}`, `HOME=${u?.home ?? "/"}`);
		if (u !== null) envp.push(`USER=${u.name}`, `LOGNAME=${u.name}`);
		envp.push(
			`PATH=${task.cred.uid === 0 ? "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin" : "/usr/local/bin:/bin:/usr/bin"}`,
		);
	}
	const program = parsed.operands[0]!;
	const err = yield* execvp(t, program, parsed.operands, envp);
	yield* t.warn(`failed to execute ${program}: ${err.strerror}`);
	return err.code === "ENOENT" ? 127 : 126;
}

function parseUser(db: UserDb, text: string): number | null {
	if (/^[0-9]+$/.test(text)) return Number(text) <= 0xffffffff ? Number(text) : null;
	return db.userByName(text)?.uid ?? null;
}

function parseGroup(db: UserDb, text: string): number | null {
	if (/^[0-9]+$/.test(text)) return Number(text) <= 0xffffffff ? Number(text) : null;
	return db.groupByName(text)?.gid ?? null;
}

/**
 * execvp(): PATH search for a name without "/" (glibc's default path when
 * PATH is unset), a file that is not an executable format run by /bin/sh.
 * Returns the error when nothing could be executed.
 */
export function* execvp(
	t: Tool,
	file: string,
	argv: readonly string[],
	envp: readonly string[],
): Run<KernelError> {
	const { sys } = t;
	const tryExec = function* (path: string): Run<KernelError> {
		try {
			yield* sys.execve(path, argv, envp);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			if (e.code !== "ENOEXEC") return e;
			try {
				yield* sys.execve("/bin/sh", ["/bin/sh", path, ...argv.slice(1)], envp);
			} catch (e2) {
				if (!(e2 instanceof KernelError)) throw e2;
				return e;
			}
		}
		throw new Error("unreachable: execve returned");
	};
	if (file.includes("/")) return yield* tryExec(file);
	if (file === "") return new KernelError("ENOENT");
	const pathEnv = envp.find((e) => e.startsWith("PATH="))?.slice(5) ?? "/bin:/usr/bin";
	let sawEacces = false;
	let last: KernelError = new KernelError("ENOENT");
	for (const dir of pathEnv.split(":")) {
		const e = yield* tryExec(dir === "" ? file : `${dir.replace(/\/+$/, "")}/${file}`);
		if (e.code === "EACCES") sawEacces = true;
		else if (e.code !== "ENOENT" && e.code !== "ENOTDIR" && e.code !== ("ESTALE" as string)) {
			return e;
		}
		last = e;
	}
	return sawEacces ? new KernelError("EACCES") : last;
}
