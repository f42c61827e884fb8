/**
 * The text programs of the emulated /usr/bin (echo, printf, cat, grep,
 * wc, sort, uniq, head, tail, tr, cut, sed, tee, xargs, seq, basename,
 * dirname, test, [, true, false) against what GNU coreutils 9.1, grep 3.8,
 * sed 4.9 and findutils 4.9 print on a real host with LC_ALL=C.
 *
 * The table below was produced by running each command line with the
 * real tools (in a fresh directory holding the group's files, stdin from
 * a pipe) and keeping exact stdout, stderr and exit status; each case runs
 * here in a fresh directory of an emulated host. Lines starting with
 * "group" name a set of cases and its files ("d/" is a directory).
 * Followed by tests of the shared engines (printf, test, regex, floats)
 * and, when the host has the GNU tools, a randomized comparison with them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, it } from "node:test";
import type { Stat } from "../../src/fs/constants.ts";
import {
	DOUBLE,
	expDigits,
	fixedDigits,
	LONG_DOUBLE,
	strtold,
} from "../../src/userland/lib/float.ts";
import {
	DASH_PRINTF,
	formatPrintf,
	GNU_PRINTF,
	gnuPrintfMessage,
	type PrintfDiag,
} from "../../src/userland/lib/printf-format.ts";
import { compileRegex } from "../../src/userland/lib/regex.ts";
import {
	coreutilsTestMessage,
	dashTestMessage,
	evaluateTest,
	type TestFiles,
} from "../../src/userland/lib/test-expr.ts";
import { quoteLocale } from "../../src/userland/lib/textio.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { newSystem, runProgram } from "../support/userland.ts";

interface Case {
	readonly argv: string[];
	readonly stdin?: string;
	/** argv[0] is a command line for sh -c. */
	readonly sh?: boolean;
	readonly status: number;
	readonly stdout: string;
	readonly stderr: string;
}

interface Group {
	readonly name: string;
	readonly files: Record<string, string>;
	readonly cases: Case[];
}

function parseTable(table: string): Group[] {
	const groups: Group[] = [];
	for (const line of table.split("\n")) {
		if (line === "") continue;
		const tab = line.indexOf("\t");
		const kind = line.slice(0, tab);
		const data = JSON.parse(line.slice(tab + 1));
		if (kind === "group") groups.push({ ...data, cases: [] });
		else groups[groups.length - 1]!.cases.push(data);
	}
	return groups;
}

/** A fresh directory holding `files`, in a new emulated host's /tmp. */
function populate(sys: UserSystem, dir: string, files: Record<string, string>): void {
	const init = sys.kernel.init;
	sys.vfs.mkdir(init, dir, 0o777);
	for (const [name, content] of Object.entries(files)) {
		const p = path.posix.join(dir, name);
		if (name.endsWith("/")) sys.vfs.mkdir(init, p, 0o755);
		else sys.writeFile(p, content, 0o644);
	}
}

function title(c: Case): string {
	const words = c.sh
		? c.argv
		: c.argv.map((a, i) => (i === 0 ? path.posix.basename(a) : JSON.stringify(a)));
	const stdin = c.stdin === undefined ? "" : ` < ${JSON.stringify(c.stdin).slice(0, 40)}`;
	return `${c.sh ? "sh -c " : ""}${words.join(" ")}${stdin}`;
}

