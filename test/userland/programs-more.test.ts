/**
 * env, expr and od (MORE_PROGRAMS) against GNU coreutils 9.1 with LC_ALL=C:
 * every expected stdout, stderr and exit status below is what the real
 * tools print on a Linux host for the same arguments, input and files.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { MORE_PROGRAMS } from "../../src/userland/bin/more-tools.ts";
import { compileBre, EXPR_SYNTAX, matchAtStart } from "../../src/userland/lib/posix-bre.ts";
import type { UserSystem } from "../../src/userland/system.ts";
import { newSystem, runProgram } from "../support/userland.ts";

interface Case {
	readonly argv: readonly string[];
	readonly stdin?: string;
	readonly status: number;
	readonly stdout: string;
	readonly stderr?: string;
}

/** The environment the env cases start from. */
const ENV = ["PATH=/usr/bin:/bin", "HOME=/root", "LC_ALL=C", "FOO=bar"];

function le64(n: bigint): string {
	let s = "";
	for (let i = 0n; i < 8n; i++) s += String.fromCharCode(Number((n >> (8n * i)) & 0xffn));
	return s;
}

function doubles(ns: readonly number[]): string {
	const view = new DataView(new ArrayBuffer(8));
	return ns
		.map((n) => {
			view.setFloat64(0, n, true);
			return le64(view.getBigUint64(0, true));
		})
		.join("");
}

function floats(ns: readonly number[]): string {
	const view = new DataView(new ArrayBuffer(4));
	return ns
		.map((n) => {
			view.setFloat32(0, n, true);
			return le64(BigInt(view.getUint32(0, true))).slice(0, 4);
		})
		.join("");
}

/** x87 long doubles: 64-bit significand, then sign and exponent, padded to 16 bytes. */
function longDoubles(vs: readonly (readonly [bigint, number])[]): string {
	return vs
		.map(([m, se]) => `${le64(m)}${String.fromCharCode(se & 0xff, se >> 8)}${"\0".repeat(6)}`)
		.join("");
}

const NUMS = [
	0,
	1,
	-1,
	0.5,
	1 / 3,
	1e300,
	-2.5e-310,
	3.25,
	100000.5,
	1e-45,
	3.4e38,
	Infinity,
	-Infinity,
	NaN,
	-0,
	2 ** -1074,
];

/** Byte strings written to the emulated /tmp/more (and to the real host when the expectations were taken). */
const FIXTURES: Record<string, string> = {
	"/tmp/more/text": "hello world\n\x01\xffabcdefghijklmnopqrstuvwxyz",
	"/tmp/more/bytes": Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join(""),
	"/tmp/more/zeros": "\0".repeat(100),
	"/tmp/more/repeats": `${"abcdefghijklmnop".repeat(4)}abcdefghijklmnoX${"abcdefghijklmnop".repeat(2)}abc`,
	"/tmp/more/three": "xyz",
	"/tmp/more/empty": "",
	"/tmp/more/strings": "ab\0abcd\0xyzw\n\0",
	"/tmp/more/floats": floats(NUMS),
	"/tmp/more/doubles": doubles(NUMS),
	"/tmp/more/longdoubles": longDoubles([
		[0x8000000000000000n, 0x3fff],
		[0xaaaaaaaaaaaaaaabn, 0x3ffd],
		[0x8000000000000000n, 0x7fff],
		[0xc000000000000000n, 0xffff],
		[1n, 0],
		[0x8000000000000000n, 0xbfff],
		[0x4000000000000000n, 0x3fff],
	]),
};

