/**
 * cgsnapshot (tools/cgsnapshot.c of libcgroup 3.1.0): write the current
 * cgroups as a cgconfig.conf: a mount section with the mount points of
 * the bound controllers and of the named hierarchies, then a group
 * section per cgroup with the writable settings of the wanted
 * controllers. Settings on the denylist (-b FILE, by default
 * /etc/cgsnapshot_denylist.conf, which must exist) are left out, so are
 * those not on the allowlist (-w FILE) with -t; -s silences the warnings
 * about settings on neither list; -f FILE writes the configuration there.
 */

import { cgroupGetCgroup } from "../api.ts";
import {
	type Cgroup,
	cgroupGetController,
	cgroupGetValueString,
	cgroupNewCgroup,
} from "../cgroup.ts";
import { ECGEOF, ECGOTHER, ECGROUPNOTEXIST } from "../errors.ts";
import { asKernelError, CG_CONTROLLER_MAX, FILENAME_MAX, Libcg } from "../libcg.ts";
import type { CgOs } from "../os.ts";
import { getgrgid, getpwuid } from "../rules-userdb.ts";
import { GetoptLong, type LongOption } from "../tools-common.ts";
import {
	CGROUP_FILE_TYPE_DIR,
	type CgroupMountPoint,
	cgroupGetAllControllerBegin,
	cgroupGetAllControllerEnd,
	cgroupGetAllControllerNext,
	cgroupGetControllerBegin,
	cgroupGetControllerEnd,
	cgroupGetControllerNext,
	cgroupGetSubsysMountPointBegin,
	cgroupGetSubsysMountPointEnd,
	cgroupGetSubsysMountPointNext,
	cgroupWalkTreeBegin,
	cgroupWalkTreeEnd,
	cgroupWalkTreeNext,
	newControllerData,
	newFileInfo,
	StdioFile,
} from "../walk.ts";
import { EXIT_BADARGS, type ToolMain } from "./env.ts";

const FL_LIST = 1;
const FL_SILENT = 2;
const FL_STRICT = 4;
const FL_OUTPUT = 8;
const FL_DENY = 16;
const FL_ALLOW = 32;

export const DENYLIST_CONF = "/etc/cgsnapshot_denylist.conf";
export const ALLOWLIST_CONF = "/etc/cgsnapshot_allowlist.conf";

const LONG_OPTS: readonly LongOption[] = [
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "silent", hasArg: 0, val: "s" },
	{ name: "denylist", hasArg: 1, val: "b" },
	{ name: "allowlist", hasArg: 1, val: "w" },
	{ name: "strict", hasArg: 0, val: "t" },
	{ name: "file", hasArg: 1, val: "f" },
];

/** One run's state: the C globals flags, output_f and the two lists. */
class Snapshot {
	readonly lc: Libcg;
	readonly os: CgOs;
	flags = 0;
	denyList: string[] = [];
	allowList: string[] = [];
	/** The -f file (null: stdout) and what was written to it. */
	outputFile: string | null = null;
	private fileText = "";

	constructor(lc: Libcg) {
		this.lc = lc;
		this.os = lc.os;
	}

	/** fprintf(output_f, ...). */
	out(s: string): void {
		if (this.outputFile === null) this.os.stdout(s);
		else this.fileText += s;
	}

	/** fclose(output_f) of a -f file: its buffered text reaches it. */
	closeOutput(): void {
		if (this.outputFile === null || this.fileText === "") return;
		try {
			this.os.createFile(this.outputFile, this.fileText, true);
		} catch {
			// fclose()'s failure is not looked at.
		}
		this.fileText = "";
	}
}

function usage(os: CgOs, status: number, prog: string): void {
	if (status !== 0) {
		os.stderr(`Wrong input parameters, try ${prog} -h' for more information.\n`);
		return;
	}
	os.stdout(
		`Usage: ${prog} [-h] [-s] [-b FILE] [-w FILE] [-f FILE] [controller] [...]\n` +
			"Generate the configuration file for given controllers\n" +
			"  -b, --denylist=FILE\t\tSet the denylist" +
			` configuration file (default ${DENYLIST_CONF})\n` +
			"  -f, --file=FILE\t\tRedirect the output to output_file\n" +
			"  -h, --help\t\t\tDisplay this help\n" +
			"  -s, --silent\t\t\tIgnore all warnings\n" +
			"  -t, --strict\t\t\tDon't show variables " +
			"which are not on the allowlist\n" +
			"  -w, --allowlist=FILE\t\tSet the allowlist " +
			"configuration file (don't used by default)\n",
	);
}

