/**
 * The cgconfig.conf language: lex.l's scanner and parse.y's grammar, as
 * flex and bison run them in libcgroup 3.1.0.
 *
 * Scanner (lex.l): the longest match wins, the earlier rule on a tie; a
 * comment is a line that starts with optional blanks and "#", or with "*"
 * (only at the start of a line: "#" after a token is an ordinary
 * character); keywords are mount task admin perm group namespace template
 * systemd default; an ID is a run of [A-Za-z0-9_-/.,%@\]; a quoted string
 * (no escapes, newlines allowed but not counted) is an ID without its
 * quotes; any other character is a token of its own. A NUL or a byte of
 * 0x80 and above is a negative char to bison, which takes it for the end
 * of input.
 *
 * The scanner's state is global in C and outlives a parse: the line
 * counter is never reset, and when a parse stops before the end of its
 * file the text flex had already read (the rest of the file, in 8 KiB
 * reads) is what the next parse reads first. A parse that reaches the end
 * of its file restarts the buffer (yyrestart()). ScannerState keeps that.
 *
 * Parser (parse.y): written here by hand with the same viable prefixes
 * as bison's LALR(1) automaton, so a syntax error is reported at the same
 * token ("error at line number N at TEXT:syntax error" on stderr), and
 * each semantic action runs right after the terminal that completes its
 * rule, before the next token is read, as bison's consistent states do.
 */

import { CgroupDictionary } from "./cgroup.ts";
import { ECGCONFIGPARSEFAIL, ECGOTHER } from "./errors.ts";

/** flex's read size (YY_READ_BUF_SIZE). */
const YY_READ_BUF_SIZE = 8192;

/** The scanner's globals: line_no and the unread buffer of an interrupted parse. */
export class ScannerState {
	lineNo = 1;
	/** Text flex had read but the parser did not consume (empty after a yyrestart()). */
	pending = "";
	/** yy_at_bol: the next token starts a line. */
	atBol = true;
	/**
	 * A read failed (a directory given as the file) and flex's fatal error
	 * handler longjmp()ed out of the scanner, leaving its buffer state
	 * inconsistent: every later scan fails at once.
	 */
	broken = false;
}

export type TokenKind =
	| "ID"
	| "MOUNT"
	| "TASK"
	| "ADMIN"
	| "PERM"
	| "GROUP"
	| "NAMESPACE"
	| "TEMPLATE"
	| "SYSTEMD"
	| "DEFAULT"
	| "CHAR"
	| "EOF";

export interface Token {
	readonly kind: TokenKind;
	/** yytext. */
	readonly text: string;
	/** yylval.name: an ID's text (a quoted string without its quotes), or "default". */
	readonly value: string;
}

const KEYWORDS: readonly [string, TokenKind][] = [
	["mount", "MOUNT"],
	["task", "TASK"],
	["admin", "ADMIN"],
	["perm", "PERM"],
	["group", "GROUP"],
	["namespace", "NAMESPACE"],
	["template", "TEMPLATE"],
	["systemd", "SYSTEMD"],
	["default", "DEFAULT"],
];

const ID_RE = /[a-zA-Z0-9_\-/.,%@\\]+/y;
const COMMENT_HASH_RE = /[ \t]*#[^\n]*/y;
const COMMENT_STAR_RE = /\*[^\n]*/y;

/** The scanner over one parse's input: what an earlier parse left unread, then the file. */
export class Scanner {
	private readonly st: ScannerState;
	private readonly input: string;
	/** Where the file's text starts in `input`. */
	private readonly fileStart: number;
	private pos = 0;
	/** The last token was the real end of the input (flex restarted its buffer). */
	private cleanEof = false;
	/** yytext of the last token. */
	yytext = "";

	/** Reading the file fails (EISDIR): flex's "input in flex scanner failed". */
	private readonly readError: boolean;

	constructor(st: ScannerState, fileText: string, readError = false) {
		this.st = st;
		this.readError = readError;
		this.input = st.pending + fileText;
		this.fileStart = st.pending.length;
		st.pending = "";
	}

	get lineNo(): number {
		return this.st.lineNo;
	}

