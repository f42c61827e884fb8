/**
 * cgrulesengd (daemon/cgrulesengd.c of libcgroup 3.1.0) without its I/O:
 * option parsing, the log (a file or stdout, syslog, the levels of -q/-v),
 * the tables of processes the daemon must leave alone (registered by
 * cgexec/cgclassify --sticky) and of processes it moved (so a child forked
 * during the move is moved too), and the handling of each proc connector
 * event. The platform runs the loop: it opens the netlink socket and the
 * unix socket, feeds events to handleEvent() (or datagrams to
 * handleDatagram()), clients to the unixClient*() methods, and signals to
 * reload() (SIGUSR2), reloadTemplates() (SIGUSR1) and terminate()
 * (SIGINT, SIGTERM); the daemon logs through the methods named after each
 * step so every text stays here.
 *
 * libcgroup's own messages go through the daemon's log once it has
 * started (cgroup_set_logger(flog_cgroup, CGROUP_LOG_DEBUG)): the Libcg
 * of a daemon is a DaemonLibcg.
 */

import { decodeProcEvents, PROC_CN_MCAST_LISTEN, type ProcEvent } from "../proc-events.ts";
import { asctime, calendar } from "../timefmt.ts";
import { CONFIG_TEMPLATES } from "./config.ts";
import { ECGOTHER, ECGROUPNOTEXIST } from "./errors.ts";
import {
	asKernelError,
	CGROUP_LOG_CONT,
	CGROUP_LOG_DEBUG,
	CGROUP_LOG_ERROR,
	CGROUP_LOG_INFO,
	CGROUP_LOG_WARNING,
	Libcg,
	parseLogLevel,
} from "./libcg.ts";
import type { CgOs } from "./os.ts";
import {
	CGCONFIG_CONF_DIR,
	CGCONFIG_CONF_FILE,
	CGFLAG_USECACHE,
	CGROUP_DAEMON_CANCEL_UNCHANGE_PROCESS,
	CGROUP_DAEMON_UNCHANGE_CHILDREN,
	CGRULE_CGRED_SOCKET_PATH,
	CGRULE_SUCCESS_STORE_PID,
	cgroupChangeAllCgroups,
	cgroupChangeCgroupFlags,
	cgroupInitRulesCache,
	cgroupPrintRulesConfig,
	cgroupReloadCachedRules,
	rulesOf,
	setTemplateSource,
} from "./rules.ts";
import { cgroupGetProcnameFromProcfs, cgroupGetUidGidFromProcfs } from "./rules-procfs.ts";
import { getgrnam, getpwnam } from "./rules-userdb.ts";
import {
	type CgroupStringList,
	cgroupStringListAddDirectory,
	cgroupStringListAddItem,
	cgroupStringListInit,
	GetoptLong,
	type LongOption,
	ToolExit,
} from "./tools-common.ts";

/** syslog(3) levels. */
export const LOG_EMERG = 0;
export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;
/** syslog(3) facilities. */
export const LOG_DAEMON = 3 << 3;
export const LOG_LOCAL0 = 16 << 3;
/** openlog(3) options. */
export const LOG_PID = 0x01;
export const LOG_CONS = 0x02;

/** The log levels of -Q, the default, -v, -vv, -vvv. */
const LOGLEVELS = [LOG_EMERG, LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG] as const;

/** sizeof(struct nlmsghdr) + sizeof(struct cn_msg) + sizeof(enum proc_cn_mcast_op), and sizeof(struct cn_msg). */
const SEND_MESSAGE_LEN = 40;
const CN_MSG_LEN = 20;

/** The options of cgrulesengd's command line. */
export interface CgrulesengdOptions {
	/** -f: the log file ("-": stdout), or null. */
	logp: string | null;
	/** -s: the syslog facility (0: none). */
	facility: number;
	/** false with -n or -d. */
	daemon: boolean;
	/** 1 by default; -v adds, -q subtracts, -Q sets 0, -d sets 4. */
	verbosity: number;
	/** -u and -g: the owner to give the socket (0xffffffff: unchanged). */
	socketUser: number;
	socketGroup: number;
}

/** The steps of setting up the daemon's sockets that can fail. */
export type SetupStep =
	| "netlink-socket"
	| "netlink-bind"
	| "netlink-send"
	| "unix-socket"
	| "unix-bind"
	| "unix-listen"
	| "chown"
	| "chmod"
	| "select";

