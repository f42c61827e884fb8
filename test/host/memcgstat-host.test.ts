/**
 * `cgkit memcgstat --host` on this machine's cgroup v1 memory hierarchy:
 * a cgroup of our own (cgkit-test-memcgstat-<random>-cg0, limited to 64M)
 * with a `sleep` of ours in it, sampled by memcgstat; then the sleeper is
 * killed while memcgstat watches, which must end the run with the summary.
 *
 * HOST-SAFETY (/work/shared/HOST-SAFETY.md): everything goes through a
 * HostCgroupSession (src/host/safe-cgroup.ts): the cgroup is made at the
 * top of the memory hierarchy with a unique name, only our sleeper is
 * moved, only our cgroup's files are written, and cleanup() in `finally`
 * kills the sleeper by pid, removes the cgroup (retrying EBUSY) and checks
 * that nothing with our prefix is left. memcgstat itself only reads.
 * Without root, a cgroup v1 filesystem or a memory hierarchy at
 * /sys/fs/cgroup/memory, every test skips with the reason.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import {
	HostCgroupSession,
	hostCgroupUnavailableReason,
	readText,
	sleepMs,
	uniquePrefix,
} from "../../src/host/safe-cgroup.ts";
import { type HostIo, memcgstatHost } from "../../src/tools/memcgstat.ts";
import type { MemcgstatOptions } from "../../src/userland/lib/memcgstat.ts";

const MEMORY_ROOT = "/sys/fs/cgroup/memory";

function skipReason(): string | null {
	const why = hostCgroupUnavailableReason();
	if (why !== null) return why;
	const mounted = readText("/proc/self/mountinfo")
		.split("\n")
		.some((l) => {
			const f = l.split(" ");
			const dash = f.indexOf("-", 6);
			return (
				f[4] === MEMORY_ROOT &&
				dash > 0 &&
				f[dash + 1] === "cgroup" &&
				(f[dash + 3] ?? "").split(",").includes("memory")
			);
		});
	return mounted ? null : `no cgroup v1 memory hierarchy mounted at ${MEMORY_ROOT}`;
}

const SKIP = skipReason();
if (SKIP !== null) console.log(`# memcgstat host tests skipped: ${SKIP}`);

/** A HostIo that keeps what memcgstat writes. */
function capture(signal?: AbortSignal): HostIo & { out: string; err: string } {
	const io = {
		out: "",
		err: "",
		stdout: (t: string) => {
			io.out += t;
		},
		stderr: (t: string) => {
			io.err += t;
		},
		...(signal === undefined ? {} : { signal }),
	};
	return io;
}

/** A session with our own 64M memory cgroup and a sleeper of ours in it. */
async function withOwnCgroup(
	body: (s: {
		cgroup: string;
		dir: string;
		pid: number;
		session: HostCgroupSession;
	}) => Promise<void>,
): Promise<void> {
	const session = new HostCgroupSession(uniquePrefix("test-memcgstat"));
	let problems: string[] = [];
	try {
		const dir = session.mkdirOwnIn(MEMORY_ROOT);
		assert.match(session.writeFile(`${dir}/memory.limit_in_bytes`, "64M"), /^OK:/);
		const pid = await session.spawnSleeper();
		assert.equal(session.attach(`${dir}/cgroup.procs`, pid), `OK:${String(pid).length}`);
		await body({ cgroup: dir.slice(MEMORY_ROOT.length), dir, pid, session });
	} finally {
		problems = await session.cleanup();
	}
	assert.deepEqual(problems, [], "the host is left clean");
}

function opts(pid: number, o: Partial<MemcgstatOptions> = {}): MemcgstatOptions {
	return { pid, count: null, intervalNs: 2e8, plot: null, json: false, ...o };
}

