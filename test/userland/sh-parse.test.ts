// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell source, ${...} included
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import fc from "fast-check";
import type {
	Command,
	List,
	ParamOp,
	Redir,
	SimpleCommand,
	Word,
	WordPart,
} from "../../src/userland/sh/ast.ts";
import {
	declarationWord,
	NeedMoreInput,
	Parser,
	parseAll,
	ShSyntaxError,
} from "../../src/userland/sh/parse.ts";

// --- builders -------------------------------------------------------------

const lit = (text: string): WordPart => ({ type: "lit", text });
const sq = (text: string): WordPart => ({ type: "sq", text });
const esc = (text: string): WordPart => ({ type: "esc", text });
const dq = (...parts: WordPart[]): WordPart => ({ type: "dq", parts });
const tilde = (user: string): WordPart => ({ type: "tilde", user });
const badsub: WordPart = { type: "badsub" };
const w = (...parts: WordPart[]): Word => ({ parts });
const W = (text: string): Word => w(lit(text));
function param(
	name: string,
	op: ParamOp | null = null,
	colon = false,
	word: Word | null = null,
): WordPart {
	return { type: "param", name, op, colon, word };
}
const arith = (...parts: WordPart[]): WordPart => ({ type: "arith", expr: w(...parts) });
const cmdsub = (body: List, backquote = false): WordPart => ({ type: "cmdsub", body, backquote });

function simple(
	line: number,
	words: (string | Word)[],
	more: Partial<Pick<SimpleCommand, "assigns" | "redirs">> = {},
): SimpleCommand {
	return {
		type: "simple",
		line,
		assigns: more.assigns ?? [],
		words: words.map((x) => (typeof x === "string" ? W(x) : x)),
		redirs: more.redirs ?? [],
	};
}

/** A list of and-or lists of one single-command pipeline each. */
function seq(...cmds: (Command | [Command, "&"])[]): List {
	return {
		type: "list",
		items: cmds.map((c) => {
			const [cmd, bg] = Array.isArray(c) ? c : [c, null];
			return {
				andor: {
					type: "andor",
					line: cmd.line,
					first: { type: "pipeline", line: cmd.line, bang: false, commands: [cmd] },
					rest: [],
				},
				background: bg === "&",
			};
		}),
	};
}

function redir(op: Redir["op"], target: string | Word, fd: number | null = null): Redir {
	return { fd, op, target: typeof target === "string" ? W(target) : target };
}

// --- helpers --------------------------------------------------------------

/** The only command of a one-command source. */
function only(src: string): Command {
	const lists = parseAll(src);
	assert.equal(lists.length, 1, "one complete command");
	const items = lists[0]!.items;
	assert.equal(items.length, 1);
	assert.equal(items[0]!.andor.rest.length, 0);
	const cmds = items[0]!.andor.first.commands;
	assert.equal(cmds.length, 1);
	return cmds[0]!;
}

/** The words of a simple command, without the command name. */
function args(src: string): readonly Word[] {
	const c = only(src);
	assert.equal(c.type, "simple");
	return (c as SimpleCommand).words.slice(1);
}

/** The one word `text` parses to, as the argument of a command. */
function arg(text: string): Word {
	const a = args(`: ${text}`);
	assert.equal(a.length, 1, `one argument in ${JSON.stringify(text)}`);
	return a[0]!;
}

function syntaxError(src: string): { line: number; detail: string } {
	try {
		parseAll(src);
	} catch (e) {
		if (e instanceof ShSyntaxError) {
			assert.equal(e.message, `Syntax error: ${e.detail}`);
			return { line: e.line, detail: e.detail };
		}
		throw e;
	}
	assert.fail(`no syntax error in ${JSON.stringify(src)}`);
}

// --- tests ----------------------------------------------------------------

