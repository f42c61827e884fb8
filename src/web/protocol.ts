/**
 * What the cgkit web server sends the page and the page sends back. Plain
 * JSON types shared by the server (src/web/server.ts) and the page
 * (src/web/client/), so neither imports the other's code.
 *
 * The server streams server-sent events on GET /events. Every event has an
 * id (increasing integers); a page that reconnects with Last-Event-ID gets
 * the events after it: every output and kernel event while the server
 * still holds it (the newest 64 MiB), the newest chart samples (600), and
 * the newest state, which is whole. Event types:
 * - `state`: a StateWire, the whole state after the kernel events up to it
 *   (the page makes it a StateView: inflateState() in client/model);
 * - `kernel`: a KernelEventView, one thing the kernel did;
 * - `output`: a TerminalOutput, bytes the shell wrote to the terminal;
 * - `sample`: a SampleView, one point of the live charts.
 * The page sends terminal input with POST /input (body: the bytes typed,
 * as UTF-8 text) and pause/step of the timeline is a page-side matter.
 */

/** A cgroup of one hierarchy, with its children. */
export interface CgroupView {
	/** Unique among all cgroups of all hierarchies (the kernel's kernfs id is not: this is). */
	readonly id: string;
	/** Path from the hierarchy's root: "/" for the root, "/a/b" below. */
	readonly path: string;
	/** The tasks (pids, as the init pid namespace sees them) attached here, sorted. */
	readonly tasks: readonly number[];
	/**
	 * The key values the page shows, by file name, as the file reads
	 * without its trailing newline: cpuset.cpus, cpuset.mems,
	 * memory.usage_in_bytes / memory.current, memory.limit_in_bytes /
	 * memory.max, pids.current, pids.max, freezer.state / cgroup.freeze.
	 * Only files the cgroup has.
	 */
	readonly values: Readonly<Record<string, string>>;
	readonly children: readonly CgroupView[];
}

/** A mounted v1 hierarchy, or the default (cgroup2) one. */
export interface HierarchyView {
	/** The hierarchy id as /proc/cgroups and /proc/PID/cgroup show it (0: cgroup2). */
	readonly id: number;
	/** What /proc/PID/cgroup names it: "cpuset", "cpu,cpuacct", "name=systemd", "" for cgroup2. */
	readonly name: string;
	/** The controllers bound to it (for cgroup2: those enabled at its root). */
	readonly controllers: readonly string[];
	/** Where it is mounted (may be empty: the default hierarchy always exists). */
	readonly mounts: readonly string[];
	readonly root: CgroupView;
}

/** A css_set: its reference count, its cgroup in each hierarchy (cgrp_cset_links), its tasks. */
export interface CssSetView {
	readonly id: number;
	readonly refcount: number;
	/** One per hierarchy: the cgroup (CgroupView.id) this css_set is linked to there. */
	readonly links: readonly { readonly hierarchy: number; readonly cgroup: string }[];
	readonly tasks: readonly number[];
}

export interface TaskView {
	readonly pid: number;
	readonly comm: string;
	/** CssSetView.id. */
	readonly cset: number;
}

/** The whole state at one moment. */
export interface StateView {
	/** The kernel event count when it was taken (KernelEventView.seq of the last one included). */
	readonly seq: number;
	/** Emulated time, ns since boot. */
	readonly timeNs: number;
	readonly hierarchies: readonly HierarchyView[];
	readonly csets: readonly CssSetView[];
	readonly tasks: readonly TaskView[];
}

/** The kinds of kernel events the timeline shows. */
export type KernelEventKind =
	| "fork"
	| "exit"
	| "attach"
	| "mkdir"
	| "rmdir"
	| "charge-fail"
	| "reclaim"
	| "oom-kill"
	| "release-agent"
	| "migrate";

/** One kernel event. */
export interface KernelEventView {
	/** 1, 2, 3, ... in the order the kernel raised them. */
	readonly seq: number;
	readonly timeNs: number;
	readonly kind: KernelEventKind;
	/** One line for the timeline, e.g. "fork 42 -> 43 (sh)". */
	readonly text: string;
	/** What the event touches, for highlighting. */
	readonly pids?: readonly number[];
	readonly cgroups?: readonly string[];
	readonly csets?: readonly number[];
	/** For "migrate": the phase (prepare, cset-found, cset-created, can-attach, cancel-attach, commit, abort, attach). */
	readonly phase?: string;
	/** For "migrate" and "attach": which migration (the phases of one share it). */
	readonly migration?: number;
}

/**
 * The state as sent: a StateView without what the page works out from the
 * css_sets (a cgroup's tasks, a link's hierarchy, a task's css_set), so an
 * update of a host with 10,000 tasks stays small.
 */
export interface StateWire {
	readonly seq: number;
	readonly timeNs: number;
	readonly hierarchies: readonly HierarchyWire[];
	readonly csets: readonly CssSetWire[];
	/** Every task as [comm, pids with that comm (sorted)]. */
	readonly comms: readonly (readonly [string, readonly number[]])[];
}

export interface HierarchyWire extends Omit<HierarchyView, "root"> {
	readonly root: CgroupWire;
}

export interface CgroupWire extends Omit<CgroupView, "tasks" | "children"> {
	readonly children: readonly CgroupWire[];
}

/** A CssSetView whose links are only their cgroups (CgroupView.id), in link order. */
export interface CssSetWire extends Omit<CssSetView, "links"> {
	readonly cgroups: readonly string[];
}

export interface TerminalOutput {
	/** UTF-8 text the shell wrote. */
	readonly data: string;
}

/** One point of the live charts, per cgroup (CgroupView.id). */
export interface SampleView {
	readonly timeNs: number;
	/** Memory usage and limit in bytes (limit null: unlimited), per memory cgroup. */
	readonly memory: Readonly<
		Record<string, { readonly usage: number; readonly limit: number | null }>
	>;
	/** CPU time in ns, per cpu/cpuacct cgroup. */
	readonly cpu: Readonly<Record<string, number>>;
	/** pids.current, per pids cgroup. */
	readonly pids: Readonly<Record<string, number>>;
}
