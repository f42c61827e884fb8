import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { buildProgram } from "../../src/cli/main.ts";
import { formatTree } from "../../src/tools/tree.ts";
import { TestHost } from "../support/host.ts";

describe("cgkit tree", () => {
	it("prints each hierarchy with its cgroups, tasks and css_sets", () => {
		const h = new TestHost();
		h.mkdir("/sys/fs/cgroup/cpu/a");
		h.mkdir("/sys/fs/cgroup/cpu/a/b");
		h.mkdir("/sys/fs/cgroup/cpu/c");
		const t = h.spawn();
		h.write("/sys/fs/cgroup/cpu/a/b/tasks", String(t.pid));
		const out = formatTree(h.host);
		const cpu = out.split("\n\n")[0]!;
		assert.equal(
			cpu,
			[
				"cpu (hierarchy 1, cgroup v1) on /sys/fs/cgroup/cpu",
				"/              tasks: 1 2  css_sets: #1",
				"├── a          tasks: -  css_sets: -",
				"│   └── b      tasks: 3  css_sets: #2",
				"└── c          tasks: -  css_sets: -",
			].join("\n"),
		);
		assert.ok(out.includes("css_sets: 2\n#1  refcount 3  tasks: 1 2\n"));
		assert.ok(out.includes("#2  refcount 1  tasks: 3\n    0::/  1:cpu:/a/b  2:cpuacct:/"));
		assert.ok(out.includes("cgroup2 (hierarchy 0) on /sys/fs/cgroup/unified\n"));
	});

	it("says when nothing is mounted", () => {
		const h = new TestHost({ layout: "bare" });
		assert.ok(formatTree(h.host).startsWith("no cgroup hierarchy is mounted\n"));
	});

	it("runs from the command line, with options checked", () => {
		let out = "";
		buildProgram((s) => {
			out += s;
		}).parse(["tree", "--layout", "v2"], { from: "user" });
		assert.ok(out.startsWith("cgroup2 (hierarchy 0) on /sys/fs/cgroup\n"));
		const bin = new URL("../../bin/cgkit.js", import.meta.url).pathname;
		const printed = execFileSync(process.execPath, [bin, "tree"], { encoding: "utf8" });
		assert.ok(printed.startsWith("cpu (hierarchy 1, cgroup v1) on /sys/fs/cgroup/cpu\n"));
		assert.throws(
			() => execFileSync(process.execPath, [bin, "tree", "--layout", "nope"], { stdio: "pipe" }),
			/argument 'nope' is invalid/,
		);
	});
});