describe("sh parser: commands", () => {
	it("parses a simple command with assignments, words and redirections in any order", () => {
		assert.deepEqual(parseAll("a=1 >out b=2 cmd x=3 2>&1 arg <in &\n"), [
			seq([
				simple(1, ["cmd", "x=3", "arg"], {
					assigns: [
						{ name: "a", value: W("1") },
						{ name: "b", value: W("2") },
					],
					redirs: [redir(">", "out"), redir(">&", "1", 2), redir("<", "in")],
				}),
				"&",
			]),
		]);
	});

	it("only unquoted NAME= before the command name is an assignment", () => {
		const c = only(`"a"=1 b\\=2 c=`) as SimpleCommand;
		assert.deepEqual(c.assigns, []);
		assert.deepEqual(c.words, [
			w(dq(lit("a")), lit("=1")),
			w(lit("b"), esc("="), lit("2")),
			W("c="),
		]);
		const d = only("x= y=a=b 1a=2") as SimpleCommand;
		assert.deepEqual(d.assigns, [
			{ name: "x", value: w() },
			{ name: "y", value: W("a=b") },
		]);
		assert.deepEqual(d.words, [W("1a=2")]);
	});

	it("builds pipelines, and-or lists and sequences", () => {
		const [l] = parseAll("! a | b && c || d; e & f\n");
		assert.equal(l!.items.length, 3);
		const ao = l!.items[0]!.andor;
		assert.equal(ao.first.bang, true);
		assert.deepEqual(ao.first.commands, [simple(1, ["a"]), simple(1, ["b"])]);
		assert.deepEqual(
			ao.rest.map((r) => [r.op, r.pipeline.commands]),
			[
				["&&", [simple(1, ["c"])]],
				["||", [simple(1, ["d"])]],
			],
		);
		assert.deepEqual(
			l!.items.map((i) => i.background),
			[false, true, false],
		);
	});

	it("continues pipelines and and-or lists over newlines and comments", () => {
		const [l] = parseAll("a &&\n\n# note\n b |\n c\n");
		assert.deepEqual(l!.items[0]!.andor.rest[0]!.pipeline.commands, [
			simple(4, ["b"]),
			simple(5, ["c"]),
		]);
	});

	it("parses if/elif/else with the line each command starts on", () => {
		assert.deepEqual(only("if a\nthen b\nelif c; then d\nelse e\nfi >f"), {
			type: "if",
			line: 1,
			clauses: [
				{ cond: seq(simple(1, ["a"])), body: seq(simple(2, ["b"])) },
				{ cond: seq(simple(3, ["c"])), body: seq(simple(3, ["d"])) },
			],
			orElse: seq(simple(4, ["e"])),
			redirs: [redir(">", "f")],
		});
	});

	it("parses the for loop forms", () => {
		const body = seq(simple(1, ["b"]));
		const loop = (words: Word[] | null, line = 1) => ({
			type: "for",
			line,
			name: "x",
			words,
			body: { ...body, items: body.items.map((i) => i) },
			redirs: [],
		});
		assert.deepEqual(only("for x; do b; done"), loop(null));
		assert.deepEqual(only("for x do b; done"), loop(null));
		assert.deepEqual(only("for x in; do b; done"), loop([]));
		assert.deepEqual(only("for x in do done in; do b; done"), loop([W("do"), W("done"), W("in")]));
		const multi = only("for x\nin a b\ndo\n  c\ndone");
		assert.equal(multi.type, "for");
		if (multi.type === "for") {
			assert.deepEqual(multi.words, [W("a"), W("b")]);
			assert.deepEqual(multi.body, seq(simple(4, ["c"])));
		}
	});

	it("parses while and until", () => {
		assert.deepEqual(only("while a; b; do c; done"), {
			type: "while",
			line: 1,
			cond: seq(simple(1, ["a"]), simple(1, ["b"])),
			body: seq(simple(1, ["c"])),
			redirs: [],
		});
		assert.equal(only("until a; do c; done").type, "until");
	});

	it("parses case: alternatives, leading (, empty bodies, a last item without ;;", () => {
		assert.deepEqual(only("case $v in\n(a|b) x;;\n c) ;;\n *) y\nesac"), {
			type: "case",
			line: 1,
			word: w(param("v")),
			items: [
				{ patterns: [W("a"), W("b")], body: seq(simple(2, ["x"])), fallthrough: false },
				{ patterns: [W("c")], body: null, fallthrough: false },
				{ patterns: [W("*")], body: seq(simple(4, ["y"])), fallthrough: false },
			],
			redirs: [],
		});
		assert.deepEqual(only("case a in esac"), {
			type: "case",
			line: 1,
			word: W("a"),
			items: [],
			redirs: [],
		});
	});

	it("takes reserved words as case patterns and subjects", () => {
		const c = only("case esac in in|if) x;; (esac) y;; esac");
		assert.equal(c.type, "case");
		if (c.type === "case") {
			assert.deepEqual(c.word, W("esac"));
			assert.deepEqual(
				c.items.map((i) => i.patterns),
				[[W("in"), W("if")], [W("esac")]],
			);
		}
	});

	it("like dash, takes the last word read as the pattern of a non-word token", () => {
		const c = only("case in in ;;) x;; esac");
		assert.equal(c.type, "case");
		if (c.type === "case") assert.deepEqual(c.items[0]!.patterns, [W("in")]);
	});

	it("parses groups and subshells with redirections", () => {
		assert.deepEqual(only("{ a; b\n} 2>/dev/null"), {
			type: "group",
			line: 1,
			body: seq(simple(1, ["a"]), simple(1, ["b"])),
			redirs: [redir(">", "/dev/null", 2)],
		});
		assert.deepEqual(only("((a) )"), {
			type: "subshell",
			line: 1,
			body: seq({ type: "subshell", line: 1, body: seq(simple(1, ["a"])), redirs: [] }),
			redirs: [],
		});
	});

	it("parses function definitions, with any command as the body", () => {
		assert.deepEqual(only("f ( )\n{ a; } >log"), {
			type: "funcdef",
			line: 1,
			name: "f",
			// dash takes the line before reading the body's first token
			body: { type: "group", line: 1, body: seq(simple(2, ["a"])), redirs: [redir(">", "log")] },
		});
		const g = only("g() echo hi");
		assert.equal(g.type, "funcdef");
		if (g.type === "funcdef") assert.deepEqual(g.body, simple(1, ["echo", "hi"]));
	});

	it("recognises reserved words only in command position", () => {
		assert.deepEqual(args("echo if then fi { } !"), ["if", "then", "fi", "{", "}", "!"].map(W));
		assert.deepEqual(
			only("x=1 if"),
			simple(1, ["if"], { assigns: [{ name: "x", value: W("1") }] }),
		);
		assert.deepEqual(only('"if"'), simple(1, [w(dq(lit("if")))]));
		assert.equal(only("i\\\nf true; then :; f\\\ni").type, "if");
	});

	it("takes a single digit right before < or > as the descriptor", () => {
		const c = only(
			"cmd 2>e 10>f 0<&- 3<>g 1>|h 4>>i a2>j \\5>k 9<<-E\n\tbody\n\tE",
		) as SimpleCommand;
		assert.deepEqual(c.words, [W("cmd"), W("10"), W("a2"), w(esc("5"))]);
		assert.deepEqual(
			c.redirs.map((r) => [r.fd, r.op, r.target]),
			[
				[2, ">", W("e")],
				[null, ">", W("f")],
				[0, "<&", W("-")],
				[3, "<>", W("g")],
				[1, ">|", W("h")],
				[4, ">>", W("i")],
				[null, ">", W("j")],
				[null, ">", W("k")],
				[9, "<<-", W("E")],
			],
		);
	});

	it("joins operators and words across line continuations", () => {
		assert.deepEqual(parseAll("ec\\\nho a &\\\n& b >\\\n> f"), [
			{
				type: "list",
				items: [
					{
						andor: {
							type: "andor",
							line: 2,
							first: {
								type: "pipeline",
								line: 2,
								bang: false,
								commands: [simple(2, ["echo", "a"])],
							},
							rest: [
								{
									op: "&&",
									pipeline: {
										type: "pipeline",
										line: 3,
										bang: false,
										commands: [simple(3, ["b"], { redirs: [redir(">>", "f")] })],
									},
								},
							],
						},
						background: false,
					},
				],
			},
		]);
	});
});

