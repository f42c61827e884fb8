/**
 * The optional CgOs capabilities on the emulated host (EmulatedToolCgOs in
 * src/userland/bin/libcgroup-os.ts): mount(2)/umount(2) for the mount
 * section of cgconfig.conf, kill(2), and the cgrulesengd client that
 * cgexec and cgclassify use with the daemon's socket. The cgconfigparser
 * messages and exit statuses are those libcgroup 3.1.0's own build printed
 * for the same files on the real kernel; the daemon side is 3.1.0's
 * cgrulesengd.c: a pid registered with flags 0 keeps its cgroup on exec and
 * id changes, its children do not; with CGROUP_DAEMON_UNCHANGE_CHILDREN
 * each child is registered too when it forks.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AF_UNIX, SOCK_STREAM } from "../../../src/kernel/net/defs.ts";
import { EmulatedCgOs, EmulatedToolCgOs } from "../../../src/userland/bin/libcgroup-os.ts";
import { mountCapability } from "../../../src/userland/lib/libcgroup/config.ts";
import { cgredClientOf } from "../../../src/userland/lib/libcgroup/rules.ts";
import { cgKill, cgKillOf } from "../../../src/userland/lib/libcgroup/rules-scope.ts";
import { Output } from "../../../src/userland/lib/stdio.ts";
import { Sys } from "../../../src/userland/proc/sys.ts";
import type { ProgramContext, Run } from "../../../src/userland/proc/types.ts";
import type { UserSystem } from "../../../src/userland/system.ts";
import { newSystem, runProgram } from "../../support/userland.ts";

const PARSER = "/usr/sbin/cgconfigparser";

function sh(system: UserSystem, script: string) {
	return runProgram(system, ["/bin/sh", "-c", script]);
}

const le32 = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);

/**
 * fake-cgred MODE COUNT: listens on /var/run/cgred.socket, takes COUNT
 * clients, prints "got PID FLAGS" for each and answers as MODE says: "ok"
 * (SUCCESS_STORE_PID and its NUL), "garbage" (18 other bytes), "short"
 * (the text without its NUL), "none" (closes without a reply). The socket
 * file stays when it exits.
 */
function* fakeCgred(ctx: ProgramContext): Run<number> {
	const { sys, argv } = ctx;
	const mode = argv[1] ?? "ok";
	const count = Number(argv[2] ?? "1");
	const path = "/var/run/cgred.socket";
	const un = sys.socket(AF_UNIX, SOCK_STREAM, 0);
	sys.bind(un, { family: AF_UNIX, path, len: 2 + path.length });
	sys.listen(un, 1);
	const out = new Output(sys, 1);
	for (let n = 0; n < count; n++) {
		const fd = (yield* sys.accept(un)).fd;
		const pid = yield* sys.read(fd, 4);
		const flags = yield* sys.read(fd, 4);
		yield* out.put(`got ${le32(pid)} ${le32(flags)}\n`);
		yield* out.flush();
		if (mode === "ok") yield* sys.write(fd, "SUCCESS_STORE_PID\0");
		else if (mode === "garbage") yield* sys.write(fd, "FAILURE_STORE_PID\0");
		else if (mode === "short") yield* sys.write(fd, "SUCCESS_STORE_PID");
		sys.vfs.close(sys.task, fd);
	}
	return 0;
}

/** cg-kill PID SIGNAL: kill(2) through an EmulatedToolCgOs; prints "ok" or the error's errno name and text. */
function* cgKillProgram(ctx: ProgramContext): Run<number> {
	const os = new EmulatedToolCgOs(ctx.sys, ctx.envp);
	const e = cgKill(os, Number(ctx.argv[1]), Number(ctx.argv[2]));
	const out = new Output(ctx.sys, 1);
	yield* out.put(e === null ? "ok\n" : `${e.code} ${e.strerror}\n`);
	yield* out.flush();
	return e === null ? 0 : 1;
}

function system(): UserSystem {
	return newSystem({
		programs: [
			{ name: "fake-cgred", dir: "/usr/bin", main: fakeCgred },
			{ name: "cg-kill", dir: "/usr/bin", main: cgKillProgram },
		],
	});
}

/** An EmulatedToolCgOs of a new child of init. */
function toolOs(s: UserSystem): EmulatedToolCgOs {
	return new EmulatedToolCgOs(new Sys(s, s.kernel.fork(s.kernel.init)), []);
}

