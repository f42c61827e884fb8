/**
 * The kernel's bookkeeping, recomputed from first principles and compared
 * with what the kernel keeps. Tests run this after every step of random
 * operation sequences. Returns a list of violations (empty when consistent).
 *
 * - every unreleased task points at a css_set; a live one is on that
 *   css_set's task list and linked to exactly one cgroup per hierarchy;
 * - css_set reference counts equal the task references (plus the init
 *   css_set's base reference and the cgroup namespaces rooted at it); the
 *   hash table holds exactly the live css_sets under their current keys;
 *   links are symmetric;
 * - populated counters, descendant counters and per-hierarchy cgroup counts
 *   match a recount over live and dying cgroups;
 * - cgroup and css reference counts match their holders, css ids match the
 *   live csses, hierarchy ids match the live hierarchies;
 * - every allocated pid number is attached to something, and each pid's
 *   attachment count is exactly its uses (thread, thread group, process
 *   group, session); process-group lists hold exactly the processes of each
 *   group, which share one session;
 * - signal state: masks in range, SIGKILL and SIGSTOP never blocked, a stop
 *   and SIGCONT never pending together, group stop and thread states agree,
 *   nothing a live running thread could act on is left pending (delivery is
 *   immediate), sighand caches match the actions, no deferred kill is left.
 */
import type { Cgroup } from "./cgroup/cgroup.ts";
import type { CgroupSubsysState } from "./cgroup/css.ts";
import { type CssSet, cssSetHash } from "./cgroup/css-set.ts";
import { CGRP_FROZEN, CSS_DYING, CSS_RELEASED } from "./cgroup/defs.ts";
import { cgroupNsCssSetRefs } from "./cgroup/namespace.ts";
import type { Kernel } from "./kernel.ts";
import { checkMemoryInvariants } from "./mm/invariants.ts";
import type { Pid, PidNamespace } from "./pid.ts";
import {
	ALL_SIGNALS,
	SIG_HANDLER,
	SIG_IGN,
	SIGCONT,
	SIGKILL,
	SIGNAL_MAX,
	SIGNAL_STOP_CONTINUED,
	SIGNAL_STOP_STOPPED,
	SIGSTOP,
	SIGTSTP,
	SIGTTIN,
	SIGTTOU,
	type SighandStruct,
	sigmask,
} from "./signal.ts";
import { PF_EXITING, type SignalStruct, TASK_STOPPED, TASK_TRACED, type Task } from "./task.ts";

function allNamespaces(k: Kernel): PidNamespace[] {
	const seen = new Set<PidNamespace>([k.initPidNs]);
	for (const pid of k.initPidNs.idr.values()) {
		for (let ns: PidNamespace | null = pid.ns; ns !== null; ns = ns.parent) seen.add(ns);
	}
	return [...seen];
}