	/** yylex(). */
	next(): Token {
		const s = this.input;
		if (this.st.broken)
			throw new ScanFatal("fatal flex scanner internal error--end of buffer missed");
		for (;;) {
			if (this.pos >= s.length) {
				if (this.readError) {
					this.st.broken = true;
					this.st.pending = "";
					throw new ScanFatal("input in flex scanner failed");
				}
				this.cleanEof = true;
				this.st.atBol = true;
				this.yytext = "";
				return { kind: "EOF", text: "", value: "" };
			}
			const c = s[this.pos] as string;
			if (c === "\n") {
				this.pos++;
				this.st.lineNo++;
				this.st.atBol = true;
				continue;
			}
			// Candidate matches as [length, rule number]; the longest wins, then the lowest rule.
			let bestLen = 0;
			let bestRule = 0;
			const offer = (len: number, rule: number) => {
				if (len > bestLen || (len === bestLen && rule < bestRule)) {
					bestLen = len;
					bestRule = rule;
				}
			};
			if (c === " " || c === "\t") offer(1, 2);
			if (this.st.atBol) {
				COMMENT_HASH_RE.lastIndex = this.pos;
				const h = COMMENT_HASH_RE.exec(s);
				if (h !== null) offer(h[0].length, 3);
				COMMENT_STAR_RE.lastIndex = this.pos;
				const a = COMMENT_STAR_RE.exec(s);
				if (a !== null) offer(a[0].length, 4);
			}
			KEYWORDS.forEach(([k], i) => {
				if (s.startsWith(k, this.pos)) offer(k.length, 5 + i);
			});
			ID_RE.lastIndex = this.pos;
			const id = ID_RE.exec(s);
			if (id !== null) offer(id[0].length, 14);
			if (c === '"') {
				const close = s.indexOf('"', this.pos + 1);
				if (close >= 0) offer(close - this.pos + 1, 15);
			}
			offer(1, 16);
			const text = s.slice(this.pos, this.pos + bestLen);
			this.pos += bestLen;
			this.st.atBol = false;
			if (bestRule <= 4) continue;
			this.yytext = text;
			if (bestRule <= 13) {
				const kind = (KEYWORDS[bestRule - 5] as [string, TokenKind])[1];
				return { kind, text, value: kind === "DEFAULT" ? text : "" };
			}
			if (bestRule === 14) return { kind: "ID", text, value: text };
			if (bestRule === 15) return { kind: "ID", text, value: text.slice(1, -1) };
			// A char token: NUL and bytes from 0x80 are <= 0 as a (signed) char, the end of input to bison.
			const code = text.charCodeAt(0);
			if (code === 0 || code >= 0x80) return { kind: "EOF", text, value: "" };
			return { kind: "CHAR", text, value: "" };
		}
	}

	/**
	 * The parse is over: keep what flex had read and not consumed for the
	 * next parse (nothing when it reached the end of the input, which
	 * restarted the buffer). Flex reads the file in YY_READ_BUF_SIZE
	 * pieces as it needs them, one character past the last token.
	 */
	finish(): void {
		if (this.cleanEof) {
			this.st.pending = "";
			this.st.atBol = true;
			return;
		}
		let readEnd: number;
		if (this.pos >= this.fileStart) {
			const inFile = this.pos - this.fileStart;
			const chunks = Math.floor(inFile / YY_READ_BUF_SIZE) + 1;
			readEnd = Math.min(this.input.length, this.fileStart + chunks * YY_READ_BUF_SIZE);
		} else {
			// Still in an earlier file's text: nothing of this file was read.
			readEnd = this.fileStart;
		}
		this.st.pending = this.input.slice(this.pos, readEnd);
	}
}

/** YY_FATAL_ERROR(): lex.l prints the message on stderr and longjmp()s out of yyparse(). */
export class ScanFatal {
	readonly message: string;
	constructor(message: string) {
		this.message = message;
	}
}

/** Which table a group-like section fills (enum tc_switch_t). */
export type TableKind = "cgroup" | "template";

/**
 * The semantic actions (config.c's parser callbacks). Each returns 1 on
 * success and 0 on failure, as the C functions do.
 */
