/**
 * The OOM killer (mm/oom_kill.c): when reclaim cannot make room, pick the
 * task whose death frees the most (oom_badness(): rss + swap entries + page
 * tables, moved by oom_score_adj in thousandths of the memory at stake),
 * among the tasks of the memcg's subtree (a memcg OOM) or of the machine,
 * log it as the kernel does, kill it with SIGKILL, and reap its anonymous
 * memory at once (what the oom_reaper thread does a moment later).
 */
import { PIDTYPE_TGID, SIGKILL, sendSignalLocked } from "../signal.ts";
import { PF_KTHREAD, type Task } from "../task.ts";
import type { MemCgroup } from "./memcontrol.ts";
import { MEMCG_OOM_KILL } from "./memcontrol.ts";
import type { MemoryManager } from "./memory.ts";
import { PAGE_SIZE } from "./page.ts";

/** OOM_SCORE_ADJ_MIN: never chosen. */
export const OOM_SCORE_ADJ_MIN = -1000;
export const OOM_SCORE_ADJ_MAX = 1000;

const LONG_MIN = Number.NEGATIVE_INFINITY;

/** oom_badness(): LONG_MIN for a task that must not be chosen. */
export function oomBadness(task: Task, totalPages: number): number {
	const mm = task.mm;
	if (mm === null || mm.dead) return LONG_MIN;
	const adj = task.signal.oomScoreAdj;
	if (adj === OOM_SCORE_ADJ_MIN || mm.oomSkip) return LONG_MIN;
	const points = mm.rss + mm.swapents + mm.pgtables;
	return points + adj * Math.floor(totalPages / 1000);
}

/** oom_unkillable_task(): init and kernel threads. */
function unkillable(mm: MemoryManager, task: Task): boolean {
	return task.signal === mm.kernel.init.signal || (task.flags & PF_KTHREAD) !== 0;
}

/**
 * The processes an OOM considers, in mem_cgroup_scan_tasks() order (memcgs
 * pre-order, CSS_TASK_ITER_PROCS), each as the thread that holds its address
 * space (find_lock_task_mm()).
 */
function candidates(mm: MemoryManager, memcg: MemCgroup | null): Task[] {
	const byMemcg = new Map<MemCgroup | null, Task[]>();
	for (const p of mm.kernel.processes) {
		let t: Task | null = p.mm !== null ? p : null;
		if (t === null) for (const th of p.signal.threads) if (th.mm !== null) t = th;
		if (t === null) continue;
		const m = mm.memcgOf(p);
		let list = byMemcg.get(m);
		if (list === undefined) {
			list = [];
			byMemcg.set(m, list);
		}
		list.push(t);
	}
	if (memcg === null) return [...byMemcg.values()].flat();
	const out: Task[] = [];
	for (const m of memcg.subtree()) out.push(...(byMemcg.get(m) ?? []));
	return out;
}

/** select_bad_process(): the victim, null for none, "abort" while an earlier victim is still dying. */
function selectBadProcess(
	mm: MemoryManager,
	memcg: MemCgroup | null,
	totalPages: number,
): Task | null | "abort" {
	let chosen: Task | null = null;
	let chosenPoints = LONG_MIN;
	for (const t of candidates(mm, memcg)) {
		if (unkillable(mm, t)) continue;
		if (t.signal.oomVictim) {
			if (t.mm === null || t.mm.oomSkip || t.mm.dead) continue;
			return "abort";
		}
		const points = oomBadness(t, totalPages);
		if (points === LONG_MIN || points < chosenPoints) continue;
		chosen = t;
		chosenPoints = points;
	}
	return chosen;
}

/** mem_cgroup_get_max(): what a memcg may use, memory plus the swap it may take. */
function memcgMaxPages(mm: MemoryManager, memcg: MemCgroup): number {
	let max = memcg.memory.max;
	if (mm.doMemswAccount && memcg.swappiness > 0) {
		max += Math.min(memcg.memsw.max - max, mm.swap.nrPages);
	}
	return max;
}

const K = (pages: number): number => (pages * PAGE_SIZE) / 1024;

