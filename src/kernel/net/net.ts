/**
 * struct net for the one network namespace: the TCP sysctls that size
 * buffers and pick ports (net.ipv4.tcp_wmem, tcp_rmem, ip_local_port_range,
 * net.core.wmem_max, rmem_max, somaxconn, with their defaults), the port
 * table, tcp_memory_allocated (pages), and every socket not yet freed
 * (orphans finishing their work included), for the invariants.
 */
import type { Kernel } from "../kernel.ts";
import { InetHashinfo } from "./inet-hashtables.ts";
import type { Sock } from "./sock.ts";

export class Net {
	readonly kernel: Kernel;
	readonly hashinfo: InetHashinfo;
	/** net.ipv4.tcp_wmem and tcp_rmem: min, default, max. */
	readonly tcpWmem: [number, number, number] = [4096, 16384, 4194304];
	readonly tcpRmem: [number, number, number] = [4096, 131072, 6291456];
	/** net.core.wmem_max, rmem_max: the ceilings of SO_SNDBUF and SO_RCVBUF. */
	wmemMax = 212992;
	rmemMax = 212992;
	/** net.core.somaxconn. */
	somaxconn = 4096;
	/** tcp_memory_allocated: pages charged by every TCP socket. */
	tcpMemoryAllocated = 0;
	/** Every TCP socket not freed yet. */
	readonly socks = new Set<Sock>();
	private lastSockId = 0;

	constructor(kernel: Kernel) {
		this.kernel = kernel;
		this.hashinfo = new InetHashinfo(kernel.rng);
	}

	nextSockId(): number {
		return ++this.lastSockId;
	}
}