const TABLE = String.raw`
group	{"name":"seq","files":{}}
case	{"argv":["/usr/bin/seq"],"status":1,"stdout":"","stderr":"/usr/bin/seq: missing operand\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","x"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid floating point argument: 'x'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","1","x"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid floating point argument: 'x'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","1","0","5"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid Zero increment value: '0'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","1","2","3","4"],"status":1,"stdout":"","stderr":"/usr/bin/seq: extra operand '4'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","-f","%d","1","3"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format '%d' has unknown %d directive\n"}
case	{"argv":["/usr/bin/seq","-f","%s","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format '%s' has unknown %s directive\n"}
case	{"argv":["/usr/bin/seq","-f","%g%g","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format '%g%g' has too many % directives\n"}
case	{"argv":["/usr/bin/seq","-f","abc","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format 'abc' has no % directive\n"}
case	{"argv":["/usr/bin/seq","-f","%%%g%%","1"],"status":0,"stdout":"%1%\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","-f","%g","1","2"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format string may not be specified when printing equal width strings\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","1","-0.5","0"],"status":0,"stdout":"1.0\n0.5\n0.0\n","stderr":""}
case	{"argv":["/usr/bin/seq","0x10","0x12"],"status":0,"stdout":"16\n17\n18\n","stderr":""}
case	{"argv":["/usr/bin/seq","1e1","12"],"status":0,"stdout":"10\n11\n12\n","stderr":""}
case	{"argv":["/usr/bin/seq","-1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/seq","--","-1","1"],"status":0,"stdout":"-1\n0\n1\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","nan"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid 'not-a-number' argument: 'nan'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","-s"],"status":1,"stdout":"","stderr":"/usr/bin/seq: option requires an argument -- 's'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","1.5e0","2"],"status":0,"stdout":"1.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","0.000001","0.000001","0.000003"],"status":0,"stdout":"0.000001\n0.000002\n0.000003\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","1.0e-1","1.3"],"status":0,"stdout":"1.00\n1.10\n1.20\n1.30\n","stderr":""}
case	{"argv":["/usr/bin/seq",".5","1"],"status":0,"stdout":"0.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","1.","3"],"status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","1","1.5","3"],"status":0,"stdout":"1.0\n2.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","9","0.5","10.5"],"status":0,"stdout":"09.0\n09.5\n10.0\n10.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","-s",":","-w","1","10"],"status":0,"stdout":"01:02:03:04:05:06:07:08:09:10\n","stderr":""}
case	{"argv":["/usr/bin/seq","+1","3"],"status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/seq","0","0.1","0.3"],"status":0,"stdout":"0.0\n0.1\n0.2\n0.3\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","3e0"],"status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%.3e","1","2"],"status":0,"stdout":"1.000e+00\n2.000e+00\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%x","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format '%x' has unknown %x directive\n"}
case	{"argv":["/usr/bin/seq","-f","%5g|","1"],"status":0,"stdout":"    1|\n","stderr":""}
case	{"argv":["/usr/bin/seq","3"],"status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/seq","2","4"],"status":0,"stdout":"2\n3\n4\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","2","8"],"status":0,"stdout":"1\n3\n5\n7\n","stderr":""}
case	{"argv":["/usr/bin/seq","5","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/seq","0.1","0.1","0.5"],"status":0,"stdout":"0.1\n0.2\n0.3\n0.4\n0.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","0.5","3"],"status":0,"stdout":"1.0\n1.5\n2.0\n2.5\n3.0\n","stderr":""}
case	{"argv":["/usr/bin/seq","1e2","1e2","3e2"],"status":0,"stdout":"100\n200\n300\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","8","11"],"status":0,"stdout":"08\n09\n10\n11\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","-1","1"],"status":0,"stdout":"-1\n00\n01\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","0.5","0.5","2"],"status":0,"stdout":"0.5\n1.0\n1.5\n2.0\n","stderr":""}
case	{"argv":["/usr/bin/seq","-s,","1","5"],"status":0,"stdout":"1,2,3,4,5\n","stderr":""}
case	{"argv":["/usr/bin/seq","-s","","1","3"],"status":0,"stdout":"123\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%03g","1","3"],"status":0,"stdout":"001\n002\n003\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","x%.2fy","1","2"],"status":0,"stdout":"x1.00y\nx2.00y\n","stderr":""}
case	{"argv":["/usr/bin/seq","99999999999999999998","100000000000000000001"],"status":0,"stdout":"99999999999999999998\n99999999999999999999\n100000000000000000000\n100000000000000000001\n","stderr":""}
case	{"argv":["/usr/bin/seq","1.0","3"],"status":0,"stdout":"1.0\n2.0\n3.0\n","stderr":""}
case	{"argv":["/usr/bin/seq","10","-3","1"],"status":0,"stdout":"10\n7\n4\n1\n","stderr":""}
case	{"argv":["/usr/bin/seq","0x1.8","0x2.8"],"status":0,"stdout":"1.5\n2.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","1e20","1e20"],"status":0,"stdout":"100000000000000000000\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","0x1p-1","2"],"status":0,"stdout":"1\n1.5\n2\n","stderr":""}
case	{"argv":["/usr/bin/seq","1.5","1e20","1.6"],"status":0,"stdout":"1.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","0.1","0.1","0.30000000000000000001"],"status":0,"stdout":"0.1\n0.2\n0.3\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","0.1","1.3"],"status":0,"stdout":"1.0\n1.1\n1.2\n1.3\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","0x8","0x10"],"status":0,"stdout":"8\n9\n10\n11\n12\n13\n14\n15\n16\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","-5","-3","-11"],"status":0,"stdout":"-05\n-08\n-11\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","-0.5","0.5","0.5"],"status":0,"stdout":"-0.5\n00.0\n00.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","-1","1","-1"],"status":0,"stdout":"-1\n","stderr":""}
case	{"argv":["/usr/bin/seq","1e-1","1"],"status":0,"stdout":"0.1\n","stderr":""}
case	{"argv":["/usr/bin/seq","-s,","-w","1","3"],"status":0,"stdout":"1,2,3\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f%.1f","0.1","0.1","0.3"],"status":0,"stdout":"0.1\n0.2\n0.3\n","stderr":""}
case	{"argv":["/usr/bin/seq","2","1","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/seq","-w","001","3"],"status":0,"stdout":"001\n002\n003\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","1","003"],"status":0,"stdout":"001\n002\n003\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","1.50","2"],"status":0,"stdout":"1.50\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","1","1e1"],"status":0,"stdout":"01\n02\n03\n04\n05\n06\n07\n08\n09\n10\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","+1","10"],"status":0,"stdout":"01\n02\n03\n04\n05\n06\n07\n08\n09\n10\n","stderr":""}
case	{"argv":["/usr/bin/seq","-s","\\n","1","2"],"status":0,"stdout":"1\\n2\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%-5g|","1","2"],"status":0,"stdout":"1    |\n2    |\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%#g","1","1"],"status":0,"stdout":"1.00000\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%10.3f","1","1"],"status":0,"stdout":"     1.000\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%Lg","1","1"],"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%a","1","1"],"status":0,"stdout":"0x8p-3\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%5","1","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format '%5' ends in %\n"}
case	{"argv":["/usr/bin/seq","-f","%*g","1","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: format '%*g' has unknown %* directive\n"}
case	{"argv":["/usr/bin/seq","-w","+1","2"],"status":0,"stdout":"1\n2\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w",".5","1.5"],"status":0,"stdout":"0.5\n1.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","-.5","1","1"],"status":0,"stdout":"-0.5\n00.5\n","stderr":""}
case	{"argv":["/usr/bin/seq","-ws,","1","3"],"status":0,"stdout":"1,2,3\n","stderr":""}
case	{"argv":["/usr/bin/seq","-s","-1","3"],"status":0,"stdout":"1-12-13\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","0.1","1.25"],"status":0,"stdout":"1.0\n1.1\n1.2\n","stderr":""}
case	{"argv":["/usr/bin/seq","3","-1.5","0"],"status":0,"stdout":"3.0\n1.5\n0.0\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","1","-1","-1"],"status":0,"stdout":"01\n00\n-1\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","010","0x10"],"status":0,"stdout":"010\n011\n012\n013\n014\n015\n016\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","-0.0","1"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid Zero increment value: '-0.0'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","-f","%.0f","1e3","1e3"],"status":0,"stdout":"1000\n","stderr":""}
case	{"argv":["/usr/bin/seq","1e3","1","1e3"],"status":0,"stdout":"1000\n","stderr":""}
case	{"argv":["/usr/bin/seq","-0","2"],"status":0,"stdout":"-0\n1\n2\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","-0","2"],"status":0,"stdout":"-0\n01\n02\n","stderr":""}
case	{"argv":["/usr/bin/seq","0.1","0.7","3"],"status":0,"stdout":"0.1\n0.8\n1.5\n2.2\n2.9\n","stderr":""}
case	{"argv":["/usr/bin/seq","-3","-1"],"status":0,"stdout":"-3\n-2\n-1\n","stderr":""}
case	{"argv":["/usr/bin/seq","1","2","x"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid floating point argument: 'x'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq"," 1","3"],"status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/seq","1 ","3"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid floating point argument: '1 '\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","-x"],"status":1,"stdout":"","stderr":"/usr/bin/seq: invalid option -- 'x'\nTry '/usr/bin/seq --help' for more information.\n"}
case	{"argv":["/usr/bin/seq","--format=%g","2"],"status":0,"stdout":"1\n2\n","stderr":""}
case	{"argv":["/usr/bin/seq","-w","1","0.25","2"],"status":0,"stdout":"1.00\n1.25\n1.50\n1.75\n2.00\n","stderr":""}
case	{"argv":["/usr/bin/seq","-f","%g","-s","","1","3"],"status":0,"stdout":"123\n","stderr":""}
case	{"argv":["/bin/sh","-c","/usr/bin/seq 100000 | /usr/bin/head -1; echo $\u007bPIPESTATUS:-x}"],"status":0,"stdout":"1\nx\n","stderr":""}
group	{"name":"cat, head, tail, wc","files":{"five":"1\n2\n3\n4\n5\n","n1":"a","n2":"b\n\n\n\nc\n","f":"a\nb\n","d/":"","bin":"\u0001\u007f\t x\r\n","empty":"","long":"line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\n","sp":"a b\tc\n d"}}
case	{"argv":["/usr/bin/cat","five"],"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/cat","d","nx","f"],"status":1,"stdout":"a\nb\n","stderr":"/usr/bin/cat: d: Is a directory\n/usr/bin/cat: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/cat","-n","n1","n2"],"status":0,"stdout":"     1\tab\n     2\t\n     3\t\n     4\t\n     5\tc\n","stderr":""}
case	{"argv":["/usr/bin/cat","-b","n1","n2"],"status":0,"stdout":"     1\tab\n\n\n\n     2\tc\n","stderr":""}
case	{"argv":["/usr/bin/cat","-s","n2","n2"],"status":0,"stdout":"b\n\nc\nb\n\nc\n","stderr":""}
case	{"argv":["/usr/bin/cat","-A","bin"],"status":0,"stdout":"^A^?^I x^M$\n","stderr":""}
case	{"argv":["/usr/bin/cat","-e","bin"],"status":0,"stdout":"^A^?\t x^M$\n","stderr":""}
case	{"argv":["/usr/bin/cat","-t","bin"],"status":0,"stdout":"^A^?^I x^M\n","stderr":""}
case	{"argv":["/usr/bin/cat","-v","bin"],"status":0,"stdout":"^A^?\t x^M\n","stderr":""}
case	{"argv":["/usr/bin/cat","-E","f"],"status":0,"stdout":"a$\nb$\n","stderr":""}
case	{"argv":["/usr/bin/cat","-T","sp"],"status":0,"stdout":"a b^Ic\n d","stderr":""}
case	{"argv":["/usr/bin/cat"],"stdin":"hello\n","status":0,"stdout":"hello\n","stderr":""}
case	{"argv":["/usr/bin/cat","-"],"stdin":"x\n","status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/cat","f","-","f"],"stdin":"mid\n","status":0,"stdout":"a\nb\nmid\na\nb\n","stderr":""}
case	{"argv":["/usr/bin/cat","-z"],"status":1,"stdout":"","stderr":"/usr/bin/cat: invalid option -- 'z'\nTry '/usr/bin/cat --help' for more information.\n"}
case	{"argv":["/usr/bin/cat","--number","f"],"status":0,"stdout":"     1\ta\n     2\tb\n","stderr":""}
case	{"argv":["/usr/bin/cat","-ns","n2"],"status":0,"stdout":"     1\tb\n     2\t\n     3\tc\n","stderr":""}
case	{"argv":["cat f >> f; echo $?; cat f"],"sh":true,"status":0,"stdout":"1\na\nb\n","stderr":"cat: f: input file is output file\n"}
case	{"argv":["/usr/bin/cat five > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"/usr/bin/cat: write error: No space left on device\n"}
case	{"argv":["/usr/bin/head","long"],"status":0,"stdout":"line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\n","stderr":""}
case	{"argv":["/usr/bin/head","-n","3","long"],"status":0,"stdout":"line 1\nline 2\nline 3\n","stderr":""}
case	{"argv":["/usr/bin/head","-3","long"],"status":0,"stdout":"line 1\nline 2\nline 3\n","stderr":""}
case	{"argv":["/usr/bin/head","-c","5","long"],"status":0,"stdout":"line ","stderr":""}
case	{"argv":["/usr/bin/head","-n","-27","long"],"status":0,"stdout":"line 1\nline 2\n","stderr":""}
case	{"argv":["/usr/bin/head","-c","-200","long"],"status":0,"stdout":"line 1\nline 2\nline 3\nli","stderr":""}
case	{"argv":["/usr/bin/head","d","nx","f"],"status":1,"stdout":"==> d <==\n\n==> f <==\na\nb\n","stderr":"/usr/bin/head: error reading 'd': Is a directory\n/usr/bin/head: cannot open 'nx' for reading: No such file or directory\n"}
case	{"argv":["/usr/bin/head","nx","f","d","f"],"status":1,"stdout":"==> f <==\na\nb\n\n==> d <==\n\n==> f <==\na\nb\n","stderr":"/usr/bin/head: cannot open 'nx' for reading: No such file or directory\n/usr/bin/head: error reading 'd': Is a directory\n"}
case	{"argv":["/usr/bin/head","-c1","d","nx","f"],"status":1,"stdout":"==> d <==\n\n==> f <==\na","stderr":"/usr/bin/head: error reading 'd': Is a directory\n/usr/bin/head: cannot open 'nx' for reading: No such file or directory\n"}
case	{"argv":["/usr/bin/head","-n","x","five"],"status":1,"stdout":"","stderr":"/usr/bin/head: invalid number of lines: 'x'\n"}
case	{"argv":["/usr/bin/head","-n","99999999999999999999999","five"],"status":1,"stdout":"","stderr":"/usr/bin/head: invalid number of lines: '99999999999999999999999': Value too large for defined data type\n"}
case	{"argv":["/usr/bin/head","-q","five","f"],"status":0,"stdout":"1\n2\n3\n4\n5\na\nb\n","stderr":""}
case	{"argv":["/usr/bin/head","-v","five"],"status":0,"stdout":"==> five <==\n1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/head","-n","2K","five"],"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/head","-c","1Q","five"],"status":1,"stdout":"","stderr":"/usr/bin/head: invalid number of bytes: '1Q'\n"}
case	{"argv":["/usr/bin/head","-n","+2","five"],"status":0,"stdout":"1\n2\n","stderr":""}
case	{"argv":["/usr/bin/head","-2c","five"],"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/head","-n",""," five"],"status":1,"stdout":"","stderr":"/usr/bin/head: invalid number of lines: ''\n"}
case	{"argv":["/usr/bin/head"],"stdin":"x\ny","status":0,"stdout":"x\ny","stderr":""}
case	{"argv":["/usr/bin/head","-n","0","five"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/head","-c","0","five"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/head","-z","-n","1"],"stdin":"a\u0000b\u0000","status":0,"stdout":"a\u0000","stderr":""}
case	{"argv":["/usr/bin/head","--lines=2","five"],"status":0,"stdout":"1\n2\n","stderr":""}
case	{"argv":["/usr/bin/head","-n","-x","five"],"status":1,"stdout":"","stderr":"/usr/bin/head: invalid number of lines: 'x'\n"}
case	{"argv":["/usr/bin/head","-c","1b","long"],"status":0,"stdout":"line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/head","-n","1","-c","2","five"],"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/head","empty","five"],"status":0,"stdout":"==> empty <==\n\n==> five <==\n1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","long"],"status":0,"stdout":"line 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","3","long"],"status":0,"stdout":"line 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","-3","long"],"status":0,"stdout":"line 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","-c","5","long"],"status":0,"stdout":"e 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","-27","long"],"status":0,"stdout":"line 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","-c","-200","long"],"status":0,"stdout":"ne 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","d","nx","f"],"status":1,"stdout":"==> d <==\n\n==> f <==\na\nb\n","stderr":"/usr/bin/tail: error reading 'd': Is a directory\n/usr/bin/tail: cannot open 'nx' for reading: No such file or directory\n"}
case	{"argv":["/usr/bin/tail","nx","f","d","f"],"status":1,"stdout":"==> f <==\na\nb\n\n==> d <==\n\n==> f <==\na\nb\n","stderr":"/usr/bin/tail: cannot open 'nx' for reading: No such file or directory\n/usr/bin/tail: error reading 'd': Is a directory\n"}
case	{"argv":["/usr/bin/tail","-c1","d","nx","f"],"status":1,"stdout":"==> d <==\n","stderr":"/usr/bin/tail: error reading 'd': Is a directory\n"}
case	{"argv":["/usr/bin/tail","-n","x","five"],"status":1,"stdout":"","stderr":"/usr/bin/tail: invalid number of lines: 'x'\n"}
case	{"argv":["/usr/bin/tail","-n","99999999999999999999999","five"],"status":1,"stdout":"","stderr":"/usr/bin/tail: invalid number of lines: '99999999999999999999999': Value too large for defined data type\n"}
case	{"argv":["/usr/bin/tail","-q","five","f"],"status":0,"stdout":"1\n2\n3\n4\n5\na\nb\n","stderr":""}
case	{"argv":["/usr/bin/tail","-v","five"],"status":0,"stdout":"==> five <==\n1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","2K","five"],"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-c","1Q","five"],"status":1,"stdout":"","stderr":"/usr/bin/tail: invalid number of bytes: '1Q'\n"}
case	{"argv":["/usr/bin/tail","-n","+2","five"],"status":0,"stdout":"2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-2c","five"],"status":0,"stdout":"5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n",""," five"],"status":1,"stdout":"","stderr":"/usr/bin/tail: invalid number of lines: ''\n"}
case	{"argv":["/usr/bin/tail","-n","1","-","-"],"stdin":"a\nb\nc\n","status":0,"stdout":"==> standard input <==\nc\n\n==> standard input <==\n","stderr":""}
case	{"argv":["/usr/bin/tail"],"stdin":"x\ny","status":0,"stdout":"x\ny","stderr":""}
case	{"argv":["/usr/bin/tail","-n","0","five"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/tail","-c","0","five"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/tail","-z","-n","1"],"stdin":"a\u0000b\u0000","status":0,"stdout":"b\u0000","stderr":""}
case	{"argv":["/usr/bin/tail","--lines=2","five"],"status":0,"stdout":"4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","-x","five"],"status":1,"stdout":"","stderr":"/usr/bin/tail: invalid number of lines: 'x'\n"}
case	{"argv":["/usr/bin/tail","-c","1b","long"],"status":0,"stdout":"line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","1","-c","2","five"],"status":0,"stdout":"5\n","stderr":""}
case	{"argv":["/usr/bin/tail","empty","five"],"status":0,"stdout":"==> empty <==\n\n==> five <==\n1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","+4","five"],"status":0,"stdout":"4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","+0","five"],"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-c","+8","five"],"status":0,"stdout":"\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-c","-2","five"],"status":0,"stdout":"5\n","stderr":""}
case	{"argv":["/usr/bin/tail","+2c","five"],"status":0,"stdout":"\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/tail","-n","1"],"stdin":"a\nb","status":0,"stdout":"b","stderr":""}
case	{"argv":["/usr/bin/tail","-n","2"],"stdin":"a\nb\n\n","status":0,"stdout":"b\n\n","stderr":""}
case	{"argv":["(head -n 1; cat) < five"],"sh":true,"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["(head -c 3; echo; cat) < five"],"sh":true,"status":0,"stdout":"1\n2\n\n3\n4\n5\n","stderr":""}
case	{"argv":["(head -n -2; echo x; cat) < five"],"sh":true,"status":0,"stdout":"1\n2\n3\nx\n4\n5\n","stderr":""}
case	{"argv":["(tail -n 2; echo y; cat) < five"],"sh":true,"status":0,"stdout":"4\n5\ny\n","stderr":""}
case	{"argv":["(tail -n +4; echo z; cat) < five"],"sh":true,"status":0,"stdout":"4\n5\nz\n","stderr":""}
case	{"argv":["/usr/bin/seq 100000 | /usr/bin/head -1"],"sh":true,"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/seq 100000 | /usr/bin/tail -2"],"sh":true,"status":0,"stdout":"99999\n100000\n","stderr":""}
case	{"argv":["/usr/bin/seq 10000 | /usr/bin/head -n -9998"],"sh":true,"status":0,"stdout":"1\n2\n","stderr":""}
case	{"argv":["/usr/bin/wc","five"],"status":0,"stdout":" 5  5 10 five\n","stderr":""}
case	{"argv":["/usr/bin/wc","-l","five"],"status":0,"stdout":"5 five\n","stderr":""}
case	{"argv":["/usr/bin/wc","-l"],"stdin":"a\nb\n","status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/wc","five","five"],"status":0,"stdout":" 5  5 10 five\n 5  5 10 five\n10 10 20 total\n","stderr":""}
case	{"argv":["/usr/bin/wc","-c","five","f"],"status":0,"stdout":"10 five\n 4 f\n14 total\n","stderr":""}
case	{"argv":["/usr/bin/wc","-m","five"],"status":0,"stdout":"10 five\n","stderr":""}
case	{"argv":["/usr/bin/wc","-L","five"],"status":0,"stdout":"1 five\n","stderr":""}
case	{"argv":["/usr/bin/wc","-lwmcL","five"],"status":0,"stdout":" 5  5 10 10  1 five\n","stderr":""}
case	{"argv":["/usr/bin/wc","-w"],"stdin":"\u0001\u0002 x\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/wc","nx"],"status":1,"stdout":"","stderr":"/usr/bin/wc: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/wc","nx","five"],"status":1,"stdout":" 5  5 10 five\n 5  5 10 total\n","stderr":"/usr/bin/wc: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/wc","-l","d","five"],"status":1,"stdout":"      0 d\n      5 five\n      5 total\n","stderr":"/usr/bin/wc: d: Is a directory\n"}
case	{"argv":["/usr/bin/wc","-c","/dev/null"],"status":0,"stdout":"0 /dev/null\n","stderr":""}
case	{"argv":["/usr/bin/wc","/dev/null","/dev/null"],"status":0,"stdout":"      0       0       0 /dev/null\n      0       0       0 /dev/null\n      0       0       0 total\n","stderr":""}
case	{"argv":["/usr/bin/wc","-L"],"stdin":"a\tb\n","status":0,"stdout":"9\n","stderr":""}
case	{"argv":["/usr/bin/wc","-L"],"stdin":"ab\rc\n","status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/wc","-l"],"stdin":"abc","status":0,"stdout":"0\n","stderr":""}
case	{"argv":["/usr/bin/wc","empty"],"status":0,"stdout":"0 0 0 empty\n","stderr":""}
case	{"argv":["/usr/bin/wc","-w","sp","bin"],"status":0,"stdout":" 4 sp\n 1 bin\n 5 total\n","stderr":""}
case	{"argv":["/usr/bin/wc","-x"],"status":1,"stdout":"","stderr":"/usr/bin/wc: invalid option -- 'x'\nTry '/usr/bin/wc --help' for more information.\n"}
case	{"argv":["wc < five; wc -l < five"],"sh":true,"status":0,"stdout":" 5  5 10\n5\n","stderr":""}
case	{"argv":["cat five | wc; cat five | wc -l"],"sh":true,"status":0,"stdout":"      5       5      10\n5\n","stderr":""}
group	{"name":"tr, cut, uniq, sort, tee","files":{"five":"1\n2\n3\n4\n5\n","f":"a\nb\n","d/":"","u":"a\na\nb\nc\nc\nc\n","pw":"root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/bin:/usr/sbin/nologin\nnodelim\n"}}
case	{"argv":["/usr/bin/tr","a-z","A-Z"],"stdin":"hello","status":0,"stdout":"HELLO","stderr":""}
case	{"argv":["/usr/bin/tr","-d","lo"],"stdin":"hello world","status":0,"stdout":"he wrd","stderr":""}
case	{"argv":["/usr/bin/tr","-s","ab"],"stdin":"aaabbbccc","status":0,"stdout":"abccc","stderr":""}
case	{"argv":["/usr/bin/tr","-c","l","x"],"stdin":"hello","status":0,"stdout":"xxllx","stderr":""}
case	{"argv":["/usr/bin/tr","-cd","l"],"stdin":"hello","status":0,"stdout":"ll","stderr":""}
case	{"argv":["/usr/bin/tr","-s"," "],"stdin":"aab  cc","status":0,"stdout":"aab cc","stderr":""}
case	{"argv":["/usr/bin/tr","abc","xy"],"stdin":"abc","status":0,"stdout":"xyy","stderr":""}
case	{"argv":["/usr/bin/tr","ab","xyz"],"stdin":"abc","status":0,"stdout":"xyc","stderr":""}
case	{"argv":["/usr/bin/tr","-t","abc","xy"],"stdin":"abc","status":0,"stdout":"xyc","stderr":""}
case	{"argv":["/usr/bin/tr","[:digit:]","#"],"stdin":"a1b2","status":0,"stdout":"a#b#","stderr":""}
case	{"argv":["/usr/bin/tr","[:lower:]","[:upper:]"],"stdin":"Hello","status":0,"stdout":"HELLO","stderr":""}
case	{"argv":["/usr/bin/tr","[:upper:]","[:lower:]"],"stdin":"Hello","status":0,"stdout":"hello","stderr":""}
case	{"argv":["/usr/bin/tr","a-c","[x*]"],"stdin":"abc","status":0,"stdout":"xxx","stderr":""}
case	{"argv":["/usr/bin/tr","a-f","xy[z*2]w"],"stdin":"abcdef","status":0,"stdout":"xyzzww","stderr":""}
case	{"argv":["/usr/bin/tr",".","\\n"],"stdin":"a.b","status":0,"stdout":"a\nb","stderr":""}
case	{"argv":["/usr/bin/tr","\\\\","/"],"stdin":"a\\b","status":0,"stdout":"a/b","stderr":""}
case	{"argv":["/usr/bin/tr","\\141","z"],"stdin":"abc","status":0,"stdout":"zbc","stderr":""}
case	{"argv":["/usr/bin/tr","-d"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: missing operand\nTry '/usr/bin/tr --help' for more information.\n"}
case	{"argv":["/usr/bin/tr"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: missing operand\nTry '/usr/bin/tr --help' for more information.\n"}
case	{"argv":["/usr/bin/tr","a"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry '/usr/bin/tr --help' for more information.\n"}
case	{"argv":["/usr/bin/tr","-d","a","b"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\nTry '/usr/bin/tr --help' for more information.\n"}
case	{"argv":["/usr/bin/tr","z-a","x"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: range-endpoints of 'z-a' are in reverse collating sequence order\n"}
case	{"argv":["/usr/bin/tr","[:alpha:]","x"],"stdin":"abc","status":0,"stdout":"xxx","stderr":""}
case	{"argv":["/usr/bin/tr","a","[:upper:]"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: misaligned [:upper:] and/or [:lower:] construct\n"}
case	{"argv":["/usr/bin/tr","-s","a","b"],"stdin":"aaa","status":0,"stdout":"b","stderr":""}
case	{"argv":["/usr/bin/tr","-ds","a","x"],"stdin":"xaay","status":0,"stdout":"xy","stderr":""}
case	{"argv":["/usr/bin/tr","[=a=]","z"],"stdin":"abc","status":0,"stdout":"zbc","stderr":""}
case	{"argv":["/usr/bin/tr","[:foo:]","z"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: invalid character class 'foo'\n"}
case	{"argv":["/usr/bin/tr","a-","xy"],"stdin":"a-b","status":0,"stdout":"xyb","stderr":""}
case	{"argv":["/usr/bin/tr","-c","[:alpha:]","\\n"],"stdin":"abc\n","status":0,"stdout":"abc\n","stderr":""}
case	{"argv":["/usr/bin/tr","[a*]","x"],"stdin":"ab","status":1,"stdout":"","stderr":"/usr/bin/tr: the [c*] repeat construct may not appear in string1\n"}
case	{"argv":["/usr/bin/tr","a","[b*3][c*]"],"stdin":"ab","status":0,"stdout":"bb","stderr":""}
case	{"argv":["/usr/bin/tr","a-z","[:upper:]"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: misaligned [:upper:] and/or [:lower:] construct\n"}
case	{"argv":["/usr/bin/tr","[:digit:]","[:alpha:]"],"stdin":"a1","status":1,"stdout":"","stderr":"/usr/bin/tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n"}
case	{"argv":["/usr/bin/tr","[:lower:]","[:lower:]"],"stdin":"abc","status":0,"stdout":"abc","stderr":""}
case	{"argv":["/usr/bin/tr","a\\","xy"],"stdin":"ab\\","status":0,"stdout":"xby","stderr":"/usr/bin/tr: warning: an unescaped backslash at end of string is not portable\n"}
case	{"argv":["/usr/bin/tr","a",""],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: when not truncating set1, string2 must be non-empty\n"}
case	{"argv":["/usr/bin/tr","-s","abc","xyz"],"stdin":"aabbcc","status":0,"stdout":"xyz","stderr":""}
case	{"argv":["/usr/bin/tr","-s","ab","x"],"stdin":"aabbcc","status":0,"stdout":"xcc","stderr":""}
case	{"argv":["/usr/bin/tr","[b*2]","x"],"stdin":"abc","status":0,"stdout":"axc","stderr":""}
case	{"argv":["/usr/bin/tr","abc","[x*010]"],"stdin":"abc","status":0,"stdout":"xxx","stderr":""}
case	{"argv":["/usr/bin/tr","a-j","[x*010]y"],"stdin":"abcdefghij","status":0,"stdout":"xxxxxxxxyy","stderr":""}
case	{"argv":["/usr/bin/tr","-c","a","[x*]y"],"stdin":"ab","status":0,"stdout":"ax","stderr":""}
case	{"argv":["/usr/bin/tr","[:punct:]","_"],"stdin":"a:b","status":0,"stdout":"a_b","stderr":""}
case	{"argv":["/usr/bin/tr","\\q","x"],"stdin":"ab","status":0,"stdout":"ab","stderr":""}
case	{"argv":["/usr/bin/tr","a-c","[:upper:][x*]"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: misaligned [:upper:] and/or [:lower:] construct\n"}
case	{"argv":["/usr/bin/tr","[:upper:]","[:lower:]"],"stdin":"AbC","status":0,"stdout":"abc","stderr":""}
case	{"argv":["/usr/bin/tr","-c","[:lower:]","[:upper:]"],"stdin":"xyz","status":1,"stdout":"","stderr":"/usr/bin/tr: when translating with string1 longer than string2,\nthe latter string must not end with a character class\n"}
case	{"argv":["/usr/bin/tr","-d","[:lower:]","extra"],"stdin":"hello","status":1,"stdout":"","stderr":"/usr/bin/tr: extra operand 'extra'\nOnly one string may be given when deleting without squeezing repeats.\nTry '/usr/bin/tr --help' for more information.\n"}
case	{"argv":["/usr/bin/tr","[a-c]","x"],"stdin":"abc","status":0,"stdout":"xxx","stderr":""}
case	{"argv":["/usr/bin/tr","[a-c]","xyzuv"],"stdin":"[abc]","status":0,"stdout":"xyzuv","stderr":""}
case	{"argv":["/usr/bin/tr","[","x"],"stdin":"a","status":0,"stdout":"a","stderr":""}
case	{"argv":["/usr/bin/tr","a]","xy"],"stdin":"ab]","status":0,"stdout":"xby","stderr":""}
case	{"argv":["/usr/bin/tr","[:alpha:]","[x*1]"],"stdin":"abc","status":0,"stdout":"xxx","stderr":""}
case	{"argv":["/usr/bin/tr","-dc","a"],"stdin":"ab","status":0,"stdout":"a","stderr":""}
case	{"argv":["/usr/bin/tr","aa","xy"],"stdin":"aa","status":0,"stdout":"yy","stderr":""}
case	{"argv":["/usr/bin/tr","[b*2x]","y"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: invalid repeat count '2x' in [c*n] construct\n"}
case	{"argv":["/usr/bin/tr","a","[b*2x]"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: invalid repeat count '2x' in [c*n] construct\n"}
case	{"argv":["/usr/bin/tr","-s"],"stdin":"ab","status":1,"stdout":"","stderr":"/usr/bin/tr: missing operand\nTry '/usr/bin/tr --help' for more information.\n"}
case	{"argv":["/usr/bin/tr","[:cntrl:]","?"],"stdin":"x\u0001y\u007f","status":0,"stdout":"x?y?","stderr":""}
case	{"argv":["/usr/bin/tr","[=ab=]","x"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: ab: equivalence class operand must be a single character\n"}
case	{"argv":["/usr/bin/tr","a-y","b-z"],"stdin":"hello","status":0,"stdout":"ifmmp","stderr":""}
case	{"argv":["/usr/bin/tr","-t","a-c","[:upper:]"],"stdin":"abc","status":1,"stdout":"","stderr":"/usr/bin/tr: misaligned [:upper:] and/or [:lower:] construct\n"}
case	{"argv":["/usr/bin/tr","-c","[:lower:]","-"],"stdin":"aXb","status":0,"stdout":"a-b","stderr":""}
case	{"argv":["/usr/bin/tr","-cs","[:lower:]","\\n"],"stdin":"aXb\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/tr","-s","[:space:]"],"stdin":"a  b\n","status":0,"stdout":"a b\n","stderr":""}
case	{"argv":["/usr/bin/tr","\\400","x"],"stdin":"q","status":0,"stdout":"q","stderr":"/usr/bin/tr: warning: the ambiguous octal escape \\400 is being\n\tinterpreted as the 2-byte sequence \\040, 0\n"}
case	{"argv":["/usr/bin/tr","\\1010","x"],"stdin":"ab","status":0,"stdout":"ab","stderr":""}
case	{"argv":["/usr/bin/cut","-c","2-4"],"stdin":"abcdef\n","status":0,"stdout":"bcd\n","stderr":""}
case	{"argv":["/usr/bin/cut","-b","1,3,5-"],"stdin":"abcdef\n","status":0,"stdout":"acef\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","-2,5-"],"stdin":"abcdef\n","status":0,"stdout":"abef\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f2"],"stdin":"a:b:c\nnodelim\n","status":0,"stdout":"b\nnodelim\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f2","-s"],"stdin":"a:b:c\nnodelim\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f1,3"],"stdin":"a:b:c\n","status":0,"stdout":"a:c\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f3,1"],"stdin":"a:b:c\n","status":0,"stdout":"a:c\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f2-","--output-delimiter=XX"],"stdin":"a:b:c\n","status":0,"stdout":"bXXc\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","1-2,4-5","--output-delimiter=:"],"stdin":"abcdef\n","status":0,"stdout":"ab:de\n","stderr":""}
case	{"argv":["/usr/bin/cut","-f2"],"stdin":"a\tb\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","0"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: byte/character positions are numbered from 1\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","x"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid byte/character position 'x'\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","3-1"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid decreasing range\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","-"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid range with no endpoint: -\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: you must specify a list of bytes, characters, or fields\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","1","-f","1"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: only one list may be specified\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","1","-d",":"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: an input delimiter may be specified only when operating on fields\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","1","-s"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-d","ab","-f1"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: the delimiter must be a single character\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","2"],"stdin":"abc","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d",":","-f","1","--complement"],"stdin":"a:b\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","2-3","--complement"],"stdin":"abcdef\n","status":0,"stdout":"adef\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f2"],"stdin":"a::b\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/cut","-f1","-d",""],"stdin":"a:b\n","status":0,"stdout":"a:b\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","1,,2"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: byte/character positions are numbered from 1\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","1 2"],"stdin":"abc\n","status":0,"stdout":"ab\n","stderr":""}
case	{"argv":["/usr/bin/cut","-f","99999999999999999999"],"stdin":"abc\n","status":1,"stdout":"","stderr":"/usr/bin/cut: field number '99999999999999999999' is too large\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-d:","-f","2-3,1"],"stdin":"a:b:c:d\n","status":0,"stdout":"a:b:c\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","2-2,1-3"],"stdin":"abc\n","status":0,"stdout":"abc\n","stderr":""}
case	{"argv":["/usr/bin/cut","-f1","-d:"],"stdin":"x\n","status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/cut","-f","1","-z"],"stdin":"ab","status":0,"stdout":"ab\u0000","stderr":""}
case	{"argv":["/usr/bin/cut","-f","0"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: fields are numbered from 1\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-f","x"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid field value 'x'\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-f","2-1"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid decreasing range\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-f","1-x"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid field value 'x'\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","99999999999999999999"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: byte/character offset '99999999999999999999' is too large\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-f","1,"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: fields are numbered from 1\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-f",",1"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: fields are numbered from 1\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-f","1-2-3"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid field range\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","1-2-3"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/cut: invalid byte or character range\nTry '/usr/bin/cut --help' for more information.\n"}
case	{"argv":["/usr/bin/cut","-c","2-","--complement"],"stdin":"abc\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","--output-delimiter=-","-f-2"],"stdin":"a:b:c\n","status":0,"stdout":"a-b\n","stderr":""}
case	{"argv":["/usr/bin/cut","-b","1","-n"],"stdin":"abc\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","1,3","--output-delimiter=:"],"stdin":"abc\n","status":0,"stdout":"a:c\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","4-,2"],"stdin":"abcdef\n","status":0,"stdout":"bdef\n","stderr":""}
case	{"argv":["/usr/bin/cut","-c","5-"],"stdin":"abc\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f","3"],"stdin":"a:b\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f","3","-s"],"stdin":"a:b\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/cut","-d:","-f1,7","pw"],"status":0,"stdout":"root:/bin/bash\nbin:/usr/sbin/nologin\nnodelim\n","stderr":""}
case	{"argv":["/usr/bin/cut","-f1","nx","f"],"status":1,"stdout":"a\nb\n","stderr":"/usr/bin/cut: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/cut","-c1","d","f"],"status":1,"stdout":"a\nb\n","stderr":"/usr/bin/cut: d: Is a directory\n"}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"a\na\nb\nc\nc\nc\n","status":0,"stdout":"      2 a\n      1 b\n      3 c\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-d"],"stdin":"a\na\nb\nc\nc\n","status":0,"stdout":"a\nc\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u"],"stdin":"a\na\nb\nc\nc\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-i"],"stdin":"a\nA\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"a\na","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-cd"],"stdin":"a\na\n","status":0,"stdout":"      2 a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f","1"],"stdin":"x a\ny a\n","status":0,"stdout":"x a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s","1"],"stdin":"xa\nya\n","status":0,"stdout":"xa\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w","1"],"stdin":"ab\nac\n","status":0,"stdout":"ab\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-D"],"stdin":"a\na\nb\n","status":0,"stdout":"a\na\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-f","x"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: x: invalid number of fields to skip\n"}
case	{"argv":["/usr/bin/uniq","-w","x"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: x: invalid number of bytes to compare\n"}
case	{"argv":["/usr/bin/uniq","-s","x"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: x: invalid number of bytes to skip\n"}
case	{"argv":["/usr/bin/uniq","-D","--all-repeated=separate"],"stdin":"a\nb\nb\nc\nc\n","status":0,"stdout":"b\nb\n\nc\nc\n","stderr":""}
case	{"argv":["/usr/bin/uniq","--all-repeated=prepend"],"stdin":"a\nb\nb\nc\nc\n","status":0,"stdout":"\nb\nb\n\nc\nc\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-D"],"stdin":"a\na\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: printing all duplicated lines and repeat counts is meaningless\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/uniq","-u","-d"],"stdin":"a\nb\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"\n\n","status":0,"stdout":"      2 \n","stderr":""}
case	{"argv":["/usr/bin/uniq","a","b","c"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: extra operand 'c'\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/uniq","-f1"],"stdin":"a  x\nb x\n","status":0,"stdout":"a  x\nb x\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-z"],"stdin":"a\na\nb\n","status":0,"stdout":"a\na\nb\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-zc"],"stdin":"a\u0000a\u0000b\u0000","status":0,"stdout":"      2 a\u0000      1 b\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","u"],"status":0,"stdout":"a\nb\nc\n","stderr":""}
case	{"argv":["/usr/bin/uniq","d"],"status":1,"stdout":"","stderr":"/usr/bin/uniq: error reading 'd'\n"}
case	{"argv":["/usr/bin/uniq","nx"],"status":1,"stdout":"","stderr":"/usr/bin/uniq: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/uniq","u","/dev/full"],"status":1,"stdout":"","stderr":"/usr/bin/uniq: write error: No space left on device\n"}
case	{"argv":["uniq u out; cat out"],"sh":true,"status":0,"stdout":"a\nb\nc\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-D","--all-repeated=bogus"],"status":1,"stdout":"","stderr":"/usr/bin/uniq: invalid argument 'bogus' for '--all-repeated'\nValid arguments are:\n  - 'none'\n  - 'prepend'\n  - 'separate'\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/sort"],"stdin":"b\na\nc\n","status":0,"stdout":"a\nb\nc\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n"],"stdin":"10\n9\n-1\n1e3\nabc\n 5\n","status":0,"stdout":"-1\nabc\n1e3\n 5\n9\n10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2n"],"stdin":"b 2\na 10\nc 1\n","status":0,"stdout":"c 1\nb 2\na 10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2"],"stdin":"b 2\na 10\nc 1\n","status":0,"stdout":"c 1\na 10\nb 2\n","stderr":""}
case	{"argv":["/usr/bin/sort","-t:","-k2"],"stdin":"a:3\nb:1\nc:2\n","status":0,"stdout":"b:1\nc:2\na:3\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u"],"stdin":"a\nb\na\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f"],"stdin":"a\nB\nb\nA\n","status":0,"stdout":"A\na\nB\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-fu"],"stdin":"a\nB\nb\nA\n","status":0,"stdout":"a\nB\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r"],"stdin":"x\ny\n","status":0,"stdout":"y\nx\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k0"],"stdin":"a\n","status":2,"stdout":"","stderr":"/usr/bin/sort: field number is zero: invalid field specification '0'\n"}
case	{"argv":["/usr/bin/sort","-k1.0"],"stdin":"a\n","status":2,"stdout":"","stderr":"/usr/bin/sort: character offset is zero: invalid field specification '1.0'\n"}
case	{"argv":["/usr/bin/sort","-k","1,0"],"stdin":"a\n","status":2,"stdout":"","stderr":"/usr/bin/sort: field number is zero: invalid field specification '1,0'\n"}
case	{"argv":["/usr/bin/sort","-t","ab"],"stdin":"a\n","status":2,"stdout":"","stderr":"/usr/bin/sort: multi-character tab 'ab'\n"}
case	{"argv":["/usr/bin/sort","-t",""],"stdin":"a\n","status":2,"stdout":"","stderr":"/usr/bin/sort: empty tab\n"}
case	{"argv":["/usr/bin/sort","-k","x"],"stdin":"a\n","status":2,"stdout":"","stderr":"/usr/bin/sort: invalid number at field start: invalid count at start of 'x'\n"}
case	{"argv":["/usr/bin/sort","-k1,1x"],"stdin":"a b\n","status":2,"stdout":"","stderr":"/usr/bin/sort: stray character in field spec: invalid field specification '1,1x'\n"}
case	{"argv":["/usr/bin/sort","-c"],"stdin":"b\na\n","status":1,"stdout":"","stderr":"/usr/bin/sort: -:2: disorder: a\n"}
case	{"argv":["/usr/bin/sort","-c"],"stdin":"a\nb\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sort","-C"],"stdin":"b\na\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sort","-h"],"stdin":"1K\n2M\n3\n1G\n","status":0,"stdout":"3\n1K\n2M\n1G\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n"],"stdin":"1.5\n1.10\n1.05\n","status":0,"stdout":"1.05\n1.10\n1.5\n","stderr":""}
case	{"argv":["/usr/bin/sort","-nu"],"stdin":"1\n01\n1.0\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-M"],"stdin":"Feb\nJan\nxyz\n","status":0,"stdout":"xyz\nJan\nFeb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V"],"stdin":"1.10\n1.9\n1.2\n","status":0,"stdout":"1.2\n1.9\n1.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b"],"stdin":"  b\na\n","status":0,"stdout":"a\n  b\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2b"],"stdin":"a b\na  c\n","status":0,"stdout":"a b\na  c\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g"],"stdin":"1e2\n5\n","status":0,"stdout":"5\n1e2\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2,2","-k3r"],"stdin":"a b c\na a d\n","status":0,"stdout":"a a d\na b c\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1n"],"stdin":" 10\n9\n","status":0,"stdout":"9\n 10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1,1","-r"],"stdin":"b\na\n","status":0,"stdout":"b\na\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1,1","-u"],"stdin":"a 1\na 2\nb 1\n","status":0,"stdout":"a 1\nb 1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-s"],"stdin":"1\n1.0\n","status":0,"stdout":"1\n1.0\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n"],"stdin":"-0\n0\n+1\n","status":0,"stdout":"+1\n-0\n0\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2,1.1"],"stdin":"a\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2"],"stdin":"ab cd\nab ce\n","status":0,"stdout":"ab cd\nab ce\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2,1.2","-u"],"stdin":"xa\nya\n","status":0,"stdout":"xa\n","stderr":""}
case	{"argv":["/usr/bin/sort","-t","\\t","-k2"],"stdin":"a\tb\nc d\n","status":2,"stdout":"","stderr":"/usr/bin/sort: multi-character tab '\\\\t'\n"}
case	{"argv":["/usr/bin/sort","-o"],"stdin":"b\na\n","status":2,"stdout":"","stderr":"/usr/bin/sort: option requires an argument -- 'o'\nTry '/usr/bin/sort --help' for more information.\n"}
case	{"argv":["/usr/bin/sort","-k","2..3"],"stdin":"b\n","status":2,"stdout":"","stderr":"/usr/bin/sort: invalid number after '.': invalid count at start of '.3'\n"}
case	{"argv":["/usr/bin/sort","-k","1.x"],"stdin":"","status":2,"stdout":"","stderr":"/usr/bin/sort: invalid number after '.': invalid count at start of 'x'\n"}
case	{"argv":["/usr/bin/sort","-c","-u"],"stdin":"x\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sort","-cu"],"stdin":"a\na\n","status":1,"stdout":"","stderr":"/usr/bin/sort: -:2: disorder: a\n"}
case	{"argv":["/usr/bin/sort","-c","-"],"stdin":"c\nb\na\n","status":1,"stdout":"","stderr":"/usr/bin/sort: -:2: disorder: b\n"}
case	{"argv":["/usr/bin/sort","-rn"],"stdin":"3\n1\n2\n","status":0,"stdout":"3\n2\n1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f","-r"],"stdin":"B\na\n","status":0,"stdout":"B\na\n","stderr":""}
case	{"argv":["/usr/bin/sort","-m"],"stdin":"a\nb\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n"],"stdin":"1 b\n1 a\n2 c\n","status":0,"stdout":"1 a\n1 b\n2 c\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2n","-u"],"stdin":"x 1\nx 1\n","status":0,"stdout":"x 1\n","stderr":""}
case	{"argv":["/usr/bin/sort"],"stdin":"b\na","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-z"],"stdin":"c\u0000a\u0000b\u0000","status":0,"stdout":"a\u0000b\u0000c\u0000","stderr":""}
case	{"argv":["/usr/bin/sort","-t,","-k2,2"],"stdin":"a,b\nc,a\n","status":0,"stdout":"c,a\na,b\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1,1n","-r"],"stdin":"3 c\n1 a\n2 b\n","status":0,"stdout":"1 a\n2 b\n3 c\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2"],"stdin":"x  b\nx a\n","status":0,"stdout":"x  b\nx a\n","stderr":""}
case	{"argv":["/usr/bin/sort","-s","-k2,2"],"stdin":"b 1\na 1\n","status":0,"stdout":"b 1\na 1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2,2"],"stdin":"b 1\na 1\n","status":0,"stdout":"a 1\nb 1\n","stderr":""}
case	{"argv":["/usr/bin/sort"],"stdin":"a\n\nb\n\n","status":0,"stdout":"\n\na\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n"],"stdin":"1.5\n-2\n.5\n-.5\n0\n","status":0,"stdout":"-2\n-.5\n0\n.5\n1.5\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1,1"],"stdin":"2 a\n10 a\n","status":0,"stdout":"10 a\n2 a\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k3"],"stdin":"a b\n","status":0,"stdout":"a b\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2,1.2"],"stdin":"ab\naa\n","status":0,"stdout":"aa\nab\n","stderr":""}
case	{"argv":["/usr/bin/sort","-M"],"stdin":"Apr\nmay\n jan\n","status":0,"stdout":" jan\nApr\nmay\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g"],"stdin":"5\n-inf\nnan\nx\ninf\n","status":0,"stdout":"x\nnan\n-inf\n5\ninf\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h"],"stdin":"1M\n-1K\n0\n-2M\n","status":0,"stdout":"-2M\n-1K\n0\n1M\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V"],"stdin":"a-1\na-10\na-2\n","status":0,"stdout":"a-1\na-2\na-10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-d"],"stdin":"a!b\nab\n","status":0,"stdout":"a!b\nab\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1,1","-k2,2"],"stdin":"zz\naa\n","status":0,"stdout":"aa\nzz\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k","1"],"stdin":"b\na\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","--key=1,1","--reverse"],"stdin":"b\na\n","status":0,"stdout":"b\na\n","stderr":""}
case	{"argv":["/usr/bin/sort","nx"],"status":2,"stdout":"","stderr":"/usr/bin/sort: cannot read: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/sort","d"],"status":2,"stdout":"","stderr":"/usr/bin/sort: read failed: d: Is a directory\n"}
case	{"argv":["/usr/bin/sort","five","f"],"status":0,"stdout":"1\n2\n3\n4\n5\na\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-o","out","f","five"],"status":0,"stdout":"","stderr":""}
case	{"argv":["sort -o five five; cat five"],"sh":true,"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/sort","f","five","-c"],"status":2,"stdout":"","stderr":"/usr/bin/sort: extra operand 'five' not allowed with -c\n"}
case	{"argv":["/usr/bin/tee"],"stdin":"hi\n","status":0,"stdout":"hi\n","stderr":""}
case	{"argv":["/usr/bin/tee","/dev/full","x1"],"stdin":"hi\n","status":1,"stdout":"hi\n","stderr":"/usr/bin/tee: /dev/full: No space left on device\n"}
case	{"argv":["echo hi | tee x2 > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"tee: 'standard output': No space left on device\n"}
case	{"argv":["echo hi | tee -a x3 x3; cat x3"],"sh":true,"status":0,"stdout":"hi\nhi\nhi\n","stderr":""}
case	{"argv":["echo hi | tee - | cat"],"sh":true,"status":0,"stdout":"hi\n","stderr":""}
case	{"argv":["/usr/bin/tee","d"],"stdin":"x\n","status":1,"stdout":"x\n","stderr":"/usr/bin/tee: d: Is a directory\n"}
case	{"argv":["/usr/bin/tee","-x"],"status":1,"stdout":"","stderr":"/usr/bin/tee: invalid option -- 'x'\nTry '/usr/bin/tee --help' for more information.\n"}
case	{"argv":["echo hi | tee -a f; cat f"],"sh":true,"status":0,"stdout":"hi\na\nb\nhi\n","stderr":""}
group	{"name":"grep","files":{"g":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","five":"1\n2\n3\n4\n5\n","f":"a\nb\n","d/":"","bin":"abc\u0000def\nxyz\n","pats":"1\n\n","rr/":"","rr/s/":"","rr/x":"a\n","rr/s/y":"a\n","words":"foo bar\nfoobar\nbar_foo\nfoo-bar\nFOO\n","lines":"one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n"}}
case	{"argv":["/usr/bin/grep","a\\{2\\}","g"],"status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","\\(ab\\)*","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","*a","g"],"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/grep","\\(*a\\)","g"],"status":0,"stdout":"*a\n","stderr":""}
case	{"argv":["/usr/bin/grep","a**","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","^*","g"],"status":0,"stdout":"*a\n","stderr":""}
case	{"argv":["/usr/bin/grep","a^b","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","a$b","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{2}","g"],"status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{,3}b","g"],"status":0,"stdout":"a*b\nab\nabab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","{1}","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":"/usr/bin/grep: warning: {...} at start of expression\n"}
case	{"argv":["/usr/bin/grep","-E","a{","g"],"status":0,"stdout":"a{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{x}","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","()","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a|","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","+a","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":"/usr/bin/grep: warning: + at start of expression\n"}
case	{"argv":["/usr/bin/grep","-E","*a","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":"/usr/bin/grep: warning: * at start of expression\n"}
case	{"argv":["/usr/bin/grep","-E","a**","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a+?","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","\\a","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","\\.","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","a\\","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Trailing backslash\n"}
case	{"argv":["/usr/bin/grep","[a","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Unmatched [, [^, [:, [., or [=\n"}
case	{"argv":["/usr/bin/grep","[:space:]","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: character class syntax is [[:space:]], not [:space:]\n"}
case	{"argv":["/usr/bin/grep","[[:foo:]]","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid character class name\n"}
case	{"argv":["/usr/bin/grep","[z-a]","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid range end\n"}
case	{"argv":["/usr/bin/grep","\\(a","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Unmatched ( or \\(\n"}
case	{"argv":["/usr/bin/grep","a\\)","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Unmatched ) or \\)\n"}
case	{"argv":["/usr/bin/grep","-E","(a","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Unmatched ( or \\(\n"}
case	{"argv":["/usr/bin/grep","-E","a)","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","\\1","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid back reference\n"}
case	{"argv":["/usr/bin/grep","-E","(a)\\2","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid back reference\n"}
case	{"argv":["/usr/bin/grep","a\\{1","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Unmatched \\{\n"}
case	{"argv":["/usr/bin/grep","a\\{1,0\\}","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid content of \\{\\}\n"}
case	{"argv":["/usr/bin/grep","-E","a{1,0}","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid content of \\{\\}\n"}
case	{"argv":["/usr/bin/grep","a\\{x\\}","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid content of \\{\\}\n"}
case	{"argv":["/usr/bin/grep","-E","a{99999}","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Regular expression too big\n"}
case	{"argv":["/usr/bin/grep","-w","a","g"],"status":0,"stdout":"a*b\n*a\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-x","aa","g"],"status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","\\<a","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","\\w\\W","g"],"status":0,"stdout":"a*b\n{1}\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{1}{2}","g"],"status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","x\\|*a","g"],"status":0,"stdout":"*a\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{1,2","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{,}","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","a\\{,2\\}b","g"],"status":0,"stdout":"a*b\nab\nabab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","^*a","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":"/usr/bin/grep: warning: * at start of expression\n"}
case	{"argv":["/usr/bin/grep","-E","a|*b","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":"/usr/bin/grep: warning: * at start of expression\n"}
case	{"argv":["/usr/bin/grep","-E","(+a)","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":"/usr/bin/grep: warning: + at start of expression\n"}
case	{"argv":["/usr/bin/grep","-E","a{1","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","{","g"],"status":0,"stdout":"{1}\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{1,2}{3}","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","[[.a.]]b","g"],"status":0,"stdout":"ab\nabab\n","stderr":""}
case	{"argv":["/usr/bin/grep","[[=a=]]b","g"],"status":0,"stdout":"ab\nabab\n","stderr":""}
case	{"argv":["/usr/bin/grep","[[.ab.]]","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid collation character\n"}
case	{"argv":["/usr/bin/grep","[a-]","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","[]a]","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","[^]a]","g"],"status":0,"stdout":"a*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","[\\]","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-c","[[:alpha:]-z]","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Invalid range end\n"}
case	{"argv":["/usr/bin/grep","\\{1\\}","g"],"status":0,"stdout":"{1}\n","stderr":""}
case	{"argv":["/usr/bin/grep","a\\?b","g"],"status":0,"stdout":"a*b\nab\nabab\n","stderr":""}
case	{"argv":["/usr/bin/grep","a\\+b","g"],"status":0,"stdout":"ab\nabab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a\\{1\\}","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","\\s","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-F","a*","g"],"status":0,"stdout":"a*b\n","stderr":""}
case	{"argv":["/usr/bin/grep","-F","-x","*a","g"],"status":0,"stdout":"*a\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","a","-e","x","-c","g"],"status":0,"stdout":"7\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","\\d","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","a\\/","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","[a","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Unmatched [, [^, [:, [., or [=\n"}
case	{"argv":["/usr/bin/grep","-E","a]","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","\\","g"],"status":2,"stdout":"","stderr":"/usr/bin/grep: Trailing backslash\n"}
case	{"argv":["/usr/bin/grep",".\\{0\\}x","g"],"status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","(a)(b)\\2","g"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","\\(\\)","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\n{1}\na{\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","(^a)","g"],"status":0,"stdout":"aa\na*b\nab\nabab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","b$|^x","g"],"status":0,"stdout":"a*b\nab\nabab\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","a\\{1\\}\\{2\\}","g"],"status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","\\(a\\)\\{2\\}","g"],"status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","-E","a|ab|abab","g"],"status":0,"stdout":"a\na\na\na\nab\nabab\na\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","a*","g"],"status":0,"stdout":"aa\na\na\na\na\na\na\n","stderr":""}
case	{"argv":["/usr/bin/grep","-on","\\(a\\)\\1","g"],"status":0,"stdout":"1:aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","-i","A","g"],"status":0,"stdout":"aa\na*b\n*a\nab\nabab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-ic","AB","g"],"status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/grep","-v","a","g"],"status":0,"stdout":"{1}\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-vc","a","g"],"status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a(?:b)","g"],"status":1,"stdout":"","stderr":"/usr/bin/grep: warning: ? at start of expression\n"}
case	{"argv":["/usr/bin/grep","-o","[[:punct:]]","g"],"status":0,"stdout":"*\n*\n{\n}\n{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","[[:upper:][:digit:]]","g"],"status":0,"stdout":"{1}\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a|b|x","-o","g"],"status":0,"stdout":"a\na\na\nb\na\na\nb\na\nb\na\nb\na\nx\n","stderr":""}
case	{"argv":["/usr/bin/grep","-x","-E","a|ab","g"],"status":0,"stdout":"ab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-w","-E","a|ab","g"],"status":0,"stdout":"a*b\n*a\nab\na{\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","a."],"stdin":"abacad\n","status":0,"stdout":"ab\nac\nad\n","stderr":""}
case	{"argv":["/usr/bin/grep","-ow","[0-9]"],"stdin":"1 22 3\n","status":0,"stdout":"1\n3\n","stderr":""}
case	{"argv":["/usr/bin/grep","-x","-v",""],"stdin":"\na\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/grep","-io","x"],"stdin":"aXb\n","status":0,"stdout":"X\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","-e","a","-e","ab"],"stdin":"ab\n","status":0,"stdout":"ab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-ob","y"],"stdin":"xyz\n","status":0,"stdout":"1:y\n","stderr":""}
case	{"argv":["/usr/bin/grep","-H","-n","-b","i"],"stdin":"hi\n","status":0,"stdout":"(standard input):1:0:hi\n","stderr":""}
case	{"argv":["/usr/bin/grep","--label=foo","-H","a"],"stdin":"abc\n","status":0,"stdout":"foo:abc\n","stderr":""}
case	{"argv":["/usr/bin/grep","-H","a"],"stdin":"abc\n","status":0,"stdout":"(standard input):abc\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","x*"],"stdin":"abcd\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-c",""],"stdin":"abcd\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","a{0}b","-o"],"stdin":"ab\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/grep","-oE","a{2}"],"stdin":"aaa\n","status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/grep","-A1","-e","a","-e","f"],"stdin":"a\nb\nc\nd\ne\nf\ng\n","status":0,"stdout":"a\nb\n--\nf\ng\n","stderr":""}
case	{"argv":["/usr/bin/grep","-C1","-e","b","-e","f"],"stdin":"a\nb\nc\nd\ne\nf\ng\n","status":0,"stdout":"a\nb\nc\n--\ne\nf\ng\n","stderr":""}
case	{"argv":["/usr/bin/grep","-B2","-n","-e","d","-e","g"],"stdin":"a\nb\nc\nd\ne\nf\ng\n","status":0,"stdout":"2-b\n3-c\n4:d\n5-e\n6-f\n7:g\n","stderr":""}
case	{"argv":["/usr/bin/grep","-2","d"],"stdin":"a\nb\nc\nd\ne\nf\ng\n","status":0,"stdout":"b\nc\nd\ne\nf\n","stderr":""}
case	{"argv":["/usr/bin/grep","-z","b"],"stdin":"a\u0000b\u0000","status":0,"stdout":"b\u0000","stderr":""}
case	{"argv":["/usr/bin/grep","-z","-c","."],"stdin":"a\u0000\nb\n","status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/grep","x"],"stdin":"x\u0080y\n","status":0,"stdout":"x\u0080y\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","x.y"],"stdin":"x\u0080y\n","status":1,"stdout":"0\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","cat\\|category"],"stdin":"the cat\ncategory\n","status":0,"stdout":"cat\ncategory\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","(a|ab)(c|bcd)?","-o"],"stdin":"ab\n","status":0,"stdout":"ab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-F","-o","."],"stdin":"foo.bar\n","status":0,"stdout":".\n","stderr":""}
case	{"argv":["/usr/bin/grep","-i","-F","hello"],"stdin":"Hello\n","status":0,"stdout":"Hello\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","-o","\\b[a-z]+\\b"],"stdin":"aa bb\n","status":0,"stdout":"aa\nbb\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e"],"stdin":"x\n","status":2,"stdout":"","stderr":"/usr/bin/grep: option requires an argument -- 'e'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"}
case	{"argv":["/usr/bin/grep"],"stdin":"x\n","status":2,"stdout":"","stderr":"Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"}
case	{"argv":["/usr/bin/grep","-f","nx","a"],"stdin":"x\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-P","\\d|a"],"stdin":"a\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m","1","-c","."],"stdin":"abc\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m2","a"],"stdin":"a\na\na\n","status":0,"stdout":"a\na\n","stderr":""}
case	{"argv":["/usr/bin/grep","--color=never","a"],"stdin":"ab\n","status":0,"stdout":"ab\n","stderr":""}
case	{"argv":["/usr/bin/grep","-Z","-H","a"],"stdin":"ab\n","status":0,"stdout":"(standard input)\u0000ab\n","stderr":""}
case	{"argv":["/usr/bin/grep","a","bin"],"status":0,"stdout":"","stderr":"/usr/bin/grep: bin: binary file matches\n"}
case	{"argv":["/usr/bin/grep","-c","a","bin"],"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","b","bin"],"status":0,"stdout":"","stderr":"/usr/bin/grep: bin: binary file matches\n"}
case	{"argv":["/usr/bin/grep","x","bin","five"],"status":0,"stdout":"","stderr":"/usr/bin/grep: bin: binary file matches\n"}
case	{"argv":["/usr/bin/grep","-a","a","bin"],"status":0,"stdout":"abc\u0000def\n","stderr":""}
case	{"argv":["/usr/bin/grep","-n","a","bin","five"],"status":0,"stdout":"","stderr":"/usr/bin/grep: bin: binary file matches\n"}
case	{"argv":["/usr/bin/grep","-v","zzz","bin"],"status":0,"stdout":"","stderr":"/usr/bin/grep: bin: binary file matches\n"}
case	{"argv":["/usr/bin/grep","-n","-H","2","five"],"status":0,"stdout":"five:2:2\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","2","five","f"],"status":0,"stdout":"five:1\nf:0\n","stderr":""}
case	{"argv":["/usr/bin/grep","-l","2","five","f","nx"],"status":2,"stdout":"five\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-L","2","five","f"],"status":0,"stdout":"f\n","stderr":""}
case	{"argv":["/usr/bin/grep","-q","2","nx","five"],"status":0,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-s","2","nx"],"status":2,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-m1","-c",".","five"],"status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-A1","3","five"],"status":0,"stdout":"3\n4\n","stderr":""}
case	{"argv":["/usr/bin/grep","-B1","-n","3","five"],"status":0,"stdout":"2-2\n3:3\n","stderr":""}
case	{"argv":["/usr/bin/grep","-C1","-e","2","-e","5","five"],"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/grep","-v","-c","3","five"],"status":0,"stdout":"4\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","-f","pats","five"],"status":0,"stdout":"5\n","stderr":""}
case	{"argv":["/usr/bin/grep","-a","d","f"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-s","a","d","f"],"status":2,"stdout":"f:a\n","stderr":""}
case	{"argv":["/usr/bin/grep","-r","a","d"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-r","a","rr/s"],"status":0,"stdout":"rr/s/y:a\n","stderr":""}
case	{"argv":["cd rr/s && grep -r a"],"sh":true,"status":0,"stdout":"y:a\n","stderr":""}
case	{"argv":["cd rr/s && grep -rc a ."],"sh":true,"status":0,"stdout":"./y:1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","a","-","f"],"stdin":"a\n","status":0,"stdout":"(standard input):1\nf:1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-n","-A1","-B1","-m1","a","f","five"],"status":0,"stdout":"f:1:a\nf-2-b\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","a","-e","b","-o","f"],"status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/grep","-Z","-l","a","f"],"status":0,"stdout":"f\u0000","stderr":""}
case	{"argv":["/usr/bin/grep","-nZ","a","f"],"status":0,"stdout":"1:a\n","stderr":""}
case	{"argv":["/usr/bin/grep","-w","foo","words"],"status":0,"stdout":"foo bar\nfoo-bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-wc","bar","words"],"status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/grep","-x","FOO","words"],"status":0,"stdout":"FOO\n","stderr":""}
case	{"argv":["/usr/bin/grep","-ix","foo","words"],"status":0,"stdout":"FOO\n","stderr":""}
case	{"argv":["/usr/bin/grep","-n","e","lines"],"status":0,"stdout":"1:one\n3:three\n5:five\n7:seven\n8:eight\n9:nine\n10:ten\n","stderr":""}
case	{"argv":["/usr/bin/grep","-A2","-B1","-n","five","lines"],"status":0,"stdout":"4-four\n5:five\n6-six\n7-seven\n","stderr":""}
case	{"argv":["/usr/bin/grep","-C1","t","lines"],"status":0,"stdout":"one\ntwo\nthree\nfour\n--\nseven\neight\nnine\nten\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","-E","^(t|f)","lines"],"status":0,"stdout":"5\n","stderr":""}
case	{"argv":["/usr/bin/grep","-A1","o","lines","f"],"status":0,"stdout":"lines:one\nlines:two\nlines-three\nlines:four\nlines-five\n","stderr":""}
case	{"argv":["/usr/bin/grep","-A1","a","f","f"],"status":0,"stdout":"f:a\nf-b\n--\nf:a\nf-b\n","stderr":""}
case	{"argv":["(grep -m1 2; cat) < five"],"sh":true,"status":0,"stdout":"2\n3\n4\n5\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m","x","a","f"],"status":2,"stdout":"","stderr":"/usr/bin/grep: invalid max count\n"}
case	{"argv":["/usr/bin/grep","-A","x","a","f"],"status":2,"stdout":"","stderr":"/usr/bin/grep: x: invalid context length argument\n"}
case	{"argv":["/usr/bin/grep","--no-such-option"],"status":2,"stdout":"","stderr":"/usr/bin/grep: unrecognized option '--no-such-option'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"}
group	{"name":"sed","files":{"five":"1\n2\n3\n4\n5\n","f":"a\nb\n","d/":"","s1":"l1\nl2\n","s2":"m1\nm2\n","sc":"p\nk\n","sc2":"s/a/X/\n# comment\n$a\\\nend\n","nonl":"x\ny","words":"hello world\nfoo bar baz\n"}}
case	{"argv":["/usr/bin/sed","-n","s/a/b"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 5: unterminated \u0060s' command\n"}
case	{"argv":["/usr/bin/sed","-n","x;k"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 3: unknown command: \u0060k'\n"}
case	{"argv":["/usr/bin/sed","-n","k"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 1: unknown command: \u0060k'\n"}
case	{"argv":["/usr/bin/sed","-n","s/a/b/q"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 7: unknown option to \u0060s'\n"}
case	{"argv":["/usr/bin/sed","-n","/a"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 2: unterminated address regex\n"}
case	{"argv":["/usr/bin/sed","-n","p;p}"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 4: unexpected \u0060}'\n"}
case	{"argv":["/usr/bin/sed","-n","{p"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 0: unmatched \u0060{'\n"}
case	{"argv":["/usr/bin/sed","-n","s/\\(a/b/"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 8: Unmatched ( or \\(\n"}
case	{"argv":["/usr/bin/sed","-n","s/a/\\1/"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 7: invalid reference \\1 on \u0060s' command's RHS\n"}
case	{"argv":["/usr/bin/sed","-n","b foo"],"stdin":"a\nb\n","status":4,"stdout":"","stderr":"/usr/bin/sed: can't find label for jump to \u0060foo'\n"}
case	{"argv":["/usr/bin/sed","-n","y/ab/c/"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 7: strings for \u0060y' command are different lengths\n"}
case	{"argv":["/usr/bin/sed","-n","3,"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 2: unexpected \u0060,'\n"}
case	{"argv":["/usr/bin/sed","-n",",3p"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 1: unknown command: \u0060,'\n"}
case	{"argv":["/usr/bin/sed","-n","s/a/b/gg"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 8: multiple \u0060g' options to \u0060s' command\n"}
case	{"argv":["/usr/bin/sed","-n","s/a/b/3g2"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 9: multiple number options to \u0060s' command\n"}
case	{"argv":["/usr/bin/sed","-n","a"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 1: expected \\ after \u0060a', \u0060c' or \u0060i'\n"}
case	{"argv":["/usr/bin/sed","-n","r"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n"}
case	{"argv":["/usr/bin/sed","-n",": "],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 2: \":\" lacks a label\n"}
case	{"argv":["/usr/bin/sed","-n","=x"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 2: extra characters after command\n"}
case	{"argv":["/usr/bin/sed","-n","dp"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 2: extra characters after command\n"}
case	{"argv":["/usr/bin/sed","-n","q 5 x"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 5: extra characters after command\n"}
case	{"argv":["/usr/bin/sed","-n","1~0p"],"stdin":"a\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","0p"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 2: invalid usage of line address 0\n"}
case	{"argv":["/usr/bin/sed","-n","0,5p"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 4: invalid usage of line address 0\n"}
case	{"argv":["/usr/bin/sed","-n","$!N"],"stdin":"a\nb\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","l 5"],"stdin":"a\nb\n","status":0,"stdout":"a$\nb$\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","s/x/y/w"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 7: missing filename in r/R/w/W commands\n"}
case	{"argv":["/usr/bin/sed","-n","y/a/"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 4: unterminated \u0060y' command\n"}
case	{"argv":["/usr/bin/sed","-n","1,2,3p"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 4: unknown command: \u0060,'\n"}
case	{"argv":["/usr/bin/sed","-n","//p"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 0: no previous regular expression\n"}
case	{"argv":["/usr/bin/sed","-n","w"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n"}
case	{"argv":["/usr/bin/sed","-n","2!p"],"stdin":"a\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1,/b/p"],"stdin":"a\nb\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/a/,/b/p"],"stdin":"a\nb\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","$p"],"stdin":"a\nb\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1~2p"],"stdin":"a\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2~0p"],"stdin":"a\nb\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","0,/a/p"],"stdin":"a\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/b/,+5p"],"stdin":"a\nb\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1,~2p"],"stdin":"a\nb\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","s/a/A/p"],"stdin":"a\nb\n","status":0,"stdout":"A\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","y/ab/AB/;p"],"stdin":"a\nb\n","status":0,"stdout":"A\nB\n","stderr":""}
case	{"argv":["/usr/bin/sed","p"],"stdin":"a","status":0,"stdout":"a\na","stderr":""}
case	{"argv":["/usr/bin/sed","$a\\foo"],"stdin":"a\nb","status":0,"stdout":"a\nb\nfoo\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/x*/-/g"],"stdin":"abc\n","status":0,"stdout":"-a-b-c-\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a*/x/g"],"stdin":"baaac\n","status":0,"stdout":"xbxcx\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/l/L/2"],"stdin":"hello\n","status":0,"stdout":"helLo\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/l/L/2g"],"stdin":"hello\n","status":0,"stdout":"helLo\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/\\w\\+/\\u&/g"],"stdin":"hello world\n","status":0,"stdout":"Hello World\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/.*/\\L&/; s/w/\\U&x\\Ey/"],"stdin":"Hello World\n","status":0,"stdout":"hello WXyorld\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","$="],"stdin":"a\nb\nc\n","status":0,"stdout":"3\n","stderr":""}
case	{"argv":["/usr/bin/sed","N;P;D"],"stdin":"a\nb\nc\n","status":0,"stdout":"a\nb\nc\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","l"],"stdin":"a\tb\\\u0001\n","status":0,"stdout":"a\\tb\\\\\\001$\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","l;l 20"],"stdin":"aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeeeffffffffffgggggggggghhhhhhhhhh\n","status":0,"stdout":"aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeeeffffffffffggggggggg\\\nghhhhhhhhhh$\naaaaaaaaaabbbbbbbbb\\\nbccccccccccdddddddd\\\nddeeeeeeeeeefffffff\\\nfffgggggggggghhhhhh\\\nhhhh$\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2,+1p;4~2p"],"stdin":"1\n2\n3\n4\n5\n","status":0,"stdout":"2\n3\n4\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","0,/1/p"],"stdin":"1\n2\n3\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1,/1/p"],"stdin":"1\n2\n3\n","status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/sed","2q"],"stdin":"1\n2\n3\n","status":0,"stdout":"1\n2\n","stderr":""}
case	{"argv":["/usr/bin/sed","2Q"],"stdin":"1\n2\n3\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/sed","q5"],"stdin":"1\n2\n","status":5,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/sed","$!d"],"stdin":"1\n2\n","status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2{p;p}"],"stdin":"1\n2\n3\n","status":0,"stdout":"2\n2\n","stderr":""}
case	{"argv":["/usr/bin/sed","a\\\nx\\\ny"],"stdin":"1\n2\n","status":0,"stdout":"1\nx\ny\n2\nx\ny\n","stderr":""}
case	{"argv":["/usr/bin/sed","1i\\  hi"],"stdin":"1\n2\n","status":0,"stdout":"  hi\n1\n2\n","stderr":""}
case	{"argv":["/usr/bin/sed","1a hi\\there"],"stdin":"1\n2\n","status":0,"stdout":"1\nhi\there\n2\n","stderr":""}
case	{"argv":["/usr/bin/sed","1,2c\\changed"],"stdin":"1\n2\n3\n","status":0,"stdout":"changed\n3\n","stderr":""}
case	{"argv":["/usr/bin/sed","y/12/ab/"],"stdin":"1\n2\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","s.a\\.b.X."],"stdin":"a.b\n","status":0,"stdout":"X\n","stderr":""}
case	{"argv":["/usr/bin/sed","s|a\\|b|X|"],"stdin":"a|b\n","status":0,"stdout":"X\n","stderr":""}
case	{"argv":["/usr/bin/sed","n;s/a/X/"],"stdin":"a\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","$!N;s/a/X/"],"stdin":"a\n","status":0,"stdout":"X\n","stderr":""}
case	{"argv":["/usr/bin/sed","N;s/a/X/"],"stdin":"a\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","N;s/\\n/-/"],"stdin":"a\nb\nc\n","status":0,"stdout":"a-b\nc\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","N;p"],"stdin":"a\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","s/x/a\\\nb/"],"stdin":"x\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-E","s/(a)(b)/\\2\\1/"],"stdin":"ab\n","status":0,"stdout":"ba\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/\\(a\\)\\(b\\)/\\2\\1/"],"stdin":"ab\n","status":0,"stdout":"ba\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a/b/3"],"stdin":"aaa\n","status":0,"stdout":"aab\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a/&&\\&/"],"stdin":"a\n","status":0,"stdout":"aa&\n","stderr":""}
case	{"argv":["/usr/bin/sed","1!G;h;$!d"],"stdin":"x\n","status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1!G;h;$p"],"stdin":"1\n2\n3\n","status":0,"stdout":"3\n2\n1\n","stderr":""}
case	{"argv":["/usr/bin/sed","y/abc/\\n\\\\x/"],"stdin":"abc\n","status":0,"stdout":"\n\\x\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a/\\t\\x41\\o102\\d67\\cA/"],"stdin":"a\n","status":0,"stdout":"\tABC\u0001\n","stderr":""}
case	{"argv":["/usr/bin/sed","-e","p","-e","k"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #2, char 1: unknown command: \u0060k'\n"}
case	{"argv":["/usr/bin/sed","a foo\\nbar"],"stdin":"x\n","status":0,"stdout":"x\nfoo\nbar\n","stderr":""}
case	{"argv":["/usr/bin/sed","G"],"stdin":"a\nb\n","status":0,"stdout":"a\n\nb\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","H;$!d;x"],"stdin":"a\nb\n","status":0,"stdout":"\na\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","="],"stdin":"a\nb\n","status":0,"stdout":"1\na\n2\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-s","-n","$p"],"stdin":"x\n","status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a/,/c/{/b/d}"],"stdin":"a\nb\nc\nd\n","status":0,"stdout":"a\nc\nd\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/a/{n;p}"],"stdin":"a\nb\na\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","$!{N};P;D"],"stdin":"1\n2\n3\n","status":0,"stdout":"1\n2\n3\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/b*/X/2"],"stdin":"abc\n","status":0,"stdout":"aXc\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/[0-9]\\+/(&)/g"],"stdin":"a1b22c333\n","status":0,"stdout":"a(1)b(22)c(333)\n","stderr":""}
case	{"argv":["/usr/bin/sed","-E","s/([a-z]+) ([a-z]+)/\\2 \\1/"],"stdin":"hello world\n","status":0,"stdout":"world hello\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/o/0/gw /dev/stdout"],"stdin":"foo\n","status":0,"stdout":"f00\nf00\n","stderr":""}
case	{"argv":["/usr/bin/sed","-z","s/\\n/,/g"],"stdin":"a\nb\nc\n","status":0,"stdout":"a,b,c,","stderr":""}
case	{"argv":["/usr/bin/sed","c\\X"],"stdin":"a\nb\n","status":0,"stdout":"X\nX\n","stderr":""}
case	{"argv":["/usr/bin/sed","2,3!c\\X"],"stdin":"1\n2\n3\n4\n","status":0,"stdout":"X\n2\n3\nX\n","stderr":""}
case	{"argv":["/usr/bin/sed","$c\\END"],"stdin":"1\n2\n","status":0,"stdout":"1\nEND\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/2/{=;p}"],"stdin":"1\n2\n","status":0,"stdout":"2\n2\n","stderr":""}
case	{"argv":["/usr/bin/sed","y/\\//|/"],"stdin":"a/b\n","status":0,"stdout":"a|b\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/\\//|/g"],"stdin":"a/b/c\n","status":0,"stdout":"a|b|c\n","stderr":""}
case	{"argv":["/usr/bin/sed","#n\np"],"stdin":"a\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","#n\np"],"stdin":"a\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/A/x/I"],"stdin":"aA\n","status":0,"stdout":"xA\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a/x/ig"],"stdin":"aAa\n","status":0,"stdout":"xxx\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/A/Ip"],"stdin":"a\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/^/>/;s/$/</"],"stdin":"a\n","status":0,"stdout":">a<\n","stderr":""}
case	{"argv":["/usr/bin/sed","N;s/^b/X/Mg"],"stdin":"a\nb\n","status":0,"stdout":"a\nX\n","stderr":""}
case	{"argv":["/usr/bin/sed","N;s/a$/X/M"],"stdin":"a\nb\n","status":0,"stdout":"X\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/\\(x\\)*y/[\\1]/"],"stdin":"y\n","status":0,"stdout":"[]\n","stderr":""}
case	{"argv":["/usr/bin/sed","t;s/a/b/;ta;s/$/!/;:a"],"stdin":"a\nc\n","status":0,"stdout":"b\nc!\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a/b/;T;s/$/!/"],"stdin":"a\nc\n","status":0,"stdout":"b!\nc\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","x;p"],"stdin":"a\nb\n","status":0,"stdout":"\na\n","stderr":""}
case	{"argv":["/usr/bin/sed","z;s/^$/empty/"],"stdin":"a\n","status":0,"stdout":"empty\n","stderr":""}
case	{"argv":["/usr/bin/sed","-E","s/a|b/X/g"],"stdin":"abc\n","status":0,"stdout":"XXc\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/a\\|b/X/g"],"stdin":"abc\n","status":0,"stdout":"XXc\n","stderr":""}
case	{"argv":["/usr/bin/sed","-E","s/(ab|a)(c|bcd)/[\\1,\\2]/"],"stdin":"abcd\n","status":0,"stdout":"[a,bcd]\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/\\(a\\|ab\\)\\(c\\|bcd\\)/[\\1,\\2]/"],"stdin":"abcd\n","status":0,"stdout":"[a,bcd]\n","stderr":""}
case	{"argv":["/usr/bin/sed","--posix","p"],"stdin":"a\n","status":0,"stdout":"a\na\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/[[:upper:]]/p"],"stdin":"a\nB\n","status":0,"stdout":"B\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/[]]/X/"],"stdin":"a]\n","status":0,"stdout":"aX\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","\\,a,p"],"stdin":"a\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","\\%b%p"],"stdin":"a\nb\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/.\\{2\\}/&\\n/"],"stdin":"abcd\n","status":0,"stdout":"ab\ncd\n","stderr":""}
case	{"argv":["/usr/bin/sed","1d;3d"],"stdin":"1\n2\n3\n4\n","status":0,"stdout":"2\n4\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","$!{$!p}"],"stdin":"1\n2\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/x/y/;#comment\np"],"stdin":"x\n","status":0,"stdout":"y\ny\n","stderr":""}
case	{"argv":["/usr/bin/sed","2{s/2/X/;}"],"stdin":"1\n2\n","status":0,"stdout":"1\nX\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/a/,/a/p"],"stdin":"a\nb\na\nc\na\n","status":0,"stdout":"a\nb\na\na\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2,1p"],"stdin":"1\n2\n3\n","status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/2/,1p"],"stdin":"1\n2\n3\n","status":0,"stdout":"2\n","stderr":""}
case	{"argv":["/usr/bin/sed","5!d"],"stdin":"1\n2\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","l 1"],"stdin":"abc\n","status":0,"stdout":"\\\na\\\nb\\\nc$\nabc\n","stderr":""}
case	{"argv":["/usr/bin/sed","-l","5","l"],"stdin":"abcdefgh\n","status":0,"stdout":"abcd\\\nefgh$\nabcdefgh\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/e/E/4"],"stdin":"eee\n","status":0,"stdout":"eee\n","stderr":""}
case	{"argv":["/usr/bin/sed","p","nx","f","d"],"status":4,"stdout":"a\na\nb\nb\n","stderr":"/usr/bin/sed: can't read nx: No such file or directory\n/usr/bin/sed: read error on d: Is a directory\n"}
case	{"argv":["/usr/bin/sed","p","d","nx","f"],"status":4,"stdout":"","stderr":"/usr/bin/sed: read error on d: Is a directory\n"}
case	{"argv":["/usr/bin/sed","-s","-n","1p;$p","s1","s2"],"status":0,"stdout":"l1\nl2\nm1\nm2\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1p;$p","s1","s2"],"status":0,"stdout":"l1\nm2\n","stderr":""}
case	{"argv":["/usr/bin/sed","-f","sc","f"],"status":1,"stdout":"","stderr":"/usr/bin/sed: file sc line 2: unknown command: \u0060k'\n"}
case	{"argv":["/usr/bin/sed","-f","sc2","f"],"status":0,"stdout":"X\nb\nend\n","stderr":""}
case	{"argv":["/usr/bin/sed","-f","nx","f"],"status":4,"stdout":"","stderr":"/usr/bin/sed: couldn't open file nx: No such file or directory\n"}
case	{"argv":["/usr/bin/sed","p","nonl"],"status":0,"stdout":"x\nx\ny\ny","stderr":""}
case	{"argv":["/usr/bin/sed","-n","$p","nonl","f"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","p","nonl","f"],"status":0,"stdout":"x\nx\ny\ny\na\na\nb\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","$!d","nonl","nonl"],"status":0,"stdout":"y","stderr":""}
case	{"argv":["(sed 1q; cat) < five"],"sh":true,"status":0,"stdout":"1\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["(sed -n 2p; cat) < five"],"sh":true,"status":0,"stdout":"2\n","stderr":""}
case	{"argv":["sed -i s/1/one/ five; cat five"],"sh":true,"status":0,"stdout":"one\n2\n3\n4\n5\n","stderr":""}
case	{"argv":["cp f g; sed -i.bak s/a/A/ g; cat g g.bak"],"sh":true,"status":0,"stdout":"A\nb\na\nb\n","stderr":""}
case	{"argv":["sed -n 'w out' f; cat out"],"sh":true,"status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["sed 's/a/X/w out2' f; cat out2"],"sh":true,"status":0,"stdout":"X\nb\nX\n","stderr":""}
case	{"argv":["sed 'r f' s1"],"sh":true,"status":0,"stdout":"l1\na\nb\nl2\na\nb\n","stderr":""}
case	{"argv":["sed '1R f' s1"],"sh":true,"status":0,"stdout":"l1\na\nl2\n","stderr":""}
case	{"argv":["sed 'R f' five"],"sh":true,"status":0,"stdout":"1\na\n2\nb\n3\n4\n5\n","stderr":""}
case	{"argv":["sed '$r nx' s1"],"sh":true,"status":0,"stdout":"l1\nl2\n","stderr":""}
case	{"argv":["/usr/bin/sed","p","-i"],"status":4,"stdout":"","stderr":"/usr/bin/sed: no input files\n"}
group	{"name":"xargs","files":{"f":"a\nb\n","d/":""}}
case	{"argv":["/usr/bin/xargs"],"stdin":"a b\nc \"d e\" f\\ g\n","status":0,"stdout":"a b c d e f g\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-n","2"],"stdin":"a b c d e\n","status":0,"stdout":"a b\nc d\ne\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-I{}","echo","x{}y"],"stdin":"a\nb\n","status":0,"stdout":"xay\nxby\n","stderr":""}
case	{"argv":["/usr/bin/xargs","echo","x"],"stdin":"","status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-r","echo","x"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/xargs","nosuchcmd"],"stdin":"a\n","status":127,"stdout":"","stderr":"/usr/bin/xargs: nosuchcmd: No such file or directory\n"}
case	{"argv":["/usr/bin/xargs","sh","-c","exit 3"],"stdin":"a\n","status":123,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/xargs","sh","-c","exit 255"],"stdin":"a\n","status":124,"stdout":"","stderr":"/usr/bin/xargs: sh: exited with status 255; aborting\n"}
case	{"argv":["/usr/bin/xargs","sh","-c","kill -9 $$"],"stdin":"a\n","status":125,"stdout":"","stderr":"/usr/bin/xargs: sh: terminated by signal 9\n"}
case	{"argv":["/usr/bin/xargs"],"stdin":"a \"b\n","status":1,"stdout":"a\n","stderr":"/usr/bin/xargs: unmatched double quote; by default quotes are special to xargs unless you use the -0 option\n"}
case	{"argv":["/usr/bin/xargs"],"stdin":"a 'b\n","status":1,"stdout":"a\n","stderr":"/usr/bin/xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n"}
case	{"argv":["/usr/bin/xargs","-0","-n1"],"stdin":"a\u0000b c\u0000","status":0,"stdout":"a\nb c\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-L","1"],"stdin":"a b\nc\n","status":0,"stdout":"a b\nc\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-t","echo"],"stdin":"a b\n","status":0,"stdout":"a b\n","stderr":"echo a b\n"}
case	{"argv":["/usr/bin/xargs","-d,","-n1"],"stdin":"a,b,c","status":0,"stdout":"a\nb\nc\n","stderr":""}
case	{"argv":["/usr/bin/xargs","/etc/passwd"],"stdin":"a b\n","status":126,"stdout":"","stderr":"/usr/bin/xargs: /etc/passwd: Permission denied\n"}
case	{"argv":["/usr/bin/xargs","-I","%","echo","[%]"],"stdin":"  x  y\n","status":0,"stdout":"[x  y]\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-E","EOF"],"stdin":"a\nEOF\nb\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-n","0"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/xargs: value 0 for -n option should be >= 1\nTry '/usr/bin/xargs --help' for more information.\n"}
case	{"argv":["/usr/bin/xargs","-n1","sh","-c","echo $0; [ $0 = b ] && exit 1; exit 0"],"stdin":"a b c\n","status":123,"stdout":"a\nb\nc\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-s","5","echo"],"stdin":"x\n","status":1,"stdout":"","stderr":"/usr/bin/xargs: argument line too long\n"}
case	{"argv":["/usr/bin/xargs","-a","nx"],"stdin":"","status":1,"stdout":"","stderr":"/usr/bin/xargs: Cannot open input file 'nx': No such file or directory\n"}
case	{"argv":["/usr/bin/xargs","-n","x"],"stdin":"a\n","status":1,"stdout":"","stderr":"/usr/bin/xargs: invalid number \"x\" for -n option\nTry '/usr/bin/xargs --help' for more information.\n"}
case	{"argv":["/usr/bin/xargs","-L","2"],"stdin":"a\nb \nc\nd\ne\n","status":0,"stdout":"a b c\nd e\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-n2","-t"],"stdin":"1 2 3\n","status":0,"stdout":"1 2\n3\n","stderr":"echo 1 2\necho 3\n"}
case	{"argv":["/usr/bin/xargs","printf","<%s>\\n"],"stdin":"a\\ b c\n","status":0,"stdout":"<a b>\n<c>\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-0"],"stdin":"a\nb\u0000c","status":0,"stdout":"a\nb c\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-x","-n","1"],"stdin":"a b\n","status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-r"],"stdin":"  \n\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/xargs"],"stdin":"  \n\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-i","echo","{}!"],"stdin":"q\n","status":0,"stdout":"q!\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-d","\\n","-n1","echo",">"],"stdin":"a b\nc\n","status":0,"stdout":"> a b\n> c\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-s","12","echo"],"stdin":"aaa bbb ccc\n","status":0,"stdout":"aaa\nbbb\nccc\n","stderr":""}
case	{"argv":["/usr/bin/xargs","-q"],"stdin":"","status":1,"stdout":"","stderr":"/usr/bin/xargs: invalid option -- 'q'\nTry '/usr/bin/xargs --help' for more information.\n"}
case	{"argv":["echo a b | xargs -n1 | head -1"],"sh":true,"status":0,"stdout":"a\n","stderr":"xargs: echo: terminated by signal 13\n"}
case	{"argv":["/usr/bin/xargs","-a","f","echo","got"],"status":0,"stdout":"got a b\n","stderr":""}
case	{"argv":["echo f | xargs cat"],"sh":true,"status":0,"stdout":"a\nb\n","stderr":""}
case	{"argv":["echo d | xargs ls >/dev/null; echo $?"],"sh":true,"status":0,"stdout":"0\n","stderr":""}
group	{"name":"printf","files":{}}
case	{"argv":["/usr/bin/printf","%d|%i|%u|%x|%X|%o|%c|%s|%e|%f|%g|%%\n","42","-42","-1","255","255","8","hello","str","3.14159","2.5","0.0001"],"status":0,"stdout":"42|-42|18446744073709551615|ff|FF|10|h|str|3.141590e+00|2.500000|0.0001|%\n","stderr":""}
case	{"argv":["/usr/bin/printf","%5d|%-5d|%05d|%+d|% d|%#x|%#o|%.3d|%8.3f|%-8.2e|%G|%E\n","1","2","3","4","5","255","8","7","3.14159","1234.5","1e-10","12345"],"status":0,"stdout":"    1|2    |00003|+4| 5|0xff|010|007|   3.142|1.23e+03|1E-10|1.234500E+04\n","stderr":""}
case	{"argv":["/usr/bin/printf","%s %s\n","a","b","c"],"status":0,"stdout":"a b\nc \n","stderr":""}
case	{"argv":["/usr/bin/printf","%*d|%-*d|%.*f\n","5","1","4","2","2","3.14159"],"status":0,"stdout":"    1|2   |3.14\n","stderr":""}
case	{"argv":["/usr/bin/printf","x\n","extra"],"status":0,"stdout":"x\n","stderr":"/usr/bin/printf: warning: ignoring excess arguments, starting with 'extra'\n"}
case	{"argv":["/usr/bin/printf","%d\n","abc"],"status":1,"stdout":"0\n","stderr":"/usr/bin/printf: 'abc': expected a numeric value\n"}
case	{"argv":["/usr/bin/printf","%d\n","12abc"],"status":1,"stdout":"12\n","stderr":"/usr/bin/printf: '12abc': value not completely converted\n"}
case	{"argv":["/usr/bin/printf","%d\n","'a","\"b","0x1F","010","-0x10"," 12","+3"],"status":0,"stdout":"97\n98\n31\n8\n-16\n12\n3\n","stderr":""}
case	{"argv":["/usr/bin/printf","%d\n",""],"status":0,"stdout":"0\n","stderr":""}
case	{"argv":["/usr/bin/printf","%d\n","99999999999999999999"],"status":1,"stdout":"9223372036854775807\n","stderr":"/usr/bin/printf: '99999999999999999999': Numerical result out of range\n"}
case	{"argv":["/usr/bin/printf","%u\n","-99999999999999999999"],"status":1,"stdout":"18446744073709551615\n","stderr":"/usr/bin/printf: '-99999999999999999999': Numerical result out of range\n"}
case	{"argv":["/usr/bin/printf","%x\n","1.5"],"status":1,"stdout":"1\n","stderr":"/usr/bin/printf: '1.5': value not completely converted\n"}
case	{"argv":["/usr/bin/printf","%5s|%.2s|%-5.1s|%b|\n","ab","abc","xyz","a\\nb"],"status":0,"stdout":"   ab|ab|x    |a\nb|\n","stderr":""}
case	{"argv":["/usr/bin/printf","%z\n"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %z\n: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","ab%"],"status":1,"stdout":"ab","stderr":"/usr/bin/printf: %: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%10"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %10: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%ld %lld %hd %zd %jd\n","1","2","3","4","5"],"status":0,"stdout":"1 2 3 4 5\n","stderr":""}
case	{"argv":["/usr/bin/printf","%#g %g %g %g\n","1","1e6","1e-5","123456789"],"status":0,"stdout":"1.00000 1e+06 1e-05 1.23457e+08\n","stderr":""}
case	{"argv":["/usr/bin/printf","%a\n","1"],"status":0,"stdout":"0x8p-3\n","stderr":""}
case	{"argv":["/usr/bin/printf","%q\n","a b"],"status":0,"stdout":"'a b'\n","stderr":""}
case	{"argv":["/usr/bin/printf","%c|"],"status":0,"stdout":"\u0000|","stderr":""}
case	{"argv":["/usr/bin/printf","%d\n","'ab"],"status":0,"stdout":"97\n","stderr":"/usr/bin/printf: warning: b: character(s) following character constant have been ignored\n"}
case	{"argv":["/usr/bin/printf","%d\n","'"],"status":1,"stdout":"0\n","stderr":"/usr/bin/printf: '\\'': expected a numeric value\n"}
case	{"argv":["/usr/bin/printf","%f %f %f %e %g\n","inf","-inf","nan","0x1p3","1e"],"status":1,"stdout":"inf -inf nan 8.000000e+00 1\n","stderr":"/usr/bin/printf: '1e': value not completely converted\n"}
case	{"argv":["/usr/bin/printf","%.0f %.0f %.0f %.1f %.20f\n","0.5","1.5","2.5","0.25","0.1"],"status":0,"stdout":"0 2 2 0.2 0.10000000000000000000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%010a|%-10a|%+a|%.1a|%A|%.0a\n","1","2","-3","1.96875","0","1.5"],"status":0,"stdout":"0x00008p-3|0x8p-2    |-0xcp-2|0xf.cp-3|0X0P+0|0xcp-3\n","stderr":""}
case	{"argv":["/usr/bin/printf","%f %f %f %e %g\n","1e99999","1e-99999","-nan","1e-4940","nan(abc)"],"status":1,"stdout":"inf 0.000000 -nan 1.000000e-4940 nan\n","stderr":"/usr/bin/printf: '1e99999': Numerical result out of range\n/usr/bin/printf: '1e-99999': Numerical result out of range\n/usr/bin/printf: '1e-4940': Numerical result out of range\n"}
case	{"argv":["/usr/bin/printf","%.3d|%.0d|%#.3o|%#x|%#.0o|%08.3d|%-+5d|%+u|% u\n","5","0","8","0","0","7","3","4","5"],"status":0,"stdout":"005||010|0|0|     007|+3   |4|5\n","stderr":""}
case	{"argv":["/usr/bin/printf","%#.0f|%#g|%#.3e|%g|%G\n","2","2","3","1e-5","1e-20"],"status":0,"stdout":"2.|2.00000|3.000e+00|1e-05|1E-20\n","stderr":""}
case	{"argv":["/usr/bin/printf","%010.2f|%-10s|%+f|%010f|% e\n","-1.5","x","inf","-inf","1"],"status":0,"stdout":"-000001.50|x         |+inf|      -inf| 1.000000e+00\n","stderr":""}
case	{"argv":["/usr/bin/printf","%*d|%.*f|\n","1.5","3","x","2.5"],"status":1,"stdout":"3|2|\n","stderr":"/usr/bin/printf: '1.5': value not completely converted\n/usr/bin/printf: 'x': expected a numeric value\n"}
case	{"argv":["/usr/bin/printf","%.*d|\n","99999999999","3"],"status":1,"stdout":"","stderr":"/usr/bin/printf: invalid precision: '99999999999'\n"}
case	{"argv":["/usr/bin/printf","%*d|\n","-99999999999","3"],"status":1,"stdout":"","stderr":"/usr/bin/printf: invalid field width: '-99999999999'\n"}
case	{"argv":["/usr/bin/printf","%q|%q|%q|%q\n","","a'b","a$b","a\tb"],"status":0,"stdout":"''|\"a'b\"|'a$b'|'a'$'\\t''b'\n","stderr":""}
case	{"argv":["/usr/bin/printf","\\u0041"],"status":1,"stdout":"","stderr":"/usr/bin/printf: invalid universal character name \\u0041\n"}
case	{"argv":["/usr/bin/printf","\\u00e9\\U000000e9\\u12"],"status":1,"stdout":"\\u00E9\\u00E9","stderr":"/usr/bin/printf: missing hexadecimal number in escape\n"}
case	{"argv":["/usr/bin/printf","\\ud800"],"status":1,"stdout":"","stderr":"/usr/bin/printf: invalid universal character name \\ud800\n"}
case	{"argv":["/usr/bin/printf","\\1234|\\0123|\\01234|\\400|\\0400|\\8|\\x|\\z|\\n"],"status":1,"stdout":"S4|\n3|\n34|\u0000| 0|\\8|","stderr":"/usr/bin/printf: missing hexadecimal number in escape\n"}
case	{"argv":["/usr/bin/printf","%b\n","\\1234|\\0123|\\01234|\\400|\\0400|\\8|\\u00e9|\\e"],"status":0,"stdout":"S4|S|S4|\u0000|\u0000|\\8|\\u00E9|\u001b\n","stderr":""}
case	{"argv":["/usr/bin/printf","%d\\c%d","abc","2"],"status":0,"stdout":"0","stderr":"/usr/bin/printf: 'abc': expected a numeric value\n"}
case	{"argv":["/usr/bin/printf","%b|%d","a\\cb","x"],"status":0,"stdout":"a","stderr":""}
case	{"argv":["/usr/bin/printf","%#s|"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %#s: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%.2c|","x"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %.2c: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%5b|","x"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %5b: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%Lq"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %Lq: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%qd","2"],"status":0,"stdout":"2d","stderr":""}
case	{"argv":["/usr/bin/printf","%5%"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %5%: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","\\\"\\?\\'|\\e|\\q|\\\\|\\"],"status":0,"stdout":"\"\\?\\'|\u001b|\\q|\\|\\","stderr":""}
case	{"argv":["/usr/bin/printf","%.17g %.17g %.30f\n","0.1","1e300","1e-10"],"status":0,"stdout":"0.1 1e+300 0.000000000100000000000000000002\n","stderr":""}
case	{"argv":["/usr/bin/printf","%g %g %g %g %g\n","0","-0","100000","1000000","0.0001234567"],"status":0,"stdout":"0 -0 100000 1e+06 0.000123457\n","stderr":""}
case	{"argv":["/usr/bin/printf","%.3g|%.10g|%#.3g|%g\n","1234567","1234567","1","123.456"],"status":0,"stdout":"1.23e+06|1234567|1.00|123.456\n","stderr":""}
case	{"argv":["/usr/bin/printf","%e\n","0"],"status":0,"stdout":"0.000000e+00\n","stderr":""}
case	{"argv":["/usr/bin/printf","%.0e|%#.0e\n","15","25"],"status":0,"stdout":"2e+01|2.e+01\n","stderr":""}
case	{"argv":["/usr/bin/printf","%i %i\n","0x","08"],"status":1,"stdout":"0 0\n","stderr":"/usr/bin/printf: '0x': value not completely converted\n/usr/bin/printf: '08': value not completely converted\n"}
case	{"argv":["/usr/bin/printf","%s %s %s\n","a"],"status":0,"stdout":"a  \n","stderr":""}
case	{"argv":["/usr/bin/printf","%-5c|%5c|\n","a","b"],"status":0,"stdout":"a    |    b|\n","stderr":""}
case	{"argv":["/usr/bin/printf","%o %x %X\n","-1","-1","-255"],"status":0,"stdout":"1777777777777777777777 ffffffffffffffff FFFFFFFFFFFFFF01\n","stderr":""}
case	{"argv":["/usr/bin/printf","%d %d\n","9223372036854775807","-9223372036854775808"],"status":0,"stdout":"9223372036854775807 -9223372036854775808\n","stderr":""}
case	{"argv":["/usr/bin/printf","%d\n","-9223372036854775809"],"status":1,"stdout":"-9223372036854775808\n","stderr":"/usr/bin/printf: '-9223372036854775809': Numerical result out of range\n"}
case	{"argv":["/usr/bin/printf","%.60f\n","1e-50"],"status":0,"stdout":"0.000000000000000000000000000000000000000000000000010000000000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%f\n","123456789012345678901234567890"],"status":0,"stdout":"123456789012345678899921813504.000000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%g\n","1e4932"],"status":0,"stdout":"1e+4932\n","stderr":""}
case	{"argv":["/usr/bin/printf","%a %a %a\n","0.1","1e-4940","-0"],"status":1,"stdout":"0xc.ccccccccccccccdp-7 0x0.000000663278e62p-16385 -0x0p+0\n","stderr":"/usr/bin/printf: '1e-4940': Numerical result out of range\n"}
case	{"argv":["/usr/bin/printf","%.3a|%.20a\n","1","0.1"],"status":0,"stdout":"0x8.000p-3|0xc.ccccccccccccccd00000p-7\n","stderr":""}
case	{"argv":["/usr/bin/printf","%d %s\n","1","a","2"],"status":0,"stdout":"1 a\n2 \n","stderr":""}
case	{"argv":["/usr/bin/printf","%s\n"],"status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/printf","%%|%c%c\n","ab",""],"status":0,"stdout":"%|a\u0000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%x|%X|%#X\n","0xff","255","255"],"status":0,"stdout":"ff|FF|0XFF\n","stderr":""}
case	{"argv":["/usr/bin/printf","%'d|%'f\n","1234567","1234.5"],"status":0,"stdout":"1234567|1234.500000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%.2f|%.2f|%.2f\n","0.125","0.375","1.005"],"status":0,"stdout":"0.12|0.38|1.00\n","stderr":""}
case	{"argv":["/usr/bin/printf","%5.1f|%-8.3e|%+.2g\n","9.96","0.00012345","-0.000001"],"status":0,"stdout":" 10.0|1.234e-04|-1e-06\n","stderr":""}
case	{"argv":["/usr/bin/printf","%f\n","0x1.8p1"],"status":0,"stdout":"3.000000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%f\n","1e-4950"],"status":1,"stdout":"0.000000\n","stderr":"/usr/bin/printf: '1e-4950': Numerical result out of range\n"}
case	{"argv":["/usr/bin/printf","%f\n","  5"],"status":0,"stdout":"5.000000\n","stderr":""}
case	{"argv":["/usr/bin/printf","%f\n","5  "],"status":1,"stdout":"5.000000\n","stderr":"/usr/bin/printf: '5  ': value not completely converted\n"}
case	{"argv":["/usr/bin/printf","%d\n","--5"],"status":1,"stdout":"0\n","stderr":"/usr/bin/printf: '--5': expected a numeric value\n"}
case	{"argv":["/usr/bin/printf","%e\n","infinity"],"status":0,"stdout":"inf\n","stderr":""}
case	{"argv":["/usr/bin/printf","%f|%F\n","nan","-inf"],"status":0,"stdout":"nan|-INF\n","stderr":""}
case	{"argv":["/usr/bin/printf","%b","\\x41\\x4g"],"status":0,"stdout":"A\u0004g","stderr":""}
case	{"argv":["/usr/bin/printf","%b","abc\\x"],"status":1,"stdout":"abc","stderr":"/usr/bin/printf: missing hexadecimal number in escape\n"}
case	{"argv":["/usr/bin/printf","%s\\x"],"status":1,"stdout":"","stderr":"/usr/bin/printf: missing hexadecimal number in escape\n"}
case	{"argv":["/usr/bin/printf","abc\\"],"status":0,"stdout":"abc\\","stderr":""}
case	{"argv":["/usr/bin/printf","%10.4s|\n","abcdefg"],"status":0,"stdout":"      abcd|\n","stderr":""}
case	{"argv":["/usr/bin/printf","%-10q|\n","x"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %-10q: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%#q"],"status":1,"stdout":"","stderr":"/usr/bin/printf: %#q: invalid conversion specification\n"}
case	{"argv":["/usr/bin/printf","%-s|\n","x"],"status":0,"stdout":"x|\n","stderr":""}
case	{"argv":["/usr/bin/printf","%.s|\n","xyz"],"status":0,"stdout":"|\n","stderr":""}
case	{"argv":["/usr/bin/printf","%.d|%.f|\n","0","1.5"],"status":0,"stdout":"|2|\n","stderr":""}
case	{"argv":["/usr/bin/printf"],"status":1,"stdout":"","stderr":"/usr/bin/printf: missing operand\nTry '/usr/bin/printf --help' for more information.\n"}
case	{"argv":["/usr/bin/printf","--","%s\\n","x"],"status":0,"stdout":"x\n","stderr":""}
case	{"argv":["/usr/bin/printf","-x"],"status":0,"stdout":"-x","stderr":""}
case	{"argv":["/usr/bin/printf","--"],"status":1,"stdout":"","stderr":"/usr/bin/printf: missing operand\nTry '/usr/bin/printf --help' for more information.\n"}
case	{"argv":["/bin/sh","-c","/usr/bin/printf x > /dev/full; echo $?"],"status":0,"stdout":"1\n","stderr":"/usr/bin/printf: write error: No space left on device\n"}
group	{"name":"test and [","files":{"f":"x\n","e":"","d/":""}}
case	{"argv":["/usr/bin/test","(","a",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'a'\n"}
case	{"argv":["/usr/bin/test","(","a","=","a",")","-a","b"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after ')'\n"}
case	{"argv":["/usr/bin/test","!","("],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","a","b",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after ')'\n"}
case	{"argv":["/usr/bin/test","(","a",")","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: extra argument 'b'\n"}
case	{"argv":["/usr/bin/test","a","-a","(","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: ')' expected\n"}
case	{"argv":["/usr/bin/test","-n","a","-a","-z","b"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","a","=","b"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","!","a","=","b"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","-o","b","-a",""],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","","-o","","-a","x"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","(","a",")",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after ')'\n"}
case	{"argv":["/usr/bin/test","-e"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","-e","x"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","=","="],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '='\n"}
case	{"argv":["/usr/bin/test","=","=","="],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-n","=","-n"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","=","a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","=","b","c"],"status":2,"stdout":"","stderr":"/usr/bin/test: extra argument 'c'\n"}
case	{"argv":["/usr/bin/test","1","-eq","1","-a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-a'\n"}
case	{"argv":["/usr/bin/test","a","-a","b","-o"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-o'\n"}
case	{"argv":["/usr/bin/test","-z","-a","-z"],"status":2,"stdout":"","stderr":"/usr/bin/test: extra argument '-z'\n"}
case	{"argv":["/usr/bin/test","-x","-a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-a","-a","-a"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-a': unary operator expected\n"}
case	{"argv":["/usr/bin/test","(","-a",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1","-ge","2","-o","!","3","-le","2"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-o","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-o': unary operator expected\n"}
case	{"argv":["/usr/bin/test","a","-o"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-o'\n"}
case	{"argv":["/usr/bin/test","!"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","!"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-f","/etc/passwd"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-d","/tmp"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-b","/dev/null"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-c","/dev/null"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-s","/etc/passwd"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-r","/nonexist"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-h","/bin"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-L","/bin"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-S","/dev/null"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-p","/dev/null"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-O","/tmp"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-G","/tmp"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-u","/tmp"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-g","/tmp"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-k","/tmp"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-w","/tmp"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-x","/tmp"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1","-lt","0x1"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer '0x1'\n"}
case	{"argv":["/usr/bin/test","0x1","-lt","2"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer '0x1'\n"}
case	{"argv":["/usr/bin/test","-","-eq","1"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer '-'\n"}
case	{"argv":["/usr/bin/test","1","-eq"," "],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer ' '\n"}
case	{"argv":["/usr/bin/test","08","-eq","8"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-0","-eq","0"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1","-ne","2"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","<","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: '<': binary operator expected\n"}
case	{"argv":["/usr/bin/test","/tmp","-ef","/tmp/"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-k"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-zz","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'a'\n"}
case	{"argv":["/usr/bin/test","a","-zz","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-zz': binary operator expected\n"}
case	{"argv":["/usr/bin/test","--","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: '--': unary operator expected\n"}
case	{"argv":["/usr/bin/test","-a","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-a': unary operator expected\n"}
case	{"argv":["/usr/bin/test","\\!","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'a'\n"}
case	{"argv":["/usr/bin/test","a","-a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-a'\n"}
case	{"argv":["/usr/bin/test","x","-eq","1","2"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer 'x'\n"}
case	{"argv":["/usr/bin/test"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-n"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-z","a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-x"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'b'\n"}
case	{"argv":["/usr/bin/test","a","=","a"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","=","b"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1","-eq","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer 'a'\n"}
case	{"argv":["/usr/bin/test","a","-eq","1"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer 'a'\n"}
case	{"argv":["/usr/bin/test","1","-eq","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1","-lt","2","-a","3","-gt","4"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","-o"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-o'\n"}
case	{"argv":["/usr/bin/test","!","!","a"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-f"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-z"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","-a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-a'\n"}
case	{"argv":["/usr/bin/test","1","-eq"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '-eq'\n"}
case	{"argv":["/usr/bin/test","x","y","z"],"status":2,"stdout":"","stderr":"/usr/bin/test: 'y': binary operator expected\n"}
case	{"argv":["/usr/bin/test","-f","x","y"],"status":2,"stdout":"","stderr":"/usr/bin/test: 'x': binary operator expected\n"}
case	{"argv":["/usr/bin/test"," 1","-eq","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1 ","-eq","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","+1","-eq","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-1","-lt","0"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","99999999999999999999","-gt","1"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1.0","-eq","1"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer '1.0'\n"}
case	{"argv":["/usr/bin/test","","-eq","0"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer ''\n"}
case	{"argv":["/usr/bin/test","a","==","a"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","!=","a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","b",">","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: '>': binary operator expected\n"}
case	{"argv":["/usr/bin/test","-l","abc"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-l': unary operator expected\n"}
case	{"argv":["/usr/bin/test","a","-ef","a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","-n"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-n","-n"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-a"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","b","c","d","e"],"status":2,"stdout":"","stderr":"/usr/bin/test: extra argument 'b'\n"}
case	{"argv":["/usr/bin/test","--help"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","--version"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","!",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","(","a",")"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","a",")","-a","(","b",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","-n",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","-n","a",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","a","-a",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after ')'\n"}
case	{"argv":["/usr/bin/test","!","-a"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","-o","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-o': unary operator expected\n"}
case	{"argv":["/usr/bin/test","a","-o","!"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '!'\n"}
case	{"argv":["/usr/bin/test","-n","-o","-n"],"status":2,"stdout":"","stderr":"/usr/bin/test: extra argument '-n'\n"}
case	{"argv":["/usr/bin/test","(","(",")",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after ')'\n"}
case	{"argv":["/usr/bin/test","(","(","(","a",")",")",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: '(': binary operator expected\n"}
case	{"argv":["/usr/bin/test","(","a","-a","b","-a","c",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","a","=","b",")","-o","c"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","1","-eq","2",")"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-z","",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: '': binary operator expected\n"}
case	{"argv":["/usr/bin/test","a",")"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after ')'\n"}
case	{"argv":["/usr/bin/test","(","a","-o","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: ')' expected\n"}
case	{"argv":["/usr/bin/test","!","(","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'a'\n"}
case	{"argv":["/usr/bin/test","!","!","!"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","!","!","!"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!","a","-a","!","b"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","a","-a","!"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '!'\n"}
case	{"argv":["/usr/bin/test","-","x"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'x'\n"}
case	{"argv":["/usr/bin/test","-n","a","b"],"status":2,"stdout":"","stderr":"/usr/bin/test: 'a': binary operator expected\n"}
case	{"argv":["/usr/bin/test","=","a"],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after 'a'\n"}
case	{"argv":["/usr/bin/test","a","="],"status":2,"stdout":"","stderr":"/usr/bin/test: missing argument after '='\n"}
case	{"argv":["/usr/bin/test","(","=",")"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test",")","=",")"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-o","-o","-o"],"status":2,"stdout":"","stderr":"/usr/bin/test: '-o': unary operator expected\n"}
case	{"argv":["/usr/bin/test","-a","=","-a"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-e","/tmp","-a","-d","/tmp","-a","-r","/etc/passwd"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","1","-eq","1","-o","x","-eq","1"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer 'x'\n"}
case	{"argv":["/usr/bin/test","x","-eq","1","-o","1","-eq","1"],"status":2,"stdout":"","stderr":"/usr/bin/test: invalid integer 'x'\n"}
case	{"argv":["/usr/bin/test","","-a",""],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-n",""],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-z",""],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","!",""],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","(","",")"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","a"],"status":2,"stdout":"","stderr":"/usr/bin/[: missing ']'\n"}
case	{"argv":["/usr/bin/[","a","]"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","]"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","a","=","b","]"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","--version","]"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","-n","]"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","(","]"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/[","x","-eq","y","]"],"status":2,"stdout":"","stderr":"/usr/bin/[: invalid integer 'x'\n"}
case	{"argv":["/usr/bin/test","-s","f"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-s","e"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-d","d","-a","-f","f"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","f","-ef","./f"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/test","-e","nx","-o","-r","f"],"status":0,"stdout":"","stderr":""}
group	{"name":"echo, true, false, basename, dirname","files":{}}
case	{"argv":["/usr/bin/echo","a","b"],"status":0,"stdout":"a b\n","stderr":""}
case	{"argv":["/usr/bin/echo","-n","x"],"status":0,"stdout":"x","stderr":""}
case	{"argv":["/usr/bin/echo","-e","a\\tb\\c","zz"],"status":0,"stdout":"a\tb","stderr":""}
case	{"argv":["/usr/bin/echo","-e","\\0101\\x41\\e"],"status":0,"stdout":"AA\u001b\n","stderr":""}
case	{"argv":["/usr/bin/echo","-n","-e","-E","a\\tb"],"status":0,"stdout":"a\\tb","stderr":""}
case	{"argv":["/usr/bin/echo","-nx"],"status":0,"stdout":"-nx\n","stderr":""}
case	{"argv":["/usr/bin/echo","--","-n"],"status":0,"stdout":"-- -n\n","stderr":""}
case	{"argv":["/usr/bin/echo","-e","\\1234|\\0123|\\01234|\\400|\\0400|\\8"],"status":0,"stdout":"S4|S|S4|\u0000|\u0000|\\8\n","stderr":""}
case	{"argv":["/usr/bin/echo","-e","\\1\\101|\\x|\\xg|\\x414|\\08|\\0|\\z|\\"],"status":0,"stdout":"\u0001A|\\x|\\xg|A4|\u00008|\u0000|\\z|\\\n","stderr":""}
case	{"argv":["/usr/bin/echo","-E","a\\nb"],"status":0,"stdout":"a\\nb\n","stderr":""}
case	{"argv":["/usr/bin/echo"],"status":0,"stdout":"\n","stderr":""}
case	{"argv":["/bin/echo x > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"/bin/echo: write error: No space left on device\n"}
case	{"argv":["/bin/true"],"status":0,"stdout":"","stderr":""}
case	{"argv":["/bin/false"],"status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/basename"],"status":1,"stdout":"","stderr":"/usr/bin/basename: missing operand\nTry '/usr/bin/basename --help' for more information.\n"}
case	{"argv":["/usr/bin/basename","/a/b/"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/basename","/a/b.txt",".txt"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/basename","b.txt","b.txt"],"status":0,"stdout":"b.txt\n","stderr":""}
case	{"argv":["/usr/bin/basename","-s",".c","a.c","b.c","/x/y.c"],"status":0,"stdout":"a\nb\ny\n","stderr":""}
case	{"argv":["/usr/bin/basename","-a","x/y","/"],"status":0,"stdout":"y\n/\n","stderr":""}
case	{"argv":["/usr/bin/basename","a","b","c"],"status":1,"stdout":"","stderr":"/usr/bin/basename: extra operand 'c'\nTry '/usr/bin/basename --help' for more information.\n"}
case	{"argv":["/usr/bin/basename","-z","a/b"],"status":0,"stdout":"b\u0000","stderr":""}
case	{"argv":["/usr/bin/basename","//"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/basename",""],"status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/basename","-a"],"status":1,"stdout":"","stderr":"/usr/bin/basename: missing operand\nTry '/usr/bin/basename --help' for more information.\n"}
case	{"argv":["/usr/bin/basename","-s"],"status":1,"stdout":"","stderr":"/usr/bin/basename: option requires an argument -- 's'\nTry '/usr/bin/basename --help' for more information.\n"}
case	{"argv":["/usr/bin/basename","-s","",""],"status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/basename","-a","-s",".c"],"status":1,"stdout":"","stderr":"/usr/bin/basename: missing operand\nTry '/usr/bin/basename --help' for more information.\n"}
case	{"argv":["/usr/bin/basename","--suffix=.c","a.c"],"status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/basename","/a/b","b"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/basename","--","-a"],"status":0,"stdout":"-a\n","stderr":""}
case	{"argv":["/usr/bin/basename","-q"],"status":1,"stdout":"","stderr":"/usr/bin/basename: invalid option -- 'q'\nTry '/usr/bin/basename --help' for more information.\n"}
case	{"argv":["/usr/bin/basename","///"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/basename","//a"],"status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/basename","a//b//"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/basename","/a/b.c/",".c"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/basename",".c",".c"],"status":0,"stdout":".c\n","stderr":""}
case	{"argv":["/usr/bin/basename","a.c/","a.c"],"status":0,"stdout":"a.c\n","stderr":""}
case	{"argv":["/usr/bin/basename","-s","b","b"],"status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/dirname"],"status":1,"stdout":"","stderr":"/usr/bin/dirname: missing operand\nTry '/usr/bin/dirname --help' for more information.\n"}
case	{"argv":["/usr/bin/dirname","/a/b/"],"status":0,"stdout":"/a\n","stderr":""}
case	{"argv":["/usr/bin/dirname","a"],"status":0,"stdout":".\n","stderr":""}
case	{"argv":["/usr/bin/dirname","/"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/dirname","//"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/dirname","a/b","c/d/e"],"status":0,"stdout":"a\nc/d\n","stderr":""}
case	{"argv":["/usr/bin/dirname",""],"status":0,"stdout":".\n","stderr":""}
case	{"argv":["/usr/bin/dirname","-z","a/b"],"status":0,"stdout":"a\u0000","stderr":""}
case	{"argv":["/usr/bin/dirname","//a//b//"],"status":0,"stdout":"//a\n","stderr":""}
case	{"argv":["/usr/bin/dirname","/a"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/dirname","a/"],"status":0,"stdout":".\n","stderr":""}
case	{"argv":["/usr/bin/dirname","-x"],"status":1,"stdout":"","stderr":"/usr/bin/dirname: invalid option -- 'x'\nTry '/usr/bin/dirname --help' for more information.\n"}
case	{"argv":["/usr/bin/dirname","//a"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/dirname","///a"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/dirname","///a/b"],"status":0,"stdout":"///a\n","stderr":""}
case	{"argv":["/usr/bin/dirname","//a/b"],"status":0,"stdout":"//a\n","stderr":""}
case	{"argv":["/usr/bin/dirname","a//b"],"status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/dirname","///"],"status":0,"stdout":"/\n","stderr":""}
case	{"argv":["/usr/bin/dirname","a//"],"status":0,"stdout":".\n","stderr":""}
group	{"name":"write errors and pipes","files":{"f":"a\nb\n"}}
case	{"argv":["sed p f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"4\n","stderr":"sed: couldn't flush stdout: No space left on device\n"}
case	{"argv":["sed -n '$=' f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"4\n","stderr":"sed: couldn't flush stdout: No space left on device\n"}
case	{"argv":["seq 5000 | sed p > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"4\n","stderr":"sed: couldn't write 3 items to stdout: No space left on device\n"}
case	{"argv":["sort f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"2\n","stderr":"sort: fflush failed: 'standard output': No space left on device\nsort: write error\n"}
case	{"argv":["sort -o /dev/full f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"2\n","stderr":"sort: fflush failed: /dev/full: No space left on device\nsort: write error\n"}
case	{"argv":["grep a f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"2\n","stderr":"grep: write error: No space left on device\n"}
case	{"argv":["printf x | tr x y > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"tr: write error: No space left on device\n"}
case	{"argv":["head f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"head: write error: No space left on device\n"}
case	{"argv":["cut -c1 f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"cut: write error: No space left on device\n"}
case	{"argv":["wc f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"wc: write error\n"}
case	{"argv":["wc -l f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"wc: write error\n"}
case	{"argv":["uniq f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"uniq: write error: No space left on device\n"}
case	{"argv":["xargs echo < f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"123\n","stderr":"echo: write error: No space left on device\n"}
case	{"argv":["seq 3 > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"seq: write error: No space left on device\n"}
case	{"argv":["/usr/bin/printf x > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"/usr/bin/printf: write error: No space left on device\n"}
case	{"argv":["basename x > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"basename: write error: No space left on device\n"}
case	{"argv":["dirname x > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"dirname: write error: No space left on device\n"}
case	{"argv":["tail f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"tail: write error: No space left on device\n"}
case	{"argv":["tee < f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"tee: 'standard output': No space left on device\n"}
case	{"argv":["cat -n f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"cat: write error: No space left on device\n"}
case	{"argv":["cat f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"cat: write error: No space left on device\n"}
case	{"argv":["sed -n p f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"4\n","stderr":"sed: couldn't flush stdout: No space left on device\n"}
case	{"argv":["grep -c a f > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"2\n","stderr":"grep: write error: No space left on device\n"}
case	{"argv":["test -n x > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"0\n","stderr":""}
case	{"argv":["seq 100000 > /dev/full; echo $?"],"sh":true,"status":0,"stdout":"1\n","stderr":"seq: write error: No space left on device\n"}
case	{"argv":["{ seq 100000; echo \"seq=$?\" >&2; } | head -1"],"sh":true,"status":0,"stdout":"1\n","stderr":"seq=141\n"}
case	{"argv":["{ seq 3; echo \"seq=$?\" >&2; } | head -1"],"sh":true,"status":0,"stdout":"1\n","stderr":"seq=0\n"}
case	{"argv":["trap \"\" PIPE; { seq 100000; echo \"seq=$?\" >&2; } | head -1"],"sh":true,"status":0,"stdout":"1\n","stderr":"seq: write error: Broken pipe\nseq=1\n"}
case	{"argv":["seq 1000000 | wc -l"],"sh":true,"status":0,"stdout":"1000000\n","stderr":""}
case	{"argv":["seq 100000 | sort -rn | head -3"],"sh":true,"status":0,"stdout":"100000\n99999\n99998\n","stderr":""}
case	{"argv":["seq 100000 | tail -1"],"sh":true,"status":0,"stdout":"100000\n","stderr":""}
case	{"argv":["yes=$(seq 5); echo $yes"],"sh":true,"status":0,"stdout":"1 2 3 4 5\n","stderr":""}
group	{"name":"sort keys and orderings (random)","files":{}}
case	{"argv":["/usr/bin/sort","-M","-k1.2"],"stdin":"ab    3  9\n  3 1.2.10 1.9\n1.5:x.1\n1.5\n","status":0,"stdout":"  3 1.2.10 1.9\n1.5\n1.5:x.1\nab    3  9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g"],"stdin":"1e2 jan a.tar.gz\na\n9\n2K\t1.10\t x\na-1.0\tab\na-1.0\nx.10~  1e2\n","status":0,"stdout":"a\na-1.0\na-1.0\tab\nx.10~  1e2\n2K\t1.10\t x\n9\n1e2 jan a.tar.gz\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-k2bn","-k2","-t",":"],"stdin":"1.5:: x\nb  1e2  1.2.10\n2K  b\n2K z z ..\na:a-1.0~rc1:a.tar.gz\na.tar.gz\tab\na-1.0\n","status":0,"stdout":"1.5:: x\n2K  b\n2K z z ..\na-1.0\na.tar.gz\tab\na:a-1.0~rc1:a.tar.gz\nb  1e2  1.2.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g"],"stdin":"-2:x.1:1.2.9\na.tar.gz a-1.0~rc1\n..  x a\na-1.0:2K:1.2.9\nab:a-1.0\n10\t-2\n","status":0,"stdout":"..  x a\na-1.0:2K:1.2.9\na.tar.gz a-1.0~rc1\nab:a-1.0\n-2:x.1:1.2.9\n10\t-2\n","stderr":""}
case	{"argv":["/usr/bin/sort","-s","-k1,1n","-k2,3","-t"," ","-n"],"stdin":"a   x\n1.5:b\n\nB   3\n1.2.9  z z  z z\n","status":0,"stdout":"a   x\n\nB   3\n1.2.9  z z  z z\n1.5:b\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u","-k2,2","-k2b","-t"," "],"stdin":"z z:10\n","status":0,"stdout":"z z:10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r"],"stdin":"a-1.0~rc1\tjan\na\nz z  1.10  x.10~\n.hidden\nz z\t2K\ta-1.0~rc1\n","status":0,"stdout":"z z  1.10  x.10~\nz z\t2K\ta-1.0~rc1\na-1.0~rc1\tjan\na\n.hidden\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V","-k2b","-k1.3n","-V"],"stdin":"a.tar.gz  b\n  10  x.10~\n1.2.9\nb  1.10  1.9\n","status":0,"stdout":"1.2.9\nb  1.10  1.9\na.tar.gz  b\n  10  x.10~\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n"],"stdin":" x  a  -2\nab\tz z\n x:\n x a-1.0\n9\n1.5\t2K\tx.1\n","status":0,"stdout":" x  a  -2\n x a-1.0\n x:\nab\tz z\n1.5\t2K\tx.1\n9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r","-k1.2","-k2.2b,2.3","-t"," ","-V"],"stdin":"x.1:a.tar.gz:\n1.10 x.1\n1.10\n x    1.2.9\nMar\n","status":0,"stdout":" x    1.2.9\nMar\n1.10 x.1\n1.10\nx.1:a.tar.gz:\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b","-k2,2","-t"," "],"stdin":"x.10~  1.5\nab x.1\n","status":0,"stdout":"x.10~  1.5\nab x.1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-M","-k2,2r"],"stdin":"z z\n1.2.9\tjan\tx.10~\n  3\n","status":0,"stdout":"z z\n1.2.9\tjan\tx.10~\n  3\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-k2bn"],"stdin":"a-1.0~rc1\n","status":0,"stdout":"a-1.0~rc1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V","-t"," "],"stdin":"b  a.tar.gz\nz z\tB\nab:x.10~:..\na-1.0~rc1\ta-1.0\n2K Mar B\n1.2.9\n  3\tz z\nz z\t1.10\t1.2.9\n","status":0,"stdout":"1.2.9\n2K Mar B\nab:x.10~:..\na-1.0~rc1\ta-1.0\nb  a.tar.gz\nz z\t1.10\t1.2.9\nz z\tB\n  3\tz z\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r"],"stdin":"10\t1.2.10\n1.5\n1.10  x\na-1.0\nab\na-1.0~rc1:10:2K\n","status":0,"stdout":"ab\na-1.0~rc1:10:2K\na-1.0\n10\t1.2.10\n1.5\n1.10  x\n","stderr":""}
case	{"argv":["/usr/bin/sort","-d","-k1,1n","-k1.2,1.3"],"stdin":"Mar b \n1.10  2K\na-1.0\n1.2.9\n a-1.0~rc1 1e2\n1.9  1.2.10\n1.2.10 a-1.0~rc1\n","status":0,"stdout":"a-1.0\n a-1.0~rc1 1e2\nMar b \n1.10  2K\n1.2.10 a-1.0~rc1\n1.2.9\n1.9  1.2.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V"],"stdin":"1.5\n\nx.1\n10\n","status":0,"stdout":"\n1.5\n10\nx.1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2","-k2bn"],"stdin":"a.tar.gz\tB\n x  1.9  Mar\n2K\na-1.0\tz z\tB\na-1.0~rc1\n2K\t-2\na-1.0  x.10~\n","status":0,"stdout":"a-1.0\tz z\tB\na-1.0  x.10~\na-1.0~rc1\na.tar.gz\tB\n2K\n2K\t-2\n x  1.9  Mar\n","stderr":""}
case	{"argv":["/usr/bin/sort"],"stdin":"  3\t\t\na  1.2.10\n1.10\tB\n\nb  9\n","status":0,"stdout":"\n  3\t\t\n1.10\tB\na  1.2.10\nb  9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b","-t",":"],"stdin":"9 Mar\n1.10\n10 x.1 x.1\n.. x.10~ x.1\n","status":0,"stdout":".. x.10~ x.1\n1.10\n10 x.1 x.1\n9 Mar\n","stderr":""}
case	{"argv":["/usr/bin/sort","-s","-k2","-k1.2"],"stdin":"b\na.tar.gz\na-1.0~rc1 a.tar.gz x.10~\nab 10\n1.2.10:1.2.10:b\n","status":0,"stdout":"b\n1.2.10:1.2.10:b\na.tar.gz\nab 10\na-1.0~rc1 a.tar.gz x.10~\n","stderr":""}
case	{"argv":["/usr/bin/sort","-d"],"stdin":"1.5  b\na.tar.gz\na-1.0~rc1\t10\t-2\n-2 2K\njan:10\na-1.0~rc1:jan\n1e2 9\n1.2.9:2K:a\n","status":0,"stdout":"1.2.9:2K:a\n1.5  b\n1e2 9\n-2 2K\na-1.0~rc1\t10\t-2\na-1.0~rc1:jan\na.tar.gz\njan:10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-i"],"stdin":"z z\na-1.0~rc1 1.5\nz z\n","status":0,"stdout":"a-1.0~rc1 1.5\nz z\nz z\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V"],"stdin":"a\t1.10\na-1.0~rc1\njan  1.5  1.5\n","status":0,"stdout":"a\t1.10\na-1.0~rc1\njan  1.5  1.5\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V","-k2bn","-k2,3","-t",":"],"stdin":"1.2.9\nx.1:2K\nb:B:10\nab 9 a-1.0~rc1\n\n\n.hidden 2K ..\n","status":0,"stdout":"\n\n.hidden 2K ..\n1.2.9\nab 9 a-1.0~rc1\nb:B:10\nx.1:2K\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u"],"stdin":"  .hidden  ..\n1.10:a\n x\n1.5:\n","status":0,"stdout":"  .hidden  ..\n x\n1.10:a\n1.5:\n","stderr":""}
case	{"argv":["/usr/bin/sort","-d","-t"," "],"stdin":"1.2.10\t  3\t..\na-1.0~rc1 jan jan\n9  .hidden  -2\n..\t..\t1.10\n1.2.9  1.9  -2\n","status":0,"stdout":"..\t..\t1.10\n1.2.10\t  3\t..\n1.2.9  1.9  -2\n9  .hidden  -2\na-1.0~rc1 jan jan\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h","-k2b","-k2b"],"stdin":"1.10\n1.2.10\n-2  a.tar.gz\n","status":0,"stdout":"1.10\n1.2.10\n-2  a.tar.gz\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g","-t"," ","-n"],"stdin":"2K\n1.10\n..\n","status":2,"stdout":"","stderr":"/usr/bin/sort: options '-gn' are incompatible\n"}
case	{"argv":["/usr/bin/sort","-s","-k1,1n","-k2n","-t",":"],"stdin":"2K\n9\n1.5  x\na\n10\n10\t.hidden\t10\nab\n","status":0,"stdout":"a\nab\n1.5  x\n2K\n9\n10\n10\t.hidden\t10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f","-k1"],"stdin":"10  1.5\n..\n\nz z  1.2.10\n  3\n","status":0,"stdout":"\n  3\n..\n10  1.5\nz z  1.2.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V","-k1,1n","-t"," "],"stdin":"2K 2K\nB\n9\nx.1\n9\nb\n","status":0,"stdout":"B\nb\nx.1\n2K 2K\n9\n9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2b","-k2.2b,2.3","-t"," "],"stdin":"x.1\t1.5\n1.9 b\nb:a.tar.gz:1.2.9\na.tar.gz\t\t  3\n1.2.10\n1.2.10 .hidden -2\n1.2.9\n..\n","status":0,"stdout":"..\n1.2.10\n1.2.9\nb:a.tar.gz:1.2.9\nx.1\t1.5\n1.2.10 .hidden -2\na.tar.gz\t\t  3\n1.9 b\n","stderr":""}
case	{"argv":["/usr/bin/sort"],"stdin":".hidden\n-2 B\n1.5:1e2:jan\n1.9  Mar\n1.9\t1.5\tab\n1.10\nx.1\t10\n","status":0,"stdout":"-2 B\n.hidden\n1.10\n1.5:1e2:jan\n1.9\t1.5\tab\n1.9  Mar\nx.1\t10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u","-k2bn"],"stdin":"a-1.0 .hidden\n1.9 10 a.tar.gz\nb x.1   3\n  3 1.2.9 10\nab:1.2.10\nB\n\n","status":0,"stdout":"a-1.0 .hidden\n  3 1.2.9 10\n1.9 10 a.tar.gz\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-k1.2","-k1.2"],"stdin":"\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h"],"stdin":"10  .hidden    3\n1.9\na-1.0~rc1\na.tar.gz\nB\nz z\n","status":0,"stdout":"B\na-1.0~rc1\na.tar.gz\nz z\n1.9\n10  .hidden    3\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-k2,2r","-k2","-t"," ","-b"],"stdin":"1.9\n1.9\tB\t..\n10\nb ab\njan\n x\n  3 -2 ..\n1.9\n","status":0,"stdout":" x\nb ab\n1.9\n1.9\n1.9\tB\t..\n10\njan\n  3 -2 ..\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f","-t",":"],"stdin":"2K\t1.5\t x\n  3   x\n9\t\n1.2.10\n","status":0,"stdout":"  3   x\n1.2.10\n2K\t1.5\t x\n9\t\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b","-k1","-k2b"],"stdin":"1.2.9\t..\tMar\n","status":0,"stdout":"1.2.9\t..\tMar\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h","-k2b"],"stdin":"10\n10\ta.tar.gz\n9\nB:1.10:z z\n x  a\n","status":0,"stdout":"10\n9\n x  a\n10\ta.tar.gz\nB:1.10:z z\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u"],"stdin":"ab:1.10\n","status":0,"stdout":"ab:1.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-k1","-t"," "],"stdin":"1.5\n","status":0,"stdout":"1.5\n","stderr":""}
case	{"argv":["/usr/bin/sort","-s","-k1","-k2.2b,2.3"],"stdin":"9 .hidden x.1\n x\n  3 1.5\na\n1e2  1.10\nMar\tx.10~\n","status":0,"stdout":"  3 1.5\n x\n1e2  1.10\n9 .hidden x.1\nMar\tx.10~\na\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h","-k2b","-k3"],"stdin":"-2\nx.10~  1.2.10\n1.2.10\n1.9 10\n","status":0,"stdout":"-2\n1.2.10\nx.10~  1.2.10\n1.9 10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u"],"stdin":"1.9  1.5  a-1.0~rc1\n10:10\n","status":0,"stdout":"1.9  1.5  a-1.0~rc1\n10:10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V","-k2,2r","-t"," ","-d"],"stdin":"a-1.0:-2:1.2.9\nx.1\t1.9\n1.2.10:b\n","status":0,"stdout":"1.2.10:b\na-1.0:-2:1.2.9\nx.1\t1.9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f"],"stdin":"-2 9\n..\ta\tab\n","status":0,"stdout":"-2 9\n..\ta\tab\n","stderr":""}
case	{"argv":["/usr/bin/sort","-s","-g"],"stdin":"1.2.9  b\n","status":0,"stdout":"1.2.9  b\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h","-k2,2","-t",":","-i"],"stdin":"9 x.1\n2K\nMar z z 1.9\na\n x x.10~ 9\n","status":2,"stdout":"","stderr":"/usr/bin/sort: options '-hi' are incompatible\n"}
case	{"argv":["/usr/bin/sort","-d","-k2.2b,2.3"],"stdin":"1e2\tB\tz z\nB\njan\n","status":0,"stdout":"B\njan\n1e2\tB\tz z\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2,2","-k1","-t",":","-u"],"stdin":"1.5  ..  B\n","status":0,"stdout":"1.5  ..  B\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r","-k2","-k2,3"],"stdin":"  3:a.tar.gz\nab\nx.1\n","status":0,"stdout":"x.1\nab\n  3:a.tar.gz\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V"],"stdin":"\t x\t10\n10:a-1.0:1.5\n..\tjan\nMar:Mar:.hidden\nb  x.10~\n1.2.9\n","status":0,"stdout":"..\tjan\n1.2.9\n10:a-1.0:1.5\nMar:Mar:.hidden\nb  x.10~\n\t x\t10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k3","-k1,1n","-V"],"stdin":".hidden a-1.0~rc1 1.10\n-2:2K\n","status":0,"stdout":"-2:2K\n.hidden a-1.0~rc1 1.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r","-t"," "],"stdin":"-2\t\n:ab\n2K:1.9:b\nx.10~:.hidden\n","status":0,"stdout":"x.10~:.hidden\n:ab\n2K:1.9:b\n-2\t\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g","-k1","-k1.2"],"stdin":"x.10~\t10\nb\n  3  -2  -2\na.tar.gz  x\n","status":0,"stdout":"a.tar.gz  x\nb\nx.10~\t10\n  3  -2  -2\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g"],"stdin":"1.2.9  1.5\n x Mar\n","status":0,"stdout":" x Mar\n1.2.9  1.5\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-k3","-k2,2r"],"stdin":"ab\tz z\n 9 a-1.0\n1.2.10  ab\na-1.0\nb\n..:1.2.10\n","status":0,"stdout":" 9 a-1.0\n1.2.10  ab\nab\tz z\n..:1.2.10\na-1.0\nb\n","stderr":""}
case	{"argv":["/usr/bin/sort","-V"],"stdin":"1e2:\nx.1\na  a\na-1.0~rc1  1.9  .hidden\n","status":0,"stdout":"1e2:\na  a\na-1.0~rc1  1.9  .hidden\nx.1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h","-d"],"stdin":"1.9\nx.10~\n..\n\tz z\t1e2\na\ta-1.0~rc1\na.tar.gz 10 jan\na.tar.gz:1.2.10:b\n","status":2,"stdout":"","stderr":"/usr/bin/sort: options '-dh' are incompatible\n"}
case	{"argv":["/usr/bin/sort","-h"],"stdin":"\tx.1\tb\na.tar.gz\n-2\n  1.9  a.tar.gz\n1.9\na\tab\n","status":0,"stdout":"-2\n\tx.1\tb\na\tab\na.tar.gz\n  1.9  a.tar.gz\n1.9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r","-t"," "],"stdin":"  1.5\nb:jan\n10  1.2.9  Mar\nz z:..\n.hidden  1.9\n","status":0,"stdout":"z z:..\nb:jan\n10  1.2.9  Mar\n.hidden  1.9\n  1.5\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b","-k1,1n","-t"," "],"stdin":"b\nB  1e2\nx.1 B ab\n.hidden  a\nx.10~:1.2.9\nMar:a-1.0~rc1:..\n","status":0,"stdout":".hidden  a\nB  1e2\nMar:a-1.0~rc1:..\nb\nx.1 B ab\nx.10~:1.2.9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-M"],"stdin":"  3:x.1:.hidden\n  3\t1.5\t x\nz z  a  10\na.tar.gz 1.10\n","status":0,"stdout":"  3\t1.5\t x\n  3:x.1:.hidden\na.tar.gz 1.10\nz z  a  10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f"],"stdin":"1e2\t9\tx.1\nab\tB\njan\t.hidden\ta-1.0~rc1\nb\tMar\ta-1.0\na-1.0~rc1:ab:-2\n","status":0,"stdout":"1e2\t9\tx.1\na-1.0~rc1:ab:-2\nab\tB\nb\tMar\ta-1.0\njan\t.hidden\ta-1.0~rc1\n","stderr":""}
case	{"argv":["/usr/bin/sort","-r","-k2b"],"stdin":"1.2.9\t\n  3  a.tar.gz\n:1e2:a\n x:1.9:Mar\n1.2.10: x:1e2\n x:9:ab\nx.1  a  2K\n2K\n","status":0,"stdout":":1e2:a\n2K\n1.2.9\t\n x:9:ab\n x:1.9:Mar\nx.1  a  2K\n  3  a.tar.gz\n1.2.10: x:1e2\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b","-t",":"],"stdin":" x  1.5\na-1.0~rc1:Mar:1.2.9\n2K\t..\t.hidden\na-1.0~rc1  a-1.0~rc1  1.5\nB 1.5 -2\nx.10~\ta.tar.gz\n1e2:b\n","status":0,"stdout":"1e2:b\n2K\t..\t.hidden\nB 1.5 -2\na-1.0~rc1  a-1.0~rc1  1.5\na-1.0~rc1:Mar:1.2.9\n x  1.5\nx.10~\ta.tar.gz\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2.2b,2.3"],"stdin":"ab\nx.10~    jan\n1e2  x.1  x.1\nMar:b\n2K\nx.1\na-1.0~rc1:b\n","status":0,"stdout":"1e2  x.1  x.1\n2K\nMar:b\na-1.0~rc1:b\nab\nx.1\nx.10~    jan\n","stderr":""}
case	{"argv":["/usr/bin/sort","-f","-k2n"],"stdin":"Mar\t x\n1.10\t x\tx.10~\n:B\n","status":0,"stdout":"1.10\t x\tx.10~\n:B\nMar\t x\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b"],"stdin":"2K  Mar  z z\n1.2.9:z z\n..:a-1.0~rc1:.hidden\n","status":0,"stdout":"..:a-1.0~rc1:.hidden\n1.2.9:z z\n2K  Mar  z z\n","stderr":""}
case	{"argv":["/usr/bin/sort","-g"],"stdin":"1.5\nx.10~  a-1.0\n1e2\n1.2.10\nz z 1.10 -2\n","status":0,"stdout":"x.10~  a-1.0\nz z 1.10 -2\n1.2.10\n1.5\n1e2\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2","-t"," ","-s"],"stdin":"2K  1.9\na\n.hidden\t1.2.10\t1.2.9\n1.9:ab\n1.10\n1.2.10\n1e2\tMar\tb\n10  10  x.1\n","status":0,"stdout":"a\n1.10\n1.2.10\n1.9:ab\n10  10  x.1\n2K  1.9\n1e2\tMar\tb\n.hidden\t1.2.10\t1.2.9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-b","-k2.2b,2.3","-k1.3n"],"stdin":"a  a-1.0~rc1  1.2.10\n b\n","status":0,"stdout":" b\na  a-1.0~rc1  1.2.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-u","-t"," "],"stdin":"z z\ta\t1.10\n1.10\na \n10  -2  a-1.0\n","status":0,"stdout":"1.10\n10  -2  a-1.0\na \nz z\ta\t1.10\n","stderr":""}
case	{"argv":["/usr/bin/sort","-h","-t"," "],"stdin":"9\n1.10\n1.2.10\n9\n1.2.9 2K -2\n","status":0,"stdout":"1.10\n1.2.10\n1.2.9 2K -2\n9\n9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-d","-k2n"],"stdin":"jan:a\nz z\nB z z 1.2.9\nx.1\nMar\nz z  .hidden\n-2\n9 a.tar.gz ab\n","status":0,"stdout":"-2\n9 a.tar.gz ab\nB z z 1.2.9\nMar\njan:a\nx.1\nz z\nz z  .hidden\n","stderr":""}
case	{"argv":["/usr/bin/sort","-n","-t",":"],"stdin":"b\t  3\na\n1.10:9\n..:ab:a-1.0~rc1\nMar:9: x\nMar  b\n1e2 x.1 \n","status":0,"stdout":"..:ab:a-1.0~rc1\nMar  b\nMar:9: x\na\nb\t  3\n1e2 x.1 \n1.10:9\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k1.2,1.3","-k3","-t",":"],"stdin":"x.10~\t x\t x\nB: x:1.9\nMar\n","status":0,"stdout":"x.10~\t x\t x\nB: x:1.9\nMar\n","stderr":""}
case	{"argv":["/usr/bin/sort","-k2n","-k3"],"stdin":"Mar\ta-1.0~rc1\t  3\n","status":0,"stdout":"Mar\ta-1.0~rc1\t  3\n","stderr":""}
group	{"name":"sed scripts (random)","files":{}}
case	{"argv":["/usr/bin/sed","-n","$ 0,/a/!=;p;G"],"stdin":"a\nab\nb\nx1\na a a\naa b\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 3: unknown command: \u00600'\n"}
case	{"argv":["/usr/bin/sed","-n","3 y/ab/ba/"],"stdin":"ab\nb\nab\na a a","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","2 y/ab/ba/"],"stdin":"x1\naa b\naa b","status":0,"stdout":"x1\nbb a\naa b","stderr":""}
case	{"argv":["/usr/bin/sed","-n","P"],"stdin":"a\nx1\nba","status":0,"stdout":"a\nx1\nba","stderr":""}
case	{"argv":["/usr/bin/sed","2,$ p"],"stdin":"x1\nb\n\nx1\n\n","status":0,"stdout":"x1\nb\nb\n\n\nx1\nx1\n\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","3 p;N"],"stdin":"a\nba\nx1\nba\n","status":0,"stdout":"x1\n","stderr":""}
case	{"argv":["/usr/bin/sed","n"],"stdin":"b\naa b\n","status":0,"stdout":"b\naa b\n","stderr":""}
case	{"argv":["/usr/bin/sed","i T4\ns/a\\+/\\n/"],"stdin":"b\naa b\nx1\nx1\n","status":0,"stdout":"T4\nb\nT4\n\n b\nT4\nx1\nT4\nx1\n","stderr":""}
case	{"argv":["/usr/bin/sed","H;H;2 $!d"],"stdin":"a\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 7: unknown command: \u0060$'\n"}
case	{"argv":["/usr/bin/sed","-n","/a/,/b/ h;/a/ z"],"stdin":"a a a\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","s/^$/&&/g;4 H;2,$ y/ab/ba/"],"stdin":"a a a\na a a\nx1\na a a\n\n","status":0,"stdout":"a a a\nb b b\nx1\nb b b\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","2,$ y/ab/ba/"],"stdin":"a a a\nx1\nab\nb\na a a\n\n","status":0,"stdout":"a a a\nx1\nba\na\nb b b\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/b/,$ N;{d;H};/a/,/b/ a T4\n"],"stdin":"\nx1\nab\na\na a a\n\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","z;N"],"stdin":"\nx1\nba\n","status":0,"stdout":"\nx1\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","$ x;i T2\n$ a T4\n"],"stdin":"b\nba\nab\nba\n\n\n","status":0,"stdout":"T2\nT2\nT2\nT2\nT2\nT2\nT4\n","stderr":""}
case	{"argv":["/usr/bin/sed","n"],"stdin":"ab\naa b\nab\na\na a a\naa b","status":0,"stdout":"ab\naa b\nab\na\na a a\naa b","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2 c T0\n"],"stdin":"a a a\nx1\nba\nb\n","status":0,"stdout":"T0\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a\\|b/ D;/a/,/b/!p"],"stdin":"\nb\n\nx1\n\n","status":0,"stdout":"\n\n\n\nx1\nx1\n\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","/x/ N;4 l"],"stdin":"aa b\nab\nb\nx1\n","status":0,"stdout":"aa b\nab\nb\nx1\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a\\+/ c T2\n2,$ P"],"stdin":"ba\naa b\na a a\n\n","status":0,"stdout":"T2\nT2\nT2\n\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","y/ab/ba/;h"],"stdin":"\na a a\n\nba\na\nx1\n","status":0,"stdout":"\nb b b\n\nab\nb\nx1\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","5 q;2 P"],"stdin":"a a a\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","G;0,/a/ H"],"stdin":"a a a\na a a\nb","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","x;i T0\n"],"stdin":"x1\nx1\nab\na","status":0,"stdout":"T0\n\nT0\nx1\nT0\nx1\nT0\nab\n","stderr":""}
case	{"argv":["/usr/bin/sed","{c T3;p};2,$ l;z"],"stdin":"a a a\nba\na a a\nba\naa b\n\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 0: unmatched \u0060{'\n"}
case	{"argv":["/usr/bin/sed","2,$!d;a T4\n"],"stdin":"ab\na a a\n","status":0,"stdout":"a a a\nT4\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","D;d"],"stdin":"aa b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","p"],"stdin":"ba\nb\nba\n","status":0,"stdout":"ba\nb\nba\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/b*/ /a/,/b/!="],"stdin":"ab\nab\nab\nba\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 6: unknown command: \u0060/'\n"}
case	{"argv":["/usr/bin/sed","4 s/a\\|b/&&/I"],"stdin":"ab\na\nba\nb\n","status":0,"stdout":"ab\na\nba\nbb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/a/ s/\\<b/&/gp;i T4\n"],"stdin":"aa b\n\nb\naa b\n\n","status":0,"stdout":"aa b\nT4\nT4\nT4\naa b\nT4\nT4\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","N"],"stdin":"ba\nab\nab\na\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2,$ n;$ q;$ i T0\n"],"stdin":"ba\na\nab\nba\naa b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","5 P;3 n;P"],"stdin":"ab\nx1\n\nba\n","status":0,"stdout":"ab\nab\nx1\nx1\n\nba\nba\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","l"],"stdin":"ab\nba","status":0,"stdout":"ab$\nba$\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","4 {N;p}"],"stdin":"a a a\n\nba\nx1\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","s/\\(a\\)\\1/y/g"],"stdin":"\nb\n\nab\n\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","/a/,/b/ d"],"stdin":"a\na a a\na a a\nab\nb\nx1\n","status":0,"stdout":"b\nx1\n","stderr":""}
case	{"argv":["/usr/bin/sed","d;2 {s/a\\+//I;H};$ s/\\<b/&/g"],"stdin":"aa b\na\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","4 y/ab/ba/;/x/ l"],"stdin":"b\nb\naa b\n","status":0,"stdout":"b\nb\naa b\n","stderr":""}
case	{"argv":["/usr/bin/sed","1 a T6\nd"],"stdin":"ba\na a a\n\n","status":0,"stdout":"T6\n","stderr":""}
case	{"argv":["/usr/bin/sed","/[ab]/ ="],"stdin":"aa b\nb\nx1\nb\nb\n","status":0,"stdout":"1\naa b\n2\nb\nx1\n4\nb\n5\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2,$ p;$ D;P"],"stdin":"ab\na\n\na a a\naa b\n","status":0,"stdout":"ab\na\na\n\n\na a a\na a a\naa b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/b/,$ P;1 a T3\n"],"stdin":"b\nba\naa b\n\na\na a a\n","status":0,"stdout":"b\nT3\nba\naa b\n\na\na a a\n","stderr":""}
case	{"argv":["/usr/bin/sed","N"],"stdin":"b\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","2 l;1 d;h"],"stdin":"ba\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","3 H;/\\<b/ c T0\n"],"stdin":"b","status":0,"stdout":"T0\n","stderr":""}
case	{"argv":["/usr/bin/sed","5 p;/\\(a\\)\\1/ ="],"stdin":"x1\na\nab\n","status":0,"stdout":"x1\na\nab\n","stderr":""}
case	{"argv":["/usr/bin/sed","h;y/ab/ba/;s/./\\U&/"],"stdin":"x1\na a a\naa b\n","status":0,"stdout":"X1\nB b b\nBb a\n","stderr":""}
case	{"argv":["/usr/bin/sed","/^a/ c T7\nn"],"stdin":"b","status":0,"stdout":"b","stderr":""}
case	{"argv":["/usr/bin/sed","1~2 l;/a/,/b/ P;2 H"],"stdin":"x1\naa b\nx1\nx1\naa b\n","status":0,"stdout":"x1$\nx1\naa b\naa b\nx1$\nx1\nx1\nx1\nx1\naa b$\naa b\naa b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","P"],"stdin":"ab\nab\naa b\n","status":0,"stdout":"ab\nab\naa b\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a/,/b/ ="],"stdin":"a a a\na a a\nb\n","status":0,"stdout":"1\na a a\n2\na a a\n3\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a\\+/ y/ab/ba/"],"stdin":"a\nx1\na\n\n","status":0,"stdout":"b\nx1\nb\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","P;2,$ /a/!=;/a\\+/ p"],"stdin":"aa b\n\n\nb\na\nb\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 7: unknown command: \u0060/'\n"}
case	{"argv":["/usr/bin/sed","-n","1~2 h;G;0,/a/ H"],"stdin":"aa b\na a a\nb\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","0,/a/ P;2,$ =;n"],"stdin":"ba\nx1\nb\n","status":0,"stdout":"ba\nba\nx1\n3\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","N;3 H;n"],"stdin":"ab","status":0,"stdout":"ab","stderr":""}
case	{"argv":["/usr/bin/sed","-n","5 z"],"stdin":"ba\nba\naa b\nba\na a a\naa b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","x;1 H;n"],"stdin":"ab\nba\naa b\nx1\nb\n","status":0,"stdout":"\nba\nab\n\nx1\naa b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","2,3 i T1\n0,/a/ P;G"],"stdin":"a a a\nb\na\naa b\nab\nb","status":0,"stdout":"a a a\nT1\nT1\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","l;x;y/ab/ba/"],"stdin":"b\nx1\nb\nb\naa b\naa b\n","status":0,"stdout":"b$\nx1$\nb$\nb$\naa b$\naa b$\n","stderr":""}
case	{"argv":["/usr/bin/sed","s/$/y/p;/a/,/b/ s/^$/y/p;s/./X/"],"stdin":"x1\naa b\nx1\nba","status":0,"stdout":"x1y\nX1y\naa by\nXa by\nx1y\nX1y\nbay\nXay","stderr":""}
case	{"argv":["/usr/bin/sed","s/a\\+/\\n/p;2,$ D;/$/ h"],"stdin":"b\nab\n\nb\na a a\nba\n","status":0,"stdout":"b\n\nb\n\n a a\n \n a\n \n\nb\n\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","G;$ s/\\(a\\)//"],"stdin":"\n","status":0,"stdout":"\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","2,3 q;/a\\|b/ n;{a T8;p}"],"stdin":"ab\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 5: command only uses one address\n"}
case	{"argv":["/usr/bin/sed","{z;n};d"],"stdin":"a\nba\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/sed","P;2,3 x"],"stdin":"\naa b\n","status":0,"stdout":"\n\naa b\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a\\|b/ s/./\\n/;s/\\(a\\)/y/"],"stdin":"ba","status":0,"stdout":"\ny","stderr":""}
case	{"argv":["/usr/bin/sed","4 x"],"stdin":"a a a\nab\na a a\naa b\nb\n","status":0,"stdout":"a a a\nab\na a a\n\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","1~2 h"],"stdin":"x1\nx1\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","-n","/a\\|b/!p;$ H;/a\\+/ q"],"stdin":"ab\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/sed","/\\<b/ d;1,+1 G"],"stdin":"aa b\n\na\naa b\na\n","status":0,"stdout":"\n\na\n\na\n","stderr":""}
case	{"argv":["/usr/bin/sed","q"],"stdin":"b\nb\nx1\n\n","status":0,"stdout":"b\n","stderr":""}
case	{"argv":["/usr/bin/sed","-n","H;l"],"stdin":"b\na a a\na\naa b\nba\nb\n","status":0,"stdout":"b$\na a a$\na$\naa b$\nba$\nb$\n","stderr":""}
case	{"argv":["/usr/bin/sed","/./ N;5 =;d"],"stdin":"b","status":0,"stdout":"b","stderr":""}
case	{"argv":["/usr/bin/sed","h;a T2\n"],"stdin":"b\n\n\na\n\nba","status":0,"stdout":"b\nT2\n\nT2\n\nT2\na\nT2\n\nT2\nba\nT2\n","stderr":""}
case	{"argv":["/usr/bin/sed","1,+1 y/ab/ba/;l;2,$ s/a/X/I"],"stdin":"a a a\na\na\nba\nb\n","status":0,"stdout":"b b b$\nb b b\nb$\nb\na$\nX\nba$\nbX\nb$\nb\n","stderr":""}
case	{"argv":["/usr/bin/sed","G;1!="],"stdin":"b\na\nb\na a a\n\nb\n","status":0,"stdout":"b\n\n2\na\n\n3\nb\n\n4\na a a\n\n5\n\n\n6\nb\n\n","stderr":""}
case	{"argv":["/usr/bin/sed","/a/,/b/ q;3 i T7\n"],"stdin":"ba\nab\naa b\n\n","status":1,"stdout":"","stderr":"/usr/bin/sed: -e expression #1, char 9: command only uses one address\n"}
group	{"name":"grep options (random)","files":{"f1":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","f2":"a\nb\nfoo\nc\nd\ne\nfoo bar\n","f3":"nothing here\n"}}
case	{"argv":["/usr/bin/grep","-m2","-e","e"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"end\n","stderr":""}
case	{"argv":["/usr/bin/grep","-b","-B1","-e","","nx","f3","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f3:0:nothing here\n--\nf2:0:a\nf2:2:b\nf2:4:foo\nf2:8:c\nf2:10:d\nf2:12:e\nf2:14:foo bar\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-b","-e","b.z"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"8:baz\n","stderr":""}
case	{"argv":["/usr/bin/grep","-s","-E","-c","-e","foo\\|bar","f3","nx","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f3:0\nf1:0\n","stderr":""}
case	{"argv":["/usr/bin/grep","-b","-h","-c","-F","-e","FOO"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-Z","-w","-s","-e","foo\\|bar"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nfoo\n","stderr":""}
case	{"argv":["/usr/bin/grep","-x","-A1","-B1","-m1","-e","o+","f2","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-A1","-e","fo*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m1","-F","-b","-e","bar$","f1","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-2","-C1","-e","\\<ba","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-m2","-B1","-e","e","f1","f2","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1-FOO\nf1:end\n--\nf2-d\nf2:e\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-s","-Z","-i","-e","[a-c]","f1","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f1\u0000foo bar\nf1\u0000baz\nf1\u0000qux foo_bar\nf2\u0000a\nf2\u0000b\nf2\u0000c\nf2\u0000foo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-b","-i","-C1","-q","-e","[a-c]","f1","f2","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-2","-E","-e","x*","f2","f1","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f2:a\nf2:b\nf2:foo\nf2:c\nf2:d\nf2:e\nf2:foo bar\n--\nf1:foo bar\nf1:baz\nf1:foo\nf1:\nf1:qux foo_bar\nf1:FOO\nf1:end\n--\nf3:nothing here\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"a\nb\nfoo\nc\nd\ne\nfoo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-C1","-H","-m2","-e","[a-c]","f3","nx","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1:foo bar\nf1:baz\nf1-foo\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-C1","-o","-m1","-e","o+","f1","f2","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-m1","-w","-C1","-s","-e","b.z","nx","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-e","FOO","nx","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-e","","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"a\nb\nfoo\nc\nd\ne\nfoo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m2","-i","-n","-m1","-e","","f1","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f1:1:foo bar\nf3:1:nothing here\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","^foo"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nfoo\n","stderr":""}
case	{"argv":["/usr/bin/grep","-c","-l","-x","-e","fo*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"(standard input)\n","stderr":""}
case	{"argv":["/usr/bin/grep","-i","-H","-L","-n","-e","bar$","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"f3\n","stderr":""}
case	{"argv":["/usr/bin/grep","-i","-Z","-l","-F","-e","foo\\|bar","nx","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-B1","-b","-e","foo","nx","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f2-2-b\nf2:4:foo\n--\nf2-12-e\nf2:14:foo bar\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-w","-l","-b","-e","fo*","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-e","o+"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-o","-v","-i","-e","b.z","f2","f3","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-C1","-e","\\(o\\)\\1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\n","stderr":""}
case	{"argv":["/usr/bin/grep","-Z","-m2","-h","-e","\\(o\\)\\1","f1","f3","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nfoo\nfoo\nfoo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-w","-e","foo","f1","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1:foo bar\nf1:foo\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-L","-i","-e","\\<ba","f2","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-v","-m2","-w","-A1","-e","bar$"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"baz\nfoo\n\n","stderr":""}
case	{"argv":["/usr/bin/grep","-w","-H","-b","-e","o+","f2","nx","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-L","-C1","-B1","-e","foo","nx","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-e","bar$","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-o","-h","-s","-w","-e","fo*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo\nfoo\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m1","-H","-Z","-e","FOO","f2","f1","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f1\u0000FOO\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","bar$","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-w","-l","-h","-E","-e","FOO","f3","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-b","-L","-e","o+","f2","f3","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"f2\nf3\nf1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-v","-s","-e","^foo","f2","f1","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f2:a\nf2:b\nf2:c\nf2:d\nf2:e\nf1:baz\nf1:\nf1:qux foo_bar\nf1:FOO\nf1:end\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","x*","f1","f3","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1:foo bar\nf1:baz\nf1:foo\nf1:\nf1:qux foo_bar\nf1:FOO\nf1:end\nf3:nothing here\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-n","-l","-H","-L","-e","x*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-l","-b","-v","-e","e","f1","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","^foo","f1","nx","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1:foo bar\nf1:foo\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-m2","-e","\\<ba","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nbaz\n","stderr":""}
case	{"argv":["/usr/bin/grep","-i","-Z","-x","-e","bar$"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-q","-m1","-L","-e","FOO","nx","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-e","o+","f1","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-e","","f3","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f3:nothing here\nf2:a\nf2:b\nf2:foo\nf2:c\nf2:d\nf2:e\nf2:foo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-h","-q","-n","-e","^foo","nx","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-w","-E","-e","","f3","f2","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f1:\n","stderr":""}
case	{"argv":["/usr/bin/grep","-w","-L","-x","-H","-e","^foo","f1","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-e","\\(o\\)\\1","f2","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f2:foo\nf2:foo bar\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-v","-h","-e","bar$","f3","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"nothing here\nbaz\nfoo\n\nFOO\nend\n","stderr":""}
case	{"argv":["/usr/bin/grep","-b","-m1","-e","x*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"0:foo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-x","-e","foo","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-e","fo*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nfoo\nqux foo_bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","foo"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nfoo\nqux foo_bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-H","-B1","-e","b.z","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f1-foo bar\nf1:baz\n","stderr":""}
case	{"argv":["/usr/bin/grep","-h","-n","-C1","-Z","-e","bar$","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"6-e\n7:foo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-h","-e","fo*"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\nfoo\nqux foo_bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","-L","-o","-w","-e","bar$"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-E","-Z","-e","FOO","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":1,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/grep","-s","-m1","-e","bar$"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"foo bar\n","stderr":""}
case	{"argv":["/usr/bin/grep","-l","-e",""],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"(standard input)\n","stderr":""}
case	{"argv":["/usr/bin/grep","-s","-m1","-l","-e","FOO","nx","f1","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-i","-l","-e","b.z"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"(standard input)\n","stderr":""}
case	{"argv":["/usr/bin/grep","-m2","-c","-v","-e","foo\\|bar","f2","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f2:2\nf3:1\n","stderr":""}
case	{"argv":["/usr/bin/grep","-o","-e","fo*","nx","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-i","-E","-n","-e","o+","f1","nx","f2"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f1:1:foo bar\nf1:3:foo\nf1:5:qux foo_bar\nf1:6:FOO\nf2:3:foo\nf2:7:foo bar\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-F","-A1","-Z","-x","-e","o+","nx","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-x","-2","-s","-e","[a-c]","f2","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f2:a\nf2:b\nf2-foo\nf2:c\nf2-d\nf2-e\n","stderr":""}
case	{"argv":["/usr/bin/grep","-e","","f2","f3"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f2:a\nf2:b\nf2:foo\nf2:c\nf2:d\nf2:e\nf2:foo bar\nf3:nothing here\n","stderr":""}
case	{"argv":["/usr/bin/grep","-L","-e","fo*","f3","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f3\n","stderr":""}
case	{"argv":["/usr/bin/grep","-E","-n","-b","-e","x*","f2","f1","nx"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":2,"stdout":"f2:1:0:a\nf2:2:2:b\nf2:3:4:foo\nf2:4:8:c\nf2:5:10:d\nf2:6:12:e\nf2:7:14:foo bar\nf1:1:0:foo bar\nf1:2:8:baz\nf1:3:12:foo\nf1:4:16:\nf1:5:17:qux foo_bar\nf1:6:29:FOO\nf1:7:33:end\n","stderr":"/usr/bin/grep: nx: No such file or directory\n"}
case	{"argv":["/usr/bin/grep","-w","-m2","-v","-e","b.z","f3","f2","f1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"f3:nothing here\nf2:a\nf2:b\nf1:foo bar\nf1:foo\n","stderr":""}
case	{"argv":["/usr/bin/grep","-v","-C1","-n","-l","-e","\\(o\\)\\1"],"stdin":"foo bar\nbaz\nfoo\n\nqux foo_bar\nFOO\nend\n","status":0,"stdout":"(standard input)\n","stderr":""}
group	{"name":"uniq, cut, tr options (random)","files":{}}
case	{"argv":["/usr/bin/uniq","-f1","-c"],"stdin":"a:b\nab\n1\na\nb\nA\na b\n","status":0,"stdout":"      6 a:b\n      1 a b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-i","-s1","-D"],"stdin":"b b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"x\ty\n a\nb\n","status":0,"stdout":"      1 x\ty\n      1  a\n      1 b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-d","-w1"],"stdin":"b\nb\na\n::\na\nab\na:b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-u"],"stdin":" a\na b\n","status":0,"stdout":" a\na b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-z"],"stdin":"b\n1:2:3\nab\n","status":0,"stdout":"b\n1:2:3\nab\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-D","-c","-u"],"stdin":"b\nb\n a\nA\na b\n a\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: printing all duplicated lines and repeat counts is meaningless\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/uniq"],"stdin":"A\n a\na b\n::\n a\n","status":0,"stdout":"A\n a\na b\n::\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-u","-i"],"stdin":"1:2:3\nb\na\n a\na\n1:2:3\na b\n","status":0,"stdout":"a b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-s1","-u"],"stdin":"b b\n::\na\n\na\n1:2:3\n","status":0,"stdout":"      1 b b\n      1 ::\n      1 1:2:3\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-i"],"stdin":"a:b\n","status":0,"stdout":"a:b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1"],"stdin":"aa\na b\naa\n a\na:b\n","status":0,"stdout":"aa\n a\na:b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-d","-f1","-s1"],"stdin":"a\nx\ty\nA\nab\n","status":0,"stdout":"A\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-z","-f1"],"stdin":"a b\n a\n","status":0,"stdout":"a b\n a\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"1\na b\n a\nb\n","status":0,"stdout":"1\na b\n a\nb\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"1:2:3\n1:2:3\n","status":0,"stdout":"1:2:3\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-u"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"x\ty\na\nab\n1:2:3\nb b\na b\n::\n a\n","status":0,"stdout":"x\ty\na\nab\n1:2:3\nb b\na b\n::\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-u","-c"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-i","-d"],"stdin":"1\na:b\n","status":0,"stdout":"1\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-d","-u","-i"],"stdin":"b\na\n::\nx\ty\n a\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1"],"stdin":"aa\n\n","status":0,"stdout":"aa\n\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-w1","-u"],"stdin":"\nx\ty\nb\nA\n","status":0,"stdout":"\nx\ty\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-z","-u","-f1"],"stdin":"::\na b\nb\nA\n\n a\naa\n","status":0,"stdout":"::\na b\nb\nA\n\n a\naa\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-d","-f1"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-D"],"stdin":" a\na:b\n1:2:3\n1:2:3\n a\na b\n1\n","status":0,"stdout":" a\na:b\n1:2:3\n1:2:3\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"aa\na:b\n a\na b\n1\n a\n\n","status":0,"stdout":"      1 aa\n      1 a:b\n      1  a\n      1 a b\n      1 1\n      1  a\n      1 \n","stderr":""}
case	{"argv":["/usr/bin/uniq","-z","-f1"],"stdin":" a\n1\na b\n1:2:3\n::\n","status":0,"stdout":" a\n1\na b\n1:2:3\n::\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-u","-s1"],"stdin":"a b\na b\naa\nb\naa\nb\nab\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-D"],"stdin":"1:2:3\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-s1","-z"],"stdin":"a:b\n::\n1\n a\n1:2:3\na\nab\nb\n","status":0,"stdout":"a:b\n::\n1\n a\n1:2:3\na\nab\nb\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-i","-s1"],"stdin":"1\n1:2:3\n","status":0,"stdout":"1\n1:2:3\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"ab\nb\na\nb\nA\na b\nb\n","status":0,"stdout":"ab\nb\na\nb\nA\na b\nb\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-i","-c","-z"],"stdin":"a b\nx\ty\n1\nb b\nA\nb b\nab\n","status":0,"stdout":"      1 a b\nx\ty\n1\nb b\nA\nb b\nab\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-D"],"stdin":"::\nA\n1:2:3\n::\naa\na b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"b b\n a\nA\n a\naa\naa\na b\nb b\n","status":0,"stdout":"b b\n a\nA\n a\naa\na b\nb b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-u"],"stdin":"x\ty\n::\nb b\n1\naa\na b\n","status":0,"stdout":"x\ty\n::\nb b\na b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-z","-D"],"stdin":"b b\n\nab\nb\nb b\nA\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-s1"],"stdin":"a b\n","status":0,"stdout":"      1 a b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1"],"stdin":"x\ty\nx\ty\nab\n\n a\n\n","status":0,"stdout":"x\ty\nab\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-u","-D"],"stdin":"1:2:3\n a\n\n a\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-f1","-u"],"stdin":" a\nb\n\na\nA\n1\nb b\n","status":0,"stdout":"      1 b b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-i","-D","-c"],"stdin":"::\nx\ty\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: printing all duplicated lines and repeat counts is meaningless\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/uniq"],"stdin":"aa\naa\n a\nab\n\na:b\na\n","status":0,"stdout":"aa\n a\nab\n\na:b\na\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1"],"stdin":"::\nb\n1:2:3\n a\n","status":0,"stdout":"::\nb\n1:2:3\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-z"],"stdin":"1\n::\nb b\n1:2:3\nA\na\na:b\nb\n","status":0,"stdout":"1\n::\nb b\n1:2:3\nA\na\na:b\nb\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-D","-f1"],"stdin":"1:2:3\naa\na\n\n","status":0,"stdout":"1:2:3\naa\na\n\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-u"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"aa\n\n1\nA\n","status":0,"stdout":"aa\n\n1\nA\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"a:b\na:b\nx\ty\nb b\nb b\n1:2:3\n","status":0,"stdout":"      2 a:b\n      1 x\ty\n      2 b b\n      1 1:2:3\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-w1","-i"],"stdin":" a\n\n::\n","status":0,"stdout":" a\n\n::\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"::\na\n1:2:3\na:b\n","status":0,"stdout":"::\na\n1:2:3\na:b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-D","-w1","-u"],"stdin":"b\n\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-u","-i"],"stdin":"a:b\na\nA\n1:2:3\nab\n a\n::\nA\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-d"],"stdin":"1:2:3\n\na\nA\n::\nA\n","status":0,"stdout":"\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-d"],"stdin":" a\n1:2:3\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-z","-D"],"stdin":"x\ty\na:b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-d"],"stdin":"a\naa\nA\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-d","-D","-c"],"stdin":"1:2:3\n","status":1,"stdout":"","stderr":"/usr/bin/uniq: printing all duplicated lines and repeat counts is meaningless\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/uniq","-u","-c","-i"],"stdin":"a b\n","status":0,"stdout":"      1 a b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-f1","-z"],"stdin":"a\nb\n1:2:3\n a\nb\n","status":0,"stdout":"a\nb\n1:2:3\n a\nb\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-z","-i"],"stdin":"A\naa\nab\n a\n","status":0,"stdout":"A\naa\nab\n a\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-z","-u"],"stdin":"::\na b\n\n","status":0,"stdout":"::\na b\n\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-z","-f1"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-d","-c"],"stdin":"::\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"b b\n\nab\nx\ty\n\n\na b\nA\n","status":0,"stdout":"b b\n\nab\nx\ty\n\na b\nA\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"1:2:3\nx\ty\na\n::\nb\nx\ty\n1\na:b\n","status":0,"stdout":"1:2:3\nx\ty\na\n::\nb\nx\ty\n1\na:b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-d"],"stdin":"1\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-i","-u","-f1"],"stdin":"a b\n::\nab\n a\na b\nb b\n","status":0,"stdout":"a b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-z"],"stdin":"1:2:3\n::\n","status":0,"stdout":"1:2:3\n::\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-D","-s1"],"stdin":"aa\na\nb b\nb b\nab\n","status":0,"stdout":"b b\nb b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1"],"stdin":"A\n","status":0,"stdout":"A\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-i"],"stdin":"a\n\n\n","status":0,"stdout":"a\n\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-s1"],"stdin":" a\nb b\nx\ty\na b\n\n\nA\n","status":0,"stdout":"      1  a\n      1 b b\n      1 x\ty\n      1 a b\n      3 \n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u"],"stdin":"A\na b\n","status":0,"stdout":"A\na b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-u","-D"],"stdin":"A\n a\n::\nb\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-i","-c"],"stdin":"a\na b\na:b\na b\na b\na\n1:2:3\n","status":0,"stdout":"      1 a\n      1 a b\n      1 a:b\n      2 a b\n      1 a\n      1 1:2:3\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"\n::\nb\nA\na:b\n1\na b\n","status":0,"stdout":"\n::\nb\nA\na:b\n1\na b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-i"],"stdin":"a\nab\n","status":0,"stdout":"a\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"1\nA\nb b\n","status":0,"stdout":"1\nA\nb b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-D","-d"],"stdin":"a b\n a\nA\n1:2:3\n1:2:3\n\nb\n","status":0,"stdout":" a\nA\n1:2:3\n1:2:3\n\nb\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u"],"stdin":"a\n1\nb b\n","status":0,"stdout":"a\n1\nb b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-D","-c","-i"],"stdin":"","status":1,"stdout":"","stderr":"/usr/bin/uniq: printing all duplicated lines and repeat counts is meaningless\nTry '/usr/bin/uniq --help' for more information.\n"}
case	{"argv":["/usr/bin/uniq","-s1","-u","-c"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-d","-z"],"stdin":"a:b\n\nA\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-i","-f1"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-c","-w1"],"stdin":"::\nx\ty\n\n a\n","status":0,"stdout":"      1 ::\n      1 x\ty\n      1 \n      1  a\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-u"],"stdin":"1\nx\ty\nab\naa\nab\nA\na b\na:b\n","status":0,"stdout":"1\nx\ty\nab\naa\nab\nA\na b\na:b\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"aa\n","status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-d"],"stdin":"b b\na\n\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-s1"],"stdin":"aa\n1\nb\n1:2:3\na\na:b\n","status":0,"stdout":"aa\n1\n1:2:3\na\na:b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-i"],"stdin":"A\nb\n a\n\nA\na:b\na:b\n a\n","status":0,"stdout":"A\nb\n a\n\nA\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1","-u","-d"],"stdin":"A\n\nab\n1:2:3\nA\na:b\nx\ty\nb b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-D"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-i","-c","-f1"],"stdin":"a:b\n a\na b\n","status":0,"stdout":"      2 a:b\n      1 a b\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"x\ty\n","status":0,"stdout":"x\ty\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-s1","-c"],"stdin":"1\na:b\nb\nb b\n","status":0,"stdout":"      1 1\n      1 a:b\n      1 b\n      1 b b\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"b\n::\n1:2:3\n1\na:b\na\n1:2:3\n","status":0,"stdout":"b\n::\n1:2:3\n1\na:b\na\n1:2:3\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":" a\nA\na:b\na:b\nx\ty\naa\n","status":0,"stdout":" a\nA\na:b\nx\ty\naa\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1"],"stdin":" a\n","status":0,"stdout":" a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u"],"stdin":"\n1\na b\n a\n","status":0,"stdout":"\n1\na b\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"aa\n","status":0,"stdout":"aa\n","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-f1"],"stdin":"::\n a\nb b\na\nab\naa\n","status":0,"stdout":"::\nb b\na\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-u","-f1","-d"],"stdin":"a b\na\nb\nb b\nb b\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-d"],"stdin":"aa\nb b\nb\n1\n","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1"],"stdin":"a:b\nx\ty\nA\na b\na b\n\n","status":0,"stdout":"a:b\nx\ty\nA\na b\n\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1"],"stdin":"b\n\na\na:b\n1\nb\n","status":0,"stdout":"b\n\na\n1\nb\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-c","-z"],"stdin":"::\n::\n","status":0,"stdout":"      1 ::\n::\n\u0000","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-i","-z"],"stdin":"","status":0,"stdout":"","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1"],"stdin":"x\ty\n\nab\nab\n a\n","status":0,"stdout":"x\ty\n\nab\n a\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-D"],"stdin":"aa\na b\na:b\na:b\na:b\nab\na b\na b\n","status":0,"stdout":"a:b\na:b\na:b\na b\na b\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c"],"stdin":"x\ty\na b\nb\nb\n::\nab\n\n","status":0,"stdout":"      1 x\ty\n      1 a b\n      2 b\n      1 ::\n      1 ab\n      1 \n","stderr":""}
case	{"argv":["/usr/bin/uniq","-c","-d","-w1"],"stdin":"A\na:b\n1:2:3\n a\nab\na:b\n","status":0,"stdout":"      2 ab\n","stderr":""}
case	{"argv":["/usr/bin/uniq","-w1","-z"],"stdin":"b b\nA\na:b\nab\nx\ty\n1:2:3\na\nA\n","status":0,"stdout":"b b\nA\na:b\nab\nx\ty\n1:2:3\na\nA\n\u0000","stderr":""}
`;

