/**
 * How GNU coreutils quote file names in the C locale (gnulib quotearg's
 * "shell-escape" styles): diagnostics quote every name ('x'), listings to a
 * terminal and some messages only names a shell would misread. Names are
 * byte strings; bytes outside printable ASCII are written as $'\ooo'.
 */

/** Bytes that force quoting anywhere in a name (shell metacharacters). */
const SHELL_SPECIAL = new Set([..." !\"$&'()*;<=>?[\\^`|"]);
/** Bytes that force quoting only at the start of a name. */
const SPECIAL_FIRST = new Set(["#", "~"]);
/** Bytes a name may hold and still be written in double quotes. */
const DOUBLE_QUOTE_SAFE = /^[A-Za-z0-9 %'+,\-./:@\]_]*$/;
const NAMED_ESCAPES: Record<number, string> = {
	7: "a",
	8: "b",
	9: "t",
	10: "n",
	11: "v",
	12: "f",
	13: "r",
};

function unprintable(code: number): boolean {
	return code < 0x20 || code >= 0x7f;
}

function escapeByte(code: number): string {
	return `\\${NAMED_ESCAPES[code] ?? code.toString(8).padStart(3, "0")}`;
}

/**
 * Quote `s` always (quoteaf(): "cannot access 'x'"). A name with an
 * apostrophe and nothing else special goes in double quotes; otherwise
 * single quotes, with $'...' for unprintable bytes.
 */
export function quoteAlways(s: string): string {
	if (s.length === 0) return "''";
	const hasApostrophe = s.includes("'");
	if (hasApostrophe && DOUBLE_QUOTE_SAFE.test(s)) return `"${s}"`;
	// The second pass gnulib makes after meeting an apostrophe starts in the
	// escape state the first pass ended in: a name ending in an escaped byte
	// gets an empty '' before its first plain character.
	let inEscape = hasApostrophe && unprintable(s.charCodeAt(s.length - 1));
	let out = "'";
	for (let i = 0; i < s.length; i++) {
		const code = s.charCodeAt(i);
		if (unprintable(code)) {
			if (!inEscape) {
				out += "'$'";
				inEscape = true;
			}
			out += escapeByte(code);
		} else if (code === 0x27) {
			out += "'\\''";
			inEscape = false;
		} else {
			if (inEscape) {
				out += "''";
				inEscape = false;
			}
			out += s[i];
		}
	}
	return `${out}'`;
}

/** Would a shell misread `s` as a word? (`colon`: also names with ':', as quotef() does). */
export function needsQuoting(s: string, colon = false): boolean {
	if (s.length === 0) return true;
	if (SPECIAL_FIRST.has(s[0]!)) return true;
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (SHELL_SPECIAL.has(c) || unprintable(s.charCodeAt(i))) return true;
		if (colon && c === ":") return true;
	}
	return false;
}

/** Quote `s` only when needed (quotef() with `colon`, ls to a terminal without). */
export function quoteIfNeeded(s: string, colon = false): string {
	return needsQuoting(s, colon) ? quoteAlways(s) : s;
}
