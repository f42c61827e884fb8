/**
 * The system programs of the emulated /usr/bin, checked against what GNU
 * coreutils 9.1, procps-ng 4.0.2, util-linux 2.38.1 and stress-ng 0.15.06
 * print on a real host (LC_ALL=C): exact stdout, stderr and exit status,
 * and the state the commands leave behind. Times are the emulated clock's
 * (boot at 2026-01-01 00:00 UTC), directory sizes tmpfs's.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from "../../src/fs/constants.ts";
import type { Task } from "../../src/kernel/task.ts";
import { Sys } from "../../src/userland/proc/sys.ts";
import type { Run } from "../../src/userland/proc/types.ts";
import type { SystemOptions, UserSystem } from "../../src/userland/system.ts";
import {
	newSystem,
	type ProgramRun,
	type ProgramRunOptions,
	runProgram,
} from "../support/userland.ts";

const ENV = ["PATH=/usr/bin:/bin", "HOME=/root", "LC_ALL=C"];

/** An emulated host with a parent process (like a shell) whose children the tests run and reap. */
function host(opts: SystemOptions = {}) {
	const sys = newSystem(opts);
	const shell = sys.kernel.fork(sys.kernel.init);
	const run = (argv: string[], o: ProgramRunOptions = {}): ProgramRun =>
		runProgram(sys, argv, { cwd: "/tmp", parent: shell, ...o });
	return { sys, shell, run };
}

/** Start `argv` in the background (a child of `parent`), stdout and stderr to `out`. */
function spawn(sys: UserSystem, parent: Task, argv: string[], out = "/tmp/.bg-out"): Task {
	const { vfs } = sys;
	const t = sys.kernel.fork(parent);
	for (let fd = 0; fd < 3; fd++) {
		const got = vfs.open(
			t,
			fd === 0 ? "/dev/null" : out,
			fd === 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC,
		);
		if (got !== fd) {
			vfs.dup2(t, got, fd);
			vfs.close(t, got);
		}
	}
	vfs.chdir(t, "/tmp");
	const s = new Sys(sys, t);
	sys.sched.spawn(
		t,
		(function* (): Run<number> {
			return yield* s.execve(argv[0]!, argv, ENV);
		})(),
	);
	return t;
}

function expectRun(r: ProgramRun, status: number, stdout: string, stderr = ""): void {
	assert.deepEqual(
		{ status: r.status, stdout: r.stdout, stderr: r.stderr },
		{ status, stdout, stderr },
	);
}

/** The permission bits of a path, as init sees it. */
function modeOf(sys: UserSystem, path: string): number {
	return sys.vfs.lstat(sys.kernel.init, path).mode & 0o7777;
}

function exists(sys: UserSystem, path: string): boolean {
	try {
		sys.vfs.lstat(sys.kernel.init, path);
		return true;
	} catch {
		return false;
	}
}

const DMESG = "       dmesg(1) may have more information after failed mount system call.\n";
const AS_NOBODY = ["/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"];

describe("ls", () => {
	it("lists names one per line to a file, sorted as bytes, hiding dot files", () => {
		const h = host();
		h.run(["/bin/mkdir", "/tmp/w"]);
		const run = (argv: string[]): ProgramRun => h.run(argv, { cwd: "/tmp/w" });
		run(["/bin/mkdir", "-p", "d/e", "x", "B"]);
		run(["/bin/touch", "a", "b", ".hidden", "d/f"]);
		expectRun(run(["/bin/ls"]), 0, "B\na\nb\nd\nx\n");
		expectRun(run(["/bin/ls", "-a", "d"]), 0, ".\n..\ne\nf\n");
		expectRun(run(["/bin/ls", "-A"]), 0, ".hidden\nB\na\nb\nd\nx\n");
		expectRun(run(["/bin/ls", "-r"]), 0, "x\nd\nb\na\nB\n");
		// -r does not reverse an unsorted listing.
		assert.equal(run(["/bin/ls", "-Ur"]).stdout, run(["/bin/ls", "-U"]).stdout);
		assert.equal(run(["/bin/ls", "-fr"]).stdout, run(["/bin/ls", "-f"]).stdout);
		expectRun(run(["/bin/ls", "-F", "d"]), 0, "e/\nf\n");
		expectRun(run(["/bin/ls", "-p", "d"]), 0, "e/\nf\n");
	});

	it("lists a removed working directory as empty (glibc's readdir takes ENOENT as the end)", () => {
		const { run } = host();
		expectRun(
			run(["/bin/sh", "-c", "mkdir -p /tmp/gone/x; cd /tmp/gone/x; rmdir ../x; ls -a; ls -l"]),
			0,
			"total 0\n",
		);
	});

	it("stats entries while the directory is open: /proc/self/fd shows ls's own descriptor", () => {
		const { run } = host();
		const r = run(["/bin/ls", "-l", "/proc/self/fd"]);
		assert.equal(r.stderr, "");
		assert.equal(r.status, 0);
		assert.match(r.stdout, /^lr-x------ 1 root root 64 Jan {2}1 00:00 3 -> \/proc\/\d+\/fd$/m);
	});

	it("-l: mode, links, owner, group, size, date, symlink targets and total", () => {
		const { run } = host();
		run(["/bin/mkdir", "-p", "d/e", "x"]);
		run(["/bin/touch", "a", "b", "d/f"]);
		run(["/bin/ln", "-s", "a", "la"]);
		run(["/bin/ln", "a", "ha"]);
		expectRun(
			run(["/bin/ls", "-l"]),
			0,
			"total 0\n" +
				"-rw-r--r-- 2 root root  0 Jan  1 00:00 a\n" +
				"-rw-r--r-- 1 root root  0 Jan  1 00:00 b\n" +
				"drwxr-xr-x 3 root root 80 Jan  1 00:00 d\n" +
				"-rw-r--r-- 2 root root  0 Jan  1 00:00 ha\n" +
				"lrwxrwxrwx 1 root root  1 Jan  1 00:00 la -> a\n" +
				"drwxr-xr-x 2 root root 40 Jan  1 00:00 x\n",
		);
		expectRun(
			run(["/bin/ls", "-lF", "d"]),
			0,
			"total 0\ndrwxr-xr-x 2 root root 40 Jan  1 00:00 e/\n-rw-r--r-- 1 root root  0 Jan  1 00:00 f\n",
		);
		expectRun(
			run(["/bin/ls", "-ld", "d", "a", "x"]),
			0,
			"-rw-r--r-- 2 root root  0 Jan  1 00:00 a\n" +
				"drwxr-xr-x 3 root root 80 Jan  1 00:00 d\n" +
				"drwxr-xr-x 2 root root 40 Jan  1 00:00 x\n",
		);
		// Files named on the command line are aligned with the directories named there.
		expectRun(
			run(["/bin/ls", "-l", "la", "d/"]),
			0,
			"lrwxrwxrwx 1 root root  1 Jan  1 00:00 la -> a\n\nd/:\ntotal 0\n" +
				"drwxr-xr-x 2 root root 40 Jan  1 00:00 e\n-rw-r--r-- 1 root root  0 Jan  1 00:00 f\n",
		);
		expectRun(run(["/bin/ls", "-lL", "la"]), 0, "-rw-r--r-- 2 root root 0 Jan  1 00:00 la\n");
		expectRun(run(["/bin/ls", "-F", "la"]), 0, "la@\n");
	});

	it("-l shows device numbers, numeric ids right-aligned, and -n, -g, -o", () => {
		const { run } = host();
		expectRun(
			run(["/bin/ls", "-l", "/dev/null", "/dev/zero"]),
			0,
			"crw-rw-rw- 1 root root 1, 3 Jan  1 00:00 /dev/null\ncrw-rw-rw- 1 root root 1, 5 Jan  1 00:00 /dev/zero\n",
		);
		run(["/bin/touch", "a", "b"]);
		run(["/bin/chown", "1234:5678", "a"]);
		run(["/bin/chown", "nobody:nogroup", "b"]);
		expectRun(
			run(["/bin/ls", "-l", "a", "b"]),
			0,
			"-rw-r--r-- 1   1234    5678 0 Jan  1 00:00 a\n-rw-r--r-- 1 nobody nogroup 0 Jan  1 00:00 b\n",
		);
		expectRun(
			run(["/bin/ls", "-ln", "a", "b"]),
			0,
			"-rw-r--r-- 1  1234  5678 0 Jan  1 00:00 a\n-rw-r--r-- 1 65534 65534 0 Jan  1 00:00 b\n",
		);
		expectRun(run(["/bin/ls", "-g", "b"]), 0, "-rw-r--r-- 1 nogroup 0 Jan  1 00:00 b\n");
		expectRun(run(["/bin/ls", "-o", "b"]), 0, "-rw-r--r-- 1 nobody 0 Jan  1 00:00 b\n");
	});

	it("special mode bits and -h sizes", () => {
		const { sys, run } = host();
		run(["/bin/touch", "s", "t"]);
		run(["/bin/mkdir", "k", "g"]);
		run(["/bin/chmod", "4755", "s"]);
		run(["/bin/chmod", "1777", "k"]);
		run(["/bin/chmod", "2750", "g"]);
		run(["/bin/chmod", "4644", "t"]);
		sys.vfs.writeFile(sys.kernel.init, "/tmp/big", "x".repeat(1536 * 1024));
		expectRun(
			run(["/bin/ls", "-lh"]),
			0,
			"total 1.5M\n" +
				"-rw-r--r-- 1 root root 1.5M Jan  1 00:00 big\n" +
				"drwxr-s--- 2 root root   40 Jan  1 00:00 g\n" +
				"drwxrwxrwt 2 root root   40 Jan  1 00:00 k\n" +
				"-rwsr-xr-x 1 root root    0 Jan  1 00:00 s\n" +
				"-rwSr--r-- 1 root root    0 Jan  1 00:00 t\n",
		);
		expectRun(run(["/bin/ls", "-s", "big", "s"]), 0, "1536 big\n   0 s\n");
	});

	it("several operands: files first, then each directory with its name; -d and -R", () => {
		const { run } = host();
		run(["/bin/mkdir", "-p", "d/e", "e2"]);
		run(["/bin/touch", "d/f", "d/e/g", "f1"]);
		expectRun(run(["/bin/ls", "d", "e2", "f1"]), 0, "f1\n\nd:\ne\nf\n\ne2:\n");
		expectRun(run(["/bin/ls", "-d", "d", "e2", "f1"]), 0, "d\ne2\nf1\n");
		expectRun(run(["/bin/ls", "-R", "d"]), 0, "d:\ne\nf\n\nd/e:\ng\n");
		expectRun(run(["/bin/ls", "-R"]), 0, ".:\nd\ne2\nf1\n\n./d:\ne\nf\n\n./d/e:\ng\n\n./e2:\n");
	});

	it("a symlink to a directory on the command line is followed unless -l, -d or -F", () => {
		const { run } = host();
		run(["/bin/mkdir", "d"]);
		run(["/bin/touch", "d/f"]);
		run(["/bin/ln", "-s", "d", "ld"]);
		expectRun(run(["/bin/ls", "ld"]), 0, "f\n");
		expectRun(run(["/bin/ls", "-l", "ld"]), 0, "lrwxrwxrwx 1 root root 1 Jan  1 00:00 ld -> d\n");
		expectRun(run(["/bin/ls", "-d", "ld"]), 0, "ld\n");
	});

	it("errors: cannot access (status 2), cannot open directory, argv[0] as the name", () => {
		const { run } = host();
		run(["/bin/touch", "a"]);
		expectRun(
			run(["/bin/ls", "nope", "a"]),
			2,
			"a\n",
			"/bin/ls: cannot access 'nope': No such file or directory\n",
		);
		expectRun(
			run(["/usr/bin/ls", "-l", "/nonexist/"]),
			2,
			"",
			"/usr/bin/ls: cannot access '/nonexist/': No such file or directory\n",
		);
		run(["/bin/mkdir", "noperm"]);
		run(["/bin/chmod", "000", "noperm"]);
		expectRun(
			run([...AS_NOBODY, "/bin/ls", "/tmp/noperm", "a"]),
			2,
			"a\n\n",
			"/bin/ls: cannot open directory '/tmp/noperm': Permission denied\n",
		);
		expectRun(
			run(["/bin/ls", "-z"]),
			2,
			"",
			"/bin/ls: invalid option -- 'z'\nTry '/bin/ls --help' for more information.\n",
		);
	});

	it("a failed write to stdout is reported at exit (status 2 for ls)", () => {
		const { sys, shell } = host();
		const t = sys.kernel.fork(shell);
		for (const fd of [0, 1, 2]) {
			const path = fd === 1 ? "/dev/full" : fd === 2 ? "/tmp/err" : "/dev/null";
			const got = sys.vfs.open(t, path, fd === 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC);
			if (got !== fd) {
				sys.vfs.dup2(t, got, fd);
				sys.vfs.close(t, got);
			}
		}
		const s = new Sys(sys, t);
		sys.sched.spawn(
			t,
			(function* (): Run<number> {
				return yield* s.execve("/bin/ls", ["ls", "/"], ENV);
			})(),
		);
		sys.sched.runSync(() => t.exitState !== 0);
		assert.equal(t.exitCode >> 8, 2);
		assert.equal(
			sys.vfs.readFile(sys.kernel.init, "/tmp/err"),
			"ls: write error: No space left on device\n",
		);
	});

	it("quotes names in diagnostics as GNU does", () => {
		const { run } = host();
		const r = run(["/bin/ls", "it's", "a\nb", "x y", "a'b$c", "\x01", "a'\n"]);
		assert.equal(r.status, 2);
		assert.equal(
			r.stderr,
			[
				`/bin/ls: cannot access "it's": No such file or directory`,
				"/bin/ls: cannot access 'a'$'\\n''b': No such file or directory",
				"/bin/ls: cannot access 'x y': No such file or directory",
				"/bin/ls: cannot access 'a'\\''b$c': No such file or directory",
				"/bin/ls: cannot access ''$'\\001': No such file or directory",
				"/bin/ls: cannot access '''a'\\'''$'\\n': No such file or directory",
				"",
			].join("\n"),
		);
	});

	it("-C and -x fill columns from COLUMNS, padding with tabs", () => {
		const { run } = host();
		run(["/bin/mkdir", "c"]);
		run([
			"/bin/touch",
			...["aaaaaaaa", "bbbbbbbb", "cccccccc", ..."defghijklmn"].map((n) => `c/${n}`),
		]);
		const env = [...ENV, "COLUMNS=30"];
		expectRun(
			run(["/bin/ls", "-C", "c"], { env }),
			0,
			"aaaaaaaa  d  g\tj  m\nbbbbbbbb  e  h\tk  n\ncccccccc  f  i\tl\n",
		);
		expectRun(
			run(["/bin/ls", "-x", "c"], { env }),
			0,
			"aaaaaaaa  bbbbbbbb  cccccccc\nd\t  e\t    f\ng\t  h\t    i\nj\t  k\t    l\nm\t  n\n",
		);
	});
});

