/**
 * libcgroup's rules engine (the cgrules part of api.c): parsing
 * /etc/cgrules.conf and /etc/cgrules.d/* into rules, finding the rule of a
 * process (by user, group, process name, and the "ignore" option against
 * its current cgroups), expanding the destination's template variables and
 * creating template groups, and moving the process (every thread) into the
 * destination with cgroup_change_cgroup_path().
 *
 * The rules list (rl, filled in cache mode) and the temporary list of
 * non-cache mode (trl) are globals in C; here they live beside the Libcg
 * of the run (rulesOf(lc)), with the two hooks the platform supplies: the
 * template groups of cgconfig.conf (TemplateSource, implemented by the
 * config module) and the cgrulesengd socket client (CgredClient).
 */

import { cgroupAttachTaskPid, cgroupCreateCgroup, isCgroupModeUnified } from "./api.ts";
import {
	type Cgroup,
	cgroupAddController,
	cgroupFreeControllers,
	cgroupNewCgroup,
} from "./cgroup.ts";
import {
	ECGFAIL,
	ECGINVAL,
	ECGOTHER,
	ECGROUPNOTALLOWED,
	ECGROUPNOTINITIALIZED,
	ECGROUPPARSEFAIL,
} from "./errors.ts";
import {
	asKernelError,
	CG_CONTROLLER_MAX,
	FILENAME_MAX,
	type Libcg,
	MAX_MNT_ELEMENTS,
} from "./libcg.ts";
import type { CgOs } from "./os.ts";
import {
	cgGetCgroupsFromProcCgroups,
	cgroupGetProcnameFromProcfs,
	cgroupGetUidGidFromProcfs,
	cstr,
	fgetsChunks,
	posixBasename,
	scanI,
	strtokAll,
} from "./rules-procfs.ts";
import { getgrgid, getgrnam, getpwnam, getpwuid } from "./rules-userdb.ts";

export const CGRULES_CONF_FILE = "/etc/cgrules.conf";
export const CGRULES_CONF_DIR = "/etc/cgrules.d";
export const CGCONFIG_CONF_FILE = "/etc/cgconfig.conf";
export const CGCONFIG_CONF_DIR = "/etc/cgconfig.d";
/** CGRULE_CGRED_SOCKET_PATH of the default build. */
export const CGRULE_CGRED_SOCKET_PATH = "/var/run/cgred.socket";
/** The daemon's reply to a registration. */
export const CGRULE_SUCCESS_STORE_PID = "SUCCESS_STORE_PID";
export const CGRULE_OPTION_IGNORE = "ignore";

/** CGRULE_INVALID and CGRULE_WILD: (uid_t)-1 and (uid_t)-2. */
export const CGRULE_INVALID = 0xffffffff;
export const CGRULE_WILD = 0xfffffffe;

/** enum cgflags (tasks.h). */
export const CGFLAG_USECACHE = 0x01;
export const CGFLAG_USE_TEMPLATE_CACHE = 0x02;
/** enum cgroup_daemon_type (tasks.h). */
export const CGROUP_DAEMON_UNCHANGE_CHILDREN = 0x1;
export const CGROUP_DAEMON_CANCEL_UNCHANGE_PROCESS = 0x2;

/** Buffer sizes of cgroup_parse_rules_file() that show in behaviour. */
const LOGIN_NAME_MAX = 256;
const CGROUP_RULE_MAXKEY = LOGIN_NAME_MAX + FILENAME_MAX + 1;
const CGROUP_RULE_MAXLINE = FILENAME_MAX + CGROUP_RULE_MAXKEY + CG_CONTROLLER_MAX + 3;

/** struct cgroup_rule. */
export interface CgroupRule {
	uid: number;
	gid: number;
	isIgnore: boolean;
	/** The process name after "user:", or null (any process). */
	procname: string | null;
	/** The user field as written: a name, "@group", "*" or "%" (at most LOGIN_NAME_MAX - 1 characters). */
	username: string;
	destination: string;
	controllers: string[];
}

/**
 * The template groups of cgconfig.conf, as config.c provides them. The
 * config module implements this; rules code calls it when a rule's
 * destination contains template variables.
 */
