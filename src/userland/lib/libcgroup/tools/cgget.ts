/**
 * cgget (tools/cgget.c of libcgroup 3.1.0): print settings of cgroups:
 * those named by -r, every setting of the controllers of -g or -a, or of
 * every controller; -n drops the headers, -v the names, -m prints the
 * setup mode and -c the controllers' versions.
 *
 * Values are read as the C tool reads them: a named setting line by line
 * in chunks of at most 99 characters, continuation lines indented with a
 * tab; a whole controller through cgroup_fill_cgc(). As in the C code,
 * fill_empty_controller() returns what the last directory entry gave, so
 * the directory order of the filesystem matters.
 */

import { cgroupFillCgc, dirname } from "../api.ts";
import {
	type Cgroup,
	type CgroupController,
	type ControlValue,
	cgroupAddController,
	cgroupAddValueString,
	cgroupCopyCgroup,
	cgroupGetController,
	cgroupNewCgroup,
} from "../cgroup.ts";
import { ECGEOF, ECGFAIL, ECGINVAL, ECGMAXVALUESEXCEEDED, ECGOTHER } from "../errors.ts";
import {
	CG_CONTROL_VALUE_MAX,
	CGROUP_MODE_HYBRID,
	CGROUP_MODE_LEGACY,
	CGROUP_MODE_UNIFIED,
	FILENAME_MAX,
	Libcg,
} from "../libcg.ts";
import type { CgOs } from "../os.ts";
import { GetoptLong, type LongOption, runTool, ToolExit } from "../tools-common.ts";
import {
	type CgroupMountPoint,
	cgroupGetControllerBegin,
	cgroupGetControllerEnd,
	cgroupGetControllerNext,
	cgroupReadValueBegin,
	cgroupReadValueEnd,
	cgroupReadValueNext,
} from "../walk.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const MODE_SHOW_HEADERS = 1;
const MODE_SHOW_NAMES = 2;
const MODE_SYSTEMD_DELEGATE = 4;

/** LL_MAX: the line buffer of get_cv_value(). */
const LL_MAX = 100;

const LONG_OPTS: readonly LongOption[] = [
	{ name: "variable", hasArg: 1, val: "r" },
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "all", hasArg: 0, val: "a" },
	{ name: "values-only", hasArg: 0, val: "v" },
];

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} -h' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-nv] [-r <name>] [-g <controllers>] [-a] <path> ...\n` +
			"Print parameter(s) of given group(s).\n" +
			"  -a, --all\t\t\tPrint info about all relevant controllers\n" +
			"  -g <controllers>\t\tController which info should be displayed\n" +
			"  -g <controllers>:<path>\tControl group which info should be displayed\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -n\t\t\t\tDo not print headers\n" +
			"  -r, --variable <name>\t\tDefine parameter to display\n" +
			"  -v, --values-only\t\tPrint only values, not " +
			"parameter names\n" +
			"  -m\t\t\t\tDisplay the cgroup mode\n" +
			"  -b\t\t\t\tIgnore default systemd delegate hierarchy\n" +
			"  -c\t\t\t\tDisplay controller version\n",
	);
}

/** usage(1) and exit(EXIT_BADARGS), as parse_opts() does. */
function badArgs(os: CgOs, prog: string): never {
	usage(os, 1, prog);
	throw new ToolExit(EXIT_BADARGS);
}

/** The state of the C tool: its cgroup list. */
class Cgget {
	readonly lc: Libcg;
	readonly os: CgOs;
	readonly list: Cgroup[] = [];

	constructor(lc: Libcg) {
		this.lc = lc;
		this.os = lc.os;
	}

	/** create_cg(): append a cgroup with no name. */
	private createCg(): void {
		this.list.push(cgroupNewCgroup(""));
	}

	/** The controller of `cg` named `name`, added when missing; null (printed) when it cannot be. */
	private getOrAdd(cg: Cgroup, name: string): CgroupController | null {
		const cgc = cgroupGetController(cg, name) ?? cgroupAddController(this.lc, cg, name);
		if (cgc === null) this.os.stderr(`cgget: cannot find controller '${name}'\n`);
		return cgc;
	}

