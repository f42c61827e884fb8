/**
 * cgroup2 cpuset partitions (kernel/cgroup/cpuset.c): cpuset.cpus.partition
 * and cpuset.cpus.exclusive.
 *
 * A partition root owns its exclusive CPUs: they leave the parent's
 * effective CPUs (and, for partitions of the top cpuset, the CPUs its own
 * tasks may use: subpartitions_cpus). A local partition's parent is itself a
 * valid partition root; a remote one takes CPUs straight from the top cpuset
 * and needs cpuset.cpus.exclusive passed down through its ancestors. An
 * "isolated" partition's CPUs are listed in the root's cpuset.cpus.isolated
 * and left out of the scheduler domains.
 *
 * A partition whose conditions fail (CPUs not exclusive among siblings,
 * parent not a partition, no CPU left for the parent's tasks or its own, ...)
 * does not refuse the write: it becomes invalid ("root invalid (reason)"),
 * gives its CPUs back, and becomes valid again on its own when a later change
 * (to it, a sibling, the parent, or CPU hotplug) satisfies them again.
 *
 * The operations share scratch masks (TmpMasks) through nested calls the way
 * the kernel's struct tmpmasks is shared, so the results follow the kernel's
 * step by step. Not modelled: boot-time isolcpus (housekeeping conflicts never
 * happen), SCHED_DEADLINE bandwidth, the unbound-workqueue mask.
 */
import { bitmapParselist } from "../../cpulist.ts";
import type { Cpumask } from "../../cpumask.ts";
import { CAP_SYS_ADMIN } from "../../cred.ts";
import { isKernelError, KernelError } from "../../errno.ts";
import type { CpusetController } from "./cpuset-core.ts";
import {
	type Cpuset,
	type CpusetMasks,
	CS_CPU_EXCLUSIVE,
	CS_SCHED_LOAD_BALANCE,
	cpusetsAreExclusive,
	dupCpuset,
	isPartitionInvalid,
	isPartitionValid,
	isPrsInvalid,
	makePartitionInvalid,
	PERR_ACCESS,
	PERR_CPUSEMPTY,
	PERR_INVCPUS,
	PERR_INVPARENT,
	PERR_NOCPUS,
	PERR_NONE,
	PERR_NOTEXCL,
	PERR_NOTPART,
	PERR_REMOTE,
	PRS_ISOLATED,
	PRS_MEMBER,
	PRS_ROOT,
	TmpMasks,
	userXcpus,
	xcpusEmpty,
} from "./cpuset-struct.ts";

/** enum partition_cmd: what update_parent_effective_cpumask() is asked to do. */
export enum PartCmd {
	Enable,
	EnableIsolated,
	Disable,
	Update,
	Invalidate,
}

export class CpusetPartitions {
	private readonly ctl: CpusetController;
	/** subpartitions_cpus: exclusive CPUs granted to partitions of the top cpuset. */
	readonly subpartitionsCpus: Cpumask;
	/** isolated_cpus: the CPUs of isolated partitions (cpuset.cpus.isolated). */
	readonly isolatedCpus: Cpumask;

	constructor(ctl: CpusetController) {
		this.ctl = ctl;
		this.subpartitionsCpus = ctl.kernel.machine.cpumask();
		this.isolatedCpus = ctl.kernel.machine.cpumask();
	}

	private get top(): Cpuset {
		return this.ctl.top!;
	}

	private get active(): Cpumask {
		return this.ctl.kernel.machine.online;
	}

	/** cpuset_cpu_is_isolated(). */
	cpuIsIsolated(cpu: number): boolean {
		return this.isolatedCpus.test(cpu);
	}

	/** notify_partition_change(): pollers of cpuset.cpus.partition; a valid state clears the error. */
	notifyPartitionChange(cs: Cpuset, oldPrs: number): void {
		if (oldPrs === cs.partitionRootState) return;
		this.ctl.kernel.cgroup.fileNotify(cs.cgroup, "cpuset.cpus.partition");
		if (isPartitionValid(cs)) cs.prsErr = PERR_NONE;
	}