export interface TemplateSource {
	/**
	 * cgroup_config_create_template_group(): create `cgroup` (its name the
	 * expanded path up to the current level, its controllers those that lack
	 * the group) from the template named `templateName` (the unexpanded
	 * destination up to the same level); without CGFLAG_USE_TEMPLATE_CACHE
	 * in `flags` the templates are loaded from the files first.
	 */
	createTemplateGroup(lc: Libcg, cgroup: Cgroup, templateName: string, flags: number): number;
	/** cgroup_templates_cache_set_source_files(). */
	setSourceFiles(lc: Libcg, files: readonly string[]): void;
	/** cgroup_load_templates_cache_from_files(): [code, index of the file that failed or -1]. */
	loadTemplatesCacheFromFiles(lc: Libcg): [number, number];
}

/**
 * The client side of the cgrulesengd socket (cgroup_register_unchanged_process):
 * connect to CGRULE_CGRED_SOCKET_PATH, send the pid and the flags, read
 * the reply. Supplied by the platform; without one the daemon counts as
 * not running.
 */
export interface CgredClient {
	/**
	 * 0 when the daemon stored the process (it replied SUCCESS_STORE_PID) or
	 * when there is no daemon to connect to; 1 when the socket could not be
	 * made or the exchange failed.
	 */
	registerUnchanged(pid: number, flags: number): number;
}

/**
 * A TemplateSource with no templates: each group is created bare for each
 * controller, as config.c does for a name/controller pair that no template
 * covers. Used until the platform installs the config module's source.
 */
export const NO_TEMPLATES: TemplateSource = {
	createTemplateGroup(lc: Libcg, cgroup: Cgroup, _templateName: string, flags: number): number {
		for (const c of cgroup.controllers) {
			const aux = cgroupNewCgroup(cgroup.name);
			if (cgroupAddController(lc, aux, c.name) === null) {
				lc.os.stderr(`cgroup ${cgroup.name} can't be created\n`);
				return ECGINVAL;
			}
			if (cgroupCreateCgroup(lc, aux, flags !== 0) !== 0) {
				lc.os.stderr(`cgroup ${cgroup.name} can't be created\n`);
				return ECGINVAL;
			}
		}
		return 0;
	},
	setSourceFiles(): void {},
	loadTemplatesCacheFromFiles(): [number, number] {
		return [0, -1];
	},
};

/** The rules globals of api.c and the platform hooks, one per Libcg. */
export class RulesState {
	/** rl: the cached rules (cache mode). */
	rl: CgroupRule[] = [];
	/** trl: the matching rule and its "%" continuations (non-cache mode). */
	trl: CgroupRule[] = [];
	templates: TemplateSource = NO_TEMPLATES;
	cgred: CgredClient | null = null;
	/** The rules file and directory (CGRULES_CONF_FILE, CGRULES_CONF_DIR). */
	confFile = CGRULES_CONF_FILE;
	confDir = CGRULES_CONF_DIR;
}

const STATES = new WeakMap<Libcg, RulesState>();

/** The CgredClient capability of a CgOs (the platform glue's socket client), or null. */
export function cgredClientOf(os: CgOs): CgredClient | null {
	const c = os as CgOs & Partial<CgredClient>;
	return typeof c.registerUnchanged === "function" ? (c as CgOs & CgredClient) : null;
}

/**
 * The rules state of a Libcg, created on first use: no templates
 * (setTemplateSource() installs the config module's), and the CgredClient
 * of its CgOs if it has one.
 */
export function rulesOf(lc: Libcg): RulesState {
	let s = STATES.get(lc);
	if (s === undefined) {
		s = new RulesState();
		s.cgred = cgredClientOf(lc.os);
		STATES.set(lc, s);
	}
	return s;
}

/** Install the config module's template groups. */
export function setTemplateSource(lc: Libcg, src: TemplateSource): void {
	rulesOf(lc).templates = src;
}

/** Install the platform's cgrulesengd socket client (null: no daemon). */
export function setCgredClient(lc: Libcg, client: CgredClient | null): void {
	rulesOf(lc).cgred = client;
}

/** A uid/gid as printf("%d") shows it. */
function signed(id: number): number {
	return id | 0;
}

// ------------------------------------------------------------------ parsing

/** cg_skip_unused_charactors_in_rule(): the rule text without comment, newline and leading blanks; null when empty. */
export function cgSkipUnusedCharactorsInRule(rule: string): string | null {
	let s = rule;
	const hash = s.indexOf("#");
	if (hash >= 0) s = s.slice(0, hash);
	const nl = s.indexOf("\n");
	if (nl >= 0) s = s.slice(0, nl);
	s = s.replace(/^[ \t]+/, "");
	return s === "" ? null : s;
}

