/**
 * memcgstat -p PID [-c COUNT] [-i SECONDS] [--plot FILE.svg|FILE.png] [--json]
 *
 * Shows the memory usage of the memory cgroup a process belongs to, in the
 * spirit of the original memcgstat ("show memory usage in memcg"): one line
 * per interval (see memcgstat-format.ts for the columns), then a summary
 * when the process is gone, COUNT samples were taken, or (host) on SIGINT.
 * The cgroup is looked up again at every sample, so a process that moves
 * is followed; oom kills and failcnt rises are counted in the cgroup (any of
 * its processes), which is how the OOM kill of a child of a watched shell
 * shows. The process is gone when /proc/PID disappears or it is a zombie;
 * the sample taken then reads the last cgroup once more. Exit status 0, or
 * 1 (with a message) when the process does not exist, has no memory cgroup
 * or its cgroup has no memory files, or the plot cannot be written.
 *
 * This is the program's logic without any I/O ("sans-IO"): it yields
 * requests (read a file, the time, sleep until, write output, write the
 * plot) and its driver answers each by setting the request's `result`
 * before resuming it. The emulated program (src/userland/bin/memcgstat.ts)
 * answers with the emulated system calls and clock; the host driver
 * (src/tools/memcgstat.ts) with node:fs and real time.
 */

import {
	headerLine,
	type LineLayout,
	layoutFor,
	sampleJson,
	sampleLine,
	summaryJson,
	summaryText,
} from "./memcgstat-format.ts";
import { hierarchyName, type MemcgRef, memcgDir, memcgOfProcCgroup } from "./memcgstat-locate.ts";
import { plotSvg } from "./memcgstat-plot.ts";
import { memcgFiles, readingOf, usageFile } from "./memcgstat-sample.ts";
import { type EndReason, MemcgWatch } from "./memcgstat-watch.ts";
import { type MountEntry, parseMountinfo } from "./mountinfo.ts";

export const MEMCGSTAT_USAGE =
	"memcgstat -p PID [-c COUNT] [-i SECONDS] [--plot FILE.svg|FILE.png] [--json]";

export type PlotFormat = "svg" | "png";

export interface MemcgstatOptions {
	readonly pid: number;
	/** Stop after this many samples; null: until the process is gone. */
	readonly count: number | null;
	readonly intervalNs: number;
	readonly plot: { readonly path: string; readonly format: PlotFormat } | null;
	readonly json: boolean;
}

export const DEFAULT_INTERVAL_NS = 1e9;

/** A process id argument: a positive decimal number. */
export function parsePidArg(s: string): number | null {
	if (!/^[1-9][0-9]*$/.test(s)) return null;
	const n = Number(s);
	return Number.isSafeInteger(n) ? n : null;
}

/** A sample count: a positive decimal number. */
export function parseCountArg(s: string): number | null {
	return parsePidArg(s);
}

