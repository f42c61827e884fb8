/**
 * stress-ng (0.15.06, the options cgkit's scenarios use):
 *
 *   stress-ng [--cpu N] [--fork N] [--vm N [--vm-bytes B] [--vm-keep] [--vm-hang S]]
 *             [--bigheap N [--bigheap-growth B]] [--mmaphuge N [--mmaphuge-mmaps M]]
 *             [--oomable] [--timeout T] [--dry-run] [-q]
 *
 * Messages go to stderr as stress-ng writes them ("stress-ng: info:  [PID]
 * ..."). The parent forks N workers per stressor (N = 0 or less: one per
 * online CPU), named stress-ng-<stressor>; vm and bigheap workers run their
 * load in a child ("oomable" in stress-ng), as the real tool does. At the
 * timeout (or on SIGINT, SIGTERM or SIGHUP) the parent sends SIGALRM to
 * every worker, gives them a second to finish and SIGKILLs the rest, then
 * reaps them all and reports a successful run.
 *
 * Each stressor's load is the `load` hook of its model below: cpu workers
 * keep a CPU busy through the kernel's CPU model (src/kernel/sched);
 * mmaphuge workers map and touch huge pages through the kernel's hugetlb
 * model (src/kernel/mm/hugetlb.ts), so hugetlb cgroup limits apply to them;
 * vm workers map --vm-bytes of anonymous memory and write every page of it,
 * pass after pass (unmapping it between passes unless --vm-keep), and
 * bigheap workers grow a heap by --bigheap-growth at a time, touching each
 * new page, so both are charged to their memory cgroup, reclaimed and
 * OOM-killed by the kernel's memory model (src/kernel/mm). Their oomable
 * child runs with oom_score_adj 1000, as stress-ng makes it; a child the OOM
 * killer (SIGKILL) or a huge page fault (SIGBUS) ended is started again,
 * unless --oomable lets the worker finish there ("finished prematurely").
 * fork workers sleep until stopped.
 */

import { O_WRONLY } from "../../fs/constants.ts";
import { KernelError } from "../../kernel/errno.ts";
import { WNOHANG } from "../../kernel/exit.ts";
import { type HugetlbMapping, hugetlbOf } from "../../kernel/mm/hugetlb.ts";
import type { AnonRegion } from "../../kernel/mm/mm-struct.ts";
import {
	SIG_HANDLER,
	SIGALRM,
	SIGBUS,
	SIGHUP,
	SIGINT,
	SIGKILL,
	SIGTERM,
} from "../../kernel/signal.ts";
import { readFile } from "../lib/stdio.ts";
import { Tool } from "../lib/tool.ts";
import { growAnon, mmapAnon, munmap, touchPages } from "../proc/memory.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

/** How long workers get to stop after SIGALRM before SIGKILL. */
const STOP_GRACE_NS = 1e9;
/** How often the parent looks for exited workers while waiting. */
const REAP_POLL_NS = 10e6;
const DEFAULT_TIMEOUT_S = 86400;

export interface StressOptions {
	vmBytes: number;
	vmKeep: boolean;
	/** Seconds a vm worker sleeps between passes (--vm-hang); 0 none, -1 unset. */
	vmHang: number;
	/** Mappings per mmaphuge pass (--mmaphuge-mmaps). */
	mmaphugeMmaps: number;
	/** Bytes a bigheap step adds (--bigheap-growth). */
	bigheapGrowth: number;
	/** --oomable: a worker whose child the OOM killer ended stops instead of restarting it. */
	oomable: boolean;
}

/** What a stressor does in its worker process. */
interface StressorModel {
	readonly name: string;
	/** The load runs in a child of the worker (stress-ng's oomable stressors). */
	readonly oomable: boolean;
	/** The oomable child is started again when a fault kills it (SIGBUS). */
	readonly restartOnSigbus?: boolean;
	/** The oomable child is started again when the OOM killer ends it (SIGKILL), without --oomable. */
	readonly restartOnOomKill?: boolean;
	/**
	 * The stressor's work until it is told to stop. Hook point for resource
	 * use: memory (vm, bigheap) and CPU (cpu, fork) are not modelled yet.
	 */
	load(sys: Sys, opts: StressOptions): Run<void>;
}