/** syslog(3) as the platform provides it. */
export interface SyslogSink {
	openlog(ident: string, option: number, facility: number): void;
	syslog(priority: number, text: string): void;
	closelog(): void;
}

/** What the daemon needs of its platform besides the CgOs. */
export interface DaemonEnv {
	/** clock_gettime(CLOCK_MONOTONIC) in ns, the clock of the events' timestamps. */
	monotonicNs(): bigint;
	/** time(2). */
	time(): number;
	/** ctime(3), with its newline (default: UTC). */
	ctime?(t: number): string;
	/** syslog; without it messages for syslog are dropped. */
	syslog?: SyslogSink;
	/** Other places for the files libcgroup's build fixes (tests on a real host). */
	paths?: DaemonPaths;
}

/**
 * The paths a libcgroup build compiles in (CGRULES_CONF_FILE, CGRULES_CONF_DIR,
 * CGCONFIG_CONF_FILE, CGCONFIG_CONF_DIR, CGRULE_CGRED_SOCKET_PATH), as a
 * build with other prefixes would have them.
 */
export interface DaemonPaths {
	readonly rulesFile?: string;
	readonly rulesDir?: string;
	readonly cgconfigFile?: string;
	readonly cgconfigDir?: string;
	readonly socket?: string;
}

/** ctime(3) in UTC: "Thu Jan  1 00:00:00 1970\n". */
export function ctimeUtc(t: number): string {
	return asctime(calendar(t * 1e9));
}

/** usage(): the message (printf'd by the caller), a newline, the help. */
export function cgrulesengdUsage(msg: string): string {
	const sock = CGRULE_CGRED_SOCKET_PATH;
	return (
		`${msg}\n` +
		"cgrulesengd -- a daemon for the cgroups rules engine\n\n" +
		"Usage : cgrulesengd [options]\n\n" +
		"  options :\n" +
		"    -q           | --quiet\t\t  quiet mode\n" +
		"    -v           | --verbose\t\t  verbose mode\n" +
		"    -f <path>    | --logfile=<path>\t  write log to file\n" +
		"    -s[facility] | --syslog=[facility]\t  write log to syslog\n" +
		"    -n           | --nodaemon\t\t  don't fork daemon\n" +
		"    -d           | --debug\t\t  same as -v -v -n -f -\n" +
		"    -Q           | --nolog\t\t  disable logging\n" +
		`    -u <user>    | --socket-user=<user>   set ${sock} socket user\n` +
		`    -g <group>   | --socket-group=<group> set ${sock} socket group\n` +
		"    -h           | --help\t\t  show this help\n\n"
	);
}

/** cgre_parse_syslog_facility(): one character, 0-7 (LOG_LOCALn) or D (LOG_DAEMON); 0 otherwise. */
export function cgreParseSyslogFacility(arg: string | null): number {
	if (arg === null || arg.length !== 1) return 0;
	if (arg >= "0" && arg <= "7") return LOG_LOCAL0 + (Number(arg) << 3);
	return arg === "D" ? LOG_DAEMON : 0;
}

const LONG_OPTS: readonly LongOption[] = [
	{ name: "help", hasArg: 0, val: "h" },
	{ name: "verbose", hasArg: 0, val: "v" },
	{ name: "quiet", hasArg: 0, val: "q" },
	{ name: "logfile", hasArg: 1, val: "f" },
	{ name: "syslog", hasArg: 2, val: "s" },
	{ name: "nodaemon", hasArg: 0, val: "n" },
	{ name: "debug", hasArg: 0, val: "d" },
	{ name: "nolog", hasArg: 0, val: "Q" },
	{ name: "socket-user", hasArg: 1, val: "u" },
	{ name: "socket-group", hasArg: 1, val: "g" },
];

/** The outcome of the command line: run with these options, or exit with this status. */
export type ParseOutcome =
	| { readonly ok: true; readonly options: CgrulesengdOptions }
	| { readonly ok: false; readonly status: number };

/**
 * main() up to cgroup_init(): the root check, $CGROUP_LOGLEVEL=DEBUG
 * (as -d without -n), and the options. Messages go to the CgOs's stdout
 * and stderr.
 */