describe("sh parser: words", () => {
	it("keeps what quoting means: lit, sq, esc, dq", () => {
		assert.deepEqual(arg(`a'b c'\\ d"e $x \\$ \\a \\" \\\\ \\\`"f`), {
			parts: [
				lit("a"),
				sq("b c"),
				esc(" "),
				lit("d"),
				dq(
					lit("e "),
					param("x"),
					lit(" "),
					esc("$"),
					lit(" \\a "),
					esc('"'),
					lit(" "),
					esc("\\"),
					lit(" "),
					esc("`"),
				),
				lit("f"),
			],
		});
		assert.deepEqual(arg(`'a\\'`), w(sq("a\\")));
		assert.deepEqual(arg(`""`), w(dq()));
		assert.deepEqual(arg(`a\\`), W("a\\"));
		assert.deepEqual(arg(`a#b`), W("a#b"));
		assert.deepEqual(args(": a #b"), [W("a")]);
	});

	it("removes backslash-newline outside single quotes", () => {
		assert.deepEqual(arg(`a\\\nb"c\\\nd"'e\\\nf'`), w(lit("ab"), dq(lit("cd")), sq("e\\\nf")));
	});

	it("parses parameters: special, positional, names", () => {
		assert.deepEqual(arg(`$@$*$#$?$-$$$!$0$1$10\${10}$a_1b$`), {
			parts: [
				param("@"),
				param("*"),
				param("#"),
				param("?"),
				param("-"),
				param("$"),
				param("!"),
				param("0"),
				param("1"),
				param("1"),
				lit("0"),
				param("10"),
				param("a_1b"),
				lit("$"),
			],
		});
		assert.deepEqual(args(": $% $} a$ $"), [W("$%"), W("$}"), W("a$"), W("$")]);
		assert.deepEqual(arg(`$"a"`), w(lit("$"), dq(lit("a"))));
	});

	it("parses every ${...} operator", () => {
		const x = (op: ParamOp | null, colon: boolean, word: Word | null) =>
			w(param("x", op, colon, word));
		assert.deepEqual(arg("${x}"), x(null, false, null));
		for (const op of ["-", "=", "?", "+"] as const) {
			assert.deepEqual(arg(`\${x${op}a}`), x(op, false, W("a")));
			assert.deepEqual(arg(`\${x:${op}}`), x(op, true, w()));
		}
		for (const op of ["%", "%%", "#", "##"] as const)
			assert.deepEqual(arg(`\${x${op}a*}`), x(op, false, W("a*")));
		assert.deepEqual(arg("${#x}"), w(param("x", "#len")));
		assert.deepEqual(arg("${#10}"), w(param("10", "#len")));
	});

	it("reads ${#...} as dash does", () => {
		assert.deepEqual(arg("${#}"), w(param("#")));
		assert.deepEqual(arg("${##}"), w(param("#", "#len")));
		assert.deepEqual(arg("${#?}"), w(param("?", "#len")));
		assert.deepEqual(arg("${#-}"), w(param("-", "#len")));
		assert.deepEqual(arg("${#-x}"), w(param("#", "-", false, W("x"))));
		assert.deepEqual(arg("${###}"), w(param("#", "##", false, w())));
		assert.deepEqual(arg("${#:-x}"), w(param("#", "-", true, W("x"))));
	});

	it("keeps malformed ${...} for a Bad substitution at expansion time", () => {
		for (const src of [
			"${1x}",
			"${#x-}",
			"${x!}",
			"${!x}",
			"${x/a/b}",
			"${}",
			"${x:a}",
			"${#%}",
			"${x\n}",
		]) {
			assert.deepEqual(arg(src), w(badsub), JSON.stringify(src));
		}
		assert.deepEqual(arg(`\${x"}`), w(badsub));
		assert.equal(parseAll("if false; then echo ${1x}; fi; echo ok").length, 1);
	});

	it("reads ${x:}word} like dash: the brace is taken as the operator", () => {
		assert.deepEqual(arg("${x:}a}"), w(param("x", null, true, W("a"))));
	});

	it("reads the word of ${...} with its quotes, expansions and brace rules", () => {
		assert.deepEqual(arg(`\${x-a b'}'"}"\\}$(echo })\${y-}}}`), {
			parts: [
				param(
					"x",
					"-",
					false,
					w(
						lit("a b"),
						sq("}"),
						dq(lit("}")),
						esc("}"),
						cmdsub(seq(simple(1, ["echo", "}"]))),
						param("y", "-", false, w()),
					),
				),
				lit("}"),
			],
		});
		assert.deepEqual(arg("${x-{}}"), w(param("x", "-", false, W("{")), lit("}")));
	});

	it("in double quotes, reads -=?+ words as quoted and %# patterns as unquoted", () => {
		assert.deepEqual(
			arg(`"\${x-'a' "b" \\} \\a}"`),
			w(dq(param("x", "-", false, w(lit("'a' "), dq(lit("b")), lit(" "), esc("}"), lit(" \\a"))))),
		);
		assert.deepEqual(arg(`"\${x#'a'\\b}"`), w(dq(param("x", "#", false, w(sq("a"), esc("b"))))));
		assert.deepEqual(arg(`"\${x-"\\}"}"`), w(dq(param("x", "-", false, w(dq(esc("}")))))));
	});

	it("parses $(...) recursively, case patterns with ) included", () => {
		assert.deepEqual(
			arg("$(case a in a) echo ')';; esac)"),
			w(
				cmdsub(
					seq({
						type: "case",
						line: 1,
						word: W("a"),
						items: [
							{
								patterns: [W("a")],
								body: seq(simple(1, ["echo", w(sq(")"))])),
								fallthrough: false,
							},
						],
						redirs: [],
					}),
				),
			),
		);
		assert.deepEqual(
			arg('"$(echo "a b")"'),
			w(dq(cmdsub(seq(simple(1, ["echo", w(dq(lit("a b")))]))))),
		);
		assert.deepEqual(arg("$( )"), w(cmdsub({ type: "list", items: [] })));
	});

	it('applies the backquote backslash rules, and \\" only inside double quotes', () => {
		// the backquoted text is `echo \$x \\\\ \" \a`, its body: echo $x \\ \" \a
		assert.deepEqual(
			arg('`echo \\$x \\\\\\\\ \\" \\a`'),
			w(
				cmdsub(
					seq(simple(1, ["echo", w(param("x")), w(esc("\\")), w(esc('"')), w(esc("a"))])),
					true,
				),
			),
		);
		assert.deepEqual(
			arg('"`echo \\"a\\"`"'),
			w(dq(cmdsub(seq(simple(1, ["echo", w(dq(lit("a")))])), true))),
		);
		assert.deepEqual(
			arg("`echo \\`echo a\\``"),
			w(cmdsub(seq(simple(1, ["echo", w(cmdsub(seq(simple(1, ["echo", "a"])), true))])), true)),
		);
	});

	it("numbers the lines of backquoted commands from 1, as dash does", () => {
		const c = only("\n\necho `\nfoo`") as SimpleCommand;
		const part = c.words[1]!.parts[0]!;
		assert.equal(part.type, "cmdsub");
		if (part.type === "cmdsub") assert.equal(part.body.items[0]!.andor.line, 2);
		assert.equal(c.line, 3);
	});

	it("like dash, ignores what follows a backquoted list's closing token", () => {
		assert.deepEqual(arg("`a; fi; b`"), w(cmdsub(seq(simple(1, ["a"])), true)));
	});

	it("parses $((...)) as a word: quotes stay, expansions nest, lone ) is text", () => {
		assert.deepEqual(arg(`$((1 + "2" * '$x' - \${y:-3} + $(a) + $((4)) + (5) \\$ \\( ))`), {
			parts: [
				arith(
					lit(`1 + "2" * '`),
					param("x"),
					lit("' - "),
					param("y", "-", true, W("3")),
					lit(" + "),
					cmdsub(seq(simple(1, ["a"]))),
					lit(" + "),
					arith(lit("4")),
					lit(" + (5) "),
					esc("$"),
					lit(" \\( "),
				),
			],
		});
		assert.deepEqual(arg("$(( 1 ) ))"), w(arith(lit(" 1 ) "))));
		assert.deepEqual(arg("$((a\n+\\\nb))"), w(arith(lit("a\n+b"))));
	});

	it("marks tilde prefixes at the start of words and in assignments", () => {
		assert.deepEqual(arg("~"), w(tilde("")));
		assert.deepEqual(arg("~root/a~"), w(tilde("root"), lit("/a~")));
		for (const src of ['~"root"', "~r\\oot", "~$u", "a~", "\\~", "'~'"])
			assert.equal(arg(src).parts[0]!.type === "tilde", false, src);
		assert.deepEqual(arg("x=~"), W("x=~"));
		assert.deepEqual(
			(only("x=~:~/a:a~:~b:~'c' y") as SimpleCommand).assigns[0]!.value,
			w(tilde(""), lit(":"), tilde(""), lit("/a:a~:"), tilde("b"), lit(":~"), sq("c")),
		);
		assert.deepEqual(arg("${x-~/a}"), w(param("x", "-", false, w(tilde(""), lit("/a")))));
		assert.deepEqual(arg('"${x-~}"'), w(dq(param("x", "-", false, W("~")))));
	});

	it("gives export-style arguments assignment tildes on request", () => {
		assert.deepEqual(declarationWord(W("y=a:~")), w(lit("y=a:"), tilde("")));
		assert.deepEqual(declarationWord(W("y=~/b")), w(lit("y="), tilde(""), lit("/b")));
		assert.deepEqual(declarationWord(w(dq(lit("q")), lit("=~"))), w(dq(lit("q")), lit("=~")));
		assert.deepEqual(declarationWord(W("-p")), W("-p"));
	});
});