/** Sleep until a caught signal (SIGALRM) arrives. */
function* idleUntilSignalled(sys: Sys): Run<void> {
	while (yield* sys.sleepOn(null, -1, true)) {}
}

/**
 * Keep a CPU busy until a caught signal arrives: the kernel's CPU model runs
 * the task whenever it is runnable (it is not frozen or stopped) and charges
 * it the CPU time it gets.
 */
function* burnUntilSignalled(sys: Sys): Run<void> {
	sys.kernel.sched.setBusy(sys.task, true);
	try {
		while (yield* sys.sleepOn(null, -1, true)) {}
	} finally {
		sys.kernel.sched.setBusy(sys.task, false);
	}
}

/**
 * The mappings stress-mmaphuge.c tries for each slot, in rotation until one
 * succeeds: a huge page size (undefined: the default one) and a length in
 * bytes; null size means an ordinary (transparent huge page) mapping, which
 * does not use the hugetlb pools.
 */
const MMAPHUGE_SETTINGS: readonly { hugeSize: number | undefined | null; bytes: number }[] = [
	{ hugeSize: 2 * 1024 ** 2, bytes: 2 * 1024 ** 2 },
	{ hugeSize: 1024 ** 3, bytes: 1024 ** 3 },
	{ hugeSize: undefined, bytes: 1024 ** 3 },
	{ hugeSize: undefined, bytes: 16 * 1024 ** 2 },
	{ hugeSize: undefined, bytes: 2 * 1024 ** 2 },
	{ hugeSize: null, bytes: 1024 ** 3 },
	{ hugeSize: null, bytes: 16 * 1024 ** 2 },
	{ hugeSize: null, bytes: 2 * 1024 ** 2 },
];
/** How long an oomable worker waits before restarting a child a fault killed. */
const RESTART_PAUSE_NS = 10e6;
/** How long a pass keeps its mappings before unmapping them. */
const MMAPHUGE_HOLD_NS = 50e6;

/**
 * stress_mmaphuge_child(): each pass fills `mmaphugeMmaps` slots with the
 * first mapping that works, touches every huge page of it, holds them a
 * while and unmaps them all. A touch that the hugetlb cgroup refuses kills
 * the process with SIGBUS, as a refused huge page fault does.
 */
function* mmaphugeLoad(sys: Sys, opts: StressOptions): Run<void> {
	const hugetlb = hugetlbOf(sys.kernel);
	let idx = 0;
	for (;;) {
		const maps: HugetlbMapping[] = [];
		for (let i = 0; i < opts.mmaphugeMmaps; i++) {
			for (let j = 0; j < MMAPHUGE_SETTINGS.length; j++) {
				const setting = MMAPHUGE_SETTINGS[idx]!;
				idx = (idx + 1) % MMAPHUGE_SETTINGS.length;
				if (setting.hugeSize === null) break;
				let m: HugetlbMapping;
				try {
					const h = hugetlb.hstateOf(setting.hugeSize);
					m = hugetlb.mmap(sys.task, h, Math.ceil(setting.bytes / h.size));
				} catch (e) {
					if (e instanceof KernelError) continue;
					throw e;
				}
				maps.push(m);
				for (let p = 0; p < m.nrPages; p++) {
					try {
						hugetlb.fault(m, p);
					} catch (e) {
						if (!(e instanceof KernelError)) throw e;
						yield* sys.kill(sys.pid, SIGBUS);
					}
				}
				break;
			}
		}
		const stopped = !(yield* sys.sleepOn(null, sys.kernel.clock.now() + MMAPHUGE_HOLD_NS, true));
		for (const m of maps) hugetlb.munmap(m);
		if (stopped) return;
	}
}

/** Whether the run was told to stop (SIGALRM caught: keep_stressing() is false). */
function stopRequested(sys: Sys): boolean {
	return sys.kernel.signalPending(sys.task);
}

