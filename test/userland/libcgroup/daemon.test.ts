/**
 * cgrulesengd's logic (daemon.ts) on the emulated host, driven as the
 * platform's loop drives it: the command line, start-up (rules cache,
 * templates, the log, classifying what runs), proc connector events, the
 * unix socket registrations, the signals, and the transcript.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EmulatedCgOs } from "../../../src/userland/bin/libcgroup-os.ts";
import {
	Cgrulesengd,
	type CgrulesengdOptions,
	cgreParseSyslogFacility,
	cgrulesengdParseArgs,
	cgrulesengdUsage,
	ctimeUtc,
	type DaemonEnv,
	LOG_DAEMON,
	LOG_LOCAL0,
} from "../../../src/userland/lib/libcgroup/daemon.ts";
import type { ProcEvent } from "../../../src/userland/lib/proc-events.ts";
import { Sys } from "../../../src/userland/proc/sys.ts";
import type { UserSystem } from "../../../src/userland/system.ts";
import { cgroupOf, h3System, R, sh, spawn, write } from "./h3-support.ts";

/** A root process's CgOs on the host. */
function cgos(sys: UserSystem, env: string[] = []): EmulatedCgOs {
	return new EmulatedCgOs(new Sys(sys, sys.kernel.fork(sys.kernel.init)), [
		"PATH=/usr/bin:/bin",
		...env,
	]);
}

/** The emulated clocks, and a syslog that records. */
function daemonEnv(sys: UserSystem, syslog: string[] = []): DaemonEnv {
	const clock = sys.kernel.clock;
	return {
		monotonicNs: () => BigInt(clock.now()),
		time: () => Math.floor((clock.bootEpochNs + clock.now()) / 1e9),
		syslog: {
			openlog: (ident, option, facility) => syslog.push(`openlog ${ident} ${option} ${facility}`),
			syslog: (priority, text) => syslog.push(`<${priority}>${text}`),
			closelog: () => syslog.push("closelog"),
		},
	};
}

/** A host ready for the daemon: cgconfig.conf and cgconfig.d exist, the rules are `rules`. */
function daemonHost(rules: string): UserSystem {
	const sys = h3System();
	write(sys, "/etc/cgrules.conf", rules);
	write(sys, "/etc/cgconfig.conf", "");
	sh(sys, "mkdir /etc/cgconfig.d");
	return sys;
}

/** Parse `args` and start the daemon (-n assumed by the tests); the daemon and what its process printed. */
function startDaemon(
	sys: UserSystem,
	args: string[],
	syslog: string[] = [],
): [Cgrulesengd, EmulatedCgOs, number] {
	const os = cgos(sys);
	const parsed = cgrulesengdParseArgs(os, ["cgrulesengd", ...args]);
	assert.ok(parsed.ok);
	const d = new Cgrulesengd(os, parsed.options, daemonEnv(sys, syslog));
	const status = d.startup();
	return [d, os, status];
}

function take(os: EmulatedCgOs): [string, string] {
	const r: [string, string] = [os.out, os.err];
	os.out = "";
	os.err = "";
	return r;
}

const base = { cpu: 0, timestampNs: 0n };
const exec = (pid: number): ProcEvent => ({ ...base, what: "exec", pid, tgid: pid });