export interface ConfigActions {
	/** cgroup_config_insert_cgroup() / template_config_insert_cgroup(). */
	insertCgroup(name: string, kind: TableKind): number;
	/** cgroup_config_parse_controller_options() / template_config_parse_controller_options(). */
	parseControllerOptions(
		controller: string,
		values: CgroupDictionary | null,
		kind: TableKind,
	): number;
	/** cgroup_config_group_task_perm() / template_config_group_task_perm(). */
	groupTaskPerm(permType: string, value: string, kind: TableKind): number;
	/** cgroup_config_group_admin_perm() / template_config_group_admin_perm(). */
	groupAdminPerm(permType: string, value: string, kind: TableKind): number;
	/** cgroup_config_define_default(). */
	defineDefault(): void;
	/** cgroup_config_insert_into_mount_table(). */
	insertIntoMountTable(name: string, mountPoint: string): number;
	/** cgroup_config_cleanup_mount_table(). */
	cleanupMountTable(): void;
	/** cgroup_config_insert_into_namespace_table(). */
	insertIntoNamespaceTable(name: string, path: string): number;
	/** cgroup_config_cleanup_namespace_table(). */
	cleanupNamespaceTable(): void;
	/** cgroup_alloc_systemd_opts(). */
	allocSystemdOpts(config: string, value: string): number;
	/** cgroup_add_systemd_opts(). */
	addSystemdOpts(config: string, value: string): number;
	/** cgroup_cleanup_systemd_opts(). */
	cleanupSystemdOpts(): void;
}

/** yyparse() stopped: 1 for a syntax error, or the code an action returned. */
class Abort {
	readonly code: number;
	constructor(code: number) {
		this.code = code;
	}
}

/**
 * yyparse() over `fileText`: 0 when the whole input parsed, 1 after a
 * syntax error, or the error code a failing action returned. Diagnostics
 * go to `stderr`.
 */
export function yyparse(
	st: ScannerState,
	fileText: string,
	actions: ConfigActions,
	stderr: (s: string) => void,
	readError = false,
): number {
	const lex = new Scanner(st, fileText, readError);
	const p = new Parser(lex, actions, stderr);
	try {
		p.start();
	} catch (e) {
		if (e instanceof ScanFatal) {
			stderr(`${e.message}\n`);
			return 1;
		}
		if (!(e instanceof Abort)) throw e;
		lex.finish();
		return e.code;
	}
	lex.finish();
	return 0;
}

/** A C string's text: what printf("%s") shows of it. */
function cstr(s: string): string {
	const z = s.indexOf("\0");
	return z < 0 ? s : s.slice(0, z);
}

class Parser {
	private readonly lex: Scanner;
	private readonly act: ConfigActions;
	private readonly stderr: (s: string) => void;
	private la: Token | null = null;

	constructor(lex: Scanner, act: ConfigActions, stderr: (s: string) => void) {
		this.lex = lex;
		this.act = act;
		this.stderr = stderr;
	}

	/** The lookahead token, read when first needed. */
	private peek(): Token {
		if (this.la === null) this.la = this.lex.next();
		return this.la;
	}

	private take(): Token {
		const t = this.peek();
		this.la = null;
		return t;
	}

	/** yyerror("syntax error") and abort with 1. */
	private syntaxError(): never {
		this.stderr(
			`error at line number ${this.lex.lineNo} at ${cstr(this.lex.yytext)}:syntax error\n`,
		);
		throw new Abort(1);
	}

	private is(t: Token, kind: TokenKind, ch?: string): boolean {
		return t.kind === kind && (ch === undefined || t.text === ch);
	}

	private expect(kind: TokenKind, ch?: string): Token {
		const t = this.take();
		if (!this.is(t, kind, ch)) this.syntaxError();
		return t;
	}

	/** An action's "parsing failed at line number N" and its return from yyparse. */
	private failed(code = ECGCONFIGPARSEFAIL): never {
		this.stderr(`parsing failed at line number ${this.lex.lineNo}\n`);
		throw new Abort(code);
	}

	/** start: the sections until the end of input. */
	start(): void {
		for (;;) {
			const t = this.take();
			switch (t.kind) {
				case "EOF":
					return;
				case "GROUP":
					this.group();
					break;
				case "MOUNT":
					this.nameValueSection(
						(n, v) => this.act.insertIntoMountTable(n, v),
						(n, v) => this.act.insertIntoMountTable(n, v),
						() => this.act.cleanupMountTable(),
					);
					break;
				case "DEFAULT":
					this.defaultSection();
					break;
				case "NAMESPACE":
					this.nameValueSection(
						(n, v) => this.act.insertIntoNamespaceTable(n, v),
						(n, v) => this.act.insertIntoNamespaceTable(n, v),
						() => this.act.cleanupNamespaceTable(),
					);
					break;
				case "TEMPLATE":
					this.template();
					break;
				case "SYSTEMD":
					this.nameValueSection(
						(n, v) => this.act.allocSystemdOpts(n, v),
						(n, v) => this.act.addSystemdOpts(n, v),
						() => this.act.cleanupSystemdOpts(),
					);
					break;
				default:
					this.syntaxError();
			}
		}
	}

