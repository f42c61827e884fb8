/** Reading a yes/no answer from stdin, as GNU tools' prompts do (rpmatch in the C locale). */

import { KernelError } from "../../kernel/errno.ts";
import type { Run } from "../proc/types.ts";
import type { Input } from "./stdio.ts";

/** The next answer line: yes when it starts with y or Y; EOF or a read error is no. */
export function* readAnswer(stdin: Input): Run<boolean> {
	try {
		const line = yield* stdin.line();
		return line !== null && /^[yY]/.test(line);
	} catch (e) {
		if (e instanceof KernelError) return false;
		throw e;
	}
}