	/** parse_a_flag(): every mounted controller into the first cgroup. */
	parseAFlag(): number {
		if (this.list.length === 0) this.createCg();
		const cg = this.list[0] as Cgroup;
		const info: CgroupMountPoint = { name: "", path: "" };
		let { ret, handle } = cgroupGetControllerBegin(this.lc, info);
		while (ret === 0) {
			if (this.getOrAdd(cg, info.name) === null) {
				cgroupGetControllerEnd(this.lc, handle);
				return ECGOTHER;
			}
			ret = cgroupGetControllerNext(this.lc, handle, info);
		}
		if (ret === ECGEOF) ret = 0;
		cgroupGetControllerEnd(this.lc, handle);
		return ret;
	}

	/** parse_r_flag(): the setting `name` (of the controller before its first ".") into the first cgroup. */
	parseRFlag(name: string): number {
		if (this.list.length === 0) this.createCg();
		const cg = this.list[0] as Cgroup;
		const dot = name.indexOf(".");
		if (dot < 0) {
			this.os.stderr(`cgget: error parsing parameter name '${name}'`);
			return ECGINVAL;
		}
		const cgc = this.getOrAdd(cg, name.slice(0, dot));
		if (cgc === null) return ECGOTHER;
		return cgroupAddValueString(this.lc, cgc, name, null);
	}

	/** parse_g_flag_no_colon(): controller `ctrl` into the first cgroup. */
	parseGFlagNoColon(ctrl: string): number {
		if (this.list.length > 1) return ECGMAXVALUESEXCEEDED;
		if (this.list.length === 0) this.createCg();
		return this.getOrAdd(this.list[0] as Cgroup, ctrl) === null ? ECGOTHER : 0;
	}

	/** parse_g_flag_with_colon(): a new cgroup "<path>" with the controllers of "<c1>,<c2>:<path>". */
	parseGFlagWithColon(spec: string): number {
		this.createCg();
		const cg = this.list[this.list.length - 1] as Cgroup;
		const colon = spec.indexOf(":");
		cg.name = spec.slice(colon + 1, colon + FILENAME_MAX);
		for (const ctrl of spec.slice(0, colon).split(",")) {
			if (ctrl === "") continue;
			if (this.getOrAdd(cg, ctrl) === null) return ECGOTHER;
		}
		return 0;
	}

	/** parse_opt_args(): the operands name the cgroups. */
	parseOptArgs(g: GetoptLong, prog: string, firstIsDummy: boolean): number {
		if (g.arg(g.optind) === null && firstIsDummy) badArgs(this.os, prog);
		if (g.arg(g.optind) !== null && this.list.length > 0 && (this.list[0] as Cgroup).name !== "") {
			badArgs(this.os, prog);
		}
		for (let a = g.arg(g.optind); a !== null; a = g.arg(++g.optind)) {
			const name = a.slice(0, FILENAME_MAX - 1);
			const cg = this.list[this.list.length - 1];
			if (this.list.length === 0) {
				const ret = this.parseAFlag();
				if (ret !== 0) return ret;
				(this.list[this.list.length - 1] as Cgroup).name = name;
			} else if (cg !== undefined && cg.name === "") {
				cg.name = name;
			} else {
				this.createCg();
				const ret = cgroupCopyCgroup(
					this.list[this.list.length - 1] as Cgroup,
					this.list[this.list.length - 2] as Cgroup,
				);
				if (ret !== 0) return ret;
				(this.list[this.list.length - 1] as Cgroup).name = name;
			}
		}
		return 0;
	}

