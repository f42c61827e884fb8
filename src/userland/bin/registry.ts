/**
 * Every program of the emulated userland and where it is installed
 * (Ubuntu's merged /usr: /bin and /sbin are symlinks into /usr).
 */
import type { ProgramMain } from "../proc/types.ts";
import { shMain } from "../sh/main.ts";
import { main as dmesg } from "./dmesg.ts";
import { FILE_PROGRAMS } from "./file-tools.ts";
import { main as growheap } from "./growheap.ts";
import { main as inotifywait } from "./inotifywait.ts";
import { LIBCGROUP_PROGRAMS } from "./libcgroup.ts";
import { main as memcgstat } from "./memcgstat.ts";
import { main as mknod } from "./mknod.ts";
import { MORE_PROGRAMS } from "./more-tools.ts";
import { main as nice } from "./nice.ts";
import { SYSTEM_PROGRAMS } from "./system-tools.ts";
import { TEXT_PROGRAMS } from "./text-tools.ts";

export interface ProgramEntry {
	/** The installed file name, e.g. "cat". */
	readonly name: string;
	/** The directory it is installed in. */
	readonly dir: "/usr/bin" | "/usr/sbin";
	readonly main: ProgramMain;
}

/** The shell: /usr/bin/dash, with /usr/bin/sh a symlink to it (see system.ts). */
export const SHELL_PROGRAMS: readonly ProgramEntry[] = [
	{ name: "dash", dir: "/usr/bin", main: shMain },
];

export function allPrograms(extra: readonly ProgramEntry[] = []): readonly ProgramEntry[] {
	return [
		...SHELL_PROGRAMS,
		...TEXT_PROGRAMS,
		...SYSTEM_PROGRAMS,
		...MORE_PROGRAMS,
		...FILE_PROGRAMS,
		{ name: "mknod", dir: "/usr/bin", main: mknod },
		{ name: "growheap", dir: "/usr/bin", main: growheap },
		{ name: "inotifywait", dir: "/usr/bin", main: inotifywait },
		{ name: "nice", dir: "/usr/bin", main: nice },
		{ name: "memcgstat", dir: "/usr/bin", main: memcgstat },
		{ name: "dmesg", dir: "/usr/bin", main: dmesg },
		...LIBCGROUP_PROGRAMS,
		...extra,
	];
}
