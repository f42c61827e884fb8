/**
 * cgkit web end to end, in headless Debian Chromium driven by
 * playwright-core: the kernel documentation's Charlie example and the
 * memcgstat OOM example are typed into the page's terminal, key by key, and
 * the trees, the css_set lattice, the timeline and the memory chart are
 * checked against what the kernel did. The screenshots the README shows
 * are taken here (docs/img/web-*.png; CGKIT_SCREENSHOTS=DIR saves them
 * elsewhere). Without a Chromium that starts, the tests skip with the reason.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { SampleRing } from "../../src/web/client/model/samples.ts";
import type { PageHandle } from "../../src/web/client/ui/store.ts";
import type { CgroupView, StateView } from "../../src/web/protocol.ts";
import { startWebServer, type WebServer, type WebServerOptions } from "../../src/web/server.ts";
import { launchChromium } from "../support/chromium.ts";

/** What the page puts on window for tests and the console. */
interface PageGlobals {
	readonly requestAnimationFrame: (run: () => void) => number;
	readonly cgkitPage: PageHandle;
	readonly cgkitStore: { readonly rings: { readonly memory: SampleRing } };
}

const SHOTS = process.env.CGKIT_SCREENSHOTS ?? new URL("../../docs/img", import.meta.url).pathname;

const launched = await launchChromium();
const skip = "skip" in launched ? launched.skip : false;
if (skip !== false) process.stdout.write(`# browser tests skipped: ${skip}\n`);

/** What the terminal shows (xterm's DOM rows), one line per row, blanks at the ends of rows and below cut. */
async function screenText(page: Page): Promise<string> {
	const rows = await page.locator(".xterm-rows > div").allInnerTexts();
	return rows
		.map((r) => r.replace(/\u00a0/g, " ").trimEnd())
		.join("\n")
		.trimEnd();
}

async function waitForScreen(page: Page, re: RegExp, timeoutMs = 30_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = "";
	while (Date.now() < deadline) {
		text = await screenText(page);
		if (re.test(text)) return text;
		await page.waitForTimeout(50);
	}
	assert.fail(`the terminal never showed ${re}; it shows:\n${text}`);
}

/** After the page's next frame, when what it had to draw is drawn (it renders once a frame). */
async function nextFrame(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) =>
				(globalThis as unknown as PageGlobals).requestAnimationFrame(() => setTimeout(resolve, 0)),
			),
	);
}

/** Type one line into the terminal as a user does, key by key, then Enter. */
async function typeLine(page: Page, line: string): Promise<void> {
	await page.locator("#terminal").click();
	await page.keyboard.type(line, { delay: 2 });
	await page.keyboard.press("Enter");
}

/** The page's newest state once `ok` holds for it. */
async function waitForState(
	page: Page,
	ok: (s: StateView) => boolean,
	what: string,
): Promise<StateView> {
	const deadline = Date.now() + 30_000;
	let s: StateView | null = null;
	while (Date.now() < deadline) {
		s = await page.evaluate(() => (globalThis as unknown as PageGlobals).cgkitPage.state);
		if (s !== null && ok(s)) return s;
		await page.waitForTimeout(50);
	}
	assert.fail(`the page's state never showed ${what}`);
}

function findCgroup(s: StateView, hierarchy: string, path: string): CgroupView | undefined {
	const h = s.hierarchies.find((x) => x.name === hierarchy);
	const walk = (c: CgroupView): CgroupView | undefined =>
		c.path === path ? c : c.children.map(walk).find((x) => x !== undefined);
	return h === undefined ? undefined : walk(h.root);
}

