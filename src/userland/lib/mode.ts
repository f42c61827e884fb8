/**
 * File modes as chmod(1) and mkdir -m take them (octal numbers and
 * symbolic clauses like u+rwx,go=u-w) and as ls -l shows them.
 *
 * A change is applied to an old mode; who-less clauses ("+x") leave the
 * bits set in the umask alone. Directories keep their set-user-ID and
 * set-group-ID bits unless a clause names them explicitly (or an octal
 * mode has five or more digits), as GNU chmod does.
 */

import {
	S_IFBLK,
	S_IFCHR,
	S_IFDIR,
	S_IFIFO,
	S_IFLNK,
	S_IFMT,
	S_IFREG,
	S_IFSOCK,
} from "../../fs/constants.ts";

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;
const ALL = 0o7777;

interface Op {
	readonly op: "+" | "-" | "=";
	/** Bits the clause's users cover (u: 04700, g: 02070, o: 01007), or null when none was named. */
	readonly who: number | null;
	/** Literal permission bits (r w x s t), before masking by who. */
	readonly bits: number;
	/** X: execute if a directory or anything already has execute. */
	readonly condX: boolean;
	/** Copy permissions from u, g or o of the current mode. */
	readonly copy: "u" | "g" | "o" | null;
	/** Special bits named explicitly (an '=' leaves unnamed ones of directories alone). */
	readonly mentioned: number;
}

export type ModeChange = readonly Op[];

/** mode_compile(): the change `text` describes, or null when it is not a mode. */
export function compileMode(text: string): ModeChange | null {
	if (/^[0-7]+$/.test(text)) {
		const value = Number.parseInt(text, 8);
		if (value > ALL) return null;
		const mentioned = text.length >= 5 ? ALL : (value & (S_ISUID | S_ISGID)) | 0o1777;
		return [{ op: "=", who: ALL, bits: value, condX: false, copy: null, mentioned }];
	}
	const ops: Op[] = [];
	for (const clause of text.split(",")) {
		let i = 0;
		let who = 0;
		for (; i < clause.length; i++) {
			const c = clause[i]!;
			if (c === "u") who |= S_ISUID | 0o700;
			else if (c === "g") who |= S_ISGID | 0o070;
			else if (c === "o") who |= S_ISVTX | 0o007;
			else if (c === "a") who |= ALL;
			else break;
		}
		if (i >= clause.length) return null;
		while (i < clause.length) {
			const op = clause[i]!;
			if (op !== "+" && op !== "-" && op !== "=") return null;
			i++;
			let bits = 0;
			let condX = false;
			let copy: "u" | "g" | "o" | null = null;
			let mentioned = 0;
			const c0 = clause[i];
			if (c0 === "u" || c0 === "g" || c0 === "o") {
				copy = c0;
				i++;
			} else {
				for (; i < clause.length; i++) {
					const c = clause[i]!;
					if (c === "r") bits |= 0o444;
					else if (c === "w") bits |= 0o222;
					else if (c === "x") bits |= 0o111;
					else if (c === "X") condX = true;
					else if (c === "s") {
						bits |= S_ISUID | S_ISGID;
						mentioned |= S_ISUID | S_ISGID;
					} else if (c === "t") {
						bits |= S_ISVTX;
						mentioned |= S_ISVTX;
					} else break;
				}
			}
			ops.push({ op, who: who === 0 ? null : who, bits, condX, copy, mentioned });
		}
	}
	return ops;
}

export interface AdjustedMode {
	/** The new permission bits (07777). */
	readonly mode: number;
	/** The bits the change set or cleared (mode_bits of mode_adjust()). */
	readonly changed: number;
}

/** mode_adjust(): apply `change` to `oldMode` (permission bits) of a file or directory. */
export function adjustMode(
	oldMode: number,
	isDir: boolean,
	umask: number,
	change: ModeChange,
): AdjustedMode {
	let mode = oldMode & ALL;
	let changed = 0;
	for (const o of change) {
		const affected = o.who === null ? ALL & ~umask : o.who;
		let value: number;
		if (o.copy !== null) {
			const shift = o.copy === "u" ? 6 : o.copy === "g" ? 3 : 0;
			const perm = (mode >> shift) & 7;
			value = perm * 0o111;
		} else {
			value = o.bits;
			if (o.condX && (isDir || mode & 0o111)) value |= 0o111;
		}
		value &= affected;
		switch (o.op) {
			case "+":
				mode |= value;
				changed |= value;
				break;
			case "-":
				mode &= ~value;
				changed |= value;
				break;
			case "=": {
				// Every bit of the users named is reset; the umask only limits what is set.
				const keep = isDir ? (S_ISUID | S_ISGID) & ~o.mentioned : 0;
				const cleared = (o.who ?? ALL) & ~keep;
				mode = (mode & ~cleared) | value;
				changed |= cleared;
				break;
			}
		}
	}
	return { mode, changed };
}

/** The type letter of ls -l and the mode string's first column. */
export function typeLetter(mode: number): string {
	switch (mode & S_IFMT) {
		case S_IFDIR:
			return "d";
		case S_IFLNK:
			return "l";
		case S_IFCHR:
			return "c";
		case S_IFBLK:
			return "b";
		case S_IFIFO:
			return "p";
		case S_IFSOCK:
			return "s";
		case S_IFREG:
			return "-";
		default:
			return "?";
	}
}

/** The nine permission characters (rwxr-sr-T...). */
export function permString(mode: number): string {
	const triple = (shift: number, special: number, on: string, off: string): string => {
		const p = (mode >> shift) & 7;
		const x = p & 1;
		const xc = mode & special ? (x ? on : off) : x ? "x" : "-";
		return `${p & 4 ? "r" : "-"}${p & 2 ? "w" : "-"}${xc}`;
	};
	return triple(6, S_ISUID, "s", "S") + triple(3, S_ISGID, "s", "S") + triple(0, S_ISVTX, "t", "T");
}

/** filemodestring(): "drwxr-xr-x". */
export function modeString(mode: number): string {
	return typeLetter(mode) + permString(mode);
}

/** The four-digit octal of chmod -v messages ("0755"). */
export function octalMode(mode: number): string {
	return (mode & ALL).toString(8).padStart(4, "0");
}