export function checkInvariants(k: Kernel): string[] {
	const bad: string[] = [];
	const core = k.cgroup;
	const roots = core.roots;

	// ------------------------------------------------------------ tasks
	const tasks: Task[] = [];
	for (const pid of k.initPidNs.idr.values()) if (pid.task !== null) tasks.push(pid.task);
	const taskRefs = new Map<CssSet, number>();
	for (const t of tasks) {
		const tag = `task ${t.pid}`;
		if (t.released) bad.push(`${tag}: released but still hashed`);
		if (t.threadPid.task !== t) bad.push(`${tag}: its pid points elsewhere`);
		const cset = t.cgroups;
		if (cset === null) {
			bad.push(`${tag}: no css_set`);
			continue;
		}
		taskRefs.set(cset, (taskRefs.get(cset) ?? 0) + 1);
		// ptrace links: a tracee is on its tracer's list, a hashed tracer's, and
		// a traced task is in a trace stop only while alive.
		if (t.tracer !== null) {
			if (t.ptrace === 0) bad.push(`${tag}: a tracer but no ptrace flags`);
			if (!t.tracer.ptraced?.has(t)) bad.push(`${tag}: not on its tracer's list`);
			if (t.tracer.released) bad.push(`${tag}: traced by a released task`);
		} else if (t.ptrace !== 0) bad.push(`${tag}: ptrace flags without a tracer`);
		for (const p of t.ptraced ?? []) {
			if (p.tracer !== t) bad.push(`${tag}: traces ${p.pid}, which it is not the tracer of`);
			if (p.released) bad.push(`${tag}: traces ${p.pid}, which was released`);
		}
		if (t.traceStop !== null && t.exitState !== 0) bad.push(`${tag}: a trace stop after exit`);
		const exiting = (t.flags & PF_EXITING) !== 0;
		if (!exiting) {
			if (!cset.tasks.has(t)) bad.push(`${tag}: not on its css_set's task list`);
			for (const root of roots) {
				const n = cset.cgrpLinks.filter((l) => l.cgrp.root === root).length;
				if (n !== 1) bad.push(`${tag}: in ${n} cgroups of hierarchy ${root.hierarchyId}`);
			}
		} else if (cset.tasks.has(t) || cset.mgTasks.has(t)) {
			bad.push(`${tag}: exiting but still on a task list`);
		} else if (t.cgOn !== null && !cset.dyingTasks.has(t)) {
			bad.push(`${tag}: on a task list of another css_set`);
		}
	}

	// --------------------------------------------------------- css_sets
	const csets = new Set<CssSet>(core.cssSetTable.values());
	for (const cset of taskRefs.keys()) {
		if (!csets.has(cset)) bad.push(`css_set ${cset.id}: used by tasks but not hashed`);
	}
	// Cgroup namespaces hold their root css_set.
	const nsRefs = cgroupNsCssSetRefs(core);
	const seen = new Map<number, CssSet[]>();
	for (const cset of core.cssSetTable) {
		const tag = `css_set ${cset.id}`;
		const hash = cssSetHash(
			cset.subsys,
			cset.cgrpLinks.map((l) => l.cgrp),
		);
		if (cset.hash !== hash) bad.push(`${tag}: hashed under a stale hash`);
		const bucket = core.cssSetTable.bucket(cset.hash);
		const filed = Array.isArray(bucket) ? bucket.includes(cset) : bucket === cset;
		if (!filed) bad.push(`${tag}: not found under its hash`);
		for (const other of seen.get(hash) ?? []) {
			const same =
				other.subsys.every((css, i) => css === cset.subsys[i]) &&
				other.cgrpLinks.every((l, i) => l.cgrp === cset.cgrpLinks[i]?.cgrp) &&
				other.domCset.dflCgrp === cset.domCset.dflCgrp;
			if (same) bad.push(`${tag}: duplicate of css_set ${other.id}`);
		}
		seen.set(hash, [...(seen.get(hash) ?? []), cset]);
		// dom_cset links: a threaded cgroup's css_set holds its thread root's twin
		// (one a namespace kept from before its cgroup turned threaded may not,
		// but then it takes no task).
		const dcset = cset.domCset;
		if (dcset !== cset && !cset.dflCgrp.threaded)
			bad.push(`${tag}: a dom_cset for a domain cgroup`);
		if (dcset === cset && cset.dflCgrp.threaded && cset.tasks.size > 0)
			bad.push(`${tag}: tasks in a threaded cgroup without a dom_cset`);
		if (dcset !== cset) {
			if (!dcset.threadedCsets?.has(cset)) bad.push(`${tag}: not on its dom_cset's threaded list`);
			// (An unused cached one may predate a change of thread root; it no longer matches.)
			if (dcset.dflCgrp !== cset.dflCgrp.domCgrp && cset.refcount > 0)
				bad.push(`${tag}: dom_cset outside the thread root`);
			if (!csets.has(dcset)) bad.push(`${tag}: dom_cset ${dcset.id} not hashed`);
		}
		for (const t of cset.threadedCsets ?? [])
			if (t.domCset !== cset) bad.push(`${tag}: lists css_set ${t.id}, whose dom_cset is another`);
		const expected =
			(taskRefs.get(cset) ?? 0) +
			(cset === core.initCssSet ? 1 : 0) +
			(nsRefs.get(cset) ?? 0) +
			(cset.threadedCsets?.size ?? 0);
		if (cset.refcount !== expected)
			bad.push(`${tag}: refcount ${cset.refcount}, expected ${expected}`);
		if (cset.mgTasks.size > 0 || cset.mgPreloaded) bad.push(`${tag}: migration state left over`);
		let live = 0;
		for (const t of cset.tasks) {
			if (t.cgroups !== cset || t.flags & PF_EXITING) bad.push(`${tag}: stray task ${t.pid}`);
			live++;
		}
		if (cset.nrTasks !== live) bad.push(`${tag}: nr_tasks ${cset.nrTasks}, has ${live}`);
		for (const link of cset.cgrpLinks) {
			if (!link.cgrp.csetLinks.has(link)) bad.push(`${tag}: one-sided link`);
			if (link.cgrp.root.destroyed) bad.push(`${tag}: linked to a destroyed hierarchy`);
		}
		for (const root of roots) {
			const n = cset.cgrpLinks.filter((l) => l.cgrp.root === root).length;
			if (n !== 1) bad.push(`${tag}: ${n} links to hierarchy ${root.hierarchyId}`);
		}
	}

	// --------------------------------------------- cgroups, live and dying
	const cgroups = new Set<Cgroup>();
	const addWithAncestors = (c: Cgroup): void => {
		for (let x: Cgroup | null = c; x !== null && !cgroups.has(x); x = x.parent) cgroups.add(x);
	};
	for (const root of roots) for (const c of root.cgrp.descendantsPre()) cgroups.add(c);
	for (const cset of csets) for (const l of cset.cgrpLinks) addWithAncestors(l.cgrp);

	// Csses that are not released: online ones, the ones css_sets use, and their parents.
	const csses = new Set<CgroupSubsysState>();
	const addCss = (css: CgroupSubsysState): void => {
		for (let x: CgroupSubsysState | null = css; x !== null && !csses.has(x); x = x.parent) {
			csses.add(x);
		}
	};
	for (const c of cgroups) for (const css of c.csses()) addCss(css);
	for (const cset of csets) for (const css of cset.subsys) addCss(css);
	for (const css of csses)
		if (css.flags & CSS_RELEASED) bad.push(`css ${css.serialNr}: released but in use`);
	for (const root of roots) for (const css of root.cgrp.csses()) csses.add(css);

	for (const c of cgroups) {
		const tag = `cgroup ${c.root.hierarchyId}:${c.path()}${c.online ? "" : " (dying)"}`;
		let populatedCsets = 0;
		for (const link of c.csetLinks) {
			if (!csets.has(link.cset)) bad.push(`${tag}: linked to a freed css_set`);
			if (link.cset.isPopulated()) populatedCsets++;
		}
		if (c.nrPopulatedCsets !== populatedCsets) {
			bad.push(`${tag}: nr_populated_csets ${c.nrPopulatedCsets}, expected ${populatedCsets}`);
		}
		let populatedChildren = 0;
		for (const child of cgroups) if (child.parent === c && child.isPopulated()) populatedChildren++;
		const kept = c.nrPopulatedDomainChildren + c.nrPopulatedThreadedChildren;
		if (kept !== populatedChildren) {
			bad.push(`${tag}: populated children ${kept}, expected ${populatedChildren}`);
		}
		let live = 0;
		let dying = 0;
		for (const d of cgroups) {
			if (d !== c && d.isDescendantOf(c)) {
				if (d.online) live++;
				else dying++;
			}
		}
		if (c.nrDescendants !== live)
			bad.push(`${tag}: nr_descendants ${c.nrDescendants}, expected ${live}`);
		if (c.nrDyingDescendants !== dying) {
			bad.push(`${tag}: nr_dying_descendants ${c.nrDyingDescendants}, expected ${dying}`);
		}
		if (c.parent !== null) {
			let children = 0;
			for (const d of cgroups) if (d.parent === c) children++;
			let cssOfIt = 0;
			for (const css of csses) if (css.ss !== null && css.cgroup === c) cssOfIt++;
			const nonRootLinks = c.csetLinks.size;
			const expected = (c.online ? 1 : 0) + children + nonRootLinks + cssOfIt;
			if (c.self.refcnt !== expected)
				bad.push(`${tag}: refcnt ${c.self.refcnt}, expected ${expected}`);
		}
		for (const set of c.fileSets) {
			if (!set.css.online && set.css.ss !== null)
				bad.push(`${tag}: files of an offline css listed`);
		}
		if (!c.online && c.fileSets.length > 0) bad.push(`${tag}: dying but has files`);
	}

	for (const root of roots) {
		let n = 0;
		for (const c of cgroups) if (c.root === root) n++;
		if (root.nrCgrps !== n)
			bad.push(`hierarchy ${root.hierarchyId}: nr_cgrps ${root.nrCgrps}, counted ${n}`);
		if (core.hierarchyIdr.get(root.hierarchyId) !== root) {
			bad.push(`hierarchy ${root.hierarchyId}: not in the id table`);
		}
	}
	if (core.hierarchyIdr.size !== roots.length) {
		bad.push(`hierarchy ids: ${core.hierarchyIdr.size} allocated, ${roots.length} hierarchies`);
	}

	// ---------------------------------------------------------------- csses
	const perSs = new Map<number, number>();
	for (const css of csses) {
		if (css.ss === null) continue;
		const tag = `css ${css.ss.name}#${css.id} of ${css.cgroup.path()}`;
		if (css.parent === null) continue; // root csses are never freed
		perSs.set(css.ss.id, (perSs.get(css.ss.id) ?? 0) + 1);
		let children = 0;
		for (const x of csses) if (x.parent === css) children++;
		if (css.nrChildren !== children)
			bad.push(`${tag}: nr children ${css.nrChildren}, has ${children}`);
		let users = 0;
		for (const cset of csets) for (const s of cset.subsys) if (s === css) users++;
		const expected = (css.flags & CSS_DYING ? 0 : 1) + users + children;
		if (css.refcnt !== expected) bad.push(`${tag}: refcnt ${css.refcnt}, expected ${expected}`);
	}
	for (const ss of core.subsys) {
		const n = perSs.get(ss.id) ?? 0;
		if (ss.cssIdr.size !== n)
			bad.push(`${ss.name}: ${ss.cssIdr.size} css ids allocated, ${n} csses`);
		if (!roots.includes(ss.root)) bad.push(`${ss.name}: bound to a dead hierarchy`);
		if (ss.root.cgrp.subsys(ss.id) === null) bad.push(`${ss.name}: its root has no css`);
		let bound = 0;
		for (const root of roots) if (root.subsysMask & ss.mask) bound++;
		if (bound !== 1) bad.push(`${ss.name}: bound to ${bound} hierarchies`);
	}

	checkDefaultHierarchy(k, csets, cgroups, csses, bad);

	// ----------------------------------------------------------------- pids
	for (const ns of allNamespaces(k)) {
		for (const [nr, pid] of ns.idr.entries()) {
			if (pid.attached <= 0) bad.push(`pid ${nr} (level ${ns.level}): allocated but unused`);
			if (pid.nsAt(ns.level) !== ns || pid.numberAt(ns.level) !== nr) {
				bad.push(`pid ${nr} (level ${ns.level}): filed under the wrong number`);
			}
		}
	}
	for (const p of k.processes) {
		if (p.released) bad.push(`process ${p.pid}: released but listed`);
		if (!p.isGroupLeader()) bad.push(`process ${p.pid}: listed but not a leader`);
		let alive = 0;
		for (const t of p.signal.threads) if (!(t.flags & PF_EXITING)) alive++;
		if (p.signal.live !== alive) bad.push(`process ${p.pid}: live ${p.signal.live}, has ${alive}`);
		if (p.signal.nrThreads !== p.signal.threads.size) {
			bad.push(`process ${p.pid}: nr_threads ${p.signal.nrThreads}, has ${p.signal.threads.size}`);
		}
	}
	checkPidUses(k, tasks, bad);
	checkSignals(k, bad);
	bad.push(...checkMemoryInvariants(k.mm));
	return bad;
}

