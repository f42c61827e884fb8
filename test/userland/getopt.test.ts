/**
 * glibc's getopt_long() (lib/getopt.ts): the GetoptLong state machine
 * step by step against traces and messages taken from glibc 2.36, and the
 * batch getopt() the GNU tools use against driving GetoptLong by hand.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	GetoptLong,
	getopt,
	type LongOpt,
	type LongOption,
	tryHelp,
} from "../../src/userland/lib/getopt.ts";

/** name/has_arg/val: abbreviations of "a", "be" and "g" are ambiguous in different ways. */
const LONGS: readonly LongOption[] =
	"all/0/a alpha/1/b also/0/a beta/2/c bet/0/x beta-x/1/b gam/0/a gamma/0/y gammb/0/a"
		.split(" ")
		.map((spec) => {
			const [name = "", hasArg, val = ""] = spec.split("/");
			return { name, hasArg: Number(hasArg) as 0 | 1 | 2, val };
		});
const KIND = ["none", "required", "optional"] as const;
const LONGOPTS: readonly LongOpt[] = LONGS.map((o) => ({
	name: o.name,
	arg: KIND[o.hasArg],
	key: o.val,
}));

/** One step as a C loop prints it: what stderr got, then c, optarg, optind, optopt. */
type Step = [string, string | -1, string | null, number, string];

/** Run `shortopts` over prog + args to -1; the steps, the final optind and argv. */
function drive(
	args: readonly string[],
	shortopts: string,
	longopts: readonly LongOption[] = LONGS,
	posixlyCorrect = false,
): { steps: Step[]; argv: string[] } {
	let err = "";
	const g = new GetoptLong(["prog", ...args], shortopts, longopts, {
		error: (t) => (err += t),
		posixlyCorrect,
	});
	const steps: Step[] = [];
	for (;;) {
		const c = g.next();
		steps.push([err, c, g.optarg, g.optind, g.optopt]);
		err = "";
		if (c === -1) return { steps, argv: g.argv };
	}
}

