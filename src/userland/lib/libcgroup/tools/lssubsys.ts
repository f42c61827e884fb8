/**
 * lssubsys (tools/lssubsys.c of libcgroup 3.1.0): list the controllers of
 * /proc/cgroups by hierarchy, with -m/-M their mount points, -i the
 * hierarchy numbers, -a also those bound to no hierarchy.
 *
 * For each hierarchy the C code walks /proc/cgroups again and asks the
 * mount table for each controller's version; a controller bound to no
 * hierarchy is not in the mount table, so when one comes before the
 * hierarchy's last controller the listing of that hierarchy stops with
 * ECGROUPNOTEXIST. That is why, on a host with unbound controllers after
 * the bound ones (net_cls, perf_event, ...), lssubsys prints no hierarchy
 * and exits with 50002 & 0xff = 82; `lssubsys -am` prints just the
 * unbound controllers.
 */

import { ECGEOF } from "../errors.ts";
import { CG_CONTROLLER_MAX, CGROUP_V1, FILENAME_MAX, Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import { GetoptLong, type LongOption } from "../tools-common.ts";
import {
	type ControllerData,
	cgroupGetAllControllerBegin,
	cgroupGetAllControllerEnd,
	cgroupGetAllControllerNext,
	cgroupGetSubsysMountPointBegin,
	cgroupGetSubsysMountPointEnd,
	cgroupGetSubsysMountPointNext,
	newControllerData,
} from "../walk.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const FL_MOUNT = 1;
const FL_LIST = 2;
const FL_ALL = 4;
const FL_HIERARCHY = 8;
const FL_MOUNT_ALL = 16;

const LONG_OPTS: readonly LongOption[] = [
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "mount-points", hasArg: 0, val: "m" },
	{ name: "all-mount-points", hasArg: 0, val: "M" },
	{ name: "all", hasArg: 0, val: "a" },
	{ name: "hierarchies", hasArg: 0, val: "i" },
];

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} -h' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-i] [-m] [-M] [controller] [...]\n` +
			`   or: ${prog} [-a] [-i] [-m] [-M]\n` +
			"List information about given controller(s) If no controller " +
			"is set list information about all mounted controllers.\n" +
			"  -a, --all\t\t\tDisplay information " +
			"about all controllers (including not mounted ones)\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -i, --hierarchies\t\tDisplay information about hierarchies\n" +
			"  -m, --mount-points\t\tDisplay mount points\n" +
			"  -M, --all-mount-points\tDisplay all mount points\n" +
			"(Note: currently supported on cgroups v1 only)\n",
	);
}

/** print_controller_mount(): the hierarchy's controllers, with its number or mount point(s). */
function printControllerMount(
	lc: Libcg,
	controller: string,
	flags: number,
	contNames: string,
	hierarchy: number,
): number {
	const os = lc.os;
	if (!(flags & FL_MOUNT) && !(flags & FL_HIERARCHY)) os.stdout(`${contNames}\n`);
	if (!(flags & FL_MOUNT) && flags & FL_HIERARCHY) os.stdout(`${contNames} ${hierarchy}\n`);
	let ret = 0;
	if (flags & FL_MOUNT) {
		const begin = cgroupGetSubsysMountPointBegin(lc, controller);
		ret = begin.ret;
		let path = begin.path;
		let stopped = false;
		while (ret === 0) {
			os.stdout(`${contNames} ${path}\n`);
			if (!(flags & FL_MOUNT_ALL)) {
				stopped = true;
				break;
			}
			const next = cgroupGetSubsysMountPointNext(lc, begin.handle);
			ret = next.ret;
			path = next.path;
		}
		if (!stopped && ret === ECGEOF) ret = 0;
		cgroupGetSubsysMountPointEnd(lc);
	}
	return ret;
}

/** print_all_controllers_in_hierarchy(): the controllers of hierarchy `hierarchy`, comma-separated. */
function printAllControllersInHierarchy(lc: Libcg, hierarchy: number, flags: number): number {
	// A failure here is fine: no mounted controller is a valid case.
	lc.init();
	const info = newControllerData();
	const begin = cgroupGetAllControllerBegin(lc, info);
	let ret = begin.ret;
	if (ret !== 0 && ret !== ECGEOF) {
		lc.os.stderr(`cannot read controller data: ${lc.strerror(ret)}\n`);
		return ret;
	}
	let contName = "";
	let contNames = "";
	let first = true;
	let failed = false;
	while (ret !== ECGEOF) {
		const [vret, version] = lc.controllerVersion(info.name);
		ret = vret;
		if (ret !== 0) {
			failed = true;
			break;
		}
		if (!(version === CGROUP_V1 && info.hierarchy !== hierarchy)) {
			if (first) {
				contName = info.name;
				contNames = info.name;
				first = false;
			} else {
				contNames = `${contNames},${info.name}`.slice(0, FILENAME_MAX - 1);
			}
		}
		ret = cgroupGetAllControllerNext(begin.handle, info);
		if (ret !== 0 && ret !== ECGEOF) {
			failed = true;
			break;
		}
	}
	if (!failed) ret = printControllerMount(lc, contName, flags, contNames, hierarchy);
	cgroupGetAllControllerEnd(begin.handle);
	return ret === ECGEOF ? 0 : ret;
}

/** cgroup_list_all_controllers(): the unbound controllers (-a), then each wanted hierarchy once. */
function cgroupListAllControllers(lc: Libcg, contNames: readonly string[], flags: number): number {
	const os = lc.os;
	const hList: number[] = [];
	const info: ControllerData = newControllerData();
	const begin = cgroupGetAllControllerBegin(lc, info);
	let ret = begin.ret;
	while (ret === 0) {
		if (info.hierarchy === 0 && flags & FL_ALL) os.stdout(`${info.name}\n`);
		const onList = contNames.includes(info.name);
		if (info.hierarchy !== 0 && (flags & FL_ALL || !(flags & FL_LIST) || onList)) {
			if (!hList.includes(info.hierarchy)) hList.push(info.hierarchy);
		}
		ret = cgroupGetAllControllerNext(begin.handle, info);
	}
	cgroupGetAllControllerEnd(begin.handle);
	if (ret === ECGEOF) ret = 0;
	if (ret !== 0) {
		os.stderr(`cgroup_get_controller_begin/next failed (${lc.strerror(ret)})\n`);
		return ret;
	}
	for (const h of hList) ret = printAllControllersInHierarchy(lc, h, flags);
	return ret;
}

function lssubsys(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	const lc = new Libcg(os);
	let flags = 0;
	const g = new GetoptLong(os, argv, "mMhai", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "h":
				usage(os, 0, prog);
				return 0;
			case "m":
				flags |= FL_MOUNT;
				break;
			case "M":
				flags |= FL_MOUNT | FL_MOUNT_ALL;
				break;
			case "a":
				flags |= FL_ALL;
				break;
			case "i":
				flags |= FL_HIERARCHY;
				break;
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	const contNames: string[] = [];
	let optind = g.optind;
	while (optind < g.argv.length) {
		flags |= FL_LIST;
		contNames.push((g.argv[optind] as string).slice(0, FILENAME_MAX - 1));
		optind++;
		if (optind === CG_CONTROLLER_MAX) {
			os.stderr("Warning: too many parameters\n");
			break;
		}
	}
	return cgroupListAllControllers(lc, contNames, flags);
}

/** lssubsys's main(). */
export const main: ToolMain = (os, argv) => lssubsys(os, argv);
