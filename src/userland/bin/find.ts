/**
 * find (GNU findutils 4.9.0): find [-H] [-L] [-P] [starting-point...] [expression]
 *
 * The expression is parsed as findutils does it: tokens become a list of
 * predicates (an implicit -a between two primaries, the options -maxdepth,
 * -depth... as always-true primaries), wrapped in "( ... ) -print" when no
 * action is given, then built into a tree by precedence (! over -a over
 * -o over ,) with findutils' diagnostics for every misplaced token.
 *
 * Supported: options -depth -maxdepth -mindepth -xdev -mount -noleaf
 * -ignore_readdir_race -noignore_readdir_race -warn -nowarn -follow
 * -daystart; tests -name -iname -path -ipath -wholename -iwholename -lname
 * -ilname -type -xtype -perm -user -group -uid -gid -nouser -nogroup
 * -empty -links -inum -size -readable -writable -executable -true -false;
 * actions -print -print0 -printf -exec ... ; -exec ... {} + -delete
 * -prune -quit; operators ( ) ! -not -a -and -o -or ,.
 *
 * Directories are read in readdir order. A directory whose stat fails is
 * reported once and visited without being entered; other files are
 * stat'ed only when a test needs it (as fts with d_type does). Warnings
 * about option placement are printed when stdin is a terminal or after
 * -warn, as findutils does.
 */

import {
	isDir,
	isLnk,
	isReg,
	O_DIRECTORY,
	O_RDONLY,
	S_IFBLK,
	S_IFCHR,
	S_IFDIR,
	S_IFIFO,
	S_IFLNK,
	S_IFMT,
	S_IFREG,
	S_IFSOCK,
	type Stat,
} from "../../fs/constants.ts";
import { type DirEntry, DT_DIR, DT_LNK, DT_UNKNOWN } from "../../fs/inode.ts";
import { KernelError } from "../../kernel/errno.ts";
import { execvp } from "../lib/execvp.ts";
import { readDir } from "../lib/files.ts";
import { fnmatch } from "../lib/fnmatch.ts";
import { adjustMode, compileMode, modeString } from "../lib/mode.ts";
import { readMountinfo } from "../lib/mountinfo.ts";
import { UserDb } from "../lib/passwd.ts";
import { isatty } from "../lib/stdio.ts";
import { quoteLocale } from "../lib/textio.ts";
import { attempt, Tool } from "../lib/tool.ts";
import type { Sys } from "../proc/sys.ts";
import type { ProgramContext, Run } from "../proc/types.ts";
import {
	type CompiledFormat,
	compileFormat,
	FormatError,
	formatFile,
	gnuBaseName,
} from "./find-printf.ts";

const VERSION = "find (GNU findutils) 4.9.0\n";
const USAGE = "Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]\n";

/** The longest argument list of one -exec ... + command (bytes of the strings). */
const EXEC_MAX_CHARS = 131072;

const R_OK = 4;
const W_OK = 2;
const X_OK = 1;

type Follow = "never" | "args" | "always";

/** A fatal error of the command line: printed, and find exits with status 1. */
class Fatal {
	readonly lines: readonly string[];
	constructor(...lines: string[]) {
		this.lines = lines;
	}
}

/** -version and -help: print and exit 0 while parsing. */
class EarlyExit {
	readonly text: string;
	constructor(text: string) {
		this.text = text;
	}
}

// ---------------------------------------------------------------- predicates

/** One file being considered. */
class Visit {
	readonly path: string;
	readonly depth: number;
	readonly root: string;
	/** d_type from readdir (DT_UNKNOWN for start points). */
	readonly dtype: number;
	st: Stat | null = null;
	statTried = false;
	/** The stat error was reported (findutils reports it once per file). */
	errorReported = false;
	pruned = false;

	constructor(path: string, depth: number, root: string, dtype: number) {
		this.path = path;
		this.depth = depth;
		this.root = root;
		this.dtype = dtype;
	}
}

interface Pred {
	readonly name: string;
	readonly needStat: boolean;
	readonly needType: boolean;
	/** An action: no default -print. */
	readonly action: boolean;
	/** The test itself (a generator when it may block: output, child processes). */
	readonly eval: (f: Finder, v: Visit) => boolean | Run<boolean>;
}

type Expr =
	| { readonly op: "and" | "or" | "comma"; readonly left: Expr; readonly right: Expr }
	| { readonly op: "not"; readonly arg: Expr }
	| { readonly op: "pred"; readonly pred: Pred };

const NO_PREC = 0;
const COMMA_PREC = 1;
const OR_PREC = 2;
const AND_PREC = 3;
const NEGATE_PREC = 4;

type TokType = "primary" | "uni" | "bi" | "open" | "close";

interface Tok {
	type: TokType;
	prec: number;
	name: string;
	artificial: boolean;
	pred: Pred | null;
	bin: "and" | "or" | "comma" | null;
}

const TRUE: Omit<Pred, "name"> = {
	needStat: false,
	needType: false,
	action: false,
	eval: () => true,
};

/** The -exec ... command of one predicate. */
interface ExecSpec {
	readonly argv: readonly string[];
	readonly multiple: boolean;
	/** Pending file names of -exec ... {} +. */
	batch: string[];
	batchSize: number;
}

// ---------------------------------------------------------------- parsing

type EntryKind = "option" | "positional" | "primary" | "punct";

interface TableEntry {
	readonly kind: EntryKind;
	/** Parse the arguments after the name; false: missing or invalid argument (at p.i). */
	readonly parse: (p: Parser, name: string) => boolean;
}

interface Settings {
	follow: Follow;
	depthFirst: boolean;
	explicitDepth: boolean;
	maxDepth: number;
	minDepth: number;
	xdev: boolean;
	warnings: boolean;
}

