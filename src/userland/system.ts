/**
 * An emulated host with its userland: the booted kernel and filesystems,
 * the scheduler that runs processes, the installed programs (/usr/bin,
 * /usr/sbin with /bin and /sbin symlinks), and /etc with root and nobody.
 */
import { S_IFREG } from "../fs/constants.ts";
import type { Vfs } from "../fs/vfs.ts";
import { utf8ToBinary } from "../kernel/bytes.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { TASK_INTERRUPTIBLE, type Task } from "../kernel/task.ts";
import { allPrograms, type ProgramEntry } from "./bin/registry.ts";
import { type BootOptions, boot, type Host } from "./boot.ts";
import { ProgramTable, programImage, resolveExec } from "./proc/binfmt.ts";
import { Scheduler } from "./proc/scheduler.ts";
import { Sys, type System } from "./proc/sys.ts";

export const PASSWD =
	"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
export const GROUP = "root:x:0:\nnogroup:x:65534:\n";
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface SystemOptions extends BootOptions {
	/** Programs installed on top of the standard set (tests add their own). */
	programs?: readonly ProgramEntry[];
}

export class UserSystem implements System {
	readonly host: Host;
	readonly kernel: Kernel;
	readonly vfs: Vfs;
	readonly sched: Scheduler;
	readonly programs = new ProgramTable();

	constructor(opts: SystemOptions = {}) {
		this.host = boot(opts);
		this.kernel = this.host.kernel;
		this.vfs = this.host.vfs;
		this.sched = new Scheduler(this.kernel);
		// init and kthreadd wait for events forever, as on an idle Linux host.
		this.kernel.init.state = TASK_INTERRUPTIBLE;
		this.kernel.init.cmdline = ["/sbin/init"];
		this.kernel.kthreadd.state = TASK_INTERRUPTIBLE;
		this.installUserland(allPrograms(opts.programs));
		this.kernel.usermodeHelper = (call) => {
			try {
				const r = resolveExec(this.vfs, this.programs, call.task, call.path, call.argv);
				this.kernel.exec(call.task, r.filename, r.argv, r.exe);
				Sys.start(this, call.task, r.main, [...r.argv], [...call.envp]);
				return true;
			} catch {
				return false;
			}
		};
	}

	private installUserland(programs: readonly ProgramEntry[]): void {
		const { vfs } = this;
		const init = this.kernel.init;
		for (const dir of ["/usr", "/usr/bin", "/usr/sbin", "/usr/local", "/usr/local/bin", "/etc"]) {
			vfs.mkdir(init, dir, 0o755);
		}
		vfs.symlink(init, "usr/bin", "/bin");
		vfs.symlink(init, "usr/sbin", "/sbin");
		for (const p of programs) {
			this.programs.register(p.name, p.main);
			this.writeFile(`${p.dir}/${p.name}`, programImage(p.name), 0o755);
		}
		vfs.symlink(init, "dash", "/usr/bin/sh");
		this.writeFile("/etc/passwd", PASSWD, 0o644);
		this.writeFile("/etc/group", GROUP, 0o644);
		this.writeFile("/etc/hostname", "cgkit\n", 0o644);
		this.kernel.runPendingWork();
	}

	/** Create (or replace) a file as init, with exactly `mode`. */
	writeFile(path: string, content: string, mode: number): void {
		const init = this.kernel.init;
		this.vfs.writeFile(init, path, utf8ToBinary(content));
		this.vfs.chmod(init, path, mode & ~S_IFREG);
	}

	/** A new process, child of `parent` (init by default), not yet running anything. */
	forkFrom(parent: Task = this.kernel.init): Task {
		return this.kernel.fork(parent);
	}
}