describe("sh parser: here-documents", () => {
	function heredocs(src: string): Redir[] {
		const out: Redir[] = [];
		for (const l of parseAll(src)) {
			for (const it of l.items) {
				for (const c of it.andor.first.commands)
					if (c.type === "simple") out.push(...c.redirs.filter((r) => r.heredoc));
			}
		}
		return out;
	}

	it("reads bodies after the line, several on one line, in order", () => {
		const [a, b] = heredocs("cat <<A <<-'B'; echo x\n$v \\$ \\\" \\a\\\nb\nA\n\t$v\n\tB\n");
		assert.deepEqual(a, {
			fd: null,
			op: "<<",
			target: W("A"),
			heredoc: { quoted: false, body: w(param("v"), lit(" "), esc("$"), lit(' \\" \\ab\n')) },
		});
		assert.deepEqual(b, {
			fd: null,
			op: "<<-",
			target: w(sq("B")),
			heredoc: { quoted: true, body: w(sq("$v\n")) },
		});
	});

	it("treats any quoting of the delimiter as quoted, and $ and ` in it as plain", () => {
		for (const [src, target] of [
			["cat <<a\\b\n$x\nab\n", w(lit("a"), esc("b"))],
			['cat <<"a"b\n$x\nab\n', w(dq(lit("a")), lit("b"))],
			['cat <<"a\\$b"\n$x\na$b\n', w(dq(lit("a"), esc("$"), lit("b")))],
		] as const) {
			assert.deepEqual(heredocs(src)[0]!.target, target);
			assert.deepEqual(heredocs(src)[0]!.heredoc, { quoted: true, body: w(sq("$x\n")) });
		}
		assert.deepEqual(heredocs("cat <<$x`y`\nbody\n$x`y`\n")[0]!.heredoc, {
			quoted: false,
			body: W("body\n"),
		});
		assert.deepEqual(syntaxError("cat <<$(x)\n"), { line: 1, detail: '"(" unexpected' });
	});

	it("checks the delimiter only at the start of real lines", () => {
		assert.deepEqual(heredocs("cat <<E\na\\\nE\nE\n")[0]!.heredoc!.body, W("aE\n"));
		assert.deepEqual(heredocs("cat <<E\n\\\nE\necho\n")[0]!.heredoc!.body, w());
		assert.deepEqual(heredocs("cat <<-E\n\tx\\\n\ty\n\tE\n")[0]!.heredoc!.body, W("x\ty\n"));
		assert.deepEqual(heredocs("cat <<-E\n\t\\\nE\nE\n")[0]!.heredoc!.body, W("\\\nE\n"));
	});

	it("parses command substitutions in bodies and here-documents inside them", () => {
		const [r] = heredocs("cat <<A\n$(cat <<B\ninner\nB\n)\nA\n");
		const part = r!.heredoc!.body.parts[0]!;
		assert.equal(part.type, "cmdsub");
		if (part.type === "cmdsub") {
			const inner = part.body.items[0]!.andor.first.commands[0] as SimpleCommand;
			assert.deepEqual(inner.redirs[0]!.heredoc, { quoted: false, body: W("inner\n") });
		}
	});

	it("reads bodies where dash does: not after the newline ending for's words", () => {
		assert.deepEqual(syntaxError("cat <<E; for x in a b\nhello\nE\ndo echo $x; done"), {
			line: 2,
			detail: 'word unexpected (expecting "do")',
		});
		const [h] = heredocs("cat <<E; for x in a b\ndo echo $x; done\nhello\nE\n");
		assert.deepEqual(h!.heredoc!.body, W("hello\n"));
	});

	it("ends with the input, and leaves bodies empty when $(...) closes first", () => {
		assert.deepEqual(heredocs("cat <<E\nabc")[0]!.heredoc!.body, W("abc"));
		assert.deepEqual(heredocs("cat <<E")[0]!.heredoc!.body, w());
		const lists = parseAll("echo $(cat <<E) b\nx\nE\n");
		assert.equal(lists.length, 3);
	});
});

