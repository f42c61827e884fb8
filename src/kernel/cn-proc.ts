/**
 * The process events connector (drivers/connector/cn_proc.c): while at
 * least one socket has asked to listen, fork, exec, id changes, setsid,
 * comm changes, ptrace attach/detach and exit are multicast to connector
 * group CN_IDX_PROC as a cn_msg {CN_IDX_PROC, CN_VAL_PROC} carrying a
 * struct proc_event (include/uapi/linux/cn_proc.h), x86-64 layout:
 *
 *   0 what u32, 4 cpu u32, 8 timestamp_ns u64 (ktime_get_ns()),
 *   16 event_data (24 bytes: the member `what` names, the rest zero)
 *
 * The cn_msg's seq is a per-CPU counter of the CPU the event is raised on
 * and `cpu` that CPU (current's). A socket listens by sending
 * PROC_CN_MCAST_LISTEN (or a struct proc_input with an event mask) to the
 * kernel; every such control message is answered with a PROC_EVENT_NONE
 * ack to the whole group, as the kernel does. A socket that never sent
 * one gets every event the others made the kernel raise; one that sent
 * IGNORE gets none. The listener count only grows back down through
 * IGNORE: closing a listening socket leaves it counted (cn_release()
 * frees the socket's proc_input only), so events go on being raised.
 *
 * copy_process(), execve, commit_creds(), setsid() and do_exit() raise
 * their events here; procCommConnector() and procPtraceConnector() are for
 * the /proc/<pid>/comm writer and ptrace attach/detach to call. There are
 * no core dumps, hence no PROC_EVENT_COREDUMP.
 */
import type { Kernel } from "./kernel.ts";
import { CN_IDX_PROC, CN_MSG_LEN, CN_VAL_PROC, type CnMsg } from "./net/connector.ts";
import type { NetlinkSock } from "./net/netlink.ts";
import type { Task } from "./task.ts";

export const PROC_CN_MCAST_LISTEN = 1;
export const PROC_CN_MCAST_IGNORE = 2;

/** enum proc_cn_event. */
export const PROC_EVENT_NONE = 0;
export const PROC_EVENT_FORK = 0x00000001;
export const PROC_EVENT_EXEC = 0x00000002;
export const PROC_EVENT_UID = 0x00000004;
export const PROC_EVENT_GID = 0x00000040;
export const PROC_EVENT_SID = 0x00000080;
export const PROC_EVENT_PTRACE = 0x00000100;
export const PROC_EVENT_COMM = 0x00000200;
export const PROC_EVENT_NONZERO_EXIT = 0x20000000;
export const PROC_EVENT_COREDUMP = 0x40000000;
export const PROC_EVENT_EXIT = 0x80000000;
export const PROC_EVENT_ALL =
	(PROC_EVENT_FORK |
		PROC_EVENT_EXEC |
		PROC_EVENT_UID |
		PROC_EVENT_GID |
		PROC_EVENT_SID |
		PROC_EVENT_PTRACE |
		PROC_EVENT_COMM |
		PROC_EVENT_NONZERO_EXIT |
		PROC_EVENT_COREDUMP |
		PROC_EVENT_EXIT) >>>
	0;

/** sizeof(struct proc_event). */
export const PROC_EVENT_LEN = 40;
/** sizeof(struct proc_input). */
const PROC_INPUT_LEN = 8;
/** TASK_COMM_LEN. */
const TASK_COMM_LEN = 16;
/** ptrace requests proc_ptrace_connector() reports. */
const PTRACE_ATTACH = 16;
const PTRACE_DETACH = 17;

/** struct proc_input: what a socket asked for (its sk_user_data). */
class ProcInput {
	mcastOp = 0;
	eventType = 0;
}

function putU32(b: Uint8Array, off: number, v: number): void {
	b[off] = v & 0xff;
	b[off + 1] = (v >>> 8) & 0xff;
	b[off + 2] = (v >>> 16) & 0xff;
	b[off + 3] = (v >>> 24) & 0xff;
}

