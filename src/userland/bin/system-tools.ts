/** The system tools of the emulated userland, where Ubuntu installs them. */

import { main as chmod } from "./chmod.ts";
import { main as chown } from "./chown.ts";
import { main as cp } from "./cp.ts";
import { main as id } from "./id.ts";
import { main as kill } from "./kill.ts";
import { main as ln } from "./ln.ts";
import { main as ls } from "./ls.ts";
import { main as mkdir } from "./mkdir.ts";
import { main as mount } from "./mount.ts";
import { main as mv } from "./mv.ts";
import { main as pgrep } from "./pgrep.ts";
import { main as ps } from "./ps.ts";
import type { ProgramEntry } from "./registry.ts";
import { main as rm } from "./rm.ts";
import { main as rmdir } from "./rmdir.ts";
import { main as setpriv } from "./setpriv.ts";
import { main as sleep } from "./sleep.ts";
import { main as stressNg } from "./stress-ng.ts";
import { main as touch } from "./touch.ts";
import { main as umount } from "./umount.ts";
import { main as unshare } from "./unshare.ts";
import { main as whoami } from "./whoami.ts";

export const SYSTEM_PROGRAMS: readonly ProgramEntry[] = [
	{ name: "chmod", dir: "/usr/bin", main: chmod },
	{ name: "chown", dir: "/usr/bin", main: chown },
	{ name: "cp", dir: "/usr/bin", main: cp },
	{ name: "id", dir: "/usr/bin", main: id },
	{ name: "kill", dir: "/usr/bin", main: kill },
	{ name: "ln", dir: "/usr/bin", main: ln },
	{ name: "ls", dir: "/usr/bin", main: ls },
	{ name: "mkdir", dir: "/usr/bin", main: mkdir },
	{ name: "mount", dir: "/usr/bin", main: mount },
	{ name: "mv", dir: "/usr/bin", main: mv },
	{ name: "pgrep", dir: "/usr/bin", main: pgrep },
	{ name: "ps", dir: "/usr/bin", main: ps },
	{ name: "rm", dir: "/usr/bin", main: rm },
	{ name: "rmdir", dir: "/usr/bin", main: rmdir },
	{ name: "setpriv", dir: "/usr/bin", main: setpriv },
	{ name: "sleep", dir: "/usr/bin", main: sleep },
	{ name: "stress-ng", dir: "/usr/bin", main: stressNg },
	{ name: "touch", dir: "/usr/bin", main: touch },
	{ name: "umount", dir: "/usr/bin", main: umount },
	{ name: "unshare", dir: "/usr/bin", main: unshare },
	{ name: "whoami", dir: "/usr/bin", main: whoami },
];
