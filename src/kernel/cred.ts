/**
 * Task credentials (include/linux/cred.h) and capabilities
 * (include/uapi/linux/capability.h). A Cred is immutable and shared, like the
 * kernel's: changing identity means building a new one (prepare_creds +
 * commit_creds), and an open file keeps the Cred it was opened with (f_cred).
 */

export const CAP_CHOWN = 0;
export const CAP_DAC_OVERRIDE = 1;
export const CAP_DAC_READ_SEARCH = 2;
export const CAP_FOWNER = 3;
export const CAP_FSETID = 4;
export const CAP_KILL = 5;
export const CAP_SETGID = 6;
export const CAP_SETUID = 7;
export const CAP_SYS_ADMIN = 21;
export const CAP_SYS_NICE = 23;
export const CAP_SYS_RESOURCE = 24;
export const CAP_MKNOD = 27;
export const CAP_LAST_CAP = 40;

export const CAP_FULL_SET = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;
const CAP_BIT: readonly bigint[] = Array.from(
	{ length: CAP_LAST_CAP + 1 },
	(_, i) => 1n << BigInt(i),
);

export interface CredIds {
	uid: number;
	euid: number;
	suid: number;
	fsuid: number;
	gid: number;
	egid: number;
	sgid: number;
	fsgid: number;
	groups: readonly number[];
}

export class Cred implements CredIds {
	readonly uid: number;
	readonly euid: number;
	readonly suid: number;
	readonly fsuid: number;
	readonly gid: number;
	readonly egid: number;
	readonly sgid: number;
	readonly fsgid: number;
	/** Supplementary groups, sorted ascending as groups_sort() leaves them. */
	readonly groups: readonly number[];
	readonly capInheritable: bigint;
	readonly capPermitted: bigint;
	readonly capEffective: bigint;
	readonly capBounding: bigint;
	readonly capAmbient: bigint;

	constructor(
		ids: CredIds,
		caps: {
			inheritable: bigint;
			permitted: bigint;
			effective: bigint;
			bounding: bigint;
			ambient: bigint;
		},
	) {
		this.uid = ids.uid;
		this.euid = ids.euid;
		this.suid = ids.suid;
		this.fsuid = ids.fsuid;
		this.gid = ids.gid;
		this.egid = ids.egid;
		this.sgid = ids.sgid;
		this.fsgid = ids.fsgid;
		this.groups = [...ids.groups].sort((a, b) => a - b);
		this.capInheritable = caps.inheritable;
		this.capPermitted = caps.permitted;
		this.capEffective = caps.effective;
		this.capBounding = caps.bounding;
		this.capAmbient = caps.ambient;
	}

	/** init_cred: everything 0, the full capability set. */
	static root(): Cred {
		return ROOT_CRED;
	}

	/** capable(): is the capability in the effective set? */
	capable(cap: number): boolean {
		return (this.capEffective & CAP_BIT[cap]!) !== 0n;
	}

	/** in_group_p(): fsgid or a supplementary group. */
	inGroup(gid: number): boolean {
		return gid === this.fsgid || this.groups.includes(gid);
	}

	/**
	 * The identity change of setresuid(2) with the capability rules of
	 * cap_emulate_setxuid() and cap_task_fix_setuid(); -1 leaves an id as is.
	 * The fsuid follows the euid. Permission checks are the caller's.
	 */
	withUids(ruid: number, euid: number, suid: number): Cred {
		const uid = ruid === -1 ? this.uid : ruid;
		const e = euid === -1 ? this.euid : euid;
		const s = suid === -1 ? this.suid : suid;
		let permitted = this.capPermitted;
		let effective = this.capEffective;
		let ambient = this.capAmbient;
		const wasRoot = this.uid === 0 || this.euid === 0 || this.suid === 0;
		const isRoot = uid === 0 || e === 0 || s === 0;
		if (wasRoot && !isRoot) {
			permitted = 0n;
			effective = 0n;
			ambient = 0n;
		}
		if (this.euid === 0 && e !== 0) effective = 0n;
		if (this.euid !== 0 && e === 0) effective = permitted;
		return new Cred(
			{ ...this.ids(), uid, euid: e, suid: s, fsuid: e },
			{
				inheritable: this.capInheritable,
				permitted,
				effective,
				bounding: this.capBounding,
				ambient,
			},
		);
	}

	/** setresgid(2); the fsgid follows the egid. */
	withGids(rgid: number, egid: number, sgid: number): Cred {
		const gid = rgid === -1 ? this.gid : rgid;
		const e = egid === -1 ? this.egid : egid;
		const s = sgid === -1 ? this.sgid : sgid;
		return new Cred({ ...this.ids(), gid, egid: e, sgid: s, fsgid: e }, this.caps());
	}

	/** setgroups(2). */
	withGroups(groups: readonly number[]): Cred {
		return new Cred({ ...this.ids(), groups }, this.caps());
	}

	/** A copy with the given capability sets replaced (capset(2), setpriv). */
	withCaps(caps: Partial<ReturnType<Cred["caps"]>>): Cred {
		return new Cred(this.ids(), { ...this.caps(), ...caps });
	}

	ids(): CredIds {
		return {
			uid: this.uid,
			euid: this.euid,
			suid: this.suid,
			fsuid: this.fsuid,
			gid: this.gid,
			egid: this.egid,
			sgid: this.sgid,
			fsgid: this.fsgid,
			groups: this.groups,
		};
	}

	caps(): {
		inheritable: bigint;
		permitted: bigint;
		effective: bigint;
		bounding: bigint;
		ambient: bigint;
	} {
		return {
			inheritable: this.capInheritable,
			permitted: this.capPermitted,
			effective: this.capEffective,
			bounding: this.capBounding,
			ambient: this.capAmbient,
		};
	}
}

const ROOT_CRED = new Cred(
	{ uid: 0, euid: 0, suid: 0, fsuid: 0, gid: 0, egid: 0, sgid: 0, fsgid: 0, groups: [] },
	{
		inheritable: 0n,
		permitted: CAP_FULL_SET,
		effective: CAP_FULL_SET,
		bounding: CAP_FULL_SET,
		ambient: 0n,
	},
);
