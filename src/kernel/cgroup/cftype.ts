/**
 * struct cftype: a declarative description of one cgroup control file, and
 * the per-open context its handlers receive (kernfs_open_file together with
 * cgroup_file_ctx). Handlers throw a KernelError to fail.
 */
import type { Cred } from "../cred.ts";
import type { Task } from "../task.ts";
import type { Cgroup, CgroupFile } from "./cgroup.ts";
import type { CgroupSubsysState } from "./css.ts";
import type { CgroupNamespace } from "./namespace.ts";

export interface CgroupOpenFile<C extends CgroupSubsysState = CgroupSubsysState> {
	readonly file: CgroupFile;
	readonly cgroup: Cgroup;
	/** The file's css: a controller's, or the cgroup's self css for core files. */
	readonly css: C;
	/** The opener's credentials (f_cred), used for permission decisions. */
	readonly cred: Cred;
	/** The opener's cgroup namespace (cgroup_file_ctx->ns), held while the file is open. */
	readonly ns: CgroupNamespace | null;
	/** The task making the current read or write call. */
	current: Task;
	/** Handler-private state kept for the life of the open file. */
	priv: object | null;
}

export interface CfType<C extends CgroupSubsysState = CgroupSubsysState> {
	readonly name: string;
	readonly flags?: number;
	/** Largest accepted write; PAGE_SIZE when absent (longer writes get E2BIG). */
	readonly maxWriteLen?: number;
	readonly private?: number;
	/** seq_show: the file's content, produced when a read starts at offset 0. */
	seqShow?(of: CgroupOpenFile<C>): string;
	/** read_u64, printed as "%llu\n". */
	readU64?(css: C, of: CgroupOpenFile<C>): bigint | number;
	/** read_s64, printed as "%lld\n". */
	readS64?(css: C, of: CgroupOpenFile<C>): bigint | number;
	/** write: gets the NUL-terminated buffer; returns the bytes consumed. */
	write?(of: CgroupOpenFile<C>, buf: string, nbytes: number): number;
	/** write_u64: the buffer parsed by kstrtoull(buf, 0). */
	writeU64?(css: C, value: bigint, of: CgroupOpenFile<C>): void;
	/** write_s64: the buffer parsed by kstrtoll(buf, 0). */
	writeS64?(css: C, value: bigint, of: CgroupOpenFile<C>): void;
	/** kernfs_show(): the file is listed and found only while this says so (the pressure files). */
	shown?(cgrp: Cgroup): boolean;
	open?(of: CgroupOpenFile<C>): void;
	release?(of: CgroupOpenFile<C>): void;
}

/** cgroup_file_mode(): 0444 with any read handler, plus 0200 (or 0222) with a write one. */
export function cftypeMode(cft: CfType, worldWritable: boolean): number {
	let mode = 0;
	if (cft.seqShow || cft.readU64 || cft.readS64) mode |= 0o444;
	if (cft.write || cft.writeU64 || cft.writeS64) mode |= worldWritable ? 0o222 : 0o200;
	return mode;
}
