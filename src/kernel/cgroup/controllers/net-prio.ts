/**
 * The net_prio controller (net/core/netprio_cgroup.c): per network
 * interface, the priority the cgroup's sockets' packets get. The cgroup is
 * known to the network stack by its css id (prioidx); each interface of the
 * initial network namespace keeps a priority per prioidx (its priomap),
 * which cgkit keeps per css. A new cgroup copies its parent's priorities.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import type { NetDevice } from "../../machine.ts";
import { scanUnsigned, scanWord } from "../../scan.ts";
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";

/** IFNAMSIZ: the longest interface name %16s reads. */
const IFNAMSIZ = 16;

/** A cgroup's net_prio state: the priority of each interface (by ifindex); absent means 0. */
export class NetprioState extends CgroupSubsysState {
	readonly priomap = new Map<number, number>();

	/** netprio_prio(). */
	prio(dev: NetDevice): number {
		return this.priomap.get(dev.ifindex) ?? 0;
	}

	/** netprio_set_prio(). */
	setPrio(dev: NetDevice, prio: number): void {
		if (prio === 0) this.priomap.delete(dev.ifindex);
		else this.priomap.set(dev.ifindex, prio);
	}
}

/** for_each_netdev(&init_net): the interfaces in list (registration) order. */
function netdevs(kernel: Kernel): readonly NetDevice[] {
	return kernel.machine.netDevices;
}

export const NET_PRIO_SUBSYS: SubsystemDef<NetprioState> = {
	name: "net_prio",
	legacyName: "net_prio",
	v1Only: true,
	create: (kernel) => ({
		/** cgrp_css_alloc(). */
		cssAlloc: (parent: NetprioState | null, cgroup: Cgroup, ss: Subsystem<NetprioState>) =>
			new NetprioState(cgroup, ss, parent),
		/** cgrp_css_online(): inherit every interface's priority from the parent. */
		cssOnline: (css) => {
			const parent = css.parent as NetprioState | null;
			if (parent === null) return;
			for (const dev of netdevs(kernel)) css.setPrio(dev, parent.prio(dev));
		},
		legacyCftypes: [
			{
				name: "prioidx",
				/** read_prioidx(): the css id. */
				readU64: (css) => css.id,
			},
			{
				name: "ifpriomap",
				/** read_priomap(). */
				seqShow: (of) => {
					let out = "";
					for (const dev of netdevs(kernel)) out += `${dev.name} ${of.css.prio(dev)}\n`;
					return out;
				},
				/** write_priomap(): sscanf("%16s %u"), then the interface by name. */
				write: (of, buf, nbytes) => {
					const name = scanWord(buf, 0, IFNAMSIZ);
					const prio = name === null ? null : scanUnsigned(buf, name.end, 32);
					if (name === null || prio === null) throw new KernelError("EINVAL");
					const dev = netdevs(kernel).find((d) => d.name === name.value);
					if (dev === undefined) throw new KernelError("ENODEV");
					of.css.setPrio(dev, Number(prio.value));
					return nbytes;
				},
			},
		],
	}),
};
