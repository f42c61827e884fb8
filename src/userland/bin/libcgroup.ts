/**
 * libcgroup 3.1.0's tools, installed where Debian's cgroup-tools puts
 * them: the user tools in /usr/bin, cgconfigparser and cgrulesengd in
 * /usr/sbin.
 */
import { main as cgclassify } from "../lib/libcgroup/tools/cgclassify.ts";
import { main as cgconfigparser } from "../lib/libcgroup/tools/cgconfigparser.ts";
import { main as cgcreate } from "../lib/libcgroup/tools/cgcreate.ts";
import { main as cgdelete } from "../lib/libcgroup/tools/cgdelete.ts";
import { main as cgexec } from "../lib/libcgroup/tools/cgexec.ts";
import { main as cgget } from "../lib/libcgroup/tools/cgget.ts";
import { main as cgset } from "../lib/libcgroup/tools/cgset.ts";
import { main as cgsnapshot } from "../lib/libcgroup/tools/cgsnapshot.ts";
import { main as lscgroup } from "../lib/libcgroup/tools/lscgroup.ts";
import { main as lssubsys } from "../lib/libcgroup/tools/lssubsys.ts";
import { main as cgrulesengd } from "./cgrulesengd.ts";
import { libcgroupProgram } from "./libcgroup-os.ts";
import type { ProgramEntry } from "./registry.ts";

export const LIBCGROUP_PROGRAMS: readonly ProgramEntry[] = [
	{ name: "cgcreate", dir: "/usr/bin", main: libcgroupProgram(cgcreate) },
	{ name: "cgdelete", dir: "/usr/bin", main: libcgroupProgram(cgdelete) },
	{ name: "cgget", dir: "/usr/bin", main: libcgroupProgram(cgget) },
	{ name: "cgset", dir: "/usr/bin", main: libcgroupProgram(cgset) },
	{ name: "cgexec", dir: "/usr/bin", main: libcgroupProgram(cgexec) },
	{ name: "cgclassify", dir: "/usr/bin", main: libcgroupProgram(cgclassify) },
	{ name: "lscgroup", dir: "/usr/bin", main: libcgroupProgram(lscgroup) },
	{ name: "lssubsys", dir: "/usr/bin", main: libcgroupProgram(lssubsys) },
	{ name: "cgsnapshot", dir: "/usr/bin", main: libcgroupProgram(cgsnapshot) },
	{ name: "cgconfigparser", dir: "/usr/sbin", main: libcgroupProgram(cgconfigparser) },
	{ name: "cgrulesengd", dir: "/usr/sbin", main: cgrulesengd },
];
