/**
 * The shell grammar (XCU 2.10) as dash 0.5.12 parses it, with dash's error
 * messages. Like dash's parsecmd(), Parser.next() reads one complete
 * command at a time, so a script runs up to the line with a syntax error.
 *
 * The structure follows dash's: a one-token pushback, and a flag word set
 * before a read to say whether that token may be a reserved word and
 * whether newlines before it are skipped.
 */
import type {
	AndOr,
	Assign,
	CaseItem,
	Command,
	List,
	ListItem,
	Pipeline,
	Redir,
	SimpleCommand,
	Word,
	WordPart,
} from "./ast.ts";
import {
	assignTildes,
	isName,
	KEYWORDS,
	type LeakedToken,
	Lexer,
	type MutableRedir,
	NeedMoreInput,
	ShSyntaxError,
	Source,
	type SubParsers,
	type Tok,
} from "./lex.ts";

export { NeedMoreInput, ShSyntaxError };

/** The next read skips newlines. */
const CHKNL = 1;
/** The next read recognises reserved words. */
const CHKKWD = 2;

/** Tokens that end a compound list (dash's tokendlist). */
const LIST_END: ReadonlySet<Tok> = new Set<Tok>([
	"eof",
	")",
	";;",
	"}",
	"then",
	"elif",
	"else",
	"fi",
	"do",
	"done",
	"esac",
]);

/** Special built-ins: dash refuses them as function names. */
const SPECIAL_BUILTINS: ReadonlySet<string> = new Set([
	".",
	":",
	"break",
	"continue",
	"eval",
	"exec",
	"exit",
	"export",
	"local",
	"readonly",
	"return",
	"set",
	"shift",
	"times",
	"trap",
	"unset",
]);

/** How a token is named in "... unexpected (expecting ...)". */
function tokName(t: Tok): string {
	switch (t) {
		case "eof":
			return "end of file";
		case "nl":
			return "newline";
		case "word":
			return "word";
		case "redir":
			return "redirection";
		default:
			return `"${t}"`;
	}
}

/** NAME= at the start of a word: the length of NAME, or -1. */
function assignmentName(word: Word): number {
	const first = word.parts[0];
	if (first === undefined || first.type !== "lit") return -1;
	const text = first.text;
	const c = text.charCodeAt(0);
	if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return -1;
	for (let i = 1; i < text.length; i++) {
		const d = text.charCodeAt(i);
		if (d === 61) return i;
		if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95)) {
			return -1;
		}
	}
	return -1;
}

function splitAssignment(word: Word, n: number): Assign {
	const first = word.parts[0] as { readonly type: "lit"; readonly text: string };
	const rest: WordPart[] = [];
	if (first.text.length > n + 1) rest.push({ type: "lit", text: first.text.slice(n + 1) });
	for (let i = 1; i < word.parts.length; i++) rest.push(word.parts[i]!);
	return { name: first.text.slice(0, n), value: { parts: assignTildes(rest) } };
}

/**
 * An argument of export, local or readonly that looks like an assignment
 * gets the tilde prefixes of one (after = and each :), as dash does at run
 * time once it knows the command. Other words come back unchanged.
 */
export function declarationWord(word: Word): Word {
	const n = assignmentName(word);
	if (n < 0) return word;
	const a = splitAssignment(word, n);
	if (a.value.parts.every((p) => p.type !== "tilde")) return word;
	const head = `${a.name}=`;
	const [first, ...rest] = a.value.parts;
	if (first?.type === "lit") return { parts: [{ type: "lit", text: head + first.text }, ...rest] };
	return { parts: [{ type: "lit", text: head }, ...a.value.parts] };
}

class Grammar {
	readonly lex: Lexer;
	private readonly src: Source;
	/** The last token read; with `pushback` set, the next read returns it again. */
	private last: Tok = "nl";
	private pushback = false;
	/** Flags for the next read only. */
	private checkkwd = 0;

	constructor(src: Source, sub: SubParsers, leak: LeakedToken | null = null) {
		this.src = src;
		this.lex = new Lexer(src, sub);
		if (leak !== null) {
			this.pushback = true;
			this.last = leak.tok;
			this.lex.word = leak.word;
			this.lex.plain = leak.plain;
			this.lex.redirOp = leak.redirOp;
			this.lex.redirFd = leak.redirFd;
		}
	}

