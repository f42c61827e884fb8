/**
 * libcgroup's error codes (include/libcgroup/error.h) and the texts
 * cgroup_strerror() gives them, as in libcgroup 3.1.0. ECGOTHER stands for
 * an errno from the C library: its text is strerror(last_errno), so a
 * caller keeps the errno beside the code (Libcg.lastErrno).
 */

export const ECGROUPNOTCOMPILED = 50000;
export const ECGROUPNOTMOUNTED = 50001;
export const ECGROUPNOTEXIST = 50002;
export const ECGROUPNOTCREATED = 50003;
export const ECGROUPSUBSYSNOTMOUNTED = 50004;
export const ECGROUPNOTOWNER = 50005;
export const ECGROUPMULTIMOUNTED = 50006;
export const ECGROUPNOTALLOWED = 50007;
export const ECGMAXVALUESEXCEEDED = 50008;
export const ECGCONTROLLEREXISTS = 50009;
export const ECGVALUEEXISTS = 50010;
export const ECGINVAL = 50011;
export const ECGCONTROLLERCREATEFAILED = 50012;
export const ECGFAIL = 50013;
export const ECGROUPNOTINITIALIZED = 50014;
export const ECGROUPVALUENOTEXIST = 50015;
export const ECGOTHER = 50016;
export const ECGROUPNOTEQUAL = 50017;
export const ECGCONTROLLERNOTEQUAL = 50018;
export const ECGROUPPARSEFAIL = 50019;
export const ECGROUPNORULES = 50020;
export const ECGMOUNTFAIL = 50021;
export const ECGEOF = 50023;
export const ECGCONFIGPARSEFAIL = 50024;
export const ECGNAMESPACEPATHS = 50025;
export const ECGNAMESPACECONTROLLER = 50026;
export const ECGMOUNTNAMESPACE = 50027;
export const ECGROUPUNSUPP = 50028;
export const ECGCANTSETVALUE = 50029;
export const ECGNONEMPTY = 50030;
export const ECGNOVERSIONCONVERT = 50031;

/** cgroup_strerror_codes[], indexed by code - 50000 (50022 is reserved and empty). */
const STRERROR_CODES: readonly string[] = [
	"Cgroup is not compiled in",
	"Cgroup is not mounted",
	"Cgroup does not exist",
	"Cgroup has not been created",
	"Cgroup one of the needed subsystems is not mounted",
	"Cgroup, request came in from non owner",
	"Cgroup controllers are bound to different mount points",
	"Cgroup, operation not allowed",
	"Cgroup value set exceeds maximum",
	"Cgroup controller already exists",
	"Cgroup value already exists",
	"Cgroup invalid operation",
	"Cgroup, creation of controller failed",
	"Cgroup operation failed",
	"Cgroup not initialized",
	"Cgroup, requested group parameter does not exist",
	"Cgroup generic error",
	"Cgroup values are not equal",
	"Cgroup controllers are different",
	"Cgroup parsing failed",
	"Cgroup, rules file does not exist",
	"Cgroup mounting failed",
	"",
	"End of File or iterator",
	"Failed to parse config file",
	"Have multiple paths for the same namespace",
	"Controller in namespace does not exist",
	"Either mount or namespace keyword has to be specified in the configuration file",
	"This kernel does not support this feature",
	"Value setting does not succeed",
	"Failed to remove a non-empty group",
	"Failed to convert from cgroup v1 to/from cgroup v2",
];

/**
 * cgroup_strerror(): the text of a libcgroup code; for ECGOTHER the
 * strerror() of `lastErrnoText` (the C library's text of last_errno).
 * Like the C function it indexes by code % 50000, so small numbers
 * (a plain errno passed by mistake) get a code's text too.
 */
export function cgroupStrerror(code: number, lastErrnoText: string): string {
	if (code === ECGOTHER) return lastErrnoText;
	const idx = code % ECGROUPNOTCOMPILED;
	return STRERROR_CODES[idx] ?? "Invalid error code";
}