class Parser {
	readonly t: Tool;
	readonly db: UserDb;
	readonly args: readonly string[];
	i: number;
	readonly toks: Tok[] = [];
	readonly s: Settings;
	/** Warnings printed before anything else happens. */
	readonly diags: string[] = [];
	readonly execs: ExecSpec[] = [];
	firstNonOption: string | null = null;
	/** Some -printf has %F (find reads the mount table). */
	needFsTypes = false;
	seenDelete = false;
	seenPrune = false;

	constructor(t: Tool, db: UserDb, args: readonly string[], start: number, s: Settings) {
		this.t = t;
		this.db = db;
		this.args = args;
		this.i = start;
		this.s = s;
	}

	get last(): Tok | null {
		return this.toks[this.toks.length - 1] ?? null;
	}

	collect(): string | null {
		if (this.i >= this.args.length) return null;
		return this.args[this.i++]!;
	}

	private push(tok: Omit<Tok, "artificial" | "bin" | "pred"> & Partial<Tok>): Tok {
		const full: Tok = { artificial: false, bin: null, pred: null, ...tok };
		this.toks.push(full);
		return full;
	}

	/** get_new_pred_chk_op(): an implicit -a after a primary or ')'. */
	private checkOp(): void {
		const l = this.last;
		if (l !== null && (l.type === "primary" || l.type === "close")) {
			this.push({ type: "bi", prec: AND_PREC, name: "-a", bin: "and" });
		}
	}

	primary(name: string, pred: Omit<Pred, "name">): void {
		this.checkOp();
		this.push({ type: "primary", prec: NO_PREC, name, pred: { name, ...pred } });
	}

	open(name: string, artificial = false): void {
		this.checkOp();
		this.push({ type: "open", prec: NO_PREC, name, artificial });
	}

	close(name: string, artificial = false): void {
		this.push({ type: "close", prec: NO_PREC, name, artificial });
	}

	negate(name: string): void {
		this.checkOp();
		this.push({ type: "uni", prec: NEGATE_PREC, name });
	}

	binary(name: string, bin: "and" | "or" | "comma"): void {
		const prec = bin === "and" ? AND_PREC : bin === "or" ? OR_PREC : COMMA_PREC;
		this.push({ type: "bi", prec, name, bin });
	}

	warn(message: string): void {
		this.diags.push(message);
	}
}

/** looks_like_expression(): does `arg` start the expression? */
function looksLikeExpression(arg: string, leading: boolean): boolean {
	switch (arg[0]) {
		case "-":
			return arg.length > 1;
		case ")":
		case ",":
			return arg.length === 1 && !leading;
		case "(":
		case "!":
			return arg.length === 1;
		default:
			return false;
	}
}

/** [+-]N as findutils' get_num() takes it. */
function parseNum(text: string): { cmp: "gt" | "lt" | "eq"; n: bigint } | null {
	let cmp: "gt" | "lt" | "eq" = "eq";
	let s = text;
	if (s.startsWith("+")) {
		cmp = "gt";
		s = s.slice(1);
	} else if (s.startsWith("-")) {
		cmp = "lt";
		s = s.slice(1);
	}
	const m = /^[ \t\n\v\f\r]*\+?([0-9]+)$/.exec(s);
	if (m === null) return null;
	return { cmp, n: BigInt(m[1]!) };
}

function compare(cmp: "gt" | "lt" | "eq", value: bigint, n: bigint): boolean {
	return cmp === "gt" ? value > n : cmp === "lt" ? value < n : value === n;
}

/** mode_to_filetype(): the letter of -type and %y. */
function typeLetter(mode: number): string {
	switch (mode & S_IFMT) {
		case S_IFREG:
			return "f";
		case S_IFDIR:
			return "d";
		case S_IFLNK:
			return "l";
		case S_IFSOCK:
			return "s";
		case S_IFBLK:
			return "b";
		case S_IFCHR:
			return "c";
		case S_IFIFO:
			return "p";
		default:
			return "U";
	}
}

const TYPE_LETTERS = "bcdpflsD";

function parseTypes(name: string, arg: string): Set<string> {
	if (arg === "") throw new Fatal(`Arguments to ${name} should contain at least one letter`);
	const types = new Set<string>();
	for (let k = 0; k < arg.length; ) {
		const c = arg[k]!;
		if (c === "D") {
			throw new Fatal(
				`${name} D is not supported because Solaris doors are not supported on the platform find was compiled on.`,
			);
		}
		if (!TYPE_LETTERS.includes(c)) throw new Fatal(`Unknown argument to ${name}: ${c}`);
		if (types.has(c))
			throw new Fatal(`Duplicate file type '${c}' in the argument list to ${name}.`);
		types.add(c);
		k++;
		if (k < arg.length) {
			if (arg[k] !== ",") throw new Fatal(`Must separate multiple arguments to ${name} using: ','`);
			k++;
			if (k >= arg.length) {
				throw new Fatal(
					`Last file type in list argument to ${name} is missing, i.e., list is ending on: ','`,
				);
			}
		}
	}
	return types;
}

function nameTest(fold: boolean, whole: boolean): TableEntry["parse"] {
	return (p, name) => {
		const pattern = p.collect();
		if (pattern === null) return false;
		if (!whole && pattern.includes("/") && p.s.warnings) {
			p.warn(
				`warning: '${name}' matches against basenames only, but the given pattern contains a directory separator ('/'), thus the expression will evaluate to false all the time.  Did you mean '-${fold ? "i" : ""}wholename'?`,
			);
		}
		p.primary(name, {
			needStat: false,
			needType: false,
			action: false,
			eval: (_f, v) => {
				if (whole) return fnmatch(pattern, v.path, fold);
				let base = gnuBaseName(v.path);
				if (base.length > 1) base = base.replace(/\/+$/, "");
				return fnmatch(pattern, base, fold);
			},
		});
		return true;
	};
}