/**
 * load_list(): the first word of each line of a deny/allow list file;
 * lines starting (after spaces and newlines) with "#" or empty are
 * skipped. A line of other blanks only repeats the previous word, as
 * sscanf() then leaves the C buffer as it was. [code, list].
 */
function loadList(os: CgOs, filename: string): [number, string[]] {
	const fp = StdioFile.open(os, filename);
	if (!(fp instanceof StdioFile)) {
		os.stderr(`ERROR: Failed to open file ${filename}: ${fp.strerror}\n`);
		return [1, []];
	}
	const list: string[] = [];
	let name = "";
	for (let buf = fp.fgets(FILENAME_MAX); buf !== null; buf = fp.fgets(FILENAME_MAX)) {
		let i = 0;
		while (buf[i] === " " || buf[i] === "\n") i++;
		if (buf[i] === "#" || i >= buf.length || buf[i] === "\0") continue;
		const word = /^[ \t\n\v\f\r]*([^ \t\n\v\f\r]+)/.exec(buf);
		if (word !== null) name = (word[1] as string).split("\0")[0] as string;
		list.push(name);
	}
	return [0, list];
}

/** display_permissions(): a perm section when the group or its tasks file is not owned by root. */
function displayPermissions(s: Snapshot, path: string, cgName: string, ctrlName: string): number {
	const { os, lc } = s;
	let sba: ReturnType<CgOs["stat"]>;
	try {
		sba = os.stat(path);
	} catch {
		os.stderr(`ERROR: can't read statistics about ${path}\n`);
		return -1;
	}
	const [ret, tasksPath] = lc.buildTasksProcsPath(cgName, ctrlName);
	if (ret !== 0) {
		os.stderr(`ERROR: can't build tasks/procs path: ${ret}\n`);
		return -1;
	}
	let sbt: ReturnType<CgOs["stat"]>;
	try {
		sbt = os.stat(tasksPath);
	} catch {
		os.stderr(`ERROR: can't read statistics about ${tasksPath}\n`);
		return -1;
	}
	if (sba.uid === 0 && sba.gid === 0 && sbt.uid === 0 && sbt.gid === 0) return 0;
	s.out("\tperm {\n");
	const names = (uid: number, gid: number): [string, string] | null => {
		const pw = getpwuid(os, uid);
		if (pw === null) {
			os.stderr(`ERROR: can't get ${uid | 0} user name\n`);
			s.out("}\n}\n");
			return null;
		}
		const gr = getgrgid(os, gid);
		if (gr === null) {
			os.stderr(`ERROR: can't get ${gid | 0} group name\n`);
			s.out("}\n}\n");
			return null;
		}
		return [pw.name, gr.name];
	};
	const admin = names(sba.uid, sba.gid);
	if (admin === null) return -1;
	s.out(`\t\tadmin {\n\t\t\tuid = ${admin[0]};\n\t\t\tgid = ${admin[1]};\n\t\t}\n`);
	const task = names(sbt.uid, sbt.gid);
	if (task === null) return -1;
	s.out(`\t\ttask {\n\t\t\ttuid = ${task[0]};\n\t\t\ttgid = ${task[1]};\n\t\t}\n`);
	s.out("\t}\n");
	return 0;
}

/**
 * display_cgroup_data(): a group section: per wanted controller its
 * permissions and its settings that are writable in the hierarchy's root
 * group (devices.list becoming devices.deny + devices.allow).
 */
function displayCgroupData(
	s: Snapshot,
	group: Cgroup,
	controllers: readonly string[],
	groupPath: string,
	rootPathLen: number,
	first: boolean,
): number {
	const { os } = s;
	s.out(`group ${group.name} {\n`);
	let ret = 0;
	for (const ctrl of controllers) {
		ret = displayPermissions(s, groupPath, group.name, ctrl);
		if (ret !== 0) return ret;
		const cgc = cgroupGetController(group, ctrl);
		if (cgc === null) {
			os.stdout(`cannot find controller '${ctrl}' in group '${group.name}'\n`);
			ret = -1;
			continue;
		}
		if (ctrl.startsWith("name=")) s.out(`\t"${ctrl}" {\n`);
		else s.out(`\t${ctrl} {\n`);
		for (const v of [...cgc.values]) {
			const name = v.name;
			const len = Math.min(rootPathLen, FILENAME_MAX - 1);
			const varPath = `${groupPath.slice(0, len)}/${name}`.slice(0, FILENAME_MAX - 1);
			let writable = true;
			try {
				writable = (os.stat(varPath).perm & 0o200) !== 0;
			} catch {
				// freezer.state has no file in the root group: listed.
			}
			if (!writable && name !== "devices.list") continue;
			const bl = s.denyList.includes(name);
			const wl = s.allowList.includes(name);
			if (bl) continue;
			if (!wl && s.flags & FL_STRICT) continue;
			if (!wl && !(s.flags & FL_SILENT) && first) {
				os.stderr(`WARNING: variable ${name} is neither `);
				os.stderr("deny nor allow list\n");
			}
			if (name === "devices.deny" || name === "devices.allow") continue;
			let outputName = name;
			if (name === "devices.list") {
				outputName = "devices.allow";
				s.out('\t\tdevices.deny="a *:* rwm";\n');
			}
			const [r, value] = cgroupGetValueString(cgc, name);
			if (r !== 0 || value === null) {
				os.stderr(`ERROR: Value of variable ${name} can be read\n`);
				return 0;
			}
			s.out(`\t\t${outputName}="${value}";\n`);
		}
		s.out("\t}\n");
	}
	s.out("}\n\n");
	return ret;
}

