/**
 * Anonymous pipes (fs/pipe.c): the pipe_inode_info ring of page-sized
 * buffers, the pipefs superblock its inodes live on, the read and write
 * file operations, and the ends the host holds when it is on one side.
 *
 * The ring follows the kernel's layout, because what a pipe accepts depends
 * on it: a write of n bytes first tops up the last buffer with its
 * n % PAGE_SIZE leading bytes when they fit, then takes whole free slots of
 * up to PAGE_SIZE bytes; a buffer's slot is freed only once it is read to
 * the end. So 16 one-byte writes fill one slot, a pipe with one byte in it
 * takes 61440 more bytes in one write, and writes of at most PIPE_BUF bytes
 * are atomic (they either merge or take one whole slot).
 *
 * Nothing sleeps: an operation that would wait throws WouldBlock with the
 * queue to wait on (rd_wait, wr_wait), and a write that can only partly
 * proceed returns what it wrote, so the caller's loop does what
 * pipe_write's loop does around its sleeps.
 */
import type { Clock } from "../kernel/clock.ts";
import type { Cred } from "../kernel/cred.ts";
import { KernelError } from "../kernel/errno.ts";
import { PAGE_SIZE } from "../kernel/mm/page.ts";
import {
	POLLERR,
	POLLHUP,
	POLLIN,
	POLLOUT,
	POLLRDNORM,
	POLLWRNORM,
	type PollOps,
	type PollTable,
} from "../kernel/poll.ts";
import { WaitQueue, WouldBlock } from "../kernel/wait.ts";
import {
	O_DIRECT,
	O_NONBLOCK,
	O_RDONLY,
	O_WRONLY,
	PIPEFS_MAGIC,
	S_IFIFO,
	S_IFMT,
	type Stat,
} from "./constants.ts";
import { OpenFile } from "./file.ts";
import { type FileHandle, Inode, type SetAttr } from "./inode.ts";
import { PseudoSuperBlock } from "./pseudo-fs.ts";
/** The size up to which writes are atomic. */
export const PIPE_BUF = 4096;
/** PIPE_DEF_BUFFERS: slots of a new pipe (64 KiB). */
export const PIPE_DEF_BUFFERS = 16;
/** The default of /proc/sys/fs/pipe-max-size (pipe_max_size). */
export const PIPE_MAX_SIZE = 1048576;

// pipe_buffer flags
const PIPE_BUF_FLAG_PACKET = 0x08;
const PIPE_BUF_FLAG_CAN_MERGE = 0x10;

/** What a read of an empty pipe returns (never written to). */
const NO_BYTES = new Uint8Array(0);

/** Reads up to this size are carved out of a shared slab. */
const SLAB_MAX = 16384;
const SLAB_SIZE = 65536;

/**
 * The memory reads return. A typed array above 64 bytes is allocated
 * outside V8's heap and costs over a microsecond, ten times the copy of a
 * page, so mid-sized results are disjoint views of a shared 64 KiB slab, as
 * Node's Buffer pool does: no region is handed out twice, and a slab is
 * collected once no view of it is left.
 */
export class ReadSlab {
	private slab = new Uint8Array(0);
	private used = 0;

	alloc(n: number): Uint8Array {
		if (n <= 64 || n > SLAB_MAX) return new Uint8Array(n);
		if (this.used + n > this.slab.length) {
			this.slab = new Uint8Array(SLAB_SIZE);
			this.used = 0;
		}
		const out = this.slab.subarray(this.used, this.used + n);
		this.used += n;
		return out;
	}
}

