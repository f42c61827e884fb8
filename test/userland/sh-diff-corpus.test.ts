/**
 * Checks the differential shell corpus itself (test/userland/sh-diff/corpus/):
 * it is large enough, and every snippet is deterministic under the real dash
 * (two runs, each in its own fresh temporary directory, give the same status,
 * stdout and stderr), so a difference in sh-diff.test.ts is cgkit's.
 *
 * Without /usr/bin/dash the dash runs skip with the reason.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dashUnavailableReason, loadCorpus, runDash } from "./sh-diff/corpus.ts";

const SKIP = dashUnavailableReason();
if (SKIP !== null) console.log(`# sh corpus determinism check skipped: ${SKIP}`);

const MIN_SNIPPETS = 300;
const corpus = loadCorpus();

describe("sh-diff corpus", () => {
	test(`has at least ${MIN_SNIPPETS} snippets, each named and non-empty`, () => {
		assert.ok(corpus.length >= MIN_SNIPPETS, `only ${corpus.length} snippets`);
		for (const s of corpus) {
			assert.match(s.name, /^[a-z0-9][a-z0-9-]*$/, `${s.topic}/${s.name}: name`);
			assert.notEqual(s.script.trim(), "", `${s.topic}/${s.name}: empty script`);
		}
	});

	describe("is deterministic under dash", { skip: SKIP ?? false }, () => {
		for (const snippet of corpus) {
			test(`${snippet.topic}/${snippet.name}`, () => {
				const first = runDash(snippet);
				const second = runDash(snippet);
				assert.deepStrictEqual(second, first);
			});
		}
	});
});