async function openPage(browser: Browser, opts: WebServerOptions): Promise<[WebServer, Page]> {
	const server = await startWebServer({ port: 0, stateMs: 50, ...opts });
	const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
	page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
	await page.goto(server.url);
	await waitForScreen(page, /root@cgkit:\/root#$/);
	return [server, page];
}

describe("cgkit web in Chromium", { skip }, () => {
	let browser: Browser;
	before(() => {
		if ("browser" in launched) browser = launched.browser;
		mkdirSync(SHOTS, { recursive: true });
	});
	after(async () => {
		await browser?.close();
	});

	it("the Charlie example: the cpuset tree, the css_set lattice and the timeline follow the typed commands", async () => {
		const [server, page] = await openPage(browser, {
			layout: "bare",
			cpus: 4,
			nodes: 2,
			speed: 1,
		});
		try {
			// Documentation/admin-guide/cgroup-v1/cgroups.rst, 1.6 "How do I use cgroups ?"
			const prompted = [
				"mount -t tmpfs cgroup_root /sys/fs/cgroup",
				"mkdir /sys/fs/cgroup/cpuset",
				"mount -t cgroup cpuset -ocpuset /sys/fs/cgroup/cpuset",
				"cd /sys/fs/cgroup/cpuset",
				"mkdir Charlie",
				"cd Charlie",
				"/bin/echo 2-3 > cpuset.cpus",
				"/bin/echo 1 > cpuset.mems",
				"/bin/echo $$ > tasks",
			];
			for (const [i, line] of prompted.entries()) {
				await typeLine(page, line);
				const cwd =
					i < 3 ? "/root" : i < 5 ? "/sys/fs/cgroup/cpuset" : "/sys/fs/cgroup/cpuset/Charlie";
				await waitForScreen(page, new RegExp(`${reEscape(line)}\\n(.*\\n)*root@cgkit:${cwd}#$`));
			}
			// The subshell reads the rest from the terminal; it prints no prompt.
			await typeLine(page, "sh");
			await typeLine(page, "# The subshell 'sh' is now running in cgroup Charlie");
			await typeLine(page, "# The next line should display '/Charlie'");
			await typeLine(page, "cat /proc/self/cgroup");
			await waitForScreen(page, /cat \/proc\/self\/cgroup\n1:cpuset:\/Charlie$/);

			const state = await waitForState(
				page,
				(s) => (findCgroup(s, "cpuset", "/Charlie")?.tasks.length ?? 0) === 2,
				"the shell and its subshell in /Charlie",
			);
			const charlie = findCgroup(state, "cpuset", "/Charlie")!;
			const cpuset = state.hierarchies.find((h) => h.name === "cpuset")!;
			assert.deepEqual(cpuset.controllers, ["cpuset"]);
			assert.equal(charlie.values["cpuset.cpus"], "2-3");
			assert.equal(charlie.values["cpuset.mems"], "1");
			const [shell, subshell] = charlie.tasks;
			assert.deepEqual(
				charlie.tasks.map((pid) => state.tasks.find((t) => t.pid === pid)?.comm),
				["sh", "sh"],
			);

			// The tree shows it: the row, its values and its two tasks.
			await page.locator('[data-tab="hierarchies"]').click();
			const section = page.locator(`[data-hierarchy="${cpuset.id}"]`);
			const row = section.locator(`[data-path="/Charlie"]`);
			await row.waitFor();
			assert.equal(await row.getAttribute("data-tasks"), "2");
			assert.equal(await row.locator('[data-value="cpuset.cpus"]').innerText(), "2-3");
			assert.equal(await row.locator('[data-value="cpuset.mems"]').innerText(), "1");
			await section.locator(`[data-toggle="${cpuset.id}:/Charlie"]`).click();
			for (const pid of charlie.tasks) {
				await section.locator(`[data-task="${pid}"]`).first().waitFor();
			}

			// The lattice: one css_set holds both tasks, linked to /Charlie and to the default root.
			const cset = state.csets.find((c) => c.tasks.includes(shell!))!;
			assert.deepEqual(cset.tasks, [shell, subshell]);
			assert.deepEqual(cset.links.map((l) => l.cgroup).sort(), ["0:/", `${cpuset.id}:/Charlie`]);
			await page.locator('[data-tab="lattice"]').click();
			const node = page.locator(`[data-cset="${cset.id}"]`);
			await node.waitFor();
			assert.equal(await node.getAttribute("data-refcount"), String(cset.refcount));
			await page.locator(`[data-link="${cset.id}:${cpuset.id}:/Charlie"]`).waitFor();
			// Selecting the css_set marks its cgroups and tasks.
			await node.click();
			await page.locator(`[data-lattice-cgroup="${cpuset.id}:/Charlie"].related`).waitFor();
			await page.screenshot({ path: join(SHOTS, "web-charlie.png") });

			// The timeline: the migration of the shell into /Charlie, its phases under one row.
			await page.locator('[data-tab="timeline"]').click();
			const attach = page.locator(".event.kind-attach", { hasText: `/Charlie` }).first();
			await attach.waitFor();
			const migration = await attach.getAttribute("data-migration");
			assert.ok(migration !== null);
			const phases = await page.locator(`[data-migration="${migration}"] .phase`).allInnerTexts();
			// cgroup_migrate_prepare_dst() makes the css_set for /Charlie, cpuset's can_attach
			// agrees, the task is moved, then cpuset's attach runs.
			assert.deepEqual(phases, ["cset-created", "prepare", "can-attach", "commit", "attach"]);
			const depths = await page
				.locator(`[data-migration="${migration}"]`)
				.evaluateAll((els) => els.map((e) => e.className.match(/depth-(\d)/)?.[1]));
			assert.deepEqual(depths, ["0", "1", "1", "1", "1", "1"]);
			await page.locator(`[data-migration="${migration}"]`).first().click();
			// The page draws the marks at its next frame.
			await page.locator(`[data-migration="${migration}"].selected`).nth(5).waitFor();
			assert.equal(await page.locator(`[data-migration="${migration}"]:not(.selected)`).count(), 0);

			// The connection drops while the subshell prints: the page reconnects with
			// Last-Event-ID and gets what it missed, once.
			server.disconnect();
			server.session.input("echo missed while away; cat cpuset.cpus\r");
			await waitForScreen(
				page,
				/\ncat \/proc\/self\/cgroup\n1:cpuset:\/Charlie\necho missed while away; cat cpuset.cpus\nmissed while away\n2-3$/,
			);
			await page.waitForFunction(
				(id) => (globalThis as unknown as PageGlobals).cgkitPage.lastEventId >= id,
				server.session.lastId,
			);

			// Paused, the timeline queues a migration; Step shows it a phase at a time.
			await page.locator('[data-action="pause"]').click();
			await nextFrame(page);
			const before = await page.locator(".event").count();
			await typeLine(page, "/bin/echo $$ > ../tasks");
			const queued = page.locator("[data-queued]");
			let waiting = 0;
			for (let i = 0; i < 600 && waiting < 6; i++) {
				waiting = Number(await queued.getAttribute("data-queued"));
				if (waiting < 6) await page.waitForTimeout(50);
			}
			assert.equal(await page.locator(".event").count(), before);
			const shown: string[] = [];
			for (let i = 0; i < waiting; i++) {
				await page.locator('[data-action="step"]').click();
				await page
					.locator(".event")
					.nth(before + i)
					.waitFor();
				shown.push(
					await page
						.locator(".event")
						.nth(before + i)
						.locator(".kind")
						.innerText(),
				);
				assert.equal(await queued.getAttribute("data-queued"), String(waiting - i - 1));
			}
			// Moving back to the root: the root's css_set is found, not created.
			const back = await page.locator(".event.kind-migrate .phase").allInnerTexts();
			assert.deepEqual(back.slice(-5), ["cset-found", "prepare", "can-attach", "commit", "attach"]);
			assert.ok(shown.includes("attach"), shown.join(" "));
			await page.locator('[data-action="resume"]').click();
			await page.locator('[data-action="pause"]').waitFor();
		} finally {
			await page.close();
			await server.close();
		}
	});

	it("the memcgstat OOM example: usage climbs to the limit in the chart, the OOM kill is on the timeline", async () => {
		const [server, page] = await openPage(browser, { speed: 1 });
		try {
			const lines = [
				"mkdir /sys/fs/cgroup/memory/test1",
				"echo 100M > /sys/fs/cgroup/memory/test1/memory.limit_in_bytes",
				"echo $$ > /sys/fs/cgroup/memory/test1/tasks",
				"growheap -i 0.1 &",
			];
			for (const line of lines) {
				await typeLine(page, line);
				await waitForScreen(page, new RegExp(`${reEscape(line)}\\n(.*\\n)*root@cgkit:/root#$`));
			}
			await page.locator('[data-tab="charts"]').click();
			await typeLine(page, "memcgstat -p $$ -i 1 -c 14 | cut -c1-61");
			// Emulated time runs with the wall clock here: growheap has grown while the line was typed.
			const screen = await waitForScreen(
				page,
				/oom kills +1 while watching \(at \d+\.0s\)/,
				60_000,
			);
			assert.match(screen, / \d+\.0s \/test1 +9\d\.\dM +100\.0M +9\d\.\d% +9\d\.\dM +0\n/);

			// The chart's series: /test1's usage rose to within a page of 100M and fell after the kill.
			const series = await page.evaluate(() => {
				const ring = (globalThis as unknown as PageGlobals).cgkitStore.rings.memory;
				const keys = ring.keys();
				const [xs, ...ys] = ring.data();
				return { keys, xs, ys };
			});
			const state = await waitForState(
				page,
				(s) => findCgroup(s, "memory", "/test1") !== undefined,
				"/test1",
			);
			const memory = state.hierarchies.find((h) => h.name === "memory")!;
			const usage = series.ys[series.keys.indexOf(`${memory.id}:/test1 usage`)];
			const limit = series.ys[series.keys.indexOf(`${memory.id}:/test1 limit`)];
			assert.ok(usage !== undefined && limit !== undefined, series.keys.join(", "));
			const peak = Math.max(...usage.map((v) => v ?? 0));
			assert.ok(peak > 95 * 2 ** 20 && peak <= 100 * 2 ** 20, `peak ${peak}`);
			assert.equal(limit.filter((v) => v !== null).at(-1), 100 * 2 ** 20);
			const last = usage.filter((v) => v !== null).at(-1)!;
			assert.ok(last < 2 ** 20, `usage after the kill ${last}`);
			assert.ok(series.xs.length >= 40, `${series.xs.length} samples over 14 emulated seconds`);
			await page.locator('[data-chart="memory"] canvas').waitFor();
			const legend = await page.locator('[data-chart="memory"] .u-legend').innerText();
			assert.match(legend, /memory:\/test1 usage/);
			await page.screenshot({ path: join(SHOTS, "web-memcg-oom.png") });

			// The tree: growheap is gone, the shell is left in /test1.
			const test1 = findCgroup(state, "memory", "/test1")!;
			assert.equal(test1.values["memory.limit_in_bytes"], String(100 * 2 ** 20));
			// The timeline has the charge failures and the kill.
			await page.locator('[data-tab="timeline"]').click();
			await page.locator(".event.kind-oom-kill", { hasText: "(growheap) in" }).waitFor();
			assert.ok((await page.locator(".event.kind-charge-fail").count()) > 0);
		} finally {
			await page.close();
			await server.close();
		}
	});
});

function reEscape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
