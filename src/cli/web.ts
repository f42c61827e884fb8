/**
 * `cgkit web [--port N] [--open] [--script FILE] [--speed X]`: the live
 * visualiser (src/web/server.ts) for a freshly booted emulated host, on
 * the loopback address. --script types FILE into the page's terminal once
 * it is up; --open asks the desktop to open the page (xdg-open); --speed
 * sets how many emulated seconds pass per real second (src/web/pacer.ts).
 * Ctrl-C stops it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { SystemOptions } from "../userland/system.ts";
import { startWebServer } from "../web/server.ts";

export interface WebFlags {
	readonly port: number;
	readonly open?: boolean;
	readonly script?: string;
	readonly speed: number;
}

export async function runWebCli(system: SystemOptions, flags: WebFlags): Promise<number> {
	let script: string | undefined;
	if (flags.script !== undefined) {
		try {
			script = readFileSync(flags.script, "utf8");
		} catch (e) {
			process.stderr.write(`cgkit web: ${flags.script}: ${(e as Error).message}\n`);
			return 1;
		}
	}
	const server = await startWebServer({
		...system,
		port: flags.port,
		speed: flags.speed,
		...(script !== undefined ? { script } : {}),
	});
	process.stdout.write(`cgkit web: ${server.url}\n`);
	if (flags.open === true) {
		const opener = spawn("xdg-open", [server.url], { stdio: "ignore", detached: true });
		opener.on("error", () =>
			process.stderr.write("cgkit web: cannot run xdg-open; open the address yourself\n"),
		);
		opener.unref();
	}
	await new Promise<void>((resolve) => {
		process.once("SIGINT", resolve);
		process.once("SIGTERM", resolve);
	});
	await server.close();
	return 0;
}