/**
 * The cgroup2 bookkeeping: every css_set uses the effective css of its
 * default-hierarchy cgroup for each controller bound there; threaded and
 * frozen counters; css descendant and dying counts.
 */
function checkDefaultHierarchy(
	k: Kernel,
	csets: ReadonlySet<CssSet>,
	cgroups: ReadonlySet<Cgroup>,
	csses: ReadonlySet<CgroupSubsysState>,
	bad: string[],
): void {
	const core = k.cgroup;
	for (const cset of csets) {
		if (cset.dead || core.unusedCsets.has(cset)) continue;
		for (const ss of core.subsys) {
			if (ss.root !== core.dflRoot) continue;
			if (cset.subsys[ss.id] !== core.effectiveCss(cset.dflCgrp, ss)) {
				bad.push(
					`css_set ${cset.id}: ${ss.name} css is not ${cset.dflCgrp.path()}'s effective one`,
				);
			}
		}
	}
	for (const c of cgroups) {
		const tag = `cgroup ${c.root.hierarchyId}:${c.path()}`;
		let threadedChildren = 0;
		let populatedThreaded = 0;
		let frozenDescendants = 0;
		for (const d of cgroups) {
			if (d.parent === c && d.online && d.threaded) threadedChildren++;
			if (d.parent === c && d.threaded && d.isPopulated()) populatedThreaded++;
			if (d !== c && d.online && d.isDescendantOf(c) && d.flags & CGRP_FROZEN) frozenDescendants++;
		}
		if (c.online && c.nrThreadedChildren !== threadedChildren) {
			bad.push(`${tag}: nr_threaded_children ${c.nrThreadedChildren}, has ${threadedChildren}`);
		}
		if (c.nrPopulatedThreadedChildren !== populatedThreaded) {
			bad.push(
				`${tag}: populated threaded children ${c.nrPopulatedThreadedChildren}, has ${populatedThreaded}`,
			);
		}
		if (c.root.isDfl && c.online && c.freezer.nrFrozenDescendants !== frozenDescendants) {
			bad.push(
				`${tag}: nr_frozen_descendants ${c.freezer.nrFrozenDescendants}, has ${frozenDescendants}`,
			);
		}
		if (c.root.isDfl) {
			let frozenTasks = 0;
			for (const link of c.csetLinks)
				for (const t of link.cset.tasks) if (t.cgFrozen) frozenTasks++;
			if (c.freezer.nrFrozenTasks !== frozenTasks) {
				bad.push(`${tag}: nr_frozen_tasks ${c.freezer.nrFrozenTasks}, has ${frozenTasks}`);
			}
		}
		for (const ss of core.subsys) {
			let dying = 0;
			for (const css of csses) {
				if (css.ss === ss && css.flags & CSS_DYING && css.cgroup.isDescendantOf(c)) dying++;
			}
			if ((c.nrDyingSubsys[ss.id] ?? 0) !== dying) {
				bad.push(`${tag}: nr_dying_subsys_${ss.name} ${c.nrDyingSubsys[ss.id] ?? 0}, has ${dying}`);
			}
		}
	}
	for (const css of csses) {
		if (css.ss === null || !css.online) continue;
		let online = 0;
		for (const x of csses) {
			if (x === css || !x.online) continue;
			for (let p = x.parent; p !== null; p = p.parent) if (p === css) online++;
		}
		if (css.nrDescendants !== online) {
			bad.push(`css ${css.ss.name}#${css.id}: nr_descendants ${css.nrDescendants}, has ${online}`);
		}
	}
}

