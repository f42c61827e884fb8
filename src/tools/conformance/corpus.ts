/**
 * The conformance corpus: scenario scripts in area directories, each with
 * the observation recorded on the real kernel next to it, checked against
 * cgkit anywhere (the recording host's facts boot a matching emulated host)
 * and against the live kernel where there is one.
 *
 * Files of a scenario <area>/<name>:
 * - <name>.sh: the script; its first comment line says what it checks;
 * - <name>.out: the kernel's normalised observation (src/tools/conformance/
 *   normalise.ts), written by recording;
 * - <name>.diverges (optional): a known divergence, its first line
 *   "reason: ..." and the rest cgkit's observation; the scenario then
 *   passes as a known divergence while cgkit's observation is exactly that.
 * <corpus>/host.json holds the facts of the host the recordings were made on.
 */
import * as fs from "node:fs";
import { join } from "node:path";
import { type HostFacts, maxHierarchyId } from "../../host/facts.ts";
import { PID_BASE } from "../../host/sandbox.ts";
import { unifiedDiff } from "./differ.ts";
import { runEmulated } from "./emulated.ts";
import { type NormaliseContext, observation } from "./normalise.ts";

/** The prefix of emulated corpus runs (as long as a real one). */
export const EMULATED_PREFIX = "cgkit-conf-00000000";

export interface Divergence {
	readonly reason: string;
	/** cgkit's observation while the divergence stands. */
	readonly cgkit: string;
}

export interface Scenario {
	readonly area: string;
	readonly name: string;
	/** Path without extension. */
	readonly base: string;
	readonly script: string;
	/** What the first comment line says the scenario checks. */
	readonly title: string;
	readonly recorded: string | null;
	readonly divergence: Divergence | null;
}

export type Verdict =
	| { readonly kind: "pass" }
	| { readonly kind: "known"; readonly reason: string }
	| { readonly kind: "fail"; readonly why: string; readonly diff: string }
	| { readonly kind: "unrecorded" };

export interface Outcome {
	readonly scenario: Scenario;
	readonly cgkit: string;
	readonly verdict: Verdict;
}

function readOrNull(path: string): string | null {
	try {
		return fs.readFileSync(path, "utf8");
	} catch {
		return null;
	}
}

export function parseDivergence(text: string): Divergence {
	const nl = text.indexOf("\n");
	const first = nl < 0 ? text : text.slice(0, nl);
	if (!first.startsWith("reason: ")) throw new Error('a .diverges file starts with "reason: "');
	return { reason: first.slice(8), cgkit: nl < 0 ? "" : text.slice(nl + 1) };
}

export function formatDivergence(d: Divergence): string {
	return `reason: ${d.reason}\n${d.cgkit}`;
}

