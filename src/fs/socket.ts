/**
 * sockfs and the socket system calls (net/socket.c): a socket is an inode
 * of the internal sockfs mount (S_IFSOCK, `socket:[ino]` in /proc), opened
 * O_RDWR as a stream, whose read and write are the protocol's recvmsg and
 * sendmsg, so read(2) and write(2) work on it as on any file, and whose
 * last close releases it. The calls check what net/socket.c checks before
 * the family runs (the descriptor: EBADF, ENOTSOCK; the family and type
 * of socket(2); the flags of accept4(2)), then call the family's
 * proto_ops (`Socket`):
 *
 * - AF_INET, AF_INET6: TCP over loopback (kernel/net/tcp.ts); other types
 *   ESOCKTNOSUPPORT;
 * - AF_UNIX: stream sockets bound to filesystem names (kernel/net/af-unix.ts);
 *   the name is made here with the VFS (mknod of an S_IFSOCK inode) and
 *   connect() finds it by path, with the VFS's permission check;
 * - AF_NETLINK: NETLINK_CONNECTOR (kernel/net/netlink.ts, connector.ts).
 *
 * Other families are EAFNOSUPPORT as on a kernel built without them.
 */
import { KernelError } from "../kernel/errno.ts";
import type { Kernel } from "../kernel/kernel.ts";
import {
	SUN_PATH_OFFSET,
	type UnixAddr,
	type UnixSock,
	unixAccept,
	unixBindBsd,
	unixCreate,
	unixFindSocketByInode,
	unixGetname,
	unixIsAbstract,
	unixListen,
	unixMknameBsd,
	unixPoll,
	unixRelease,
	unixShutdown,
	unixStreamConnect,
	unixStreamRecvmsg,
	unixStreamSendmsg,
	unixValidateAddr,
} from "../kernel/net/af-unix.ts";
import {
	AF_INET,
	AF_INET6,
	AF_MAX,
	AF_NETLINK,
	AF_UNIX,
	AF_UNSPEC,
	IPPROTO_IP,
	IPPROTO_MAX,
	IPPROTO_TCP,
	MSG_DONTWAIT,
	RCV_SHUTDOWN,
	SEND_SHUTDOWN,
	SHUT_RDWR,
	SHUTDOWN_MASK,
	SOCK_CLOEXEC,
	SOCK_MAX,
	SOCK_NONBLOCK,
	SOCK_STREAM,
	SOCK_TYPE_MASK,
	SOL_SOCKET,
	TCP_CLOSE,
	TCP_LISTEN,
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
import {
	type NetlinkAddr,
	type NetlinkSock,
	netlinkBind,
	netlinkConnect,
	netlinkCreate,
	netlinkGetname,
	netlinkGetsockopt,
	netlinkPoll,
	netlinkRecvmsg,
	netlinkRelease,
	netlinkSendmsg,
	netlinkSetsockopt,
	SOCKADDR_NL_LEN,
	SOL_NETLINK,
} from "../kernel/net/netlink.ts";
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
import {
	POLLERR,
	POLLHUP,
	POLLIN,
	POLLOUT,
	POLLRDHUP,
	POLLRDNORM,
	POLLWRNORM,
	type PollOps,
	type PollTable,
} from "../kernel/poll.ts";
import type { Task } from "../kernel/task.ts";
import type { WaitQueue } from "../kernel/wait.ts";
import { MAY_WRITE, O_NONBLOCK, O_RDWR, S_IFMT, S_IFSOCK, type Stat } from "./constants.ts";
import { OpenFile } from "./file.ts";
import { type FileHandle, Inode } from "./inode.ts";
import { inodePermission } from "./permission.ts";
import { PseudoSuperBlock, pseudoStat } from "./pseudo-fs.ts";
import type { Vfs } from "./vfs.ts";

/** SOCKFS_MAGIC. */
export const SOCKFS_MAGIC = 0x534f434b;

/** An address of any family the socket calls take and return. */
export type AnySockAddr = SockAddr | UnixAddr | NetlinkAddr;

/** What recvfrom(2) hands back. */
export interface RecvResult {
	/** The bytes received. */
	readonly data: Uint8Array;
	/** The return value: data.length, or a datagram's whole length with MSG_TRUNC. */
	readonly size: number;
	/** msg_flags: MSG_TRUNC when a datagram did not fit. */
	readonly flags: number;
	/** The source address (msg_name), null when the family gives none. */
	readonly addr: AnySockAddr | null;
}

function isInetAddr(sa: AnySockAddr): sa is SockAddr {
	return "port" in sa;
}

function isUnixAddr(sa: AnySockAddr): sa is UnixAddr {
	return "path" in sa;
}

function isNetlinkAddr(sa: AnySockAddr): sa is NetlinkAddr {
	return "pid" in sa;
}

/** The addrlen of an address given without one: its family's struct, or sun_path's string. */
function addrLen(sa: AnySockAddr): number {
	if (sa.len !== undefined) return sa.len;
	if (isUnixAddr(sa)) return SUN_PATH_OFFSET + sa.path.length;
	if (isNetlinkAddr(sa)) return SOCKADDR_NL_LEN;
	return sa.family === AF_INET6 ? SIN6_LEN_RFC2133 + 4 : SOCKADDR_IN_LEN;
}

/**
 * struct socket with its proto_ops: what the family does for each call.
 * The defaults are the kernel's sock_no_*() stubs.
 */
export abstract class Socket implements PollOps<OpenFile> {
	abstract readonly family: number;
	abstract readonly type: number;
	/** sk_wq: where readers, writers and pollers of the socket wait. */
	abstract readonly wq: WaitQueue;

	abstract bind(vfs: Vfs, task: Task, sa: AnySockAddr): void;
	abstract connect(vfs: Vfs, task: Task, sa: AnySockAddr, nonblock: boolean): void;

	listen(_vfs: Vfs, _task: Task, _backlog: number): void {
		throw new KernelError("EOPNOTSUPP");
	}

	accept(_vfs: Vfs, _task: Task, _nonblock: boolean): Socket {
		throw new KernelError("EOPNOTSUPP");
	}

	abstract getname(peer: boolean): AnySockAddr;

	shutdown(_how: number): void {
		throw new KernelError("EOPNOTSUPP");
	}

	abstract sendmsg(
		vfs: Vfs,
		task: Task,
		data: Uint8Array,
		flags: number,
		addr: AnySockAddr | null,
		nonblock: boolean,
	): number;

	abstract recvmsg(
		vfs: Vfs,
		task: Task,
		count: number,
		flags: number,
		nonblock: boolean,
	): RecvResult;

	/** The ready mask without registering (the family's ->poll). */
	abstract pollMask(): number;

	/** ->poll(): the mask, waiting on sk_wq. */
	poll(_file: OpenFile, pt: PollTable | null): number {
		pt?.wait(this.wq);
		return this.pollMask();
	}

	abstract setsockopt(
		vfs: Vfs,
		task: Task,
		level: number,
		optname: number,
		val: number,
		optlen: number,
	): void;

	abstract getsockopt(level: number, optname: number): number;

	/** ->release(): the last file reference is gone. */
	abstract release(): void;
}

/** SHUT_RD..SHUT_RDWR, else EINVAL (each family checks it). */
function checkHow(how: number): void {
	if (!Number.isInteger(how) || how < 0 || how > SHUT_RDWR) throw new KernelError("EINVAL");
}

/**
 * struct socket over its struct sock: the family's ops (the subclasses)
 * act on `sk`, and the socket's wait queue is the sock's.
 */
abstract class SockSocket<S extends { readonly wq: WaitQueue }> extends Socket {
	readonly kernel: Kernel;
	readonly sk: S;

	constructor(kernel: Kernel, sk: S) {
		super();
		this.kernel = kernel;
		this.sk = sk;
	}

	get wq(): WaitQueue {
		return this.sk.wq;
	}
}

// ------------------------------------------------------------------ inet

/** inet_stream_ops over a TCP sock. */
class InetSocket extends SockSocket<Sock> {
	readonly type = SOCK_STREAM;

	get family(): number {
		return this.sk.family;
	}

	/**
	 * The address of a sockaddr for this socket: EINVAL when too short or
	 * malformed, EAFNOSUPPORT for another family (an IPv4 socket takes
	 * AF_UNSPEC with INADDR_ANY for bind(), as inet_bind() does).
	 */
	private sockaddrOf(sa: AnySockAddr, forBind: boolean): { addr: InetAddr; port: number } {
		const family = this.sk.family;
		if (addrLen(sa) < (family === AF_INET6 ? SIN6_LEN_RFC2133 : SOCKADDR_IN_LEN))
			throw new KernelError("EINVAL");
		if (!isInetAddr(sa)) throw new KernelError("EAFNOSUPPORT");
		if (sa.family !== family) {
			if (family === AF_INET && forBind && sa.family === AF_UNSPEC) {
				const a = inetAddr(AF_INET, sa.addr);
				if (a.any) return { addr: INADDR_ANY, port: sa.port };
			}
			throw new KernelError("EAFNOSUPPORT");
		}
		if (!Number.isInteger(sa.port) || sa.port < 0 || sa.port > 65535)
			throw new KernelError("EINVAL");
		return { addr: inetAddr(family, sa.addr), port: sa.port };
	}

	bind(_vfs: Vfs, task: Task, sa: AnySockAddr): void {
		const { addr, port } = this.sockaddrOf(sa, true);
		inetBind(this.kernel, this.sk, task, addr, port);
	}

	/** AF_UNSPEC dissolves the association (tcp_disconnect()). */
	connect(_vfs: Vfs, _task: Task, sa: AnySockAddr, nonblock: boolean): void {
		if (sa.family === AF_UNSPEC) {
			inetDisconnect(this.kernel, this.sk);
			return;
		}
		const { addr, port } = this.sockaddrOf(sa, false);
		inetStreamConnect(this.kernel, this.sk, addr, port, nonblock);
	}

	override listen(_vfs: Vfs, _task: Task, backlog: number): void {
		inetListen(this.kernel, this.sk, backlog);
	}

	override accept(_vfs: Vfs, task: Task, nonblock: boolean): Socket {
		return new InetSocket(this.kernel, inetAccept(this.kernel, this.sk, task, nonblock));
	}

	/** inet_getname(): the wildcard and port 0 when unbound; ENOTCONN for the peer unless connected. */
	getname(peer: boolean): SockAddr {
		const sk = this.sk;
		if (peer) {
			if (sk.remote === null || sk.state === TCP_CLOSE || sk.state === TCP_SYN_SENT)
				throw new KernelError("ENOTCONN");
			return { family: sk.family, addr: addrText(sk.family, sk.remote), port: sk.remotePort };
		}
		const a = sk.local ?? (sk.family === AF_INET6 ? IN6ADDR_ANY : INADDR_ANY);
		return { family: sk.family, addr: addrText(sk.family, a), port: sk.port };
	}

	override shutdown(how: number): void {
		checkHow(how);
		inetShutdown(this.kernel, this.sk, how);
	}

	sendmsg(
		_vfs: Vfs,
		task: Task,
		data: Uint8Array,
		flags: number,
		_addr: AnySockAddr | null,
		nonblock: boolean,
	): number {
		if (data.length === 0) return 0;
		return tcpSendmsg(this.kernel, this.sk, task, data, nonblock || (flags & MSG_DONTWAIT) !== 0);
	}

	recvmsg(_vfs: Vfs, task: Task, count: number, flags: number, nonblock: boolean): RecvResult {
		const data = tcpRecvmsg(
			this.kernel,
			this.sk,
			task,
			count,
			nonblock || (flags & MSG_DONTWAIT) !== 0,
		);
		return { data, size: data.length, flags: 0, addr: null };
	}

	/** tcp_poll(). */
	pollMask(): number {
		const sk = this.sk;
		if (sk.state === TCP_LISTEN) return sk.acceptQueue.length > 0 ? POLLIN | POLLRDNORM : 0;
		let mask = 0;
		if (sk.shutdown === SHUTDOWN_MASK || sk.state === TCP_CLOSE) mask |= POLLHUP;
		if (sk.shutdown & RCV_SHUTDOWN) mask |= POLLIN | POLLRDNORM | POLLRDHUP;
		if (sk.state !== TCP_SYN_SENT) {
			if (sk.rcvBytes > 0) mask |= POLLIN | POLLRDNORM;
			// __sk_stream_is_writeable(): free space at least a third of what is queued.
			if (sk.shutdown & SEND_SHUTDOWN || sk.sndbuf - sk.wmemQueued >= sk.wmemQueued >> 1)
				mask |= POLLOUT | POLLWRNORM;
		}
		if (sk.err !== null) mask |= POLLERR;
		return mask;
	}

	setsockopt(
		_vfs: Vfs,
		_task: Task,
		level: number,
		optname: number,
		val: number,
		optlen: number,
	): void {
		sockSetsockopt(this.kernel, this.sk, level, optname, val, optlen);
	}

	getsockopt(level: number, optname: number): number {
		return sockGetsockopt(this.sk, level, optname);
	}

	release(): void {
		tcpClose(this.kernel, this.sk);
	}
}

// ------------------------------------------------------------------ unix

/** unix_stream_ops. */
class UnixSocket extends SockSocket<UnixSock> {
	readonly family = AF_UNIX;

	get type(): number {
		return this.sk.type;
	}

	/**
	 * unix_bind(): addrlen offsetof(sun_path) asks for autobind, and an
	 * abstract name for the abstract namespace, neither modelled
	 * (EOPNOTSUPP); a path is created with mknod as an S_IFSOCK inode with
	 * 0777 less the umask (EADDRINUSE when it exists, the VFS's errors
	 * otherwise).
	 */
	bind(vfs: Vfs, task: Task, sa: AnySockAddr): void {
		const len = addrLen(sa);
		if (len === SUN_PATH_OFFSET && sa.family === AF_UNIX) throw new KernelError("EOPNOTSUPP");
		if (!isUnixAddr(sa)) {
			if (len <= SUN_PATH_OFFSET || len > 110 || sa.family !== AF_UNIX)
				throw new KernelError("EINVAL");
			throw new KernelError("EOPNOTSUPP");
		}
		const sunPath = unixValidateAddr({ family: sa.family, path: sa.path, len });
		if (unixIsAbstract(sunPath)) throw new KernelError("EOPNOTSUPP");
		const name = unixMknameBsd(sunPath);
		unixBindBsd(
			this.sk,
			name,
			() => {
				vfs.mknod(task, name.path, S_IFSOCK | 0o777);
				return vfs.resolve(task, name.path, true).inode;
			},
			() => vfs.unlink(task, name.path),
		);
	}

	/**
	 * unix_stream_connect(): the name is resolved (following symlinks: the
	 * VFS's errors), needs write permission (EACCES), and must be a socket
	 * some socket is bound to (ECONNREFUSED); an abstract name finds nobody.
	 */
	connect(vfs: Vfs, task: Task, sa: AnySockAddr, nonblock: boolean): void {
		const len = addrLen(sa);
		if (!isUnixAddr(sa)) {
			if (len <= SUN_PATH_OFFSET || len > 110 || sa.family !== AF_UNIX)
				throw new KernelError("EINVAL");
			throw new KernelError("ECONNREFUSED");
		}
		const sunPath = unixValidateAddr({ family: sa.family, path: sa.path, len });
		if (unixIsAbstract(sunPath)) throw new KernelError("ECONNREFUSED");
		const name = unixMknameBsd(sunPath);
		const p = vfs.resolve(task, name.path);
		inodePermission(p.inode, MAY_WRITE, task.cred, p.mnt);
		if ((p.inode.mode & S_IFMT) !== S_IFSOCK) throw new KernelError("ECONNREFUSED");
		const other = unixFindSocketByInode(p.inode);
		if (other === null) throw new KernelError("ECONNREFUSED");
		unixStreamConnect(this.sk, other, task, nonblock);
	}

	/** __sys_listen() caps the backlog at net.core.somaxconn (as an unsigned value). */
	override listen(_vfs: Vfs, task: Task, backlog: number): void {
		const somaxconn = this.kernel.net.somaxconn;
		unixListen(this.sk, backlog >>> 0 > somaxconn ? somaxconn : backlog, task);
	}

	override accept(_vfs: Vfs, _task: Task, nonblock: boolean): Socket {
		return new UnixSocket(this.kernel, unixAccept(this.sk, nonblock));
	}

	getname(peer: boolean): UnixAddr {
		return unixGetname(this.sk, peer);
	}

	override shutdown(how: number): void {
		checkHow(how);
		unixShutdown(this.sk, how);
	}

	sendmsg(
		_vfs: Vfs,
		_task: Task,
		data: Uint8Array,
		flags: number,
		addr: AnySockAddr | null,
		nonblock: boolean,
	): number {
		return unixStreamSendmsg(
			this.sk,
			data,
			flags,
			nonblock || (flags & MSG_DONTWAIT) !== 0,
			addr !== null,
		);
	}

	recvmsg(_vfs: Vfs, _task: Task, count: number, flags: number, nonblock: boolean): RecvResult {
		const r = unixStreamRecvmsg(this.sk, count, flags, nonblock || (flags & MSG_DONTWAIT) !== 0);
		return { data: r.data, size: r.data.length, flags: 0, addr: r.addr };
	}

	pollMask(): number {
		return unixPoll(this.sk);
	}

	/** SOL_SOCKET options; AF_UNIX has no others (EOPNOTSUPP). */
	setsockopt(
		_vfs: Vfs,
		_task: Task,
		level: number,
		optname: number,
		val: number,
		optlen: number,
	): void {
		if (level !== SOL_SOCKET) throw new KernelError("EOPNOTSUPP");
		sockSetsockopt(this.kernel, this.sk, SOL_SOCKET, optname, val, optlen);
	}

	getsockopt(level: number, optname: number): number {
		if (level !== SOL_SOCKET) throw new KernelError("EOPNOTSUPP");
		return sockGetsockopt(this.sk, SOL_SOCKET, optname, this.sk.type);
	}

	release(): void {
		unixRelease(this.sk);
	}
}

// --------------------------------------------------------------- netlink

/** netlink_ops. */
class NetlinkSocket extends SockSocket<NetlinkSock> {
	readonly family = AF_NETLINK;

	get type(): number {
		return this.sk.type;
	}

	/** A struct sockaddr_nl from any address: another shape is read as the family it claims. */
	private nladdr(sa: AnySockAddr): NetlinkAddr {
		if (isNetlinkAddr(sa)) return sa;
		return { family: sa.family, pid: 0, groups: 0, len: addrLen(sa) };
	}

	bind(_vfs: Vfs, task: Task, sa: AnySockAddr): void {
		netlinkBind(this.kernel, this.sk, task, this.nladdr(sa));
	}

	connect(_vfs: Vfs, task: Task, sa: AnySockAddr, _nonblock: boolean): void {
		netlinkConnect(this.kernel, this.sk, task, this.nladdr(sa));
	}

	getname(peer: boolean): NetlinkAddr {
		return netlinkGetname(this.sk, peer);
	}

	sendmsg(
		_vfs: Vfs,
		task: Task,
		data: Uint8Array,
		flags: number,
		addr: AnySockAddr | null,
		nonblock: boolean,
	): number {
		return netlinkSendmsg(
			this.kernel,
			this.sk,
			task,
			data,
			flags,
			addr === null ? null : this.nladdr(addr),
			nonblock,
		);
	}

	recvmsg(_vfs: Vfs, _task: Task, count: number, flags: number, nonblock: boolean): RecvResult {
		const r = netlinkRecvmsg(this.sk, count, flags, nonblock);
		return { data: r.data, size: r.size, flags: r.flags, addr: r.addr };
	}

	pollMask(): number {
		return netlinkPoll(this.sk);
	}

	/** SOL_SOCKET options, and netlink_setsockopt() for SOL_NETLINK; other levels ENOPROTOOPT. */
	setsockopt(
		_vfs: Vfs,
		task: Task,
		level: number,
		optname: number,
		val: number,
		optlen: number,
	): void {
		if (level === SOL_SOCKET)
			sockSetsockopt(this.kernel, this.sk, SOL_SOCKET, optname, val, optlen);
		else if (level === SOL_NETLINK)
			netlinkSetsockopt(this.kernel, this.sk, task, optname, val, optlen);
		else throw new KernelError("ENOPROTOOPT");
	}

	getsockopt(level: number, optname: number): number {
		if (level === SOL_SOCKET) return sockGetsockopt(this.sk, SOL_SOCKET, optname, this.sk.type);
		if (level === SOL_NETLINK) return netlinkGetsockopt(this.sk, optname);
		throw new KernelError("ENOPROTOOPT");
	}

	release(): void {
		netlinkRelease(this.kernel, this.sk);
	}
}

// ----------------------------------------------------------------- sockfs

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

/** struct socket_alloc: the inode of a socket, with its struct socket. */
export class SocketInode extends Inode {
	readonly sb: SockfsSuperBlock;
	readonly ino: number;
	readonly mode = S_IFSOCK | 0o777;
	readonly uid: number;
	readonly gid: number;
	readonly sock: Socket;
	private readonly timeNs: number;

	constructor(sb: SockfsSuperBlock, sock: Socket, task: Task) {
		super();
		this.sb = sb;
		this.ino = sb.allocIno();
		this.sock = sock;
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

function nonblocking(file: OpenFile): boolean {
	return (file.flags & O_NONBLOCK) !== 0;
}

/**
 * socket_file_ops: read and write are recvmsg and sendmsg without an
 * address (a read of 0 bytes returns at once), poll is the family's,
 * the last close releases the socket.
 */
class SocketHandle implements FileHandle, PollOps<OpenFile> {
	private readonly vfs: Vfs;
	private readonly sock: Socket;

	constructor(vfs: Vfs, sock: Socket) {
		this.vfs = vfs;
		this.sock = sock;
	}

	read(file: OpenFile, _pos: number, count: number, task: Task): Uint8Array {
		if (count === 0) return new Uint8Array(0);
		return this.sock.recvmsg(this.vfs, task, count, 0, nonblocking(file)).data;
	}

	write(file: OpenFile, data: Uint8Array, _pos: number, task: Task): number {
		return this.sock.sendmsg(this.vfs, task, data, 0, null, nonblocking(file));
	}

	poll(file: OpenFile, pt: PollTable | null): number {
		return this.sock.poll(file, pt);
	}

	release(): void {
		this.sock.release();
	}
}

/** sock_alloc_file(): an open file of a new socket inode. */
function sockAllocFile(vfs: Vfs, task: Task, sock: Socket, flags: number): OpenFile {
	const sb = vfs.sockfs();
	const inode = new SocketInode(sb, sock, task);
	const file = new OpenFile({ mnt: sb.mnt, inode }, O_RDWR | (flags & SOCK_NONBLOCK), task.cred);
	file.stream = true;
	file.handle = new SocketHandle(vfs, sock);
	return file;
}

/** The struct socket behind an open file, or null (sock_from_file()). */
export function socketOfFile(file: OpenFile): Socket | null {
	const inode = file.inode;
	return inode instanceof SocketInode ? inode.sock : null;
}

/** The TCP sock behind an open file, or null. */
export function socketOf(file: OpenFile): Sock | null {
	const sock = socketOfFile(file);
	return sock instanceof InetSocket ? sock.sk : null;
}

/** The AF_UNIX sock behind an open file, or null. */
export function unixSockOf(file: OpenFile): UnixSock | null {
	const sock = socketOfFile(file);
	return sock instanceof UnixSocket ? sock.sk : null;
}

/** The netlink sock behind an open file, or null. */
export function netlinkSockOf(file: OpenFile): NetlinkSock | null {
	const sock = socketOfFile(file);
	return sock instanceof NetlinkSocket ? sock.sk : null;
}

/** sockfd_lookup(): EBADF, ENOTSOCK. */
function lookup(vfs: Vfs, task: Task, fd: number): { file: OpenFile; sock: Socket } {
	const file = vfs.files(task).get(fd);
	const sock = socketOfFile(file);
	if (sock === null) throw new KernelError("ENOTSOCK");
	return { file, sock };
}

/** Every call ends with the return to user space's deferred work. */
function syscall<T>(vfs: Vfs, fn: () => T): T {
	try {
		return fn();
	} finally {
		vfs.kernel.runPendingWork();
	}
}

/** inet_create()'s checks: ESOCKTNOSUPPORT for a type without a protocol, EPROTONOSUPPORT for a protocol the type does not have. */
function inetCreateCheck(t: number, protocol: number): void {
	if (protocol < 0 || protocol >= IPPROTO_MAX) throw new KernelError("EINVAL");
	if (t !== SOCK_STREAM) throw new KernelError("ESOCKTNOSUPPORT");
	if (protocol !== IPPROTO_IP && protocol !== IPPROTO_TCP) throw new KernelError("EPROTONOSUPPORT");
}

/**
 * __sys_socket(): EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC
 * or a type out of range, EAFNOSUPPORT for a family that is not there,
 * then the family's create: for inet ESOCKTNOSUPPORT for a type without
 * a protocol, EPROTONOSUPPORT for a protocol the type does not have; for
 * AF_UNIX EPROTONOSUPPORT for a protocol other than 0 and PF_UNIX and
 * ESOCKTNOSUPPORT for a type other than SOCK_STREAM (the others are not
 * modelled); for AF_NETLINK ESOCKTNOSUPPORT for a type other than
 * SOCK_DGRAM and SOCK_RAW, EPROTONOSUPPORT for a protocol no driver
 * registered (only NETLINK_CONNECTOR is there).
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
		const kernel = vfs.kernel;
		let make: () => Socket;
		switch (domain) {
			case AF_INET:
			case AF_INET6:
				inetCreateCheck(t, protocol);
				make = () => new InetSocket(kernel, tcpCreate(kernel, domain, task));
				break;
			case AF_UNIX: {
				const sk = unixCreate(t, protocol);
				make = () => new UnixSocket(kernel, sk);
				break;
			}
			case AF_NETLINK: {
				const sk = netlinkCreate(kernel, t, protocol);
				make = () => new NetlinkSocket(kernel, sk);
				break;
			}
			default:
				throw new KernelError("EAFNOSUPPORT");
		}
		const files = vfs.files(task);
		const fd = files.unused(0);
		const file = sockAllocFile(vfs, task, make(), flags);
		files.installAt(fd, file, (flags & SOCK_CLOEXEC) !== 0);
		return fd;
	});
}

/** bind(2). */
export function sysBind(vfs: Vfs, task: Task, fd: number, sa: AnySockAddr): void {
	syscall(vfs, () => {
		const { sock } = lookup(vfs, task, fd);
		sock.bind(vfs, task, sa);
	});
}

/** listen(2): EOPNOTSUPP for a family without connections. */
export function sysListen(vfs: Vfs, task: Task, fd: number, backlog: number): void {
	syscall(vfs, () => {
		const { sock } = lookup(vfs, task, fd);
		sock.listen(vfs, task, backlog);
	});
}

/**
 * accept4(2): the new connection's descriptor and its peer's address.
 * EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC; WouldBlock (or
 * EAGAIN with O_NONBLOCK) while nobody connected; EOPNOTSUPP for netlink.
 */
export function sysAccept(
	vfs: Vfs,
	task: Task,
	fd: number,
	flags = 0,
): { fd: number; addr: AnySockAddr } {
	return syscall(vfs, () => {
		if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) throw new KernelError("EINVAL");
		const { file, sock } = lookup(vfs, task, fd);
		const files = vfs.files(task);
		const newfd = files.unused(0);
		const child = sock.accept(vfs, task, nonblocking(file));
		const newFile = sockAllocFile(vfs, task, child, flags);
		files.installAt(newfd, newFile, (flags & SOCK_CLOEXEC) !== 0);
		return { fd: newfd, addr: child.getname(true) };
	});
}

/** accept4(2) of an inet socket, its peer as a SockAddr (sysAccept for any family; EAFNOSUPPORT before anything happens otherwise). */
export function sysAccept4(
	vfs: Vfs,
	task: Task,
	fd: number,
	flags = 0,
): { fd: number; addr: SockAddr } {
	syscall(vfs, () => {
		const sock = socketOfFile(vfs.files(task).get(fd));
		if (sock !== null && !(sock instanceof InetSocket))
			throw new KernelError("EAFNOSUPPORT", "not an inet socket (use sysAccept)");
	});
	const r = sysAccept(vfs, task, fd, flags);
	return { fd: r.fd, addr: inetName(r.addr) };
}

/**
 * connect(2). For TCP, AF_UNSPEC dissolves the association; WouldBlock
 * while the handshake waits for the listener's queue. For AF_UNIX,
 * WouldBlock while the listener's queue is full.
 */
export function sysConnect(vfs: Vfs, task: Task, fd: number, sa: AnySockAddr): void {
	syscall(vfs, () => {
		const { file, sock } = lookup(vfs, task, fd);
		sock.connect(vfs, task, sa, nonblocking(file));
	});
}

/** shutdown(2): EINVAL for a `how` other than SHUT_RD, SHUT_WR, SHUT_RDWR; EOPNOTSUPP for netlink. */
export function sysShutdown(vfs: Vfs, task: Task, fd: number, how: number): void {
	syscall(vfs, () => {
		const { sock } = lookup(vfs, task, fd);
		sock.shutdown(how);
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
		const { sock } = lookup(vfs, task, fd);
		sock.setsockopt(vfs, task, level, optname, val, optlen);
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
		const { sock } = lookup(vfs, task, fd);
		return sock.getsockopt(level, optname);
	});
}

/** getsockname(2) (`peer` false) or getpeername(2) of a socket of any family. */
export function sysGetname(vfs: Vfs, task: Task, fd: number, peer: boolean): AnySockAddr {
	return syscall(vfs, () => lookup(vfs, task, fd).sock.getname(peer));
}

function inetName(a: AnySockAddr): SockAddr {
	if (!isInetAddr(a)) throw new KernelError("EAFNOSUPPORT", "not an inet socket (use sysGetname)");
	return a;
}

/** getsockname(2) of an inet socket (sysGetname for any family). */
export function sysGetsockname(vfs: Vfs, task: Task, fd: number): SockAddr {
	return inetName(sysGetname(vfs, task, fd, false));
}

/** getpeername(2) of an inet socket: ENOTCONN unless connected (sysGetname for any family). */
export function sysGetpeername(vfs: Vfs, task: Task, fd: number): SockAddr {
	return inetName(sysGetname(vfs, task, fd, true));
}

/**
 * sendto(2): `data` to `addr` (null: the connected peer or connect()'s
 * destination) with MSG_* flags; O_NONBLOCK adds MSG_DONTWAIT. Returns
 * what was taken; WouldBlock when nothing could be and the call would
 * sleep. EPIPE is for the caller to turn into SIGPIPE unless MSG_NOSIGNAL.
 */
export function sysSendto(
	vfs: Vfs,
	task: Task,
	fd: number,
	data: Uint8Array,
	flags = 0,
	addr: AnySockAddr | null = null,
): number {
	return syscall(vfs, () => {
		const { file, sock } = lookup(vfs, task, fd);
		return sock.sendmsg(vfs, task, data, flags, addr, nonblocking(file));
	});
}

/**
 * recvfrom(2): up to `count` bytes with MSG_* flags (MSG_PEEK, MSG_TRUNC,
 * MSG_DONTWAIT, MSG_WAITALL as the family honours them), and the source
 * address; WouldBlock while there is nothing and the call would sleep.
 */
export function sysRecvfrom(
	vfs: Vfs,
	task: Task,
	fd: number,
	count: number,
	flags = 0,
): RecvResult {
	return syscall(vfs, () => {
		const { file, sock } = lookup(vfs, task, fd);
		return sock.recvmsg(vfs, task, count, flags, nonblocking(file));
	});
}
