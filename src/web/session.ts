/**
 * One page's emulated host: a freshly booted UserSystem running an
 * interactive `sh -i` behind a line discipline (tty.ts), and the log of
 * everything the page is sent (protocol.ts): terminal output, kernel
 * events, states and chart samples, each with an increasing id. A page
 * that reconnects asks for the events after the last id it saw and gets
 * them all; of the states it gets only the newest, since each state is
 * whole.
 *
 * Emulated time follows the wall clock at `speed` (pacer.ts). The charts
 * are sampled on the emulated clock, every `sampleNs` of emulated time,
 * just before the clock moves past a sample point, so a command that runs
 * faster than real time (speed above 1) still draws every step; and once
 * more whenever the state changed without time moving (a limit written at
 * the prompt).
 */
import { binaryToUtf8, bytesToBinary } from "../kernel/bytes.ts";
import { SIGINT, SIGKILL } from "../kernel/signal.ts";
import { DEFAULT_ENV, HostProcess } from "../userland/run.ts";
import { type SystemOptions, UserSystem } from "../userland/system.ts";
import { WallClockPacer } from "./pacer.ts";
import type { KernelEventView, SampleView, StateWire } from "./protocol.ts";
import { captureSample } from "./sample.ts";
import { captureState } from "./state.ts";
import { LineDiscipline } from "./tty.ts";

export type ServerEventType = "state" | "kernel" | "output" | "sample";

export interface ServerEvent {
	readonly id: number;
	readonly type: ServerEventType;
	/** The JSON of the event's data. */
	readonly data: string;
}

/** Where kernel events come from: subscribe, get an unsubscribe function. */
export type KernelEventSource = (
	system: UserSystem,
	emit: (ev: Omit<KernelEventView, "seq">) => void,
) => () => void;

export interface SessionOptions extends SystemOptions {
	/** The kernel events for the timeline (none without). */
	readonly kernelEvents?: KernelEventSource;
	/** Emulated seconds per real second (Infinity, the default: as fast as the host computes). */
	readonly speed?: number;
	/** Emulated time between chart samples (ns). */
	readonly sampleNs?: number;
	/**
	 * Bytes of terminal output and kernel events kept for pages that
	 * reconnect (the newest state and the last `keepSamples` chart samples
	 * are kept besides).
	 */
	readonly keepBytes?: number;
	readonly keepSamples?: number;
}

export class WebSession {
	readonly system: UserSystem;
	private readonly proc: HostProcess;
	private readonly tty: LineDiscipline;
	/** Output and kernel events, oldest first (the oldest dropped beyond keepBytes). */
	private log: ServerEvent[] = [];
	private logBytes = 0;
	private readonly keepBytes: number;
	/** The newest chart samples, oldest first. */
	private samples: ServerEvent[] = [];
	private readonly keepSamples: number;
	private latest: ServerEvent | null = null;
	private nextId = 1;
	private readonly listeners = new Set<(e: ServerEvent) => void>();
	private readonly sampleNs: number;
	private nextSampleNs = 0;
	private kernelSeq = 0;
	/** Something changed since the last state was taken. */
	private dirty = true;
	private readonly stopEvents: () => void;
	private exitStatus: number | null = null;

	constructor(opts: SessionOptions = {}) {
		this.system = new UserSystem(opts);
		this.keepBytes = opts.keepBytes ?? 64 * 2 ** 20;
		this.keepSamples = opts.keepSamples ?? 600;
		this.sampleNs = opts.sampleNs ?? 250_000_000;
		const pacer = new WallClockPacer({ speed: opts.speed ?? Number.POSITIVE_INFINITY });
		this.system.sched.timeSource = {
			idleTimePasses: pacer.idleTimePasses,
			wait: () => pacer.wait(),
			advance: (now, to) => {
				const allowed = pacer.advance(now, to);
				if (allowed > now && allowed >= this.nextSampleNs && Number.isFinite(allowed)) {
					this.sample();
					this.nextSampleNs = (Math.floor(allowed / this.sampleNs) + 1) * this.sampleNs;
				}
				return allowed;
			},
		};
		const screen = (text: string) => this.push("output", { data: text });
		this.tty = new LineDiscipline({
			screen,
			line: (text) => this.proc.write(new TextEncoder().encode(text)),
			eof: () => this.proc.closeInput(),
			interrupt: () => this.interrupt(),
		});
		const out = (b: Uint8Array) => {
			this.dirty = true;
			this.tty.output(binaryToUtf8(bytesToBinary(b)));
		};
		this.proc = new HostProcess(this.system, out, out);
		const { kernel, vfs } = this.system;
		kernel.setsid(this.proc.task);
		vfs.chdir(this.proc.task, "/root");
		const env = { ...DEFAULT_ENV, PWD: "/root", TERM: "xterm" };
		this.proc.exec(
			"/bin/sh",
			["sh", "-i"],
			Object.entries(env).map(([k, v]) => `${k}=${v}`),
		);
		this.stopEvents =
			opts.kernelEvents?.(this.system, (ev) => {
				this.dirty = true;
				this.kernelSeq++;
				this.push("kernel", { seq: this.kernelSeq, ...ev } satisfies KernelEventView);
			}) ?? (() => {});
	}

