import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertErrno, TestHost } from "../support/host.ts";

const DISKS = [
	{ name: "zram0", major: 253, minor: 0 },
	{ name: "vda", major: 254, minor: 0 },
];
const B = "/sys/fs/cgroup/blkio";

function host(): TestHost {
	const t = new TestHost({ layout: "hybrid", machine: { blockDevices: DISKS } });
	t.mkdir(`${B}/a`);
	return t;
}

const ZERO = (dev: string): string =>
	["Read", "Write", "Sync", "Async", "Discard", "Total"].map((op) => `${dev} ${op} 0\n`).join("");

describe("blkio", () => {
	it("has the throttle and bfq files; the bfq weights are not on the root", () => {
		const t = host();
		const child = t.ls(`${B}/a`).filter((n) => n.startsWith("blkio."));
		assert.equal(child.length, 15);
		const root = t.ls(B).filter((n) => n.startsWith("blkio."));
		assert.deepEqual(
			child.filter((n) => !root.includes(n)),
			["blkio.bfq.weight", "blkio.bfq.weight_device"],
		);
		assert.equal(t.read(`${B}/a/blkio.throttle.read_bps_device`), "");
		assert.equal(t.read(`${B}/a/blkio.throttle.io_serviced`), "Total 0\n");
		assert.equal(t.read(`${B}/a/blkio.bfq.weight_device`), "default 100\n");
		assertErrno(() => t.read(`${B}/a/blkio.reset_stats`), "EINVAL");
		t.write(`${B}/a/blkio.reset_stats`, "1");
	});

	it("keeps throttle limits per device, newest first; 0 removes one", () => {
		const t = host();
		const f = `${B}/a/blkio.throttle.read_bps_device`;
		t.write(f, "254:0 1048576\n");
		t.write(f, "253:0 2048");
		assert.equal(t.read(f), "253:0 2048\n254:0 1048576\n");
		t.write(f, "254:0 0");
		assert.equal(t.read(f), "253:0 2048\n");
		assert.equal(
			t.read(`${B}/a/blkio.throttle.io_service_bytes`),
			`${ZERO("253:0")}${ZERO("254:0")}Total 0\n`,
		);
		t.write(`${B}/a/blkio.throttle.write_iops_device`, "254:0 4294967296");
		assert.equal(t.read(`${B}/a/blkio.throttle.write_iops_device`), "254:0 0\n");
	});

	it("refuses bad devices and syntax without changing the limits", () => {
		const t = host();
		const f = `${B}/a/blkio.throttle.read_bps_device`;
		t.write(f, "254:0 5");
		for (const [v, errno] of [
			["254:1 100", "ENODEV"],
			["1:0 100", "ENODEV"],
			["254:0", "EINVAL"],
			["254:0 -1", "EINVAL"],
			["vda 100", "EINVAL"],
			["254 100", "EINVAL"],
		] as const) {
			assertErrno(() => t.write(f, v), errno, v);
		}
		assert.equal(t.read(f), "254:0 5\n");
	});

	it("creates the ancestors' blkgs for a grandchild's limit", () => {
		const t = host();
		t.mkdir(`${B}/a/b`);
		t.write(`${B}/a/b/blkio.throttle.read_bps_device`, "254:0 1000");
		assert.equal(t.read(`${B}/a/blkio.throttle.read_bps_device`), "");
		assert.equal(t.read(`${B}/a/blkio.throttle.io_serviced`), `${ZERO("254:0")}Total 0\n`);
	});

	it("takes bfq weights 1..1000, as a number or 'default N'; per-device needs bfq", () => {
		const t = host();
		const w = `${B}/a/blkio.bfq.weight`;
		const wd = `${B}/a/blkio.bfq.weight_device`;
		t.write(w, "0x10");
		assert.equal(t.read(w), "16\n");
		assertErrno(() => t.write(w, "0"), "ERANGE");
		assertErrno(() => t.write(w, "1001"), "ERANGE");
		assertErrno(() => t.write(w, " 5"), "EINVAL");
		t.write(wd, "default 250");
		assert.equal(t.read(w), "250\n");
		t.write(wd, " 300 ");
		assert.equal(t.read(wd), "default 300\n");
		for (const [v, errno] of [
			["default 0", "ERANGE"],
			["\n", "ERANGE"],
			["default", "EINVAL"],
			["254:0 300", "EOPNOTSUPP"],
			["254:1 300", "ENODEV"],
		] as const) {
			assertErrno(() => t.write(wd, v), errno, v);
		}
		assert.equal(t.read(wd), "default 300\n");
		t.mkdir(`${B}/a/c`);
		assert.equal(t.read(`${B}/a/c/blkio.bfq.weight`), "100\n");
	});
});
