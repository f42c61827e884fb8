/**
 * sockfs and the socket system calls (net/socket.c): a socket is an inode
 * of the internal sockfs mount (S_IFSOCK, `socket:[ino]` in /proc), opened
 * O_RDWR as a stream, whose read and write are the protocol's recvmsg and
 * sendmsg, so read(2) and write(2) work on it as on any file, and whose
 * last close closes the connection. The calls check what net/socket.c and
 * the inet layer check before the protocol runs: the descriptor
 * (EBADF, ENOTSOCK), the family, type and protocol of socket(2), the
 * sockaddr's length and family, the flags of accept4(2).
 *
 * Only TCP over IPv4 and IPv6 is there: other families are
 * EAFNOSUPPORT as on a kernel built without them, other types of an inet
 * socket ESOCKTNOSUPPORT.
 */
import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import {
	AF_INET,
	AF_INET6,
	AF_MAX,
	AF_UNSPEC,
	IPPROTO_IP,
	IPPROTO_MAX,
	IPPROTO_TCP,
	SHUT_RDWR,
	SOCK_CLOEXEC,
	SOCK_MAX,
	SOCK_NONBLOCK,
	SOCK_STREAM,
	SOCK_TYPE_MASK,
	TCP_CLOSE,
	TCP_SYN_SENT,
} from "../kernel/net/defs.ts";
import {
	addrText,
	IN6ADDR_ANY,
	INADDR_ANY,
	type InetAddr,
	inetAddr,
	SIN6_LEN_RFC2133,
	SOCKADDR_IN_LEN,
	type SockAddr,
} from "../kernel/net/inet-addr.ts";
import type { Sock } from "../kernel/net/sock.ts";
import { sockGetsockopt, sockSetsockopt } from "../kernel/net/sockopt.ts";
import {
	inetAccept,
	inetBind,
	inetDisconnect,
	inetListen,
	inetShutdown,
	inetStreamConnect,
	tcpClose,
	tcpCreate,
	tcpRecvmsg,
} from "../kernel/net/tcp.ts";
import { tcpSendmsg } from "../kernel/net/tcp-output.ts";
import type { Task } from "../kernel/task.ts";
import { O_NONBLOCK, O_RDWR, S_IFSOCK, type Stat } from "./constants.ts";
import { OpenFile } from "./file.ts";
import { type FileHandle, Inode } from "./inode.ts";
import { PseudoSuperBlock, pseudoStat } from "./pseudo-fs.ts";
import type { Vfs } from "./vfs.ts";

/** SOCKFS_MAGIC. */
export const SOCKFS_MAGIC = 0x534f434b;

/** The sockfs superblock. */
export class SockfsSuperBlock extends PseudoSuperBlock {
	readonly fsType = "sockfs";
	readonly magic = SOCKFS_MAGIC;
	readonly kernel: Kernel;

	constructor(kernel: Kernel, dev: number) {
		super(dev, "sockfs", () => kernel.clock.realtime());
		this.kernel = kernel;
	}
}

/** struct socket_alloc: the inode of a socket, with its struct sock. */
export class SocketInode extends Inode {
	readonly sb: SockfsSuperBlock;
	readonly ino: number;
	readonly mode = S_IFSOCK | 0o777;
	readonly uid: number;
	readonly gid: number;
	readonly sk: Sock;
	private readonly timeNs: number;

	constructor(sb: SockfsSuperBlock, sk: Sock, task: Task) {
		super();
		this.sb = sb;
		this.ino = sb.allocIno();
		this.sk = sk;
		this.uid = task.cred.fsuid;
		this.gid = task.cred.fsgid;
		this.timeNs = sb.kernel.clock.realtime();
	}

	stat(): Stat {
		return pseudoStat(this.sb.dev, this.ino, this.mode, this.uid, this.gid, this.timeNs);
	}

	/** sockfs_dname(). */
	get dname(): string {
		return `socket:[${this.ino}]`;
	}
}

/** socket_file_ops: read and write are recvmsg and sendmsg; the last close closes the socket. */
class SocketHandle implements FileHandle {
	private readonly kernel: Kernel;
	private readonly sk: Sock;

	constructor(kernel: Kernel, sk: Sock) {
		this.kernel = kernel;
		this.sk = sk;
	}

	read(file: OpenFile, _pos: number, count: number, task: Task): Uint8Array {
		return tcpRecvmsg(this.kernel, this.sk, task, count, (file.flags & O_NONBLOCK) !== 0);
	}

