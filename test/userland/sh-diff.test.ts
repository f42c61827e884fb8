/**
 * Differential tests of `cgkit sh` against the real dash: every snippet of
 * the corpus in test/userland/sh-diff/corpus/ runs as `sh -c snippet` once
 * under /usr/bin/dash (in a fresh empty temporary directory) and once on a
 * freshly booted emulated host (in /tmp/sh-diff), with the same environment
 * and standard input; exit status, stdout and stderr must be identical.
 *
 * Without /usr/bin/dash every test skips with the reason.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runShell } from "../../src/userland/run.ts";
import {
	dashUnavailableReason,
	describeMismatch,
	ENV,
	loadCorpus,
	runDash,
	type ShellOutcome,
	type Snippet,
} from "./sh-diff/corpus.ts";

const SKIP = dashUnavailableReason();
if (SKIP !== null) console.log(`# sh differential suite skipped: ${SKIP}`);

const CGKIT_CWD = "/tmp/sh-diff";

function byTopic(snippets: readonly Snippet[]): Map<string, Snippet[]> {
	const topics = new Map<string, Snippet[]>();
	for (const s of snippets) {
		const list = topics.get(s.topic) ?? [];
		list.push(s);
		topics.set(s.topic, list);
	}
	return topics;
}

async function runCgkit(snippet: Snippet): Promise<ShellOutcome> {
	const r = await runShell({
		args: ["-c", snippet.script],
		cwd: CGKIT_CWD,
		env: { ...ENV },
		stdin: snippet.stdin,
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("cgkit sh agrees with dash", { skip: SKIP ?? false }, () => {
	for (const [topic, snippets] of byTopic(loadCorpus())) {
		describe(topic, () => {
			for (const snippet of snippets) {
				test(snippet.name, { timeout: 30_000 }, async () => {
					const dash = runDash(snippet);
					const d = snippet.divergence;
					const want =
						d === null ? dash : { ...dash, stderr: dash.stderr.split(d.from).join(d.to) };
					if (d !== null)
						assert.ok(dash.stderr.includes(d.from), "the divergence no longer applies");
					const got = await runCgkit(snippet);
					assert.deepStrictEqual(got, want, describeMismatch(snippet, want, got));
				});
			}
		});
	}
});