function numTest(field: (st: Stat) => number): TableEntry["parse"] {
	return (p, name) => {
		if (p.i >= p.args.length) return false;
		const n = parseNum(p.args[p.i]!);
		if (n === null) return false;
		p.i++;
		p.primary(name, {
			needStat: true,
			needType: true,
			action: false,
			eval: (_f, v) => compare(n.cmp, BigInt(field(v.st!)), n.n),
		});
		return true;
	};
}

function option(apply: (p: Parser, name: string) => boolean): TableEntry["parse"] {
	return (p, name) => {
		if (!apply(p, name)) return false;
		p.primary(name, TRUE);
		return true;
	};
}

function depthOption(set: (s: Settings, n: number) => void): TableEntry["parse"] {
	return option((p, name) => {
		const arg = p.collect();
		if (arg === null) return false;
		if (/^[0-9]+$/.test(arg)) {
			set(p.s, Math.min(Number(arg), 2 ** 31 - 1));
			return true;
		}
		throw new Fatal(
			`Expected a positive decimal integer argument to ${name}, but got ${quoteLocale(arg)}`,
		);
	});
}

function accessTest(mode: number): TableEntry["parse"] {
	return (p, name) => {
		p.primary(name, {
			needStat: false,
			needType: false,
			action: false,
			eval: (f, v) =>
				!(attempt(() => f.sys.vfs.access(f.sys.task, v.path, mode)) instanceof KernelError),
		});
		return true;
	};
}

function* execPred(f: Finder, v: Visit, spec: ExecSpec): Run<boolean> {
	if (!spec.multiple) {
		const argv = spec.argv.map((a) => a.replaceAll("{}", v.path));
		return yield* f.runCommand(argv, false);
	}
	const size = v.path.length + 1;
	if (spec.batch.length > 0 && spec.batchSize + size > EXEC_MAX_CHARS) yield* f.flushExec(spec);
	spec.batch.push(v.path);
	spec.batchSize += size;
	return true;
}

function parseExec(p: Parser, name: string): boolean {
	const start = p.i;
	let end = start;
	let sawBraces = false;
	let braceCount = 0;
	let braceArg = "";
	let multiple = false;
	for (; end < p.args.length && p.args[end] !== ";"; end++) {
		const a = p.args[end]!;
		if (a === "+" && sawBraces) {
			multiple = true;
			break;
		}
		sawBraces = false;
		if (a.includes("{}")) {
			sawBraces = true;
			braceArg = a;
			braceCount++;
		}
	}
	if (end === start || end >= p.args.length) {
		p.i = end;
		return false;
	}
	if (multiple) {
		if (braceCount > 1) throw new Fatal("Only one instance of {} is supported with -exec ... +");
		if (braceArg !== "{}") {
			throw new Fatal(
				`In ${quoteLocale("-exec ... {} +")} the ${quoteLocale("{}")} must appear by itself, but you specified ${quoteLocale(braceArg)}`,
			);
		}
	}
	const spec: ExecSpec = {
		argv: p.args.slice(start, multiple ? end - 1 : end),
		multiple,
		batch: [],
		batchSize: 0,
	};
	p.execs.push(spec);
	p.i = end + 1;
	p.primary(name, {
		needStat: false,
		needType: false,
		action: true,
		eval: (f, v) => execPred(f, v, spec),
	});
	return true;
}

function parsePerm(p: Parser, name: string): boolean {
	const arg = p.collect();
	if (arg === null) return false;
	const kind = arg.startsWith("-") ? "least" : arg.startsWith("/") ? "any" : "exact";
	const text = kind === "exact" ? arg : arg.slice(1);
	const change = compileMode(text);
	if (change === null || (arg[0] === "+" && arg[1]! >= "0" && arg[1]! < "8")) {
		throw new Fatal(`invalid mode ${quoteLocale(arg)}`);
	}
	const perm = [adjustMode(0, false, 0, change).mode, adjustMode(0, true, 0, change).mode];
	if (kind === "any" && perm[0] === 0 && perm[1] === 0) {
		p.warn(
			`warning: you have specified a mode pattern ${arg} (which is equivalent to /000). The meaning of -perm /000 has now been changed to be consistent with -perm -000; that is, while it used to match no files, it now matches all files.`,
		);
	}
	p.primary(name, {
		needStat: true,
		needType: true,
		action: false,
		eval: (_f, v) => {
			const mode = v.st!.mode;
			const want = perm[isDir(mode) ? 1 : 0]!;
			if (kind === "least") return (mode & want) === want;
			if (kind === "any") return want === 0 || (mode & want) !== 0;
			return (mode & 0o7777) === want;
		},
	});
	return true;
}

function parseSize(p: Parser, name: string): boolean {
	if (p.i >= p.args.length) return false;
	let arg = p.args[p.i]!;
	if (arg === "") throw new Fatal("invalid null argument to -size");
	const suffix = arg[arg.length - 1]!;
	const units: Record<string, number> = { b: 512, c: 1, w: 2, k: 1024, M: 1 << 20, G: 1 << 30 };
	let unit = 512;
	if (units[suffix] !== undefined) {
		unit = units[suffix];
		arg = arg.slice(0, -1);
	} else if (!(suffix >= "0" && suffix <= "9")) {
		throw new Fatal(`invalid -size type \`${suffix}'`);
	}
	const n = parseNum(arg);
	if (n === null) {
		throw new Fatal(
			`Invalid argument \`${arg}${units[suffix] === undefined ? "" : suffix}' to -size`,
		);
	}
	p.i++;
	p.primary(name, {
		needStat: true,
		needType: true,
		action: false,
		eval: (_f, v) => {
			const size = v.st!.size;
			const units = BigInt(Math.floor(size / unit) + (size % unit !== 0 ? 1 : 0));
			return compare(n.cmp, units, n.n);
		},
	});
	return true;
}

