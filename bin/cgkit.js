#!/usr/bin/env node
// The cgkit command. Runs the bundle dist/cgkit.mjs, rebuilding it with
// esbuild first when any source file is newer (a bundle starts in a fraction
// of the time the TypeScript sources take through tsx); falls back to tsx
// when the bundle cannot be built.
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = `${root}dist/cgkit.mjs`;

function newest(dir) {
	let latest = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = `${dir}/${e.name}`;
		const t = e.isDirectory() ? newest(p) : statSync(p).mtimeMs;
		if (t > latest) latest = t;
	}
	return latest;
}

function bundleIsCurrent() {
	try {
		const built = statSync(bundle).mtimeMs;
		return built >= newest(`${root}src`) && built >= statSync(`${root}package-lock.json`).mtimeMs;
	} catch {
		return false;
	}
}

async function build() {
	const esbuild = await import("esbuild");
	mkdirSync(`${root}dist`, { recursive: true });
	await esbuild.build({
		entryPoints: [`${root}src/cli/main.ts`],
		bundle: true,
		platform: "node",
		format: "esm",
		target: "node20",
		outfile: bundle,
		logLevel: "silent",
		minify: true,
		sourcemap: "linked",
		banner: {
			js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
		},
	});
}

let main;
try {
	if (!bundleIsCurrent()) await build();
	({ main } = await import(pathToFileURL(bundle).href));
} catch {
	const { register } = await import("tsx/esm/api");
	register();
	({ main } = await import("../src/cli/main.ts"));
}
await main(process.argv.slice(2));
