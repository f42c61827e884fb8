/**
 * The web session's event log (src/web/session.ts): what a reconnecting
 * page is sent (everything after its last id, in id order, of the states
 * only the newest), what is trimmed (the oldest output beyond keepBytes,
 * samples beyond keepSamples), and the chart samples taken on the emulated
 * clock as it moves past each sample point.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SampleView } from "../../src/web/protocol.ts";
import { type ServerEvent, WebSession } from "../../src/web/session.ts";

async function typeAndWait(session: WebSession, line: string, until: RegExp): Promise<void> {
	let screen = "";
	const off = session.subscribe((e) => {
		if (e.type === "output") screen += (JSON.parse(e.data) as { data: string }).data;
	});
	session.input(`${line}\r`);
	const deadline = Date.now() + 20_000;
	while (!until.test(screen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
	off();
	assert.match(screen, until);
}

function ids(events: readonly ServerEvent[]): number[] {
	return events.map((e) => e.id);
}

describe("the web session's log", () => {
	it("sends a reconnecting page every event after its id, in order, with only the newest state", async () => {
		const session = new WebSession({ keepSamples: 4 });
		const running = session.run(() => new Promise((r) => setImmediate(r)));
		try {
			session.snapshot();
			await typeAndWait(session, "echo one", /one\r\n.*# $/s);
			session.snapshot();
			const middle = session.lastId;
			await typeAndWait(session, "echo two", /two\r\n.*# $/s);
			session.snapshot();
			for (let i = 0; i < 6; i++) session.sample();
			const all = session.since(0);
			assert.deepEqual(
				ids(all),
				[...ids(all)].sort((a, b) => a - b),
			);
			assert.equal(all.filter((e) => e.type === "state").length, 1);
			assert.equal(all.filter((e) => e.type === "sample").length <= 5, true);
			assert.equal(all.at(-1)?.id, session.lastId);
			const later = session.since(middle);
			assert.ok(later.every((e) => e.id > middle));
			const text = later
				.filter((e) => e.type === "output")
				.map((e) => (JSON.parse(e.data) as { data: string }).data)
				.join("");
			assert.match(text, /^echo two\r\ntwo\r\n/);
			assert.deepEqual(session.since(session.lastId), []);
		} finally {
			session.close();
			await running;
		}
	});

	it("drops the oldest output beyond keepBytes, keeping the newest", async () => {
		const session = new WebSession({ keepBytes: 2000 });
		const running = session.run(() => new Promise((r) => setImmediate(r)));
		try {
			for (let i = 0; i < 40; i++)
				await typeAndWait(session, `echo line-${i}`, new RegExp(`\\nline-${i}\\r\\n`));
			const out = session.since(0).filter((e) => e.type === "output");
			const bytes = out.reduce((n, e) => n + e.data.length, 0);
			assert.ok(bytes <= 2500, `${bytes} bytes kept`);
			const text = out.map((e) => (JSON.parse(e.data) as { data: string }).data).join("");
			assert.match(text, /line-39\r\n/);
			assert.doesNotMatch(text, /line-0\r\n/);
		} finally {
			session.close();
			await running;
		}
	});

	it("samples the charts as the emulated clock moves past each sample point", async () => {
		const session = new WebSession({ sampleNs: 100_000_000 });
		const times: number[] = [];
		session.subscribe((e) => {
			if (e.type === "sample") times.push((JSON.parse(e.data) as SampleView).timeNs);
		});
		const running = session.run(() => new Promise((r) => setImmediate(r)));
		try {
			await typeAndWait(session, "sleep 0.05; sleep 0.3; sleep 0.02; echo slept", /slept\r\n/);
			// A sample just before each move of the clock that passes a 100 ms point, showing
			// the state held until then: 0 -> 50 ms passes 0; 50 -> 350 ms passes 100, 200
			// and 300 (one sample, at 50 ms: nothing changes while everything sleeps);
			// 350 -> 370 ms passes none.
			assert.deepEqual(times, [0, 50_000_000]);
		} finally {
			session.close();
			await running;
		}
	});
});
