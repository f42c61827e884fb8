/**
 * The cpuacct controller (kernel/sched/cpuacct.c): CPU time charged to each
 * cgroup and its ancestors, per CPU, in nanoseconds, split into user and
 * system time. The CPU model charges it (cpuacct_charge() and
 * cpuacct_account_field()); the user/system split is the model's exact one,
 * where Linux samples it at ticks.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import type { CfType } from "../cftype.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";

/** USER_HZ: cpuacct.stat counts clock ticks of 10ms (nsec_to_clock_t()). */
const NSEC_PER_CLOCK_T = 10_000_000;

export class CpuacctCss extends CgroupSubsysState {
	/** ca->cpuusage: every charge, per CPU. */
	usage!: Float64Array;
	/** ca->cpustat: user (CPUTIME_USER + NICE) and system (SYSTEM + IRQ + SOFTIRQ) time, per CPU. */
	user!: Float64Array;
	sys!: Float64Array;
}

type Field = "usage" | "user" | "sys";

function sum(a: Float64Array): number {
	let s = 0;
	for (const v of a) s += v;
	return s;
}

/** "%llu " per CPU, then a newline (__cpuacct_percpu_seq_show()). */
function percpu(a: Float64Array): string {
	let out = "";
	for (const v of a) out += `${v} `;
	return `${out}\n`;
}

export const CPUACCT_SUBSYS: SubsystemDef<CpuacctCss> = {
	name: "cpuacct",
	legacyName: "cpuacct",
	v1Only: true,
	create: (kernel: Kernel) => {
		const nrCpus = kernel.machine.nrCpuIds;
		let ssid = -1;
		kernel.sched.chargers.push((task, cpu, ns, user) => {
			if (ssid < 0) return;
			for (
				let ca = task.cgroups?.subsys[ssid] as CpuacctCss | null;
				ca;
				ca = ca.parent as CpuacctCss | null
			) {
				ca.usage[cpu]! += ns;
				(user ? ca.user : ca.sys)[cpu]! += ns;
			}
		});
		const read =
			(field: Field): CfType<CpuacctCss>["readU64"] =>
			(css) => {
				kernel.sched.sync();
				return sum(css[field]);
			};
		/** A seq_show that first charges the CPU time run so far. */
		const show =
			(fn: (css: CpuacctCss) => string): CfType<CpuacctCss>["seqShow"] =>
			(of) => {
				kernel.sched.sync();
				return fn(of.css);
			};
		const files: CfType<CpuacctCss>[] = [
			{
				name: "usage",
				readU64: read("usage"),
				// cpuusage_write(): only 0 is accepted, and resets this cgroup's counters.
				writeU64: (css, v) => {
					if (v !== 0n) throw new KernelError("EINVAL");
					kernel.sched.sync();
					css.usage.fill(0);
					css.user.fill(0);
					css.sys.fill(0);
				},
			},
			{ name: "usage_user", readU64: read("user") },
			{ name: "usage_sys", readU64: read("sys") },
			{ name: "usage_percpu", seqShow: show((css) => percpu(css.usage)) },
			{ name: "usage_percpu_user", seqShow: show((css) => percpu(css.user)) },
			{ name: "usage_percpu_sys", seqShow: show((css) => percpu(css.sys)) },
			{
				name: "usage_all",
				seqShow: show((css) => {
					let out = "cpu user system\n";
					for (let c = 0; c < nrCpus; c++) out += `${c} ${css.user[c]} ${css.sys[c]}\n`;
					return out;
				}),
			},
			{
				name: "stat",
				seqShow: show(
					(css) =>
						`user ${Math.floor(sum(css.user) / NSEC_PER_CLOCK_T)}\n` +
						`system ${Math.floor(sum(css.sys) / NSEC_PER_CLOCK_T)}\n`,
				),
			},
		];
		return {
			legacyCftypes: files,
			cssAlloc: (parent: CpuacctCss | null, cgroup: Cgroup, ss: Subsystem<CpuacctCss>) => {
				ssid = ss.id;
				const css = new CpuacctCss(cgroup, ss, parent);
				css.usage = new Float64Array(nrCpus);
				css.user = new Float64Array(nrCpus);
				css.sys = new Float64Array(nrCpus);
				return css;
			},
		};
	},
};
