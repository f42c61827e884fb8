/**
 * Emulated time kept to the wall clock (src/web/pacer.ts) and the
 * scheduler's time source: the clock stops where the pacer says, timers
 * fire at their exact deadline once time allows, and on a live host the
 * clock runs on while the shell waits at its prompt.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXIT_DEAD, EXIT_ZOMBIE } from "../../src/kernel/task.ts";
import { Sys } from "../../src/userland/proc/sys.ts";
import type { Run } from "../../src/userland/proc/types.ts";
import { WallClockPacer } from "../../src/web/pacer.ts";
import { WebSession } from "../../src/web/session.ts";
import { newSystem } from "../support/userland.ts";

describe("WallClockPacer", () => {
	it("lets the clock reach speed x the real time since it was first asked", () => {
		let ms = 1000;
		const p = new WallClockPacer({ speed: 2, realMs: () => ms, maxLagMs: 1e9 });
		assert.equal(p.advance(5_000, 1e12), 5_000);
		ms += 10;
		assert.equal(p.advance(5_000, 1e12), 5_000 + 20_000_000);
		assert.equal(p.advance(5_000, 7_000), 7_000);
		assert.equal(p.idleTimePasses, true);
	});

	it("catches up at most maxLagMs of real time after the host fell behind", () => {
		let ms = 0;
		const p = new WallClockPacer({ speed: 1, realMs: () => ms, maxLagMs: 100 });
		p.advance(0, 1);
		ms = 5_000;
		// Five real seconds passed with the clock still at 1 s: it may go 100 ms further, not 4 s.
		assert.equal(p.advance(1e9, 1e12), 1e9 + 100e6);
		ms += 50;
		assert.equal(p.advance(1.1e9, 1e12), 1e9 + 150e6);
	});

	it("without a finite speed never holds the clock and lets no idle time pass", () => {
		const p = new WallClockPacer({ speed: Number.POSITIVE_INFINITY });
		assert.equal(p.advance(0, 123), 123);
		assert.equal(p.idleTimePasses, false);
		assert.throws(() => new WallClockPacer({ speed: 0 }), RangeError);
		assert.throws(() => new WallClockPacer({ speed: Number.NaN }), RangeError);
	});
});

describe("the scheduler with a time source", () => {
	it("stops the clock where the source says and fires the timer at its deadline once allowed", () => {
		const system = newSystem();
		const { kernel } = system;
		let limit = 400_000_000;
		const asked: [number, number][] = [];
		system.sched.timeSource = {
			idleTimePasses: false,
			wait: () => Promise.resolve(),
			advance: (now, to) => {
				asked.push([now, to]);
				return Math.min(to, limit);
			},
		};
		const task = kernel.fork(kernel.init);
		const sys = new Sys(system, task);
		const run = (function* (): Run<number> {
			return yield* sys.execve("/bin/sleep", ["sleep", "1"], ["PATH=/bin:/usr/bin"]);
		})();
		const start = kernel.clock.now();
		system.sched.spawn(task, run);
		const exited = () => task.exitState === EXIT_ZOMBIE || task.exitState === EXIT_DEAD;
		assert.equal(system.sched.runSync(exited), "paced");
		assert.equal(kernel.clock.now(), 400_000_000);
		assert.equal(exited(), false);
		limit = 5_000_000_000;
		assert.equal(system.sched.runSync(exited), "done");
		assert.equal(kernel.clock.now(), start + 1_000_000_000);
		assert.ok(asked.length >= 2);
		assert.deepEqual(asked[asked.length - 1], [400_000_000, start + 1_000_000_000]);
	});

	it("holds a CPU-bound process until a whole slice is allowed, instead of chasing the limit in slivers", () => {
		const system = newSystem({ cpus: 1 });
		const { kernel } = system;
		let limit = 0;
		let asked = 0;
		system.sched.timeSource = {
			idleTimePasses: true,
			wait: () => Promise.resolve(),
			// As a wall clock does, the limit moves a little (1 µs) between questions.
			advance: (_now, to) => {
				asked++;
				return Math.min(to, limit + asked * 1000);
			},
		};
		const task = kernel.fork(kernel.init);
		const sys = new Sys(system, task);
		const run = (function* (): Run<number> {
			return yield* sys.execve("/bin/sh", ["sh", "-c", "while :; do :; done"], ["PATH=/bin"]);
		})();
		system.sched.spawn(task, run);
		const start = kernel.clock.now();
		limit = start + 2_500_000;
		const exited = () => task.exitState === EXIT_ZOMBIE || task.exitState === EXIT_DEAD;
		// The run stops to wait after two whole slices, not after thousands of 1 µs steps.
		assert.equal(system.sched.runSync(exited, 5000), "paced");
		assert.equal(kernel.clock.now(), start + 2_000_000);
		assert.ok(asked < 10, `asked ${asked} times`);
		kernel.kill(kernel.init, task.pid, 9);
		limit = Number.POSITIVE_INFINITY;
		assert.equal(system.sched.runSync(exited), "done");
	});

	it("on a live host the clock runs on while the shell waits at its prompt: a background sleep ends", async () => {
		const session = new WebSession({ speed: 1000 });
		const { kernel } = session.system;
		const running = session.run(() => new Promise((r) => setImmediate(r)));
		let screen = "";
		session.subscribe((e) => {
			if (e.type === "output") screen += (JSON.parse(e.data) as { data: string }).data;
		});
		session.type("sleep 2 & echo started $!");
		const deadline = Date.now() + 10_000;
		let pid = 0;
		while (Date.now() < deadline) {
			const m = /started (\d+)/.exec(screen);
			if (m) pid = Number(m[1]);
			if (pid !== 0 && kernel.clock.now() > 2.5e9) break;
			await new Promise((r) => setTimeout(r, 10));
		}
		assert.ok(pid > 0, screen);
		assert.ok(kernel.clock.now() > 2.5e9, `clock at ${kernel.clock.now()} ns`);
		// No line was typed after the sleep, and it is gone: time passed at the prompt.
		session.input("wait; echo waited $?\r");
		while (Date.now() < deadline && !screen.includes("waited 0\r\n")) {
			await new Promise((r) => setTimeout(r, 10));
		}
		assert.match(screen, /waited 0\r\n/);
		const left = kernel.findTask(pid);
		assert.equal(left, null, `pid ${pid} is still there: ${left?.comm} ${screen}`);
		session.close();
		await running;
	});
});
