/**
 * `cgkit web` from the command line: it prints the page's address on the
 * loopback interface, serves the page there with the shell running the
 * script given, stops on SIGINT with status 0, and refuses a bad --speed.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const BIN = new URL("../../bin/cgkit.js", import.meta.url).pathname;

describe("cgkit web", () => {
	it("serves the page on 127.0.0.1, types --script into the shell, and stops on SIGINT", async () => {
		const script = join(tmpdir(), `cgkit-web-${process.pid}.sh`);
		writeFileSync(script, "mkdir /sys/fs/cgroup/pids/from-script\n");
		const child = spawn(
			process.execPath,
			[BIN, "web", "--port", "0", "--speed", "max", "--script", script, "--layout", "hybrid"],
			{ stdio: ["ignore", "pipe", "pipe"] },
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let out = "";
				child.stdout.setEncoding("utf8");
				child.stdout.on("data", (c: string) => {
					out += c;
					const m = /^cgkit web: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out);
					if (m) resolve(m[1]!);
				});
				child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
			});
			const page = await fetch(url);
			assert.equal(page.status, 200);
			assert.match(await page.text(), /<div id="terminal"><\/div>/);
			let found = false;
			for (let i = 0; i < 100 && !found; i++) {
				const state = (await (await fetch(`${url}state`)).json()) as {
					hierarchies: { name: string; root: { children: { path: string }[] } }[];
				};
				found =
					state.hierarchies
						.find((h) => h.name === "pids")
						?.root.children.some((c) => c.path === "/from-script") ?? false;
				if (!found) await new Promise((r) => setTimeout(r, 50));
			}
			assert.ok(found, "the script's mkdir shows in the state");
			const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
			child.kill("SIGINT");
			assert.equal(await exited, 0);
		} finally {
			child.kill("SIGKILL");
			rmSync(script, { force: true });
		}
	});

	it("refuses a speed that is not a positive number or max", () => {
		for (const bad of ["0", "-1", "fast", ""]) {
			assert.throws(
				() =>
					execFileSync(process.execPath, [BIN, "web", "--port", "0", "--speed", bad], {
						stdio: "pipe",
						timeout: 30_000,
					}),
				/argument '.*' is invalid\. a positive number, or max/,
				bad,
			);
		}
	});
});