	write(file: OpenFile, data: Uint8Array, _pos: number, task: Task): number {
		if (data.length === 0) return 0;
		return tcpSendmsg(this.kernel, this.sk, task, data, (file.flags & O_NONBLOCK) !== 0);
	}

	release(): void {
		tcpClose(this.kernel, this.sk);
	}
}

/** sock_alloc_file(): an open file of a new socket inode. */
function sockAllocFile(vfs: Vfs, task: Task, sk: Sock, flags: number): OpenFile {
	const sb = vfs.sockfs();
	const inode = new SocketInode(sb, sk, task);
	const file = new OpenFile({ mnt: sb.mnt, inode }, O_RDWR | (flags & SOCK_NONBLOCK), task.cred);
	file.stream = true;
	file.handle = new SocketHandle(vfs.kernel, sk);
	return file;
}

/** The socket behind an open file, or null (sock_from_file()). */
export function socketOf(file: OpenFile): Sock | null {
	const inode = file.inode;
	return inode instanceof SocketInode ? inode.sk : null;
}

/** sockfd_lookup(): EBADF, ENOTSOCK. */
function lookup(vfs: Vfs, task: Task, fd: number): { file: OpenFile; sk: Sock } {
	const file = vfs.files(task).get(fd);
	const sk = socketOf(file);
	if (sk === null) throw new KernelError("ENOTSOCK");
	return { file, sk };
}

function nonblocking(file: OpenFile): boolean {
	return (file.flags & O_NONBLOCK) !== 0;
}

/** Every call ends with the return to user space's deferred work. */
function syscall<T>(vfs: Vfs, fn: () => T): T {
	try {
		return fn();
	} finally {
		vfs.kernel.runPendingWork();
	}
}

/**
 * __sys_socket(): EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC
 * or a type out of range, EAFNOSUPPORT for a family that is not there,
 * then inet_create(): ESOCKTNOSUPPORT for a type without a protocol,
 * EPROTONOSUPPORT for a protocol the type does not have.
 */
export function sysSocket(
	vfs: Vfs,
	task: Task,
	domain: number,
	type: number,
	protocol = 0,
): number {
	return syscall(vfs, () => {
		const flags = type & ~SOCK_TYPE_MASK;
		if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) throw new KernelError("EINVAL");
		const t = type & SOCK_TYPE_MASK;
		if (domain < 0 || domain >= AF_MAX) throw new KernelError("EAFNOSUPPORT");
		if (t < 0 || t >= SOCK_MAX) throw new KernelError("EINVAL");
		if (domain !== AF_INET && domain !== AF_INET6) throw new KernelError("EAFNOSUPPORT");
		if (protocol < 0 || protocol >= IPPROTO_MAX) throw new KernelError("EINVAL");
		if (t !== SOCK_STREAM) throw new KernelError("ESOCKTNOSUPPORT");
		if (protocol !== IPPROTO_IP && protocol !== IPPROTO_TCP)
			throw new KernelError("EPROTONOSUPPORT");
		const files = vfs.files(task);
		const fd = files.unused(0);
		const sk = tcpCreate(vfs.kernel, domain, task);
		const file = sockAllocFile(vfs, task, sk, flags);
		files.installAt(fd, file, (flags & SOCK_CLOEXEC) !== 0);
		return fd;
	});
}

/**
 * The address of a sockaddr for a socket of `family`: EINVAL when too
 * short or malformed, EAFNOSUPPORT for another family (an IPv4 socket
 * takes AF_UNSPEC with INADDR_ANY for bind(), as inet_bind() does).
 */
function sockaddrOf(family: number, sa: SockAddr, forBind: boolean): InetAddr {
	const len = sa.len ?? (sa.family === AF_INET6 ? SIN6_LEN_RFC2133 + 4 : SOCKADDR_IN_LEN);
	if (len < (family === AF_INET6 ? SIN6_LEN_RFC2133 : SOCKADDR_IN_LEN))
		throw new KernelError("EINVAL");
	if (sa.family !== family) {
		if (family === AF_INET && forBind && sa.family === AF_UNSPEC) {
			const a = inetAddr(AF_INET, sa.addr);
			if (a.any) return INADDR_ANY;
		}
		throw new KernelError("EAFNOSUPPORT");
	}
	if (!Number.isInteger(sa.port) || sa.port < 0 || sa.port > 65535) throw new KernelError("EINVAL");
	return inetAddr(family, sa.addr);
}