describe("sh parser: one complete command at a time", () => {
	it("returns each command up to a top-level newline and leaves the rest unread", () => {
		const p = new Parser("\n# comment\na; b &\nif x\nthen y\nfi; c\nfi\n", { startLine: 10 });
		assert.deepEqual(p.next(), seq(simple(12, ["a"]), [simple(12, ["b"]), "&"]));
		assert.equal(p.line, 13);
		const second = p.next()!;
		assert.deepEqual(
			second.items.map((i) => i.andor.first.commands[0]!.type),
			["if", "simple"],
		);
		assert.equal(p.line, 16);
		assert.throws(
			() => p.next(),
			(e: unknown) => e instanceof ShSyntaxError && e.line === 16 && e.detail === '"fi" unexpected',
		);
	});

	it("returns null at the end, also after blank lines", () => {
		const p = new Parser("a\n\n\n");
		assert.notEqual(p.next(), null);
		assert.equal(p.next(), null);
		assert.equal(p.next(), null);
		assert.equal(new Parser("").next(), null);
	});

	it("gives each command the line dash reports for it", () => {
		const src = [
			"a",
			"b \\",
			" x",
			"c\\",
			"d",
			'"e',
			'f"',
			">g h",
			"i | \\",
			"j",
			"case \\",
			"k in esac",
		].join("\n");
		const lines = parseAll(src).map((l) => l.items[0]!.andor.first.commands.map((c) => c.line));
		assert.deepEqual(lines, [[1], [2], [5], [7], [8], [9, 10], [11]]);
	});
});