describe("the command line", () => {
	const parse = (args: string[], env: string[] = []) => {
		const sys = h3System();
		const os = cgos(sys, env);
		const r = cgrulesengdParseArgs(os, ["/usr/sbin/cgrulesengd", ...args]);
		return { r, out: os.out, err: os.err };
	};
	const defaults: CgrulesengdOptions = {
		logp: null,
		facility: 0,
		daemon: true,
		verbosity: 1,
		socketUser: 0xffffffff,
		socketGroup: 0xffffffff,
	};

	test("options", () => {
		assert.deepEqual(parse([]).r, { ok: true, options: defaults });
		assert.deepEqual(
			parse(["-n", "-vv", "-q", "--logfile=/l", "-s", "-u", "alice", "--socket-group", "staff"]).r,
			{
				ok: true,
				options: {
					...defaults,
					daemon: false,
					verbosity: 2,
					logp: "/l",
					facility: LOG_DAEMON,
					socketUser: 1025,
					socketGroup: 1000,
				},
			},
		);
		assert.deepEqual(parse(["-d"]).r, {
			ok: true,
			options: { ...defaults, daemon: false, verbosity: 4, logp: "-" },
		});
		assert.deepEqual(parse(["-vvv", "-Q", "-s3", "--syslog=D"]).r, {
			ok: true,
			options: { ...defaults, verbosity: 0, facility: LOG_DAEMON },
		});
		assert.deepEqual(parse(["-s3"]).r, {
			ok: true,
			options: { ...defaults, facility: LOG_LOCAL0 + (3 << 3) },
		});
		// $CGROUP_LOGLEVEL=DEBUG is -vvv and -f -, but not -n.
		assert.deepEqual(parse([], ["CGROUP_LOGLEVEL=debug"]).r, {
			ok: true,
			options: { ...defaults, verbosity: 4, logp: "-" },
		});
		assert.deepEqual(parse([], ["CGROUP_LOGLEVEL=4"]).r.ok, true);
	});

	test("the facilities of -s", () => {
		assert.equal(cgreParseSyslogFacility("0"), 128);
		assert.equal(cgreParseSyslogFacility("7"), 184);
		assert.equal(cgreParseSyslogFacility("D"), 24);
		for (const bad of ["8", "d", "00", "", null]) assert.equal(cgreParseSyslogFacility(bad), 0);
	});

	test("-h prints the help on stdout; errors print it on stderr", () => {
		const help = parse(["-h"]);
		assert.deepEqual(
			[help.r, help.out, help.err],
			[{ ok: false, status: 0 }, cgrulesengdUsage("Help:\n"), ""],
		);
		assert.ok(
			help.out.startsWith(
				"Help:\n\ncgrulesengd -- a daemon for the cgroups rules engine\n\nUsage : cgrulesengd",
			),
		);
		assert.ok(
			help.out.includes(
				"    -u <user>    | --socket-user=<user>   set /var/run/cgred.socket socket user\n",
			),
		);
		assert.ok(help.out.endsWith("    -h           | --help\t\t  show this help\n\n"));
		const bad = parse(["-z"]);
		assert.deepEqual(
			[bad.r, bad.err],
			[
				{ ok: false, status: 2 },
				`/usr/sbin/cgrulesengd: invalid option -- 'z'\n${cgrulesengdUsage("")}`,
			],
		);
		assert.deepEqual(parse(["-s9"]).err, "Unknown syslog facility: 9\n");
		assert.deepEqual(parse(["-s9"]).r, { ok: false, status: 2 });
		const user = parse(["-u", "zed"]);
		assert.deepEqual(
			[user.r, user.err],
			[{ ok: false, status: 3 }, cgrulesengdUsage("Cannot find user zed")],
		);
		const group = parse(["--socket-group=zed"]);
		assert.deepEqual(
			[group.r, group.err],
			[{ ok: false, status: 3 }, cgrulesengdUsage("Cannot find group zed")],
		);
	});

	test("only root may start it", () => {
		const sys = h3System();
		const os = new EmulatedCgOs(new Sys(sys, sys.kernel.fork(sys.kernel.init)), []);
		os.getuid = () => 1025;
		assert.deepEqual(cgrulesengdParseArgs(os, ["cgrulesengd"]), { ok: false, status: 1 });
		assert.equal(os.err, "Error: Only root can start/stop the control group rules engine daemon\n");
	});
});

