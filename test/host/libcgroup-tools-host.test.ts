/**
 * cgkit's libcgroup tools against the real kernel: every scenario of the
 * conformance area `libcgroup` (recorded with libcgroup 3.1.0's own tools
 * on the real kernel) is run again on this machine, in the conformance
 * sandbox, with `cgkit <tool>` (src/tools/libcgroup-host.ts) in place of
 * the C tools, and must print exactly the recording. So each scenario
 * checks a tool three ways: C tools on Linux (the recording), cgkit's
 * tools on the emulated kernel (test/conformance/corpus.test.ts) and
 * cgkit's tools on Linux (here).
 *
 * HOST-SAFETY: the sandbox (src/host/sandbox.ts) runs each script in its
 * own pid and mount namespaces with every cgroup read-only except the
 * scenario's own $CGKIT_PREFIX cgroups, kills every process after it and
 * removes the cgroups and mounts it made, checking for leftovers. Without
 * root or a cgroupfs the test skips with the reason.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { LIBCGROUP_TOOLS } from "../../src/cli/libcgroup.ts";
import { readHostFacts } from "../../src/host/facts.ts";
import { uniquePrefix } from "../../src/host/safe-cgroup.ts";
import { runOnHost, sandboxUnavailableReason } from "../../src/host/sandbox.ts";
import { contextFor, loadCorpus } from "../../src/tools/conformance/corpus.ts";
import { unifiedDiff } from "../../src/tools/conformance/differ.ts";
import { observation } from "../../src/tools/conformance/normalise.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const CORPUS = join(ROOT, "test/conformance");
const scenarios = loadCorpus(CORPUS).filter((s) => s.area === "libcgroup" && s.recorded !== null);

/** A directory of scripts named like libcgroup's tools that run `cgkit <tool>` (bin/cgkit.js). */
function cgkitToolsDir(): string {
	const dir = `/tmp/${uniquePrefix("lcgtools")}`;
	fs.mkdirSync(`${dir}/bin`, { recursive: true, mode: 0o755 });
	fs.mkdirSync(`${dir}/sbin`, { mode: 0o755 });
	fs.mkdirSync(`${dir}/lib`, { mode: 0o755 });
	for (const t of LIBCGROUP_TOOLS) {
		const where = t.name === "cgconfigparser" ? "sbin" : "bin";
		fs.writeFileSync(
			`${dir}/${where}/${t.name}`,
			`#!/bin/sh\nexec ${process.execPath} ${ROOT}bin/cgkit.js ${t.name} "$@"\n`,
			{ mode: 0o755 },
		);
	}
	return dir;
}

/**
 * Scenarios whose recording `cgkit <tool>` cannot reproduce on a real host,
 * and why (docs/libcgroup.md).
 */
const HOST_DIFFERENCES: Readonly<Record<string, string>> = {
	"034-cgexec-basic_cgexec":
		"Node cannot execve(): `cgkit cgexec CMD &` runs CMD as a child, so $! is cgkit's pid, not CMD's",
};

const why = sandboxUnavailableReason();
if (why !== null) console.log(`# libcgroup-tools-host: skipped: ${why}`);

describe("cgkit's libcgroup tools on the real kernel print what libcgroup 3.1.0 printed", {
	skip: why ?? false,
}, () => {
	it("has recorded scenarios to check", () => {
		assert.ok(scenarios.length > 0, "no recorded scenarios in test/conformance/libcgroup");
	});
	for (const s of scenarios) {
		it(`${s.name}: ${s.title}`, { skip: HOST_DIFFERENCES[s.name] ?? false }, async () => {
			const dir = cgkitToolsDir();
			const saved = process.env.CGKIT_LIBCGROUP;
			process.env.CGKIT_LIBCGROUP = dir;
			try {
				const prefix = uniquePrefix("conf");
				const run = await runOnHost(s.script, { prefix, timeoutMs: 120_000 });
				const seen = observation(run, contextFor(readHostFacts(), prefix));
				assert.equal(seen, s.recorded, unifiedDiff(s.recorded ?? "", seen, `libcgroup/${s.name}`));
			} finally {
				if (saved === undefined) delete process.env.CGKIT_LIBCGROUP;
				else process.env.CGKIT_LIBCGROUP = saved;
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});
	}
});