describe("mkdir", () => {
	it("makes directories, -p parents, -v reports", () => {
		const { sys, run } = host();
		expectRun(run(["/bin/mkdir", "d"]), 0, "");
		assert.equal(modeOf(sys, "/tmp/d"), 0o755);
		expectRun(run(["/bin/mkdir", "-p", "a/b/c"]), 0, "");
		assert.ok(exists(sys, "/tmp/a/b/c"));
		expectRun(
			run(["/bin/mkdir", "-pv", "x/y/z"]),
			0,
			"/bin/mkdir: created directory 'x'\n/bin/mkdir: created directory 'x/y'\n/bin/mkdir: created directory 'x/y/z'\n",
		);
		expectRun(run(["/bin/mkdir", "-v", "q"]), 0, "/bin/mkdir: created directory 'q'\n");
		expectRun(run(["/bin/mkdir", "-p", "d", "d/"]), 0, "");
	});

	it("-m takes octal and symbolic modes (a=rwx based; who-less clauses honour the umask)", () => {
		const { sys, run } = host();
		const cases: [string, number][] = [
			["700", 0o700],
			["u=rwx,g=rx", 0o757],
			["7777", 0o7777],
			["+t", 0o1755],
			["g-w", 0o757],
			["=rwx", 0o755],
			["u+s", 0o4777],
			["o=t", 0o1750],
			["a-x,+t", 0o1644],
			["=", 0],
			["-x", 0o666],
		];
		cases.forEach(([mode, want], i) => {
			expectRun(run(["/bin/mkdir", "-m", mode, `m${i}`]), 0, "");
			assert.equal(modeOf(sys, `/tmp/m${i}`).toString(8), want.toString(8), `mkdir -m ${mode}`);
		});
		run(["/bin/mkdir", "-p", "-m", "700", "p1/p2"]);
		assert.equal(modeOf(sys, "/tmp/p1"), 0o755);
		assert.equal(modeOf(sys, "/tmp/p1/p2"), 0o700);
	});

	it("errors", () => {
		const { run } = host();
		run(["/bin/mkdir", "d"]);
		run(["/bin/touch", "f"]);
		const m = "/bin/mkdir";
		expectRun(run([m]), 1, "", `${m}: missing operand\nTry '${m} --help' for more information.\n`);
		expectRun(run([m, "d"]), 1, "", `${m}: cannot create directory 'd': File exists\n`);
		expectRun(run([m, "f/x"]), 1, "", `${m}: cannot create directory 'f/x': Not a directory\n`);
		expectRun(
			run([m, "a/b"]),
			1,
			"",
			`${m}: cannot create directory 'a/b': No such file or directory\n`,
		);
		expectRun(run([m, "-p", "f"]), 1, "", `${m}: cannot create directory 'f': File exists\n`);
		expectRun(run([m, "-p", "f/x"]), 1, "", `${m}: cannot create directory 'f': Not a directory\n`);
		expectRun(run([m, "-m", "bad", "m3"]), 1, "", `${m}: invalid mode 'bad'\n`);
		expectRun(
			run([m, "-m"]),
			1,
			"",
			`${m}: option requires an argument -- 'm'\nTry '${m} --help' for more information.\n`,
		);
		expectRun(
			run([m, "--bogus"]),
			1,
			"",
			`${m}: unrecognized option '--bogus'\nTry '${m} --help' for more information.\n`,
		);
		expectRun(run([m, ""]), 1, "", `${m}: cannot create directory '': No such file or directory\n`);
	});
});

describe("rmdir", () => {
	it("removes empty directories, -p parents, -v reports", () => {
		const { sys, run } = host();
		run(["/bin/mkdir", "-p", "e1/e2/e3", "v1/v2", "k1/k2", "z1/z2"]);
		run(["/bin/touch", "k1/zz", "z1/zz"]);
		expectRun(run(["/bin/rmdir", "-p", "e1/e2/e3"]), 0, "");
		assert.ok(!exists(sys, "/tmp/e1"));
		expectRun(
			run(["/bin/rmdir", "-pv", "v1/v2"]),
			0,
			"/bin/rmdir: removing directory, 'v1/v2'\n/bin/rmdir: removing directory, 'v1'\n",
		);
		expectRun(
			run(["/bin/rmdir", "-p", "k1/k2"]),
			1,
			"",
			"/bin/rmdir: failed to remove directory 'k1': Directory not empty\n",
		);
		expectRun(run(["/bin/rmdir", "-p", "--ignore-fail-on-non-empty", "z1/z2"]), 0, "");
		assert.ok(exists(sys, "/tmp/z1") && !exists(sys, "/tmp/z1/z2"));
	});

	it("errors", () => {
		const { run } = host();
		run(["/bin/mkdir", "-p", "ne/x"]);
		run(["/bin/touch", "f", "ne/x/f"]);
		const r = "/bin/rmdir";
		expectRun(run([r]), 1, "", `${r}: missing operand\nTry '${r} --help' for more information.\n`);
		expectRun(
			run([r, "nope"]),
			1,
			"",
			`${r}: failed to remove 'nope': No such file or directory\n`,
		);
		expectRun(run([r, "f"]), 1, "", `${r}: failed to remove 'f': Not a directory\n`);
		expectRun(run([r, "ne"]), 1, "", `${r}: failed to remove 'ne': Directory not empty\n`);
		expectRun(
			run([r, "-v", "ne/x/"]),
			1,
			`${r}: removing directory, 'ne/x/'\n`,
			`${r}: failed to remove 'ne/x/': Directory not empty\n`,
		);
		expectRun(run([r, "."]), 1, "", `${r}: failed to remove '.': Invalid argument\n`);
		expectRun(run([r, ".."]), 1, "", `${r}: failed to remove '..': Directory not empty\n`);
	});
});

describe("rm", () => {
	it("removes files, -r trees (entries before their directory), -d empty directories, -v", () => {
		const { sys, run } = host();
		run(["/bin/mkdir", "-p", "r/s/t", "emp"]);
		run(["/bin/touch", "r/s/t/f", "r/g", "g1", "g2"]);
		expectRun(run(["/bin/rm", "-v", "g1", "g2"]), 0, "removed 'g1'\nremoved 'g2'\n");
		// tmpfs lists the newest entry first.
		expectRun(
			run(["/bin/rm", "-rv", "r"]),
			0,
			"removed 'r/g'\nremoved 'r/s/t/f'\nremoved directory 'r/s/t'\nremoved directory 'r/s'\nremoved directory 'r'\n",
		);
		assert.ok(!exists(sys, "/tmp/r"));
		expectRun(run(["/bin/rm", "-d", "emp"]), 0, "");
		expectRun(run(["/bin/rm", "-f", "nope"]), 0, "");
		expectRun(run(["/bin/rm", "-f"]), 0, "");
	});

	it("errors and refusals", () => {
		const { run } = host();
		run(["/bin/mkdir", "-p", "d", "dd"]);
		run(["/bin/touch", "dd/x", "--", "-x"]);
		const r = "/bin/rm";
		expectRun(run([r]), 1, "", `${r}: missing operand\nTry '${r} --help' for more information.\n`);
		expectRun(run([r, "nope"]), 1, "", `${r}: cannot remove 'nope': No such file or directory\n`);
		expectRun(run([r, "d"]), 1, "", `${r}: cannot remove 'd': Is a directory\n`);
		expectRun(run([r, "-d", "dd"]), 1, "", `${r}: cannot remove 'dd': Directory not empty\n`);
		// A cgroup with its files could be rmdir'ed, but -d reads it as nonempty first.
		run(["/bin/mkdir", "/sys/fs/cgroup/systemd/cg"]);
		expectRun(
			run([r, "-d", "/sys/fs/cgroup/systemd/cg"]),
			1,
			"",
			`${r}: cannot remove '/sys/fs/cgroup/systemd/cg': Directory not empty\n`,
		);
		expectRun(
			run([r, "-r", "."]),
			1,
			"",
			`${r}: refusing to remove '.' or '..' directory: skipping '.'\n`,
		);
		expectRun(
			run([r, "-r", "./"]),
			1,
			"",
			`${r}: refusing to remove '.' or '..' directory: skipping './'\n`,
		);
		expectRun(
			run([r, "-rf", "/"]),
			1,
			"",
			`${r}: it is dangerous to operate recursively on '/'\n${r}: use --no-preserve-root to override this failsafe\n`,
		);
		expectRun(
			run([r, "-x"]),
			1,
			"",
			`${r}: invalid option -- 'x'\nTry '${r} ./-x' to remove the file '-x'.\nTry '${r} --help' for more information.\n`,
		);
	});

	it("-i asks on stderr and reads the answer from stdin", () => {
		const { sys, run } = host();
		run(["/bin/touch", "e", "f"]);
		expectRun(
			run(["/bin/rm", "-i", "e"], { stdin: "n\n" }),
			0,
			"",
			"/bin/rm: remove regular empty file 'e'? ",
		);
		assert.ok(exists(sys, "/tmp/e"));
		expectRun(
			run(["/bin/rm", "-i", "f"], { stdin: "y\n" }),
			0,
			"",
			"/bin/rm: remove regular empty file 'f'? ",
		);
		assert.ok(!exists(sys, "/tmp/f"));
	});

	it("a failure inside a tree keeps the tree without further messages", () => {
		const { sys, run } = host();
		run(["/bin/chmod", "777", "/tmp"]);
		run(["/bin/mkdir", "-p", "a/b"]);
		run(["/bin/touch", "a/b/f", "a/g"]);
		run(["/bin/chown", "-R", "65534", "a"]);
		run(["/bin/chmod", "555", "a/b"]);
		expectRun(
			run([...AS_NOBODY, "/bin/rm", "-r", "a"]),
			1,
			"",
			"/bin/rm: cannot remove 'a/b/f': Permission denied\n",
		);
		assert.ok(exists(sys, "/tmp/a/b/f") && !exists(sys, "/tmp/a/g"));
	});
});