	/**
	 * Events with an id above `after`, in id order: the output and kernel
	 * events still kept, the chart samples still kept, and of the states
	 * only the newest.
	 */
	since(after: number): ServerEvent[] {
		const out = [...this.log.slice(firstAbove(this.log, after))];
		out.push(...this.samples.slice(firstAbove(this.samples, after)));
		if (this.latest !== null && this.latest.id > after) out.push(this.latest);
		return out.sort((a, b) => a.id - b.id);
	}

	/** The id of the newest event (0 before the first). */
	get lastId(): number {
		return this.nextId - 1;
	}

	/** The JSON of the newest state sent, or null before the first. */
	latestState(): string | null {
		return this.latest?.data ?? null;
	}

	/** Follow new events; returns the unsubscribe function. */
	subscribe(fn: (e: ServerEvent) => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	/** Keystrokes from the page. */
	input(text: string): void {
		this.tty.input(text);
		this.system.sched.notifyHost();
	}

	/** Type `script` into the terminal, line by line, as a user would. */
	type(script: string): void {
		for (const line of script.split("\n")) this.input(`${line}\r`);
	}

	/** Take a state now if anything changed since the last one (and a chart sample with it). */
	snapshot(): StateWire | null {
		if (!this.dirty) return null;
		this.dirty = false;
		const state = captureState(this.system.kernel, this.system.vfs, this.kernelSeq);
		this.push("state", state);
		this.sample();
		return state;
	}

	/**
	 * Take one chart sample. A second sample at the same emulated time
	 * replaces the first on the page.
	 */
	sample(): SampleView {
		const s = captureSample(this.system.kernel);
		this.push("sample", s);
		return s;
	}

	/** Run the host until the shell exits; its exit status. */
	async run(yieldToHost: () => Promise<void>): Promise<number> {
		const status = await this.proc.wait(yieldToHost);
		this.exitStatus = status;
		this.dirty = true;
		this.snapshot();
		this.tty.output(`[shell exited with status ${status}]\n`);
		return status;
	}

	get exited(): boolean {
		return this.exitStatus !== null;
	}

	/** Stop following the kernel and end the shell's session (SIGKILL to its process group). */
	close(): void {
		this.stopEvents();
		this.listeners.clear();
		const { kernel } = this.system;
		try {
			kernel.kill(kernel.init, -this.proc.task.tgid, SIGKILL);
		} catch {
			// already gone
		}
		this.system.sched.notifyHost();
	}

	private interrupt(): void {
		const { kernel } = this.system;
		try {
			kernel.kill(kernel.init, -this.proc.task.tgid, SIGINT);
		} catch {
			// the group is gone
		}
		this.system.sched.notifyHost();
	}

	private push(type: ServerEventType, data: unknown): void {
		const e: ServerEvent = { id: this.nextId++, type, data: JSON.stringify(data) };
		if (type === "state") this.latest = e;
		else if (type === "sample") {
			this.samples.push(e);
			if (this.samples.length > this.keepSamples * 1.25) {
				this.samples = this.samples.slice(-this.keepSamples);
			}
		} else {
			this.log.push(e);
			this.logBytes += e.data.length;
			if (this.logBytes > this.keepBytes * 1.25) this.trimLog();
		}
		for (const l of this.listeners) l(e);
	}

	/** Drop the oldest output and kernel events down to keepBytes. */
	private trimLog(): void {
		let drop = 0;
		while (this.logBytes > this.keepBytes && drop < this.log.length) {
			this.logBytes -= this.log[drop]!.data.length;
			drop++;
		}
		this.log = this.log.slice(drop);
	}
}

/** The index of the first event with an id above `after` (events in id order). */
function firstAbove(events: readonly ServerEvent[], after: number): number {
	let lo = 0;
	let hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (events[mid]!.id > after) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