/** An interval in seconds ("1", "0.5", ".2") as nanoseconds; null unless positive. */
export function parseIntervalArg(s: string): number | null {
	if (!/^([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(s)) return null;
	const ns = Math.round(Number(s) * 1e9);
	return ns > 0 && Number.isSafeInteger(ns) ? ns : null;
}

/** The plot format a file name asks for by its extension, or null. */
export function plotFormatOf(path: string): PlotFormat | null {
	const lower = path.toLowerCase();
	if (lower.endsWith(".svg")) return "svg";
	if (lower.endsWith(".png")) return "png";
	return null;
}

// ------------------------------------------------------------ I/O requests

export type ReadResult =
	| { readonly ok: true; readonly text: string }
	/** errno: the name ("ENOENT"); message: its strerror text. */
	| { readonly ok: false; readonly errno: string; readonly message: string };

/** Read a whole file (a byte string). */
export interface ReadRequest {
	readonly op: "read";
	readonly path: string;
	result?: ReadResult;
}

/** A monotonic clock in nanoseconds. */
export interface NowRequest {
	readonly op: "now";
	result?: number;
}

/** Sleep until the clock reads `untilNs`; false when interrupted. */
export interface SleepRequest {
	readonly op: "sleep";
	readonly untilNs: number;
	result?: boolean;
}

/** Write text (a byte string) to stdout (1) or stderr (2). */
export interface WriteRequest {
	readonly op: "write";
	readonly fd: 1 | 2;
	readonly text: string;
}

/** Write the plot, rendered from `svg` in `format`; the result is an error message or null. */
export interface PlotRequest {
	readonly op: "plot";
	readonly path: string;
	readonly format: PlotFormat;
	readonly svg: string;
	result?: string | null;
}

export type IoRequest = ReadRequest | NowRequest | SleepRequest | WriteRequest | PlotRequest;

/** A run of memcgstat: yields requests, returns the exit status. */
export type MemcgstatRun = Generator<IoRequest, number, void>;

function answered<T>(v: T | undefined, op: string): T {
	if (v === undefined) throw new Error(`memcgstat: the driver did not answer ${op}`);
	return v;
}

function* read(path: string): Generator<IoRequest, ReadResult, void> {
	const req: ReadRequest = { op: "read", path };
	yield req;
	return answered(req.result, "read");
}

function* now(): Generator<IoRequest, number, void> {
	const req: NowRequest = { op: "now" };
	yield req;
	return answered(req.result, "now");
}

function* sleepUntil(untilNs: number): Generator<IoRequest, boolean, void> {
	const req: SleepRequest = { op: "sleep", untilNs };
	yield req;
	return answered(req.result, "sleep");
}

function* write(fd: 1 | 2, text: string): Generator<IoRequest, void, void> {
	yield { op: "write", fd, text };
}

function* writePlot(
	path: string,
	format: PlotFormat,
	svg: string,
): Generator<IoRequest, string | null, void> {
	const req: PlotRequest = { op: "plot", path, format, svg };
	yield req;
	return answered(req.result, "plot");
}

// ------------------------------------------------------------ the program

/** Is the process still there (not gone from /proc, not a zombie)? */
function* alive(pid: number): Generator<IoRequest, boolean, void> {
	const r = yield* read(`/proc/${pid}/status`);
	if (!r.ok) return false;
	const state = /^State:\s*([A-Za-z])/m.exec(r.text)?.[1];
	return state !== "Z" && state !== "X";
}

interface Where {
	readonly ref: MemcgRef;
	readonly dir: string;
}

/** The memory files of `where` read now; the failure of the usage file otherwise. */
function* readMemcg(where: Where) {
	const texts = new Map<string, string>();
	let usageError: ReadResult | null = null;
	for (const f of memcgFiles(where.ref.version)) {
		const r = yield* read(`${where.dir}/${f}`);
		if (r.ok) texts.set(f, r.text);
		else if (f === usageFile(where.ref.version)) usageError = r;
	}
	const reading = readingOf(where.ref.version, (f) => texts.get(f) ?? null);
	return { reading, usageError };
}

export function* memcgstat(opts: MemcgstatOptions): MemcgstatRun {
	const { pid } = opts;
	const fail = function* (message: string): Generator<IoRequest, number, void> {
		yield* write(2, `memcgstat: ${message}\n`);
		return 1;
	};

	const first = yield* read(`/proc/${pid}/cgroup`);
	if (!first.ok) {
		if (first.errno === "ENOENT" || first.errno === "ESRCH") {
			return yield* fail(`no such process: ${pid}`);
		}
		return yield* fail(`/proc/${pid}/cgroup: ${first.message}`);
	}
	const ref = memcgOfProcCgroup(first.text);
	if (ref === null) return yield* fail(`process ${pid} has no memory cgroup`);
	const mi = yield* read("/proc/self/mountinfo");
	if (!mi.ok) return yield* fail(`/proc/self/mountinfo: ${mi.message}`);
	let mounts: MountEntry[] = parseMountinfo(mi.text);
	const dir = memcgDir(mounts, ref);
	if (dir === null) {
		return yield* fail(
			`process ${pid}: no mount of the ${hierarchyName(ref.version)} holds its cgroup ${ref.path}`,
		);
	}

	let where: Where = { ref, dir };
	const watch = new MemcgWatch();
	let layout: LineLayout | null = null;
	const start = yield* now();
	let end: EndReason;
	for (let tick = 0; ; ) {
		let live = yield* alive(pid);
		if (live) {
			const cg = yield* read(`/proc/${pid}/cgroup`);
			const moved = cg.ok ? memcgOfProcCgroup(cg.text) : null;
			if (!cg.ok) live = false;
			else if (
				moved !== null &&
				(moved.path !== where.ref.path || moved.version !== where.ref.version)
			) {
				let d = memcgDir(mounts, moved);
				if (d === null) {
					// Mounts may have changed since the start.
					const again = yield* read("/proc/self/mountinfo");
					if (again.ok) mounts = parseMountinfo(again.text);
					d = memcgDir(mounts, moved);
				}
				if (d !== null) where = { ref: moved, dir: d };
			}
		}
		const t = ((yield* now()) - start) / 1e9;
		const { reading, usageError } = yield* readMemcg(where);
		if (reading !== null) {
			const sample = {
				...reading,
				t,
				version: where.ref.version,
				cgroup: where.ref.path,
				alive: live,
			};
			watch.add(sample);
			if (opts.json) {
				yield* write(1, sampleJson(pid, sample));
			} else {
				if (layout === null) {
					layout = layoutFor(sample);
					yield* write(1, headerLine(layout));
				}
				yield* write(1, sampleLine(layout, sample));
			}
		} else {
			const why =
				usageError !== null && !usageError.ok
					? `${where.dir}/${usageFile(where.ref.version)}: ${usageError.message}`
					: `${where.dir}: unreadable memory files`;
			if (watch.samples.length === 0) {
				return yield* fail(`process ${pid} has no memory cgroup: ${why}`);
			}
			if (live) yield* write(2, `memcgstat: ${why}\n`);
		}
		tick++;
		if (!live) {
			end = "gone";
			break;
		}
		if (opts.count !== null && tick >= opts.count) {
			end = "count";
			break;
		}
		if (!(yield* sleepUntil(start + tick * opts.intervalNs))) {
			end = "interrupted";
			break;
		}
	}

	const summary = watch.summary(pid, end);
	yield* write(1, opts.json ? summaryJson(summary) : summaryText(summary));
	if (opts.plot !== null) {
		const svg = plotSvg({ pid, samples: watch.samples, oomEvents: watch.oomEvents });
		const error = yield* writePlot(opts.plot.path, opts.plot.format, svg);
		if (error !== null) return yield* fail(`${opts.plot.path}: ${error}`);
	}
	return 0;
}
