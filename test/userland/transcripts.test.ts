/**
 * Transcript tests: the shell examples of the kernel's cgroup v1
 * documentation (Documentation/admin-guide/cgroup-v1/cgroups.rst, Linux
 * 6.12), typed into `cgkit sh` on an emulated host, with exactly what Linux
 * prints for them.
 *
 * Each file in test/userland/transcripts/ holds one section of the document
 * as one or more sessions. A session is a fresh host and one root shell.
 *
 * The format, line by line:
 *
 * - `#! session <title>` starts a session.
 * - `#! boot <options>` gives its boot options, as `cgkit` takes them:
 *   `--layout hybrid|v2|bare`, `--cpus N`, `--nodes N`, `--seed N`.
 *   Required once per session, before its first command.
 * - `# <command>` is a command typed at the root prompt, verbatim from the
 *   document (the document's own `#` prompt, or a line of a prompt-less
 *   example). Its comment lines (`# # The next line ...`) are commands too:
 *   shell comments, which print nothing.
 * - `#+ <command>` is a command the document does not show: setup it takes
 *   for granted, or a check that shows the effect the document describes.
 * - `> <text>` continues the command above when that line ends with `\`
 *   (what the shell prompts for with PS2).
 * - Every other non-blank line is a line of the command's expected output:
 *   standard output and standard error as they interleave (the session runs
 *   with `exec 2>&1`). A leading `\` is dropped, so `\#subsys_name` is an
 *   output line starting with `#`. Blank lines are ignored; an empty output
 *   line is written `{blank}`. Placeholders, resolved per command:
 *   - `{$$}`, `{$PPID}`, `{$!}`: the value of that parameter in the shell
 *     that runs the command, just before it runs (`{$!}` is the last
 *     background job started);
 *   - `{pid}`: any process id (a decimal number, for processes the session
 *     cannot name, like the `cat` that lists a tasks file).
 * - Directives about the command above (they may come before or after its
 *   output lines):
 *   - `#! status N`: its exit status; 0 when not given.
 *   - `#! pending <issue>: <why>`: the output and status given are what
 *     Linux prints, but cgkit cannot print them until that issue is done
 *     (typically a controller's own files). The command still runs, so the
 *     session goes on as on Linux, and its check is reported as a TODO test:
 *     it does not fail the suite, and once it passes the marker should go.
 *     Later commands whose output depends on it are marked as well.
 *   - `#! subshell`: the command starts a shell (the document's `sh`), and
 *     every later command of the session is typed into that shell. It must
 *     be a one-line simple command; the test feeds the rest of the session
 *     to it as its standard input (a here-document).
 * - `#! note <text>`: a remark for the reader (where the expected output
 *   comes from); the test ignores it.
 *
 * How a session runs: the test turns it into one script for
 * `sh -c <script>`, one command per line as typed, so the shell's own
 * error messages carry the same line number ("sh: 12: ...") as in an
 * interactive session that started with that command. Each line starts
 * with a marker, `echo "@@<token> <level> <index> $? $$ $PPID $!";`, which
 * separates the outputs and reports the status of the command before it;
 * each shell ends with an `end` marker. The output between two markers
 * belongs to the command after the first one.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runShell } from "../../src/userland/run.ts";

// ---- transcript format (parse, script, split) ----

type Layout = "hybrid" | "v2" | "bare";

interface BootSpec {
	layout: Layout;
	cpus?: number;
	nodes?: number;
	seed?: number;
}

interface Step {
	/** Position in the session, from 0. */
	readonly index: number;
	/** Line of the transcript file the command starts on. */
	readonly fileLine: number;
	/** The command's lines (more than one with `\` continuations). */
	readonly lines: string[];
	/** Verbatim from the document (`# `), or added (`#+ `). */
	readonly fromDoc: boolean;
	/** 0 for the session's shell, 1 inside the first `#! subshell`, ... */
	readonly level: number;
	readonly expected: string[];
	status: number;
	pending: string | null;
	subshell: boolean;
}

interface Session {
	readonly file: string;
	readonly title: string;
	readonly fileLine: number;
	boot: BootSpec | null;
	readonly steps: Step[];
}

function fail(file: string, line: number, message: string): never {
	throw new Error(`${file}:${line}: ${message}`);
}

function parseBoot(file: string, line: number, text: string): BootSpec {
	const words = text.split(/\s+/).filter((w) => w !== "");
	const spec: BootSpec = { layout: "hybrid" };
	for (let i = 0; i < words.length; i += 2) {
		const key = words[i]!;
		const value = words[i + 1];
		if (value === undefined) fail(file, line, `boot option ${key} has no value`);
		if (key === "--layout") {
			if (value !== "hybrid" && value !== "v2" && value !== "bare") {
				fail(file, line, `unknown layout ${value}`);
			}
			spec.layout = value;
			continue;
		}
		if (!/^\d+$/.test(value)) fail(file, line, `boot option ${key} wants a number`);
		const n = Number(value);
		if (key === "--cpus") spec.cpus = n;
		else if (key === "--nodes") spec.nodes = n;
		else if (key === "--seed") spec.seed = n;
		else fail(file, line, `unknown boot option ${key}`);
	}
	return spec;
}