function typeTest(x: boolean): TableEntry["parse"] {
	return (p, name) => {
		const arg = p.collect();
		if (arg === null) return false;
		const types = parseTypes(name, arg);
		p.primary(name, {
			needStat: x,
			needType: true,
			action: false,
			eval: (f, v) => (x ? xtypeMatches(f, v, types) : typeMatches(f, v, types)),
		});
		return true;
	};
}

/** -user NAME or -group NAME (a number when no such name exists). */
function ownerTest(group: boolean): TableEntry["parse"] {
	return (p, name) => {
		const arg = p.collect();
		if (arg === null) return false;
		let id = group ? (p.db.groupByName(arg)?.gid ?? null) : (p.db.userByName(arg)?.uid ?? null);
		if (id === null) {
			if (!/^[0-9]+$/.test(arg)) {
				if (arg !== "") {
					throw new Fatal(
						group
							? `${quoteLocale(arg)} is not the name of an existing group`
							: `${quoteLocale(arg)} is not the name of a known user`,
					);
				}
				throw new Fatal(
					group
						? "argument to -group is empty, but should be a group name"
						: "The argument to -user should not be empty",
				);
			}
			id = Number(arg);
		}
		const want = id;
		p.primary(name, {
			needStat: true,
			needType: true,
			action: false,
			eval: (_f, v) => (group ? v.st!.gid : v.st!.uid) === want,
		});
		return true;
	};
}

const parseUser = ownerTest(false);
const parseGroup = ownerTest(true);

function parsePrintf(p: Parser, name: string): boolean {
	const arg = p.collect();
	if (arg === null) return false;
	let cf: CompiledFormat;
	try {
		cf = compileFormat(arg, (m) => p.warn(m));
	} catch (e) {
		if (e instanceof FormatError) throw new Fatal(e.message);
		throw e;
	}
	if (cf.segments.some((g) => g.kind === "directive" && g.conv === "F")) p.needFsTypes = true;
	p.primary(name, {
		needStat: cf.needStat,
		needType: cf.needStat,
		action: true,
		eval: (f, v) => f.printf(cf, v),
	});
	return true;
}

const PRINT: Pred = {
	name: "-print",
	needStat: false,
	needType: false,
	action: true,
	eval: (f, v) => f.printName(v.path, "\n"),
};

/** An operator or parenthesis. */
function punct(add: (p: Parser, name: string) => void): TableEntry {
	return {
		kind: "punct",
		parse: (p, name) => {
			add(p, name);
			return true;
		},
	};
}

/** An option without argument: it changes a setting and is an always-true primary. */
function setting(kind: "option" | "positional", set: (s: Settings) => void): TableEntry {
	return {
		kind,
		parse: option((p) => {
			set(p.s);
			return true;
		}),
	};
}

/** A primary without argument. */
function simple(pred: Omit<Pred, "name">): TableEntry {
	return {
		kind: "primary",
		parse: (p, name) => {
			p.primary(name, pred);
			return true;
		},
	};
}

/** A test of the file's inode. */
function statTest(test: (f: Finder, st: Stat) => boolean): TableEntry {
	return simple({ needStat: true, needType: true, action: false, eval: (f, v) => test(f, v.st!) });
}

function earlyExit(text: string): TableEntry {
	return {
		kind: "option",
		parse: () => {
			throw new EarlyExit(text);
		},
	};
}

const TABLE: Record<string, TableEntry> = {
	"(": punct((p, n) => p.open(n)),
	")": punct((p, n) => p.close(n)),
	"!": punct((p, n) => p.negate(n)),
	not: punct((p, n) => p.negate(n)),
	a: punct((p, n) => p.binary(n, "and")),
	and: punct((p, n) => p.binary(n, "and")),
	o: punct((p, n) => p.binary(n, "or")),
	or: punct((p, n) => p.binary(n, "or")),
	",": punct((p, n) => p.binary(n, "comma")),

	depth: setting("option", (s) => {
		s.depthFirst = true;
		s.explicitDepth = true;
	}),
	maxdepth: {
		kind: "option",
		parse: depthOption((s, n) => {
			s.maxDepth = n;
		}),
	},
	mindepth: {
		kind: "option",
		parse: depthOption((s, n) => {
			s.minDepth = n;
		}),
	},
	xdev: setting("option", (s) => {
		s.xdev = true;
	}),
	mount: setting("option", (s) => {
		s.xdev = true;
	}),
	noleaf: setting("option", () => {}),
	ignore_readdir_race: setting("option", () => {}),
	noignore_readdir_race: setting("option", () => {}),
	warn: setting("positional", (s) => {
		s.warnings = true;
	}),
	nowarn: setting("positional", (s) => {
		s.warnings = false;
	}),
	daystart: setting("positional", () => {}),
	follow: setting("positional", (s) => {
		s.follow = "always";
	}),
	help: earlyExit(USAGE),
	"-help": earlyExit(USAGE),
	version: earlyExit(VERSION),
	"-version": earlyExit(VERSION),

	true: simple(TRUE),
	false: simple({ ...TRUE, eval: () => false }),
	name: { kind: "primary", parse: nameTest(false, false) },
	iname: { kind: "primary", parse: nameTest(true, false) },
	path: { kind: "primary", parse: nameTest(false, true) },
	ipath: { kind: "primary", parse: nameTest(true, true) },
	wholename: { kind: "primary", parse: nameTest(false, true) },
	iwholename: { kind: "primary", parse: nameTest(true, true) },
	lname: { kind: "primary", parse: linkNameTest(false) },
	ilname: { kind: "primary", parse: linkNameTest(true) },
	type: { kind: "primary", parse: typeTest(false) },
	xtype: { kind: "primary", parse: typeTest(true) },
	perm: { kind: "primary", parse: parsePerm },
	user: { kind: "primary", parse: parseUser },
	group: { kind: "primary", parse: parseGroup },
	uid: { kind: "primary", parse: numTest((st) => st.uid) },
	gid: { kind: "primary", parse: numTest((st) => st.gid) },
	links: { kind: "primary", parse: numTest((st) => st.nlink) },
	inum: { kind: "primary", parse: numTest((st) => st.ino) },
	size: { kind: "primary", parse: parseSize },
	nouser: statTest((f, st) => f.db.userById(st.uid) === null),
	nogroup: statTest((f, st) => f.db.groupById(st.gid) === null),
	empty: simple({ needStat: true, needType: true, action: false, eval: (f, v) => f.isEmpty(v) }),
	readable: { kind: "primary", parse: accessTest(R_OK) },
	writable: { kind: "primary", parse: accessTest(W_OK) },
	executable: { kind: "primary", parse: accessTest(X_OK) },

	print: simple(PRINT),
	print0: simple({ ...PRINT, eval: (f, v) => f.printName(v.path, "\0") }),
	printf: { kind: "primary", parse: parsePrintf },
	exec: { kind: "primary", parse: parseExec },
	delete: {
		kind: "primary",
		parse: (p, n) => {
			p.s.depthFirst = true;
			p.seenDelete = true;
			p.primary(n, { needStat: false, needType: false, action: true, eval: (f, v) => f.delete(v) });
			return true;
		},
	},
	prune: {
		kind: "primary",
		parse: (p, n) => {
			p.seenPrune = true;
			p.primary(n, {
				needStat: false,
				needType: false,
				action: false,
				eval: (f, v) => {
					if (!f.s.depthFirst) v.pruned = true;
					return true;
				},
			});
			return true;
		},
	},
	quit: simple({
		needStat: false,
		needType: false,
		action: false,
		eval: (f) => {
			f.quit = true;
			return true;
		},
	}),
};