describe("the capabilities a tool's CgOs has", () => {
	it("the tools' CgOs can mount, kill and register; the plain EmulatedCgOs cannot", () => {
		const s = system();
		const os = toolOs(s);
		assert.equal(mountCapability(os), os);
		assert.equal(cgKillOf(os), os);
		assert.equal(cgredClientOf(os), os);
		const plain = new EmulatedCgOs(new Sys(s, s.kernel.fork(s.kernel.init)), []);
		assert.equal(mountCapability(plain), null);
		assert.equal(cgKillOf(plain), null);
		assert.equal(cgredClientOf(plain), null);
	});

	it("registerUnchanged only records and answers 0 (the wrapper talks to the daemon)", () => {
		const os = toolOs(system());
		assert.equal(os.registerUnchanged(42, 1), 0);
		assert.equal(os.registerUnchanged(43, 2), 0);
		assert.deepEqual(os.registrations, [
			{ pid: 42, flags: 1 },
			{ pid: 43, flags: 2 },
		]);
	});
});

describe("kill(2) through the CgOs", () => {
	it("kills a process; ESRCH for no process, EPERM for another user's", () => {
		const r = sh(
			system(),
			`sleep 100 & p=$!
			cg-kill 99999 15; echo "status $?"
			setpriv --reuid=1025 --regid=1000 --clear-groups cg-kill $p 9; echo "status $?"
			cg-kill $p 15; echo "status $?"
			wait $p; echo "sleep $?"`,
		);
		assert.equal(r.stderr, "");
		assert.equal(
			r.stdout,
			"ESRCH No such process\nstatus 1\nEPERM Operation not permitted\nstatus 1\nok\nstatus 0\nsleep 143\n",
		);
	});
});

describe("mount(2) and umount(2): the mount section of cgconfig.conf", () => {
	const CONFS = `mkdir -p /etc/cgconfig.d; touch /etc/cgconfig.conf /tmp/f
printf 'mount {\\n\\t"name=h7" = /tmp/cs/h;\\n}\\n' > /tmp/named.conf
printf 'mount {\\n\\tcpuset = /tmp/cs2;\\n}\\n' > /tmp/cpuset.conf
printf 'mount {\\n\\t"name=h7a" = /tmp/a;\\n\\t"name=h7b" = /tmp/f;\\n}\\n' > /tmp/two.conf
printf 'mount {\\n\\t"name=cgkit-h7ref-2043622469" = /tmp/long;\\n}\\n' > /tmp/long.conf
`;

	it("a named hierarchy is mounted, its directories made; again is EBUSY", () => {
		const s = system();
		const r = sh(
			s,
			`${CONFS}
			${PARSER} -l /tmp/named.conf; echo "status $?"
			grep ' /tmp/' /proc/mounts
			${PARSER} -l /tmp/named.conf; echo "status $?"
			grep -c ' /tmp/cs/h ' /proc/mounts`,
		);
		assert.equal(
			r.stdout,
			"status 0\ncgroup /tmp/cs/h cgroup rw,relatime,name=h7 0 0\n" +
				"Error: cannot mount name=h7,none to /tmp/cs/h: Device or resource busy\nstatus 101\n1\n",
		);
		assert.equal(r.stderr, `${PARSER}; error loading /tmp/named.conf: Cgroup mounting failed\n`);
	});

	it("a bound controller gets one more mount point", () => {
		const s = system();
		const r = sh(
			s,
			`${CONFS}
			${PARSER} -l /tmp/cpuset.conf; echo "status $?"
			grep ' /tmp/' /proc/mounts
			mkdir /tmp/cs2/x; ls -d /sys/fs/cgroup/cpuset/x`,
		);
		assert.equal(
			r.stdout,
			"status 0\ncgroup /tmp/cs2 cgroup rw,relatime,cpuset 0 0\n/sys/fs/cgroup/cpuset/x\n",
		);
		assert.equal(r.stderr, "");
	});

	it("a failure unmounts and removes what the section mounted before it", () => {
		const s = system();
		const r = sh(
			s,
			`${CONFS}
			${PARSER} -l /tmp/two.conf; echo "status $?"
			grep -c ' /tmp/' /proc/mounts; ls -d /tmp/a`,
		);
		assert.equal(
			r.stdout,
			"Error: /tmp/f already exists but it is not a directory\nstatus 96\n0\n",
		);
		assert.equal(
			r.stderr,
			`${PARSER}; error loading /tmp/two.conf: Not a directory\nls: cannot access '/tmp/a': No such file or directory\n`,
		);
	});

	it("a name that fills the C table entry runs into the path: mount(2) of an empty target", () => {
		const s = system();
		const r = sh(
			s,
			`${CONFS}
			${PARSER} -l /tmp/long.conf; echo "status $?"
			grep -c ' /tmp/' /proc/mounts; ls -d /tmp/long`,
		);
		assert.equal(
			r.stdout,
			"Error: cannot mount name=cgkit-h7ref-2043622469,none to : No such file or directory\nstatus 101\n0\n/tmp/long\n",
		);
		assert.equal(r.stderr, `${PARSER}; error loading /tmp/long.conf: Cgroup mounting failed\n`);
	});
});

