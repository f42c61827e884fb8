/**
 * memcgstat's PNG plots: the SVG the shared core draws
 * (src/userland/lib/memcgstat-plot.ts), rendered by resvg
 * (@resvg/resvg-js, a native Node module, hence here and not in userland).
 *
 * The module is loaded when a PNG is asked for, with require() and a
 * specifier that is not a literal: the cgkit bundle (bin/cgkit.js, esbuild,
 * CommonJS run through vm.Script, which has no dynamic import()) leaves it
 * to Node instead of trying to bundle the native binary, and everything
 * else starts without it. Under tsx (ES modules) require comes from
 * createRequire().
 */
import { createRequire } from "node:module";

type ResvgModule = typeof import("@resvg/resvg-js");

const RESVG = "@resvg/resvg-js";

/** Fonts resvg finds on Linux without a fontconfig lookup, first match wins. */
const FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts"];

/** The PNG image of an SVG document, at its own size on a white background. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
	const load = typeof require === "function" ? require : createRequire(import.meta.url);
	const { Resvg } = load(RESVG) as ResvgModule;
	const r = new Resvg(svg, {
		background: "#ffffff",
		fitTo: { mode: "original" },
		font: {
			loadSystemFonts: true,
			fontDirs: FONT_DIRS,
			defaultFontFamily: "DejaVu Sans",
			sansSerifFamily: "DejaVu Sans",
		},
	});
	return new Uint8Array(r.render().asPng());
}
