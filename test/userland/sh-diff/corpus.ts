/**
 * The differential shell corpus: snippets run by the real dash and by
 * `cgkit sh`, which must agree on stdout, stderr and exit status.
 *
 * Format of `corpus/<topic>.txt`: lines before the first header are a
 * comment. Each snippet starts with a header line `#### <name>`; the lines
 * up to the next header (trailing blank lines dropped, joined with "\n") are
 * the script passed to `sh -c`. A line `==== stdin` inside a snippet ends
 * the script; the lines after it, each ending in "\n", are its standard
 * input. Without it the snippet's standard input is empty.
 *
 * A line `==== divergence FROM => TO` (before any stdin) records a
 * deliberate difference: cgkit's stderr equals dash's with FROM replaced by
 * TO. The only one the issue asks for: a failing write reports the errno's
 * strerror text where dash always says "I/O error".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Snippet {
	/** Corpus file name without `.txt`. */
	readonly topic: string;
	readonly name: string;
	readonly script: string;
	readonly stdin: string;
	/** Deliberate stderr difference: dash's `from` is cgkit's `to`. */
	readonly divergence: { readonly from: string; readonly to: string } | null;
}

export interface ShellOutcome {
	status: number;
	stdout: string;
	stderr: string;
}

export const DASH = "/usr/bin/dash";
export const CORPUS_DIR = fileURLToPath(new URL("corpus", import.meta.url));
/** The whole environment of both shells. */
export const ENV: Readonly<Record<string, string>> = {
	PATH: "/usr/local/bin:/usr/bin:/bin",
	HOME: "/root",
	LC_ALL: "C",
};

const HEADER = /^#### (\S.*)$/;
const STDIN_MARK = "==== stdin";
const DIVERGENCE_MARK = "==== divergence ";

function trimTrailingBlank(lines: string[]): string[] {
	let end = lines.length;
	while (end > 0 && lines[end - 1]!.trim() === "") end--;
	return lines.slice(0, end);
}

export function parseCorpus(topic: string, text: string): Snippet[] {
	const out: Snippet[] = [];
	let current: {
		name: string;
		script: string[];
		stdin: string[] | null;
		divergence: { from: string; to: string } | null;
	} | null = null;
	const flush = () => {
		if (current === null) return;
		const script = trimTrailingBlank(current.script).join("\n");
		if (script === "") throw new Error(`${topic}: snippet ${current.name} is empty`);
		const stdin =
			current.stdin === null
				? ""
				: trimTrailingBlank(current.stdin)
						.map((l) => `${l}\n`)
						.join("");
		out.push({ topic, name: current.name, script, stdin, divergence: current.divergence });
	};
	for (const line of text.split("\n")) {
		const m = HEADER.exec(line);
		if (m !== null) {
			flush();
			current = { name: m[1]!.trim(), script: [], stdin: null, divergence: null };
		} else if (current === null) {
			// file comment
		} else if (line.startsWith(DIVERGENCE_MARK) && current.stdin === null) {
			const [from, to] = line.slice(DIVERGENCE_MARK.length).split(" => ");
			if (from === undefined || to === undefined) throw new Error(`${topic}: bad divergence line`);
			current.divergence = { from, to };
		} else if (line === STDIN_MARK && current.stdin === null) {
			current.stdin = [];
		} else if (current.stdin !== null) {
			current.stdin.push(line);
		} else {
			current.script.push(line);
		}
	}
	flush();
	return out;
}

/** Every snippet of every corpus file, in file then file-order. */
export function loadCorpus(): Snippet[] {
	const files = readdirSync(CORPUS_DIR)
		.filter((f) => f.endsWith(".txt"))
		.sort();
	const all: Snippet[] = [];
	const seen = new Set<string>();
	for (const f of files) {
		const topic = f.slice(0, -".txt".length);
		for (const s of parseCorpus(topic, readFileSync(join(CORPUS_DIR, f), "utf8"))) {
			const id = `${s.topic}/${s.name}`;
			if (seen.has(id)) throw new Error(`duplicate snippet name ${id}`);
			seen.add(id);
			all.push(s);
		}
	}
	return all;
}

