/**
 * memcgstat --plot: usage over time as a hand-written SVG document. Axes
 * with labelled ticks (seconds along x, MiB up y, steps of 1, 2 or 5 times
 * a power of ten), the usage as a line, the limit as a dashed step line
 * wherever the cgroup had one, and at each sample where the cgroup's
 * oom_kill counter rose a dashed vertical marker labelled "OOM kill". The
 * title names the cgroup and the process.
 *
 * The elements carry classes (title, tick-x, tick-y, usage, limit,
 * limit-label, oom) so tests and stylesheets can find them. Coordinates
 * have one decimal, so the same samples always give the same bytes.
 */

import { formatLimit } from "./memcgstat-format.ts";
import type { MemcgSample, OomEvent } from "./memcgstat-watch.ts";

export interface PlotInput {
	readonly pid: number;
	readonly samples: readonly MemcgSample[];
	readonly oomEvents: readonly OomEvent[];
}

const WIDTH = 800;
const HEIGHT = 420;
const LEFT = 80;
const RIGHT = 30;
const TOP = 50;
const BOTTOM = 60;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;
const MiB = 1024 * 1024;

const USAGE_COLOUR = "#1f77b4";
const LIMIT_COLOUR = "#d62728";
const OOM_COLOUR = "#8b0000";