describe("start-up", () => {
	test("the log at -vvv: its header, the rules, each process looked at, Started", () => {
		const sys = daemonHost("bob cpu b/\n");
		const [d, os, status] = startDaemon(sys, ["-n", "-f", "-", "-vvv"]);
		assert.equal(status, 0);
		const [stdout, stderr] = take(os);
		assert.equal(stderr, "");
		const head =
			"CGroup Rules Engine Daemon log started\n" +
			`Current time: ${ctimeUtc(daemonEnv(sys).time())}\n` +
			"Opened log file: -, log facility: 0,log level: 7\n" +
			`Proceeding with PID ${os.getpid()}\n` +
			"Rule: bob\n  UID: 1026\n  GID: N/A\n  DEST: b/\n  CONTROLLERS:\n    cpu\n  OPTIONS:\n    IS_IGNORE: False\n\n" +
			"Scanned proc values are 0 0 0 0\nScanned proc values are 0 0 0 0\n" +
			"No rule found to match PID: 1, UID: 0, GID: 0\n";
		assert.equal(stdout.slice(0, head.length), head);
		assert.ok(stdout.endsWith("Started the CGroup Rules Engine Daemon.\n"));
		assert.equal(d.loglevel, 7);
	});

	test("the issue's transcript: the curl of uid 1025 gid 1000 cannot enter the empty cpuset, then can", () => {
		const sys = daemonHost("alice\tcpuset\tcurlers/\n");
		sh(sys, `mkdir ${R}/cpuset/curlers`);
		const pid = spawn(sys, 1025, 1000);
		const [d, os, status] = startDaemon(sys, ["-n", "-f", "-", "-vv"]);
		assert.equal(status, 0);
		assert.deepEqual(take(os), [
			`Proceeding with PID ${os.getpid()}\n` +
				"Rule: alice\n  UID: 1025\n  GID: N/A\n  DEST: curlers/\n  CONTROLLERS:\n    cpuset\n  OPTIONS:\n    IS_IGNORE: False\n\n" +
				`Warning: cannot write tid ${pid} to ${R}/cpuset//curlers/tasks:No space left on device\n` +
				"Warning: cgroup_attach_task_pid failed: 50016\n" +
				"Warning: failed to apply the rule. Error was: 50016\n" +
				"Started the CGroup Rules Engine Daemon.\n",
			"",
		]);
		// An exec: the same failure; libcgroup 3.1.0's daemon logs no FAILED line for ECGOTHER (its errno is not ESRCH/ENOENT).
		assert.equal(d.handleEvent(exec(pid)), 0);
		assert.deepEqual(take(os), [
			`Warning: cannot write tid ${pid} to ${R}/cpuset//curlers/tasks:No space left on device\n` +
				"Warning: cgroup_attach_task_pid failed: 50016\n" +
				"Warning: failed to apply the rule. Error was: 50016\n",
			"",
		]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/");
		sh(sys, `echo 0 > ${R}/cpuset/curlers/cpuset.cpus; echo 0 > ${R}/cpuset/curlers/cpuset.mems`);
		assert.equal(d.handleEvent(exec(pid)), 0);
		const name = "/usr/bin/curl";
		assert.deepEqual(take(os), [
			`Cgroup change for PID: ${pid}, UID: 1025, GID: 1000, PROCNAME: ${name} OK\n`,
			"",
		]);
		assert.equal(cgroupOf(sys, pid, "cpuset"), "/curlers");
	});

	test("failures before the daemon starts", () => {
		const noDir = h3System();
		write(noDir, "/etc/cgrules.conf", "");
		const [, os1, s1] = startDaemon(noDir, ["-n"]);
		assert.deepEqual(
			[s1, ...take(os1)],
			[1, "", "cgrulesengd: cannot open /etc/cgconfig.d: No such file or directory\n"],
		);

		const noRules = daemonHost("");
		sh(noRules, "rm /etc/cgrules.conf");
		const [, os2, s2] = startDaemon(noRules, ["-n"]);
		assert.deepEqual(
			[s2, ...take(os2)],
			[
				50019,
				"",
				"Error: libcgroup failed to initialize rulescache from /etc/cgrules.conf. Cgroup parsing failed\n",
			],
		);

		const noConf = daemonHost("");
		sh(noConf, "rm /etc/cgconfig.conf");
		const [, os3, s3] = startDaemon(noConf, ["-n"]);
		assert.deepEqual(
			[s3, ...take(os3)],
			[
				50016,
				"Error: failed to open file /etc/cgconfig.conf\n",
				"Error: Failed to initialize template rules from /etc/cgconfig.conf.Invalid error code\n",
			],
		);
	});

	test("a log file is appended to; one that cannot be opened falls back to stdout", () => {
		const sys = daemonHost("bob cpu b/\n");
		write(sys, "/var.log", "old\n");
		const [d, os] = startDaemon(sys, ["-n", "-f", "/var.log", "-v"]);
		d.flog(4, "a warning\n");
		d.flog(6, "not at -v\n");
		assert.equal(sh(sys, "cat /var.log").stdout, "old\na warning\n");
		assert.deepEqual(take(os), ["", ""]);
		const [d2, os2] = startDaemon(sys, ["-n", "-f", "/nodir/log", "-v"]);
		d2.flog(4, "here\n");
		assert.deepEqual(take(os2), [
			"here\n",
			"Failed to open log file /nodir/log, error: No such file or directory. Continuing anyway.\n",
		]);
	});

	test("syslog: the default destination, LOG_MAKEPRI(facility, level), closed at the end", () => {
		const sys = daemonHost("bob cpu b/\n");
		const syslog: string[] = [];
		const [d, os] = startDaemon(sys, ["-n", "-v"], syslog);
		assert.equal(d.terminate(), 0);
		assert.deepEqual(syslog, ["openlog CGRE 3 24", "closelog"]);
		assert.deepEqual(take(os), ["", ""]);
		const syslog2: string[] = [];
		const [d2] = startDaemon(sys, ["-n", "-vv", "-s1", "-f", "-"], syslog2);
		d2.terminate();
		assert.deepEqual(syslog2.slice(0, 2), [
			"openlog CGRE 3 136",
			`<142>Proceeding with PID ${d2.lc.os.getpid()}\n`,
		]);
		assert.equal(
			syslog2.at(-2),
			`<142>Stopped CGroup Rules Engine Daemon at ${ctimeUtc(daemonEnv(sys).time())}\n`,
		);
	});

	test("-Q: nothing is logged but libcgroup's continuation lines", () => {
		const sys = daemonHost("bob cpu b/\n");
		const [d, os] = startDaemon(sys, ["-n", "-f", "-", "-Q"]);
		assert.deepEqual(take(os), ["", ""]);
		d.lc.cont("a continuation\n");
		d.lc.err("an error\n");
		assert.deepEqual(take(os), ["a continuation\n", ""]);
	});
});

describe("events", () => {
	function running(rules: string, args = ["-n", "-f", "-", "-vv"]) {
		const sys = daemonHost(rules);
		const [d, os] = startDaemon(sys, args);
		take(os);
		return { sys, d, os };
	}

	test("a failed change other than ECGOTHER is logged as FAILED with its code", () => {
		const { sys, d, os } = running("alice cpu nowhere/\n", ["-n", "-f", "-", "-v"]);
		const pid = spawn(sys, 1025, 1000);
		assert.equal(d.handleEvent(exec(pid)), 50002);
		const name = "/usr/bin/curl";
		assert.deepEqual(take(os), [
			`Warning: cannot write tid ${pid} to ${R}/cpu//nowhere/tasks:No such file or directory\n` +
				"Warning: cgroup_attach_task_pid failed: 50002\n" +
				"Warning: failed to apply the rule. Error was: 50002\n" +
				`Cgroup change for PID: ${pid}, UID: 1025, GID: 1000, PROCNAME: ${name} FAILED! (Error Code: 50002)\n`,
			"",
		]);
	});

	test("uid and gid events: the new id from the event decides and is logged", () => {
		const { sys, d, os } = running("alice cpu a/\n@users cpu u/\n");
		sh(sys, `mkdir ${R}/cpu/a ${R}/cpu/u`);
		const pid = spawn(sys, 0, 0);
		const name = "/usr/bin/curl";
		assert.equal(
			d.handleEvent({ ...base, what: "uid", pid, tgid: pid, ruid: 1025, euid: 1025 }),
			0,
		);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/a");
		assert.equal(
			d.handleEvent({ ...base, what: "gid", pid, tgid: pid, rgid: 1001, egid: 1001 }),
			0,
		);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/u");
		assert.deepEqual(take(os), [
			`Cgroup change for PID: ${pid}, UID: 1025, GID: 0, PROCNAME: ${name} OK\n` +
				`Cgroup change for PID: ${pid}, UID: 0, GID: 1001, PROCNAME: ${name} OK\n`,
			"",
		]);
	});

	test("debug lines of the events", () => {
		const { sys, d, os } = running("bob cpu b/\n", ["-n", "-f", "-", "-vvv"]);
		const pid = spawn(sys, 0, 0);
		d.handleEvent({ ...base, what: "uid", pid, tgid: pid, ruid: 5, euid: 6 });
		d.handleEvent({ ...base, what: "gid", pid, tgid: pid, rgid: 7, egid: 8 });
		d.handleEvent(exec(pid));
		d.handleEvent({ ...base, what: "sid", pid, tgid: pid });
		const lines = take(os)[0]
			.split("\n")
			.filter((l) => l.includes("Event"));
		assert.deepEqual(lines, [
			`UID Event: PID = ${pid}, tGID = ${pid}, rUID = 5, eUID = 6`,
			`GID Event: PID = ${pid}, tGID = ${pid}, rGID = 7, eGID = 8`,
			`EXEC Event: PID = ${pid}, tGID = ${pid}`,
		]);
	});

	test("a process gone before it is looked at is no error", () => {
		const { d, os } = running("* cpu b/\n");
		assert.equal(d.handleEvent(exec(99999)), 0);
		assert.deepEqual(take(os), ["", ""]);
	});

	test("a child forked before its parent's move finished is moved too; one forked after is left", () => {
		const { sys, d, os } = running("alice cpu a/\n");
		sh(sys, `mkdir ${R}/cpu/a`);
		const parent = spawn(sys, 1025, 1000);
		const child = spawn(sys, 1025, 1000);
		const before = BigInt(sys.kernel.clock.now());
		sys.kernel.clock.advance(1000);
		assert.equal(d.handleEvent(exec(parent)), 0);
		assert.equal(d.parentInfo.length, 1);
		sh(sys, `echo ${child} > ${R}/cpu/tasks`);
		take(os);
		// The fork event carries the time of the fork, before the parent was moved.
		assert.equal(
			d.handleEvent({
				...base,
				timestampNs: before,
				what: "fork",
				parentPid: parent,
				parentTgid: parent,
				childPid: child,
				childTgid: child,
			}),
			0,
		);
		assert.equal(cgroupOf(sys, child, "cpu"), "/a");
		// Moves at or before a fork's time are forgotten when that fork is seen.
		sys.kernel.clock.advance(1000);
		sh(sys, `echo ${child} > ${R}/cpu/tasks`);
		const after = BigInt(sys.kernel.clock.now());
		assert.equal(
			d.handleEvent({
				...base,
				timestampNs: after,
				what: "fork",
				parentPid: parent,
				parentTgid: parent,
				childPid: child,
				childTgid: child,
			}),
			0,
		);
		assert.equal(d.parentInfo.length, 0);
		assert.equal(cgroupOf(sys, child, "cpu"), "/");
	});

	test("a datagram of the proc connector", () => {
		const { sys, d } = running("alice cpu a/\n");
		sh(sys, `mkdir ${R}/cpu/a`);
		const pid = spawn(sys, 1025, 1000);
		const b = new Uint8Array(16 + 20 + 40);
		const v = new DataView(b.buffer);
		v.setUint32(0, b.length, true);
		v.setUint16(4, 3, true); // NLMSG_DONE
		v.setUint32(16, 1, true); // CN_IDX_PROC
		v.setUint32(20, 1, true); // CN_VAL_PROC
		v.setUint16(32, 40, true);
		v.setUint32(36, 2, true); // PROC_EVENT_EXEC
		v.setInt32(52, pid, true);
		v.setInt32(56, pid, true);
		assert.equal(d.handleDatagram(b), 0);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/a");
	});
});

describe("the sticky registrations", () => {
	test("a registered process is left alone, its children too with UNCHANGE_CHILDREN, until it exits or cancels", () => {
		const sys = daemonHost("alice cpu a/\n");
		sh(sys, `mkdir ${R}/cpu/a`);
		const [d, os] = startDaemon(sys, ["-n", "-f", "-", "-vvv"]);
		const pid = spawn(sys, 1025, 1000);
		const child = spawn(sys, 1025, 1000);
		take(os);
		assert.equal(d.handleUnixClient(pid, 1), "SUCCESS_STORE_PID\0");
		assert.equal(d.handleUnixClient(pid, 1), "SUCCESS_STORE_PID\0");
		assert.deepEqual(d.unchanged, [{ pid, flags: 1 }]);
		assert.deepEqual(take(os), [`Store the unchanged process (PID: ${pid}, FLAGS: 1)\n`, ""]);
		assert.equal(d.handleEvent(exec(pid)), 0);
		assert.equal(cgroupOf(sys, pid, "cpu"), "/");
		take(os);
		d.handleEvent({
			...base,
			what: "fork",
			parentPid: pid,
			parentTgid: pid,
			childPid: child,
			childTgid: child,
		});
		assert.deepEqual(d.unchanged, [
			{ pid, flags: 1 },
			{ pid: child, flags: 1 },
		]);
		d.handleEvent({
			...base,
			what: "exit",
			pid,
			tgid: pid,
			exitCode: 0,
			exitSignal: 17,
			parentPid: 1,
			parentTgid: 1,
		});
		assert.equal(d.handleUnixClient(child, 2), "SUCCESS_STORE_PID\0");
		assert.deepEqual(d.unchanged, []);
		assert.deepEqual(take(os), [
			`Store the unchanged process (PID: ${child}, FLAGS: 1)\n` +
				`Remove the unchanged process (PID: ${pid})\n` +
				`Remove the unchanged process (PID: ${child})\n`,
			"",
		]);
		d.handleEvent(exec(pid));
		assert.equal(cgroupOf(sys, pid, "cpu"), "/a");
	});

	test("without UNCHANGE_CHILDREN the children are not registered; a missing process is refused", () => {
		const sys = daemonHost("alice cpu a/\n");
		const [d, os] = startDaemon(sys, ["-n", "-f", "-", "-v"]);
		const pid = spawn(sys, 1025, 1000);
		assert.equal(d.handleUnixClient(pid, 0), "SUCCESS_STORE_PID\0");
		d.handleEvent({
			...base,
			what: "fork",
			parentPid: pid,
			parentTgid: pid,
			childPid: 77,
			childTgid: 77,
		});
		assert.deepEqual(d.unchanged, [{ pid, flags: 0 }]);
		take(os);
		assert.equal(d.handleUnixClient(99999, 1), null);
		assert.deepEqual(take(os), ["Warning: there is no such process (PID: 99999)\n", ""]);
	});
});

describe("signals", () => {
	test("SIGUSR2 reloads the rules and prints them; SIGUSR1 the templates; SIGTERM stops", () => {
		const sys = daemonHost("bob cpu b/\n");
		const [d, os] = startDaemon(sys, ["-n", "-f", "-", "-vv"]);
		take(os);
		write(sys, "/etc/cgrules.conf", "alice memory m/ ignore\n");
		d.reload();
		assert.deepEqual(take(os), [
			"Reloading rules configuration\n" +
				"Warning: Failed to open directory /etc/cgrules.d: No such file or directory\n" +
				"Rule: alice\n  UID: 1025\n  GID: N/A\n  DEST: m/\n  CONTROLLERS:\n    memory\n  OPTIONS:\n    IS_IGNORE: True\n\n\n",
			"",
		]);
		d.reloadTemplates();
		assert.deepEqual(take(os), ["Reloading templates configuration.\n", ""]);
		assert.equal(d.terminate(), 0);
		assert.deepEqual(take(os), [
			`Stopped CGroup Rules Engine Daemon at ${ctimeUtc(daemonEnv(sys).time())}\n`,
			"",
		]);
	});

	test("a reload of a broken rules file keeps the daemon, with what was parsed", () => {
		const sys = daemonHost("bob cpu b/\n");
		const [d, os] = startDaemon(sys, ["-n", "-f", "-", "-v"]);
		take(os);
		write(sys, "/etc/cgrules.conf", "alice cpu a/\nbroken\n");
		d.reload();
		assert.deepEqual(take(os), [
			"Error: failed to parse configuration file on line 2\n" +
				"Warning: error parsing configuration file '/etc/cgrules.conf': 50019\n",
			"",
		]);
	});
});

describe("the loop's messages", () => {
	test("texts and levels", () => {
		const sys = daemonHost("");
		const [d, os] = startDaemon(sys, ["-n", "-f", "-", "-vvv", "-u", "alice"]);
		take(os);
		assert.equal(d.logSendingListen(), 1);
		d.logMessageSent();
		d.logSocketOwner();
		d.logSetupError("unix-bind", "Address already in use");
		d.logBufferFull();
		d.logAcceptError("Bad file descriptor");
		d.logReadPidError("Success");
		d.logReadFlagsError("Success");
		d.logWriteReplyError("Broken pipe");
		assert.deepEqual(take(os), [
			"Sending proc connector: PROC_CN_MCAST_LISTEN...\n" +
				"Sending netlink message len=40, cn_msg len=20\n" +
				"Message sent\n" +
				"Socket /var/run/cgred.socket owner successfully set to 1025:-1\n" +
				"Error binding UNIX socket /var/run/cgred.socket: Address already in use\n" +
				"ERROR: NETLINK BUFFER FULL, MESSAGE DROPPED!\n" +
				"Warning: 'accept' command error: Bad file descriptor\n" +
				"Warning: 'read' command error: Success\n" +
				"Warning: error reading daemon socket: Success\n" +
				"Warning: cannot write to daemon socket: Broken pipe\n",
			"",
		]);
	});

	test("ctime", () => {
		assert.equal(ctimeUtc(0), "Thu Jan  1 00:00:00 1970\n");
		assert.equal(ctimeUtc(1700000000), "Tue Nov 14 22:13:20 2023\n");
	});
});