/** cgroup_parse_rules_options(): the comma-separated options field; 0 or -EINVAL (22). */
export function cgroupParseRulesOptions(lc: Libcg, options: string, rule: CgroupRule): number {
	const toks = strtokAll(options, ",");
	if (toks.length === 0) {
		lc.err(`failed to parse options: ${options}\n`);
		return -22;
	}
	for (const t of toks) {
		if (t === CGRULE_OPTION_IGNORE) {
			rule.isIgnore = true;
			continue;
		}
		lc.err(`Unsupported option: ${t}\n`);
		return -22;
	}
	return 0;
}

/** sscanf("%s%s%s%s"): up to four white-space separated words. */
function scanWords(s: string): string[] {
	return s
		.split(/[ \t\n\v\f\r]+/)
		.filter((w) => w !== "")
		.slice(0, 4);
}

/**
 * cgroup_parse_rules_file(): one rules file into rl (cache) or trl (the
 * first rule matching muid/mgid/mprocname and its "%" continuations).
 * 0 when parsed (no match in non-cache mode), -1 when a match was found
 * in non-cache mode, ECGROUPPARSEFAIL on errors.
 */
export function cgroupParseRulesFile(
	lc: Libcg,
	filename: string,
	cache: boolean,
	muid: number,
	mgid: number,
	mprocname: string | null,
): number {
	const lst = cache ? rulesOf(lc).rl : rulesOf(lc).trl;
	let text: string;
	try {
		text = lc.os.readFile(filename);
	} catch (e) {
		lc.warn(`failed to open configuration file ${filename}: ${asKernelError(e).strerror}\n`);
		return ECGROUPPARSEFAIL;
	}
	let uid = CGRULE_INVALID;
	let gid = CGRULE_INVALID;
	let linenum = 0;
	let skipped = false;
	let matched = false;
	lc.dbg(`Parsing configuration file ${filename}.\n`);
	for (const chunk of fgetsChunks(text, CGROUP_RULE_MAXLINE)) {
		linenum++;
		const itr = cgSkipUnusedCharactorsInRule(cstr(chunk));
		if (itr === null) continue;
		if (skipped && itr.startsWith("%")) {
			lc.warn(`skipped child of invalid rule, line ${linenum}.\n`);
			continue;
		}
		skipped = false;
		const words = scanWords(itr);
		if (words.length < 3) {
			lc.err(`failed to parse configuration file on line ${linenum}\n`);
			return ECGROUPPARSEFAIL;
		}
		const [key, controllers, destination] = words as [string, string, string];
		const options = words[3] ?? null;
		const colon = key.indexOf(":");
		const procname = colon >= 0 ? key.slice(colon + 1) : null;
		const user = (colon >= 0 ? key.slice(0, colon) : key).slice(0, LOGIN_NAME_MAX - 1);

		if (!cache && matched && !user.startsWith("%")) {
			lc.dbg("Parsing of configuration file complete.\n\n");
			return -1;
		}
		let grp: ReturnType<typeof getgrnam> = null;
		if (user.startsWith("@")) {
			grp = getgrnam(lc.os, user.slice(1));
			if (grp === null) {
				lc.warn(`Entry for ${user.slice(1)} not found. Skipping rule on line ${linenum}.\n`);
				skipped = true;
				continue;
			}
			uid = CGRULE_INVALID;
			gid = grp.gid;
		} else if (user.startsWith("*")) {
			uid = CGRULE_WILD;
			gid = CGRULE_WILD;
		} else if (!itr.startsWith("%")) {
			const pwd = getpwnam(lc.os, user);
			if (pwd === null) {
				lc.warn(`Entry for ${user} not found. Skipping rule on line ${linenum}.\n`);
				skipped = true;
				continue;
			}
			uid = pwd.uid;
			gid = CGRULE_INVALID;
		}

		if (grp !== null && muid !== CGRULE_INVALID) {
			const pwd = getpwuid(lc.os, muid);
			if (pwd === null) continue;
			if (grp.members.includes(pwd.name)) matched = true;
		}
		if (uid === muid || gid === mgid || uid === CGRULE_WILD) matched = true;

		if (!cache) {
			if (!matched) continue;
			if (procname !== null && procname !== "") {
				if (
					mprocname === null ||
					(mprocname !== procname && posixBasename(mprocname) !== procname)
				) {
					uid = CGRULE_INVALID;
					gid = CGRULE_INVALID;
					matched = false;
					continue;
				}
			}
		}

		const rule: CgroupRule = {
			uid,
			gid,
			isIgnore: false,
			procname: procname !== null && procname !== "" ? procname : null,
			username: user,
			destination: destination.slice(0, FILENAME_MAX - 1),
			controllers: [],
		};
		if (options !== null && cgroupParseRulesOptions(lc, options, rule) < 0) return ECGROUPPARSEFAIL;
		const ctrls = strtokAll(controllers, ",");
		if (ctrls.length === 0) {
			lc.err(`failed to parse controllers on line ${linenum}\n`);
			return ECGROUPPARSEFAIL;
		}
		if (ctrls.length > MAX_MNT_ELEMENTS) {
			lc.err(`too many controllers listed on line ${linenum}\n`);
			return ECGROUPPARSEFAIL;
		}
		rule.controllers = ctrls;
		lst.push(rule);
		lc.dbg(
			`Added rule ${rule.username} (UID: ${signed(rule.uid)}, GID: ${signed(rule.gid)}) -> ${rule.destination} for controllers:`,
		);
		for (const c of rule.controllers) lc.dbg(` ${c}`);
		lc.dbg("\n");
	}
	lc.dbg("Parsing of configuration file complete.\n\n");
	return matched && !cache ? -1 : 0;
}