describe("mv", () => {
	it("renames, moves into directories, -v", () => {
		const { sys, run } = host();
		run(["/bin/touch", "a", "b"]);
		run(["/bin/mkdir", "d", "e"]);
		expectRun(run(["/bin/mv", "a", "d"]), 0, "");
		expectRun(run(["/bin/mv", "-v", "b", "c"]), 0, "renamed 'b' -> 'c'\n");
		expectRun(run(["/bin/mv", "c", "d/"]), 0, "");
		expectRun(run(["/bin/mv", "d", "e"]), 0, "");
		expectRun(run(["/bin/ls", "-R", "e"]), 0, "e:\nd\n\ne/d:\na\nc\n");
		run(["/bin/touch", "ff"]);
		run(["/bin/mkdir", "t3"]);
		expectRun(run(["/bin/mv", "-t", "t3", "ff"]), 0, "");
		assert.ok(exists(sys, "/tmp/t3/ff"));
	});

	it("across filesystems: copies with times, owner and mode, then removes", () => {
		const { sys, run } = host();
		run(["/bin/mkdir", "-p", "d/e"]);
		run(["/bin/touch", "d/e/g", "f"]);
		run(["/bin/ln", "-s", "f", "d/l"]);
		run(["/bin/chmod", "640", "f"]);
		run(["/bin/chown", "nobody", "f"]);
		run(["/bin/touch", "-d", "2020-02-03 04:05", "f"]);
		expectRun(run(["/bin/mv", "-v", "f", "/root/"]), 0, "copied 'f' -> '/root/f'\nremoved 'f'\n");
		expectRun(
			run(["/bin/ls", "-l", "/root"]),
			0,
			"total 0\n-rw-r----- 1 nobody root 0 Feb  3  2020 f\n",
		);
		expectRun(
			run(["/bin/mv", "-v", "d", "/root/"]),
			0,
			"created directory '/root/d'\ncreated directory '/root/d/e'\ncopied 'd/e/g' -> '/root/d/e/g'\n" +
				"copied 'd/l' -> '/root/d/l'\nremoved 'd/l'\nremoved 'd/e/g'\nremoved directory 'd/e'\nremoved directory 'd'\n",
		);
		assert.ok(!exists(sys, "/tmp/d") && exists(sys, "/root/d/e/g"));
		assert.equal(sys.vfs.readlink(sys.kernel.init, "/root/d/l"), "f");
	});

	it("errors", () => {
		const { run } = host();
		run(["/bin/touch", "a", "y", "nd"]);
		run(["/bin/mkdir", "-p", "e/d", "m", "t/w/inner", "w", "t2/nd"]);
		run(["/bin/touch", "m/f"]);
		const v = "/bin/mv";
		expectRun(
			run([v]),
			1,
			"",
			`${v}: missing file operand\nTry '${v} --help' for more information.\n`,
		);
		expectRun(
			run([v, "a"]),
			1,
			"",
			`${v}: missing destination file operand after 'a'\nTry '${v} --help' for more information.\n`,
		);
		expectRun(
			run([v, "nope", "x"]),
			1,
			"",
			`${v}: cannot stat 'nope': No such file or directory\n`,
		);
		expectRun(run([v, "a", "a"]), 1, "", `${v}: 'a' and 'a' are the same file\n`);
		expectRun(
			run([v, "e/d", "e/d/x"]),
			1,
			"",
			`${v}: cannot move 'e/d' to a subdirectory of itself, 'e/d/x'\n`,
		);
		expectRun(run([v, "a", "m/f/x"]), 1, "", `${v}: cannot stat 'm/f/x': Not a directory\n`);
		expectRun(run([v, "x", "y", "z"]), 1, "", `${v}: target 'z': No such file or directory\n`);
		expectRun(run([v, "a", "y", "nd"]), 1, "", `${v}: target 'nd': Not a directory\n`);
		expectRun(run([v, "w", "t"]), 1, "", `${v}: cannot move 'w' to 't/w': Directory not empty\n`);
		expectRun(
			run([v, "nd", "t2"]),
			1,
			"",
			`${v}: cannot overwrite directory 't2/nd' with non-directory\n`,
		);
		expectRun(
			run([v, "-T", "w", "a"]),
			1,
			"",
			`${v}: cannot overwrite non-directory 'a' with directory 'w'\n`,
		);
		expectRun(run([v, "-t", "a", "y"]), 1, "", `${v}: target directory 'a': Not a directory\n`);
	});
});

describe("cp", () => {
	it("copies files (mode less the umask), into directories, -r trees, -p, symlinks", () => {
		const { sys, run } = host();
		sys.vfs.writeFile(sys.kernel.init, "/tmp/a", "data\n");
		run(["/bin/chmod", "640", "a"]);
		run(["/bin/mkdir", "-p", "d", "s/t"]);
		run(["/bin/touch", "s/t/f"]);
		run(["/bin/ln", "-s", "a", "la"]);
		run(["/bin/chown", "nobody", "a"]);
		expectRun(run(["/bin/cp", "a", "b"]), 0, "");
		assert.equal(sys.vfs.readFile(sys.kernel.init, "/tmp/b"), "data\n");
		expectRun(run(["/bin/cp", "-v", "a", "d"]), 0, "'a' -> 'd/a'\n");
		expectRun(
			run(["/bin/cp", "-rv", "s", "d"]),
			0,
			"'s' -> 'd/s'\n's/t' -> 'd/s/t'\n's/t/f' -> 'd/s/t/f'\n",
		);
		run(["/bin/touch", "-d", "2021-03-04", "a"]);
		expectRun(run(["/bin/cp", "-p", "a", "p1"]), 0, "");
		expectRun(run(["/bin/cp", "la", "cla"]), 0, "");
		expectRun(run(["/bin/cp", "-r", "la", "rla"]), 0, "");
		expectRun(
			run(["/bin/ls", "-l", "b", "p1", "cla", "rla"]),
			0,
			"-rw-r----- 1 root   root 5 Jan  1 00:00 b\n" +
				"-rw-r----- 1 root   root 5 Jan  1 00:00 cla\n" +
				"-rw-r----- 1 nobody root 5 Mar  4  2021 p1\n" +
				"lrwxrwxrwx 1 root   root 1 Jan  1 00:00 rla -> a\n",
		);
	});

	it("a directory is not copied into itself", () => {
		const { run } = host();
		run(["/bin/mkdir", "-p", "s/t"]);
		run(["/bin/touch", "s/t/f"]);
		expectRun(
			run(["/bin/cp", "-r", "s", "s/t"]),
			1,
			"",
			"/bin/cp: cannot copy a directory, 's', into itself, 's/t/s'\n",
		);
		expectRun(run(["/bin/ls", "-R", "s"]), 0, "s:\nt\n\ns/t:\nf\ns\n\ns/t/s:\nt\n\ns/t/s/t:\nf\n");
	});

	it("errors", () => {
		const { sys, run } = host();
		run(["/bin/touch", "a", "x"]);
		run(["/bin/mkdir", "-p", "d", "s"]);
		sys.vfs.writeFile(sys.kernel.init, "/tmp/data", "data\n");
		const c = "/bin/cp";
		expectRun(
			run([c]),
			1,
			"",
			`${c}: missing file operand\nTry '${c} --help' for more information.\n`,
		);
		expectRun(
			run([c, "a"]),
			1,
			"",
			`${c}: missing destination file operand after 'a'\nTry '${c} --help' for more information.\n`,
		);
		expectRun(
			run([c, "nope", "x"]),
			1,
			"",
			`${c}: cannot stat 'nope': No such file or directory\n`,
		);
		expectRun(run([c, "a", "a"]), 1, "", `${c}: 'a' and 'a' are the same file\n`);
		expectRun(run([c, "d", "e"]), 1, "", `${c}: -r not specified; omitting directory 'd'\n`);
		expectRun(run([c, "a", "x", "c"]), 1, "", `${c}: target 'c': No such file or directory\n`);
		expectRun(
			run([c, "-r", "s", "x"]),
			1,
			"",
			`${c}: cannot overwrite non-directory 'x' with directory 's'\n`,
		);
		expectRun(
			run([c, "-T", "a", "d"]),
			1,
			"",
			`${c}: cannot overwrite directory 'd' with non-directory\n`,
		);
		expectRun(
			run([c, "a", "nodir/x"]),
			1,
			"",
			`${c}: cannot create regular file 'nodir/x': No such file or directory\n`,
		);
		expectRun(
			run([c, "-t", "nod", "a"]),
			1,
			"",
			`${c}: target directory 'nod': No such file or directory\n`,
		);
		expectRun(
			run([c, "data", "/dev/full"]),
			1,
			"",
			`${c}: error writing '/dev/full': No space left on device\n`,
		);
	});
});