function linkNameTest(fold: boolean): TableEntry["parse"] {
	return (p, name) => {
		const pattern = p.collect();
		if (pattern === null) return false;
		p.primary(name, {
			needStat: false,
			needType: true,
			action: false,
			eval: (f, v) => f.linkNameMatches(v, pattern, fold),
		});
		return true;
	};
}

function* typeMatches(f: Finder, v: Visit, types: Set<string>): Run<boolean> {
	const mode = yield* f.typeOf(v);
	return mode !== null && types.has(typeLetter(mode));
}

function* xtypeMatches(f: Finder, v: Visit, types: Set<string>): Run<boolean> {
	const { vfs, task } = f.sys;
	const following = f.following(v);
	let st = attempt(() => (following ? vfs.lstat(task, v.path) : vfs.stat(task, v.path)));
	if (st instanceof KernelError && !following && st.code === "ENOENT") {
		st = attempt(() => vfs.lstat(task, v.path));
	}
	if (st instanceof KernelError) {
		yield* f.error(`${quoteLocale(v.path)}: ${st.strerror}`);
		return false;
	}
	return types.has(typeLetter(st.mode));
}

/** find_parser(): a table entry by name, with one leading '-' dropped. */
function findParser(arg: string): TableEntry | undefined {
	const key = arg.startsWith("-") ? arg.slice(1) : arg;
	return Object.hasOwn(TABLE, key) ? TABLE[key] : undefined;
}

interface Program {
	readonly roots: readonly string[];
	readonly tree: Expr;
	readonly execs: readonly ExecSpec[];
}

/** Parse argv (without argv[0]) into start points and the expression tree. Throws Fatal/EarlyExit. */
function parse(p: Parser): Program {
	const args = p.args;
	const rootsStart = p.i;
	while (p.i < args.length && !looksLikeExpression(args[p.i]!, true)) p.i++;
	const roots = args.slice(rootsStart, p.i);
	p.open("(", true);
	while (p.i < args.length) {
		const arg = args[p.i]!;
		if (!looksLikeExpression(arg, false)) {
			const lines = [`paths must precede expression: \`${arg}'`];
			if (!(attempt(() => p.t.sys.vfs.access(p.t.sys.task, arg, 0)) instanceof KernelError)) {
				lines.push(`possible unquoted pattern after predicate \`${p.last!.name}'?`);
			}
			throw new Fatal(...lines);
		}
		const entry = findParser(arg);
		if (entry === undefined) throw new Fatal(`unknown predicate \`${arg}'`);
		if (entry.kind === "option") {
			if (p.firstNonOption !== null && p.s.warnings) {
				p.warn(
					`warning: you have specified the global option ${arg} after the argument ${p.firstNonOption}, but global options are not positional, i.e., ${arg} affects tests specified before it as well as those specified after it.  Please specify global options before other arguments.`,
				);
			}
		} else if (entry.kind !== "positional" && p.firstNonOption === null) {
			p.firstNonOption = arg;
		}
		p.i++;
		const count = p.toks.length;
		if (!entry.parse(p, arg)) {
			if (p.i < args.length) throw new Fatal(`invalid argument \`${args[p.i]}' to \`${arg}'`);
			throw new Fatal(`missing argument to \`${arg}'`);
		}
		if (p.toks.length > count) p.last!.name = arg;
	}
	let toks: readonly Tok[];
	if (p.toks.length === 1) {
		// Only the "(" put in front: the expression is -print.
		toks = [
			{ type: "primary", prec: NO_PREC, name: "-print", artificial: false, pred: PRINT, bin: null },
		];
	} else if (p.toks.some((t) => t.pred?.action)) {
		toks = p.toks.slice(1);
	} else {
		// "( expression ) -print"
		p.close(")", true);
		p.primary("-print", PRINT);
		p.last!.artificial = true;
		toks = p.toks;
	}
	if (p.seenDelete && p.seenPrune && !p.s.explicitDepth) {
		throw new Fatal(
			"The -delete action automatically turns on -depth, but -prune does nothing when -depth is in effect.  If you want to carry on anyway, just explicitly use the -depth option.",
		);
	}
	const b = new TreeBuilder(toks);
	const tree = b.getExpr(NO_PREC, null);
	if (b.pos < toks.length) {
		const rest = toks[b.pos]!;
		if (rest.type === "close") throw new Fatal("you have too many ')'");
		throw new Fatal(`unexpected extra predicate '${rest.name}'`);
	}
	return { roots: roots.length === 0 ? ["."] : roots, tree, execs: p.execs };
}

