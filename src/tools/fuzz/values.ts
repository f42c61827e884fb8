/**
 * The pools the fuzzer draws names and written values from, weighted toward
 * the edges: parsing limits of kstrtoint/kstrtoull (signs, bases, overflow,
 * whitespace, a NUL inside the buffer), kernfs' write limit (E2BIG), names
 * the VFS and kernfs treat specially.
 *
 * A written value is a list of parts: byte strings, and references to world
 * tasks that become the task's pid when the value is written (in decimal,
 * hex or octal, all of which kstrtoint(…, 0) reads as the same number). A
 * value whose number is something other than an own task's pid or a number
 * no process can have is marked unsafe for the real host, where it could
 * name a process of someone else.
 */

export interface PidRef {
	/** Index in the world's task list. */
	readonly task: number;
	/** How the pid is spelled: decimal, 0x-hex, 0-octal. */
	readonly base: 10 | 16 | 8;
}

export type ValuePart = string | PidRef;

export interface ValueSpec {
	readonly parts: readonly ValuePart[];
	/** The number the kernel reads may be a pid of a process that is not ours. */
	readonly unsafe?: boolean;
}

/** Common cgroup names, so that collisions (EEXIST, renames onto siblings) happen often. */
export const COMMON_NAMES = ["a", "b", "c", "d"] as const;

/** Names at the edges of what mkdir, rename and kernfs accept. */
export const ODD_NAMES: readonly string[] = [
	".",
	"..",
	"...",
	".h",
	" ",
	"a b",
	"\t",
	"a\nb",
	"\n",
	"*",
	"-x",
	"--",
	"a:b",
	"a,b",
	"a=b",
	"\\",
	"'",
	'"',
	"$x",
	"%s",
	"é",
	"tasks",
	"cgroup.procs",
	"notify_on_release",
	"release_agent",
	"cgroup.clone_children",
	"cpu.shares",
	"x".repeat(255),
	"x".repeat(256),
	"y".repeat(4100),
];

/** The numbers no process can have on any Linux host (pid_max is at most 2^22). */
export const IMPOSSIBLE_PIDS: readonly string[] = ["99999999", "4194305", "2147483647"];

/** Literal values for a pid file that name no existing process (or the writer). */
export const PID_JUNK: readonly string[] = [
	"0",
	"0\n",
	" 0 ",
	"00",
	"+0",
	"-0",
	"-1",
	"-2147483648",
	"2147483648",
	"4294967296",
	"99999999999999999999",
	...IMPOSSIBLE_PIDS,
	"",
	" ",
	"\n",
	"\n\n",
	"abc",
	"0x",
	"0x-1",
	"1e3",
	"0 0",
	"0\n0",
	"\x00",
	"0\x00junk",
	"0".repeat(4096),
	"0".repeat(4097),
];

/** Values for the kstrtoull flag files (notify_on_release, cgroup.clone_children). */
export const FLAG_VALUES: readonly string[] = [
	"0",
	"1",
	"1\n",
	"0\n",
	"2",
	"-1",
	"+1",
	" 1",
	"1 ",
	"1\n\n",
	"0x1",
	"01",
	"08",
	"0b1",
	"max",
	"abc",
	"",
	"\n",
	"9223372036854775807",
	"18446744073709551615",
	"18446744073709551616",
	"1\x00x",
	"1".repeat(4096),
	"1".repeat(4097),
];

/** Values for release_agent (root of a private hierarchy only; /bin/true is harmless). */
export const AGENT_VALUES: readonly string[] = [
	"/bin/true",
	"/bin/true\n",
	" /bin/true \n",
	"",
	"\n",
	"/nonexistent/agent",
	"relative",
	"/bin/true\x00junk",
	`/${"a".repeat(4094)}`,
	`/${"a".repeat(4095)}`,
];

/** Values for any other control file (controller files added later get these). */
export const GENERIC_VALUES: readonly string[] = [
	"",
	"0",
	"1",
	"-1",
	"max",
	"max\n",
	"9223372036854775807",
	"18446744073709551616",
	" 1\n",
	"1 2",
	"abc",
	"+cpu",
	"-cpu",
	"+memory +pids",
	"threaded",
	"domain",
	"100000 100000",
	"1:2 rwm",
	"a *:* rwm",
	"\x00",
	"x".repeat(4096),
	"x".repeat(4097),
];

/**
 * Shapes of a value around one or two pids. `t` and `u` stand for task
 * references; `unsafe` marks the shapes the kernel reads as a different
 * number than the pid.
 */
export interface PidShape {
	readonly parts: readonly (string | "$t" | "$u" | "$tx" | "$to")[];
	readonly unsafe?: boolean;
}

export const PID_SHAPES: readonly PidShape[] = [
	{ parts: ["$t"] },
	{ parts: ["$t"] },
	{ parts: ["$t"] },
	{ parts: ["$t", "\n"] },
	{ parts: [" ", "$t", "\n"] },
	{ parts: ["\t", "$t", " "] },
	{ parts: ["$t", "\n\n"] },
	{ parts: ["+", "$t"] },
	{ parts: ["-", "$t"] },
	{ parts: ["$t", " ", "$u"] },
	{ parts: ["$t", "\n", "$u"] },
	{ parts: ["$t", ",", "$u"] },
	{ parts: ["$tx"] },
	{ parts: ["$to"] },
	{ parts: ["$t", "x"] },
	{ parts: ["$t", "\x00", "junk"] },
	{ parts: [" ".repeat(4000), "$t"] },
	{ parts: ["$t", " ".repeat(4100)] },
	{ parts: ["0", "$t"], unsafe: true },
	{ parts: ["$t", "0"], unsafe: true },
];

/** The bytes a value writes, given each task's pid (null for a task that never existed). */
export function valueBytes(v: ValueSpec, pidOf: (task: number) => number): string {
	let out = "";
	for (const p of v.parts) {
		if (typeof p === "string") {
			out += p;
			continue;
		}
		const pid = pidOf(p.task);
		out +=
			p.base === 16 ? `0x${pid.toString(16)}` : p.base === 8 ? `0${pid.toString(8)}` : `${pid}`;
	}
	return out;
}

/** The length of a value without resolving pids (pids counted as 7 digits). */
export function valueLength(v: ValueSpec): number {
	let n = 0;
	for (const p of v.parts) n += typeof p === "string" ? p.length : 7;
	return n;
}
