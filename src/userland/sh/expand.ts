/**
 * Word expansion (XCU 2.6) as dash does it: tilde, parameter, command and
 * arithmetic expansion, field splitting on IFS, pathname expansion and
 * quote removal. Unquoted expansion results are split and globbed; literal
 * text of the word is only globbed; quoted text is neither.
 */
import type { Run } from "../proc/types.ts";
import { evalArith } from "./arith.ts";
import type { List, ParamPart, Word, WordPart } from "./ast.ts";
import { hasGlob, type PatPiece, patternRegExp, removePrefix, removeSuffix } from "./pattern.ts";
import type { ShellState } from "./state.ts";

/** What expansion needs from the shell running it. */
export interface ExpandEnv {
	readonly state: ShellState;
	/** Run $(...) and return its output (trailing newlines included); sets the status. */
	commandSubst(body: List): Run<string>;
	/** A fatal expansion error ("x: parameter not set"): reported with the shell's prefix. */
	fail(message: string): never;
	/** The entries of a directory ("." and ".." included), or null when it cannot be read. */
	listDir(path: string): string[] | null;
	/** Does the path exist (lstat succeeds)? */
	exists(path: string): boolean;
	/** A user's home directory from /etc/passwd, or null. */
	homeOf(user: string): string | null;
}

/** Receives expansion output. */
interface Sink {
	/** Quoted text: no splitting, no globbing; even "" makes a field. */
	quoted(text: string): void;
	/** Literal unquoted text of the word: globbed, not split. */
	literal(text: string): void;
	/** An unquoted expansion result: split and globbed. */
	split(text: string): void;
	/** Between the fields of "$@". */
	fieldBreak(): void;
}

const DEFAULT_IFS = " \t\n";

class FieldSink implements Sink {
	readonly fields: PatPiece[][] = [];
	private cur: PatPiece[] = [];
	private started = false;
	private readonly ifs: string;
	private readonly ifsWs: string;

	constructor(ifs: string | null) {
		this.ifs = ifs ?? DEFAULT_IFS;
		let ws = "";
		for (const c of this.ifs) if (c === " " || c === "\t" || c === "\n") ws += c;
		this.ifsWs = ws;
	}

	private emit(): void {
		this.fields.push(this.cur);
		this.cur = [];
		this.started = false;
	}

	quoted(text: string): void {
		if (text.length > 0) this.cur.push({ text, active: false });
		this.started = true;
	}

	literal(text: string): void {
		if (text.length === 0) return;
		this.cur.push({ text, active: true });
		this.started = true;
	}

	split(text: string): void {
		const ifs = this.ifs;
		if (ifs.length === 0) {
			this.literal(text);
			return;
		}
		let run = "";
		let i = 0;
		while (i < text.length) {
			const c = text[i]!;
			if (!ifs.includes(c)) {
				run += c;
				i++;
				continue;
			}
			if (run.length > 0) {
				this.cur.push({ text: run, active: true });
				this.started = true;
				run = "";
			}
			// One delimiter: IFS white space around at most one other IFS character.
			let j = i;
			while (j < text.length && this.ifsWs.includes(text[j]!)) j++;
			let hard = false;
			if (j < text.length && ifs.includes(text[j]!) && !this.ifsWs.includes(text[j]!)) {
				hard = true;
				j++;
				while (j < text.length && this.ifsWs.includes(text[j]!)) j++;
			}
			if (this.started || hard) this.emit();
			i = j;
		}
		if (run.length > 0) {
			this.cur.push({ text: run, active: true });
			this.started = true;
		}
	}

	fieldBreak(): void {
		if (this.started) this.emit();
	}

	finish(): PatPiece[][] {
		if (this.started) this.emit();
		return this.fields;
	}
}

/** Concatenates everything (no splitting): assignments, here-documents, redirection targets. */
class StringSink implements Sink {
	text = "";
	private readonly sep: string;
	constructor(sep: string) {
		this.sep = sep;
	}
	quoted(text: string): void {
		this.text += text;
	}
	literal(text: string): void {
		this.text += text;
	}
	split(text: string): void {
		this.text += text;
	}
	fieldBreak(): void {
		this.text += this.sep;
	}
}

/** Keeps quotedness for pattern contexts (case, ${x#pattern}). */
class PatternSink implements Sink {
	readonly pieces: PatPiece[] = [];
	quoted(text: string): void {
		if (text.length > 0) this.pieces.push({ text, active: false });
	}
	literal(text: string): void {
		if (text.length > 0) this.pieces.push({ text, active: true });
	}
	split(text: string): void {
		this.literal(text);
	}
	fieldBreak(): void {
		this.literal(" ");
	}
}

function joinPieces(pieces: readonly PatPiece[]): string {
	let s = "";
	for (const p of pieces) s += p.text;
	return s;
}

