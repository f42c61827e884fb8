/**
 * The kernel's cgroup2 core selftests (tools/testing/selftests/cgroup/
 * test_core.c, 6.12 and 6.18) that cannot be recorded on the reference
 * host, whose unified hierarchy has no controller below the test prefix and
 * is mounted without nsdelegate: here on a v2-booted host (cgroup2 at
 * /sys/fs/cgroup with nsdelegate, the root enabling what systemd enables).
 * Each test performs the selftest's steps, through `cgkit sh` where a shell
 * can, and asserts what the selftest asserts, with the errno the kernel
 * returns where the selftest only checks that a step fails. Steps a shell
 * cannot take (a descriptor shared with a clone(CLONE_FILES) child, a
 * process's threads) go through the emulated kernel's calls.
 *
 * The selftests that need no controller are conformance scenarios recorded
 * on the real kernel: test/conformance/selftests/ and test/conformance/cgroup2/.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { O_RDWR } from "../../src/fs/constants.ts";
import {
	CLONE_FILES,
	CLONE_NEWCGROUP,
	CLONE_SIGHAND,
	CLONE_THREAD,
	CLONE_VM,
} from "../../src/kernel/fork.ts";
import type { Task } from "../../src/kernel/task.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { errnoOf } from "../support/host.ts";
import { newSystem, runProgram } from "../support/userland.ts";

const CG = "/sys/fs/cgroup";

/** `w VALUE FILE`: write with /bin/echo and print "ok" or the errno text, as the conformance scenarios do. */
const W = `w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> \${e##*: }"; fi; }`;

function v2(): UserSystem {
	return newSystem({ layout: "v2" });
}

/** Run a script in /sys/fs/cgroup with `w` defined; nothing may go to stderr. */
function sh(sys: UserSystem, script: string): string {
	const r = runProgram(sys, ["/bin/sh", "-c", `cd ${CG}\n${W}\n${script}`]);
	assert.equal(r.stderr, "", `stderr of:\n${script}`);
	assert.equal(r.status, 0);
	return r.stdout;
}

/** Lines of `text` as an array, without the final empty one. */
function lines(text: string): string[] {
	return text.split("\n").filter((l, i, a) => l !== "" || i < a.length - 1);
}

/** The 0:: line of a task's /proc/<pid>/task/<tid>/cgroup. */
function dflLine(sys: UserSystem, leader: Task, t: Task): string {
	const text = sys.vfs.readFile(sys.kernel.init, `/proc/${leader.pid}/task/${t.pid}/cgroup`);
	return text.split("\n").find((l) => l.startsWith("0::")) ?? "";
}

/** A process (child of init) that the tests drive through kernel calls. */
function process(sys: UserSystem): Task {
	return sys.kernel.fork(sys.kernel.init);
}

function addThread(sys: UserSystem, leader: Task): Task {
	return sys.kernel.fork(leader, { flags: CLONE_VM | CLONE_SIGHAND | CLONE_THREAD });
}