/**
 * stress_vm_child(): map --vm-bytes and write every page, pass after pass;
 * without --vm-keep the mapping goes between passes; --vm-hang sleeps that
 * long after each pass (0: for ever).
 */
function* vmLoad(sys: Sys, opts: StressOptions): Run<void> {
	let r: AnonRegion | null = null;
	try {
		for (;;) {
			if (r === null) r = mmapAnon(sys, opts.vmBytes);
			yield* touchPages(sys, r, 0, r.nrPages, () => stopRequested(sys));
			if (stopRequested(sys)) return;
			if (!opts.vmKeep) {
				munmap(sys, r);
				r = null;
			}
			if (opts.vmHang >= 0) {
				const until = opts.vmHang === 0 ? -1 : sys.kernel.clock.now() + opts.vmHang * 1e9;
				if (!(yield* sys.sleepOn(null, until, true))) return;
			}
		}
	} finally {
		if (r !== null) munmap(sys, r);
	}
}

/** stress_bigheap_child(): grow the heap by --bigheap-growth, touching each new page, until stopped. */
function* bigheapLoad(sys: Sys, opts: StressOptions): Run<void> {
	const heap = mmapAnon(sys, 0);
	try {
		while (!stopRequested(sys)) {
			const from = heap.nrPages;
			growAnon(sys, heap, from * 4096 + opts.bigheapGrowth);
			yield* touchPages(sys, heap, from, heap.nrPages, () => stopRequested(sys));
		}
	} finally {
		munmap(sys, heap);
	}
}

const MODELS: Record<string, StressorModel> = {
	cpu: { name: "cpu", oomable: false, load: (sys) => burnUntilSignalled(sys) },
	fork: { name: "fork", oomable: false, load: (sys) => idleUntilSignalled(sys) },
	vm: { name: "vm", oomable: true, restartOnOomKill: true, load: vmLoad },
	bigheap: { name: "bigheap", oomable: true, restartOnOomKill: true, load: bigheapLoad },
	mmaphuge: { name: "mmaphuge", oomable: true, restartOnSigbus: true, load: mmaphugeLoad },
};

/** A duration as stress-ng words it: "1 day, 2 hours, 1 min, 1.00 secs". */
export function durationText(seconds: number): string {
	let s = seconds;
	const parts: string[] = [];
	const unit = (size: number, word: string): void => {
		const n = Math.floor(s / size);
		if (n > 0) parts.push(`${n} ${word}${n === 1 ? "" : "s"}`);
		s -= n * size;
	};
	unit(86400, "day");
	unit(3600, "hour");
	unit(60, "min");
	parts.push(`${s.toFixed(2)} secs`);
	return parts.join(", ");
}

/** --timeout: a whole number with an optional unit (s m h d w y), or the message. */
export function parseTimeout(text: string): number | string {
	const m = /^[0-9]+/.exec(text.trim());
	if (m === null) return `Invalid number ${text}`;
	const last = text[text.length - 1]!;
	const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31556926 };
	if (/[0-9]/.test(last)) return Number(m[0]);
	const mult = units[last.toLowerCase()];
	if (mult === undefined) return `Illegal time specifier ${last}`;
	return Number(m[0]) * mult;
}

/** --vm-bytes: bytes with an optional unit (b k m g t) or a percentage of memory, or the message. */
function parseBytes(text: string, totalMemory: number): number | string {
	const m = /^[0-9]+(?:\.[0-9]*)?/.exec(text.trim());
	if (m === null) return `Invalid number ${text}`;
	const last = text[text.length - 1]!;
	if (last === "%") return Math.floor((Number(m[0]) * totalMemory) / 100);
	const units: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
	if (/[0-9]/.test(last)) return Math.floor(Number(m[0]));
	const mult = units[last.toLowerCase()];
	if (mult === undefined) return `Illegal length specifier ${last}`;
	return Math.floor(Number(m[0]) * mult);
}

/** "4.0KB" style sizes of stress-ng's range messages. */
function sizeText(n: number): string {
	const units = ["B", "KB", "MB", "GB", "TB", "PB"];
	let v = n;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return `${v.toFixed(1)}${units[i]}`;
}