describe("GetoptLong: glibc's getopt_long() step by step", () => {
	it("permutes operands after the options, keeps '--' and what follows it in order", () => {
		const r = drive(["x", "-b", "1", "y", "-ac5", "--al=1", "z", "--", "-a", "w"], "ab:c::");
		assert.deepEqual(r.steps, [
			["", "b", "1", 4, ""],
			["", "a", null, 5, ""],
			["", "c", "5", 6, ""],
			["prog: option '--al=1' is ambiguous; possibilities: '--all' '--alpha'\n", "?", null, 7, ""],
			["", -1, null, 6, ""],
		]);
		assert.deepEqual(r.argv, ["prog", "-b", "1", "-ac5", "--al=1", "--", "x", "y", "z", "-a", "w"]);
	});

	it("prints glibc's messages, with the '=argument' where glibc keeps it", () => {
		const cases: [string[], string, string][] = [
			[["--a"], "prog: option '--a' is ambiguous; possibilities: '--all' '--alpha'\n", ""],
			[["--a=q"], "prog: option '--a=q' is ambiguous; possibilities: '--all' '--alpha'\n", ""],
			// gammb is like gam (the first match), so it is not a possibility.
			[["--g"], "prog: option '--g' is ambiguous; possibilities: '--gam' '--gamma'\n", ""],
			[
				["--="],
				"prog: option '--=' is ambiguous; possibilities: '--all' '--alpha' '--beta' '--bet' '--beta-x' '--gamma'\n",
				"",
			],
			[["--nope=1"], "prog: unrecognized option '--nope=1'\n", ""],
			[["--all=2"], "prog: option '--all' doesn't allow an argument\n", "a"],
			[["--alpha"], "prog: option '--alpha' requires an argument\n", "b"],
			[["-b"], "prog: option requires an argument -- 'b'\n", "b"],
			[["-d"], "prog: invalid option -- 'd'\n", "d"],
			[["-:"], "prog: invalid option -- ':'\n", ":"],
		];
		for (const [args, message, optopt] of cases) {
			const r = drive(args, "ab:c::");
			assert.deepEqual(
				r.steps,
				[
					[message, "?", null, 2, optopt],
					["", -1, null, 2, optopt],
				],
				args.join(" "),
			);
		}
	});

	it("optional arguments are attached only; abbreviations and exact names", () => {
		const r = drive(["--beta", "x", "--beta=z", "-c", "y", "-cY"], "ab:c::");
		assert.deepEqual(
			r.steps.map((s) => [s[1], s[2], s[3]]),
			[
				["c", null, 2],
				["c", "z", 4],
				["c", null, 5],
				["c", "Y", 7],
				[-1, null, 5],
			],
		);
		assert.deepEqual(r.argv.slice(5), ["x", "y"]);
		// "--bet" is exact (not ambiguous with beta); "--beta-" abbreviates beta-x.
		const e = drive(["--bet", "--beta-"], "ab:c::");
		assert.deepEqual(e.steps, [
			["", "x", null, 2, ""],
			["prog: option '--beta-x' requires an argument\n", "?", null, 3, "b"],
			["", -1, null, 3, "b"],
		]);
		// A required argument is the next element whatever it looks like.
		assert.deepEqual(drive(["--alp", "--"], "ab:c::").steps[0], ["", "b", "--", 3, ""]);
	});

	it('"-" is an operand; "+" and POSIXLY_CORRECT stop at the first operand', () => {
		const dash = drive(["-", "-a"], "ab:c::");
		assert.deepEqual(
			dash.steps.map((s) => s[1]),
			["a", -1],
		);
		assert.deepEqual(dash.argv.slice(dash.steps.at(-1)?.[3]), ["-"]);
		for (const [shortopts, posix] of [
			["+ab:c::", false],
			["ab:c::", true],
		] as const) {
			const r = drive(["-a", "x", "-a"], shortopts, LONGS, posix);
			assert.deepEqual(r.steps, [
				["", "a", null, 2, ""],
				["", -1, null, 2, ""],
			]);
			assert.deepEqual(r.argv, ["prog", "-a", "x", "-a"]);
		}
	});

	it('"-" returns operands in order as "\\x01", even under POSIXLY_CORRECT', () => {
		assert.deepEqual(drive(["-a", "x", "--", "-a"], "-ab:c::").steps, [
			["", "a", null, 2, ""],
			["", "\x01", "x", 3, ""],
			["", -1, null, 4, ""],
		]);
		assert.deepEqual(drive(["-a", "x", "-a"], "-ab:c::", LONGS, true).steps, [
			["", "a", null, 2, ""],
			["", "\x01", "x", 3, ""],
			["", "a", null, 4, ""],
			["", -1, null, 4, ""],
		]);
	});

	it('a leading ":" silences the messages and returns ":" for a missing argument', () => {
		assert.deepEqual(drive(["-b", "--alpha", "-d", "--nope"], ":ab:c::").steps, [
			["", "b", "--alpha", 3, ""],
			["", "?", null, 4, "d"],
			["", "?", null, 5, ""],
			["", -1, null, 5, ""],
		]);
		assert.deepEqual(drive(["-b"], ":ab:c::").steps[0], ["", ":", null, 2, "b"]);
		assert.deepEqual(drive(["--alpha"], ":ab:c::").steps[0], ["", ":", null, 2, "b"]);
	});

	it("without long options (C's NULL) --name is a cluster of short options", () => {
		const r = drive(["--all", "--", "x"], "ab:c::", []);
		assert.deepEqual(r.steps, [
			["prog: invalid option -- '-'\n", "?", null, 1, "-"],
			["", "a", null, 1, "-"],
			["prog: invalid option -- 'l'\n", "?", null, 1, "l"],
			["prog: invalid option -- 'l'\n", "?", null, 2, "l"],
			["", -1, null, 3, "l"],
		]);
		assert.deepEqual(r.argv, ["prog", "--all", "--", "x"]);
	});
});

