/**
 * The device cgroup's exception lists (security/device_cgroup.c): one entry
 * per (type, major, minor) with its access bits, kept in insertion order;
 * the complete and partial matches the permission checks and the hierarchy
 * rules use; the text form of devices.list; and the parser of the lines
 * written to devices.allow and devices.deny.
 */
import { KernelError } from "../../errno.ts";
import { isKernelSpace } from "../../kstrto.ts";

/** DEVCG_ACC_*: the access bits. */
export const DEVCG_ACC_MKNOD = 1;
export const DEVCG_ACC_READ = 2;
export const DEVCG_ACC_WRITE = 4;
export const DEVCG_ACC_MASK = DEVCG_ACC_MKNOD | DEVCG_ACC_READ | DEVCG_ACC_WRITE;

/** DEVCG_DEV_*: the device types (ALL only ever appears in devices.list). */
export const DEVCG_DEV_BLOCK = 1;
export const DEVCG_DEV_CHAR = 2;
export const DEVCG_DEV_ALL = 4;

/** ~0 as a major or minor: every number (written and shown as `*`). */
export const DEVCG_ANY = 0xffffffff;

/** struct dev_exception_item. */
export interface DevExceptionItem {
	readonly type: number;
	readonly major: number;
	readonly minor: number;
	access: number;
}

function sameDevice(a: DevExceptionItem, b: DevExceptionItem): boolean {
	return a.type === b.type && a.major === b.major && a.minor === b.minor;
}

/** dev_exception_add(): merge the access into an entry for the same device, or append one. */
export function devExceptionAdd(list: DevExceptionItem[], ex: DevExceptionItem): void {
	let merged = false;
	for (const walk of list) {
		if (!sameDevice(walk, ex)) continue;
		walk.access |= ex.access;
		merged = true;
	}
	if (!merged) list.push({ ...ex });
}

/** dev_exception_rm(): take the access away from the same device's entry; drop it when empty. */
export function devExceptionRm(list: DevExceptionItem[], ex: DevExceptionItem): void {
	const access = ex.access;
	for (let i = 0; i < list.length; ) {
		const walk = list[i]!;
		if (sameDevice(walk, ex)) {
			walk.access &= ~access;
			if (walk.access === 0) {
				list.splice(i, 1);
				continue;
			}
		}
		i++;
	}
}

/** dev_exceptions_copy(). */
export function devExceptionsCopy(list: readonly DevExceptionItem[]): DevExceptionItem[] {
	return list.map((ex) => ({ ...ex }));
}

function typeCovered(type: number, ex: DevExceptionItem): boolean {
	if (type & DEVCG_DEV_BLOCK && !(ex.type & DEVCG_DEV_BLOCK)) return false;
	if (type & DEVCG_DEV_CHAR && !(ex.type & DEVCG_DEV_CHAR)) return false;
	return true;
}

/** match_exception(): one entry covers the whole range and every access bit asked for. */
export function matchException(
	list: readonly DevExceptionItem[],
	type: number,
	major: number,
	minor: number,
	access: number,
): boolean {
	for (const ex of list) {
		if (!typeCovered(type, ex)) continue;
		if (ex.major !== DEVCG_ANY && ex.major !== major) continue;
		if (ex.minor !== DEVCG_ANY && ex.minor !== minor) continue;
		if (access & ~ex.access) continue;
		return true;
	}
	return false;
}

/** match_exception_partial(): some entry overlaps the range in some access bit. */
export function matchExceptionPartial(
	list: readonly DevExceptionItem[],
	type: number,
	major: number,
	minor: number,
	access: number,
): boolean {
	for (const ex of list) {
		if (!typeCovered(type, ex)) continue;
		if (ex.major !== DEVCG_ANY && major !== DEVCG_ANY && ex.major !== major) continue;
		if (ex.minor !== DEVCG_ANY && minor !== DEVCG_ANY && ex.minor !== minor) continue;
		if (!(access & ex.access)) continue;
		return true;
	}
	return false;
}

