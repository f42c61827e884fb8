/** Shared helpers for tests that drive an emulated host through its syscalls. */
import assert from "node:assert/strict";
import { O_RDONLY } from "../../src/fs/constants.ts";
import { bytesToBinary } from "../../src/kernel/bytes.ts";
import { isKernelError } from "../../src/kernel/errno.ts";
import { assertInvariants } from "../../src/kernel/invariants.ts";
import type { Task } from "../../src/kernel/task.ts";
import { type BootOptions, boot, type Host } from "../../src/userland/boot.ts";

/** The errno code a call fails with, or "OK" when it succeeds. */
export function errnoOf(fn: () => unknown): string {
	try {
		fn();
		return "OK";
	} catch (e) {
		if (isKernelError(e)) return e.code;
		throw e;
	}
}

export function assertErrno(fn: () => unknown, code: string, message?: string): void {
	assert.equal(errnoOf(fn), code, message);
}

/** A host plus short-hand syscalls run as pid 1 (or another task). */
export class TestHost {
	readonly host: Host;

	constructor(opts: BootOptions = {}) {
		this.host = boot(opts);
	}

	get kernel() {
		return this.host.kernel;
	}

	get vfs() {
		return this.host.vfs;
	}

	get init(): Task {
		return this.host.init;
	}

	read(path: string, task: Task = this.init): string {
		return this.vfs.readFile(task, path);
	}

	/** `echo -n data > path`: one write(2); returns its result. */
	write(path: string, data: string, task: Task = this.init): number {
		return this.vfs.writeFile(task, path, data);
	}

	mkdir(path: string, mode = 0o755, task: Task = this.init): void {
		this.vfs.mkdir(task, path, mode);
	}

	rmdir(path: string, task: Task = this.init): void {
		this.vfs.rmdir(task, path);
	}

	ls(path: string, task: Task = this.init): string[] {
		return this.vfs.readdir(task, path);
	}

	/** A new process forked from `parent` (init by default). */
	spawn(parent: Task = this.init): Task {
		return this.kernel.fork(parent);
	}

	/** A process running as an unprivileged user. */
	spawnAs(uid: number, gid = uid, parent: Task = this.init): Task {
		const t = this.kernel.fork(parent);
		t.cred = t.cred.withUids(uid, uid, uid).withGids(gid, gid, gid);
		return t;
	}

	/** Read through a small buffer, as `cat` with a tiny buffer would. */
	readInChunks(path: string, chunk: number, task: Task = this.init): string {
		const fd = this.vfs.open(task, path, O_RDONLY);
		let out = "";
		for (;;) {
			const b = this.vfs.read(task, fd, chunk);
			if (b.length === 0) break;
			out += bytesToBinary(b);
		}
		this.vfs.close(task, fd);
		return out;
	}

	check(): void {
		assertInvariants(this.kernel);
	}
}