const EXPR_CASES: readonly Case[] = [
	{ argv: ["expr", "1", "+", "2"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "length", "abc"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "substr", "abcdef", "2", "3"], status: 0, stdout: "bcd\n" },
	{ argv: ["expr", "index", "abcd", "dc"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "index", "abc", ""], status: 1, stdout: "0\n" },
	{
		argv: ["expr", "99999999999999999999", "+", "1"],
		status: 0,
		stdout: "100000000000000000000\n",
	},
	{
		argv: ["expr", "123456789012345678901234567890", "*", "-987654321098765432109876543210"],
		status: 0,
		stdout: "-121932631137021795226185032733622923332237463801111263526900\n",
	},
	{ argv: ["expr", "-5", "%", "3"], status: 0, stdout: "-2\n" },
	{ argv: ["expr", "5", "/", "-2"], status: 0, stdout: "-2\n" },
	{ argv: ["expr", "2", "+", "3", "*", "4"], status: 0, stdout: "14\n" },
	{ argv: ["expr", "(", "2", "+", "3", ")", "*", "4"], status: 0, stdout: "20\n" },
	{ argv: ["expr", "1", "-", "2", "-", "3"], status: 0, stdout: "-4\n" },
	{ argv: ["expr", "", "|", "0"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "0", "&", "x"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "3", "|", "0"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "a", "&", "b"], status: 0, stdout: "a\n" },
	{ argv: ["expr", "1", "|", "1", "/", "0"], status: 0, stdout: "1\n" },
	{ argv: ["expr", "0", "&", "1", "/", "0"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "a", "<", "b"], status: 0, stdout: "1\n" },
	{ argv: ["expr", "10", "<", "9"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "010", "=", "10"], status: 0, stdout: "1\n" },
	{ argv: ["expr", "a", ">", "B"], status: 0, stdout: "1\n" },
	{ argv: ["expr", "abc", "!=", "abc"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "1", "<", "a"], status: 0, stdout: "1\n" },
	{ argv: ["expr", "2", ">=", "10"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "1", "==", "1"], status: 0, stdout: "1\n" },
	{ argv: ["expr", "+", "match"], status: 0, stdout: "match\n" },
	{ argv: ["expr", "-0"], status: 1, stdout: "-0\n" },
	{ argv: ["expr", "-"], status: 0, stdout: "-\n" },
	{ argv: ["expr", "--", "-1"], status: 0, stdout: "-1\n" },
	{ argv: ["expr", "--foo"], status: 0, stdout: "--foo\n" },
	{ argv: ["expr", "substr", "abc", "0", "1"], status: 1, stdout: "\n" },
	{ argv: ["expr", "substr", "abc", "2", "99999999999999999999"], status: 0, stdout: "bc\n" },
	{ argv: ["expr", "substr", "hello", "x", "1"], status: 1, stdout: "\n" },
	{
		argv: ["expr", "length", "length"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: missing argument after 'length'\n",
	},
	{ argv: ["expr", "length", "+", "length"], status: 0, stdout: "6\n" },
	{ argv: ["expr", "match", "abc", "a\\(.\\)"], status: 0, stdout: "b\n" },
	{ argv: ["expr", "hello", ":", "hel"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "hello", ":", "l"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "foo.txt", ":", "\\(.*\\)\\.txt"], status: 0, stdout: "foo\n" },
	{ argv: ["expr", "abcabc", ":", "\\(abc\\)\\1"], status: 0, stdout: "abc\n" },
	{ argv: ["expr", "ab", ":", "a\\|ab"], status: 0, stdout: "2\n" },
	{ argv: ["expr", "abc", ":", "\\(a\\|ab\\)\\(c\\|bc\\)"], status: 0, stdout: "a\n" },
	{ argv: ["expr", "xyxy", ":", "\\(x\\|xy\\)*"], status: 0, stdout: "xy\n" },
	{ argv: ["expr", "aaa", ":", "a\\{2\\}"], status: 0, stdout: "2\n" },
	{ argv: ["expr", "aaa", ":", "a**"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "*a", ":", "*a"], status: 0, stdout: "2\n" },
	{ argv: ["expr", "*a", ":", "^*a"], status: 0, stdout: "2\n" },
	{ argv: ["expr", "ab$", ":", "ab$"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "a]b", ":", "a[]]b"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "ABc", ":", "[[:upper:]]*"], status: 0, stdout: "2\n" },
	{ argv: ["expr", "foo bar", ":", "foo\\>"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "a1_ x", ":", "\\w*\\W"], status: 0, stdout: "4\n" },
	{ argv: ["expr", "{1}", ":", "\\{1\\}"], status: 0, stdout: "3\n" },
	{ argv: ["expr", "a", ":", "a\\{0\\}"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "b", ":", "\\(a\\)\\{0\\}b"], status: 1, stdout: "\n" },
	{ argv: ["expr", "a", ":", "[z-a]"], status: 1, stdout: "0\n" },
	{ argv: ["expr", "abc", ":", "x\\(b\\)"], status: 1, stdout: "\n" },
	{ argv: ["expr", "a", ":", "\\(a\\)", ":", "a"], status: 0, stdout: "1\n" },
	{
		argv: ["expr"],
		status: 2,
		stdout: "",
		stderr: "expr: missing operand\nTry 'expr --help' for more information.\n",
	},
	{
		argv: ["expr", "--"],
		status: 2,
		stdout: "",
		stderr: "expr: missing operand\nTry 'expr --help' for more information.\n",
	},
	{
		argv: ["expr", "1", "+"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: missing argument after '+'\n",
	},
	{
		argv: ["expr", "(", "1"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: expecting ')' after '1'\n",
	},
	{
		argv: ["expr", "(", "1", "2"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: expecting ')' instead of '2'\n",
	},
	{ argv: ["expr", ")"], status: 2, stdout: "", stderr: "expr: syntax error: unexpected ')'\n" },
	{
		argv: ["expr", "1", "2"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: unexpected argument '2'\n",
	},
	{ argv: ["expr", "1", "/", "0"], status: 2, stdout: "", stderr: "expr: division by zero\n" },
	{ argv: ["expr", "a", "+", "1"], status: 2, stdout: "", stderr: "expr: non-integer argument\n" },
	{
		argv: ["expr", "a", ":", "["],
		status: 2,
		stdout: "",
		stderr: "expr: Invalid regular expression\n",
	},
	{
		argv: ["expr", "a", ":", "[[:alpha"],
		status: 2,
		stdout: "",
		stderr: "expr: Unmatched [, [^, [:, [., or [=\n",
	},
	{ argv: ["expr", "a", ":", "a\\{1"], status: 2, stdout: "", stderr: "expr: Unmatched \\{\n" },
	{
		argv: ["expr", "a", ":", "a\\{x\\}"],
		status: 2,
		stdout: "",
		stderr: "expr: Invalid content of \\{\\}\n",
	},
	{
		argv: ["expr", "a", ":", "a\\{32768\\}"],
		status: 2,
		stdout: "",
		stderr: "expr: Regular expression too big\n",
	},
	{ argv: ["expr", "a", ":", "\\)"], status: 2, stdout: "", stderr: "expr: Unmatched ) or \\)\n" },
	{ argv: ["expr", "a", ":", "\\("], status: 2, stdout: "", stderr: "expr: Unmatched ( or \\(\n" },
	{
		argv: ["expr", "a", ":", "\\(a\\1\\)"],
		status: 2,
		stdout: "",
		stderr: "expr: Invalid back reference\n",
	},
	{ argv: ["expr", "a", ":", "a\\"], status: 2, stdout: "", stderr: "expr: Trailing backslash\n" },
	{
		argv: ["expr", "a", ":", "[[:foo:]]"],
		status: 2,
		stdout: "",
		stderr: "expr: Invalid character class name\n",
	},
	{
		argv: ["expr", "a", ":", "[[.ab.]]"],
		status: 2,
		stdout: "",
		stderr: "expr: Invalid collation character\n",
	},
	{
		argv: ["expr", "a", ":", "[a-z-9]"],
		status: 2,
		stdout: "",
		stderr: "expr: Invalid range end\n",
	},
	{
		argv: ["expr", "length"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: missing argument after 'length'\n",
	},
	{
		argv: ["expr", "x", ":"],
		status: 2,
		stdout: "",
		stderr: "expr: syntax error: missing argument after ':'\n",
	},
];

const ENV_CASES: readonly Case[] = [
	{ argv: ["env"], status: 0, stdout: "PATH=/usr/bin:/bin\nHOME=/root\nLC_ALL=C\nFOO=bar\n" },
	{ argv: ["env", "-i"], status: 0, stdout: "" },
	{ argv: ["env", "-i", "A=1", "B=2"], status: 0, stdout: "A=1\nB=2\n" },
	{ argv: ["env", "-i", "A=1", "A=2", "B=3", "A=4"], status: 0, stdout: "A=4\nB=3\n" },
	{ argv: ["env", "-u", "HOME"], status: 0, stdout: "PATH=/usr/bin:/bin\nLC_ALL=C\nFOO=bar\n" },
	{
		argv: ["env", "FOO=baz", "NEW=1"],
		status: 0,
		stdout: "PATH=/usr/bin:/bin\nHOME=/root\nLC_ALL=C\nFOO=baz\nNEW=1\n",
	},
	{ argv: ["env", "-i", "=x"], status: 0, stdout: "=x\n" },
	{ argv: ["env", "-0", "-i", "A=1", "B=2"], status: 0, stdout: "A=1\u0000B=2\u0000" },
	{ argv: ["env", "-i", "-", "A=1"], status: 0, stdout: "A=1\n" },
	{ argv: ["env", "-i", "--", "A=1"], status: 0, stdout: "A=1\n" },
	{ argv: ["env", "-i", "printf", "[%s]\\n", "a b"], status: 0, stdout: "[a b]\n" },
	{ argv: ["env", "-i", "A=1", "sh", "-c", "echo $A"], status: 0, stdout: "1\n" },
	{
		argv: ["env", "PATH=/nonexistent", "true"],
		status: 127,
		stdout: "",
		stderr: "env: 'true': No such file or directory\n",
	},
	{ argv: ["env", "-u", "PATH", "printf", "ok\\n"], status: 0, stdout: "ok\n" },
	{ argv: ["env", "-C", "/usr", "sh", "-c", "echo $PWD"], status: 0, stdout: "/usr\n" },
	{
		argv: ["env", "-u", "A=B"],
		status: 125,
		stdout: "",
		stderr: "env: cannot unset 'A=B': Invalid argument\n",
	},
	{
		argv: ["env", "-u", "", "true"],
		status: 125,
		stdout: "",
		stderr: "env: cannot unset '': Invalid argument\n",
	},
	{
		argv: ["env", "-z"],
		status: 125,
		stdout: "",
		stderr: "env: invalid option -- 'z'\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "--foo"],
		status: 125,
		stdout: "",
		stderr: "env: unrecognized option '--foo'\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "--i"],
		status: 125,
		stdout: "",
		stderr:
			"env: option '--i' is ambiguous; possibilities: '--ignore-environment' '--ignore-signal'\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "-u"],
		status: 125,
		stdout: "",
		stderr: "env: option requires an argument -- 'u'\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "-0", "true"],
		status: 125,
		stdout: "",
		stderr:
			"env: cannot specify --null (-0) with command\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "-C", "/tmp"],
		status: 125,
		stdout: "",
		stderr: "env: must specify command with --chdir (-C)\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "-i", "-C", "/nonexist", "true"],
		status: 125,
		stdout: "",
		stderr: "env: cannot change directory to '/nonexist': No such file or directory\n",
	},
	{
		argv: ["env", "-i", "nonexist"],
		status: 127,
		stdout: "",
		stderr: "env: 'nonexist': No such file or directory\n",
	},
	{
		argv: ["env", "-i", "/etc/passwd"],
		status: 126,
		stdout: "",
		stderr: "env: '/etc/passwd': Permission denied\n",
	},
	{
		argv: ["env", "-i", "a b"],
		status: 127,
		stdout: "",
		stderr:
			"env: 'a b': No such file or directory\nenv: use -[v]S to pass options in shebang lines\n",
	},
	{
		argv: ["env", "-i", ""],
		status: 127,
		stdout: "",
		stderr: "env: '': No such file or directory\n",
	},
	{
		argv: ["env", "--", "-i"],
		status: 127,
		stdout: "",
		stderr: "env: '-i': No such file or directory\n",
	},
	{
		argv: ["env", "-i x"],
		status: 125,
		stdout: "",
		stderr:
			"env: invalid option -- ' '\nenv: use -[v]S to pass options in shebang lines\nTry 'env --help' for more information.\n",
	},
	{ argv: ["env", "-i", "-S", 'A=1 B="x y"'], status: 0, stdout: "A=1\nB=x y\n" },
	{
		argv: ["env", "-i", "-S", "A=\u0024{HOME}x printf %s\\n \u0024{FOO}"],
		status: 0,
		stdout: "bar\n",
	},
	{
		argv: ["env", "-i", "-vS", "A=1 printf %s\\n a", "b"],
		status: 0,
		stdout: "a\nb\n",
		stderr:
			"split -S:  'A=1 printf %s\\\\n a'\n into:    'A=1'\n     &    'printf'\n     &    '%s\\n'\n     &    'a'\ncleaning environ\nsetenv:   A=1\nexecuting: printf\n   arg[0]= 'printf'\n   arg[1]= '%s\\n'\n   arg[2]= 'a'\n   arg[3]= 'b'\n",
	},
	{
		argv: ["env", "-i", "-S", "A=$HOME"],
		status: 125,
		stdout: "",
		stderr: "env: only \u0024{VARNAME} expansion is supported, error at: $HOME\n",
	},
	{
		argv: ["env", "-i", "-S", '"A'],
		status: 125,
		stdout: "",
		stderr: "env: no terminating quote in -S string\n",
	},
	{
		argv: ["env", "-i", "-S", "A=\\q"],
		status: 125,
		stdout: "",
		stderr: "env: invalid sequence '\\q' in -S\n",
	},
	{ argv: ["env", "-i", "-S", "A=1\\_B=2"], status: 0, stdout: "A=1\nB=2\n" },
	{ argv: ["env", "-i", "-S", "A=1 #c B=2"], status: 0, stdout: "A=1\n" },
	{
		argv: ["env", "-v", "-u", "FOO", "X=1", "true", "a", "b c"],
		status: 0,
		stdout: "",
		stderr:
			"unset:    FOO\nsetenv:   X=1\nexecuting: true\n   arg[0]= 'true'\n   arg[1]= 'a'\n   arg[2]= 'b c'\n",
	},
	{
		argv: ["env", "-i", "-v", "-C", "/", "true"],
		status: 0,
		stdout: "",
		stderr: "cleaning environ\nchdir:    '/'\nexecuting: true\n   arg[0]= 'true'\n",
	},
	{
		argv: ["env", "-i", "--ignore-signal=PIPE", "--list-signal-handling", "true"],
		status: 0,
		stdout: "",
		stderr: "PIPE       (13): IGNORE\n",
	},
	{
		argv: ["env", "-i", "--block-signal=INT,HUP", "--list-signal-handling", "true"],
		status: 0,
		stdout: "",
		stderr: "HUP        ( 1): BLOCK\nINT        ( 2): BLOCK\n",
	},
	{
		argv: ["env", "-i", "-v", "--block-signal=INT", "--ignore-signal=HUP,sigterm,15", "true"],
		status: 0,
		stdout: "",
		stderr:
			"cleaning environ\nReset signal HUP (1) to IGNORE\nReset signal TERM (15) to IGNORE\nsignal INT (2) mask set to BLOCK\nexecuting: true\n   arg[0]= 'true'\n",
	},
	{
		argv: ["env", "-i", "--ignore-signal=9", "true"],
		status: 125,
		stdout: "",
		stderr: "env: failed to set signal action for signal 9: Invalid argument\n",
	},
	{
		argv: ["env", "-i", "--ignore-signal=FOO", "true"],
		status: 125,
		stdout: "",
		stderr: "env: 'FOO': invalid signal\nTry 'env --help' for more information.\n",
	},
	{
		argv: ["env", "-i", "--default-signal=0", "true"],
		status: 125,
		stdout: "",
		stderr: "env: '0': invalid signal\nTry 'env --help' for more information.\n",
	},
];

const OD_CASES: readonly Case[] = [
	{
		argv: ["od", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 062550 066154 020157 067567 066162 005144 177401 061141\n0000020 062143 063145 064147 065151 066153 067155 070157 071161\n0000040 072163 073165 074167 075171\n0000050\n",
	},
	{
		argv: ["od", "-c", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000   h   e   l   l   o       w   o   r   l   d  \\n 001 377   a   b\n0000020   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r\n0000040   s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "-An", "-tx1", "/tmp/more/text"],
		status: 0,
		stdout:
			" 68 65 6c 6c 6f 20 77 6f 72 6c 64 0a 01 ff 61 62\n 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72\n 73 74 75 76 77 78 79 7a\n",
	},
	{
		argv: ["od", "-ta", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000   h   e   l   l   o  sp   w   o   r   l   d  nl soh del   a   b\n0000020   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r\n0000040   s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "-x", "-c", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000    6568    6c6c    206f    6f77    6c72    0a64    ff01    6261\n          h   e   l   l   o       w   o   r   l   d  \\n 001 377   a   b\n0000020    6463    6665    6867    6a69    6c6b    6e6d    706f    7271\n          c   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r\n0000040    7473    7675    7877    7a79\n          s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "-tx2z", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 6568 6c6c 206f 6f77 6c72 0a64 ff01 6261  >hello world...ab<\n0000020 6463 6665 6867 6a69 6c6b 6e6d 706f 7271  >cdefghijklmnopqr<\n0000040 7473 7675 7877 7a79                      >stuvwxyz<\n0000050\n",
	},
	{
		argv: ["od", "-td1", "-tu1", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000  104  101  108  108  111   32  119  111  114  108  100   10    1   -1   97   98\n         104  101  108  108  111   32  119  111  114  108  100   10    1  255   97   98\n0000020   99  100  101  102  103  104  105  106  107  108  109  110  111  112  113  114\n          99  100  101  102  103  104  105  106  107  108  109  110  111  112  113  114\n0000040  115  116  117  118  119  120  121  122\n         115  116  117  118  119  120  121  122\n0000050\n",
	},
	{
		argv: ["od", "-td2", "-to2", "-tx8", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000  25960  27756   8303  28535  27762   2660   -255  25185\n        062550 066154 020157 067567 066162 005144 177401 061141\n                   6f77206f6c6c6568            6261ff010a646c72\n0000020  25699  26213  26727  27241  27755  28269  28783  29297\n        062143 063145 064147 065151 066153 067155 070157 071161\n                   6a69686766656463            7271706f6e6d6c6b\n0000040  29811  30325  30839  31353\n        072163 073165 074167 075171\n                   7a79787776757473\n0000050\n",
	},
	{
		argv: ["od", "-txC", "-toS", "-tdI", "-tuL", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000  68 65  6c 6c  6f 20  77 6f  72 6c  64 0a  01 ff  61 62\n        062550 066154 020157 067567 066162 005144 177401 061141\n           1819043176    1870078063     174353522    1650589441\n                8031924123371070824         7089227668392275058\n0000020  63 64  65 66  67 68  69 6a  6b 6c  6d 6e  6f 70  71 72\n        062143 063145 064147 065151 066153 067155 070157 071161\n           1717920867    1785292903    1852664939    1920036975\n                7667774633883821155         8246496016588434539\n0000040  73 74  75 76  77 78  79 7a\n        072163 073165 074167 075171\n           1987409011    2054781047\n                8825217399293047923\n0000050\n",
	},
	{
		argv: ["od", "-s", "-i", "-l", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000  25960  27756   8303  28535  27762   2660   -255  25185\n           1819043176    1870078063     174353522    1650589441\n                8031924123371070824         7089227668392275058\n0000020  25699  26213  26727  27241  27755  28269  28783  29297\n           1717920867    1785292903    1852664939    1920036975\n                7667774633883821155         8246496016588434539\n0000040  29811  30325  30839  31353\n           1987409011    2054781047\n                8825217399293047923\n0000050\n",
	},
	{
		argv: ["od", "-D", "-H", "-O", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000  1819043176  1870078063   174353522  1650589441\n           6c6c6568    6f77206f    0a646c72    6261ff01\n        15433062550 15735620157 01231066162 14230377401\n0000020  1717920867  1785292903  1852664939  1920036975\n           66656463    6a696867    6e6d6c6b    7271706f\n        14631262143 15232264147 15633266153 16234270157\n0000040  1987409011  2054781047\n           76757473    7a797877\n        16635272163 17236274167\n0000050\n",
	},
	{
		argv: ["od", "-b", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 150 145 154 154 157 040 167 157 162 154 144 012 001 377 141 142\n0000020 143 144 145 146 147 150 151 152 153 154 155 156 157 160 161 162\n0000040 163 164 165 166 167 170 171 172\n0000050\n",
	},
	{
		argv: ["od", "-d", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 25960 27756  8303 28535 27762  2660 65281 25185\n0000020 25699 26213 26727 27241 27755 28269 28783 29297\n0000040 29811 30325 30839 31353\n0000050\n",
	},
	{
		argv: ["od", "-o", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 062550 066154 020157 067567 066162 005144 177401 061141\n0000020 062143 063145 064147 065151 066153 067155 070157 071161\n0000040 072163 073165 074167 075171\n0000050\n",
	},
	{
		argv: ["od", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"0000000 000400 001402 002404 003406 004410 005412 006414 007416\n0000020 010420 011422 012424 013426 014430 015432 016434 017436\n0000040 020440 021442 022444 023446 024450 025452 026454 027456\n0000060 030460 031462 032464 033466 034470 035472 036474 037476\n0000100 040500 041502 042504 043506 044510 045512 046514 047516\n0000120 050520 051522 052524 053526 054530 055532 056534 057536\n0000140 060540 061542 062544 063546 064550 065552 066554 067556\n0000160 070560 071562 072564 073566 074570 075572 076574 077576\n0000200 100600 101602 102604 103606 104610 105612 106614 107616\n0000220 110620 111622 112624 113626 114630 115632 116634 117636\n0000240 120640 121642 122644 123646 124650 125652 126654 127656\n0000260 130660 131662 132664 133666 134670 135672 136674 137676\n0000300 140700 141702 142704 143706 144710 145712 146714 147716\n0000320 150720 151722 152724 153726 154730 155732 156734 157736\n0000340 160740 161742 162744 163746 164750 165752 166754 167756\n0000360 170760 171762 172764 173766 174770 175772 176774 177776\n0000400\n",
	},
	{
		argv: ["od", "-c", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"0000000  \\0 001 002 003 004 005 006  \\a  \\b  \\t  \\n  \\v  \\f  \\r 016 017\n0000020 020 021 022 023 024 025 026 027 030 031 032 033 034 035 036 037\n0000040       !   \"   #   $   %   &   '   (   )   *   +   ,   -   .   /\n0000060   0   1   2   3   4   5   6   7   8   9   :   ;   <   =   >   ?\n0000100   @   A   B   C   D   E   F   G   H   I   J   K   L   M   N   O\n0000120   P   Q   R   S   T   U   V   W   X   Y   Z   [   \\   ]   ^   _\n0000140   `   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o\n0000160   p   q   r   s   t   u   v   w   x   y   z   {   |   }   ~ 177\n0000200 200 201 202 203 204 205 206 207 210 211 212 213 214 215 216 217\n0000220 220 221 222 223 224 225 226 227 230 231 232 233 234 235 236 237\n0000240 240 241 242 243 244 245 246 247 250 251 252 253 254 255 256 257\n0000260 260 261 262 263 264 265 266 267 270 271 272 273 274 275 276 277\n0000300 300 301 302 303 304 305 306 307 310 311 312 313 314 315 316 317\n0000320 320 321 322 323 324 325 326 327 330 331 332 333 334 335 336 337\n0000340 340 341 342 343 344 345 346 347 350 351 352 353 354 355 356 357\n0000360 360 361 362 363 364 365 366 367 370 371 372 373 374 375 376 377\n0000400\n",
	},
	{
		argv: ["od", "-a", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"0000000 nul soh stx etx eot enq ack bel  bs  ht  nl  vt  ff  cr  so  si\n0000020 dle dc1 dc2 dc3 dc4 nak syn etb can  em sub esc  fs  gs  rs  us\n0000040  sp   !   \"   #   $   %   &   '   (   )   *   +   ,   -   .   /\n0000060   0   1   2   3   4   5   6   7   8   9   :   ;   <   =   >   ?\n0000100   @   A   B   C   D   E   F   G   H   I   J   K   L   M   N   O\n0000120   P   Q   R   S   T   U   V   W   X   Y   Z   [   \\   ]   ^   _\n0000140   `   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o\n0000160   p   q   r   s   t   u   v   w   x   y   z   {   |   }   ~ del\n0000200 nul soh stx etx eot enq ack bel  bs  ht  nl  vt  ff  cr  so  si\n0000220 dle dc1 dc2 dc3 dc4 nak syn etb can  em sub esc  fs  gs  rs  us\n0000240  sp   !   \"   #   $   %   &   '   (   )   *   +   ,   -   .   /\n0000260   0   1   2   3   4   5   6   7   8   9   :   ;   <   =   >   ?\n0000300   @   A   B   C   D   E   F   G   H   I   J   K   L   M   N   O\n0000320   P   Q   R   S   T   U   V   W   X   Y   Z   [   \\   ]   ^   _\n0000340   `   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o\n0000360   p   q   r   s   t   u   v   w   x   y   z   {   |   }   ~ del\n0000400\n",
	},
	{
		argv: ["od", "-tx1z", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"0000000 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  >................<\n0000020 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f  >................<\n0000040 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f  > !\"#$%&'()*+,-./<\n0000060 30 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f  >0123456789:;<=>?<\n0000100 40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f  >@ABCDEFGHIJKLMNO<\n0000120 50 51 52 53 54 55 56 57 58 59 5a 5b 5c 5d 5e 5f  >PQRSTUVWXYZ[\\]^_<\n0000140 60 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f  >`abcdefghijklmno<\n0000160 70 71 72 73 74 75 76 77 78 79 7a 7b 7c 7d 7e 7f  >pqrstuvwxyz{|}~.<\n0000200 80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f  >................<\n0000220 90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f  >................<\n0000240 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af  >................<\n0000260 b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 ba bb bc bd be bf  >................<\n0000300 c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc cd ce cf  >................<\n0000320 d0 d1 d2 d3 d4 d5 d6 d7 d8 d9 da db dc dd de df  >................<\n0000340 e0 e1 e2 e3 e4 e5 e6 e7 e8 e9 ea eb ec ed ee ef  >................<\n0000360 f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 fa fb fc fd fe ff  >................<\n0000400\n",
	},
	{
		argv: ["od", "-td8", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"0000000   506097522914230528  1084818905618843912\n0000020  1663540288323457296  2242261671028070680\n0000040  2820983053732684064  3399704436437297448\n0000060  3978425819141910832  4557147201846524216\n0000100  5135868584551137600  5714589967255750984\n0000120  6293311349960364368  6872032732664977752\n0000140  7450754115369591136  8029475498074204520\n0000160  8608196880778817904  9186918263483431288\n0000200 -8681104427521506944 -8102383044816893560\n0000220 -7523661662112280176 -6944940279407666792\n0000240 -6366218896703053408 -5787497513998440024\n0000260 -5208776131293826640 -4630054748589213256\n0000300 -4051333365884599872 -3472611983179986488\n0000320 -2893890600475373104 -2315169217770759720\n0000340 -1736447835066146336 -1157726452361532952\n0000360  -579005069656919568     -283686952306184\n0000400\n",
	},
	{
		argv: ["od", "-to4", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"0000000 00300400400 00701402404 01302404410 01703406414\n0000020 02304410420 02705412424 03306414430 03707416434\n0000040 04310420440 04711422444 05312424450 05713426454\n0000060 06314430460 06715432464 07316434470 07717436474\n0000100 10320440500 10721442504 11322444510 11723446514\n0000120 12324450520 12725452524 13326454530 13727456534\n0000140 14330460540 14731462544 15332464550 15733466554\n0000160 16334470560 16735472564 17336474570 17737476574\n0000200 20340500600 20741502604 21342504610 21743506614\n0000220 22344510620 22745512624 23346514630 23747516634\n0000240 24350520640 24751522644 25352524650 25753526654\n0000260 26354530660 26755532664 27356534670 27757536674\n0000300 30360540700 30761542704 31362544710 31763546714\n0000320 32364550720 32765552724 33366554730 33767556734\n0000340 34370560740 34771562744 35372564750 35773566754\n0000360 36374570760 36775572764 37376574770 37777576774\n0000400\n",
	},
	{
		argv: ["od", "-tu2", "-Ax", "/tmp/more/bytes"],
		status: 0,
		stdout:
			"000000   256   770  1284  1798  2312  2826  3340  3854\n000010  4368  4882  5396  5910  6424  6938  7452  7966\n000020  8480  8994  9508 10022 10536 11050 11564 12078\n000030 12592 13106 13620 14134 14648 15162 15676 16190\n000040 16704 17218 17732 18246 18760 19274 19788 20302\n000050 20816 21330 21844 22358 22872 23386 23900 24414\n000060 24928 25442 25956 26470 26984 27498 28012 28526\n000070 29040 29554 30068 30582 31096 31610 32124 32638\n000080 33152 33666 34180 34694 35208 35722 36236 36750\n000090 37264 37778 38292 38806 39320 39834 40348 40862\n0000a0 41376 41890 42404 42918 43432 43946 44460 44974\n0000b0 45488 46002 46516 47030 47544 48058 48572 49086\n0000c0 49600 50114 50628 51142 51656 52170 52684 53198\n0000d0 53712 54226 54740 55254 55768 56282 56796 57310\n0000e0 57824 58338 58852 59366 59880 60394 60908 61422\n0000f0 61936 62450 62964 63478 63992 64506 65020 65534\n000100\n",
	},
	{
		argv: ["od", "-tf4", "/tmp/more/floats"],
		status: 0,
		stdout:
			"0000000               0               1              -1             0.5\n0000020      0.33333334             inf              -0            3.25\n0000040        100000.5           1e-45         3.4e+38             inf\n0000060            -inf             nan              -0               0\n0000100\n",
	},
	{
		argv: ["od", "-tf8", "/tmp/more/doubles"],
		status: 0,
		stdout:
			"0000000                        0                        1\n0000020                       -1                      0.5\n0000040       0.3333333333333333                   1e+300\n0000060                -2.5e-310                     3.25\n0000100                 100000.5                    1e-45\n0000120                  3.4e+38                      inf\n0000140                     -inf                      nan\n0000160                       -0                   5e-324\n0000200\n",
	},
	{
		argv: ["od", "-tfL", "/tmp/more/longdoubles"],
		status: 0,
		stdout:
			"0000000                             1\n0000020        0.33333333333333333334\n0000040                           inf\n0000060                          -nan\n0000100                       4e-4951\n0000120                            -1\n0000140                           nan\n0000160\n",
	},
	{
		argv: ["od", "-tfD", "--endian=big", "/tmp/more/doubles"],
		status: 0,
		stdout:
			"0000000                        0             3.03865e-319\n0000020               3.045e-319              2.8363e-319\n0000040  1.1945305291680097e+103 -1.3586411504376828e-171\n0000060   2.659774388787838e+213              1.2964e-320\n0000100          6.97759505e-316   -4.039442943171463e-32\n0000120    -9.91241469306196e-88              3.0418e-319\n0000140             3.04814e-319               3.143e-319\n0000160                 6.3e-322  7.2911220195563975e-304\n0000200\n",
	},
	{
		argv: ["od", "--endian=big", "-tx2", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 6865 6c6c 6f20 776f 726c 640a 01ff 6162\n0000020 6364 6566 6768 696a 6b6c 6d6e 6f70 7172\n0000040 7374 7576 7778 797a\n0000050\n",
	},
	{
		argv: ["od", "/tmp/more/zeros"],
		status: 0,
		stdout:
			"0000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n0000140 000000 000000\n0000144\n",
	},
	{
		argv: ["od", "-v", "/tmp/more/zeros"],
		status: 0,
		stdout:
			"0000000 000000 000000 000000 000000 000000 000000 000000 000000\n0000020 000000 000000 000000 000000 000000 000000 000000 000000\n0000040 000000 000000 000000 000000 000000 000000 000000 000000\n0000060 000000 000000 000000 000000 000000 000000 000000 000000\n0000100 000000 000000 000000 000000 000000 000000 000000 000000\n0000120 000000 000000 000000 000000 000000 000000 000000 000000\n0000140 000000 000000\n0000144\n",
	},
	{
		argv: ["od", "-Ad", "-tx1", "/tmp/more/zeros", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n*\n0000096 00 00 00 00 68 65 6c 6c 6f 20 77 6f 72 6c 64 0a\n0000112 01 ff 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e\n0000128 6f 70 71 72 73 74 75 76 77 78 79 7a\n0000140\n",
	},
	{
		argv: ["od", "-c", "/tmp/more/repeats"],
		status: 0,
		stdout:
			"0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n*\n0000100   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   X\n0000120   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n*\n0000160   a   b   c\n0000163\n",
	},
	{
		argv: ["od", "-w4", "-c", "/tmp/more/repeats"],
		status: 0,
		stdout:
			"0000000   a   b   c   d\n0000004   e   f   g   h\n0000010   i   j   k   l\n0000014   m   n   o   p\n0000020   a   b   c   d\n0000024   e   f   g   h\n0000030   i   j   k   l\n0000034   m   n   o   p\n0000040   a   b   c   d\n0000044   e   f   g   h\n0000050   i   j   k   l\n0000054   m   n   o   p\n0000060   a   b   c   d\n0000064   e   f   g   h\n0000070   i   j   k   l\n0000074   m   n   o   p\n0000100   a   b   c   d\n0000104   e   f   g   h\n0000110   i   j   k   l\n0000114   m   n   o   X\n0000120   a   b   c   d\n0000124   e   f   g   h\n0000130   i   j   k   l\n0000134   m   n   o   p\n0000140   a   b   c   d\n0000144   e   f   g   h\n0000150   i   j   k   l\n0000154   m   n   o   p\n0000160   a   b   c\n0000163\n",
	},
	{
		argv: ["od", "-w", "-c", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000   h   e   l   l   o       w   o   r   l   d  \\n 001 377   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r\n0000040   s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "-w8", "-tx1", "-tx4", "/tmp/more/text"],
		status: 0,
		stdout:
			"0000000 68 65 6c 6c 6f 20 77 6f\n           6c6c6568    6f77206f\n0000010 72 6c 64 0a 01 ff 61 62\n           0a646c72    6261ff01\n0000020 63 64 65 66 67 68 69 6a\n           66656463    6a696867\n0000030 6b 6c 6d 6e 6f 70 71 72\n           6e6d6c6b    7271706f\n0000040 73 74 75 76 77 78 79 7a\n           76757473    7a797877\n0000050\n",
	},
	{
		argv: ["od", "-w3", "-tx2", "/tmp/more/three"],
		status: 0,
		stdout: "0000000 7978\n0000002 007a\n0000003\n",
		stderr: "od: warning: invalid width 3; using 2 instead\n",
	},
	{
		argv: ["od", "-w0", "/tmp/more/three"],
		status: 0,
		stdout: "0000000 074570\n0000002 000172\n0000003\n",
		stderr: "od: warning: invalid width 0; using 2 instead\n",
	},
	{ argv: ["od", "/tmp/more/three"], status: 0, stdout: "0000000 074570 000172\n0000003\n" },
	{ argv: ["od", "-tx4", "/tmp/more/three"], status: 0, stdout: "0000000 007a7978\n0000003\n" },
	{
		argv: ["od", "-tx8z", "-c", "/tmp/more/three"],
		status: 0,
		stdout:
			"0000000                00000000007a7978                                  >xyz<\n          x   y   z\n0000003\n",
	},
	{ argv: ["od", "-An", "/tmp/more/empty"], status: 0, stdout: "" },
	{ argv: ["od", "/tmp/more/empty"], status: 0, stdout: "0000000\n" },
	{
		argv: ["od", "-j", "0x10", "-N", "3", "-c", "/tmp/more/text"],
		status: 0,
		stdout: "0000020   c   d   e\n0000023\n",
	},
	{
		argv: ["od", "-N", "010", "-c", "/tmp/more/text"],
		status: 0,
		stdout: "0000000   h   e   l   l   o       w   o\n0000010\n",
	},
	{
		argv: ["od", "--skip-bytes=2", "--read-bytes=3", "-c", "/tmp/more/text"],
		status: 0,
		stdout: "0000002   l   l   o\n0000005\n",
	},
	{
		argv: ["od", "-j", "5", "-N", "3", "-tx1", "/tmp/more/text", "/tmp/more/text"],
		status: 0,
		stdout: "0000005 20 77 6f\n0000010\n",
	},
	{
		argv: ["od", "-j", "100", "/tmp/more/text"],
		status: 1,
		stdout: "",
		stderr: "od: cannot skip past end of combined input\n",
	},
	{
		argv: ["od", "-c", "/tmp/more/text", "+10"],
		status: 0,
		stdout:
			"0000010   r   l   d  \\n 001 377   a   b   c   d   e   f   g   h   i   j\n0000030   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "-c", "/tmp/more/text", "10"],
		status: 0,
		stdout:
			"0000010   r   l   d  \\n 001 377   a   b   c   d   e   f   g   h   i   j\n0000030   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "-c", "/tmp/more/text", "+0x10"],
		status: 0,
		stdout:
			"0000020   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r\n0000040   s   t   u   v   w   x   y   z\n0000050\n",
	},
	{
		argv: ["od", "--traditional", "-c", "/tmp/more/text", "10", "20"],
		status: 0,
		stdout:
			"0000010 (0000020)   r   l   d  \\n 001 377   a   b   c   d   e   f   g   h   i   j\n0000030 (0000040)   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000050 (0000060)\n",
	},
	{
		argv: ["od", "--traditional", "-An", "-c", "/tmp/more/text", "10", "20"],
		status: 0,
		stdout:
			"(0000010)   r   l   d  \\n 001 377   a   b   c   d   e   f   g   h   i   j\n(0000030)   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n(0000050)\n",
	},
	{
		argv: ["od", "--traditional", "/tmp/more/text", "1", "2", "3"],
		status: 1,
		stdout: "",
		stderr:
			"od: extra operand '1'\nod: compatibility mode supports at most one file\nTry 'od --help' for more information.\n",
	},
	{ argv: ["od", "-S3", "/tmp/more/strings"], status: 0, stdout: "0000003 abcd\n" },
	{
		argv: ["od", "--strings=2", "-N", "6", "/tmp/more/strings"],
		status: 0,
		stdout: "0000000 ab\n0000002 abc\n",
	},
	{
		argv: ["od", "-S", "2", "-c", "/tmp/more/strings"],
		status: 1,
		stdout: "",
		stderr: "od: no type may be specified when dumping strings\n",
	},
	{
		argv: ["od", "-c", "nonexistent", "/tmp/more/three"],
		status: 1,
		stdout: "0000000   x   y   z\n0000003\n",
		stderr: "od: nonexistent: No such file or directory\n",
	},
	{
		argv: ["od", "-z"],
		status: 1,
		stdout: "",
		stderr: "od: invalid option -- 'z'\nTry 'od --help' for more information.\n",
	},
	{
		argv: ["od", "-t", "d3"],
		status: 1,
		stdout: "",
		stderr: "od: invalid type string 'd3';\nthis system doesn't provide a 3-byte integral type\n",
	},
	{
		argv: ["od", "-t", "q"],
		status: 1,
		stdout: "",
		stderr: "od: invalid character 'q' in type string 'q'\n",
	},
	{
		argv: ["od", "-t", "fH"],
		status: 1,
		stdout: "",
		stderr: "od: invalid character 'H' in type string 'fH'\n",
	},
	{
		argv: ["od", "-A", "q"],
		status: 1,
		stdout: "",
		stderr: "od: invalid output address radix 'q'; it must be one character from [doxn]\n",
	},
	{ argv: ["od", "-N", "x"], status: 1, stdout: "", stderr: "od: invalid -N argument 'x'\n" },
	{
		argv: ["od", "-N", "5q", "/tmp/more/text"],
		status: 1,
		stdout: "",
		stderr: "od: invalid suffix in -N argument '5q'\n",
	},
	{
		argv: ["od", "-N", "99999999999999999999", "/tmp/more/text"],
		status: 1,
		stdout: "",
		stderr: "od: -N argument '99999999999999999999' too large\n",
	},
	{ argv: ["od", "-wx"], status: 1, stdout: "", stderr: "od: invalid -w argument 'x'\n" },
	{
		argv: ["od", "--endian=x", "/tmp/more/text"],
		status: 1,
		stdout: "",
		stderr:
			"od: invalid argument 'x' for '--endian'\nValid arguments are:\n  - 'little'\n  - 'big'\nTry 'od --help' for more information.\n",
	},
];

const STDIN_CASES: readonly Case[] = [
	{
		argv: ["od", "-c"],
		stdin: "hello\n",
		status: 0,
		stdout: "0000000   h   e   l   l   o  \\n\n0000006\n",
	},
	{
		argv: ["od", "-c", "-", "/tmp/more/three", "-"],
		stdin: "abc\n",
		status: 0,
		stdout: "0000000   a   b   c  \\n   x   y   z\n0000007\n",
	},
	{
		argv: ["od", "-c", "-j", "5", "-N", "7"],
		stdin: "abcdefghijklmnopqrstuvwxyz",
		status: 0,
		stdout: "0000005   f   g   h   i   j   k   l\n0000014\n",
	},
	{
		argv: ["od", "-c", "-j", "5"],
		stdin: "abc",
		status: 1,
		stdout: "",
		stderr: "od: cannot skip past end of combined input\n",
	},
	{
		argv: ["sh", "-c", "od -N 3 -c; cat"],
		stdin: "abcdefgh",
		status: 0,
		stdout: "0000000   a   b   c\n0000003\ndefgh",
	},
	{
		argv: ["sh", "-c", "printf 'abc\\0def' | od -c"],
		status: 0,
		stdout: "0000000   a   b   c  \\0   d   e   f\n0000007\n",
	},
];

let system: UserSystem;

before(() => {
	system = newSystem({ programs: MORE_PROGRAMS });
	const { vfs, kernel } = system;
	vfs.mkdir(kernel.init, "/tmp/more", 0o755);
	for (const [path, content] of Object.entries(FIXTURES)) vfs.writeFile(kernel.init, path, content);
});

/** Run a case as the real tools ran: argv[0] is the bare name (found from /usr/bin, the cwd). */
function check(c: Case, env?: readonly string[]): void {
	const r = runProgram(system, [...c.argv], {
		cwd: "/usr/bin",
		...(c.stdin === undefined ? {} : { stdin: c.stdin }),
		...(env === undefined ? {} : { env }),
	});
	assert.deepEqual(
		{ status: r.status, stdout: r.stdout, stderr: r.stderr },
		{ status: c.status, stdout: c.stdout, stderr: c.stderr ?? "" },
	);
}

function label(c: Case): string {
	return (
		JSON.stringify(c.argv.slice(1)) +
		(c.stdin === undefined ? "" : ` <<< ${JSON.stringify(c.stdin)}`)
	);
}

describe("expr", () => {
	for (const c of EXPR_CASES) it(label(c), () => check(c));
});

describe("env", () => {
	for (const c of ENV_CASES) it(label(c), () => check(c, ENV));

	it("replaces its own process (the command's parent is env's parent)", () => {
		const r = runProgram(system, ["/bin/sh", "-c", 'env sh -c "echo \\$PPID"; echo $$']);
		const [inner, outer] = r.stdout.trim().split("\n");
		assert.equal(r.status, 0);
		assert.equal(inner, outer);
	});

	it("runs a file the kernel cannot execute with /bin/sh, as execvp() does", () => {
		system.writeFile("/tmp/more/script", 'echo script "$@"\n', 0o755);
		const r = runProgram(system, ["/usr/bin/env", "-i", "/tmp/more/script", "a", "b c"]);
		assert.deepEqual([r.status, r.stdout, r.stderr], [0, "script a b c\n", ""]);
	});

	it("searches the new PATH, going past directories without the file or permission", () => {
		for (const d of ["/tmp/more/d1", "/tmp/more/d2"])
			system.vfs.mkdir(system.kernel.init, d, 0o755);
		system.writeFile("/tmp/more/d1/tool", "echo d1\n", 0o644);
		system.writeFile("/tmp/more/d2/tool", "echo d2\n", 0o755);
		const ok = runProgram(system, [
			"/usr/bin/env",
			"PATH=/nonexistent:/tmp/more/d1:/tmp/more/d2",
			"tool",
		]);
		assert.deepEqual([ok.status, ok.stdout], [0, "d2\n"]);
		const denied = runProgram(system, ["/usr/bin/env", "PATH=/tmp/more/d1:/nonexistent", "tool"]);
		assert.deepEqual(
			[denied.status, denied.stderr],
			[126, "/usr/bin/env: 'tool': Permission denied\n"],
		);
	});
});

describe("od", () => {
	for (const c of OD_CASES) it(label(c), () => check(c));
});

describe("standard input and shared file offsets", () => {
	for (const c of STDIN_CASES) it(label(c), () => check(c));
});

describe("BRE translation (glibc RE_SYNTAX_POSIX_BASIC as expr sets it)", () => {
	const match = (pattern: string, s: string): readonly [number, string | null] | null => {
		const c = compileBre(pattern, EXPR_SYNTAX);
		assert.ok(c.ok, pattern);
		const m = matchAtStart(c.re, s);
		return m === null ? null : [m.length, m.groups[0] ?? null];
	};

	it("takes the longest overall match, not the first alternative", () => {
		assert.deepEqual(match("a\\|ab", "abc"), [2, null]);
		assert.deepEqual(match("\\(x\\|xy\\)*", "xyxyz"), [4, "xy"]);
	});

	it("treats *, \\{ and \\} at the start of an expression as literals", () => {
		assert.deepEqual(match("*a", "*a"), [2, null]);
		assert.deepEqual(match("\\(*a\\)", "*a"), [2, "*a"]);
		assert.deepEqual(match("^*", "*"), [1, null]);
	});

	it("anchors ^ and $ only where POSIX BREs make them anchors", () => {
		assert.deepEqual(match("a^b", "a^b"), [3, null]);
		assert.deepEqual(match("a$b", "a$b"), [3, null]);
		assert.equal(match("a\\(^b\\)", "ab"), null);
	});

	it("reports glibc's messages", () => {
		const err = (p: string): string => {
			const c = compileBre(p, EXPR_SYNTAX);
			return c.ok ? "ok" : c.error;
		};
		assert.equal(err("a\\{1"), "Unmatched \\{");
		assert.equal(err("a\\{2,1\\}"), "Invalid content of \\{\\}");
		assert.equal(err("\\(a"), "Unmatched ( or \\(");
		assert.equal(err("a\\)"), "Unmatched ) or \\)");
		assert.equal(err("\\1"), "Invalid back reference");
		assert.equal(err("[a"), "Unmatched [, [^, [:, [., or [=");
		assert.equal(err("[[:nope:]]"), "Invalid character class name");
		assert.equal(err("[z-a]"), "ok");
		assert.equal(compileBre("[z-a]", { contextInvalidDup: true, noEmptyRanges: true }).ok, false);
	});
});