function parseTranscript(file: string, text: string): Session[] {
	const sessions: Session[] = [];
	let session: Session | null = null;
	let step: Step | null = null;
	let level = 0;
	const lines = text.split("\n");
	if (lines.at(-1) === "") lines.pop();
	lines.forEach((raw, i) => {
		const n = i + 1;
		const needStep = (what: string): Step => {
			if (step === null) fail(file, n, `${what} before any command`);
			return step;
		};
		if (raw.startsWith("#!")) {
			const m = /^#! (\w+)(?: (.*))?$/.exec(raw);
			if (m === null) fail(file, n, `bad directive: ${raw}`);
			const arg = m[2] ?? "";
			switch (m[1]) {
				case "note":
					return;
				case "session":
					if (arg === "") fail(file, n, "a session needs a title");
					session = { file, title: arg, fileLine: n, boot: null, steps: [] };
					sessions.push(session);
					step = null;
					level = 0;
					return;
				case "boot":
					if (session === null) fail(file, n, "boot outside a session");
					if (session.boot !== null || session.steps.length > 0) {
						fail(file, n, "boot must come once, before the session's first command");
					}
					session.boot = parseBoot(file, n, arg);
					return;
				case "status": {
					if (!/^\d+$/.test(arg)) fail(file, n, "status wants a number");
					needStep("status").status = Number(arg);
					return;
				}
				case "pending":
					if (arg === "") fail(file, n, "pending needs an issue and a reason");
					needStep("pending").pending = arg;
					return;
				case "subshell": {
					const s = needStep("subshell");
					if (s.lines.length !== 1) fail(file, n, "a subshell command must be one line");
					s.subshell = true;
					level += 1;
					return;
				}
				default:
					fail(file, n, `unknown directive ${m[1]}`);
			}
		}
		if (raw.startsWith("# ") || raw.startsWith("#+ ")) {
			if (session === null) fail(file, n, "command outside a session");
			if (session.boot === null) fail(file, n, "command before the session's boot line");
			const fromDoc = raw.startsWith("# ");
			step = {
				index: session.steps.length,
				fileLine: n,
				lines: [raw.slice(fromDoc ? 2 : 3)],
				fromDoc,
				level,
				expected: [],
				status: 0,
				pending: null,
				subshell: false,
			};
			session.steps.push(step);
			return;
		}
		if (raw.startsWith("#")) fail(file, n, `a line starting with # must be "# ", "#+ " or "#! "`);
		if (raw.startsWith("> ") && step !== null && step.expected.length === 0) {
			const last = step.lines.at(-1)!;
			if (last.endsWith("\\")) {
				step.lines.push(raw.slice(2));
				return;
			}
		}
		if (raw.trim() === "") return;
		const s = needStep("output");
		s.expected.push(raw.startsWith("\\") ? raw.slice(1) : raw);
	});
	for (const s of sessions) {
		if (s.boot === null) fail(file, s.fileLine, "session without a boot line");
		if (s.steps.length === 0) fail(file, s.fileLine, "session without commands");
	}
	return sessions;
}

/** The marker token: nothing a command prints contains it. */
const TOKEN = "cgkit-transcript-7d1e";

function marker(level: number, index: number | "end"): string {
	return `echo "@@${TOKEN} ${level} ${index} $? $$ $PPID $!"`;
}

/** The script that types a session's commands, one per line, with markers. */
function sessionScript(session: Session): string {
	const out: string[] = [];
	const steps = session.steps;
	const emit = (from: number, level: number): void => {
		for (let k = from; k < steps.length; k++) {
			const s = steps[k]!;
			if (s.level !== level) throw new Error(`step ${k}: level ${s.level}, expected ${level}`);
			const prefix = k === 0 ? `exec 2>&1; ${marker(level, k)}; ` : `${marker(level, k)}; `;
			if (!s.subshell) {
				out.push(prefix + s.lines[0]!, ...s.lines.slice(1));
				continue;
			}
			const delimiter = `@@${TOKEN}-EOF-${level + 1}`;
			out.push(`${prefix}${s.lines[0]!} <<'${delimiter}'`);
			emit(k + 1, level + 1);
			out.push(delimiter);
			break;
		}
		out.push(marker(level, "end"));
	};
	emit(0, 0);
	return `${out.join("\n")}\n`;
}

interface StepResult {
	output: string;
	status: number | null;
	/** $$, $PPID and $! of the shell that ran the command, just before it ran. */
	vars: { pid: string; ppid: string; bang: string } | null;
}

interface SessionResult {
	readonly steps: StepResult[];
	/** Output before the first marker (there should be none). */
	readonly leading: string;
	/** Levels whose end marker was seen. */
	readonly ended: Set<number>;
}