	/**
	 * partition_is_populated(): tasks in the partition, not counting those in
	 * valid child partitions (nor in `excluded`, about to become one).
	 */
	partitionIsPopulated(cs: Cpuset, excluded: Cpuset | null): boolean {
		if (cs.cgroup.nrPopulatedCsets > 0) return true;
		if (excluded === null && cs.nrSubparts === 0) return cs.cgroup.isPopulated();
		let found = false;
		this.ctl.walkPre(cs, (cp) => {
			if (found) return false;
			if (cp === cs || cp === excluded) return true;
			if (isPartitionValid(cp)) return false;
			if (cp.cgroup.isPopulated()) found = true;
			return !found;
		});
		return found;
	}

	/** tasks_nocpu_error(): the parent's or the partition's tasks would be left without CPUs. */
	tasksNocpuError(parent: Cpuset, cs: Cpuset, xcpus: Cpumask): boolean {
		return (
			(parent.effectiveCpus.isSubsetOf(xcpus) && this.partitionIsPopulated(parent, cs)) ||
			(!xcpus.intersects(this.active) && this.partitionIsPopulated(cs, null))
		);
	}

	/**
	 * compute_effective_exclusive_cpumask(): the exclusive CPUs `cs` (or its
	 * `trial` masks) would get from its parent, less what siblings hold; and
	 * how many siblings conflicted. Siblings are only looked at for a trial or
	 * when cpuset.cpus.exclusive is not set.
	 */
	computeEffectiveXcpus(
		cs: Cpuset,
		trial: CpusetMasks | null,
	): { xcpus: Cpumask; conflicts: number } {
		const parent = cs.parent!;
		let xcpus = userXcpus(trial ?? cs).and(parent.effectiveXcpus);
		let conflicts = 0;
		if (trial === null && !cs.exclusiveCpus.isEmpty()) return { xcpus, conflicts };
		for (const sibling of this.ctl.children(parent)) {
			if (sibling === cs) continue;
			if (!sibling.exclusiveCpus.isEmpty() && xcpus.intersects(sibling.exclusiveCpus)) {
				xcpus = xcpus.andNot(sibling.exclusiveCpus);
				conflicts++;
				continue;
			}
			if (!sibling.effectiveXcpus.isEmpty() && xcpus.intersects(sibling.effectiveXcpus)) {
				xcpus = xcpus.andNot(sibling.effectiveXcpus);
				conflicts++;
			}
		}
		return { xcpus, conflicts };
	}

	/** update_partition_exclusive(): CS_CPU_EXCLUSIVE follows validity; PERR_NOTEXCL if siblings overlap. */
	updatePartitionExclusive(cs: Cpuset, newPrs: number): number {
		const exclusive = newPrs > PRS_MEMBER;
		if (exclusive && !cs.has(CS_CPU_EXCLUSIVE)) {
			try {
				this.ctl.updateFlag(CS_CPU_EXCLUSIVE, cs, true);
			} catch (e) {
				if (isKernelError(e)) return PERR_NOTEXCL;
				throw e;
			}
		} else if (!exclusive && cs.has(CS_CPU_EXCLUSIVE)) {
			try {
				this.ctl.updateFlag(CS_CPU_EXCLUSIVE, cs, false);
			} catch (e) {
				if (!isKernelError(e)) throw e;
			}
		}
		return PERR_NONE;
	}

	/**
	 * update_partition_sd_lb(): a valid partition balances load unless
	 * isolated; anything else follows its parent. (Sched domains are computed
	 * when asked for: see cpuset-sched-domains.ts.)
	 */
	updatePartitionSdLb(cs: Cpuset): void {
		const prs = cs.partitionRootState;
		const lb = prs > 0 ? prs !== PRS_ISOLATED : cs.parent!.has(CS_SCHED_LOAD_BALANCE);
		if (lb) cs.csFlags |= CS_SCHED_LOAD_BALANCE;
		else cs.csFlags &= ~CS_SCHED_LOAD_BALANCE;
	}

	/** reset_partition_data(): what a cpuset that stopped being a valid partition keeps. */
	resetPartitionData(cs: Cpuset): void {
		if (!this.ctl.cpusetV2()) return;
		const parent = cs.parent!;
		cs.nrSubparts = 0;
		if (cs.exclusiveCpus.isEmpty()) {
			cs.effectiveXcpus.clearAll();
			cs.csFlags &= ~CS_CPU_EXCLUSIVE;
		}
		const eff = parent.effectiveCpus.and(cs.cpusAllowed);
		cs.effectiveCpus = eff.isEmpty() ? parent.effectiveCpus.copy() : eff;
	}