	/** get_cv_value(): read setting `cv` of cgroup `cgName`, a line (or 99-character chunk) at a time. */
	private getCvValue(cv: ControlValue, cgName: string, controller: string): number {
		const lc = this.lc;
		const begin = cgroupReadValueBegin(lc, controller, cgName, cv.name, LL_MAX);
		let ret = begin.ret;
		if (ret === ECGEOF) {
			cgroupReadValueEnd(lc, begin.handle);
			return 0;
		}
		if (ret !== 0) {
			if (ret === ECGOTHER) {
				if (!lc.testSubsysMounted(controller)) {
					this.os.stderr(`cgget: cannot find controller '${controller}' in group '${cgName}'\n`);
				} else {
					this.os.stderr(`variable file read failed ${lc.strerror(ret)}\n`);
				}
			}
			return ret;
		}
		const strip = (s: string | null) => {
			const t = s ?? "";
			const nl = t.indexOf("\n");
			return nl < 0 ? t : t.slice(0, nl);
		};
		cv.value = strip(begin.line).slice(0, CG_CONTROL_VALUE_MAX - 1);
		let multiline = cv.value;
		let isMultiline = false;
		for (;;) {
			const next = cgroupReadValueNext(lc, begin.handle, LL_MAX);
			ret = next.ret;
			if (ret !== 0) break;
			isMultiline = true;
			cv.value = "";
			multiline += `\n\t${strip(next.line)}`;
		}
		cgroupReadValueEnd(lc, begin.handle);
		if (ret === ECGEOF) ret = 0;
		cv.multilineValue = isMultiline ? multiline : null;
		return ret;
	}

	/** indent_multiline_value(): the lines of the value joined with "\n\t" (empty lines dropped). */
	private static indentMultilineValue(cv: ControlValue): void {
		const toks = cv.value.split("\n").filter((t) => t !== "");
		let out = "";
		for (let i = 0; i < toks.length; i++) {
			out += i === 0 ? toks[i] : `\n\t${toks[i]}`;
			if (out.length > CG_CONTROL_VALUE_MAX - 1) out = out.slice(0, CG_CONTROL_VALUE_MAX - 1);
		}
		cv.multilineValue = out;
	}

	/** fill_empty_controller(): every setting of the controller in the cgroup's directory. */
	private fillEmptyController(cg: Cgroup, cgc: CgroupController): number {
		const lc = this.lc;
		const i = lc.mountTable.findIndex((m) => m.name === cgc.name);
		if (i < 0) return 0;
		const mt = lc.mountTable[i] as (typeof lc.mountTable)[number];
		let mntPath = lc.buildPath(null, mt.name);
		if (mntPath === null) return 0;
		if (cg.name.startsWith("/") && cg.name.length > 1 && mntPath.endsWith(".scope/")) {
			// A systemd default cgroup is part of every path; "/name" is relative to the mount.
			mntPath = dirname(mntPath);
			if (mntPath.endsWith(".slice")) mntPath = dirname(mntPath);
			else {
				lc.dbg(`Malformed path ${mntPath} (expected slice name)\n`);
				return ECGOTHER;
			}
		}
		try {
			lc.os.stat(`${mntPath}${cg.name}`);
		} catch {
			return 0;
		}
		const dir = lc.buildPath(cg.name, mt.name);
		if (dir === null) return 0;
		let entries: ReturnType<CgOs["readdir"]>;
		try {
			entries = lc.os.readdir(dir);
		} catch {
			return ECGOTHER;
		}
		let ret = 0;
		for (const ent of entries) {
			if (ent.type !== "file") continue;
			ret = cgroupFillCgc(lc, ent.name, cg, cgc, i);
			if (ret === ECGFAIL) return ret;
			const last = cgc.values[cgc.values.length - 1];
			if (last !== undefined) {
				last.dirty = false;
				if (last.value.includes("\n")) Cgget.indentMultilineValue(last);
			}
		}
		return ret;
	}

	/** get_values(): read every requested value of every cgroup; the first error stops. */
	getValues(): number {
		for (const cg of this.list) {
			for (const cgc of cg.controllers) {
				for (const cv of cgc.values) {
					const ret = this.getCvValue(cv, cg.name, cgc.name);
					if (ret !== 0) return ret;
				}
				if (cgc.values.length === 0) {
					const ret = this.fillEmptyController(cg, cgc);
					if (ret !== 0) return ret;
				}
			}
		}
		return 0;
	}

	/** print_cgroups(). */
	print(mode: number): void {
		let out = "";
		for (const cg of this.list) {
			if (mode & MODE_SHOW_HEADERS) out += `${cg.name}:\n`;
			for (const cgc of cg.controllers) {
				for (const cv of cgc.values) {
					if (mode & MODE_SHOW_NAMES) out += `${cv.name}: `;
					out += `${cv.multilineValue ?? cv.value}\n`;
				}
			}
			if (mode & MODE_SHOW_HEADERS) out += "\n";
		}
		this.os.stdout(out);
	}
}

