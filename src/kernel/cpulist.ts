/**
 * The list and mask formats of CPU and node bitmaps: bitmap_parselist()
 * (lib/bitmap-str.c), which cpulist_parse() and nodelist_parse() use, and
 * the `%*pbl` and `%*pb` printers of lib/vsprintf.c (bitmap_list_string(),
 * bitmap_string()).
 *
 * The parse grammar: regions separated by commas or whitespace (any number,
 * leading ones too); a region is `N`, `A-B`, `all`, each optionally followed
 * by `:used/group` (of every `group` bits from the start, the first `used`
 * are set). `N` stands for the last bit. Parsing stops at the end of the
 * string or at a newline that ends a region. Errors: EINVAL for bad syntax
 * or a bad region (start after end, group 0, used above group), ERANGE for a
 * bit at or past the bitmap's width, EOVERFLOW for a number past 32 bits.
 */
import { Cpumask } from "./cpumask.ts";
import { KernelError } from "./errno.ts";
import { isKernelSpace } from "./kstrto.ts";

/** NR_CPUS of the reference kernel (its cpu/kernel_max is 255). */
export const NR_CPUS = 256;
/** MAX_NUMNODES of the reference kernel (NODES_SHIFT 10, as Debian and Ubuntu build it). */
export const MAX_NUMNODES = 1024;

const U32_MAX = 0xffffffff;

/** struct region: bits start..end, `off` of every `groupLen` set. */
interface Region {
	start: number;
	end: number;
	off: number;
	groupLen: number;
}

/** end_of_str(). */
function endOfStr(s: string, i: number): boolean {
	return i >= s.length || s[i] === "\0" || s[i] === "\n";
}

/** __end_of_region(): whitespace (the kernel's, newline included) or a comma. */
function endOfRegionSep(s: string, i: number): boolean {
	return i < s.length && (isKernelSpace(s.charCodeAt(i)) || s[i] === ",");
}

function endOfRegion(s: string, i: number): boolean {
	return endOfRegionSep(s, i) || endOfStr(s, i);
}

/** bitmap_getnum(): a decimal number or `N`; returns [value, next index]. */
function getnum(s: string, i: number, lastbit: number): [number, number] {
	if (s[i] === "N") return [lastbit, i + 1];
	let j = i;
	let n = 0n;
	while (j < s.length) {
		const c = s.charCodeAt(j);
		if (c < 0x30 || c > 0x39) break;
		n = n * 10n + BigInt(c - 0x30);
		j++;
	}
	if (j === i) throw new KernelError("EINVAL");
	if (n > BigInt(U32_MAX)) throw new KernelError("EOVERFLOW");
	return [Number(n), j];
}

/** bitmap_parse_region(): one region from `i`; returns the index after it, or -1 at the end. */
function parseRegion(s: string, i: number, r: Region, nbits: number): number {
	// unsigned int arithmetic, as the kernel's (nbits 0 makes lastbit wrap).
	const lastbit = (nbits - 1) >>> 0;
	let p = i;
	let pattern = false;
	if (s.slice(p, p + 3).toLowerCase() === "all") {
		r.start = 0;
		r.end = lastbit;
		p += 3;
		pattern = true;
	} else {
		[r.start, p] = getnum(s, p, lastbit);
		if (endOfRegion(s, p)) {
			r.end = r.start;
		} else {
			if (s[p] !== "-") throw new KernelError("EINVAL");
			[r.end, p] = getnum(s, p + 1, lastbit);
			pattern = true;
		}
	}
	if (pattern && !endOfRegion(s, p)) {
		if (s[p] !== ":") throw new KernelError("EINVAL");
		[r.off, p] = getnum(s, p + 1, lastbit);
		if (s[p] !== "/") throw new KernelError("EINVAL");
		[r.groupLen, p] = getnum(s, p + 1, lastbit);
		return p;
	}
	r.off = (r.end + 1) >>> 0;
	r.groupLen = (r.end + 1) >>> 0;
	return endOfStr(s, p) ? -1 : p;
}

/** bitmap_check_region(). */
function checkRegion(r: Region, nbits: number): void {
	if (r.start > r.end || r.groupLen === 0 || r.off > r.groupLen) throw new KernelError("EINVAL");
	if (r.end >= nbits) throw new KernelError("ERANGE");
}

/** bitmap_set_region(). */
function setRegion(r: Region, mask: Cpumask): void {
	for (let start = r.start; start <= r.end; start += r.groupLen) {
		const n = Math.min(r.end - start + 1, r.off);
		for (let b = start; b < start + n; b++) mask.set(b);
	}
}

/**
 * bitmap_parselist(): the bitmap of `nbits` bits that `buf` lists (parsing
 * stops at a NUL, as the kernel's C string does). Throws the kernel's errno.
 */
export function bitmapParselist(buf: string, nbits: number): Cpumask {
	const mask = new Cpumask(nbits);
	const r: Region = { start: 0, end: 0, off: 0, groupLen: 0 };
	let i = 0;
	while (i >= 0) {
		// bitmap_find_region()
		while (endOfRegionSep(buf, i)) i++;
		if (endOfStr(buf, i)) return mask;
		i = parseRegion(buf, i, r, nbits);
		checkRegion(r, nbits);
		setRegion(r, mask);
	}
	return mask;
}

/** `%*pbl` (bitmap_list_string()): ranges of set bits below `nbits`, "0-3,8". */
export function bitmapListString(mask: Cpumask, nbits: number = mask.nbits): string {
	let out = "";
	const limit = Math.min(nbits, mask.nbits);
	let b = mask.firstSet();
	while (b < limit) {
		let top = b;
		while (top + 1 < limit && mask.test(top + 1)) top++;
		if (out.length > 0) out += ",";
		out += top === b ? `${b}` : `${b}-${top}`;
		b = mask.nextSet(top);
	}
	return out;
}

/**
 * `%*pb` (bitmap_string()): hex in 32-bit groups, most significant first,
 * comma-separated; the first group is as wide as the bits it holds need.
 * Bits past the mask's own width print as zeros.
 */
export function bitmapString(mask: Cpumask, nbits: number = mask.nbits): string {
	const parts: string[] = [];
	let chunk = nbits % 32 || 32;
	for (let i = Math.ceil(nbits / 32) * 32 - 32; i >= 0; i -= 32) {
		let val = 0;
		for (let b = 0; b < chunk; b++) if (mask.test(i + b)) val |= 1 << b;
		parts.push((val >>> 0).toString(16).padStart(Math.ceil(chunk / 4), "0"));
		chunk = 32;
	}
	return parts.join(",");
}
