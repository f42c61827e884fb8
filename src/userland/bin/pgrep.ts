/**
 * pgrep (procps-ng 4.0.2): pgrep [-flavcnoxi] [-d DELIM] [-P PPIDS] [-s SIDS]
 * [-g PGRPS] [-u EUIDS] [-U UIDS] [-G GIDS] [-r STATES] [PATTERN]
 *
 * PATTERN is an extended regular expression matched against the process
 * name (comm), or with -f against the command line. pgrep never lists
 * itself. Exit status 0 when something matched, 1 when nothing did, 2 for
 * usage errors.
 */

import { compileEre } from "../lib/ere.ts";
import { getopt, type LongOpt } from "../lib/getopt.ts";
import { UserDb } from "../lib/passwd.ts";
import { argsText, bootTimeNs, listPids, type ProcInfo, readProc } from "../lib/procinfo.ts";
import { baseName, PROCPS, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

const LONG: LongOpt[] = [
	{ name: "delimiter", arg: "required", key: "d" },
	{ name: "list-name", arg: "none", key: "l" },
	{ name: "list-full", arg: "none", key: "a" },
	{ name: "inverse", arg: "none", key: "v" },
	{ name: "lightweight", arg: "none", key: "w" },
	{ name: "count", arg: "none", key: "c" },
	{ name: "full", arg: "none", key: "f" },
	{ name: "pgroup", arg: "required", key: "g" },
	{ name: "group", arg: "required", key: "G" },
	{ name: "ignore-case", arg: "none", key: "i" },
	{ name: "newest", arg: "none", key: "n" },
	{ name: "oldest", arg: "none", key: "o" },
	{ name: "parent", arg: "required", key: "P" },
	{ name: "session", arg: "required", key: "s" },
	{ name: "terminal", arg: "required", key: "t" },
	{ name: "euid", arg: "required", key: "u" },
	{ name: "uid", arg: "required", key: "U" },
	{ name: "exact", arg: "none", key: "x" },
	{ name: "runstates", arg: "required", key: "r" },
	{ name: "ignore-ancestors", arg: "none", key: "A" },
	{ name: "help", arg: "none", key: "h" },
	{ name: "version", arg: "none", key: "V" },
];

function usage(name: string): string {
	return `
Usage:
 ${name} [options] <pattern>

Options:
 -d, --delimiter <string>  specify output delimiter
 -l, --list-name           list PID and process name
 -a, --list-full           list PID and full command line
 -v, --inverse             negates the matching
 -w, --lightweight         list all TID
 -c, --count               count of matching processes
 -f, --full                use full process name to match
 -g, --pgroup <PGID,...>   match listed process group IDs
 -G, --group <GID,...>     match real group IDs
 -i, --ignore-case         match case insensitively
 -n, --newest              select most recently started
 -o, --oldest              select least recently started
 -O, --older <seconds>     select where older than seconds
 -P, --parent <PPID,...>   match only child processes of the given parent
 -s, --session <SID,...>   match session IDs
 -t, --terminal <tty,...>  match by controlling terminal
 -u, --euid <ID,...>       match by effective IDs
 -U, --uid <ID,...>        match by real IDs
 -x, --exact               match exactly with the command name
 -F, --pidfile <file>      read PIDs from file
 -L, --logpidfile          fail if PID file is not locked
 -r, --runstates <state>   match runstates [D,S,Z,...]
 -A, --ignore-ancestors    exclude our ancestors from results
 --cgroup <grp,...>        match by cgroup v2 names
 --ns <PID>                match the processes that belong to the same
                           namespace as <pid>
 --nslist <ns,...>         list which namespaces will be considered for
                           the --ns option.
                           Available namespaces: ipc, mnt, net, pid, user, uts

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see ${name}(1).
`;
}

interface Criteria {
	ppids: number[] | null;
	sids: number[] | null;
	pgrps: number[] | null;
	euids: number[] | null;
	ruids: number[] | null;
	rgids: number[] | null;
	states: string | null;
}

export function* main(ctx: ProgramContext): Run<number> {
	const name = baseName(ctx.argv[0] ?? "pgrep");
	const t = new Tool(ctx, name);
	const parsed = getopt(name, t.args, "lad:vwcfg:G:inoP:s:t:u:U:xr:AhV", LONG);
	if (!parsed.ok) {
		yield* t.errText(`${parsed.message}\n${usage(name)}`);
		return 2;
	}
	let delim = "\n";
	let list: "none" | "name" | "full" = "none";
	let negate = false;
	let count = false;
	let full = false;
	let ignoreCase = false;
	let pick: "all" | "newest" | "oldest" = "all";
	let exact = false;
	let ignoreAncestors = false;
	const crit: Criteria = {
		ppids: null,
		sids: null,
		pgrps: null,
		euids: null,
		ruids: null,
		rgids: null,
		states: null,
	};
	const db = yield* UserDb.load(t.sys);
	const numbers = (text: string, zeroIs: number | null): number[] | string => {
		const out: number[] = [];
		for (const part of text.split(",")) {
			if (!/^[0-9]+$/.test(part)) return `not a number: ${part}`;
			const n = Number(part);
			out.push(n === 0 && zeroIs !== null ? zeroIs : n);
		}
		return out;
	};
	const ids = (text: string, kind: "user" | "group"): number[] | string => {
		const out: number[] = [];
		for (const part of text.split(",")) {
			const e = kind === "user" ? db.userByName(part) : db.groupByName(part);
			if (e !== null) out.push("uid" in e ? e.uid : e.gid);
			else if (/^[0-9]+$/.test(part)) out.push(Number(part));
			else return `invalid ${kind} name: ${part}`;
		}
		return out;
	};
	for (const o of parsed.opts) {
		let r: number[] | string | null = null;
		switch (o.key) {
			case "d":
				delim = o.arg!;
				break;
			case "l":
				list = "name";
				break;
			case "a":
				list = "full";
				break;
			case "v":
				negate = true;
				break;
			case "c":
				count = true;
				break;
			case "f":
				full = true;
				break;
			case "i":
				ignoreCase = true;
				break;
			case "n":
				pick = "newest";
				break;
			case "o":
				pick = "oldest";
				break;
			case "x":
				exact = true;
				break;
			case "A":
				ignoreAncestors = true;
				break;
			case "r":
				crit.states = o.arg!;
				break;
			case "P":
				r = numbers(o.arg!, null);
				if (typeof r !== "string") crit.ppids = r;
				break;
			case "s":
				r = numbers(o.arg!, t.sys.kernel.getsid(t.sys.task, 0));
				if (typeof r !== "string") crit.sids = r;
				break;
			case "g":
				r = numbers(o.arg!, t.sys.kernel.getpgid(t.sys.task, 0));
				if (typeof r !== "string") crit.pgrps = r;
				break;
			case "u":
				r = ids(o.arg!, "user");
				if (typeof r !== "string") crit.euids = r;
				break;
			case "U":
				r = ids(o.arg!, "user");
				if (typeof r !== "string") crit.ruids = r;
				break;
			case "G":
				r = ids(o.arg!, "group");
				if (typeof r !== "string") crit.rgids = r;
				break;
			case "h":
				yield* t.print(usage(name));
				return yield* t.finish(0);
			case "V":
				yield* t.print(`${name} ${PROCPS}\n`);
				return yield* t.finish(0);
		}
		if (typeof r === "string") {
			yield* t.warn(r);
			return 2;
		}
	}
	if (parsed.operands.length > 1) {
		yield* t.warn("only one pattern can be provided");
		yield* t.errText(`Try \`${name} --help' for more information.\n`);
		return 2;
	}
	const pattern = parsed.operands[0] ?? null;
	const anyCriteria = Object.values(crit).some((v) => v !== null);
	if (pattern === null && !anyCriteria) {
		yield* t.warn("no matching criteria specified");
		yield* t.errText(`Try \`${name} --help' for more information.\n`);
		return 2;
	}
	let regex: RegExp | null = null;
	if (pattern !== null) {
		const c = compileEre(exact ? `^(${pattern})$` : pattern, ignoreCase ? "i" : "");
		if (!c.ok) {
			yield* t.warn(`regex error: ${c.error}`);
			return 2;
		}
		regex = c.regex;
		if (!full && pattern.length > 15) {
			yield* t.warn(
				"pattern that searches for process name longer than 15 characters will result in zero matches",
			);
			yield* t.errText(`Try \`${name} -f' option to match against the complete command line.\n`);
		}
	}
	const sys = t.sys;
	const bootNs = yield* bootTimeNs(sys);
	const self = sys.pid;
	const ancestors = new Set<number>();
	if (ignoreAncestors) {
		for (let p = yield* readProc(sys, self, bootNs); p !== null && p.ppid > 0; ) {
			ancestors.add(p.ppid);
			p = yield* readProc(sys, p.ppid, bootNs);
		}
	}
	let matches: ProcInfo[] = [];
	for (const pid of listPids(sys)) {
		if (pid === self || ancestors.has(pid)) continue;
		const p = yield* readProc(sys, pid, bootNs);
		if (p === null) continue;
		let ok =
			(crit.ppids === null || crit.ppids.includes(p.ppid)) &&
			(crit.sids === null || crit.sids.includes(p.sid)) &&
			(crit.pgrps === null || crit.pgrps.includes(p.pgid)) &&
			(crit.euids === null || crit.euids.includes(p.euid)) &&
			(crit.ruids === null || crit.ruids.includes(p.uid)) &&
			(crit.rgids === null || crit.rgids.includes(p.gid)) &&
			(crit.states === null || crit.states.includes(p.state));
		if (ok && regex !== null) {
			const subject =
				full && p.cmdline !== null && p.cmdline.length > 0
					? p.cmdline.join(" ")
					: full
						? argsText(p)
						: p.comm;
			ok = regex.test(subject);
		}
		if (ok !== negate) matches.push(p);
	}
	if (pick !== "all" && matches.length > 0) {
		const sorted = [...matches].sort((a, b) => a.startNs - b.startNs || a.pid - b.pid);
		matches = [pick === "newest" ? sorted[sorted.length - 1]! : sorted[0]!];
	}
	if (count) {
		yield* t.print(`${matches.length}\n`);
	} else if (matches.length > 0) {
		const items = matches.map((p) =>
			list === "name"
				? `${p.pid} ${p.comm}`
				: list === "full"
					? `${p.pid} ${argsText(p)}`
					: String(p.pid),
		);
		yield* t.print(`${items.join(delim)}\n`);
	}
	return yield* t.finish(matches.length > 0 ? 0 : 1);
}