/** bind(2). */
export function sysBind(vfs: Vfs, task: Task, fd: number, sa: SockAddr): void {
	syscall(vfs, () => {
		const { sk } = lookup(vfs, task, fd);
		const addr = sockaddrOf(sk.family, sa, true);
		inetBind(vfs.kernel, sk, task, addr, sa.port);
	});
}

/** listen(2). */
export function sysListen(vfs: Vfs, task: Task, fd: number, backlog: number): void {
	syscall(vfs, () => {
		const { sk } = lookup(vfs, task, fd);
		inetListen(vfs.kernel, sk, backlog);
	});
}

/**
 * accept4(2): the new connection's descriptor and its peer's address.
 * EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC; WouldBlock (or
 * EAGAIN with O_NONBLOCK) while nobody connected.
 */
export function sysAccept4(
	vfs: Vfs,
	task: Task,
	fd: number,
	flags = 0,
): { fd: number; addr: SockAddr } {
	return syscall(vfs, () => {
		if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) throw new KernelError("EINVAL");
		const { file, sk } = lookup(vfs, task, fd);
		const files = vfs.files(task);
		const newfd = files.unused(0);
		const child = inetAccept(vfs.kernel, sk, task, nonblocking(file));
		const newFile = sockAllocFile(vfs, task, child, flags);
		files.installAt(newfd, newFile, (flags & SOCK_CLOEXEC) !== 0);
		return { fd: newfd, addr: peerAddr(child) };
	});
}

/**
 * connect(2). AF_UNSPEC dissolves the association (tcp_disconnect()).
 * WouldBlock while the handshake waits for the listener's queue.
 */
export function sysConnect(vfs: Vfs, task: Task, fd: number, sa: SockAddr): void {
	syscall(vfs, () => {
		const { file, sk } = lookup(vfs, task, fd);
		if (sa.family === AF_UNSPEC) {
			inetDisconnect(vfs.kernel, sk);
			return;
		}
		const addr = sockaddrOf(sk.family, sa, false);
		inetStreamConnect(vfs.kernel, sk, addr, sa.port, nonblocking(file));
	});
}

/** shutdown(2): EINVAL for a `how` other than SHUT_RD, SHUT_WR, SHUT_RDWR. */
export function sysShutdown(vfs: Vfs, task: Task, fd: number, how: number): void {
	syscall(vfs, () => {
		const { sk } = lookup(vfs, task, fd);
		if (!Number.isInteger(how) || how < 0 || how > SHUT_RDWR) throw new KernelError("EINVAL");
		inetShutdown(vfs.kernel, sk, how);
	});
}

/** setsockopt(2) of an int option. */
export function sysSetsockopt(
	vfs: Vfs,
	task: Task,
	fd: number,
	level: number,
	optname: number,
	val: number,
	optlen = 4,
): void {
	syscall(vfs, () => {
		const { sk } = lookup(vfs, task, fd);
		sockSetsockopt(vfs.kernel, sk, level, optname, val, optlen);
	});
}

/** getsockopt(2) of an int option. */
export function sysGetsockopt(
	vfs: Vfs,
	task: Task,
	fd: number,
	level: number,
	optname: number,
): number {
	return syscall(vfs, () => {
		const { sk } = lookup(vfs, task, fd);
		return sockGetsockopt(sk, level, optname);
	});
}

/** inet_getname() of the local side: the wildcard and port 0 when unbound. */
function localAddr(sk: Sock): SockAddr {
	const a = sk.local ?? (sk.family === AF_INET6 ? IN6ADDR_ANY : INADDR_ANY);
	return { family: sk.family, addr: addrText(sk.family, a), port: sk.port };
}

function peerAddr(sk: Sock): SockAddr {
	return { family: sk.family, addr: addrText(sk.family, sk.remote!), port: sk.remotePort };
}

/** getsockname(2). */
export function sysGetsockname(vfs: Vfs, task: Task, fd: number): SockAddr {
	return syscall(vfs, () => localAddr(lookup(vfs, task, fd).sk));
}

/** getpeername(2): ENOTCONN unless connected. */
export function sysGetpeername(vfs: Vfs, task: Task, fd: number): SockAddr {
	return syscall(vfs, () => {
		const { sk } = lookup(vfs, task, fd);
		if (sk.remote === null || sk.state === TCP_CLOSE || sk.state === TCP_SYN_SENT)
			throw new KernelError("ENOTCONN");
		return peerAddr(sk);
	});
}
