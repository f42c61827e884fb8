/**
 * The terminal side of the page's shell: a line discipline in canonical
 * mode with echo, as n_tty gives a shell on a terminal (ICANON, ECHO,
 * ECHOE, ICRNL on input; ONLCR on output). Keystrokes from the page are
 * edited into lines (Backspace erases, ^U kills the line, ^C interrupts
 * the foreground job, ^D ends input on an empty line); a line goes to
 * the shell's stdin at Enter; output newlines become CR LF. Escape
 * sequences (arrow keys, ...) are dropped: there is no history or
 * cursor movement in canonical mode.
 */

export interface TtyHooks {
	/** Bytes for the screen (echo and output), UTF-8 text. */
	readonly screen: (text: string) => void;
	/** A finished line (with its "\n"), or the partial line ^D pushes, for the shell's stdin. */
	readonly line: (text: string) => void;
	/** ^D on an empty line: end of input. */
	readonly eof: () => void;
	/** ^C: SIGINT to the foreground process group. */
	readonly interrupt: () => void;
}

export class LineDiscipline {
	private buf = "";
	private readonly hooks: TtyHooks;
	/** Inside an escape sequence from the keyboard (ESC [ ... final byte). */
	private escape: "none" | "esc" | "csi" = "none";

	constructor(hooks: TtyHooks) {
		this.hooks = hooks;
	}

	/** The line being edited (not yet sent). */
	get pending(): string {
		return this.buf;
	}

	/** Keystrokes from the terminal. */
	input(data: string): void {
		for (const ch of data) this.key(ch);
	}

	private key(ch: string): void {
		const h = this.hooks;
		if (this.escape !== "none") {
			if (this.escape === "esc") this.escape = ch === "[" || ch === "O" ? "csi" : "none";
			else if (ch >= "@" && ch <= "~") this.escape = "none";
			return;
		}
		switch (ch) {
			case "\x1b":
				this.escape = "esc";
				return;
			case "\r":
			case "\n": {
				const line = `${this.buf}\n`;
				this.buf = "";
				h.screen("\r\n");
				h.line(line);
				return;
			}
			case "\x7f":
			case "\b": {
				if (this.buf === "") return;
				const chars = [...this.buf];
				chars.pop();
				this.buf = chars.join("");
				h.screen("\b \b");
				return;
			}
			case "\x15": {
				const n = [...this.buf].length;
				this.buf = "";
				h.screen("\b \b".repeat(n));
				return;
			}
			case "\x03":
				this.buf = "";
				h.screen("^C\r\n");
				h.interrupt();
				return;
			case "\x04":
				if (this.buf === "") h.eof();
				else {
					h.line(this.buf);
					this.buf = "";
				}
				return;
			default:
				if (ch < " " && ch !== "\t") return;
				this.buf += ch;
				h.screen(ch);
		}
	}

	/** Program output for the screen, with ONLCR. */
	output(text: string): void {
		this.hooks.screen(text.replace(/\r?\n/g, "\r\n"));
	}
}
