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