describe("test_core.c on a v2-booted host", () => {
	it("the selftests' precondition: memory and cpu are enabled in the root (main() and the cpu skip check)", () => {
		const sys = v2();
		const out = sh(
			sys,
			'echo "controllers: $(cat cgroup.controllers)"\necho "subtree_control: $(cat cgroup.subtree_control)"',
		);
		const [controllers, subtree] = lines(out).map((l) => l.split(": ")[1]!.split(" "));
		for (const name of ["memory", "cpu"]) {
			assert.ok(controllers!.includes(name), `${name} in cgroup.controllers: ${out}`);
			assert.ok(subtree!.includes(name), `${name} in cgroup.subtree_control: ${out}`);
		}
	});

	it("test_cgcore_internal_process_constraint: a domain cgroup that enables memory for its children takes no process (EBUSY)", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir -p cg_test_parent/cg_test_child
w +memory cg_test_parent/cgroup.subtree_control
w 0 cg_test_parent/cgroup.procs
echo "procs: [$(cat cg_test_parent/cgroup.procs)]"
w 0 cg_test_parent/cg_test_child/cgroup.procs
w -memory cg_test_parent/cgroup.subtree_control
w 0 cg_test_parent/cgroup.procs`,
		);
		assert.deepEqual(lines(out), [
			"+memory > cg_test_parent/cgroup.subtree_control -> ok",
			"0 > cg_test_parent/cgroup.procs -> Device or resource busy",
			"procs: []",
			"0 > cg_test_parent/cg_test_child/cgroup.procs -> ok",
			"-memory > cg_test_parent/cgroup.subtree_control -> ok",
			"0 > cg_test_parent/cgroup.procs -> ok",
		]);
	});

	it("cgroup_migrate_vet_dst(): with only threaded controllers (cpu) enabled and no populated domain child, the cgroup could become a thread root, so it takes a process", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir -p p/c
w +cpu p/cgroup.subtree_control
w 0 p/cgroup.procs
sh -c 'echo $$ > p/c/cgroup.procs; exec sleep 1000' & s=$!
i=0; until [ -n "$(cat p/c/cgroup.procs)" ] || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
w 0 p/cgroup.procs
kill $s; wait $s 2>/dev/null; echo "wait=$?"`,
		);
		assert.deepEqual(lines(out), [
			"+cpu > p/cgroup.subtree_control -> ok",
			"0 > p/cgroup.procs -> ok",
			"0 > p/cgroup.procs -> Device or resource busy",
			"wait=143",
		]);
	});

	it("test_cgcore_top_down_constraint_enable: a child cannot enable memory its parent does not enable (ENOENT)", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir -p cg_test_parent/cg_test_child
echo "child controllers: [$(cat cg_test_parent/cg_test_child/cgroup.controllers)]"
w +memory cg_test_parent/cg_test_child/cgroup.subtree_control
echo "child subtree_control: [$(cat cg_test_parent/cg_test_child/cgroup.subtree_control)]"`,
		);
		assert.deepEqual(lines(out), [
			"child controllers: []",
			"+memory > cg_test_parent/cg_test_child/cgroup.subtree_control -> No such file or directory",
			"child subtree_control: []",
		]);
	});

	it("test_cgcore_top_down_constraint_disable: a parent cannot disable memory a child still enables (EBUSY)", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir -p cg_test_parent/cg_test_child
w +memory cg_test_parent/cgroup.subtree_control
w +memory cg_test_parent/cg_test_child/cgroup.subtree_control
w -memory cg_test_parent/cgroup.subtree_control
echo "parent subtree_control: [$(cat cg_test_parent/cgroup.subtree_control)]"
w -memory cg_test_parent/cg_test_child/cgroup.subtree_control
w -memory cg_test_parent/cgroup.subtree_control
echo "parent subtree_control: [$(cat cg_test_parent/cgroup.subtree_control)]"`,
		);
		assert.deepEqual(lines(out), [
			"+memory > cg_test_parent/cgroup.subtree_control -> ok",
			"+memory > cg_test_parent/cg_test_child/cgroup.subtree_control -> ok",
			"-memory > cg_test_parent/cgroup.subtree_control -> Device or resource busy",
			"parent subtree_control: [memory]",
			"-memory > cg_test_parent/cg_test_child/cgroup.subtree_control -> ok",
			"-memory > cg_test_parent/cgroup.subtree_control -> ok",
			"parent subtree_control: []",
		]);
	});

	it("test_cgcore_no_internal_process_constraint_on_threads: a threaded parent enabling cpu still takes processes", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir -p cg_test_parent/cg_test_child
w threaded cg_test_parent/cgroup.type
w threaded cg_test_parent/cg_test_child/cgroup.type
w +cpu cg_test_parent/cgroup.subtree_control
echo "child controllers: [$(cat cg_test_parent/cg_test_child/cgroup.controllers)]"
w $$ cg_test_parent/cgroup.procs
grep '^0::' /proc/self/cgroup
w $$ cgroup.procs
grep '^0::' /proc/self/cgroup`,
		);
		assert.deepEqual(lines(out), [
			"threaded > cg_test_parent/cgroup.type -> ok",
			"threaded > cg_test_parent/cg_test_child/cgroup.type -> ok",
			"+cpu > cg_test_parent/cgroup.subtree_control -> ok",
			"child controllers: [cpu]",
			`${pidOfShell(out)} > cg_test_parent/cgroup.procs -> ok`,
			"0::/cg_test_parent",
			`${pidOfShell(out)} > cgroup.procs -> ok`,
			"0::/",
		]);
	});

	it("test_cgcore_proc_migration: writing 0 to cgroup.procs moves the writer with all 13 other threads", () => {
		const sys = v2();
		const { vfs, kernel } = sys;
		sh(sys, "mkdir cg_src cg_dst");
		const leader = process(sys);
		vfs.writeFile(kernel.init, `${CG}/cg_src/cgroup.procs`, String(leader.pid));
		const threads = Array.from({ length: 13 }, () => addThread(sys, leader));
		assert.equal(sh(sys, "wc -l < cg_src/cgroup.threads"), "14\n");
		vfs.writeFile(leader, `${CG}/cg_dst/cgroup.procs`, "0");
		assert.equal(
			sh(
				sys,
				'echo "$(wc -l < cg_dst/cgroup.threads) [$(cat cg_dst/cgroup.procs)] $(wc -l < cg_src/cgroup.threads)"',
			),
			`14 [${leader.pid}] 0\n`,
		);
		for (const t of [leader, ...threads]) assert.equal(dflLine(sys, leader, t), "0::/cg_dst");
	});

	it("test_cgcore_thread_migration: a thread moves itself 1000 times between two threaded cgroups; the rest of its process stays", () => {
		const sys = v2();
		const { vfs } = sys;
		const out = sh(
			sys,
			`mkdir -p cg_dom/cg_src cg_dom/cg_dst
w threaded cg_dom/cg_src/cgroup.type
w threaded cg_dom/cg_dst/cgroup.type`,
		);
		assert.equal(
			out,
			"threaded > cg_dom/cg_src/cgroup.type -> ok\nthreaded > cg_dom/cg_dst/cgroup.type -> ok\n",
		);
		const leader = process(sys);
		vfs.writeFile(sys.kernel.init, `${CG}/cg_dom/cg_src/cgroup.procs`, String(leader.pid));
		const thr = addThread(sys, leader);
		const grps = ["cg_dom/cg_src", "cg_dom/cg_dst"];
		for (let i = 0; i < 1000; i++) {
			const g = grps[(i + 1) % 2]!;
			vfs.writeFile(thr, `${CG}/${g}/cgroup.threads`, "0");
			assert.equal(dflLine(sys, leader, thr), `0::/${g}`, `iteration ${i}`);
		}
		assert.equal(dflLine(sys, leader, leader), "0::/cg_dom/cg_src");
		assert.equal(sh(sys, "cat cg_dom/cgroup.procs"), `${leader.pid}\n`);
	});

	it("test_cgcore_lesser_euid_open: a cgroup.procs descriptor opened with euid 65534 is EACCES for a write with euid 0", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir cg_test_a cg_test_b
echo $$ > cg_test_a/cgroup.procs
chown 65534 cg_test_a/cgroup.procs cg_test_b/cgroup.procs
setpriv --euid=65534 sh -p -c '
exec 3>cg_test_b/cgroup.procs && echo "opened with euid $(id -u)"
setpriv --euid=0 sh -p -c "if e=\\$(/bin/echo 0 2>&1 >&3); then echo \\"write with euid \\$(id -u) -> ok\\"; else echo \\"write with euid \\$(id -u) -> \\\${e##*: }\\"; fi"
'
grep '^0::' /proc/self/cgroup`,
		);
		assert.deepEqual(lines(out), [
			"opened with euid 65534",
			"write with euid 0 -> Permission denied",
			"0::/cg_test_a",
		]);
	});

	it("test_cgcore_lesser_ns_open: a descriptor opened in a cgroup namespace rooted at b is ENOENT for a write from a (nsdelegate)", () => {
		const sys = v2();
		const { vfs, kernel } = sys;
		sh(sys, "mkdir cg_test_a cg_test_b\nchown 65534 cg_test_a/cgroup.procs cg_test_b/cgroup.procs");
		const self = process(sys);
		// cg_enter_current(cg_test_b)
		vfs.writeFile(self, `${CG}/cg_test_b/cgroup.procs`, "0");
		// clone(CLONE_NEWCGROUP | CLONE_FILES | CLONE_VM): the child opens into the shared table and exits.
		const child = kernel.fork(self, { flags: CLONE_NEWCGROUP | CLONE_FILES | CLONE_VM });
		const fd = vfs.open(child, `${CG}/cg_test_b/cgroup.procs`, O_RDWR);
		kernel.exit(child, 0);
		kernel.waitReap(self, child.pid);
		// cg_enter_current(cg_test_a), then the write through the child's descriptor.
		vfs.writeFile(self, `${CG}/cg_test_a/cgroup.procs`, "0");
		assert.equal(
			errnoOf(() => vfs.write(self, fd, "0")),
			"ENOENT",
		);
		assert.equal(dflLine(sys, self, self), "0::/cg_test_a");
		// The same write through a descriptor opened in the initial namespace goes through.
		const own = vfs.open(self, `${CG}/cg_test_b/cgroup.procs`, O_RDWR);
		assert.equal(
			errnoOf(() => vfs.write(self, own, "0")),
			"OK",
		);
		assert.equal(dflLine(sys, self, self), "0::/cg_test_b");
	});

	it("nsdelegate from the shell: the namespace is the opener's, not the writer's", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir a b
echo $$ > b/cgroup.procs
exec 4>a/cgroup.procs
unshare -C sh -c '
echo "inside: $(grep "^0::" /proc/self/cgroup)"
if e=$(/bin/echo $$ 2>&1 > a/cgroup.procs); then echo "opened inside -> ok"; else echo "opened inside -> \${e##*: }"; fi
if e=$(/bin/echo $$ 2>&1 >&4); then echo "opened outside -> ok"; else echo "opened outside -> \${e##*: }"; fi
echo "inside: $(grep "^0::" /proc/self/cgroup)"
'
grep '^0::' /proc/self/cgroup`,
		);
		assert.deepEqual(lines(out), [
			"inside: 0::/",
			"opened inside -> No such file or directory",
			"opened outside -> ok",
			"inside: 0::/../a",
			"0::/b",
		]);
	});
});

/** The shell's pid as the `w $$ ...` lines print it. */
function pidOfShell(out: string): string {
	const m = /^(\d+) > cg_test_parent\/cgroup\.procs/m.exec(out);
	return m?.[1] ?? "?";
}

describe("test_pids.c on a v2-booted host", () => {
	it("test_pids_max: with pids.max 2, a process pausing in the cgroup leaves room for no other fork (EAGAIN)", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir pids_test
echo "pids.max: $(cat pids_test/pids.max)"
w 2 pids_test/pids.max
sh -c 'echo $$ > pids_test/cgroup.procs
sleep 1000 & echo $! > /tmp/run_pause
/bin/true; echo "not reached"' 2>&1
echo "status $?: dash exits when it cannot fork; current $(cat pids_test/pids.current)"
# An asynchronous command of a non-interactive shell ignores SIGINT: the selftest's kill(SIGINT) is SIGTERM here.
kill $(cat /tmp/run_pause); sleep 0.1
echo "current $(cat pids_test/pids.current), $(cat pids_test/pids.events)"`,
		);
		assert.equal(
			out,
			[
				"pids.max: max",
				"2 > pids_test/pids.max -> ok",
				"sh: 3: Cannot fork",
				"status 2: dash exits when it cannot fork; current 1",
				"current 0, max 1",
				"",
			].join("\n"),
		);
	});

	it("test_pids_events: a fork refused by the parent's pids.max counts in the parent's pids.events, not the child's", () => {
		const sys = v2();
		const out = sh(
			sys,
			`mkdir pids_parent
w +pids pids_parent/cgroup.subtree_control
mkdir pids_parent/pids_child
w 2 pids_parent/pids.max
echo "child pids.max: $(cat pids_parent/pids_child/pids.max)"
sh -c 'echo $$ > pids_parent/pids_child/cgroup.procs
sleep 1000 & echo $! > /tmp/run_pause
/bin/true' 2>/dev/null || echo "run_success refused"
kill $(cat /tmp/run_pause)
echo "child: $(cat pids_parent/pids_child/pids.events)"
echo "parent: $(cat pids_parent/pids.events)"`,
		);
		assert.equal(
			out,
			[
				"+pids > pids_parent/cgroup.subtree_control -> ok",
				"2 > pids_parent/pids.max -> ok",
				"child pids.max: max",
				"run_success refused",
				"child: max 0",
				"parent: max 1",
				"",
			].join("\n"),
		);
	});
});
