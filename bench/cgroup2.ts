/**
 * The cgroup2 core's costs, for reference (issue 7 sets no goals):
 * - a controller switched on and off in cgroup.subtree_control of a cgroup
 *   with 100 children holding 10 processes each: css creation and killing
 *   in 100 cgroups and every css_set of the subtree migrated to its new
 *   effective csses (cgroup_apply_control() + cgroup_update_dfl_csses());
 * - mkdir + rmdir of a cgroup on a v2 host whose root enables six
 *   controllers (a css of each created, onlined, killed and freed);
 * - a process moved between two sibling cgroups through cgroup.procs
 *   (permission check, vetting, migration with six controllers).
 */
import { boot } from "../src/userland/boot.ts";
import type { MemcgResult } from "./memcg.ts";
import { now } from "./timing.ts";

const R = "/sys/fs/cgroup";

function best(rounds: number, per: number, run: () => void): number {
	let b = Number.POSITIVE_INFINITY;
	for (let r = 0; r < rounds; r++) {
		const t0 = now();
		run();
		b = Math.min(b, Number(now() - t0) / per);
	}
	return b;
}

function toggle(rounds: number): MemcgResult {
	const { vfs, kernel, init } = boot({ layout: "v2" });
	vfs.mkdir(init, `${R}/p`, 0o755);
	for (let c = 0; c < 100; c++) {
		vfs.mkdir(init, `${R}/p/c${c}`, 0o755);
		for (let i = 0; i < 10; i++) {
			const t = kernel.fork(init);
			vfs.writeFile(init, `${R}/p/c${c}/cgroup.procs`, String(t.pid));
		}
	}
	const ns = best(rounds, 1, () => {
		vfs.writeFile(init, `${R}/p/cgroup.subtree_control`, "+memory +pids");
		vfs.writeFile(init, `${R}/p/cgroup.subtree_control`, "-memory -pids");
	});
	return {
		id: "cgroup2.subtree-control",
		label: "+memory +pids then -memory -pids over 100 children with 1,000 processes",
		value: ns / 1e6,
		unit: "ms",
		goal: null,
		detail: `best of ${rounds}`,
	};
}

function mkdirRmdir(n: number, rounds: number): MemcgResult {
	const { vfs, init } = boot({ layout: "v2" });
	const ns = best(rounds, n, () => {
		for (let i = 0; i < n; i++) vfs.mkdir(init, `${R}/g${i}`, 0o755);
		for (let i = 0; i < n; i++) vfs.rmdir(init, `${R}/g${i}`);
	});
	return {
		id: "cgroup2.mkdir-rmdir",
		label: "mkdir + rmdir with six controllers enabled in the root",
		value: ns / 1e3,
		unit: "µs",
		goal: null,
		detail: `${n} cgroups, best of ${rounds}`,
	};
}

function move(n: number, rounds: number): MemcgResult {
	const { vfs, kernel, init } = boot({ layout: "v2" });
	vfs.mkdir(init, `${R}/a`, 0o755);
	vfs.mkdir(init, `${R}/b`, 0o755);
	const t = kernel.fork(init);
	const pid = String(t.pid);
	const ns = best(rounds, n, () => {
		for (let i = 0; i < n; i++) vfs.writeFile(init, `${R}/${i & 1 ? "a" : "b"}/cgroup.procs`, pid);
	});
	return {
		id: "cgroup2.move",
		label: "a process moved between sibling cgroups through cgroup.procs",
		value: ns / 1e3,
		unit: "µs",
		goal: null,
		detail: `${n} moves, best of ${rounds}`,
	};
}

export function cgroup2Benchmarks(quick: boolean): MemcgResult[] {
	const rounds = quick ? 3 : 7;
	return [
		toggle(rounds),
		mkdirRmdir(quick ? 200 : 2000, rounds),
		move(quick ? 1000 : 10000, rounds),
	];
}
