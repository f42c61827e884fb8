/**
 * lscgroup (tools/lscgroup.c of libcgroup 3.1.0): list every cgroup of
 * every mounted hierarchy as "controllers:/path", or those under the
 * given "controllers:path" specifiers (-g is optional). -b ignores the
 * default systemd cgroup (a WITH_SYSTEMD build).
 *
 * Paths are printed from the directory walk's full paths with the
 * mount point's length cut off, which keeps the double slash that
 * cg_build_path() leaves after the mount point ("cpu://").
 */

import { ECGEOF, ECGFAIL } from "../errors.ts";
import { FILENAME_MAX, Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import {
	type CgroupGroupSpec,
	GetoptLong,
	type LongOption,
	parseCgroupSpec,
} from "../tools-common.ts";
import {
	CGROUP_FILE_TYPE_DIR,
	type CgroupFileInfo,
	type CgroupMountPoint,
	cgroupGetControllerBegin,
	cgroupGetControllerEnd,
	cgroupGetControllerNext,
	cgroupWalkTreeBegin,
	cgroupWalkTreeEnd,
	cgroupWalkTreeNext,
	newFileInfo,
} from "../walk.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

/** CG_HIER_MAX. */
const CG_HIER_MAX = 100;
const FL_LIST = 1;

const LONG_OPTS: readonly LongOption[] = [
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "group", hasArg: 1, val: "g" },
];

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} -h' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-h] [[-g] <controllers>:<path>] [...]\n` +
			"List all cgroups\n" +
			"  -g <controllers>:<path>\tControl group to be " +
			"displayed (-g is optional)\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
			"(Note: currently supported on cgroups v1 only)\n",
	);
}

/**
 * trim_filepath(): drop the trailing slashes; "/" becomes "" (the C loop
 * then looks at the byte before the buffer, which is not a slash).
 */
function trimFilepath(path: string): string {
	let len = path.length - 1;
	while (len >= 0 && path[len] === "/") len--;
	return path.slice(0, len + 1);
}

/** print_info(): a directory as "name:/path" from character `pref` of its full path on. */
function printInfo(os: CgOs, info: CgroupFileInfo, name: string, pref: number): void {
	if (info.type !== CGROUP_FILE_TYPE_DIR) return;
	// A negative offset would point before the C buffer; count it from the start instead.
	const rest = info.fullPath.slice(Math.max(0, pref));
	if (rest.startsWith("/")) os.stdout(`${name}:${rest}\n`);
	else os.stdout(`${name}:/${rest}\n`);
}

/** display_controller_data(): the cgroups under `inputPath` in the hierarchy of `controller`. */
function displayControllerData(
	lc: Libcg,
	inputPath: string,
	controller: string,
	name: string,
): number {
	const info = newFileInfo();
	const begin = cgroupWalkTreeBegin(lc, controller, inputPath, 0, info);
	if (begin.ret !== 0) return begin.ret;
	const cgroupDirPath = trimFilepath(info.fullPath.slice(0, FILENAME_MAX - 1));
	const inputDirPath = trimFilepath(inputPath.slice(0, FILENAME_MAX - 1));
	const len = cgroupDirPath.length - inputDirPath.length;
	printInfo(lc.os, info, name, len);
	let ret: number;
	for (;;) {
		ret = cgroupWalkTreeNext(lc, 0, begin.handle, info, begin.baseLevel);
		if (ret !== 0) break;
		printInfo(lc.os, info, name, len);
	}
	cgroupWalkTreeEnd(lc, begin.handle);
	return ret === ECGEOF ? 0 : ret;
}

/**
 * print_cgroup(): walk the mount table hierarchy by hierarchy (the
 * controllers sharing a mount point joined with ","); with a list, only
 * the first hierarchy with one of the spec's controllers. ECGEOF when a
 * listed spec matched no hierarchy.
 */
function printCgroup(lc: Libcg, spec: CgroupGroupSpec, flags: number): number {
	let path = "";
	let conName = "";
	let allConts = "";
	let output = false;
	const controller: CgroupMountPoint = { name: "", path: "" };
	const begin = cgroupGetControllerBegin(lc, controller);
	let ret = begin.ret;
	while (ret === 0) {
		if (path === controller.path) {
			allConts = `${allConts},${controller.name}`.slice(0, FILENAME_MAX - 1);
		} else {
			if (output) {
				ret = displayControllerData(lc, spec.path, conName, allConts);
				if (ret !== 0) return ret;
				if (flags & FL_LIST) {
					output = false;
					break;
				}
			}
			output = false;
			allConts = controller.name;
			conName = controller.name;
			path = controller.path;
		}
		if (!output && (!(flags & FL_LIST) || spec.controllers.includes(controller.name)))
			output = true;
		ret = cgroupGetControllerNext(lc, begin.handle, controller);
	}
	cgroupGetControllerEnd(lc, begin.handle);
	if (ret !== ECGEOF) return ret;
	if (output) ret = displayControllerData(lc, spec.path, conName, allConts);
	return ret;
}

/** cgroup_list_cgroups(): every hierarchy, or each spec in turn until one fails otherwise than not found. */
function cgroupListCgroups(
	lc: Libcg,
	tname: string,
	list: readonly CgroupGroupSpec[],
	flags: number,
): number {
	const os = lc.os;
	let ret = lc.init();
	if (ret !== 0) {
		os.stderr(`cgroups can't be listed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	let finalRet = 0;
	if ((flags & FL_LIST) === 0) {
		ret = printCgroup(lc, { path: "", controllers: [] }, flags);
		if (ret !== 0) {
			finalRet = ret;
			os.stderr(`cgroups can't be listed: ${lc.strerror(ret)}\n`);
		}
		return finalRet;
	}
	for (let i = 0; i < list.length && (ret === ECGEOF || ret === 0); i++) {
		const spec = list[i] as CgroupGroupSpec;
		ret = printCgroup(lc, spec, flags);
		if (ret !== 0) {
			finalRet = ret === ECGEOF ? ECGFAIL : ret;
			os.stderr(
				`${tname}: cannot find group ${spec.controllers[0] ?? "(null)"}..:${spec.path}: ${lc.strerror(finalRet)}\n`,
			);
		}
	}
	return finalRet;
}

function lscgroup(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	const lc = new Libcg(os);
	const list: CgroupGroupSpec[] = [];
	let ignoreDefaultSystemd = false;
	let flags = 0;
	const g = new GetoptLong(os, argv, "hg:b", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "b":
				ignoreDefaultSystemd = true;
				break;
			case "h":
				usage(os, 0, prog);
				return 0;
			case "g": {
				const optarg = g.optarg ?? "";
				if (parseCgroupSpec(lc, list, optarg, CG_HIER_MAX).ret !== 0) {
					os.stderr(`${prog}: cgroup controller and path parsing failed (${optarg})\n`);
					return -1;
				}
				break;
			}
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	let ret = lc.init();
	if (ret !== 0) {
		os.stderr(`${prog}: libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	if (!ignoreDefaultSystemd) lc.setDefaultSystemdCgroup();
	for (let optind = g.optind; optind < g.argv.length; optind++) {
		const arg = g.argv[optind] as string;
		if (parseCgroupSpec(lc, list, arg, CG_HIER_MAX).ret !== 0) {
			os.stderr(`${prog}: cgroup controller an path parsing failed (${arg})\n`);
			return -1;
		}
	}
	if (list.length > 0) flags |= FL_LIST;
	ret = cgroupListCgroups(lc, prog, list, flags);
	return ret;
}

/** lscgroup's main(). */
export const main: ToolMain = (os, argv) => lscgroup(os, argv);
