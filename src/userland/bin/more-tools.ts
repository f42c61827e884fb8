/** More programs of the emulated /usr/bin: env, expr and od (GNU coreutils). */
import { main as env } from "./env.ts";
import { main as expr } from "./expr.ts";
import { main as od } from "./od.ts";
import type { ProgramEntry } from "./registry.ts";

export const MORE_PROGRAMS: readonly ProgramEntry[] = [
	{ name: "env", dir: "/usr/bin", main: env },
	{ name: "expr", dir: "/usr/bin", main: expr },
	{ name: "od", dir: "/usr/bin", main: od },
];