/** display_controller_data(): a group section for each cgroup below the root of the controllers' hierarchy. */
function displayControllerData(s: Snapshot, controllers: readonly string[]): number {
	const { lc, os } = s;
	const info = newFileInfo();
	const begin = cgroupWalkTreeBegin(lc, controllers[0] ?? "", "/", 0, info);
	if (begin.ret !== 0) return begin.ret;
	const prefixLen = info.fullPath.length;
	let first = true;
	let ret: number;
	for (;;) {
		ret = cgroupWalkTreeNext(lc, 0, begin.handle, info, begin.baseLevel);
		if (ret !== 0) break;
		if (info.type !== CGROUP_FILE_TYPE_DIR) continue;
		const cgroupName = info.fullPath.slice(prefixLen, prefixLen + FILENAME_MAX - 1);
		const group = cgroupNewCgroup(cgroupName);
		ret = cgroupGetCgroup(lc, group);
		if (ret !== 0 && ret !== ECGROUPNOTEXIST) {
			os.stdout(`cannot read group '${cgroupName}': ${lc.strerror(ret)} ${ret}\n`);
			break;
		}
		if (ret === 0) displayCgroupData(s, group, controllers, info.fullPath, prefixLen, first);
		first = false;
	}
	cgroupWalkTreeEnd(lc, begin.handle);
	return ret === ECGEOF ? 0 : ret;
}

/** is_ctlr_on_list(): the hierarchy's controllers that are wanted, in the hierarchy's order; [any, them]. */
function isCtlrOnList(
	controllers: readonly string[],
	wanted: readonly string[],
): [boolean, string[]] {
	const both: string[] = [];
	for (const c of controllers) {
		for (const w of wanted) if (c === w) both.push(w);
	}
	return [both.length > 0, both];
}

/** parse_controllers(): the group sections of each (wanted) hierarchy of the mount table. */
function parseControllers(s: Snapshot, contNames: readonly string[]): number {
	const { lc } = s;
	let controllers: string[] = [];
	let path = "";
	const controller: CgroupMountPoint = { name: "", path: "" };
	const wanted = (): boolean => {
		if (!(s.flags & FL_LIST)) return true;
		const [any, both] = isCtlrOnList(controllers, contNames);
		controllers = both;
		return any;
	};
	const begin = cgroupGetControllerBegin(lc, controller);
	let ret = begin.ret;
	let failed = false;
	while (ret === 0) {
		if (path === controller.path) {
			if (controllers.length < CG_CONTROLLER_MAX - 1) controllers.push(controller.name);
		} else {
			const max = controllers.length;
			if (wanted() && max !== 0 && max < CG_CONTROLLER_MAX) {
				ret = displayControllerData(s, controllers);
				if (ret !== 0) {
					failed = true;
					break;
				}
			}
			controllers = [controller.name];
			path = controller.path;
		}
		ret = cgroupGetControllerNext(lc, begin.handle, controller);
	}
	if (!failed) {
		const max = controllers.length;
		if (wanted() && max !== 0 && max < CG_CONTROLLER_MAX)
			ret = displayControllerData(s, controllers);
	}
	cgroupGetControllerEnd(lc, begin.handle);
	return ret === ECGEOF ? 0 : ret;
}

/** show_mountpoints(): "\tctrl = path;" for each mount point of a controller; ECGEOF when it is not mounted. */
function showMountpoints(s: Snapshot, controller: string): number {
	const { lc } = s;
	const quote = controller.startsWith("name=");
	const begin = cgroupGetSubsysMountPointBegin(lc, controller);
	let ret = begin.ret;
	if (ret !== 0) return ret;
	let path = begin.path;
	while (ret === 0) {
		if (quote) s.out(`\t"${controller}" = ${path};\n`);
		else s.out(`\t${controller} = ${path};\n`);
		const next = cgroupGetSubsysMountPointNext(lc, begin.handle);
		ret = next.ret;
		path = next.path;
	}
	cgroupGetSubsysMountPointEnd(lc);
	return ret === ECGEOF ? 0 : ret;
}

