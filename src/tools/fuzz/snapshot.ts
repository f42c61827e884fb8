/**
 * A canonical text of the state a failed operation must leave alone: the
 * mount table, every hierarchy with its cgroups (names, modes, owners,
 * flags, dying counts, the attributes of their control files and the
 * contents of controller files), every task (ids, parent, state, signals,
 * credentials, its cgroup in each hierarchy) and the number of release
 * agents started. Taken after every step, so it reads the kernel's
 * structures directly rather than through files: the core files' contents
 * (tasks, cgroup.procs, notify_on_release, release_agent…) are exactly
 * these structures. Controller files, which have state of their own, are
 * read through their handlers.
 */
import { CgroupDirInode } from "../../fs/cgroupfs.ts";
import type { Cgroup } from "../../kernel/cgroup/cgroup.ts";
import { cgroupFileOpen, cgroupFileRelease, cgroupSeqShow } from "../../kernel/cgroup/file.ts";
import { Cred } from "../../kernel/cred.ts";
import { isKernelError } from "../../kernel/errno.ts";
import type { Task } from "../../kernel/task.ts";
import type { World } from "./world.ts";

const ROOT_CRED = Cred.root();

/**
 * Controller files that count what happened, failures included (a refused
 * fork raises pids.events and, through the attempt, pids.peak; time moves
 * cpu.stat and cpuacct): they are not state a failed operation must leave
 * alone.
 */
const STATISTICS =
	/^(pids\.(peak|events)|cpu\.stat(\.local)?|cpuacct\..*|hugetlb\..*\.(failcnt|max_usage_in_bytes|usage_in_bytes)|blkio\..*io_service.*|memory\.(stat|numa_stat|(memsw\.|kmem\.|kmem\.tcp\.)?(usage_in_bytes|max_usage_in_bytes|failcnt)))$/;

function controllerFileContents(w: World, c: Cgroup, out: string[]): void {
	for (const set of c.fileSets) {
		if (set.css.ss === null) continue;
		for (let i = 0; i < set.size; i++) {
			const f = set.file(i);
			const cft = f.cft;
			if (!(cft.seqShow || cft.readU64 || cft.readS64) || STATISTICS.test(f.name)) continue;
			let text: string;
			try {
				const of = cgroupFileOpen(f, ROOT_CRED, w.shell);
				try {
					text = cgroupSeqShow(of);
				} finally {
					cgroupFileRelease(of);
				}
			} catch (e) {
				if (!isKernelError(e)) throw e;
				text = `!${e.code}`;
			}
			out.push(`    = ${f.name} ${JSON.stringify(text)}`);
		}
	}
}

export function snapshot(w: World): string {
	const out: string[] = [];
	const { vfs, kernel } = w;
	for (const m of vfs.initMntNs.mounts) {
		const mp = m.mountpoint;
		const where =
			mp instanceof CgroupDirInode ? `cg${mp.cgroup.root.hierarchyId}:${mp.ino}` : `${mp?.ino}`;
		out.push(
			`M ${m.id} ${m.parent?.id ?? 0} ${where} ${m.sb.fsType} ${m.devname} ${m.flags} ${m.sb.showOptions()}`,
		);
	}
	const paths = new Map<Cgroup, string>();
	const pathOf = (c: Cgroup): string => {
		let p = paths.get(c);
		if (p === undefined) {
			p = c.online ? c.path() : `${c.path()} (dying)`;
			paths.set(c, p);
		}
		return p;
	};
	for (const root of kernel.cgroup.roots) {
		out.push(
			`H ${root.hierarchyId} ${root.name} ${root.flags} ${root.subsysMask} ${JSON.stringify(root.releaseAgentPath)} ${root.nrCgrps} ${root.cgrp.flags}`,
		);
		for (const c of root.cgrp.descendantsPre()) {
			out.push(
				`  ${JSON.stringify(pathOf(c))} ${c.mode} ${c.uid} ${c.gid} ${c.flags} ${c.nrDyingDescendants}`,
			);
			let attrs = "   ";
			for (const set of c.fileSets) {
				for (let i = 0; i < set.size; i++) {
					const f = set.file(i);
					attrs += ` ${f.name}:${f.mode}:${f.uid}:${f.gid}`;
				}
			}
			out.push(attrs);
			controllerFileContents(w, c, out);
		}
	}
	for (const pid of kernel.initPidNs.idr.values()) {
		const t: Task | null = pid.task;
		if (t === null) continue;
		const cr = t.cred;
		let where = "";
		const cset = t.cgroups;
		if (cset !== null) for (const l of cset.cgrpLinks) where += ` ${pathOf(l.cgrp)}`;
		out.push(
			`T ${t.pid} ${t.tgid} ${t.groupLeader.realParent?.pid ?? 0} ${t.state} ${t.exitState} ${t.flags} ${t.pending} ${t.signal.sharedPending} ${t.blocked} ${cr.uid},${cr.euid},${cr.suid},${cr.fsuid} ${cr.gid},${cr.egid},${cr.sgid},${cr.fsgid} ${cr.groups.join(",")}${where}`,
		);
	}
	out.push(`U ${w.helperCalls}`);
	return out.join("\n");
}

/** The first lines in which two snapshots differ, for a finding's message. */
export function snapshotDiff(before: string, after: string, max = 6): string {
	const a = before.split("\n");
	const b = after.split("\n");
	const inB = new Set(b);
	const inA = new Set(a);
	const lines: string[] = [];
	for (const l of a) if (!inB.has(l)) lines.push(`- ${l}`);
	for (const l of b) if (!inA.has(l)) lines.push(`+ ${l}`);
	return lines.slice(0, max).join("\n");
}