describe("memcgstat --host (cgroup v1 memory)", { skip: SKIP ?? false }, () => {
	it("samples our cgroup: its path, the 64M limit, usage and counters", async () => {
		await withOwnCgroup(async ({ cgroup, pid }) => {
			const io = capture();
			assert.equal(await memcgstatHost(opts(pid, { count: 2 }), io), 0);
			assert.equal(io.err, "");
			const lines = io.out.split("\n");
			assert.match(lines[0]!, /^ {4}TIME CGROUP +USAGE +LIMIT +USE% MAX-USAGE +FAILCNT/);
			assert.ok(lines[0]!.endsWith("  OOM"));
			for (const [i, line] of [lines[1]!, lines[2]!].entries()) {
				const f = line.trim().split(/ +/);
				assert.equal(f[0], i === 0 ? "0.0s" : "0.2s", line);
				assert.equal(f[1], cgroup);
				assert.match(f[2]!, /^\d+(B|\.\dK|\.\dM)$/, "usage");
				assert.equal(f[3], "64.0M");
				assert.match(f[4]!, /^\d+\.\d%$/);
				assert.equal(f.at(-1), "0", "no OOM kill");
			}
			assert.equal(lines[3], `--- pid ${pid} still running after 0.2s, 2 samples`);
			assert.equal(lines[4], `cgroup     ${cgroup}`);
			assert.match(lines[5]!, /^usage {6}last .*, limit 64\.0M$/);
		});
	});

	it("reads the same numbers as the files, in JSON", async () => {
		await withOwnCgroup(async ({ dir, pid }) => {
			const io = capture();
			assert.equal(await memcgstatHost(opts(pid, { count: 1, json: true }), io), 0);
			const [sample, summary] = io.out
				.trimEnd()
				.split("\n")
				.map((l) => JSON.parse(l));
			assert.equal(sample.limit, 64 * 1024 * 1024);
			assert.equal(sample.limit, Number(readText(`${dir}/memory.limit_in_bytes`)));
			assert.equal(
				sample.oom_kill,
				Number(/^oom_kill (\d+)$/m.exec(readText(`${dir}/memory.oom_control`))?.[1]),
			);
			assert.equal(summary.type, "summary");
			assert.equal(summary.end, "count");
		});
	});

	it("ends with the summary when the watched process goes, and writes the plot", async () => {
		await withOwnCgroup(async ({ session, pid }) => {
			const io = capture();
			const svg = `${session.dir}/plot.svg`;
			const png = `${session.dir}/plot.png`;
			const run = memcgstatHost(opts(pid, { plot: { path: svg, format: "svg" } }), io);
			await sleepMs(500);
			await session.kill(pid);
			assert.equal(await run, 0);
			assert.match(io.out, new RegExp(`\\n--- pid ${pid} gone after \\d+\\.\\ds, \\d+ samples\\n`));
			assert.ok(fs.readFileSync(svg, "utf8").startsWith("<svg "));
			// The same run's plot as PNG, on a process that is gone: nothing to watch.
			const again = capture();
			assert.equal(
				await memcgstatHost(opts(pid, { plot: { path: png, format: "png" } }), again),
				1,
			);
			assert.equal(again.err, `memcgstat: no such process: ${pid}\n`);
			assert.equal(fs.existsSync(png), false);
		});
	});

	it("stops at an interruption with the summary and a PNG plot", async () => {
		await withOwnCgroup(async ({ session, pid }) => {
			const stop = new AbortController();
			const io = capture(stop.signal);
			const png = `${session.dir}/plot.png`;
			const run = memcgstatHost(opts(pid, { plot: { path: png, format: "png" } }), io);
			await sleepMs(300);
			stop.abort();
			assert.equal(await run, 0);
			assert.match(
				io.out,
				new RegExp(
					`\\n--- interrupted after \\d+\\.\\ds, \\d+ samples; pid ${pid} still running\\n`,
				),
			);
			const head = fs.readFileSync(png).subarray(0, 8);
			assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		});
	});
});