describe("ln", () => {
	it("hard and symbolic links, into directories, -f, -n, -v", () => {
		const { sys, run } = host();
		run(["/bin/touch", "a", "b"]);
		run(["/bin/mkdir", "d", "e"]);
		expectRun(run(["/bin/ln", "a", "h"]), 0, "");
		assert.equal(
			sys.vfs.stat(sys.kernel.init, "/tmp/h").ino,
			sys.vfs.stat(sys.kernel.init, "/tmp/a").ino,
		);
		expectRun(run(["/bin/ln", "-s", "../a"], { cwd: "/tmp/e" }), 0, "");
		assert.equal(sys.vfs.readlink(sys.kernel.init, "/tmp/e/a"), "../a");
		expectRun(run(["/bin/ln", "-sf", "a", "b"]), 0, "");
		assert.equal(sys.vfs.readlink(sys.kernel.init, "/tmp/b"), "a");
		expectRun(run(["/bin/ln", "-s", "a", "d"]), 0, "");
		assert.equal(sys.vfs.readlink(sys.kernel.init, "/tmp/d/a"), "a");
		expectRun(run(["/bin/ln", "-sv", "x", "d2"]), 0, "'d2' -> 'x'\n");
		expectRun(run(["/bin/ln", "-v", "a", "h2"]), 0, "'h2' => 'a'\n");
		run(["/bin/ln", "-s", "d", "ld"]);
		expectRun(run(["/bin/ln", "-sfn", "y", "ld"]), 0, "");
		assert.equal(sys.vfs.readlink(sys.kernel.init, "/tmp/ld"), "y");
	});

	it("errors, with the target shown where GNU shows it", () => {
		const { run } = host();
		run(["/bin/touch", "a", "b"]);
		run(["/bin/mkdir", "d", "ro"]);
		run(["/bin/chmod", "777", "/tmp"]);
		run(["/bin/chmod", "555", "ro"]);
		const l = "/bin/ln";
		expectRun(
			run([l]),
			1,
			"",
			`${l}: missing file operand\nTry '${l} --help' for more information.\n`,
		);
		expectRun(run([l, "a"]), 1, "", `${l}: failed to create hard link './a': File exists\n`);
		expectRun(run([l, "a", "b"]), 1, "", `${l}: failed to create hard link 'b': File exists\n`);
		expectRun(
			run([l, "-s", "a", "b"]),
			1,
			"",
			`${l}: failed to create symbolic link 'b': File exists\n`,
		);
		expectRun(run([l, "d", "dh"]), 1, "", `${l}: d: hard link not allowed for directory\n`);
		expectRun(
			run([l, "nope", "x"]),
			1,
			"",
			`${l}: failed to access 'nope': No such file or directory\n`,
		);
		expectRun(
			run([l, "-s", "x", "nodir/z"]),
			1,
			"",
			`${l}: failed to create symbolic link 'nodir/z': No such file or directory\n`,
		);
		expectRun(
			run([l, "-s", "", "z"]),
			1,
			"",
			`${l}: failed to create symbolic link 'z' -> '': No such file or directory\n`,
		);
		expectRun(
			run([l, "a", "nodir/z"]),
			1,
			"",
			`${l}: failed to create hard link 'nodir/z' => 'a': No such file or directory\n`,
		);
		run(["/bin/touch", "nob"]);
		run(["/bin/chown", "nobody", "nob"]);
		expectRun(
			run([...AS_NOBODY, l, "nob", "ro/z"]),
			1,
			"",
			`${l}: failed to create hard link 'ro/z' => 'nob': Permission denied\n`,
		);
		expectRun(
			run([...AS_NOBODY, l, "-s", "x", "ro/z"]),
			1,
			"",
			`${l}: failed to create symbolic link 'ro/z': Permission denied\n`,
		);
		expectRun(run([l, "-f", "a", "a"]), 1, "", `${l}: 'a' and 'a' are the same file\n`);
		expectRun(
			run([l, "-s", "a", "b", "c"]),
			1,
			"",
			`${l}: target 'c': No such file or directory\n`,
		);
		expectRun(run([l, "-t", "a", "b"]), 1, "", `${l}: target 'a' is not a directory\n`);
		expectRun(run([l, "-sfT", "a", "d"]), 1, "", `${l}: d: cannot overwrite directory\n`);
		expectRun(
			run([l, "a", "/root/x"]),
			1,
			"",
			`${l}: failed to create hard link '/root/x' => 'a': Invalid cross-device link\n`,
		);
	});
});

describe("touch", () => {
	it("creates files; -c does not", () => {
		const { sys, run } = host();
		expectRun(run(["/bin/touch", "a", "b"]), 0, "");
		assert.equal(modeOf(sys, "/tmp/a"), 0o644);
		expectRun(run(["/bin/touch", "-c", "nope"]), 0, "");
		assert.ok(!exists(sys, "/tmp/nope"));
		run(["/bin/mkdir", "d"]);
		expectRun(run(["/bin/touch", "d", "a"]), 0, "");
	});

	it("errors: what open and utimensat would say", () => {
		const { run } = host();
		run(["/bin/chmod", "777", "/tmp"]);
		run(["/bin/mkdir", "d"]);
		run(["/bin/chmod", "555", "d"]);
		run(["/bin/touch", "rootf"]);
		const t = "/bin/touch";
		expectRun(
			run([t]),
			1,
			"",
			`${t}: missing file operand\nTry '${t} --help' for more information.\n`,
		);
		expectRun(
			run([t, "nodir/x"]),
			1,
			"",
			`${t}: cannot touch 'nodir/x': No such file or directory\n`,
		);
		expectRun(
			run([...AS_NOBODY, t, "d/x"]),
			1,
			"",
			`${t}: cannot touch 'd/x': Permission denied\n`,
		);
		expectRun(
			run([...AS_NOBODY, t, "rootf"]),
			1,
			"",
			`${t}: cannot touch 'rootf': Permission denied\n`,
		);
		run(["/bin/chmod", "666", "rootf"]);
		expectRun(run([...AS_NOBODY, t, "rootf"]), 0, "");
		expectRun(
			run([...AS_NOBODY, t, "-d", "2020-01-01", "rootf"]),
			1,
			"",
			`${t}: setting times of 'rootf': Operation not permitted\n`,
		);
	});

	it("-d, -t, -r set times; -a and -m one of them", () => {
		const { sys, run } = host();
		const t = "/bin/touch";
		expectRun(run([t, "-d", "2020-01-01", "a"]), 0, "");
		expectRun(run([t, "-d", "2020-06-15 12:34:56", "b"]), 0, "");
		expectRun(run([t, "-t", "201912312359.59", "c"]), 0, "");
		expectRun(run([t, "-r", "b", "d"]), 0, "");
		expectRun(run([t, "-d", "2020-01-01 00:00 +0100", "e"]), 0, "");
		expectRun(run([t, "-d", "Jan 1 1999", "f"]), 0, "");
		expectRun(
			run(["/bin/ls", "-lt"]),
			0,
			"total 0\n" +
				"-rw-r--r-- 1 root root 0 Jun 15  2020 b\n" +
				"-rw-r--r-- 1 root root 0 Jun 15  2020 d\n" +
				"-rw-r--r-- 1 root root 0 Jan  1  2020 a\n" +
				"-rw-r--r-- 1 root root 0 Dec 31  2019 c\n" +
				"-rw-r--r-- 1 root root 0 Dec 31  2019 e\n" +
				"-rw-r--r-- 1 root root 0 Jan  1  1999 f\n",
		);
		const times = (p: string): [number, number] => {
			const st = sys.vfs.stat(sys.kernel.init, p);
			return [st.atimeNs / 1e9, st.mtimeNs / 1e9];
		};
		assert.deepEqual(times("/tmp/c"), [1577836799, 1577836799]);
		expectRun(run([t, "-a", "-d", "@0", "a"]), 0, "");
		assert.deepEqual(times("/tmp/a"), [0, 1577836800]);
		expectRun(run([t, "-m", "-d", "@1", "a"]), 0, "");
		assert.deepEqual(times("/tmp/a"), [0, 1]);
		expectRun(run([t, "-d", "garbage", "g"]), 1, "", `${t}: invalid date format 'garbage'\n`);
		expectRun(run([t, "-t", "1200", "g"]), 1, "", `${t}: invalid date format '1200'\n`);
		expectRun(
			run([t, "-r", "nope", "g"]),
			1,
			"",
			`${t}: failed to get attributes of 'nope': No such file or directory\n`,
		);
		assert.ok(!exists(sys, "/tmp/g"));
	});
});

describe("chmod", () => {
	it("octal and symbolic modes, -v and -c messages", () => {
		const { sys, run } = host();
		run(["/bin/touch", "a"]);
		const c = "/bin/chmod";
		expectRun(run([c, "7777", "a"]), 0, "");
		assert.equal(modeOf(sys, "/tmp/a"), 0o7777);
		expectRun(run([c, "u-s,g-s,o-t", "a"]), 0, "");
		assert.equal(modeOf(sys, "/tmp/a"), 0o777);
		expectRun(
			run([c, "-v", "600", "a"]),
			0,
			"mode of 'a' changed from 0777 (rwxrwxrwx) to 0600 (rw-------)\n",
		);
		expectRun(run([c, "-c", "600", "a"]), 0, "");
		expectRun(run([c, "-v", "600", "a"]), 0, "mode of 'a' retained as 0600 (rw-------)\n");
		const steps: [string, number][] = [
			["0", 0],
			["+x", 0o111],
			["=r", 0o444],
			["a+rw,u+x", 0o766],
			["go=u-w", 0o755],
			["u+rw+x-w", 0o555],
			["o=u", 0o555],
			["a-r,+x", 0o111],
			["+X", 0o111],
			["640", 0o640],
			["g+X", 0o640],
		];
		for (const [mode, want] of steps) {
			expectRun(run([c, mode, "a"]), 0, "");
			assert.equal(modeOf(sys, "/tmp/a").toString(8), want.toString(8), `chmod ${mode}`);
		}
		expectRun(
			run([c, "-c", "4755", "a"]),
			0,
			"mode of 'a' changed from 0640 (rw-r-----) to 4755 (rwsr-xr-x)\n",
		);
	});

	it("directories keep set-id bits unless the mode names them (or has five digits)", () => {
		const { sys, run } = host();
		run(["/bin/mkdir", "d"]);
		run(["/bin/chmod", "2755", "d"]);
		run(["/bin/chmod", "755", "d"]);
		assert.equal(modeOf(sys, "/tmp/d"), 0o2755);
		run(["/bin/chmod", "u=rwx,g=rx,o=rx", "d"]);
		assert.equal(modeOf(sys, "/tmp/d"), 0o2755);
		run(["/bin/chmod", "00755", "d"]);
		assert.equal(modeOf(sys, "/tmp/d"), 0o755);
	});

	it("-R changes a directory before its entries and leaves symlinks alone", () => {
		const { sys, run } = host();
		run(["/bin/mkdir", "-p", "d/e"]);
		run(["/bin/touch", "a", "d/e/f"]);
		run(["/bin/ln", "-s", "../a", "d/l"]);
		expectRun(run(["/bin/chmod", "-R", "700", "d"]), 0, "");
		expectRun(
			run(["/bin/chmod", "-Rv", "go+rX", "d"]),
			0,
			"mode of 'd' changed from 0700 (rwx------) to 0755 (rwxr-xr-x)\n" +
				"neither symbolic link 'd/l' nor referent has been changed\n" +
				"mode of 'd/e' changed from 0700 (rwx------) to 0755 (rwxr-xr-x)\n" +
				"mode of 'd/e/f' changed from 0700 (rwx------) to 0755 (rwxr-xr-x)\n",
		);
		assert.equal(modeOf(sys, "/tmp/a"), 0o644);
	});

	it("a mode given like an option warns when the umask limited it", () => {
		const { sys, run } = host();
		run(["/bin/touch", "a"]);
		run(["/bin/chmod", "777", "a"]);
		expectRun(
			run(["/bin/chmod", "-w", "a"]),
			1,
			"",
			"/bin/chmod: a: new permissions are r-xrwxrwx, not r-xr-xr-x\n",
		);
		assert.equal(modeOf(sys, "/tmp/a"), 0o577);
		expectRun(run(["/bin/chmod", "-x", "a"]), 0, "");
		expectRun(run(["/bin/chmod", "--", "-w", "a"]), 0, "");
	});

	it("errors", () => {
		const { run } = host();
		run(["/bin/touch", "a"]);
		run(["/bin/ln", "-s", "nowhere", "bad"]);
		const c = "/bin/chmod";
		expectRun(run([c]), 1, "", `${c}: missing operand\nTry '${c} --help' for more information.\n`);
		expectRun(
			run([c, "644"]),
			1,
			"",
			`${c}: missing operand after '644'\nTry '${c} --help' for more information.\n`,
		);
		expectRun(
			run([c, "644", "nope"]),
			1,
			"",
			`${c}: cannot access 'nope': No such file or directory\n`,
		);
		expectRun(
			run([c, "bad", "a"]),
			1,
			"",
			`${c}: invalid mode: 'bad'\nTry '${c} --help' for more information.\n`,
		);
		expectRun(
			run([c, "10000", "a"]),
			1,
			"",
			`${c}: invalid mode: '10000'\nTry '${c} --help' for more information.\n`,
		);
		expectRun(run([c, "755", "bad"]), 1, "", `${c}: cannot operate on dangling symlink 'bad'\n`);
		expectRun(
			run([...AS_NOBODY, c, "-v", "600", "a"]),
			1,
			"failed to change mode of 'a' from 0644 (rw-r--r--) to 0600 (rw-------)\n",
			`${c}: changing permissions of 'a': Operation not permitted\n`,
		);
		expectRun(run([c, "-f", "644", "nope"]), 1, "");
	});
});