/** set_access(). */
export function accessString(access: number): string {
	return (
		(access & DEVCG_ACC_READ ? "r" : "") +
		(access & DEVCG_ACC_WRITE ? "w" : "") +
		(access & DEVCG_ACC_MKNOD ? "m" : "")
	);
}

/** type_to_char(). */
function typeChar(type: number): string {
	if (type === DEVCG_DEV_ALL) return "a";
	if (type === DEVCG_DEV_CHAR) return "c";
	if (type === DEVCG_DEV_BLOCK) return "b";
	return "X";
}

/** set_majmin(). */
function majMin(m: number): string {
	return m === DEVCG_ANY ? "*" : String(m);
}

/** One line of devices.list, as devcgroup_seq_show() prints it. */
export function formatException(ex: DevExceptionItem): string {
	return `${typeChar(ex.type)} ${majMin(ex.major)}:${majMin(ex.minor)} ${accessString(ex.access)}\n`;
}

/** The one line devices.list shows for a cgroup allowing by default. */
export const ALLOW_ALL_LINE = formatException({
	type: DEVCG_DEV_ALL,
	major: DEVCG_ANY,
	minor: DEVCG_ANY,
	access: DEVCG_ACC_MASK,
});

/** What a write to devices.allow or devices.deny asks for. */
export type DevcgRequest =
	| { readonly all: true }
	| { readonly all: false; readonly ex: DevExceptionItem };

/** The digits a major or minor may have: 11 (a u32 and one more). */
const MAJMIN_DIGITS = 11;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * The parsing half of devcgroup_update_access(), on the stripped buffer:
 * `a...` (anything starting with a) resets; otherwise `TYPE MAJOR:MINOR
 * ACCESS` with TYPE b or c, one whitespace character between the fields,
 * MAJOR and MINOR `*` or up to 11 decimal digits fitting a u32, and up to
 * three access letters of rwm (a newline or the end stops early; what
 * follows the third is ignored). Everything else is EINVAL.
 */
export function parseDevcgRequest(buf: string): DevcgRequest {
	// The C string ends at the buffer's end: reading past it gives NUL.
	const at = (i: number): number => (i < buf.length ? buf.charCodeAt(i) : 0);
	let b = 0;
	let type: number;
	switch (buf[0]) {
		case "a":
			return { all: true };
		case "b":
			type = DEVCG_DEV_BLOCK;
			break;
		case "c":
			type = DEVCG_DEV_CHAR;
			break;
		default:
			throw new KernelError("EINVAL");
	}
	b++;
	if (!isKernelSpace(at(b))) throw new KernelError("EINVAL");
	b++;
	const number = (): number => {
		if (at(b) === 0x2a) {
			b++;
			return DEVCG_ANY;
		}
		if (!isDigit(at(b))) throw new KernelError("EINVAL");
		const start = b;
		while (b - start < MAJMIN_DIGITS && isDigit(at(b))) b++;
		const value = Number(buf.slice(start, b));
		if (value > DEVCG_ANY) throw new KernelError("EINVAL");
		return value;
	};
	const major = number();
	if (at(b) !== 0x3a) throw new KernelError("EINVAL");
	b++;
	const minor = number();
	if (!isKernelSpace(at(b))) throw new KernelError("EINVAL");
	b++;
	let access = 0;
	for (let count = 0; count < 3; count++, b++) {
		const c = at(b);
		if (c === 0x72) access |= DEVCG_ACC_READ;
		else if (c === 0x77) access |= DEVCG_ACC_WRITE;
		else if (c === 0x6d) access |= DEVCG_ACC_MKNOD;
		else if (c === 0x0a || c === 0) break;
		else throw new KernelError("EINVAL");
	}
	return { all: false, ex: { type, major, minor, access } };
}
