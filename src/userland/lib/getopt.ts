/**
 * Option parsing as glibc's getopt_long() does it for GNU tools: short
 * option clusters (-abc, -n5, -n 5), long options with unique-prefix
 * abbreviation (--lines=5, --lines 5), "--" ending options, and argument
 * permutation (options after operands count) unless the option string
 * starts with "+" or POSIXLY_CORRECT is set. Error texts are glibc's.
 */

export type ArgKind = "none" | "required" | "optional";

export interface LongOpt {
	readonly name: string;
	readonly arg: ArgKind;
	/** What the option reports as its key (often its short equivalent). */
	readonly key: string;
}

export interface ParsedOpt {
	readonly key: string;
	readonly arg: string | null;
}

export type GetoptResult =
	| { readonly ok: true; readonly opts: ParsedOpt[]; readonly operands: string[] }
	/** `message` is the whole diagnostic line without its newline, e.g. "cat: invalid option -- 'z'". */
	| { readonly ok: false; readonly message: string };

/**
 * Parse `args` (argv without argv[0]). `shortopts` is getopt's string:
 * "n:" takes an argument, "n::" an optional one (only attached: -n5).
 */
export function getopt(
	prog: string,
	args: readonly string[],
	shortopts: string,
	longopts: readonly LongOpt[] = [],
	posixlyCorrect = false,
): GetoptResult {
	const inOrder = shortopts.startsWith("+") || posixlyCorrect;
	const spec = shortopts.replace(/^[+-]/, "");
	const opts: ParsedOpt[] = [];
	const operands: string[] = [];
	const fail = (message: string): GetoptResult => ({ ok: false, message: `${prog}: ${message}` });
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a === "--") {
			operands.push(...args.slice(i + 1));
			break;
		}
		if (a.startsWith("--") && longopts.length > 0) {
			const eq = a.indexOf("=");
			const name = a.slice(2, eq < 0 ? undefined : eq);
			const exact = longopts.find((o) => o.name === name);
			const matches =
				exact !== undefined ? [exact] : longopts.filter((o) => o.name.startsWith(name));
			const distinct = matches.filter(
				(o, k) => matches.findIndex((m) => m.key === o.key && m.arg === o.arg) === k,
			);
			if (distinct.length === 0)
				return fail(`unrecognized option '${a.slice(0, eq < 0 ? undefined : eq)}'`);
			if (distinct.length > 1) {
				const list = matches.map((o) => ` '--${o.name}'`).join("");
				return fail(
					`option '${a.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities:${list}`,
				);
			}
			const o = distinct[0]!;
			if (eq >= 0) {
				if (o.arg === "none") return fail(`option '--${o.name}' doesn't allow an argument`);
				opts.push({ key: o.key, arg: a.slice(eq + 1) });
			} else if (o.arg === "required") {
				if (i + 1 >= args.length) return fail(`option '--${o.name}' requires an argument`);
				opts.push({ key: o.key, arg: args[++i]! });
			} else {
				opts.push({ key: o.key, arg: null });
			}
			continue;
		}
		if (a.length < 2 || a[0] !== "-") {
			if (inOrder) {
				operands.push(...args.slice(i));
				break;
			}
			operands.push(a);
			continue;
		}
		for (let j = 1; j < a.length; j++) {
			const c = a[j]!;
			const at = c === ":" ? -1 : spec.indexOf(c);
			if (at < 0) return fail(`invalid option -- '${c}'`);
			const takes = spec[at + 1] === ":";
			const optional = takes && spec[at + 2] === ":";
			if (!takes) {
				opts.push({ key: c, arg: null });
				continue;
			}
			if (j + 1 < a.length) {
				opts.push({ key: c, arg: a.slice(j + 1) });
			} else if (optional) {
				opts.push({ key: c, arg: null });
			} else {
				if (i + 1 >= args.length) return fail(`option requires an argument -- '${c}'`);
				opts.push({ key: c, arg: args[++i]! });
			}
			break;
		}
	}
	return { ok: true, opts, operands };
}

/** The line GNU tools print after a usage error. */
export function tryHelp(prog: string): string {
	return `Try '${prog} --help' for more information.\n`;
}
