/**
 * File inspection programs of the emulated /usr/bin: stat, readlink and
 * realpath (GNU coreutils), find (GNU findutils).
 */
import { main as find } from "./find.ts";
import { main as readlink } from "./readlink.ts";
import { main as realpath } from "./realpath.ts";
import type { ProgramEntry } from "./registry.ts";
import { main as stat } from "./stat.ts";

export const FILE_PROGRAMS: readonly ProgramEntry[] = [
	{ name: "find", dir: "/usr/bin", main: find },
	{ name: "readlink", dir: "/usr/bin", main: readlink },
	{ name: "realpath", dir: "/usr/bin", main: realpath },
	{ name: "stat", dir: "/usr/bin", main: stat },
];
