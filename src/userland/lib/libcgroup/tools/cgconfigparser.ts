/**
 * cgconfigparser (tools/cgconfig.c of libcgroup 3.1.0): load the
 * configuration files given with -l FILE and -L DIR (its *.conf files,
 * sorted) in order, with the default owners (-t tuid:tgid for tasks
 * files, -a uid:gid for the rest) and modes (-d directories, -f files, -s
 * tasks files) for groups that set none. Each file that fails is reported
 * and the first failure's code is the exit status.
 */

import { cgroupSetPermissions } from "../api.ts";
import { cgroupNewCgroup, cgroupSetUidGid } from "../cgroup.ts";
import { cgroupConfigLoadConfig, cgroupConfigSetDefault } from "../config.ts";
import { Libcg, NO_PERMS, NO_UID_GID } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import {
	cgroupStringListAddDirectory,
	cgroupStringListAddItem,
	cgroupStringListInit,
	GetoptLong,
	type LongOption,
	parseMode,
	parseUidGid,
	runTool,
} from "../tools-common.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const LONG_OPTS: readonly LongOption[] = [
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "load", hasArg: 1, val: "l" },
	{ name: "load-directory", hasArg: 1, val: "L" },
	{ name: "task", hasArg: 1, val: "t" },
	{ name: "admin", hasArg: 1, val: "a" },
	{ name: "dperm", hasArg: 1, val: "d" },
	{ name: "fperm", hasArg: 1, val: "f" },
	{ name: "tperm", hasArg: 1, val: "s" },
];

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} '-h' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-h] [-f mode] [-d mode] [-s mode] ` +
			"[-t <tuid>:<tgid>] [-a <agid>:<auid>] [-l FILE] [-L DIR] ...\n" +
			"Parse and load the specified cgroups configuration file\n" +
			"  -a <tuid>:<tgid>\t\tDefault owner of groups " +
			"files and directories\n" +
			"  -d, --dperm=mode\t\tDefault group directory permissions\n" +
			"  -f, --fperm=mode\t\tDefault group file permissions\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -l, --load=FILE\t\tParse and load the cgroups configuration file\n" +
			"  -L, --load-directory=DIR\tParse and load the cgroups " +
			"configuration files from a directory\n" +
			"  -s, --tperm=mode\t\tDefault tasks file permissions\n" +
			"  -t <tuid>:<tgid>\t\tDefault owner of the tasks file\n",
	);
}

function cgconfigparser(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	const lc = new Libcg(os);
	lc.setDefaultLogger(-1);
	if (argv.length < 2) {
		usage(os, 1, prog);
		return EXIT_BADARGS;
	}
	let tuid = NO_UID_GID;
	let tgid = NO_UID_GID;
	let auid = NO_UID_GID;
	let agid = NO_UID_GID;
	let tasksMode = NO_PERMS;
	let fileMode = NO_PERMS;
	let dirMode = NO_PERMS;
	let permChange = false;
	let error = 0;
	const ret = lc.init();
	if (ret !== 0) {
		// The C code jumps to its exit with `error`, still 0.
		os.stderr(`${prog}: libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return error;
	}
	const cfgFiles = cgroupStringListInit();
	const g = new GetoptLong(os, argv, "hl:L:t:a:d:f:s:", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		const optarg = g.optarg ?? "";
		switch (c) {
			case "h":
				usage(os, 0, prog);
				return 0;
			case "l":
				cgroupStringListAddItem(cfgFiles, optarg);
				break;
			case "L":
				cgroupStringListAddDirectory(os, cfgFiles, optarg, prog);
				break;
			case "a": {
				const r = parseUidGid(os, optarg, prog);
				auid = r.uid;
				agid = r.gid;
				if (r.ret !== 0) return r.ret;
				break;
			}
			case "t": {
				const r = parseUidGid(os, optarg, prog);
				tuid = r.uid;
				tgid = r.gid;
				if (r.ret !== 0) return r.ret;
				break;
			}
			case "d": {
				permChange = true;
				const r = parseMode(os, optarg, prog);
				dirMode = r.mode;
				if (r.ret !== 0) return r.ret;
				break;
			}
			case "f": {
				permChange = true;
				const r = parseMode(os, optarg, prog);
				fileMode = r.mode;
				if (r.ret !== 0) return r.ret;
				break;
			}
			case "s": {
				permChange = true;
				const r = parseMode(os, optarg, prog);
				tasksMode = r.mode;
				if (r.ret !== 0) return r.ret;
				break;
			}
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	if (g.arg(g.optind) !== null) {
		usage(os, 1, prog);
		return EXIT_BADARGS;
	}
	const defaultGroup = cgroupNewCgroup("default");
	error = cgroupSetUidGid(defaultGroup, tuid, tgid, auid, agid);
	if (error !== 0) {
		os.stderr(`${prog}: cannot set default UID and GID: ${lc.strerror(error)}\n`);
		return error;
	}
	if (permChange) cgroupSetPermissions(defaultGroup, dirMode, fileMode, tasksMode);
	error = cgroupConfigSetDefault(lc, defaultGroup);
	if (error !== 0) {
		os.stderr(`${prog}: cannot set config parser defaults: ${lc.strerror(error)}\n`);
		return error;
	}
	for (const file of cfgFiles.items) {
		const r = cgroupConfigLoadConfig(lc, file);
		if (r !== 0) {
			os.stderr(`${prog}; error loading ${file}: ${lc.strerror(r)}\n`);
			if (error === 0) error = r;
		}
	}
	return error;
}

/** cgconfigparser's main(). */
export const main: ToolMain = (os, argv) => runTool(() => cgconfigparser(os, argv));