/** Rules that send `job` (a copy of sh) and `worker` (a copy of sleep) to cpu:/ruled, and a daemon at -vvv. */
const DAEMON = `mkdir -p /etc/cgconfig.d /var/run; touch /etc/cgconfig.conf
cp /bin/sh /usr/bin/job
cp /usr/bin/sleep /usr/bin/worker
mkdir /sys/fs/cgroup/cpu/chosen /sys/fs/cgroup/cpu/ruled
printf 'root:job cpu ruled/\\nroot:worker cpu ruled/\\n' > /etc/cgrules.conf
/usr/sbin/cgrulesengd -n -vvv -f /tmp/log &
d=$!
sleep 1
`;

/** What a job prints: its pid and cpu cgroup, and its worker child's. */
const JOB = `'worker 3 & w=$!; sleep 1; echo "job $$ $(grep :cpu: /proc/$$/cgroup) worker $w $(grep :cpu: /proc/$w/cgroup)"'`;

describe("cgexec and cgclassify with cgrulesengd running", () => {
	it("without cgexec the daemon moves a job and its worker as the rules say", () => {
		const r = sh(system(), `${DAEMON}/usr/bin/job -c ${JOB}; kill $d`);
		assert.equal(r.stderr, "");
		assert.match(r.stdout, /^job \d+ 1:cpu:\/ruled worker \d+ 1:cpu:\/ruled\n$/);
	});

	it("cgexec registers itself with flags 0: the command keeps its cgroup on exec, its children do not", () => {
		const r = sh(
			system(),
			`${DAEMON}cgexec -g cpu:/chosen /usr/bin/job -c ${JOB}; echo "status $?"; kill $d; cat /tmp/log`,
		);
		assert.equal(r.stderr, "");
		const m = /^job (\d+) 1:cpu:\/chosen worker (\d+) 1:cpu:\/ruled\nstatus 0\n/.exec(r.stdout);
		assert.ok(m, r.stdout);
		const log = r.stdout.slice(m[0].length);
		assert.ok(log.includes(`Store the unchanged process (PID: ${m[1]}, FLAGS: 0)\n`), log);
		// Stored before the exec event of the command, which is then ignored.
		const stored = log.indexOf(`Store the unchanged process (PID: ${m[1]}`);
		const exec = log.lastIndexOf(`EXEC Event: PID = ${m[1]}, `);
		assert.ok(stored >= 0 && stored < exec, log);
		assert.ok(!log.includes(`Will move pid ${m[1]} `), log);
		assert.ok(log.includes(`Will move pid ${m[2]} to cgroup 'ruled/'`), log);
		assert.ok(!log.includes(`Store the unchanged process (PID: ${m[2]},`), log);
	});

	it("cgexec --sticky: the children are registered as they fork and keep their cgroup too", () => {
		const r = sh(
			system(),
			`${DAEMON}cgexec --sticky -g cpu:/chosen /usr/bin/job -c ${JOB}; echo "status $?"; kill $d; cat /tmp/log`,
		);
		assert.equal(r.stderr, "");
		const m = /^job (\d+) 1:cpu:\/chosen worker (\d+) 1:cpu:\/chosen\nstatus 0\n/.exec(r.stdout);
		assert.ok(m, r.stdout);
		const log = r.stdout.slice(m[0].length);
		assert.ok(log.includes(`Store the unchanged process (PID: ${m[1]}, FLAGS: 1)\n`), log);
		assert.ok(log.includes(`Store the unchanged process (PID: ${m[2]}, FLAGS: 1)\n`), log);
		assert.ok(!log.includes("Will move pid"), log);
		assert.ok(log.includes(`Remove the unchanged process (PID: ${m[1]})\n`), "removed at exit");
	});

	it("cgclassify --sticky registers a pid with its children, --cancel-sticky removes it", () => {
		const r = sh(
			system(),
			`${DAEMON}/bin/sh -c 'sleep 2; worker 9 & echo $! > /tmp/w1; sleep 2; worker 9 & echo $! > /tmp/w2; sleep 9' &
			p=$!
			sleep 1
			cgclassify -g cpu:/chosen --sticky $p; echo "sticky $?"
			sleep 2
			cgclassify -g cpu:/chosen --cancel-sticky $p; echo "cancel $?"
			sleep 2
			echo "p $p $(grep :cpu: /proc/$p/cgroup)"
			echo "w1 $(cat /tmp/w1) $(grep :cpu: /proc/$(cat /tmp/w1)/cgroup)"
			echo "w2 $(cat /tmp/w2) $(grep :cpu: /proc/$(cat /tmp/w2)/cgroup)"
			kill $d; cat /tmp/log`,
		);
		assert.equal(r.stderr, "");
		const m =
			/^sticky 0\ncancel 0\np (\d+) 1:cpu:\/chosen\nw1 (\d+) 1:cpu:\/chosen\nw2 (\d+) 1:cpu:\/ruled\n/.exec(
				r.stdout,
			);
		assert.ok(m, r.stdout);
		const log = r.stdout.slice(m[0].length);
		const store = log.indexOf(`Store the unchanged process (PID: ${m[1]}, FLAGS: 1)\n`);
		const child = log.indexOf(`Store the unchanged process (PID: ${m[2]}, FLAGS: 1)\n`);
		const remove = log.indexOf(`Remove the unchanged process (PID: ${m[1]})\n`);
		assert.ok(store >= 0 && store < child && child < remove, log);
		assert.ok(log.includes(`Will move pid ${m[3]} to cgroup 'ruled/'`), log);
	});
});