describe("chown", () => {
	it("owner and group by name or number; USER: takes the login group", () => {
		const { sys, run } = host();
		run(["/bin/touch", "a"]);
		const own = (): string => {
			const st = sys.vfs.stat(sys.kernel.init, "/tmp/a");
			return `${st.uid}:${st.gid}`;
		};
		const c = "/bin/chown";
		expectRun(run([c, "nobody", "a"]), 0, "");
		assert.equal(own(), "65534:0");
		expectRun(run([c, "nobody:nogroup", "a"]), 0, "");
		assert.equal(own(), "65534:65534");
		expectRun(run([c, "1234:5678", "a"]), 0, "");
		assert.equal(own(), "1234:5678");
		expectRun(run([c, "root:", "a"]), 0, "");
		assert.equal(own(), "0:0");
		expectRun(run([c, ":nogroup", "a"]), 0, "");
		assert.equal(own(), "0:65534");
		expectRun(run([c, "root.root", "a"]), 0, "", `${c}: warning: '.' should be ':': 'root.root'\n`);
		assert.equal(own(), "0:0");
	});

	it("-v and -c messages", () => {
		const { run } = host();
		run(["/bin/touch", "a"]);
		const c = "/bin/chown";
		expectRun(run([c, "-v", "root", "a"]), 0, "ownership of 'a' retained as root\n");
		expectRun(
			run([c, "-v", "nobody:", "a"]),
			0,
			"changed ownership of 'a' from root:root to nobody:nogroup\n",
		);
		expectRun(
			run([c, "-v", "root:65534", "a"]),
			0,
			"changed ownership of 'a' from nobody:nogroup to root:65534\n",
		);
		expectRun(run([c, "-c", ":0", "a"]), 0, "changed group of 'a' from nogroup to 0\n");
		expectRun(run([c, "-v", ":root", "a"]), 0, "ownership of 'a' retained as root:root\n");
		expectRun(run([c, "-v", "", "a"]), 0, "ownership of 'a' retained\n");
		// Even an empty OWNER:GROUP calls fchownat(-1, -1), which clears setuid.
		run(["/bin/chmod", "4755", "a"]);
		expectRun(run([c, ":", "a"]), 0, "");
		assert.equal(run(["/bin/ls", "-l", "a"]).stdout.slice(0, 10), "-rwxr-xr-x");
		expectRun(run([c, "-c", "root", "a"]), 0, "");
		expectRun(
			run([...AS_NOBODY, c, "-v", "nobody", "a"]),
			1,
			"failed to change ownership of 'a' from root to nobody\n",
			`${c}: changing ownership of 'a': Operation not permitted\n`,
		);
		expectRun(
			run([...AS_NOBODY, c, "-v", ":nogroup", "a"]),
			1,
			"failed to change ownership of 'a' from root:root to :nogroup\n",
			`${c}: changing group of 'a': Operation not permitted\n`,
		);
	});

	it("-R changes entries before the directory and symlinks themselves", () => {
		const { sys, run } = host();
		run(["/bin/mkdir", "-p", "d/e"]);
		run(["/bin/touch", "a", "d/e/f"]);
		run(["/bin/ln", "-s", "../a", "d/l"]);
		expectRun(
			run(["/bin/chown", "-Rv", "nobody", "d"]),
			0,
			"changed ownership of 'd/l' from root to nobody\n" +
				"changed ownership of 'd/e/f' from root to nobody\n" +
				"changed ownership of 'd/e' from root to nobody\n" +
				"changed ownership of 'd' from root to nobody\n",
		);
		assert.equal(sys.vfs.stat(sys.kernel.init, "/tmp/a").uid, 0);
		expectRun(run(["/bin/chown", "5", "d/l"]), 0, "");
		assert.equal(sys.vfs.stat(sys.kernel.init, "/tmp/a").uid, 5);
		expectRun(run(["/bin/chown", "-h", "6", "d/l"]), 0, "");
		assert.equal(sys.vfs.lstat(sys.kernel.init, "/tmp/d/l").uid, 6);
	});

	it("errors", () => {
		const { run } = host();
		run(["/bin/touch", "a"]);
		const c = "/bin/chown";
		expectRun(run([c]), 1, "", `${c}: missing operand\nTry '${c} --help' for more information.\n`);
		expectRun(
			run([c, "root"]),
			1,
			"",
			`${c}: missing operand after 'root'\nTry '${c} --help' for more information.\n`,
		);
		expectRun(
			run([c, "root", "nope"]),
			1,
			"",
			`${c}: cannot access 'nope': No such file or directory\n`,
		);
		expectRun(run([c, "bogus", "a"]), 1, "", `${c}: invalid user: 'bogus'\n`);
		expectRun(run([c, ":bogus", "a"]), 1, "", `${c}: invalid group: ':bogus'\n`);
		expectRun(run([c, "nobody:bogus", "a"]), 1, "", `${c}: invalid group: 'nobody:bogus'\n`);
		expectRun(run([c, "bogus:root", "a"]), 1, "", `${c}: invalid user: 'bogus:root'\n`);
		expectRun(run([c, "4294967295", "a"]), 1, "", `${c}: invalid user: '4294967295'\n`);
		expectRun(run([c, "1234:", "a"]), 1, "", `${c}: invalid spec: '1234:'\n`);
		expectRun(
			run([c, "-1", "a"]),
			1,
			"",
			`${c}: invalid option -- '1'\nTry '${c} --help' for more information.\n`,
		);
	});
});

describe("id and whoami", () => {
	it("the process's ids and named users", () => {
		const { run } = host();
		const id = "/usr/bin/id";
		expectRun(run([id]), 0, "uid=0(root) gid=0(root) groups=0(root)\n");
		expectRun(run([id, "-u"]), 0, "0\n");
		expectRun(run([id, "-g"]), 0, "0\n");
		expectRun(run([id, "-un"]), 0, "root\n");
		expectRun(run([id, "-gn"]), 0, "root\n");
		expectRun(run([id, "-G"]), 0, "0\n");
		expectRun(run([id, "-Gn"]), 0, "root\n");
		expectRun(run([id, "-zG"]), 0, "0\0");
		expectRun(
			run([id, "nobody"]),
			0,
			"uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n",
		);
		expectRun(run([id, "-u", "65534"]), 0, "65534\n");
		expectRun(
			run([id, "root", "nobody"]),
			0,
			"uid=0(root) gid=0(root) groups=0(root)\nuid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n",
		);
		expectRun(run(["/usr/bin/whoami"]), 0, "root\n");
	});

	it("after setpriv: real and effective ids, groups with the effective group first", () => {
		const { run } = host();
		const sp = "/usr/bin/setpriv";
		expectRun(
			run([sp, "--reuid", "1234", "--regid", "1234", "--clear-groups", "/usr/bin/id"]),
			0,
			"uid=1234 gid=1234 groups=1234\n",
		);
		expectRun(
			run([sp, "--reuid", "65534", "--regid", "65534", "--groups", "0,65534", "/usr/bin/id"]),
			0,
			"uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup),0(root)\n",
		);
		expectRun(
			run([sp, "--euid", "65534", "/usr/bin/id"]),
			0,
			"uid=0(root) gid=0(root) euid=65534(nobody) groups=0(root)\n",
		);
		expectRun(
			run([sp, "--rgid", "5", "--egid", "6", "--groups", "7,5,6,3", "/usr/bin/id"]),
			0,
			"uid=0(root) gid=5 egid=6 groups=6,3,5,7\n",
		);
		expectRun(
			run([sp, "--rgid", "5", "--egid", "6", "--groups", "7,5,6,3", "/usr/bin/id", "-G"]),
			0,
			"5 6 3 7\n",
		);
		expectRun(run([sp, "--ruid", "5", "--euid", "65534", "/usr/bin/id", "-ur"]), 0, "5\n");
		expectRun(
			run([sp, "--reuid", "1234", "/usr/bin/id", "-un"]),
			1,
			"1234\n",
			"/usr/bin/id: cannot find name for user ID 1234\n",
		);
		expectRun(
			run([sp, "--reuid", "1234", "--regid", "1234", "--clear-groups", "/usr/bin/whoami"]),
			1,
			"",
			"/usr/bin/whoami: cannot find name for user ID 1234\n",
		);
	});

	it("errors", () => {
		const { run } = host();
		const id = "/usr/bin/id";
		expectRun(
			run([id, "-n"]),
			1,
			"",
			`${id}: cannot print only names or real IDs in default format\n`,
		);
		expectRun(
			run([id, "-r"]),
			1,
			"",
			`${id}: cannot print only names or real IDs in default format\n`,
		);
		expectRun(run([id, "-ug"]), 1, "", `${id}: cannot print "only" of more than one choice\n`);
		expectRun(run([id, "-z"]), 1, "", `${id}: option --zero not permitted in default format\n`);
		expectRun(run([id, "bogus"]), 1, "", `${id}: 'bogus': no such user\n`);
		expectRun(
			run(["/usr/bin/whoami", "x"]),
			1,
			"",
			"/usr/bin/whoami: extra operand 'x'\nTry '/usr/bin/whoami --help' for more information.\n",
		);
	});
});

describe("sleep", () => {
	it("sleeps the sum of its intervals on the emulated clock", () => {
		const { sys, run } = host();
		const before = sys.kernel.clock.now();
		expectRun(run(["/bin/sleep", "1.5", "0.5s", "1m", "0h", "0d"]), 0, "");
		const slept = sys.kernel.clock.now() - before;
		assert.ok(slept >= 62e9 && slept < 62.1e9, `slept ${slept} ns`);
		for (const ok of [".0", "0.", "1e-3", " 0", "0x0", "+0", "0x1p-10"]) {
			expectRun(run(["/bin/sleep", ok]), 0, "", "");
		}
		expectRun(run(["/bin/sleep", "--", "-0"]), 0, "");
	});

	it("errors", () => {
		const { run } = host();
		const s = "/bin/sleep";
		const tryHelp = `Try '${s} --help' for more information.\n`;
		expectRun(run([s]), 1, "", `${s}: missing operand\n${tryHelp}`);
		expectRun(run([s, "x"]), 1, "", `${s}: invalid time interval 'x'\n${tryHelp}`);
		expectRun(run([s, "0 "]), 1, "", `${s}: invalid time interval '0 '\n${tryHelp}`);
		expectRun(run([s, "0ss"]), 1, "", `${s}: invalid time interval '0ss'\n${tryHelp}`);
		expectRun(run([s, "nan"]), 1, "", `${s}: invalid time interval 'nan'\n${tryHelp}`);
		expectRun(run([s, "-1"]), 1, "", `${s}: invalid option -- '1'\n${tryHelp}`);
		expectRun(
			run([s, "0", "x", "y"]),
			1,
			"",
			`${s}: invalid time interval 'x'\n${s}: invalid time interval 'y'\n${tryHelp}`,
		);
	});

	it("is ended by a signal", () => {
		const { sys, shell, run } = host();
		const t = spawn(sys, shell, ["/bin/sleep", "100"]);
		run(["/bin/kill", String(t.pid)]);
		assert.equal(t.exitCode & 0x7f, 15);
		assert.ok(sys.kernel.clock.now() < 100e9);
	});
});

