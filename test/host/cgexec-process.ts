/**
 * `cgkit cgexec` as its own process, for tests whose cgrulesengd runs in
 * the test's process: cgexec's registration with the daemon blocks its
 * thread until the daemon replies, so the two cannot share one. argv[2] is
 * JSON: the tool's argv, the daemon's socket, and the only path prefixes
 * it may change (HOST-SAFETY). The exit status is cgexec's.
 */
import { runHostTool } from "../../src/tools/libcgroup-host.ts";
import { main } from "../../src/userland/lib/libcgroup/tools/cgexec.ts";

const spec = JSON.parse(process.argv[2] ?? "{}") as {
	argv: string[];
	socket: string;
	allow: string[];
};
const allowed = (path: string) => {
	const p = path.replace(/\/+/g, "/");
	return spec.allow.some((a) => p.startsWith(a));
};
const status = await runHostTool(
	main,
	spec.argv,
	{
		stdout: (t) => process.stdout.write(t),
		stderr: (t) => process.stderr.write(t),
		guard: (_op, path) => allowed(path),
		cgredSocket: spec.socket,
	},
	true,
);
process.exit(status);