/** &, <, > and " as entities, for text and attribute values. */
export function xmlEscape(s: string): string {
	return s.replace(/[&<>"]/g, (c) =>
		c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
	);
}

/** The smallest of 1, 2, 5 times a power of ten that is at least `raw`. */
export function niceStep(raw: number): number {
	if (!(raw > 0) || !Number.isFinite(raw)) return 1;
	const p = 10 ** Math.floor(Math.log10(raw));
	for (const m of [1, 2, 5, 10]) if (m * p >= raw * (1 - 1e-9)) return m * p;
	return 10 * p;
}

/** An axis from 0: its step and its end (a whole number of steps, at least one). */
export interface Axis {
	readonly step: number;
	readonly max: number;
}

export function axisFor(top: number, ticks: number): Axis {
	const step = niceStep(top / ticks);
	const n = Math.max(1, Math.ceil(top / step - 1e-9));
	return { step, max: n * step };
}

/** Tick labels with as many decimals as the step needs. */
function tickLabel(v: number, step: number): string {
	const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
	return v.toFixed(decimals);
}

/** A coordinate with one decimal. */
function c(v: number): string {
	const s = v.toFixed(1);
	return s === "-0.0" ? "0.0" : s;
}

export function plotSvg(input: PlotInput): string {
	const { samples } = input;
	const tEnd = samples.at(-1)?.t ?? 0;
	const x = axisFor(tEnd > 0 ? tEnd : 1, 8);
	let topBytes = 0;
	for (const s of samples) {
		topBytes = Math.max(topBytes, s.usage, s.limit ?? 0);
	}
	const y = axisFor(topBytes > 0 ? (topBytes / MiB) * 1.05 : 1, 5);
	const px = (t: number) => LEFT + (t / x.max) * PLOT_W;
	const py = (bytes: number) => TOP + PLOT_H - (bytes / MiB / y.max) * PLOT_H;
	const bottom = TOP + PLOT_H;
	const right = LEFT + PLOT_W;
	const cgroups: string[] = [];
	for (const s of samples) if (cgroups.at(-1) !== s.cgroup) cgroups.push(s.cgroup);
	const title = `memcgstat: memory cgroup ${cgroups.join(" -> ")} (pid ${input.pid})`;

	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">`,
		`<title>${xmlEscape(title)}</title>`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
		`<text class="title" x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="15">${xmlEscape(title)}</text>`,
	];

	// Grid, ticks and their labels.
	const grid: string[] = [];
	const ticks: string[] = [];
	const nx = Math.round(x.max / x.step);
	for (let i = 0; i <= nx; i++) {
		const v = i * x.step;
		const X = c(px(v));
		if (i > 0) grid.push(`<line x1="${X}" y1="${TOP}" x2="${X}" y2="${c(bottom)}"/>`);
		ticks.push(`<line x1="${X}" y1="${c(bottom)}" x2="${X}" y2="${c(bottom + 5)}"/>`);
		ticks.push(
			`<text class="tick-x" x="${X}" y="${c(bottom + 19)}" text-anchor="middle" stroke="none">${tickLabel(v, x.step)}</text>`,
		);
	}
	const ny = Math.round(y.max / y.step);
	for (let i = 0; i <= ny; i++) {
		const v = i * y.step;
		const Y = c(py(v * MiB));
		if (i > 0) grid.push(`<line x1="${LEFT}" y1="${Y}" x2="${c(right)}" y2="${Y}"/>`);
		ticks.push(`<line x1="${LEFT - 5}" y1="${Y}" x2="${LEFT}" y2="${Y}"/>`);
		ticks.push(
			`<text class="tick-y" x="${LEFT - 8}" y="${c(Number(Y) + 4)}" text-anchor="end" stroke="none">${tickLabel(v, y.step)}</text>`,
		);
	}
	out.push(`<g class="grid" stroke="#e6e6e6" stroke-width="1">${grid.join("")}</g>`);
	out.push(`<g class="ticks" stroke="#000000" fill="#000000">${ticks.join("")}</g>`);
	out.push(
		`<g class="axes" stroke="#000000" stroke-width="1"><line x1="${LEFT}" y1="${c(bottom)}" x2="${c(right)}" y2="${c(bottom)}"/><line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${c(bottom)}"/></g>`,
	);
	out.push(
		`<text class="axis-label" x="${c(LEFT + PLOT_W / 2)}" y="${HEIGHT - 14}" text-anchor="middle">time (s)</text>`,
	);
	out.push(
		`<text class="axis-label" x="20" y="${c(TOP + PLOT_H / 2)}" text-anchor="middle" transform="rotate(-90 20 ${c(TOP + PLOT_H / 2)})">memory (MiB)</text>`,
	);

	// The limit: a step line, held from each sample to the next (the last to
	// the right edge), broken where unlimited.
	let d = "";
	/** The pen's level and how far the current level reaches; null: pen up. */
	let pen: { Y: string; toX: number } | null = null;
	let lastLimit: { X: number; Y: number; limit: number } | null = null;
	const lift = () => {
		if (pen !== null) d += `H${c(pen.toX)}`;
		pen = null;
	};
	for (let i = 0; i < samples.length; i++) {
		const s = samples[i]!;
		if (s.limit === null) {
			lift();
			continue;
		}
		const Y = py(s.limit);
		const next = samples[i + 1];
		const toX = next === undefined ? right : px(next.t);
		if (pen === null) {
			d += `M${c(px(s.t))},${c(Y)}`;
		} else if (pen.Y !== c(Y)) {
			d += `H${c(pen.toX)}V${c(Y)}`;
		}
		pen = { Y: c(Y), toX };
		lastLimit = { X: toX, Y, limit: s.limit };
	}
	lift();
	if (lastLimit !== null) {
		out.push(
			`<path class="limit" d="${d}" fill="none" stroke="${LIMIT_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
		);
		out.push(
			`<text class="limit-label" x="${c(lastLimit.X - 4)}" y="${c(lastLimit.Y - 5)}" text-anchor="end" fill="${LIMIT_COLOUR}">limit ${formatLimit(lastLimit.limit)}</text>`,
		);
	}

	// The usage.
	const points = samples.map((s) => `${c(px(s.t))},${c(py(s.usage))}`).join(" ");
	out.push(
		`<polyline class="usage" points="${points}" fill="none" stroke="${USAGE_COLOUR}" stroke-width="2" stroke-linejoin="round"/>`,
	);
	if (samples.length === 1) {
		const s = samples[0]!;
		out.push(
			`<circle class="usage-point" cx="${c(px(s.t))}" cy="${c(py(s.usage))}" r="3" fill="${USAGE_COLOUR}"/>`,
		);
	}

	// OOM kills, labels staggered so that close ones stay readable.
	input.oomEvents.forEach((e, k) => {
		const s = samples[e.index];
		if (s === undefined) return;
		const X = px(e.t);
		const nearRight = X > right - 90;
		const label = e.kills === 1 ? "OOM kill" : `${e.kills} OOM kills`;
		out.push(
			`<g class="oom" stroke="${OOM_COLOUR}" fill="${OOM_COLOUR}"><line x1="${c(X)}" y1="${TOP}" x2="${c(X)}" y2="${c(bottom)}" stroke-width="1" stroke-dasharray="3 3"/><circle cx="${c(X)}" cy="${c(py(s.usage))}" r="4" stroke="none"/><text x="${c(nearRight ? X - 4 : X + 4)}" y="${TOP + 14 + (k % 3) * 14}" text-anchor="${nearRight ? "end" : "start"}" stroke="none">${label}</text></g>`,
		);
	});

	// Legend, bottom right, level with the x axis label.
	const lx = right - 130;
	const ly = HEIGHT - 18;
	out.push(
		`<g class="legend"><line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${USAGE_COLOUR}" stroke-width="2"/><text x="${lx + 25}" y="${ly + 4}">usage</text><line x1="${lx + 75}" y1="${ly}" x2="${lx + 95}" y2="${ly}" stroke="${LIMIT_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${lx + 100}" y="${ly + 4}">limit</text></g>`,
	);
	out.push("</svg>");
	return `${out.join("\n")}\n`;
}