describe("getopt(): the batch loop", () => {
	it("returns the first message without its newline, operands after optind", () => {
		assert.deepEqual(getopt("prog", ["x", "--nope=1", "-d"], "ab:c::", LONGOPTS), {
			ok: false,
			message: "prog: unrecognized option '--nope=1'",
		});
		assert.deepEqual(getopt("prog", ["x", "-ab", "1", "y", "--", "-c"], "ab:c::", LONGOPTS), {
			ok: true,
			opts: [
				{ key: "a", arg: null },
				{ key: "b", arg: "1" },
			],
			operands: ["x", "y", "-c"],
		});
		assert.deepEqual(getopt("prog", ["-a", "x", "-c"], "ab:c::", LONGOPTS, true), {
			ok: true,
			opts: [{ key: "a", arg: null }],
			operands: ["x", "-c"],
		});
		assert.equal(tryHelp("cat"), "Try 'cat --help' for more information.\n");
	});

	const ARGS =
		"-a -b -bX -c -cY -ac -ba -d - -- x y --all --alpha=v --alpha --al --a=q --be --bet --g --nope=1 --all=2".split(
			" ",
		);
	const argvArb = fc.array(fc.constantFrom(...ARGS), { maxLength: 8 });
	const shortArb = fc.constantFrom("ab:c::", "+ab:c::", "-ab:c::");

	it("agrees with driving GetoptLong by hand as a C program does", () => {
		fc.assert(
			fc.property(argvArb, shortArb, fc.boolean(), (args, shortopts, posix) => {
				let err = "";
				const g = new GetoptLong(["prog", ...args], shortopts, LONGS, {
					error: (t) => (err += t),
					posixlyCorrect: posix,
				});
				let want: unknown;
				const opts: { key: string; arg: string | null }[] = [];
				for (let c = g.next(); ; c = g.next()) {
					if (err !== "") {
						want = { ok: false, message: err.slice(0, -1) };
						break;
					}
					if (c === -1) {
						want = { ok: true, opts, operands: g.argv.slice(g.optind) };
						break;
					}
					opts.push({ key: c, arg: g.optarg });
				}
				assert.deepEqual(getopt("prog", args, shortopts, LONGOPTS, posix), want);
			}),
		);
	});

	it("agrees with a direct left-to-right reading of the arguments", () => {
		// Options that never fail, so the reading needs no error handling.
		const safe = "-a -bX -c -cY -ac - -- x y --all --alpha=v --bet --beta=z".split(" ");
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...safe), { maxLength: 10 }),
				fc.boolean(),
				(args, inOrder) => {
					const opts: { key: string; arg: string | null }[] = [];
					const operands: string[] = [];
					for (let i = 0; i < args.length; i++) {
						const a = args[i] as string;
						if (a === "--" || ((a === "-" || !a.startsWith("-")) && inOrder)) {
							operands.push(...args.slice(a === "--" ? i + 1 : i));
							break;
						}
						if (a === "-" || !a.startsWith("-")) operands.push(a);
						else if (a === "--all") opts.push({ key: "a", arg: null });
						else if (a === "--alpha=v") opts.push({ key: "b", arg: "v" });
						else if (a === "--bet") opts.push({ key: "x", arg: null });
						else if (a === "--beta=z") opts.push({ key: "c", arg: "z" });
						else if (a === "-ac") opts.push({ key: "a", arg: null }, { key: "c", arg: null });
						else opts.push({ key: a[1] as string, arg: a.length > 2 ? a.slice(2) : null });
					}
					assert.deepEqual(getopt("prog", args, inOrder ? "+ab:c::" : "ab:c::", LONGOPTS), {
						ok: true,
						opts,
						operands,
					});
				},
			),
		);
	});

	it("the permuted argv is a permutation of the arguments", () => {
		fc.assert(
			fc.property(argvArb, shortArb, fc.boolean(), (args, shortopts, posix) => {
				const g = new GetoptLong(["prog", ...args], shortopts, LONGS, {
					error: () => {},
					posixlyCorrect: posix,
				});
				while (g.next() !== -1);
				assert.deepEqual([...g.argv].sort(), ["prog", ...args].sort());
				assert.ok(g.optind >= 1 && g.optind <= g.argv.length);
			}),
		);
	});
});
