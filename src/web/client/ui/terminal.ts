/** The xterm.js terminal: output is written as it comes, every keystroke POSTed raw to /input. */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";

export interface PageTerminal {
	write(data: string): void;
}

export function openTerminal(el: HTMLElement): PageTerminal {
	const term = new Terminal({
		convertEol: false,
		cursorBlink: true,
		fontSize: 13,
		scrollback: 5000,
	});
	const fit = new FitAddon();
	term.loadAddon(fit);
	term.open(el);
	fit.fit();
	new ResizeObserver(() => fit.fit()).observe(el);
	// Keystrokes go out one POST at a time, in order.
	let chain: Promise<unknown> = Promise.resolve();
	term.onData((data) => {
		chain = chain
			.then(() =>
				fetch("/input", {
					method: "POST",
					body: data,
					headers: { "content-type": "text/plain; charset=utf-8" },
				}),
			)
			.catch(() => undefined);
	});
	term.focus();
	return { write: (data) => term.write(data) };
}
