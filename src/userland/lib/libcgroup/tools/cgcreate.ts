/**
 * cgcreate (tools/cgcreate.c of libcgroup 3.1.0, built with systemd
 * support): create the cgroups of -g options with the owners of -t/-a
 * and the modes of -d/-f/-s.
 *
 * -c (a delegated systemd scope) needs systemd's D-Bus API; neither host
 * has a system bus, so it fails as the C library does without one, after
 * the same checks of the scope name.
 */

import { cgroupCreateCgroup, cgroupSetPermissions } from "../api.ts";
import {
	type Cgroup,
	cgroupAddAllControllers,
	cgroupAddController,
	cgroupNewCgroup,
	cgroupSetUidGid,
} from "../cgroup.ts";
import { ECGFAIL, ECGINVAL } from "../errors.ts";
import { Libcg, NO_PERMS, NO_UID_GID } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import {
	type CgroupGroupSpec,
	cstr,
	GetoptLong,
	type LongOption,
	parseCgroupSpec,
	parseMode,
	parseUidGid,
	runTool,
} from "../tools-common.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const LONG_OPTS: readonly LongOption[] = [
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "task", hasArg: 1, val: "t" },
	{ name: "admin", hasArg: 1, val: "a" },
	{ name: "", hasArg: 1, val: "g" },
	{ name: "dperm", hasArg: 1, val: "d" },
	{ name: "fperm", hasArg: 1, val: "f" },
	{ name: "tperm", hasArg: 1, val: "s" },
	{ name: "scope", hasArg: 0, val: "c" },
	{ name: "setdefault", hasArg: 0, val: "S" },
	{ name: "pid", hasArg: 1, val: "p" },
];

