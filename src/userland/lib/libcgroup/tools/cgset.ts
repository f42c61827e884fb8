/**
 * cgset (tools/cgset.c of libcgroup 3.1.0): write the -r name=value
 * settings, or every setting of the --copy-from cgroup, into each cgroup
 * named as an operand.
 */

import { cgroupGetCgroup, cgroupModifyCgroup } from "../api.ts";
import {
	type Cgroup,
	cgroupCopyCgroup,
	cgroupNewCgroup,
	createCgroupFromNameValuePairs,
	type NameValue,
} from "../cgroup.ts";
import { ECGFAIL } from "../errors.ts";
import { CG_CONTROL_VALUE_MAX, FILENAME_MAX, Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import { GetoptLong, type LongOption, runTool } from "../tools-common.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const FL_RULES = 1;
const FL_COPY = 2;
/** COPY_FROM_OPTION: CHAR_MAX + 1, a value no short option has. */
const COPY_FROM_OPTION = "\u0080";

const LONG_OPTS: readonly LongOption[] = [
	{ name: "rule", hasArg: 1, val: "r" },
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "copy-from", hasArg: 1, val: COPY_FROM_OPTION },
];

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr("Wrong input parameters, ");
		os.stderr(`try ${prog} --help' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-r <name=value>] <cgroup_path> ...\n` +
			`   or: ${prog} --copy-from <source_cgroup_path> <cgroup_path> ...\n` +
			"Set the parameters of given cgroup(s)\n" +
			"  -r, --variable <name>\t\t\tDefine parameter to set\n" +
			"  --copy-from <source_cgroup_path>\tControl group whose " +
			"parameters will be copied\n" +
			"  -b\t\t\t\t\tIgnore default systemd " +
			"delegate hierarchy\n",
	);
}

/**
 * parse_r_flag(): "name=value": the name is the first run of characters
 * other than "=", the value everything after the first "=" (at least one
 * character). [code, pair]; errors are printed.
 */
export function parseRFlag(os: CgOs, prog: string, s: string): [number, NameValue | null] {
	const eq = s.indexOf("=");
	const bad = (): [number, null] => {
		os.stderr(`${prog}: wrong parameter of option -r: ${s}\n`);
		return [EXIT_BADARGS, null];
	};
	if (eq < 0) return bad();
	const name = s.split("=").find((t) => t !== "");
	if (name === undefined) return bad();
	const value = s.slice(eq + 1);
	if (value === "") return bad();
	return [
		0,
		{ name: name.slice(0, FILENAME_MAX - 1), value: value.slice(0, CG_CONTROL_VALUE_MAX - 1) },
	];
}

/** copy_name_value_from_cgroup(): the settings of cgroup `path` as read from the filesystem. */
function copyNameValueFromCgroup(lc: Libcg, path: string): Cgroup | null {
	const src = cgroupNewCgroup(path);
	const ret = cgroupGetCgroup(lc, src);
	if (ret !== 0) {
		lc.os.stderr(`cgroup ${path} error: ${lc.strerror(ret)}\n`);
		return null;
	}
	return src;
}

function cgset(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	if (argv.length < 2) {
		os.stderr(`Usage is ${prog} -r <name=value> relative path to cgroup>\n`);
		return EXIT_BADARGS;
	}
	let ignoreDefaultSystemd = false;
	const pairs: NameValue[] = [];
	let srcPath = "";
	let flags = 0;
	let ret = 0;
	const g = new GetoptLong(os, argv, "r:hb", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "b":
				ignoreDefaultSystemd = true;
				break;
			case "h":
				usage(os, 0, prog);
				return 0;
			case "r": {
				if (flags & FL_COPY) {
					usage(os, 1, prog);
					return EXIT_BADARGS;
				}
				flags |= FL_RULES;
				const [r, nv] = parseRFlag(os, prog, g.optarg ?? "");
				if (r !== 0 || nv === null) return r;
				pairs.push(nv);
				break;
			}
			case COPY_FROM_OPTION:
				if (flags !== 0) {
					usage(os, 1, prog);
					return EXIT_BADARGS;
				}
				flags |= FL_COPY;
				srcPath = (g.optarg ?? "").slice(0, FILENAME_MAX - 1);
				break;
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	if (g.arg(g.optind) === null) {
		os.stderr(`${prog}: no cgroup specified\n`);
		return EXIT_BADARGS;
	}
	if (flags === 0) {
		os.stderr(`${prog}: no name-value pair was set\n`);
		return EXIT_BADARGS;
	}
	const lc = new Libcg(os);
	ret = lc.init();
	if (ret !== 0) {
		os.stderr(`${prog}: libcgroup initialization failed: ${lc.strerror(ret)}\n`);
		return ret;
	}
	if (!ignoreDefaultSystemd) lc.setDefaultSystemdCgroup();
	let src: Cgroup | null = null;
	if (flags & FL_RULES) {
		src = createCgroupFromNameValuePairs(lc, "tmp", pairs);
		if (src === null) return ret;
	}
	if (flags & FL_COPY) {
		src = copyNameValueFromCgroup(lc, srcPath);
		if (src === null) return ret;
	}
	for (let i = g.optind; i < g.argv.length; i++) {
		const cgroup = cgroupNewCgroup(g.arg(i) ?? "");
		ret = src === null ? ECGFAIL : cgroupCopyCgroup(cgroup, src);
		if (ret !== 0) {
			os.stderr(`${prog}: cgroup ${srcPath} error: ${lc.strerror(ret)}\n`);
			return ret;
		}
		ret = cgroupModifyCgroup(lc, cgroup);
		if (ret !== 0) {
			os.stderr(`${prog}: cgroup modify error: ${lc.strerror(ret)}\n`);
			return ret;
		}
	}
	return ret;
}

/** cgset's main(). */
export const main: ToolMain = (os, argv) => runTool(() => cgset(os, argv));
