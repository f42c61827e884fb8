/**
 * The io controller on cgroup2 (block/blk-cgroup.c, blk-throttle.c,
 * blk-iocost.c, bfq-cgroup.c): io.stat (a line per blkg, the counts only
 * when non-zero), io.max (tg_set_limit()), io.weight (iocost's
 * ioc_weight_write()) and io.bfq.weight (bfq_io_set_weight()), on the
 * reference machine's disks (vda 254:0, zram0 253:0), neither of which is
 * scheduled by BFQ or has iocost enabled.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertErrno, TestHost } from "../support/host.ts";

const R = "/sys/fs/cgroup";

function setup(): TestHost {
	const h = new TestHost({ layout: "v2" });
	h.mkdir(`${R}/a`);
	return h;
}

const read = (h: TestHost, f: string) => h.read(`${R}/${f}`);
const write = (h: TestHost, f: string, v: string) => h.write(`${R}/${f}`, v);

describe("io files on cgroup2", () => {
	it("the root has io.stat with a line for each disk's root blkg; a child has four files", () => {
		const h = setup();
		assert.deepEqual(
			h.ls(R).filter((n) => n.startsWith("io.") && n !== "io.pressure"),
			["io.stat"],
		);
		assert.equal(read(h, "io.stat"), "254:0 \n253:0 \n");
		const want: [string, number, string][] = [
			["io.bfq.weight", 0o644, "default 100\n"],
			["io.max", 0o644, ""],
			["io.stat", 0o444, ""],
			["io.weight", 0o644, "default 100\n"],
		];
		assert.deepEqual(
			h
				.ls(`${R}/a`)
				.filter((n) => n.startsWith("io.") && n !== "io.pressure")
				.sort(),
			want.map(([f]) => f),
		);
		for (const [f, mode, content] of want) {
			assert.equal(h.vfs.stat(h.init, `${R}/a/${f}`).mode & 0o777, mode, f);
			assert.equal(read(h, `a/${f}`), content, f);
		}
	});
});

describe("io.max", () => {
	it("keeps the four limits per device, newest first, max for none; a line goes when all are max", () => {
		const h = setup();
		write(h, "a/io.max", "254:0 rbps=1048576");
		assert.equal(read(h, "a/io.max"), "254:0 rbps=1048576 wbps=max riops=max wiops=max\n");
		write(h, "a/io.max", "254:0 wiops=100 riops=200  wbps=4096\n");
		write(h, "a/io.max", "253:0 rbps=2");
		assert.equal(
			read(h, "a/io.max"),
			"253:0 rbps=2 wbps=max riops=max wiops=max\n" +
				"254:0 rbps=1048576 wbps=4096 riops=200 wiops=100\n",
		);
		write(h, "a/io.max", "254:0 rbps=max wbps=max riops=max wiops=max");
		assert.equal(read(h, "a/io.max"), "253:0 rbps=2 wbps=max riops=max wiops=max\n");
		assert.equal(read(h, "a/io.stat"), "253:0 \n254:0 \n", "io.stat lists both blkgs");
	});

	it("takes 1, clamps iops to UINT_MAX (shown as max), wraps %llu; ERANGE for 0", () => {
		const h = setup();
		write(h, "a/io.max", "254:0 rbps=1 riops=1");
		assert.equal(read(h, "a/io.max"), "254:0 rbps=1 wbps=max riops=1 wiops=max\n");
		write(h, "a/io.max", "254:0 riops=4294967294 wiops=5000000000");
		assert.equal(read(h, "a/io.max"), "254:0 rbps=1 wbps=max riops=4294967294 wiops=max\n");
		write(h, "a/io.max", "254:0 wbps=18446744073709551614 rbps=12abc");
		assert.equal(
			read(h, "a/io.max"),
			"254:0 rbps=12 wbps=18446744073709551614 riops=4294967294 wiops=max\n",
		);
		assertErrno(() => write(h, "a/io.max", "254:0 rbps=18446744073709551616"), "ERANGE");
		assertErrno(() => write(h, "a/io.max", "254:0 wbps=0"), "ERANGE");
	});

	const rejected: [string, string][] = [
		["254:1 rbps=1", "ENODEV"],
		["1:0 rbps=1", "ENODEV"],
		["254:0 rbps", "EINVAL"],
		["254:0 rbps=", "EINVAL"],
		["254:0 rbps=abc", "EINVAL"],
		["254:0 rbps=maxx", "EINVAL"],
		["254:0 rbps=-1", "EINVAL"],
		["254:0 rbps=+1", "EINVAL"],
		["254:0 foo=1", "EINVAL"],
		["254:0 RBPS=1", "EINVAL"],
		["254:0 wiops=5 wbps=0", "ERANGE"],
		["254:0 wiops=5 bad", "EINVAL"],
		["254 rbps=1", "EINVAL"],
		["vda rbps=1", "EINVAL"],
		["254:0:1 rbps=1", "EINVAL"],
		["\n", "EINVAL"],
	];
	for (const [input, errno] of rejected) {
		it(`refuses ${JSON.stringify(input)} with ${errno}, changing no limit`, () => {
			const h = setup();
			write(h, "a/io.max", "254:0 riops=7");
			assertErrno(() => write(h, "a/io.max", input), errno);
			assert.equal(read(h, "a/io.max"), "254:0 rbps=max wbps=max riops=7 wiops=max\n");
		});
	}

	it("a refused token still leaves the device's blkg behind, as the kernel creates it first", () => {
		const h = setup();
		assertErrno(() => write(h, "a/io.max", "253:0 rbps=0"), "ERANGE");
		assert.equal(read(h, "a/io.max"), "");
		assert.equal(read(h, "a/io.stat"), "253:0 \n");
		write(h, "a/io.max", "254:0\n");
		assert.equal(read(h, "a/io.stat"), "254:0 \n253:0 \n", "a device alone configures nothing");
	});

	it("a grandchild's limit creates the blkgs of its ancestors", () => {
		const h = setup();
		write(h, "a/cgroup.subtree_control", "+io");
		h.mkdir(`${R}/a/b`);
		write(h, "a/b/io.max", "254:0 wbps=10");
		assert.equal(read(h, "a/io.stat"), "254:0 \n");
		assert.equal(read(h, "a/io.max"), "");
		assert.equal(read(h, "a/b/io.max"), "254:0 rbps=max wbps=10 riops=max wiops=max\n");
	});
});

describe("io.weight (iocost)", () => {
	const accepted: [string, string][] = [
		["50", "50"],
		["default 60", "60"],
		["default\t70\n", "70"],
		["default80", "80"],
		[" 90", "90"],
		["5abc", "5"],
		["10000", "10000"],
		["1", "1"],
		["254 50", "254"],
		["4294967297", "1"],
	];
	for (const [input, shown] of accepted) {
		it(`takes ${JSON.stringify(input)} as the default weight ${shown}`, () => {
			const h = setup();
			write(h, "a/io.weight", input);
			assert.equal(read(h, "a/io.weight"), `default ${shown}\n`);
		});
	}

	const rejected: [string, string][] = [
		["0", "EINVAL"],
		["10001", "EINVAL"],
		["-1", "EINVAL"],
		["abc", "EINVAL"],
		["default", "EINVAL"],
		["default -5", "EINVAL"],
		["vda 50", "EINVAL"],
		["254:0 50", "EOPNOTSUPP"],
		["254:0 default", "EOPNOTSUPP"],
		["253:0 50\n", "EOPNOTSUPP"],
		["254:1 50", "ENODEV"],
		["254:0:0 50", "EINVAL"],
		["254:0", "EINVAL"],
	];
	for (const [input, errno] of rejected) {
		it(`refuses ${JSON.stringify(input)} with ${errno}`, () => {
			const h = setup();
			write(h, "a/io.weight", "300");
			assertErrno(() => write(h, "a/io.weight", input), errno);
			assert.equal(read(h, "a/io.weight"), "default 300\n");
		});
	}
});

describe("io.bfq.weight", () => {
	it("takes 1..1000 as a number or 'default N' (ERANGE outside); per-device weights need BFQ", () => {
		const h = setup();
		for (const [v, shown] of [
			["500", "500"],
			["default 20", "20"],
			["0x10", "16"],
			["1000", "1000"],
			["1", "1"],
		] as const) {
			write(h, "a/io.bfq.weight", v);
			assert.equal(read(h, "a/io.bfq.weight"), `default ${shown}\n`, v);
		}
		for (const [v, errno] of [
			["0", "ERANGE"],
			["1001", "ERANGE"],
			["default 0", "ERANGE"],
			["abc", "EINVAL"],
			["254:0 100", "EOPNOTSUPP"],
			["254:0 default", "EOPNOTSUPP"],
			["254:1 100", "ENODEV"],
		] as const) {
			assertErrno(() => write(h, "a/io.bfq.weight", v), errno, v);
		}
		assert.equal(read(h, "a/io.bfq.weight"), "default 1\n");
	});
});