/**
 * cgroup_parse_rules(): CGRULES_CONF_FILE, then every regular file or
 * symlink of CGRULES_CONF_DIR in directory order, until one fails or (in
 * non-cache mode) matches.
 */
export function cgroupParseRules(
	lc: Libcg,
	cache: boolean,
	muid: number,
	mgid: number,
	mprocname: string | null,
): number {
	const st = rulesOf(lc);
	if (cache) st.rl = [];
	else st.trl = [];
	let ret = cgroupParseRulesFile(lc, st.confFile, cache, muid, mgid, mprocname);
	if (ret !== 0) return ret;
	let entries: ReturnType<Libcg["os"]["readdir"]>;
	try {
		entries = lc.os.readdir(st.confDir);
	} catch (e) {
		lc.warn(`Failed to open directory ${st.confDir}: ${asKernelError(e).strerror}\n`);
		return 0;
	}
	for (const item of entries) {
		if (item.type !== "file" && item.type !== "link") continue;
		const path = `${st.confDir}/${item.name}`;
		lc.dbg(`Parsing cgrules file: ${path}\n`);
		ret = cgroupParseRulesFile(lc, path, cache, muid, mgid, mprocname);
		if (ret !== 0) return ret;
	}
	return ret;
}

// ------------------------------------------------------------------ matching

/** cgroup_compare_wildcard_procname(): the rule's name ends in "*" and the rest is a prefix of procname. */
export function cgroupCompareWildcardProcname(ruleProcname: string, procname: string): boolean {
	if (!ruleProcname.endsWith("*")) return false;
	return procname.startsWith(ruleProcname.slice(0, -1));
}

/**
 * cgroup_find_matching_destination(): the index of the first cgroup of
 * the process that the rule's destination is a prefix of (a destination
 * ending in "/" must match whole path components), or -1.
 */
export function cgroupFindMatchingDestination(
	cgroupList: readonly string[],
	ruleDest: string,
): number {
	let len = ruleDest.length;
	for (let i = 0; i < cgroupList.length && i < MAX_MNT_ELEMENTS; i++) {
		const cg = cgroupList[i] as string;
		if (ruleDest[len - 1] === "/") {
			// The C code shortens the compared length once per entry it gets past this check.
			if (cg.length >= len && cg[len - 1] !== "/") continue;
			len--;
		}
		if (cmpPrefix(ruleDest, cg, len)) return i;
	}
	return -1;
}

/** strncmp(a, b, n) === 0 for C strings (a NUL ends either). */
function cmpPrefix(a: string, b: string, n: number): boolean {
	for (let i = 0; i < n; i++) {
		const ca = a[i] ?? "\0";
		const cb = b[i] ?? "\0";
		if (ca !== cb) return false;
		if (ca === "\0") return true;
	}
	return true;
}

/** cgroup_find_matching_controller(): the index of the rule controller equal to `pidController`, or -1. */
export function cgroupFindMatchingController(
	ruleControllers: readonly string[],
	pidController: string,
): number {
	return ruleControllers.indexOf(pidController);
}

/**
 * cgroup_compare_ignore_rule(): true when `rule` is an ignore rule, the
 * process is already in a cgroup under the rule's destination, and its
 * name matches the rule's (no name, the same, or the "*" prefix). As in
 * the C code the controllers of the process's cgroup are looked up but
 * do not decide the outcome. A null procname (the C function would
 * crash) never matches a rule with a name.
 */