/** struct pipe_inode_info. */
export class PipeInodeInfo {
	/** Readers and writers: open ends of each kind (the host's included). */
	readers = 0;
	writers = 0;
	/** Open files of either kind; the buffers go when the last one does. */
	files = 0;
	/** rd_wait: readers waiting for data or for the last writer to go. */
	readonly readWait = new WaitQueue();
	/** wr_wait: writers waiting for a free slot or for the last reader to go. */
	readonly writeWait = new WaitQueue();
	/** Unbounded slot counters: slot i is at i & (ringSize - 1). */
	private head = 0;
	private tail = 0;
	private ringSize: number;
	/** Bytes buffered, for sizing reads. */
	private nbytes = 0;
	/** Per-slot page (allocated on first use, then kept), offset, length, flags. */
	private pages: (Uint8Array | undefined)[];
	private offsets: Int32Array;
	private lengths: Int32Array;
	private bufFlags: Uint8Array;
	private readonly slab: ReadSlab;

	constructor(slab: ReadSlab, slots = PIPE_DEF_BUFFERS) {
		this.slab = slab;
		this.ringSize = slots;
		this.pages = new Array<Uint8Array | undefined>(slots);
		this.offsets = new Int32Array(slots);
		this.lengths = new Int32Array(slots);
		this.bufFlags = new Uint8Array(slots);
	}

	/** Bytes buffered (FIONREAD). */
	get buffered(): number {
		return this.nbytes;
	}

	/** pipe->max_usage * PAGE_SIZE: what F_GETPIPE_SZ reports. */
	get capacity(): number {
		return this.ringSize * PAGE_SIZE;
	}

	get empty(): boolean {
		return this.head === this.tail;
	}

	/** pipe_full(). */
	get full(): boolean {
		return this.head - this.tail >= this.ringSize;
	}

	/**
	 * The copy half of pipe_write(): merge into the last buffer, then fill
	 * free slots. Returns the bytes taken (0 when the ring is full). Callers
	 * check for readers and zero-length writes first.
	 */
	writeBytes(src: Uint8Array, packet: boolean): number {
		const total = src.length;
		const mask = this.ringSize - 1;
		const wasEmpty = this.head === this.tail;
		let done = 0;
		const chars = total & (PAGE_SIZE - 1);
		if (chars !== 0 && !wasEmpty) {
			const last = (this.head - 1) & mask;
			const offset = this.offsets[last]! + this.lengths[last]!;
			if (this.bufFlags[last]! & PIPE_BUF_FLAG_CAN_MERGE && offset + chars <= PAGE_SIZE) {
				const page = this.pages[last]!;
				if (chars === total) page.set(src, offset);
				else page.set(src.subarray(0, chars), offset);
				this.lengths[last]! += chars;
				done = chars;
			}
		}
		while (done < total && this.head - this.tail < this.ringSize) {
			const slot = this.head & mask;
			this.head++;
			let page = this.pages[slot];
			if (page === undefined) {
				page = new Uint8Array(PAGE_SIZE);
				this.pages[slot] = page;
			}
			const n = Math.min(PAGE_SIZE, total - done);
			if (n === total) page.set(src);
			else page.set(src.subarray(done, done + n));
			this.offsets[slot] = 0;
			this.lengths[slot] = n;
			this.bufFlags[slot] = packet ? PIPE_BUF_FLAG_PACKET : PIPE_BUF_FLAG_CAN_MERGE;
			done += n;
		}
		if (done > 0) {
			this.nbytes += done;
			this.readWait.wakeUp();
		}
		return done;
	}

	/**
	 * The copy half of pipe_read(): up to `max` bytes from the oldest
	 * buffers, stopping after a packet buffer (whose unread rest is
	 * dropped). Empty when nothing is buffered; callers decide between EOF
	 * and waiting.
	 */
	readBytes(max: number): Uint8Array {
		if (max <= 0 || this.head === this.tail) return NO_BYTES;
		const mask = this.ringSize - 1;
		const wasFull = this.head - this.tail >= this.ringSize;
		const out = this.slab.alloc(Math.min(max, this.nbytes));
		let got = 0;
		while (this.head !== this.tail && got < out.length) {
			const slot = this.tail & mask;
			const page = this.pages[slot]!;
			const off = this.offsets[slot]!;
			const len = this.lengths[slot]!;
			const n = Math.min(len, out.length - got);
			if (n <= 32) for (let i = 0; i < n; i++) out[got + i] = page[off + i]!;
			else out.set(page.subarray(off, off + n), got);
			got += n;
			const packet = (this.bufFlags[slot]! & PIPE_BUF_FLAG_PACKET) !== 0;
			if (packet || n === len) {
				this.nbytes -= len;
				this.lengths[slot] = 0;
				this.tail++;
			} else {
				this.nbytes -= n;
				this.offsets[slot] = off + n;
				this.lengths[slot] = len - n;
			}
			if (packet) break;
		}
		// Writers wait only on a full ring: wake them when a slot came free.
		if (wasFull && this.head - this.tail < this.ringSize) this.writeWait.wakeUp();
		return got === out.length ? out : out.subarray(0, got);
	}

