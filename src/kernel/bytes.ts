/**
 * Byte strings: inside the emulated kernel, names, paths and file contents
 * handed to handlers are strings with one char per byte (0-255), so lengths
 * and comparisons are byte-exact as in Linux. Conversion to and from UTF-8
 * happens only where text meets a terminal or the host.
 */

export function bytesToBinary(bytes: Uint8Array, start = 0, end = bytes.length): string {
	let out = "";
	if (end - start <= 64) {
		for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]!);
		return out;
	}
	for (let i = start; i < end; i += 8192) {
		out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
	}
	return out;
}

export function binaryToBytes(s: string): Uint8Array {
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
	return out;
}

/** UTF-8 encode a JS string into a byte string. */
export function utf8ToBinary(text: string): string {
	let out = "";
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		if (cp < 0x80) out += ch;
		else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
		else if (cp < 0x10000)
			out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
		else
			out += String.fromCharCode(
				0xf0 | (cp >> 18),
				0x80 | ((cp >> 12) & 0x3f),
				0x80 | ((cp >> 6) & 0x3f),
				0x80 | (cp & 0x3f),
			);
	}
	return out;
}

/** Decode a byte string as UTF-8 (invalid sequences become U+FFFD). */
export function binaryToUtf8(bin: string): string {
	let out = "";
	let i = 0;
	while (i < bin.length) {
		const b0 = bin.charCodeAt(i);
		if (b0 < 0x80) {
			out += bin[i];
			i++;
			continue;
		}
		const len = b0 >= 0xf0 && b0 < 0xf8 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
		let cp = len === 4 ? b0 & 0x07 : len === 3 ? b0 & 0x0f : b0 & 0x1f;
		let ok = len > 0 && i + len <= bin.length;
		for (let k = 1; ok && k < len; k++) {
			const b = bin.charCodeAt(i + k);
			if ((b & 0xc0) !== 0x80) ok = false;
			else cp = (cp << 6) | (b & 0x3f);
		}
		if (!ok) {
			out += "\ufffd";
			i++;
			continue;
		}
		out += String.fromCodePoint(cp);
		i += len;
	}
	return out;
}
