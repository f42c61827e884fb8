/**
 * POSIX extended regular expressions (regcomp(REG_EXTENDED) as glibc
 * implements it) translated to JavaScript RegExps, with glibc's error
 * texts for the malformed ones. Bracket expressions with character
 * classes, intervals, the GNU escapes \w \W \s \S \b \B \< \> \` \',
 * and a literal ")" without "(" are handled; back-references are not.
 */

const CLASSES: Record<string, string> = {
	alpha: "A-Za-z",
	digit: "0-9",
	alnum: "0-9A-Za-z",
	upper: "A-Z",
	lower: "a-z",
	space: " \\t\\n\\r\\f\\v",
	blank: " \\t",
	punct: "!-\\/:-@\\[-`{-~",
	print: " -~",
	graph: "!-~",
	cntrl: "\\x00-\\x1f\\x7f",
	xdigit: "0-9A-Fa-f",
};

const GNU_ESCAPES: Record<string, string> = {
	w: "\\w",
	W: "\\W",
	s: "\\s",
	S: "\\S",
	b: "\\b",
	B: "\\B",
	"<": "\\b(?=\\w)",
	">": "\\b(?<=\\w)",
	"`": "^",
	"'": "$",
};

export type EreResult = { ok: true; regex: RegExp } | { ok: false; error: string };

function escapeJs(c: string): string {
	return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Compile `pattern`; `flags` are JavaScript RegExp flags ("i"). */
export function compileEre(pattern: string, flags = ""): EreResult {
	const fail = (error: string): EreResult => ({ ok: false, error });
	let out = "";
	let depth = 0;
	/** Whether what came last can take a repetition operator. */
	let atom = false;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i]!;
		if (c === "\\") {
			if (i + 1 >= pattern.length) return fail("Trailing backslash");
			const n = pattern[++i]!;
			out += GNU_ESCAPES[n] ?? escapeJs(n);
			atom = true;
			continue;
		}
		if (c === "[") {
			const r = bracket(pattern, i);
			if (r === null) return fail("Unmatched [, [^, [:, [., or [=");
			out += r.js;
			i = r.end;
			atom = true;
			continue;
		}
		if (c === "(") {
			depth++;
			out += "(";
			atom = false;
			continue;
		}
		if (c === ")") {
			if (depth === 0) {
				out += "\\)";
				atom = true;
				continue;
			}
			depth--;
			out += ")";
			atom = true;
			continue;
		}
		if (c === "|") {
			out += "|";
			atom = false;
			continue;
		}
		if (c === "*" || c === "+" || c === "?") {
			if (!atom) return fail("Invalid preceding regular expression");
			out += c;
			continue;
		}
		if (c === "{") {
			if (!atom) return fail("Invalid preceding regular expression");
			const m = /^\{([0-9]*)(,([0-9]*))?\}/.exec(pattern.slice(i));
			if (m === null) {
				return fail(pattern.indexOf("}", i) < 0 ? "Unmatched \\{" : "Invalid content of \\{\\}");
			}
			if (m[1] === "" && m[2] === undefined) return fail("Invalid content of \\{\\}");
			const lo = m[1] === "" ? "0" : m[1]!;
			out += m[2] === undefined ? `{${lo}}` : `{${lo},${m[3] ?? ""}}`;
			i += m[0].length - 1;
			continue;
		}
		if (c === "^" || c === "$" || c === ".") {
			out += c;
			atom = c === ".";
			continue;
		}
		out += escapeJs(c);
		atom = true;
	}
	if (depth > 0) return fail("Unmatched ( or \\(");
	try {
		return { ok: true, regex: new RegExp(out, flags) };
	} catch {
		return fail("Invalid regular expression");
	}
}

/** A bracket expression starting at `start` ("["): its JS class and where it ends. */
function bracket(p: string, start: number): { js: string; end: number } | null {
	let i = start + 1;
	let js = "[";
	if (p[i] === "^") {
		js += "^";
		i++;
	}
	let first = true;
	for (; i < p.length; i++) {
		const c = p[i]!;
		if (c === "]" && !first) return { js: `${js}]`, end: i };
		first = false;
		if (c === "[" && (p[i + 1] === ":" || p[i + 1] === "." || p[i + 1] === "=")) {
			const kind = p[i + 1]!;
			const close = p.indexOf(`${kind}]`, i + 2);
			if (close < 0) return null;
			const name = p.slice(i + 2, close);
			if (kind === ":") {
				const cls = CLASSES[name];
				if (cls === undefined) return null;
				js += cls;
			} else {
				js += [...name].map((x) => `\\x${x.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
			}
			i = close + 1;
			continue;
		}
		js += c === "\\" || c === "[" || c === "]" || c === "^" ? `\\${c}` : c;
	}
	return null;
}
