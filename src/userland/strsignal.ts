/**
 * strsignal(3) as glibc (2.36, x86-64) words it: what shells print for a job
 * a signal ended ("Terminated", "Killed"...).
 */

/** sigdescr, by signal number; index 0 is unused. */
const DESCRIPTIONS: readonly string[] = [
	"",
	"Hangup",
	"Interrupt",
	"Quit",
	"Illegal instruction",
	"Trace/breakpoint trap",
	"Aborted",
	"Bus error",
	"Floating point exception",
	"Killed",
	"User defined signal 1",
	"Segmentation fault",
	"User defined signal 2",
	"Broken pipe",
	"Alarm clock",
	"Terminated",
	"Stack fault",
	"Child exited",
	"Continued",
	"Stopped (signal)",
	"Stopped",
	"Stopped (tty input)",
	"Stopped (tty output)",
	"Urgent I/O condition",
	"CPU time limit exceeded",
	"File size limit exceeded",
	"Virtual timer expired",
	"Profiling timer expired",
	"Window changed",
	"I/O possible",
	"Power failure",
	"Bad system call",
];

/** glibc's SIGRTMIN and SIGRTMAX (32 and 33 are reserved for the thread library). */
const SIGRTMIN = 34;
const SIGRTMAX = 64;

export function strsignal(sig: number): string {
	if (Number.isInteger(sig) && sig >= 1 && sig < DESCRIPTIONS.length) return DESCRIPTIONS[sig]!;
	if (Number.isInteger(sig) && sig >= SIGRTMIN && sig <= SIGRTMAX) {
		return `Real-time signal ${sig - SIGRTMIN}`;
	}
	return `Unknown signal ${sig}`;
}