/** get_expr() and scan_rest() of findutils' tree.c, with their diagnostics. */
class TreeBuilder {
	readonly toks: readonly Tok[];
	pos = 0;

	constructor(toks: readonly Tok[]) {
		this.toks = toks;
	}

	private get cur(): Tok | undefined {
		return this.toks[this.pos];
	}

	getExpr(prevPrec: number, prev: Tok | null): Expr {
		const tok = this.cur;
		if (tok === undefined) throw new Fatal("invalid expression");
		let expr: Expr;
		switch (tok.type) {
			case "bi":
				throw new Fatal(
					`invalid expression; you have used a binary operator '${tok.name}' with nothing before it.`,
				);
			case "close":
				if (prev === null) {
					throw new Fatal(
						`invalid expression: expected expression before closing parentheses '${tok.name}'.`,
					);
				}
				if ((prev.type === "uni" || prev.type === "bi") && !tok.artificial) {
					throw new Fatal(`expected an expression between '${prev.name}' and ')'`);
				}
				if (tok.artificial) throw new Fatal(`expected an expression after '${prev.name}'`);
				throw new Fatal("invalid expression; you have too many ')'");
			case "primary":
				this.pos++;
				expr = { op: "pred", pred: tok.pred! };
				break;
			case "uni":
				this.pos++;
				expr = { op: "not", arg: this.getExpr(NEGATE_PREC, tok) };
				break;
			case "open": {
				const next = this.toks[this.pos + 1];
				if (next === undefined || next.artificial) {
					throw new Fatal(
						`invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '${tok.name}'`,
					);
				}
				this.pos++;
				if (next.type === "close") {
					throw new Fatal("invalid expression; empty parentheses are not allowed.");
				}
				expr = this.getExpr(NO_PREC, tok);
				const close = this.cur;
				if (close === undefined || close.type !== "close") {
					throw new Fatal(
						"invalid expression; I was expecting to find a ')' somewhere but did not see one.",
					);
				}
				this.pos++;
				break;
			}
		}
		const after = this.cur;
		if (after === undefined) return expr;
		if (after.prec > prevPrec) return this.scanRest(expr, prevPrec);
		return expr;
	}

	private scanRest(head: Expr, prevPrec: number): Expr {
		let tree = head;
		const first = this.cur;
		if (first === undefined || first.type === "close") throw new Fatal("invalid expression");
		for (let tok = this.cur; tok !== undefined && tok.prec > prevPrec; tok = this.cur) {
			if (tok.type === "close") return tree;
			if (tok.type !== "bi") throw new Fatal("invalid expression");
			this.pos++;
			const right = this.getExpr(tok.prec, tok);
			tree = { op: tok.bin!, left: tree, right };
		}
		return tree;
	}
}

// ---------------------------------------------------------------- running

class Finder {
	readonly t: Tool;
	readonly sys: Sys;
	readonly db: UserDb;
	readonly s: Settings;
	readonly execs: readonly ExecSpec[];
	status = 0;
	quit = false;
	private readonly tty: boolean;
	private fsTypes: Map<number, string> | null = null;
	private visits = 0;

	constructor(t: Tool, db: UserDb, s: Settings, execs: readonly ExecSpec[]) {
		this.t = t;
		this.sys = t.sys;
		this.db = db;
		this.s = s;
		this.execs = execs;
		this.tty = isatty(t.sys, 1);
	}

	/** error(): "find: message", stdout flushed first; the exit status becomes 1. */
	*error(message: string): Run<void> {
		this.status = 1;
		yield* this.t.out.flush();
		yield* this.t.warn(message);
	}

	/** Does this file's stat follow symlinks? */
	following(v: Visit): boolean {
		return this.s.follow === "always" || (this.s.follow === "args" && v.depth === 0);
	}

	/** The stat the options call for (stat with -L, falling back to lstat for a dangling link). */
	private statOf(v: Visit): Stat | KernelError {
		const { vfs, task } = this.sys;
		if (!this.following(v)) return attempt(() => vfs.lstat(task, v.path));
		const st = attempt(() => vfs.stat(task, v.path));
		if (st instanceof KernelError && st.code === "ENOENT") {
			const l = attempt(() => vfs.lstat(task, v.path));
			if (!(l instanceof KernelError)) return l;
		}
		return st;
	}

	/** get_statinfo(): stat once, reporting a failure once. */
	*stat(v: Visit): Run<Stat | null> {
		if (!v.statTried) {
			v.statTried = true;
			const st = this.statOf(v);
			if (st instanceof KernelError) {
				if (!v.errorReported) {
					v.errorReported = true;
					yield* this.error(`${quoteLocale(v.path)}: ${st.strerror}`);
				}
			} else {
				v.st = st;
			}
		}
		return v.st;
	}

	/** The file type, from d_type when that is enough. */
	*typeOf(v: Visit): Run<number | null> {
		if (v.st !== null) return v.st.mode & S_IFMT;
		// A file whose stat failed has no type (fts's FTS_NS).
		if (v.statTried) return null;
		if (v.dtype !== DT_UNKNOWN && !(v.dtype === DT_LNK && this.following(v))) {
			return (v.dtype << 12) & S_IFMT;
		}
		const st = yield* this.stat(v);
		return st === null ? null : st.mode & S_IFMT;
	}

