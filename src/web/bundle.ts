/**
 * Builds the page's script and style sheet in memory with esbuild (nothing
 * written to disk), and the HTML that loads them.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const CLIENT_ENTRY = fileURLToPath(new URL("./client/main.tsx", import.meta.url));
const WEB_TSCONFIG = fileURLToPath(new URL("../../tsconfig.web.json", import.meta.url));

/** The bundled page: the JavaScript (IIFE, ES2020, minified) and the CSS (xterm, uPlot and the page's own). */
export async function buildClient(): Promise<{ js: string; css: string }> {
	const result = await build({
		entryPoints: [CLIENT_ENTRY],
		bundle: true,
		minify: true,
		write: false,
		format: "iife",
		target: "es2020",
		platform: "browser",
		outdir: "/cgkit-web-out",
		entryNames: "app",
		jsx: "automatic",
		jsxImportSource: "preact",
		tsconfig: WEB_TSCONFIG,
		loader: { ".css": "css" },
		logLevel: "silent",
		legalComments: "none",
	});
	let js = "";
	let css = "";
	for (const f of result.outputFiles) {
		if (f.path.endsWith(".js")) js = f.text;
		else if (f.path.endsWith(".css")) css = f.text;
	}
	if (js === "") throw new Error("buildClient: esbuild produced no JavaScript");
	return { js, css };
}

function escapeHtml(text: string): string {
	return text
		.replaceAll("&", "&amp;")
		.replaceAll("<", "&lt;")
		.replaceAll(">", "&gt;")
		.replaceAll('"', "&quot;");
}

/** The page: loads /app.css and /app.js; the terminal goes in #terminal, the panes in #panes. */
export function pageHtml(title: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<main class="layout">
<div id="terminal"></div>
<div id="panes"></div>
</main>
<script src="/app.js"></script>
</body>
</html>
`;
}
