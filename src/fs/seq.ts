/**
 * seq_file reading (fs/seq_file.c): the content is produced when a read
 * starts at offset 0 (or anywhere other than where the last read ended), and
 * later reads continue from that snapshot, so a reader with a small buffer
 * sees one consistent text.
 */
import { binaryToBytes } from "../kernel/bytes.ts";

export class SeqReader {
	private snapshot: Uint8Array | null = null;
	private nextPos = -1;
	private readonly show: () => string;

	constructor(show: () => string) {
		this.show = show;
	}

	read(pos: number, count: number): Uint8Array {
		if (this.snapshot === null || pos === 0 || pos !== this.nextPos) {
			this.snapshot = binaryToBytes(this.show());
		}
		const out = this.snapshot.subarray(Math.min(pos, this.snapshot.length), pos + count);
		this.nextPos = pos + out.length;
		return out.slice();
	}
}
