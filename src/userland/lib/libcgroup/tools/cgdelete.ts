/**
 * cgdelete (tools/cgdelete.c of libcgroup 3.1.0): remove the cgroups
 * named by -g options and operands ("controllers:path"), with -r their
 * descendants too; tasks move to the parent cgroup.
 *
 * skip_add_controller() keeps the C code's mix-up of its record's fields:
 * it looks the hierarchy number up under the cgroup's path instead of the
 * controller's name, so the number is 0 and a second controller named
 * for the same path is skipped unless it repeats an earlier one.
 */

import { CGFLAG_DELETE_RECURSIVE, cgroupDeleteCgroupExt } from "../api.ts";
import { cgroupAddController, cgroupNewCgroup } from "../cgroup.ts";
import { ECGEOF, ECGFAIL } from "../errors.ts";
import { Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import {
	type CgroupGroupSpec,
	GetoptLong,
	type LongOption,
	parseCgroupSpec,
	runTool,
} from "../tools-common.ts";
import {
	cgroupGetAllControllerBegin,
	cgroupGetAllControllerEnd,
	cgroupGetAllControllerNext,
	newControllerData,
} from "../walk.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const LONG_OPTS: readonly LongOption[] = [
	{ name: "recursive", hasArg: 0, val: "r" },
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "group", hasArg: 1, val: "g" },
];

/** struct ext_cgroup_record, with the C code's field names. */
interface ExtCgroupRecord {
	/** Filled with the cgroup's path. */
	name: string;
	/** Filled with the controller's name. */
	controller: string;
	hNumber: number;
}

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr("Wrong input parameters,");
		os.stderr(` try ${prog} --help' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-h] [-r] [[-g] <controllers>:<path>] ...\n` +
			"Remove control group(s)\n" +
			"  -g <controllers>:<path>\tControl group to be removed (-g is optional)\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -r, --recursive\t\tRecursively remove all subgroups\n" +
			"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n",
	);
}

/** skip_add_controller(): [code, skip] for record `counter`. */
function skipAddController(lc: Libcg, counter: number, list: ExtCgroupRecord[]): [number, boolean] {
	const rec = list[counter] as ExtCgroupRecord;
	rec.hNumber = 0;
	const info = newControllerData();
	let { ret, handle } = cgroupGetAllControllerBegin(lc, info);
	while (ret === 0) {
		if (info.name === rec.name) {
			rec.hNumber = info.hierarchy;
			break;
		}
		ret = cgroupGetAllControllerNext(handle, info);
	}
	cgroupGetAllControllerEnd(handle);
	if (ret === ECGEOF) ret = 0;
	if (ret !== 0) {
		lc.os.stderr(`cgroup_get_controller_begin/next failed(${lc.strerror(ret)})\n`);
		return [ret, false];
	}
	let skip = false;
	for (let k = 0; k < counter; k++) {
		const o = list[k] as ExtCgroupRecord;
		if (o.name === rec.name && o.hNumber === rec.hNumber) {
			if (o.controller !== rec.controller) skip = true;
			else return [0, false];
		}
	}
	return [0, skip];
}

function cgdelete(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	if (argv.length < 2) {
		usage(os, 1, prog);
		return EXIT_BADARGS;
	}
	const lc = new Libcg(os);
	let ret = lc.init();
	if (ret !== 0) {
		os.stderr(`${prog}: libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	const argc = argv.length;
	const list: CgroupGroupSpec[] = [];
	const records: ExtCgroupRecord[] = [];
	let ignoreDefaultSystemd = false;
	let flags = 0;
	const g = new GetoptLong(os, argv, "rhg:b", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "b":
				ignoreDefaultSystemd = true;
				break;
			case "r":
				flags |= CGFLAG_DELETE_RECURSIVE;
				break;
			case "g": {
				const r = parseCgroupSpec(lc, list, g.optarg ?? "", argc);
				if (r.ret !== 0) {
					os.stderr(`${prog}: error parsing cgroup '${r.mangled}'`);
					return EXIT_BADARGS;
				}
				break;
			}
			case "h":
				usage(os, 0, prog);
				return 0;
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	if (!ignoreDefaultSystemd) lc.setDefaultSystemdCgroup();
	for (let i = g.optind; i < argc; i++) {
		const r = parseCgroupSpec(lc, list, g.arg(i) ?? "", argc);
		if (r.ret !== 0) {
			os.stderr(`${prog}: error parsing cgroup '${r.mangled}'\n`);
			return EXIT_BADARGS;
		}
	}
	let finalRet = 0;
	for (const spec of list) {
		const cgroup = cgroupNewCgroup(spec.path);
		for (const ctrl of spec.controllers) {
			records.push({ controller: ctrl.slice(0, 4095), name: spec.path.slice(0, 4095), hNumber: 0 });
			const [r, skip] = skipAddController(lc, records.length - 1, records);
			if (r !== 0) return r;
			if (skip) continue;
			if (cgroupAddController(lc, cgroup, ctrl) === null) {
				os.stderr(`${prog}: controller ${ctrl} can't be added\n`);
				return ECGFAIL;
			}
		}
		ret = cgroupDeleteCgroupExt(lc, cgroup, flags);
		if (ret !== 0) {
			os.stderr(`${prog}: cannot remove group '${cgroup.name}': ${lc.strerror(ret)}\n`);
			finalRet = ret;
		}
	}
	return finalRet;
}

/** cgdelete's main(). */
export const main: ToolMain = (os, argv) => runTool(() => cgdelete(os, argv));
