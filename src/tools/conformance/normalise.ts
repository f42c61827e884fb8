/**
 * Making the outputs of one script on two hosts comparable. Applied the same
 * way to both sides:
 * - the run's unique prefix becomes "PREFIX" (so /tmp/PREFIX, /PREFIX/a);
 * - a line "@pid NAME NUMBER" registers a name for a pid and is dropped;
 * - pids (numbers in [pidBase, pidBase + PID_SPAN), the range the sandbox's
 *   pid namespace and the emulated host hand out) become the registered
 *   name, "$$" for the script's shell, or PID1, PID2, ... in order of first
 *   appearance;
 * - hierarchy ids above those of the booted host (private hierarchies the
 *   script mounts get whatever id the kernel's idr gives next) become H1,
 *   H2, ... in order of first appearance, in /proc/<pid>/cgroup and
 *   /proc/cgroups lines;
 * - an error message, a line ending in ": <strerror text>", becomes that
 *   strerror text alone; except the failed write of a shell builtin
 *   ("sh: 3: echo: echo: ..."), which becomes "<builtin>: write error": dash
 *   says "I/O error" whatever the errno, cgkit sh names the errno (as issue
 *   3 asks), so only the failure itself compares. Scenarios that check an
 *   errno write with /bin/echo, as the kernel's documentation does.
 */
import { ERRNO_NAMES, strerror } from "../../kernel/errno.ts";

/** How many pids after the base count as the script's. */
export const PID_SPAN = 2700;

export interface NormaliseContext {
	readonly prefix: string;
	readonly pidBase: number;
	/** The highest hierarchy id of the booted host. */
	readonly maxHierarchyId: number;
}

const STRERRORS: ReadonlySet<string> = new Set(ERRNO_NAMES.map(strerror));

const REGISTER = /^@pid (\S+) (\d+)$/;
/** A line of /proc/<pid>/cgroup: "id:controllers:path". */
const CGROUP_LINE = /^(\d+)(:[^:]*:.*)$/;
/** A row of /proc/cgroups: "name<TAB>hierarchy<TAB>num_cgroups<TAB>enabled". */
const PROC_CGROUPS_ROW = /^([a-z_]+\t)(\d+)(\t\d+\t[01])$/;

/** Replace every occurrence of `from` in `s`. */
function replaceAll(s: string, from: string, to: string): string {
	return from === "" ? s : s.split(from).join(to);
}

/** dash's report of a builtin whose output failed: "sh: 3: echo: echo: I/O error". */
const BUILTIN_WRITE_ERROR = /^[^:]*: \d+: ([a-z]+): \1: (.*)$/;

/** The strerror text an error-message line ends with, or the line itself. */
export function reduceErrorLine(line: string): string {
	const b = BUILTIN_WRITE_ERROR.exec(line);
	if (b !== null && (b[2] === "I/O error" || STRERRORS.has(b[2]!))) return `${b[1]}: write error`;
	for (let i = line.lastIndexOf(": "); i >= 0; i = line.lastIndexOf(": ", i - 1)) {
		const tail = line.slice(i + 2);
		if (STRERRORS.has(tail)) return tail;
		if (i === 0) break;
	}
	return line;
}

export function normalise(output: string, ctx: NormaliseContext): string {
	const endsWithNewline = output.endsWith("\n");
	const lines = replaceAll(output, ctx.prefix, "PREFIX").split("\n");
	if (endsWithNewline) lines.pop();
	const pidNames = new Map<number, string>([[ctx.pidBase, "$$"]]);
	const kept: string[] = [];
	for (const line of lines) {
		const m = REGISTER.exec(line);
		if (m === null) kept.push(line);
		else pidNames.set(Number(m[2]), m[1]!);
	}
	let nextPid = 1;
	const hierarchyNames = new Map<string, string>();
	const hierarchy = (id: string): string => {
		if (Number(id) <= ctx.maxHierarchyId) return id;
		let name = hierarchyNames.get(id);
		if (name === undefined) {
			name = `H${hierarchyNames.size + 1}`;
			hierarchyNames.set(id, name);
		}
		return name;
	};
	const out = kept.map((raw) => {
		let line = raw;
		const c = CGROUP_LINE.exec(line);
		if (c !== null) line = hierarchy(c[1]!) + c[2]!;
		const p = PROC_CGROUPS_ROW.exec(line);
		if (p !== null) line = p[1]! + hierarchy(p[2]!) + p[3]!;
		line = line.replace(/\b\d+\b/g, (digits) => {
			const n = Number(digits);
			if (n < ctx.pidBase || n >= ctx.pidBase + PID_SPAN || digits !== String(n)) return digits;
			let name = pidNames.get(n);
			if (name === undefined) {
				name = `PID${nextPid++}`;
				pidNames.set(n, name);
			}
			return name;
		});
		return reduceErrorLine(line);
	});
	return out.join("\n") + (endsWithNewline ? "\n" : "");
}

/**
 * What a run observed, as compared and recorded: the normalised output and
 * a last line with the exit status (or that the run timed out).
 */
export function observation(
	run: { readonly output: string; readonly status: number; readonly timedOut: boolean },
	ctx: NormaliseContext,
): string {
	const text = normalise(run.output, ctx);
	const sep = text === "" || text.endsWith("\n") ? "" : "\n[no newline at end]\n";
	return `${text}${sep}${run.timedOut ? "[timed out]" : `[exit ${run.status}]`}\n`;
}