export function cgroupCompareIgnoreRule(
	lc: Libcg,
	rule: CgroupRule,
	pid: number,
	procname: string | null,
): boolean {
	if (!rule.isIgnore) return false;
	const pc = cgGetCgroupsFromProcCgroups(lc, pid, MAX_MNT_ELEMENTS);
	if (pc.ret < 0) return false;
	const idx = cgroupFindMatchingDestination(pc.cgroups, rule.destination);
	if (idx < 0) return false;
	for (const tok of strtokAll(pc.controllers[idx] as string, ",")) {
		if (cgroupFindMatchingController(rule.controllers, tok) >= 0) break;
	}
	if (rule.procname === null) return true;
	if (procname === null) return false;
	if (rule.procname === procname) return true;
	return cgroupCompareWildcardProcname(rule.procname, procname);
}

/**
 * cgroup_find_matching_rule_uid_gid(): from index `start` of rl, the first
 * rule (not a "%" continuation) that is the wildcard, names the uid or
 * the gid, or names a group the user is a member of; -1 when none.
 */
export function cgroupFindMatchingRuleUidGid(
	lc: Libcg,
	uid: number,
	gid: number,
	start: number,
): number {
	const rl = rulesOf(lc).rl;
	for (let i = start; i < rl.length; i++) {
		const rule = rl[i] as CgroupRule;
		if (rule.username.startsWith("%")) continue;
		if (rule.uid === CGRULE_WILD && rule.gid === CGRULE_WILD) return i;
		if (rule.uid === uid >>> 0) return i;
		if (rule.gid === gid >>> 0) return i;
		if (rule.username.startsWith("@")) {
			const grp = getgrnam(lc.os, rule.username.slice(1));
			if (grp === null) continue;
			const usr = getpwuid(lc.os, uid);
			if (usr === null) continue;
			if (grp.members.includes(usr.name)) return i;
		}
	}
	return -1;
}

/**
 * cgroup_find_matching_rule(): the index in rl of the first rule for the
 * process: matching its uid/gid, and its name (exactly, by basename, or
 * by "*" prefix) unless the rule has none or procname is null; an ignore
 * rule counts only when cgroup_compare_ignore_rule() says so. -1 when
 * none.
 */
export function cgroupFindMatchingRule(
	lc: Libcg,
	uid: number,
	gid: number,
	pid: number,
	procname: string | null,
): number {
	const rl = rulesOf(lc).rl;
	let i = 0;
	while (i < rl.length) {
		i = cgroupFindMatchingRuleUidGid(lc, uid, gid, i);
		if (i < 0) return -1;
		const rule = rl[i] as CgroupRule;
		if (cgroupCompareIgnoreRule(lc, rule, pid, procname)) return i;
		if (rule.isIgnore) {
			i++;
			continue;
		}
		if (procname === null) return i;
		if (rule.procname === null) return i;
		if (rule.procname === procname) return i;
		if (rule.procname === posixBasename(procname)) return i;
		if (cgroupCompareWildcardProcname(rule.procname, procname)) return i;
		i++;
	}
	return -1;
}

// ------------------------------------------------------------------ moving

/**
 * cg_prepare_cgroup(): `cgroup` named `dest` with the given controllers
 * ("*" first: every mounted one). 0 or ECGROUPNOTALLOWED.
 */
export function cgPrepareCgroup(
	lc: Libcg,
	cgroup: Cgroup,
	pid: number,
	dest: string,
	controllers: readonly string[],
): number {
	lc.dbg(`Will move pid ${pid} to cgroup '${dest}'\n`);
	cgroup.name = dest.slice(0, FILENAME_MAX - 1);
	for (let i = 0; i < CG_CONTROLLER_MAX && i < controllers.length; i++) {
		const controller = controllers[i] as string;
		if (controller === "*") {
			for (const m of lc.mountTable) {
				lc.dbg(`Adding controller ${m.name}\n`);
				if (cgroupAddController(lc, cgroup, m.name) === null) {
					lc.warn(`adding controller '${m.name}' failed\n`);
					cgroupFreeControllers(cgroup);
					return ECGROUPNOTALLOWED;
				}
			}
			return 0;
		}
		lc.dbg(`Adding controller ${controller}\n`);
		if (cgroupAddController(lc, cgroup, controller) === null) {
			lc.warn(`adding controller '${controller}' failed\n`);
			cgroupFreeControllers(cgroup);
			return ECGROUPNOTALLOWED;
		}
	}
	return 0;
}