describe("the registration exchange", () => {
	it("the daemon gets the pid and the flags; its reply makes the outcome", () => {
		const r = sh(
			system(),
			`mkdir -p /var/run
			fake-cgred ok 2 > /tmp/srv & s=$!; sleep 1
			cgexec --sticky -g cpu:/ sh -c 'echo "cmd $$"'; echo "status $?"
			sleep 100 & v=$!
			cgclassify -g cpu:/ --cancel-sticky $v; echo "status $?"
			wait $s; cat /tmp/srv; echo "victim $v"; kill $v`,
		);
		assert.equal(r.stderr, "");
		const m = /^cmd (\d+)\nstatus 0\nstatus 0\ngot (\d+) 1\ngot (\d+) 2\nvictim (\d+)\n$/.exec(
			r.stdout,
		);
		assert.ok(m, r.stdout);
		assert.equal(m[2], m[1], "cgexec registers its own pid, the command's");
		assert.equal(m[3], m[4]);
	});

	for (const mode of ["garbage", "short", "none"]) {
		it(`a ${mode} reply: cgexec fails without exec'ing, cgclassify exits 1 (the move done)`, () => {
			const r = sh(
				system(),
				`mkdir -p /var/run /sys/fs/cgroup/cpu/chosen
				fake-cgred ${mode} 2 > /tmp/srv & s=$!; sleep 1
				cgexec -g cpu:/ echo ran; echo "status $?"
				sleep 100 & v=$!
				cgclassify -g cpu:/chosen --sticky $v; echo "status $?"
				grep :cpu: /proc/$v/cgroup
				wait $s; cat /tmp/srv; kill $v`,
			);
			assert.equal(r.stderr, "registration of process failed\n");
			assert.match(r.stdout, /^status 1\nstatus 1\n1:cpu:\/chosen\ngot \d+ 0\ngot \d+ 1\n$/);
		});
	}

	it("no daemon (no socket, or a socket nobody listens on): as before, exit 0", () => {
		const r = sh(
			system(),
			`mkdir -p /var/run
			cgexec --sticky -g cpu:/ echo ran; echo "status $?"
			sleep 100 & v=$!
			cgclassify -g cpu:/ --sticky $v; echo "status $?"
			fake-cgred ok 1 > /tmp/srv & s=$!; sleep 1
			cgexec -g cpu:/ true; wait $s; ls -l /var/run/cgred.socket | cut -c1
			cgexec --sticky -g cpu:/ echo ran; echo "status $?"
			cgclassify -g cpu:/ --cancel-sticky $v; echo "status $?"
			kill $v`,
		);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, "ran\nstatus 0\nstatus 0\ns\nran\nstatus 0\nstatus 0\n");
	});
});