function* onlineCpus(sys: Sys): Run<number> {
	for (const path of ["/sys/devices/system/cpu/online", "/proc/cpuinfo"]) {
		let text: string;
		try {
			text = yield* readFile(sys, path);
		} catch (e) {
			if (e instanceof KernelError) continue;
			throw e;
		}
		if (path.endsWith("online")) {
			let n = 0;
			for (const r of text.trim().split(",")) {
				const [a, b] = r.split("-").map(Number);
				n += b === undefined ? 1 : b - a! + 1;
			}
			if (n > 0) return n;
		} else {
			const n = (text.match(/^processor\s*:/gm) ?? []).length;
			if (n > 0) return n;
		}
	}
	return 1;
}

function* memTotal(sys: Sys): Run<number> {
	try {
		const m = /^MemTotal:\s+([0-9]+) kB$/m.exec(yield* readFile(sys, "/proc/meminfo"));
		if (m !== null) return Number(m[1]) * 1024;
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	return 0;
}

const COUNT_OPTIONS = ["cpu", "fork", "vm", "bigheap", "mmaphuge"];

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx, "stress-ng");
	const { sys } = t;
	const pid = sys.pid;
	const log = (level: string, msg: string): Run<void> =>
		t.errText(`stress-ng: ${`${level}:`.padEnd(6)} [${pid}] ${msg}\n`);
	const counts: [string, number][] = [];
	let timeout: number | null = null;
	let dryRun = false;
	let quiet = false;
	const opts: StressOptions = {
		vmBytes: 256 * 1024 * 1024,
		vmKeep: false,
		vmHang: -1,
		mmaphugeMmaps: 8192,
		bigheapGrowth: 64 * 1024,
		oomable: false,
	};
	const args = t.args;
	const bad = function* (msg: string): Run<number> {
		yield* t.errText(`${msg}\n`);
		return 1;
	};
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		const eq = a.indexOf("=");
		const name = a.startsWith("--")
			? a.slice(2, eq < 0 ? undefined : eq)
			: a === "-t"
				? "timeout"
				: a === "-q"
					? "quiet"
					: null;
		const value = (): string | null =>
			eq >= 0 && a.startsWith("--") ? a.slice(eq + 1) : (args[++i] ?? null);
		if (name === null || name === "") {
			yield* t.errText(`stress-ng: unrecognized option '${a}'\n`);
			yield* t.print("Try 'stress-ng --help' for more information.\n");
			return yield* t.finish(1);
		}
		if (COUNT_OPTIONS.includes(name)) {
			const v = value();
			if (v === null) return yield* bad(`stress-ng: option '--${name}' requires an argument`);
			if (!/^-?[0-9]+$/.test(v))
				return yield* bad(`Value ${v} contains non-numeric: '${v.replace(/^-?[0-9]+/, "")}'`);
			const existing = counts.find(([n]) => n === name);
			if (existing !== undefined) existing[1] = Number(v);
			else counts.push([name, Number(v)]);
			continue;
		}
		switch (name) {
			case "timeout": {
				const v = value();
				if (v === null) return yield* bad("stress-ng: option '--timeout' requires an argument");
				const r = parseTimeout(v);
				if (typeof r === "string") return yield* bad(r);
				timeout = r;
				break;
			}
			case "vm-bytes": {
				const v = value();
				if (v === null) return yield* bad("stress-ng: option '--vm-bytes' requires an argument");
				const r = parseBytes(v, yield* memTotal(sys));
				if (typeof r === "string") return yield* bad(r);
				if (r < 4096 || r > 256 * 1024 ** 4) {
					return yield* bad(
						`Value ${sizeText(r)} is out of range for vm-bytes, allowed: 4.0KB .. 256.0TB`,
					);
				}
				opts.vmBytes = r;
				break;
			}
			case "vm-hang": {
				const v = value();
				if (v === null) return yield* bad("stress-ng: option '--vm-hang' requires an argument");
				const r = parseTimeout(v);
				if (typeof r === "string") return yield* bad(r);
				opts.vmHang = r;
				break;
			}
			case "vm-keep":
				opts.vmKeep = true;
				break;
			case "oomable":
				opts.oomable = true;
				break;
			case "bigheap-growth": {
				const v = value();
				if (v === null)
					return yield* bad("stress-ng: option '--bigheap-growth' requires an argument");
				const r = parseBytes(v, yield* memTotal(sys));
				if (typeof r === "string") return yield* bad(r);
				if (r < 4096 || r > 64 * 1024 ** 3) {
					return yield* bad(
						`Value ${sizeText(r)} is out of range for bigheap-growth, allowed: 4.0KB .. 64.0GB`,
					);
				}
				opts.bigheapGrowth = r;
				break;
			}
			case "mmaphuge-mmaps": {
				const v = value();
				if (v === null) {
					return yield* bad("stress-ng: option '--mmaphuge-mmaps' requires an argument");
				}
				if (!/^[0-9]+$/.test(v)) {
					return yield* bad(`Value ${v} contains non-numeric: '${v.replace(/^[0-9]+/, "")}'`);
				}
				const n = Number(v);
				if (n < 1 || n > 65536) {
					return yield* bad(`Value ${n} is out of range for mmaphuge-mmaps, allowed: 1 .. 65536`);
				}
				opts.mmaphugeMmaps = n;
				break;
			}
			case "dry-run":
				dryRun = true;
				break;
			case "quiet":
				quiet = true;
				break;
			default:
				yield* t.errText(`stress-ng: unrecognized option '${a}'\n`);
				yield* t.print("Try 'stress-ng --help' for more information.\n");
				return yield* t.finish(1);
		}
	}
	const info = function* (msg: string): Run<void> {
		if (!quiet) yield* log("info", msg);
	};
	const seconds = timeout ?? DEFAULT_TIMEOUT_S;
	const longer = seconds > 60 ? ` (${durationText(seconds)})` : "";
	yield* info(
		timeout === null
			? `defaulting to a ${seconds} second${longer} run per stressor`
			: `setting to a ${seconds} second${longer} run per stressor`,
	);
	if (counts.length === 0) {
		yield* log("error", "No stress workers invoked");
		return 1;
	}
	const cpus = yield* onlineCpus(sys);
	const plan = counts.map(([name, n]): [StressorModel, number] => [
		MODELS[name]!,
		n <= 0 ? cpus : n,
	]);
	yield* info(`dispatching hogs: ${plan.map(([m, n]) => `${n} ${m.name}`).join(", ")}`);
	const started = sys.kernel.clock.now();
	if (!dryRun) {
		for (const sig of [SIGINT, SIGTERM, SIGHUP]) sys.kernel.sigaction(sys.task, sig, SIG_HANDLER);
		const workers: number[] = [];
		for (const [model, n] of plan) {
			for (let i = 0; i < n; i++) {
				try {
					workers.push(sys.fork((child) => worker(child, model, opts)));
				} catch (e) {
					if (!(e instanceof KernelError)) throw e;
					yield* log("error", `cannot fork: errno=${e.errno} (${e.strerror})`);
				}
			}
		}
		// timeout 0 runs until a signal stops it; SIGINT, SIGTERM and SIGHUP end the run early.
		if (seconds > 0) yield* sys.sleep(seconds * 1e9);
		else yield* sys.sleepOn(null, -1, true);
		sys.kernel.dequeueSignal(sys.task);
		yield* stopWorkers(sys, workers);
	}
	const took = (sys.kernel.clock.now() - started) / 1e9;
	yield* info(
		`successful run completed in ${took.toFixed(2)}s${took > 60 ? ` (${durationText(took)})` : ""}`,
	);
	return yield* t.finish(0);
}

