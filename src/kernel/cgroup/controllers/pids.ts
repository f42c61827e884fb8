/**
 * The pids controller (kernel/cgroup/pids.c): a hierarchical count of the
 * tasks (threads) in each cgroup and its descendants, and a limit that
 * fork() and clone() may not pass. Migration moves the charge without
 * checking the limit, so pids.current can exceed pids.max; a task is
 * uncharged when it is released (reaped), so zombies still count. cgroup2
 * adds pids.events.local and counts refused forks where the limit was hit
 * (pids_files[]); v1 has the four files of pids_files_legacy[].
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import { kstrtoll, strstrip } from "../../kstrto.ts";
import { PID_MAX_LIMIT } from "../../pid.ts";
import type { Task } from "../../task.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import type { CssSet } from "../css-set.ts";
import { CFTYPE_NOT_ON_ROOT, CGRP_ROOT_PIDS_LOCAL_EVENTS } from "../defs.ts";
import type { CgroupTaskset, Subsystem, SubsystemDef } from "../subsys.ts";

/** PIDS_MAX: one more than any pid count, shown as "max". */
export const PIDS_MAX = PID_MAX_LIMIT + 1;
const PIDS_MAX_STR = "max";

/** struct pids_cgroup. */
export class PidsCss extends CgroupSubsysState {
	/** counter: tasks charged here (this cgroup and its descendants). */
	counter = 0;
	limit = PIDS_MAX;
	/** watermark (pids.peak). */
	watermark = 0;
	/** events[PIDCG_MAX]: forks that failed below because this limit was hit (cgroup2). */
	eventsMax = 0;
	/** events_local[PIDCG_MAX]. */
	eventsLocalMax = 0;
	/** events_local[PIDCG_FORKFAIL]: forks from this cgroup that failed (what v1 shows). */
	eventsLocalForkfail = 0;

	get parentPids(): PidsCss | null {
		return this.parent as PidsCss | null;
	}
}

/** pids_update_watermark(). */
function updateWatermark(p: PidsCss, n: number): void {
	if (n > p.watermark) p.watermark = n;
}

/** pids_uncharge(): every level but the root. */
function uncharge(pids: PidsCss, num: number): void {
	for (let p: PidsCss | null = pids; p?.parentPids != null; p = p.parentPids) {
		p.counter -= num;
		if (p.counter < 0) throw new Error(`pids: negative count in ${p.cgroup.path()}`);
	}
}

/** pids_charge(): every level but the root, ignoring the limits. */
function charge(pids: PidsCss, num: number): void {
	for (let p: PidsCss | null = pids; p?.parentPids != null; p = p.parentPids) {
		p.counter += num;
		updateWatermark(p, p.counter);
	}
}

/**
 * pids_try_charge(): charge bottom-up; the first level that would pass its
 * limit is returned after the levels charged so far are reverted (their
 * watermarks keep the attempt, as in the kernel).
 */
function tryCharge(pids: PidsCss, num: number): PidsCss | null {
	for (let p: PidsCss | null = pids; p?.parentPids != null; p = p.parentPids) {
		const next = p.counter + num;
		p.counter = next;
		if (next > p.limit) {
			for (let q: PidsCss = pids; q !== p; q = q.parentPids!) q.counter -= num;
			p.counter -= num;
			return p;
		}
		updateWatermark(p, next);
	}
	return null;
}

function pidsOf(cset: CssSet, ssid: number): PidsCss {
	return cset.subsys[ssid] as PidsCss;
}

/**
 * Whether pids.events shows the fork failures of the cgroup itself: on a
 * legacy hierarchy, and on cgroup2 mounted with pids_localevents.
 */
function localEventsOnly(css: PidsCss): boolean {
	const root = css.cgroup.root;
	return !root.isDfl || (root.flags & CGRP_ROOT_PIDS_LOCAL_EVENTS) !== 0;
}

const EVENTS = "pids.events";
const EVENTS_LOCAL = "pids.events.local";

/**
 * pids_event(): the forking cgroup logs its first failure. Legacy
 * hierarchies (and cgroup2 with pids_localevents) count failures where the
 * fork happened; cgroup2 counts them where the limit was hit and above.
 */
