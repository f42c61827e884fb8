/**
 * Option parsing as glibc's getopt_long() does it (posix/getopt.c): short
 * option clusters (-abc, -n5, -n 5), long options with unique-prefix
 * abbreviation (--lines=5, --lines 5), "--" ending options, and argument
 * permutation (options after operands count) unless the option string
 * starts with "+" or POSIXLY_CORRECT is set. Error texts are glibc's.
 *
 * GetoptLong is the incremental state machine a C program drives with
 * next(); getopt() runs it to the end for the GNU tools that only want
 * the options and operands.
 */

// ------------------------------------------------------------------ the state machine

/** struct option: has_arg 0 (none), 1 (required), 2 (optional); `val` is what next() returns. */
export interface LongOption {
	readonly name: string;
	readonly hasArg: 0 | 1 | 2;
	readonly val: string;
}

/** What the C program's environment decides: where opterr's messages go, and POSIXLY_CORRECT. */
export interface GetoptEnv {
	/** stderr: one whole diagnostic line at a time, with its newline. */
	readonly error: (text: string) => void;
	/** POSIXLY_CORRECT is set: stop at the first operand, as with a "+" option string. */
	readonly posixlyCorrect: boolean;
}

/**
 * glibc's getopt_long() with opterr set: call next() until it returns -1;
 * it returns the option's character (or a long option's val), "?" after
 * an error (":" for a missing argument when the option string starts with
 * ":", which also silences the messages), or "\x01" with the operand in
 * optarg when the option string starts with "-" (RETURN_IN_ORDER).
 * Operands are permuted to the end unless the option string starts with
 * "+" or POSIXLY_CORRECT is set; `argv` is the permuted vector and
 * `optind` indexes it as in C. An empty `longopts` stands for C's NULL:
 * "--name" is then a cluster of short options. Not emulated: "W;" in the
 * option string and getopt_long_only().
 */
export class GetoptLong {
	readonly argv: string[];
	optind = 1;
	optarg: string | null = null;
	optopt = "";
	private readonly env: GetoptEnv;
	private readonly shortopts: string;
	private readonly longopts: readonly LongOption[];
	private readonly ordering: "permute" | "require" | "return";
	private readonly printErrors: boolean;
	/** __nextchar: the rest of the option element being scanned; null or "" between elements. */
	private nextchar: string | null = null;
	/** __first_nonopt, __last_nonopt: the operands skipped so far, argv[first..last). */
	private firstNonopt = 1;
	private lastNonopt = 1;

	constructor(
		argv: readonly string[],
		shortopts: string,
		longopts: readonly LongOption[],
		env: GetoptEnv,
	) {
		this.env = env;
		this.argv = [...argv];
		// _getopt_initialize(): the ordering prefix.
		let opts = shortopts;
		if (opts.startsWith("-")) {
			this.ordering = "return";
			opts = opts.slice(1);
		} else if (opts.startsWith("+")) {
			this.ordering = "require";
			opts = opts.slice(1);
		} else this.ordering = env.posixlyCorrect ? "require" : "permute";
		this.shortopts = opts;
		this.printErrors = !opts.startsWith(":");
		this.longopts = longopts;
	}

	/** argv[i] as C sees it: null at and past argc. */
	arg(i: number): string | null {
		return this.argv[i] ?? null;
	}

	private get prog(): string {
		return this.argv[0] ?? "";
	}

	private error(text: string): void {
		if (this.printErrors) this.env.error(`${this.prog}: ${text}\n`);
	}

	/** What a missing argument returns: ":" in the silent mode, else "?". */
	private get missingArg(): string {
		return this.printErrors ? "?" : ":";
	}

	/** NONOPTION_P: an operand is anything but "-x...". */
	private nonoption(i: number): boolean {
		const a = this.argv[i] as string;
		return a[0] !== "-" || a.length === 1;
	}

	/** exchange(): move the options scanned after the skipped operands in front of them. */
	private exchange(): void {
		const a = this.argv;
		const bottom = this.firstNonopt;
		const middle = this.lastNonopt;
		const top = this.optind;
		a.splice(bottom, top - bottom, ...a.slice(middle, top), ...a.slice(bottom, middle));
		this.firstNonopt += top - middle;
		this.lastNonopt = top;
	}