describe("ps", () => {
	it("selects the processes with ps's euid and terminal; PID as wide as pid_max", () => {
		const { sys, shell, run } = host();
		spawn(sys, shell, ["/bin/sleep", "100"]);
		expectRun(
			run(["/bin/ps"]),
			0,
			"  PID TTY          TIME CMD\n" +
				"    1 ?        00:00:00 init\n" +
				"    2 ?        00:00:00 kthreadd\n" +
				"    3 ?        00:00:00 init\n" +
				"    4 ?        00:00:00 sleep\n" +
				"    5 ?        00:00:00 ps\n",
		);
		expectRun(
			run(["/bin/ps", "-ef"]),
			0,
			"UID        PID  PPID  C STIME TTY          TIME CMD\n" +
				"root         1     0  0 00:00 ?        00:00:00 /sbin/init\n" +
				"root         2     0  0 00:00 ?        00:00:00 [kthreadd]\n" +
				"root         3     1  0 00:00 ?        00:00:00 /sbin/init\n" +
				"root         4     3  0 00:00 ?        00:00:00 /bin/sleep 100\n" +
				"root         6     3  0 00:00 ?        00:00:00 /bin/ps -ef\n",
		);
		expectRun(
			run([...AS_NOBODY, "/bin/ps"]),
			0,
			"  PID TTY          TIME CMD\n    7 ?        00:00:00 ps\n",
		);
		const wide = host({ pidMax: 4194304 });
		expectRun(
			wide.run(["/bin/ps", "-p", "1"]),
			0,
			"    PID TTY          TIME CMD\n      1 ?        00:00:00 init\n",
		);
		expectRun(
			wide.run(["/bin/ps", "-f", "-p", "1"]),
			0,
			"UID          PID    PPID  C STIME TTY          TIME CMD\nroot           1       0  0 00:00 ?        00:00:00 /sbin/init\n",
		);
	});

	it("states: sleeping S, stopped T, zombies Z with <defunct> in args", () => {
		const { sys, shell, run } = host();
		const a = spawn(sys, shell, ["/bin/sleep", "100"]);
		const b = spawn(sys, shell, ["/bin/sleep", "200"]);
		const c = spawn(sys, shell, ["/bin/sleep", "300"]);
		expectRun(run(["/bin/kill", "-STOP", String(b.pid)]), 0, "");
		expectRun(run(["/bin/kill", String(c.pid)]), 0, "");
		expectRun(
			run([
				"/bin/ps",
				"-o",
				"pid,ppid,pgid,sid,stat,s,comm,args",
				"-p",
				`${a.pid},${b.pid},${c.pid}`,
			]),
			0,
			"  PID  PPID  PGID   SID STAT S COMMAND         COMMAND\n" +
				"    4     3     1     1 S    S sleep           /bin/sleep 100\n" +
				"    5     3     1     1 T    T sleep           /bin/sleep 200\n" +
				"    6     3     1     1 Z    Z sleep           [sleep] <defunct>\n",
		);
		expectRun(
			run(["/bin/ps", "-f", "-p", String(c.pid)]),
			0,
			"UID        PID  PPID  C STIME TTY          TIME CMD\nroot         6     3  0 00:00 ?        00:00:00 [sleep] <defunct>\n",
		);
		expectRun(run(["/bin/ps", "-o", "stat=", "-p", "1"]), 0, "Ss\n");
	});

	it("-o headers, --no-headers, -p lists, -C, -u, -N, and exit 1 when nothing is selected", () => {
		const { sys, shell, run } = host();
		spawn(sys, shell, ["/bin/sleep", "100"]);
		expectRun(
			run(["/bin/ps", "-p", "1", "-o", "pid=PROCESS,comm=X"]),
			0,
			"PROCESS X\n      1 init\n",
		);
		expectRun(run(["/bin/ps", "-o", "pid,comm=", "-p", "1"]), 0, "  PID \n    1 init\n");
		expectRun(run(["/bin/ps", "-o", "pid=", "-o", "comm=", "-p", "1"]), 0, "    1 init\n");
		expectRun(
			run(["/bin/ps", "-o", "pid comm", "-p", "1 2"]),
			0,
			"  PID COMMAND\n    1 init\n    2 kthreadd\n",
		);
		expectRun(
			run(["/bin/ps", "--no-headers", "-C", "sleep"]),
			0,
			"    4 ?        00:00:00 sleep\n",
		);
		expectRun(
			run(["/bin/ps", "-o", "user,uid,group,gid,tty,time,ni,nlwp", "-p", "4"]),
			0,
			"USER       UID GROUP      GID TT           TIME  NI NLWP\nroot         0 root         0 ?        00:00:00   0    1\n",
		);
		expectRun(run(["/bin/ps", "-p", "999"]), 1, "  PID TTY          TIME CMD\n");
		expectRun(run(["/bin/ps", "-u", "nobody"]), 1, "  PID TTY          TIME CMD\n");
		expectRun(run(["/bin/ps", "-N", "-e"]), 1, "  PID TTY          TIME CMD\n");
	});

	it("errors print procps's usage hint", () => {
		const { run } = host();
		const usage =
			"\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n" +
			"  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";
		const cases: [string[], string][] = [
			[["-o", "foo"], 'unknown user-defined format specifier "foo"'],
			[["-p", "abc"], "process ID list syntax error"],
			[["-p", "1,,2"], "improper list"],
			[["-p", "0"], "process ID out of range"],
			[["-p"], "list of process IDs must follow -p"],
			[["-o"], "format specification must follow -o"],
			[["-Q"], "unsupported SysV option"],
			[["--foo"], "unknown gnu long option"],
			[["-u", "bogus"], "user name does not exist"],
		];
		for (const [args, msg] of cases)
			expectRun(run(["/bin/ps", ...args]), 1, "", `error: ${msg}\n${usage}`);
	});
});

describe("kill", () => {
	it("sends SIGTERM or the signal named by -SIG, -NUM or -s", () => {
		const { sys, shell, run } = host();
		const a = spawn(sys, shell, ["/bin/sleep", "100"]);
		const b = spawn(sys, shell, ["/bin/sleep", "100"]);
		const c = spawn(sys, shell, ["/bin/sleep", "100"]);
		const d = spawn(sys, shell, ["/bin/sleep", "100"]);
		expectRun(run(["/bin/kill", "-0", String(a.pid)]), 0, "");
		expectRun(run(["/bin/kill", String(a.pid)]), 0, "");
		expectRun(run(["/bin/kill", "-9", String(b.pid)]), 0, "");
		expectRun(run(["/bin/kill", "-s", "INT", String(c.pid)]), 0, "");
		expectRun(run(["/bin/kill", "-sigusr1", String(d.pid)]), 0, "");
		assert.deepEqual(
			[a, b, c, d].map((t) => t.exitCode & 0x7f),
			[15, 9, 2, 10],
		);
	});

	it("reports each pid that failed and exits 1", () => {
		const { sys, shell, run } = host();
		const a = spawn(sys, shell, ["/bin/sleep", "100"]);
		expectRun(
			run(["/bin/kill", "-9", "99999", String(a.pid), "99998"]),
			1,
			"",
			"/bin/kill: (99999): No such process\n/bin/kill: (99998): No such process\n",
		);
		assert.equal(a.exitCode & 0x7f, 9);
		expectRun(
			run([...AS_NOBODY, "/bin/kill", "1"]),
			1,
			"",
			"/bin/kill: (1): Operation not permitted\n",
		);
		expectRun(run(["/bin/kill", "-s", "BOGUS", "1"]), 1, "", "/bin/kill: (1): Invalid argument\n");
		expectRun(run(["/bin/kill", "abc"]), 1, "", "/bin/kill: failed to parse argument: 'abc'\n");
	});

	it("-l and -L list signals; -l converts", () => {
		const { run } = host();
		expectRun(
			run(["/bin/kill", "-l"]),
			0,
			"HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\n" +
				"CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n",
		);
		expectRun(
			run(["/bin/kill", "-L"]),
			0,
			" 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS\n" +
				" 8 FPE      9 KILL    10 USR1    11 SEGV    12 USR2    13 PIPE    14 ALRM\n" +
				"15 TERM    16 STKFLT  17 CHLD    18 CONT    19 STOP    20 TSTP    21 TTIN\n" +
				"22 TTOU    23 URG     24 XCPU    25 XFSZ    26 VTALRM  27 PROF    28 WINCH\n" +
				"29 POLL    30 PWR     31 SYS     \n",
		);
		expectRun(run(["/bin/kill", "-l", "9"]), 0, "KILL\n");
		expectRun(run(["/bin/kill", "-l", "SIGKILL"]), 0, "9\n");
		expectRun(run(["/bin/kill", "-l9"]), 0, "KILL\n");
		expectRun(run(["/bin/kill", "--list=29"]), 0, "POLL\n");
		expectRun(run(["/bin/kill", "-l", "64"]), 0, "", "/bin/kill: unknown signal name 64\n");
		expectRun(run(["/bin/kill", "-l", "bogus"]), 0, "", "/bin/kill: unknown signal name bogus\n");
	});

	it("usage errors", () => {
		const { run } = host();
		const usage =
			"\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n" +
			" <pid> [...]            send signal to every <pid> listed\n" +
			" -<signal>, -s, --signal <signal>\n" +
			"                        specify the <signal> to be sent\n" +
			" -q, --queue <value>    integer value to be sent with the signal\n" +
			" -l, --list=[<signal>]  list all signal names, or convert one to a name\n" +
			" -L, --table            list all signal names in a nice table\n\n" +
			" -h, --help     display this help and exit\n" +
			" -V, --version  output version information and exit\n\n" +
			"For more details see kill(1).\n";
		expectRun(run(["/bin/kill"]), 1, "", usage);
		expectRun(run(["/bin/kill", "-9"]), 1, "", usage);
		expectRun(run(["/bin/kill", "-BOGUS", "1"]), 1, "", `/bin/kill: invalid argument B\n${usage}`);
		expectRun(run(["/bin/kill", "-s"]), 1, "", `/bin/kill: invalid argument s\n${usage}`);
	});
});