/** dump_header() and the memcg's oom context, as the kernel logs them. */
function dumpHeader(
	mm: MemoryManager,
	memcg: MemCgroup | null,
	current: Task | null,
	victim: Task,
): void {
	const k = mm.kernel;
	if (current !== null) {
		k.printk(
			`${current.comm} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=${current.signal.oomScoreAdj}`,
		);
	}
	const taskMemcg = mm.memcgOf(victim);
	const uid = victim.cred.uid;
	if (memcg !== null) {
		k.printk(
			`oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=${memcg.cgroup.path()},task_memcg=${taskMemcg?.cgroup.path() ?? "/"},task=${victim.comm},pid=${victim.tgid},uid=${uid}`,
		);
		k.printk(
			`memory: usage ${K(memcg.memory.usage)}kB, limit ${K(memcg.memory.max)}kB, failcnt ${memcg.memory.failcnt}`,
		);
		k.printk(
			`memory+swap: usage ${K(memcg.memsw.usage)}kB, limit ${K(memcg.memsw.max)}kB, failcnt ${memcg.memsw.failcnt}`,
		);
		k.printk(
			`kmem: usage ${K(memcg.kmem.usage)}kB, limit ${K(memcg.kmem.max)}kB, failcnt ${memcg.kmem.failcnt}`,
		);
	} else {
		k.printk(
			`oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=${taskMemcg?.cgroup.path() ?? "/"},task=${victim.comm},pid=${victim.tgid},uid=${uid}`,
		);
	}
}

/** oom_kill_process() + __oom_kill_process() and the reaper's work. */
function oomKillProcess(
	mm: MemoryManager,
	memcg: MemCgroup | null,
	current: Task | null,
	victim: Task,
): void {
	const k = mm.kernel;
	const vmm = victim.mm!;
	dumpHeader(mm, memcg, current, victim);
	const message = memcg !== null ? "Memory cgroup out of memory" : "Out of memory";
	k.printk(
		`${message}: Killed process ${victim.tgid} (${victim.comm}) total-vm:${K(vmm.totalVm)}kB, anon-rss:${K(vmm.anonRss)}kB, file-rss:${K(vmm.fileRss)}kB, shmem-rss:${K(vmm.shmemRss)}kB, UID:${victim.cred.uid} pgtables:${K(vmm.pgtables)}kB oom_score_adj:${victim.signal.oomScoreAdj}`,
	);
	mm.oomKills++;
	mm.memcgOf(vmm.owner)?.memoryEvent(MEMCG_OOM_KILL);
	victim.signal.oomVictim = true;
	// oom_reaper: the anonymous memory goes now, whether or not the victim runs again.
	mm.oomReap(vmm);
	k.printk(
		`oom_reaper: reaped process ${victim.tgid} (${victim.comm}), now anon-rss:${K(vmm.anonRss)}kB, file-rss:${K(vmm.fileRss)}kB, shmem-rss:${K(vmm.shmemRss)}kB`,
	);
	sendSignalLocked(k, SIGKILL, victim.groupLeader, PIDTYPE_TGID, true);
}

/**
 * mem_cgroup_out_of_memory() -> out_of_memory() for a memcg: true when a
 * victim was killed (or one is still dying), so the charge is retried.
 */
export function memcgOutOfMemory(
	mm: MemoryManager,
	memcg: MemCgroup,
	current: Task | null,
): boolean {
	const chosen = selectBadProcess(mm, memcg, memcgMaxPages(mm, memcg));
	if (chosen === "abort") return true;
	if (chosen === null) {
		mm.kernel.printk("Out of memory and no killable processes...");
		return false;
	}
	oomKillProcess(mm, memcg, current, chosen);
	return true;
}

/** out_of_memory() for the machine. */
export function outOfMemory(mm: MemoryManager, current: Task | null): boolean {
	const total = mm.map.totalPages + mm.swap.nrPages;
	const chosen = selectBadProcess(mm, null, total);
	if (chosen === "abort") return true;
	if (chosen === null) return false;
	oomKillProcess(mm, null, current, chosen);
	return true;
}
