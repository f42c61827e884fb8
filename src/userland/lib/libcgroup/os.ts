/**
 * What libcgroup needs of the system it runs on, as one interface with two
 * implementations: the emulated host (a process's system calls, in
 * src/userland/bin/libcgroup-programs.ts) and this machine (node:fs, in
 * src/tools/libcgroup-host.ts). Every call completes at once and either
 * returns or throws the KernelError of the errno the system call failed
 * with, as libcgroup's C library calls set errno.
 *
 * Output is collected rather than written: a libcgroup tool writes stdout
 * through stdio, which is fully buffered when stdout is not a terminal, and
 * the callers flush it when the tool returns (stderr goes out as it comes
 * on both hosts).
 */

/** stat(2)'s fields that libcgroup reads. */
export interface CgStat {
	readonly type: "dir" | "file" | "link" | "socket" | "other";
	/** The permission bits (mode & 07777). */
	readonly perm: number;
	readonly uid: number;
	readonly gid: number;
}

/** One directory entry as getdents(2) returns it (with d_type). */
export interface CgDirent {
	readonly name: string;
	readonly type: CgStat["type"];
}

export interface CgOs {
	/** The whole file, as a byte string (one char per byte). */
	readFile(path: string): string;
	/**
	 * Open, one write(2) of `data`, close. `how`: "w" is fopen(path, "w")
	 * (O_WRONLY|O_CREAT|O_TRUNC, 0666: EACCES for a file cgroupfs does not
	 * have), "rw" is open(path, O_RDWR) (cg_set_control_value()).
	 */
	writeFile(path: string, data: string, how?: "w" | "rw"): void;
	/** open(O_WRONLY|O_CREAT|O_TRUNC or O_APPEND, 0644) + one write(2): files the tools create (cgsnapshot -f, logs). */
	createFile(path: string, data: string, append: boolean): void;
	mkdir(path: string, mode: number): void;
	rmdir(path: string): void;
	unlink(path: string): void;
	/** Entries other than "." and "..", in the order the filesystem returns them. */
	readdir(path: string): CgDirent[];
	stat(path: string): CgStat;
	lstat(path: string): CgStat;
	readlink(path: string): string;
	chown(path: string, uid: number, gid: number): void;
	chmod(path: string, mode: number): void;
	/** statfs(2)'s f_type (CGROUP_SUPER_MAGIC 0x27e0eb, CGROUP2_SUPER_MAGIC 0x63677270, ...). */
	statfsType(path: string): number;
	/** umask(2): sets the mask and returns the old one. */
	umask(mask: number): number;

	getpid(): number;
	getuid(): number;
	geteuid(): number;
	getgid(): number;
	getegid(): number;

	/** getenv(). */
	env(name: string): string | undefined;
	/** Text for stdout (buffered by the caller) and stderr. */
	stdout(text: string): void;
	stderr(text: string): void;
}
