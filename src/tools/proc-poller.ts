/**
 * Process events from polling /proc, for a host where the process events
 * connector cannot be used (no CAP_NET_ADMIN, no python3, a kernel without
 * CONFIG_PROC_EVENTS). Each poll compares the processes with the last
 * poll's and reports what the connector would have: an exec for a new
 * process, followed by an exec when it runs another program than its
 * parent (exe or comm differ); an exec for a process whose program
 * changed; a uid or gid change of the ids; an exit for a process gone (or
 * replaced: its start time differs). Whatever happens between two polls
 * and is undone before the next is missed, and the order of events
 * within one poll is the pids' order, not the kernel's.
 */
import * as fs from "node:fs";
import type { ProcEvent } from "../userland/lib/proc-events.ts";

interface ProcSnapshot {
	/** /proc/PID/stat's starttime: tells a reused pid apart. */
	readonly start: string;
	readonly exe: string;
	readonly comm: string;
	readonly ruid: number;
	readonly euid: number;
	readonly rgid: number;
	readonly egid: number;
	readonly ppid: number;
}

function readOr(path: string, fallback: string): string {
	try {
		return fs.readFileSync(path, "latin1");
	} catch {
		return fallback;
	}
}

/** One process's snapshot, or null when it is gone (or a kernel thread: no exe, no ids change). */
function snapshot(pid: number): ProcSnapshot | null {
	const stat = readOr(`/proc/${pid}/stat`, "");
	const status = readOr(`/proc/${pid}/status`, "");
	if (stat === "" || status === "") return null;
	// Fields after the comm's closing parenthesis: state ppid ... starttime is field 22.
	const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	const ids = (key: string): number[] => {
		const m = new RegExp(`^${key}:\\t(\\d+)\\t(\\d+)`, "m").exec(status);
		return m === null ? [0, 0] : [Number(m[1]), Number(m[2])];
	};
	const [ruid = 0, euid = 0] = ids("Uid");
	const [rgid = 0, egid = 0] = ids("Gid");
	let exe = "";
	try {
		exe = fs.readlinkSync(`/proc/${pid}/exe`, "latin1");
	} catch {
		// kernel threads and zombies have none
	}
	return {
		start: rest[19] ?? "",
		exe,
		comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
		ruid,
		euid,
		rgid,
		egid,
		ppid: Number(rest[1] ?? 0),
	};
}

function listPids(): number[] {
	const out: number[] = [];
	for (const name of fs.readdirSync("/proc")) {
		if (/^[1-9][0-9]*$/.test(name)) out.push(Number(name));
	}
	return out;
}

/** The events between polls of /proc; the first poll only takes stock. */
export class ProcPoller {
	private known = new Map<number, ProcSnapshot>();
	private started = false;
	private readonly now: () => bigint;

	/** `now`: CLOCK_MONOTONIC in ns, the clock of the connector's timestamps. */
	constructor(now: () => bigint = () => process.hrtime.bigint()) {
		this.now = now;
	}

	/** Poll once: the events since the last poll, in pid order. */
	poll(): ProcEvent[] {
		const events: ProcEvent[] = [];
		const next = new Map<number, ProcSnapshot>();
		const base = () => ({ cpu: 0, timestampNs: this.now() });
		for (const pid of listPids()) {
			const s = snapshot(pid);
			if (s === null) continue;
			next.set(pid, s);
			if (!this.started) continue;
			const old = this.known.get(pid);
			if (old !== undefined && old.start !== s.start) events.push(exitOf(pid, old, base()));
			if (old === undefined || old.start !== s.start) {
				events.push({
					...base(),
					what: "fork",
					parentPid: s.ppid,
					parentTgid: s.ppid,
					childPid: pid,
					childTgid: pid,
				});
				const parent = next.get(s.ppid) ?? this.known.get(s.ppid);
				if (parent === undefined || parent.exe !== s.exe || parent.comm !== s.comm) {
					events.push({ ...base(), what: "exec", pid, tgid: pid });
				}
				continue;
			}
			if (old.egid !== s.egid || old.rgid !== s.rgid) {
				events.push({ ...base(), what: "gid", pid, tgid: pid, rgid: s.rgid, egid: s.egid });
			}
			if (old.euid !== s.euid || old.ruid !== s.ruid) {
				events.push({ ...base(), what: "uid", pid, tgid: pid, ruid: s.ruid, euid: s.euid });
			}
			if (old.exe !== s.exe || old.comm !== s.comm) {
				events.push({ ...base(), what: "exec", pid, tgid: pid });
			}
		}
		if (this.started) {
			for (const [pid, old] of this.known) {
				if (!next.has(pid)) events.push(exitOf(pid, old, base()));
			}
		}
		this.known = next;
		this.started = true;
		return events;
	}
}

function exitOf(
	pid: number,
	old: ProcSnapshot,
	b: { cpu: number; timestampNs: bigint },
): ProcEvent {
	return {
		...b,
		what: "exit",
		pid,
		tgid: pid,
		exitCode: 0,
		exitSignal: 17,
		parentPid: old.ppid,
		parentTgid: old.ppid,
	};
}