/** Split a session's combined output into its commands' outputs and statuses. */
function splitOutput(session: Session, text: string): SessionResult {
	const steps: StepResult[] = session.steps.map(() => ({ output: "", status: null, vars: null }));
	const re = new RegExp(`@@${TOKEN} (\\d+) (\\d+|end) (\\d+) (\\d*) (\\d*) (\\d*)\\n`, "g");
	/** The command last started at each level, while that level's shell runs. */
	const running = new Map<number, number>();
	const ended = new Set<number>();
	let current: number | null = null;
	let leading = "";
	let pos = 0;
	const flush = (upTo: number): void => {
		const chunk = text.slice(pos, upTo);
		if (current === null) leading += chunk;
		else steps[current]!.output += chunk;
	};
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		flush(m.index);
		pos = m.index + m[0].length;
		const level = Number(m[1]);
		const prev = running.get(level);
		if (prev !== undefined) steps[prev]!.status = Number(m[3]);
		if (m[2] === "end") {
			running.delete(level);
			ended.add(level);
			current = running.get(level - 1) ?? null;
			continue;
		}
		const index = Number(m[2]);
		running.set(level, index);
		current = index;
		steps[index]!.vars = { pid: m[4]!, ppid: m[5]!, bang: m[6]! };
	}
	flush(text.length);
	return { steps, leading, ended };
}

/**
 * The expected output of a step with its placeholders resolved. A `{pid}`
 * takes the actual line's value when the actual line has that shape, so a
 * mismatch shows as a plain text difference.
 */
function resolveExpected(step: Step, result: StepResult): string {
	const vars = result.vars;
	const actualLines = result.output.split("\n");
	const lines = step.expected.map((line, i) => {
		if (line === "{blank}") return "";
		let text = line;
		if (vars !== null) {
			text = text
				.replaceAll("{$$}", vars.pid)
				.replaceAll("{$PPID}", vars.ppid)
				.replaceAll("{$!}", vars.bang);
		}
		if (!text.includes("{pid}")) return text;
		const pattern = new RegExp(
			`^${text
				.split("{pid}")
				.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
				.join("[1-9][0-9]*")}$`,
		);
		const actual = actualLines[i];
		return actual !== undefined && pattern.test(actual) ? actual : text;
	});
	return lines.map((l) => `${l}\n`).join("");
}

/** What the test calls a step: its index, whether the document shows it, the command. */
function stepTitle(step: Step): string {
	const origin = step.fromDoc ? "doc" : "added";
	return `${step.index} (${origin}, line ${step.fileLine}): ${step.lines.join(" ")}`;
}

// ---- end of transcript format ----

const DIR = fileURLToPath(new URL("transcripts", import.meta.url));
const FILES = readdirSync(DIR)
	.filter((f) => f.endsWith(".txt"))
	.sort();

interface Run {
	readonly split: SessionResult;
	readonly status: number;
	readonly stderr: string;
}

async function runSession(session: Session): Promise<Run> {
	const boot = session.boot!;
	const options: Parameters<typeof runShell>[0] = {
		args: ["-c", sessionScript(session)],
		stdin: "",
		layout: boot.layout,
	};
	if (boot.cpus !== undefined) options.cpus = boot.cpus;
	if (boot.nodes !== undefined) options.nodes = boot.nodes;
	if (boot.seed !== undefined) options.seed = boot.seed;
	const result = await runShell(options);
	return {
		split: splitOutput(session, result.stdout),
		status: result.status,
		stderr: result.stderr,
	};
}

describe("transcripts of Documentation/admin-guide/cgroup-v1/cgroups.rst", () => {
	it("has transcript files", () => {
		assert.ok(FILES.length > 0);
	});
	for (const file of FILES) {
		const sessions = parseTranscript(file, readFileSync(join(DIR, file), "utf8"));
		for (const session of sessions) {
			describe(`${file}: ${session.title}`, () => {
				let result: Run | null = null;
				let failure: unknown = null;
				before(
					async () => {
						try {
							result = await runSession(session);
						} catch (e) {
							failure = e;
						}
					},
					{ timeout: 60_000 },
				);
				const get = (): Run => {
					if (failure !== null) throw failure;
					assert.ok(result !== null);
					return result;
				};

				it("runs every command, and prints nothing outside them", () => {
					const run = get();
					assert.equal(run.stderr, "", "standard error (the session starts with exec 2>&1)");
					assert.equal(run.status, 0, "the session's exit status (its last command is an echo)");
					const r = run.split;
					assert.equal(r.leading, "");
					const levels = Math.max(...session.steps.map((s) => s.level));
					for (let l = 0; l <= levels; l++) assert.ok(r.ended.has(l), `shell level ${l} ended`);
					const missing = session.steps.filter((_, i) => r.steps[i]!.vars === null);
					assert.deepEqual(missing.map(stepTitle), []);
				});

				for (const step of session.steps) {
					const options = step.pending === null ? {} : { todo: `pending ${step.pending}` };
					it(stepTitle(step), options, () => {
						const actual = get().split.steps[step.index]!;
						assert.equal(actual.output, resolveExpected(step, actual), "output");
						assert.equal(actual.status, step.status, "exit status");
					});
				}
			});
		}
	}
});
