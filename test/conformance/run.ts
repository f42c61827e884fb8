/**
 * The conformance corpus's own command (`npm run conformance -- ...`):
 *   (no option)           run every scenario on cgkit, print per-area counts and failures
 *   --record [FILTER...]  run scenarios on the real kernel (root, cgroupfs) and
 *                         write their .out recordings and host.json
 *   --live [FILTER...]    run scenarios on the real kernel and report those whose
 *                         live observation no longer matches the recording
 *   --accept "REASON" FILTER...
 *                         pin cgkit's current observation of failing scenarios as
 *                         a known divergence with that reason
 *   --docs                rewrite the generated part of docs/fidelity.md
 * A FILTER is an area ("core") or a scenario ("core/mkdir-basic").
 */
import * as fs from "node:fs";
import { join } from "node:path";
import { readHostFacts } from "../../src/host/facts.ts";
import { uniquePrefix } from "../../src/host/safe-cgroup.ts";
import { runOnHost, sandboxUnavailableReason } from "../../src/host/sandbox.ts";
import {
	contextFor,
	countByArea,
	fidelityMarkdown,
	formatCounts,
	formatDivergence,
	loadCorpus,
	loadFacts,
	type Outcome,
	runScenario,
	type Scenario,
	spliceDocs,
} from "../../src/tools/conformance/corpus.ts";
import { unifiedDiff } from "../../src/tools/conformance/differ.ts";
import { observation } from "../../src/tools/conformance/normalise.ts";

const CORPUS = new URL(".", import.meta.url).pathname;
const DOCS = new URL("../../docs/fidelity.md", import.meta.url).pathname;

function selected(all: Scenario[], filters: string[]): Scenario[] {
	if (filters.length === 0) return all;
	return all.filter((s) => filters.some((f) => f === s.area || f === `${s.area}/${s.name}`));
}

async function observeKernel(s: Scenario): Promise<string> {
	const prefix = uniquePrefix("conf");
	const run = await runOnHost(s.script, { prefix });
	return observation(run, contextFor(readHostFacts(), prefix));
}

async function runAll(scenarios: Scenario[]): Promise<Outcome[]> {
	const facts = loadFacts(CORPUS);
	const out: Outcome[] = [];
	for (const s of scenarios) out.push(await runScenario(s, facts));
	return out;
}

async function main(argv: string[]): Promise<number> {
	const [mode, ...rest] = argv;
	const all = loadCorpus(CORPUS);
	if (mode === "--record" || mode === "--live") {
		const why = sandboxUnavailableReason();
		if (why !== null) {
			console.error(`conformance: cannot run on the real kernel: ${why}`);
			return 2;
		}
		if (mode === "--record") {
			fs.writeFileSync(
				join(CORPUS, "host.json"),
				`${JSON.stringify(readHostFacts(), null, "\t")}\n`,
			);
		}
		let changed = 0;
		for (const s of selected(all, rest)) {
			const kernel = await observeKernel(s);
			if (mode === "--record") {
				if (kernel !== s.recorded) {
					fs.writeFileSync(`${s.base}.out`, kernel);
					changed++;
					console.log(`recorded ${s.area}/${s.name}`);
				}
			} else if (kernel !== s.recorded) {
				changed++;
				console.log(`${s.area}/${s.name}: the live kernel no longer matches the recording`);
				process.stdout.write(unifiedDiff(s.recorded ?? "", kernel, `${s.area}/${s.name}`));
			}
		}
		console.log(
			mode === "--record"
				? `${changed} recording(s) written`
				: `${changed} scenario(s) differ from the live kernel`,
		);
		return mode === "--live" && changed > 0 ? 1 : 0;
	}
	if (mode === "--accept") {
		const [reason, ...filters] = rest;
		if (reason === undefined || filters.length === 0) {
			console.error('usage: --accept "REASON" FILTER...');
			return 2;
		}
		for (const o of await runAll(selected(all, filters))) {
			if (o.verdict.kind !== "fail" || o.scenario.recorded === null) continue;
			fs.writeFileSync(`${o.scenario.base}.diverges`, formatDivergence({ reason, cgkit: o.cgkit }));
			console.log(`known divergence: ${o.scenario.area}/${o.scenario.name}`);
		}
		return 0;
	}
	const outcomes = await runAll(mode === "--docs" ? all : selected(all, argv));
	if (mode === "--docs") {
		const doc = fs.readFileSync(DOCS, "utf8");
		fs.writeFileSync(DOCS, spliceDocs(doc, fidelityMarkdown(outcomes, loadFacts(CORPUS))));
	}
	for (const o of outcomes) {
		if (o.verdict.kind === "fail") {
			console.log(`FAIL ${o.scenario.area}/${o.scenario.name}: ${o.verdict.why}`);
			process.stdout.write(o.verdict.diff);
		} else if (o.verdict.kind === "unrecorded") {
			console.log(`UNRECORDED ${o.scenario.area}/${o.scenario.name}`);
		}
	}
	process.stdout.write(formatCounts(countByArea(outcomes)));
	return outcomes.every((o) => o.verdict.kind === "pass" || o.verdict.kind === "known") ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
