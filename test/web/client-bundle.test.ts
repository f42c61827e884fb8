import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildClient, pageHtml } from "../../src/web/bundle.ts";

describe("buildClient", () => {
	it("bundles the page with the test selectors and the xterm/uPlot CSS", async () => {
		const { js, css } = await buildClient();
		for (const attr of [
			"data-hierarchy",
			"data-cgroup",
			"data-path",
			"data-tasks",
			"data-value",
			"data-cset",
			"data-refcount",
			"data-link",
			"data-task",
			"data-event-seq",
			"data-chart",
			"cgkitPage",
			"/events",
			"/input",
		]) {
			assert.ok(js.includes(attr), `bundle lacks ${attr}`);
		}
		assert.ok(css.includes(".xterm"), "xterm css missing");
		assert.ok(css.includes(".uplot"), "uPlot css missing");
		assert.ok(css.includes(".related"));
	});
	it("pageHtml loads /app.js and /app.css and escapes the title", () => {
		const html = pageHtml("a<b>");
		assert.ok(html.includes('<script src="/app.js"></script>'));
		assert.ok(html.includes('<link rel="stylesheet" href="/app.css">'));
		assert.ok(html.includes("<title>a&lt;b&gt;</title>"));
		assert.ok(html.includes('id="terminal"'));
	});
});