function titleOf(script: string): string {
	for (const line of script.split("\n")) {
		if (line.startsWith("#!")) continue;
		if (line.startsWith("#")) return line.replace(/^#\s*/, "");
		if (line.trim() !== "") break;
	}
	return "";
}

/** Every scenario of the corpus, sorted by area and name. */
export function loadCorpus(dir: string): Scenario[] {
	const out: Scenario[] = [];
	for (const area of fs.readdirSync(dir).sort()) {
		const areaDir = join(dir, area);
		if (!fs.statSync(areaDir).isDirectory()) continue;
		for (const file of fs.readdirSync(areaDir).sort()) {
			if (!file.endsWith(".sh")) continue;
			const name = file.slice(0, -3);
			const base = join(areaDir, name);
			const script = fs.readFileSync(`${base}.sh`, "utf8");
			const div = readOrNull(`${base}.diverges`);
			out.push({
				area,
				name,
				base,
				script,
				title: titleOf(script),
				recorded: readOrNull(`${base}.out`),
				divergence: div === null ? null : parseDivergence(div),
			});
		}
	}
	return out;
}

export function loadFacts(dir: string): HostFacts {
	return JSON.parse(fs.readFileSync(join(dir, "host.json"), "utf8")) as HostFacts;
}

export function contextFor(facts: HostFacts, prefix: string): NormaliseContext {
	return { prefix, pidBase: PID_BASE, maxHierarchyId: maxHierarchyId(facts) };
}

/** cgkit's observation of a scenario on an emulated host matching `facts`. */
export async function observeEmulated(script: string, facts: HostFacts): Promise<string> {
	const run = await runEmulated(script, facts, EMULATED_PREFIX);
	return observation(run, contextFor(facts, EMULATED_PREFIX));
}

export function judge(s: Scenario, cgkit: string): Verdict {
	if (s.recorded === null) return { kind: "unrecorded" };
	const label = `${s.area}/${s.name}`;
	if (cgkit === s.recorded) {
		if (s.divergence !== null) {
			return {
				kind: "fail",
				why: "cgkit now matches the kernel: delete the .diverges file",
				diff: "",
			};
		}
		return { kind: "pass" };
	}
	if (s.divergence !== null && s.divergence.cgkit === cgkit) {
		return { kind: "known", reason: s.divergence.reason };
	}
	if (s.divergence !== null) {
		return {
			kind: "fail",
			why: "cgkit's observation differs from the recorded divergence",
			diff: unifiedDiff(s.divergence.cgkit, cgkit, label),
		};
	}
	return {
		kind: "fail",
		why: "cgkit differs from the kernel",
		diff: unifiedDiff(s.recorded, cgkit, label),
	};
}

export async function runScenario(s: Scenario, facts: HostFacts): Promise<Outcome> {
	const cgkit = await observeEmulated(s.script, facts);
	return { scenario: s, cgkit, verdict: judge(s, cgkit) };
}

export interface AreaCount {
	readonly area: string;
	total: number;
	pass: number;
	known: number;
	fail: number;
	unrecorded: number;
}

export function countByArea(outcomes: readonly Outcome[]): AreaCount[] {
	const byArea = new Map<string, AreaCount>();
	for (const o of outcomes) {
		const a = o.scenario.area;
		let c = byArea.get(a);
		if (c === undefined) {
			c = { area: a, total: 0, pass: 0, known: 0, fail: 0, unrecorded: 0 };
			byArea.set(a, c);
		}
		c.total++;
		c[o.verdict.kind === "pass" ? "pass" : o.verdict.kind]++;
	}
	return [...byArea.values()];
}

/** One line per area, as `npm test` prints them. */
export function formatCounts(counts: readonly AreaCount[]): string {
	const lines = counts.map((c) => {
		const extra = [
			c.known > 0 ? `${c.known} known divergence${c.known === 1 ? "" : "s"}` : "",
			c.fail > 0 ? `${c.fail} FAILING` : "",
			c.unrecorded > 0 ? `${c.unrecorded} unrecorded` : "",
		].filter((x) => x !== "");
		return `conformance ${c.area}: ${c.pass}/${c.total} pass${extra.length > 0 ? `, ${extra.join(", ")}` : ""}`;
	});
	const t = counts.reduce((s, c) => s + c.total, 0);
	const p = counts.reduce((s, c) => s + c.pass, 0);
	lines.push(`conformance total: ${p}/${t} scenarios match the kernel`);
	return `${lines.join("\n")}\n`;
}

export const DOCS_BEGIN =
	"<!-- conformance:begin (generated by `npm run conformance -- --docs`) -->";
export const DOCS_END = "<!-- conformance:end -->";

/** The generated part of docs/fidelity.md: per-area tables and every divergence. */
export function fidelityMarkdown(outcomes: readonly Outcome[], facts: HostFacts): string {
	const lines: string[] = [DOCS_BEGIN, ""];
	lines.push(
		`Recorded on Linux ${facts.kernel} (${facts.cpus} CPUs, ${facts.nodes} NUMA node${facts.nodes === 1 ? "" : "s"}, ${facts.mounts.filter((m) => m.fstype !== "tmpfs").length} cgroup mounts); checked against cgkit by \`npm test\`.`,
		"",
		"| area | scenarios | match the kernel | known divergences |",
		"|---|---:|---:|---:|",
	);
	const counts = countByArea(outcomes);
	for (const c of counts) lines.push(`| ${c.area} | ${c.total} | ${c.pass} | ${c.known} |`);
	const t = (k: "total" | "pass" | "known"): number => counts.reduce((s, c) => s + c[k], 0);
	lines.push(`| **all** | ${t("total")} | ${t("pass")} | ${t("known")} |`, "");
	const known = outcomes.filter((o) => o.verdict.kind === "known");
	if (known.length === 0) {
		lines.push("No known divergences.");
	} else {
		lines.push("Known divergences:", "", "| scenario | what it checks | reason |", "|---|---|---|");
		for (const o of known) {
			const reason = o.verdict.kind === "known" ? o.verdict.reason : "";
			lines.push(
				`| \`${o.scenario.area}/${o.scenario.name}\` | ${o.scenario.title.replace(/\|/g, "\\|")} | ${reason.replace(/\|/g, "\\|")} |`,
			);
		}
	}
	lines.push("", DOCS_END);
	return `${lines.join("\n")}\n`;
}

/** `doc` with its generated part replaced by `generated`. */
export function spliceDocs(doc: string, generated: string): string {
	const a = doc.indexOf(DOCS_BEGIN);
	const b = doc.indexOf(DOCS_END);
	if (a < 0 || b < a) throw new Error("docs/fidelity.md has no conformance markers");
	return doc.slice(0, a) + generated + doc.slice(b + DOCS_END.length + 1);
}
