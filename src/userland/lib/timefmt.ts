/**
 * Calendar formatting of emulated timestamps (ns since the epoch) in the C
 * locale. The emulated host has no /etc/localtime, so like glibc there it
 * shows UTC.
 */

export const MONTHS = [
	"Jan",
	"Feb",
	"Mar",
	"Apr",
	"May",
	"Jun",
	"Jul",
	"Aug",
	"Sep",
	"Oct",
	"Nov",
	"Dec",
] as const;
export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

export interface Calendar {
	readonly year: number;
	/** 0-11. */
	readonly month: number;
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
	readonly second: number;
	/** 0 = Sunday. */
	readonly weekday: number;
}

/** gmtime() of a time in ns since the epoch (whole seconds, rounded down). */
export function calendar(ns: number): Calendar {
	const d = new Date(Math.floor(ns / 1e9) * 1000);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth(),
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		weekday: d.getUTCDay(),
	};
}

export const pad2 = (n: number): string => String(n).padStart(2, "0");

/** asctime(3), the text of ctime(3): "Thu Jan  1 00:00:00 1970\n". */
export function asctime(c: Calendar): string {
	return (
		`${WEEKDAYS[c.weekday]} ${MONTHS[c.month]} ${String(c.day).padStart(2, " ")} ` +
		`${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} ${c.year}\n`
	);
}