/** usage(). */
function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} -h for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-h] [-f mode] [-d mode] [-s mode] ` +
			"[-t <tuid>:<tgid>] [-a <agid>:<auid>] -g <controllers>:<path> [-g ...]\n" +
			"Create control group(s)\n" +
			"  -a <tuid>:<tgid>\t\tOwner of the group and all its files\n" +
			"  -d, --dperm=mode\t\tGroup directory permissions\n" +
			"  -f, --fperm=mode\t\tGroup file permissions\n" +
			"  -g <controllers>:<path>\tControl group which should be added\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -s, --tperm=mode\t\tTasks file permissions\n" +
			"  -t <tuid>:<tgid>\t\tOwner of the tasks file\n" +
			"  -b\t\t\t\tIgnore default systemd" +
			"delegate hierarchy\n" +
			"  -c, --scope\t\t\tCreate a delegated systemd scope\n" +
			"  -p, --pid=pid\t\t\tTask pid to use to create systemd " +
			"scope\n" +
			"  -S, --setdefault\t\tSet this scope as the default scope " +
			"delegate hierarchy\n",
	);
}

/** atoi(): leading blanks, a sign, decimal digits; 0 when there are none. */
function atoi(s: string): number {
	const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
	return m === null ? 0 : Number(BigInt.asIntN(32, BigInt(m[1] as string)));
}

/**
 * cgroup_create_scope2() without a system bus: the name must be
 * "<slice>/<scope>"; sd_bus_default_system() then fails (ENOENT: no
 * /run/dbus/system_bus_socket) and the library gives up with ECGFAIL.
 */
function createSystemdScope(lc: Libcg, cg: Cgroup): number {
	const slash = cg.name.indexOf("/");
	if (slash < 0) {
		lc.err(`cgroup name does not contain a slash: ${cg.name}\n`);
		return ECGINVAL;
	}
	if (cg.name.indexOf("/", slash + 1) >= 0) {
		lc.err(`cgroup name contains more than one slash: ${cg.name}\n`);
		return ECGINVAL;
	}
	const scope = cg.name.slice(slash + 1);
	const slice = cg.name.slice(0, slash);
	if (!scope.endsWith(".scope")) lc.warn("scope doesn't have expected suffix\n");
	if (!slice.endsWith(".slice")) lc.warn("slice doesn't have expected suffix\n");
	lc.err("failed to open the system bus: 2\n");
	return ECGFAIL;
}

function cgcreate(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	if (argv.length < 2) {
		usage(os, 1, prog);
		return EXIT_BADARGS;
	}
	const lc = new Libcg(os);
	let tuid = NO_UID_GID;
	let tgid = NO_UID_GID;
	let auid = NO_UID_GID;
	let agid = NO_UID_GID;
	let ignoreDefaultSystemd = false;
	let setDefaultScope = false;
	let createScope = false;
	let scopePid = -1;
	const capacity = argv.length;
	const list: CgroupGroupSpec[] = [];
	let tasksMode = NO_PERMS;
	let fileMode = NO_PERMS;
	let dirMode = NO_PERMS;
	let filemChange = false;
	let dirmChange = false;
	let ret = 0;

	const g = new GetoptLong(os, argv, "a:t:g:hd:f:s:bcp:S", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		const optarg = g.optarg ?? "";
		switch (c) {
			case "b":
				ignoreDefaultSystemd = true;
				break;
			case "c":
				createScope = true;
				break;
			case "p":
				scopePid = atoi(optarg);
				if (scopePid <= 1) {
					os.stderr(`${prog}: Invalid pid ${optarg}\n`);
					return EXIT_BADARGS;
				}
				break;
			case "S":
				setDefaultScope = true;
				break;
			case "h":
				usage(os, 0, prog);
				return 0;
			case "a": {
				const r = parseUidGid(os, optarg, prog);
				auid = r.uid;
				agid = r.gid;
				if (r.ret !== 0) return ret;
				break;
			}
			case "t": {
				const r = parseUidGid(os, optarg, prog);
				tuid = r.uid;
				tgid = r.gid;
				if (r.ret !== 0) return ret;
				break;
			}
			case "g":
				ret = parseCgroupSpec(lc, list, optarg, capacity).ret;
				if (ret !== 0) {
					os.stderr(
						`${prog}: cgroup controller and path parsing failed (${cstr(g.arg(g.optind))})\n`,
					);
					return EXIT_BADARGS;
				}
				break;
			case "d": {
				dirmChange = true;
				const r = parseMode(os, optarg, prog);
				dirMode = r.mode;
				ret = r.ret;
				if (ret !== 0) return ret;
				break;
			}
			case "f": {
				filemChange = true;
				const r = parseMode(os, optarg, prog);
				fileMode = r.mode;
				ret = r.ret;
				if (ret !== 0) return ret;
				break;
			}
			case "s": {
				filemChange = true;
				const r = parseMode(os, optarg, prog);
				tasksMode = r.mode;
				ret = r.ret;
				if (ret !== 0) return ret;
				break;
			}
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	if (ignoreDefaultSystemd && createScope) {
		os.stderr(`${prog}: "-b" and "-c" are mutually exclusive\n`);
		return EXIT_BADARGS;
	}
	if (setDefaultScope && !createScope) {
		os.stderr(`${prog}: "-S" requires "-c" to be provided\n`);
		return EXIT_BADARGS;
	}
	if (!createScope && scopePid !== -1) {
		os.stderr(`${prog}: "-p" requires "-c" to be provided\n`);
		return EXIT_BADARGS;
	}
	const extra = g.arg(g.optind);
	if (extra !== null) {
		os.stderr(`${prog}: wrong arguments (${extra})\n`);
		return EXIT_BADARGS;
	}
	ret = lc.init();
	if (ret !== 0) {
		os.stderr(`${prog}: libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	if (!createScope && !ignoreDefaultSystemd) lc.setDefaultSystemdCgroup();

	for (const spec of list) {
		const cgroup = cgroupNewCgroup(spec.path);
		ret = cgroupSetUidGid(cgroup, tuid, tgid, auid, agid);
		if (ret !== 0) return ret;
		for (const ctrl of spec.controllers) {
			if (ctrl === "*") {
				if (cgroupAddAllControllers(lc, cgroup) !== 0) {
					os.stderr(`${prog}: can't add all controllers\n`);
					return ECGINVAL;
				}
			} else if (cgroupAddController(lc, cgroup, ctrl) === null) {
				os.stderr(`${prog}: controller ${ctrl} can't be add\n`);
				return ECGINVAL;
			}
		}
		if (dirmChange || filemChange) cgroupSetPermissions(cgroup, dirMode, fileMode, tasksMode);
		ret = createScope ? createSystemdScope(lc, cgroup) : cgroupCreateCgroup(lc, cgroup, false);
		if (ret !== 0) {
			os.stderr(`${prog}: can't create cgroup ${cgroup.name}: ${lc.strerror(ret)}\n`);
			return ret;
		}
	}
	return ret;
}

/** cgcreate's main(). */
export const main: ToolMain = (os, argv) => runTool(() => cgcreate(os, argv));
