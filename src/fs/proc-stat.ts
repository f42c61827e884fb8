/**
 * /proc/<pid>/stat and /proc/<pid>/task/<tid>/stat (do_task_stat() of
 * fs/proc/array.c): the 52 fields proc(5) numbers, with the process's CPU
 * time from the CPU model and the address space's size and rss from the
 * memory model (0 for a task without an mm). Fault counts are not kept.
 */

import type { Kernel } from "../kernel/kernel.ts";
import type { PidNamespace } from "../kernel/pid.ts";
import type { Task } from "../kernel/task.ts";
import { taskStateText } from "../kernel/task-state.ts";
import { taskRss, taskVsize } from "./proc-memory.ts";

/** USER_HZ: clock_t counts 10ms ticks (nsec_to_clock_t()). */
const NSEC_PER_CLOCK_T = 10_000_000;
/** RLIM_INFINITY of RLIMIT_RSS. */
const RLIM_INFINITY = "18446744073709551615";
/** task_prio() of a SCHED_NORMAL task is its nice value plus this. */
const NICE_PRIO_BASE = 20;

const ticks = (ns: number): number => Math.floor(ns / NSEC_PER_CLOCK_T);

/** `whole`: the process's numbers (/proc/<pid>/stat) rather than one thread's. */
export function procPidStat(k: Kernel, t: Task, ns: PidNamespace, whole: boolean): string {
	k.sched.sync();
	const sig = t.signal;
	const state = taskStateText(t)[0]!;
	const ppid = t.realParent === null || t.released ? 0 : t.realParent.tgidIn(ns);
	const time = whole
		? t.groupCputime()
		: { utime: t.se.utime, stime: t.se.stime, sum: t.se.sumExecRuntime };
	const faults = whole ? t.groupFaults() : { min: t.minFlt, maj: t.majFlt };
	const sigMask = (v: number): number => v & 0x7fffffff;
	const sleeping = state === "S" || state === "D";
	const fields: (number | string)[] = [
		t.pidIn(ns),
		`(${t.comm})`,
		state,
		ppid,
		sig.pgrp.nrIn(ns),
		sig.session.nrIn(ns),
		0, // tty_nr: no controlling terminal
		-1, // tpgid
		t.flags,
		faults.min,
		sig.cminFlt,
		faults.maj,
		sig.cmajFlt,
		ticks(time.utime),
		ticks(time.stime),
		ticks(sig.cutime),
		ticks(sig.cstime),
		NICE_PRIO_BASE + t.nice,
		t.nice,
		sig.nrThreads,
		0, // itrealvalue
		ticks(t.startTime),
		taskVsize(t),
		taskRss(t),
		RLIM_INFINITY,
		0, // startcode
		0, // endcode
		0, // startstack
		0, // kstkesp
		0, // kstkeip
		sigMask(t.pending),
		sigMask(t.blocked),
		sigMask(t.sighand.ignored),
		sigMask(t.sighand.caught),
		sleeping ? 1 : 0, // wchan: whether it sleeps somewhere
		0, // nswap
		0, // cnswap
		t.exitSignal,
		t.se.cpu,
		0, // rt_priority
		0, // policy: SCHED_NORMAL
		0, // delayacct_blkio_ticks
		0, // guest_time
		0, // cguest_time
		0, // start_data
		0, // end_data
		0, // start_brk
		0, // arg_start
		0, // arg_end
		0, // env_start
		0, // env_end
		t.exitCode,
	];
	return `${fields.join(" ")}\n`;
}
