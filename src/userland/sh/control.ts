/**
 * Non-local control flow of the shell language, thrown through the
 * interpreter's generators: break/continue, return, exit (and fatal
 * errors, which exit a non-interactive shell). Plain objects, not Errors:
 * no stack is captured.
 */

export class LoopControl {
	/** How many enclosing loops to leave (break N / continue N). */
	readonly levels: number;
	readonly isContinue: boolean;
	constructor(levels: number, isContinue: boolean) {
		this.levels = levels;
		this.isContinue = isContinue;
	}
}

export class FunctionReturn {
	readonly status: number;
	constructor(status: number) {
		this.status = status;
	}
}

/** `exit`, or a fatal error: the (sub)shell ends with `status` after its EXIT trap. */
export class ShellExit {
	readonly status: number;
	constructor(status: number) {
		this.status = status;
	}
}

/**
 * A shell error, already reported: it ends a non-interactive shell (dash's
 * exraise), except inside a regular builtin, which just fails with
 * `status`, and an interactive shell abandons the command.
 */
export class ShellError {
	readonly status: number;
	constructor(status: number) {
		this.status = status;
	}
}