	private readtoken(): Tok {
		const kwd = this.checkkwd;
		this.checkkwd = 0;
		let t: Tok;
		if (this.pushback) {
			this.pushback = false;
			t = this.last;
		} else t = this.lex.next();
		if (kwd & CHKNL) {
			while (t === "nl") {
				this.lex.readHeredocs();
				t = this.lex.next();
			}
		}
		if (kwd & CHKKWD && t === "word") {
			const p = this.lex.plain;
			if (p !== null && KEYWORDS.has(p)) t = p as Tok;
		}
		this.last = t;
		return t;
	}

	private fail(detail: string): never {
		if (this.last === "eof") this.src.failEof(detail);
		this.src.fail(detail);
	}

	/** "X unexpected", or "X unexpected (expecting Y)". */
	private synexpect(expected: Tok | null): never {
		const got = `${tokName(this.last)} unexpected`;
		this.fail(expected === null ? got : `${got} (expecting ${tokName(expected)})`);
	}

	/** One complete command (up to a newline at the top level), or null at the end. */
	command1(): List | null {
		for (;;) {
			this.checkkwd = 0;
			const t = this.readtoken();
			if (t === "eof") return null;
			if (t === "nl") continue;
			this.pushback = true;
			return { type: "list", items: this.list(1) };
		}
	}

	/** The commands of $(...), through the closing parenthesis. */
	cmdsub(): List {
		const items = this.list(2);
		if (this.readtoken() !== ")") this.synexpect(")");
		this.lex.dropHeredocs();
		return { type: "list", items };
	}

	/**
	 * The commands of `...`: like dash, whatever follows a token that ends
	 * the list is ignored, except that pending here-documents are read from
	 * there (see Lexer.leak).
	 */
	backquote(): List {
		const items = this.list(2);
		const lex = this.lex;
		if (this.pushback) {
			lex.leak = {
				tok: this.last,
				word: lex.word,
				plain: lex.plain,
				redirOp: lex.redirOp,
				redirFd: lex.redirFd,
			};
		}
		lex.readHeredocs();
		lex.leak = null;
		return { type: "list", items };
	}

	/**
	 * An and-or list sequence. nlflag 1: the top level, which a newline
	 * ends; 0: a compound list, which must not be empty; 2: a list that may
	 * be empty (case items, command substitutions).
	 */
	private list(nlflag: number): ListItem[] {
		const chknl = nlflag & 1 ? 0 : CHKNL;
		const items: ListItem[] = [];
		for (;;) {
			this.checkkwd = chknl | CHKKWD;
			let t = this.readtoken();
			if (t === "nl") {
				this.lex.readHeredocs();
				return items;
			}
			if (t === "eof") {
				this.lex.readHeredocs();
				this.pushback = true;
				return items;
			}
			this.pushback = true;
			if (nlflag === 2 && LIST_END.has(t)) return items;
			nlflag |= 2;
			const andor = this.andor();
			t = this.readtoken();
			items.push({ andor, background: t === "&" });
			switch (t) {
				case "eof":
					this.lex.readHeredocs();
					this.pushback = true;
					return items;
				case "nl":
					this.lex.readHeredocs();
					if (nlflag & 1) return items;
					break;
				case "&":
				case ";":
					break;
				default:
					if (nlflag & 1) this.synexpect(null);
					this.pushback = true;
					return items;
			}
		}
	}

	private andor(): AndOr {
		const first = this.pipeline();
		const rest: { op: "&&" | "||"; pipeline: Pipeline }[] = [];
		for (;;) {
			const t = this.readtoken();
			if (t !== "&&" && t !== "||") {
				this.pushback = true;
				return { type: "andor", line: first.line, first, rest };
			}
			this.checkkwd = CHKNL | CHKKWD;
			rest.push({ op: t, pipeline: this.pipeline() });
		}
	}

