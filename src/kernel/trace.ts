/**
 * Tracepoints: what the kernel did, as events for whoever subscribed (the web
 * visualiser's timeline, tests). Modelled on the kernel's trace events
 * (include/trace/events/cgroup.h, sched.h, oom.h, vmscan.h): each event
 * carries the kernel objects themselves so an outer layer can name them.
 *
 * A call site checks `k.trace.active` before it builds an event, so a kernel
 * nobody traces pays one property read per tracepoint (the kernel's static
 * keys).
 */
import type { Cgroup } from "./cgroup/cgroup.ts";
import type { CssSet } from "./cgroup/css-set.ts";
import type { CgroupRoot } from "./cgroup/root.ts";
import type { ErrnoName } from "./errno.ts";
import type { Task } from "./task.ts";

/** One step of a migration (cgroup_migrate_*() through a struct cgroup_mgctx). */
export type MigratePhaseEvent =
	/** cgroup_migrate_prepare_dst() done: the preloaded source and destination css_sets. */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "prepare";
			readonly srcCsets: readonly CssSet[];
			readonly dstCsets: readonly CssSet[];
	  }
	/** find_css_set() for one source: reused an existing css_set, or made one. */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "cset-found" | "cset-created";
			readonly src: CssSet;
			readonly dstCgroup: Cgroup;
			readonly cset: CssSet;
	  }
	/** A controller's can_attach(): null when it agreed, else its errno. */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "can-attach";
			readonly subsys: string;
			readonly error: ErrnoName | null;
	  }
	/** A controller that prepared is told to undo it (cancel_attach()). */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "cancel-attach";
			readonly subsys: string;
	  }
	/** The tasks moved to their destination css_sets. */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "commit";
			readonly tasks: readonly Task[];
	  }
	/** The migration failed with nothing moved. */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "abort";
			readonly error: ErrnoName;
	  }
	/** A controller's attach() after the commit. */
	| {
			readonly kind: "migrate";
			readonly id: number;
			readonly phase: "attach";
			readonly subsys: string;
	  };

export type MigratePhase = MigratePhaseEvent["phase"];

export type TraceEvent =
	/** sched_process_fork: `child` made by `parent` (the forking task). */
	| { readonly kind: "fork"; readonly parent: Task; readonly child: Task }
	/** sched_process_exit: `code` is the wait status do_exit() got. */
	| { readonly kind: "exit"; readonly task: Task; readonly code: number }
	/**
	 * cgroup_attach_task, per task moved: on hierarchy `root` from `src` to
	 * `dst`, once the move committed. `migration` is the MigratePhaseEvent id.
	 */
	| {
			readonly kind: "attach";
			readonly migration: number;
			readonly task: Task;
			readonly root: CgroupRoot;
			readonly src: Cgroup;
			readonly dst: Cgroup;
	  }
	/** cgroup_mkdir, cgroup_rmdir. */
	| { readonly kind: "mkdir" | "rmdir"; readonly cgroup: Cgroup }
	/**
	 * A charge refused by `memcg`'s limit (try_charge_memcg(), where it raises
	 * MEMCG_MAX), and what comes next: "reclaim" (reclaim and retry), "oom"
	 * (retries used up: the memcg OOM path), "nomem" (gives up: the charge
	 * fails, or is forced past the limit when it may not fail).
	 */
	| {
			readonly kind: "charge-fail";
			readonly memcg: Cgroup;
			readonly nrPages: number;
			readonly counter: "memory" | "memsw";
			readonly action: "reclaim" | "oom" | "nomem";
	  }
	/** mm_vmscan_memcg_reclaim_begin/end: reclaim of `memcg` (null: the machine's). */
	| {
			readonly kind: "reclaim";
			readonly memcg: Cgroup | null;
			readonly nrRequested: number;
			readonly nrReclaimed: number;
	  }
	/** mark_victim: an OOM kill in `memcg` (null: a global OOM), the victim's oom_badness(). */
	| {
			readonly kind: "oom-kill";
			readonly victim: Task;
			readonly memcg: Cgroup | null;
			readonly points: number;
	  }
	/** cgroup1_release_agent(): `agent` run with `path`. */
	| {
			readonly kind: "release-agent";
			readonly cgroup: Cgroup;
			readonly agent: string;
			readonly path: string;
	  }
	| MigratePhaseEvent;

export type TraceKind = TraceEvent["kind"];

export type TraceListener = (ev: TraceEvent) => void;

/** The tracepoints' subscribers. */
export class TraceBus {
	private listeners: readonly TraceListener[] = [];
	private migrationIdNext = 1;

	/** Whether anyone listens: call sites build no event otherwise. */
	get active(): boolean {
		return this.listeners.length > 0;
	}

	/** Add a listener; returns the function that removes it. */
	subscribe(fn: TraceListener): () => void {
		this.listeners = [...this.listeners, fn];
		return () => {
			const i = this.listeners.indexOf(fn);
			if (i >= 0) this.listeners = [...this.listeners.slice(0, i), ...this.listeners.slice(i + 1)];
		};
	}

	/** Hand `ev` to every listener, in subscription order. */
	emit(ev: TraceEvent): void {
		// A copy-on-write list: a listener that unsubscribes does not disturb the loop.
		const ls = this.listeners;
		for (let i = 0; i < ls.length; i++) ls[i]!(ev);
	}

	/** A fresh id for the phases of one migration. */
	newMigrationId(): number {
		return this.migrationIdNext++;
	}
}
