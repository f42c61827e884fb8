/** The text tools of the emulated userland. */
import { main as basename } from "./basename.ts";
import { main as cat } from "./cat.ts";
import { main as cut } from "./cut.ts";
import { main as dirname } from "./dirname.ts";
import { main as echo } from "./echo.ts";
import { main as falseMain } from "./false.ts";
import { main as grep } from "./grep.ts";
import { main as head } from "./head.ts";
import { main as printf } from "./printf.ts";
import type { ProgramEntry } from "./registry.ts";
import { main as sed } from "./sed.ts";
import { main as seq } from "./seq.ts";
import { main as sort } from "./sort.ts";
import { main as tail } from "./tail.ts";
import { main as tee } from "./tee.ts";
import { bracketMain, main as test } from "./test.ts";
import { main as tr } from "./tr.ts";
import { main as trueMain } from "./true.ts";
import { main as uniq } from "./uniq.ts";
import { main as wc } from "./wc.ts";
import { main as xargs } from "./xargs.ts";

export const TEXT_PROGRAMS: readonly ProgramEntry[] = [
	{ name: "[", dir: "/usr/bin", main: bracketMain },
	{ name: "basename", dir: "/usr/bin", main: basename },
	{ name: "cat", dir: "/usr/bin", main: cat },
	{ name: "cut", dir: "/usr/bin", main: cut },
	{ name: "dirname", dir: "/usr/bin", main: dirname },
	{ name: "echo", dir: "/usr/bin", main: echo },
	{ name: "false", dir: "/usr/bin", main: falseMain },
	{ name: "grep", dir: "/usr/bin", main: grep },
	{ name: "head", dir: "/usr/bin", main: head },
	{ name: "printf", dir: "/usr/bin", main: printf },
	{ name: "sed", dir: "/usr/bin", main: sed },
	{ name: "seq", dir: "/usr/bin", main: seq },
	{ name: "sort", dir: "/usr/bin", main: sort },
	{ name: "tail", dir: "/usr/bin", main: tail },
	{ name: "tee", dir: "/usr/bin", main: tee },
	{ name: "test", dir: "/usr/bin", main: test },
	{ name: "tr", dir: "/usr/bin", main: tr },
	{ name: "true", dir: "/usr/bin", main: trueMain },
	{ name: "uniq", dir: "/usr/bin", main: uniq },
	{ name: "wc", dir: "/usr/bin", main: wc },
	{ name: "xargs", dir: "/usr/bin", main: xargs },
];
