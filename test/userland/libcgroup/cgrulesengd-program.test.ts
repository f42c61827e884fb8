/**
 * cgrulesengd as a program of the emulated host, driven by the emulated
 * kernel's process events (NETLINK_CONNECTOR): the issue's transcript. A
 * user's curl is classified into a v1 cpuset without CPUs, which fails
 * with libcgroup 3.1.0's warnings (3.1.0 logs ECGOTHER failures as
 * warnings and no "FAILED!" line: see daemon.test.ts), and is classified
 * once the cpuset has CPUs and memory nodes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newSystem, runProgram } from "../../support/userland.ts";

const SCRIPT = `
mkdir -p /etc/cgconfig.d /var/run; touch /etc/cgconfig.conf
echo 'hetemluser:x:1025:1000::/home/hetemluser:/bin/sh' >> /etc/passwd
echo 'users:x:1000:' >> /etc/group
cp /usr/bin/sleep /usr/bin/curl
mkdir -p /sys/fs/cgroup/cpuset/hetemluser/sandbag
echo 'hetemluser:curl cpuset hetemluser/sandbag/' > /etc/cgrules.conf
/usr/sbin/cgrulesengd -n -v -f - > /tmp/log &
d=$!
sleep 1
ls -l /var/run/cgred.socket | cut -c1-10
setpriv --reuid=1025 --regid=1000 --clear-groups /usr/bin/curl 2 & c=$!
sleep 1
echo "first: $(grep cpuset /proc/$c/cgroup)"
for f in cpus mems; do
	cat /sys/fs/cgroup/cpuset/cpuset.$f > /sys/fs/cgroup/cpuset/hetemluser/cpuset.$f
	cat /sys/fs/cgroup/cpuset/cpuset.$f > /sys/fs/cgroup/cpuset/hetemluser/sandbag/cpuset.$f
done
setpriv --reuid=1025 --regid=1000 --clear-groups /usr/bin/curl 2 & c2=$!
sleep 1
echo "second: $(grep cpuset /proc/$c2/cgroup)"
kill $d
echo "pids $c $c2"
cat /tmp/log
`;

describe("cgrulesengd on the emulated host", () => {
	it("moves a user's process as cgrules.conf says, and logs the failure into an empty cpuset", () => {
		const r = runProgram(newSystem(), ["/bin/sh", "-c", SCRIPT]);
		assert.equal(r.stderr, "");
		const lines = r.stdout.split("\n");
		assert.equal(lines[0], "srw-rw----");
		assert.equal(lines[1], "first: 3:cpuset:/");
		assert.equal(lines[2], "second: 3:cpuset:/hetemluser/sandbag");
		const m = /^pids (\d+) (\d+)$/.exec(lines[3] ?? "");
		assert.ok(m, r.stdout);
		const log = lines.slice(4).join("\n");
		assert.match(
			log,
			new RegExp(
				`^Warning: cannot write tid ${m[1]} to /sys/fs/cgroup/cpuset//hetemluser/sandbag/tasks:No space left on device\nWarning: cgroup_attach_task_pid failed: 50016\nWarning: failed to apply the rule. Error was: 50016\n`,
			),
		);
		// -v: warnings, not the INFO lines (no OK lines), and nothing about the second curl.
		assert.doesNotMatch(log, /OK|FAILED/);
		assert.doesNotMatch(log, new RegExp(`tid ${m[2]} `));
	});
});

const SIGNALS = `
mkdir -p /etc/cgconfig.d /var/run; touch /etc/cgconfig.conf
cp /usr/bin/sleep /usr/bin/curl
mkdir /sys/fs/cgroup/cpu/a /sys/fs/cgroup/cpu/b
echo '*:/usr/bin/curl cpu a/' > /etc/cgrules.conf
/usr/sbin/cgrulesengd -n -vvv -f /tmp/log & d=$!
sleep 1
/usr/bin/curl 9 & c=$!
sleep 1
echo "first: $(grep :cpu: /proc/$c/cgroup)"
echo '*:/usr/bin/curl cpu b/' > /etc/cgrules.conf
kill -USR2 $d
sleep 1
/usr/bin/curl 9 & c2=$!
sleep 1
echo "second: $(grep :cpu: /proc/$c2/cgroup)"
kill -USR1 $d
sleep 1
kill -TERM $d; wait $d; echo "status $?"
kill $c $c2
grep -E 'Reloading|Stopped|curl' /tmp/log
`;

describe("cgrulesengd's signals on the emulated host", () => {
	it("reloads the rules on SIGUSR2, the templates on SIGUSR1, and stops on SIGTERM with its last line", () => {
		const r = runProgram(newSystem(), ["/bin/sh", "-c", SIGNALS]);
		const lines = r.stdout.split("\n");
		assert.equal(lines[0], "first: 1:cpu:/a");
		assert.equal(lines[1], "second: 1:cpu:/b");
		assert.equal(lines[2], "status 0");
		// -vvv: the rules table at start and after the reload, the OK lines of the two curls.
		assert.deepEqual(
			lines.slice(3).map((l) => l.replace(/\d+/g, "N")),
			[
				"Rule: *:/usr/bin/curl",
				"Cgroup change for PID: N, UID: N, GID: N, PROCNAME: /usr/bin/curl OK",
				"Reloading rules configuration",
				"Reloading cached rules from /etc/cgrules.conf.",
				"Rule: *:/usr/bin/curl",
				"Cgroup change for PID: N, UID: N, GID: N, PROCNAME: /usr/bin/curl OK",
				"Reloading templates configuration.",
				"Stopped CGroup Rules Engine Daemon at Thu Jan  N N:N:N N",
				"",
			],
			r.stdout,
		);
	});
});
