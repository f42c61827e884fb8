/**
 * Dates as touch -d and -t take them, in UTC (the emulated host has no
 * time zone files). -d accepts the common forms of GNU's parse_datetime:
 * "@SECONDS", "now", "today", "yesterday", "tomorrow", "YYYY-MM-DD",
 * "YYYYMMDD", "Mon D YYYY", an optional time "HH:MM[:SS[.frac]]" (after a
 * space or "T"), a zone ("UTC", "Z", "+HHMM", "-HH:MM"), a time alone
 * (today), and relative items ("N days ago", "+2 hours"). Results are ns
 * since the epoch; null when the text is not a date.
 */

import { MONTHS } from "./timefmt.ts";

const UNIT_SECONDS: Record<string, number> = {
	sec: 1,
	second: 1,
	min: 60,
	minute: 60,
	hour: 3600,
	day: 86400,
	week: 604800,
	fortnight: 1209600,
};

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Whole seconds and a fraction of a calendar date and time in UTC, or null when out of range. */
function utc(
	y: number,
	mo: number,
	d: number,
	h: number,
	mi: number,
	s: number,
	frac: number,
): number | null {
	if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo - 1)) return null;
	if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi > 0 || s > 0))) return null;
	return Date.UTC(y, mo - 1, d, h, mi, s) * 1e6 + Math.round(frac * 1e9);
}

/** Parse `text` for touch -d, relative to `nowNs`. */
export function parseDate(text: string, nowNs: number): number | null {
	let s = text.trim().toLowerCase().replace(/\s+/g, " ");
	if (s === "") return null;
	const epoch = /^@(-?[0-9]+)(?:\.([0-9]+))?$/.exec(s);
	if (epoch !== null) {
		const frac = epoch[2] === undefined ? 0 : Number(`0.${epoch[2]}`);
		return Number(epoch[1]) * 1e9 + Math.sign(Number(epoch[1]) || 1) * Math.round(frac * 1e9);
	}
	// Relative items at the end: "[+-]N unit[s] [ago]", repeatable.
	let relSeconds = 0;
	let relMonths = 0;
	for (;;) {
		const m =
			/(?:^| )([+-]?[0-9]+) ?(sec|second|min|minute|hour|day|week|fortnight|month|year)s?( ago)?$/.exec(
				s,
			);
		if (m === null) break;
		const n = Number(m[1]) * (m[3] === undefined ? 1 : -1);
		if (m[2] === "month") relMonths += n;
		else if (m[2] === "year") relMonths += 12 * n;
		else relSeconds += n * UNIT_SECONDS[m[2]!]!;
		s = s.slice(0, m.index).trim();
	}
	const now = new Date(Math.floor(nowNs / 1e6));
	let base: number | null;
	let baseFrac = 0;
	if (s === "" || s === "now" || s === "today") {
		base = Math.floor(nowNs / 1e9) * 1e9;
		baseFrac = nowNs - base;
	} else if (s === "yesterday" || s === "tomorrow") {
		base = Math.floor(nowNs / 1e9) * 1e9 + (s === "yesterday" ? -86400e9 : 86400e9);
		baseFrac = nowNs % 1e9;
	} else {
		base = absolute(s, now);
	}
	if (base === null) return null;
	let out = base + baseFrac;
	if (relMonths !== 0) {
		const d = new Date(Math.floor(out / 1e6));
		d.setUTCMonth(d.getUTCMonth() + relMonths);
		out = d.getTime() * 1e6 + (out % 1e6);
	}
	return out + relSeconds * 1e9;
}

/** An absolute date[/time][ zone], or a time of day (today). */
function absolute(s: string, now: Date): number | null {
	const zone = /(?:^|[ 0-9])(utc|gmt|z|[+-][0-9]{2}:?[0-9]{2})$/.exec(s);
	let offsetMin = 0;
	let rest = s;
	if (zone !== null) {
		const z = zone[1]!;
		if (z.startsWith("+") || z.startsWith("-")) {
			const digits = z.replace(":", "");
			offsetMin =
				(z.startsWith("-") ? -1 : 1) *
				(Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
		}
		rest = s.slice(0, s.length - z.length).trim();
	}
	const time = "(?:[ t]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?";
	// Each form captures year, month and day (in some order) in groups 1-3, the time in 4-7.
	const forms: [RegExp, (m: RegExpExecArray) => [number, number, number] | null][] = [
		[
			new RegExp(`^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})${time}$`),
			(m) => [Number(m[1]), Number(m[2]), Number(m[3])],
		],
		[
			new RegExp(`^([0-9]{4})([0-9]{2})([0-9]{2})${time}$`),
			(m) => [Number(m[1]), Number(m[2]), Number(m[3])],
		],
		[
			new RegExp(`^([a-z]{3})[a-z]* ([0-9]{1,2}),? ([0-9]{4})${time}$`),
			(m) => {
				const month = MONTHS.findIndex((x) => x.toLowerCase() === m[1]);
				return month < 0 ? null : [Number(m[3]), month + 1, Number(m[2])];
			},
		],
		[
			// A time of day alone: today.
			new RegExp(`^()()()${time.replace("[ t]", "")}$`),
			(m) =>
				m[4] === undefined ? null : [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()],
		],
	];
	let date: [number, number, number] | null = null;
	let m: RegExpExecArray | null = null;
	for (const [re, fields] of forms) {
		m = re.exec(rest);
		if (m === null) continue;
		date = fields(m);
		break;
	}
	if (date === null || m === null) return null;
	const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
	const ns = utc(
		date[0],
		date[1],
		date[2],
		Number(m[4] ?? 0),
		Number(m[5] ?? 0),
		Number(m[6] ?? 0),
		frac,
	);
	return ns === null ? null : ns - offsetMin * 60e9;
}

/** touch -t [[CC]YY]MMDDhhmm[.ss], or null. */
export function parseStamp(text: string, nowNs: number): number | null {
	const m = /^([0-9]{8}|[0-9]{10}|[0-9]{12})(?:\.([0-9]{2}))?$/.exec(text);
	if (m === null) return null;
	const digits = m[1]!;
	let year: number;
	let rest: string;
	if (digits.length === 12) {
		year = Number(digits.slice(0, 4));
		rest = digits.slice(4);
	} else if (digits.length === 10) {
		const yy = Number(digits.slice(0, 2));
		year = yy < 69 ? 2000 + yy : 1900 + yy;
		rest = digits.slice(2);
	} else {
		year = new Date(Math.floor(nowNs / 1e6)).getUTCFullYear();
		rest = digits;
	}
	const n = (i: number): number => Number(rest.slice(i, i + 2));
	return utc(year, n(0), n(2), n(4), n(6), m[2] === undefined ? 0 : Number(m[2]), 0);
}