	/**
	 * pipe_resize_ring(): move the buffers to a ring of `slots` (a power of
	 * two); EBUSY when they would not fit.
	 */
	resize(slots: number): void {
		const n = this.head - this.tail;
		if (slots < n) throw new KernelError("EBUSY");
		const pages = new Array<Uint8Array | undefined>(slots);
		const offsets = new Int32Array(slots);
		const lengths = new Int32Array(slots);
		const flags = new Uint8Array(slots);
		const mask = this.ringSize - 1;
		for (let i = 0; i < n; i++) {
			const from = (this.tail + i) & mask;
			pages[i] = this.pages[from];
			offsets[i] = this.offsets[from]!;
			lengths[i] = this.lengths[from]!;
			flags[i] = this.bufFlags[from]!;
		}
		this.pages = pages;
		this.offsets = offsets;
		this.lengths = lengths;
		this.bufFlags = flags;
		this.ringSize = slots;
		this.tail = 0;
		this.head = n;
		this.writeWait.wakeUp();
	}

	/** pipe_release(): one end of a kind went away. */
	release(reader: boolean, writer: boolean): void {
		if (reader) this.readers--;
		if (writer) this.writers--;
		// The last reader or writer, with the other side still there.
		if (!this.readers !== !this.writers) {
			this.readWait.wakeUp();
			this.writeWait.wakeUp();
		}
		// put_pipe_info(): the last file frees the buffers.
		if (--this.files === 0) {
			this.pages = [];
			this.head = this.tail = this.nbytes = 0;
		}
	}
}

/** pipe_read() for a task: data, EOF, EAGAIN or a wait on rd_wait. */
function pipeRead(pipe: PipeInodeInfo, file: OpenFile, count: number): Uint8Array {
	if (count <= 0) return NO_BYTES;
	if (pipe.empty) {
		if (pipe.writers === 0) return NO_BYTES;
		if (file.flags & O_NONBLOCK) throw new KernelError("EAGAIN");
		throw new WouldBlock(pipe.readWait);
	}
	return pipe.readBytes(count);
}

/**
 * pipe_write() for a task: EPIPE without readers (the caller raises
 * SIGPIPE), otherwise what fits; EAGAIN or a wait on wr_wait when nothing
 * does.
 */
function pipeWrite(pipe: PipeInodeInfo, file: OpenFile, data: Uint8Array): number {
	if (data.length === 0) return 0;
	if (pipe.readers === 0) throw new KernelError("EPIPE");
	const n = pipe.writeBytes(data, (file.flags & O_DIRECT) !== 0);
	if (n > 0) return n;
	if (file.flags & O_NONBLOCK) throw new KernelError("EAGAIN");
	throw new WouldBlock(pipe.writeWait);
}

/** The pipefs superblock. */
export class PipefsSuperBlock extends PseudoSuperBlock {
	readonly fsType = "pipefs";
	readonly magic = PIPEFS_MAGIC;
	readonly clock: Clock;
	/** Where pipe reads get their result memory. */
	readonly slab = new ReadSlab();

	constructor(clock: Clock, dev: number) {
		super(dev, "pipefs", () => clock.realtime());
		this.clock = clock;
	}
}