/** SIGALRM to every worker, SIGKILL to those still there after the grace time; reap them all. */
function* stopWorkers(sys: Sys, workers: number[]): Run<void> {
	const left = new Set(workers);
	for (const w of left) {
		try {
			yield* sys.kill(w, SIGALRM);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}
	const deadline = sys.kernel.clock.now() + STOP_GRACE_NS;
	let killed = false;
	while (left.size > 0) {
		let r: { pid: number } | null;
		try {
			r = yield* sys.wait4(-1, WNOHANG);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			break;
		}
		if (r !== null) {
			left.delete(r.pid);
			continue;
		}
		if (!killed && sys.kernel.clock.now() >= deadline) {
			killed = true;
			for (const w of left) {
				try {
					yield* sys.kill(w, SIGKILL);
				} catch (e) {
					if (!(e instanceof KernelError)) throw e;
				}
			}
			continue;
		}
		yield* sys.sleep(REAP_POLL_NS);
	}
}

/** Name this process as stress-ng does (prctl(PR_SET_NAME) through /proc/self/comm). */
function setName(sys: Sys, name: string): void {
	try {
		const fd = sys.vfs.open(sys.task, "/proc/self/comm", O_WRONLY);
		try {
			sys.vfs.write(sys.task, fd, name);
		} finally {
			sys.vfs.close(sys.task, fd);
		}
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
}

/** A message of a worker process, on its stderr, in stress-ng's format. */
function* workerLog(sys: Sys, level: string, msg: string): Run<void> {
	try {
		sys.vfs.write(sys.task, 2, `stress-ng: ${`${level}:`.padEnd(6)} [${sys.pid}] ${msg}\n`);
	} catch (e) {
		if (!(e instanceof KernelError)) throw e;
	}
	yield* sys.checkSelf();
}

/** A worker: catches SIGALRM, runs the load (or an oomable child running it), exits 0 when told to stop. */
function* worker(sys: Sys, model: StressorModel, opts: StressOptions): Run<number> {
	setName(sys, `stress-ng-${model.name}`);
	sys.kernel.sigaction(sys.task, SIGALRM, SIG_HANDLER);
	if (!model.oomable) {
		yield* model.load(sys, opts);
		sys.kernel.dequeueSignal(sys.task);
		return 0;
	}
	// stress_set_oom_adjustment(): the stressor is the one to kill.
	sys.task.signal.oomScoreAdj = 1000;
	const started = sys.kernel.clock.now();
	let child = sys.fork((c) => oomable(c, model, opts));
	let stopping = false;
	// Wait for the child; SIGALRM is passed on to it.
	for (;;) {
		try {
			const r = yield* sys.wait4(child, 0);
			// stress_oomable_child(): a child a fault killed starts again
			// (after a pause here, so that a child that dies at once does not
			// keep the emulated clock from moving).
			const sig = r === null ? 0 : r.status & 0x7f;
			const restart =
				(model.restartOnSigbus && sig === SIGBUS) ||
				(model.restartOnOomKill && sig === SIGKILL && !opts.oomable);
			if (r !== null && !stopping && restart) {
				if (yield* sys.sleepOn(null, sys.kernel.clock.now() + RESTART_PAUSE_NS, true)) {
					child = sys.fork((c) => oomable(c, model, opts));
					continue;
				}
				sys.kernel.dequeueSignal(sys.task);
				return 0;
			}
			if (r !== null && !stopping && sig === SIGKILL) {
				const took = (sys.kernel.clock.now() - started) / 1e9;
				yield* workerLog(
					sys,
					"warn",
					`${model.name}: WARNING: finished prematurely after just ${took.toFixed(2)}s`,
				);
			}
			if (r !== null) return 0;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			if (e.code === "ECHILD") return 0;
			// SIGALRM (or another signal that stops the run) goes on to the child.
			if (sys.kernel.dequeueSignal(sys.task) !== 0) {
				stopping = true;
				try {
					yield* sys.kill(child, SIGALRM);
				} catch (e2) {
					if (!(e2 instanceof KernelError)) throw e2;
				}
			}
		}
	}
}

function* oomable(sys: Sys, model: StressorModel, opts: StressOptions): Run<number> {
	sys.kernel.sigaction(sys.task, SIGALRM, SIG_HANDLER);
	sys.task.signal.oomScoreAdj = 1000;
	yield* model.load(sys, opts);
	sys.kernel.dequeueSignal(sys.task);
	return 0;
}