describe("pgrep", () => {
	it("matches process names (ERE), excluding itself; -l -a -c -n -o -x -d -P -r -v", () => {
		const { sys, shell, run } = host();
		spawn(sys, shell, ["/bin/sleep", "100"]);
		const b = spawn(sys, shell, ["/bin/sleep", "200"]);
		const c = spawn(sys, shell, ["/bin/sleep", "300"]);
		run(["/bin/kill", "-STOP", String(b.pid)]);
		run(["/bin/kill", String(c.pid)]);
		const p = "/bin/pgrep";
		expectRun(run([p, "sleep"]), 0, "4\n5\n6\n");
		expectRun(run([p, "-l", "-r", "T", "sleep"]), 0, "5 sleep\n");
		expectRun(
			run([p, "-a", "sle+p"]),
			0,
			"4 /bin/sleep 100\n5 /bin/sleep 200\n6 [sleep] <defunct>\n",
		);
		expectRun(run([p, "-c", "sleep"]), 0, "3\n");
		expectRun(run([p, "-c", "nomatch"]), 1, "0\n");
		expectRun(run([p, "-n", "sleep"]), 0, "6\n");
		expectRun(run([p, "-o", "-x", "sleep"]), 0, "4\n");
		expectRun(run([p, "-x", "slee"]), 1, "");
		expectRun(run([p, "-i", "SLEEP", "-d,"]), 0, "4,5,6\n");
		expectRun(run([p, "-P", "3", "-d", ":"]), 0, "4:5:6\n");
		expectRun(run([p, "-v", "-x", "sleep|init"]), 0, "2\n");
		expectRun(run([p, "-u", "root", "-x", "kthreadd"]), 0, "2\n");
		expectRun(run([p, "-u", "nobody"]), 1, "");
		expectRun(run([p, "a)"]), 1, "");
	});

	it("errors exit 2", () => {
		const { run } = host();
		const p = "/bin/pgrep";
		expectRun(
			run([p]),
			2,
			"",
			"pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n",
		);
		expectRun(
			run([p, "a", "b"]),
			2,
			"",
			"pgrep: only one pattern can be provided\nTry `pgrep --help' for more information.\n",
		);
		expectRun(run([p, "[abc"]), 2, "", "pgrep: regex error: Unmatched [, [^, [:, [., or [=\n");
		expectRun(run([p, "("]), 2, "", "pgrep: regex error: Unmatched ( or \\(\n");
		expectRun(
			run([p, "*sleep"]),
			2,
			"",
			"pgrep: regex error: Invalid preceding regular expression\n",
		);
		expectRun(run([p, "sle{1"]), 2, "", "pgrep: regex error: Unmatched \\{\n");
		expectRun(run([p, "-P", "abc"]), 2, "", "pgrep: not a number: abc\n");
		expectRun(run([p, "-u", "bogus", "x"]), 2, "", "pgrep: invalid user name: bogus\n");
		const r = run([p, "-z"]);
		assert.equal(r.status, 2);
		assert.ok(
			r.stderr.startsWith("pgrep: invalid option -- 'z'\n\nUsage:\n pgrep [options] <pattern>\n"),
		);
		expectRun(
			run([p, "a-very-long-process-name"]),
			1,
			"",
			"pgrep: pattern that searches for process name longer than 15 characters will result in zero matches\n" +
				"Try `pgrep -f' option to match against the complete command line.\n",
		);
	});
});

describe("mount and umount", () => {
	it("lists /proc/self/mountinfo as SRC on TARGET type FSTYPE (OPTIONS), filtered by -t", () => {
		const { run } = host();
		expectRun(
			run(["/bin/mount"]),
			0,
			"rootfs on / type tmpfs (rw,relatime,mode=755)\n" +
				"sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)\n" +
				"proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n" +
				"tmpfs on /tmp type tmpfs (rw,relatime)\n" +
				"tmpfs on /sys/fs/cgroup type tmpfs (rw,relatime,mode=755)\n" +
				"cgroup on /sys/fs/cgroup/cpu type cgroup (rw,relatime,cpu)\n" +
				"cgroup on /sys/fs/cgroup/cpuacct type cgroup (rw,relatime,cpuacct)\n" +
				"cgroup on /sys/fs/cgroup/cpuset type cgroup (rw,relatime,cpuset)\n" +
				"cgroup on /sys/fs/cgroup/memory type cgroup (rw,relatime,memory)\n" +
				"cgroup on /sys/fs/cgroup/devices type cgroup (rw,relatime,devices)\n" +
				"cgroup on /sys/fs/cgroup/freezer type cgroup (rw,relatime,freezer)\n" +
				"cgroup on /sys/fs/cgroup/blkio type cgroup (rw,relatime,blkio)\n" +
				"cgroup on /sys/fs/cgroup/pids type cgroup (rw,relatime,pids)\n" +
				"cgroup on /sys/fs/cgroup/systemd type cgroup (rw,relatime,name=systemd)\n" +
				"cgroup2 on /sys/fs/cgroup/unified type cgroup2 (rw,relatime)\n",
		);
		expectRun(
			run(["/bin/mount", "-t", "proc,cgroup2"]),
			0,
			"proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\ncgroup2 on /sys/fs/cgroup/unified type cgroup2 (rw,relatime)\n",
		);
		expectRun(
			run(["/bin/mount", "-t", "notmpfs,cgroup"]),
			0,
			"sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)\nproc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\ncgroup2 on /sys/fs/cgroup/unified type cgroup2 (rw,relatime)\n",
		);
	});

	it("mounts with options split into flags and data; -v; umount by target or source", () => {
		const { run } = host();
		run(["/bin/mkdir", "/tmp/m", "/tmp/c", "/tmp/cs"]);
		expectRun(
			run(["/bin/mount", "-t", "tmpfs", "-o", "nosuid,size=1m,noexec", "mytmp", "/tmp/m"]),
			0,
			"",
		);
		expectRun(
			run(["/bin/mount", "-t", "tmpfs"]),
			0,
			"rootfs on / type tmpfs (rw,relatime,mode=755)\ntmpfs on /tmp type tmpfs (rw,relatime)\n" +
				"tmpfs on /sys/fs/cgroup type tmpfs (rw,relatime,mode=755)\nmytmp on /tmp/m type tmpfs (rw,nosuid,noexec,relatime,size=1024k)\n",
		);
		expectRun(run(["/bin/mount", "-o", "remount,ro", "/tmp/m"]), 0, "");
		expectRun(
			run(["/bin/mount", "-l", "-t", "tmpfs"]),
			0,
			"rootfs on / type tmpfs (rw,relatime,mode=755)\ntmpfs on /tmp type tmpfs (rw,relatime)\n" +
				"tmpfs on /sys/fs/cgroup type tmpfs (rw,relatime,mode=755)\nmytmp on /tmp/m type tmpfs (ro,nosuid,noexec,relatime,size=1024k)\n",
		);
		expectRun(
			run(["/bin/mount", "-v", "-t", "cgroup", "-o", "none,name=foo", "foo", "/tmp/c"]),
			0,
			"mount: foo mounted on /tmp/c.\n",
		);
		expectRun(run(["/bin/mount", "-t", "cgroup", "-o", "cpuset", "cpuset", "/tmp/cs"]), 0, "");
		const cg = run(["/bin/mount", "-t", "cgroup"]).stdout.split("\n");
		assert.deepEqual(cg.slice(-3), [
			"foo on /tmp/c type cgroup (rw,relatime,name=foo)",
			"cpuset on /tmp/cs type cgroup (rw,relatime,cpuset)",
			"",
		]);
		expectRun(run(["/bin/umount", "-v", "cpuset"]), 0, "", "umount: /tmp/cs (cpuset) unmounted\n");
		expectRun(run(["/bin/umount", "-v", "/tmp/c"]), 0, "", "umount: /tmp/c (foo) unmounted\n");
		expectRun(run(["/bin/umount", "/tmp/m/"]), 0, "");
		expectRun(
			run([
				"/bin/mount",
				"-t",
				"tmpfs",
				"-o",
				"defaults,noauto,user,nofail,_netdev,x-foo=bar,comment=x",
				"none",
				"/tmp/m",
			]),
			0,
			"",
		);
		expectRun(run(["/bin/mount", "-t", "tmpfs", "-o", "ro", "-w", "rw", "/tmp/c"]), 0, "");
		const tm = run(["/bin/mount", "-t", "tmpfs"]).stdout.split("\n");
		assert.deepEqual(tm.slice(-3), [
			"none on /tmp/m type tmpfs (rw,nosuid,nodev,noexec,relatime)",
			"rw on /tmp/c type tmpfs (rw,relatime)",
			"",
		]);
		expectRun(
			run(["/bin/mount", "-v", "--bind", "/tmp/m", "/tmp/cs"]),
			0,
			"mount: /tmp/m bound on /tmp/cs.\n",
		);
		expectRun(run(["/bin/umount", "/tmp/cs", "/tmp/c", "/tmp/m"]), 0, "");
	});

	it("a remount passes the current options first, then the new ones (as libmount does)", () => {
		const { run } = host();
		run(["/bin/mkdir", "/tmp/h"]);
		expectRun(
			run([
				"/bin/mount",
				"-t",
				"cgroup",
				"-o",
				"none,name=x,release_agent=/sbin/a",
				"cg",
				"/tmp/h",
			]),
			0,
			"",
		);
		// The kernel refuses a second release_agent in one option string.
		expectRun(
			run(["/bin/mount", "-o", "remount,release_agent=/sbin/b", "/tmp/h"]),
			32,
			"",
			`mount: /tmp/h: mount point not mounted or bad option.\n${DMESG}`,
		);
		expectRun(
			run(["/bin/mount", "-v", "-o", "remount,ro", "/tmp/h"]),
			0,
			"mount: cg mounted on /tmp/h.\n",
		);
		assert.equal(
			run(["/bin/mount", "-t", "cgroup"]).stdout.split("\n").at(-2),
			"cg on /tmp/h type cgroup (ro,relatime,release_agent=/sbin/a,name=x)",
		);
	});

	it("mount(2) failures: util-linux's messages, status 32", () => {
		const { run } = host();
		run(["/bin/mkdir", "/tmp/m", "/tmp/c"]);
		run(["/bin/touch", "/tmp/f"]);
		const fail = (argv: string[], msg: string): void =>
			expectRun(run(["/bin/mount", ...argv]), 32, "", `mount: ${msg}.\n${DMESG}`);
		fail(["-t", "tmpfs", "none", "/tmp/nonexist"], "/tmp/nonexist: mount point does not exist");
		fail(["-t", "bogusfs", "none", "/tmp/m"], "/tmp/m: unknown filesystem type 'bogusfs'");
		fail(
			["-t", "tmpfs", "-o", "bogusopt", "none", "/tmp/m"],
			"/tmp/m: wrong fs type, bad option, bad superblock on none, missing codepage or helper program, or other error",
		);
		fail(["-t", "tmpfs", "none", "/tmp/f"], "/tmp/f: mount point is not a directory");
		fail(
			["-t", "cgroup", "-o", "cpu,name=systemd", "cgroup", "/tmp/c"],
			"/tmp/c: cgroup already mounted on /sys/fs/cgroup/cpu",
		);
		fail(
			["-t", "cgroup", "-o", "cpu,name=systemd", "xsrc", "/tmp/c"],
			"/tmp/c: xsrc already mounted or mount point busy",
		);
		fail(
			["-t", "cgroup", "-o", "bogus", "cgroup", "/tmp/c"],
			"/tmp/c: wrong fs type, bad option, bad superblock on cgroup, missing codepage or helper program, or other error",
		);
		fail(["-o", "remount,ro", "/tmp/c"], "/tmp/c: mount point not mounted or bad option");
		fail(
			["--bind", "/tmp/nonexist", "/tmp/c"],
			"/tmp/c: special device /tmp/nonexist does not exist",
		);
		fail(["tmpfs", "/tmp/c"], "/tmp/c: special device tmpfs does not exist");
		expectRun(
			run([...AS_NOBODY, "/bin/mount", "-t", "tmpfs", "none", "/tmp/c"]),
			32,
			"",
			`mount: /tmp/c: must be superuser to use mount.\n${DMESG}`,
		);
	});

	it("usage errors and /etc/fstab lookups exit 1", () => {
		const { run } = host();
		expectRun(
			run(["/bin/mount", "a", "b", "c"]),
			1,
			"",
			"mount: bad usage\nTry 'mount --help' for more information.\n",
		);
		expectRun(
			run(["/bin/mount", "--bind"]),
			1,
			"",
			"mount: bad usage\nTry 'mount --help' for more information.\n",
		);
		expectRun(run(["/bin/mount", "/tmp"]), 1, "", "mount: /tmp: can't find in /etc/fstab.\n");
		expectRun(
			run(["/bin/mount", "-z"]),
			1,
			"",
			"mount: invalid option -- 'z'\nTry 'mount --help' for more information.\n",
		);
		expectRun(
			run(["/bin/umount"]),
			1,
			"",
			"umount: bad usage\nTry 'umount --help' for more information.\n",
		);
	});

	it("umount failures: 32 each, summed; restricted mode for non-root", () => {
		const { run } = host();
		run(["/bin/mkdir", "/tmp/m", "/tmp/c"]);
		run(["/bin/mount", "-t", "tmpfs", "src", "/tmp/m"]);
		expectRun(run(["/bin/umount", "/tmp/c"]), 32, "", "umount: /tmp/c: not mounted.\n");
		expectRun(
			run(["/bin/umount", "/tmp/nonexist"]),
			32,
			"",
			"umount: /tmp/nonexist: no mount point specified.\n",
		);
		expectRun(
			run(["/bin/umount", "/tmp/c", "/tmp/nonexist"]),
			64,
			"",
			"umount: /tmp/c: not mounted.\numount: /tmp/nonexist: no mount point specified.\n",
		);
		expectRun(run(["/bin/umount", "/tmp"]), 32, "", "umount: /tmp: target is busy.\n");
		expectRun(
			run([...AS_NOBODY, "/bin/umount", "/tmp/m"]),
			32,
			"",
			"umount: /tmp/m: must be superuser to unmount.\n",
		);
		expectRun(
			run([...AS_NOBODY, "/bin/umount", "/tmp/c"]),
			1,
			"",
			"umount: /tmp/c: not mounted.\n",
		);
		expectRun(
			run([...AS_NOBODY, "/bin/umount", "src"]),
			1,
			"",
			"umount: src: No such file or directory\n",
		);
		// The messages name the canonical target, not the operand.
		expectRun(
			run([...AS_NOBODY, "/bin/umount", "m"], { cwd: "/tmp" }),
			32,
			"",
			"umount: /tmp/m: must be superuser to unmount.\n",
		);
		expectRun(
			run([...AS_NOBODY, "/bin/umount", "../tmp/c"], { cwd: "/tmp" }),
			1,
			"",
			"umount: /tmp/c: not mounted.\n",
		);
	});
});