for (const group of parseTable(TABLE)) {
	describe(group.name, () => {
		const sys = newSystem();
		const parent = sys.kernel.fork(sys.kernel.init);
		group.cases.forEach((c, n) => {
			it(title(c), () => {
				const dir = `/tmp/case${n}`;
				populate(sys, dir, group.files);
				const argv = c.sh ? ["/bin/sh", "-c", c.argv.join(" ")] : c.argv;
				const r = runProgram(sys, argv, { stdin: c.stdin ?? "", cwd: dir, parent });
				assert.deepEqual(
					{ status: r.status, stdout: r.stdout, stderr: r.stderr },
					{ status: c.status, stdout: c.stdout, stderr: c.stderr },
				);
			});
		});
	});
}

describe("printf engine", () => {
	const run = (dialect: typeof GNU_PRINTF, format: string, ...args: string[]) => {
		const diags: PrintfDiag[] = [];
		const r = formatPrintf(format, args, dialect, (d) => diags.push(d));
		return { ...r, diags };
	};

	it("coreutils: long double floats, escapes, and structured diagnostics", () => {
		const r = run(GNU_PRINTF, "%.20f|%a|%.0f|%d|\\x41\\u00e9\n", "0.1", "0.1", "2.5", "12abc");
		assert.equal(r.output, "0.10000000000000000000|0xc.ccccccccccccccdp-7|2|12|A\\u00E9\n");
		assert.deepEqual(r.diags, [{ kind: "not-converted", arg: "12abc" }]);
		assert.equal(r.failed, true);
		assert.equal(
			gnuPrintfMessage(r.diags[0]!, quoteLocale),
			"'12abc': value not completely converted",
		);
	});

	it("dash: doubles, no \\x, and %b's \\c stopping output", () => {
		const r = run(DASH_PRINTF, "%.20f|%a|%.0f|\\x41|%b|%s", "0.1", "0.1", "2.5", "a\\cb", "never");
		assert.equal(r.output, "0.10000000000000000555|0x1.999999999999ap-4|2|\\x41|a");
		assert.equal(r.stopped, true);
	});

	it("reuses the format for extra operands and reports bad directives as fatal", () => {
		assert.equal(run(GNU_PRINTF, "%s-%s;", "a", "b", "c").output, "a-b;c-;");
		const bad = run(GNU_PRINTF, "ab%yc");
		assert.deepEqual(bad.diags, [{ kind: "bad-directive", spec: "%y", truncated: false }]);
		assert.equal(bad.output, "ab");
		assert.equal(bad.fatal, true);
		const dash = run(DASH_PRINTF, "%ld", "1");
		assert.deepEqual(dash.diags, [{ kind: "bad-directive", spec: "%l", truncated: false }]);
	});
});