/** parse_mountpoint(): the mount points of `name` when it is wanted. */
function parseMountpoint(s: Snapshot, contNames: readonly string[], name: string): void {
	if (!(s.flags & FL_LIST) || contNames.includes(name)) {
		if (showMountpoints(s, name) !== 0 && (s.flags & FL_SILENT) === 0) {
			s.os.stderr(`ERROR: ${name} hierarchy not mounted\n`);
		}
	}
}

/** parse_mountpoints(): the mount section: bound controllers of /proc/cgroups, then named hierarchies. */
function parseMountpoints(s: Snapshot, contNames: readonly string[]): number {
	const { lc, os } = s;
	let finalRet = 0;
	s.out("mount {\n");
	const info = newControllerData();
	const all = cgroupGetAllControllerBegin(lc, info);
	let ret = all.ret;
	while (ret === 0) {
		if (info.hierarchy !== 0) parseMountpoint(s, contNames, info.name);
		ret = cgroupGetAllControllerNext(all.handle, info);
	}
	if (ret !== ECGEOF) {
		if ((s.flags & FL_SILENT) !== 0) os.stderr(`E: in get next controller ${lc.strerror(ret)}\n`);
		finalRet = ret;
	}
	cgroupGetAllControllerEnd(all.handle);
	const mount: CgroupMountPoint = { name: "", path: "" };
	const begin = cgroupGetControllerBegin(lc, mount);
	ret = begin.ret;
	while (ret === 0) {
		if (mount.name.startsWith("name=")) parseMountpoint(s, contNames, mount.name);
		ret = cgroupGetControllerNext(lc, begin.handle, mount);
	}
	if (ret !== ECGEOF) {
		if ((s.flags & FL_SILENT) !== 0) os.stderr(`E: in get next controller ${lc.strerror(ret)}\n`);
		finalRet = ret;
	}
	cgroupGetControllerEnd(lc, begin.handle);
	s.out("}\n\n");
	return finalRet;
}

function cgsnapshot(os: CgOs, argv: readonly string[]): number {
	const prog = argv[0] ?? "";
	const lc = new Libcg(os);
	const s = new Snapshot(lc);
	const wanted: string[] = [];
	let blFile = "";
	let wlFile = "";
	const g = new GetoptLong(os, argv, "hsb:w:tf:", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "h":
				usage(os, 0, prog);
				return 0;
			case "s":
				s.flags |= FL_SILENT;
				break;
			case "b":
				s.flags |= FL_DENY;
				blFile = (g.optarg ?? "").slice(0, FILENAME_MAX - 1);
				break;
			case "w":
				s.flags |= FL_ALLOW;
				wlFile = (g.optarg ?? "").slice(0, FILENAME_MAX - 1);
				break;
			case "t":
				s.flags |= FL_STRICT;
				break;
			case "f": {
				s.flags |= FL_OUTPUT;
				const file = g.optarg ?? "";
				try {
					os.createFile(file, "", false);
				} catch (e) {
					asKernelError(e);
					os.stderr(`${prog}: Failed to open file ${file}\n`);
					return ECGOTHER;
				}
				s.closeOutput();
				s.outputFile = file;
				break;
			}
			default:
				usage(os, 1, prog);
				return EXIT_BADARGS;
		}
	}
	let optind = g.optind;
	while (optind < g.argv.length) {
		s.flags |= FL_LIST;
		wanted.push((g.argv[optind] as string).slice(0, FILENAME_MAX - 1));
		optind++;
		if (optind === CG_CONTROLLER_MAX - 1) {
			os.stderr("too many parameters\n");
			break;
		}
	}
	const finish = (ret: number): number => {
		s.closeOutput();
		return ret;
	};
	let [ret, list] = loadList(os, s.flags & FL_DENY ? blFile : DENYLIST_CONF);
	s.denyList = list;
	if (ret !== 0) return finish(EXIT_BADARGS);
	if (s.flags & FL_ALLOW) {
		[ret, list] = loadList(os, wlFile);
		s.allowList = list;
		if (ret !== 0) return finish(EXIT_BADARGS);
	}
	s.out("# Configuration file generated by cgsnapshot\n");
	ret = lc.init();
	if (ret !== 0) return finish(ret);
	ret = parseMountpoints(s, wanted) !== 0 ? EXIT_BADARGS : 0;
	const err = parseControllers(s, wanted);
	if (err !== 0) ret = err;
	return finish(ret);
}

/** cgsnapshot's main(). */
export const main: ToolMain = (os, argv) => cgsnapshot(os, argv);
