/**
 * kill (procps-ng 4.0.2): kill [-s SIGNAL | -SIGNAL] PID...,
 * kill -l [SIGNAL], kill -L.
 *
 * Signals by name (HUP, SIGHUP, hup; RTMIN[+n]) or number; -SIGNAL and
 * the options may come anywhere, "-N" that is no signal is the process
 * group N. Failures are "kill: (PID): <strerror>" and exit status 1.
 *
 * Deviation: procps misparses "-N" for N of 100 and more (kill -100 sends
 * SIGTERM to pid -1, every process); here it is the process group -N.
 */

import { SIGTERM } from "../../kernel/signal.ts";
import {
	procpsSignal,
	procpsSignalByName,
	procpsSignalName,
	procpsSignalNames,
} from "../lib/signals.ts";
import { baseName, PROCPS, strerr, Tool } from "../lib/tool.ts";
import type { ProgramContext, Run } from "../proc/types.ts";

function usage(name: string): string {
	return `
Usage:
 ${name} [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;
}

/** A "-SIGNAL" argument's signal, or -1 when it is not one. */
function dashSignal(arg: string): number {
	const spec = arg.slice(1);
	if (/^[0-9]+$/.test(spec)) return Number(spec) < 100 ? Number(spec) : -1;
	return procpsSignalByName(spec);
}

export function* main(ctx: ProgramContext): Run<number> {
	const t = new Tool(ctx);
	t.writeErrorStatus = null;
	const short = baseName(t.name);
	const args = t.args;
	const bad = function* (): Run<number> {
		yield* t.errText(usage(short));
		return 1;
	};
	if (args.length === 0) return yield* bad();
	let sig = SIGTERM;
	const pids: string[] = [];
	let optionsDone = false;
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a.startsWith("-") && a.length > 1 && dashSignal(a) >= 0) {
			sig = dashSignal(a);
			continue;
		}
		if (optionsDone || !a.startsWith("-") || a === "-") {
			pids.push(a);
			continue;
		}
		if (a === "--") {
			optionsDone = true;
			continue;
		}
		if (a === "-l" || a === "--list" || a.startsWith("--list=") || /^-l./.test(a)) {
			let spec: string | null = null;
			if (a.startsWith("--list=")) spec = a.slice(7);
			else if (a.startsWith("-l") && a.length > 2) spec = a.slice(2);
			else if (i + 1 < args.length && !args[i + 1]!.startsWith("-")) spec = args[i + 1]!;
			return yield* list(t, spec);
		}
		if (a === "-L" || a === "--table") return yield* table(t);
		if (a === "-h" || a === "--help") {
			yield* t.print(usage(short));
			return yield* t.finish(0);
		}
		if (a === "-V" || a === "--version") {
			yield* t.print(`${short} ${PROCPS}\n`);
			return yield* t.finish(0);
		}
		const withArg = /^(-s|--signal|-q|--queue)(=.*)?$/.exec(a) ?? /^(-s|-q)(.+)$/.exec(a);
		if (withArg !== null) {
			const opt = withArg[1]!;
			let value: string | undefined;
			if (withArg[2] !== undefined)
				value =
					withArg[2].startsWith("=") && opt.startsWith("--") ? withArg[2].slice(1) : withArg[2];
			else value = args[++i];
			if (value === undefined) {
				yield* t.warn(`invalid argument ${opt.startsWith("--") ? opt.slice(2, 3) : opt[1]}`);
				return yield* bad();
			}
			if (value.startsWith("-")) return yield* bad();
			// sigqueue() with a value: the value is not modelled, the signal is sent alike.
			if (opt === "-s" || opt === "--signal") sig = procpsSignal(value);
			continue;
		}
		if (/^-[0-9]/.test(a)) {
			// Not a signal number: a negative pid (a process group).
			pids.push(a);
			continue;
		}
		yield* t.warn(`invalid argument ${a[1]}`);
		return yield* bad();
	}
	if (pids.length === 0) return yield* bad();
	let status = 0;
	for (const p of pids) {
		if (!/^-?[0-9]+$/.test(p) || Math.abs(Number(p)) > 0x7fffffff) {
			yield* t.warn(`failed to parse argument: '${p}'`);
			return yield* t.finish(1);
		}
		try {
			yield* t.sys.kill(Number(p), sig);
		} catch (e) {
			yield* t.warn(`(${p}): ${strerr(e)}`);
			status = 1;
		}
	}
	return yield* t.finish(status);
}

/** -l: every name, or one signal converted between name and number. */
function* list(t: Tool, spec: string | null): Run<number> {
	if (spec === null || spec.startsWith("-")) {
		const names = procpsSignalNames();
		yield* t.print(`${names.slice(0, 16).join(" ")}\n${names.slice(16).join(" ")}\n`);
		return yield* t.finish(0);
	}
	if (/^[0-9]+$/.test(spec)) {
		const name = procpsSignalName(Number(spec));
		if (name === null) yield* t.warn(`unknown signal name ${spec}`);
		else yield* t.print(`${name}\n`);
		return yield* t.finish(0);
	}
	const n = procpsSignalByName(spec);
	if (n < 1 || n > 31) yield* t.warn(`unknown signal name ${spec}`);
	else yield* t.print(`${n}\n`);
	return yield* t.finish(0);
}

/** -L: numbers and names, seven to a line. */
function* table(t: Tool): Run<number> {
	const names = procpsSignalNames();
	let out = "";
	names.forEach((name, i) => {
		const n = i + 1;
		out += `${String(n).padStart(2)} `;
		out += n % 7 === 0 ? `${name}\n` : name.padEnd(8);
	});
	if (names.length % 7 !== 0) out += "\n";
	yield* t.print(out);
	return yield* t.finish(0);
}