/**
 * Why the real dash cannot serve as the reference here, or null when it can.
 * Snippets run `sh` and `#!/bin/sh` scripts themselves, so /bin/sh must be dash too.
 */
export function dashUnavailableReason(): string | null {
	if (!existsSync(DASH)) return `${DASH} is not installed`;
	for (const sh of ["/bin/sh", "/usr/bin/sh"]) {
		let target: string;
		try {
			target = realpathSync(sh);
		} catch {
			return `${sh} does not exist`;
		}
		if (target !== realpathSync(DASH)) return `${sh} is ${target}, not dash`;
	}
	return null;
}

/** Runs one snippet through the real dash as `sh -c script` in a fresh empty directory. */
export function runDash(snippet: Snippet): ShellOutcome {
	const dir = mkdtempSync(join(tmpdir(), "sh-diff-"));
	try {
		const r = spawnSync(DASH, ["-c", snippet.script], {
			argv0: "sh",
			cwd: dir,
			env: { ...ENV },
			input: snippet.stdin,
			encoding: "utf8",
			timeout: 20_000,
			killSignal: "SIGKILL",
		});
		// EPIPE: dash exited before reading the stdin it was given (e.g. `read` with no
		// variable fails at once); its results are complete all the same.
		const epipe = (r.error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
		if (r.error !== undefined && !(epipe && r.status !== null)) throw r.error;
		// A shell killed by a signal reports 128 + its number, as a parent shell's $? would.
		const status = r.status ?? 128 + (r.signal === null ? 0 : constants.signals[r.signal]);
		return { status, stdout: r.stdout, stderr: r.stderr };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Makes control characters visible in a diff line. */
function visible(line: string): string {
	let out = "";
	for (const c of line) {
		const code = c.charCodeAt(0);
		if (c === "\t") out += "<TAB>";
		else if (code < 0x20 || code === 0x7f) out += `<0x${code.toString(16).padStart(2, "0")}>`;
		else out += c;
	}
	return out;
}

/** A text's lines for a diff, with a marker when it does not end in a newline. */
function splitForDiff(text: string): string[] {
	if (text === "") return [];
	const lines = text.split("\n");
	const last = lines.pop()!;
	const shown = lines.map(visible);
	if (last !== "") shown.push(`${visible(last)} <no newline at end>`);
	return shown;
}

/** A line diff of two texts: "-" lines only in `want`, "+" lines only in `got`. */
export function lineDiff(want: string, got: string): string {
	const a = splitForDiff(want);
	const b = splitForDiff(got);
	// Longest common subsequence table; corpus outputs are small.
	const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
		new Array<number>(b.length + 1).fill(0),
	);
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lcs[i]![j] =
				a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
		}
	}
	const out: string[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			out.push(`    ${a[i++]}`);
			j++;
		} else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
			out.push(`  - ${a[i++]}`);
		} else {
			out.push(`  + ${b[j++]}`);
		}
	}
	return out.join("\n");
}

/** A readable account of how cgkit's outcome differs from dash's, for a failed comparison. */
export function describeMismatch(
	snippet: Snippet,
	dash: ShellOutcome,
	cgkit: ShellOutcome,
): string {
	const parts = [
		`${snippet.topic}/${snippet.name}: cgkit sh differs from dash ("-" dash, "+" cgkit sh)`,
		"script:",
		snippet.script.replace(/^/gm, "  | "),
	];
	if (snippet.stdin !== "")
		parts.push("stdin:", snippet.stdin.replace(/\n$/, "").replace(/^/gm, "  | "));
	if (dash.status !== cgkit.status) parts.push(`status: - ${dash.status}  + ${cgkit.status}`);
	for (const field of ["stdout", "stderr"] as const) {
		if (dash[field] !== cgkit[field]) parts.push(`${field}:`, lineDiff(dash[field], cgkit[field]));
	}
	return parts.join("\n");
}