export function cgrulesengdParseArgs(os: CgOs, argv: readonly string[]): ParseOutcome {
	if (os.getuid() !== 0) {
		os.stderr("Error: Only root can start/stop the control");
		os.stderr(" group rules engine daemon\n");
		return { ok: false, status: 1 };
	}
	const options: CgrulesengdOptions = {
		logp: null,
		facility: 0,
		daemon: true,
		verbosity: 1,
		socketUser: 0xffffffff,
		socketGroup: 0xffffffff,
	};
	const level = os.env("CGROUP_LOGLEVEL");
	if (level !== undefined && parseLogLevel(level) === CGROUP_LOG_DEBUG) {
		options.verbosity = 4;
		options.logp = "-";
	}
	const g = new GetoptLong(os, argv, "hvqf:s::ndQu:g:", LONG_OPTS);
	for (let c = g.next(); c !== -1; c = g.next()) {
		switch (c) {
			case "h":
				os.stdout(cgrulesengdUsage("Help:\n"));
				return { ok: false, status: 0 };
			case "v":
				options.verbosity++;
				break;
			case "q":
				options.verbosity--;
				break;
			case "Q":
				options.verbosity = 0;
				break;
			case "f":
				options.logp = g.optarg;
				break;
			case "s":
				if (g.optarg !== null) {
					options.facility = cgreParseSyslogFacility(g.optarg);
					if (options.facility === 0) {
						os.stderr(`Unknown syslog facility: ${g.optarg}\n`);
						return { ok: false, status: 2 };
					}
				} else options.facility = LOG_DAEMON;
				break;
			case "n":
				options.daemon = false;
				break;
			case "d":
				options.daemon = false;
				options.verbosity = 4;
				options.logp = "-";
				break;
			case "u": {
				const pw = getpwnam(os, g.optarg ?? "");
				if (pw === null) {
					os.stderr(cgrulesengdUsage(`Cannot find user ${g.optarg ?? ""}`));
					return { ok: false, status: 3 };
				}
				options.socketUser = pw.uid;
				break;
			}
			case "g": {
				const gr = getgrnam(os, g.optarg ?? "");
				if (gr === null) {
					os.stderr(cgrulesengdUsage(`Cannot find group ${g.optarg ?? ""}`));
					return { ok: false, status: 3 };
				}
				options.socketGroup = gr.gid;
				break;
			}
			default:
				os.stderr(cgrulesengdUsage(""));
				return { ok: false, status: 2 };
		}
	}
	return { ok: true, options };
}

/** flog_cgroup()'s translation of libcgroup's levels to syslog's. */
function syslogLevelOf(cgroupLevel: number): number {
	switch (cgroupLevel) {
		case CGROUP_LOG_ERROR:
			return LOG_ERR;
		case CGROUP_LOG_WARNING:
			return LOG_WARNING;
		case CGROUP_LOG_INFO:
			return LOG_INFO;
		case CGROUP_LOG_DEBUG:
			return LOG_DEBUG;
		default:
			return 0;
	}
}

/**
 * The Libcg of the daemon: libcgroup's messages go to the default logger
 * (stdout) until the daemon's log starts, then to the daemon's log at the
 * translated level (CONT lines at LOG_EMERG: always shown).
 */
export class DaemonLibcg extends Libcg {
	daemon: Cgrulesengd | null = null;

	override log(level: number, text: string): void {
		if (this.daemon === null || !this.daemon.logStarted) {
			super.log(level, text);
			return;
		}
		if (level > this.logLevel) return;
		this.daemon.flog(level === CGROUP_LOG_CONT ? 0 : syslogLevelOf(level), text);
	}
}

/** struct parent_info: a process the daemon moved, and when. */
interface ParentInfo {
	readonly timestamp: bigint;
	readonly pid: number;
}

/** struct unchanged_pid: a process registered to be left alone. */
export interface UnchangedPid {
	readonly pid: number;
	readonly flags: number;
}