function u32(b: Uint8Array, off: number): number {
	return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

/** Offsets in the cn_msg + proc_event buffer. */
const EV = CN_MSG_LEN;
const EV_DATA = EV + 16;

/** proc_event_num_listeners and the per-CPU sequence counters (local_event.count). */
export class CnProc {
	private readonly kernel: Kernel;
	/** proc_event_num_listeners. */
	listeners = 0;
	private readonly seq = new Map<number, number>();

	/** cn_proc_init(): the callback of {CN_IDX_PROC, CN_VAL_PROC}. */
	constructor(kernel: Kernel) {
		this.kernel = kernel;
		kernel.connector.addCallback(CN_IDX_PROC, CN_VAL_PROC, "cn_proc", (msg, sk, task) =>
			this.mcastCtl(msg, sk, task),
		);
	}

	/** A cn_msg + proc_event of `what` with its timestamp, event data zeroed. */
	newEvent(what: number): Uint8Array {
		const b = new Uint8Array(CN_MSG_LEN + PROC_EVENT_LEN);
		putU32(b, 0, CN_IDX_PROC);
		putU32(b, 4, CN_VAL_PROC);
		b[16] = PROC_EVENT_LEN;
		putU32(b, EV, what);
		const ns = this.kernel.clock.now();
		putU32(b, EV + 8, ns % 0x100000000);
		putU32(b, EV + 12, Math.floor(ns / 0x100000000));
		return b;
	}

	/**
	 * send_msg(): the sequence number of current's CPU, that CPU, and the
	 * multicast to the proc group through cn_filter().
	 */
	send(b: Uint8Array, current: Task): void {
		const cpu = current.se.cpu;
		const seq = this.seq.get(cpu) ?? 0;
		this.seq.set(cpu, (seq + 1) >>> 0);
		putU32(b, 8, seq);
		putU32(b, EV + 4, cpu);
		const what = u32(b, EV);
		const exitCode = what === PROC_EVENT_EXIT ? u32(b, EV_DATA + 8) : 0;
		this.kernel.connector.sendMult(b, 0, CN_IDX_PROC, (dsk) => cnFilter(dsk, what, exitCode));
	}

	/**
	 * cn_proc_mcast_ctl(): a control message from a socket of the initial
	 * pid namespace (others are ignored, unanswered): the op (4 bytes, all
	 * events) or a struct proc_input (op and event mask); anything else is
	 * ignored. LISTEN counts the socket as a listener once, IGNORE uncounts
	 * a socket that listened; another op is EINVAL in the ack.
	 */
	private mcastCtl(msg: CnMsg, sk: NetlinkSock, task: Task): void {
		if (task.pidNs !== this.kernel.initPidNs) return;
		let op: number;
		let evType: number;
		if (msg.len === PROC_INPUT_LEN) {
			op = u32(msg.data, 0);
			evType = u32(msg.data, 4);
		} else if (msg.len === 4) {
			op = u32(msg.data, 0);
			evType = PROC_EVENT_ALL;
		} else {
			return;
		}
		evType = (evType & PROC_EVENT_ALL) >>> 0;
		if (evType === PROC_EVENT_NONE) evType = PROC_EVENT_ALL;
		let input = sk.userData instanceof ProcInput ? sk.userData : null;
		const initial = input === null;
		const prev = input?.mcastOp ?? 0;
		if (input === null) {
			input = new ProcInput();
			sk.userData = input;
		}
		input.eventType = evType;
		input.mcastOp = op;
		let err = 0;
		switch (op) {
			case PROC_CN_MCAST_LISTEN:
				if (initial || prev !== PROC_CN_MCAST_LISTEN) this.listeners++;
				break;
			case PROC_CN_MCAST_IGNORE:
				if (!initial && prev !== PROC_CN_MCAST_IGNORE) this.listeners--;
				input.eventType = PROC_EVENT_NONE;
				break;
			default:
				err = 22; // EINVAL, positive: it is data, not a return value
		}
		this.ack(err, msg.seq, msg.ack, task);
	}

	/**
	 * cn_proc_ack(): PROC_EVENT_NONE with the error, ack = the request's
	 * ack + 1. send_msg() overwrites the seq and cpu it sets, as in the kernel.
	 */
	private ack(err: number, rcvdSeq: number, rcvdAck: number, current: Task): void {
		if (this.listeners < 1) return;
		const b = this.newEvent(PROC_EVENT_NONE);
		putU32(b, 8, rcvdSeq);
		putU32(b, 12, (rcvdAck + 1) >>> 0);
		putU32(b, EV + 4, 0xffffffff);
		putU32(b, EV_DATA, err);
		this.send(b, current);
	}
}

/**
 * cn_filter(): true drops the event for `dsk`. A socket without a
 * proc_input gets everything; IGNORE nothing; otherwise the events of its
 * mask, an exit under PROC_EVENT_NONZERO_EXIT only with a non-zero code.
 */
function cnFilter(dsk: NetlinkSock, what: number, exitCode: number): boolean {
	const input = dsk.userData;
	if (!(input instanceof ProcInput)) return false;
	if (input.mcastOp === PROC_CN_MCAST_IGNORE) return true;
	const val = input.eventType >>> 0;
	if (val === PROC_EVENT_ALL) return false;
	if (val & PROC_EVENT_NONZERO_EXIT && what === PROC_EVENT_EXIT && exitCode !== 0) return false;
	return (val & what) === 0;
}

/** proc_fork_connector(): `task` was created by `current`; its real parent's ids. */
export function procForkConnector(k: Kernel, task: Task, current: Task): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	const b = cn.newEvent(PROC_EVENT_FORK);
	const parent = task.realParent;
	putU32(b, EV_DATA, parent?.pid ?? 0);
	putU32(b, EV_DATA + 4, parent?.tgid ?? 0);
	putU32(b, EV_DATA + 8, task.pid);
	putU32(b, EV_DATA + 12, task.tgid);
	cn.send(b, current);
}

