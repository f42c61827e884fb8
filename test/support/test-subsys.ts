/**
 * A controller for tests: it records every callback the cgroup core makes,
 * can veto attach, fork and online, and (through its one control file)
 * shows how a controller's own files appear.
 */
import { BUILTIN_SUBSYSTEMS } from "../../src/kernel/cgroup/builtin.ts";
import type { CfType } from "../../src/kernel/cgroup/cftype.ts";
import { CgroupSubsysState } from "../../src/kernel/cgroup/css.ts";
import { CGRP_CPUSET_CLONE_CHILDREN } from "../../src/kernel/cgroup/defs.ts";
import type { SubsystemDef } from "../../src/kernel/cgroup/subsys.ts";
import { type ErrnoName, KernelError } from "../../src/kernel/errno.ts";

export class TestCss extends CgroupSubsysState {
	value = 0n;
	/** Tasks reserved by can_attach and not yet committed or cancelled. */
	reserved = 0;
	attached = 0;
}

export interface TestControl {
	log: string[];
	vetoAttach: ErrnoName | null;
	vetoFork: ErrnoName | null;
	vetoOnline: ErrnoName | null;
	/** css of the last can_attach, to check cancel reverses exactly that. */
	lastPrepared: TestCss[];
}

/** cgroup2 traits of a test controller. */
export interface TestSubsysTraits {
	threaded?: boolean;
	dependsOn?: readonly string[];
}

export function testSubsystem(
	name: string,
	control: TestControl,
	legacyName = name,
	traits: TestSubsysTraits = {},
): SubsystemDef<TestCss> {
	const path = (css: CgroupSubsysState) => `${css.cgroup.root.hierarchyId}:${css.cgroup.path()}`;
	const files: CfType<TestCss>[] = [
		{
			name: "value",
			readU64: (css) => css.value,
			writeU64: (css, v) => {
				css.value = v;
			},
		},
	];
	return {
		name,
		legacyName,
		...traits,
		create: () => ({
			legacyCftypes: files,
			dflCftypes: files,
			cssAlloc: (parent, cgroup, ss) => {
				control.log.push(`${name}.css_alloc ${cgroup.path()}`);
				const css = new TestCss(cgroup, ss, parent);
				if (parent !== null && cgroup.flags & CGRP_CPUSET_CLONE_CHILDREN) css.value = parent.value;
				return css;
			},
			cssOnline: (css) => {
				control.log.push(`${name}.css_online ${path(css)}`);
				if (control.vetoOnline) throw new KernelError(control.vetoOnline);
			},
			cssOffline: (css) => control.log.push(`${name}.css_offline ${path(css)}`),
			cssReleased: (css) => control.log.push(`${name}.css_released ${css.cgroup.path()}`),
			cssFree: (css) => control.log.push(`${name}.css_free ${css.cgroup.path()}`),
			cssReset: (css) => {
				control.log.push(`${name}.css_reset ${path(css)}`);
				css.value = 0n;
			},
			canAttach: (tset) => {
				control.lastPrepared = [];
				for (const [task, css] of tset) {
					control.log.push(`${name}.can_attach ${task.pid} -> ${path(css)}`);
					(css as TestCss).reserved++;
					control.lastPrepared.push(css as TestCss);
				}
				if (control.vetoAttach) throw new KernelError(control.vetoAttach);
			},
			cancelAttach: (tset) => {
				for (const [task, css] of tset) {
					control.log.push(`${name}.cancel_attach ${task.pid}`);
					(css as TestCss).reserved--;
				}
			},
			attach: (tset) => {
				for (const [task, css] of tset) {
					control.log.push(`${name}.attach ${task.pid} -> ${path(css)}`);
					(css as TestCss).reserved--;
					(css as TestCss).attached++;
				}
			},
			canFork: (task) => {
				control.log.push(`${name}.can_fork ${task.pid}`);
				if (control.vetoFork) throw new KernelError(control.vetoFork);
			},
			cancelFork: (task) => control.log.push(`${name}.cancel_fork ${task.pid}`),
			fork: (task) => control.log.push(`${name}.fork ${task.pid}`),
			exit: (task) => control.log.push(`${name}.exit ${task.pid}`),
			release: (task) => control.log.push(`${name}.release ${task.pid}`),
			free: (task) => control.log.push(`${name}.free ${task.pid}`),
			postAttach: () => control.log.push(`${name}.post_attach`),
			bind: (css) => control.log.push(`${name}.bind ${css.cgroup.root.hierarchyId}`),
		}),
	};
}

export function newControl(): TestControl {
	return { log: [], vetoAttach: null, vetoFork: null, vetoOnline: null, lastPrepared: [] };
}

/** The built-in controllers plus two test ones, "testa" and "testb". */
export function withTestSubsystems(a: TestControl, b: TestControl): SubsystemDef[] {
	return [...BUILTIN_SUBSYSTEMS, testSubsystem("testa", a), testSubsystem("testb", b)];
}