	*run(roots: readonly string[], tree: Expr): Run<number> {
		for (const root of roots) {
			if (this.quit) break;
			yield* this.walkRoot(root, tree);
		}
		for (const spec of this.execs) if (spec.multiple) yield* this.flushExec(spec);
		return yield* this.t.finish(this.status);
	}

	private *walkRoot(root: string, tree: Expr): Run<void> {
		const v = new Visit(root, 0, root, DT_UNKNOWN);
		v.statTried = true;
		const st = this.statOf(v);
		if (st instanceof KernelError) {
			yield* this.error(`${quoteLocale(root)}: ${st.strerror}`);
			return;
		}
		v.st = st;
		yield* this.walk(v, tree, [], st.dev);
	}

	private *walk(
		v: Visit,
		tree: Expr,
		ancestors: readonly { dev: number; ino: number; path: string }[],
		rootDev: number,
	): Run<void> {
		if (++this.visits % 256 === 0) yield* this.sys.preempt();
		const st = v.st;
		if (st !== null && isDir(st.mode)) {
			const loop = ancestors.find((a) => a.dev === st.dev && a.ino === st.ino);
			if (loop !== undefined) {
				yield* this.error(
					`File system loop detected; ${quoteLocale(v.path)} is part of the same file system loop as ${quoteLocale(loop.path)}.`,
				);
				return;
			}
		}
		if (!this.s.depthFirst) yield* this.apply(v, tree);
		if (this.quit) return;
		const enter =
			st !== null &&
			isDir(st.mode) &&
			v.depth < this.s.maxDepth &&
			!v.pruned &&
			!(this.s.xdev && st.dev !== rootDev);
		if (enter) {
			const dir = this.openDir(v.path);
			if (dir instanceof KernelError) {
				yield* this.error(`${quoteLocale(v.path)}: ${dir.strerror}`);
			} else {
				// The directory stays open while its entries are visited, as with fts.
				try {
					const below = [...ancestors, { dev: st.dev, ino: st.ino, path: v.path }];
					for (const e of dir.entries) {
						const path = v.path.endsWith("/") ? `${v.path}${e.name}` : `${v.path}/${e.name}`;
						const child = new Visit(path, v.depth + 1, v.root, e.type);
						// fts stats whatever may be a directory before it is visited.
						if (
							e.type === DT_DIR ||
							e.type === DT_UNKNOWN ||
							(e.type === DT_LNK && this.following(child))
						) {
							yield* this.stat(child);
						}
						yield* this.walk(child, tree, below, rootDev);
						if (this.quit) return;
					}
				} finally {
					attempt(() => this.sys.vfs.close(this.sys.task, dir.fd));
				}
			}
		}
		if (this.s.depthFirst) yield* this.apply(v, tree);
	}

	/** opendir() and every readdir(): the entries without "." and "..", the descriptor still open. */
	private openDir(path: string): { fd: number; entries: DirEntry[] } | KernelError {
		const { vfs, task } = this.sys;
		const fd = attempt(() => vfs.open(task, path, O_RDONLY | O_DIRECTORY));
		if (fd instanceof KernelError) return fd;
		const entries: DirEntry[] = [];
		for (;;) {
			const batch = attempt(() => vfs.getdents(task, fd));
			// A directory removed meanwhile reads as empty (glibc's readdir treats ENOENT so).
			if (batch instanceof KernelError && batch.code !== "ENOENT") {
				attempt(() => vfs.close(task, fd));
				return batch;
			}
			if (batch instanceof KernelError || batch.length === 0) break;
			for (const e of batch) if (e.name !== "." && e.name !== "..") entries.push(e);
		}
		return { fd, entries };
	}

	private *apply(v: Visit, tree: Expr): Run<void> {
		if (v.depth < this.s.minDepth) return;
		yield* this.evalExpr(tree, v);
	}

	private *evalExpr(e: Expr, v: Visit): Run<boolean> {
		switch (e.op) {
			case "and":
				return (yield* this.evalExpr(e.left, v)) && (yield* this.evalExpr(e.right, v));
			case "or":
				return (yield* this.evalExpr(e.left, v)) || (yield* this.evalExpr(e.right, v));
			case "comma":
				yield* this.evalExpr(e.left, v);
				return yield* this.evalExpr(e.right, v);
			case "not":
				return !(yield* this.evalExpr(e.arg, v));
			case "pred": {
				const p = e.pred;
				if (p.needStat) {
					if ((yield* this.stat(v)) === null) return false;
				} else if (p.needType) {
					if ((yield* this.typeOf(v)) === null) return false;
				}
				const r = p.eval(this, v);
				return typeof r === "boolean" ? r : yield* r;
			}
		}
	}

	/** -print and -print0; to a terminal, unprintable bytes show as '?'. */
	*printName(path: string, end: string): Run<boolean> {
		yield* this.t.print(`${this.tty ? printable(path) : path}${end}`);
		return true;
	}

	*printf(cf: CompiledFormat, v: Visit): Run<boolean> {
		const st = v.st;
		const { vfs, task } = this.sys;
		const notes: string[] = [];
		const r = formatFile(cf, v, st, {
			userName: (uid) => this.db.userById(uid)?.name ?? String(uid),
			groupName: (gid) => this.db.groupById(gid)?.name ?? String(gid),
			linkTarget: () => {
				if (st === null || !isLnk(st.mode)) return "";
				const target = attempt(() => vfs.readlink(task, v.path));
				if (target instanceof KernelError) {
					notes.push(`${quoteLocale(v.path)}: ${target.strerror}`);
					return "";
				}
				return target;
			},
			targetType: () => {
				if (st === null || !isLnk(st.mode)) return st === null ? "U" : typeLetter(st.mode);
				const t = attempt(() => vfs.stat(task, v.path));
				if (!(t instanceof KernelError)) return typeLetter(t.mode);
				if (t.code === "ENOENT") return "N";
				if (t.code === "ELOOP") return "L";
				notes.push(`${quoteLocale(v.path)}: ${t.strerror}`);
				return "?";
			},
			fsType: () => this.fsType(st!.dev),
			typeLetter,
			modeString,
			noContext: () => notes.push(`getfilecon failed: ${quoteLocale(v.path)}: No data available`),
		});
		for (const n of notes) yield* this.error(n);
		yield* this.t.print(this.tty ? printable(r.text) : r.text);
		if (r.stopped) yield* this.t.out.flush();
		return true;
	}