/** Attachment counts, process-group lists and sessions. */
function checkPidUses(k: Kernel, tasks: Task[], bad: string[]): void {
	const uses = new Map<Pid, number>();
	const use = (pid: Pid): void => {
		uses.set(pid, (uses.get(pid) ?? 0) + 1);
	};
	for (const t of tasks) use(t.threadPid);
	const groups = new Set<Pid>();
	for (const p of k.processes) {
		use(p.threadPid);
		use(p.signal.pgrp);
		use(p.signal.session);
		groups.add(p.signal.pgrp);
		if (p.signal.leader && p.signal.session !== p.threadPid) {
			bad.push(`process ${p.pid}: session leader of another session`);
		}
	}
	for (const pid of k.initPidNs.idr.values()) if (!uses.has(pid)) uses.set(pid, 0);
	for (const [pid, n] of uses) {
		if (pid.attached !== n) bad.push(`pid ${pid.nr}: attached ${pid.attached}, used ${n} times`);
		if (pid.pgrpTasks !== null && pid.pgrpTasks.size > 0 && !groups.has(pid)) {
			bad.push(`pid ${pid.nr}: a process-group list but no process in the group`);
		}
	}
	let listed = 0;
	for (const g of groups) {
		const list = g.pgrpTasks;
		if (list === null) continue;
		listed += list.size;
		const session = list.first?.signal.session;
		let walked = 0;
		let prev: Task | null = null;
		for (const p of list) {
			walked++;
			if (p.pgPrev !== prev) bad.push(`pgrp ${g.nr}: broken links at process ${p.pid}`);
			prev = p;
			if (p.released || p.signal.pgrp !== g)
				bad.push(`pgrp ${g.nr}: lists process ${p.pid} of another group`);
			if (p.signal.session !== session) bad.push(`pgrp ${g.nr}: spans sessions`);
		}
		if (walked !== list.size) bad.push(`pgrp ${g.nr}: size ${list.size}, ${walked} linked`);
	}
	if (listed !== k.processes.size) {
		bad.push(`process-group lists hold ${listed} processes, ${k.processes.size} exist`);
	}
}