	private pipeline(): Pipeline {
		let bang = false;
		if (this.readtoken() === "!") {
			bang = true;
			this.checkkwd = CHKKWD;
		} else this.pushback = true;
		const first = this.command();
		const commands: Command[] = [first];
		while (this.readtoken() === "|") {
			this.checkkwd = CHKNL | CHKKWD;
			commands.push(this.command());
		}
		this.pushback = true;
		return { type: "pipeline", line: first.line, bang, commands };
	}

	private command(): Command {
		// dash takes the line before reading, which is after the token when it was pushed back
		const line = this.src.line;
		const t = this.readtoken();
		let cmd: Command;
		switch (t) {
			case "if":
				cmd = this.ifClause(line);
				break;
			case "while":
			case "until": {
				const cond = this.list(0);
				if (this.readtoken() !== "do") this.synexpect("do");
				const body = this.list(0);
				this.end("done");
				cmd = {
					type: t,
					line,
					cond: { type: "list", items: cond },
					body: { type: "list", items: body },
					redirs: this.redirs(),
				};
				break;
			}
			case "for":
				cmd = this.forClause(line);
				break;
			case "case":
				cmd = this.caseClause(line);
				break;
			case "(": {
				const body = this.list(0);
				this.end(")");
				cmd = {
					type: "subshell",
					line,
					body: { type: "list", items: body },
					redirs: this.redirs(),
				};
				break;
			}
			case "{": {
				const body = this.list(0);
				this.end("}");
				cmd = { type: "group", line, body: { type: "list", items: body }, redirs: this.redirs() };
				break;
			}
			case "word":
			case "redir":
				this.pushback = true;
				return this.simple();
			default:
				this.synexpect(null);
		}
		return cmd;
	}

	private end(t: Tok): void {
		if (this.readtoken() !== t) this.synexpect(t);
	}

	/** Redirections after a compound command. */
	private redirs(): Redir[] {
		const out: Redir[] = [];
		this.checkkwd = CHKKWD;
		while (this.readtoken() === "redir") out.push(this.redirection());
		this.pushback = true;
		return out;
	}

	/** The word after a redirection operator just read (dash's parsefname). */
	private redirection(): Redir {
		const lex = this.lex;
		const op = lex.redirOp;
		const fd = lex.redirFd;
		const heredoc = op === "<<" || op === "<<-";
		if (heredoc) lex.delimMode = true;
		const t = this.readtoken();
		lex.delimMode = false;
		if (t !== "word") this.synexpect(null);
		const r: MutableRedir = { fd, op, target: lex.word };
		if (heredoc) lex.addHeredoc(r, op === "<<-");
		return r;
	}

	private ifClause(line: number): Command {
		const clauses: { cond: List; body: List }[] = [];
		let t: Tok = "if";
		while (t === "if" || t === "elif") {
			const cond = this.list(0);
			if (this.readtoken() !== "then") this.synexpect("then");
			const body = this.list(0);
			clauses.push({ cond: { type: "list", items: cond }, body: { type: "list", items: body } });
			t = this.readtoken();
		}
		let orElse: List | null = null;
		if (t === "else") orElse = { type: "list", items: this.list(0) };
		else this.pushback = true;
		this.end("fi");
		return { type: "if", line, clauses, orElse, redirs: this.redirs() };
	}

	private forClause(line: number): Command {
		const lex = this.lex;
		const name = this.readtoken() === "word" ? lex.plain : null;
		if (name === null || !isName(name)) this.fail("Bad for loop variable");
		let words: Word[] | null = null;
		this.checkkwd = CHKNL | CHKKWD;
		if (this.readtoken() === "in") {
			words = [];
			while (this.readtoken() === "word") words.push(lex.word);
			if (this.last !== "nl" && this.last !== ";") this.synexpect(null);
		} else if (this.last !== ";") this.pushback = true;
		this.checkkwd = CHKNL | CHKKWD;
		if (this.readtoken() !== "do") this.synexpect("do");
		const body = this.list(0);
		this.end("done");
		return {
			type: "for",
			line,
			name,
			words,
			body: { type: "list", items: body },
			redirs: this.redirs(),
		};
	}