/** A word that is one plain literal needs no expansion machinery. */
function plainLiteral(word: Word): string | null {
	const parts = word.parts;
	if (parts.length !== 1) return parts.length === 0 ? "" : null;
	const p = parts[0]!;
	if (p.type === "lit") return /[*?[]/.test(p.text) ? null : p.text;
	if (p.type === "sq" || p.type === "esc") return p.text;
	return null;
}

export class Expander {
	private readonly env: ExpandEnv;

	constructor(env: ExpandEnv) {
		this.env = env;
	}

	private get state(): ShellState {
		return this.env.state;
	}

	/** Full expansion of command words into fields. */
	*fields(words: readonly Word[]): Run<string[]> {
		const out: string[] = [];
		for (const w of words) {
			const lit = plainLiteral(w);
			if (lit !== null) {
				if (w.parts.length > 0) out.push(lit);
				continue;
			}
			const sink = new FieldSink(this.state.get("IFS"));
			yield* this.parts(w.parts, sink, false);
			for (const f of sink.finish()) {
				if (!this.state.options.has("f") && hasGlob(f)) {
					const matches = this.glob(f);
					if (matches.length > 0) {
						out.push(...matches);
						continue;
					}
				}
				out.push(joinPieces(f));
			}
		}
		return out;
	}

	/** Expansion without splitting or globbing (assignment values, here-docs, redirection targets). */
	*string(word: Word): Run<string> {
		const lit = plainLiteral(word);
		if (lit !== null) return lit;
		const sink = new StringSink(" ");
		yield* this.parts(word.parts, sink, false);
		return sink.text;
	}

	/** Expansion to a pattern (case items, ${x#...}). */
	*pattern(word: Word, quoted = false): Run<PatPiece[]> {
		const sink = new PatternSink();
		yield* this.parts(word.parts, sink, quoted);
		return sink.pieces;
	}

	/**
	 * Expand parts into the sink. `nested`: the word of an unquoted ${x-word},
	 * whose literal text is split like an expansion result.
	 */
	private *parts(
		parts: readonly WordPart[],
		sink: Sink,
		quoted: boolean,
		nested = false,
	): Run<void> {
		for (let i = 0; i < parts.length; i++) {
			const p = parts[i]!;
			switch (p.type) {
				case "lit":
					if (quoted) sink.quoted(p.text);
					else if (nested) sink.split(p.text);
					else sink.literal(p.text);
					break;
				case "sq":
				case "esc":
					sink.quoted(p.text);
					break;
				case "dq": {
					// "$@" alone makes no field at all when there are no positional parameters.
					const only = p.parts.length === 1 ? p.parts[0] : undefined;
					const atOnly = only?.type === "param" && only.name === "@" && only.op === null;
					if (!atOnly) sink.quoted("");
					yield* this.parts(p.parts, sink, true);
					break;
				}
				case "tilde": {
					const home = p.user === "" ? this.state.get("HOME") : this.env.homeOf(p.user);
					if (home === null) {
						if (quoted) sink.quoted(`~${p.user}`);
						else sink.literal(`~${p.user}`);
					} else sink.quoted(home);
					break;
				}
				case "param":
					yield* this.param(p, sink, quoted);
					break;
				case "badsub":
					throw this.env.fail("Bad substitution");
				case "cmdsub": {
					const out = yield* this.env.commandSubst(p.body);
					const text = out.replace(/\n+$/, "");
					if (quoted) sink.quoted(text);
					else sink.split(text);
					break;
				}
				case "arith": {
					const expr = yield* this.string(p.expr);
					const state = this.state;
					const value = evalArith(expr, {
						get: (name) => state.get(name),
						set: (name, v) => {
							if (!state.set(name, v)) this.env.fail(`${name}: is read only`);
						},
					});
					if (quoted) sink.quoted(value.toString());
					else sink.split(value.toString());
					break;
				}
			}
		}
	}

	/** The value of a parameter, or null when unset. "@" and "*" give the positional list. */
	private lookup(name: string): string | null {
		const st = this.state;
		switch (name) {
			case "#":
				return String(st.positional.length);
			case "?":
				return String(st.lastStatus);
			case "-":
				return st.flags;
			case "$":
				return String(st.rootPid);
			case "!":
				return st.lastBgPid === 0 ? null : String(st.lastBgPid);
			case "0":
				return st.arg0;
			case "@":
			case "*":
				return st.positional.length === 0 ? null : st.positional.join(" ");
		}
		const c = name.charCodeAt(0);
		if (c >= 48 && c <= 57) return st.positional[Number(name) - 1] ?? null;
		return st.get(name);
	}

	/** "$*" joined by the first IFS character. */
	private starJoin(): string {
		const ifs = this.state.get("IFS");
		const sep = ifs === null ? " " : ifs.slice(0, 1);
		return this.state.positional.join(sep);
	}

	private *param(p: ParamPart, sink: Sink, quoted: boolean): Run<void> {
		const name = p.name;
		const multi = name === "@" || name === "*";
		let value = this.lookup(name);
		const op = p.op;
		if (op === "#len") {
			if (value === null && !multi) this.checkUnset(name);
			const n = multi ? this.state.positional.length : (value ?? "").length;
			if (quoted) sink.quoted(String(n));
			else sink.split(String(n));
			return;
		}
		if (op === "-" || op === "=" || op === "?" || op === "+") {
			const isSet = value !== null && (!p.colon || (multi ? this.starJoin() !== "" : value !== ""));
			if (op === "+") {
				if (isSet && p.word !== null) yield* this.parts(p.word.parts, sink, quoted, !quoted);
				return;
			}
			if (!isSet) {
				if (op === "-") {
					if (p.word !== null) yield* this.parts(p.word.parts, sink, quoted, !quoted);
					else if (quoted) sink.quoted("");
					return;
				}
				const text = p.word === null ? "" : yield* this.string(p.word);
				if (op === "?") {
					const why = p.colon ? "parameter not set or null" : "parameter not set";
					this.env.fail(`${name}: ${text === "" ? why : text}`);
				}
				// "="
				if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) this.env.fail(`${name}: bad variable name`);
				if (!this.state.set(name, text)) this.env.fail(`${name}: is read only`);
				value = text;
				if (quoted) sink.quoted(value);
				else sink.split(value);
				return;
			}
		} else if (op === "%" || op === "%%" || op === "#" || op === "##") {
			if (value === null && !multi) this.checkUnset(name);
			const pat = p.word === null ? [] : yield* this.pattern(p.word, false);
			const longest = op === "%%" || op === "##";
			const apply = (s: string): string =>
				op === "#" || op === "##" ? removePrefix(s, pat, longest) : removeSuffix(s, pat, longest);
			if (multi) {
				this.emitPositional(name, sink, quoted, apply);
				return;
			}
			const r = apply(value ?? "");
			if (quoted) sink.quoted(r);
			else sink.split(r);
			return;
		} else if (value === null && !multi) {
			this.checkUnset(name);
		}
		if (multi) {
			this.emitPositional(name, sink, quoted, (s) => s);
			return;
		}
		if (quoted) sink.quoted(value ?? "");
		else if (value !== null) sink.split(value);
	}

	private emitPositional(
		name: string,
		sink: Sink,
		quoted: boolean,
		map: (s: string) => string,
	): void {
		const params = this.state.positional.map(map);
		if (quoted && name === "*") {
			const ifs = this.state.get("IFS");
			sink.quoted(params.join(ifs === null ? " " : ifs.slice(0, 1)));
			return;
		}
		for (let i = 0; i < params.length; i++) {
			if (i > 0) sink.fieldBreak();
			if (quoted) sink.quoted(params[i]!);
			else sink.split(params[i]!);
		}
	}

	private checkUnset(name: string): void {
		if (this.state.options.has("u")) this.env.fail(`${name}: parameter not set`);
	}

	/** Pathname expansion of one field; sorted matches, or none. */
	glob(pieces: readonly PatPiece[]): string[] {
		// Split the pattern into components at unquoted or quoted "/".
		const comps: PatPiece[][] = [[]];
		for (const p of pieces) {
			const segs = p.text.split("/");
			for (let k = 0; k < segs.length; k++) {
				if (k > 0) comps.push([]);
				if (segs[k]!.length > 0)
					comps[comps.length - 1]!.push({ text: segs[k]!, active: p.active });
			}
		}
		const absolute = comps.length > 1 && comps[0]!.length === 0;
		let paths: string[] = [absolute ? "/" : ""];
		const start = absolute ? 1 : 0;
		let globbed = false;
		for (let ci = start; ci < comps.length; ci++) {
			const comp = comps[ci]!;
			const last = ci === comps.length - 1;
			if (comp.length === 0) {
				// "a//b" or a trailing "/": keep the slash. After a matched
				// component, expmeta() goes on into each match as a
				// directory, so only directories stay.
				if (globbed) paths = paths.filter((p) => this.env.exists(`${p}/`));
				paths = paths.map((p) => (p === "/" ? p : `${p}/`));
				globbed = false;
				if (paths.length === 0) return [];
				continue;
			}
			globbed = hasGlob(comp);
			const next: string[] = [];
			if (!hasGlob(comp)) {
				const name = joinPieces(comp);
				for (const p of paths)
					next.push(p === "" ? name : p.endsWith("/") ? p + name : `${p}/${name}`);
				paths = last ? next.filter((p) => this.env.exists(p)) : next;
				continue;
			}
			const re = patternRegExp(comp, true);
			const dotOk = comp[0]!.text.startsWith(".");
			for (const p of paths) {
				const entries = this.env.listDir(p === "" ? "." : p);
				if (entries === null) continue;
				const matched = entries
					.filter((e) => (dotOk || !e.startsWith(".")) && re.test(e))
					.sort(byteCompare);
				for (const e of matched) next.push(p === "" ? e : p.endsWith("/") ? p + e : `${p}/${e}`);
			}
			paths = next;
			if (paths.length === 0) return [];
		}
		return paths.filter((p) => (p !== "" && p !== "/" ? true : p === "/")).sort(byteCompare);
	}
}

function byteCompare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