const STOP_MASK = sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU);

function checkSighand(sighand: SighandStruct, tag: string, bad: string[]): void {
	let ignored = 0;
	let caught = 0;
	for (let sig = 1; sig <= SIGNAL_MAX; sig++) {
		const h = sighand.action(sig).handler;
		if (h === SIG_IGN) ignored |= sigmask(sig);
		if (h === SIG_HANDLER) caught |= sigmask(sig);
	}
	if (sighand.ignored !== ignored || sighand.caught !== caught)
		bad.push(`${tag}: stale SigIgn/SigCgt`);
	const kernelOnly = sigmask(SIGKILL) | sigmask(SIGSTOP);
	if (caught & kernelOnly) bad.push(`${tag}: SIGKILL or SIGSTOP caught`);
}

/** Job-control and pending-signal state of every process. */
function checkSignals(k: Kernel, bad: string[]): void {
	if (k.exitDepth !== 0 || k.deferredKills.length > 0) bad.push("deferred kills left over");
	const sighands = new Set<SighandStruct>();
	for (const p of k.processes) {
		const signal: SignalStruct = p.signal;
		const tag = `process ${p.pid}`;
		let pending = signal.sharedPending;
		if (signal.sharedPending & ~ALL_SIGNALS) bad.push(`${tag}: shared pending out of range`);
		const stopped = (signal.flags & SIGNAL_STOP_STOPPED) !== 0;
		if (stopped && signal.flags & SIGNAL_STOP_CONTINUED) bad.push(`${tag}: stopped and continued`);
		if (signal.groupExit && signal.flags !== 0) bad.push(`${tag}: exiting with job-control state`);
		if (!stopped && !signal.groupExit && signal.groupExitCode !== 0) {
			bad.push(`${tag}: a stop code but not stopped`);
		}
		for (const t of signal.threads) {
			const ttag = `task ${t.pid}`;
			pending |= t.pending;
			if (t.sighand !== p.sighand) bad.push(`${ttag}: a sighand of its own in a process`);
			if ((t.pending | t.blocked) & ~ALL_SIGNALS) bad.push(`${ttag}: mask out of range`);
			if (t.blocked & (sigmask(SIGKILL) | sigmask(SIGSTOP)))
				bad.push(`${ttag}: blocks SIGKILL/SIGSTOP`);
			if (t.flags & PF_EXITING) continue;
			if (signal.groupExit) bad.push(`${ttag}: alive in an exiting process`);
			const isStopped = t.state === TASK_STOPPED;
			// A ptrace stop is the tracer's, apart from group stops, and keeps signals pending.
			const traced = t.state === TASK_TRACED;
			if (!traced && stopped !== isStopped)
				bad.push(`${ttag}: thread stopped ${isStopped}, group ${stopped}`);
			if (!isStopped && !traced && !t.cgFrozen) {
				const actionable = (t.pending | signal.sharedPending) & ~t.blocked & ~t.sighand.caught;
				if (actionable !== 0) bad.push(`${ttag}: undelivered signals ${actionable.toString(16)}`);
			}
		}
		if (pending & sigmask(SIGCONT) && pending & STOP_MASK)
			bad.push(`${tag}: stop and SIGCONT pending`);
		sighands.add(p.sighand);
	}
	for (const sh of sighands) checkSighand(sh, "sighand", bad);
}

/** Throw with every violation when the kernel is inconsistent. */
export function assertInvariants(k: Kernel): void {
	const bad = checkInvariants(k);
	if (bad.length > 0) throw new Error(`kernel invariants violated:\n  ${bad.join("\n  ")}`);
}
