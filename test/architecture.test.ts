/**
 * The layering rules of docs/architecture.md, checked on the import graph:
 * dependencies point inward (cli, tools -> userland -> fs -> kernel), the
 * kernel imports nothing outside itself and no Node API, and no module
 * keeps mutable state outside the objects it creates.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";

const SRC = new URL("../src", import.meta.url).pathname;

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
	);
}

function imports(file: string): string[] {
	const text = readFileSync(file, "utf8");
	return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
}

function layerOf(path: string): string {
	return relative(SRC, path).split("/")[0]!;
}

/** Which layers each layer may import. */
const ALLOWED: Record<string, string[]> = {
	kernel: ["kernel"],
	fs: ["fs", "kernel"],
	userland: ["userland", "fs", "kernel"],
	host: ["host", "userland", "fs", "kernel"],
	tools: ["tools", "userland", "fs", "kernel", "host"],
	web: ["web", "userland", "fs", "kernel"],
	cli: ["cli", "tools", "web", "userland", "fs", "kernel", "host"],
};

describe("architecture", () => {
	const all = files(SRC);

	it("keeps the web page apart from the server: it imports only its own files and the protocol", () => {
		const bad: string[] = [];
		const client = join(SRC, "web", "client");
		for (const f of all.filter((x) => x.startsWith(`${client}/`))) {
			for (const spec of imports(f)) {
				if (!spec.startsWith(".")) continue;
				const target = join(f, "..", spec);
				if (!target.startsWith(`${client}/`) && target !== join(SRC, "web", "protocol.ts"))
					bad.push(`${relative(SRC, f)} imports ${spec}`);
			}
		}
		assert.deepEqual(bad, []);
	});

	it("points every import inward", () => {
		const bad: string[] = [];
		for (const f of all) {
			const layer = layerOf(f);
			for (const spec of imports(f)) {
				if (!spec.startsWith(".")) {
					if (layer === "kernel" || layer === "fs") bad.push(`${relative(SRC, f)} imports ${spec}`);
					continue;
				}
				const target = layerOf(join(f, "..", spec));
				if (!(ALLOWED[layer] ?? []).includes(target)) bad.push(`${relative(SRC, f)} -> ${target}`);
			}
		}
		assert.deepEqual(bad, []);
	});

	it("keeps the kernel free of host APIs and the wall clock", () => {
		const bad: string[] = [];
		for (const f of all.filter((x) => layerOf(x) === "kernel")) {
			const code = readFileSync(f, "utf8")
				.replace(/\/\*[\s\S]*?\*\//g, "")
				.replace(/\/\/.*$/gm, "");
			const host =
				/\b(process\.\w+|Date\.now|new Date|performance\.now|Math\.random|require\(|setTimeout|setInterval|Buffer\.)/;
			const m = host.exec(code);
			if (m !== null) bad.push(`${relative(SRC, f)} uses ${m[1]}`);
		}
		assert.deepEqual(bad, []);
	});

	it("keeps no mutable module-level state in the kernel and fs", () => {
		const bad: string[] = [];
		for (const f of all.filter((x) => ["kernel", "fs"].includes(layerOf(x)))) {
			for (const [i, line] of readFileSync(f, "utf8").split("\n").entries()) {
				if (/^(let|var) /.test(line)) bad.push(`${relative(SRC, f)}:${i + 1}: ${line}`);
			}
		}
		assert.deepEqual(bad, []);
	});
});