	/** partition_xcpus_newstate(): CPUs entering an isolated partition or leaving one. */
	private xcpusNewstate(newPrs: number, xcpus: Cpumask): void {
		const isolated = this.isolatedCpus;
		isolated.assign(newPrs === PRS_ISOLATED ? isolated.or(xcpus) : isolated.andNot(xcpus));
	}

	/** partition_xcpus_add(): `xcpus` leave the parent (the top cpuset for a remote partition). */
	private xcpusAdd(newPrs: number, parent: Cpuset | null, xcpus: Cpumask): void {
		const p = parent ?? this.top;
		if (p === this.top) this.subpartitionsCpus.assign(this.subpartitionsCpus.or(xcpus));
		if (newPrs !== p.partitionRootState) this.xcpusNewstate(newPrs, xcpus);
		p.effectiveCpus = p.effectiveCpus.andNot(xcpus);
	}

	/** partition_xcpus_del(): `xcpus` (trimmed in place to the active ones) go back to the parent. */
	private xcpusDel(oldPrs: number, parent: Cpuset | null, xcpus: Cpumask): void {
		const p = parent ?? this.top;
		if (p === this.top) this.subpartitionsCpus.assign(this.subpartitionsCpus.andNot(xcpus));
		if (oldPrs !== p.partitionRootState) this.xcpusNewstate(p.partitionRootState, xcpus);
		xcpus.assign(xcpus.and(this.active));
		p.effectiveCpus = p.effectiveCpus.or(xcpus);
	}

	/** capable(CAP_SYS_ADMIN) of the task writing (kernel context when none). */
	private capableSysAdmin(): boolean {
		return this.ctl.writerCred?.capable(CAP_SYS_ADMIN) ?? true;
	}

	// ------------------------------------------------------------ remote

	/** remote_partition_enable(): take the exclusive CPUs straight from the top cpuset. */
	private remotePartitionEnable(cs: Cpuset, newPrs: number, tmp: TmpMasks): number {
		if (!this.capableSysAdmin()) return PERR_ACCESS;
		tmp.newCpus.assign(this.computeEffectiveXcpus(cs, null).xcpus);
		if (
			tmp.newCpus.isEmpty() ||
			tmp.newCpus.intersects(this.subpartitionsCpus) ||
			this.top.effectiveCpus.isSubsetOf(tmp.newCpus)
		) {
			return PERR_INVCPUS;
		}
		this.xcpusAdd(newPrs, null, tmp.newCpus);
		cs.remote = true;
		cs.effectiveXcpus = tmp.newCpus.copy();
		cs.prsErr = PERR_NONE;
		this.ctl.updateTasksCpumask(this.top, tmp.newCpus);
		this.ctl.updateSiblingCpumasks(this.top, null, tmp);
		return PERR_NONE;
	}

	/** remote_partition_disable(): the CPUs go back to the top cpuset. */
	remotePartitionDisable(cs: Cpuset, tmp: TmpMasks): void {
		cs.remote = false;
		this.xcpusDel(cs.partitionRootState, null, cs.effectiveXcpus);
		cs.partitionRootState = cs.prsErr !== PERR_NONE ? -cs.partitionRootState : PRS_MEMBER;
		cs.effectiveXcpus = this.computeEffectiveXcpus(cs, null).xcpus;
		this.resetPartitionData(cs);
		this.ctl.updateTasksCpumask(this.top, tmp.newCpus);
		this.ctl.updateSiblingCpumasks(this.top, null, tmp);
	}

	/** remote_cpus_update(): a remote partition's exclusive CPUs change (or it is invalidated). */
	remoteCpusUpdate(cs: Cpuset, xcpus: Cpumask | null, excpus: Cpumask, tmp: TmpMasks): void {
		if (!cs.remote) return;
		const prs = cs.partitionRootState;
		let adding = false;
		let deleting = false;
		if (excpus.isEmpty()) {
			cs.prsErr = PERR_CPUSEMPTY;
		} else {
			tmp.addmask.assign(excpus.andNot(cs.effectiveXcpus));
			adding = !tmp.addmask.isEmpty();
			tmp.delmask.assign(cs.effectiveXcpus.andNot(excpus));
			deleting = !tmp.delmask.isEmpty();
			if (adding) {
				if (!this.capableSysAdmin()) cs.prsErr = PERR_ACCESS;
				else if (
					tmp.addmask.intersects(this.subpartitionsCpus) ||
					this.top.effectiveCpus.isSubsetOf(tmp.addmask)
				) {
					cs.prsErr = PERR_NOCPUS;
				}
			}
		}
		if (excpus.isEmpty() || (adding && cs.prsErr !== PERR_NONE)) {
			this.remotePartitionDisable(cs, tmp);
			return;
		}
		if (adding) this.xcpusAdd(prs, null, tmp.addmask);
		if (deleting) this.xcpusDel(prs, null, tmp.delmask);
		cs.effectiveXcpus = excpus.copy();
		if (xcpus !== null) cs.exclusiveCpus = xcpus.copy();
		this.ctl.updateTasksCpumask(this.top, tmp.newCpus);
		this.ctl.updateSiblingCpumasks(this.top, null, tmp);
	}

