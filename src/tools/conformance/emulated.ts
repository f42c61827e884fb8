/**
 * The emulated half of a differential run: a cgkit host booted to match a
 * real one (same cgroup mounts in the same order with the same hierarchy
 * ids, same CPU and node counts), prepared exactly as the real host's
 * sandbox prepares its host (src/host/sandbox.ts: /tmp/<prefix>, a <prefix>
 * cgroup in every hierarchy with the same setup writes, the shell moved
 * into them and given pid PID_BASE), then `/bin/sh -c SCRIPT` with stdout
 * and stderr on one pipe and an empty stdin.
 */

import { CgroupDirInode } from "../../fs/cgroupfs.ts";
import {
	MS_NOATIME,
	MS_NODEV,
	MS_NODIRATIME,
	MS_NOEXEC,
	MS_NOSUID,
	MS_RDONLY,
	MS_STRICTATIME,
} from "../../fs/constants.ts";
import { type HostFacts, prefixParents } from "../../host/facts.ts";
import { helpersDir } from "../../host/helpers.ts";
import {
	DEFAULT_TIMEOUT_MS,
	type HostRunOptions,
	PID_BASE,
	PREFIX_SETUP,
	type ScriptRun,
	scratchDir,
	scriptEnv,
} from "../../host/sandbox.ts";
import { binaryToBytes, bytesToBinary, utf8ToBinary } from "../../kernel/bytes.ts";
import { cgroupAttachTask } from "../../kernel/cgroup/migrate.ts";
import { isKernelError } from "../../kernel/errno.ts";
import { SIGKILL } from "../../kernel/signal.ts";
import type { Task } from "../../kernel/task.ts";
import { HYBRID_CONTROLLERS, type MountSpec } from "../../userland/boot.ts";
import { HELPER_PROGRAMS } from "../../userland/helpers/index.ts";
import { programImage } from "../../userland/proc/binfmt.ts";
import { exitStatusOf, HostProcess } from "../../userland/run.ts";
import { UserSystem } from "../../userland/system.ts";

/** Mount flags that /proc/self/mounts spells as options. */
const FLAG_OPTIONS: Readonly<Record<string, number>> = {
	ro: MS_RDONLY,
	rw: 0,
	nosuid: MS_NOSUID,
	nodev: MS_NODEV,
	noexec: MS_NOEXEC,
	noatime: MS_NOATIME,
	nodiratime: MS_NODIRATIME,
	strictatime: MS_STRICTATIME,
	relatime: 0,
};

/** cgroup v1 mount options that are not controller names. */
const V1_NON_CONTROLLER =
	/^(name=.*|release_agent=.*|none|all|noprefix|clone_children|xattr|cpuset_v2_mode|favordynmods|nofavordynmods)$/;

/** The mount(2) call that reproduces one mount of the facts. */
export function mountSpecOf(m: HostFacts["mounts"][number]): MountSpec {
	let flags = 0;
	const data: string[] = [];
	for (const o of m.options.split(",")) {
		const f = FLAG_OPTIONS[o];
		if (f !== undefined) flags |= f;
		else data.push(o);
	}
	// /proc/self/mounts leaves out "none": a hierarchy of no controller
	// was mounted with it (the kernel refuses a bare name=).
	if (m.fstype === "cgroup" && data.every((o) => V1_NON_CONTROLLER.test(o))) data.unshift("none");
	return {
		source: m.source,
		target: m.target,
		fstype: m.fstype,
		flags,
		data: data.length > 0 ? data.join(",") : null,
		...(m.hierarchyId > 0 ? { hierarchyId: m.hierarchyId } : {}),
	};
}

/**
 * The facts of a host in the hybrid layout (the reference machine's): a
 * tmpfs at /sys/fs/cgroup, one v1 hierarchy per controller with ids 1 to 8,
 * name=systemd as 9, cgroup2 at /sys/fs/cgroup/unified; eight loop devices,
 * a zram and a virtio disk; the loopback, two ifb and an ethernet
 * interface; 2M and 1G huge pages.
 */
export const HYBRID_FACTS: HostFacts = {
	kernel: "6.18",
	cpus: 2,
	nodes: 1,
	pidMax: 32768,
	mounts: [
		{
			source: "tmpfs",
			target: "/sys/fs/cgroup",
			fstype: "tmpfs",
			options: "rw,relatime,mode=755",
			hierarchyId: 0,
		},
		...[...HYBRID_CONTROLLERS, "name=systemd"].map((ctrl, i) => ({
			source: "cgroup",
			target: `/sys/fs/cgroup/${ctrl.replace("name=", "")}`,
			fstype: "cgroup" as const,
			options: `rw,relatime,${ctrl}`,
			hierarchyId: i + 1,
		})),
		{
			source: "cgroup2",
			target: "/sys/fs/cgroup/unified",
			fstype: "cgroup2",
			options: "rw,relatime",
			hierarchyId: 0,
		},
	],
	blockDevices: [
		...Array.from({ length: 8 }, (_, i) => ({ name: `loop${i}`, major: 7, minor: i })),
		{ name: "zram0", major: 253, minor: 0 },
		{ name: "vda", major: 254, minor: 0 },
	],
	netDevices: [
		{ name: "lo", ifindex: 1 },
		{ name: "ifb0", ifindex: 2 },
		{ name: "ifb1", ifindex: 3 },
		{ name: "eth0", ifindex: 4 },
	],
	hugepageSizes: [2 * 1024 ** 2, 1024 ** 3],
};