describe("float conversions", () => {
	it("round to the x87 long double or a double, half to even", () => {
		assert.equal(fixedDigits(strtold("0.1", LONG_DOUBLE).value, 20), "0.10000000000000000000");
		assert.equal(fixedDigits(strtold("0.1", DOUBLE).value, 20), "0.10000000000000000555");
		assert.equal(fixedDigits(strtold("2.5", LONG_DOUBLE).value, 0), "2");
		assert.equal(fixedDigits(strtold("3.5", LONG_DOUBLE).value, 0), "4");
		assert.equal(expDigits(strtold("1e-4940", LONG_DOUBLE).value, 6), "1.000000e-4940");
		assert.equal(strtold("1e-4940", LONG_DOUBLE).range, true);
		assert.equal(strtold("1e99999", LONG_DOUBLE).value.kind, "inf");
	});
});

/** Files for the test evaluator: "f" a regular file, "d" a directory, nothing else. */
const FAKE_FILES: TestFiles = {
	stat: (p) =>
		p === "f" || p === "d"
			? ({
					mode: p === "f" ? 0o100644 : 0o040755,
					size: 3,
					uid: 0,
					gid: 0,
					dev: 1,
					ino: p === "f" ? 2 : 3,
				} as Stat)
			: null,
	lstat: (p) => FAKE_FILES.stat(p),
	access: (p) => p === "f" || p === "d",
	isatty: () => false,
	euid: 0,
	egid: 0,
};

