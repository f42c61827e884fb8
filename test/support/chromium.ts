/**
 * Debian's Chromium driven by playwright-core, for the browser tests and
 * benchmarks of cgkit web. `npm test` installs the package when it is
 * missing and it can (scripts/test-deps.sh); where Chromium is absent or
 * cannot start, launchChromium() says why and the callers skip.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** The flags of a headless Chromium that makes no connection of its own. */
export const CHROMIUM_FLAGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
] as const;

export type Launched = { readonly browser: Browser } | { readonly skip: string };

export async function launchChromium(): Promise<Launched> {
	if (!existsSync(CHROMIUM)) {
		return {
			skip: `${CHROMIUM} is missing (npm test installs Debian's chromium when run as root with apt-get)`,
		};
	}
	try {
		const browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [...CHROMIUM_FLAGS],
			timeout: 60_000,
		});
		return { browser };
	} catch (e) {
		return { skip: `${CHROMIUM} does not start: ${(e as Error).message.split("\n")[0]}` };
	}
}
