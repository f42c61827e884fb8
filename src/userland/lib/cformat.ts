/**
 * One printf(3) conversion of a string or an integer as glibc writes it,
 * for tools whose format directives end up in printf: stat's %s and %o,
 * find -printf's %d and %m. Flags are the C ones (- + space # 0; ' groups
 * nothing in the C locale).
 */

export interface ConvSpec {
	readonly flags: string;
	readonly width: number | null;
	readonly prec: number | null;
}

/** Split "-05.3" (what stands between '%' and the conversion) into flags, width and precision. */
export function parseSpec(text: string, flagChars = "-+ #0'"): ConvSpec {
	let i = 0;
	while (i < text.length && flagChars.includes(text[i]!)) i++;
	const flags = text.slice(0, i);
	let j = i;
	while (j < text.length && text[j]! >= "0" && text[j]! <= "9") j++;
	const width = j > i ? Number(text.slice(i, j)) : null;
	let prec: number | null = null;
	if (text[j] === ".") {
		let k = j + 1;
		while (k < text.length && text[k]! >= "0" && text[k]! <= "9") k++;
		prec = Number(text.slice(j + 1, k) || "0");
	}
	return { flags, width, prec };
}

function pad(body: string, spec: ConvSpec): string {
	const w = spec.width ?? 0;
	if (body.length >= w) return body;
	return spec.flags.includes("-") ? body.padEnd(w) : body.padStart(w);
}

/** %s: precision cuts, width pads with spaces (the 0 flag pads with spaces too). */
export function formatString(s: string, spec: ConvSpec): string {
	return pad(spec.prec === null ? s : s.slice(0, spec.prec), spec);
}

/** %d %u %o %x %X of `value`. */
export function formatInteger(
	value: bigint | number,
	conv: "d" | "u" | "o" | "x" | "X",
	spec: ConvSpec,
): string {
	const v = typeof value === "bigint" ? value : BigInt(Math.trunc(value));
	const neg = v < 0n && conv === "d";
	const mag = neg ? -v : v < 0n ? v + (1n << 64n) : v;
	const base = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
	let digits = mag.toString(base);
	if (conv === "X") digits = digits.toUpperCase();
	if (spec.prec !== null) {
		digits = spec.prec === 0 && mag === 0n ? "" : digits.padStart(spec.prec, "0");
	}
	const { flags } = spec;
	let prefix = "";
	if (conv === "d") prefix = neg ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
	if (flags.includes("#")) {
		if (conv === "o" && !digits.startsWith("0")) digits = `0${digits}`;
		if ((conv === "x" || conv === "X") && mag !== 0n) prefix = conv === "x" ? "0x" : "0X";
	}
	const w = spec.width ?? 0;
	if (flags.includes("0") && !flags.includes("-") && spec.prec === null) {
		const room = w - prefix.length;
		if (digits.length < room) digits = digits.padStart(room, "0");
	}
	return pad(prefix + digits, spec);
}