describe("test evaluator", () => {
	const coreutils = (...args: string[]) => {
		const r = evaluateTest(args, FAKE_FILES, "coreutils");
		return r.ok ? r.value : coreutilsTestMessage(r.error, quoteLocale);
	};
	const dash = (...args: string[]) => {
		const r = evaluateTest(args, FAKE_FILES, "dash");
		return r.ok ? r.value : dashTestMessage(r.error);
	};

	it("coreutils grammar and messages", () => {
		assert.equal(coreutils("-f", "f", "-a", "-d", "d"), true);
		assert.equal(coreutils("!", "-e", "x"), true);
		assert.equal(coreutils("a", "b"), "missing argument after 'b'");
		assert.equal(coreutils("x", "y", "z"), "'y': binary operator expected");
		assert.equal(coreutils("1", "-eq", "a"), "invalid integer 'a'");
		assert.equal(coreutils("(", "a", ")", "b"), "extra argument 'b'");
		assert.equal(coreutils("a", "-a", "(", "b"), "')' expected");
		assert.equal(coreutils("a", "<", "b"), "'<': binary operator expected");
		assert.equal(coreutils("99999999999999999999", "-gt", "1"), true);
	});

	it("dash grammar and messages, as dash -c 'test ...' prints them", () => {
		assert.equal(dash("a", "b"), "a: unexpected operator");
		assert.equal(dash("-z", "-a", "-z"), "-a: unexpected operator");
		assert.equal(dash("1", "-eq", "a"), "Illegal number: a");
		assert.equal(dash("a", "=", "b", "c"), "b: unexpected operator");
		assert.equal(dash("(", "a"), "closing paren expected");
		assert.equal(dash("=", "="), "=: argument expected");
		assert.equal(dash("!", "!", "!", "!"), true);
		assert.equal(dash("a", "-o"), true);
		assert.equal(dash("b", ">", "a"), true);
		assert.equal(dash("99999999999999999999", "-gt", "1"), "Illegal number: 99999999999999999999");
	});
});