describe("sh parser: syntax errors (dash 0.5.12 text and line)", () => {
	/** Source, then the line and text dash -n reports. */
	const ERRORS: [string, number, string][] = [
		["if true; then fi", 1, '"fi" unexpected'],
		["if", 1, 'end of file unexpected (expecting "then")'],
		["fi", 1, '"fi" unexpected'],
		["then", 1, '"then" unexpected'],
		["done", 1, '"done" unexpected'],
		["esac", 1, '"esac" unexpected'],
		["}", 1, '"}" unexpected'],
		[")", 1, '")" unexpected'],
		[";", 1, '";" unexpected'],
		[";;", 1, '";;" unexpected'],
		["&", 1, '"&" unexpected'],
		["&&", 1, '"&&" unexpected'],
		["|", 1, '"|" unexpected'],
		["! ! true", 1, '"!" unexpected'],
		["true | ! false", 1, '"!" unexpected'],
		['echo "abc', 1, "Unterminated quoted string"],
		["echo 'abc", 1, "Unterminated quoted string"],
		["echo $(", 1, 'end of file unexpected (expecting ")")'],
		["echo ${", 1, "Missing '}'"],
		["echo ${x", 1, "Missing '}'"],
		["echo $((1+2)", 1, "Missing '))'"],
		["echo $((1+2) )", 1, "Missing '))'"],
		["echo `", 1, "EOF in backquote substitution"],
		["( )", 1, '")" unexpected'],
		["{ }", 1, '"}" unexpected'],
		["(echo", 1, 'end of file unexpected (expecting ")")'],
		["for", 1, "Bad for loop variable"],
		["for 1 in a; do :; done", 1, "Bad for loop variable"],
		['for "i" in a; do :; done', 1, "Bad for loop variable"],
		["for x in a b", 1, "end of file unexpected"],
		["for i in a; echo; done", 1, 'word unexpected (expecting "do")'],
		["for i ; ; do echo; done", 1, '";" unexpected (expecting "do")'],
		["case", 1, "end of file unexpected (expecting word)"],
		["case a", 1, 'end of file unexpected (expecting "in")'],
		["case a b", 1, 'word unexpected (expecting "in")'],
		["case a in", 1, 'end of file unexpected (expecting ")")'],
		["case a in a", 1, 'end of file unexpected (expecting ")")'],
		["case a in a)", 1, 'end of file unexpected (expecting ";;")'],
		["case a in b) echo; fi", 1, '"fi" unexpected (expecting ";;")'],
		["case a in b c) esac", 1, 'word unexpected (expecting ")")'],
		["case a in a) echo 1;& esac", 1, '"&" unexpected'],
		["case a in ;; esac", 1, 'word unexpected (expecting ")")'],
		["case\na\nin", 2, "newline unexpected (expecting word)"],
		["while", 1, 'end of file unexpected (expecting "do")'],
		["until true", 1, 'end of file unexpected (expecting "do")'],
		["while true; do :; done done", 1, '"done" unexpected'],
		["{ echo a )", 1, '")" unexpected (expecting "}")'],
		["(echo a }", 1, 'end of file unexpected (expecting ")")'],
		["echo a )", 1, '")" unexpected'],
		["echo a & ;", 1, '";" unexpected'],
		["echo >", 1, "end of file unexpected"],
		["echo > ;", 1, '";" unexpected'],
		["cat <<<a", 1, "redirection unexpected"],
		["echo a > > x", 1, "redirection unexpected"],
		["x=1 f() { :; }", 1, '"(" unexpected'],
		["f a() { :; }", 1, '"(" unexpected'],
		["break() { :; }", 1, "Bad function name"],
		['"f"() { :; }', 1, "Bad function name"],
		["f-x() { :; }", 1, "Bad function name"],
		["f()", 1, "end of file unexpected"],
		["f() ! true", 1, '"!" unexpected'],
		["{ :; } { :; }", 1, '"{" unexpected'],
		["{ :; } echo", 1, "word unexpected"],
		["if true; then :; else :; else :; fi", 1, '"else" unexpected (expecting "fi")'],
		["if true; then :; elif true; fi", 1, '"fi" unexpected (expecting "then")'],
		["echo a\nif true\nthen\necho b\n", 5, 'end of file unexpected (expecting "fi")'],
		["echo a\nif true; then\necho b\nfi fi", 4, '"fi" unexpected'],
		["\n\necho $(\nif\n)", 5, '")" unexpected'],
		["\n\necho `\nif\n`", 3, 'end of file unexpected (expecting "then")'],
		["echo ${x\n\n", 2, "Missing '}'"],
		["echo ${x-\n\n", 3, "Missing '}'"],
		['echo "${x#a', 1, "Missing '}'"],
		['echo "${x-a', 1, "Unterminated quoted string"],
		["echo $((${x", 1, "Unterminated quoted string"],
		["cat <<E\n${x-\nE\n}\nE", 4, "Missing '}'"],
		["cat <<E\n$((1+\nE\n2))\nE", 4, "Missing '))'"],
		["echo $(cat <<E\nx\nE", 4, 'end of file unexpected (expecting ")")'],
		["echo a ;\\\n; echo b", 2, '";;" unexpected'],
		["echo $(echo a; fi)", 1, '"fi" unexpected (expecting ")")'],
		["echo $(if)", 1, '")" unexpected'],
		["echo $( ; )", 1, '";" unexpected'],
		["echo ` ; `", 1, '";" unexpected'],
		["cat <<E; for x in a b\nhello\nE\ndo echo $x; done", 2, 'word unexpected (expecting "do")'],
		["echo `cat <<E ) ${x`", 1, "Missing '}'"],
		["cat <<$(x)\na\n$(x)", 1, '"(" unexpected'],
		['echo $(( "1 ))" ))', 1, "Unterminated quoted string"],
		["case a in (\na) echo x;; esac", 2, 'word unexpected (expecting ")")'],
	];

	it("reports what dash reports", () => {
		for (const [src, line, detail] of ERRORS)
			assert.deepEqual(syntaxError(src), { line, detail }, JSON.stringify(src));
	});

	it("rejects ;& (dash 0.5.12 has no case fall-through)", () => {
		assert.deepEqual(syntaxError("case a in a) x;& b) y;; esac"), {
			line: 1,
			detail: '"&" unexpected',
		});
	});

	it("runs into a syntax error only when reaching the command that has it", () => {
		const p = new Parser("a\nb )\nc");
		assert.notEqual(p.next(), null);
		assert.throws(() => p.next(), ShSyntaxError);
	});
});