/**
 * cgroup_change_cgroup_path(): move process `pid`, then each of its other
 * threads (from /proc/PID/task), into `dest` of the given controllers
 * (null on a unified system: the one hierarchy).
 */
export function cgroupChangeCgroupPath(
	lc: Libcg,
	dest: string,
	pid: number,
	controllers: readonly string[] | null,
): number {
	if (!lc.initialized) {
		lc.warn("libcgroup is not initialized\n");
		return ECGROUPNOTINITIALIZED;
	}
	const cgroup = cgroupNewCgroup("");
	if (isCgroupModeUnified(lc) && controllers === null) {
		cgroup.name = dest.slice(0, FILENAME_MAX - 1);
	} else {
		if (controllers === null) return ECGINVAL;
		const r = cgPrepareCgroup(lc, cgroup, pid, dest, controllers);
		if (r !== 0) return r;
	}
	let ret = cgroupAttachTaskPid(lc, cgroup, pid);
	if (ret !== 0) {
		lc.warn(`cgroup_attach_task_pid failed: ${ret}\n`);
		return ret;
	}
	let tasks: ReturnType<Libcg["os"]["readdir"]>;
	try {
		tasks = lc.os.readdir(`/proc/${pid}/task/`);
	} catch (e) {
		return lc.other(e);
	}
	for (const t of tasks) {
		const tid = scanI(t.name);
		if (tid === null || tid === pid) continue;
		ret = cgroupAttachTaskPid(lc, cgroup, tid);
		if (ret !== 0) {
			lc.warn(`cgroup_attach_task_pid failed: ${ret}\n`);
			break;
		}
	}
	return ret;
}

/** cgroup_exist_in_subsystem(): 0 when cgroup `prefix` of `controller` is a directory that opens, else 1. */
export function cgroupExistInSubsystem(lc: Libcg, controller: string, prefix: string): number {
	const path = lc.buildPath(prefix, controller);
	if (path === null) return 1;
	try {
		lc.os.readdir(path);
		return 0;
	} catch {
		return 1;
	}
}

/** cgroup_copy_with_slash(). */
export function cgroupCopyWithSlash(input: string): string {
	return input.endsWith("/") ? input : `${input}/`;
}

/**
 * cgroup_create_template_group(): create each level of `origGroupName`
 * (the expanded destination) that does not exist yet for the rule's
 * controllers: a level equal to the template's is a plain group, any
 * other comes from the template of that level.
 */
export function cgroupCreateTemplateGroup(
	lc: Libcg,
	origGroupName: string,
	rule: CgroupRule,
	flags: number,
): number {
	const templateName = cgroupCopyWithSlash(rule.destination);
	const groupName = cgroupCopyWithSlash(origGroupName);
	let tPos = templateName.indexOf("/");
	let gPos = groupName.indexOf("/");
	while (tPos >= 0 && gPos >= 0) {
		const group = groupName.slice(0, gPos);
		const template = templateName.slice(0, tPos);
		let templateGroup: Cgroup | null = null;
		for (const ctrl of rule.controllers) {
			if (cgroupExistInSubsystem(lc, ctrl, group) === 0) continue;
			if (templateGroup === null) templateGroup = cgroupNewCgroup(group);
			if (cgroupAddController(lc, templateGroup, ctrl) === null) return ECGFAIL;
		}
		if (templateGroup !== null) {
			const ret =
				group === template
					? cgroupCreateCgroup(lc, templateGroup, false)
					: rulesOf(lc).templates.createTemplateGroup(lc, templateGroup, template, flags);
			if (ret !== 0) return ret;
			lc.dbg(`Group ${group} created - based on template ${template}\n`);
		}
		tPos = templateName.indexOf("/", tPos + 1);
		gPos = groupName.indexOf("/", gPos + 1);
	}
	return 0;
}

/**
 * The destination with its template variables expanded, as the loop of
 * cgroup_change_cgroup_flags() does it: %U uid, %u user name (or uid),
 * %G gid, %g group name (or gid), %P pid, %p process name (or pid); "\\"
 * takes the next character literally; any other "%x" stays; at most
 * FILENAME_MAX - 2 characters.
 */