	/**
	 * Like dash, a pattern is the last word lexed whatever the token, so
	 * `case in in ;;)` has the pattern "in"; the errors come out the same.
	 */
	private caseClause(line: number): Command {
		const lex = this.lex;
		if (this.readtoken() !== "word") this.synexpect("word");
		const word = lex.word;
		this.checkkwd = CHKNL | CHKKWD;
		if (this.readtoken() !== "in") this.synexpect("in");
		const items: CaseItem[] = [];
		this.checkkwd = CHKNL | CHKKWD;
		let t = this.readtoken();
		while (t !== "esac") {
			if (t === "(") this.readtoken();
			const patterns: Word[] = [lex.word];
			while (this.readtoken() === "|") {
				this.readtoken();
				patterns.push(lex.word);
			}
			if (this.last !== ")") this.synexpect(")");
			const body = this.list(2);
			items.push({
				patterns,
				body: body.length === 0 ? null : { type: "list", items: body },
				fallthrough: false,
			});
			this.checkkwd = CHKNL | CHKKWD;
			t = this.readtoken();
			if (t !== "esac") {
				if (t !== ";;") this.synexpect(";;");
				this.checkkwd = CHKNL | CHKKWD;
				t = this.readtoken();
			}
		}
		return { type: "case", line, word, items, redirs: this.redirs() };
	}

	private simple(): Command {
		const lex = this.lex;
		const line = this.src.line;
		const assigns: Assign[] = [];
		const words: Word[] = [];
		const redirs: Redir[] = [];
		for (;;) {
			const t = this.readtoken();
			if (t === "word") {
				const n = words.length === 0 ? assignmentName(lex.word) : -1;
				if (n >= 0) assigns.push(splitAssignment(lex.word, n));
				else words.push(lex.word);
			} else if (t === "redir") {
				redirs.push(this.redirection());
			} else if (t === "(" && words.length === 1 && assigns.length === 0 && redirs.length === 0) {
				// name() compound-command: a function definition
				if (this.readtoken() !== ")") this.synexpect(")");
				const name = words[0]!.parts.length === 1 ? words[0]!.parts[0]! : null;
				if (
					name === null ||
					name.type !== "lit" ||
					!isName(name.text) ||
					SPECIAL_BUILTINS.has(name.text)
				) {
					this.fail("Bad function name");
				}
				this.checkkwd = CHKNL | CHKKWD;
				const fline = this.src.line;
				return { type: "funcdef", line: fline, name: name.text, body: this.command() };
			} else {
				this.pushback = true;
				break;
			}
		}
		const cmd: SimpleCommand = { type: "simple", line, assigns, words, redirs };
		return cmd;
	}
}

export interface ParserOptions {
	/** The number of the first line (default 1). */
	startLine?: number;
	/** Throw NeedMoreInput instead of a syntax error when the input ends inside a command. */
	interactive?: boolean;
}

export class Parser {
	private readonly src: Source;
	private readonly g: Grammar;

	constructor(source: string, options: ParserOptions = {}) {
		this.src = new Source(source, options.startLine ?? 1, options.interactive ?? false);
		this.g = new Grammar(this.src, SUB);
	}

	/**
	 * The next complete command: an and-or list sequence up to an unquoted
	 * top-level newline (plus its here-document bodies), like dash's
	 * parsecmd(); null at end of input. Blank lines and comments are skipped.
	 */
	next(): List | null {
		return this.g.command1();
	}

	/** The line number the parser has reached. */
	get line(): number {
		return this.src.line;
	}
}

/** Parses a whole script (all its commands); for tests and tools. */
export function parseAll(source: string, options: ParserOptions = {}): List[] {
	const p = new Parser(source, options);
	const out: List[] = [];
	for (let l = p.next(); l !== null; l = p.next()) out.push(l);
	return out;
}

function takeLeak(from: Lexer): LeakedToken | null {
	const leak = from.leak;
	from.leak = null;
	return leak;
}

const SUB: SubParsers = {
	cmdsub(src: Source, from: Lexer): List {
		return new Grammar(src, SUB, takeLeak(from)).cmdsub();
	},
	backquote(text: string, from: Lexer): List {
		return new Grammar(new Source(text, 1, false), SUB, takeLeak(from)).backquote();
	},
};