	/** _getopt_internal_r(): the next option, or -1 when there is none left. */
	next(): string | -1 {
		const argc = this.argv.length;
		this.optarg = null;
		if (argc < 1) return -1;
		if (this.nextchar === null || this.nextchar === "") {
			if (this.lastNonopt > this.optind) this.lastNonopt = this.optind;
			if (this.firstNonopt > this.optind) this.firstNonopt = this.optind;
			if (this.ordering === "permute") {
				if (this.firstNonopt !== this.lastNonopt && this.lastNonopt !== this.optind)
					this.exchange();
				else if (this.lastNonopt !== this.optind) this.firstNonopt = this.optind;
				while (this.optind < argc && this.nonoption(this.optind)) this.optind++;
				this.lastNonopt = this.optind;
			}
			// "--" ends the options; the operands skipped so far go before the rest.
			if (this.optind !== argc && this.argv[this.optind] === "--") {
				this.optind++;
				if (this.firstNonopt !== this.lastNonopt && this.lastNonopt !== this.optind)
					this.exchange();
				else if (this.firstNonopt === this.lastNonopt) this.firstNonopt = this.optind;
				this.lastNonopt = argc;
				this.optind = argc;
			}
			if (this.optind === argc) {
				if (this.firstNonopt !== this.lastNonopt) this.optind = this.firstNonopt;
				return -1;
			}
			if (this.nonoption(this.optind)) {
				if (this.ordering === "require") return -1;
				this.optarg = this.argv[this.optind++] as string;
				return "\x01";
			}
			const cur = this.argv[this.optind] as string;
			if (this.longopts.length > 0 && cur[1] === "-") {
				this.nextchar = cur.slice(2);
				return this.longOption("--");
			}
			this.nextchar = cur.slice(1);
		}
		// The next short option of the cluster.
		const nc = this.nextchar;
		const c = nc[0] as string;
		this.nextchar = nc.slice(1);
		const at = this.shortopts.indexOf(c);
		if (this.nextchar === "") this.optind++;
		if (at < 0 || c === ":" || c === ";") {
			this.error(`invalid option -- '${c}'`);
			this.optopt = c;
			return "?";
		}
		if (this.shortopts[at + 1] === ":") {
			if (this.shortopts[at + 2] === ":") {
				// Optional: only an attached argument counts.
				if (this.nextchar !== "") {
					this.optarg = this.nextchar;
					this.optind++;
				}
			} else if (this.nextchar !== "") {
				this.optarg = this.nextchar;
				this.optind++;
			} else if (this.optind === argc) {
				this.error(`option requires an argument -- '${c}'`);
				this.optopt = c;
				this.nextchar = null;
				return this.missingArg;
			} else this.optarg = this.argv[this.optind++] as string;
			this.nextchar = null;
		}
		return c;
	}

	/** process_long_option(): argv[optind] is "--" + nextchar. */
	private longOption(prefix: string): string {
		const nc = this.nextchar as string;
		const eq = nc.indexOf("=");
		const name = eq < 0 ? nc : nc.slice(0, eq);
		// A failed option is consumed whole; optind moves past it either way.
		this.nextchar = null;
		this.optind++;
		let found = this.longopts.find((o) => o.name === name);
		if (found === undefined) {
			// An abbreviation: the first option it starts, ambiguous when a later
			// one it also starts differs from that one in has_arg or val.
			const ambig = new Set<number>();
			for (const [i, p] of this.longopts.entries()) {
				if (!p.name.startsWith(name)) continue;
				if (found === undefined) {
					found = p;
					ambig.add(i);
				} else if (found.hasArg !== p.hasArg || found.val !== p.val) ambig.add(i);
			}
			if (ambig.size > 1) {
				const list = [...ambig].map((i) => ` '${prefix}${this.longopts[i]?.name}'`).join("");
				this.error(`option '${prefix}${nc}' is ambiguous; possibilities:${list}`);
				this.optopt = "";
				return "?";
			}
			if (found === undefined) {
				this.error(`unrecognized option '${prefix}${nc}'`);
				this.optopt = "";
				return "?";
			}
		}
		if (eq >= 0) {
			if (found.hasArg === 0) {
				this.error(`option '${prefix}${found.name}' doesn't allow an argument`);
				this.optopt = found.val;
				return "?";
			}
			this.optarg = nc.slice(eq + 1);
		} else if (found.hasArg === 1) {
			if (this.optind >= this.argv.length) {
				this.error(`option '${prefix}${found.name}' requires an argument`);
				this.optopt = found.val;
				return this.missingArg;
			}
			this.optarg = this.argv[this.optind++] as string;
		}
		return found.val;
	}
}

// ------------------------------------------------------------------ the whole command line at once

export type ArgKind = "none" | "required" | "optional";

/** A long option as the GNU tools declare it here (struct option by another name). */
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

const HAS_ARG = { none: 0, required: 1, optional: 2 } as const;

/**
 * A GNU tool's option loop: GetoptLong over `prog` and `args` (argv
 * without argv[0]) until -1, stopping at the first error it prints.
 * `operands` is what follows optind in the permuted argv. With a "-"
 * option string each operand comes back in order as an option "\x01".
 */
export function getopt(
	prog: string,
	args: readonly string[],
	shortopts: string,
	longopts: readonly LongOpt[] = [],
	posixlyCorrect = false,
): GetoptResult {
	let message: string | null = null;
	const g = new GetoptLong(
		[prog, ...args],
		shortopts,
		longopts.map((o) => ({ name: o.name, hasArg: HAS_ARG[o.arg], val: o.key })),
		{ error: (text) => (message ??= text.replace(/\n$/, "")), posixlyCorrect },
	);
	const opts: ParsedOpt[] = [];
	for (let c = g.next(); c !== -1; c = g.next()) {
		if (message !== null) return { ok: false, message };
		opts.push({ key: c, arg: g.optarg });
	}
	return { ok: true, opts, operands: g.argv.slice(g.optind) };
}

/** The line GNU tools print after a usage error. */
export function tryHelp(prog: string): string {
	return `Try '${prog} --help' for more information.\n`;
}