describe("POSIX regex", () => {
	it("finds the leftmost-longest match, also through nested alternatives", () => {
		const r = compileRegex("(a|ab)(c|bcd)", { extended: true });
		assert.ok(r.ok);
		const m = r.regex.exec("xabcd");
		assert.deepEqual(m, { index: 1, end: 5, groups: ["abcd", "a", "bcd"] });
		const bre = compileRegex("cat\\|category", { extended: false });
		assert.ok(bre.ok);
		assert.equal(bre.regex.exec("the category")?.end, 12);
	});

	it("translates BRE specials and reports glibc's errors", () => {
		const star = compileRegex("*a\\{2\\}", { extended: false });
		assert.ok(star.ok);
		assert.equal(star.regex.test("x*aa"), true);
		assert.equal(star.regex.test("aa"), false);
		assert.deepEqual(compileRegex("\\(a", { extended: false }), {
			ok: false,
			error: "Unmatched ( or \\(",
		});
		assert.deepEqual(compileRegex("[[:foo:]]", { extended: false }), {
			ok: false,
			error: "Invalid character class name",
		});
		const warn = compileRegex("*a", { extended: true });
		assert.ok(warn.ok);
		assert.deepEqual(warn.warnings, ["* at start of expression"]);
	});
});

/** The host's GNU tools, when this runs on Linux with them installed. */
const LIVE = (() => {
	if (process.platform !== "linux") return "not Linux";
	for (const tool of ["sort", "uniq", "tr", "cut", "grep", "sed", "wc"]) {
		const r = spawnSync(`/usr/bin/${tool}`, ["--version"], { encoding: "utf8" });
		if (r.status !== 0 || !/GNU/.test(r.stdout)) return `no GNU ${tool}`;
	}
	return null;
})();