/** cgrulesengd's state and event handling. */
export class Cgrulesengd {
	readonly lc: DaemonLibcg;
	readonly options: CgrulesengdOptions;
	readonly env: DaemonEnv;
	/** logfile: null, or the stdout stream, or a file appended to. */
	logfile: { readonly kind: "stdout" } | { readonly kind: "file"; readonly path: string } | null =
		null;
	logfacility = 0;
	/** loglevel (0 until the log starts, so earlier flog() calls print nothing). */
	loglevel = 0;
	logStarted = false;
	/** array_pi: processes moved, oldest first. */
	readonly parentInfo: ParentInfo[] = [];
	/** array_unch: processes to leave alone. */
	readonly unchanged: UnchangedPid[] = [];
	/** template_files: cgconfig.conf and the *.conf files of cgconfig.d. */
	templateFiles: CgroupStringList = cgroupStringListInit();
	/** CGRULE_CGRED_SOCKET_PATH of this build. */
	readonly socketPath: string;
	private readonly argv0: string;

	constructor(os: CgOs, options: CgrulesengdOptions, env: DaemonEnv, argv0 = "cgrulesengd") {
		this.lc = new DaemonLibcg(os);
		this.lc.daemon = this;
		this.options = options;
		this.env = env;
		this.argv0 = argv0;
		setTemplateSource(this.lc, CONFIG_TEMPLATES);
		const p = env.paths ?? {};
		this.socketPath = p.socket ?? CGRULE_CGRED_SOCKET_PATH;
		const rules = rulesOf(this.lc);
		if (p.rulesFile !== undefined) rules.confFile = p.rulesFile;
		if (p.rulesDir !== undefined) rules.confDir = p.rulesDir;
	}

	private get os(): CgOs {
		return this.lc.os;
	}

	// ------------------------------------------------------------ the log

	/** flog(): `text` to the log file and syslog when `level` is within the log level. */
	flog(level: number, text: string): void {
		if (level > this.loglevel) return;
		if (this.logfile !== null) {
			if (this.logfile.kind === "stdout") this.os.stdout(text);
			else {
				try {
					this.os.createFile(this.logfile.path, text, true);
				} catch {
					// fprintf() to a stream whose file went away fails silently.
				}
			}
		}
		if (this.logfacility !== 0) this.env.syslog?.syslog(this.logfacility | level, text);
	}

	private ctime(): string {
		const t = this.env.time();
		return this.env.ctime !== undefined ? this.env.ctime(t) : ctimeUtc(t);
	}

	/** cgre_start_log(). */
	startLog(): void {
		const { logp } = this.options;
		let logf = this.options.facility;
		if (logp === null && logf === 0) logf = LOG_DAEMON;
		if (logp !== null) {
			if (logp === "-") this.logfile = { kind: "stdout" };
			else {
				try {
					this.os.createFile(logp, "", true);
					this.logfile = { kind: "file", path: logp };
				} catch (e) {
					this.os.stderr(`Failed to open log file ${logp},`);
					this.os.stderr(` error: ${asKernelError(e).strerror}. Continuing anyway.\n`);
					this.logfile = { kind: "stdout" };
				}
			}
		} else this.logfile = null;
		if (logf !== 0) {
			this.env.syslog?.openlog("CGRE", LOG_CONS | LOG_PID, logf);
			this.logfacility = logf;
		} else this.logfacility = 0;
		const v = Math.min(Math.max(this.options.verbosity, 0), LOGLEVELS.length - 1);
		this.loglevel = LOGLEVELS[v] as number;
		this.lc.logging = true;
		this.lc.logLevel = CGROUP_LOG_DEBUG;
		this.logStarted = true;
		this.flog(LOG_DEBUG, "CGroup Rules Engine Daemon log started\n");
		this.flog(LOG_DEBUG, `Current time: ${this.ctime()}\n`);
		this.flog(
			LOG_DEBUG,
			`Opened log file: ${logp ?? "(null)"}, log facility: ${this.logfacility},log level: ${this.loglevel}\n`,
		);
	}

	// ------------------------------------------------------------ start-up

