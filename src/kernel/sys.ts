/**
 * Process groups, sessions and identity (kernel/sys.c, kernel/groups.c):
 * setpgid(), getpgid(), getsid(), setsid(), setresuid(), setresgid() and
 * setgroups(). Each returns an errno name on failure; Kernel turns it into
 * a KernelError.
 */
import { PROC_EVENT_GID, PROC_EVENT_UID, procIdConnector, procSidConnector } from "./cn-proc.ts";
import { CAP_SETGID, CAP_SETUID, type Cred } from "./cred.ts";
import type { ErrnoName } from "./errno.ts";
import type { Kernel } from "./kernel.ts";
import { attachPgrp, attachPid, detachPid, type Pid, pgrpTask } from "./pid.ts";
import { PF_FORKNOEXEC, SUID_DUMPABLE, setDumpable, type Task } from "./task.ts";

/** NGROUPS_MAX. */
export const NGROUPS_MAX = 65536;
/** (uid_t)-1: "leave as is" in the set*id calls, and never a valid id. */
const ID_UNCHANGED = 0xffffffff;

/** change_pid(leader, PIDTYPE_PGID, pgrp). */
function changePgrp(leader: Task, pgrp: Pid): void {
	const signal = leader.signal;
	const old = signal.pgrp;
	old.pgrpTasks?.delete(leader);
	attachPgrp(leader, pgrp);
	signal.pgrp = pgrp;
	detachPid(old);
}

/** change_pid(leader, PIDTYPE_SID, session). */
function changeSession(leader: Task, session: Pid): void {
	const signal = leader.signal;
	const old = signal.session;
	attachPid(session);
	signal.session = session;
	detachPid(old);
}

/**
 * setpgid(): move process `pid` (0: the caller) into process group `pgid`
 * (0: the same number as the process). The target is the caller or a child
 * of it that has not exec'd, in the caller's session and not a session
 * leader; a group other than its own number must exist in that session.
 */
export function ksysSetpgid(task: Task, pid: number, pgid: number): ErrnoName | null {
	const groupLeader = task.groupLeader;
	const ns = task.pidNs;
	if (pid === 0) pid = groupLeader.pidIn(ns);
	if (pgid === 0) pgid = pid;
	if (pgid < 0) return "EINVAL";
	const p = pid > 0 ? ns.findTask(pid) : null;
	if (p === null) return "ESRCH";
	if (!p.isGroupLeader()) return "EINVAL";
	const parent = p.realParent;
	if (parent !== null && parent.signal === groupLeader.signal) {
		if (p.signal.session !== groupLeader.signal.session) return "EPERM";
		if (!(p.flags & PF_FORKNOEXEC)) return "EACCES";
	} else if (p !== groupLeader) {
		return "ESRCH";
	}
	if (p.signal.leader) return "EPERM";
	let pgrp = p.threadPid;
	if (pgid !== pid) {
		const found = ns.findPid(pgid);
		const g = pgrpTask(found);
		if (found === undefined || g === null || g.signal.session !== groupLeader.signal.session) {
			return "EPERM";
		}
		pgrp = found;
	}
	if (p.signal.pgrp !== pgrp) changePgrp(p, pgrp);
	return null;
}

/** getpgid(): the process group of `pid` (0: the caller), as the caller's namespace numbers it. */
export function doGetpgid(task: Task, pid: number): number | ErrnoName {
	const ns = task.pidNs;
	if (pid === 0) return task.signal.pgrp.nrIn(ns);
	const p = pid > 0 ? ns.findTask(pid) : null;
	if (p === null) return "ESRCH";
	return p.signal.pgrp.nrIn(ns);
}

/** getsid(). */
export function doGetsid(task: Task, pid: number): number | ErrnoName {
	const ns = task.pidNs;
	if (pid === 0) return task.signal.session.nrIn(ns);
	const p = pid > 0 ? ns.findTask(pid) : null;
	if (p === null) return "ESRCH";
	return p.signal.session.nrIn(ns);
}

/**
 * ksys_setsid(): the process leads a new session and a new process group,
 * both numbered as itself. EPERM when it is a session leader already, or a
 * process group with its number exists (it leads one). Returns the session id.
 */
export function ksysSetsid(k: Kernel, task: Task): number | ErrnoName {
	const groupLeader = task.groupLeader;
	const sid = groupLeader.threadPid;
	const signal = groupLeader.signal;
	if (signal.leader) return "EPERM";
	if (pgrpTask(sid) !== null) return "EPERM";
	signal.leader = true;
	// set_special_pids()
	if (signal.session !== sid) changeSession(groupLeader, sid);
	if (signal.pgrp !== sid) changePgrp(groupLeader, sid);
	procSidConnector(k, groupLeader, task);
	return sid.nrIn(task.pidNs);
}