/** proc_exec_connector(): `task` (current) exec'd. */
export function procExecConnector(k: Kernel, task: Task): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	const b = cn.newEvent(PROC_EVENT_EXEC);
	putU32(b, EV_DATA, task.pid);
	putU32(b, EV_DATA + 4, task.tgid);
	cn.send(b, task);
}

/** proc_id_connector(): `task` (current) changed uids (real and effective reported) or gids. */
export function procIdConnector(
	k: Kernel,
	task: Task,
	which: typeof PROC_EVENT_UID | typeof PROC_EVENT_GID,
): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	const b = cn.newEvent(which);
	const c = task.cred;
	putU32(b, EV_DATA, task.pid);
	putU32(b, EV_DATA + 4, task.tgid);
	putU32(b, EV_DATA + 8, which === PROC_EVENT_UID ? c.uid : c.gid);
	putU32(b, EV_DATA + 12, which === PROC_EVENT_UID ? c.euid : c.egid);
	cn.send(b, task);
}

/** proc_sid_connector(): `leader` leads a new session; `current` called setsid(). */
export function procSidConnector(k: Kernel, leader: Task, current: Task): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	const b = cn.newEvent(PROC_EVENT_SID);
	putU32(b, EV_DATA, leader.pid);
	putU32(b, EV_DATA + 4, leader.tgid);
	cn.send(b, current);
}

/** proc_ptrace_connector(): `tracer` attached to `task` (PTRACE_ATTACH) or detached from it (PTRACE_DETACH: zeros). */
export function procPtraceConnector(k: Kernel, task: Task, request: number, tracer: Task): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	if (request !== PTRACE_ATTACH && request !== PTRACE_DETACH) return;
	const b = cn.newEvent(PROC_EVENT_PTRACE);
	putU32(b, EV_DATA, task.pid);
	putU32(b, EV_DATA + 4, task.tgid);
	if (request === PTRACE_ATTACH) {
		putU32(b, EV_DATA + 8, tracer.pid);
		putU32(b, EV_DATA + 12, tracer.tgid);
	}
	cn.send(b, tracer);
}

/** proc_comm_connector(): `task` got a new comm (prctl(PR_SET_NAME), a write to /proc/<pid>/comm by `current`). */
export function procCommConnector(k: Kernel, task: Task, current: Task): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	const b = cn.newEvent(PROC_EVENT_COMM);
	putU32(b, EV_DATA, task.pid);
	putU32(b, EV_DATA + 4, task.tgid);
	// get_task_comm(): at most TASK_COMM_LEN - 1 bytes, NUL-padded.
	const comm = task.comm;
	for (let i = 0; i < comm.length && i < TASK_COMM_LEN - 1; i++)
		b[EV_DATA + 8 + i] = comm.charCodeAt(i) & 0xff;
	cn.send(b, current);
}

/**
 * proc_exit_connector(): `task` exits with its exit_code (a wait status)
 * and exit_signal (-1 for a thread); the real parent's ids while its pid
 * is still attached (`pidAlive`: not for a thread or a child its parent
 * does not wait for, which exit_notify() released).
 */
export function procExitConnector(k: Kernel, task: Task, pidAlive: boolean): void {
	const cn = k.cnProc;
	if (cn.listeners < 1) return;
	const b = cn.newEvent(PROC_EVENT_EXIT);
	putU32(b, EV_DATA, task.pid);
	putU32(b, EV_DATA + 4, task.tgid);
	putU32(b, EV_DATA + 8, task.exitCode >>> 0);
	putU32(b, EV_DATA + 12, task.exitSignal >>> 0);
	const parent = task.realParent;
	if (pidAlive && parent !== null) {
		putU32(b, EV_DATA + 16, parent.pid);
		putU32(b, EV_DATA + 20, parent.tgid);
	}
	cn.send(b, task);
}
