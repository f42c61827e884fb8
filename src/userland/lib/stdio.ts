/**
 * stdio for emulated programs: buffered output as glibc does it (a full
 * buffer of st_blksize to files and pipes, line buffering to terminals,
 * stderr unbuffered), line and whole-file input, and the write-error
 * report GNU tools print when closing stdout fails.
 */

import { S_IFCHR, S_IFMT, SEEK_CUR } from "../../fs/constants.ts";
import { bytesToBinary } from "../../kernel/bytes.ts";
import { KernelError } from "../../kernel/errno.ts";
import type { Sys } from "../proc/sys.ts";
import type { Run } from "../proc/types.ts";

/** glibc's buffer size for a file whose st_blksize is a page. */
export const BUFSIZ = 4096;
/** What GNU cat and friends read at a time. */
export const READ_CHUNK = 65536;

/** Terminal device majors: pty slaves (136-143), virtual consoles and /dev/tty (4, 5). */
export function isatty(sys: Sys, fd: number): boolean {
	try {
		const st = sys.vfs.fstat(sys.task, fd);
		if ((st.mode & S_IFMT) !== S_IFCHR) return false;
		const major = Math.floor(st.rdev / 256) & 0xfff;
		return major === 4 || major === 5 || (major >= 136 && major <= 143);
	} catch {
		return false;
	}
}

export type BufferMode = "full" | "line" | "none";

/** A FILE* for writing. Strings are byte strings. */
export class Output {
	private readonly sys: Sys;
	readonly fd: number;
	private readonly mode: BufferMode;
	private buf = "";
	/** The first write error (the stream's error indicator). */
	error: KernelError | null = null;

	constructor(sys: Sys, fd: number, mode?: BufferMode) {
		this.sys = sys;
		this.fd = fd;
		this.mode = mode ?? (fd === 2 ? "none" : isatty(sys, fd) ? "line" : "full");
	}

	*put(s: string): Run<void> {
		if (this.error !== null) return;
		this.buf += s;
		if (this.mode === "none" || (this.mode === "line" && s.includes("\n"))) {
			yield* this.flush();
		} else if (this.buf.length >= BUFSIZ) {
			// glibc writes whole blocks and keeps the tail buffered.
			yield* this.writeOut(this.buf.length - (this.buf.length % BUFSIZ));
		}
	}

	*flush(): Run<boolean> {
		return yield* this.writeOut(this.buf.length);
	}

	/** Write the first `n` buffered bytes; false (and the error kept) when the write fails. */
	private *writeOut(n: number): Run<boolean> {
		if (n === 0 || this.error !== null) return this.error === null;
		const data = this.buf.slice(0, n);
		this.buf = this.buf.slice(n);
		try {
			yield* this.sys.write(this.fd, data);
			return true;
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
			this.error = e;
			return false;
		}
	}
}

/**
 * A FILE* for reading: buffered reading of a file descriptor by lines or chunks, which can give
 * back what it read ahead (lseek to the first unused byte) when a program
 * stops early, as GNU head, sed and grep -m leave a seekable input.
 */
export class Input {
	private readonly sys: Sys;
	readonly fd: number;
	private buf = "";
	private pos = 0;
	private eof = false;

	constructor(sys: Sys, fd: number) {
		this.sys = sys;
		this.fd = fd;
	}

	/** Read more; false at end of file. Read errors are thrown (KernelError). */
	private *fill(): Run<boolean> {
		if (this.eof) return false;
		const chunk = yield* this.sys.read(this.fd, READ_CHUNK);
		if (chunk.length === 0) {
			this.eof = true;
			return false;
		}
		const data = bytesToBinary(chunk);
		if (this.pos >= this.buf.length) this.buf = data;
		else this.buf = this.buf.slice(this.pos) + data;
		this.pos = 0;
		return true;
	}

	/** The next line with its terminator (the last may lack one), or null at EOF. */
	*line(terminator = "\n"): Run<string | null> {
		let from = this.pos;
		for (;;) {
			const nl = this.buf.indexOf(terminator, from);
			if (nl >= 0) {
				const line = this.buf.slice(this.pos, nl + 1);
				this.pos = nl + 1;
				return line;
			}
			const seen = this.buf.length - this.pos;
			if (!(yield* this.fill())) return this.take();
			from = seen;
		}
	}

	/** What is buffered, or the next chunk read, or null at EOF. */
	*chunk(): Run<string | null> {
		if (this.pos >= this.buf.length && !(yield* this.fill())) return null;
		return this.take();
	}

	/** What is buffered (reading once if nothing is), without consuming it; null at EOF. */
	*peek(): Run<string | null> {
		if (this.pos >= this.buf.length && !(yield* this.fill())) return null;
		return this.pos === 0 ? this.buf : this.buf.slice(this.pos);
	}

	/** Everything up to EOF. */
	*all(): Run<string> {
		let out = this.take() ?? "";
		for (;;) {
			const c = yield* this.chunk();
			if (c === null) return out;
			out += c;
		}
	}

	private take(): string | null {
		if (this.pos >= this.buf.length) return null;
		const s = this.pos === 0 ? this.buf : this.buf.slice(this.pos);
		this.buf = "";
		this.pos = 0;
		return s;
	}

	/** Push text back in front of what is buffered (it was taken but not used). */
	unread(text: string): void {
		this.buf = text + this.buf.slice(this.pos);
		this.pos = 0;
	}

	/** Move a seekable file's offset back by `n` bytes already consumed (errors ignored). */
	rewind(n: number): void {
		if (n <= 0) return;
		try {
			this.sys.vfs.lseek(this.sys.task, this.fd, -n, SEEK_CUR);
		} catch (e) {
			if (!(e instanceof KernelError)) throw e;
		}
	}

	/** Give back what was read but not used: move a seekable file's offset to it. */
	giveBack(): void {
		const unused = this.buf.length - this.pos;
		this.buf = "";
		this.pos = 0;
		this.rewind(unused);
	}
}

/** Read a whole file by path (open, read to EOF, close). */
export function* readFile(sys: Sys, path: string): Run<string> {
	const fd = sys.vfs.open(sys.task, path, 0);
	try {
		return yield* new Input(sys, fd).all();
	} finally {
		sys.vfs.close(sys.task, fd);
	}
}

/** The strerror text of a KernelError; anything else is a bug and is rethrown. */
export function errText(e: unknown): string {
	if (e instanceof KernelError) return e.strerror;
	throw e;
}