	// ------------------------------------------------------------ local

	/**
	 * update_parent_effective_cpumask(): move CPUs between a local partition
	 * and its parent's effective CPUs for `cmd`; Update (with the partition's
	 * new exclusive CPUs, or none for a re-check) may also turn a valid
	 * partition invalid or back. Returns a PERR_ code for Enable*, which the
	 * caller turns into the invalid state.
	 */
	updateParentEffectiveCpumask(
		cs: Cpuset,
		cmd: PartCmd,
		newmask: Cpumask | null,
		tmp: TmpMasks,
	): number {
		const parent = cs.parent!;
		let adding = false;
		let deleting = false;
		const oldPrs = cs.partitionRootState;
		let newPrs = oldPrs;
		let partError = PERR_NONE;
		let subpartsDelta = 0;
		let xcpus = userXcpus(cs);

		if (cmd === PartCmd.Invalidate) {
			if (isPrsInvalid(oldPrs)) return PERR_NONE;
			if (isPartitionValid(parent)) {
				tmp.addmask.assign(xcpus.and(parent.effectiveXcpus));
				adding = !tmp.addmask.isEmpty();
			}
			if (oldPrs > 0) {
				newPrs = -oldPrs;
				subpartsDelta--;
			}
		} else {
			if (!isPartitionValid(parent)) {
				return isPartitionInvalid(parent) ? PERR_INVPARENT : PERR_NOTPART;
			}
			if (newmask === null && xcpusEmpty(cs)) return PERR_CPUSEMPTY;
			let nocpu = this.tasksNocpuError(parent, cs, xcpus);
			if (cmd === PartCmd.Enable || cmd === PartCmd.EnableIsolated) {
				xcpus = tmp.newCpus;
				xcpus.assign(this.computeEffectiveXcpus(cs, null).xcpus);
				if (xcpus.isEmpty()) return PERR_INVCPUS;
				if (this.tasksNocpuError(parent, cs, xcpus)) return PERR_NOCPUS;
				tmp.delmask.assign(xcpus.and(parent.effectiveXcpus));
				deleting = !tmp.delmask.isEmpty();
				if (deleting) subpartsDelta++;
				newPrs = cmd === PartCmd.Enable ? PRS_ROOT : PRS_ISOLATED;
			} else if (cmd === PartCmd.Disable) {
				if (isPartitionValid(cs)) {
					tmp.addmask.assign(cs.effectiveXcpus);
					adding = true;
					subpartsDelta--;
				}
				newPrs = PRS_MEMBER;
			} else if (newmask !== null) {
				if (newmask.isEmpty()) {
					partError = PERR_CPUSEMPTY;
				} else {
					nocpu ||= this.tasksNocpuError(parent, cs, newmask);
					if (isPrsInvalid(oldPrs)) {
						adding = false;
						tmp.delmask.assign(newmask.and(parent.effectiveXcpus));
						deleting = !tmp.delmask.isEmpty();
					} else {
						tmp.addmask.assign(xcpus.andNot(newmask).and(parent.effectiveXcpus));
						adding = !tmp.addmask.isEmpty();
						tmp.delmask.assign(newmask.andNot(xcpus).and(parent.effectiveXcpus));
						deleting = !tmp.delmask.isEmpty();
					}
					// The parent's tasks would be left without CPUs: invalid instead.
					if (nocpu && (!adding || !tmp.addmask.intersects(this.active))) {
						partError = PERR_NOCPUS;
						deleting = false;
						tmp.addmask.assign(xcpus.and(parent.effectiveXcpus));
						adding = !tmp.addmask.isEmpty();
					}
				}
			} else if (nocpu) {
				partError = PERR_NOCPUS;
				if (isPartitionValid(cs)) {
					tmp.addmask.assign(xcpus.and(parent.effectiveXcpus));
					adding = !tmp.addmask.isEmpty();
				}
			} else if (
				isPartitionInvalid(cs) &&
				!xcpus.isEmpty() &&
				xcpus.isSubsetOf(parent.effectiveXcpus)
			) {
				// Back to valid only when exclusive among the siblings.
				let exclusive = true;
				for (const child of this.ctl.children(parent)) {
					if (child !== cs && !cpusetsAreExclusive(cs, child)) {
						exclusive = false;
						break;
					}
				}
				if (exclusive) {
					tmp.delmask.assign(xcpus.and(parent.effectiveCpus));
					deleting = !tmp.delmask.isEmpty();
				} else {
					partError = PERR_NOTEXCL;
				}
			}
		}

		if (partError !== PERR_NONE) cs.prsErr = partError;
		if (cmd === PartCmd.Update) {
			const prs = cs.partitionRootState;
			if (prs > 0 && partError !== PERR_NONE) {
				newPrs = -oldPrs;
				subpartsDelta--;
			} else if (prs < 0 && partError === PERR_NONE) {
				newPrs = -oldPrs;
				subpartsDelta++;
			}
		}
		if (!adding && !deleting && newPrs === oldPrs) return PERR_NONE;

		// An update's CS_CPU_EXCLUSIVE change waits until the masks are in place.
		if (oldPrs !== newPrs && cmd !== PartCmd.Update) {
			const err = this.updatePartitionExclusive(cs, newPrs);
			if (err !== PERR_NONE) return err;
		}
		if (oldPrs !== newPrs) {
			cs.partitionRootState = newPrs;
			if (newPrs <= 0) cs.nrSubparts = 0;
		}
		if (adding) this.xcpusDel(oldPrs, parent, tmp.addmask);
		if (deleting) this.xcpusAdd(newPrs, parent, tmp.delmask);
		if (isPartitionValid(parent)) parent.nrSubparts += subpartsDelta;
		if (oldPrs !== newPrs && cmd === PartCmd.Update) this.updatePartitionExclusive(cs, newPrs);
		if (adding || deleting) {
			this.ctl.updateTasksCpumask(parent, tmp.addmask);
			this.ctl.updateSiblingCpumasks(parent, cs, tmp);
		}
		if (cmd === PartCmd.Update && newmask === null) this.updatePartitionSdLb(cs);
		this.notifyPartitionChange(cs, oldPrs);
		return PERR_NONE;
	}

