/**
 * The socket ABI numbers (include/linux/socket.h, include/linux/net.h,
 * include/uapi/asm-generic/socket.h, include/uapi/linux/in.h), the TCP
 * states (include/net/tcp_states.h) and the sizes the memory accounting of
 * TCP derives from (include/linux/skbuff.h, include/net/sock.h,
 * include/net/tcp.h) on x86-64.
 */

/** Address families (the PF_ names are the same numbers). */
export const AF_UNSPEC = 0;
export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_NETLINK = 16;
export const AF_MAX = 46;

/** Socket types and the flags socket(2) and accept4(2) take in `type`. */
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
export const SOCK_SEQPACKET = 5;
export const SOCK_MAX = 11;
export const SOCK_TYPE_MASK = 0xf;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;

/** Protocols. */
export const IPPROTO_IP = 0;
export const IPPROTO_TCP = 6;
export const IPPROTO_MAX = 263;

/** setsockopt() levels and SOL_SOCKET options. */
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_TYPE = 3;
export const SO_ERROR = 4;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;

/** The flags of send(2) and recv(2) (include/linux/socket.h). */
export const MSG_OOB = 0x1;
export const MSG_PEEK = 0x2;
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;
export const MSG_WAITALL = 0x100;
export const MSG_NOSIGNAL = 0x4000;

/** net.core.wmem_default and rmem_default: the buffers sock_init_data() gives a new socket. */
export const WMEM_DEFAULT = 212992;
export const RMEM_DEFAULT = 212992;

/** shutdown(2)'s how, and sk_shutdown's bits (how + 1). */
export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;
export const RCV_SHUTDOWN = 1;
export const SEND_SHUTDOWN = 2;
export const SHUTDOWN_MASK = 3;

/** enum tcp_state (the ones a loopback connection goes through here). */
export const TCP_ESTABLISHED = 1;
export const TCP_SYN_SENT = 2;
export const TCP_FIN_WAIT1 = 4;
export const TCP_FIN_WAIT2 = 5;
export const TCP_CLOSE = 7;
export const TCP_CLOSE_WAIT = 8;
export const TCP_LAST_ACK = 9;
export const TCP_LISTEN = 10;
export const TCP_CLOSING = 11;

/** socket_state of struct socket. */
export const SS_UNCONNECTED = 1;
export const SS_CONNECTING = 2;
export const SS_CONNECTED = 3;
export const SS_DISCONNECTING = 4;

/** sk_userlocks. */
export const SOCK_SNDBUF_LOCK = 1;
export const SOCK_RCVBUF_LOCK = 2;
export const SOCK_BINDADDR_LOCK = 4;
export const SOCK_BINDPORT_LOCK = 8;

/** The kind of a socket memory charge (__sk_mem_raise_allocated()). */
export const SK_MEM_SEND = 0;
export const SK_MEM_RECV = 1;

/** SK_MEM_QUANTUM is PAGE_SIZE: socket memory is charged in whole pages. */
export const SK_MEM_QUANTUM = 4096;

/** SKB_DATA_ALIGN(sizeof(struct sk_buff)) and of struct skb_shared_info on x86-64. */
const SKB_STRUCT = 256;
const SKB_SHINFO = 320;
/** MAX_TCP_HEADER: the headroom of an skb tcp_sendmsg() builds. */
export const MAX_TCP_HEADER = 320;
/**
 * The truesize of an skb tcp_stream_alloc_skb() makes, before any payload:
 * SKB_TRUESIZE() of its kmalloc-1k head (MAX_TCP_HEADER plus the shared
 * info round up to 1024 bytes). The payload sits in page fragments and
 * adds its length.
 */
export const TCP_SKB_HEAD_TRUESIZE = 1024 - SKB_SHINFO + SKB_STRUCT + SKB_SHINFO;
/** TCP_SKB_MIN_TRUESIZE, SOCK_MIN_SNDBUF, SOCK_MIN_RCVBUF. */
export const TCP_SKB_MIN_TRUESIZE = 2048 + SKB_STRUCT;
export const SOCK_MIN_SNDBUF = 2 * TCP_SKB_MIN_TRUESIZE;
export const SOCK_MIN_RCVBUF = TCP_SKB_MIN_TRUESIZE;

/** The loopback device's MTU, and the MSS of a connection over it (timestamps on). */
export const LOOPBACK_MTU = 65536;
/** TCP_INIT_CWND. */
export const TCP_INIT_CWND = 10;
/** TCP_DEFAULT_SCALING_RATIO: the payload share of receive memory assumed before measuring (of 256). */
export const TCP_DEFAULT_SCALING_RATIO = 128;
/** TCP_RMEM_TO_WIN_SCALE. */
export const TCP_RMEM_TO_WIN_SCALE = 8;

/** CAP_NET_BIND_SERVICE, and the default net.ipv4.ip_unprivileged_port_start. */
export const CAP_NET_BIND_SERVICE = 10;
export const IP_UNPRIVILEGED_PORT_START = 1024;

/** roundup_pow_of_two(). */
export function roundupPowOfTwo(n: number): number {
	let p = 1;
	while (p < n) p *= 2;
	return p;
}

/**
 * tcp_sndbuf_expand()'s target for a new connection: twice TCP_INIT_CWND
 * segments of the worst-case skb size (a power-of-two head holding one MSS
 * and its headers, plus the sk_buff).
 */
export function tcpInitialSndmem(mss: number): number {
	const perMss = roundupPowOfTwo(mss + MAX_TCP_HEADER + SKB_SHINFO) + SKB_STRUCT;
	return 2 * TCP_INIT_CWND * perMss;
}

/**
 * The truesize of an skb whose linear head holds `len` bytes (__alloc_skb()):
 * the head is SKB_DATA_ALIGN(len) plus the shared info, taken from the
 * small-head cache (576 bytes) when it fits and the allocation is not
 * memcg-accounted, else from the kmalloc size it rounds up to; truesize
 * is that allocation plus the sk_buff. Checked against SO_MEMINFO on the
 * reference machine: a proc connector event (76 bytes, GFP_NOWAIT) is 832,
 * a 1-byte AF_UNIX write (GFP_KERNEL_ACCOUNT) 768, a 1000-byte one 2304.
 */
export function skbHeadTruesize(len: number, accounted: boolean): number {
	const obj = ((len + 63) & ~63) + SKB_SHINFO;
	const size =
		!accounted && obj <= SKB_SMALL_HEAD_CACHE_SIZE
			? SKB_SMALL_HEAD_CACHE_SIZE
			: roundupPowOfTwo(obj);
	return size + SKB_STRUCT;
}

/** SKB_SMALL_HEAD_CACHE_SIZE on the reference machine. */
const SKB_SMALL_HEAD_CACHE_SIZE = 576;
/** SKB_MAX_HEAD(0): the most a page-sized head holds. */
export const SKB_MAX_HEAD0 = 4096 - SKB_SHINFO;