describe("sh parser: interactive input", () => {
	const more = (src: string) => () => new Parser(src, { interactive: true }).next();

	it("asks for more input when a command is unfinished", () => {
		for (const src of [
			"if true\n",
			"echo 'a\n",
			'echo "a\n',
			"echo a \\\n",
			"a &&\n",
			"a |\n",
			"cat <<E\nbody\n",
			"echo $(\n",
			"echo ${x-\n",
			"echo $((1+\n",
			// a lone ) is text in $((...)), a newline too: dash waits for more
			"echo $((1+2)\n",
			"echo `\n",
			"f()\n",
			"case x in\n",
		]) {
			assert.throws(more(src), NeedMoreInput, JSON.stringify(src));
		}
	});

	it("reports real errors at once", () => {
		for (const src of ["fi\n", "echo )\n", "for\n", "case x\ny\n"]) {
			assert.throws(more(src), ShSyntaxError, JSON.stringify(src));
		}
		assert.notEqual(new Parser("echo a\n", { interactive: true }).next(), null);
	});
});

describe("sh parser: properties", () => {
	/** Words made of parts that print unambiguously. */
	const safe = fc.stringMatching(/^[a-z0-9_.,:/=@%+-]{1,6}$/);
	const part: fc.Arbitrary<WordPart> = fc.oneof(
		safe.map(lit),
		fc.stringMatching(/^[^']{0,5}$/).map(sq),
		fc.constantFrom(" ", "$", "'", '"', "\\", "|", "&", ";", "*", "#", "~").map(esc),
		fc
			.array(
				fc.oneof(
					fc.stringMatching(/^[^"\\$`]{1,5}$/).map(lit),
					fc.constantFrom("$", "`", '"', "\\").map(esc),
					fc.constantFrom("a", "b_1", "@", "#", "1").map((n) => param(n)),
				),
				{ maxLength: 4 },
			)
			.map((ps) => dq(...merge(ps))),
		fc.constantFrom("a", "b_1", "@", "?", "9").map((n) => param(n)),
		fc
			.tuple(
				fc.constantFrom("-", "=", "?", "+", "%", "%%", "#", "##") as fc.Arbitrary<ParamOp>,
				fc.boolean(),
				fc.stringMatching(/^[a-z0-9_.,:/=@+-]{1,6}$/),
			)
			.map(([op, colon, t]) =>
				param("v", op, colon && op.length === 1 && !"%#".includes(op), W(t)),
			),
	);

	function merge(ps: WordPart[]): WordPart[] {
		const out: WordPart[] = [];
		for (const p of ps) {
			const last = out[out.length - 1];
			if (p.type === "lit" && last?.type === "lit") out[out.length - 1] = lit(last.text + p.text);
			else out.push(p);
		}
		return out;
	}

	function print(parts: readonly WordPart[], inDq = false): string {
		let s = "";
		for (const p of parts) {
			switch (p.type) {
				case "lit":
					s += p.text;
					break;
				case "sq":
					s += `'${p.text}'`;
					break;
				case "esc":
					s += `\\${p.text}`;
					break;
				case "dq":
					s += `"${print(p.parts, true)}"`;
					break;
				case "param":
					s +=
						p.op === null
							? `\${${p.name}}`
							: `\${${p.name}${p.colon ? ":" : ""}${p.op}${print(p.word!.parts, inDq)}}`;
					break;
				default:
					throw new Error(p.type);
			}
		}
		return s;
	}

	it("reparses printed words to the same parts", () => {
		fc.assert(
			fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (ps) => {
				const parts = merge(ps);
				const src = print(parts);
				assert.deepEqual(arg(src), w(...parts), src);
			}),
		);
	});

	it("next() reads exactly one complete command per line of simple commands", () => {
		const cmd = fc
			.array(
				fc.oneof(
					safe,
					safe.map((s) => `'${s} x'`),
					safe.map((s) => `"$${"{"}a}${s}"`),
				),
				{ minLength: 1, maxLength: 4 },
			)
			.map((ws) => ws.join(" "));
		const line = fc.array(cmd, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(" ; "));
		fc.assert(
			fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
				const p = new Parser(`${lines.join("\n")}\n`);
				for (let i = 0; i < lines.length; i++) {
					const l = p.next();
					assert.notEqual(l, null);
					assert.equal(l!.items.length, lines[i]!.split(" ; ").length);
					assert.equal(p.line, i + 2);
				}
				assert.equal(p.next(), null);
			}),
		);
	});

	const hasDash = spawnSync("dash", ["-c", ":"]).status === 0;

	it("agrees with dash -n on random token soup", {
		skip: !hasDash && "dash is not installed",
	}, () => {
		const frags = [
			"if ",
			"then ",
			"fi ",
			"for x ",
			"in ",
			"do ",
			"done ",
			"case ",
			"esac ",
			";;",
			";",
			"&",
			"&&",
			"||",
			"|",
			"(",
			")",
			"{ ",
			"}",
			"!",
			"\n",
			" ",
			"x",
			"a=1 ",
			"f()",
			"<<E",
			"\nE\n",
			">",
			"2>",
			'"',
			"'",
			"\\",
			"\\\n",
			"$",
			"${x",
			"}",
			"${x-",
			"${#",
			"$(",
			"$((",
			"))",
			"`",
			"~/",
			"# c\n",
		];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...frags), { minLength: 1, maxLength: 12 }), (fs) => {
				const src = fs.join("");
				let ours = "ok";
				try {
					parseAll(src);
				} catch (e) {
					if (!(e instanceof ShSyntaxError)) throw e;
					ours = `${e.line}: ${e.detail}`;
				}
				const r = spawnSync("dash", ["-n", "-c", "--", src], { encoding: "utf8" });
				const m = /: (\d+): Syntax error: (.*)\n/.exec(r.stderr);
				assert.equal(ours, m ? `${m[1]}: ${m[2]}` : "ok", JSON.stringify(src));
			}),
			{ numRuns: 150 },
		);
	});
});
