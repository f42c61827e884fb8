/**
 * A disk file system, as far as memory sees one: the emulated host's "ext4"
 * on its virtio disk. Files and directories behave as tmpfs's do (the
 * bytes live in the emulation), but their pages in memory are a disk
 * file's page cache rather than shmem: on the file LRU lists, clean once
 * written (writeback is instant), dropped by reclaim and read back from
 * the disk on the next access, never swapped. No block allocation,
 * journalling or on-disk format is modelled.
 */
import type { Clock } from "../kernel/clock.ts";
import type { PageCache } from "../kernel/mm/filemap.ts";
import { EXT4_SUPER_MAGIC } from "./constants.ts";
import type { FileSystemType, FsContext } from "./inode.ts";
import { TmpfsSuperBlock } from "./tmpfs.ts";

class DiskSuperBlock extends TmpfsSuperBlock {
	override readonly fsType = "ext4";
	override readonly magic = EXT4_SUPER_MAGIC;
	override readonly shmem = false;

	override showOptions(): string {
		return "";
	}
}

/** The "ext4" type: `disk` bytes of capacity, mode 0755 roots. */
export function diskFsType(
	clock: Clock,
	disk: number,
	pageCache: PageCache | null,
): FileSystemType {
	const defaults = { size: disk, nrInodes: Math.floor(disk / 16384) };
	return {
		name: "ext4",
		nodev: false,
		initFsContext(): FsContext {
			return {
				parseParam() {},
				getTree() {
					return new DiskSuperBlock(clock, { mode: 0o755 }, defaults, pageCache);
				},
				reconfigure() {},
			};
		},
	};
}