	/**
	 * main() from cgroup_init() to the start of the daemon: the mount
	 * table, the template file list (exit 1 without /etc/cgconfig.d), the
	 * rules cache, the templates. 0, or the status to exit with (printed).
	 */
	init(): number {
		const lc = this.lc;
		let ret = lc.init();
		if (ret !== 0) {
			this.os.stderr(`Error: libcgroup initialization failed, ${lc.strerror(ret)}\n`);
			return ret;
		}
		this.templateFiles = cgroupStringListInit();
		const paths = this.env.paths ?? {};
		cgroupStringListAddItem(this.templateFiles, paths.cgconfigFile ?? CGCONFIG_CONF_FILE);
		try {
			cgroupStringListAddDirectory(
				this.os,
				this.templateFiles,
				paths.cgconfigDir ?? CGCONFIG_CONF_DIR,
				this.argv0,
			);
		} catch (e) {
			if (e instanceof ToolExit) return e.status;
			throw e;
		}
		ret = cgroupInitRulesCache(lc);
		if (ret !== 0) {
			this.os.stderr("Error: libcgroup failed to initialize rules");
			this.os.stderr(`cache from ${rulesOf(lc).confFile}. ${lc.strerror(ret)}\n`);
			return ret;
		}
		const templates = rulesOf(lc).templates;
		templates.setSourceFiles(lc, this.templateFiles.items);
		const [tret, fileindex] = templates.loadTemplatesCacheFromFiles(lc);
		if (tret !== 0) {
			if (fileindex < 0) this.os.stderr("Error: Template source files have not been set\n");
			else {
				this.os.stderr(
					`Error: Failed to initialize template rules from ${this.templateFiles.items[fileindex]}.${lc.strerror(-tret)}\n`,
				);
			}
			return tret;
		}
		return 0;
	}

	/**
	 * cgre_start_daemon() in the process that goes on (without -n, the
	 * child the platform forked after setsid() and chdir("/")): the log,
	 * then "Proceeding with PID". Before the log starts, "Not using daemon
	 * mode" goes nowhere, as in C.
	 */
	startDaemon(): void {
		if (!this.options.daemon) this.flog(LOG_DEBUG, "Not using daemon mode\n");
		this.startLog();
		this.logProceeding();
	}

	/**
	 * The last step of cgre_start_daemon(). In daemon mode the platform
	 * calls startLog(), setsid(), chdir("/"), closes the standard
	 * descriptors, then this.
	 */
	logProceeding(): void {
		this.flog(LOG_INFO, `Proceeding with PID ${this.os.getpid()}\n`);
	}

	/** A failed setsid() or chdir("/") of daemon mode: the message and cgre_start_daemon()'s status (2, 3). */
	daemonStepFailed(step: "setsid" | "chdir", strerror: string): number {
		if (step === "setsid") {
			this.flog(LOG_ERR, `Failed to get a new SID, error: ${strerror}\n`);
			return 2;
		}
		this.flog(LOG_ERR, `Failed to chdir to /, error: ${strerror}\n`);
		return 3;
	}

	/**
	 * main() after the signal handlers: the rules table to the log file at
	 * INFO and above, every running process classified, "Started".
	 */
	classifyRunning(): void {
		if (this.logfile !== null && this.loglevel >= LOG_INFO)
			this.writeLogfile(cgroupPrintRulesConfig(this.lc));
		if (cgroupChangeAllCgroups(this.lc) !== 0)
			this.flog(LOG_WARNING, "Failed to initialize running tasks.\n");
		this.flog(LOG_INFO, "Started the CGroup Rules Engine Daemon.\n");
	}

	/**
	 * init(), startDaemon() and classifyRunning() for -n (no fork): 0, or
	 * the status to exit with.
	 */
	startup(): number {
		const ret = this.init();
		if (ret !== 0) return ret;
		this.startDaemon();
		this.classifyRunning();
		return 0;
	}

	/** fprintf(logfile, ...) outside flog(): no level check, no syslog. */
	private writeLogfile(text: string): void {
		if (this.logfile === null) return;
		if (this.logfile.kind === "stdout") this.os.stdout(text);
		else {
			try {
				this.os.createFile(this.logfile.path, text, true);
			} catch {
				// as flog()
			}
		}
	}

	// ------------------------------------------------------------ the loop's messages

	/** Before sending PROC_CN_MCAST_LISTEN; returns the op to send. */
	logSendingListen(): number {
		this.flog(LOG_DEBUG, "Sending proc connector: PROC_CN_MCAST_LISTEN...\n");
		this.flog(
			LOG_DEBUG,
			`Sending netlink message len=${SEND_MESSAGE_LEN}, cn_msg len=${CN_MSG_LEN}\n`,
		);
		return PROC_CN_MCAST_LISTEN;
	}

	logMessageSent(): void {
		this.flog(LOG_DEBUG, "Message sent\n");
	}