	/**
	 * compute_partition_effective_cpumask(): a partition root's effective
	 * CPUs, its exclusive ones less those of its valid child partitions; a
	 * child that no longer fits (not within the parent's exclusive CPUs, or
	 * taking the last CPU the parent's tasks have) is invalidated here.
	 */
	computePartitionEffectiveCpumask(cs: Cpuset, newEcpus: Cpumask): void {
		const populated = this.partitionIsPopulated(cs, null);
		newEcpus.assign(this.computeEffectiveXcpus(cs, null).xcpus.and(this.active));
		for (const child of this.ctl.children(cs)) {
			if (!isPartitionValid(child)) continue;
			child.prsErr = PERR_NONE;
			if (!child.effectiveXcpus.isSubsetOf(cs.effectiveXcpus)) child.prsErr = PERR_INVCPUS;
			else if (populated && newEcpus.isSubsetOf(child.effectiveXcpus)) child.prsErr = PERR_NOCPUS;
			if (child.prsErr !== PERR_NONE) {
				const old = child.partitionRootState;
				makePartitionInvalid(child);
				cs.nrSubparts--;
				child.nrSubparts = 0;
				this.notifyPartitionChange(child, old);
				continue;
			}
			newEcpus.assign(newEcpus.andNot(child.effectiveXcpus));
		}
	}

	// ------------------------------------------------------------ writes

