/**
 * kernfs_name_hash(): kernfs keeps a directory's entries in an rbtree ordered
 * by this hash (then by name), and readdir walks that order, which is why
 * `ls -f` on cgroupfs looks shuffled. Computed bit-exactly for 64-bit
 * kernels: bytes are folded into an unsigned long (partial_name_hash) as
 * unsigned chars (the kernel is built with -funsigned-char since 6.2, so
 * bytes above 0x7f are not sign-extended), and end_name_hash() is
 * hash_long(hash, 32), the top 32 bits of the product with GOLDEN_RATIO_64.
 */
const U64 = (1n << 64n) - 1n;
const GOLDEN_RATIO_64 = 0x61c8864680b583ebn;
const INT_MAX = 0x7fffffff;

export function kernfsNameHash(name: string): number {
	let hash = 0n;
	for (let i = 0; i < name.length; i++) {
		const c = BigInt(name.charCodeAt(i) & 0xff);
		hash = ((hash + ((c << 4n) & U64) + (c >> 4n)) * 11n) & U64;
	}
	let h = Number(((hash * GOLDEN_RATIO_64) & U64) >> 32n);
	h &= INT_MAX;
	if (h < 2) h += 2;
	if (h >= INT_MAX) h = INT_MAX - 1;
	return h;
}

const cache = new Map<string, number>();

/** kernfs_sd_compare() order for names in one directory. */
export function kernfsCompare(a: string, b: string): number {
	let ha = cache.get(a);
	if (ha === undefined) {
		ha = kernfsNameHash(a);
		if (cache.size < 65536) cache.set(a, ha);
	}
	let hb = cache.get(b);
	if (hb === undefined) {
		hb = kernfsNameHash(b);
		if (cache.size < 65536) cache.set(b, hb);
	}
	if (ha !== hb) return ha - hb;
	return a < b ? -1 : a > b ? 1 : 0;
}
