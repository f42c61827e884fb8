/**
 * lssubsys on the emulated host. The hybrid host's outputs are those of
 * libcgroup 3.1.0's lssubsys on this machine (same /proc/cgroups and
 * mounts): the unbound net_cls comes before the end of /proc/cgroups, so
 * every hierarchy's listing stops with ECGROUPNOTEXIST (exit 82).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { UserSystem } from "../../../src/userland/system.ts";
import { h4System, out, run, sh } from "./h4-support.ts";

const LS = "/usr/bin/lssubsys";

const HELP = `Usage: ${LS} [-i] [-m] [-M] [controller] [...]
   or: ${LS} [-a] [-i] [-m] [-M]
List information about given controller(s) If no controller is set list information about all mounted controllers.
  -a, --all\t\t\tDisplay information about all controllers (including not mounted ones)
  -h, --help\t\t\tDisplay this help
  -i, --hierarchies\t\tDisplay information about hierarchies
  -m, --mount-points\t\tDisplay mount points
  -M, --all-mount-points\tDisplay all mount points
(Note: currently supported on cgroups v1 only)
`;

const UNBOUND = "net_cls\nperf_event\nnet_prio\nhugetlb\n";

describe("lssubsys on the hybrid host", () => {
	const s = h4System();
	const cases: [string[], number, string][] = [
		[[], 82, ""],
		[["-m"], 82, ""],
		[["-i"], 82, ""],
		[["-M"], 82, ""],
		[["-a"], 82, UNBOUND],
		[["-am"], 82, UNBOUND],
		[["-ai"], 82, UNBOUND],
		[["--all", "--mount-points"], 82, UNBOUND],
		[["cpu"], 82, ""],
		[["cpu", "-m"], 82, ""],
		[["-a", "cpu"], 82, UNBOUND],
		[["net_cls"], 0, ""],
		[["name=systemd"], 0, ""],
	];
	for (const [args, status, stdout] of cases) {
		test(`lssubsys ${args.join(" ")}`, () => {
			assert.deepEqual(out(run(s, LS, ...args)), [status, stdout, ""]);
		});
	}

	test("-h and a bad option", () => {
		assert.deepEqual(out(run(s, LS, "-h")), [0, HELP, ""]);
		assert.deepEqual(out(run(s, LS, "--help", "-x")), [0, HELP, ""]);
		assert.deepEqual(out(run(s, LS, "-x")), [
			129,
			"",
			`${LS}: invalid option -- 'x'\nWrong input parameters, try ${LS} -h' for more information.\n`,
		]);
		assert.deepEqual(out(run(s, LS, "--bogus")), [
			129,
			"",
			`${LS}: unrecognized option '--bogus'\nWrong input parameters, try ${LS} -h' for more information.\n`,
		]);
	});
});

/** A host whose every controller is bound: cpu,cpuacct and net_cls,net_prio together, memory mounted twice. */
function allBound(): UserSystem {
	const s = h4System({ layout: "bare" });
	const mounts = [
		"cpu,cpuacct",
		"net_cls,net_prio",
		"memory",
		"pids",
		"cpuset",
		"blkio",
		"devices",
		"freezer",
		"perf_event",
		"hugetlb",
	];
	const r = sh(
		s,
		`mkdir /tmp/cg && cd /tmp/cg && ${mounts.map((c) => `mkdir ${c} && mount -t cgroup -o ${c} cgroup ${c}`).join(" && ")} && mkdir x u /tmp/m2 && mount -t cgroup -o none,name=x cgroup x && mount -t cgroup2 cgroup2 u && mount -t cgroup -o memory cgroup /tmp/m2`,
	);
	assert.equal(r.status, 0);
	return s;
}

describe("lssubsys with every controller bound", () => {
	const s = allBound();
	const names = [
		"cpuset",
		"cpu,cpuacct",
		"blkio",
		"memory",
		"devices",
		"freezer",
		"net_cls,net_prio",
		"perf_event",
		"hugetlb",
		"pids",
	];
	const paths = names.map((n) => `${n} /tmp/cg/${n}`);
	const ids = [5, 1, 6, 3, 7, 8, 2, 9, 10, 4];

	test("hierarchies in /proc/cgroups order, controllers of one hierarchy joined with commas", () => {
		assert.deepEqual(out(run(s, LS)), [0, `${names.join("\n")}\n`, ""]);
		assert.deepEqual(out(run(s, LS, "-a")), [0, `${names.join("\n")}\n`, ""]);
	});

	test("-i: the hierarchy numbers", () => {
		assert.deepEqual(out(run(s, LS, "-i")), [
			0,
			`${names.map((n, i) => `${n} ${ids[i]}`).join("\n")}\n`,
			"",
		]);
	});

	test("-m: the first mount point; -M every mount point; -m wins over -i", () => {
		assert.deepEqual(out(run(s, LS, "-m")), [0, `${paths.join("\n")}\n`, ""]);
		assert.deepEqual(out(run(s, LS, "-ami")), [0, `${paths.join("\n")}\n`, ""]);
		const all = [...paths];
		all.splice(4, 0, "memory /tmp/m2");
		assert.deepEqual(out(run(s, LS, "-M")), [0, `${all.join("\n")}\n`, ""]);
	});

	test("named controllers: only their hierarchies, each once", () => {
		assert.deepEqual(out(run(s, LS, "cpu")), [0, "cpu,cpuacct\n", ""]);
		assert.deepEqual(out(run(s, LS, "cpuacct", "-m")), [
			0,
			"cpu,cpuacct /tmp/cg/cpu,cpuacct\n",
			"",
		]);
		assert.deepEqual(out(run(s, LS, "net_prio", "memory", "-M", "cpuacct", "cpu")), [
			0,
			"cpu,cpuacct /tmp/cg/cpu,cpuacct\nmemory /tmp/cg/memory\nmemory /tmp/m2\nnet_cls,net_prio /tmp/cg/net_cls,net_prio\n",
			"",
		]);
		assert.deepEqual(out(run(s, LS, "name=x", "nope")), [0, "", ""]);
	});
});

describe("lssubsys on a cgroup v2 host", () => {
	test("no controller is bound to a v1 hierarchy: only -a lists them", () => {
		const s = h4System({ layout: "v2" });
		assert.deepEqual(out(run(s, LS)), [0, "", ""]);
		assert.deepEqual(out(run(s, LS, "-a")), [
			0,
			"cpuset\ncpu\ncpuacct\nblkio\nmemory\ndevices\nfreezer\nnet_cls\nperf_event\nnet_prio\nhugetlb\npids\n",
			"",
		]);
	});
});
