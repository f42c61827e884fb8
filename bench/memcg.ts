/**
 * The memory model's speed (issue 6's goals):
 * - charge plus uncharge of one page through a memcg two levels below the
 *   root: try_charge() with the per-CPU stock, then the uncharge, amortised
 *   (goal: at most 50 ns);
 * - a page's whole life: fault (allocate, charge, LRU) and unmap (free,
 *   uncharge), amortised, for reference;
 * - wall time of `stress-ng --vm 1 --vm-bytes 1G --vm-keep` in a memcg
 *   limited to 100 MiB on a host with swap, for one second of emulated
 *   time, which covers the first pass over the whole gigabyte (every page
 *   faulted in, nine in ten of them reclaimed to swap) and part of a second
 *   one (pages read back from swap) (goal: at most 1 s).
 */
import { FAULT_OK } from "../src/kernel/mm/memory.ts";
import { boot } from "../src/userland/boot.ts";
import { runShell } from "../src/userland/run.ts";
import { now } from "./timing.ts";

export const GOAL_CHARGE_NS = 50;
export const GOAL_STRESS_MS = 1000;

export interface MemcgResult {
	readonly id: string;
	readonly label: string;
	/** ns per page, or ms for the stress-ng run. */
	readonly value: number;
	readonly unit: "ns/page" | "ms" | "µs";
	readonly goal: number | null;
	readonly detail: string;
}

function setup(pages: number) {
	const host = boot({ memory: 16 * 1024 ** 3 });
	const { kernel, vfs, init } = host;
	vfs.mkdir(init, "/sys/fs/cgroup/memory/a", 0o755);
	vfs.mkdir(init, "/sys/fs/cgroup/memory/a/b", 0o755);
	const p = kernel.fork(init);
	vfs.writeFile(init, "/sys/fs/cgroup/memory/a/b/tasks", String(p.pid));
	const memcg = kernel.mm.memcgOf(p)!;
	return { kernel, p, memcg, pages };
}

function chargeUncharge(pages: number, rounds: number): MemcgResult {
	const { kernel, p, memcg } = setup(pages);
	const mm = kernel.mm;
	let best = Number.POSITIVE_INFINITY;
	for (let r = 0; r < rounds; r++) {
		const t0 = now();
		for (let i = 0; i < pages; i++)
			if (mm.tryCharge(memcg, 1, { task: p }) !== FAULT_OK) throw new Error("charge");
		mm.cancelCharge(memcg, 0);
		for (let i = 0; i < pages; i++) mm.cancelCharge(memcg, 1);
		best = Math.min(best, Number(now() - t0) / pages);
	}
	return {
		id: "memcg.charge",
		label: "charge + uncharge of a page, memcg 2 levels deep (try_charge with the stock)",
		value: best,
		unit: "ns/page",
		goal: GOAL_CHARGE_NS,
		detail: `${pages} pages, best of ${rounds}`,
	};
}

function faultUnmap(pages: number, rounds: number): MemcgResult {
	const { kernel, p } = setup(pages);
	const mm = kernel.mm;
	let best = Number.POSITIVE_INFINITY;
	for (let r = 0; r < rounds; r++) {
		const region = mm.mmapAnon(p.mm!, pages);
		const t0 = now();
		for (let i = 0; i < pages; i++)
			if (mm.touch(p, region, i) !== FAULT_OK) throw new Error("fault");
		mm.munmap(region);
		best = Math.min(best, Number(now() - t0) / pages);
	}
	return {
		id: "memcg.fault-unmap",
		label: "fault in (allocate, charge, LRU) + unmap (free, uncharge) of a page",
		value: best,
		unit: "ns/page",
		goal: null,
		detail: `${pages} pages, best of ${rounds}`,
	};
}

async function stress1G(): Promise<MemcgResult> {
	const script = [
		"M=/sys/fs/cgroup/memory/s",
		"mkdir $M && echo 100M > $M/memory.limit_in_bytes && echo $$ > $M/tasks",
		"stress-ng --vm 1 --vm-bytes 1G --vm-keep -t 1 -q",
		"grep -E '^(total_pgfault|total_pgmajfault) ' $M/memory.stat",
		"cat $M/memory.max_usage_in_bytes",
	].join("\n");
	const t0 = now();
	const r = await runShell(
		{ args: ["-c", script], memory: 4 * 1024 ** 3, swap: 2 * 1024 ** 3 },
		async () => {},
	);
	const ms = Number(now() - t0) / 1e6;
	if (r.status !== 0) throw new Error(`stress-ng run failed: ${r.stderr}`);
	const faults = /total_pgfault ([0-9]+)/.exec(r.stdout)?.[1] ?? "?";
	const major = /total_pgmajfault ([0-9]+)/.exec(r.stdout)?.[1] ?? "?";
	const maxUsage = Number(r.stdout.trim().split("\n").pop());
	return {
		id: "memcg.stress-1g",
		label: "stress-ng --vm-bytes 1G --vm-keep for 1 emulated s in a 100M memcg with swap",
		value: ms,
		unit: "ms",
		goal: GOAL_STRESS_MS,
		detail: `${faults} faults (${major} from swap), max usage ${(maxUsage / 1024 ** 2).toFixed(1)}M`,
	};
}

export async function memcgBenchmarks(quick: boolean): Promise<MemcgResult[]> {
	const pages = quick ? 1 << 18 : 1 << 20;
	const rounds = quick ? 3 : 5;
	return [chargeUncharge(pages, rounds), faultUnmap(pages, rounds), await stress1G()];
}
