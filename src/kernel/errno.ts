/**
 * Error numbers as the x86-64 Linux ABI defines them, with glibc's strerror
 * texts. Every failing emulated syscall throws a KernelError carrying one.
 */

const ERRNO_TABLE = {
	EPERM: [1, "Operation not permitted"],
	ENOENT: [2, "No such file or directory"],
	ESRCH: [3, "No such process"],
	EINTR: [4, "Interrupted system call"],
	EIO: [5, "Input/output error"],
	ENXIO: [6, "No such device or address"],
	E2BIG: [7, "Argument list too long"],
	ENOEXEC: [8, "Exec format error"],
	EBADF: [9, "Bad file descriptor"],
	ECHILD: [10, "No child processes"],
	EAGAIN: [11, "Resource temporarily unavailable"],
	ENOMEM: [12, "Cannot allocate memory"],
	EACCES: [13, "Permission denied"],
	EFAULT: [14, "Bad address"],
	ENOTBLK: [15, "Block device required"],
	EBUSY: [16, "Device or resource busy"],
	EEXIST: [17, "File exists"],
	EXDEV: [18, "Invalid cross-device link"],
	ENODEV: [19, "No such device"],
	ENOTDIR: [20, "Not a directory"],
	EISDIR: [21, "Is a directory"],
	EINVAL: [22, "Invalid argument"],
	ENFILE: [23, "Too many open files in system"],
	EMFILE: [24, "Too many open files"],
	ENOTTY: [25, "Inappropriate ioctl for device"],
	ETXTBSY: [26, "Text file busy"],
	EFBIG: [27, "File too large"],
	ENOSPC: [28, "No space left on device"],
	ESPIPE: [29, "Illegal seek"],
	EROFS: [30, "Read-only file system"],
	EMLINK: [31, "Too many links"],
	EPIPE: [32, "Broken pipe"],
	EDOM: [33, "Numerical argument out of domain"],
	ERANGE: [34, "Numerical result out of range"],
	EDEADLK: [35, "Resource deadlock avoided"],
	ENAMETOOLONG: [36, "File name too long"],
	ENOLCK: [37, "No locks available"],
	ENOSYS: [38, "Function not implemented"],
	ENOTEMPTY: [39, "Directory not empty"],
	ELOOP: [40, "Too many levels of symbolic links"],
	ENODATA: [61, "No data available"],
	ETIME: [62, "Timer expired"],
	EOVERFLOW: [75, "Value too large for defined data type"],
	ENOTSOCK: [88, "Socket operation on non-socket"],
	EDESTADDRREQ: [89, "Destination address required"],
	EMSGSIZE: [90, "Message too long"],
	EPROTOTYPE: [91, "Protocol wrong type for socket"],
	ENOPROTOOPT: [92, "Protocol not available"],
	EPROTONOSUPPORT: [93, "Protocol not supported"],
	ESOCKTNOSUPPORT: [94, "Socket type not supported"],
	EOPNOTSUPP: [95, "Operation not supported"],
	EAFNOSUPPORT: [97, "Address family not supported by protocol"],
	EADDRINUSE: [98, "Address already in use"],
	EADDRNOTAVAIL: [99, "Cannot assign requested address"],
	ENETUNREACH: [101, "Network is unreachable"],
	ECONNABORTED: [103, "Software caused connection abort"],
	ECONNRESET: [104, "Connection reset by peer"],
	ENOBUFS: [105, "No buffer space available"],
	EISCONN: [106, "Transport endpoint is already connected"],
	ENOTCONN: [107, "Transport endpoint is not connected"],
	ETIMEDOUT: [110, "Connection timed out"],
	ECONNREFUSED: [111, "Connection refused"],
	EALREADY: [114, "Operation already in progress"],
	EINPROGRESS: [115, "Operation now in progress"],
	ECANCELED: [125, "Operation canceled"],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrnoName = keyof typeof ERRNO_TABLE;

/** Every errno name cgkit knows, in number order. */
export const ERRNO_NAMES: readonly ErrnoName[] = Object.keys(ERRNO_TABLE) as ErrnoName[];

const BY_NUMBER = new Map<number, ErrnoName>();
for (const name of Object.keys(ERRNO_TABLE) as ErrnoName[]) {
	BY_NUMBER.set(ERRNO_TABLE[name][0], name);
}

export function errnoNumber(name: ErrnoName): number {
	return ERRNO_TABLE[name][0];
}

/** strerror(3) as glibc prints it. */
export function strerror(name: ErrnoName): string {
	return ERRNO_TABLE[name][1];
}

export function errnoName(num: number): ErrnoName | undefined {
	return BY_NUMBER.get(num);
}

/** V8's Error has a stackTraceLimit knob; other engines ignore the assignment. */
const V8Error = Error as ErrorConstructor & { stackTraceLimit?: number };

/**
 * A negative return from a syscall. It is control flow, not a bug, so it
 * carries no stack trace (capturing one would dominate the cost of the
 * failing operations the shell and the fuzzer perform constantly).
 */
export class KernelError extends Error {
	readonly code: ErrnoName;
	readonly errno: number;

	constructor(code: ErrnoName, detail?: string) {
		const limit = V8Error.stackTraceLimit;
		V8Error.stackTraceLimit = 0;
		super(detail === undefined ? ERRNO_TABLE[code][1] : `${ERRNO_TABLE[code][1]}: ${detail}`);
		V8Error.stackTraceLimit = limit;
		this.name = "KernelError";
		this.code = code;
		this.errno = ERRNO_TABLE[code][0];
	}

	/** The strerror text alone, without any detail. */
	get strerror(): string {
		return ERRNO_TABLE[this.code][1];
	}
}

export function isKernelError(e: unknown): e is KernelError {
	return e instanceof KernelError;
}

/** Throw helper usable in expression position. */
export function fail(code: ErrnoName, detail?: string): never {
	throw new KernelError(code, detail);
}