export function expandDestination(
	lc: Libcg,
	destination: string,
	uid: number,
	gid: number,
	pid: number,
	procname: string | null,
): string {
	const out: string[] = [];
	const put = (j: number, s: string, avail: number): void => {
		// snprintf(newdest + j, avail, "%s", s): at most avail - 1 characters and a NUL.
		const w = s.slice(0, Math.max(0, avail - 1));
		for (let k = 0; k < w.length; k++) out[j + k] = w[k] as string;
		if (avail > 0) out[j + w.length] = "\0";
	};
	let i = 0;
	let j = 0;
	for (; i < destination.length && j < FILENAME_MAX - 2; ++i, ++j) {
		if (destination[i] === "%") {
			let written = 0;
			const available = FILENAME_MAX - j - 2;
			const c = destination[++i] ?? "\0";
			let text: string | null = null;
			switch (c) {
				case "U":
					text = String(signed(uid));
					break;
				case "u": {
					const u = getpwuid(lc.os, uid);
					text = u !== null ? u.name : String(signed(uid));
					break;
				}
				case "G":
					text = String(signed(gid));
					break;
				case "g": {
					const g = getgrgid(lc.os, gid);
					text = g !== null ? g.name : String(signed(gid));
					break;
				}
				case "P":
					text = String(pid);
					break;
				case "p":
					text = procname !== null ? procname : String(pid);
					break;
			}
			if (text !== null) {
				put(j, text, available);
				written = text.length;
			}
			written = Math.min(written, available);
			if (written < 1) {
				out[j] = "%";
				if (available > 1) out[++j] = c;
			} else {
				j += written - 1;
			}
		} else {
			if (destination[i] === "\\") ++i;
			out[j] = destination[i] ?? "\0";
		}
	}
	out[j] = "\0";
	let s = "";
	for (let k = 0; k < out.length; k++) {
		const ch = out[k] ?? "\0";
		if (ch === "\0") break;
		s += ch;
	}
	return s;
}

/**
 * cgroup_change_cgroup_flags(): classify process `pid` (of euid `uid`,
 * egid `gid`, named `procname`) by the rules: from the cache
 * (CGFLAG_USECACHE, loaded first when empty) or by parsing the files;
 * an ignore rule leaves it; otherwise the rule and its "%" continuations
 * are applied in order, template groups created first.
 */
export function cgroupChangeCgroupFlags(
	lc: Libcg,
	uid: number,
	gid: number,
	procname: string | null,
	pid: number,
	flags: number,
): number {
	const st = rulesOf(lc);
	if (!lc.initialized) {
		lc.warn("libcgroup is not initialized\n");
		return ECGROUPNOTINITIALIZED;
	}
	let ret = 0;
	if ((flags & CGFLAG_USECACHE) !== 0 && st.rl.length === 0) {
		lc.warn(`no cached rules found, trying to reload from ${st.confFile}.\n`);
		ret = cgroupReloadCachedRules(lc);
		if (ret !== 0) return ret;
	}
	let list: CgroupRule[];
	let idx: number;
	if ((flags & CGFLAG_USECACHE) === 0) {
		lc.dbg(`Not using cached rules for PID ${pid}.\n`);
		ret = cgroupParseRules(lc, false, uid >>> 0, gid >>> 0, procname);
		if (ret !== -1 && ret !== 0) {
			lc.err("failed to parse the configuration rules\n");
			return ret;
		}
		if (ret === 0) {
			lc.dbg(`No rule found to match PID: ${pid}, UID: ${signed(uid)}, GID: ${signed(gid)}\n`);
			return 0;
		}
		list = st.trl;
		idx = 0;
	} else {
		idx = cgroupFindMatchingRule(lc, uid >>> 0, gid >>> 0, pid, procname);
		if (idx < 0) {
			lc.dbg(`No rule found to match PID: ${pid}, UID: ${signed(uid)}, GID: ${signed(gid)}\n`);
			return 0;
		}
		list = st.rl;
	}
	let rule = list[idx] as CgroupRule;
	lc.dbg(
		`Found matching rule ${rule.username} for PID: ${pid}, UID: ${signed(uid)}, GID: ${signed(gid)}\n`,
	);
	if (rule.isIgnore) {
		lc.dbg("Matching rule is an ignore rule\n");
		return 0;
	}
	for (;;) {
		lc.dbg(`Executing rule ${rule.username} for PID ${pid}... `);
		const newdest = expandDestination(lc, rule.destination, uid, gid, pid, procname);
		if (newdest !== rule.destination) {
			lc.dbg(`control group ${newdest} is template\n`);
			ret = cgroupCreateTemplateGroup(lc, newdest, rule, flags);
			if (ret !== 0) {
				lc.warn(`failed to create cgroup based on template ${newdest}\n`);
				return ret;
			}
		}
		ret = cgroupChangeCgroupPath(lc, newdest, pid, rule.controllers);
		if (ret !== 0) {
			lc.warn(`failed to apply the rule. Error was: ${ret}\n`);
			return ret;
		}
		lc.dbg("OK!\n");
		const next = list[++idx];
		if (next === undefined || !next.username.startsWith("%")) break;
		rule = next;
	}
	return ret;
}

