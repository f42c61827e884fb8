/** One tree per hierarchy; each visible cgroup is one memoized row. */
import { memo } from "preact/compat";
import type { HierarchyView } from "../../protocol.ts";
import { markOf, type Related, type Selection } from "../model/selection.ts";
import { cappedTasks, cgroupName, type TreeRow, visibleRows } from "../model/tree.ts";
import type { Store } from "./store.ts";

interface RowProps {
	row: TreeRow;
	mark: string;
	/** Only for an expanded row (its task list shows selection marks). */
	sel: Selection | null;
	related: Related | null;
	store: Store;
}

function CgroupRowImpl({ row, mark, sel, related, store }: RowProps) {
	const cg = row.cgroup;
	const hasChildren = cg.children.length > 0 || cg.tasks.length > 0;
	const { shown, more } = row.expanded ? cappedTasks(cg.tasks) : { shown: [], more: 0 };
	const values = Object.keys(cg.values).sort();
	return (
		<div class="cgroup-item" style={{ paddingLeft: `${row.depth * 14}px` }}>
			<div
				class={`cgroup-row ${mark}`}
				data-cgroup={cg.id}
				data-path={cg.path}
				data-tasks={String(cg.tasks.length)}
			>
				<button
					type="button"
					class="toggle"
					data-toggle={cg.id}
					disabled={!hasChildren}
					onClick={() => store.toggle(cg.id)}
				>
					{hasChildren ? (row.expanded ? "▾" : "▸") : "·"}
				</button>
				<button
					type="button"
					class="name"
					onClick={() => store.select({ kind: "cgroup", id: cg.id })}
				>
					{cgroupName(cg.path)}
				</button>
				<span class="count">{cg.tasks.length}</span>
				{values.map((k) => (
					<span class="value" key={k} title={k}>
						<span class="vname">{k}</span> <span data-value={k}>{cg.values[k]}</span>
					</span>
				))}
			</div>
			{row.expanded && shown.length > 0 ? (
				<div class="tasks">
					{shown.map((pid) => (
						<button
							type="button"
							key={pid}
							data-task={String(pid)}
							class={`task ${related === null ? "" : markOf(sel, related, { kind: "task", pid })}`}
							onClick={() => store.select({ kind: "task", pid })}
						>
							{pid}
						</button>
					))}
					{more > 0 ? <span class="more">+{more} more</span> : null}
				</div>
			) : null}
		</div>
	);
}

const CgroupRow = memo(
	CgroupRowImpl,
	(a: RowProps, b: RowProps) =>
		a.row.hash === b.row.hash &&
		a.row.expanded === b.row.expanded &&
		a.row.depth === b.row.depth &&
		a.mark === b.mark &&
		a.sel === b.sel &&
		a.related === b.related,
);

function HierarchyTree({ h, store }: { h: HierarchyView; store: Store }) {
	const rows = visibleRows(h, store.expanded);
	const title = h.name === "" ? "cgroup2 (default hierarchy)" : h.name;
	return (
		<section class="hierarchy" data-hierarchy={String(h.id)}>
			<h3>
				{h.id}: {title}
				<span class="mounts">{h.mounts.join(" ")}</span>
			</h3>
			{rows.map((row) => {
				const mark = markOf(store.selection, store.related, { kind: "cgroup", id: row.cgroup.id });
				return (
					<CgroupRow
						key={row.cgroup.id}
						row={row}
						mark={mark}
						sel={row.expanded ? store.selection : null}
						related={row.expanded ? store.related : null}
						store={store}
					/>
				);
			})}
		</section>
	);
}

export function Hierarchies({ store }: { store: Store }) {
	const s = store.state;
	if (s === null) return <p class="empty">waiting for the kernel…</p>;
	return (
		<div class="hierarchies">
			{s.hierarchies.map((h) => (
				<HierarchyTree key={h.id} h={h} store={store} />
			))}
		</div>
	);
}
