/**
 * Writing sh: quoting, printf formats that reproduce exact bytes, and the
 * helper functions every reproducer starts with. What a rendered step
 * prints has to be what a real dash on a real kernel prints, so the output
 * is reduced to one line per step: "N ok", or "N E " followed by the end of
 * the last line the command wrote to stderr (after its last ": ", which
 * for coreutils, dash and procps is the strerror text; dash prints a name
 * with a newline as it is, which is why the last line).
 */
import { type ErrnoName, strerror } from "../../kernel/errno.ts";
import { SLOTS, type Slot } from "./world.ts";

/** A single-quoted sh word. */
export function shQuote(s: string): string {
	if (/^[A-Za-z0-9_./=:,+-]+$/.test(s) && !s.startsWith("-")) return s;
	return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** A path below a slot as a sh word: "$C0"'/a b'. */
export function shPath(slot: Slot, rel: string): string {
	return rel === "" ? `"$${slot.shVar}"` : `"$${slot.shVar}"${shQuote(`/${rel}`)}`;
}

/**
 * A printf format that prints the byte string `bytes` exactly: printable
 * ASCII as is, `%` and `\` doubled, everything else (and a leading "-",
 * which printf would take for an option) as a \ooo escape.
 */
export function printfFormat(bytes: string): string {
	let out = "";
	for (let i = 0; i < bytes.length; i++) {
		const c = bytes.charCodeAt(i);
		const ch = bytes[i]!;
		if (ch === "%") out += "%%";
		else if (ch === "\\") out += "\\\\";
		else if (c < 0x20 || c > 0x7e || ch === "'" || (i === 0 && ch === "-")) {
			out += `\\${c.toString(8).padStart(3, "0")}`;
		} else out += ch;
	}
	return out;
}

/** What dash says when it cannot open a redirection target (errmsg(e, E_CREAT)). */
export function createReason(code: ErrnoName): string {
	return code === "ENOENT" || code === "ENOTDIR" ? "Directory nonexistent" : strerror(code);
}

/**
 * libmount's message for a failed mount(2) of a cgroup, after the target
 * (the first mount named "cgroup" in the emulated mountinfo is the cpu one).
 */
export function mountReason(code: ErrnoName): string {
	switch (code) {
		case "EBUSY":
			return "cgroup already mounted on /sys/fs/cgroup/cpu.";
		case "EINVAL":
			return "wrong fs type, bad option, bad superblock on cgroup, missing codepage or helper program, or other error.";
		case "ENODEV":
			return "unknown filesystem type 'cgroup'.";
		default:
			return `${strerror(code)}.`;
	}
}

/** umount's message for a failed umount(2). */
export function umountReason(code: ErrnoName): string {
	switch (code) {
		case "EINVAL":
			return "not mounted.";
		case "EBUSY":
			return "target is busy.";
		default:
			return `${strerror(code)}.`;
	}
}

/**
 * The helper functions and slot variables every reproducer starts with, one
 * complete command per line (a shell session can run them line by line).
 */
export function preamble(): string[] {
	const privates = SLOTS.filter((s) => s.private)
		.map((s) => `"$${s.shVar}"`)
		.join(" ");
	return [
		...SLOTS.map((s) => `${s.shVar}="${s.shBase}"`),
		`mkdir -p ${privates}`,
		`nl=$(printf '\\n_'); nl=\${nl%_}`,
		'# r N CMD...: run CMD; print "N ok", or "N E" and what follows the last ": " of the last line of its errors (without mount\'s hint about dmesg)',
		`r() { s=$1; shift; if e=$("$@" 2>&1 >/dev/null); then echo "$s ok"; else e=\${e%"$nl"*"dmesg(1)"*}; e=\${e##*"$nl"}; echo "$s E \${e##*: }"; fi; }`,
		"# nobody CMD...: CMD as uid and gid 65534 without supplementary groups",
		'nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }',
		"# w N FILE FORMAT [ARG]...: write what printf prints to FILE in one write(2) (wn: as nobody)",
		'w() { s=$1 f=$2; shift 2; printf "$@" >"$CGKIT_TMP/.v"; r "$s" wr "$f"; }',
		'wr() { cat <"$CGKIT_TMP/.v" >"$1"; }',
		'wn() { s=$1 f=$2; shift 2; printf "$@" >"$CGKIT_TMP/.v"; r "$s" wrn "$f"; }',
		`wrn() { nobody sh -c 'exec cat >"$0"' "$1" <"$CGKIT_TMP/.v"; }`,
		"# pair PID: c becomes the pid of the only child of PID",
		'pair() { until c=$(pgrep -P "$1"); do :; done; }',
		'# state PID: v becomes the State letter of PID ("" once it is gone)',
		'state() { v=; while read -r k v _; do [ "$k" = State: ] && return; done 2>/dev/null </proc/$1/status; v=; }',
		"# zwait PID: until PID is a zombie or gone; reap PID: then wait for it; gone PID: until it is reaped",
		'zwait() { n=0; while [ $n -lt 100000 ]; do state "$1"; [ "$v" = Z ] || [ -z "$v" ] && return 0; n=$((n + 1)); done; return 1; }',
		'reap() { zwait "$1" && wait "$1" 2>/dev/null; }',
		'gone() { n=0; while [ -e "/proc/$1" ] && [ $n -lt 100000 ]; do n=$((n + 1)); done; }',
	];
}

/** Kill what the script left in its cgroups, remove the cgroups and private hierarchies; prints nothing. */
export function epilogue(): string[] {
	const all = SLOTS.map((s) => `"$${s.shVar}"`).join(" ");
	const hosts = SLOTS.filter((s) => !s.private)
		.map((s) => `"$${s.shVar}"`)
		.join(" ");
	const privates = SLOTS.filter((s) => s.private);
	const first = `"$${privates[0]!.shVar}"`;
	return [
		"# clean up: every process in the script's cgroups, the cgroups, the private hierarchies",
		`procs() { local d; for d in "$1"/*/ "$1"/.[!.]*/ "$1"/..?*/; do [ -d "$d" ] && procs "\${d%/}"; done; cat "$1/cgroup.procs" 2>/dev/null; }`,
		`rmtree() { local d; for d in "$1"/*/ "$1"/.[!.]*/ "$1"/..?*/; do [ -d "$d" ] && rmtree "\${d%/}" && rmdir "\${d%/}" 2>/dev/null; done; return 0; }`,
		'killin() { for p in $(procs "$1"); do [ "$p" = $$ ] || kill -s KILL "$p" 2>/dev/null; done; wait 2>/dev/null; }',
		`for d in ${all}; do killin "$d"; done`,
		...privates.map((s) => `while umount "$${s.shVar}" 2>/dev/null; do :; done`),
		`for d in ${hosts}; do rmtree "$d"; done`,
		`for k in ${privates.map((_, i) => i + 1).join(" ")}; do mount -t cgroup -o "none,name=$CGKIT_PREFIX-$k" cgroup ${first} 2>/dev/null || continue; killin ${first}; rmtree ${first}; umount ${first}; done`,
	];
}