	/** After the socket's chown(). */
	logSocketOwner(): void {
		this.flog(
			LOG_DEBUG,
			`Socket ${this.socketPath} owner successfully set to ${this.options.socketUser | 0}:${this.options.socketGroup | 0}\n`,
		);
	}

	/** A failed step of cgre_create_netlink_socket_process_msg() (the loop then ends with status -1). */
	logSetupError(step: SetupStep, strerror: string): void {
		this.flog(LOG_ERR, this.setupErrorText(step, strerror));
	}

	/** The message of a failed set-up step, with its newline. */
	setupErrorText(step: SetupStep, strerror: string): string {
		const p = this.socketPath;
		return {
			"netlink-socket": `Error: error opening netlink socket: ${strerror}\n`,
			"netlink-bind": `Error: error binding netlink socket: ${strerror}\n`,
			"netlink-send": `Error: failed to send netlink message (mcast ctl op): ${strerror}\n`,
			"unix-socket": `Error creating UNIX socket: ${strerror}\n`,
			"unix-bind": `Error binding UNIX socket ${p}: ${strerror}\n`,
			"unix-listen": `Error listening on UNIX socket ${p}: ${strerror}\n`,
			chown: `Error changing ${p} socket owner: ${strerror}\n`,
			chmod: `Error changing ${p} socket permissions: ${strerror}\n`,
			select: `Selecting error: ${strerror}\n`,
		}[step];
	}

	/**
	 * cgkit's own line, not libcgroup's: on a host where the process
	 * connector cannot be used (`reason`: the failed step's message without
	 * its "Error: " and newline), the daemon polls /proc instead of exiting.
	 */
	logPollingFallback(reason: string, intervalMs: number): void {
		this.flog(
			LOG_WARNING,
			`Warning: no process connector (${reason}); polling /proc every ${intervalMs} ms\n`,
		);
	}

	/** cgre_receive_netlink_msg(): a receive that failed with ENOBUFS. */
	logBufferFull(): void {
		this.flog(LOG_ERR, "ERROR: NETLINK BUFFER FULL, MESSAGE DROPPED!\n");
	}

	/** cgre_receive_netlink_msg(): an address of the wrong size. */
	logBadAddress(): void {
		this.flog(LOG_ERR, "Bad address size reading netlink socket\n");
	}

	// ------------------------------------------------------------ the sticky tables

	/** cgre_store_parent_info(): remember that `pid` was moved now. 0 (1 only on allocation failure in C). */
	cgreStoreParentInfo(pid: number): number {
		this.parentInfo.push({ timestamp: this.env.monotonicNs(), pid });
		return 0;
	}

	/** cgre_remove_old_parent_info(): forget moves made at or before `keyTimestamp`. */
	cgreRemoveOldParentInfo(keyTimestamp: bigint): void {
		for (let i = 0; i < this.parentInfo.length; i++) {
			if (keyTimestamp < (this.parentInfo[i] as ParentInfo).timestamp) continue;
			this.parentInfo.splice(i, 1);
			i--;
		}
	}

	/** cgre_was_parent_changed_when_forking(): the parent was moved after the fork was reported. */
	cgreWasParentChangedWhenForking(parentPid: number, timestampNs: bigint): boolean {
		this.cgreRemoveOldParentInfo(timestampNs);
		for (const info of this.parentInfo) {
			if (info.pid !== parentPid) continue;
			if (timestampNs > info.timestamp) continue;
			return true;
		}
		return false;
	}

	/** cgre_store_unchanged_process(). */
	cgreStoreUnchangedProcess(pid: number, flags: number): number {
		if (this.unchanged.some((u) => u.pid === pid)) return 0;
		this.unchanged.push({ pid, flags });
		this.flog(LOG_DEBUG, `Store the unchanged process (PID: ${pid}, FLAGS: ${flags})\n`);
		return 0;
	}

	/** cgre_remove_unchanged_process(). */
	cgreRemoveUnchangedProcess(pid: number): void {
		const i = this.unchanged.findIndex((u) => u.pid === pid);
		if (i < 0) return;
		this.unchanged.splice(i, 1);
		this.flog(LOG_DEBUG, `Remove the unchanged process (PID: ${pid})\n`);
	}

