import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TestHost } from "../support/host.ts";

describe("perf_event", () => {
	it("has only the core files on a v1 hierarchy", () => {
		const t = new TestHost({ layout: "bare" });
		t.mkdir("/tmp/h");
		t.vfs.mount(t.init, "cgroup", "/tmp/h", "cgroup", 0, "perf_event");
		t.mkdir("/tmp/h/a");
		assert.deepEqual(t.ls("/tmp/h/a").sort(), [
			"cgroup.clone_children",
			"cgroup.procs",
			"notify_on_release",
			"tasks",
		]);
		assert.match(t.read("/proc/self/cgroup"), /:perf_event:\//);
	});
});
