/**
 * memcgstat: where a process's memory cgroup is. /proc/PID/cgroup names the
 * cgroup (the cgroup v1 line whose controller list has "memory", else the
 * cgroup2 "0::" line), and /proc/self/mountinfo says where that hierarchy
 * is mounted (v1: fstype "cgroup" with the "memory" superblock option;
 * v2: fstype "cgroup2"), relative to the mount's root.
 *
 * Pure functions over the files' text (byte strings), shared by the
 * emulated program and the host driver.
 */

import type { MountEntry } from "./mountinfo.ts";

export type MemcgVersion = 1 | 2;

/** A memory cgroup as /proc/PID/cgroup names it. */
export interface MemcgRef {
	readonly version: MemcgVersion;
	/** The path inside its hierarchy, "/" for the root cgroup. */
	readonly path: string;
}

/**
 * The memory cgroup of a /proc/PID/cgroup text ("ID:CONTROLLERS:PATH" per
 * line; the path is everything after the second colon): the v1 line whose
 * controller list contains "memory", or else the cgroup2 line "0::PATH";
 * null when there is neither.
 */
export function memcgOfProcCgroup(text: string): MemcgRef | null {
	let unified: string | null = null;
	for (const line of text.split("\n")) {
		const c1 = line.indexOf(":");
		const c2 = c1 < 0 ? -1 : line.indexOf(":", c1 + 1);
		if (c2 < 0) continue;
		const controllers = line.slice(c1 + 1, c2);
		const path = line.slice(c2 + 1);
		if (line.slice(0, c1) === "0" && controllers === "") {
			unified ??= path;
			continue;
		}
		if (controllers.split(",").includes("memory")) return { version: 1, path };
	}
	return unified === null ? null : { version: 2, path: unified };
}

/** Is `m` a mount of the hierarchy `version` names (v1: the one with memory bound)? */
export function mountsMemcgHierarchy(m: MountEntry, version: MemcgVersion): boolean {
	if (version === 2) return m.fstype === "cgroup2";
	return m.fstype === "cgroup" && m.fsOptions.split(",").includes("memory");
}

/** `path` relative to `root` ("" when equal, "/x" below it), or null when outside. */
function below(root: string, path: string): string | null {
	if (root === "/") return path === "/" ? "" : path;
	if (path === root) return "";
	return path.startsWith(`${root}/`) ? path.slice(root.length) : null;
}

/**
 * The directory of `ref` in this mount namespace: the first mount of its
 * hierarchy whose root contains the cgroup; null when no mount does.
 */
export function memcgDir(mounts: readonly MountEntry[], ref: MemcgRef): string | null {
	for (const m of mounts) {
		if (!mountsMemcgHierarchy(m, ref.version)) continue;
		const rel = below(m.root, ref.path);
		if (rel === null) continue;
		if (m.target === "/") return rel === "" ? "/" : rel;
		return m.target.replace(/\/+$/, "") + rel;
	}
	return null;
}

/** What the hierarchy is called in messages. */
export function hierarchyName(version: MemcgVersion): string {
	return version === 1 ? "cgroup v1 memory hierarchy" : "cgroup2 hierarchy";
}
