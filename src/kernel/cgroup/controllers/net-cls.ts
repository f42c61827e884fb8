/**
 * The net_cls controller (net/core/netclassid_cgroup.c): a class id for the
 * packets of the cgroup's sockets, for tc's cgroup classifier and
 * netfilter. cgkit has no sockets, so the class id is kept and shown only.
 */
import type { Cgroup } from "../cgroup.ts";
import { CgroupSubsysState } from "../css.ts";
import type { Subsystem, SubsystemDef } from "../subsys.ts";

/** struct cgroup_cls_state. */
export class CgroupClsState extends CgroupSubsysState {
	/** classid: a u32. */
	classid = 0;
}

export const NET_CLS_SUBSYS: SubsystemDef<CgroupClsState> = {
	name: "net_cls",
	legacyName: "net_cls",
	v1Only: true,
	create: () => ({
		/** cgrp_css_alloc(). */
		cssAlloc: (parent: CgroupClsState | null, cgroup: Cgroup, ss: Subsystem<CgroupClsState>) =>
			new CgroupClsState(cgroup, ss, parent),
		/** cgrp_css_online(): a new cgroup starts with its parent's class id. */
		cssOnline: (css) => {
			const parent = css.parent as CgroupClsState | null;
			if (parent !== null) css.classid = parent.classid;
		},
		legacyCftypes: [
			{
				name: "classid",
				/** read_classid(). */
				readU64: (css) => css.classid,
				/** write_classid(): the u64 written, truncated to the u32 class id. */
				writeU64: (css, value) => {
					css.classid = Number(BigInt.asUintN(32, value));
				},
			},
		],
	}),
};