/** cgroup_change_cgroup_uid_gid_flags(). */
export function cgroupChangeCgroupUidGidFlags(
	lc: Libcg,
	uid: number,
	gid: number,
	pid: number,
	flags: number,
): number {
	return cgroupChangeCgroupFlags(lc, uid, gid, null, pid, flags);
}

/** cgroup_change_cgroup_uid_gid(). */
export function cgroupChangeCgroupUidGid(lc: Libcg, uid: number, gid: number, pid: number): number {
	return cgroupChangeCgroupUidGidFlags(lc, uid, gid, pid, 0);
}

/**
 * cgroup_change_all_cgroups(): classify every process of /proc by the
 * cached rules; failures of single processes are ignored. 0, or
 * -ECGOTHER when /proc cannot be read.
 */
export function cgroupChangeAllCgroups(lc: Libcg): number {
	let entries: ReturnType<Libcg["os"]["readdir"]>;
	try {
		entries = lc.os.readdir("/proc/");
	} catch {
		return -ECGOTHER;
	}
	for (const e of entries) {
		const pid = scanI(e.name);
		if (pid === null) continue;
		const [err, euid, egid] = cgroupGetUidGidFromProcfs(lc, pid);
		if (err !== 0) continue;
		const [err2, procname] = cgroupGetProcnameFromProcfs(lc, pid);
		if (err2 !== 0) continue;
		if (cgroupChangeCgroupFlags(lc, euid, egid, procname, pid, CGFLAG_USECACHE) !== 0) {
			lc.dbg(`cgroup change pid ${pid} failed\n`);
		}
	}
	return 0;
}

/** cgroup_print_rules_config(): the cached rules as text. */
export function cgroupPrintRulesConfig(lc: Libcg): string {
	const rl = rulesOf(lc).rl;
	if (rl.length === 0) return "The rules table is empty.\n\n";
	let out = "";
	const id = (v: number): string =>
		v === CGRULE_WILD ? "any" : v === CGRULE_INVALID ? "N/A" : String(signed(v));
	for (const r of rl) {
		out += `Rule: ${r.username}`;
		if (r.procname !== null) out += `:${r.procname}`;
		out += "\n";
		out += `  UID: ${id(r.uid)}\n`;
		out += `  GID: ${id(r.gid)}\n`;
		out += `  DEST: ${r.destination}\n`;
		out += "  CONTROLLERS:\n";
		for (const c of r.controllers) out += `    ${c}\n`;
		out += "  OPTIONS:\n";
		out += r.isIgnore ? "    IS_IGNORE: True\n" : "    IS_IGNORE: False\n";
		out += "\n";
	}
	return out;
}

/** cgroup_reload_cached_rules(). */
export function cgroupReloadCachedRules(lc: Libcg): number {
	const file = rulesOf(lc).confFile;
	lc.dbg(`Reloading cached rules from ${file}.\n`);
	const ret = cgroupParseRules(lc, true, CGRULE_INVALID, CGRULE_INVALID, null);
	if (ret !== 0) {
		lc.warn(`error parsing configuration file '${file}': ${ret}\n`);
		return ECGROUPPARSEFAIL;
	}
	return 0;
}

/** cgroup_init_rules_cache(). */
export function cgroupInitRulesCache(lc: Libcg): number {
	const ret = cgroupParseRules(lc, true, CGRULE_INVALID, CGRULE_INVALID, null);
	if (ret !== 0) lc.dbg(`Could not initialize rule cache, error was: ${ret}\n`);
	return ret;
}

/**
 * cgroup_register_unchanged_process(): ask cgrulesengd to leave `pid`
 * (and with CGROUP_DAEMON_UNCHANGE_CHILDREN its children) alone. 0 also
 * when no daemon listens.
 */
export function cgroupRegisterUnchangedProcess(lc: Libcg, pid: number, flags: number): number {
	const client = rulesOf(lc).cgred;
	if (client === null) return 0;
	return client.registerUnchanged(pid, flags);
}
