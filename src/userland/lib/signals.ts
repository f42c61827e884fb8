/**
 * Signal names as procps (kill, pgrep) spells and accepts them: the 31
 * standard signals by number (29 is POLL there), with or without "SIG" and
 * in any case, and RTMIN/RTMAX with offsets (glibc's 34 and 64).
 */

import { SIGNAL_MAX, SIGNAL_NAMES } from "../../kernel/signal.ts";

const RTMIN = 34;
const RTMAX = 64;

/** procps's name of signal `n` (1-31), or null. */
export function procpsSignalName(n: number): string | null {
	if (!Number.isInteger(n) || n < 1 || n > SIGNAL_MAX) return null;
	return n === 29 ? "POLL" : (SIGNAL_NAMES[n] ?? null);
}

/** The names 1..31 in order (kill -l). */
export function procpsSignalNames(): string[] {
	const out: string[] = [];
	for (let n = 1; n <= SIGNAL_MAX; n++) out.push(procpsSignalName(n)!);
	return out;
}

/** A signal name (not a number) as procps accepts it, or -1. */
export function procpsSignalByName(text: string): number {
	let up = text.toUpperCase();
	if (up.startsWith("SIG")) up = up.slice(3);
	for (let n = 1; n <= SIGNAL_MAX; n++) if (procpsSignalName(n) === up) return n;
	const rt = /^RTMIN(?:\+([0-9]+))?$/.exec(up);
	if (rt !== null) {
		const n = RTMIN + Number(rt[1] ?? 0);
		return n <= RTMAX ? n : -1;
	}
	const rtmax = /^RTMAX(?:-([0-9]+))?$/.exec(up);
	if (rtmax !== null) {
		const n = RTMAX - Number(rtmax[1] ?? 0);
		return n >= RTMIN ? n : -1;
	}
	return -1;
}

/** A signal given as a number (0-64) or name, or -1. */
export function procpsSignal(text: string): number {
	if (/^[0-9]+$/.test(text)) {
		const n = Number(text);
		return n <= RTMAX ? n : -1;
	}
	return procpsSignalByName(text);
}
