/**
 * The syntax tree of a POSIX shell program (the grammar of XCU 2.10, with
 * dash's extensions where dash accepts more). The parser builds it, the
 * interpreter walks it. Every command carries the line it starts on, which
 * is $LINENO and the number in error messages ("sh: 3: ...").
 */

/** A piece of a word, before expansion. */
export type WordPart =
	/** Unquoted text; may hold glob characters, field splitting does not apply to it. */
	| { readonly type: "lit"; readonly text: string }
	/** '...': literal. */
	| { readonly type: "sq"; readonly text: string }
	/** A backslash-escaped character outside quotes, or inside "..." before $ ` " \ (literal). */
	| { readonly type: "esc"; readonly text: string }
	/** "...": its parts are lit (literal here), esc, param, cmdsub, arith. */
	| { readonly type: "dq"; readonly parts: readonly WordPart[] }
	| ParamPart
	/** $(...) or `...`. */
	| { readonly type: "cmdsub"; readonly body: List; readonly backquote: boolean }
	/** $((...)): the expression is expanded (params, cmdsub, quotes removed) then evaluated. */
	| { readonly type: "arith"; readonly expr: Word }
	/** ~ or ~user at the start of a word (or after = and : in an assignment). */
	| { readonly type: "tilde"; readonly user: string }
	/**
	 * A malformed ${...} such as ${1x}, ${x!} or ${#x-}: dash parses it and
	 * fails with "Bad substitution" (not a syntax error) only when the word
	 * is expanded, so `if false; then echo ${1x}; fi` runs fine.
	 */
	| { readonly type: "badsub" };

/**
 * ${...} and $name. `name` is a variable name, a positional parameter
 * ("1", "10") or a special parameter (@ * # ? - $ ! 0).
 *
 * op:
 * - null: plain ${name}
 * - "-" "=" "?" "+": with `colon` true for :- := :? :+
 * - "#len": ${#name}
 * - "%" "%%" "#" "##": suffix/prefix removal; `word` is the pattern
 */
export interface ParamPart {
	readonly type: "param";
	readonly name: string;
	readonly op: ParamOp | null;
	readonly colon: boolean;
	/**
	 * The word after the operator (null for plain and #len); may be empty.
	 * One oddity: dash reads ${name:}word} as op null, colon true, with a
	 * word (it takes the first brace as the operator).
	 */
	readonly word: Word | null;
}

export type ParamOp = "-" | "=" | "?" | "+" | "#len" | "%" | "%%" | "#" | "##";

export interface Word {
	readonly parts: readonly WordPart[];
}

export type RedirOp =
	| "<"
	| ">"
	| ">|"
	| ">>"
	| "<>"
	/** N<&M, N<&- */
	| "<&"
	/** N>&M, N>&- */
	| ">&"
	| "<<"
	| "<<-";

export interface Redir {
	/** The explicit descriptor (2>), or null for the operator's default (0 or 1). */
	readonly fd: number | null;
	readonly op: RedirOp;
	/** The file, the descriptor after <& / >&, or for here-documents the delimiter as written. */
	readonly target: Word;
	/** Here-documents only: the body (lines up to the delimiter, each with its newline). */
	readonly heredoc?: HereDoc;
}

export interface HereDoc {
	/**
	 * The body. With an unquoted delimiter it is parsed like the inside of
	 * "..." (parameters, $(...), backquotes, and \ before $ ` \ newline);
	 * with a quoted one it is a single "sq" part. For <<- leading tabs are
	 * already stripped.
	 */
	readonly body: Word;
	readonly quoted: boolean;
}

export interface Assign {
	readonly name: string;
	readonly value: Word;
}

export interface SimpleCommand {
	readonly type: "simple";
	readonly line: number;
	readonly assigns: readonly Assign[];
	readonly words: readonly Word[];
	readonly redirs: readonly Redir[];
}

export interface Subshell {
	readonly type: "subshell";
	readonly line: number;
	readonly body: List;
	readonly redirs: readonly Redir[];
}

export interface Group {
	readonly type: "group";
	readonly line: number;
	readonly body: List;
	readonly redirs: readonly Redir[];
}

export interface If {
	readonly type: "if";
	readonly line: number;
	/** if/elif branches in order. */
	readonly clauses: readonly { readonly cond: List; readonly body: List }[];
	readonly orElse: List | null;
	readonly redirs: readonly Redir[];
}

export interface For {
	readonly type: "for";
	readonly line: number;
	readonly name: string;
	/** null when there is no `in` ("$@"). */
	readonly words: readonly Word[] | null;
	readonly body: List;
	readonly redirs: readonly Redir[];
}

export interface Loop {
	/** while or until. */
	readonly type: "while" | "until";
	readonly line: number;
	readonly cond: List;
	readonly body: List;
	readonly redirs: readonly Redir[];
}

export interface CaseItem {
	readonly patterns: readonly Word[];
	/** null for an empty body. */
	readonly body: List | null;
	/** `;&` (dash extension): fall through into the next item's body. */
	readonly fallthrough: boolean;
}

export interface Case {
	readonly type: "case";
	readonly line: number;
	readonly word: Word;
	readonly items: readonly CaseItem[];
	readonly redirs: readonly Redir[];
}

export interface FuncDef {
	readonly type: "funcdef";
	readonly line: number;
	readonly name: string;
	/** A compound command (with its own redirections). */
	readonly body: Command;
}

export type Command = SimpleCommand | Subshell | Group | If | For | Loop | Case | FuncDef;

export interface Pipeline {
	readonly type: "pipeline";
	readonly line: number;
	/** Leading `!`. */
	readonly bang: boolean;
	readonly commands: readonly Command[];
}

export interface AndOr {
	readonly type: "andor";
	readonly line: number;
	readonly first: Pipeline;
	readonly rest: readonly { readonly op: "&&" | "||"; readonly pipeline: Pipeline }[];
}

export interface ListItem {
	readonly andor: AndOr;
	/** Terminated by `&`. */
	readonly background: boolean;
}

export interface List {
	readonly type: "list";
	readonly items: readonly ListItem[];
}