describe("setpriv", () => {
	it("changes groups, gids and uids, then execs from PATH", () => {
		const { run } = host();
		const sp = "/usr/bin/setpriv";
		expectRun(
			run([sp, "--reuid", "nobody", "--regid", "nogroup", "--clear-groups", "id"]),
			0,
			"uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n",
		);
		expectRun(
			run([sp, "--reuid", "65534", "--init-groups", "/usr/bin/id"]),
			0,
			"uid=65534(nobody) gid=0(root) groups=0(root),65534(nogroup)\n",
		);
		expectRun(
			run([sp, "--groups", "root,nogroup", "--regid", "5", "id"]),
			0,
			"uid=0(root) gid=5 groups=5,0(root),65534(nogroup)\n",
		);
		expectRun(run([sp, "--reuid", "5", "--", "id", "-u"]), 0, "5\n");
	});

	it("cannot regain root: the saved uid follows the effective one", () => {
		const { run } = host();
		expectRun(
			run([...AS_NOBODY, "/usr/bin/setpriv", "--reuid", "0", "/usr/bin/id"]),
			127,
			"",
			"setpriv: setresuid failed: Operation not permitted\n",
		);
	});

	it("-d dumps the credentials", () => {
		const { run } = host();
		expectRun(
			run([...AS_NOBODY, "/usr/bin/setpriv", "-d"]),
			0,
			"uid: 65534\neuid: 65534\ngid: 65534\negid: 65534\nSupplementary groups: [none]\nno_new_privs: 0\n" +
				"Inheritable capabilities: [none]\nAmbient capabilities: [none]\n" +
				"Capability bounding set: chown,dac_override,dac_read_search,fowner,fsetid,kill,setgid,setuid,setpcap," +
				"linux_immutable,net_bind_service,net_broadcast,net_admin,net_raw,ipc_lock,ipc_owner,sys_module,sys_rawio," +
				"sys_chroot,sys_ptrace,sys_pacct,sys_admin,sys_boot,sys_nice,sys_time,sys_tty_config,mknod,lease,audit_write," +
				"audit_control,setfcap,mac_override,mac_admin,syslog,wake_alarm,block_suspend,audit_read,perfmon,bpf," +
				"checkpoint_restore\nSecurebits: [none]\nParent death signal: [none]\n",
		);
	});

	it("errors", () => {
		const { run } = host();
		const sp = "/usr/bin/setpriv";
		expectRun(run([sp]), 1, "", "setpriv: No program specified\n");
		expectRun(
			run([sp, "--reuid", "bogus", "id"]),
			1,
			"",
			"setpriv: failed to parse reuid: 'bogus'\n",
		);
		expectRun(
			run([sp, "--regid", "bogus", "id"]),
			1,
			"",
			"setpriv: failed to parse regid: 'bogus'\n",
		);
		expectRun(run([sp, "--reuid", "5", "--ruid", "6", "id"]), 1, "", "setpriv: duplicate ruid\n");
		expectRun(
			run([sp, "--clear-groups", "--keep-groups", "id"]),
			1,
			"",
			"setpriv: mutually exclusive arguments: --clear-groups --keep-groups --init-groups --groups\n",
		);
		expectRun(
			run([sp, "--regid", "5", "id"]),
			1,
			"",
			"setpriv: --[re]gid requires --keep-groups, --clear-groups, --init-groups, or --groups\n",
		);
		expectRun(
			run([sp, "--init-groups", "id"]),
			1,
			"",
			"setpriv: --init-groups requires --ruid or --reuid\n",
		);
		expectRun(
			run([sp, "--groups", "5,bogus", "--regid", "5", "id"]),
			1,
			"",
			"setpriv: Invalid supplementary group id: 'bogus'\n",
		);
		expectRun(
			run([sp, "nonexistcmd"]),
			127,
			"",
			"setpriv: failed to execute nonexistcmd: No such file or directory\n",
		);
		expectRun(
			run([sp, "/etc/passwd"]),
			126,
			"",
			"setpriv: failed to execute /etc/passwd: Permission denied\n",
		);
		expectRun(
			run([sp, "-d", "--nnp"]),
			1,
			"",
			"setpriv: --dump is incompatible with all other options\n",
		);
		expectRun(
			run([sp, "-z"]),
			1,
			"",
			"setpriv: invalid option -- 'z'\nTry 'setpriv --help' for more information.\n",
		);
	});
});

describe("stress-ng", () => {
	it("forks named workers (vm and bigheap with a child), stops them at the timeout, reaps them", () => {
		const { sys, shell, run } = host();
		const t = spawn(
			sys,
			shell,
			[
				"/usr/bin/stress-ng",
				"--cpu",
				"1",
				"--vm",
				"2",
				"--vm-bytes",
				"1M",
				"--vm-keep",
				"--fork",
				"1",
				"--bigheap",
				"1",
				"--timeout",
				"10",
			],
			"/tmp/stress.out",
		);
		run(["/bin/sleep", "1"]);
		expectRun(
			run(["/bin/ps", "-o", "pid,ppid,stat,comm", "--ppid", String(t.pid), "-p", String(t.pid)]),
			0,
			"  PID  PPID STAT COMMAND\n" +
				"    4     3 S    stress-ng\n" +
				// The cpu worker keeps a CPU busy: TASK_RUNNING.
				"    6     4 R    stress-ng-cpu\n" +
				"    7     4 S    stress-ng-vm\n" +
				"    8     4 S    stress-ng-vm\n" +
				"    9     4 S    stress-ng-fork\n" +
				"   10     4 S    stress-ng-bighe\n",
		);
		expectRun(run(["/bin/pgrep", "-P", "7,8,10"]), 0, "11\n12\n13\n");
		run(["/bin/sleep", "10"]);
		assert.equal(t.exitCode, 0);
		expectRun(run(["/bin/pgrep", "stress-ng-"]), 1, "");
		assert.equal(
			sys.vfs.readFile(sys.kernel.init, "/tmp/stress.out"),
			"stress-ng: info:  [4] setting to a 10 second run per stressor\n" +
				"stress-ng: info:  [4] dispatching hogs: 1 cpu, 2 vm, 1 fork, 1 bigheap\n" +
				"stress-ng: info:  [4] successful run completed in 10.01s\n",
		);
	});

	it("SIGINT ends the run early, as a successful one", () => {
		const { sys, shell, run } = host();
		const t = spawn(
			sys,
			shell,
			["/usr/bin/stress-ng", "--vm", "1", "--timeout", "100"],
			"/tmp/stress.out",
		);
		run(["/bin/sleep", "2"]);
		expectRun(run(["/bin/kill", "-INT", String(t.pid)]), 0, "");
		run(["/bin/sleep", "1"]);
		assert.equal(t.exitCode, 0);
		expectRun(run(["/bin/pgrep", "-P", String(t.pid)]), 1, "");
		assert.equal(
			sys.vfs.readFile(sys.kernel.init, "/tmp/stress.out").split("\n")[2],
			"stress-ng: info:  [4] successful run completed in 2.01s",
		);
	});

	it("timeouts worded as stress-ng words them; -q; --dry-run", () => {
		const { run } = host();
		const line = (r: ProgramRun): string => r.stderr.split("\n")[0]!.replace(/\[[0-9]+\] /, "");
		expectRun(run(["/usr/bin/stress-ng", "-q", "--cpu", "1", "--timeout", "1"]), 0, "", "");
		const cases: [string, string][] = [
			["59", "setting to a 59 second run per stressor"],
			["60", "setting to a 60 second run per stressor"],
			["90s", "setting to a 90 second (1 min, 30.00 secs) run per stressor"],
			["2m", "setting to a 120 second (2 mins, 0.00 secs) run per stressor"],
			["3661", "setting to a 3661 second (1 hour, 1 min, 1.00 secs) run per stressor"],
			["2d", "setting to a 172800 second (2 days, 0.00 secs) run per stressor"],
			[
				"1y",
				"setting to a 31556926 second (365 days, 5 hours, 48 mins, 46.00 secs) run per stressor",
			],
		];
		for (const [timeout, want] of cases) {
			assert.equal(
				line(run(["/usr/bin/stress-ng", "--cpu", "1", "--timeout", timeout, "--dry-run"])),
				`stress-ng: info:  ${want}`,
			);
		}
		const dry = run(["/usr/bin/stress-ng", "--cpu", "1", "--timeout", "90", "--dry-run"]);
		const pid = /\[([0-9]+)\]/.exec(dry.stderr)?.[1];
		expectRun(
			dry,
			0,
			"",
			`stress-ng: info:  [${pid}] setting to a 90 second (1 min, 30.00 secs) run per stressor\n` +
				`stress-ng: info:  [${pid}] dispatching hogs: 1 cpu\n` +
				`stress-ng: info:  [${pid}] successful run completed in 0.00s\n`,
		);
	});

	it("errors", () => {
		const { run } = host();
		const s = "/usr/bin/stress-ng";
		expectRun(
			run([s]),
			1,
			"",
			"stress-ng: info:  [4] defaulting to a 86400 second (1 day, 0.00 secs) run per stressor\n" +
				"stress-ng: error: [4] No stress workers invoked\n",
		);
		expectRun(run([s, "--cpu", "1", "--timeout", "bogus"]), 1, "", "Invalid number bogus\n");
		expectRun(run([s, "--cpu", "1", "--timeout", "10x"]), 1, "", "Illegal time specifier x\n");
		expectRun(run([s, "--vm", "1", "--vm-bytes", "1x"]), 1, "", "Illegal length specifier x\n");
		expectRun(
			run([s, "--vm", "1", "--vm-bytes", "1"]),
			1,
			"",
			"Value 1.0B is out of range for vm-bytes, allowed: 4.0KB .. 256.0TB\n",
		);
		expectRun(run([s, "--cpu", "x"]), 1, "", "Value x contains non-numeric: 'x'\n");
		expectRun(
			run([s, "--bogus"]),
			1,
			"Try 'stress-ng --help' for more information.\n",
			"stress-ng: unrecognized option '--bogus'\n",
		);
	});
});