/** A pipe's inode (get_pipe_inode()). */
export class PipeInode extends Inode {
	readonly sb: PipefsSuperBlock;
	readonly ino: number;
	mode = S_IFIFO | 0o600;
	uid: number;
	gid: number;
	readonly pipe: PipeInodeInfo;
	/**
	 * Times are set at creation only: since 6.16 anonymous pipes no longer
	 * update them on read and write (the reference machine's behaviour).
	 */
	private readonly timeNs: number;
	private ctimeNs: number;

	constructor(sb: PipefsSuperBlock, cred: Cred) {
		super();
		this.sb = sb;
		this.ino = sb.allocIno();
		this.pipe = new PipeInodeInfo(sb.slab);
		this.uid = cred.fsuid;
		this.gid = cred.fsgid;
		this.timeNs = sb.clock.realtime();
		this.ctimeNs = this.timeNs;
	}

	stat(): Stat {
		return {
			dev: this.sb.dev,
			ino: this.ino,
			mode: this.mode,
			nlink: 1,
			uid: this.uid,
			gid: this.gid,
			rdev: 0,
			size: 0,
			blksize: PAGE_SIZE,
			blocks: 0,
			atimeNs: this.timeNs,
			mtimeNs: this.timeNs,
			ctimeNs: this.ctimeNs,
		};
	}

	/** simple_setattr(): fchmod and fchown work on pipes. */
	override setattr(attr: SetAttr): void {
		if (attr.size !== undefined) throw new KernelError("EINVAL");
		if (attr.mode !== undefined) this.mode = (this.mode & S_IFMT) | (attr.mode & 0o7777);
		if (attr.uid !== undefined) this.uid = attr.uid;
		if (attr.gid !== undefined) this.gid = attr.gid;
		this.ctimeNs = this.sb.clock.realtime();
	}

	/** pipefs_dname(): how the path of a pipe file reads in /proc. */
	get dname(): string {
		return `pipe:[${this.ino}]`;
	}
}

/** pipefifo_fops for a read end: pipe_read(), pipe_poll() and pipe_release(). */
class PipeReadHandle implements FileHandle, PollOps<OpenFile> {
	private readonly pipe: PipeInodeInfo;

	constructor(pipe: PipeInodeInfo) {
		this.pipe = pipe;
	}

	read(file: OpenFile, _pos: number, count: number): Uint8Array {
		return pipeRead(this.pipe, file, count);
	}

	/** pipe_poll() of a read end: POLLIN with data buffered, POLLHUP once no writer is left. */
	poll(_file: OpenFile, pt: PollTable | null): number {
		const pipe = this.pipe;
		pt?.wait(pipe.readWait);
		let mask = 0;
		if (!pipe.empty) mask |= POLLIN | POLLRDNORM;
		if (pipe.writers === 0) mask |= POLLHUP;
		return mask;
	}

	release(): void {
		this.pipe.release(true, false);
	}
}

/** pipefifo_fops for a write end: pipe_write(), pipe_poll() and pipe_release(). */
class PipeWriteHandle implements FileHandle, PollOps<OpenFile> {
	private readonly pipe: PipeInodeInfo;

	constructor(pipe: PipeInodeInfo) {
		this.pipe = pipe;
	}

	write(file: OpenFile, data: Uint8Array): number {
		return pipeWrite(this.pipe, file, data);
	}

	/** pipe_poll() of a write end: POLLOUT while a slot is free, POLLERR once no reader is left. */
	poll(_file: OpenFile, pt: PollTable | null): number {
		const pipe = this.pipe;
		pt?.wait(pipe.writeWait);
		let mask = 0;
		if (!pipe.full) mask |= POLLOUT | POLLWRNORM;
		if (pipe.readers === 0) mask |= POLLERR;
		return mask;
	}

	release(): void {
		this.pipe.release(false, true);
	}
}

/** The pipe behind an open file, or null (get_pipe_info()). */
export function pipeOf(file: OpenFile): PipeInodeInfo | null {
	const inode = file.inode;
	return inode instanceof PipeInode ? inode.pipe : null;
}

/**
 * create_pipe_files(): a new pipe and its two files, the read end
 * O_RDONLY and the write end O_WRONLY, each with the O_NONBLOCK given;
 * the write end also keeps O_DIRECT (packet mode).
 */
