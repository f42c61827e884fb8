/** Constants of the Linux VFS ABI (include/uapi/linux/stat.h, fcntl.h, mount.h, magic.h). */

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
export const S_IXGRP = 0o010;
export const S_IXUGO = 0o111;

export const isDir = (mode: number): boolean => (mode & S_IFMT) === S_IFDIR;
export const isReg = (mode: number): boolean => (mode & S_IFMT) === S_IFREG;
export const isLnk = (mode: number): boolean => (mode & S_IFMT) === S_IFLNK;
export const isChr = (mode: number): boolean => (mode & S_IFMT) === S_IFCHR;
export const isBlk = (mode: number): boolean => (mode & S_IFMT) === S_IFBLK;
export const isFifo = (mode: number): boolean => (mode & S_IFMT) === S_IFIFO;

export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_NDELAY = O_NONBLOCK;
export const O_DSYNC = 0o10000;
export const FASYNC = 0o20000;
export const O_DIRECT = 0o40000;
export const O_LARGEFILE = 0o100000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_SYNC = 0o4010000;
export const O_PATH = 0o10000000;

// fcntl(2) commands (include/uapi/asm-generic/fcntl.h, linux/fcntl.h)
export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_LINUX_SPECIFIC_BASE = 1024;
export const F_DUPFD_QUERY = F_LINUX_SPECIFIC_BASE + 3;
export const F_DUPFD_CLOEXEC = F_LINUX_SPECIFIC_BASE + 6;
export const F_SETPIPE_SZ = F_LINUX_SPECIFIC_BASE + 7;
export const F_GETPIPE_SZ = F_LINUX_SPECIFIC_BASE + 8;
/** The descriptor flag F_GETFD/F_SETFD read and write. */
export const FD_CLOEXEC = 1;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;
export const SEEK_DATA = 3;
export const SEEK_HOLE = 4;
/** SEEK_MAX: whence values above it fail with EINVAL before anything else. */
export const SEEK_MAX = SEEK_HOLE;

export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

// mount(2) flags
export const MS_RDONLY = 1;
export const MS_NOSUID = 2;
export const MS_NODEV = 4;
export const MS_NOEXEC = 8;
export const MS_SYNCHRONOUS = 16;
export const MS_REMOUNT = 32;
export const MS_MANDLOCK = 64;
export const MS_DIRSYNC = 128;
export const MS_NOSYMFOLLOW = 256;
export const MS_NOATIME = 1024;
export const MS_NODIRATIME = 2048;
export const MS_BIND = 4096;
export const MS_MOVE = 8192;
export const MS_REC = 16384;
export const MS_SILENT = 32768;
export const MS_PRIVATE = 1 << 18;
export const MS_SLAVE = 1 << 19;
export const MS_SHARED = 1 << 20;
export const MS_RELATIME = 1 << 21;
export const MS_STRICTATIME = 1 << 24;
export const MS_LAZYTIME = 1 << 25;

// umount2(2) flags
export const MNT_FORCE = 1;
export const MNT_DETACH = 2;
export const MNT_EXPIRE = 4;
export const UMOUNT_NOFOLLOW = 8;

// per-mount flags (mnt_flags)
export const MNT_NOSUID = 0x01;
export const MNT_NODEV = 0x02;
export const MNT_NOEXEC = 0x04;
export const MNT_NOATIME = 0x08;
export const MNT_NODIRATIME = 0x10;
export const MNT_RELATIME = 0x20;
export const MNT_READONLY = 0x40;
export const MNT_NOSYMFOLLOW = 0x80;

// superblock flags
export const SB_RDONLY = 1;
export const SB_SYNCHRONOUS = 16;
export const SB_MANDLOCK = 64;
export const SB_DIRSYNC = 128;
export const SB_LAZYTIME = 1 << 25;

export const TMPFS_MAGIC = 0x01021994;
export const EXT4_SUPER_MAGIC = 0xef53;
export const PROC_SUPER_MAGIC = 0x9fa0;
export const CGROUP_SUPER_MAGIC = 0x27e0eb;
export const CGROUP2_SUPER_MAGIC = 0x63677270;
export const PIPEFS_MAGIC = 0x50495045;

export const NAME_MAX = 255;
export const PATH_MAX = 4096;
/** MAXSYMLINKS. */
export const MAX_SYMLINKS = 40;

export const AT_FDCWD = -100;

export interface Stat {
	dev: number;
	ino: number;
	mode: number;
	nlink: number;
	uid: number;
	gid: number;
	rdev: number;
	size: number;
	blksize: number;
	blocks: number;
	atimeNs: number;
	mtimeNs: number;
	ctimeNs: number;
}

export interface StatFs {
	type: number;
	bsize: number;
	blocks: number;
	bfree: number;
	bavail: number;
	files: number;
	ffree: number;
	namelen: number;
	frsize: number;
	flags: number;
}

/** MKDEV() / major() / minor() of the 32-bit dev_t layout userspace sees. */
export const makedev = (major: number, minor: number): number =>
	((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);
export const major = (dev: number): number => (dev >>> 8) & 0xfff;
export const minor = (dev: number): number => (dev & 0xff) | ((dev >>> 12) & 0xfff00);
