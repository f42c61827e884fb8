/**
 * Internet addresses as the socket layer sees them (struct sockaddr_in,
 * struct sockaddr_in6, inet_rcv_saddr_equal()): parsing of the text forms,
 * IPv4-mapped IPv6 addresses, which addresses are local (the loopback
 * device's 127.0.0.0/8 and ::1; there is no other interface), and when
 * two bound addresses overlap for the port table.
 */
import { KernelError } from "../errno.ts";
import { AF_INET, AF_INET6 } from "./defs.ts";

/** A struct sockaddr_in or sockaddr_in6: the family, the address in text form, the port. */
export interface SockAddr {
	readonly family: number;
	readonly addr: string;
	readonly port: number;
	/** The addrlen passed with it; the family's struct size when absent. */
	readonly len?: number;
}

/** sizeof(struct sockaddr_in), SIN6_LEN_RFC2133. */
export const SOCKADDR_IN_LEN = 16;
export const SIN6_LEN_RFC2133 = 24;

/**
 * An address in the form the tables compare: IPv4 ones (also when an IPv6
 * socket names them as ::ffff:a.b.c.d) as dotted quads, IPv6 ones in
 * their shortest text.
 */
export interface InetAddr {
	readonly v4: boolean;
	readonly text: string;
	/** INADDR_ANY or in6addr_any. */
	readonly any: boolean;
}

export const INADDR_ANY: InetAddr = { v4: true, text: "0.0.0.0", any: true };
export const IN6ADDR_ANY: InetAddr = { v4: false, text: "::", any: true };
export const INADDR_LOOPBACK: InetAddr = { v4: true, text: "127.0.0.1", any: false };
export const IN6ADDR_LOOPBACK: InetAddr = { v4: false, text: "::1", any: false };

function parseV4(s: string): number[] | null {
	const parts = s.split(".");
	if (parts.length !== 4) return null;
	const out: number[] = [];
	for (const p of parts) {
		if (!/^\d{1,3}$/.test(p)) return null;
		const n = Number(p);
		if (n > 255) return null;
		out.push(n);
	}
	return out;
}

/** inet_pton(AF_INET6): eight 16-bit groups, or null. */
function parseV6(s: string): number[] | null {
	let tail: number[] = [];
	let text = s;
	const lastColon = text.lastIndexOf(":");
	if (text.includes(".")) {
		const q = parseV4(text.slice(lastColon + 1));
		if (q === null) return null;
		tail = [(q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!];
		text = text.slice(0, lastColon + 1);
		if (!text.endsWith("::")) text = text.slice(0, -1);
	}
	const halves = text.split("::");
	if (halves.length > 2) return null;
	const group = (h: string): number[] | null => {
		if (h === "") return [];
		const out: number[] = [];
		for (const g of h.split(":")) {
			if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
			out.push(Number.parseInt(g, 16));
		}
		return out;
	};
	const head = group(halves[0]!);
	const rest = halves.length === 2 ? group(halves[1]!) : [];
	if (head === null || rest === null) return null;
	const have = head.length + rest.length + tail.length;
	if (halves.length === 1 ? have !== 8 : have > 7) return null;
	return [...head, ...new Array<number>(8 - have).fill(0), ...rest, ...tail];
}

/**
 * The address of a sockaddr of `family` (as a socket of `sockFamily`
 * would take it); EINVAL for text that is no address of the family.
 */
export function inetAddr(family: number, addr: string): InetAddr {
	if (family === AF_INET) {
		const q = parseV4(addr);
		if (q === null) throw new KernelError("EINVAL");
		const text = q.join(".");
		return { v4: true, text, any: text === "0.0.0.0" };
	}
	const g = parseV6(addr);
	if (g === null) throw new KernelError("EINVAL");
	if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
		const text = `${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`;
		return { v4: true, text, any: false };
	}
	return { v4: false, text: v6Text(g), any: g.every((x) => x === 0) };
}

/** The shortest text of eight groups (RFC 5952: the longest run of zeros becomes ::). */
function v6Text(g: readonly number[]): string {
	let best = -1;
	let bestLen = 1;
	for (let i = 0; i < 8; ) {
		if (g[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && g[j] === 0) j++;
		if (j - i > bestLen) {
			best = i;
			bestLen = j - i;
		}
		i = j;
	}
	const hex = g.map((x) => x.toString(16));
	if (best < 0) return hex.join(":");
	return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/** The text a socket of `family` reports for an address (IPv6 sockets map IPv4 ones). */
export function addrText(family: number, a: InetAddr): string {
	if (family === AF_INET6 && a.v4) return `::ffff:${a.text}`;
	return a.text;
}

/** inet_addr_type() == RTN_LOCAL on a machine whose only interface is lo. */
export function isLocal(a: InetAddr): boolean {
	if (a.any) return true;
	if (a.v4) return a.text.startsWith("127.");
	return a.text === "::1";
}

/**
 * inet_rcv_saddr_equal() with wildcards: whether two sockets bound to
 * these addresses on one port would receive the same traffic. A dual-stack
 * IPv6 socket bound to :: covers IPv4 too.
 */
export function addrsOverlap(a: InetAddr, b: InetAddr): boolean {
	if (a.v4 === b.v4) return a.any || b.any || a.text === b.text;
	const v6 = a.v4 ? b : a;
	return v6.any;
}

/** Whether a listener bound to `bound` takes connections to `dst`. */
export function listenerMatches(bound: InetAddr, dst: InetAddr): boolean {
	if (bound.v4 === dst.v4) return bound.any || bound.text === dst.text;
	return !bound.v4 && bound.any;
}