export function createPipeFiles(
	sb: PipefsSuperBlock,
	cred: Cred,
	flags: number,
): [OpenFile, OpenFile] {
	const inode = new PipeInode(sb, cred);
	const pipe = inode.pipe;
	const path = { mnt: sb.mnt, inode };
	const r = new OpenFile(path, O_RDONLY | (flags & O_NONBLOCK), cred);
	const w = new OpenFile(path, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)), cred);
	r.stream = true;
	w.stream = true;
	r.handle = new PipeReadHandle(pipe);
	w.handle = new PipeWriteHandle(pipe);
	pipe.readers = 1;
	pipe.writers = 1;
	pipe.files = 2;
	return [r, w];
}

/**
 * The host's end of a pipe whose other end a task reads (its stdin): the
 * host writes what the task should read.
 */
export class HostPipeWriter {
	private file: OpenFile | null;
	private readonly pipe: PipeInodeInfo;

	/** The pipe's inode number (`pipe:[ino]` in /proc). */
	readonly ino: number;

	constructor(file: OpenFile) {
		this.file = file;
		this.pipe = pipeOf(file)!;
		this.ino = file.inode.ino;
	}

	/**
	 * Write what fits now and return its length: 0 when the ring is full
	 * (then wait on `writable`); a chunk of at most PIPE_BUF bytes goes in
	 * whole or not at all. EPIPE once no task can read any more.
	 */
	write(data: Uint8Array): number {
		if (this.file === null) throw new KernelError("EBADF");
		if (data.length === 0) return 0;
		if (this.pipe.readers === 0) throw new KernelError("EPIPE");
		return this.pipe.writeBytes(data, false);
	}

	/** Woken when a slot comes free or the last reader goes (one-shot waiters). */
	get writable(): WaitQueue {
		return this.pipe.writeWait;
	}

	/** Where a task reading the pipe sleeps until the host writes (or closes). */
	get readersWait(): WaitQueue {
		return this.pipe.readWait;
	}

	/** No task-side reader is left: writes fail with EPIPE. */
	get broken(): boolean {
		return this.pipe.readers === 0;
	}

	/** Bytes written and not read yet. */
	get buffered(): number {
		return this.pipe.buffered;
	}

	get closed(): boolean {
		return this.file === null;
	}

	/** Close the host's end: the task reads what is left, then EOF. */
	close(): void {
		const file = this.file;
		if (file === null) return;
		this.file = null;
		file.put();
	}
}

/**
 * The host's end of a pipe a task writes (its stdout or stderr): the host
 * reads what the task wrote.
 */
export class HostPipeReader {
	private file: OpenFile | null;
	private readonly pipe: PipeInodeInfo;

	/** The pipe's inode number (`pipe:[ino]` in /proc). */
	readonly ino: number;

	constructor(file: OpenFile) {
		this.file = file;
		this.pipe = pipeOf(file)!;
		this.ino = file.inode.ino;
	}

	/** What is buffered, up to `max` bytes; empty when nothing is. */
	read(max = 65536): Uint8Array {
		if (this.file === null) throw new KernelError("EBADF");
		return this.pipe.readBytes(max);
	}

	/** Woken when data arrives or the last writer goes (one-shot waiters). */
	get readable(): WaitQueue {
		return this.pipe.readWait;
	}

	/** Every task-side writer is gone: nothing more will come. */
	get hungUp(): boolean {
		return this.pipe.writers === 0;
	}

	/** Hung up and drained: a read would return end of file. */
	get eof(): boolean {
		return this.pipe.writers === 0 && this.pipe.empty;
	}

	/** Bytes waiting to be read. */
	get buffered(): number {
		return this.pipe.buffered;
	}

	get closed(): boolean {
		return this.file === null;
	}

	/** Close the host's end: later task writes fail with EPIPE. */
	close(): void {
		const file = this.file;
		if (file === null) return;
		this.file = null;
		file.put();
	}
}