	/** group: GROUP group_name '{' group_conf '}' (GROUP taken). */
	private group(): void {
		const nameTok = this.take();
		if (nameTok.kind !== "ID" && nameTok.kind !== "DEFAULT") this.syntaxError();
		this.expect("CHAR", "{");
		this.groupConf("cgroup");
		this.expect("CHAR", "}");
		if (this.act.insertCgroup(nameTok.value, "cgroup") === 0) {
			this.stderr("failed to insert group check size and memory");
			throw new Abort(ECGOTHER);
		}
	}

	/** template: TEMPLATE ID '{' template_conf '}' (TEMPLATE taken). */
	private template(): void {
		const nameTok = this.expect("ID");
		this.expect("CHAR", "{");
		this.groupConf("template");
		this.expect("CHAR", "}");
		if (this.act.insertCgroup(nameTok.value, "template") === 0) this.failed(ECGOTHER);
	}

	/** group_conf / template_conf: a perm block or a controller, then controllers. */
	private groupConf(kind: TableKind): void {
		const first = this.take();
		if (first.kind === "PERM") {
			this.expect("CHAR", "{");
			this.taskOrAdmin(kind);
			this.expect("CHAR", "}");
		} else if (first.kind === "ID") {
			this.controller(first, kind);
		} else {
			this.syntaxError();
		}
		while (this.peek().kind === "ID") this.controller(this.take(), kind);
	}

	/** ID '{' namevalue_conf '}' (ID taken): the controller's settings. */
	private controller(ctrl: Token, kind: TableKind): void {
		this.expect("CHAR", "{");
		let dict: CgroupDictionary | null = null;
		while (this.peek().kind === "ID") {
			const name = this.take();
			this.expect("CHAR", "=");
			const value = this.expect("ID");
			this.expect("CHAR", ";");
			if (dict === null) dict = new CgroupDictionary(0);
			dict.add(name.value, value.value);
		}
		this.expect("CHAR", "}");
		if (this.act.parseControllerOptions(ctrl.value, dict, kind) === 0) this.failed();
	}

	/** task_or_admin: a task block and an admin block, in either order. */
	private taskOrAdmin(kind: TableKind): void {
		const t = this.take();
		if (t.kind === "TASK") {
			this.permBlock((n, v) => this.act.groupTaskPerm(n, v, kind));
			this.expect("ADMIN");
			this.permBlock((n, v) => this.act.groupAdminPerm(n, v, kind));
		} else if (t.kind === "ADMIN") {
			this.permBlock((n, v) => this.act.groupAdminPerm(n, v, kind));
			this.expect("TASK");
			this.permBlock((n, v) => this.act.groupTaskPerm(n, v, kind));
		} else {
			this.syntaxError();
		}
	}

	/** '{' (ID '=' ID ';')+ '}' of a task or admin block (its keyword taken). */
	private permBlock(set: (name: string, value: string) => number): void {
		this.expect("CHAR", "{");
		do {
			const name = this.expect("ID");
			this.expect("CHAR", "=");
			const value = this.expect("ID");
			this.expect("CHAR", ";");
			if (set(name.value, value.value) === 0) this.failed();
		} while (this.peek().kind === "ID");
		this.expect("CHAR", "}");
	}

	/** default: DEFAULT '{' PERM '{' task_or_admin '}' '}' (DEFAULT taken). */
	private defaultSection(): void {
		this.expect("CHAR", "{");
		this.expect("PERM");
		this.expect("CHAR", "{");
		this.taskOrAdmin("cgroup");
		this.expect("CHAR", "}");
		this.expect("CHAR", "}");
		this.act.defineDefault();
	}

	/**
	 * mount, namespace and systemd: '{' (ID '=' ID ';')+ '}' (the keyword
	 * taken). A failing pair cleans its table up and aborts without a
	 * message.
	 */
	private nameValueSection(
		first: (name: string, value: string) => number,
		more: (name: string, value: string) => number,
		cleanup: () => void,
	): void {
		this.expect("CHAR", "{");
		let n = 0;
		do {
			const name = this.expect("ID");
			this.expect("CHAR", "=");
			const value = this.expect("ID");
			this.expect("CHAR", ";");
			const ok = (n === 0 ? first : more)(name.value, value.value);
			n++;
			if (ok === 0) {
				cleanup();
				throw new Abort(ECGCONFIGPARSEFAIL);
			}
		} while (this.peek().kind === "ID");
		this.expect("CHAR", "}");
	}
}