function pidsEvent(k: Kernel, forking: PidsCss, overLimit: PidsCss): void {
	if (++forking.eventsLocalForkfail === 1) {
		k.printk(`cgroup: fork rejected by pids controller in ${forking.cgroup.path()}`);
	}
	if (localEventsOnly(forking)) {
		k.cgroup.fileNotify(forking.cgroup, EVENTS);
		k.cgroup.fileNotify(forking.cgroup, EVENTS_LOCAL);
		return;
	}
	overLimit.eventsLocalMax++;
	k.cgroup.fileNotify(overLimit.cgroup, EVENTS_LOCAL);
	for (let p: PidsCss | null = overLimit; p?.parentPids != null; p = p.parentPids) {
		p.eventsMax++;
		k.cgroup.fileNotify(p.cgroup, EVENTS);
	}
}

/** __pids_events_show(). */
function eventsShow(css: PidsCss, local: boolean): string {
	if (localEventsOnly(css)) return `max ${css.eventsLocalForkfail}\n`;
	return `max ${local ? css.eventsLocalMax : css.eventsMax}\n`;
}

/** pids_max_write(). */
function maxWrite(css: PidsCss, buf: string): void {
	const s = strstrip(buf);
	if (s === PIDS_MAX_STR) {
		css.limit = PIDS_MAX;
		return;
	}
	const v = kstrtoll(s, 0);
	if (v < 0n || v >= BigInt(PIDS_MAX)) throw new KernelError("EINVAL");
	css.limit = Number(v);
}

/** pids_files_legacy[]. */
const LEGACY_FILES: readonly CfType<PidsCss>[] = [
	{
		name: "max",
		flags: CFTYPE_NOT_ON_ROOT,
		/** pids_max_show(). */
		seqShow: (of) => (of.css.limit >= PIDS_MAX ? `${PIDS_MAX_STR}\n` : `${of.css.limit}\n`),
		write: (of, buf, nbytes) => {
			maxWrite(of.css, buf);
			return nbytes;
		},
	},
	{ name: "current", flags: CFTYPE_NOT_ON_ROOT, readS64: (css) => css.counter },
	{ name: "peak", flags: CFTYPE_NOT_ON_ROOT, readS64: (css) => css.watermark },
	{
		name: "events",
		flags: CFTYPE_NOT_ON_ROOT,
		/** pids_events_show(). */
		seqShow: (of) => eventsShow(of.css, false),
	},
];

/** pids_files[]: the legacy files and events.local. */
const DFL_FILES: readonly CfType<PidsCss>[] = [
	...LEGACY_FILES,
	{
		name: "events.local",
		flags: CFTYPE_NOT_ON_ROOT,
		/** pids_events_local_show(). */
		seqShow: (of) => eventsShow(of.css, true),
	},
];

export const PIDS_SUBSYS: SubsystemDef<PidsCss> = {
	name: "pids",
	legacyName: "pids",
	threaded: true,
	create: (kernel) => {
		// The controller's id, known from the first css_alloc (the root's, at boot).
		let ssid = -1;
		return {
			legacyCftypes: LEGACY_FILES,
			dflCftypes: DFL_FILES,
			/** pids_css_alloc(). */
			cssAlloc: (parent: PidsCss | null, cgroup: Cgroup, subsys: Subsystem<PidsCss>) => {
				ssid = subsys.id;
				return new PidsCss(cgroup, subsys, parent);
			},
			/** pids_can_attach(): move each task's charge, never refused. */
			canAttach: (tset: CgroupTaskset) => {
				for (const [task, dst] of tset) {
					charge(dst as PidsCss, 1);
					uncharge(tset.oldCss(task) as PidsCss, 1);
				}
			},
			/** pids_cancel_attach(). */
			cancelAttach: (tset: CgroupTaskset) => {
				for (const [task, dst] of tset) {
					charge(tset.oldCss(task) as PidsCss, 1);
					uncharge(dst as PidsCss, 1);
				}
			},
			/** pids_can_fork(). */
			canFork: (_task: Task, cset: CssSet) => {
				const pids = pidsOf(cset, ssid);
				const over = tryCharge(pids, 1);
				if (over !== null) {
					pidsEvent(kernel, pids, over);
					throw new KernelError("EAGAIN");
				}
			},
			/** pids_cancel_fork(). */
			cancelFork: (_task: Task, cset: CssSet) => {
				uncharge(pidsOf(cset, ssid), 1);
			},
			/** pids_release(): at release_task(), so a zombie stays charged. */
			release: (task: Task) => {
				uncharge(pidsOf(task.cgroups!, ssid), 1);
			},
		};
	},
};