	/** cgre_is_unchanged_process(). */
	cgreIsUnchangedProcess(pid: number): boolean {
		return this.unchanged.some((u) => u.pid === pid);
	}

	/** cgre_is_unchanged_child(): the first entry of `pid` has CGROUP_DAEMON_UNCHANGE_CHILDREN. */
	cgreIsUnchangedChild(pid: number): boolean {
		const u = this.unchanged.find((x) => x.pid === pid);
		return u !== undefined && (u.flags & CGROUP_DAEMON_UNCHANGE_CHILDREN) !== 0;
	}

	// ------------------------------------------------------------ events

	/**
	 * cgre_process_event(): find the process's ids and name and let the
	 * rules move it. 0 on success or when there is nothing to do, else
	 * the error (logged as a FAILED change, except ECGOTHER, which only a
	 * vanished process turns into a remembered move).
	 */
	cgreProcessEvent(ev: ProcEvent): number {
		let pid = 0;
		switch (ev.what) {
			case "uid":
			case "gid":
				if (this.cgreIsUnchangedProcess(ev.pid)) return 0;
				pid = ev.pid;
				break;
			case "fork":
				if (this.cgreIsUnchangedChild(ev.parentPid)) {
					if (this.cgreStoreUnchangedProcess(ev.childPid, CGROUP_DAEMON_UNCHANGE_CHILDREN) !== 0)
						return 1;
				}
				if (!this.cgreWasParentChangedWhenForking(ev.parentPid, ev.timestampNs)) return 0;
				pid = ev.childPid;
				break;
			case "exit":
				this.cgreRemoveUnchangedProcess(ev.pid);
				return 0;
			case "exec":
				if (this.cgreIsUnchangedProcess(ev.pid)) return 0;
				pid = ev.pid;
				break;
			default:
				break;
		}
		const lc = this.lc;
		let [ret, euid, egid] = cgroupGetUidGidFromProcfs(lc, pid);
		if (ret === ECGROUPNOTEXIST) return 0;
		if (ret !== 0) return ret;
		const [r2, procname] = cgroupGetProcnameFromProcfs(lc, pid);
		if (r2 === ECGROUPNOTEXIST) return 0;
		if (r2 !== 0) return r2;
		let logUid = 0;
		let logGid = 0;
		switch (ev.what) {
			case "uid":
				logUid = ev.euid;
				logGid = egid;
				euid = ev.euid;
				break;
			case "gid":
				logUid = euid;
				logGid = ev.egid;
				egid = ev.egid;
				break;
			case "fork":
			case "exec":
				logUid = euid;
				logGid = egid;
				break;
			default:
				break;
		}
		ret = cgroupChangeCgroupFlags(lc, euid, egid, procname, pid, CGFLAG_USECACHE);
		const name = procname ?? "(null)";
		if (ret === ECGOTHER) {
			const code = lc.lastErrno?.code;
			ret = code === "ESRCH" || code === "ENOENT" ? this.cgreStoreParentInfo(pid) : 0;
		} else if (ret !== 0) {
			this.flog(
				LOG_WARNING,
				`Cgroup change for PID: ${pid}, UID: ${logUid | 0}, GID: ${logGid | 0}, `,
			);
			this.flog(LOG_WARNING, `PROCNAME: ${name} FAILED! (Error Code: ${ret})\n`);
		} else {
			this.flog(
				LOG_INFO,
				`Cgroup change for PID: ${pid}, UID: ${logUid | 0}, GID: ${logGid | 0}, PROCNAME: ${name} OK\n`,
			);
			ret = this.cgreStoreParentInfo(pid);
		}
		return ret;
	}

	/** cgre_handle_msg(): the events the daemon acts on (uid, gid, fork, exit, exec), the first three logged at DEBUG. */
	handleEvent(ev: ProcEvent): number {
		switch (ev.what) {
			case "uid":
				this.flog(
					LOG_DEBUG,
					`UID Event: PID = ${ev.pid}, tGID = ${ev.tgid}, rUID = ${ev.ruid | 0}, eUID = ${ev.euid | 0}\n`,
				);
				return this.cgreProcessEvent(ev);
			case "gid":
				this.flog(
					LOG_DEBUG,
					`GID Event: PID = ${ev.pid}, tGID = ${ev.tgid}, rGID = ${ev.rgid | 0}, eGID = ${ev.egid | 0}\n`,
				);
				return this.cgreProcessEvent(ev);
			case "fork":
			case "exit":
				return this.cgreProcessEvent(ev);
			case "exec":
				this.flog(LOG_DEBUG, `EXEC Event: PID = ${ev.pid}, tGID = ${ev.tgid}\n`);
				return this.cgreProcessEvent(ev);
			default:
				return 0;
		}
	}