/** A freshly booted emulated host that matches `facts`, prepared for a run under `prefix`. */
export function bootMatching(facts: HostFacts, seed = 0): UserSystem {
	return new UserSystem({
		layout: "bare",
		cpus: facts.cpus,
		nodes: facts.nodes,
		machine: {
			...(facts.blockDevices !== undefined ? { blockDevices: facts.blockDevices } : {}),
			...(facts.netDevices !== undefined ? { netDevices: facts.netDevices } : {}),
			...(facts.hugepageSizes !== undefined ? { hugepageSizes: facts.hugepageSizes } : {}),
		},
		seed,
		pidMax: facts.pidMax,
		cgroupMounts: facts.mounts.map(mountSpecOf),
		// The reference host's root is ext4 on its virtio disk, with /tmp on it:
		// files the scenarios write are page cache, not shmem.
		rootFs: "ext4",
		tmpTmpfs: false,
	});
}

export interface EmulatedRunOptions {
	readonly timeoutMs?: number;
	readonly seed?: number;
	/** As HostRunOptions.interactive: stdin is fed by the caller, output passed on as it comes. */
	readonly interactive?: HostRunOptions["interactive"];
}

function exists(system: UserSystem, path: string): boolean {
	try {
		system.vfs.resolve(system.kernel.init, path);
		return true;
	} catch (e) {
		if (isKernelError(e) && e.code === "ENOENT") return false;
		throw e;
	}
}

/** Make /tmp/<prefix> and the <prefix> cgroups, as the sandbox does on the real host. */
function prepare(system: UserSystem, facts: HostFacts, prefix: string): string[] {
	const { vfs } = system;
	const init = system.kernel.init;
	vfs.mkdir(init, scratchDir(prefix), 0o755);
	const made: string[] = [];
	for (const parent of prefixParents(facts)) {
		const dir = `${parent}/${prefix}`;
		vfs.mkdir(init, dir, 0o755);
		made.push(dir);
		for (const { file, value } of PREFIX_SETUP) {
			if (!exists(system, `${dir}/${file}`)) continue;
			const v = value.startsWith("parent:")
				? vfs.readFile(init, `${parent}/${value.slice(7)}`).trim()
				: value;
			vfs.writeFile(init, `${dir}/${file}`, v);
		}
	}
	return made;
}

/**
 * Move the script's shell into a <prefix> cgroup, as the sandbox's
 * `echo 0 > cgroup.procs` does. Where cgkit has no cgroup.procs file yet
 * (cgroup2 before issue 7), the kernel's cgroup_attach_task() is called
 * directly: the sandbox's setup is not part of what a scenario observes.
 */
function attachShell(system: UserSystem, dir: string, task: Task): void {
	const { vfs, kernel } = system;
	if (exists(system, `${dir}/cgroup.procs`)) {
		vfs.writeFile(kernel.init, `${dir}/cgroup.procs`, String(task.pid));
		return;
	}
	const inode = vfs.resolve(kernel.init, dir).inode;
	if (!(inode instanceof CgroupDirInode)) throw new Error(`${dir} is not a cgroup`);
	cgroupAttachTask(kernel.cgroup, inode.cgroup, task, true);
	kernel.runPendingWork();
}

/** The helper programs in $CGKIT_HELPERS, as the sandbox compiles them on the real host. */
function installHelpers(system: UserSystem, prefix: string): void {
	const { vfs, kernel } = system;
	const dir = helpersDir(prefix);
	vfs.mkdir(kernel.init, dir, 0o755);
	for (const { name, main } of HELPER_PROGRAMS) {
		const key = `helpers/${name}`;
		system.programs.register(key, main);
		vfs.writeFile(kernel.init, `${dir}/${name}`, programImage(key));
		vfs.chmod(kernel.init, `${dir}/${name}`, 0o755);
	}
}

/** Run `script` on a fresh emulated host matching `facts`. */
export async function runEmulated(
	script: string,
	facts: HostFacts,
	prefix: string,
	opts: EmulatedRunOptions = {},
): Promise<ScriptRun> {
	const system = bootMatching(facts, opts.seed ?? 0);
	const { vfs, kernel } = system;
	const made = prepare(system, facts, prefix);
	if (script.includes("CGKIT_HELPERS")) installHelpers(system, prefix);
	const out: string[] = [];
	// The shell is pid PID_BASE, as in the sandbox's pid namespace.
	kernel.initPidNs.idr.cursor = PID_BASE;
	const onOutput = (b: Uint8Array): void => {
		const chunk = bytesToBinary(b);
		out.push(chunk);
		opts.interactive?.onOutput(chunk);
	};
	const proc = new HostProcess(system, onOutput, onOutput);
	vfs.dup3(proc.task, 1, 2, 0);
	for (const dir of made) attachShell(system, dir, proc.task);
	vfs.chdir(proc.task, scratchDir(prefix));
	if (opts.interactive === undefined) proc.closeInput();
	else
		opts.interactive.onStart({
			write: (data) => proc.write(binaryToBytes(data)),
			end: () => proc.closeInput(),
		});
	const envp = Object.entries(scriptEnv(prefix)).map(([k, v]) => `${k}=${v}`);
	proc.exec("/bin/sh", ["sh", "-c", utf8ToBinary(script)], envp);
	const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	let timedOut = false;
	const yieldToHost = (): Promise<void> =>
		new Promise((resolve) => {
			if (!timedOut && Date.now() > deadline && !proc.exited) {
				timedOut = true;
				kernel.kill(kernel.init, proc.task.tgid, SIGKILL);
			}
			setImmediate(resolve);
		});
	const status = await proc.wait(yieldToHost);
	return { output: out.join(""), status: timedOut ? exitStatusOf(SIGKILL) : status, timedOut };
}