describe("randomized comparison with the host's GNU tools", { skip: LIVE ?? false }, () => {
	let seed = 12345;
	const rnd = (n: number): number => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed % n;
	};
	const word = (): string => ["a", "b", "ab", "B", "10", "9", "-2", "x y", "1.5", ""][rnd(10)]!;
	const input = (): string => {
		let s = "";
		const lines = 1 + rnd(12);
		for (let i = 0; i < lines; i++) s += `${word()}${[" ", ":", "\t"][rnd(3)]}${word()}\n`;
		return s;
	};
	const commands: string[][] = [
		["sort"],
		["sort", "-n"],
		["sort", "-r", "-k2"],
		["sort", "-t:", "-k2,2", "-k1n"],
		["sort", "-u", "-f"],
		["uniq", "-c"],
		["uniq", "-d", "-i"],
		["tr", "a-z", "A-Z"],
		["tr", "-s", " :"],
		["tr", "-cd", "a-b\\n"],
		["cut", "-d:", "-f2"],
		["cut", "-c2-4"],
		["grep", "-c", "a"],
		["grep", "-E", "-o", "(a|ab)+|[0-9]+"],
		["grep", "-v", "-n", "^b"],
		["sed", "s/a*/X/g"],
		["sed", "-E", "s/([a-z]+)(.)/\\2\\1/"],
		["sed", "-n", "/a/,/b/p"],
		["wc"],
	];
	const sys = newSystem();
	const parent = sys.kernel.fork(sys.kernel.init);
	const count = Number(process.env.CGKIT_TEXT_LIVE_CASES ?? 60);
	for (let n = 0; n < count; n++) {
		const cmd = commands[n % commands.length]!;
		const stdin = input();
		it(`${cmd.join(" ")} #${n}`, () => {
			const real = spawnSync(`/usr/bin/${cmd[0]}`, cmd.slice(1), {
				input: stdin,
				encoding: "utf8",
				env: { LC_ALL: "C" },
			});
			const got = runProgram(sys, [`/usr/bin/${cmd[0]}`, ...cmd.slice(1)], { stdin, parent });
			const want = {
				status: real.status,
				stdout: real.stdout,
				stderr: real.stderr.replaceAll(`/usr/bin/${cmd[0]}`, ""),
			};
			// wc pads to 7 columns reading a pipe; here stdin is a file.
			if (cmd[0] === "wc") want.stdout = `${want.stdout.trim().split(/ +/).join(" ")}\n`;
			const gotOut = cmd[0] === "wc" ? `${got.stdout.trim().split(/ +/).join(" ")}\n` : got.stdout;
			assert.deepEqual(
				{
					status: got.status,
					stdout: gotOut,
					stderr: got.stderr.replaceAll(`/usr/bin/${cmd[0]}`, ""),
				},
				want,
			);
		});
	}
});