	/** %F: the type of the last mount on the file's device (as findutils reads the mount table). */
	private fsType(dev: number): string {
		return this.fsTypes?.get(dev) ?? "unknown";
	}

	/** Load the mount table for %F (before running, as it reads a file). */
	*loadFsTypes(): Run<void> {
		const map = new Map<number, string>();
		for (const m of yield* readMountinfo(this.sys)) {
			const st = attempt(() => this.sys.vfs.stat(this.sys.task, m.target));
			if (!(st instanceof KernelError)) map.set(st.dev, m.fstype);
		}
		this.fsTypes = map;
	}

	*isEmpty(v: Visit): Run<boolean> {
		const st = v.st!;
		if (isDir(st.mode)) {
			const entries = attempt(() => readDir(this.sys, v.path));
			if (entries instanceof KernelError) {
				yield* this.error(`${quoteLocale(v.path)}: ${entries.strerror}`);
				return false;
			}
			return entries.length === 0;
		}
		return isReg(st.mode) && st.size === 0;
	}

	*linkNameMatches(v: Visit, pattern: string, fold: boolean): Run<boolean> {
		const mode = yield* this.typeOf(v);
		if (mode !== S_IFLNK) return false;
		const target = attempt(() => this.sys.vfs.readlink(this.sys.task, v.path));
		if (target instanceof KernelError) {
			if (!v.errorReported) {
				v.errorReported = true;
				yield* this.error(`${quoteLocale(v.path)}: ${target.strerror}`);
			}
			return false;
		}
		return fnmatch(pattern, target, fold);
	}

	*delete(v: Visit): Run<boolean> {
		if (v.path === ".") return true;
		const { vfs, task } = this.sys;
		const dir = v.st !== null && isDir(v.st.mode);
		let r = attempt(() => (dir ? vfs.rmdir(task, v.path) : vfs.unlink(task, v.path)));
		if (r instanceof KernelError && r.code === "EISDIR" && !dir) {
			r = attempt(() => vfs.rmdir(task, v.path));
		}
		if (r instanceof KernelError) {
			yield* this.error(`cannot delete ${quoteLocale(v.path)}: ${r.strerror}`);
			return false;
		}
		return true;
	}

	/** Run one command and wait for it: true when it exited with status 0. */
	*runCommand(argv: readonly string[], multiple: boolean): Run<boolean> {
		const { sys, t } = this;
		yield* t.out.flush();
		const name = t.name;
		const envp = t.envp;
		let pid: number;
		try {
			pid = sys.fork(function* (child: Sys): Run<number> {
				const err = yield* execvp(child, argv, envp);
				try {
					yield* child.write(2, `${name}: ${quoteLocale(argv[0] ?? "")}: ${err.strerror}\n`);
				} catch (e) {
					if (!(e instanceof KernelError)) throw e;
				}
				return 1;
			});
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			yield* this.error(`cannot fork: ${e.strerror}`);
			return false;
		}
		let status = 0;
		for (;;) {
			try {
				status = (yield* sys.wait4(pid, 0))?.status ?? 0;
				break;
			} catch (e) {
				if (!(e instanceof KernelError) || e.code !== "EINTR") throw e;
			}
		}
		const sig = status & 0x7f;
		if (sig !== 0) {
			yield* t.out.flush();
			yield* t.warn(`${quoteLocale(argv[0] ?? "")} terminated by signal ${sig}`);
			if (multiple) this.status = 1;
			return false;
		}
		if (((status >> 8) & 0xff) === 0) return true;
		if (multiple) this.status = 1;
		return false;
	}

	/** Run a -exec ... {} + command on the names gathered so far. */
	*flushExec(spec: ExecSpec): Run<void> {
		if (spec.batch.length === 0) return;
		const argv = [...spec.argv, ...spec.batch];
		spec.batch = [];
		spec.batchSize = 0;
		yield* this.runCommand(argv, true);
	}
}

/** What findutils shows of a name on a terminal: unprintable bytes as '?'. */
function printable(s: string): string {
	let out = "";
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out += (c < 0x20 && c !== 9 && c !== 10) || c >= 0x7f ? "?" : s[i];
	}
	return out;
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	const args = t.args;
	const s: Settings = {
		follow: "never",
		depthFirst: false,
		explicitDepth: false,
		maxDepth: 2 ** 31 - 1,
		minDepth: 0,
		xdev: false,
		warnings: isatty(t.sys, 0),
	};
	let i = 0;
	for (; i < args.length; i++) {
		const a = args[i]!;
		if (a === "-H") s.follow = "args";
		else if (a === "-L") s.follow = "always";
		else if (a === "-P") s.follow = "never";
		else if (a === "--") {
			i++;
			break;
		} else break;
	}
	const db = yield* UserDb.load(t.sys);
	const p = new Parser(t, db, args, i, s);
	let prog: Program;
	try {
		prog = parse(p);
	} catch (e) {
		for (const d of p.diags) yield* t.warn(d);
		if (e instanceof Fatal) {
			for (const line of e.lines) yield* t.warn(line);
			return 1;
		}
		if (e instanceof EarlyExit) {
			yield* t.print(e.text);
			return yield* t.finish(0);
		}
		throw e;
	}
	for (const d of p.diags) yield* t.warn(d);
	const f = new Finder(t, db, s, prog.execs);
	if (p.needFsTypes) yield* f.loadFsTypes();
	return yield* f.run(prog.roots, prog.tree);
}
