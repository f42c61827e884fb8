/**
 * Pseudo filesystems (init_pseudo()): kern_mount()ed once at boot, never in
 * a mount namespace; what pipefs and sockfs share. Inode numbers count per
 * filesystem here, where the kernel's get_next_ino() is one counter for all
 * of them (so a pipe and a socket may show the same number in cgkit).
 */
import { PAGE_SIZE } from "../kernel/mm/page.ts";
import { NAME_MAX, S_IFDIR, type Stat, type StatFs } from "./constants.ts";
import { Inode, SuperBlock } from "./inode.ts";
import { Mount } from "./mount.ts";

/** The stat of a pseudo filesystem's inode: one link, no size, all times `t`. */
export function pseudoStat(
	dev: number,
	ino: number,
	mode: number,
	uid: number,
	gid: number,
	t: number,
): Stat {
	return {
		dev,
		ino,
		mode,
		nlink: 1,
		uid,
		gid,
		rdev: 0,
		size: 0,
		blksize: PAGE_SIZE,
		blocks: 0,
		atimeNs: t,
		mtimeNs: t,
		ctimeNs: t,
	};
}

export abstract class PseudoSuperBlock extends SuperBlock {
	readonly root: Inode;
	/** The internal mount every file of the filesystem is opened on (pipe_mnt, sock_mnt). */
	readonly mnt: Mount;
	private nextIno = 1;

	/** `realtime`: the wall clock the root's times show. */
	constructor(dev: number, devname: string, realtime: () => number) {
		super();
		this.dev = dev;
		this.active = 1;
		this.root = new PseudoRoot(this, realtime);
		this.mnt = new Mount({
			id: 0,
			sb: this,
			root: this.root,
			parent: null,
			mountpoint: null,
			flags: 0,
			devname,
			seq: 0,
		});
	}

	/** get_next_ino(), per filesystem. */
	allocIno(): number {
		return this.nextIno++;
	}

	/** simple_statfs(). */
	override statfs(): StatFs {
		return { ...super.statfs(), bsize: PAGE_SIZE, namelen: NAME_MAX, frsize: PAGE_SIZE };
	}
}

/** The root directory, which no path reaches. */
class PseudoRoot extends Inode {
	readonly sb: PseudoSuperBlock;
	readonly ino = 1;
	readonly mode = S_IFDIR | 0o600;
	readonly uid = 0;
	readonly gid = 0;
	private readonly realtime: () => number;

	constructor(sb: PseudoSuperBlock, realtime: () => number) {
		super();
		this.sb = sb;
		this.realtime = realtime;
	}

	stat(): Stat {
		return pseudoStat(this.sb.dev, this.ino, this.mode, 0, 0, this.realtime());
	}
}
