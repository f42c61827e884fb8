/**
 * Character devices (drivers/char/mem.c): /dev/null, /dev/zero, /dev/full,
 * /dev/random and /dev/urandom (fed by the kernel's seeded generator).
 */
import { KernelError } from "../kernel/errno.ts";
import type { Rng } from "../kernel/rng.ts";
import { makedev } from "./constants.ts";
import type { FileHandle } from "./inode.ts";

export const MEM_MAJOR = 1;
export const DEV_NULL = makedev(MEM_MAJOR, 3);
export const DEV_ZERO = makedev(MEM_MAJOR, 5);
export const DEV_FULL = makedev(MEM_MAJOR, 7);
export const DEV_RANDOM = makedev(MEM_MAJOR, 8);
export const DEV_URANDOM = makedev(MEM_MAJOR, 9);

export type ChrdevOpen = () => FileHandle;

export class ChrdevRegistry {
	private readonly devices = new Map<number, ChrdevOpen>();

	register(rdev: number, open: ChrdevOpen): void {
		this.devices.set(rdev, open);
	}

	/** chrdev_open(): ENXIO for a device number nothing drives. */
	open(rdev: number): FileHandle {
		const open = this.devices.get(rdev);
		if (open === undefined) throw new KernelError("ENXIO");
		return open();
	}
}

export function registerMemDevices(reg: ChrdevRegistry, rng: Rng): void {
	const sink = (_f: unknown, data: Uint8Array): number => data.length;
	reg.register(DEV_NULL, () => ({ read: () => new Uint8Array(0), write: sink }));
	reg.register(DEV_ZERO, () => ({ read: (_f, _p, count) => new Uint8Array(count), write: sink }));
	reg.register(DEV_FULL, () => ({
		read: (_f, _p, count) => new Uint8Array(count),
		write: () => {
			throw new KernelError("ENOSPC");
		},
	}));
	const random = (): FileHandle => ({
		read: (_f, _p, count) => {
			const out = new Uint8Array(count);
			for (let i = 0; i < count; i++) out[i] = rng.u32() & 0xff;
			return out;
		},
		write: sink,
	});
	reg.register(DEV_RANDOM, random);
	reg.register(DEV_URANDOM, random);
}
