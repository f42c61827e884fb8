/**
 * The TCP port table (struct inet_hashinfo: the bind hash and the
 * listening hash, net/ipv4/inet_hashtables.c, inet_connection_sock.c):
 * which sockets hold which local port, the bind conflict rules
 * (inet_csk_bind_conflict(): overlapping addresses conflict unless both
 * sockets set SO_REUSEADDR and the one already there is not listening),
 * the ephemeral port choice of bind(port 0) and of connect()
 * (inet_csk_find_open_port(), __inet_hash_connect(): a random start in
 * net.ipv4.ip_local_port_range, odd ports first for bind and even ports
 * first for connect), and the lookup of the listener a SYN reaches.
 */
import { KernelError } from "../errno.ts";
import type { Rng } from "../rng.ts";
import { TCP_LISTEN } from "./defs.ts";
import { addrsOverlap, type InetAddr, listenerMatches } from "./inet-addr.ts";
import type { Sock } from "./sock.ts";

export class InetHashinfo {
	/** bhash: the sockets holding each port. */
	private readonly bhash = new Map<number, Set<Sock>>();
	/** net.ipv4.ip_local_port_range. */
	localPortLow = 32768;
	localPortHigh = 60999;
	private readonly rng: Rng;

	constructor(rng: Rng) {
		this.rng = rng;
	}

	/** The sockets bound to `port`. */
	owners(port: number): ReadonlySet<Sock> {
		return this.bhash.get(port) ?? new Set();
	}

	/** inet_csk_bind_conflict() for `sk` taking `addr`:`port`. */
	private conflict(sk: Sock, addr: InetAddr, port: number, reuse: boolean): boolean {
		for (const sk2 of this.owners(port)) {
			if (sk2 === sk || sk2.local === null) continue;
			if (reuse && sk2.reuse && sk2.state !== TCP_LISTEN) continue;
			if (addrsOverlap(addr, sk2.local)) return true;
		}
		return false;
	}

	/** inet_bind_hash(): `sk` holds `addr`:`port`. */
	private hash(sk: Sock, addr: InetAddr, port: number): void {
		let set = this.bhash.get(port);
		if (set === undefined) {
			set = new Set();
			this.bhash.set(port, set);
		}
		set.add(sk);
		sk.local = addr;
		sk.port = port;
	}

	/**
	 * inet_csk_get_port(): bind `sk` to `addr`:`port`, or to a free
	 * ephemeral port when `port` is 0; EADDRINUSE when it conflicts or
	 * no port is free.
	 */
	getPort(sk: Sock, addr: InetAddr, port: number): void {
		if (port !== 0) {
			if (this.conflict(sk, addr, port, sk.reuse)) throw new KernelError("EADDRINUSE");
			this.hash(sk, addr, port);
			return;
		}
		// inet_csk_find_open_port(): a random odd offset, then the even ports.
		const low = this.localPortLow;
		const high = this.localPortHigh + 1;
		let remaining = high - low;
		if (remaining > 1) remaining &= ~1;
		let offset = this.rng.below(remaining) | 1;
		for (;;) {
			let p = low + offset;
			for (let i = 0; i < remaining; i += 2, p += 2) {
				if (p >= high) p -= remaining;
				if (!this.conflict(sk, addr, p, sk.reuse)) {
					this.hash(sk, addr, p);
					return;
				}
			}
			offset--;
			if (offset & 1) break;
		}
		throw new KernelError("EADDRINUSE");
	}

	/**
	 * __inet_hash_connect(): a local port for a connection that has none,
	 * one nobody holds (the even ports first from a random start); the
	 * 4-tuple sharing of ports between connections is not modelled.
	 */
	hashConnect(sk: Sock, addr: InetAddr): void {
		const low = this.localPortLow;
		const high = this.localPortHigh + 1;
		let remaining = high - low;
		if (remaining > 1) remaining &= ~1;
		let offset = this.rng.below(remaining) & ~1;
		for (;;) {
			let p = low + offset;
			for (let i = 0; i < remaining; i += 2, p += 2) {
				if (p >= high) p -= remaining;
				if (this.owners(p).size === 0) {
					this.hash(sk, addr, p);
					return;
				}
			}
			offset++;
			if (!(offset & 1) || remaining <= 1) break;
		}
		throw new KernelError("EADDRNOTAVAIL");
	}

	/** inet_put_port(): `sk` no longer holds its port. */
	putPort(sk: Sock): void {
		if (sk.port === 0) return;
		const set = this.bhash.get(sk.port);
		set?.delete(sk);
		if (set?.size === 0) this.bhash.delete(sk.port);
		sk.port = 0;
		sk.local = null;
	}

	/** __inet_lookup_listener(): the listener a connection to `dst`:`port` reaches (exact address first). */
	lookupListener(dst: InetAddr, port: number): Sock | null {
		let wild: Sock | null = null;
		for (const sk of this.owners(port)) {
			if (sk.state !== TCP_LISTEN || sk.local === null) continue;
			if (!listenerMatches(sk.local, dst)) continue;
			if (!sk.local.any) return sk;
			wild ??= sk;
		}
		return wild;
	}
}
