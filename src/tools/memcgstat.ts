/**
 * `cgkit memcgstat --host`: memcgstat (src/userland/lib/memcgstat.ts)
 * against this machine's cgroups. Its requests are answered with node:fs
 * (files read as byte strings), the monotonic clock, real sleeping (cut
 * short by `signal`, which the CLI fires on SIGINT: the run then prints its
 * summary), and the plot written as SVG, or rendered to PNG with resvg.
 * It only reads cgroup files, never writes them.
 */
import * as fs from "node:fs";
import { binaryToBytes, binaryToUtf8 } from "../kernel/bytes.ts";
import { ERRNO_NAMES, type ErrnoName, strerror } from "../kernel/errno.ts";
import {
	type IoRequest,
	type MemcgstatOptions,
	memcgstat,
	type PlotFormat,
	type ReadResult,
} from "../userland/lib/memcgstat.ts";
import { svgToPng } from "./memcgstat-png.ts";

export interface HostIo {
	/** Output as byte strings (one char per byte). */
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
	/** Aborting it interrupts the sleep between samples: the run ends with its summary. */
	readonly signal?: AbortSignal;
}

export const PROCESS_IO: HostIo = {
	stdout: (t) => process.stdout.write(binaryToBytes(t)),
	stderr: (t) => process.stderr.write(binaryToBytes(t)),
};

/** The errno name and strerror text of a failed node:fs call (anything else is rethrown). */
function failure(e: unknown): { errno: string; message: string } {
	const code = (e as NodeJS.ErrnoException | null)?.code;
	if (typeof code !== "string") throw e;
	const known = (ERRNO_NAMES as readonly string[]).includes(code);
	return { errno: code, message: known ? strerror(code as ErrnoName) : code };
}

function readHost(path: string): ReadResult {
	try {
		return { ok: true, text: fs.readFileSync(path).toString("latin1") };
	} catch (e) {
		return { ok: false, ...failure(e) };
	}
}

/** Sleep until the monotonic clock (ns since `base`) reads `untilNs`; false when aborted. */
function sleepHost(untilNs: number, clock: () => number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return Promise.resolve(false);
	const ms = Math.max(0, (untilNs - clock()) / 1e6);
	return new Promise((resolve) => {
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener("abort", onAbort);
			resolve(true);
		}, ms);
		signal?.addEventListener("abort", onAbort, { once: true });
	});
}

/** Write the plot: the SVG as is, or rendered to PNG; the error text or null. */
async function writePlot(path: string, format: PlotFormat, svg: string): Promise<string | null> {
	let data: Uint8Array;
	try {
		data = format === "png" ? await svgToPng(binaryToUtf8(svg)) : binaryToBytes(svg);
	} catch (e) {
		if (!(e instanceof Error)) throw e;
		const code = (e as NodeJS.ErrnoException).code;
		if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
			return "cannot render PNG: @resvg/resvg-js is not installed (npm install)";
		}
		return `cannot render PNG: ${e.message}`;
	}
	try {
		fs.writeFileSync(path, data);
		return null;
	} catch (e) {
		return failure(e).message;
	}
}

async function answer(req: IoRequest, io: HostIo, clock: () => number): Promise<void> {
	switch (req.op) {
		case "read":
			req.result = readHost(req.path);
			return;
		case "now":
			req.result = clock();
			return;
		case "sleep":
			req.result = await sleepHost(req.untilNs, clock, io.signal);
			return;
		case "write":
			(req.fd === 1 ? io.stdout : io.stderr)(req.text);
			return;
		case "plot":
			req.result = await writePlot(req.path, req.format, req.svg);
			return;
	}
}

/** Run memcgstat on this machine; resolves to its exit status. */
export async function memcgstatHost(
	opts: MemcgstatOptions,
	io: HostIo = PROCESS_IO,
): Promise<number> {
	const base = process.hrtime.bigint();
	const clock = () => Number(process.hrtime.bigint() - base);
	const run = memcgstat(opts);
	for (let step = run.next(); ; step = run.next()) {
		if (step.done) return step.value;
		await answer(step.value, io, clock);
	}
}
