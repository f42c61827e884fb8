/**
 * The timeline's kernel events (protocol.ts's KernelEventView) from the
 * kernel's tracepoints (kernel.trace, src/kernel/trace.ts): each event
 * named as the page shows it, with the pids, cgroups and css_sets it
 * touches for highlighting.
 */
import type { TraceEvent } from "../kernel/trace.ts";
import type { UserSystem } from "../userland/system.ts";
import type { KernelEventView } from "./protocol.ts";
import type { KernelEventSource } from "./session.ts";
import { cgroupId } from "./state.ts";

type View = Omit<KernelEventView, "seq">;

/** One tracepoint as a timeline row, or null for none. */
export function eventView(ev: TraceEvent, timeNs: number): View | null {
	switch (ev.kind) {
		case "fork":
			return {
				timeNs,
				kind: "fork",
				text: `fork ${ev.parent.pid} -> ${ev.child.pid} (${ev.parent.comm})`,
				pids: [ev.parent.pid, ev.child.pid],
			};
		case "exit":
			return {
				timeNs,
				kind: "exit",
				text: `exit ${ev.task.pid} (${ev.task.comm})`,
				pids: [ev.task.pid],
			};
		case "mkdir":
		case "rmdir": {
			const id = cgroupId(ev.cgroup);
			return { timeNs, kind: ev.kind, text: `${ev.kind} ${id}`, cgroups: [id] };
		}
		case "attach": {
			const src = cgroupId(ev.src);
			const dst = cgroupId(ev.dst);
			return {
				timeNs,
				kind: "attach",
				text: `attach ${ev.task.pid} ${src} -> ${dst}`,
				pids: [ev.task.pid],
				cgroups: [src, dst],
				migration: ev.migration,
			};
		}
		case "charge-fail": {
			const id = cgroupId(ev.memcg);
			return {
				timeNs,
				kind: "charge-fail",
				text: `charge failed in ${id}: ${ev.nrPages} page(s), ${ev.counter}, then ${ev.action}`,
				cgroups: [id],
			};
		}
		case "reclaim": {
			const where = ev.memcg === null ? "global" : cgroupId(ev.memcg);
			return {
				timeNs,
				kind: "reclaim",
				text: `reclaim ${where}: ${ev.nrReclaimed}/${ev.nrRequested} pages`,
				...(ev.memcg !== null ? { cgroups: [where] } : {}),
			};
		}
		case "oom-kill": {
			const where = ev.memcg === null ? "global" : cgroupId(ev.memcg);
			return {
				timeNs,
				kind: "oom-kill",
				text: `OOM kill ${ev.victim.pid} (${ev.victim.comm}) in ${where}`,
				pids: [ev.victim.pid],
				...(ev.memcg !== null ? { cgroups: [where] } : {}),
			};
		}
		case "release-agent": {
			const id = cgroupId(ev.cgroup);
			return {
				timeNs,
				kind: "release-agent",
				text: `release agent ${ev.agent} ${ev.path}`,
				cgroups: [id],
			};
		}
		case "migrate": {
			const base = { timeNs, kind: "migrate" as const, phase: ev.phase, migration: ev.id };
			switch (ev.phase) {
				case "prepare":
					return {
						...base,
						text: `migration ${ev.id}: prepare`,
						csets: [...ev.srcCsets, ...ev.dstCsets].map((c) => c.id),
					};
				case "cset-found":
				case "cset-created":
					return {
						...base,
						text: `migration ${ev.id}: css_set ${ev.cset.id} ${ev.phase === "cset-found" ? "found" : "created"} for ${cgroupId(ev.dstCgroup)}`,
						csets: [ev.src.id, ev.cset.id],
						cgroups: [cgroupId(ev.dstCgroup)],
					};
				case "can-attach":
					return {
						...base,
						text: `migration ${ev.id}: ${ev.subsys} can_attach ${ev.error ?? "ok"}`,
					};
				case "cancel-attach":
					return { ...base, text: `migration ${ev.id}: ${ev.subsys} cancel_attach` };
				case "commit":
					return {
						...base,
						text: `migration ${ev.id}: commit ${ev.tasks.length} task(s)`,
						pids: ev.tasks.map((t) => t.pid),
					};
				case "abort":
					return { ...base, text: `migration ${ev.id}: abort ${ev.error}` };
				case "attach":
					return { ...base, text: `migration ${ev.id}: ${ev.subsys} attach` };
			}
		}
	}
	return null;
}

/** The kernel's tracepoints as the session's event source. */
export const traceEvents: KernelEventSource = (system: UserSystem, emit) =>
	system.kernel.trace.subscribe((ev) => {
		const view = eventView(ev, system.kernel.clock.now());
		if (view !== null) emit(view);
	});