/** find_cgroup_mount_type(). */
function findCgroupMountType(lc: Libcg): number {
	switch (lc.setupMode()) {
		case CGROUP_MODE_LEGACY:
			lc.os.stdout("Legacy Mode (Cgroup v1 only).\n");
			return 0;
		case CGROUP_MODE_HYBRID:
			lc.os.stdout("Hybrid mode (Cgroup v1/v2).\n");
			return 0;
		case CGROUP_MODE_UNIFIED:
			lc.os.stdout("Unified Mode (Cgroup v2 only).\n");
			return 0;
		default:
			lc.os.stderr("Unable to determine the Cgroup setup mode.\n");
			return 1;
	}
}

/** printf("%-11s") */
function pad11(s: string): string {
	return s.length >= 11 ? s : s + " ".repeat(11 - s.length);
}

/** print_controller_version(): ends with the iterator's ECGEOF, which cgget returns. */
function printControllerVersion(lc: Libcg): number {
	let out = `${pad11("#Controller")}\t${"Version"}\n`;
	const info: CgroupMountPoint = { name: "", path: "" };
	let { ret, handle } = cgroupGetControllerBegin(lc, info);
	while (ret === 0) {
		const [r, version] = lc.controllerVersion(info.name);
		out += r === 0 ? `${pad11(info.name)}\t${version}\n` : `${pad11(info.name)}\tunknown\n`;
		ret = cgroupGetControllerNext(lc, handle, info);
	}
	cgroupGetControllerEnd(lc, handle);
	lc.os.stdout(out);
	return ret;
}

function cgget(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	let mode = MODE_SHOW_NAMES | MODE_SHOW_HEADERS | MODE_SYSTEMD_DELEGATE;
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
	const t = new Cgget(lc);
	// parse_opts()
	let doNotFill = false;
	let firstIsDummy = false;
	let mountType = false;
	let fill = false;
	let printVersions = false;
	const g = new GetoptLong(os, argv, "r:hnvg:ambc", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		const optarg = g.optarg ?? "";
		switch (c) {
			case "b":
				mode &= ~MODE_SYSTEMD_DELEGATE;
				break;
			case "h":
				usage(os, 0, prog);
				return 0;
			case "n":
				mode &= ~MODE_SHOW_HEADERS;
				break;
			case "v":
				mode &= ~MODE_SHOW_NAMES;
				break;
			case "r":
				doNotFill = true;
				firstIsDummy = true;
				ret = t.parseRFlag(optarg);
				if (ret !== 0) return ret;
				break;
			case "g":
				fill = true;
				if (!optarg.includes(":")) {
					firstIsDummy = true;
					ret = t.parseGFlagNoColon(optarg);
				} else ret = t.parseGFlagWithColon(optarg);
				if (ret !== 0) return ret;
				break;
			case "a":
				fill = true;
				ret = t.parseAFlag();
				if (ret !== 0) return ret;
				break;
			case "m":
				mountType = true;
				break;
			case "c":
				printVersions = true;
				break;
			default:
				badArgs(os, prog);
		}
	}
	if (fill && doNotFill) badArgs(os, prog);
	if ((mountType || printVersions) && (fill || doNotFill)) badArgs(os, prog);
	if (mountType) {
		ret = findCgroupMountType(lc);
		if (ret !== 0) return ret;
	}
	if (printVersions) {
		ret = printControllerVersion(lc);
		if (ret !== 0) return ret;
	}
	ret = t.parseOptArgs(g, prog, firstIsDummy);
	if (ret !== 0) return ret;
	if (mode & MODE_SYSTEMD_DELEGATE) lc.setDefaultSystemdCgroup();
	ret = t.getValues();
	if (ret !== 0) return ret;
	t.print(mode);
	return 0;
}

/** cgget's main(). */
export const main: ToolMain = (os, argv) => runTool(() => cgget(os, argv));
