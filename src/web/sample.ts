/**
 * One point of the page's live charts (protocol.ts's SampleView): for
 * every cgroup of every hierarchy, its memory usage and limit (v1
 * memory.usage_in_bytes and memory.limit_in_bytes, or cgroup2
 * memory.current and memory.max), its CPU time (v1 cpuacct.usage, or
 * usage_usec of cgroup2's cpu.stat) and pids.current, as the files read.
 */
import type { Cgroup } from "../kernel/cgroup/cgroup.ts";
import type { Kernel } from "../kernel/kernel.ts";
import type { SampleView } from "./protocol.ts";
import { cgroupId, hierarchies, readCgroupValue } from "./state.ts";

/** The kernel's "no limit" for memory (PAGE_COUNTER_MAX pages as v1 shows it) reads as a huge number. */
const UNLIMITED_V1 = 2 ** 62;

function num(v: string | null): number | null {
	if (v === null || v === "" || v === "max") return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
}

export function captureSample(k: Kernel): SampleView {
	const memory: Record<string, { usage: number; limit: number | null }> = {};
	const cpu: Record<string, number> = {};
	const pids: Record<string, number> = {};
	const visit = (c: Cgroup) => {
		const id = cgroupId(c);
		const usage = num(
			readCgroupValue(k, c, "memory.usage_in_bytes") ?? readCgroupValue(k, c, "memory.current"),
		);
		if (usage !== null) {
			const raw =
				readCgroupValue(k, c, "memory.limit_in_bytes") ?? readCgroupValue(k, c, "memory.max");
			const limit = num(raw);
			memory[id] = { usage, limit: limit !== null && limit < UNLIMITED_V1 ? limit : null };
		}
		const acct = num(readCgroupValue(k, c, "cpuacct.usage"));
		if (acct !== null) cpu[id] = acct;
		else {
			const stat = readCgroupValue(k, c, "cpu.stat");
			const m = stat === null ? null : /^usage_usec (\d+)$/m.exec(stat);
			if (m) cpu[id] = Number(m[1]) * 1000;
		}
		const p = num(readCgroupValue(k, c, "pids.current"));
		if (p !== null) pids[id] = p;
		for (const child of c.children.values()) if (child.online) visit(child);
	};
	for (const root of hierarchies(k)) visit(root.cgrp);
	return { timeNs: k.clock.now(), memory, cpu, pids };
}