/** An id argument: (uid_t)-1 (or -1) leaves it, anything else must be a valid 32-bit id. */
function parseId(id: number): number | "unchanged" | null {
	if (id === -1 || id === ID_UNCHANGED) return "unchanged";
	return Number.isInteger(id) && id >= 0 && id < ID_UNCHANGED ? id : null;
}

/**
 * __sys_setresuid(): real, effective and saved uid (-1 keeps one). Without
 * CAP_SETUID each new id must be one of the current real, effective or
 * saved uids. The fsuid follows the euid; capabilities follow
 * cap_emulate_setxuid() (Cred.withUids).
 */
export function sysSetresuid(
	k: Kernel,
	task: Task,
	ruid: number,
	euid: number,
	suid: number,
): ErrnoName | null {
	const r = parseId(ruid);
	const e = parseId(euid);
	const s = parseId(suid);
	if (r === null || e === null || s === null) return "EINVAL";
	const old = task.cred;
	if (
		(r === "unchanged" || r === old.uid) &&
		(e === "unchanged" || (e === old.euid && e === old.fsuid)) &&
		(s === "unchanged" || s === old.suid)
	) {
		return null;
	}
	const isNew = (id: number | "unchanged"): boolean =>
		id !== "unchanged" && id !== old.uid && id !== old.euid && id !== old.suid;
	if ((isNew(r) || isNew(e) || isNew(s)) && !old.capable(CAP_SETUID)) return "EPERM";
	commitCreds(k, task, old.withUids(idArg(r), idArg(e), idArg(s)));
	return null;
}

/** __sys_setresgid(): as setresuid with gids and CAP_SETGID; the fsgid follows the egid. */
export function sysSetresgid(
	k: Kernel,
	task: Task,
	rgid: number,
	egid: number,
	sgid: number,
): ErrnoName | null {
	const r = parseId(rgid);
	const e = parseId(egid);
	const s = parseId(sgid);
	if (r === null || e === null || s === null) return "EINVAL";
	const old = task.cred;
	if (
		(r === "unchanged" || r === old.gid) &&
		(e === "unchanged" || (e === old.egid && e === old.fsgid)) &&
		(s === "unchanged" || s === old.sgid)
	) {
		return null;
	}
	const isNew = (id: number | "unchanged"): boolean =>
		id !== "unchanged" && id !== old.gid && id !== old.egid && id !== old.sgid;
	if ((isNew(r) || isNew(e) || isNew(s)) && !old.capable(CAP_SETGID)) return "EPERM";
	commitCreds(k, task, old.withGids(idArg(r), idArg(e), idArg(s)));
	return null;
}

/**
 * commit_creds(): a change of effective or filesystem ids, or permitted
 * capabilities that are not a subset of the old ones, makes the process
 * non-dumpable (suid_dumpable); a change of any uid (or gid) is a
 * PROC_EVENT_UID (PROC_EVENT_GID) for the process events connector.
 */
function commitCreds(k: Kernel, task: Task, cred: Cred): void {
	const old = task.cred;
	if (
		old.euid !== cred.euid ||
		old.egid !== cred.egid ||
		old.fsuid !== cred.fsuid ||
		old.fsgid !== cred.fsgid ||
		(cred.capPermitted & ~old.capPermitted) !== 0n
	) {
		setDumpable(task, SUID_DUMPABLE);
	}
	task.cred = cred;
	if (
		old.uid !== cred.uid ||
		old.euid !== cred.euid ||
		old.suid !== cred.suid ||
		old.fsuid !== cred.fsuid
	)
		procIdConnector(k, task, PROC_EVENT_UID);
	if (
		old.gid !== cred.gid ||
		old.egid !== cred.egid ||
		old.sgid !== cred.sgid ||
		old.fsgid !== cred.fsgid
	)
		procIdConnector(k, task, PROC_EVENT_GID);
}

function idArg(id: number | "unchanged"): number {
	return id === "unchanged" ? -1 : id;
}

/** setgroups(): needs CAP_SETGID; at most NGROUPS_MAX valid gids (kept sorted). */
export function sysSetgroups(task: Task, groups: readonly number[]): ErrnoName | null {
	const old: Cred = task.cred;
	if (!old.capable(CAP_SETGID)) return "EPERM";
	if (groups.length > NGROUPS_MAX) return "EINVAL";
	for (const g of groups) if (!Number.isInteger(g) || g < 0 || g >= ID_UNCHANGED) return "EINVAL";
	task.cred = old.withGroups(groups);
	return null;
}