	/**
	 * cgre_receive_netlink_msg() after the checks of the sender: every
	 * proc connector message of the datagram. 1 when the loop must end
	 * (a handler returned a negative value), else 0.
	 */
	handleDatagram(datagram: Uint8Array): number {
		for (const m of decodeProcEvents(datagram)) {
			if (this.handleEvent(m.event) < 0) return 1;
		}
		return 0;
	}

	// ------------------------------------------------------------ the unix socket

	/** A failed accept(). */
	logAcceptError(strerror: string): void {
		this.flog(LOG_WARNING, `Warning: 'accept' command error: ${strerror}\n`);
	}

	/** A read of the pid that did not give 4 bytes (strerror of errno: "Success" at EOF). */
	logReadPidError(strerror: string): void {
		this.flog(LOG_WARNING, `Warning: 'read' command error: ${strerror}\n`);
	}

	/** After reading the pid: false (the connection is closed) when /proc/PID does not exist. */
	unixClientPid(pid: number): boolean {
		try {
			this.os.stat(`/proc/${pid}`);
			return true;
		} catch {
			this.flog(LOG_WARNING, `Warning: there is no such process (PID: ${pid})\n`);
			return false;
		}
	}

	/** A read of the flags that did not give 4 bytes. */
	logReadFlagsError(strerror: string): void {
		this.flog(LOG_WARNING, `Warning: error reading daemon socket: ${strerror}\n`);
	}

	/**
	 * After reading the flags: cancel or store the registration; the reply
	 * to write (CGRULE_SUCCESS_STORE_PID and its NUL), or null to close
	 * without one.
	 */
	unixClientFlags(pid: number, flags: number): string | null {
		if (flags === CGROUP_DAEMON_CANCEL_UNCHANGE_PROCESS) this.cgreRemoveUnchangedProcess(pid);
		else if (this.cgreStoreUnchangedProcess(pid, flags) !== 0) return null;
		return `${CGRULE_SUCCESS_STORE_PID}\0`;
	}

	/** A failed write of the reply. */
	logWriteReplyError(strerror: string): void {
		this.flog(LOG_WARNING, `Warning: cannot write to daemon socket: ${strerror}\n`);
	}

	/** cgre_receive_unix_domain_msg() once both numbers were read: the reply, or null. */
	handleUnixClient(pid: number, flags: number): string | null {
		if (!this.unixClientPid(pid)) return null;
		return this.unixClientFlags(pid, flags);
	}

	// ------------------------------------------------------------ signals

	/** cgre_flash_rules() (SIGUSR2): reload the rules, print them at INFO, reload the templates. */
	reload(): void {
		this.flog(LOG_INFO, "Reloading rules configuration\n");
		this.flog(LOG_DEBUG, `Current time: ${this.ctime()}\n`);
		cgroupReloadCachedRules(this.lc);
		if (this.logfile !== null && this.loglevel >= LOG_INFO) {
			this.writeLogfile(cgroupPrintRulesConfig(this.lc));
			this.writeLogfile("\n");
		}
		rulesOf(this.lc).templates.loadTemplatesCacheFromFiles(this.lc);
	}

	/** cgre_flash_templates() (SIGUSR1): reload the templates. */
	reloadTemplates(): void {
		this.flog(LOG_INFO, "Reloading templates configuration.\n");
		this.flog(LOG_DEBUG, `Current time: ${this.ctime()}\n`);
		rulesOf(this.lc).templates.loadTemplatesCacheFromFiles(this.lc);
	}

	/** cgre_catch_term() (SIGINT, SIGTERM): the last message, syslog closed; the exit status (EXIT_SUCCESS). */
	terminate(): number {
		this.flog(LOG_INFO, `Stopped CGroup Rules Engine Daemon at ${this.ctime()}\n`);
		if (this.logfacility !== 0) this.env.syslog?.closelog();
		return 0;
	}
}
