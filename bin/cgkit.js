#!/usr/bin/env node
// The cgkit command. Runs the bundle dist/cgkit.cjs, rebuilding it with
// esbuild first when any source file is newer (a bundle starts in a fraction
// of the time the TypeScript sources take through tsx), and keeps V8's code
// cache of it in dist/cgkit.cache so later starts skip most compiling.
// Falls back to tsx when the bundle cannot be built.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = `${root}dist/cgkit.cjs`;
const cache = `${root}dist/cgkit.cache`;

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
		format: "cjs",
		target: "node20",
		outfile: bundle,
		logLevel: "silent",
		minify: true,
		sourcemap: "linked",
	});
}

/** Load the CommonJS bundle through vm.Script with the code cache. */
function load() {
	const source = readFileSync(bundle, "utf8");
	let cachedData;
	try {
		cachedData = readFileSync(cache);
	} catch {}
	const script = new Script(
		`(function (exports, require, module, __filename, __dirname) {${source}\n})`,
		{
			filename: bundle,
			cachedData,
		},
	);
	const module = { exports: {} };
	script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, `${root}dist`);
	const saveCache = cachedData === undefined || script.cachedDataRejected === true;
	return {
		main: module.exports.main,
		saveCache: saveCache ? () => writeFileSync(cache, script.createCachedData()) : null,
	};
}

let main;
let saveCache = null;
try {
	if (!bundleIsCurrent()) await build();
	({ main, saveCache } = load());
} catch {
	const { register } = await import("tsx/esm/api");
	register();
	({ main } = await import("../src/cli/main.ts"));
}
try {
	await main(process.argv.slice(2));
} finally {
	// After a run the cache holds the functions it compiled, too.
	try {
		saveCache?.();
	} catch {}
}
