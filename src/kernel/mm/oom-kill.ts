/**
 * The OOM killer (mm/oom_kill.c): when reclaim cannot make room, pick the
 * task whose death frees the most (oom_badness(): rss + swap entries + page
 * tables, moved by oom_score_adj in thousandths of the memory at stake),
 * among the tasks of the memcg's subtree (a memcg OOM) or of the machine,
 * log it as the kernel does, kill it with SIGKILL, and reap its anonymous
 * memory at once (what the oom_reaper thread does a moment later). On
 * cgroup2 a memcg with memory.oom.group set takes all its processes along.
 */
import { PIDTYPE_TGID, SIGKILL, sendSignalLocked } from "../signal.ts";
import { PF_KTHREAD, type Task } from "../task.ts";
import type { MemCgroup } from "./memcontrol.ts";
import { MEMCG_OOM_GROUP_KILL, MEMCG_OOM_KILL } from "./memcontrol.ts";
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
		if (mm.onDfl) {
			k.printk(
				`swap: usage ${K(memcg.swap.usage)}kB, limit ${K(memcg.swap.max)}kB, failcnt ${memcg.swap.failcnt}`,
			);
		} else {
			k.printk(
				`memory+swap: usage ${K(memcg.memsw.usage)}kB, limit ${K(memcg.memsw.max)}kB, failcnt ${memcg.memsw.failcnt}`,
			);
			k.printk(
				`kmem: usage ${K(memcg.kmem.usage)}kB, limit ${K(memcg.kmem.max)}kB, failcnt ${memcg.kmem.failcnt}`,
			);
		}
	} else {
		k.printk(
			`oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=${taskMemcg?.cgroup.path() ?? "/"},task=${victim.comm},pid=${victim.tgid},uid=${uid}`,
		);
	}
}

/** find_lock_task_mm(): the thread of `p`'s process that still has the address space. */
function taskWithMm(p: Task): Task | null {
	if (p.mm !== null && !p.mm.dead) return p;
	for (const th of p.signal.threads) if (th.mm !== null && !th.mm.dead) return th;
	return null;
}

/**
 * mem_cgroup_get_oom_group(): on cgroup2, the highest memcg with
 * memory.oom.group set between the victim's and the one that ran out
 * (the root for a machine OOM), whose tasks all go with the victim.
 */
function oomGroupOf(
	mm: MemoryManager,
	victim: Task,
	oomDomain: MemCgroup | null,
): MemCgroup | null {
	if (!mm.onDfl) return null;
	const domain = oomDomain ?? mm.rootMemcg;
	const memcg = mm.memcgOf(victim);
	if (memcg === null || domain === null || memcg.isRoot || !memcg.isDescendant(domain)) return null;
	let group: MemCgroup | null = null;
	for (let m: MemCgroup | null = memcg; m !== null; m = m.parentMemcg) {
		if (m.oomGroup) group = m;
		if (m === domain) break;
	}
	return group;
}

/**
 * __oom_kill_process() for one task, and the reaper's work: the kill is
 * counted in the memcg of the address space's owner and logged, and the
 * task (with any other process sharing its address space) is put on
 * `kills` for its SIGKILL, which the caller sends once every victim was
 * chosen, as the kernel's victims die after oom_kill_process() returns.
 */
function oomKillTask(
	mm: MemoryManager,
	victim: Task,
	message: string,
	kills: Task[],
	memcg: MemCgroup | null,
	totalPages: number,
): void {
	const k = mm.kernel;
	const t = taskWithMm(victim);
	if (t === null) {
		k.printk(
			`${message}: OOM victim ${victim.tgid} (${victim.comm}) is already exiting. Skip killing the task`,
		);
		return;
	}
	const vmm = t.mm!;
	// trace_mark_victim()
	if (k.trace.active)
		k.trace.emit({
			kind: "oom-kill",
			victim: t,
			memcg: memcg?.cgroup ?? null,
			points: oomBadness(t, totalPages),
		});
	mm.oomKills++;
	const owner = mm.memcgOf(vmm.owner);
	if (owner !== null) mm.memcgMemoryEvent(owner, MEMCG_OOM_KILL);
	t.signal.oomVictim = true;
	k.printk(
		`${message}: Killed process ${t.tgid} (${t.comm}) total-vm:${K(vmm.totalVm)}kB, anon-rss:${K(vmm.anonRss)}kB, file-rss:${K(vmm.fileRss)}kB, shmem-rss:${K(vmm.shmemRss)}kB, UID:${t.cred.uid} pgtables:${K(vmm.pgtables)}kB oom_score_adj:${t.signal.oomScoreAdj}`,
	);
	kills.push(t.groupLeader);
	for (const p of k.processes) {
		if (p.signal === t.signal || p.mm !== vmm) continue;
		if (unkillable(mm, p)) continue;
		kills.push(p);
	}
	// oom_reaper: the anonymous memory goes now, whether or not the victim runs again.
	mm.oomReap(vmm);
	k.printk(
		`oom_reaper: reaped process ${t.tgid} (${t.comm}), now anon-rss:${K(vmm.anonRss)}kB, file-rss:${K(vmm.fileRss)}kB, shmem-rss:${K(vmm.shmemRss)}kB`,
	);
}

/**
 * oom_kill_process(): the victim, then, when a memcg with memory.oom.group
 * covers it, every process of that memcg's subtree but those with
 * oom_score_adj -1000 (the victim among them once more, as
 * mem_cgroup_scan_tasks() finds it still there).
 */
function oomKillProcess(
	mm: MemoryManager,
	memcg: MemCgroup | null,
	current: Task | null,
	victim: Task,
	totalPages: number,
): void {
	const k = mm.kernel;
	dumpHeader(mm, memcg, current, victim);
	const message = memcg !== null ? "Memory cgroup out of memory" : "Out of memory";
	const group = oomGroupOf(mm, victim, memcg);
	const kills: Task[] = [];
	oomKillTask(mm, victim, message, kills, memcg, totalPages);
	if (group !== null) {
		mm.memcgMemoryEvent(group, MEMCG_OOM_GROUP_KILL);
		k.printk(`Tasks in ${group.cgroup.path()} are going to be killed due to memory.oom.group set`);
		for (const t of candidates(mm, group)) {
			if (t.signal.oomScoreAdj === OOM_SCORE_ADJ_MIN || t.signal === k.init.signal) continue;
			oomKillTask(mm, t, message, kills, memcg, totalPages);
		}
	}
	for (const t of kills) sendSignalLocked(k, SIGKILL, t, PIDTYPE_TGID, true);
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
	const totalPages = mm.memcgMaxPages(memcg);
	const chosen = selectBadProcess(mm, memcg, totalPages);
	if (chosen === "abort") return true;
	if (chosen === null) {
		mm.kernel.printk("Out of memory and no killable processes...");
		return false;
	}
	oomKillProcess(mm, memcg, current, chosen, totalPages);
	return true;
}

/** out_of_memory() for the machine. */
export function outOfMemory(mm: MemoryManager, current: Task | null): boolean {
	const total = mm.map.totalPages + mm.swap.nrPages;
	const chosen = selectBadProcess(mm, null, total);
	if (chosen === "abort") return true;
	if (chosen === null) return false;
	oomKillProcess(mm, null, current, chosen, total);
	return true;
}
