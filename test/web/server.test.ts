/**
 * cgkit web's server without a browser: the page and its bundle are
 * served, keystrokes go through the line discipline to the shell, the
 * state follows what the shell does, events resume after Last-Event-ID,
 * and a request naming another host is refused.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import { after, before, describe, it } from "node:test";
import { inflateState } from "../../src/web/client/model/inflate.ts";
import type { KernelEventView, StateWire } from "../../src/web/protocol.ts";
import { startWebServer, type WebServer } from "../../src/web/server.ts";

interface Got {
	status: number;
	body: string;
}

function request(url: string, opts: http.RequestOptions = {}, body?: string): Promise<Got> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, opts, (res) => {
			let text = "";
			res.setEncoding("utf8");
			res.on("data", (c: string) => {
				text += c;
			});
			res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
		});
		req.on("error", reject);
		req.end(body);
	});
}

/** Read the event stream until `done(events)` holds; the events as [id, type, data]. */
function readEvents(
	url: string,
	lastEventId: number,
	done: (events: [number, string, string][]) => boolean,
): Promise<[number, string, string][]> {
	return new Promise((resolve, reject) => {
		const events: [number, string, string][] = [];
		const req = http.get(
			`${url}events`,
			{ headers: { "last-event-id": String(lastEventId) } },
			(res) => {
				let buf = "";
				res.setEncoding("utf8");
				res.on("data", (c: string) => {
					buf += c;
					let k = buf.indexOf("\n\n");
					while (k >= 0) {
						const block = buf.slice(0, k);
						buf = buf.slice(k + 2);
						const f = Object.fromEntries(
							block
								.split("\n")
								.map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]),
						);
						if (f.id !== undefined) events.push([Number(f.id), f.event ?? "", f.data ?? ""]);
						k = buf.indexOf("\n\n");
					}
					if (done(events)) {
						req.destroy();
						resolve(events);
					}
				});
			},
		);
		req.on("error", (e) =>
			(e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e),
		);
	});
}

const output = (events: [number, string, string][]) =>
	events
		.filter((e) => e[1] === "output")
		.map((e) => (JSON.parse(e[2]) as { data: string }).data)
		.join("");

describe("cgkit web's server", () => {
	let server: WebServer;
	before(async () => {
		server = await startWebServer({ port: 0, stateMs: 20 });
	});
	after(async () => {
		await server.close();
	});

	it("serves the page and its bundle on the loopback address only", async () => {
		assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
		const page = await request(server.url);
		assert.equal(page.status, 200);
		assert.match(page.body, /app\.js/);
		const js = await request(`${server.url}app.js`);
		assert.equal(js.status, 200);
		assert.ok(js.body.length > 1000);
		const other = await request(server.url, { headers: { host: "evil.example:80" } });
		assert.equal(other.status, 403);
	});

	it("echoes keystrokes, runs the line in the shell, and the state shows the new cgroup", async () => {
		const first = await readEvents(server.url, 0, (ev) =>
			output(ev).includes("root@cgkit:/root# "),
		);
		const lastId = first[first.length - 1]![0];
		const typed = await request(
			`${server.url}input`,
			{ method: "POST" },
			"mkdir /sys/fs/cgroup/pids/web-a; echo made\r",
		);
		assert.equal(typed.status, 204);
		const next = await readEvents(server.url, lastId, (ev) =>
			output(ev).includes("made\r\nroot@cgkit:/root# "),
		);
		assert.ok(
			next.every((e) => e[0] > lastId),
			"only events after Last-Event-ID",
		);
		// The kernel's tracepoints reach the timeline: the shell forked, mkdir made the cgroup.
		const kernel = next
			.filter((e) => e[1] === "kernel")
			.map((e) => JSON.parse(e[2]) as KernelEventView);
		const mkdir = kernel.find((k) => k.kind === "mkdir");
		assert.ok(mkdir !== undefined, JSON.stringify(kernel.map((k) => k.text)));
		assert.match(mkdir.text, /^mkdir \d+:\/web-a$/);
		assert.ok(kernel.some((k) => k.kind === "fork"));
		assert.deepEqual(
			kernel.map((k) => k.seq),
			kernel.map((_, i) => kernel[0]!.seq + i),
		);
		assert.equal(
			output(next),
			"mkdir /sys/fs/cgroup/pids/web-a; echo made\r\nmade\r\nroot@cgkit:/root# ",
		);
		for (let i = 0; i < 50; i++) {
			const state = inflateState(
				JSON.parse((await request(`${server.url}state`)).body) as StateWire,
			);
			const pids = state.hierarchies.find((h) => h.name === "pids");
			if (pids?.root.children.some((c) => c.path === "/web-a")) {
				const row = pids.root.children.find((c) => c.path === "/web-a")!;
				assert.deepEqual(row.values, { "pids.current": "0", "pids.max": "max" });
				assert.deepEqual(row.tasks, []);
				return;
			}
			await new Promise((r) => setTimeout(r, 20));
		}
		assert.fail("the new cgroup never showed in the state");
	});

	it("a reconnecting page gets the newest state only, and every output event", async () => {
		const all = await readEvents(
			server.url,
			0,
			(ev) => output(ev).includes("made\r\nroot@cgkit:/root# ") && ev.some((e) => e[1] === "state"),
		);
		assert.equal(all.filter((e) => e[1] === "state").length, 1);
		const ids = all.map((e) => e[0]);
		assert.deepEqual(
			ids,
			[...ids].sort((a, b) => a - b),
		);
	});
});
