/**
 * Charge moving at attach (memory.move_charge_at_immigrate, the kernels
 * before 6.13): when a process's thread-group leader moves into a memcg
 * whose knob has bit 0 set, its anonymous pages and swap entries charged
 * to the old memcg move with it. The move is a transaction over the
 * migration: can_attach() counts the pages and precharges the destination
 * (mem_cgroup_precharge_mc(); ENOMEM vetoes the migration), attach() moves
 * each page's charge, statistics and LRU place and uncharges the source
 * (mem_cgroup_move_charge()), and cancel_attach() gives the precharge back
 * when another controller vetoed.
 */
import { KernelError } from "../../errno.ts";
import type { Kernel } from "../../kernel.ts";
import {
	MEMCG_SWAP,
	type MemCgroup,
	NR_ANON_MAPPED,
	PGPGIN,
	PGPGOUT,
} from "../../mm/memcontrol.ts";
import { FAULT_OK } from "../../mm/memory.ts";
import type { MmStruct } from "../../mm/mm-struct.ts";
import { PG_LRU } from "../../mm/page.ts";
import type { Task } from "../../task.ts";
import type { CgroupTaskset, SubsystemOps } from "../subsys.ts";

/** MOVE_ANON: anonymous pages and their swap entries. */
const MOVE_ANON = 1;

/** struct move_charge_struct: the one migration in flight. */
interface MoveCharge {
	readonly from: MemCgroup;
	readonly to: MemCgroup;
	readonly mm: MmStruct;
	precharge: number;
}

export function moveChargeOps(
	kernel: Kernel,
): Pick<SubsystemOps<MemCgroup>, "canAttach" | "cancelAttach" | "attach"> {
	const mm = kernel.mm;
	let mc: MoveCharge | null = null;

	/** The anonymous pages and swap entries of `vm` charged to `from` (mem_cgroup_count_precharge()). */
	const countPrecharge = (vm: MmStruct, from: MemCgroup): number => {
		let n = 0;
		for (const r of vm.regions) {
			for (let i = 0; i < r.nrPages; i++) {
				const pte = r.ptes[i]!;
				if (pte > 0 && mm.map.memcg[pte - 1] === from.memcgId) n++;
				else if (pte < 0 && mm.swap.memcg[-pte - 1] === from.memcgId) n++;
			}
		}
		return n;
	};

	const clear = (): void => {
		if (mc !== null && mc.precharge > 0) mm.cancelCharge(mc.to, mc.precharge);
		mc = null;
	};

	return {
		/** mem_cgroup_can_attach(): only a leader that owns its mm takes its charges along. */
		canAttach: (tset: CgroupTaskset) => {
			// memcg1_can_attach(): nothing moves on cgroup2.
			if (!mm.moveCharge || mm.onDfl) return;
			let leader: Task | null = null;
			let to: MemCgroup | null = null;
			for (const [task, css] of tset) {
				if (task.groupLeader === task) {
					leader = task;
					to = css as MemCgroup;
					break;
				}
			}
			if (leader === null || to === null || !(to.moveChargeAtImmigrate & MOVE_ANON)) return;
			const from = tset.oldCss(leader) as MemCgroup | null;
			const vm = leader.mm;
			if (from === null || from === to || vm === null || vm.owner !== leader) return;
			const count = countPrecharge(vm, from);
			mc = { from, to, mm: vm, precharge: 0 };
			// mem_cgroup_do_precharge(): no OOM kill for this; failure vetoes the move.
			if (count > 0) {
				if (mm.tryCharge(to, count, { task: null, noOom: true }) !== FAULT_OK) {
					mc = null;
					throw new KernelError("ENOMEM");
				}
				mc.precharge = count;
			}
		},
		cancelAttach: () => clear(),
		/** mem_cgroup_move_task() -> mem_cgroup_move_charge(). */
		attach: () => {
			const m = mc;
			if (m === null) return;
			let movedPages = 0;
			let movedSwap = 0;
			for (const r of m.mm.regions) {
				for (let i = 0; i < r.nrPages && m.precharge > 0; i++) {
					const pte = r.ptes[i]!;
					if (pte > 0 && mm.map.memcg[pte - 1] === m.from.memcgId) {
						// mem_cgroup_move_account(): statistics and the LRU follow the page.
						const pfn = pte - 1;
						const onLru = (mm.map.flags[pfn]! & PG_LRU) !== 0;
						if (onLru) mm.lruDel(pfn);
						mm.map.memcg[pfn] = m.to.memcgId;
						if (onLru) mm.lruAdd(pfn);
						m.from.stat[NR_ANON_MAPPED]!--;
						m.to.stat[NR_ANON_MAPPED]!++;
						// memcg1_charge_statistics() of both sides.
						m.from.events[PGPGOUT]!++;
						m.to.events[PGPGIN]!++;
						movedPages++;
						m.precharge--;
					} else if (pte < 0 && mm.swap.memcg[-pte - 1] === m.from.memcgId) {
						// mem_cgroup_move_swap_account(): the entry's memsw charge moves.
						mm.swap.memcg[-pte - 1] = m.to.memcgId;
						m.from.stat[MEMCG_SWAP]!--;
						m.to.stat[MEMCG_SWAP]!++;
						m.from.nrSwapEntries--;
						m.to.nrSwapEntries++;
						// The precharge covered memory and memsw; the entry holds memsw only.
						if (!m.to.isRoot) m.to.memory.uncharge(1);
						movedSwap++;
						m.precharge--;
					}
				}
			}
			// mem_cgroup_clear_mc(): the source gives up what moved (swap entries held memsw only).
			if (movedPages > 0) mm.cancelCharge(m.from, movedPages);
			if (movedSwap > 0 && !m.from.isRoot && mm.doMemswAccount) m.from.memsw.uncharge(movedSwap);
			clear();
		},
	};
}
