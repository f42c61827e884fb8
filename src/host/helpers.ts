/**
 * Helper programs of the differential runs, in the manner of the kernel
 * selftests' small C programs: what no program of a stock system does in a
 * way a script can drive (a process with many threads, ptrace requests one
 * by one). A scenario finds them in `$CGKIT_HELPERS`; on the real host the
 * sandbox compiles these sources there with gcc, on cgkit the same programs
 * are installed from src/userland/helpers/ (which print exactly what these
 * print). Only scenarios that mention CGKIT_HELPERS get them, so gcc is
 * needed only to record those.
 */

export interface HostHelper {
	/** The program's file name in $CGKIT_HELPERS. */
	readonly name: string;
	/** Its C source. */
	readonly source: string;
	/** Extra gcc arguments (libraries). */
	readonly cflags: readonly string[];
}

/** Where a run's helpers are: beside its scratch directory, named with the prefix. */
export function helpersDir(prefix: string): string {
	return `/tmp/${prefix}-helpers`;
}

/**
 * threads N: the process starts N more threads; every thread, the first
 * included, sleeps in pause() until the process is killed.
 */
const THREADS_C = String.raw`
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc != 2 || (n = strtol(argv[1], &end, 10)) < 0 || *end != '\0' || argv[1][0] == '\0') {
		fprintf(stderr, "usage: threads N\n");
		return 2;
	}
	for (long i = 0; i < n; i++) {
		pthread_t t;
		int err = pthread_create(&t, NULL, idle, NULL);
		if (err != 0) {
			fprintf(stderr, "threads: pthread_create: %s\n", strerror(err));
			return 1;
		}
	}
	for (;;)
		pause();
}
`;

/**
 * ptrace-steps PID STEP...: ptrace(2) requests on PID, one step after the
 * other, each printing its result:
 *   seize interrupt listen cont detach kill   the PTRACE_* request, addr and data 0
 *   getsiginfo                                 PTRACE_GETSIGINFO, with si_signo and si_code
 *   wait                                       waitpid(PID, __WALL) and how the task stopped or ended
 *   !COMMAND                                   /bin/sh -c COMMAND (system(3)), output in order
 */
const PTRACE_STEPS_C = String.raw`
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static const struct {
	const char *step;
	const char *name;
	int request;
} requests[] = {
	{ "seize", "PTRACE_SEIZE", PTRACE_SEIZE },
	{ "interrupt", "PTRACE_INTERRUPT", PTRACE_INTERRUPT },
	{ "listen", "PTRACE_LISTEN", PTRACE_LISTEN },
	{ "cont", "PTRACE_CONT", PTRACE_CONT },
	{ "detach", "PTRACE_DETACH", PTRACE_DETACH },
	{ "kill", "PTRACE_KILL", PTRACE_KILL },
};

static const char *result(long r)
{
	return r == 0 ? "ok" : strerror(errno);
}

static int step(pid_t pid, const char *s)
{
	if (s[0] == '!') {
		fflush(stdout);
		system(s + 1);
		return 0;
	}
	if (strcmp(s, "wait") == 0) {
		int st;
		pid_t r = waitpid(pid, &st, __WALL);
		if (r < 0)
			printf("waitpid -> %s\n", strerror(errno));
		else if (WIFSTOPPED(st))
			printf("waitpid -> stopped, signal %d, event %d\n", WSTOPSIG(st), st >> 16);
		else if (WIFEXITED(st))
			printf("waitpid -> exited %d\n", WEXITSTATUS(st));
		else
			printf("waitpid -> killed by signal %d\n", WTERMSIG(st));
		return 0;
	}
	if (strcmp(s, "getsiginfo") == 0) {
		siginfo_t si;
		long r = ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
		if (r == 0)
			printf("PTRACE_GETSIGINFO -> ok, si_signo %d, si_code %#x\n", si.si_signo, si.si_code);
		else
			printf("PTRACE_GETSIGINFO -> %s\n", strerror(errno));
		return 0;
	}
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		if (strcmp(s, requests[i].step) == 0) {
			long r = ptrace(requests[i].request, pid, 0, 0);
			printf("%s -> %s\n", requests[i].name, result(r));
			return 0;
		}
	}
	fprintf(stderr, "ptrace-steps: unknown step '%s'\n", s);
	return 2;
}

int main(int argc, char **argv)
{
	char *end;
	long pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2 || (pid = strtol(argv[1], &end, 10)) <= 0 || *end != '\0') {
		fprintf(stderr, "usage: ptrace-steps PID STEP...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (step((pid_t)pid, argv[i]) != 0)
			return 2;
	return 0;
}
`;

export const HOST_HELPERS: readonly HostHelper[] = [
	{ name: "threads", source: THREADS_C, cflags: ["-pthread"] },
	{ name: "ptrace-steps", source: PTRACE_STEPS_C, cflags: [] },
];