	/** update_exclusive_cpumask(): a write of cpuset.cpus.exclusive (already stripped). */
	updateExclusiveCpumask(cs: Cpuset, buf: string): void {
		const ctl = this.ctl;
		const parent = cs.parent!;
		const oldPrs = cs.partitionRootState;
		const trial = dupCpuset(cs);
		if (buf === "") {
			trial.exclusiveCpus.clearAll();
			trial.effectiveXcpus.clearAll();
		} else {
			trial.exclusiveCpus = bitmapParselist(buf, ctl.kernel.machine.nrCpuIds);
		}
		if (cs.exclusiveCpus.equals(trial.exclusiveCpus)) return;
		if (buf !== "") {
			const r = this.computeEffectiveXcpus(cs, trial);
			trial.effectiveXcpus = r.xcpus;
			if (r.conflicts > 0) throw new KernelError("EINVAL");
		}
		const force = !cs.effectiveXcpus.equals(trial.effectiveXcpus);
		ctl.validateChange(cs, trial);

		const tmp = new TmpMasks(ctl.kernel.machine.cpumask());
		if (oldPrs !== PRS_MEMBER) {
			let invalidate = false;
			if (trial.effectiveXcpus.isEmpty()) {
				invalidate = true;
				cs.prsErr = PERR_INVCPUS;
			} else if (this.tasksNocpuError(parent, cs, trial.effectiveXcpus)) {
				invalidate = true;
				cs.prsErr = PERR_NOCPUS;
			}
			if (cs.remote) {
				if (invalidate) this.remotePartitionDisable(cs, tmp);
				else this.remoteCpusUpdate(cs, trial.exclusiveCpus, trial.effectiveXcpus, tmp);
			} else if (invalidate) {
				this.updateParentEffectiveCpumask(cs, PartCmd.Invalidate, null, tmp);
			} else {
				this.updateParentEffectiveCpumask(cs, PartCmd.Update, trial.effectiveXcpus, tmp);
			}
		}
		cs.exclusiveCpus = trial.exclusiveCpus.copy();
		cs.effectiveXcpus = trial.effectiveXcpus.copy();
		if (oldPrs > 0 && !isPartitionValid(cs)) this.resetPartitionData(cs);
		if (isPartitionValid(cs) || force) ctl.updateCpumasksHier(cs, tmp, force);
		if (cs.partitionRootState !== PRS_MEMBER) this.updatePartitionSdLb(cs);
	}

	/**
	 * update_prstate(): a write of cpuset.cpus.partition. Never refused: a
	 * partition that cannot be made becomes invalid with the reason.
	 */
	updatePrstate(cs: Cpuset, prs: number): void {
		let newPrs = prs;
		let oldPrs = cs.partitionRootState;
		const parent = cs.parent!;
		if (oldPrs === newPrs) return;
		// A previously invalid partition root counts as a member.
		if (newPrs !== PRS_MEMBER && isPrsInvalid(oldPrs)) oldPrs = PRS_MEMBER;
		const tmp = new TmpMasks(this.ctl.kernel.machine.cpumask());
		let newXcpusState = false;
		let err = this.updatePartitionExclusive(cs, newPrs);
		if (err === PERR_NONE) {
			if (oldPrs === PRS_MEMBER) {
				if (xcpusEmpty(cs)) {
					err = PERR_CPUSEMPTY;
				} else if (parent === this.top && cs.exclusiveCpus.intersects(this.subpartitionsCpus)) {
					// No new local partition with a remote one underneath.
					err = PERR_REMOTE;
				} else if (isPartitionValid(parent)) {
					const cmd = newPrs === PRS_ROOT ? PartCmd.Enable : PartCmd.EnableIsolated;
					err = this.updateParentEffectiveCpumask(cs, cmd, null, tmp);
				} else {
					err = this.remotePartitionEnable(cs, newPrs, tmp);
				}
			} else if (newPrs !== PRS_MEMBER) {
				// root <-> isolated: the CPUs stay, only their load balancing changes.
				newXcpusState = true;
			} else if (cs.remote) {
				this.remotePartitionDisable(cs, tmp);
			} else {
				// Back to member is always allowed; child partitions become invalid below.
				this.updateParentEffectiveCpumask(cs, PartCmd.Disable, null, tmp);
			}
		}
		if (err !== PERR_NONE) {
			newPrs = -newPrs;
			this.updatePartitionExclusive(cs, newPrs);
		}
		cs.partitionRootState = newPrs;
		cs.prsErr = err;
		if (!isPartitionValid(cs)) this.resetPartitionData(cs);
		else if (newXcpusState) this.xcpusNewstate(newPrs, cs.effectiveXcpus);
		this.ctl.updateCpumasksHier(cs, tmp, newPrs === PRS_MEMBER);
		this.updatePartitionSdLb(cs);
		this.notifyPartitionChange(cs, oldPrs);
	}
}
