/**
 * The conformance corpus against cgkit: every scenario's cgkit observation
 * must equal the kernel's recording, or the pinned observation of a known
 * divergence. Prints the pass counts per area and checks that the generated
 * part of docs/fidelity.md is what this run generates.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { after, describe, it } from "node:test";
import {
	countByArea,
	DOCS_BEGIN,
	DOCS_END,
	fidelityMarkdown,
	formatCounts,
	loadCorpus,
	loadFacts,
	type Outcome,
	runScenario,
} from "../../src/tools/conformance/corpus.ts";

const CORPUS = new URL(".", import.meta.url).pathname;
const DOCS = new URL("../../docs/fidelity.md", import.meta.url).pathname;
const facts = loadFacts(CORPUS);
const scenarios = loadCorpus(CORPUS);
const outcomes: Outcome[] = [];

describe("conformance corpus", () => {
	it("has at least 250 scenarios, each recorded on the real kernel", () => {
		assert.ok(scenarios.length >= 250, `${scenarios.length} scenarios`);
		const unrecorded = scenarios
			.filter((s) => s.recorded === null)
			.map((s) => `${s.area}/${s.name}`);
		assert.deepEqual(unrecorded, []);
	});

	for (const s of scenarios) {
		it(`${s.area}/${s.name}: ${s.title}`, async () => {
			const o = await runScenario(s, facts);
			outcomes.push(o);
			if (o.verdict.kind === "fail") assert.fail(`${o.verdict.why}\n${o.verdict.diff}`);
		});
	}

	it("docs/fidelity.md shows this run's counts and divergences", () => {
		assert.equal(outcomes.length, scenarios.length);
		const doc = fs.readFileSync(DOCS, "utf8");
		const a = doc.indexOf(DOCS_BEGIN);
		const b = doc.indexOf(DOCS_END);
		assert.ok(a >= 0 && b > a, "docs/fidelity.md has the conformance markers");
		assert.equal(
			doc.slice(a, b + DOCS_END.length + 1),
			fidelityMarkdown(outcomes, facts),
			"run `npm run conformance -- --docs` to regenerate",
		);
	});

	after(() => {
		if (outcomes.length > 0) process.stdout.write(formatCounts(countByArea(outcomes)));
	});
});
